//! Registration's rules applied to the database (server only). Every change
//! of state and the mail it causes are written in one transaction; changes
//! that take or free onsite places first lock the edition's setup row
//! (`FOR UPDATE` on PostgreSQL; SQLite's write transaction serialises
//! writers already), so concurrent approvals never take more places than
//! there are, and the waiting list moves up in the order it was joined.

use super::*;
use crate::accounts::countries;
use crate::accounts::domain::{parse_organisation, PersonName};
use crate::accounts::{Gender, StakeholderGroup};
use crate::context::RequestCtx;
use crate::db::{begin_write, forum, now, registration, registration_setup, user};
use crate::error::{AppError, Problems};
use crate::forums::editions::by_code;
use crate::i18n::Locale;
use crate::notifications::outbox::{enqueue, message_id_host};
use crate::notifications::templates::{render, Attachment, Template};
use chrono::{DateTime, NaiveDateTime, Utc};
use sea_orm::{
    entity::prelude::*,
    sea_query::{Expr, ExprTrait},
    ActiveValue::Set,
    Condition, ConnectionTrait, DatabaseTransaction, JoinType, QueryOrder, QuerySelect,
};

/// Longest accessibility note.
pub const MAX_ACCESSIBILITY: usize = 1000;
/// Longest refusal reason.
pub const MAX_REASON: usize = 2000;
/// Most registrations decided at once.
pub const MAX_BATCH: usize = 2000;
/// The letters of badge codes: no 0/O, 1/I/L, for typing at a desk.
const BADGE_LETTERS: &[u8] = b"ABCDEFGHJKMNPQRSTUVWXYZ23456789";
/// Letters in a badge code: 16 of 31, about 79 bits, not to be guessed.
const BADGE_LENGTH: usize = 16;

/// A new badge code.
pub fn new_badge_code() -> String {
    use rand::Rng;
    let mut rng = rand::rngs::OsRng;
    (0..BADGE_LENGTH)
        .map(|_| BADGE_LETTERS[rng.gen_range(0..BADGE_LETTERS.len())] as char)
        .collect()
}

/// A typed badge code as stored: capitals, no spaces or dashes.
pub fn normalise_badge_code(typed: &str) -> String {
    typed
        .chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .map(|c| c.to_ascii_uppercase())
        .collect()
}

/// The QR code of a badge code, as SVG.
pub fn badge_qr(code: &str) -> String {
    qrcode::QrCode::new(code.as_bytes())
        .map(|q| {
            q.render::<qrcode::render::svg::Color>()
                .min_dimensions(160, 160)
                .quiet_zone(true)
                .build()
        })
        .unwrap_or_default()
}

pub(super) fn mode_of(r: &registration::Model) -> Mode {
    Mode::from_code(&r.mode).unwrap_or(Mode::Online)
}

pub(super) fn state_of(r: &registration::Model) -> State {
    State::from_code(&r.state).unwrap_or(State::Pending)
}

pub(super) fn capacity(setup: &registration_setup::Model) -> Option<u32> {
    setup.onsite_capacity.map(|c| Ord::max(c, 0) as u32)
}

/// The setup row of the edition, locked for the rest of the transaction.
pub(super) async fn locked_setup(
    txn: &DatabaseTransaction,
    forum_id: Uuid,
) -> Result<Option<registration_setup::Model>, AppError> {
    let mut q = registration_setup::Entity::find_by_id(forum_id);
    if txn.get_database_backend() == sea_orm::DatabaseBackend::Postgres {
        q = q.lock_exclusive();
    }
    Ok(q.one(txn).await?)
}

/// Onsite places taken (approved onsite registrations).
pub(super) async fn taken(db: &impl ConnectionTrait, forum_id: Uuid) -> Result<u32, AppError> {
    Ok(registration::Entity::find()
        .filter(registration::Column::ForumId.eq(forum_id))
        .filter(registration::Column::State.eq(State::Approved.code()))
        .filter(registration::Column::Mode.eq(Mode::Onsite.code()))
        .count(db)
        .await? as u32)
}

/// Whether registration is open now.
fn is_open(setup: Option<&registration_setup::Model>, at: DateTime<Utc>) -> bool {
    setup.is_some_and(|s| s.open && s.closes_at.is_none_or(|c| at < c))
}

/// The mail that tells a person their registration's new state.
pub(super) struct Mail {
    pub(super) kind: &'static str,
    pub(super) registration: registration::Model,
}

pub(super) fn mail_kind(r: &registration::Model) -> &'static str {
    match (state_of(r), mode_of(r)) {
        (State::Pending, _) => "registration-received",
        (State::Approved, Mode::Onsite) => "registration-approved-onsite",
        (State::Approved, Mode::Online) => "registration-approved-online",
        (State::Waitlisted, _) => "registration-waitlisted",
        (State::Rejected, _) => "registration-rejected",
        (State::Cancelled, _) => "registration-cancelled",
    }
}

