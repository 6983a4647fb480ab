//! The schedule editor: organisers place sessions into rooms and times and
//! see every conflict of the programme (a person in two sessions at once,
//! away that day, a room too small or without what a session needs, limits
//! per theme and per person); a taken place is refused — also when two
//! organisers move at once — and a stale page too; changes are recorded and
//! the last one undone; the editor costs the same however large.

use crate::on_both;
use crate::support::{statements_for, Backend, Browser, TestApp};
use app::db::{programme_day, programme_session, room, schedule_change, time_slot};
use app::i18n::{translate, Locale};
use sea_orm::{entity::prelude::*, PaginatorTrait, QueryFilter, QueryOrder};

pub(crate) const PASSWORD: &str = "demo passphrase 2027";
const EDITOR: &str = "/forums/demo/programme/schedule";
const SESSIONS: &str = "/forums/demo/programme/sessions";

pub(crate) struct Venue {
    pub(crate) hall: Uuid,
    pub(crate) small: Uuid,
    /// Day 1 09:00, Day 1 11:00, Day 2 09:00, Day 2 11:00
    pub(crate) slots: Vec<Uuid>,
}

pub(crate) async fn seeded(backend: Backend) -> (TestApp, Browser, Venue) {
    seeded_with(backend, server::config::DemoSize::Bare).await
}

/// The demo edition at `size` with the venue of [`seeded`].
pub(crate) async fn seeded_with(
    backend: Backend,
    size: server::config::DemoSize,
) -> (TestApp, Browser, Venue) {
    let app = TestApp::spawn(backend).await;
    server::demo::seed(&app.db, size, PASSWORD).await.unwrap();
    let organiser = app.browser();
    organiser
        .sign_in("organiser@demo.plenum.localhost", PASSWORD)
        .await;
    for (name, capacity, features) in [
        ("Hall", "300", vec!["interpretation"]),
        ("Room B", "50", vec![]),
    ] {
        let mut fields = vec![
            ("forum", "demo"),
            ("name", name),
            ("capacity", capacity),
            ("layout", ""),
            ("location", ""),
        ];
        for f in features {
            fields.push(("features[]", f));
        }
        let res = organiser
            .submit("/forums/demo/venue", "/api/venue/add-room", &fields)
            .await;
        assert_eq!(res.status(), 303);
    }
    let res = organiser
        .submit(
            "/forums/demo/venue",
            "/api/venue/generate",
            &[
                ("forum", "demo"),
                ("from", "2027-06-22"),
                ("to", "2027-06-23"),
                ("starts", "09:00, 11:00"),
                ("length", "90"),
            ],
        )
        .await;
    assert_eq!(res.status(), 303);
    let rooms = room::Entity::find()
        .order_by_asc(room::Column::Position)
        .all(&app.db)
        .await
        .unwrap();
    let days = programme_day::Entity::find()
        .order_by_asc(programme_day::Column::Day)
        .all(&app.db)
        .await
        .unwrap();
    let mut slots = vec![];
    for d in &days {
        for s in time_slot::Entity::find()
            .filter(time_slot::Column::DayId.eq(d.id))
            .order_by_asc(time_slot::Column::StartMinute)
            .all(&app.db)
            .await
            .unwrap()
        {
            slots.push(s.id);
        }
    }
    (
        app,
        organiser,
        Venue {
            hall: rooms[0].id,
            small: rooms[1].id,
            slots,
        },
    )
}

pub(crate) async fn new_session(
    organiser: &Browser,
    title: &str,
    audience: &str,
    features: &[&str],
) {
    let mut fields = vec![
        ("forum", "demo"),
        ("title", title),
        ("description", ""),
        ("session_type", ""),
        ("theme", ""),
        ("duration", "60"),
        ("audience", audience),
    ];
    for f in features {
        fields.push(("features[]", f));
    }
    let res = organiser
        .submit(SESSIONS, "/api/programme/create-session", &fields)
        .await;
    assert_eq!(res.status(), 303, "{}", res.text().await.unwrap());
}

pub(crate) async fn session(app: &TestApp, title: &str) -> programme_session::Model {
    programme_session::Entity::find()
        .filter(programme_session::Column::Title.eq(title))
        .one(&app.db)
        .await
        .unwrap()
        .unwrap()
}

