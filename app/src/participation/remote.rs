//! Remote participation applied to the database (server only): a session's
//! meeting (its own, else its room's), personal join links, and their use.
//!
//! The meeting's address is read here and nowhere else: the public pages,
//! the exports and the API are made from the release snapshot, which never
//! holds it. A join link's token is 256 random bits, tied to one person and
//! one session; the page it opens shows the meeting only to that person,
//! signed in, while their registration stands and the link is not revoked,
//! and records each use (the person's attendance online).

use super::{JoinView, LinkRow, Meeting};
use crate::accounts::sessions::new_secret;
use crate::context::RequestCtx;
use crate::db::{begin_write, forum, join_link, now, programme_session, registration, room, user};
use crate::error::{AppError, Problems};
use crate::forums::editions::by_code;
use crate::programme::changes::ReleasedSession;
use crate::proposals::fields::{report_url, text};
use crate::registration::State;
use sea_orm::{
    entity::prelude::*,
    sea_query::{Expr, ExprTrait},
    ActiveValue::Set,
    ConnectionTrait, QueryOrder,
};
use std::collections::{HashMap, HashSet};

/// Longest meeting id and passcode.
pub const MAX_CODE: usize = 100;

/// A join link's token as the address carries it: 43 URL-safe characters.
fn well_formed(token: &str) -> bool {
    token.len() == 43
        && token
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

fn own_meeting(s: &programme_session::Model) -> Meeting {
    Meeting {
        url: s.meeting_url.clone(),
        id: s.meeting_id.clone(),
        passcode: s.meeting_passcode.clone(),
    }
}

/// The meeting a session uses: its own when it has an address, else its
/// room's; none when neither has one.
pub fn meeting_of(s: &programme_session::Model, room: Option<&room::Model>) -> Option<Meeting> {
    if !s.meeting_url.is_empty() {
        return Some(own_meeting(s));
    }
    room.filter(|r| !r.meeting_url.is_empty()).map(|r| Meeting {
        url: r.meeting_url.clone(),
        id: r.meeting_id.clone(),
        passcode: r.meeting_passcode.clone(),
    })
}

/// Checks a meeting as typed: an http(s) address (or none), an id and a
/// passcode of at most [`MAX_CODE`] characters.
pub fn check_meeting(url: &str, id: &str, passcode: &str) -> Result<Meeting, AppError> {
    let mut problems = Problems::new();
    let url = problems.check("meeting_url", report_url(url));
    let id = problems.check("meeting_id", text(id, MAX_CODE));
    let passcode = problems.check("meeting_passcode", text(passcode, MAX_CODE));
    problems.finish(
        url.zip(id)
            .zip(passcode)
            .map(|((url, id), passcode)| Meeting { url, id, passcode }),
    )
}

/// Organisers set a session's own meeting (an empty address: its room's).
pub async fn save_meeting(
    ctx: &RequestCtx,
    code: &str,
    id: Uuid,
    meeting: Meeting,
) -> Result<(), AppError> {
    let me = ctx.require_organiser(code)?.user_id();
    let f = by_code(ctx, code).await?;
    let txn = begin_write(ctx.db()).await?;
    let s = programme_session::Entity::find_by_id(id)
        .filter(programme_session::Column::ForumId.eq(f.id))
        .one(&txn)
        .await?
        .ok_or(AppError::NotFound)?;
    let session_code = s.code.clone();
    let mut a: programme_session::ActiveModel = s.into();
    a.meeting_url = Set(meeting.url);
    a.meeting_id = Set(meeting.id);
    a.meeting_passcode = Set(meeting.passcode);
    a.updated_at = Set(now());
    a.update(&txn).await?;
    crate::admin::audit::record(
        &txn,
        Some(me),
        "session.meeting",
        &f.code,
        &session_code,
        &ctx.client_addr,
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

/// Organisers set a room's default meeting.
pub async fn save_room_meeting(
    ctx: &RequestCtx,
    code: &str,
    id: Uuid,
    meeting: Meeting,
) -> Result<(), AppError> {
    let me = ctx.require_organiser(code)?.user_id();
    let f = by_code(ctx, code).await?;
    let txn = begin_write(ctx.db()).await?;
    let r = room::Entity::find_by_id(id)
        .filter(room::Column::ForumId.eq(f.id))
        .one(&txn)
        .await?
        .ok_or(AppError::NotFound)?;
    let name = r.name.clone();
    let mut a: room::ActiveModel = r.into();
    a.meeting_url = Set(meeting.url);
    a.meeting_id = Set(meeting.id);
    a.meeting_passcode = Set(meeting.passcode);
    a.update(&txn).await?;
    crate::admin::audit::record(
        &txn,
        Some(me),
        "room.meeting",
        &f.code,
        &name,
        &ctx.client_addr,
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

/// Whether the person's registration for the edition is approved.
async fn approved(db: &impl ConnectionTrait, forum_id: Uuid, me: Uuid) -> Result<bool, AppError> {
    Ok(registration::Entity::find()
        .filter(registration::Column::ForumId.eq(forum_id))
        .filter(registration::Column::UserId.eq(me))
        .filter(registration::Column::State.eq(State::Approved.code()))
        .one(db)
        .await?
        .is_some())
}

/// The session row and its meeting, for a released session that can be
/// followed remotely.
async fn remote_meeting(
    db: &impl ConnectionTrait,
    s: &ReleasedSession,
) -> Result<Option<Meeting>, AppError> {
    if !(s.online_only || s.hybrid) {
        return Ok(None);
    }
    let Some(row) = programme_session::Entity::find_by_id(s.id).one(db).await? else {
        return Ok(None);
    };
    let room = if row.meeting_url.is_empty() {
        room::Entity::find_by_id(s.at.room_id).one(db).await?
    } else {
        None
    };
    Ok(meeting_of(&row, room.as_ref()))
}

/// Whether the session can be joined remotely (hybrid or online, with a
/// meeting): for the Join button, which appears to approved participants.
pub async fn joinable(db: &impl ConnectionTrait, s: &ReleasedSession) -> Result<bool, AppError> {
    Ok(remote_meeting(db, s).await?.is_some())
}

/// The person's join link for the released session `key`, made the first
/// time: only for an approved participant, a session followed remotely
/// with a meeting, and a link the organisers did not revoke.
pub async fn link_for(ctx: &RequestCtx, code: &str, key: &str) -> Result<String, AppError> {
    let me = ctx.require_signed_in()?.user_id();
    let f = by_code(ctx, code).await?;
    let r = ctx
        .state
        .programme
        .released(ctx.db(), ctx.settings(), &f.code)
        .await?
        .ok_or(AppError::NotFound)?;
    let s = r.session(key).ok_or(AppError::NotFound)?;
    if !approved(ctx.db(), f.id, me).await? {
        return Err(AppError::Conflict("participation.not-registered".into()));
    }
    if remote_meeting(ctx.db(), s).await?.is_none() {
        return Err(AppError::Conflict("join.not-remote".into()));
    }
    let existing = join_link::Entity::find()
        .filter(join_link::Column::SessionId.eq(s.id))
        .filter(join_link::Column::UserId.eq(me))
        .one(ctx.db())
        .await?;
    if let Some(l) = existing {
        return match l.revoked_at {
            Some(_) => Err(AppError::Conflict("join.revoked".into())),
            None => Ok(l.token),
        };
    }
    let token = new_secret();
    let inserted = join_link::ActiveModel {
        id: Set(Uuid::new_v4()),
        forum_id: Set(f.id),
        session_id: Set(s.id),
        user_id: Set(me),
        token: Set(token.clone()),
        created_at: Set(now()),
        revoked_at: Set(None),
        first_used_at: Set(None),
        last_used_at: Set(None),
        uses: Set(0),
    }
    .insert(ctx.db())
    .await;
    match inserted {
        Ok(_) => Ok(token),
        // The same person at once in two tabs: the other made it.
        Err(e)
            if matches!(
                e.sql_err(),
                Some(sea_orm::SqlErr::UniqueConstraintViolation(_))
            ) =>
        {
            join_link::Entity::find()
                .filter(join_link::Column::SessionId.eq(s.id))
                .filter(join_link::Column::UserId.eq(me))
                .one(ctx.db())
                .await?
                .map(|l| l.token)
                .ok_or(AppError::Internal)
        }
        Err(e) => Err(e.into()),
    }
}

/// Opens a join link: the meeting, for its person only, recorded as a use.
/// `session` (a page key), when given, must be the link's session.
pub async fn open(
    ctx: &RequestCtx,
    token: &str,
    session: Option<&str>,
) -> Result<JoinView, AppError> {
    let me = ctx.require_signed_in()?.user_id();
    let token = token.trim();
    if !well_formed(token) {
        return Err(AppError::Conflict("join.unknown".into()));
    }
    let db = ctx.db();
    let link = join_link::Entity::find()
        .filter(join_link::Column::Token.eq(token))
        .one(db)
        .await?
        .ok_or(AppError::Conflict("join.unknown".into()))?;
    if link.user_id != me {
        return Err(AppError::Conflict("join.not-yours".into()));
    }
    if link.revoked_at.is_some() {
        return Err(AppError::Conflict("join.revoked".into()));
    }
    let f = forum::Entity::find_by_id(link.forum_id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    let r = ctx
        .state
        .programme
        .released(db, ctx.settings(), &f.code)
        .await?
        .ok_or(AppError::NotFound)?;
    let s = r
        .snapshot
        .sessions
        .iter()
        .find(|s| s.id == link.session_id)
        .ok_or(AppError::Conflict("join.not-in-programme".into()))?;
    if session.is_some_and(|k| !k.trim().is_empty() && k.trim() != s.key()) {
        return Err(AppError::Conflict("join.other-session".into()));
    }
    if !approved(db, f.id, me).await? {
        return Err(AppError::Conflict("participation.not-registered".into()));
    }
    let meeting = remote_meeting(db, s)
        .await?
        .ok_or(AppError::Conflict("join.not-remote".into()))?;
    let at = now();
    join_link::Entity::update_many()
        .col_expr(
            join_link::Column::Uses,
            Expr::col(join_link::Column::Uses).add(1),
        )
        .col_expr(join_link::Column::LastUsedAt, Expr::value(at))
        .col_expr(
            join_link::Column::FirstUsedAt,
            Expr::value(link.first_used_at.unwrap_or(at)),
        )
        .filter(join_link::Column::Id.eq(link.id))
        .exec(db)
        .await?;
    Ok(JoinView {
        forum_code: r.forum_code.clone(),
        forum_name: r.forum_name.clone(),
        time_zone: r.time_zone.clone(),
        key: s.key(),
        code: s.code.clone(),
        title: s.title.clone(),
        day: s.at.day.clone(),
        start: s.at.start.clone(),
        end: s.at.end.clone(),
        starts_at: s.at.starts_at.to_rfc3339(),
        meeting,
    })
}

/// Organisers revoke a person's join link (or allow it again: a new token,
/// so the old address stays dead).
pub async fn set_revoked(
    ctx: &RequestCtx,
    code: &str,
    id: Uuid,
    revoked: bool,
) -> Result<Uuid, AppError> {
    let me = ctx.require_organiser(code)?.user_id();
    let f = by_code(ctx, code).await?;
    let txn = begin_write(ctx.db()).await?;
    let l = join_link::Entity::find_by_id(id)
        .filter(join_link::Column::ForumId.eq(f.id))
        .one(&txn)
        .await?
        .ok_or(AppError::NotFound)?;
    let session = l.session_id;
    let mut a: join_link::ActiveModel = l.into();
    if revoked {
        a.revoked_at = Set(Some(now()));
    } else {
        a.revoked_at = Set(None);
        a.token = Set(new_secret());
    }
    a.update(&txn).await?;
    crate::admin::audit::record(
        &txn,
        Some(me),
        if revoked {
            "join-link.revoked"
        } else {
            "join-link.restored"
        },
        &f.code,
        &id.to_string(),
        &ctx.client_addr,
    )
    .await?;
    txn.commit().await?;
    Ok(session)
}

/// For a person's agenda of `starred` sessions: their sign-ups' states and
/// the sessions they can join online (none unless their registration is
/// approved). Two statements, four for an approved participant, however
/// many sessions.
pub async fn for_agenda(
    db: &impl ConnectionTrait,
    forum_id: Uuid,
    me: Uuid,
    r: &crate::programme::exports::Released,
    starred: &std::collections::HashSet<Uuid>,
) -> Result<(HashMap<Uuid, String>, HashSet<Uuid>), AppError> {
    use crate::db::session_signup;
    let signups: HashMap<Uuid, String> = session_signup::Entity::find()
        .filter(session_signup::Column::ForumId.eq(forum_id))
        .filter(session_signup::Column::UserId.eq(me))
        .filter(session_signup::Column::State.ne(super::SignupState::Cancelled.code()))
        .all(db)
        .await?
        .into_iter()
        .map(|x| (x.session_id, x.state))
        .collect();
    let remote: Vec<&ReleasedSession> = r
        .snapshot
        .sessions
        .iter()
        .filter(|s| starred.contains(&s.id))
        .collect();
    // The same statements whatever is starred: two, or four when approved.
    if !approved(db, forum_id, me).await? {
        return Ok((signups, HashSet::new()));
    }
    let joinable = followed_remotely(db, forum_id, &remote).await?;
    Ok((signups, joinable))
}

/// Which of `sessions` can be joined remotely (hybrid or online, with a
/// meeting of their own or their room's): two statements however many.
pub async fn followed_remotely(
    db: &impl ConnectionTrait,
    forum_id: Uuid,
    sessions: &[&ReleasedSession],
) -> Result<HashSet<Uuid>, AppError> {
    let remote: Vec<&&ReleasedSession> = sessions
        .iter()
        .filter(|s| s.online_only || s.hybrid)
        .collect();
    let own: HashSet<Uuid> = programme_session::Entity::find()
        .filter(programme_session::Column::Id.is_in(remote.iter().map(|s| s.id)))
        .filter(programme_session::Column::MeetingUrl.ne(""))
        .all(db)
        .await?
        .into_iter()
        .map(|s| s.id)
        .collect();
    let rooms: HashSet<Uuid> = room::Entity::find()
        .filter(room::Column::ForumId.eq(forum_id))
        .filter(room::Column::MeetingUrl.ne(""))
        .all(db)
        .await?
        .into_iter()
        .map(|x| x.id)
        .collect();
    Ok(remote
        .iter()
        .filter(|s| own.contains(&s.id) || rooms.contains(&s.at.room_id))
        .map(|s| s.id)
        .collect())
}

/// The join links of people for sessions (`wanted` pairs of person and
/// session), made where missing; revoked links are left out. Three
/// statements however many.
pub async fn links_of(
    db: &impl ConnectionTrait,
    forum_id: Uuid,
    wanted: &[(Uuid, Uuid)],
) -> Result<HashMap<(Uuid, Uuid), String>, AppError> {
    if wanted.is_empty() {
        return Ok(HashMap::new());
    }
    let find = || {
        join_link::Entity::find()
            .filter(join_link::Column::UserId.is_in(wanted.iter().map(|w| w.0)))
            .filter(join_link::Column::SessionId.is_in(wanted.iter().map(|w| w.1)))
    };
    let known: HashSet<(Uuid, Uuid)> = find()
        .all(db)
        .await?
        .into_iter()
        .map(|l| (l.user_id, l.session_id))
        .collect();
    let at = now();
    let missing: Vec<join_link::ActiveModel> = wanted
        .iter()
        .filter(|w| !known.contains(w))
        .collect::<HashSet<_>>()
        .into_iter()
        .map(|(person, session)| join_link::ActiveModel {
            id: Set(Uuid::new_v4()),
            forum_id: Set(forum_id),
            session_id: Set(*session),
            user_id: Set(*person),
            token: Set(new_secret()),
            created_at: Set(at),
            revoked_at: Set(None),
            first_used_at: Set(None),
            last_used_at: Set(None),
            uses: Set(0),
        })
        .collect();
    if !missing.is_empty() {
        // Someone opening their Join button at the same moment made theirs.
        let inserted = join_link::Entity::insert_many(missing)
            .on_conflict(
                sea_orm::sea_query::OnConflict::columns([
                    join_link::Column::SessionId,
                    join_link::Column::UserId,
                ])
                .do_nothing()
                .to_owned(),
            )
            .exec(db)
            .await;
        match inserted {
            Ok(_) | Err(sea_orm::DbErr::RecordNotInserted) => {}
            Err(e) => return Err(e.into()),
        }
    }
    let wanted: HashSet<&(Uuid, Uuid)> = wanted.iter().collect();
    Ok(find()
        .filter(join_link::Column::RevokedAt.is_null())
        .all(db)
        .await?
        .into_iter()
        .filter(|l| wanted.contains(&(l.user_id, l.session_id)))
        .map(|l| ((l.user_id, l.session_id), l.token))
        .collect())
}

/// A session's join links for the organisers, by person.
pub async fn links(db: &impl ConnectionTrait, session: Uuid) -> Result<Vec<LinkRow>, AppError> {
    Ok(join_link::Entity::find()
        .filter(join_link::Column::SessionId.eq(session))
        .order_by_asc(join_link::Column::CreatedAt)
        .find_also_related(user::Entity)
        .all(db)
        .await?
        .into_iter()
        .filter_map(|(l, u)| {
            let u = u?;
            Some(LinkRow {
                id: l.id,
                name: u.name,
                email: u.email,
                uses: Ord::max(l.uses, 0) as u32,
                first_used: l
                    .first_used_at
                    .map(|t| t.format("%Y-%m-%d %H:%M UTC").to_string())
                    .unwrap_or_default(),
                revoked: l.revoked_at.is_some(),
            })
        })
        .collect())
}

/// The session's own meeting, for the organisers' form.
pub fn own(s: &programme_session::Model) -> Meeting {
    own_meeting(s)
}
