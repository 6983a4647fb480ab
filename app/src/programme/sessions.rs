//! The programme's sessions (server only): the organisers' list and session
//! page, making and changing sessions and their people, cancelling them, and
//! keeping the sessions of accepted proposals in step with the decisions
//! (`sync_from_proposals`, called in the transaction that releases, promotes
//! or answers a decision).

use super::{
    Place, SessionDetail, SessionList, SessionPersonView, SessionRow, ACTIVE, CANCELLED,
    DEFAULT_DURATION, MAX_SESSION_PEOPLE,
};
use crate::admin::audit;
use crate::context::RequestCtx;
use crate::db::{
    begin_write, forum, now, programme_day, programme_session, proposal, proposal_person, room,
    schedule_change, session_person, session_type, theme, time_slot,
};
use crate::error::{AppError, Problems};
use crate::forums::editions::by_code;
use crate::proposals::fields::{self, required_text, text, PersonInput};
use crate::review::outcome::{self, WITHDRAWN};
use crate::venue::rooms::day_number;
use crate::venue::times::{clock, parse_length};
use crate::venue::{split_codes, FEATURES};
use sea_orm::{
    entity::prelude::*,
    sea_query::{Expr, ExprTrait},
    ActiveValue::Set,
    ConnectionTrait, QueryOrder, QuerySelect,
};
use std::collections::{HashMap, HashSet};

/// The largest expected audience.
pub const MAX_AUDIENCE: i32 = 100_000;
pub const MAX_DESCRIPTION: usize = 5_000;

/// Where sessions can be: rooms, slots and days by id (three statements).
pub struct Places {
    rooms: HashMap<Uuid, String>,
    slots: HashMap<Uuid, (Uuid, i32)>,
    days: HashMap<Uuid, (chrono::NaiveDate, Option<u32>)>,
}

impl Places {
    pub async fn load(db: &impl ConnectionTrait, f: &forum::Model) -> Result<Places, AppError> {
        let rooms = room::Entity::find()
            .filter(room::Column::ForumId.eq(f.id))
            .all(db)
            .await?
            .into_iter()
            .map(|r| (r.id, r.name))
            .collect();
        let slots = time_slot::Entity::find()
            .filter(time_slot::Column::ForumId.eq(f.id))
            .all(db)
            .await?
            .into_iter()
            .map(|s| (s.id, (s.day_id, s.start_minute)))
            .collect();
        let days = programme_day::Entity::find()
            .filter(programme_day::Column::ForumId.eq(f.id))
            .all(db)
            .await?
            .into_iter()
            .map(|d| (d.id, (d.day, day_number(f, d.day))))
            .collect();
        Ok(Places { rooms, slots, days })
    }

    /// The place of a session placed in `room` at `slot`.
    pub fn of(&self, room: Option<Uuid>, slot: Option<Uuid>) -> Option<Place> {
        let room = self.rooms.get(&room?)?;
        let (day, start) = self.slots.get(&slot?)?;
        let (date, number) = self.days.get(day)?;
        Some(Place {
            day: date.to_string(),
            day_number: *number,
            start: clock(*start as u32),
            room: room.clone(),
        })
    }
}

async fn types_of(
    db: &impl ConnectionTrait,
    forum_id: Uuid,
) -> Result<Vec<(Uuid, String)>, AppError> {
    Ok(session_type::Entity::find()
        .filter(session_type::Column::ForumId.eq(forum_id))
        .order_by_asc(session_type::Column::Position)
        .all(db)
        .await?
        .into_iter()
        .map(|t| (t.id, t.name))
        .collect())
}

async fn themes_of(
    db: &impl ConnectionTrait,
    forum_id: Uuid,
) -> Result<Vec<(Uuid, String)>, AppError> {
    Ok(theme::Entity::find()
        .filter(theme::Column::ForumId.eq(forum_id))
        .filter(theme::Column::ParentId.is_null())
        .order_by_asc(theme::Column::Position)
        .all(db)
        .await?
        .into_iter()
        .map(|t| (t.id, t.name))
        .collect())
}

