//! Forum editions: listing, creating, editing (server only).

use super::rules;
use super::{Edition, ForumSummary};
use crate::admin::audit;
use crate::context::RequestCtx;
use crate::db::{forum, now};
use crate::error::{AppError, Problems};
use crate::ui::markdown::to_safe_html;
use sea_orm::{entity::prelude::*, ActiveValue::Set, ConnectionTrait, QueryFilter, QueryOrder};

pub async fn list(ctx: &RequestCtx) -> Result<Vec<ForumSummary>, AppError> {
    Ok(forum::Entity::find()
        .order_by_desc(forum::Column::FirstDay)
        .order_by_desc(forum::Column::CreatedAt)
        .all(ctx.db())
        .await?
        .into_iter()
        .map(|f| ForumSummary {
            code: f.code,
            name: f.name,
        })
        .collect())
}

pub async fn by_code(ctx: &RequestCtx, code: &str) -> Result<forum::Model, AppError> {
    find_code(ctx.db(), code).await?.ok_or(AppError::NotFound)
}

async fn find_code(
    db: &impl ConnectionTrait,
    code: &str,
) -> Result<Option<forum::Model>, AppError> {
    Ok(forum::Entity::find()
        .filter(forum::Column::Code.eq(code.trim().to_lowercase()))
        .one(db)
        .await?)
}

pub fn view(f: forum::Model) -> Edition {
    Edition {
        description_html: to_safe_html(&f.description),
        languages: f
            .languages
            .split(',')
            .filter(|l| !l.is_empty())
            .map(str::to_string)
            .collect(),
        code: f.code,
        name: f.name,
        host_city: f.host_city,
        venue: f.venue,
        time_zone: f.time_zone,
        day_zero: f.day_zero,
        first_day: f.first_day,
        last_day: f.last_day,
        description: f.description,
    }
}

/// An edition's details as typed into its form.
#[derive(Clone, Debug, Default)]
pub struct EditionInput {
    pub code: String,
    pub name: String,
    pub host_city: String,
    pub venue: String,
    pub time_zone: String,
    pub day_zero: String,
    pub first_day: String,
    pub last_day: String,
    pub description: String,
    pub languages: Vec<String>,
}

/// The checked values, ready to store.
struct Checked {
    name: String,
    host_city: String,
    venue: String,
    time_zone: String,
    day_zero: Option<chrono::NaiveDate>,
    first_day: chrono::NaiveDate,
    last_day: chrono::NaiveDate,
    description: String,
    languages: String,
}

fn time_zone(input: &str) -> Result<String, &'static str> {
    let tz = input.trim();
    if tz.is_empty() {
        return Err("field.required");
    }
    tz.parse::<chrono_tz::Tz>()
        .map(|z| z.name().to_string())
        .map_err(|_| "forums.time-zone-invalid")
}

/// Checks the details, noting every problem in `p`; the values when all are fine.
fn check(input: &EditionInput, p: &mut Problems) -> Option<Checked> {
    let name = p.check("name", rules::line(&input.name, 200));
    let host_city = p.check("host_city", rules::optional_line(&input.host_city, 200));
    let venue = p.check("venue", rules::optional_line(&input.venue, 200));
    let time_zone = p.check("time_zone", time_zone(&input.time_zone));
    let day_zero = p.check("day_zero", rules::optional_date(&input.day_zero));
    let first_day = p.check("first_day", rules::date(&input.first_day));
    let last_day = p.check("last_day", rules::date(&input.last_day));
    let description = p.check("description", rules::description(&input.description));
    let ticked: Vec<&str> = input.languages.iter().map(String::as_str).collect();
    let languages = p.check("languages", rules::languages(&ticked));
    if let (Some(zero), Some(first), Some(last)) = (day_zero, first_day, last_day) {
        if let Err((field, message)) = rules::days(zero, first, last) {
            p.add(field, message);
        }
    }
    Some(Checked {
        name: name?,
        host_city: host_city?,
        venue: venue?,
        time_zone: time_zone?,
        day_zero: day_zero?,
        first_day: first_day?,
        last_day: last_day?,
        description: description?,
        languages: languages?.join(","),
    })
}

/// Creates an edition (administrators), optionally starting from an earlier one's
/// programme structure. Returns its code.
pub async fn create(
    ctx: &RequestCtx,
    input: EditionInput,
    copy_from: Option<String>,
) -> Result<String, AppError> {
    let me = ctx.require_admin()?.user_id();
    let mut p = Problems::new();
    let code = p.check("code", rules::code(&input.code));
    let details = check(&input, &mut p);
    let (code, c) = p.finish(code.zip(details))?;
    let source = match copy_from
        .as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
    {
        Some(from) => Some(
            by_code(ctx, from)
                .await
                .map_err(|_| AppError::field("copy_from", "field.choice-invalid"))?,
        ),
        None => None,
    };
    let txn = crate::db::begin_write(ctx.db()).await?;
    if find_code(&txn, &code).await?.is_some() {
        return Err(AppError::field("code", "forums.code-taken"));
    }
    let id = Uuid::new_v4();
    let at = now();
    forum::ActiveModel {
        id: Set(id),
        code: Set(code.clone()),
        name: Set(c.name),
        created_at: Set(at),
        host_city: Set(c.host_city),
        venue: Set(c.venue),
        time_zone: Set(c.time_zone),
        day_zero: Set(c.day_zero),
        first_day: Set(Some(c.first_day)),
        last_day: Set(Some(c.last_day)),
        description: Set(c.description),
        languages: Set(c.languages),
        updated_at: Set(Some(at)),
        max_parallel_same_theme: Set(0),
        max_sessions_per_person_day: Set(0),
    }
    .insert(&txn)
    .await?;
    if let Some(source) = &source {
        super::setup::copy_structure(&txn, source.id, id).await?;
        crate::proposals::calls::copy_calls(&txn, source, id, Some(c.first_day)).await?;
        super::mail::copy_wordings(&txn, source.id, id).await?;
    }
    let detail = source
        .map(|s| format!("from {}", s.code))
        .unwrap_or_default();
    audit::record(
        &txn,
        Some(me),
        "forum.created",
        &code,
        &detail,
        &ctx.client_addr,
    )
    .await?;
    txn.commit().await?;
    Ok(code)
}

/// Saves an edition's details (its organisers and administrators). The code stays:
/// it is in every link and export.
pub async fn update(ctx: &RequestCtx, code: &str, input: EditionInput) -> Result<(), AppError> {
    let me = ctx.require_organiser(code)?.user_id();
    let existing = by_code(ctx, code).await?;
    let mut p = Problems::new();
    let details = check(&input, &mut p);
    let c = p.finish(details)?;
    let txn = crate::db::begin_write(ctx.db()).await?;
    forum::ActiveModel {
        id: Set(existing.id),
        name: Set(c.name),
        host_city: Set(c.host_city),
        venue: Set(c.venue),
        time_zone: Set(c.time_zone),
        day_zero: Set(c.day_zero),
        first_day: Set(Some(c.first_day)),
        last_day: Set(Some(c.last_day)),
        description: Set(c.description),
        languages: Set(c.languages),
        updated_at: Set(Some(now())),
        ..Default::default()
    }
    .update(&txn)
    .await?;
    audit::record(&txn, Some(me), "forum.updated", code, "", &ctx.client_addr).await?;
    txn.commit().await?;
    Ok(())
}
