//! Certificates of participation: after (or during) the meeting, a person
//! whose registration is approved and who was checked in at the badge desk,
//! or who joined at least one session online through their personal link,
//! downloads a PDF certificate naming them, the edition, its dates and place
//! and how they took part. Each certificate has a verification code anyone
//! can check at `/certificates/<code>`; the organisers list and revoke them.
//!
//! A certificate is available as soon as the person is entitled to it (the
//! first check-in or the first online session): a secretariat expects people
//! to ask for it at the end of the meeting or on its last day, and the facts
//! it states are those of its latest download, so the sessions counted grow
//! until the meeting ends.
//!
//! This file holds the pure rules (who is entitled, the verification code)
//! and what the pages show; `pdf` (server only) writes the document,
//! `service` (server only) applies the rules to the database.

pub mod api;
#[cfg(feature = "ssr")]
pub mod font;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod pdf;
#[cfg(feature = "ssr")]
pub mod service;
#[cfg(feature = "ssr")]
pub mod shape;

use crate::registration::State;
use serde::{Deserialize, Serialize};

/// What the database says about a person's part in an edition.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Facts {
    /// Their registration's state; none when they did not register.
    pub state: Option<State>,
    /// Checked in at the badge desk (onsite).
    pub checked_in: bool,
    /// Sessions they joined through their personal link (used at least once).
    pub joined_online: u32,
    /// Sessions they are signed up for onsite (with a seat).
    pub signed_up_onsite: u32,
}

/// How a person took part, as their certificate states it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Attendance {
    pub onsite: bool,
    pub online: bool,
    /// Sessions joined online.
    pub online_sessions: u32,
    /// Sessions signed up for onsite (counted only for people checked in).
    pub onsite_sessions: u32,
}

/// Why someone has no certificate (each is a locale key).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Refusal {
    NotRegistered,
    NotApproved,
    NotAttended,
}

impl Refusal {
    pub fn message_key(self) -> &'static str {
        match self {
            Refusal::NotRegistered => "certificates.not-registered",
            Refusal::NotApproved => "certificates.not-approved",
            Refusal::NotAttended => "certificates.not-attended",
        }
    }
}

/// Who is entitled to a certificate: an approved registration that was
/// checked in onsite or that joined at least one session online.
pub fn entitlement(f: &Facts) -> Result<Attendance, Refusal> {
    match f.state {
        None => return Err(Refusal::NotRegistered),
        Some(State::Approved) => {}
        Some(_) => return Err(Refusal::NotApproved),
    }
    let online = f.joined_online > 0;
    if !f.checked_in && !online {
        return Err(Refusal::NotAttended);
    }
    Ok(Attendance {
        onsite: f.checked_in,
        online,
        online_sessions: f.joined_online,
        onsite_sessions: if f.checked_in { f.signed_up_onsite } else { 0 },
    })
}

impl Attendance {
    /// The locale keys of the modes of participation.
    pub fn mode_keys(&self) -> Vec<&'static str> {
        let mut keys = vec![];
        if self.onsite {
            keys.push("certificates.mode.onsite");
        }
        if self.online {
            keys.push("certificates.mode.online");
        }
        keys
    }
}

/// Crockford's base32 alphabet: no I, L, O or U, so a code can be read
/// aloud and typed without confusion.
pub const ALPHABET: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";
/// Characters in a verification code: 16 × 5 = 80 random bits.
pub const CODE_LENGTH: usize = 16;

/// A code from 16 random bytes (each gives 5 uniform bits: 32 divides 256).
pub fn code_from_bytes(bytes: &[u8; CODE_LENGTH]) -> String {
    bytes
        .iter()
        .map(|b| ALPHABET[(b & 31) as usize] as char)
        .collect()
}

/// A typed code as stored: capitals, without spaces and dashes, with the
/// letters Crockford reads as digits (O → 0, I and L → 1); none when it
/// cannot be a code (wrong length or a character outside the alphabet).
pub fn normalise_code(typed: &str) -> Option<String> {
    let code: String = typed
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '-')
        .map(|c| match c.to_ascii_uppercase() {
            'O' => '0',
            'I' | 'L' => '1',
            c => c,
        })
        .collect();
    (code.len() == CODE_LENGTH && code.bytes().all(|b| ALPHABET.contains(&b))).then_some(code)
}

/// A code as printed: four groups of four (`7K3M-Q9TX-2B8R-WZ4N`).
pub fn grouped(code: &str) -> String {
    code.as_bytes()
        .chunks(4)
        .map(|c| String::from_utf8_lossy(c).into_owned())
        .collect::<Vec<_>>()
        .join("-")
}

