//! Calls for proposals: listing, creating, editing, and access codes for late
//! submission (server only).

use super::rules::{CallRules, RulesInput};
use super::{AccessCodeView, CallAdmin, CallList, CallView};
use crate::admin::audit;
use crate::context::RequestCtx;
use crate::db::{access_code, call, call_session_type, forum, now, session_type};
use crate::error::{AppError, Problems};
use crate::forums::editions::by_code;
use crate::forums::{rules as forum_rules, SessionType};
use crate::ui::markdown::to_safe_html;
use chrono::{DateTime, NaiveDateTime, Utc};
use sea_orm::{
    entity::prelude::*,
    sea_query::{Expr, ExprTrait},
    ActiveValue::Set,
    ConnectionTrait, QueryFilter, QueryOrder,
};

/// A moment typed into `<input type="datetime-local">`, read as UTC.
pub fn utc_moment(input: &str) -> Result<DateTime<Utc>, &'static str> {
    let text = input.trim();
    if text.is_empty() {
        return Err("field.required");
    }
    ["%Y-%m-%dT%H:%M", "%Y-%m-%dT%H:%M:%S"]
        .iter()
        .find_map(|f| NaiveDateTime::parse_from_str(text, f).ok())
        .map(|t| t.and_utc())
        .ok_or("calls.moment-invalid")
}

/// How the venue sees a UTC moment, e.g. "2027-05-31 01:59 CEST".
pub fn venue_time(at: DateTime<Utc>, time_zone: &str) -> String {
    match time_zone.parse::<chrono_tz::Tz>() {
        Ok(tz) => at
            .with_timezone(&tz)
            .format("%Y-%m-%d %H:%M %Z")
            .to_string(),
        Err(_) => at.format("%Y-%m-%d %H:%M UTC").to_string(),
    }
}

fn session_type_view(t: session_type::Model) -> SessionType {
    SessionType {
        id: t.id,
        durations: forum_rules::durations(&t.durations).unwrap_or_default(),
        name: t.name,
        code_prefix: t.code_prefix,
    }
}

async fn types_of_forum(
    db: &impl ConnectionTrait,
    forum_id: Uuid,
) -> Result<Vec<session_type::Model>, AppError> {
    Ok(session_type::Entity::find()
        .filter(session_type::Column::ForumId.eq(forum_id))
        .order_by_asc(session_type::Column::Position)
        .all(db)
        .await?)
}

/// The calls' views, with their session types (one more query for all links).
async fn views(
    db: &impl ConnectionTrait,
    f: &forum::Model,
    calls: Vec<call::Model>,
    types: &[session_type::Model],
) -> Result<Vec<CallView>, AppError> {
    let ids: Vec<Uuid> = calls.iter().map(|c| c.id).collect();
    let links = call_session_type::Entity::find()
        .filter(call_session_type::Column::CallId.is_in(ids))
        .all(db)
        .await?;
    let at = now();
    Ok(calls
        .into_iter()
        .map(|c| {
            let session_types = types
                .iter()
                .filter(|t| {
                    links
                        .iter()
                        .any(|l| l.call_id == c.id && l.session_type_id == t.id)
                })
                .cloned()
                .map(session_type_view)
                .collect();
            CallView {
                id: c.id,
                forum_code: f.code.clone(),
                forum_name: f.name.clone(),
                introduction_html: to_safe_html(&c.introduction),
                introduction: c.introduction,
                title: c.title,
                session_types,
                opens_venue: venue_time(c.opens_at, &f.time_zone),
                closes_venue: venue_time(c.closes_at, &f.time_zone),
                opens_at: c.opens_at,
                closes_at: c.closes_at,
                time_zone: f.time_zone.clone(),
                now: at,
                rules: CallRules::from_json(&c.rules),
                publish_received: c.publish_received,
                theme_origins: vec![],
            }
        })
        .collect())
}

