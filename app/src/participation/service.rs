//! Session sign-up applied to the database (server only).
//!
//! Onsite seats are counted on the session row (`seats_taken`): taking one
//! is a single conditional update (`… WHERE seats_taken < limit`), which
//! PostgreSQL re-checks against the row's latest version and SQLite's write
//! transaction serialises — so concurrent sign-ups for the last seats leave
//! exactly the limit signed up, the rest waiting. Freeing a seat (a
//! cancellation, a higher limit) locks the row first and hands the seat to
//! the waiting list in the order it was joined. Every change and its mail
//! are written in one transaction.

use super::*;
use crate::context::RequestCtx;
use crate::db::{
    begin_write, forum, now, programme_session, registration, room, session_signup, user,
};
use crate::error::AppError;
use crate::forums::editions::by_code;
use crate::i18n::Locale;
use crate::notifications::outbox::{enqueue, message_id_host};
use crate::notifications::templates::{render, Template};
use crate::programme::changes::ReleasedSession;
use crate::programme::exports::{session_path, Released};
use crate::registration::{Mode, State};
use chrono::Utc;
use sea_orm::{
    entity::prelude::*,
    sea_query::{Expr, ExprTrait},
    ActiveValue::Set,
    ConnectionTrait, DatabaseTransaction, QueryOrder, QuerySelect,
};
use std::collections::HashMap;
use std::sync::Arc;

/// The highest seat limit organisers can set.
pub const MAX_SEATS: i32 = 100_000;

async fn released(ctx: &RequestCtx, f: &forum::Model) -> Result<Arc<Released>, AppError> {
    ctx.state
        .programme
        .released(ctx.db(), ctx.settings(), &f.code)
        .await?
        .ok_or(AppError::NotFound)
}

/// The session row, locked for the transaction on PostgreSQL (SQLite's
/// write transaction holds the whole database already).
async fn locked_session(
    txn: &DatabaseTransaction,
    id: Uuid,
) -> Result<programme_session::Model, AppError> {
    let mut q = programme_session::Entity::find_by_id(id);
    if txn.get_database_backend() == sea_orm::DatabaseBackend::Postgres {
        q = q.lock_exclusive();
    }
    q.one(txn).await?.ok_or(AppError::NotFound)
}

/// The room's (capacity, online only), for the seat limit.
async fn room_of(db: &impl ConnectionTrait, id: Uuid) -> Result<Option<(i32, bool)>, AppError> {
    Ok(room::Entity::find_by_id(id)
        .one(db)
        .await?
        .map(|r| (r.capacity, r.online_only)))
}

async fn limit_of(
    db: &impl ConnectionTrait,
    s: &programme_session::Model,
    released_room: Uuid,
) -> Result<Option<u32>, AppError> {
    Ok(seat_limit(s.seat_limit, room_of(db, released_room).await?))
}

fn state_of(s: &session_signup::Model) -> SignupState {
    SignupState::from_code(&s.state).unwrap_or(SignupState::Cancelled)
}

/// "Day 1 (2027-06-22) 09:00–10:30, Room A (Europe/Geneva)"
pub(crate) fn when_text(locale: Locale, s: &ReleasedSession, zone: &str) -> String {
    let day = crate::venue::day_label(locale, &s.at.day, s.at.day_number);
    format!("{day} {}–{}, {} ({zone})", s.at.start, s.at.end, s.at.room)
}

