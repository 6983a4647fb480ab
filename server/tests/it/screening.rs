//! Screening and the lists of proposals: every rule per proposal, overrides
//! with a recorded reason, bulk decisions, the all-proposals table's filters,
//! counts and CSV, the public list of received proposals, and the statements
//! each list costs as the edition grows.

use crate::on_both;
use crate::support::{statements_for, Backend, Browser, TestApp};
use app::db::{audit_event, call, forum, proposal, proposal_person, user};
use sea_orm::{entity::prelude::*, ActiveValue::Set, QueryFilter};
use serde_json::Value;
use std::collections::{BTreeMap, HashSet};

const PASSWORD: &str = "demo passphrase 2027";

async fn seeded(backend: Backend, size: server::config::DemoSize) -> (TestApp, Browser) {
    let app = TestApp::spawn(backend).await;
    server::demo::seed(&app.db, size, PASSWORD).await.unwrap();
    let organiser = app.browser();
    organiser
        .sign_in("organiser@demo.plenum.localhost", PASSWORD)
        .await;
    (app, organiser)
}

async fn list(b: &Browser, fields: &[(&str, &str)]) -> Value {
    let mut all = vec![("forum", "demo")];
    all.extend_from_slice(fields);
    let res = b.call("/api/proposals/list", &all).await;
    assert_eq!(res.status(), 200);
    res.json().await.unwrap()
}

fn failed_rules(line: &Value) -> Vec<String> {
    line["checks"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["passed"] == false)
        .map(|c| {
            c["key"]
                .as_str()
                .unwrap()
                .trim_start_matches("screening.")
                .to_string()
        })
        .collect()
}

async fn screening_of(app: &TestApp, id: &str) -> String {
    proposal::Entity::find_by_id(Uuid::parse_str(id).unwrap())
        .one(&app.db)
        .await
        .unwrap()
        .unwrap()
        .screening
}

