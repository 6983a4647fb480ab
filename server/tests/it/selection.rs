//! Reviewing, ranking, decisions and their release: scores checked 1–5 and
//! refused after the phase closes or from reviewers it is not theirs to give;
//! the ranking's figures against counts made here; two organisers deciding
//! at once; the release writing every mail to the outbox in one go; the
//! proposer's confirmation; the waiting list; statements that do not grow.

use crate::on_both;
use crate::support::{statements_for, Backend, Browser, TestApp};
use app::db::{
    audit_event, call, outbox_message, proposal, proposal_person, review, review_assignment,
    review_conflict, user,
};
use sea_orm::{entity::prelude::*, ActiveValue::Set, QueryFilter};
use std::collections::{HashMap, HashSet};

const PASSWORD: &str = "demo passphrase 2027";
const REVIEWER: &str = "reviewer@demo.plenum.localhost";

async fn demo(backend: Backend) -> (TestApp, Browser) {
    let app = TestApp::spawn(backend).await;
    server::demo::seed(&app.db, server::config::DemoSize::Small, PASSWORD)
        .await
        .unwrap();
    let organiser = app.browser();
    organiser
        .sign_in("organiser@demo.plenum.localhost", PASSWORD)
        .await;
    (app, organiser)
}

async fn user_id(app: &TestApp, email: &str) -> Uuid {
    user::Entity::find()
        .filter(user::Column::Email.eq(email))
        .one(&app.db)
        .await
        .unwrap()
        .unwrap()
        .id
}

fn scores<'a>(forum: &'a str, proposal: &'a str, given: &'a [&'a str]) -> Vec<(&'a str, &'a str)> {
    let mut fields = vec![
        ("forum", forum),
        ("proposal", proposal),
        ("comment", ""),
        ("comment_for_proposers", ""),
        ("merge_with", ""),
    ];
    for s in given {
        fields.push(("scores[]", s));
    }
    fields
}

async fn my_review(app: &TestApp, reviewer: Uuid, proposal: Uuid) -> Option<review::Model> {
    review::Entity::find()
        .filter(review::Column::ReviewerId.eq(reviewer))
        .filter(review::Column::ProposalId.eq(proposal))
        .one(&app.db)
        .await
        .unwrap()
}

