//! Forum editions: creating and editing them, their programme structure, and
//! "start from last year".

use crate::on_both;
use crate::support::{has_input_value, statements_for, Backend, Browser, TestApp};

const PASSWORD: &str = "demo passphrase 2027";

async fn signed_in(app: &TestApp, email: &str) -> Browser {
    let browser = app.browser();
    assert_eq!(
        browser.sign_in(email, PASSWORD).await.status(),
        303,
        "sign in as {email}"
    );
    browser
}

async fn demo_app(backend: Backend) -> TestApp {
    let app = TestApp::spawn(backend).await;
    server::demo::seed(&app.db, server::config::DemoSize::Bare, PASSWORD)
        .await
        .unwrap();
    app.create_admin("admin@test.localhost", PASSWORD).await;
    app
}

fn edition_form<'a>(code: &'a str, overrides: &[(&'a str, &'a str)]) -> Vec<(&'a str, &'a str)> {
    let mut fields = vec![
        ("code", code),
        ("name", "IGF 2028"),
        ("host_city", "Nairobi"),
        ("venue", "UN Office at Nairobi"),
        ("time_zone", "Africa/Nairobi"),
        ("day_zero", "2028-06-12"),
        ("first_day", "2028-06-13"),
        ("last_day", "2028-06-16"),
        (
            "description",
            "The **Internet Governance Forum** 2028.\n\n<script>alert('x')</script>",
        ),
        ("lang_en", "on"),
        ("lang_fr", "on"),
        ("lang_ar", "on"),
    ];
    for (k, v) in overrides {
        fields.retain(|(name, _)| name != k);
        // An empty value for a language box means "not ticked": no field at all.
        let unticked = k.starts_with("lang_") && v.is_empty();
        if !unticked {
            fields.push((k, v));
        }
    }
    fields
}

async fn admins_create_editions_with_checked_details(backend: Backend) {
    let app = demo_app(backend).await;
    let admin = signed_in(&app, "admin@test.localhost").await;
    let (status, page) = admin.get_text("/forums/new").await;
    assert_eq!(status, 200);
    assert!(page.contains("name=\"copy_from\""));

    // Every problem at once, with what was typed kept.
    let bad = edition_form(
        "IGF 2028",
        &[
            ("time_zone", "Mars/Olympus"),
            ("first_day", "2028-06-20"),
            ("last_day", "2028-06-16"),
            ("lang_en", ""),
            ("lang_fr", ""),
            ("lang_ar", ""),
        ],
    );
    let res = admin
        .submit("/forums/new", "/api/forums/create", &bad)
        .await;
    assert_eq!(res.status(), 422);
    let page = res.text().await.unwrap();
    for message in [
        "Use 2 to 32 lower-case letters",
        "This is not a known time zone",
        "The last day cannot come before the first day.",
        "Choose at least one language.",
    ] {
        assert!(page.contains(message), "missing: {message}");
    }
    assert!(has_input_value(&page, "venue", "UN Office at Nairobi"));
    assert!(has_input_value(&page, "time_zone", "Mars/Olympus"));
    assert!(
        page.contains("The **Internet Governance Forum** 2028."),
        "the description is kept"
    );

    // A taken code.
    let res = admin
        .submit(
            "/forums/new",
            "/api/forums/create",
            &edition_form("demo", &[]),
        )
        .await;
    assert_eq!(res.status(), 422);
    assert!(res
        .text()
        .await
        .unwrap()
        .contains("Another edition already uses this code."));

    // Created, starting from the demo edition's structure.
    let mut good = edition_form("igf2028", &[]);
    good.push(("copy_from", "demo"));
    let res = admin
        .submit("/forums/new", "/api/forums/create", &good)
        .await;
    assert_eq!(res.status(), 303);
    assert_eq!(
        res.headers()["location"],
        "/forums/igf2028/setup?notice=edition-created"
    );
    let (status, page) = app.browser().get_text("/forums/igf2028").await;
    assert_eq!(status, 200);
    assert!(
        page.contains("<strong>Internet Governance Forum</strong>"),
        "markdown rendered"
    );
    assert!(!page.contains("<script>alert"), "scripts removed");
    assert!(
        page.contains("Africa/Nairobi")
            && page.contains("2028-06-12")
            && page.contains("UN Office at Nairobi")
    );
    let setup: serde_json::Value = admin
        .call("/api/forums/setup", &[("forum", "igf2028")])
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(
        setup["themes"].as_array().unwrap().len(),
        6,
        "themes copied"
    );
    assert_eq!(
        setup["themes"][0]["sub_themes"].as_array().unwrap().len(),
        2,
        "with their sub-themes"
    );
    assert_eq!(setup["session_types"].as_array().unwrap().len(), 10);
    assert_eq!(setup["formats"].as_array().unwrap().len(), 6);
    assert_eq!(
        setup["edition"]["languages"],
        serde_json::json!(["ar", "en", "fr"])
    );

    // Organisers of another edition may not create or edit this one.
    let organiser = signed_in(&app, "organiser@demo.plenum.localhost").await;
    let res = organiser
        .submit(
            "/forums/new",
            "/api/forums/create",
            &edition_form("igf2029", &[]),
        )
        .await;
    assert_eq!(res.status(), 403);
    let mut edit = edition_form("", &[]);
    edit.retain(|(k, _)| *k != "code");
    edit.push(("forum", "igf2028"));
    assert_eq!(
        organiser
            .submit("/forums/igf2028/edit", "/api/forums/update", &edit)
            .await
            .status(),
        403
    );
}

