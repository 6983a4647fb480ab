//! Fixed tag sets every edition can use: the 17 Sustainable Development Goals
//! and the WSIS Action Lines. Names come from the locale files
//! (`sdg.N`, `action-line.CODE`).

/// SDG numbers 1 to 17.
pub const SDGS: std::ops::RangeInclusive<u8> = 1..=17;

/// The WSIS Action Lines, with the e-applications under C7.
pub const ACTION_LINES: [&str; 18] = [
    "C1", "C2", "C3", "C4", "C5", "C6", "C7", "C7.1", "C7.2", "C7.3", "C7.4", "C7.5", "C7.6",
    "C7.7", "C7.8", "C8", "C9", "C10",
];

/// Action Line C11 (international and regional cooperation) ends the list.
pub const ACTION_LINE_C11: &str = "C11";

pub fn action_lines() -> impl Iterator<Item = &'static str> {
    ACTION_LINES
        .into_iter()
        .chain(std::iter::once(ACTION_LINE_C11))
}

pub fn sdg_key(n: u8) -> String {
    format!("sdg.{n}")
}

pub fn action_line_key(code: &str) -> String {
    format!("action-line.{code}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::{has_key, Locale};

    #[test]
    fn every_tag_has_an_english_name() {
        for n in SDGS {
            assert!(has_key(Locale::En, &sdg_key(n)), "SDG {n}");
        }
        for code in action_lines() {
            assert!(has_key(Locale::En, &action_line_key(code)), "{code}");
        }
        assert_eq!(action_lines().count(), 19);
    }
}
