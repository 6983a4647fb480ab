//! Review assignment: teams, the automatic assignment (N reviews a proposal,
//! balanced loads, teams' themes, never a conflict, re-runs keep what exists),
//! assignment by hand, declared conflicts, and the statements the pages issue.

use crate::on_both;
use crate::support::{statements_for, Backend, Browser, TestApp};
use app::db::{audit_event, forum, proposal, proposal_person, review_assignment, user};
use sea_orm::{entity::prelude::*, ActiveValue::Set, QueryFilter, QueryOrder};
use std::collections::{HashMap, HashSet};

const PASSWORD: &str = "demo passphrase 2027";

async fn seeded(backend: Backend, size: server::config::DemoSize) -> (TestApp, Browser) {
    let app = TestApp::spawn(backend).await;
    server::demo::seed(&app.db, size, PASSWORD).await.unwrap();
    without_demo_reviews(&app).await;
    let organiser = app.browser();
    organiser
        .sign_in("organiser@demo.plenum.localhost", PASSWORD)
        .await;
    (app, organiser)
}

/// Takes away the demo's review panel, assignments, reviews and decisions,
/// for tests that build their own.
pub async fn without_demo_reviews(app: &TestApp) {
    use app::db::{forum_role, review};
    review::Entity::delete_many().exec(&app.db).await.unwrap();
    review_assignment::Entity::delete_many()
        .exec(&app.db)
        .await
        .unwrap();
    let panel: Vec<Uuid> = user::Entity::find()
        .all(&app.db)
        .await
        .unwrap()
        .into_iter()
        .filter(|u| u.email.starts_with("reviewer") && u.email != "reviewer@demo.plenum.localhost")
        .map(|u| u.id)
        .collect();
    forum_role::Entity::delete_many()
        .filter(forum_role::Column::UserId.is_in(panel))
        .exec(&app.db)
        .await
        .unwrap();
    proposal::Entity::update_many()
        .col_expr(
            proposal::Column::Decision,
            sea_orm::sea_query::Expr::value(""),
        )
        .col_expr(
            proposal::Column::MergedInto,
            sea_orm::sea_query::Expr::value(Option::<Uuid>::None),
        )
        .exec(&app.db)
        .await
        .unwrap();
}

/// Accounts that the organiser makes reviewers of the demo edition.
async fn reviewers(
    app: &TestApp,
    organiser: &Browser,
    organisations: &[String],
) -> Vec<user::Model> {
    let hash = app::accounts::service::hash_password(PASSWORD.to_string())
        .await
        .unwrap();
    let mut made = vec![];
    for (n, org) in organisations.iter().enumerate() {
        let mut account = app::accounts::service::new_account(
            &format!("reviewer{n}@example.org"),
            &format!("Reviewer {n}"),
            hash.clone(),
        );
        account.email_verified_at = Set(Some(app::db::now()));
        account.organisation = Set(org.clone());
        let account = account.insert(&app.db).await.unwrap();
        let res = organiser
            .call(
                "/api/forums/grant-role",
                &[
                    ("forum", "demo"),
                    ("email", &account.email),
                    ("role", "reviewer"),
                ],
            )
            .await;
        assert_eq!(res.status(), 200);
        made.push(account);
    }
    made
}

/// A proposal's theme, and its people's emails and organisations (lower-cased).
type Who = (Option<Uuid>, HashSet<String>, HashSet<String>);

struct Picture {
    /// Proposals to review, with who is in them.
    proposals: HashMap<Uuid, Who>,
    assignments: Vec<review_assignment::Model>,
}

