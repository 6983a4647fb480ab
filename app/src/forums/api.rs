//! Server functions for forum editions, their structure and their teams.

// A server function's arguments are its form's fields, one to one.
#![allow(clippy::too_many_arguments)]

use super::{Edition, ForumSummary, Setup, Team};
use crate::error::AppError;
use leptos::prelude::*;
#[cfg(feature = "ssr")]
use {
    super::{editions, editions::EditionInput, setup, team},
    crate::context::RequestCtx,
    crate::web::go_to,
};

/// All forum editions, newest first (the header's forum switcher).
#[server(prefix = "/api", endpoint = "forums/list")]
pub async fn list_forums() -> Result<Vec<ForumSummary>, AppError> {
    editions::list(&RequestCtx::current()?).await
}

/// An edition's public details.
#[server(prefix = "/api", endpoint = "forums/edition")]
pub async fn get_edition(forum: String) -> Result<Edition, AppError> {
    let ctx = RequestCtx::current()?;
    Ok(editions::view(editions::by_code(&ctx, &forum).await?))
}

/// The ticked languages of an edition form (one checkbox per UN language).
#[cfg(feature = "ssr")]
fn ticked(boxes: [(&str, &Option<String>); 6]) -> Vec<String> {
    boxes
        .iter()
        .filter(|(_, v)| v.is_some())
        .map(|(l, _)| l.to_string())
        .collect()
}

#[server(prefix = "/api", endpoint = "forums/create")]
pub async fn create_edition(
    code: String,
    name: String,
    host_city: String,
    venue: String,
    time_zone: String,
    day_zero: String,
    first_day: String,
    last_day: String,
    description: String,
    lang_ar: Option<String>,
    lang_zh: Option<String>,
    lang_en: Option<String>,
    lang_fr: Option<String>,
    lang_ru: Option<String>,
    lang_es: Option<String>,
    copy_from: Option<String>,
) -> Result<(), AppError> {
    let ctx = RequestCtx::current()?;
    let languages = ticked([
        ("ar", &lang_ar),
        ("zh", &lang_zh),
        ("en", &lang_en),
        ("fr", &lang_fr),
        ("ru", &lang_ru),
        ("es", &lang_es),
    ]);
    let input = EditionInput {
        code,
        name,
        host_city,
        venue,
        time_zone,
        day_zero,
        first_day,
        last_day,
        description,
        languages,
    };
    let code = editions::create(&ctx, input, copy_from).await?;
    go_to(&format!("/forums/{code}/setup?notice=edition-created"));
    Ok(())
}

#[server(prefix = "/api", endpoint = "forums/update")]
pub async fn update_edition(
    forum: String,
    name: String,
    host_city: String,
    venue: String,
    time_zone: String,
    day_zero: String,
    first_day: String,
    last_day: String,
    description: String,
    lang_ar: Option<String>,
    lang_zh: Option<String>,
    lang_en: Option<String>,
    lang_fr: Option<String>,
    lang_ru: Option<String>,
    lang_es: Option<String>,
) -> Result<(), AppError> {
    let ctx = RequestCtx::current()?;
    let languages = ticked([
        ("ar", &lang_ar),
        ("zh", &lang_zh),
        ("en", &lang_en),
        ("fr", &lang_fr),
        ("ru", &lang_ru),
        ("es", &lang_es),
    ]);
    let input = EditionInput {
        code: forum.clone(),
        name,
        host_city,
        venue,
        time_zone,
        day_zero,
        first_day,
        last_day,
        description,
        languages,
    };
    editions::update(&ctx, &forum, input).await?;
    go_to(&format!("/forums/{forum}?notice=edition-saved"));
    Ok(())
}

/// An edition with its themes, session types and formats (organisers).
#[server(prefix = "/api", endpoint = "forums/setup")]
pub async fn forum_setup(forum: String) -> Result<Setup, AppError> {
    setup::load(&RequestCtx::current()?, &forum).await
}

#[cfg(feature = "ssr")]
fn setup_page(forum: &str, notice: &str) -> String {
    format!("/forums/{forum}/setup?notice={notice}")
}

#[server(prefix = "/api", endpoint = "forums/add-theme")]
pub async fn add_theme(
    forum: String,
    name: String,
    colour: Option<String>,
    parent: Option<uuid::Uuid>,
) -> Result<(), AppError> {
    setup::add_theme(
        &RequestCtx::current()?,
        &forum,
        &name,
        colour.as_deref().unwrap_or_default(),
        parent,
    )
    .await?;
    go_to(&setup_page(&forum, "saved"));
    Ok(())
}

