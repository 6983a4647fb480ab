//! The Frab schedule (pure), as pretalx, frab and pentabarf publish it and
//! phone apps (Giggity, EventFahrplan) read it: XML valid against the c3voc
//! `schedule.xml.xsd` and JSON valid against its `schedule.schema.json`.
//! Event ids are the sessions' export numbers and guids their ids, so both
//! stay the same from release to release; rooms' guids are their ids and
//! people's guids the Frab `acct:` UUIDs.

use super::{slug, Released};
use crate::programme::changes::ReleasedSession;
use chrono::{DateTime, Utc};
use serde_json::{json, Map, Value};

const GENERATOR: &str = "Plenum";

/// The edition's code as a Frab acronym: lower-case letters, digits and
/// underscores, at least four.
pub fn acronym(code: &str) -> String {
    let mut a: String = code
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '_'
            }
        })
        .collect();
    while a.len() < 4 {
        a.push('_');
    }
    a
}

/// "acronym-<number>-<title slug>" (unique: the number is).
fn event_slug(r: &Released, s: &ReleasedSession) -> String {
    let title = slug(&s.title, "");
    let title = title.trim_start_matches("t-");
    let base = format!("{}-{:04}", acronym(&r.forum_code), s.number);
    if title.is_empty() {
        base
    } else {
        format!("{base}-{title}")
    }
}

/// "01:30"
fn duration(s: &ReleasedSession) -> String {
    let m = (s.at.ends_at - s.at.starts_at).num_minutes().max(0);
    format!("{:02}:{:02}", m / 60, m % 60)
}

/// The largest step (in minutes, at least 5) every start and length is a
/// multiple of, as "00:15".
fn timeslot(r: &Released) -> String {
    fn gcd(a: i64, b: i64) -> i64 {
        if b == 0 {
            a
        } else {
            gcd(b, a % b)
        }
    }
    let step = r
        .snapshot
        .sessions
        .iter()
        .flat_map(|s| {
            let start = r.local(s.at.starts_at);
            let minute = chrono::Timelike::hour(&start) as i64 * 60
                + chrono::Timelike::minute(&start) as i64;
            [minute, (s.at.ends_at - s.at.starts_at).num_minutes()]
        })
        .fold(0, gcd)
        .clamp(5, 60);
    format!("{:02}:{:02}", step / 60, step % 60)
}

fn stamp(r: &Released, t: DateTime<Utc>) -> String {
    r.local(t).to_rfc3339()
}

/// Text fit for XML: markup characters escaped, characters XML forbids left out.
fn esc(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => {}
            c => out.push(c),
        }
    }
    out
}

/// A Frab code (pretalx's six capitals and digits), when the session's code is one.
fn frab_code(s: &ReleasedSession) -> Option<String> {
    let key = s.key();
    (key.len() == 6
        && key
            .chars()
            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit()))
    .then_some(key)
}

/// The day's first start and last end, in venue time.
fn bounds(r: &Released, sessions: &[&ReleasedSession]) -> (String, String) {
    let start = sessions
        .iter()
        .map(|s| s.at.starts_at)
        .min()
        .unwrap_or_default();
    let end = sessions
        .iter()
        .map(|s| s.at.ends_at)
        .max()
        .unwrap_or_default();
    (stamp(r, start), stamp(r, end))
}

