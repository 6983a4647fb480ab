//! The programme: its sessions (from accepted proposals, or created by the
//! organisers), their people and needs, and — in the scheduling parts — their
//! places in the venue's time grid.

pub mod api;
#[cfg(feature = "ssr")]
pub mod browse;
pub mod changes;
#[cfg(feature = "ssr")]
pub mod exports;
#[cfg(feature = "ssr")]
pub mod frab_import;
#[cfg(feature = "ssr")]
pub mod ics;
pub mod import_page;
#[cfg(feature = "ssr")]
pub mod instance;
pub mod materials;
pub mod pages;
pub mod programme_page;
pub mod public_pages;
#[cfg(feature = "ssr")]
pub mod published;
#[cfg(feature = "ssr")]
pub mod release;
pub mod release_pages;
#[cfg(feature = "ssr")]
pub mod schedule;
pub mod schedule_pages;
#[cfg(feature = "ssr")]
pub mod scheduler;
pub mod scheduler_page;
#[cfg(feature = "ssr")]
pub mod sessions;

use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// A session that takes place.
pub const ACTIVE: &str = "active";
/// A session that will not take place (withdrawn, or cancelled by the
/// organisers); it keeps no place in the programme.
pub const CANCELLED: &str = "cancelled";
/// The most people a session has.
pub const MAX_SESSION_PEOPLE: usize = 30;
/// Default length of a session made without one, in minutes.
pub const DEFAULT_DURATION: i32 = 90;

/// Where a session is in the draft programme.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Place {
    /// ISO date of the day.
    pub day: String,
    /// 0 for Day 0, then 1, 2… (none before the edition's first day).
    pub day_number: Option<u32>,
    /// "09:00"
    pub start: String,
    pub room: String,
}

/// A session in the organisers' list.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SessionRow {
    pub id: Uuid,
    pub code: String,
    pub title: String,
    pub session_type: String,
    pub theme: String,
    pub duration: i32,
    pub audience: i32,
    pub features: Vec<String>,
    pub online_only: bool,
    pub people: u32,
    pub status: String,
    pub place: Option<Place>,
    pub pinned: bool,
    /// The code of the proposal it comes from.
    pub proposal: Option<String>,
}

/// The organisers' list of an edition's sessions, and what the form to make
/// one offers.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SessionList {
    pub forum_code: String,
    pub forum_name: String,
    pub sessions: Vec<SessionRow>,
    pub types: Vec<(Uuid, String)>,
    pub themes: Vec<(Uuid, String)>,
}

/// A person of a session.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SessionPersonView {
    pub id: Uuid,
    pub role: String,
    pub name: String,
    pub email: String,
    pub organisation: String,
    pub country: String,
    pub stakeholder_group: String,
    pub gender: String,
    pub onsite: bool,
    /// ISO dates.
    pub unavailable_days: Vec<String>,
}

/// One session with its people, for the organisers' session page.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SessionDetail {
    pub forum_code: String,
    pub forum_name: String,
    pub id: Uuid,
    pub code: String,
    pub title: String,
    pub description: String,
    pub session_type: Option<Uuid>,
    pub theme: Option<Uuid>,
    pub duration: i32,
    pub audience: i32,
    pub features: Vec<String>,
    pub online_only: bool,
    pub hybrid: bool,
    pub status: String,
    pub place: Option<Place>,
    pub proposal: Option<(Uuid, String)>,
    pub people: Vec<SessionPersonView>,
    pub types: Vec<(Uuid, String)>,
    pub themes: Vec<(Uuid, String)>,
    /// Programme days (ISO date, name) for people's availability.
    pub days: Vec<(String, String)>,
    pub materials: Vec<materials::Material>,
}

/// A problem of the draft programme, ready to explain: `code` names the rule
/// (`solver.conflict.<code>` in the locale files), the rest fills it in.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ConflictView {
    /// The locale key of its explanation.
    pub key: String,
    pub code: String,
    pub hard: bool,
    /// (id, code) of the sessions involved.
    pub sessions: Vec<(Uuid, String)>,
    pub people: Vec<String>,
    pub rooms: Vec<String>,
    /// "Day 1 (2027-06-22) 09:00"
    pub slots: Vec<String>,
    /// Further values (audience, capacity, features…) as text.
    pub params: Vec<(String, String)>,
}

/// A time slot (or break) of the day shown in the editor.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct GridSlot {
    pub id: Uuid,
    pub start: String,
    pub end: String,
    pub is_break: bool,
    pub blocked: bool,
    pub label: String,
}

/// A room as the editor's grid heads it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct GridRoom {
    pub id: Uuid,
    pub name: String,
    pub capacity: i32,
    pub online_only: bool,
}

/// A session in the editor: where it is (if placed) and its problems.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct GridSession {
    pub id: Uuid,
    pub code: String,
    pub title: String,
    pub duration: i32,
    pub room: Option<Uuid>,
    pub slot: Option<Uuid>,
    pub pinned: bool,
    pub version: i32,
    /// Hard problems and warnings naming it.
    pub hard: u32,
    pub warnings: u32,
}

