//! The public programme page (`/forums/{code}/programme`): the latest release
//! as a list (one day or all), a grid of one day (rooms across, times down) or
//! what is on now and next; filters and search in the address (a plain GET
//! form, so every view can be shared and works without JavaScript); times in
//! venue time or the visitor's chosen zone (with JavaScript, the browser's
//! own zone is offered). Links to the exports.

use super::schedule_pages::day_name;
use super::{PublicProgramme, PublicSession};
use crate::agenda::pages::star_form;
use crate::error::AppError;
use crate::forums::pages::forum_code;
use crate::i18n::{t, t_with};
use crate::ui::layout::{loaded, Notice};
use crate::web::encode;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_location;
#[cfg(feature = "ssr")]
use {super::browse, crate::context::RequestCtx, crate::web::set_cookie_value};

/// The cookie that remembers the visitor's chosen time zone.
pub const ZONE_COOKIE: &str = "plenum_tz";

#[server(name = LoadPublicProgramme, prefix = "/api", endpoint = "programme/public")]
pub async fn load_public_programme(
    forum: String,
    query: Option<String>,
) -> Result<PublicProgramme, AppError> {
    let ctx = RequestCtx::current()?;
    let query = query.unwrap_or_default();
    let remembered = use_context::<http::request::Parts>().and_then(|parts| {
        parts
            .headers
            .get_all(http::header::COOKIE)
            .iter()
            .filter_map(|v| v.to_str().ok())
            .find_map(|v| crate::web::cookie_value(v, ZONE_COOKIE))
            .map(str::to_string)
    });
    let p = browse::programme(&ctx, &forum, &query, remembered.as_deref()).await?;
    // A zone chosen in the address is remembered; "venue" forgets it.
    if browse::asks_zone(&query) {
        let secure = ctx.settings().secure_cookies();
        let cookie = match &p.zone {
            Some(z) => set_cookie_value(ZONE_COOKIE, z, Some(31_536_000), true, secure),
            None => set_cookie_value(ZONE_COOKIE, "", Some(0), true, secure),
        };
        crate::web::set_cookie(&cookie);
    }
    Ok(p)
}

/// Zones offered in the time-zone field (any IANA name is understood).
const ZONES: [&str; 32] = [
    "UTC",
    "Africa/Abidjan",
    "Africa/Addis_Ababa",
    "Africa/Cairo",
    "Africa/Johannesburg",
    "Africa/Lagos",
    "Africa/Nairobi",
    "America/Bogota",
    "America/Chicago",
    "America/Los_Angeles",
    "America/Mexico_City",
    "America/New_York",
    "America/Sao_Paulo",
    "Asia/Bangkok",
    "Asia/Dhaka",
    "Asia/Dubai",
    "Asia/Jakarta",
    "Asia/Kolkata",
    "Asia/Riyadh",
    "Asia/Shanghai",
    "Asia/Singapore",
    "Asia/Tokyo",
    "Australia/Sydney",
    "Europe/Berlin",
    "Europe/Istanbul",
    "Europe/London",
    "Europe/Moscow",
    "Europe/Paris",
    "Europe/Zurich",
    "Pacific/Auckland",
    "Pacific/Fiji",
    "America/Santiago",
];

/// The programme's address with `view` and `day`, the filters in use, and
/// `set` replacing (or, with an empty value, removing) some of them.
fn link(p: &PublicProgramme, view: &str, day: &str, set: &[(&str, &str)]) -> String {
    let mut pairs: Vec<(String, String)> = vec![("view".into(), view.into())];
    if !day.is_empty() {
        pairs.push(("day".into(), day.into()));
    }
    for (k, v) in &p.filters {
        if !set.iter().any(|(name, _)| name == k) {
            pairs.push((k.clone(), v.clone()));
        }
    }
    for (k, v) in set {
        if !v.is_empty() {
            pairs.push((k.to_string(), v.to_string()));
        }
    }
    let query: Vec<String> = pairs
        .iter()
        .map(|(k, v)| format!("{k}={}", encode(v)))
        .collect();
    format!("/forums/{}/programme?{}", p.forum_code, query.join("&"))
}

