//! The frame around every page: header (forum switcher, sign-in state, language
//! switcher), main content, footer; plus notices and error views.

use crate::error::AppError;
use crate::i18n::{t, use_locale, Locale};
use crate::ui::forms::PostForm;
use crate::ui::use_page;
use leptos::prelude::*;
use leptos_router::hooks::{use_location, use_query_map};

/// Notices a redirect may ask a page to show (`?notice=…`); anything else is ignored.
const NOTICES: &[&str] = &[
    "consultation-created",
    "theme-linked",
    "theme-unlinked",
    "meeting-added",
    "meeting-removed",
    "consultation-saved",
    "phase-added",
    "phase-removed",
    "consultation-question-added",
    "consultation-question-removed",
    "contribution-received",
    "contribution-saved",
    "contribution-approved",
    "contribution-hidden",
    "comment-written",
    "comment-hidden",
    "comment-shown",
    "draft-published",
    "draft-revised",
    "agenda-starred",
    "agenda-unstarred",
    "agenda-feed-created",
    "agenda-feed-stopped",
    "release-published",
    "edition-imported",
    "registration-received",
    "registration-approved",
    "registration-cancelled",
    "registration-setup-saved",
    "mode-changed",
    "mode-asked",
    "mode-ask-withdrawn",
    "question-added",
    "question-removed",
    "reminders-saved",
    "floor-asked",
    "floor-withdrawn",
    "floor-opened",
    "floor-closed",
    "floor-given",
    "floor-done",
    "registrations-decided",
    "badge-checked-in",
    "badge-already-in",
    "badge-not-admitted",
    "hub-received",
    "hub-saved",
    "hub-withdrawn",
    "hub-approved",
    "hub-rejected",
    "move-refused",
    "run-started",
    "run-stopping",
    "draft-accepted",
    "session-moved",
    "session-pinned",
    "session-unpinned",
    "move-undone",
    "limits-saved",
    "session-created",
    "session-saved",
    "materials-saved",
    "signed-up",
    "signed-up-clash",
    "signup-waiting",
    "signup-cancelled",
    "seat-limit-saved",
    "meeting-saved",
    "join-link-revoked",
    "join-link-restored",
    "certificate-revoked",
    "certificate-restored",
    "session-cancelled",
    "session-restored",
    "person-added",
    "person-removed",
    "room-added",
    "room-saved",
    "room-removed",
    "grid-generated",
    "grid-generated-kept",
    "slot-saved",
    "slot-removed",
    "day-removed",
    "review-saved",
    "reviews-done",
    "decisions-saved",
    "merged",
    "unmerged",
    "decisions-released",
    "promoted",
    "decision-confirm",
    "decision-withdraw",
    "review-settings-saved",
    "assignment-run",
    "assigned",
    "unassigned",
    "team-added",
    "team-removed",
    "member-added",
    "member-removed",
    "conflict-declared",
    "mail-saved",
    "mail-reset",
    "rule-overridden",
    "screening-saved",
    "check-email",
    "email-verified",
    "reset-sent",
    "password-reset",
    "password-changed",
    "profile-saved",
    "signed-out",
    "account-deleted",
    "role-granted",
    "role-revoked",
    "mail-requeued",
    "edition-created",
    "edition-saved",
    "saved",
    "removed",
    "copied",
    "call-created",
    "call-saved",
    "code-added",
    "code-revoked",
    "invitation-confirmed",
    "invitation-declined",
    "proposal-saved",
    "proposal-submitted",
    "proposal-withdrawn",
];