fn name_of(list: &[(Uuid, String)], id: Option<Uuid>) -> String {
    list.iter()
        .find(|(i, _)| Some(*i) == id)
        .map(|(_, n)| n.clone())
        .unwrap_or_default()
}

/// The organisers' list of sessions, in eight statements however many.
pub async fn list(ctx: &RequestCtx, code: &str) -> Result<SessionList, AppError> {
    ctx.require_organiser(code)?;
    let f = by_code(ctx, code).await?;
    let db = ctx.db();
    let sessions = programme_session::Entity::find()
        .filter(programme_session::Column::ForumId.eq(f.id))
        .order_by_asc(programme_session::Column::Code)
        .all(db)
        .await?;
    let people: HashMap<Uuid, i64> = session_person::Entity::find()
        .select_only()
        .column(session_person::Column::SessionId)
        .column_as(Expr::col(session_person::Column::Id).count(), "n")
        .filter(
            session_person::Column::SessionId.in_subquery(sea_orm::QueryTrait::into_query(
                programme_session::Entity::find()
                    .select_only()
                    .column(programme_session::Column::Id)
                    .filter(programme_session::Column::ForumId.eq(f.id)),
            )),
        )
        .group_by(session_person::Column::SessionId)
        .into_tuple::<(Uuid, i64)>()
        .all(db)
        .await?
        .into_iter()
        .collect();
    let proposal_codes: HashMap<Uuid, String> = proposal::Entity::find()
        .select_only()
        .columns([proposal::Column::Id, proposal::Column::Code])
        .filter(proposal::Column::ForumId.eq(f.id))
        .filter(proposal::Column::Code.is_not_null())
        .into_tuple::<(Uuid, Option<String>)>()
        .all(db)
        .await?
        .into_iter()
        .filter_map(|(id, c)| Some((id, c?)))
        .collect();
    let types = types_of(db, f.id).await?;
    let themes = themes_of(db, f.id).await?;
    let places = Places::load(db, &f).await?;
    Ok(SessionList {
        forum_code: f.code.clone(),
        forum_name: f.name.clone(),
        sessions: sessions
            .into_iter()
            .map(|s| SessionRow {
                id: s.id,
                session_type: name_of(&types, s.session_type_id),
                theme: name_of(&themes, s.theme_id),
                duration: s.duration_minutes,
                audience: s.expected_audience,
                features: split_codes(&s.required_features),
                online_only: s.online_only,
                people: people.get(&s.id).copied().unwrap_or(0) as u32,
                place: places.of(s.room_id, s.slot_id),
                pinned: s.pinned,
                proposal: s.proposal_id.and_then(|p| proposal_codes.get(&p).cloned()),
                status: s.status,
                code: s.code,
                title: s.title,
            })
            .collect(),
        types,
        themes,
    })
}

async fn session_of(
    db: &impl ConnectionTrait,
    forum_id: Uuid,
    id: Uuid,
) -> Result<programme_session::Model, AppError> {
    programme_session::Entity::find_by_id(id)
        .filter(programme_session::Column::ForumId.eq(forum_id))
        .one(db)
        .await?
        .ok_or(AppError::NotFound)
}