async fn reviewers_score_and_revise_until_the_phase_closes(backend: Backend) {
    let (app, _organiser) = demo(backend).await;
    let me = user_id(&app, REVIEWER).await;
    let reviewer = app.browser();
    reviewer.sign_in(REVIEWER, PASSWORD).await;
    let assigned: Vec<Uuid> = review_assignment::Entity::find()
        .filter(review_assignment::Column::ReviewerId.eq(me))
        .all(&app.db)
        .await
        .unwrap()
        .into_iter()
        .map(|a| a.proposal_id)
        .collect();
    let reviewed: HashSet<Uuid> = review::Entity::find()
        .filter(review::Column::ReviewerId.eq(me))
        .all(&app.db)
        .await
        .unwrap()
        .into_iter()
        .map(|r| r.proposal_id)
        .collect();
    let todo: Vec<Uuid> = assigned
        .iter()
        .filter(|p| !reviewed.contains(p))
        .copied()
        .collect();
    assert!(todo.len() >= 3, "the demo reviewer has reviews left to do");

    // The home counts what is done.
    let home: serde_json::Value = reviewer
        .call("/api/review/mine", &[("forum", "demo")])
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(home["done"].as_u64().unwrap() as usize, reviewed.len());
    assert_eq!(home["proposals"].as_array().unwrap().len(), assigned.len());

    // Scores outside 1–5, or missing: refused, nothing stored.
    let target = todo[0].to_string();
    let res = reviewer
        .call(
            "/api/review/save",
            &scores("demo", &target, &["0", "6", "", "3"]),
        )
        .await;
    assert_eq!(res.status(), 422);
    let body = res.text().await.unwrap();
    assert!(body.contains("score-0") && body.contains("review.score-range"));
    assert!(body.contains("review.score-required"));
    assert!(my_review(&app, me, todo[0]).await.is_none());

    // A proposal that does not exist as a code cannot be a merge suggestion.
    let mut fields = scores("demo", &target, &["5", "4", "3", "4"]);
    fields.retain(|(k, _)| *k != "merge_with");
    fields.push(("merge_with", "XX #999"));
    let res = reviewer.call("/api/review/save", &fields).await;
    assert_eq!(res.status(), 422);
    assert!(res.text().await.unwrap().contains("review.merge-unknown"));

    // Saved, and "save and next" goes on to a proposal still to review.
    let mut fields = scores("demo", &target, &["5", "4", "3", "4"]);
    fields.push(("next", "1"));
    let page = format!("/forums/demo/review/proposals/{target}");
    let res = reviewer.submit(&page, "/api/review/save", &fields).await;
    assert_eq!(res.status(), 303);
    let location = res.headers()["location"].to_str().unwrap().to_string();
    let next: Uuid = location
        .split("/review/proposals/")
        .nth(1)
        .unwrap()
        .split('?')
        .next()
        .unwrap()
        .parse()
        .unwrap();
    assert!(todo[1..].contains(&next), "the next is still to review");
    let saved = my_review(&app, me, todo[0]).await.unwrap();
    // (3×5 + 3×4 + 2×3 + 2×4) / 10
    assert!((saved.total - 4.1).abs() < 1e-9, "{}", saved.total);

    // Revised: low scores need a reason.
    let res = reviewer
        .call(
            "/api/review/save",
            &scores("demo", &target, &["2", "2", "2", "2"]),
        )
        .await;
    assert_eq!(res.status(), 422);
    assert!(res.text().await.unwrap().contains("review.reason-needed"));
    let mut fields = scores("demo", &target, &["2", "2", "2", "2"]);
    fields.push(("reasons[]", "unclear"));
    fields.push(("reasons[]", "not-a-reason"));
    assert_eq!(
        reviewer.call("/api/review/save", &fields).await.status(),
        200
    );
    let revised = my_review(&app, me, todo[0]).await.unwrap();
    assert_eq!(
        (revised.total, revised.low_reasons.as_str()),
        (2.0, "unclear")
    );
    assert_eq!(revised.id, saved.id, "revised in place");

    // Having reviewed, they see the others' reviews, without names.
    let reading: serde_json::Value = reviewer
        .call(
            "/api/review/proposal",
            &[("forum", "demo"), ("proposal", &target)],
        )
        .await
        .json()
        .await
        .unwrap();
    let others = reading["panel"]["others"].as_array().unwrap();
    let in_db = review::Entity::find()
        .filter(review::Column::ProposalId.eq(todo[0]))
        .count(&app.db)
        .await
        .unwrap();
    assert_eq!(others.len() as u64, in_db - 1);
    assert!(others.iter().all(|o| o["reviewer"].is_null()));
    // Before reviewing, not.
    let unseen: serde_json::Value = reviewer
        .call(
            "/api/review/proposal",
            &[("forum", "demo"), ("proposal", &todo[2].to_string())],
        )
        .await
        .json()
        .await
        .unwrap();
    assert!(unseen["panel"]["others"].as_array().unwrap().is_empty());
    assert!(unseen["panel"]["figures"].is_null());

    // Not theirs, or conflicted: refused.
    let not_mine = proposal::Entity::find()
        .filter(proposal::Column::State.eq("submitted"))
        .filter(proposal::Column::Screening.ne("ineligible"))
        .all(&app.db)
        .await
        .unwrap()
        .into_iter()
        .find(|p| !assigned.contains(&p.id))
        .unwrap()
        .id
        .to_string();
    let res = reviewer
        .call(
            "/api/review/save",
            &scores("demo", &not_mine, &["3", "3", "3", "3"]),
        )
        .await;
    assert_eq!(res.status(), 403);
    let conflicted = todo[2].to_string();
    let res = reviewer
        .call(
            "/api/review/declare-conflict",
            &[("forum", "demo"), ("proposal", &conflicted), ("reason", "")],
        )
        .await;
    assert_eq!(res.status(), 200);
    let res = reviewer
        .call(
            "/api/review/save",
            &scores("demo", &conflicted, &["3", "3", "3", "3"]),
        )
        .await;
    assert_eq!(res.status(), 403);
    let res = reviewer
        .call(
            "/api/review/proposal",
            &[("forum", "demo"), ("proposal", &conflicted)],
        )
        .await;
    assert_eq!(res.status(), 403, "no reviews or scores for the conflicted");

    // The phase closed yesterday: scores are refused, the review stays.
    let c = call::Entity::find().one(&app.db).await.unwrap().unwrap();
    let yesterday = chrono::Utc::now() - chrono::Duration::days(1);
    let phases = app::review::scoring::phases_to_json(&[app::review::scoring::Phase {
        name: "Review".into(),
        starts: yesterday - chrono::Duration::days(20),
        ends: yesterday,
        can_score: true,
        see_others: true,
        see_names: false,
    }]);
    let mut active: call::ActiveModel = c.into();
    active.review_phases = Set(phases);
    active.update(&app.db).await.unwrap();
    let res = reviewer
        .call(
            "/api/review/save",
            &scores("demo", &target, &["5", "5", "5", "5"]),
        )
        .await;
    assert_eq!(res.status(), 422);
    assert!(res.text().await.unwrap().contains("review.phase-closed"));
    assert_eq!(my_review(&app, me, todo[0]).await.unwrap().total, 2.0);
    let (status, html) = reviewer.get_text(&page).await;
    assert_eq!(status, 200);
    assert!(html.contains("Reviewing is closed now."));
}

