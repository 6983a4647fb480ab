//! The plain-data model the solver works on. `Instance` is also the JSON
//! export format (see `solver/README.md`); every id is the position of the
//! item in its list, so the web layer keeps its own id <-> index table.

use serde::{Deserialize, Serialize};

/// Index of a slot in [`Instance::slots`].
pub type SlotId = usize;
/// Index of a room in [`Instance::rooms`].
pub type RoomId = usize;
/// Index of a session in [`Instance::sessions`].
pub type SessionId = usize;
/// Index of a person in [`Instance::people`].
pub type PersonId = usize;
/// Index of a theme in [`Instance::themes`].
pub type ThemeId = usize;

/// Feature name that marks a room with a webcast / remote-participation kit,
/// unless the instance names another one in `remote_kit_feature`.
pub const DEFAULT_REMOTE_KIT: &str = "remote-kit";

fn default_remote_kit() -> String {
    DEFAULT_REMOTE_KIT.to_string()
}

/// Everything the secretariat knows when placing sessions: the forum's time
/// slots, rooms, sessions and the people speaking in them.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Instance {
    /// Free-text label, e.g. "IGF 2026 draft 3". Not used by the solver.
    #[serde(default)]
    pub name: String,
    /// Time slots of all forum days, ordered by day then start. Within a day
    /// slots must not overlap, so "same slot" means "at the same time".
    pub slots: Vec<Slot>,
    /// Rooms (physical and online-only) sessions can be placed in.
    pub rooms: Vec<Room>,
    /// Sessions to place; every one must get exactly one room and slot.
    pub sessions: Vec<Session>,
    /// Speakers, moderators, organisers: anyone who must attend a session.
    #[serde(default)]
    pub people: Vec<Person>,
    /// Theme (track) names; `Session::theme` indexes into this list.
    #[serde(default)]
    pub themes: Vec<String>,
    /// Slots in which nothing may be placed in any room (e.g. in parallel
    /// with the opening ceremony, which is not itself part of the instance).
    #[serde(default)]
    pub blocked_slots: Vec<SlotId>,
    /// At most this many sessions of one theme at the same time; 0 = no limit.
    /// Exceeding it is a warning in the editor and heavily weighted soft goal.
    #[serde(default)]
    pub max_parallel_same_theme: u32,
    /// Which room feature counts as the remote kit (webcast / hybrid kit) for
    /// the hybrid goal. Defaults to `"remote-kit"`.
    #[serde(default = "default_remote_kit")]
    pub remote_kit_feature: String,
}

/// One time slot on one forum day.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Slot {
    /// Must equal the slot's position in `Instance::slots`.
    pub id: SlotId,
    /// Forum day, 0 for Day 0 (pre-events), 1.. for the main days.
    pub day: u32,
    /// Start as minutes after midnight (09:00 = 540).
    pub start_minute: u32,
    /// Length in minutes; a session fits if its duration is not longer.
    pub length_minutes: u32,
}

/// A room, physical or online-only.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Room {
    /// Must equal the room's position in `Instance::rooms`.
    pub id: RoomId,
    /// Display name, e.g. "Plenary Hall".
    #[serde(default)]
    pub name: String,
    /// Seats. Ignored for online-only rooms.
    pub capacity: u32,
    /// Equipment codes, e.g. "interpretation", "captioning", "remote-kit",
    /// "step-free". A session's `required_features` must all be present.
    #[serde(default)]
    pub features: Vec<String>,
    /// A virtual room: only online-only sessions go here, and online-only
    /// sessions go nowhere else.
    #[serde(default)]
    pub online_only: bool,
    /// Slots in which the room is closed (availability is "all other slots").
    #[serde(default)]
    pub unavailable_slots: Vec<SlotId>,
}

/// A session of the programme (workshop, open forum, main session, ...).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Session {
    /// Must equal the session's position in `Instance::sessions`.
    pub id: SessionId,
    /// Display title; not used by the solver.
    #[serde(default)]
    pub title: String,
    /// Length in minutes; must fit into the slot's length.
    pub duration_minutes: u32,
    /// Everyone who must be present; they cannot be in two sessions at once.
    #[serde(default)]
    pub people: Vec<PersonId>,
    /// Theme (track), index into `Instance::themes`.
    #[serde(default)]
    pub theme: Option<ThemeId>,
    /// Room features the session cannot run without.
    #[serde(default)]
    pub required_features: Vec<String>,
    /// Expected onsite audience; compared with room capacity.
    #[serde(default)]
    pub audience: u32,
    /// Fixed placement decided by the secretariat; the solver never moves it.
    #[serde(default)]
    pub pinned: Option<Placement>,
    /// Has remote speakers or participants.
    #[serde(default)]
    pub hybrid: bool,
    /// Mostly onsite audience; together with `hybrid` it should get a room
    /// with the remote kit (soft goal).
    #[serde(default)]
    pub onsite_heavy: bool,
    /// Fully online: must be placed in an online-only room (hard rule).
    #[serde(default)]
    pub online_only: bool,
    /// Stakeholder groups of the speakers (codes, e.g. "government",
    /// "civil-society"); used to spread the mix over time slots.
    #[serde(default)]
    pub speaker_groups: Vec<String>,
    /// Regions of the speakers (codes, e.g. "africa", "weog").
    #[serde(default)]
    pub speaker_regions: Vec<String>,
}

