//! A consultation's synthesis (server only): the organisers' figures over
//! everything received, the downloads of contributions and comments (CSV and
//! JSON, one table for both), and "turn into themes" — the edition's call
//! themes made from the outcome, each linked to the contributions behind
//! it, which the call page then names. Every read is a fixed number of
//! statements, however many contributions there are.

use super::service::{
    matching, organised, question_views, questions_of, removed, state_of, title_of, when,
};
use super::synthesis_types::{excerpt, SourceLine, SynthesisPage, ThemeOrigin, ThemeSources};
use super::*;
use crate::context::RequestCtx;
use crate::csv::Sheet;
use crate::db::{
    begin_write, consultation, consultation_comment, consultation_draft, contribution,
    draft_paragraph, draft_version, forum, theme, theme_source, user,
};
use crate::forums::setup::{new_theme, theme_names};
use crate::hubs::country_name;
use sea_orm::{
    entity::prelude::*,
    sea_query::{Expr, ExprTrait, OnConflict},
    ConnectionTrait, QueryOrder, QuerySelect,
};
use serde_json::{json, Value};
use uuid::Uuid;

/// Most contributions offered at once to link to a theme (the filters
/// narrow them).
pub const MAX_CANDIDATES: u64 = 200;

/// What to download.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Download {
    Contributions,
    Comments,
}

impl Download {
    pub fn from_segment(s: &str) -> Option<Download> {
        match s {
            "contributions" => Some(Download::Contributions),
            "comments" => Some(Download::Comments),
            _ => None,
        }
    }
}

fn source_line(
    m: &contribution::Model,
    questions: &[crate::db::consultation_question::Model],
) -> SourceLine {
    SourceLine {
        id: m.id.to_string(),
        question: title_of(questions, m.question_id),
        organisation: m.organisation.clone(),
        stakeholder_group: m.stakeholder_group.clone(),
        excerpt: excerpt(&m.body),
    }
}

/// The organisers' synthesis page: eight statements.
pub async fn page(
    ctx: &RequestCtx,
    code: &str,
    slug: &str,
    mut filters: Filters,
) -> Result<SynthesisPage, AppError> {
    let (f, c, _) = organised(ctx, code, slug).await?;
    let db = ctx.db();
    let questions = questions_of(db, c.id).await?;
    let rows: Vec<(Uuid, String, String, String, i64)> = contribution::Entity::find()
        .select_only()
        .column(contribution::Column::QuestionId)
        .column(contribution::Column::StakeholderGroup)
        .column(contribution::Column::Region)
        .column(contribution::Column::State)
        .column_as(Expr::col(contribution::Column::Id).count(), "n")
        .filter(contribution::Column::ConsultationId.eq(c.id))
        .group_by(contribution::Column::QuestionId)
        .group_by(contribution::Column::StakeholderGroup)
        .group_by(contribution::Column::Region)
        .group_by(contribution::Column::State)
        .into_tuple()
        .all(db)
        .await?;
    let pick = |part: fn(&(Uuid, String, String, String, i64)) -> String| -> Vec<(String, u64)> {
        rows.iter().map(|r| (part(r), r.4 as u64)).collect()
    };
    let figures = Figures::from_rows(
        &pick(|r| r.1.clone()),
        &pick(|r| r.2.clone()),
        &pick(|r| r.0.to_string()),
        &questions
            .iter()
            .map(|q| q.id.to_string())
            .collect::<Vec<_>>(),
    );
    let by_state = State::ALL
        .into_iter()
        .map(|s| {
            let n = rows
                .iter()
                .filter(|r| r.3 == s.code())
                .map(|r| r.4 as u64)
                .sum();
            (s, n)
        })
        .collect();
    let comment_rows: Vec<(String, i64)> = consultation_comment::Entity::find()
        .select_only()
        .column(consultation_comment::Column::State)
        .column_as(Expr::col(consultation_comment::Column::Id).count(), "n")
        .filter(consultation_comment::Column::ConsultationId.eq(c.id))
        .group_by(consultation_comment::Column::State)
        .into_tuple()
        .all(db)
        .await?;
    let comments = comment_rows.iter().map(|(_, n)| *n as u64).sum();
    let hidden_comments = comment_rows
        .iter()
        .filter(|(s, _)| s == "hidden")
        .map(|(_, n)| *n as u64)
        .sum();
    let names = theme_names(db, f.id).await?;
    let linked: Vec<(theme_source::Model, Option<contribution::Model>)> =
        theme_source::Entity::find()
            .find_also_related(contribution::Entity)
            .filter(contribution::Column::ConsultationId.eq(c.id))
            .order_by_asc(contribution::Column::CreatedAt)
            .all(db)
            .await?;
    let themes = names
        .into_iter()
        .map(|(id, name)| ThemeSources {
            id: id.to_string(),
            name,
            sources: linked
                .iter()
                .filter(|(l, _)| l.theme_id == id)
                .filter_map(|(_, m)| m.as_ref().map(|m| source_line(m, &questions)))
                .collect(),
        })
        .collect();
    let chosen = matching(c.id, &filters);
    let matched = contribution::Entity::find()
        .filter(chosen.clone())
        .count(db)
        .await?;
    filters.page = 1;
    let candidates = contribution::Entity::find()
        .filter(chosen)
        .order_by_asc(contribution::Column::CreatedAt)
        .order_by_asc(contribution::Column::Id)
        .limit(MAX_CANDIDATES)
        .all(db)
        .await?
        .iter()
        .map(|m| source_line(m, &questions))
        .collect();
    Ok(SynthesisPage {
        forum_code: f.code.clone(),
        slug: c.slug.clone(),
        title: c.title.clone(),
        by_state,
        figures,
        questions: question_views(&questions),
        comments,
        hidden_comments,
        themes,
        candidates,
        matched,
        filters,
    })
}

