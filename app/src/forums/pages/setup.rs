//! The programme structure of an edition: themes and sub-themes, session types
//! with their durations, formats; and "start from last year".

use super::forum_code;
use crate::forums::{SessionFormat, SessionType, Setup, Theme};
use crate::i18n::{t, t_with};
use crate::ui::forms::{Checkbox, Choice, Field, Hidden, PostForm, Submit};
use crate::ui::layout::{loaded, ColumnHeads, Notice};
use leptos::prelude::*;
use leptos_meta::Title;

/// A "remove" button for one item of the structure.
#[component]
fn RemoveButton(
    action: &'static str,
    forum: String,
    id: uuid::Uuid,
    what: String,
) -> impl IntoView {
    view! {
        <PostForm action=action class="inline">
            <Hidden name="forum" value=forum />
            <Hidden name="id" value=id.to_string() />
            <button type="submit" class="link" aria-label=t_with("forums.setup.remove-named", &[("name", &what)])>
                {t("forums.setup.remove")}
            </button>
        </PostForm>
    }
}

#[component]
fn Themes(forum: String, themes: Vec<Theme>) -> impl IntoView {
    let parents = themes
        .iter()
        .map(|th| (th.id.to_string(), th.name.clone()))
        .collect::<Vec<_>>();
    view! {
        <section aria-labelledby="themes-heading">
            <h2 id="themes-heading">{t("forums.setup.themes")}</h2>
            <ul class="themes">
                {themes.into_iter().map(|th| {
                    let forum = forum.clone();
                    view! {
                        <li>
                            <span class="swatch" style=format!("background-color:{}", th.colour) aria-hidden="true"></span>
                            {th.name.clone()} " "
                            <RemoveButton action="/api/forums/remove-theme" forum=forum.clone() id=th.id what=th.name.clone() />
                            {(!th.sub_themes.is_empty()).then(|| view! {
                                <ul>
                                    {th.sub_themes.into_iter().map(|sub| view! {
                                        <li>{sub.name.clone()} " " <RemoveButton action="/api/forums/remove-theme" forum=forum.clone() id=sub.id what=sub.name.clone() /></li>
                                    }).collect_view()}
                                </ul>
                            })}
                        </li>
                    }
                }).collect_view()}
            </ul>
            <h3>{t("forums.setup.add-theme")}</h3>
            <PostForm action="/api/forums/add-theme" class="stack">
                <Hidden name="forum" value=forum.clone() />
                <Field name="name" label=t("forums.setup.theme-name") required=true />
                <Field name="colour" label=t("forums.setup.colour") kind="color" value="#1d3557" hint=t("forums.setup.colour-hint") />
                <Choice name="parent" label=t("forums.setup.parent") options=parents empty=t("forums.setup.no-parent") />
                <Submit label=t("forums.setup.add-theme") />
            </PostForm>
        </section>
    }
}

#[component]
fn SessionTypes(forum: String, types: Vec<SessionType>) -> impl IntoView {
    let heads = vec![
        t("forums.setup.type-name"),
        t("forums.setup.prefix"),
        t("forums.setup.durations"),
        t("forums.team.actions"),
    ];
    view! {
        <section aria-labelledby="types-heading">
            <h2 id="types-heading">{t("forums.setup.session-types")}</h2>
            <table>
                <caption class="visually-hidden">{t("forums.setup.session-types")}</caption>
                <ColumnHeads labels=heads />
                <tbody>
                    {types.into_iter().map(|st| {
                        let minutes = st.durations.iter().map(|m| m.to_string()).collect::<Vec<_>>().join(", ");
                        view! {
                            <tr>
                                <td>{st.name.clone()}</td>
                                <td><code>{st.code_prefix.clone()}</code></td>
                                <td>{t_with("forums.setup.minutes", &[("minutes", &minutes)])}</td>
                                <td><RemoveButton action="/api/forums/remove-session-type" forum=forum.clone() id=st.id what=st.name.clone() /></td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
            <h3>{t("forums.setup.add-session-type")}</h3>
            <PostForm action="/api/forums/add-session-type" class="stack">
                <Hidden name="forum" value=forum.clone() />
                <Field name="name" label=t("forums.setup.type-name") required=true />
                <Field name="code_prefix" label=t("forums.setup.prefix") required=true hint=t("forums.setup.prefix-hint") />
                <Field name="durations" label=t("forums.setup.durations") required=true hint=t("forums.setup.durations-hint") />
                <Submit label=t("forums.setup.add-session-type") />
            </PostForm>
        </section>
    }
}

#[component]
fn Formats(forum: String, formats: Vec<SessionFormat>) -> impl IntoView {
    view! {
        <section aria-labelledby="formats-heading">
            <h2 id="formats-heading">{t("forums.setup.formats")}</h2>
            <ul>
                {formats.into_iter().map(|f| view! {
                    <li>
                        {f.name.clone()}
                        {f.needs_description.then(|| view! { " (" {t("forums.setup.described")} ")" })}
                        " "
                        <RemoveButton action="/api/forums/remove-format" forum=forum.clone() id=f.id what=f.name.clone() />
                    </li>
                }).collect_view()}
            </ul>
            <h3>{t("forums.setup.add-format")}</h3>
            <PostForm action="/api/forums/add-format" class="stack">
                <Hidden name="forum" value=forum.clone() />
                <Field name="name" label=t("forums.setup.format-name") required=true />
                <Checkbox name="needs_description" label=t("forums.setup.needs-description") />
                <Submit label=t("forums.setup.add-format") />
            </PostForm>
        </section>
    }
}

#[component]
pub fn SetupPage() -> impl IntoView {
    let code = forum_code();
    let setup = Resource::new_blocking(move || code.clone(), crate::forums::api::forum_setup);
    loaded(setup, |s: Setup| {
        let forum = s.edition.code.clone();
        let sources = s
            .others
            .iter()
            .map(|f| (f.code.clone(), f.name.clone()))
            .collect::<Vec<_>>();
        view! {
            <Title text=format!("{} — {}", t("forums.setup.title"), s.edition.name) />
            <h1>{t("forums.setup.title")} ": " <a href=format!("/forums/{forum}")>{s.edition.name.clone()}</a></h1>
            <Notice />
            <Themes forum=forum.clone() themes=s.themes />
            <SessionTypes forum=forum.clone() types=s.session_types />
            <Formats forum=forum.clone() formats=s.formats />
            {(!sources.is_empty()).then(|| view! {
                <section aria-labelledby="copy-heading">
                    <h2 id="copy-heading">{t("forums.setup.copy")}</h2>
                    <p>{t("forums.setup.copy-intro")}</p>
                    <PostForm action="/api/forums/copy-structure" class="stack">
                        <Hidden name="forum" value=forum.clone() />
                        <Choice name="from" label=t("forums.setup.copy-from") options=sources />
                        <Submit label=t("forums.setup.copy-submit") />
                    </PostForm>
                </section>
            })}
        }
    })
}
