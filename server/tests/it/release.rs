//! Releases of the programme: the public programme shows only what a release
//! published; a release with hard problems is refused; each release records
//! its changelog (added, moved, cancelled) and writes, through the outbox in
//! the same transaction, one mail with a calendar file to each person whose
//! sessions changed, and to nobody else; two organisers publishing at once
//! make one release; the public pages cost the same however many releases.

use crate::on_both;
use crate::schedule::{add_person, move_to, new_session, seeded, session, PASSWORD};
use crate::scheduler::{finished, start};
use crate::support::{statements_for, Backend, Browser, TestApp};
use app::db::{outbox_message, programme_release, release_change};
use app::i18n::{translate, Locale};
use sea_orm::{entity::prelude::*, PaginatorTrait, QueryFilter, QueryOrder};

const RELEASES: &str = "/forums/demo/programme/releases";

pub(crate) async fn publish(b: &Browser, note: &str) -> u16 {
    b.submit(
        RELEASES,
        "/api/programme/publish",
        &[("forum", "demo"), ("note", note)],
    )
    .await
    .status()
    .as_u16()
}

/// The organisers' release page, as data.
async fn plan_of(b: &Browser, forum: &str) -> serde_json::Value {
    let res = b.call("/api/programme/releases", &[("forum", forum)]).await;
    assert_eq!(res.status(), 200);
    res.json().await.unwrap()
}

async fn public(b: &Browser) -> serde_json::Value {
    let res = b
        .call(
            "/api/programme/public",
            &[("forum", "demo"), ("query", "day=all")],
        )
        .await;
    assert_eq!(res.status(), 200);
    res.json().await.unwrap()
}

/// The public programme's sessions as (code, day, start, room).
fn published(p: &serde_json::Value) -> Vec<(String, String, String, String)> {
    let mut out = vec![];
    for d in p["days"].as_array().unwrap() {
        for s in d["sessions"].as_array().unwrap() {
            out.push((
                s["code"].as_str().unwrap().into(),
                d["date"].as_str().unwrap().into(),
                s["start"].as_str().unwrap().into(),
                s["room"].as_str().unwrap().into(),
            ));
        }
    }
    out.sort();
    out
}

async fn release_mails(app: &TestApp) -> Vec<outbox_message::Model> {
    outbox_message::Entity::find()
        .filter(outbox_message::Column::Template.eq("programme-release"))
        .order_by_asc(outbox_message::Column::ToAddr)
        .all(&app.db)
        .await
        .unwrap()
}

async fn changes_of(app: &TestApp, number: i32) -> Vec<(String, String)> {
    let r = programme_release::Entity::find()
        .filter(programme_release::Column::Number.eq(number))
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    release_change::Entity::find()
        .filter(release_change::Column::ReleaseId.eq(r.id))
        .order_by_asc(release_change::Column::Position)
        .all(&app.db)
        .await
        .unwrap()
        .into_iter()
        .map(|c| (c.code, c.kind))
        .collect()
}

async fn new_sessions(b: &Browser, titles: &[&str]) {
    for t in titles {
        new_session(b, t, "", &[]).await;
    }
}