async fn organisers_edit_their_edition(backend: Backend) {
    let app = demo_app(backend).await;
    let organiser = signed_in(&app, "organiser@demo.plenum.localhost").await;
    let (status, page) = organiser.get_text("/forums/demo/edit").await;
    assert_eq!(status, 200);
    assert!(has_input_value(&page, "time_zone", "Europe/Zurich"));
    let mut edit = edition_form(
        "",
        &[
            ("name", "Demo Forum 2027 (revised)"),
            ("time_zone", "europe/zurich"),
        ],
    );
    edit.retain(|(k, _)| *k != "code");
    edit.push(("forum", "demo"));
    let res = organiser
        .submit("/forums/demo/edit", "/api/forums/update", &edit)
        .await;
    assert_eq!(res.status(), 422, "time zone names are exact");
    let mut edit = edition_form(
        "",
        &[
            ("name", "Demo Forum 2027 (revised)"),
            ("time_zone", "Europe/Zurich"),
        ],
    );
    edit.retain(|(k, _)| *k != "code");
    edit.push(("forum", "demo"));
    let res = organiser
        .submit("/forums/demo/edit", "/api/forums/update", &edit)
        .await;
    assert_eq!(res.status(), 303);
    let edition: serde_json::Value = organiser
        .call("/api/forums/edition", &[("forum", "demo")])
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(edition["name"], "Demo Forum 2027 (revised)");
    assert_eq!(edition["code"], "demo", "the code never changes");
    let reviewer = signed_in(&app, "reviewer@demo.plenum.localhost").await;
    assert_eq!(reviewer.get_text("/forums/demo/edit").await.0, 403);
    assert_eq!(reviewer.get_text("/forums/demo/setup").await.0, 403);
}

