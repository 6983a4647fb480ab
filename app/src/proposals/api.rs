//! Server functions for calls for proposals.

// A server function's arguments are its form's fields, one to one.
#![allow(clippy::too_many_arguments)]

use super::{CallAdmin, CallList, CallView};
use crate::error::AppError;
use leptos::prelude::*;
use uuid::Uuid;
#[cfg(feature = "ssr")]
use {
    super::calls::{self, CallInput},
    super::rules::RulesInput,
    crate::context::RequestCtx,
    crate::web::go_to,
};

#[server(prefix = "/api", endpoint = "calls/list")]
pub async fn list_calls(forum: String) -> Result<CallList, AppError> {
    calls::list(&RequestCtx::current()?, &forum).await
}

#[server(prefix = "/api", endpoint = "calls/get")]
pub async fn get_call(forum: String, call: Uuid) -> Result<CallView, AppError> {
    calls::load(&RequestCtx::current()?, &forum, call).await
}

#[server(prefix = "/api", endpoint = "calls/manage")]
pub async fn manage_call(forum: String, call: Uuid) -> Result<CallAdmin, AppError> {
    calls::admin(&RequestCtx::current()?, &forum, call).await
}

/// The call form's fields, shared by creating and editing.
#[cfg(feature = "ssr")]
fn call_input(
    title: String,
    introduction: String,
    opens_at: String,
    closes_at: String,
    session_types: Option<Vec<Uuid>>,
    publish_received: Option<String>,
    numbers: [String; 9],
    gender_mix: Option<String>,
    exclude_team: Option<String>,
    required_fields: Option<Vec<String>>,
) -> CallInput {
    let [min_confirmed_speakers, min_onsite_moderators, min_onsite_speakers, min_organiser_groups, max_proposals_per_person, max_proposals_per_organisation, max_sessions_per_speaker, title_max_chars, description_max_words] =
        numbers;
    CallInput {
        title,
        introduction,
        opens_at,
        closes_at,
        session_types: session_types.unwrap_or_default(),
        publish_received: publish_received.is_some(),
        rules: RulesInput {
            min_confirmed_speakers,
            gender_mix: gender_mix.is_some(),
            min_onsite_moderators,
            min_onsite_speakers,
            min_organiser_groups,
            max_proposals_per_person,
            max_proposals_per_organisation,
            max_sessions_per_speaker,
            exclude_team: exclude_team.is_some(),
            title_max_chars,
            description_max_words,
            required_fields: required_fields.unwrap_or_default(),
        },
    }
}

/// Creates a call, or saves the one named by `call`.
#[server(prefix = "/api", endpoint = "calls/save")]
pub async fn save_call(
    forum: String,
    call: Option<Uuid>,
    title: String,
    introduction: String,
    opens_at: String,
    closes_at: String,
    session_types: Option<Vec<Uuid>>,
    publish_received: Option<String>,
    min_confirmed_speakers: String,
    gender_mix: Option<String>,
    min_onsite_moderators: String,
    min_onsite_speakers: String,
    min_organiser_groups: String,
    max_proposals_per_person: String,
    max_proposals_per_organisation: String,
    max_sessions_per_speaker: String,
    exclude_team: Option<String>,
    title_max_chars: String,
    description_max_words: String,
    required_fields: Option<Vec<String>>,
) -> Result<(), AppError> {
    let ctx = RequestCtx::current()?;
    let numbers = [
        min_confirmed_speakers,
        min_onsite_moderators,
        min_onsite_speakers,
        min_organiser_groups,
        max_proposals_per_person,
        max_proposals_per_organisation,
        max_sessions_per_speaker,
        title_max_chars,
        description_max_words,
    ];
    let input = call_input(
        title,
        introduction,
        opens_at,
        closes_at,
        session_types,
        publish_received,
        numbers,
        gender_mix,
        exclude_team,
        required_fields,
    );
    let (id, notice) = match call {
        Some(id) => {
            calls::update(&ctx, &forum, id, input).await?;
            (id, "call-saved")
        }
        None => (calls::create(&ctx, &forum, input).await?, "call-created"),
    };
    go_to(&format!(
        "/forums/{forum}/calls/{id}/manage?notice={notice}"
    ));
    Ok(())
}

