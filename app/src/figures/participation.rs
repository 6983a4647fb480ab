//! The participation figures of an edition, made from aggregate counts (the
//! service reads them grouped in SQL, never row by row): registered,
//! approved, checked in onsite, joined online; the approved participants by
//! stakeholder group, UN regional group, gender (small groups suppressed),
//! country (the top ones and how many), first participation and developing
//! economies.

use super::balance::{suppress, Shown, SMALLEST_SHOWN};
use crate::accounts::countries::{self, RegionalGroup};
use crate::accounts::{Gender, StakeholderGroup};
use crate::csv::Sheet;
use serde::{Deserialize, Serialize};
use serde_json::json;
use std::collections::BTreeMap;

/// Countries listed by name (the rest are counted).
pub const TOP_COUNTRIES: usize = 10;

/// A count under a code ("" for not given).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Line {
    pub code: String,
    pub count: u64,
}

/// A count as it may be published.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PublishedLine {
    pub code: String,
    pub shown: Shown,
}

/// The aggregate rows the figures are made from.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Counts {
    /// (state, mode, count) over every registration.
    pub by_state_mode: Vec<(String, String, u64)>,
    /// Approved registrations by stakeholder group, country and gender.
    pub by_group: Vec<(Option<String>, u64)>,
    pub by_country: Vec<(Option<String>, u64)>,
    pub by_gender: Vec<(Option<String>, u64)>,
    /// Approved registrations taking part for the first time.
    pub first_time: u64,
    /// Registrations checked in at the venue.
    pub checked_in: u64,
    /// People who joined a session online (a join link used at least once).
    pub joined_online: u64,
}

/// The participation figures as the dashboard shows them.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Participation {
    /// Every registration but the cancelled ones.
    pub registered: u64,
    pub approved: u64,
    pub approved_onsite: u64,
    pub approved_online: u64,
    pub checked_in: u64,
    pub joined_online: u64,
    /// Every stakeholder group in order, then "not given" when any.
    pub by_group: Vec<Line>,
    /// Every regional group in order, then "not given" when any.
    pub by_region: Vec<Line>,
    /// Every gender in order, then "not given"; small counts suppressed.
    pub by_gender: Vec<PublishedLine>,
    /// The most represented countries (ISO codes), most first; countries of
    /// fewer than [`SMALLEST_SHOWN`] participants are not named.
    pub top_countries: Vec<Line>,
    pub countries: u64,
    pub first_time: u64,
    /// Approved participants from developing economies.
    pub developing: u64,
}

fn sum_where(rows: &[(String, String, u64)], keep: impl Fn(&str, &str) -> bool) -> u64 {
    rows.iter()
        .filter(|(s, m, _)| keep(s, m))
        .map(|(_, _, n)| n)
        .sum()
}

/// Counts under the given codes in order, zeros included, then "not given"
/// (code "") when any: rows whose code is none, empty or unknown.
fn in_order(rows: &[(Option<String>, u64)], codes: &[&str]) -> Vec<Line> {
    let mut lines: Vec<Line> = codes
        .iter()
        .map(|c| Line {
            code: c.to_string(),
            count: rows
                .iter()
                .filter(|(k, _)| k.as_deref() == Some(*c))
                .map(|(_, n)| n)
                .sum(),
        })
        .collect();
    let other: u64 = rows
        .iter()
        .filter(|(k, _)| !k.as_deref().is_some_and(|k| codes.contains(&k)))
        .map(|(_, n)| n)
        .sum();
    if other > 0 {
        lines.push(Line {
            code: String::new(),
            count: other,
        });
    }
    lines
}

/// Counts by stakeholder group, every group in order.
pub(super) fn group_lines(rows: &[(Option<String>, u64)]) -> Vec<Line> {
    let groups: Vec<&str> = StakeholderGroup::ALL.iter().map(|g| g.code()).collect();
    in_order(rows, &groups)
}

/// Counts by gender, every gender in order, small ones suppressed.
pub(super) fn gender_lines(rows: &[(Option<String>, u64)]) -> Vec<PublishedLine> {
    let genders: Vec<&str> = Gender::ALL.iter().map(|g| g.code()).collect();
    let lines = in_order(rows, &genders);
    let shown = suppress(
        &lines.iter().map(|l| l.count).collect::<Vec<_>>(),
        SMALLEST_SHOWN,
    );
    lines
        .into_iter()
        .zip(shown)
        .map(|(l, shown)| PublishedLine {
            code: l.code,
            shown,
        })
        .collect()
}

/// What counts by country say: by regional group (every group in order),
/// by known country (code → count), and how many from developing economies.
pub(super) fn country_lines(
    rows: &[(Option<String>, u64)],
) -> (Vec<Line>, BTreeMap<String, u64>, u64) {
    let mut per_region: BTreeMap<String, u64> = BTreeMap::new();
    let mut per_country: BTreeMap<String, u64> = BTreeMap::new();
    let mut developing = 0;
    for (code, n) in rows {
        let known = code.as_deref().and_then(countries::country);
        let region = code
            .as_deref()
            .and_then(countries::regional_group)
            .map(|r| r.code().to_string());
        *per_region.entry(region.unwrap_or_default()).or_default() += n;
        if let Some(k) = known {
            *per_country.entry(k.code.to_string()).or_default() += n;
            if k.developing {
                developing += n;
            }
        }
    }
    let region_rows: Vec<(Option<String>, u64)> = per_region
        .into_iter()
        .map(|(k, n)| ((!k.is_empty()).then_some(k), n))
        .collect();
    let regions: Vec<&str> = RegionalGroup::ALL.iter().map(|r| r.code()).collect();
    (in_order(&region_rows, &regions), per_country, developing)
}

