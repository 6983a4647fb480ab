//! Registration for an edition: every participant, onsite or online,
//! registers; organisers approve (online ones may approve themselves), onsite
//! places are limited with a waiting list that moves up in order, and the
//! badge desk checks people in with the code on their badge.
//!
//! This file holds what both sides see (the pages' data) and the pure rules
//! of the states; `service.rs` (server only) applies them to the database.

pub mod api;
#[cfg(feature = "ssr")]
pub mod changes;
#[cfg(feature = "ssr")]
pub mod export;
pub mod pages;
pub mod participants;
pub mod questions;
#[cfg(feature = "ssr")]
pub mod questions_service;
#[cfg(feature = "ssr")]
pub mod service;

pub use questions::Question;

use serde::{Deserialize, Serialize};

/// How a person takes part.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Mode {
    Onsite,
    Online,
}

impl Mode {
    pub const ALL: [Mode; 2] = [Mode::Onsite, Mode::Online];

    pub fn code(self) -> &'static str {
        match self {
            Mode::Onsite => "onsite",
            Mode::Online => "online",
        }
    }

    pub fn from_code(code: &str) -> Option<Mode> {
        Mode::ALL.into_iter().find(|m| m.code() == code)
    }

    pub fn label_key(self) -> String {
        format!("registration.mode.{}", self.code())
    }
}

/// Where a registration stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum State {
    Pending,
    Approved,
    /// Approved for onsite when no place was left: moves up in order.
    Waitlisted,
    Rejected,
    Cancelled,
}

impl State {
    pub const ALL: [State; 5] = [
        State::Pending,
        State::Approved,
        State::Waitlisted,
        State::Rejected,
        State::Cancelled,
    ];

    pub fn code(self) -> &'static str {
        match self {
            State::Pending => "pending",
            State::Approved => "approved",
            State::Waitlisted => "waitlisted",
            State::Rejected => "rejected",
            State::Cancelled => "cancelled",
        }
    }

    pub fn from_code(code: &str) -> Option<State> {
        State::ALL.into_iter().find(|s| s.code() == code)
    }

    pub fn label_key(self) -> String {
        format!("registration.state.{}", self.code())
    }

    /// Still taking part (or hoping to): the person may cancel.
    pub fn is_live(self) -> bool {
        matches!(self, State::Pending | State::Approved | State::Waitlisted)
    }
}

/// What organisers decide about registrations (or about the changes of
/// participation mode they ask for).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Decision {
    Approve,
    Reject,
    ApproveChange,
    RefuseChange,
}

impl Decision {
    pub fn from_code(code: &str) -> Option<Decision> {
        match code {
            "approve" => Some(Decision::Approve),
            "reject" => Some(Decision::Reject),
            "approve-change" => Some(Decision::ApproveChange),
            "refuse-change" => Some(Decision::RefuseChange),
            _ => None,
        }
    }
}

/// What asking to take part another way does.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ModeChange {
    /// Changed at once, into this state.
    Now(State),
    /// Asked for: the organisers decide (onsite places are theirs to give).
    Asked,
    /// The way they are registered already: a change asked for is withdrawn.
    Withdrawn,
}

/// A registration in `state` for `from` asking for `to`: a pending or
/// waiting registration changes at once (as if it arrived so); an approved
/// one goes online at once unless online registrations need approval, and
/// onsite only when the organisers approve. None: nothing left to change.
pub fn on_mode_change(
    state: State,
    from: Mode,
    to: Mode,
    online_needs_approval: bool,
) -> Option<ModeChange> {
    if !state.is_live() {
        return None;
    }
    if from == to {
        return Some(ModeChange::Withdrawn);
    }
    Some(match (state, to) {
        (State::Pending | State::Waitlisted, _) => {
            ModeChange::Now(on_arrival(to, online_needs_approval))
        }
        (State::Approved, Mode::Online) if !online_needs_approval => {
            ModeChange::Now(State::Approved)
        }
        _ => ModeChange::Asked,
    })
}