/// The schedule as Frab XML.
pub fn xml(r: &Released) -> String {
    let mut o = String::with_capacity(4096 + r.snapshot.sessions.len() * 2048);
    let days = r.days();
    let first = days.keys().next().copied().unwrap_or_default();
    let last = days.keys().last().copied().unwrap_or_default();
    o.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<schedule>\n");
    o.push_str(&format!(
        "  <generator name=\"{GENERATOR}\" version=\"{}\"/>\n",
        env!("CARGO_PKG_VERSION")
    ));
    o.push_str(&format!(
        "  <url>{}</url>\n  <version>{}</version>\n  <conference>\n",
        esc(&r.link(&format!("/{}/schedule.xml", r.forum_code))),
        r.number
    ));
    o.push_str(&format!(
        "    <title>{}</title>\n    <acronym>{}</acronym>\n",
        esc(&r.forum_name),
        acronym(&r.forum_code)
    ));
    if !first.is_empty() {
        o.push_str(&format!(
            "    <start>{first}</start>\n    <end>{last}</end>\n"
        ));
    }
    o.push_str(&format!(
        "    <days>{}</days>\n    <timeslot_duration>{}</timeslot_duration>\n",
        days.len(),
        timeslot(r)
    ));
    o.push_str(&format!(
        "    <base_url>{}/</base_url>\n    <url>{}</url>\n    <time_zone_name>{}</time_zone_name>\n",
        esc(&r.base_url),
        esc(&r.link(&format!("/forums/{}/programme", r.forum_code))),
        esc(&r.time_zone)
    ));
    for (name, slug) in r.themes() {
        o.push_str(&format!(
            "    <track name=\"{}\" slug=\"{slug}\"/>\n",
            esc(name)
        ));
    }
    o.push_str("  </conference>\n");
    let rooms = r.rooms();
    for (index, (date, sessions)) in days.iter().enumerate() {
        let (start, end) = bounds(r, sessions);
        o.push_str(&format!(
            "  <day index=\"{}\" date=\"{date}\" start=\"{start}\" end=\"{end}\">\n",
            index + 1
        ));
        for (room_id, room) in &rooms {
            let here: Vec<&&ReleasedSession> = sessions
                .iter()
                .filter(|s| s.at.room_id == *room_id)
                .collect();
            if here.is_empty() {
                continue;
            }
            o.push_str(&format!(
                "    <room name=\"{}\" guid=\"{room_id}\">\n",
                esc(room)
            ));
            for s in here {
                event_xml(&mut o, r, s);
            }
            o.push_str("    </room>\n");
        }
        o.push_str("  </day>\n");
    }
    o.push_str("</schedule>\n");
    o
}

fn event_xml(o: &mut String, r: &Released, s: &ReleasedSession) {
    let code = frab_code(s)
        .map(|c| format!(" code=\"{c}\""))
        .unwrap_or_default();
    o.push_str(&format!(
        "      <event guid=\"{}\" id=\"{}\"{code}>\n",
        s.id, s.number
    ));
    let start = r.local(s.at.starts_at);
    let field = |o: &mut String, name: &str, value: &str| {
        o.push_str(&format!("        <{name}>{}</{name}>\n", esc(value)));
    };
    field(o, "room", &s.at.room);
    field(o, "title", &s.title);
    field(o, "subtitle", &s.code);
    field(o, "type", &s.session_type);
    field(o, "date", &start.to_rfc3339());
    field(o, "start", &start.format("%H:%M").to_string());
    field(o, "duration", &duration(s));
    field(o, "abstract", &s.description);
    field(o, "slug", &event_slug(r, s));
    field(o, "track", &s.theme);
    field(o, "url", &r.session_url(s));
    o.push_str("        <persons>\n");
    for p in &s.people {
        o.push_str(&format!(
            "          <person guid=\"{}\">{}</person>\n",
            p.guid(s.id),
            esc(&p.name)
        ));
    }
    o.push_str("        </persons>\n");
    if s.materials.is_empty() {
        o.push_str("        <links/>\n");
    } else {
        o.push_str("        <links>\n");
        for m in &s.materials {
            o.push_str(&format!(
                "          <link href=\"{}\">{}</link>\n",
                esc(&m.url),
                esc(&m.title)
            ));
        }
        o.push_str("        </links>\n");
    }
    o.push_str("        <attachments/>\n      </event>\n");
}

