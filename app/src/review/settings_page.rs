//! The organisers' review settings page: for each call, its review form
//! (criteria and their weights, reasons for low scores), its review phases,
//! its slot budgets per session type and theme, and whether reviewers'
//! comments for proposers go into the decision mails. One plain form a call.

// The save function takes the form's fields one by one (also in the browser's
// copy the server macro makes, where an attribute on the function is lost).
#![allow(clippy::too_many_arguments)]

use super::balance::Budgets;
use super::scoring::{Phase, ReviewForm, MAX_CRITERIA, MAX_PHASES, MAX_WEIGHT};
use crate::error::AppError;
use crate::forums::pages::forum_code;
use crate::i18n::{t, t_with};
use crate::ui::forms::{failed_row, Hidden, Submit, SubmittedForm};
use crate::ui::layout::{loaded, ColumnHeads, Notice};
use leptos::prelude::*;
use leptos_meta::Title;
use serde::{Deserialize, Serialize};
use uuid::Uuid;
#[cfg(feature = "ssr")]
use {super::settings, crate::context::RequestCtx, crate::web::go_to};

const ACTION: &str = "/api/review/settings";
/// Blank rows offered for new criteria.
const BLANK_CRITERIA: usize = 2;
/// The most slots a budget can give (checked again on the server).
pub const MAX_SLOTS: u32 = 1000;

/// The organisers' review settings of an edition.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReviewSettings {
    pub forum_code: String,
    pub forum_name: String,
    pub calls: Vec<CallSettings>,
}

/// One call's review settings, with the session types (of the call) and
/// top-level themes (of the edition) budgets can be set for.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CallSettings {
    pub id: Uuid,
    pub title: String,
    pub form: ReviewForm,
    pub phases: Vec<Phase>,
    pub budgets: Budgets,
    pub share_comments: bool,
    pub blind: bool,
    pub types: Vec<(Uuid, String)>,
    pub themes: Vec<(Uuid, String)>,
}

// The macro's own struct would be called `ReviewSettings` too.
#[server(name = LoadReviewSettings, prefix = "/api", endpoint = "review/settings-load")]
pub async fn review_settings(forum: String) -> Result<ReviewSettings, AppError> {
    settings::load(&RequestCtx::current()?, &forum).await
}

/// Saves one call's review settings (lists are the tables' rows in order).
#[server(prefix = "/api", endpoint = "review/settings")]
pub async fn save_review_settings(
    forum: String,
    call: Uuid,
    criterion_key: Option<Vec<String>>,
    criterion_name: Option<Vec<String>>,
    criterion_weight: Option<Vec<String>>,
    reasons: String,
    phase_name: Option<Vec<String>>,
    phase_starts: Option<Vec<String>>,
    phase_ends: Option<Vec<String>>,
    phase_score: Option<Vec<String>>,
    phase_others: Option<Vec<String>>,
    phase_names: Option<Vec<String>>,
    budget_type: Option<Vec<String>>,
    budget_type_n: Option<Vec<String>>,
    budget_theme: Option<Vec<String>>,
    budget_theme_n: Option<Vec<String>>,
    share_comments: Option<String>,
) -> Result<(), AppError> {
    let input = settings::SettingsInput {
        call,
        criterion_key: criterion_key.unwrap_or_default(),
        criterion_name: criterion_name.unwrap_or_default(),
        criterion_weight: criterion_weight.unwrap_or_default(),
        reasons,
        phase_name: phase_name.unwrap_or_default(),
        phase_starts: phase_starts.unwrap_or_default(),
        phase_ends: phase_ends.unwrap_or_default(),
        phase_score: phase_score.unwrap_or_default(),
        phase_others: phase_others.unwrap_or_default(),
        phase_names: phase_names.unwrap_or_default(),
        budget_type: budget_type.unwrap_or_default(),
        budget_type_n: budget_type_n.unwrap_or_default(),
        budget_theme: budget_theme.unwrap_or_default(),
        budget_theme_n: budget_theme_n.unwrap_or_default(),
        share_comments: share_comments.is_some(),
    };
    settings::save(&RequestCtx::current()?, &forum, input).await?;
    go_to(&format!(
        "/forums/{forum}/review/settings?notice=review-settings-saved"
    ));
    Ok(())
}