/// A person attending sessions as speaker, moderator or organiser.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Person {
    /// Must equal the person's position in `Instance::people`.
    pub id: PersonId,
    /// Display name; not used by the solver.
    #[serde(default)]
    pub name: String,
    /// Slots the person cannot attend (hard rule).
    #[serde(default)]
    pub unavailable_slots: Vec<SlotId>,
    /// Slots the person would prefer; empty = no preference (soft goal).
    #[serde(default)]
    pub preferred_slots: Vec<SlotId>,
    /// More sessions than this on one day gives a warning (soft goal).
    #[serde(default)]
    pub max_sessions_per_day: Option<u32>,
}

/// A room in a slot.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Placement {
    /// Room index.
    pub room: RoomId,
    /// Slot index.
    pub slot: SlotId,
}

/// A (possibly partial) schedule: `placements[session]` is where the session
/// takes place, `None` if not placed yet.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Assignment {
    /// One entry per session, in session order.
    pub placements: Vec<Option<Placement>>,
}

impl Assignment {
    /// A schedule with nothing placed.
    pub fn empty(sessions: usize) -> Self {
        Assignment {
            placements: vec![None; sessions],
        }
    }

    /// Where `session` is placed (None if unplaced or out of range).
    pub fn get(&self, session: SessionId) -> Option<Placement> {
        self.placements.get(session).copied().flatten()
    }

    /// Number of sessions placed differently from `other` among those that
    /// are placed in `other` (the re-plan "moved" count).
    pub fn moved_from(&self, other: &Assignment) -> usize {
        other
            .placements
            .iter()
            .enumerate()
            .filter(|(s, p)| p.is_some() && self.get(*s) != **p)
            .count()
    }
}

impl Instance {
    /// Structural problems (ids not matching positions, references out of
    /// range, overlapping slots within a day, too many distinct features).
    /// The solver refuses instances with any of these.
    pub fn validate(&self) -> Vec<String> {
        let mut errors = Vec::new();
        let (nr, nt, np) = (self.rooms.len(), self.slots.len(), self.people.len());
        for (i, s) in self.slots.iter().enumerate() {
            if s.id != i {
                errors.push(format!("slot {i} has id {}", s.id));
            }
        }
        for (i, a) in self.slots.iter().enumerate() {
            for b in &self.slots[i + 1..] {
                if a.day == b.day
                    && a.start_minute < b.start_minute + b.length_minutes
                    && b.start_minute < a.start_minute + a.length_minutes
                {
                    errors.push(format!(
                        "slots {} and {} overlap on day {}",
                        a.id, b.id, a.day
                    ));
                }
            }
        }
        for (i, r) in self.rooms.iter().enumerate() {
            if r.id != i {
                errors.push(format!("room {i} has id {}", r.id));
            }
            if r.unavailable_slots.iter().any(|&t| t >= nt) {
                errors.push(format!("room {i} refers to an unknown slot"));
            }
        }
        for (i, p) in self.people.iter().enumerate() {
            if p.id != i {
                errors.push(format!("person {i} has id {}", p.id));
            }
            if p.unavailable_slots
                .iter()
                .chain(&p.preferred_slots)
                .any(|&t| t >= nt)
            {
                errors.push(format!("person {i} refers to an unknown slot"));
            }
        }
        for (i, s) in self.sessions.iter().enumerate() {
            if s.id != i {
                errors.push(format!("session {i} has id {}", s.id));
            }
            if s.people.iter().any(|&p| p >= np) {
                errors.push(format!("session {i} refers to an unknown person"));
            }
            if let Some(th) = s.theme {
                if th >= self.themes.len() {
                    errors.push(format!("session {i} refers to unknown theme {th}"));
                }
            }
            if let Some(pin) = s.pinned {
                if pin.room >= nr || pin.slot >= nt {
                    errors.push(format!("session {i} is pinned to an unknown room or slot"));
                }
            }
        }
        if self.blocked_slots.iter().any(|&t| t >= nt) {
            errors.push("blocked_slots refers to an unknown slot".to_string());
        }
        if self.feature_names().len() > 64 {
            errors.push("more than 64 distinct room features".to_string());
        }
        errors
    }

    /// All feature codes used by rooms or sessions, sorted (bit i of a
    /// feature mask is `feature_names()[i]`).
    pub fn feature_names(&self) -> Vec<String> {
        let mut names: Vec<String> = self
            .rooms
            .iter()
            .flat_map(|r| r.features.iter())
            .chain(
                self.sessions
                    .iter()
                    .flat_map(|s| s.required_features.iter()),
            )
            .cloned()
            .collect();
        names.sort();
        names.dedup();
        names
    }
}
