//! The page a personal join link opens (`/join/<token>`): the session and its
//! meeting — the address, the meeting id and passcode — for the link's
//! person only.

use super::JoinView;
use crate::i18n::{t, t_with};
use crate::ui::layout::{loaded, Notice};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

#[component]
pub fn JoinPage() -> impl IntoView {
    let params = use_params_map();
    let query = use_query_map();
    let key = move || {
        (
            params.read().get("token").unwrap_or_default(),
            query.read().get("session"),
        )
    };
    let data = Resource::new_blocking(key, |(token, session)| {
        super::api::open_join_link(token, session)
    });
    loaded(data, |j: JoinView| {
        let heading = t_with(
            "join.title",
            &[("session", &format!("{} {}", j.code, j.title))],
        );
        let when = format!("{} {}–{}", j.day, j.start, j.end);
        let m = j.meeting.clone();
        view! {
            <Title text=heading.clone() />
            <h1>{heading}</h1>
            <Notice />
            <p>
                <time datetime=j.starts_at.clone()>{when}</time>
                " " <span class="meta">{t_with("public.zone", &[("zone", &j.time_zone)])}</span>
            </p>
            <p><a class="button primary" href=m.url.clone() rel="noopener noreferrer">{t("join.open")}</a></p>
            <dl class="facts">
                <dt>{t("join.address")}</dt><dd><code>{m.url.clone()}</code></dd>
                {(!m.id.is_empty()).then(|| view! { <dt>{t("join.meeting-id")}</dt><dd><code>{m.id.clone()}</code></dd> })}
                {(!m.passcode.is_empty()).then(|| view! { <dt>{t("join.passcode")}</dt><dd><code>{m.passcode.clone()}</code></dd> })}
            </dl>
            <p>{t("join.personal")}</p>
            <p><a href=format!("/forums/{}/session/{}", j.forum_code, j.key)>{t("join.back")}</a></p>
        }
    })
}