/// The calls of an edition, opening first (four queries however many calls).
pub async fn list(ctx: &RequestCtx, code: &str) -> Result<CallList, AppError> {
    let f = by_code(ctx, code).await?;
    let db = ctx.db();
    let calls = call::Entity::find()
        .filter(call::Column::ForumId.eq(f.id))
        .order_by_asc(call::Column::OpensAt)
        .all(db)
        .await?;
    let types = types_of_forum(db, f.id).await?;
    let calls = views(db, &f, calls, &types).await?;
    Ok(CallList {
        may_manage: ctx.require_organiser(code).is_ok(),
        forum_code: f.code,
        forum_name: f.name,
        calls,
        all_types: types.into_iter().map(session_type_view).collect(),
    })
}

async fn find_call(ctx: &RequestCtx, f: &forum::Model, id: Uuid) -> Result<call::Model, AppError> {
    call::Entity::find_by_id(id)
        .filter(call::Column::ForumId.eq(f.id))
        .one(ctx.db())
        .await?
        .ok_or(AppError::NotFound)
}

pub async fn load(ctx: &RequestCtx, code: &str, id: Uuid) -> Result<CallView, AppError> {
    let f = by_code(ctx, code).await?;
    let c = find_call(ctx, &f, id).await?;
    let types = types_of_forum(ctx.db(), f.id).await?;
    let mut call = views(ctx.db(), &f, vec![c], &types)
        .await?
        .pop()
        .ok_or(AppError::NotFound)?;
    call.theme_origins = crate::consultations::synthesis::theme_origins(ctx.db(), &f).await?;
    Ok(call)
}

/// A call with its access codes and the edition's session types (organisers).
pub async fn admin(ctx: &RequestCtx, code: &str, id: Uuid) -> Result<CallAdmin, AppError> {
    ctx.require_organiser(code)?;
    let f = by_code(ctx, code).await?;
    let c = find_call(ctx, &f, id).await?;
    let types = types_of_forum(ctx.db(), f.id).await?;
    let call = views(ctx.db(), &f, vec![c], &types)
        .await?
        .pop()
        .ok_or(AppError::NotFound)?;
    let access_codes = access_code::Entity::find()
        .filter(access_code::Column::CallId.eq(id))
        .order_by_asc(access_code::Column::CreatedAt)
        .all(ctx.db())
        .await?
        .into_iter()
        .map(|a| AccessCodeView {
            id: a.id,
            code: a.code,
            label: a.label,
            max_uses: a.max_uses,
            uses: a.uses,
            expires_at: a.expires_at,
            revoked: a.revoked_at.is_some(),
        })
        .collect();
    Ok(CallAdmin {
        call,
        access_codes,
        all_types: types.into_iter().map(session_type_view).collect(),
    })
}

/// A call as typed into its form.
#[derive(Clone, Debug, Default)]
pub struct CallInput {
    pub title: String,
    pub introduction: String,
    pub opens_at: String,
    pub closes_at: String,
    pub session_types: Vec<Uuid>,
    pub publish_received: bool,
    pub rules: RulesInput,
}

struct Checked {
    title: String,
    introduction: String,
    opens_at: DateTime<Utc>,
    closes_at: DateTime<Utc>,
    session_types: Vec<Uuid>,
    rules: CallRules,
}

