//! Remote hubs: local gatherings (a university, an ISOC chapter, a library)
//! that follow an edition together online. A signed-in person registers a
//! hub — country, city, host institution, one to five coordinators, the
//! participants expected, optionally a description, an address and a
//! website — and may edit it while it waits and withdraw it; the edition's
//! organisers approve it or reject it with a reason; approved hubs are
//! listed publicly (coordinators' names, never their addresses).
//!
//! Hubs can be registered from the moment the edition exists until its last
//! day (UTC): hubs organise ahead, often before individual registration
//! opens, so registering one does not depend on registration being open.
//!
//! This file holds what both sides see (the pages' data) and the pure rules:
//! the states, and the checks of the form; `service.rs` (server only)
//! applies them to the database.

pub mod api;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod service;

use crate::accounts::countries;
use crate::accounts::domain::{EmailAddress, PersonName};
use crate::error::{AppError, Problems};
use crate::forums::rules::optional_line;
use serde::{Deserialize, Serialize};

/// Where a hub stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum State {
    Pending,
    Approved,
    Rejected,
    /// Withdrawn by the person who registered it: final.
    Withdrawn,
}

impl State {
    pub const ALL: [State; 4] = [
        State::Pending,
        State::Approved,
        State::Rejected,
        State::Withdrawn,
    ];

    pub fn code(self) -> &'static str {
        match self {
            State::Pending => "pending",
            State::Approved => "approved",
            State::Rejected => "rejected",
            State::Withdrawn => "withdrawn",
        }
    }

    pub fn from_code(code: &str) -> Option<State> {
        State::ALL.into_iter().find(|s| s.code() == code)
    }

    pub fn label_key(self) -> String {
        format!("hubs.state.{}", self.code())
    }

    /// The registrant may still change it (the organisers have not decided).
    pub fn may_edit(self) -> bool {
        self == State::Pending
    }

    /// The registrant may withdraw it (waiting or listed).
    pub fn may_withdraw(self) -> bool {
        matches!(self, State::Pending | State::Approved)
    }
}

/// What organisers decide about a hub.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Decision {
    Approve,
    Reject,
}

impl Decision {
    pub fn from_code(code: &str) -> Option<Decision> {
        match code {
            "approve" => Some(Decision::Approve),
            "reject" => Some(Decision::Reject),
            _ => None,
        }
    }
}

/// The state a decision leads to from `from`, or none when it does not
/// apply: a withdrawn hub is its registrant's own, and deciding again what
/// is already so changes nothing. A rejected hub may still be approved (a
/// mistake put right) and an approved one rejected.
pub fn decide(from: State, decision: Decision) -> Option<State> {
    match (from, decision) {
        (State::Withdrawn, _) => None,
        (State::Approved, Decision::Approve) => None,
        (State::Rejected, Decision::Reject) => None,
        (_, Decision::Approve) => Some(State::Approved),
        (_, Decision::Reject) => Some(State::Rejected),
    }
}

/// Hubs may be registered until the edition's last day (UTC) is over; an
/// edition without dates takes them always.
pub fn is_open(last_day: Option<chrono::NaiveDate>, today: chrono::NaiveDate) -> bool {
    last_day.is_none_or(|last| today <= last)
}

/// Coordinator rows of the form.
pub const MAX_COORDINATORS: usize = 5;
/// Most participants a hub may expect.
pub const MAX_PARTICIPANTS: u32 = 10_000;
/// Longest city and host institution.
pub const MAX_NAME: usize = 200;
/// Longest description.
pub const MAX_DESCRIPTION: usize = 2_000;
/// Longest address.
pub const MAX_ADDRESS: usize = 500;
/// Longest website address.
pub const MAX_WEBSITE: usize = 500;
/// Longest refusal reason.
pub const MAX_REASON: usize = 2_000;
/// Hubs one person may have registered for an edition (withdrawn ones aside).
pub const MAX_HUBS_PER_PERSON: u64 = 20;
/// Hubs on the organisers' page at most (the state filter narrows it).
pub const MAX_SHOWN: u64 = 1_000;

/// One coordinator row as typed; a row left empty is ignored.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct CoordinatorInput {
    pub name: String,
    pub email: String,
}

impl CoordinatorInput {
    fn is_empty(&self) -> bool {
        self.name.trim().is_empty() && self.email.trim().is_empty()
    }
}

/// The hub form's fields, as typed (or as stored, to edit).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct HubForm {
    pub country: String,
    pub city: String,
    pub institution: String,
    pub expected_participants: String,
    pub description: String,
    pub address: String,
    pub website: String,
    pub coordinators: Vec<CoordinatorInput>,
}

