//! Soft goals: weights, the scored breakdown, and the incremental `Tally`
//! the search uses (the same counters produce `soft_score`, so the search
//! and the editor never disagree about a score).

use serde::{Deserialize, Serialize};
use serde_json::{json, Value};
use std::collections::BTreeMap;

use crate::model::{Assignment, Instance};
use crate::prepare::{Prepared, NONE};

/// How much each soft goal counts. Organisers can change these; a weight of
/// 0 switches a goal off. The score is the weighted sum of each goal's
/// amount (see [`Goal`] for the unit of each amount).
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Weights {
    /// Per seat missing, summed over sessions (audience above capacity).
    pub overflow_total: f64,
    /// Per seat missing in the worst-off session.
    pub overflow_worst: f64,
    /// Per session above `max_parallel_same_theme` in a slot.
    pub theme_parallel: f64,
    /// Per session of a theme in a slot above the theme's even share.
    pub theme_spread: f64,
    /// Per room a theme uses beyond the fewest it could use.
    pub theme_rooms: f64,
    /// Per session of a stakeholder group in a slot above the group's even share.
    pub stakeholder_mix: f64,
    /// Per session of a region in a slot above the region's even share.
    pub regional_mix: f64,
    /// Per onsite-heavy hybrid session in a room without the remote kit.
    pub remote_kit: f64,
    /// Per person placed outside their preferred slots, per session.
    pub preferred_times: f64,
    /// Per session above a person's daily maximum.
    pub person_day_cap: f64,
}

impl Default for Weights {
    /// The forum's priorities: audience within capacity comes first, so a
    /// seat of overflow (20, plus 40 per seat of the worst session)
    /// outweighs the usual gain of a move on any other goal; a same-theme
    /// parallel excess (100) still counts as five seats. The other goals
    /// keep their relative weights and decide among schedules with about
    /// the same overflow.
    fn default() -> Self {
        Weights {
            overflow_total: 20.0,
            overflow_worst: 40.0,
            theme_parallel: 100.0,
            theme_spread: 2.0,
            theme_rooms: 0.25,
            stakeholder_mix: 1.0,
            regional_mix: 0.5,
            remote_kit: 3.0,
            preferred_times: 0.5,
            person_day_cap: 10.0,
        }
    }
}

/// The soft goals, in breakdown order.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Goal {
    /// Seats missing, summed over all sessions.
    OverflowTotal,
    /// Seats missing in the worst-off session.
    OverflowWorst,
    /// Sessions above the same-theme parallel limit.
    ThemeParallel,
    /// Same-theme sessions crowding one slot (above even share).
    ThemeSpread,
    /// Extra rooms a theme is spread over.
    ThemeRooms,
    /// Stakeholder groups crowding one slot.
    StakeholderMix,
    /// Regions crowding one slot.
    RegionalMix,
    /// Onsite-heavy hybrid sessions without a remote kit.
    RemoteKit,
    /// People placed outside preferred times.
    PreferredTimes,
    /// Sessions above people's daily maximum.
    PersonDayCap,
}

impl Goal {
    /// All goals in breakdown order.
    pub const ALL: [Goal; 10] = [
        Goal::OverflowTotal,
        Goal::OverflowWorst,
        Goal::ThemeParallel,
        Goal::ThemeSpread,
        Goal::ThemeRooms,
        Goal::StakeholderMix,
        Goal::RegionalMix,
        Goal::RemoteKit,
        Goal::PreferredTimes,
        Goal::PersonDayCap,
    ];

    /// Stable code, e.g. "overflow-total".
    pub fn code(self) -> &'static str {
        match self {
            Goal::OverflowTotal => "overflow-total",
            Goal::OverflowWorst => "overflow-worst",
            Goal::ThemeParallel => "theme-parallel",
            Goal::ThemeSpread => "theme-spread",
            Goal::ThemeRooms => "theme-rooms",
            Goal::StakeholderMix => "stakeholder-mix",
            Goal::RegionalMix => "regional-mix",
            Goal::RemoteKit => "remote-kit",
            Goal::PreferredTimes => "preferred-times",
            Goal::PersonDayCap => "person-day-cap",
        }
    }

    fn weight(self, w: &Weights) -> f64 {
        match self {
            Goal::OverflowTotal => w.overflow_total,
            Goal::OverflowWorst => w.overflow_worst,
            Goal::ThemeParallel => w.theme_parallel,
            Goal::ThemeSpread => w.theme_spread,
            Goal::ThemeRooms => w.theme_rooms,
            Goal::StakeholderMix => w.stakeholder_mix,
            Goal::RegionalMix => w.regional_mix,
            Goal::RemoteKit => w.remote_kit,
            Goal::PreferredTimes => w.preferred_times,
            Goal::PersonDayCap => w.person_day_cap,
        }
    }
}

