//! Review and selection: the MAG's evaluation of the proposals. So far
//! reviewer teams, the assignment of proposals to reviewers, and conflicts of
//! interest; reviews, ranking and decisions build on them.

pub mod api;
#[cfg(feature = "ssr")]
pub mod assigning;
pub mod assignment;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod reading;
#[cfg(feature = "ssr")]
pub mod teams;

use serde::{Deserialize, Serialize};
use uuid::Uuid;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TeamMember {
    /// The membership's id (to remove it).
    pub id: Uuid,
    pub name: String,
    pub email: String,
}

/// A reviewer team (evaluation group) and the themes it reviews (none: all).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Team {
    pub id: Uuid,
    pub name: String,
    pub themes: Vec<String>,
    pub members: Vec<TeamMember>,
}

/// A reviewer of the edition and how many proposals they have.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReviewerLoad {
    pub id: Uuid,
    pub name: String,
    pub email: String,
    pub organisation: String,
    pub teams: Vec<String>,
    pub assigned: u32,
    pub conflicts: u32,
}

/// A proposal in a list of the assignment page.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AssignedProposal {
    pub proposal: Uuid,
    pub code: String,
    pub title: String,
    /// The assignment's id, where the line is one (to remove it).
    pub assignment: Option<Uuid>,
    pub origin: String,
    /// Reviews it still lacks.
    pub missing: u32,
}

/// A call's review load and how far assignment got.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CallReview {
    pub id: Uuid,
    pub title: String,
    pub reviews_per_proposal: u32,
    pub max_per_reviewer: Option<u32>,
    pub blind: bool,
    /// Proposals to review (submitted, not screened out) and assignments made.
    pub proposals: u32,
    pub assigned: u32,
    /// Proposals with fewer reviewers than asked.
    pub short: Vec<AssignedProposal>,
}

/// The organisers' assignment page.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AssignmentBoard {
    pub forum_code: String,
    pub forum_name: String,
    /// (id, name) of the edition's themes.
    pub themes: Vec<(String, String)>,
    pub teams: Vec<Team>,
    pub reviewers: Vec<ReviewerLoad>,
    pub calls: Vec<CallReview>,
    /// The reviewer chosen in the address, with their proposals.
    pub chosen: Option<(ReviewerLoad, Vec<AssignedProposal>)>,
}

/// A reviewer's own list.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MyReviews {
    pub forum_code: String,
    pub forum_name: String,
    pub proposals: Vec<MyAssignment>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MyAssignment {
    pub proposal: Uuid,
    pub code: String,
    pub title: String,
    pub theme: String,
    pub session_type: String,
}

/// A person of a proposal as a reviewer sees them: under blind review, no
/// name, organisation or email.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReviewPerson {
    pub role: String,
    pub name: Option<String>,
    pub organisation: Option<String>,
    pub email: Option<String>,
    pub stakeholder_group: String,
    pub region: String,
    pub gender: String,
    pub onsite: bool,
    pub confirmation: String,
}

/// A proposal as its reviewers (and the organisers) read it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProposalReading {
    pub forum_code: String,
    pub forum_name: String,
    pub id: Uuid,
    pub code: String,
    pub title: String,
    pub session_type: String,
    pub format: String,
    pub duration: Option<i32>,
    pub theme: String,
    pub sub_theme: String,
    pub description: String,
    pub policy_questions: Vec<String>,
    pub expected_outcomes: String,
    pub hybrid_plan: String,
    pub room_layout: String,
    pub languages: Vec<String>,
    pub sdgs: Vec<String>,
    pub action_lines: Vec<String>,
    pub tags: String,
    /// Empty under blind review (a report names its authors).
    pub previous_report_url: String,
    /// Names hidden from this reader.
    pub blind: bool,
    pub proposer: Option<String>,
    pub people: Vec<ReviewPerson>,
    pub diversity: crate::proposals::screening::Diversity,
    pub developing: bool,
    pub first_time: bool,
    /// The screening rules (organisers only).
    pub checks: Vec<crate::proposals::screening::RuleCheck>,
}
