//! Proofs that no schedule exists: cheap counting arguments, a matching
//! argument (sessions vs. room-slots, ignoring people), and a complete
//! backtracking search used for small instances.

use serde::{Deserialize, Serialize};
use serde_json::{json, Value};
use std::collections::BTreeMap;
use std::time::Instant;

use crate::model::Instance;
use crate::prepare::{Prepared, NONE};

/// Why no schedule without hard violations can exist.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct InfeasibleReason {
    /// Stable code: "not-enough-room-slots", "no-possible-placement",
    /// "pinned-invalid", "pinned-same-room-slot", "pinned-person-overlap",
    /// "person-overbooked", "room-slot-matching", "exhaustive-search".
    pub code: String,
    /// Sessions involved.
    pub sessions: Vec<usize>,
    /// People involved.
    pub people: Vec<usize>,
    /// Rooms involved.
    pub rooms: Vec<usize>,
    /// Slots involved.
    pub slots: Vec<usize>,
    /// Translation key: `"solver.infeasible." + code`.
    pub key: String,
    /// Numbers / codes for the explanation.
    pub params: BTreeMap<String, Value>,
}

fn reason(
    code: &str,
    sessions: Vec<usize>,
    people: Vec<usize>,
    rooms: Vec<usize>,
    slots: Vec<usize>,
    params: Value,
) -> InfeasibleReason {
    InfeasibleReason {
        code: code.to_string(),
        sessions,
        people,
        rooms,
        slots,
        key: format!("solver.infeasible.{code}"),
        params: match params {
            Value::Object(m) => m.into_iter().collect(),
            _ => BTreeMap::new(),
        },
    }
}

/// Cheap proofs of infeasibility; empty if none applies (which does not mean
/// a schedule exists).
pub(crate) fn cheap_proofs(inst: &Instance, p: &Prepared) -> Vec<InfeasibleReason> {
    let mut out = Vec::new();
    let nr = p.n_rooms;
    // Counting: online and onsite sessions need their own kind of room-slot.
    for online in [false, true] {
        let need = inst
            .sessions
            .iter()
            .filter(|s| s.online_only == online)
            .count();
        let have = (0..p.n_rs())
            .filter(|&rs| p.usable[rs] && inst.rooms[rs % nr].online_only == online)
            .count();
        if need > have {
            out.push(reason(
                "not-enough-room-slots",
                vec![],
                vec![],
                vec![],
                vec![],
                json!({"sessions": need, "room_slots": have, "online": online}),
            ));
        }
    }
    // Pinned sessions: the pinned room-slot itself must be usable.
    let mut pinned_at: BTreeMap<u32, Vec<usize>> = BTreeMap::new();
    for (s, sess) in inst.sessions.iter().enumerate() {
        let Some(pin) = sess.pinned else { continue };
        let rs = (pin.slot * nr + pin.room) as u32;
        pinned_at.entry(rs).or_default().push(s);
        if !p.domain[s].is_empty() {
            continue;
        }
        let room = &inst.rooms[pin.room];
        let mut why = Vec::new();
        if inst.blocked_slots.contains(&pin.slot) {
            why.push("blocked-slot");
        }
        if room.unavailable_slots.contains(&pin.slot) {
            why.push("room-unavailable");
        }
        if sess
            .required_features
            .iter()
            .any(|f| !room.features.contains(f))
        {
            why.push("missing-feature");
        }
        if sess.duration_minutes > inst.slots[pin.slot].length_minutes {
            why.push("duration-too-long");
        }
        if sess.online_only != room.online_only {
            why.push("online-mismatch");
        }
        let away: Vec<usize> = p.session_people[s]
            .iter()
            .map(|&q| q as usize)
            .filter(|&q| inst.people[q].unavailable_slots.contains(&pin.slot))
            .collect();
        if !away.is_empty() {
            why.push("person-unavailable");
        }
        out.push(reason(
            "pinned-invalid",
            vec![s],
            away,
            vec![pin.room],
            vec![pin.slot],
            json!({"why": why}),
        ));
    }
    for (rs, ss) in &pinned_at {
        if ss.len() > 1 {
            let (t, r) = (*rs as usize / nr, *rs as usize % nr);
            out.push(reason(
                "pinned-same-room-slot",
                ss.clone(),
                vec![],
                vec![r],
                vec![t],
                json!({}),
            ));
        }
    }
    // Pinned sessions sharing a person in one slot.
    let mut pinned_person: BTreeMap<(u32, usize), Vec<usize>> = BTreeMap::new();
    for (s, sess) in inst.sessions.iter().enumerate() {
        if let Some(pin) = sess.pinned {
            for &q in &p.session_people[s] {
                pinned_person.entry((q, pin.slot)).or_default().push(s);
            }
        }
    }
    for ((q, t), ss) in pinned_person {
        if ss.len() > 1 {
            out.push(reason(
                "pinned-person-overlap",
                ss,
                vec![q as usize],
                vec![],
                vec![t],
                json!({}),
            ));
        }
    }
    // Unpinned sessions with nowhere to go.
    for (s, sess) in inst.sessions.iter().enumerate() {
        if sess.pinned.is_none() && p.domain[s].is_empty() {
            out.push(reason(
                "no-possible-placement",
                vec![s],
                vec![],
                vec![],
                vec![],
                json!({}),
            ));
        }
    }
    // A person needs one distinct slot per session.
    for q in 0..p.n_people {
        let n = p.person_sessions[q].len();
        if n < 2 {
            continue;
        }
        let open = (0..p.n_slots)
            .filter(|&t| {
                !inst.people[q].unavailable_slots.contains(&t)
                    && (0..nr).any(|r| p.usable[t * nr + r])
            })
            .count();
        if n > open {
            let ss = p.person_sessions[q].iter().map(|&s| s as usize).collect();
            out.push(reason(
                "person-overbooked",
                ss,
                vec![q],
                vec![],
                vec![],
                json!({"sessions": n, "available_slots": open}),
            ));
        }
    }
    if out.is_empty() {
        let unmatched = unmatched_sessions(p);
        if !unmatched.is_empty() {
            let n = unmatched.len();
            out.push(reason(
                "room-slot-matching",
                unmatched,
                vec![],
                vec![],
                vec![],
                json!({"unmatched": n}),
            ));
        }
    }
    out
}