/// One line of the score breakdown.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct GoalScore {
    /// Which goal.
    pub goal: Goal,
    /// Unweighted amount (seats, sessions, rooms, ... see [`Weights`]).
    pub amount: u64,
    /// Weight used.
    pub weight: f64,
    /// `amount * weight`.
    pub weighted: f64,
}

/// A remaining soft violation, for the editor to explain.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SoftViolation {
    /// The goal it counts against.
    pub goal: Goal,
    /// Stable code (same as `goal.code()`), usable as a translation key suffix.
    pub kind: String,
    /// Sessions involved.
    pub sessions: Vec<usize>,
    /// People involved.
    pub people: Vec<usize>,
    /// Rooms involved.
    pub rooms: Vec<usize>,
    /// Slots involved.
    pub slots: Vec<usize>,
    /// How much it adds to the goal's amount.
    pub amount: u64,
    /// Numbers / codes for the explanation text (e.g. audience, capacity).
    pub params: BTreeMap<String, Value>,
}

/// Soft score with breakdown; lower is better, 0 is perfect.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Score {
    /// Weighted sum over all goals.
    pub total: f64,
    /// One entry per goal, in [`Goal::ALL`] order.
    pub goals: Vec<GoalScore>,
    /// Each remaining soft violation.
    pub violations: Vec<SoftViolation>,
    /// Seats missing, summed over sessions.
    pub total_overflow: u64,
    /// Seats missing in the worst-off session.
    pub worst_overflow: u32,
}

/// Raw goal amounts plus the hard counts the search cares about.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub(crate) struct Raw {
    pub overlaps: i64,
    pub unplaced: i64,
    pub moved: i64,
    pub overflow_total: i64,
    pub theme_parallel: i64,
    pub theme_spread: i64,
    pub theme_rooms: i64,
    pub stakeholder_mix: i64,
    pub regional_mix: i64,
    pub remote_kit: i64,
    pub preferred_times: i64,
    pub person_day_cap: i64,
}

/// Incremental counters over a partial schedule. `add`/`remove` keep every
/// goal amount exact, so a move is evaluated as remove + add + read.
pub(crate) struct Tally<'a> {
    pub p: &'a Prepared,
    pub w: Weights,
    pub raw: Raw,
    pub worst: u32,
    person_slot: Vec<u16>,
    person_day: Vec<u16>,
    theme_slot: Vec<u16>,
    theme_room: Vec<u16>,
    theme_rooms_used: Vec<u16>,
    group_slot: Vec<u16>,
    region_slot: Vec<u16>,
    overflow_hist: Vec<u32>,
    /// Previous room-slot per session in re-plan mode (NONE = none).
    prev: Vec<u32>,
}

