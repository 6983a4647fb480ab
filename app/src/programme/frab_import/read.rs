//! Reading and checking a Frab schedule file (pure): every problem with its
//! line, or the schedule ready to store.

use crate::forums::rules;
use crate::i18n::{translate_with, Locale};
use crate::venue::times::{clock, parse_time, DAY_MINUTES, MAX_LENGTH};
use crate::venue::MAX_ROOMS;
use chrono::{DateTime, NaiveDate, NaiveDateTime, Timelike};
use roxmltree::{Document, Node};
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use uuid::Uuid;

/// The largest file imported.
pub const MAX_BYTES: usize = 10 * 1024 * 1024;
/// The most events imported.
pub const MAX_EVENTS: usize = 5_000;
/// The longest texts the tables hold.
const TITLE_MAX: usize = 300;
const NAME_MAX: usize = 120;
const PERSON_MAX: usize = 200;
const CODE_MAX: usize = 32;
/// Colours for tracks that come without one.
pub(super) const PALETTE: [&str; 8] = [
    "#1d3557", "#2a9d8f", "#e76f51", "#6a4c93", "#f4a261", "#457b9d", "#8d5524", "#264653",
];
/// The domain of the people's made-up addresses (RFC 2606: never delivered).
pub const ADDRESS_DOMAIN: &str = "frab-import.invalid";

/// What is wrong with a file: a locale key and the values its message names
/// (`line`, `event`, `field`, `value`…).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    pub key: &'static str,
    pub params: Vec<(&'static str, String)>,
}

impl Problem {
    fn new(key: &'static str, params: Vec<(&'static str, String)>) -> Problem {
        Problem { key, params }
    }

    /// The value of one parameter.
    pub fn param(&self, name: &str) -> Option<&str> {
        self.params
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, v)| v.as_str())
    }

    /// The problem in words.
    pub fn message(&self, locale: Locale) -> String {
        let args: Vec<(&str, &str)> = self.params.iter().map(|(n, v)| (*n, v.as_str())).collect();
        translate_with(locale, self.key, &args)
    }
}

/// A checked Frab schedule, ready to import.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FrabSchedule {
    pub title: String,
    pub acronym: String,
    /// The IANA name, as chrono-tz spells it.
    pub time_zone: String,
    /// The conference's own start and end, when given.
    pub start: Option<NaiveDate>,
    pub end: Option<NaiveDate>,
    /// The conference's tracks, then those only events name, once each.
    pub tracks: Vec<Track>,
    /// The days' dates, in order, once each.
    pub days: Vec<NaiveDate>,
    /// Room names in order of first appearance.
    pub rooms: Vec<String>,
    /// UN languages the events are in (ISO 639-1, UN order).
    pub languages: Vec<String>,
    pub events: Vec<Event>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Track {
    pub name: String,
    /// `#rrggbb`, when the file gives a valid one.
    pub colour: Option<String>,
}

/// An event, in venue time.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Event {
    /// Where it is in the file.
    pub line: u32,
    pub guid: Option<String>,
    pub id: Option<String>,
    /// The session code: the event's `code`, or "F-<id>".
    pub code: String,
    pub title: String,
    pub subtitle: String,
    /// The event type ("Workshop"); may be empty.
    pub kind: String,
    /// The track; may be empty.
    pub track: String,
    pub room: String,
    pub day: NaiveDate,
    /// Minutes after midnight.
    pub start: u32,
    pub duration: u32,
    pub abstract_text: String,
    pub description: String,
    pub language: String,
    pub persons: Vec<Person>,
}

impl Event {
    /// The session's description: the abstract, then the description when
    /// it says something else.
    pub fn text(&self) -> String {
        let mut parts = vec![];
        if !self.abstract_text.is_empty() {
            parts.push(self.abstract_text.as_str());
        }
        if !self.description.is_empty() && self.description != self.abstract_text {
            parts.push(self.description.as_str());
        }
        parts.join("\n\n").replace("\r\n", "\n")
    }

