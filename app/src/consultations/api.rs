//! Server functions of consultations: thin, each checks who calls (in the
//! service) and says where the browser goes next. Contributions come in
//! through the server's multipart route (they may carry a file), see
//! `server/src/contribution_upload.rs`.
#![allow(clippy::too_many_arguments)]

use super::{ConsultationPage, ConsultationsPage, ContributeFormPage, Filters, ManagePage};
use crate::error::AppError;
use leptos::prelude::*;
#[cfg(feature = "ssr")]
use {
    super::{service, Moderation, State},
    crate::context::RequestCtx,
    crate::web::go_to,
};

/// An id from a form or an address; a malformed one is not found.
#[cfg(feature = "ssr")]
pub(super) fn id(typed: &str) -> Result<uuid::Uuid, AppError> {
    typed.trim().parse().map_err(|_| AppError::NotFound)
}

#[cfg(feature = "ssr")]
pub(super) fn manage_path(forum: &str, slug: &str) -> String {
    format!("/forums/{forum}/consultations/{slug}/manage")
}

#[server(name = LoadConsultations, prefix = "/api", endpoint = "consultations/list")]
pub async fn consultations(forum: String) -> Result<ConsultationsPage, AppError> {
    service::list(&RequestCtx::current()?, &forum).await
}

#[server(name = LoadConsultation, prefix = "/api", endpoint = "consultations/page")]
pub async fn consultation_page(
    forum: String,
    slug: String,
    filters: Filters,
) -> Result<ConsultationPage, AppError> {
    service::page(&RequestCtx::current()?, &forum, &slug, filters).await
}

/// The contribute form (`edit` empty) or the edit form of one's own.
#[server(name = LoadContributeForm, prefix = "/api", endpoint = "consultations/form")]
pub async fn contribute_form(
    forum: String,
    slug: String,
    edit: Option<String>,
) -> Result<ContributeFormPage, AppError> {
    let ctx = RequestCtx::current()?;
    ctx.require_signed_in()?;
    let editing = match edit.as_deref().map(str::trim) {
        None | Some("") => None,
        Some(e) => Some(id(e)?),
    };
    service::form_page(&ctx, &forum, &slug, editing).await
}

#[server(name = CreateConsultation, prefix = "/api", endpoint = "consultations/create")]
pub async fn create_consultation(
    forum: String,
    title: String,
    slug: String,
) -> Result<(), AppError> {
    let ctx = RequestCtx::current()?;
    ctx.require_organiser(&forum)?;
    let slug = service::create(&ctx, &forum, &title, &slug).await?;
    go_to(&format!(
        "{}?notice=consultation-created",
        manage_path(&forum, &slug)
    ));
    Ok(())
}

#[server(name = LoadManageConsultation, prefix = "/api", endpoint = "consultations/manage")]
pub async fn manage_consultation(
    forum: String,
    slug: String,
    state: Option<String>,
) -> Result<ManagePage, AppError> {
    let ctx = RequestCtx::current()?;
    ctx.require_organiser(&forum)?;
    let state = state.as_deref().and_then(State::from_code);
    service::manage(&ctx, &forum, &slug, state).await
}

#[server(name = SaveConsultation, prefix = "/api", endpoint = "consultations/save")]
pub async fn save_consultation(
    forum: String,
    slug: String,
    title: String,
    description: String,
    published: Option<String>,
) -> Result<(), AppError> {
    let ctx = RequestCtx::current()?;
    ctx.require_organiser(&forum)?;
    service::save_details(
        &ctx,
        &forum,
        &slug,
        &title,
        &description,
        published.is_some(),
    )
    .await?;
    go_to(&format!(
        "{}?notice=consultation-saved",
        manage_path(&forum, &slug)
    ));
    Ok(())
}

#[server(name = AddPhase, prefix = "/api", endpoint = "consultations/phase-add")]
pub async fn add_phase(
    forum: String,
    slug: String,
    name: String,
    starts: String,
    ends: String,
    contributions: Option<String>,
    comments: Option<String>,
) -> Result<(), AppError> {
    let ctx = RequestCtx::current()?;
    ctx.require_organiser(&forum)?;
    let form = service::PhaseForm {
        name,
        starts,
        ends,
        contributions: contributions.is_some(),
        comments: comments.is_some(),
    };
    service::add_phase(&ctx, &forum, &slug, form).await?;
    go_to(&format!(
        "{}?notice=phase-added#phases",
        manage_path(&forum, &slug)
    ));
    Ok(())
}

#[server(name = RemovePhase, prefix = "/api", endpoint = "consultations/phase-remove")]
pub async fn remove_phase(forum: String, slug: String, phase: String) -> Result<(), AppError> {
    let ctx = RequestCtx::current()?;
    ctx.require_organiser(&forum)?;
    service::remove_phase(&ctx, &forum, &slug, id(&phase)?).await?;
    go_to(&format!(
        "{}?notice=phase-removed#phases",
        manage_path(&forum, &slug)
    ));
    Ok(())
}

#[server(name = AddConsultationQuestion, prefix = "/api", endpoint = "consultations/question-add")]
pub async fn add_question(
    forum: String,
    slug: String,
    question_title: String,
    question_description: Option<String>,
) -> Result<(), AppError> {
    let ctx = RequestCtx::current()?;
    ctx.require_organiser(&forum)?;
    service::add_question(
        &ctx,
        &forum,
        &slug,
        &question_title,
        question_description.as_deref().unwrap_or_default(),
    )
    .await?;
    go_to(&format!(
        "{}?notice=consultation-question-added#questions",
        manage_path(&forum, &slug)
    ));
    Ok(())
}

#[server(name = RemoveConsultationQuestion, prefix = "/api", endpoint = "consultations/question-remove")]
pub async fn remove_question(
    forum: String,
    slug: String,
    question: String,
) -> Result<(), AppError> {
    let ctx = RequestCtx::current()?;
    ctx.require_organiser(&forum)?;
    service::remove_question(&ctx, &forum, &slug, id(&question)?).await?;
    go_to(&format!(
        "{}?notice=consultation-question-removed#questions",
        manage_path(&forum, &slug)
    ));
    Ok(())
}

#[server(name = ModerateContribution, prefix = "/api", endpoint = "consultations/moderate")]
pub async fn moderate(
    forum: String,
    slug: String,
    contribution: String,
    decision: String,
    reason: Option<String>,
    back: Option<String>,
) -> Result<(), AppError> {
    let ctx = RequestCtx::current()?;
    ctx.require_organiser(&forum)?;
    let decision = Moderation::from_code(&decision).ok_or(AppError::BadRequest)?;
    let to = service::moderate(
        &ctx,
        &forum,
        &slug,
        id(&contribution)?,
        decision,
        reason.as_deref().unwrap_or_default(),
    )
    .await?;
    let notice = if to == State::Approved {
        "contribution-approved"
    } else {
        "contribution-hidden"
    };
    go_to(&crate::web::back_with(
        back.as_deref(),
        &manage_path(&forum, &slug),
        &format!("notice={notice}"),
    ));
    Ok(())
}
