//! Server functions for accounts. Each one reads the request context, calls one
//! service function and says where the browser goes next.

use super::{Profile, Viewer};
use crate::error::AppError;
use leptos::prelude::*;
#[cfg(feature = "ssr")]
use {
    super::{service, sessions},
    crate::context::RequestCtx,
    crate::web::{go_to, local_path, set_cookie},
};

/// The signed-in person, if any.
#[server(prefix = "/api", endpoint = "accounts/whoami")]
pub async fn whoami() -> Result<Option<Viewer>, AppError> {
    let ctx = RequestCtx::current()?;
    Ok(ctx.signed_in.map(|s| s.viewer))
}

#[server(prefix = "/api", endpoint = "accounts/sign-up")]
pub async fn sign_up(name: String, email: String, password: String) -> Result<(), AppError> {
    let ctx = RequestCtx::current()?;
    service::sign_up(
        &ctx,
        service::SignUp {
            name,
            email,
            password,
        },
    )
    .await?;
    go_to("/account/sign-in?notice=check-email");
    Ok(())
}

#[server(prefix = "/api", endpoint = "accounts/verify-email")]
pub async fn verify_email(token: String) -> Result<(), AppError> {
    let ctx = RequestCtx::current()?;
    service::verify_email(&ctx, &token).await?;
    go_to("/account/sign-in?notice=email-verified");
    Ok(())
}

#[server(prefix = "/api", endpoint = "accounts/sign-in")]
pub async fn sign_in(
    email: String,
    password: String,
    next: Option<String>,
) -> Result<(), AppError> {
    let ctx = RequestCtx::current()?;
    let secret = service::sign_in(&ctx, &email, &password).await?;
    set_cookie(&sessions::cookie(&secret, ctx.settings()));
    go_to(&local_path(next.as_deref(), "/"));
    Ok(())
}

#[server(prefix = "/api", endpoint = "accounts/sign-out")]
pub async fn sign_out() -> Result<(), AppError> {
    let ctx = RequestCtx::current()?;
    ctx.require_signed_in()?;
    service::sign_out(&ctx).await?;
    set_cookie(&sessions::clearing_cookie(ctx.settings()));
    go_to("/?notice=signed-out");
    Ok(())
}

#[server(prefix = "/api", endpoint = "accounts/request-password-reset")]
pub async fn request_password_reset(email: String) -> Result<(), AppError> {
    let ctx = RequestCtx::current()?;
    service::request_password_reset(&ctx, &email).await?;
    go_to("/account/sign-in?notice=reset-sent");
    Ok(())
}

#[server(prefix = "/api", endpoint = "accounts/reset-password")]
pub async fn reset_password(token: String, password: String) -> Result<(), AppError> {
    let ctx = RequestCtx::current()?;
    service::reset_password(&ctx, &token, &password).await?;
    set_cookie(&sessions::clearing_cookie(ctx.settings()));
    go_to("/account/sign-in?notice=password-reset");
    Ok(())
}

#[server(prefix = "/api", endpoint = "accounts/change-password")]
pub async fn change_password(
    current_password: String,
    new_password: String,
) -> Result<(), AppError> {
    let ctx = RequestCtx::current()?;
    service::change_password(&ctx, &current_password, &new_password).await?;
    go_to("/account/profile?notice=password-changed");
    Ok(())
}

#[server(prefix = "/api", endpoint = "accounts/profile")]
pub async fn get_profile() -> Result<Profile, AppError> {
    let ctx = RequestCtx::current()?;
    service::profile(&ctx).await
}

#[server(prefix = "/api", endpoint = "accounts/update-profile")]
pub async fn update_profile(
    name: String,
    organisation: String,
    country: String,
    stakeholder_group: String,
    gender: String,
    first_time: Option<String>,
) -> Result<(), AppError> {
    let ctx = RequestCtx::current()?;
    service::update_profile(
        &ctx,
        service::ProfileInput {
            name,
            organisation,
            country,
            stakeholder_group,
            gender,
            first_time: first_time.is_some(),
        },
    )
    .await?;
    go_to("/account/profile?notice=profile-saved");
    Ok(())
}

/// Switches the interface language: remembered in a cookie, and in the profile
/// of a signed-in person.
#[server(prefix = "/api", endpoint = "accounts/set-language")]
pub async fn set_language(lang: String, next: Option<String>) -> Result<(), AppError> {
    let ctx = RequestCtx::current()?;
    let locale = crate::i18n::Locale::from_code(&lang)
        .ok_or_else(|| AppError::field("lang", "field.choice-invalid"))?;
    service::remember_language(&ctx, locale).await?;
    let secure = if ctx.settings().secure_cookies() {
        "; Secure"
    } else {
        ""
    };
    set_cookie(&format!(
        "{}={}; Path=/; Max-Age=31536000; SameSite=Lax{secure}",
        crate::i18n::LANG_COOKIE,
        locale.code()
    ));
    go_to(&local_path(next.as_deref(), "/"));
    Ok(())
}

/// Deletes the signed-in person's account (`privacy::delete_account`): they
/// give their password and tick the confirmation; then they are signed out.
#[server(name = DeleteAccount, prefix = "/api", endpoint = "account/delete")]
pub async fn delete_account(
    current_password: String,
    confirm: Option<String>,
) -> Result<(), AppError> {
    let ctx = RequestCtx::current()?;
    ctx.require_signed_in()?;
    super::privacy::delete_account(&ctx, &current_password, confirm.is_some()).await?;
    set_cookie(&sessions::clearing_cookie(ctx.settings()));
    go_to("/?notice=account-deleted");
    Ok(())
}
