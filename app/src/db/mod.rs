//! sea-orm entities (server only). One module a table; the schema itself lives in
//! the `migration` crate.

pub mod access_code;
pub mod account_token;
pub mod audit_event;
pub mod call;
pub mod call_session_type;
pub mod forum;
pub mod forum_role;
pub mod outbox_message;
pub mod proposal;
pub mod proposal_person;
pub mod session;
pub mod session_format;
pub mod session_type;
pub mod sign_in_attempt;
pub mod theme;
pub mod user;

/// Now, in UTC, at the microsecond precision both databases store.
pub fn now() -> chrono::DateTime<chrono::Utc> {
    use chrono::{SubsecRound, Utc};
    Utc::now().trunc_subsecs(6)
}
