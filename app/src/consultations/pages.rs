//! Consultations' pages: an edition's list of consultations (with the
//! organisers' form to start one), a consultation's public page (phases,
//! questions, figures, the contributions with their filters, the visitor's
//! own), the contribute form, and the organisers' page (details, phases,
//! questions, moderation).

use super::api::{consultation_page, consultations, contribute_form, manage_consultation};
use super::discussion_types::DraftLine;
use super::synthesis_pages::{meetings_manage, meetings_view};
use super::{
    ConsultationPage, ConsultationsPage, ContributeFormPage, ContributionView, Count, Figures,
    Filters, ManagePage, ModerationLine, PhaseView, QuestionView, State, MAX_BODY,
};
use crate::accounts::countries::{RegionalGroup, COUNTRIES};
use crate::accounts::StakeholderGroup;
use crate::forums::pages::forum_code;
use crate::i18n::{t, t_with};
use crate::ui::charts::BarChart;
use crate::ui::forms::{
    failed_row_field, Checkbox, Choice, Field, Hidden, PostForm, ScopedInput, Submit, TextArea,
};
use crate::ui::layout::{loaded, ColumnHeads, Notice};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

/// Where the contribute form posts (a multipart form: it may carry a file).
pub const CONTRIBUTE: &str = "/consultations/contribute";

pub(super) fn slug_param() -> String {
    use_params_map()
        .read_untracked()
        .get("slug")
        .unwrap_or_default()
}

pub(super) fn base(forum: &str, slug: &str) -> String {
    format!("/forums/{forum}/consultations/{slug}")
}

pub(super) fn group_label(code: &str) -> String {
    StakeholderGroup::from_code(code)
        .map(|g| t(&g.label_key()))
        .unwrap_or_else(|| code.to_string())
}

pub(super) fn region_label(code: &str) -> String {
    if code.is_empty() {
        t("consultation.region-unknown")
    } else {
        t(&format!("region.{code}"))
    }
}

fn state_badge(s: State) -> impl IntoView {
    view! { <span class=format!("state state-{}", s.code())>{t(&s.label_key())}</span> }
}

fn size(bytes: i32) -> String {
    let kib = (bytes.max(0) as u64).div_ceil(1024);
    if kib >= 1024 {
        format!("{:.1} MB", kib as f64 / 1024.0)
    } else {
        format!("{kib} KB")
    }
}

fn group_options() -> Vec<(String, String)> {
    StakeholderGroup::ALL
        .iter()
        .map(|g| (g.code().to_string(), t(&g.label_key())))
        .collect()
}

fn country_options() -> Vec<(String, String)> {
    COUNTRIES
        .iter()
        .map(|c| (c.code.to_string(), c.name.to_string()))
        .collect()
}

/// An edition's consultations.
#[component]
pub fn ConsultationsListPage() -> impl IntoView {
    let code = forum_code();
    let data = Resource::new_blocking(move || code.clone(), consultations);
    loaded(data, |p: ConsultationsPage| {
        let title = t_with("consultation.list-title", &[("forum", &p.forum_name)]);
        let list = if p.consultations.is_empty() {
            view! { <p>{t("consultation.none-yet")}</p> }.into_any()
        } else {
            let forum = p.forum_code.clone();
            let items = p
                .consultations
                .iter()
                .map(|c| {
                    let href = base(&forum, &c.slug);
                    let phase = c.current_phase.clone().map(|n| {
                        view! { <span class="phase-now">{t_with("consultation.now", &[("phase", &n)])}</span> }
                    });
                    let draft = (!c.published).then(|| view! { " " <span class="state state-draft">{t("consultation.draft")}</span> });
                    let count = t_with("consultation.contribution-count", &[("count", &c.contributions.to_string())]);
                    view! {
                        <li>
                            <a href=href>{c.title.clone()}</a>
                            {draft}
                            <br />
                            {phase}
                            " "
                            <span class="count">{count}</span>
                        </li>
                    }
                })
                .collect_view();
            view! { <ul class="consultation-list">{items}</ul> }.into_any()
        };
        let create = p.organiser.then(|| {
            let forum = p.forum_code.clone();
            view! {
                <section aria-labelledby="new-consultation">
                    <h2 id="new-consultation">{t("consultation.new")}</h2>
                    <PostForm action="/api/consultations/create" class="stack" label=t("consultation.new")>
                        <Hidden name="forum" value=forum />
                        <Field name="title" label=t("consultation.field.title") required=true />
                        <Field name="slug" label=t("consultation.field.slug") required=true hint=t("consultation.field.slug-hint") />
                        <Submit label=t("consultation.create") />
                    </PostForm>
                </section>
            }
        });
        view! {
            <Title text=title.clone() />
            <h1>{title}</h1>
            <Notice />
            <p class="lead">{t("consultation.intro")}</p>
            {list}
            {create}
        }
    })
}

