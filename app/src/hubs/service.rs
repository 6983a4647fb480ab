//! Remote hubs' rules applied to the database (server only). Every change of
//! state and the mail it causes are written in one transaction; a change is
//! a conditional update on the state it was decided from, so of two
//! organisers (or an organiser and the registrant) acting at once the second
//! is refused ("changed meanwhile") and nothing of theirs is kept.

use super::*;
use crate::context::RequestCtx;
use crate::db::{begin_write, forum, now, remote_hub, remote_hub_coordinator, user};
use crate::error::AppError;
use crate::forums::editions::by_code;
use crate::i18n::Locale;
use crate::notifications::outbox::{enqueue, message_id_host};
use crate::notifications::templates::{render, Template};
use chrono::{DateTime, NaiveDate, Utc};
use sea_orm::{
    entity::prelude::*,
    sea_query::{Expr, ExprTrait},
    ActiveValue::Set,
    ConnectionTrait, DatabaseTransaction, QueryOrder, QuerySelect,
};

fn state_of(h: &remote_hub::Model) -> State {
    State::from_code(&h.state).unwrap_or(State::Pending)
}

fn today() -> NaiveDate {
    now().date_naive()
}

fn when(t: DateTime<Utc>) -> String {
    t.format("%Y-%m-%d %H:%M UTC").to_string()
}

fn participants(h: &remote_hub::Model) -> u32 {
    Ord::max(h.expected_participants, 0) as u32
}

/// How a mail names a hub: "institution, city, country".
fn hub_name(h: &remote_hub::Model) -> String {
    format!(
        "{}, {}, {}",
        h.institution,
        h.city,
        country_name(&h.country)
    )
}

/// The coordinators of these hubs, in their order: one statement.
async fn coordinators_of(
    db: &impl ConnectionTrait,
    hubs: Vec<Uuid>,
) -> Result<Vec<remote_hub_coordinator::Model>, AppError> {
    if hubs.is_empty() {
        return Ok(vec![]);
    }
    Ok(remote_hub_coordinator::Entity::find()
        .filter(remote_hub_coordinator::Column::HubId.is_in(hubs))
        .order_by_asc(remote_hub_coordinator::Column::HubId)
        .order_by_asc(remote_hub_coordinator::Column::Position)
        .all(db)
        .await?)
}

fn of_hub(
    all: &[remote_hub_coordinator::Model],
    hub: Uuid,
) -> impl Iterator<Item = &remote_hub_coordinator::Model> {
    all.iter().filter(move |c| c.hub_id == hub)
}

/// Queues the registrant's mail about their hub, in the transaction that
/// made the change.
async fn send(
    ctx: &RequestCtx,
    txn: &DatabaseTransaction,
    f: &forum::Model,
    hub: &remote_hub::Model,
    kind: &'static str,
) -> Result<(), AppError> {
    let Some(person) = user::Entity::find_by_id(hub.user_id).one(txn).await? else {
        return Ok(());
    };
    let locale = person
        .language
        .as_deref()
        .and_then(Locale::from_code)
        .unwrap_or_default();
    let mail = render(
        locale,
        &person.name,
        &Template::Hub {
            kind,
            forum: f.name.clone(),
            hub: hub_name(hub),
            reason: hub.reason.clone(),
            link: ctx.settings().link(&format!("/forums/{}/hubs", f.code)),
        },
    );
    let host = message_id_host(&ctx.settings().base_url);
    enqueue(txn, &person.email, &person.name, mail, &host).await?;
    Ok(())
}

