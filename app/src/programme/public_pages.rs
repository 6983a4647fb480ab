//! Public pages of the released programme besides the programme itself
//! (`programme_page`): the changelog of every release, a session's page and
//! a person's page.

use super::release_pages::change_table;
use super::schedule_pages::day_name;
use super::{
    Changelog, Organisations, PublicPersonLink, PublicSessionDetail, PublicWhen, SpeakerDetail,
};
use crate::agenda::pages::star_form;
use crate::error::AppError;
use crate::forums::pages::forum_code;
use crate::i18n::{t, t_with};
use crate::participation::panel::SeatsPanel;
use crate::ui::layout::{loaded, Notice};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;
#[cfg(feature = "ssr")]
use {super::published, super::release, crate::context::RequestCtx};

#[server(name = LoadChangelog, prefix = "/api", endpoint = "programme/changelog")]
pub async fn load_changelog(forum: String) -> Result<Changelog, AppError> {
    release::changelog(&RequestCtx::current()?, &forum).await
}

#[server(name = LoadPublicSession, prefix = "/api", endpoint = "programme/public-session")]
pub async fn load_public_session(
    forum: String,
    session: String,
) -> Result<PublicSessionDetail, AppError> {
    published::session(&RequestCtx::current()?, &forum, &session).await
}

#[server(name = LoadOrganisations, prefix = "/api", endpoint = "programme/organisations")]
pub async fn load_organisations(forum: String) -> Result<Organisations, AppError> {
    published::organisations(&RequestCtx::current()?, &forum).await
}

#[server(name = LoadSpeaker, prefix = "/api", endpoint = "programme/speaker")]
pub async fn load_speaker(forum: String, person: String) -> Result<SpeakerDetail, AppError> {
    published::speaker(&RequestCtx::current()?, &forum, &person).await
}

#[component]
pub fn ChangelogPage() -> impl IntoView {
    let code = forum_code();
    let data = Resource::new_blocking(move || code.clone(), load_changelog);
    loaded(data, |c: Changelog| {
        let heading = t_with("changelog.title", &[("forum", &c.forum_name)]);
        let empty = c.releases.is_empty();
        let releases = c
            .releases
            .into_iter()
            .map(|r| {
                let number = r.number.to_string();
                let id = format!("release-{number}");
                let label = id.clone();
                let caption = t_with("changelog.caption", &[("number", &number)]);
                view! {
                    <section aria-labelledby=label>
                        <h2 id=id>{t_with("public.release", &[("number", &number)])}</h2>
                        <p><time datetime=r.published_at.clone()>{r.published_at.chars().take(10).collect::<String>()}</time>
                           " · " {t_with("changelog.sessions", &[("count", &r.sessions.to_string())])}</p>
                        {(!r.note.is_empty()).then(|| view! { <p class="note">{r.note.clone()}</p> })}
                        {change_table(caption, r.changes)}
                    </section>
                }
            })
            .collect_view();
        view! {
            <Title text=heading.clone() />
            <h1>{heading}</h1>
            <p><a href=format!("/forums/{}/programme", c.forum_code)>{t("release.public-link")}</a></p>
            {empty.then(|| view! { <p>{t("public.not-yet")}</p> })}
            {releases}
        }
    })
}

/// "Day 1 (2027-05-25) 09:00–10:30", in venue time.
fn when_text(w: &PublicWhen) -> String {
    format!("{} {}–{}", day_name(&w.date, w.day_number), w.start, w.end)
}

fn person_facts(p: &PublicPersonLink) -> String {
    let mut facts = vec![];
    if !p.organisation.is_empty() {
        facts.push(p.organisation.clone());
    }
    if !p.stakeholder_group.is_empty() {
        facts.push(t(&format!("stakeholder.{}", p.stakeholder_group)));
    }
    if !p.region.is_empty() {
        facts.push(t(&format!("region.{}", p.region)));
    }
    facts.join(" · ")
}

fn back_link(forum_code: &str, forum_name: &str) -> impl IntoView {
    view! {
        <p class="back">
            <a href=format!("/forums/{forum_code}/programme")>
                {t_with("public.title", &[("forum", forum_name)])}
            </a>
        </p>
    }
}