/// Queues the mails, in the transaction that made the changes.
pub(super) async fn send(
    ctx: &RequestCtx,
    txn: &DatabaseTransaction,
    f: &forum::Model,
    mails: Vec<Mail>,
) -> Result<(), AppError> {
    if mails.is_empty() {
        return Ok(());
    }
    let ids: Vec<Uuid> = mails.iter().map(|m| m.registration.user_id).collect();
    let people = user::Entity::find()
        .filter(user::Column::Id.is_in(ids))
        .all(txn)
        .await?;
    let host = message_id_host(&ctx.settings().base_url);
    let link = ctx.settings().link(&format!("/forums/{}/register", f.code));
    for m in mails {
        let Some(person) = people.iter().find(|p| p.id == m.registration.user_id) else {
            continue;
        };
        let locale = person
            .language
            .as_deref()
            .and_then(Locale::from_code)
            .unwrap_or_default();
        let onsite_badge = m.kind == "registration-approved-onsite";
        let mut mail = render(
            locale,
            &person.name,
            &Template::Registration {
                kind: m.kind,
                forum: f.name.clone(),
                badge: if onsite_badge {
                    m.registration.badge_code.clone()
                } else {
                    String::new()
                },
                reason: m.registration.reason.clone(),
                link: link.clone(),
            },
        );
        if onsite_badge {
            mail.attachment = Some(Attachment {
                name: format!("{}-badge.svg", f.code),
                media_type: "image/svg+xml".into(),
                body: badge_qr(&m.registration.badge_code),
            });
        }
        enqueue(txn, &person.email, &person.name, mail, &host).await?;
    }
    Ok(())
}

/// Moves the waiting list up into the places left, in the order it was
/// joined; returns the mails to send.
pub(super) async fn move_up(
    txn: &DatabaseTransaction,
    forum_id: Uuid,
    setup: &registration_setup::Model,
) -> Result<Vec<Mail>, AppError> {
    let waiting = registration::Entity::find()
        .filter(registration::Column::ForumId.eq(forum_id))
        .filter(registration::Column::State.eq(State::Waitlisted.code()))
        .count(txn)
        .await? as u32;
    let n = promotions(capacity(setup), taken(txn, forum_id).await?, waiting);
    if n == 0 {
        return Ok(vec![]);
    }
    let first = registration::Entity::find()
        .filter(registration::Column::ForumId.eq(forum_id))
        .filter(registration::Column::State.eq(State::Waitlisted.code()))
        .order_by_asc(registration::Column::QueuedAt)
        .order_by_asc(registration::Column::CreatedAt)
        .limit(n as u64)
        .all(txn)
        .await?;
    let mut mails = vec![];
    for r in first {
        let mut a: registration::ActiveModel = r.into();
        a.state = Set(State::Approved.code().into());
        a.queued_at = Set(None);
        a.updated_at = Set(now());
        let r = a.update(txn).await?;
        mails.push(Mail {
            kind: mail_kind(&r),
            registration: r,
        });
    }
    Ok(mails)
}

fn privacy_html(setup: Option<&registration_setup::Model>) -> String {
    setup
        .map(|s| crate::ui::markdown::to_safe_html(&s.privacy_notice))
        .unwrap_or_default()
}

pub(super) fn when(t: DateTime<Utc>) -> String {
    t.format("%Y-%m-%d %H:%M UTC").to_string()
}

fn mine_of(r: &registration::Model) -> MyRegistration {
    let state = state_of(r);
    let mode = mode_of(r);
    MyRegistration {
        state,
        mode,
        badge_name: r.badge_name.clone(),
        organisation: r.organisation.clone(),
        badge: (state == State::Approved && mode == Mode::Onsite)
            .then(|| (r.badge_code.clone(), badge_qr(&r.badge_code))),
        checked_in: r.checked_in_at.is_some(),
        reason: r.reason.clone(),
        registered_at: when(r.created_at),
        reminders: r.reminders.clone(),
        requested_mode: r.requested_mode.as_deref().and_then(Mode::from_code),
        answers: vec![],
    }
}

