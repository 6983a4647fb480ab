//! Remote participation: the organisers set a room's meeting and a
//! session's own; approved participants get a personal join link that opens
//! the meeting for them only, signed in, and records each use; forged,
//! someone else's, revoked or other sessions' links open nothing and say
//! why; the meeting's address is never on a public page or in an export.

use crate::on_both;
use crate::registration::{location, person, register, setup};
use crate::release::publish;
use crate::schedule::{move_to, new_session, seeded, session};
use crate::support::{Backend, Browser, TestApp};
use app::db::{join_link, programme_session};
use app::i18n::{translate, Locale};
use app::programme::changes::session_key;
use sea_orm::{entity::prelude::*, ActiveValue::Set, QueryFilter};

const ROOM_MEETING: &str = "https://meet.example/room-b";
const OWN_MEETING: &str = "https://meet.example/own-42";

fn en(key: &str) -> String {
    translate(Locale::En, key)
}

async fn join_link_of(b: &Browser, key: &str) -> reqwest::Response {
    b.submit(
        &format!("/forums/demo/session/{key}"),
        "/api/participation/join-link",
        &[("forum", "demo"), ("session", key)],
    )
    .await
}

async fn meeting(
    organiser: &Browser,
    action: &str,
    page: &str,
    id: Uuid,
    url: &str,
    code: &str,
) -> u16 {
    organiser
        .submit(
            page,
            action,
            &[
                ("forum", "demo"),
                ("id", &id.to_string()),
                ("meeting_url", url),
                ("meeting_id", code),
                ("meeting_passcode", "pass-7731"),
            ],
        )
        .await
        .status()
        .as_u16()
}

async fn link_row(app: &TestApp, token: &str) -> Option<join_link::Model> {
    join_link::Entity::find()
        .filter(join_link::Column::Token.eq(token))
        .one(&app.db)
        .await
        .unwrap()
}

