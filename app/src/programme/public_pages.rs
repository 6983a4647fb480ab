//! The public programme (the latest release, never the draft) by day, and
//! the public changelog of every release.

use super::release_pages::change_table;
use super::schedule_pages::day_name;
use super::{Changelog, PublicProgramme, PublicSession};
use crate::error::AppError;
use crate::forums::pages::forum_code;
use crate::i18n::{t, t_with};
use crate::ui::layout::loaded;
use leptos::prelude::*;
use leptos_meta::Title;
#[cfg(feature = "ssr")]
use {super::release, crate::context::RequestCtx};

#[server(name = LoadPublicProgramme, prefix = "/api", endpoint = "programme/public")]
pub async fn load_public_programme(forum: String) -> Result<PublicProgramme, AppError> {
    release::public(&RequestCtx::current()?, &forum).await
}

#[server(name = LoadChangelog, prefix = "/api", endpoint = "programme/changelog")]
pub async fn load_changelog(forum: String) -> Result<Changelog, AppError> {
    release::changelog(&RequestCtx::current()?, &forum).await
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
            <h3><span class="code">{s.code.clone()}</span> " " {s.title.clone()}</h3>
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
