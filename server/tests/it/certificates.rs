//! Certificates of participation: refused (with the reason) to anyone not
//! registered, not approved, or approved but neither checked in nor joined
//! online; downloaded as a valid PDF naming the person (diacritics and
//! Cyrillic as typed), the edition and the verification address once
//! checked in onsite or after a join link was used; the same code at every
//! download; the public verification page (valid, unknown, revoked, one
//! statement whatever the answer); the organisers' list, revocation and
//! restoration, refused to everyone else.

use crate::on_both;
use crate::registration::{decide, location, person, row_of, setup};
use crate::schedule::{new_session, seeded, session};
use crate::support::{has_input_value, statements_for, Backend, Browser, TestApp};
use app::db::{audit_event, certificate, forum, join_link, user};
use app::i18n::{translate, Locale};
use sea_orm::{entity::prelude::*, ActiveValue::Set, PaginatorTrait, QueryFilter};

const PDF: &str = "/forums/demo/certificate.pdf";
const REGISTER: &str = "/forums/demo/register";
const LIST: &str = "/forums/demo/certificates";

fn en(key: &str) -> String {
    translate(Locale::En, key)
}

async fn register_as(b: &Browser, mode: &str, badge_name: &str) {
    let res = b
        .submit(
            REGISTER,
            "/api/registration/register",
            &[
                ("forum", "demo"),
                ("mode", mode),
                ("badge_name", badge_name),
                ("organisation", "Digital Rights Network"),
                ("country", "KE"),
                ("stakeholder_group", "civil-society"),
                ("gender", ""),
                ("accessibility", ""),
                ("interpretation_language", ""),
                ("privacy", "on"),
            ],
        )
        .await;
    assert_eq!(res.status(), 303, "{badge_name}");
}

/// A download: status, content type, disposition, body.
async fn download(b: &Browser) -> (u16, String, String, Vec<u8>) {
    let res = b
        .client
        .get(format!("{}{PDF}", b.base))
        .send()
        .await
        .unwrap();
    let status = res.status().as_u16();
    let header = |h: &str| {
        res.headers()
            .get(h)
            .map(|v| v.to_str().unwrap().to_string())
            .unwrap_or_default()
    };
    let (kind, disposition) = (header("content-type"), header("content-disposition"));
    (
        status,
        kind,
        disposition,
        res.bytes().await.unwrap().to_vec(),
    )
}

/// Refused with this reason, and nothing made.
async fn refused(app: &TestApp, b: &Browser, status: u16, key: &str) {
    let before = certificate::Entity::find().count(&app.db).await.unwrap();
    let (got, _, _, body) = download(b).await;
    assert_eq!(got, status, "{key}");
    assert_eq!(String::from_utf8(body).unwrap(), en(key));
    assert_eq!(
        certificate::Entity::find().count(&app.db).await.unwrap(),
        before
    );
}

async fn certificate_of(app: &TestApp, email: &str) -> Option<certificate::Model> {
    let u = user::Entity::find()
        .filter(user::Column::Email.eq(email))
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    certificate::Entity::find()
        .filter(certificate::Column::UserId.eq(u.id))
        .one(&app.db)
        .await
        .unwrap()
}

/// Every object where the cross-reference table says, and the trailer.
fn check_xref(pdf: &[u8]) {
    assert!(pdf.starts_with(b"%PDF-1.7\n") && pdf.ends_with(b"%%EOF\n"));
    let text = String::from_utf8_lossy(pdf);
    let start: usize = text
        .rsplit("startxref\n")
        .next()
        .and_then(|t| t.lines().next())
        .and_then(|n| n.parse().ok())
        .expect("startxref");
    let table = String::from_utf8_lossy(&pdf[start..]).into_owned();
    let mut lines = table.lines();
    assert_eq!(lines.next(), Some("xref"));
    let size: usize = lines.next().unwrap()[2..].parse().unwrap();
    assert_eq!(lines.next(), Some("0000000000 65535 f "));
    for n in 1..size {
        let offset: usize = lines.next().unwrap()[..10].parse().unwrap();
        assert!(
            pdf[offset..].starts_with(format!("{n} 0 obj\n").as_bytes()),
            "object {n}"
        );
    }
    assert_eq!(lines.next(), Some("trailer"));
}