impl Participation {
    pub fn from_counts(c: &Counts) -> Participation {
        let approved = |mode: Option<&str>| {
            sum_where(&c.by_state_mode, |s, m| {
                s == "approved" && mode.is_none_or(|x| x == m)
            })
        };
        let (by_region, per_country, developing) = country_lines(&c.by_country);
        let mut ranked: Vec<Line> = per_country
            .iter()
            .filter(|(_, n)| **n > 0)
            .map(|(code, n)| Line {
                code: code.clone(),
                count: *n,
            })
            .collect();
        let countries = ranked.len() as u64;
        ranked.sort_by(|a, b| b.count.cmp(&a.count).then(a.code.cmp(&b.code)));
        let top_countries = ranked
            .into_iter()
            .filter(|l| l.count >= SMALLEST_SHOWN)
            .take(TOP_COUNTRIES)
            .collect();
        Participation {
            registered: sum_where(&c.by_state_mode, |s, _| s != "cancelled"),
            approved: approved(None),
            approved_onsite: approved(Some("onsite")),
            approved_online: approved(Some("online")),
            checked_in: c.checked_in,
            joined_online: c.joined_online,
            by_group: group_lines(&c.by_group),
            by_region,
            by_gender: gender_lines(&c.by_gender),
            top_countries,
            countries,
            first_time: c.first_time,
            developing,
        }
    }

    /// Every figure as one table: figure, code, count ("<5" when
    /// suppressed) — the dashboard's download.
    pub fn sheet(&self) -> Sheet {
        let mut sheet = Sheet::new(vec!["figure", "code", "count"]);
        let mut put = |figure: &str, code: &str, count: serde_json::Value| {
            sheet.push(vec![json!(figure), json!(code), count]);
        };
        for (figure, n) in [
            ("registered", self.registered),
            ("approved", self.approved),
            ("approved-onsite", self.approved_onsite),
            ("approved-online", self.approved_online),
            ("checked-in", self.checked_in),
            ("joined-online", self.joined_online),
            ("countries", self.countries),
            ("first-time", self.first_time),
            ("developing", self.developing),
        ] {
            put(figure, "", json!(n));
        }
        for l in &self.by_group {
            put("stakeholder-group", &l.code, json!(l.count));
        }
        for l in &self.by_region {
            put("region", &l.code, json!(l.count));
        }
        for l in &self.by_gender {
            put("gender", &l.code, l.shown.cell());
        }
        for l in &self.top_countries {
            put("country", &l.code, json!(l.count));
        }
        sheet
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(v: &str) -> Option<String> {
        Some(v.to_string())
    }

    #[test]
    fn figures_from_aggregate_counts() {
        let counts = Counts {
            by_state_mode: vec![
                ("approved".into(), "onsite".into(), 60),
                ("approved".into(), "online".into(), 40),
                ("pending".into(), "onsite".into(), 7),
                ("cancelled".into(), "online".into(), 5),
            ],
            by_group: vec![(s("civil-society"), 50), (s("government"), 30), (None, 20)],
            by_country: vec![
                (s("KE"), 30),
                (s("FR"), 25),
                (s("BR"), 3),
                (s("XX"), 2),
                (None, 40),
            ],
            by_gender: vec![
                (s("female"), 52),
                (s("male"), 44),
                (s("other"), 2),
                (None, 2),
            ],
            first_time: 33,
            checked_in: 41,
            joined_online: 12,
        };
        let p = Participation::from_counts(&counts);
        assert_eq!((p.registered, p.approved), (107, 100));
        assert_eq!((p.approved_onsite, p.approved_online), (60, 40));
        assert_eq!(p.by_group.iter().map(|l| l.count).sum::<u64>(), 100);
        assert_eq!(
            p.by_group.last().unwrap(),
            &Line {
                code: String::new(),
                count: 20
            }
        );
        let region = |code: &str| p.by_region.iter().find(|l| l.code == code).unwrap().count;
        assert_eq!(region("african"), 30);
        assert_eq!(region("weog"), 25);
        assert_eq!(region("grulac"), 3);
        assert_eq!(region(""), 42, "unknown and not given");
        assert_eq!(p.countries, 3, "an unknown code is no country");
        assert_eq!(
            p.top_countries
                .iter()
                .map(|l| l.code.as_str())
                .collect::<Vec<_>>(),
            vec!["KE", "FR"],
            "Brazil's 3 are counted, not named"
        );
        assert_eq!(p.developing, 33, "Kenya and Brazil");
        let gender: Vec<&Shown> = p.by_gender.iter().map(|l| &l.shown).collect();
        assert_eq!(gender[0], &Shown::Count(52));
        assert_eq!(gender[2], &Shown::Suppressed, "other: 2");
        assert_eq!(gender.last().unwrap(), &&Shown::Suppressed, "not given: 2");
        let csv = p.sheet().csv();
        assert!(csv.starts_with("figure,code,count\r\nregistered,,107\r\n"));
        assert!(csv.contains("gender,other,<5\r\n"));
        assert!(csv.contains("country,KE,30\r\n"));
        assert!(!csv.contains("country,BR"));
    }
}