/// Queues a sign-up mail for each (person, kind), in the transaction.
async fn send(
    ctx: &RequestCtx,
    txn: &DatabaseTransaction,
    r: &Released,
    s: &ReleasedSession,
    mails: Vec<(Uuid, &'static str)>,
) -> Result<(), AppError> {
    if mails.is_empty() {
        return Ok(());
    }
    let ids: Vec<Uuid> = mails.iter().map(|(id, _)| *id).collect();
    let people: HashMap<Uuid, user::Model> = user::Entity::find()
        .filter(user::Column::Id.is_in(ids))
        .all(txn)
        .await?
        .into_iter()
        .map(|u| (u.id, u))
        .collect();
    let host = message_id_host(&ctx.settings().base_url);
    let link = ctx.settings().link(&session_path(&r.forum_code, &s.key()));
    for (id, kind) in mails {
        let Some(person) = people.get(&id) else {
            continue;
        };
        let locale = person
            .language
            .as_deref()
            .and_then(Locale::from_code)
            .unwrap_or_default();
        let mail = render(
            locale,
            &person.name,
            &Template::Signup {
                kind,
                forum: r.forum_name.clone(),
                session: format!("{} {}", s.code, s.title),
                when: when_text(locale, s, &r.time_zone),
                link: link.clone(),
            },
        );
        enqueue(txn, &person.email, &person.name, mail, &host).await?;
    }
    Ok(())
}

/// Gives freed seats to the waiting list, first come first served, up to
/// `limit`; returns who moved up. The session row is locked.
async fn move_up(
    txn: &DatabaseTransaction,
    s: &programme_session::Model,
    limit: Option<u32>,
) -> Result<Vec<Uuid>, AppError> {
    let free = match limit {
        Some(l) => l.saturating_sub(Ord::max(s.seats_taken, 0) as u32) as u64,
        None => u64::MAX,
    };
    if free == 0 {
        return Ok(vec![]);
    }
    let next = session_signup::Entity::find()
        .filter(session_signup::Column::SessionId.eq(s.id))
        .filter(session_signup::Column::State.eq(SignupState::Waiting.code()))
        .order_by_asc(session_signup::Column::QueuedAt)
        .order_by_asc(session_signup::Column::Id)
        .limit(Ord::min(free, 10_000))
        .all(txn)
        .await?;
    if next.is_empty() {
        return Ok(vec![]);
    }
    let ids: Vec<Uuid> = next.iter().map(|x| x.id).collect();
    session_signup::Entity::update_many()
        .col_expr(
            session_signup::Column::State,
            Expr::value(SignupState::SignedUp.code()),
        )
        .col_expr(session_signup::Column::UpdatedAt, Expr::value(now()))
        .filter(session_signup::Column::Id.is_in(ids))
        .exec(txn)
        .await?;
    programme_session::Entity::update_many()
        .col_expr(
            programme_session::Column::SeatsTaken,
            Expr::col(programme_session::Column::SeatsTaken).add(next.len() as i32),
        )
        .filter(programme_session::Column::Id.eq(s.id))
        .exec(txn)
        .await?;
    Ok(next.into_iter().map(|x| x.user_id).collect())
}

/// The person's approved registration's mode, or why they cannot sign up.
async fn approved_mode(
    db: &impl ConnectionTrait,
    forum_id: Uuid,
    me: Uuid,
) -> Result<Option<Mode>, AppError> {
    Ok(registration::Entity::find()
        .filter(registration::Column::ForumId.eq(forum_id))
        .filter(registration::Column::UserId.eq(me))
        .filter(registration::Column::State.eq(State::Approved.code()))
        .one(db)
        .await?
        .and_then(|r| Mode::from_code(&r.mode)))
}

/// The person's live sign-ups in the edition: (session id, state).
async fn mine(
    db: &impl ConnectionTrait,
    forum_id: Uuid,
    me: Uuid,
) -> Result<Vec<session_signup::Model>, AppError> {
    Ok(session_signup::Entity::find()
        .filter(session_signup::Column::ForumId.eq(forum_id))
        .filter(session_signup::Column::UserId.eq(me))
        .filter(session_signup::Column::State.ne(SignupState::Cancelled.code()))
        .all(db)
        .await?)
}

/// The released sessions among `signed_up` that overlap `s` in time.
fn clashes_with(r: &Released, s: &ReleasedSession, signed_up: &[Uuid]) -> Vec<Clash> {
    r.snapshot
        .sessions
        .iter()
        .filter(|o| o.id != s.id && signed_up.contains(&o.id))
        .filter(|o| {
            overlaps(
                (o.at.starts_at, o.at.ends_at),
                (s.at.starts_at, s.at.ends_at),
            )
        })
        .map(|o| Clash {
            key: o.key(),
            code: o.code.clone(),
            title: o.title.clone(),
        })
        .collect()
}

/// The sign-up part of a released session's page, for the visitor: two
/// statements for anyone (the session's seats, its room), one more when it
/// is full (who waits), and the visitor's own when signed in.
pub async fn seats(
    ctx: &RequestCtx,
    forum_id: Option<Uuid>,
    r: &Released,
    s: &ReleasedSession,
) -> Result<Seats, AppError> {
    let db = ctx.db();
    let row = programme_session::Entity::find_by_id(s.id).one(db).await?;
    let (limit, taken) = match &row {
        Some(row) => (
            limit_of(db, row, s.at.room_id).await?,
            Ord::max(row.seats_taken, 0) as u32,
        ),
        None => (None, 0),
    };
    let full = limit.is_some_and(|l| taken >= l);
    let waiting = if full || ctx.signed_in.is_some() {
        session_signup::Entity::find()
            .filter(session_signup::Column::SessionId.eq(s.id))
            .filter(session_signup::Column::State.eq(SignupState::Waiting.code()))
            .count(db)
            .await? as u32
    } else {
        0
    };
    let mut seats = Seats {
        limit,
        taken,
        waiting,
        visitor: Visitor::Anonymous,
        mode: String::new(),
        place: None,
        clashes: vec![],
        over: s.at.ends_at <= Utc::now(),
        can_join: false,
    };
    let (Some(me), Some(forum_id)) = (&ctx.signed_in, forum_id) else {
        return Ok(seats);
    };
    let me = me.user_id();
    let Some(mode) = approved_mode(db, forum_id, me).await? else {
        seats.visitor = Visitor::NotRegistered;
        return Ok(seats);
    };
    seats.mode = mode.code().into();
    seats.can_join = !seats.over && super::remote::joinable(db, s).await?;
    let live = mine(db, forum_id, me).await?;
    let own = live.iter().find(|x| x.session_id == s.id);
    seats.visitor = match own.map(state_of) {
        Some(SignupState::SignedUp) => Visitor::SignedUp,
        Some(SignupState::Waiting) => Visitor::Waiting,
        _ => Visitor::Can,
    };
    if let Some(own) = own.filter(|x| state_of(x) == SignupState::Waiting) {
        let ahead = session_signup::Entity::find()
            .filter(session_signup::Column::SessionId.eq(s.id))
            .filter(session_signup::Column::State.eq(SignupState::Waiting.code()))
            .filter(session_signup::Column::QueuedAt.lt(own.queued_at))
            .count(db)
            .await? as u32;
        seats.place = Some(ahead + 1);
    }
    let signed_up: Vec<Uuid> = live.iter().map(|x| x.session_id).collect();
    seats.clashes = clashes_with(r, s, &signed_up);
    Ok(seats)
}

/// How full each released session is that has seats taken: one statement
/// for the sessions, one for the rooms (none when nobody signed up).
pub async fn fills(
    db: &impl ConnectionTrait,
    forum_id: Uuid,
    r: &Released,
) -> Result<HashMap<Uuid, Fill>, AppError> {
    let taken: Vec<(Uuid, Option<i32>, i32)> = programme_session::Entity::find()
        .select_only()
        .column(programme_session::Column::Id)
        .column(programme_session::Column::SeatLimit)
        .column(programme_session::Column::SeatsTaken)
        .filter(programme_session::Column::ForumId.eq(forum_id))
        .filter(programme_session::Column::SeatsTaken.gt(0))
        .into_tuple()
        .all(db)
        .await?;
    if taken.is_empty() {
        return Ok(HashMap::new());
    }
    let rooms: HashMap<Uuid, (i32, bool)> = room::Entity::find()
        .filter(room::Column::ForumId.eq(forum_id))
        .all(db)
        .await?
        .into_iter()
        .map(|x| (x.id, (x.capacity, x.online_only)))
        .collect();
    let released_rooms: HashMap<Uuid, Uuid> = r
        .snapshot
        .sessions
        .iter()
        .map(|s| (s.id, s.at.room_id))
        .collect();
    Ok(taken
        .into_iter()
        .filter_map(|(id, own, taken)| {
            let room = rooms.get(released_rooms.get(&id)?).copied();
            Some((
                id,
                Fill::of(Ord::max(taken, 0) as u32, seat_limit(own, room)),
            ))
        })
        .collect())
}

/// What signing up did.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SignedUp {
    pub state: SignupState,
    pub clashes: Vec<Clash>,
}

