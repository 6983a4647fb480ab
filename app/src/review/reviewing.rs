//! Reviewing (server only): who may review a proposal (assigned, not
//! conflicted), saving and revising a review while the call's phase allows
//! it, the review part of a proposal's page, and a reviewer's home with their
//! progress. Each reads a fixed number of statements.

use super::assigning::{candidate, require_reviewer, to_review};
use super::scoring::{self, Access, ReviewForm};
use super::{assignment, MyAssignment, MyReview, MyReviews, ReviewPanel, ShownReview};
use crate::admin::audit;
use crate::context::RequestCtx;
use crate::db::{
    begin_write, call, now, proposal, proposal_person, review, review_assignment, review_conflict,
    session_type, theme, user,
};
use crate::error::{AppError, Problems};
use crate::forums::editions::by_code;
use crate::proposals::fields::text;
use sea_orm::{
    entity::prelude::*, sea_query::OnConflict, ActiveValue::Set, ConnectionTrait, QueryOrder,
    QuerySelect, QueryTrait,
};
use std::collections::{HashMap, HashSet};

/// What reviewers can do and see in a call now.
pub fn access_of(c: &call::Model) -> Access {
    scoring::access(
        &scoring::phases_from_json(&c.review_phases),
        c.blind_review,
        now(),
    )
}

/// A reviewer may read and review a proposal only when it is assigned to
/// them and they are not conflicted: neither declared nor detected (one of
/// its people, or of the same organisation).
pub(super) async fn may_review(
    db: &impl ConnectionTrait,
    me: Uuid,
    p: &proposal::Model,
    people: &[proposal_person::Model],
    proposer: &user::Model,
) -> Result<bool, AppError> {
    let assigned = review_assignment::Entity::find()
        .filter(review_assignment::Column::ProposalId.eq(p.id))
        .filter(review_assignment::Column::ReviewerId.eq(me))
        .one(db)
        .await?
        .is_some();
    let declared = review_conflict::Entity::find()
        .filter(review_conflict::Column::ProposalId.eq(p.id))
        .filter(review_conflict::Column::ReviewerId.eq(me))
        .one(db)
        .await?
        .is_some();
    let reviewer = user::Entity::find_by_id(me)
        .one(db)
        .await?
        .ok_or(AppError::Unauthorized)?;
    let as_reviewer = assignment::Reviewer {
        id: me,
        email: reviewer.email,
        organisation: reviewer.organisation,
        themes: None,
    };
    let detected = assignment::detect(&as_reviewer, &candidate(p, people, Some(proposer)));
    Ok(assigned
        && !declared
        && p.state == crate::proposals::drafts::SUBMITTED
        && p.screening != "ineligible"
        && detected.is_none())
}

fn as_shown(form: &ReviewForm, r: &review::Model) -> MyReview {
    MyReview {
        scores: form.scores_of(&r.scores),
        comment: r.comment.clone(),
        comment_for_proposers: r.comment_for_proposers.clone(),
        merge_with: r.merge_with.clone(),
        reasons: r
            .low_reasons
            .split(',')
            .filter(|x| !x.is_empty())
            .map(str::to_string)
            .collect(),
    }
}

/// A reviewer's progress in two narrow statements: proposals reviewed,
/// proposals assigned, and the first one (by code) still to review other
/// than `except`.
async fn progress(
    db: &impl ConnectionTrait,
    forum_id: Uuid,
    me: Uuid,
    except: Option<Uuid>,
) -> Result<(u32, u32, Option<Uuid>), AppError> {
    let ids: Vec<Uuid> = assigned_to(forum_id, me)
        .select_only()
        .column(proposal::Column::Id)
        .order_by_asc(proposal::Column::Code)
        .into_tuple()
        .all(db)
        .await?;
    let reviewed: HashSet<Uuid> = review::Entity::find()
        .select_only()
        .column(review::Column::ProposalId)
        .filter(review::Column::ReviewerId.eq(me))
        .filter(
            review::Column::ProposalId.in_subquery(
                assigned_to(forum_id, me)
                    .select_only()
                    .column(proposal::Column::Id)
                    .into_query(),
            ),
        )
        .into_tuple()
        .all(db)
        .await?
        .into_iter()
        .collect();
    let next = ids
        .iter()
        .find(|id| !reviewed.contains(id) && Some(**id) != except)
        .copied();
    Ok((reviewed.len() as u32, ids.len() as u32, next))
}