/// The PDF's text as poppler reads it; none when pdftotext is not installed.
fn pdf_text(pdf: &[u8]) -> Option<String> {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("certificate.pdf");
    std::fs::write(&path, pdf).unwrap();
    match std::process::Command::new("pdftotext")
        .arg(&path)
        .arg("-")
        .output()
    {
        Ok(out) => {
            assert!(out.status.success(), "pdftotext: {:?}", out);
            Some(String::from_utf8(out.stdout).unwrap())
        }
        Err(_) => {
            eprintln!("pdftotext not installed (poppler-utils): the PDF's text not read");
            None
        }
    }
}

async fn revoke(b: &Browser, id: Uuid, value: &str) -> reqwest::Response {
    b.submit(
        LIST,
        "/api/certificates/revoke",
        &[
            ("forum", "demo"),
            ("id", &id.to_string()),
            ("revoke", value),
            ("back", LIST),
        ],
    )
    .await
}

async fn certificates_for_those_who_came(backend: Backend) {
    let (app, organiser, _) = seeded(backend).await;
    assert_eq!(setup(&organiser, "", "Privacy notice.").await.status(), 303);
    let edition = forum::Entity::find()
        .filter(forum::Column::Code.eq("demo"))
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();

    // Signed out, an unknown edition, not registered.
    refused(&app, &app.browser(), 401, "error.unauthorized").await;
    let zoe = person(&app, "Zoe Person", "zoe@example.org").await;
    let res = zoe
        .client
        .get(format!("{}/forums/nowhere/certificate.pdf", zoe.base))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 404);
    refused(&app, &zoe, 403, "certificates.not-registered").await;

    // Pending onsite: not approved. Approved, not checked in: not attended.
    register_as(&zoe, "onsite", "Zoë Ångström-Núñez").await;
    refused(&app, &zoe, 403, "certificates.not-approved").await;
    let row = row_of(&app, "zoe@example.org").await;
    assert_eq!(
        decide(&organiser, "approve", &[&row.id.to_string()], "").await,
        303
    );
    refused(&app, &zoe, 403, "certificates.not-attended").await;
    let (_, page) = zoe.get_text(REGISTER).await;
    assert!(!page.contains(&en("certificates.download")));

    // Checked in at the badge desk: the certificate.
    let res = organiser
        .submit(
            "/forums/demo/check-in",
            "/api/registration/check-in",
            &[("forum", "demo"), ("badge", &row.badge_code)],
        )
        .await;
    assert_eq!(res.status(), 303);
    let (_, page) = zoe.get_text(REGISTER).await;
    assert!(page.contains(&en("certificates.download")) && page.contains(PDF));
    let (status, kind, disposition, pdf) = download(&zoe).await;
    assert_eq!(status, 200);
    assert_eq!(kind, "application/pdf");
    assert_eq!(disposition, "attachment; filename=\"demo-certificate.pdf\"");
    check_xref(&pdf);
    let issued = certificate_of(&app, "zoe@example.org").await.unwrap();
    assert_eq!(issued.code.len(), 16);
    assert!(
        app::certificates::normalise_code(&issued.code).as_deref() == Some(issued.code.as_str())
    );
    assert!(issued.onsite && !issued.online && issued.revoked_at.is_none());
    assert_eq!(issued.badge_name, "Zoë Ångström-Núñez");
    let grouped = app::certificates::grouped(&issued.code);
    let url = format!("{}/certificates/{grouped}", app.base);
    if let Some(text) = pdf_text(&pdf) {
        assert!(text.contains("Zoë Ångström-Núñez"), "{text}");
        assert!(text.contains(&edition.name), "{text}");
        assert!(text.contains(&url), "{text}");
        assert!(text.contains(&en("certificates.pdf.title")), "{text}");
    }
    // The page now shows the code; a second download keeps it.
    let (_, page) = zoe.get_text(REGISTER).await;
    assert!(page.contains(&grouped));
    let (status, _, _, again) = download(&zoe).await;
    assert_eq!(status, 200);
    check_xref(&again);
    let later = certificate_of(&app, "zoe@example.org").await.unwrap();
    assert_eq!(
        (later.id, later.code.clone()),
        (issued.id, issued.code.clone())
    );
    assert_eq!(certificate::Entity::find().count(&app.db).await.unwrap(), 1);

    // Online: a link made but never used is not attendance; a used one is.
    let olga = person(&app, "Olga Online", "olga@example.org").await;
    register_as(&olga, "online", "Ольга Петрова").await;
    refused(&app, &olga, 403, "certificates.not-attended").await;
    new_session(&organiser, "Hybrid dialogue", "", &[]).await;
    let s = session(&app, "Hybrid dialogue").await;
    let olga_id = row_of(&app, "olga@example.org").await.user_id;
    let link = join_link::ActiveModel {
        id: Set(Uuid::new_v4()),
        forum_id: Set(edition.id),
        session_id: Set(s.id),
        user_id: Set(olga_id),
        token: Set(app::accounts::sessions::new_secret()),
        created_at: Set(app::db::now()),
        revoked_at: Set(None),
        first_used_at: Set(None),
        last_used_at: Set(None),
        uses: Set(0),
    }
    .insert(&app.db)
    .await
    .unwrap();
    refused(&app, &olga, 403, "certificates.not-attended").await;
    let mut used: join_link::ActiveModel = link.into();
    used.uses = Set(2);
    used.first_used_at = Set(Some(app::db::now()));
    used.update(&app.db).await.unwrap();
    let (status, _, _, pdf) = download(&olga).await;
    assert_eq!(status, 200);
    check_xref(&pdf);
    let olga_cert = certificate_of(&app, "olga@example.org").await.unwrap();
    assert!(olga_cert.online && !olga_cert.onsite && olga_cert.online_sessions == 1);
    assert_ne!(olga_cert.code, issued.code);
    if let Some(text) = pdf_text(&pdf) {
        assert!(text.contains("Ольга Петрова"), "{text}");
        assert!(text.contains(&translate(Locale::En, "certificates.pdf.online")));
        assert!(text.contains("Sessions joined online: 1"), "{text}");
    }

    // Verification: public; the code typed any way; nothing but the facts.
    let visitor = app.browser();
    let (status, page) = visitor.get_text(&format!("/certificates/{grouped}")).await;
    assert_eq!(status, 200);
    assert!(page.contains(&en("certificates.valid")));
    assert!(page.contains("Zoë Ångström-Núñez") && page.contains(&edition.name));
    assert!(page.contains(&en("certificates.mode.onsite")));
    assert!(!page.contains("zoe@example.org") && !page.contains("Digital Rights"));
    let (_, page) = visitor
        .get_text(&format!("/certificates/{}", issued.code.to_lowercase()))
        .await;
    assert!(page.contains(&en("certificates.valid")));
    let unknown = if issued.code.starts_with('0') {
        "1111-1111-1111-1111"
    } else {
        "0000-0000-0000-0000"
    };
    let (status, page) = visitor.get_text(&format!("/certificates/{unknown}")).await;
    assert_eq!(status, 200);
    assert!(page.contains(&en("certificates.unknown-title")));
    assert!(!page.contains(&en("certificates.valid")));

    // The form: a code that cannot be one is refused by its field, kept.
    let (status, page) = visitor.get_text("/certificates").await;
    assert_eq!(status, 200);
    assert!(page.contains(&en("certificates.verify-intro")));
    let res = visitor
        .submit(
            "/certificates",
            "/api/certificates/find",
            &[("code", "12-34")],
        )
        .await;
    assert_eq!(res.status(), 422);
    let page = res.text().await.unwrap();
    assert!(page.contains(&en("certificates.code-invalid")));
    assert!(has_input_value(&page, "code", "12-34"));
    let typed = issued.code.to_lowercase();
    let res = visitor
        .submit(
            "/certificates",
            "/api/certificates/find",
            &[("code", &typed)],
        )
        .await;
    assert_eq!(res.status(), 303);
    assert_eq!(location(&res), format!("/certificates/{grouped}"));

    // The organisers' list; nobody else sees it or revokes.
    let (status, page) = organiser.get_text(LIST).await;
    assert_eq!(status, 200);
    assert!(page.contains(&grouped) && page.contains(&app::certificates::grouped(&olga_cert.code)));
    assert!(page.contains("Ольга Петрова") && page.contains("zoe@example.org"));
    assert!(page.contains(&translate_figures(2, 0, 1, 1)));
    for who in [&zoe, &visitor] {
        let (status, page) = who.get_text(LIST).await;
        assert!(status == 401 || status == 403, "{status}");
        assert!(!page.contains(&grouped));
        let res = revoke(who, issued.id, "1").await;
        assert!(res.status() == 401 || res.status() == 403);
    }
    assert!(certificate_of(&app, "zoe@example.org")
        .await
        .unwrap()
        .revoked_at
        .is_none());

    // Revoked: verifies as such, says nothing else, cannot be downloaded.
    let res = revoke(&organiser, issued.id, "1").await;
    assert_eq!(res.status(), 303);
    assert!(location(&res).contains("notice=certificate-revoked"));
    let (_, page) = organiser.get_text(&location(&res)).await;
    assert!(page.contains(&en("notice.certificate-revoked")));
    assert!(page.contains(&translate_figures(2, 1, 0, 1)));
    let (status, page) = visitor.get_text(&format!("/certificates/{grouped}")).await;
    assert_eq!(status, 200);
    assert!(page.contains(&en("certificates.revoked-title")));
    // (The edition's name is in the header's list of editions, not here.)
    let verdict = verdict_of(&page);
    assert!(
        !page.contains("Zoë") && !verdict.contains(&edition.name),
        "{verdict}"
    );
    refused(&app, &zoe, 403, "certificates.revoked").await;
    let (_, page) = zoe.get_text(REGISTER).await;
    assert!(page.contains(&en("certificates.offer-revoked")));
    assert!(!page.contains(&en("certificates.download")));
    assert_eq!(
        audit_event::Entity::find()
            .filter(audit_event::Column::Action.eq("certificate.revoked"))
            .count(&app.db)
            .await
            .unwrap(),
        1
    );
    // An unknown certificate: not found.
    assert_eq!(revoke(&organiser, Uuid::new_v4(), "1").await.status(), 404);

    // Restored: valid again, the same code.
    assert_eq!(revoke(&organiser, issued.id, "").await.status(), 303);
    let (_, page) = visitor.get_text(&format!("/certificates/{grouped}")).await;
    assert!(page.contains(&en("certificates.valid")));
    let (status, _, _, _) = download(&zoe).await;
    assert_eq!(status, 200);
    assert_eq!(
        certificate_of(&app, "zoe@example.org").await.unwrap().code,
        issued.code
    );
}