async fn releases_publish_only_the_released_programme_and_tell_only_those_concerned(
    backend: Backend,
) {
    let (app, organiser, v) = seeded(backend).await;
    new_sessions(&organiser, &["Opening", "Data", "Youth", "Steady"]).await;
    let (opening, data, youth, steady) = (
        session(&app, "Opening").await,
        session(&app, "Data").await,
        session(&app, "Youth").await,
        session(&app, "Steady").await,
    );
    add_person(&organiser, &opening, "alice@example.org", None).await;
    add_person(&organiser, &data, "bob@example.org", None).await;
    add_person(&organiser, &data, "carol@example.org", None).await;
    add_person(&organiser, &youth, "dave@example.org", None).await;
    add_person(&organiser, &steady, "eve@example.org", None).await;

    // Nothing released yet: the public programme is empty, whatever the draft.
    assert_eq!(
        move_to(&app, &organiser, "Opening", Some(v.hall), Some(v.slots[0])).await,
        303
    );
    let anonymous = app.browser();
    let p = public(&anonymous).await;
    assert!(p["release"].is_null());
    assert!(published(&p).is_empty());
    let (status, page) = anonymous.get_text("/forums/demo/programme").await;
    assert_eq!(status, 200);
    assert!(page.contains(&translate(Locale::En, "public.not-yet")));

    // A clash among placed sessions holds the release back.
    add_person(&organiser, &data, "ALICE@example.org", None).await;
    assert_eq!(
        move_to(&app, &organiser, "Data", Some(v.small), Some(v.slots[0])).await,
        303
    );
    let plan = plan_of(&organiser, "demo").await;
    assert_eq!(plan["next"], 1);
    assert_eq!(plan["problems"][0]["code"], "person-overlap");
    assert_eq!(publish(&organiser, "").await, 422);
    let (_, page) = organiser.get_text(RELEASES).await;
    assert!(page.contains(&translate(Locale::En, "release.problems-heading")));
    assert_eq!(
        programme_release::Entity::find()
            .count(&app.db)
            .await
            .unwrap(),
        0
    );
    assert!(release_mails(&app).await.is_empty(), "nothing queued");

    // Solved, release 1: Opening, Data, Steady; Youth stays unplaced.
    assert_eq!(
        move_to(&app, &organiser, "Data", Some(v.small), Some(v.slots[1])).await,
        303
    );
    assert_eq!(
        move_to(&app, &organiser, "Steady", Some(v.small), Some(v.slots[2])).await,
        303
    );
    let plan = plan_of(&organiser, "demo").await;
    assert!(plan["problems"].as_array().unwrap().is_empty());
    assert_eq!(plan["unplaced"], 1);
    assert_eq!(plan["to_mail"], 4, "alice, bob, carol, eve");
    let too_long = "x".repeat(2001);
    assert_eq!(publish(&organiser, &too_long).await, 422, "a note too long");
    assert_eq!(publish(&organiser, "First programme").await, 303);
    assert_eq!(
        changes_of(&app, 1).await,
        vec![
            ("S-1".into(), "added".into()),
            ("S-2".into(), "added".into()),
            ("S-4".into(), "added".into())
        ]
    );
    let first_mails = release_mails(&app).await;
    let to: Vec<&str> = first_mails.iter().map(|m| m.to_addr.as_str()).collect();
    assert_eq!(
        to,
        vec![
            "alice@example.org",
            "bob@example.org",
            "carol@example.org",
            "eve@example.org"
        ],
        "one mail per person, alice once for two sessions"
    );
    let alice = app.smtp.wait_for("alice@example.org", "S-1").await;
    assert!(
        alice.text().contains("S-2"),
        "alice's mail lists both sessions"
    );
    let (name, kind, ics) = alice.attachment().expect("a calendar file");
    assert_eq!(
        (name.as_str(), kind.as_str()),
        ("demo-release-1.ics", "text/calendar")
    );
    assert!(ics.starts_with("BEGIN:VCALENDAR\r\n"));
    assert!(ics.contains(&format!("UID:{}@", opening.id)));
    assert!(ics.contains(&format!("UID:{}@", data.id)));
    assert!(
        ics.contains("DTSTART;TZID=Europe/Zurich:20270622T090000\r\n"),
        "09:00 venue time:\n{ics}"
    );
    assert!(ics.contains("BEGIN:VTIMEZONE\r\nTZID:Europe/Zurich\r\n"));
    assert_eq!(ics.matches("STATUS:CONFIRMED").count(), 2);

    let p = public(&anonymous).await;
    assert_eq!(p["release"][0], 1);
    let first = published(&p);
    assert_eq!(
        first,
        vec![
            (
                "S-1".into(),
                "2027-06-22".into(),
                "09:00".into(),
                "Hall".into()
            ),
            (
                "S-2".into(),
                "2027-06-22".into(),
                "11:00".into(),
                "Room B".into()
            ),
            (
                "S-4".into(),
                "2027-06-23".into(),
                "09:00".into(),
                "Room B".into()
            ),
        ]
    );
    let text = serde_json::to_string(&p).unwrap();
    assert!(!text.contains("@example.org"), "no addresses in public");
    let programme_cost = statements_for(&app, &anonymous, "/forums/demo/programme").await;
    let changes_cost = statements_for(&app, &anonymous, "/forums/demo/programme/changes").await;

    // The draft changes; the public programme does not, until release 2.
    assert_eq!(
        move_to(&app, &organiser, "Opening", Some(v.hall), Some(v.slots[2])).await,
        303
    );
    let res = organiser
        .submit(
            "/forums/demo/programme/sessions",
            "/api/programme/session-status",
            &[
                ("forum", "demo"),
                ("id", &data.id.to_string()),
                ("status", "cancel"),
            ],
        )
        .await;
    assert_eq!(res.status(), 303);
    assert_eq!(
        move_to(&app, &organiser, "Youth", Some(v.hall), Some(v.slots[1])).await,
        303
    );
    assert_eq!(published(&public(&anonymous).await), first);

    assert_eq!(publish(&organiser, "").await, 303);
    assert_eq!(
        changes_of(&app, 2).await,
        vec![
            ("S-1".into(), "moved".into()),
            ("S-2".into(), "cancelled".into()),
            ("S-3".into(), "added".into())
        ]
    );
    let second: Vec<outbox_message::Model> = release_mails(&app)
        .await
        .into_iter()
        .filter(|m| !first_mails.iter().any(|f| f.id == m.id))
        .collect();
    let to: Vec<&str> = second.iter().map(|m| m.to_addr.as_str()).collect();
    assert_eq!(
        to,
        vec![
            "alice@example.org",
            "bob@example.org",
            "carol@example.org",
            "dave@example.org"
        ],
        "eve's session did not change: no mail"
    );
    let bob = second
        .iter()
        .find(|m| m.to_addr == "bob@example.org")
        .unwrap();
    assert!(
        bob.body_text.contains("Cancelled: S-2"),
        "{}",
        bob.body_text
    );
    assert!(bob
        .attachment
        .as_deref()
        .unwrap()
        .contains("STATUS:CANCELLED"));
    let alice = second
        .iter()
        .find(|m| m.to_addr == "alice@example.org")
        .unwrap();
    assert!(alice.body_text.contains("Moved: S-1"));
    assert!(alice.body_text.contains("Cancelled: S-2"));
    assert!(alice.attachment.as_deref().unwrap().contains("SEQUENCE:2"));

    let p = public(&anonymous).await;
    assert_eq!(p["release"][0], 2);
    assert_eq!(
        published(&p),
        vec![
            (
                "S-1".into(),
                "2027-06-23".into(),
                "09:00".into(),
                "Hall".into()
            ),
            (
                "S-3".into(),
                "2027-06-22".into(),
                "11:00".into(),
                "Hall".into()
            ),
            (
                "S-4".into(),
                "2027-06-23".into(),
                "09:00".into(),
                "Room B".into()
            ),
        ]
    );
    let (status, page) = anonymous.get_text("/forums/demo/programme/changes").await;
    assert_eq!(status, 200);
    assert!(page.contains("First programme"), "the note is public");
    assert!(
        page.contains("2027-06-22 09:00–10:00 · Hall"),
        "where S-1 was"
    );
    assert!(page.contains(&translate(Locale::En, "release.kind.cancelled")));
    assert_eq!(
        statements_for(&app, &anonymous, "/forums/demo/programme").await,
        programme_cost
    );
    assert_eq!(
        statements_for(&app, &anonymous, "/forums/demo/programme/changes").await,
        changes_cost
    );

    // Nothing changed: nothing to publish.
    assert_eq!(publish(&organiser, "").await, 422);
    assert_eq!(
        programme_release::Entity::find()
            .count(&app.db)
            .await
            .unwrap(),
        2
    );
}

