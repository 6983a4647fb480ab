//! Selection (server only): the organisers' ranking of a call's proposals by
//! their reviews, with what each adds to the balance of the selection, and
//! the pending decisions taken there — accept, accept on condition,
//! waitlist, reject, or merge into another proposal. A decision carries a
//! version: when two organisers decide the same proposal at once, the second
//! is refused and nothing of their change is kept.

use super::assigning::{candidate_of, to_review};
use super::balance::{Budgets, Tally};
use super::outcome::{self, CHOICES, MERGED};
use super::ranking_rows::{self, RankRow};
use super::scoring::{self, ReviewForm};
use super::{assignment, RankedProposal, Ranking};
use crate::accounts::countries;
use crate::admin::audit;
use crate::context::RequestCtx;
use crate::db::{
    begin_write, call, now, proposal, proposal_person, review, review_conflict, session_type,
    theme, user,
};
use crate::error::{AppError, Problems};
use crate::forums::editions::by_code;
use crate::i18n::translate_with;
use crate::proposals::fields::text;
use sea_orm::{
    entity::prelude::*,
    sea_query::{Expr, ExprTrait, Func},
    Condition, QueryOrder, QuerySelect, QueryTrait,
};
use std::collections::{HashMap, HashSet};

pub const PAGE_SIZE: usize = 50;
pub const NOTE_MAX: usize = 500;

/// What the ranking shows: a call, optionally one theme and one type, a page.
#[derive(Clone, Debug, Default)]
pub struct RankingQuery {
    pub call: Option<Uuid>,
    pub theme: Option<Uuid>,
    pub session_type: Option<Uuid>,
    pub page: u32,
}