/// The verification page of a code.
pub fn verify_path(code: &str) -> String {
    format!("/certificates/{}", grouped(code))
}

/// The download of an edition's certificate.
pub fn pdf_path(forum: &str) -> String {
    format!("/forums/{forum}/certificate.pdf")
}

/// What a person's registration page offers about their certificate.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Offer {
    pub forum_code: String,
    pub attendance: Attendance,
    /// The verification code (grouped) once issued.
    pub code: Option<String>,
    pub revoked: bool,
}

/// What the public verification page says about a code.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Verification {
    /// No certificate has this code (or it cannot be one).
    Unknown,
    /// The organisers revoked it: nothing else is said.
    Revoked,
    Valid {
        badge_name: String,
        forum_name: String,
        attendance: Attendance,
        /// `YYYY-MM-DD`.
        issued_on: String,
    },
}

/// One certificate in the organisers' list.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct IssuedRow {
    pub id: String,
    pub name: String,
    pub email: String,
    pub badge_name: String,
    /// Grouped.
    pub code: String,
    pub attendance: Attendance,
    pub issued_on: String,
    pub revoked: bool,
}

/// Certificates listed on the organisers' page at most.
pub const MAX_SHOWN: usize = 1000;

/// The organisers' list of an edition's certificates.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Issued {
    pub forum_code: String,
    pub forum_name: String,
    /// The latest [`MAX_SHOWN`], newest first.
    pub rows: Vec<IssuedRow>,
    pub issued: u32,
    pub revoked: u32,
    pub onsite: u32,
    pub online: u32,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn facts(state: Option<State>, checked_in: bool, joined: u32) -> Facts {
        Facts {
            state,
            checked_in,
            joined_online: joined,
            signed_up_onsite: 4,
        }
    }

    #[test]
    fn only_approved_people_who_came_are_entitled() {
        assert_eq!(
            entitlement(&facts(None, true, 3)),
            Err(Refusal::NotRegistered)
        );
        for s in [
            State::Pending,
            State::Waitlisted,
            State::Rejected,
            State::Cancelled,
        ] {
            assert_eq!(
                entitlement(&facts(Some(s), true, 3)),
                Err(Refusal::NotApproved)
            );
        }
        assert_eq!(
            entitlement(&facts(Some(State::Approved), false, 0)),
            Err(Refusal::NotAttended)
        );
    }

    #[test]
    fn checked_in_or_joined_online_is_enough() {
        let onsite = entitlement(&facts(Some(State::Approved), true, 0)).unwrap();
        assert_eq!(
            onsite,
            Attendance {
                onsite: true,
                online: false,
                online_sessions: 0,
                onsite_sessions: 4
            }
        );
        assert_eq!(onsite.mode_keys(), vec!["certificates.mode.onsite"]);
        let online = entitlement(&facts(Some(State::Approved), false, 2)).unwrap();
        assert!(!online.onsite && online.online && online.online_sessions == 2);
        // Seats signed up for without coming are not counted.
        assert_eq!(online.onsite_sessions, 0);
        let both = entitlement(&facts(Some(State::Approved), true, 1)).unwrap();
        assert_eq!(both.mode_keys().len(), 2);
    }

    #[test]
    fn codes_are_typeable_and_forgiving() {
        let code = code_from_bytes(&[255; 16]);
        assert_eq!(code, "ZZZZZZZZZZZZZZZZ");
        let code = code_from_bytes(&[0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 31, 32]);
        assert_eq!(code, "0123456789ABCDZ0");
        assert_eq!(grouped(&code), "0123-4567-89AB-CDZ0");
        assert_eq!(verify_path(&code), "/certificates/0123-4567-89AB-CDZ0");
        // Lower case, spaces, dashes, and the letters read as digits.
        assert_eq!(
            normalise_code(" o123-4567 89ab-cdzO ").as_deref(),
            Some("0123456789ABCDZ0")
        );
        assert_eq!(
            normalise_code("IL23456789ABCDZ0").as_deref(),
            Some("1123456789ABCDZ0")
        );
        assert_eq!(normalise_code("0123456789ABCDZ"), None);
        assert_eq!(normalise_code("0123456789ABCDZ00"), None);
        assert_eq!(normalise_code("U123456789ABCDZ0"), None);
        assert_eq!(normalise_code("0123456789ABCDZ%"), None);
        assert_eq!(normalise_code(""), None);
    }
}
