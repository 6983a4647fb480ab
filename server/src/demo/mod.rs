//! `plenum demo`: a demo forum edition (`demo`) with its themes, session types
//! and formats, an open call, an organiser, a reviewer and a participant, and
//! proposals in every state (400, or 2,000 with `--size full`) with their
//! reviews and pending decisions; and a second edition (`demo-wsis`) whose
//! programme is made — venue, sessions placed by the scheduler, release 1
//! published (60 sessions in 8 rooms, or 300 in 16 with `--size full`).
//! Created once and left alone on later runs. Later parts of the platform
//! add registrations at the chosen size.

pub mod consultation;
pub mod participants;
pub mod programme;
pub mod proposals;
pub mod reviews;

use crate::config::DemoSize;
use app::db::{forum, forum_role, now, session_format, session_type, theme, user};
use sea_orm::{entity::prelude::*, ActiveValue::Set, DatabaseConnection, QueryFilter};

pub const DEMO_CODE: &str = "demo";
/// The demo edition whose programme is scheduled and released.
pub const PROGRAMME_CODE: &str = "demo-wsis";

/// The demo people: (email, name, role in the demo forum).
pub const PEOPLE: [(&str, &str, Option<&str>); 3] = [
    (
        "organiser@demo.plenum.localhost",
        "Demo Organiser",
        Some("organiser"),
    ),
    (
        "reviewer@demo.plenum.localhost",
        "Demo Reviewer",
        Some("reviewer"),
    ),
    (
        "participant@demo.plenum.localhost",
        "Demo Participant",
        None,
    ),
];

const DESCRIPTION: &str = "The **Demo Forum 2027** shows how Plenum runs a forum's year: \
the call for session proposals, review, the programme, registration and remote participation.\n\n\
Sessions are held onsite in Geneva and online.";

/// (theme, colour, sub-themes): IGF-like themes of the demo edition.
const THEMES: [(&str, &str, [&str; 2]); 6] = [
    (
        "Digital governance and cooperation",
        "#1d3557",
        ["Multistakeholder processes", "The future of the IGF"],
    ),
    (
        "Digital economy and inclusion",
        "#2a6f4e",
        ["Meaningful connectivity", "Digital skills"],
    ),
    (
        "Human rights online",
        "#8a1c1c",
        ["Freedom of expression", "Privacy and data protection"],
    ),
    (
        "Innovation and artificial intelligence",
        "#5a3d8a",
        ["AI governance", "Emerging technologies"],
    ),
    (
        "Security and trust",
        "#7a4b00",
        ["Cybersecurity norms", "Child online safety"],
    ),
    (
        "Sustainable digital development",
        "#0b5c73",
        ["Environment and ICT", "Data for the SDGs"],
    ),
];

/// (name, proposal code prefix, durations in minutes).
const SESSION_TYPES: [(&str, &str, &str); 10] = [
    ("Workshop", "WS", "60,90"),
    ("Open forum", "OF", "60"),
    ("Town hall", "TH", "30,60"),
    ("Networking session", "NS", "60"),
    ("Lightning talk", "LT", "20,30"),
    ("Launch or award", "LA", "30"),
    ("Day 0 event", "D0", "60,90,120"),
    ("Dynamic coalition session", "DC", "60,90"),
    ("Main session", "MS", "75"),
    ("High-level policy session", "HL", "90"),
];

const FORMATS: [(&str, bool); 6] = [
    ("Panel", false),
    ("Roundtable", false),
    ("Debate", false),
    ("Birds of a feather", false),
    ("Break-out group discussion", false),
    ("Other", true),
];

pub(super) async fn seed_structure(
    db: &impl sea_orm::ConnectionTrait,
    forum_id: Uuid,
) -> Result<(), sea_orm::DbErr> {
    for (i, (name, colour, subs)) in THEMES.into_iter().enumerate() {
        let id = Uuid::new_v4();
        theme::ActiveModel {
            id: Set(id),
            forum_id: Set(forum_id),
            parent_id: Set(None),
            name: Set(name.into()),
            colour: Set(colour.into()),
            position: Set(i as i32),
        }
        .insert(db)
        .await?;
        for (j, sub) in subs.into_iter().enumerate() {
            theme::ActiveModel {
                id: Set(Uuid::new_v4()),
                forum_id: Set(forum_id),
                parent_id: Set(Some(id)),
                name: Set(sub.into()),
                colour: Set(String::new()),
                position: Set(j as i32),
            }
            .insert(db)
            .await?;
        }
    }
    for (i, (name, prefix, durations)) in SESSION_TYPES.into_iter().enumerate() {
        session_type::ActiveModel {
            id: Set(Uuid::new_v4()),
            forum_id: Set(forum_id),
            name: Set(name.into()),
            code_prefix: Set(prefix.into()),
            durations: Set(durations.into()),
            position: Set(i as i32),
        }
        .insert(db)
        .await?;
    }
    for (i, (name, needs_description)) in FORMATS.into_iter().enumerate() {
        session_format::ActiveModel {
            id: Set(Uuid::new_v4()),
            forum_id: Set(forum_id),
            name: Set(name.into()),
            needs_description: Set(needs_description),
            position: Set(i as i32),
        }
        .insert(db)
        .await?;
    }
    Ok(())
}

