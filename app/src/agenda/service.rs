//! The personal agenda's rules (server only). Stars name sessions by their
//! key in the latest release; "My agenda" reads the release from the cache
//! and the person's stars in one statement; the feed's token is random, kept
//! only as a hash, and replaced (the old address then answers 404) or
//! stopped at will.

use super::{AgendaDay, AgendaSession, MyAgenda};
use crate::accounts::sessions::{hash_secret, new_secret};
use crate::context::{AppSettings, RequestCtx};
use crate::db::{agenda_feed, agenda_star, begin_write, forum, now};
use crate::error::AppError;
use crate::forums::editions::by_code;
use crate::programme::changes::ReleasedSession;
use crate::programme::exports::cache::ProgrammeCache;
use crate::programme::exports::{calendar, Released};
use sea_orm::{entity::prelude::*, ActiveValue::Set, ConnectionTrait, QuerySelect};
use std::collections::HashSet;
use std::sync::Arc;

async fn release(ctx: &RequestCtx, code: &str) -> Result<Arc<Released>, AppError> {
    crate::programme::published::current(ctx, code).await
}

/// The ids of the sessions `user` starred in the edition.
pub async fn starred_ids(
    db: &impl ConnectionTrait,
    user: Uuid,
    forum_id: Uuid,
) -> Result<HashSet<Uuid>, AppError> {
    Ok(agenda_star::Entity::find()
        .select_only()
        .column(agenda_star::Column::SessionId)
        .filter(agenda_star::Column::UserId.eq(user))
        .filter(agenda_star::Column::ForumId.eq(forum_id))
        .into_tuple::<Uuid>()
        .all(db)
        .await?
        .into_iter()
        .collect())
}

/// Stars (or, with `on` false, unstars) the released session `key`.
pub async fn star(ctx: &RequestCtx, code: &str, key: &str, on: bool) -> Result<(), AppError> {
    let me = ctx.require_signed_in()?.user_id();
    let f = by_code(ctx, code).await?;
    let r = release(ctx, &f.code).await?;
    let s = r.session(key).ok_or(AppError::NotFound)?;
    if on {
        let done = agenda_star::ActiveModel {
            id: Set(Uuid::new_v4()),
            user_id: Set(me),
            forum_id: Set(f.id),
            session_id: Set(s.id),
            created_at: Set(now()),
        }
        .insert(ctx.db())
        .await;
        match done {
            Ok(_) => Ok(()),
            // Starred already (twice at once, or a second click): still starred.
            Err(e)
                if matches!(
                    e.sql_err(),
                    Some(sea_orm::SqlErr::UniqueConstraintViolation(_))
                ) =>
            {
                Ok(())
            }
            Err(e) => Err(e.into()),
        }
    } else {
        agenda_star::Entity::delete_many()
            .filter(agenda_star::Column::UserId.eq(me))
            .filter(agenda_star::Column::SessionId.eq(s.id))
            .exec(ctx.db())
            .await?;
        Ok(())
    }
}

/// Stars a session in a transaction (signing up does): nothing when it is
/// starred already — `ON CONFLICT DO NOTHING`, so PostgreSQL's transaction
/// never sees an error.
pub async fn star_in(
    txn: &impl ConnectionTrait,
    me: Uuid,
    forum_id: Uuid,
    session: Uuid,
) -> Result<(), AppError> {
    let row = agenda_star::ActiveModel {
        id: Set(Uuid::new_v4()),
        user_id: Set(me),
        forum_id: Set(forum_id),
        session_id: Set(session),
        created_at: Set(now()),
    };
    match agenda_star::Entity::insert(row)
        .on_conflict(
            sea_orm::sea_query::OnConflict::columns([
                agenda_star::Column::UserId,
                agenda_star::Column::SessionId,
            ])
            .do_nothing()
            .to_owned(),
        )
        .exec(txn)
        .await
    {
        Ok(_) | Err(sea_orm::DbErr::RecordNotInserted) => Ok(()),
        Err(e) => Err(e.into()),
    }
}

/// Whether two sessions overlap in time.
fn overlap(a: &ReleasedSession, b: &ReleasedSession) -> bool {
    a.at.starts_at < b.at.ends_at && b.at.starts_at < a.at.ends_at
}

/// The starred sessions of `r` by day, each with the starred sessions it
/// overlaps (pure).
pub fn arrange(r: &Released, starred: &HashSet<Uuid>) -> (Vec<AgendaDay>, u32) {
    let mine: Vec<&ReleasedSession> = r
        .snapshot
        .sessions
        .iter()
        .filter(|s| starred.contains(&s.id))
        .collect();
    let mut days: Vec<AgendaDay> = vec![];
    let mut clashes = 0;
    for s in &mine {
        let clashes_with: Vec<String> = mine
            .iter()
            .filter(|o| o.id != s.id && overlap(s, o))
            .map(|o| o.code.clone())
            .collect();
        if !clashes_with.is_empty() {
            clashes += 1;
        }
        if days.last().is_none_or(|d| d.date != s.at.day) {
            days.push(AgendaDay {
                date: s.at.day.clone(),
                number: s.at.day_number,
                sessions: vec![],
            });
        }
        if let Some(d) = days.last_mut() {
            d.sessions.push(AgendaSession {
                key: s.key(),
                code: s.code.clone(),
                title: s.title.clone(),
                start: s.at.start.clone(),
                end: s.at.end.clone(),
                starts_at: s.at.starts_at.to_rfc3339(),
                room: s.at.room.clone(),
                clashes_with,
                signup: String::new(),
                joinable: false,
            });
        }
    }
    (days, clashes)
}