async fn programme_structure(backend: Backend) {
    let app = demo_app(backend).await;
    let organiser = signed_in(&app, "organiser@demo.plenum.localhost").await;
    let setup = |b: &Browser| {
        let b = Browser {
            base: b.base.clone(),
            client: b.client.clone(),
        };
        async move {
            b.call("/api/forums/setup", &[("forum", "demo")])
                .await
                .json::<serde_json::Value>()
                .await
                .unwrap()
        }
    };
    let before = setup(&organiser).await;

    // A theme needs a name and a colour; a sub-theme names its theme.
    let res = organiser
        .submit(
            "/forums/demo/setup",
            "/api/forums/add-theme",
            &[("forum", "demo"), ("name", ""), ("colour", "blue")],
        )
        .await;
    assert_eq!(res.status(), 422);
    let page = res.text().await.unwrap();
    assert!(
        page.contains("Please fill in this field.") && page.contains("Please choose a colour.")
    );
    let res = organiser
        .submit(
            "/forums/demo/setup",
            "/api/forums/add-theme",
            &[
                ("forum", "demo"),
                ("name", "Digital public infrastructure"),
                ("colour", "#204060"),
            ],
        )
        .await;
    assert_eq!(res.status(), 303);
    let after = setup(&organiser).await;
    let themes = after["themes"].as_array().unwrap();
    assert_eq!(themes.len(), before["themes"].as_array().unwrap().len() + 1);
    let new_theme = themes
        .iter()
        .find(|t| t["name"] == "Digital public infrastructure")
        .unwrap();
    let theme_id = new_theme["id"].as_str().unwrap().to_string();
    let res = organiser
        .submit(
            "/forums/demo/setup",
            "/api/forums/add-theme",
            &[
                ("forum", "demo"),
                ("name", "Identity systems"),
                ("parent", &theme_id),
            ],
        )
        .await;
    assert_eq!(res.status(), 303);

    // Session types: durations and a unique prefix.
    let res = organiser
        .submit(
            "/forums/demo/setup",
            "/api/forums/add-session-type",
            &[
                ("forum", "demo"),
                ("name", "Youth session"),
                ("code_prefix", "WS"),
                ("durations", "45, ninety"),
            ],
        )
        .await;
    assert_eq!(res.status(), 422);
    let page = res.text().await.unwrap();
    assert!(
        page.contains("Another session type of this edition uses this prefix.")
            || page.contains("List durations in minutes")
    );
    assert!(page.contains("List durations in minutes"));
    let res = organiser
        .submit(
            "/forums/demo/setup",
            "/api/forums/add-session-type",
            &[
                ("forum", "demo"),
                ("name", "Youth session"),
                ("code_prefix", "ws"),
                ("durations", "45"),
            ],
        )
        .await;
    assert_eq!(res.status(), 422);
    assert!(res
        .text()
        .await
        .unwrap()
        .contains("Another session type of this edition uses this prefix."));
    let res = organiser
        .submit(
            "/forums/demo/setup",
            "/api/forums/add-session-type",
            &[
                ("forum", "demo"),
                ("name", "Youth session"),
                ("code_prefix", "ys"),
                ("durations", "90, 45,45"),
            ],
        )
        .await;
    assert_eq!(res.status(), 303);
    let res = organiser
        .submit(
            "/forums/demo/setup",
            "/api/forums/add-format",
            &[("forum", "demo"), ("name", "Fishbowl")],
        )
        .await;
    assert_eq!(res.status(), 303);

    // The setup page shows it all, in a fixed number of statements.
    let small = statements_for(&app, &organiser, "/forums/demo/setup").await;
    let (status, page) = organiser.get_text("/forums/demo/setup").await;
    assert_eq!(status, 200);
    assert!(
        page.contains("Identity systems")
            && page.contains("Fishbowl")
            && page.contains("45, 90 minutes")
    );
    let after = setup(&organiser).await;
    let youth = after["session_types"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["code_prefix"] == "YS")
        .unwrap()
        .clone();
    assert_eq!(youth["durations"], serde_json::json!([45, 90]));
    for i in 0..15 {
        let name = format!("Extra theme {i}");
        organiser
            .submit(
                "/forums/demo/setup",
                "/api/forums/add-theme",
                &[("forum", "demo"), ("name", &name), ("colour", "#333333")],
            )
            .await;
        organiser
            .submit(
                "/forums/demo/setup",
                "/api/forums/add-format",
                &[("forum", "demo"), ("name", &name)],
            )
            .await;
    }
    assert_eq!(
        statements_for(&app, &organiser, "/forums/demo/setup").await,
        small,
        "the setup page's statements do not grow"
    );

    // Removing a theme takes its sub-themes with it.
    let res = organiser
        .submit(
            "/forums/demo/setup",
            "/api/forums/remove-theme",
            &[("forum", "demo"), ("id", &theme_id)],
        )
        .await;
    assert_eq!(res.status(), 303);
    let after = setup(&organiser).await;
    assert!(!after.to_string().contains("Identity systems"));
    let youth_id = youth["id"].as_str().unwrap();
    assert_eq!(
        organiser
            .submit(
                "/forums/demo/setup",
                "/api/forums/remove-session-type",
                &[("forum", "demo"), ("id", youth_id)]
            )
            .await
            .status(),
        303
    );
    // Another edition's items cannot be removed through this one.
    assert_eq!(
        organiser
            .submit(
                "/forums/demo/setup",
                "/api/forums/remove-session-type",
                &[("forum", "demo"), ("id", youth_id)]
            )
            .await
            .status(),
        404
    );
}

