//! Consultations' rules applied to the database (server only). A
//! contribution and the mail it causes are written in one transaction; a
//! moderation is a conditional update on the state it was decided from, so
//! of two organisers acting at once the second is told it changed meanwhile.
//! Every page reads a fixed number of statements, however many
//! contributions there are.

use super::phases::{self, Phase, Stage};
use super::*;
use crate::context::RequestCtx;
use crate::db::{
    begin_write, consultation, consultation_phase, consultation_question, contribution,
    contribution_file, forum, now, theme, theme_source, user,
};
use crate::forums::editions::by_code;
use crate::hubs::country_name;
use crate::notifications::outbox::enqueue_for;
use crate::notifications::templates::Template;
use crate::ui::markdown::to_safe_html;
use chrono::{DateTime, NaiveDateTime, Utc};
use sea_orm::{
    entity::prelude::*,
    sea_query::{Expr, ExprTrait, Query},
    ActiveValue::Set,
    Condition, ConnectionTrait, DatabaseTransaction, QueryOrder, QuerySelect,
};

pub(super) fn when(t: DateTime<Utc>) -> String {
    t.format("%Y-%m-%d %H:%M UTC").to_string()
}

fn day(t: DateTime<Utc>) -> String {
    t.format("%Y-%m-%d").to_string()
}

fn input(t: DateTime<Utc>) -> String {
    t.format("%Y-%m-%dT%H:%M").to_string()
}

/// A `datetime-local` value, taken as UTC (the page says so).
pub fn parse_instant(typed: &str) -> Result<DateTime<Utc>, &'static str> {
    let typed = typed.trim();
    if typed.is_empty() {
        return Err("field.required");
    }
    ["%Y-%m-%dT%H:%M", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M"]
        .iter()
        .find_map(|f| NaiveDateTime::parse_from_str(typed, f).ok())
        .map(|t| t.and_utc())
        .ok_or("consultation.phase.date-invalid")
}

pub(super) fn state_of(c: &contribution::Model) -> State {
    State::from_code(&c.state).unwrap_or(State::Received)
}

pub(super) fn phase_of(p: &consultation_phase::Model) -> Phase {
    Phase {
        name: p.name.clone(),
        starts: p.starts_at,
        ends: p.ends_at,
        contributions: p.contributions,
        comments: p.comments,
    }
}

/// A consultation of the edition by its address; a draft one is found only
/// by organisers.
pub(super) async fn find(
    ctx: &RequestCtx,
    f: &forum::Model,
    slug: &str,
) -> Result<consultation::Model, AppError> {
    let c = consultation::Entity::find()
        .filter(consultation::Column::ForumId.eq(f.id))
        .filter(consultation::Column::Slug.eq(slug.trim().to_lowercase()))
        .one(ctx.db())
        .await?
        .ok_or(AppError::NotFound)?;
    if !c.published && ctx.require_organiser(&f.code).is_err() {
        return Err(AppError::NotFound);
    }
    Ok(c)
}

/// The edition and a consultation of it that everyone may see (a draft one
/// only organisers).
pub(super) async fn visible(
    ctx: &RequestCtx,
    code: &str,
    slug: &str,
) -> Result<(forum::Model, consultation::Model), AppError> {
    let f = by_code(ctx, code).await?;
    let c = find(ctx, &f, slug).await?;
    Ok((f, c))
}

/// A consultation's phases in order, as the pure rules take them.
pub(super) async fn phase_list(
    db: &impl ConnectionTrait,
    consultation: Uuid,
) -> Result<Vec<Phase>, AppError> {
    Ok(phases_of(db, consultation)
        .await?
        .iter()
        .map(phase_of)
        .collect())
}

/// A removal that found nothing to remove: not found.
pub(super) fn removed(rows: u64) -> Result<(), AppError> {
    if rows == 0 {
        Err(AppError::NotFound)
    } else {
        Ok(())
    }
}

/// The edition and the consultation, for an organiser.
pub(super) async fn organised(
    ctx: &RequestCtx,
    code: &str,
    slug: &str,
) -> Result<(forum::Model, consultation::Model, Uuid), AppError> {
    let me = ctx.require_organiser(code)?.user_id();
    let f = by_code(ctx, code).await?;
    let c = find(ctx, &f, slug).await?;
    Ok((f, c, me))
}

pub(super) async fn phases_of(
    db: &impl ConnectionTrait,
    consultation: Uuid,
) -> Result<Vec<consultation_phase::Model>, AppError> {
    Ok(consultation_phase::Entity::find()
        .filter(consultation_phase::Column::ConsultationId.eq(consultation))
        .order_by_asc(consultation_phase::Column::StartsAt)
        .all(db)
        .await?)
}