fn event_json(r: &Released, s: &ReleasedSession) -> Value {
    let start = r.local(s.at.starts_at);
    let mut e = Map::new();
    e.insert("guid".into(), json!(s.id));
    if let Some(code) = frab_code(s) {
        e.insert("code".into(), json!(code));
    }
    e.insert("id".into(), json!(s.number));
    e.insert("date".into(), json!(start.to_rfc3339()));
    e.insert("start".into(), json!(start.format("%H:%M").to_string()));
    e.insert("end".into(), json!(stamp(r, s.at.ends_at)));
    e.insert("duration".into(), json!(duration(s)));
    e.insert("room".into(), json!(s.at.room));
    e.insert("slug".into(), json!(event_slug(r, s)));
    e.insert("url".into(), json!(r.session_url(s)));
    e.insert("title".into(), json!(s.title));
    e.insert("subtitle".into(), json!(s.code));
    e.insert(
        "track".into(),
        if s.theme.is_empty() {
            Value::Null
        } else {
            json!(s.theme)
        },
    );
    e.insert("type".into(), json!(s.session_type));
    e.insert("language".into(), Value::Null);
    e.insert("abstract".into(), json!(s.description));
    e.insert(
        "persons".into(),
        Value::Array(
            s.people
                .iter()
                .map(|p| json!({"name": p.name, "guid": p.guid(s.id), "url": r.speaker_url(p.guid(s.id))}))
                .collect(),
        ),
    );
    e.insert(
        "links".into(),
        Value::Array(
            s.materials
                .iter()
                .map(|m| json!({"url": m.url, "title": m.title}))
                .collect(),
        ),
    );
    e.insert("attachments".into(), json!([]));
    Value::Object(e)
}

/// The schedule as Frab JSON.
pub fn json(r: &Released) -> String {
    let days = r.days();
    let rooms = r.rooms();
    let day_values: Vec<Value> = days
        .iter()
        .enumerate()
        .map(|(index, (date, sessions))| {
            let (start, end) = bounds(r, sessions);
            let mut by_room = Map::new();
            for (room_id, room) in &rooms {
                let events: Vec<Value> = sessions
                    .iter()
                    .filter(|s| s.at.room_id == *room_id)
                    .map(|s| event_json(r, s))
                    .collect();
                if !events.is_empty() {
                    by_room.insert(room.to_string(), Value::Array(events));
                }
            }
            json!({"index": index + 1, "date": date, "day_start": start, "day_end": end, "rooms": by_room})
        })
        .collect();
    let mut conference = Map::new();
    conference.insert("acronym".into(), json!(acronym(&r.forum_code)));
    conference.insert("title".into(), json!(r.forum_name));
    conference.insert(
        "start".into(),
        json!(days.keys().next().copied().unwrap_or_default()),
    );
    conference.insert(
        "end".into(),
        json!(days.keys().last().copied().unwrap_or_default()),
    );
    conference.insert("daysCount".into(), json!(days.len()));
    conference.insert("timeslot_duration".into(), json!(timeslot(r)));
    conference.insert("time_zone_name".into(), json!(r.time_zone));
    conference.insert(
        "url".into(),
        json!(r.link(&format!("/forums/{}/programme", r.forum_code))),
    );
    conference.insert(
        "tracks".into(),
        Value::Array(
            r.themes()
                .into_iter()
                .map(|(name, slug)| json!({"name": name, "slug": slug}))
                .collect(),
        ),
    );
    conference.insert(
        "rooms".into(),
        Value::Array(
            rooms
                .iter()
                .map(|(id, name)| json!({"name": name, "guid": id}))
                .collect(),
        ),
    );
    conference.insert("days".into(), Value::Array(day_values));
    let doc = json!({
        "$schema": "https://c3voc.de/schedule/schema.json",
        "generator": {"name": GENERATOR, "version": env!("CARGO_PKG_VERSION")},
        "schedule": {
            "version": r.number.to_string(),
            "base_url": format!("{}/", r.base_url),
            "conference": conference,
        }
    });
    serde_json::to_string_pretty(&doc).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn acronyms_and_text_fit_the_schema() {
        assert_eq!(acronym("demo-wsis"), "demo_wsis");
        assert_eq!(acronym("igf"), "igf_");
        assert_eq!(esc("a<b & \"c\"\u{1}"), "a&lt;b &amp; &quot;c&quot;");
        assert_eq!(slug("Data & Privacy!", "x"), "data-privacy");
        assert_eq!(slug("الأمن", "theme-3"), "theme-3");
        assert_eq!(slug("2030 Agenda", "x"), "t-2030-agenda");
    }
}