/// Every contribution (whatever its state) or every comment of the
/// consultation as one table — four statements at most. Organisers only:
/// it holds authors' addresses and what was not published.
pub async fn download(
    ctx: &RequestCtx,
    code: &str,
    slug: &str,
    what: Download,
) -> Result<Sheet, AppError> {
    let (f, c, _) = organised(ctx, code, slug).await?;
    match what {
        Download::Contributions => contributions_sheet(ctx, &f, &c).await,
        Download::Comments => comments_sheet(ctx, &c).await,
    }
}

async fn contributions_sheet(
    ctx: &RequestCtx,
    f: &forum::Model,
    c: &consultation::Model,
) -> Result<Sheet, AppError> {
    let db = ctx.db();
    let questions = questions_of(db, c.id).await?;
    let found = contribution::Entity::find()
        .find_also_related(user::Entity)
        .filter(contribution::Column::ConsultationId.eq(c.id))
        .order_by_asc(contribution::Column::CreatedAt)
        .order_by_asc(contribution::Column::Id)
        .all(db)
        .await?;
    let counts: Vec<(Uuid, i64)> = consultation_comment::Entity::find()
        .select_only()
        .column(consultation_comment::Column::ContributionId)
        .column_as(Expr::col(consultation_comment::Column::Id).count(), "n")
        .filter(consultation_comment::Column::ConsultationId.eq(c.id))
        .filter(consultation_comment::Column::ContributionId.is_not_null())
        .filter(consultation_comment::Column::State.eq("shown"))
        .group_by(consultation_comment::Column::ContributionId)
        .into_tuple()
        .all(db)
        .await?;
    let mut sheet = Sheet::new(vec![
        "id",
        "question",
        "state",
        "author",
        "email",
        "anonymous",
        "organisation",
        "stakeholder_group",
        "country",
        "country_name",
        "region",
        "text",
        "attachment",
        "attachment_bytes",
        "comments",
        "reason",
        "sent",
        "updated",
        "link",
    ]);
    for (m, author) in found {
        let (name, email) = author.map(|a| (a.name, a.email)).unwrap_or_default();
        let comments = counts
            .iter()
            .find(|(id, _)| *id == m.id)
            .map_or(0, |(_, n)| *n);
        let link = ctx.settings().link(&format!(
            "/forums/{}/consultations/{}/contributions/{}",
            f.code, c.slug, m.id
        ));
        sheet.push(vec![
            json!(m.id.to_string()),
            json!(title_of(&questions, m.question_id)),
            json!(state_of(&m).code()),
            json!(name),
            json!(email),
            json!(m.anonymous),
            json!(m.organisation),
            json!(m.stakeholder_group),
            json!(m.country.clone().unwrap_or_default()),
            json!(m.country.as_deref().map(country_name).unwrap_or_default()),
            json!(m.region),
            json!(m.body),
            json!(m
                .attachment_kind
                .is_some()
                .then_some(m.attachment_name.clone())),
            json!(m.attachment_size),
            json!(comments),
            json!(m.reason),
            json!(when(m.created_at)),
            json!(when(m.updated_at)),
            json!(link),
        ]);
    }
    Ok(sheet)
}