fn check(input: &CallInput, types: &[session_type::Model]) -> Result<Checked, AppError> {
    let mut p = Problems::new();
    let title = p.check("title", forum_rules::line(&input.title, 200));
    let introduction = p.check(
        "introduction",
        forum_rules::description(&input.introduction),
    );
    let opens_at = p.check("opens_at", utc_moment(&input.opens_at));
    let closes_at = p.check("closes_at", utc_moment(&input.closes_at));
    if let (Some(o), Some(c)) = (opens_at, closes_at) {
        if c <= o {
            p.add("closes_at", "calls.closes-before-opens");
        }
    }
    let chosen: Vec<Uuid> = types
        .iter()
        .filter(|t| input.session_types.contains(&t.id))
        .map(|t| t.id)
        .collect();
    if chosen.is_empty() || chosen.len() != input.session_types.len() {
        p.add("session_types", "calls.session-types-none");
    }
    let rules = match input.rules.parse() {
        Ok(r) => Some(r),
        Err(problems) => {
            for (field, message) in problems {
                p.add(field, message);
            }
            None
        }
    };
    let value = (|| {
        Some(Checked {
            title: title?,
            introduction: introduction?,
            opens_at: opens_at?,
            closes_at: closes_at?,
            session_types: chosen,
            rules: rules?,
        })
    })();
    p.finish(value)
}

async fn link_types(
    db: &impl ConnectionTrait,
    call_id: Uuid,
    types: &[Uuid],
) -> Result<(), AppError> {
    call_session_type::Entity::delete_many()
        .filter(call_session_type::Column::CallId.eq(call_id))
        .exec(db)
        .await?;
    for t in types {
        call_session_type::ActiveModel {
            call_id: Set(call_id),
            session_type_id: Set(*t),
        }
        .insert(db)
        .await?;
    }
    Ok(())
}