/// Signs the person up for the released session `key`: a seat while there
/// are any (onsite), else the waiting list; online participants are signed
/// up without a seat. Needs an approved registration.
pub async fn sign_up(ctx: &RequestCtx, code: &str, key: &str) -> Result<SignedUp, AppError> {
    let me = ctx.require_signed_in()?.user_id();
    let f = by_code(ctx, code).await?;
    let r = released(ctx, &f).await?;
    let s = r.session(key).ok_or(AppError::NotFound)?;
    if s.at.ends_at <= Utc::now() {
        return Err(AppError::Conflict("participation.over".into()));
    }
    let Some(mode) = approved_mode(ctx.db(), f.id, me).await? else {
        return Err(AppError::Conflict("participation.not-registered".into()));
    };
    let txn = begin_write(ctx.db()).await?;
    let live = mine(&txn, f.id, me).await?;
    if live.iter().any(|x| x.session_id == s.id) {
        return Err(AppError::Conflict("participation.already".into()));
    }
    let row = programme_session::Entity::find_by_id(s.id)
        .one(&txn)
        .await?
        .ok_or(AppError::NotFound)?;
    let state = if mode == Mode::Online {
        SignupState::SignedUp
    } else {
        take_seat(&txn, &row, limit_of(&txn, &row, s.at.room_id).await?).await?
    };
    let at = now();
    let earlier = session_signup::Entity::find()
        .filter(session_signup::Column::SessionId.eq(s.id))
        .filter(session_signup::Column::UserId.eq(me))
        .one(&txn)
        .await?;
    match earlier {
        Some(e) => {
            let mut a: session_signup::ActiveModel = e.into();
            a.mode = Set(mode.code().into());
            a.state = Set(state.code().into());
            a.queued_at = Set(at);
            a.updated_at = Set(at);
            a.update(&txn).await?;
        }
        None => {
            let inserted = session_signup::ActiveModel {
                id: Set(Uuid::new_v4()),
                forum_id: Set(f.id),
                session_id: Set(s.id),
                user_id: Set(me),
                mode: Set(mode.code().into()),
                state: Set(state.code().into()),
                queued_at: Set(at),
                created_at: Set(at),
                updated_at: Set(at),
            }
            .insert(&txn)
            .await;
            if let Err(e) = inserted {
                // The same person twice at once: the other request won.
                return Err(match e.sql_err() {
                    Some(sea_orm::SqlErr::UniqueConstraintViolation(_)) => {
                        AppError::Conflict("participation.already".into())
                    }
                    _ => e.into(),
                });
            }
        }
    }
    let kind = match state {
        SignupState::Waiting => "signup-waitlisted",
        _ => "signup-confirmed",
    };
    send(ctx, &txn, &r, s, vec![(me, kind)]).await?;
    crate::agenda::service::star_in(&txn, me, f.id, s.id).await?;
    txn.commit().await?;
    let signed_up: Vec<Uuid> = live.iter().map(|x| x.session_id).collect();
    Ok(SignedUp {
        state,
        clashes: clashes_with(&r, s, &signed_up),
    })
}

