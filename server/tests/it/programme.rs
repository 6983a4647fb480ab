//! The programme's sessions: accepted proposals become sessions when their
//! decisions are released (with their people, merged people included), a
//! withdrawn one is cancelled, a promoted one added; organisers make their
//! own sessions, name their people with the days they cannot attend, cancel
//! and restore them; bad input is refused by field and nothing kept; the
//! list costs the same however many sessions.

use crate::on_both;
use crate::support::{statements_for, Backend, Browser, TestApp};
use app::db::{programme_session, proposal, proposal_person, session_person, session_type, user};
use app::i18n::{translate, Locale};
use sea_orm::{entity::prelude::*, PaginatorTrait, QueryFilter, QueryOrder};
use std::collections::HashSet;

const PASSWORD: &str = "demo passphrase 2027";
const LIST: &str = "/forums/demo/programme/sessions";

async fn demo(backend: Backend, size: server::config::DemoSize) -> (TestApp, Browser) {
    let app = TestApp::spawn(backend).await;
    server::demo::seed(&app.db, size, PASSWORD).await.unwrap();
    let organiser = app.browser();
    organiser
        .sign_in("organiser@demo.plenum.localhost", PASSWORD)
        .await;
    (app, organiser)
}

async fn people_of_proposal(app: &TestApp, id: Uuid) -> HashSet<(String, String)> {
    proposal_person::Entity::find()
        .filter(proposal_person::Column::ProposalId.eq(id))
        .all(&app.db)
        .await
        .unwrap()
        .into_iter()
        .map(|x| (x.role, x.email.to_lowercase()))
        .collect()
}

async fn people_of_session(app: &TestApp, id: Uuid) -> HashSet<(String, String)> {
    session_person::Entity::find()
        .filter(session_person::Column::SessionId.eq(id))
        .all(&app.db)
        .await
        .unwrap()
        .into_iter()
        .map(|x| (x.role, x.email.to_lowercase()))
        .collect()
}

async fn session_of(app: &TestApp, proposal: Uuid) -> Option<programme_session::Model> {
    programme_session::Entity::find()
        .filter(programme_session::Column::ProposalId.eq(proposal))
        .one(&app.db)
        .await
        .unwrap()
}

