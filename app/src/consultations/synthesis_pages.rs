//! A consultation's synthesis page (organisers): figures over everything
//! received, the downloads, the themes made from it with the contributions
//! behind each, and the form that turns contributions into a theme. Also the
//! meetings' lists (public page and organisers' page).

use super::pages::{base, figures_view, filters_from_query, group_label, slug_param};
use super::synthesis_api::synthesis_page;
use super::synthesis_types::{MeetingLine, SourceLine, SynthesisPage, ThemeSources};
use super::{ManagePage, State};
use crate::forums::pages::forum_code;
use crate::i18n::{t, t_with};
use crate::ui::forms::{CheckboxGroup, Choice, ChoiceBox, Field, Hidden, PostForm, Submit};
use crate::ui::layout::{loaded, Notice};
use leptos::prelude::*;
use leptos_meta::Title;

/// The consultation's meetings, in time order; none when there are none and
/// nobody may add one.
pub(super) fn meetings_view(
    forum: &str,
    slug: &str,
    meetings: &[MeetingLine],
    organiser: bool,
) -> Option<impl IntoView> {
    if meetings.is_empty() && !organiser {
        return None;
    }
    let items = meetings
        .iter()
        .map(|m| {
            let title = match &m.link {
                Some(href) => view! { <a href=href.clone()>{m.title.clone()}</a> }.into_any(),
                None => view! { <span>{m.title.clone()}</span> }.into_any(),
            };
            let when = match &m.when {
                Some(w) => w.clone(),
                None => t("consultation.meeting.not-published"),
            };
            let remove = organiser.then(|| {
                let label = t_with("consultation.meeting.remove-named", &[("session", &m.title)]);
                let (forum, slug, id) = (forum.to_string(), slug.to_string(), m.session_id.clone());
                view! {
                    " "
                    <PostForm action="/api/consultations/meeting-remove" class="inline" row=("meeting", vec![id.clone()])>
                        <Hidden name="forum" value=forum />
                        <Hidden name="slug" value=slug />
                        <Hidden name="meeting" value=id />
                        <button type="submit" aria-label=label>{t("consultation.remove")}</button>
                    </PostForm>
                }
            });
            view! {
                <li>
                    <bdi class="code">{m.code.clone()}</bdi> " " {title}
                    <br />
                    <span class="meeting-when">{when}</span> " · "
                    <span class="meeting-mode">{t(m.mode.label_key())}</span>
                    {remove}
                </li>
            }
        })
        .collect_view();
    let empty = meetings
        .is_empty()
        .then(|| view! { <p>{t("consultation.meeting.none")}</p> });
    Some(view! {
        <section aria-labelledby="meetings">
            <h2 id="meetings">{t("consultation.meetings")}</h2>
            <p class="hint">{t("consultation.meeting.about")}</p>
            {empty}
            <ul class="meetings">{items}</ul>
        </section>
    })
}

/// The organisers' meetings: the list with removal, and the form to link a
/// session by its code.
pub(super) fn meetings_manage(m: &ManagePage) -> impl IntoView {
    let (forum, slug) = (m.forum_code.clone(), m.slug.clone());
    view! {
        {meetings_view(&m.forum_code, &m.slug, &m.meetings, true)}
        <h3 id="add-meeting">{t("consultation.meeting.add")}</h3>
        <PostForm action="/api/consultations/meeting-add" class="stack" label=t("consultation.meeting.add")>
            <Hidden name="forum" value=forum />
            <Hidden name="slug" value=slug />
            <Field name="session" label=t("consultation.meeting.session-code") hint=t("consultation.meeting.session-code-hint") required=true />
            <Submit label=t("consultation.meeting.add") />
        </PostForm>
    }
}

fn downloads(p: &SynthesisPage) -> impl IntoView {
    let root = format!("{}/export", base(&p.forum_code, &p.slug));
    let link = |file: &str, key: &str| {
        let href = format!("{root}/{file}");
        view! { <li><a href=href download="">{t(key)}</a></li> }
    };
    view! {
        <section aria-labelledby="downloads">
            <h2 id="downloads">{t("consultation.synthesis.downloads")}</h2>
            <ul>
                {link("contributions.csv", "consultation.synthesis.contributions-csv")}
                {link("contributions.json", "consultation.synthesis.contributions-json")}
                {link("comments.csv", "consultation.synthesis.comments-csv")}
                {link("comments.json", "consultation.synthesis.comments-json")}
            </ul>
        </section>
    }
}

fn counts(p: &SynthesisPage) -> impl IntoView {
    let states = p
        .by_state
        .iter()
        .map(|(s, n)| view! { <dt>{t(&s.label_key())}</dt><dd>{n.to_string()}</dd> })
        .collect_view();
    view! {
        <dl class="facts">
            <dt>{t("consultation.synthesis.received")}</dt><dd>{p.total().to_string()}</dd>
            {states}
            <dt>{t("consultation.synthesis.comments")}</dt><dd>{p.comments.to_string()}</dd>
            <dt>{t("consultation.synthesis.hidden-comments")}</dt><dd>{p.hidden_comments.to_string()}</dd>
        </dl>
    }
}

fn source_label(s: &SourceLine) -> String {
    let who = if s.organisation.is_empty() {
        group_label(&s.stakeholder_group)
    } else {
        format!("{} ({})", s.organisation, group_label(&s.stakeholder_group))
    };
    format!("{} — {who}: {}", s.question, s.excerpt)
}

