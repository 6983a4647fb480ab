//! Hard-rule violations and editor warnings of a (partial) schedule. Runs on
//! every edit in the web editor, so it is linear in sessions x people and
//! does not build the solver's domains.

use serde::{Deserialize, Serialize};
use serde_json::{json, Value};
use std::collections::BTreeMap;

use crate::model::{Assignment, Instance};

/// What is wrong. Serialises to the stable kebab-case code (see [`ConflictKind::code`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ConflictKind {
    /// Hard: the session has no room/slot.
    Unplaced,
    /// Hard: the placement names a room or slot that does not exist.
    InvalidPlacement,
    /// Hard: two or more sessions in one room at the same slot.
    RoomDoubleBooked,
    /// Hard: a person is in two or more sessions in the same slot.
    PersonOverlap,
    /// Hard: a person is unavailable in the session's slot.
    PersonUnavailable,
    /// Hard: the room is closed in that slot.
    RoomUnavailable,
    /// Hard: the slot is blocked for all rooms.
    BlockedSlot,
    /// Hard: the room lacks a required feature.
    MissingFeature,
    /// Hard: the session is longer than the slot.
    DurationTooLong,
    /// Hard: a pinned session is not where it was pinned.
    PinnedMoved,
    /// Hard: online-only session in a physical room, or the other way round.
    OnlineMismatch,
    /// Warning: expected audience exceeds room capacity.
    CapacityBelowAudience,
    /// Warning: more same-theme sessions in parallel than allowed.
    ThemeParallel,
    /// Warning: a person has more sessions on a day than their maximum.
    PersonDayCap,
}

impl ConflictKind {
    /// Stable code, e.g. "person-overlap".
    pub fn code(self) -> &'static str {
        match self {
            ConflictKind::Unplaced => "unplaced",
            ConflictKind::InvalidPlacement => "invalid-placement",
            ConflictKind::RoomDoubleBooked => "room-double-booked",
            ConflictKind::PersonOverlap => "person-overlap",
            ConflictKind::PersonUnavailable => "person-unavailable",
            ConflictKind::RoomUnavailable => "room-unavailable",
            ConflictKind::BlockedSlot => "blocked-slot",
            ConflictKind::MissingFeature => "missing-feature",
            ConflictKind::DurationTooLong => "duration-too-long",
            ConflictKind::PinnedMoved => "pinned-moved",
            ConflictKind::OnlineMismatch => "online-mismatch",
            ConflictKind::CapacityBelowAudience => "capacity-below-audience",
            ConflictKind::ThemeParallel => "theme-parallel",
            ConflictKind::PersonDayCap => "person-day-cap",
        }
    }

    /// True for rules a valid schedule must never break; false for warnings.
    pub fn is_hard(self) -> bool {
        !matches!(
            self,
            ConflictKind::CapacityBelowAudience
                | ConflictKind::ThemeParallel
                | ConflictKind::PersonDayCap
        )
    }
}

/// One problem in a schedule, with everything the editor needs to explain
/// it: translate `key` and fill in `params`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Conflict {
    /// What is wrong.
    pub kind: ConflictKind,
    /// Hard rule (true) or warning (false).
    pub hard: bool,
    /// Sessions involved.
    pub sessions: Vec<usize>,
    /// People involved.
    pub people: Vec<usize>,
    /// Rooms involved.
    pub rooms: Vec<usize>,
    /// Slots involved.
    pub slots: Vec<usize>,
    /// Translation key: `"solver.conflict." + kind.code()`.
    pub key: String,
    /// Values for the explanation (audience, capacity, feature names, ...).
    pub params: BTreeMap<String, Value>,
}

impl Conflict {
    fn new(
        kind: ConflictKind,
        sessions: Vec<usize>,
        people: Vec<usize>,
        rooms: Vec<usize>,
        slots: Vec<usize>,
        params: Value,
    ) -> Self {
        Conflict {
            kind,
            hard: kind.is_hard(),
            sessions,
            people,
            rooms,
            slots,
            key: format!("solver.conflict.{}", kind.code()),
            params: match params {
                Value::Object(m) => m.into_iter().collect(),
                _ => BTreeMap::new(),
            },
        }
    }
}

