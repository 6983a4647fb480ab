//! The outbox worker: claims due messages with a lease, delivers them (SMTP, or
//! .eml files), records the outcome, retries with backoff. A message claimed by
//! a process that died is claimed again once its lease runs out; its Message-ID
//! never changes, so a receiver can drop a copy, and the file outbox writes one
//! file per message (a second delivery overwrites it).

use crate::config::MailTarget;
use app::db::{now, outbox_message};
use app::notifications::MailStatus;
use chrono::Duration as ChronoDuration;
use lettre::message::{header, Attachment, Mailbox, MultiPart, SinglePart};
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};
use sea_orm::{
    entity::prelude::*,
    sea_query::{Expr, ExprTrait},
    ActiveValue::Set,
    Condition, DatabaseConnection, QueryFilter, QueryOrder,
};
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::Notify;

/// After this many failed attempts a message is marked failed (an admin can resend).
pub const MAX_ATTEMPTS: i32 = 8;

pub enum Transport {
    Smtp(AsyncSmtpTransport<Tokio1Executor>),
    Files(PathBuf),
}

impl Transport {
    pub fn new(target: &MailTarget) -> Result<Self, String> {
        match target {
            MailTarget::Smtp(url) => AsyncSmtpTransport::<Tokio1Executor>::from_url(url)
                .map(|b| Transport::Smtp(b.timeout(Some(Duration::from_secs(30))).build()))
                .map_err(|e| e.to_string()),
            MailTarget::Files(dir) => {
                std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
                Ok(Transport::Files(dir.clone()))
            }
        }
    }

    async fn send(&self, id: Uuid, message: Message) -> Result<(), String> {
        match self {
            Transport::Smtp(smtp) => smtp
                .send(message)
                .await
                .map(|_| ())
                .map_err(|e| e.to_string()),
            Transport::Files(dir) => {
                let path = dir.join(format!("{id}.eml"));
                let partial = dir.join(format!(".{id}.eml.partial"));
                tokio::fs::write(&partial, message.formatted())
                    .await
                    .map_err(|e| e.to_string())?;
                tokio::fs::rename(&partial, &path)
                    .await
                    .map_err(|e| e.to_string())
            }
        }
    }
}

pub struct Worker {
    pub db: DatabaseConnection,
    pub transport: Transport,
    pub from: Mailbox,
    pub lease: Duration,
    pub wake: Arc<Notify>,
}

/// Waiting time before attempt `n + 1`: 30 s, 1 min, 2 min, … capped at an hour.
pub fn backoff(attempts: i32) -> Duration {
    let exp = attempts.clamp(1, 8) as u32 - 1;
    Duration::from_secs(Ord::min(30u64 << exp, 3600))
}

impl Worker {
    /// Delivers due messages until none is left, then waits for a wake-up or
    /// a second, forever.
    pub async fn run(self) {
        loop {
            loop {
                match self.deliver_one().await {
                    Ok(true) => continue,
                    Ok(false) => break,
                    Err(e) => {
                        tracing::error!(error = %e, "mail outbox");
                        break;
                    }
                }
            }
            tokio::select! {
                _ = self.wake.notified() => {}
                _ = tokio::time::sleep(Duration::from_secs(1)) => {}
            }
        }
    }

    fn due() -> Condition {
        let at = now();
        Condition::any()
            .add(
                Condition::all()
                    .add(outbox_message::Column::Status.eq(MailStatus::Queued.code()))
                    .add(outbox_message::Column::NextAttemptAt.lte(at)),
            )
            .add(
                Condition::all()
                    .add(outbox_message::Column::Status.eq(MailStatus::Sending.code()))
                    .add(outbox_message::Column::LockedUntil.lt(at)),
            )
    }