/// The proposals to review assigned to a reviewer.
fn assigned_to(forum_id: Uuid, me: Uuid) -> sea_orm::Select<proposal::Entity> {
    to_review(forum_id).filter(
        proposal::Column::Id.in_subquery(
            review_assignment::Entity::find()
                .select_only()
                .column(review_assignment::Column::ProposalId)
                .filter(review_assignment::Column::ReviewerId.eq(me))
                .into_query(),
        ),
    )
}

/// The review part of a proposal's page. Organisers see every review with
/// its reviewer; a reviewer sees their own, and the others (without names)
/// once they have submitted theirs and the phase shows them.
pub async fn panel(
    db: &impl ConnectionTrait,
    c: &call::Model,
    p: &proposal::Model,
    me: Uuid,
    organiser: bool,
    reviewer: bool,
) -> Result<ReviewPanel, AppError> {
    let form = ReviewForm::from_json(&c.review_form);
    let access = access_of(c);
    let reviews = review::Entity::find()
        .filter(review::Column::ProposalId.eq(p.id))
        .order_by_asc(review::Column::CreatedAt)
        .all(db)
        .await?;
    let mine = reviews.iter().find(|r| r.reviewer_id == me);
    let show_others = organiser || (reviewer && access.see_others && mine.is_some());
    let names: HashMap<Uuid, String> = if organiser {
        user::Entity::find()
            .filter(user::Column::Id.is_in(reviews.iter().map(|r| r.reviewer_id)))
            .all(db)
            .await?
            .into_iter()
            .map(|u| (u.id, u.name))
            .collect()
    } else {
        HashMap::new()
    };
    let others: Vec<ShownReview> = if show_others {
        reviews
            .iter()
            .filter(|r| r.reviewer_id != me)
            .map(|r| ShownReview {
                reviewer: names.get(&r.reviewer_id).cloned(),
                total: r.total,
                review: as_shown(&form, r),
            })
            .collect()
    } else {
        vec![]
    };
    let figures = show_others.then(|| {
        scoring::figures(
            &reviews
                .iter()
                .map(|r| (r.total, form.scores_of(&r.scores)))
                .collect::<Vec<_>>(),
        )
    });
    let (done, assigned, next) = if reviewer {
        progress(db, p.forum_id, me, Some(p.id)).await?
    } else {
        (0, 0, None)
    };
    Ok(ReviewPanel {
        mine: mine.map(|r| as_shown(&form, r)),
        form,
        access,
        reviewer,
        others,
        figures,
        done,
        assigned,
        next,
    })
}

/// A review as typed into its form.
#[derive(Clone, Debug, Default)]
pub struct ReviewInput {
    pub scores: Vec<String>,
    pub reasons: Vec<String>,
    pub comment: String,
    pub comment_for_proposers: String,
    pub merge_with: String,
}