/// The ranking page in nine statements, however many proposals, people and
/// reviews: one row per proposal (people summarised on it, reviews
/// aggregated; its proposer joined), the full reviews of the page's rows only.
pub async fn ranking(ctx: &RequestCtx, code: &str, q: RankingQuery) -> Result<Ranking, AppError> {
    let me = ctx.require_organiser(code)?.user_id();
    let f = by_code(ctx, code).await?;
    let db = ctx.db();
    let calls = call::Entity::find()
        .filter(call::Column::ForumId.eq(f.id))
        .order_by_asc(call::Column::OpensAt)
        .all(db)
        .await?;
    let themes = theme::Entity::find()
        .filter(theme::Column::ForumId.eq(f.id))
        .order_by_asc(theme::Column::Position)
        .all(db)
        .await?;
    let types = session_type::Entity::find()
        .filter(session_type::Column::ForumId.eq(f.id))
        .order_by_asc(session_type::Column::Position)
        .all(db)
        .await?;
    let the_call = q
        .call
        .and_then(|id| calls.iter().find(|c| c.id == id))
        .or(calls.first());
    let call_id = the_call.map(|c| c.id).unwrap_or_default();
    let of_call = || to_review(f.id).filter(proposal::Column::CallId.eq(call_id));
    let ids = || {
        of_call()
            .select_only()
            .column(proposal::Column::Id)
            .into_query()
    };
    // One row per proposal: its proposer's facts joined, its people's facts
    // stored on it, its reviews' totals aggregated.
    let proposals = ranking_rows::read(db, of_call()).await?;
    let reader = user::Entity::find_by_id(me)
        .one(db)
        .await?
        .ok_or(AppError::Unauthorized)?;
    // The organiser's own conflicts hide those proposals' scores from them:
    // declared ones, and those naming them or their organisation (people
    // found by SQL, then checked as the assignment checks).
    let declared: HashSet<Uuid> = review_conflict::Entity::find()
        .filter(review_conflict::Column::ReviewerId.eq(me))
        .filter(review_conflict::Column::ProposalId.in_subquery(ids()))
        .all(db)
        .await?
        .into_iter()
        .map(|c| c.proposal_id)
        .collect();
    let mut naming = Condition::any().add(
        Func::lower(Expr::col(proposal_person::Column::Email))
            .eq(reader.email.trim().to_lowercase()),
    );
    if !reader.organisation.trim().is_empty() {
        naming = naming.add(
            Func::lower(Expr::col(proposal_person::Column::Organisation))
                .eq(reader.organisation.trim().to_lowercase()),
        );
    }
    let mut naming_me: HashMap<Uuid, Vec<(String, String)>> = HashMap::new();
    for (id, email, organisation) in proposal_person::Entity::find()
        .select_only()
        .columns([
            proposal_person::Column::ProposalId,
            proposal_person::Column::Email,
            proposal_person::Column::Organisation,
        ])
        .filter(proposal_person::Column::ProposalId.in_subquery(ids()))
        .filter(naming)
        .into_tuple::<(Uuid, String, String)>()
        .all(db)
        .await?
    {
        naming_me.entry(id).or_default().push((email, organisation));
    }
    let as_reviewer = assignment::Reviewer {
        id: me,
        email: reader.email,
        organisation: reader.organisation,
        themes: None,
    };
    let conflicted = |p: &RankRow| {
        declared.contains(&p.id)
            || assignment::detect(
                &as_reviewer,
                &candidate_of(
                    p.id,
                    p.theme_id,
                    naming_me
                        .get(&p.id)
                        .into_iter()
                        .flatten()
                        .map(|(e, o)| (e.as_str(), o.as_str())),
                    Some((&p.proposer_email, &p.proposer_organisation)),
                ),
            )
            .is_some()
    };

    let form = the_call
        .map(|c| ReviewForm::from_json(&c.review_form))
        .unwrap_or_else(ReviewForm::standard);
    let name_in = |list: &[(Uuid, String)], id: Option<Uuid>| {
        list.iter()
            .find(|(i, _)| Some(*i) == id)
            .map(|(_, n)| n.clone())
            .unwrap_or_default()
    };
    let theme_names: Vec<(Uuid, String)> = themes.iter().map(|t| (t.id, t.name.clone())).collect();
    let type_names: Vec<(Uuid, String)> = types.iter().map(|t| (t.id, t.name.clone())).collect();
    let facts_of = |p: &RankRow| {
        Tally::from_json(&p.people_facts).of_proposal(
            p.session_type_id,
            p.theme_id,
            p.first_time,
            p.proposer_country
                .as_deref()
                .and_then(countries::country)
                .is_some_and(|c| c.developing),
        )
    };
    // Every proposal counts in the call's totals and is ranked by its
    // reviews' totals; only the page's rows are built in full.
    let mut call_totals = Tally::default();
    let mut selected_all = Tally::default();
    let mut pending = 0u32;
    let mut order: Vec<(usize, Option<scoring::Figures>)> = Vec::with_capacity(proposals.len());
    for (i, p) in proposals.iter().enumerate() {
        let facts = facts_of(p);
        call_totals.add(&facts);
        if outcome::selected(&p.decision) {
            selected_all.add(&facts);
        }
        if !p.decision.is_empty() && p.decision != p.released_decision {
            pending += 1;
        }
        let matches = q.theme.is_none_or(|t| p.theme_id == Some(t))
            && q.session_type.is_none_or(|t| p.session_type_id == Some(t));
        if matches {
            let totals: Vec<(f64, Vec<Option<u8>>)> =
                p.totals.iter().flatten().map(|t| (*t, vec![])).collect();
            order.push((i, (!conflicted(p)).then(|| scoring::figures(&totals))));
        }
    }
    let key = |(i, figures): &(usize, Option<scoring::Figures>)| {
        // Highest mean first, then median; unreviewed (and hidden) last.
        let mean = figures.as_ref().and_then(|f| f.mean);
        let median = figures.as_ref().and_then(|f| f.median);
        (
            mean.is_none(),
            -mean.unwrap_or(0.0),
            -median.unwrap_or(0.0),
            proposals[*i].code.as_deref().unwrap_or_default(),
        )
    };
    order.sort_by(|a, b| {
        let (ka, kb) = (key(a), key(b));
        ka.0.cmp(&kb.0)
            .then(ka.1.total_cmp(&kb.1))
            .then(ka.2.total_cmp(&kb.2))
            .then(ka.3.cmp(kb.3))
    });
    let matching = order.len();
    let pages = matching.div_ceil(PAGE_SIZE).max(1) as u32;
    let page = q.page.clamp(1, pages);
    let code_of = |id: Uuid| {
        proposals
            .iter()
            .find(|p| p.id == id)
            .map(|p| p.code.clone().unwrap_or_default())
    };
    let mut shown: Vec<RankedProposal> = order
        .into_iter()
        .enumerate()
        .skip((page as usize - 1) * PAGE_SIZE)
        .take(PAGE_SIZE)
        .map(|(rank, (i, figures))| {
            let p = &proposals[i];
            RankedProposal {
                id: p.id,
                code: p.code.clone().unwrap_or_default(),
                title: p.title.clone(),
                theme: name_in(&theme_names, p.theme_id),
                session_type: name_in(&type_names, p.session_type_id),
                rank: rank as u32 + 1,
                figures,
                merge_suggestions: vec![],
                decision: p.decision.clone(),
                note: p.decision_note.clone(),
                version: p.decision_version,
                released: p.released_decision.clone(),
                merged_into: p.merged_into.and_then(code_of),
                confirmation: p.confirmation.clone(),
                facts: facts_of(p),
            }
        })
        .collect();
    let on_page: HashSet<Uuid> = shown.iter().map(|r| r.id).collect();
    let mut reviews: HashMap<Uuid, Vec<(f64, String, String)>> = HashMap::new();
    for (id, total, scores, merge_with) in review::Entity::find()
        .select_only()
        .columns([
            review::Column::ProposalId,
            review::Column::Total,
            review::Column::Scores,
            review::Column::MergeWith,
        ])
        .filter(review::Column::ProposalId.is_in(on_page.iter().copied()))
        .into_tuple::<(Uuid, f64, String, String)>()
        .all(db)
        .await?
    {
        reviews
            .entry(id)
            .or_default()
            .push((total, scores, merge_with));
    }
    for r in shown.iter_mut().filter(|r| r.figures.is_some()) {
        let its_reviews = reviews.get(&r.id).map(Vec::as_slice).unwrap_or_default();
        r.figures = Some(scoring::figures(
            &its_reviews
                .iter()
                .map(|(total, scores, _)| (*total, form.scores_of(scores)))
                .collect::<Vec<_>>(),
        ));
        let mut suggestions: Vec<String> = its_reviews
            .iter()
            .map(|(_, _, merge_with)| merge_with.clone())
            .filter(|m| !m.is_empty())
            .collect();
        suggestions.sort();
        suggestions.dedup();
        r.merge_suggestions = suggestions;
    }
    // The selection's balance beside the page: selected rows not on it.
    let mut selected_elsewhere = selected_all;
    for r in shown.iter().filter(|r| outcome::selected(&r.decision)) {
        selected_elsewhere.remove(&r.facts);
    }
    Ok(Ranking {
        forum_code: f.code.clone(),
        forum_name: f.name.clone(),
        calls: calls.iter().map(|c| (c.id, c.title.clone())).collect(),
        call: the_call.map(|c| c.id),
        themes: themes
            .iter()
            .filter(|t| t.parent_id.is_none())
            .map(|t| (t.id, t.name.clone()))
            .collect(),
        types: type_names,
        theme: q.theme,
        session_type: q.session_type,
        page,
        pages,
        matching: matching as u32,
        rows: shown,
        call_totals,
        selected_elsewhere,
        budgets: the_call
            .map(|c| Budgets::from_json(&c.slot_budgets))
            .unwrap_or_default(),
        pending,
    })
}

