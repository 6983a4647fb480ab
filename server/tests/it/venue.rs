//! The venue page: organisers add, change and remove rooms, generate the
//! days and slots of the grid from a pattern and edit them; bad input is
//! refused with the message by the field, what was typed kept, nothing
//! stored; the page costs the same however many rooms and days.

use crate::on_both;
use crate::support::{has_input_value, statements_for, Backend, Browser, TestApp};
use app::db::{programme_day, room, time_slot};
use app::i18n::{translate, Locale};
use sea_orm::{entity::prelude::*, PaginatorTrait, QueryFilter, QueryOrder};

const PASSWORD: &str = "demo passphrase 2027";
const PAGE: &str = "/forums/demo/venue";

async fn seeded(backend: Backend) -> (TestApp, Browser) {
    let app = TestApp::spawn(backend).await;
    server::demo::seed(&app.db, server::config::DemoSize::Bare, PASSWORD)
        .await
        .unwrap();
    let organiser = app.browser();
    organiser
        .sign_in("organiser@demo.plenum.localhost", PASSWORD)
        .await;
    (app, organiser)
}

fn room_form<'a>(name: &'a str, capacity: &'a str) -> Vec<(&'a str, &'a str)> {
    vec![
        ("forum", "demo"),
        ("name", name),
        ("capacity", capacity),
        ("layout", "theatre"),
        ("location", "Level 1, Building A"),
        ("features[]", "interpretation"),
        ("features[]", "remote-kit"),
        ("languages[]", "fr"),
        ("languages[]", "ar"),
    ]
}

async fn rooms(app: &TestApp) -> Vec<room::Model> {
    room::Entity::find()
        .order_by_asc(room::Column::Position)
        .all(&app.db)
        .await
        .unwrap()
}

async fn slots_of(
    app: &TestApp,
    day: &programme_day::Model,
) -> Vec<(i32, i32, String, bool, String)> {
    time_slot::Entity::find()
        .filter(time_slot::Column::DayId.eq(day.id))
        .order_by_asc(time_slot::Column::StartMinute)
        .all(&app.db)
        .await
        .unwrap()
        .into_iter()
        .map(|s| (s.start_minute, s.length_minutes, s.kind, s.blocked, s.label))
        .collect()
}

async fn days(app: &TestApp) -> Vec<programme_day::Model> {
    programme_day::Entity::find()
        .order_by_asc(programme_day::Column::Day)
        .all(&app.db)
        .await
        .unwrap()
}