pub(super) async fn questions_of(
    db: &impl ConnectionTrait,
    consultation: Uuid,
) -> Result<Vec<consultation_question::Model>, AppError> {
    Ok(consultation_question::Entity::find()
        .filter(consultation_question::Column::ConsultationId.eq(consultation))
        .order_by_asc(consultation_question::Column::Position)
        .all(db)
        .await?)
}

fn phase_views(rows: &[consultation_phase::Model], at: DateTime<Utc>) -> Vec<PhaseView> {
    rows.iter()
        .map(|p| PhaseView {
            id: p.id.to_string(),
            name: p.name.clone(),
            starts: when(p.starts_at),
            ends: when(p.ends_at),
            starts_input: input(p.starts_at),
            ends_input: input(p.ends_at),
            contributions: p.contributions,
            comments: p.comments,
            current: p.starts_at <= at && at < p.ends_at,
            over: p.ends_at <= at,
        })
        .collect()
}

pub(super) fn question_views(rows: &[consultation_question::Model]) -> Vec<QuestionView> {
    rows.iter()
        .map(|q| QuestionView {
            id: q.id.to_string(),
            position: q.position,
            title: q.title.clone(),
            description_html: to_safe_html(&q.description),
        })
        .collect()
}

pub(super) fn title_of(questions: &[consultation_question::Model], id: Uuid) -> String {
    questions
        .iter()
        .find(|q| q.id == id)
        .map(|q| q.title.clone())
        .unwrap_or_default()
}

/// Queues the author's mail about their contribution, in the transaction
/// that made the change.
async fn send(
    ctx: &RequestCtx,
    txn: &DatabaseTransaction,
    f: &forum::Model,
    c: &consultation::Model,
    item: &contribution::Model,
    question: String,
    kind: &'static str,
) -> Result<(), AppError> {
    let Some(person) = user::Entity::find_by_id(item.author_id).one(txn).await? else {
        return Ok(());
    };
    let template = Template::Contribution {
        kind,
        consultation: c.title.clone(),
        question,
        reason: item.reason.clone(),
        link: ctx
            .settings()
            .link(&format!("/forums/{}/consultations/{}", f.code, c.slug)),
    };
    enqueue_for(txn, &person, &template, &ctx.settings().base_url).await?;
    Ok(())
}

/// An edition's consultations: published ones for everyone, drafts too for
/// organisers — three statements.
pub async fn list(ctx: &RequestCtx, code: &str) -> Result<ConsultationsPage, AppError> {
    let f = by_code(ctx, code).await?;
    let organiser = ctx.require_organiser(code).is_ok();
    let mut q = consultation::Entity::find().filter(consultation::Column::ForumId.eq(f.id));
    if !organiser {
        q = q.filter(consultation::Column::Published.eq(true));
    }
    let found = q
        .order_by_desc(consultation::Column::CreatedAt)
        .all(ctx.db())
        .await?;
    let ids: Vec<Uuid> = found.iter().map(|c| c.id).collect();
    let at = now();
    let current: Vec<(Uuid, String)> = consultation_phase::Entity::find()
        .select_only()
        .column(consultation_phase::Column::ConsultationId)
        .column(consultation_phase::Column::Name)
        .filter(consultation_phase::Column::ConsultationId.is_in(ids.clone()))
        .filter(consultation_phase::Column::StartsAt.lte(at))
        .filter(consultation_phase::Column::EndsAt.gt(at))
        .into_tuple()
        .all(ctx.db())
        .await?;
    let counts: Vec<(Uuid, i64)> = contribution::Entity::find()
        .select_only()
        .column(contribution::Column::ConsultationId)
        .column_as(Expr::col(contribution::Column::Id).count(), "n")
        .filter(contribution::Column::ConsultationId.is_in(ids))
        .filter(contribution::Column::State.eq(State::Approved.code()))
        .group_by(contribution::Column::ConsultationId)
        .into_tuple()
        .all(ctx.db())
        .await?;
    Ok(ConsultationsPage {
        forum_code: f.code.clone(),
        forum_name: f.name.clone(),
        organiser,
        consultations: found
            .into_iter()
            .map(|c| ConsultationLine {
                current_phase: current
                    .iter()
                    .find(|(id, _)| *id == c.id)
                    .map(|(_, n)| n.clone()),
                contributions: counts
                    .iter()
                    .find(|(id, _)| *id == c.id)
                    .map_or(0, |(_, n)| *n as u64),
                slug: c.slug,
                title: c.title,
                published: c.published,
            })
            .collect(),
    })
}

