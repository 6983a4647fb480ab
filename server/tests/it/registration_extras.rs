//! Registration beyond the standard form: the organisers' extra questions
//! (asked, checked, kept, exported), the list as CSV, decisions about
//! everyone the filters match, changes of participation mode (at once, or
//! asked for and decided while onsite places last, with their mails), and
//! the public list of participants who consented to appear in it.

use crate::on_both;
use crate::registration::{decide, location, person, row_of, setup};
use crate::schedule::seeded;
use crate::support::{has_input_value, statements_for, Backend, Browser, TestApp};
use app::db::{registration, registration_question};
use app::i18n::{translate, Locale};
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};

const FORUM: &str = "demo";
const PAGE: &str = "/forums/demo/register";
const LIST: &str = "/forums/demo/registrations";

fn en(key: &str) -> String {
    translate(Locale::En, key)
}

async fn add_question(
    organiser: &Browser,
    kind: &str,
    label: &str,
    choices: &str,
    required: bool,
) -> reqwest::Response {
    let mut fields = vec![
        ("forum", FORUM),
        ("kind", kind),
        ("label", label),
        ("choices", choices),
    ];
    if required {
        fields.push(("required", "on"));
    }
    organiser
        .submit(LIST, "/api/registration/question-add", &fields)
        .await
}

/// Registers with `badge` as the badge name, `listed` or not, and the
/// answers given as (field, value).
async fn register_with(
    b: &Browser,
    mode: &str,
    badge: &str,
    listed: bool,
    answers: &[(String, &str)],
) -> reqwest::Response {
    let mut fields: Vec<(&str, &str)> = vec![
        ("forum", FORUM),
        ("mode", mode),
        ("badge_name", badge),
        ("organisation", "Open Networks Lab"),
        ("country", "BR"),
        ("stakeholder_group", "technical-community"),
        ("gender", ""),
        ("accessibility", ""),
        ("interpretation_language", ""),
        ("privacy", "on"),
    ];
    if listed {
        fields.push(("listed", "on"));
    }
    for (k, v) in answers {
        fields.push((k.as_str(), v));
    }
    b.submit(PAGE, "/api/registration/register", &fields).await
}

async fn questions(app: &TestApp) -> Vec<registration_question::Model> {
    let mut all = registration_question::Entity::find()
        .all(&app.db)
        .await
        .unwrap();
    all.sort_by_key(|q| q.position);
    all
}

