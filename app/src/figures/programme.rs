//! The programme's figures, made from aggregate counts: sessions by type,
//! theme and format; the people on sessions (speakers, moderators,
//! organisers; a person on two sessions counts twice) by stakeholder group,
//! region, gender (small groups suppressed) and onsite or online; and the
//! share of sessions whose people span at least three stakeholder groups and
//! two regions.

use super::balance::{share_percent, spans_enough};
use super::participation::{country_lines, gender_lines, group_lines, Line, PublishedLine};
use crate::accounts::countries;
use crate::csv::Sheet;
use serde::{Deserialize, Serialize};
use serde_json::json;
use std::collections::BTreeMap;
use uuid::Uuid;

/// A count under a name (a session type, a theme, a format); the name is
/// empty for sessions without one.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Named {
    pub name: String,
    pub count: u64,
}

/// The aggregate rows the programme figures are made from.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ProgrammeCounts {
    /// Sessions (not cancelled).
    pub sessions: u64,
    pub by_type: Vec<(Option<Uuid>, u64)>,
    pub by_theme: Vec<(Option<Uuid>, u64)>,
    /// Sessions made from a proposal, by the proposal's format.
    pub by_format: Vec<(Option<Uuid>, u64)>,
    pub people_by_group: Vec<(Option<String>, u64)>,
    pub people_by_country: Vec<(Option<String>, u64)>,
    pub people_by_gender: Vec<(Option<String>, u64)>,
    /// (onsite, count).
    pub people_by_presence: Vec<(bool, u64)>,
    /// Each session's distinct (stakeholder group, country) pairs.
    pub session_mix: Vec<(Uuid, Option<String>, Option<String>)>,
}

/// The programme's figures as the dashboard shows them.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Programme {
    pub sessions: u64,
    pub by_type: Vec<Named>,
    pub by_theme: Vec<Named>,
    pub by_format: Vec<Named>,
    pub people: u64,
    pub people_onsite: u64,
    pub people_online: u64,
    pub by_group: Vec<Line>,
    pub by_region: Vec<Line>,
    pub by_gender: Vec<PublishedLine>,
    /// Sessions whose people span three groups and two regions, and their
    /// share of all sessions (whole percent).
    pub diverse: u64,
    pub diverse_share: u64,
}

/// Counts by id named from `names` in its order, then the rest (no id, or
/// an id not in the list) under an empty name when any.
fn named(rows: &[(Option<Uuid>, u64)], names: &[(Uuid, String)], rest: u64) -> Vec<Named> {
    let mut out: Vec<Named> = names
        .iter()
        .map(|(id, name)| Named {
            name: name.clone(),
            count: rows
                .iter()
                .filter(|(k, _)| *k == Some(*id))
                .map(|(_, n)| n)
                .sum(),
        })
        .collect();
    let other: u64 = rows
        .iter()
        .filter(|(k, _)| !k.is_some_and(|k| names.iter().any(|(id, _)| *id == k)))
        .map(|(_, n)| n)
        .sum::<u64>()
        + rest;
    if other > 0 {
        out.push(Named {
            name: String::new(),
            count: other,
        });
    }
    out
}

impl Programme {
    /// `types`, `themes`, `formats`: the edition's, in order, by id.
    pub fn from_counts(
        c: &ProgrammeCounts,
        types: &[(Uuid, String)],
        themes: &[(Uuid, String)],
        formats: &[(Uuid, String)],
    ) -> Programme {
        let from_proposals: u64 = c.by_format.iter().map(|(_, n)| n).sum();
        let (by_region, _, _) = country_lines(&c.people_by_country);
        let mut mix: BTreeMap<Uuid, (Vec<&str>, Vec<String>)> = BTreeMap::new();
        for (session, group, country) in &c.session_mix {
            let entry = mix.entry(*session).or_default();
            if let Some(g) = group.as_deref() {
                entry.0.push(g);
            }
            if let Some(r) = country.as_deref().and_then(countries::regional_group) {
                entry.1.push(r.code().to_string());
            }
        }
        let diverse = mix
            .values()
            .filter(|(groups, regions)| {
                spans_enough(groups.iter().copied(), regions.iter().map(String::as_str))
            })
            .count() as u64;
        let presence = |onsite: bool| {
            c.people_by_presence
                .iter()
                .filter(|(o, _)| *o == onsite)
                .map(|(_, n)| n)
                .sum::<u64>()
        };
        Programme {
            sessions: c.sessions,
            by_type: named(&c.by_type, types, 0),
            by_theme: named(&c.by_theme, themes, 0),
            by_format: named(
                &c.by_format,
                formats,
                c.sessions.saturating_sub(from_proposals),
            ),
            people: presence(true) + presence(false),
            people_onsite: presence(true),
            people_online: presence(false),
            by_group: group_lines(&c.people_by_group),
            by_region,
            by_gender: gender_lines(&c.people_by_gender),
            diverse,
            diverse_share: share_percent(diverse, c.sessions),
        }
    }