pub(crate) async fn add_person(
    organiser: &Browser,
    s: &programme_session::Model,
    email: &str,
    away: Option<&str>,
) {
    let id = s.id.to_string();
    let mut fields = vec![
        ("forum", "demo"),
        ("session", id.as_str()),
        ("role", "speaker"),
        ("name", "Lena Park"),
        ("email", email),
        ("organisation", "Open Net"),
        ("country", "KR"),
        ("stakeholder_group", "civil-society"),
        ("gender", ""),
        ("onsite", "on"),
    ];
    if let Some(day) = away {
        fields.push(("unavailable_days[]", day));
    }
    let res = organiser
        .submit(SESSIONS, "/api/programme/add-person", &fields)
        .await;
    assert_eq!(res.status(), 303, "{}", res.text().await.unwrap());
}

/// Moves a session as the "move to…" form does; returns the status.
pub(crate) async fn move_to(
    app: &TestApp,
    b: &Browser,
    title: &str,
    room: Option<Uuid>,
    slot: Option<Uuid>,
) -> u16 {
    let s = session(app, title).await;
    let (id, version) = (s.id.to_string(), s.version.to_string());
    let room = room.map(|r| r.to_string()).unwrap_or_default();
    let slot = slot.map(|t| t.to_string()).unwrap_or_default();
    b.submit(
        &format!("{EDITOR}/sessions/{id}"),
        "/api/programme/move",
        &[
            ("forum", "demo"),
            ("id", &id),
            ("version", &version),
            ("room", &room),
            ("slot", &slot),
            ("day", ""),
        ],
    )
    .await
    .status()
    .as_u16()
}

pub(crate) async fn editor(b: &Browser, day: &str) -> serde_json::Value {
    let res = b
        .call(
            "/api/programme/schedule",
            &[("forum", "demo"), ("day", day)],
        )
        .await;
    assert_eq!(res.status(), 200);
    res.json().await.unwrap()
}

/// The conflicts as (code, sorted session codes).
fn conflicts(e: &serde_json::Value) -> Vec<(String, Vec<String>)> {
    e["conflicts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            let mut codes: Vec<String> = c["sessions"]
                .as_array()
                .unwrap()
                .iter()
                .map(|p| p[1].as_str().unwrap().to_string())
                .collect();
            codes.sort();
            (c["code"].as_str().unwrap().to_string(), codes)
        })
        .collect()
}

fn has(e: &serde_json::Value, code: &str, sessions: &[&str]) -> bool {
    conflicts(e)
        .iter()
        .any(|(c, s)| c == code && s.iter().map(String::as_str).collect::<Vec<_>>() == sessions)
}

