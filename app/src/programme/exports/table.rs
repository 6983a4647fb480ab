//! The released sessions as CSV (pure), one row per session with its people
//! joined, for spreadsheets. Times are given in venue time and in UTC.

use super::{format_code, Released};
use crate::csv::csv_record;

const HEADS: [&str; 17] = [
    "code",
    "title",
    "session_type",
    "theme",
    "format",
    "date",
    "day",
    "start",
    "end",
    "time_zone",
    "starts_at_utc",
    "ends_at_utc",
    "room",
    "people",
    "organisations",
    "description",
    "url",
];

pub fn sessions(r: &Released) -> String {
    let mut out = csv_record(&HEADS);
    for s in &r.snapshot.sessions {
        let people: Vec<String> = s
            .people
            .iter()
            .map(|p| format!("{} ({})", p.name, p.role))
            .collect();
        let mut organisations: Vec<&str> = s
            .people
            .iter()
            .map(|p| p.organisation.as_str())
            .filter(|o| !o.is_empty())
            .collect();
        organisations.dedup();
        out.push_str(&csv_record(&[
            s.code.clone(),
            s.title.clone(),
            s.session_type.clone(),
            s.theme.clone(),
            format_code(s).into(),
            s.at.day.clone(),
            s.at.day_number.map(|n| n.to_string()).unwrap_or_default(),
            s.at.start.clone(),
            s.at.end.clone(),
            r.time_zone.clone(),
            s.at.starts_at.format("%Y-%m-%dT%H:%M:%SZ").to_string(),
            s.at.ends_at.format("%Y-%m-%dT%H:%M:%SZ").to_string(),
            s.at.room.clone(),
            people.join("; "),
            organisations.join("; "),
            s.description.clone(),
            r.session_url(s),
        ]));
    }
    out
}
