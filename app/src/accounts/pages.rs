//! Account pages: sign up, verify, sign in, forgotten password, reset, profile,
//! change password, delete the account.

use super::countries::COUNTRIES;
use super::{Gender, StakeholderGroup};
use crate::i18n::t;
use crate::ui::forms::{Checkbox, CheckboxGroup, Choice, Field, Hidden, PostForm, Submit};
use crate::ui::layout::{loaded, ErrorView, Notice};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

fn query(name: &'static str) -> String {
    use_query_map()
        .read_untracked()
        .get(name)
        .unwrap_or_default()
}

#[component]
pub fn SignUpPage() -> impl IntoView {
    view! {
        <Title text=t("accounts.sign-up.title") />
        <h1>{t("accounts.sign-up.title")}</h1>
        <PostForm action="/api/accounts/sign-up" class="stack">
            <Field name="name" label=t("field.name") autocomplete="name" required=true />
            <Field name="email" label=t("field.email") kind="email" autocomplete="email" required=true />
            <Field
                name="password"
                label=t("field.password")
                kind="password"
                autocomplete="new-password"
                required=true
                hint=t("accounts.password-hint")
            />
            <Submit label=t("accounts.sign-up.submit") />
        </PostForm>
        <p>{t("accounts.sign-up.have-account")} " " <a href="/account/sign-in">{t("nav.sign-in")}</a></p>
    }
}

#[component]
pub fn SignInPage() -> impl IntoView {
    let next = query("next");
    view! {
        <Title text=t("accounts.sign-in.title") />
        <h1>{t("accounts.sign-in.title")}</h1>
        <Notice />
        <PostForm action="/api/accounts/sign-in" class="stack">
            <Field name="email" label=t("field.email") kind="email" autocomplete="username" required=true />
            <Field name="password" label=t("field.password") kind="password" autocomplete="current-password" required=true />
            <Hidden name="next" value=next />
            <Submit label=t("accounts.sign-in.submit") />
        </PostForm>
        <p><a href="/account/forgot">{t("accounts.forgot.link")}</a></p>
        <p>{t("accounts.sign-in.no-account")} " " <a href="/account/sign-up">{t("nav.sign-up")}</a></p>
    }
}

/// The link in the verification mail lands here; confirming is a deliberate
/// click (a POST), so mail scanners that follow links do not use the token up.
#[component]
pub fn VerifyPage() -> impl IntoView {
    let token = query("token");
    view! {
        <Title text=t("accounts.verify.title") />
        <h1>{t("accounts.verify.title")}</h1>
        <p>{t("accounts.verify.intro")}</p>
        <PostForm action="/api/accounts/verify-email">
            <Hidden name="token" value=token />
            <Submit label=t("accounts.verify.submit") />
        </PostForm>
    }
}

#[component]
pub fn ForgotPage() -> impl IntoView {
    view! {
        <Title text=t("accounts.forgot.title") />
        <h1>{t("accounts.forgot.title")}</h1>
        <p>{t("accounts.forgot.intro")}</p>
        <PostForm action="/api/accounts/request-password-reset" class="stack">
            <Field name="email" label=t("field.email") kind="email" autocomplete="email" required=true />
            <Submit label=t("accounts.forgot.submit") />
        </PostForm>
    }
}

#[component]
pub fn ResetPage() -> impl IntoView {
    let token = query("token");
    view! {
        <Title text=t("accounts.reset.title") />
        <h1>{t("accounts.reset.title")}</h1>
        <PostForm action="/api/accounts/reset-password" class="stack">
            <Hidden name="token" value=token />
            <Field
                name="password"
                label=t("field.new-password")
                kind="password"
                autocomplete="new-password"
                required=true
                hint=t("accounts.password-hint")
            />
            <Submit label=t("accounts.reset.submit") />
        </PostForm>
    }
}

