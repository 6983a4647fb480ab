//! The organisers' screening decisions (server only): overriding one rule's
//! result for a proposal, with a recorded reason, and marking proposals
//! eligible or ineligible in bulk. Both are recorded in the audit log in the
//! same transaction.

use super::batch;
use super::drafts::SUBMITTED;
use super::fields;
use super::screening::{self, RULES};
use crate::admin::audit;
use crate::context::RequestCtx;
use crate::db::{begin_write, now, proposal, screening_override};
use crate::error::{AppError, FieldError, Problems};
use sea_orm::{entity::prelude::*, sea_query::Expr, ActiveValue::Set};

/// Longest reason for an override.
pub const REASON_MAX: usize = 1000;
/// Most proposals one bulk action takes.
pub const BULK_MAX: usize = 2000;

pub const ELIGIBLE: &str = "eligible";
pub const INELIGIBLE: &str = "ineligible";

/// Sets (`pass`, `fail`) or removes (`clear`) an organiser's override of one
/// rule for a submitted proposal. A reason is required to set one.
pub async fn override_rule(
    ctx: &RequestCtx,
    forum_code: &str,
    proposal_id: Uuid,
    rule: &str,
    outcome: &str,
    reason: &str,
) -> Result<(), AppError> {
    let me = ctx.require_organiser(forum_code)?.user_id();
    let mut problems = Problems::new();
    let rule = rule.trim();
    if !RULES.contains(&rule) {
        problems.add("rule", "field.choice-invalid");
    }
    let passed = match outcome {
        "pass" => Some(true),
        "fail" => Some(false),
        "clear" => None,
        _ => {
            problems.add("outcome", "field.choice-invalid");
            None
        }
    };
    let reason = match fields::text(reason, REASON_MAX) {
        Ok(r) if r.is_empty() && passed.is_some() => {
            problems.add("reason", "field.required");
            r
        }
        Ok(r) => r,
        Err(e) => {
            problems.add("reason", e);
            String::new()
        }
    };
    problems.into_result()?;
    let f = crate::forums::editions::by_code(ctx, forum_code).await?;
    let txn = begin_write(ctx.db()).await?;
    let p = proposal::Entity::find_by_id(proposal_id)
        .filter(proposal::Column::ForumId.eq(f.id))
        .one(&txn)
        .await?
        .ok_or(AppError::NotFound)?;
    if p.state != SUBMITTED {
        return Err(AppError::form("screening.not-submitted"));
    }
    let key = format!("screening.{rule}");
    screening_override::Entity::delete_many()
        .filter(screening_override::Column::ProposalId.eq(p.id))
        .filter(screening_override::Column::Rule.eq(key.clone()))
        .exec(&txn)
        .await?;
    if let Some(passed) = passed {
        screening_override::ActiveModel {
            id: Set(Uuid::new_v4()),
            proposal_id: Set(p.id),
            rule: Set(key),
            passed: Set(passed),
            reason: Set(reason.clone()),
            decided_by: Set(me),
            decided_at: Set(now()),
        }
        .insert(&txn)
        .await?;
    }
    audit::record(
        &txn,
        Some(me),
        "screening.override",
        &f.code,
        &format!(
            "{} {rule} {outcome}: {reason}",
            p.code.as_deref().unwrap_or_default()
        ),
        &ctx.client_addr,
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

/// Marks proposals `eligible` or `ineligible`, or clears the decision
/// (`clear`). Only submitted proposals can be screened, and only one passing
/// every rule (overrides counted) can be eligible; otherwise nothing changes
/// and each refused proposal gets its reason (field `proposal-<id>`).
/// Returns how many proposals changed.
pub async fn decide(
    ctx: &RequestCtx,
    forum_code: &str,
    ids: &[Uuid],
    decision: &str,
) -> Result<usize, AppError> {
    let me = ctx.require_organiser(forum_code)?.user_id();
    let value = match decision {
        ELIGIBLE | INELIGIBLE => decision,
        "clear" => "",
        _ => return Err(AppError::field("decision", "field.choice-invalid")),
    };
    if ids.is_empty() {
        return Err(AppError::form("screening.choose-proposals"));
    }
    if ids.len() > BULK_MAX {
        return Err(AppError::form("screening.too-many"));
    }
    let f = crate::forums::editions::by_code(ctx, forum_code).await?;
    let txn = begin_write(ctx.db()).await?;
    // The whole edition, in a fixed number of statements: the rules need it.
    let edition = batch::load(&txn, f.id).await?;
    let mut refused = vec![];
    let mut chosen = vec![];
    let by_id: std::collections::HashMap<Uuid, &batch::Screened> = edition
        .proposals
        .iter()
        .map(|s| (s.proposal.id, s))
        .collect();
    for id in ids {
        let Some(s) = by_id.get(id) else {
            return Err(AppError::NotFound);
        };
        let problem = if s.proposal.state != SUBMITTED {
            Some("screening.not-submitted")
        } else if value == ELIGIBLE && !screening::eligible(&s.checks) {
            Some("screening.fails-rules")
        } else {
            None
        };
        match problem {
            Some(message) => refused.push(FieldError {
                field: format!("proposal-{id}"),
                message: message.into(),
            }),
            None => chosen.push(&s.proposal),
        }
    }
    if !refused.is_empty() {
        return Err(AppError::Invalid {
            fields: refused,
            form: Some("screening.some-refused".into()),
        });
    }
    let at = now();
    proposal::Entity::update_many()
        .col_expr(proposal::Column::Screening, Expr::value(value))
        .col_expr(
            proposal::Column::ScreenedAt,
            Expr::value((!value.is_empty()).then_some(at)),
        )
        .col_expr(
            proposal::Column::ScreenedBy,
            Expr::value((!value.is_empty()).then_some(me)),
        )
        .filter(proposal::Column::ForumId.eq(f.id))
        .filter(proposal::Column::Id.is_in(chosen.iter().map(|p| p.id)))
        .exec(&txn)
        .await?;
    let subjects: Vec<(String, String)> = chosen
        .iter()
        .map(|p| {
            (
                f.code.clone(),
                format!("{} {decision}", p.code.as_deref().unwrap_or_default()),
            )
        })
        .collect();
    audit::record_many(
        &txn,
        Some(me),
        "screening.decided",
        &subjects,
        &ctx.client_addr,
    )
    .await?;
    txn.commit().await?;
    Ok(chosen.len())
}
