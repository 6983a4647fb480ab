//! Taking part in the sessions of the released programme: signing up for a
//! session's onsite seats (with a waiting list that moves up in order), its
//! figures on the programme ("filling", "full"), and clashes between the
//! sessions a person signed up for. The rules here are pure; `service`
//! applies them to the database.

pub mod api;
pub mod join_page;
pub mod panel;
#[cfg(feature = "ssr")]
pub mod remote;
#[cfg(feature = "ssr")]
pub mod service;

use serde::{Deserialize, Serialize};

/// Where a sign-up stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum SignupState {
    SignedUp,
    Waiting,
    Cancelled,
}

impl SignupState {
    pub fn code(self) -> &'static str {
        match self {
            SignupState::SignedUp => "signed-up",
            SignupState::Waiting => "waiting",
            SignupState::Cancelled => "cancelled",
        }
    }

    pub fn from_code(code: &str) -> Option<SignupState> {
        [
            SignupState::SignedUp,
            SignupState::Waiting,
            SignupState::Cancelled,
        ]
        .into_iter()
        .find(|s| s.code() == code)
    }

    /// Signed up or waiting.
    pub fn is_live(self) -> bool {
        self != SignupState::Cancelled
    }
}

/// A session's onsite seats for sign-up: its own limit when the organisers
/// set one, else its room's capacity (none for an online-only room or one
/// without a capacity: then seats are not counted).
pub fn seat_limit(own: Option<i32>, room: Option<(i32, bool)>) -> Option<u32> {
    match own {
        Some(n) => Some(n.max(0) as u32),
        None => room
            .filter(|(capacity, online_only)| *capacity > 0 && !online_only)
            .map(|(capacity, _)| capacity as u32),
    }
}

/// How full a session is, for the programme's labels.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Fill {
    /// Seats left.
    Open,
    /// At least four in five seats taken.
    Filling,
    /// Every seat taken: new sign-ups wait.
    Full,
}

impl Fill {
    pub fn of(taken: u32, limit: Option<u32>) -> Fill {
        match limit {
            None => Fill::Open,
            Some(l) if taken >= l => Fill::Full,
            Some(l) if taken * 5 >= l * 4 => Fill::Filling,
            Some(_) => Fill::Open,
        }
    }

    /// Its locale key on the programme, when it shows.
    pub fn label_key(self) -> Option<&'static str> {
        match self {
            Fill::Open => None,
            Fill::Filling => Some("participation.filling"),
            Fill::Full => Some("participation.full"),
        }
    }
}

/// Whether two sessions' times overlap (RFC 3339 instants compared as
/// instants: `[start, end)`).
pub fn overlaps<T: PartialOrd>(a: (T, T), b: (T, T)) -> bool {
    a.0 < b.1 && b.0 < a.1
}

/// A session of the person's sign-ups that clashes with another.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Clash {
    pub key: String,
    pub code: String,
    pub title: String,
}

/// The sign-up part of a session's public page.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Seats {
    /// Onsite seats, when counted.
    pub limit: Option<u32>,
    pub taken: u32,
    pub waiting: u32,
    /// The visitor: not signed in, signed in without an approved
    /// registration, or able to sign up ("can"), or signed up/waiting.
    pub visitor: Visitor,
    /// Their mode ("onsite"/"online") when registered.
    pub mode: String,
    /// Their place in the waiting list (1 is next).
    pub place: Option<u32>,
    /// Sessions they signed up for at overlapping times.
    pub clashes: Vec<Clash>,
    /// The session is over: no more sign-ups.
    pub over: bool,
    /// It can be joined remotely (hybrid or online, with a meeting) and the
    /// visitor is an approved participant: the Join button shows.
    pub can_join: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Visitor {
    Anonymous,
    NotRegistered,
    Can,
    SignedUp,
    Waiting,
}

/// A person signed up for a session, for the organisers.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SignupRow {
    pub name: String,
    pub email: String,
    pub mode: String,
    pub state: String,
}

/// A session's sign-ups for the organisers: figures and the people.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SessionSeats {
    pub own_limit: Option<i32>,
    pub limit: Option<u32>,
    pub taken: u32,
    pub waiting: u32,
    pub online: u32,
    pub people: Vec<SignupRow>,
    /// The session's own meeting, and whether its room has one (used when
    /// the session's own address is empty).
    pub meeting: Meeting,
    pub room_meeting: bool,
    /// Attendance: people who joined through their link, and people signed
    /// up onsite who were checked in at the badge desk.
    pub joined_online: u32,
    pub checked_in: u32,
    pub links: Vec<LinkRow>,
}

/// A remote meeting: the provider's address, the meeting's id and passcode.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Meeting {
    pub url: String,
    pub id: String,
    pub passcode: String,
}

/// What a join link opens: the session and its meeting.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct JoinView {
    pub forum_code: String,
    pub forum_name: String,
    pub time_zone: String,
    pub key: String,
    pub code: String,
    pub title: String,
    /// ISO date and venue times.
    pub day: String,
    pub start: String,
    pub end: String,
    pub starts_at: String,
    pub meeting: Meeting,
}

/// A person's join link, for the organisers.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LinkRow {
    pub id: uuid::Uuid,
    pub name: String,
    pub email: String,
    pub uses: u32,
    /// "2027-05-25 09:02 UTC", empty before the first use.
    pub first_used: String,
    pub revoked: bool,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_limit_is_the_sessions_own_else_the_rooms_capacity() {
        assert_eq!(seat_limit(Some(50), Some((300, false))), Some(50));
        assert_eq!(seat_limit(None, Some((300, false))), Some(300));
        assert_eq!(seat_limit(None, Some((300, true))), None, "online room");
        assert_eq!(seat_limit(None, Some((0, false))), None);
        assert_eq!(seat_limit(None, None), None);
        assert_eq!(seat_limit(Some(-3), None), Some(0));
    }

    #[test]
    fn labels_show_from_four_fifths_and_when_full() {
        assert_eq!(Fill::of(39, Some(50)), Fill::Open);
        assert_eq!(Fill::of(40, Some(50)), Fill::Filling);
        assert_eq!(Fill::of(50, Some(50)), Fill::Full);
        assert_eq!(Fill::of(60, Some(50)), Fill::Full);
        assert_eq!(Fill::of(5000, None), Fill::Open);
        assert_eq!(Fill::Full.label_key(), Some("participation.full"));
        assert_eq!(Fill::Open.label_key(), None);
    }

    #[test]
    fn sessions_clash_when_their_times_overlap() {
        assert!(overlaps((9, 11), (10, 12)));
        assert!(overlaps((9, 12), (10, 11)));
        assert!(!overlaps((9, 10), (10, 11)), "one ends as the other starts");
        assert!(!overlaps((13, 14), (9, 10)));
    }

    #[test]
    fn states_read_back_from_their_codes() {
        for s in [
            SignupState::SignedUp,
            SignupState::Waiting,
            SignupState::Cancelled,
        ] {
            assert_eq!(SignupState::from_code(s.code()), Some(s));
        }
        assert_eq!(SignupState::from_code("maybe"), None);
        assert!(!SignupState::Cancelled.is_live());
    }
}
