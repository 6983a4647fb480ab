//! Scoring (pure): a call's review form — criteria scored 1–5 with weights,
//! the standard reasons reviewers pick for low scores — its review phases
//! (what reviewers can do and see, and when), and the figures a proposal's
//! reviews add up to for the ranking.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

pub const LOWEST: u8 = 1;
pub const HIGHEST: u8 = 5;
/// A score at or below this is low: the reviewer should say why.
pub const LOW: u8 = 2;
/// Reviews whose weighted totals differ by this much, or criteria scored this
/// far apart, disagree.
pub const TOTALS_APART: f64 = 1.5;
pub const SCORES_APART: u8 = 3;
pub const MAX_CRITERIA: usize = 10;
pub const MAX_REASONS: usize = 12;
pub const MAX_PHASES: usize = 6;
pub const MAX_WEIGHT: u32 = 10;
pub const COMMENT_MAX: usize = 5000;

/// A criterion: its key, the name organisers gave it (none: the standard
/// criterion of that key, named in the locale files) and its weight.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Criterion {
    pub key: String,
    pub name: Option<String>,
    pub weight: u32,
}

/// A standard reason for a low score (name none: named in the locale files).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Reason {
    pub key: String,
    pub name: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReviewForm {
    pub criteria: Vec<Criterion>,
    pub reasons: Vec<Reason>,
}

impl ReviewForm {
    /// The IGF's criteria: relevance, content, diversity, format and hybrid
    /// interaction.
    pub fn standard() -> Self {
        let criterion = |key: &str, weight| Criterion {
            key: key.into(),
            name: None,
            weight,
        };
        let reason = |key: &str| Reason {
            key: key.into(),
            name: None,
        };
        ReviewForm {
            criteria: vec![
                criterion("relevance", 3),
                criterion("content", 3),
                criterion("diversity", 2),
                criterion("format", 2),
            ],
            reasons: [
                "off-theme",
                "unclear",
                "not-diverse",
                "no-hybrid-plan",
                "duplicate",
            ]
            .into_iter()
            .map(reason)
            .collect(),
        }
    }

    /// The stored form; the standard one when nothing (or nothing valid) is stored.
    pub fn from_json(text: &str) -> Self {
        serde_json::from_str::<ReviewForm>(text)
            .ok()
            .filter(|f| !f.criteria.is_empty())
            .unwrap_or_else(Self::standard)
    }

    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    /// Checks one score per criterion, in the form's order: each 1–5.
    /// Problems are (criterion index, message key).
    pub fn check_scores(&self, raw: &[String]) -> Result<Vec<u8>, Vec<(usize, &'static str)>> {
        let mut scores = vec![];
        let mut problems = vec![];
        for i in 0..self.criteria.len() {
            let text = raw.get(i).map(|s| s.trim()).unwrap_or("");
            match text.parse::<u8>() {
                _ if text.is_empty() => problems.push((i, "review.score-required")),
                Ok(n) if (LOWEST..=HIGHEST).contains(&n) => scores.push(n),
                _ => problems.push((i, "review.score-range")),
            }
        }
        if raw.len() > self.criteria.len() {
            problems.push((self.criteria.len(), "review.score-range"));
        }
        if problems.is_empty() {
            Ok(scores)
        } else {
            Err(problems)
        }
    }

    /// The weighted mean of scores given in the form's order.
    pub fn total(&self, scores: &[u8]) -> f64 {
        let weights: u32 = self.criteria.iter().map(|c| c.weight).sum();
        if weights == 0 || scores.len() != self.criteria.len() {
            return 0.0;
        }
        let sum: u32 = self
            .criteria
            .iter()
            .zip(scores)
            .map(|(c, s)| c.weight * u32::from(*s))
            .sum();
        f64::from(sum) / f64::from(weights)
    }

    /// Scores as stored: a JSON object of criterion key to score.
    pub fn scores_json(&self, scores: &[u8]) -> String {
        let map: serde_json::Map<String, serde_json::Value> = self
            .criteria
            .iter()
            .zip(scores)
            .map(|(c, s)| (c.key.clone(), serde_json::Value::from(*s)))
            .collect();
        serde_json::Value::Object(map).to_string()
    }

    /// Stored scores back in the form's order (None for a criterion added later).
    pub fn scores_of(&self, json: &str) -> Vec<Option<u8>> {
        let map: serde_json::Map<String, serde_json::Value> =
            serde_json::from_str(json).unwrap_or_default();
        self.criteria
            .iter()
            .map(|c| {
                map.get(&c.key)
                    .and_then(|v| v.as_u64())
                    .and_then(|n| u8::try_from(n).ok())
            })
            .collect()
    }

    /// Keeps the picked reasons this form knows, once each.
    pub fn known_reasons(&self, picked: &[String]) -> Vec<String> {
        self.reasons
            .iter()
            .filter(|r| picked.contains(&r.key))
            .map(|r| r.key.clone())
            .collect()
    }
}