/// A released session's public page.
#[component]
pub fn PublicSessionPage() -> impl IntoView {
    let code = forum_code();
    let params = use_params_map();
    let key = move || {
        (
            code.clone(),
            params.read().get("session").unwrap_or_default(),
        )
    };
    let data = Resource::new_blocking(key, |(f, s)| load_public_session(f, s));
    loaded(data, |s: PublicSessionDetail| {
        let heading = format!("{} {}", s.code, s.title);
        let people = s
            .people
            .iter()
            .map(|p| {
                let facts = person_facts(p);
                view! {
                    <li>
                        <a href=format!("/forums/{}/speakers/{}", s.forum_code, p.guid)>{p.name.clone()}</a>
                        " — " {t(&format!("proposals.role.{}", p.role))}
                        {(!facts.is_empty()).then(|| view! { <span class="meta">" · " {facts}</span> })}
                    </li>
                }
            })
            .collect_view();
        let format_label = t(&format!("public.format.{}", s.format));
        let fact = |key: &str, values: Vec<String>| {
            (!values.is_empty()).then(|| {
                view! { <dt>{t(key)}</dt><dd>{values.join(", ")}</dd> }
            })
        };
        let d = s.details.clone().unwrap_or_default();
        let access: Vec<String> = s
            .features
            .iter()
            .filter(|f| *f == "interpretation" || *f == "captioning")
            .map(|f| t(&format!("public.access.{f}")))
            .collect();
        let extra = view! {
            {fact("public.session-format", if d.format.is_empty() { vec![] } else { vec![d.format.clone()] })}
            {fact("public.filter.language", s.languages.iter().map(|l| t(&format!("language.{l}"))).collect())}
            {fact("public.filter.access", access)}
            {fact("public.tags", d.tags.clone())}
            {fact("public.sdgs", d.sdgs.iter().map(|n| format!("{n}. {}", t(&format!("sdg.{n}")))).collect())}
            {fact("public.action-lines", d.action_lines.iter().map(|c| t(&format!("action-line.{c}"))).collect())}
        };
        let questions = (!d.policy_questions.is_empty()).then(|| {
            let items = d
                .policy_questions
                .iter()
                .map(|q| view! { <li>{q.clone()}</li> })
                .collect_view();
            view! {
                <section aria-labelledby="questions">
                    <h2 id="questions">{t("public.policy-questions")}</h2>
                    <ol>{items}</ol>
                </section>
            }
        });
        let outcomes = (!d.expected_outcomes.trim().is_empty()).then(|| {
            view! {
                <section aria-labelledby="outcomes">
                    <h2 id="outcomes">{t("public.expected-outcomes")}</h2>
                    <p class="prewrap">{d.expected_outcomes.clone()}</p>
                </section>
            }
        });
        let materials = (!s.materials.is_empty()).then(|| {
            let items = s
                .materials
                .iter()
                .map(|m| view! { <li><a href=m.url.clone() rel="nofollow noopener">{m.title.clone()}</a></li> })
                .collect_view();
            view! {
                <section aria-labelledby="materials">
                    <h2 id="materials">{t("public.materials")}</h2>
                    <ul class="materials">{items}</ul>
                </section>
            }
        });
        view! {
            <Title text=heading.clone() />
            {back_link(&s.forum_code, &s.forum_name)}
            <article class="public-session-page">
                <h1><span class="code">{s.code.clone()}</span> " " {s.title.clone()}</h1>
                <Notice />
                <dl class="facts">
                    <dt>{t("public.when")}</dt>
                    <dd>
                        <time datetime=s.when.starts_at.clone()>{when_text(&s.when)}</time>
                        " " <span class="meta">{t_with("public.zone", &[("zone", &s.time_zone)])}</span>
                    </dd>
                    <dt>{t("public.room")}</dt>
                    <dd>{s.when.room.clone()}</dd>
                    <dt>{t("public.format")}</dt>
                    <dd>{format_label}</dd>
                    {(!s.session_type.is_empty()).then(|| view! {
                        <dt>{t("public.session-type")}</dt><dd>{s.session_type.clone()}</dd>
                    })}
                    {(!s.theme.is_empty()).then(|| view! {
                        <dt>{t("public.theme")}</dt><dd>{s.theme.clone()}</dd>
                    })}
                    {extra}
                </dl>
                <p>
                    <a href=format!("/{}/session/{}.ics", s.forum_code, s.key)>{t("public.add-calendar")}</a>
                    " · " <a href=crate::floor::floor_path(&s.forum_code, &s.key)>{t("floor.link")}</a>
                </p>
                <SeatsPanel forum=s.forum_code.clone() key=s.key.clone() seats=s.seats.clone() />
                {s.signed_in.then(|| star_form(
                    &s.forum_code,
                    &s.key,
                    s.starred,
                    format!("/forums/{}/session/{}", s.forum_code, s.key),
                ))}
                {(!s.description_html.is_empty()).then(|| view! {
                    <section aria-labelledby="about">
                        <h2 id="about">{t("public.about")}</h2>
                        <div class="description" inner_html=s.description_html.clone()></div>
                    </section>
                })}
                {questions}
                {outcomes}
                {materials}
                {(!s.people.is_empty()).then(|| view! {
                    <section aria-labelledby="people">
                        <h2 id="people">{t("public.people")}</h2>
                        <ul class="people">{people}</ul>
                    </section>
                })}
            </article>
        }
    })
}