/// Creates a draft consultation; gives its address.
pub async fn create(
    ctx: &RequestCtx,
    code: &str,
    title: &str,
    slug: &str,
) -> Result<String, AppError> {
    let me = ctx.require_organiser(code)?.user_id();
    let mut p = Problems::new();
    let title = p.check("title", required_line(title, MAX_TITLE));
    let slug = p.check("slug", parse_slug(slug));
    p.into_result()?;
    let (Some(title), Some(slug)) = (title, slug) else {
        return Err(AppError::Internal);
    };
    let f = by_code(ctx, code).await?;
    let txn = begin_write(ctx.db()).await?;
    let taken = consultation::Entity::find()
        .filter(consultation::Column::ForumId.eq(f.id))
        .filter(consultation::Column::Slug.eq(&slug))
        .count(&txn)
        .await?;
    if taken > 0 {
        return Err(AppError::field("slug", "consultation.slug-taken"));
    }
    let at = now();
    consultation::ActiveModel {
        id: Set(Uuid::new_v4()),
        forum_id: Set(f.id),
        slug: Set(slug.clone()),
        title: Set(title),
        description: Set(String::new()),
        published: Set(false),
        created_at: Set(at),
        updated_at: Set(at),
    }
    .insert(&txn)
    .await?;
    crate::admin::audit::record(
        &txn,
        Some(me),
        "consultation.created",
        &format!("{}/{slug}", f.code),
        "",
        &ctx.client_addr,
    )
    .await?;
    txn.commit().await?;
    Ok(slug)
}

/// Changes a consultation's title, description and whether it is public.
pub async fn save_details(
    ctx: &RequestCtx,
    code: &str,
    slug: &str,
    title: &str,
    description: &str,
    published: bool,
) -> Result<(), AppError> {
    let (_, c, _) = organised(ctx, code, slug).await?;
    let mut p = Problems::new();
    let title = p.check("title", required_line(title, MAX_TITLE));
    let description = p.check(
        "description",
        parse_text(description, MAX_DESCRIPTION, false),
    );
    p.into_result()?;
    let mut a: consultation::ActiveModel = c.into();
    a.title = Set(title.unwrap_or_default());
    a.description = Set(description.unwrap_or_default());
    a.published = Set(published);
    a.updated_at = Set(now());
    a.update(ctx.db()).await?;
    Ok(())
}

/// A phase as typed on the organisers' page.
#[derive(Clone, Debug, Default)]
pub struct PhaseForm {
    pub name: String,
    pub starts: String,
    pub ends: String,
    pub contributions: bool,
    pub comments: bool,
}

/// Adds a phase (checked against the others: no overlap).
pub async fn add_phase(
    ctx: &RequestCtx,
    code: &str,
    slug: &str,
    form: PhaseForm,
) -> Result<(), AppError> {
    let (_, c, _) = organised(ctx, code, slug).await?;
    let mut p = Problems::new();
    let starts = p.check("starts", parse_instant(&form.starts));
    let ends = p.check("ends", parse_instant(&form.ends));
    if form.name.trim().is_empty() {
        p.add("name", "field.required");
    }
    p.into_result()?;
    let (Some(starts), Some(ends)) = (starts, ends) else {
        return Err(AppError::Internal);
    };
    let txn = begin_write(ctx.db()).await?;
    let others: Vec<Phase> = phases_of(&txn, c.id).await?.iter().map(phase_of).collect();
    let name = phases::check(&form.name, starts, ends, &others)
        .map_err(|(field, message)| AppError::field(field, message))?;
    consultation_phase::ActiveModel {
        id: Set(Uuid::new_v4()),
        consultation_id: Set(c.id),
        name: Set(name),
        starts_at: Set(starts),
        ends_at: Set(ends),
        contributions: Set(form.contributions),
        comments: Set(form.comments),
    }
    .insert(&txn)
    .await?;
    txn.commit().await?;
    Ok(())
}

pub async fn remove_phase(
    ctx: &RequestCtx,
    code: &str,
    slug: &str,
    phase: Uuid,
) -> Result<(), AppError> {
    let (_, c, _) = organised(ctx, code, slug).await?;
    let gone = consultation_phase::Entity::delete_many()
        .filter(consultation_phase::Column::Id.eq(phase))
        .filter(consultation_phase::Column::ConsultationId.eq(c.id))
        .exec(ctx.db())
        .await?
        .rows_affected;
    removed(gone)
}

/// Adds a question at the end.
pub async fn add_question(
    ctx: &RequestCtx,
    code: &str,
    slug: &str,
    title: &str,
    description: &str,
) -> Result<(), AppError> {
    let (_, c, _) = organised(ctx, code, slug).await?;
    let mut p = Problems::new();
    let title = p.check("question_title", required_line(title, MAX_QUESTION));
    let description = p.check(
        "question_description",
        parse_text(description, MAX_DESCRIPTION, false),
    );
    p.into_result()?;
    let txn = begin_write(ctx.db()).await?;
    let existing = questions_of(&txn, c.id).await?;
    if existing.len() >= MAX_QUESTIONS {
        return Err(AppError::field(
            "question_title",
            "consultation.too-many-questions",
        ));
    }
    consultation_question::ActiveModel {
        id: Set(Uuid::new_v4()),
        consultation_id: Set(c.id),
        position: Set(existing.iter().map(|q| q.position).max().unwrap_or(0) + 1),
        title: Set(title.unwrap_or_default()),
        description: Set(description.unwrap_or_default()),
    }
    .insert(&txn)
    .await?;
    txn.commit().await?;
    Ok(())
}

