//! Times of the programme grid (pure): venue clock times as minutes after
//! midnight, the start times of a day pattern, slot lengths, and the rule
//! that a day's slots end by midnight and never overlap.

/// Minutes in a day.
pub const DAY_MINUTES: u32 = 24 * 60;
/// The shortest and the longest slot, in minutes.
pub const MIN_LENGTH: u32 = 5;
pub const MAX_LENGTH: u32 = 12 * 60;
/// The most days one pattern generates.
pub const MAX_DAYS: i64 = 14;
/// The most slots a day holds.
pub const MAX_SLOTS_PER_DAY: usize = 24;

/// A clock time, "9:00" or "09:00", as minutes after midnight.
pub fn parse_time(text: &str) -> Option<u32> {
    let (h, m) = text.trim().split_once(':')?;
    if h.is_empty() || h.len() > 2 || m.len() != 2 {
        return None;
    }
    let (h, m): (u32, u32) = (h.parse().ok()?, m.parse().ok()?);
    (h < 24 && m < 60).then_some(h * 60 + m)
}

/// Minutes after midnight as a 24-hour clock time ("09:00"); the end of
/// the day shows as "24:00".
pub fn clock(minutes: u32) -> String {
    format!("{:02}:{:02}", minutes / 60, minutes % 60)
}

/// The start times of a day pattern ("09:00, 11:00, 14:00, 16:00"),
/// in order, once each.
pub fn parse_starts(text: &str) -> Result<Vec<u32>, &'static str> {
    let parts: Vec<&str> = text
        .split([',', ';', ' ', '/'])
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .collect();
    if parts.is_empty() {
        return Err("field.required");
    }
    let mut starts = parts
        .iter()
        .map(|p| parse_time(p).ok_or("grid.times-invalid"))
        .collect::<Result<Vec<u32>, _>>()?;
    starts.sort_unstable();
    starts.dedup();
    if starts.len() > MAX_SLOTS_PER_DAY {
        return Err("grid.too-many-slots");
    }
    Ok(starts)
}

/// A slot's length in minutes.
pub fn parse_length(text: &str) -> Result<u32, &'static str> {
    match text.trim().parse::<u32>() {
        Ok(n) if (MIN_LENGTH..=MAX_LENGTH).contains(&n) => Ok(n),
        _ if text.trim().is_empty() => Err("field.required"),
        _ => Err("grid.length-invalid"),
    }
}

/// A day's slots as (start, length): each ends by midnight, none overlaps
/// another.
pub fn check_day(slots: &[(u32, u32)]) -> Result<(), &'static str> {
    if slots
        .iter()
        .any(|(start, length)| start + length > DAY_MINUTES)
    {
        return Err("grid.slot-past-midnight");
    }
    if slots.len() > MAX_SLOTS_PER_DAY {
        return Err("grid.too-many-slots");
    }
    let mut sorted = slots.to_vec();
    sorted.sort_unstable();
    if sorted.windows(2).any(|w| w[0].0 + w[0].1 > w[1].0) {
        return Err("grid.slots-overlap");
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clock_times_are_read_and_shown() {
        assert_eq!(parse_time("09:00"), Some(540));
        assert_eq!(parse_time(" 9:30 "), Some(570));
        assert_eq!(parse_time("23:59"), Some(1439));
        for bad in ["24:00", "9", "9:5", "09:60", "ab:cd", "", "123:00"] {
            assert_eq!(parse_time(bad), None, "{bad}");
        }
        assert_eq!(clock(540), "09:00");
        assert_eq!(clock(1440), "24:00");
    }

    #[test]
    fn a_pattern_gives_sorted_distinct_starts() {
        assert_eq!(
            parse_starts("14:00, 09:00/11:00 16:00, 09:00"),
            Ok(vec![540, 660, 840, 960])
        );
        assert_eq!(parse_starts(" , "), Err("field.required"));
        assert_eq!(parse_starts("09:00, noon"), Err("grid.times-invalid"));
        let many: Vec<String> = (0..25)
            .map(|h| format!("{:02}:{:02}", h % 24, h / 24 * 30))
            .collect();
        assert_eq!(parse_starts(&many.join(",")), Err("grid.too-many-slots"));
    }

    #[test]
    fn lengths_are_bounded() {
        assert_eq!(parse_length("90"), Ok(90));
        assert_eq!(parse_length(""), Err("field.required"));
        assert_eq!(parse_length("0"), Err("grid.length-invalid"));
        assert_eq!(parse_length("721"), Err("grid.length-invalid"));
        assert_eq!(parse_length("-5"), Err("grid.length-invalid"));
    }

    #[test]
    fn a_day_ends_by_midnight_without_overlaps() {
        assert_eq!(check_day(&[(540, 90), (660, 90), (840, 90)]), Ok(()));
        assert_eq!(check_day(&[(540, 90), (630, 30)]), Ok(()), "back to back");
        assert_eq!(
            check_day(&[(540, 120), (600, 90)]),
            Err("grid.slots-overlap")
        );
        assert_eq!(check_day(&[(1380, 90)]), Err("grid.slot-past-midnight"));
        assert_eq!(check_day(&[(1350, 90)]), Ok(()), "ends at midnight");
    }
}