/// One session with its people, for the organisers.
pub async fn detail(ctx: &RequestCtx, code: &str, id: Uuid) -> Result<SessionDetail, AppError> {
    ctx.require_organiser(code)?;
    let f = by_code(ctx, code).await?;
    let db = ctx.db();
    let s = session_of(db, f.id, id).await?;
    let people = session_person::Entity::find()
        .filter(session_person::Column::SessionId.eq(s.id))
        .order_by_asc(session_person::Column::Position)
        .all(db)
        .await?;
    let proposal = match s.proposal_id {
        Some(p) => proposal::Entity::find_by_id(p)
            .one(db)
            .await?
            .map(|p| (p.id, p.code.unwrap_or_default())),
        None => None,
    };
    let days = programme_day::Entity::find()
        .filter(programme_day::Column::ForumId.eq(f.id))
        .order_by_asc(programme_day::Column::Day)
        .all(db)
        .await?;
    let places = Places::load(db, &f).await?;
    Ok(SessionDetail {
        forum_code: f.code.clone(),
        forum_name: f.name.clone(),
        id: s.id,
        code: s.code,
        title: s.title,
        description: s.description,
        session_type: s.session_type_id,
        theme: s.theme_id,
        duration: s.duration_minutes,
        audience: s.expected_audience,
        features: split_codes(&s.required_features),
        online_only: s.online_only,
        hybrid: s.hybrid,
        status: s.status,
        place: places.of(s.room_id, s.slot_id),
        proposal,
        materials: super::materials::read(&s.materials),
        people: people
            .into_iter()
            .map(|x| SessionPersonView {
                id: x.id,
                role: x.role,
                name: x.name,
                email: x.email,
                organisation: x.organisation,
                country: x.country.unwrap_or_default(),
                stakeholder_group: x.stakeholder_group.unwrap_or_default(),
                gender: x.gender.unwrap_or_default(),
                onsite: x.onsite,
                unavailable_days: split_codes(&x.unavailable_days),
            })
            .collect(),
        types: types_of(db, f.id).await?,
        themes: themes_of(db, f.id).await?,
        days: days
            .iter()
            .map(|d| {
                let n = day_number(&f, d.day);
                (
                    d.day.to_string(),
                    n.map(|n| n.to_string()).unwrap_or_default(),
                )
            })
            .collect(),
    })
}

/// A session as typed in the organisers' forms.
#[derive(Clone, Debug, Default)]
pub struct SessionInput {
    pub title: String,
    pub description: String,
    pub session_type: String,
    pub theme: String,
    pub duration: String,
    pub audience: String,
    pub features: Vec<String>,
    pub online_only: bool,
    pub hybrid: bool,
}

struct Checked {
    title: String,
    description: String,
    session_type: Option<Uuid>,
    theme: Option<Uuid>,
    duration: i32,
    audience: i32,
    features: String,
}

fn one_of(
    problems: &mut Problems,
    field: &str,
    typed: &str,
    known: &[(Uuid, String)],
) -> Option<Uuid> {
    match typed.trim() {
        "" => None,
        t => match t
            .parse::<Uuid>()
            .ok()
            .filter(|id| known.iter().any(|(k, _)| k == id))
        {
            Some(id) => Some(id),
            None => {
                problems.add(field, "field.choice-invalid");
                None
            }
        },
    }
}

async fn check(
    db: &impl ConnectionTrait,
    forum_id: Uuid,
    input: &SessionInput,
) -> Result<Checked, AppError> {
    let mut problems = Problems::new();
    let title = problems
        .check(
            "title",
            required_text(&input.title, fields::MAX_TITLE_CHARS),
        )
        .unwrap_or_default();
    let description = problems
        .check("description", text(&input.description, MAX_DESCRIPTION))
        .unwrap_or_default();
    let types = types_of(db, forum_id).await?;
    let themes = themes_of(db, forum_id).await?;
    let session_type = one_of(&mut problems, "session_type", &input.session_type, &types);
    let theme = one_of(&mut problems, "theme", &input.theme, &themes);
    let duration = problems
        .check("duration", parse_length(&input.duration))
        .unwrap_or(0) as i32;
    let audience = match input.audience.trim() {
        "" => 0,
        a => match a.parse::<i32>() {
            Ok(n) if (0..=MAX_AUDIENCE).contains(&n) => n,
            _ => {
                problems.add("audience", "programme.audience-invalid");
                0
            }
        },
    };
    if input
        .features
        .iter()
        .any(|c| !FEATURES.contains(&c.as_str()))
    {
        problems.add("features", "field.choice-invalid");
    }
    let features: Vec<&str> = FEATURES
        .iter()
        .copied()
        .filter(|k| input.features.iter().any(|c| c == k))
        .collect();
    problems.into_result()?;
    Ok(Checked {
        title,
        description,
        session_type,
        theme,
        duration,
        audience,
        features: features.join(","),
    })
}

