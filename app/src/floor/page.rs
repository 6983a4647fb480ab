//! The floor page of a session: the queue, a request form for people
//! taking part, and the moderators' controls. Without JavaScript every
//! action reloads the page; with it, the page follows the queue live (a
//! server-sent event says it changed, the page fetches it again).

use super::api::floor_page;
use super::{FloorEntry, FloorPage, FloorState, MAX_TOPIC};
use crate::forums::pages::forum_code;
use crate::i18n::{t, t_with};
use crate::ui::forms::{Field, Hidden, PostForm, Refused, Submit};
use crate::ui::layout::{loaded, Notice};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

#[cfg(feature = "hydrate")]
mod live {
    use std::cell::RefCell;
    use wasm_bindgen::{closure::Closure, JsCast};

    thread_local! {
        static SOURCE: RefCell<Option<web_sys::EventSource>> = const { RefCell::new(None) };
    }

    /// Listens to `url`; `changed` runs on each message (the first comes at
    /// once, so a page that reconnects catches up).
    pub fn follow(url: &str, changed: impl Fn() + 'static) {
        stop();
        let Ok(source) = web_sys::EventSource::new(url) else {
            return;
        };
        let on_message = Closure::<dyn Fn(web_sys::MessageEvent)>::new(move |_| changed());
        source.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        on_message.forget();
        SOURCE.with(|s| *s.borrow_mut() = Some(source));
    }

    pub fn stop() {
        SOURCE.with(|s| {
            if let Some(source) = s.borrow_mut().take() {
                source.close();
            }
        });
    }
}

fn row_form(
    action: &'static str,
    forum: &str,
    key: &str,
    id: &str,
    label: String,
    class: &'static str,
) -> impl IntoView {
    let (forum, key, id) = (forum.to_string(), key.to_string(), id.to_string());
    view! {
        <PostForm action=action class="inline" row=("request", vec![id.clone()])>
            <Hidden name="forum" value=forum />
            <Hidden name="session" value=key />
            <Hidden name="request" value=id />
            <button type="submit" class=class>{label}</button>
        </PostForm>
    }
}

fn entry_row(p: &FloorPage, e: FloorEntry) -> impl IntoView {
    let name = [("name", e.name.as_str())];
    let give = (p.moderator && e.state == FloorState::Waiting).then(|| {
        row_form(
            "/api/floor/give",
            &p.forum_code,
            &p.key,
            &e.id,
            t_with("floor.give", &name),
            "",
        )
    });
    let done = (p.moderator && e.state.is_live()).then(|| {
        row_form(
            "/api/floor/done",
            &p.forum_code,
            &p.key,
            &e.id,
            t_with("floor.done", &name),
            "secondary",
        )
    });
    let place = e
        .place
        .map(|n| view! { <span class="floor-place">{t_with("floor.place", &[("n", &n.to_string())])}</span> " " });
    view! {
        <li class=format!("floor-entry floor-{}{}", e.state.code(), if e.mine { " mine" } else { "" })>
            {place}
            <strong>{e.name.clone()}</strong>
            " " <span class=format!("mode mode-{}", e.mode)>{t(&format!("registration.mode.{}", e.mode))}</span>
            " " <span class=format!("state state-floor-{}", e.state.code())>{t(&e.state.label_key())}</span>
            {(!e.topic.is_empty()).then(|| view! { <span class="floor-topic">" — " {e.topic.clone()}</span> })}
            {give}
            {done}
        </li>
    }
}

fn participant_part(p: &FloorPage) -> impl IntoView {
    let forum = p.forum_code.clone();
    let key = p.key.clone();
    // A refusal shows on its form, or here when its form is not on the page.
    match p.mine {
        Some(FloorState::Speaking) => view! {
            <Refused action="/api/floor/ask" />
            <Refused action="/api/floor/withdraw" />
            <p class="floor-you">{t("floor.you-speak")}</p>
        }
        .into_any(),
        Some(_) => view! {
            <Refused action="/api/floor/ask" />
            <p class="floor-you">{t("floor.you-wait")}</p>
            <PostForm action="/api/floor/withdraw" class="inline">
                <Hidden name="forum" value=forum.clone() />
                <Hidden name="session" value=key.clone() />
                <button type="submit" class="secondary">{t("floor.withdraw")}</button>
            </PostForm>
        }
        .into_any(),
        None if p.open => view! {
            <Refused action="/api/floor/withdraw" />
            <PostForm action="/api/floor/ask" class="stack" label=t("floor.ask")>
                <Hidden name="forum" value=forum.clone() />
                <Hidden name="session" value=key.clone() />
                <Field name="topic" label=t("floor.topic") hint=t_with("floor.topic-hint", &[("max", &MAX_TOPIC.to_string())]) />
                <Submit label=t("floor.ask") />
            </PostForm>
        }
        .into_any(),
        None => view! {
            <Refused action="/api/floor/ask" />
            <Refused action="/api/floor/withdraw" />
            <p>{t("floor.closed")}</p>
        }
        .into_any(),
    }
}

