//! Queueing mail: a message is a row written in the caller's transaction, so it
//! exists exactly when the change that caused it does.

use crate::db::{now, outbox_message};
use crate::notifications::templates::RenderedMail;
use crate::notifications::MailStatus;
use sea_orm::{entity::prelude::*, ActiveValue::Set, ConnectionTrait};

/// Queues `template` for a person, rendered in their language.
pub async fn enqueue_for(
    db: &impl ConnectionTrait,
    person: &crate::db::user::Model,
    template: &crate::notifications::templates::Template,
    base_url: &str,
) -> Result<Uuid, DbErr> {
    let locale = person
        .language
        .as_deref()
        .and_then(crate::i18n::Locale::from_code)
        .unwrap_or_default();
    let mail = crate::notifications::templates::render(locale, &person.name, template);
    enqueue(
        db,
        &person.email,
        &person.name,
        mail,
        &message_id_host(base_url),
    )
    .await
}

/// Queues a rendered mail to one recipient. The Message-ID is fixed here, so a
/// retry after a crash carries the same identity and receivers can drop the copy.
pub async fn enqueue(
    db: &impl ConnectionTrait,
    to_addr: &str,
    to_name: &str,
    mail: RenderedMail,
    host: &str,
) -> Result<Uuid, DbErr> {
    let id = Uuid::new_v4();
    let at = now();
    let (attachment_name, attachment_type, attachment) = match mail.attachment {
        Some(a) => (Some(a.name), Some(a.media_type), Some(a.body)),
        None => (None, None, None),
    };
    outbox_message::ActiveModel {
        id: Set(id),
        message_id: Set(format!("<{id}@{host}>")),
        to_addr: Set(to_addr.into()),
        to_name: Set(to_name.into()),
        subject: Set(mail.subject),
        body_text: Set(mail.text),
        body_html: Set(mail.html),
        template: Set(mail.template.into()),
        status: Set(MailStatus::Queued.code().into()),
        attempts: Set(0),
        next_attempt_at: Set(at),
        locked_until: Set(None),
        last_error: Set(None),
        created_at: Set(at),
        sent_at: Set(None),
        attachment_name: Set(attachment_name),
        attachment_type: Set(attachment_type),
        attachment: Set(attachment),
    }
    .insert(db)
    .await?;
    Ok(id)
}

/// The host part for Message-IDs, from the site's base URL.
pub fn message_id_host(base_url: &str) -> String {
    url::Url::parse(base_url)
        .ok()
        .and_then(|u| u.host_str().map(str::to_string))
        .unwrap_or_else(|| "plenum.invalid".into())
}

/// The outbox for the admin page, newest first.
pub async fn list(
    db: &impl ConnectionTrait,
    status: Option<&str>,
) -> Result<Vec<crate::notifications::OutboxRow>, crate::error::AppError> {
    use sea_orm::{QueryFilter, QueryOrder, QuerySelect};
    let mut query = outbox_message::Entity::find()
        .order_by_desc(outbox_message::Column::CreatedAt)
        .limit(500);
    if let Some(status) = status.and_then(MailStatus::from_code) {
        query = query.filter(outbox_message::Column::Status.eq(status.code()));
    }
    Ok(query
        .all(db)
        .await?
        .into_iter()
        .map(|m| crate::notifications::OutboxRow {
            id: m.id,
            to_addr: m.to_addr,
            subject: m.subject,
            template: m.template,
            status: MailStatus::from_code(&m.status).unwrap_or(MailStatus::Queued),
            attempts: m.attempts,
            last_error: m.last_error,
            created_at: m.created_at,
            sent_at: m.sent_at,
        })
        .collect())
}

/// Queues a message again for delivery (an admin's "resend").
pub async fn resend(
    ctx: &crate::context::RequestCtx,
    actor: Uuid,
    id: Uuid,
) -> Result<(), crate::error::AppError> {
    let txn = crate::db::begin_write(ctx.db()).await?;
    let message = outbox_message::Entity::find_by_id(id)
        .one(&txn)
        .await?
        .ok_or(crate::error::AppError::NotFound)?;
    outbox_message::ActiveModel {
        id: Set(id),
        status: Set(MailStatus::Queued.code().into()),
        next_attempt_at: Set(now()),
        locked_until: Set(None),
        ..Default::default()
    }
    .update(&txn)
    .await?;
    crate::admin::audit::record(
        &txn,
        Some(actor),
        "mail.resent",
        &message.to_addr,
        &message.message_id,
        &ctx.client_addr,
    )
    .await?;
    txn.commit().await?;
    ctx.state.mail_queued.notify_one();
    Ok(())
}
