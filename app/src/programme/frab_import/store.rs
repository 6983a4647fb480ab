//! Storing a checked Frab schedule as a new edition, in one transaction,
//! and publishing it as release 1 without mail.

use crate::admin::audit;
use crate::db::{
    begin_write, forum, now, programme_day, programme_session, room, session_person, session_type,
    theme, time_slot,
};
use crate::error::{AppError, Problems};
use crate::forums::rules;
use crate::i18n::{translate, translate_with, Locale};
use crate::programme::release::{publish_in, Publishing};
use crate::programme::ACTIVE;
use crate::proposals::screening::PersonRole;
use crate::venue::SESSION_SLOT;
use chrono::NaiveDate;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, EntityTrait, QueryFilter, TransactionSession,
    TransactionTrait,
};
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use uuid::Uuid;

use super::read::*;

/// What an import made.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ImportSummary {
    pub code: String,
    pub rooms: usize,
    pub days: usize,
    pub sessions: usize,
    /// Different people.
    pub people: usize,
    pub themes: usize,
    pub session_types: usize,
    /// The release published.
    pub release: i32,
}

impl ImportSummary {
    pub fn message(&self, locale: Locale) -> String {
        translate_with(
            locale,
            "import.done",
            &[
                ("code", &self.code),
                ("rooms", &self.rooms.to_string()),
                ("days", &self.days.to_string()),
                ("sessions", &self.sessions.to_string()),
                ("people", &self.people.to_string()),
                ("themes", &self.themes.to_string()),
                ("types", &self.session_types.to_string()),
                ("release", &self.release.to_string()),
            ],
        )
    }
}

/// A session type's code prefix from its name: the initials ("Town Hall" →
/// "TH"), made unique among `taken`.
pub(super) fn prefix_for(name: &str, taken: &HashSet<String>) -> String {
    let mut base: String = name
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter_map(|w| w.chars().next())
        .map(|c| c.to_ascii_uppercase())
        .take(6)
        .collect();
    if base.is_empty() {
        base = "T".into();
    }
    if !taken.contains(&base) {
        return base;
    }
    (2..)
        .map(|n| format!("{base}{n}"))
        .find(|p| !taken.contains(p))
        .unwrap_or(base)
}

/// The durations a type allows: those of its events, as long as the column holds.
pub(super) fn durations_text(minutes: &BTreeSet<u32>) -> String {
    let mut text = String::new();
    for m in minutes {
        let next = if text.is_empty() {
            m.to_string()
        } else {
            format!("{text},{m}")
        };
        if next.len() > 64 {
            break;
        }
        text = next;
    }
    text
}

/// Rows in statements of at most `per` rows (bound parameters stay under
/// the databases' limits).
pub(super) fn chunks<T>(rows: Vec<T>, per: usize) -> Vec<Vec<T>> {
    let mut out = vec![];
    let mut rows = rows.into_iter().peekable();
    while rows.peek().is_some() {
        out.push(rows.by_ref().take(per).collect());
    }
    out
}