fn filter_value<'a>(p: &'a PublicProgramme, name: &str) -> &'a str {
    p.filters
        .iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.as_str())
        .unwrap_or("")
}

/// "09:00–10:30", in the chosen zone with venue time after it, or venue time.
fn times(s: &PublicSession) -> impl IntoView {
    match &s.local {
        Some((_, start, end)) => view! {
            <time datetime=s.starts_at.clone()>{format!("{start}–{end}")}</time>
            " " <span class="venue-time">{format!("({}–{})", s.start, s.end)}</span>
        }
        .into_any(),
        None => {
            view! { <time datetime=s.starts_at.clone()>{format!("{}–{}", s.start, s.end)}</time> }
                .into_any()
        }
    }
}

fn badges(s: &PublicSession) -> Vec<String> {
    let mut out = vec![];
    if s.online_only {
        out.push(t("public.format.online"));
    } else if s.hybrid {
        out.push(t("public.format.hybrid"));
    }
    for f in &s.features {
        if f == "interpretation" || f == "captioning" {
            out.push(t(&format!("public.access.{f}")));
        }
    }
    if let Some(key) = s.fill.label_key() {
        out.push(t(key));
    }
    out
}

fn session_link(s: &PublicSession) -> impl IntoView {
    view! {
        <a href=format!("/forums/{}/session/{}", s.forum_code, s.key)>
            <span class="code">{s.code.clone()}</span> " " {s.title.clone()}
        </a>
    }
}

/// A session in the list; with a star button when `star` is given (the
/// visitor is signed in: whether it is starred, the page to come back to).
fn session_item(s: PublicSession, star: Option<(bool, String)>) -> impl IntoView {
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
    let kind = [s.session_type.clone(), s.theme.clone()]
        .into_iter()
        .filter(|x| !x.is_empty())
        .collect::<Vec<_>>()
        .join(" · ");
    let badges = badges(&s)
        .into_iter()
        .map(|b| view! { " " <span class="badge">{b}</span> })
        .collect_view();
    view! {
        <li class="public-session" class:on-now=s.on_now>
            <p class="when">{times(&s)} " · " {s.room.clone()} {badges}</p>
            <h3>{session_link(&s)}</h3>
            {(!kind.is_empty()).then(|| view! { <p class="meta">{kind}</p> })}
            {(!s.people.is_empty()).then(|| view! { <ul class="people">{people}</ul> })}
            {star.map(|(starred, back)| star_form(&s.forum_code, &s.key, starred, back))}
        </li>
    }
}

/// One day as a table: rooms across, start times down; a session spans the
/// rows its time covers.
fn grid(p: &PublicProgramme) -> impl IntoView {
    let sessions: Vec<&PublicSession> = p.days.iter().flat_map(|d| d.sessions.iter()).collect();
    let mut starts: Vec<&str> = sessions.iter().map(|s| s.start.as_str()).collect();
    starts.sort();
    starts.dedup();
    let caption = p
        .day_links
        .iter()
        .find(|(d, _)| *d == p.day)
        .map(|(d, n)| day_name(d, *n))
        .unwrap_or_default();
    let mut covered: Vec<Vec<bool>> = vec![vec![false; p.rooms.len()]; starts.len()];
    let rows = starts
        .iter()
        .enumerate()
        .map(|(row, start)| {
            let label = sessions
                .iter()
                .find(|s| s.start == *start)
                .and_then(|s| s.local.as_ref().map(|(_, l, _)| format!("{l} ({start})")))
                .unwrap_or_else(|| start.to_string());
            let cells = p
                .rooms
                .iter()
                .enumerate()
                .filter_map(|(col, room)| {
                    if covered[row][col] {
                        return None;
                    }
                    let here = sessions
                        .iter()
                        .find(|s| s.start == *start && s.room == *room);
                    Some(match here {
                        Some(s) => {
                            let span = starts[row..]
                                .iter()
                                .take_while(|t| **t < s.end.as_str())
                                .count()
                                .max(1);
                            for later in covered.iter_mut().skip(row + 1).take(span - 1) {
                                later[col] = true;
                            }
                            let kind = [s.session_type.clone(), s.theme.clone()]
                                .into_iter()
                                .filter(|x| !x.is_empty())
                                .collect::<Vec<_>>()
                                .join(" · ");
                            view! {
                                <td rowspan=span.to_string() class="cell">
                                    {session_link(s)}
                                    <span class="meta">{times(s)}</span>
                                    {(!kind.is_empty()).then(|| view! { <span class="meta">{kind}</span> })}
                                </td>
                            }
                            .into_any()
                        }
                        None => view! { <td></td> }.into_any(),
                    })
                })
                .collect_view();
            view! { <tr><th scope="row">{label}</th>{cells}</tr> }
        })
        .collect_view();
    let heads = p
        .rooms
        .iter()
        .map(|r| view! { <th scope="col">{r.clone()}</th> })
        .collect_view();
    view! {
        <div class="grid-scroll" tabindex="0" role="region" aria-label=t("public.grid-label")>
            <table class="programme-grid">
                <caption>{caption}</caption>
                <thead><tr><th scope="col">{t("public.time")}</th>{heads}</tr></thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
    }
}