fn theme_view(p: &SynthesisPage, theme: &ThemeSources) -> impl IntoView {
    let public = format!("{}?theme={}", base(&p.forum_code, &p.slug), theme.id);
    let count = t_with(
        "consultation.theme.sources-count",
        &[("count", &theme.sources.len().to_string())],
    );
    let items = theme
        .sources
        .iter()
        .map(|s| {
            let label = t_with("consultation.theme.unlink-named", &[("theme", &theme.name)]);
            let href = format!("{}/contributions/{}", base(&p.forum_code, &p.slug), s.id);
            let (forum, slug, theme_id, id) =
                (p.forum_code.clone(), p.slug.clone(), theme.id.clone(), s.id.clone());
            view! {
                <li>
                    <a href=href>{source_label(s)}</a> " "
                    <PostForm action="/api/consultations/theme-unlink" class="inline" row=("contribution", vec![id.clone()])>
                        <Hidden name="forum" value=forum />
                        <Hidden name="slug" value=slug />
                        <Hidden name="theme" value=theme_id />
                        <Hidden name="contribution" value=id />
                        <button type="submit" aria-label=label>{t("consultation.theme.unlink")}</button>
                    </PostForm>
                </li>
            }
        })
        .collect_view();
    view! {
        <li>
            <h3>{theme.name.clone()}</h3>
            <p>{count} " " {(!theme.sources.is_empty()).then(|| view! { <a href=public>{t("consultation.theme.public-view")}</a> })}</p>
            <ul class="sources">{items}</ul>
        </li>
    }
}

fn themes(p: &SynthesisPage) -> impl IntoView {
    let list = if p.themes.is_empty() {
        view! { <p>{t("consultation.theme.none")}</p> }.into_any()
    } else {
        view! { <ul class="themes">{p.themes.iter().map(|th| theme_view(p, th)).collect_view()}</ul> }.into_any()
    };
    view! {
        <section aria-labelledby="themes">
            <h2 id="themes">{t("consultation.theme.title")}</h2>
            <p class="hint">{t("consultation.theme.about")}</p>
            {list}
        </section>
    }
}

fn narrow(p: &SynthesisPage) -> impl IntoView {
    let f = p.filters.clone();
    let questions: Vec<(String, String)> = p
        .questions
        .iter()
        .map(|q| (q.id.clone(), q.title.clone()))
        .collect();
    view! {
        <form method="get" action=format!("{}/synthesis", base(&p.forum_code, &p.slug)) class="filters" aria-label=t("consultation.filter")>
            <Choice name="question" label=t("consultation.field.question") options=questions value=f.question.clone() empty=t("consultation.any") />
            <div class="field">
                <label for="filter-words">{t("consultation.search")}</label>
                <input id="filter-words" name="q" type="search" value=f.words.clone() />
            </div>
            <button type="submit">{t("consultation.apply")}</button>
        </form>
    }
}

fn turn_into_theme(p: &SynthesisPage) -> impl IntoView {
    let (forum, slug) = (p.forum_code.clone(), p.slug.clone());
    let back = format!(
        "{}/synthesis?{}",
        base(&p.forum_code, &p.slug),
        p.filters.query()
    );
    let existing: Vec<(String, String)> = p
        .themes
        .iter()
        .map(|th| (th.id.clone(), th.name.clone()))
        .collect();
    let shown = t_with(
        "consultation.theme.candidates",
        &[
            ("shown", &p.candidates.len().to_string()),
            ("count", &p.matched.to_string()),
        ],
    );
    let boxes = p
        .candidates
        .iter()
        .map(|s| view! { <ChoiceBox name="contributions[]" value=s.id.clone() label=source_label(s) /> })
        .collect_view();
    view! {
        <section aria-labelledby="turn-into-themes">
            <h2 id="turn-into-themes">{t("consultation.theme.turn")}</h2>
            {narrow(p)}
            <p role="status">{shown}</p>
            <PostForm action="/api/consultations/theme-link" class="stack" label=t("consultation.theme.turn")>
                <Hidden name="forum" value=forum />
                <Hidden name="slug" value=slug />
                <Hidden name="back" value=back />
                <Choice name="theme" label=t("consultation.theme.which") options=existing empty=t("consultation.theme.new") />
                <Field name="name" label=t("consultation.theme.name") hint=t("consultation.theme.name-hint") />
                <Field name="colour" kind="color" label=t("consultation.theme.colour") value="#1d5fa8" />
                <CheckboxGroup legend=t("consultation.theme.contributions") error_name="contributions">
                    {boxes}
                </CheckboxGroup>
                <Submit label=t("consultation.theme.link") />
            </PostForm>
        </section>
    }
}

#[component]
pub fn ConsultationSynthesisPage() -> impl IntoView {
    let code = forum_code();
    let slug = slug_param();
    let filters = filters_from_query();
    let data = Resource::new_blocking(
        move || (code.clone(), slug.clone(), filters.clone()),
        |(forum, slug, filters)| synthesis_page(forum, slug, filters),
    );
    loaded(data, |p: SynthesisPage| {
        let title = t_with(
            "consultation.synthesis.title",
            &[("consultation", &p.title)],
        );
        let public = base(&p.forum_code, &p.slug);
        let approved = p
            .by_state
            .iter()
            .find(|(s, _)| *s == State::Approved)
            .map_or(0, |(_, n)| *n);
        view! {
            <Title text=title.clone() />
            <h1>{title}</h1>
            <Notice />
            <p>
                <a href=format!("{public}/manage")>{t("consultation.manage")}</a> " · "
                <a href=public>{t("consultation.public-link")}</a>
            </p>
            {counts(&p)}
            {downloads(&p)}
            {figures_view("synthesis-figures", t("consultation.synthesis.figures"), &p.figures, &p.questions)}
            <p class="hint">{t_with("consultation.synthesis.figures-note", &[("approved", &approved.to_string())])}</p>
            {themes(&p)}
            {turn_into_theme(&p)}
        }
    })
}