fn phases_view(phases: &[PhaseView]) -> impl IntoView {
    let items = phases
        .iter()
        .map(|p| {
            let allows = match (p.contributions, p.comments) {
                (true, true) => t("consultation.allows-both"),
                (true, false) => t("consultation.allows-contributions"),
                (false, true) => t("consultation.allows-comments"),
                (false, false) => t("consultation.allows-nothing"),
            };
            let now = p.current.then(|| view! { <strong class="phase-now">{t("consultation.current")}</strong> " " });
            view! {
                <li class:current=p.current class:over=p.over aria-current=p.current.then_some("step")>
                    {now}
                    <span class="phase-name">{p.name.clone()}</span>
                    <br />
                    <span class="phase-dates">{p.starts.clone()} " – " {p.ends.clone()}</span>
                    <br />
                    <span class="phase-allows">{allows}</span>
                </li>
            }
        })
        .collect_view();
    view! { <ol class="phases">{items}</ol> }
}

fn stage_note(p: &ConsultationPage) -> impl IntoView {
    let text = if let Some(now) = &p.current {
        t_with("consultation.now", &[("phase", now)])
    } else if let Some((next, from)) = &p.next {
        t_with("consultation.next", &[("phase", next), ("from", from)])
    } else if p.over {
        t("consultation.over")
    } else {
        t("consultation.no-phases")
    };
    let deadline = p
        .deadline
        .clone()
        .map(|d| view! { " " {t_with("consultation.deadline", &[("at", &d)])} });
    view! { <p class="stage" role="note">{text}{deadline}</p> }
}

/// Figures by stakeholder group, region and question as charts with their
/// tables, under `heading` (`id` names the section).
pub(super) fn figures_view(
    id: &'static str,
    heading: String,
    figures: &Figures,
    questions: &[QuestionView],
) -> impl IntoView {
    let bars = |counts: &[Count], label: &dyn Fn(&str) -> String| -> Vec<(String, u32)> {
        counts
            .iter()
            .map(|c| (label(&c.code), c.count.min(u32::MAX as u64) as u32))
            .collect()
    };
    let question_title = |code: &str| {
        questions
            .iter()
            .find(|q| q.id == code)
            .map(|q| q.title.clone())
            .unwrap_or_default()
    };
    let total = t_with(
        "consultation.total",
        &[("count", &figures.total.to_string())],
    );
    view! {
        <section class="charts" aria-labelledby=id>
            <h2 id=id>{heading}</h2>
            <p>{total}</p>
            <BarChart id="chart-groups".into() title=t("consultation.by-group") bars=bars(&figures.by_group, &group_label) />
            <BarChart id="chart-regions".into() title=t("consultation.by-region") bars=bars(&figures.by_region, &region_label) />
            <BarChart id="chart-questions".into() title=t("consultation.by-question") bars=bars(&figures.by_question, &question_title) />
        </section>
    }
}

