//! Pages of a forum edition: its home and its team (organisers only).

use crate::accounts::ForumRoleKind;
use crate::i18n::t;
use crate::ui::forms::{Choice, Field, Hidden, PostForm, Submit};
use crate::ui::layout::{loaded, ColumnHeads, ErrorView, Notice};
use crate::ui::use_page;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

fn forum_code() -> String {
    use_params_map()
        .read_untracked()
        .get("forum")
        .unwrap_or_default()
}

#[component]
pub fn ForumHome() -> impl IntoView {
    let code = forum_code();
    let page = use_page();
    let Some(forum) = page.forums.iter().find(|f| f.code == code).cloned() else {
        return view! { <ErrorView error=crate::error::AppError::NotFound /> }.into_any();
    };
    let may_manage = page
        .viewer
        .as_ref()
        .is_some_and(|v| v.is_admin || v.has_role(&code, ForumRoleKind::Organiser));
    view! {
        <Title text=forum.name.clone() />
        <h1>{forum.name.clone()}</h1>
        {may_manage.then(|| view! { <p><a href=format!("/forums/{code}/team")>{t("forums.team.title")}</a></p> })}
    }
    .into_any()
}

#[component]
pub fn TeamPage() -> impl IntoView {
    let code = forum_code();
    let team = Resource::new_blocking(move || code.clone(), super::api::forum_team);
    loaded(team, |team| {
        let roles = ForumRoleKind::ALL
            .iter()
            .map(|r| (r.code().to_string(), t(&r.label_key())))
            .collect::<Vec<_>>();
        let forum = team.forum.code.clone();
        let heads = vec![
            t("field.name"),
            t("field.email"),
            t("forums.team.role"),
            t("forums.team.actions"),
        ];
        view! {
            <Title text=format!("{} — {}", t("forums.team.title"), team.forum.name) />
            <h1>{t("forums.team.title")} ": " {team.forum.name.clone()}</h1>
            <Notice />
            <table>
                <caption>{t("forums.team.caption")}</caption>
                <ColumnHeads labels=heads />
                <tbody>
                    {team.members.into_iter().map(|m| {
                        let forum = forum.clone();
                        view! {
                        <tr>
                            <td>{m.name}</td>
                            <td>{m.email}</td>
                            <td>{t(&m.role.label_key())}</td>
                            <td>
                                <PostForm action="/api/forums/revoke-role" class="inline">
                                    <Hidden name="forum" value=forum />
                                    <Hidden name="role_id" value=m.role_id.to_string() />
                                    <button type="submit" class="link">{t("forums.team.revoke")}</button>
                                </PostForm>
                            </td>
                        </tr>
                    }}).collect_view()}
                </tbody>
            </table>
            <h2>{t("forums.team.grant")}</h2>
            <PostForm action="/api/forums/grant-role" class="stack">
                <Hidden name="forum" value=forum.clone() />
                <Field name="email" label=t("field.email") kind="email" required=true />
                <Choice name="role" label=t("forums.team.role") options=roles />
                <Submit label=t("forums.team.grant-submit") />
            </PostForm>
        }
    })
}
