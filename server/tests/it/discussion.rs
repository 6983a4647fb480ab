//! A consultation's discussion through plain forms: comments and replies on
//! a published contribution (none on one waiting, none when the phase takes
//! none, bad text refused at its field and kept, floods refused), the
//! organisers' answer marked, a comment hidden with the reason mailed and
//! shown again; a draft text put to comment, commented paragraph by
//! paragraph, revised (the old version's comments kept with it, the changes
//! marked word by word, comments only on the latest version); everyone else
//! refused; the pages' statements the same for few comments and many.

use crate::consultations::{contribute, fields, open_consultation, PAGE};
use crate::hubs::seeded;
use crate::on_both;
use crate::registration::{location, person};
use crate::support::{en, says, statements_for, Backend, Browser, TestApp};
use app::db::{
    consultation, consultation_comment, consultation_phase, contribution, draft_paragraph,
    draft_version,
};
use sea_orm::{ActiveModelTrait, ActiveValue::Set, EntityTrait, PaginatorTrait, QueryOrder};

const FORUM: &str = "demo";
const SLUG: &str = "open-consultation-2027";

async fn say(b: &Browser, page: &str, fields: &[(&str, &str)]) -> reqwest::Response {
    let mut all = vec![("forum", FORUM), ("slug", SLUG), ("back", page)];
    all.extend_from_slice(fields);
    b.submit(page, "/api/consultations/comment", &all).await
}

async fn comments(app: &TestApp) -> Vec<consultation_comment::Model> {
    consultation_comment::Entity::find()
        .order_by_asc(consultation_comment::Column::CreatedAt)
        .all(&app.db)
        .await
        .unwrap()
}

/// A published contribution by a new person; its page and that person.
async fn published(app: &TestApp, organiser: &Browser, question: &str) -> (String, Browser) {
    let amina = person(app, "Amina Wanjiru", "amina@example.org").await;
    assert_eq!(
        contribute(&amina, &fields(question, &[]), None)
            .await
            .status(),
        303
    );
    let c = contribution::Entity::find()
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    let id = c.id.to_string();
    let page = format!("{PAGE}/contributions/{id}");
    // Waiting: not found by others, so not commented on.
    assert_eq!(app.browser().get(&page).await.status(), 404);
    let res = organiser
        .submit(
            &format!("{PAGE}/manage"),
            "/api/consultations/moderate",
            &[
                ("forum", FORUM),
                ("slug", SLUG),
                ("contribution", &id),
                ("decision", "approve"),
            ],
        )
        .await;
    assert_eq!(res.status(), 303);
    (page, amina)
}