async fn organisers_place_sessions_and_see_every_conflict(backend: Backend) {
    let (app, organiser, v) = seeded(backend).await;
    new_session(&organiser, "Opening", "100", &["interpretation"]).await;
    new_session(&organiser, "Data flows", "80", &[]).await;
    new_session(&organiser, "Youth", "", &[]).await;
    let (a, b) = (
        session(&app, "Opening").await,
        session(&app, "Data flows").await,
    );
    assert_eq!((a.code.as_str(), b.code.as_str()), ("S-1", "S-2"));
    add_person(&organiser, &a, "lena@example.org", None).await;
    add_person(&organiser, &b, "LENA@example.org", Some("2027-06-23")).await;

    let e = editor(&organiser, "").await;
    assert_eq!(e["day"], "2027-06-22");
    assert_eq!(e["unplaced"].as_array().unwrap().len(), 3);
    assert!(has(&e, "unplaced", &["S-1"]) && has(&e, "unplaced", &["S-3"]));

    // Placed in parallel: the same person twice, a room too small.
    assert_eq!(
        move_to(&app, &organiser, "Opening", Some(v.hall), Some(v.slots[0])).await,
        303
    );
    assert_eq!(
        move_to(
            &app,
            &organiser,
            "Data flows",
            Some(v.small),
            Some(v.slots[0])
        )
        .await,
        303
    );
    let e = editor(&organiser, "2027-06-22").await;
    assert!(
        has(&e, "person-overlap", &["S-1", "S-2"]),
        "{:?}",
        conflicts(&e)
    );
    assert!(has(&e, "capacity-below-audience", &["S-2"]));
    let overlap = e["conflicts"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["code"] == "person-overlap")
        .unwrap();
    assert_eq!(overlap["hard"], true);
    assert_eq!(
        overlap["people"][0], "Lena Park",
        "one person across emails' case"
    );
    assert_eq!(e["placed"].as_array().unwrap().len(), 2);
    let (_, page) = organiser.get_text(EDITOR).await;
    assert!(
        page.contains("Lena Park is in 2 sessions at Day 1 (2027-06-22) 09:00: S-1, S-2."),
        "the conflict in words"
    );
    assert!(page.contains("S-2 expects 80 people; Room B seats 50 (30 too many)."));

    // A taken place is refused; a stale page too; a half-filled form too.
    let before = session(&app, "Youth").await;
    assert_eq!(
        move_to(&app, &organiser, "Youth", Some(v.hall), Some(v.slots[0])).await,
        422
    );
    let stale = before.version.to_string();
    let id = before.id.to_string();
    let (hall, slot1) = (v.hall.to_string(), v.slots[1].to_string());
    let res = organiser
        .submit(
            &format!("{EDITOR}/sessions/{id}"),
            "/api/programme/move",
            &[
                ("forum", "demo"),
                ("id", &id),
                ("version", "7"),
                ("room", &hall),
                ("slot", &slot1),
                ("day", ""),
            ],
        )
        .await;
    assert_eq!(res.status(), 422);
    assert!(res
        .text()
        .await
        .unwrap()
        .contains(&translate(Locale::En, "programme.moved-meanwhile")));
    let res = organiser
        .submit(
            &format!("{EDITOR}/sessions/{id}"),
            "/api/programme/move",
            &[
                ("forum", "demo"),
                ("id", &id),
                ("version", &stale),
                ("room", &hall),
                ("slot", ""),
                ("day", ""),
            ],
        )
        .await;
    assert_eq!(res.status(), 422);
    assert!(res
        .text()
        .await
        .unwrap()
        .contains(&translate(Locale::En, "programme.place-incomplete")));
    let after = session(&app, "Youth").await;
    assert_eq!(
        (after.room_id, after.slot_id, after.version),
        (None, None, before.version),
        "nothing changed"
    );

    // Moved apart: the clash is gone, but the person is away on Day 2.
    assert_eq!(
        move_to(
            &app,
            &organiser,
            "Data flows",
            Some(v.small),
            Some(v.slots[2])
        )
        .await,
        303
    );
    let e = editor(&organiser, "").await;
    assert!(!has(&e, "person-overlap", &["S-1", "S-2"]));
    assert!(
        has(&e, "person-unavailable", &["S-2"]),
        "{:?}",
        conflicts(&e)
    );
    // Undo: back where it was.
    let res = organiser
        .submit(
            EDITOR,
            "/api/programme/undo",
            &[("forum", "demo"), ("day", "")],
        )
        .await;
    assert_eq!(res.status(), 303);
    let b_now = session(&app, "Data flows").await;
    assert_eq!(
        (b_now.room_id, b_now.slot_id),
        (Some(v.small), Some(v.slots[0]))
    );
    let log = schedule_change::Entity::find()
        .order_by_desc(schedule_change::Column::ChangedAt)
        .all(&app.db)
        .await
        .unwrap();
    assert_eq!(log.len(), 3);
    assert!(log[0].undone && !log[1].undone);

    // Needs: a session needing interpretation in a room without booths.
    assert_eq!(
        move_to(&app, &organiser, "Opening", Some(v.small), Some(v.slots[1])).await,
        303
    );
    let e = editor(&organiser, "").await;
    assert!(has(&e, "missing-feature", &["S-1"]));
    // Limits: one session a day per person makes Lena's day a warning.
    let res = organiser
        .submit(
            EDITOR,
            "/api/programme/limits",
            &[
                ("forum", "demo"),
                ("max_parallel_same_theme", "2"),
                ("max_sessions_per_person_day", "1"),
                ("day", ""),
            ],
        )
        .await;
    assert_eq!(res.status(), 303);
    let e = editor(&organiser, "").await;
    assert!(
        has(&e, "person-day-cap", &["S-1", "S-2"]),
        "{:?}",
        conflicts(&e)
    );
    let bad = organiser
        .submit(
            EDITOR,
            "/api/programme/limits",
            &[
                ("forum", "demo"),
                ("max_parallel_same_theme", "-1"),
                ("max_sessions_per_person_day", "x"),
                ("day", ""),
            ],
        )
        .await;
    assert_eq!(bad.status(), 422);

    // Pinned, then out of the programme (unpinned with it).
    let a_id = session(&app, "Opening").await.id.to_string();
    let res = organiser
        .submit(
            EDITOR,
            "/api/programme/pin",
            &[("forum", "demo"), ("id", &a_id), ("pin", "pin")],
        )
        .await;
    assert_eq!(res.status(), 303);
    assert!(session(&app, "Opening").await.pinned);
    assert_eq!(move_to(&app, &organiser, "Opening", None, None).await, 303);
    let a_now = session(&app, "Opening").await;
    assert_eq!((a_now.room_id, a_now.pinned), (None, false));
    let res = organiser
        .submit(
            EDITOR,
            "/api/programme/pin",
            &[("forum", "demo"), ("id", &a_id), ("pin", "pin")],
        )
        .await;
    assert_eq!(res.status(), 422, "an unplaced session cannot be pinned");
    let (status, page) = organiser
        .get_text(&format!("{EDITOR}/sessions/{a_id}"))
        .await;
    assert_eq!(status, 200);
    assert!(page.contains(&translate(Locale::En, "programme.move-to")));
}