fn filters_view(p: &ConsultationPage) -> impl IntoView {
    let f = p.filters.clone();
    let option = |value: String, label: String, chosen: &str| {
        let selected = value == chosen;
        view! { <option value=value selected=selected>{label}</option> }
    };
    let questions = p
        .questions
        .iter()
        .map(|q| option(q.id.clone(), q.title.clone(), &f.question))
        .collect_view();
    let groups = StakeholderGroup::ALL
        .iter()
        .map(|g| option(g.code().into(), t(&g.label_key()), &f.group))
        .collect_view();
    let regions = RegionalGroup::ALL
        .iter()
        .map(|r| option(r.code().into(), region_label(r.code()), &f.region))
        .collect_view();
    view! {
        <form method="get" action=base(&p.forum_code, &p.slug) class="filters" aria-label=t("consultation.filter")>
            <div class="field">
                <label for="filter-question">{t("consultation.field.question")}</label>
                <select id="filter-question" name="question">
                    <option value="">{t("consultation.any")}</option>
                    {questions}
                </select>
            </div>
            <div class="field">
                <label for="filter-group">{t("field.stakeholder-group")}</label>
                <select id="filter-group" name="group">
                    <option value="">{t("consultation.any")}</option>
                    {groups}
                </select>
            </div>
            <div class="field">
                <label for="filter-region">{t("consultation.region")}</label>
                <select id="filter-region" name="region">
                    <option value="">{t("consultation.any")}</option>
                    {regions}
                </select>
            </div>
            <div class="field">
                <label for="filter-organisation">{t("field.organisation")}</label>
                <input id="filter-organisation" name="organisation" type="text" value=f.organisation.clone() />
            </div>
            <div class="field">
                <label for="filter-words">{t("consultation.search")}</label>
                <input id="filter-words" name="q" type="search" value=f.words.clone() />
            </div>
            {(!f.theme.is_empty()).then(|| view! { <input type="hidden" name="theme" value=f.theme.clone() /> })}
            <button type="submit">{t("consultation.apply")}</button>
        </form>
    }
}

/// A contribution in a list; `comments` (their number) links to its page.
pub(super) fn contribution_view(
    forum: &str,
    slug: &str,
    c: &ContributionView,
    comments: Option<u64>,
) -> impl IntoView {
    let by = match &c.author {
        Some(name) => name.clone(),
        None => t("consultation.anonymous"),
    };
    let organisation = (!c.organisation.is_empty()).then(|| {
        let o = c.organisation.clone();
        view! { ", " <span class="organisation">{o}</span> }
    });
    let attachment = c.attachment.clone().map(|(name, bytes)| {
        let href = format!("{}/attachments/{}", base(forum, slug), c.id);
        view! {
            <p class="attachment">
                <a href=href download=name.clone()>{t_with("consultation.attachment-link", &[("name", &name), ("size", &size(bytes))])}</a>
            </p>
        }
    });
    let discussion = comments.map(|n| {
        let href = format!("{}/contributions/{}", base(forum, slug), c.id);
        view! { <p><a href=href>{t_with("consultation.comments-link", &[("count", &n.to_string())])}</a></p> }
    });
    let id = format!("contribution-{}", c.id);
    let labelled = id.clone();
    view! {
        <li>
            <article class="contribution" aria-labelledby=labelled>
                <h3 id=id>{c.question.clone()}</h3>
                <p class="byline">
                    <span class="author">{by}</span>
                    {organisation}
                    " · " {group_label(&c.stakeholder_group)}
                    {(!c.country_name.is_empty()).then(|| view! { " · " {c.country_name.clone()} })}
                    " · " <time datetime=c.sent.clone()>{c.sent.clone()}</time>
                </p>
                <div class="prose" inner_html=c.body_html.clone()></div>
                {attachment}
                {discussion}
            </article>
        </li>
    }
}

fn drafts_view(forum: &str, slug: &str, drafts: &[DraftLine]) -> Option<impl IntoView> {
    if drafts.is_empty() {
        return None;
    }
    let items = drafts
        .iter()
        .map(|d| {
            let href = format!("{}/drafts/{}", base(forum, slug), d.id);
            let versions = t_with("consultation.draft.versions-count", &[("count", &d.versions.to_string())]);
            view! { <li><a href=href>{d.title.clone()}</a> " " <span class="count">{versions}</span></li> }
        })
        .collect_view();
    Some(view! {
        <section aria-labelledby="consultation-drafts">
            <h2 id="consultation-drafts">{t("consultation.drafts")}</h2>
            <ul>{items}</ul>
        </section>
    })
}

