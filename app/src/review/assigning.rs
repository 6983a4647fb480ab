//! Assigning proposals to reviewers (server only): reviewer teams, the
//! automatic assignment and its adjustments by hand, and the conflicts
//! reviewers declare. The edition is read in a fixed number of statements and
//! the assignment's plan written in one transaction.

use super::assignment::{self, Load};
use super::{AssignedProposal, AssignmentBoard, CallReview, ReviewerLoad, Team, TeamMember};
use crate::accounts::domain::EmailAddress;
use crate::accounts::ForumRoleKind;
use crate::admin::audit;
use crate::context::RequestCtx;
use crate::db::{
    begin_write, call, forum, forum_role, now, proposal, proposal_person, review_assignment,
    review_conflict, review_team, review_team_member, theme, user,
};
use crate::error::{AppError, Problems};
use crate::forums::editions::by_code;
use crate::proposals::drafts::SUBMITTED;
use sea_orm::{
    entity::prelude::*, ActiveValue::Set, ConnectionTrait, QueryOrder, QuerySelect, QueryTrait,
};
use std::collections::{HashMap, HashSet};

/// The most reviews one proposal can ask for, and one reviewer can take.
pub const MAX_REVIEWS_PER_PROPOSAL: u32 = 10;
pub const MAX_PER_REVIEWER: u32 = 2000;

/// Everything assignment needs of an edition: eleven statements.
struct Inputs {
    calls: Vec<call::Model>,
    themes: Vec<theme::Model>,
    reviewers: Vec<user::Model>,
    teams: Vec<review_team::Model>,
    members: Vec<review_team_member::Model>,
    /// Submitted proposals not screened out.
    proposals: Vec<proposal::Model>,
    people: HashMap<Uuid, Vec<proposal_person::Model>>,
    proposers: HashMap<Uuid, user::Model>,
    assignments: Vec<review_assignment::Model>,
    conflicts: Vec<review_conflict::Model>,
}

pub(super) fn to_review(forum_id: Uuid) -> sea_orm::Select<proposal::Entity> {
    proposal::Entity::find()
        .filter(proposal::Column::ForumId.eq(forum_id))
        .filter(proposal::Column::State.eq(SUBMITTED))
        .filter(proposal::Column::Screening.ne("ineligible"))
}

async fn inputs(db: &impl ConnectionTrait, forum_id: Uuid) -> Result<Inputs, AppError> {
    let ids = || {
        to_review(forum_id)
            .select_only()
            .column(proposal::Column::Id)
            .into_query()
    };
    let calls = call::Entity::find()
        .filter(call::Column::ForumId.eq(forum_id))
        .order_by_asc(call::Column::OpensAt)
        .all(db)
        .await?;
    let themes = theme::Entity::find()
        .filter(theme::Column::ForumId.eq(forum_id))
        .filter(theme::Column::ParentId.is_null())
        .order_by_asc(theme::Column::Position)
        .all(db)
        .await?;
    let reviewers = user::Entity::find()
        .filter(
            user::Column::Id.in_subquery(
                forum_role::Entity::find()
                    .select_only()
                    .column(forum_role::Column::UserId)
                    .filter(forum_role::Column::ForumId.eq(forum_id))
                    .filter(forum_role::Column::Role.eq(ForumRoleKind::Reviewer.code()))
                    .into_query(),
            ),
        )
        .order_by_asc(user::Column::Name)
        .all(db)
        .await?;
    let teams = review_team::Entity::find()
        .filter(review_team::Column::ForumId.eq(forum_id))
        .order_by_asc(review_team::Column::Name)
        .all(db)
        .await?;
    let members = review_team_member::Entity::find()
        .filter(
            review_team_member::Column::TeamId.in_subquery(
                review_team::Entity::find()
                    .select_only()
                    .column(review_team::Column::Id)
                    .filter(review_team::Column::ForumId.eq(forum_id))
                    .into_query(),
            ),
        )
        .all(db)
        .await?;
    let proposals = to_review(forum_id)
        .order_by_asc(proposal::Column::SubmittedAt)
        .all(db)
        .await?;
    let mut people: HashMap<Uuid, Vec<proposal_person::Model>> = HashMap::new();
    for x in proposal_person::Entity::find()
        .filter(proposal_person::Column::ProposalId.in_subquery(ids()))
        .all(db)
        .await?
    {
        people.entry(x.proposal_id).or_default().push(x);
    }
    let proposers = user::Entity::find()
        .filter(
            user::Column::Id.in_subquery(
                to_review(forum_id)
                    .select_only()
                    .column(proposal::Column::ProposerId)
                    .into_query(),
            ),
        )
        .all(db)
        .await?
        .into_iter()
        .map(|u| (u.id, u))
        .collect();
    let assignments = review_assignment::Entity::find()
        .filter(review_assignment::Column::ProposalId.in_subquery(ids()))
        .all(db)
        .await?;
    let conflicts = review_conflict::Entity::find()
        .filter(review_conflict::Column::ProposalId.in_subquery(ids()))
        .all(db)
        .await?;
    Ok(Inputs {
        calls,
        themes,
        reviewers,
        teams,
        members,
        proposals,
        people,
        proposers,
        assignments,
        conflicts,
    })
}