/// The values posted under a list name (`name[]`), in order.
fn posted(s: &SubmittedForm, name: &str) -> Vec<String> {
    s.values
        .iter()
        .filter(|(k, _)| k == name)
        .map(|(_, v)| v.clone())
        .collect()
}

/// Parallel lists as rows (a short list gives empty cells).
fn rows<const N: usize>(lists: [Vec<String>; N]) -> Vec<[String; N]> {
    let n = lists.iter().map(Vec::len).max().unwrap_or(0);
    (0..n)
        .map(|i| std::array::from_fn(|j| lists[j].get(i).cloned().unwrap_or_default()))
        .collect()
}

fn yes_no(value: bool) -> String {
    if value { "yes" } else { "no" }.to_string()
}

/// What one call's form shows: what was typed, after a failed submission of
/// it; the stored settings otherwise.
struct Shown {
    /// key, name, weight.
    criteria: Vec<[String; 3]>,
    reasons: String,
    /// name, first day, last day, can score, sees others, sees names.
    phases: Vec<[String; 6]>,
    /// Slots per session type and theme, in the order of the call's lists.
    types: Vec<String>,
    themes: Vec<String>,
    share: bool,
}

impl Shown {
    fn stored(c: &CallSettings) -> Self {
        let mut criteria: Vec<[String; 3]> = c
            .form
            .criteria
            .iter()
            .map(|x| {
                [
                    x.key.clone(),
                    x.name
                        .clone()
                        .unwrap_or_else(|| t(&format!("review.criterion.{}", x.key))),
                    x.weight.to_string(),
                ]
            })
            .collect();
        let blank = BLANK_CRITERIA.min(MAX_CRITERIA.saturating_sub(criteria.len()));
        criteria.extend((0..blank).map(|_| Default::default()));
        let reasons = c
            .form
            .reasons
            .iter()
            .map(|r| {
                r.name
                    .clone()
                    .unwrap_or_else(|| t(&format!("review.reason.{}", r.key)))
            })
            .collect::<Vec<_>>()
            .join("\n");
        let mut phases: Vec<[String; 6]> = c
            .phases
            .iter()
            .map(|p| {
                let (first, last) = phase_days(p);
                [
                    p.name.clone(),
                    first,
                    last,
                    yes_no(p.can_score),
                    yes_no(p.see_others),
                    yes_no(p.see_names),
                ]
            })
            .collect();
        if phases.len() < MAX_PHASES {
            phases.push([
                String::new(),
                String::new(),
                String::new(),
                yes_no(true),
                yes_no(false),
                yes_no(true),
            ]);
        }
        let slots = |map: &std::collections::BTreeMap<String, u32>, list: &[(Uuid, String)]| {
            list.iter()
                .map(|(id, _)| {
                    map.get(&id.to_string())
                        .map(u32::to_string)
                        .unwrap_or_default()
                })
                .collect()
        };
        Shown {
            criteria,
            reasons,
            phases,
            types: slots(&c.budgets.types, &c.types),
            themes: slots(&c.budgets.themes, &c.themes),
            share: c.share_comments,
        }
    }

    fn typed(c: &CallSettings, s: &SubmittedForm) -> Self {
        let slots = |ids: &str, counts: &str, list: &[(Uuid, String)]| {
            let (ids, counts) = (posted(s, ids), posted(s, counts));
            list.iter()
                .map(|(id, _)| {
                    ids.iter()
                        .position(|x| *x == id.to_string())
                        .and_then(|i| counts.get(i).cloned())
                        .unwrap_or_default()
                })
                .collect()
        };
        Shown {
            criteria: rows([
                posted(s, "criterion_key[]"),
                posted(s, "criterion_name[]"),
                posted(s, "criterion_weight[]"),
            ]),
            reasons: s.value("reasons").unwrap_or_default().to_string(),
            phases: rows([
                posted(s, "phase_name[]"),
                posted(s, "phase_starts[]"),
                posted(s, "phase_ends[]"),
                posted(s, "phase_score[]"),
                posted(s, "phase_others[]"),
                posted(s, "phase_names[]"),
            ]),
            types: slots("budget_type[]", "budget_type_n[]", &c.types),
            themes: slots("budget_theme[]", "budget_theme_n[]", &c.themes),
            share: s.value("share_comments").is_some(),
        }
    }
}