/// An edition's registration page for the visitor: five statements at most.
pub async fn page(ctx: &RequestCtx, code: &str) -> Result<RegistrationPage, AppError> {
    let f = by_code(ctx, code).await?;
    let setup = registration_setup::Entity::find_by_id(f.id)
        .one(ctx.db())
        .await?;
    let mut page = RegistrationPage {
        forum_code: f.code.clone(),
        forum_name: f.name.clone(),
        open: is_open(setup.as_ref(), now()),
        closes_at: setup.as_ref().and_then(|s| s.closes_at).map(when),
        privacy_notice: privacy_html(setup.as_ref()),
        signed_in: ctx.signed_in.is_some(),
        mine: None,
        prefill: RegistrationForm {
            mode: Mode::Online.code().into(),
            ..Default::default()
        },
        onsite_full: false,
        questions: super::questions_service::of_forum(ctx.db(), f.id).await?,
    };
    if let Some(c) = setup.as_ref().and_then(capacity) {
        page.onsite_full = taken(ctx.db(), f.id).await? >= c;
    }
    let Some(me) = &ctx.signed_in else {
        return Ok(page);
    };
    let mine = registration::Entity::find()
        .filter(registration::Column::ForumId.eq(f.id))
        .filter(registration::Column::UserId.eq(me.user_id()))
        .one(ctx.db())
        .await?;
    page.mine = mine.as_ref().map(|r| {
        let given = super::questions_service::answers_of(&r.answers);
        MyRegistration {
            answers: page
                .questions
                .iter()
                .filter_map(|q| Some((q.label.clone(), given.get(&q.id)?.clone())))
                .collect(),
            ..mine_of(r)
        }
    });
    if let Some(person) = user::Entity::find_by_id(me.user_id()).one(ctx.db()).await? {
        page.prefill = RegistrationForm {
            mode: mine
                .as_ref()
                .map(|r| r.mode.clone())
                .unwrap_or_else(|| Mode::Online.code().into()),
            badge_name: person.name,
            organisation: person.organisation,
            country: person.country.unwrap_or_default(),
            stakeholder_group: person.stakeholder_group.unwrap_or_default(),
            gender: person.gender.unwrap_or_default(),
            first_time: person.first_time,
            accessibility: String::new(),
            interpretation_language: person.language.unwrap_or_default(),
            listed: false,
            answers: Default::default(),
        };
    }
    Ok(page)
}

/// The checked values of the form.
struct Checked {
    mode: Mode,
    badge_name: String,
    organisation: String,
    country: Option<String>,
    stakeholder_group: Option<String>,
    gender: Option<String>,
    accessibility: String,
    interpretation_language: Option<String>,
    /// JSON, by question id.
    answers: String,
}

fn optional<T>(
    p: &mut Problems,
    field: &str,
    typed: &str,
    parse: impl Fn(&str) -> Option<T>,
) -> Option<Option<T>> {
    match typed.trim() {
        "" => Some(None),
        v => p.check(field, parse(v).map(Some).ok_or("field.choice-invalid")),
    }
}

fn check(
    form: &RegistrationForm,
    questions: &[Question],
    privacy: bool,
) -> Result<Checked, AppError> {
    let mut p = Problems::new();
    let mode = p.check(
        "mode",
        Mode::from_code(form.mode.trim()).ok_or("registration.mode-required"),
    );
    let badge_name = p.check("badge_name", PersonName::parse(&form.badge_name));
    let organisation = p.check("organisation", parse_organisation(&form.organisation));
    let country = match form.country.trim() {
        "" => Some(None),
        c => p.check(
            "country",
            countries::country(c)
                .map(|c| Some(c.code.to_string()))
                .ok_or("accounts.country-invalid"),
        ),
    };
    let group = optional(&mut p, "stakeholder_group", &form.stakeholder_group, |v| {
        StakeholderGroup::from_code(v).map(|g| g.code().to_string())
    });
    let gender = optional(&mut p, "gender", &form.gender, |v| {
        Gender::from_code(v).map(|g| g.code().to_string())
    });
    let language = optional(
        &mut p,
        "interpretation_language",
        &form.interpretation_language,
        |v| {
            crate::forums::rules::UN_LANGUAGES
                .contains(&v)
                .then(|| v.to_string())
        },
    );
    let accessibility = p.check(
        "accessibility",
        (form.accessibility.chars().count() <= MAX_ACCESSIBILITY)
            .then(|| form.accessibility.trim().to_string())
            .ok_or("registration.accessibility-too-long"),
    );
    let answers = super::questions_service::check_answers(&mut p, questions, &form.answers);
    if !privacy {
        p.add("privacy", "registration.privacy-required");
    }
    let checked = mode
        .zip(badge_name)
        .zip(organisation)
        .zip(country)
        .zip(group)
        .zip(gender)
        .zip(language)
        .zip(accessibility)
        .zip(answers);
    let (((((((mode, badge_name), organisation), country), group), gender), language), acc) = p
        .finish(checked)
        .map(|(rest, answers)| (rest.0, (rest.1, answers)))?;
    Ok(Checked {
        mode,
        badge_name: badge_name.as_str().into(),
        organisation,
        country,
        stakeholder_group: group,
        gender,
        accessibility: acc.0,
        interpretation_language: language,
        answers: acc.1,
    })
}

