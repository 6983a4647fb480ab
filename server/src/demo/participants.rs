//! Participants at scale, for the sign-up benchmark and the concurrency
//! tests: people with approved onsite registrations for an edition and a
//! signed-in browser session each (their cookie secrets returned), inserted
//! in bulk; and seat limits on released sessions, their sign-ups cleared.
//! Their accounts have no password: they cannot sign in any other way.

use app::accounts::sessions::{hash_secret, new_secret};
use app::db::{forum, now, programme_session, registration, session, session_signup, user};
use chrono::Duration;
use sea_orm::{entity::prelude::*, sea_query::Expr, ActiveValue::Set, DatabaseConnection};

/// Rows per insert statement (PostgreSQL takes at most 65,535 values).
const CHUNK: usize = 500;

/// A seeded participant: their email, their registration's id and the
/// `plenum_session` cookie value.
#[derive(Clone, Debug)]
pub struct Participant {
    pub email: String,
    pub registration: Uuid,
    pub cookie: String,
}

/// A participant's country, stakeholder group and gender, varied by number
/// (the same for the same number) so that figures have something to count.
fn facts(n: usize) -> (Option<String>, Option<String>, Option<String>) {
    const COUNTRIES: [&str; 12] = [
        "KE", "FR", "BR", "IN", "US", "NG", "DE", "CN", "ZA", "JP", "EG", "PL",
    ];
    const GROUPS: [&str; 5] = [
        "civil-society",
        "government",
        "private-sector",
        "technical-community",
        "intergovernmental",
    ];
    const GENDERS: [&str; 4] = ["female", "male", "female", "male"];
    let country = (n % 13 != 12).then(|| COUNTRIES[n % 13 % 12].to_string());
    let group = (n % 11 != 10).then(|| GROUPS[n % 5].to_string());
    let gender = match n % 97 {
        0 => Some("other".to_string()),
        1 => None,
        _ => Some(GENDERS[n % 4].to_string()),
    };
    (country, group, gender)
}

async fn edition(db: &DatabaseConnection, code: &str) -> Result<forum::Model, String> {
    forum::Entity::find()
        .filter(forum::Column::Code.eq(code))
        .one(db)
        .await
        .map_err(|e| e.to_string())?
        .ok_or_else(|| format!("no edition `{code}`"))
}

/// Adds `count` participants (emails `{prefix}{n}@bench.plenum.localhost`)
/// registered onsite in the edition `code` in `state` ("approved",
/// "pending"), each signed in.
pub async fn seed(
    db: &DatabaseConnection,
    code: &str,
    prefix: &str,
    count: usize,
    state: &str,
) -> Result<Vec<Participant>, String> {
    let f = edition(db, code).await?;
    let at = now();
    let mut out = Vec::with_capacity(count);
    let numbers: Vec<usize> = (0..count).collect();
    for chunk in numbers.chunks(CHUNK) {
        let mut users = vec![];
        let mut registrations = vec![];
        let mut sessions = vec![];
        for n in chunk {
            let id = Uuid::new_v4();
            let email = format!("{prefix}{n}@bench.plenum.localhost");
            let name = format!("Participant {prefix}{n}");
            users.push(user::ActiveModel {
                id: Set(id),
                email: Set(email.clone()),
                password_hash: Set("-".into()),
                name: Set(name.clone()),
                email_verified_at: Set(Some(at)),
                is_admin: Set(false),
                organisation: Set(String::new()),
                country: Set(None),
                stakeholder_group: Set(None),
                gender: Set(None),
                first_time: Set(false),
                language: Set(None),
                created_at: Set(at),
                updated_at: Set(at),
            });
            let registration = Uuid::new_v4();
            let (country, group, gender) = facts(*n);
            registrations.push(registration::ActiveModel {
                id: Set(registration),
                forum_id: Set(f.id),
                user_id: Set(id),
                mode: Set("onsite".into()),
                requested_mode: Set(None),
                state: Set(state.into()),
                badge_name: Set(name),
                organisation: Set(String::new()),
                country: Set(country),
                stakeholder_group: Set(group),
                gender: Set(gender),
                first_time: Set(n % 3 == 0),
                accessibility: Set(String::new()),
                interpretation_language: Set(None),
                listed: Set(false),
                privacy_accepted_at: Set(at),
                answers: Set("{}".into()),
                badge_code: Set(app::registration::service::new_badge_code()),
                queued_at: Set(None),
                checked_in_at: Set(None),
                checked_in_by: Set(None),
                decided_at: Set((state == "approved").then_some(at)),
                decided_by: Set(None),
                reason: Set(String::new()),
                reminders: Set("each".into()),
                created_at: Set(at),
                updated_at: Set(at),
            });
            let cookie = new_secret();
            sessions.push(session::ActiveModel {
                id: Set(hash_secret(&cookie)),
                user_id: Set(id),
                created_at: Set(at),
                last_seen_at: Set(at),
                expires_at: Set(at + Duration::hours(12)),
            });
            out.push(Participant {
                email,
                registration,
                cookie,
            });
        }
        let e = |e: DbErr| e.to_string();
        user::Entity::insert_many(users).exec(db).await.map_err(e)?;
        registration::Entity::insert_many(registrations)
            .exec(db)
            .await
            .map_err(e)?;
        session::Entity::insert_many(sessions)
            .exec(db)
            .await
            .map_err(e)?;
    }
    Ok(out)
}

/// Gives the sessions `ids` of edition `code` a seat limit of `seats` and
/// clears their sign-ups.
pub async fn limit_seats(
    db: &DatabaseConnection,
    code: &str,
    ids: &[Uuid],
    seats: i32,
) -> Result<(), String> {
    let f = edition(db, code).await?;
    let e = |e: DbErr| e.to_string();
    session_signup::Entity::delete_many()
        .filter(session_signup::Column::SessionId.is_in(ids.to_vec()))
        .exec(db)
        .await
        .map_err(e)?;
    programme_session::Entity::update_many()
        .col_expr(programme_session::Column::SeatLimit, Expr::value(seats))
        .col_expr(programme_session::Column::SeatsTaken, Expr::value(0))
        .filter(programme_session::Column::ForumId.eq(f.id))
        .filter(programme_session::Column::Id.is_in(ids.to_vec()))
        .exec(db)
        .await
        .map_err(e)?;
    Ok(())
}

/// The first `n` sessions of the edition's latest release: (id, page key).
pub async fn released_sessions(
    db: &DatabaseConnection,
    code: &str,
    n: usize,
) -> Result<Vec<(Uuid, String)>, String> {
    use app::db::programme_release;
    use sea_orm::QueryOrder;
    if n == 0 {
        return Ok(vec![]);
    }
    let f = edition(db, code).await?;
    let release = programme_release::Entity::find()
        .filter(programme_release::Column::ForumId.eq(f.id))
        .order_by_desc(programme_release::Column::Number)
        .one(db)
        .await
        .map_err(|e| e.to_string())?
        .ok_or_else(|| format!("`{code}` has no release"))?;
    let snapshot: app::programme::changes::Snapshot =
        serde_json::from_str(&release.snapshot).map_err(|e| e.to_string())?;
    Ok(snapshot
        .sessions
        .iter()
        .take(n)
        .map(|s| (s.id, s.key()))
        .collect())
}