async fn contributions_are_discussed_in_threads(backend: Backend) {
    let (app, organiser) = seeded(backend).await;
    let questions = open_consultation(&app, &organiser).await;
    let (page, amina) = published(&app, &organiser, &questions[0]).await;
    let id = page.rsplit('/').next().unwrap().to_string();
    let bo = person(&app, "Bo Lindqvist", "bo@example.org").await;

    // Bad text: refused at its field, kept; signed out: refused.
    let res = say(
        &bo,
        &page,
        &[
            ("contribution", &id),
            ("body", "<script>x</script>"),
            ("form_key", &format!("{id}:")),
        ],
    )
    .await;
    assert_eq!(res.status(), 422);
    let html = res.text().await.unwrap();
    assert!(says(&html, "consultation.text-script"));
    // Kept, escaped: the textarea cannot be closed by what was typed.
    assert!(
        html.contains("&lt;script>x&lt;/script></textarea>"),
        "the text is kept"
    );
    let res = say(
        &app.browser(),
        &page,
        &[("contribution", &id), ("body", "Hello")],
    )
    .await;
    assert_eq!(res.status(), 401);
    assert!(comments(&app).await.is_empty());

    // A comment, a reply, the organisers' answer.
    let res = say(
        &bo,
        &page,
        &[
            ("contribution", &id),
            ("body", "Which local content exactly?"),
        ],
    )
    .await;
    assert_eq!(res.status(), 303);
    let first = comments(&app).await[0].id.to_string();
    assert!(location(&res).contains(&format!("#comment-{first}")));
    let res = say(
        &amina,
        &page,
        &[
            ("contribution", &id),
            ("parent", &first),
            ("body", "News in local languages."),
        ],
    )
    .await;
    assert_eq!(res.status(), 303);
    let res = say(
        &organiser,
        &page,
        &[
            ("contribution", &id),
            ("parent", &first),
            ("body", "We will take this into the themes."),
        ],
    )
    .await;
    assert_eq!(res.status(), 303);
    let all = comments(&app).await;
    assert_eq!(all.len(), 3);
    assert_eq!(
        all.iter().map(|c| c.official).collect::<Vec<_>>(),
        vec![false, false, true]
    );
    let (status, html) = app.browser().get_text(&page).await;
    assert_eq!(status, 200);
    let (a, b, c) = (
        html.find("Which local content exactly?").unwrap(),
        html.find("News in local languages.").unwrap(),
        html.find("We will take this into the themes.").unwrap(),
    );
    assert!(a < b && b < c, "replies under their comment, oldest first");
    assert!(html.contains("comment depth-1"));
    assert!(html.contains(&en("consultation.official")));
    // The list counts the comments.
    let (_, list) = app.browser().get_text(PAGE).await;
    assert!(
        list.contains(&en("consultation.comments-link").replace("{count}", "3")),
        "{list}"
    );

    // A reply to a comment of another thread is refused.
    let res = say(
        &bo,
        &page,
        &[
            ("paragraph", &uuid::Uuid::new_v4().to_string()),
            ("parent", &first),
            ("body", "x"),
        ],
    )
    .await;
    assert_eq!(res.status(), 404);

    // Hidden with the reason mailed, shown again; others may not.
    assert_eq!(
        moderate(&bo, &page, &first, "hide", "spam").await.status(),
        403
    );
    let res = moderate(&organiser, &page, &first, "hide", "").await;
    assert_eq!(res.status(), 422);
    assert!(says(
        &res.text().await.unwrap(),
        "consultation.reason-required"
    ));
    assert_eq!(
        moderate(&organiser, &page, &first, "hide", "Off topic.")
            .await
            .status(),
        303
    );
    let mail = app.smtp.wait_for("bo@example.org", "comment").await;
    assert!(mail.text().contains("Off topic."), "{}", mail.text());
    let (_, html) = app.browser().get_text(&page).await;
    assert!(!html.contains("Which local content exactly?"));
    let (_, seen) = organiser.get_text(&page).await;
    assert!(seen.contains("Which local content exactly?") && seen.contains("Off topic."));
    assert_eq!(
        moderate(&organiser, &page, &first, "show", "")
            .await
            .status(),
        303
    );
    let (_, html) = app.browser().get_text(&page).await;
    assert!(html.contains("Which local content exactly?"));

    // Markup in a comment is shown as text.
    let res = say(
        &bo,
        &page,
        &[
            ("contribution", &id),
            ("body", "</textarea><img src=x onerror=alert(1)>"),
            ("form_key", &format!("{id}:")),
        ],
    )
    .await;
    assert_eq!(res.status(), 303, "not a script: written, shown as text");
    let (_, shown) = app.browser().get_text(&page).await;
    assert!(
        !shown.contains("<img src=x"),
        "shown as text, never as markup"
    );
    // Thirty in an hour: the next is refused.
    let c = consultation::Entity::find()
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    let bo_id = all[0].author_id;
    for _ in 0..30 {
        insert_comment(&app, c.id, Some(id.parse().unwrap()), None, bo_id).await;
    }
    let res = say(&bo, &page, &[("contribution", &id), ("body", "One more")]).await;
    assert_eq!(res.status(), 422);
    assert!(says(
        &res.text().await.unwrap(),
        "consultation.too-many-comments"
    ));

    // No comments once the phase takes none.
    let phase = consultation_phase::Entity::find()
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    let mut a: consultation_phase::ActiveModel = phase.into();
    a.comments = Set(false);
    a.update(&app.db).await.unwrap();
    let res = say(&amina, &page, &[("contribution", &id), ("body", "Late")]).await;
    assert_eq!(res.status(), 409);
    let (_, html) = amina.get_text(&page).await;
    assert!(!html.contains("name=\"form_key\""));
}

