//! The search: infeasibility proofs, a complete search for small instances,
//! most-constrained-first construction, then simulated annealing over
//! moves, swaps and ejections with incremental evaluation.

use serde::{Deserialize, Serialize};
use std::time::Instant;

use crate::assign::{Assigner, FORBIDDEN};
use crate::check::hard_count;
use crate::feasibility::{cheap_proofs, exact_search, Exact, InfeasibleReason};
use crate::model::{Assignment, Instance, Placement};
use crate::prepare::{Prepared, NONE};
use crate::rng::Rng;
use crate::score::{dense, score_prepared, OverflowBound, Score, Tally, Weights};

/// Search settings.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Options {
    /// Soft-goal weights.
    pub weights: Weights,
    /// Wall-clock limit for the whole solve.
    pub time_limit_ms: u64,
    /// Seed of the search's random choices.
    pub seed: u64,
    /// Re-plan mode: the schedule in use. The solver first fixes hard
    /// violations, then moves as few of these placements as possible, and
    /// only then improves the soft score.
    pub previous: Option<Assignment>,
    /// Optional cap on search iterations. With a cap that is reached before
    /// the time limit, the result depends only on instance, options and seed.
    pub max_iterations: Option<u64>,
    /// Stop after this many annealing rounds in a row without a better
    /// schedule (0 = never stop early for that reason).
    pub stall_rounds: u32,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            weights: Weights::default(),
            time_limit_ms: 5_000,
            seed: 42,
            previous: None,
            max_iterations: None,
            stall_rounds: 6,
        }
    }
}

/// Reported to the progress callback about every 100 ms.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct Progress {
    /// 0..=1 share of the time (or iteration) budget used.
    pub fraction: f64,
    /// Hard violations of the best schedule so far (unplaced + overlaps).
    pub hard_violations: usize,
    /// Soft score of the best schedule so far.
    pub soft_score: f64,
    /// Time since the solve started.
    pub elapsed_ms: u64,
}

/// Overall result of a solve.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "status", rename_all = "kebab-case")]
pub enum Status {
    /// The returned schedule has no hard violation.
    Feasible,
    /// No schedule without hard violations was found in the time/iteration
    /// budget; the returned one is the best attempt. None may exist.
    NotFound,
    /// Proven: no schedule without hard violations exists.
    Infeasible {
        /// One or more independent proofs.
        reasons: Vec<InfeasibleReason>,
    },
    /// The instance itself is malformed (see [`Instance::validate`]).
    Invalid {
        /// Validation errors.
        errors: Vec<String>,
    },
}

/// Why the search ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum StopReason {
    /// Infeasibility was proven or the instance is invalid / empty.
    Proven,
    /// The soft score reached its lower bound: nothing left to improve.
    LowerBound,
    /// Time limit.
    TimeLimit,
    /// `max_iterations`.
    IterationLimit,
    /// `stall_rounds` rounds without improvement.
    Stalled,
    /// The progress callback returned false.
    Stopped,
}

/// Everything a solve produces.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Outcome {
    /// Feasible / not found / proven infeasible / invalid input.
    pub status: Status,
    /// Best schedule found (fewest hard violations, then fewest moved, then
    /// lowest soft score).
    pub assignment: Assignment,
    /// Hard violations of `assignment` as counted by [`crate::check`].
    pub hard_violations: usize,
    /// Soft score of `assignment` with breakdown.
    pub score: Score,
    /// Re-plan mode: placements changed relative to `Options::previous`.
    pub moved: Option<usize>,
    /// Time until the first schedule with no hard violation, if any.
    pub first_feasible_ms: Option<u64>,
    /// Total solve time.
    pub total_ms: u64,
    /// Search iterations performed.
    pub iterations: u64,
    /// Why the search ended.
    pub stop: StopReason,
    /// Capacity-overflow lower bound of the instance.
    pub overflow_bound: OverflowBound,
}