async fn extra_questions_are_asked_checked_kept_and_exported(backend: Backend) {
    let (app, organiser, _) = seeded(backend).await;
    assert_eq!(setup(&organiser, "", "Privacy.").await.status(), 303);
    let amina = person(&app, "Amina Online", "amina@example.org").await;

    // Only organisers add questions; a choice question needs two choices.
    assert_eq!(
        add_question(&amina, "text", "Dietary needs?", "", true)
            .await
            .status(),
        403
    );
    let res = add_question(
        &organiser,
        "choice",
        "Which field visit?",
        "Only one",
        false,
    )
    .await;
    assert_eq!(res.status(), 422);
    let page = res.text().await.unwrap();
    assert!(page.contains(&en("registration.question.choices-count")));
    assert!(has_input_value(&page, "label", "Which field visit?"));
    assert!(questions(&app).await.is_empty());
    for (kind, label, choices, required) in [
        ("text", "Dietary needs?", "", true),
        (
            "choice",
            "Which field visit?",
            "Data centre\nInternet exchange\n",
            false,
        ),
        ("yes-no", "Do you need a visa letter?", "", true),
    ] {
        let res = add_question(&organiser, kind, label, choices, required).await;
        assert_eq!(res.status(), 303, "{label}");
        assert!(location(&res).contains("notice=question-added"));
    }
    let qs = questions(&app).await;
    assert_eq!(qs.len(), 3);
    let field = |i: usize| format!("answer[q{}]", qs[i].id);

    // The form asks them; missing and unknown answers are named at their
    // fields, with what was typed kept, and nothing stored.
    let (_, page) = amina.get_text(PAGE).await;
    assert!(page.contains("Dietary needs? (required)") && page.contains("Internet exchange"));
    let res = register_with(
        &amina,
        "online",
        "Amina O.",
        false,
        &[
            (field(0), " "),
            (field(1), "Moon base"),
            (field(2), "maybe"),
        ],
    )
    .await;
    let status = res.status();
    let page = res.text().await.unwrap();
    assert_eq!(status, 422);
    assert!(page.contains(&en("registration.answer-required")));
    assert!(page.contains(&en("field.choice-invalid")));
    assert!(has_input_value(&page, "badge_name", "Amina O."));
    assert_eq!(
        registration::Entity::find().count(&app.db).await.unwrap(),
        0
    );
    let res = register_with(
        &amina,
        "online",
        "Amina O.",
        false,
        &[
            (field(0), "Vegetarian, no nuts"),
            (field(1), "Internet exchange"),
            (field(2), "yes"),
        ],
    )
    .await;
    assert_eq!(res.status(), 303);
    let stored: serde_json::Value =
        serde_json::from_str(&row_of(&app, "amina@example.org").await.answers).unwrap();
    assert_eq!(stored[qs[0].id.to_string()], "Vegetarian, no nuts");
    assert_eq!(stored[qs[1].id.to_string()], "Internet exchange");
    assert_eq!(stored[qs[2].id.to_string()], "yes");
    let (_, page) = amina.get_text(PAGE).await;
    assert!(page.contains("Vegetarian, no nuts"));

    // The CSV: organisers only, an answer column per question, the filters
    // of the list; a formula is never a formula.
    assert_eq!(amina.get(&format!("{LIST}.csv")).await.status(), 403);
    assert_eq!(
        app.browser().get(&format!("{LIST}.csv")).await.status(),
        401
    );
    let bo = person(&app, "Bo Onsite", "bo@example.org").await;
    let res = register_with(
        &bo,
        "onsite",
        "=HYPERLINK(\"x\")",
        false,
        &[(field(0), "None"), (field(2), "no")],
    )
    .await;
    assert_eq!(res.status(), 303, "a badge name is free text");
    let res = organiser.get(&format!("{LIST}.csv")).await;
    assert_eq!(res.status(), 200);
    assert!(res.headers()["content-type"]
        .to_str()
        .unwrap()
        .starts_with("text/csv"));
    assert!(res.headers()["content-disposition"]
        .to_str()
        .unwrap()
        .contains("demo-registrations.csv"));
    let csv = res.text().await.unwrap();
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(lines.len(), 3, "{csv}");
    assert!(lines[0].contains("Dietary needs?") && lines[0].contains("Do you need a visa letter?"));
    assert!(lines[1].contains("amina@example.org"));
    assert!(lines[1].contains("\"Vegetarian, no nuts\",Internet exchange,yes"));
    assert!(lines[2].contains("\"'=HYPERLINK(\"\"x\"\")\""));
    assert!(lines[2].ends_with("None,,no"));
    let pending = organiser
        .get(&format!("{LIST}.csv?state=pending&mode=onsite"))
        .await
        .text()
        .await
        .unwrap();
    assert_eq!(pending.lines().count(), 2);
    assert!(pending.contains("bo@example.org") && !pending.contains("amina@example.org"));

    // Removing a question: no longer asked nor exported.
    let res = organiser
        .submit(
            LIST,
            "/api/registration/question-remove",
            &[("forum", FORUM), ("question", &qs[0].id.to_string())],
        )
        .await;
    assert_eq!(res.status(), 303);
    assert_eq!(questions(&app).await.len(), 2);
    let (_, page) = amina.get_text(PAGE).await;
    assert!(!page.contains("Dietary needs?"));
    let csv = organiser
        .get(&format!("{LIST}.csv"))
        .await
        .text()
        .await
        .unwrap();
    assert!(!csv.contains("Dietary needs?") && csv.contains("Which field visit?"));
}

async fn ask(b: &Browser, mode: &str) -> reqwest::Response {
    b.submit(
        PAGE,
        "/api/registration/mode",
        &[("forum", FORUM), ("mode", mode)],
    )
    .await
}

