//! The team page: organisers give and withdraw roles in the edition.

use super::forum_code;
use crate::accounts::ForumRoleKind;
use crate::i18n::t;
use crate::ui::forms::{Choice, Field, Hidden, PostForm, Submit};
use crate::ui::layout::{loaded, ColumnHeads, Notice};
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn TeamPage() -> impl IntoView {
    let code = forum_code();
    let team = Resource::new_blocking(move || code.clone(), crate::forums::api::forum_team);
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
                        }
                    }).collect_view()}
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