/// A proposal as assignment sees it: its theme, and the emails and
/// organisations of its people and its proposer.
pub(super) fn candidate(
    p: &proposal::Model,
    people: &[proposal_person::Model],
    proposer: Option<&user::Model>,
) -> assignment::Proposal {
    candidate_of(
        p.id,
        p.theme_id,
        people
            .iter()
            .map(|x| (x.email.as_str(), x.organisation.as_str())),
        proposer.map(|u| (u.email.as_str(), u.organisation.as_str())),
    )
}

/// The same, from the (email, organisation) of each person and of the
/// proposer.
pub(super) fn candidate_of<'a>(
    id: Uuid,
    theme: Option<Uuid>,
    people: impl Iterator<Item = (&'a str, &'a str)>,
    proposer: Option<(&'a str, &'a str)>,
) -> assignment::Proposal {
    let (emails, organisations) = people
        .chain(proposer)
        .map(|(e, o)| (e.to_string(), o.to_string()))
        .unzip();
    assignment::Proposal {
        id,
        theme,
        emails,
        organisations,
    }
}

pub(super) fn theme_ids(team: &review_team::Model) -> Vec<Uuid> {
    team.themes
        .split(',')
        .filter_map(|t| t.trim().parse().ok())
        .collect()
}

impl Inputs {
    /// The reviewers as assignment sees them: their teams' themes (a
    /// reviewer in no team, or in a team of every theme, reviews every theme).
    fn assignment_reviewers(&self) -> Vec<assignment::Reviewer> {
        self.reviewers
            .iter()
            .map(|r| {
                let teams: Vec<&review_team::Model> = self
                    .members
                    .iter()
                    .filter(|m| m.user_id == r.id)
                    .filter_map(|m| self.teams.iter().find(|t| t.id == m.team_id))
                    .collect();
                let themes = if teams.is_empty() || teams.iter().any(|t| theme_ids(t).is_empty()) {
                    None
                } else {
                    Some(teams.iter().flat_map(|t| theme_ids(t)).collect())
                };
                assignment::Reviewer {
                    id: r.id,
                    email: r.email.clone(),
                    organisation: r.organisation.clone(),
                    themes,
                }
            })
            .collect()
    }

    fn assignment_proposal(&self, p: &proposal::Model) -> assignment::Proposal {
        let people = self
            .people
            .get(&p.id)
            .map(Vec::as_slice)
            .unwrap_or_default();
        candidate(p, people, self.proposers.get(&p.proposer_id))
    }

    fn declared(&self) -> HashSet<(Uuid, Uuid)> {
        self.conflicts
            .iter()
            .map(|c| (c.proposal_id, c.reviewer_id))
            .collect()
    }

    fn line(
        &self,
        p: &proposal::Model,
        a: Option<&review_assignment::Model>,
        missing: u32,
    ) -> AssignedProposal {
        AssignedProposal {
            proposal: p.id,
            code: p.code.clone().unwrap_or_default(),
            title: p.title.clone(),
            assignment: a.map(|a| a.id),
            origin: a.map(|a| a.origin.clone()).unwrap_or_default(),
            missing,
        }
    }

    fn load_of(&self, r: &user::Model) -> ReviewerLoad {
        ReviewerLoad {
            id: r.id,
            name: r.name.clone(),
            email: r.email.clone(),
            organisation: r.organisation.clone(),
            teams: self
                .members
                .iter()
                .filter(|m| m.user_id == r.id)
                .filter_map(|m| self.teams.iter().find(|t| t.id == m.team_id))
                .map(|t| t.name.clone())
                .collect(),
            assigned: self
                .assignments
                .iter()
                .filter(|a| a.reviewer_id == r.id)
                .count() as u32,
            conflicts: self
                .conflicts
                .iter()
                .filter(|c| c.reviewer_id == r.id)
                .count() as u32,
        }
    }
}