/// Every hard violation and editor warning of `assignment`, sessions in id
/// order within each kind. Missing entries (assignment shorter than the
/// session list) count as unplaced. Cost: O(sessions x people per session +
/// rooms x slots + people x slots).
pub fn check(instance: &Instance, assignment: &Assignment) -> Vec<Conflict> {
    let inst = instance;
    let (nr, nt, np) = (inst.rooms.len(), inst.slots.len(), inst.people.len());
    let mut out = Vec::new();
    let mut blocked = vec![false; nt];
    for &t in inst.blocked_slots.iter().filter(|&&t| t < nt) {
        blocked[t] = true;
    }
    let mut room_closed = vec![false; nr * nt];
    for (r, room) in inst.rooms.iter().enumerate() {
        for &t in room.unavailable_slots.iter().filter(|&&t| t < nt) {
            room_closed[t * nr + r] = true;
        }
    }
    let mut person_away = vec![false; np * nt];
    for (q, person) in inst.people.iter().enumerate() {
        for &t in person.unavailable_slots.iter().filter(|&&t| t < nt) {
            person_away[q * nt + t] = true;
        }
    }
    // Sessions per room-slot and per person-slot, filled in session order.
    let mut occupants: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    let mut person_slot: BTreeMap<(usize, usize), Vec<usize>> = BTreeMap::new();
    let mut person_day: BTreeMap<(usize, u32), Vec<usize>> = BTreeMap::new();
    let mut theme_slot: BTreeMap<(usize, usize), Vec<usize>> = BTreeMap::new();

    for (s, sess) in inst.sessions.iter().enumerate() {
        let Some(pl) = assignment.get(s) else {
            out.push(Conflict::new(
                ConflictKind::Unplaced,
                vec![s],
                vec![],
                vec![],
                vec![],
                json!({}),
            ));
            continue;
        };
        let (r, t) = (pl.room, pl.slot);
        if r >= nr || t >= nt {
            out.push(Conflict::new(
                ConflictKind::InvalidPlacement,
                vec![s],
                vec![],
                vec![],
                vec![],
                json!({"room": r, "slot": t}),
            ));
            continue;
        }
        let room = &inst.rooms[r];
        let slot = &inst.slots[t];
        let here = |kind, people: Vec<usize>, params: Value| {
            Conflict::new(kind, vec![s], people, vec![r], vec![t], params)
        };
        if let Some(pin) = sess.pinned {
            if pin != pl {
                out.push(here(
                    ConflictKind::PinnedMoved,
                    vec![],
                    json!({"pinned_room": pin.room, "pinned_slot": pin.slot}),
                ));
            }
        }
        if blocked[t] {
            out.push(here(ConflictKind::BlockedSlot, vec![], json!({})));
        }
        if room_closed[t * nr + r] {
            out.push(here(ConflictKind::RoomUnavailable, vec![], json!({})));
        }
        let missing: Vec<&String> = sess
            .required_features
            .iter()
            .filter(|f| !room.features.contains(f))
            .collect();
        if !missing.is_empty() {
            out.push(here(
                ConflictKind::MissingFeature,
                vec![],
                json!({"features": missing}),
            ));
        }
        if sess.duration_minutes > slot.length_minutes {
            out.push(here(
                ConflictKind::DurationTooLong,
                vec![],
                json!({"duration": sess.duration_minutes, "slot_length": slot.length_minutes}),
            ));
        }
        if sess.online_only != room.online_only {
            out.push(here(
                ConflictKind::OnlineMismatch,
                vec![],
                json!({"session_online": sess.online_only, "room_online": room.online_only}),
            ));
        }
        if !room.online_only && sess.audience > room.capacity {
            out.push(here(
                ConflictKind::CapacityBelowAudience,
                vec![],
                json!({"audience": sess.audience, "capacity": room.capacity, "overflow": sess.audience - room.capacity}),
            ));
        }
        let mut people = sess.people.clone();
        people.sort();
        people.dedup();
        for &q in people.iter().filter(|&&q| q < np) {
            if person_away[q * nt + t] {
                out.push(here(ConflictKind::PersonUnavailable, vec![q], json!({})));
            }
            person_slot.entry((q, t)).or_default().push(s);
            person_day.entry((q, slot.day)).or_default().push(s);
        }
        occupants.entry(t * nr + r).or_default().push(s);
        if let Some(th) = sess.theme {
            theme_slot.entry((th, t)).or_default().push(s);
        }
    }
    for (rs, ss) in occupants {
        if ss.len() > 1 {
            let (t, r) = (rs / nr, rs % nr);
            let n = ss.len();
            out.push(Conflict::new(
                ConflictKind::RoomDoubleBooked,
                ss,
                vec![],
                vec![r],
                vec![t],
                json!({"count": n}),
            ));
        }
    }
    for ((q, t), ss) in person_slot {
        if ss.len() > 1 {
            let rooms = ss
                .iter()
                .filter_map(|&s| assignment.get(s))
                .map(|p| p.room)
                .collect();
            let n = ss.len();
            out.push(Conflict::new(
                ConflictKind::PersonOverlap,
                ss,
                vec![q],
                rooms,
                vec![t],
                json!({"count": n}),
            ));
        }
    }
    for ((q, day), ss) in person_day {
        if let Some(cap) = inst.people[q].max_sessions_per_day {
            if ss.len() as u32 > cap {
                let n = ss.len();
                out.push(Conflict::new(
                    ConflictKind::PersonDayCap,
                    ss,
                    vec![q],
                    vec![],
                    vec![],
                    json!({"day": day, "count": n, "limit": cap}),
                ));
            }
        }
    }
    let limit = inst.max_parallel_same_theme as usize;
    if limit > 0 {
        for ((th, t), ss) in theme_slot {
            if ss.len() > limit {
                let n = ss.len();
                let name = inst.themes.get(th).cloned().unwrap_or_default();
                out.push(Conflict::new(
                    ConflictKind::ThemeParallel,
                    ss,
                    vec![],
                    vec![],
                    vec![t],
                    json!({"theme": name, "count": n, "limit": limit}),
                ));
            }
        }
    }
    out
}

/// Number of hard violations in `check(instance, assignment)`.
pub fn hard_count(instance: &Instance, assignment: &Assignment) -> usize {
    check(instance, assignment)
        .iter()
        .filter(|c| c.hard)
        .count()
}