/// A hub's fields, checked.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CheckedHub {
    pub country: String,
    pub city: String,
    pub institution: String,
    pub expected_participants: u32,
    pub description: String,
    pub address: String,
    pub website: String,
    /// (name, email), in the form's order.
    pub coordinators: Vec<(String, String)>,
}

/// The form field of coordinator row `i`'s `part` (`name` or `email`).
pub fn coordinator_field(i: usize, part: &str) -> String {
    format!("coordinators[{i}][{part}]")
}

fn required_line(input: &str, max: usize) -> Result<String, &'static str> {
    let line = optional_line(input, max)?;
    if line.is_empty() {
        Err("field.required")
    } else {
        Ok(line)
    }
}

fn participants(input: &str) -> Result<u32, &'static str> {
    match input.trim() {
        "" => Err("field.required"),
        n => n
            .parse::<u32>()
            .ok()
            .filter(|n| (1..=MAX_PARTICIPANTS).contains(n))
            .ok_or("hubs.participants-invalid"),
    }
}

/// A website: empty, or an http(s) address without spaces or quotes.
pub fn website(input: &str) -> Result<String, &'static str> {
    let url = input.trim();
    if url.is_empty() {
        return Ok(String::new());
    }
    let lower = url.to_ascii_lowercase();
    let rest = lower
        .strip_prefix("https://")
        .or_else(|| lower.strip_prefix("http://"));
    let ok = rest.is_some_and(|r| !r.is_empty() && !r.starts_with('/'))
        && url.chars().count() <= MAX_WEBSITE
        && !url
            .chars()
            .any(|c| c.is_whitespace() || c.is_control() || matches!(c, '"' | '<' | '>' | '\\'));
    if ok {
        Ok(url.to_string())
    } else {
        Err("hubs.website-invalid")
    }
}

fn text(input: &str, max: usize) -> Result<String, &'static str> {
    if input.chars().count() > max {
        Err("field.too-long")
    } else {
        Ok(input.trim().replace("\r\n", "\n"))
    }
}

fn coordinators(p: &mut Problems, rows: &[CoordinatorInput]) -> Option<Vec<(String, String)>> {
    let filled: Vec<(usize, &CoordinatorInput)> = rows
        .iter()
        .enumerate()
        .filter(|(_, r)| !r.is_empty())
        .collect();
    if filled.is_empty() {
        p.add(&coordinator_field(0, "name"), "field.required");
        p.add(&coordinator_field(0, "email"), "field.required");
        p.add("coordinators", "hubs.coordinator-required");
        return None;
    }
    if filled.iter().any(|(i, _)| *i >= MAX_COORDINATORS) {
        p.add("coordinators", "hubs.too-many-coordinators");
        return None;
    }
    let mut out: Vec<(String, String)> = vec![];
    let mut ok = true;
    for (i, row) in filled {
        let name = p.check(&coordinator_field(i, "name"), PersonName::parse(&row.name));
        let email = p.check(
            &coordinator_field(i, "email"),
            EmailAddress::parse(&row.email),
        );
        match (name, email) {
            (Some(name), Some(email)) => {
                if out.iter().any(|(_, e)| e == email.as_str()) {
                    p.add(&coordinator_field(i, "email"), "hubs.coordinator-repeated");
                    ok = false;
                } else {
                    out.push((name.as_str().to_string(), email.as_str().to_string()));
                }
            }
            _ => ok = false,
        }
    }
    ok.then_some(out)
}

/// Checks the form: every problem at once, each at its field.
pub fn check(form: &HubForm) -> Result<CheckedHub, AppError> {
    let mut p = Problems::new();
    let country = p.check(
        "country",
        match form.country.trim() {
            "" => Err("field.required"),
            c => countries::country(c)
                .map(|c| c.code.to_string())
                .ok_or("accounts.country-invalid"),
        },
    );
    let city = p.check("city", required_line(&form.city, MAX_NAME));
    let institution = p.check("institution", required_line(&form.institution, MAX_NAME));
    let expected = p.check(
        "expected_participants",
        participants(&form.expected_participants),
    );
    let description = p.check("description", text(&form.description, MAX_DESCRIPTION));
    let address = p.check("address", text(&form.address, MAX_ADDRESS));
    let site = p.check("website", website(&form.website));
    let people = coordinators(&mut p, &form.coordinators);
    let all = country
        .zip(city)
        .zip(institution)
        .zip(expected)
        .zip(description)
        .zip(address)
        .zip(site)
        .zip(people);
    let (((((((country, city), institution), expected), description), address), site), people) =
        p.finish(all)?;
    Ok(CheckedHub {
        country,
        city,
        institution,
        expected_participants: expected,
        description,
        address,
        website: site,
        coordinators: people,
    })
}