    fn end(&self) -> u32 {
        self.start + self.duration
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Person {
    pub name: String,
    /// Who the person is across events: "guid:…", "id:…" or "name:…".
    pub key: String,
}

impl Person {
    /// The person's made-up, undeliverable address (see the module's notes).
    pub fn address(&self) -> String {
        let id = Uuid::new_v5(
            &Uuid::NAMESPACE_URL,
            format!("plenum:frab-person:{}", self.key).as_bytes(),
        );
        format!("person-{}@{ADDRESS_DOMAIN}", id.simple())
    }
}

fn too_large() -> Problem {
    Problem::new(
        "import.too-large",
        vec![("max", (MAX_BYTES / (1024 * 1024)).to_string())],
    )
}

/// Reads a file's bytes: size and UTF-8 (a byte order mark is allowed), then [`parse`].
pub fn parse_bytes(bytes: &[u8]) -> Result<FrabSchedule, Vec<Problem>> {
    if bytes.len() > MAX_BYTES {
        return Err(vec![too_large()]);
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    match std::str::from_utf8(bytes) {
        Ok(text) => parse(text),
        Err(_) => Err(vec![Problem::new("import.not-utf8", vec![])]),
    }
}

/// Reads and checks a Frab schedule: the schedule, or every problem found.
pub fn parse(xml: &str) -> Result<FrabSchedule, Vec<Problem>> {
    if xml.len() > MAX_BYTES {
        return Err(vec![too_large()]);
    }
    let doc = match Document::parse(xml) {
        Ok(doc) => doc,
        Err(e) => {
            let at = e.pos();
            return Err(vec![Problem::new(
                "import.not-xml",
                vec![("line", at.row.to_string()), ("column", at.col.to_string())],
            )]);
        }
    };
    Reader {
        doc: &doc,
        problems: vec![],
        plenum: false,
    }
    .schedule()
}

/// The first child element named `name`.
fn child<'a, 'i>(n: Node<'a, 'i>, name: &str) -> Option<Node<'a, 'i>> {
    n.children()
        .find(|c| c.is_element() && c.tag_name().name() == name)
}

fn elements<'a, 'i: 'a>(n: Node<'a, 'i>, name: &'a str) -> impl Iterator<Item = Node<'a, 'i>> {
    n.children()
        .filter(move |c| c.is_element() && c.tag_name().name() == name)
}

/// All the text inside an element, trimmed.
fn all_text(n: Node) -> String {
    n.descendants()
        .filter(|d| d.is_text())
        .filter_map(|d| d.text())
        .collect::<String>()
        .trim()
        .to_string()
}

/// The text of the child element `name`, trimmed; `None` when absent or empty.
fn text_of(n: Node, name: &str) -> Option<String> {
    child(n, name).map(all_text).filter(|t| !t.is_empty())
}

fn attr(n: Node, name: &str) -> Option<String> {
    n.attribute(name)
        .map(str::trim)
        .filter(|v| !v.is_empty())
        .map(str::to_string)
}

/// "01:30" or "01:30:00" as minutes (seconds round up to a minute).
fn duration(text: &str) -> Result<u32, &'static str> {
    let text = text.trim();
    if text.starts_with('-') {
        return Err("import.duration-not-positive");
    }
    let parts: Vec<&str> = text.split(':').collect();
    let numbers: Option<Vec<u32>> = parts
        .iter()
        .map(|p| {
            (!p.is_empty() && p.len() <= 2 && p.bytes().all(|b| b.is_ascii_digit()))
                .then(|| p.parse().ok())
                .flatten()
        })
        .collect();
    let minutes = match numbers.as_deref() {
        Some([h, m]) if *m < 60 => h * 60 + m,
        Some([h, m, s]) if *m < 60 && *s < 60 => h * 60 + m + u32::from(*s > 0),
        _ => return Err("import.duration-invalid"),
    };
    if minutes == 0 {
        Err("import.duration-not-positive")
    } else if minutes > MAX_LENGTH {
        Err("import.duration-too-long")
    } else {
        Ok(minutes)
    }
}

/// "09:00" or "09:00:00" as minutes after midnight.
fn start_time(text: &str) -> Option<u32> {
    let text = text.trim();
    let hm = match text.matches(':').count() {
        1 => text,
        2 => text.rsplit_once(':').filter(|(_, s)| *s == "00")?.0,
        _ => return None,
    };
    parse_time(hm)
}

/// An event's `date`: its venue date and time, in the zone when it has an offset.
fn venue_moment(text: &str, zone: Option<chrono_tz::Tz>) -> Option<NaiveDateTime> {
    if let Ok(at) = DateTime::parse_from_rfc3339(text.trim()) {
        return Some(match zone {
            Some(tz) => at.with_timezone(&tz).naive_local(),
            None => at.naive_local(),
        });
    }
    ["%Y-%m-%dT%H:%M:%S", "%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M:%S"]
        .iter()
        .find_map(|f| NaiveDateTime::parse_from_str(text.trim(), f).ok())
}

fn minute_of(at: NaiveDateTime) -> u32 {
    at.hour() * 60 + at.minute()
}

struct Reader<'a, 'i> {
    doc: &'a Document<'i>,
    problems: Vec<Problem>,
    /// The file is an earlier Plenum's: its subtitles are session codes.
    plenum: bool,
}

impl<'a, 'i> Reader<'a, 'i> {
    fn line(&self, n: Node) -> String {
        self.doc.text_pos_at(n.range().start).row.to_string()
    }

    fn add(&mut self, key: &'static str, params: Vec<(&'static str, String)>) {
        self.problems.push(Problem::new(key, params));
    }

    /// A text that must fit its column.
    fn fits(&mut self, n: Node, field: &str, text: &str, max: usize) {
        if text.chars().count() > max {
            let line = self.line(n);
            self.add(
                "import.text-too-long",
                vec![
                    ("line", line),
                    ("field", field.into()),
                    ("max", max.to_string()),
                ],
            );
        }
    }

