//! iCalendar (RFC 5545) files of programme sessions (pure): CRLF line
//! endings, lines folded at 75 octets without splitting a character, text
//! escaped, times in the venue's time zone with its `VTIMEZONE` (or in UTC
//! when the zone is unknown), a `UID` per session that stays the same across
//! releases and a `SEQUENCE` that grows with them.

use chrono::{DateTime, Duration, NaiveDateTime, Offset, TimeZone, Utc};
use chrono_tz::{OffsetComponents, Tz};

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

fn local(t: NaiveDateTime) -> String {
    t.format("%Y%m%dT%H%M%S").to_string()
}

/// "+0200"
fn offset(seconds: i32) -> String {
    let sign = if seconds < 0 { '-' } else { '+' };
    let m = seconds.abs() / 60;
    format!("{sign}{:02}{:02}", m / 60, m % 60)
}

/// The zone's offset (seconds east of UTC), whether it is summer time, and
/// its abbreviation at `t`.
fn observance(tz: Tz, t: DateTime<Utc>) -> (i32, bool, String) {
    let at = tz.from_utc_datetime(&t.naive_utc());
    let o = at.offset();
    (
        o.fix().local_minus_utc(),
        !o.dst_offset().is_zero(),
        at.format("%Z").to_string(),
    )
}

/// `VTIMEZONE` lines for `tz` covering `from`..=`to`: the observance in
/// effect before `from`, then one per change of offset in between (found
/// in quarter-hour steps, where every zone changes).
pub fn vtimezone(tz: Tz, from: DateTime<Utc>, to: DateTime<Utc>) -> Vec<String> {
    let component =
        |start: NaiveDateTime, before: i32, (after, summer, name): &(i32, bool, String)| {
            let kind = if *summer { "DAYLIGHT" } else { "STANDARD" };
            vec![
                format!("BEGIN:{kind}"),
                format!("DTSTART:{}", local(start)),
                format!("TZOFFSETFROM:{}", offset(before)),
                format!("TZOFFSETTO:{}", offset(*after)),
                format!("TZNAME:{}", escape(name)),
                format!("END:{kind}"),
            ]
        };
    let mut lines = vec!["BEGIN:VTIMEZONE".to_string(), format!("TZID:{}", tz.name())];
    let mut current = observance(tz, from);
    let epoch = chrono::NaiveDate::from_ymd_opt(1970, 1, 1)
        .and_then(|d| d.and_hms_opt(0, 0, 0))
        .unwrap_or_default();
    lines.extend(component(epoch, current.0, &current));
    let step = Duration::minutes(15);
    let mut t = from;
    while t <= to {
        let next = observance(tz, t + step);
        if next.0 != current.0 {
            let change = t + step;
            let start = change.naive_utc() + Duration::seconds(current.0 as i64);
            lines.extend(component(start, current.0, &next));
            current = next;
        }
        t += step;
    }
    lines.push("END:VTIMEZONE".into());
    lines
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

/// A calendar of `events`, named `name`, in the venue's time `zone` (an
/// IANA name; UTC when it is not one).
pub fn calendar(name: &str, zone: &str, events: &[Event]) -> String {
    let tz: Option<Tz> = zone.parse().ok();
    let mut lines: Vec<String> = vec![
        "BEGIN:VCALENDAR".into(),
        "VERSION:2.0".into(),
        "PRODID:-//Plenum//Programme//EN".into(),
        "CALSCALE:GREGORIAN".into(),
        "METHOD:PUBLISH".into(),
        format!("X-WR-CALNAME:{}", escape(name)),
    ];
    let first = events.iter().map(|e| e.start).min();
    let last = events.iter().map(|e| e.end).max();
    if let (Some(tz), Some(first), Some(last)) = (tz, first, last) {
        lines.push(format!("X-WR-TIMEZONE:{}", tz.name()));
        lines.extend(vtimezone(tz, first, last));
    }
    let when = |property: &str, t: DateTime<Utc>| match tz {
        Some(tz) => format!(
            "{property};TZID={}:{}",
            tz.name(),
            local(tz.from_utc_datetime(&t.naive_utc()).naive_local())
        ),
        None => format!("{property}:{}", time(t)),
    };
    for e in events {
        lines.push("BEGIN:VEVENT".into());
        lines.push(format!("UID:{}", e.uid));
        lines.push(format!("SEQUENCE:{}", e.sequence));
        lines.push(format!("DTSTAMP:{}", time(e.stamp)));
        lines.push(when("DTSTART", e.start));
        lines.push(when("DTEND", e.end));
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
        let body = calendar("Demo", "Europe/Zurich", &[event(&long, false)]);
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
    fn text_is_escaped_and_times_are_utc_without_a_zone() {
        let body = calendar("Demo; 2027", "Nowhere/Unknown", &[event("A, B", true)]);
        assert!(!body.contains("VTIMEZONE"));
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

    #[test]
    fn times_are_in_the_venue_zone_with_its_transitions() {
        let mut winter = event("Winter", false);
        winter.start = Utc.with_ymd_and_hms(2027, 1, 10, 8, 0, 0).unwrap();
        winter.end = Utc.with_ymd_and_hms(2027, 1, 10, 9, 0, 0).unwrap();
        let body = calendar("Demo", "Europe/Zurich", &[winter, event("Summer", false)]);
        let unfolded = body.replace("\r\n ", "");
        assert!(
            unfolded.contains("DTSTART;TZID=Europe/Zurich:20270110T090000\r\n"),
            "{unfolded}"
        );
        assert!(unfolded.contains("DTSTART;TZID=Europe/Zurich:20270622T090000\r\n"));
        assert!(unfolded.contains("DTEND;TZID=Europe/Zurich:20270622T103000\r\n"));
        let zone = &unfolded
            [unfolded.find("BEGIN:VTIMEZONE").unwrap()..unfolded.find("END:VTIMEZONE").unwrap()];
        assert!(zone.contains("TZID:Europe/Zurich\r\n"));
        // Summer time begins 2027-03-28 at 02:00 and ends 2027-10-31 at 03:00.
        assert!(zone.contains(
            "BEGIN:DAYLIGHT\r\nDTSTART:20270328T020000\r\nTZOFFSETFROM:+0100\r\nTZOFFSETTO:+0200\r\nTZNAME:CEST\r\nEND:DAYLIGHT"
        ), "{zone}");
        assert!(
            !zone.contains("20271031"),
            "the last event is before October"
        );
        assert!(zone.starts_with("BEGIN:VTIMEZONE\r\nTZID:Europe/Zurich\r\nBEGIN:STANDARD\r\nDTSTART:19700101T000000\r\nTZOFFSETFROM:+0100\r\nTZOFFSETTO:+0100"));
        assert!(unfolded.contains("X-WR-TIMEZONE:Europe/Zurich"));
    }
}
