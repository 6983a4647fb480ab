//! The shell: health, 404, language choice, CSRF.

use crate::on_both;
use crate::support::{statements_for, Backend, TestApp};

async fn health_and_not_found(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let browser = app.browser();
    assert_eq!(browser.get("/healthz").await.status(), 200);
    let (status, page) = browser.get_text("/no/such/page").await;
    assert_eq!(status, 404);
    assert!(page.contains("Page not found"));
    let res = browser.get("/").await;
    assert!(res.headers().contains_key("x-request-id"));
    assert_eq!(res.headers()["x-content-type-options"], "nosniff");
    // With the database gone, health says so.
    app.db.clone().close().await.ok();
    assert_eq!(browser.get("/healthz").await.status(), 503);
}

async fn language_from_header_then_choice(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let browser = app.browser();
    let res = browser
        .client
        .get(format!("{}/account/sign-in", app.base))
        .header("accept-language", "ar-EG,ar;q=0.9,en;q=0.5")
        .send()
        .await
        .unwrap();
    let page = res.text().await.unwrap();
    assert!(
        page.contains("<html lang=\"ar\" dir=\"rtl\">"),
        "Arabic from Accept-Language"
    );
    let res = browser
        .submit(
            "/account/sign-in",
            "/api/accounts/set-language",
            &[("lang", "fr"), ("next", "/account/sign-in")],
        )
        .await;
    assert_eq!(res.status(), 303);
    assert_eq!(res.headers()["location"], "/account/sign-in");
    let (_, page) = browser.get_text("/account/sign-in").await;
    assert!(
        page.contains("<html lang=\"fr\" dir=\"ltr\">"),
        "the choice is remembered"
    );
    assert!(
        page.contains("Se connecter") || page.contains("Connexion"),
        "French text"
    );
    // Never an open redirect.
    let res = browser
        .submit(
            "/",
            "/api/accounts/set-language",
            &[("lang", "en"), ("next", "https://evil.example/")],
        )
        .await;
    assert_eq!(res.headers()["location"], "/");
}

/// A signed-in person's choice is kept in their profile: another device shows
/// the same language, and mail to them is written in it.
async fn language_follows_the_person(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let first = app
        .verified_person("Nour", "nour@example.org", "correct horse battery")
        .await;
    assert_eq!(
        first
            .sign_in("nour@example.org", "correct horse battery")
            .await
            .status(),
        303
    );
    let res = first
        .submit(
            "/",
            "/api/accounts/set-language",
            &[("lang", "ar"), ("next", "/")],
        )
        .await;
    assert_eq!(res.status(), 303);

    let other = app.browser();
    assert_eq!(
        other
            .sign_in("nour@example.org", "correct horse battery")
            .await
            .status(),
        303
    );
    let res = other
        .client
        .get(format!("{}/", app.base))
        .header("accept-language", "en")
        .send()
        .await
        .unwrap();
    assert!(
        res.text()
            .await
            .unwrap()
            .contains("<html lang=\"ar\" dir=\"rtl\">"),
        "the profile's language wins over the header"
    );

    let res = app
        .browser()
        .submit(
            "/account/forgot",
            "/api/accounts/request-password-reset",
            &[("email", "nour@example.org")],
        )
        .await;
    assert_eq!(res.status(), 303);
    let mail = app.smtp.wait_for("nour@example.org", "reset?token=").await;
    let arabic_subject = app::i18n::translate(app::i18n::Locale::Ar, "mail.reset-password.subject");
    assert_eq!(
        mail.subject(),
        arabic_subject,
        "mail in the person's language"
    );
    assert!(mail.html().contains("dir=\"rtl\""));
}

async fn cross_site_requests_are_refused(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    app.verified_person("Sam", "sam@example.org", "correct horse battery")
        .await;
    let client = reqwest::Client::new();
    for origin in [Some("https://evil.example"), None] {
        let mut req = client
            .post(format!("{}/api/accounts/sign-in", app.base))
            .form(&[
                ("email", "sam@example.org"),
                ("password", "correct horse battery"),
            ]);
        if let Some(origin) = origin {
            req = req.header("origin", origin);
        }
        let res = req.send().await.unwrap();
        assert_eq!(res.status(), 403, "origin {origin:?}");
        assert!(res.headers().get("set-cookie").is_none());
    }
    let res = client
        .post(format!("{}/api/accounts/sign-in", app.base))
        .header("sec-fetch-site", "cross-site")
        .header("origin", &app.base)
        .form(&[
            ("email", "sam@example.org"),
            ("password", "correct horse battery"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 403);
    // The same request from the site itself works.
    let res = app
        .browser()
        .sign_in("sam@example.org", "correct horse battery")
        .await;
    assert_eq!(res.status(), 303);
}

on_both!(
    health_and_not_found,
    language_from_header_then_choice,
    language_follows_the_person,
    cross_site_requests_are_refused
);

/// Pages issue a fixed number of statements, however many people and roles exist.
async fn pages_keep_a_query_budget(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    server::demo::seed(
        &app.db,
        server::config::DemoSize::Bare,
        "demo passphrase 2027",
    )
    .await
    .unwrap();
    let organiser = app.browser();
    assert_eq!(
        organiser
            .sign_in("organiser@demo.plenum.localhost", "demo passphrase 2027")
            .await
            .status(),
        303
    );
    let home = statements_for(&app, &organiser, "/").await;
    let team_small = statements_for(&app, &organiser, "/forums/demo/team").await;
    // Thirty more people with roles in the edition.
    for i in 0..30 {
        let email = format!("member{i}@example.org");
        app::accounts::service::create_admin(&app.db, &email, "Member", "long enough passphrase")
            .await
            .unwrap();
        let res = organiser
            .submit(
                "/forums/demo/team",
                "/api/forums/grant-role",
                &[("forum", "demo"), ("email", &email), ("role", "reviewer")],
            )
            .await;
        assert_eq!(res.status(), 303);
    }
    assert_eq!(
        statements_for(&app, &organiser, "/").await,
        home,
        "home page"
    );
    assert_eq!(
        statements_for(&app, &organiser, "/forums/demo/team").await,
        team_small,
        "team page"
    );
    // Session, roles and forum list, plus the team (forum, members) on its page.
    assert!(home <= 3, "home page used {home} statements");
    assert!(team_small <= 5, "team page used {team_small} statements");
}

async fn sessions_expire_after_inactivity(backend: Backend) {
    let settings = app::context::AppSettings {
        session_idle: std::time::Duration::from_secs(1),
        ..crate::support::test_settings()
    };
    let app = TestApp::spawn_with(backend, settings).await;
    let browser = app
        .verified_person("Ida", "ida@example.org", "correct horse battery")
        .await;
    assert_eq!(
        browser
            .sign_in("ida@example.org", "correct horse battery")
            .await
            .status(),
        303
    );
    assert_eq!(browser.whoami().await.as_deref(), Some("ida@example.org"));
    tokio::time::sleep(std::time::Duration::from_millis(1500)).await;
    assert_eq!(browser.whoami().await, None);
}

on_both!(pages_keep_a_query_budget, sessions_expire_after_inactivity);
