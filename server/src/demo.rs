//! `plenum demo`: a demo forum edition (`demo`) with an organiser, a reviewer and
//! a participant, created once and left alone on later runs. Later parts of the
//! platform add proposals, the programme and registrations at the chosen size.

use crate::config::DemoSize;
use app::db::{forum, forum_role, now, user};
use sea_orm::{
    entity::prelude::*, ActiveValue::Set, DatabaseConnection, QueryFilter, TransactionTrait,
};

pub const DEMO_CODE: &str = "demo";

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

/// Seeds the demo; returns whether anything was created.
pub async fn seed(
    db: &DatabaseConnection,
    _size: DemoSize,
    password: &str,
) -> Result<bool, String> {
    let txn = db.begin().await.map_err(|e| e.to_string())?;
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
    forum::ActiveModel {
        id: Set(forum_id),
        code: Set(DEMO_CODE.into()),
        name: Set("Demo Forum 2027".into()),
        created_at: Set(at),
    }
    .insert(&txn)
    .await
    .map_err(|e| e.to_string())?;
    let hash = app::accounts::service::hash_password(password.to_string())
        .await
        .map_err(|e| format!("{e:?}"))?;
    for (email, name, role) in PEOPLE {
        let existing = user::Entity::find()
            .filter(user::Column::Email.eq(email))
            .one(&txn)
            .await
            .map_err(|e| e.to_string())?;
        let user_id = match existing {
            Some(u) => u.id,
            None => {
                let id = Uuid::new_v4();
                user::ActiveModel {
                    id: Set(id),
                    email: Set(email.into()),
                    password_hash: Set(hash.clone()),
                    name: Set(name.into()),
                    email_verified_at: Set(Some(at)),
                    is_admin: Set(false),
                    organisation: Set("Plenum demo".into()),
                    country: Set(Some("CH".into())),
                    stakeholder_group: Set(Some("civil-society".into())),
                    gender: Set(None),
                    first_time: Set(false),
                    language: Set(None),
                    created_at: Set(at),
                    updated_at: Set(at),
                }
                .insert(&txn)
                .await
                .map_err(|e| e.to_string())?;
                id
            }
        };
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
    txn.commit().await.map_err(|e| e.to_string())?;
    Ok(true)
}
