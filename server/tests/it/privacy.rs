//! Privacy: a participant downloads everything Plenum holds about them (their
//! own data only, never a secret, in the same statements however much there
//! is) and deletes their account — only with their password and a ticked
//! confirmation, never the last administrator — after which they cannot sign
//! in, their sessions are gone, and their registrations name nobody yet count
//! as before.

use crate::on_both;
use crate::registration::{location, person, register, row_of, setup, PASSWORD};
use crate::schedule::{new_session, seeded, session};
use crate::support::{statements_for, Backend, Browser, TestApp};
use app::db::{
    agenda_star, audit_event, certificate, floor_request, join_link, now, programme_session,
    registration, remote_hub, remote_hub_coordinator, session as browser_session, session_signup,
    user,
};
use app::i18n::{translate, Locale};
use sea_orm::{entity::prelude::*, ActiveValue::Set, PaginatorTrait, QueryFilter};
use std::collections::BTreeMap;

const DOWNLOAD: &str = "/account/data.json";
const DELETE_PAGE: &str = "/account/delete";
const DELETE: &str = "/api/account/delete";
const TOKEN: &str = "join-token-never-exported-1234567890";
const MEETING: &str = "https://meet.example.org/never-exported-room";
const CERTIFICATE: &str = "CERT-PRIVACY-0001";

fn en(key: &str) -> String {
    translate(Locale::En, key)
}

/// The demo edition open for registration; Amina registered online (with a
/// sign-up, a star, a used join link, a waiting floor request and a
/// certificate), Bo onsite.
async fn world(backend: Backend) -> (TestApp, Browser, Browser) {
    let (app, organiser, _) = seeded(backend).await;
    assert_eq!(
        setup(&organiser, "10", "We keep little.").await.status(),
        303
    );
    let amina = person(&app, "Amina Private", "amina@example.org").await;
    assert_eq!(register(&amina, "online", true).await.status(), 303);
    let bo = person(&app, "Bo Other", "bo@example.org").await;
    assert_eq!(register(&bo, "onsite", true).await.status(), 303);

    new_session(&organiser, "Privacy by design", "", &[]).await;
    let s = session(&app, "Privacy by design").await;
    let mut a: programme_session::ActiveModel = s.clone().into();
    a.meeting_url = Set(MEETING.into());
    a.update(&app.db).await.unwrap();
    let me = row_of(&app, "amina@example.org").await.user_id;
    let at = now();
    session_signup::ActiveModel {
        id: Set(Uuid::new_v4()),
        forum_id: Set(s.forum_id),
        session_id: Set(s.id),
        user_id: Set(me),
        mode: Set("online".into()),
        state: Set("signed-up".into()),
        queued_at: Set(at),
        created_at: Set(at),
        updated_at: Set(at),
    }
    .insert(&app.db)
    .await
    .unwrap();
    agenda_star::ActiveModel {
        id: Set(Uuid::new_v4()),
        user_id: Set(me),
        forum_id: Set(s.forum_id),
        session_id: Set(s.id),
        created_at: Set(at),
    }
    .insert(&app.db)
    .await
    .unwrap();
    join_link::ActiveModel {
        id: Set(Uuid::new_v4()),
        forum_id: Set(s.forum_id),
        session_id: Set(s.id),
        user_id: Set(me),
        token: Set(TOKEN.into()),
        created_at: Set(at),
        revoked_at: Set(None),
        first_used_at: Set(Some(at)),
        last_used_at: Set(Some(at)),
        uses: Set(3),
    }
    .insert(&app.db)
    .await
    .unwrap();
    floor_request::ActiveModel {
        id: Set(Uuid::new_v4()),
        forum_id: Set(s.forum_id),
        session_id: Set(s.id),
        user_id: Set(me),
        mode: Set("online".into()),
        state: Set("waiting".into()),
        topic: Set("On encryption in the south".into()),
        asked_at: Set(at),
        given_at: Set(None),
        done_at: Set(None),
        decided_by: Set(None),
    }
    .insert(&app.db)
    .await
    .unwrap();
    certificate::ActiveModel {
        id: Set(Uuid::new_v4()),
        forum_id: Set(s.forum_id),
        user_id: Set(me),
        code: Set(CERTIFICATE.into()),
        badge_name: Set("Badge Name Typed".into()),
        onsite: Set(false),
        online: Set(true),
        online_sessions: Set(1),
        onsite_sessions: Set(0),
        issued_at: Set(at),
        updated_at: Set(at),
        revoked_at: Set(None),
        revoked_by: Set(None),
    }
    .insert(&app.db)
    .await
    .unwrap();
    // A hub Bo registered, with Amina among its coordinators.
    let hub = remote_hub::ActiveModel {
        id: Set(Uuid::new_v4()),
        forum_id: Set(s.forum_id),
        user_id: Set(row_of(&app, "bo@example.org").await.user_id),
        country: Set("SN".into()),
        city: Set("Dakar".into()),
        institution: Set("Université Cheikh Anta Diop".into()),
        expected_participants: Set(40),
        description: Set(String::new()),
        address: Set(String::new()),
        website: Set(String::new()),
        state: Set("pending".into()),
        reason: Set(String::new()),
        decided_at: Set(None),
        decided_by: Set(None),
        created_at: Set(at),
        updated_at: Set(at),
    }
    .insert(&app.db)
    .await
    .unwrap();
    for (position, (name, email)) in [
        ("Bo Other", "bo@example.org"),
        ("Amina", "Amina@Example.org"),
    ]
    .into_iter()
    .enumerate()
    {
        remote_hub_coordinator::ActiveModel {
            id: Set(Uuid::new_v4()),
            hub_id: Set(hub.id),
            position: Set(position as i32),
            name: Set(name.into()),
            email: Set(email.into()),
        }
        .insert(&app.db)
        .await
        .unwrap();
    }
    (app, amina, bo)
}

