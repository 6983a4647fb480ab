//! Floor requests during a session: participants onsite and online ask for
//! the floor while the moderators have the queue open; the moderators give
//! the floor in order (the speaker before is then done) and mark turns
//! done. Everyone taking part sees the same queue, updated live, so remote
//! and onsite speakers are treated alike.
//!
//! The rules here are pure; `service` applies them to the database and
//! `hub` tells the open pages that the queue changed.

pub mod api;
#[cfg(feature = "ssr")]
pub mod hub;
pub mod page;
#[cfg(feature = "ssr")]
pub mod service;

use serde::{Deserialize, Serialize};

/// Longest topic a person may give with their request.
pub const MAX_TOPIC: usize = 200;
/// Finished turns shown under the queue, newest first.
pub const DONE_SHOWN: usize = 20;

/// Where a request for the floor stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum FloorState {
    Waiting,
    Speaking,
    Done,
    Withdrawn,
}

impl FloorState {
    pub const ALL: [FloorState; 4] = [
        FloorState::Waiting,
        FloorState::Speaking,
        FloorState::Done,
        FloorState::Withdrawn,
    ];

    pub fn code(self) -> &'static str {
        match self {
            FloorState::Waiting => "waiting",
            FloorState::Speaking => "speaking",
            FloorState::Done => "done",
            FloorState::Withdrawn => "withdrawn",
        }
    }

    pub fn from_code(code: &str) -> Option<FloorState> {
        FloorState::ALL.into_iter().find(|s| s.code() == code)
    }

    pub fn label_key(self) -> String {
        format!("floor.state.{}", self.code())
    }

    /// In the queue or speaking.
    pub fn is_live(self) -> bool {
        matches!(self, FloorState::Waiting | FloorState::Speaking)
    }
}

/// A person asks (again): not while their request is live.
pub fn can_ask(now: Option<FloorState>) -> Result<(), &'static str> {
    match now {
        Some(s) if s.is_live() => Err("floor.already"),
        _ => Ok(()),
    }
}

/// The moderators give the floor to a waiting person.
pub fn can_give(now: FloorState) -> Result<(), &'static str> {
    match now {
        FloorState::Waiting => Ok(()),
        _ => Err("floor.not-waiting"),
    }
}

/// The moderators mark a turn done (also a waiting one they pass over).
pub fn can_finish(now: FloorState) -> Result<(), &'static str> {
    match now {
        s if s.is_live() => Ok(()),
        _ => Err("floor.not-live"),
    }
}

/// One request in the queue as the page shows it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FloorEntry {
    pub id: String,
    pub name: String,
    /// "onsite" or "online".
    pub mode: String,
    pub state: FloorState,
    pub topic: String,
    /// Place in the queue for a waiting request (1 is next).
    pub place: Option<u32>,
    /// The visitor's own.
    pub mine: bool,
}

/// Orders requests as the queue shows them: who speaks, then who waits in
/// the order they asked (with their places), then finished turns, newest
/// first (at most [`DONE_SHOWN`]). `asked` and `ended` order by instant.
pub fn arrange<T: Ord + Copy>(mut rows: Vec<(FloorEntry, T, Option<T>)>) -> Vec<FloorEntry> {
    rows.sort_by(|a, b| {
        let rank = |e: &FloorEntry| match e.state {
            FloorState::Speaking => 0,
            FloorState::Waiting => 1,
            _ => 2,
        };
        rank(&a.0).cmp(&rank(&b.0)).then_with(|| match a.0.state {
            FloorState::Speaking | FloorState::Waiting => a.1.cmp(&b.1),
            _ => b.2.cmp(&a.2),
        })
    });
    let mut place = 0;
    let mut done = 0;
    rows.into_iter()
        .filter_map(|(mut e, _, _)| match e.state {
            FloorState::Waiting => {
                place += 1;
                e.place = Some(place);
                Some(e)
            }
            FloorState::Speaking => Some(e),
            FloorState::Done => {
                done += 1;
                (done <= DONE_SHOWN).then_some(e)
            }
            FloorState::Withdrawn => None,
        })
        .collect()
}

/// A session's floor page for the visitor.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FloorPage {
    pub forum_code: String,
    pub forum_name: String,
    pub key: String,
    pub code: String,
    pub title: String,
    pub open: bool,
    pub signed_in: bool,
    /// Taking part: an approved registration (may ask).
    pub participant: bool,
    pub moderator: bool,
    /// The visitor's own request while it is live.
    pub mine: Option<FloorState>,
    /// Shown to participants and moderators only.
    pub queue: Vec<FloorEntry>,
}

/// The floor page of a session.
pub fn floor_path(forum: &str, key: &str) -> String {
    format!("/forums/{forum}/session/{key}/floor")
}

/// Where an open floor page listens for changes.
pub fn events_path(forum: &str, key: &str) -> String {
    format!("{}/events", floor_path(forum, key))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(name: &str, state: FloorState) -> FloorEntry {
        FloorEntry {
            id: name.into(),
            name: name.into(),
            mode: "online".into(),
            state,
            topic: String::new(),
            place: None,
            mine: false,
        }
    }

    #[test]
    fn the_queue_shows_the_speaker_then_the_waiting_in_order_then_the_done() {
        use FloorState::*;
        let rows = vec![
            (entry("late", Waiting), 5, None),
            (entry("gone", Withdrawn), 1, None),
            (entry("old", Done), 0, Some(2)),
            (entry("talking", Speaking), 2, None),
            (entry("early", Waiting), 3, None),
            (entry("recent", Done), 1, Some(4)),
        ];
        let q = arrange(rows);
        let names: Vec<&str> = q.iter().map(|e| e.name.as_str()).collect();
        assert_eq!(names, ["talking", "early", "late", "recent", "old"]);
        assert_eq!(q[1].place, Some(1));
        assert_eq!(q[2].place, Some(2));
        assert_eq!(q[0].place, None);
    }

    #[test]
    fn only_so_many_finished_turns_are_shown() {
        let rows = (0..30)
            .map(|i| (entry(&i.to_string(), FloorState::Done), i, Some(i)))
            .collect();
        let q = arrange(rows);
        assert_eq!(q.len(), DONE_SHOWN);
        assert_eq!(q[0].name, "29");
    }

    #[test]
    fn requests_move_only_as_the_rules_say() {
        use FloorState::*;
        assert!(can_ask(None).is_ok());
        assert!(can_ask(Some(Done)).is_ok());
        assert!(can_ask(Some(Withdrawn)).is_ok());
        assert_eq!(can_ask(Some(Waiting)), Err("floor.already"));
        assert_eq!(can_ask(Some(Speaking)), Err("floor.already"));
        assert!(can_give(Waiting).is_ok());
        assert!(can_give(Speaking).is_err() && can_give(Done).is_err());
        assert!(can_finish(Speaking).is_ok() && can_finish(Waiting).is_ok());
        assert!(can_finish(Done).is_err() && can_finish(Withdrawn).is_err());
    }
}