/// A change of place in the editor's history.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChangeView {
    pub session: String,
    pub from: Option<String>,
    pub to: Option<String>,
    /// RFC 3339, UTC.
    pub at: String,
    pub undone: bool,
}

/// The schedule editor for one day of the draft programme.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Schedule {
    pub forum_code: String,
    pub forum_name: String,
    pub time_zone: String,
    /// Every programme day: (ISO date, day number).
    pub days: Vec<(String, Option<u32>)>,
    /// The day shown (ISO), if there are days.
    pub day: Option<String>,
    pub rooms: Vec<GridRoom>,
    pub slots: Vec<GridSlot>,
    /// Sessions placed on the day shown.
    pub placed: Vec<GridSession>,
    /// Active sessions placed nowhere.
    pub unplaced: Vec<GridSession>,
    /// Every problem of the draft programme, hard ones first.
    pub conflicts: Vec<ConflictView>,
    pub recent: Vec<ChangeView>,
    pub max_parallel_same_theme: i32,
    pub max_sessions_per_person_day: i32,
}

/// A session's "move to…" page: where it is, where it can go.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MovePlan {
    pub forum_code: String,
    pub forum_name: String,
    pub session: GridSession,
    pub place: Option<Place>,
    /// Every session slot of the programme: (id, "Day 1 (date) 09:00–10:30").
    pub slots: Vec<(Uuid, String)>,
    pub rooms: Vec<(Uuid, String)>,
    /// The problems naming this session now.
    pub conflicts: Vec<ConflictView>,
}

/// How the scheduler runs: the weights of its soft goals (by goal code) and
/// how long it may search.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RunSettings {
    pub weights: Vec<(String, f64)>,
    pub time_limit_s: u32,
}

/// The draft a run made: where each session goes (session, room, slot) and
/// its figures. The explanations are worked out when shown, in the reader's
/// language, from these placements and the programme as it is then.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct RunResult {
    pub placements: Vec<(Uuid, Option<Uuid>, Option<Uuid>)>,
    pub hard_violations: u32,
    pub score: f64,
    pub total_overflow: u64,
    pub worst_overflow: u32,
    /// Sessions moved from their place (re-plan).
    pub moved: Option<u32>,
    pub first_feasible_ms: Option<u64>,
    pub total_ms: u64,
    /// Why no clash-free programme exists (infeasible): code and sessions.
    pub reasons: Vec<(String, Vec<Uuid>)>,
}

/// One goal's line in a draft's score.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct GoalLine {
    pub code: String,
    pub amount: u64,
    pub weight: f64,
    pub weighted: f64,
}

/// A scheduler run as its page shows it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RunView {
    pub id: Uuid,
    pub mode: String,
    pub status: String,
    pub progress: i32,
    pub hard_violations: Option<i32>,
    pub score: Option<f64>,
    pub started_at: String,
    pub accepted: bool,
    pub result: Option<RunResult>,
    pub goals: Vec<GoalLine>,
    /// Each remaining problem and soft violation of the draft, in words.
    pub explanations: Vec<ConflictView>,
    /// Sessions the draft places differently from the programme now.
    pub changes: u32,
}

/// The automatic scheduler's page.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Scheduler {
    pub forum_code: String,
    pub forum_name: String,
    pub settings: RunSettings,
    pub sessions: u32,
    pub pinned: u32,
    pub days: Vec<(String, Option<u32>)>,
    pub latest: Option<RunView>,
}

/// One line of a release's changelog: `kind` is a `changes::ChangeKind`
/// code; `before` and `after` say when and where, in the venue's time.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChangeLine {
    pub kind: String,
    pub code: String,
    pub title: String,
    pub before: String,
    pub after: String,
}

/// A published release.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReleaseSummary {
    pub number: i32,
    /// RFC 3339.
    pub published_at: String,
    pub note: String,
    pub sessions: i32,
    pub mailed: i32,
    pub changes: Vec<ChangeLine>,
}

/// The organisers' release page: what the next release would publish and
/// change, who it would tell, what stops it, and the releases so far.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReleasePlan {
    pub forum_code: String,
    pub forum_name: String,
    pub next: i32,
    pub placed: u32,
    pub unplaced: u32,
    /// Hard problems of the placed sessions: a release waits until none is left.
    pub problems: Vec<ConflictView>,
    pub changes: Vec<ChangeLine>,
    /// People the release would write to.
    pub to_mail: u32,
    /// Newest first, without their changes.
    pub releases: Vec<ReleaseSummary>,
}

/// The public changelog: every release, newest first, with its changes.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Changelog {
    pub forum_code: String,
    pub forum_name: String,
    pub releases: Vec<ReleaseSummary>,
}

/// A person of a session on the public programme (no address).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PublicPerson {
    pub role: String,
    pub name: String,
    pub organisation: String,
}

