//! Rooms of an edition's venue (server only): the venue page's data, and
//! adding, changing and removing rooms.

use super::{split_codes, DayView, RoomView, SlotView, Venue, FEATURES, LANGUAGES, LAYOUTS};
use super::{times::clock, MAX_CAPACITY, MAX_ROOMS};
use crate::admin::audit;
use crate::context::RequestCtx;
use crate::db::{begin_write, forum, now, programme_day, room, time_slot};
use crate::error::{AppError, Problems};
use crate::forums::editions::by_code;
use crate::proposals::fields::{required_text, text};
use sea_orm::{entity::prelude::*, ActiveValue::Set, PaginatorTrait, QueryOrder};
use std::collections::HashMap;

/// The venue page in three statements (and the edition's): rooms, days,
/// slots.
pub async fn load(ctx: &RequestCtx, code: &str) -> Result<Venue, AppError> {
    ctx.require_organiser(code)?;
    let f = by_code(ctx, code).await?;
    let db = ctx.db();
    let rooms = room::Entity::find()
        .filter(room::Column::ForumId.eq(f.id))
        .order_by_asc(room::Column::Position)
        .order_by_asc(room::Column::Name)
        .all(db)
        .await?;
    let days = programme_day::Entity::find()
        .filter(programme_day::Column::ForumId.eq(f.id))
        .order_by_asc(programme_day::Column::Day)
        .all(db)
        .await?;
    let mut slots: HashMap<Uuid, Vec<SlotView>> = HashMap::new();
    for s in time_slot::Entity::find()
        .filter(time_slot::Column::ForumId.eq(f.id))
        .order_by_asc(time_slot::Column::StartMinute)
        .all(db)
        .await?
    {
        let (start, length) = (s.start_minute as u32, s.length_minutes as u32);
        slots.entry(s.day_id).or_default().push(SlotView {
            id: s.id,
            start: clock(start),
            end: clock(start + length),
            length,
            kind: s.kind,
            blocked: s.blocked,
            label: s.label,
        });
    }
    let iso = |d: Option<chrono::NaiveDate>| d.map(|d| d.to_string()).unwrap_or_default();
    Ok(Venue {
        forum_code: f.code.clone(),
        forum_name: f.name.clone(),
        time_zone: f.time_zone.clone(),
        rooms: rooms.into_iter().map(view_of).collect(),
        days: days
            .into_iter()
            .map(|d| DayView {
                id: d.id,
                date: d.day.to_string(),
                number: day_number(&f, d.day),
                label: d.label,
                slots: slots.remove(&d.id).unwrap_or_default(),
            })
            .collect(),
        from: iso(f.day_zero.or(f.first_day)),
        to: iso(f.last_day),
    })
}

/// 0 for the edition's Day 0, then 1, 2… from its first day.
pub fn day_number(f: &forum::Model, day: chrono::NaiveDate) -> Option<u32> {
    if f.day_zero == Some(day) {
        return Some(0);
    }
    let first = f.first_day?;
    (day >= first).then(|| (day - first).num_days() as u32 + 1)
}

fn view_of(r: room::Model) -> RoomView {
    RoomView {
        id: r.id,
        name: r.name,
        capacity: r.capacity,
        layout: r.layout,
        location: r.location,
        features: split_codes(&r.features),
        languages: split_codes(&r.languages),
        closed_days: split_codes(&r.closed_days),
        online_only: r.online_only,
        meeting: crate::participation::Meeting {
            url: r.meeting_url,
            id: r.meeting_id,
            passcode: r.meeting_passcode,
        },
    }
}

/// A room as typed in the venue page's form.
#[derive(Clone, Debug, Default)]
pub struct RoomInput {
    /// None: a new room.
    pub id: Option<Uuid>,
    pub name: String,
    pub capacity: String,
    pub layout: String,
    pub location: String,
    pub features: Vec<String>,
    pub languages: Vec<String>,
    pub closed_days: Vec<String>,
    pub online_only: bool,
}

/// Codes picked from a fixed list, in the list's order; anything else is an
/// error for `field`.
fn picked(problems: &mut Problems, field: &str, chosen: &[String], known: &[&str]) -> Vec<String> {
    if chosen.iter().any(|c| !known.contains(&c.as_str())) {
        problems.add(field, "field.choice-invalid");
    }
    known
        .iter()
        .filter(|k| chosen.iter().any(|c| c == *k))
        .map(|k| (*k).to_owned())
        .collect()
}

