//! Server functions of the programme's sessions.
// A form's fields are a server function's arguments; the browser build drops
// an allow on the function itself.
#![allow(clippy::too_many_arguments)]

use super::{MovePlan as Plan, Schedule as Editor, SessionDetail as Detail, SessionList as List};
use crate::error::AppError;
use leptos::prelude::*;
use uuid::Uuid;
#[cfg(feature = "ssr")]
use {
    super::schedule,
    super::sessions::{self, PersonForm, SessionInput},
    crate::context::RequestCtx,
    crate::proposals::fields::PersonInput,
    crate::web::go_to,
};

#[cfg(feature = "ssr")]
fn session_page(forum: &str, id: Uuid, notice: &str) -> String {
    format!("/forums/{forum}/programme/sessions/{id}?notice={notice}")
}

#[server(prefix = "/api", endpoint = "programme/sessions")]
pub async fn session_list(forum: String) -> Result<List, AppError> {
    sessions::list(&RequestCtx::current()?, &forum).await
}

#[server(prefix = "/api", endpoint = "programme/session")]
pub async fn session_detail(forum: String, id: Uuid) -> Result<Detail, AppError> {
    sessions::detail(&RequestCtx::current()?, &forum, id).await
}

#[cfg(feature = "ssr")]
fn session_input(
    title: String,
    description: String,
    session_type: String,
    theme: String,
    duration: String,
    audience: String,
    features: Option<Vec<String>>,
    online_only: Option<String>,
    hybrid: Option<String>,
) -> SessionInput {
    SessionInput {
        title,
        description,
        session_type,
        theme,
        duration,
        audience,
        features: features.unwrap_or_default(),
        online_only: online_only.is_some(),
        hybrid: hybrid.is_some(),
    }
}

#[server(prefix = "/api", endpoint = "programme/create-session")]
pub async fn create_session(
    forum: String,
    title: String,
    description: String,
    session_type: String,
    theme: String,
    duration: String,
    audience: String,
    features: Option<Vec<String>>,
    online_only: Option<String>,
    hybrid: Option<String>,
) -> Result<(), AppError> {
    let input = session_input(
        title,
        description,
        session_type,
        theme,
        duration,
        audience,
        features,
        online_only,
        hybrid,
    );
    let id = sessions::create(&RequestCtx::current()?, &forum, input).await?;
    go_to(&session_page(&forum, id, "session-created"));
    Ok(())
}

#[server(prefix = "/api", endpoint = "programme/save-session")]
pub async fn save_session(
    forum: String,
    id: Uuid,
    title: String,
    description: String,
    session_type: String,
    theme: String,
    duration: String,
    audience: String,
    features: Option<Vec<String>>,
    online_only: Option<String>,
    hybrid: Option<String>,
) -> Result<(), AppError> {
    let input = session_input(
        title,
        description,
        session_type,
        theme,
        duration,
        audience,
        features,
        online_only,
        hybrid,
    );
    sessions::update(&RequestCtx::current()?, &forum, id, input).await?;
    go_to(&session_page(&forum, id, "session-saved"));
    Ok(())
}

/// Keeps a session's materials (titled links, `materials[i][title|url]`).
#[server(prefix = "/api", endpoint = "programme/save-materials")]
pub async fn save_materials(
    forum: String,
    id: Uuid,
    materials: Option<Vec<super::materials::MaterialInput>>,
) -> Result<(), AppError> {
    let rows = materials.unwrap_or_default();
    sessions::save_materials(&RequestCtx::current()?, &forum, id, &rows).await?;
    go_to(&session_page(&forum, id, "materials-saved"));
    Ok(())
}

/// Cancels a session ("cancel") or restores it ("restore").
#[server(prefix = "/api", endpoint = "programme/session-status")]
pub async fn session_status(forum: String, id: Uuid, status: String) -> Result<(), AppError> {
    let cancelled = match status.as_str() {
        "cancel" => true,
        "restore" => false,
        _ => return Err(AppError::field("status", "field.choice-invalid")),
    };
    sessions::set_cancelled(&RequestCtx::current()?, &forum, id, cancelled).await?;
    let notice = if cancelled {
        "session-cancelled"
    } else {
        "session-restored"
    };
    go_to(&session_page(&forum, id, notice));
    Ok(())
}

