//! Proposals: drafts, invitations to the people named, submission against the
//! call's rules, codes per session type, late submission with an access code.

use crate::on_both;
use crate::support::{has_input_value, statements_for, Backend, Browser, TestApp};

const PASSWORD: &str = "demo passphrase 2027";

pub(crate) struct Demo {
    pub(crate) app: TestApp,
    pub(crate) call: String,
    pub(crate) workshop: String,
    pub(crate) theme: String,
}

pub(crate) async fn demo(backend: Backend) -> Demo {
    let app = TestApp::spawn(backend).await;
    server::demo::seed(&app.db, server::config::DemoSize::Bare, PASSWORD)
        .await
        .unwrap();
    let visitor = app.browser();
    let calls: serde_json::Value = visitor
        .call("/api/calls/list", &[("forum", "demo")])
        .await
        .json()
        .await
        .unwrap();
    let call = &calls["calls"][0];
    let workshop = call["session_types"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["code_prefix"] == "WS")
        .unwrap()["id"]
        .as_str()
        .unwrap()
        .to_string();
    let organiser = app.browser();
    organiser
        .sign_in("organiser@demo.plenum.localhost", PASSWORD)
        .await;
    let setup: serde_json::Value = organiser
        .call("/api/forums/setup", &[("forum", "demo")])
        .await
        .json()
        .await
        .unwrap();
    Demo {
        call: call["id"].as_str().unwrap().to_string(),
        workshop,
        theme: setup["themes"][0]["id"].as_str().unwrap().to_string(),
        app,
    }
}

/// A workshop with a co-organiser, three speakers of two genders and two
/// stakeholder groups, and an onsite moderator (the proposer).
pub(crate) fn workshop<'a>(
    d: &'a Demo,
    proposer: &'a str,
    title: &'a str,
) -> Vec<(String, String)> {
    let mut f: Vec<(String, String)> = [
        ("forum", "demo"),
        ("call", d.call.as_str()),
        ("session_type", d.workshop.as_str()),
        ("format", ""),
        ("format_description", ""),
        ("duration", "90"),
        ("theme", d.theme.as_str()),
        ("sub_theme", ""),
        ("title", title),
        (
            "description",
            "How rural communities get <b>meaningful</b> connectivity.",
        ),
        ("policy_questions[]", "Who pays for the last mile?"),
        ("expected_outcomes", "A checklist for regulators."),
        (
            "hybrid_plan",
            "Online speakers on the screen; a queue for both.",
        ),
        ("room_layout", "roundtable"),
        ("sdgs[]", "9"),
        ("tags", "connectivity, rural"),
        ("previous_report_url", ""),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_string(), v.to_string()))
    .collect();
    let people = [
        (
            "organiser",
            "Proposer",
            proposer,
            "civil-society",
            "female",
            true,
        ),
        (
            "organiser",
            "Co Organiser",
            "co@example.org",
            "private-sector",
            "male",
            false,
        ),
        (
            "speaker",
            "Speaker One",
            "s1@example.org",
            "government",
            "female",
            true,
        ),
        (
            "speaker",
            "Speaker Two",
            "s2@example.org",
            "technical-community",
            "male",
            true,
        ),
        (
            "speaker",
            "Speaker Three",
            "s3@example.org",
            "civil-society",
            "other",
            false,
        ),
        (
            "onsite-moderator",
            "Proposer",
            proposer,
            "civil-society",
            "female",
            true,
        ),
    ];
    for (i, (role, name, email, group, gender, onsite)) in people.into_iter().enumerate() {
        for (k, v) in [
            ("role", role),
            ("name", name),
            ("email", email),
            ("organisation", "Org"),
            ("country", "KE"),
            ("stakeholder_group", group),
            ("gender", gender),
        ] {
            f.push((format!("people[{i}][{k}]"), v.to_string()));
        }
        if onsite {
            f.push((format!("people[{i}][onsite]"), "on".into()));
        }
    }
    f
}

pub(crate) async fn call(
    b: &Browser,
    path: &str,
    fields: &[(String, String)],
) -> reqwest::Response {
    let borrowed: Vec<(&str, &str)> = fields
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    b.call(path, &borrowed).await
}