/// The verification page's verdict.
fn verdict_of(page: &str) -> String {
    let start = page.find("id=\"verdict-title\"").expect("a verdict");
    let end = start + page[start..].find("</section>").unwrap();
    page[start..end].to_string()
}

fn translate_figures(issued: u32, revoked: u32, onsite: u32, online: u32) -> String {
    app::i18n::translate_with(
        Locale::En,
        "certificates.figures",
        &[
            ("issued", &issued.to_string()),
            ("revoked", &revoked.to_string()),
            ("onsite", &onsite.to_string()),
            ("online", &online.to_string()),
        ],
    )
}

/// The verification page issues the same statements whatever it finds.
async fn verification_costs_the_same(backend: Backend) {
    let (app, organiser, _) = seeded(backend).await;
    assert_eq!(setup(&organiser, "", "Privacy notice.").await.status(), 303);
    let ann = person(&app, "Ann Onsite", "ann@example.org").await;
    register_as(&ann, "onsite", "Ann Onsite").await;
    let row = row_of(&app, "ann@example.org").await;
    assert_eq!(
        decide(&organiser, "approve", &[&row.id.to_string()], "").await,
        303
    );
    let res = organiser
        .submit(
            "/forums/demo/check-in",
            "/api/registration/check-in",
            &[("forum", "demo"), ("badge", &row.badge_code)],
        )
        .await;
    assert_eq!(res.status(), 303);
    assert_eq!(download(&ann).await.0, 200);
    let code = certificate_of(&app, "ann@example.org").await.unwrap();
    let visitor = app.browser();
    let valid = statements_for(
        &app,
        &visitor,
        &format!("/certificates/{}", app::certificates::grouped(&code.code)),
    )
    .await;
    let other = if code.code.starts_with('0') { "1" } else { "0" }.repeat(16);
    let unknown = statements_for(&app, &visitor, &format!("/certificates/{other}")).await;
    assert_eq!(valid, unknown);
    // The page's own: one statement (the rest is the frame's edition list).
    let frame = statements_for(&app, &visitor, "/certificates").await;
    assert_eq!(valid, frame + 1, "{valid} statements");
    // The organisers' list: the same with more certificates.
    let list_one = statements_for(&app, &organiser, LIST).await;
    let bo = person(&app, "Bo Onsite", "bo@example.org").await;
    register_as(&bo, "onsite", "Bo Onsite").await;
    let row = row_of(&app, "bo@example.org").await;
    assert_eq!(
        decide(&organiser, "approve", &[&row.id.to_string()], "").await,
        303
    );
    organiser
        .submit(
            "/forums/demo/check-in",
            "/api/registration/check-in",
            &[("forum", "demo"), ("badge", &row.badge_code)],
        )
        .await;
    assert_eq!(download(&bo).await.0, 200);
    assert_eq!(statements_for(&app, &organiser, LIST).await, list_one);
}

on_both!(certificates_for_those_who_came, verification_costs_the_same);
