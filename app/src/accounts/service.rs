//! The account rules (server only): sign-up, verification, sign-in with
//! throttling, password reset and change, profiles. Server functions call these
//! and do nothing else; tests call them too.

use super::domain::{parse_organisation, EmailAddress, NewPassword, PersonName};
use super::throttle::{self, Verdict};
use super::tokens::{self, Purpose};
use super::{countries, sessions, Gender, Profile, StakeholderGroup};
use crate::admin::audit;
use crate::context::RequestCtx;
use crate::db::{now, user};
use crate::error::{AppError, Problems};
use crate::i18n::Locale;
use crate::notifications::outbox::{enqueue, message_id_host};
use crate::notifications::templates::{render, Template};
use argon2::password_hash::{
    rand_core::OsRng, PasswordHash, PasswordHasher, PasswordVerifier, SaltString,
};
use argon2::Argon2;
use sea_orm::{entity::prelude::*, ActiveValue::Set, ConnectionTrait, QueryFilter};
use std::sync::OnceLock;

/// Hashes a password with argon2id (the crate's default parameters), off the
/// async runtime.
pub async fn hash_password(password: String) -> Result<String, AppError> {
    tokio::task::spawn_blocking(move || {
        let salt = SaltString::generate(&mut OsRng);
        Argon2::default()
            .hash_password(password.as_bytes(), &salt)
            .map(|h| h.to_string())
    })
    .await
    .map_err(|_| AppError::Internal)?
    .map_err(|e| {
        tracing::error!(error = %e, "password hashing failed");
        AppError::Internal
    })
}

/// Checks a password against a stored hash, off the async runtime.
pub async fn verify_password(hash: String, password: String) -> bool {
    tokio::task::spawn_blocking(move || {
        PasswordHash::new(&hash)
            .map(|parsed| {
                Argon2::default()
                    .verify_password(password.as_bytes(), &parsed)
                    .is_ok()
            })
            .unwrap_or(false)
    })
    .await
    .unwrap_or(false)
}

/// A hash to check against when the account does not exist, so both cases take
/// the same time.
async fn dummy_hash() -> String {
    static DUMMY: OnceLock<String> = OnceLock::new();
    if let Some(h) = DUMMY.get() {
        return h.clone();
    }
    let h = hash_password("plenum-dummy-password".into())
        .await
        .unwrap_or_default();
    DUMMY.get_or_init(|| h).clone()
}

fn mail_host(ctx: &RequestCtx) -> String {
    message_id_host(&ctx.settings().base_url)
}

fn user_locale(u: &user::Model, fallback: Locale) -> Locale {
    u.language
        .as_deref()
        .and_then(Locale::from_code)
        .unwrap_or(fallback)
}

/// Queues a mail to a person, in their language.
async fn mail_person(
    ctx: &RequestCtx,
    db: &impl ConnectionTrait,
    person: &user::Model,
    template: Template,
) -> Result<(), AppError> {
    let mail = render(user_locale(person, ctx.locale), &person.name, &template);
    enqueue(db, &person.email, &person.name, mail, &mail_host(ctx)).await?;
    Ok(())
}

/// Stores a new password hash, ends the person's sessions (but `keep`), tells
/// them by mail and records `action` in the audit log. Setting a password through
/// a mailed link proves the address, so it counts as verified.
async fn store_password(
    ctx: &RequestCtx,
    db: &impl ConnectionTrait,
    person: &user::Model,
    hash: String,
    keep: Option<&str>,
    action: &str,
) -> Result<(), AppError> {
    let at = now();
    user::ActiveModel {
        id: Set(person.id),
        password_hash: Set(hash),
        email_verified_at: Set(Some(person.email_verified_at.unwrap_or(at))),
        updated_at: Set(at),
        ..Default::default()
    }
    .update(db)
    .await?;
    sessions::destroy_all_of(db, person.id, keep).await?;
    mail_person(ctx, db, person, Template::PasswordChanged).await?;
    audit::record(
        db,
        Some(person.id),
        action,
        &person.email,
        "",
        &ctx.client_addr,
    )
    .await?;
    Ok(())
}