/// Takes an onsite seat if one is left (one conditional update), else the
/// person waits.
async fn take_seat(
    txn: &DatabaseTransaction,
    row: &programme_session::Model,
    limit: Option<u32>,
) -> Result<SignupState, AppError> {
    let mut q = programme_session::Entity::update_many()
        .col_expr(
            programme_session::Column::SeatsTaken,
            Expr::col(programme_session::Column::SeatsTaken).add(1),
        )
        .filter(programme_session::Column::Id.eq(row.id));
    if let Some(l) = limit {
        q = q.filter(programme_session::Column::SeatsTaken.lt(l as i32));
    }
    Ok(if q.exec(txn).await?.rows_affected == 1 {
        SignupState::SignedUp
    } else {
        SignupState::Waiting
    })
}

/// Cancels the person's sign-up for `key`; a freed seat goes to the first
/// who waits, who is told.
pub async fn cancel(ctx: &RequestCtx, code: &str, key: &str) -> Result<(), AppError> {
    let me = ctx.require_signed_in()?.user_id();
    let f = by_code(ctx, code).await?;
    let r = released(ctx, &f).await?;
    let s = r.session(key).ok_or(AppError::NotFound)?;
    let txn = begin_write(ctx.db()).await?;
    let own = session_signup::Entity::find()
        .filter(session_signup::Column::SessionId.eq(s.id))
        .filter(session_signup::Column::UserId.eq(me))
        .one(&txn)
        .await?
        .filter(|x| state_of(x).is_live())
        .ok_or(AppError::Conflict("participation.nothing-to-cancel".into()))?;
    withdraw(ctx, &txn, &r, s, own).await?;
    txn.commit().await?;
    Ok(())
}