/// The organisers' assignment page; `reviewer` chooses whose list to show.
pub async fn board(
    ctx: &RequestCtx,
    code: &str,
    reviewer: Option<Uuid>,
) -> Result<AssignmentBoard, AppError> {
    ctx.require_organiser(code)?;
    let f = by_code(ctx, code).await?;
    let i = inputs(ctx.db(), f.id).await?;
    let mut reviews: HashMap<Uuid, u32> = HashMap::new();
    for a in &i.assignments {
        *reviews.entry(a.proposal_id).or_default() += 1;
    }
    let calls = i
        .calls
        .iter()
        .map(|c| {
            let n = c.reviews_per_proposal.max(0) as u32;
            let of_call: Vec<&proposal::Model> =
                i.proposals.iter().filter(|p| p.call_id == c.id).collect();
            CallReview {
                id: c.id,
                title: c.title.clone(),
                reviews_per_proposal: n,
                max_per_reviewer: c.max_reviews_per_reviewer.map(|m| m.max(0) as u32),
                blind: c.blind_review,
                proposals: of_call.len() as u32,
                assigned: of_call
                    .iter()
                    .map(|p| reviews.get(&p.id).copied().unwrap_or(0))
                    .sum(),
                short: of_call
                    .iter()
                    .filter_map(|p| {
                        let have = reviews.get(&p.id).copied().unwrap_or(0);
                        (have < n).then(|| i.line(p, None, n - have))
                    })
                    .collect(),
            }
        })
        .collect();
    let chosen = reviewer
        .and_then(|id| i.reviewers.iter().find(|r| r.id == id))
        .map(|r| {
            let proposals: HashMap<Uuid, &proposal::Model> =
                i.proposals.iter().map(|p| (p.id, p)).collect();
            let lines = i
                .assignments
                .iter()
                .filter(|a| a.reviewer_id == r.id)
                .filter_map(|a| proposals.get(&a.proposal_id).map(|p| i.line(p, Some(a), 0)))
                .collect();
            (i.load_of(r), lines)
        });
    Ok(AssignmentBoard {
        forum_code: f.code.clone(),
        forum_name: f.name.clone(),
        themes: i
            .themes
            .iter()
            .map(|t| (t.id.to_string(), t.name.clone()))
            .collect(),
        teams: i
            .teams
            .iter()
            .map(|t| Team {
                id: t.id,
                name: t.name.clone(),
                themes: theme_ids(t)
                    .into_iter()
                    .filter_map(|id| {
                        i.themes
                            .iter()
                            .find(|th| th.id == id)
                            .map(|th| th.name.clone())
                    })
                    .collect(),
                members: i
                    .members
                    .iter()
                    .filter(|m| m.team_id == t.id)
                    .filter_map(|m| {
                        i.reviewers
                            .iter()
                            .find(|r| r.id == m.user_id)
                            .map(|r| TeamMember {
                                id: m.id,
                                name: r.name.clone(),
                                email: r.email.clone(),
                            })
                    })
                    .collect(),
            })
            .collect(),
        reviewers: i.reviewers.iter().map(|r| i.load_of(r)).collect(),
        calls,
        chosen,
    })
}

/// What a run of the automatic assignment did.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RunOutcome {
    pub added: usize,
    pub removed: usize,
    pub short: usize,
}

