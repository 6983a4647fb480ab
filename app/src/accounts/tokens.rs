//! Single-use tokens sent by mail: they expire and are stored hashed. A new
//! password-reset link replaces older ones; verification links stay valid until
//! they expire, so whichever mail the person opens works.

use super::sessions::{hash_secret, new_secret};
use crate::db::{account_token, now};
use chrono::Duration;
use sea_orm::{
    entity::prelude::*, sea_query::Expr, ActiveValue::Set, ConnectionTrait, QueryFilter,
};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Purpose {
    VerifyEmail,
    ResetPassword,
}

impl Purpose {
    fn code(self) -> &'static str {
        match self {
            Purpose::VerifyEmail => "verify-email",
            Purpose::ResetPassword => "reset-password",
        }
    }

    fn lifetime(self) -> Duration {
        match self {
            Purpose::VerifyEmail => Duration::hours(48),
            Purpose::ResetPassword => Duration::hours(1),
        }
    }
}

/// Issues a new token for the person.
pub async fn issue(
    db: &impl ConnectionTrait,
    user_id: Uuid,
    purpose: Purpose,
) -> Result<String, DbErr> {
    let at = now();
    if purpose == Purpose::ResetPassword {
        revoke(db, user_id, purpose).await?;
    }
    let secret = new_secret();
    account_token::ActiveModel {
        id: Set(Uuid::new_v4()),
        user_id: Set(user_id),
        purpose: Set(purpose.code().into()),
        token_hash: Set(hash_secret(&secret)),
        created_at: Set(at),
        expires_at: Set(at + purpose.lifetime()),
        used_at: Set(None),
    }
    .insert(db)
    .await?;
    Ok(secret)
}

/// Makes every unused token of the purpose unusable.
pub async fn revoke(
    db: &impl ConnectionTrait,
    user_id: Uuid,
    purpose: Purpose,
) -> Result<(), DbErr> {
    account_token::Entity::update_many()
        .col_expr(account_token::Column::UsedAt, Expr::value(now()))
        .filter(account_token::Column::UserId.eq(user_id))
        .filter(account_token::Column::Purpose.eq(purpose.code()))
        .filter(account_token::Column::UsedAt.is_null())
        .exec(db)
        .await?;
    Ok(())
}

/// Uses a token once: returns its person if it was valid, unused and unexpired.
/// The conditional update makes two concurrent uses impossible.
pub async fn consume(
    db: &impl ConnectionTrait,
    purpose: Purpose,
    secret: &str,
) -> Result<Option<Uuid>, DbErr> {
    let hash = hash_secret(secret.trim());
    let at = now();
    let updated = account_token::Entity::update_many()
        .col_expr(account_token::Column::UsedAt, Expr::value(at))
        .filter(account_token::Column::TokenHash.eq(hash.clone()))
        .filter(account_token::Column::Purpose.eq(purpose.code()))
        .filter(account_token::Column::UsedAt.is_null())
        .filter(account_token::Column::ExpiresAt.gt(at))
        .exec(db)
        .await?;
    if updated.rows_affected != 1 {
        return Ok(None);
    }
    Ok(account_token::Entity::find()
        .filter(account_token::Column::TokenHash.eq(hash))
        .one(db)
        .await?
        .map(|t| t.user_id))
}