async fn mode_changes_wait_for_places_and_decisions_cover_the_filters(backend: Backend) {
    let (app, organiser, _) = seeded(backend).await;
    assert_eq!(setup(&organiser, "1", "Privacy.").await.status(), 303);
    let amina = person(&app, "Amina Online", "amina@example.org").await;
    let bo = person(&app, "Bo Onsite", "bo@example.org").await;
    let cy = person(&app, "Cy Onsite", "cy@example.org").await;
    assert_eq!(
        register_with(&amina, "online", "Amina", false, &[])
            .await
            .status(),
        303
    );
    for b in [&bo, &cy] {
        assert_eq!(
            register_with(b, "onsite", "Onsite", false, &[])
                .await
                .status(),
            303
        );
    }

    // Everyone matching the filters, not only those ticked: both pending
    // onsite registrations, in order (one place: Bo takes it, Cy waits).
    let everyone = |decision: &'static str, filters: &'static [(&'static str, &'static str)]| {
        let organiser = &organiser;
        async move {
            let mut fields = vec![
                ("forum", FORUM),
                ("decision", decision),
                ("reason", "No onsite places for this group."),
                ("back", LIST),
                ("matching", "on"),
            ];
            fields.extend_from_slice(filters);
            organiser
                .submit(LIST, "/api/registration/decide", &fields)
                .await
        }
    };
    assert_eq!(
        everyone("approve", &[("f_state", "pending"), ("f_mode", "onsite")])
            .await
            .status(),
        303
    );
    assert_eq!(row_of(&app, "bo@example.org").await.state, "approved");
    assert_eq!(row_of(&app, "cy@example.org").await.state, "waitlisted");
    assert_eq!(row_of(&app, "amina@example.org").await.state, "approved");

    // Online → onsite is asked for; the organisers' filter finds it.
    let res = ask(&amina, "onsite").await;
    assert!(location(&res).ends_with("notice=mode-asked"));
    let a = row_of(&app, "amina@example.org").await;
    assert_eq!(
        (a.mode.as_str(), a.requested_mode.as_deref()),
        ("online", Some("onsite"))
    );
    let (_, page) = amina.get_text(PAGE).await;
    assert!(page.contains("You asked to change to: Onsite"));
    let (_, asking) = organiser.get_text(&format!("{LIST}?asking=on")).await;
    assert!(asking.contains("amina@example.org") && !asking.contains("bo@example.org"));
    // Nobody else decides; with no place left it stays asked for.
    assert_eq!(
        decide(&bo, "approve-change", &[&a.id.to_string()], "").await,
        403
    );
    let res = everyone("approve-change", &[("f_asking", "on")]).await;
    assert!(location(&res).contains("full=1"), "{}", location(&res));
    let still = row_of(&app, "amina@example.org").await;
    assert_eq!(
        (still.mode.as_str(), still.requested_mode.as_deref()),
        ("online", Some("onsite"))
    );

    // Onsite → online happens at once: Bo's place goes to Cy, both hear.
    let res = ask(&bo, "online").await;
    assert!(location(&res).ends_with("notice=mode-changed"));
    let b = row_of(&app, "bo@example.org").await;
    assert_eq!((b.mode.as_str(), b.state.as_str()), ("online", "approved"));
    app.smtp
        .wait_for("bo@example.org", "online registration is approved")
        .await;
    assert_eq!(row_of(&app, "cy@example.org").await.state, "approved");
    app.smtp
        .wait_for("cy@example.org", "onsite registration is approved")
        .await;

    // Refused, with the reason, in a mail; the registration stays.
    assert_eq!(
        decide(
            &organiser,
            "refuse-change",
            &[&a.id.to_string()],
            "The room is full."
        )
        .await,
        303
    );
    let a = row_of(&app, "amina@example.org").await;
    assert_eq!(
        (
            a.mode.as_str(),
            a.state.as_str(),
            a.requested_mode.as_deref()
        ),
        ("online", "approved", None)
    );
    let mail = app
        .smtp
        .wait_for(
            "amina@example.org",
            "change of participation mode is not approved",
        )
        .await;
    assert!(mail.text().contains("The room is full."));

    // Asked again, then withdrawn: nothing asked.
    ask(&amina, "onsite").await;
    let res = ask(&amina, "online").await;
    assert!(location(&res).ends_with("notice=mode-ask-withdrawn"));
    assert_eq!(row_of(&app, "amina@example.org").await.requested_mode, None);

    // A second place: the change is approved, with the badge by mail.
    assert_eq!(setup(&organiser, "2", "Privacy.").await.status(), 303);
    ask(&amina, "onsite").await;
    assert_eq!(
        decide(&organiser, "approve-change", &[&a.id.to_string()], "").await,
        303
    );
    let a = row_of(&app, "amina@example.org").await;
    assert_eq!(
        (
            a.mode.as_str(),
            a.state.as_str(),
            a.requested_mode.as_deref()
        ),
        ("onsite", "approved", None)
    );
    let mail = app
        .smtp
        .wait_for("amina@example.org", "onsite registration is approved")
        .await;
    assert!(mail.text().contains(&a.badge_code));
    let onsite = registration::Entity::find()
        .filter(registration::Column::Mode.eq("onsite"))
        .filter(registration::Column::State.eq("approved"))
        .count(&app.db)
        .await
        .unwrap();
    assert_eq!(onsite, 2, "never more than the places");

    // Cancelled: nothing to change.
    bo.submit(PAGE, "/api/registration/cancel", &[("forum", FORUM)])
        .await;
    let res = ask(&bo, "onsite").await;
    assert_eq!(res.status(), 409);
    assert_eq!(row_of(&app, "bo@example.org").await.mode, "online");
}