async fn participants_join_through_personal_links(backend: Backend) {
    let (app, organiser, v) = seeded(backend).await;
    new_session(&organiser, "Hybrid dialogue", "", &[]).await;
    new_session(&organiser, "Onsite only", "", &[]).await;
    let hybrid = session(&app, "Hybrid dialogue").await;
    let mut a: programme_session::ActiveModel = hybrid.clone().into();
    a.hybrid = Set(true);
    a.update(&app.db).await.unwrap();
    assert_eq!(
        move_to(
            &app,
            &organiser,
            "Hybrid dialogue",
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
            "Onsite only",
            Some(v.hall),
            Some(v.slots[0])
        )
        .await,
        303
    );
    assert_eq!(publish(&organiser, "").await, 303);
    assert_eq!(setup(&organiser, "", "Privacy notice.").await.status(), 303);
    let key = session_key(&hybrid.code);
    let onsite_key = session_key(&session(&app, "Onsite only").await.code);
    let session_page = format!("/forums/demo/session/{key}");
    let organiser_page = format!("/forums/demo/programme/sessions/{}", hybrid.id);

    let dee = person(&app, "Dee Online", "dee@example.org").await;
    let fay = person(&app, "Fay Online", "fay@example.org").await;
    let eve = person(&app, "Eve Pending", "eve@example.org").await;
    assert_eq!(register(&dee, "online", true).await.status(), 303);
    assert_eq!(register(&fay, "online", true).await.status(), 303);
    assert_eq!(register(&eve, "onsite", true).await.status(), 303);

    // No meeting yet: no Join button, and no link.
    let (_, page) = dee.get_text(&session_page).await;
    assert!(!page.contains(&en("join.button")));
    assert_eq!(join_link_of(&dee, &key).await.status(), 409);

    // The organisers: a bad address refused; the room's meeting.
    let room_page = format!("/forums/demo/venue/rooms/{}", v.small);
    assert_eq!(
        meeting(
            &organiser,
            "/api/participation/room-meeting",
            &room_page,
            v.small,
            "meet.example",
            "111"
        )
        .await,
        422
    );
    assert_eq!(
        meeting(
            &organiser,
            "/api/participation/room-meeting",
            &room_page,
            v.small,
            ROOM_MEETING,
            "111 222"
        )
        .await,
        303
    );
    let (_, page) = organiser
        .get_text(&format!("{room_page}?notice=meeting-saved"))
        .await;
    assert!(page.contains(&en("notice.meeting-saved")) && page.contains(ROOM_MEETING));

    // Never public: not on the page, not in any export.
    let visitor = app.browser();
    for path in [
        session_page.clone(),
        "/forums/demo/programme?day=all".into(),
        "/demo/schedule.xml".into(),
        "/demo/schedule.json".into(),
        "/demo/schedule.ics".into(),
        "/api/v1/forums/demo/sessions".into(),
    ] {
        let (_, body) = visitor.get_afresh(&path).await;
        assert!(!body.contains("meet.example"), "{path}");
    }
    // Not for someone not approved.
    let res = join_link_of(&eve, &key).await;
    assert_eq!(res.status(), 409);
    assert!(res
        .text()
        .await
        .unwrap()
        .contains(&en("participation.not-registered")));
    // Not for a session followed onsite only.
    let res = join_link_of(&dee, &onsite_key).await;
    assert_eq!(res.status(), 409);

    // Dee: the Join button, then the personal link, then the meeting.
    let (_, page) = dee.get_text(&session_page).await;
    assert!(page.contains(&en("join.button")) && !page.contains("meet.example"));
    let res = join_link_of(&dee, &key).await;
    assert_eq!(res.status(), 303);
    let link = location(&res);
    let token = link
        .strip_prefix("/join/")
        .expect("a join link")
        .to_string();
    assert_eq!(token.len(), 43);
    let (status, page) = dee.get_text(&link).await;
    assert_eq!(status, 200);
    assert!(page.contains(ROOM_MEETING) && page.contains("111 222") && page.contains("pass-7731"));
    assert_eq!(link_row(&app, &token).await.unwrap().uses, 1);
    // The same link again; the session's own meeting wins over the room's.
    let res = join_link_of(&dee, &key).await;
    assert_eq!(location(&res), link);
    assert_eq!(
        meeting(
            &organiser,
            "/api/participation/meeting",
            &organiser_page,
            hybrid.id,
            OWN_MEETING,
            ""
        )
        .await,
        303
    );
    let (_, page) = dee.get_text(&link).await;
    assert!(page.contains(OWN_MEETING) && !page.contains(ROOM_MEETING));
    let used = link_row(&app, &token).await.unwrap();
    assert_eq!(used.uses, 2);
    assert!(used.first_used_at.is_some() && used.first_used_at <= used.last_used_at);

    // Signing up puts it in the agenda, with its Join button.
    let res = dee
        .submit(
            &session_page,
            "/api/participation/sign-up",
            &[("forum", "demo"), ("session", &key)],
        )
        .await;
    assert_eq!(res.status(), 303);
    let (_, agenda) = dee.get_text("/forums/demo/agenda").await;
    assert!(agenda.contains("Hybrid dialogue") && agenda.contains(&en("join.button")));
    assert!(agenda.contains(&en("participation.state.signed-up")));
    assert!(!agenda.contains("meet.example"));

    // Someone else's link, a forged one, signed out, another session: nothing.
    for (who, path, key) in [
        (&fay, link.clone(), "join.not-yours"),
        (&dee, format!("/join/{}", "A".repeat(43)), "join.unknown"),
        (&dee, "/join/short".to_string(), "join.unknown"),
    ] {
        let (status, body) = who.get_text(&path).await;
        assert_eq!(status, 409, "{path}");
        assert!(body.contains(&en(key)), "{path}");
        assert!(!body.contains("meet.example"), "{path}");
    }
    let (status, body) = app.browser().get_text(&link).await;
    assert_eq!(status, 401);
    assert!(!body.contains("meet.example"));
    let res = dee
        .call(
            "/api/participation/join",
            &[("token", &token), ("session", &onsite_key)],
        )
        .await;
    assert_eq!(res.status(), 409);
    assert!(res.text().await.unwrap().contains("join.other-session"));
    assert_eq!(
        link_row(&app, &token).await.unwrap().uses,
        2,
        "refusals are not uses"
    );

    // The organisers see the link and the attendance; they revoke it.
    let (_, page) = organiser.get_text(&organiser_page).await;
    assert!(page.contains("dee@example.org"));
    assert!(page.contains(&app::i18n::translate_with(
        Locale::En,
        "participation.attendance",
        &[("online", "1"), ("onsite", "0")]
    )));
    let id = link_row(&app, &token).await.unwrap().id.to_string();
    let revoke = |value: &'static str| {
        let (organiser, page, id) = (&organiser, organiser_page.clone(), id.clone());
        async move {
            organiser
                .submit(
                    &page,
                    "/api/participation/revoke-link",
                    &[("forum", "demo"), ("id", &id), ("revoke", value)],
                )
                .await
                .status()
                .as_u16()
        }
    };
    assert_eq!(revoke("1").await, 303);
    let (status, body) = dee.get_text(&link).await;
    assert_eq!(status, 409);
    assert!(body.contains(&en("join.revoked")) && !body.contains("meet.example"));
    assert_eq!(join_link_of(&dee, &key).await.status(), 409);
    // Allowed again: a new link; the old one stays dead.
    assert_eq!(revoke("").await, 303);
    let (status, _) = dee.get_text(&link).await;
    assert_eq!(status, 409);
    let fresh = location(&join_link_of(&dee, &key).await);
    assert_ne!(fresh, link);
    let (status, page) = dee.get_text(&fresh).await;
    assert_eq!(status, 200);
    assert!(page.contains(OWN_MEETING));
}

on_both!(participants_join_through_personal_links,);
