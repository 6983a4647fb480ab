//! Pure rules of the balance figures.

use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;

/// Groups smaller than this are not shown (gender, country, small
/// stakeholder groups): a count of one or two could name a person.
pub const SMALLEST_SHOWN: u64 = 5;

/// A count as published: its number, or "fewer than [`SMALLEST_SHOWN`]".
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Shown {
    Count(u64),
    Suppressed,
}

impl Shown {
    /// As a download's cell: the number, or "<5".
    pub fn cell(self) -> serde_json::Value {
        match self {
            Shown::Count(n) => serde_json::json!(n),
            Shown::Suppressed => serde_json::json!(format!("<{SMALLEST_SHOWN}")),
        }
    }
}

/// The counts of one breakdown (by gender, by country…) as they may be
/// published: every count from 1 to `smallest - 1` suppressed, and, when the
/// total is published and exactly one count is suppressed, the next smallest
/// too — otherwise the hidden one is the total minus the others. Zeros stay
/// (an empty group names nobody).
pub fn suppress(counts: &[u64], smallest: u64) -> Vec<Shown> {
    let small = |n: u64| n > 0 && n < smallest;
    let mut hidden: Vec<bool> = counts.iter().map(|&n| small(n)).collect();
    if hidden.iter().filter(|h| **h).count() == 1 {
        let next = counts
            .iter()
            .enumerate()
            .filter(|(i, &n)| !hidden[*i] && n > 0)
            .min_by_key(|(i, &n)| (n, *i))
            .map(|(i, _)| i);
        if let Some(i) = next {
            hidden[i] = true;
        }
    }
    counts
        .iter()
        .zip(hidden)
        .map(|(&n, h)| {
            if h {
                Shown::Suppressed
            } else {
                Shown::Count(n)
            }
        })
        .collect()
}

/// Whether a session's speakers span at least three stakeholder groups and
/// two regions (the programme's diversity figure). Empty codes (not given)
/// do not count.
pub fn spans_enough<'a>(
    groups: impl IntoIterator<Item = &'a str>,
    regions: impl IntoIterator<Item = &'a str>,
) -> bool {
    let distinct = |codes: &mut dyn Iterator<Item = &'a str>| {
        codes
            .filter(|c| !c.trim().is_empty())
            .collect::<BTreeSet<_>>()
            .len()
    };
    distinct(&mut groups.into_iter()) >= 3 && distinct(&mut regions.into_iter()) >= 2
}

/// The share of `part` in `whole`, in whole percent (0 when `whole` is 0).
pub fn share_percent(part: u64, whole: u64) -> u64 {
    (part * 100 + whole / 2).checked_div(whole).unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use Shown::*;

    #[test]
    fn small_groups_are_suppressed_and_cannot_be_derived() {
        assert_eq!(
            suppress(&[120, 3, 40, 0], SMALLEST_SHOWN),
            vec![Count(120), Suppressed, Suppressed, Count(0)],
            "one hidden count would be the total minus the others: the next smallest goes too"
        );
        assert_eq!(
            suppress(&[120, 3, 2, 40], SMALLEST_SHOWN),
            vec![Count(120), Suppressed, Suppressed, Count(40)]
        );
        assert_eq!(
            suppress(&[10, 7, 5], SMALLEST_SHOWN),
            vec![Count(10), Count(7), Count(5)]
        );
        assert_eq!(suppress(&[4], SMALLEST_SHOWN), vec![Suppressed]);
        assert_eq!(suppress(&[], SMALLEST_SHOWN), vec![]);
    }

    #[test]
    fn sessions_span_groups_and_regions() {
        assert!(spans_enough(
            ["government", "civil-society", "private-sector"],
            ["african", "weog"]
        ));
        assert!(!spans_enough(
            ["government", "government", "civil-society"],
            ["african", "weog"]
        ));
        assert!(!spans_enough(
            ["government", "civil-society", "technical-community"],
            ["african", "african", ""]
        ));
        assert!(!spans_enough(["government", "", " "], ["african", "weog"]));
    }

    #[test]
    fn shares_round_to_whole_percent() {
        assert_eq!(share_percent(1, 3), 33);
        assert_eq!(share_percent(2, 3), 67);
        assert_eq!(share_percent(0, 0), 0);
        assert_eq!(share_percent(5, 5), 100);
    }
}