/// A refused give or done whose row no longer offers it (the request moved
/// on meanwhile): said at the top of the moderator's controls.
fn moderator_refusal(p: &FloorPage) -> Option<impl IntoView> {
    let s = crate::ui::use_page().submitted?;
    let offered = |e: &FloorEntry| match s.action.as_str() {
        "/api/floor/give" => e.state == FloorState::Waiting,
        "/api/floor/done" => e.state.is_live(),
        _ => true,
    };
    let row_has_it = p
        .queue
        .iter()
        .any(|e| Some(e.id.as_str()) == s.value("request") && offered(e));
    let ours = matches!(s.action.as_str(), "/api/floor/give" | "/api/floor/done");
    (ours && !row_has_it).then(|| {
        view! { <div class="form-error" role="alert">{t(s.error.message_key())}</div> }
    })
}

fn moderator_part(p: &FloorPage) -> impl IntoView {
    let refused = moderator_refusal(p);
    let (label, value) = if p.open {
        (t("floor.close"), "")
    } else {
        (t("floor.open"), "on")
    };
    let (forum, key) = (p.forum_code.clone(), p.key.clone());
    view! {
        {refused}
        <PostForm action="/api/floor/open" class="inline floor-moderate">
            <Hidden name="forum" value=forum />
            <Hidden name="session" value=key />
            <Hidden name="open" value=value />
            <button type="submit">{label}</button>
        </PostForm>
    }
}

#[component]
pub fn FloorQueuePage() -> impl IntoView {
    let code = forum_code();
    let params = use_params_map();
    let version = RwSignal::new(0u32);
    let data = Resource::new_blocking(
        move || {
            (
                code.clone(),
                params.read().get("session").unwrap_or_default(),
                version.get(),
            )
        },
        |(forum, session, _)| floor_page(forum, session),
    );
    // With JavaScript: follow the queue as it changes.
    #[cfg(feature = "hydrate")]
    {
        let following = RwSignal::new(String::new());
        Effect::new(move |_| {
            if let Some(Ok(p)) = data.get() {
                let url = super::events_path(&p.forum_code, &p.key);
                if (p.participant || p.moderator) && following.get_untracked() != url {
                    following.set(url.clone());
                    live::follow(&url, move || version.update(|v| *v += 1));
                }
            }
        });
        on_cleanup(live::stop);
    }
    loaded(data, |p: FloorPage| {
        let heading = t_with(
            "floor.title",
            &[("session", &format!("{} {}", p.code, p.title))],
        );
        let session_link = format!("/forums/{}/session/{}", p.forum_code, p.key);
        let status = if p.open {
            t("floor.is-open")
        } else {
            t("floor.is-closed")
        };
        let body = if !p.signed_in {
            view! { <p><a href="/account/sign-in">{t("floor.sign-in")}</a></p> }.into_any()
        } else if !p.participant && !p.moderator {
            view! {
                <Refused action="/api/floor/ask" />
                <p><a href=format!("/forums/{}/register", p.forum_code)>{t("floor.register-first")}</a></p>
            }
            .into_any()
        } else {
            let entries = p.queue.clone();
            let empty = entries.iter().all(|e| !e.state.is_live());
            let rows = entries.into_iter().map(|e| entry_row(&p, e)).collect_view();
            view! {
                {p.moderator.then(|| moderator_part(&p))}
                {p.participant.then(|| participant_part(&p))}
                <section class="floor-queue" aria-labelledby="queue-title" aria-live="polite">
                    <h2 id="queue-title">{t("floor.queue")}</h2>
                    {empty.then(|| view! { <p>{t("floor.empty")}</p> })}
                    <ol class="floor-list">{rows}</ol>
                </section>
            }
            .into_any()
        };
        view! {
            <Title text=heading.clone() />
            <p><a href=session_link>{t("floor.back")}</a></p>
            <h1>{heading}</h1>
            <Notice />
            <p>{t("floor.intro")}</p>
            <p class=if p.open { "floor-status open" } else { "floor-status" }>{status}</p>
            {body}
        }
    })
}