async fn organisers_build_the_venue_and_the_grid(backend: Backend) {
    let (app, organiser) = seeded(backend).await;
    let (status, page) = organiser.get_text(PAGE).await;
    assert_eq!(status, 200);
    assert!(page.contains(&translate(Locale::En, "room.none")));
    assert!(
        has_input_value(&page, "from", "2027-06-21"),
        "Day 0 suggested"
    );
    assert!(has_input_value(&page, "to", "2027-06-25"));

    // Rooms: added, listed, changed.
    let res = organiser
        .submit(
            PAGE,
            "/api/venue/add-room",
            &room_form("Plenary Hall", "500"),
        )
        .await;
    assert_eq!(res.status(), 303, "{}", res.text().await.unwrap());
    let all = rooms(&app).await;
    assert_eq!(all.len(), 1);
    let hall = &all[0];
    assert_eq!(
        (
            hall.capacity,
            hall.layout.as_str(),
            hall.features.as_str(),
            hall.languages.as_str()
        ),
        (500, "theatre", "interpretation,remote-kit", "ar,fr"),
        "codes kept in their list's order"
    );
    assert_eq!(
        res.headers()["location"],
        format!("/forums/demo/venue?notice=room-added#room-{}", hall.id)
    );
    let mut online = room_form("Online room 1", "1000");
    online.truncate(5);
    online.push(("online_only", "on"));
    assert_eq!(
        organiser
            .submit(PAGE, "/api/venue/add-room", &online)
            .await
            .status(),
        303
    );
    let (_, page) = organiser.get_text(PAGE).await;
    assert!(page.contains("Plenary Hall") && page.contains("Online room 1"));
    assert!(page.contains(&translate(Locale::En, "room.feature.remote-kit")));

    // The grid from a pattern: Day 0 and four days, four slots each.
    let generate = |to: &'static str| {
        vec![
            ("forum", "demo"),
            ("from", "2027-06-21"),
            ("to", to),
            ("starts", "14:00, 09:00, 11:00, 16:00"),
            ("length", "90"),
        ]
    };
    let res = organiser
        .submit(PAGE, "/api/venue/generate", &generate("2027-06-25"))
        .await;
    assert_eq!(res.status(), 303, "{}", res.text().await.unwrap());
    assert!(res.headers()["location"]
        .to_str()
        .unwrap()
        .contains("notice=grid-generated#"));
    let all_days = days(&app).await;
    assert_eq!(all_days.len(), 5);
    for d in &all_days {
        assert_eq!(
            slots_of(&app, d).await,
            [540, 660, 840, 960]
                .map(|s| (s, 90, "session".to_string(), false, String::new()))
                .to_vec()
        );
    }
    let (_, page) = organiser.get_text(PAGE).await;
    assert!(page.contains("Day 0 (2027-06-21)") && page.contains("Day 4 (2027-06-25)"));
    assert!(page.contains("09:00–10:30") && page.contains("16:00–17:30"));

    // Generating again over a longer range keeps the days that have slots.
    let res = organiser
        .submit(PAGE, "/api/venue/generate", &generate("2027-06-26"))
        .await;
    assert!(res.headers()["location"]
        .to_str()
        .unwrap()
        .contains("notice=grid-generated-kept"));
    let all_days = days(&app).await;
    assert_eq!(all_days.len(), 6);
    assert_eq!(
        slots_of(&app, &all_days[0]).await.len(),
        4,
        "kept, not doubled"
    );

    // Day 1: the opening slot blocked and labelled, a lunch break added.
    let day1 = &all_days[1];
    let opening = time_slot::Entity::find()
        .filter(time_slot::Column::DayId.eq(day1.id))
        .order_by_asc(time_slot::Column::StartMinute)
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    let opening_id = opening.id.to_string();
    let res = organiser
        .submit(
            PAGE,
            "/api/venue/save-slot",
            &[
                ("forum", "demo"),
                ("id", &opening_id),
                ("start", "9:30"),
                ("length", "60"),
                ("kind", "session"),
                ("blocked", "on"),
                ("label", "Opening ceremony"),
            ],
        )
        .await;
    assert_eq!(res.status(), 303, "{}", res.text().await.unwrap());
    let day1_id = day1.id.to_string();
    let res = organiser
        .submit(
            PAGE,
            "/api/venue/add-slot",
            &[
                ("forum", "demo"),
                ("day", &day1_id),
                ("start", "12:30"),
                ("length", "90"),
                ("kind", "break"),
                ("label", "Lunch"),
            ],
        )
        .await;
    assert_eq!(res.status(), 303, "{}", res.text().await.unwrap());
    assert_eq!(
        slots_of(&app, day1).await,
        vec![
            (570, 60, "session".into(), true, "Opening ceremony".into()),
            (660, 90, "session".into(), false, String::new()),
            (750, 90, "break".into(), false, "Lunch".into()),
            (840, 90, "session".into(), false, String::new()),
            (960, 90, "session".into(), false, String::new()),
        ]
    );
    let (_, page) = organiser.get_text(PAGE).await;
    assert!(page.contains("Opening ceremony") && page.contains("Lunch"));

    // A room closed on a programme day.
    let hall_id = hall.id.to_string();
    let mut change = room_form("Plenary Hall", "450");
    change.push(("id", &hall_id));
    change.push(("closed_days[]", "2027-06-21"));
    let res = organiser
        .submit(
            &format!("{PAGE}/rooms/{hall_id}"),
            "/api/venue/save-room",
            &change,
        )
        .await;
    assert_eq!(res.status(), 303, "{}", res.text().await.unwrap());
    let hall = room::Entity::find_by_id(hall.id)
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        (hall.capacity, hall.closed_days.as_str()),
        (450, "2027-06-21")
    );
    let (status, page) = organiser.get_text(&format!("{PAGE}/rooms/{hall_id}")).await;
    assert_eq!(status, 200);
    assert!(has_input_value(&page, "capacity", "450"));

    // Removing a slot, a day, a room.
    let removed_day = all_days[5].id.to_string();
    assert_eq!(
        organiser
            .submit(
                PAGE,
                "/api/venue/remove-day",
                &[("forum", "demo"), ("id", &removed_day)]
            )
            .await
            .status(),
        303
    );
    assert_eq!(days(&app).await.len(), 5);
    assert_eq!(
        organiser
            .submit(
                PAGE,
                "/api/venue/remove-slot",
                &[("forum", "demo"), ("id", &opening_id)]
            )
            .await
            .status(),
        303
    );
    assert_eq!(slots_of(&app, day1).await.len(), 4);
    assert_eq!(
        organiser
            .submit(
                PAGE,
                "/api/venue/remove-room",
                &[("forum", "demo"), ("id", &hall_id)]
            )
            .await
            .status(),
        303
    );
    assert_eq!(rooms(&app).await.len(), 1);
}

