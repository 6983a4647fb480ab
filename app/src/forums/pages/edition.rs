//! An edition's home page, and the form that creates or edits its details.

use super::forum_code;
use crate::accounts::ForumRoleKind;
use crate::forums::rules::UN_LANGUAGES;
use crate::forums::Edition;
use crate::i18n::t;
use crate::ui::forms::{
    Checkbox, CheckboxGroup, Choice, Field, Hidden, PostForm, Submit, TextArea,
};
use crate::ui::layout::{loaded, ErrorView, Notice};
use crate::ui::{denial, use_page};
use leptos::prelude::*;
use leptos_meta::Title;

/// One checkbox a UN language, named `lang_xx` as the server functions expect.
const LANGUAGE_BOXES: [(&str, &str); 6] = [
    ("ar", "lang_ar"),
    ("zh", "lang_zh"),
    ("en", "lang_en"),
    ("fr", "lang_fr"),
    ("ru", "lang_ru"),
    ("es", "lang_es"),
];

fn day(date: Option<chrono::NaiveDate>) -> String {
    date.map(|d| d.format("%Y-%m-%d").to_string())
        .unwrap_or_default()
}

pub fn may_manage(code: &str) -> bool {
    use_page()
        .viewer
        .is_some_and(|v| v.is_admin || v.has_role(code, ForumRoleKind::Organiser))
}

#[component]
pub fn ForumHome() -> impl IntoView {
    let code = forum_code();
    let edition = Resource::new_blocking(move || code.clone(), crate::forums::api::get_edition);
    loaded(edition, |e: Edition| {
        let reviews = use_page()
            .viewer
            .is_some_and(|v| v.has_role(&e.code, ForumRoleKind::Reviewer));
        let manage = may_manage(&e.code).then(|| {
            view! {
                <nav aria-label=t("forums.manage")>
                    <ul class="actions">
                        <li><a href=format!("/forums/{}/edit", e.code)>{t("forums.edit.title")}</a></li>
                        <li><a href=format!("/forums/{}/setup", e.code)>{t("forums.setup.title")}</a></li>
                        <li><a href=format!("/forums/{}/team", e.code)>{t("forums.team.title")}</a></li>
                        <li><a href=format!("/forums/{}/mail", e.code)>{t("mail-wording.title")}</a></li>
                        <li><a href=format!("/forums/{}/proposals", e.code)>{t("overview.title")}</a></li>
                        <li><a href=format!("/forums/{}/screening", e.code)>{t("overview.screening-title")}</a></li>
                        <li><a href=format!("/forums/{}/review/assignment", e.code)>{t("review.assignment")}</a></li>
                        <li><a href=format!("/forums/{}/review/settings", e.code)>{t("review.settings")}</a></li>
                        <li><a href=format!("/forums/{}/selection", e.code)>{t("review.selection")}</a></li>
                        <li><a href=format!("/forums/{}/venue", e.code)>{t("forums.venue-link")}</a></li>
                        <li><a href=format!("/forums/{}/programme/sessions", e.code)>{t("programme.sessions")}</a></li>
                        <li><a href=format!("/forums/{}/programme/schedule", e.code)>{t("programme.schedule")}</a></li>
                        <li><a href=format!("/forums/{}/programme/releases", e.code)>{t("programme.releases")}</a></li>
                        <li><a href=format!("/forums/{}/selection/release", e.code)>{t("review.release-title")}</a></li>
                        <li><a href=format!("/forums/{}/registrations", e.code)>{t("registration.list")}</a></li>
                        <li><a href=format!("/forums/{}/check-in", e.code)>{t("registration.check-in")}</a></li>
                        <li><a href=format!("/forums/{}/hubs/manage", e.code)>{t("hubs.manage")}</a></li>
                        <li><a href=format!("/forums/{}/figures", e.code)>{t("figures.link")}</a></li>
                    </ul>
                </nav>
            }
        });
        let languages = e
            .languages
            .iter()
            .map(|l| t(&format!("language.{l}")))
            .collect::<Vec<_>>()
            .join(", ");
        view! {
            <Title text=e.name.clone() />
            <Notice />
            <h1>{e.name.clone()}</h1>
            {manage}
            <dl class="facts">
                <dt>{t("forums.field.place")}</dt>
                <dd>{[e.venue.clone(), e.host_city.clone()].into_iter().filter(|s| !s.is_empty()).collect::<Vec<_>>().join(", ")}</dd>
                <dt>{t("forums.field.dates")}</dt>
                <dd>
                    {e.day_zero.map(|d| view! { <time datetime=day(Some(d))>{day(Some(d))}</time> " (" {t("forums.field.day-zero")} "), " })}
                    <time datetime=day(e.first_day)>{day(e.first_day)}</time>
                    " – "
                    <time datetime=day(e.last_day)>{day(e.last_day)}</time>
                </dd>
                <dt>{t("forums.field.time-zone")}</dt>
                <dd>{e.time_zone.clone()}</dd>
                <dt>{t("forums.field.languages")}</dt>
                <dd>{languages}</dd>
            </dl>
            <div class="prose" inner_html=e.description_html.clone()></div>
            <p><a href=format!("/forums/{}/calls", e.code)>{t("calls.title")}</a></p>
            <p><a href=format!("/forums/{}/programme", e.code)>{t("release.public-link")}</a></p>
            <p><a href=format!("/forums/{}/register", e.code)>{t("registration.form")}</a></p>
            <p><a href=format!("/forums/{}/hubs", e.code)>{t("hubs.link")}</a></p>
            <p><a href=format!("/forums/{}/consultations", e.code)>{t("consultation.link")}</a></p>
            {reviews.then(|| view! { <p><a href=format!("/forums/{}/review", e.code)>{t("review.mine")}</a></p> })}
        }
    })
}

