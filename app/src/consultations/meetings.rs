//! Consultation meetings (server only): sessions of the edition's programme
//! — hybrid, with sign-up and remote participation — linked to the
//! consultation they serve. Its page lists those in the published programme
//! with when, where and how they are held; organisers see every linked
//! session, published or not.

use super::service::{organised, removed};
use super::synthesis_types::{MeetingLine, MeetingMode};
use crate::context::RequestCtx;
use crate::db::{consultation, consultation_meeting, programme_session};
use crate::error::AppError;
use crate::programme::exports::session_path;
use sea_orm::{
    entity::prelude::*, sea_query::OnConflict, sea_query::Query, ActiveValue::Set, QueryOrder,
};

/// Links the session with this code (as the programme shows it) to the
/// consultation.
pub async fn add(
    ctx: &RequestCtx,
    code: &str,
    slug: &str,
    session_code: &str,
) -> Result<(), AppError> {
    let (f, c, me) = organised(ctx, code, slug).await?;
    let typed = session_code.trim();
    if typed.is_empty() {
        return Err(AppError::field("session", "field.required"));
    }
    let session = programme_session::Entity::find()
        .filter(programme_session::Column::ForumId.eq(f.id))
        .filter(programme_session::Column::Code.eq(typed))
        .one(ctx.db())
        .await?
        .ok_or(AppError::field(
            "session",
            "consultation.meeting.no-such-session",
        ))?;
    if session.status == "cancelled" {
        return Err(AppError::field("session", "consultation.meeting.cancelled"));
    }
    let txn = crate::db::begin_write(ctx.db()).await?;
    let added = consultation_meeting::Entity::insert(consultation_meeting::ActiveModel {
        consultation_id: Set(c.id),
        session_id: Set(session.id),
    })
    .on_conflict(
        OnConflict::columns([
            consultation_meeting::Column::ConsultationId,
            consultation_meeting::Column::SessionId,
        ])
        .do_nothing()
        .to_owned(),
    )
    .exec_without_returning(&txn)
    .await?;
    if added == 0 {
        return Err(AppError::field("session", "consultation.meeting.already"));
    }
    crate::admin::audit::record(
        &txn,
        Some(me),
        "consultation.meeting-added",
        &format!("{}/{}", f.code, c.slug),
        &session.code,
        &ctx.client_addr,
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

/// Takes a session off the consultation's meetings.
pub async fn remove(
    ctx: &RequestCtx,
    code: &str,
    slug: &str,
    session: Uuid,
) -> Result<(), AppError> {
    let (_, c, _) = organised(ctx, code, slug).await?;
    let gone = consultation_meeting::Entity::delete_many()
        .filter(consultation_meeting::Column::ConsultationId.eq(c.id))
        .filter(consultation_meeting::Column::SessionId.eq(session))
        .exec(ctx.db())
        .await?
        .rows_affected;
    removed(gone)
}

/// The consultation's meetings in time order: for the public, those in the
/// published programme; for organisers, every linked session (unpublished
/// ones last, without time). One statement, and the release cache's.
pub async fn of(
    ctx: &RequestCtx,
    forum_code: &str,
    c: &consultation::Model,
    organiser: bool,
) -> Result<Vec<MeetingLine>, AppError> {
    let sessions = programme_session::Entity::find()
        .filter(
            programme_session::Column::Id.in_subquery(
                Query::select()
                    .column(consultation_meeting::Column::SessionId)
                    .from(consultation_meeting::Entity)
                    .and_where(consultation_meeting::Column::ConsultationId.eq(c.id))
                    .to_owned(),
            ),
        )
        .order_by_asc(programme_session::Column::Code)
        .all(ctx.db())
        .await?;
    if sessions.is_empty() {
        return Ok(vec![]);
    }
    let released = crate::programme::published::current(ctx, forum_code)
        .await
        .ok();
    let mut lines: Vec<(Option<chrono::DateTime<chrono::Utc>>, MeetingLine)> = sessions
        .into_iter()
        .filter_map(|s| {
            let found = released
                .as_ref()
                .and_then(|r| r.snapshot.sessions.iter().find(|x| x.id == s.id));
            if found.is_none() && !organiser {
                return None;
            }
            let line = MeetingLine {
                session_id: s.id.to_string(),
                code: s.code.clone(),
                title: found.map_or_else(|| s.title.clone(), |x| x.title.clone()),
                mode: MeetingMode::of(s.hybrid, s.online_only),
                when: found
                    .map(|x| format!("{} {}–{}, {}", x.at.day, x.at.start, x.at.end, x.at.room)),
                link: found.map(|x| session_path(forum_code, &x.key())),
            };
            Some((found.map(|x| x.at.starts_at), line))
        })
        .collect();
    lines.sort_by(|a, b| match (a.0, b.0) {
        (Some(x), Some(y)) => x.cmp(&y),
        (Some(_), None) => std::cmp::Ordering::Less,
        (None, Some(_)) => std::cmp::Ordering::Greater,
        (None, None) => a.1.code.cmp(&b.1.code),
    });
    Ok(lines.into_iter().map(|(_, l)| l).collect())
}
