//! Plenum's scheduling solver: places forum sessions (IGF, WSIS Forum) into
//! rooms and time slots. Pure library over plain data — no database, no web,
//! no async — so the web layer can run it in a background task and the
//! editor can call [`check`] on every change.
//!
//! * [`Instance`] / [`Assignment`]: the data (also the JSON export format).
//! * [`check`]: hard violations and editor warnings of a schedule.
//! * [`soft_score`]: weighted soft goals with breakdown and explanations.
//! * [`solve`]: search with time limit, progress/stop callback and re-plan mode.
//! * [`generate`] and [`bench`]: seeded benchmark instances and figures.
//!
//! Algorithm: cheap infeasibility proofs (counting, pins, Hall matching of
//! sessions to room-slots); for small instances a complete search (sessions
//! to slots, rooms by augmenting-path matching) that either proves
//! infeasibility or yields a start; otherwise a most-constrained-first
//! greedy construction over each session's domain of allowed room-slots;
//! then simulated annealing over moves, swaps and ejections, evaluated
//! incrementally, optimising (hard violations, moved sessions, soft score)
//! in that order, with reheated rounds from the best schedule.

mod assign;
pub mod bench;
mod check;
mod feasibility;
mod flow;
mod generate;
mod model;
mod prepare;
pub mod rng;
mod score;
mod solve;

pub use check::{check, hard_count, Conflict, ConflictKind};
pub use feasibility::InfeasibleReason;
pub use generate::{generate, shared_person_pair_share, GenParams};
pub use model::{
    Assignment, Instance, Person, PersonId, Placement, Room, RoomId, Session, SessionId, Slot,
    SlotId, ThemeId, DEFAULT_REMOTE_KIT,
};
pub use score::{
    overflow_lower_bound, soft_score, Goal, GoalScore, OverflowBound, Score, SoftViolation, Weights,
};
pub use solve::{solve, Options, Outcome, Progress, Status, StopReason};