async fn the_ranking_adds_up_and_hides_conflicts(backend: Backend) {
    let (app, organiser) = demo(backend).await;
    let organiser_id = user_id(&app, "organiser@demo.plenum.localhost").await;
    let to_review: Vec<proposal::Model> = proposal::Entity::find()
        .filter(proposal::Column::State.eq("submitted"))
        .filter(proposal::Column::Screening.ne("ineligible"))
        .all(&app.db)
        .await
        .unwrap();
    // The organiser has a conflict on one proposal.
    let hidden = to_review[0].id;
    review_conflict::ActiveModel {
        id: Set(Uuid::new_v4()),
        proposal_id: Set(hidden),
        reviewer_id: Set(organiser_id),
        reason: Set(String::new()),
        declared_at: Set(app::db::now()),
    }
    .insert(&app.db)
    .await
    .unwrap();
    // ... and is named (in other letters) among another's people.
    let named = to_review[1].id;
    let person = proposal_person::Entity::find()
        .filter(proposal_person::Column::ProposalId.eq(named))
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    let mut renamed: proposal_person::ActiveModel = person.into();
    renamed.email = Set("Organiser@Demo.Plenum.Localhost".into());
    renamed.update(&app.db).await.unwrap();
    let mut totals: HashMap<Uuid, Vec<f64>> = HashMap::new();
    for r in review::Entity::find().all(&app.db).await.unwrap() {
        totals.entry(r.proposal_id).or_default().push(r.total);
    }
    let mut all_rows = vec![];
    let mut page = 1;
    let mut first: Option<serde_json::Value> = None;
    loop {
        let ranking: serde_json::Value = organiser
            .call(
                "/api/review/ranking",
                &[("forum", "demo"), ("page", &page.to_string())],
            )
            .await
            .json()
            .await
            .unwrap();
        all_rows.extend(ranking["rows"].as_array().unwrap().clone());
        let pages = ranking["pages"].as_u64().unwrap();
        first.get_or_insert(ranking);
        if page >= pages {
            break;
        }
        page += 1;
    }
    let ranking = first.unwrap();
    assert_eq!(all_rows.len(), to_review.len());
    assert_eq!(
        ranking["call_totals"]["proposals"].as_u64().unwrap() as usize,
        to_review.len()
    );
    let people = proposal_person::Entity::find()
        .filter(proposal_person::Column::ProposalId.is_in(to_review.iter().map(|p| p.id)))
        .count(&app.db)
        .await
        .unwrap();
    assert_eq!(ranking["call_totals"]["people"].as_u64().unwrap(), people);
    let mut groups: HashMap<String, u64> = HashMap::new();
    for x in proposal_person::Entity::find()
        .filter(proposal_person::Column::ProposalId.is_in(to_review.iter().map(|p| p.id)))
        .all(&app.db)
        .await
        .unwrap()
    {
        *groups
            .entry(x.stakeholder_group.unwrap_or_default())
            .or_default() += 1;
    }
    for (group, n) in &groups {
        assert_eq!(
            ranking["call_totals"]["groups"][group].as_u64(),
            Some(*n),
            "people of the group {group}"
        );
    }
    let first_time = user::Entity::find()
        .filter(user::Column::FirstTime.eq(true))
        .all(&app.db)
        .await
        .unwrap()
        .into_iter()
        .map(|u| u.id)
        .collect::<HashSet<_>>();
    assert_eq!(
        ranking["call_totals"]["first_time"].as_u64().unwrap() as usize,
        to_review
            .iter()
            .filter(|p| first_time.contains(&p.proposer_id))
            .count()
    );
    let mut last = f64::MAX;
    for row in &all_rows {
        let id: Uuid = row["id"].as_str().unwrap().parse().unwrap();
        if id == hidden || id == named {
            assert!(row["figures"].is_null(), "conflicted: no scores");
            continue;
        }
        let mine = totals.get(&id).cloned().unwrap_or_default();
        let figures = &row["figures"];
        assert_eq!(figures["reviews"].as_u64().unwrap() as usize, mine.len());
        if mine.is_empty() {
            assert!(figures["mean"].is_null());
            continue;
        }
        let mean = mine.iter().sum::<f64>() / mine.len() as f64;
        let got = figures["mean"].as_f64().unwrap();
        assert!((got - mean).abs() < 1e-9, "mean of {id}");
        assert!(got <= last + 1e-9, "ranked by mean");
        last = got;
        let spread = mine.iter().cloned().fold(f64::MIN, f64::max)
            - mine.iter().cloned().fold(f64::MAX, f64::min);
        assert!((figures["spread"].as_f64().unwrap() - spread).abs() < 1e-9);
    }
    // The selection on other pages plus the page's selected rows is every
    // proposal accepted so far.
    let selected_in_db = to_review
        .iter()
        .filter(|p| p.decision == "accept" || p.decision == "conditional")
        .count();
    let on_first_page = ranking["rows"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["decision"] == "accept" || r["decision"] == "conditional")
        .count();
    assert_eq!(
        ranking["selected_elsewhere"]["proposals"].as_u64().unwrap() as usize + on_first_page,
        selected_in_db
    );
    let (status, html) = organiser.get_text("/forums/demo/selection").await;
    assert_eq!(status, 200);
    assert!(html.contains("Balance of the selection"));
    let reviewer = app.browser();
    reviewer.sign_in(REVIEWER, PASSWORD).await;
    assert_eq!(
        reviewer
            .call("/api/review/ranking", &[("forum", "demo")])
            .await
            .status(),
        403
    );
}

