//! Server functions of session sign-up.

use super::SessionSeats;
use crate::error::AppError;
use leptos::prelude::*;
use uuid::Uuid;
#[cfg(feature = "ssr")]
use {
    super::{service, SignupState},
    crate::context::RequestCtx,
    crate::web::{back_with, go_to},
};

/// Goes back to the session's page (or the page the form was on).
#[cfg(feature = "ssr")]
fn back_to(back: Option<String>, forum: &str, session: &str, notice: &str) -> String {
    back_with(
        back.as_deref(),
        &crate::programme::exports::session_path(forum, session),
        &format!("notice={notice}"),
    )
}

/// Signs the visitor up for a released session (its key).
#[server(name = SignUpForSession, prefix = "/api", endpoint = "participation/sign-up")]
pub async fn sign_up(forum: String, session: String, back: Option<String>) -> Result<(), AppError> {
    let done = service::sign_up(&RequestCtx::current()?, &forum, &session).await?;
    let notice = match (done.state, done.clashes.is_empty()) {
        (SignupState::Waiting, _) => "signup-waiting",
        (_, false) => "signed-up-clash",
        _ => "signed-up",
    };
    go_to(&back_to(back, &forum, &session, notice));
    Ok(())
}

/// Cancels the visitor's sign-up (or place in the waiting list).
#[server(name = CancelSignup, prefix = "/api", endpoint = "participation/cancel")]
pub async fn cancel(forum: String, session: String, back: Option<String>) -> Result<(), AppError> {
    service::cancel(&RequestCtx::current()?, &forum, &session).await?;
    go_to(&back_to(back, &forum, &session, "signup-cancelled"));
    Ok(())
}

/// A session's sign-ups, for the organisers.
#[server(name = LoadSessionSeats, prefix = "/api", endpoint = "participation/session-seats")]
pub async fn session_seats(forum: String, id: Uuid) -> Result<SessionSeats, AppError> {
    service::session_seats(&RequestCtx::current()?, &forum, id).await
}

/// Organisers set a session's seat limit (empty: the room's capacity).
#[server(name = SetSeatLimit, prefix = "/api", endpoint = "participation/seat-limit")]
pub async fn seat_limit(forum: String, id: Uuid, seat_limit: String) -> Result<(), AppError> {
    service::set_limit(&RequestCtx::current()?, &forum, id, &seat_limit).await?;
    go_to(&format!(
        "/forums/{forum}/programme/sessions/{id}?notice=seat-limit-saved"
    ));
    Ok(())
}