/// A new account's row: no profile yet, not verified, not an administrator.
/// Callers set what differs before inserting it.
pub fn new_account(email: &str, name: &str, password_hash: String) -> user::ActiveModel {
    let at = now();
    user::ActiveModel {
        id: Set(Uuid::new_v4()),
        email: Set(email.into()),
        password_hash: Set(password_hash),
        name: Set(name.into()),
        email_verified_at: Set(None),
        is_admin: Set(false),
        organisation: Set(String::new()),
        country: Set(None),
        stakeholder_group: Set(None),
        gender: Set(None),
        first_time: Set(false),
        language: Set(None),
        created_at: Set(at),
        updated_at: Set(at),
    }
}

async fn find_by_email(
    db: &impl ConnectionTrait,
    email: &str,
) -> Result<Option<user::Model>, AppError> {
    Ok(user::Entity::find()
        .filter(user::Column::Email.eq(email))
        .one(db)
        .await?)
}

pub struct SignUp {
    pub name: String,
    pub email: String,
    pub password: String,
}

/// Creates an account and mails a verification link. If the address already has
/// an account, the answer is the same and that account's owner gets a mail
/// instead, so sign-up does not reveal who has an account.
pub async fn sign_up(ctx: &RequestCtx, input: SignUp) -> Result<(), AppError> {
    let mut problems = Problems::new();
    let name = problems.check("name", PersonName::parse(&input.name));
    let email = problems.check("email", EmailAddress::parse(&input.email));
    let password = problems.check(
        "password",
        NewPassword::parse(&input.password, email.as_ref().map(EmailAddress::as_str)),
    );
    let ((name, email), password) = problems.finish(name.zip(email).zip(password))?;
    let hash = hash_password(password.expose().to_string()).await?;
    let host = mail_host(ctx);
    let settings = ctx.settings();
    let txn = crate::db::begin_write(ctx.db()).await?;
    if let Some(existing) = find_by_email(&txn, email.as_str()).await? {
        let template = Template::AccountExists {
            sign_in_link: settings.link("/account/sign-in"),
            reset_link: settings.link("/account/forgot"),
        };
        mail_person(ctx, &txn, &existing, template).await?;
    } else {
        let mut account = new_account(email.as_str(), name.as_str(), hash);
        account.language = Set(Some(ctx.locale.code().into()));
        let insert = account.insert(&txn).await;
        let id = match insert {
            Ok(person) => person.id,
            // A concurrent sign-up with the same address won the race.
            Err(err)
                if matches!(
                    err.sql_err(),
                    Some(sea_orm::SqlErr::UniqueConstraintViolation(_))
                ) =>
            {
                return Err(AppError::field("email", "accounts.email-unavailable"));
            }
            Err(err) => return Err(err.into()),
        };
        let token = tokens::issue(&txn, id, Purpose::VerifyEmail).await?;
        let mail = render(
            ctx.locale,
            name.as_str(),
            &Template::VerifyEmail {
                link: settings.link(&format!("/account/verify?token={token}")),
            },
        );
        enqueue(&txn, email.as_str(), name.as_str(), mail, &host).await?;
        audit::record(
            &txn,
            Some(id),
            "account.signed-up",
            email.as_str(),
            "",
            &ctx.client_addr,
        )
        .await?;
    }
    txn.commit().await?;
    ctx.state.mail_queued.notify_one();
    Ok(())
}