/// Walk weight of a hard violation: dwarfs any soft change. The best-so-far
/// order is strictly (hard, moved, soft); the walk itself charges a moved
/// session about three starting temperatures, so in re-plan mode it can
/// still pass through a few extra moves to unblock a repair.
const HARD_W: f64 = 1e5;
const MOVE_W: f64 = 1e3;
/// Share of the moves of a clash-free walk that are slot moves with
/// optimal re-seating of both slots ([`reseat`]), in the coolest 30% of
/// each round (they cost about 20 plain moves, and pay off when the walk
/// is settling rather than exploring).
const SLOT_MOVE_SHARE: f64 = 0.3;

/// Lexicographic quality of a schedule.
#[derive(Clone, Copy, Debug, PartialEq)]
struct Key {
    hard: i64,
    moved: i64,
    soft: f64,
}

impl Key {
    fn better(&self, o: &Key) -> bool {
        (self.hard, self.moved) < (o.hard, o.moved)
            || ((self.hard, self.moved) == (o.hard, o.moved) && self.soft < o.soft - 1e-9)
    }
}

struct State<'a> {
    tally: Tally<'a>,
    move_w: f64,
    pos: Vec<u32>,
    occ: Vec<u32>,
    /// (session, room-slot before) of the last batch move, for its undo.
    batch: Vec<(usize, u32)>,
}

impl<'a> State<'a> {
    fn new(p: &'a Prepared, w: Weights, prev: Option<&[u32]>) -> Self {
        State {
            tally: Tally::new(p, w, prev),
            move_w: MOVE_W,
            pos: vec![NONE; p.n_sessions],
            occ: vec![NONE; p.n_rs()],
            batch: Vec::new(),
        }
    }

    fn put(&mut self, s: usize, rs: u32) {
        self.tally.add(s, rs);
        self.pos[s] = rs;
        self.occ[rs as usize] = s as u32;
    }

    fn take(&mut self, s: usize) {
        let rs = self.pos[s];
        self.tally.remove(s, rs);
        self.pos[s] = NONE;
        self.occ[rs as usize] = NONE;
    }

    fn objective(&self) -> f64 {
        HARD_W * self.tally.hard() as f64
            + self.move_w * self.tally.raw.moved as f64
            + self.tally.soft()
    }

    fn key(&self) -> Key {
        Key {
            hard: self.tally.hard(),
            moved: self.tally.raw.moved,
            soft: self.tally.soft(),
        }
    }

    fn load(&mut self, target: &[u32]) {
        for s in 0..self.pos.len() {
            if self.pos[s] != NONE {
                self.take(s);
            }
        }
        for (s, &rs) in target.iter().enumerate() {
            if rs != NONE {
                self.put(s, rs);
            }
        }
    }

    /// Sessions currently unplaced or sharing a person with another session
    /// in their slot.
    fn trouble(&self, p: &Prepared) -> Vec<u32> {
        let mut seen = vec![0u8; p.n_people * p.n_slots];
        for (s, &rs) in self.pos.iter().enumerate() {
            if rs != NONE {
                let t = rs as usize / p.n_rooms;
                for &q in &p.session_people[s] {
                    let c = &mut seen[q as usize * p.n_slots + t];
                    *c = c.saturating_add(1);
                }
            }
        }
        (0..p.n_sessions)
            .filter(|&s| {
                let rs = self.pos[s];
                rs == NONE || {
                    let t = rs as usize / p.n_rooms;
                    p.session_people[s]
                        .iter()
                        .any(|&q| seen[q as usize * p.n_slots + t] > 1)
                }
            })
            .map(|s| s as u32)
            .collect()
    }
}

/// A applied move, kept so it can be undone.
enum Undo {
    Moved {
        s: usize,
        from: u32,
    },
    Swapped {
        s: usize,
        u: usize,
        from: u32,
    },
    Ejected {
        s: usize,
        u: usize,
        from: u32,
        u_from: u32,
    },
    /// Several sessions changed; their old room-slots are in `State::batch`.
    Batch,
}