async fn user_of(app: &TestApp, id: Uuid) -> user::Model {
    user::Entity::find_by_id(id)
        .one(&app.db)
        .await
        .unwrap()
        .unwrap()
}

/// Registrations counted by state, mode, country, stakeholder group, gender,
/// first participation and interpretation language.
async fn figures(app: &TestApp) -> BTreeMap<String, usize> {
    let mut counts = BTreeMap::new();
    for r in registration::Entity::find().all(&app.db).await.unwrap() {
        for key in [
            format!("state:{}", r.state),
            format!("mode:{}", r.mode),
            format!("country:{:?}", r.country),
            format!("group:{:?}", r.stakeholder_group),
            format!("gender:{:?}", r.gender),
            format!("first:{}", r.first_time),
            format!("interpretation:{:?}", r.interpretation_language),
        ] {
            *counts.entry(key).or_insert(0) += 1;
        }
    }
    counts
}

async fn delete(b: &Browser, password: &str, confirm: bool) -> reqwest::Response {
    let mut fields = vec![("current_password", password)];
    if confirm {
        fields.push(("confirm", "on"));
    }
    b.submit(DELETE_PAGE, DELETE, &fields).await
}

async fn the_download_holds_the_persons_data_and_nothing_else(backend: Backend) {
    let (app, amina, bo) = world(backend).await;
    let bo_badge = row_of(&app, "bo@example.org").await.badge_code;
    let amina_row = row_of(&app, "amina@example.org").await;

    // Signed out: refused.
    let res = app.browser().get(DOWNLOAD).await;
    assert_eq!(res.status(), 401);

    let res = amina.get(DOWNLOAD).await;
    assert_eq!(res.status(), 200);
    let disposition = res.headers()["content-disposition"].to_str().unwrap();
    assert_eq!(disposition, "attachment; filename=\"plenum-my-data.json\"");
    assert!(res.headers()["content-type"]
        .to_str()
        .unwrap()
        .starts_with("application/json"));
    let text = res.text().await.unwrap();
    let data: serde_json::Value = serde_json::from_str(&text).expect("JSON");

    assert_eq!(data["profile"]["email"], "amina@example.org");
    assert_eq!(data["profile"]["name"], "Amina Private");
    assert!(data["profile"].get("password_hash").is_none());
    let regs = data["registrations"].as_array().unwrap();
    assert_eq!(regs.len(), 1);
    assert_eq!(regs[0]["forum"], "demo");
    assert_eq!(regs[0]["mode"], "online");
    assert_eq!(regs[0]["state"], amina_row.state.as_str());
    assert_eq!(regs[0]["badge_name"], "Badge Name Typed");
    assert_eq!(regs[0]["organisation"], "Digital Rights Network");
    assert_eq!(regs[0]["country"], "KE");
    assert_eq!(regs[0]["accessibility"], "Step-free access");
    assert_eq!(regs[0]["badge_code"], amina_row.badge_code.as_str());
    assert!(
        regs[0]["answers"].is_object(),
        "answers parsed: {}",
        regs[0]
    );
    assert_eq!(
        data["session_signups"][0]["session"]["title"],
        "Privacy by design"
    );
    assert_eq!(data["agenda_stars"][0]["session"]["forum"], "demo");
    assert_eq!(data["join_links"][0]["uses"], 3);
    assert!(data["join_links"][0]["first_used_at"].is_string());
    assert_eq!(
        data["floor_requests"][0]["topic"],
        "On encryption in the south"
    );
    assert_eq!(data["certificates"][0]["code"], CERTIFICATE);
    let hubs = data["hubs"].as_array().unwrap();
    assert_eq!(hubs.len(), 1);
    assert_eq!(hubs[0]["city"], "Dakar");
    assert_eq!(hubs[0]["coordinator"], true);
    assert_eq!(hubs[0]["registered_by_me"], false);
    for part in ["proposals", "forum_roles"] {
        assert!(data[part].is_array(), "{part}");
    }

    // No secret, and nobody else.
    for absent in [
        TOKEN,
        MEETING,
        "password_hash",
        "$argon2",
        "bo@example.org",
        "Bo Other",
        bo_badge.as_str(),
    ] {
        assert!(!text.contains(absent), "{absent} in the download");
    }

    // Bo's own download is Bo's.
    let (status, bo_text) = bo.get_text(DOWNLOAD).await;
    assert_eq!(status, 200);
    assert!(bo_text.contains("bo@example.org") && !bo_text.contains("amina@example.org"));
    assert!(!bo_text.contains(CERTIFICATE));
    let bo_data: serde_json::Value = serde_json::from_str(&bo_text).unwrap();
    assert_eq!(bo_data["hubs"][0]["registered_by_me"], true);

    // The same statements however much there is to download.
    let carl = person(&app, "Carl Nothing", "carl@example.org").await;
    let for_amina = statements_for(&app, &amina, DOWNLOAD).await;
    let for_carl = statements_for(&app, &carl, DOWNLOAD).await;
    assert_eq!(
        for_amina, for_carl,
        "one statement a table, whatever the rows"
    );
    assert!(for_amina <= 22, "{for_amina} statements");
}

