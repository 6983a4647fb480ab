//! The proposal form: a draft saved at any time, people invited as they are
//! named, the call's rules shown against what was saved, then submission.

use super::call_id;
use crate::accounts::countries::COUNTRIES;
use crate::accounts::{Gender, StakeholderGroup};
use crate::forums::catalogue;
use crate::forums::pages::forum_code;
use crate::forums::rules::UN_LANGUAGES;
use crate::i18n::{t, t_with};
use crate::proposals::screening::{Diversity, RuleCheck};
use crate::proposals::{PersonRow, ProposalForm};
use crate::ui::forms::{
    Checkbox, CheckboxGroup, Choice, ChoiceBox, Field, Hidden, PostForm, Submit, TextArea,
};
use crate::ui::layout::{loaded, ColumnHeads, Notice};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

/// Rows offered for people: those saved, and at least this many in all.
const PEOPLE_ROWS: usize = 8;
const ROLES: [&str; 5] = [
    "organiser",
    "speaker",
    "onsite-moderator",
    "online-moderator",
    "rapporteur",
];
const LAYOUTS: [&str; 4] = ["theatre", "roundtable", "classroom", "other"];

fn options(items: impl IntoIterator<Item = (String, String)>) -> Vec<(String, String)> {
    items.into_iter().collect()
}

/// Fills person row `index` with the details of someone named before.
#[cfg(feature = "hydrate")]
fn fill_person(index: usize, email: &str, known: &[PersonRow]) {
    use wasm_bindgen::JsCast;
    let Some(k) = known.iter().find(|k| k.email == email) else {
        return;
    };
    let Some(doc) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let element = |field: &str| doc.get_element_by_id(&format!("f-people[{index}][{field}]"));
    for (field, value) in [
        ("name", &k.name),
        ("email", &k.email),
        ("organisation", &k.organisation),
        ("country", &k.country),
        ("stakeholder_group", &k.stakeholder_group),
        ("gender", &k.gender),
    ] {
        match element(field) {
            Some(e) if e.is_instance_of::<web_sys::HtmlSelectElement>() => e
                .unchecked_into::<web_sys::HtmlSelectElement>()
                .set_value(value),
            Some(e) if e.is_instance_of::<web_sys::HtmlInputElement>() => e
                .unchecked_into::<web_sys::HtmlInputElement>()
                .set_value(value),
            _ => {}
        }
    }
    if let Some(e) = element("onsite") {
        if let Ok(box_) = e.dyn_into::<web_sys::HtmlInputElement>() {
            box_.set_checked(k.onsite);
        }
    }
}

/// "Someone you named before": a menu that fills the row (at once with
/// JavaScript; on saving without it).
#[component]
fn KnownPerson(index: usize, known: std::sync::Arc<Vec<PersonRow>>) -> impl IntoView {
    let choices = options(known.iter().map(|k| {
        let label = if k.organisation.is_empty() {
            format!("{} <{}>", k.name, k.email)
        } else {
            format!("{} ({}) <{}>", k.name, k.organisation, k.email)
        };
        (k.email.clone(), label)
    }));
    // Runs before the form's own input listener, so the rules see the filled row.
    let fill = move |_ev: leptos::ev::Event| {
        #[cfg(feature = "hydrate")]
        fill_person(index, &event_target_value(&_ev), &known);
    };
    view! {
        <div class="known-person" on:input=fill>
            <Choice
                name=format!("people[{index}][known]")
                label=t("proposals.field.known")
                options=choices
                empty=t("proposals.known-none")
            />
        </div>
    }
}

