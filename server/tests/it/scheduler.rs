//! The automatic scheduler: a run in the background makes a clash-free
//! draft that keeps pinned sessions, meets every need and person's days;
//! organisers accept it one day at a time or whole; a re-plan fixes a new
//! problem moving few sessions; an impossible programme is said to be so,
//! with why; bad settings, a second run at once and accepting twice are
//! refused; a run can be stopped.

use crate::on_both;
use crate::schedule::{new_session, session};
use crate::support::{Backend, Browser, TestApp};
use app::db::{programme_day, programme_session, room, schedule_change, time_slot};
use app::i18n::{translate, Locale};
use sea_orm::{entity::prelude::*, ActiveValue::Set, PaginatorTrait, QueryOrder};
use std::time::Duration;

const PASSWORD: &str = "demo passphrase 2027";
const PAGE: &str = "/forums/demo/programme/scheduler";
const SESSIONS: &str = "/forums/demo/programme/sessions";

async fn seeded(
    backend: Backend,
    rooms: &[(&str, &str, &[&str])],
    starts: &str,
) -> (TestApp, Browser) {
    let app = TestApp::spawn(backend).await;
    server::demo::seed(&app.db, server::config::DemoSize::Bare, PASSWORD)
        .await
        .unwrap();
    let organiser = app.browser();
    organiser
        .sign_in("organiser@demo.plenum.localhost", PASSWORD)
        .await;
    for (name, capacity, features) in rooms {
        let mut fields = vec![
            ("forum", "demo"),
            ("name", *name),
            ("capacity", *capacity),
            ("layout", ""),
            ("location", ""),
        ];
        for f in *features {
            fields.push(("features[]", f));
        }
        assert_eq!(
            organiser
                .submit("/forums/demo/venue", "/api/venue/add-room", &fields)
                .await
                .status(),
            303
        );
    }
    let res = organiser
        .submit(
            "/forums/demo/venue",
            "/api/venue/generate",
            &[
                ("forum", "demo"),
                ("from", "2027-06-22"),
                ("to", "2027-06-23"),
                ("starts", starts),
                ("length", "90"),
            ],
        )
        .await;
    assert_eq!(res.status(), 303);
    (app, organiser)
}

async fn person(b: &Browser, s: &programme_session::Model, email: &str, away: &[&str]) {
    let id = s.id.to_string();
    let mut fields = vec![
        ("forum", "demo"),
        ("session", id.as_str()),
        ("role", "speaker"),
        ("name", email),
        ("email", email),
        ("organisation", ""),
        ("country", ""),
        ("stakeholder_group", ""),
        ("gender", ""),
        ("onsite", "on"),
    ];
    for d in away {
        fields.push(("unavailable_days[]", d));
    }
    let res = b
        .submit(SESSIONS, "/api/programme/add-person", &fields)
        .await;
    assert_eq!(res.status(), 303, "{}", res.text().await.unwrap());
}

/// The editor lists no hard problem (warnings may remain).
async fn assert_no_hard_problems(organiser: &Browser) {
    let editor = crate::schedule::editor(organiser, "").await;
    assert!(
        editor["conflicts"]
            .as_array()
            .unwrap()
            .iter()
            .all(|c| c["hard"] == false),
        "{editor}"
    );
}

pub(crate) async fn start(
    b: &Browser,
    mode: &str,
    seconds: &str,
    weights: &[(&str, &str)],
) -> reqwest::Response {
    let mut fields = vec![("forum", "demo"), ("mode", mode), ("time_limit", seconds)];
    for (goal, w) in weights {
        fields.push(("goal[]", goal));
        fields.push(("weight[]", w));
    }
    b.submit(PAGE, "/api/programme/solve", &fields).await
}