/// The assignment as the database has it, read independently of the app.
async fn picture(app: &TestApp) -> Picture {
    let mut proposals = HashMap::new();
    for p in proposal::Entity::find()
        .filter(proposal::Column::State.eq("submitted"))
        .filter(proposal::Column::Screening.ne("ineligible"))
        .all(&app.db)
        .await
        .unwrap()
    {
        let proposer = user::Entity::find_by_id(p.proposer_id)
            .one(&app.db)
            .await
            .unwrap()
            .unwrap();
        proposals.insert(
            p.id,
            (
                p.theme_id,
                HashSet::from([proposer.email.to_lowercase()]),
                HashSet::from([proposer.organisation.to_lowercase()]),
            ),
        );
    }
    for x in proposal_person::Entity::find().all(&app.db).await.unwrap() {
        if let Some((_, emails, orgs)) = proposals.get_mut(&x.proposal_id) {
            emails.insert(x.email.to_lowercase());
            orgs.insert(x.organisation.to_lowercase());
        }
    }
    Picture {
        proposals,
        assignments: review_assignment::Entity::find()
            .all(&app.db)
            .await
            .unwrap(),
    }
}

async fn run(organiser: &Browser, call: &str, n: &str, max: &str) -> reqwest::Response {
    organiser
        .call(
            "/api/review/run",
            &[
                ("forum", "demo"),
                ("call", call),
                ("reviews_per_proposal", n),
                ("max_per_reviewer", max),
            ],
        )
        .await
}

