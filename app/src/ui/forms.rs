//! Forms that work without JavaScript: they post to a server function; when it
//! fails, the server shows the same page again with the errors next to the
//! fields and what was typed still in them (passwords excepted).

use crate::error::AppError;
use crate::i18n::t;
use crate::ui::use_page;
use leptos::context::Provider;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// A failed form submission, as the server hands it back to the page.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SubmittedForm {
    /// The server function's path, which tells which form on the page failed.
    pub action: String,
    /// The submitted values, without passwords.
    pub values: Vec<(String, String)>,
    pub error: AppError,
}

impl SubmittedForm {
    pub fn value(&self, name: &str) -> Option<&str> {
        self.values
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }
}

/// Field names whose values are never sent back to the page.
pub fn is_secret_field(name: &str) -> bool {
    name.contains("password") || name == "token"
}

#[derive(Clone)]
struct FormScope(String);

/// The failed submission of the form posting to `action`, if that is what failed.
fn failed_for(action: &str) -> Option<SubmittedForm> {
    use_page().submitted.filter(|s| s.action == action)
}

/// The failed submission of one of several forms posting to `action` on a
/// page: the one whose field `key` held `value` (the row it belongs to).
pub fn failed_row(action: &str, key: &str, value: &str) -> Option<SubmittedForm> {
    failed_for(action).filter(|s| s.value(key) == Some(value))
}

/// That submission's error for `field`, translated.
pub fn failed_row_field(action: &str, key: &str, value: &str, field: &str) -> Option<String> {
    failed_row(action, key, value).and_then(|s| s.error.field_message(field).map(t))
}

/// The failed submission of the surrounding form, if that is what failed.
fn failed_here() -> Option<SubmittedForm> {
    failed_for(&use_context::<FormScope>()?.0)
}

/// A form posting to a server function (`action` is its path, e.g.
/// `/api/accounts/sign-in`). Shows the form-level error at its top.
#[component]
pub fn PostForm(
    action: &'static str,
    #[prop(optional, into)] class: String,
    #[prop(optional, into)] label: Option<String>,
    /// For fields elsewhere on the page that join the form (`form="…"`).
    #[prop(optional, into)]
    id: Option<String>,
    /// On a page with one such form per row: the field naming the row and
    /// the values that are this form's, so a refusal shows on its own form.
    #[prop(optional)]
    row: Option<(&'static str, Vec<String>)>,
    /// `multipart/form-data` for a form with a file.
    #[prop(optional)]
    enctype: Option<&'static str>,
    children: Children,
) -> impl IntoView {
    let failed = failed_for(action).filter(|s| {
        row.as_ref()
            .is_none_or(|(key, values)| s.value(key).is_some_and(|v| values.iter().any(|x| x == v)))
    });
    let form_error = failed.map(|s| refusal(&s));
    view! {
        <form method="post" action=action class=class aria-label=label id=id enctype=enctype>
            {form_error}
            // The fields inside (and only they) know which form they belong to.
            <Provider value=FormScope(action.to_string())>{children()}</Provider>
        </form>
    }
}

/// The form-level message of a refused submission.
fn refusal(s: &SubmittedForm) -> AnyView {
    let key = match &s.error {
        AppError::TooManyRequests { retry_after_secs } => {
            let minutes = retry_after_secs.div_ceil(60).max(1).to_string();
            return view! {
                <div class="form-error" role="alert">
                    {crate::i18n::t_with("error.too-many", &[("minutes", &minutes)])}
                </div>
            }
            .into_any();
        }
        e => e.message_key().to_string(),
    };
    view! { <div class="form-error" role="alert">{t(&key)}</div> }.into_any()
}

/// Why a submission to `action` was refused, where its form is no longer on
/// the page (a second sign-up, once the page offers only to cancel).
///
/// With `except_rows`, a refusal of one of the page's row forms (the field
/// named holding one of the values) is left to that form to show.
#[component]
pub fn Refused(
    action: &'static str,
    #[prop(optional)] except_rows: Option<(&'static str, Vec<String>)>,
) -> impl IntoView {
    failed_for(action)
        .filter(|s| {
            except_rows.as_ref().is_none_or(|(key, values)| {
                !s.value(key).is_some_and(|v| values.iter().any(|x| x == v))
            })
        })
        .map(|s| refusal(&s))
}

/// What a field shows: its error, its value, and the ids tying label, hint and
/// error together.
struct FieldState {
    id: String,
    hint_id: String,
    error_id: String,
    error: Option<String>,
    value: String,
    /// `aria-describedby`: the hint and the error, when there are any.
    described: Option<String>,
}

impl FieldState {
    fn new(name: &str, value: String, has_hint: bool) -> Self {
        let failed = failed_here();
        let error = failed
            .as_ref()
            .and_then(|s| s.error.field_message(name).map(t));
        let value = if is_secret_field(name) {
            String::new()
        } else {
            failed
                .as_ref()
                .and_then(|s| s.value(name).map(str::to_string))
                .unwrap_or(value)
        };
        let id = format!("f-{name}");
        let hint_id = format!("{id}-hint");
        let error_id = format!("{id}-error");
        let described = [
            has_hint.then(|| hint_id.clone()),
            error.as_ref().map(|_| error_id.clone()),
        ]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(" ");
        Self {
            id,
            hint_id,
            error_id,
            error,
            value,
            described: (!described.is_empty()).then_some(described),
        }
    }

    fn invalid(&self) -> Option<&'static str> {
        self.error.as_ref().map(|_| "true")
    }
}

