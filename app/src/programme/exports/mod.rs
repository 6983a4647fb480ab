//! The released programme for machines (server only): the Frab schedule in
//! XML and JSON, iCalendar files (the whole programme, a session, a day, a
//! person), a CSV of the sessions and the read-only JSON API. Each is built
//! from the latest release alone — never the draft — and cached per release
//! (see [`cache`]), so a new release is the only thing that changes them.

pub mod api_v1;
pub mod cache;
pub mod calendar;
pub mod frab;
pub mod table;

use super::changes::{ReleasedPerson, ReleasedSession, Snapshot};
use chrono::{DateTime, FixedOffset, Offset, TimeZone, Utc};
use std::collections::BTreeMap;
use uuid::Uuid;

/// The latest release of an edition, with what its exports need to know.
#[derive(Clone, Debug)]
pub struct Released {
    pub release_id: Uuid,
    pub number: i32,
    pub published_at: DateTime<Utc>,
    pub forum_code: String,
    pub forum_name: String,
    /// IANA name of the venue's zone.
    pub time_zone: String,
    /// The site's public address, no trailing slash.
    pub base_url: String,
    pub snapshot: Snapshot,
}

/// The public page of a session.
pub fn session_path(forum: &str, key: &str) -> String {
    format!("/forums/{forum}/session/{key}")
}

/// The public page of a person of the programme.
pub fn speaker_path(forum: &str, guid: Uuid) -> String {
    format!("/forums/{forum}/speakers/{guid}")
}

impl Released {
    /// Gives export numbers to sessions of releases made before numbers
    /// existed (they read 0), after the highest one in use.
    pub fn numbered(mut self) -> Self {
        let mut last = self
            .snapshot
            .sessions
            .iter()
            .map(|s| s.number)
            .max()
            .unwrap_or(0);
        for s in self.snapshot.sessions.iter_mut().filter(|s| s.number == 0) {
            last += 1;
            s.number = last;
        }
        self
    }

    pub fn link(&self, path: &str) -> String {
        format!("{}{path}", self.base_url)
    }

    pub fn session_url(&self, s: &ReleasedSession) -> String {
        self.link(&session_path(&self.forum_code, &s.key()))
    }

    pub fn speaker_url(&self, guid: Uuid) -> String {
        self.link(&speaker_path(&self.forum_code, guid))
    }

    /// `t` in the venue's time, with its offset (UTC when the zone is unknown).
    pub fn local(&self, t: DateTime<Utc>) -> DateTime<FixedOffset> {
        match self.time_zone.parse::<chrono_tz::Tz>() {
            Ok(tz) => {
                let offset = tz.offset_from_utc_datetime(&t.naive_utc()).fix();
                t.with_timezone(&offset)
            }
            Err(_) => t.fixed_offset(),
        }
    }

    /// The sessions by day (ISO date), in the snapshot's order.
    pub fn days(&self) -> BTreeMap<&str, Vec<&ReleasedSession>> {
        let mut days: BTreeMap<&str, Vec<&ReleasedSession>> = BTreeMap::new();
        for s in &self.snapshot.sessions {
            days.entry(s.at.day.as_str()).or_default().push(s);
        }
        days
    }

    /// The rooms the programme uses, by name: (id, name).
    pub fn rooms(&self) -> Vec<(Uuid, &str)> {
        let mut rooms: BTreeMap<&str, Uuid> = BTreeMap::new();
        for s in &self.snapshot.sessions {
            rooms.entry(s.at.room.as_str()).or_insert(s.at.room_id);
        }
        rooms.into_iter().map(|(name, id)| (id, name)).collect()
    }

    /// The themes the programme uses, by name, each with its slug.
    pub fn themes(&self) -> Vec<(&str, String)> {
        let names: std::collections::BTreeSet<&str> = self
            .snapshot
            .sessions
            .iter()
            .map(|s| s.theme.as_str())
            .filter(|t| !t.is_empty())
            .collect();
        names
            .into_iter()
            .enumerate()
            .map(|(i, name)| (name, slug(name, &format!("theme-{}", i + 1))))
            .collect()
    }

    /// Everyone on the programme once, by name: (guid, the person as first
    /// listed, the sessions they are on).
    pub fn people(&self) -> Vec<(Uuid, &ReleasedPerson, Vec<&ReleasedSession>)> {
        let mut by_guid: BTreeMap<Uuid, (&ReleasedPerson, Vec<&ReleasedSession>)> = BTreeMap::new();
        for s in &self.snapshot.sessions {
            for p in &s.people {
                let e = by_guid.entry(p.guid(s.id)).or_insert((p, vec![]));
                if !e.1.iter().any(|x| x.id == s.id) {
                    e.1.push(s);
                }
            }
        }
        let mut people: Vec<_> = by_guid
            .into_iter()
            .map(|(guid, (p, sessions))| (guid, p, sessions))
            .collect();
        people.sort_by_key(|a| (a.1.name.to_lowercase(), a.0));
        people
    }