async fn moderate(
    b: &Browser,
    page: &str,
    comment: &str,
    decision: &str,
    reason: &str,
) -> reqwest::Response {
    b.submit(
        page,
        "/api/consultations/comment-moderate",
        &[
            ("forum", FORUM),
            ("slug", SLUG),
            ("comment", comment),
            ("decision", decision),
            ("reason", reason),
            ("back", page),
        ],
    )
    .await
}

async fn create(b: &Browser, title: &str, text: &str) -> reqwest::Response {
    b.submit(
        &format!("{PAGE}/manage"),
        "/api/consultations/draft-create",
        &[
            ("forum", FORUM),
            ("slug", SLUG),
            ("draft_title", title),
            ("text", text),
        ],
    )
    .await
}

async fn insert_comment(
    app: &TestApp,
    consultation: uuid::Uuid,
    contribution: Option<uuid::Uuid>,
    paragraph: Option<uuid::Uuid>,
    author: uuid::Uuid,
) {
    consultation_comment::ActiveModel {
        id: Set(uuid::Uuid::new_v4()),
        consultation_id: Set(consultation),
        contribution_id: Set(contribution),
        paragraph_id: Set(paragraph),
        parent_id: Set(None),
        author_id: Set(author),
        body: Set("Inserted for the test.".into()),
        official: Set(false),
        state: Set("shown".into()),
        reason: Set(String::new()),
        created_at: Set(app::db::now()),
        moderated_at: Set(None),
        moderated_by: Set(None),
    }
    .insert(&app.db)
    .await
    .unwrap();
}

const TEXT: &str =
    "Theme one: access for all.\n\nTheme two: trust and safety.\n\nTheme three: data governance.";
const REVISED: &str = "Theme one: meaningful access for all.\n\nTheme three: data governance.\n\nTheme four: artificial intelligence.";