/// Adds a room, or changes one (`input.id`).
pub async fn save(ctx: &RequestCtx, code: &str, input: RoomInput) -> Result<Uuid, AppError> {
    let me = ctx.require_organiser(code)?.user_id();
    let f = by_code(ctx, code).await?;
    let mut problems = Problems::new();
    let name = problems
        .check("name", required_text(&input.name, 120))
        .unwrap_or_default();
    let capacity = match input.capacity.trim().parse::<i32>() {
        Ok(n) if (1..=MAX_CAPACITY).contains(&n) => n,
        _ if input.capacity.trim().is_empty() => {
            problems.add("capacity", "field.required");
            0
        }
        _ => {
            problems.add("capacity", "room.capacity-invalid");
            0
        }
    };
    let layout = input.layout.trim().to_string();
    if !layout.is_empty() && !LAYOUTS.contains(&layout.as_str()) {
        problems.add("layout", "field.choice-invalid");
    }
    let location = problems
        .check("location", text(&input.location, 200))
        .unwrap_or_default();
    let features = picked(&mut problems, "features", &input.features, &FEATURES);
    let languages = picked(&mut problems, "languages", &input.languages, &LANGUAGES);
    if !languages.is_empty() && !features.iter().any(|f| f == "interpretation") {
        problems.add("languages", "room.languages-need-interpretation");
    }
    let db = ctx.db();
    let days: Vec<String> = programme_day::Entity::find()
        .filter(programme_day::Column::ForumId.eq(f.id))
        .order_by_asc(programme_day::Column::Day)
        .all(db)
        .await?
        .into_iter()
        .map(|d| d.day.to_string())
        .collect();
    let known_days: Vec<&str> = days.iter().map(String::as_str).collect();
    let closed = picked(
        &mut problems,
        "closed_days",
        &input.closed_days,
        &known_days,
    );
    problems.into_result()?;

    let txn = begin_write(db).await?;
    let same_name = room::Entity::find()
        .filter(room::Column::ForumId.eq(f.id))
        .filter(room::Column::Name.eq(name.clone()))
        .one(&txn)
        .await?;
    if same_name.is_some_and(|r| Some(r.id) != input.id) {
        return Err(AppError::field("name", "room.name-taken"));
    }
    let existing = match input.id {
        Some(id) => Some(
            room::Entity::find_by_id(id)
                .filter(room::Column::ForumId.eq(f.id))
                .one(&txn)
                .await?
                .ok_or(AppError::NotFound)?,
        ),
        None => None,
    };
    let count = room::Entity::find()
        .filter(room::Column::ForumId.eq(f.id))
        .count(&txn)
        .await?;
    if existing.is_none() && count as usize >= MAX_ROOMS {
        return Err(AppError::form("room.too-many"));
    }
    let is_new = existing.is_none();
    let mut row: room::ActiveModel = match existing {
        Some(r) => r.into(),
        None => room::ActiveModel {
            id: Set(Uuid::new_v4()),
            forum_id: Set(f.id),
            position: Set(count as i32),
            created_at: Set(now()),
            ..Default::default()
        },
    };
    row.name = Set(name.clone());
    row.capacity = Set(capacity);
    row.layout = Set(layout);
    row.location = Set(location);
    row.features = Set(features.join(","));
    row.languages = Set(languages.join(","));
    row.closed_days = Set(closed.join(","));
    row.online_only = Set(input.online_only);
    let id = if is_new {
        row.insert(&txn).await?.id
    } else {
        row.update(&txn).await?.id
    };
    let event = if input.id.is_some() {
        "room.changed"
    } else {
        "room.added"
    };
    audit::record(&txn, Some(me), event, &f.code, &name, &ctx.client_addr).await?;
    txn.commit().await?;
    Ok(id)
}

/// Removes a room.
pub async fn remove(ctx: &RequestCtx, code: &str, id: Uuid) -> Result<(), AppError> {
    let me = ctx.require_organiser(code)?.user_id();
    let f = by_code(ctx, code).await?;
    let txn = begin_write(ctx.db()).await?;
    let r = room::Entity::find_by_id(id)
        .filter(room::Column::ForumId.eq(f.id))
        .one(&txn)
        .await?
        .ok_or(AppError::NotFound)?;
    crate::programme::sessions::unplace(&txn, f.id, &[r.id], &[], Some(me)).await?;
    room::Entity::delete_by_id(r.id).exec(&txn).await?;
    audit::record(
        &txn,
        Some(me),
        "room.removed",
        &f.code,
        &r.name,
        &ctx.client_addr,
    )
    .await?;
    txn.commit().await?;
    Ok(())
}