async fn start_from_last_year_copies_what_is_missing(backend: Backend) {
    let app = demo_app(backend).await;
    let admin = signed_in(&app, "admin@test.localhost").await;
    let res = admin
        .submit(
            "/forums/new",
            "/api/forums/create",
            &edition_form("igf2028", &[]),
        )
        .await;
    assert_eq!(res.status(), 303);
    let count = |v: &serde_json::Value| {
        v["themes"].as_array().unwrap().len()
            + v["session_types"].as_array().unwrap().len()
            + v["formats"].as_array().unwrap().len()
    };
    let empty: serde_json::Value = admin
        .call("/api/forums/setup", &[("forum", "igf2028")])
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(count(&empty), 0);
    assert_eq!(
        admin
            .submit(
                "/forums/igf2028/setup",
                "/api/forums/copy-structure",
                &[("forum", "igf2028"), ("from", "demo")]
            )
            .await
            .status(),
        303
    );
    let copied: serde_json::Value = admin
        .call("/api/forums/setup", &[("forum", "igf2028")])
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(count(&copied), 6 + 10 + 6);
    // Again: nothing doubles.
    assert_eq!(
        admin
            .submit(
                "/forums/igf2028/setup",
                "/api/forums/copy-structure",
                &[("forum", "igf2028"), ("from", "demo")]
            )
            .await
            .status(),
        303
    );
    let again: serde_json::Value = admin
        .call("/api/forums/setup", &[("forum", "igf2028")])
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(count(&again), count(&copied));
    let res = admin
        .submit(
            "/forums/igf2028/setup",
            "/api/forums/copy-structure",
            &[("forum", "igf2028"), ("from", "igf2028")],
        )
        .await;
    assert_eq!(res.status(), 422);

    // The demo's call came along once, with its rules and types, its times
    // moved by the days between the editions' first days.
    let list = |forum: &'static str| {
        let admin = Browser {
            base: admin.base.clone(),
            client: admin.client.clone(),
        };
        async move {
            admin
                .call("/api/calls/list", &[("forum", forum)])
                .await
                .json::<serde_json::Value>()
                .await
                .unwrap()
        }
    };
    let (demo, copy) = (list("demo").await, list("igf2028").await);
    assert_eq!(copy["calls"].as_array().unwrap().len(), 1, "copied once");
    let at = |v: &serde_json::Value, field: &str| {
        chrono::DateTime::parse_from_rfc3339(v["calls"][0][field].as_str().unwrap()).unwrap()
    };
    let first_days = chrono::NaiveDate::from_ymd_opt(2028, 6, 13).unwrap()
        - chrono::NaiveDate::from_ymd_opt(2027, 6, 22).unwrap();
    assert_eq!(
        (at(&copy, "closes_at") - at(&demo, "closes_at")).num_days(),
        first_days.num_days()
    );
    assert_eq!(copy["calls"][0]["rules"], demo["calls"][0]["rules"]);
    assert_eq!(
        copy["calls"][0]["session_types"].as_array().unwrap().len(),
        demo["calls"][0]["session_types"].as_array().unwrap().len()
    );
}

on_both!(
    admins_create_editions_with_checked_details,
    organisers_edit_their_edition,
    programme_structure,
    start_from_last_year_copies_what_is_missing,
);
