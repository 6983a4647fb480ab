//! Server functions of a consultation's synthesis and meetings: thin, each
//! checks who calls (organisers only) and says where the browser goes next.
//! The downloads are plain links served by the server's consultation routes.

use super::synthesis_types::SynthesisPage;
use super::Filters;
use crate::error::AppError;
use leptos::prelude::*;
#[cfg(feature = "ssr")]
use {
    super::api::{id, manage_path},
    super::{meetings, synthesis},
    crate::context::RequestCtx,
    crate::web::{back_with, go_to},
};

#[cfg(feature = "ssr")]
fn synthesis_path(forum: &str, slug: &str) -> String {
    format!("/forums/{forum}/consultations/{slug}/synthesis")
}

#[server(name = LoadSynthesis, prefix = "/api", endpoint = "consultations/synthesis")]
pub async fn synthesis_page(
    forum: String,
    slug: String,
    filters: Filters,
) -> Result<SynthesisPage, AppError> {
    let ctx = RequestCtx::current()?;
    ctx.require_organiser(&forum)?;
    synthesis::page(&ctx, &forum, &slug, filters).await
}

/// Links the ticked contributions to a theme: the one chosen, or a new one
/// named here.
#[server(name = LinkTheme, prefix = "/api", endpoint = "consultations/theme-link")]
pub async fn link_theme(
    forum: String,
    slug: String,
    theme: Option<String>,
    name: Option<String>,
    colour: Option<String>,
    contributions: Option<Vec<String>>,
    back: Option<String>,
) -> Result<(), AppError> {
    let ctx = RequestCtx::current()?;
    ctx.require_organiser(&forum)?;
    synthesis::link_theme(
        &ctx,
        &forum,
        &slug,
        theme.as_deref().unwrap_or_default(),
        name.as_deref().unwrap_or_default(),
        colour.as_deref().unwrap_or_default(),
        &contributions.unwrap_or_default(),
    )
    .await?;
    go_to(&back_with(
        back.as_deref(),
        &synthesis_path(&forum, &slug),
        "notice=theme-linked",
    ));
    Ok(())
}

#[server(name = UnlinkTheme, prefix = "/api", endpoint = "consultations/theme-unlink")]
pub async fn unlink_theme(
    forum: String,
    slug: String,
    theme: String,
    contribution: String,
) -> Result<(), AppError> {
    let ctx = RequestCtx::current()?;
    ctx.require_organiser(&forum)?;
    synthesis::unlink_theme(&ctx, &forum, &slug, id(&theme)?, id(&contribution)?).await?;
    go_to(&format!(
        "{}?notice=theme-unlinked#themes",
        synthesis_path(&forum, &slug)
    ));
    Ok(())
}

#[server(name = AddConsultationMeeting, prefix = "/api", endpoint = "consultations/meeting-add")]
pub async fn add_meeting(forum: String, slug: String, session: String) -> Result<(), AppError> {
    let ctx = RequestCtx::current()?;
    ctx.require_organiser(&forum)?;
    meetings::add(&ctx, &forum, &slug, &session).await?;
    go_to(&format!(
        "{}?notice=meeting-added#meetings",
        manage_path(&forum, &slug)
    ));
    Ok(())
}

#[server(name = RemoveConsultationMeeting, prefix = "/api", endpoint = "consultations/meeting-remove")]
pub async fn remove_meeting(forum: String, slug: String, meeting: String) -> Result<(), AppError> {
    let ctx = RequestCtx::current()?;
    ctx.require_organiser(&forum)?;
    meetings::remove(&ctx, &forum, &slug, id(&meeting)?).await?;
    go_to(&format!(
        "{}?notice=meeting-removed#meetings",
        manage_path(&forum, &slug)
    ));
    Ok(())
}