pub async fn create(ctx: &RequestCtx, code: &str, input: CallInput) -> Result<Uuid, AppError> {
    let me = ctx.require_organiser(code)?.user_id();
    let f = by_code(ctx, code).await?;
    let types = types_of_forum(ctx.db(), f.id).await?;
    let c = check(&input, &types)?;
    let id = Uuid::new_v4();
    let at = now();
    let txn = crate::db::begin_write(ctx.db()).await?;
    call::ActiveModel {
        id: Set(id),
        forum_id: Set(f.id),
        title: Set(c.title.clone()),
        introduction: Set(c.introduction),
        opens_at: Set(c.opens_at),
        closes_at: Set(c.closes_at),
        rules: Set(c.rules.to_json()),
        publish_received: Set(input.publish_received),
        created_at: Set(at),
        updated_at: Set(at),
        // The review load keeps its defaults until the organisers set it.
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    link_types(&txn, id, &c.session_types).await?;
    audit::record(
        &txn,
        Some(me),
        "call.created",
        code,
        &c.title,
        &ctx.client_addr,
    )
    .await?;
    txn.commit().await?;
    Ok(id)
}

pub async fn update(
    ctx: &RequestCtx,
    code: &str,
    id: Uuid,
    input: CallInput,
) -> Result<(), AppError> {
    let me = ctx.require_organiser(code)?.user_id();
    let f = by_code(ctx, code).await?;
    find_call(ctx, &f, id).await?;
    let types = types_of_forum(ctx.db(), f.id).await?;
    let c = check(&input, &types)?;
    let txn = crate::db::begin_write(ctx.db()).await?;
    call::ActiveModel {
        id: Set(id),
        title: Set(c.title.clone()),
        introduction: Set(c.introduction),
        opens_at: Set(c.opens_at),
        closes_at: Set(c.closes_at),
        rules: Set(c.rules.to_json()),
        publish_received: Set(input.publish_received),
        updated_at: Set(now()),
        ..Default::default()
    }
    .update(&txn)
    .await?;
    link_types(&txn, id, &c.session_types).await?;
    audit::record(
        &txn,
        Some(me),
        "call.updated",
        code,
        &c.title,
        &ctx.client_addr,
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

/// A fresh access code: ten characters without look-alikes (no 0/O, 1/I/L).
fn new_code() -> String {
    use rand::Rng;
    const ALPHABET: &[u8] = b"ABCDEFGHJKMNPQRSTUVWXYZ23456789";
    let mut rng = rand::rngs::OsRng;
    (0..10)
        .map(|_| ALPHABET[rng.gen_range(0..ALPHABET.len())] as char)
        .collect()
}

pub async fn add_access_code(
    ctx: &RequestCtx,
    code: &str,
    call_id: Uuid,
    label: &str,
    max_uses: &str,
    expires_at: &str,
) -> Result<String, AppError> {
    let me = ctx.require_organiser(code)?.user_id();
    let f = by_code(ctx, code).await?;
    find_call(ctx, &f, call_id).await?;
    let mut p = Problems::new();
    let label = p.check("label", forum_rules::optional_line(label, 200));
    let max_uses = p.check(
        "max_uses",
        match max_uses.trim() {
            "" => Ok(None),
            n => n
                .parse::<i32>()
                .ok()
                .filter(|n| (1..=10_000).contains(n))
                .map(Some)
                .ok_or("calls.max-uses-invalid"),
        },
    );
    let expires_at = p.check(
        "expires_at",
        utc_moment(expires_at).and_then(|t| {
            if t > now() {
                Ok(t)
            } else {
                Err("calls.expiry-past")
            }
        }),
    );
    let ((label, max_uses), expires_at) = p.finish(label.zip(max_uses).zip(expires_at))?;
    let secret = new_code();
    let txn = crate::db::begin_write(ctx.db()).await?;
    access_code::ActiveModel {
        id: Set(Uuid::new_v4()),
        call_id: Set(call_id),
        code: Set(secret.clone()),
        label: Set(label.clone()),
        max_uses: Set(max_uses),
        uses: Set(0),
        expires_at: Set(expires_at),
        revoked_at: Set(None),
        created_at: Set(now()),
    }
    .insert(&txn)
    .await?;
    audit::record(
        &txn,
        Some(me),
        "call.access-code-added",
        code,
        &label,
        &ctx.client_addr,
    )
    .await?;
    txn.commit().await?;
    Ok(secret)
}

pub async fn revoke_access_code(ctx: &RequestCtx, code: &str, id: Uuid) -> Result<Uuid, AppError> {
    let me = ctx.require_organiser(code)?.user_id();
    let f = by_code(ctx, code).await?;
    let txn = crate::db::begin_write(ctx.db()).await?;
    let found = access_code::Entity::find_by_id(id)
        .one(&txn)
        .await?
        .ok_or(AppError::NotFound)?;
    // The code must belong to a call of this edition.
    call::Entity::find_by_id(found.call_id)
        .filter(call::Column::ForumId.eq(f.id))
        .one(&txn)
        .await?
        .ok_or(AppError::NotFound)?;
    access_code::ActiveModel {
        id: Set(id),
        revoked_at: Set(Some(now())),
        ..Default::default()
    }
    .update(&txn)
    .await?;
    audit::record(
        &txn,
        Some(me),
        "call.access-code-revoked",
        code,
        &found.label,
        &ctx.client_addr,
    )
    .await?;
    txn.commit().await?;
    Ok(found.call_id)
}

/// Uses an access code once for a submission to a closed call: true when it was
/// valid (this call, not revoked, not expired, uses left). One conditional
/// update, so concurrent submissions cannot use a single-use code twice.
pub async fn use_access_code(
    db: &impl ConnectionTrait,
    call_id: Uuid,
    code: &str,
) -> Result<bool, AppError> {
    let at = now();
    let result = access_code::Entity::update_many()
        .col_expr(
            access_code::Column::Uses,
            Expr::col(access_code::Column::Uses).add(1),
        )
        .filter(access_code::Column::CallId.eq(call_id))
        .filter(access_code::Column::Code.eq(code.trim().to_uppercase()))
        .filter(access_code::Column::RevokedAt.is_null())
        .filter(access_code::Column::ExpiresAt.gt(at))
        .filter(
            sea_orm::Condition::any()
                .add(access_code::Column::MaxUses.is_null())
                .add(
                    Expr::col(access_code::Column::Uses)
                        .lt(Expr::col(access_code::Column::MaxUses)),
                ),
        )
        .exec(db)
        .await?;
    Ok(result.rows_affected == 1)
}

/// "Start from last year" for calls: each call of `source` that `target` has
/// no call of the same title for is copied with its rules, its session types
/// (matched by code prefix) and its times moved by as many days as the
/// editions' first days are apart. Returns how many calls were copied.
pub async fn copy_calls(
    db: &impl ConnectionTrait,
    source: &forum::Model,
    target_id: Uuid,
    target_first_day: Option<chrono::NaiveDate>,
) -> Result<usize, AppError> {
    let shift = match (source.first_day, target_first_day) {
        (Some(from), Some(to)) => chrono::Duration::days((to - from).num_days()),
        _ => chrono::Duration::zero(),
    };
    let have = call::Entity::find()
        .filter(call::Column::ForumId.eq(target_id))
        .all(db)
        .await?;
    let calls = call::Entity::find()
        .filter(call::Column::ForumId.eq(source.id))
        .order_by_asc(call::Column::OpensAt)
        .all(db)
        .await?;
    let links = call_session_type::Entity::find()
        .filter(
            call_session_type::Column::CallId.is_in(calls.iter().map(|c| c.id).collect::<Vec<_>>()),
        )
        .all(db)
        .await?;
    let source_types = types_of_forum(db, source.id).await?;
    let target_types = types_of_forum(db, target_id).await?;
    let at = now();
    let mut copied = 0;
    for c in calls {
        if have.iter().any(|h| h.title == c.title) {
            continue;
        }
        let id = Uuid::new_v4();
        call::ActiveModel {
            id: Set(id),
            forum_id: Set(target_id),
            title: Set(c.title.clone()),
            introduction: Set(c.introduction.clone()),
            opens_at: Set(c.opens_at + shift),
            closes_at: Set(c.closes_at + shift),
            rules: Set(c.rules.clone()),
            publish_received: Set(c.publish_received),
            reviews_per_proposal: Set(c.reviews_per_proposal),
            max_reviews_per_reviewer: Set(c.max_reviews_per_reviewer),
            blind_review: Set(c.blind_review),
            review_form: Set(c.review_form.clone()),
            review_phases: Set(crate::review::scoring::shift_phases(
                &c.review_phases,
                shift,
            )),
            slot_budgets: Set(String::new()),
            share_reviewer_comments: Set(c.share_reviewer_comments),
            confirm_by: Set(c.confirm_by.map(|at| at + shift)),
            created_at: Set(at),
            updated_at: Set(at),
        }
        .insert(db)
        .await?;
        let prefixes = links
            .iter()
            .filter(|l| l.call_id == c.id)
            .filter_map(|l| source_types.iter().find(|t| t.id == l.session_type_id))
            .map(|t| t.code_prefix.clone());
        for prefix in prefixes {
            if let Some(t) = target_types.iter().find(|t| t.code_prefix == prefix) {
                call_session_type::ActiveModel {
                    call_id: Set(id),
                    session_type_id: Set(t.id),
                }
                .insert(db)
                .await?;
            }
        }
        copied += 1;
    }
    Ok(copied)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn moments_are_read_as_utc_and_shown_in_venue_time() {
        let t = utc_moment("2027-05-31T23:59").unwrap();
        assert_eq!(t.to_rfc3339(), "2027-05-31T23:59:00+00:00");
        assert_eq!(venue_time(t, "Europe/Zurich"), "2027-06-01 01:59 CEST");
        assert_eq!(venue_time(t, "Asia/Riyadh"), "2027-06-01 02:59 +03");
        assert_eq!(utc_moment("31/05/2027"), Err("calls.moment-invalid"));
        assert_eq!(utc_moment(""), Err("field.required"));
    }

    #[test]
    fn access_codes_avoid_look_alikes() {
        let code = new_code();
        assert_eq!(code.len(), 10);
        assert!(!code.contains(['0', 'O', '1', 'I', 'L']));
        assert_ne!(code, new_code());
    }
}