async fn pages_cost_the_same_as_reviews_grow(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    server::demo::seed(&app.db, server::config::DemoSize::Bare, PASSWORD)
        .await
        .unwrap();
    let organiser = app.browser();
    organiser
        .sign_in("organiser@demo.plenum.localhost", PASSWORD)
        .await;
    let reviewer = app.browser();
    reviewer.sign_in(REVIEWER, PASSWORD).await;
    let measure = || async {
        (
            statements_for(&app, &organiser, "/forums/demo/selection").await,
            statements_for(&app, &reviewer, "/forums/demo/review").await,
            statements_for(&app, &organiser, "/forums/demo/selection/release").await,
        )
    };
    let before = measure().await;
    let f = app::db::forum::Entity::find()
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    let organiser_id = user_id(&app, "organiser@demo.plenum.localhost").await;
    let reviewer_id = user_id(&app, REVIEWER).await;
    server::demo::proposals::seed(&app.db, f.id, organiser_id, "not a real hash", 200)
        .await
        .unwrap();
    server::demo::reviews::seed(&app.db, f.id, reviewer_id, "not a real hash")
        .await
        .unwrap();
    assert!(review::Entity::find().count(&app.db).await.unwrap() > 200);
    let after = measure().await;
    assert_eq!(after, before, "statements grew with proposals and reviews");
    assert!(after.0 <= 16 && after.1 <= 12, "{after:?}");
}

