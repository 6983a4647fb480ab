//! The programme's time grid (server only): days and time slots generated
//! from a pattern, then edited slot by slot.

use super::times::{check_day, parse_length, parse_starts, parse_time, MAX_DAYS};
use super::{BREAK_SLOT, SESSION_SLOT};
use crate::admin::audit;
use crate::context::RequestCtx;
use crate::db::{begin_write, programme_day, time_slot};
use crate::error::{AppError, Problems};
use crate::forums::editions::by_code;
use crate::forums::rules::date;
use crate::programme::sessions::unplace;
use crate::proposals::fields::text;
use sea_orm::{entity::prelude::*, ActiveValue::Set, ConnectionTrait};
use std::collections::HashSet;

/// What generating a pattern did: days added, and days left as they were
/// because they had slots already.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Generated {
    pub added: u32,
    pub kept: u32,
}

/// Makes the days from `from` to `to`, each with a session slot of
/// `length` minutes at each start time. Days that have slots keep them.
pub async fn generate(
    ctx: &RequestCtx,
    code: &str,
    from: &str,
    to: &str,
    starts: &str,
    length: &str,
) -> Result<Generated, AppError> {
    let me = ctx.require_organiser(code)?.user_id();
    let f = by_code(ctx, code).await?;
    let mut problems = Problems::new();
    let from = problems.check("from", date(from));
    let to = problems.check("to", date(to));
    if let (Some(a), Some(b)) = (from, to) {
        if b < a {
            problems.add("to", "grid.dates-order");
        } else if (b - a).num_days() >= MAX_DAYS {
            problems.add("to", "grid.too-many-days");
        }
    }
    let starts = problems.check("starts", parse_starts(starts));
    let length = problems.check("length", parse_length(length));
    if let (Some(starts), Some(length)) = (&starts, length) {
        let day: Vec<(u32, u32)> = starts.iter().map(|s| (*s, length)).collect();
        problems.check("starts", check_day(&day));
    }
    problems.into_result()?;
    let (from, to, starts, length) = (from.unwrap(), to.unwrap(), starts.unwrap(), length.unwrap());

    let txn = begin_write(ctx.db()).await?;
    let existing = programme_day::Entity::find()
        .filter(programme_day::Column::ForumId.eq(f.id))
        .filter(programme_day::Column::Day.between(from, to))
        .all(&txn)
        .await?;
    let with_slots: HashSet<Uuid> = time_slot::Entity::find()
        .filter(time_slot::Column::DayId.is_in(existing.iter().map(|d| d.id)))
        .all(&txn)
        .await?
        .into_iter()
        .map(|s| s.day_id)
        .collect();
    let mut done = Generated { added: 0, kept: 0 };
    let mut new_days = vec![];
    let mut new_slots = vec![];
    for day in from.iter_days().take_while(|d| *d <= to) {
        let day_id = match existing.iter().find(|d| d.day == day) {
            Some(d) if with_slots.contains(&d.id) => {
                done.kept += 1;
                continue;
            }
            Some(d) => d.id,
            None => {
                let id = Uuid::new_v4();
                new_days.push(programme_day::ActiveModel {
                    id: Set(id),
                    forum_id: Set(f.id),
                    day: Set(day),
                    label: Set(String::new()),
                });
                id
            }
        };
        done.added += 1;
        for start in &starts {
            new_slots.push(time_slot::ActiveModel {
                id: Set(Uuid::new_v4()),
                forum_id: Set(f.id),
                day_id: Set(day_id),
                start_minute: Set(*start as i32),
                length_minutes: Set(length as i32),
                kind: Set(SESSION_SLOT.to_string()),
                blocked: Set(false),
                label: Set(String::new()),
            });
        }
    }
    if !new_days.is_empty() {
        programme_day::Entity::insert_many(new_days)
            .exec(&txn)
            .await?;
    }
    if !new_slots.is_empty() {
        time_slot::Entity::insert_many(new_slots).exec(&txn).await?;
    }
    audit::record(
        &txn,
        Some(me),
        "grid.generated",
        &f.code,
        &format!("{from} – {to}"),
        &ctx.client_addr,
    )
    .await?;
    txn.commit().await?;
    Ok(done)
}

/// Which slot a form changes.
#[derive(Clone, Copy, Debug)]
pub enum SlotTarget {
    /// A new slot of this day.
    NewIn(Uuid),
    Slot(Uuid),
}

/// A slot as typed in the venue page.
#[derive(Clone, Debug)]
pub struct SlotInput {
    pub target: SlotTarget,
    pub start: String,
    pub length: String,
    pub kind: String,
    pub blocked: bool,
    pub label: String,
}

async fn day_of(
    db: &impl ConnectionTrait,
    forum: Uuid,
    id: Uuid,
) -> Result<programme_day::Model, AppError> {
    programme_day::Entity::find_by_id(id)
        .filter(programme_day::Column::ForumId.eq(forum))
        .one(db)
        .await?
        .ok_or(AppError::NotFound)
}

