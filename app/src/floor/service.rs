//! Floor requests applied to the database (server only). Every change tells
//! the hub, so the session's open floor pages fetch the queue again.

use super::{arrange, can_ask, can_finish, can_give, FloorEntry, FloorPage, FloorState, MAX_TOPIC};
use crate::context::RequestCtx;
use crate::db::{
    begin_write, floor_queue, floor_request, forum, now, registration, session_person, user,
};
use crate::error::{AppError, Problems};
use crate::forums::editions::by_code;
use crate::programme::changes::ReleasedSession;
use crate::registration::{Mode, State};
use sea_orm::{entity::prelude::*, ActiveValue::Set, ConnectionTrait};
use std::sync::Arc;

/// Session roles whose people moderate its floor.
const MODERATING: [&str; 3] = ["onsite-moderator", "online-moderator", "organiser"];

/// The edition and the released session `key`.
async fn session_of(
    ctx: &RequestCtx,
    code: &str,
    key: &str,
) -> Result<(forum::Model, Arc<crate::programme::exports::Released>, Uuid), AppError> {
    let f = by_code(ctx, code).await?;
    let r = ctx
        .state
        .programme
        .released(ctx.db(), ctx.settings(), &f.code)
        .await?
        .ok_or(AppError::NotFound)?;
    let id = r.session(key).ok_or(AppError::NotFound)?.id;
    Ok((f, r, id))
}