/// Sessions left over by a maximum matching of sessions to allowed
/// room-slots (Kuhn's algorithm); non-empty means infeasible by Hall's theorem.
fn unmatched_sessions(p: &Prepared) -> Vec<usize> {
    let mut owner = vec![NONE; p.n_rs()];
    let mut seen = vec![0u32; p.n_rs()];
    let mut unmatched = Vec::new();
    let mut order: Vec<usize> = (0..p.n_sessions).collect();
    order.sort_by_key(|&s| p.domain[s].len());
    for (round, &s) in order.iter().enumerate() {
        if !augment(p, s, round as u32 + 1, &mut owner, &mut seen) {
            unmatched.push(s);
        }
    }
    unmatched.sort();
    unmatched
}

fn augment(p: &Prepared, s: usize, round: u32, owner: &mut [u32], seen: &mut [u32]) -> bool {
    // Free room-slot first: keeps most augmentations one step long.
    for &rs in &p.domain[s] {
        if owner[rs as usize] == NONE {
            owner[rs as usize] = s as u32;
            return true;
        }
    }
    for &rs in &p.domain[s] {
        let rs = rs as usize;
        if seen[rs] == round {
            continue;
        }
        seen[rs] = round;
        let other = owner[rs] as usize;
        if augment(p, other, round, owner, seen) {
            owner[rs] = s as u32;
            return true;
        }
    }
    false
}

/// Result of the complete search.
pub(crate) enum Exact {
    /// A schedule without hard violations (room-slot per session).
    Found(Vec<u32>),
    /// The whole space was searched: no schedule exists.
    Exhausted,
    /// Node budget or deadline reached first.
    GaveUp,
}

struct Search<'a> {
    p: &'a Prepared,
    slot_of: Vec<u32>,
    /// Session holding room r in slot t: `room_owner[t * rooms + r]`.
    room_owner: Vec<u32>,
    person_busy: Vec<bool>,
    seen: Vec<u32>,
    stamp: u32,
    nodes: u64,
    budget: u64,
    deadline: Instant,
    gave_up: bool,
}

