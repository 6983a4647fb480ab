//! Releasing decisions (server only): the mails each pending decision will
//! send, shown for checking with the warnings that would make a proposal
//! hear two conflicting things; then, in one transaction, every pending
//! decision released, its mail queued in the outbox from the edition's
//! wording, and merged proposals' people joined to the receiving session.
//! After release, accepted proposers confirm or withdraw by the call's
//! deadline, and organisers promote waitlisted proposals.

use super::assigning::to_review;
use super::outcome::{self, Pending, ACCEPT, CONFIRMED, MERGED, WAITLIST, WITHDRAWN};
use super::selection::decision_update;
use super::{CallRelease, DecisionForProposer, MailPreview, ReleaseLine, ReleasePlan};
use crate::admin::audit;
use crate::context::RequestCtx;
use crate::db::{
    begin_write, call, forum, mail_template, now, proposal, proposal_person, review, user,
};
use crate::error::AppError;
use crate::forums::editions::by_code;
use crate::i18n::{translate, translate_with, Locale};
use crate::notifications::outbox::{enqueue, message_id_host};
use crate::notifications::templates::{render_worded, RenderedMail, Template};
use crate::programme::sessions;
use chrono::{DateTime, NaiveDate, Utc};
use sea_orm::{
    entity::prelude::*,
    sea_query::{Expr, ExprTrait},
    ActiveValue::Set,
    ConnectionTrait, QueryOrder,
};
use std::collections::HashMap;

/// What composing decision mails needs of an edition, read at once.
struct MailFacts {
    proposers: HashMap<Uuid, user::Model>,
    /// Reviewers' comments for proposers, by proposal.
    comments: HashMap<Uuid, Vec<String>>,
    wordings: Vec<mail_template::Model>,
    /// Code and title of every proposal concerned (for merges).
    names: HashMap<Uuid, (String, String)>,
}

async fn mail_facts(
    db: &impl ConnectionTrait,
    forum_id: Uuid,
    proposals: &[proposal::Model],
) -> Result<MailFacts, AppError> {
    let ids: Vec<Uuid> = proposals.iter().map(|p| p.id).collect();
    let proposers = user::Entity::find()
        .filter(user::Column::Id.is_in(proposals.iter().map(|p| p.proposer_id)))
        .all(db)
        .await?
        .into_iter()
        .map(|u| (u.id, u))
        .collect();
    let mut comments: HashMap<Uuid, Vec<String>> = HashMap::new();
    for r in review::Entity::find()
        .filter(review::Column::ProposalId.is_in(ids))
        .filter(review::Column::CommentForProposers.ne(""))
        .order_by_asc(review::Column::CreatedAt)
        .all(db)
        .await?
    {
        comments
            .entry(r.proposal_id)
            .or_default()
            .push(r.comment_for_proposers);
    }
    let wordings = mail_template::Entity::find()
        .filter(mail_template::Column::ForumId.eq(forum_id))
        .all(db)
        .await?;
    let names = proposals
        .iter()
        .map(|p| (p.id, (p.code.clone().unwrap_or_default(), p.title.clone())))
        .collect();
    Ok(MailFacts {
        proposers,
        comments,
        wordings,
        names,
    })
}

