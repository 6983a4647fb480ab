//! Sends the reminders that are due (server only): called every minute by
//! the server's reminder worker, and by `plenum remind` for a given
//! instant. Each reminder is remembered in `reminders_sent` and queued in
//! the outbox in one transaction, so it leaves once however many workers
//! run. A tick costs a constant number of statements per edition with a
//! release, and more only per reminder sent.

use super::{digest_subject, due, session_subject, Choice, Due, Theirs};
use crate::context::AppSettings;
use crate::db::{
    agenda_star, begin_write, forum, registration, registration_setup, reminder_sent,
    session_signup, user,
};
use crate::error::AppError;
use crate::i18n::{translate_with, Locale};
use crate::notifications::outbox::{enqueue, message_id_host};
use crate::notifications::templates::{render, Template};
use crate::participation::remote::{followed_remotely, links_of};
use crate::participation::service::when_text;
use crate::participation::SignupState;
use crate::programme::changes::ReleasedSession;
use crate::programme::exports::cache::ProgrammeCache;
use crate::programme::exports::Released;
use crate::registration::State;
use chrono::{DateTime, Duration, NaiveDate, TimeZone, Utc};
use sea_orm::{entity::prelude::*, ActiveValue::Set, DatabaseConnection};
use std::collections::{HashMap, HashSet};

/// What one pass sent.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Sent {
    pub sessions: u32,
    pub digests: u32,
}

/// Sends every reminder due at `now`, edition by edition.
pub async fn send_due(
    db: &DatabaseConnection,
    settings: &AppSettings,
    programme: &ProgrammeCache,
    now: DateTime<Utc>,
) -> Result<Sent, AppError> {
    let setups = registration_setup::Entity::find().all(db).await?;
    let forums: HashMap<Uuid, String> = forum::Entity::find()
        .filter(forum::Column::Id.is_in(setups.iter().map(|s| s.forum_id)))
        .all(db)
        .await?
        .into_iter()
        .map(|f| (f.id, f.code))
        .collect();
    let mut sent = Sent::default();
    for setup in setups {
        let Some(code) = forums.get(&setup.forum_id) else {
            continue;
        };
        let Some(r) = programme.released(db, settings, code).await? else {
            continue;
        };
        let done = send_for(db, settings, &r, &setup, now).await?;
        sent.sessions += done.sessions;
        sent.digests += done.digests;
    }
    Ok(sent)
}

/// When the digest of `day` leaves: the digest hour that day, venue time.
fn digest_time(zone: &str, hour: u32, day: NaiveDate) -> Option<DateTime<Utc>> {
    let tz: chrono_tz::Tz = zone.parse().ok()?;
    let local = day.and_hms_opt(hour, 0, 0)?;
    tz.from_local_datetime(&local)
        .earliest()
        .map(|t| t.with_timezone(&Utc))
}

