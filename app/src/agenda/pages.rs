//! "My agenda" and the star button the programme's pages show signed-in
//! people.

use super::api::my_agenda;
use super::{feed_path, MyAgenda};
use crate::forums::pages::forum_code;
use crate::i18n::{t, t_with};
use crate::participation::panel::join_button;
use crate::programme::schedule_pages::day_name;
use crate::ui::forms::{Hidden, PostForm};
use crate::ui::layout::{loaded, Notice};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

/// A form that stars (or unstars) the session `key` and comes back to `back`.
pub fn star_form(forum: &str, key: &str, starred: bool, back: String) -> impl IntoView {
    let (forum, key) = (forum.to_string(), key.to_string());
    let row = vec![key.clone()];
    let label = if starred {
        t("agenda.unstar")
    } else {
        t("agenda.star")
    };
    view! {
        <PostForm action="/api/agenda/star" class="star-form" row=("session", row)>
            <Hidden name="forum" value=forum />
            <Hidden name="session" value=key />
            <Hidden name="on" value=if starred { String::new() } else { "1".into() } />
            <Hidden name="back" value=back />
            <button type="submit" class="star" class:starred=starred>{label}</button>
        </PostForm>
    }
}

#[component]
pub fn MyAgendaPage() -> impl IntoView {
    let code = forum_code();
    let data = Resource::new_blocking(move || code.clone(), my_agenda);
    let query = use_query_map();
    loaded(data, move |a: MyAgenda| {
        let heading = t_with("agenda.title", &[("forum", &a.forum_name)]);
        let token = query.read_untracked().get("feed").filter(|t| !t.is_empty());
        let back = format!("/forums/{}/agenda", a.forum_code);
        let empty = a.days.is_empty() && a.gone.is_empty();
        let days = a
            .days
            .iter()
            .map(|d| {
                let id = format!("day-{}", d.date);
                let label = id.clone();
                let items = d
                    .sessions
                    .iter()
                    .map(|s| {
                        let clash = (!s.clashes_with.is_empty()).then(|| {
                            view! {
                                <p class="warning">
                                    <strong>{t_with("agenda.clash", &[("codes", &s.clashes_with.join(", "))])}</strong>
                                </p>
                            }
                        });
                        view! {
                            <li class="public-session">
                                <p class="when">
                                    <time datetime=s.starts_at.clone()>{format!("{}–{}", s.start, s.end)}</time>
                                    " · " {s.room.clone()}
                                </p>
                                <h3>
                                    <a href=format!("/forums/{}/session/{}", a.forum_code, s.key)>
                                        <span class="code">{s.code.clone()}</span> " " {s.title.clone()}
                                    </a>
                                </h3>
                                {clash}
                                {(!s.signup.is_empty()).then(|| view! {
                                    <p><span class="badge">{t(&format!("participation.state.{}", s.signup))}</span></p>
                                })}
                                {s.joinable.then(|| join_button(&a.forum_code, &s.key))}
                                {star_form(&a.forum_code, &s.key, true, back.clone())}
                            </li>
                        }
                    })
                    .collect_view();
                view! {
                    <section aria-labelledby=label>
                        <h2 id=id>{day_name(&d.date, d.number)}</h2>
                        <ul class="public-sessions">{items}</ul>
                    </section>
                }
            })
            .collect_view();
        let gone = (!a.gone.is_empty()).then(|| {
            let items = a
                .gone
                .iter()
                .map(|(code, title)| view! { <li>{format!("{code} {title}")}</li> })
                .collect_view();
            view! {
                <section aria-labelledby="gone">
                    <h2 id="gone">{t("agenda.gone")}</h2>
                    <ul>{items}</ul>
                </section>
            }
        });
        let feed_url = token
            .as_ref()
            .map(|tok| format!("{}{}", a.base_url, feed_path(&a.forum_code, tok)));
        let (code_new, code_stop) = (a.forum_code.clone(), a.forum_code.clone());
        let feed = view! {
            <section aria-labelledby="feed" class="feed">
                <h2 id="feed">{t("agenda.feed")}</h2>
                <p>{t("agenda.feed-help")}</p>
                {feed_url.map(|url| view! {
                    <p>
                        <label for="feed-url">{t("agenda.feed-url")}</label>
                        <input id="feed-url" type="text" readonly value=url.clone() size="60" />
                    </p>
                    <p><a href=url>{t("agenda.feed-open")}</a></p>
                })}
                {(a.has_feed && token.is_none()).then(|| view! { <p>{t("agenda.feed-exists")}</p> })}
                <PostForm action="/api/agenda/new-feed">
                    <Hidden name="forum" value=code_new />
                    <button type="submit">{if a.has_feed { t("agenda.feed-renew") } else { t("agenda.feed-make") }}</button>
                </PostForm>
                {a.has_feed.then(|| view! {
                    <PostForm action="/api/agenda/stop-feed">
                        <Hidden name="forum" value=code_stop />
                        <button type="submit">{t("agenda.feed-stop")}</button>
                    </PostForm>
                })}
            </section>
        };
        view! {
            <Title text=heading.clone() />
            <h1>{heading}</h1>
            <Notice />
            <p>
                <a href=format!("/forums/{}/programme", a.forum_code)>{t_with("public.title", &[("forum", &a.forum_name)])}</a>
                " · " {t_with("public.zone", &[("zone", &a.time_zone)])}
            </p>
            {(a.clashes > 0).then(|| view! {
                <p class="warning" role="note">{t_with("agenda.clashes", &[("count", &a.clashes.to_string())])}</p>
            })}
            {empty.then(|| view! { <p>{t("agenda.empty")}</p> })}
            {days}
            {gone}
            {feed}
        }
    })
}