/// Saves (or revises) the signed-in reviewer's review; returns the next
/// proposal they still have to review.
pub async fn save(
    ctx: &RequestCtx,
    code: &str,
    proposal_id: Uuid,
    input: &ReviewInput,
) -> Result<Option<Uuid>, AppError> {
    let me = require_reviewer(ctx, code)?;
    let f = by_code(ctx, code).await?;
    let db = ctx.db();
    let p = to_review(f.id)
        .filter(proposal::Column::Id.eq(proposal_id))
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    let people = proposal_person::Entity::find()
        .filter(proposal_person::Column::ProposalId.eq(p.id))
        .all(db)
        .await?;
    let proposer = user::Entity::find_by_id(p.proposer_id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    if !may_review(db, me, &p, &people, &proposer).await? {
        return Err(AppError::Forbidden);
    }
    let c = call::Entity::find_by_id(p.call_id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    if !access_of(&c).can_score {
        return Err(AppError::form("review.phase-closed"));
    }
    let form = ReviewForm::from_json(&c.review_form);
    let mut problems = Problems::new();
    let scores = match form.check_scores(&input.scores) {
        Ok(scores) => Some(scores),
        Err(errors) => {
            for (i, message) in errors {
                problems.add(&format!("score-{i}"), message);
            }
            None
        }
    };
    let comment = problems.check("comment", text(&input.comment, scoring::COMMENT_MAX));
    let for_proposers = problems.check(
        "comment_for_proposers",
        text(&input.comment_for_proposers, scoring::COMMENT_MAX),
    );
    let reasons = form.known_reasons(&input.reasons);
    let merge_with = input.merge_with.trim().to_string();
    if !merge_with.is_empty() {
        if Some(&merge_with) == p.code.as_ref() {
            problems.add("merge_with", "review.merge-self");
        } else if proposal::Entity::find()
            .filter(proposal::Column::ForumId.eq(f.id))
            .filter(proposal::Column::Code.eq(merge_with.as_str()))
            .one(db)
            .await?
            .is_none()
        {
            problems.add("merge_with", "review.merge-unknown");
        }
    }
    if let Some(scores) = &scores {
        let low = scores.iter().any(|s| *s <= scoring::LOW);
        if low && reasons.is_empty() && comment.as_deref().is_some_and(str::is_empty) {
            problems.add("reasons", "review.reason-needed");
        }
    }
    problems.into_result()?;
    let scores = scores.ok_or(AppError::Internal)?;
    let at = now();
    let txn = begin_write(db).await?;
    review::Entity::insert(review::ActiveModel {
        id: Set(Uuid::new_v4()),
        proposal_id: Set(p.id),
        reviewer_id: Set(me),
        scores: Set(form.scores_json(&scores)),
        total: Set(form.total(&scores)),
        comment: Set(comment.unwrap_or_default()),
        comment_for_proposers: Set(for_proposers.unwrap_or_default()),
        merge_with: Set(merge_with),
        low_reasons: Set(reasons.join(",")),
        created_at: Set(at),
        updated_at: Set(at),
    })
    .on_conflict(
        OnConflict::columns([review::Column::ProposalId, review::Column::ReviewerId])
            .update_columns([
                review::Column::Scores,
                review::Column::Total,
                review::Column::Comment,
                review::Column::CommentForProposers,
                review::Column::MergeWith,
                review::Column::LowReasons,
                review::Column::UpdatedAt,
            ])
            .to_owned(),
    )
    .exec_without_returning(&txn)
    .await?;
    audit::record(
        &txn,
        Some(me),
        "review.saved",
        &f.code,
        p.code.as_deref().unwrap_or_default(),
        &ctx.client_addr,
    )
    .await?;
    txn.commit().await?;
    Ok(progress(db, f.id, me, None).await?.2)
}

/// A reviewer's home: their proposals with their totals, progress, the next
/// one to review and each call's phase (six statements).
pub async fn mine(ctx: &RequestCtx, code: &str) -> Result<MyReviews, AppError> {
    let me = require_reviewer(ctx, code)?;
    let f = by_code(ctx, code).await?;
    let db = ctx.db();
    let proposals = assigned_to(f.id, me)
        .order_by_asc(proposal::Column::Code)
        .all(db)
        .await?;
    let totals: HashMap<Uuid, f64> = review::Entity::find()
        .filter(review::Column::ReviewerId.eq(me))
        .filter(
            review::Column::ProposalId.in_subquery(
                assigned_to(f.id, me)
                    .select_only()
                    .column(proposal::Column::Id)
                    .into_query(),
            ),
        )
        .all(db)
        .await?
        .into_iter()
        .map(|r| (r.proposal_id, r.total))
        .collect();
    let themes: HashMap<Uuid, String> = theme::Entity::find()
        .filter(theme::Column::ForumId.eq(f.id))
        .all(db)
        .await?
        .into_iter()
        .map(|t| (t.id, t.name))
        .collect();
    let types: HashMap<Uuid, String> = session_type::Entity::find()
        .filter(session_type::Column::ForumId.eq(f.id))
        .all(db)
        .await?
        .into_iter()
        .map(|t| (t.id, t.name))
        .collect();
    let calls = call::Entity::find()
        .filter(call::Column::ForumId.eq(f.id))
        .order_by_asc(call::Column::OpensAt)
        .all(db)
        .await?;
    let name = |map: &HashMap<Uuid, String>, id: Option<Uuid>| {
        id.and_then(|id| map.get(&id).cloned()).unwrap_or_default()
    };
    let next = proposals
        .iter()
        .find(|p| !totals.contains_key(&p.id))
        .map(|p| p.id);
    Ok(MyReviews {
        forum_code: f.code.clone(),
        forum_name: f.name.clone(),
        done: totals.len() as u32,
        next,
        phases: calls
            .iter()
            .filter(|c| proposals.iter().any(|p| p.call_id == c.id))
            .map(|c| (c.title.clone(), access_of(c)))
            .collect(),
        proposals: proposals
            .into_iter()
            .map(|p| MyAssignment {
                proposal: p.id,
                code: p.code.clone().unwrap_or_default(),
                theme: name(&themes, p.theme_id),
                session_type: name(&types, p.session_type_id),
                total: totals.get(&p.id).copied(),
                title: p.title,
            })
            .collect(),
    })
}
