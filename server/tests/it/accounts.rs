//! Accounts end to end over HTTP: sign-up, verification by mail, sign-in,
//! forgotten password, change password, sessions, throttling.

use crate::on_both;
use crate::support::{has_input_value, Backend, TestApp};

const PASSWORD: &str = "correct horse battery";

async fn sign_up_verify_sign_in_and_reset(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let amina = app.browser();
    let res = amina
        .submit(
            "/account/sign-up",
            "/api/accounts/sign-up",
            &[
                ("name", "Amina Diallo"),
                ("email", "Amina@Example.org"),
                ("password", PASSWORD),
            ],
        )
        .await;
    assert_eq!(res.status(), 303);
    assert_eq!(
        res.headers()["location"],
        "/account/sign-in?notice=check-email"
    );

    // Not verified yet: sign-in refuses (and sends the link again).
    let res = amina.sign_in("amina@example.org", PASSWORD).await;
    assert_eq!(res.status(), 422);
    assert!(res
        .text()
        .await
        .unwrap()
        .contains("Please confirm your email address first"));

    let mail = app.smtp.wait_for("amina@example.org", "confirm").await;
    assert!(mail.text().contains("Dear Amina Diallo"), "{}", mail.text());
    assert!(
        mail.html().contains("<a href=\""),
        "the HTML part has a link"
    );
    let link = mail.link("/account/verify?token=");
    let path = link.replace(&app.base, "");
    let (status, page) = amina.get_text(&path).await;
    assert_eq!(status, 200);
    let token = path.split("token=").nth(1).unwrap();
    assert!(
        has_input_value(&page, "token", token),
        "the confirm form carries the token"
    );
    let res = amina
        .submit(&path, "/api/accounts/verify-email", &[("token", token)])
        .await;
    assert_eq!(res.status(), 303);
    assert_eq!(
        res.headers()["location"],
        "/account/sign-in?notice=email-verified"
    );
    // The token works once.
    let res = amina
        .submit(&path, "/api/accounts/verify-email", &[("token", token)])
        .await;
    assert_eq!(res.status(), 422);

    let res = amina.sign_in("AMINA@example.org", PASSWORD).await;
    assert_eq!(res.status(), 303);
    let cookie = res.headers()["set-cookie"].to_str().unwrap().to_string();
    assert!(cookie.starts_with("plenum_session="), "{cookie}");
    assert!(
        cookie.contains("HttpOnly")
            && cookie.contains("SameSite=Lax")
            && !cookie.contains("Secure"),
        "{cookie}"
    );
    let (_, home) = amina.get_text("/").await;
    assert!(
        home.contains("Amina Diallo"),
        "the header shows who is signed in"
    );
    assert_eq!(amina.whoami().await.as_deref(), Some("amina@example.org"));

    // Forgotten password, from another browser.
    let other = app.browser();
    let res = other
        .submit(
            "/account/forgot",
            "/api/accounts/request-password-reset",
            &[("email", "amina@example.org")],
        )
        .await;
    assert_eq!(res.status(), 303);
    assert_eq!(
        res.headers()["location"],
        "/account/sign-in?notice=reset-sent"
    );
    let mail = app.smtp.wait_for("amina@example.org", "new password").await;
    let link = mail.link("/account/reset?token=");
    let path = link.replace(&app.base, "");
    let token = path.split("token=").nth(1).unwrap().to_string();
    // Too short: the error shows, nothing changes.
    let res = other
        .submit(
            &path,
            "/api/accounts/reset-password",
            &[("token", &token), ("password", "short")],
        )
        .await;
    assert_eq!(res.status(), 422);
    assert!(res.text().await.unwrap().contains("at least 10 characters"));
    let res = other
        .submit(
            &path,
            "/api/accounts/reset-password",
            &[("token", &token), ("password", "a brand new passphrase")],
        )
        .await;
    assert_eq!(res.status(), 303);
    assert_eq!(
        res.headers()["location"],
        "/account/sign-in?notice=password-reset"
    );
    // Single use.
    let res = other
        .submit(
            &path,
            "/api/accounts/reset-password",
            &[("token", &token), ("password", "yet another passphrase")],
        )
        .await;
    assert_eq!(res.status(), 422);
    // The reset ended every session; the old password is gone, the new one works.
    assert_eq!(amina.whoami().await, None);
    assert_eq!(
        other.sign_in("amina@example.org", PASSWORD).await.status(),
        422
    );
    assert_eq!(
        other
            .sign_in("amina@example.org", "a brand new passphrase")
            .await
            .status(),
        303
    );
    app.smtp
        .wait_for("amina@example.org", "has been changed")
        .await;

    // An unknown address gets the same answer and no mail.
    let res = other
        .submit(
            "/account/forgot",
            "/api/accounts/request-password-reset",
            &[("email", "nobody@example.org")],
        )
        .await;
    assert_eq!(res.status(), 303);
}

