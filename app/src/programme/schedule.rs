//! The schedule editor (server only): the draft programme of one day with
//! every conflict of the whole programme (the solver's rules), moving a
//! session to a room and slot (refused if taken: a unique index guards the
//! race too), pinning, undoing the last change, and the editor's limits.

use super::instance::Programme;
use super::sessions::record_move;
use super::{
    ChangeView, ConflictView, GridRoom, GridSession, GridSlot, MovePlan, Place, Schedule, ACTIVE,
};
use crate::admin::audit;
use crate::context::RequestCtx;
use crate::db::{begin_write, forum, now, programme_session, room, schedule_change, time_slot};
use crate::error::{AppError, Problems};
use crate::forums::editions::by_code;
use crate::i18n::{translate_with, Locale};
use crate::venue::times::clock;
use crate::venue::SESSION_SLOT;
use sea_orm::{
    entity::prelude::*,
    sea_query::{Expr, ExprTrait},
    ActiveValue::Set,
    QueryOrder, QuerySelect,
};
use std::collections::HashMap;

/// Changes listed in the editor's history.
const RECENT: u64 = 10;

/// "Day 1 (2027-06-22) 09:00"
pub fn slot_name(locale: Locale, date: &str, number: Option<u32>, start: &str) -> String {
    format!("{} {start}", crate::venue::day_label(locale, date, number))
}

/// What one rule found, as the solver reports it (positions in the
/// programme's lists), in words the pages show.
pub struct Finding<'a> {
    pub key: String,
    pub code: &'a str,
    pub hard: bool,
    pub sessions: &'a [usize],
    pub people: &'a [usize],
    pub rooms: &'a [usize],
    pub slots: &'a [usize],
    pub params: &'a std::collections::BTreeMap<String, serde_json::Value>,
}

/// People's names in the instance's order (their email where no name).
pub fn people_names(p: &Programme, instance: &solver::Instance) -> Vec<String> {
    instance
        .people
        .iter()
        .zip(p.person_keys())
        .map(|(q, k)| if q.name.is_empty() { k } else { q.name.clone() })
        .collect()
}

/// A finding as the pages show it.
pub fn explain(p: &Programme, names: &[String], locale: Locale, f: Finding) -> ConflictView {
    let mut params: Vec<(String, String)> = f
        .params
        .iter()
        .map(|(k, v)| {
            let text = match v {
                serde_json::Value::String(s) => s.clone(),
                serde_json::Value::Array(list) => list
                    .iter()
                    .map(|x| {
                        x.as_str()
                            .map(|f| translate_with(locale, &format!("room.feature.{f}"), &[]))
                            .unwrap_or_else(|| x.to_string())
                    })
                    .collect::<Vec<_>>()
                    .join(", "),
                other => other.to_string(),
            };
            (k.clone(), text)
        })
        .collect();
    if let Some(day) = f.params.get("day").and_then(|d| d.as_u64()) {
        // The solver counts days from 0 in the programme's order.
        if let Some(d) = p.days.get(day as usize) {
            params.retain(|(k, _)| k != "day");
            params.push(("day".into(), d.day.to_string()));
        }
    }
    ConflictView {
        key: f.key,
        code: f.code.to_string(),
        hard: f.hard,
        sessions: f
            .sessions
            .iter()
            .filter_map(|&s| p.sessions.get(s))
            .map(|s| (s.id, s.code.clone()))
            .collect(),
        people: f
            .people
            .iter()
            .filter_map(|&q| names.get(q).cloned())
            .collect(),
        rooms: f
            .rooms
            .iter()
            .filter_map(|&r| p.rooms.get(r))
            .map(|r| r.name.clone())
            .collect(),
        slots: f
            .slots
            .iter()
            .filter_map(|&t| p.slots.get(t))
            .map(|s| {
                let (date, n, start) = p.slot_label(s);
                slot_name(locale, &date, n, &start)
            })
            .collect(),
        params,
    }
}

