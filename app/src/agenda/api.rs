//! Server functions of the personal agenda.

use super::MyAgenda as Agenda;
use crate::error::AppError;
use leptos::prelude::*;
#[cfg(feature = "ssr")]
use {
    super::service,
    crate::context::RequestCtx,
    crate::web::{back_with, go_to},
};

/// Where to go back after starring: the page it was done on, else the agenda.
#[cfg(feature = "ssr")]
fn back_to(back: &str, forum: &str, notice: &str) -> String {
    back_with(
        Some(back),
        &format!("/forums/{forum}/agenda"),
        &format!("notice={notice}"),
    )
}

#[server(prefix = "/api", endpoint = "agenda/star")]
pub async fn star(
    forum: String,
    session: String,
    on: Option<String>,
    back: Option<String>,
) -> Result<(), AppError> {
    let on = on.is_some_and(|v| !v.is_empty());
    service::star(&RequestCtx::current()?, &forum, &session, on).await?;
    let notice = if on {
        "agenda-starred"
    } else {
        "agenda-unstarred"
    };
    go_to(&back_to(&back.unwrap_or_default(), &forum, notice));
    Ok(())
}

#[server(prefix = "/api", endpoint = "agenda/mine")]
pub async fn my_agenda(forum: String) -> Result<Agenda, AppError> {
    service::mine(&RequestCtx::current()?, &forum).await
}

#[server(prefix = "/api", endpoint = "agenda/new-feed")]
pub async fn new_feed(forum: String) -> Result<String, AppError> {
    let token = service::new_feed(&RequestCtx::current()?, &forum).await?;
    go_to(&format!(
        "/forums/{forum}/agenda?notice=agenda-feed-created&feed={token}"
    ));
    Ok(token)
}

#[server(prefix = "/api", endpoint = "agenda/stop-feed")]
pub async fn stop_feed(forum: String) -> Result<(), AppError> {
    service::stop_feed(&RequestCtx::current()?, &forum).await?;
    go_to(&format!(
        "/forums/{forum}/agenda?notice=agenda-feed-stopped"
    ));
    Ok(())
}