async fn two_organisers_publishing_at_once_make_one_release(backend: Backend) {
    let (app, organiser, v) = seeded(backend).await;
    let second = app.browser();
    second
        .sign_in("organiser@demo.plenum.localhost", PASSWORD)
        .await;
    new_sessions(&organiser, &["One"]).await;
    add_person(
        &organiser,
        &session(&app, "One").await,
        "one@example.org",
        None,
    )
    .await;
    assert_eq!(
        move_to(&app, &organiser, "One", Some(v.hall), Some(v.slots[0])).await,
        303
    );
    let (a, b) = tokio::join!(publish(&organiser, "a"), publish(&second, "b"));
    let mut statuses = [a, b];
    statuses.sort();
    assert_eq!(statuses, [303, 422], "one release, the other refused");
    assert_eq!(
        programme_release::Entity::find()
            .count(&app.db)
            .await
            .unwrap(),
        1
    );
    assert_eq!(release_mails(&app).await.len(), 1, "one mail, not two");
}

/// `plenum demo` includes an edition whose programme is scheduled without a
/// clash and released.
async fn the_demo_has_a_scheduled_released_programme(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    assert!(
        server::demo::seed_all(&app.db, server::config::DemoSize::Small, PASSWORD)
            .await
            .unwrap()
    );
    let organiser = app.browser();
    organiser
        .sign_in("organiser@demo.plenum.localhost", PASSWORD)
        .await;
    let code = server::demo::PROGRAMME_CODE;
    let plan = plan_of(&organiser, code).await;
    assert!(plan["problems"].as_array().unwrap().is_empty(), "{plan}");
    assert!(
        plan["changes"].as_array().unwrap().is_empty(),
        "all released"
    );
    assert_eq!(plan["next"], 2);
    let placed = plan["placed"].as_u64().unwrap();
    let (rooms, sessions) = server::demo::programme::size_of(server::config::DemoSize::Small);
    assert!(
        placed as usize >= sessions * 9 / 10,
        "{placed} of {sessions} placed in {rooms} rooms"
    );
    let p: serde_json::Value = app
        .browser()
        .call(
            "/api/programme/public",
            &[("forum", code), ("query", "day=all")],
        )
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(p["release"][0], 1);
    assert_eq!(published(&p).len() as u64, placed);
    assert_eq!(
        p["days"].as_array().unwrap().len(),
        5,
        "Day 0 and four days"
    );
    assert!(
        release_mails(&app).await.is_empty(),
        "the demo writes to nobody"
    );
    // The call edition keeps its pending decisions and no programme.
    let (status, page) = app.browser().get_text("/forums/demo/programme").await;
    assert_eq!(status, 200);
    assert!(page.contains(&translate(Locale::En, "public.not-yet")));
}