#[server(prefix = "/api", endpoint = "forums/remove-theme")]
pub async fn remove_theme(forum: String, id: uuid::Uuid) -> Result<(), AppError> {
    setup::remove_theme(&RequestCtx::current()?, &forum, id).await?;
    go_to(&setup_page(&forum, "removed"));
    Ok(())
}

#[server(prefix = "/api", endpoint = "forums/add-session-type")]
pub async fn add_session_type(
    forum: String,
    name: String,
    code_prefix: String,
    durations: String,
) -> Result<(), AppError> {
    setup::add_session_type(
        &RequestCtx::current()?,
        &forum,
        &name,
        &code_prefix,
        &durations,
    )
    .await?;
    go_to(&setup_page(&forum, "saved"));
    Ok(())
}

#[server(prefix = "/api", endpoint = "forums/remove-session-type")]
pub async fn remove_session_type(forum: String, id: uuid::Uuid) -> Result<(), AppError> {
    setup::remove_session_type(&RequestCtx::current()?, &forum, id).await?;
    go_to(&setup_page(&forum, "removed"));
    Ok(())
}

#[server(prefix = "/api", endpoint = "forums/add-format")]
pub async fn add_format(
    forum: String,
    name: String,
    needs_description: Option<String>,
) -> Result<(), AppError> {
    setup::add_format(
        &RequestCtx::current()?,
        &forum,
        &name,
        needs_description.is_some(),
    )
    .await?;
    go_to(&setup_page(&forum, "saved"));
    Ok(())
}

#[server(prefix = "/api", endpoint = "forums/remove-format")]
pub async fn remove_format(forum: String, id: uuid::Uuid) -> Result<(), AppError> {
    setup::remove_format(&RequestCtx::current()?, &forum, id).await?;
    go_to(&setup_page(&forum, "removed"));
    Ok(())
}

/// "Start from last year": copy another edition's structure into this one.
#[server(prefix = "/api", endpoint = "forums/copy-structure")]
pub async fn copy_structure(forum: String, from: String) -> Result<(), AppError> {
    setup::copy_from(&RequestCtx::current()?, &forum, &from).await?;
    go_to(&setup_page(&forum, "copied"));
    Ok(())
}

/// Every mail the edition words its own way, in every language.
#[server(prefix = "/api", endpoint = "forums/mail")]
pub async fn edition_mail(
    forum: String,
) -> Result<crate::notifications::wording::MailSettings, AppError> {
    super::mail::load(&RequestCtx::current()?, &forum).await
}

/// Saves the edition's wording of one mail in one language.
#[server(prefix = "/api", endpoint = "forums/save-mail")]
pub async fn save_edition_mail(
    forum: String,
    kind: String,
    locale: String,
    subject: String,
    body: String,
) -> Result<(), AppError> {
    super::mail::save(
        &RequestCtx::current()?,
        &forum,
        &kind,
        &locale,
        &subject,
        &body,
    )
    .await?;
    go_to(&format!(
        "/forums/{forum}/mail?kind={kind}&locale={locale}&notice=mail-saved"
    ));
    Ok(())
}

/// Goes back to the standard wording of one mail in one language.
#[server(prefix = "/api", endpoint = "forums/reset-mail")]
pub async fn reset_edition_mail(
    forum: String,
    kind: String,
    locale: String,
) -> Result<(), AppError> {
    super::mail::reset(&RequestCtx::current()?, &forum, &kind, &locale).await?;
    go_to(&format!(
        "/forums/{forum}/mail?kind={kind}&locale={locale}&notice=mail-reset"
    ));
    Ok(())
}

#[server(prefix = "/api", endpoint = "forums/team")]
pub async fn forum_team(forum: String) -> Result<Team, AppError> {
    team::team(&RequestCtx::current()?, &forum).await
}

#[server(prefix = "/api", endpoint = "forums/grant-role")]
pub async fn grant_forum_role(forum: String, email: String, role: String) -> Result<(), AppError> {
    team::grant(&RequestCtx::current()?, &forum, &email, &role).await?;
    go_to(&format!("/forums/{forum}/team?notice=role-granted"));
    Ok(())
}

#[server(prefix = "/api", endpoint = "forums/revoke-role")]
pub async fn revoke_forum_role(forum: String, role_id: uuid::Uuid) -> Result<(), AppError> {
    team::revoke(&RequestCtx::current()?, &forum, role_id).await?;
    go_to(&format!("/forums/{forum}/team?notice=role-revoked"));
    Ok(())
}