/// Approving an approved registration's asked-for `to` mode, with `taken`
/// of `capacity` onsite places: approved in it, or none when no onsite
/// place is left (it stays as it is, still asked for).
pub fn on_change_approval(to: Mode, taken: u32, capacity: Option<u32>) -> Option<State> {
    match on_approval(to, taken, capacity) {
        State::Approved => Some(State::Approved),
        _ => None,
    }
}

/// What a new registration becomes: online ones are approved at once unless
/// the edition wants to approve them; onsite ones wait for the organisers.
pub fn on_arrival(mode: Mode, online_needs_approval: bool) -> State {
    match mode {
        Mode::Online if !online_needs_approval => State::Approved,
        _ => State::Pending,
    }
}

/// What approving makes of a registration: an onsite one takes a place if
/// one is left (`taken` of `capacity`), else joins the waiting list.
pub fn on_approval(mode: Mode, taken: u32, capacity: Option<u32>) -> State {
    match (mode, capacity) {
        (Mode::Onsite, Some(c)) if taken >= c => State::Waitlisted,
        _ => State::Approved,
    }
}

/// The state a decision leads to from `from`, or none when it does not
/// apply (a cancelled registration is the person's own; deciding again
/// what is already so changes nothing).
pub fn decide(from: State, decision: Decision) -> Option<Decision> {
    match (from, decision) {
        (State::Cancelled, _) => None,
        (State::Approved, Decision::Approve) => None,
        (State::Rejected, Decision::Reject) => None,
        _ => Some(decision),
    }
}

/// How many of the waiting list move up when `free` places are left.
pub fn promotions(capacity: Option<u32>, taken: u32, waiting: u32) -> u32 {
    match capacity {
        None => waiting,
        Some(c) => c.saturating_sub(taken).min(waiting),
    }
}

/// Registrations listed on the organisers' page at most (filters narrow it).
pub const MAX_SHOWN: usize = 500;

/// The registration form's fields, as typed (also the profile's prefill).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct RegistrationForm {
    pub mode: String,
    pub badge_name: String,
    pub organisation: String,
    pub country: String,
    pub stakeholder_group: String,
    pub gender: String,
    pub first_time: bool,
    pub accessibility: String,
    pub interpretation_language: String,
    pub listed: bool,
    /// Answers to the extra questions, by question id.
    pub answers: std::collections::HashMap<String, String>,
}

/// A person's own registration, as their page shows it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MyRegistration {
    pub state: State,
    pub mode: Mode,
    pub badge_name: String,
    pub organisation: String,
    /// The badge code and its QR code (SVG) once approved for onsite.
    pub badge: Option<(String, String)>,
    pub checked_in: bool,
    pub reason: String,
    pub registered_at: String,
    /// Reminder mails: `each`, `digest` or `off` (`reminders::Choice`).
    pub reminders: String,
    /// The mode asked for, waiting for the organisers.
    pub requested_mode: Option<Mode>,
    /// (question, answer) for the extra questions answered.
    pub answers: Vec<(String, String)>,
}

/// An edition's registration page for a person.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RegistrationPage {
    pub forum_code: String,
    pub forum_name: String,
    pub open: bool,
    pub closes_at: Option<String>,
    /// Markdown made safe (HTML).
    pub privacy_notice: String,
    pub signed_in: bool,
    pub mine: Option<MyRegistration>,
    /// The form prefilled from the profile (for a first registration).
    pub prefill: RegistrationForm,
    pub onsite_full: bool,
    /// The organisers' extra questions.
    pub questions: Vec<Question>,
}