/// Confirms the `round`-th invitation (1 for the first) each person received.
async fn confirm_all(d: &Demo, emails: &[&str], round: usize) {
    let visitor = d.app.browser();
    for email in emails {
        let invitations = |smtp: &crate::support::smtp::Smtp| {
            smtp.all()
                .into_iter()
                .filter(|m| m.to.contains(&email.to_string()) && m.subject().contains("names you"))
                .collect::<Vec<_>>()
        };
        d.app
            .smtp
            .wait_until("the invitation", |s| invitations(s).len() >= round)
            .await;
        let mail = invitations(&d.app.smtp)[round - 1].clone();
        let link = mail.link("/invitations/");
        let token = link.rsplit('/').next().unwrap().to_string();
        let (status, page) = visitor.get_text(&link.replace(&d.app.base, "")).await;
        assert_eq!(status, 200);
        assert!(page.contains("Yes, I take part"));
        let res = visitor
            .call(
                "/api/proposals/answer-invitation",
                &[("token", &token), ("answer", "confirm")],
            )
            .await;
        assert_eq!(res.status(), 200, "confirming {email}");
    }
}

async fn from_draft_to_submission_with_confirmed_speakers(backend: Backend) {
    let d = demo(backend).await;
    let proposer = d
        .app
        .verified_person("Proposer", "proposer@example.org", "correct horse battery")
        .await;
    assert_eq!(
        proposer
            .sign_in("proposer@example.org", "correct horse battery")
            .await
            .status(),
        303
    );

    let res = call(
        &proposer,
        "/api/proposals/save",
        &workshop(&d, "proposer@example.org", "Meaningful connectivity"),
    )
    .await;
    assert_eq!(res.status(), 200, "{}", res.text().await.unwrap());
    let id: String = res.json().await.unwrap();
    crate::support::assert_people_facts_current(&d.app.db).await;

    // Not yet: the speakers have not confirmed.
    let res = proposer
        .call(
            "/api/proposals/submit",
            &[("forum", "demo"), ("proposal", &id)],
        )
        .await;
    assert_eq!(res.status(), 422);
    let error: serde_json::Value = res.json().await.unwrap();
    let failing: Vec<String> = error["Invalid"]["fields"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["message"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(
        failing,
        vec!["screening.min-confirmed-speakers"],
        "only the confirmations are missing"
    );
    let checks: serde_json::Value = proposer
        .call("/api/proposals/checks", &[("proposal", &id)])
        .await
        .json()
        .await
        .unwrap();
    let speakers = checks
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["key"] == "screening.min-confirmed-speakers")
        .unwrap();
    assert_eq!(
        (speakers["have"].as_u64(), speakers["need"].as_u64()),
        (Some(0), Some(3))
    );

    // The people named were invited (the proposer was not); they confirm.
    confirm_all(
        &d,
        &[
            "co@example.org",
            "s1@example.org",
            "s2@example.org",
            "s3@example.org",
        ],
        1,
    )
    .await;
    assert!(!d
        .app
        .smtp
        .all()
        .iter()
        .any(|m| m.to.contains(&"proposer@example.org".to_string())
            && m.subject().contains("names you")));

    let res = proposer
        .call(
            "/api/proposals/submit",
            &[("forum", "demo"), ("proposal", &id)],
        )
        .await;
    assert_eq!(res.status(), 200, "{}", res.text().await.unwrap());
    let code: String = res.json().await.unwrap();
    assert_eq!(code, "WS #1");
    let ack = d
        .app
        .smtp
        .wait_for("proposer@example.org", "WS #1 received")
        .await;
    assert!(
        ack.text().contains("Meaningful connectivity"),
        "a copy of the proposal"
    );
    assert_eq!(
        proposer
            .call(
                "/api/proposals/submit",
                &[("forum", "demo"), ("proposal", &id)]
            )
            .await
            .status(),
        409,
        "no duplicate submission"
    );

    // Editing a submitted proposal keeps confirmations; breaking a rule is refused.
    let mut edit = workshop(
        &d,
        "proposer@example.org",
        "Meaningful connectivity, revised",
    );
    edit.push(("proposal".into(), id.clone()));
    assert_eq!(
        call(&proposer, "/api/proposals/save", &edit).await.status(),
        200
    );
    let mut too_long = workshop(&d, "proposer@example.org", &"x".repeat(70));
    too_long.push(("proposal".into(), id.clone()));
    let res = call(&proposer, "/api/proposals/save", &too_long).await;
    assert_eq!(
        res.status(),
        422,
        "the call's 60-character title rule holds after submission"
    );

    // The next workshop of the edition is WS #2.
    let second = d
        .app
        .verified_person("Second", "second@example.org", "correct horse battery")
        .await;
    second
        .sign_in("second@example.org", "correct horse battery")
        .await;
    let res = call(
        &second,
        "/api/proposals/save",
        &workshop(&d, "second@example.org", "Community networks"),
    )
    .await;
    let id2: String = res.json().await.unwrap();
    let res = second
        .call(
            "/api/proposals/submit",
            &[("forum", "demo"), ("proposal", &id2)],
        )
        .await;
    assert_eq!(
        res.status(),
        422,
        "co@ and the speakers confirm per proposal"
    );
    confirm_all(
        &d,
        &[
            "co@example.org",
            "s1@example.org",
            "s2@example.org",
            "s3@example.org",
        ],
        2,
    )
    .await;
    let res = second
        .call(
            "/api/proposals/submit",
            &[("forum", "demo"), ("proposal", &id2)],
        )
        .await;
    assert_eq!(res.json::<String>().await.unwrap(), "WS #2");

    // Someone else's proposal is not theirs to touch.
    assert_eq!(
        second
            .call(
                "/api/proposals/withdraw",
                &[("forum", "demo"), ("proposal", &id)]
            )
            .await
            .status(),
        403
    );
    assert_eq!(
        proposer
            .call(
                "/api/proposals/withdraw",
                &[("forum", "demo"), ("proposal", &id)]
            )
            .await
            .status(),
        200
    );
}

async fn bad_input_is_refused_field_by_field(backend: Backend) {
    let d = demo(backend).await;
    let proposer = d
        .app
        .verified_person("Proposer", "p@example.org", "correct horse battery")
        .await;
    proposer
        .sign_in("p@example.org", "correct horse battery")
        .await;
    let mut bad = workshop(&d, "p@example.org", "Fine title");
    for (k, v) in [
        ("duration", "45"),
        ("people[2][country]", "XX"),
        ("people[3][email]", "not-an-address"),
        ("previous_report_url", "javascript:alert(1)"),
        ("sdgs[]", "18"),
    ] {
        bad.retain(|(key, _)| key != k);
        bad.push((k.into(), v.into()));
    }
    let res = call(&proposer, "/api/proposals/save", &bad).await;
    assert_eq!(res.status(), 422);
    let error: serde_json::Value = res.json().await.unwrap();
    let fields: Vec<String> = error["Invalid"]["fields"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["field"].as_str().unwrap().to_string())
        .collect();
    for field in [
        "duration",
        "people[2][country]",
        "people[3][email]",
        "previous_report_url",
        "sdgs",
    ] {
        assert!(fields.contains(&field.to_string()), "{field} in {fields:?}");
    }
    // Nothing half-saved, no invitation sent.
    use sea_orm::{EntityTrait, PaginatorTrait};
    assert_eq!(
        app::db::proposal::Entity::find()
            .count(&d.app.db)
            .await
            .unwrap(),
        0
    );
    assert_eq!(
        app::db::proposal_person::Entity::find()
            .count(&d.app.db)
            .await
            .unwrap(),
        0
    );
    // Markup is text, kept as typed.
    let res = call(
        &proposer,
        "/api/proposals/save",
        &workshop(&d, "p@example.org", "<script>alert(1)</script>"),
    )
    .await;
    assert_eq!(res.status(), 200);
    let anonymous = d.app.browser();
    assert_eq!(
        call(
            &anonymous,
            "/api/proposals/save",
            &workshop(&d, "x@example.org", "x")
        )
        .await
        .status(),
        401
    );
}

async fn a_closed_call_takes_proposals_only_with_an_access_code(backend: Backend) {
    let d = demo(backend).await;
    let proposer = d
        .app
        .verified_person("Late", "late@example.org", "correct horse battery")
        .await;
    proposer
        .sign_in("late@example.org", "correct horse battery")
        .await;
    let res = call(
        &proposer,
        "/api/proposals/save",
        &workshop(&d, "late@example.org", "Late but good"),
    )
    .await;
    let id: String = res.json().await.unwrap();
    confirm_all(
        &d,
        &[
            "co@example.org",
            "s1@example.org",
            "s2@example.org",
            "s3@example.org",
        ],
        1,
    )
    .await;
    // The call closes.
    use sea_orm::{ActiveModelTrait, ActiveValue::Set};
    app::db::call::ActiveModel {
        id: Set(d.call.parse().unwrap()),
        closes_at: Set(app::db::now() - chrono::Duration::minutes(1)),
        ..Default::default()
    }
    .update(&d.app.db)
    .await
    .unwrap();
    let res = proposer
        .call(
            "/api/proposals/submit",
            &[("forum", "demo"), ("proposal", &id)],
        )
        .await;
    assert_eq!(res.status(), 422);
    assert_eq!(
        call(
            &proposer,
            "/api/proposals/save",
            &workshop(&d, "late@example.org", "Another")
        )
        .await
        .status(),
        422
    );
    let organiser = d.app.browser();
    organiser
        .sign_in("organiser@demo.plenum.localhost", PASSWORD)
        .await;
    let res = organiser
        .call(
            "/api/calls/add-access-code",
            &[
                ("forum", "demo"),
                ("call", &d.call),
                ("label", "Late"),
                ("max_uses", "1"),
                ("expires_at", "2099-01-01T00:00"),
            ],
        )
        .await;
    assert_eq!(res.status(), 200);
    let manage: serde_json::Value = organiser
        .call("/api/calls/manage", &[("forum", "demo"), ("call", &d.call)])
        .await
        .json()
        .await
        .unwrap();
    let code = manage["access_codes"][0]["code"]
        .as_str()
        .unwrap()
        .to_string();
    let res = proposer
        .call(
            "/api/proposals/submit",
            &[
                ("forum", "demo"),
                ("proposal", &id),
                ("access_code", "WRONGCODE1"),
            ],
        )
        .await;
    assert_eq!(res.status(), 422);
    let res = proposer
        .call(
            "/api/proposals/submit",
            &[("forum", "demo"), ("proposal", &id), ("access_code", &code)],
        )
        .await;
    assert_eq!(res.status(), 200, "{}", res.text().await.unwrap());
}

/// The same with plain HTML forms: the new-proposal page, a failed save shown
/// again with what was typed, the saved proposal with the rules' state.
async fn the_proposal_pages_work_without_javascript(backend: Backend) {
    let d = demo(backend).await;
    let proposer = d
        .app
        .verified_person("Plain Form", "plain@example.org", "correct horse battery")
        .await;
    proposer
        .sign_in("plain@example.org", "correct horse battery")
        .await;
    let new_page = format!("/forums/demo/calls/{}/propose", d.call);
    let (status, page) = proposer.get_text(&new_page).await;
    assert_eq!(status, 200);
    assert!(
        has_input_value(&page, "people[0][email]", "plain@example.org"),
        "the proposer is the first organiser"
    );

    let submit = |fields: Vec<(String, String)>| {
        let browser = Browser {
            base: proposer.base.clone(),
            client: proposer.client.clone(),
        };
        let page = new_page.clone();
        async move {
            let borrowed: Vec<(&str, &str)> = fields
                .iter()
                .map(|(k, v)| (k.as_str(), v.as_str()))
                .collect();
            browser
                .submit(&page, "/api/proposals/save", &borrowed)
                .await
        }
    };
    let mut bad = workshop(&d, "plain@example.org", "Typed and kept");
    bad.retain(|(k, _)| k != "duration");
    bad.push(("duration".into(), "45".into()));
    let res = submit(bad).await;
    assert_eq!(res.status(), 422);
    let page = res.text().await.unwrap();
    assert!(page.contains("This session type does not allow this duration."));
    assert!(has_input_value(&page, "title", "Typed and kept"));
    assert!(
        has_input_value(&page, "people[2][email]", "s1@example.org"),
        "people rows kept"
    );

    let res = submit(workshop(&d, "plain@example.org", "Typed and kept")).await;
    assert_eq!(res.status(), 303);
    let location = res.headers()["location"].to_str().unwrap().to_string();
    assert!(
        location.starts_with("/forums/demo/proposals/")
            && location.ends_with("?notice=proposal-saved"),
        "{location}"
    );
    let (status, page) = proposer.get_text(&location).await;
    assert_eq!(status, 200);
    assert!(
        page.contains("0 of 3 confirmed speakers"),
        "the rules' state"
    );
    assert!(page.contains("Submit the proposal"));
    let (status, page) = proposer.get_text("/account/proposals").await;
    assert_eq!(status, 200);
    assert!(page.contains("Typed and kept"));
    // A fixed number of statements however many people and proposals.
    let path = location.replace("?notice=proposal-saved", "");
    let few = statements_for(&d.app, &proposer, &path).await;
    let id = path.rsplit('/').next().unwrap().to_string();
    let mut more = workshop(&d, "plain@example.org", "Typed and kept");
    more.push(("proposal".into(), id));
    for i in 6..14 {
        for (k, v) in [
            ("role", "speaker".to_string()),
            ("name", format!("Extra {i}")),
            ("email", format!("extra{i}@example.org")),
        ] {
            more.push((format!("people[{i}][{k}]"), v));
        }
    }
    assert_eq!(submit(more).await.status(), 303);
    for n in 0..3 {
        let res = submit(workshop(&d, "plain@example.org", &format!("Another {n}"))).await;
        assert_eq!(res.status(), 303);
    }
    assert_eq!(
        statements_for(&d.app, &proposer, &path).await,
        few,
        "the proposal page's statements do not grow"
    );
    let mine = statements_for(&d.app, &proposer, "/account/proposals").await;
    assert!(mine <= 5, "My proposals used {mine} statements");
    // Someone else cannot open it.
    let other = d
        .app
        .verified_person("Other", "other@example.org", "correct horse battery")
        .await;
    other
        .sign_in("other@example.org", "correct horse battery")
        .await;
    assert_eq!(
        other
            .get_text(&location.replace("?notice=proposal-saved", ""))
            .await
            .0,
        403
    );
}

/// People named in earlier proposals are offered on the next one; picking one
/// fills the row (here without JavaScript: the server fills it on saving).
async fn people_named_before_are_picked_not_retyped(backend: Backend) {
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
    let d = demo(backend).await;
    let proposer = d
        .app
        .verified_person("Proposer", "proposer@example.org", "correct horse battery")
        .await;
    proposer
        .sign_in("proposer@example.org", "correct horse battery")
        .await;
    let res = call(
        &proposer,
        "/api/proposals/save",
        &workshop(&d, "proposer@example.org", "First proposal"),
    )
    .await;
    assert_eq!(res.status(), 200);

    let form: serde_json::Value = proposer
        .call(
            "/api/proposals/form",
            &[("forum", "demo"), ("call", &d.call)],
        )
        .await
        .json()
        .await
        .unwrap();
    let known: Vec<&str> = form["known_people"]
        .as_array()
        .unwrap()
        .iter()
        .map(|k| k["email"].as_str().unwrap())
        .collect();
    assert!(known.contains(&"s1@example.org") && known.contains(&"co@example.org"));
    let (_, page) = proposer
        .get_text(&format!("/forums/demo/calls/{}/propose", d.call))
        .await;
    assert!(page.contains("name=\"people[1][known]\""));
    assert!(page.contains("Speaker One (Org) &lt;s1@example.org&gt;"));

    // A stranger's address picked by hand is not filled in from anyone.
    let mut second: Vec<(String, String)> = workshop(&d, "proposer@example.org", "Second proposal")
        .into_iter()
        .filter(|(k, _)| !k.starts_with("people[2]"))
        .collect();
    second.push(("people[2][role]".into(), "speaker".into()));
    second.push(("people[2][known]".into(), "s1@example.org".into()));
    second.push(("people[7][role]".into(), "speaker".into()));
    second.push((
        "people[7][known]".into(),
        "participant@demo.plenum.localhost".into(),
    ));
    let fields: Vec<(&str, &str)> = second
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    let res = proposer
        .submit(
            &format!("/forums/demo/calls/{}/propose", d.call),
            "/api/proposals/save",
            &fields,
        )
        .await;
    assert_eq!(res.status(), 303);
    let location = res.headers()["location"].to_str().unwrap().to_string();
    let id = location
        .split('/')
        .nth(4)
        .unwrap()
        .split('?')
        .next()
        .unwrap()
        .to_string();
    let people = app::db::proposal_person::Entity::find()
        .filter(
            app::db::proposal_person::Column::ProposalId.eq(uuid::Uuid::parse_str(&id).unwrap()),
        )
        .all(&d.app.db)
        .await
        .unwrap();
    let picked = people
        .iter()
        .find(|p| p.email == "s1@example.org")
        .expect("the picked speaker was filled in");
    assert_eq!(picked.name, "Speaker One");
    assert_eq!(picked.stakeholder_group.as_deref(), Some("government"));
    assert_eq!(picked.country.as_deref(), Some("KE"));
    assert!(!people
        .iter()
        .any(|p| p.email == "participant@demo.plenum.localhost"));
}

/// Someone named in two roles gets one invitation, and their answer holds for both.
async fn a_person_in_two_roles_gets_one_invitation(backend: Backend) {
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
    let d = demo(backend).await;
    let proposer = d
        .app
        .verified_person("Proposer", "proposer@example.org", "correct horse battery")
        .await;
    proposer
        .sign_in("proposer@example.org", "correct horse battery")
        .await;
    let mut fields = workshop(&d, "proposer@example.org", "Two roles");
    for (k, v) in [
        ("role", "rapporteur"),
        ("name", "Speaker One"),
        ("email", "s1@example.org"),
        ("country", "KE"),
    ] {
        fields.push((format!("people[6][{k}]"), v.to_string()));
    }
    let res = call(&proposer, "/api/proposals/save", &fields).await;
    assert_eq!(res.status(), 200, "{}", res.text().await.unwrap());
    let invited = [
        "co@example.org",
        "s1@example.org",
        "s2@example.org",
        "s3@example.org",
    ];
    d.app
        .smtp
        .wait_until("an invitation to each", |s| {
            invited
                .iter()
                .all(|e| s.all().iter().any(|m| m.to.contains(&e.to_string())))
        })
        .await;
    let to_s1: Vec<_> = d
        .app
        .smtp
        .all()
        .into_iter()
        .filter(|m| m.to.contains(&"s1@example.org".to_string()))
        .collect();
    assert_eq!(to_s1.len(), 1, "one mail, not one per role");
    assert!(
        to_s1[0].text().contains("speaker and rapporteur"),
        "{}",
        to_s1[0].text()
    );
    confirm_all(&d, &["s1@example.org"], 1).await;
    let rows = app::db::proposal_person::Entity::find()
        .filter(app::db::proposal_person::Column::Email.eq("s1@example.org"))
        .all(&d.app.db)
        .await
        .unwrap();
    assert_eq!(rows.len(), 2);
    assert!(rows.iter().all(|r| r.confirmation == "confirmed"));
}

on_both!(
    a_person_in_two_roles_gets_one_invitation,
    people_named_before_are_picked_not_retyped,
    the_proposal_pages_work_without_javascript,
    from_draft_to_submission_with_confirmed_speakers,
    bad_input_is_refused_field_by_field,
    a_closed_call_takes_proposals_only_with_an_access_code,
);