async fn assignment_is_balanced_conflict_free_and_kept(backend: Backend) {
    let (app, organiser) = seeded(backend, server::config::DemoSize::Small).await;
    // One reviewer works for an organisation that is in some proposals.
    let busy_org = proposal_person::Entity::find()
        .order_by_asc(proposal_person::Column::Email)
        .one(&app.db)
        .await
        .unwrap()
        .unwrap()
        .organisation;
    let mut orgs: Vec<String> = (0..7).map(|n| format!("Reviewer Org {n}")).collect();
    orgs.push(busy_org.clone());
    let mut team = reviewers(&app, &organiser, &orgs).await;
    // The demo's own reviewer reviews too.
    team.push(
        user::Entity::find()
            .filter(user::Column::Email.eq("reviewer@demo.plenum.localhost"))
            .one(&app.db)
            .await
            .unwrap()
            .unwrap(),
    );
    let board: serde_json::Value = organiser
        .call("/api/review/board", &[("forum", "demo")])
        .await
        .json()
        .await
        .unwrap();
    let call = board["calls"][0]["id"].as_str().unwrap().to_string();
    let theme = board["themes"][0][0].as_str().unwrap().to_string();

    // Reviewer 0 is in a team that reviews one theme only.
    let res = organiser
        .call(
            "/api/review/add-team",
            &[
                ("forum", "demo"),
                ("name", "Governance"),
                ("themes[]", &theme),
            ],
        )
        .await;
    assert_eq!(res.status(), 200);
    let board: serde_json::Value = organiser
        .call("/api/review/board", &[("forum", "demo")])
        .await
        .json()
        .await
        .unwrap();
    let team_id = board["teams"][0]["id"].as_str().unwrap().to_string();
    let res = organiser
        .call(
            "/api/review/add-member",
            &[
                ("forum", "demo"),
                ("team", &team_id),
                ("email", &team[0].email),
            ],
        )
        .await;
    assert_eq!(res.status(), 200);
    let res = organiser
        .call(
            "/api/review/add-member",
            &[
                ("forum", "demo"),
                ("team", &team_id),
                ("email", "participant@demo.plenum.localhost"),
            ],
        )
        .await;
    assert_eq!(res.status(), 422, "only reviewers join teams");

    // Bad numbers are refused.
    let res = run(&organiser, &call, "0", "").await;
    assert_eq!(res.status(), 422);
    assert!(res.text().await.unwrap().contains("reviews_per_proposal"));
    let res = run(&organiser, &call, "3", "-1").await;
    assert_eq!(res.status(), 422);

    let res = run(&organiser, &call, "3", "200").await;
    assert_eq!(res.status(), 200, "{}", res.text().await.unwrap());
    let first = picture(&app).await;
    assert!(first.proposals.len() > 100);
    let mut per_proposal: HashMap<Uuid, HashSet<Uuid>> = HashMap::new();
    let mut loads: HashMap<Uuid, usize> = HashMap::new();
    for a in &first.assignments {
        assert!(per_proposal
            .entry(a.proposal_id)
            .or_default()
            .insert(a.reviewer_id));
        *loads.entry(a.reviewer_id).or_default() += 1;
        let (theme_id, emails, orgs) = &first.proposals[&a.proposal_id];
        let r = team.iter().find(|r| r.id == a.reviewer_id).unwrap();
        assert!(
            !emails.contains(&r.email.to_lowercase()),
            "never one's own proposal"
        );
        assert!(
            !orgs.contains(&r.organisation.to_lowercase()),
            "never one's organisation's"
        );
        if r.id == team[0].id {
            assert_eq!(
                theme_id.map(|t| t.to_string()),
                Some(theme.clone()),
                "the team's theme only"
            );
        }
    }
    for id in first.proposals.keys() {
        assert_eq!(
            per_proposal.get(id).map(HashSet::len),
            Some(3),
            "three reviewers each"
        );
    }
    let unrestricted: Vec<usize> = team[1..]
        .iter()
        .map(|r| loads.get(&r.id).copied().unwrap_or(0))
        .collect();
    let (min, max) = (
        unrestricted.iter().min().unwrap(),
        unrestricted.iter().max().unwrap(),
    );
    assert!(max - min <= 2, "balanced loads: {unrestricted:?}");
    assert!(loads.values().all(|n| *n <= 200));

    // Running again changes nothing.
    assert_eq!(run(&organiser, &call, "3", "200").await.status(), 200);
    let again = picture(&app).await;
    let ids = |p: &Picture| p.assignments.iter().map(|a| a.id).collect::<HashSet<_>>();
    assert_eq!(ids(&again), ids(&first));
    let runs = audit_event::Entity::find()
        .filter(audit_event::Column::Action.eq("review.assigned"))
        .all(&app.db)
        .await
        .unwrap();
    assert!(runs.iter().any(|e| e.detail == "+0 -0 short 0"));

    // A reviewer declares a conflict: it leaves their list, and the next run
    // gives the proposal to someone else.
    let reviewer = app.browser();
    reviewer.sign_in(&team[1].email, PASSWORD).await;
    let (status, page) = reviewer.get_text("/forums/demo/review").await;
    assert_eq!(status, 200);
    let mine = loads[&team[1].id];
    assert!(page.contains(&format!("0 of {mine} done")));
    let theirs = first
        .assignments
        .iter()
        .find(|a| a.reviewer_id == team[1].id)
        .unwrap()
        .proposal_id;
    let res = reviewer
        .submit(
            "/forums/demo/review",
            "/api/review/declare-conflict",
            &[
                ("forum", "demo"),
                ("proposal", &theirs.to_string()),
                ("reason", "I advised the proposer"),
            ],
        )
        .await;
    assert_eq!(res.status(), 303);
    let after = picture(&app).await;
    assert!(!after
        .assignments
        .iter()
        .any(|a| a.proposal_id == theirs && a.reviewer_id == team[1].id));
    assert_eq!(run(&organiser, &call, "3", "200").await.status(), 200);
    let refilled = picture(&app).await;
    let now: Vec<_> = refilled
        .assignments
        .iter()
        .filter(|a| a.proposal_id == theirs)
        .collect();
    assert_eq!(now.len(), 3);
    assert!(now.iter().all(|a| a.reviewer_id != team[1].id));

    // By hand: never a conflict; a duplicate is refused.
    let res = organiser
        .call(
            "/api/review/assign",
            &[
                ("forum", "demo"),
                ("proposal", &theirs.to_string()),
                ("email", &team[1].email),
            ],
        )
        .await;
    assert_eq!(res.status(), 422);
    assert!(res.text().await.unwrap().contains("review.conflicted"));
    let holder = &now[0];
    let holder_email = &team
        .iter()
        .find(|r| r.id == holder.reviewer_id)
        .unwrap()
        .email;
    let res = organiser
        .call(
            "/api/review/assign",
            &[
                ("forum", "demo"),
                ("proposal", &theirs.to_string()),
                ("email", holder_email),
            ],
        )
        .await;
    assert_eq!(res.status(), 422);
    assert!(res
        .text()
        .await
        .unwrap()
        .contains("review.already-assigned"));
    // Taking one back, then giving it by hand.
    let res = organiser
        .call(
            "/api/review/unassign",
            &[("forum", "demo"), ("id", &holder.id.to_string())],
        )
        .await;
    assert_eq!(res.status(), 200);
    let res = organiser
        .call(
            "/api/review/assign",
            &[
                ("forum", "demo"),
                ("proposal", &theirs.to_string()),
                ("email", holder_email),
            ],
        )
        .await;
    assert_eq!(res.status(), 200);
    let manual = review_assignment::Entity::find()
        .filter(review_assignment::Column::ProposalId.eq(theirs))
        .filter(review_assignment::Column::Origin.eq("manual"))
        .count(&app.db)
        .await
        .unwrap();
    assert_eq!(manual, 1);

    // The organisers' page renders the loads; a reviewer may not open it.
    let (status, page) = organiser
        .get_text(&format!(
            "/forums/demo/review/assignment?reviewer={}",
            team[1].id
        ))
        .await;
    assert_eq!(status, 200);
    assert!(page.contains("Reviewer 7"));
    let (status, _) = reviewer.get_text("/forums/demo/review/assignment").await;
    assert_eq!(status, 403);
    let (status, _) = organiser.get_text("/forums/demo/review").await;
    assert_eq!(status, 403, "the list is a reviewer's own");
}