async fn two_organisers_moving_at_once_never_double_book(backend: Backend) {
    let (app, organiser, v) = seeded(backend).await;
    let second = app.browser();
    second
        .sign_in("organiser@demo.plenum.localhost", PASSWORD)
        .await;
    for n in 0..8 {
        new_session(&organiser, &format!("Session {n}"), "", &[]).await;
    }
    for round in 0..4 {
        let (x, y) = (
            format!("Session {}", 2 * round),
            format!("Session {}", 2 * round + 1),
        );
        let slot = Some(v.slots[round]);
        let (a, b) = tokio::join!(
            move_to(&app, &organiser, &x, Some(v.hall), slot),
            move_to(&app, &second, &y, Some(v.hall), slot),
        );
        let mut statuses = [a, b];
        statuses.sort();
        assert_eq!(statuses, [303, 422], "round {round}: one wins");
        let there = programme_session::Entity::find()
            .filter(programme_session::Column::RoomId.eq(v.hall))
            .filter(programme_session::Column::SlotId.eq(v.slots[round]))
            .count(&app.db)
            .await
            .unwrap();
        assert_eq!(there, 1, "round {round}: one session in the place");
    }
}

async fn the_editor_costs_the_same_however_large(backend: Backend) {
    let (app, organiser, v) = seeded(backend).await;
    new_session(&organiser, "First", "10", &[]).await;
    let first = session(&app, "First").await;
    add_person(&organiser, &first, "p0@example.org", None).await;
    move_to(&app, &organiser, "First", Some(v.hall), Some(v.slots[0])).await;
    let before = statements_for(&app, &organiser, EDITOR).await;
    let move_before =
        statements_for(&app, &organiser, &format!("{EDITOR}/sessions/{}", first.id)).await;
    for n in 1..6 {
        let title = format!("More {n}");
        new_session(&organiser, &title, "10", &[]).await;
        let s = session(&app, &title).await;
        add_person(&organiser, &s, &format!("p{n}@example.org"), None).await;
        let room = if n % 2 == 0 { v.hall } else { v.small };
        move_to(&app, &organiser, &title, Some(room), Some(v.slots[n % 4])).await;
    }
    assert_eq!(statements_for(&app, &organiser, EDITOR).await, before);
    assert_eq!(
        statements_for(&app, &organiser, &format!("{EDITOR}/sessions/{}", first.id)).await,
        move_before
    );
}

