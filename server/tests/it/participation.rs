//! Session sign-up on the released programme: only approved participants;
//! onsite seats up to the session's limit (or its room's capacity), then a
//! waiting list that moves up in order with a mail; online participants
//! without a seat; clashes named; twice refused; labels on the programme;
//! the organisers' limit and list. Concurrent sign-ups for the last seats
//! leave exactly the limit signed up.

use crate::on_both;
use crate::registration::{decide, location, person, register, row_of, setup};
use crate::release::publish;
use crate::schedule::{move_to, new_session, seeded, session};
use crate::support::{has_input_value, Backend, Browser, TestApp};
use app::db::{outbox_message, programme_session, session_signup};
use app::i18n::{translate, Locale};
use app::programme::changes::session_key;
use sea_orm::{entity::prelude::*, PaginatorTrait, QueryFilter};

fn en(key: &str) -> String {
    translate(Locale::En, key)
}

async fn sign_up(b: &Browser, key: &str) -> reqwest::Response {
    b.submit(
        &format!("/forums/demo/session/{key}"),
        "/api/participation/sign-up",
        &[("forum", "demo"), ("session", key)],
    )
    .await
}

async fn cancel(b: &Browser, key: &str) -> reqwest::Response {
    b.submit(
        &format!("/forums/demo/session/{key}"),
        "/api/participation/cancel",
        &[("forum", "demo"), ("session", key)],
    )
    .await
}

async fn limit(organiser: &Browser, id: Uuid, seats: &str) -> reqwest::Response {
    let page = format!("/forums/demo/programme/sessions/{id}");
    organiser
        .submit(
            &page,
            "/api/participation/seat-limit",
            &[
                ("forum", "demo"),
                ("id", &id.to_string()),
                ("seat_limit", seats),
            ],
        )
        .await
}

async fn states(app: &TestApp, id: Uuid) -> Vec<(String, String)> {
    let mut rows: Vec<(String, String)> = session_signup::Entity::find()
        .filter(session_signup::Column::SessionId.eq(id))
        .find_also_related(app::db::user::Entity)
        .all(&app.db)
        .await
        .unwrap()
        .into_iter()
        .map(|(s, u)| (u.unwrap().email, s.state))
        .collect();
    rows.sort();
    rows
}

async fn mails(app: &TestApp, template: &str) -> u64 {
    outbox_message::Entity::find()
        .filter(outbox_message::Column::Template.eq(template))
        .count(&app.db)
        .await
        .unwrap()
}

/// Two sessions at the same time, released; registration open.
async fn released_pair(backend: Backend) -> (TestApp, Browser, Uuid, Uuid) {
    let (app, organiser, v) = seeded(backend).await;
    new_session(&organiser, "Small room talk", "", &[]).await;
    new_session(&organiser, "Hall keynote", "", &[]).await;
    assert_eq!(
        move_to(
            &app,
            &organiser,
            "Small room talk",
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
            "Hall keynote",
            Some(v.hall),
            Some(v.slots[0])
        )
        .await,
        303
    );
    assert_eq!(publish(&organiser, "").await, 303);
    assert_eq!(setup(&organiser, "", "Privacy notice.").await.status(), 303);
    let small = session(&app, "Small room talk").await.id;
    let hall = session(&app, "Hall keynote").await.id;
    (app, organiser, small, hall)
}