fn apply_undo(st: &mut State, undo: Undo) {
    match undo {
        Undo::Moved { s, from } => {
            st.take(s);
            if from != NONE {
                st.put(s, from);
            }
        }
        Undo::Swapped { s, u, from } => {
            let to = st.pos[s];
            st.take(s);
            if from != NONE {
                st.take(u);
            }
            st.put(u, to);
            if from != NONE {
                st.put(s, from);
            }
        }
        Undo::Ejected { s, u, from, u_from } => {
            st.take(s);
            st.take(u);
            st.put(u, u_from);
            if from != NONE {
                st.put(s, from);
            }
        }
        Undo::Batch => {
            let batch = std::mem::take(&mut st.batch);
            for &(s, _) in &batch {
                if st.pos[s] != NONE {
                    st.take(s);
                }
            }
            for &(s, old) in &batch {
                if old != NONE {
                    st.put(s, old);
                }
            }
            st.batch = batch;
        }
    }
}

/// Buffers of [`reseat`].
#[derive(Default)]
struct Reseat {
    asg: Assigner,
    lists: [Vec<usize>; 2],
    slots: [usize; 2],
    /// (session, new room-slot).
    changes: Vec<(usize, u32)>,
}

/// Estimated cost of seating `s` in room-slot `rs`: every goal that depends
/// on the room (overflow, worst overflow above the current worst, remote
/// kit, a theme opening one more room, a re-plan move). Goals that depend
/// only on the slot are the same for every room and left out.
fn seat_cost(st: &State, p: &Prepared, s: usize, rs: u32) -> f64 {
    let nr = p.n_rooms;
    let r = rs as usize % nr;
    let w = &st.tally.w;
    let o = p.overflow[s * nr + r];
    let mut c = w.overflow_total * o as f64;
    if o > st.tally.worst {
        c += w.overflow_worst * (o - st.tally.worst) as f64;
    }
    if p.remote_need[s] && !p.room_kit[r] {
        c += w.remote_kit;
    }
    if let Some(th) = p.theme[s] {
        let mut n = st.tally.theme_room_count(th, r);
        if st.pos[s] != NONE && st.pos[s] as usize % nr == r {
            n -= 1;
        }
        if n == 0 {
            c += w.theme_rooms;
        }
    }
    let prev = st.tally.prev_of(s);
    if prev != NONE && prev != rs {
        c += st.move_w;
    }
    c
}

/// Move placed session `s` to slot `tb`, in exchange for `partner` (a
/// session of `tb`) if given, then seat the sessions of both slots in
/// their rooms at least [`seat_cost`] by an optimal assignment. With
/// `tb` equal to the slot of `s` and no partner, only re-seats that slot.
/// None if nothing changes or the rooms cannot take the sessions.
fn reseat(
    st: &mut State,
    p: &Prepared,
    re: &mut Reseat,
    s: usize,
    tb: usize,
    partner: Option<usize>,
) -> Option<Undo> {
    let nr = p.n_rooms;
    let ta = st.pos[s] as usize / nr;
    re.slots = [ta, tb];
    let n_lists = if ta == tb { 1 } else { 2 };
    for k in 0..n_lists {
        let t = re.slots[k];
        let list = &mut re.lists[k];
        list.clear();
        for r in 0..nr {
            let u = st.occ[t * nr + r];
            if u != NONE && (ta == tb || (u as usize != s && Some(u as usize) != partner)) {
                list.push(u as usize);
            }
        }
    }
    if ta != tb {
        if let Some(u) = partner {
            re.lists[0].push(u);
        }
        re.lists[1].push(s);
    }
    re.changes.clear();
    for k in 0..n_lists {
        let t = re.slots[k];
        let rows = re.lists[k].len();
        if rows > nr {
            return None;
        }
        if rows == 0 {
            continue;
        }
        re.asg.cost.clear();
        for &x in &re.lists[k] {
            for r in 0..nr {
                let rs = (t * nr + r) as u32;
                re.asg.cost.push(if p.is_allowed(x, rs) {
                    seat_cost(st, p, x, rs)
                } else {
                    FORBIDDEN
                });
            }
        }
        if !re.asg.solve(rows, nr) {
            return None;
        }
        for (i, &x) in re.lists[k].iter().enumerate() {
            let rs = (t * nr + re.asg.col_of[i]) as u32;
            if st.pos[x] != rs {
                re.changes.push((x, rs));
            }
        }
    }
    if re.changes.is_empty() {
        return None;
    }
    st.batch.clear();
    for &(x, _) in &re.changes {
        st.batch.push((x, st.pos[x]));
        st.take(x);
    }
    for &(x, rs) in &re.changes {
        st.put(x, rs);
    }
    Some(Undo::Batch)
}

