//! Discussion in a consultation, applied to the database (server only):
//! comments on published contributions and on a draft's paragraphs
//! (threaded, shown at once, hidden by organisers with a reason mailed to
//! the author; an organiser's comment is the organisers' answer), and draft
//! texts put to comment in numbered versions. Each page reads a fixed
//! number of statements, however many comments and paragraphs there are.

use super::comments::{thread, Node, MAX_COMMENT, MAX_PER_HOUR as COMMENTS_PER_HOUR};
use super::discussion_types::*;
use super::drafts::{self, Change};
use super::phases;
use super::service::{phase_list, visible, when};
use super::*;
use crate::context::RequestCtx;
use crate::db::{
    begin_write, consultation_comment, consultation_draft, consultation_question, contribution,
    draft_paragraph, draft_version, now, user,
};
use crate::notifications::outbox::enqueue_for;
use crate::notifications::templates::Template;
use sea_orm::{
    entity::prelude::*,
    sea_query::{Expr, ExprTrait},
    ActiveValue::Set,
    ConnectionTrait, QueryOrder, QuerySelect,
};

/// Longest draft title.
pub const MAX_DRAFT_TITLE: usize = 200;
/// Longest note on a version.
pub const MAX_NOTE: usize = 2_000;

/// Comments read with their authors, in thread order; hidden ones only for
/// organisers.
fn threaded(
    rows: Vec<(consultation_comment::Model, Option<user::Model>)>,
    organiser: bool,
) -> Vec<CommentView> {
    let nodes: Vec<Node<CommentView>> = rows
        .into_iter()
        .filter(|(c, _)| organiser || c.state != "hidden")
        .map(|(c, author)| Node {
            id: c.id.to_string(),
            parent: c.parent_id.map(|p| p.to_string()),
            item: CommentView {
                id: c.id.to_string(),
                author: author.map(|a| a.name).unwrap_or_default(),
                official: c.official,
                body: c.body,
                when: when(c.created_at),
                depth: 0,
                hidden: c.state == "hidden",
                reason: c.reason,
            },
        })
        .collect();
    thread(&nodes)
        .into_iter()
        .map(|(depth, c)| CommentView { depth, ..c })
        .collect()
}

/// A published contribution with its comments: seven statements.
pub async fn contribution_page(
    ctx: &RequestCtx,
    code: &str,
    slug: &str,
    id: Uuid,
) -> Result<ContributionPage, AppError> {
    let (f, c) = visible(ctx, code, slug).await?;
    let organiser = ctx.require_organiser(code).is_ok();
    let (m, author) = contribution::Entity::find_by_id(id)
        .find_also_related(user::Entity)
        .filter(contribution::Column::ConsultationId.eq(c.id))
        .one(ctx.db())
        .await?
        .ok_or(AppError::NotFound)?;
    let own = ctx.actor_id() == Some(m.author_id);
    if m.state != State::Approved.code() && !own && !organiser {
        return Err(AppError::NotFound);
    }
    let question = consultation_question::Entity::find_by_id(m.question_id)
        .one(ctx.db())
        .await?
        .map(|q| q.title)
        .unwrap_or_default();
    let comments = consultation_comment::Entity::find()
        .find_also_related(user::Entity)
        .filter(consultation_comment::Column::ContributionId.eq(m.id))
        .order_by_asc(consultation_comment::Column::CreatedAt)
        .order_by_asc(consultation_comment::Column::Id)
        .all(ctx.db())
        .await?;
    let phases = phase_list(ctx.db(), c.id).await?;
    Ok(ContributionPage {
        forum_code: f.code.clone(),
        slug: c.slug.clone(),
        consultation: c.title.clone(),
        may_comment: c.published
            && m.state == State::Approved.code()
            && phases::may_comment(&phases, now()),
        signed_in: ctx.signed_in.is_some(),
        organiser,
        comments: threaded(comments, organiser),
        contribution: super::service::public_view(&m, author, question),
    })
}

/// What a comment is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Target {
    Contribution(Uuid),
    Paragraph(Uuid),
}