async fn released_acceptances_become_sessions(backend: Backend) {
    let (app, organiser) = demo(backend, server::config::DemoSize::Small).await;
    assert_eq!(
        programme_session::Entity::find()
            .count(&app.db)
            .await
            .unwrap(),
        0
    );
    let plan: serde_json::Value = organiser
        .call("/api/review/release-plan", &[("forum", "demo")])
        .await
        .json()
        .await
        .unwrap();
    let call = plan["calls"][0]["id"].as_str().unwrap().to_string();
    let release = [
        ("forum", "demo"),
        ("call", call.as_str()),
        ("confirm_by", "2099-01-31"),
        ("acknowledge", "on"),
    ];
    let res = organiser.call("/api/review/release", &release).await;
    assert_eq!(res.status(), 200, "{}", res.text().await.unwrap());

    let decided = proposal::Entity::find()
        .filter(proposal::Column::ReleasedDecision.ne(""))
        .all(&app.db)
        .await
        .unwrap();
    let accepted: Vec<&proposal::Model> = decided
        .iter()
        .filter(|p| app::review::outcome::selected(&p.released_decision))
        .collect();
    assert!(accepted.len() > 10, "the demo accepts a quarter");
    assert_eq!(
        programme_session::Entity::find()
            .count(&app.db)
            .await
            .unwrap() as usize,
        accepted.len(),
        "one session per accepted proposal, none for the others"
    );
    for p in &accepted {
        let s = session_of(&app, p.id).await.expect("a session");
        assert_eq!(
            (s.code.as_str(), s.title.as_str()),
            (p.code.as_deref().unwrap(), p.title.as_str())
        );
        assert_eq!(
            (s.status.as_str(), s.room_id, s.slot_id),
            ("active", None, None)
        );
        assert_eq!(s.session_type_id, p.session_type_id);
        assert!(s.duration_minutes >= 5);
        assert_eq!(
            people_of_session(&app, s.id).await,
            people_of_proposal(&app, p.id).await,
            "{}: its people (merged ones included)",
            s.code
        );
    }
    let merged = decided
        .iter()
        .find(|p| p.released_decision == "merged")
        .unwrap();
    let into = session_of(&app, merged.merged_into.unwrap()).await.unwrap();
    assert!(people_of_proposal(&app, merged.id)
        .await
        .is_subset(&people_of_session(&app, into.id).await));
    assert!(session_of(&app, merged.id).await.is_none());

    // The proposer withdraws: the session is cancelled, not deleted.
    let p = accepted
        .iter()
        .find(|p| p.released_decision == "accept")
        .unwrap();
    let email = user::Entity::find_by_id(p.proposer_id)
        .one(&app.db)
        .await
        .unwrap()
        .unwrap()
        .email;
    let proposer = app.browser();
    proposer.sign_in(&email, PASSWORD).await;
    let res = proposer
        .call(
            "/api/review/answer",
            &[
                ("forum", "demo"),
                ("proposal", &p.id.to_string()),
                ("answer", "withdraw"),
            ],
        )
        .await;
    assert_eq!(res.status(), 200);
    assert_eq!(session_of(&app, p.id).await.unwrap().status, "cancelled");

    // A waitlisted proposal promoted gets its session.
    let waiting = decided
        .iter()
        .find(|p| p.released_decision == "waitlist")
        .unwrap();
    assert!(session_of(&app, waiting.id).await.is_none());
    let res = organiser
        .call(
            "/api/review/promote",
            &[
                ("forum", "demo"),
                ("proposal", &waiting.id.to_string()),
                ("version", &waiting.decision_version.to_string()),
            ],
        )
        .await;
    assert_eq!(res.status(), 200, "{}", res.text().await.unwrap());
    let s = session_of(&app, waiting.id).await.unwrap();
    assert_eq!(s.status, "active");
    assert_eq!(
        people_of_session(&app, s.id).await,
        people_of_proposal(&app, waiting.id).await
    );

    // The list shows them.
    let (status, page) = organiser.get_text(LIST).await;
    assert_eq!(status, 200);
    assert!(
        page.contains(&s.title.replace('&', "&amp;").replace('\'', "&#x27;"))
            || page.contains(&s.code)
    );
    assert!(page.contains(&translate(Locale::En, "programme.cancelled")));
}

fn session_form<'a>(
    title: &'a str,
    session_type: &'a str,
    duration: &'a str,
) -> Vec<(&'a str, &'a str)> {
    vec![
        ("forum", "demo"),
        ("title", title),
        (
            "description",
            "Ministers and stakeholders on the year's priorities.",
        ),
        ("session_type", session_type),
        ("theme", ""),
        ("duration", duration),
        ("audience", "400"),
        ("features[]", "interpretation"),
        ("features[]", "captioning"),
        ("hybrid", "on"),
    ]
}

async fn refused(b: &Browser, page: &str, action: &str, fields: &[(&str, &str)], key: &str) {
    let res = b.submit(page, action, fields).await;
    assert_eq!(res.status(), 422, "{action} {fields:?}");
    let html = res.text().await.unwrap();
    assert!(
        html.contains(&translate(Locale::En, key)),
        "{key} shown for {fields:?}"
    );
}

