//! Reminder mails before the sessions a participant starred or signed up
//! for: one before each session (the edition's lead time ahead), or one
//! digest a day (at the edition's digest hour, venue time) listing the
//! day's sessions — with the person's join links for sessions followed
//! remotely. The rules of what is due are pure; `service` applies them.

#[cfg(feature = "ssr")]
pub mod service;

use chrono::{DateTime, Duration, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap, HashSet};
use uuid::Uuid;

/// A session's reminder leaves this long before it, unless the organisers
/// say otherwise.
pub const DEFAULT_LEAD_MINUTES: u32 = 60;
/// A day's digest leaves at this hour, venue time, unless the organisers
/// say otherwise.
pub const DEFAULT_DIGEST_HOUR: u32 = 7;
/// The longest lead time: a day.
pub const MAX_LEAD_MINUTES: u32 = 24 * 60;

/// What a participant asked for.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Choice {
    /// A mail before each session.
    #[default]
    Each,
    /// One mail a day with the day's sessions.
    Digest,
    Off,
}

impl Choice {
    pub const ALL: [Choice; 3] = [Choice::Each, Choice::Digest, Choice::Off];

    pub fn code(self) -> &'static str {
        match self {
            Choice::Each => "each",
            Choice::Digest => "digest",
            Choice::Off => "off",
        }
    }

    pub fn from_code(code: &str) -> Option<Choice> {
        Choice::ALL.into_iter().find(|c| c.code() == code)
    }

    pub fn label_key(self) -> String {
        format!("reminders.choice.{}", self.code())
    }
}

/// The organisers' lead time as typed: whole minutes, 0 to a day.
pub fn parse_lead(typed: &str) -> Result<u32, &'static str> {
    match typed.trim() {
        "" => Ok(DEFAULT_LEAD_MINUTES),
        t => t
            .parse::<u32>()
            .ok()
            .filter(|m| *m <= MAX_LEAD_MINUTES)
            .ok_or("reminders.lead-invalid"),
    }
}

/// The digest hour as typed: 0 to 23.
pub fn parse_hour(typed: &str) -> Result<u32, &'static str> {
    match typed.trim() {
        "" => Ok(DEFAULT_DIGEST_HOUR),
        t => t
            .parse::<u32>()
            .ok()
            .filter(|h| *h < 24)
            .ok_or("reminders.hour-invalid"),
    }
}

/// What is remembered of a sent reminder: its subject.
pub fn session_subject(session: Uuid) -> String {
    format!("session:{session}")
}

pub fn digest_subject(day: NaiveDate) -> String {
    format!("digest:{day}")
}

/// A session of a person's (starred or signed up), as reminders see it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Theirs {
    pub person: Uuid,
    pub session: Uuid,
    pub starts_at: DateTime<Utc>,
    /// Its day at the venue.
    pub day: NaiveDate,
}

/// A reminder to send now.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Due {
    Session {
        person: Uuid,
        session: Uuid,
    },
    /// The day's sessions still to start, in time order.
    Digest {
        person: Uuid,
        day: NaiveDate,
        sessions: Vec<Uuid>,
    },
}

impl Due {
    pub fn person(&self) -> Uuid {
        match self {
            Due::Session { person, .. } | Due::Digest { person, .. } => *person,
        }
    }

    pub fn subject(&self) -> String {
        match self {
            Due::Session { session, .. } => session_subject(*session),
            Due::Digest { day, .. } => digest_subject(*day),
        }
    }
}

/// A session's start and the session, ordered by start.
type Starting = (DateTime<Utc>, Uuid);