async fn comments_sheet(ctx: &RequestCtx, c: &consultation::Model) -> Result<Sheet, AppError> {
    let db = ctx.db();
    let found = consultation_comment::Entity::find()
        .find_also_related(user::Entity)
        .filter(consultation_comment::Column::ConsultationId.eq(c.id))
        .order_by_asc(consultation_comment::Column::CreatedAt)
        .order_by_asc(consultation_comment::Column::Id)
        .all(db)
        .await?;
    let drafts = consultation_draft::Entity::find()
        .filter(consultation_draft::Column::ConsultationId.eq(c.id))
        .all(db)
        .await?;
    let versions = draft_version::Entity::find()
        .filter(draft_version::Column::DraftId.is_in(drafts.iter().map(|d| d.id)))
        .all(db)
        .await?;
    let paragraphs = draft_paragraph::Entity::find()
        .filter(draft_paragraph::Column::VersionId.is_in(versions.iter().map(|v| v.id)))
        .all(db)
        .await?;
    let mut sheet = Sheet::new(vec![
        "id",
        "contribution",
        "draft",
        "version",
        "paragraph",
        "answers",
        "author",
        "email",
        "organisers_answer",
        "state",
        "reason",
        "text",
        "written",
    ]);
    for (m, author) in found {
        let (name, email) = author.map(|a| (a.name, a.email)).unwrap_or_default();
        let paragraph = m
            .paragraph_id
            .and_then(|p| paragraphs.iter().find(|x| x.id == p));
        let version = paragraph.and_then(|p| versions.iter().find(|v| v.id == p.version_id));
        let draft = version.and_then(|v| drafts.iter().find(|d| d.id == v.draft_id));
        let or_null = |v: Option<Value>| v.unwrap_or(Value::Null);
        sheet.push(vec![
            json!(m.id.to_string()),
            or_null(m.contribution_id.map(|id| json!(id.to_string()))),
            or_null(draft.map(|d| json!(d.title))),
            or_null(version.map(|v| json!(v.number))),
            or_null(paragraph.map(|p| json!(p.position + 1))),
            or_null(m.parent_id.map(|id| json!(id.to_string()))),
            json!(name),
            json!(email),
            json!(m.official),
            json!(m.state),
            json!(m.reason),
            json!(m.body),
            json!(when(m.created_at)),
        ]);
    }
    Ok(sheet)
}

/// Links approved contributions of the consultation to a theme of the
/// edition — an existing one (`theme`), or one made now from `name` and
/// `colour` — in one transaction. How many links are new.
pub async fn link_theme(
    ctx: &RequestCtx,
    code: &str,
    slug: &str,
    theme_id: &str,
    name: &str,
    colour: &str,
    chosen: &[String],
) -> Result<u64, AppError> {
    let (f, c, me) = organised(ctx, code, slug).await?;
    let ids: Vec<Uuid> = chosen
        .iter()
        .filter_map(|s| s.trim().parse().ok())
        .collect();
    if ids.is_empty() {
        return Err(AppError::field(
            "contributions",
            "consultation.theme.choose",
        ));
    }
    let txn = begin_write(ctx.db()).await?;
    let theme_id = match theme_id.trim() {
        "" => {
            if name.trim().is_empty() {
                return Err(AppError::field("name", "consultation.theme.name-or-theme"));
            }
            new_theme(ctx, &txn, me, &f, name, colour, None).await?
        }
        typed => {
            let id: Uuid = typed
                .parse()
                .map_err(|_| AppError::field("theme", "field.choice-invalid"))?;
            theme::Entity::find_by_id(id)
                .filter(theme::Column::ForumId.eq(f.id))
                .one(&txn)
                .await?
                .ok_or(AppError::field("theme", "field.choice-invalid"))?
                .id
        }
    };
    let approved: Vec<Uuid> = contribution::Entity::find()
        .select_only()
        .column(contribution::Column::Id)
        .filter(contribution::Column::ConsultationId.eq(c.id))
        .filter(contribution::Column::State.eq(State::Approved.code()))
        .filter(contribution::Column::Id.is_in(ids.clone()))
        .into_tuple()
        .all(&txn)
        .await?;
    if approved.len() != ids.len() {
        return Err(AppError::field(
            "contributions",
            "consultation.theme.not-approved",
        ));
    }
    let added =
        theme_source::Entity::insert_many(approved.iter().map(|id| theme_source::ActiveModel {
            theme_id: sea_orm::ActiveValue::Set(theme_id),
            contribution_id: sea_orm::ActiveValue::Set(*id),
        }))
        .on_conflict(
            OnConflict::columns([
                theme_source::Column::ThemeId,
                theme_source::Column::ContributionId,
            ])
            .do_nothing()
            .to_owned(),
        )
        .exec_without_returning(&txn)
        .await?;
    crate::admin::audit::record(
        &txn,
        Some(me),
        "consultation.theme-linked",
        &format!("{}/{}", f.code, c.slug),
        &format!("{theme_id}: {added}"),
        &ctx.client_addr,
    )
    .await?;
    txn.commit().await?;
    Ok(added)
}