/// A re-plan keeps published sessions where the latest release put them,
/// not where the draft has moved them since.
async fn a_replan_keeps_sessions_where_the_release_put_them(backend: Backend) {
    let (app, organiser, v) = seeded(backend).await;
    new_sessions(&organiser, &["Anchor", "Drifter"]).await;
    let (anchor, drifter) = (
        session(&app, "Anchor").await,
        session(&app, "Drifter").await,
    );
    add_person(&organiser, &anchor, "anchor@example.org", None).await;
    add_person(&organiser, &drifter, "drifter@example.org", None).await;
    assert_eq!(
        move_to(&app, &organiser, "Anchor", Some(v.hall), Some(v.slots[0])).await,
        303
    );
    assert_eq!(
        move_to(&app, &organiser, "Drifter", Some(v.small), Some(v.slots[0])).await,
        303
    );
    assert_eq!(publish(&organiser, "").await, 303);
    assert_eq!(
        move_to(&app, &organiser, "Drifter", Some(v.small), Some(v.slots[3])).await,
        303
    );

    assert_eq!(start(&organiser, "replan", "1", &[]).await.status(), 303);
    let page = finished(&organiser).await;
    let result = &page["latest"]["result"];
    assert_eq!(result["hard_violations"], 0, "{page}");
    assert_eq!(result["moved"], 0, "nothing moved from the release");
    let place_of = |id: Uuid| {
        result["placements"]
            .as_array()
            .unwrap()
            .iter()
            .find(|p| p[0] == id.to_string())
            .map(|p| {
                (
                    p[1].as_str().unwrap().to_string(),
                    p[2].as_str().unwrap().to_string(),
                )
            })
            .unwrap()
    };
    assert_eq!(
        place_of(drifter.id),
        (v.small.to_string(), v.slots[0].to_string()),
        "back where participants know it"
    );
    assert_eq!(
        place_of(anchor.id),
        (v.hall.to_string(), v.slots[0].to_string())
    );
}

on_both!(
    a_replan_keeps_sessions_where_the_release_put_them,
    releases_publish_only_the_released_programme_and_tell_only_those_concerned,
    two_organisers_publishing_at_once_make_one_release,
    the_demo_has_a_scheduled_released_programme,
);