/// The organisers' setup of registration for an edition.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Setup {
    pub open: bool,
    /// `YYYY-MM-DDTHH:MM` in UTC, empty for none.
    pub closes_at: String,
    pub onsite_capacity: Option<u32>,
    pub online_needs_approval: bool,
    pub privacy_notice: String,
    /// Minutes before a session its reminder leaves (0: none).
    pub reminder_lead_minutes: u32,
    /// The venue's hour at which a day's digest leaves.
    pub digest_hour: u32,
}

impl Default for Setup {
    fn default() -> Self {
        Setup {
            open: false,
            closes_at: String::new(),
            onsite_capacity: None,
            online_needs_approval: false,
            privacy_notice: String::new(),
            reminder_lead_minutes: crate::reminders::DEFAULT_LEAD_MINUTES,
            digest_hour: crate::reminders::DEFAULT_DIGEST_HOUR,
        }
    }
}

/// One registration in the organisers' list.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RegistrationRow {
    pub id: String,
    pub name: String,
    pub email: String,
    pub badge_name: String,
    pub organisation: String,
    pub country: Option<String>,
    pub stakeholder_group: Option<String>,
    pub mode: Mode,
    /// The mode asked for, waiting for the organisers.
    pub requested_mode: Option<Mode>,
    pub state: State,
    pub checked_in: bool,
    pub registered_at: String,
}

/// The organisers' filters of the list (and of its CSV and decisions).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Filters {
    pub state: Option<State>,
    pub mode: Option<Mode>,
    /// Only those asking to change mode.
    pub asking: bool,
    pub words: String,
}

impl Filters {
    /// From a query string's pairs (`state`, `mode`, `asking`, `q`).
    pub fn from_pairs<K: AsRef<str>, V: AsRef<str>>(pairs: &[(K, V)]) -> Filters {
        let get = |name: &str| {
            pairs
                .iter()
                .find(|(k, _)| k.as_ref() == name)
                .map(|(_, v)| v.as_ref().to_string())
                .unwrap_or_default()
        };
        Filters {
            state: State::from_code(&get("state")),
            mode: Mode::from_code(&get("mode")),
            asking: !get("asking").is_empty(),
            words: get("q"),
        }
    }

    /// As a query string (no leading `?`), empty filters left out.
    pub fn query(&self) -> String {
        let mut pairs = vec![];
        if let Some(s) = self.state {
            pairs.push(format!("state={}", s.code()));
        }
        if let Some(m) = self.mode {
            pairs.push(format!("mode={}", m.code()));
        }
        if self.asking {
            pairs.push("asking=on".to_string());
        }
        if !self.words.trim().is_empty() {
            pairs.push(format!("q={}", crate::web::encode(self.words.trim())));
        }
        pairs.join("&")
    }
}

/// The organisers' list: filtered rows and the figures of the whole edition.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Registrations {
    pub forum_code: String,
    pub forum_name: String,
    /// The first [`MAX_SHOWN`] that match.
    pub rows: Vec<RegistrationRow>,
    /// How many match.
    pub matched: u32,
    /// (state, mode, count) over every registration of the edition.
    pub counts: Vec<(State, Mode, u32)>,
    pub onsite_capacity: Option<u32>,
    pub setup: Setup,
    /// The organisers' extra questions.
    pub questions: Vec<Question>,
    /// The filters applied.
    pub filters: Filters,
}

