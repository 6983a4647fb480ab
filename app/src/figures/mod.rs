//! Balance and participation figures (issue 9, first increment): the pure
//! rules the dashboards apply to counts read with aggregate queries — small
//! groups suppressed so that nobody can be singled out, shares, and whether
//! a session's speakers span enough stakeholder groups and regions. The
//! services read the counts; the rest reads no database.

pub mod api;
pub mod balance;
pub mod pages;
pub mod participation;
pub mod programme;
#[cfg(feature = "ssr")]
pub mod service;

use serde::{Deserialize, Serialize};

/// The organisers' figures page of an edition.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FiguresPage {
    pub forum_code: String,
    pub forum_name: String,
    pub participation: participation::Participation,
    pub programme: programme::Programme,
}
