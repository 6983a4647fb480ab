//! Review and selection: the MAG's evaluation of the proposals — reviewer
//! teams, assignment and conflicts of interest, reviews in phases, the
//! ranking with its balance panel, decisions and their release.

pub mod api;
#[cfg(feature = "ssr")]
pub mod assigning;
pub mod assignment;
pub mod balance;
pub mod outcome;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod people_facts;
#[cfg(feature = "ssr")]
mod ranking_rows;
#[cfg(feature = "ssr")]
pub mod reading;
#[cfg(feature = "ssr")]
pub mod release;
#[cfg(feature = "ssr")]
pub mod reviewing;
pub mod score_form;
pub mod scoring;
#[cfg(feature = "ssr")]
pub mod selection;
pub mod selection_pages;
#[cfg(feature = "ssr")]
pub mod settings;
pub mod settings_page;
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

/// A reviewer's home: the proposals given to them and how far they got.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MyReviews {
    pub forum_code: String,
    pub forum_name: String,
    pub proposals: Vec<MyAssignment>,
    /// Proposals reviewed so far.
    pub done: u32,
    /// The first proposal still to review.
    pub next: Option<Uuid>,
    /// Each call's phase now: (call title, access).
    pub phases: Vec<(String, scoring::Access)>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MyAssignment {
    pub proposal: Uuid,
    pub code: String,
    pub title: String,
    pub theme: String,
    pub session_type: String,
    /// The reviewer's weighted total, once reviewed.
    pub total: Option<f64>,
}

/// A review as its form shows it (scores in the form's order).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct MyReview {
    pub scores: Vec<Option<u8>>,
    pub comment: String,
    pub comment_for_proposers: String,
    pub merge_with: String,
    pub reasons: Vec<String>,
}

/// Another review of the proposal (reviewers see them without names).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ShownReview {
    pub reviewer: Option<String>,
    pub total: f64,
    pub review: MyReview,
}

/// The review part of a proposal's page: the call's form and phase, the
/// reader's own review, and the others where they may see them.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ReviewPanel {
    pub form: scoring::ReviewForm,
    pub access: scoring::Access,
    /// The reader is a reviewer of this proposal (an organiser may not be).
    pub reviewer: bool,
    pub mine: Option<MyReview>,
    pub others: Vec<ShownReview>,
    pub figures: Option<scoring::Figures>,
    /// The reader's progress, and the next proposal they have to review.
    pub done: u32,
    pub assigned: u32,
    pub next: Option<Uuid>,
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
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
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
    pub panel: ReviewPanel,
}

/// A proposal in the ranking, with its figures, its pending decision and
/// what it adds to the balance.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RankedProposal {
    pub id: Uuid,
    pub code: String,
    pub title: String,
    pub theme: String,
    pub session_type: String,
    pub rank: u32,
    /// None when the reader has a conflict of interest on it.
    pub figures: Option<scoring::Figures>,
    /// Proposals the reviewers suggested merging with (codes).
    pub merge_suggestions: Vec<String>,
    pub decision: String,
    pub note: String,
    pub version: i32,
    pub released: String,
    /// The code of the proposal it is merged into.
    pub merged_into: Option<String>,
    pub confirmation: String,
    pub facts: balance::Tally,
}

/// The organisers' ranking of a call with the balance of the selection.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Ranking {
    pub forum_code: String,
    pub forum_name: String,
    pub calls: Vec<(Uuid, String)>,
    pub call: Option<Uuid>,
    pub themes: Vec<(Uuid, String)>,
    pub types: Vec<(Uuid, String)>,
    pub theme: Option<Uuid>,
    pub session_type: Option<Uuid>,
    pub page: u32,
    pub pages: u32,
    /// Proposals matching the filters (all pages).
    pub matching: u32,
    pub rows: Vec<RankedProposal>,
    /// Every proposal of the call under review, and the selected ones not
    /// on this page: the panel adds the rows ticked here.
    pub call_totals: balance::Tally,
    pub selected_elsewhere: balance::Tally,
    pub budgets: balance::Budgets,
    /// Decisions waiting for release.
    pub pending: u32,
}

/// A proposal in the release page's lists.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReleaseLine {
    pub id: Uuid,
    pub code: String,
    pub title: String,
    pub decision: String,
    pub version: i32,
    pub confirmation: String,
}

/// A decision mail as it will be sent.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MailPreview {
    pub decision: String,
    pub to: String,
    pub subject: String,
    pub text: String,
}

/// A call's decisions ready for release, and its accepted and waitlisted
/// proposals after release.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CallRelease {
    pub id: Uuid,
    pub title: String,
    /// (decision, how many) to release.
    pub counts: Vec<(String, u32)>,
    pub warnings: Vec<outcome::Warning>,
    /// One mail of each decision, as its proposer will read it.
    pub previews: Vec<MailPreview>,
    pub confirm_by: Option<chrono::DateTime<chrono::Utc>>,
    pub deadline_passed: bool,
    pub share_comments: bool,
    pub waitlisted: Vec<ReleaseLine>,
    /// Released acceptances without an answer yet.
    pub unconfirmed: Vec<ReleaseLine>,
    pub confirmed: u32,
    pub withdrawn: u32,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReleasePlan {
    pub forum_code: String,
    pub forum_name: String,
    pub calls: Vec<CallRelease>,
}

/// A released decision as its proposer sees it on the proposal's page.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DecisionForProposer {
    pub decision: String,
    pub note: String,
    pub merged_into: Option<String>,
    pub confirmation: String,
    pub confirm_by: Option<chrono::DateTime<chrono::Utc>>,
    /// The proposer can still confirm or withdraw.
    pub can_answer: bool,
}
