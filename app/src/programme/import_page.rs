//! The administrators' page to import a Frab schedule (from pretalx, frab or
//! an earlier Plenum) as a new edition. The file goes up in a multipart form
//! to the server's upload route (`server/src/frab_upload.rs`); a refused file
//! comes back here with every problem listed and the code and name kept.

use crate::error::AppError;
use crate::i18n::t;
use crate::ui::forms::{Field, PostForm, Submit};
use crate::ui::layout::ErrorView;
use crate::ui::{denial, use_page};
use leptos::prelude::*;
use leptos_meta::Title;

/// Where the form posts.
pub const ACTION: &str = "/admin/import-frab";

/// The problems a refused file had, in words.
fn problems() -> Vec<String> {
    match use_page()
        .submitted
        .filter(|s| s.action == ACTION)
        .map(|s| s.error)
    {
        Some(AppError::Invalid { fields, .. }) => fields
            .into_iter()
            .filter(|f| f.field == "problem")
            .map(|f| f.message)
            .collect(),
        _ => vec![],
    }
}

#[component]
pub fn ImportPage() -> impl IntoView {
    if !use_page().viewer.is_some_and(|v| v.is_admin) {
        return view! { <ErrorView error=denial() /> }.into_any();
    }
    let problems = problems();
    view! {
        <Title text=t("import.title") />
        <h1>{t("import.title")}</h1>
        <p>{t("import.intro")}</p>
        <PostForm action=ACTION class="stack" enctype="multipart/form-data">
            <Field name="code" label=t("forums.field.code") required=true hint=t("forums.field.code-hint") />
            <Field name="name" label=t("import.name") hint=t("import.name-hint") />
            <Field name="file" kind="file" label=t("import.file") required=true hint=t("import.file-hint") />
            {(!problems.is_empty()).then(|| view! {
                <div role="alert">
                    <ul class="problems" aria-label=t("import.problems")>
                        {problems.into_iter().map(|p| view! { <li>{p}</li> }).collect_view()}
                    </ul>
                </div>
            })}
            <Submit label=t("import.submit") />
        </PostForm>
    }
    .into_any()
}