/// An edition's hubs page: the approved hubs with their coordinators' names
/// and the figures, and the visitor's own hubs — four statements at most,
/// whatever the number of hubs.
pub async fn page(ctx: &RequestCtx, code: &str) -> Result<HubsPage, AppError> {
    let f = by_code(ctx, code).await?;
    let approved = remote_hub::Entity::find()
        .filter(remote_hub::Column::ForumId.eq(f.id))
        .filter(remote_hub::Column::State.eq(State::Approved.code()))
        .all(ctx.db())
        .await?;
    let coordinators = coordinators_of(ctx.db(), approved.iter().map(|h| h.id).collect()).await?;
    let mut hubs: Vec<PublicHub> = approved
        .iter()
        .map(|h| PublicHub {
            country: h.country.clone(),
            country_name: country_name(&h.country),
            city: h.city.clone(),
            institution: h.institution.clone(),
            coordinators: of_hub(&coordinators, h.id)
                .map(|c| c.name.clone())
                .collect(),
            expected_participants: participants(h),
            description: h.description.clone(),
            address: h.address.clone(),
            website: h.website.clone(),
        })
        .collect();
    hubs.sort_by(|a, b| {
        (
            &a.country_name,
            a.city.to_lowercase(),
            a.institution.to_lowercase(),
        )
            .cmp(&(
                &b.country_name,
                b.city.to_lowercase(),
                b.institution.to_lowercase(),
            ))
    });
    let mut page = HubsPage {
        forum_code: f.code.clone(),
        forum_name: f.name.clone(),
        open: is_open(f.last_day, today()),
        totals: totals(&hubs),
        hubs,
        signed_in: ctx.signed_in.is_some(),
        mine: vec![],
    };
    if let Some(me) = &ctx.signed_in {
        page.mine = remote_hub::Entity::find()
            .filter(remote_hub::Column::ForumId.eq(f.id))
            .filter(remote_hub::Column::UserId.eq(me.user_id()))
            .order_by_desc(remote_hub::Column::CreatedAt)
            .all(ctx.db())
            .await?
            .into_iter()
            .map(|h| MyHub {
                id: h.id.to_string(),
                state: state_of(&h),
                country_name: country_name(&h.country),
                city: h.city.clone(),
                institution: h.institution.clone(),
                expected_participants: participants(&h),
                reason: h.reason.clone(),
                registered_at: when(h.created_at),
            })
            .collect();
    }
    Ok(page)
}

/// One of the signed-in person's own hubs of this edition (someone else's
/// is as good as missing).
async fn own_hub(
    db: &impl ConnectionTrait,
    forum_id: Uuid,
    me: Uuid,
    hub: Uuid,
) -> Result<remote_hub::Model, AppError> {
    remote_hub::Entity::find_by_id(hub)
        .filter(remote_hub::Column::ForumId.eq(forum_id))
        .filter(remote_hub::Column::UserId.eq(me))
        .one(db)
        .await?
        .ok_or(AppError::NotFound)
}

/// The form's page: empty for a new hub (the first coordinator being the
/// person registering it), or the person's own hub while it waits.
pub async fn form_page(
    ctx: &RequestCtx,
    code: &str,
    hub: Option<Uuid>,
) -> Result<HubFormPage, AppError> {
    let me = ctx.require_signed_in()?.user_id();
    let f = by_code(ctx, code).await?;
    let form = match hub {
        None => {
            let person = user::Entity::find_by_id(me)
                .one(ctx.db())
                .await?
                .ok_or(AppError::Unauthorized)?;
            HubForm {
                country: person.country.unwrap_or_default(),
                institution: person.organisation,
                coordinators: vec![CoordinatorInput {
                    name: person.name,
                    email: person.email,
                }],
                ..Default::default()
            }
        }
        Some(id) => {
            let h = own_hub(ctx.db(), f.id, me, id).await?;
            if !state_of(&h).may_edit() {
                return Err(AppError::Conflict("hubs.not-editable".into()));
            }
            let people = coordinators_of(ctx.db(), vec![h.id]).await?;
            HubForm {
                country: h.country.clone(),
                city: h.city.clone(),
                institution: h.institution.clone(),
                expected_participants: h.expected_participants.to_string(),
                description: h.description.clone(),
                address: h.address.clone(),
                website: h.website.clone(),
                coordinators: people
                    .into_iter()
                    .map(|c| CoordinatorInput {
                        name: c.name,
                        email: c.email,
                    })
                    .collect(),
            }
        }
    };
    Ok(HubFormPage {
        forum_code: f.code.clone(),
        forum_name: f.name.clone(),
        open: is_open(f.last_day, today()),
        hub: hub.map(|h| h.to_string()),
        form,
    })
}

async fn write_coordinators(
    txn: &DatabaseTransaction,
    hub: Uuid,
    people: &[(String, String)],
) -> Result<(), AppError> {
    remote_hub_coordinator::Entity::delete_many()
        .filter(remote_hub_coordinator::Column::HubId.eq(hub))
        .exec(txn)
        .await?;
    let rows: Vec<remote_hub_coordinator::ActiveModel> = people
        .iter()
        .enumerate()
        .map(|(i, (name, email))| remote_hub_coordinator::ActiveModel {
            id: Set(Uuid::new_v4()),
            hub_id: Set(hub),
            position: Set(i as i32),
            name: Set(name.clone()),
            email: Set(email.clone()),
        })
        .collect();
    if !rows.is_empty() {
        remote_hub_coordinator::Entity::insert_many(rows)
            .exec(txn)
            .await?;
    }
    Ok(())
}

/// What saving did.
#[derive(Debug, PartialEq, Eq)]
pub enum Saved {
    Registered(Uuid),
    Changed(Uuid),
}

