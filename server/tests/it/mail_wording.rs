//! An edition's own wording of its mails: checked when saved, used when the
//! mail is sent, back to the standard on request, and copied by "start from
//! last year".

use crate::on_both;
use crate::proposals::{call, demo, workshop};
use crate::support::Backend;
use app::db::{forum, mail_template};
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};

const PASSWORD: &str = "demo passphrase 2027";

async fn an_editions_wording_is_checked_used_and_copied(backend: Backend) {
    let d = demo(backend).await;
    let organiser = d.app.browser();
    organiser
        .sign_in("organiser@demo.plenum.localhost", PASSWORD)
        .await;
    let save = |subject: &'static str, body: &'static str| {
        let organiser = &organiser;
        async move {
            organiser
                .submit(
                    "/forums/demo/mail?kind=proposal-invitation&locale=en",
                    "/api/forums/save-mail",
                    &[
                        ("forum", "demo"),
                        ("kind", "proposal-invitation"),
                        ("locale", "en"),
                        ("subject", subject),
                        ("body", body),
                    ],
                )
                .await
        }
    };

    // Refused, with the message by the field and the text kept.
    let res = save("{sender} asks you", "Answer here: {link}").await;
    assert_eq!(res.status(), 422);
    let page = res.text().await.unwrap();
    assert!(page.contains("Uses a name in braces that this mail does not know"));
    assert!(page.contains("{sender} asks you"));
    let res = save("Join us", "No way to answer").await;
    assert_eq!(res.status(), 422);
    assert!(res
        .text()
        .await
        .unwrap()
        .contains("The text must contain {link}"));

    let res = save(
        "{proposer} asks you to join “{title}”",
        "Dear {name},\n\nYou are named as {role}. Please answer: {link}\n\nThe IGF Secretariat",
    )
    .await;
    assert_eq!(res.status(), 303);
    let (status, page) = organiser
        .get_text("/forums/demo/mail?kind=proposal-invitation&locale=en")
        .await;
    assert_eq!(status, 200);
    assert!(page.contains("The IGF Secretariat"));

    // The next invitation is sent in that wording (French ones keep the standard).
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
        &workshop(&d, "proposer@example.org", "Worded"),
    )
    .await;
    assert_eq!(res.status(), 200);
    let mail = d
        .app
        .smtp
        .wait_for("s1@example.org", "asks you to join")
        .await;
    assert_eq!(mail.subject(), "Proposer asks you to join “Worded”");
    let text = mail.text();
    assert!(text.contains("You are named as speaker."), "{text}");
    assert!(text.contains("The IGF Secretariat"));
    assert!(text.contains("/invitations/"), "the link is filled in");

    // "Start from last year" copies it into a new edition.
    d.app.create_admin("admin@test.localhost", PASSWORD).await;
    let admin = d.app.browser();
    admin.sign_in("admin@test.localhost", PASSWORD).await;
    let res = admin
        .submit(
            "/forums/new",
            "/api/forums/create",
            &[
                ("code", "igf2028"),
                ("name", "IGF 2028"),
                ("host_city", "Nairobi"),
                ("venue", "UNON"),
                ("time_zone", "Africa/Nairobi"),
                ("day_zero", "2028-06-12"),
                ("first_day", "2028-06-13"),
                ("last_day", "2028-06-16"),
                ("description", ""),
                ("lang_en", "on"),
                ("copy_from", "demo"),
            ],
        )
        .await;
    assert_eq!(res.status(), 303);
    let new = forum::Entity::find()
        .filter(forum::Column::Code.eq("igf2028"))
        .one(&d.app.db)
        .await
        .unwrap()
        .unwrap();
    let copied = mail_template::Entity::find()
        .filter(mail_template::Column::ForumId.eq(new.id))
        .all(&d.app.db)
        .await
        .unwrap();
    assert_eq!(copied.len(), 1);
    assert!(copied[0].body.contains("The IGF Secretariat"));

    // Back to the standard wording.
    let res = organiser
        .call(
            "/api/forums/reset-mail",
            &[
                ("forum", "demo"),
                ("kind", "proposal-invitation"),
                ("locale", "en"),
            ],
        )
        .await;
    assert_eq!(res.status(), 200);
    let demo_id = forum::Entity::find()
        .filter(forum::Column::Code.eq("demo"))
        .one(&d.app.db)
        .await
        .unwrap()
        .unwrap()
        .id;
    let left = mail_template::Entity::find()
        .filter(mail_template::Column::ForumId.eq(demo_id))
        .count(&d.app.db)
        .await
        .unwrap();
    assert_eq!(left, 0);
    // A participant may not word an edition's mail.
    let participant = d.app.browser();
    participant
        .sign_in("participant@demo.plenum.localhost", PASSWORD)
        .await;
    let (status, _) = participant.get_text("/forums/demo/mail").await;
    assert_eq!(status, 403);
}

on_both!(an_editions_wording_is_checked_used_and_copied);
