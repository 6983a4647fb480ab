//! The demo's programme: a venue (rooms with their features, Day 0 and four
//! days of five 90-minute slots around lunch, Day 1 09:00 blocked for the
//! opening ceremony), sessions the organisers made with their people
//! (some people in several sessions), placed by the automatic scheduler and
//! published as release 1. The proposals' decisions stay pending, for the
//! review part of the demo. Deterministic; `--size full` makes the size the
//! programme benchmarks use: 300 sessions in 16 rooms over five days.

use super::proposals::{
    Dice, COUNTRIES, FIRST, GENDERS, GROUPS, LAST, OPENINGS, ORGANISATIONS, TOPICS,
};
use crate::config::DemoSize;
use app::db::{
    forum, forum_role, now, programme_day, programme_session, room, session_person, session_type,
    theme, time_slot,
};
use app::programme::instance::Programme;
use app::programme::release::{publish_in, Publishing};
use app::programme::ACTIVE;
use app::venue::{BREAK_SLOT, SESSION_SLOT};
use sea_orm::{entity::prelude::*, ActiveValue::Set, ConnectionTrait, QueryOrder};

/// (rooms, sessions) of each size.
pub fn size_of(size: DemoSize) -> (usize, usize) {
    match size {
        DemoSize::Bare => (0, 0),
        DemoSize::Small => (8, 60),
        DemoSize::Full => (16, 300),
    }
}

/// Session starts, in minutes after midnight; lunch between the second and third.
const STARTS: [i32; 5] = [9 * 60, 11 * 60, 13 * 60 + 30, 15 * 60 + 15, 17 * 60];
const SLOT_LENGTH: i32 = 90;
const ROLES: [&str; 4] = ["speaker", "speaker", "onsite-moderator", "rapporteur"];

/// The programme edition, its organiser the demo's, and its programme.
pub async fn seed_edition(
    db: &impl ConnectionTrait,
    organiser: Uuid,
    size: DemoSize,
) -> Result<(), String> {
    let (_, session_count) = size_of(size);
    if session_count == 0 {
        return Ok(());
    }
    let at = now();
    let day = |d: u32| chrono::NaiveDate::from_ymd_opt(2027, 5, d);
    let f = forum::ActiveModel {
        id: Set(Uuid::new_v4()),
        code: Set(super::PROGRAMME_CODE.into()),
        name: Set("Demo WSIS Forum 2027".into()),
        created_at: Set(at),
        host_city: Set("Geneva".into()),
        venue: Set("ITU headquarters and CICG".into()),
        time_zone: Set("Europe/Zurich".into()),
        day_zero: Set(day(24)),
        first_day: Set(day(25)),
        last_day: Set(day(28)),
        description: Set(EDITION.into()),
        languages: Set("ar,zh,en,fr,ru,es".into()),
        updated_at: Set(Some(at)),
        max_parallel_same_theme: Set(0),
        max_sessions_per_person_day: Set(0),
    }
    .insert(db)
    .await
    .map_err(|e| e.to_string())?;
    super::seed_structure(db, f.id)
        .await
        .map_err(|e| e.to_string())?;
    forum_role::ActiveModel {
        id: Set(Uuid::new_v4()),
        forum_id: Set(f.id),
        user_id: Set(organiser),
        role: Set("organiser".into()),
        granted_by: Set(None),
        granted_at: Set(at),
    }
    .insert(db)
    .await
    .map_err(|e| e.to_string())?;
    seed(db, &f, organiser, size).await
}

const EDITION: &str = "The **Demo WSIS Forum 2027** shows a programme made in Plenum: \
rooms and time slots, sessions placed by the automatic scheduler without a clash, and the \
first release published.";

async fn seed(
    db: &impl ConnectionTrait,
    f: &forum::Model,
    organiser: Uuid,
    size: DemoSize,
) -> Result<(), String> {
    let (room_count, session_count) = size_of(size);
    let mut dice = Dice(0x5ced_u64 ^ 0x9e37_79b9_7f4a_7c15);
    let rooms = seed_venue(db, f, room_count)
        .await
        .map_err(|e| e.to_string())?;
    seed_sessions(db, f, &rooms, session_count, &mut dice)
        .await
        .map_err(|e| e.to_string())?;
    schedule(db, f).await?;
    publish_in(
        db,
        f.clone(),
        Some(organiser),
        "The first programme.",
        &Publishing {
            base_url: "",
            locale: app::i18n::Locale::En,
            mail: false,
        },
    )
    .await
    .map_err(|e| format!("the demo release: {e:?}"))?;
    Ok(())
}

