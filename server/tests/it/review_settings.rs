//! A call's review settings: organisers save criteria and weights, reasons,
//! phases, budgets and the sharing of comments; bad input is refused whole
//! (the page shown again with what was typed, the call unchanged); nobody
//! else may read or save them; the page costs the same however many calls.

use crate::on_both;
use crate::support::{has_input_value, statements_for, Backend, Browser, TestApp};
use app::db::{audit_event, call, call_session_type};
use app::i18n::{translate, Locale};
use app::review::balance::Budgets;
use app::review::scoring::{phases_from_json, ReviewForm};
use chrono::{TimeZone, Utc};
use sea_orm::{entity::prelude::*, ActiveValue::Set, QueryFilter};

const PASSWORD: &str = "demo passphrase 2027";
const PAGE: &str = "/forums/demo/review/settings";
const SAVE: &str = "/api/review/settings";

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

async fn as_person(app: &TestApp, email: &str) -> Browser {
    let b = app.browser();
    assert_eq!(b.sign_in(email, PASSWORD).await.status(), 303);
    b
}

/// The settings form of a call: what the tests below post, with changes.
struct Form {
    call: String,
    types: Vec<String>,
    themes: Vec<String>,
    fields: Vec<(String, String)>,
}

impl Form {
    fn good(settings: &serde_json::Value) -> Form {
        let c = &settings["calls"][0];
        let ids = |list: &serde_json::Value| -> Vec<String> {
            list.as_array()
                .unwrap()
                .iter()
                .map(|pair| pair[0].as_str().unwrap().to_string())
                .collect()
        };
        let mut form = Form {
            call: c["id"].as_str().unwrap().to_string(),
            types: ids(&c["types"]),
            themes: ids(&c["themes"]),
            fields: vec![],
        };
        let relevance = translate(Locale::En, "review.criterion.relevance");
        let off_theme = translate(Locale::En, "review.reason.off-theme");
        form.add("forum", "demo");
        form.add("call", &form.call.clone());
        // Relevance as it is; content renamed; diversity and format cleared
        // (removed); a new criterion in a blank row; one blank row left.
        for (key, name, weight) in [
            ("relevance", relevance.as_str(), "4"),
            ("content", "Substance", "3"),
            ("diversity", "", ""),
            ("format", "", ""),
            ("", "Hybrid interaction", "2"),
            ("", "", ""),
        ] {
            form.add("criterion_key[]", key);
            form.add("criterion_name[]", name);
            form.add("criterion_weight[]", weight);
        }
        form.add(
            "reasons",
            &format!("{off_theme}\r\nToo commercial\r\n\r\nSpeakers all from one organisation\r\n"),
        );
        for row in [
            ["Review", "2027-03-01", "2027-03-20", "yes", "no", "yes"],
            ["Discussion", "2027-03-21", "2027-03-25", "no", "yes", "yes"],
            ["", "", "", "yes", "no", "yes"],
        ] {
            for (name, value) in [
                "phase_name[]",
                "phase_starts[]",
                "phase_ends[]",
                "phase_score[]",
                "phase_others[]",
                "phase_names[]",
            ]
            .into_iter()
            .zip(row)
            {
                form.add(name, value);
            }
        }
        for (i, id) in form.types.clone().iter().enumerate() {
            form.add("budget_type[]", id);
            form.add("budget_type_n[]", if i == 0 { "40" } else { "" });
        }
        for (i, id) in form.themes.clone().iter().enumerate() {
            form.add("budget_theme[]", id);
            form.add(
                "budget_theme_n[]",
                match i {
                    0 => "10",
                    1 => "0",
                    _ => "",
                },
            );
        }
        form.add("share_comments", "on");
        form
    }

    fn add(&mut self, name: &str, value: &str) {
        self.fields.push((name.into(), value.into()));
    }

    /// The form with the `n`th value of `name` (0-based) replaced.
    fn with(&self, name: &str, n: usize, value: &str) -> Form {
        let mut seen = 0;
        let fields = self
            .fields
            .iter()
            .map(|(k, v)| {
                if k == name {
                    seen += 1;
                    if seen == n + 1 {
                        return (k.clone(), value.to_string());
                    }
                }
                (k.clone(), v.clone())
            })
            .collect();
        Form {
            call: self.call.clone(),
            types: self.types.clone(),
            themes: self.themes.clone(),
            fields,
        }
    }