    /// Every figure as one table: figure, code (or name), count.
    pub fn sheet(&self) -> Sheet {
        let mut sheet = Sheet::new(vec!["figure", "code", "count"]);
        for (figure, n) in [
            ("sessions", self.sessions),
            ("people", self.people),
            ("people-onsite", self.people_onsite),
            ("people-online", self.people_online),
            ("diverse-sessions", self.diverse),
            ("diverse-share-percent", self.diverse_share),
        ] {
            sheet.push(vec![json!(figure), json!(""), json!(n)]);
        }
        for (figure, lines) in [
            ("session-type", &self.by_type),
            ("theme", &self.by_theme),
            ("format", &self.by_format),
        ] {
            for l in lines {
                sheet.push(vec![json!(figure), json!(l.name), json!(l.count)]);
            }
        }
        for (figure, lines) in [
            ("stakeholder-group", &self.by_group),
            ("region", &self.by_region),
        ] {
            for l in lines {
                sheet.push(vec![json!(figure), json!(l.code), json!(l.count)]);
            }
        }
        for l in &self.by_gender {
            sheet.push(vec![json!("gender"), json!(l.code), l.shown.cell()]);
        }
        sheet
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn programme_figures_from_counts() {
        let (ws, of) = (Uuid::new_v4(), Uuid::new_v4());
        let (theme, format) = (Uuid::new_v4(), Uuid::new_v4());
        let (a, b) = (Uuid::new_v4(), Uuid::new_v4());
        let s = |v: &str| Some(v.to_string());
        let counts = ProgrammeCounts {
            sessions: 10,
            by_type: vec![(Some(ws), 6), (Some(of), 3), (None, 1)],
            by_theme: vec![(Some(theme), 10)],
            by_format: vec![(Some(format), 7)],
            people_by_group: vec![(s("government"), 12), (s("civil-society"), 8)],
            people_by_country: vec![(s("KE"), 10), (s("FR"), 10)],
            people_by_gender: vec![(s("female"), 11), (s("male"), 9)],
            people_by_presence: vec![(true, 15), (false, 5)],
            session_mix: vec![
                (a, s("government"), s("KE")),
                (a, s("civil-society"), s("FR")),
                (a, s("private-sector"), s("KE")),
                (b, s("government"), s("KE")),
                (b, s("civil-society"), s("KE")),
                (b, s("private-sector"), s("KE")),
            ],
        };
        let p = Programme::from_counts(
            &counts,
            &[(ws, "Workshop".into()), (of, "Open forum".into())],
            &[(theme, "Digital trust".into())],
            &[(format, "Roundtable".into())],
        );
        assert_eq!(
            p.by_type.iter().map(|n| n.count).collect::<Vec<_>>(),
            vec![6, 3, 1]
        );
        assert_eq!(
            p.by_format.last().unwrap().count,
            3,
            "sessions not from a proposal"
        );
        assert_eq!((p.people, p.people_onsite, p.people_online), (20, 15, 5));
        assert_eq!(p.diverse, 1, "b has one region only");
        assert_eq!(p.diverse_share, 10);
        assert!(p.sheet().csv().contains("session-type,Workshop,6\r\n"));
    }
}