/// Registers the signed-in person; returns the state it starts in.
pub async fn register(
    ctx: &RequestCtx,
    code: &str,
    form: RegistrationForm,
    privacy: bool,
) -> Result<State, AppError> {
    let me = ctx.require_signed_in()?.user_id();
    let f = by_code(ctx, code).await?;
    let questions = super::questions_service::of_forum(ctx.db(), f.id).await?;
    let c = check(&form, &questions, privacy)?;
    let txn = begin_write(ctx.db()).await?;
    let setup = locked_setup(&txn, f.id).await?;
    let at = now();
    let Some(setup) = setup.filter(|s| is_open(Some(s), at)) else {
        return Err(AppError::Conflict("registration.closed".into()));
    };
    let earlier = registration::Entity::find()
        .filter(registration::Column::ForumId.eq(f.id))
        .filter(registration::Column::UserId.eq(me))
        .one(&txn)
        .await?;
    if earlier
        .as_ref()
        .is_some_and(|r| state_of(r) != State::Cancelled)
    {
        return Err(AppError::Conflict("registration.already".into()));
    }
    let state = on_arrival(c.mode, setup.online_needs_approval);
    let row = registration::ActiveModel {
        id: Set(earlier.as_ref().map(|r| r.id).unwrap_or_else(Uuid::new_v4)),
        forum_id: Set(f.id),
        user_id: Set(me),
        mode: Set(c.mode.code().into()),
        requested_mode: Set(None),
        state: Set(state.code().into()),
        badge_name: Set(c.badge_name),
        organisation: Set(c.organisation),
        country: Set(c.country),
        stakeholder_group: Set(c.stakeholder_group),
        gender: Set(c.gender),
        first_time: Set(form.first_time),
        accessibility: Set(c.accessibility),
        interpretation_language: Set(c.interpretation_language),
        listed: Set(form.listed),
        privacy_accepted_at: Set(at),
        answers: Set(c.answers),
        badge_code: Set(new_badge_code()),
        queued_at: Set(None),
        checked_in_at: Set(None),
        checked_in_by: Set(None),
        decided_at: Set(None),
        decided_by: Set(None),
        reason: Set(String::new()),
        reminders: Set(earlier
            .as_ref()
            .map(|r| r.reminders.clone())
            .unwrap_or_else(|| crate::reminders::Choice::default().code().into())),
        created_at: Set(at),
        updated_at: Set(at),
    };
    let saved = if earlier.is_some() {
        row.update(&txn).await?
    } else {
        match row.insert(&txn).await {
            Ok(r) => r,
            Err(e)
                if matches!(
                    e.sql_err(),
                    Some(sea_orm::SqlErr::UniqueConstraintViolation(_))
                ) =>
            {
                return Err(AppError::Conflict("registration.already".into()));
            }
            Err(e) => return Err(e.into()),
        }
    };
    let kind = mail_kind(&saved);
    send(
        ctx,
        &txn,
        &f,
        vec![Mail {
            kind,
            registration: saved,
        }],
    )
    .await?;
    txn.commit().await?;
    Ok(state)
}

/// The signed-in person cancels their registration; an onsite place they
/// held goes to the first on the waiting list.
pub async fn cancel(ctx: &RequestCtx, code: &str) -> Result<(), AppError> {
    let me = ctx.require_signed_in()?.user_id();
    let f = by_code(ctx, code).await?;
    let txn = begin_write(ctx.db()).await?;
    let setup = locked_setup(&txn, f.id).await?;
    let r = registration::Entity::find()
        .filter(registration::Column::ForumId.eq(f.id))
        .filter(registration::Column::UserId.eq(me))
        .one(&txn)
        .await?
        .filter(|r| state_of(r).is_live())
        .ok_or(AppError::Conflict("registration.nothing-to-cancel".into()))?;
    let mut a: registration::ActiveModel = r.into();
    a.state = Set(State::Cancelled.code().into());
    a.queued_at = Set(None);
    a.updated_at = Set(now());
    let r = a.update(&txn).await?;
    crate::participation::service::withdraw_all(ctx, &txn, &f, me).await?;
    let mut mails = vec![Mail {
        kind: mail_kind(&r),
        registration: r,
    }];
    if let Some(setup) = setup {
        mails.extend(move_up(&txn, f.id, &setup).await?);
    }
    send(ctx, &txn, &f, mails).await?;
    txn.commit().await?;
    Ok(())
}