fn pager(p: &ConsultationPage) -> impl IntoView {
    let pages = p.pages();
    let current = p.filters.page.max(1);
    let query = p.filters.query();
    let href = {
        let base = base(&p.forum_code, &p.slug);
        move |n: u64| {
            if query.is_empty() {
                format!("{base}?page={n}")
            } else {
                format!("{base}?{query}&page={n}")
            }
        }
    };
    (pages > 1).then(|| {
        let of = t_with(
            "consultation.page-of",
            &[("page", &current.to_string()), ("pages", &pages.to_string())],
        );
        view! {
            <nav class="pager" aria-label=t("consultation.pages")>
                {(current > 1).then(|| view! { <a href=href(current - 1) rel="prev">{t("consultation.previous")}</a> " " })}
                <span>{of}</span>
                {(current < pages).then(|| view! { " " <a href=href(current + 1) rel="next">{t("consultation.next-page")}</a> })}
            </nav>
        }
    })
}

fn mine_view(p: &ConsultationPage) -> Option<impl IntoView> {
    if p.mine.is_empty() {
        return None;
    }
    let heads = vec![
        t("consultation.field.question"),
        t("consultation.state"),
        t("consultation.sent"),
        t("consultation.actions"),
    ];
    let rows = p
        .mine
        .iter()
        .map(|m| {
            let edit = p.may_contribute.then(|| {
                let href = format!("{}/contribute?edit={}", base(&p.forum_code, &p.slug), m.id);
                let label = t_with("consultation.edit-named", &[("question", &m.question)]);
                view! { <a href=href aria-label=label>{t("consultation.edit")}</a> }
            });
            let reason = (!m.reason.is_empty()).then(|| {
                let r = m.reason.clone();
                view! { <br /><span class="reason">{t("consultation.reason-given")} ": " {r}</span> }
            });
            view! {
                <tr>
                    <th scope="row">{m.question.clone()}</th>
                    <td>{state_badge(m.state)}{reason}</td>
                    <td>{m.sent.clone()}</td>
                    <td>{edit}</td>
                </tr>
            }
        })
        .collect_view();
    Some(view! {
        <section class="my-contributions" aria-labelledby="my-contributions">
            <h2 id="my-contributions">{t("consultation.mine")}</h2>
            <div class="table-scroll" tabindex="0" role="region" aria-labelledby="my-contributions">
                <table>
                    <ColumnHeads labels=heads />
                    <tbody>{rows}</tbody>
                </table>
            </div>
        </section>
    })
}

fn questions_view(questions: &[QuestionView]) -> impl IntoView {
    let items = questions
        .iter()
        .map(|q| {
            view! {
                <li>
                    <strong>{q.title.clone()}</strong>
                    <div class="prose" inner_html=q.description_html.clone()></div>
                </li>
            }
        })
        .collect_view();
    view! { <ol class="questions">{items}</ol> }
}

/// The filters from the page's address.
pub(super) fn filters_from_query() -> Filters {
    let q = use_query_map().read_untracked().clone();
    let get = |k: &str| q.get(k).unwrap_or_default();
    Filters {
        question: get("question"),
        group: get("group"),
        region: get("region"),
        organisation: get("organisation"),
        words: get("q"),
        theme: get("theme"),
        page: get("page").parse().unwrap_or(1),
    }
}

