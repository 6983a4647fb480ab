//! Forum editions ("IGF 2027", "WSIS Forum 2027") and the people who run them.

pub mod api;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod service;

use crate::accounts::ForumRoleKind;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ForumSummary {
    pub code: String,
    pub name: String,
}

/// One role held in a forum edition, as organisers see it on the team page.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TeamMember {
    pub role_id: Uuid,
    pub name: String,
    pub email: String,
    pub role: ForumRoleKind,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Team {
    pub forum: ForumSummary,
    pub members: Vec<TeamMember>,
}
