//! Server functions of review and selection: assignment, reviewing, the
//! ranking and its decisions, release and the proposers' answers.
// A form's fields are a server function's arguments; the browser build drops
// an allow on the function itself.
#![allow(clippy::too_many_arguments)]

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

/// A reviewer's home: the proposals given to them and their progress.
#[server(prefix = "/api", endpoint = "review/mine")]
pub async fn my_reviews(forum: String) -> Result<Mine, AppError> {
    super::reviewing::mine(&RequestCtx::current()?, &forum).await
}

/// Saves the reviewer's review; "save and next" goes on to the next
/// proposal they have not reviewed.
#[server(prefix = "/api", endpoint = "review/save")]
pub async fn save_review(
    forum: String,
    proposal: Uuid,
    scores: Option<Vec<String>>,
    reasons: Option<Vec<String>>,
    comment: String,
    comment_for_proposers: String,
    merge_with: String,
    next: Option<String>,
) -> Result<(), AppError> {
    let input = super::reviewing::ReviewInput {
        scores: scores.unwrap_or_default(),
        reasons: reasons.unwrap_or_default(),
        comment,
        comment_for_proposers,
        merge_with,
    };
    let following =
        super::reviewing::save(&RequestCtx::current()?, &forum, proposal, &input).await?;
    go_to(&match following.filter(|_| next.is_some()) {
        Some(id) => format!("/forums/{forum}/review/proposals/{id}?notice=review-saved"),
        None if next.is_some() => format!("/forums/{forum}/review?notice=reviews-done"),
        None => format!("/forums/{forum}/review/proposals/{proposal}?notice=review-saved"),
    });
    Ok(())
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

/// The ranking of a call with the balance of the selection.
#[server(prefix = "/api", endpoint = "review/ranking")]
pub async fn ranking(
    forum: String,
    call: Option<Uuid>,
    theme: Option<Uuid>,
    session_type: Option<Uuid>,
    page: Option<u32>,
) -> Result<super::Ranking, AppError> {
    super::selection::ranking(
        &RequestCtx::current()?,
        &forum,
        super::selection::RankingQuery {
            call,
            theme,
            session_type,
            page: page.unwrap_or(1),
        },
    )
    .await
}

/// Where a form on the selection page goes back to (its own filters kept).
#[cfg(feature = "ssr")]
fn selection_page(forum: &str, back: &str, notice: &str) -> String {
    let query = back.split_once('?').map(|(_, q)| q).unwrap_or("");
    let kept: Vec<&str> = query
        .split('&')
        .filter(|pair| {
            ["call=", "theme=", "session_type=", "page="]
                .iter()
                .any(|k| pair.starts_with(k))
        })
        .collect();
    let mut page = format!("/forums/{forum}/selection?notice={notice}");
    for pair in kept {
        page.push('&');
        page.push_str(pair);
    }
    page
}

/// Saves the decisions of the ranking rows (pending until released).
#[server(prefix = "/api", endpoint = "review/decide")]
pub async fn decide(
    forum: String,
    back: String,
    proposal: Option<Vec<Uuid>>,
    decision: Option<Vec<String>>,
    note: Option<Vec<String>>,
    version: Option<Vec<i32>>,
) -> Result<(), AppError> {
    let (proposal, decision, note, version) = (
        proposal.unwrap_or_default(),
        decision.unwrap_or_default(),
        note.unwrap_or_default(),
        version.unwrap_or_default(),
    );
    if decision.len() != proposal.len()
        || note.len() != proposal.len()
        || version.len() != proposal.len()
    {
        return Err(AppError::form("error.invalid"));
    }
    let rows: Vec<super::selection::DecisionRow> = proposal
        .into_iter()
        .zip(decision)
        .zip(note)
        .zip(version)
        .map(
            |(((proposal, decision), note), version)| super::selection::DecisionRow {
                proposal,
                decision,
                note,
                version,
            },
        )
        .collect();
    super::selection::decide(&RequestCtx::current()?, &forum, &rows).await?;
    go_to(&selection_page(&forum, &back, "decisions-saved"));
    Ok(())
}

#[server(prefix = "/api", endpoint = "review/merge")]
pub async fn merge_proposal(
    forum: String,
    back: String,
    proposal: Uuid,
    into: String,
    version: i32,
) -> Result<(), AppError> {
    super::selection::merge(&RequestCtx::current()?, &forum, proposal, &into, version).await?;
    go_to(&selection_page(&forum, &back, "merged"));
    Ok(())
}

#[server(prefix = "/api", endpoint = "review/unmerge")]
pub async fn unmerge_proposal(
    forum: String,
    back: String,
    proposal: Uuid,
    version: i32,
) -> Result<(), AppError> {
    super::selection::unmerge(&RequestCtx::current()?, &forum, proposal, version).await?;
    go_to(&selection_page(&forum, &back, "unmerged"));
    Ok(())
}

/// The release page: pending decisions, their mails, warnings, confirmations.
#[server(prefix = "/api", endpoint = "review/release-plan")]
pub async fn release_plan(forum: String) -> Result<super::ReleasePlan, AppError> {
    super::release::plan(&RequestCtx::current()?, &forum).await
}

#[server(prefix = "/api", endpoint = "review/release")]
pub async fn release_decisions(
    forum: String,
    call: Uuid,
    confirm_by: String,
    share_comments: Option<String>,
    acknowledge: Option<String>,
) -> Result<(), AppError> {
    super::release::release(
        &RequestCtx::current()?,
        &forum,
        call,
        &confirm_by,
        share_comments.is_some(),
        acknowledge.is_some(),
    )
    .await?;
    go_to(&format!(
        "/forums/{forum}/selection/release?notice=decisions-released"
    ));
    Ok(())
}

#[server(prefix = "/api", endpoint = "review/promote")]
pub async fn promote_from_waitlist(
    forum: String,
    proposal: Uuid,
    version: i32,
) -> Result<(), AppError> {
    super::release::promote(&RequestCtx::current()?, &forum, proposal, version).await?;
    go_to(&format!(
        "/forums/{forum}/selection/release?notice=promoted"
    ));
    Ok(())
}

/// The released decision on a proposal, for its proposer.
#[server(prefix = "/api", endpoint = "review/decision")]
pub async fn decision_for_proposer(
    forum: String,
    proposal: Uuid,
) -> Result<Option<super::DecisionForProposer>, AppError> {
    super::release::for_proposer(&RequestCtx::current()?, &forum, proposal).await
}

/// The proposer confirms or withdraws their accepted session.
#[server(prefix = "/api", endpoint = "review/answer")]
pub async fn answer_decision(
    forum: String,
    proposal: Uuid,
    answer: String,
) -> Result<(), AppError> {
    super::release::answer(&RequestCtx::current()?, &forum, proposal, &answer).await?;
    go_to(&format!(
        "/forums/{forum}/proposals/{proposal}?notice=decision-{answer}"
    ));
    Ok(())
}