/// A consultation's public page.
#[component]
pub fn ConsultationPublicPage() -> impl IntoView {
    let code = forum_code();
    let slug = slug_param();
    let filters = filters_from_query();
    let data = Resource::new_blocking(
        move || (code.clone(), slug.clone(), filters.clone()),
        |(forum, slug, filters)| consultation_page(forum, slug, filters),
    );
    loaded(data, |p: ConsultationPage| {
        let manage = p.organiser.then(|| {
            view! { <p><a href=format!("{}/manage", base(&p.forum_code, &p.slug))>{t("consultation.manage")}</a></p> }
        });
        let draft =
            (!p.published).then(|| view! { <p class="notice">{t("consultation.draft-note")}</p> });
        let contribute = if !p.may_contribute {
            None
        } else if !p.signed_in {
            Some(
                view! { <p><a href="/account/sign-in">{t("consultation.sign-in-first")}</a></p> }
                    .into_any(),
            )
        } else {
            let href = format!("{}/contribute", base(&p.forum_code, &p.slug));
            Some(view! { <p><a class="button primary" href=href>{t("consultation.contribute")}</a></p> }.into_any())
        };
        let matched = t_with("consultation.matched", &[("count", &p.matched.to_string())]);
        let list = if p.contributions.is_empty() {
            view! { <p>{t("consultation.none-published")}</p> }.into_any()
        } else {
            let items = p
                .contributions
                .iter()
                .map(|c| {
                    let n = p
                        .comment_counts
                        .iter()
                        .find(|(id, _)| *id == c.id)
                        .map_or(0, |(_, n)| *n);
                    contribution_view(&p.forum_code, &p.slug, c, Some(n))
                })
                .collect_view();
            view! { <ul class="contribution-list">{items}</ul> }.into_any()
        };
        view! {
            <Title text=p.title.clone() />
            <h1>{p.title.clone()}</h1>
            <Notice />
            {draft}
            {manage}
            {stage_note(&p)}
            {contribute}
            <div class="prose" inner_html=p.description_html.clone()></div>
            <section aria-labelledby="consultation-phases">
                <h2 id="consultation-phases">{t("consultation.phases")}</h2>
                {phases_view(&p.phases)}
            </section>
            <section aria-labelledby="consultation-questions">
                <h2 id="consultation-questions">{t("consultation.questions")}</h2>
                {questions_view(&p.questions)}
            </section>
            {meetings_view(&p.forum_code, &p.slug, &p.meetings, false)}
            {drafts_view(&p.forum_code, &p.slug, &p.drafts)}
            {mine_view(&p)}
            {figures_view("consultation-figures", t("consultation.figures"), &p.figures, &p.questions)}
            <section aria-labelledby="consultation-contributions">
                <h2 id="consultation-contributions">{t("consultation.contributions")}</h2>
                {filters_view(&p)}
                {p.theme.clone().map(|name| view! {
                    <p class="theme-filter">
                        {t_with("consultation.theme.behind", &[("theme", &name)])} " "
                        <a href=base(&p.forum_code, &p.slug)>{t("consultation.theme.show-all")}</a>
                    </p>
                })}
                <p role="status">{matched}</p>
                {list}
                {pager(&p)}
            </section>
        }
    })
}

fn contribute_form_view(p: &ContributeFormPage) -> impl IntoView {
    let f = p.form.clone();
    let questions: Vec<(String, String)> = p
        .questions
        .iter()
        .map(|q| (q.id.clone(), q.title.clone()))
        .collect();
    let forum = p.forum_code.clone();
    let slug = p.slug.clone();
    let contribution = p.contribution.clone().unwrap_or_default();
    let submit = if p.contribution.is_some() {
        t("consultation.save")
    } else {
        t("consultation.send")
    };
    let kept = p.attachment.clone().map(|name| {
        view! {
            <p>{t_with("consultation.attachment-kept", &[("name", &name)])}</p>
            <Checkbox name="drop_attachment" label=t("consultation.drop-attachment") />
        }
    });
    let max = MAX_BODY.to_string();
    view! {
        <PostForm action=CONTRIBUTE class="stack" label=t("consultation.form") enctype="multipart/form-data">
            <Hidden name="forum" value=forum />
            <Hidden name="slug" value=slug />
            <Hidden name="contribution" value=contribution />
            <Choice name="question" label=t("consultation.field.question") options=questions value=f.question.clone() empty=t("consultation.choose-question") />
            <TextArea name="body" label=t("consultation.field.body") value=f.body.clone() hint=t_with("consultation.field.body-hint", &[("max", &max)]) rows=12 />
            <Field name="attachment" kind="file" label=t("consultation.field.attachment") hint=t("consultation.field.attachment-hint") />
            {kept}
            <Field name="organisation" label=t("consultation.field.organisation") value=f.organisation.clone() hint=t("consultation.field.organisation-hint") />
            <Choice name="stakeholder_group" label=t("field.stakeholder-group") options=group_options() value=f.stakeholder_group.clone() empty=t("consultation.choose-group") />
            <Choice name="country" label=t("field.country") options=country_options() value=f.country.clone() empty=t("consultation.choose-country") />
            <Checkbox name="anonymous" label=t("consultation.field.anonymous") checked=f.anonymous />
            <Submit label=submit />
        </PostForm>
    }
}