/// An update of a proposal's decision that only applies if nobody else
/// decided it since `version` was read; it moves the version on.
pub(super) fn decision_update(id: Uuid, version: i32) -> sea_orm::UpdateMany<proposal::Entity> {
    proposal::Entity::update_many()
        .col_expr(
            proposal::Column::DecisionVersion,
            Expr::col(proposal::Column::DecisionVersion).add(1),
        )
        .filter(proposal::Column::Id.eq(id))
        .filter(proposal::Column::DecisionVersion.eq(version))
}

/// A decision as typed in a ranking row.
#[derive(Clone, Debug)]
pub struct DecisionRow {
    pub proposal: Uuid,
    pub decision: String,
    pub note: String,
    pub version: i32,
}

/// Saves the decisions that changed, all or none: a row decided by someone
/// else since the page was shown (its version moved on) refuses the lot.
/// Returns how many changed.
pub async fn decide(ctx: &RequestCtx, code: &str, rows: &[DecisionRow]) -> Result<u32, AppError> {
    let me = ctx.require_organiser(code)?.user_id();
    let f = by_code(ctx, code).await?;
    let mut problems = Problems::new();
    let mut checked = vec![];
    for r in rows {
        let decision = r.decision.trim();
        if !decision.is_empty() && !CHOICES.contains(&decision) {
            problems.add(&format!("decision-{}", r.proposal), "field.choice-invalid");
            continue;
        }
        let Some(note) = problems.check(&format!("note-{}", r.proposal), text(&r.note, NOTE_MAX))
        else {
            continue;
        };
        if decision == outcome::CONDITIONAL && note.is_empty() {
            problems.add(&format!("note-{}", r.proposal), "review.condition-required");
            continue;
        }
        checked.push((r.proposal, decision.to_string(), note, r.version));
    }
    problems.into_result()?;
    let txn = begin_write(ctx.db()).await?;
    let current: HashMap<Uuid, proposal::Model> = to_review(f.id)
        .filter(proposal::Column::Id.is_in(checked.iter().map(|c| c.0)))
        .all(&txn)
        .await?
        .into_iter()
        .map(|p| (p.id, p))
        .collect();
    let at = now();
    let mut changed = vec![];
    let mut clashes = vec![];
    for (id, decision, note, version) in checked {
        let Some(p) = current.get(&id) else {
            return Err(AppError::NotFound);
        };
        if p.decision == decision && p.decision_note == note {
            continue;
        }
        if p.decision_version != version {
            clashes.push(p.code.clone().unwrap_or_default());
            continue;
        }
        if p.decision == MERGED {
            // Merged proposals are undone with their own form first.
            clashes.push(p.code.clone().unwrap_or_default());
            continue;
        }
        let done = decision_update(id, version)
            .col_expr(proposal::Column::Decision, Expr::value(decision.clone()))
            .col_expr(proposal::Column::DecisionNote, Expr::value(note))
            .col_expr(proposal::Column::DecidedBy, Expr::value(Some(me)))
            .col_expr(proposal::Column::DecidedAt, Expr::value(Some(at)))
            .exec(&txn)
            .await?;
        if done.rows_affected == 1 {
            changed.push((
                f.code.clone(),
                format!("{}: {decision}", p.code.as_deref().unwrap_or_default()),
            ));
        } else {
            clashes.push(p.code.clone().unwrap_or_default());
        }
    }
    if !clashes.is_empty() {
        txn.rollback().await?;
        return Err(AppError::form("review.decision-conflict"));
    }
    audit::record_many(&txn, Some(me), "decision.made", &changed, &ctx.client_addr).await?;
    txn.commit().await?;
    Ok(changed.len() as u32)
}