/// Try to move session `s` to room-slot `to`; returns None if the move is
/// not possible (occupant cannot go anywhere allowed).
fn try_move(st: &mut State, p: &Prepared, rng: &mut Rng, s: usize, to: u32) -> Option<Undo> {
    let from = st.pos[s];
    if from == to {
        return None;
    }
    let u = st.occ[to as usize];
    if u == NONE {
        if from != NONE {
            st.take(s);
        }
        st.put(s, to);
        return Some(Undo::Moved { s, from });
    }
    let u = u as usize;
    if p.pinned[u] != NONE {
        return None;
    }
    if from == NONE {
        // Placing an unplaced session: re-seat the occupant elsewhere if
        // any free allowed room-slot exists, else it waits outside.
        let dom = &p.domain[u];
        let offset = rng.below(dom.len());
        let free = (0..dom.len())
            .map(|i| dom[(i + offset) % dom.len()])
            .find(|&alt| st.occ[alt as usize] == NONE);
        if let Some(alt) = free {
            st.take(u);
            st.put(s, to);
            st.put(u, alt);
            return Some(Undo::Ejected {
                s,
                u,
                from,
                u_from: to,
            });
        }
    }
    if from == NONE || p.is_allowed(u, from) {
        // Swap (or, if s was unplaced, s takes the place and u waits outside).
        if from != NONE {
            st.take(s);
        }
        st.take(u);
        st.put(s, to);
        if from != NONE {
            st.put(u, from);
        }
        return Some(Undo::Swapped { s, u, from });
    }
    // Eject u to a free allowed room-slot, if a few random tries find one.
    let dom = &p.domain[u];
    for _ in 0..4 {
        let alt = dom[rng.below(dom.len())];
        if st.occ[alt as usize] == NONE {
            if from != NONE {
                st.take(s);
            }
            st.take(u);
            st.put(s, to);
            st.put(u, alt);
            return Some(Undo::Ejected {
                s,
                u,
                from,
                u_from: to,
            });
        }
    }
    None
}

fn to_assignment(p: &Prepared, pos: &[u32]) -> Assignment {
    Assignment {
        placements: pos
            .iter()
            .map(|&rs| {
                (rs != NONE).then(|| Placement {
                    room: rs as usize % p.n_rooms,
                    slot: rs as usize / p.n_rooms,
                })
            })
            .collect(),
    }
}