/// An open call for the first five session types, with the IGF's usual rules:
/// opened a week before the seeding, closing at 23:59 UTC a month after it.
async fn seed_call(
    db: &impl sea_orm::ConnectionTrait,
    forum_id: Uuid,
) -> Result<(), sea_orm::DbErr> {
    use app::db::{call, call_session_type};
    use app::proposals::rules::CallRules;
    use sea_orm::QueryOrder;
    let at = now();
    let closes = (at + chrono::Duration::days(30))
        .date_naive()
        .and_hms_opt(23, 59, 0)
        .unwrap_or_default()
        .and_utc();
    let id = Uuid::new_v4();
    call::ActiveModel {
        id: Set(id),
        forum_id: Set(forum_id),
        title: Set("Call for session proposals".into()),
        introduction: Set(
            "Propose a session for the **Demo Forum 2027**. Read the rules below before you start."
                .into(),
        ),
        opens_at: Set(at - chrono::Duration::days(7)),
        closes_at: Set(closes),
        rules: Set(CallRules::igf_defaults().to_json()),
        publish_received: Set(true),
        reviews_per_proposal: Set(3),
        max_reviews_per_reviewer: Set(None),
        blind_review: Set(true),
        created_at: Set(at),
        updated_at: Set(at),
        ..Default::default()
    }
    .insert(db)
    .await?;
    let types = session_type::Entity::find()
        .filter(session_type::Column::ForumId.eq(forum_id))
        .order_by_asc(session_type::Column::Position)
        .all(db)
        .await?;
    for t in types.into_iter().take(5) {
        call_session_type::ActiveModel {
            call_id: Set(id),
            session_type_id: Set(t.id),
        }
        .insert(db)
        .await?;
    }
    Ok(())
}

/// Seeds the demo's call edition (`demo`) only; returns whether anything
/// was created.
pub async fn seed(db: &DatabaseConnection, size: DemoSize, password: &str) -> Result<bool, String> {
    seed_editions(db, size, password, false).await
}

/// Seeds the whole demo, `plenum demo`: the call edition and the edition
/// with a scheduled, released programme (`demo-wsis`).
pub async fn seed_all(
    db: &DatabaseConnection,
    size: DemoSize,
    password: &str,
) -> Result<bool, String> {
    seed_editions(db, size, password, true).await
}

async fn seed_editions(
    db: &DatabaseConnection,
    size: DemoSize,
    password: &str,
    with_programme: bool,
) -> Result<bool, String> {
    let txn = app::db::begin_write(db).await.map_err(|e| e.to_string())?;
    if forum::Entity::find()
        .filter(forum::Column::Code.eq(DEMO_CODE))
        .one(&txn)
        .await
        .map_err(|e| e.to_string())?
        .is_some()
    {
        return Ok(false);
    }
    let at = now();
    let forum_id = Uuid::new_v4();
    let day = |d: u32| chrono::NaiveDate::from_ymd_opt(2027, 6, d);
    forum::ActiveModel {
        id: Set(forum_id),
        code: Set(DEMO_CODE.into()),
        name: Set("Demo Forum 2027".into()),
        created_at: Set(at),
        host_city: Set("Geneva".into()),
        venue: Set("Centre International de Conférences Genève".into()),
        time_zone: Set("Europe/Zurich".into()),
        day_zero: Set(day(21)),
        first_day: Set(day(22)),
        last_day: Set(day(25)),
        description: Set(DESCRIPTION.into()),
        languages: Set("ar,zh,en,fr,ru,es".into()),
        updated_at: Set(Some(at)),
        max_parallel_same_theme: Set(0),
        max_sessions_per_person_day: Set(0),
    }
    .insert(&txn)
    .await
    .map_err(|e| e.to_string())?;
    seed_structure(&txn, forum_id)
        .await
        .map_err(|e| e.to_string())?;
    seed_call(&txn, forum_id).await.map_err(|e| e.to_string())?;
    let hash = app::accounts::service::hash_password(password.to_string())
        .await
        .map_err(|e| format!("{e:?}"))?;
    let (mut organiser, mut reviewer) = (None, None);
    for (email, name, role) in PEOPLE {
        let existing = user::Entity::find()
            .filter(user::Column::Email.eq(email))
            .one(&txn)
            .await
            .map_err(|e| e.to_string())?;
        let user_id = match existing {
            Some(u) => u.id,
            None => {
                let mut account = app::accounts::service::new_account(email, name, hash.clone());
                account.email_verified_at = Set(Some(at));
                account.organisation = Set("Plenum demo".into());
                account.country = Set(Some("CH".into()));
                account.stakeholder_group = Set(Some("civil-society".into()));
                account.insert(&txn).await.map_err(|e| e.to_string())?.id
            }
        };
        match role {
            Some("organiser") => organiser = Some(user_id),
            Some("reviewer") => reviewer = Some(user_id),
            _ => {}
        }
        if let Some(role) = role {
            forum_role::ActiveModel {
                id: Set(Uuid::new_v4()),
                forum_id: Set(forum_id),
                user_id: Set(user_id),
                role: Set(role.into()),
                granted_by: Set(None),
                granted_at: Set(at),
            }
            .insert(&txn)
            .await
            .map_err(|e| e.to_string())?;
        }
    }
    let organiser = organiser.ok_or("the demo organiser is missing")?;
    proposals::seed(&txn, forum_id, organiser, &hash, proposals::count_for(size))
        .await
        .map_err(|e| e.to_string())?;
    if proposals::count_for(size) > 0 {
        let reviewer = reviewer.ok_or("the demo reviewer is missing")?;
        reviews::seed(&txn, forum_id, reviewer, &hash)
            .await
            .map_err(|e| e.to_string())?;
    }
    consultation::seed(&txn, forum_id, size)
        .await
        .map_err(|e| e.to_string())?;
    if with_programme {
        programme::seed_edition(&txn, organiser, size).await?;
    }
    txn.commit().await.map_err(|e| e.to_string())?;
    Ok(true)
}