/// The text a `<textarea>` starts with. Leptos writes a textarea's children
/// into the server's HTML unescaped, so a value holding `</textarea>` would
/// end the element and run as markup: the server escapes it here (the
/// browser sets text, not HTML, and needs it as it is).
pub fn textarea_text(value: &str) -> String {
    if cfg!(feature = "ssr") {
        value.replace('&', "&amp;").replace('<', "&lt;")
    } else {
        value.to_string()
    }
}

/// A labelled input with its server-side error and the value typed before.
#[component]
pub fn Field(
    #[prop(into)] name: String,
    label: String,
    #[prop(default = "text")] kind: &'static str,
    #[prop(optional, into)] value: String,
    #[prop(optional)] autocomplete: &'static str,
    #[prop(optional)] required: bool,
    #[prop(optional, into)] hint: Option<String>,
) -> impl IntoView {
    let state = FieldState::new(&name, value, hint.is_some());
    let invalid = state.invalid();
    view! {
        <div class="field" class:has-error=state.error.is_some()>
            <label for=state.id.clone()>{label}</label>
            {hint.map(|h| view! { <p class="hint" id=state.hint_id.clone()>{h}</p> })}
            <input
                id=state.id.clone()
                name=name
                type=kind
                value=state.value.clone()
                autocomplete=(!autocomplete.is_empty()).then_some(autocomplete)
                required=required
                aria-invalid=invalid
                aria-describedby=state.described.clone()
            />
            {state.error.clone().map(|e| view! { <p class="field-error" id=state.error_id.clone()>{e}</p> })}
        </div>
    }
}

/// A labelled select with an empty first choice; `options` are (value, text).
#[component]
pub fn Choice(
    #[prop(into)] name: String,
    label: String,
    options: Vec<(String, String)>,
    #[prop(optional, into)] value: String,
    #[prop(optional, into)] empty: Option<String>,
) -> impl IntoView {
    let state = FieldState::new(&name, value, false);
    let invalid = state.invalid();
    let selected = state.value.clone();
    view! {
        <div class="field" class:has-error=state.error.is_some()>
            <label for=state.id.clone()>{label}</label>
            <select id=state.id.clone() name=name aria-invalid=invalid aria-describedby=state.described.clone()>
                {empty.map(|text| view! { <option value="">{text}</option> })}
                {options
                    .into_iter()
                    .map(|(v, text)| {
                        let is_selected = v == selected;
                        view! { <option value=v selected=is_selected>{text}</option> }
                    })
                    .collect_view()}
            </select>
            {state.error.clone().map(|e| view! { <p class="field-error" id=state.error_id.clone()>{e}</p> })}
        </div>
    }
}

