//! The public programme (the latest release, never the draft) by day, and
//! the public changelog of every release.

use super::release_pages::change_table;
use super::schedule_pages::day_name;
use super::{
    Changelog, PublicPersonLink, PublicProgramme, PublicSession, PublicSessionDetail, PublicWhen,
    SpeakerDetail,
};
use crate::error::AppError;
use crate::forums::pages::forum_code;
use crate::i18n::{t, t_with};
use crate::ui::layout::loaded;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;
#[cfg(feature = "ssr")]
use {super::published, super::release, crate::context::RequestCtx};

#[server(name = LoadPublicProgramme, prefix = "/api", endpoint = "programme/public")]
pub async fn load_public_programme(forum: String) -> Result<PublicProgramme, AppError> {
    release::public(&RequestCtx::current()?, &forum).await
}

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

#[server(name = LoadSpeaker, prefix = "/api", endpoint = "programme/speaker")]
pub async fn load_speaker(forum: String, person: String) -> Result<SpeakerDetail, AppError> {
    published::speaker(&RequestCtx::current()?, &forum, &person).await
}

fn session_item(s: PublicSession) -> impl IntoView {
    let people = s
        .people
        .iter()
        .map(|p| {
            let who = if p.organisation.is_empty() {
                p.name.clone()
            } else {
                format!("{} ({})", p.name, p.organisation)
            };
            view! { <li>{who} " — " {t(&format!("proposals.role.{}", p.role))}</li> }
        })
        .collect_view();
    let mode = if s.online_only {
        Some(t("programme.online-only"))
    } else if s.hybrid {
        Some(t("programme.hybrid"))
    } else {
        None
    };
    let kind = [s.session_type.clone(), s.theme.clone()]
        .into_iter()
        .filter(|x| !x.is_empty())
        .collect::<Vec<_>>()
        .join(" · ");
    view! {
        <li class="public-session">
            <p class="when">
                <time>{s.start.clone()}</time> "–" <time>{s.end.clone()}</time>
                " · " {s.room.clone()}
                {mode.map(|m| view! { " · " <span class="badge">{m}</span> })}
            </p>
            <h3>
                <a href=format!("/forums/{}/session/{}", s.forum_code, s.key)>
                    <span class="code">{s.code.clone()}</span> " " {s.title.clone()}
                </a>
            </h3>
            {(!kind.is_empty()).then(|| view! { <p class="meta">{kind}</p> })}
            {(!s.people.is_empty()).then(|| view! { <ul class="people">{people}</ul> })}
        </li>
    }
}

#[component]
pub fn PublicProgrammePage() -> impl IntoView {
    let code = forum_code();
    let data = Resource::new_blocking(move || code.clone(), load_public_programme);
    loaded(data, |p: PublicProgramme| {
        let heading = t_with("public.title", &[("forum", &p.forum_name)]);
        let release = match &p.release {
            Some((n, at)) => view! {
                <p>
                    {t_with("public.release", &[("number", &n.to_string())])} " "
                    <time datetime=at.clone()>{at.chars().take(10).collect::<String>()}</time>
                    " · " {t_with("public.zone", &[("zone", &p.time_zone)])}
                    " · " <a href=format!("/forums/{}/programme/changes", p.forum_code)>{t("release.changelog")}</a>
                </p>
            }
            .into_any(),
            None => view! { <p>{t("public.not-yet")}</p> }.into_any(),
        };
        let days = p
            .days
            .into_iter()
            .map(|d| {
                let id = format!("day-{}", d.date);
                let label = id.clone();
                let name = day_name(&d.date, d.number);
                let sessions = d.sessions.into_iter().map(session_item).collect_view();
                view! {
                    <section aria-labelledby=label>
                        <h2 id=id>{name}</h2>
                        <ul class="public-sessions">{sessions}</ul>
                    </section>
                }
            })
            .collect_view();
        view! {
            <Title text=heading.clone() />
            <h1>{heading}</h1>
            {release}
            {days}
        }
    })
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
        view! {
            <Title text=heading.clone() />
            {back_link(&s.forum_code, &s.forum_name)}
            <article class="public-session-page">
                <h1><span class="code">{s.code.clone()}</span> " " {s.title.clone()}</h1>
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
                </dl>
                <p>
                    <a href=format!("/{}/session/{}.ics", s.forum_code, s.key)>{t("public.add-calendar")}</a>
                </p>
                {(!s.description_html.is_empty()).then(|| view! {
                    <section aria-labelledby="about">
                        <h2 id="about">{t("public.about")}</h2>
                        <div class="description" inner_html=s.description_html.clone()></div>
                    </section>
                })}
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
