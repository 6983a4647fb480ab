//! Calls for session proposals, the proposals themselves, and their screening.

pub mod api;
#[cfg(feature = "ssr")]
pub mod batch;
#[cfg(feature = "ssr")]
pub mod calls;
#[cfg(feature = "ssr")]
pub mod decisions;
#[cfg(feature = "ssr")]
pub mod drafts;
pub mod fields;
#[cfg(feature = "ssr")]
pub mod listing;
pub mod live;
pub mod overview;
pub mod pages;
pub mod rules;
pub mod screening;

use crate::forums::SessionType;
use chrono::{DateTime, Utc};
use rules::CallRules;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// Where a call stands at a moment.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum CallState {
    Upcoming,
    Open,
    Closed,
}

impl CallState {
    pub fn code(self) -> &'static str {
        match self {
            CallState::Upcoming => "upcoming",
            CallState::Open => "open",
            CallState::Closed => "closed",
        }
    }
}

/// A call as proposers and the public see it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CallView {
    pub id: Uuid,
    pub forum_code: String,
    pub forum_name: String,
    pub title: String,
    /// As written (markdown), and as shown (sanitised HTML).
    pub introduction: String,
    pub introduction_html: String,
    pub session_types: Vec<SessionType>,
    pub opens_at: DateTime<Utc>,
    pub closes_at: DateTime<Utc>,
    /// The venue's time zone, and both times in it, formatted on the server.
    pub time_zone: String,
    pub opens_venue: String,
    pub closes_venue: String,
    /// The server's clock when the page was made: the countdown starts from it.
    pub now: DateTime<Utc>,
    pub rules: CallRules,
    pub publish_received: bool,
    /// The edition's themes made from a consultation, with the published
    /// contributions behind each (on the call's own page only).
    #[serde(default)]
    pub theme_origins: Vec<crate::consultations::synthesis_types::ThemeOrigin>,
}

impl CallView {
    pub fn state(&self, now: DateTime<Utc>) -> CallState {
        if now < self.opens_at {
            CallState::Upcoming
        } else if now < self.closes_at {
            CallState::Open
        } else {
            CallState::Closed
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccessCodeView {
    pub id: Uuid,
    pub code: String,
    pub label: String,
    pub max_uses: Option<i32>,
    pub uses: i32,
    pub expires_at: DateTime<Utc>,
    pub revoked: bool,
}

/// A call as its organisers manage it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CallAdmin {
    pub call: CallView,
    pub access_codes: Vec<AccessCodeView>,
    /// Every session type of the edition, to choose from.
    pub all_types: Vec<SessionType>,
}

/// The calls of an edition, and what its organisers need to add one.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CallList {
    pub forum_code: String,
    pub forum_name: String,
    pub calls: Vec<CallView>,
    pub all_types: Vec<SessionType>,
    pub may_manage: bool,
}

/// Time left until `until`: (days, hours, minutes, seconds), zero once passed.
pub fn remaining(now: DateTime<Utc>, until: DateTime<Utc>) -> (i64, i64, i64, i64) {
    let secs = (until - now).num_seconds().max(0);
    (
        secs / 86_400,
        secs % 86_400 / 3600,
        secs % 3600 / 60,
        secs % 60,
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn countdown_splits_and_stops_at_zero() {
        let now = Utc.with_ymd_and_hms(2027, 3, 1, 12, 0, 0).unwrap();
        let until = Utc.with_ymd_and_hms(2027, 3, 3, 13, 4, 5).unwrap();
        assert_eq!(remaining(now, until), (2, 1, 4, 5));
        assert_eq!(remaining(until, now), (0, 0, 0, 0));
    }
}

/// One person row of the proposal form, as stored (codes as text).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PersonRow {
    pub role: String,
    pub name: String,
    pub email: String,
    pub organisation: String,
    pub country: String,
    pub stakeholder_group: String,
    pub gender: String,
    pub onsite: bool,
    /// `pending`, `confirmed` or `declined`; empty for a row not saved yet.
    pub confirmation: String,
}

/// A proposal's values for its form.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProposalDraft {
    pub id: Option<Uuid>,
    pub state: String,
    pub code: Option<String>,
    pub session_type: String,
    pub format: String,
    pub format_description: String,
    pub duration: String,
    pub theme: String,
    pub sub_theme: String,
    pub title: String,
    pub description: String,
    pub policy_questions: Vec<String>,
    pub expected_outcomes: String,
    pub hybrid_plan: String,
    pub room_layout: String,
    pub languages: Vec<String>,
    pub sdgs: Vec<String>,
    pub action_lines: Vec<String>,
    pub tags: String,
    pub previous_report_url: String,
    pub people: Vec<PersonRow>,
}

/// Everything the proposal page needs.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProposalForm {
    pub call: CallView,
    pub themes: Vec<crate::forums::Theme>,
    pub formats: Vec<crate::forums::SessionFormat>,
    pub draft: ProposalDraft,
    /// The rules against the saved proposal (empty for a new one).
    pub checks: Vec<screening::RuleCheck>,
    pub diversity: screening::Diversity,
    /// The saved proposal's facts (confirmations, edition-wide counts): the
    /// browser recomputes the checks from them and the form while typing.
    pub base_facts: screening::ProposalFacts,
    /// People the proposer named before, to pick from instead of retyping.
    pub known_people: Vec<PersonRow>,
    pub proposer_email: String,
}

/// A line of "My proposals".
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MyProposal {
    pub id: Uuid,
    pub forum_code: String,
    pub title: String,
    pub code: Option<String>,
    pub state: String,
    pub updated_at: DateTime<Utc>,
}
