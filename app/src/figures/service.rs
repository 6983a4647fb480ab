//! The figures read from the database (server only): every breakdown is one
//! grouped statement, so the page costs the same for ten registrations and
//! for eleven thousand.

use super::participation::{Counts, Participation};
use super::programme::{Programme, ProgrammeCounts};
use super::FiguresPage;
use crate::context::RequestCtx;
use crate::db::{
    forum, join_link, programme_session, proposal, registration, session_format, session_person,
    session_type,
};
use crate::error::AppError;
use crate::forums::editions::by_code;
use sea_orm::{
    entity::prelude::*,
    sea_query::{Expr, ExprTrait, Query, SelectStatement},
    ConnectionTrait, QueryOrder, QuerySelect,
};

/// Approved registrations of the edition counted by one column.
async fn approved_by(
    db: &impl ConnectionTrait,
    f: &forum::Model,
    column: registration::Column,
) -> Result<Vec<(Option<String>, u64)>, AppError> {
    let rows: Vec<(Option<String>, i64)> = registration::Entity::find()
        .select_only()
        .column(column)
        .column_as(Expr::col(registration::Column::Id).count(), "n")
        .filter(registration::Column::ForumId.eq(f.id))
        .filter(registration::Column::State.eq("approved"))
        .group_by(column)
        .into_tuple()
        .all(db)
        .await?;
    Ok(rows.into_iter().map(|(k, n)| (k, n as u64)).collect())
}

/// The aggregate counts of an edition's participation: seven statements.
pub async fn participation_counts(
    db: &impl ConnectionTrait,
    f: &forum::Model,
) -> Result<Counts, AppError> {
    let by_state_mode: Vec<(String, String, i64)> = registration::Entity::find()
        .select_only()
        .column(registration::Column::State)
        .column(registration::Column::Mode)
        .column_as(Expr::col(registration::Column::Id).count(), "n")
        .filter(registration::Column::ForumId.eq(f.id))
        .group_by(registration::Column::State)
        .group_by(registration::Column::Mode)
        .into_tuple()
        .all(db)
        .await?;
    let first_time = registration::Entity::find()
        .filter(registration::Column::ForumId.eq(f.id))
        .filter(registration::Column::State.eq("approved"))
        .filter(registration::Column::FirstTime.eq(true))
        .count(db)
        .await?;
    let checked_in = registration::Entity::find()
        .filter(registration::Column::ForumId.eq(f.id))
        .filter(registration::Column::CheckedInAt.is_not_null())
        .count(db)
        .await?;
    let joined: Option<i64> = join_link::Entity::find()
        .select_only()
        .column_as(Expr::col(join_link::Column::UserId).count_distinct(), "n")
        .filter(join_link::Column::ForumId.eq(f.id))
        .filter(join_link::Column::FirstUsedAt.is_not_null())
        .into_tuple()
        .one(db)
        .await?;
    Ok(Counts {
        by_state_mode: by_state_mode
            .into_iter()
            .map(|(s, m, n)| (s, m, n as u64))
            .collect(),
        by_group: approved_by(db, f, registration::Column::StakeholderGroup).await?,
        by_country: approved_by(db, f, registration::Column::Country).await?,
        by_gender: approved_by(db, f, registration::Column::Gender).await?,
        first_time,
        checked_in,
        joined_online: joined.unwrap_or(0) as u64,
    })
}

/// The edition's sessions that are not cancelled, as a subquery of `column`.
fn active_sessions(f: &forum::Model, column: programme_session::Column) -> SelectStatement {
    Query::select()
        .column(column)
        .from(programme_session::Entity)
        .and_where(programme_session::Column::ForumId.eq(f.id))
        .and_where(programme_session::Column::Status.ne("cancelled"))
        .to_owned()
}

/// Active sessions counted by one column.
async fn sessions_by(
    db: &impl ConnectionTrait,
    f: &forum::Model,
    column: programme_session::Column,
) -> Result<Vec<(Option<Uuid>, u64)>, AppError> {
    let rows: Vec<(Option<Uuid>, i64)> = programme_session::Entity::find()
        .select_only()
        .column(column)
        .column_as(Expr::col(programme_session::Column::Id).count(), "n")
        .filter(programme_session::Column::ForumId.eq(f.id))
        .filter(programme_session::Column::Status.ne("cancelled"))
        .group_by(column)
        .into_tuple()
        .all(db)
        .await?;
    Ok(rows.into_iter().map(|(k, n)| (k, n as u64)).collect())
}