/// The scheduler page's data once the latest run has finished.
pub(crate) async fn finished(b: &Browser) -> serde_json::Value {
    for _ in 0..300 {
        let res = b
            .call("/api/programme/scheduler", &[("forum", "demo")])
            .await;
        assert_eq!(res.status(), 200);
        let page: serde_json::Value = res.json().await.unwrap();
        if page["latest"]["status"] != "running" {
            return page;
        }
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    panic!("the run did not finish");
}

async fn slots(app: &TestApp) -> Vec<(Uuid, String)> {
    let days = programme_day::Entity::find().all(&app.db).await.unwrap();
    let mut out = vec![];
    for s in time_slot::Entity::find()
        .order_by_asc(time_slot::Column::StartMinute)
        .all(&app.db)
        .await
        .unwrap()
    {
        let day = days
            .iter()
            .find(|d| d.id == s.day_id)
            .unwrap()
            .day
            .to_string();
        out.push((s.id, day));
    }
    out
}

async fn the_scheduler_drafts_a_clash_free_programme_accepted_by_day(backend: Backend) {
    let hall: &[&str] = &["interpretation"];
    let (app, organiser) = seeded(
        backend,
        &[("Hall", "300", hall), ("Room B", "50", &[])],
        "09:00, 11:00",
    )
    .await;
    new_session(&organiser, "Opening", "100", &["interpretation"]).await;
    new_session(&organiser, "Data flows", "40", &[]).await;
    new_session(&organiser, "Youth", "30", &[]).await;
    new_session(&organiser, "Fixed", "20", &[]).await;
    let (a, b, c) = (
        session(&app, "Opening").await,
        session(&app, "Data flows").await,
        session(&app, "Youth").await,
    );
    person(&organiser, &a, "lena@example.org", &[]).await;
    person(&organiser, &b, "lena@example.org", &[]).await;
    person(&organiser, &c, "omar@example.org", &["2027-06-22"]).await;
    // "Fixed" pinned by hand in Room B, Day 2 11:00.
    let rooms = room::Entity::find()
        .order_by_asc(room::Column::Position)
        .all(&app.db)
        .await
        .unwrap();
    let all_slots = slots(&app).await;
    let day2_late = all_slots
        .iter()
        .rev()
        .find(|(_, d)| d == "2027-06-23")
        .unwrap()
        .0;
    let fixed = session(&app, "Fixed").await;
    let (fid, fv, room_b, slot) = (
        fixed.id.to_string(),
        fixed.version.to_string(),
        rooms[1].id.to_string(),
        day2_late.to_string(),
    );
    let moved = organiser
        .submit(
            PAGE,
            "/api/programme/move",
            &[
                ("forum", "demo"),
                ("id", &fid),
                ("version", &fv),
                ("room", &room_b),
                ("slot", &slot),
                ("day", ""),
            ],
        )
        .await;
    assert_eq!(moved.status(), 303);
    organiser
        .submit(
            PAGE,
            "/api/programme/pin",
            &[("forum", "demo"), ("id", &fid), ("pin", "pin")],
        )
        .await;

    let res = start(&organiser, "fresh", "2", &[("overflow-total", "20")]).await;
    assert_eq!(res.status(), 303, "{}", res.text().await.unwrap());
    let page = finished(&organiser).await;
    let run = &page["latest"];
    assert_eq!(run["status"], "done", "{run}");
    assert_eq!(run["result"]["hard_violations"], 0);
    assert_eq!(run["result"]["placements"].as_array().unwrap().len(), 4);
    assert!(!run["goals"].as_array().unwrap().is_empty());
    // Nothing changes until accepted.
    assert_eq!(session(&app, "Opening").await.room_id, None);

    // Day 1 first, then the rest.
    let day1: Vec<Uuid> = all_slots
        .iter()
        .filter(|(_, d)| d == "2027-06-22")
        .map(|(id, _)| *id)
        .collect();
    let run_id = run["id"].as_str().unwrap().to_string();
    let res = organiser
        .submit(
            PAGE,
            "/api/programme/accept-run",
            &[("forum", "demo"), ("run", &run_id), ("day", "2027-06-22")],
        )
        .await;
    assert_eq!(res.status(), 303, "{}", res.text().await.unwrap());
    for s in programme_session::Entity::find()
        .all(&app.db)
        .await
        .unwrap()
    {
        if s.title != "Fixed" {
            assert!(
                s.slot_id.is_none_or(|t| day1.contains(&t)),
                "{} placed on day 1 or not yet",
                s.title
            );
        }
    }
    let res = organiser
        .submit(
            PAGE,
            "/api/programme/accept-run",
            &[("forum", "demo"), ("run", &run_id), ("day", "")],
        )
        .await;
    assert_eq!(res.status(), 303);
    let (a, b, c) = (
        session(&app, "Opening").await,
        session(&app, "Data flows").await,
        session(&app, "Youth").await,
    );
    let fixed = session(&app, "Fixed").await;
    assert_eq!(
        (fixed.room_id, fixed.slot_id, fixed.pinned),
        (Some(rooms[1].id), Some(day2_late), true),
        "pinned stays"
    );
    assert_eq!(
        a.room_id,
        Some(rooms[0].id),
        "interpretation is in the Hall only"
    );
    assert_ne!(a.slot_id, b.slot_id, "Lena is not in two places");
    assert!(!day1.contains(&c.slot_id.unwrap()), "Omar is away on day 1");
    assert!(
        schedule_change::Entity::find()
            .count(&app.db)
            .await
            .unwrap()
            >= 4
    );
    assert_no_hard_problems(&organiser).await;
    let res = organiser
        .submit(
            PAGE,
            "/api/programme/accept-run",
            &[("forum", "demo"), ("run", &run_id), ("day", "")],
        )
        .await;
    assert_eq!(res.status(), 422, "accepted once");
    let (status, html) = organiser.get_text(PAGE).await;
    assert_eq!(status, 200);
    assert!(html.contains(&translate(Locale::En, "scheduler.accepted")));
    assert!(html.contains(&translate(Locale::En, "solver.goal.overflow-total")));

    // A room closes on day 2: a re-plan moves few sessions and fixes it.
    let mut hall_row: room::ActiveModel = rooms[0].clone().into();
    hall_row.closed_days = Set("2027-06-23".into());
    hall_row.update(&app.db).await.unwrap();
    let before: Vec<(Uuid, Option<Uuid>, Option<Uuid>)> = programme_session::Entity::find()
        .all(&app.db)
        .await
        .unwrap()
        .into_iter()
        .map(|s| (s.id, s.room_id, s.slot_id))
        .collect();
    assert_eq!(start(&organiser, "replan", "2", &[]).await.status(), 303);
    let page = finished(&organiser).await;
    let run = &page["latest"];
    assert_eq!(
        (run["status"].as_str(), run["mode"].as_str()),
        (Some("done"), Some("replan"))
    );
    assert_eq!(run["result"]["hard_violations"], 0, "{run}");
    let run_id = run["id"].as_str().unwrap().to_string();
    organiser
        .submit(
            PAGE,
            "/api/programme/accept-run",
            &[("forum", "demo"), ("run", &run_id), ("day", "")],
        )
        .await;
    let after = programme_session::Entity::find()
        .all(&app.db)
        .await
        .unwrap();
    let moved = after
        .iter()
        .filter(|s| {
            before
                .iter()
                .any(|(id, r, t)| *id == s.id && (*r, *t) != (s.room_id, s.slot_id))
        })
        .count();
    assert!(moved <= 2, "{moved} moved");
    assert_no_hard_problems(&organiser).await;
}

async fn impossible_programmes_and_bad_runs_are_refused(backend: Backend) {
    let (app, organiser) = seeded(backend, &[("Hall", "300", &[])], "09:00").await;
    // Nothing to schedule yet.
    let res = start(&organiser, "fresh", "1", &[]).await;
    assert_eq!(res.status(), 422);
    assert!(res
        .text()
        .await
        .unwrap()
        .contains(&translate(Locale::En, "scheduler.nothing-to-schedule")));
    for n in 0..3 {
        let title = format!("Talk {n}");
        new_session(&organiser, &title, "10", &[]).await;
        let s = session(&app, &title).await;
        person(&organiser, &s, "busy@example.org", &[]).await;
    }
    for (mode, seconds, weights, key) in [
        ("fresh", "0", vec![], "scheduler.time-invalid"),
        ("fresh", "121", vec![], "scheduler.time-invalid"),
        (
            "fresh",
            "1",
            vec![("overflow-total", "-1")],
            "scheduler.weight-invalid",
        ),
        ("sometimes", "1", vec![], "field.choice-invalid"),
    ] {
        let res = start(&organiser, mode, seconds, &weights).await;
        assert_eq!(res.status(), 422, "{mode} {seconds} {weights:?}");
        assert!(
            res.text()
                .await
                .unwrap()
                .contains(&translate(Locale::En, key)),
            "{key}"
        );
    }
    assert_eq!(
        app::db::schedule_run::Entity::find()
            .count(&app.db)
            .await
            .unwrap(),
        0
    );
    // One person in three sessions, two times in all: no programme exists.
    assert_eq!(start(&organiser, "fresh", "5", &[]).await.status(), 303);
    let page = finished(&organiser).await;
    let run = &page["latest"];
    assert_eq!(run["status"], "infeasible", "{run}");
    assert!(!run["result"]["reasons"].as_array().unwrap().is_empty());
    let (_, html) = organiser.get_text(PAGE).await;
    assert!(html.contains(&translate(Locale::En, "scheduler.infeasible")));
    let run_id = run["id"].as_str().unwrap().to_string();
    let res = organiser
        .submit(
            PAGE,
            "/api/programme/accept-run",
            &[("forum", "demo"), ("run", &run_id), ("day", "")],
        )
        .await;
    assert_eq!(res.status(), 422, "nothing to accept");

    // A run in progress (as another organiser's would be): a second start
    // is refused; stopping one no longer running here closes it.
    let running = uuid::Uuid::new_v4();
    let forum = app::db::forum::Entity::find()
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    app::db::schedule_run::ActiveModel {
        id: Set(running),
        forum_id: Set(forum.id),
        started_by: Set(None),
        started_at: Set(chrono::Utc::now()),
        finished_at: Set(None),
        mode: Set("fresh".into()),
        status: Set("running".into()),
        progress: Set(40),
        hard_violations: Set(Some(2)),
        score: Set(None),
        settings: Set(String::new()),
        result: Set(String::new()),
        accepted_at: Set(None),
    }
    .insert(&app.db)
    .await
    .unwrap();
    let (_, html) = organiser.get_text(PAGE).await;
    assert!(
        html.contains(r#"<progress id="run-progress" max="100" value="40">"#),
        "progress shown"
    );
    assert!(html.contains(&translate(Locale::En, "scheduler.stop")));
    let res = start(&organiser, "fresh", "1", &[]).await;
    assert_eq!(res.status(), 422);
    assert!(res
        .text()
        .await
        .unwrap()
        .contains(&translate(Locale::En, "scheduler.already-running")));
    let id = running.to_string();
    let res = organiser
        .submit(
            PAGE,
            "/api/programme/stop-run",
            &[("forum", "demo"), ("run", &id)],
        )
        .await;
    assert_eq!(res.status(), 303);
    let page = finished(&organiser).await;
    assert_eq!(page["latest"]["status"], "stopped");
    let res = organiser
        .submit(
            PAGE,
            "/api/programme/stop-run",
            &[("forum", "demo"), ("run", &id)],
        )
        .await;
    assert_eq!(res.status(), 422, "not running any more");
}

on_both!(
    the_scheduler_drafts_a_clash_free_programme_accepted_by_day,
    impossible_programmes_and_bad_runs_are_refused,
);