#[component]
fn PersonFields(
    index: usize,
    row: PersonRow,
    known: std::sync::Arc<Vec<PersonRow>>,
) -> impl IntoView {
    let name = |field: &str| format!("people[{index}][{field}]");
    let picker =
        (!known.is_empty() && row.email.is_empty()).then(|| view! { <KnownPerson index known /> });
    let roles = options(
        ROLES
            .iter()
            .map(|r| (r.to_string(), t(&format!("proposals.role.{r}")))),
    );
    let countries = options(
        COUNTRIES
            .iter()
            .map(|c| (c.code.to_string(), c.name.to_string())),
    );
    let groups = options(
        StakeholderGroup::ALL
            .iter()
            .map(|g| (g.code().to_string(), t(&g.label_key()))),
    );
    let genders = options(
        Gender::ALL
            .iter()
            .map(|g| (g.code().to_string(), t(&g.label_key()))),
    );
    let state = (!row.confirmation.is_empty()).then(|| {
        view! { <p class=format!("confirmation {}", row.confirmation)>{t(&format!("proposals.confirmation.{}", row.confirmation))}</p> }
    });
    view! {
        <fieldset class="person">
            <legend>{t_with("proposals.person", &[("n", &(index + 1).to_string())])}</legend>
            {state}
            {picker}
            <Choice name=name("role") label=t("proposals.field.role") options=roles value=row.role />
            <Field name=name("name") label=t("field.name") value=row.name />
            <Field name=name("email") label=t("field.email") kind="email" value=row.email />
            <Field name=name("organisation") label=t("field.organisation") value=row.organisation />
            <Choice name=name("country") label=t("field.country") options=countries value=row.country empty=t("field.not-given") />
            <Choice name=name("stakeholder_group") label=t("field.stakeholder-group") options=groups value=row.stakeholder_group empty=t("field.not-given") />
            <Choice name=name("gender") label=t("field.gender") options=genders value=row.gender empty=t("field.not-given") />
            <Checkbox name=name("onsite") label=t("proposals.field.onsite") checked=row.onsite />
        </fieldset>
    }
}

/// The rules against the proposal, and who its people are. The figures start as
/// the server computed them for the saved proposal; with JavaScript they follow
/// the form as it is typed.
#[component]
fn RulesAndBalance(
    checks: RwSignal<Vec<RuleCheck>>,
    diversity: RwSignal<Diversity>,
) -> impl IntoView {
    let figures = |m: &std::collections::BTreeMap<String, u32>, prefix: &str| {
        m.iter()
            .map(|(k, v)| {
                let label = if k.is_empty() {
                    t("field.not-given")
                } else {
                    t(&format!("{prefix}.{k}"))
                };
                format!("{label}: {v}")
            })
            .collect::<Vec<_>>()
            .join(" · ")
    };
    view! {
        <section aria-labelledby="rules-heading" class="rules-status">
            <h2 id="rules-heading">{t("calls.rules")}</h2>
            <Show when=move || !checks.read().is_empty() fallback=|| view! { <p class="hint">{t("proposals.rules-after-saving")}</p> }>
                <ul aria-live="polite">
                    {move || checks.get().into_iter().map(|c| {
                        let text = t_with(&c.key, &[("have", &c.have.to_string()), ("need", &c.need.to_string())]);
                        let mark = if c.passed { t("proposals.rule-met") } else { t("proposals.rule-not-met") };
                        view! { <li class:met=c.passed class:unmet=!c.passed><strong>{mark}</strong> " " {text}</li> }
                    }).collect_view()}
                </ul>
                <h2>{t("proposals.balance")}</h2>
                <dl class="facts">
                    <dt>{t("field.stakeholder-group")}</dt><dd>{move || figures(&diversity.read().stakeholder_groups, "stakeholder")}</dd>
                    <dt>{t("field.regional-group")}</dt><dd>{move || figures(&diversity.read().regions, "region")}</dd>
                    <dt>{t("proposals.genders")}</dt><dd>{move || figures(&diversity.read().genders, "gender")}</dd>
                    <dt>{t("proposals.onsite-online")}</dt>
                    <dd>{move || {
                        let d = diversity.read();
                        t_with("proposals.onsite-online-figures", &[("onsite", &d.onsite.to_string()), ("online", &d.online.to_string())])
                    }}</dd>
                </dl>
            </Show>
        </section>
    }
}