/// Complete backtracking: sessions to slots (most constrained first) with a
/// room matching per slot kept by augmenting paths, so room choice is never
/// branched on.
pub(crate) fn exact_search(p: &Prepared, budget: u64, deadline: Instant) -> Exact {
    let mut st = Search {
        p,
        slot_of: vec![NONE; p.n_sessions],
        room_owner: vec![NONE; p.n_rs()],
        person_busy: vec![false; p.n_people * p.n_slots],
        seen: vec![0; p.n_rs()],
        stamp: 0,
        nodes: 0,
        budget,
        deadline,
        gave_up: false,
    };
    if st.dfs(0) {
        let mut out = vec![NONE; p.n_sessions];
        for (rs, &s) in st.room_owner.iter().enumerate() {
            if s != NONE {
                out[s as usize] = rs as u32;
            }
        }
        Exact::Found(out)
    } else if st.gave_up {
        Exact::GaveUp
    } else {
        Exact::Exhausted
    }
}

impl Search<'_> {
    fn slot_open(&self, s: usize, t: usize) -> bool {
        let nt = self.p.n_slots;
        self.p.session_people[s]
            .iter()
            .all(|&q| !self.person_busy[q as usize * nt + t])
    }

    fn slots_of(&self, s: usize) -> Vec<usize> {
        let mut ts: Vec<usize> = self.p.domain[s]
            .iter()
            .map(|&rs| rs as usize / self.p.n_rooms)
            .filter(|&t| self.slot_open(s, t))
            .collect();
        ts.dedup();
        ts
    }

    fn dfs(&mut self, placed: usize) -> bool {
        if placed == self.p.n_sessions {
            return true;
        }
        self.nodes += 1;
        if self.nodes > self.budget
            || (self.nodes.is_multiple_of(1024) && Instant::now() > self.deadline)
        {
            self.gave_up = true;
            return false;
        }
        // Most constrained unplaced session (fewest open slots).
        let mut best: Option<(usize, Vec<usize>)> = None;
        for s in 0..self.p.n_sessions {
            if self.slot_of[s] != NONE {
                continue;
            }
            let ts = self.slots_of(s);
            if best.as_ref().is_none_or(|(_, b)| ts.len() < b.len()) {
                let empty = ts.is_empty();
                best = Some((s, ts));
                if empty {
                    break;
                }
            }
        }
        let Some((s, ts)) = best else { return true };
        let nr = self.p.n_rooms;
        let nt = self.p.n_slots;
        for t in ts {
            let saved: Vec<u32> = self.room_owner[t * nr..(t + 1) * nr].to_vec();
            self.stamp += 1;
            if !self.augment(s, t) {
                continue;
            }
            self.slot_of[s] = t as u32;
            for &q in &self.p.session_people[s] {
                self.person_busy[q as usize * nt + t] = true;
            }
            if self.dfs(placed + 1) {
                return true;
            }
            for &q in &self.p.session_people[s] {
                self.person_busy[q as usize * nt + t] = false;
            }
            self.slot_of[s] = NONE;
            self.room_owner[t * nr..(t + 1) * nr].copy_from_slice(&saved);
            if self.gave_up {
                return false;
            }
        }
        false
    }

    /// Find a room for `s` in slot `t`, re-seating others in `t` if needed.
    fn augment(&mut self, s: usize, t: usize) -> bool {
        let nr = self.p.n_rooms;
        for r in 0..nr {
            let rs = t * nr + r;
            if !self.p.is_allowed(s, rs as u32) || self.seen[rs] == self.stamp {
                continue;
            }
            self.seen[rs] = self.stamp;
            let other = self.room_owner[rs];
            if other == NONE || self.augment(other as usize, t) {
                self.room_owner[rs] = s as u32;
                return true;
            }
        }
        false
    }
}

/// Proof by complete search (small instances).
pub(crate) fn exhaustive_reason() -> InfeasibleReason {
    reason(
        "exhaustive-search",
        vec![],
        vec![],
        vec![],
        vec![],
        json!({}),
    )
}