/// What the badge desk sees after a code.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CheckIn {
    pub name: String,
    pub badge_name: String,
    pub organisation: String,
    pub mode: Mode,
    pub state: State,
    /// Checked in just now (false: it had been, or may not be).
    pub now: bool,
    pub checked_in_at: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn online_registrations_approve_themselves_unless_asked() {
        assert_eq!(on_arrival(Mode::Online, false), State::Approved);
        assert_eq!(on_arrival(Mode::Online, true), State::Pending);
        assert_eq!(on_arrival(Mode::Onsite, false), State::Pending);
    }

    #[test]
    fn onsite_approval_takes_a_place_or_waits() {
        assert_eq!(on_approval(Mode::Onsite, 9, Some(10)), State::Approved);
        assert_eq!(on_approval(Mode::Onsite, 10, Some(10)), State::Waitlisted);
        assert_eq!(on_approval(Mode::Onsite, 1000, None), State::Approved);
        assert_eq!(on_approval(Mode::Online, 10, Some(10)), State::Approved);
    }

    #[test]
    fn decisions_apply_to_live_or_refused_registrations() {
        assert_eq!(decide(State::Cancelled, Decision::Approve), None);
        assert_eq!(decide(State::Approved, Decision::Approve), None);
        assert_eq!(decide(State::Rejected, Decision::Reject), None);
        assert_eq!(
            decide(State::Waitlisted, Decision::Approve),
            Some(Decision::Approve)
        );
        assert_eq!(
            decide(State::Approved, Decision::Reject),
            Some(Decision::Reject)
        );
    }

    #[test]
    fn the_waiting_list_moves_up_into_free_places() {
        assert_eq!(promotions(Some(10), 8, 5), 2);
        assert_eq!(promotions(Some(10), 10, 5), 0);
        assert_eq!(promotions(Some(10), 12, 5), 0);
        assert_eq!(promotions(None, 12, 5), 5);
        assert_eq!(promotions(Some(10), 3, 2), 2);
    }

    #[test]
    fn mode_changes_wait_for_onsite_places() {
        use ModeChange::*;
        let change = on_mode_change;
        assert_eq!(
            change(State::Cancelled, Mode::Online, Mode::Onsite, false),
            None
        );
        assert_eq!(
            change(State::Rejected, Mode::Online, Mode::Onsite, false),
            None
        );
        assert_eq!(
            change(State::Approved, Mode::Online, Mode::Online, false),
            Some(Withdrawn)
        );
        assert_eq!(
            change(State::Pending, Mode::Onsite, Mode::Online, false),
            Some(Now(State::Approved))
        );
        assert_eq!(
            change(State::Pending, Mode::Onsite, Mode::Online, true),
            Some(Now(State::Pending))
        );
        assert_eq!(
            change(State::Pending, Mode::Online, Mode::Onsite, true),
            Some(Now(State::Pending))
        );
        assert_eq!(
            change(State::Waitlisted, Mode::Onsite, Mode::Online, false),
            Some(Now(State::Approved))
        );
        assert_eq!(
            change(State::Approved, Mode::Onsite, Mode::Online, false),
            Some(Now(State::Approved))
        );
        assert_eq!(
            change(State::Approved, Mode::Onsite, Mode::Online, true),
            Some(Asked)
        );
        assert_eq!(
            change(State::Approved, Mode::Online, Mode::Onsite, false),
            Some(Asked)
        );
        assert_eq!(
            on_change_approval(Mode::Onsite, 9, Some(10)),
            Some(State::Approved)
        );
        assert_eq!(on_change_approval(Mode::Onsite, 10, Some(10)), None);
        assert_eq!(
            on_change_approval(Mode::Online, 10, Some(10)),
            Some(State::Approved)
        );
    }

    #[test]
    fn filters_round_trip_through_the_address() {
        let f = Filters {
            state: Some(State::Pending),
            mode: Some(Mode::Onsite),
            asking: true,
            words: "Nairobi lab".into(),
        };
        let pairs: Vec<(String, String)> = f
            .query()
            .split('&')
            .filter_map(|p| p.split_once('='))
            .map(|(k, v)| (k.to_string(), v.replace("%20", " ")))
            .collect();
        assert_eq!(Filters::from_pairs(&pairs), f);
        assert_eq!(Filters::default().query(), "");
    }

    #[test]
    fn codes_round_trip() {
        for s in State::ALL {
            assert_eq!(State::from_code(s.code()), Some(s));
        }
        for m in Mode::ALL {
            assert_eq!(Mode::from_code(m.code()), Some(m));
        }
        assert_eq!(State::from_code("approved "), None);
    }
}
