//! The balance of a selection (pure, also run in the browser so the panel
//! follows each tick at once): counts of people by stakeholder group, region,
//! gender and onsite/online, of proposals from first-time organisers and from
//! developing countries, and slots used per session type and theme against
//! the call's budgets.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use uuid::Uuid;

/// Counts over a set of proposals. Keys are codes (stakeholder group, region,
/// gender) or ids (session type, theme) as text.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Tally {
    pub proposals: u32,
    pub people: u32,
    pub groups: BTreeMap<String, u32>,
    pub regions: BTreeMap<String, u32>,
    pub genders: BTreeMap<String, u32>,
    pub onsite: u32,
    pub online: u32,
    pub first_time: u32,
    pub developing: u32,
    pub types: BTreeMap<String, u32>,
    pub themes: BTreeMap<String, u32>,
}

/// One person of a proposal as the balance counts them.
pub struct PersonFacts<'a> {
    pub group: &'a str,
    pub region: &'a str,
    pub gender: &'a str,
    pub onsite: bool,
}

fn bump(map: &mut BTreeMap<String, u32>, key: &str, by: i64) {
    if key.is_empty() {
        return;
    }
    // Most keys are there already: no new text for them.
    let entry = match map.get_mut(key) {
        Some(n) => n,
        None => map.entry(key.to_string()).or_default(),
    };
    *entry = (i64::from(*entry) + by).max(0) as u32;
    if *entry == 0 {
        map.remove(key);
    }
}

impl Tally {
    /// The people part of a proposal's tally, kept on the proposal (its
    /// `people_facts`) so the ranking reads one row per proposal, not one per
    /// person: `developing` here says whether an organiser is from a
    /// developing country.
    pub fn of_people<'a>(
        organisers_developing: bool,
        people: impl IntoIterator<Item = PersonFacts<'a>>,
    ) -> Tally {
        let mut t = Tally {
            developing: u32::from(organisers_developing),
            ..Tally::default()
        };
        for p in people {
            t.people += 1;
            bump(&mut t.groups, p.group, 1);
            bump(&mut t.regions, p.region, 1);
            bump(&mut t.genders, p.gender, 1);
            if p.onsite {
                t.onsite += 1;
            } else {
                t.online += 1;
            }
        }
        t
    }

    /// The tally of one proposal from its people's tally and its own facts
    /// (a proposer from a developing country counts as one).
    pub fn of_proposal(
        mut self,
        session_type: Option<Uuid>,
        theme: Option<Uuid>,
        first_time: bool,
        proposer_developing: bool,
    ) -> Tally {
        self.proposals = 1;
        self.first_time = u32::from(first_time);
        self.developing = u32::from(self.developing > 0 || proposer_developing);
        self.types.clear();
        self.themes.clear();
        if let Some(id) = session_type {
            bump(&mut self.types, &id.to_string(), 1);
        }
        if let Some(id) = theme {
            bump(&mut self.themes, &id.to_string(), 1);
        }
        self
    }

    pub fn from_json(text: &str) -> Self {
        serde_json::from_str(text).unwrap_or_default()
    }

    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    fn merge(&mut self, other: &Tally, by: i64) {
        let add = |a: u32, b: u32| (i64::from(a) + by * i64::from(b)).max(0) as u32;
        self.proposals = add(self.proposals, other.proposals);
        self.people = add(self.people, other.people);
        self.onsite = add(self.onsite, other.onsite);
        self.online = add(self.online, other.online);
        self.first_time = add(self.first_time, other.first_time);
        self.developing = add(self.developing, other.developing);
        for (mine, theirs) in [
            (&mut self.groups, &other.groups),
            (&mut self.regions, &other.regions),
            (&mut self.genders, &other.genders),
            (&mut self.types, &other.types),
            (&mut self.themes, &other.themes),
        ] {
            for (k, v) in theirs {
                bump(mine, k, by * i64::from(*v));
            }
        }
    }

    pub fn add(&mut self, other: &Tally) {
        self.merge(other, 1);
    }

    pub fn remove(&mut self, other: &Tally) {
        self.merge(other, -1);
    }
}

/// Slots per session type and per theme (by id as text).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Budgets {
    pub types: BTreeMap<String, u32>,
    pub themes: BTreeMap<String, u32>,
}

impl Budgets {
    pub fn from_json(text: &str) -> Self {
        serde_json::from_str(text).unwrap_or_default()
    }

    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }
}

/// A share as a whole percentage of a total (0 when the total is 0).
pub fn percent(part: u32, whole: u32) -> u32 {
    if whole == 0 {
        0
    } else {
        ((f64::from(part) * 100.0) / f64::from(whole)).round() as u32
    }
}

/// One line of the panel: a category, its count and share in the selection
/// and its share among all the call's proposals.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Line {
    pub key: String,
    pub selected: u32,
    pub selected_share: u32,
    pub call_share: u32,
}

/// Lines for a dimension (say, regions), every key of either side.
pub fn lines(
    selected: &BTreeMap<String, u32>,
    selected_whole: u32,
    call: &BTreeMap<String, u32>,
    call_whole: u32,
) -> Vec<Line> {
    let mut keys: Vec<&String> = call.keys().chain(selected.keys()).collect();
    keys.sort();
    keys.dedup();
    keys.into_iter()
        .map(|k| {
            let n = selected.get(k).copied().unwrap_or(0);
            Line {
                key: k.clone(),
                selected: n,
                selected_share: percent(n, selected_whole),
                call_share: percent(call.get(k).copied().unwrap_or(0), call_whole),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn person<'a>(
        group: &'a str,
        region: &'a str,
        gender: &'a str,
        onsite: bool,
    ) -> PersonFacts<'a> {
        PersonFacts {
            group,
            region,
            gender,
            onsite,
        }
    }

    #[test]
    fn tallies_add_and_remove() {
        let ws = Uuid::new_v4();
        let a = Tally::of_people(
            false,
            [
                person("civil-society", "africa", "woman", true),
                person("government", "weog", "", false),
            ],
        )
        .of_proposal(Some(ws), None, true, false);
        // Stored and read back, as the ranking does.
        let stored = Tally::of_people(true, [person("civil-society", "asia-pacific", "man", true)]);
        let b = Tally::from_json(&stored.to_json()).of_proposal(Some(ws), None, false, false);
        assert_eq!(
            b.developing, 1,
            "an organiser from a developing country counts"
        );
        assert_eq!(
            Tally::of_people(false, [])
                .of_proposal(None, None, false, true)
                .developing,
            1,
            "so does the proposer"
        );
        let mut sel = Tally::default();
        sel.add(&a);
        sel.add(&b);
        assert_eq!(sel.proposals, 2);
        assert_eq!(sel.people, 3);
        assert_eq!(sel.groups.get("civil-society"), Some(&2));
        assert_eq!(
            (sel.onsite, sel.online, sel.first_time, sel.developing),
            (2, 1, 1, 1)
        );
        assert_eq!(sel.types.get(&ws.to_string()), Some(&2));
        assert_eq!(sel.genders.len(), 2, "an empty gender is not a category");
        sel.remove(&a);
        assert_eq!(sel, b);
        let call = {
            let mut c = a.clone();
            c.add(&b);
            c
        };
        let regions = lines(&sel.regions, sel.people, &call.regions, call.people);
        assert_eq!(regions.len(), 3);
        let asia = regions.iter().find(|l| l.key == "asia-pacific").unwrap();
        assert_eq!(
            (asia.selected, asia.selected_share, asia.call_share),
            (1, 100, 33)
        );
        assert_eq!(percent(1, 0), 0);
    }
}
