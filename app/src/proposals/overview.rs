//! The edition's proposals as lists: the organisers' screening list and
//! all-proposals table, and the public list of received proposals. Plain data
//! and pure functions (filters, sorting, counts, CSV), shared by server and
//! browser; `listing` fills them from the database.

use super::screening::{Diversity, RuleCheck};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// Lines on one page of a list.
pub const PAGE_SIZE: usize = 100;

/// The filters, search and order of a list, as they appear in its address.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ProposalFilters {
    /// Words to find in codes, titles, descriptions, tags, people and organisations.
    pub q: String,
    /// Theme id.
    pub theme: String,
    /// Session type id.
    pub session_type: String,
    /// `draft`, `submitted` or `withdrawn`; empty for all.
    pub state: String,
    /// Proposals with someone of this stakeholder group (code).
    pub group: String,
    /// Proposals with someone from this UN regional group (code).
    pub region: String,
    /// Proposals whose proposer organises a session for the first time.
    pub first_time: bool,
    /// Proposals with an organiser from a developing country.
    pub developing: bool,
    /// `unscreened`, `eligible`, `ineligible`, `passing` or `failing`.
    pub screening: String,
    /// `code` (default), `title`, `failed` or `submitted`.
    pub sort: String,
    /// From 1.
    pub page: usize,
}

impl ProposalFilters {
    /// The filters from an address's query pairs (unknown names ignored; a
    /// box counts as ticked when it has any value).
    pub fn from_pairs<K: AsRef<str>, V: AsRef<str>>(
        pairs: impl IntoIterator<Item = (K, V)>,
    ) -> Self {
        let mut f = Self::default();
        for (k, v) in pairs {
            let v = v.as_ref().to_string();
            match k.as_ref() {
                "q" => f.q = v,
                "theme" => f.theme = v,
                "session_type" => f.session_type = v,
                "state" => f.state = v,
                "group" => f.group = v,
                "region" => f.region = v,
                "first_time" => f.first_time = !v.is_empty(),
                "developing" => f.developing = !v.is_empty(),
                "screening" => f.screening = v,
                "sort" => f.sort = v,
                "page" => f.page = v.parse().unwrap_or(1),
                _ => {}
            }
        }
        f
    }

    /// The filters as a query string (without `page`), for links that keep them.
    pub fn query(&self) -> String {
        let mut pairs: Vec<(&str, String)> = vec![];
        for (k, v) in [
            ("q", &self.q),
            ("theme", &self.theme),
            ("session_type", &self.session_type),
            ("state", &self.state),
            ("group", &self.group),
            ("region", &self.region),
            ("screening", &self.screening),
            ("sort", &self.sort),
        ] {
            if !v.is_empty() {
                pairs.push((k, v.clone()));
            }
        }
        if self.first_time {
            pairs.push(("first_time", "1".into()));
        }
        if self.developing {
            pairs.push(("developing", "1".into()));
        }
        pairs
            .into_iter()
            .map(|(k, v)| format!("{k}={}", urlencoding(&v)))
            .collect::<Vec<_>>()
            .join("&")
    }
}

/// Percent-encodes a query value.
fn urlencoding(v: &str) -> String {
    v.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// A person of a proposal as lists show them: never their email.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LinePerson {
    pub role: String,
    pub name: String,
    pub organisation: String,
    pub stakeholder_group: String,
    pub region: String,
    pub confirmation: String,
}

/// An organiser's override of one rule, as the screening list shows it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OverrideLine {
    pub rule: String,
    pub passed: bool,
    pub reason: String,
    pub by: String,
    pub at: DateTime<Utc>,
}

/// One proposal in a list.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProposalLine {
    pub id: Uuid,
    pub code: Option<String>,
    pub title: String,
    pub state: String,
    /// Empty (not screened), `eligible` or `ineligible`.
    pub screening: String,
    pub session_type: String,
    pub theme: String,
    pub theme_colour: String,
    pub proposer: String,
    pub organisation: String,
    pub first_time: bool,
    pub developing: bool,
    pub people: Vec<LinePerson>,
    pub diversity: Diversity,
    /// Every rule's result with overrides applied (empty on the public list).
    pub checks: Vec<RuleCheck>,
    pub overrides: Vec<OverrideLine>,
    pub submitted_at: Option<DateTime<Utc>>,
}

impl ProposalLine {
    pub fn failed(&self) -> usize {
        self.checks.iter().filter(|c| !c.passed).count()
    }