/// Cancels one live sign-up in the transaction: its seat, if it held one,
/// goes to the first who waits (told by mail).
async fn withdraw(
    ctx: &RequestCtx,
    txn: &DatabaseTransaction,
    r: &Released,
    s: &ReleasedSession,
    own: session_signup::Model,
) -> Result<(), AppError> {
    let row = locked_session(txn, s.id).await?;
    if !end_signup(txn, own).await? {
        return Ok(());
    }
    let row = programme_session::Model {
        seats_taken: row.seats_taken - 1,
        ..row
    };
    let limit = limit_of(txn, &row, s.at.room_id).await?;
    let moved = move_up(txn, &row, limit).await?;
    let mails = moved
        .into_iter()
        .map(|id| (id, "signup-promoted"))
        .collect();
    send(ctx, txn, r, s, mails).await
}

/// Marks a sign-up cancelled and frees the onsite seat it held; returns
/// whether it held one.
async fn end_signup(
    txn: &DatabaseTransaction,
    own: session_signup::Model,
) -> Result<bool, AppError> {
    let held_seat = state_of(&own) == SignupState::SignedUp && own.mode == Mode::Onsite.code();
    let session = own.session_id;
    let mut a: session_signup::ActiveModel = own.into();
    a.state = Set(SignupState::Cancelled.code().into());
    a.updated_at = Set(now());
    a.update(txn).await?;
    if held_seat {
        programme_session::Entity::update_many()
            .col_expr(
                programme_session::Column::SeatsTaken,
                Expr::col(programme_session::Column::SeatsTaken).sub(1),
            )
            .filter(programme_session::Column::Id.eq(session))
            .exec(txn)
            .await?;
    }
    Ok(held_seat)
}

/// A person's registration ended (cancelled or refused): their sign-ups in
/// the edition end with it, and the seats they held go to who waits.
pub async fn withdraw_all(
    ctx: &RequestCtx,
    txn: &DatabaseTransaction,
    f: &forum::Model,
    person: Uuid,
) -> Result<(), AppError> {
    let live = mine(txn, f.id, person).await?;
    if live.is_empty() {
        return Ok(());
    }
    let Some(r) = ctx
        .state
        .programme
        .released(ctx.db(), ctx.settings(), &f.code)
        .await?
    else {
        return Ok(());
    };
    for own in live {
        match r.snapshot.sessions.iter().find(|s| s.id == own.session_id) {
            Some(s) => withdraw(ctx, txn, &r, s, own).await?,
            // No longer in the programme: nobody to hand the seat on to.
            None => {
                end_signup(txn, own).await?;
            }
        }
    }
    Ok(())
}