/// The star button's state for a signed-in visitor.
fn star_of(p: &PublicProgramme, s: &PublicSession) -> Option<(bool, String)> {
    p.signed_in.then(|| {
        let day = if p.view == "now" { "" } else { p.day.as_str() };
        (p.starred.contains(&s.key), link(p, &p.view, day, &[]))
    })
}

fn list(p: &PublicProgramme) -> impl IntoView {
    p.days
        .iter()
        .map(|d| {
            let id = format!("day-{}", d.date);
            let label = id.clone();
            let sessions = d
                .sessions
                .iter()
                .cloned()
                .map(|s| {
                    let star = star_of(p, &s);
                    session_item(s, star)
                })
                .collect_view();
            view! {
                <section aria-labelledby=label>
                    <h2 id=id>{day_name(&d.date, d.number)}</h2>
                    <ul class="public-sessions">{sessions}</ul>
                </section>
            }
        })
        .collect_view()
}

fn now_and_next(p: &PublicProgramme) -> impl IntoView {
    let all: Vec<PublicSession> = p.days.iter().flat_map(|d| d.sessions.clone()).collect();
    let (on, next): (Vec<PublicSession>, Vec<PublicSession>) =
        all.into_iter().partition(|s| s.on_now);
    let part = |heading: String, id: &'static str, items: Vec<PublicSession>| {
        (!items.is_empty()).then(|| {
            view! {
                <section aria-labelledby=id>
                    <h2 id=id>{heading}</h2>
                    <ul class="public-sessions">
                        {items.into_iter().map(|s| { let star = star_of(p, &s); session_item(s, star) }).collect_view()}
                    </ul>
                </section>
            }
        })
    };
    let nothing = on.is_empty() && next.is_empty();
    view! {
        {nothing.then(|| view! { <p>{t("public.nothing-now")}</p> })}
        {part(t("public.on-now"), "on-now", on)}
        {part(t("public.next"), "next", next)}
    }
}

/// A select of the filter `name` over `values` (shown through `label`).
fn choice(
    p: &PublicProgramme,
    name: &'static str,
    heading: String,
    values: &[String],
    label: impl Fn(&str) -> String,
) -> impl IntoView {
    let current = filter_value(p, name).to_string();
    let id = format!("filter-{name}");
    let options = values
        .iter()
        .map(|v| {
            let selected = *v == current;
            view! { <option value=v.clone() selected=selected>{label(v)}</option> }
        })
        .collect_view();
    (!values.is_empty()).then(|| {
        view! {
            <div class="filter">
                <label for=id.clone()>{heading}</label>
                <select id=id name=name>
                    <option value="">{t("public.filter.any")}</option>
                    {options}
                </select>
            </div>
        }
    })
}

