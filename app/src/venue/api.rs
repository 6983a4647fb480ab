//! Server functions of the venue page: rooms, the grid pattern, slots, days.
// A form's fields are a server function's arguments; the browser build drops
// an allow on the function itself.
#![allow(clippy::too_many_arguments)]

use super::Venue;
use crate::error::AppError;
use leptos::prelude::*;
use uuid::Uuid;
#[cfg(feature = "ssr")]
use {
    super::{grid, rooms},
    crate::context::RequestCtx,
    crate::web::go_to,
};

#[cfg(feature = "ssr")]
fn venue_page(forum: &str, notice: &str, anchor: &str) -> String {
    format!("/forums/{forum}/venue?notice={notice}#{anchor}")
}

#[server(prefix = "/api", endpoint = "venue/load")]
pub async fn load_venue(forum: String) -> Result<Venue, AppError> {
    rooms::load(&RequestCtx::current()?, &forum).await
}

#[cfg(feature = "ssr")]
fn room_input(
    id: Option<Uuid>,
    name: String,
    capacity: String,
    layout: String,
    location: String,
    features: Option<Vec<String>>,
    languages: Option<Vec<String>>,
    closed_days: Option<Vec<String>>,
    online_only: Option<String>,
) -> rooms::RoomInput {
    rooms::RoomInput {
        id,
        name,
        capacity,
        layout,
        location,
        features: features.unwrap_or_default(),
        languages: languages.unwrap_or_default(),
        closed_days: closed_days.unwrap_or_default(),
        online_only: online_only.is_some(),
    }
}

#[server(prefix = "/api", endpoint = "venue/add-room")]
pub async fn add_room(
    forum: String,
    name: String,
    capacity: String,
    layout: String,
    location: String,
    features: Option<Vec<String>>,
    languages: Option<Vec<String>>,
    closed_days: Option<Vec<String>>,
    online_only: Option<String>,
) -> Result<(), AppError> {
    let input = room_input(
        None,
        name,
        capacity,
        layout,
        location,
        features,
        languages,
        closed_days,
        online_only,
    );
    let id = rooms::save(&RequestCtx::current()?, &forum, input).await?;
    go_to(&venue_page(&forum, "room-added", &format!("room-{id}")));
    Ok(())
}

#[server(prefix = "/api", endpoint = "venue/save-room")]
pub async fn save_room(
    forum: String,
    id: Uuid,
    name: String,
    capacity: String,
    layout: String,
    location: String,
    features: Option<Vec<String>>,
    languages: Option<Vec<String>>,
    closed_days: Option<Vec<String>>,
    online_only: Option<String>,
) -> Result<(), AppError> {
    let input = room_input(
        Some(id),
        name,
        capacity,
        layout,
        location,
        features,
        languages,
        closed_days,
        online_only,
    );
    rooms::save(&RequestCtx::current()?, &forum, input).await?;
    go_to(&venue_page(&forum, "room-saved", &format!("room-{id}")));
    Ok(())
}

#[server(prefix = "/api", endpoint = "venue/remove-room")]
pub async fn remove_room(forum: String, id: Uuid) -> Result<(), AppError> {
    rooms::remove(&RequestCtx::current()?, &forum, id).await?;
    go_to(&venue_page(&forum, "room-removed", "rooms-heading"));
    Ok(())
}

/// Generates days and their session slots from a pattern.
#[server(prefix = "/api", endpoint = "venue/generate")]
pub async fn generate_grid(
    forum: String,
    from: String,
    to: String,
    starts: String,
    length: String,
) -> Result<(), AppError> {
    let done = grid::generate(
        &RequestCtx::current()?,
        &forum,
        &from,
        &to,
        &starts,
        &length,
    )
    .await?;
    let notice = if done.kept > 0 {
        "grid-generated-kept"
    } else {
        "grid-generated"
    };
    go_to(&venue_page(&forum, notice, "grid-heading"));
    Ok(())
}

#[server(prefix = "/api", endpoint = "venue/add-slot")]
pub async fn add_slot(
    forum: String,
    day: Uuid,
    start: String,
    length: String,
    kind: String,
    blocked: Option<String>,
    label: String,
) -> Result<(), AppError> {
    let input = grid::SlotInput {
        target: grid::SlotTarget::NewIn(day),
        start,
        length,
        kind,
        blocked: blocked.is_some(),
        label,
    };
    grid::save_slot(&RequestCtx::current()?, &forum, input).await?;
    go_to(&venue_page(&forum, "slot-saved", &format!("day-{day}")));
    Ok(())
}

#[server(prefix = "/api", endpoint = "venue/save-slot")]
pub async fn save_slot(
    forum: String,
    id: Uuid,
    start: String,
    length: String,
    kind: String,
    blocked: Option<String>,
    label: String,
) -> Result<(), AppError> {
    let input = grid::SlotInput {
        target: grid::SlotTarget::Slot(id),
        start,
        length,
        kind,
        blocked: blocked.is_some(),
        label,
    };
    let day = grid::save_slot(&RequestCtx::current()?, &forum, input).await?;
    go_to(&venue_page(&forum, "slot-saved", &format!("day-{day}")));
    Ok(())
}

#[server(prefix = "/api", endpoint = "venue/remove-slot")]
pub async fn remove_slot(forum: String, id: Uuid) -> Result<(), AppError> {
    grid::remove_slot(&RequestCtx::current()?, &forum, id).await?;
    go_to(&venue_page(&forum, "slot-removed", "grid-heading"));
    Ok(())
}

#[server(prefix = "/api", endpoint = "venue/remove-day")]
pub async fn remove_day(forum: String, id: Uuid) -> Result<(), AppError> {
    grid::remove_day(&RequestCtx::current()?, &forum, id).await?;
    go_to(&venue_page(&forum, "day-removed", "grid-heading"));
    Ok(())
}