/// Every conflict of `assignment`, hard ones first, in words; and per
/// session, how many hard problems and warnings name it.
pub fn conflicts_of(
    p: &Programme,
    instance: &solver::Instance,
    assignment: &solver::Assignment,
    locale: Locale,
) -> (Vec<ConflictView>, HashMap<Uuid, (u32, u32)>) {
    let mut found = solver::check(instance, assignment);
    found.sort_by_key(|c| (!c.hard, c.kind));
    let names = people_names(p, instance);
    let mut per_session: HashMap<Uuid, (u32, u32)> = HashMap::new();
    let views = found
        .iter()
        .map(|c| {
            let view = explain(
                p,
                &names,
                locale,
                Finding {
                    key: c.key.clone(),
                    code: c.kind.code(),
                    hard: c.hard,
                    sessions: &c.sessions,
                    people: &c.people,
                    rooms: &c.rooms,
                    slots: &c.slots,
                    params: &c.params,
                },
            );
            for (id, _) in &view.sessions {
                let counts = per_session.entry(*id).or_default();
                if c.hard {
                    counts.0 += 1;
                } else {
                    counts.1 += 1;
                }
            }
            view
        })
        .collect();
    (views, per_session)
}

/// The conflicts of the draft programme as it is.
pub(super) fn conflicts(
    p: &Programme,
    locale: Locale,
) -> (Vec<ConflictView>, HashMap<Uuid, (u32, u32)>) {
    let (instance, assignment) = p.instance();
    conflicts_of(p, &instance, &assignment, locale)
}

fn grid_session(s: &programme_session::Model, counts: Option<&(u32, u32)>) -> GridSession {
    let (hard, warnings) = counts.copied().unwrap_or_default();
    GridSession {
        id: s.id,
        code: s.code.clone(),
        title: s.title.clone(),
        duration: s.duration_minutes,
        room: s.room_id,
        slot: s.slot_id,
        pinned: s.pinned,
        version: s.version,
        hard,
        warnings,
    }
}

async fn place_names(
    db: &impl ConnectionTrait,
    f: &forum::Model,
    locale: Locale,
) -> Result<impl Fn(Option<Uuid>, Option<Uuid>) -> Option<String>, AppError> {
    let places = super::sessions::Places::load(db, f).await?;
    Ok(move |room: Option<Uuid>, slot: Option<Uuid>| {
        places.of(room, slot).map(|p: Place| {
            format!(
                "{} · {}",
                slot_name(locale, &p.day, p.day_number, &p.start),
                p.room
            )
        })
    })
}

/// The editor for one day (the first, without `day`), in a constant number
/// of statements.
pub async fn load(ctx: &RequestCtx, code: &str, day: Option<&str>) -> Result<Schedule, AppError> {
    ctx.require_organiser(code)?;
    let f = by_code(ctx, code).await?;
    let db = ctx.db();
    let p = Programme::load(db, f.clone()).await?;
    let (conflict_list, counts) = conflicts(&p, ctx.locale);
    let shown = day
        .and_then(|d| p.days.iter().find(|x| x.day.to_string() == d))
        .or(p.days.first());
    let slots: Vec<GridSlot> = match shown {
        Some(d) => time_slot::Entity::find()
            .filter(time_slot::Column::DayId.eq(d.id))
            .order_by_asc(time_slot::Column::StartMinute)
            .all(db)
            .await?
            .into_iter()
            .map(|s| GridSlot {
                id: s.id,
                start: clock(s.start_minute as u32),
                end: clock((s.start_minute + s.length_minutes) as u32),
                is_break: s.kind != SESSION_SLOT,
                blocked: s.blocked,
                label: s.label,
            })
            .collect(),
        None => vec![],
    };
    let on_day: Vec<Uuid> = slots.iter().map(|s| s.id).collect();
    let placed = p
        .sessions
        .iter()
        .chain(&p.ceremonies)
        .filter(|s| s.slot_id.is_some_and(|t| on_day.contains(&t)))
        .map(|s| grid_session(s, counts.get(&s.id)))
        .collect();
    let unplaced = p
        .sessions
        .iter()
        .filter(|s| s.room_id.is_none() || s.slot_id.is_none())
        .map(|s| grid_session(s, counts.get(&s.id)))
        .collect();
    let place = place_names(db, &f, ctx.locale).await?;
    let changes = schedule_change::Entity::find()
        .filter(schedule_change::Column::ForumId.eq(f.id))
        .order_by_desc(schedule_change::Column::ChangedAt)
        .limit(RECENT)
        .all(db)
        .await?;
    let codes: HashMap<Uuid, String> = programme_session::Entity::find()
        .select_only()
        .columns([
            programme_session::Column::Id,
            programme_session::Column::Code,
        ])
        .filter(programme_session::Column::Id.is_in(changes.iter().map(|c| c.session_id)))
        .into_tuple::<(Uuid, String)>()
        .all(db)
        .await?
        .into_iter()
        .collect();
    Ok(Schedule {
        forum_code: f.code.clone(),
        forum_name: f.name.clone(),
        time_zone: f.time_zone.clone(),
        days: p
            .days
            .iter()
            .map(|d| {
                (
                    d.day.to_string(),
                    crate::venue::rooms::day_number(&f, d.day),
                )
            })
            .collect(),
        day: shown.map(|d| d.day.to_string()),
        rooms: p
            .rooms
            .iter()
            .map(|r| GridRoom {
                id: r.id,
                name: r.name.clone(),
                capacity: r.capacity,
                online_only: r.online_only,
            })
            .collect(),
        slots,
        placed,
        unplaced,
        conflicts: conflict_list,
        recent: changes
            .iter()
            .map(|c| ChangeView {
                session: codes.get(&c.session_id).cloned().unwrap_or_default(),
                from: place(c.from_room, c.from_slot),
                to: place(c.to_room, c.to_slot),
                at: c.changed_at.to_rfc3339(),
                undone: c.undone,
            })
            .collect(),
        max_parallel_same_theme: f.max_parallel_same_theme,
        max_sessions_per_person_day: f.max_sessions_per_person_day,
    })
}