/// The signed-in person chooses their reminder mails (`reminders::Choice`).
pub async fn set_reminders(ctx: &RequestCtx, code: &str, choice: &str) -> Result<(), AppError> {
    let me = ctx.require_signed_in()?.user_id();
    let f = by_code(ctx, code).await?;
    let mut p = Problems::new();
    let choice = p.check(
        "reminders",
        crate::reminders::Choice::from_code(choice.trim()).ok_or("reminders.choice-invalid"),
    );
    let choice = p.finish(choice)?;
    let r = registration::Entity::find()
        .filter(registration::Column::ForumId.eq(f.id))
        .filter(registration::Column::UserId.eq(me))
        .one(ctx.db())
        .await?
        .filter(|r| state_of(r).is_live())
        .ok_or(AppError::Conflict("reminders.not-registered".into()))?;
    let mut a: registration::ActiveModel = r.into();
    a.reminders = Set(choice.code().into());
    a.updated_at = Set(now());
    a.update(ctx.db()).await?;
    Ok(())
}

/// What a batch of decisions did.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Decided {
    pub approved: u32,
    pub waitlisted: u32,
    pub rejected: u32,
    /// Already so, or cancelled, or not asking to change: left alone.
    pub unchanged: u32,
    /// Changes to onsite approved while no place was left: still asked for.
    pub no_place: u32,
}

/// Most registrations decided at once through "everyone matching".
pub const MAX_MATCHING: usize = 20_000;

/// Which registrations a decision is about.
#[derive(Clone, Debug, PartialEq)]
pub enum Chosen {
    /// Ticked in the list.
    Ids(Vec<Uuid>),
    /// Everyone the list's filters match.
    Matching(Filters),
}

/// The chosen registrations of the edition, oldest first, in the
/// transaction (one statement).
async fn chosen_rows(
    txn: &DatabaseTransaction,
    forum_id: Uuid,
    chosen: &Chosen,
) -> Result<Vec<registration::Model>, AppError> {
    let rows = match chosen {
        Chosen::Ids(ids) => {
            registration::Entity::find()
                .filter(registration::Column::ForumId.eq(forum_id))
                .filter(registration::Column::Id.is_in(ids.to_vec()))
                .order_by_asc(registration::Column::CreatedAt)
                .all(txn)
                .await?
        }
        Chosen::Matching(filters) => {
            registration::Entity::find()
                .join(JoinType::InnerJoin, registration::Relation::User.def())
                .filter(matching(forum_id, filters))
                .order_by_asc(registration::Column::CreatedAt)
                .limit(MAX_MATCHING as u64 + 1)
                .all(txn)
                .await?
        }
    };
    if rows.len() > MAX_MATCHING {
        return Err(AppError::form("registration.too-many-matching"));
    }
    Ok(rows)
}

/// Organisers decide about registrations (ticked, or every one matching the
/// filters): approved onsite ones take places while there are any, then
/// join the waiting list; rejecting frees places, which the waiting list
/// takes. Changes of mode asked for are approved (while places last) or
/// refused the same way (`changes.rs`).
pub async fn decide_many(
    ctx: &RequestCtx,
    code: &str,
    chosen: Chosen,
    decision: Decision,
    reason: &str,
) -> Result<Decided, AppError> {
    let me = ctx.require_organiser(code)?.user_id();
    if let Chosen::Ids(ids) = &chosen {
        if ids.is_empty() {
            return Err(AppError::form("registration.none-chosen"));
        }
        if ids.len() > MAX_BATCH {
            return Err(AppError::BadRequest);
        }
    }
    if reason.chars().count() > MAX_REASON {
        return Err(AppError::field("reason", "registration.reason-too-long"));
    }
    let f = by_code(ctx, code).await?;
    let txn = begin_write(ctx.db()).await?;
    let setup = locked_setup(&txn, f.id).await?;
    let rows = chosen_rows(&txn, f.id, &chosen).await?;
    let batch = Batch {
        ctx,
        txn: &txn,
        forum: &f,
        capacity: setup.as_ref().and_then(capacity),
        by: me,
        reason: reason.trim(),
    };
    let (done, mut mails) = match decision {
        Decision::Approve | Decision::Reject => batch.decide(rows, decision).await?,
        Decision::ApproveChange => batch.changes(rows, true).await?,
        Decision::RefuseChange => batch.changes(rows, false).await?,
    };
    if let Some(setup) = &setup {
        mails.extend(move_up(&txn, f.id, setup).await?);
    }
    send(ctx, &txn, &f, mails).await?;
    crate::admin::audit::record(
        &txn,
        Some(me),
        "registration.decided",
        &f.code,
        &format!(
            "{:?}: {} approved, {} waitlisted, {} rejected, {} without a place",
            decision, done.approved, done.waitlisted, done.rejected, done.no_place
        ),
        &ctx.client_addr,
    )
    .await?;
    txn.commit().await?;
    Ok(done)
}

