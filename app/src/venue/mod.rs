//! The venue and the programme's time grid: an edition's rooms (capacity,
//! layout, where they are, features and interpretation languages, the days
//! they are closed, online-only rooms) and its programme days with their time
//! slots, generated from a pattern and edited slot by slot. Scheduling places
//! sessions into this grid.

pub mod api;
#[cfg(feature = "ssr")]
pub mod grid;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod rooms;
pub mod times;

/// "Day 1 (2027-06-22)" ("Day 0" for the day before the opening), or the
/// date alone for a day outside the edition's numbering.
pub fn day_label(locale: crate::i18n::Locale, date: &str, number: Option<u32>) -> String {
    match number {
        Some(n) => format!(
            "{} ({date})",
            crate::i18n::translate_with(locale, "grid.day-n", &[("n", &n.to_string())])
        ),
        None => date.to_string(),
    }
}

use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// Room features a session can require (codes; names in the locale files
/// under `room.feature.<code>`). "remote-kit" is the webcast / remote
/// participation kit the scheduler looks for.
pub const FEATURES: [&str; 4] = ["interpretation", "captioning", "remote-kit", "step-free"];
/// Room layouts (`room.layout.<code>`).
pub const LAYOUTS: [&str; 6] = [
    "theatre",
    "classroom",
    "roundtable",
    "boardroom",
    "u-shape",
    "cabaret",
];
/// The six UN languages, for interpretation (`language.<code>`).
pub const LANGUAGES: [&str; 6] = ["ar", "zh", "en", "fr", "ru", "es"];
/// What a slot holds: sessions, or a break shown on the grid.
pub const SESSION_SLOT: &str = "session";
pub const BREAK_SLOT: &str = "break";
/// The most rooms an edition has.
pub const MAX_ROOMS: usize = 200;
/// The largest room.
pub const MAX_CAPACITY: i32 = 100_000;

/// A room as the venue page shows it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RoomView {
    pub id: Uuid,
    pub name: String,
    pub capacity: i32,
    pub layout: String,
    pub location: String,
    pub features: Vec<String>,
    pub languages: Vec<String>,
    /// ISO dates of programme days the room is closed.
    pub closed_days: Vec<String>,
    pub online_only: bool,
    /// Its default remote meeting (organisers only see the venue).
    pub meeting: crate::participation::Meeting,
}

/// A time slot of a day, in venue time.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SlotView {
    pub id: Uuid,
    /// "09:00"
    pub start: String,
    pub end: String,
    pub length: u32,
    pub kind: String,
    pub blocked: bool,
    pub label: String,
}

/// A programme day and its slots in order.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DayView {
    pub id: Uuid,
    /// ISO date.
    pub date: String,
    /// Its name, if the organisers gave it one.
    pub label: String,
    /// 0 for Day 0, then 1, 2… from the edition's first day.
    pub number: Option<u32>,
    pub slots: Vec<SlotView>,
}

/// The venue page: rooms, days and slots of an edition, and the edition's
/// dates to suggest for a pattern.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Venue {
    pub forum_code: String,
    pub forum_name: String,
    pub time_zone: String,
    pub rooms: Vec<RoomView>,
    pub days: Vec<DayView>,
    /// First and last date of the edition (Day 0 included), ISO.
    pub from: String,
    pub to: String,
}

/// Codes kept in a comma-separated column.
pub fn split_codes(text: &str) -> Vec<String> {
    text.split(',')
        .map(str::trim)
        .filter(|c| !c.is_empty())
        .map(str::to_string)
        .collect()
}