/// The error shown by the field (its message) and the page.
async fn refused(organiser: &Browser, action: &str, fields: &[(&str, &str)], key: &str) -> String {
    let res = organiser.submit(PAGE, action, fields).await;
    assert_eq!(res.status(), 422, "{action} with {fields:?}");
    let page = res.text().await.unwrap();
    let message = translate(Locale::En, key);
    assert!(page.contains(&message), "{key} not shown for {fields:?}");
    page
}

async fn bad_venue_input_is_refused_and_nothing_kept(backend: Backend) {
    let (app, organiser) = seeded(backend).await;
    for (capacity, key) in [
        ("0", "room.capacity-invalid"),
        ("-3", "room.capacity-invalid"),
        ("lots", "room.capacity-invalid"),
        ("", "field.required"),
    ] {
        let page = refused(
            &organiser,
            "/api/venue/add-room",
            &room_form("Room A", capacity),
            key,
        )
        .await;
        assert!(has_input_value(&page, "name", "Room A"), "typed name kept");
        assert!(has_input_value(&page, "location", "Level 1, Building A"));
    }
    let mut no_booths = room_form("Room A", "80");
    no_booths.retain(|(k, v)| !(*k == "features[]" && *v == "interpretation"));
    refused(
        &organiser,
        "/api/venue/add-room",
        &no_booths,
        "room.languages-need-interpretation",
    )
    .await;
    let mut odd = room_form("Room A", "80");
    odd.push(("features[]", "teleporter"));
    refused(
        &organiser,
        "/api/venue/add-room",
        &odd,
        "field.choice-invalid",
    )
    .await;
    let mut closed = room_form("Room A", "80");
    closed.push(("closed_days[]", "2027-06-21"));
    refused(
        &organiser,
        "/api/venue/add-room",
        &closed,
        "field.choice-invalid",
    )
    .await;
    assert_eq!(rooms(&app).await.len(), 0, "nothing stored");
    assert_eq!(
        organiser
            .submit(PAGE, "/api/venue/add-room", &room_form("Room A", "80"))
            .await
            .status(),
        303
    );
    refused(
        &organiser,
        "/api/venue/add-room",
        &room_form("Room A", "90"),
        "room.name-taken",
    )
    .await;
    assert_eq!(rooms(&app).await.len(), 1);

    let pattern =
        |from: &'static str, to: &'static str, starts: &'static str, length: &'static str| {
            vec![
                ("forum", "demo"),
                ("from", from),
                ("to", to),
                ("starts", starts),
                ("length", length),
            ]
        };
    for (fields, key) in [
        (
            pattern("2027-06-25", "2027-06-21", "09:00", "90"),
            "grid.dates-order",
        ),
        (
            pattern("2027-06-01", "2027-06-30", "09:00", "90"),
            "grid.too-many-days",
        ),
        (
            pattern("2027-06-21", "2027-06-25", "9h, 11h", "90"),
            "grid.times-invalid",
        ),
        (
            pattern("2027-06-21", "2027-06-25", "09:00, 10:00", "90"),
            "grid.slots-overlap",
        ),
        (
            pattern("2027-06-21", "2027-06-25", "23:00", "90"),
            "grid.slot-past-midnight",
        ),
        (
            pattern("2027-06-21", "2027-06-25", "09:00", "0"),
            "grid.length-invalid",
        ),
        (
            pattern("2027-06-21", "not a date", "09:00", "90"),
            "forums.date-invalid",
        ),
    ] {
        let page = refused(&organiser, "/api/venue/generate", &fields, key).await;
        assert!(
            has_input_value(&page, "starts", fields[3].1),
            "typed starts kept"
        );
    }
    assert_eq!(days(&app).await.len(), 0, "no day made");

    organiser
        .submit(
            PAGE,
            "/api/venue/generate",
            &pattern("2027-06-22", "2027-06-22", "09:00, 11:00", "90"),
        )
        .await;
    let day = days(&app).await.remove(0);
    let day_id = day.id.to_string();
    let slot = |start: &'static str, length: &'static str| -> Vec<(&str, String)> {
        vec![
            ("forum", "demo".into()),
            ("day", day_id.clone()),
            ("start", start.into()),
            ("length", length.into()),
            ("kind", "session".into()),
            ("label", String::new()),
        ]
    };
    for ((start, length), key) in [
        (("10:00", "30"), "grid.slots-overlap"),
        (("23:00", "90"), "grid.slot-past-midnight"),
        (("25:00", "30"), "grid.time-invalid"),
    ] {
        let fields = slot(start, length);
        let pairs: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
        let res = organiser.submit(PAGE, "/api/venue/add-slot", &pairs).await;
        assert_eq!(res.status(), 422);
        let page = res.text().await.unwrap();
        assert!(page.contains(&translate(Locale::En, key)), "{key}");
        assert!(
            page.contains(&format!(
                r#"id="day-{day_id}-start" name="start" type="text" value="{start}""#
            )),
            "the typed start kept in the day's own form"
        );
    }
    let mut bad_kind = slot("13:00", "30");
    bad_kind[4].1 = "party".into();
    let pairs: Vec<(&str, &str)> = bad_kind.iter().map(|(k, v)| (*k, v.as_str())).collect();
    assert_eq!(
        organiser
            .submit(PAGE, "/api/venue/add-slot", &pairs)
            .await
            .status(),
        422
    );
    assert_eq!(slots_of(&app, &day).await.len(), 2, "no slot added");
}