    /// The session whose URL key is `key`.
    pub fn session(&self, key: &str) -> Option<&ReleasedSession> {
        self.snapshot.sessions.iter().find(|s| s.key() == key)
    }
}

/// "onsite", "hybrid" or "online": how a session can be followed.
pub fn format_code(s: &ReleasedSession) -> &'static str {
    if s.online_only {
        "online"
    } else if s.hybrid {
        "hybrid"
    } else {
        "onsite"
    }
}

/// Lower-case ASCII letters, digits and single hyphens, starting with a
/// letter; `fallback` when nothing of `text` is left.
pub fn slug(text: &str, fallback: &str) -> String {
    let mut out = String::new();
    for c in text.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    let out = out.trim_end_matches('-');
    let out: String = out.chars().take(48).collect();
    let out = out.trim_end_matches('-');
    if out.len() < 2 {
        fallback.to_string()
    } else if out.starts_with(|c: char| c.is_ascii_digit()) {
        format!("t-{out}")
    } else {
        out.to_string()
    }
}

/// What can be exported, and its place in the cache.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Kind {
    ScheduleXml,
    ScheduleJson,
    ScheduleIcs,
    SessionsCsv,
    /// A session by URL key.
    SessionIcs(String),
    /// A day by ISO date.
    DayIcs(String),
    /// A person by guid.
    SpeakerIcs(Uuid),
    Api(api_v1::Part),
}

/// A built export.
pub struct Body {
    pub text: String,
    pub content_type: &'static str,
    /// Offered as the download's name (none for API answers).
    pub filename: Option<String>,
}

const ICS: &str = "text/calendar; charset=utf-8";

impl Kind {
    /// Its name in the cache and in its ETag.
    pub fn key(&self) -> String {
        match self {
            Kind::ScheduleXml => "schedule.xml".into(),
            Kind::ScheduleJson => "schedule.json".into(),
            Kind::ScheduleIcs => "schedule.ics".into(),
            Kind::SessionsCsv => "sessions.csv".into(),
            Kind::SessionIcs(key) => format!("session/{key}.ics"),
            Kind::DayIcs(day) => format!("day/{day}.ics"),
            Kind::SpeakerIcs(guid) => format!("speaker/{guid}.ics"),
            Kind::Api(part) => format!("api/{}", part.code()),
        }
    }

    /// Whether `r` has what it names (without building it).
    pub fn exists(&self, r: &Released) -> bool {
        match self {
            Kind::SessionIcs(key) => r.session(key).is_some(),
            Kind::DayIcs(day) => r.snapshot.sessions.iter().any(|s| &s.at.day == day),
            Kind::SpeakerIcs(guid) => r
                .snapshot
                .sessions
                .iter()
                .any(|s| s.people.iter().any(|p| p.guid(s.id) == *guid)),
            _ => true,
        }
    }

    /// The export of `r`; none when it names a session, day or person the
    /// release does not have.
    pub fn build(&self, r: &Released) -> Option<Body> {
        let file = |text: String, content_type: &'static str, name: String| Body {
            text,
            content_type,
            filename: Some(name),
        };
        let code = &r.forum_code;
        Some(match self {
            Kind::ScheduleXml => file(
                frab::xml(r),
                "application/xml; charset=utf-8",
                format!("{code}-schedule.xml"),
            ),
            Kind::ScheduleJson => file(
                frab::json(r),
                "application/json",
                format!("{code}-schedule.json"),
            ),
            Kind::ScheduleIcs => file(calendar::programme(r), ICS, format!("{code}-schedule.ics")),
            Kind::SessionsCsv => file(
                table::sessions(r),
                "text/csv; charset=utf-8",
                format!("{code}-sessions.csv"),
            ),
            Kind::SessionIcs(key) => {
                file(calendar::session(r, key)?, ICS, format!("{code}-{key}.ics"))
            }
            Kind::DayIcs(day) => file(calendar::day(r, day)?, ICS, format!("{code}-{day}.ics")),
            Kind::SpeakerIcs(guid) => file(
                calendar::speaker(r, *guid)?,
                ICS,
                format!("{code}-{guid}.ics"),
            ),
            Kind::Api(part) => Body {
                text: api_v1::answer(r, *part),
                content_type: "application/json",
                filename: None,
            },
        })
    }
}
