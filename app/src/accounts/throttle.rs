//! Sign-in throttling, per account and per client address: after a few failures
//! in the window each attempt is slowed down, after more the sign-in is locked
//! for the rest of the window. The verdict is the same whether or not the
//! account exists.

use crate::context::AppSettings;
use crate::db::{now, sign_in_attempt};
use chrono::{DateTime, Utc};
use sea_orm::{
    entity::prelude::*,
    sea_query::{Expr, ExprTrait},
    ActiveValue::Set,
    ConnectionTrait, FromQueryResult, QueryFilter, QuerySelect,
};
use std::time::Duration;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Verdict {
    Allow,
    /// Answer only after this delay.
    Slow(Duration),
    /// Refuse without checking the password; try again after this long.
    Locked(Duration),
}

/// Failures counted in the window for one key (account or address).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Failures {
    pub count: u64,
    pub oldest: Option<DateTime<Utc>>,
}

/// The pure rule: the worse of the account's and the address's verdicts.
pub fn decide(keys: &[Failures], at: DateTime<Utc>, settings: &AppSettings) -> Verdict {
    let window = chrono::Duration::from_std(settings.throttle_window).unwrap_or_default();
    let mut verdict = Verdict::Allow;
    for failures in keys {
        if failures.count >= settings.throttle_lock_after {
            let until = failures.oldest.unwrap_or(at) + window;
            let wait = (until - at).to_std().unwrap_or(Duration::from_secs(1));
            let wait = wait.max(Duration::from_secs(1));
            verdict = match verdict {
                Verdict::Locked(w) => Verdict::Locked(w.max(wait)),
                _ => Verdict::Locked(wait),
            };
        } else if failures.count >= settings.throttle_slow_after && verdict == Verdict::Allow {
            verdict = Verdict::Slow(settings.throttle_delay);
        }
    }
    verdict
}

#[derive(FromQueryResult)]
struct CountRow {
    count: i64,
    oldest: Option<DateTime<Utc>>,
}

async fn failures(
    db: &impl ConnectionTrait,
    column: sign_in_attempt::Column,
    key: &str,
    since: DateTime<Utc>,
) -> Result<Failures, DbErr> {
    let row = sign_in_attempt::Entity::find()
        .select_only()
        .column_as(Expr::col(sign_in_attempt::Column::Id).count(), "count")
        .column_as(Expr::col(sign_in_attempt::Column::At).min(), "oldest")
        .filter(column.eq(key))
        .filter(sign_in_attempt::Column::Succeeded.eq(false))
        .filter(sign_in_attempt::Column::At.gt(since))
        .into_model::<CountRow>()
        .one(db)
        .await?;
    Ok(row
        .map(|r| Failures {
            count: u64::try_from(r.count).unwrap_or(0),
            oldest: r.oldest,
        })
        .unwrap_or_default())
}

/// Looks up the recent failures for this account and address and decides.
pub async fn check(
    db: &impl ConnectionTrait,
    email: &str,
    client_addr: &str,
    settings: &AppSettings,
) -> Result<Verdict, DbErr> {
    let at = now();
    let since = at - chrono::Duration::from_std(settings.throttle_window).unwrap_or_default();
    let by_account = failures(db, sign_in_attempt::Column::Email, email, since).await?;
    let by_addr = failures(db, sign_in_attempt::Column::ClientAddr, client_addr, since).await?;
    Ok(decide(&[by_account, by_addr], at, settings))
}

pub async fn record(
    db: &impl ConnectionTrait,
    email: &str,
    client_addr: &str,
    succeeded: bool,
) -> Result<(), DbErr> {
    sign_in_attempt::ActiveModel {
        id: Set(Uuid::new_v4()),
        email: Set(email.chars().take(254).collect()),
        client_addr: Set(client_addr.chars().take(64).collect()),
        succeeded: Set(succeeded),
        at: Set(now()),
    }
    .insert(db)
    .await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn f(count: u64, minutes_ago: i64, at: DateTime<Utc>) -> Failures {
        Failures {
            count,
            oldest: Some(at - chrono::Duration::minutes(minutes_ago)),
        }
    }

    #[test]
    fn few_failures_pass_more_slow_down_then_lock() {
        let s = AppSettings::default();
        let at = Utc::now();
        assert_eq!(decide(&[f(0, 0, at), f(4, 3, at)], at, &s), Verdict::Allow);
        assert_eq!(
            decide(&[f(5, 3, at), f(0, 0, at)], at, &s),
            Verdict::Slow(s.throttle_delay)
        );
        match decide(&[f(10, 5, at), f(2, 1, at)], at, &s) {
            Verdict::Locked(wait) => assert_eq!(wait.as_secs(), 10 * 60),
            other => panic!("expected a lock, got {other:?}"),
        }
    }

    #[test]
    fn the_address_alone_can_lock() {
        let s = AppSettings::default();
        let at = Utc::now();
        assert!(matches!(
            decide(&[f(0, 0, at), f(12, 14, at)], at, &s),
            Verdict::Locked(_)
        ));
    }
}
