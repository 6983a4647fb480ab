//! The calls of an edition and one call's public page, with a live countdown.

use super::call_id;
use super::manage::CallForm;
use crate::forums::pages::forum_code;
use crate::i18n::{t, t_with};
use crate::proposals::{remaining, CallState, CallView};
use crate::ui::layout::{loaded, ErrorView, Notice};
use chrono::{DateTime, Utc};
use leptos::prelude::*;
use leptos_meta::Title;

fn utc(at: DateTime<Utc>) -> String {
    at.format("%Y-%m-%d %H:%M UTC").to_string()
}

/// Time left until `until`, ticking each second once the page is live. It
/// starts from the server's clock, so the first render matches the server's.
#[component]
pub fn Countdown(until: DateTime<Utc>, now: DateTime<Utc>) -> impl IntoView {
    let clock = RwSignal::new(now);
    Effect::new(move |_| {
        if let Ok(handle) = set_interval_with_handle(
            move || clock.set(Utc::now()),
            std::time::Duration::from_secs(1),
        ) {
            on_cleanup(move || handle.clear());
        }
    });
    let text = move || {
        let (days, hours, minutes, seconds) = remaining(clock.get(), until);
        t_with(
            "calls.countdown",
            &[
                ("days", &days.to_string()),
                ("hours", &hours.to_string()),
                ("minutes", &minutes.to_string()),
                ("seconds", &seconds.to_string()),
            ],
        )
    };
    view! { <span class="countdown" role="timer">{text}</span> }
}

/// When a call opens and closes, in UTC and venue time, with the countdown.
#[component]
fn CallTimes(call: CallView) -> impl IntoView {
    let state = call.state(call.now);
    let countdown = match state {
        CallState::Upcoming => Some((t("calls.opens-in"), call.opens_at)),
        CallState::Open => Some((t("calls.closes-in"), call.closes_at)),
        CallState::Closed => None,
    };
    view! {
        <p class=format!("call-state {}", state.code())>{t(&format!("calls.state.{}", state.code()))}</p>
        <dl class="facts">
            <dt>{t("calls.opens")}</dt>
            <dd><time datetime=call.opens_at.to_rfc3339()>{utc(call.opens_at)}</time> " · " {call.opens_venue.clone()}</dd>
            <dt>{t("calls.closes")}</dt>
            <dd><time datetime=call.closes_at.to_rfc3339()>{utc(call.closes_at)}</time> " · " {call.closes_venue.clone()}</dd>
            {countdown.map(|(label, until)| view! { <dt>{label}</dt><dd><Countdown until now=call.now /></dd> })}
        </dl>
    }
}

#[component]
pub fn CallsPage() -> impl IntoView {
    let code = forum_code();
    let list = Resource::new_blocking(move || code.clone(), crate::proposals::api::list_calls);
    loaded(list, |list| {
        let new_call = list.may_manage.then(|| {
            view! {
                <section aria-labelledby="new-call">
                    <h2 id="new-call">{t("calls.new")}</h2>
                    <CallForm forum=list.forum_code.clone() call=None all_types=list.all_types.clone() />
                </section>
            }
        });
        view! {
            <Title text=format!("{} — {}", t("calls.title"), list.forum_name) />
            <h1>{t("calls.title")} ": " <a href=format!("/forums/{}", list.forum_code)>{list.forum_name.clone()}</a></h1>
            <Notice />
            {if list.calls.is_empty() {
                view! { <p>{t("calls.none")}</p> }.into_any()
            } else {
                view! {
                    <ul class="calls">
                        {list.calls.into_iter().map(|call| view! {
                            <li>
                                <h2><a href=format!("/forums/{}/calls/{}", call.forum_code, call.id)>{call.title.clone()}</a></h2>
                                <CallTimes call=call.clone() />
                            </li>
                        }).collect_view()}
                    </ul>
                }
                .into_any()
            }}
            {new_call}
        }
    })
}

#[component]
pub fn CallPage() -> impl IntoView {
    let code = forum_code();
    let Some(id) = call_id() else {
        return view! { <ErrorView error=crate::error::AppError::NotFound /> }.into_any();
    };
    let call = Resource::new_blocking(
        move || (code.clone(), id),
        |(forum, call)| crate::proposals::api::get_call(forum, call),
    );
    loaded(call, |call| {
        let manage = crate::forums::pages::may_manage(&call.forum_code)
            .then(|| view! { <p><a href=format!("/forums/{}/calls/{}/manage", call.forum_code, call.id)>{t("calls.manage")}</a></p> });
        let rules = call.rules.summary();
        let propose = (call.state(call.now) == CallState::Open).then(|| {
            view! { <p><a class="button" href=format!("/forums/{}/calls/{}/propose", call.forum_code, call.id)>{t("proposals.new")}</a></p> }
        });
        view! {
            <Title text=call.title.clone() />
            <h1>{call.title.clone()}</h1>
            <p><a href=format!("/forums/{}", call.forum_code)>{call.forum_name.clone()}</a></p>
            {manage}
            <CallTimes call=call.clone() />
            {propose}
            {call.publish_received.then(|| view! {
                <p><a href=format!("/forums/{}/received", call.forum_code)>{t("overview.received-title")}</a></p>
            })}
            <div class="prose" inner_html=call.introduction_html.clone()></div>
            <h2>{t("calls.session-types")}</h2>
            <ul>
                {call.session_types.iter().map(|st| {
                    let minutes = st.durations.iter().map(|m| m.to_string()).collect::<Vec<_>>().join(", ");
                    view! { <li>{st.name.clone()} " (" {t_with("forums.setup.minutes", &[("minutes", &minutes)])} ")"</li> }
                }).collect_view()}
            </ul>
            {(!call.theme_origins.is_empty()).then(|| view! {
                <section aria-labelledby="call-themes">
                    <h2 id="call-themes">{t("calls.themes-from-consultations")}</h2>
                    <ul class="theme-origins">
                        {call.theme_origins.iter().map(|o| view! {
                            <li>
                                <strong>{o.theme.clone()}</strong> " — "
                                <a href=o.link.clone()>{t_with("calls.theme-origin", &[("count", &o.count.to_string()), ("consultation", &o.consultation)])}</a>
                            </li>
                        }).collect_view()}
                    </ul>
                </section>
            })}
            {(!rules.is_empty()).then(|| view! {
                <h2>{t("calls.rules")}</h2>
                <ul>
                    {rules.into_iter().map(|(key, n)| view! {
                        <li>{t_with(key, &[("n", &n.map(|n| n.to_string()).unwrap_or_default())])}</li>
                    }).collect_view()}
                </ul>
            })}
        }
        .into_any()
    })
    .into_any()
}
