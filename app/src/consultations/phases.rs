//! A consultation's phases (launch and online dialogue, meetings, the
//! submission deadline, final review, final brief): dated, in order, never
//! overlapping, each saying whether contributions and comments are taken in
//! it. Which phase is current, and what it allows, is decided here.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// Most phases in one consultation.
pub const MAX_PHASES: usize = 12;
/// Longest phase name.
pub const MAX_NAME: usize = 200;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Phase {
    pub name: String,
    pub starts: DateTime<Utc>,
    /// The phase ends just before this instant.
    pub ends: DateTime<Utc>,
    /// Contributions may be sent, and edited, during the phase.
    pub contributions: bool,
    /// Comments (on contributions and on draft paragraphs) may be written.
    pub comments: bool,
}

/// Where a consultation stands at an instant.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Stage {
    /// No phase yet (or none at all); the first is the one given.
    NotStarted(Option<usize>),
    /// During the phase at this index.
    In(usize),
    /// Between two phases; the next is the one given.
    Between(usize),
    /// Every phase is over.
    Over,
}

/// The stage at `now`, the phases in order of start.
pub fn stage(phases: &[Phase], now: DateTime<Utc>) -> Stage {
    if let Some(i) = phases.iter().position(|p| p.starts <= now && now < p.ends) {
        return Stage::In(i);
    }
    match phases.iter().position(|p| now < p.starts) {
        Some(0) => Stage::NotStarted(Some(0)),
        Some(next) => Stage::Between(next),
        None if phases.is_empty() => Stage::NotStarted(None),
        None => Stage::Over,
    }
}

/// The phase in progress at `now`, if any.
pub fn current(phases: &[Phase], now: DateTime<Utc>) -> Option<&Phase> {
    match stage(phases, now) {
        Stage::In(i) => phases.get(i),
        _ => None,
    }
}

/// Contributions are taken (and may be edited) at `now`.
pub fn may_contribute(phases: &[Phase], now: DateTime<Utc>) -> bool {
    current(phases, now).is_some_and(|p| p.contributions)
}

/// Comments are taken at `now`.
pub fn may_comment(phases: &[Phase], now: DateTime<Utc>) -> bool {
    current(phases, now).is_some_and(|p| p.comments)
}

/// The submission deadline: the end of the last phase taking contributions.
pub fn deadline(phases: &[Phase]) -> Option<DateTime<Utc>> {
    phases
        .iter()
        .filter(|p| p.contributions)
        .map(|p| p.ends)
        .max()
}

/// A new or changed phase, checked against the others (the phase itself
/// left out of `others` when it is changed). Errors are (field, message key).
pub fn check(
    name: &str,
    starts: DateTime<Utc>,
    ends: DateTime<Utc>,
    others: &[Phase],
) -> Result<String, (&'static str, &'static str)> {
    let name = name.trim();
    if name.is_empty() {
        return Err(("name", "field.required"));
    }
    if name.chars().count() > MAX_NAME {
        return Err(("name", "consultation.phase.name-too-long"));
    }
    if ends <= starts {
        return Err(("ends", "consultation.phase.ends-before-start"));
    }
    if others.len() >= MAX_PHASES {
        return Err(("name", "consultation.phase.too-many"));
    }
    if others.iter().any(|p| starts < p.ends && p.starts < ends) {
        return Err(("starts", "consultation.phase.overlaps"));
    }
    Ok(name.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn at(day: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2027, 1, day, 0, 0, 0).unwrap()
    }

    fn phase(name: &str, from: u32, to: u32, contributions: bool, comments: bool) -> Phase {
        Phase {
            name: name.into(),
            starts: at(from),
            ends: at(to),
            contributions,
            comments,
        }
    }

    fn wsis() -> Vec<Phase> {
        vec![
            phase("Launch and online dialogue", 5, 15, true, true),
            phase("First meeting", 15, 16, true, true),
            phase("Final review", 20, 25, false, true),
            phase("Final brief", 25, 28, false, false),
        ]
    }

    #[test]
    fn stage_follows_the_calendar() {
        let p = wsis();
        assert_eq!(stage(&p, at(1)), Stage::NotStarted(Some(0)));
        assert_eq!(stage(&p, at(5)), Stage::In(0));
        assert_eq!(stage(&p, at(15)), Stage::In(1), "an end is the next start");
        assert_eq!(stage(&p, at(17)), Stage::Between(2));
        assert_eq!(stage(&p, at(27)), Stage::In(3));
        assert_eq!(stage(&p, at(28)), Stage::Over);
        assert_eq!(stage(&[], at(1)), Stage::NotStarted(None));
    }

    #[test]
    fn what_each_phase_allows() {
        let p = wsis();
        assert!(may_contribute(&p, at(6)) && may_comment(&p, at(6)));
        assert!(!may_contribute(&p, at(17)), "nothing between phases");
        assert!(!may_contribute(&p, at(21)) && may_comment(&p, at(21)));
        assert!(!may_comment(&p, at(26)));
        assert!(!may_contribute(&p, at(1)) && !may_contribute(&p, at(30)));
        assert_eq!(deadline(&p), Some(at(16)));
        assert_eq!(
            current(&p, at(21)).map(|p| p.name.as_str()),
            Some("Final review")
        );
    }

    #[test]
    fn phases_are_checked() {
        let p = wsis();
        assert_eq!(
            check(" Second meeting ", at(16), at(17), &p),
            Ok("Second meeting".into())
        );
        assert_eq!(
            check("", at(16), at(17), &p),
            Err(("name", "field.required"))
        );
        assert_eq!(
            check("x", at(17), at(17), &p),
            Err(("ends", "consultation.phase.ends-before-start"))
        );
        assert_eq!(
            check("x", at(14), at(17), &p),
            Err(("starts", "consultation.phase.overlaps"))
        );
        assert_eq!(
            check(&"n".repeat(MAX_NAME + 1), at(16), at(17), &p),
            Err(("name", "consultation.phase.name-too-long"))
        );
        let full: Vec<Phase> = (0..MAX_PHASES as u32)
            .map(|i| phase("p", i + 1, i + 2, false, false))
            .collect();
        assert_eq!(
            check("x", at(29), at(30), &full),
            Err(("name", "consultation.phase.too-many"))
        );
    }
}