    /// Whether the line passes the filters (the search excepted: it needs
    /// the description, which lines do not carry).
    pub fn matches(&self, f: &ProposalFilters, theme_id: &str, type_id: &str) -> bool {
        (f.theme.is_empty() || f.theme == theme_id)
            && (f.session_type.is_empty() || f.session_type == type_id)
            && (f.state.is_empty() || f.state == self.state)
            && (f.group.is_empty() || self.people.iter().any(|p| p.stakeholder_group == f.group))
            && (f.region.is_empty() || self.people.iter().any(|p| p.region == f.region))
            && (!f.first_time || self.first_time)
            && (!f.developing || self.developing)
            && match f.screening.as_str() {
                "unscreened" => self.screening.is_empty(),
                "eligible" | "ineligible" => self.screening == f.screening,
                "passing" => self.failed() == 0,
                "failing" => self.failed() > 0,
                _ => true,
            }
    }
}

/// Whether every word of the search is in `haystack` (both lower-cased).
pub fn found(words: &str, haystack: &str) -> bool {
    let words = words.to_lowercase();
    words.split_whitespace().all(|w| haystack.contains(w))
}

/// Orders lines as asked: by code (type, then number; drafts last), title,
/// most failed rules first, or newest submission first.
pub fn sort(lines: &mut [ProposalLine], by: &str) {
    sort_by(lines, by, |l| l);
}

/// [`sort`] for anything that carries a line.
pub fn sort_by<T>(items: &mut [T], by: &str, line: impl Fn(&T) -> &ProposalLine) {
    match by {
        "title" => items.sort_by_key(|i| line(i).title.to_lowercase()),
        "failed" => items.sort_by_key(|i| std::cmp::Reverse(line(i).failed())),
        "submitted" => items.sort_by_key(|i| std::cmp::Reverse(line(i).submitted_at)),
        _ => items.sort_by_key(|i| code_key(line(i).code.as_deref())),
    }
}

/// "WS #12" sorts as ("WS", 12), after "WS #9"; lines without a code last.
fn code_key(code: Option<&str>) -> (bool, String, u32) {
    match code.and_then(|c| c.split_once(" #")) {
        Some((prefix, n)) => (false, prefix.to_string(), n.parse().unwrap_or(0)),
        None => (true, String::new(), 0),
    }
}

/// One bar of a chart: a category and how many.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Tally {
    /// A locale key (groups, regions) or a name (themes, types).
    pub label: String,
    /// Whether `label` is a locale key.
    pub translate: bool,
    pub count: u32,
}

/// The counts the overview charts: proposals by theme and type, people by
/// stakeholder group and region.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Tallies {
    pub themes: Vec<Tally>,
    pub session_types: Vec<Tally>,
    pub groups: Vec<Tally>,
    pub regions: Vec<Tally>,
}

/// Counts over `lines`: every theme and type named in `themes` / `types`
/// (zero included), then stakeholder groups and regions of the people (each
/// person once per proposal), with "not given" last when there are any.
pub fn tallies(lines: &[ProposalLine], themes: &[String], types: &[String]) -> Tallies {
    let by_name = |names: &[String], pick: &dyn Fn(&ProposalLine) -> &str| {
        names
            .iter()
            .map(|n| Tally {
                label: n.clone(),
                translate: false,
                count: lines.iter().filter(|l| pick(l) == n).count() as u32,
            })
            .collect::<Vec<_>>()
    };
    let by_code =
        |codes: &[&str],
         prefix: &str,
         of: &dyn Fn(&Diversity) -> &std::collections::BTreeMap<String, u32>| {
            let mut out: Vec<Tally> = codes
                .iter()
                .map(|c| Tally {
                    label: format!("{prefix}.{c}"),
                    translate: true,
                    count: lines
                        .iter()
                        .map(|l| of(&l.diversity).get(*c).copied().unwrap_or(0))
                        .sum(),
                })
                .collect();
            let unknown: u32 = lines
                .iter()
                .map(|l| of(&l.diversity).get("").copied().unwrap_or(0))
                .sum();
            if unknown > 0 {
                out.push(Tally {
                    label: "overview.not-given".into(),
                    translate: true,
                    count: unknown,
                });
            }
            out
        };
    let groups: Vec<&str> = crate::accounts::StakeholderGroup::ALL
        .iter()
        .map(|g| g.code())
        .collect();
    let regions: Vec<&str> = crate::accounts::countries::RegionalGroup::ALL
        .iter()
        .map(|r| r.code())
        .collect();
    Tallies {
        themes: by_name(themes, &|l| &l.theme),
        session_types: by_name(types, &|l| &l.session_type),
        groups: by_code(&groups, "stakeholder", &|d| &d.stakeholder_groups),
        regions: by_code(&regions, "region", &|d| &d.regions),
    }
}

/// A page of a list, with what its filters and charts need.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProposalList {
    pub forum_code: String,
    pub forum_name: String,
    pub filters: ProposalFilters,
    /// Proposals in the list before filtering, and after.
    pub total: usize,
    pub matched: usize,
    pub pages: usize,
    pub lines: Vec<ProposalLine>,
    pub tallies: Tallies,
    /// The rules checked across the list, in order (screening columns).
    pub rules: Vec<String>,
    /// (id, name) for the filter menus.
    pub themes: Vec<(String, String)>,
    pub session_types: Vec<(String, String)>,
}