/// The English short name of a country code (the code itself if unknown).
pub fn country_name(code: &str) -> String {
    countries::country(code)
        .map(|c| c.name.to_string())
        .unwrap_or_else(|| code.to_string())
}

/// An approved hub as everyone sees it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PublicHub {
    pub country: String,
    pub country_name: String,
    pub city: String,
    pub institution: String,
    /// Names only.
    pub coordinators: Vec<String>,
    pub expected_participants: u32,
    pub description: String,
    pub address: String,
    pub website: String,
}

/// The public list's figures.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Totals {
    pub hubs: u32,
    pub countries: u32,
    pub participants: u32,
}

/// The figures of a list of approved hubs.
pub fn totals(hubs: &[PublicHub]) -> Totals {
    let mut countries: Vec<&str> = hubs.iter().map(|h| h.country.as_str()).collect();
    countries.sort_unstable();
    countries.dedup();
    Totals {
        hubs: hubs.len() as u32,
        countries: countries.len() as u32,
        participants: hubs
            .iter()
            .map(|h| h.expected_participants)
            .fold(0u32, u32::saturating_add),
    }
}

/// The hubs grouped by country, in the order given (sorted by country name).
pub fn by_country(hubs: &[PublicHub]) -> Vec<(String, Vec<PublicHub>)> {
    let mut groups: Vec<(String, Vec<PublicHub>)> = vec![];
    for h in hubs {
        match groups.last_mut() {
            Some((name, list)) if *name == h.country_name => list.push(h.clone()),
            _ => groups.push((h.country_name.clone(), vec![h.clone()])),
        }
    }
    groups
}

/// One of the signed-in person's own hubs.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MyHub {
    pub id: String,
    pub state: State,
    pub country_name: String,
    pub city: String,
    pub institution: String,
    pub expected_participants: u32,
    pub reason: String,
    pub registered_at: String,
}

/// An edition's hubs page.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct HubsPage {
    pub forum_code: String,
    pub forum_name: String,
    /// Hubs may be registered (the edition has not ended).
    pub open: bool,
    /// Approved hubs, by country name, city and institution.
    pub hubs: Vec<PublicHub>,
    pub totals: Totals,
    pub signed_in: bool,
    /// The visitor's own hubs, newest first.
    pub mine: Vec<MyHub>,
}

/// The register (or edit) form's page.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct HubFormPage {
    pub forum_code: String,
    pub forum_name: String,
    pub open: bool,
    /// The hub edited; none for a new one.
    pub hub: Option<String>,
    pub form: HubForm,
}

/// One hub in the organisers' list.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct HubRow {
    pub id: String,
    pub state: State,
    pub country: String,
    pub country_name: String,
    pub city: String,
    pub institution: String,
    pub expected_participants: u32,
    /// (name, email).
    pub coordinators: Vec<(String, String)>,
    pub description: String,
    pub address: String,
    pub website: String,
    pub registrant: String,
    pub registrant_email: String,
    pub reason: String,
    pub registered_at: String,
}

