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
