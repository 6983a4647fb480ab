//! The discussion pages: a published contribution with its comments, and a
//! draft text's version with a comment thread under each paragraph, the
//! changes from the previous version marked, and the organisers' forms to
//! publish a revised version and to hide or show comments.

use super::discussion_api::{contribution_page, draft_page};
use super::discussion_types::{CommentView, ContributionPage, DraftPage, Mark, ParagraphView};
use super::drafts::Piece;
use super::pages::contribution_view;
use crate::forums::pages::forum_code;
use crate::i18n::{t, t_with};
use crate::ui::forms::{
    failed_row, failed_row_field, textarea_text, Field, Hidden, PostForm, Refused, ScopedInput,
    Submit, TextArea,
};
use crate::ui::layout::{loaded, Notice};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

const COMMENT: &str = "/api/consultations/comment";
const MODERATE: &str = "/api/consultations/comment-moderate";

fn param(name: &str) -> String {
    use_params_map()
        .read_untracked()
        .get(name)
        .unwrap_or_default()
}

/// Where a comment thread is: its page and what it is about.
#[derive(Clone)]
struct Place {
    forum: String,
    slug: String,
    /// `contribution` or `paragraph`.
    field: &'static str,
    target: String,
    /// The page to come back to.
    back: String,
    may_comment: bool,
    signed_in: bool,
    organiser: bool,
}

/// A comment form: a new comment on the target, or a reply to `parent`.
/// Each form on the page has its own key, so a refusal shows on its form.
fn comment_form(place: &Place, parent: &str) -> impl IntoView {
    let key = format!("{}:{parent}", place.target);
    let failed = failed_row(COMMENT, "form_key", &key);
    let error = failed_row_field(COMMENT, "form_key", &key, "body");
    let typed = failed
        .as_ref()
        .and_then(|s| s.value("body").map(str::to_string))
        .unwrap_or_default();
    let id = format!(
        "comment-body-{}-{}",
        place.target,
        if parent.is_empty() { "new" } else { parent }
    );
    let error_id = format!("{id}-error");
    let label = if parent.is_empty() {
        t("consultation.comment-field")
    } else {
        t("consultation.reply-field")
    };
    let has_error = error.is_some();
    let p = place.clone();
    let parent = parent.to_string();
    view! {
        <PostForm action=COMMENT class="stack comment-form" row=("form_key", vec![key.clone()])>
            <Hidden name="forum" value=p.forum />
            <Hidden name="slug" value=p.slug />
            <Hidden name=p.field value=p.target />
            <Hidden name="parent" value=parent />
            <Hidden name="back" value=p.back />
            <Hidden name="form_key" value=key />
            <div class="field" class:has-error=has_error>
                <label for=id.clone()>{label}</label>
                <textarea id=id name="body" rows=3 aria-invalid=error.as_ref().map(|_| "true")
                    aria-describedby=error.as_ref().map(|_| error_id.clone())>{textarea_text(&typed)}</textarea>
                {error.map(|e| view! { <p class="field-error" id=error_id>{e}</p> })}
            </div>
            <Submit label=t("consultation.comment-send") />
        </PostForm>
    }
}

fn moderation_form(place: &Place, c: &CommentView) -> impl IntoView {
    let p = place.clone();
    let id = c.id.clone();
    let error = failed_row_field(MODERATE, "comment", &id, "reason");
    let label = t_with(
        "consultation.comment-moderate-named",
        &[("author", &c.author)],
    );
    let hidden = c.hidden;
    view! {
        <PostForm action=MODERATE class="inline decide" label=label row=("comment", vec![id.clone()])>
            <Hidden name="forum" value=p.forum />
            <Hidden name="slug" value=p.slug />
            <Hidden name="comment" value=id.clone() />
            <Hidden name="back" value=p.back />
            {(!hidden).then(|| view! {
                <ScopedInput id=format!("comment-reason-{id}") name="reason" label=t("consultation.reason-field") error=error />
                <button type="submit" name="decision" value="hide">{t("consultation.comment-hide")}</button>
            })}
            {hidden.then(|| view! {
                <button type="submit" name="decision" value="show">{t("consultation.comment-show")}</button>
            })}
        </PostForm>
    }
}

