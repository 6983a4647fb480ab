//! iCalendar (RFC 5545) files of programme sessions (pure): CRLF line
//! endings, lines folded at 75 octets without splitting a character, text
//! escaped, times in UTC, a `UID` per session that stays the same across
//! releases and a `SEQUENCE` that grows with them.

use chrono::{DateTime, Utc};

/// One session in a calendar.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Event {
    /// Stable across releases: "<session id>@<host>".
    pub uid: String,
    /// The release number: calendar apps keep the highest.
    pub sequence: u32,
    pub stamp: DateTime<Utc>,
    pub start: DateTime<Utc>,
    pub end: DateTime<Utc>,
    pub summary: String,
    pub location: String,
    pub description: String,
    pub url: String,
    /// Off the calendar: cancelled, taken out, or the person is no longer on it.
    pub cancelled: bool,
}

fn time(t: DateTime<Utc>) -> String {
    t.format("%Y%m%dT%H%M%SZ").to_string()
}

/// TEXT values: backslash, semicolon, comma and newlines escaped.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c => out.push(c),
        }
    }
    out
}

/// One content line, folded so no line exceeds 75 octets, ending in CRLF.
pub fn fold(line: &str) -> String {
    let mut out = String::with_capacity(line.len() + line.len() / 70 * 3 + 2);
    let mut used = 0;
    for c in line.chars() {
        let len = c.len_utf8();
        if used + len > 75 {
            out.push_str("\r\n ");
            used = 1;
        }
        out.push(c);
        used += len;
    }
    out.push_str("\r\n");
    out
}

/// A calendar of `events`, named `name`.
pub fn calendar(name: &str, events: &[Event]) -> String {
    let mut lines: Vec<String> = vec![
        "BEGIN:VCALENDAR".into(),
        "VERSION:2.0".into(),
        "PRODID:-//Plenum//Programme//EN".into(),
        "CALSCALE:GREGORIAN".into(),
        "METHOD:PUBLISH".into(),
        format!("X-WR-CALNAME:{}", escape(name)),
    ];
    for e in events {
        lines.push("BEGIN:VEVENT".into());
        lines.push(format!("UID:{}", e.uid));
        lines.push(format!("SEQUENCE:{}", e.sequence));
        lines.push(format!("DTSTAMP:{}", time(e.stamp)));
        lines.push(format!("DTSTART:{}", time(e.start)));
        lines.push(format!("DTEND:{}", time(e.end)));
        lines.push(format!("SUMMARY:{}", escape(&e.summary)));
        if !e.location.is_empty() {
            lines.push(format!("LOCATION:{}", escape(&e.location)));
        }
        if !e.description.is_empty() {
            lines.push(format!("DESCRIPTION:{}", escape(&e.description)));
        }
        if !e.url.is_empty() {
            lines.push(format!("URL:{}", e.url));
        }
        lines.push(format!(
            "STATUS:{}",
            if e.cancelled {
                "CANCELLED"
            } else {
                "CONFIRMED"
            }
        ));
        lines.push("END:VEVENT".into());
    }
    lines.push("END:VCALENDAR".into());
    lines.iter().map(|l| fold(l)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn event(summary: &str, cancelled: bool) -> Event {
        Event {
            uid: "0b7c@plenum.example".into(),
            sequence: 3,
            stamp: Utc.with_ymd_and_hms(2027, 5, 1, 8, 0, 0).unwrap(),
            start: Utc.with_ymd_and_hms(2027, 6, 22, 7, 0, 0).unwrap(),
            end: Utc.with_ymd_and_hms(2027, 6, 22, 8, 30, 0).unwrap(),
            summary: summary.into(),
            location: "Room 1, Building A".into(),
            description: "Line one\nline two; three".into(),
            url: "https://plenum.example/forums/demo/programme".into(),
            cancelled,
        }
    }

    #[test]
    fn lines_end_in_crlf_and_fold_at_75_octets_without_splitting_characters() {
        let long = "حوكمة الإنترنت ".repeat(12);
        let body = calendar("Demo", &[event(&long, false)]);
        assert!(body.ends_with("END:VCALENDAR\r\n"));
        for line in body.split("\r\n").filter(|l| !l.is_empty()) {
            assert!(line.len() <= 75, "{} octets: {line}", line.len());
            assert!(!line.contains('\n') && !line.contains('\r'));
        }
        assert!(!body.replace("\r\n", "").contains('\n'), "no bare LF");
        let unfolded = body.replace("\r\n ", "");
        assert!(unfolded.contains(&format!("SUMMARY:{}", escape(&long))));
    }

    #[test]
    fn text_is_escaped_and_times_are_utc() {
        let body = calendar("Demo; 2027", &[event("A, B", true)]);
        assert!(body.contains("X-WR-CALNAME:Demo\\; 2027\r\n"));
        assert!(body.contains("SUMMARY:A\\, B\r\n"));
        assert!(body.contains("LOCATION:Room 1\\, Building A\r\n"));
        assert!(body.contains("DESCRIPTION:Line one\\nline two\\; three\r\n"));
        assert!(body.contains("DTSTART:20270622T070000Z\r\n"));
        assert!(body.contains("DTEND:20270622T083000Z\r\n"));
        assert!(body.contains("DTSTAMP:20270501T080000Z\r\n"));
        assert!(body.contains("SEQUENCE:3\r\n"));
        assert!(body.contains("STATUS:CANCELLED\r\n"));
        assert_eq!(body.matches("BEGIN:VEVENT").count(), 1);
    }
}