#[component]
pub fn ProfilePage() -> impl IntoView {
    let profile = Resource::new_blocking(|| (), |_| super::api::get_profile());
    let choices = |labels: Vec<(&'static str, String)>| {
        labels
            .into_iter()
            .map(|(code, key)| (code.to_string(), t(&key)))
            .collect::<Vec<_>>()
    };
    view! {
        <Title text=t("accounts.profile.title") />
        {loaded(profile, move |p| {
            let countries = COUNTRIES
                .iter()
                .map(|c| (c.code.to_string(), c.name.to_string()))
                .collect::<Vec<_>>();
            let groups = choices(StakeholderGroup::ALL.iter().map(|g| (g.code(), g.label_key())).collect());
            let genders = choices(Gender::ALL.iter().map(|g| (g.code(), g.label_key())).collect());
            let region = p
                .regional_group
                .map(|r| t(&format!("region.{}", r.code())))
                .unwrap_or_else(|| t("accounts.profile.region-none"));
            view! {
                <h1>{t("accounts.profile.title")}</h1>
                <Notice />
                <p>{t("field.email")} ": " <strong><bdi>{p.email.clone()}</bdi></strong></p>
                <PostForm action="/api/accounts/update-profile" class="stack">
                    <Field name="name" label=t("field.name") value=p.name.clone() autocomplete="name" required=true />
                    <Field name="organisation" label=t("field.organisation") value=p.organisation.clone() autocomplete="organization" />
                    <Choice
                        name="country"
                        label=t("field.country")
                        options=countries
                        value=p.country.clone().unwrap_or_default()
                        empty=t("field.not-given")
                    />
                    <p class="derived">{t("field.regional-group")} ": " {region}</p>
                    <Choice
                        name="stakeholder_group"
                        label=t("field.stakeholder-group")
                        options=groups
                        value=p.stakeholder_group.map(|g| g.code().to_string()).unwrap_or_default()
                        empty=t("field.not-given")
                    />
                    <Choice
                        name="gender"
                        label=t("field.gender")
                        options=genders
                        value=p.gender.map(|g| g.code().to_string()).unwrap_or_default()
                        empty=t("field.not-given")
                    />
                    <Checkbox name="first_time" label=t("field.first-time") checked=p.first_time />
                    <Submit label=t("accounts.profile.submit") />
                </PostForm>
                <p><a href="/account/password">{t("accounts.password.title")}</a></p>
                <section class="privacy" aria-labelledby="privacy-title">
                    <h2 id="privacy-title">{t("privacy.title")}</h2>
                    <p>{t("privacy.intro")}</p>
                    <ul>
                        <li><a href="/account/data.json" download="" rel="external">{t("privacy.download.link")}</a></li>
                        <li><a href="/account/delete">{t("privacy.delete.link")}</a></li>
                    </ul>
                </section>
            }
        })}
    }
}

#[component]
pub fn ChangePasswordPage() -> impl IntoView {
    let signed_in = crate::ui::use_page().viewer.is_some();
    view! {
        <Title text=t("accounts.password.title") />
        {if signed_in {
            view! {
                <h1>{t("accounts.password.title")}</h1>
                <PostForm action="/api/accounts/change-password" class="stack">
                    <Field
                        name="current_password"
                        label=t("field.current-password")
                        kind="password"
                        autocomplete="current-password"
                        required=true
                    />
                    <Field
                        name="new_password"
                        label=t("field.new-password")
                        kind="password"
                        autocomplete="new-password"
                        required=true
                        hint=t("accounts.password-hint")
                    />
                    <Submit label=t("accounts.password.submit") />
                </PostForm>
            }
            .into_any()
        } else {
            view! { <ErrorView error=crate::error::AppError::Unauthorized /> }.into_any()
        }}
    }
}

/// Deleting one's account: what happens, the password and a confirmation.
#[component]
pub fn DeleteAccountPage() -> impl IntoView {
    let signed_in = crate::ui::use_page().viewer.is_some();
    view! {
        <Title text=t("privacy.delete.title") />
        {if signed_in {
            view! {
                <h1>{t("privacy.delete.title")}</h1>
                <p>{t("privacy.delete.intro")}</p>
                <ul>
                    <li>{t("privacy.delete.removed")}</li>
                    <li>{t("privacy.delete.kept")}</li>
                    <li>{t("privacy.delete.final")}</li>
                </ul>
                <p><a href="/account/data.json" download="" rel="external">{t("privacy.download.first")}</a></p>
                <PostForm action="/api/account/delete" class="stack">
                    <Field
                        name="current_password"
                        label=t("field.current-password")
                        kind="password"
                        autocomplete="current-password"
                        required=true
                    />
                    <CheckboxGroup legend=t("privacy.delete.confirm-legend") error_name="confirm">
                        <Checkbox name="confirm" label=t("privacy.delete.confirm") />
                    </CheckboxGroup>
                    <Submit label=t("privacy.delete.submit") />
                </PostForm>
                <p><a href="/account/profile">{t("privacy.delete.cancel")}</a></p>
            }
            .into_any()
        } else {
            view! { <ErrorView error=crate::error::AppError::Unauthorized /> }.into_any()
        }}
    }
}
