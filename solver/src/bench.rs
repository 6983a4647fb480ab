//! The benchmark behind `plenum solve-bench`: generate,
//! optionally export, solve, and compare overflow with its lower bound.

use std::fmt;
use std::path::PathBuf;

use crate::generate::{generate, shared_person_pair_share, GenParams};
use crate::solve::{solve, Options, Status};

/// Benchmark parameters (defaults: the reference instance, 5 s).
#[derive(Clone, Debug, PartialEq)]
pub struct BenchArgs {
    /// Number of sessions.
    pub sessions: usize,
    /// Number of rooms.
    pub rooms: usize,
    /// Number of days.
    pub days: usize,
    /// Slots per day.
    pub slots_per_day: usize,
    /// Seed for the generator and the search.
    pub seed: u64,
    /// Solver time limit.
    pub time_limit_ms: u64,
    /// Write the generated instance as JSON here before solving.
    pub export: Option<PathBuf>,
}

impl Default for BenchArgs {
    fn default() -> Self {
        let g = GenParams::default();
        BenchArgs {
            sessions: g.sessions,
            rooms: g.rooms,
            days: g.days,
            slots_per_day: g.slots_per_day,
            seed: g.seed,
            time_limit_ms: Options::default().time_limit_ms,
            export: None,
        }
    }
}

/// Benchmark figures.
#[derive(Clone, Debug, PartialEq)]
pub struct BenchReport {
    /// Parameters used.
    pub args: BenchArgs,
    /// People in the instance.
    pub people: usize,
    /// Share of session pairs sharing at least one person (0..1).
    pub shared_pair_share: f64,
    /// "feasible", "not-found", "infeasible" or "invalid".
    pub status: String,
    /// Hard violations of the final schedule.
    pub hard_violations: usize,
    /// Time to the first schedule without hard violations.
    pub first_feasible_ms: Option<u64>,
    /// Whole solve.
    pub total_ms: u64,
    /// Search iterations.
    pub iterations: u64,
    /// Seats missing, summed.
    pub total_overflow: u64,
    /// Seats missing in the worst session.
    pub worst_overflow: u32,
    /// Final soft score (default weights).
    pub soft_score: f64,
    /// Relaxation lower bound on total overflow (see `OverflowBound`).
    pub overflow_lower_bound: u64,
    /// `100 * (total_overflow - bound) / max(bound, 1)`.
    pub overflow_gap_pct: f64,
    /// Soft score per goal: (code, amount, weighted).
    pub goals: Vec<(String, u64, f64)>,
}

/// Generate, optionally export, and solve. Fails only if the export file
/// cannot be written.
pub fn run(args: &BenchArgs) -> std::io::Result<BenchReport> {
    let instance = generate(&GenParams {
        sessions: args.sessions,
        rooms: args.rooms,
        days: args.days,
        slots_per_day: args.slots_per_day,
        seed: args.seed,
        ..GenParams::default()
    });
    if let Some(path) = &args.export {
        let json = serde_json::to_string_pretty(&instance).map_err(std::io::Error::other)?;
        std::fs::write(path, json)?;
    }
    let options = Options {
        time_limit_ms: args.time_limit_ms,
        seed: args.seed,
        ..Options::default()
    };
    let out = solve(&instance, &options, &mut |_| true);
    let bound = out.overflow_bound.total;
    let total = out.score.total_overflow;
    Ok(BenchReport {
        args: args.clone(),
        people: instance.people.len(),
        shared_pair_share: shared_person_pair_share(&instance),
        status: match out.status {
            Status::Feasible => "feasible",
            Status::NotFound => "not-found",
            Status::Infeasible { .. } => "infeasible",
            Status::Invalid { .. } => "invalid",
        }
        .to_string(),
        hard_violations: out.hard_violations,
        first_feasible_ms: out.first_feasible_ms,
        total_ms: out.total_ms,
        iterations: out.iterations,
        total_overflow: total,
        worst_overflow: out.score.worst_overflow,
        soft_score: out.score.total,
        overflow_lower_bound: bound,
        overflow_gap_pct: 100.0 * total.saturating_sub(bound) as f64 / bound.max(1) as f64,
        goals: out
            .score
            .goals
            .iter()
            .map(|g| (g.goal.code().to_string(), g.amount, g.weighted))
            .collect(),
    })
}

impl fmt::Display for BenchReport {
    /// Human summary; the last line is machine-readable `key=value` pairs.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let a = &self.args;
        writeln!(
            f,
            "instance: {} sessions, {} rooms, {} days x {} slots, {} people, seed {}",
            a.sessions, a.rooms, a.days, a.slots_per_day, self.people, a.seed
        )?;
        writeln!(
            f,
            "session pairs sharing a person: {:.1}%",
            100.0 * self.shared_pair_share
        )?;
        let first = self
            .first_feasible_ms
            .map_or("none".to_string(), |ms| format!("{ms} ms"));
        writeln!(
            f,
            "status: {} ({} hard violations); first clash-free schedule after {}; total {} ms, {} iterations",
            self.status, self.hard_violations, first, self.total_ms, self.iterations
        )?;
        writeln!(
            f,
            "capacity overflow: total {} seats (lower bound {}, gap {:.1}%), worst session {} seats",
            self.total_overflow, self.overflow_lower_bound, self.overflow_gap_pct, self.worst_overflow
        )?;
        writeln!(f, "soft score {:.1}:", self.soft_score)?;
        for (code, amount, weighted) in &self.goals {
            writeln!(f, "  {code:<16} {amount:>6} -> {weighted:.1}")?;
        }
        let first = self
            .first_feasible_ms
            .map_or("none".to_string(), |ms| ms.to_string());
        write!(
            f,
            "hard_violations={} first_feasible_ms={} total_ms={} total_overflow={} worst_overflow={} soft_score={:.1} overflow_lower_bound={} overflow_gap_pct={:.2}",
            self.hard_violations,
            first,
            self.total_ms,
            self.total_overflow,
            self.worst_overflow,
            self.soft_score,
            self.overflow_lower_bound,
            self.overflow_gap_pct
        )
    }
}