fn filters_form(p: &PublicProgramme) -> impl IntoView {
    let o = &p.options;
    let formats: Vec<String> = ["onsite", "hybrid", "online"].map(String::from).to_vec();
    let zone = p.zone.clone().unwrap_or_default();
    view! {
        <form method="get" action=format!("/forums/{}/programme", p.forum_code) class="programme-filters" role="search">
            <input type="hidden" name="view" value=p.view.clone() />
            {(!p.day.is_empty()).then(|| view! { <input type="hidden" name="day" value=p.day.clone() /> })}
            {(!zone.is_empty()).then(|| view! { <input type="hidden" name="tz" value=zone.clone() /> })}
            <div class="filter search">
                <label for="filter-q">{t("public.search")}</label>
                <input id="filter-q" type="search" name="q" maxlength="200" value=filter_value(p, "q").to_string() />
            </div>
            {choice(p, "theme", t("public.theme"), &o.themes, str::to_string)}
            {choice(p, "type", t("public.session-type"), &o.types, str::to_string)}
            {choice(p, "room", t("public.room"), &o.rooms, str::to_string)}
            {choice(p, "format", t("public.format"), &formats, |v| t(&format!("public.format.{v}")))}
            {choice(p, "group", t("public.filter.group"), &o.groups, |v| t(&format!("stakeholder.{v}")))}
            {choice(p, "language", t("public.filter.language"), &o.languages, |v| t(&format!("language.{v}")))}
            {choice(p, "access", t("public.filter.access"), &o.access, |v| t(&format!("public.access.{v}")))}
            <div class="actions">
                <button type="submit">{t("public.apply")}</button>
                " " <a href=format!("/forums/{}/programme?view={}", p.forum_code, p.view)>{t("public.clear")}</a>
            </div>
        </form>
    }
}

/// The browser's own zone, once the page runs in it.
fn browser_zone() -> Option<String> {
    #[cfg(feature = "hydrate")]
    {
        let options =
            js_sys::Intl::DateTimeFormat::new(&js_sys::Array::new(), &js_sys::Object::new())
                .resolved_options();
        js_sys::Reflect::get(&options, &"timeZone".into())
            .ok()
            .and_then(|z| z.as_string())
    }
    #[cfg(not(feature = "hydrate"))]
    {
        None
    }
}

fn zone_form(p: &PublicProgramme) -> impl IntoView {
    let detected = RwSignal::new(None::<String>);
    Effect::new(move || detected.set(browser_zone()));
    let shown = p.zone.clone();
    let venue_link = link(p, &p.view, &p.day, &[("tz", "venue")]);
    // This address without a zone; the browser's zone goes at its end.
    let without_zone = link(p, &p.view, &p.day, &[("tz", "")]);
    let mine = move || {
        detected.get().filter(|z| Some(z) != shown.as_ref()).map(|z| {
            let href = format!("{without_zone}&tz={}", encode(&z));
            view! { <a href=href class="use-my-zone">{t_with("public.tz-mine", &[("zone", &z)])}</a> }
        })
    };
    let hidden = p
        .filters
        .iter()
        .filter(|(k, _)| k != "tz")
        .map(|(k, v)| view! { <input type="hidden" name=k.clone() value=v.clone() /> })
        .collect_view();
    let zones = ZONES
        .iter()
        .map(|z| view! { <option value=*z></option> })
        .collect_view();
    view! {
        <form method="get" action=format!("/forums/{}/programme", p.forum_code) class="zone-form">
            <input type="hidden" name="view" value=p.view.clone() />
            {(!p.day.is_empty()).then(|| view! { <input type="hidden" name="day" value=p.day.clone() /> })}
            {hidden}
            <label for="tz">{t("public.tz")}</label>
            " " <input id="tz" name="tz" list="zones" value=p.zone.clone().unwrap_or_default() autocomplete="off" />
            <datalist id="zones">{zones}</datalist>
            " " <button type="submit">{t("public.tz-show")}</button>
            " " {p.zone.is_some().then(|| view! { <a href=venue_link>{t_with("public.tz-venue", &[("zone", &p.time_zone)])}</a> })}
            " " {mine}
        </form>
    }
}

