//! Organisers' pages for a call: its form (types, times, rules) and its access
//! codes for late submission.

use super::call_id;
use crate::forums::pages::forum_code;
use crate::forums::SessionType;
use crate::i18n::t;
use crate::proposals::rules::{CallRules, OPTIONAL_FIELDS};
use crate::proposals::CallView;
use crate::ui::forms::{
    Checkbox, CheckboxGroup, ChoiceBox, Field, Hidden, PostForm, Submit, TextArea,
};
use crate::ui::layout::{loaded, ColumnHeads, ErrorView, Notice};
use leptos::prelude::*;
use leptos_meta::Title;

fn moment(at: chrono::DateTime<chrono::Utc>) -> String {
    at.format("%Y-%m-%dT%H:%M").to_string()
}

fn number(n: Option<u32>) -> String {
    n.map(|n| n.to_string()).unwrap_or_default()
}

/// The call form: new when `call` is `None` (with the IGF's usual rules filled in).
#[component]
pub fn CallForm(
    forum: String,
    call: Option<CallView>,
    all_types: Vec<SessionType>,
) -> impl IntoView {
    let editing = call.is_some();
    let rules = call
        .as_ref()
        .map(|c| c.rules.clone())
        .unwrap_or_else(CallRules::igf_defaults);
    let chosen: Vec<uuid::Uuid> = call
        .as_ref()
        .map(|c| c.session_types.iter().map(|s| s.id).collect())
        .unwrap_or_default();
    let numbers: Vec<(&'static str, Option<u32>)> = vec![
        ("min_confirmed_speakers", rules.min_confirmed_speakers),
        ("min_onsite_moderators", rules.min_onsite_moderators),
        ("min_onsite_speakers", rules.min_onsite_speakers),
        ("min_organiser_groups", rules.min_organiser_groups),
        ("max_proposals_per_person", rules.max_proposals_per_person),
        (
            "max_proposals_per_organisation",
            rules.max_proposals_per_organisation,
        ),
        ("max_sessions_per_speaker", rules.max_sessions_per_speaker),
        ("title_max_chars", rules.title_max_chars),
        ("description_max_words", rules.description_max_words),
    ];
    let required: Vec<(&'static str, bool)> = OPTIONAL_FIELDS
        .iter()
        .map(|f| (*f, rules.requires(f)))
        .collect();
    view! {
        <PostForm action="/api/calls/save" class="stack">
            <Hidden name="forum" value=forum />
            {call.as_ref().map(|c| view! { <Hidden name="call" value=c.id.to_string() /> })}
            <Field name="title" label=t("calls.field.title") value=call.as_ref().map(|c| c.title.clone()).unwrap_or_default() required=true />
            <TextArea name="introduction" label=t("calls.field.introduction") value=call.as_ref().map(|c| c.introduction.clone()).unwrap_or_default() hint=t("forums.field.description-hint") />
            <Field name="opens_at" label=t("calls.field.opens-at") kind="datetime-local" value=call.as_ref().map(|c| moment(c.opens_at)).unwrap_or_default() required=true hint=t("calls.field.utc-hint") />
            <Field name="closes_at" label=t("calls.field.closes-at") kind="datetime-local" value=call.as_ref().map(|c| moment(c.closes_at)).unwrap_or_default() required=true hint=t("calls.field.utc-hint") />
            <CheckboxGroup legend=t("calls.field.session-types") error_name="session_types">
                {all_types.into_iter().map(|st| {
                    let checked = chosen.contains(&st.id);
                    view! { <ChoiceBox name="session_types[]" value=st.id.to_string() label=st.name.clone() checked /> }
                }).collect_view()}
            </CheckboxGroup>
            <fieldset class="rules">
                <legend>{t("calls.rules")}</legend>
                <p class="hint">{t("calls.rules-hint")}</p>
                {numbers.into_iter().map(|(name, value)| view! {
                    <Field name=name label=t(&format!("calls.field.{name}")) kind="number" value=number(value) />
                }).collect_view()}
                <Checkbox name="gender_mix" label=t("calls.field.gender_mix") checked=rules.gender_mix />
                <Checkbox name="exclude_team" label=t("calls.field.exclude_team") checked=rules.exclude_team />
            </fieldset>
            <CheckboxGroup legend=t("calls.field.required-fields") error_name="required_fields">
                {required.into_iter().map(|(field, checked)| view! {
                    <ChoiceBox name="required_fields[]" value=field label=t(&format!("proposal.field.{field}")) checked />
                }).collect_view()}
            </CheckboxGroup>
            <Checkbox name="publish_received" label=t("calls.field.publish-received") checked=call.as_ref().is_some_and(|c| c.publish_received) />
            <Submit label=t(if editing { "calls.save" } else { "calls.create" }) />
        </PostForm>
    }
}

#[component]
pub fn ManageCallPage() -> impl IntoView {
    let code = forum_code();
    let Some(id) = call_id() else {
        return view! { <ErrorView error=crate::error::AppError::NotFound /> }.into_any();
    };
    let admin = Resource::new_blocking(
        move || (code.clone(), id),
        |(forum, call)| crate::proposals::api::manage_call(forum, call),
    );
    loaded(admin, |a| {
        let forum = a.call.forum_code.clone();
        let heads = vec![
            t("calls.code.code"),
            t("calls.code.label"),
            t("calls.code.uses"),
            t("calls.code.expires"),
            t("forums.team.actions"),
        ];
        view! {
            <Title text=format!("{} — {}", t("calls.manage"), a.call.title) />
            <h1>{t("calls.manage")} ": " <a href=format!("/forums/{}/calls/{}", forum, a.call.id)>{a.call.title.clone()}</a></h1>
            <Notice />
            <CallForm forum=forum.clone() call=Some(a.call.clone()) all_types=a.all_types.clone() />
            <section aria-labelledby="codes-heading">
                <h2 id="codes-heading">{t("calls.codes")}</h2>
                <p>{t("calls.codes-intro")}</p>
                <table>
                    <caption class="visually-hidden">{t("calls.codes")}</caption>
                    <ColumnHeads labels=heads />
                    <tbody>
                        {a.access_codes.into_iter().map(|c| {
                            let forum = forum.clone();
                            let uses = match c.max_uses {
                                Some(max) => format!("{} / {}", c.uses, max),
                                None => c.uses.to_string(),
                            };
                            view! {
                                <tr>
                                    <td><code>{c.code.clone()}</code></td>
                                    <td>{c.label.clone()}</td>
                                    <td>{uses}</td>
                                    <td>{c.expires_at.format("%Y-%m-%d %H:%M UTC").to_string()}</td>
                                    <td>
                                        {if c.revoked {
                                            view! { {t("calls.code.revoked")} }.into_any()
                                        } else {
                                            view! {
                                                <PostForm action="/api/calls/revoke-access-code" class="inline">
                                                    <Hidden name="forum" value=forum />
                                                    <Hidden name="id" value=c.id.to_string() />
                                                    <button type="submit" class="link">{t("calls.code.revoke")}</button>
                                                </PostForm>
                                            }
                                            .into_any()
                                        }}
                                    </td>
                                </tr>
                            }
                        }).collect_view()}
                    </tbody>
                </table>
                <h3>{t("calls.code.add")}</h3>
                <PostForm action="/api/calls/add-access-code" class="stack">
                    <Hidden name="forum" value=forum.clone() />
                    <Hidden name="call" value=a.call.id.to_string() />
                    <Field name="label" label=t("calls.code.label") hint=t("calls.code.label-hint") />
                    <Field name="max_uses" label=t("calls.code.max-uses") kind="number" hint=t("calls.code.max-uses-hint") />
                    <Field name="expires_at" label=t("calls.code.expires") kind="datetime-local" required=true hint=t("calls.field.utc-hint") />
                    <Submit label=t("calls.code.add") />
                </PostForm>
            </section>
        }
        .into_any()
    })
    .into_any()
}
