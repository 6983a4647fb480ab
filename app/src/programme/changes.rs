//! What a release publishes and what changed since the one before (pure):
//! the snapshot of the placed sessions with their people, the public
//! changelog between two snapshots, and for each person the changes to tell
//! them about — their sessions added, moved, cancelled or taken out, and
//! sessions they were newly put on or taken off.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap, HashSet};
use uuid::Uuid;

/// What one release published. People's addresses are in it (to tell them
/// of later changes): it is never sent out as it is.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Snapshot {
    /// By start, then room.
    pub sessions: Vec<ReleasedSession>,
}

/// A session as a release published it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReleasedSession {
    pub id: Uuid,
    pub code: String,
    pub title: String,
    #[serde(default)]
    pub description: String,
    #[serde(default)]
    pub session_type: String,
    #[serde(default)]
    pub theme: String,
    pub at: Where,
    #[serde(default)]
    pub online_only: bool,
    #[serde(default)]
    pub hybrid: bool,
    pub people: Vec<ReleasedPerson>,
    /// Its number in the schedule exports (Frab's event id): kept from
    /// release to release, the next free one for a session new to the
    /// programme. 0 in releases made before exports had numbers.
    #[serde(default)]
    pub number: u32,
    /// Room features it needs (`venue::FEATURES` codes: interpretation,
    /// captioning…).
    #[serde(default)]
    pub features: Vec<String>,
    /// Its languages (codes), from its proposal.
    #[serde(default)]
    pub languages: Vec<String>,
    /// What its proposal said of it (none for sessions the organisers made).
    #[serde(default)]
    pub details: Option<ProposalDetails>,
    /// Slides, papers, recordings.
    #[serde(default)]
    pub materials: Vec<super::materials::Material>,
}

/// A released session's details from its proposal.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProposalDetails {
    /// The session format's name.
    pub format: String,
    pub tags: Vec<String>,
    /// SDG numbers ("4").
    pub sdgs: Vec<String>,
    /// WSIS Action Line codes ("C7.1").
    pub action_lines: Vec<String>,
    pub policy_questions: Vec<String>,
    pub expected_outcomes: String,
}

impl ReleasedSession {
    /// Its code as a URL segment: letters, digits and hyphens ("WS #12" →
    /// "WS12", "MS-3" stays), so public links never need escaping.
    pub fn key(&self) -> String {
        session_key(&self.code)
    }
}

/// A session code as a URL segment (see [`ReleasedSession::key`]).
pub fn session_key(code: &str) -> String {
    code.chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == '-')
        .collect()
}

/// Gives every session of `next` its export number: the one it had in
/// `before`, else the next number never used.
pub fn number_sessions(next: &mut Snapshot, before: &Snapshot) {
    let old: HashMap<Uuid, u32> = before
        .sessions
        .iter()
        .filter(|s| s.number > 0)
        .map(|s| (s.id, s.number))
        .collect();
    let mut last = before.sessions.iter().map(|s| s.number).max().unwrap_or(0);
    for s in &mut next.sessions {
        s.number = match old.get(&s.id) {
            Some(n) => *n,
            None => {
                last += 1;
                last
            }
        };
    }
}

/// When and where a session is, in the venue's time.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Where {
    /// ISO date.
    pub day: String,
    /// 0 for Day 0, then 1, 2…
    pub day_number: Option<u32>,
    /// "09:00"
    pub start: String,
    pub end: String,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    pub room_id: Uuid,
    pub room: String,
    /// The time slot it was published in (re-plans start from it).
    #[serde(default)]
    pub slot_id: Option<Uuid>,
}

impl Where {
    /// "2027-06-22 09:00–10:30 · Room A", the same in every language.
    pub fn text(&self) -> String {
        format!("{} {}–{} · {}", self.day, self.start, self.end, self.room)
    }