/// The mail a decision sends its proposer, in their language and the
/// edition's wording.
fn compose(
    ctx: &RequestCtx,
    f: &forum::Model,
    c: &call::Model,
    p: &proposal::Model,
    kind: &'static str,
    facts: &MailFacts,
) -> Option<(String, String, RenderedMail)> {
    let proposer = facts.proposers.get(&p.proposer_id)?;
    let locale = proposer
        .language
        .as_deref()
        .and_then(Locale::from_code)
        .unwrap_or(ctx.locale);
    let condition = match p.merged_into.and_then(|id| facts.names.get(&id)) {
        Some((code, title)) if p.decision == MERGED => translate_with(
            locale,
            "review.merged-into-mail",
            &[("code", code), ("title", title)],
        ),
        _ => p.decision_note.clone(),
    };
    let comments = match facts.comments.get(&p.id) {
        Some(list) if c.share_reviewer_comments => format!(
            "{}\n\n{}",
            translate(locale, "review.comments-heading"),
            list.join("\n\n")
        ),
        _ => String::new(),
    };
    let deadline = c
        .confirm_by
        .map(|d| d.format("%Y-%m-%d").to_string())
        .unwrap_or_else(|| translate(locale, "review.no-deadline"));
    let wording = facts
        .wordings
        .iter()
        .find(|w| w.kind == kind && w.locale == locale.code())
        .map(|w| (w.subject.as_str(), w.body.as_str()));
    let mail = render_worded(
        locale,
        &proposer.name,
        &Template::Decision {
            kind,
            code: p.code.clone().unwrap_or_default(),
            title: p.title.clone(),
            condition,
            comments,
            deadline,
            link: ctx
                .settings()
                .link(&format!("/forums/{}/proposals/{}", f.code, p.id)),
        },
        wording,
    );
    Some((proposer.email.clone(), proposer.name.clone(), mail))
}

fn pending_of(p: &proposal::Model) -> Pending {
    Pending {
        id: p.id,
        code: p.code.clone().unwrap_or_default(),
        decision: p.decision.clone(),
        released: p.released_decision.clone(),
        merged_into: p.merged_into,
        note: p.decision_note.clone(),
    }
}

fn line(p: &proposal::Model) -> ReleaseLine {
    ReleaseLine {
        id: p.id,
        code: p.code.clone().unwrap_or_default(),
        title: p.title.clone(),
        decision: p.decision.clone(),
        version: p.decision_version,
        confirmation: p.confirmation.clone(),
    }
}

/// Decided proposals of an edition (the only ones a release concerns).
fn decided(forum_id: Uuid) -> sea_orm::Select<proposal::Entity> {
    to_review(forum_id)
        .filter(
            proposal::Column::Decision
                .ne("")
                .or(proposal::Column::ReleasedDecision.ne("")),
        )
        .order_by_asc(proposal::Column::Code)
}

/// The release page: per call, what will be released, the warnings, one
/// mail of each kind as it will read, and the state of confirmations.
pub async fn plan(ctx: &RequestCtx, code: &str) -> Result<ReleasePlan, AppError> {
    ctx.require_organiser(code)?;
    let f = by_code(ctx, code).await?;
    let db = ctx.db();
    let calls = call::Entity::find()
        .filter(call::Column::ForumId.eq(f.id))
        .order_by_asc(call::Column::OpensAt)
        .all(db)
        .await?;
    let proposals = decided(f.id).all(db).await?;
    let facts = mail_facts(db, f.id, &proposals).await?;
    let at = now();
    let calls = calls
        .iter()
        .map(|c| {
            let of_call: Vec<&proposal::Model> =
                proposals.iter().filter(|p| p.call_id == c.id).collect();
            let pending: Vec<Pending> = of_call.iter().map(|p| pending_of(p)).collect();
            let to_release: Vec<&&proposal::Model> = of_call
                .iter()
                .zip(&pending)
                .filter(|(_, d)| d.to_release())
                .map(|(p, _)| p)
                .collect();
            let mut counts: Vec<(String, u32)> = vec![];
            let mut previews = vec![];
            for p in &to_release {
                match counts.iter_mut().find(|(d, _)| *d == p.decision) {
                    Some((_, n)) => *n += 1,
                    None => {
                        counts.push((p.decision.clone(), 1));
                        let kind = outcome::mail_kind(&p.decision);
                        if let Some((to, _, mail)) =
                            kind.and_then(|k| compose(ctx, &f, c, p, k, &facts))
                        {
                            previews.push(MailPreview {
                                decision: p.decision.clone(),
                                to,
                                subject: mail.subject,
                                text: mail.text,
                            });
                        }
                    }
                }
            }
            let released_selected = || {
                of_call
                    .iter()
                    .filter(|p| outcome::selected(&p.released_decision))
            };
            CallRelease {
                id: c.id,
                title: c.title.clone(),
                counts,
                warnings: outcome::warnings(&pending),
                previews,
                confirm_by: c.confirm_by,
                deadline_passed: c.confirm_by.is_some_and(|d| d < at),
                share_comments: c.share_reviewer_comments,
                waitlisted: of_call
                    .iter()
                    .filter(|p| p.released_decision == WAITLIST && p.decision == WAITLIST)
                    .map(|p| line(p))
                    .collect(),
                unconfirmed: released_selected()
                    .filter(|p| p.confirmation.is_empty())
                    .map(|p| line(p))
                    .collect(),
                confirmed: released_selected()
                    .filter(|p| p.confirmation == CONFIRMED)
                    .count() as u32,
                withdrawn: released_selected()
                    .filter(|p| p.confirmation == WITHDRAWN)
                    .count() as u32,
            }
        })
        .collect();
    Ok(ReleasePlan {
        forum_code: f.code.clone(),
        forum_name: f.name.clone(),
        calls,
    })
}