    fn schedule(mut self) -> Result<FrabSchedule, Vec<Problem>> {
        let root = self.doc.root_element();
        if root.tag_name().name() != "schedule" {
            let line = self.line(root);
            self.add(
                "import.not-schedule",
                vec![("line", line), ("name", root.tag_name().name().into())],
            );
            return Err(self.problems);
        }
        let events = elements(root, "day")
            .flat_map(|d| elements(d, "room"))
            .flat_map(|r| elements(r, "event"))
            .count();
        if events > MAX_EVENTS {
            self.add(
                "import.too-many-events",
                vec![
                    ("count", events.to_string()),
                    ("max", MAX_EVENTS.to_string()),
                ],
            );
            return Err(self.problems);
        }
        self.plenum = child(root, "generator")
            .and_then(|g| g.attribute("name"))
            .is_some_and(|n| n.trim().eq_ignore_ascii_case("plenum"));
        let conference = child(root, "conference");
        let at = conference.unwrap_or(root);
        let title = conference.and_then(|c| text_of(c, "title"));
        match &title {
            None => {
                let line = self.line(at);
                self.add("import.title-missing", vec![("line", line)]);
            }
            Some(t) => self.fits(at, "title", t, 200),
        }
        let zone = match conference.and_then(|c| text_of(c, "time_zone_name")) {
            None => {
                let line = self.line(at);
                self.add("import.time-zone-missing", vec![("line", line)]);
                None
            }
            Some(name) => match name.parse::<chrono_tz::Tz>() {
                Ok(tz) => Some(tz),
                Err(_) => {
                    let line = self.line(at);
                    self.add(
                        "import.time-zone-invalid",
                        vec![("line", line), ("value", name)],
                    );
                    None
                }
            },
        };
        let conference_date = |name: &str| {
            conference
                .and_then(|c| text_of(c, name))
                .and_then(|t| NaiveDate::parse_from_str(t.get(..10)?, "%Y-%m-%d").ok())
        };
        let (start, end) = (conference_date("start"), conference_date("end"));
        let mut tracks: Vec<Track> = vec![];
        for t in conference.into_iter().flat_map(|c| elements(c, "track")) {
            let name = attr(t, "name").unwrap_or_else(|| all_text(t));
            if name.is_empty() || tracks.iter().any(|x| x.name == name) {
                continue;
            }
            self.fits(t, "track", &name, NAME_MAX);
            tracks.push(Track {
                name,
                colour: t.attribute("color").and_then(|c| rules::colour(c).ok()),
            });
        }

        let mut days = BTreeSet::new();
        let mut rooms: Vec<String> = vec![];
        let mut read: Vec<Event> = vec![];
        for day in elements(root, "day") {
            let date = attr(day, "date");
            let date = match date
                .as_deref()
                .and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok())
            {
                Some(d) => {
                    days.insert(d);
                    Some(d)
                }
                None => {
                    let line = self.line(day);
                    self.add(
                        "import.day-date-invalid",
                        vec![("line", line), ("value", date.unwrap_or_default())],
                    );
                    None
                }
            };
            for r in elements(day, "room") {
                let name = attr(r, "name");
                match &name {
                    None => {
                        let line = self.line(r);
                        self.add("import.room-name-missing", vec![("line", line)]);
                    }
                    Some(n) => {
                        if !rooms.contains(n) {
                            self.fits(r, "room", n, NAME_MAX);
                            rooms.push(n.clone());
                        }
                    }
                }
                for e in elements(r, "event") {
                    if let Some(event) = self.event(e, date, name.as_deref(), zone) {
                        read.push(event);
                    }
                }
            }
        }
        self.whole(&read, &days, &rooms);