    fn same_place(&self, other: &Where) -> bool {
        self.starts_at == other.starts_at
            && self.ends_at == other.ends_at
            && self.room_id == other.room_id
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReleasedPerson {
    pub role: String,
    pub name: String,
    /// Lower-cased; empty when unknown (no mail then).
    pub email: String,
    pub organisation: String,
    #[serde(default)]
    pub country: Option<String>,
    #[serde(default)]
    pub stakeholder_group: Option<String>,
}

impl ReleasedPerson {
    /// The person's public identifier: a UUID v5 of `acct:<address>` in the
    /// URL namespace (the Frab convention), so it stays the same across
    /// sessions and releases without showing the address. Without an
    /// address, one made from the name and the session.
    pub fn guid(&self, session: Uuid) -> Uuid {
        let name = if self.email.is_empty() {
            format!("plenum:{session}:{}", self.name.trim().to_lowercase())
        } else {
            format!("acct:{}", self.email)
        };
        Uuid::new_v5(&Uuid::NAMESPACE_URL, name.as_bytes())
    }
}

/// What happened to a session between two releases.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum ChangeKind {
    Added,
    Moved,
    Cancelled,
    /// Taken out of the programme without being cancelled (not placed now).
    Removed,
    /// Same place; its title, description or people changed.
    Updated,
}

impl ChangeKind {
    pub const ALL: [ChangeKind; 5] = [
        ChangeKind::Added,
        ChangeKind::Moved,
        ChangeKind::Cancelled,
        ChangeKind::Removed,
        ChangeKind::Updated,
    ];

    pub fn code(self) -> &'static str {
        match self {
            ChangeKind::Added => "added",
            ChangeKind::Moved => "moved",
            ChangeKind::Cancelled => "cancelled",
            ChangeKind::Removed => "removed",
            ChangeKind::Updated => "updated",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.code() == code)
    }
}

/// One line of the changelog.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Change<'a> {
    pub kind: ChangeKind,
    pub before: Option<&'a ReleasedSession>,
    pub after: Option<&'a ReleasedSession>,
}

impl Change<'_> {
    /// The session as it is now, or as it was when it left.
    pub fn session(&self) -> &ReleasedSession {
        self.after.or(self.before).expect("a change has a side")
    }
}

fn by_id(s: &Snapshot) -> HashMap<Uuid, &ReleasedSession> {
    s.sessions.iter().map(|x| (x.id, x)).collect()
}

fn content_changed(a: &ReleasedSession, b: &ReleasedSession) -> bool {
    a.code != b.code
        || a.title != b.title
        || a.description != b.description
        || a.session_type != b.session_type
        || a.theme != b.theme
        || a.online_only != b.online_only
        || a.hybrid != b.hybrid
        || a.people != b.people
        || a.materials != b.materials
}

/// The changes from `before` to `after`, by session code. `cancelled` names
/// the sessions that left because they were cancelled (the others left
/// because they are no longer placed).
pub fn diff<'a>(
    before: &'a Snapshot,
    after: &'a Snapshot,
    cancelled: &HashSet<Uuid>,
) -> Vec<Change<'a>> {
    let old = by_id(before);
    let new = by_id(after);
    let mut changes: Vec<Change<'a>> = after
        .sessions
        .iter()
        .filter_map(|s| {
            let kind = match old.get(&s.id) {
                None => ChangeKind::Added,
                Some(o) if !o.at.same_place(&s.at) => ChangeKind::Moved,
                Some(o) if content_changed(o, s) => ChangeKind::Updated,
                Some(_) => return None,
            };
            Some(Change {
                kind,
                before: old.get(&s.id).copied(),
                after: Some(s),
            })
        })
        .collect();
    changes.extend(
        before
            .sessions
            .iter()
            .filter(|s| !new.contains_key(&s.id))
            .map(|s| Change {
                kind: if cancelled.contains(&s.id) {
                    ChangeKind::Cancelled
                } else {
                    ChangeKind::Removed
                },
                before: Some(s),
                after: None,
            }),
    );
    changes.sort_by(|a, b| {
        (a.session().code.as_str(), a.kind).cmp(&(b.session().code.as_str(), b.kind))
    });
    changes
}

/// What changed for one person in one session.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum PersonChange {
    /// A new session of theirs, or a session they were newly put on.
    Added,
    Moved,
    Cancelled,
    Removed,
    /// They are no longer on the session.
    Unlisted,
}

impl PersonChange {
    pub fn code(self) -> &'static str {
        match self {
            PersonChange::Added => "added",
            PersonChange::Moved => "moved",
            PersonChange::Cancelled => "cancelled",
            PersonChange::Removed => "removed",
            PersonChange::Unlisted => "unlisted",
        }
    }

    /// Whether the session is off the person's calendar after the change.
    pub fn drops(self) -> bool {
        matches!(
            self,
            PersonChange::Cancelled | PersonChange::Removed | PersonChange::Unlisted
        )
    }
}

/// A person to tell, with their changes (by session code).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Notice<'a> {
    pub email: String,
    pub name: String,
    pub items: Vec<(PersonChange, Change<'a>)>,
}

