//! The personal agenda on the demo's released programme: starring and
//! unstarring from the pages (plain forms), "My agenda" by day with clashes
//! marked (checked against overlaps computed here), the star state on the
//! programme and session pages, the calendar feed at a secret address that a
//! new address or stopping revokes, one person's stars never another's, and
//! the same statements however many sessions are starred.

use crate::on_both;
use crate::schedule::PASSWORD;
use crate::support::{statements_for, Backend, Browser, TestApp};
use app::i18n::{translate, Locale};
use serde_json::Value;
use std::collections::BTreeSet;

const CODE: &str = server::demo::PROGRAMME_CODE;

async fn star(b: &Browser, key: &str, on: bool, back: &str) -> reqwest::Response {
    b.submit(
        back,
        "/api/agenda/star",
        &[
            ("forum", CODE),
            ("session", key),
            ("on", if on { "1" } else { "" }),
            ("back", back),
        ],
    )
    .await
}

async fn agenda(b: &Browser) -> Value {
    let res = b.call("/api/agenda/mine", &[("forum", CODE)]).await;
    assert_eq!(res.status(), 200);
    res.json().await.unwrap()
}

/// (code, codes it clashes with) of every session in an agenda.
fn items(a: &Value) -> Vec<(String, Vec<String>)> {
    let mut out = vec![];
    for d in a["days"].as_array().unwrap() {
        for s in d["sessions"].as_array().unwrap() {
            let with = s["clashes_with"]
                .as_array()
                .unwrap()
                .iter()
                .map(|c| c.as_str().unwrap().to_string())
                .collect();
            out.push((s["code"].as_str().unwrap().to_string(), with));
        }
    }
    out
}

async fn new_feed(b: &Browser) -> String {
    let res = b
        .submit(
            &format!("/forums/{CODE}/agenda"),
            "/api/agenda/new-feed",
            &[("forum", CODE)],
        )
        .await;
    assert_eq!(res.status(), 303);
    let to = res.headers()["location"].to_str().unwrap().to_string();
    to.split("feed=")
        .nth(1)
        .expect("the token in the address")
        .to_string()
}

async fn feed(app: &TestApp, token: &str) -> (u16, String) {
    app.browser()
        .get_text(&format!("/{CODE}/agenda/{token}.ics"))
        .await
}

