//! The people who run an edition: organisers and reviewers (server only).

use super::editions::by_code;
use super::{ForumSummary, Team, TeamMember};
use crate::accounts::domain::EmailAddress;
use crate::accounts::ForumRoleKind;
use crate::admin::audit;
use crate::context::RequestCtx;
use crate::db::{forum_role, now, user};
use crate::error::AppError;
use sea_orm::{entity::prelude::*, ActiveValue::Set, QueryFilter, QueryOrder};

/// The organisers and reviewers of an edition (two queries).
pub async fn team(ctx: &RequestCtx, code: &str) -> Result<Team, AppError> {
    ctx.require_organiser(code)?;
    let forum = by_code(ctx, code).await?;
    let members = forum_role::Entity::find()
        .filter(forum_role::Column::ForumId.eq(forum.id))
        .find_also_related(user::Entity)
        .order_by_asc(forum_role::Column::Role)
        .order_by_asc(forum_role::Column::GrantedAt)
        .all(ctx.db())
        .await?
        .into_iter()
        .filter_map(|(role, person)| {
            let person = person?;
            Some(TeamMember {
                role_id: role.id,
                name: person.name,
                email: person.email,
                role: ForumRoleKind::from_code(&role.role)?,
            })
        })
        .collect();
    Ok(Team {
        forum: ForumSummary {
            code: forum.code,
            name: forum.name,
        },
        members,
    })
}

/// Gives a person (by the address of their account) a role in the edition.
pub async fn grant(ctx: &RequestCtx, code: &str, email: &str, role: &str) -> Result<(), AppError> {
    let me = ctx.require_organiser(code)?.user_id();
    let forum = by_code(ctx, code).await?;
    let role = ForumRoleKind::from_code(role)
        .ok_or_else(|| AppError::field("role", "field.choice-invalid"))?;
    let email = EmailAddress::parse(email).map_err(|m| AppError::field("email", m))?;
    let txn = crate::db::begin_write(ctx.db()).await?;
    let person = user::Entity::find()
        .filter(user::Column::Email.eq(email.as_str()))
        .one(&txn)
        .await?
        .ok_or_else(|| AppError::field("email", "forums.no-such-account"))?;
    let exists = forum_role::Entity::find()
        .filter(forum_role::Column::ForumId.eq(forum.id))
        .filter(forum_role::Column::UserId.eq(person.id))
        .filter(forum_role::Column::Role.eq(role.code()))
        .one(&txn)
        .await?
        .is_some();
    if exists {
        return Err(AppError::field("email", "forums.role-already-held"));
    }
    forum_role::ActiveModel {
        id: Set(Uuid::new_v4()),
        forum_id: Set(forum.id),
        user_id: Set(person.id),
        role: Set(role.code().into()),
        granted_by: Set(Some(me)),
        granted_at: Set(now()),
    }
    .insert(&txn)
    .await?;
    audit::record(
        &txn,
        Some(me),
        "role.granted",
        &person.email,
        &format!("{} {}", forum.code, role.code()),
        &ctx.client_addr,
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

pub async fn revoke(ctx: &RequestCtx, code: &str, role_id: Uuid) -> Result<(), AppError> {
    let me = ctx.require_organiser(code)?.user_id();
    let forum = by_code(ctx, code).await?;
    let txn = crate::db::begin_write(ctx.db()).await?;
    let (role, person) = forum_role::Entity::find_by_id(role_id)
        .filter(forum_role::Column::ForumId.eq(forum.id))
        .find_also_related(user::Entity)
        .one(&txn)
        .await?
        .ok_or(AppError::NotFound)?;
    forum_role::Entity::delete_by_id(role.id).exec(&txn).await?;
    let email = person.map(|p| p.email).unwrap_or_default();
    audit::record(
        &txn,
        Some(me),
        "role.revoked",
        &email,
        &format!("{} {}", forum.code, role.role),
        &ctx.client_addr,
    )
    .await?;
    txn.commit().await?;
    Ok(())
}