/// Rooms (the plenary hall first) and the grid; returns the rooms' ids.
async fn seed_venue(
    db: &impl ConnectionTrait,
    f: &forum::Model,
    room_count: usize,
) -> Result<Vec<Uuid>, DbErr> {
    let at = now();
    let mut ids = vec![];
    let rooms = (0..room_count).map(|i| {
        let id = Uuid::new_v4();
        ids.push(id);
        let (name, capacity, features) = match i {
            0 => (
                "Plenary Hall".to_string(),
                1200,
                "interpretation,captioning,remote-kit,step-free",
            ),
            1..=3 => (
                format!("Room {i}"),
                500 - 100 * i as i32,
                "interpretation,captioning,remote-kit,step-free",
            ),
            _ => (
                format!("Workshop Room {}", i - 3),
                [50, 80, 120, 150][i % 4],
                if i % 3 == 0 {
                    "remote-kit,step-free"
                } else {
                    "captioning,remote-kit,step-free"
                },
            ),
        };
        room::ActiveModel {
            id: Set(id),
            forum_id: Set(f.id),
            name: Set(name),
            capacity: Set(capacity),
            layout: Set(if i == 0 { "theatre" } else { "roundtable" }.into()),
            location: Set(format!("Level {}", i / 4)),
            features: Set(features.into()),
            languages: Set(if features.contains("interpretation") {
                "ar,zh,en,fr,ru,es".into()
            } else {
                String::new()
            }),
            closed_days: Set(String::new()),
            online_only: Set(false),
            position: Set(i as i32),
            meeting_url: Set(String::new()),
            meeting_id: Set(String::new()),
            meeting_passcode: Set(String::new()),
            created_at: Set(at),
        }
    });
    room::Entity::insert_many(rooms.collect::<Vec<_>>())
        .exec(db)
        .await?;
    let (Some(first), Some(zero)) = (f.first_day, f.day_zero) else {
        return Ok(ids);
    };
    let mut days = vec![zero];
    let mut d = first;
    while f.last_day.is_some_and(|last| d <= last) {
        days.push(d);
        match d.succ_opt() {
            Some(next) => d = next,
            None => break,
        }
    }
    let mut slots = vec![];
    for day in days {
        let day_id = Uuid::new_v4();
        programme_day::ActiveModel {
            id: Set(day_id),
            forum_id: Set(f.id),
            day: Set(day),
            label: Set(String::new()),
        }
        .insert(db)
        .await?;
        for start in STARTS {
            slots.push(time_slot::ActiveModel {
                id: Set(Uuid::new_v4()),
                forum_id: Set(f.id),
                day_id: Set(day_id),
                start_minute: Set(start),
                length_minutes: Set(SLOT_LENGTH),
                kind: Set(SESSION_SLOT.into()),
                blocked: Set(day == first && start == STARTS[0]),
                label: Set(String::new()),
            });
        }
        slots.push(time_slot::ActiveModel {
            id: Set(Uuid::new_v4()),
            forum_id: Set(f.id),
            day_id: Set(day_id),
            start_minute: Set(12 * 60 + 30),
            length_minutes: Set(60),
            kind: Set(BREAK_SLOT.into()),
            blocked: Set(false),
            label: Set("Lunch".into()),
        });
    }
    time_slot::Entity::insert_many(slots).exec(db).await?;
    Ok(ids)
}

