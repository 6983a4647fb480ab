//! Reminder mails: the organisers' lead time and digest hour, each
//! participant's choice (before each session, a daily digest, none); a
//! reminder for a starred or signed-up session leaves once, within the
//! lead time, with the person's join link for a session followed online;
//! people not approved or who said no get none; two workers at once send
//! each reminder once; bad settings and choices are refused with nothing
//! changed.

use crate::on_both;
use crate::registration::{person, register, row_of};
use crate::release::publish;
use crate::schedule::{move_to, new_session, seeded, session};
use crate::support::{has_input_value, Backend, Browser, TestApp};
use app::db::{join_link, outbox_message, registration_setup, reminder_sent};
use app::i18n::{translate, Locale};
use app::programme::changes::session_key;
use app::reminders::service::{send_due, Sent};
use chrono::{DateTime, Duration, Utc};
use sea_orm::{entity::prelude::*, ActiveValue::Set, PaginatorTrait, QueryFilter};

const MEETING: &str = "https://meet.example/room-b";

fn en(key: &str) -> String {
    translate(Locale::En, key)
}

async fn reminder_setup(organiser: &Browser, lead: &str, hour: &str) -> reqwest::Response {
    organiser
        .submit(
            "/forums/demo/registrations",
            "/api/registration/setup",
            &[
                ("forum", "demo"),
                ("open", "on"),
                ("closes_at", ""),
                ("onsite_capacity", ""),
                ("privacy_notice", "Privacy notice."),
                ("reminder_lead_minutes", lead),
                ("digest_hour", hour),
            ],
        )
        .await
}

async fn choose(b: &Browser, choice: &str) -> reqwest::Response {
    b.submit(
        "/forums/demo/register",
        "/api/registration/reminders",
        &[("forum", "demo"), ("reminders", choice)],
    )
    .await
}

async fn star(b: &Browser, key: &str) {
    let res = b
        .submit(
            "/forums/demo/programme",
            "/api/agenda/star",
            &[("forum", "demo"), ("session", key), ("on", "on")],
        )
        .await;
    assert_eq!(res.status(), 303);
}

async fn run(app: &TestApp, at: DateTime<Utc>) -> Sent {
    let state = &app.running.state;
    send_due(&app.db, &state.settings, &state.programme, at)
        .await
        .unwrap()
}

async fn mails_to(app: &TestApp, to: &str) -> Vec<outbox_message::Model> {
    outbox_message::Entity::find()
        .filter(outbox_message::Column::ToAddr.eq(to))
        .filter(outbox_message::Column::Template.starts_with("reminder-"))
        .all(&app.db)
        .await
        .unwrap()
}

async fn starts_at(app: &TestApp, code: &str) -> DateTime<Utc> {
    let state = &app.running.state;
    let r = state
        .programme
        .released(&app.db, &state.settings, "demo")
        .await
        .unwrap()
        .unwrap();
    r.snapshot
        .sessions
        .iter()
        .find(|s| s.code == code)
        .unwrap()
        .at
        .starts_at
}