/// A session on the public programme.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PublicSession {
    pub forum_code: String,
    /// Its page's address segment.
    pub key: String,
    pub code: String,
    pub title: String,
    pub session_type: String,
    pub theme: String,
    /// Venue time, "09:00".
    pub start: String,
    pub end: String,
    /// In the visitor's chosen zone, when one is chosen: (ISO date, start, end).
    pub local: Option<(String, String, String)>,
    /// RFC 3339, UTC.
    pub starts_at: String,
    pub room: String,
    pub online_only: bool,
    pub hybrid: bool,
    /// Interpretation, captioning… (room feature codes).
    pub features: Vec<String>,
    pub languages: Vec<String>,
    pub people: Vec<PublicPerson>,
    /// Under way at the moment the "now" view was asked for.
    pub on_now: bool,
    /// How full its onsite seats are.
    pub fill: crate::participation::Fill,
}

/// A day of the public programme.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PublicDay {
    pub date: String,
    pub number: Option<u32>,
    pub sessions: Vec<PublicSession>,
}

/// What the programme's filters can be set to (only values it has).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FilterOptions {
    pub themes: Vec<String>,
    pub types: Vec<String>,
    pub rooms: Vec<String>,
    /// Stakeholder group codes of the people.
    pub groups: Vec<String>,
    pub languages: Vec<String>,
    /// Access features sessions have: interpretation, captioning.
    pub access: Vec<String>,
}

/// The public programme: the latest release, nothing of the draft, shown as
/// a list or a grid of one day, or what is on now and next; filtered by the
/// address's query (`filters` holds the ones understood, `ignored` the names
/// of those that were not).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PublicProgramme {
    pub forum_code: String,
    pub forum_name: String,
    pub time_zone: String,
    /// (number, published at RFC 3339), none before the first release.
    pub release: Option<(i32, String)>,
    /// "list", "grid" or "now".
    pub view: String,
    /// The day shown (ISO date), or "all".
    pub day: String,
    /// Every day of the programme: (ISO date, day number).
    pub day_links: Vec<(String, Option<u32>)>,
    /// The days shown, with the sessions that pass the filters.
    pub days: Vec<PublicDay>,
    /// The grid's columns: rooms in use on the day shown.
    pub rooms: Vec<String>,
    /// The filters understood, as (name, value) query pairs, `view` and
    /// `day` excluded.
    pub filters: Vec<(String, String)>,
    pub ignored: Vec<String>,
    pub options: FilterOptions,
    /// The visitor's chosen zone, when not the venue's.
    pub zone: Option<String>,
    /// Sessions shown, and in the whole release.
    pub matched: u32,
    pub total: u32,
    /// The moment "now" means (RFC 3339) in the now view.
    pub now: Option<String>,
    /// Whether the visitor is signed in (and can star sessions).
    pub signed_in: bool,
    /// Keys of the sessions they starred.
    pub starred: Vec<String>,
}

/// A person on a public session or speaker page (no address): `guid` links
/// their page; codes are translated where shown.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PublicPersonLink {
    pub guid: Uuid,
    pub role: String,
    pub name: String,
    pub organisation: String,
    /// ISO 3166-1 alpha-2, empty when not given.
    pub country: String,
    pub stakeholder_group: String,
    /// UN regional group code, from the country.
    pub region: String,
}

/// When and where a released session is: venue time, and the instants
/// (RFC 3339, UTC) for showing it in the visitor's zone.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PublicWhen {
    pub date: String,
    pub day_number: Option<u32>,
    pub start: String,
    pub end: String,
    pub starts_at: String,
    pub ends_at: String,
    pub room: String,
}

/// A session's public page.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PublicSessionDetail {
    pub forum_code: String,
    pub forum_name: String,
    pub time_zone: String,
    pub key: String,
    pub code: String,
    pub title: String,
    /// Sanitised HTML of the description (markdown).
    pub description_html: String,
    pub session_type: String,
    pub theme: String,
    /// "onsite", "hybrid" or "online".
    pub format: String,
    pub when: PublicWhen,
    pub people: Vec<PublicPersonLink>,
    /// Language codes.
    pub languages: Vec<String>,
    /// Room feature codes it needs (interpretation, captioning…).
    pub features: Vec<String>,
    /// What its proposal said (format, tags, SDGs, Action Lines, policy
    /// questions, expected outcomes).
    pub details: Option<changes::ProposalDetails>,
    /// Slides, papers, recordings (as released).
    pub materials: Vec<materials::Material>,
    /// Its seats and the visitor's sign-up.
    pub seats: crate::participation::Seats,
    /// Whether the visitor is signed in, and starred it.
    pub signed_in: bool,
    pub starred: bool,
}

/// A session on a person's public page, with their role in it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SpeakerSession {
    pub key: String,
    pub code: String,
    pub title: String,
    pub role: String,
    pub when: PublicWhen,
}

/// A person's public page: who they are and their sessions.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SpeakerDetail {
    pub forum_code: String,
    pub forum_name: String,
    pub time_zone: String,
    pub person: PublicPersonLink,
    pub sessions: Vec<SpeakerSession>,
}

/// An organisation on the released programme, with its people (guid, name)
/// and how many sessions they are on.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PublicOrganisation {
    pub name: String,
    pub people: Vec<(Uuid, String)>,
    pub sessions: u32,
}

/// The participating organisations of the released programme, by name.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Organisations {
    pub forum_code: String,
    pub forum_name: String,
    pub organisations: Vec<PublicOrganisation>,
}
