//! Shared components: the page layout and the form pieces every page uses.

pub mod charts;
pub mod forms;
pub mod layout;
#[cfg(feature = "ssr")]
pub mod markdown;

use crate::accounts::Viewer;
use crate::forums::ForumSummary;
use crate::ui::forms::SubmittedForm;
use serde::{Deserialize, Serialize};

/// What every page needs: who is looking, the forum editions for the switcher,
/// and a form submission that failed (when the page is re-shown with its errors).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct PageContext {
    pub viewer: Option<Viewer>,
    pub forums: Vec<ForumSummary>,
    pub submitted: Option<SubmittedForm>,
}

pub fn use_page() -> PageContext {
    leptos::prelude::use_context::<PageContext>().unwrap_or_default()
}

/// Why a page is refused: sign in first, or not allowed at all.
pub fn denial() -> crate::error::AppError {
    if use_page().viewer.is_some() {
        crate::error::AppError::Forbidden
    } else {
        crate::error::AppError::Unauthorized
    }
}