async fn review_pages_cost_the_same_as_the_edition_grows(backend: Backend) {
    let (app, organiser) = seeded(backend, server::config::DemoSize::Bare).await;
    let team = reviewers(&app, &organiser, &["A".into(), "B".into(), "C".into()]).await;
    let reviewer = app.browser();
    reviewer.sign_in(&team[0].email, PASSWORD).await;
    let f = forum::Entity::find().one(&app.db).await.unwrap().unwrap();
    let organiser_id = user::Entity::find()
        .filter(user::Column::Email.eq("organiser@demo.plenum.localhost"))
        .one(&app.db)
        .await
        .unwrap()
        .unwrap()
        .id;
    let before = (
        statements_for(&app, &organiser, "/forums/demo/review/assignment").await,
        statements_for(&app, &reviewer, "/forums/demo/review").await,
    );
    server::demo::proposals::seed(&app.db, f.id, organiser_id, "not a real hash", 150)
        .await
        .unwrap();
    let board: serde_json::Value = organiser
        .call("/api/review/board", &[("forum", "demo")])
        .await
        .json()
        .await
        .unwrap();
    let call = board["calls"][0]["id"].as_str().unwrap().to_string();
    assert_eq!(run(&organiser, &call, "2", "").await.status(), 200);
    assert!(
        review_assignment::Entity::find()
            .count(&app.db)
            .await
            .unwrap()
            > 100
    );
    let after = (
        statements_for(
            &app,
            &organiser,
            &format!("/forums/demo/review/assignment?reviewer={}", team[0].id),
        )
        .await,
        statements_for(&app, &reviewer, "/forums/demo/review").await,
    );
    assert_eq!(after, before, "statements grew with the proposals");
}

async fn read(b: &Browser, id: Uuid) -> reqwest::Response {
    b.call(
        "/api/review/proposal",
        &[("forum", "demo"), ("proposal", &id.to_string())],
    )
    .await
}