#[server(prefix = "/api", endpoint = "calls/add-access-code")]
pub async fn add_access_code(
    forum: String,
    call: Uuid,
    label: String,
    max_uses: String,
    expires_at: String,
) -> Result<(), AppError> {
    calls::add_access_code(
        &RequestCtx::current()?,
        &forum,
        call,
        &label,
        &max_uses,
        &expires_at,
    )
    .await?;
    go_to(&format!(
        "/forums/{forum}/calls/{call}/manage?notice=code-added"
    ));
    Ok(())
}

#[server(prefix = "/api", endpoint = "calls/revoke-access-code")]
pub async fn revoke_access_code(forum: String, id: Uuid) -> Result<(), AppError> {
    let call = calls::revoke_access_code(&RequestCtx::current()?, &forum, id).await?;
    go_to(&format!(
        "/forums/{forum}/calls/{call}/manage?notice=code-revoked"
    ));
    Ok(())
}

/// Saves a proposal: a new draft when `proposal` is empty. People rows come as
/// `people[i][name]`, `people[i][email]`….
#[server(prefix = "/api", endpoint = "proposals/save")]
pub async fn save_proposal(
    forum: String,
    call: Uuid,
    proposal: Option<Uuid>,
    session_type: String,
    format: String,
    format_description: String,
    duration: String,
    theme: String,
    sub_theme: String,
    title: String,
    description: String,
    policy_questions: Option<Vec<String>>,
    expected_outcomes: String,
    hybrid_plan: String,
    room_layout: String,
    languages: Option<Vec<String>>,
    sdgs: Option<Vec<String>>,
    action_lines: Option<Vec<String>>,
    tags: String,
    previous_report_url: String,
    people: Option<Vec<super::fields::PersonInput>>,
) -> Result<Uuid, AppError> {
    let ctx = RequestCtx::current()?;
    let input = super::drafts::DraftInput {
        session_type,
        format,
        format_description,
        duration,
        theme,
        sub_theme,
        title,
        description,
        policy_questions: policy_questions.unwrap_or_default(),
        expected_outcomes,
        hybrid_plan,
        room_layout,
        languages: languages.unwrap_or_default(),
        sdgs: sdgs.unwrap_or_default(),
        action_lines: action_lines.unwrap_or_default(),
        tags,
        previous_report_url,
        people: people.unwrap_or_default(),
    };
    let id = super::drafts::save(&ctx, &forum, call, proposal, input).await?;
    go_to(&format!(
        "/forums/{forum}/proposals/{id}?notice=proposal-saved"
    ));
    Ok(id)
}

/// Submits a draft; after the call has closed, with an access code.
#[server(prefix = "/api", endpoint = "proposals/submit")]
pub async fn submit_proposal(
    forum: String,
    proposal: Uuid,
    access_code: Option<String>,
) -> Result<String, AppError> {
    let code = super::drafts::submit(
        &RequestCtx::current()?,
        &forum,
        proposal,
        access_code.as_deref(),
    )
    .await?;
    go_to(&format!(
        "/forums/{forum}/proposals/{proposal}?notice=proposal-submitted"
    ));
    Ok(code)
}

#[server(prefix = "/api", endpoint = "proposals/withdraw")]
pub async fn withdraw_proposal(forum: String, proposal: Uuid) -> Result<(), AppError> {
    super::drafts::withdraw(&RequestCtx::current()?, &forum, proposal).await?;
    go_to(&format!(
        "/forums/{forum}/proposals/{proposal}?notice=proposal-withdrawn"
    ));
    Ok(())
}