/// Registers a hub for the signed-in person (`hub` none), or changes their
/// own hub while it waits for the organisers. A new hub's "received" mail
/// goes out in the same transaction.
pub async fn save(
    ctx: &RequestCtx,
    code: &str,
    hub: Option<Uuid>,
    form: HubForm,
) -> Result<Saved, AppError> {
    let me = ctx.require_signed_in()?.user_id();
    let f = by_code(ctx, code).await?;
    if !is_open(f.last_day, today()) {
        return Err(AppError::Conflict("hubs.closed".into()));
    }
    let c = check(&form)?;
    let at = now();
    let txn = begin_write(ctx.db()).await?;
    let saved = match hub {
        None => {
            let mine = remote_hub::Entity::find()
                .filter(remote_hub::Column::ForumId.eq(f.id))
                .filter(remote_hub::Column::UserId.eq(me))
                .filter(remote_hub::Column::State.ne(State::Withdrawn.code()))
                .count(&txn)
                .await?;
            if mine >= MAX_HUBS_PER_PERSON {
                return Err(AppError::Conflict("hubs.too-many".into()));
            }
            let h = remote_hub::ActiveModel {
                id: Set(Uuid::new_v4()),
                forum_id: Set(f.id),
                user_id: Set(me),
                country: Set(c.country),
                city: Set(c.city),
                institution: Set(c.institution),
                expected_participants: Set(c.expected_participants as i32),
                description: Set(c.description),
                address: Set(c.address),
                website: Set(c.website),
                state: Set(State::Pending.code().into()),
                reason: Set(String::new()),
                decided_at: Set(None),
                decided_by: Set(None),
                created_at: Set(at),
                updated_at: Set(at),
            }
            .insert(&txn)
            .await?;
            write_coordinators(&txn, h.id, &c.coordinators).await?;
            send(ctx, &txn, &f, &h, "hub-received").await?;
            Saved::Registered(h.id)
        }
        Some(id) => {
            own_hub(&txn, f.id, me, id).await?;
            let changed = remote_hub::Entity::update_many()
                .col_expr(remote_hub::Column::Country, Expr::value(c.country))
                .col_expr(remote_hub::Column::City, Expr::value(c.city))
                .col_expr(remote_hub::Column::Institution, Expr::value(c.institution))
                .col_expr(
                    remote_hub::Column::ExpectedParticipants,
                    Expr::value(c.expected_participants as i32),
                )
                .col_expr(remote_hub::Column::Description, Expr::value(c.description))
                .col_expr(remote_hub::Column::Address, Expr::value(c.address))
                .col_expr(remote_hub::Column::Website, Expr::value(c.website))
                .col_expr(remote_hub::Column::UpdatedAt, Expr::value(at))
                .filter(remote_hub::Column::Id.eq(id))
                .filter(remote_hub::Column::State.eq(State::Pending.code()))
                .exec(&txn)
                .await?
                .rows_affected;
            if changed != 1 {
                return Err(AppError::Conflict("hubs.not-editable".into()));
            }
            write_coordinators(&txn, id, &c.coordinators).await?;
            Saved::Changed(id)
        }
    };
    txn.commit().await?;
    if matches!(saved, Saved::Registered(_)) {
        ctx.state.mail_queued.notify_one();
    }
    Ok(saved)
}

/// The registrant withdraws their hub (waiting or listed): it leaves the
/// public list for good.
pub async fn withdraw(ctx: &RequestCtx, code: &str, hub: Uuid) -> Result<(), AppError> {
    let me = ctx.require_signed_in()?.user_id();
    let f = by_code(ctx, code).await?;
    let txn = begin_write(ctx.db()).await?;
    let h = own_hub(&txn, f.id, me, hub).await?;
    let from = state_of(&h);
    if !from.may_withdraw() {
        return Err(AppError::Conflict("hubs.not-withdrawable".into()));
    }
    let done = remote_hub::Entity::update_many()
        .col_expr(
            remote_hub::Column::State,
            Expr::value(State::Withdrawn.code()),
        )
        .col_expr(remote_hub::Column::UpdatedAt, Expr::value(now()))
        .filter(remote_hub::Column::Id.eq(h.id))
        .filter(remote_hub::Column::State.eq(from.code()))
        .exec(&txn)
        .await?
        .rows_affected;
    if done != 1 {
        return Err(AppError::Conflict("hubs.changed-meanwhile".into()));
    }
    txn.commit().await?;
    Ok(())
}