async fn deleting_needs_the_password_and_the_confirmation(backend: Backend) {
    let (app, amina, _) = world(backend).await;
    let before = row_of(&app, "amina@example.org").await;
    let person_before = user_of(&app, before.user_id).await;

    let (status, page) = amina.get_text(DELETE_PAGE).await;
    assert_eq!(status, 200);
    assert!(page.contains(&en("privacy.delete.title")));
    let (status, _) = app.browser().get_text(DELETE_PAGE).await;
    assert_eq!(status, 401);
    let (_, profile) = amina.get_text("/account/profile").await;
    assert!(profile.contains(DOWNLOAD) && profile.contains(DELETE_PAGE));

    let res = delete(&amina, "not my password at all", true).await;
    assert_eq!(res.status(), 422);
    let page = res.text().await.unwrap();
    assert!(
        page.contains(&en("accounts.current-password-wrong")),
        "{page}"
    );
    assert!(page.contains(r#"name="confirm""#));

    let res = delete(&amina, PASSWORD, false).await;
    assert_eq!(res.status(), 422);
    assert!(res
        .text()
        .await
        .unwrap()
        .contains(&en("privacy.delete.confirm-required")));

    // Nothing changed.
    assert_eq!(row_of(&app, "amina@example.org").await, before);
    assert_eq!(user_of(&app, before.user_id).await, person_before);
    assert_eq!(amina.whoami().await.as_deref(), Some("amina@example.org"));

    // Signed out: refused.
    let res = app
        .browser()
        .call(DELETE, &[("current_password", PASSWORD), ("confirm", "on")])
        .await;
    assert_eq!(res.status(), 401);
}

async fn a_deleted_account_is_anonymised_and_still_counted(backend: Backend) {
    let (app, amina, bo) = world(backend).await;
    let before = row_of(&app, "amina@example.org").await;
    let bo_before = row_of(&app, "bo@example.org").await;
    let me = before.user_id;
    let counted = figures(&app).await;
    let total = registration::Entity::find().count(&app.db).await.unwrap();
    // A second browser of hers, signed in too.
    let other = app.browser();
    assert_eq!(
        other.sign_in("amina@example.org", PASSWORD).await.status(),
        303
    );

    let res = delete(&amina, PASSWORD, true).await;
    assert_eq!(res.status(), 303);
    assert_eq!(location(&res), "/?notice=account-deleted");
    let (_, home) = amina.get_text("/?notice=account-deleted").await;
    assert!(home.contains(&en("notice.account-deleted")));

    // Signed out everywhere, and for good.
    assert_eq!(amina.whoami().await, None);
    assert_eq!(other.whoami().await, None);
    assert_eq!(
        browser_session::Entity::find()
            .filter(browser_session::Column::UserId.eq(me))
            .count(&app.db)
            .await
            .unwrap(),
        0
    );
    let again = app.browser();
    assert_ne!(
        again.sign_in("amina@example.org", PASSWORD).await.status(),
        303
    );
    assert_eq!(again.whoami().await, None);
    assert_eq!(amina.get(DOWNLOAD).await.status(), 401);

    // The account names nobody.
    let person = user_of(&app, me).await;
    assert!(app::accounts::privacy::is_deleted_email(&person.email));
    assert!(person.name.is_empty() && person.organisation.is_empty());
    assert!(!person.is_admin && person.country.is_none() && person.gender.is_none());
    assert!(!person.password_hash.starts_with("$argon2"));

    // The registration names nobody either, and counts as before.
    let after = row_of(&app, &person.email).await;
    assert_eq!(after.id, before.id);
    assert_eq!(
        (after.badge_name.as_str(), after.organisation.as_str()),
        ("", "")
    );
    assert_eq!(after.accessibility, "");
    assert_eq!(after.answers, "{}");
    assert!(!after.listed);
    assert_eq!(after.reminders, "off");
    assert_ne!(after.badge_code, before.badge_code);
    assert_eq!(
        (
            &after.state,
            &after.mode,
            &after.country,
            &after.stakeholder_group
        ),
        (
            &before.state,
            &before.mode,
            &before.country,
            &before.stakeholder_group
        )
    );
    assert_eq!(
        (
            after.first_time,
            &after.interpretation_language,
            &after.gender
        ),
        (
            before.first_time,
            &before.interpretation_language,
            &before.gender
        )
    );
    assert_eq!(figures(&app).await, counted);
    assert_eq!(
        registration::Entity::find().count(&app.db).await.unwrap(),
        total
    );
    // Bo's untouched.
    assert_eq!(row_of(&app, "bo@example.org").await, bo_before);
    assert_eq!(bo.whoami().await.as_deref(), Some("bo@example.org"));

    // Links revoked, stars gone, the floor request withdrawn, the
    // certificate revoked without its name; the sign-up kept.
    let links = join_link::Entity::find()
        .filter(join_link::Column::UserId.eq(me))
        .all(&app.db)
        .await
        .unwrap();
    assert!(links.len() == 1 && links[0].revoked_at.is_some());
    assert_eq!(
        agenda_star::Entity::find()
            .filter(agenda_star::Column::UserId.eq(me))
            .count(&app.db)
            .await
            .unwrap(),
        0
    );
    let floor = floor_request::Entity::find()
        .filter(floor_request::Column::UserId.eq(me))
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        (floor.state.as_str(), floor.topic.as_str()),
        ("withdrawn", "")
    );
    let cert = certificate::Entity::find()
        .filter(certificate::Column::UserId.eq(me))
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    assert!(cert.revoked_at.is_some() && cert.badge_name.is_empty());
    assert_eq!(
        session_signup::Entity::find()
            .filter(session_signup::Column::UserId.eq(me))
            .count(&app.db)
            .await
            .unwrap(),
        1
    );

    // Recorded, without her address; earlier entries no longer carry it.
    let deleted = audit_event::Entity::find()
        .filter(audit_event::Column::Action.eq("account.deleted"))
        .all(&app.db)
        .await
        .unwrap();
    assert_eq!(deleted.len(), 1);
    assert_eq!(deleted[0].actor_id, Some(me));
    assert_eq!(
        audit_event::Entity::find()
            .filter(audit_event::Column::Subject.eq("amina@example.org"))
            // (but the refused sign-in just now, which gave it)
            .filter(audit_event::Column::Action.ne("sign-in.failed"))
            .count(&app.db)
            .await
            .unwrap(),
        0
    );
}

async fn the_last_administrator_cannot_leave(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    app.create_admin("admin@test.localhost", PASSWORD).await;
    let admin = app.browser();
    assert_eq!(
        admin
            .sign_in("admin@test.localhost", PASSWORD)
            .await
            .status(),
        303
    );

    let res = delete(&admin, PASSWORD, true).await;
    assert_eq!(res.status(), 422);
    assert!(res
        .text()
        .await
        .unwrap()
        .contains(&en("privacy.delete.last-admin")));
    let still = user::Entity::find()
        .filter(user::Column::Email.eq("admin@test.localhost"))
        .one(&app.db)
        .await
        .unwrap()
        .expect("still there");
    assert!(still.is_admin);
    assert_eq!(
        admin.whoami().await.as_deref(),
        Some("admin@test.localhost")
    );

    // With another administrator, they may.
    app.create_admin("second@test.localhost", PASSWORD).await;
    let res = delete(&admin, PASSWORD, true).await;
    assert_eq!(res.status(), 303);
    assert_eq!(admin.whoami().await, None);
    assert_eq!(
        user::Entity::find()
            .filter(user::Column::IsAdmin.eq(true))
            .count(&app.db)
            .await
            .unwrap(),
        1
    );
}

on_both!(
    the_download_holds_the_persons_data_and_nothing_else,
    deleting_needs_the_password_and_the_confirmation,
    a_deleted_account_is_anonymised_and_still_counted,
    the_last_administrator_cannot_leave,
);
