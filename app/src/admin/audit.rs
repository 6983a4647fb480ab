//! The audit log: security events and role changes, written in the same
//! transaction as what they record.

use crate::db::{audit_event, now};
use sea_orm::{entity::prelude::*, ActiveValue::Set, ConnectionTrait};

pub async fn record(
    db: &impl ConnectionTrait,
    actor: Option<Uuid>,
    action: &str,
    subject: &str,
    detail: &str,
    client_addr: &str,
) -> Result<(), DbErr> {
    audit_event::ActiveModel {
        id: Set(Uuid::new_v4()),
        at: Set(now()),
        actor_id: Set(actor),
        action: Set(action.into()),
        subject: Set(subject.chars().take(254).collect()),
        detail: Set(detail.into()),
        client_addr: Set(client_addr.chars().take(64).collect()),
    }
    .insert(db)
    .await?;
    Ok(())
}

/// The same action on many subjects, in one statement.
pub async fn record_many(
    db: &impl ConnectionTrait,
    actor: Option<Uuid>,
    action: &str,
    subjects: &[(String, String)],
    client_addr: &str,
) -> Result<(), DbErr> {
    if subjects.is_empty() {
        return Ok(());
    }
    let at = now();
    audit_event::Entity::insert_many(subjects.iter().map(|(subject, detail)| {
        audit_event::ActiveModel {
            id: Set(Uuid::new_v4()),
            at: Set(at),
            actor_id: Set(actor),
            action: Set(action.into()),
            subject: Set(subject.chars().take(254).collect()),
            detail: Set(detail.clone()),
            client_addr: Set(client_addr.chars().take(64).collect()),
        }
    }))
    .exec(db)
    .await?;
    Ok(())
}