async fn the_public_list_shows_only_approved_participants_who_consented(backend: Backend) {
    let (app, organiser, _) = seeded(backend).await;
    assert_eq!(setup(&organiser, "", "Privacy.").await.status(), 303);
    let amina = person(&app, "Amina Online", "amina@example.org").await;
    let bo = person(&app, "Bo Online", "bo@example.org").await;
    let cy = person(&app, "Cy Onsite", "cy@example.org").await;
    register_with(&amina, "online", "Amina Listed", true, &[]).await;
    register_with(&bo, "online", "Bo Unlisted", false, &[]).await;
    register_with(&cy, "onsite", "Cy Pending", true, &[]).await;

    let visitor = app.browser();
    let path = "/forums/demo/participants";
    let (status, page) = visitor.get_text(path).await;
    assert_eq!(status, 200);
    assert!(page.contains("Amina Listed") && page.contains("Open Networks Lab"));
    assert!(page.contains("Brazil"));
    assert!(!page.contains("Bo Unlisted"), "not consented");
    assert!(!page.contains("Cy Pending"), "not approved");
    assert!(!page.contains("amina@example.org"), "no addresses");
    let (_, found) = visitor.get_text(&format!("{path}?q=networks+AMINA")).await;
    assert!(found.contains("Amina Listed"));
    let (_, none) = visitor.get_text(&format!("{path}?q=nobody")).await;
    assert!(!none.contains("Amina Listed"));

    // The same statements for 1 or 151 listed; a page holds 100.
    let few = statements_for(&app, &visitor, path).await;
    server::demo::participants::seed(&app.db, FORUM, "listed", 150, "approved")
        .await
        .unwrap();
    registration::Entity::update_many()
        .col_expr(
            registration::Column::Listed,
            sea_orm::sea_query::Expr::value(true),
        )
        .filter(registration::Column::BadgeName.starts_with("Participant listed"))
        .exec(&app.db)
        .await
        .unwrap();
    assert_eq!(statements_for(&app, &visitor, path).await, few);
    let (_, first) = visitor.get_text(path).await;
    assert!(first.contains("151"));
    assert_eq!(first.matches("<tr>").count(), 101, "a head row and 100");
    let (_, second) = visitor.get_text(&format!("{path}?page=2")).await;
    assert_eq!(second.matches("<tr>").count(), 52);
}

on_both!(
    extra_questions_are_asked_checked_kept_and_exported,
    mode_changes_wait_for_places_and_decisions_cover_the_filters,
    the_public_list_shows_only_approved_participants_who_consented,
);