async fn starring_builds_an_agenda_with_clashes_and_a_revocable_feed(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    assert!(
        server::demo::seed_all(&app.db, server::config::DemoSize::Small, PASSWORD)
            .await
            .unwrap()
    );
    let (_, text) = app
        .browser()
        .get_text(&format!("/api/v1/forums/{CODE}/sessions"))
        .await;
    let all: Vec<Value> = serde_json::from_str::<Value>(&text).unwrap()["sessions"]
        .as_array()
        .unwrap()
        .clone();
    // Two sessions at the same time in two rooms, and one at another time.
    let a = &all[1];
    let b = all
        .iter()
        .find(|s| s["starts_at"] == a["starts_at"] && s["id"] != a["id"])
        .expect("a parallel session");
    let c = all
        .iter()
        .find(|s| s["starts_at"] != a["starts_at"])
        .unwrap();
    let key = |s: &Value| s["key"].as_str().unwrap().to_string();
    let code = |s: &Value| s["code"].as_str().unwrap().to_string();

    let me = app.browser();
    me.sign_in("participant@demo.plenum.localhost", PASSWORD)
        .await;
    let programme = format!(
        "/forums/{CODE}/programme?view=list&day={}",
        a["date"].as_str().unwrap()
    );
    let res = star(&me, &key(a), true, &programme).await;
    assert_eq!(res.status(), 303);
    assert_eq!(
        res.headers()["location"],
        format!("{programme}&notice=agenda-starred").as_str()
    );
    assert_eq!(
        star(&me, &key(a), true, &programme).await.status(),
        303,
        "twice is still once"
    );
    let one_star = statements_for(&app, &me, &format!("/forums/{CODE}/agenda")).await;
    assert_eq!(star(&me, &key(b), true, &programme).await.status(), 303);
    assert_eq!(
        star(
            &me,
            &key(c),
            true,
            &format!("/forums/{CODE}/session/{}", key(c))
        )
        .await
        .status(),
        303
    );
    assert_eq!(star(&me, "NO-SUCH-1", true, &programme).await.status(), 404);
    // Back only to a page of this site.
    let res = star(&me, &key(a), true, "/\\evil.example/x").await;
    assert_eq!(
        res.headers()["location"],
        format!("/forums/{CODE}/agenda?notice=agenda-starred").as_str()
    );

    // My agenda: three sessions; a and b clash with each other, c with none
    // (unless it overlaps them, computed here).
    let got = agenda(&me).await;
    let mut expected: Vec<(String, Vec<String>)> = [a, b, c]
        .iter()
        .map(|s| {
            let start = s["starts_at"].as_str().unwrap();
            let end = s["ends_at"].as_str().unwrap();
            let with: Vec<String> = [a, b, c]
                .iter()
                .filter(|o| o["id"] != s["id"])
                .filter(|o| {
                    let (os, oe) = (
                        o["starts_at"].as_str().unwrap(),
                        o["ends_at"].as_str().unwrap(),
                    );
                    chrono::DateTime::parse_from_rfc3339(os).unwrap()
                        < chrono::DateTime::parse_from_rfc3339(end).unwrap()
                        && chrono::DateTime::parse_from_rfc3339(start).unwrap()
                            < chrono::DateTime::parse_from_rfc3339(oe).unwrap()
                })
                .map(|o| code(o))
                .collect();
            (code(s), with)
        })
        .collect();
    let mut listed = items(&got);
    expected.sort();
    listed.sort();
    assert_eq!(listed, expected);
    assert!(listed
        .iter()
        .any(|(c, with)| *c == code(a) && with.contains(&code(b))));
    assert_eq!(
        got["clashes"].as_u64().unwrap() as usize,
        expected.iter().filter(|e| !e.1.is_empty()).count()
    );
    assert_eq!(
        statements_for(&app, &me, &format!("/forums/{CODE}/agenda")).await,
        one_star,
        "constant"
    );

    // The pages show the star state.
    let (_, page) = me
        .get_text(&format!("/forums/{CODE}/session/{}", key(a)))
        .await;
    assert!(page.contains(&translate(Locale::En, "agenda.unstar")));
    let (_, page) = me.get_text(&programme).await;
    assert!(
        page.contains(&translate(Locale::En, "agenda.unstar"))
            && page.contains(&translate(Locale::En, "agenda.star"))
    );
    let (_, page) = me.get_text(&format!("/forums/{CODE}/agenda")).await;
    assert!(page.contains(&code(b)) && page.contains("class=\"warning\""));

    // Someone else's agenda is their own.
    let other = app.browser();
    other
        .sign_in("reviewer@demo.plenum.localhost", PASSWORD)
        .await;
    assert!(items(&agenda(&other).await).is_empty());

    // The feed: the starred sessions as a calendar, at a secret address.
    let token = new_feed(&me).await;
    let (status, ics) = feed(&app, &token).await;
    assert_eq!(status, 200);
    assert_eq!(ics.matches("BEGIN:VEVENT").count(), 3);
    assert!(ics.contains(&format!("UID:{}@", a["id"].as_str().unwrap())));
    assert_eq!(star(&me, &key(c), false, &programme).await.status(), 303);
    assert_eq!(
        feed(&app, &token).await.1.matches("BEGIN:VEVENT").count(),
        2,
        "follows the agenda"
    );
    assert_eq!(
        app.browser()
            .get_text(&format!("/demo/agenda/{token}.ics"))
            .await
            .0,
        404,
        "another edition"
    );
    let renewed = new_feed(&me).await;
    assert_ne!(renewed, token);
    assert_eq!(
        feed(&app, &token).await.0,
        404,
        "the old address stops working"
    );
    assert_eq!(feed(&app, &renewed).await.0, 200);
    let res = me
        .submit(
            &format!("/forums/{CODE}/agenda"),
            "/api/agenda/stop-feed",
            &[("forum", CODE)],
        )
        .await;
    assert_eq!(res.status(), 303);
    assert_eq!(feed(&app, &renewed).await.0, 404, "stopped");
    assert_eq!(feed(&app, "made-up").await.0, 404);

    // Only signed-in people star.
    assert_eq!(
        star(&app.browser(), &key(a), true, &programme)
            .await
            .status(),
        401
    );
    let codes: BTreeSet<String> = items(&agenda(&me).await)
        .into_iter()
        .map(|(c, _)| c)
        .collect();
    assert_eq!(codes, [code(a), code(b)].into_iter().collect());
}

on_both!(starring_builds_an_agenda_with_clashes_and_a_revocable_feed,);