async fn screening_overrides_and_bulk_decisions(backend: Backend) {
    let (app, organiser) = seeded(backend, server::config::DemoSize::Small).await;
    let unscreened = list(
        &organiser,
        &[
            ("filters[screening]", "unscreened"),
            ("filters[state]", "submitted"),
            ("filters[sort]", "failed"),
        ],
    )
    .await;
    let lines = unscreened["lines"].as_array().unwrap();
    assert!(!lines.is_empty());
    let failing = &lines[0];
    let failing_id = failing["id"].as_str().unwrap().to_string();
    let rules = failed_rules(failing);
    assert!(
        !rules.is_empty(),
        "sorted by failures, the first fails a rule"
    );
    let passing = unscreened["lines"]
        .as_array()
        .unwrap()
        .iter()
        .rev()
        .find(|l| failed_rules(l).is_empty());

    // A failing proposal cannot be marked eligible: nothing changes, and the
    // refusal names the proposal (here, in a batch with a passing one).
    let mut chosen = vec![
        ("forum", "demo"),
        ("decision", "eligible"),
        ("proposals[]", failing_id.as_str()),
    ];
    let passing_id = passing.map(|p| p["id"].as_str().unwrap().to_string());
    if let Some(id) = &passing_id {
        chosen.push(("proposals[]", id.as_str()));
    }
    let res = organiser.call("/api/screening/decide", &chosen).await;
    assert_eq!(res.status(), 422);
    let body = res.text().await.unwrap();
    assert!(body.contains(&format!("proposal-{failing_id}")), "{body}");
    assert!(body.contains("screening.fails-rules"));
    if let Some(id) = &passing_id {
        assert_eq!(screening_of(&app, id).await, "", "all or nothing");
    }

    // Overriding needs a reason; the reason is kept with who decided.
    let res = organiser
        .call(
            "/api/screening/override",
            &[
                ("forum", "demo"),
                ("proposal", &failing_id),
                ("rule", &rules[0]),
                ("outcome", "pass"),
                ("reason", "  "),
            ],
        )
        .await;
    assert_eq!(res.status(), 422);
    assert!(res.text().await.unwrap().contains("reason"));
    for rule in &rules {
        let res = organiser
            .call(
                "/api/screening/override",
                &[
                    ("forum", "demo"),
                    ("proposal", &failing_id),
                    ("rule", rule),
                    ("outcome", "pass"),
                    ("reason", "Confirmed by email with the <b>proposer</b>"),
                ],
            )
            .await;
        assert_eq!(res.status(), 200, "{}", res.text().await.unwrap());
    }
    let after = list(
        &organiser,
        &[("filters[q]", failing["code"].as_str().unwrap())],
    )
    .await;
    let line = after["lines"]
        .as_array()
        .unwrap()
        .iter()
        .find(|l| l["id"] == failing_id.as_str())
        .unwrap();
    assert!(
        failed_rules(line).is_empty(),
        "overridden rules count as passed"
    );
    assert_eq!(line["overrides"].as_array().unwrap().len(), rules.len());
    assert_eq!(line["overrides"][0]["by"], "Demo Organiser");
    assert_eq!(
        line["overrides"][0]["reason"],
        "Confirmed by email with the <b>proposer</b>"
    );

    // Now both can be marked eligible in one go, recorded in the audit log.
    let res = organiser.call("/api/screening/decide", &chosen).await;
    assert_eq!(res.status(), 200, "{}", res.text().await.unwrap());
    assert_eq!(res.json::<usize>().await.unwrap(), chosen.len() - 2);
    assert_eq!(screening_of(&app, &failing_id).await, "eligible");
    let audit = audit_event::Entity::find()
        .filter(audit_event::Column::Action.eq("screening.decided"))
        .all(&app.db)
        .await
        .unwrap();
    assert_eq!(audit.len(), chosen.len() - 2);

    // The page shows the decision; the screening page itself works without
    // JavaScript, bulk form included.
    let (status, html) = organiser
        .get_text("/forums/demo/screening?screening=eligible&q=")
        .await;
    assert_eq!(status, 200);
    assert!(html.contains(failing["code"].as_str().unwrap()));
    let res = organiser
        .submit(
            "/forums/demo/screening",
            "/api/screening/decide",
            &[
                ("forum", "demo"),
                ("decision", "clear"),
                ("proposals[]", &failing_id),
                ("back", "/forums/demo/screening?sort=failed"),
            ],
        )
        .await;
    assert_eq!(res.status(), 303);
    assert_eq!(
        res.headers()["location"],
        "/forums/demo/screening?sort=failed&notice=screening-saved"
    );
    assert_eq!(screening_of(&app, &failing_id).await, "");

    // A draft cannot be screened; an unknown decision is refused.
    let draft = list(&organiser, &[("filters[state]", "draft")]).await;
    let draft_id = draft["lines"][0]["id"].as_str().unwrap().to_string();
    let res = organiser
        .call(
            "/api/screening/decide",
            &[
                ("forum", "demo"),
                ("decision", "ineligible"),
                ("proposals[]", &draft_id),
            ],
        )
        .await;
    assert_eq!(res.status(), 422);
    assert!(res
        .text()
        .await
        .unwrap()
        .contains("screening.not-submitted"));
    let res = organiser
        .call(
            "/api/screening/decide",
            &[
                ("forum", "demo"),
                ("decision", "approve"),
                ("proposals[]", &draft_id),
            ],
        )
        .await;
    assert_eq!(res.status(), 422);
    // A reviewer may not screen.
    let reviewer = app.browser();
    reviewer
        .sign_in("reviewer@demo.plenum.localhost", PASSWORD)
        .await;
    let res = reviewer
        .call(
            "/api/screening/decide",
            &[
                ("forum", "demo"),
                ("decision", "ineligible"),
                ("proposals[]", &failing_id),
            ],
        )
        .await;
    assert_eq!(res.status(), 403);
}

/// People of submitted proposals by stakeholder group, counted straight from
/// the database (each person once per proposal).
async fn people_by_group(app: &TestApp) -> BTreeMap<String, u64> {
    let submitted: HashSet<Uuid> = proposal::Entity::find()
        .filter(proposal::Column::State.eq("submitted"))
        .all(&app.db)
        .await
        .unwrap()
        .into_iter()
        .map(|p| p.id)
        .collect();
    let mut seen = HashSet::new();
    let mut counts = BTreeMap::new();
    for x in proposal_person::Entity::find().all(&app.db).await.unwrap() {
        if submitted.contains(&x.proposal_id) && seen.insert((x.proposal_id, x.email.clone())) {
            *counts
                .entry(x.stakeholder_group.unwrap_or_default())
                .or_insert(0) += 1;
        }
    }
    counts
}