/// The contribute form (`?edit=<id>` for one's own contribution).
#[component]
pub fn ContributePage() -> impl IntoView {
    let code = forum_code();
    let slug = slug_param();
    let edit = use_query_map().read_untracked().get("edit");
    let data = Resource::new_blocking(
        move || (code.clone(), slug.clone(), edit.clone()),
        |(forum, slug, edit)| contribute_form(forum, slug, edit),
    );
    loaded(data, |p: ContributeFormPage| {
        let title = if p.contribution.is_some() {
            t_with("consultation.edit-title", &[("consultation", &p.title)])
        } else {
            t_with(
                "consultation.contribute-title",
                &[("consultation", &p.title)],
            )
        };
        let back = base(&p.forum_code, &p.slug);
        let deadline = p
            .deadline
            .clone()
            .map(|d| view! { <p>{t_with("consultation.deadline", &[("at", &d)])}</p> });
        let body = if p.may_contribute {
            contribute_form_view(&p).into_any()
        } else {
            view! { <p>{t("consultation.closed")}</p> }.into_any()
        };
        view! {
            <Title text=title.clone() />
            <h1>{title}</h1>
            <Notice />
            <p>{t("consultation.form-intro")}</p>
            {deadline}
            {body}
            <p><a href=back>{t("consultation.back")}</a></p>
        }
    })
}

fn details_form(m: &ManagePage) -> impl IntoView {
    let (forum, slug) = (m.forum_code.clone(), m.slug.clone());
    let (title, description, published) = (m.title.clone(), m.description.clone(), m.published);
    view! {
        <section aria-labelledby="details">
            <h2 id="details">{t("consultation.details")}</h2>
            <PostForm action="/api/consultations/save" class="stack" label=t("consultation.details")>
                <Hidden name="forum" value=forum />
                <Hidden name="slug" value=slug />
                <Field name="title" label=t("consultation.field.title") value=title required=true />
                <TextArea name="description" label=t("consultation.field.description") value=description hint=t("consultation.field.description-hint") rows=8 />
                <Checkbox name="published" label=t("consultation.field.published") checked=published />
                <Submit label=t("consultation.save-details") />
            </PostForm>
        </section>
    }
}

fn phases_manage(m: &ManagePage) -> impl IntoView {
    let heads = vec![
        t("consultation.phase.name"),
        t("consultation.phase.starts"),
        t("consultation.phase.ends"),
        t("consultation.phase.allows"),
        t("consultation.actions"),
    ];
    let rows = m
        .phases
        .iter()
        .map(|p| {
            let (forum, slug, id) = (m.forum_code.clone(), m.slug.clone(), p.id.clone());
            let allows = [
                p.contributions.then(|| t("consultation.phase.contributions")),
                p.comments.then(|| t("consultation.phase.comments")),
            ]
            .into_iter()
            .flatten()
            .collect::<Vec<_>>()
            .join(", ");
            let label = t_with("consultation.phase.remove-named", &[("phase", &p.name)]);
            view! {
                <tr>
                    <th scope="row">{p.name.clone()}</th>
                    <td>{p.starts.clone()}</td>
                    <td>{p.ends.clone()}</td>
                    <td>{allows}</td>
                    <td>
                        <PostForm action="/api/consultations/phase-remove" class="inline" row=("phase", vec![id.clone()])>
                            <Hidden name="forum" value=forum />
                            <Hidden name="slug" value=slug />
                            <Hidden name="phase" value=id />
                            <button type="submit" aria-label=label>{t("consultation.remove")}</button>
                        </PostForm>
                    </td>
                </tr>
            }
        })
        .collect_view();
    let (forum, slug) = (m.forum_code.clone(), m.slug.clone());
    view! {
        <section aria-labelledby="phases">
            <h2 id="phases">{t("consultation.phases")}</h2>
            <div class="table-scroll" tabindex="0" role="region" aria-labelledby="phases">
                <table>
                    <ColumnHeads labels=heads />
                    <tbody>{rows}</tbody>
                </table>
            </div>
            <h3 id="add-phase">{t("consultation.phase.add")}</h3>
            <PostForm action="/api/consultations/phase-add" class="stack" label=t("consultation.phase.add")>
                <Hidden name="forum" value=forum />
                <Hidden name="slug" value=slug />
                <Field name="name" label=t("consultation.phase.name") required=true hint=t("consultation.phase.name-hint") />
                <Field name="starts" kind="datetime-local" label=t("consultation.phase.starts-utc") required=true />
                <Field name="ends" kind="datetime-local" label=t("consultation.phase.ends-utc") required=true />
                <Checkbox name="contributions" label=t("consultation.phase.takes-contributions") />
                <Checkbox name="comments" label=t("consultation.phase.takes-comments") />
                <Submit label=t("consultation.phase.add") />
            </PostForm>
        </section>
    }
}