/// Writes a comment (or a reply to `parent`) while the current phase takes
/// comments: on a published contribution, or on a paragraph of a draft's
/// latest version. An organiser's comment is the organisers' answer. More
/// than [`COMMENTS_PER_HOUR`] in an hour are refused.
pub async fn comment(
    ctx: &RequestCtx,
    code: &str,
    slug: &str,
    target: Target,
    parent: Option<Uuid>,
    body: &str,
) -> Result<Uuid, AppError> {
    let me = ctx.require_signed_in()?.user_id();
    let body = parse_text(body, MAX_COMMENT, true).map_err(|m| AppError::field("body", m))?;
    let (f, c) = visible(ctx, code, slug).await?;
    let txn = begin_write(ctx.db()).await?;
    let at = now();
    if !c.published || !phases::may_comment(&phase_list(&txn, c.id).await?, at) {
        return Err(AppError::Conflict("consultation.comments-closed".into()));
    }
    let (contribution_id, paragraph_id) = match target {
        Target::Contribution(id) => {
            let m = contribution::Entity::find_by_id(id)
                .filter(contribution::Column::ConsultationId.eq(c.id))
                .filter(contribution::Column::State.eq(State::Approved.code()))
                .one(&txn)
                .await?
                .ok_or(AppError::NotFound)?;
            (Some(m.id), None)
        }
        Target::Paragraph(id) => {
            let p = latest_paragraph(&txn, c.id, id).await?;
            (None, Some(p))
        }
    };
    if let Some(parent) = parent {
        let found = consultation_comment::Entity::find_by_id(parent)
            .one(&txn)
            .await?
            .filter(|p| p.contribution_id == contribution_id && p.paragraph_id == paragraph_id);
        if found.is_none() {
            return Err(AppError::NotFound);
        }
    }
    let recent = consultation_comment::Entity::find()
        .filter(consultation_comment::Column::AuthorId.eq(me))
        .filter(consultation_comment::Column::CreatedAt.gt(at - chrono::Duration::hours(1)))
        .count(&txn)
        .await?;
    if recent >= COMMENTS_PER_HOUR {
        return Err(AppError::form("consultation.too-many-comments"));
    }
    let id = Uuid::new_v4();
    consultation_comment::ActiveModel {
        id: Set(id),
        consultation_id: Set(c.id),
        contribution_id: Set(contribution_id),
        paragraph_id: Set(paragraph_id),
        parent_id: Set(parent),
        author_id: Set(me),
        body: Set(body),
        official: Set(ctx.require_organiser(&f.code).is_ok()),
        state: Set("shown".into()),
        reason: Set(String::new()),
        created_at: Set(at),
        moderated_at: Set(None),
        moderated_by: Set(None),
    }
    .insert(&txn)
    .await?;
    txn.commit().await?;
    Ok(id)
}

