//! Pages of the calls for proposals.

mod calls;
mod invitation;
mod lists;
mod manage;
mod proposal;

pub use calls::{CallPage, CallsPage};
pub use invitation::InvitationPage;
pub use lists::{ProposalsOverviewPage, ReceivedProposalsPage, ScreeningPage};
pub use manage::ManageCallPage;
pub use proposal::{MyProposalsPage, NewProposalPage, ProposalPage};

use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

/// The call id in the page's address (`/forums/{forum}/calls/{call}`).
fn call_id() -> Option<uuid::Uuid> {
    use_params_map()
        .read_untracked()
        .get("call")
        .and_then(|c| c.parse().ok())
}