/// The organisers' list, filtered by state, with each hub's coordinators
/// (addresses included) and the counts by state: five statements whatever
/// the number of hubs.
pub async fn manage(
    ctx: &RequestCtx,
    code: &str,
    state: Option<State>,
) -> Result<ManageHubs, AppError> {
    ctx.require_organiser(code)?;
    let f = by_code(ctx, code).await?;
    let mut q = remote_hub::Entity::find()
        .find_also_related(user::Entity)
        .filter(remote_hub::Column::ForumId.eq(f.id));
    if let Some(s) = state {
        q = q.filter(remote_hub::Column::State.eq(s.code()));
    }
    let found = q
        .order_by_asc(remote_hub::Column::CreatedAt)
        .limit(MAX_SHOWN)
        .all(ctx.db())
        .await?;
    let coordinators = coordinators_of(ctx.db(), found.iter().map(|(h, _)| h.id).collect()).await?;
    let rows = found
        .into_iter()
        .map(|(h, person)| {
            let (registrant, registrant_email) =
                person.map(|p| (p.name, p.email)).unwrap_or_default();
            HubRow {
                id: h.id.to_string(),
                state: state_of(&h),
                country: h.country.clone(),
                country_name: country_name(&h.country),
                city: h.city.clone(),
                institution: h.institution.clone(),
                expected_participants: participants(&h),
                coordinators: of_hub(&coordinators, h.id)
                    .map(|c| (c.name.clone(), c.email.clone()))
                    .collect(),
                description: h.description.clone(),
                address: h.address.clone(),
                website: h.website.clone(),
                registrant,
                registrant_email,
                reason: h.reason.clone(),
                registered_at: when(h.created_at),
            }
        })
        .collect();
    let counts: Vec<(String, i64)> = remote_hub::Entity::find()
        .select_only()
        .column(remote_hub::Column::State)
        .column_as(Expr::col(remote_hub::Column::Id).count(), "n")
        .filter(remote_hub::Column::ForumId.eq(f.id))
        .group_by(remote_hub::Column::State)
        .into_tuple()
        .all(ctx.db())
        .await?;
    Ok(ManageHubs {
        forum_code: f.code.clone(),
        forum_name: f.name.clone(),
        rows,
        counts: counts
            .into_iter()
            .filter_map(|(s, n)| Some((State::from_code(&s)?, n as u32)))
            .collect(),
    })
}

/// An organiser approves a hub or rejects it with a reason; the registrant
/// is mailed in the same transaction, and the audit log keeps the decision.
pub async fn decide_one(
    ctx: &RequestCtx,
    code: &str,
    hub: Uuid,
    decision: Decision,
    reason: &str,
) -> Result<State, AppError> {
    let me = ctx.require_organiser(code)?.user_id();
    let reason = reason.trim();
    if decision == Decision::Reject {
        if reason.is_empty() {
            return Err(AppError::field("reason", "hubs.reason-required"));
        }
        if reason.chars().count() > MAX_REASON {
            return Err(AppError::field("reason", "field.too-long"));
        }
    }
    let f = by_code(ctx, code).await?;
    let txn = begin_write(ctx.db()).await?;
    let h = remote_hub::Entity::find_by_id(hub)
        .filter(remote_hub::Column::ForumId.eq(f.id))
        .one(&txn)
        .await?
        .ok_or(AppError::NotFound)?;
    let from = state_of(&h);
    let Some(to) = decide(from, decision) else {
        return Err(AppError::Conflict("hubs.nothing-to-decide".into()));
    };
    let at = now();
    let kept_reason = if to == State::Rejected {
        reason.to_string()
    } else {
        String::new()
    };
    let done = remote_hub::Entity::update_many()
        .col_expr(remote_hub::Column::State, Expr::value(to.code()))
        .col_expr(remote_hub::Column::Reason, Expr::value(kept_reason))
        .col_expr(remote_hub::Column::DecidedAt, Expr::value(Some(at)))
        .col_expr(remote_hub::Column::DecidedBy, Expr::value(Some(me)))
        .col_expr(remote_hub::Column::UpdatedAt, Expr::value(at))
        .filter(remote_hub::Column::Id.eq(h.id))
        .filter(remote_hub::Column::State.eq(from.code()))
        .exec(&txn)
        .await?
        .rows_affected;
    if done != 1 {
        return Err(AppError::Conflict("hubs.changed-meanwhile".into()));
    }
    let h = remote_hub::Entity::find_by_id(h.id)
        .one(&txn)
        .await?
        .ok_or(AppError::NotFound)?;
    let kind = if to == State::Approved {
        "hub-approved"
    } else {
        "hub-rejected"
    };
    send(ctx, &txn, &f, &h, kind).await?;
    crate::admin::audit::record(
        &txn,
        Some(me),
        if to == State::Approved {
            "hub.approved"
        } else {
            "hub.rejected"
        },
        &f.code,
        &hub_name(&h),
        &ctx.client_addr,
    )
    .await?;
    txn.commit().await?;
    ctx.state.mail_queued.notify_one();
    Ok(to)
}