/// The code of a session the organisers make: the type's prefix and the next
/// number, "MS-3" (proposals' codes read "WS #12", so the two never meet).
async fn next_code(
    db: &impl ConnectionTrait,
    forum_id: Uuid,
    session_type: Option<Uuid>,
) -> Result<String, AppError> {
    let prefix = match session_type {
        Some(id) => session_type::Entity::find_by_id(id)
            .one(db)
            .await?
            .map(|t| t.code_prefix)
            .filter(|p| !p.is_empty()),
        None => None,
    }
    .unwrap_or_else(|| "S".to_string());
    let taken: HashSet<String> = programme_session::Entity::find()
        .select_only()
        .column(programme_session::Column::Code)
        .filter(programme_session::Column::ForumId.eq(forum_id))
        .filter(programme_session::Column::Code.starts_with(format!("{prefix}-")))
        .into_tuple::<String>()
        .all(db)
        .await?
        .into_iter()
        .collect();
    let n = (1..)
        .find(|n| !taken.contains(&format!("{prefix}-{n}")))
        .unwrap_or(1);
    Ok(format!("{prefix}-{n}"))
}

/// Makes a session (main session, high-level session…); returns its id.
pub async fn create(ctx: &RequestCtx, code: &str, input: SessionInput) -> Result<Uuid, AppError> {
    let me = ctx.require_organiser(code)?.user_id();
    let f = by_code(ctx, code).await?;
    let c = check(ctx.db(), f.id, &input).await?;
    let txn = begin_write(ctx.db()).await?;
    let session_code = next_code(&txn, f.id, c.session_type).await?;
    let id = Uuid::new_v4();
    let at = now();
    programme_session::ActiveModel {
        id: Set(id),
        forum_id: Set(f.id),
        proposal_id: Set(None),
        code: Set(session_code.clone()),
        title: Set(c.title),
        description: Set(c.description),
        session_type_id: Set(c.session_type),
        theme_id: Set(c.theme),
        duration_minutes: Set(c.duration),
        required_features: Set(c.features),
        expected_audience: Set(c.audience),
        online_only: Set(input.online_only),
        hybrid: Set(input.hybrid),
        status: Set(ACTIVE.into()),
        room_id: Set(None),
        slot_id: Set(None),
        pinned: Set(false),
        version: Set(0),
        materials: Set(String::new()),
        seat_limit: Set(None),
        seats_taken: Set(0),
        meeting_url: Set(String::new()),
        meeting_id: Set(String::new()),
        meeting_passcode: Set(String::new()),
        created_at: Set(at),
        updated_at: Set(at),
    }
    .insert(&txn)
    .await?;
    audit::record(
        &txn,
        Some(me),
        "session.created",
        &f.code,
        &session_code,
        &ctx.client_addr,
    )
    .await?;
    txn.commit().await?;
    Ok(id)
}