impl<'a> Tally<'a> {
    /// Everything unplaced; `prev` (re-plan) makes every previously placed
    /// session count as moved until it is put back.
    pub fn new(p: &'a Prepared, w: Weights, prev: Option<&[u32]>) -> Tally<'a> {
        let prev: Vec<u32> = prev.map_or_else(|| vec![NONE; p.n_sessions], |v| v.to_vec());
        let moved = prev.iter().filter(|&&x| x != NONE).count() as i64;
        Tally {
            p,
            w,
            raw: Raw {
                unplaced: p.n_sessions as i64,
                moved,
                ..Raw::default()
            },
            worst: 0,
            person_slot: vec![0; p.n_people * p.n_slots],
            person_day: vec![0; p.n_people * p.n_days],
            theme_slot: vec![0; p.n_themes * p.n_slots],
            theme_room: vec![0; p.n_themes * p.n_rooms],
            theme_rooms_used: vec![0; p.n_themes],
            group_slot: vec![0; p.n_groups * p.n_slots],
            region_slot: vec![0; p.n_regions * p.n_slots],
            overflow_hist: vec![0; p.max_overflow as usize + 1],
            prev,
        }
    }

    pub fn soft(&self) -> f64 {
        let (r, w) = (&self.raw, &self.w);
        w.overflow_total * r.overflow_total as f64
            + w.overflow_worst * self.worst as f64
            + w.theme_parallel * r.theme_parallel as f64
            + w.theme_spread * r.theme_spread as f64
            + w.theme_rooms * r.theme_rooms as f64
            + w.stakeholder_mix * r.stakeholder_mix as f64
            + w.regional_mix * r.regional_mix as f64
            + w.remote_kit * r.remote_kit as f64
            + w.preferred_times * r.preferred_times as f64
            + w.person_day_cap * r.person_day_cap as f64
    }

    /// Sessions of theme `th` placed in room `r` (any slot).
    pub fn theme_room_count(&self, th: u32, r: usize) -> u16 {
        self.theme_room[th as usize * self.p.n_rooms + r]
    }

    /// Previous room-slot of `s` in re-plan mode (NONE = none).
    pub fn prev_of(&self, s: usize) -> u32 {
        self.prev[s]
    }

    pub fn hard(&self) -> i64 {
        self.raw.overlaps + self.raw.unplaced
    }

    pub fn amount(&self, g: Goal) -> u64 {
        let r = &self.raw;
        (match g {
            Goal::OverflowTotal => r.overflow_total,
            Goal::OverflowWorst => self.worst as i64,
            Goal::ThemeParallel => r.theme_parallel,
            Goal::ThemeSpread => r.theme_spread,
            Goal::ThemeRooms => r.theme_rooms,
            Goal::StakeholderMix => r.stakeholder_mix,
            Goal::RegionalMix => r.regional_mix,
            Goal::RemoteKit => r.remote_kit,
            Goal::PreferredTimes => r.preferred_times,
            Goal::PersonDayCap => r.person_day_cap,
        }) as u64
    }

    /// Put session `s` into room-slot `rs`.
    pub fn add(&mut self, s: usize, rs: u32) {
        self.update(s, rs, true);
    }

    /// Take session `s` out of room-slot `rs`.
    pub fn remove(&mut self, s: usize, rs: u32) {
        self.update(s, rs, false);
    }

    fn update(&mut self, s: usize, rs: u32, add: bool) {
        let p = self.p;
        let (nr, nt) = (p.n_rooms, p.n_slots);
        let t = rs as usize / nr;
        let r = rs as usize % nr;
        let d = p.slot_day[t];
        let sign: i64 = if add { 1 } else { -1 };
        self.raw.unplaced -= sign;
        if self.prev[s] == rs {
            self.raw.moved -= sign;
        }
        for &q in &p.session_people[s] {
            let q = q as usize;
            let c = &mut self.person_slot[q * nt + t];
            // Every extra session of a person in one slot is one overlap.
            if add {
                if *c >= 1 {
                    self.raw.overlaps += 1;
                }
                *c += 1;
            } else {
                *c -= 1;
                if *c >= 1 {
                    self.raw.overlaps -= 1;
                }
            }
            let cap = p.day_cap[q];
            let c = &mut self.person_day[q * p.n_days + d];
            bump(c, add, cap, &mut self.raw.person_day_cap);
        }
        if let Some(th) = p.theme[s] {
            let th = th as usize;
            let c = &mut self.theme_slot[th * nt + t];
            let before = *c as u32;
            let lim = if p.max_parallel == 0 {
                u32::MAX
            } else {
                p.max_parallel
            };
            bump(c, add, lim, &mut self.raw.theme_parallel);
            let mut c2 = before as u16;
            bump(&mut c2, add, p.theme_share[th], &mut self.raw.theme_spread);
            let c = &mut self.theme_room[th * nr + r];
            let used = &mut self.theme_rooms_used[th];
            let min = p.theme_min_rooms[th] as u16;
            if add {
                *c += 1;
                if *c == 1 {
                    *used += 1;
                    if *used > min {
                        self.raw.theme_rooms += 1;
                    }
                }
            } else {
                *c -= 1;
                if *c == 0 {
                    if *used > min {
                        self.raw.theme_rooms -= 1;
                    }
                    *used -= 1;
                }
            }
        }
        for &g in &p.groups[s] {
            let c = &mut self.group_slot[g as usize * nt + t];
            bump(
                c,
                add,
                p.group_share[g as usize],
                &mut self.raw.stakeholder_mix,
            );
        }
        for &g in &p.regions[s] {
            let c = &mut self.region_slot[g as usize * nt + t];
            bump(
                c,
                add,
                p.region_share[g as usize],
                &mut self.raw.regional_mix,
            );
        }
        let o = p.overflow[s * nr + r];
        self.raw.overflow_total += sign * o as i64;
        if o > 0 {
            let h = &mut self.overflow_hist;
            if add {
                h[o as usize] += 1;
                self.worst = self.worst.max(o);
            } else {
                h[o as usize] -= 1;
                if o == self.worst {
                    while self.worst > 0 && h[self.worst as usize] == 0 {
                        self.worst -= 1;
                    }
                }
            }
        }
        if p.remote_need[s] && !p.room_kit[r] {
            self.raw.remote_kit += sign;
        }
        self.raw.preferred_times += sign * p.pref_miss[s * nt + t] as i64;
    }
}

/// Count up/down and charge one unit per count above `limit`.
#[inline]
fn bump(c: &mut u16, add: bool, limit: u32, amount: &mut i64) {
    if add {
        *c += 1;
        if *c as u32 > limit {
            *amount += 1;
        }
    } else {
        if *c as u32 > limit {
            *amount -= 1;
        }
        *c -= 1;
    }
}

/// Valid dense room-slot of a placement, or None if it refers to unknown ids.
pub(crate) fn dense(p: &Prepared, a: &Assignment, s: usize) -> Option<u32> {
    a.get(s)
        .filter(|pl| pl.room < p.n_rooms && pl.slot < p.n_slots)
        .map(|pl| (pl.slot * p.n_rooms + pl.room) as u32)
}

pub(crate) fn breakdown(t: &Tally) -> Vec<GoalScore> {
    Goal::ALL
        .iter()
        .map(|&g| {
            let amount = t.amount(g);
            let weight = g.weight(&t.w);
            GoalScore {
                goal: g,
                amount,
                weight,
                weighted: amount as f64 * weight,
            }
        })
        .collect()
}

/// Soft score of `assignment` with a per-goal breakdown and every remaining
/// soft violation. Hard violations are not part of it (see [`crate::check`]);
/// placements referring to unknown rooms/slots are ignored.
pub fn soft_score(instance: &Instance, assignment: &Assignment, weights: &Weights) -> Score {
    if !instance.validate().is_empty() {
        return Score::default();
    }
    let p = Prepared::new(instance);
    score_prepared(&p, instance, assignment, weights)
}

pub(crate) fn score_prepared(p: &Prepared, inst: &Instance, a: &Assignment, w: &Weights) -> Score {
    let mut tally = Tally::new(p, *w, None);
    let (nr, nt) = (p.n_rooms, p.n_slots);
    let placed: Vec<Option<u32>> = (0..p.n_sessions).map(|s| dense(p, a, s)).collect();
    for (s, rs) in placed.iter().enumerate() {
        if let Some(rs) = rs {
            tally.add(s, *rs);
        }
    }
    let goals = breakdown(&tally);
    let mut v = Vec::new();
    let mut push = |goal: Goal,
                    sessions: Vec<usize>,
                    people: Vec<usize>,
                    rooms: Vec<usize>,
                    slots: Vec<usize>,
                    amount: u64,
                    params: Value| {
        let params = match params {
            Value::Object(m) => m.into_iter().collect(),
            _ => BTreeMap::new(),
        };
        v.push(SoftViolation {
            goal,
            kind: goal.code().to_string(),
            sessions,
            people,
            rooms,
            slots,
            amount,
            params,
        });
    };

    let mut by_slot: Vec<Vec<usize>> = vec![Vec::new(); nt];
    for (s, rs) in placed.iter().enumerate() {
        let Some(rs) = rs else { continue };
        let (t, r) = (*rs as usize / nr, *rs as usize % nr);
        by_slot[t].push(s);
        let o = p.overflow[s * nr + r];
        if o > 0 {
            push(
                Goal::OverflowTotal,
                vec![s],
                vec![],
                vec![r],
                vec![t],
                o as u64,
                json!({"audience": inst.sessions[s].audience, "capacity": inst.rooms[r].capacity, "overflow": o}),
            );
        }
        if p.remote_need[s] && !p.room_kit[r] {
            push(
                Goal::RemoteKit,
                vec![s],
                vec![],
                vec![r],
                vec![t],
                1,
                json!({"feature": inst.remote_kit_feature}),
            );
        }
        for &q in &p.session_people[s] {
            let prefs = &inst.people[q as usize].preferred_slots;
            if !prefs.is_empty() && !prefs.contains(&t) {
                push(
                    Goal::PreferredTimes,
                    vec![s],
                    vec![q as usize],
                    vec![r],
                    vec![t],
                    1,
                    json!({"preferred_slots": prefs}),
                );
            }
        }
    }
    if tally.worst > 0 {
        let worst: Vec<usize> = (0..p.n_sessions)
            .filter(|&s| {
                placed[s].is_some_and(|rs| p.overflow[s * nr + rs as usize % nr] == tally.worst)
            })
            .collect();
        push(
            Goal::OverflowWorst,
            worst,
            vec![],
            vec![],
            vec![],
            tally.worst as u64,
            json!({"overflow": tally.worst}),
        );
    }
    // Groups of sessions per (slot, code) above a limit.
    let mut crowd = |goal: Goal,
                     key: &str,
                     code_of: &dyn Fn(usize) -> Vec<u32>,
                     names: &dyn Fn(u32) -> Value,
                     limit: &dyn Fn(u32) -> u32| {
        for (t, list) in by_slot.iter().enumerate() {
            let mut per: BTreeMap<u32, Vec<usize>> = BTreeMap::new();
            for &s in list {
                for c in code_of(s) {
                    per.entry(c).or_default().push(s);
                }
            }
            for (c, ss) in per {
                let lim = limit(c);
                if ss.len() as u32 > lim {
                    let amount = ss.len() as u64 - lim as u64;
                    let params = json!({key: names(c), "count": ss.len(), "limit": lim});
                    push(goal, ss, vec![], vec![], vec![t], amount, params);
                }
            }
        }
    };
    let theme_of = |s: usize| p.theme[s].into_iter().collect::<Vec<u32>>();
    let theme_name = |c: u32| json!(inst.themes[c as usize]);
    if p.max_parallel > 0 {
        crowd(
            Goal::ThemeParallel,
            "theme",
            &theme_of,
            &theme_name,
            &|_| p.max_parallel,
        );
    }
    crowd(Goal::ThemeSpread, "theme", &theme_of, &theme_name, &|c| {
        p.theme_share[c as usize]
    });
    crowd(
        Goal::StakeholderMix,
        "group",
        &|s| p.groups[s].clone(),
        &|c| json!(p.group_names[c as usize]),
        &|c| p.group_share[c as usize],
    );
    crowd(
        Goal::RegionalMix,
        "region",
        &|s| p.regions[s].clone(),
        &|c| json!(p.region_names[c as usize]),
        &|c| p.region_share[c as usize],
    );
    // Themes over more rooms than needed.
    for th in 0..p.n_themes {
        let mut rooms: Vec<usize> = (0..p.n_sessions)
            .filter(|&s| p.theme[s] == Some(th as u32))
            .filter_map(|s| placed[s].map(|rs| rs as usize % nr))
            .collect();
        rooms.sort();
        rooms.dedup();
        let min = p.theme_min_rooms[th] as usize;
        if rooms.len() > min {
            let amount = (rooms.len() - min) as u64;
            let params =
                json!({"theme": inst.themes[th], "rooms_used": rooms.len(), "rooms_needed": min});
            push(
                Goal::ThemeRooms,
                vec![],
                vec![],
                rooms,
                vec![],
                amount,
                params,
            );
        }
    }
    // People above their daily maximum.
    for q in 0..p.n_people {
        let cap = p.day_cap[q];
        if cap == u32::MAX {
            continue;
        }
        let mut per_day: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
        for &s in &p.person_sessions[q] {
            if let Some(rs) = placed[s as usize] {
                per_day
                    .entry(p.slot_day[rs as usize / nr])
                    .or_default()
                    .push(s as usize);
            }
        }
        for (d, ss) in per_day {
            if ss.len() as u32 > cap {
                let amount = ss.len() as u64 - cap as u64;
                let day = inst
                    .slots
                    .iter()
                    .find(|sl| p.slot_day[sl.id] == d)
                    .map_or(0, |sl| sl.day);
                let params = json!({"day": day, "count": ss.len(), "limit": cap});
                push(
                    Goal::PersonDayCap,
                    ss,
                    vec![q],
                    vec![],
                    vec![],
                    amount,
                    params,
                );
            }
        }
    }
    Score {
        total: tally.soft(),
        goals,
        violations: v,
        total_overflow: tally.raw.overflow_total as u64,
        worst_overflow: tally.worst,
    }
}

/// Lower bounds on capacity overflow from a relaxation that ignores people
/// and the timing of slots but keeps what each session needs: a session
/// may take any room it is allowed in at some slot (features, online-only,
/// availability, pins), and a room takes at most as many sessions as it has
/// open slots. `total` is the exact optimum of that relaxation (a
/// transportation problem solved as min-cost flow); `worst` is its exact
/// bottleneck optimum (smallest worst overflow with which every session
/// still fits, by binary search over matchings). Every schedule without
/// hard violations is a solution of the relaxation, so neither can be
/// beaten. When every room-slot suits every session this equals pairing
/// audiences and capacities sorted largest-first.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct OverflowBound {
    /// No schedule has less total overflow than this.
    pub total: u64,
    /// No schedule has a smaller worst overflow than this.
    pub worst: u32,
}

/// See [`OverflowBound`]. Zero for invalid instances.
pub fn overflow_lower_bound(instance: &Instance) -> OverflowBound {
    if !instance.validate().is_empty() {
        return OverflowBound::default();
    }
    crate::flow::overflow_bound(&Prepared::new(instance))
}
