//! The personal agenda: signed-in people star sessions of the released
//! programme; "My agenda" shows them by day with clashes marked; a secret,
//! revocable calendar address lets calendar apps subscribe to it.

pub mod api;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod service;

use serde::{Deserialize, Serialize};

/// A starred session as "My agenda" shows it, in venue time.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AgendaSession {
    pub key: String,
    pub code: String,
    pub title: String,
    pub start: String,
    pub end: String,
    /// RFC 3339, UTC.
    pub starts_at: String,
    pub room: String,
    /// Codes of the other starred sessions it overlaps.
    pub clashes_with: Vec<String>,
    /// The person's sign-up ("signed-up", "waiting") or empty.
    pub signup: String,
    /// It can be joined online and the person is an approved participant.
    pub joinable: bool,
}

/// A day of "My agenda".
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AgendaDay {
    pub date: String,
    pub number: Option<u32>,
    pub sessions: Vec<AgendaSession>,
}

/// A person's agenda in one edition.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MyAgenda {
    pub forum_code: String,
    pub forum_name: String,
    pub time_zone: String,
    /// The site's address (for the feed's full address).
    pub base_url: String,
    pub days: Vec<AgendaDay>,
    /// Starred sessions the latest release no longer has: (code, title).
    pub gone: Vec<(String, String)>,
    pub clashes: u32,
    pub has_feed: bool,
}

/// The address of a person's calendar feed.
pub fn feed_path(forum: &str, token: &str) -> String {
    format!("/{forum}/agenda/{token}.ics")
}
