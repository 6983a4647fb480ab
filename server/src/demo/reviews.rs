//! Demo review and selection: a review panel (one reviewer for about thirty
//! proposals, the demo reviewer among them), the assignment made as the
//! organisers' "run" makes it (three reviews a proposal, never a conflict),
//! reviews for nearly every assignment (the demo reviewer has some left to
//! do), and pending decisions on the best and the weakest proposals — one of
//! them a merge — for the organisers to release.

use super::proposals::{rows_in_chunks, Dice};
use app::db::{call, forum_role, proposal, proposal_person, review, review_assignment, user};
use app::review::assignment::{self, Load};
use app::review::outcome::{ACCEPT, CONDITIONAL, MERGED, REJECT, WAITLIST};
use app::review::scoring::ReviewForm;
use sea_orm::{entity::prelude::*, sea_query::Expr, ActiveValue::Set, ConnectionTrait, QueryOrder};
use std::collections::{HashMap, HashSet};

const COMMENTS: [&str; 4] = [
    "Clear questions and a good mix of speakers.",
    "Relevant, but the hybrid plan is thin.",
    "Overlaps with other proposals on the same subject.",
    "Strong policy questions; the format could invite more discussion.",
];

/// Seeds the panel, assignments, reviews and decisions for the edition's
/// proposals under review; `reviewer` is the demo reviewer.
pub async fn seed(
    db: &impl ConnectionTrait,
    forum_id: Uuid,
    reviewer: Uuid,
    password_hash: &str,
) -> Result<(), DbErr> {
    let mut dice = Dice(0x0e7a_1ce5_2027_0001);
    let at = app::db::now();
    let proposals = proposal::Entity::find()
        .filter(proposal::Column::ForumId.eq(forum_id))
        .filter(proposal::Column::State.eq("submitted"))
        .filter(proposal::Column::Screening.ne("ineligible"))
        .order_by_asc(proposal::Column::SubmittedAt)
        .all(db)
        .await?;
    if proposals.is_empty() {
        return Ok(());
    }
    // The panel: one reviewer for about thirty proposals.
    let mut panel = vec![];
    let mut roles = vec![];
    for n in 1..=(proposals.len() / 30).max(2) {
        let mut account = app::accounts::service::new_account(
            &format!("reviewer{n}@demo.plenum.localhost"),
            &format!("Panel Reviewer {n}"),
            password_hash.to_string(),
        );
        account.email_verified_at = Set(Some(at));
        account.organisation = Set(format!("Demo review panel {n}"));
        let id = Uuid::new_v4();
        account.id = Set(id);
        panel.push(account);
        roles.push(forum_role::ActiveModel {
            id: Set(Uuid::new_v4()),
            forum_id: Set(forum_id),
            user_id: Set(id),
            role: Set("reviewer".into()),
            granted_by: Set(None),
            granted_at: Set(at),
        });
    }
    user::Entity::insert_many(panel).exec(db).await?;
    forum_role::Entity::insert_many(roles).exec(db).await?;

    // The assignment, exactly as the organisers' "run" computes it.
    let reviewers: Vec<assignment::Reviewer> = user::Entity::find()
        .filter(
            user::Column::Id.in_subquery(sea_orm::QueryTrait::into_query(
                sea_orm::QuerySelect::column(
                    sea_orm::QuerySelect::select_only(forum_role::Entity::find()),
                    forum_role::Column::UserId,
                )
                .filter(forum_role::Column::ForumId.eq(forum_id))
                .filter(forum_role::Column::Role.eq("reviewer")),
            )),
        )
        .all(db)
        .await?
        .into_iter()
        .map(|u| assignment::Reviewer {
            id: u.id,
            email: u.email,
            organisation: u.organisation,
            themes: None,
        })
        .collect();
    let ids: Vec<Uuid> = proposals.iter().map(|p| p.id).collect();
    let mut people: HashMap<Uuid, Vec<proposal_person::Model>> = HashMap::new();
    for chunk in rows_in_chunks(ids.clone(), 500) {
        for x in proposal_person::Entity::find()
            .filter(proposal_person::Column::ProposalId.is_in(chunk))
            .all(db)
            .await?
        {
            people.entry(x.proposal_id).or_default().push(x);
        }
    }
    let candidates: Vec<assignment::Proposal> = proposals
        .iter()
        .map(|p| {
            let its = people.get(&p.id).map(Vec::as_slice).unwrap_or_default();
            assignment::Proposal {
                id: p.id,
                theme: p.theme_id,
                emails: its.iter().map(|x| x.email.clone()).collect(),
                organisations: its.iter().map(|x| x.organisation.clone()).collect(),
            }
        })
        .collect();
    let plan = assignment::assign(
        &candidates,
        &reviewers,
        &[],
        &HashSet::new(),
        Load {
            reviews_per_proposal: 3,
            max_per_reviewer: None,
        },
    );
    let assignments: Vec<review_assignment::ActiveModel> = plan
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
    for chunk in rows_in_chunks(assignments, 500) {
        review_assignment::Entity::insert_many(chunk)
            .exec(db)
            .await?;
    }

    // Reviews: each proposal has a quality the reviewers roughly agree on.
    let the_call = call::Entity::find()
        .filter(call::Column::ForumId.eq(forum_id))
        .one(db)
        .await?
        .ok_or_else(|| DbErr::Custom("the demo call is missing".into()))?;
    let form = ReviewForm::from_json(&the_call.review_form);
    let quality: HashMap<Uuid, u8> = proposals
        .iter()
        .map(|p| (p.id, 1 + dice.below(5) as u8))
        .collect();
    let codes: Vec<String> = proposals.iter().filter_map(|p| p.code.clone()).collect();
    let mut reviews = vec![];
    for (p, r) in &plan.add {
        // The demo reviewer keeps about a third of theirs to do.
        if *r == reviewer && dice.chance(35) {
            continue;
        }
        let base = quality[p];
        let scores: Vec<u8> = form
            .criteria
            .iter()
            .map(|_| {
                let noise = dice.below(3) as i16 - 1;
                (i16::from(base) + noise).clamp(1, 5) as u8
            })
            .collect();
        let low = scores.iter().any(|s| *s <= 2);
        reviews.push(review::ActiveModel {
            id: Set(Uuid::new_v4()),
            proposal_id: Set(*p),
            reviewer_id: Set(*r),
            scores: Set(form.scores_json(&scores)),
            total: Set(form.total(&scores)),
            comment: Set(String::from(*dice.pick(&COMMENTS))),
            comment_for_proposers: Set(if dice.chance(40) {
                String::from(*dice.pick(&COMMENTS))
            } else {
                String::new()
            }),
            merge_with: Set(if dice.chance(4) {
                dice.pick(&codes).clone()
            } else {
                String::new()
            }),
            low_reasons: Set(if low {
                form.reasons[dice.below(form.reasons.len())].key.clone()
            } else {
                String::new()
            }),
            created_at: Set(at),
            updated_at: Set(at),
        });
    }
    for chunk in rows_in_chunks(reviews, 300) {
        review::Entity::insert_many(chunk).exec(db).await?;
    }

    // Pending decisions: the best accepted (one on condition, one merged into
    // another), the next on the waiting list, the weakest not accepted.
    let mut ranked: Vec<(Uuid, u8)> = quality.into_iter().collect();
    ranked.sort_by_key(|(id, q)| (std::cmp::Reverse(*q), *id));
    let n = ranked.len();
    let ids_of = |part: &[(Uuid, u8)]| -> Vec<Uuid> { part.iter().map(|(id, _)| *id).collect() };
    let accepted = ids_of(&ranked[..n / 4]);
    let waitlisted = ids_of(&ranked[n / 4..n / 4 + n / 10]);
    let rejected = ids_of(&ranked[n - n / 4..]);
    for (decision, ids) in [
        (ACCEPT, &accepted),
        (WAITLIST, &waitlisted),
        (REJECT, &rejected),
    ] {
        for chunk in rows_in_chunks(ids.to_vec(), 500) {
            proposal::Entity::update_many()
                .col_expr(proposal::Column::Decision, Expr::value(decision))
                .col_expr(proposal::Column::DecisionVersion, Expr::value(1))
                .col_expr(proposal::Column::DecidedAt, Expr::value(Some(at)))
                .filter(proposal::Column::Id.is_in(chunk))
                .exec(db)
                .await?;
        }
    }
    if let [keep, merged, ..] = accepted.as_slice() {
        let code = proposals
            .iter()
            .find(|p| p.id == *merged)
            .and_then(|p| p.code.clone())
            .unwrap_or_default();
        proposal::Entity::update_many()
            .col_expr(proposal::Column::Decision, Expr::value(CONDITIONAL))
            .col_expr(
                proposal::Column::DecisionNote,
                Expr::value(format!("Merge with {code}")),
            )
            .filter(proposal::Column::Id.eq(*keep))
            .exec(db)
            .await?;
        proposal::Entity::update_many()
            .col_expr(proposal::Column::Decision, Expr::value(MERGED))
            .col_expr(proposal::Column::MergedInto, Expr::value(Some(*keep)))
            .filter(proposal::Column::Id.eq(*merged))
            .exec(db)
            .await?;
    }
    Ok(())
}