/// Adds a slot to a day, or changes one; the day's slots must still end by
/// midnight and not overlap. Returns the day's id.
pub async fn save_slot(ctx: &RequestCtx, code: &str, input: SlotInput) -> Result<Uuid, AppError> {
    let me = ctx.require_organiser(code)?.user_id();
    let f = by_code(ctx, code).await?;
    let mut problems = Problems::new();
    let start = problems.check("start", parse_time(&input.start).ok_or("grid.time-invalid"));
    let length = problems.check("length", parse_length(&input.length));
    let kind = input.kind.trim();
    if ![SESSION_SLOT, BREAK_SLOT].contains(&kind) {
        problems.add("kind", "field.choice-invalid");
    }
    let label = problems
        .check("label", text(&input.label, 120))
        .unwrap_or_default();
    problems.into_result()?;
    let (start, length) = (start.unwrap(), length.unwrap());

    let txn = begin_write(ctx.db()).await?;
    let (day_id, id) = match input.target {
        SlotTarget::NewIn(day) => (day, None),
        SlotTarget::Slot(id) => {
            let slot = time_slot::Entity::find_by_id(id)
                .filter(time_slot::Column::ForumId.eq(f.id))
                .one(&txn)
                .await?
                .ok_or(AppError::NotFound)?;
            (slot.day_id, Some(id))
        }
    };
    let day = day_of(&txn, f.id, day_id).await?;
    let others = time_slot::Entity::find()
        .filter(time_slot::Column::DayId.eq(day.id))
        .all(&txn)
        .await?;
    let mut slot = match id {
        Some(id) => others
            .iter()
            .find(|s| s.id == id)
            .cloned()
            .ok_or(AppError::NotFound)?
            .into(),
        None => time_slot::ActiveModel {
            id: Set(Uuid::new_v4()),
            forum_id: Set(f.id),
            day_id: Set(day.id),
            ..Default::default()
        },
    };
    let mut day_slots: Vec<(u32, u32)> = others
        .iter()
        .filter(|s| Some(s.id) != id)
        .map(|s| (s.start_minute as u32, s.length_minutes as u32))
        .collect();
    day_slots.push((start, length));
    if let Err(e) = check_day(&day_slots) {
        return Err(AppError::field("start", e));
    }
    slot.start_minute = Set(start as i32);
    slot.length_minutes = Set(length as i32);
    slot.kind = Set(kind.to_string());
    slot.blocked = Set(input.blocked && kind == SESSION_SLOT);
    slot.label = Set(label);
    if let Some(id) = id.filter(|_| kind == BREAK_SLOT) {
        // A break holds no session: those placed there leave it.
        unplace(&txn, f.id, &[], &[id], Some(me)).await?;
    }
    if id.is_some() {
        slot.update(&txn).await?;
    } else {
        slot.insert(&txn).await?;
    }
    audit::record(
        &txn,
        Some(me),
        "grid.slot-saved",
        &f.code,
        &format!("{} {}", day.day, super::times::clock(start)),
        &ctx.client_addr,
    )
    .await?;
    txn.commit().await?;
    Ok(day.id)
}

pub async fn remove_slot(ctx: &RequestCtx, code: &str, id: Uuid) -> Result<(), AppError> {
    let me = ctx.require_organiser(code)?.user_id();
    let f = by_code(ctx, code).await?;
    let txn = begin_write(ctx.db()).await?;
    let slot = time_slot::Entity::find_by_id(id)
        .filter(time_slot::Column::ForumId.eq(f.id))
        .one(&txn)
        .await?
        .ok_or(AppError::NotFound)?;
    unplace(&txn, f.id, &[], &[slot.id], Some(me)).await?;
    time_slot::Entity::delete_by_id(slot.id).exec(&txn).await?;
    audit::record(
        &txn,
        Some(me),
        "grid.slot-removed",
        &f.code,
        &super::times::clock(slot.start_minute as u32),
        &ctx.client_addr,
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

/// Removes a day with its slots.
pub async fn remove_day(ctx: &RequestCtx, code: &str, id: Uuid) -> Result<(), AppError> {
    let me = ctx.require_organiser(code)?.user_id();
    let f = by_code(ctx, code).await?;
    let txn = begin_write(ctx.db()).await?;
    let day = day_of(&txn, f.id, id).await?;
    let slots: Vec<Uuid> = time_slot::Entity::find()
        .filter(time_slot::Column::DayId.eq(day.id))
        .all(&txn)
        .await?
        .into_iter()
        .map(|s| s.id)
        .collect();
    unplace(&txn, f.id, &[], &slots, Some(me)).await?;
    time_slot::Entity::delete_many()
        .filter(time_slot::Column::DayId.eq(day.id))
        .exec(&txn)
        .await?;
    programme_day::Entity::delete_by_id(day.id)
        .exec(&txn)
        .await?;
    audit::record(
        &txn,
        Some(me),
        "grid.day-removed",
        &f.code,
        &day.day.to_string(),
        &ctx.client_addr,
    )
    .await?;
    txn.commit().await?;
    Ok(())
}