/// The form's (name, value) pairs as the browser has them now.
#[cfg(feature = "hydrate")]
fn form_pairs(ev: &leptos::ev::Event) -> Option<Vec<(String, String)>> {
    use wasm_bindgen::JsCast;
    let holder: web_sys::Element = ev.current_target()?.dyn_into().ok()?;
    let form: web_sys::HtmlFormElement = holder
        .query_selector("form.proposal-form")
        .ok()??
        .dyn_into()
        .ok()?;
    let data = web_sys::FormData::new_with_form(&form).ok()?;
    let mut pairs = vec![];
    for entry in js_sys::try_iter(&data).ok()?? {
        let entry: js_sys::Array = entry.ok()?.dyn_into().ok()?;
        pairs.push((
            entry.get(0).as_string()?,
            entry.get(1).as_string().unwrap_or_default(),
        ));
    }
    Some(pairs)
}

#[component]
fn ProposalEditor(form: ProposalForm) -> impl IntoView {
    let draft = form.draft.clone();
    let call = form.call.clone();
    let forum = call.forum_code.clone();
    let types = options(
        call.session_types
            .iter()
            .map(|s| (s.id.to_string(), s.name.clone())),
    );
    let mut durations: Vec<u32> = call
        .session_types
        .iter()
        .flat_map(|s| s.durations.clone())
        .collect();
    durations.sort_unstable();
    durations.dedup();
    let durations = options(durations.into_iter().map(|m| {
        (
            m.to_string(),
            t_with("forums.setup.minutes", &[("minutes", &m.to_string())]),
        )
    }));
    let formats = options(
        form.formats
            .iter()
            .map(|f| (f.id.to_string(), f.name.clone())),
    );
    let themes = options(
        form.themes
            .iter()
            .map(|th| (th.id.to_string(), th.name.clone())),
    );
    let subs = options(form.themes.iter().flat_map(|th| {
        th.sub_themes
            .iter()
            .map(move |s| (s.id.to_string(), format!("{} — {}", th.name, s.name)))
    }));
    let layouts = options(
        LAYOUTS
            .iter()
            .map(|l| (l.to_string(), t(&format!("proposals.layout.{l}")))),
    );
    let known = std::sync::Arc::new(form.known_people.clone());
    let mut rows = draft.people.clone();
    while rows.len() < PEOPLE_ROWS.max(draft.people.len() + 2) {
        rows.push(PersonRow {
            role: "speaker".into(),
            onsite: true,
            ..Default::default()
        });
    }
    let questions: Vec<String> = (0..3)
        .map(|i| draft.policy_questions.get(i).cloned().unwrap_or_default())
        .collect();
    let questions_required = call.rules.requires("policy_questions");
    let limits = t_with(
        "proposals.title-hint",
        &[(
            "n",
            &call
                .rules
                .title_max_chars
                .map(|n| n.to_string())
                .unwrap_or_else(|| "300".into()),
        )],
    );
    let words = call
        .rules
        .description_max_words
        .map(|n| t_with("proposals.description-hint", &[("n", &n.to_string())]));
    let submitted = draft.state == "submitted";
    let editable = draft.state != "withdrawn";
    let id = draft.id;
    let open = call.state(call.now) == crate::proposals::CallState::Open;
    let heading = match &draft.code {
        Some(code) => format!("{code} — {}", draft.title),
        None if draft.id.is_some() => t("proposals.your-draft"),
        None => t("proposals.new"),
    };
    let (forum_submit, forum_withdraw) = (forum.clone(), forum.clone());
    let checks = RwSignal::new(form.checks.clone());
    let diversity = RwSignal::new(form.diversity.clone());
    let (base, rules, proposer) = (
        form.base_facts.clone(),
        call.rules.clone(),
        form.proposer_email.clone(),
    );
    let recompute = move |ev: leptos::ev::Event| {
        #[cfg(feature = "hydrate")]
        if let Some(pairs) = form_pairs(&ev) {
            let (facts, core) = crate::proposals::live::facts_from_form(&pairs, &base, &proposer);
            checks.set(crate::proposals::screening::all_checks(
                &rules, &core, &facts, &proposer,
            ));
            diversity.set(crate::proposals::screening::diversity(&facts.people));
        }
        #[cfg(not(feature = "hydrate"))]
        let _ = (&ev, &base, &rules, &proposer, checks, diversity);
    };
    view! {
        <Title text=heading.clone() />
        <h1>{heading}</h1>
        <p><a href=format!("/forums/{}/calls/{}", forum, call.id)>{call.title.clone()}</a></p>
        <Notice />
        <p class=format!("proposal-state {}", draft.state)>{t(&format!("proposals.state.{}", if draft.state.is_empty() { "draft" } else { &draft.state }))}</p>
        <RulesAndBalance checks diversity />
        {editable.then(|| view! {
            <div class="proposal-form-holder" on:input=recompute>
            <PostForm action="/api/proposals/save" class="stack proposal-form">
                <Hidden name="forum" value=forum.clone() />
                <Hidden name="call" value=call.id.to_string() />
                {id.map(|id| view! { <Hidden name="proposal" value=id.to_string() /> })}
                <Choice name="session_type" label=t("proposals.field.session-type") options=types value=draft.session_type.clone() empty=t("field.not-given") />
                <Choice name="duration" label=t("proposals.field.duration") options=durations value=draft.duration.clone() empty=t("field.not-given") />
                <Choice name="format" label=t("proposals.field.format") options=formats value=draft.format.clone() empty=t("field.not-given") />
                <Field name="format_description" label=t("proposals.field.format-description") value=draft.format_description.clone() hint=t("proposals.field.format-description-hint") />
                <Choice name="theme" label=t("proposals.field.theme") options=themes value=draft.theme.clone() empty=t("field.not-given") />
                <Choice name="sub_theme" label=t("proposals.field.sub-theme") options=subs value=draft.sub_theme.clone() empty=t("field.not-given") />
                <Field name="title" label=t("proposals.field.title") value=draft.title.clone() hint=limits />
                <TextArea name="description" label=t("proposals.field.description") value=draft.description.clone() hint=words.unwrap_or_default() rows=8 />
                <fieldset class="questions">
                    <legend>{t("proposal.field.policy_questions")} {questions_required.then(|| format!(" ({})", t("proposals.required")))}</legend>
                    {questions.into_iter().enumerate().map(|(i, q)| view! {
                        <Field name=format!("policy_questions[{i}]") label=t_with("proposals.question", &[("n", &(i + 1).to_string())]) value=q />
                    }).collect_view()}
                </fieldset>
                <TextArea name="expected_outcomes" label=t("proposal.field.expected_outcomes") value=draft.expected_outcomes.clone() />
                <TextArea name="hybrid_plan" label=t("proposal.field.hybrid_plan") value=draft.hybrid_plan.clone() />
                <Choice name="room_layout" label=t("proposal.field.room_layout") options=layouts value=draft.room_layout.clone() empty=t("field.not-given") />
                <CheckboxGroup legend=t("proposals.field.languages") error_name="languages">
                    {UN_LANGUAGES.iter().map(|l| view! {
                        <ChoiceBox name="languages[]" value=l.to_string() label=t(&format!("language.{l}")) checked=draft.languages.iter().any(|x| x == l) />
                    }).collect_view()}
                </CheckboxGroup>
                <CheckboxGroup legend=t("proposal.field.sdgs") error_name="sdgs">
                    {catalogue::SDGS.map(|n| view! {
                        <ChoiceBox name="sdgs[]" value=n.to_string() label=format!("{n}. {}", t(&catalogue::sdg_key(n))) checked=draft.sdgs.iter().any(|x| *x == n.to_string()) />
                    }).collect_view()}
                </CheckboxGroup>
                <CheckboxGroup legend=t("proposal.field.action_lines") error_name="action_lines">
                    {catalogue::action_lines().map(|a| view! {
                        <ChoiceBox name="action_lines[]" value=a.to_string() label=t(&catalogue::action_line_key(a)) checked=draft.action_lines.iter().any(|x| x == a) />
                    }).collect_view()}
                </CheckboxGroup>
                <Field name="tags" label=t("proposals.field.tags") value=draft.tags.clone() hint=t("proposals.field.tags-hint") />
                <Field name="previous_report_url" label=t("proposal.field.previous_report") kind="url" value=draft.previous_report_url.clone() />
                <h2>{t("proposals.people")}</h2>
                <p class="hint">{t("proposals.people-hint")}</p>
                {rows.into_iter().enumerate().map(|(i, row)| view! { <PersonFields index=i row known=known.clone() /> }).collect_view()}
                <Submit label=t(if submitted { "proposals.save-changes" } else { "proposals.save-draft" }) />
            </PostForm>
            </div>
        })}
        {(id.is_some() && !submitted && editable).then(|| view! {
            <section aria-labelledby="submit-heading">
                <h2 id="submit-heading">{t("proposals.submit")}</h2>
                <PostForm action="/api/proposals/submit" class="stack">
                    <Hidden name="forum" value=forum_submit />
                    <Hidden name="proposal" value=id.map(|i| i.to_string()).unwrap_or_default() />
                    {(!open).then(|| view! { <Field name="access_code" label=t("proposals.field.access-code") hint=t("proposals.field.access-code-hint") /> })}
                    <Submit label=t("proposals.submit") />
                </PostForm>
            </section>
        })}
        {(id.is_some() && editable).then(|| view! {
            <PostForm action="/api/proposals/withdraw" class="inline">
                <Hidden name="forum" value=forum_withdraw />
                <Hidden name="proposal" value=id.map(|i| i.to_string()).unwrap_or_default() />
                <button type="submit" class="link">{t("proposals.withdraw")}</button>
            </PostForm>
        })}
    }
}

