//! Server functions for forum editions and their teams.

use super::{ForumSummary, Team};
use crate::error::AppError;
use leptos::prelude::*;
#[cfg(feature = "ssr")]
use {super::service, crate::context::RequestCtx, crate::web::go_to};

/// All forum editions, newest first (the header's forum switcher).
#[server(prefix = "/api", endpoint = "forums/list")]
pub async fn list_forums() -> Result<Vec<ForumSummary>, AppError> {
    service::list(&RequestCtx::current()?).await
}

#[server(prefix = "/api", endpoint = "forums/team")]
pub async fn forum_team(forum: String) -> Result<Team, AppError> {
    service::team(&RequestCtx::current()?, &forum).await
}

#[server(prefix = "/api", endpoint = "forums/grant-role")]
pub async fn grant_forum_role(forum: String, email: String, role: String) -> Result<(), AppError> {
    service::grant(&RequestCtx::current()?, &forum, &email, &role).await?;
    go_to(&format!("/forums/{forum}/team?notice=role-granted"));
    Ok(())
}

#[server(prefix = "/api", endpoint = "forums/revoke-role")]
pub async fn revoke_forum_role(forum: String, role_id: uuid::Uuid) -> Result<(), AppError> {
    service::revoke(&RequestCtx::current()?, &forum, role_id).await?;
    go_to(&format!("/forums/{forum}/team?notice=role-revoked"));
    Ok(())
}