/// A paragraph of the latest version of one of the consultation's drafts.
async fn latest_paragraph(
    db: &impl ConnectionTrait,
    consultation: Uuid,
    paragraph: Uuid,
) -> Result<Uuid, AppError> {
    let p = draft_paragraph::Entity::find_by_id(paragraph)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    let v = draft_version::Entity::find_by_id(p.version_id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    let d = consultation_draft::Entity::find_by_id(v.draft_id)
        .filter(consultation_draft::Column::ConsultationId.eq(consultation))
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    let newer = draft_version::Entity::find()
        .filter(draft_version::Column::DraftId.eq(d.id))
        .filter(draft_version::Column::Number.gt(v.number))
        .count(db)
        .await?;
    if newer > 0 {
        return Err(AppError::Conflict("consultation.draft.old-version".into()));
    }
    Ok(p.id)
}

/// Hides a comment (the reason is required and mailed to its author) or
/// shows it again.
pub async fn moderate_comment(
    ctx: &RequestCtx,
    code: &str,
    slug: &str,
    id: Uuid,
    hide: bool,
    reason: &str,
) -> Result<(), AppError> {
    let me = ctx.require_organiser(code)?.user_id();
    let reason = reason.trim();
    if hide && reason.is_empty() {
        return Err(AppError::field("reason", "consultation.reason-required"));
    }
    if reason.chars().count() > MAX_REASON {
        return Err(AppError::field("reason", "field.too-long"));
    }
    let (f, c) = visible(ctx, code, slug).await?;
    let txn = begin_write(ctx.db()).await?;
    let m = consultation_comment::Entity::find_by_id(id)
        .filter(consultation_comment::Column::ConsultationId.eq(c.id))
        .one(&txn)
        .await?
        .ok_or(AppError::NotFound)?;
    let (from, to) = if hide {
        ("shown", "hidden")
    } else {
        ("hidden", "shown")
    };
    let done = consultation_comment::Entity::update_many()
        .col_expr(consultation_comment::Column::State, Expr::value(to))
        .col_expr(
            consultation_comment::Column::Reason,
            Expr::value(if hide { reason } else { "" }),
        )
        .col_expr(
            consultation_comment::Column::ModeratedAt,
            Expr::value(Some(now())),
        )
        .col_expr(
            consultation_comment::Column::ModeratedBy,
            Expr::value(Some(me)),
        )
        .filter(consultation_comment::Column::Id.eq(m.id))
        .filter(consultation_comment::Column::State.eq(from))
        .exec(&txn)
        .await?
        .rows_affected;
    if done != 1 {
        return Err(AppError::Conflict("consultation.nothing-to-do".into()));
    }
    if hide {
        if let Some(person) = user::Entity::find_by_id(m.author_id).one(&txn).await? {
            let template = Template::Contribution {
                kind: "comment-hidden",
                consultation: c.title.clone(),
                question: m.body.chars().take(200).collect(),
                reason: reason.to_string(),
                link: ctx
                    .settings()
                    .link(&format!("/forums/{}/consultations/{}", f.code, c.slug)),
            };
            enqueue_for(&txn, &person, &template, &ctx.settings().base_url).await?;
        }
    }
    crate::admin::audit::record(
        &txn,
        Some(me),
        "consultation.comment-moderated",
        &format!("{}/{}", f.code, c.slug),
        &format!("{id}: {to}"),
        &ctx.client_addr,
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

/// The drafts of a consultation with their number of versions: two
/// statements.
pub async fn drafts_of(
    db: &impl ConnectionTrait,
    consultation: Uuid,
) -> Result<Vec<DraftLine>, AppError> {
    let found = consultation_draft::Entity::find()
        .filter(consultation_draft::Column::ConsultationId.eq(consultation))
        .order_by_asc(consultation_draft::Column::CreatedAt)
        .all(db)
        .await?;
    let ids: Vec<Uuid> = found.iter().map(|d| d.id).collect();
    let latest: Vec<(Uuid, i32)> = draft_version::Entity::find()
        .select_only()
        .column(draft_version::Column::DraftId)
        .column_as(Expr::col(draft_version::Column::Number).max(), "n")
        .filter(draft_version::Column::DraftId.is_in(ids))
        .group_by(draft_version::Column::DraftId)
        .into_tuple()
        .all(db)
        .await?;
    Ok(found
        .into_iter()
        .map(|d| DraftLine {
            versions: latest
                .iter()
                .find(|(id, _)| *id == d.id)
                .map_or(0, |(_, n)| *n),
            id: d.id.to_string(),
            title: d.title,
        })
        .collect())
}

/// Comments on these contributions, counted (shown ones): one statement.
pub async fn comment_counts(
    db: &impl ConnectionTrait,
    contributions: Vec<Uuid>,
) -> Result<Vec<(Uuid, u64)>, AppError> {
    let rows: Vec<(Uuid, i64)> = consultation_comment::Entity::find()
        .select_only()
        .column(consultation_comment::Column::ContributionId)
        .column_as(Expr::col(consultation_comment::Column::Id).count(), "n")
        .filter(consultation_comment::Column::ContributionId.is_in(contributions))
        .filter(consultation_comment::Column::State.eq("shown"))
        .group_by(consultation_comment::Column::ContributionId)
        .into_tuple()
        .all(db)
        .await?;
    Ok(rows.into_iter().map(|(id, n)| (id, n as u64)).collect())
}

/// Puts a text to comment: the draft and its version 1.
pub async fn create_draft(
    ctx: &RequestCtx,
    code: &str,
    slug: &str,
    title: &str,
    text: &str,
) -> Result<Uuid, AppError> {
    let me = ctx.require_organiser(code)?.user_id();
    let mut p = Problems::new();
    let title = p.check("draft_title", required_line(title, MAX_DRAFT_TITLE));
    let paragraphs = p.check(
        "text",
        parse_text(text, usize::MAX, true).and_then(|t| drafts::check(&t)),
    );
    p.into_result()?;
    let (Some(title), Some(paragraphs)) = (title, paragraphs) else {
        return Err(AppError::Internal);
    };
    let (_, c) = visible(ctx, code, slug).await?;
    let txn = begin_write(ctx.db()).await?;
    let id = Uuid::new_v4();
    consultation_draft::ActiveModel {
        id: Set(id),
        consultation_id: Set(c.id),
        title: Set(title),
        created_at: Set(now()),
    }
    .insert(&txn)
    .await?;
    add_version(&txn, id, 1, "", me, paragraphs).await?;
    txn.commit().await?;
    Ok(id)
}

async fn add_version(
    db: &impl ConnectionTrait,
    draft: Uuid,
    number: i32,
    note: &str,
    by: Uuid,
    paragraphs: Vec<String>,
) -> Result<(), AppError> {
    let version = Uuid::new_v4();
    draft_version::ActiveModel {
        id: Set(version),
        draft_id: Set(draft),
        number: Set(number),
        note: Set(note.to_string()),
        created_at: Set(now()),
        created_by: Set(Some(by)),
    }
    .insert(db)
    .await?;
    let rows: Vec<draft_paragraph::ActiveModel> = paragraphs
        .into_iter()
        .enumerate()
        .map(|(i, text)| draft_paragraph::ActiveModel {
            id: Set(Uuid::new_v4()),
            version_id: Set(version),
            position: Set(i as i32 + 1),
            text: Set(text),
        })
        .collect();
    // At most 500 paragraphs of three values: one statement.
    draft_paragraph::Entity::insert_many(rows).exec(db).await?;
    Ok(())
}

/// Publishes a revised version of a draft (its number the next one);
/// comments stay with the version they were written on.
pub async fn revise(
    ctx: &RequestCtx,
    code: &str,
    slug: &str,
    draft: Uuid,
    text: &str,
    note: &str,
) -> Result<i32, AppError> {
    let me = ctx.require_organiser(code)?.user_id();
    let mut p = Problems::new();
    let paragraphs = p.check(
        "text",
        parse_text(text, usize::MAX, true).and_then(|t| drafts::check(&t)),
    );
    let note = p.check("note", parse_text(note, MAX_NOTE, false));
    p.into_result()?;
    let (Some(paragraphs), Some(note)) = (paragraphs, note) else {
        return Err(AppError::Internal);
    };
    let (_, c) = visible(ctx, code, slug).await?;
    let txn = begin_write(ctx.db()).await?;
    let d = consultation_draft::Entity::find_by_id(draft)
        .filter(consultation_draft::Column::ConsultationId.eq(c.id))
        .one(&txn)
        .await?
        .ok_or(AppError::NotFound)?;
    let last = draft_version::Entity::find()
        .filter(draft_version::Column::DraftId.eq(d.id))
        .order_by_desc(draft_version::Column::Number)
        .one(&txn)
        .await?
        .map_or(0, |v| v.number);
    add_version(&txn, d.id, last + 1, &note, me, paragraphs).await?;
    txn.commit().await?;
    Ok(last + 1)
}

/// A draft's page: the version asked for (the latest by default), its
/// paragraphs with their comments and, with `changes`, what changed since
/// the previous version — eight statements however long the text.
pub async fn draft_page(
    ctx: &RequestCtx,
    code: &str,
    slug: &str,
    draft: Uuid,
    number: Option<i32>,
    changes: bool,
) -> Result<DraftPage, AppError> {
    let (f, c) = visible(ctx, code, slug).await?;
    let organiser = ctx.require_organiser(code).is_ok();
    let d = consultation_draft::Entity::find_by_id(draft)
        .filter(consultation_draft::Column::ConsultationId.eq(c.id))
        .one(ctx.db())
        .await?
        .ok_or(AppError::NotFound)?;
    let versions = draft_version::Entity::find()
        .filter(draft_version::Column::DraftId.eq(d.id))
        .order_by_asc(draft_version::Column::Number)
        .all(ctx.db())
        .await?;
    let latest = versions.last().map_or(0, |v| v.number);
    let number = number.unwrap_or(latest);
    let v = versions
        .iter()
        .find(|v| v.number == number)
        .ok_or(AppError::NotFound)?;
    let previous = versions.iter().find(|v| v.number == number - 1);
    let wanted: Vec<Uuid> = std::iter::once(v.id)
        .chain(previous.filter(|_| changes).map(|p| p.id))
        .collect();
    let paragraphs = draft_paragraph::Entity::find()
        .filter(draft_paragraph::Column::VersionId.is_in(wanted))
        .order_by_asc(draft_paragraph::Column::Position)
        .all(ctx.db())
        .await?;
    let (shown, before): (Vec<_>, Vec<_>) =
        paragraphs.into_iter().partition(|p| p.version_id == v.id);
    let comments = consultation_comment::Entity::find()
        .find_also_related(user::Entity)
        .filter(
            consultation_comment::Column::ParagraphId
                .is_in(shown.iter().map(|p| p.id).collect::<Vec<_>>()),
        )
        .order_by_asc(consultation_comment::Column::CreatedAt)
        .order_by_asc(consultation_comment::Column::Id)
        .all(ctx.db())
        .await?;
    let phases = phase_list(ctx.db(), c.id).await?;
    let comments_of = |paragraph: Uuid| {
        threaded(
            comments
                .iter()
                .filter(|(m, _)| m.paragraph_id == Some(paragraph))
                .cloned()
                .collect(),
            organiser,
        )
    };
    let view = |p: &draft_paragraph::Model, mark: Mark, pieces: Vec<drafts::Piece>| ParagraphView {
        id: p.id.to_string(),
        position: p.position,
        text: p.text.clone(),
        mark,
        pieces,
        comments: comments_of(p.id),
    };
    let paragraphs: Vec<ParagraphView> = if changes && previous.is_some() {
        let old: Vec<&str> = before.iter().map(|p| p.text.as_str()).collect();
        let new: Vec<&str> = shown.iter().map(|p| p.text.as_str()).collect();
        drafts::compare(&old, &new)
            .into_iter()
            .map(|change| match change {
                Change::Same { new, .. } => view(&shown[new], Mark::Same, vec![]),
                Change::Changed { old, new } => view(
                    &shown[new],
                    Mark::Changed,
                    drafts::words(&before[old].text, &shown[new].text),
                ),
                Change::Added { new } => view(&shown[new], Mark::Added, vec![]),
                Change::Removed { old } => ParagraphView {
                    id: String::new(),
                    position: 0,
                    text: before[old].text.clone(),
                    mark: Mark::Removed,
                    pieces: vec![],
                    comments: vec![],
                },
            })
            .collect()
    } else {
        shown.iter().map(|p| view(p, Mark::Same, vec![])).collect()
    };
    Ok(DraftPage {
        forum_code: f.code.clone(),
        slug: c.slug.clone(),
        consultation: c.title.clone(),
        id: d.id.to_string(),
        title: d.title.clone(),
        versions: versions
            .iter()
            .map(|v| (v.number, v.created_at.format("%Y-%m-%d").to_string()))
            .collect(),
        number,
        note: v.note.clone(),
        changes: changes && previous.is_some(),
        may_comment: c.published && number == latest && phases::may_comment(&phases, now()),
        signed_in: ctx.signed_in.is_some(),
        organiser,
        text: shown
            .iter()
            .map(|p| p.text.as_str())
            .collect::<Vec<_>>()
            .join("\n\n"),
        paragraphs,
    })
}