async fn participants_sign_up_wait_and_move_up(backend: Backend) {
    let (app, organiser, small, hall) = released_pair(backend).await;
    let small_key = session_key(&session(&app, "Small room talk").await.code);
    let hall_key = session_key(&session(&app, "Hall keynote").await.code);

    let mut people = vec![];
    for (name, email, mode) in [
        ("Ana Onsite", "ana@example.org", "onsite"),
        ("Ben Onsite", "ben@example.org", "onsite"),
        ("Cal Onsite", "cal@example.org", "onsite"),
        ("Dee Online", "dee@example.org", "online"),
        ("Eve Pending", "eve@example.org", "onsite"),
    ] {
        let b = person(&app, name, email).await;
        assert_eq!(register(&b, mode, true).await.status(), 303);
        people.push(b);
    }
    let mut ids = vec![];
    for email in ["ana@example.org", "ben@example.org", "cal@example.org"] {
        ids.push(row_of(&app, email).await.id.to_string());
    }
    let refs: Vec<&str> = ids.iter().map(String::as_str).collect();
    assert_eq!(decide(&organiser, "approve", &refs, "").await, 303);
    let [ana, ben, cal, dee, eve] = &people[..] else {
        unreachable!()
    };

    // The organisers limit the small room's session to two seats.
    let res = limit(&organiser, small, "-1").await;
    assert_eq!(res.status(), 422);
    let html = res.text().await.unwrap();
    assert!(html.contains(&en("participation.limit-invalid")));
    assert!(has_input_value(&html, "seat_limit", "-1"));
    assert_eq!(limit(&organiser, small, "2").await.status(), 303);

    // Not approved yet: refused, nothing stored.
    let res = sign_up(eve, &small_key).await;
    assert_eq!(res.status(), 409);
    let html = res.text().await.unwrap();
    assert!(html.contains(&en("participation.not-registered")));
    assert!(states(&app, small).await.is_empty());
    // A session not in the programme is not found.
    assert_eq!(sign_up(ana, "NOPE-9").await.status(), 404);

    // Seats while there are any; a clash is named; then the waiting list.
    let res = sign_up(ana, &hall_key).await;
    assert_eq!(res.status(), 303);
    assert!(location(&res).ends_with("notice=signed-up"));
    let res = sign_up(ana, &small_key).await;
    assert!(location(&res).ends_with("notice=signed-up-clash"));
    let (_, page) = ana
        .get_text(&format!("/forums/demo/session/{small_key}"))
        .await;
    assert!(page.contains(&en("participation.clash")) && page.contains("Hall keynote"));
    assert!(page.contains(&en("participation.you-have-a-seat")));
    assert!(location(&sign_up(ben, &small_key).await).ends_with("notice=signed-up"));
    assert!(location(&sign_up(cal, &small_key).await).ends_with("notice=signup-waiting"));
    // Online: signed up, no seat taken.
    assert!(location(&sign_up(dee, &small_key).await).ends_with("notice=signed-up"));
    // Twice: refused, nothing changed.
    let before = states(&app, small).await;
    let res = sign_up(ana, &small_key).await;
    assert_eq!(res.status(), 409);
    assert!(res
        .text()
        .await
        .unwrap()
        .contains(&en("participation.already")));
    assert_eq!(states(&app, small).await, before);
    assert_eq!(
        before,
        vec![
            ("ana@example.org".into(), "signed-up".into()),
            ("ben@example.org".into(), "signed-up".into()),
            ("cal@example.org".into(), "waiting".into()),
            ("dee@example.org".into(), "signed-up".into()),
        ]
    );
    assert_eq!(session(&app, "Small room talk").await.seats_taken, 2);
    let (_, page) = cal
        .get_text(&format!("/forums/demo/session/{small_key}"))
        .await;
    assert!(page.contains(&translate_with_place(1)));
    let mail = app.smtp.wait_for("cal@example.org", "waiting list").await;
    // The session's day and times in the mail, the day named as on the site.
    let day = app::venue::day_label(Locale::En, "2027-06-22", Some(1));
    assert!(
        mail.text().contains(&format!("{day} 09:00")),
        "{}",
        mail.text()
    );
    app.smtp.wait_for("dee@example.org", "signed up for").await;
    assert_eq!(mails(&app, "signup-confirmed").await, 4);
    assert_eq!(mails(&app, "signup-waitlisted").await, 1);

    // The programme says it is full; the organisers see who.
    let (_, list) = app
        .browser()
        .get_afresh("/forums/demo/programme?day=all")
        .await;
    assert!(list.contains(&format!(
        r#"<span class="badge">{}</span>"#,
        en("participation.full")
    )));
    let (_, page) = organiser
        .get_text(&format!("/forums/demo/programme/sessions/{small}"))
        .await;
    assert!(page.contains("cal@example.org") && page.contains(&en("participation.state.waiting")));

    // Ana cancels: Cal moves up and is told; cancelling again is refused.
    let res = cancel(ana, &small_key).await;
    assert!(location(&res).ends_with("notice=signup-cancelled"));
    let mail = app
        .smtp
        .wait_for("cal@example.org", "a seat is yours")
        .await;
    assert!(mail
        .text()
        .contains(&format!("/forums/demo/session/{small_key}")));
    assert_eq!(cancel(ana, &small_key).await.status(), 409);
    assert_eq!(
        states(&app, small).await[..3],
        [
            ("ana@example.org".into(), "cancelled".into()),
            ("ben@example.org".into(), "signed-up".into()),
            ("cal@example.org".into(), "signed-up".into()),
        ]
    );
    assert_eq!(session(&app, "Small room talk").await.seats_taken, 2);

    // Ana comes back to the end of the list; a higher limit lets her in.
    assert!(location(&sign_up(ana, &small_key).await).ends_with("notice=signup-waiting"));
    assert_eq!(limit(&organiser, small, "3").await.status(), 303);
    app.smtp
        .wait_for("ana@example.org", "a seat is yours")
        .await;
    let s: programme_session::Model = session(&app, "Small room talk").await;
    assert_eq!((s.seat_limit, s.seats_taken), (Some(3), 3));
    assert_eq!(mails(&app, "signup-promoted").await, 2);

    // Ben cancels his registration: his sign-ups end with it, his seat frees.
    let res = ben
        .submit(
            "/forums/demo/register",
            "/api/registration/cancel",
            &[("forum", "demo")],
        )
        .await;
    assert_eq!(res.status(), 303);
    assert!(states(&app, small)
        .await
        .contains(&("ben@example.org".into(), "cancelled".into())));
    assert_eq!(session(&app, "Small room talk").await.seats_taken, 2);
    assert!(states(&app, hall)
        .await
        .iter()
        .all(|(e, _)| e != "ben@example.org"));
}