/// Saves the call's review settings (load, blind review) and runs the assignment for its proposals:
/// existing assignments are kept (conflicted ones dropped), the gaps filled.
pub async fn run(
    ctx: &RequestCtx,
    code: &str,
    call_id: Uuid,
    reviews_per_proposal: &str,
    max_per_reviewer: &str,
    blind: bool,
) -> Result<RunOutcome, AppError> {
    let me = ctx.require_organiser(code)?.user_id();
    let mut problems = Problems::new();
    let n = match reviews_per_proposal.trim().parse::<u32>() {
        Ok(n) if (1..=MAX_REVIEWS_PER_PROPOSAL).contains(&n) => n,
        _ => {
            problems.add(
                "reviews_per_proposal",
                "review.reviews-per-proposal-invalid",
            );
            0
        }
    };
    let max = match max_per_reviewer.trim() {
        "" => None,
        text => match text.parse::<u32>() {
            Ok(m) if (1..=MAX_PER_REVIEWER).contains(&m) => Some(m),
            _ => {
                problems.add("max_per_reviewer", "review.max-per-reviewer-invalid");
                None
            }
        },
    };
    problems.into_result()?;
    let f = by_code(ctx, code).await?;
    let txn = begin_write(ctx.db()).await?;
    let i = inputs(&txn, f.id).await?;
    if !i.calls.iter().any(|c| c.id == call_id) {
        return Err(AppError::NotFound);
    }
    call::ActiveModel {
        id: Set(call_id),
        reviews_per_proposal: Set(n as i32),
        max_reviews_per_reviewer: Set(max.map(|m| m as i32)),
        blind_review: Set(blind),
        ..Default::default()
    }
    .update(&txn)
    .await?;
    let proposals: Vec<assignment::Proposal> = i
        .proposals
        .iter()
        .filter(|p| p.call_id == call_id)
        .map(|p| i.assignment_proposal(p))
        .collect();
    // Every assignment of the edition counts towards a reviewer's load.
    let existing: Vec<(Uuid, Uuid)> = i
        .assignments
        .iter()
        .map(|a| (a.proposal_id, a.reviewer_id))
        .collect();
    let plan = assignment::assign(
        &proposals,
        &i.assignment_reviewers(),
        &existing,
        &i.declared(),
        Load {
            reviews_per_proposal: n,
            max_per_reviewer: max,
        },
    );
    let gone: Vec<Uuid> = i
        .assignments
        .iter()
        .filter(|a| plan.remove.contains(&(a.proposal_id, a.reviewer_id)))
        .map(|a| a.id)
        .collect();
    if !gone.is_empty() {
        review_assignment::Entity::delete_many()
            .filter(review_assignment::Column::Id.is_in(gone))
            .exec(&txn)
            .await?;
    }
    let at = now();
    let rows: Vec<review_assignment::ActiveModel> = plan
        .add
        .iter()
        .map(|(p, r)| review_assignment::ActiveModel {
            id: Set(Uuid::new_v4()),
            proposal_id: Set(*p),
            reviewer_id: Set(*r),
            origin: Set("auto".into()),
            created_at: Set(at),
        })
        .collect();
    let mut rows = rows.into_iter().peekable();
    while rows.peek().is_some() {
        let chunk: Vec<_> = rows.by_ref().take(500).collect();
        review_assignment::Entity::insert_many(chunk)
            .exec(&txn)
            .await?;
    }
    let outcome = RunOutcome {
        added: plan.add.len(),
        removed: plan.remove.len(),
        short: plan.short.len(),
    };
    audit::record(
        &txn,
        Some(me),
        "review.assigned",
        &f.code,
        &format!(
            "+{} -{} short {}",
            outcome.added, outcome.removed, outcome.short
        ),
        &ctx.client_addr,
    )
    .await?;
    txn.commit().await?;
    Ok(outcome)
}

pub(super) async fn reviewer_by_email(
    db: &impl ConnectionTrait,
    f: &forum::Model,
    email: &str,
) -> Result<user::Model, AppError> {
    let email = EmailAddress::parse(email).map_err(|m| AppError::field("email", m))?;
    let person = user::Entity::find()
        .filter(user::Column::Email.eq(email.as_str()))
        .one(db)
        .await?
        .ok_or_else(|| AppError::field("email", "forums.no-such-account"))?;
    let reviews = forum_role::Entity::find()
        .filter(forum_role::Column::ForumId.eq(f.id))
        .filter(forum_role::Column::UserId.eq(person.id))
        .filter(forum_role::Column::Role.eq(ForumRoleKind::Reviewer.code()))
        .one(db)
        .await?
        .is_some();
    if !reviews {
        return Err(AppError::field("email", "review.not-a-reviewer"));
    }
    Ok(person)
}

