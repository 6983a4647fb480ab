//! Platform administration: the audit log and the mail outbox.

pub mod api;
#[cfg(feature = "ssr")]
pub mod audit;
pub mod pages;

use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditRow {
    pub at: chrono::DateTime<chrono::Utc>,
    pub actor: Option<String>,
    pub action: String,
    pub subject: String,
    pub detail: String,
    pub client_addr: String,
}
