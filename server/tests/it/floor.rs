//! Floor requests: participants onsite and online ask for the floor while
//! the moderators have the queue open; the moderators (the edition's
//! organisers and the session's own moderators) give the floor in order and
//! mark turns done; open pages hear of each change at once (server-sent
//! events); refusals say why and change nothing; the page costs the same
//! statements however long the queue.

use crate::on_both;
use crate::registration::{decide, person, register, row_of, setup};
use crate::release::publish;
use crate::schedule::{move_to, new_session, seeded, session};
use crate::support::{statements_for, Backend, Browser, TestApp};
use app::db::{floor_request, session_person};
use app::floor::FloorState;
use app::i18n::{translate, Locale};
use app::programme::changes::session_key;
use sea_orm::{entity::prelude::*, ActiveValue::Set, PaginatorTrait, QueryFilter};
use std::time::Duration;

fn en(key: &str) -> String {
    translate(Locale::En, key)
}

struct Floor {
    page: String,
    key: String,
}

impl Floor {
    async fn post(&self, b: &Browser, action: &str, extra: &[(&str, &str)]) -> reqwest::Response {
        let mut fields = vec![("forum", "demo"), ("session", self.key.as_str())];
        fields.extend_from_slice(extra);
        b.submit(&self.page, &format!("/api/floor/{action}"), &fields)
            .await
    }
}

async fn state_of(app: &TestApp, email: &str) -> FloorState {
    let who = row_of(app, email).await.user_id;
    let r = floor_request::Entity::find()
        .filter(floor_request::Column::UserId.eq(who))
        .one(&app.db)
        .await
        .unwrap()
        .expect("a request");
    FloorState::from_code(&r.state).unwrap()
}

async fn request_id(app: &TestApp, email: &str) -> String {
    let who = row_of(app, email).await.user_id;
    floor_request::Entity::find()
        .filter(floor_request::Column::UserId.eq(who))
        .one(&app.db)
        .await
        .unwrap()
        .unwrap()
        .id
        .to_string()
}

/// The next message of an event stream, within a few seconds.
async fn next_event(res: &mut reqwest::Response) -> String {
    let mut text = String::new();
    while !text.contains("\n\n") {
        let chunk = tokio::time::timeout(Duration::from_secs(5), res.chunk())
            .await
            .expect("an event in time")
            .unwrap()
            .expect("the stream stays open");
        text.push_str(&String::from_utf8_lossy(&chunk));
    }
    text
}