/// One batch of decisions in its transaction.
pub(super) struct Batch<'a> {
    pub(super) ctx: &'a RequestCtx,
    pub(super) txn: &'a DatabaseTransaction,
    pub(super) forum: &'a forum::Model,
    pub(super) capacity: Option<u32>,
    pub(super) by: Uuid,
    pub(super) reason: &'a str,
}

impl Batch<'_> {
    /// Writes one decision with who took it and when, releases the person's
    /// session sign-ups when `release`, and gives the mail it sends (of the
    /// registration's new state unless `kind` names another).
    pub(super) async fn write(
        &self,
        mut a: registration::ActiveModel,
        at: DateTime<Utc>,
        release: bool,
        kind: Option<&'static str>,
    ) -> Result<Mail, AppError> {
        a.decided_at = Set(Some(at));
        a.decided_by = Set(Some(self.by));
        a.updated_at = Set(at);
        let r = a.update(self.txn).await?;
        if release {
            crate::participation::service::withdraw_all(self.ctx, self.txn, self.forum, r.user_id)
                .await?;
        }
        Ok(Mail {
            kind: kind.unwrap_or_else(|| mail_kind(&r)),
            registration: r,
        })
    }

    /// Approves or rejects the registrations.
    async fn decide(
        &self,
        rows: Vec<registration::Model>,
        decision: Decision,
    ) -> Result<(Decided, Vec<Mail>), AppError> {
        let mut places = taken(self.txn, self.forum.id).await?;
        let at = now();
        let mut done = Decided::default();
        let mut mails = vec![];
        for r in rows {
            let from = state_of(&r);
            let Some(decision) = decide(from, decision) else {
                done.unchanged += 1;
                continue;
            };
            let mode = mode_of(&r);
            let to = match decision {
                Decision::Approve => on_approval(mode, places, self.capacity),
                _ => State::Rejected,
            };
            if to == from {
                done.unchanged += 1;
                continue;
            }
            if mode == Mode::Onsite {
                if to == State::Approved {
                    places += 1;
                } else if from == State::Approved {
                    places = places.saturating_sub(1);
                }
            }
            match to {
                State::Approved => done.approved += 1,
                State::Waitlisted => done.waitlisted += 1,
                _ => done.rejected += 1,
            }
            let mut a: registration::ActiveModel = r.into();
            a.state = Set(to.code().into());
            a.queued_at = Set((to == State::Waitlisted).then_some(at));
            a.reason = Set(if to == State::Rejected {
                self.reason.to_string()
            } else {
                String::new()
            });
            if to == State::Rejected {
                a.requested_mode = Set(None);
            }
            mails.push(self.write(a, at, to == State::Rejected, None).await?);
        }
        Ok((done, mails))
    }
}

fn parse_closing(typed: &str) -> Result<Option<DateTime<Utc>>, &'static str> {
    match typed.trim() {
        "" => Ok(None),
        t => NaiveDateTime::parse_from_str(t, "%Y-%m-%dT%H:%M")
            .map(|n| Some(n.and_utc()))
            .map_err(|_| "registration.closes-invalid"),
    }
}

/// The edition's setup as the organisers' form shows it.
pub fn setup_view(s: Option<&registration_setup::Model>) -> Setup {
    match s {
        None => Setup::default(),
        Some(s) => Setup {
            open: s.open,
            closes_at: s
                .closes_at
                .map(|c| c.format("%Y-%m-%dT%H:%M").to_string())
                .unwrap_or_default(),
            onsite_capacity: capacity(s),
            online_needs_approval: s.online_needs_approval,
            privacy_notice: s.privacy_notice.clone(),
            reminder_lead_minutes: Ord::max(s.reminder_lead_minutes, 0) as u32,
            digest_hour: Ord::max(s.digest_hour, 0) as u32,
        },
    }
}

/// Longest privacy notice.
pub const MAX_NOTICE: usize = 20_000;
/// Largest onsite capacity.
pub const MAX_CAPACITY: u32 = 100_000;