/// A person's public page: their sessions in the released programme.
#[component]
pub fn SpeakerPage() -> impl IntoView {
    let code = forum_code();
    let params = use_params_map();
    let key = move || {
        (
            code.clone(),
            params.read().get("person").unwrap_or_default(),
        )
    };
    let data = Resource::new_blocking(key, |(f, p)| load_speaker(f, p));
    loaded(data, |d: SpeakerDetail| {
        let p = &d.person;
        let facts = person_facts(p);
        let sessions = d
            .sessions
            .iter()
            .map(|s| {
                view! {
                    <li>
                        <a href=format!("/forums/{}/session/{}", d.forum_code, s.key)>
                            <span class="code">{s.code.clone()}</span> " " {s.title.clone()}
                        </a>
                        " — " {t(&format!("proposals.role.{}", s.role))}
                        <br />
                        <time datetime=s.when.starts_at.clone()>{when_text(&s.when)}</time>
                        " · " {s.when.room.clone()}
                    </li>
                }
            })
            .collect_view();
        view! {
            <Title text=p.name.clone() />
            {back_link(&d.forum_code, &d.forum_name)}
            <h1>{p.name.clone()}</h1>
            {(!facts.is_empty()).then(|| view! { <p class="meta">{facts}</p> })}
            <h2>{t("public.sessions-of")}</h2>
            <p class="meta">{t_with("public.zone", &[("zone", &d.time_zone)])}</p>
            <ul class="public-sessions">{sessions}</ul>
            <p>
                <a href=format!("/{}/speaker/{}.ics", d.forum_code, p.guid)>{t("public.add-calendar")}</a>
            </p>
        }
    })
}

/// The participating organisations, each with its people.
#[component]
pub fn OrganisationsPage() -> impl IntoView {
    let code = forum_code();
    let data = Resource::new_blocking(move || code.clone(), load_organisations);
    loaded(data, |o: Organisations| {
        let heading = t_with("public.organisations-title", &[("forum", &o.forum_name)]);
        let count = o.organisations.len().to_string();
        let items = o
            .organisations
            .iter()
            .map(|org| {
                let people = org
                    .people
                    .iter()
                    .map(|(guid, name)| {
                        view! { <li><a href=format!("/forums/{}/speakers/{guid}", o.forum_code)>{name.clone()}</a></li> }
                    })
                    .collect_view();
                view! {
                    <li>
                        <strong>{org.name.clone()}</strong> " "
                        <span class="meta">{t_with("public.organisation-sessions", &[("count", &org.sessions.to_string())])}</span>
                        <ul class="people">{people}</ul>
                    </li>
                }
            })
            .collect_view();
        view! {
            <Title text=heading.clone() />
            {back_link(&o.forum_code, &o.forum_name)}
            <h1>{heading}</h1>
            <p class="meta">{t_with("public.organisations-count", &[("count", &count)])}</p>
            <ul class="organisations">{items}</ul>
        }
    })
}