/// Removes a question nobody has answered yet.
pub async fn remove_question(
    ctx: &RequestCtx,
    code: &str,
    slug: &str,
    question: Uuid,
) -> Result<(), AppError> {
    let (_, c, _) = organised(ctx, code, slug).await?;
    let txn = begin_write(ctx.db()).await?;
    let answered = contribution::Entity::find()
        .filter(contribution::Column::QuestionId.eq(question))
        .count(&txn)
        .await?;
    if answered > 0 {
        return Err(AppError::Conflict(
            "consultation.question-has-contributions".into(),
        ));
    }
    let gone = consultation_question::Entity::delete_many()
        .filter(consultation_question::Column::Id.eq(question))
        .filter(consultation_question::Column::ConsultationId.eq(c.id))
        .exec(&txn)
        .await?
        .rows_affected;
    removed(gone)?;
    txn.commit().await?;
    Ok(())
}

/// The approved contributions of a consultation that the filters choose.
pub(super) fn matching(c: Uuid, filters: &Filters) -> Condition {
    let mut chosen = Condition::all()
        .add(contribution::Column::ConsultationId.eq(c))
        .add(contribution::Column::State.eq(State::Approved.code()));
    if let Ok(q) = filters.question.trim().parse::<Uuid>() {
        chosen = chosen.add(contribution::Column::QuestionId.eq(q));
    }
    if !filters.group.trim().is_empty() {
        chosen = chosen.add(contribution::Column::StakeholderGroup.eq(filters.group.trim()));
    }
    if !filters.region.trim().is_empty() {
        chosen = chosen.add(contribution::Column::Region.eq(filters.region.trim()));
    }
    if let Ok(theme) = filters.theme.trim().parse::<Uuid>() {
        chosen = chosen.add(
            contribution::Column::Id.in_subquery(
                Query::select()
                    .column(theme_source::Column::ContributionId)
                    .from(theme_source::Entity)
                    .and_where(theme_source::Column::ThemeId.eq(theme))
                    .to_owned(),
            ),
        );
    }
    for word in filters.organisation.split_whitespace() {
        chosen = chosen.add(crate::db::any_contains(
            [Expr::col((
                contribution::Entity,
                contribution::Column::Organisation,
            ))],
            word,
        ));
    }
    for word in filters.words.split_whitespace() {
        chosen = chosen.add(crate::db::any_contains(
            [Expr::col((
                contribution::Entity,
                contribution::Column::Body,
            ))],
            word,
        ));
    }
    chosen
}

/// The figures of the approved contributions: one statement, grouped by
/// question, stakeholder group and region.
async fn figures(
    db: &impl ConnectionTrait,
    c: Uuid,
    questions: &[consultation_question::Model],
) -> Result<Figures, AppError> {
    let rows: Vec<(Uuid, String, String, i64)> = contribution::Entity::find()
        .select_only()
        .column(contribution::Column::QuestionId)
        .column(contribution::Column::StakeholderGroup)
        .column(contribution::Column::Region)
        .column_as(Expr::col(contribution::Column::Id).count(), "n")
        .filter(contribution::Column::ConsultationId.eq(c))
        .filter(contribution::Column::State.eq(State::Approved.code()))
        .group_by(contribution::Column::QuestionId)
        .group_by(contribution::Column::StakeholderGroup)
        .group_by(contribution::Column::Region)
        .into_tuple()
        .all(db)
        .await?;
    let pick = |part: fn(&(Uuid, String, String, i64)) -> String| -> Vec<(String, u64)> {
        rows.iter().map(|r| (part(r), r.3 as u64)).collect()
    };
    Ok(Figures::from_rows(
        &pick(|r| r.1.clone()),
        &pick(|r| r.2.clone()),
        &pick(|r| r.0.to_string()),
        &questions
            .iter()
            .map(|q| q.id.to_string())
            .collect::<Vec<_>>(),
    ))
}