/// The fields of an edition, empty for a new one.
#[component]
fn EditionFields(edition: Edition) -> impl IntoView {
    let boxes: Vec<(&'static str, &'static str, bool)> = LANGUAGE_BOXES
        .into_iter()
        .map(|(code, name)| (code, name, edition.languages.iter().any(|l| l == code)))
        .collect();
    view! {
        <Field name="name" label=t("forums.field.name") value=edition.name.clone() required=true hint=t("forums.field.name-hint") />
        <Field name="host_city" label=t("forums.field.host-city") value=edition.host_city.clone() />
        <Field name="venue" label=t("forums.field.venue") value=edition.venue.clone() />
        <Field name="time_zone" label=t("forums.field.time-zone") value=edition.time_zone.clone() required=true hint=t("forums.field.time-zone-hint") />
        <Field name="day_zero" label=t("forums.field.day-zero") kind="date" value=day(edition.day_zero) hint=t("forums.field.day-zero-hint") />
        <Field name="first_day" label=t("forums.field.first-day") kind="date" value=day(edition.first_day) required=true />
        <Field name="last_day" label=t("forums.field.last-day") kind="date" value=day(edition.last_day) required=true />
        <TextArea name="description" label=t("forums.field.description") value=edition.description.clone() hint=t("forums.field.description-hint") rows=8 />
        <CheckboxGroup legend=t("forums.field.languages") error_name="languages">
            {boxes
                .into_iter()
                .map(|(code, name, checked)| view! { <Checkbox name=name label=t(&format!("language.{code}")) checked /> })
                .collect_view()}
        </CheckboxGroup>
    }
}

#[component]
pub fn NewEditionPage() -> impl IntoView {
    let page = use_page();
    if !page.viewer.as_ref().is_some_and(|v| v.is_admin) {
        return view! { <ErrorView error=denial() /> }.into_any();
    }
    let sources = page
        .forums
        .iter()
        .map(|f| (f.code.clone(), f.name.clone()))
        .collect::<Vec<_>>();
    let blank = Edition {
        time_zone: "UTC".into(),
        languages: UN_LANGUAGES.iter().map(|l| l.to_string()).collect(),
        ..Edition::default()
    };
    view! {
        <Title text=t("forums.new.title") />
        <h1>{t("forums.new.title")}</h1>
        <PostForm action="/api/forums/create" class="stack">
            <Field name="code" label=t("forums.field.code") required=true hint=t("forums.field.code-hint") />
            <EditionFields edition=blank />
            <Choice name="copy_from" label=t("forums.new.copy-from") options=sources empty=t("forums.new.copy-nothing") />
            <Submit label=t("forums.new.submit") />
        </PostForm>
    }
    .into_any()
}

#[component]
pub fn EditEditionPage() -> impl IntoView {
    let code = forum_code();
    let edition = Resource::new_blocking(move || code.clone(), crate::forums::api::get_edition);
    loaded(edition, |e: Edition| {
        if !may_manage(&e.code) {
            return view! { <ErrorView error=denial() /> }.into_any();
        }
        view! {
            <Title text=format!("{} — {}", t("forums.edit.title"), e.name) />
            <h1>{t("forums.edit.title")} ": " {e.name.clone()}</h1>
            <PostForm action="/api/forums/update" class="stack">
                <Hidden name="forum" value=e.code.clone() />
                <EditionFields edition=e.clone() />
                <Submit label=t("forums.edit.submit") />
            </PostForm>
        }
        .into_any()
    })
}