/// A reviewer reads only the proposals given to them (not after declaring a
/// conflict); under blind review without names, organisations or emails, with
/// groups, regions and genders; organisers read every proposal with names and rules.
async fn reviewers_read_their_proposals_blind(backend: Backend) {
    let (app, organiser) = seeded(backend, server::config::DemoSize::Small).await;
    let team = reviewers(&app, &organiser, &["A".into(), "B".into(), "C".into()]).await;
    let board: serde_json::Value = organiser
        .call("/api/review/board", &[("forum", "demo")])
        .await
        .json()
        .await
        .unwrap();
    let call = board["calls"][0]["id"].as_str().unwrap().to_string();
    let blind_run = |blind: bool| {
        let organiser = &organiser;
        let call = call.clone();
        async move {
            let mut fields = vec![
                ("forum", "demo"),
                ("call", call.as_str()),
                ("reviews_per_proposal", "2"),
                ("max_per_reviewer", ""),
            ];
            if blind {
                fields.push(("blind", "on"));
            }
            let res = organiser.call("/api/review/run", &fields).await;
            assert_eq!(res.status(), 200);
        }
    };
    blind_run(true).await;
    let reviewer = app.browser();
    reviewer.sign_in(&team[0].email, PASSWORD).await;
    let assigned: HashSet<Uuid> = review_assignment::Entity::find()
        .filter(review_assignment::Column::ReviewerId.eq(team[0].id))
        .all(&app.db)
        .await
        .unwrap()
        .into_iter()
        .map(|a| a.proposal_id)
        .collect();
    let mine = *assigned.iter().next().unwrap();
    let res = read(&reviewer, mine).await;
    assert_eq!(res.status(), 200);
    let body = res.text().await.unwrap();
    assert!(!body.contains('@'), "no email under blind review");
    let reading: serde_json::Value = serde_json::from_str(&body).unwrap();
    assert_eq!(reading["blind"], true);
    assert!(reading["proposer"].is_null());
    let people = reading["people"].as_array().unwrap();
    assert!(people
        .iter()
        .all(|p| p["name"].is_null() && p["organisation"].is_null()));
    assert!(people
        .iter()
        .any(|p| !p["stakeholder_group"].as_str().unwrap().is_empty()));
    assert!(people
        .iter()
        .any(|p| !p["region"].as_str().unwrap().is_empty()));
    assert_eq!(
        reading["checks"].as_array().unwrap().len(),
        0,
        "rules are the organisers'"
    );
    let (status, page) = reviewer
        .get_text(&format!("/forums/demo/review/proposals/{mine}"))
        .await;
    assert_eq!(status, 200);
    assert!(page.contains("(hidden)") && !page.contains("@demo.plenum.localhost"));

    // Not theirs: refused.
    let other = proposal::Entity::find()
        .filter(proposal::Column::State.eq("submitted"))
        .all(&app.db)
        .await
        .unwrap()
        .into_iter()
        .find(|p| !assigned.contains(&p.id))
        .unwrap()
        .id;
    assert_eq!(read(&reviewer, other).await.status(), 403);

    // Organisers read names and rules.
    let res = read(&organiser, mine).await;
    assert_eq!(res.status(), 200);
    let full: serde_json::Value = res.json().await.unwrap();
    assert_eq!(full["blind"], false);
    assert!(full["people"][0]["name"].is_string());
    assert!(!full["checks"].as_array().unwrap().is_empty());
    let participant = app.browser();
    participant
        .sign_in("participant@demo.plenum.localhost", PASSWORD)
        .await;
    assert_eq!(read(&participant, mine).await.status(), 403);
    assert_eq!(read(&app.browser(), mine).await.status(), 401);

    // Without blind review the reviewer sees names.
    blind_run(false).await;
    let open: serde_json::Value = read(&reviewer, mine).await.json().await.unwrap();
    assert!(open["people"][0]["name"].is_string());

    // After declaring a conflict, the proposal is closed to them.
    let res = reviewer
        .call(
            "/api/review/declare-conflict",
            &[
                ("forum", "demo"),
                ("proposal", &mine.to_string()),
                ("reason", ""),
            ],
        )
        .await;
    assert_eq!(res.status(), 200);
    assert_eq!(read(&reviewer, mine).await.status(), 403);
}

on_both!(
    reviewers_read_their_proposals_blind,
    assignment_is_balanced_conflict_free_and_kept,
    review_pages_cost_the_same_as_the_edition_grows,
);
