//! iCalendar exports of the released programme (pure): the whole programme,
//! one session, one day, one person's sessions. Every event's UID is the
//! session's id (the same as in release mails), its SEQUENCE the release
//! number, its DTSTAMP the release's time, its URL the session's page.

use super::Released;
use crate::notifications::outbox::message_id_host;
use crate::programme::changes::ReleasedSession;
use crate::programme::ics::{calendar, Event};
use uuid::Uuid;

fn event(r: &Released, host: &str, s: &ReleasedSession) -> Event {
    let mut description = vec![];
    let kind: Vec<&str> = [s.session_type.as_str(), s.theme.as_str()]
        .into_iter()
        .filter(|t| !t.is_empty())
        .collect();
    if !kind.is_empty() {
        description.push(kind.join(" · "));
    }
    let people: Vec<String> = s
        .people
        .iter()
        .map(|p| {
            if p.organisation.is_empty() {
                p.name.clone()
            } else {
                format!("{} ({})", p.name, p.organisation)
            }
        })
        .collect();
    if !people.is_empty() {
        description.push(people.join(", "));
    }
    if !s.description.is_empty() {
        description.push(s.description.clone());
    }
    Event {
        uid: format!("{}@{host}", s.id),
        sequence: r.number.max(0) as u32,
        stamp: r.published_at,
        start: s.at.starts_at,
        end: s.at.ends_at,
        summary: format!("{} {}", s.code, s.title),
        location: s.at.room.clone(),
        description: description.join("\n\n"),
        url: r.session_url(s),
        cancelled: false,
    }
}

/// A calendar named `name` of `sessions` of the release.
pub fn of<'a>(
    r: &Released,
    name: &str,
    sessions: impl Iterator<Item = &'a ReleasedSession>,
) -> String {
    let host = message_id_host(&r.base_url);
    let events: Vec<Event> = sessions.map(|s| event(r, &host, s)).collect();
    calendar(name, &r.time_zone, &events)
}

/// Every session of the release.
pub fn programme(r: &Released) -> String {
    of(r, &r.forum_name, r.snapshot.sessions.iter())
}

/// One session, by URL key.
pub fn session(r: &Released, key: &str) -> Option<String> {
    let s = r.session(key)?;
    Some(of(
        r,
        &format!("{} — {}", r.forum_name, s.code),
        std::iter::once(s),
    ))
}

/// The sessions of one day (ISO date).
pub fn day(r: &Released, date: &str) -> Option<String> {
    let sessions: Vec<&ReleasedSession> = r
        .snapshot
        .sessions
        .iter()
        .filter(|s| s.at.day == date)
        .collect();
    if sessions.is_empty() {
        return None;
    }
    Some(of(
        r,
        &format!("{} — {date}", r.forum_name),
        sessions.into_iter(),
    ))
}

/// The sessions of one person, by guid.
pub fn speaker(r: &Released, guid: Uuid) -> Option<String> {
    let sessions: Vec<&ReleasedSession> = r
        .snapshot
        .sessions
        .iter()
        .filter(|s| s.people.iter().any(|p| p.guid(s.id) == guid))
        .collect();
    let name = sessions
        .first()?
        .people
        .iter()
        .find(|p| p.guid(sessions[0].id) == guid)
        .map(|p| p.name.clone())
        .unwrap_or_default();
    Some(of(
        r,
        &format!("{} — {name}", r.forum_name),
        sessions.into_iter(),
    ))
}
