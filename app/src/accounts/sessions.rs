//! Sessions in the database, so several server processes can share them. The
//! cookie carries a random secret; the table keeps only its SHA-256.

use crate::accounts::{ForumRoleKind, HeldRole, Viewer};
use crate::context::{AppSettings, SignedIn};
use crate::db::{forum, forum_role, now, session, user};
use crate::web::set_cookie_value;
use chrono::Duration as ChronoDuration;
use sea_orm::{entity::prelude::*, ActiveValue::Set, ConnectionTrait, QueryFilter};

pub const COOKIE: &str = "plenum_session";
/// last_seen_at is written at most this often, not on every request.
const TOUCH_EVERY_SECS: i64 = 60;

/// A fresh random secret (256 bits, URL-safe), for cookies and mailed tokens.
pub fn new_secret() -> String {
    use base64::Engine;
    use rand::RngCore;
    let mut bytes = [0u8; 32];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes)
}

/// The stored form of a secret.
pub fn hash_secret(secret: &str) -> String {
    use sha2::{Digest, Sha256};
    Sha256::digest(secret.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

fn idle(settings: &AppSettings) -> ChronoDuration {
    ChronoDuration::from_std(settings.session_idle).unwrap_or(ChronoDuration::hours(12))
}

/// Starts a session for the person; returns the cookie secret.
pub async fn create(
    db: &impl ConnectionTrait,
    user_id: Uuid,
    settings: &AppSettings,
) -> Result<String, DbErr> {
    let secret = new_secret();
    let at = now();
    session::ActiveModel {
        id: Set(hash_secret(&secret)),
        user_id: Set(user_id),
        created_at: Set(at),
        last_seen_at: Set(at),
        expires_at: Set(at + idle(settings)),
    }
    .insert(db)
    .await?;
    Ok(secret)
}

/// The person behind a cookie secret, if the session is alive. Two queries:
/// the session with its person, then their roles.
pub async fn load(
    db: &impl ConnectionTrait,
    secret: &str,
    settings: &AppSettings,
) -> Result<Option<SignedIn>, DbErr> {
    let id = hash_secret(secret);
    let Some((sess, Some(person))) = session::Entity::find_by_id(id.clone())
        .find_also_related(user::Entity)
        .one(db)
        .await?
    else {
        return Ok(None);
    };
    let at = now();
    if sess.expires_at <= at {
        session::Entity::delete_by_id(id).exec(db).await?;
        return Ok(None);
    }
    if (at - sess.last_seen_at).num_seconds() >= TOUCH_EVERY_SECS {
        session::ActiveModel {
            id: Set(id.clone()),
            last_seen_at: Set(at),
            expires_at: Set(at + idle(settings)),
            ..Default::default()
        }
        .update(db)
        .await?;
    }
    let roles = roles_of(db, person.id).await?;
    Ok(Some(SignedIn {
        session_id: id,
        language: person
            .language
            .as_deref()
            .and_then(crate::i18n::Locale::from_code),
        viewer: Viewer {
            id: person.id,
            name: person.name,
            email: person.email,
            is_admin: person.is_admin,
            roles,
        },
    }))
}

/// The forum roles a person holds, with the forums' codes and names (one query).
pub async fn roles_of(db: &impl ConnectionTrait, user_id: Uuid) -> Result<Vec<HeldRole>, DbErr> {
    Ok(forum_role::Entity::find()
        .filter(forum_role::Column::UserId.eq(user_id))
        .find_also_related(forum::Entity)
        .all(db)
        .await?
        .into_iter()
        .filter_map(|(role, forum)| {
            let forum = forum?;
            Some(HeldRole {
                forum_code: forum.code,
                forum_name: forum.name,
                role: ForumRoleKind::from_code(&role.role)?,
            })
        })
        .collect())
}

pub async fn destroy(db: &impl ConnectionTrait, session_id: &str) -> Result<(), DbErr> {
    session::Entity::delete_by_id(session_id.to_string())
        .exec(db)
        .await?;
    Ok(())
}

/// Ends every session of a person (after a password change or reset), except one.
pub async fn destroy_all_of(
    db: &impl ConnectionTrait,
    user_id: Uuid,
    keep: Option<&str>,
) -> Result<(), DbErr> {
    let mut query = session::Entity::delete_many().filter(session::Column::UserId.eq(user_id));
    if let Some(keep) = keep {
        query = query.filter(session::Column::Id.ne(keep.to_string()));
    }
    query.exec(db).await?;
    Ok(())
}

/// `Set-Cookie` value that stores the session secret: HttpOnly, SameSite=Lax
/// (so links from mail keep the session), Secure over https.
pub fn cookie(secret: &str, settings: &AppSettings) -> String {
    set_cookie_value(COOKIE, secret, None, true, settings.secure_cookies())
}

/// `Set-Cookie` value that removes the session cookie.
pub fn clearing_cookie(settings: &AppSettings) -> String {
    set_cookie_value(COOKIE, "", Some(0), true, settings.secure_cookies())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secrets_are_random_and_hashed() {
        let a = new_secret();
        assert_ne!(a, new_secret());
        assert_eq!(a.len(), 43);
        assert_eq!(hash_secret(&a).len(), 64);
        assert_ne!(hash_secret(&a), a);
    }

    #[test]
    fn cookie_flags_follow_the_base_url() {
        let mut settings = AppSettings::default();
        let plain = cookie("s", &settings);
        assert!(
            plain.contains("HttpOnly")
                && plain.contains("SameSite=Lax")
                && !plain.contains("Secure")
        );
        settings.base_url = "https://plenum.example".into();
        assert!(cookie("s", &settings).ends_with("; Secure"));
    }
}