async fn only_organisers_see_the_venue(backend: Backend) {
    let (app, _) = seeded(backend).await;
    let anonymous = app.browser();
    let (status, _) = anonymous.get_text(PAGE).await;
    assert_eq!(status, 401);
    let reviewer = app.browser();
    assert_eq!(
        reviewer
            .sign_in("reviewer@demo.plenum.localhost", PASSWORD)
            .await
            .status(),
        303
    );
    let (status, _) = reviewer.get_text(PAGE).await;
    assert_eq!(status, 403);
    let res = reviewer
        .submit(PAGE, "/api/venue/add-room", &room_form("Sneaky", "10"))
        .await;
    assert_eq!(res.status(), 403);
    assert_eq!(room::Entity::find().count(&app.db).await.unwrap(), 0);
}

async fn the_venue_page_costs_the_same_with_more_rooms_and_days(backend: Backend) {
    let (app, organiser) = seeded(backend).await;
    organiser
        .submit(PAGE, "/api/venue/add-room", &room_form("Room 0", "50"))
        .await;
    organiser
        .submit(
            PAGE,
            "/api/venue/generate",
            &[
                ("forum", "demo"),
                ("from", "2027-06-21"),
                ("to", "2027-06-21"),
                ("starts", "09:00"),
                ("length", "90"),
            ],
        )
        .await;
    let before = statements_for(&app, &organiser, PAGE).await;
    for n in 1..6 {
        let name = format!("Room {n}");
        organiser
            .submit(PAGE, "/api/venue/add-room", &room_form(&name, "50"))
            .await;
    }
    organiser
        .submit(
            PAGE,
            "/api/venue/generate",
            &[
                ("forum", "demo"),
                ("from", "2027-06-22"),
                ("to", "2027-06-25"),
                ("starts", "09:00, 11:00, 14:00"),
                ("length", "90"),
            ],
        )
        .await;
    assert_eq!(rooms(&app).await.len(), 6);
    assert_eq!(days(&app).await.len(), 5);
    assert_eq!(statements_for(&app, &organiser, PAGE).await, before);
}

on_both!(
    organisers_build_the_venue_and_the_grid,
    bad_venue_input_is_refused_and_nothing_kept,
    only_organisers_see_the_venue,
    the_venue_page_costs_the_same_with_more_rooms_and_days,
);
