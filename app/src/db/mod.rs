//! sea-orm entities (server only). One module a table; the schema itself lives in
//! the `migration` crate.

pub mod access_code;
pub mod account_token;
pub mod agenda_feed;
pub mod agenda_star;
pub mod audit_event;
pub mod call;
pub mod call_session_type;
pub mod certificate;
pub mod consultation;
pub mod consultation_comment;
pub mod consultation_draft;
pub mod consultation_meeting;
pub mod consultation_phase;
pub mod consultation_question;
pub mod contribution;
pub mod contribution_file;
pub mod draft_paragraph;
pub mod draft_version;
pub mod floor_queue;
pub mod floor_request;
pub mod forum;
pub mod forum_role;
pub mod join_link;
pub mod mail_template;
pub mod outbox_message;
pub mod programme_day;
pub mod programme_release;
pub mod programme_session;
pub mod proposal;
pub mod proposal_person;
pub mod registration;
pub mod registration_question;
pub mod registration_setup;
pub mod release_change;
pub mod reminder_sent;
pub mod remote_hub;
pub mod remote_hub_coordinator;
pub mod review;
pub mod review_assignment;
pub mod review_conflict;
pub mod review_team;
pub mod review_team_member;
pub mod room;
pub mod schedule_change;
pub mod schedule_run;
pub mod screening_override;
pub mod session;
pub mod session_format;
pub mod session_person;
pub mod session_signup;
pub mod session_type;
pub mod sign_in_attempt;
pub mod theme;
pub mod theme_source;
pub mod time_slot;
pub mod user;

/// Now, in UTC, at the microsecond precision both databases store.
pub fn now() -> chrono::DateTime<chrono::Utc> {
    use chrono::{SubsecRound, Utc};
    Utc::now().trunc_subsecs(6)
}

/// Starts a transaction that will write. On SQLite it takes the write lock at
/// once (`BEGIN IMMEDIATE`): a transaction that read first and wrote later
/// could otherwise fail at once with "database is locked" when another
/// connection wrote in between; waiting for the lock up front lets SQLite's
/// busy timeout apply. PostgreSQL ignores the option.
pub async fn begin_write<C: sea_orm::TransactionTrait>(
    db: &C,
) -> Result<C::Transaction, sea_orm::DbErr> {
    db.begin_with_options(sea_orm::TransactionOptions {
        sqlite_transaction_mode: Some(sea_orm::SqliteTransactionMode::Immediate),
        ..Default::default()
    })
    .await
}

/// Any of `columns` contains `word`, case ignored (`%`, `_` and `\` in the
/// word are taken as they are, not as patterns).
pub fn any_contains(
    columns: impl IntoIterator<Item = sea_orm::sea_query::Expr>,
    word: &str,
) -> sea_orm::Condition {
    use sea_orm::sea_query::{ExprTrait, Func, LikeExpr};
    let mut escaped = String::with_capacity(word.len() + 2);
    escaped.push('%');
    for c in word.to_lowercase().chars() {
        if matches!(c, '%' | '_' | '\\') {
            escaped.push('\\');
        }
        escaped.push(c);
    }
    escaped.push('%');
    columns
        .into_iter()
        .fold(sea_orm::Condition::any(), |any, column| {
            any.add(Func::lower(column).like(LikeExpr::new(escaped.clone()).escape('\\')))
        })
}