#[server(prefix = "/api", endpoint = "programme/add-person")]
pub async fn add_session_person(
    forum: String,
    session: Uuid,
    role: String,
    name: String,
    email: String,
    organisation: String,
    country: String,
    stakeholder_group: String,
    gender: String,
    onsite: Option<String>,
    unavailable_days: Option<Vec<String>>,
) -> Result<(), AppError> {
    let form = PersonForm {
        person: PersonInput {
            role,
            name,
            email,
            organisation,
            country,
            stakeholder_group,
            gender,
            onsite,
            known: String::new(),
        },
        unavailable_days: unavailable_days.unwrap_or_default(),
    };
    sessions::add_person(&RequestCtx::current()?, &forum, session, form).await?;
    go_to(&session_page(&forum, session, "person-added"));
    Ok(())
}

#[server(prefix = "/api", endpoint = "programme/remove-person")]
pub async fn remove_session_person(forum: String, id: Uuid) -> Result<(), AppError> {
    let session = sessions::remove_person(&RequestCtx::current()?, &forum, id).await?;
    go_to(&session_page(&forum, session, "person-removed"));
    Ok(())
}

#[cfg(feature = "ssr")]
fn editor_page(forum: &str, day: Option<&str>, notice: &str) -> String {
    match day {
        Some(d) => format!("/forums/{forum}/programme/schedule?day={d}&notice={notice}"),
        None => format!("/forums/{forum}/programme/schedule?notice={notice}"),
    }
}

#[server(prefix = "/api", endpoint = "programme/schedule")]
pub async fn schedule_editor(forum: String, day: Option<String>) -> Result<Editor, AppError> {
    schedule::load(&RequestCtx::current()?, &forum, day.as_deref()).await
}

#[server(prefix = "/api", endpoint = "programme/move-plan")]
pub async fn move_plan(forum: String, id: Uuid) -> Result<Plan, AppError> {
    schedule::move_plan(&RequestCtx::current()?, &forum, id).await
}

/// Moves a session to a room and slot, or takes it out of the programme
/// (both empty). `day` is the editor's day to go back to.
#[server(prefix = "/api", endpoint = "programme/move")]
pub async fn move_session(
    forum: String,
    id: Uuid,
    version: i32,
    room: String,
    slot: String,
    day: Option<String>,
) -> Result<(), AppError> {
    schedule::move_session(&RequestCtx::current()?, &forum, id, version, &room, &slot).await?;
    go_to(&editor_page(
        &forum,
        day.as_deref().filter(|d| !d.is_empty()),
        "session-moved",
    ));
    Ok(())
}

/// Pins a placed session where it is ("pin") or unpins it ("unpin").
#[server(prefix = "/api", endpoint = "programme/pin")]
pub async fn pin_session(forum: String, id: Uuid, pin: String) -> Result<(), AppError> {
    let pinned = match pin.as_str() {
        "pin" => true,
        "unpin" => false,
        _ => return Err(AppError::field("pin", "field.choice-invalid")),
    };
    schedule::pin(&RequestCtx::current()?, &forum, id, pinned).await?;
    go_to(&format!(
        "/forums/{forum}/programme/schedule/sessions/{id}?notice={}",
        if pinned {
            "session-pinned"
        } else {
            "session-unpinned"
        }
    ));
    Ok(())
}

#[server(prefix = "/api", endpoint = "programme/undo")]
pub async fn undo_move(forum: String, day: Option<String>) -> Result<(), AppError> {
    schedule::undo(&RequestCtx::current()?, &forum).await?;
    go_to(&editor_page(
        &forum,
        day.as_deref().filter(|d| !d.is_empty()),
        "move-undone",
    ));
    Ok(())
}

#[server(prefix = "/api", endpoint = "programme/limits")]
pub async fn schedule_limits(
    forum: String,
    max_parallel_same_theme: String,
    max_sessions_per_person_day: String,
    day: Option<String>,
) -> Result<(), AppError> {
    schedule::save_limits(
        &RequestCtx::current()?,
        &forum,
        &max_parallel_same_theme,
        &max_sessions_per_person_day,
    )
    .await?;
    go_to(&editor_page(
        &forum,
        day.as_deref().filter(|d| !d.is_empty()),
        "limits-saved",
    ));
    Ok(())
}