/// Takes a contribution of the consultation off a theme.
pub async fn unlink_theme(
    ctx: &RequestCtx,
    code: &str,
    slug: &str,
    theme_id: Uuid,
    contribution_id: Uuid,
) -> Result<(), AppError> {
    let (_, c, _) = organised(ctx, code, slug).await?;
    let ours = contribution::Entity::find_by_id(contribution_id)
        .filter(contribution::Column::ConsultationId.eq(c.id))
        .one(ctx.db())
        .await?
        .is_some();
    let gone = if ours {
        theme_source::Entity::delete_many()
            .filter(theme_source::Column::ThemeId.eq(theme_id))
            .filter(theme_source::Column::ContributionId.eq(contribution_id))
            .exec(ctx.db())
            .await?
            .rows_affected
    } else {
        0
    };
    removed(gone)
}

/// Where the edition's themes came from: for each theme with published
/// contributions behind it, the consultation (published) and how many —
/// one statement, for the call page.
pub async fn theme_origins(
    db: &impl ConnectionTrait,
    f: &forum::Model,
) -> Result<Vec<ThemeOrigin>, AppError> {
    let rows: Vec<(String, i32, String, String, Uuid, i64)> = theme_source::Entity::find()
        .select_only()
        .column_as(Expr::col((theme::Entity, theme::Column::Name)), "theme")
        .column_as(
            Expr::col((theme::Entity, theme::Column::Position)),
            "position",
        )
        .column_as(
            Expr::col((consultation::Entity, consultation::Column::Title)),
            "title",
        )
        .column_as(
            Expr::col((consultation::Entity, consultation::Column::Slug)),
            "slug",
        )
        .column_as(Expr::col((theme::Entity, theme::Column::Id)), "theme_id")
        .column_as(
            Expr::col((contribution::Entity, contribution::Column::Id)).count(),
            "n",
        )
        .join(
            sea_orm::JoinType::InnerJoin,
            theme_source::Relation::Theme.def(),
        )
        .join(
            sea_orm::JoinType::InnerJoin,
            theme_source::Relation::Contribution.def(),
        )
        .join(
            sea_orm::JoinType::InnerJoin,
            contribution::Relation::Consultation.def(),
        )
        .filter(Expr::col((theme::Entity, theme::Column::ForumId)).eq(f.id))
        .filter(Expr::col((consultation::Entity, consultation::Column::Published)).eq(true))
        .filter(
            Expr::col((contribution::Entity, contribution::Column::State))
                .eq(State::Approved.code()),
        )
        .group_by(Expr::col((theme::Entity, theme::Column::Name)))
        .group_by(Expr::col((theme::Entity, theme::Column::Position)))
        .group_by(Expr::col((
            consultation::Entity,
            consultation::Column::Title,
        )))
        .group_by(Expr::col((
            consultation::Entity,
            consultation::Column::Slug,
        )))
        .group_by(Expr::col((theme::Entity, theme::Column::Id)))
        .order_by_asc(Expr::col((theme::Entity, theme::Column::Position)))
        .order_by_asc(Expr::col((theme::Entity, theme::Column::Name)))
        .into_tuple()
        .all(db)
        .await?;
    Ok(rows
        .into_iter()
        .map(|(theme, _, consultation, slug, id, n)| ThemeOrigin {
            theme,
            consultation,
            link: format!("/forums/{}/consultations/{slug}?theme={id}", f.code),
            count: n as u64,
        })
        .collect())
}
