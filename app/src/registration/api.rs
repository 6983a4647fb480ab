//! Server functions of registration: thin, each checks who calls (in the
//! service) and says where the browser goes next.
#![allow(clippy::too_many_arguments)]

use super::{CheckIn, RegistrationPage, Registrations};
use crate::error::AppError;
use leptos::prelude::*;
#[cfg(feature = "ssr")]
use {
    super::{changes, questions_service, service, Decision, Filters, RegistrationForm, State},
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
    answer: Option<std::collections::HashMap<String, String>>,
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
        answers: answer.unwrap_or_default(),
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
    asking: Option<String>,
    q: Option<String>,
) -> Result<Registrations, AppError> {
    let filters = Filters::from_pairs(&[
        ("state", state.unwrap_or_default()),
        ("mode", mode.unwrap_or_default()),
        ("asking", asking.unwrap_or_default()),
        ("q", q.unwrap_or_default()),
    ]);
    service::list(&RequestCtx::current()?, &forum, filters).await
}

/// Organisers decide about the ticked registrations, or about every one
/// the list's filters match (`matching`, with the filters as `f_*`).
#[server(prefix = "/api", endpoint = "registration/decide")]
pub async fn decide(
    forum: String,
    decision: String,
    chosen: Option<Vec<String>>,
    reason: Option<String>,
    back: Option<String>,
    matching: Option<String>,
    f_state: Option<String>,
    f_mode: Option<String>,
    f_asking: Option<String>,
    f_q: Option<String>,
) -> Result<(), AppError> {
    let decision = Decision::from_code(&decision).ok_or(AppError::BadRequest)?;
    let chosen = if ticked(&matching) {
        service::Chosen::Matching(Filters::from_pairs(&[
            ("state", f_state.unwrap_or_default()),
            ("mode", f_mode.unwrap_or_default()),
            ("asking", f_asking.unwrap_or_default()),
            ("q", f_q.unwrap_or_default()),
        ]))
    } else {
        service::Chosen::Ids(
            chosen
                .unwrap_or_default()
                .iter()
                .filter_map(|id| id.parse().ok())
                .collect(),
        )
    };
    let done = service::decide_many(
        &RequestCtx::current()?,
        &forum,
        chosen,
        decision,
        reason.as_deref().unwrap_or_default(),
    )
    .await?;
    go_to(&crate::web::back_with(
        back.as_deref(),
        &format!("/forums/{forum}/registrations"),
        &format!(
            "notice=registrations-decided&approved={}&waitlisted={}&rejected={}&full={}",
            done.approved, done.waitlisted, done.rejected, done.no_place
        ),
    ));
    Ok(())
}

/// The signed-in person asks to take part another way.
#[server(name = ChangeMode, prefix = "/api", endpoint = "registration/mode")]
pub async fn change_mode(forum: String, mode: String) -> Result<(), AppError> {
    let asked = changes::change_mode(&RequestCtx::current()?, &forum, &mode).await?;
    let notice = match asked {
        changes::Asked::Changed => "mode-changed",
        changes::Asked::Waiting => "mode-asked",
        changes::Asked::Withdrawn => "mode-ask-withdrawn",
    };
    go_to(&format!("/forums/{forum}/register?notice={notice}"));
    Ok(())
}

/// Organisers add an extra question to the registration form.
#[server(name = AddQuestion, prefix = "/api", endpoint = "registration/question-add")]
pub async fn add_question(
    forum: String,
    kind: String,
    label: String,
    choices: Option<String>,
    required: Option<String>,
) -> Result<(), AppError> {
    questions_service::add(
        &RequestCtx::current()?,
        &forum,
        &kind,
        &label,
        choices.as_deref().unwrap_or_default(),
        ticked(&required),
    )
    .await?;
    go_to(&format!(
        "/forums/{forum}/registrations?notice=question-added#questions"
    ));
    Ok(())
}

/// Organisers remove an extra question.
#[server(name = RemoveQuestion, prefix = "/api", endpoint = "registration/question-remove")]
pub async fn remove_question(forum: String, question: String) -> Result<(), AppError> {
    questions_service::remove(&RequestCtx::current()?, &forum, &question).await?;
    go_to(&format!(
        "/forums/{forum}/registrations?notice=question-removed#questions"
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