/// A labelled multi-line text field.
#[component]
pub fn TextArea(
    #[prop(into)] name: String,
    label: String,
    #[prop(optional, into)] value: String,
    #[prop(optional, into)] hint: Option<String>,
    #[prop(default = 6)] rows: u32,
) -> impl IntoView {
    let state = FieldState::new(&name, value, hint.is_some());
    let invalid = state.invalid();
    view! {
        <div class="field" class:has-error=state.error.is_some()>
            <label for=state.id.clone()>{label}</label>
            {hint.map(|h| view! { <p class="hint" id=state.hint_id.clone()>{h}</p> })}
            <textarea id=state.id.clone() name=name rows=rows aria-invalid=invalid aria-describedby=state.described.clone()>
                {textarea_text(&state.value)}
            </textarea>
            {state.error.clone().map(|e| view! { <p class="field-error" id=state.error_id.clone()>{e}</p> })}
        </div>
    }
}

/// A group of checkboxes under one legend, with the group's error (`error_name`).
#[component]
pub fn CheckboxGroup(
    legend: String,
    error_name: &'static str,
    children: Children,
) -> impl IntoView {
    let error = failed_here().and_then(|s| s.error.field_message(error_name).map(t));
    let has_error = error.is_some();
    view! {
        <fieldset class="field checkbox-group" class:has-error=has_error>
            <legend>{legend}</legend>
            {children()}
            {error.map(|e| view! { <p class="field-error">{e}</p> })}
        </fieldset>
    }
}

/// The error of a group of fields as a whole (`name`: "too many rows"), when
/// the form came back with one.
#[component]
pub fn GroupError(name: &'static str) -> impl IntoView {
    failed_here()
        .and_then(|s| s.error.field_message(name).map(t))
        .map(|e| view! { <p class="field-error" id=format!("f-{name}-error")>{e}</p> })
}

/// A labelled checkbox.
#[component]
pub fn Checkbox(
    #[prop(into)] name: String,
    label: String,
    #[prop(optional)] checked: bool,
) -> impl IntoView {
    let failed = failed_here();
    let checked = match &failed {
        Some(s) => s.value(&name).is_some(),
        None => checked,
    };
    let id = format!("f-{name}");
    view! {
        <div class="field checkbox">
            <input id=id.clone() name=name type="checkbox" value="on" checked=checked />
            <label for=id>{label}</label>
        </div>
    }
}

/// One box of a group sharing a name (`name` ends in `[]`), each with its value.
#[component]
pub fn ChoiceBox(
    #[prop(into)] name: String,
    #[prop(into)] value: String,
    label: String,
    #[prop(optional)] checked: bool,
) -> impl IntoView {
    let checked = match failed_here() {
        Some(s) => s.values.iter().any(|(k, v)| *k == name && *v == value),
        None => checked,
    };
    let id = format!("f-{}-{}", name.trim_end_matches("[]"), value);
    view! {
        <div class="field checkbox">
            <input id=id.clone() name=name type="checkbox" value=value checked=checked />
            <label for=id>{label}</label>
        </div>
    }
}

#[component]
pub fn Hidden(#[prop(into)] name: String, #[prop(into)] value: String) -> impl IntoView {
    view! { <input type="hidden" name=name value=value /> }
}

#[component]
pub fn Submit(label: String) -> impl IntoView {
    view! { <button type="submit" class="primary">{label}</button> }
}

/// An input in one of several forms with the same field names on a page
/// (one per row): `id` keeps it unique; `error` comes from [`failed_row_field`].
#[component]
pub fn ScopedInput(
    id: String,
    name: &'static str,
    label: String,
    #[prop(optional, into)] value: String,
    #[prop(default = "text")] kind: &'static str,
    error: Option<String>,
) -> impl IntoView {
    let error_id = format!("{id}-error");
    let has_error = error.is_some();
    view! {
        <div class="field" class:has-error=has_error>
            <label for=id.clone()>{label}</label>
            <input id=id name=name type=kind value=value aria-invalid=error.as_ref().map(|_| "true")
                aria-describedby=error.as_ref().map(|_| error_id.clone()) />
            {error.map(|e| view! { <p class="field-error" id=error_id>{e}</p> })}
        </div>
    }
}
