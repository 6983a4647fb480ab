//! The reminder worker: once a minute, sends the reminder mails that are
//! due (`app::reminders::service`), then wakes the mail worker.

use app::context::AppSettings;
use app::programme::exports::cache::ProgrammeCache;
use sea_orm::DatabaseConnection;
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::Notify;

/// How often the worker looks for due reminders.
pub const EVERY: Duration = Duration::from_secs(60);

pub struct Worker {
    pub db: DatabaseConnection,
    pub settings: Arc<AppSettings>,
    pub programme: Arc<ProgrammeCache>,
    pub wake_mail: Arc<Notify>,
}

impl Worker {
    pub async fn run(self) {
        loop {
            self.tick(chrono::Utc::now()).await;
            tokio::time::sleep(EVERY).await;
        }
    }

    /// Sends what is due at `at`; failures are logged and tried again at
    /// the next tick (nothing was marked sent for them).
    pub async fn tick(&self, at: chrono::DateTime<chrono::Utc>) {
        match app::reminders::service::send_due(&self.db, &self.settings, &self.programme, at).await
        {
            Ok(sent) => {
                if sent.sessions + sent.digests > 0 {
                    tracing::info!(
                        sessions = sent.sessions,
                        digests = sent.digests,
                        "reminders queued"
                    );
                    self.wake_mail.notify_one();
                }
            }
            Err(e) => tracing::error!(error = %e, "reminders"),
        }
    }
}
