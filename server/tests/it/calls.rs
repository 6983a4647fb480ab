//! Calls for proposals: times in UTC and venue time, rules, access codes.

use crate::on_both;
use crate::support::{has_input_value, statements_for, Backend, Browser, TestApp};

const PASSWORD: &str = "demo passphrase 2027";

async fn demo(backend: Backend) -> (TestApp, Browser) {
    let app = TestApp::spawn(backend).await;
    server::demo::seed(&app.db, server::config::DemoSize::Bare, PASSWORD)
        .await
        .unwrap();
    let organiser = app.browser();
    assert_eq!(
        organiser
            .sign_in("organiser@demo.plenum.localhost", PASSWORD)
            .await
            .status(),
        303
    );
    (app, organiser)
}

async fn type_ids(organiser: &Browser) -> Vec<String> {
    let setup: serde_json::Value = organiser
        .call("/api/forums/setup", &[("forum", "demo")])
        .await
        .json()
        .await
        .unwrap();
    setup["session_types"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["id"].as_str().unwrap().to_string())
        .collect()
}

fn call_form<'a>(types: &'a [String], overrides: &[(&'a str, &'a str)]) -> Vec<(&'a str, &'a str)> {
    let mut fields = vec![
        ("forum", "demo"),
        ("title", "Call for workshops"),
        ("introduction", "Propose a **workshop**."),
        ("opens_at", "2027-03-01T00:00"),
        ("closes_at", "2027-05-31T23:59"),
        ("min_confirmed_speakers", "3"),
        ("gender_mix", "on"),
        ("min_onsite_moderators", "1"),
        ("min_onsite_speakers", "2"),
        ("min_organiser_groups", ""),
        ("max_proposals_per_person", "3"),
        ("max_proposals_per_organisation", ""),
        ("max_sessions_per_speaker", "3"),
        ("title_max_chars", "60"),
        ("description_max_words", "250"),
        ("required_fields[]", "hybrid_plan"),
    ];
    for t in types {
        fields.push(("session_types[]", t.as_str()));
    }
    for (k, v) in overrides {
        fields.retain(|(name, _)| name != k);
        fields.push((k, v));
    }
    fields
}

