//! The organisers' registrations as CSV (server only): every registration
//! the list's filters match, one row each, with the badge details, the
//! state, the check-in and an answer column per extra question. Four
//! statements whatever the number of registrations.

use super::questions_service::{answers_of, of_forum};
use super::service::{matching, mode_of, state_of};
use super::*;
use crate::context::RequestCtx;
use crate::csv::csv_record;
use crate::db::{registration, user};
use crate::error::AppError;
use crate::forums::editions::by_code;
use crate::i18n::translate;
use sea_orm::{entity::prelude::*, QueryOrder};

fn yes_no(v: bool) -> &'static str {
    if v {
        "yes"
    } else {
        "no"
    }
}

/// The CSV text, headed in the reader's language.
pub async fn csv(ctx: &RequestCtx, code: &str, filters: Filters) -> Result<String, AppError> {
    ctx.require_organiser(code)?;
    let f = by_code(ctx, code).await?;
    let questions = of_forum(ctx.db(), f.id).await?;
    let rows = registration::Entity::find()
        .find_also_related(user::Entity)
        .filter(matching(f.id, &filters))
        .order_by_asc(registration::Column::CreatedAt)
        .all(ctx.db())
        .await?;
    let t = |key: &str| translate(ctx.locale, key);
    let mut head: Vec<String> = [
        "field.name",
        "field.email",
        "registration.field.badge-name",
        "field.organisation",
        "field.country",
        "field.stakeholder-group",
        "registration.csv.gender",
        "registration.csv.first-time",
        "registration.field.mode",
        "registration.requested-mode",
        "registration.state",
        "registration.checked-in-at",
        "registration.field.interpretation",
        "registration.field.accessibility",
        "registration.csv.listed",
        "registration.registered-at",
    ]
    .iter()
    .map(|k| t(k))
    .collect();
    head.extend(questions.iter().map(|q| q.label.clone()));
    let mut out = csv_record(&head);
    for (r, person) in rows {
        let Some(person) = person else { continue };
        let answers = answers_of(&r.answers);
        let mut line = vec![
            person.name,
            person.email,
            r.badge_name.clone(),
            r.organisation.clone(),
            r.country.clone().unwrap_or_default(),
            r.stakeholder_group.clone().unwrap_or_default(),
            r.gender.clone().unwrap_or_default(),
            yes_no(r.first_time).to_string(),
            mode_of(&r).code().to_string(),
            r.requested_mode.clone().unwrap_or_default(),
            state_of(&r).code().to_string(),
            r.checked_in_at
                .map(|c| c.format("%Y-%m-%d %H:%M").to_string())
                .unwrap_or_default(),
            r.interpretation_language.clone().unwrap_or_default(),
            r.accessibility.clone(),
            yes_no(r.listed).to_string(),
            r.created_at.format("%Y-%m-%d %H:%M").to_string(),
        ];
        line.extend(
            questions
                .iter()
                .map(|q| answers.get(&q.id).cloned().unwrap_or_default()),
        );
        out.push_str(&csv_record(&line));
    }
    Ok(out)
}