        for e in &read {
            if !e.track.is_empty() && !tracks.iter().any(|t| t.name == e.track) {
                tracks.push(Track {
                    name: e.track.clone(),
                    colour: None,
                });
            }
        }
        let spoken: HashSet<String> = read
            .iter()
            .filter_map(|e| e.language.get(..2).map(str::to_lowercase))
            .collect();
        let languages = rules::UN_LANGUAGES
            .iter()
            .filter(|l| spoken.contains(**l))
            .map(|l| l.to_string())
            .collect();
        if !self.problems.is_empty() {
            return Err(self.problems);
        }
        Ok(FrabSchedule {
            title: title.unwrap_or_default(),
            acronym: conference
                .and_then(|c| text_of(c, "acronym"))
                .unwrap_or_default(),
            time_zone: zone.map(|z| z.name().to_string()).unwrap_or_default(),
            start,
            end,
            tracks,
            days: days.into_iter().collect(),
            rooms,
            languages,
            events: read,
        })
    }

    /// One event; `None` when something it needs is missing or wrong.
    fn event(
        &mut self,
        e: Node,
        day: Option<NaiveDate>,
        room: Option<&str>,
        zone: Option<chrono_tz::Tz>,
    ) -> Option<Event> {
        let line = self.line(e);
        let id = attr(e, "id");
        let code_attr = attr(e, "code");
        let guid = attr(e, "guid");
        let title = text_of(e, "title");
        let label = id
            .clone()
            .or(code_attr.clone())
            .or(title.clone())
            .unwrap_or_else(|| "?".into());
        let before = self.problems.len();
        let here = |extra: Vec<(&'static str, String)>| {
            let mut p = vec![("line", line.clone()), ("event", label.clone())];
            p.extend(extra);
            p
        };
        let missing = |me: &mut Self, field: &str| {
            me.add("import.event-missing", here(vec![("field", field.into())]));
        };
        match &title {
            None => missing(self, "title"),
            Some(t) => self.fits(e, "title", t, TITLE_MAX),
        }
        let room = room.map(str::to_string).or_else(|| text_of(e, "room"));
        if room.is_none() {
            missing(self, "room");
        }
        let moment = match text_of(e, "date") {
            None => {
                missing(self, "date");
                None
            }
            Some(text) => {
                let at = venue_moment(&text, zone);
                if at.is_none() {
                    self.add("import.date-invalid", here(vec![("value", text)]));
                }
                at
            }
        };
        let start = match text_of(e, "start") {
            None => moment.map(minute_of),
            Some(text) => {
                let start = start_time(&text);
                if start.is_none() {
                    self.add("import.start-invalid", here(vec![("value", text)]));
                }
                start
            }
        };
        let length = match text_of(e, "duration") {
            None => {
                missing(self, "duration");
                None
            }
            Some(text) => match duration(&text) {
                Ok(m) => Some(m),
                Err(key) => {
                    let max = (MAX_LENGTH / 60).to_string();
                    self.add(key, here(vec![("value", text), ("max", max)]));
                    None
                }
            },
        };
        if let (Some(at), Some(day)) = (moment, day) {
            if at.date() != day {
                self.add(
                    "import.wrong-day",
                    here(vec![
                        ("date", at.date().to_string()),
                        ("day", day.to_string()),
                    ]),
                );
            }
        }
        if let (Some(at), Some(start)) = (moment, start) {
            if minute_of(at) != start {
                self.add(
                    "import.start-mismatch",
                    here(vec![
                        ("start", clock(start)),
                        ("time", clock(minute_of(at))),
                    ]),
                );
            }
        }
        if let (Some(start), Some(length)) = (start, length) {
            if start + length > DAY_MINUTES {
                self.add("import.past-midnight", here(vec![]));
            }
        }
        let subtitle = text_of(e, "subtitle").unwrap_or_default();
        let code = match (&code_attr, &id) {
            (Some(c), _) => Some(c.clone()),
            (None, _) if self.plenum && !subtitle.is_empty() => Some(subtitle.clone()),
            (None, Some(id)) => Some(format!("F-{id}")),
            (None, None) => {
                missing(self, "id");
                None
            }
        };
        if let Some(c) = &code {
            if c.chars().count() > CODE_MAX
                || c.chars().any(|c| c.is_whitespace() || c.is_control())
            {
                self.add("import.code-invalid", here(vec![("value", c.clone())]));
            }
        }
        let kind = text_of(e, "type").unwrap_or_default();
        self.fits(e, "type", &kind, NAME_MAX);
        let track = text_of(e, "track").unwrap_or_default();
        self.fits(e, "track", &track, NAME_MAX);
        let mut persons: Vec<Person> = vec![];
        for p in child(e, "persons")
            .into_iter()
            .flat_map(|ps| elements(ps, "person"))
        {
            let name = all_text(p);
            if name.is_empty() {
                continue;
            }
            self.fits(p, "person", &name, PERSON_MAX);
            let key = if let Some(g) = attr(p, "guid") {
                format!("guid:{}", g.to_lowercase())
            } else if let Some(i) = attr(p, "id") {
                format!("id:{i}")
            } else {
                format!("name:{}", name.to_lowercase())
            };
            if !persons.iter().any(|x| x.key == key) {
                persons.push(Person { name, key });
            }
        }
        if self.problems.len() > before {
            return None;
        }
        Some(Event {
            line: line.parse().unwrap_or(0),
            guid,
            id,
            code: code?,
            title: title?,
            subtitle,
            kind,
            track,
            room: room?,
            day: day?,
            start: start?,
            duration: length?,
            abstract_text: text_of(e, "abstract").unwrap_or_default(),
            description: text_of(e, "description").unwrap_or_default(),
            language: text_of(e, "language").unwrap_or_default(),
            persons,
        })
    }

    /// The rules across events: days, rooms and events counted, guids and
    /// codes once each, no two events at once in a room or for a person.
    fn whole(&mut self, events: &[Event], days: &BTreeSet<NaiveDate>, rooms: &[String]) {
        match (days.first(), days.last()) {
            (Some(first), Some(last)) => {
                if rules::days(None, *first, *last).is_err() {
                    let count = (*last - *first).num_days() + 1;
                    self.add(
                        "import.too-many-days",
                        vec![
                            ("count", count.to_string()),
                            ("max", rules::MAX_DAYS.to_string()),
                        ],
                    );
                }
            }
            _ => self.add("import.no-days", vec![]),
        }
        if rooms.len() > MAX_ROOMS {
            self.add(
                "import.too-many-rooms",
                vec![
                    ("count", rooms.len().to_string()),
                    ("max", MAX_ROOMS.to_string()),
                ],
            );
        }
        if events.is_empty() && self.problems.is_empty() {
            self.add("import.no-events", vec![]);
        }
        let who = |e: &Event| e.id.clone().unwrap_or_else(|| e.code.clone());
        let mut guids: HashMap<String, &Event> = HashMap::new();
        let mut codes: HashMap<&str, &Event> = HashMap::new();
        for e in events {
            if let Some(g) = &e.guid {
                if let Some(first) = guids.insert(g.to_lowercase(), e) {
                    guids.insert(g.to_lowercase(), first);
                    self.add(
                        "import.guid-repeated",
                        vec![
                            ("line", e.line.to_string()),
                            ("event", who(e)),
                            ("other", who(first)),
                            ("other_line", first.line.to_string()),
                        ],
                    );
                }
            }
            if let Some(first) = codes.get(e.code.as_str()) {
                self.add(
                    "import.code-repeated",
                    vec![
                        ("line", e.line.to_string()),
                        ("event", who(e)),
                        ("code", e.code.clone()),
                        ("other", who(first)),
                        ("other_line", first.line.to_string()),
                    ],
                );
            } else {
                codes.insert(&e.code, e);
            }
        }
        let overlap = |a: &Event, b: &Event| a.start < b.end() && b.start < a.end();
        let mut in_room: BTreeMap<(&str, NaiveDate), Vec<&Event>> = BTreeMap::new();
        let mut of_person: BTreeMap<(&str, NaiveDate), Vec<(&Event, &str)>> = BTreeMap::new();
        for e in events {
            in_room.entry((&e.room, e.day)).or_default().push(e);
            for p in &e.persons {
                of_person
                    .entry((&p.key, e.day))
                    .or_default()
                    .push((e, &p.name));
            }
        }
        let mut found = vec![];
        for ((room, _), list) in in_room {
            for (j, b) in list.iter().enumerate() {
                for a in &list[..j] {
                    if overlap(a, b) {
                        found.push((
                            b.line,
                            Problem::new(
                                "import.room-overlap",
                                vec![
                                    ("line", b.line.to_string()),
                                    ("event", who(b)),
                                    ("other", who(a)),
                                    ("other_line", a.line.to_string()),
                                    ("room", room.to_string()),
                                ],
                            ),
                        ));
                    }
                }
            }
        }
        for list in of_person.values() {
            for (j, (b, name)) in list.iter().enumerate() {
                for (a, _) in &list[..j] {
                    if overlap(a, b) {
                        found.push((
                            b.line,
                            Problem::new(
                                "import.person-overlap",
                                vec![
                                    ("line", b.line.to_string()),
                                    ("event", who(b)),
                                    ("person", name.to_string()),
                                    ("other", who(a)),
                                    ("other_line", a.line.to_string()),
                                ],
                            ),
                        ));
                    }
                }
            }
        }
        found.sort_by_key(|(line, _)| *line);
        self.problems.extend(found.into_iter().map(|(_, p)| p));
    }
}

