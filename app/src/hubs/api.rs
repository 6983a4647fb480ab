//! Server functions of remote hubs: thin, each checks who calls (in the
//! service) and says where the browser goes next.
#![allow(clippy::too_many_arguments)]

use super::{CoordinatorInput, HubFormPage, HubsPage, ManageHubs};
use crate::error::AppError;
use leptos::prelude::*;
#[cfg(feature = "ssr")]
use {
    super::{service, Decision, HubForm, State},
    crate::context::RequestCtx,
    crate::web::go_to,
};

#[cfg(feature = "ssr")]
fn hub_id(typed: &str) -> Result<uuid::Uuid, AppError> {
    typed.trim().parse().map_err(|_| AppError::NotFound)
}

#[server(name = LoadHubsPage, prefix = "/api", endpoint = "hubs/page")]
pub async fn hubs_page(forum: String) -> Result<HubsPage, AppError> {
    service::page(&RequestCtx::current()?, &forum).await
}

/// The register form (`hub` empty) or the edit form of one's own hub.
#[server(name = LoadHubForm, prefix = "/api", endpoint = "hubs/form")]
pub async fn hub_form(forum: String, hub: Option<String>) -> Result<HubFormPage, AppError> {
    let ctx = RequestCtx::current()?;
    ctx.require_signed_in()?;
    let hub = match hub.as_deref().map(str::trim) {
        None | Some("") => None,
        Some(id) => Some(hub_id(id)?),
    };
    service::form_page(&ctx, &forum, hub).await
}

/// Registers a hub (`hub` empty) or saves changes to one's own waiting hub.
/// Coordinator rows come as `coordinators[i][name]`, `coordinators[i][email]`.
#[server(name = SaveHub, prefix = "/api", endpoint = "hubs/save")]
pub async fn save_hub(
    forum: String,
    hub: Option<String>,
    country: String,
    city: String,
    institution: String,
    expected_participants: String,
    description: Option<String>,
    address: Option<String>,
    website: Option<String>,
    coordinators: Option<Vec<CoordinatorInput>>,
) -> Result<(), AppError> {
    let ctx = RequestCtx::current()?;
    ctx.require_signed_in()?;
    let hub = match hub.as_deref().map(str::trim) {
        None | Some("") => None,
        Some(id) => Some(hub_id(id)?),
    };
    let form = HubForm {
        country,
        city,
        institution,
        expected_participants,
        description: description.unwrap_or_default(),
        address: address.unwrap_or_default(),
        website: website.unwrap_or_default(),
        coordinators: coordinators.unwrap_or_default(),
    };
    let notice = match service::save(&ctx, &forum, hub, form).await? {
        service::Saved::Registered(_) => "hub-received",
        service::Saved::Changed(_) => "hub-saved",
    };
    go_to(&format!("/forums/{forum}/hubs?notice={notice}"));
    Ok(())
}

#[server(name = WithdrawHub, prefix = "/api", endpoint = "hubs/withdraw")]
pub async fn withdraw_hub(forum: String, hub: String) -> Result<(), AppError> {
    let ctx = RequestCtx::current()?;
    ctx.require_signed_in()?;
    service::withdraw(&ctx, &forum, hub_id(&hub)?).await?;
    go_to(&format!("/forums/{forum}/hubs?notice=hub-withdrawn"));
    Ok(())
}

#[server(name = LoadManageHubs, prefix = "/api", endpoint = "hubs/manage")]
pub async fn manage_hubs(forum: String, state: Option<String>) -> Result<ManageHubs, AppError> {
    service::manage(
        &RequestCtx::current()?,
        &forum,
        state.as_deref().and_then(State::from_code),
    )
    .await
}

#[server(name = DecideHub, prefix = "/api", endpoint = "hubs/decide")]
pub async fn decide_hub(
    forum: String,
    hub: String,
    decision: String,
    reason: Option<String>,
    back: Option<String>,
) -> Result<(), AppError> {
    let ctx = RequestCtx::current()?;
    ctx.require_organiser(&forum)?;
    let decision = Decision::from_code(&decision).ok_or(AppError::BadRequest)?;
    let to = service::decide_one(
        &ctx,
        &forum,
        hub_id(&hub)?,
        decision,
        reason.as_deref().unwrap_or_default(),
    )
    .await?;
    let notice = if to == State::Approved {
        "hub-approved"
    } else {
        "hub-rejected"
    };
    go_to(&crate::web::back_with(
        back.as_deref(),
        &format!("/forums/{forum}/hubs/manage"),
        &format!("notice={notice}"),
    ));
    Ok(())
}