async fn drafts_are_commented_paragraph_by_paragraph_and_revised(backend: Backend) {
    let (app, organiser) = seeded(backend).await;
    open_consultation(&app, &organiser).await;
    let bo = person(&app, "Bo Lindqvist", "bo@example.org").await;

    // Only organisers put a text to comment; an empty one is refused.
    assert_eq!(create(&bo, "Draft themes", TEXT).await.status(), 403);
    let res = create(&organiser, "Draft themes", "  \n\n ").await;
    assert_eq!(res.status(), 422);
    assert!(says(&res.text().await.unwrap(), "field.required"));
    let res = create(&organiser, "Draft themes", TEXT).await;
    assert_eq!(res.status(), 303);
    let draft_page = location(&res).split('?').next().unwrap().to_string();
    let draft = draft_page.rsplit('/').next().unwrap().to_string();
    let paragraphs = draft_paragraph::Entity::find()
        .order_by_asc(draft_paragraph::Column::Position)
        .all(&app.db)
        .await
        .unwrap();
    assert_eq!(paragraphs.len(), 3);
    let (_, html) = app.browser().get_text(PAGE).await;
    assert!(
        html.contains("Draft themes"),
        "listed on the consultation's page"
    );

    // Comments on the second paragraph; the page counts them per paragraph.
    let second = paragraphs[1].id.to_string();
    let res = say(
        &bo,
        &draft_page,
        &[
            ("paragraph", &second),
            ("body", "Add child online protection."),
        ],
    )
    .await;
    assert_eq!(res.status(), 303);
    let res = say(
        &organiser,
        &draft_page,
        &[("paragraph", &second), ("body", "Noted for version 2.")],
    )
    .await;
    assert_eq!(res.status(), 303);
    let (_, html) = app.browser().get_text(&draft_page).await;
    let counts: Vec<String> = (1..=3)
        .map(|n| {
            en("consultation.draft.paragraph-comments")
                .replace("{n}", &n.to_string())
                .replace("{count}", if n == 2 { "2" } else { "0" })
        })
        .collect();
    for c in &counts {
        assert!(html.contains(c), "{c}");
    }

    // A revised version: the changes marked, the old comments kept with v1.
    let res = organiser
        .submit(
            &draft_page,
            "/api/consultations/draft-revise",
            &[
                ("forum", FORUM),
                ("slug", SLUG),
                ("draft", &draft),
                ("text", REVISED),
                ("note", "Trust folded into theme one; AI added."),
            ],
        )
        .await;
    assert_eq!(res.status(), 303);
    assert!(location(&res).contains("changes=on"));
    assert_eq!(
        draft_version::Entity::find().count(&app.db).await.unwrap(),
        2
    );
    let (_, html) = app
        .browser()
        .get_text(&format!("{draft_page}?changes=on"))
        .await;
    assert!(html.contains("<ins>meaningful</ins>"), "{html}");
    assert!(html.contains("<del>Theme two: trust and safety.</del>"));
    assert!(html.contains("<ins>Theme four: artificial intelligence.</ins>"));
    assert!(html.contains("Trust folded into theme one; AI added."));
    assert!(
        !html.contains("Add child online protection."),
        "v1's comments stay with v1"
    );
    let (_, v1) = app
        .browser()
        .get_text(&format!("{draft_page}?version=1"))
        .await;
    assert!(
        v1.contains("Add child online protection.") && v1.contains(&en("consultation.draft.older"))
    );
    // Comments go on the latest version only.
    let res = say(
        &bo,
        &draft_page,
        &[("paragraph", &second), ("body", "Late to v1")],
    )
    .await;
    assert_eq!(res.status(), 409);
    assert!(says(
        &res.text().await.unwrap(),
        "consultation.draft.old-version"
    ));
}

async fn discussion_pages_cost_the_same_for_few_comments_and_many(backend: Backend) {
    let (app, organiser) = seeded(backend).await;
    let questions = open_consultation(&app, &organiser).await;
    let (page, _) = published(&app, &organiser, &questions[0]).await;
    let id: uuid::Uuid = page.rsplit('/').next().unwrap().parse().unwrap();
    let res = create(&organiser, "Draft themes", TEXT).await;
    let draft_page = location(&res).split('?').next().unwrap().to_string();
    let c = consultation::Entity::find()
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
    let paragraphs = draft_paragraph::Entity::find().all(&app.db).await.unwrap();
    let anonymous = app.browser();
    insert_comment(&app, c.id, Some(id), None, author).await;
    insert_comment(&app, c.id, None, Some(paragraphs[0].id), author).await;
    let few = (
        statements_for(&app, &anonymous, &page).await,
        statements_for(&app, &anonymous, &draft_page).await,
        statements_for(&app, &anonymous, PAGE).await,
    );
    for p in &paragraphs {
        for _ in 0..15 {
            insert_comment(&app, c.id, Some(id), None, author).await;
            insert_comment(&app, c.id, None, Some(p.id), author).await;
        }
    }
    let many = (
        statements_for(&app, &anonymous, &page).await,
        statements_for(&app, &anonymous, &draft_page).await,
        statements_for(&app, &anonymous, PAGE).await,
    );
    assert_eq!(few, many);
    assert!(many.0 <= 8 && many.1 <= 9, "{many:?}");
}

on_both!(
    contributions_are_discussed_in_threads,
    drafts_are_commented_paragraph_by_paragraph_and_revised,
    discussion_pages_cost_the_same_for_few_comments_and_many,
);