/// A phase's first and last day as `YYYY-MM-DD` (the end is stored as the
/// midnight after the last day).
pub fn phase_days(p: &Phase) -> (String, String) {
    let last = p
        .ends
        .date_naive()
        .pred_opt()
        .unwrap_or(p.ends.date_naive());
    (
        p.starts.date_naive().format("%Y-%m-%d").to_string(),
        last.format("%Y-%m-%d").to_string(),
    )
}

/// A field's error, translated, with the id that describes its input.
struct Problem {
    id: String,
    text: String,
}

impl Problem {
    fn of(failed: &Option<SubmittedForm>, field: &str, id: &str) -> Option<Problem> {
        failed
            .as_ref()
            .and_then(|s| s.error.field_message(field))
            .map(|m| Problem {
                id: format!("{id}-error"),
                text: t(m),
            })
    }

    fn view(p: &Option<Problem>) -> impl IntoView {
        p.as_ref()
            .map(|p| view! { <p class="field-error" id=p.id.clone()>{p.text.clone()}</p> })
    }
}

fn described(p: &Option<Problem>) -> Option<String> {
    p.as_ref().map(|p| p.id.clone())
}

fn invalid(p: &Option<Problem>) -> Option<&'static str> {
    p.as_ref().map(|_| "true")
}

fn cell_label(label: &str, row: usize) -> String {
    t_with(
        "review.cell-label",
        &[("label", label), ("n", &(row + 1).to_string())],
    )
}