/// The call's rules against the proposer's own proposal, as it stands.
#[server(prefix = "/api", endpoint = "proposals/checks")]
pub async fn proposal_checks(proposal: Uuid) -> Result<Vec<super::screening::RuleCheck>, AppError> {
    super::drafts::check(&RequestCtx::current()?, proposal).await
}

/// A person named in a proposal confirms (`answer=confirm`) or declines.
#[server(prefix = "/api", endpoint = "proposals/answer-invitation")]
pub async fn answer_invitation(token: String, answer: String) -> Result<(), AppError> {
    let accept = match answer.as_str() {
        "confirm" => true,
        "decline" => false,
        _ => return Err(AppError::field("answer", "field.choice-invalid")),
    };
    super::drafts::answer(&RequestCtx::current()?, &token, accept).await?;
    go_to(if accept {
        "/?notice=invitation-confirmed"
    } else {
        "/?notice=invitation-declined"
    });
    Ok(())
}

/// The proposal page: a saved proposal (`proposal`), or a new one for `call`.
#[server(prefix = "/api", endpoint = "proposals/form")]
pub async fn proposal_form(
    forum: String,
    call: Option<Uuid>,
    proposal: Option<Uuid>,
) -> Result<super::ProposalForm, AppError> {
    super::drafts::form(&RequestCtx::current()?, &forum, call, proposal).await
}

#[server(prefix = "/api", endpoint = "proposals/mine")]
pub async fn my_proposals() -> Result<Vec<super::MyProposal>, AppError> {
    super::drafts::mine(&RequestCtx::current()?).await
}

/// The organisers' list of the edition's proposals, filtered (screening list
/// and all-proposals table).
#[server(prefix = "/api", endpoint = "proposals/list")]
pub async fn proposal_list(
    forum: String,
    filters: Option<super::overview::ProposalFilters>,
) -> Result<super::overview::ProposalList, AppError> {
    super::listing::for_organisers(&RequestCtx::current()?, &forum, filters.unwrap_or_default())
        .await
}

/// The public list of received proposals, when the organisers publish it.
#[server(prefix = "/api", endpoint = "proposals/received")]
pub async fn received_proposals(
    forum: String,
    filters: Option<super::overview::ProposalFilters>,
) -> Result<super::overview::ProposalList, AppError> {
    super::listing::received(&RequestCtx::current()?, &forum, filters.unwrap_or_default()).await
}

/// Overrides one rule's result for a proposal (`outcome` is `pass`, `fail` or
/// `clear`), with a reason; then back to the list at `back`.
#[server(prefix = "/api", endpoint = "screening/override")]
pub async fn override_rule(
    forum: String,
    proposal: Uuid,
    rule: String,
    outcome: String,
    reason: String,
    back: Option<String>,
) -> Result<(), AppError> {
    super::decisions::override_rule(
        &RequestCtx::current()?,
        &forum,
        proposal,
        &rule,
        &outcome,
        &reason,
    )
    .await?;
    go_to(&back_to(back, &forum, "rule-overridden"));
    Ok(())
}

/// Marks the chosen proposals (`proposals[]`) eligible, ineligible, or not
/// screened (`decision` is `eligible`, `ineligible` or `clear`).
#[server(prefix = "/api", endpoint = "screening/decide")]
pub async fn screening_decision(
    forum: String,
    proposals: Option<Vec<Uuid>>,
    decision: String,
    back: Option<String>,
) -> Result<usize, AppError> {
    let changed = super::decisions::decide(
        &RequestCtx::current()?,
        &forum,
        &proposals.unwrap_or_default(),
        &decision,
    )
    .await?;
    go_to(&back_to(back, &forum, "screening-saved"));
    Ok(changed)
}

/// The screening list's address the form came from, with a notice.
#[cfg(feature = "ssr")]
fn back_to(back: Option<String>, forum: &str, notice: &str) -> String {
    let path = crate::web::local_path(back.as_deref(), &format!("/forums/{forum}/screening"));
    let separator = if path.contains('?') { '&' } else { '?' };
    format!("{path}{separator}notice={notice}")
}