/// The signed-in person's agenda in the edition.
pub async fn mine(ctx: &RequestCtx, code: &str) -> Result<MyAgenda, AppError> {
    let me = ctx.require_signed_in()?.user_id();
    let f = by_code(ctx, code).await?;
    let r = ctx
        .state
        .programme
        .released(ctx.db(), ctx.settings(), &f.code)
        .await?;
    let starred = starred_ids(ctx.db(), me, f.id).await?;
    let has_feed = agenda_feed::Entity::find()
        .filter(agenda_feed::Column::UserId.eq(me))
        .filter(agenda_feed::Column::ForumId.eq(f.id))
        .one(ctx.db())
        .await?
        .is_some();
    let (mut days, clashes) = r
        .as_deref()
        .map(|r| arrange(r, &starred))
        .unwrap_or_default();
    if let Some(r) = r.as_deref().filter(|_| !starred.is_empty()) {
        let (signups, joinable) =
            crate::participation::remote::for_agenda(ctx.db(), f.id, me, r, &starred).await?;
        for d in &mut days {
            for s in &mut d.sessions {
                if let Some(x) = r.session(&s.key) {
                    s.signup = signups.get(&x.id).cloned().unwrap_or_default();
                    s.joinable = joinable.contains(&x.id);
                }
            }
        }
    }
    let present: HashSet<Uuid> = r
        .as_deref()
        .map(|r| r.snapshot.sessions.iter().map(|s| s.id).collect())
        .unwrap_or_default();
    let gone_ids: Vec<Uuid> = starred.difference(&present).copied().collect();
    let gone = if gone_ids.is_empty() {
        vec![]
    } else {
        crate::db::programme_session::Entity::find()
            .select_only()
            .columns([
                crate::db::programme_session::Column::Code,
                crate::db::programme_session::Column::Title,
            ])
            .filter(crate::db::programme_session::Column::Id.is_in(gone_ids))
            .into_tuple::<(String, String)>()
            .all(ctx.db())
            .await?
    };
    Ok(MyAgenda {
        forum_code: f.code,
        forum_name: f.name,
        time_zone: f.time_zone,
        base_url: ctx.settings().base_url.trim_end_matches('/').to_string(),
        days,
        gone,
        clashes,
        has_feed,
    })
}

/// Makes the person a new feed address for the edition (the old one stops
/// working); returns its secret, shown to them once.
pub async fn new_feed(ctx: &RequestCtx, code: &str) -> Result<String, AppError> {
    let me = ctx.require_signed_in()?.user_id();
    let f = by_code(ctx, code).await?;
    let token = new_secret();
    let txn = begin_write(ctx.db()).await?;
    stop(&txn, me, f.id).await?;
    agenda_feed::ActiveModel {
        id: Set(Uuid::new_v4()),
        user_id: Set(me),
        forum_id: Set(f.id),
        token_hash: Set(hash_secret(&token)),
        created_at: Set(now()),
    }
    .insert(&txn)
    .await?;
    txn.commit().await?;
    Ok(token)
}

async fn stop(db: &impl ConnectionTrait, user: Uuid, forum_id: Uuid) -> Result<(), AppError> {
    agenda_feed::Entity::delete_many()
        .filter(agenda_feed::Column::UserId.eq(user))
        .filter(agenda_feed::Column::ForumId.eq(forum_id))
        .exec(db)
        .await?;
    Ok(())
}

/// Stops the person's feed address for the edition.
pub async fn stop_feed(ctx: &RequestCtx, code: &str) -> Result<(), AppError> {
    let me = ctx.require_signed_in()?.user_id();
    let f = by_code(ctx, code).await?;
    stop(ctx.db(), me, f.id).await
}

/// The calendar behind a feed address: the starred sessions of the latest
/// release. Not found for an unknown, replaced or stopped token, or a token
/// of another edition.
pub async fn feed(
    db: &impl ConnectionTrait,
    cache: &ProgrammeCache,
    settings: &AppSettings,
    code: &str,
    token: &str,
) -> Result<String, AppError> {
    let row = agenda_feed::Entity::find()
        .filter(agenda_feed::Column::TokenHash.eq(hash_secret(token)))
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    let f = forum::Entity::find_by_id(row.forum_id)
        .one(db)
        .await?
        .filter(|f| f.code == code.trim().to_lowercase())
        .ok_or(AppError::NotFound)?;
    let r = cache
        .released(db, settings, &f.code)
        .await?
        .ok_or(AppError::NotFound)?;
    let starred = starred_ids(db, row.user_id, f.id).await?;
    let sessions = r
        .snapshot
        .sessions
        .iter()
        .filter(|s| starred.contains(&s.id));
    Ok(calendar::of(&r, &r.forum_name, sessions))
}