#[cfg(test)]
mod tests {
    use super::super::store::*;
    use super::*;

    const HEAD: &str = r##"<?xml version="1.0" encoding="utf-8"?>
<schedule>
  <version>1</version>
  <conference>
    <title>Test Forum</title>
    <acronym>test</acronym>
    <start>2027-06-22</start>
    <end>2027-06-23</end>
    <time_zone_name>Europe/Zurich</time_zone_name>
    <track name="Access" color="#1F77B4" slug="access"/>
    <track name="Rights"/>
  </conference>
"##;

    fn event(id: u32, code: &str, date: &str, start: &str, duration: &str) -> String {
        let code = if code.is_empty() {
            String::new()
        } else {
            format!(r#" code="{code}""#)
        };
        format!(
            r#"      <event guid="00000000-0000-4000-8000-{id:012}" id="{id}"{code}>
        <title>Event {id}</title>
        <subtitle/>
        <type>Workshop</type>
        <date>{date}T{start}:00+02:00</date>
        <start>{start}</start>
        <duration>{duration}</duration>
        <abstract>About {id}.</abstract>
        <track>Access</track>
        <language>fr</language>
        <persons>
          <person id="7" guid="11111111-1111-4111-8111-111111111111">Amina Diallo</person>
          <person id="{id}">Speaker {id}</person>
        </persons>
      </event>
"#
        )
    }

    /// A room's name and its events' XML.
    type Room<'a> = (&'a str, Vec<String>);