/// A review phase of a call: its dates and what reviewers can do and see.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Phase {
    pub name: String,
    pub starts: DateTime<Utc>,
    pub ends: DateTime<Utc>,
    /// Reviewers can score (and revise their reviews).
    pub can_score: bool,
    /// Reviewers see the other reviews of a proposal once they submitted theirs.
    pub see_others: bool,
    /// Reviewers see people's names (never under the call's blind review).
    pub see_names: bool,
}

pub fn phases_from_json(text: &str) -> Vec<Phase> {
    serde_json::from_str(text).unwrap_or_default()
}

pub fn phases_to_json(phases: &[Phase]) -> String {
    if phases.is_empty() {
        String::new()
    } else {
        serde_json::to_string(phases).unwrap_or_default()
    }
}

/// The phases moved by a duration (a call copied to the next edition).
pub fn shift_phases(text: &str, by: chrono::Duration) -> String {
    let phases: Vec<Phase> = phases_from_json(text)
        .into_iter()
        .map(|p| Phase {
            starts: p.starts + by,
            ends: p.ends + by,
            ..p
        })
        .collect();
    phases_to_json(&phases)
}

/// What reviewers can do and see now.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Access {
    /// The current phase's name (None: no phases set, or none current).
    pub phase: Option<String>,
    pub can_score: bool,
    pub see_others: bool,
    pub see_names: bool,
    /// When scoring closes, if it does.
    pub closes: Option<DateTime<Utc>>,
}

/// Without phases reviewing is open (scores, others' reviews after one's own,
/// names unless blind). With phases, the current phase decides; between or
/// after phases nothing can be scored.
pub fn access(phases: &[Phase], blind: bool, now: DateTime<Utc>) -> Access {
    if phases.is_empty() {
        return Access {
            phase: None,
            can_score: true,
            see_others: true,
            see_names: !blind,
            closes: None,
        };
    }
    match phases.iter().find(|p| p.starts <= now && now < p.ends) {
        Some(p) => Access {
            phase: Some(p.name.clone()),
            can_score: p.can_score,
            see_others: p.see_others,
            see_names: p.see_names && !blind,
            closes: p.can_score.then_some(p.ends),
        },
        None => Access {
            phase: None,
            can_score: false,
            see_others: false,
            see_names: !blind,
            closes: None,
        },
    }
}

/// Checks phases as organisers typed them: names, dates in order, no overlap.
/// Problems are (phase index, field, message key).
pub fn check_phases(phases: &[Phase]) -> Vec<(usize, &'static str, &'static str)> {
    let mut problems = vec![];
    if phases.len() > MAX_PHASES {
        problems.push((MAX_PHASES, "name", "review.too-many"));
    }
    for (i, p) in phases.iter().enumerate() {
        if p.name.trim().is_empty() {
            problems.push((i, "name", "field.required"));
        } else if p.name.chars().count() > 80 {
            problems.push((i, "name", "field.too-long"));
        }
        if p.ends <= p.starts {
            problems.push((i, "ends", "review.phase-ends-before"));
        }
        if phases[..i]
            .iter()
            .any(|q| q.starts < p.ends && p.starts < q.ends)
        {
            problems.push((i, "starts", "review.phase-overlaps"));
        }
    }
    problems
}

/// What a proposal's reviews add up to.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Figures {
    pub reviews: u32,
    pub mean: Option<f64>,
    pub median: Option<f64>,
    /// Highest minus lowest weighted total.
    pub spread: Option<f64>,
    /// Reviewers disagree: totals or a criterion's scores far apart.
    pub disagreement: bool,
}

/// The figures of reviews given as (weighted total, scores in form order).
pub fn figures(reviews: &[(f64, Vec<Option<u8>>)]) -> Figures {
    let mut totals: Vec<f64> = reviews.iter().map(|(t, _)| *t).collect();
    totals.sort_by(f64::total_cmp);
    let n = totals.len();
    if n == 0 {
        return Figures {
            reviews: 0,
            mean: None,
            median: None,
            spread: None,
            disagreement: false,
        };
    }
    let mean = totals.iter().sum::<f64>() / n as f64;
    let median = if n % 2 == 1 {
        totals[n / 2]
    } else {
        (totals[n / 2 - 1] + totals[n / 2]) / 2.0
    };
    let spread = totals[n - 1] - totals[0];
    let criteria = reviews.iter().map(|(_, s)| s.len()).max().unwrap_or(0);
    let criterion_apart = (0..criteria).any(|i| {
        let scores: Vec<u8> = reviews
            .iter()
            .filter_map(|(_, s)| s.get(i).copied().flatten())
            .collect();
        match (scores.iter().min(), scores.iter().max()) {
            (Some(lo), Some(hi)) => hi - lo >= SCORES_APART,
            _ => false,
        }
    });
    Figures {
        reviews: n as u32,
        mean: Some(mean),
        median: Some(median),
        spread: Some(spread),
        disagreement: n > 1 && (spread >= TOTALS_APART || criterion_apart),
    }
}