/// Changes a session's title, type, theme and needs.
pub async fn update(
    ctx: &RequestCtx,
    code: &str,
    id: Uuid,
    input: SessionInput,
) -> Result<(), AppError> {
    let me = ctx.require_organiser(code)?.user_id();
    let f = by_code(ctx, code).await?;
    let c = check(ctx.db(), f.id, &input).await?;
    let txn = begin_write(ctx.db()).await?;
    let s = session_of(&txn, f.id, id).await?;
    let session_code = s.code.clone();
    let mut active: programme_session::ActiveModel = s.into();
    active.title = Set(c.title);
    active.description = Set(c.description);
    active.session_type_id = Set(c.session_type);
    active.theme_id = Set(c.theme);
    active.duration_minutes = Set(c.duration);
    active.required_features = Set(c.features);
    active.expected_audience = Set(c.audience);
    active.online_only = Set(input.online_only);
    active.hybrid = Set(input.hybrid);
    active.updated_at = Set(now());
    active.update(&txn).await?;
    audit::record(
        &txn,
        Some(me),
        "session.changed",
        &f.code,
        &session_code,
        &ctx.client_addr,
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

/// Keeps a session's materials (published with the next release).
pub async fn save_materials(
    ctx: &RequestCtx,
    code: &str,
    id: Uuid,
    rows: &[super::materials::MaterialInput],
) -> Result<(), AppError> {
    let me = ctx.require_organiser(code)?.user_id();
    let f = by_code(ctx, code).await?;
    let mut problems = Problems::new();
    let list = super::materials::check(rows, &mut problems);
    problems.into_result()?;
    let txn = begin_write(ctx.db()).await?;
    let s = session_of(&txn, f.id, id).await?;
    let session_code = s.code.clone();
    let mut active: programme_session::ActiveModel = s.into();
    active.materials = Set(super::materials::write(&list));
    active.updated_at = Set(now());
    active.update(&txn).await?;
    audit::record(
        &txn,
        Some(me),
        "session.materials",
        &f.code,
        &session_code,
        &ctx.client_addr,
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

/// Records a change of place (for the record and undo).
pub async fn record_move(
    db: &impl ConnectionTrait,
    s: &programme_session::Model,
    to: (Option<Uuid>, Option<Uuid>),
    by: Option<Uuid>,
) -> Result<(), AppError> {
    if (s.room_id, s.slot_id) == to {
        return Ok(());
    }
    schedule_change::ActiveModel {
        id: Set(Uuid::new_v4()),
        forum_id: Set(s.forum_id),
        session_id: Set(s.id),
        from_room: Set(s.room_id),
        from_slot: Set(s.slot_id),
        to_room: Set(to.0),
        to_slot: Set(to.1),
        changed_by: Set(by),
        changed_at: Set(now()),
        undone: Set(false),
    }
    .insert(db)
    .await?;
    Ok(())
}

/// Takes the sessions placed in these rooms or slots out of the programme
/// (their place is going away: a room or slot removed, a slot made a
/// break), recording each change. Returns how many.
pub async fn unplace(
    db: &impl ConnectionTrait,
    forum_id: Uuid,
    rooms: &[Uuid],
    slots: &[Uuid],
    by: Option<Uuid>,
) -> Result<usize, AppError> {
    let mut placed_in = sea_orm::Condition::any();
    if !rooms.is_empty() {
        placed_in = placed_in.add(programme_session::Column::RoomId.is_in(rooms.iter().copied()));
    }
    if !slots.is_empty() {
        placed_in = placed_in.add(programme_session::Column::SlotId.is_in(slots.iter().copied()));
    }
    if rooms.is_empty() && slots.is_empty() {
        return Ok(0);
    }
    let placed = programme_session::Entity::find()
        .filter(programme_session::Column::ForumId.eq(forum_id))
        .filter(placed_in)
        .all(db)
        .await?;
    for s in &placed {
        record_move(db, s, (None, None), by).await?;
    }
    programme_session::Entity::update_many()
        .col_expr(
            programme_session::Column::RoomId,
            Expr::value(Option::<Uuid>::None),
        )
        .col_expr(
            programme_session::Column::SlotId,
            Expr::value(Option::<Uuid>::None),
        )
        .col_expr(programme_session::Column::Pinned, Expr::value(false))
        .col_expr(
            programme_session::Column::Version,
            Expr::col(programme_session::Column::Version).add(1),
        )
        .col_expr(programme_session::Column::UpdatedAt, Expr::value(now()))
        .filter(programme_session::Column::Id.is_in(placed.iter().map(|s| s.id)))
        .exec(db)
        .await?;
    Ok(placed.len())
}

/// Cancels a session (it leaves its place) or restores it (unplaced).
pub async fn set_cancelled(
    ctx: &RequestCtx,
    code: &str,
    id: Uuid,
    cancelled: bool,
) -> Result<(), AppError> {
    let me = ctx.require_organiser(code)?.user_id();
    let f = by_code(ctx, code).await?;
    let txn = begin_write(ctx.db()).await?;
    let s = session_of(&txn, f.id, id).await?;
    record_move(&txn, &s, (None, None), Some(me)).await?;
    let session_code = s.code.clone();
    let mut active: programme_session::ActiveModel = s.into();
    active.status = Set(if cancelled { CANCELLED } else { ACTIVE }.into());
    active.room_id = Set(None);
    active.slot_id = Set(None);
    active.pinned = Set(false);
    active.version = Set(active.version.clone().unwrap() + 1);
    active.updated_at = Set(now());
    active.update(&txn).await?;
    let event = if cancelled {
        "session.cancelled"
    } else {
        "session.restored"
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

/// A person as typed on the session page.
#[derive(Clone, Debug, Default)]
pub struct PersonForm {
    pub person: PersonInput,
    pub unavailable_days: Vec<String>,
}

/// Adds a person to a session; the fields are checked as a proposal's people.
pub async fn add_person(
    ctx: &RequestCtx,
    code: &str,
    session: Uuid,
    form: PersonForm,
) -> Result<(), AppError> {
    let me = ctx.require_organiser(code)?.user_id();
    let f = by_code(ctx, code).await?;
    let mut problems = Problems::new();
    let person = match fields::people(std::slice::from_ref(&form.person)) {
        Ok(mut people) if people.len() == 1 => people.pop(),
        Ok(_) => {
            problems.add("name", "field.required");
            None
        }
        Err(list) => {
            for (field, message) in list {
                // "people[0][email]" → "email"
                let name = field
                    .rsplit('[')
                    .next()
                    .unwrap_or(&field)
                    .trim_end_matches(']');
                problems.add(name, message);
            }
            None
        }
    };
    let db = ctx.db();
    let days: Vec<String> = programme_day::Entity::find()
        .filter(programme_day::Column::ForumId.eq(f.id))
        .all(db)
        .await?
        .into_iter()
        .map(|d| d.day.to_string())
        .collect();
    if form.unavailable_days.iter().any(|d| !days.contains(d)) {
        problems.add("unavailable_days", "field.choice-invalid");
    }
    problems.into_result()?;
    let person = person.ok_or(AppError::Internal)?;
    let txn = begin_write(db).await?;
    let s = session_of(&txn, f.id, session).await?;
    let existing = session_person::Entity::find()
        .filter(session_person::Column::SessionId.eq(s.id))
        .all(&txn)
        .await?;
    if existing.len() >= MAX_SESSION_PEOPLE {
        return Err(AppError::form("proposals.too-many-people"));
    }
    if existing
        .iter()
        .any(|x| x.role == person.role.code() && x.email.eq_ignore_ascii_case(&person.email))
    {
        return Err(AppError::field("email", "programme.person-already"));
    }
    let mut unavailable: Vec<&String> = form.unavailable_days.iter().collect();
    unavailable.sort();
    unavailable.dedup();
    session_person::ActiveModel {
        id: Set(Uuid::new_v4()),
        session_id: Set(s.id),
        role: Set(person.role.code().into()),
        position: Set(existing.iter().map(|x| x.position).max().unwrap_or(0) + 1),
        name: Set(person.name.clone()),
        email: Set(person.email),
        organisation: Set(person.organisation),
        country: Set(person.country),
        stakeholder_group: Set(person.stakeholder_group.map(|g| g.code().to_string())),
        gender: Set(person.gender.map(|g| g.code().to_string())),
        onsite: Set(person.onsite),
        unavailable_days: Set(unavailable
            .iter()
            .map(|d| d.as_str())
            .collect::<Vec<_>>()
            .join(",")),
    }
    .insert(&txn)
    .await?;
    audit::record(
        &txn,
        Some(me),
        "session.person-added",
        &f.code,
        &format!("{}: {}", s.code, person.name),
        &ctx.client_addr,
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

/// Removes a person from a session; returns the session's id.
pub async fn remove_person(ctx: &RequestCtx, code: &str, id: Uuid) -> Result<Uuid, AppError> {
    let me = ctx.require_organiser(code)?.user_id();
    let f = by_code(ctx, code).await?;
    let txn = begin_write(ctx.db()).await?;
    let person = session_person::Entity::find_by_id(id)
        .one(&txn)
        .await?
        .ok_or(AppError::NotFound)?;
    let s = session_of(&txn, f.id, person.session_id).await?;
    session_person::Entity::delete_by_id(person.id)
        .exec(&txn)
        .await?;
    audit::record(
        &txn,
        Some(me),
        "session.person-removed",
        &f.code,
        &format!("{}: {}", s.code, person.name),
        &ctx.client_addr,
    )
    .await?;
    txn.commit().await?;
    Ok(s.id)
}

/// Keeps the sessions of these proposals in step with their released
/// decisions: an accepted proposal not withdrawn has an active session (made
/// with its people, or given the people merged into it since); any other has
/// none active (a session it had is cancelled and leaves its place).
pub async fn sync_from_proposals(
    db: &impl ConnectionTrait,
    forum_id: Uuid,
    ids: &[Uuid],
    by: Option<Uuid>,
) -> Result<(), AppError> {
    if ids.is_empty() {
        return Ok(());
    }
    let proposals = proposal::Entity::find()
        .filter(proposal::Column::ForumId.eq(forum_id))
        .filter(proposal::Column::Id.is_in(ids.iter().copied()))
        .all(db)
        .await?;
    let sessions: HashMap<Uuid, programme_session::Model> = programme_session::Entity::find()
        .filter(programme_session::Column::ProposalId.is_in(ids.iter().copied()))
        .all(db)
        .await?
        .into_iter()
        .filter_map(|s| Some((s.proposal_id?, s)))
        .collect();
    let mut people: HashMap<Uuid, Vec<proposal_person::Model>> = HashMap::new();
    for x in proposal_person::Entity::find()
        .filter(proposal_person::Column::ProposalId.is_in(ids.iter().copied()))
        .order_by_asc(proposal_person::Column::Position)
        .all(db)
        .await?
    {
        people.entry(x.proposal_id).or_default().push(x);
    }
    let mut session_people: HashMap<Uuid, Vec<session_person::Model>> = HashMap::new();
    for x in session_person::Entity::find()
        .filter(session_person::Column::SessionId.is_in(sessions.values().map(|s| s.id)))
        .all(db)
        .await?
    {
        session_people.entry(x.session_id).or_default().push(x);
    }
    let durations: HashMap<Uuid, i32> = session_type::Entity::find()
        .filter(session_type::Column::ForumId.eq(forum_id))
        .all(db)
        .await?
        .into_iter()
        .map(|t| {
            let first = t.durations.split(',').find_map(|d| d.trim().parse().ok());
            (t.id, first.unwrap_or(DEFAULT_DURATION))
        })
        .collect();
    let at = now();
    let mut new_people = vec![];
    for p in &proposals {
        let wanted = outcome::selected(&p.released_decision) && p.confirmation != WITHDRAWN;
        let session_id = match (sessions.get(&p.id), wanted) {
            (None, true) => {
                let id = Uuid::new_v4();
                programme_session::ActiveModel {
                    id: Set(id),
                    forum_id: Set(forum_id),
                    proposal_id: Set(Some(p.id)),
                    code: Set(p
                        .code
                        .clone()
                        .unwrap_or_else(|| format!("P-{}", p.number.unwrap_or(0)))),
                    title: Set(p.title.clone()),
                    description: Set(p.description.clone()),
                    session_type_id: Set(p.session_type_id),
                    theme_id: Set(p.theme_id),
                    duration_minutes: Set(p
                        .duration
                        .or_else(|| p.session_type_id.and_then(|t| durations.get(&t).copied()))
                        .unwrap_or(DEFAULT_DURATION)),
                    required_features: Set(String::new()),
                    expected_audience: Set(0),
                    online_only: Set(false),
                    hybrid: Set(true),
                    status: Set(ACTIVE.into()),
                    room_id: Set(None),
                    slot_id: Set(None),
                    pinned: Set(false),
                    version: Set(0),
                    materials: Set(String::new()),
                    seat_limit: Set(None),
                    seats_taken: Set(0),
                    meeting_url: Set(String::new()),
                    meeting_id: Set(String::new()),
                    meeting_passcode: Set(String::new()),
                    created_at: Set(at),
                    updated_at: Set(at),
                }
                .insert(db)
                .await?;
                id
            }
            (Some(s), true) => {
                if s.status == CANCELLED {
                    programme_session::Entity::update_many()
                        .col_expr(programme_session::Column::Status, Expr::value(ACTIVE))
                        .col_expr(programme_session::Column::UpdatedAt, Expr::value(at))
                        .filter(programme_session::Column::Id.eq(s.id))
                        .exec(db)
                        .await?;
                }
                s.id
            }
            (Some(s), false) => {
                if s.status == ACTIVE {
                    record_move(db, s, (None, None), by).await?;
                    programme_session::Entity::update_many()
                        .col_expr(programme_session::Column::Status, Expr::value(CANCELLED))
                        .col_expr(
                            programme_session::Column::RoomId,
                            Expr::value(Option::<Uuid>::None),
                        )
                        .col_expr(
                            programme_session::Column::SlotId,
                            Expr::value(Option::<Uuid>::None),
                        )
                        .col_expr(programme_session::Column::Pinned, Expr::value(false))
                        .col_expr(
                            programme_session::Column::Version,
                            Expr::col(programme_session::Column::Version).add(1),
                        )
                        .col_expr(programme_session::Column::UpdatedAt, Expr::value(at))
                        .filter(programme_session::Column::Id.eq(s.id))
                        .exec(db)
                        .await?;
                }
                continue;
            }
            (None, false) => continue,
        };
        // The proposal's people not yet in the session (by role and email).
        let have = session_people
            .get(&session_id)
            .map(Vec::as_slice)
            .unwrap_or_default();
        let mut position = have.iter().map(|x| x.position).max().unwrap_or(0);
        for x in people.get(&p.id).into_iter().flatten() {
            if have
                .iter()
                .any(|h| h.role == x.role && h.email.eq_ignore_ascii_case(&x.email))
            {
                continue;
            }
            position += 1;
            new_people.push(session_person::ActiveModel {
                id: Set(Uuid::new_v4()),
                session_id: Set(session_id),
                role: Set(x.role.clone()),
                position: Set(position),
                name: Set(x.name.clone()),
                email: Set(x.email.clone()),
                organisation: Set(x.organisation.clone()),
                country: Set(x.country.clone()),
                stakeholder_group: Set(x.stakeholder_group.clone()),
                gender: Set(x.gender.clone()),
                onsite: Set(x.onsite),
                unavailable_days: Set(String::new()),
            });
        }
    }
    for chunk in new_people.chunks(500) {
        session_person::Entity::insert_many(chunk.to_vec())
            .exec(db)
            .await?;
    }
    Ok(())
}