/// The opening ceremony pinned in the hall, then sessions of every type
/// (main and high-level sessions needing interpretation) with 2–4 people
/// from a pool a little larger than the sessions, so some people share.
async fn seed_sessions(
    db: &impl ConnectionTrait,
    f: &forum::Model,
    rooms: &[Uuid],
    count: usize,
    dice: &mut Dice,
) -> Result<(), DbErr> {
    let types = session_type::Entity::find()
        .filter(session_type::Column::ForumId.eq(f.id))
        .order_by_asc(session_type::Column::Position)
        .all(db)
        .await?;
    let themes: Vec<Uuid> = theme::Entity::find()
        .filter(theme::Column::ForumId.eq(f.id))
        .filter(theme::Column::ParentId.is_null())
        .all(db)
        .await?
        .into_iter()
        .map(|t| t.id)
        .collect();
    let opening_slot = time_slot::Entity::find()
        .filter(time_slot::Column::ForumId.eq(f.id))
        .filter(time_slot::Column::Blocked.eq(true))
        .one(db)
        .await?
        .map(|s| s.id);
    let at = now();
    let pool = count * 5 / 4;
    let mut sessions = vec![];
    let mut people = vec![];
    let mut per_type: std::collections::HashMap<Uuid, usize> = Default::default();
    for n in 0..count {
        let id = Uuid::new_v4();
        let opening = n == 0;
        // Main and high-level sessions are the last two types; a few of each.
        let t = if opening || n % 12 == 1 {
            &types[types.len() - 1]
        } else if n % 12 == 2 {
            &types[types.len() - 2]
        } else {
            &types[dice.below(types.len() - 2)]
        };
        let number = per_type.entry(t.id).or_default();
        *number += 1;
        let big = opening || t.position as usize >= types.len() - 2;
        let title = if opening {
            "Opening ceremony".to_string()
        } else {
            format!("{} {}", dice.pick(&OPENINGS), dice.pick(&TOPICS))
        };
        sessions.push(programme_session::ActiveModel {
            id: Set(id),
            forum_id: Set(f.id),
            proposal_id: Set(None),
            code: Set(format!("{}-{}", t.code_prefix, number)),
            title: Set(title.clone()),
            description: Set(format!(
                "A session on {} with speakers from several stakeholder groups and regions.",
                title.to_lowercase()
            )),
            session_type_id: Set(Some(t.id)),
            theme_id: Set(Some(themes[n % themes.len().max(1)])),
            duration_minutes: Set(if big || dice.chance(50) { 90 } else { 60 }),
            required_features: Set(if big {
                "interpretation".into()
            } else {
                String::new()
            }),
            expected_audience: Set(if opening {
                1000
            } else if big {
                150 + dice.below(250) as i32
            } else {
                20 + dice.below(130) as i32
            }),
            online_only: Set(false),
            hybrid: Set(dice.chance(70)),
            status: Set(ACTIVE.into()),
            room_id: Set(opening.then(|| rooms[0])),
            slot_id: Set(if opening { opening_slot } else { None }),
            pinned: Set(opening),
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
        let mut chosen = vec![];
        for (position, role) in ROLES.iter().take(2 + dice.below(3)).enumerate() {
            let who = dice.below(pool);
            if chosen.contains(&who) {
                continue;
            }
            chosen.push(who);
            let region = COUNTRIES[who % COUNTRIES.len()];
            people.push(session_person::ActiveModel {
                id: Set(Uuid::new_v4()),
                session_id: Set(id),
                role: Set((*role).into()),
                position: Set(position as i32),
                name: Set(format!(
                    "{} {}",
                    FIRST[who % FIRST.len()],
                    LAST[(who / FIRST.len() + who) % LAST.len()]
                )),
                email: Set(format!("speaker{who}@demo.plenum.localhost")),
                organisation: Set(ORGANISATIONS[who % ORGANISATIONS.len()].into()),
                country: Set(Some(region[who % region.len()].into())),
                stakeholder_group: Set(Some(GROUPS[who % GROUPS.len()].into())),
                gender: Set(Some(GENDERS[who % GENDERS.len()].into())),
                onsite: Set(!who.is_multiple_of(5)),
                unavailable_days: Set(String::new()),
            });
        }
    }
    for chunk in super::proposals::rows_in_chunks(sessions, 200) {
        programme_session::Entity::insert_many(chunk)
            .exec(db)
            .await?;
    }
    for chunk in super::proposals::rows_in_chunks(people, 200) {
        session_person::Entity::insert_many(chunk).exec(db).await?;
    }
    Ok(())
}

/// Places the sessions with the automatic scheduler (a couple of seconds);
/// any session it cannot place without a clash stays unplaced.
async fn schedule(db: &impl ConnectionTrait, f: &forum::Model) -> Result<(), String> {
    let p = Programme::load(db, f.clone())
        .await
        .map_err(|e| format!("{e:?}"))?;
    let (instance, _) = p.instance();
    let options = solver::Options {
        time_limit_ms: 3_000,
        seed: 7,
        ..Default::default()
    };
    let outcome = solver::solve(&instance, &options, &mut |_| true);
    let mut placements = outcome.assignment.placements.clone();
    for c in solver::check(&instance, &outcome.assignment) {
        if c.hard {
            for s in &c.sessions {
                if let Some(x) = placements.get_mut(*s) {
                    *x = None;
                }
            }
        }
    }
    for (s, place) in p.sessions.iter().zip(placements) {
        let Some(place) = place else { continue };
        let (Some(room), Some(slot)) = (p.rooms.get(place.room), p.slots.get(place.slot)) else {
            continue;
        };
        programme_session::ActiveModel {
            id: Set(s.id),
            room_id: Set(Some(room.id)),
            slot_id: Set(Some(slot.id)),
            ..Default::default()
        }
        .update(db)
        .await
        .map_err(|e| e.to_string())?;
    }
    Ok(())
}