/// Place `instance`'s sessions. `progress` is called about every 100 ms (and
/// at start and end); returning false stops the search, which then returns
/// the best schedule so far. See the crate docs for the algorithm.
pub fn solve(
    instance: &Instance,
    options: &Options,
    progress: &mut dyn FnMut(Progress) -> bool,
) -> Outcome {
    let start = Instant::now();
    let elapsed_ms = || start.elapsed().as_millis() as u64;
    let ns = instance.sessions.len();
    let errors = instance.validate();
    if !errors.is_empty() {
        return Outcome {
            status: Status::Invalid { errors },
            assignment: options
                .previous
                .clone()
                .unwrap_or_else(|| Assignment::empty(ns)),
            hard_violations: 0,
            score: Score::default(),
            moved: None,
            first_feasible_ms: None,
            total_ms: elapsed_ms(),
            iterations: 0,
            stop: StopReason::Proven,
            overflow_bound: OverflowBound::default(),
        };
    }
    let p = Prepared::new(instance);
    let w = options.weights;
    // The overflow bound costs tens of ms: computed once a clash-free
    // schedule needs it, so it never delays the first feasible schedule.
    let mut bound: Option<OverflowBound> = None;
    let time_limit = options.time_limit_ms.max(1);
    let deadline = start + std::time::Duration::from_millis(time_limit);
    let prev: Option<Vec<u32>> = options
        .previous
        .as_ref()
        .map(|a| (0..ns).map(|s| dense(&p, a, s).unwrap_or(NONE)).collect());

    let finish = |pos: &[u32],
                  status: Option<Status>,
                  first: Option<u64>,
                  iterations: u64,
                  stop: StopReason,
                  bound: Option<OverflowBound>| {
        let assignment = to_assignment(&p, pos);
        let hard = hard_count(instance, &assignment);
        let status = status.unwrap_or(if hard == 0 {
            Status::Feasible
        } else {
            Status::NotFound
        });
        Outcome {
            status,
            hard_violations: hard,
            score: score_prepared(&p, instance, &assignment, &w),
            moved: options
                .previous
                .as_ref()
                .map(|pr| assignment.moved_from(pr)),
            first_feasible_ms: if hard == 0 {
                first.or(Some(elapsed_ms()))
            } else {
                None
            },
            total_ms: elapsed_ms(),
            iterations,
            stop,
            overflow_bound: bound.unwrap_or_else(|| crate::flow::overflow_bound(&p)),
            assignment,
        }
    };

    let mut st = State::new(&p, w, prev.as_deref());
    let reasons = cheap_proofs(instance, &p);
    if !reasons.is_empty() {
        // Keep the schedule in use (if any) so the editor still shows it.
        let pos = prev.clone().unwrap_or_else(|| vec![NONE; ns]);
        return finish(
            &pos,
            Some(Status::Infeasible { reasons }),
            None,
            0,
            StopReason::Proven,
            None,
        );
    }

    // Small instances: settle feasibility exactly before any heuristics.
    let mut seed_pos: Option<Vec<u32>> = None;
    if ns <= 60 {
        match exact_search(&p, 300_000, deadline) {
            Exact::Found(pos) => seed_pos = Some(pos),
            Exact::Exhausted => {
                let reasons = vec![crate::feasibility::exhaustive_reason()];
                let pos = prev.clone().unwrap_or_else(|| vec![NONE; ns]);
                return finish(
                    &pos,
                    Some(Status::Infeasible { reasons }),
                    None,
                    0,
                    StopReason::Proven,
                    None,
                );
            }
            Exact::GaveUp => {}
        }
    }

    // Construction: keep what the previous schedule allows, else the exact
    // search's schedule, then insert the rest most-constrained first.
    if let Some(pr) = &prev {
        let mut order: Vec<usize> = (0..ns).collect();
        order.sort_by_key(|&s| p.pinned[s] == NONE);
        for s in order {
            let rs = pr[s];
            if rs != NONE && p.is_allowed(s, rs) && st.occ[rs as usize] == NONE {
                st.put(s, rs);
            }
        }
    } else if let Some(pos) = &seed_pos {
        st.load(pos);
    }
    let mut degree = vec![0usize; ns];
    for list in &p.person_sessions {
        for &s in list {
            degree[s as usize] += list.len() - 1;
        }
    }
    let mut order: Vec<usize> = (0..ns).filter(|&s| st.pos[s] == NONE).collect();
    order.sort_by_key(|&s| {
        (
            p.pinned[s] == NONE,
            p.domain[s].len() / p.n_rooms.max(1),
            std::cmp::Reverse(degree[s]),
            s,
        )
    });
    for s in order {
        let mut best: Option<(f64, u32)> = None;
        for &rs in &p.domain[s] {
            if st.occ[rs as usize] != NONE {
                continue;
            }
            st.put(s, rs);
            let obj = st.objective();
            st.take(s);
            if best.is_none_or(|(b, _)| obj < b) {
                best = Some((obj, rs));
            }
        }
        if let Some((_, rs)) = best {
            st.put(s, rs);
        }
    }

    let mut rng = Rng::new(options.seed);
    let mut best_pos = st.pos.clone();
    let mut best = st.key();
    let mut first_feasible = (best.hard == 0).then(elapsed_ms);
    let mut at_floor = |k: &Key| {
        if k.hard != 0 || k.moved != 0 {
            return false;
        }
        let b = *bound.get_or_insert_with(|| crate::flow::overflow_bound(&p));
        k.soft <= w.overflow_total * b.total as f64 + w.overflow_worst * b.worst as f64 + 1e-9
    };
    let report = |k: &Key, fraction: f64, progress: &mut dyn FnMut(Progress) -> bool| {
        progress(Progress {
            fraction: fraction.clamp(0.0, 1.0),
            hard_violations: k.hard.max(0) as usize,
            soft_score: k.soft,
            elapsed_ms: elapsed_ms(),
        })
    };
    if !report(&best, 0.0, progress) {
        return finish(
            &best_pos,
            None,
            first_feasible,
            0,
            StopReason::Stopped,
            None,
        );
    }
    let movable: Vec<u32> = (0..ns)
        .filter(|&s| p.pinned[s] == NONE && !p.domain[s].is_empty())
        .map(|s| s as u32)
        .collect();
    if movable.is_empty() || at_floor(&best) {
        let stop = if movable.is_empty() {
            StopReason::Proven
        } else {
            StopReason::LowerBound
        };
        return finish(&best_pos, None, first_feasible, 0, stop, bound);
    }

    // Starting temperature: the mean worsening of random soft moves.
    let mut sum = 0.0;
    let mut cnt = 0usize;
    for _ in 0..400 {
        let s = movable[rng.below(movable.len())] as usize;
        let to = p.domain[s][rng.below(p.domain[s].len())];
        let before = st.key();
        if let Some(undo) = try_move(&mut st, &p, &mut rng, s, to) {
            let after = st.key();
            if after.hard == before.hard && after.soft > before.soft {
                sum += after.soft - before.soft;
                cnt += 1;
            }
            apply_undo(&mut st, undo);
        }
    }
    let t0 = if cnt > 0 {
        (sum / cnt as f64).max(0.5)
    } else {
        1.0
    };
    st.move_w = 3.0 * t0;
    let round_len = (ns as u64 * 5000).clamp(50_000, 5_000_000);
    let max_iter = options.max_iterations.unwrap_or(u64::MAX);

    let nt = p.n_slots;
    let mut slot_ok = vec![false; ns * nt];
    for (s, dom) in p.domain.iter().enumerate() {
        for &rs in dom {
            slot_ok[s * nt + rs as usize / p.n_rooms] = true;
        }
    }
    let audience: Vec<u32> = instance.sessions.iter().map(|x| x.audience).collect();
    let mut re = Reseat::default();
    let mut cands: Vec<usize> = Vec::new();

    let mut iter: u64 = 0;
    let mut round: u32 = 0;
    let mut stall: u32 = 0;
    let mut last_report = Instant::now();
    let mut trouble: Vec<u32> = Vec::new();
    let mut trouble_at: i64 = -1;
    let mut cur = st.objective();
    let stop = 'search: loop {
        // Each round anneals from the best schedule, reheating less and less.
        if round > 0 {
            st.load(&best_pos);
            cur = st.objective();
        }
        let hot = t0 * 0.6f64.powi((round % 5) as i32);
        let cold = t0 * 1e-3;
        let best_at_round_start = best;
        for k in 0..round_len {
            if iter >= max_iter {
                break 'search StopReason::IterationLimit;
            }
            iter += 1;
            if iter.is_multiple_of(256) {
                let now = Instant::now();
                if now >= deadline {
                    break 'search StopReason::TimeLimit;
                }
                if now.duration_since(last_report).as_millis() >= 100 {
                    last_report = now;
                    let frac_t = start.elapsed().as_secs_f64() * 1000.0 / time_limit as f64;
                    let frac_i = iter as f64 / max_iter as f64;
                    if !report(&best, frac_t.max(frac_i), progress) {
                        break 'search StopReason::Stopped;
                    }
                }
            }
            let temp = hot * (cold / hot).powf(k as f64 / round_len as f64);
            let hard_now = st.tally.hard();
            let s = if hard_now > 0 && rng.chance(0.5) {
                if trouble_at != hard_now || iter.is_multiple_of(2048) {
                    trouble = st.trouble(&p);
                    trouble_at = hard_now;
                }
                match trouble.len() {
                    0 => movable[rng.below(movable.len())] as usize,
                    n => trouble[rng.below(n)] as usize,
                }
            } else {
                movable[rng.below(movable.len())] as usize
            };
            let dom = &p.domain[s];
            if dom.len() < 2 && st.pos[s] != NONE {
                continue;
            }
            let here = st.pos[s];
            let undo = if hard_now == 0
                && here != NONE
                && p.pinned[s] == NONE
                && k * 10 >= round_len * 7
                && rng.chance(SLOT_MOVE_SHARE)
            {
                // Slot move: s goes to another slot (alone or in exchange
                // for a session there), and both slots get their rooms
                // re-seated optimally, so a big session can change slots
                // without first landing in a small room.
                let nr = p.n_rooms;
                let ta = here as usize / nr;
                let tb = dom[rng.below(dom.len())] as usize / nr;
                let partner = if tb == ta {
                    None
                } else {
                    let free = (0..nr).any(|r| {
                        let rs = (tb * nr + r) as u32;
                        st.occ[rs as usize] == NONE && p.is_allowed(s, rs)
                    });
                    cands.clear();
                    cands.extend((0..nr).filter_map(|r| {
                        let u = st.occ[tb * nr + r];
                        (u != NONE && p.pinned[u as usize] == NONE && slot_ok[u as usize * nt + ta])
                            .then_some(u as usize)
                    }));
                    if cands.is_empty() || (free && rng.chance(0.3)) {
                        None
                    } else if rng.chance(0.5) {
                        // Similar audience: the seats stay about the same,
                        // the other goals get a chance.
                        cands
                            .iter()
                            .copied()
                            .min_by_key(|&u| (audience[u].abs_diff(audience[s]), u))
                    } else {
                        Some(cands[rng.below(cands.len())])
                    }
                };
                reseat(&mut st, &p, &mut re, s, tb, partner)
            } else {
                // A third of the moves stay in the slot: room changes never
                // create clashes, and they are where seats are won.
                let to = if here != NONE && rng.chance(0.33) {
                    let t = here as usize / p.n_rooms;
                    let rs = (t * p.n_rooms + rng.below(p.n_rooms)) as u32;
                    if !p.is_allowed(s, rs) {
                        continue;
                    }
                    rs
                } else {
                    dom[rng.below(dom.len())]
                };
                try_move(&mut st, &p, &mut rng, s, to)
            };
            let Some(undo) = undo else {
                continue;
            };
            let next = st.objective();
            let delta = next - cur;
            if delta <= 0.0 || rng.unit() < (-delta / temp).exp() {
                cur = next;
                if st.tally.hard() != hard_now {
                    trouble_at = -1;
                }
                let key = st.key();
                if key.better(&best) {
                    best = key;
                    best_pos.copy_from_slice(&st.pos);
                    if best.hard == 0 && first_feasible.is_none() {
                        first_feasible = Some(elapsed_ms());
                    }
                    if at_floor(&best) {
                        break 'search StopReason::LowerBound;
                    }
                }
            } else {
                apply_undo(&mut st, undo);
            }
        }
        round += 1;
        if best.better(&best_at_round_start) {
            stall = 0;
        } else {
            stall += 1;
            if options.stall_rounds > 0 && stall >= options.stall_rounds {
                break 'search StopReason::Stalled;
            }
        }
    };
    let out = finish(&best_pos, None, first_feasible, iter, stop, bound);
    report(
        &Key {
            hard: out.hard_violations as i64,
            moved: 0,
            soft: out.score.total,
        },
        1.0,
        progress,
    );
    out
}