/// Merges a proposal into another of the same call: it will be one session
/// with both sets of people (joined at release, when both proposers hear of
/// it). The receiving proposal, if undecided, becomes accepted on condition.
pub async fn merge(
    ctx: &RequestCtx,
    code: &str,
    proposal_id: Uuid,
    into: &str,
    version: i32,
) -> Result<(), AppError> {
    let signed_in = ctx.require_organiser(code)?;
    let me = signed_in.user_id();
    let f = by_code(ctx, code).await?;
    let txn = begin_write(ctx.db()).await?;
    let p = to_review(f.id)
        .filter(proposal::Column::Id.eq(proposal_id))
        .one(&txn)
        .await?
        .ok_or(AppError::NotFound)?;
    let into = into.trim();
    let target = to_review(f.id)
        .filter(proposal::Column::CallId.eq(p.call_id))
        .filter(proposal::Column::Code.eq(into))
        .one(&txn)
        .await?;
    let target = match target {
        None if into.is_empty() => return Err(AppError::field("into", "field.required")),
        None => return Err(AppError::field("into", "review.merge-unknown")),
        Some(t) if t.id == p.id => return Err(AppError::field("into", "review.merge-self")),
        Some(t) if t.decision == MERGED => {
            return Err(AppError::field("into", "review.merge-into-merged"))
        }
        Some(t) => t,
    };
    let done = decision_update(p.id, version)
        .col_expr(proposal::Column::Decision, Expr::value(MERGED))
        .col_expr(proposal::Column::MergedInto, Expr::value(Some(target.id)))
        .col_expr(proposal::Column::DecidedBy, Expr::value(Some(me)))
        .col_expr(proposal::Column::DecidedAt, Expr::value(Some(now())))
        .exec(&txn)
        .await?;
    if done.rows_affected != 1 {
        return Err(AppError::form("review.decision-conflict"));
    }
    // Proposals merged into this one follow it.
    proposal::Entity::update_many()
        .col_expr(proposal::Column::MergedInto, Expr::value(Some(target.id)))
        .filter(proposal::Column::MergedInto.eq(p.id))
        .exec(&txn)
        .await?;
    if target.decision.is_empty() {
        let locale = signed_in.language.unwrap_or(ctx.locale);
        let note = translate_with(
            locale,
            "review.merge-note",
            &[("code", p.code.as_deref().unwrap_or_default())],
        );
        proposal::Entity::update_many()
            .col_expr(
                proposal::Column::Decision,
                Expr::value(outcome::CONDITIONAL),
            )
            .col_expr(proposal::Column::DecisionNote, Expr::value(note))
            .col_expr(
                proposal::Column::DecisionVersion,
                Expr::col(proposal::Column::DecisionVersion).add(1),
            )
            .filter(proposal::Column::Id.eq(target.id))
            .exec(&txn)
            .await?;
    }
    audit::record(
        &txn,
        Some(me),
        "decision.merged",
        &f.code,
        &format!(
            "{} → {}",
            p.code.as_deref().unwrap_or_default(),
            target.code.as_deref().unwrap_or_default()
        ),
        &ctx.client_addr,
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

/// Undoes a merge not yet released: the proposal is undecided again.
pub async fn unmerge(
    ctx: &RequestCtx,
    code: &str,
    proposal_id: Uuid,
    version: i32,
) -> Result<(), AppError> {
    let me = ctx.require_organiser(code)?.user_id();
    let f = by_code(ctx, code).await?;
    let txn = begin_write(ctx.db()).await?;
    let p = to_review(f.id)
        .filter(proposal::Column::Id.eq(proposal_id))
        .filter(proposal::Column::Decision.eq(MERGED))
        .one(&txn)
        .await?
        .ok_or(AppError::NotFound)?;
    let done = decision_update(p.id, version)
        .col_expr(proposal::Column::Decision, Expr::value(""))
        .col_expr(
            proposal::Column::MergedInto,
            Expr::value(Option::<Uuid>::None),
        )
        .filter(proposal::Column::ReleasedDecision.ne(MERGED))
        .exec(&txn)
        .await?;
    if done.rows_affected != 1 {
        return Err(AppError::form("review.decision-conflict"));
    }
    audit::record(
        &txn,
        Some(me),
        "decision.unmerged",
        &f.code,
        p.code.as_deref().unwrap_or_default(),
        &ctx.client_addr,
    )
    .await?;
    txn.commit().await?;
    Ok(())
}