/// The "move to…" page of one session.
pub async fn move_plan(ctx: &RequestCtx, code: &str, id: Uuid) -> Result<MovePlan, AppError> {
    ctx.require_organiser(code)?;
    let f = by_code(ctx, code).await?;
    let p = Programme::load(ctx.db(), f.clone()).await?;
    let s = p
        .sessions
        .iter()
        .chain(&p.ceremonies)
        .find(|s| s.id == id)
        .ok_or(AppError::NotFound)?;
    let (all, counts) = conflicts(&p, ctx.locale);
    let places = super::sessions::Places::load(ctx.db(), &f).await?;
    Ok(MovePlan {
        forum_code: f.code.clone(),
        forum_name: f.name.clone(),
        session: grid_session(s, counts.get(&s.id)),
        place: places.of(s.room_id, s.slot_id),
        slots: p
            .slots
            .iter()
            .map(|t| {
                let (date, n, start) = p.slot_label(t);
                let end = clock((t.start_minute + t.length_minutes) as u32);
                (
                    t.id,
                    format!("{}–{end}", slot_name(ctx.locale, &date, n, &start)),
                )
            })
            .collect(),
        rooms: p.rooms.iter().map(|r| (r.id, r.name.clone())).collect(),
        conflicts: all
            .into_iter()
            .filter(|c| c.sessions.iter().any(|(sid, _)| *sid == id))
            .collect(),
    })
}

fn parse_id(problems: &mut Problems, field: &str, text: &str) -> Option<Uuid> {
    match text.trim() {
        "" => None,
        t => match t.parse() {
            Ok(id) => Some(id),
            Err(_) => {
                problems.add(field, "field.choice-invalid");
                None
            }
        },
    }
}