/// A consultation's public page: eight statements at most, whatever the
/// number of contributions.
pub async fn page(
    ctx: &RequestCtx,
    code: &str,
    slug: &str,
    mut filters: Filters,
) -> Result<ConsultationPage, AppError> {
    let f = by_code(ctx, code).await?;
    let c = find(ctx, &f, slug).await?;
    let phase_rows = phases_of(ctx.db(), c.id).await?;
    let questions = questions_of(ctx.db(), c.id).await?;
    let figures = figures(ctx.db(), c.id, &questions).await?;
    let chosen = matching(c.id, &filters);
    let matched = contribution::Entity::find()
        .filter(chosen.clone())
        .count(ctx.db())
        .await?;
    filters.page = filters
        .page
        .clamp(1, Ord::max(matched.div_ceil(PER_PAGE), 1));
    let shown = contribution::Entity::find()
        .find_also_related(user::Entity)
        .filter(chosen)
        .order_by_desc(contribution::Column::CreatedAt)
        .order_by_asc(contribution::Column::Id)
        .offset((filters.page - 1) * PER_PAGE)
        .limit(PER_PAGE)
        .all(ctx.db())
        .await?;
    let comment_counts =
        super::discussion::comment_counts(ctx.db(), shown.iter().map(|(m, _)| m.id).collect())
            .await?
            .into_iter()
            .map(|(id, n)| (id.to_string(), n))
            .collect();
    let drafts = super::discussion::drafts_of(ctx.db(), c.id).await?;
    let organiser = ctx.require_organiser(code).is_ok();
    let meetings = super::meetings::of(ctx, &f.code, &c, organiser).await?;
    let theme = match filters.theme.trim().parse::<Uuid>() {
        Ok(id) => theme::Entity::find_by_id(id)
            .filter(theme::Column::ForumId.eq(f.id))
            .one(ctx.db())
            .await?
            .map(|t| t.name),
        Err(_) => None,
    };
    let mine = match ctx.signed_in.as_ref() {
        None => vec![],
        Some(me) => contribution::Entity::find()
            .filter(contribution::Column::ConsultationId.eq(c.id))
            .filter(contribution::Column::AuthorId.eq(me.user_id()))
            .order_by_desc(contribution::Column::CreatedAt)
            .all(ctx.db())
            .await?
            .into_iter()
            .map(|m| MyContribution {
                id: m.id.to_string(),
                question: title_of(&questions, m.question_id),
                state: state_of(&m),
                reason: m.reason.clone(),
                sent: day(m.created_at),
            })
            .collect(),
    };
    let at = now();
    let phase_list: Vec<Phase> = phase_rows.iter().map(phase_of).collect();
    let (current, next, over) = match phases::stage(&phase_list, at) {
        Stage::In(i) => (Some(phase_list[i].name.clone()), None, false),
        Stage::NotStarted(Some(i)) | Stage::Between(i) => (
            None,
            Some((phase_list[i].name.clone(), when(phase_list[i].starts))),
            false,
        ),
        Stage::NotStarted(None) => (None, None, false),
        Stage::Over => (None, None, true),
    };
    Ok(ConsultationPage {
        forum_code: f.code.clone(),
        forum_name: f.name.clone(),
        slug: c.slug.clone(),
        title: c.title.clone(),
        description_html: to_safe_html(&c.description),
        published: c.published,
        organiser,
        signed_in: ctx.signed_in.is_some(),
        phases: phase_views(&phase_rows, at),
        current,
        next,
        over,
        may_contribute: c.published && phases::may_contribute(&phase_list, at),
        deadline: phases::deadline(&phase_list).map(when),
        contributions: shown
            .into_iter()
            .map(|(m, author)| {
                let question = title_of(&questions, m.question_id);
                public_view(&m, author, question)
            })
            .collect(),
        questions: question_views(&questions),
        figures,
        filters,
        matched,
        comment_counts,
        drafts,
        mine,
        meetings,
        theme,
    })
}

/// A contribution as the public sees it (the author's name unless they
/// asked otherwise, or their account is deleted and its name empty).
pub(super) fn public_view(
    m: &contribution::Model,
    author: Option<user::Model>,
    question: String,
) -> ContributionView {
    ContributionView {
        id: m.id.to_string(),
        question,
        author: author
            .map(|a| a.name)
            .filter(|name| !m.anonymous && !name.is_empty()),
        organisation: m.organisation.clone(),
        stakeholder_group: m.stakeholder_group.clone(),
        country_name: m.country.as_deref().map(country_name).unwrap_or_default(),
        country: m.country.clone().unwrap_or_default(),
        region: m.region.clone(),
        body_html: to_safe_html(&m.body),
        attachment: m
            .attachment_kind
            .is_some()
            .then(|| (m.attachment_name.clone(), m.attachment_size)),
        sent: day(m.created_at),
    }
}