/// The visitor's approved registration's mode, when they take part.
async fn taking_part(
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

/// Whether the signed-in visitor moderates the session: an organiser of
/// the edition, or one of the session's moderators or organisers.
async fn moderates(ctx: &RequestCtx, code: &str, session: Uuid) -> Result<bool, AppError> {
    let Some(me) = ctx.signed_in.as_ref() else {
        return Ok(false);
    };
    if ctx.require_organiser(code).is_ok() {
        return Ok(true);
    }
    Ok(session_person::Entity::find()
        .filter(session_person::Column::SessionId.eq(session))
        .filter(session_person::Column::Email.eq(me.viewer.email.to_lowercase()))
        .filter(session_person::Column::Role.is_in(MODERATING))
        .one(ctx.db())
        .await?
        .is_some())
}

/// The edition and session `key` for one of its moderators; anyone else is
/// refused before learning whether the session exists.
async fn moderated(
    ctx: &RequestCtx,
    code: &str,
    key: &str,
) -> Result<(forum::Model, Uuid), AppError> {
    ctx.require_signed_in()?;
    let organiser = ctx.require_organiser(code).is_ok();
    match session_of(ctx, code, key).await {
        Ok((f, _, id)) if organiser || moderates(ctx, code, id).await? => Ok((f, id)),
        Ok(_) => Err(AppError::Forbidden),
        Err(AppError::NotFound) if !organiser => Err(AppError::Forbidden),
        Err(e) => Err(e),
    }
}

async fn is_open(db: &impl ConnectionTrait, session: Uuid) -> Result<bool, AppError> {
    Ok(floor_queue::Entity::find_by_id(session)
        .one(db)
        .await?
        .is_some_and(|q| q.open))
}

fn state_of(r: &floor_request::Model) -> FloorState {
    FloorState::from_code(&r.state).unwrap_or(FloorState::Withdrawn)
}

/// The queue of a session, arranged: one statement.
async fn queue(
    db: &impl ConnectionTrait,
    session: Uuid,
    me: Option<Uuid>,
) -> Result<Vec<FloorEntry>, AppError> {
    let rows = floor_request::Entity::find()
        .filter(floor_request::Column::SessionId.eq(session))
        .filter(floor_request::Column::State.ne(FloorState::Withdrawn.code()))
        .find_also_related(user::Entity)
        .all(db)
        .await?
        .into_iter()
        .map(|(r, u)| {
            let entry = FloorEntry {
                id: r.id.to_string(),
                name: u.map(|u| u.name).unwrap_or_default(),
                mode: r.mode.clone(),
                state: state_of(&r),
                topic: r.topic.clone(),
                place: None,
                mine: Some(r.user_id) == me,
            };
            (entry, r.asked_at, r.done_at)
        })
        .collect();
    Ok(arrange(rows))
}

/// The floor page of session `key`: the queue for people taking part and
/// the moderators; a constant number of statements.
pub async fn page(ctx: &RequestCtx, code: &str, key: &str) -> Result<FloorPage, AppError> {
    let (f, r, id) = session_of(ctx, code, key).await?;
    let s: &ReleasedSession = r.session(key).ok_or(AppError::NotFound)?;
    let me = ctx.signed_in.as_ref().map(|m| m.user_id());
    let participant = match me {
        Some(me) => taking_part(ctx.db(), f.id, me).await?.is_some(),
        None => false,
    };
    let moderator = moderates(ctx, code, id).await?;
    let open = is_open(ctx.db(), id).await?;
    let queue = if participant || moderator {
        queue(ctx.db(), id, me).await?
    } else {
        vec![]
    };
    let mine = queue
        .iter()
        .find(|e| e.mine && e.state.is_live())
        .map(|e| e.state);
    Ok(FloorPage {
        forum_code: f.code.clone(),
        forum_name: f.name.clone(),
        key: s.key(),
        code: s.code.clone(),
        title: s.title.clone(),
        open,
        signed_in: me.is_some(),
        participant,
        moderator,
        mine,
        queue,
    })
}

/// The session a floor page listens to, for a visitor who may see its
/// queue.
pub async fn listened(ctx: &RequestCtx, code: &str, key: &str) -> Result<Uuid, AppError> {
    let me = ctx.require_signed_in()?.user_id();
    let (f, _, id) = session_of(ctx, code, key).await?;
    if taking_part(ctx.db(), f.id, me).await?.is_some() || moderates(ctx, code, id).await? {
        Ok(id)
    } else {
        Err(AppError::Forbidden)
    }
}

/// The signed-in participant asks for the floor, with an optional topic.
pub async fn ask(ctx: &RequestCtx, code: &str, key: &str, topic: &str) -> Result<(), AppError> {
    let me = ctx.require_signed_in()?.user_id();
    let (f, _, id) = session_of(ctx, code, key).await?;
    let mut p = Problems::new();
    let topic = p.check(
        "topic",
        (topic.chars().count() <= MAX_TOPIC)
            .then(|| topic.trim().to_string())
            .ok_or("floor.topic-too-long"),
    );
    let topic = p.finish(topic)?;
    let mode = taking_part(ctx.db(), f.id, me)
        .await?
        .ok_or(AppError::Conflict("participation.not-registered".into()))?;
    let txn = begin_write(ctx.db()).await?;
    if !is_open(&txn, id).await? {
        return Err(AppError::Conflict("floor.closed".into()));
    }
    let earlier = floor_request::Entity::find()
        .filter(floor_request::Column::SessionId.eq(id))
        .filter(floor_request::Column::UserId.eq(me))
        .one(&txn)
        .await?;
    can_ask(earlier.as_ref().map(state_of)).map_err(|k| AppError::Conflict(k.into()))?;
    let at = now();
    match earlier {
        Some(e) => {
            let mut a: floor_request::ActiveModel = e.into();
            a.mode = Set(mode.code().into());
            a.state = Set(FloorState::Waiting.code().into());
            a.topic = Set(topic);
            a.asked_at = Set(at);
            a.given_at = Set(None);
            a.done_at = Set(None);
            a.decided_by = Set(None);
            a.update(&txn).await?;
        }
        None => {
            let inserted = floor_request::ActiveModel {
                id: Set(Uuid::new_v4()),
                forum_id: Set(f.id),
                session_id: Set(id),
                user_id: Set(me),
                mode: Set(mode.code().into()),
                state: Set(FloorState::Waiting.code().into()),
                topic: Set(topic),
                asked_at: Set(at),
                given_at: Set(None),
                done_at: Set(None),
                decided_by: Set(None),
            }
            .insert(&txn)
            .await;
            if let Err(e) = inserted {
                return Err(match e.sql_err() {
                    // The same person twice at once: the other request won.
                    Some(sea_orm::SqlErr::UniqueConstraintViolation(_)) => {
                        AppError::Conflict("floor.already".into())
                    }
                    _ => e.into(),
                });
            }
        }
    }
    txn.commit().await?;
    ctx.state.floor.changed(id);
    Ok(())
}

/// The participant takes back their request.
pub async fn withdraw(ctx: &RequestCtx, code: &str, key: &str) -> Result<(), AppError> {
    let me = ctx.require_signed_in()?.user_id();
    let (_, _, id) = session_of(ctx, code, key).await?;
    let done = floor_request::Entity::update_many()
        .col_expr(
            floor_request::Column::State,
            Expr::value(FloorState::Withdrawn.code()),
        )
        .col_expr(floor_request::Column::DoneAt, Expr::value(now()))
        .filter(floor_request::Column::SessionId.eq(id))
        .filter(floor_request::Column::UserId.eq(me))
        .filter(floor_request::Column::State.eq(FloorState::Waiting.code()))
        .exec(ctx.db())
        .await?;
    if done.rows_affected == 0 {
        return Err(AppError::Conflict("floor.nothing-to-withdraw".into()));
    }
    ctx.state.floor.changed(id);
    Ok(())
}

/// The moderators open or close the queue (closing leaves who waits).
pub async fn set_open(ctx: &RequestCtx, code: &str, key: &str, open: bool) -> Result<(), AppError> {
    let (f, id) = moderated(ctx, code, key).await?;
    let txn = begin_write(ctx.db()).await?;
    let row = floor_queue::ActiveModel {
        session_id: Set(id),
        forum_id: Set(f.id),
        open: Set(open),
        updated_at: Set(now()),
    };
    if floor_queue::Entity::find_by_id(id)
        .one(&txn)
        .await?
        .is_some()
    {
        row.update(&txn).await?;
    } else {
        row.insert(&txn).await?;
    }
    txn.commit().await?;
    ctx.state.floor.changed(id);
    Ok(())
}

/// The request `request` of the session, for a moderator.
async fn request_of(
    db: &impl ConnectionTrait,
    session: Uuid,
    request: &str,
) -> Result<floor_request::Model, AppError> {
    let rid = Uuid::parse_str(request.trim()).map_err(|_| AppError::NotFound)?;
    floor_request::Entity::find_by_id(rid)
        .filter(floor_request::Column::SessionId.eq(session))
        .one(db)
        .await?
        .ok_or(AppError::NotFound)
}

/// The moderators give the floor to a waiting person; whoever spoke is done.
pub async fn give(ctx: &RequestCtx, code: &str, key: &str, request: &str) -> Result<(), AppError> {
    let (_, id) = moderated(ctx, code, key).await?;
    let by = ctx.require_signed_in()?.user_id();
    let txn = begin_write(ctx.db()).await?;
    let r = request_of(&txn, id, request).await?;
    can_give(state_of(&r)).map_err(|k| AppError::Conflict(k.into()))?;
    let at = now();
    floor_request::Entity::update_many()
        .col_expr(
            floor_request::Column::State,
            Expr::value(FloorState::Done.code()),
        )
        .col_expr(floor_request::Column::DoneAt, Expr::value(at))
        .filter(floor_request::Column::SessionId.eq(id))
        .filter(floor_request::Column::State.eq(FloorState::Speaking.code()))
        .exec(&txn)
        .await?;
    // Only while it still waits: two moderators at once give it once.
    let given = floor_request::Entity::update_many()
        .col_expr(
            floor_request::Column::State,
            Expr::value(FloorState::Speaking.code()),
        )
        .col_expr(floor_request::Column::GivenAt, Expr::value(at))
        .col_expr(floor_request::Column::DecidedBy, Expr::value(by))
        .filter(floor_request::Column::Id.eq(r.id))
        .filter(floor_request::Column::State.eq(FloorState::Waiting.code()))
        .exec(&txn)
        .await?;
    if given.rows_affected != 1 {
        return Err(AppError::Conflict("floor.not-waiting".into()));
    }
    txn.commit().await?;
    ctx.state.floor.changed(id);
    Ok(())
}

/// The moderators mark a turn done (or pass over a waiting request).
pub async fn finish(
    ctx: &RequestCtx,
    code: &str,
    key: &str,
    request: &str,
) -> Result<(), AppError> {
    let (_, id) = moderated(ctx, code, key).await?;
    let by = ctx.require_signed_in()?.user_id();
    let r = request_of(ctx.db(), id, request).await?;
    can_finish(state_of(&r)).map_err(|k| AppError::Conflict(k.into()))?;
    let done = floor_request::Entity::update_many()
        .col_expr(
            floor_request::Column::State,
            Expr::value(FloorState::Done.code()),
        )
        .col_expr(floor_request::Column::DoneAt, Expr::value(now()))
        .col_expr(floor_request::Column::DecidedBy, Expr::value(by))
        .filter(floor_request::Column::Id.eq(r.id))
        .filter(
            floor_request::Column::State
                .is_in([FloorState::Waiting.code(), FloorState::Speaking.code()]),
        )
        .exec(ctx.db())
        .await?;
    if done.rows_affected != 1 {
        return Err(AppError::Conflict("floor.not-live".into()));
    }
    ctx.state.floor.changed(id);
    Ok(())
}