/// Moves a session to a room and slot (both), or out of the programme
/// (neither). Refused when the place is taken or the session was moved by
/// someone else since the page was shown (`version`).
pub async fn move_session(
    ctx: &RequestCtx,
    code: &str,
    id: Uuid,
    version: i32,
    room_text: &str,
    slot_text: &str,
) -> Result<(), AppError> {
    let me = ctx.require_organiser(code)?.user_id();
    let f = by_code(ctx, code).await?;
    let mut problems = Problems::new();
    let room_id = parse_id(&mut problems, "room", room_text);
    let slot_id = parse_id(&mut problems, "slot", slot_text);
    match (room_id, slot_id) {
        (Some(_), None) => problems.add("slot", "programme.place-incomplete"),
        (None, Some(_)) => problems.add("room", "programme.place-incomplete"),
        _ => {}
    }
    problems.into_result()?;
    let txn = begin_write(ctx.db()).await?;
    let s = programme_session::Entity::find_by_id(id)
        .filter(programme_session::Column::ForumId.eq(f.id))
        .filter(programme_session::Column::Status.eq(ACTIVE))
        .one(&txn)
        .await?
        .ok_or(AppError::NotFound)?;
    if s.version != version {
        return Err(AppError::form("programme.moved-meanwhile"));
    }
    if let (Some(r), Some(t)) = (room_id, slot_id) {
        room::Entity::find_by_id(r)
            .filter(room::Column::ForumId.eq(f.id))
            .one(&txn)
            .await?
            .ok_or_else(|| AppError::field("room", "field.choice-invalid"))?;
        let slot = time_slot::Entity::find_by_id(t)
            .filter(time_slot::Column::ForumId.eq(f.id))
            .one(&txn)
            .await?
            .ok_or_else(|| AppError::field("slot", "field.choice-invalid"))?;
        if slot.kind != SESSION_SLOT {
            return Err(AppError::field("slot", "programme.slot-is-break"));
        }
        let taken = programme_session::Entity::find()
            .filter(programme_session::Column::RoomId.eq(r))
            .filter(programme_session::Column::SlotId.eq(t))
            .filter(programme_session::Column::Id.ne(s.id))
            .one(&txn)
            .await?;
        if taken.is_some() {
            return Err(AppError::field("slot", "programme.place-taken"));
        }
    }
    record_move(&txn, &s, (room_id, slot_id), Some(me)).await?;
    let done = programme_session::Entity::update_many()
        .col_expr(programme_session::Column::RoomId, Expr::value(room_id))
        .col_expr(programme_session::Column::SlotId, Expr::value(slot_id))
        .col_expr(
            programme_session::Column::Version,
            Expr::col(programme_session::Column::Version).add(1),
        )
        .col_expr(
            programme_session::Column::Pinned,
            Expr::value(s.pinned && room_id.is_some()),
        )
        .col_expr(programme_session::Column::UpdatedAt, Expr::value(now()))
        .filter(programme_session::Column::Id.eq(s.id))
        .filter(programme_session::Column::Version.eq(version))
        .exec(&txn)
        .await;
    match done {
        Ok(r) if r.rows_affected == 1 => {}
        Ok(_) => return Err(AppError::form("programme.moved-meanwhile")),
        // The unique place index: someone took the place in between.
        Err(e) if is_unique_violation(&e) => {
            return Err(AppError::field("slot", "programme.place-taken"))
        }
        Err(e) => return Err(e.into()),
    }
    audit::record(
        &txn,
        Some(me),
        "session.moved",
        &f.code,
        &s.code,
        &ctx.client_addr,
    )
    .await?;
    txn.commit().await.map_err(|e| {
        if is_unique_violation(&e) {
            AppError::field("slot", "programme.place-taken")
        } else {
            e.into()
        }
    })?;
    Ok(())
}

pub(super) fn is_unique_violation(e: &DbErr) -> bool {
    matches!(
        e.sql_err(),
        Some(sea_orm::SqlErr::UniqueConstraintViolation(_))
    )
}