/// The contribute form's page: a new contribution prefilled from the
/// profile, or one's own contribution to edit.
pub async fn form_page(
    ctx: &RequestCtx,
    code: &str,
    slug: &str,
    editing: Option<Uuid>,
) -> Result<ContributeFormPage, AppError> {
    let me = ctx.require_signed_in()?.user_id();
    let f = by_code(ctx, code).await?;
    let c = find(ctx, &f, slug).await?;
    let phase_list = phase_list(ctx.db(), c.id).await?;
    let questions = questions_of(ctx.db(), c.id).await?;
    let (form, attachment) = match editing {
        Some(id) => {
            let m = own(ctx.db(), c.id, id, me).await?;
            (
                ContributionForm {
                    question: m.question_id.to_string(),
                    body: m.body.clone(),
                    organisation: m.organisation.clone(),
                    stakeholder_group: m.stakeholder_group.clone(),
                    country: m.country.clone().unwrap_or_default(),
                    anonymous: m.anonymous,
                },
                m.attachment_kind
                    .is_some()
                    .then(|| m.attachment_name.clone()),
            )
        }
        None => {
            let person = user::Entity::find_by_id(me)
                .one(ctx.db())
                .await?
                .ok_or(AppError::Unauthorized)?;
            (
                ContributionForm {
                    question: questions
                        .first()
                        .filter(|_| questions.len() == 1)
                        .map(|q| q.id.to_string())
                        .unwrap_or_default(),
                    organisation: person.organisation,
                    stakeholder_group: person.stakeholder_group.unwrap_or_default(),
                    country: person.country.unwrap_or_default(),
                    ..Default::default()
                },
                None,
            )
        }
    };
    Ok(ContributeFormPage {
        forum_code: f.code.clone(),
        slug: c.slug.clone(),
        title: c.title.clone(),
        may_contribute: c.published && phases::may_contribute(&phase_list, now()),
        deadline: phases::deadline(&phase_list).map(when),
        contribution: editing.map(|id| id.to_string()),
        questions: question_views(&questions),
        form,
        attachment,
    })
}

/// One's own contribution to this consultation.
async fn own(
    db: &impl ConnectionTrait,
    consultation: Uuid,
    id: Uuid,
    me: Uuid,
) -> Result<contribution::Model, AppError> {
    contribution::Entity::find_by_id(id)
        .filter(contribution::Column::ConsultationId.eq(consultation))
        .filter(contribution::Column::AuthorId.eq(me))
        .one(db)
        .await?
        .ok_or(AppError::NotFound)
}

/// A file sent with a contribution, as uploaded.
pub struct Upload {
    pub name: String,
    pub bytes: Vec<u8>,
}

/// What sending a contribution did.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Sent {
    Received(Uuid),
    Changed(Uuid),
}

/// Sends a new contribution (`editing` none) or changes one's own, while
/// the current phase takes contributions. A new one is acknowledged by
/// mail; a changed one goes back to the organisers (it was approved as it
/// was). More than [`MAX_PER_HOUR`] new ones in an hour are refused. The
/// attachment, if any, replaces the one kept; `drop_attachment` removes it.
pub async fn contribute(
    ctx: &RequestCtx,
    code: &str,
    slug: &str,
    editing: Option<Uuid>,
    form: &ContributionForm,
    upload: Option<Upload>,
    drop_attachment: bool,
) -> Result<Sent, AppError> {
    let me = ctx.require_signed_in()?.user_id();
    let f = by_code(ctx, code).await?;
    let c = find(ctx, &f, slug).await?;
    let txn = begin_write(ctx.db()).await?;
    let phase_list: Vec<Phase> = phases_of(&txn, c.id).await?.iter().map(phase_of).collect();
    let at = now();
    if !c.published || !phases::may_contribute(&phase_list, at) {
        return Err(AppError::Conflict("consultation.closed".into()));
    }
    let questions = questions_of(&txn, c.id).await?;
    let ids: Vec<Uuid> = questions.iter().map(|q| q.id).collect();
    let mut checked = form.check(&ids);
    let file = match upload {
        None => None,
        Some(u) => match attachment::check(&u.name, &u.bytes) {
            Ok((kind, name)) => Some((kind, name, u.bytes)),
            Err(message) => {
                let mut fields = match checked {
                    Err(AppError::Invalid { fields, .. }) => fields,
                    _ => vec![],
                };
                fields.push(crate::error::FieldError {
                    field: "attachment".into(),
                    message: message.into(),
                });
                checked = Err(AppError::Invalid { fields, form: None });
                None
            }
        },
    };
    let checked = checked?;
    let question = title_of(&questions, checked.question);
    let (item, sent) = match editing {
        None => {
            let recent = contribution::Entity::find()
                .filter(contribution::Column::AuthorId.eq(me))
                .filter(contribution::Column::CreatedAt.gt(at - chrono::Duration::hours(1)))
                .count(&txn)
                .await?;
            if recent >= MAX_PER_HOUR {
                return Err(AppError::form("consultation.too-many"));
            }
            let id = Uuid::new_v4();
            let item = contribution::ActiveModel {
                id: Set(id),
                consultation_id: Set(c.id),
                question_id: Set(checked.question),
                author_id: Set(me),
                organisation: Set(checked.organisation),
                stakeholder_group: Set(checked.group.code().into()),
                country: Set(checked.country),
                region: Set(checked.region),
                body: Set(checked.body),
                anonymous: Set(checked.anonymous),
                state: Set(State::Received.code().into()),
                reason: Set(String::new()),
                attachment_kind: Set(None),
                attachment_name: Set(String::new()),
                attachment_size: Set(0),
                created_at: Set(at),
                updated_at: Set(at),
                moderated_at: Set(None),
                moderated_by: Set(None),
            }
            .insert(&txn)
            .await?;
            (item, Sent::Received(id))
        }
        Some(id) => {
            let m = own(&txn, c.id, id, me).await?;
            let mut a: contribution::ActiveModel = m.into();
            a.question_id = Set(checked.question);
            a.organisation = Set(checked.organisation);
            a.stakeholder_group = Set(checked.group.code().into());
            a.country = Set(checked.country);
            a.region = Set(checked.region);
            a.body = Set(checked.body);
            a.anonymous = Set(checked.anonymous);
            a.state = Set(State::Received.code().into());
            a.reason = Set(String::new());
            a.updated_at = Set(at);
            (a.update(&txn).await?, Sent::Changed(id))
        }
    };
    let item = match file {
        Some((kind, name, bytes)) => keep_file(&txn, item, kind, name, bytes).await?,
        None if drop_attachment => drop_file(&txn, item).await?,
        None => item,
    };
    if matches!(sent, Sent::Received(_)) {
        send(ctx, &txn, &f, &c, &item, question, "contribution-received").await?;
    }
    txn.commit().await?;
    Ok(sent)
}

