//! A consultation's synthesis and meetings, through the plain forms: the
//! organisers' figures over everything received, the CSV and JSON downloads
//! (organisers only; their rows checked against the database), "turn into
//! themes" (refusals keep what was typed and store nothing; a new theme made
//! and linked in one go; the call page names it and links back to the
//! contributions behind it), and consultation meetings (sessions of the
//! programme, public once published). The synthesis page and the download
//! cost the same for few contributions and many.

use crate::consultations::{contribute, fields, insert, open_consultation, PAGE};
use crate::on_both;
use crate::registration::person;
use crate::support::{en, has_input_value, says, statements_for, Backend, Browser, TestApp};
use app::db::{
    call, consultation, consultation_comment, contribution, programme_session, theme, theme_source,
};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter,
    QueryOrder,
};

const FORUM: &str = "demo";
const SLUG: &str = "open-consultation-2027";
const SYNTHESIS: &str = "/forums/demo/consultations/open-consultation-2027/synthesis";
const MANAGE: &str = "/forums/demo/consultations/open-consultation-2027/manage";
const EXPORT: &str = "/forums/demo/consultations/open-consultation-2027/export";

async fn moderate(organiser: &Browser, id: &str, decision: &str, reason: &str) {
    let res = organiser
        .submit(
            MANAGE,
            "/api/consultations/moderate",
            &[
                ("forum", FORUM),
                ("slug", SLUG),
                ("contribution", id),
                ("decision", decision),
                ("reason", reason),
            ],
        )
        .await;
    assert_eq!(res.status(), 303);
}

async fn link(organiser: &Browser, fields: &[(&str, &str)]) -> reqwest::Response {
    let mut all = vec![("forum", FORUM), ("slug", SLUG), ("back", SYNTHESIS)];
    all.extend_from_slice(fields);
    organiser
        .submit(SYNTHESIS, "/api/consultations/theme-link", &all)
        .await
}

/// Three contributions from three people (two published, one hidden) and
/// one comment; their ids in that order.
async fn three_contributions(app: &TestApp, organiser: &Browser, question: &str) -> Vec<String> {
    let people = [
        ("Amina Wanjiru", "amina@example.org", "civil-society", "KE"),
        ("Jonas Berg", "jonas@example.org", "private-sector", "SE"),
        ("Lucía Gómez", "lucia@example.org", "government", "AR"),
    ];
    let mut browsers = vec![];
    for (name, email, group, country) in people {
        let b = person(app, name, email).await;
        let res = contribute(
            &b,
            &fields(
                question,
                &[("stakeholder_group", group), ("country", country)],
            ),
            None,
        )
        .await;
        assert_eq!(res.status(), 303);
        browsers.push(b);
    }
    let ids: Vec<String> = contribution::Entity::find()
        .order_by_asc(contribution::Column::CreatedAt)
        .all(&app.db)
        .await
        .unwrap()
        .iter()
        .map(|c| c.id.to_string())
        .collect();
    assert_eq!(ids.len(), 3);
    moderate(organiser, &ids[0], "approve", "").await;
    moderate(organiser, &ids[1], "approve", "").await;
    moderate(organiser, &ids[2], "hide", "Off topic for this question.").await;
    let page = format!("{PAGE}/contributions/{}", ids[0]);
    let res = browsers[1]
        .submit(
            &page,
            "/api/consultations/comment",
            &[
                ("forum", FORUM),
                ("slug", SLUG),
                ("back", &page),
                ("contribution", &ids[0]),
                ("body", "Local languages, yes — and \"local hosting\", too."),
            ],
        )
        .await;
    assert_eq!(res.status(), 303);
    ids
}