async fn the_floor_is_asked_for_given_and_done(backend: Backend) {
    let (app, organiser, v) = seeded(backend).await;
    new_session(&organiser, "Open microphone", "", &[]).await;
    let s = session(&app, "Open microphone").await;
    assert_eq!(
        move_to(
            &app,
            &organiser,
            "Open microphone",
            Some(v.hall),
            Some(v.slots[0])
        )
        .await,
        303
    );
    assert_eq!(publish(&organiser, "").await, 303);
    assert_eq!(setup(&organiser, "", "Privacy notice.").await.status(), 303);
    let key = session_key(&s.code);
    let floor = Floor {
        page: format!("/forums/demo/session/{key}/floor"),
        key: key.clone(),
    };

    let ann = person(&app, "Ann Online", "ann@example.org").await;
    let bob = person(&app, "Bob Onsite", "bob@example.org").await;
    let cat = person(&app, "Cat Unregistered", "cat@example.org").await;
    let dee = person(&app, "Dee Moderator", "dee@example.org").await;
    assert_eq!(register(&ann, "online", true).await.status(), 303);
    assert_eq!(register(&bob, "onsite", true).await.status(), 303);
    assert_eq!(register(&dee, "online", true).await.status(), 303);
    let bob_row = row_of(&app, "bob@example.org").await.id.to_string();
    assert_eq!(decide(&organiser, "approve", &[&bob_row], "").await, 303);

    // The session page links to it; anonymous visitors are asked to sign
    // in and see no queue; someone not registered is told to register.
    let visitor = app.browser();
    let (_, page) = visitor
        .get_afresh(&format!("/forums/demo/session/{key}"))
        .await;
    assert!(page.contains(&floor.page));
    let (status, page) = visitor.get_afresh(&floor.page).await;
    assert_eq!(status, 200);
    assert!(page.contains(&en("floor.sign-in")) && !page.contains(&en("floor.queue")));
    let (_, page) = cat.get_text(&floor.page).await;
    assert!(page.contains(&en("floor.register-first")));
    let events = format!("{}/events", floor.page);
    assert_eq!(visitor.get(&events).await.status(), 401);
    assert_eq!(cat.get(&events).await.status(), 403);

    // Closed: asking is refused; only moderators open it.
    let res = floor.post(&ann, "ask", &[("topic", "")]).await;
    assert_eq!(res.status(), 409);
    assert!(res.text().await.unwrap().contains(&en("floor.closed")));
    assert_eq!(
        floor.post(&ann, "open", &[("open", "on")]).await.status(),
        403
    );
    assert_eq!(
        floor
            .post(&organiser, "open", &[("open", "on")])
            .await
            .status(),
        303
    );

    // The moderator's page listens: a message at once, then one per change.
    let mut stream = organiser
        .client
        .get(format!("{}{events}", app.base))
        .send()
        .await
        .unwrap();
    assert_eq!(stream.status(), 200);
    assert!(stream.headers()["content-type"]
        .to_str()
        .unwrap()
        .starts_with("text/event-stream"));
    assert!(next_event(&mut stream).await.contains("data: ready"));

    // Asking: a topic too long is refused beside its field and kept;
    // someone not registered is refused; Ann, then Bob, are queued.
    let long = "x".repeat(201);
    let res = floor.post(&ann, "ask", &[("topic", &long)]).await;
    assert_eq!(res.status(), 422);
    let body = res.text().await.unwrap();
    assert!(body.contains(&en("floor.topic-too-long")) && body.contains(&long));
    let res = floor.post(&cat, "ask", &[("topic", "")]).await;
    assert_eq!(res.status(), 409);
    assert!(res
        .text()
        .await
        .unwrap()
        .contains(&en("participation.not-registered")));
    assert_eq!(
        floor_request::Entity::find().count(&app.db).await.unwrap(),
        0
    );
    assert_eq!(
        floor
            .post(&ann, "ask", &[("topic", "Access in rural areas")])
            .await
            .status(),
        303
    );
    assert!(
        next_event(&mut stream).await.contains("data: changed"),
        "pushed to the open page"
    );
    let res = floor.post(&ann, "ask", &[("topic", "")]).await;
    assert_eq!(res.status(), 409);
    assert!(res.text().await.unwrap().contains(&en("floor.already")));
    assert_eq!(floor.post(&bob, "ask", &[]).await.status(), 303);
    assert!(next_event(&mut stream).await.contains("data: changed"));

    // Everyone taking part sees the same queue, with modes and places.
    let (_, page) = bob
        .get_text(&format!("{}?notice=floor-asked", floor.page))
        .await;
    assert!(page.contains(&en("notice.floor-asked")) && page.contains(&en("floor.you-wait")));
    let queue = &page[page.find("floor-list").unwrap()..];
    let (a, b) = (
        queue.find("Ann Online").unwrap(),
        queue.find("Bob Onsite").unwrap(),
    );
    assert!(a < b, "in the order they asked");
    assert!(page.contains("Access in rural areas"));
    assert!(
        page.contains(&en("registration.mode.online"))
            && page.contains(&en("registration.mode.onsite"))
    );
    assert!(
        !page.contains(&en("floor.give").replace("{name}", "Ann Online")),
        "no moderator controls"
    );

    // Participants cannot give the floor; moderators give it, the speaker
    // before is done; a request no longer waiting is refused.
    let ann_id = request_id(&app, "ann@example.org").await;
    let bob_id = request_id(&app, "bob@example.org").await;
    assert_eq!(
        floor
            .post(&ann, "give", &[("request", &ann_id)])
            .await
            .status(),
        403
    );
    assert_eq!(
        floor
            .post(&organiser, "give", &[("request", &ann_id)])
            .await
            .status(),
        303
    );
    assert_eq!(
        state_of(&app, "ann@example.org").await,
        FloorState::Speaking
    );
    let (_, page) = ann.get_text(&floor.page).await;
    assert!(page.contains(&en("floor.you-speak")));
    assert_eq!(
        floor
            .post(&organiser, "give", &[("request", &bob_id)])
            .await
            .status(),
        303
    );
    assert_eq!(state_of(&app, "ann@example.org").await, FloorState::Done);
    assert_eq!(
        state_of(&app, "bob@example.org").await,
        FloorState::Speaking
    );
    let res = floor
        .post(&organiser, "give", &[("request", &ann_id)])
        .await;
    assert_eq!(res.status(), 409);
    assert!(res.text().await.unwrap().contains(&en("floor.not-waiting")));

    // The session's own moderator, a participant, moderates it too.
    session_person::ActiveModel {
        id: Set(Uuid::new_v4()),
        session_id: Set(s.id),
        role: Set("online-moderator".into()),
        position: Set(9),
        name: Set("Dee Moderator".into()),
        email: Set("dee@example.org".into()),
        organisation: Set(String::new()),
        country: Set(None),
        stakeholder_group: Set(None),
        gender: Set(None),
        onsite: Set(false),
        unavailable_days: Set(String::new()),
    }
    .insert(&app.db)
    .await
    .unwrap();
    let (_, page) = dee.get_text(&floor.page).await;
    assert!(page.contains(&en("floor.done").replace("{name}", "Bob Onsite")));
    assert_eq!(
        floor
            .post(&dee, "done", &[("request", &bob_id)])
            .await
            .status(),
        303
    );
    assert_eq!(state_of(&app, "bob@example.org").await, FloorState::Done);
    let res = floor.post(&dee, "done", &[("request", &bob_id)]).await;
    assert_eq!(res.status(), 409);

    // Asking again after a turn; withdrawing once.
    assert_eq!(floor.post(&bob, "ask", &[]).await.status(), 303);
    assert_eq!(floor.post(&bob, "withdraw", &[]).await.status(), 303);
    assert_eq!(
        state_of(&app, "bob@example.org").await,
        FloorState::Withdrawn
    );
    let res = floor.post(&bob, "withdraw", &[]).await;
    assert_eq!(res.status(), 409);
    assert!(res
        .text()
        .await
        .unwrap()
        .contains(&en("floor.nothing-to-withdraw")));

    // The page's statements do not grow with the queue.
    let before = statements_for(&app, &ann, &floor.page).await;
    for i in 0..6 {
        let extra = person(
            &app,
            &format!("Extra {i}"),
            &format!("extra{i}@example.org"),
        )
        .await;
        assert_eq!(register(&extra, "online", true).await.status(), 303);
        assert_eq!(floor.post(&extra, "ask", &[]).await.status(), 303);
    }
    assert_eq!(statements_for(&app, &ann, &floor.page).await, before);

    // Closing keeps who waits but takes no more requests.
    assert_eq!(floor.post(&organiser, "open", &[]).await.status(), 303);
    assert_eq!(floor.post(&ann, "ask", &[]).await.status(), 409);
    let waiting = floor_request::Entity::find()
        .filter(floor_request::Column::State.eq("waiting"))
        .count(&app.db)
        .await
        .unwrap();
    assert_eq!(waiting, 6);
}

on_both!(the_floor_is_asked_for_given_and_done,);