/// Saves the setup; more places let the waiting list move up.
#[allow(clippy::too_many_arguments)] // one per field of the organisers' form
pub async fn save_setup(
    ctx: &RequestCtx,
    code: &str,
    open: bool,
    closes_at: &str,
    onsite_capacity: &str,
    online_needs_approval: bool,
    privacy_notice: &str,
    reminders: (&str, &str),
) -> Result<(), AppError> {
    ctx.require_organiser(code)?;
    let f = by_code(ctx, code).await?;
    let mut p = Problems::new();
    let closes = p.check("closes_at", parse_closing(closes_at));
    let capacity = p.check(
        "onsite_capacity",
        match onsite_capacity.trim() {
            "" => Ok(None),
            c => c
                .parse::<u32>()
                .ok()
                .filter(|c| *c <= MAX_CAPACITY)
                .map(|c| Some(c as i32))
                .ok_or("registration.capacity-invalid"),
        },
    );
    let notice = p.check(
        "privacy_notice",
        (privacy_notice.chars().count() <= MAX_NOTICE)
            .then(|| privacy_notice.trim().to_string())
            .ok_or("registration.notice-too-long"),
    );
    if open && privacy_notice.trim().is_empty() {
        p.add("privacy_notice", "registration.notice-required");
    }
    let lead = p.check(
        "reminder_lead_minutes",
        crate::reminders::parse_lead(reminders.0),
    );
    let hour = p.check("digest_hour", crate::reminders::parse_hour(reminders.1));
    let (((closes, capacity), notice), (lead, hour)) =
        p.finish(closes.zip(capacity).zip(notice).zip(lead.zip(hour)))?;
    let txn = begin_write(ctx.db()).await?;
    let existing = locked_setup(&txn, f.id).await?;
    let row = registration_setup::ActiveModel {
        forum_id: Set(f.id),
        open: Set(open),
        closes_at: Set(closes),
        onsite_capacity: Set(capacity),
        online_needs_approval: Set(online_needs_approval),
        privacy_notice: Set(notice),
        reminder_lead_minutes: Set(lead as i32),
        digest_hour: Set(hour as i32),
        updated_at: Set(now()),
    };
    let saved = if existing.is_some() {
        row.update(&txn).await?
    } else {
        row.insert(&txn).await?
    };
    let mails = move_up(&txn, f.id, &saved).await?;
    send(ctx, &txn, &f, mails).await?;
    txn.commit().await?;
    Ok(())
}

/// A word in the person's name or email, or the badge name or organisation
/// (case ignored; `%` and `_` taken as they are).
fn any_field_has(word: &str) -> Condition {
    crate::db::any_contains(
        [
            Expr::col((user::Entity, user::Column::Name)),
            Expr::col((user::Entity, user::Column::Email)),
            Expr::col((registration::Entity, registration::Column::BadgeName)),
            Expr::col((registration::Entity, registration::Column::Organisation)),
        ],
        word,
    )
}

/// The registrations of the edition that the filters choose (state, mode,
/// asking to change mode, words in name, address or organisation).
pub(super) fn matching(forum_id: Uuid, filters: &Filters) -> Condition {
    let mut chosen = Condition::all().add(registration::Column::ForumId.eq(forum_id));
    if let Some(s) = filters.state {
        chosen = chosen.add(registration::Column::State.eq(s.code()));
    }
    if let Some(m) = filters.mode {
        chosen = chosen.add(registration::Column::Mode.eq(m.code()));
    }
    if filters.asking {
        chosen = chosen.add(registration::Column::RequestedMode.is_not_null());
    }
    for word in filters.words.split_whitespace() {
        chosen = chosen.add(any_field_has(word));
    }
    chosen
}

/// The organisers' list, filtered in SQL, the first [`MAX_SHOWN`] shown:
/// five statements whatever the number of registrations.
pub async fn list(
    ctx: &RequestCtx,
    code: &str,
    filters: Filters,
) -> Result<Registrations, AppError> {
    ctx.require_organiser(code)?;
    let f = by_code(ctx, code).await?;
    let setup = registration_setup::Entity::find_by_id(f.id)
        .one(ctx.db())
        .await?;
    let chosen = matching(f.id, &filters);
    let matched = registration::Entity::find()
        .join(JoinType::InnerJoin, registration::Relation::User.def())
        .filter(chosen.clone())
        .count(ctx.db())
        .await? as u32;
    let rows: Vec<RegistrationRow> = registration::Entity::find()
        .find_also_related(user::Entity)
        .filter(chosen)
        .order_by_asc(registration::Column::CreatedAt)
        .limit(MAX_SHOWN as u64)
        .all(ctx.db())
        .await?
        .into_iter()
        .filter_map(|(r, person)| {
            let person = person?;
            Some(RegistrationRow {
                id: r.id.to_string(),
                name: person.name,
                email: person.email,
                badge_name: r.badge_name.clone(),
                organisation: r.organisation.clone(),
                country: r.country.clone(),
                stakeholder_group: r.stakeholder_group.clone(),
                mode: mode_of(&r),
                requested_mode: r.requested_mode.as_deref().and_then(Mode::from_code),
                state: state_of(&r),
                checked_in: r.checked_in_at.is_some(),
                registered_at: when(r.created_at),
            })
        })
        .collect();
    let counts: Vec<(String, String, i64)> = registration::Entity::find()
        .select_only()
        .column(registration::Column::State)
        .column(registration::Column::Mode)
        .column_as(Expr::col(registration::Column::Id).count(), "n")
        .filter(registration::Column::ForumId.eq(f.id))
        .group_by(registration::Column::State)
        .group_by(registration::Column::Mode)
        .into_tuple()
        .all(ctx.db())
        .await?;
    Ok(Registrations {
        forum_code: f.code.clone(),
        forum_name: f.name.clone(),
        rows,
        matched,
        counts: counts
            .into_iter()
            .filter_map(|(s, m, n)| Some((State::from_code(&s)?, Mode::from_code(&m)?, n as u32)))
            .collect(),
        onsite_capacity: setup.as_ref().and_then(capacity),
        setup: setup_view(setup.as_ref()),
        questions: super::questions_service::of_forum(ctx.db(), f.id).await?,
        filters,
    })
}