fn questions_manage(m: &ManagePage) -> impl IntoView {
    let items = m
        .questions
        .iter()
        .map(|q| {
            let (forum, slug, id) = (m.forum_code.clone(), m.slug.clone(), q.id.clone());
            let label = t_with("consultation.question-remove-named", &[("question", &q.title)]);
            view! {
                <li>
                    {q.title.clone()} " "
                    <PostForm action="/api/consultations/question-remove" class="inline" row=("question", vec![id.clone()])>
                        <Hidden name="forum" value=forum />
                        <Hidden name="slug" value=slug />
                        <Hidden name="question" value=id />
                        <button type="submit" aria-label=label>{t("consultation.remove")}</button>
                    </PostForm>
                </li>
            }
        })
        .collect_view();
    let (forum, slug) = (m.forum_code.clone(), m.slug.clone());
    view! {
        <section aria-labelledby="questions">
            <h2 id="questions">{t("consultation.questions")}</h2>
            <ol class="questions">{items}</ol>
            <h3 id="add-question">{t("consultation.question-add")}</h3>
            <PostForm action="/api/consultations/question-add" class="stack" label=t("consultation.question-add")>
                <Hidden name="forum" value=forum />
                <Hidden name="slug" value=slug />
                <Field name="question_title" label=t("consultation.field.question-title") required=true />
                <TextArea name="question_description" label=t("consultation.field.question-description") rows=3 />
                <Submit label=t("consultation.question-add") />
            </PostForm>
        </section>
    }
}

fn drafts_manage(m: &ManagePage) -> impl IntoView {
    let (forum, slug) = (m.forum_code.clone(), m.slug.clone());
    let list = drafts_view(&m.forum_code, &m.slug, &m.drafts);
    view! {
        <section aria-labelledby="drafts">
            <h2 id="drafts">{t("consultation.draft.create")}</h2>
            {list}
            <PostForm action="/api/consultations/draft-create" class="stack" label=t("consultation.draft.create")>
                <Hidden name="forum" value=forum />
                <Hidden name="slug" value=slug />
                <Field name="draft_title" label=t("consultation.draft.title") required=true />
                <TextArea name="text" label=t("consultation.draft.text") hint=t("consultation.draft.text-hint") rows=10 />
                <Submit label=t("consultation.draft.create") />
            </PostForm>
        </section>
    }
}