    fn doc(days: &[(&str, &[Room])]) -> String {
        let mut xml = HEAD.to_string();
        for (i, (date, rooms)) in days.iter().enumerate() {
            xml.push_str(&format!(
                "  <day index=\"{}\" date=\"{date}\" start=\"{date}T09:00:00+02:00\" end=\"{date}T18:00:00+02:00\">\n",
                i + 1
            ));
            for (room, events) in rooms.iter() {
                xml.push_str(&format!("    <room name=\"{room}\">\n"));
                for e in events {
                    xml.push_str(e);
                }
                xml.push_str("    </room>\n");
            }
            xml.push_str("  </day>\n");
        }
        xml.push_str("</schedule>\n");
        xml
    }

    fn valid() -> String {
        doc(&[
            (
                "2027-06-22",
                &[
                    (
                        "Room A",
                        vec![
                            event(1, "ABCDEF", "2027-06-22", "09:00", "01:30"),
                            event(2, "", "2027-06-22", "10:30", "01:00"),
                        ],
                    ),
                    ("Room B", vec![]),
                ],
            ),
            (
                "2027-06-23",
                &[(
                    "Room B",
                    vec![event(3, "", "2027-06-23", "14:00", "00:45:00")
                        .replace("<track>Access</track>", "<track>Data</track>")],
                )],
            ),
        ])
    }

    const AMINA: &str = r#"guid="11111111-1111-4111-8111-111111111111">Amina Diallo"#;
    const SOMEONE: &str = r#"guid="22222222-2222-4222-8222-222222222222">Someone"#;