async fn all_proposals_filters_counts_and_csv(backend: Backend) {
    let (app, organiser) = seeded(backend, server::config::DemoSize::Small).await;
    let all = list(&organiser, &[]).await;
    let in_db = proposal::Entity::find().all(&app.db).await.unwrap();
    assert_eq!(all["total"].as_u64().unwrap() as usize, in_db.len());
    assert_eq!(in_db.len(), 400);
    for state in ["draft", "submitted", "withdrawn"] {
        let n = in_db.iter().filter(|p| p.state == state).count();
        assert!(n > 0, "the demo has {state} proposals");
        let listed = list(&organiser, &[("filters[state]", state)]).await;
        assert_eq!(listed["matched"].as_u64().unwrap() as usize, n, "{state}");
    }
    for screening in ["eligible", "ineligible"] {
        assert!(
            in_db.iter().any(|p| p.screening == screening),
            "{screening}"
        );
    }

    // Counts by stakeholder group match a count made here.
    let submitted = list(&organiser, &[("filters[state]", "submitted")]).await;
    let expected = people_by_group(&app).await;
    for bar in submitted["tallies"]["groups"].as_array().unwrap() {
        let label = bar["label"].as_str().unwrap();
        let code = label.strip_prefix("stakeholder.").unwrap_or("");
        assert_eq!(
            bar["count"].as_u64().unwrap(),
            expected.get(code).copied().unwrap_or(0),
            "{label}"
        );
    }
    let themes: u64 = submitted["tallies"]["themes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|b| b["count"].as_u64().unwrap())
        .sum();
    assert_eq!(themes, submitted["matched"].as_u64().unwrap());

    // Filters combine; every line shown has what was asked.
    let filtered = list(
        &organiser,
        &[
            ("filters[group]", "government"),
            ("filters[region]", "african"),
            ("filters[first_time]", "true"),
        ],
    )
    .await;
    assert!(filtered["matched"].as_u64().unwrap() < all["total"].as_u64().unwrap());
    for l in filtered["lines"].as_array().unwrap() {
        assert_eq!(l["first_time"], true);
        let people = l["people"].as_array().unwrap();
        assert!(people
            .iter()
            .any(|p| p["stakeholder_group"] == "government"));
        assert!(people.iter().any(|p| p["region"] == "african"));
    }
    let developing = list(&organiser, &[("filters[developing]", "true")]).await;
    assert!(developing["lines"]
        .as_array()
        .unwrap()
        .iter()
        .all(|l| l["developing"] == true));

    // Full-text search: a code, and words of a description.
    let code = submitted["lines"][0]["code"].as_str().unwrap();
    let found = list(&organiser, &[("filters[q]", code)]).await;
    assert!(found["lines"]
        .as_array()
        .unwrap()
        .iter()
        .any(|l| l["code"] == code));
    let none = list(&organiser, &[("filters[q]", "zzzz-no-such-words")]).await;
    assert_eq!(none["matched"], 0);
    let words = list(&organiser, &[("filters[q]", "short CASES discussion")]).await;
    assert_eq!(
        words["matched"], all["total"],
        "every demo description has these words"
    );

    // Pages of 100.
    assert_eq!(all["lines"].as_array().unwrap().len(), 100);
    assert_eq!(all["pages"], 4);
    let last = list(&organiser, &[("filters[page]", "4")]).await;
    assert_eq!(last["lines"].as_array().unwrap().len(), 100);

    // The page renders with its charts (SVG with title and description).
    let (status, html) = organiser
        .get_text("/forums/demo/proposals?state=submitted")
        .await;
    assert_eq!(status, 200);
    assert_eq!(html.matches("<svg role=\"img\"").count(), 4);
    assert!(html.contains("<desc id=\"chart-groups-desc\">"));

    // CSV: every matching proposal (not one page), with a header; organisers only.
    let res = organiser
        .get("/forums/demo/proposals.csv?state=submitted")
        .await;
    assert_eq!(res.status(), 200);
    assert!(res.headers()["content-type"]
        .to_str()
        .unwrap()
        .starts_with("text/csv"));
    let csv = res.text().await.unwrap();
    let records: Vec<&str> = csv.split("\r\n").filter(|l| !l.is_empty()).collect();
    assert!(records[0].starts_with("code,title,state,screening"));
    assert_eq!(
        records.len() as u64,
        submitted["matched"].as_u64().unwrap() + 1
    );
    assert!(
        csv.contains("@demo.plenum.localhost"),
        "organisers get the proposer's email"
    );
    let participant = app.browser();
    participant
        .sign_in("participant@demo.plenum.localhost", PASSWORD)
        .await;
    assert_eq!(
        participant.get("/forums/demo/proposals.csv").await.status(),
        403
    );
    assert_eq!(
        app.browser()
            .get("/forums/demo/proposals.csv")
            .await
            .status(),
        401
    );
    let (status, _) = participant.get_text("/forums/demo/screening").await;
    assert_eq!(status, 403);
}

async fn received_proposals_are_public_without_emails(backend: Backend) {
    let (app, _) = seeded(backend, server::config::DemoSize::Small).await;
    let visitor = app.browser();
    let res = visitor
        .call("/api/proposals/received", &[("forum", "demo")])
        .await;
    assert_eq!(res.status(), 200);
    let body = res.text().await.unwrap();
    assert!(!body.contains('@'), "no email address anywhere");
    let received: Value = serde_json::from_str(&body).unwrap();
    let submitted = proposal::Entity::find()
        .filter(proposal::Column::State.eq("submitted"))
        .count(&app.db)
        .await
        .unwrap();
    assert_eq!(received["total"].as_u64().unwrap(), submitted);
    for l in received["lines"].as_array().unwrap() {
        assert_eq!(l["state"], "submitted");
        assert_eq!(l["checks"].as_array().unwrap().len(), 0);
        assert_eq!(l["screening"], "");
    }
    let (status, html) = visitor.get_text("/forums/demo/received?q=community").await;
    assert_eq!(status, 200);
    assert!(!html.contains("@demo.plenum.localhost"));
    assert!(html.to_lowercase().contains("community"));

    // Unpublished: not found.
    let c = call::Entity::find().one(&app.db).await.unwrap().unwrap();
    call::ActiveModel {
        id: Set(c.id),
        publish_received: Set(false),
        ..Default::default()
    }
    .update(&app.db)
    .await
    .unwrap();
    let (status, _) = visitor.get_text("/forums/demo/received").await;
    assert_eq!(status, 404);
}

async fn proposal_lists_cost_the_same_as_the_edition_grows(backend: Backend) {
    let (app, organiser) = seeded(backend, server::config::DemoSize::Bare).await;
    let pages = [
        "/forums/demo/screening",
        "/forums/demo/proposals?state=submitted",
        "/forums/demo/received",
    ];
    let forum_id = forum::Entity::find()
        .one(&app.db)
        .await
        .unwrap()
        .unwrap()
        .id;
    let organiser_id = user::Entity::find()
        .filter(user::Column::Email.eq("organiser@demo.plenum.localhost"))
        .one(&app.db)
        .await
        .unwrap()
        .unwrap()
        .id;
    let mut before = vec![];
    for page in pages {
        before.push(statements_for(&app, &organiser, page).await);
    }
    server::demo::proposals::seed(&app.db, forum_id, organiser_id, "not a real hash", 150)
        .await
        .unwrap();
    for (page, fewest) in pages.iter().zip(before) {
        let after = statements_for(&app, &organiser, page).await;
        assert_eq!(after, fewest, "{page}: statements grew with the proposals");
        assert!(after <= 14, "{page}: {after} statements");
    }
}

on_both!(
    screening_overrides_and_bulk_decisions,
    all_proposals_filters_counts_and_csv,
    received_proposals_are_public_without_emails,
    proposal_lists_cost_the_same_as_the_edition_grows,
);
