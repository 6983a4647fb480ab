//! Server functions of the floor queue: thin, each checks who calls (in the
//! service) and goes back to the floor page with a notice.

use super::FloorPage;
use crate::error::AppError;
use leptos::prelude::*;
#[cfg(feature = "ssr")]
use {super::floor_path, super::service, crate::context::RequestCtx, crate::web::go_to};

#[cfg(feature = "ssr")]
fn back(forum: &str, session: &str, notice: &str) {
    go_to(&format!("{}?notice={notice}", floor_path(forum, session)));
}

#[server(name = LoadFloorPage, prefix = "/api", endpoint = "floor/page")]
pub async fn floor_page(forum: String, session: String) -> Result<FloorPage, AppError> {
    service::page(&RequestCtx::current()?, &forum, &session).await
}

#[server(name = AskForFloor, prefix = "/api", endpoint = "floor/ask")]
pub async fn ask(forum: String, session: String, topic: Option<String>) -> Result<(), AppError> {
    let topic = topic.unwrap_or_default();
    service::ask(&RequestCtx::current()?, &forum, &session, &topic).await?;
    back(&forum, &session, "floor-asked");
    Ok(())
}

#[server(name = WithdrawFloor, prefix = "/api", endpoint = "floor/withdraw")]
pub async fn withdraw(forum: String, session: String) -> Result<(), AppError> {
    service::withdraw(&RequestCtx::current()?, &forum, &session).await?;
    back(&forum, &session, "floor-withdrawn");
    Ok(())
}

#[server(name = OpenFloor, prefix = "/api", endpoint = "floor/open")]
pub async fn open(forum: String, session: String, open: Option<String>) -> Result<(), AppError> {
    let open = open.is_some_and(|v| !v.is_empty());
    service::set_open(&RequestCtx::current()?, &forum, &session, open).await?;
    back(
        &forum,
        &session,
        if open { "floor-opened" } else { "floor-closed" },
    );
    Ok(())
}

#[server(name = GiveFloor, prefix = "/api", endpoint = "floor/give")]
pub async fn give(forum: String, session: String, request: String) -> Result<(), AppError> {
    service::give(&RequestCtx::current()?, &forum, &session, &request).await?;
    back(&forum, &session, "floor-given");
    Ok(())
}

#[server(name = FinishFloor, prefix = "/api", endpoint = "floor/done")]
pub async fn done(forum: String, session: String, request: String) -> Result<(), AppError> {
    service::finish(&RequestCtx::current()?, &forum, &session, &request).await?;
    back(&forum, &session, "floor-done");
    Ok(())
}
