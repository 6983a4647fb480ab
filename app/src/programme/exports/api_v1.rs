//! The read-only JSON API of the released programme (pure), under
//! `/api/v1/forums/{forum}/…`. Every answer names the release it comes from;
//! fields are documented in the README ("JSON API"). People appear by name,
//! organisation, country and stakeholder group — never by address.

use super::{format_code, Released};
use crate::programme::changes::ReleasedSession;
use serde_json::{json, Value};

/// What an API address asks for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Part {
    /// The edition and links to the rest.
    Forum,
    Sessions,
    Rooms,
    People,
    Themes,
}

impl Part {
    pub const ALL: [Part; 5] = [
        Part::Forum,
        Part::Sessions,
        Part::Rooms,
        Part::People,
        Part::Themes,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Part::Forum => "forum",
            Part::Sessions => "sessions",
            Part::Rooms => "rooms",
            Part::People => "people",
            Part::Themes => "themes",
        }
    }

    /// The part a path segment names (`sessions`, `rooms`, …).
    pub fn from_segment(segment: &str) -> Option<Part> {
        Part::ALL
            .into_iter()
            .find(|p| *p != Part::Forum && p.code() == segment)
    }
}

fn session(r: &Released, s: &ReleasedSession) -> Value {
    json!({
        "id": s.id,
        "number": s.number,
        "code": s.code,
        "key": s.key(),
        "title": s.title,
        "description": s.description,
        "session_type": s.session_type,
        "theme": s.theme,
        "format": format_code(s),
        "date": s.at.day,
        "day_number": s.at.day_number,
        "start": s.at.start,
        "end": s.at.end,
        "starts_at": s.at.starts_at.to_rfc3339(),
        "ends_at": s.at.ends_at.to_rfc3339(),
        "room": {"id": s.at.room_id, "name": s.at.room},
        "people": s.people.iter().map(|p| json!({
            "guid": p.guid(s.id),
            "name": p.name,
            "role": p.role,
            "organisation": p.organisation,
        })).collect::<Vec<_>>(),
        "materials": s.materials.iter().map(|m| json!({"title": m.title, "url": m.url})).collect::<Vec<_>>(),
        "url": r.session_url(s),
        "ics": r.link(&format!("/{}/session/{}.ics", r.forum_code, s.key())),
    })
}

/// The answer to `part`, as JSON text.
pub fn answer(r: &Released, part: Part) -> String {
    let api = |p: &str| r.link(&format!("/api/v1/forums/{}/{p}", r.forum_code));
    let mut doc = json!({
        "forum": {"code": r.forum_code, "name": r.forum_name, "time_zone": r.time_zone},
        "release": {"number": r.number, "published_at": r.published_at.to_rfc3339()},
    });
    let (name, value) = match part {
        Part::Forum => (
            "links",
            json!({
                "sessions": api("sessions"),
                "rooms": api("rooms"),
                "people": api("people"),
                "themes": api("themes"),
                "programme": r.link(&format!("/forums/{}/programme", r.forum_code)),
                "schedule_xml": r.link(&format!("/{}/schedule.xml", r.forum_code)),
                "schedule_json": r.link(&format!("/{}/schedule.json", r.forum_code)),
                "schedule_ics": r.link(&format!("/{}/schedule.ics", r.forum_code)),
                "sessions_csv": r.link(&format!("/{}/sessions.csv", r.forum_code)),
            }),
        ),
        Part::Sessions => (
            "sessions",
            r.snapshot.sessions.iter().map(|s| session(r, s)).collect(),
        ),
        Part::Rooms => (
            "rooms",
            r.rooms()
                .into_iter()
                .map(|(id, name)| {
                    let n = r
                        .snapshot
                        .sessions
                        .iter()
                        .filter(|s| s.at.room_id == id)
                        .count();
                    json!({"id": id, "name": name, "sessions": n})
                })
                .collect(),
        ),
        Part::People => (
            "people",
            r.people()
                .into_iter()
                .map(|(guid, p, sessions)| {
                    json!({
                        "guid": guid,
                        "name": p.name,
                        "organisation": p.organisation,
                        "country": p.country,
                        "stakeholder_group": p.stakeholder_group,
                        "sessions": sessions.iter().map(|s| s.code.clone()).collect::<Vec<_>>(),
                        "url": r.speaker_url(guid),
                        "ics": r.link(&format!("/{}/speaker/{guid}.ics", r.forum_code)),
                    })
                })
                .collect(),
        ),
        Part::Themes => (
            "themes",
            r.themes()
                .into_iter()
                .map(|(name, slug)| {
                    let n = r
                        .snapshot
                        .sessions
                        .iter()
                        .filter(|s| s.theme == name)
                        .count();
                    json!({"name": name, "slug": slug, "sessions": n})
                })
                .collect(),
        ),
    };
    if let Value::Object(m) = &mut doc {
        m.insert(name.into(), value);
    }
    serde_json::to_string(&doc).unwrap_or_default()
}