/// "civil-society:2;government:1" — counts by code, "not given" as `-`.
pub fn counts_text(counts: &std::collections::BTreeMap<String, u32>) -> String {
    counts
        .iter()
        .map(|(k, v)| format!("{}:{v}", if k.is_empty() { "-" } else { k }))
        .collect::<Vec<_>>()
        .join(";")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(code: Option<&str>, title: &str, failed: bool) -> ProposalLine {
        ProposalLine {
            id: Uuid::new_v4(),
            code: code.map(str::to_string),
            title: title.into(),
            state: "submitted".into(),
            screening: String::new(),
            session_type: "Workshop".into(),
            theme: "Trust".into(),
            theme_colour: String::new(),
            proposer: "A".into(),
            organisation: "O".into(),
            first_time: false,
            developing: false,
            people: vec![LinePerson {
                role: "speaker".into(),
                name: "B".into(),
                organisation: "P".into(),
                stakeholder_group: "civil-society".into(),
                region: "african".into(),
                confirmation: "confirmed".into(),
            }],
            diversity: Diversity::default(),
            checks: vec![RuleCheck {
                key: "screening.x".into(),
                passed: !failed,
                have: 0,
                need: 1,
                concerns: vec![],
            }],
            overrides: vec![],
            submitted_at: None,
        }
    }

    #[test]
    fn codes_sort_by_type_then_number_and_drafts_last() {
        let mut lines = vec![
            line(None, "draft", false),
            line(Some("WS #10"), "b", false),
            line(Some("OF #2"), "c", false),
            line(Some("WS #9"), "d", false),
        ];
        sort(&mut lines, "code");
        let codes: Vec<_> = lines.iter().map(|l| l.code.clone()).collect();
        assert_eq!(
            codes,
            vec![
                Some("OF #2".into()),
                Some("WS #9".into()),
                Some("WS #10".into()),
                None
            ]
        );
        sort(&mut lines, "failed");
        assert_eq!(lines[0].failed(), 0);
    }

    #[test]
    fn filters_combine() {
        let l = line(Some("WS #1"), "t", true);
        let all = ProposalFilters::default();
        assert!(l.matches(&all, "th", "ty"));
        let f = ProposalFilters {
            group: "civil-society".into(),
            region: "african".into(),
            screening: "failing".into(),
            theme: "th".into(),
            ..Default::default()
        };
        assert!(l.matches(&f, "th", "ty"));
        assert!(!l.matches(&f, "other", "ty"));
        let f = ProposalFilters {
            group: "government".into(),
            ..Default::default()
        };
        assert!(!l.matches(&f, "th", "ty"));
        let f = ProposalFilters {
            first_time: true,
            ..Default::default()
        };
        assert!(!l.matches(&f, "th", "ty"));
        let f = ProposalFilters {
            screening: "passing".into(),
            ..Default::default()
        };
        assert!(!l.matches(&f, "th", "ty"));
    }

    #[test]
    fn search_needs_every_word() {
        assert!(found("Trust  AFRICA", "building trust in african networks"));
        assert!(!found("trust europe", "building trust in african networks"));
        assert!(found("", "anything"));
    }

    #[test]
    fn query_keeps_filters_and_encodes() {
        let f = ProposalFilters {
            q: "trust & safety".into(),
            first_time: true,
            ..Default::default()
        };
        assert_eq!(f.query(), "q=trust%20%26%20safety&first_time=1");
        let back = ProposalFilters::from_pairs([
            ("q", "trust & safety"),
            ("first_time", "on"),
            ("page", "x"),
            ("other", "y"),
        ]);
        assert_eq!(back, ProposalFilters { page: 1, ..f });
    }

    #[test]
    fn tallies_count_every_category() {
        let mut l = line(Some("WS #1"), "t", false);
        l.diversity
            .stakeholder_groups
            .insert("civil-society".into(), 2);
        l.diversity.stakeholder_groups.insert(String::new(), 1);
        let t = tallies(
            &[l.clone(), l],
            &["Trust".into(), "Other".into()],
            &["Workshop".into()],
        );
        assert_eq!(t.themes[0].count, 2);
        assert_eq!(t.themes[1].count, 0);
        assert_eq!(t.session_types[0].count, 2);
        let cs = t
            .groups
            .iter()
            .find(|g| g.label == "stakeholder.civil-society")
            .unwrap();
        assert_eq!(cs.count, 4);
        assert_eq!(t.groups.last().unwrap().label, "overview.not-given");
        assert_eq!(t.groups.last().unwrap().count, 2);
        assert_eq!(t.regions.len(), 6);
    }
}
