//! Pages of a forum edition: its home, its details form, its programme
//! structure and its team.

mod edition;
mod mail;
mod setup;
mod team;

pub use edition::{may_manage, EditEditionPage, ForumHome, NewEditionPage};
pub use mail::MailPage;
pub use setup::SetupPage;
pub use team::TeamPage;

use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

/// The edition code in the page's address (`/forums/{forum}/…`).
pub fn forum_code() -> String {
    use_params_map()
        .read_untracked()
        .get("forum")
        .unwrap_or_default()
}