/// Organisers set a session's seat limit (empty: the room's capacity); a
/// higher limit lets the waiting list move up.
pub async fn set_limit(
    ctx: &RequestCtx,
    code: &str,
    id: Uuid,
    typed: &str,
) -> Result<(), AppError> {
    ctx.require_organiser(code)?;
    let own = match typed.trim() {
        "" => None,
        t => match t.parse::<i32>() {
            Ok(n) if (0..=MAX_SEATS).contains(&n) => Some(n),
            _ => return Err(AppError::field("seat_limit", "participation.limit-invalid")),
        },
    };
    let f = by_code(ctx, code).await?;
    let r = ctx
        .state
        .programme
        .released(ctx.db(), ctx.settings(), &f.code)
        .await?;
    let txn = begin_write(ctx.db()).await?;
    let row = locked_session(&txn, id).await?;
    if row.forum_id != f.id {
        return Err(AppError::NotFound);
    }
    let mut a: programme_session::ActiveModel = row.clone().into();
    a.seat_limit = Set(own);
    a.update(&txn).await?;
    let released = r.as_deref().and_then(|r| {
        r.snapshot
            .sessions
            .iter()
            .find(|s| s.id == id)
            .map(|s| (r, s))
    });
    if let Some((r, s)) = released {
        let row = programme_session::Model {
            seat_limit: own,
            ..row
        };
        let limit = limit_of(&txn, &row, s.at.room_id).await?;
        let moved = move_up(&txn, &row, limit).await?;
        let mails = moved
            .into_iter()
            .map(|id| (id, "signup-promoted"))
            .collect();
        send(ctx, &txn, r, s, mails).await?;
    }
    txn.commit().await?;
    Ok(())
}

/// A session's sign-ups for the organisers: figures, then the people signed
/// up and waiting (in order).
pub async fn session_seats(
    ctx: &RequestCtx,
    code: &str,
    id: Uuid,
) -> Result<SessionSeats, AppError> {
    ctx.require_organiser(code)?;
    let f = by_code(ctx, code).await?;
    let db = ctx.db();
    let row = programme_session::Entity::find_by_id(id)
        .filter(programme_session::Column::ForumId.eq(f.id))
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    let room = match row.room_id {
        Some(r) => room::Entity::find_by_id(r).one(db).await?,
        None => None,
    };
    let links = super::remote::links(db, id).await?;
    let people = session_signup::Entity::find()
        .filter(session_signup::Column::SessionId.eq(id))
        .filter(session_signup::Column::State.ne(SignupState::Cancelled.code()))
        .order_by_asc(session_signup::Column::State)
        .order_by_asc(session_signup::Column::QueuedAt)
        .find_also_related(user::Entity)
        .all(db)
        .await?;
    let count = |state: SignupState, mode: Option<Mode>| {
        people
            .iter()
            .filter(|(x, _)| state_of(x) == state && mode.is_none_or(|m| x.mode == m.code()))
            .count() as u32
    };
    let onsite: Vec<Uuid> = people
        .iter()
        .filter(|(x, _)| state_of(x) == SignupState::SignedUp && x.mode == Mode::Onsite.code())
        .map(|(x, _)| x.user_id)
        .collect();
    let checked_in = if onsite.is_empty() {
        0
    } else {
        registration::Entity::find()
            .filter(registration::Column::ForumId.eq(f.id))
            .filter(registration::Column::UserId.is_in(onsite))
            .filter(registration::Column::CheckedInAt.is_not_null())
            .count(db)
            .await? as u32
    };
    Ok(SessionSeats {
        own_limit: row.seat_limit,
        limit: seat_limit(
            row.seat_limit,
            room.as_ref().map(|r| (r.capacity, r.online_only)),
        ),
        meeting: super::remote::own(&row),
        room_meeting: room.as_ref().is_some_and(|r| !r.meeting_url.is_empty()),
        joined_online: links.iter().filter(|l| l.uses > 0).count() as u32,
        checked_in,
        links,
        taken: Ord::max(row.seats_taken, 0) as u32,
        waiting: count(SignupState::Waiting, None),
        online: count(SignupState::SignedUp, Some(Mode::Online)),
        people: people
            .iter()
            .filter_map(|(x, u)| {
                let u = u.as_ref()?;
                Some(SignupRow {
                    name: u.name.clone(),
                    email: u.email.clone(),
                    mode: x.mode.clone(),
                    state: x.state.clone(),
                })
            })
            .collect(),
    })
}