    fn keys(problems: &[Problem]) -> Vec<&'static str> {
        problems.iter().map(|p| p.key).collect()
    }

    fn problems(xml: &str) -> Vec<Problem> {
        parse(xml).expect_err("the file has problems")
    }

    #[test]
    fn a_valid_schedule_is_read_whole() {
        let s = parse(&valid()).expect("valid");
        assert_eq!(s.title, "Test Forum");
        assert_eq!(s.acronym, "test");
        assert_eq!(s.time_zone, "Europe/Zurich");
        assert_eq!(
            s.days,
            vec![
                NaiveDate::from_ymd_opt(2027, 6, 22).unwrap(),
                NaiveDate::from_ymd_opt(2027, 6, 23).unwrap()
            ]
        );
        assert_eq!(s.rooms, vec!["Room A", "Room B"]);
        let tracks: Vec<_> = s.tracks.iter().map(|t| t.name.as_str()).collect();
        assert_eq!(tracks, vec!["Access", "Rights", "Data"]);
        assert_eq!(s.tracks[0].colour.as_deref(), Some("#1f77b4"));
        assert_eq!(s.tracks[1].colour, None);
        assert_eq!(s.languages, vec!["fr"]);
        let codes: Vec<_> = s.events.iter().map(|e| e.code.as_str()).collect();
        assert_eq!(codes, vec!["ABCDEF", "F-2", "F-3"]);
        let e = &s.events[0];
        assert_eq!((e.start, e.duration), (9 * 60, 90));
        assert_eq!(e.room, "Room A");
        assert_eq!(e.kind, "Workshop");
        assert_eq!(e.text(), "About 1.");
        assert_eq!(s.events[2].duration, 45);
        assert_eq!(s.events[2].room, "Room B");
        // The same person in two events is one person, with one address.
        let amina: Vec<_> = s.events.iter().map(|e| e.persons[0].address()).collect();
        assert!(amina.iter().all(|a| a == &amina[0]));
        assert!(amina[0].ends_with(".invalid"));
        assert_ne!(s.events[0].persons[1].address(), amina[0]);
    }

    #[test]
    fn what_is_not_a_schedule_is_refused() {
        let p = problems("<schedule><conference>");
        assert_eq!(keys(&p), vec!["import.not-xml"]);
        assert!(p[0].param("line").is_some());
        let p = problems("<?xml version=\"1.0\"?>\n<rss/>");
        assert_eq!(keys(&p), vec!["import.not-schedule"]);
        assert_eq!(p[0].param("line"), Some("2"));
        assert_eq!(p[0].param("name"), Some("rss"));
        assert_eq!(
            keys(&parse_bytes(&[0x3c, 0xff, 0xfe]).unwrap_err()),
            vec!["import.not-utf8"]
        );
        let big = format!("<schedule>{}</schedule>", " ".repeat(MAX_BYTES));
        assert_eq!(keys(&problems(&big)), vec!["import.too-large"]);
        assert_eq!(
            keys(&parse_bytes(big.as_bytes()).unwrap_err()),
            vec!["import.too-large"]
        );
    }

    #[test]
    fn the_conference_needs_a_title_and_a_known_time_zone() {
        let xml = valid().replace("<title>Test Forum</title>", "");
        let xml = xml.replace("Europe/Zurich", "Europe/Atlantis");
        let p = problems(&xml);
        assert_eq!(
            keys(&p),
            vec!["import.title-missing", "import.time-zone-invalid"]
        );
        assert_eq!(p[1].param("value"), Some("Europe/Atlantis"));
        let xml = valid().replace("<time_zone_name>Europe/Zurich</time_zone_name>", "");
        assert_eq!(keys(&problems(&xml)), vec!["import.time-zone-missing"]);
    }

    #[test]
    fn every_missing_field_of_an_event_is_named() {
        let e = event(5, "", "2027-06-22", "09:00", "01:00")
            .replace("<title>Event 5</title>", "")
            .replace("<date>2027-06-22T09:00:00+02:00</date>", "")
            .replace("<duration>01:00</duration>", "");
        let xml = doc(&[("2027-06-22", &[("Room A", vec![e])])]);
        let p = problems(&xml);
        assert_eq!(keys(&p), vec!["import.event-missing"; 3]);
        let fields: Vec<_> = p.iter().filter_map(|x| x.param("field")).collect();
        assert_eq!(fields, vec!["title", "date", "duration"]);
        assert!(p.iter().all(|x| x.param("event") == Some("5")));
        assert!(p.iter().all(|x| x.param("line") == p[0].param("line")));
        // No room: a room element without a name, and no <room> in the event.
        let xml = doc(&[(
            "2027-06-22",
            &[("", vec![event(6, "", "2027-06-22", "09:00", "01:00")])],
        )])
        .replace("<room name=\"\">", "<room>");
        let p = problems(&xml);
        assert_eq!(
            keys(&p),
            vec!["import.room-name-missing", "import.event-missing"]
        );
        assert_eq!(p[1].param("field"), Some("room"));
    }

    #[test]
    fn durations_must_be_clock_lengths_above_zero() {
        for (text, key) in [
            ("1h30", "import.duration-invalid"),
            ("01:75", "import.duration-invalid"),
            ("00:00", "import.duration-not-positive"),
            ("-01:00", "import.duration-not-positive"),
            ("13:00", "import.duration-too-long"),
        ] {
            let xml = doc(&[(
                "2027-06-22",
                &[("Room A", vec![event(1, "", "2027-06-22", "09:00", text)])],
            )]);
            let p = problems(&xml);
            assert_eq!(keys(&p), vec![key], "{text}");
            assert_eq!(p[0].param("value"), Some(text));
        }
        assert_eq!(duration("1:30"), Ok(90));
        assert_eq!(duration("00:29:30"), Ok(30));
    }

    #[test]
    fn an_event_starts_on_its_day_at_its_start_and_ends_by_midnight() {
        let xml = doc(&[(
            "2027-06-22",
            &[(
                "Room A",
                vec![
                    event(1, "", "2027-06-23", "09:00", "01:00"),
                    event(2, "", "2027-06-22", "23:00", "02:00"),
                    event(3, "", "2027-06-22", "12:00", "01:00")
                        .replace("<start>12:00</start>", "<start>13:00</start>"),
                    event(4, "", "2027-06-22", "15:00", "01:00")
                        .replace("<start>15:00</start>", "<start>3pm</start>"),
                ],
            )],
        )]);
        let p = problems(&xml);
        assert_eq!(
            keys(&p),
            vec![
                "import.wrong-day",
                "import.past-midnight",
                "import.start-mismatch",
                "import.start-invalid"
            ]
        );
        assert_eq!(p[0].param("date"), Some("2027-06-23"));
        assert_eq!(p[0].param("day"), Some("2027-06-22"));
        // The offset is read in the venue's zone: 07:00Z is 09:00 in Geneva.
        let xml = valid().replace("2027-06-22T09:00:00+02:00", "2027-06-22T07:00:00Z");
        assert!(parse(&xml).is_ok());
    }

    #[test]
    fn guids_and_codes_are_unique_and_rooms_and_people_never_double_booked() {
        let twin = event(2, "", "2027-06-22", "11:00", "01:00").replace(
            "00000000-0000-4000-8000-000000000002",
            "00000000-0000-4000-8000-000000000001",
        );
        let xml = doc(&[(
            "2027-06-22",
            &[
                (
                    "Room A",
                    vec![
                        event(1, "", "2027-06-22", "09:00", "01:30"),
                        twin,
                        event(3, "", "2027-06-22", "10:00", "01:00").replace(AMINA, SOMEONE),
                    ],
                ),
                (
                    "Room B",
                    vec![event(4, "XYZ123", "2027-06-22", "09:30", "00:30")
                        .replace(r#"id="7""#, r#"id="8""#)],
                ),
                (
                    "Room C",
                    vec![event(5, "XYZ123", "2027-06-22", "16:00", "00:30")],
                ),
            ],
        )]);
        let p = problems(&xml);
        assert_eq!(
            keys(&p),
            vec![
                "import.guid-repeated",
                "import.code-repeated",
                "import.room-overlap",
                "import.person-overlap",
            ]
        );
        assert_eq!(p[0].param("event"), Some("2"));
        assert_eq!(p[0].param("other"), Some("1"));
        assert_eq!(p[1].param("code"), Some("XYZ123"));
        assert_eq!(p[2].param("event"), Some("3"));
        assert_eq!(p[2].param("other"), Some("1"));
        assert_eq!(p[2].param("room"), Some("Room A"));
        // Amina (guid 1111…) in event 1 from 09:00 and event 4 from 09:30;
        // in event 4 she has another id, but her guid is the same.
        assert_eq!(p[3].param("person"), Some("Amina Diallo"));
        assert_eq!(p[3].param("event"), Some("4"));
    }

    #[test]
    fn sizes_are_bounded() {
        let many: Vec<String> = (1..=MAX_EVENTS as u32 + 1)
            .map(|i| event(i, "", "2027-06-22", "09:00", "00:05"))
            .collect();
        let xml = doc(&[("2027-06-22", &[("Room A", many)])]);
        assert!(xml.len() < MAX_BYTES);
        let p = problems(&xml);
        assert_eq!(keys(&p), vec!["import.too-many-events"]);
        assert_eq!(p[0].param("count"), Some("5001"));
        let xml = doc(&[
            (
                "2027-06-01",
                &[("Room A", vec![event(1, "", "2027-06-01", "09:00", "01:00")])],
            ),
            ("2027-06-30", &[]),
        ]);
        assert_eq!(keys(&problems(&xml)), vec!["import.too-many-days"]);
        assert_eq!(keys(&problems(&doc(&[]))), vec!["import.no-days"]);
        assert_eq!(
            keys(&problems(&doc(&[("2027-06-22", &[("Room A", vec![])])]))),
            vec!["import.no-events"]
        );
    }

    #[test]
    fn all_problems_come_at_once_in_every_language() {
        let xml = doc(&[(
            "2027-06-22",
            &[(
                "Room A",
                vec![
                    event(1, "", "2027-06-22", "09:00", "01:30"),
                    event(2, "", "2027-06-22", "09:30", "01:00").replace(AMINA, SOMEONE),
                    event(3, "", "2027-06-22", "12:00", "01:00")
                        .replace("<title>Event 3</title>", ""),
                    event(4, "", "2027-06-22", "14:00", "90 minutes"),
                ],
            )],
        )])
        .replace("Europe/Zurich", "Mars/Olympus");
        let p = problems(&xml);
        assert_eq!(
            keys(&p),
            vec![
                "import.time-zone-invalid",
                "import.event-missing",
                "import.duration-invalid",
                "import.room-overlap"
            ]
        );
        for x in &p {
            for locale in Locale::ALL {
                assert!(
                    crate::i18n::has_key(locale, x.key),
                    "{} in {locale:?}",
                    x.key
                );
                let text = x.message(locale);
                assert!(!text.contains('{'), "{text}");
            }
        }
        assert!(p[1]
            .message(Locale::En)
            .contains(p[1].param("line").unwrap()));
    }

    #[test]
    fn every_message_key_is_in_every_language() {
        for key in [
            "import.too-large",
            "import.not-utf8",
            "import.not-xml",
            "import.not-schedule",
            "import.title-missing",
            "import.time-zone-missing",
            "import.time-zone-invalid",
            "import.day-date-invalid",
            "import.room-name-missing",
            "import.text-too-long",
            "import.event-missing",
            "import.date-invalid",
            "import.start-invalid",
            "import.duration-invalid",
            "import.duration-not-positive",
            "import.duration-too-long",
            "import.wrong-day",
            "import.start-mismatch",
            "import.past-midnight",
            "import.code-invalid",
            "import.too-many-events",
            "import.too-many-days",
            "import.too-many-rooms",
            "import.no-days",
            "import.no-events",
            "import.guid-repeated",
            "import.code-repeated",
            "import.room-overlap",
            "import.person-overlap",
            "import.release-note",
            "import.refused",
            "import.done",
        ] {
            for locale in Locale::ALL {
                assert!(crate::i18n::has_key(locale, key), "{key} in {locale:?}");
            }
        }
    }

    #[test]
    fn type_prefixes_are_initials_made_unique() {
        let mut taken = HashSet::new();
        assert_eq!(prefix_for("Town Hall", &taken), "TH");
        taken.insert("TH".to_string());
        assert_eq!(prefix_for("Tech Hub", &taken), "TH2");
        assert_eq!(prefix_for("ورشة عمل", &taken), "T");
        assert!(rules::code_prefix(&prefix_for("a b c d e f g h i j", &taken)).is_ok());
        assert_eq!(durations_text(&BTreeSet::from([90, 30, 60])), "30,60,90");
    }
}