    fn pairs(&self) -> Vec<(&str, &str)> {
        self.fields
            .iter()
            .map(|(k, v)| (k.as_str(), v.as_str()))
            .collect()
    }
}

async fn load(b: &Browser) -> reqwest::Response {
    b.call("/api/review/settings-load", &[("forum", "demo")])
        .await
}

async fn the_call(app: &TestApp, id: &str) -> call::Model {
    call::Entity::find_by_id(id.parse::<Uuid>().unwrap())
        .one(&app.db)
        .await
        .unwrap()
        .unwrap()
}

async fn organisers_save_a_calls_review_settings(backend: Backend) {
    let (app, organiser) = seeded(backend).await;
    let res = load(&organiser).await;
    assert_eq!(res.status(), 200);
    let settings: serde_json::Value = res.json().await.unwrap();
    assert_eq!(settings["calls"].as_array().unwrap().len(), 1);
    let c = &settings["calls"][0];
    assert_eq!(
        c["types"].as_array().unwrap().len(),
        5,
        "the call's session types only"
    );
    assert_eq!(
        c["themes"].as_array().unwrap().len(),
        6,
        "top-level themes only"
    );
    assert_eq!(c["form"]["criteria"].as_array().unwrap().len(), 4);
    let form = Form::good(&settings);

    let (status, page) = organiser.get_text(PAGE).await;
    assert_eq!(status, 200);
    assert!(page.contains("Call for session proposals"));
    assert!(has_input_value(&page, "criterion_key[]", "relevance"));
    assert!(page.contains(r#"name="phase_starts[]" type="date""#));

    let res = organiser.submit(PAGE, SAVE, &form.pairs()).await;
    assert_eq!(res.status(), 303, "{}", res.text().await.unwrap());
    assert_eq!(
        res.headers()["location"],
        "/forums/demo/review/settings?notice=review-settings-saved"
    );
    let row = the_call(&app, &form.call).await;
    let saved = ReviewForm::from_json(&row.review_form);
    let criteria: Vec<(&str, Option<&str>, u32)> = saved
        .criteria
        .iter()
        .map(|c| (c.key.as_str(), c.name.as_deref(), c.weight))
        .collect();
    assert_eq!(
        criteria,
        [
            ("relevance", None, 4),
            ("content", Some("Substance"), 3),
            ("hybrid-interaction", Some("Hybrid interaction"), 2),
        ]
    );
    let reasons: Vec<(&str, Option<&str>)> = saved
        .reasons
        .iter()
        .map(|r| (r.key.as_str(), r.name.as_deref()))
        .collect();
    assert_eq!(
        reasons,
        [
            ("off-theme", None),
            ("r1", Some("Too commercial")),
            ("r2", Some("Speakers all from one organisation")),
        ]
    );
    let phases = phases_from_json(&row.review_phases);
    assert_eq!(phases.len(), 2);
    let day = |d| Utc.with_ymd_and_hms(2027, 3, d, 0, 0, 0).unwrap();
    assert_eq!(phases[0].name, "Review");
    assert_eq!((phases[0].starts, phases[0].ends), (day(1), day(21)));
    assert_eq!((phases[1].starts, phases[1].ends), (day(21), day(26)));
    assert!(phases[0].can_score && !phases[0].see_others && phases[0].see_names);
    assert!(!phases[1].can_score && phases[1].see_others);
    let budgets = Budgets::from_json(&row.slot_budgets);
    assert_eq!(
        budgets.types.into_iter().collect::<Vec<_>>(),
        [(form.types[0].clone(), 40)]
    );
    assert_eq!(budgets.themes.len(), 2);
    assert_eq!(budgets.themes[&form.themes[0]], 10);
    assert_eq!(budgets.themes[&form.themes[1]], 0);
    assert!(row.share_reviewer_comments);
    let audit = audit_event::Entity::find()
        .filter(audit_event::Column::Action.eq("review.settings"))
        .one(&app.db)
        .await
        .unwrap()
        .expect("audited");
    assert_eq!(
        (audit.subject.as_str(), audit.detail.as_str()),
        ("demo", "Call for session proposals")
    );

    // The page shows what was saved: the last day as typed, the new names.
    let (status, page) = organiser.get_text(PAGE).await;
    assert_eq!(status, 200);
    assert!(has_input_value(&page, "criterion_name[]", "Substance"));
    assert!(has_input_value(
        &page,
        "criterion_key[]",
        "hybrid-interaction"
    ));
    assert!(has_input_value(&page, "phase_ends[]", "2027-03-20"));
    assert!(has_input_value(&page, "budget_type_n[]", "40"));
    assert!(page.contains("Too commercial"));

    // Saving the same again (the new criterion now with its key) changes nothing.
    let again = form.with("criterion_key[]", 4, "hybrid-interaction");
    assert_eq!(
        organiser.submit(PAGE, SAVE, &again.pairs()).await.status(),
        303
    );
    let kept = ReviewForm::from_json(&the_call(&app, &form.call).await.review_form);
    assert_eq!(kept, saved);

    // Without the box, comments are not shared.
    let unshared = Form {
        fields: form
            .fields
            .iter()
            .filter(|(k, _)| k != "share_comments")
            .cloned()
            .collect(),
        ..form.with("criterion_key[]", 4, "hybrid-interaction")
    };
    assert_eq!(
        organiser
            .submit(PAGE, SAVE, &unshared.pairs())
            .await
            .status(),
        303
    );
    assert!(!the_call(&app, &form.call).await.share_reviewer_comments);
}

async fn bad_settings_are_refused_whole(backend: Backend) {
    let (app, organiser) = seeded(backend).await;
    let settings: serde_json::Value = load(&organiser).await.json().await.unwrap();
    let form = Form::good(&settings);
    let before = the_call(&app, &form.call).await;
    let cases: Vec<(&str, Form, &str, &str)> = vec![
        (
            "weight 0",
            form.with("criterion_weight[]", 0, "0"),
            "weight-0",
            r#"id="rs-0-weight-0-error""#,
        ),
        (
            "weight x",
            form.with("criterion_weight[]", 1, "x"),
            "weight-1",
            r#"id="rs-0-weight-1-error""#,
        ),
        (
            "overlapping phases",
            form.with("phase_starts[]", 1, "2027-03-15"),
            "phase-1-starts",
            r#"id="rs-0-phase-1-starts-error""#,
        ),
        (
            "end before start",
            form.with("phase_ends[]", 0, "2027-02-20"),
            "phase-0-ends",
            r#"id="rs-0-phase-0-ends-error""#,
        ),
        (
            "budget -1",
            form.with("budget_type_n[]", 0, "-1"),
            "budget-type-0",
            r#"id="rs-0-budget-type-0-error""#,
        ),
        (
            "a date that is none",
            form.with("phase_starts[]", 0, "2027-02-30"),
            "phase-0-starts",
            r#"id="rs-0-phase-0-starts-error""#,
        ),
        (
            "no criteria",
            form.with("criterion_name[]", 0, "")
                .with("criterion_weight[]", 0, "")
                .with("criterion_name[]", 1, "")
                .with("criterion_weight[]", 1, "")
                .with("criterion_name[]", 4, "")
                .with("criterion_weight[]", 4, ""),
            "\"criteria\"",
            r#"id="rs-0-criteria-error""#,
        ),
    ];
    for (what, bad, field, error_id) in cases {
        // As the hydrated page calls it: the field named in the answer.
        let res = organiser.call(SAVE, &bad.pairs()).await;
        assert_eq!(res.status(), 422, "{what}");
        let body = res.text().await.unwrap();
        assert!(body.contains(field), "{what}: {body}");
        // As a plain form: the page again, the error by its field, what was typed kept.
        let res = organiser.submit(PAGE, SAVE, &bad.pairs()).await;
        assert_eq!(res.status(), 422, "{what}");
        let page = res.text().await.unwrap();
        assert!(page.contains(error_id), "{what}: no {error_id}");
        let described = regex::Regex::new(&format!(
            r#"aria-describedby="[^"]*{}""#,
            &error_id[4..error_id.len() - 1]
        ))
        .unwrap();
        assert!(
            described.is_match(&page),
            "{what}: the error describes its field"
        );
        assert!(
            has_input_value(&page, "criterion_name[]", "Hybrid interaction")
                || what == "no criteria"
        );
        assert_eq!(
            the_call(&app, &form.call).await,
            before,
            "{what}: nothing saved"
        );
    }
    let page = organiser
        .submit(PAGE, SAVE, &form.with("criterion_weight[]", 1, "x").pairs())
        .await
        .text()
        .await
        .unwrap();
    assert!(
        has_input_value(&page, "criterion_weight[]", "x"),
        "the typed value comes back"
    );
    assert!(has_input_value(&page, "phase_name[]", "Discussion"));

    // A session type the call does not offer, or another call: not found.
    let other_type =
        app::db::session_type::Entity::find()
            .filter(app::db::session_type::Column::Id.not_in_subquery(
                sea_orm::QueryTrait::into_query(sea_orm::QuerySelect::column(
                    sea_orm::QuerySelect::select_only(call_session_type::Entity::find()),
                    call_session_type::Column::SessionTypeId,
                )),
            ))
            .one(&app.db)
            .await
            .unwrap()
            .expect("a type outside the call");
    let stranger = form.with("budget_type[]", 0, &other_type.id.to_string());
    assert_eq!(organiser.call(SAVE, &stranger.pairs()).await.status(), 404);
    let elsewhere = form.with("call", 0, &Uuid::new_v4().to_string());
    assert_eq!(organiser.call(SAVE, &elsewhere.pairs()).await.status(), 404);
    assert_eq!(the_call(&app, &form.call).await, before);
}

async fn only_organisers_see_and_save_review_settings(backend: Backend) {
    let (app, organiser) = seeded(backend).await;
    let settings: serde_json::Value = load(&organiser).await.json().await.unwrap();
    let form = Form::good(&settings);
    let before = the_call(&app, &form.call).await;
    for email in [
        "reviewer@demo.plenum.localhost",
        "participant@demo.plenum.localhost",
    ] {
        let b = as_person(&app, email).await;
        assert_eq!(load(&b).await.status(), 403, "{email}");
        assert_eq!(b.call(SAVE, &form.pairs()).await.status(), 403, "{email}");
        let (status, _) = b.get_text(PAGE).await;
        assert_eq!(status, 403, "{email}");
    }
    let anonymous = app.browser();
    assert_eq!(load(&anonymous).await.status(), 401);
    assert_eq!(anonymous.call(SAVE, &form.pairs()).await.status(), 401);
    assert_eq!(the_call(&app, &form.call).await, before);
}

async fn the_settings_page_costs_the_same_with_more_calls(backend: Backend) {
    let (app, organiser) = seeded(backend).await;
    let before = statements_for(&app, &organiser, PAGE).await;
    let first = call::Entity::find().one(&app.db).await.unwrap().unwrap();
    let links = call_session_type::Entity::find()
        .filter(call_session_type::Column::CallId.eq(first.id))
        .all(&app.db)
        .await
        .unwrap();
    for n in 0..3 {
        let id = Uuid::new_v4();
        let mut copy = call::ActiveModel::from(first.clone()).reset_all();
        copy.id = Set(id);
        copy.title = Set(format!("Call {n}"));
        copy.insert(&app.db).await.unwrap();
        for l in &links {
            call_session_type::ActiveModel {
                call_id: Set(id),
                session_type_id: Set(l.session_type_id),
            }
            .insert(&app.db)
            .await
            .unwrap();
        }
    }
    let after = statements_for(&app, &organiser, PAGE).await;
    assert_eq!(after, before, "statements grew with the calls");
    let (_, page) = organiser.get_text(PAGE).await;
    assert!(page.contains("Call 2"));
    assert!(
        page.contains(r#"id="rs-3-criterion-0""#),
        "ids are unique per call"
    );
}

on_both!(
    organisers_save_a_calls_review_settings,
    bad_settings_are_refused_whole,
    only_organisers_see_and_save_review_settings,
    the_settings_page_costs_the_same_with_more_calls,
);