fn moderation_line(m: &ManagePage, c: &ModerationLine, back: &str) -> impl IntoView {
    let (forum, slug, id, back) = (
        m.forum_code.clone(),
        m.slug.clone(),
        c.id.clone(),
        back.to_string(),
    );
    let error = failed_row_field("/api/consultations/moderate", "contribution", &id, "reason");
    let title_id = format!("contribution-{id}");
    let labelled = title_id.clone();
    let form_label = t_with("consultation.moderate-named", &[("author", &c.author)]);
    let may_approve = c.state != State::Approved;
    let may_hide = c.state != State::Hidden;
    let attachment = c.attachment.clone().map(|(name, bytes)| {
        let href = format!("{}/attachments/{}", base(&m.forum_code, &m.slug), c.id);
        view! { <p class="attachment"><a href=href>{t_with("consultation.attachment-link", &[("name", &name), ("size", &size(bytes))])}</a></p> }
    });
    let anonymous = c
        .anonymous
        .then(|| view! { " · " {t("consultation.asked-anonymous")} });
    let reason = (!c.reason.is_empty()).then(|| {
        let r = c.reason.clone();
        view! { <p class="reason">{t("consultation.reason-given")} ": " {r}</p> }
    });
    view! {
        <li>
            <article class="contribution managed" aria-labelledby=labelled>
                <h3 id=title_id>{c.question.clone()}</h3>
                <p class="byline">
                    {c.author.clone()} " " <bdi>"<" {c.email.clone()} ">"</bdi>
                    {(!c.organisation.is_empty()).then(|| view! { ", " {c.organisation.clone()} })}
                    " · " {group_label(&c.stakeholder_group)}
                    {(!c.country_name.is_empty()).then(|| view! { " · " {c.country_name.clone()} })}
                    " · " {c.sent.clone()}
                    {anonymous}
                </p>
                <p>{state_badge(c.state)}</p>
                {reason}
                <div class="prose" inner_html=c.body_html.clone()></div>
                {attachment}
                <PostForm action="/api/consultations/moderate" class="stack decide" label=form_label row=("contribution", vec![id.clone()])>
                    <Hidden name="forum" value=forum />
                    <Hidden name="slug" value=slug />
                    <Hidden name="contribution" value=id.clone() />
                    <Hidden name="back" value=back />
                    {may_hide.then(|| view! {
                        <ScopedInput id=format!("reason-{id}") name="reason" label=t("consultation.reason-field") error=error />
                    })}
                    <div class="actions">
                        {may_approve.then(|| view! {
                            <button type="submit" name="decision" value="approve" class="primary">{t("consultation.approve")}</button>
                        })}
                        " "
                        {may_hide.then(|| view! {
                            <button type="submit" name="decision" value="hide">{t("consultation.hide")}</button>
                        })}
                    </div>
                </PostForm>
            </article>
        </li>
    }
}

fn moderation(m: &ManagePage) -> impl IntoView {
    let page = format!("{}/manage", base(&m.forum_code, &m.slug));
    let back = format!("{page}?state={}#moderation", m.state.code());
    let tabs = m
        .counts
        .iter()
        .map(|(s, n)| {
            let href = format!("{page}?state={}#moderation", s.code());
            let label = format!("{} ({n})", t(&s.label_key()));
            let current = (*s == m.state).then_some("page");
            view! { <li><a href=href aria-current=current>{label}</a></li> }
        })
        .collect_view();
    let list = if m.lines.is_empty() {
        view! { <p>{t("consultation.none-here")}</p> }.into_any()
    } else {
        let items = m
            .lines
            .iter()
            .map(|c| moderation_line(m, c, &back))
            .collect_view();
        view! { <ul class="contribution-list">{items}</ul> }.into_any()
    };
    view! {
        <section aria-labelledby="moderation">
            <h2 id="moderation">{t("consultation.moderation")}</h2>
            <nav aria-label=t("consultation.by-state")><ul class="tabs">{tabs}</ul></nav>
            {list}
        </section>
    }
}

/// The organisers' page of a consultation.
#[component]
pub fn ManageConsultationPage() -> impl IntoView {
    let code = forum_code();
    let slug = slug_param();
    let state = use_query_map().read_untracked().get("state");
    let data = Resource::new_blocking(
        move || (code.clone(), slug.clone(), state.clone()),
        |(forum, slug, state)| manage_consultation(forum, slug, state),
    );
    loaded(data, |m: ManagePage| {
        let title = t_with("consultation.manage-title", &[("consultation", &m.title)]);
        let public = base(&m.forum_code, &m.slug);
        view! {
            <Title text=title.clone() />
            <h1>{title}</h1>
            <Notice />
            <p>
                <a href=public.clone()>{t("consultation.public-link")}</a> " · "
                <a href=format!("{public}/synthesis")>{t("consultation.synthesis.link")}</a>
            </p>
            {details_form(&m)}
            {phases_manage(&m)}
            {questions_manage(&m)}
            {meetings_manage(&m)}
            {drafts_manage(&m)}
            {moderation(&m)}
        }
    })
}