/// A confirmation deadline typed as a date: the end of that day (UTC), in the future.
fn deadline(text: &str) -> Result<Option<DateTime<Utc>>, &'static str> {
    let text = text.trim();
    if text.is_empty() {
        return Ok(None);
    }
    let day = NaiveDate::parse_from_str(text, "%Y-%m-%d").map_err(|_| "forums.date-invalid")?;
    let end = day
        .and_hms_opt(23, 59, 59)
        .ok_or("forums.date-invalid")?
        .and_utc();
    if end < now() {
        return Err("review.deadline-past");
    }
    Ok(Some(end))
}

/// Releases a call's pending decisions, all in one transaction.
pub async fn release(
    ctx: &RequestCtx,
    code: &str,
    call_id: Uuid,
    confirm_by: &str,
    share_comments: bool,
    acknowledged: bool,
) -> Result<u32, AppError> {
    let me = ctx.require_organiser(code)?.user_id();
    let f = by_code(ctx, code).await?;
    let typed_deadline = deadline(confirm_by).map_err(|m| AppError::field("confirm_by", m))?;
    let txn = begin_write(ctx.db()).await?;
    let c = call::Entity::find_by_id(call_id)
        .filter(call::Column::ForumId.eq(f.id))
        .one(&txn)
        .await?
        .ok_or(AppError::NotFound)?;
    let proposals: Vec<proposal::Model> = decided(f.id)
        .filter(proposal::Column::CallId.eq(c.id))
        .all(&txn)
        .await?;
    let pending: Vec<Pending> = proposals.iter().map(pending_of).collect();
    let to_release: Vec<&proposal::Model> = proposals
        .iter()
        .zip(&pending)
        .filter(|(_, d)| d.to_release())
        .map(|(p, _)| p)
        .collect();
    if to_release.is_empty() {
        return Err(AppError::form("review.nothing-to-release"));
    }
    let confirm_by = typed_deadline.or(c.confirm_by);
    if confirm_by.is_none() && to_release.iter().any(|p| outcome::selected(&p.decision)) {
        return Err(AppError::field("confirm_by", "review.deadline-required"));
    }
    if !outcome::warnings(&pending).is_empty() && !acknowledged {
        return Err(AppError::field(
            "acknowledge",
            "review.warnings-unacknowledged",
        ));
    }
    let c = {
        let mut active: call::ActiveModel = c.into();
        active.confirm_by = Set(confirm_by);
        active.share_reviewer_comments = Set(share_comments);
        active.update(&txn).await?
    };
    let facts = mail_facts(&txn, f.id, &proposals).await?;
    let host = message_id_host(&ctx.settings().base_url);
    let at = now();
    let mut subjects = vec![];
    for p in &to_release {
        let done = proposal::Entity::update_many()
            .col_expr(
                proposal::Column::ReleasedDecision,
                Expr::value(p.decision.clone()),
            )
            .col_expr(proposal::Column::ReleasedAt, Expr::value(Some(at)))
            .col_expr(
                proposal::Column::Confirmation,
                Expr::value(
                    if outcome::selected(&p.decision) && outcome::selected(&p.released_decision) {
                        p.confirmation.clone()
                    } else {
                        String::new()
                    },
                ),
            )
            .filter(proposal::Column::Id.eq(p.id))
            .filter(proposal::Column::DecisionVersion.eq(p.decision_version))
            .exec(&txn)
            .await?;
        if done.rows_affected != 1 {
            return Err(AppError::form("review.decision-conflict"));
        }
        if let (MERGED, Some(into)) = (p.decision.as_str(), p.merged_into) {
            join_people(&txn, p.id, into).await?;
        }
        if let Some((to, name, mail)) =
            outcome::mail_kind(&p.decision).and_then(|kind| compose(ctx, &f, &c, p, kind, &facts))
        {
            enqueue(&txn, &to, &name, mail, &host).await?;
        }
        subjects.push((
            f.code.clone(),
            format!("{}: {}", p.code.as_deref().unwrap_or_default(), p.decision),
        ));
    }
    // Accepted proposals become sessions; those no longer accepted leave.
    let mut touched: Vec<Uuid> = to_release.iter().map(|p| p.id).collect();
    touched.extend(to_release.iter().filter_map(|p| p.merged_into));
    sessions::sync_from_proposals(&txn, f.id, &touched, Some(me)).await?;
    audit::record_many(
        &txn,
        Some(me),
        "decision.released",
        &subjects,
        &ctx.client_addr,
    )
    .await?;
    txn.commit().await?;
    Ok(subjects.len() as u32)
}