fn thread_view(place: &Place, comments: &[CommentView]) -> impl IntoView {
    let items = comments
        .iter()
        .map(|c| {
            let reply = (place.may_comment && place.signed_in && !c.hidden).then(|| {
                view! {
                    <details class="reply">
                        <summary>{t("consultation.reply")}</summary>
                        {comment_form(place, &c.id)}
                    </details>
                }
            });
            let moderate = place.organiser.then(|| moderation_form(place, c));
            let official = c.official.then(|| view! { " " <span class="official">{t("consultation.official")}</span> });
            let hidden = c.hidden.then(|| {
                let r = c.reason.clone();
                view! { <p class="reason">{t("consultation.comment-hidden-note")} " " {r}</p> }
            });
            view! {
                <li id=format!("comment-{}", c.id) class=format!("comment depth-{}", c.depth) class:hidden-comment=c.hidden>
                    <p class="byline">
                        <span class="author">{c.author.clone()}</span>
                        {official}
                        " · " <span class="when">{c.when.clone()}</span>
                    </p>
                    {hidden}
                    <p class="pre-line">{c.body.clone()}</p>
                    {reply}
                    {moderate}
                </li>
            }
        })
        .collect_view();
    let new = if place.may_comment && place.signed_in {
        Some(comment_form(place, "").into_any())
    } else if place.may_comment {
        Some(
            view! { <p><a href="/account/sign-in">{t("consultation.sign-in-to-comment")}</a></p> }
                .into_any(),
        )
    } else {
        None
    };
    let empty = comments
        .is_empty()
        .then(|| view! { <p>{t("consultation.no-comments")}</p> });
    view! {
        {empty}
        <ol class="comments">{items}</ol>
        {new}
    }
}

/// The keys of a thread's comment forms (see [`comment_form`]).
fn form_keys(target: &str, comments: &[CommentView]) -> Vec<String> {
    std::iter::once(format!("{target}:"))
        .chain(comments.iter().map(|c| format!("{target}:{}", c.id)))
        .collect()
}

fn base(forum: &str, slug: &str) -> String {
    format!("/forums/{forum}/consultations/{slug}")
}

/// A published contribution and its comments.
#[component]
pub fn ContributionDiscussionPage() -> impl IntoView {
    let code = forum_code();
    let (slug, id) = (param("slug"), param("contribution"));
    let data = Resource::new_blocking(
        move || (code.clone(), slug.clone(), id.clone()),
        |(forum, slug, id)| contribution_page(forum, slug, id),
    );
    loaded(data, |p: ContributionPage| {
        let title = t_with(
            "consultation.contribution-title",
            &[("question", &p.contribution.question)],
        );
        let back = format!(
            "{}/contributions/{}",
            base(&p.forum_code, &p.slug),
            p.contribution.id
        );
        let place = Place {
            forum: p.forum_code.clone(),
            slug: p.slug.clone(),
            field: "contribution",
            target: p.contribution.id.clone(),
            back,
            may_comment: p.may_comment,
            signed_in: p.signed_in,
            organiser: p.organiser,
        };
        let count = t_with(
            "consultation.comment-count",
            &[(
                "count",
                &p.comments.iter().filter(|c| !c.hidden).count().to_string(),
            )],
        );
        // A refusal of a form no longer on the page shows at its top.
        let keys = if p.may_comment && p.signed_in {
            form_keys(&p.contribution.id, &p.comments)
        } else {
            vec![]
        };
        view! {
            <Title text=title.clone() />
            <h1>{title}</h1>
            <Notice />
            <Refused action=COMMENT except_rows=("form_key", keys) />
            <p><a href=base(&p.forum_code, &p.slug)>{t_with("consultation.back-to", &[("consultation", &p.consultation)])}</a></p>
            <ul class="contribution-list">{contribution_view(&p.forum_code, &p.slug, &p.contribution, None)}</ul>
            <section aria-labelledby="comments">
                <h2 id="comments">{t("consultation.comments")} " " <span class="count">{count}</span></h2>
                {thread_view(&place, &p.comments)}
            </section>
        }
    })
}

fn pieces_view(pieces: &[Piece]) -> impl IntoView {
    pieces
        .iter()
        .map(|piece| match piece {
            Piece::Kept(s) => view! { <span>{s.clone()} " "</span> }.into_any(),
            Piece::Deleted(s) => view! { <del>{s.clone()}</del> " " }.into_any(),
            Piece::Inserted(s) => view! { <ins>{s.clone()}</ins> " " }.into_any(),
        })
        .collect_view()
}

fn paragraph_view(p: &DraftPage, para: &ParagraphView) -> impl IntoView {
    let mark = match para.mark {
        Mark::Same => None,
        Mark::Changed => Some(t("consultation.draft.changed")),
        Mark::Added => Some(t("consultation.draft.added")),
        Mark::Removed => Some(t("consultation.draft.removed")),
    };
    let mark = mark.map(|m| view! { <span class=format!("mark mark-{:?}", para.mark).to_lowercase()>{m}</span> " " });
    let text = match para.mark {
        Mark::Changed => view! { <p>{pieces_view(&para.pieces)}</p> }.into_any(),
        Mark::Removed => view! { <p><del>{para.text.clone()}</del></p> }.into_any(),
        Mark::Added => view! { <p><ins>{para.text.clone()}</ins></p> }.into_any(),
        Mark::Same => view! { <p>{para.text.clone()}</p> }.into_any(),
    };
    if para.mark == Mark::Removed {
        return view! { <li class="paragraph removed">{mark}{text}</li> }.into_any();
    }
    let version = if p.changes {
        format!("version={}&changes=on", p.number)
    } else {
        format!("version={}", p.number)
    };
    let place = Place {
        forum: p.forum_code.clone(),
        slug: p.slug.clone(),
        field: "paragraph",
        target: para.id.clone(),
        back: format!("{}/drafts/{}?{version}", base(&p.forum_code, &p.slug), p.id),
        may_comment: p.may_comment,
        signed_in: p.signed_in,
        organiser: p.organiser,
    };
    let shown = para
        .comments
        .iter()
        .filter(|c| !c.hidden)
        .count()
        .to_string();
    let number = para.position.to_string();
    let summary = t_with(
        "consultation.draft.paragraph-comments",
        &[("n", &number), ("count", &shown)],
    );
    let open = !para.comments.is_empty() && para.comments.len() <= 3;
    view! {
        <li class="paragraph" id=format!("p{}", para.position) value=para.position>
            {mark}
            {text}
            <details class="paragraph-comments" open=open>
                <summary>{summary}</summary>
                {thread_view(&place, &para.comments)}
            </details>
        </li>
    }
    .into_any()
}