/// A figure as shown: two decimals, or a dash.
pub fn shown(value: Option<f64>) -> String {
    value
        .map(|v| format!("{v:.2}"))
        .unwrap_or_else(|| "–".into())
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn s(v: &[&str]) -> Vec<String> {
        v.iter().map(|x| x.to_string()).collect()
    }

    #[test]
    fn scores_must_be_one_to_five_for_every_criterion() {
        let form = ReviewForm::standard();
        assert_eq!(
            form.check_scores(&s(&["5", "4", "3", "1"])),
            Ok(vec![5, 4, 3, 1])
        );
        assert_eq!(
            form.check_scores(&s(&["0", "6", "", "x"])),
            Err(vec![
                (0, "review.score-range"),
                (1, "review.score-range"),
                (2, "review.score-required"),
                (3, "review.score-range")
            ])
        );
        assert_eq!(
            form.check_scores(&s(&["5", "4"])),
            Err(vec![
                (2, "review.score-required"),
                (3, "review.score-required")
            ])
        );
        assert!(form.check_scores(&s(&["5", "4", "3", "1", "2"])).is_err());
    }

    #[test]
    fn totals_are_weighted_means() {
        let form = ReviewForm::standard();
        // (3*5 + 3*4 + 2*3 + 2*1) / 10
        assert!((form.total(&[5, 4, 3, 1]) - 3.5).abs() < 1e-9);
        assert_eq!(form.total(&[5]), 0.0);
        let json = form.scores_json(&[5, 4, 3, 1]);
        assert_eq!(
            form.scores_of(&json),
            vec![Some(5), Some(4), Some(3), Some(1)]
        );
        assert_eq!(ReviewForm::from_json(""), form);
        assert_eq!(ReviewForm::from_json(&form.to_json()), form);
        assert_eq!(
            form.known_reasons(&s(&["unclear", "made-up", "off-theme"])),
            s(&["off-theme", "unclear"])
        );
    }

    fn at(day: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2027, 3, day, 0, 0, 0).unwrap()
    }

    fn phase(name: &str, from: u32, to: u32, score: bool, names: bool) -> Phase {
        Phase {
            name: name.into(),
            starts: at(from),
            ends: at(to),
            can_score: score,
            see_others: !score,
            see_names: names,
        }
    }

    #[test]
    fn the_current_phase_decides() {
        let open = access(&[], true, at(1));
        assert!(open.can_score && open.see_others && !open.see_names);
        let phases = [
            phase("Review", 1, 20, true, true),
            phase("Discussion", 20, 25, false, true),
        ];
        let reviewing = access(&phases, false, at(10));
        assert_eq!(reviewing.phase.as_deref(), Some("Review"));
        assert!(reviewing.can_score && reviewing.see_names && !reviewing.see_others);
        assert_eq!(reviewing.closes, Some(at(20)));
        assert!(!access(&phases, true, at(10)).see_names, "blind wins");
        let discussing = access(&phases, false, at(20));
        assert!(!discussing.can_score && discussing.see_others);
        let closed = access(&phases, false, at(26));
        assert!(closed.phase.is_none() && !closed.can_score && !closed.see_others);
        assert!(check_phases(&phases).is_empty());
        assert_eq!(
            check_phases(&[phase("A", 5, 3, true, true), phase("", 1, 10, true, true)]),
            vec![
                (0, "ends", "review.phase-ends-before"),
                (1, "name", "field.required"),
                (1, "starts", "review.phase-overlaps")
            ]
        );
        let moved = shift_phases(&phases_to_json(&phases), chrono::Duration::days(1));
        assert_eq!(phases_from_json(&moved)[0].starts, at(2));
    }

    #[test]
    fn figures_flag_disagreement() {
        let none = figures(&[]);
        assert_eq!((none.reviews, none.mean), (0, None));
        let agree = figures(&[
            (4.0, vec![Some(4), Some(4)]),
            (3.5, vec![Some(3), Some(4)]),
            (4.5, vec![Some(5), Some(4)]),
        ]);
        assert_eq!(agree.reviews, 3);
        assert!((agree.mean.unwrap() - 4.0).abs() < 1e-9);
        assert_eq!(agree.median, Some(4.0));
        assert_eq!(agree.spread, Some(1.0));
        assert!(!agree.disagreement);
        let apart = figures(&[(4.8, vec![Some(5)]), (3.0, vec![Some(3)])]);
        assert_eq!(apart.median, Some(3.9));
        assert!(apart.disagreement, "totals 1.8 apart");
        let criterion = figures(&[(3.0, vec![Some(5), Some(1)]), (3.0, vec![Some(1), Some(5)])]);
        assert!(criterion.disagreement, "same totals, criteria 4 apart");
        assert!(!figures(&[(1.0, vec![Some(1)])]).disagreement);
        assert_eq!(shown(Some(3.456)), "3.46");
        assert_eq!(shown(None), "–");
    }
}
