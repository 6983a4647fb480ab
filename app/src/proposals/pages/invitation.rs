//! The page an invitation mail links to: confirm or decline taking part.

use crate::i18n::t;
use crate::ui::forms::{Hidden, PostForm};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

#[component]
pub fn InvitationPage() -> impl IntoView {
    let token = use_params_map()
        .read_untracked()
        .get("token")
        .unwrap_or_default();
    view! {
        <Title text=t("proposals.invitation.title") />
        <h1>{t("proposals.invitation.title")}</h1>
        <p>{t("proposals.invitation.intro")}</p>
        <PostForm action="/api/proposals/answer-invitation" class="inline" label=t("proposals.invitation.title")>
            <Hidden name="token" value=token.clone() />
            <button type="submit" name="answer" value="confirm" class="primary">{t("proposals.invitation.confirm")}</button>
            " "
            <button type="submit" name="answer" value="decline">{t("proposals.invitation.decline")}</button>
        </PostForm>
    }
}
