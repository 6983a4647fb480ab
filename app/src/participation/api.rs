//! Server functions of session sign-up.

use super::{JoinView, SessionSeats};
use crate::error::AppError;
use leptos::prelude::*;
use uuid::Uuid;
#[cfg(feature = "ssr")]
use {
    super::{remote, service, SignupState},
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

/// Organisers set a session's own remote meeting (an empty address: the
/// room's).
#[server(name = SaveSessionMeeting, prefix = "/api", endpoint = "participation/meeting")]
pub async fn save_meeting(
    forum: String,
    id: Uuid,
    meeting_url: String,
    meeting_id: String,
    meeting_passcode: String,
) -> Result<(), AppError> {
    let ctx = RequestCtx::current()?;
    ctx.require_organiser(&forum)?;
    let meeting = remote::check_meeting(&meeting_url, &meeting_id, &meeting_passcode)?;
    remote::save_meeting(&ctx, &forum, id, meeting).await?;
    go_to(&format!(
        "/forums/{forum}/programme/sessions/{id}?notice=meeting-saved"
    ));
    Ok(())
}

/// The visitor's personal join link for a session: made, then opened.
#[server(name = JoinLink, prefix = "/api", endpoint = "participation/join-link")]
pub async fn join_link(forum: String, session: String) -> Result<(), AppError> {
    let token = remote::link_for(&RequestCtx::current()?, &forum, &session).await?;
    go_to(&format!("/join/{token}"));
    Ok(())
}

/// What a join link opens (recorded as a use).
#[server(name = OpenJoinLink, prefix = "/api", endpoint = "participation/join")]
pub async fn open_join_link(token: String, session: Option<String>) -> Result<JoinView, AppError> {
    remote::open(&RequestCtx::current()?, &token, session.as_deref()).await
}

/// Organisers revoke a person's join link ("1") or allow it again ("").
#[server(name = RevokeJoinLink, prefix = "/api", endpoint = "participation/revoke-link")]
pub async fn revoke_link(forum: String, id: Uuid, revoke: String) -> Result<(), AppError> {
    let revoked = !revoke.is_empty();
    let session = remote::set_revoked(&RequestCtx::current()?, &forum, id, revoked).await?;
    let notice = if revoked {
        "join-link-revoked"
    } else {
        "join-link-restored"
    };
    go_to(&format!(
        "/forums/{forum}/programme/sessions/{session}?notice={notice}"
    ));
    Ok(())
}

/// Organisers set a room's remote meeting, used by its sessions without one.
#[server(name = SaveRoomMeeting, prefix = "/api", endpoint = "participation/room-meeting")]
pub async fn save_room_meeting(
    forum: String,
    id: Uuid,
    meeting_url: String,
    meeting_id: String,
    meeting_passcode: String,
) -> Result<(), AppError> {
    let ctx = RequestCtx::current()?;
    ctx.require_organiser(&forum)?;
    let meeting = remote::check_meeting(&meeting_url, &meeting_id, &meeting_passcode)?;
    remote::save_room_meeting(&ctx, &forum, id, meeting).await?;
    go_to(&format!(
        "/forums/{forum}/venue/rooms/{id}?notice=meeting-saved"
    ));
    Ok(())
}