async fn organisers_make_sessions_and_name_their_people(backend: Backend) {
    let (app, organiser) = demo(backend, server::config::DemoSize::Bare).await;
    let (status, page) = organiser.get_text(LIST).await;
    assert_eq!(status, 200);
    assert!(page.contains(&translate(Locale::En, "programme.no-sessions")));
    let kind = session_type::Entity::find()
        .order_by_asc(session_type::Column::Position)
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    let kind_id = kind.id.to_string();
    for (fields, key) in [
        (session_form("", &kind_id, "90"), "field.required"),
        (
            session_form("Opening", &kind_id, "0"),
            "grid.length-invalid",
        ),
        (
            session_form("Opening", "not-a-type", "90"),
            "field.choice-invalid",
        ),
    ] {
        refused(
            &organiser,
            LIST,
            "/api/programme/create-session",
            &fields,
            key,
        )
        .await;
    }
    let mut crowd = session_form("Opening", &kind_id, "90");
    crowd[6].1 = "-1";
    refused(
        &organiser,
        LIST,
        "/api/programme/create-session",
        &crowd,
        "programme.audience-invalid",
    )
    .await;
    assert_eq!(
        programme_session::Entity::find()
            .count(&app.db)
            .await
            .unwrap(),
        0,
        "nothing made"
    );

    let res = organiser
        .submit(
            LIST,
            "/api/programme/create-session",
            &session_form("Opening ceremony", &kind_id, "60"),
        )
        .await;
    assert_eq!(res.status(), 303, "{}", res.text().await.unwrap());
    organiser
        .submit(
            LIST,
            "/api/programme/create-session",
            &session_form("High-level leaders", &kind_id, "90"),
        )
        .await;
    organiser
        .submit(
            LIST,
            "/api/programme/create-session",
            &session_form("Closing", "", "60"),
        )
        .await;
    let made = programme_session::Entity::find()
        .order_by_asc(programme_session::Column::CreatedAt)
        .all(&app.db)
        .await
        .unwrap();
    let codes: Vec<&str> = made.iter().map(|s| s.code.as_str()).collect();
    assert_eq!(
        codes,
        [
            format!("{}-1", kind.code_prefix).as_str(),
            &format!("{}-2", kind.code_prefix),
            "S-1"
        ]
    );
    let opening = &made[0];
    assert_eq!(
        (
            opening.duration_minutes,
            opening.expected_audience,
            opening.required_features.as_str(),
            opening.hybrid,
            opening.proposal_id
        ),
        (60, 400, "interpretation,captioning", true, None)
    );

    // Its people, with the days they cannot attend.
    organiser
        .submit(
            "/forums/demo/venue",
            "/api/venue/generate",
            &[
                ("forum", "demo"),
                ("from", "2027-06-22"),
                ("to", "2027-06-23"),
                ("starts", "09:00"),
                ("length", "90"),
            ],
        )
        .await;
    let page = format!("{LIST}/{}", opening.id);
    let id = opening.id.to_string();
    let person = |email: &'static str, day: &'static str| {
        let id = id.clone();
        move || -> Vec<(&'static str, String)> {
            vec![
                ("forum", "demo".into()),
                ("session", id.clone()),
                ("role", "speaker".into()),
                ("name", "Amina Diallo".into()),
                ("email", email.into()),
                ("organisation", "Ministry of ICT".into()),
                ("country", "SN".into()),
                ("stakeholder_group", "government".into()),
                ("gender", "female".into()),
                ("onsite", "on".into()),
                ("unavailable_days[]", day.into()),
            ]
        }
    };
    let pairs =
        |v: &[(&'static str, String)]| v.iter().map(|(k, v)| (*k, v.clone())).collect::<Vec<_>>();
    let send = |fields: Vec<(&'static str, String)>| {
        let organiser = &organiser;
        let page = page.clone();
        async move {
            let f: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
            organiser
                .submit(&page, "/api/programme/add-person", &f)
                .await
        }
    };
    let res = send(pairs(&person("not an address", "2027-06-23")())).await;
    assert_eq!(res.status(), 422);
    let res = send(pairs(&person("amina@example.org", "2027-07-01")())).await;
    assert_eq!(res.status(), 422);
    assert!(res
        .text()
        .await
        .unwrap()
        .contains(&translate(Locale::En, "field.choice-invalid")));
    let res = send(pairs(&person("amina@example.org", "2027-06-23")())).await;
    assert_eq!(res.status(), 303, "{}", res.text().await.unwrap());
    let res = send(pairs(&person("AMINA@example.org", "2027-06-22")())).await;
    assert_eq!(res.status(), 422);
    assert!(res
        .text()
        .await
        .unwrap()
        .contains(&translate(Locale::En, "programme.person-already")));
    let people = session_person::Entity::find().all(&app.db).await.unwrap();
    assert_eq!(people.len(), 1);
    assert_eq!(
        (
            people[0].unavailable_days.as_str(),
            people[0].stakeholder_group.as_deref(),
            people[0].onsite
        ),
        ("2027-06-23", Some("government"), true)
    );
    let (status, html) = organiser.get_text(&page).await;
    assert_eq!(status, 200);
    assert!(html.contains("Amina Diallo") && html.contains("2027-06-23"));

    // Changed, cancelled, restored; a person removed.
    let mut change = session_form("Opening ceremony", &kind_id, "45");
    change.push(("id", &id));
    let res = organiser
        .submit(&page, "/api/programme/save-session", &change)
        .await;
    assert_eq!(res.status(), 303, "{}", res.text().await.unwrap());
    let status_of = || async {
        programme_session::Entity::find_by_id(opening.id)
            .one(&app.db)
            .await
            .unwrap()
            .unwrap()
    };
    assert_eq!(status_of().await.duration_minutes, 45);
    for (what, expected) in [("cancel", "cancelled"), ("restore", "active")] {
        let res = organiser
            .submit(
                &page,
                "/api/programme/session-status",
                &[("forum", "demo"), ("id", &id), ("status", what)],
            )
            .await;
        assert_eq!(res.status(), 303);
        assert_eq!(status_of().await.status, expected);
    }
    let person_id = people[0].id.to_string();
    let res = organiser
        .submit(
            &page,
            "/api/programme/remove-person",
            &[("forum", "demo"), ("id", &person_id)],
        )
        .await;
    assert_eq!(res.status(), 303);
    assert_eq!(
        session_person::Entity::find().count(&app.db).await.unwrap(),
        0
    );
}

async fn only_organisers_see_sessions(backend: Backend) {
    let (app, _) = demo(backend, server::config::DemoSize::Bare).await;
    let anonymous = app.browser();
    assert_eq!(anonymous.get_text(LIST).await.0, 401);
    let reviewer = app.browser();
    reviewer
        .sign_in("reviewer@demo.plenum.localhost", PASSWORD)
        .await;
    assert_eq!(reviewer.get_text(LIST).await.0, 403);
    let res = reviewer
        .submit(
            LIST,
            "/api/programme/create-session",
            &session_form("Sneaky", "", "60"),
        )
        .await;
    assert_eq!(res.status(), 403);
    assert_eq!(
        programme_session::Entity::find()
            .count(&app.db)
            .await
            .unwrap(),
        0
    );
}

async fn the_session_list_costs_the_same_with_more_sessions(backend: Backend) {
    let (app, organiser) = demo(backend, server::config::DemoSize::Bare).await;
    organiser
        .submit(
            LIST,
            "/api/programme/create-session",
            &session_form("One", "", "60"),
        )
        .await;
    let before = statements_for(&app, &organiser, LIST).await;
    for n in 0..8 {
        let title = format!("Session {n}");
        organiser
            .submit(
                LIST,
                "/api/programme/create-session",
                &session_form(&title, "", "60"),
            )
            .await;
    }
    assert_eq!(
        programme_session::Entity::find()
            .count(&app.db)
            .await
            .unwrap(),
        9
    );
    assert_eq!(statements_for(&app, &organiser, LIST).await, before);
}

on_both!(
    released_acceptances_become_sessions,
    organisers_make_sessions_and_name_their_people,
    only_organisers_see_sessions,
    the_session_list_costs_the_same_with_more_sessions,
);