async fn keep_file(
    txn: &DatabaseTransaction,
    item: contribution::Model,
    kind: attachment::Kind,
    name: String,
    bytes: Vec<u8>,
) -> Result<contribution::Model, AppError> {
    contribution_file::Entity::delete_by_id(item.id)
        .exec(txn)
        .await?;
    let size = bytes.len() as i32;
    contribution_file::ActiveModel {
        contribution_id: Set(item.id),
        bytes: Set(bytes),
    }
    .insert(txn)
    .await?;
    let mut a: contribution::ActiveModel = item.into();
    a.attachment_kind = Set(Some(kind.code().into()));
    a.attachment_name = Set(name);
    a.attachment_size = Set(size);
    Ok(a.update(txn).await?)
}

async fn drop_file(
    txn: &DatabaseTransaction,
    item: contribution::Model,
) -> Result<contribution::Model, AppError> {
    contribution_file::Entity::delete_by_id(item.id)
        .exec(txn)
        .await?;
    let mut a: contribution::ActiveModel = item.into();
    a.attachment_kind = Set(None);
    a.attachment_name = Set(String::new());
    a.attachment_size = Set(0);
    Ok(a.update(txn).await?)
}

/// An attachment to download: for everyone once its contribution is public,
/// else for its author and the organisers.
pub async fn attachment_file(
    ctx: &RequestCtx,
    code: &str,
    slug: &str,
    id: Uuid,
) -> Result<(attachment::Kind, String, Vec<u8>), AppError> {
    let f = by_code(ctx, code).await?;
    let c = find(ctx, &f, slug).await?;
    let m = contribution::Entity::find_by_id(id)
        .filter(contribution::Column::ConsultationId.eq(c.id))
        .one(ctx.db())
        .await?
        .ok_or(AppError::NotFound)?;
    let entitled = state_of(&m) == State::Approved
        || ctx.actor_id() == Some(m.author_id)
        || ctx.require_organiser(code).is_ok();
    let kind = m
        .attachment_kind
        .as_deref()
        .and_then(attachment::Kind::from_code);
    let (true, Some(kind)) = (entitled, kind) else {
        return Err(AppError::NotFound);
    };
    let file = contribution_file::Entity::find_by_id(m.id)
        .one(ctx.db())
        .await?
        .ok_or(AppError::NotFound)?;
    Ok((kind, m.attachment_name, file.bytes))
}