    /// Claims and delivers one due message; false when none is due.
    pub async fn deliver_one(&self) -> Result<bool, DbErr> {
        let Some(candidate) = outbox_message::Entity::find()
            .filter(Self::due())
            .order_by_asc(outbox_message::Column::NextAttemptAt)
            .one(&self.db)
            .await?
        else {
            return Ok(false);
        };
        // The claim only succeeds if nobody else claimed it since we looked.
        let lease_end =
            now() + ChronoDuration::from_std(self.lease).unwrap_or(ChronoDuration::minutes(2));
        let claimed = outbox_message::Entity::update_many()
            .col_expr(
                outbox_message::Column::Status,
                Expr::value(MailStatus::Sending.code()),
            )
            .col_expr(outbox_message::Column::LockedUntil, Expr::value(lease_end))
            .col_expr(
                outbox_message::Column::Attempts,
                Expr::col(outbox_message::Column::Attempts).add(1),
            )
            .filter(outbox_message::Column::Id.eq(candidate.id))
            .filter(outbox_message::Column::Attempts.eq(candidate.attempts))
            .filter(Self::due())
            .exec(&self.db)
            .await?;
        if claimed.rows_affected != 1 {
            return Ok(true);
        }
        let attempts = candidate.attempts + 1;
        let outcome = match self.build(&candidate) {
            Ok(message) => self.transport.send(candidate.id, message).await,
            Err(e) => Err(e),
        };
        let update = match outcome {
            Ok(()) => {
                tracing::info!(message_id = %candidate.message_id, template = %candidate.template, "mail delivered");
                outbox_message::ActiveModel {
                    id: Set(candidate.id),
                    status: Set(MailStatus::Sent.code().into()),
                    sent_at: Set(Some(now())),
                    locked_until: Set(None),
                    last_error: Set(None),
                    ..Default::default()
                }
            }
            Err(error) => {
                tracing::warn!(message_id = %candidate.message_id, attempts, error = %error, "mail delivery failed");
                let failed = attempts >= MAX_ATTEMPTS;
                outbox_message::ActiveModel {
                    id: Set(candidate.id),
                    status: Set(if failed {
                        MailStatus::Failed
                    } else {
                        MailStatus::Queued
                    }
                    .code()
                    .into()),
                    next_attempt_at: Set(
                        now() + ChronoDuration::from_std(backoff(attempts)).unwrap_or_default()
                    ),
                    locked_until: Set(None),
                    last_error: Set(Some(error.chars().take(500).collect())),
                    ..Default::default()
                }
            }
        };
        update.update(&self.db).await?;
        Ok(true)
    }

    fn build(&self, m: &outbox_message::Model) -> Result<Message, String> {
        let to = Mailbox::new(
            (!m.to_name.is_empty()).then(|| m.to_name.clone()),
            m.to_addr
                .parse()
                .map_err(|e: lettre::address::AddressError| e.to_string())?,
        );
        let alternative = MultiPart::alternative()
            .singlepart(
                SinglePart::builder()
                    .header(header::ContentType::TEXT_PLAIN)
                    .body(m.body_text.clone()),
            )
            .singlepart(
                SinglePart::builder()
                    .header(header::ContentType::TEXT_HTML)
                    .body(m.body_html.clone()),
            );
        // A mail with a file is mixed: the text first, then the file.
        let body = match (&m.attachment_name, &m.attachment_type, &m.attachment) {
            (Some(name), Some(kind), Some(file)) => MultiPart::mixed()
                .multipart(alternative)
                .singlepart(Attachment::new(name.clone()).body(
                    file.clone(),
                    header::ContentType::parse(kind).map_err(|e| e.to_string())?,
                )),
            _ => alternative,
        };
        Message::builder()
            .message_id(Some(m.message_id.clone()))
            .from(self.from.clone())
            .to(to)
            .subject(m.subject.clone())
            .multipart(body)
            .map_err(|e| e.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::backoff;
    use std::time::Duration;

    #[test]
    fn backoff_doubles_and_caps() {
        assert_eq!(backoff(1), Duration::from_secs(30));
        assert_eq!(backoff(2), Duration::from_secs(60));
        assert_eq!(backoff(3), Duration::from_secs(120));
        assert_eq!(backoff(20), Duration::from_secs(3600));
    }
}