fn check_in_view(r: &registration::Model, person: user::Model, now: bool) -> CheckIn {
    CheckIn {
        name: person.name,
        badge_name: r.badge_name.clone(),
        organisation: r.organisation.clone(),
        mode: mode_of(r),
        state: state_of(r),
        now,
        checked_in_at: r.checked_in_at.map(when),
    }
}

/// The badge desk's look at a code, changing nothing (none: no such badge).
pub async fn badge(ctx: &RequestCtx, code: &str, badge: &str) -> Result<Option<CheckIn>, AppError> {
    ctx.require_organiser(code)?;
    let f = by_code(ctx, code).await?;
    let found = registration::Entity::find()
        .filter(registration::Column::ForumId.eq(f.id))
        .filter(registration::Column::BadgeCode.eq(normalise_badge_code(badge)))
        .find_also_related(user::Entity)
        .one(ctx.db())
        .await?;
    Ok(match found {
        Some((r, Some(person))) => Some(check_in_view(&r, person, false)),
        _ => None,
    })
}

/// The badge desk: finds the registration by the code on the badge and
/// checks the person in, once; anyone else is shown as they stand.
pub async fn check_in(ctx: &RequestCtx, code: &str, badge: &str) -> Result<CheckIn, AppError> {
    let me = ctx.require_organiser(code)?.user_id();
    let f = by_code(ctx, code).await?;
    let badge = normalise_badge_code(badge);
    if badge.is_empty() {
        return Err(AppError::field("badge", "field.required"));
    }
    let txn = begin_write(ctx.db()).await?;
    let found = registration::Entity::find()
        .filter(registration::Column::ForumId.eq(f.id))
        .filter(registration::Column::BadgeCode.eq(badge))
        .find_also_related(user::Entity)
        .one(&txn)
        .await?;
    let Some((r, Some(person))) = found else {
        return Err(AppError::field("badge", "registration.badge-unknown"));
    };
    let may = state_of(&r) == State::Approved && mode_of(&r) == Mode::Onsite;
    // Only the first of two desks scanning at once checks the person in.
    let at = now();
    let first = may
        && registration::Entity::update_many()
            .col_expr(registration::Column::CheckedInAt, Expr::value(Some(at)))
            .col_expr(registration::Column::CheckedInBy, Expr::value(Some(me)))
            .col_expr(registration::Column::UpdatedAt, Expr::value(at))
            .filter(registration::Column::Id.eq(r.id))
            .filter(registration::Column::CheckedInAt.is_null())
            .exec(&txn)
            .await?
            .rows_affected
            == 1;
    let r = registration::Entity::find_by_id(r.id)
        .one(&txn)
        .await?
        .ok_or(AppError::NotFound)?;
    txn.commit().await?;
    Ok(check_in_view(&r, person, first))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn badge_codes_are_long_and_typeable() {
        let a = new_badge_code();
        assert_eq!(a.len(), BADGE_LENGTH);
        assert!(a.bytes().all(|b| BADGE_LETTERS.contains(&b)));
        assert_ne!(a, new_badge_code());
        assert_eq!(normalise_badge_code(" abcd-efgh 2345 "), "ABCDEFGH2345");
    }

    #[test]
    fn a_badge_has_a_qr_code() {
        let svg = badge_qr("ABCDEFGH23456789");
        assert!(svg.starts_with("<?xml") && svg.contains("<svg"));
    }

    #[test]
    fn closing_times_are_utc_minutes() {
        assert_eq!(parse_closing(""), Ok(None));
        assert!(parse_closing("2027-05-01T17:00").unwrap().is_some());
        assert!(parse_closing("tomorrow").is_err());
    }
}
