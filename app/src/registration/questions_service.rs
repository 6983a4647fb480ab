//! The extra questions stored (server only): the organisers add and remove
//! them; a registration's answers are checked against them and kept as a
//! JSON object from question id to answer.

use super::questions::{check_answer, parse_choices, parse_label, Kind, Question, MAX_QUESTIONS};
use crate::context::RequestCtx;
use crate::db::{begin_write, now, registration_question as question};
use crate::error::{AppError, Problems};
use crate::forums::editions::by_code;
use sea_orm::{entity::prelude::*, ActiveValue::Set, ConnectionTrait, QueryOrder};
use std::collections::{BTreeMap, HashMap};

fn view(q: question::Model) -> Question {
    Question {
        id: q.id.to_string(),
        kind: Kind::from_code(&q.kind).unwrap_or(Kind::Text),
        label: q.label,
        choices: serde_json::from_str(&q.choices).unwrap_or_default(),
        required: q.required,
    }
}

/// The edition's questions in their order: one statement.
pub async fn of_forum(
    db: &impl ConnectionTrait,
    forum_id: Uuid,
) -> Result<Vec<Question>, AppError> {
    Ok(question::Entity::find()
        .filter(question::Column::ForumId.eq(forum_id))
        .order_by_asc(question::Column::Position)
        .order_by_asc(question::Column::CreatedAt)
        .all(db)
        .await?
        .into_iter()
        .map(view)
        .collect())
}

/// Organisers add a question at the end of the form.
pub async fn add(
    ctx: &RequestCtx,
    code: &str,
    kind: &str,
    label: &str,
    choices: &str,
    required: bool,
) -> Result<(), AppError> {
    ctx.require_organiser(code)?;
    let f = by_code(ctx, code).await?;
    let mut p = Problems::new();
    let kind = p.check(
        "kind",
        Kind::from_code(kind.trim()).ok_or("field.choice-invalid"),
    );
    let label = p.check("label", parse_label(label));
    let choices = kind.and_then(|k| p.check("choices", parse_choices(k, choices)));
    let ((kind, label), choices) = p.finish(kind.zip(label).zip(choices))?;
    let txn = begin_write(ctx.db()).await?;
    let existing = question::Entity::find()
        .filter(question::Column::ForumId.eq(f.id))
        .all(&txn)
        .await?;
    if existing.len() >= MAX_QUESTIONS {
        return Err(AppError::field("label", "registration.question.too-many"));
    }
    let position = existing.iter().map(|q| q.position).max().unwrap_or(0) + 1;
    question::ActiveModel {
        id: Set(Uuid::new_v4()),
        forum_id: Set(f.id),
        position: Set(position),
        kind: Set(kind.code().into()),
        label: Set(label),
        choices: Set(serde_json::to_string(&choices).unwrap_or_else(|_| "[]".into())),
        required: Set(required),
        created_at: Set(now()),
    }
    .insert(&txn)
    .await?;
    txn.commit().await?;
    Ok(())
}

/// Organisers remove a question; answers given to it stay in the
/// registrations but are no longer asked, listed or exported.
pub async fn remove(ctx: &RequestCtx, code: &str, id: &str) -> Result<(), AppError> {
    ctx.require_organiser(code)?;
    let f = by_code(ctx, code).await?;
    let id: Uuid = id.parse().map_err(|_| AppError::NotFound)?;
    let done = question::Entity::delete_many()
        .filter(question::Column::ForumId.eq(f.id))
        .filter(question::Column::Id.eq(id))
        .exec(ctx.db())
        .await?;
    if done.rows_affected == 0 {
        return Err(AppError::NotFound);
    }
    Ok(())
}

/// The answers typed (`answer[q<id>]` fields), checked against the
/// questions, each problem reported at its field; stored as JSON.
pub fn check_answers(
    p: &mut Problems,
    questions: &[Question],
    typed: &HashMap<String, String>,
) -> Option<String> {
    let mut answers = BTreeMap::new();
    let mut ok = true;
    for q in questions {
        let given = typed.get(&q.key()).map(String::as_str).unwrap_or_default();
        match p.check(&q.field(), check_answer(q, given)) {
            Some(a) if a.is_empty() => {}
            Some(a) => {
                answers.insert(q.id.clone(), a);
            }
            None => ok = false,
        }
    }
    ok.then(|| serde_json::to_string(&answers).unwrap_or_else(|_| "{}".into()))
}

/// A registration's stored answers, by question id.
pub fn answers_of(stored: &str) -> BTreeMap<String, String> {
    serde_json::from_str(stored).unwrap_or_default()
}