/// The people of a merged proposal join the receiving one (once each per role).
async fn join_people(db: &impl ConnectionTrait, from: Uuid, into: Uuid) -> Result<(), AppError> {
    let people = proposal_person::Entity::find()
        .filter(proposal_person::Column::ProposalId.is_in([from, into]))
        .order_by_asc(proposal_person::Column::Position)
        .all(db)
        .await?;
    let (theirs, ours): (Vec<_>, Vec<_>) = people.into_iter().partition(|x| x.proposal_id == from);
    let mut position = ours.iter().map(|x| x.position).max().unwrap_or(0);
    let new: Vec<proposal_person::ActiveModel> = theirs
        .into_iter()
        .filter(|x| {
            !ours
                .iter()
                .any(|o| o.role == x.role && o.email.eq_ignore_ascii_case(&x.email))
        })
        .map(|x| {
            position += 1;
            proposal_person::ActiveModel {
                id: Set(Uuid::new_v4()),
                proposal_id: Set(into),
                position: Set(position),
                token_hash: Set(None),
                ..x.into()
            }
        })
        .collect();
    if !new.is_empty() {
        proposal_person::Entity::insert_many(new).exec(db).await?;
    }
    super::people_facts::refresh(db, &[into]).await
}

/// Promotes a released waitlisted proposal to accepted, with its mail.
pub async fn promote(
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
        .filter(proposal::Column::ReleasedDecision.eq(WAITLIST))
        .filter(proposal::Column::Decision.eq(WAITLIST))
        .one(&txn)
        .await?
        .ok_or(AppError::NotFound)?;
    let c = call::Entity::find_by_id(p.call_id)
        .one(&txn)
        .await?
        .ok_or(AppError::NotFound)?;
    let at = now();
    let done = decision_update(p.id, version)
        .col_expr(proposal::Column::Decision, Expr::value(ACCEPT))
        .col_expr(proposal::Column::ReleasedDecision, Expr::value(ACCEPT))
        .col_expr(proposal::Column::ReleasedAt, Expr::value(Some(at)))
        .col_expr(proposal::Column::Confirmation, Expr::value(""))
        .col_expr(proposal::Column::DecidedBy, Expr::value(Some(me)))
        .col_expr(proposal::Column::DecidedAt, Expr::value(Some(at)))
        .exec(&txn)
        .await?;
    if done.rows_affected != 1 {
        return Err(AppError::form("review.decision-conflict"));
    }
    let facts = mail_facts(&txn, f.id, std::slice::from_ref(&p)).await?;
    let promoted = proposal::Model {
        decision: ACCEPT.into(),
        ..p.clone()
    };
    if let Some((to, name, mail)) = compose(ctx, &f, &c, &promoted, "decision-promoted", &facts) {
        enqueue(
            &txn,
            &to,
            &name,
            mail,
            &message_id_host(&ctx.settings().base_url),
        )
        .await?;
    }
    sessions::sync_from_proposals(&txn, f.id, &[p.id], Some(me)).await?;
    audit::record(
        &txn,
        Some(me),
        "decision.promoted",
        &f.code,
        p.code.as_deref().unwrap_or_default(),
        &ctx.client_addr,
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

/// The released decision on a proposal, for its proposer (or an organiser).
pub async fn for_proposer(
    ctx: &RequestCtx,
    code: &str,
    proposal_id: Uuid,
) -> Result<Option<DecisionForProposer>, AppError> {
    let me = ctx.require_signed_in()?;
    let f = by_code(ctx, code).await?;
    let db = ctx.db();
    let p = proposal::Entity::find_by_id(proposal_id)
        .filter(proposal::Column::ForumId.eq(f.id))
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    let organiser = ctx.require_organiser(code).is_ok();
    if p.proposer_id != me.user_id() && !organiser {
        return Err(AppError::Forbidden);
    }
    if p.released_decision.is_empty() {
        return Ok(None);
    }
    let c = call::Entity::find_by_id(p.call_id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    let merged_into = match p.merged_into {
        Some(id) if p.released_decision == MERGED => proposal::Entity::find_by_id(id)
            .one(db)
            .await?
            .and_then(|t| t.code),
        _ => None,
    };
    Ok(Some(DecisionForProposer {
        can_answer: p.proposer_id == me.user_id() && may_answer(&p, &c),
        decision: p.released_decision,
        note: p.decision_note,
        merged_into,
        confirmation: p.confirmation,
        confirm_by: c.confirm_by,
    }))
}

fn may_answer(p: &proposal::Model, c: &call::Model) -> bool {
    outcome::selected(&p.released_decision)
        && p.confirmation != WITHDRAWN
        && c.confirm_by.is_none_or(|d| now() <= d)
}

/// The proposer confirms their accepted session or withdraws it, by the deadline.
pub async fn answer(
    ctx: &RequestCtx,
    code: &str,
    proposal_id: Uuid,
    answer: &str,
) -> Result<(), AppError> {
    let me = ctx.require_signed_in()?.user_id();
    let confirmation = match answer {
        "confirm" => CONFIRMED,
        "withdraw" => WITHDRAWN,
        _ => return Err(AppError::field("answer", "field.choice-invalid")),
    };
    let f = by_code(ctx, code).await?;
    let txn = begin_write(ctx.db()).await?;
    let p = proposal::Entity::find_by_id(proposal_id)
        .filter(proposal::Column::ForumId.eq(f.id))
        .one(&txn)
        .await?
        .ok_or(AppError::NotFound)?;
    if p.proposer_id != me {
        return Err(AppError::Forbidden);
    }
    let c = call::Entity::find_by_id(p.call_id)
        .one(&txn)
        .await?
        .ok_or(AppError::NotFound)?;
    if !outcome::selected(&p.released_decision) {
        return Err(AppError::form("review.nothing-to-answer"));
    }
    if !may_answer(&p, &c) {
        return Err(AppError::form("review.answer-closed"));
    }
    let mut active: proposal::ActiveModel = p.clone().into();
    active.confirmation = Set(confirmation.into());
    active.confirmed_at = Set(Some(now()));
    active.update(&txn).await?;
    sessions::sync_from_proposals(&txn, f.id, &[p.id], Some(me)).await?;
    audit::record(
        &txn,
        Some(me),
        &format!("decision.{confirmation}"),
        &f.code,
        p.code.as_deref().unwrap_or_default(),
        &ctx.client_addr,
    )
    .await?;
    txn.commit().await?;
    Ok(())
}