#[component]
pub fn NewProposalPage() -> impl IntoView {
    let code = forum_code();
    let call = call_id();
    let form = Resource::new_blocking(
        move || (code.clone(), call),
        |(forum, call)| crate::proposals::api::proposal_form(forum, call, None),
    );
    loaded(form, |form| view! { <ProposalEditor form /> })
}

#[component]
pub fn ProposalPage() -> impl IntoView {
    let code = forum_code();
    let id = use_params_map()
        .read_untracked()
        .get("proposal")
        .and_then(|p| p.parse::<uuid::Uuid>().ok());
    let form = Resource::new_blocking(
        move || (code.clone(), id),
        |(forum, id)| crate::proposals::api::proposal_form(forum, None, id),
    );
    let decision = id.map(|proposal| {
        view! { <crate::review::selection_pages::DecisionPanel forum=forum_code() proposal /> }
    });
    view! {
        {decision}
        {loaded(form, |form| view! { <ProposalEditor form /> })}
    }
}

#[component]
pub fn MyProposalsPage() -> impl IntoView {
    let mine = Resource::new_blocking(|| (), |_| crate::proposals::api::my_proposals());
    view! {
        <Title text=t("proposals.mine") />
        {loaded(mine, |rows| {
            let heads = vec![t("proposals.field.title"), t("proposals.code"), t("proposals.state"), t("proposals.updated")];
            view! {
                <h1>{t("proposals.mine")}</h1>
                {if rows.is_empty() {
                    view! { <p>{t("proposals.none")}</p> }.into_any()
                } else {
                    view! {
                        <table>
                            <caption class="visually-hidden">{t("proposals.mine")}</caption>
                            <ColumnHeads labels=heads />
                            <tbody>
                                {rows.into_iter().map(|r| {
                                    let title = if r.title.is_empty() { t("proposals.untitled") } else { r.title.clone() };
                                    view! {
                                        <tr>
                                            <td><a href=format!("/forums/{}/proposals/{}", r.forum_code, r.id)>{title}</a></td>
                                            <td>{r.code.clone().unwrap_or_default()}</td>
                                            <td>{t(&format!("proposals.state.{}", r.state))}</td>
                                            <td>{r.updated_at.format("%Y-%m-%d %H:%M UTC").to_string()}</td>
                                        </tr>
                                    }
                                }).collect_view()}
                            </tbody>
                        </table>
                    }
                    .into_any()
                }}
            }
        })}
    }
}