/// The organisers' page: details, phases, questions, and the contributions
/// in one state (received first) — six statements.
pub async fn manage(
    ctx: &RequestCtx,
    code: &str,
    slug: &str,
    state: Option<State>,
) -> Result<ManagePage, AppError> {
    let (f, c, _) = organised(ctx, code, slug).await?;
    let state = state.unwrap_or(State::Received);
    let phase_rows = phases_of(ctx.db(), c.id).await?;
    let questions = questions_of(ctx.db(), c.id).await?;
    let lines = contribution::Entity::find()
        .find_also_related(user::Entity)
        .filter(contribution::Column::ConsultationId.eq(c.id))
        .filter(contribution::Column::State.eq(state.code()))
        .order_by_asc(contribution::Column::CreatedAt)
        .limit(MAX_SHOWN)
        .all(ctx.db())
        .await?
        .into_iter()
        .map(|(m, author)| {
            let (author, email) = author.map(|a| (a.name, a.email)).unwrap_or_default();
            ModerationLine {
                id: m.id.to_string(),
                question: title_of(&questions, m.question_id),
                author,
                email,
                organisation: m.organisation.clone(),
                stakeholder_group: m.stakeholder_group.clone(),
                country_name: m.country.as_deref().map(country_name).unwrap_or_default(),
                anonymous: m.anonymous,
                state: state_of(&m),
                reason: m.reason.clone(),
                body_html: to_safe_html(&m.body),
                attachment: m
                    .attachment_kind
                    .is_some()
                    .then(|| (m.attachment_name.clone(), m.attachment_size)),
                sent: when(m.created_at),
            }
        })
        .collect();
    let counts: Vec<(String, i64)> = contribution::Entity::find()
        .select_only()
        .column(contribution::Column::State)
        .column_as(Expr::col(contribution::Column::Id).count(), "n")
        .filter(contribution::Column::ConsultationId.eq(c.id))
        .group_by(contribution::Column::State)
        .into_tuple()
        .all(ctx.db())
        .await?;
    Ok(ManagePage {
        forum_code: f.code.clone(),
        slug: c.slug.clone(),
        title: c.title.clone(),
        description: c.description.clone(),
        published: c.published,
        phases: phase_views(&phase_rows, now()),
        questions: question_views(&questions),
        state,
        counts: State::ALL
            .into_iter()
            .map(|s| {
                let n = counts.iter().find(|(code, _)| code == s.code());
                (s, n.map_or(0, |(_, n)| *n as u64))
            })
            .collect(),
        lines,
        drafts: super::discussion::drafts_of(ctx.db(), c.id).await?,
        meetings: super::meetings::of(ctx, &f.code, &c, true).await?,
    })
}

/// Most contributions on the organisers' page at once.
pub const MAX_SHOWN: u64 = 500;

/// Approves or hides a contribution (a reason needed to hide, mailed to
/// the author), if nobody changed it meanwhile.
pub async fn moderate(
    ctx: &RequestCtx,
    code: &str,
    slug: &str,
    id: Uuid,
    decision: Moderation,
    reason: &str,
) -> Result<State, AppError> {
    let reason = reason.trim();
    if decision == Moderation::Hide {
        if reason.is_empty() {
            return Err(AppError::field("reason", "consultation.reason-required"));
        }
        if reason.chars().count() > MAX_REASON {
            return Err(AppError::field("reason", "field.too-long"));
        }
    }
    let (f, c, me) = organised(ctx, code, slug).await?;
    let txn = begin_write(ctx.db()).await?;
    let m = contribution::Entity::find_by_id(id)
        .filter(contribution::Column::ConsultationId.eq(c.id))
        .one(&txn)
        .await?
        .ok_or(AppError::NotFound)?;
    let from = state_of(&m);
    let Some(to) = decision.apply(from) else {
        return Err(AppError::Conflict("consultation.nothing-to-do".into()));
    };
    let at = now();
    let kept_reason = if to == State::Hidden { reason } else { "" };
    let done = contribution::Entity::update_many()
        .col_expr(contribution::Column::State, Expr::value(to.code()))
        .col_expr(contribution::Column::Reason, Expr::value(kept_reason))
        .col_expr(contribution::Column::ModeratedAt, Expr::value(Some(at)))
        .col_expr(contribution::Column::ModeratedBy, Expr::value(Some(me)))
        .filter(contribution::Column::Id.eq(m.id))
        .filter(contribution::Column::State.eq(from.code()))
        .filter(contribution::Column::UpdatedAt.eq(m.updated_at))
        .exec(&txn)
        .await?
        .rows_affected;
    if done != 1 {
        return Err(AppError::Conflict("consultation.changed-meanwhile".into()));
    }
    let m = contribution::Entity::find_by_id(m.id)
        .one(&txn)
        .await?
        .ok_or(AppError::NotFound)?;
    let question = consultation_question::Entity::find_by_id(m.question_id)
        .one(&txn)
        .await?
        .map(|q| q.title)
        .unwrap_or_default();
    let kind = if to == State::Approved {
        "contribution-approved"
    } else {
        "contribution-hidden"
    };
    send(ctx, &txn, &f, &c, &m, question, kind).await?;
    crate::admin::audit::record(
        &txn,
        Some(me),
        "consultation.moderated",
        &format!("{}/{}", f.code, c.slug),
        &format!("{id}: {}", to.code()),
        &ctx.client_addr,
    )
    .await?;
    txn.commit().await?;
    Ok(to)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn instants_are_read_as_utc() {
        let t = parse_instant("2027-01-05T09:30").unwrap();
        assert_eq!(when(t), "2027-01-05 09:30 UTC");
        assert_eq!(input(t), "2027-01-05T09:30");
        assert_eq!(parse_instant(""), Err("field.required"));
        assert_eq!(
            parse_instant("5 January"),
            Err("consultation.phase.date-invalid")
        );
    }
}