async fn participants_are_reminded_once_with_their_join_links(backend: Backend) {
    let (app, organiser, v) = seeded(backend).await;
    new_session(&organiser, "Hybrid dialogue", "", &[]).await;
    new_session(&organiser, "Plenary later", "", &[]).await;
    let hybrid = session(&app, "Hybrid dialogue").await;
    let later = session(&app, "Plenary later").await;
    let mut a: app::db::programme_session::ActiveModel = hybrid.clone().into();
    a.hybrid = Set(true);
    a.update(&app.db).await.unwrap();
    for (title, room, slot) in [
        ("Hybrid dialogue", v.small, v.slots[0]),
        ("Plenary later", v.hall, v.slots[1]),
    ] {
        assert_eq!(
            move_to(&app, &organiser, title, Some(room), Some(slot)).await,
            303
        );
    }
    assert_eq!(publish(&organiser, "").await, 303);
    let room_page = format!("/forums/demo/venue/rooms/{}", v.small);
    let res = organiser
        .submit(
            &room_page,
            "/api/participation/room-meeting",
            &[
                ("forum", "demo"),
                ("id", &v.small.to_string()),
                ("meeting_url", MEETING),
                ("meeting_id", "111"),
                ("meeting_passcode", ""),
            ],
        )
        .await;
    assert_eq!(res.status(), 303);

    // The organisers' settings: bad values refused beside their fields,
    // nothing saved; then 45 minutes ahead, digests at 07:00.
    for (lead, hour, field, message) in [
        (
            "1441",
            "7",
            "reminder_lead_minutes",
            "reminders.lead-invalid",
        ),
        ("-5", "7", "reminder_lead_minutes", "reminders.lead-invalid"),
        ("30", "24", "digest_hour", "reminders.hour-invalid"),
    ] {
        let res = reminder_setup(&organiser, lead, hour).await;
        assert_eq!(res.status(), 422, "{lead} {hour}");
        let body = res.text().await.unwrap();
        assert!(body.contains(&en(message)), "{field}");
        assert!(has_input_value(
            &body,
            field,
            if field == "digest_hour" { hour } else { lead }
        ));
    }
    let saved = registration_setup::Entity::find()
        .all(&app.db)
        .await
        .unwrap();
    assert!(
        saved
            .iter()
            .all(|s| s.digest_hour != 24 && s.reminder_lead_minutes != 1441),
        "nothing saved"
    );
    assert_eq!(reminder_setup(&organiser, "45", "7").await.status(), 303);
    let (_, page) = organiser.get_text("/forums/demo/registrations").await;
    assert!(has_input_value(&page, "reminder_lead_minutes", "45"));
    assert!(has_input_value(&page, "digest_hour", "7"));

    let ann = person(&app, "Ann Each", "ann@example.org").await;
    let bob = person(&app, "Bob Digest", "bob@example.org").await;
    let cat = person(&app, "Cat Pending", "cat@example.org").await;
    let dan = person(&app, "Dan Off", "dan@example.org").await;
    let eli = person(&app, "Eli Unregistered", "eli@example.org").await;
    for b in [&ann, &bob, &dan] {
        assert_eq!(register(b, "online", true).await.status(), 303);
    }
    assert_eq!(register(&cat, "onsite", true).await.status(), 303);
    // Choices: a bad one refused, nothing changed; someone not registered
    // told to register.
    let res = choose(&bob, "sometimes").await;
    assert_eq!(res.status(), 422);
    assert!(res
        .text()
        .await
        .unwrap()
        .contains(&en("reminders.choice-invalid")));
    assert_eq!(row_of(&app, "bob@example.org").await.reminders, "each");
    let res = choose(&eli, "digest").await;
    assert_eq!(res.status(), 409);
    assert!(res
        .text()
        .await
        .unwrap()
        .contains(&en("reminders.not-registered")));
    assert_eq!(choose(&bob, "digest").await.status(), 303);
    assert_eq!(choose(&dan, "off").await.status(), 303);
    assert_eq!(row_of(&app, "bob@example.org").await.reminders, "digest");
    let (_, page) = bob
        .get_text("/forums/demo/register?notice=reminders-saved")
        .await;
    assert!(page.contains(&en("notice.reminders-saved")));
    assert!(page.contains(r#"<option value="digest" selected"#));

    let (hybrid_key, later_key) = (session_key(&hybrid.code), session_key(&later.code));
    for b in [&ann, &bob, &cat, &dan, &eli] {
        star(b, &hybrid_key).await;
    }
    // Ann signs up for the later one (signing up stars it too).
    let res = ann
        .submit(
            &format!("/forums/demo/session/{later_key}"),
            "/api/participation/sign-up",
            &[("forum", "demo"), ("session", &later_key)],
        )
        .await;
    assert_eq!(res.status(), 303);
    star(&bob, &later_key).await;

    let first = starts_at(&app, &hybrid.code).await;
    let second = starts_at(&app, &later.code).await;
    assert!(second - first >= Duration::minutes(90));
    // Before the lead time, and before the digest hour: nothing.
    // 07:00 in Geneva (summer time) on the day.
    let digest_hour = first.date_naive().and_hms_opt(5, 0, 0).unwrap().and_utc();
    assert!(digest_hour < first - Duration::minutes(45));
    assert_eq!(
        run(&app, digest_hour - Duration::minutes(1)).await,
        Sent::default()
    );
    // After the digest hour, before the lead time: Bob's digest of both
    // sessions (his time has come), no session reminder yet.
    assert_eq!(
        run(&app, first - Duration::minutes(46)).await,
        Sent {
            sessions: 0,
            digests: 1
        }
    );
    // Within the lead time: Ann's reminder, with her personal join link;
    // nobody else.
    let now = first - Duration::minutes(30);
    assert_eq!(
        run(&app, now).await,
        Sent {
            sessions: 1,
            digests: 0
        }
    );
    let to_ann = mails_to(&app, "ann@example.org").await;
    assert_eq!(to_ann.len(), 1);
    assert_eq!(to_ann[0].template, "reminder-session");
    assert!(to_ann[0].subject.contains("Hybrid dialogue"));
    let token = join_link::Entity::find()
        .filter(join_link::Column::SessionId.eq(hybrid.id))
        .filter(join_link::Column::UserId.eq(row_of(&app, "ann@example.org").await.user_id))
        .one(&app.db)
        .await
        .unwrap()
        .expect("a join link made for the reminder")
        .token;
    let link = format!("/join/{token}");
    assert!(to_ann[0].body_text.contains(&link));
    assert!(to_ann[0].body_html.contains(&format!(
        "<a href=\"{}{link}\"",
        app.running.state.settings.base_url
    )));
    assert!(
        !to_ann[0].body_text.contains("meet.example"),
        "never the meeting itself"
    );
    let (status, page) = ann.get_text(&link).await;
    assert_eq!(status, 200);
    assert!(
        page.contains(MEETING),
        "the mailed link opens the meeting for Ann"
    );
    let to_bob = mails_to(&app, "bob@example.org").await;
    assert_eq!(to_bob.len(), 1);
    assert_eq!(to_bob[0].template, "reminder-digest");
    let body = &to_bob[0].body_text;
    let (h, l) = (
        body.find("Hybrid dialogue").unwrap(),
        body.find("Plenary later").unwrap(),
    );
    assert!(h < l, "in time order");
    assert_eq!(
        body.matches("/join/").count(),
        1,
        "a join link for the hybrid one only"
    );
    for quiet in ["cat@example.org", "dan@example.org", "eli@example.org"] {
        assert!(mails_to(&app, quiet).await.is_empty(), "{quiet}");
    }

    // Again: nothing new, even with two workers at once.
    let (a, b) = tokio::join!(run(&app, now), run(&app, now + Duration::minutes(1)));
    assert_eq!((a, b), (Sent::default(), Sent::default()));

    // The later session: Ann's second reminder (onsite room: no join
    // link); Bob's digest is not sent twice.
    let now = second - Duration::minutes(10);
    let (a, b) = tokio::join!(run(&app, now), run(&app, now));
    assert_eq!(a.sessions + b.sessions, 1, "two workers, one reminder");
    assert_eq!(a.digests + b.digests, 0);
    let to_ann = mails_to(&app, "ann@example.org").await;
    assert_eq!(to_ann.len(), 2);
    let second_mail = to_ann
        .iter()
        .find(|m| m.subject.contains("Plenary later"))
        .unwrap();
    assert!(!second_mail.body_text.contains("/join/"));
    assert_eq!(mails_to(&app, "bob@example.org").await.len(), 1);
    assert_eq!(
        reminder_sent::Entity::find().count(&app.db).await.unwrap(),
        3
    );

    // A lead of 0 sends no session reminders.
    assert_eq!(reminder_setup(&organiser, "0", "7").await.status(), 303);
    let fay = person(&app, "Fay Late", "fay@example.org").await;
    assert_eq!(register(&fay, "online", true).await.status(), 303);
    star(&fay, &later_key).await;
    assert_eq!(
        run(&app, second - Duration::minutes(5)).await,
        Sent::default()
    );
}

on_both!(participants_are_reminded_once_with_their_join_links,);
