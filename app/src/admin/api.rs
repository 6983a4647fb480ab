//! Server functions for administrators.

use super::AuditRow;
use crate::error::AppError;
use crate::notifications::OutboxRow;
use leptos::prelude::*;
#[cfg(feature = "ssr")]
use {crate::context::RequestCtx, crate::web::go_to};

/// The newest audit events (at most 500), with the actor's address.
#[server(prefix = "/api", endpoint = "admin/audit")]
pub async fn audit_log() -> Result<Vec<AuditRow>, AppError> {
    let ctx = RequestCtx::current()?;
    ctx.require_admin()?;
    use crate::db::{audit_event, user};
    use sea_orm::{EntityTrait, QueryOrder, QuerySelect};
    let events = audit_event::Entity::find()
        .order_by_desc(audit_event::Column::At)
        .limit(500)
        .all(ctx.db())
        .await?;
    let actor_ids: Vec<uuid::Uuid> = events.iter().filter_map(|e| e.actor_id).collect();
    use sea_orm::{ColumnTrait, QueryFilter};
    let actors: std::collections::HashMap<uuid::Uuid, String> = user::Entity::find()
        .filter(user::Column::Id.is_in(actor_ids))
        .all(ctx.db())
        .await?
        .into_iter()
        .map(|u| (u.id, u.email))
        .collect();
    Ok(events
        .into_iter()
        .map(|e| AuditRow {
            at: e.at,
            actor: e.actor_id.and_then(|id| actors.get(&id).cloned()),
            action: e.action,
            subject: e.subject,
            detail: e.detail,
            client_addr: e.client_addr,
        })
        .collect())
}

/// The outbox, newest first (at most 500), optionally one status only.
#[server(prefix = "/api", endpoint = "admin/outbox")]
pub async fn outbox(status: Option<String>) -> Result<Vec<OutboxRow>, AppError> {
    let ctx = RequestCtx::current()?;
    ctx.require_admin()?;
    crate::notifications::outbox::list(ctx.db(), status.as_deref()).await
}

/// Queues a sent or failed message again, keeping its Message-ID.
#[server(prefix = "/api", endpoint = "admin/resend")]
pub async fn resend_mail(id: uuid::Uuid) -> Result<(), AppError> {
    let ctx = RequestCtx::current()?;
    let me = ctx.require_admin()?.user_id();
    crate::notifications::outbox::resend(&ctx, me, id).await?;
    go_to("/admin/outbox?notice=mail-requeued");
    Ok(())
}