fn navigation(p: &PublicProgramme) -> impl IntoView {
    let views = ["list", "grid", "now"]
        .into_iter()
        .map(|v| {
            let day = if v == "now" { "" } else { p.day.as_str() };
            let day = if v == "grid" && day == "all" { "" } else { day };
            let current = (p.view == v).then_some("page");
            view! { <li><a href=link(p, v, day, &[]) aria-current=current>{t(&format!("public.view.{v}"))}</a></li> }
        })
        .collect_view();
    let mut days: Vec<(String, String)> = p
        .day_links
        .iter()
        .map(|(d, n)| (d.clone(), day_name(d, *n)))
        .collect();
    if p.view == "list" {
        days.push(("all".into(), t("public.all-days")));
    }
    let day_links = (p.view != "now").then(|| {
        let items = days
            .into_iter()
            .map(|(d, name)| {
                let current = (p.day == d).then_some("page");
                view! { <li><a href=link(p, &p.view, &d, &[]) aria-current=current>{name}</a></li> }
            })
            .collect_view();
        view! { <nav aria-label=t("public.days") class="tabs"><ul>{items}</ul></nav> }
    });
    view! {
        <nav aria-label=t("public.views") class="tabs"><ul>{views}</ul></nav>
        {day_links}
    }
}

fn exports(p: &PublicProgramme) -> impl IntoView {
    let code = &p.forum_code;
    let items = [
        (format!("/{code}/schedule.ics"), "public.export.ics"),
        (format!("/{code}/schedule.xml"), "public.export.xml"),
        (format!("/{code}/schedule.json"), "public.export.json"),
        (format!("/{code}/sessions.csv"), "public.export.csv"),
        (format!("/api/v1/forums/{code}"), "public.export.api"),
        (
            format!("/forums/{code}/organisations"),
            "public.organisations",
        ),
    ]
    .into_iter()
    .map(|(href, key)| view! { <li><a href=href>{t(key)}</a></li> })
    .collect_view();
    view! {
        <section aria-labelledby="exports" class="exports">
            <h2 id="exports">{t("public.exports")}</h2>
            <ul>{items}</ul>
        </section>
    }
}

#[component]
pub fn PublicProgrammePage() -> impl IntoView {
    let code = forum_code();
    let location = use_location();
    let key = move || (code.clone(), location.search.get());
    let data = Resource::new_blocking(key, |(f, q)| load_public_programme(f, Some(q)));
    loaded(data, |p: PublicProgramme| {
        let heading = t_with("public.title", &[("forum", &p.forum_name)]);
        let zone_line = match &p.zone {
            Some(z) => t_with("public.zone-local", &[("zone", z), ("venue", &p.time_zone)]),
            None => t_with("public.zone", &[("zone", &p.time_zone)]),
        };
        let release = p.release.clone().map(|(n, at)| {
            view! {
                <p>
                    {t_with("public.release", &[("number", &n.to_string())])} " "
                    <time datetime=at.clone()>{at.chars().take(10).collect::<String>()}</time>
                    " · " <a href=format!("/forums/{}/programme/changes", p.forum_code)>{t("release.changelog")}</a>
                </p>
            }
        });
        if p.release.is_none() {
            return view! {
                <Title text=heading.clone() />
                <h1>{heading}</h1>
                <p>{t("public.not-yet")}</p>
            }
            .into_any();
        }
        let ignored = (!p.ignored.is_empty()).then(|| {
            view! { <p class="note" role="note">{t_with("public.ignored", &[("names", &p.ignored.join(", "))])}</p> }
        });
        let body = match p.view.as_str() {
            "grid" => grid(&p).into_any(),
            "now" => now_and_next(&p).into_any(),
            _ => list(&p).into_any(),
        };
        let empty =
            (p.matched == 0 && p.view != "now").then(|| view! { <p>{t("public.no-match")}</p> });
        view! {
            <Title text=heading.clone() />
            <h1>{heading}</h1>
            <Notice />
            {release}
            {p.signed_in.then(|| view! {
                <p><a href=format!("/forums/{}/agenda", p.forum_code)>{t("agenda.link")}</a></p>
            })}
            {navigation(&p)}
            {filters_form(&p)}
            {zone_form(&p)}
            {ignored}
            <p class="meta" aria-live="polite">
                {t_with("public.matched", &[("matched", &p.matched.to_string()), ("total", &p.total.to_string())])}
                " · " {zone_line}
            </p>
            {empty}
            {body}
            {exports(&p)}
        }
        .into_any()
    })
}