/// The addresses of a session's people, once each; none for people without
/// one or with an address under the reserved `.invalid` domain (people
/// imported from a Frab file, who have no real address).
fn emails(s: &ReleasedSession) -> Vec<(&str, &str)> {
    let mut seen = HashSet::new();
    s.people
        .iter()
        .filter(|p| {
            !p.email.is_empty() && !p.email.ends_with(".invalid") && seen.insert(p.email.as_str())
        })
        .map(|p| (p.email.as_str(), p.name.as_str()))
        .collect()
}

/// The people to tell of `changes`, one entry per address, by address. A
/// session only updated tells nobody except those newly on or off it.
pub fn notices<'a>(changes: &[Change<'a>]) -> Vec<Notice<'a>> {
    let mut out: BTreeMap<String, Notice<'a>> = BTreeMap::new();
    let mut tell = |email: &str, name: &str, what: PersonChange, change: &Change<'a>| {
        out.entry(email.to_string())
            .or_insert_with(|| Notice {
                email: email.to_string(),
                name: name.to_string(),
                items: vec![],
            })
            .items
            .push((what, change.clone()));
    };
    for c in changes {
        let was: Vec<(&str, &str)> = c.before.map(emails).unwrap_or_default();
        let is: Vec<(&str, &str)> = c.after.map(emails).unwrap_or_default();
        let was_set: HashSet<&str> = was.iter().map(|(e, _)| *e).collect();
        let is_set: HashSet<&str> = is.iter().map(|(e, _)| *e).collect();
        match c.kind {
            ChangeKind::Added => {
                for (e, n) in &is {
                    tell(e, n, PersonChange::Added, c);
                }
            }
            ChangeKind::Cancelled | ChangeKind::Removed => {
                let what = if c.kind == ChangeKind::Cancelled {
                    PersonChange::Cancelled
                } else {
                    PersonChange::Removed
                };
                for (e, n) in &was {
                    tell(e, n, what, c);
                }
            }
            ChangeKind::Moved | ChangeKind::Updated => {
                for (e, n) in &is {
                    if !was_set.contains(e) {
                        tell(e, n, PersonChange::Added, c);
                    } else if c.kind == ChangeKind::Moved {
                        tell(e, n, PersonChange::Moved, c);
                    }
                }
                for (e, n) in &was {
                    if !is_set.contains(e) {
                        tell(e, n, PersonChange::Unlisted, c);
                    }
                }
            }
        }
    }
    out.into_values().collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn at(room: u128, hour: u32) -> Where {
        Where {
            day: "2027-06-22".into(),
            day_number: Some(1),
            start: format!("{hour:02}:00"),
            end: format!("{:02}:30", hour + 1),
            starts_at: Utc.with_ymd_and_hms(2027, 6, 22, hour, 0, 0).unwrap(),
            ends_at: Utc.with_ymd_and_hms(2027, 6, 22, hour + 1, 30, 0).unwrap(),
            room_id: Uuid::from_u128(room),
            room: format!("Room {room}"),
            slot_id: None,
        }
    }

    fn person(email: &str) -> ReleasedPerson {
        ReleasedPerson {
            role: "speaker".into(),
            name: email.to_uppercase(),
            email: email.into(),
            organisation: String::new(),
            country: None,
            stakeholder_group: None,
        }
    }

    fn session(n: u128, code: &str, at: Where, people: &[&str]) -> ReleasedSession {
        ReleasedSession {
            id: Uuid::from_u128(n),
            code: code.into(),
            title: format!("Session {code}"),
            description: String::new(),
            session_type: String::new(),
            theme: String::new(),
            at,
            online_only: false,
            hybrid: false,
            people: people.iter().map(|e| person(e)).collect(),
            number: 0,
            features: vec![],
            languages: vec![],
            details: None,
            materials: vec![],
        }
    }

    #[test]
    fn sessions_keep_their_export_number_and_new_ones_take_the_next_free() {
        let mut first = Snapshot {
            sessions: vec![
                session(1, "A", at(1, 9), &[]),
                session(2, "B", at(1, 11), &[]),
            ],
        };
        number_sessions(&mut first, &Snapshot::default());
        assert_eq!(
            first.sessions.iter().map(|s| s.number).collect::<Vec<_>>(),
            [1, 2]
        );
        // B leaves, C arrives before A: A keeps 1, C takes 3 (2 is not reused).
        let mut second = Snapshot {
            sessions: vec![
                session(3, "C", at(1, 8), &[]),
                session(1, "A", at(1, 9), &[]),
            ],
        };
        number_sessions(&mut second, &first);
        assert_eq!(
            second.sessions.iter().map(|s| s.number).collect::<Vec<_>>(),
            [3, 1]
        );
    }

    #[test]
    fn keys_and_person_ids_are_stable_and_reveal_no_address() {
        assert_eq!(session_key("WS #12"), "WS12");
        assert_eq!(session_key("MS-3"), "MS-3");
        let p = person("a@example.org");
        let id = p.guid(Uuid::from_u128(1));
        assert_eq!(
            id,
            p.guid(Uuid::from_u128(2)),
            "same person in another session"
        );
        assert_eq!(id.get_version_num(), 5);
        assert!(!id.to_string().contains("example"));
        let mut nameless = person("");
        nameless.name = "Ana".into();
        assert_ne!(
            nameless.guid(Uuid::from_u128(1)),
            nameless.guid(Uuid::from_u128(2))
        );
    }

    #[test]
    fn the_changelog_names_added_moved_cancelled_removed_and_updated_sessions() {
        let before = Snapshot {
            sessions: vec![
                session(1, "A", at(1, 9), &["a@x"]),
                session(2, "B", at(2, 9), &["b@x"]),
                session(3, "C", at(1, 11), &["c@x"]),
                session(4, "D", at(2, 11), &["d@x"]),
                session(5, "E", at(3, 11), &["e@x"]),
            ],
        };
        let mut renamed = session(5, "E", at(3, 11), &["e@x"]);
        renamed.title = "New title".into();
        let after = Snapshot {
            sessions: vec![
                session(1, "A", at(1, 9), &["a@x"]),
                session(2, "B", at(3, 9), &["b@x"]),
                renamed,
                session(6, "F", at(2, 11), &["f@x"]),
            ],
        };
        let cancelled = HashSet::from([Uuid::from_u128(3)]);
        let changes = diff(&before, &after, &cancelled);
        let lines: Vec<(&str, ChangeKind)> = changes
            .iter()
            .map(|c| (c.session().code.as_str(), c.kind))
            .collect();
        assert_eq!(
            lines,
            vec![
                ("B", ChangeKind::Moved),
                ("C", ChangeKind::Cancelled),
                ("D", ChangeKind::Removed),
                ("E", ChangeKind::Updated),
                ("F", ChangeKind::Added),
            ]
        );
        assert_eq!(changes[0].before.unwrap().at.room, "Room 2");
        assert_eq!(changes[0].after.unwrap().at.room, "Room 3");
        assert!(diff(&after, &after, &HashSet::new()).is_empty());
    }

    #[test]
    fn only_people_whose_sessions_changed_are_told_once_each() {
        let before = Snapshot {
            sessions: vec![
                session(1, "A", at(1, 9), &["same@x", "both@x"]),
                session(2, "B", at(2, 9), &["moved@x", "both@x", "left@x"]),
                session(3, "C", at(1, 11), &["gone@x"]),
            ],
        };
        let after = Snapshot {
            sessions: vec![
                session(1, "A", at(1, 9), &["same@x", "both@x"]),
                session(2, "B", at(2, 14), &["moved@x", "both@x", "joined@x"]),
                session(4, "D", at(2, 11), &["new@x", "both@x"]),
            ],
        };
        let cancelled = HashSet::from([Uuid::from_u128(3)]);
        let changes = diff(&before, &after, &cancelled);
        let told: Vec<(String, Vec<(PersonChange, String)>)> = notices(&changes)
            .into_iter()
            .map(|n| {
                (
                    n.email,
                    n.items
                        .iter()
                        .map(|(w, c)| (*w, c.session().code.clone()))
                        .collect(),
                )
            })
            .collect();
        use PersonChange::*;
        assert_eq!(
            told,
            vec![
                (
                    "both@x".into(),
                    vec![(Moved, "B".into()), (Added, "D".into())]
                ),
                ("gone@x".into(), vec![(Cancelled, "C".into())]),
                ("joined@x".into(), vec![(Added, "B".into())]),
                ("left@x".into(), vec![(Unlisted, "B".into())]),
                ("moved@x".into(), vec![(Moved, "B".into())]),
                ("new@x".into(), vec![(Added, "D".into())]),
            ],
            "same@x, whose session did not change, is not told"
        );
    }

    #[test]
    fn a_person_in_two_roles_of_a_session_is_told_once() {
        let mut s = session(1, "A", at(1, 9), &["two@x", "two@x", ""]);
        s.people[1].role = "rapporteur".into();
        let after = Snapshot { sessions: vec![s] };
        let before = Snapshot::default();
        let changes = diff(&before, &after, &HashSet::new());
        let told = notices(&changes);
        assert_eq!(told.len(), 1, "one mail; nobody without an address");
        assert_eq!(told[0].items.len(), 1);
    }
}
