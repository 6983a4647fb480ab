//! What a forum edition's fields may hold. Pure functions: each returns the
//! clean value or the locale key of the problem, shown next to the field.

use chrono::NaiveDate;

/// The six UN languages, by ISO 639-1 code.
pub const UN_LANGUAGES: [&str; 6] = ["ar", "zh", "en", "fr", "ru", "es"];

/// Longest span from Day 0 to the last day.
pub const MAX_DAYS: i64 = 14;
pub const MAX_DESCRIPTION_CHARS: usize = 20_000;

/// A short code for URLs and exports: lower-case letters, digits and hyphens,
/// starting with a letter, 2 to 32 characters.
pub fn code(input: &str) -> Result<String, &'static str> {
    let code = input.trim().to_lowercase();
    let valid = (2..=32).contains(&code.len())
        && code.starts_with(|c: char| c.is_ascii_lowercase())
        && code
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
        && !code.ends_with('-');
    if code.is_empty() {
        Err("field.required")
    } else if valid {
        Ok(code)
    } else {
        Err("forums.code-invalid")
    }
}

/// A required line of text of at most `max` characters, without control characters.
pub fn line(input: &str, max: usize) -> Result<String, &'static str> {
    let text = input.trim();
    if text.is_empty() {
        Err("field.required")
    } else {
        optional_line(text, max)
    }
}

/// Like [`line`], but may be empty.
pub fn optional_line(input: &str, max: usize) -> Result<String, &'static str> {
    let text = input.trim();
    if text.chars().count() > max {
        Err("field.too-long")
    } else if text.chars().any(char::is_control) {
        Err("field.control-characters")
    } else {
        Ok(text.to_string())
    }
}

pub fn description(input: &str) -> Result<String, &'static str> {
    if input.chars().count() > MAX_DESCRIPTION_CHARS {
        Err("field.too-long")
    } else {
        Ok(input.trim().replace("\r\n", "\n"))
    }
}

/// A date from an `<input type="date">` (YYYY-MM-DD); empty is `None`.
pub fn optional_date(input: &str) -> Result<Option<NaiveDate>, &'static str> {
    match input.trim() {
        "" => Ok(None),
        text => NaiveDate::parse_from_str(text, "%Y-%m-%d")
            .map(Some)
            .map_err(|_| "forums.date-invalid"),
    }
}

pub fn date(input: &str) -> Result<NaiveDate, &'static str> {
    optional_date(input)?.ok_or("field.required")
}

/// The edition's days: Day 0 (optional) before the first day, the last day not
/// before the first, and no more than [`MAX_DAYS`] in all. Returns the field
/// that is wrong and why.
pub fn days(
    day_zero: Option<NaiveDate>,
    first: NaiveDate,
    last: NaiveDate,
) -> Result<(), (&'static str, &'static str)> {
    if last < first {
        return Err(("last_day", "forums.last-before-first"));
    }
    if let Some(zero) = day_zero {
        if zero >= first {
            return Err(("day_zero", "forums.day-zero-after-first"));
        }
    }
    let start = day_zero.unwrap_or(first);
    if (last - start).num_days() + 1 > MAX_DAYS {
        return Err(("last_day", "forums.too-many-days"));
    }
    Ok(())
}

/// The languages ticked, in the UN order; at least one.
pub fn languages(ticked: &[&str]) -> Result<Vec<String>, &'static str> {
    let chosen: Vec<String> = UN_LANGUAGES
        .iter()
        .filter(|l| ticked.contains(l))
        .map(|l| l.to_string())
        .collect();
    if chosen.is_empty() {
        Err("forums.languages-none")
    } else {
        Ok(chosen)
    }
}

/// A colour as `#rrggbb` (what `<input type="color">` sends), lower-cased.
pub fn colour(input: &str) -> Result<String, &'static str> {
    let c = input.trim().to_lowercase();
    if c.len() == 7 && c.starts_with('#') && c[1..].chars().all(|h| h.is_ascii_hexdigit()) {
        Ok(c)
    } else {
        Err("forums.colour-invalid")
    }
}

/// A proposal code prefix such as `WS` or `OF`: 1 to 8 capital letters or digits.
pub fn code_prefix(input: &str) -> Result<String, &'static str> {
    let p = input.trim().to_uppercase();
    if p.is_empty() {
        Err("field.required")
    } else if p.len() <= 8
        && p.chars()
            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit())
    {
        Ok(p)
    } else {
        Err("forums.prefix-invalid")
    }
}

/// Allowed durations in minutes, e.g. "60, 90": sorted, without repeats, each
/// from 5 to 480 minutes, at least one.
pub fn durations(input: &str) -> Result<Vec<u32>, &'static str> {
    let mut minutes = Vec::new();
    for part in input
        .split([',', ' ', ';', '/'])
        .filter(|p| !p.trim().is_empty())
    {
        match part.trim().parse::<u32>() {
            Ok(m) if (5..=480).contains(&m) => minutes.push(m),
            _ => return Err("forums.durations-invalid"),
        }
    }
    minutes.sort_unstable();
    minutes.dedup();
    if minutes.is_empty() {
        Err("field.required")
    } else {
        Ok(minutes)
    }
}

pub fn durations_text(minutes: &[u32]) -> String {
    minutes
        .iter()
        .map(u32::to_string)
        .collect::<Vec<_>>()
        .join(",")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn codes() {
        assert_eq!(code(" IGF2027 "), Ok("igf2027".into()));
        assert_eq!(code("wsis-2027"), Ok("wsis-2027".into()));
        for bad in [
            "a",
            "2027igf",
            "igf 2027",
            "igf_2027",
            "igf-",
            &"x".repeat(33),
        ] {
            assert!(code(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn days_are_ordered_and_bounded() {
        assert_eq!(
            days(Some(d("2027-06-21")), d("2027-06-22"), d("2027-06-25")),
            Ok(())
        );
        assert_eq!(
            days(None, d("2027-06-22"), d("2027-06-21")),
            Err(("last_day", "forums.last-before-first"))
        );
        assert_eq!(
            days(Some(d("2027-06-22")), d("2027-06-22"), d("2027-06-25")),
            Err(("day_zero", "forums.day-zero-after-first"))
        );
        assert_eq!(
            days(None, d("2027-06-01"), d("2027-06-30")),
            Err(("last_day", "forums.too-many-days"))
        );
        assert_eq!(optional_date("2027-02-30"), Err("forums.date-invalid"));
    }

    #[test]
    fn durations_colours_prefixes_languages() {
        assert_eq!(durations("90, 60,60"), Ok(vec![60, 90]));
        assert_eq!(durations("60, ninety"), Err("forums.durations-invalid"));
        assert_eq!(durations("0"), Err("forums.durations-invalid"));
        assert_eq!(durations(" "), Err("field.required"));
        assert_eq!(colour("#1D3557"), Ok("#1d3557".into()));
        assert!(colour("red").is_err());
        assert_eq!(code_prefix("ws"), Ok("WS".into()));
        assert!(code_prefix("W S").is_err());
        assert_eq!(
            languages(&["fr", "ar", "xx"]),
            Ok(vec!["ar".to_string(), "fr".to_string()])
        );
        assert!(languages(&[]).is_err());
    }

    #[test]
    fn lines_refuse_control_characters_and_length() {
        assert_eq!(line("  Geneva ", 10), Ok("Geneva".into()));
        assert_eq!(line("", 10), Err("field.required"));
        assert_eq!(line("a\u{0}b", 10), Err("field.control-characters"));
        assert_eq!(optional_line(&"é".repeat(11), 10), Err("field.too-long"));
    }
}