#[component]
pub fn Header() -> impl IntoView {
    let page = use_page();
    let location = use_location();
    let here = move || {
        let path = location.pathname.get();
        let query = location.search.get();
        if query.is_empty() {
            path
        } else {
            format!("{path}?{query}")
        }
    };
    let current = use_locale();
    let account = match page.viewer.clone() {
        Some(viewer) => view! {
            <ul class="account">
                <li><a href="/account/profile">{viewer.name.clone()}</a></li>
                <li><a href="/account/proposals">{t("proposals.mine")}</a></li>
                {viewer.is_admin.then(|| view! { <li><a href="/admin">{t("nav.admin")}</a></li> })}
                <li>
                    <PostForm action="/api/accounts/sign-out" class="inline">
                        <button type="submit" class="link">{t("nav.sign-out")}</button>
                    </PostForm>
                </li>
            </ul>
        }
        .into_any(),
        None => view! {
            <ul class="account">
                <li><a href="/account/sign-in">{t("nav.sign-in")}</a></li>
                <li><a href="/account/sign-up">{t("nav.sign-up")}</a></li>
            </ul>
        }
        .into_any(),
    };
    let forums = (!page.forums.is_empty()).then(|| {
        view! {
            <details class="forum-switcher">
                <summary>{t("nav.forums")}</summary>
                <ul>
                    {page
                        .forums
                        .iter()
                        .map(|f| view! { <li><a href=format!("/forums/{}", f.code)>{f.name.clone()}</a></li> })
                        .collect_view()}
                </ul>
            </details>
        }
    });
    view! {
        <header class="site-header">
            <a class="skip-link" href="#main">{t("shell.skip-to-content")}</a>
            <a class="brand" href="/">{t("shell.brand")}</a>
            <nav aria-label=t("nav.label")>
                {forums}
                {account}
            </nav>
            <PostForm action="/api/accounts/set-language" class="language-switcher" label=t("nav.language")>
                <input type="hidden" name="next" value=here />
                <span class="label" aria-hidden="true">{t("nav.language")}</span>
                {Locale::ALL
                    .into_iter()
                    .map(|l| {
                        let is_current = l == current;
                        view! {
                            <button
                                type="submit"
                                name="lang"
                                value=l.code()
                                lang=l.code()
                                class="link"
                                aria-current=is_current.then_some("true")
                            >
                                {l.native_name()}
                            </button>
                        }
                    })
                    .collect_view()}
            </PostForm>
        </header>
    }
}

#[component]
pub fn Footer() -> impl IntoView {
    view! {
        <footer class="site-footer">
            <p>{t("shell.footer")}</p>
        </footer>
    }
}

/// Shows the notice a redirect asked for, if it is a known one.
#[component]
pub fn Notice() -> impl IntoView {
    let query = use_query_map();
    move || {
        query
            .read()
            .get("notice")
            .filter(|n| NOTICES.contains(&n.as_str()))
            .map(|n| view! { <div class="notice" role="status">{t(&format!("notice.{n}"))}</div> })
    }
}

/// A page-level error: the message (never internals), a way on, and the
/// matching HTTP status when rendered on the server.
#[component]
pub fn ErrorView(error: AppError) -> impl IntoView {
    #[cfg(feature = "ssr")]
    if let Some(res) = use_context::<leptos_axum::ResponseOptions>() {
        res.set_status(
            http::StatusCode::from_u16(error.status())
                .unwrap_or(http::StatusCode::INTERNAL_SERVER_ERROR),
        );
    }
    let sign_in = (error == AppError::Unauthorized).then(|| {
        view! { <p><a href="/account/sign-in">{t("nav.sign-in")}</a></p> }
    });
    view! {
        <section class="error-page">
            <h1>{t(error.message_key())}</h1>
            {sign_in}
        </section>
    }
}

#[component]
pub fn NotFound() -> impl IntoView {
    view! {
        <leptos_meta::Title text=t("error.not-found") />
        <ErrorView error=AppError::NotFound />
        <p><a href="/">{t("nav.home")}</a></p>
    }
}

/// Waits for a server function's result (a blocking resource, so the page is
/// complete without JavaScript): the view when it worked, the error otherwise.
pub fn loaded<T, V>(
    resource: Resource<Result<T, AppError>>,
    render: impl Fn(T) -> V + Clone + Send + Sync + 'static,
) -> impl IntoView
where
    T: Clone + Send + Sync + serde::Serialize + serde::de::DeserializeOwned + 'static,
    V: IntoView + 'static,
{
    view! {
        <Suspense>
            {move || {
                let render = render.clone();
                Suspend::new(async move {
                    match resource.await {
                        Ok(value) => render(value).into_any(),
                        Err(error) => view! { <ErrorView error /> }.into_any(),
                    }
                })
            }}
        </Suspense>
    }
}

/// A table's header row, one column head per label.
#[component]
pub fn ColumnHeads(labels: Vec<String>) -> impl IntoView {
    view! {
        <thead>
            <tr>{labels.into_iter().map(|l| view! { <th scope="col">{l}</th> }).collect_view()}</tr>
        </thead>
    }
}
