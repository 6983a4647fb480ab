//! Server functions for review assignment.

use super::{AssignmentBoard as Board, MyReviews as Mine};
use crate::error::AppError;
use leptos::prelude::*;
use uuid::Uuid;
#[cfg(feature = "ssr")]
use {super::assigning, super::teams, crate::context::RequestCtx, crate::web::go_to};

#[cfg(feature = "ssr")]
fn board_page(forum: &str, notice: &str) -> String {
    format!("/forums/{forum}/review/assignment?notice={notice}")
}

#[server(prefix = "/api", endpoint = "review/board")]
pub async fn assignment_board(forum: String, reviewer: Option<Uuid>) -> Result<Board, AppError> {
    assigning::board(&RequestCtx::current()?, &forum, reviewer).await
}

/// Saves a call's review load and runs the automatic assignment.
#[server(prefix = "/api", endpoint = "review/run")]
pub async fn run_assignment(
    forum: String,
    call: Uuid,
    reviews_per_proposal: String,
    max_per_reviewer: String,
    blind: Option<String>,
) -> Result<(), AppError> {
    assigning::run(
        &RequestCtx::current()?,
        &forum,
        call,
        &reviews_per_proposal,
        &max_per_reviewer,
        blind.is_some(),
    )
    .await?;
    go_to(&board_page(&forum, "assignment-run"));
    Ok(())
}

#[server(prefix = "/api", endpoint = "review/assign")]
pub async fn assign_by_hand(forum: String, proposal: Uuid, email: String) -> Result<(), AppError> {
    assigning::assign_by_hand(&RequestCtx::current()?, &forum, proposal, &email).await?;
    go_to(&board_page(&forum, "assigned"));
    Ok(())
}

#[server(prefix = "/api", endpoint = "review/unassign")]
pub async fn unassign(forum: String, id: Uuid) -> Result<(), AppError> {
    assigning::unassign(&RequestCtx::current()?, &forum, id).await?;
    go_to(&board_page(&forum, "unassigned"));
    Ok(())
}

#[server(prefix = "/api", endpoint = "review/add-team")]
pub async fn add_review_team(
    forum: String,
    name: String,
    themes: Option<Vec<String>>,
) -> Result<(), AppError> {
    teams::add_team(
        &RequestCtx::current()?,
        &forum,
        &name,
        &themes.unwrap_or_default(),
    )
    .await?;
    go_to(&board_page(&forum, "team-added"));
    Ok(())
}

#[server(prefix = "/api", endpoint = "review/remove-team")]
pub async fn remove_review_team(forum: String, id: Uuid) -> Result<(), AppError> {
    teams::remove_team(&RequestCtx::current()?, &forum, id).await?;
    go_to(&board_page(&forum, "team-removed"));
    Ok(())
}

#[server(prefix = "/api", endpoint = "review/add-member")]
pub async fn add_team_member(forum: String, team: Uuid, email: String) -> Result<(), AppError> {
    teams::add_member(&RequestCtx::current()?, &forum, team, &email).await?;
    go_to(&board_page(&forum, "member-added"));
    Ok(())
}

#[server(prefix = "/api", endpoint = "review/remove-member")]
pub async fn remove_team_member(forum: String, id: Uuid) -> Result<(), AppError> {
    teams::remove_member(&RequestCtx::current()?, &forum, id).await?;
    go_to(&board_page(&forum, "member-removed"));
    Ok(())
}

/// A reviewer's list of the proposals given to them.
#[server(prefix = "/api", endpoint = "review/mine")]
pub async fn my_reviews(forum: String) -> Result<Mine, AppError> {
    assigning::mine(&RequestCtx::current()?, &forum).await
}

#[server(prefix = "/api", endpoint = "review/declare-conflict")]
pub async fn declare_conflict(
    forum: String,
    proposal: Uuid,
    reason: String,
) -> Result<(), AppError> {
    assigning::declare_conflict(&RequestCtx::current()?, &forum, proposal, &reason).await?;
    go_to(&format!("/forums/{forum}/review?notice=conflict-declared"));
    Ok(())
}

/// A proposal as its reviewer (or an organiser) reads it.
#[server(prefix = "/api", endpoint = "review/proposal")]
pub async fn read_proposal(
    forum: String,
    proposal: Uuid,
) -> Result<super::ProposalReading, AppError> {
    super::reading::read(&RequestCtx::current()?, &forum, proposal).await
}
