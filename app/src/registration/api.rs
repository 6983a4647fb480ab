//! Server functions of registration: thin, each checks who calls (in the
//! service) and says where the browser goes next.
#![allow(clippy::too_many_arguments)]

use super::{CheckIn, RegistrationPage, Registrations};
use crate::error::AppError;
use leptos::prelude::*;
#[cfg(feature = "ssr")]
use {
    super::{service, Decision, Mode, RegistrationForm, State},
    crate::context::RequestCtx,
    crate::web::go_to,
};

#[cfg(feature = "ssr")]
fn ticked(v: &Option<String>) -> bool {
    v.as_deref().is_some_and(|v| !v.is_empty())
}

#[server(name = LoadRegistrationPage, prefix = "/api", endpoint = "registration/page")]
pub async fn registration_page(forum: String) -> Result<RegistrationPage, AppError> {
    service::page(&RequestCtx::current()?, &forum).await
}

#[server(prefix = "/api", endpoint = "registration/register")]
pub async fn register(
    forum: String,
    mode: String,
    badge_name: String,
    organisation: String,
    country: String,
    stakeholder_group: String,
    gender: String,
    first_time: Option<String>,
    accessibility: String,
    interpretation_language: String,
    listed: Option<String>,
    privacy: Option<String>,
) -> Result<(), AppError> {
    let form = RegistrationForm {
        mode,
        badge_name,
        organisation,
        country,
        stakeholder_group,
        gender,
        first_time: ticked(&first_time),
        accessibility,
        interpretation_language,
        listed: ticked(&listed),
    };
    let state = service::register(&RequestCtx::current()?, &forum, form, ticked(&privacy)).await?;
    let notice = if state == State::Approved {
        "registration-approved"
    } else {
        "registration-received"
    };
    go_to(&format!("/forums/{forum}/register?notice={notice}"));
    Ok(())
}

#[server(prefix = "/api", endpoint = "registration/cancel")]
pub async fn cancel_registration(forum: String) -> Result<(), AppError> {
    service::cancel(&RequestCtx::current()?, &forum).await?;
    go_to(&format!(
        "/forums/{forum}/register?notice=registration-cancelled"
    ));
    Ok(())
}

#[server(name = LoadRegistrations, prefix = "/api", endpoint = "registration/list")]
pub async fn registrations(
    forum: String,
    state: Option<String>,
    mode: Option<String>,
    q: Option<String>,
) -> Result<Registrations, AppError> {
    service::list(
        &RequestCtx::current()?,
        &forum,
        state.as_deref().and_then(State::from_code),
        mode.as_deref().and_then(Mode::from_code),
        q.as_deref().unwrap_or_default(),
    )
    .await
}

#[server(prefix = "/api", endpoint = "registration/decide")]
pub async fn decide(
    forum: String,
    decision: String,
    chosen: Option<Vec<String>>,
    reason: Option<String>,
    back: Option<String>,
) -> Result<(), AppError> {
    let decision = Decision::from_code(&decision).ok_or(AppError::BadRequest)?;
    let ids: Vec<uuid::Uuid> = chosen
        .unwrap_or_default()
        .iter()
        .filter_map(|id| id.parse().ok())
        .collect();
    let done = service::decide_many(
        &RequestCtx::current()?,
        &forum,
        &ids,
        decision,
        reason.as_deref().unwrap_or_default(),
    )
    .await?;
    go_to(&crate::web::back_with(
        back.as_deref(),
        &format!("/forums/{forum}/registrations"),
        &format!(
            "notice=registrations-decided&approved={}&waitlisted={}&rejected={}",
            done.approved, done.waitlisted, done.rejected
        ),
    ));
    Ok(())
}

#[server(prefix = "/api", endpoint = "registration/setup")]
pub async fn save_setup(
    forum: String,
    open: Option<String>,
    closes_at: String,
    onsite_capacity: String,
    online_needs_approval: Option<String>,
    privacy_notice: String,
    reminder_lead_minutes: Option<String>,
    digest_hour: Option<String>,
) -> Result<(), AppError> {
    service::save_setup(
        &RequestCtx::current()?,
        &forum,
        ticked(&open),
        &closes_at,
        &onsite_capacity,
        ticked(&online_needs_approval),
        &privacy_notice,
        // Left out (not the page's form): the defaults.
        (
            reminder_lead_minutes.as_deref().unwrap_or_default(),
            digest_hour.as_deref().unwrap_or_default(),
        ),
    )
    .await?;
    go_to(&format!(
        "/forums/{forum}/registrations?notice=registration-setup-saved"
    ));
    Ok(())
}

#[server(name = ChooseReminders, prefix = "/api", endpoint = "registration/reminders")]
pub async fn choose_reminders(forum: String, reminders: String) -> Result<(), AppError> {
    service::set_reminders(&RequestCtx::current()?, &forum, &reminders).await?;
    go_to(&format!("/forums/{forum}/register?notice=reminders-saved"));
    Ok(())
}

#[server(name = CheckInBadge, prefix = "/api", endpoint = "registration/check-in")]
pub async fn check_in(forum: String, badge: String) -> Result<CheckIn, AppError> {
    let done = service::check_in(&RequestCtx::current()?, &forum, &badge).await?;
    let notice = if done.now {
        "badge-checked-in"
    } else if done.checked_in_at.is_some() {
        "badge-already-in"
    } else {
        "badge-not-admitted"
    };
    go_to(&format!(
        "/forums/{forum}/check-in?badge={}&notice={notice}",
        service::normalise_badge_code(&badge)
    ));
    Ok(done)
}

/// What the badge desk sees for a code (the page after a check-in).
#[server(prefix = "/api", endpoint = "registration/badge")]
pub async fn badge(forum: String, badge: String) -> Result<Option<CheckIn>, AppError> {
    service::badge(&RequestCtx::current()?, &forum, &badge).await
}
