//! Forum editions ("IGF 2027", "WSIS Forum 2027"): their venue, days and
//! languages, their programme structure (themes, session types, formats), and
//! the people who run them.

pub mod api;
pub mod catalogue;
#[cfg(feature = "ssr")]
pub mod editions;
#[cfg(feature = "ssr")]
pub mod mail;
pub mod pages;
pub mod rules;
#[cfg(feature = "ssr")]
pub mod setup;
#[cfg(feature = "ssr")]
pub mod team;

use crate::accounts::ForumRoleKind;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ForumSummary {
    pub code: String,
    pub name: String,
}

/// A forum edition as its pages show it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Edition {
    pub code: String,
    pub name: String,
    pub host_city: String,
    pub venue: String,
    pub time_zone: String,
    pub day_zero: Option<NaiveDate>,
    pub first_day: Option<NaiveDate>,
    pub last_day: Option<NaiveDate>,
    /// The description as written (markdown)…
    pub description: String,
    /// …and as shown: rendered and sanitised on the server.
    pub description_html: String,
    pub languages: Vec<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SubTheme {
    pub id: Uuid,
    pub name: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Theme {
    pub id: Uuid,
    pub name: String,
    pub colour: String,
    pub sub_themes: Vec<SubTheme>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SessionType {
    pub id: Uuid,
    pub name: String,
    pub code_prefix: String,
    pub durations: Vec<u32>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SessionFormat {
    pub id: Uuid,
    pub name: String,
    pub needs_description: bool,
}

/// An edition with its programme structure: the setup page's data.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Setup {
    pub edition: Edition,
    pub themes: Vec<Theme>,
    pub session_types: Vec<SessionType>,
    pub formats: Vec<SessionFormat>,
    /// Other editions to copy from ("start from last year").
    pub others: Vec<ForumSummary>,
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