/// Imports a checked schedule as a new edition with the short code `code`
/// (named `name`, else the conference title), and publishes it as release 1
/// without mail. All or nothing: one transaction.
pub async fn import(
    db: &impl TransactionTrait,
    schedule: &FrabSchedule,
    code: &str,
    name: Option<&str>,
    by: Option<Uuid>,
) -> Result<ImportSummary, AppError> {
    let mut p = Problems::new();
    let code = p.check("code", rules::code(code));
    let name = p.check("name", rules::line(name.unwrap_or(&schedule.title), 200));
    let (code, name) = p.finish(code.zip(name))?;
    let (Some(first), Some(last)) = (schedule.days.first(), schedule.days.last()) else {
        return Err(AppError::form("import.no-days"));
    };
    let txn = begin_write(db).await?;
    if forum::Entity::find()
        .filter(forum::Column::Code.eq(&code))
        .one(&txn)
        .await?
        .is_some()
    {
        return Err(AppError::field("code", "forums.code-taken"));
    }
    let at = now();
    let f = forum::ActiveModel {
        id: Set(Uuid::new_v4()),
        code: Set(code.clone()),
        name: Set(name),
        created_at: Set(at),
        host_city: Set(String::new()),
        venue: Set(String::new()),
        time_zone: Set(schedule.time_zone.clone()),
        day_zero: Set(None),
        first_day: Set(Some(*first)),
        last_day: Set(Some(*last)),
        description: Set(String::new()),
        languages: Set(if schedule.languages.is_empty() {
            "en".into()
        } else {
            schedule.languages.join(",")
        }),
        updated_at: Set(Some(at)),
        max_parallel_same_theme: Set(0),
        max_sessions_per_person_day: Set(0),
    }
    .insert(&txn)
    .await?;

    let rooms: HashMap<&str, Uuid> = schedule
        .rooms
        .iter()
        .map(|r| (r.as_str(), Uuid::new_v4()))
        .collect();
    let room_rows: Vec<room::ActiveModel> = schedule
        .rooms
        .iter()
        .enumerate()
        .map(|(i, name)| room::ActiveModel {
            id: Set(rooms[name.as_str()]),
            forum_id: Set(f.id),
            name: Set(name.clone()),
            // Unknown: the organisers set it on the venue page.
            capacity: Set(0),
            layout: Set(String::new()),
            location: Set(String::new()),
            features: Set(String::new()),
            languages: Set(String::new()),
            closed_days: Set(String::new()),
            online_only: Set(false),
            position: Set(i as i32),
            meeting_url: Set(String::new()),
            meeting_id: Set(String::new()),
            meeting_passcode: Set(String::new()),
            created_at: Set(at),
        })
        .collect();
    for chunk in chunks(room_rows, 200) {
        room::Entity::insert_many(chunk).exec(&txn).await?;
    }

    let mut day_ids: HashMap<NaiveDate, Uuid> = HashMap::new();
    for day in &schedule.days {
        let id = Uuid::new_v4();
        day_ids.insert(*day, id);
        programme_day::ActiveModel {
            id: Set(id),
            forum_id: Set(f.id),
            day: Set(*day),
            label: Set(String::new()),
        }
        .insert(&txn)
        .await?;
    }
    // One slot per day and start, as long as the longest event starting then.
    let mut lengths: BTreeMap<(NaiveDate, u32), u32> = BTreeMap::new();
    for e in &schedule.events {
        let l = lengths.entry((e.day, e.start)).or_default();
        *l = (*l).max(e.duration);
    }
    let slots: HashMap<(NaiveDate, u32), Uuid> =
        lengths.keys().map(|k| (*k, Uuid::new_v4())).collect();
    let slot_rows: Vec<time_slot::ActiveModel> = lengths
        .iter()
        .map(|(key, length)| time_slot::ActiveModel {
            id: Set(slots[key]),
            forum_id: Set(f.id),
            day_id: Set(day_ids[&key.0]),
            start_minute: Set(key.1 as i32),
            length_minutes: Set(*length as i32),
            kind: Set(SESSION_SLOT.into()),
            blocked: Set(false),
            label: Set(String::new()),
        })
        .collect();
    for chunk in chunks(slot_rows, 200) {
        time_slot::Entity::insert_many(chunk).exec(&txn).await?;
    }

    let mut themes: HashMap<&str, Uuid> = HashMap::new();
    for (i, t) in schedule.tracks.iter().enumerate() {
        let id = Uuid::new_v4();
        themes.insert(&t.name, id);
        theme::ActiveModel {
            id: Set(id),
            forum_id: Set(f.id),
            parent_id: Set(None),
            name: Set(t.name.clone()),
            colour: Set(t
                .colour
                .clone()
                .unwrap_or_else(|| PALETTE[i % PALETTE.len()].into())),
            position: Set(i as i32),
        }
        .insert(&txn)
        .await?;
    }

    let mut kinds: Vec<(&str, BTreeSet<u32>)> = vec![];
    for e in schedule.events.iter().filter(|e| !e.kind.is_empty()) {
        match kinds.iter_mut().find(|(k, _)| *k == e.kind) {
            Some((_, d)) => {
                d.insert(e.duration);
            }
            None => kinds.push((&e.kind, BTreeSet::from([e.duration]))),
        }
    }
    let mut types: HashMap<&str, Uuid> = HashMap::new();
    let mut prefixes = HashSet::new();
    for (i, (kind, minutes)) in kinds.iter().enumerate() {
        let id = Uuid::new_v4();
        types.insert(kind, id);
        let prefix = prefix_for(kind, &prefixes);
        prefixes.insert(prefix.clone());
        session_type::ActiveModel {
            id: Set(id),
            forum_id: Set(f.id),
            name: Set(kind.to_string()),
            code_prefix: Set(prefix),
            durations: Set(durations_text(minutes)),
            position: Set(i as i32),
        }
        .insert(&txn)
        .await?;
    }

    let mut sessions = vec![];
    let mut people = vec![];
    let mut everyone = HashSet::new();
    for e in &schedule.events {
        let id = Uuid::new_v4();
        sessions.push(programme_session::ActiveModel {
            id: Set(id),
            forum_id: Set(f.id),
            proposal_id: Set(None),
            code: Set(e.code.clone()),
            title: Set(e.title.clone()),
            description: Set(e.text()),
            session_type_id: Set(types.get(e.kind.as_str()).copied()),
            theme_id: Set(themes.get(e.track.as_str()).copied()),
            duration_minutes: Set(e.duration as i32),
            required_features: Set(String::new()),
            expected_audience: Set(0),
            online_only: Set(false),
            hybrid: Set(false),
            status: Set(ACTIVE.into()),
            room_id: Set(rooms.get(e.room.as_str()).copied()),
            slot_id: Set(slots.get(&(e.day, e.start)).copied()),
            pinned: Set(false),
            version: Set(0),
            materials: Set(String::new()),
            seat_limit: Set(None),
            seats_taken: Set(0),
            meeting_url: Set(String::new()),
            meeting_id: Set(String::new()),
            meeting_passcode: Set(String::new()),
            created_at: Set(at),
            updated_at: Set(at),
        });
        for (position, x) in e.persons.iter().enumerate() {
            everyone.insert(x.key.as_str());
            people.push(session_person::ActiveModel {
                id: Set(Uuid::new_v4()),
                session_id: Set(id),
                role: Set(PersonRole::Speaker.code().into()),
                position: Set(position as i32),
                name: Set(x.name.clone()),
                email: Set(x.address()),
                organisation: Set(String::new()),
                country: Set(None),
                stakeholder_group: Set(None),
                gender: Set(None),
                onsite: Set(true),
                unavailable_days: Set(String::new()),
            });
        }
    }
    let session_count = sessions.len();
    for chunk in chunks(sessions, 200) {
        programme_session::Entity::insert_many(chunk)
            .exec(&txn)
            .await?;
    }
    for chunk in chunks(people, 200) {
        session_person::Entity::insert_many(chunk)
            .exec(&txn)
            .await?;
    }
    audit::record(
        &txn,
        by,
        "forum.imported",
        &code,
        &format!("frab: {} events", session_count),
        "",
    )
    .await?;
    let published = publish_in(
        &txn,
        f,
        by,
        &translate(Locale::En, "import.release-note"),
        &Publishing {
            base_url: "",
            locale: Locale::En,
            mail: false,
        },
    )
    .await?;
    txn.commit().await?;
    Ok(ImportSummary {
        code,
        rooms: schedule.rooms.len(),
        days: schedule.days.len(),
        sessions: session_count,
        people: everyone.len(),
        themes: schedule.tracks.len(),
        session_types: kinds.len(),
        release: published.number,
    })
}