/// The organisers' page.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ManageHubs {
    pub forum_code: String,
    pub forum_name: String,
    /// The first [`MAX_SHOWN`] that match, oldest first.
    pub rows: Vec<HubRow>,
    /// (state, count) over every hub of the edition.
    pub counts: Vec<(State, u32)>,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn good() -> HubForm {
        HubForm {
            country: "ke".into(),
            city: " Nairobi ".into(),
            institution: "University of Nairobi".into(),
            expected_participants: "40".into(),
            description: String::new(),
            address: String::new(),
            website: "https://hub.example/igf".into(),
            coordinators: vec![
                CoordinatorInput {
                    name: "Wanjiru K".into(),
                    email: "W@Example.org".into(),
                },
                CoordinatorInput::default(),
            ],
        }
    }

    fn fields_of(e: AppError) -> Vec<String> {
        match e {
            AppError::Invalid { fields, .. } => fields.into_iter().map(|f| f.field).collect(),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn a_good_form_is_cleaned() {
        let c = check(&good()).unwrap();
        assert_eq!(c.country, "KE");
        assert_eq!(c.city, "Nairobi");
        assert_eq!(c.expected_participants, 40);
        assert_eq!(
            c.coordinators,
            vec![("Wanjiru K".to_string(), "w@example.org".to_string())]
        );
    }

    #[test]
    fn every_bad_field_is_named() {
        let mut f = good();
        f.country = "XX".into();
        f.city = String::new();
        f.institution = "x".repeat(MAX_NAME + 1);
        f.expected_participants = "0".into();
        f.description = "d".repeat(MAX_DESCRIPTION + 1);
        f.address = "a".repeat(MAX_ADDRESS + 1);
        f.website = "javascript:alert(1)".into();
        f.coordinators = vec![
            CoordinatorInput {
                name: "A".into(),
                email: "not an address".into(),
            },
            CoordinatorInput {
                name: String::new(),
                email: "b@example.org".into(),
            },
        ];
        let fields = fields_of(check(&f).unwrap_err());
        for name in [
            "country",
            "city",
            "institution",
            "expected_participants",
            "description",
            "address",
            "website",
            "coordinators[0][email]",
            "coordinators[1][name]",
        ] {
            assert!(fields.iter().any(|f| f == name), "{name} in {fields:?}");
        }
    }

    #[test]
    fn coordinators_at_least_one_at_most_five_never_twice() {
        let mut f = good();
        f.coordinators = vec![CoordinatorInput::default(); 3];
        assert!(fields_of(check(&f).unwrap_err()).contains(&"coordinators[0][name]".into()));
        f.coordinators = (0..6)
            .map(|i| CoordinatorInput {
                name: format!("P{i}"),
                email: format!("p{i}@example.org"),
            })
            .collect();
        assert!(fields_of(check(&f).unwrap_err()).contains(&"coordinators".into()));
        f.coordinators.truncate(2);
        f.coordinators[1].email = "P0@example.org".into();
        assert_eq!(
            fields_of(check(&f).unwrap_err()),
            vec!["coordinators[1][email]".to_string()]
        );
    }

    #[test]
    fn participants_are_bounded_whole_numbers() {
        assert_eq!(participants("1"), Ok(1));
        assert_eq!(participants(" 10000 "), Ok(10_000));
        for bad in ["0", "-3", "10001", "2.5", "many"] {
            assert!(participants(bad).is_err(), "{bad}");
        }
        assert_eq!(participants(""), Err("field.required"));
    }

    #[test]
    fn websites_are_http_or_https_only() {
        assert_eq!(website(""), Ok(String::new()));
        assert!(website("http://isoc.example").is_ok());
        assert!(website("HTTPS://isoc.example/hub?x=1").is_ok());
        for bad in [
            "javascript:alert(1)",
            "ftp://x.example",
            "https://",
            "https:///path",
            "https://a b.example",
            "https://x.example/\"onmouseover",
            "isoc.example",
        ] {
            assert!(website(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn decisions_apply_unless_withdrawn_or_already_so() {
        assert_eq!(
            decide(State::Pending, Decision::Approve),
            Some(State::Approved)
        );
        assert_eq!(
            decide(State::Pending, Decision::Reject),
            Some(State::Rejected)
        );
        assert_eq!(
            decide(State::Rejected, Decision::Approve),
            Some(State::Approved)
        );
        assert_eq!(
            decide(State::Approved, Decision::Reject),
            Some(State::Rejected)
        );
        assert_eq!(decide(State::Approved, Decision::Approve), None);
        assert_eq!(decide(State::Rejected, Decision::Reject), None);
        assert_eq!(decide(State::Withdrawn, Decision::Approve), None);
        assert!(State::Pending.may_edit() && !State::Approved.may_edit());
        assert!(State::Approved.may_withdraw() && !State::Rejected.may_withdraw());
    }

    #[test]
    fn hubs_may_be_registered_until_the_last_day() {
        let day = |d| chrono::NaiveDate::from_ymd_opt(2027, 6, d).unwrap();
        assert!(is_open(Some(day(25)), day(1)));
        assert!(is_open(Some(day(25)), day(25)));
        assert!(!is_open(Some(day(25)), day(26)));
        assert!(is_open(None, day(30)));
    }

    #[test]
    fn totals_count_hubs_countries_and_people() {
        let hub = |country: &str, n: u32| PublicHub {
            country: country.into(),
            country_name: country_name(country),
            city: "C".into(),
            institution: "I".into(),
            coordinators: vec![],
            expected_participants: n,
            description: String::new(),
            address: String::new(),
            website: String::new(),
        };
        let hubs = vec![hub("BR", 10), hub("BR", 5), hub("KE", 30)];
        assert_eq!(
            totals(&hubs),
            Totals {
                hubs: 3,
                countries: 2,
                participants: 45
            }
        );
        let groups = by_country(&hubs);
        assert_eq!(groups.len(), 2);
        assert_eq!(groups[0].1.len(), 2);
        assert_eq!(groups[1].0, "Kenya");
        for s in State::ALL {
            assert_eq!(State::from_code(s.code()), Some(s));
        }
    }
}