/// An input in a table cell, named for screen readers by its column and row.
#[component]
fn CellInput(
    id: String,
    name: &'static str,
    label: String,
    value: String,
    #[prop(default = "text")] kind: &'static str,
    #[prop(optional)] min: Option<u32>,
    #[prop(optional)] max: Option<u32>,
    /// A hidden input of the row (its key), kept inside the cell.
    #[prop(optional)]
    hidden: Option<(&'static str, String)>,
    problem: Option<Problem>,
) -> impl IntoView {
    view! {
        <td class=problem.as_ref().map(|_| "has-error")>
            {hidden.map(|(name, value)| view! { <Hidden name=name value=value /> })}
            <input id=id name=name type=kind value=value aria-label=label
                min=min.map(|m| m.to_string()) max=max.map(|m| m.to_string())
                aria-invalid=invalid(&problem) aria-describedby=described(&problem) />
            {Problem::view(&problem)}
        </td>
    }
}

/// A yes/no choice in a table cell.
#[component]
fn YesNoCell(id: String, name: &'static str, label: String, value: String) -> impl IntoView {
    let yes = value == "yes";
    view! {
        <td>
            <select id=id name=name aria-label=label>
                <option value="yes" selected=yes>{t("review.yes")}</option>
                <option value="no" selected=!yes>{t("review.no")}</option>
            </select>
        </td>
    }
}

fn criteria_table(n: usize, shown: &Shown, failed: &Option<SubmittedForm>) -> impl IntoView {
    let name_label = t("review.criterion-name");
    let weight_label = t("review.weight");
    let heads = vec![name_label.clone(), weight_label.clone()];
    let group = Problem::of(failed, "criteria", &format!("rs-{n}-criteria"));
    let hint_id = format!("rs-{n}-criteria-hint");
    let describe = [Some(hint_id.clone()), described(&group)]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(" ");
    let body = shown
        .criteria
        .iter()
        .enumerate()
        .map(|(r, [key, name, weight])| {
            let name_id = format!("rs-{n}-criterion-{r}");
            let weight_id = format!("rs-{n}-weight-{r}");
            let name_problem = Problem::of(failed, &format!("criterion-{r}"), &name_id);
            let weight_problem = Problem::of(failed, &format!("weight-{r}"), &weight_id);
            view! {
                <tr>
                    <CellInput id=name_id name="criterion_name[]" label=cell_label(&name_label, r)
                        value=name.clone() hidden=("criterion_key[]", key.clone()) problem=name_problem />
                    <CellInput id=weight_id name="criterion_weight[]" label=cell_label(&weight_label, r)
                        value=weight.clone() kind="number" min=1 max=MAX_WEIGHT problem=weight_problem />
                </tr>
            }
        })
        .collect_view();
    view! {
        <h3>{t("review.criteria")}</h3>
        <p class="hint" id=hint_id>{t("review.criteria-hint")}</p>
        {Problem::view(&group)}
        <div class="table-scroll" tabindex="0" role="region" aria-label=t("review.criteria")
            aria-describedby=describe>
            <table>
                <caption class="visually-hidden">{t("review.criteria")}</caption>
                <ColumnHeads labels=heads />
                <tbody>{body}</tbody>
            </table>
        </div>
    }
}

fn reasons_field(n: usize, shown: &Shown, failed: &Option<SubmittedForm>) -> impl IntoView {
    let id = format!("rs-{n}-reasons");
    let hint_id = format!("{id}-hint");
    let problem = Problem::of(failed, "reasons", &id);
    let describe = [Some(hint_id.clone()), described(&problem)]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(" ");
    view! {
        <div class="field" class:has-error=problem.is_some()>
            <label for=id.clone()>{t("review.reasons-label")}</label>
            <p class="hint" id=hint_id>{t("review.reasons-hint")}</p>
            <textarea id=id name="reasons" rows=6 aria-invalid=invalid(&problem) aria-describedby=describe>
                {crate::ui::forms::textarea_text(&shown.reasons)}
            </textarea>
            {Problem::view(&problem)}
        </div>
    }
}

fn phases_table(
    n: usize,
    c: &CallSettings,
    shown: &Shown,
    failed: &Option<SubmittedForm>,
) -> impl IntoView {
    let labels = [
        t("review.phase-name"),
        t("review.phase-starts"),
        t("review.phase-ends"),
        t("review.phase-score"),
        t("review.phase-others"),
        t("review.phase-names"),
    ];
    let body = shown
        .phases
        .iter()
        .enumerate()
        .map(|(r, [name, starts, ends, score, others, names])| {
            let id = |what: &str| format!("rs-{n}-phase-{r}-{what}");
            let name_problem = Problem::of(failed, &format!("phase-{r}"), &id("name"));
            let starts_problem = Problem::of(failed, &format!("phase-{r}-starts"), &id("starts"));
            let ends_problem = Problem::of(failed, &format!("phase-{r}-ends"), &id("ends"));
            view! {
                <tr>
                    <CellInput id=id("name") name="phase_name[]" label=cell_label(&labels[0], r)
                        value=name.clone() problem=name_problem />
                    <CellInput id=id("starts") name="phase_starts[]" label=cell_label(&labels[1], r)
                        value=starts.clone() kind="date" problem=starts_problem />
                    <CellInput id=id("ends") name="phase_ends[]" label=cell_label(&labels[2], r)
                        value=ends.clone() kind="date" problem=ends_problem />
                    <YesNoCell id=id("score") name="phase_score[]" label=cell_label(&labels[3], r) value=score.clone() />
                    <YesNoCell id=id("others") name="phase_others[]" label=cell_label(&labels[4], r) value=others.clone() />
                    <YesNoCell id=id("names") name="phase_names[]" label=cell_label(&labels[5], r) value=names.clone() />
                </tr>
            }
        })
        .collect_view();
    view! {
        <h3>{t("review.phases")}</h3>
        <p class="hint">{t("review.phases-hint")}</p>
        {c.blind.then(|| view! { <p class="hint">{t("review.settings-blind")}</p> })}
        <div class="table-scroll" tabindex="0" role="region" aria-label=t("review.phases")>
            <table>
                <caption class="visually-hidden">{t("review.phases")}</caption>
                <ColumnHeads labels=labels.to_vec() />
                <tbody>{body}</tbody>
            </table>
        </div>
    }
}

/// Number inputs for slots, one per session type or theme.
fn budget_group(
    n: usize,
    legend: String,
    kind: &'static str,
    list: &[(Uuid, String)],
    values: &[String],
    failed: &Option<SubmittedForm>,
) -> impl IntoView {
    let (id_name, count_name) = if kind == "type" {
        ("budget_type[]", "budget_type_n[]")
    } else {
        ("budget_theme[]", "budget_theme_n[]")
    };
    let fields = list
        .iter()
        .enumerate()
        .map(|(r, (id, label))| {
            let input_id = format!("rs-{n}-budget-{kind}-{r}");
            let problem = Problem::of(failed, &format!("budget-{kind}-{r}"), &input_id);
            view! {
                <div class="field" class:has-error=problem.is_some()>
                    <Hidden name=id_name value=id.to_string() />
                    <label for=input_id.clone()>{label.clone()}</label>
                    <input id=input_id name=count_name type="number" min="0" max=MAX_SLOTS.to_string()
                        value=values.get(r).cloned().unwrap_or_default()
                        aria-invalid=invalid(&problem) aria-describedby=described(&problem) />
                    {Problem::view(&problem)}
                </div>
            }
        })
        .collect_view();
    (!list.is_empty()).then(|| {
        view! {
            <fieldset class="budgets">
                <legend>{legend}</legend>
                {fields}
            </fieldset>
        }
    })
}

#[component]
fn CallForm(n: usize, forum: String, call: CallSettings) -> impl IntoView {
    let call_id = call.id.to_string();
    let failed = failed_row(ACTION, "call", &call_id);
    let shown = match &failed {
        Some(s) => Shown::typed(&call, s),
        None => Shown::stored(&call),
    };
    let share_id = format!("rs-{n}-share");
    view! {
        <section aria-labelledby=format!("rs-{n}")>
            <h2 id=format!("rs-{n}")>{call.title.clone()}</h2>
            // A plain form rather than `PostForm`: its error shows on the call that failed only.
            <form method="post" action=ACTION class="stack" aria-label=call.title.clone()>
                {failed.as_ref().map(|s| view! {
                    <div class="form-error" role="alert">{t(s.error.message_key())}</div>
                })}
                <Hidden name="forum" value=forum />
                <Hidden name="call" value=call_id.clone() />
                {criteria_table(n, &shown, &failed)}
                {reasons_field(n, &shown, &failed)}
                {phases_table(n, &call, &shown, &failed)}
                <h3>{t("review.budgets")}</h3>
                <p class="hint">{t("review.budgets-hint")}</p>
                {budget_group(n, t("forums.setup.session-types"), "type", &call.types, &shown.types, &failed)}
                {budget_group(n, t("forums.setup.themes"), "theme", &call.themes, &shown.themes, &failed)}
                <div class="field checkbox">
                    <input id=share_id.clone() name="share_comments" type="checkbox" value="on" checked=shown.share />
                    <label for=share_id>{t("review.share-comments")}</label>
                </div>
                <Submit label=t("review.save-settings") />
            </form>
        </section>
    }
}

/// The organisers' review settings of an edition, a form per call.
#[component]
pub fn ReviewSettingsPage() -> impl IntoView {
    let code = forum_code();
    let settings = Resource::new_blocking(move || code.clone(), review_settings);
    loaded(settings, |s: ReviewSettings| {
        let forum = s.forum_code.clone();
        let calls = if s.calls.is_empty() {
            view! { <p>{t("calls.none")}</p> }.into_any()
        } else {
            s.calls
                .clone()
                .into_iter()
                .enumerate()
                .map(|(n, call)| view! { <CallForm n forum=forum.clone() call /> })
                .collect_view()
                .into_any()
        };
        view! {
            <Title text=format!("{} — {}", t("review.settings"), s.forum_name) />
            <h1>{t("review.settings")} ": " <a href=format!("/forums/{}", s.forum_code)>{s.forum_name.clone()}</a></h1>
            <Notice />
            <p>{t("review.settings-intro")}</p>
            {calls}
        }
        .into_any()
    })
}
