//! Server functions of a consultation's discussion: a contribution's page
//! and a draft's page, writing and moderating comments, putting a text to
//! comment and publishing a revised version.

use super::discussion_types::{ContributionPage, DraftPage};
use crate::error::AppError;
use leptos::prelude::*;
#[cfg(feature = "ssr")]
use {
    super::api::id,
    super::discussion::{self, Target},
    crate::context::RequestCtx,
    crate::web::go_to,
};

#[cfg(feature = "ssr")]
fn optional_id(typed: Option<&str>) -> Result<Option<uuid::Uuid>, AppError> {
    match typed.map(str::trim) {
        None | Some("") => Ok(None),
        Some(t) => id(t).map(Some),
    }
}

#[server(name = LoadContribution, prefix = "/api", endpoint = "consultations/contribution")]
pub async fn contribution_page(
    forum: String,
    slug: String,
    contribution: String,
) -> Result<ContributionPage, AppError> {
    let ctx = RequestCtx::current()?;
    discussion::contribution_page(&ctx, &forum, &slug, id(&contribution)?).await
}

#[server(name = LoadDraft, prefix = "/api", endpoint = "consultations/draft")]
pub async fn draft_page(
    forum: String,
    slug: String,
    draft: String,
    version: Option<String>,
    changes: Option<String>,
) -> Result<DraftPage, AppError> {
    let ctx = RequestCtx::current()?;
    let number = version.as_deref().and_then(|v| v.trim().parse().ok());
    let changes = changes.as_deref().is_some_and(|c| !c.is_empty());
    discussion::draft_page(&ctx, &forum, &slug, id(&draft)?, number, changes).await
}

/// A comment on a contribution (`contribution`) or a paragraph
/// (`paragraph`), answering `parent` when given; back to the page it was
/// written on.
#[server(name = WriteComment, prefix = "/api", endpoint = "consultations/comment")]
pub async fn write_comment(
    forum: String,
    slug: String,
    contribution: Option<String>,
    paragraph: Option<String>,
    parent: Option<String>,
    body: String,
    back: Option<String>,
) -> Result<(), AppError> {
    let ctx = RequestCtx::current()?;
    ctx.require_signed_in()?;
    let target = match (
        optional_id(contribution.as_deref())?,
        optional_id(paragraph.as_deref())?,
    ) {
        (Some(c), None) => Target::Contribution(c),
        (None, Some(p)) => Target::Paragraph(p),
        _ => return Err(AppError::BadRequest),
    };
    let parent = optional_id(parent.as_deref())?;
    let made = discussion::comment(&ctx, &forum, &slug, target, parent, &body).await?;
    let page = crate::web::back_with(
        back.as_deref(),
        &format!("/forums/{forum}/consultations/{slug}"),
        "notice=comment-written",
    );
    go_to(&format!("{page}#comment-{made}"));
    Ok(())
}

#[server(name = ModerateComment, prefix = "/api", endpoint = "consultations/comment-moderate")]
pub async fn moderate_comment(
    forum: String,
    slug: String,
    comment: String,
    decision: String,
    reason: Option<String>,
    back: Option<String>,
) -> Result<(), AppError> {
    let ctx = RequestCtx::current()?;
    ctx.require_organiser(&forum)?;
    let hide = match decision.as_str() {
        "hide" => true,
        "show" => false,
        _ => return Err(AppError::BadRequest),
    };
    discussion::moderate_comment(
        &ctx,
        &forum,
        &slug,
        id(&comment)?,
        hide,
        reason.as_deref().unwrap_or_default(),
    )
    .await?;
    let notice = if hide {
        "comment-hidden"
    } else {
        "comment-shown"
    };
    go_to(&crate::web::back_with(
        back.as_deref(),
        &format!("/forums/{forum}/consultations/{slug}"),
        &format!("notice={notice}"),
    ));
    Ok(())
}

#[server(name = CreateDraft, prefix = "/api", endpoint = "consultations/draft-create")]
pub async fn create_draft(
    forum: String,
    slug: String,
    draft_title: String,
    text: String,
) -> Result<(), AppError> {
    let ctx = RequestCtx::current()?;
    ctx.require_organiser(&forum)?;
    let made = discussion::create_draft(&ctx, &forum, &slug, &draft_title, &text).await?;
    go_to(&format!(
        "/forums/{forum}/consultations/{slug}/drafts/{made}?notice=draft-published"
    ));
    Ok(())
}

#[server(name = ReviseDraft, prefix = "/api", endpoint = "consultations/draft-revise")]
pub async fn revise_draft(
    forum: String,
    slug: String,
    draft: String,
    text: String,
    note: Option<String>,
) -> Result<(), AppError> {
    let ctx = RequestCtx::current()?;
    ctx.require_organiser(&forum)?;
    let draft = id(&draft)?;
    discussion::revise(
        &ctx,
        &forum,
        &slug,
        draft,
        &text,
        note.as_deref().unwrap_or_default(),
    )
    .await?;
    go_to(&format!(
        "/forums/{forum}/consultations/{slug}/drafts/{draft}?changes=on&notice=draft-revised"
    ));
    Ok(())
}