async fn a_consultation_is_synthesised_into_themes(backend: Backend) {
    let (app, organiser) = crate::hubs::seeded(backend).await;
    let questions = open_consultation(&app, &organiser).await;
    let ids = three_contributions(&app, &organiser, &questions[0]).await;

    // Organisers only: the page and the downloads.
    let amina = app.browser();
    amina
        .sign_in("amina@example.org", crate::registration::PASSWORD)
        .await;
    assert_eq!(amina.get(SYNTHESIS).await.status(), 403);
    assert_eq!(app.browser().get(SYNTHESIS).await.status(), 401);
    for file in ["contributions.csv", "comments.json"] {
        let res = amina.get(&format!("{EXPORT}/{file}")).await;
        assert_eq!(res.status(), 403, "{file}");
        assert!(!res.text().await.unwrap().contains("@example.org"));
    }
    assert_eq!(
        organiser
            .get(&format!("{EXPORT}/everything.csv"))
            .await
            .status(),
        404
    );

    // The figures count everything received.
    let (status, page) = organiser.get_text(SYNTHESIS).await;
    assert_eq!(status, 200);
    let received = contribution::Entity::find().count(&app.db).await.unwrap();
    assert!(
        page.contains(&format!("<dd>{received}</dd>")),
        "{received} received"
    );
    assert!(page.contains("Civil society: 1"), "chart description");
    assert!(page.contains("Government: 1"), "the hidden one counts here");

    // The CSV: a header and one row per contribution, as stored.
    let res = organiser.get(&format!("{EXPORT}/contributions.csv")).await;
    assert_eq!(res.status(), 200);
    assert!(res.headers()["content-type"]
        .to_str()
        .unwrap()
        .starts_with("text/csv"));
    assert!(res.headers()["content-disposition"]
        .to_str()
        .unwrap()
        .contains("demo-open-consultation-2027-contributions.csv"));
    let csv = res.text().await.unwrap();
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(lines.len() as u64, received + 1);
    assert!(lines[0].starts_with("id,question,state,author,email,"));
    assert!(csv.contains("lucia@example.org"));
    assert!(csv.contains("Off topic for this question."));

    // The JSON: the same rows, typed.
    let rows: Vec<serde_json::Value> = organiser
        .get(&format!("{EXPORT}/contributions.json"))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(rows.len() as u64, received);
    for stored in contribution::Entity::find().all(&app.db).await.unwrap() {
        let row = rows
            .iter()
            .find(|r| r["id"] == stored.id.to_string())
            .expect("every contribution");
        assert_eq!(row["state"], stored.state);
        assert_eq!(row["stakeholder_group"], stored.stakeholder_group);
        assert_eq!(row["region"], stored.region);
        assert_eq!(row["text"], stored.body);
        assert_eq!(row["anonymous"], stored.anonymous);
    }
    let first = rows.iter().find(|r| r["id"] == ids[0]).unwrap();
    assert_eq!(first["comments"], 1);

    // Comments: CSV and JSON.
    let comments: Vec<serde_json::Value> = organiser
        .get(&format!("{EXPORT}/comments.json"))
        .await
        .json()
        .await
        .unwrap();
    let stored = consultation_comment::Entity::find()
        .all(&app.db)
        .await
        .unwrap();
    assert_eq!(comments.len(), stored.len());
    assert_eq!(comments[0]["contribution"], ids[0]);
    assert_eq!(comments[0]["email"], "jonas@example.org");
    assert!(comments[0]["paragraph"].is_null());
    let csv = organiser
        .get(&format!("{EXPORT}/comments.csv"))
        .await
        .text()
        .await
        .unwrap();
    assert_eq!(csv.lines().count(), stored.len() + 1);
    assert!(csv.contains("\"Local languages, yes — and \"\"local hosting\"\", too.\""));

    // Turn into themes: refusals keep what was typed and store nothing.
    let themes_before = theme::Entity::find().count(&app.db).await.unwrap();
    let res = link(
        &organiser,
        &[
            ("theme", ""),
            ("name", "Local content and languages"),
            ("colour", "#1d5fa8"),
        ],
    )
    .await;
    assert_eq!(res.status(), 422);
    let page = res.text().await.unwrap();
    assert!(says(&page, "consultation.theme.choose"));
    assert!(has_input_value(
        &page,
        "name",
        "Local content and languages"
    ));
    let res = link(
        &organiser,
        &[
            ("theme", ""),
            ("name", "Local content and languages"),
            ("colour", "#1d5fa8"),
            ("contributions[]", &ids[0]),
            ("contributions[]", &ids[2]),
        ],
    )
    .await;
    assert_eq!(res.status(), 422);
    assert!(says(
        &res.text().await.unwrap(),
        "consultation.theme.not-approved"
    ));
    let res = link(
        &organiser,
        &[("theme", ""), ("name", ""), ("contributions[]", &ids[0])],
    )
    .await;
    assert_eq!(res.status(), 422);
    assert!(says(
        &res.text().await.unwrap(),
        "consultation.theme.name-or-theme"
    ));
    assert_eq!(
        theme::Entity::find().count(&app.db).await.unwrap(),
        themes_before
    );
    assert_eq!(
        theme_source::Entity::find().count(&app.db).await.unwrap(),
        0
    );

    // A new theme, made and linked in one go; linking again adds nothing twice.
    let res = link(
        &organiser,
        &[
            ("theme", ""),
            ("name", "Local content and languages"),
            ("colour", "#1d5fa8"),
            ("contributions[]", &ids[0]),
            ("contributions[]", &ids[1]),
        ],
    )
    .await;
    assert_eq!(res.status(), 303);
    assert!(res.headers()["location"]
        .to_str()
        .unwrap()
        .contains("notice=theme-linked"));
    let made = theme::Entity::find()
        .filter(theme::Column::Name.eq("Local content and languages"))
        .one(&app.db)
        .await
        .unwrap()
        .expect("the new theme");
    let made_id = made.id.to_string();
    let res = link(
        &organiser,
        &[("theme", &made_id), ("contributions[]", &ids[1])],
    )
    .await;
    assert_eq!(res.status(), 303);
    let sources = theme_source::Entity::find()
        .filter(theme_source::Column::ThemeId.eq(made.id))
        .count(&app.db)
        .await
        .unwrap();
    assert_eq!(sources, 2);
    let (_, page) = organiser.get_text(SYNTHESIS).await;
    assert!(page.contains(&en("consultation.theme.sources-count").replace("{count}", "2")));

    // The call page names the theme and links back to its contributions.
    let c = call::Entity::find().one(&app.db).await.unwrap().unwrap();
    let call_page = format!("/forums/demo/calls/{}", c.id);
    let (status, page) = app.browser().get_text(&call_page).await;
    assert_eq!(status, 200);
    assert!(says(&page, "calls.themes-from-consultations"));
    let back = format!("{PAGE}?theme={made_id}");
    assert!(page.contains(&back), "{page}");
    assert!(page.contains("2 contributions to WSIS Forum 2027 Open Consultation Process"));
    let (status, behind) = app.browser().get_text(&back).await;
    assert_eq!(status, 200);
    assert_eq!(behind.matches("class=\"contribution\"").count(), 2);
    assert!(behind.contains("Local content and languages"));

    // Taken off: one left behind the theme.
    let res = organiser
        .submit(
            SYNTHESIS,
            "/api/consultations/theme-unlink",
            &[
                ("forum", FORUM),
                ("slug", SLUG),
                ("theme", &made_id),
                ("contribution", &ids[1]),
            ],
        )
        .await;
    assert_eq!(res.status(), 303);
    let (_, page) = app.browser().get_text(&call_page).await;
    assert!(page.contains("1 contributions to WSIS Forum 2027 Open Consultation Process"));
    let (_, behind) = app.browser().get_text(&back).await;
    assert_eq!(behind.matches("class=\"contribution\"").count(), 1);

    // The page and the download cost the same for few contributions and many.
    let page_few = statements_for(&app, &organiser, SYNTHESIS).await;
    let csv_few = statements_for(&app, &organiser, &format!("{EXPORT}/contributions.csv")).await;
    let call_few = statements_for(&app, &organiser, &call_page).await;
    let stored = consultation::Entity::find()
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    let author = contribution::Entity::find()
        .one(&app.db)
        .await
        .unwrap()
        .unwrap()
        .author_id;
    for i in 0..40 {
        let q = questions[i % 2].parse().unwrap();
        insert(
            &app,
            &stored,
            q,
            author,
            if i % 3 == 0 { "hidden" } else { "approved" },
        )
        .await;
    }
    assert_eq!(page_few, statements_for(&app, &organiser, SYNTHESIS).await);
    assert_eq!(
        csv_few,
        statements_for(&app, &organiser, &format!("{EXPORT}/contributions.csv")).await
    );
    assert_eq!(call_few, statements_for(&app, &organiser, &call_page).await);
}