async fn send_for(
    db: &DatabaseConnection,
    settings: &AppSettings,
    r: &Released,
    setup: &registration_setup::Model,
    now: DateTime<Utc>,
) -> Result<Sent, AppError> {
    let forum_id = setup.forum_id;
    let lead = Duration::minutes(Ord::max(setup.reminder_lead_minutes, 0) as i64);
    let hour = Ord::max(setup.digest_hour, 0) as u32;
    let digest_at = |day: NaiveDate| digest_time(&r.time_zone, hour, day);
    // Sessions a reminder could be about now: starting within the lead
    // time, or later on a day whose digest time has come.
    let candidates: HashMap<Uuid, &ReleasedSession> = r
        .snapshot
        .sessions
        .iter()
        .filter(|s| s.at.starts_at > now)
        .filter(|s| {
            s.at.starts_at - lead <= now
                || day_of(s).and_then(digest_at).is_some_and(|at| at <= now)
        })
        .map(|s| (s.id, s))
        .collect();
    if candidates.is_empty() {
        return Ok(Sent::default());
    }
    let ids = || candidates.keys().copied();
    let mut theirs: Vec<Theirs> = vec![];
    let mut push = |person: Uuid, session: Uuid| {
        if let Some(s) = candidates.get(&session) {
            if let Some(day) = day_of(s) {
                theirs.push(Theirs {
                    person,
                    session,
                    starts_at: s.at.starts_at,
                    day,
                });
            }
        }
    };
    for star in agenda_star::Entity::find()
        .filter(agenda_star::Column::ForumId.eq(forum_id))
        .filter(agenda_star::Column::SessionId.is_in(ids()))
        .all(db)
        .await?
    {
        push(star.user_id, star.session_id);
    }
    for signup in session_signup::Entity::find()
        .filter(session_signup::Column::ForumId.eq(forum_id))
        .filter(session_signup::Column::SessionId.is_in(ids()))
        .filter(session_signup::Column::State.eq(SignupState::SignedUp.code()))
        .all(db)
        .await?
    {
        push(signup.user_id, signup.session_id);
    }
    if theirs.is_empty() {
        return Ok(Sent::default());
    }
    let people: HashSet<Uuid> = theirs.iter().map(|t| t.person).collect();
    let choices: HashMap<Uuid, Choice> = registration::Entity::find()
        .filter(registration::Column::ForumId.eq(forum_id))
        .filter(registration::Column::State.eq(State::Approved.code()))
        .filter(registration::Column::Reminders.ne(Choice::Off.code()))
        .filter(registration::Column::UserId.is_in(people.iter().copied()))
        .all(db)
        .await?
        .into_iter()
        .filter_map(|x| Choice::from_code(&x.reminders).map(|c| (x.user_id, c)))
        .collect();
    let days: HashSet<NaiveDate> = theirs.iter().map(|t| t.day).collect();
    let subjects: Vec<String> = ids()
        .map(session_subject)
        .chain(days.into_iter().map(digest_subject))
        .collect();
    let already: HashSet<(Uuid, String)> = reminder_sent::Entity::find()
        .filter(reminder_sent::Column::ForumId.eq(forum_id))
        .filter(reminder_sent::Column::UserId.is_in(choices.keys().copied()))
        .filter(reminder_sent::Column::Subject.is_in(subjects))
        .all(db)
        .await?
        .into_iter()
        .map(|x| (x.user_id, x.subject))
        .collect();
    let to_send = due(now, lead, digest_at, &choices, &theirs, &already);
    if to_send.is_empty() {
        return Ok(Sent::default());
    }
    let recipients: HashMap<Uuid, user::Model> = user::Entity::find()
        .filter(user::Column::Id.is_in(to_send.iter().map(Due::person)))
        .all(db)
        .await?
        .into_iter()
        .map(|u| (u.id, u))
        .collect();
    let listed: Vec<&ReleasedSession> = candidates.values().copied().collect();
    let remote = followed_remotely(db, forum_id, &listed).await?;
    let host = message_id_host(&settings.base_url);
    let agenda = settings.link(&format!("/forums/{}/agenda", r.forum_code));
    let mut sent = Sent::default();
    for d in to_send {
        let Some(person) = recipients.get(&d.person()) else {
            continue;
        };
        let sessions: Vec<&ReleasedSession> = match &d {
            Due::Session { session, .. } => vec![candidates[session]],
            Due::Digest { sessions, .. } => sessions.iter().map(|s| candidates[s]).collect(),
        };
        let txn = begin_write(db).await?;
        // The mark first: a second worker's insert finds it and sends nothing.
        let marked = reminder_sent::Entity::insert(reminder_sent::ActiveModel {
            id: Set(Uuid::new_v4()),
            forum_id: Set(forum_id),
            user_id: Set(person.id),
            subject: Set(d.subject()),
            sent_at: Set(now),
        })
        .on_conflict(
            sea_orm::sea_query::OnConflict::columns([
                reminder_sent::Column::UserId,
                reminder_sent::Column::Subject,
            ])
            .do_nothing()
            .to_owned(),
        )
        .exec(&txn)
        .await;
        match marked {
            Ok(_) => {}
            Err(sea_orm::DbErr::RecordNotInserted) => continue,
            Err(e) => return Err(e.into()),
        }
        let wanted: Vec<(Uuid, Uuid)> = sessions
            .iter()
            .filter(|s| remote.contains(&s.id))
            .map(|s| (person.id, s.id))
            .collect();
        let links = links_of(&txn, forum_id, &wanted).await?;
        let locale = person
            .language
            .as_deref()
            .and_then(Locale::from_code)
            .unwrap_or_default();
        let mut joins = vec![];
        let listed: Vec<String> = sessions
            .iter()
            .map(|s| {
                let mut text = format!(
                    "{} {}\n{}",
                    s.code,
                    s.title,
                    when_text(locale, s, &r.time_zone)
                );
                if let Some(token) = links.get(&(person.id, s.id)) {
                    let join = settings.link(&format!("/join/{token}"));
                    text.push('\n');
                    text.push_str(&translate_with(
                        locale,
                        "reminders.join-line",
                        &[("join", &join)],
                    ));
                    joins.push(join);
                }
                text
            })
            .collect();
        let (kind, heading) = match &d {
            Due::Session { .. } => (
                "reminder-session",
                format!("{} {}", sessions[0].code, sessions[0].title),
            ),
            Due::Digest { .. } => (
                "reminder-digest",
                crate::venue::day_label(locale, &sessions[0].at.day, sessions[0].at.day_number),
            ),
        };
        let mail = render(
            locale,
            &person.name,
            &Template::Reminder {
                kind,
                forum: r.forum_name.clone(),
                heading,
                sessions: listed.join("\n\n"),
                link: agenda.clone(),
                joins,
            },
        );
        enqueue(&txn, &person.email, &person.name, mail, &host).await?;
        txn.commit().await?;
        match d {
            Due::Session { .. } => sent.sessions += 1,
            Due::Digest { .. } => sent.digests += 1,
        }
    }
    Ok(sent)
}

/// A released session's day at the venue.
fn day_of(s: &ReleasedSession) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(&s.at.day, "%Y-%m-%d").ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_digest_leaves_at_the_venues_hour() {
        let day = NaiveDate::from_ymd_opt(2027, 6, 22).unwrap();
        let at = digest_time("Europe/Zurich", 7, day).unwrap();
        assert_eq!(at.to_rfc3339(), "2027-06-22T05:00:00+00:00", "summer time");
        assert!(digest_time("Nowhere/Atlantis", 7, day).is_none());
    }
}