/// Pins a placed session where it is (the scheduler leaves it), or unpins it.
pub async fn pin(ctx: &RequestCtx, code: &str, id: Uuid, pinned: bool) -> Result<(), AppError> {
    let me = ctx.require_organiser(code)?.user_id();
    let f = by_code(ctx, code).await?;
    let txn = begin_write(ctx.db()).await?;
    let s = programme_session::Entity::find_by_id(id)
        .filter(programme_session::Column::ForumId.eq(f.id))
        .filter(programme_session::Column::Status.eq(ACTIVE))
        .one(&txn)
        .await?
        .ok_or(AppError::NotFound)?;
    if pinned && (s.room_id.is_none() || s.slot_id.is_none()) {
        return Err(AppError::form("programme.pin-unplaced"));
    }
    let session_code = s.code.clone();
    let mut active: programme_session::ActiveModel = s.into();
    active.pinned = Set(pinned);
    active.update(&txn).await?;
    let event = if pinned {
        "session.pinned"
    } else {
        "session.unpinned"
    };
    audit::record(
        &txn,
        Some(me),
        event,
        &f.code,
        &session_code,
        &ctx.client_addr,
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

/// Undoes the latest change not yet undone: the session goes back where it
/// was, if that place is still free.
pub async fn undo(ctx: &RequestCtx, code: &str) -> Result<(), AppError> {
    let me = ctx.require_organiser(code)?.user_id();
    let f = by_code(ctx, code).await?;
    let txn = begin_write(ctx.db()).await?;
    let last = schedule_change::Entity::find()
        .filter(schedule_change::Column::ForumId.eq(f.id))
        .filter(schedule_change::Column::Undone.eq(false))
        .order_by_desc(schedule_change::Column::ChangedAt)
        .one(&txn)
        .await?
        .ok_or_else(|| AppError::form("programme.nothing-to-undo"))?;
    let s = programme_session::Entity::find_by_id(last.session_id)
        .one(&txn)
        .await?
        .ok_or(AppError::NotFound)?;
    if s.status != ACTIVE || (s.room_id, s.slot_id) != (last.to_room, last.to_slot) {
        return Err(AppError::form("programme.undo-stale"));
    }
    if let (Some(r), Some(t)) = (last.from_room, last.from_slot) {
        let taken = programme_session::Entity::find()
            .filter(programme_session::Column::RoomId.eq(r))
            .filter(programme_session::Column::SlotId.eq(t))
            .filter(programme_session::Column::Id.ne(s.id))
            .one(&txn)
            .await?;
        if taken.is_some() {
            return Err(AppError::form("programme.undo-taken"));
        }
    }
    programme_session::Entity::update_many()
        .col_expr(
            programme_session::Column::RoomId,
            Expr::value(last.from_room),
        )
        .col_expr(
            programme_session::Column::SlotId,
            Expr::value(last.from_slot),
        )
        .col_expr(
            programme_session::Column::Version,
            Expr::col(programme_session::Column::Version).add(1),
        )
        .col_expr(programme_session::Column::UpdatedAt, Expr::value(now()))
        .filter(programme_session::Column::Id.eq(s.id))
        .exec(&txn)
        .await?;
    schedule_change::Entity::update_many()
        .col_expr(schedule_change::Column::Undone, Expr::value(true))
        .filter(schedule_change::Column::Id.eq(last.id))
        .exec(&txn)
        .await?;
    audit::record(
        &txn,
        Some(me),
        "session.move-undone",
        &f.code,
        &s.code,
        &ctx.client_addr,
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

/// The editor's limits: same-theme sessions at once, sessions of one
/// person in a day (empty or 0: none).
pub async fn save_limits(
    ctx: &RequestCtx,
    code: &str,
    parallel: &str,
    per_day: &str,
) -> Result<(), AppError> {
    let me = ctx.require_organiser(code)?.user_id();
    let f = by_code(ctx, code).await?;
    let mut problems = Problems::new();
    let limit = |problems: &mut Problems, field: &str, text: &str| match text.trim() {
        "" => 0,
        t => match t.parse::<i32>() {
            Ok(n) if (0..=50).contains(&n) => n,
            _ => {
                problems.add(field, "programme.limit-invalid");
                0
            }
        },
    };
    let parallel = limit(&mut problems, "max_parallel_same_theme", parallel);
    let per_day = limit(&mut problems, "max_sessions_per_person_day", per_day);
    problems.into_result()?;
    let txn = begin_write(ctx.db()).await?;
    forum::Entity::update_many()
        .col_expr(forum::Column::MaxParallelSameTheme, Expr::value(parallel))
        .col_expr(forum::Column::MaxSessionsPerPersonDay, Expr::value(per_day))
        .filter(forum::Column::Id.eq(f.id))
        .exec(&txn)
        .await?;
    audit::record(
        &txn,
        Some(me),
        "schedule.limits",
        &f.code,
        &format!("{parallel} / {per_day}"),
        &ctx.client_addr,
    )
    .await?;
    txn.commit().await?;
    Ok(())
}