fn translate_with_place(place: u32) -> String {
    app::i18n::translate_with(
        Locale::En,
        "participation.your-place",
        &[("place", &place.to_string())],
    )
}

/// Twelve approved participants sign up at once for a session with five
/// seats: exactly five get one, seven wait, twelve mails.
async fn concurrent_sign_ups_never_overbook(backend: Backend) {
    let (app, _organiser, small, _) = released_pair(backend).await;
    let key = session_key(&session(&app, "Small room talk").await.code);
    server::demo::participants::limit_seats(&app.db, "demo", &[small], 5)
        .await
        .unwrap();
    let people = server::demo::participants::seed(&app.db, "demo", "c", 12, "approved")
        .await
        .unwrap();
    let runs = people.iter().map(|p| {
        let client = reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .unwrap();
        let base = app.base.clone();
        let key = key.clone();
        let cookie = format!("plenum_session={}", p.cookie);
        async move {
            client
                .post(format!("{base}/api/participation/sign-up"))
                .header("accept", "text/html")
                .header("origin", &base)
                .header("cookie", cookie)
                .form(&[("forum", "demo"), ("session", key.as_str())])
                .send()
                .await
                .unwrap()
                .status()
                .as_u16()
        }
    });
    for status in futures::future::join_all(runs).await {
        assert_eq!(status, 303);
    }
    let count = |state: &'static str| {
        let db = app.db.clone();
        async move {
            session_signup::Entity::find()
                .filter(session_signup::Column::SessionId.eq(small))
                .filter(session_signup::Column::State.eq(state))
                .count(&db)
                .await
                .unwrap()
        }
    };
    assert_eq!(count("signed-up").await, 5, "never more than the seats");
    assert_eq!(count("waiting").await, 7);
    assert_eq!(session(&app, "Small room talk").await.seats_taken, 5);
    assert_eq!(
        mails(&app, "signup-confirmed").await + mails(&app, "signup-waitlisted").await,
        12
    );
}

on_both!(
    participants_sign_up_wait_and_move_up,
    concurrent_sign_ups_never_overbook,
);