/// The reminders due at `now`, none of them `sent` before (person,
/// subject):
/// - for a person who wants one before each session: each of their
///   sessions starting within `lead` from now (and not started; a lead of
///   zero sends none);
/// - for a person who wants a digest: for a day whose digest time
///   (`digest_at`) has come, one mail with their sessions of that day still
///   to start.
///
/// People without a choice (no approved registration) get nothing.
pub fn due(
    now: DateTime<Utc>,
    lead: Duration,
    digest_at: impl Fn(NaiveDate) -> Option<DateTime<Utc>>,
    choices: &HashMap<Uuid, Choice>,
    theirs: &[Theirs],
    sent: &HashSet<(Uuid, String)>,
) -> Vec<Due> {
    let mut out = Vec::new();
    let mut seen: HashSet<(Uuid, Uuid)> = HashSet::new();
    let mut days: BTreeMap<(Uuid, NaiveDate), Vec<Starting>> = BTreeMap::new();
    for t in theirs {
        if t.starts_at <= now || !seen.insert((t.person, t.session)) {
            continue;
        }
        match choices.get(&t.person) {
            Some(Choice::Each) => {
                let is_due = lead > Duration::zero() && t.starts_at - lead <= now;
                if is_due && !sent.contains(&(t.person, session_subject(t.session))) {
                    out.push(Due::Session {
                        person: t.person,
                        session: t.session,
                    });
                }
            }
            Some(Choice::Digest) => {
                days.entry((t.person, t.day))
                    .or_default()
                    .push((t.starts_at, t.session));
            }
            Some(Choice::Off) | None => {}
        }
    }
    for ((person, day), mut sessions) in days {
        let time_has_come = digest_at(day).is_some_and(|at| at <= now);
        if !time_has_come || sent.contains(&(person, digest_subject(day))) {
            continue;
        }
        sessions.sort();
        out.push(Due::Digest {
            person,
            day,
            sessions: sessions.into_iter().map(|(_, s)| s).collect(),
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn at(h: u32, m: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2027, 6, 22, h, m, 0).unwrap()
    }

    fn day() -> NaiveDate {
        NaiveDate::from_ymd_opt(2027, 6, 22).unwrap()
    }

    fn theirs(person: Uuid, session: Uuid, starts_at: DateTime<Utc>) -> Theirs {
        Theirs {
            person,
            session,
            starts_at,
            day: starts_at.date_naive(),
        }
    }

    #[test]
    fn a_session_reminder_is_due_within_the_lead_time_once() {
        let (p, s) = (Uuid::new_v4(), Uuid::new_v4());
        let choices = HashMap::from([(p, Choice::Each)]);
        let mine = vec![theirs(p, s, at(10, 0)), theirs(p, s, at(10, 0))];
        let lead = Duration::minutes(60);
        let none = HashSet::new();
        let digest = |_| None;
        assert!(due(at(8, 59), lead, digest, &choices, &mine, &none).is_empty());
        let now = due(at(9, 0), lead, digest, &choices, &mine, &none);
        assert_eq!(
            now,
            vec![Due::Session {
                person: p,
                session: s
            }],
            "due at the lead time, once though starred and signed up"
        );
        let sent = HashSet::from([(p, session_subject(s))]);
        assert!(due(at(9, 30), lead, digest, &choices, &mine, &sent).is_empty());
        assert!(
            due(at(10, 0), lead, digest, &choices, &mine, &none).is_empty(),
            "a started session is not reminded"
        );
        assert!(due(at(9, 30), Duration::zero(), digest, &choices, &mine, &none).is_empty());
    }

    #[test]
    fn a_digest_lists_the_days_sessions_still_to_start_in_order() {
        let p = Uuid::new_v4();
        let (early, late, past) = (Uuid::new_v4(), Uuid::new_v4(), Uuid::new_v4());
        let choices = HashMap::from([(p, Choice::Digest)]);
        let mine = vec![
            theirs(p, late, at(15, 0)),
            theirs(p, early, at(11, 0)),
            theirs(p, past, at(8, 0)),
        ];
        let digest = |d: NaiveDate| Some(d.and_hms_opt(7, 0, 0).unwrap().and_utc());
        let lead = Duration::minutes(60);
        let none = HashSet::new();
        assert!(due(at(6, 59), lead, digest, &choices, &mine, &none).is_empty());
        let got = due(at(10, 30), lead, digest, &choices, &mine, &none);
        assert_eq!(
            got,
            vec![Due::Digest {
                person: p,
                day: day(),
                sessions: vec![early, late]
            }],
            "no session reminders for a digest reader; started ones left out"
        );
        assert_eq!(got[0].subject(), "digest:2027-06-22");
        let sent = HashSet::from([(p, digest_subject(day()))]);
        assert!(due(at(12, 0), lead, digest, &choices, &mine, &sent).is_empty());
    }

    #[test]
    fn people_who_said_no_or_are_not_approved_get_nothing() {
        let (off, stranger, s) = (Uuid::new_v4(), Uuid::new_v4(), Uuid::new_v4());
        let choices = HashMap::from([(off, Choice::Off)]);
        let mine = vec![theirs(off, s, at(10, 0)), theirs(stranger, s, at(10, 0))];
        let got = due(
            at(9, 30),
            Duration::minutes(60),
            |_| Some(at(0, 0)),
            &choices,
            &mine,
            &HashSet::new(),
        );
        assert!(got.is_empty());
    }

    #[test]
    fn typed_settings_are_checked() {
        assert_eq!(parse_lead(""), Ok(DEFAULT_LEAD_MINUTES));
        assert_eq!(parse_lead(" 15 "), Ok(15));
        assert_eq!(parse_lead("0"), Ok(0));
        assert!(parse_lead("1441").is_err());
        assert!(parse_lead("-5").is_err());
        assert!(parse_lead("soon").is_err());
        assert_eq!(parse_hour("23"), Ok(23));
        assert!(parse_hour("24").is_err());
        assert_eq!(Choice::from_code("digest"), Some(Choice::Digest));
        assert_eq!(Choice::from_code("x"), None);
    }
}