async fn sign_up_errors_keep_what_was_typed(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let browser = app.browser();
    let res = browser
        .submit(
            "/account/sign-up",
            "/api/accounts/sign-up",
            &[
                ("name", "Léa Martin"),
                ("email", "not-an-address"),
                ("password", "1234567890"),
            ],
        )
        .await;
    assert_eq!(res.status(), 422);
    let page = res.text().await.unwrap();
    assert!(has_input_value(&page, "name", "Léa Martin"), "name kept");
    assert!(
        has_input_value(&page, "email", "not-an-address"),
        "email kept"
    );
    assert!(
        !page.contains("1234567890"),
        "passwords are never sent back"
    );
    assert!(
        page.contains("Please enter an email address such as"),
        "email error shown"
    );
    assert!(
        page.contains("This password is too common"),
        "password error shown"
    );
    assert!(page.contains("aria-invalid=\"true\""));
    // The address bar goes back to the page before the browser side starts.
    assert!(page.contains(r#"history.replaceState(null,'',"/account/sign-up")"#));

    // The same rules through the JSON side (no page): field errors as data.
    let res = browser
        .call(
            "/api/accounts/sign-up",
            &[
                ("name", ""),
                ("email", "x@example.org"),
                ("password", "long enough passphrase"),
            ],
        )
        .await;
    assert_eq!(res.status(), 422);
    let body: serde_json::Value = res.json().await.unwrap();
    assert_eq!(body["Invalid"]["fields"][0]["field"], "name");
}

async fn existing_address_is_not_revealed(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    app.verified_person("Kofi", "kofi@example.org", PASSWORD)
        .await;
    let res = app
        .browser()
        .submit(
            "/account/sign-up",
            "/api/accounts/sign-up",
            &[
                ("name", "Impostor"),
                ("email", "kofi@example.org"),
                ("password", "another long passphrase"),
            ],
        )
        .await;
    assert_eq!(res.status(), 303, "same answer as a new sign-up");
    app.smtp
        .wait_for("kofi@example.org", "already have an account")
        .await;
    // The original password still works.
    assert_eq!(
        app.browser()
            .sign_in("kofi@example.org", PASSWORD)
            .await
            .status(),
        303
    );
}

async fn wrong_password_and_throttling(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    app.verified_person("Ana", "ana@example.org", PASSWORD)
        .await;
    let browser = app.browser();
    let res = browser.sign_in("ana@example.org", "wrong password!").await;
    assert_eq!(res.status(), 422);
    let page = res.text().await.unwrap();
    assert!(page.contains("The email address or the password is not right."));
    assert!(
        has_input_value(&page, "email", "ana@example.org"),
        "email kept after a failure"
    );

    // An unknown account answers exactly alike.
    let res = browser
        .sign_in("ghost@example.org", "wrong password!")
        .await;
    assert_eq!(res.status(), 422);
    assert!(res
        .text()
        .await
        .unwrap()
        .contains("The email address or the password is not right."));

    // Failures up to the lock, then even the right password is refused for a while.
    for _ in 0..9 {
        let status = browser
            .sign_in("ana@example.org", "wrong password!")
            .await
            .status();
        assert!(status == 422 || status == 429, "{status}");
    }
    let res = browser.sign_in("ana@example.org", PASSWORD).await;
    assert_eq!(res.status(), 429);
    assert!(res.text().await.unwrap().contains("Too many attempts"));
    // The unknown account is locked the same way (the address counts too).
    assert_eq!(
        browser
            .sign_in("ghost@example.org", "wrong password!")
            .await
            .status(),
        429
    );
    // The lock is recorded for the admins.
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
    let locks = app::db::audit_event::Entity::find()
        .filter(app::db::audit_event::Column::Action.eq("sign-in.locked"))
        .all(&app.db)
        .await
        .unwrap();
    assert!(!locks.is_empty());
}

async fn sessions_are_server_side(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    app.verified_person("Mei", "mei@example.org", PASSWORD)
        .await;
    let browser = app.browser();
    let first = browser.sign_in("mei@example.org", PASSWORD).await;
    let first_cookie = first.headers()["set-cookie"]
        .to_str()
        .unwrap()
        .split(';')
        .next()
        .unwrap()
        .to_string();
    let second = browser.sign_in("mei@example.org", PASSWORD).await;
    let second_cookie = second.headers()["set-cookie"]
        .to_str()
        .unwrap()
        .split(';')
        .next()
        .unwrap()
        .to_string();
    assert_ne!(
        first_cookie, second_cookie,
        "a new session id at every sign-in"
    );

    // Replaying the first session's cookie does not work any more.
    let replay = reqwest::Client::new()
        .post(format!("{}/api/accounts/whoami", app.base))
        .header("origin", &app.base)
        .header("cookie", &first_cookie)
        .send()
        .await
        .unwrap();
    assert_eq!(replay.text().await.unwrap(), "null");

    // Sign-out destroys the session on the server, not just the cookie.
    let res = browser.submit("/", "/api/accounts/sign-out", &[]).await;
    assert_eq!(res.status(), 303);
    let replay = reqwest::Client::new()
        .post(format!("{}/api/accounts/whoami", app.base))
        .header("origin", &app.base)
        .header("cookie", &second_cookie)
        .send()
        .await
        .unwrap();
    assert_eq!(replay.text().await.unwrap(), "null");
    use sea_orm::{EntityTrait, PaginatorTrait};
    assert_eq!(
        app::db::session::Entity::find()
            .count(&app.db)
            .await
            .unwrap(),
        0
    );
}

async fn change_password_and_profile(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let browser = app
        .verified_person("Olu", "olu@example.org", PASSWORD)
        .await;
    assert_eq!(
        browser.sign_in("olu@example.org", PASSWORD).await.status(),
        303
    );
    let other_device = app.browser();
    assert_eq!(
        other_device
            .sign_in("olu@example.org", PASSWORD)
            .await
            .status(),
        303
    );

    let res = browser
        .submit(
            "/account/password",
            "/api/accounts/change-password",
            &[
                ("current_password", "not it at all"),
                ("new_password", "short"),
            ],
        )
        .await;
    assert_eq!(res.status(), 422);
    let page = res.text().await.unwrap();
    assert!(page.contains("This is not your current password."));
    assert!(page.contains("at least 10 characters"));
    let res = browser
        .submit(
            "/account/password",
            "/api/accounts/change-password",
            &[
                ("current_password", PASSWORD),
                ("new_password", "the new long passphrase"),
            ],
        )
        .await;
    assert_eq!(res.status(), 303);
    assert_eq!(
        browser.whoami().await.as_deref(),
        Some("olu@example.org"),
        "this session stays"
    );
    assert_eq!(other_device.whoami().await, None, "other sessions end");

    // Profile: country gives the regional group; bad choices are field errors.
    let res = browser
        .submit(
            "/account/profile",
            "/api/accounts/update-profile",
            &[
                ("name", "Olu Okafor"),
                ("organisation", "Lagos Digital Rights"),
                ("country", "XX"),
                ("stakeholder_group", "civil-society"),
                ("gender", ""),
                ("first_time", "on"),
            ],
        )
        .await;
    assert_eq!(res.status(), 422);
    let page = res.text().await.unwrap();
    assert!(page.contains("Please choose a country from the list."));
    assert!(has_input_value(
        &page,
        "organisation",
        "Lagos Digital Rights"
    ));
    let res = browser
        .submit(
            "/account/profile",
            "/api/accounts/update-profile",
            &[
                ("name", "Olu Okafor"),
                ("organisation", "Lagos Digital Rights"),
                ("country", "ng"),
                ("stakeholder_group", "civil-society"),
                ("gender", "male"),
                ("first_time", "on"),
            ],
        )
        .await;
    assert_eq!(res.status(), 303);
    let profile: serde_json::Value = browser
        .call("/api/accounts/profile", &[])
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(profile["country"], "NG");
    assert_eq!(profile["regional_group"], "African");
    assert_eq!(profile["stakeholder_group"], "CivilSociety");
    assert_eq!(profile["first_time"], true);
    let (_, page) = browser.get_text("/account/profile").await;
    assert!(page.contains("African Group"));
}

on_both!(
    sign_up_verify_sign_in_and_reset,
    sign_up_errors_keep_what_was_typed,
    existing_address_is_not_revealed,
    wrong_password_and_throttling,
    sessions_are_server_side,
    change_password_and_profile,
);