/// People on active sessions counted by one column.
async fn people_by<K>(
    db: &impl ConnectionTrait,
    f: &forum::Model,
    column: session_person::Column,
) -> Result<Vec<(K, u64)>, AppError>
where
    K: sea_orm::TryGetable,
{
    let rows: Vec<(K, i64)> = session_person::Entity::find()
        .select_only()
        .column(column)
        .column_as(Expr::col(session_person::Column::Id).count(), "n")
        .filter(
            session_person::Column::SessionId
                .in_subquery(active_sessions(f, programme_session::Column::Id)),
        )
        .group_by(column)
        .into_tuple()
        .all(db)
        .await?;
    Ok(rows.into_iter().map(|(k, n)| (k, n as u64)).collect())
}

/// The aggregate counts of an edition's programme: eight statements.
pub async fn programme_counts(
    db: &impl ConnectionTrait,
    f: &forum::Model,
) -> Result<ProgrammeCounts, AppError> {
    let by_type = sessions_by(db, f, programme_session::Column::SessionTypeId).await?;
    let formats: Vec<(Option<Uuid>, i64)> = proposal::Entity::find()
        .select_only()
        .column(proposal::Column::FormatId)
        .column_as(Expr::col(proposal::Column::Id).count(), "n")
        .filter(
            proposal::Column::Id
                .in_subquery(active_sessions(f, programme_session::Column::ProposalId)),
        )
        .group_by(proposal::Column::FormatId)
        .into_tuple()
        .all(db)
        .await?;
    let session_mix: Vec<(Uuid, Option<String>, Option<String>)> = session_person::Entity::find()
        .select_only()
        .distinct()
        .column(session_person::Column::SessionId)
        .column(session_person::Column::StakeholderGroup)
        .column(session_person::Column::Country)
        .filter(
            session_person::Column::SessionId
                .in_subquery(active_sessions(f, programme_session::Column::Id)),
        )
        .into_tuple()
        .all(db)
        .await?;
    Ok(ProgrammeCounts {
        sessions: by_type.iter().map(|(_, n)| n).sum(),
        by_type,
        by_theme: sessions_by(db, f, programme_session::Column::ThemeId).await?,
        by_format: formats.into_iter().map(|(k, n)| (k, n as u64)).collect(),
        people_by_group: people_by(db, f, session_person::Column::StakeholderGroup).await?,
        people_by_country: people_by(db, f, session_person::Column::Country).await?,
        people_by_gender: people_by(db, f, session_person::Column::Gender).await?,
        people_by_presence: people_by(db, f, session_person::Column::Onsite).await?,
        session_mix,
    })
}

/// The edition's session types, themes (sub-themes after theirs) and
/// formats by id, in order: three statements.
async fn names(
    db: &impl ConnectionTrait,
    f: &forum::Model,
) -> Result<[Vec<(Uuid, String)>; 3], AppError> {
    let types = session_type::Entity::find()
        .filter(session_type::Column::ForumId.eq(f.id))
        .order_by_asc(session_type::Column::Position)
        .all(db)
        .await?
        .into_iter()
        .map(|t| (t.id, t.name))
        .collect();
    let themes = crate::forums::setup::theme_names(db, f.id).await?;
    let formats = session_format::Entity::find()
        .filter(session_format::Column::ForumId.eq(f.id))
        .order_by_asc(session_format::Column::Position)
        .all(db)
        .await?
        .into_iter()
        .map(|x| (x.id, x.name))
        .collect();
    Ok([types, themes, formats])
}

/// The organisers' figures page.
pub async fn page(ctx: &RequestCtx, code: &str) -> Result<FiguresPage, AppError> {
    ctx.require_organiser(code)?;
    let f = by_code(ctx, code).await?;
    let counts = participation_counts(ctx.db(), &f).await?;
    let programme = programme_counts(ctx.db(), &f).await?;
    let [types, themes, formats] = names(ctx.db(), &f).await?;
    Ok(FiguresPage {
        forum_code: f.code.clone(),
        forum_name: f.name.clone(),
        participation: Participation::from_counts(&counts),
        programme: Programme::from_counts(&programme, &types, &themes, &formats),
    })
}

/// Every participation figure as CSV (organisers).
pub async fn participation_csv(ctx: &RequestCtx, code: &str) -> Result<String, AppError> {
    ctx.require_organiser(code)?;
    let f = by_code(ctx, code).await?;
    let counts = participation_counts(ctx.db(), &f).await?;
    Ok(Participation::from_counts(&counts).sheet().csv())
}

/// Every programme figure as CSV (organisers).
pub async fn programme_csv(ctx: &RequestCtx, code: &str) -> Result<String, AppError> {
    ctx.require_organiser(code)?;
    let f = by_code(ctx, code).await?;
    let counts = programme_counts(ctx.db(), &f).await?;
    let [types, themes, formats] = names(ctx.db(), &f).await?;
    Ok(Programme::from_counts(&counts, &types, &themes, &formats)
        .sheet()
        .csv())
}