async fn consultation_meetings_are_sessions_of_the_programme(backend: Backend) {
    let (app, organiser, venue) = crate::schedule::seeded(backend).await;
    open_consultation(&app, &organiser).await;
    crate::schedule::new_session(&organiser, "First consultation meeting", "", &[]).await;
    let s = crate::schedule::session(&app, "First consultation meeting").await;
    programme_session::ActiveModel {
        id: Set(s.id),
        hybrid: Set(true),
        ..Default::default()
    }
    .update(&app.db)
    .await
    .unwrap();
    let add = |code: String| {
        let organiser = &organiser;
        async move {
            organiser
                .submit(
                    MANAGE,
                    "/api/consultations/meeting-add",
                    &[("forum", FORUM), ("slug", SLUG), ("session", &code)],
                )
                .await
        }
    };

    // A code that is no session's is refused at its field, kept.
    let res = add("NOPE 99".into()).await;
    assert_eq!(res.status(), 422);
    let page = res.text().await.unwrap();
    assert!(says(&page, "consultation.meeting.no-such-session"));
    assert!(has_input_value(&page, "session", "NOPE 99"));
    assert_eq!(add(s.code.clone()).await.status(), 303);
    let res = add(s.code.clone()).await;
    assert_eq!(res.status(), 422);
    assert!(says(
        &res.text().await.unwrap(),
        "consultation.meeting.already"
    ));

    // Not yet published: organisers see it, the public does not.
    let (_, manage) = organiser.get_text(MANAGE).await;
    assert!(manage.contains("First consultation meeting"));
    assert!(says(&manage, "consultation.meeting.not-published"));
    let visitor = app.browser();
    let (_, page) = visitor.get_text(PAGE).await;
    assert!(!page.contains("First consultation meeting"));

    // Published: when, where, how, and its page (sign-up, remote joining).
    assert_eq!(
        crate::schedule::move_to(
            &app,
            &organiser,
            "First consultation meeting",
            Some(venue.hall),
            Some(venue.slots[0])
        )
        .await,
        303
    );
    assert_eq!(crate::release::publish(&organiser, "").await, 303);
    let (_, page) = visitor.get_text(PAGE).await;
    assert!(page.contains("First consultation meeting"), "{page}");
    assert!(says(&page, "consultation.meeting.hybrid"));
    assert!(page.contains("2027-06-22 09:00"));
    let key = app::programme::changes::session_key(&s.code);
    assert!(page.contains(&format!("href=\"/forums/demo/session/{key}\"")));
    let one = statements_for(&app, &visitor, PAGE).await;
    for title in ["Second consultation meeting", "Third consultation meeting"] {
        crate::schedule::new_session(&organiser, title, "", &[]).await;
        let code = crate::schedule::session(&app, title).await.code;
        assert_eq!(add(code).await.status(), 303);
    }
    assert_eq!(one, statements_for(&app, &visitor, PAGE).await);
    let (_, manage) = organiser.get_text(MANAGE).await;
    assert_eq!(
        manage.matches("/api/consultations/meeting-remove").count(),
        3
    );

    // Removed: gone from the page.
    let res = organiser
        .submit(
            MANAGE,
            "/api/consultations/meeting-remove",
            &[
                ("forum", FORUM),
                ("slug", SLUG),
                ("meeting", &s.id.to_string()),
            ],
        )
        .await;
    assert_eq!(res.status(), 303);
    let (_, page) = visitor.get_text(PAGE).await;
    assert!(!page.contains("First consultation meeting"));
}