/// The opening ceremony pinned into a blocked slot is the reason for the
/// block, not a conflict; anything else placed beside it is.
async fn a_ceremony_pinned_into_a_blocked_slot_holds_it(backend: Backend) {
    let (app, organiser, v) = seeded(backend).await;
    let opening = time_slot::Entity::find_by_id(v.slots[0])
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    let slot_id = opening.id.to_string();
    let res = organiser
        .submit(
            "/forums/demo/venue",
            "/api/venue/save-slot",
            &[
                ("forum", "demo"),
                ("id", &slot_id),
                ("start", "09:00"),
                ("length", "90"),
                ("kind", "session"),
                ("blocked", "on"),
                ("label", "Opening ceremony"),
            ],
        )
        .await;
    assert_eq!(res.status(), 303);
    new_session(&organiser, "Opening ceremony", "300", &[]).await;
    new_session(&organiser, "Side event", "", &[]).await;
    assert_eq!(
        move_to(
            &app,
            &organiser,
            "Opening ceremony",
            Some(v.hall),
            Some(v.slots[0])
        )
        .await,
        303
    );
    let e = editor(&organiser, "").await;
    assert!(
        has(&e, "blocked-slot", &["S-1"]),
        "not pinned yet: {:?}",
        conflicts(&e)
    );
    let id = session(&app, "Opening ceremony").await.id.to_string();
    let res = organiser
        .submit(
            EDITOR,
            "/api/programme/pin",
            &[("forum", "demo"), ("id", &id), ("pin", "pin")],
        )
        .await;
    assert_eq!(res.status(), 303);
    let e = editor(&organiser, "").await;
    assert!(
        !conflicts(&e).iter().any(|(c, _)| c == "blocked-slot"),
        "{:?}",
        conflicts(&e)
    );
    assert!(
        e["placed"]
            .as_array()
            .unwrap()
            .iter()
            .any(|s| s["code"] == "S-1"),
        "shown in the grid"
    );
    assert_eq!(
        move_to(
            &app,
            &organiser,
            "Side event",
            Some(v.small),
            Some(v.slots[0])
        )
        .await,
        303
    );
    let e = editor(&organiser, "").await;
    assert!(has(&e, "blocked-slot", &["S-2"]), "{:?}", conflicts(&e));
}

/// A room or slot that goes away (removed, or a slot made a break) takes
/// its sessions out of the programme cleanly — room and slot both cleared,
/// the change recorded — never half-placed.
async fn a_place_that_goes_away_unplaces_its_sessions(backend: Backend) {
    let (app, organiser, v) = seeded(backend).await;
    for title in ["In the small room", "Before lunch", "On day 2"] {
        new_session(&organiser, title, "", &[]).await;
    }
    assert_eq!(
        move_to(
            &app,
            &organiser,
            "In the small room",
            Some(v.small),
            Some(v.slots[0])
        )
        .await,
        303
    );
    assert_eq!(
        move_to(
            &app,
            &organiser,
            "Before lunch",
            Some(v.hall),
            Some(v.slots[1])
        )
        .await,
        303
    );
    assert_eq!(
        move_to(&app, &organiser, "On day 2", Some(v.hall), Some(v.slots[2])).await,
        303
    );
    let unplaced = |title: &'static str| {
        let app = &app;
        async move {
            let s = session(app, title).await;
            (s.room_id, s.slot_id)
        }
    };
    let small = v.small.to_string();
    let res = organiser
        .submit(
            "/forums/demo/venue",
            "/api/venue/remove-room",
            &[("forum", "demo"), ("id", &small)],
        )
        .await;
    assert_eq!(res.status(), 303);
    assert_eq!(unplaced("In the small room").await, (None, None));
    let slot = v.slots[1].to_string();
    let res = organiser
        .submit(
            "/forums/demo/venue",
            "/api/venue/save-slot",
            &[
                ("forum", "demo"),
                ("id", &slot),
                ("start", "11:00"),
                ("length", "90"),
                ("kind", "break"),
                ("label", "Lunch"),
            ],
        )
        .await;
    assert_eq!(res.status(), 303);
    assert_eq!(unplaced("Before lunch").await, (None, None));
    let day2 = time_slot::Entity::find_by_id(v.slots[2])
        .one(&app.db)
        .await
        .unwrap()
        .unwrap()
        .day_id
        .to_string();
    let res = organiser
        .submit(
            "/forums/demo/venue",
            "/api/venue/remove-day",
            &[("forum", "demo"), ("id", &day2)],
        )
        .await;
    assert_eq!(res.status(), 303);
    assert_eq!(unplaced("On day 2").await, (None, None));
    let changes = schedule_change::Entity::find()
        .filter(schedule_change::Column::ToRoom.is_null())
        .count(&app.db)
        .await
        .unwrap();
    assert_eq!(changes, 3, "each leaving recorded");
    let e = editor(&organiser, "").await;
    assert_eq!(e["unplaced"].as_array().unwrap().len(), 3);
}

on_both!(
    organisers_place_sessions_and_see_every_conflict,
    a_place_that_goes_away_unplaces_its_sessions,
    a_ceremony_pinned_into_a_blocked_slot_holds_it,
    two_organisers_moving_at_once_never_double_book,
    the_editor_costs_the_same_however_large,
);
