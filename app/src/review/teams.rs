//! Reviewer teams (evaluation groups) of an edition, server only: creating and
//! removing them, with the themes they review, and their members.

use super::assigning::reviewer_by_email;
use crate::admin::audit;
use crate::context::RequestCtx;
use crate::db::{begin_write, forum, now, review_team, review_team_member, theme};
use crate::error::{AppError, Problems};
use crate::forums::editions::by_code;
use sea_orm::{entity::prelude::*, ActiveValue::Set, ConnectionTrait, QuerySelect, QueryTrait};

/// Creates a reviewer team with the themes it reviews (none: every theme).
pub async fn add_team(
    ctx: &RequestCtx,
    code: &str,
    name: &str,
    themes: &[String],
) -> Result<(), AppError> {
    let me = ctx.require_organiser(code)?.user_id();
    let f = by_code(ctx, code).await?;
    let mut problems = Problems::new();
    let name = match crate::proposals::fields::text(name, 120) {
        Ok(n) if n.is_empty() => {
            problems.add("name", "field.required");
            n
        }
        Ok(n) => n,
        Err(e) => {
            problems.add("name", e);
            String::new()
        }
    };
    let known: Vec<Uuid> = theme::Entity::find()
        .filter(theme::Column::ForumId.eq(f.id))
        .filter(theme::Column::ParentId.is_null())
        .all(ctx.db())
        .await?
        .into_iter()
        .map(|t| t.id)
        .collect();
    let chosen: Vec<Uuid> = themes.iter().filter_map(|t| t.parse().ok()).collect();
    if chosen.len() != themes.len() || chosen.iter().any(|t| !known.contains(t)) {
        problems.add("themes", "field.choice-invalid");
    }
    problems.into_result()?;
    let txn = begin_write(ctx.db()).await?;
    review_team::ActiveModel {
        id: Set(Uuid::new_v4()),
        forum_id: Set(f.id),
        name: Set(name.clone()),
        themes: Set(chosen
            .iter()
            .map(Uuid::to_string)
            .collect::<Vec<_>>()
            .join(",")),
        created_at: Set(now()),
    }
    .insert(&txn)
    .await?;
    audit::record(
        &txn,
        Some(me),
        "review.team-added",
        &f.code,
        &name,
        &ctx.client_addr,
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

async fn team_of(
    db: &impl ConnectionTrait,
    f: &forum::Model,
    id: Uuid,
) -> Result<review_team::Model, AppError> {
    review_team::Entity::find_by_id(id)
        .filter(review_team::Column::ForumId.eq(f.id))
        .one(db)
        .await?
        .ok_or(AppError::NotFound)
}

pub async fn remove_team(ctx: &RequestCtx, code: &str, id: Uuid) -> Result<(), AppError> {
    let me = ctx.require_organiser(code)?.user_id();
    let f = by_code(ctx, code).await?;
    let txn = begin_write(ctx.db()).await?;
    let team = team_of(&txn, &f, id).await?;
    review_team_member::Entity::delete_many()
        .filter(review_team_member::Column::TeamId.eq(team.id))
        .exec(&txn)
        .await?;
    review_team::Entity::delete_by_id(team.id)
        .exec(&txn)
        .await?;
    audit::record(
        &txn,
        Some(me),
        "review.team-removed",
        &f.code,
        &team.name,
        &ctx.client_addr,
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

/// Puts a reviewer of the edition into a team.
pub async fn add_member(
    ctx: &RequestCtx,
    code: &str,
    team: Uuid,
    email: &str,
) -> Result<(), AppError> {
    let me = ctx.require_organiser(code)?.user_id();
    let f = by_code(ctx, code).await?;
    let txn = begin_write(ctx.db()).await?;
    let team = team_of(&txn, &f, team).await?;
    let reviewer = reviewer_by_email(&txn, &f, email).await?;
    review_team_member::ActiveModel {
        id: Set(Uuid::new_v4()),
        team_id: Set(team.id),
        user_id: Set(reviewer.id),
    }
    .insert(&txn)
    .await
    .map_err(|_| AppError::field("email", "review.already-in-team"))?;
    audit::record(
        &txn,
        Some(me),
        "review.member-added",
        &f.code,
        &format!("{} {}", team.name, reviewer.email),
        &ctx.client_addr,
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

pub async fn remove_member(ctx: &RequestCtx, code: &str, id: Uuid) -> Result<(), AppError> {
    let me = ctx.require_organiser(code)?.user_id();
    let f = by_code(ctx, code).await?;
    let txn = begin_write(ctx.db()).await?;
    let gone = review_team_member::Entity::delete_many()
        .filter(review_team_member::Column::Id.eq(id))
        .filter(
            review_team_member::Column::TeamId.in_subquery(
                review_team::Entity::find()
                    .select_only()
                    .column(review_team::Column::Id)
                    .filter(review_team::Column::ForumId.eq(f.id))
                    .into_query(),
            ),
        )
        .exec(&txn)
        .await?;
    if gone.rows_affected == 0 {
        return Err(AppError::NotFound);
    }
    audit::record(
        &txn,
        Some(me),
        "review.member-removed",
        &f.code,
        &id.to_string(),
        &ctx.client_addr,
    )
    .await?;
    txn.commit().await?;
    Ok(())
}