/// Leaving: what the organisers never looked at is withdrawn; what was
/// published stays in the record, without the name.
async fn a_leaving_contributor_is_no_longer_named(backend: Backend) {
    let (app, organiser) = crate::hubs::seeded(backend).await;
    let questions = open_consultation(&app, &organiser).await;
    let ids = three_contributions(&app, &organiser, &questions[0]).await;
    let amina = app.browser();
    amina
        .sign_in("amina@example.org", crate::registration::PASSWORD)
        .await;
    let res = contribute(&amina, &fields(&questions[1], &[]), None).await;
    assert_eq!(res.status(), 303);
    assert_eq!(
        contribution::Entity::find().count(&app.db).await.unwrap(),
        4
    );
    let contribution_page = format!("{PAGE}/contributions/{}", ids[0]);
    let (_, page) = app.browser().get_text(&contribution_page).await;
    assert!(page.contains("Amina Wanjiru"));
    let res = amina
        .submit(
            "/account/delete",
            "/api/account/delete",
            &[
                ("current_password", crate::registration::PASSWORD),
                ("confirm", "on"),
            ],
        )
        .await;
    assert_eq!(res.status(), 303);
    let left: Vec<String> = contribution::Entity::find()
        .all(&app.db)
        .await
        .unwrap()
        .iter()
        .map(|c| c.id.to_string())
        .collect();
    assert_eq!(left.len(), 3, "the waiting one is withdrawn");
    assert!(ids.iter().all(|id| left.contains(id)));
    let (status, page) = app.browser().get_text(&contribution_page).await;
    assert_eq!(status, 200);
    assert!(!page.contains("Amina Wanjiru"));
    assert!(says(&page, "consultation.anonymous"));
}

on_both!(
    a_consultation_is_synthesised_into_themes,
    consultation_meetings_are_sessions_of_the_programme,
    a_leaving_contributor_is_no_longer_named,
);