fn decide_fields<'a>(
    id: &'a str,
    decision: &'a str,
    note: &'a str,
    version: &'a str,
) -> Vec<(&'a str, &'a str)> {
    vec![
        ("forum", "demo"),
        ("back", "/forums/demo/selection"),
        ("proposal[]", id),
        ("decision[]", decision),
        ("note[]", note),
        ("version[]", version),
    ]
}

async fn decisions_are_released_together_and_answered(backend: Backend) {
    let (app, organiser) = demo(backend).await;
    let second = app.browser();
    second
        .sign_in("organiser@demo.plenum.localhost", PASSWORD)
        .await;
    let undecided = proposal::Entity::find()
        .filter(proposal::Column::State.eq("submitted"))
        .filter(proposal::Column::Screening.ne("ineligible"))
        .filter(proposal::Column::Decision.eq(""))
        .all(&app.db)
        .await
        .unwrap();
    let p = &undecided[0];
    let id = p.id.to_string();
    let version = p.decision_version.to_string();

    // Bad input: an unknown decision, a condition without its text.
    let res = organiser
        .call(
            "/api/review/decide",
            &decide_fields(&id, "maybe", "", &version),
        )
        .await;
    assert_eq!(res.status(), 422);
    let res = organiser
        .call(
            "/api/review/decide",
            &decide_fields(&id, "conditional", " ", &version),
        )
        .await;
    assert_eq!(res.status(), 422);
    assert!(res
        .text()
        .await
        .unwrap()
        .contains("review.condition-required"));

    // Two organisers decide the same proposal at once: one wins, whole.
    let (accept, reject) = (
        decide_fields(&id, "accept", "", &version),
        decide_fields(&id, "reject", "", &version),
    );
    let (a, b) = tokio::join!(
        organiser.call("/api/review/decide", &accept),
        second.call("/api/review/decide", &reject),
    );
    let statuses = [a.status().as_u16(), b.status().as_u16()];
    assert!(
        statuses.contains(&200) && statuses.contains(&422),
        "{statuses:?}"
    );
    let winner = if a.status() == 200 {
        "accept"
    } else {
        "reject"
    };
    let loser_body = if a.status() == 200 {
        b.text().await.unwrap()
    } else {
        a.text().await.unwrap()
    };
    assert!(loser_body.contains("review.decision-conflict"));
    let now = proposal::Entity::find_by_id(p.id)
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        (now.decision.as_str(), now.decision_version),
        (winner, p.decision_version + 1)
    );
    assert_eq!(now.released_decision, "", "pending until released");

    // A stale merge sent from the page (without JavaScript) is refused on
    // that row's form only, not on each of the page's hundred merge forms.
    let ranking: serde_json::Value = organiser
        .call("/api/review/ranking", &[("forum", "demo")])
        .await
        .json()
        .await
        .unwrap();
    // Rows that can be merged (a merged one offers "unmerge" instead; the
    // demo merges one of its best proposals, which may rank first).
    let open: Vec<&serde_json::Value> = ranking["rows"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["decision"] != "merged")
        .collect();
    let (first, second) = (open[0], open[1]);
    let stale = (first["version"].as_i64().unwrap() + 7).to_string();
    let res = organiser
        .submit(
            "/forums/demo/selection",
            "/api/review/merge",
            &[
                ("forum", "demo"),
                ("back", "/forums/demo/selection"),
                ("proposal", first["id"].as_str().unwrap()),
                ("into", second["code"].as_str().unwrap()),
                ("version", &stale),
            ],
        )
        .await;
    assert!(res.status().is_client_error(), "{}", res.status());
    let page = res.text().await.unwrap();
    assert_eq!(
        page.matches("class=\"form-error\"").count(),
        1,
        "one refusal, on its own row"
    );

    // A merge into a proposal that is rejected warns before release.
    let (target, merged) = (&undecided[1], &undecided[2]);
    let res = organiser
        .call(
            "/api/review/merge",
            &[
                ("forum", "demo"),
                ("back", ""),
                ("proposal", &merged.id.to_string()),
                ("into", target.code.as_deref().unwrap()),
                ("version", &merged.decision_version.to_string()),
            ],
        )
        .await;
    assert_eq!(res.status(), 200);
    let t = proposal::Entity::find_by_id(target.id)
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        t.decision, "conditional",
        "the receiving proposal is accepted on condition"
    );
    let res = organiser
        .call(
            "/api/review/decide",
            &decide_fields(
                &target.id.to_string(),
                "reject",
                "",
                &t.decision_version.to_string(),
            ),
        )
        .await;
    assert_eq!(res.status(), 200);
    let plan: serde_json::Value = organiser
        .call("/api/review/release-plan", &[("forum", "demo")])
        .await
        .json()
        .await
        .unwrap();
    let the_call = &plan["calls"][0];
    assert!(the_call["warnings"]
        .as_array()
        .unwrap()
        .iter()
        .any(|w| w["kind"] == "merged-into-unselected"));
    assert!(!the_call["previews"].as_array().unwrap().is_empty());
    let call_id = the_call["id"].as_str().unwrap().to_string();
    let outbox_before = outbox_message::Entity::find().count(&app.db).await.unwrap();
    let release = |deadline: &'static str, ack: bool| {
        let call_id = call_id.clone();
        let organiser = &organiser;
        async move {
            let mut fields = vec![
                ("forum", "demo".to_string()),
                ("call", call_id),
                ("confirm_by", deadline.to_string()),
            ];
            if ack {
                fields.push(("acknowledge", "on".into()));
            }
            let fields: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
            organiser.call("/api/review/release", &fields).await
        }
    };
    let res = release("", true).await;
    assert_eq!(res.status(), 422);
    assert!(res
        .text()
        .await
        .unwrap()
        .contains("review.deadline-required"));
    let res = release("2099-01-31", false).await;
    assert_eq!(res.status(), 422);
    assert!(res
        .text()
        .await
        .unwrap()
        .contains("review.warnings-unacknowledged"));
    assert_eq!(
        outbox_message::Entity::find().count(&app.db).await.unwrap(),
        outbox_before,
        "nothing sent while refused"
    );
    let pending: Vec<proposal::Model> = proposal::Entity::find()
        .filter(proposal::Column::Decision.ne(""))
        .all(&app.db)
        .await
        .unwrap();
    let res = release("2099-01-31", true).await;
    assert_eq!(res.status(), 200, "{}", res.text().await.unwrap());
    let mails = outbox_message::Entity::find()
        .filter(outbox_message::Column::Template.starts_with("decision-"))
        .all(&app.db)
        .await
        .unwrap();
    assert_eq!(mails.len(), pending.len(), "one mail per decision");
    for p in &pending {
        let proposer = user::Entity::find_by_id(p.proposer_id)
            .one(&app.db)
            .await
            .unwrap()
            .unwrap();
        let kind = app::review::outcome::mail_kind(&p.decision).unwrap();
        assert!(
            mails.iter().any(|m| m.to_addr == proposer.email
                && m.template == kind
                && m.subject.contains(p.code.as_deref().unwrap())),
            "{} gets its {kind} mail",
            p.code.as_deref().unwrap()
        );
    }
    let after: Vec<proposal::Model> = proposal::Entity::find()
        .filter(proposal::Column::Decision.ne(""))
        .all(&app.db)
        .await
        .unwrap();
    assert!(after.iter().all(|p| p.released_decision == p.decision));
    // The merged proposal's people joined the receiving one.
    let emails = |id: Uuid| {
        let db = app.db.clone();
        async move {
            proposal_person::Entity::find()
                .filter(proposal_person::Column::ProposalId.eq(id))
                .all(&db)
                .await
                .unwrap()
                .into_iter()
                .map(|x| (x.role, x.email.to_lowercase()))
                .collect::<HashSet<_>>()
        }
    };
    assert!(emails(merged.id).await.is_subset(&emails(target.id).await));
    // ... and the balance counts them there.
    crate::support::assert_people_facts_current(&app.db).await;
    let released = audit_event::Entity::find()
        .filter(audit_event::Column::Action.eq("decision.released"))
        .count(&app.db)
        .await
        .unwrap();
    assert_eq!(released as usize, pending.len());
    let res = release("2099-01-31", true).await;
    assert_eq!(res.status(), 422, "nothing left to release");

    // The proposer confirms; nobody else can; after the deadline, no more.
    let accepted = after.iter().find(|p| p.decision == "accept").unwrap();
    let proposer_email = user::Entity::find_by_id(accepted.proposer_id)
        .one(&app.db)
        .await
        .unwrap()
        .unwrap()
        .email;
    let proposer = app.browser();
    proposer.sign_in(&proposer_email, PASSWORD).await;
    assert_eq!(answer(&organiser, accepted.id, "confirm").await, 403);
    assert_eq!(answer(&proposer, accepted.id, "confirm").await, 200);
    let confirmed = proposal::Entity::find_by_id(accepted.id)
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(confirmed.confirmation, "confirmed");
    let c = call::Entity::find().one(&app.db).await.unwrap().unwrap();
    let mut active: call::ActiveModel = c.into();
    active.confirm_by = Set(Some(chrono::Utc::now() - chrono::Duration::days(1)));
    active.update(&app.db).await.unwrap();
    assert_eq!(answer(&proposer, accepted.id, "withdraw").await, 422);

    // A waitlisted proposal is promoted, with its mail.
    let waiting = after.iter().find(|p| p.decision == "waitlist").unwrap();
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
    assert_eq!(res.status(), 200);
    let promoted = proposal::Entity::find_by_id(waiting.id)
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        (
            promoted.decision.as_str(),
            promoted.released_decision.as_str()
        ),
        ("accept", "accept")
    );
    assert_eq!(
        outbox_message::Entity::find()
            .filter(outbox_message::Column::Template.eq("decision-promoted"))
            .count(&app.db)
            .await
            .unwrap(),
        1
    );
}

async fn answer(b: &Browser, proposal: Uuid, what: &str) -> u16 {
    b.call(
        "/api/review/answer",
        &[
            ("forum", "demo"),
            ("proposal", &proposal.to_string()),
            ("answer", what),
        ],
    )
    .await
    .status()
    .as_u16()
}

/// Proposals written before their people's facts were kept (the migration
/// leaves them empty) get them when the server migrates at start.
async fn missing_people_facts_are_filled_at_start(backend: Backend) {
    let (app, _) = demo(backend).await;
    proposal::Entity::update_many()
        .col_expr(
            proposal::Column::PeopleFacts,
            sea_orm::sea_query::Expr::value(""),
        )
        .exec(&app.db)
        .await
        .unwrap();
    server::database::migrate(&app.db).await.unwrap();
    crate::support::assert_people_facts_current(&app.db).await;
}

on_both!(
    missing_people_facts_are_filled_at_start,
    reviewers_score_and_revise_until_the_phase_closes,
    the_ranking_adds_up_and_hides_conflicts,
    pages_cost_the_same_as_reviews_grow,
    decisions_are_released_together_and_answered,
);