fn revise_form(p: &DraftPage) -> impl IntoView {
    let (forum, slug, id, text) = (
        p.forum_code.clone(),
        p.slug.clone(),
        p.id.clone(),
        p.text.clone(),
    );
    view! {
        <section aria-labelledby="revise">
            <h2 id="revise">{t("consultation.draft.revise")}</h2>
            <PostForm action="/api/consultations/draft-revise" class="stack" label=t("consultation.draft.revise")>
                <Hidden name="forum" value=forum />
                <Hidden name="slug" value=slug />
                <Hidden name="draft" value=id />
                <TextArea name="text" label=t("consultation.draft.text") value=text hint=t("consultation.draft.text-hint") rows=16 />
                <Field name="note" label=t("consultation.draft.note") hint=t("consultation.draft.note-hint") />
                <Submit label=t("consultation.draft.publish-revision") />
            </PostForm>
        </section>
    }
}

/// A draft text put to comment, paragraph by paragraph.
#[component]
pub fn DraftDiscussionPage() -> impl IntoView {
    let code = forum_code();
    let (slug, draft) = (param("slug"), param("draft"));
    let query = use_query_map().read_untracked().clone();
    let (version, changes) = (query.get("version"), query.get("changes"));
    let data = Resource::new_blocking(
        move || {
            (
                code.clone(),
                slug.clone(),
                draft.clone(),
                version.clone(),
                changes.clone(),
            )
        },
        |(forum, slug, draft, version, changes)| draft_page(forum, slug, draft, version, changes),
    );
    loaded(data, |p: DraftPage| {
        let here = format!("{}/drafts/{}", base(&p.forum_code, &p.slug), p.id);
        let versions = p
            .versions
            .iter()
            .map(|(n, on)| {
                let label = t_with("consultation.draft.version-of", &[("n", &n.to_string()), ("date", on)]);
                let current = (*n == p.number).then_some("page");
                view! { <li><a href=format!("{here}?version={n}") aria-current=current>{label}</a></li> }
            })
            .collect_view();
        let changes_link = (p.number > 1).then(|| {
            if p.changes {
                view! { <a href=format!("{here}?version={}", p.number)>{t("consultation.draft.hide-changes")}</a> }.into_any()
            } else {
                view! { <a href=format!("{here}?version={}&changes=on", p.number)>{t("consultation.draft.show-changes")}</a> }.into_any()
            }
        });
        let note = (!p.note.is_empty()).then(|| {
            let n = p.note.clone();
            view! { <p class="note"><strong>{t("consultation.draft.note")} ": "</strong> {n}</p> }
        });
        let latest = p.versions.last().map(|(n, _)| *n) == Some(p.number);
        let older =
            (!latest).then(|| view! { <p class="notice">{t("consultation.draft.older")}</p> });
        let heading = t_with(
            "consultation.draft.version",
            &[("n", &p.number.to_string())],
        );
        let paragraphs = p
            .paragraphs
            .iter()
            .map(|para| paragraph_view(&p, para))
            .collect_view();
        let revise = (p.organiser && latest).then(|| revise_form(&p));
        // A refusal of a form no longer on the page shows at its top.
        let keys: Vec<String> = if p.may_comment && p.signed_in {
            p.paragraphs
                .iter()
                .filter(|para| !para.id.is_empty())
                .flat_map(|para| form_keys(&para.id, &para.comments))
                .collect()
        } else {
            vec![]
        };
        view! {
            <Title text=p.title.clone() />
            <h1>{p.title.clone()}</h1>
            <Notice />
            <Refused action=COMMENT except_rows=("form_key", keys) />
            <p><a href=base(&p.forum_code, &p.slug)>{t_with("consultation.back-to", &[("consultation", &p.consultation)])}</a></p>
            <nav aria-label=t("consultation.draft.versions")><ul class="tabs">{versions}</ul></nav>
            <h2>{heading}</h2>
            {older}
            {note}
            <p>{changes_link}</p>
            <p class="hint">{t("consultation.draft.intro")}</p>
            <ol class="draft">{paragraphs}</ol>
            {revise}
        }
    })
}