async fn organisers_open_calls_with_rules(backend: Backend) {
    let (app, organiser) = demo(backend).await;
    let types = type_ids(&organiser).await;
    let workshop = &types[..1];

    // Problems all at once; what was typed stays, boxes included.
    let mut bad = call_form(
        &[],
        &[
            ("closes_at", "2027-02-01T00:00"),
            ("title_max_chars", "five"),
        ],
    );
    bad.push(("session_types[]", "not-a-type"));
    let res = organiser
        .submit("/forums/demo/calls", "/api/calls/save", &bad)
        .await;
    assert_eq!(
        res.status(),
        400,
        "a malformed type id is a malformed request"
    );
    let res = organiser
        .submit(
            "/forums/demo/calls",
            "/api/calls/save",
            &call_form(
                &[],
                &[
                    ("closes_at", "2027-02-01T00:00"),
                    ("title_max_chars", "five"),
                ],
            ),
        )
        .await;
    assert_eq!(res.status(), 422);
    let page = res.text().await.unwrap();
    for message in [
        "The call must close after it opens.",
        "Choose at least one session type",
        "Please enter a whole number in the allowed range",
    ] {
        assert!(page.contains(message), "missing: {message}");
    }
    assert!(has_input_value(&page, "title", "Call for workshops"));
    assert!(has_input_value(&page, "title_max_chars", "five"));
    assert!(
        page.contains(r#"value="hybrid_plan" checked"#),
        "ticked boxes stay ticked"
    );

    let res = organiser
        .submit(
            "/forums/demo/calls",
            "/api/calls/save",
            &call_form(workshop, &[]),
        )
        .await;
    assert_eq!(res.status(), 303);
    let location = res.headers()["location"].to_str().unwrap().to_string();
    assert!(
        location.starts_with("/forums/demo/calls/")
            && location.ends_with("/manage?notice=call-created"),
        "{location}"
    );
    let id = location.split('/').nth(4).unwrap().to_string();

    // The public page: UTC and venue time, the rules in words.
    let visitor = app.browser();
    let (status, page) = visitor.get_text(&format!("/forums/demo/calls/{id}")).await;
    assert_eq!(status, 200);
    assert!(page.contains("2027-05-31 23:59 UTC"), "UTC");
    assert!(
        page.contains("2027-06-01 01:59 CEST"),
        "venue time (Europe/Zurich)"
    );
    assert!(
        page.contains("At least 3 confirmed speakers.")
            && page.contains("At least one speaker of a different gender")
    );
    assert!(page.contains("<strong>workshop</strong>"));
    let call: serde_json::Value = visitor
        .call("/api/calls/get", &[("forum", "demo"), ("call", &id)])
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(
        call["rules"]["min_organiser_groups"],
        serde_json::Value::Null,
        "an empty number is no rule"
    );
    assert_eq!(
        call["rules"]["required_fields"],
        serde_json::json!(["hybrid_plan"])
    );
    assert_eq!(call["session_types"].as_array().unwrap().len(), 1);

    // Editing: more types, a rule dropped.
    let edit = call_form(
        &types[..3],
        &[("min_confirmed_speakers", ""), ("call", &id)],
    );
    let res = organiser
        .submit(
            &format!("/forums/demo/calls/{id}/manage"),
            "/api/calls/save",
            &edit,
        )
        .await;
    assert_eq!(res.status(), 303);
    let call: serde_json::Value = visitor
        .call("/api/calls/get", &[("forum", "demo"), ("call", &id)])
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(call["session_types"].as_array().unwrap().len(), 3);
    assert_eq!(
        call["rules"]["min_confirmed_speakers"],
        serde_json::Value::Null
    );

    // Reviewers and participants cannot manage calls.
    let reviewer = app.browser();
    reviewer
        .sign_in("reviewer@demo.plenum.localhost", PASSWORD)
        .await;
    assert_eq!(
        reviewer
            .get_text(&format!("/forums/demo/calls/{id}/manage"))
            .await
            .0,
        403
    );
    assert_eq!(
        reviewer
            .submit(
                "/forums/demo/calls",
                "/api/calls/save",
                &call_form(workshop, &[])
            )
            .await
            .status(),
        403
    );

    // The calls page: a fixed number of statements however many calls.
    let few = statements_for(&app, &visitor, "/forums/demo/calls").await;
    for i in 0..8 {
        let title = format!("Extra call {i}");
        let res = organiser
            .submit(
                "/forums/demo/calls",
                "/api/calls/save",
                &call_form(&types[..2], &[("title", &title)]),
            )
            .await;
        assert_eq!(res.status(), 303);
    }
    assert_eq!(
        statements_for(&app, &visitor, "/forums/demo/calls").await,
        few,
        "the calls page's statements do not grow with the calls"
    );
}

async fn access_codes_let_late_proposals_in_once(backend: Backend) {
    let (app, organiser) = demo(backend).await;
    let list: serde_json::Value = organiser
        .call("/api/calls/list", &[("forum", "demo")])
        .await
        .json()
        .await
        .unwrap();
    let call_id = list["calls"][0]["id"].as_str().unwrap().to_string();
    let manage = format!("/forums/demo/calls/{call_id}/manage");
    let res = organiser
        .submit(
            &manage,
            "/api/calls/add-access-code",
            &[
                ("forum", "demo"),
                ("call", &call_id),
                ("label", "Late NGO"),
                ("max_uses", "0"),
                ("expires_at", "2001-01-01T00:00"),
            ],
        )
        .await;
    assert_eq!(res.status(), 422);
    let page = res.text().await.unwrap();
    assert!(
        page.contains("Please enter a number from 1 to 10,000")
            && page.contains("The code must expire in the future.")
    );
    assert!(has_input_value(&page, "label", "Late NGO"));
    for (label, uses) in [("Single", "1"), ("Unlimited", "")] {
        let res = organiser
            .submit(
                &manage,
                "/api/calls/add-access-code",
                &[
                    ("forum", "demo"),
                    ("call", &call_id),
                    ("label", label),
                    ("max_uses", uses),
                    ("expires_at", "2099-01-01T00:00"),
                ],
            )
            .await;
        assert_eq!(res.status(), 303);
    }
    let admin: serde_json::Value = organiser
        .call(
            "/api/calls/manage",
            &[("forum", "demo"), ("call", &call_id)],
        )
        .await
        .json()
        .await
        .unwrap();
    let codes = admin["access_codes"].as_array().unwrap();
    let code_of = |label: &str| codes.iter().find(|c| c["label"] == label).unwrap().clone();
    let single = code_of("Single");
    let unlimited = code_of("Unlimited");
    let call: uuid::Uuid = call_id.parse().unwrap();

    // Concurrent uses of a single-use code: exactly one gets in.
    let mut tasks = vec![];
    for _ in 0..8 {
        let db = app.db.clone();
        let code = single["code"].as_str().unwrap().to_lowercase();
        tasks.push(tokio::spawn(async move {
            app::proposals::calls::use_access_code(&db, call, &code)
                .await
                .unwrap()
        }));
    }
    let mut admitted = 0;
    for task in tasks {
        if task.await.unwrap() {
            admitted += 1;
        }
    }
    assert_eq!(admitted, 1, "a single-use code admits once");
    let open = unlimited["code"].as_str().unwrap();
    for _ in 0..3 {
        assert!(app::proposals::calls::use_access_code(&app.db, call, open)
            .await
            .unwrap());
    }
    assert!(
        !app::proposals::calls::use_access_code(&app.db, uuid::Uuid::new_v4(), open)
            .await
            .unwrap(),
        "another call's code"
    );
    assert!(
        !app::proposals::calls::use_access_code(&app.db, call, "NOSUCHCODE")
            .await
            .unwrap()
    );

    // Revoked: no more.
    let res = organiser
        .submit(
            &manage,
            "/api/calls/revoke-access-code",
            &[("forum", "demo"), ("id", unlimited["id"].as_str().unwrap())],
        )
        .await;
    assert_eq!(res.status(), 303);
    assert!(!app::proposals::calls::use_access_code(&app.db, call, open)
        .await
        .unwrap());
    let (status, page) = organiser.get_text(&manage).await;
    assert_eq!(status, 200);
    assert!(page.contains("Revoked") && page.contains(single["code"].as_str().unwrap()));
}

on_both!(
    organisers_open_calls_with_rules,
    access_codes_let_late_proposals_in_once
);