/// Gives a proposal to a reviewer by hand; never one they are conflicted on.
pub async fn assign_by_hand(
    ctx: &RequestCtx,
    code: &str,
    proposal_id: Uuid,
    email: &str,
) -> Result<(), AppError> {
    let me = ctx.require_organiser(code)?.user_id();
    let f = by_code(ctx, code).await?;
    let txn = begin_write(ctx.db()).await?;
    let reviewer = reviewer_by_email(&txn, &f, email).await?;
    let p = to_review(f.id)
        .filter(proposal::Column::Id.eq(proposal_id))
        .one(&txn)
        .await?
        .ok_or(AppError::NotFound)?;
    let people = proposal_person::Entity::find()
        .filter(proposal_person::Column::ProposalId.eq(p.id))
        .all(&txn)
        .await?;
    let proposer = user::Entity::find_by_id(p.proposer_id).one(&txn).await?;
    let candidate = candidate(&p, &people, proposer.as_ref());
    let as_reviewer = assignment::Reviewer {
        id: reviewer.id,
        email: reviewer.email.clone(),
        organisation: reviewer.organisation.clone(),
        themes: None,
    };
    let declared = review_conflict::Entity::find()
        .filter(review_conflict::Column::ProposalId.eq(p.id))
        .filter(review_conflict::Column::ReviewerId.eq(reviewer.id))
        .one(&txn)
        .await?
        .is_some();
    if declared || assignment::detect(&as_reviewer, &candidate).is_some() {
        return Err(AppError::field("email", "review.conflicted"));
    }
    review_assignment::ActiveModel {
        id: Set(Uuid::new_v4()),
        proposal_id: Set(p.id),
        reviewer_id: Set(reviewer.id),
        origin: Set("manual".into()),
        created_at: Set(now()),
    }
    .insert(&txn)
    .await
    .map_err(|_| AppError::field("email", "review.already-assigned"))?;
    audit::record(
        &txn,
        Some(me),
        "review.assigned-by-hand",
        &f.code,
        &format!("{} {}", p.code.unwrap_or_default(), reviewer.email),
        &ctx.client_addr,
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

/// Takes an assignment back.
pub async fn unassign(ctx: &RequestCtx, code: &str, id: Uuid) -> Result<(), AppError> {
    let me = ctx.require_organiser(code)?.user_id();
    let f = by_code(ctx, code).await?;
    let txn = begin_write(ctx.db()).await?;
    let gone = review_assignment::Entity::delete_many()
        .filter(review_assignment::Column::Id.eq(id))
        .filter(
            review_assignment::Column::ProposalId.in_subquery(
                proposal::Entity::find()
                    .select_only()
                    .column(proposal::Column::Id)
                    .filter(proposal::Column::ForumId.eq(f.id))
                    .into_query(),
            ),
        )
        .exec(&txn)
        .await?;
    if gone.rows_affected == 0 {
        return Err(AppError::NotFound);
    }
    audit::record(
        &txn,
        Some(me),
        "review.unassigned",
        &f.code,
        &id.to_string(),
        &ctx.client_addr,
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

pub(super) fn require_reviewer(ctx: &RequestCtx, code: &str) -> Result<Uuid, AppError> {
    let me = ctx.require_signed_in()?;
    if me.viewer.has_role(code, ForumRoleKind::Reviewer) {
        Ok(me.user_id())
    } else {
        Err(AppError::Forbidden)
    }
}

/// A reviewer declares a conflict of interest: the proposal leaves their list
/// and is never given to them again.
pub async fn declare_conflict(
    ctx: &RequestCtx,
    code: &str,
    proposal_id: Uuid,
    reason: &str,
) -> Result<(), AppError> {
    let me = require_reviewer(ctx, code)?;
    let reason =
        crate::proposals::fields::text(reason, 500).map_err(|m| AppError::field("reason", m))?;
    let f = by_code(ctx, code).await?;
    let txn = begin_write(ctx.db()).await?;
    let p = to_review(f.id)
        .filter(proposal::Column::Id.eq(proposal_id))
        .one(&txn)
        .await?
        .ok_or(AppError::NotFound)?;
    review_assignment::Entity::delete_many()
        .filter(review_assignment::Column::ProposalId.eq(p.id))
        .filter(review_assignment::Column::ReviewerId.eq(me))
        .exec(&txn)
        .await?;
    review_conflict::Entity::delete_many()
        .filter(review_conflict::Column::ProposalId.eq(p.id))
        .filter(review_conflict::Column::ReviewerId.eq(me))
        .exec(&txn)
        .await?;
    review_conflict::ActiveModel {
        id: Set(Uuid::new_v4()),
        proposal_id: Set(p.id),
        reviewer_id: Set(me),
        reason: Set(reason),
        declared_at: Set(now()),
    }
    .insert(&txn)
    .await?;
    audit::record(
        &txn,
        Some(me),
        "review.conflict-declared",
        &f.code,
        &p.code.unwrap_or_default(),
        &ctx.client_addr,
    )
    .await?;
    txn.commit().await?;
    Ok(())
}