/// Marks the address of the token's account as verified.
pub async fn verify_email(ctx: &RequestCtx, token: &str) -> Result<(), AppError> {
    let txn = crate::db::begin_write(ctx.db()).await?;
    let Some(user_id) = tokens::consume(&txn, Purpose::VerifyEmail, token).await? else {
        return Err(AppError::form("accounts.token-invalid"));
    };
    // Other links sent for this address have done their job.
    tokens::revoke(&txn, user_id, Purpose::VerifyEmail).await?;
    let at = now();
    let person = user::ActiveModel {
        id: Set(user_id),
        email_verified_at: Set(Some(at)),
        updated_at: Set(at),
        ..Default::default()
    }
    .update(&txn)
    .await?;
    audit::record(
        &txn,
        Some(user_id),
        "account.email-verified",
        &person.email,
        "",
        &ctx.client_addr,
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

/// Signs in: checks throttling, the password and verification; returns the new
/// session's cookie secret. Every failure answers alike.
pub async fn sign_in(ctx: &RequestCtx, email: &str, password: &str) -> Result<String, AppError> {
    let email = email.trim().to_lowercase();
    let db = ctx.db();
    let settings = ctx.settings();
    match throttle::check(db, &email, &ctx.client_addr, settings).await? {
        Verdict::Locked(wait) => {
            audit::record(db, None, "sign-in.locked", &email, "", &ctx.client_addr).await?;
            return Err(AppError::TooManyRequests {
                retry_after_secs: wait.as_secs(),
            });
        }
        Verdict::Slow(delay) => tokio::time::sleep(delay).await,
        Verdict::Allow => {}
    }
    let person = find_by_email(db, &email).await?;
    let hash = match &person {
        Some(p) => p.password_hash.clone(),
        None => dummy_hash().await,
    };
    let password_ok = verify_password(hash, password.to_string()).await;
    let Some(person) = person.filter(|_| password_ok) else {
        throttle::record(db, &email, &ctx.client_addr, false).await?;
        audit::record(db, None, "sign-in.failed", &email, "", &ctx.client_addr).await?;
        return Err(AppError::form("accounts.sign-in-failed"));
    };
    if person.email_verified_at.is_none() {
        // Only the password's owner gets here: resend the link.
        let txn = crate::db::begin_write(db).await?;
        let token = tokens::issue(&txn, person.id, Purpose::VerifyEmail).await?;
        let link = settings.link(&format!("/account/verify?token={token}"));
        mail_person(ctx, &txn, &person, Template::VerifyEmail { link }).await?;
        txn.commit().await?;
        ctx.state.mail_queued.notify_one();
        return Err(AppError::form("accounts.email-not-verified"));
    }
    let txn = crate::db::begin_write(db).await?;
    throttle::record(&txn, &email, &ctx.client_addr, true).await?;
    // A new session id at every sign-in; the previous one of this browser ends.
    if let Some(old) = &ctx.signed_in {
        sessions::destroy(&txn, &old.session_id).await?;
    }
    let secret = sessions::create(&txn, person.id, settings).await?;
    audit::record(
        &txn,
        Some(person.id),
        "sign-in.succeeded",
        &person.email,
        "",
        &ctx.client_addr,
    )
    .await?;
    txn.commit().await?;
    Ok(secret)
}

pub async fn sign_out(ctx: &RequestCtx) -> Result<(), AppError> {
    if let Some(me) = &ctx.signed_in {
        let txn = crate::db::begin_write(ctx.db()).await?;
        sessions::destroy(&txn, &me.session_id).await?;
        audit::record(
            &txn,
            Some(me.user_id()),
            "sign-out",
            &me.viewer.email,
            "",
            &ctx.client_addr,
        )
        .await?;
        txn.commit().await?;
    }
    Ok(())
}

/// Mails a reset link if the address has an account; answers alike either way.
pub async fn request_password_reset(ctx: &RequestCtx, email: &str) -> Result<(), AppError> {
    let mut problems = Problems::new();
    let email = problems.check("email", EmailAddress::parse(email));
    let email = problems.finish(email)?;
    let txn = crate::db::begin_write(ctx.db()).await?;
    if let Some(person) = find_by_email(&txn, email.as_str()).await? {
        let token = tokens::issue(&txn, person.id, Purpose::ResetPassword).await?;
        let link = ctx
            .settings()
            .link(&format!("/account/reset?token={token}"));
        mail_person(ctx, &txn, &person, Template::ResetPassword { link }).await?;
        audit::record(
            &txn,
            Some(person.id),
            "password.reset-requested",
            &person.email,
            "",
            &ctx.client_addr,
        )
        .await?;
    }
    txn.commit().await?;
    ctx.state.mail_queued.notify_one();
    Ok(())
}

/// Sets a new password with a reset token; ends every session of the account.
/// Following the link proves the address, so it counts as verified.
pub async fn reset_password(ctx: &RequestCtx, token: &str, password: &str) -> Result<(), AppError> {
    let mut problems = Problems::new();
    let password = problems.check("password", NewPassword::parse(password, None));
    let password = problems.finish(password)?;
    let hash = hash_password(password.expose().to_string()).await?;
    let txn = crate::db::begin_write(ctx.db()).await?;
    let Some(user_id) = tokens::consume(&txn, Purpose::ResetPassword, token).await? else {
        return Err(AppError::form("accounts.token-invalid"));
    };
    let person = user::Entity::find_by_id(user_id)
        .one(&txn)
        .await?
        .ok_or(AppError::NotFound)?;
    store_password(ctx, &txn, &person, hash, None, "password.reset").await?;
    txn.commit().await?;
    ctx.state.mail_queued.notify_one();
    Ok(())
}

/// Changes the password of the signed-in person, who must give the current one;
/// their other sessions end.
pub async fn change_password(ctx: &RequestCtx, current: &str, new: &str) -> Result<(), AppError> {
    let me = ctx.require_signed_in()?;
    let person = user::Entity::find_by_id(me.user_id())
        .one(ctx.db())
        .await?
        .ok_or(AppError::Unauthorized)?;
    let mut problems = Problems::new();
    let new = problems.check("new_password", NewPassword::parse(new, Some(&person.email)));
    if !verify_password(person.password_hash.clone(), current.to_string()).await {
        problems.add("current_password", "accounts.current-password-wrong");
    }
    let new = problems.finish(new)?;
    let hash = hash_password(new.expose().to_string()).await?;
    let txn = crate::db::begin_write(ctx.db()).await?;
    store_password(
        ctx,
        &txn,
        &person,
        hash,
        Some(&me.session_id),
        "password.changed",
    )
    .await?;
    txn.commit().await?;
    ctx.state.mail_queued.notify_one();
    Ok(())
}

fn profile_of(u: user::Model) -> Profile {
    let regional_group = u.country.as_deref().and_then(countries::regional_group);
    Profile {
        name: u.name,
        email: u.email,
        organisation: u.organisation,
        country: u.country,
        stakeholder_group: u
            .stakeholder_group
            .as_deref()
            .and_then(StakeholderGroup::from_code),
        gender: u.gender.as_deref().and_then(Gender::from_code),
        first_time: u.first_time,
        regional_group,
    }
}

pub async fn profile(ctx: &RequestCtx) -> Result<Profile, AppError> {
    let me = ctx.require_signed_in()?;
    let person = user::Entity::find_by_id(me.user_id())
        .one(ctx.db())
        .await?
        .ok_or(AppError::Unauthorized)?;
    Ok(profile_of(person))
}

pub struct ProfileInput {
    pub name: String,
    pub organisation: String,
    pub country: String,
    pub stakeholder_group: String,
    pub gender: String,
    pub first_time: bool,
}

/// Saves the profile; an empty choice clears the attribute.
pub async fn update_profile(ctx: &RequestCtx, input: ProfileInput) -> Result<Profile, AppError> {
    let me = ctx.require_signed_in()?;
    let mut problems = Problems::new();
    let name = problems.check("name", PersonName::parse(&input.name));
    let organisation = problems.check("organisation", parse_organisation(&input.organisation));
    let country = match input.country.trim() {
        "" => Some(None),
        code => problems.check(
            "country",
            countries::country(code)
                .map(|c| Some(c.code.to_string()))
                .ok_or("accounts.country-invalid"),
        ),
    };
    let group = match input.stakeholder_group.trim() {
        "" => Some(None),
        code => problems.check(
            "stakeholder_group",
            StakeholderGroup::from_code(code)
                .map(Some)
                .ok_or("field.choice-invalid"),
        ),
    };
    let gender = match input.gender.trim() {
        "" => Some(None),
        code => problems.check(
            "gender",
            Gender::from_code(code)
                .map(Some)
                .ok_or("field.choice-invalid"),
        ),
    };
    let ((((name, organisation), country), group), gender) =
        problems.finish(name.zip(organisation).zip(country).zip(group).zip(gender))?;
    let updated = user::ActiveModel {
        id: Set(me.user_id()),
        name: Set(name.as_str().into()),
        organisation: Set(organisation),
        country: Set(country),
        stakeholder_group: Set(group.map(|g| g.code().into())),
        gender: Set(gender.map(|g| g.code().into())),
        first_time: Set(input.first_time),
        updated_at: Set(now()),
        ..Default::default()
    }
    .update(ctx.db())
    .await?;
    Ok(profile_of(updated))
}

/// Remembers the chosen language for a signed-in person.
pub async fn remember_language(ctx: &RequestCtx, locale: Locale) -> Result<(), AppError> {
    if let Some(me) = &ctx.signed_in {
        user::ActiveModel {
            id: Set(me.user_id()),
            language: Set(Some(locale.code().into())),
            ..Default::default()
        }
        .update(ctx.db())
        .await?;
    }
    Ok(())
}

/// Creates (or promotes) a platform administrator; used by `plenum create-admin`.
/// The account counts as verified: the operator vouches for the address.
pub async fn create_admin(
    db: &sea_orm::DatabaseConnection,
    email: &str,
    name: &str,
    password: &str,
) -> Result<bool, AppError> {
    let email = EmailAddress::parse(email).map_err(|m| AppError::field("email", m))?;
    let password = NewPassword::parse(password, Some(email.as_str()))
        .map_err(|m| AppError::field("password", m))?;
    let hash = hash_password(password.expose().to_string()).await?;
    let txn = crate::db::begin_write(db).await?;
    let at = now();
    let created = match find_by_email(&txn, email.as_str()).await? {
        Some(existing) => {
            user::ActiveModel {
                id: Set(existing.id),
                is_admin: Set(true),
                password_hash: Set(hash),
                email_verified_at: Set(Some(existing.email_verified_at.unwrap_or(at))),
                updated_at: Set(at),
                ..Default::default()
            }
            .update(&txn)
            .await?;
            audit::record(
                &txn,
                None,
                "admin.promoted",
                email.as_str(),
                "plenum create-admin",
                "",
            )
            .await?;
            false
        }
        None => {
            let mut account = new_account(email.as_str(), name, hash);
            account.email_verified_at = Set(Some(at));
            account.is_admin = Set(true);
            account.insert(&txn).await?;
            audit::record(
                &txn,
                None,
                "admin.created",
                email.as_str(),
                "plenum create-admin",
                "",
            )
            .await?;
            true
        }
    };
    txn.commit().await?;
    Ok(created)
}

/// Whether any administrator exists (the first start explains how to make one).
pub async fn admin_exists(db: &impl ConnectionTrait) -> Result<bool, AppError> {
    Ok(user::Entity::find()
        .filter(user::Column::IsAdmin.eq(true))
        .one(db)
        .await?
        .is_some())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn passwords_are_hashed_with_argon2id_and_salted() {
        let first = hash_password("correct horse battery".into()).await.unwrap();
        let second = hash_password("correct horse battery".into()).await.unwrap();
        assert!(first.starts_with("$argon2id$"), "{first}");
        assert_ne!(first, second, "a fresh salt every time");
        assert!(verify_password(first.clone(), "correct horse battery".into()).await);
        assert!(!verify_password(first, "wrong horse battery".into()).await);
        assert!(!verify_password("not a hash".into(), "x".into()).await);
    }
}
