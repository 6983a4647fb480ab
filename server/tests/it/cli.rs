//! The `plenum` binary: help, settings checks, create-admin, demo, logs.

use crate::support::smtp::{Behaviour, Smtp};
use std::io::Write;
use std::process::{Command, Stdio};

/// The `plenum` binary on a SQLite file and a file outbox in `dir`.
pub(crate) fn plenum(dir: &std::path::Path) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_plenum"));
    cmd.env(
        "PLENUM_DATABASE_URL",
        format!("sqlite://{}/p.db?mode=rwc", dir.display()),
    )
    .env("PLENUM_OUTBOX_DIR", dir.join("outbox"))
    .env_remove("PLENUM_SMTP_URL");
    cmd
}

#[test]
fn help_documents_every_subcommand_and_setting() {
    let out = Command::new(env!("CARGO_BIN_EXE_plenum"))
        .arg("--help")
        .output()
        .unwrap();
    assert!(out.status.success());
    let help = String::from_utf8(out.stdout).unwrap();
    for word in [
        "serve",
        "migrate",
        "create-admin",
        "demo",
        "PLENUM_DATABASE_URL",
        "PLENUM_SMTP_URL",
        "PLENUM_MAIL_FROM",
        "PLENUM_BASE_URL",
        "PLENUM_LISTEN",
        "PLENUM_OUTBOX_DIR",
        "PLENUM_SESSION_IDLE_MINUTES",
        "PLENUM_LOG",
    ] {
        assert!(help.contains(word), "--help lacks {word}:\n{help}");
    }
    let out = Command::new(env!("CARGO_BIN_EXE_plenum"))
        .args(["demo", "--help"])
        .output()
        .unwrap();
    assert!(String::from_utf8(out.stdout).unwrap().contains("--size"));
}

#[test]
fn a_bad_setting_stops_start_up_naming_it() {
    let dir = tempfile::tempdir().unwrap();
    let out = plenum(dir.path())
        .env("PLENUM_LISTEN", "not-an-address")
        .arg("migrate")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("PLENUM_LISTEN"), "{err}");
    let out = plenum(dir.path())
        .env("PLENUM_SMTP_URL", "mailto:x")
        .arg("migrate")
        .output()
        .unwrap();
    assert!(String::from_utf8(out.stderr)
        .unwrap()
        .contains("PLENUM_SMTP_URL"));
}

#[test]
fn create_admin_reads_or_generates_the_password_and_demo_is_idempotent() {
    let dir = tempfile::tempdir().unwrap();
    let mut child = plenum(dir.path())
        .args(["create-admin", "--email", "chair@example.org"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(b"a typed admin passphrase\n")
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.contains("Created administrator chair@example.org"),
        "{text}"
    );
    assert!(
        !text.contains("a typed admin passphrase"),
        "a typed password is not echoed"
    );

    let out = plenum(dir.path())
        .args(["create-admin", "--email", "second@example.org"])
        .stdin(Stdio::null())
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("Password (shown once): "), "{text}");

    let first = plenum(dir.path()).arg("demo").output().unwrap();
    assert!(String::from_utf8(first.stdout).unwrap().contains("created"));
    let second = plenum(dir.path())
        .args(["demo", "--size", "small"])
        .output()
        .unwrap();
    assert!(second.status.success());
    assert!(String::from_utf8(second.stdout)
        .unwrap()
        .contains("already exists"));
}

/// Passwords, tokens and cookies never reach the log, even at debug level.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn secrets_stay_out_of_the_logs() {
    let dir = tempfile::tempdir().unwrap();
    let smtp = Smtp::start(Behaviour::Accept).await;
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let base = format!("http://127.0.0.1:{port}");
    let log = std::fs::File::create(dir.path().join("log")).unwrap();
    let mut child = tokio::process::Command::from(plenum(dir.path()));
    child
        .arg("serve")
        .env("PLENUM_LISTEN", format!("127.0.0.1:{port}"))
        .env("PLENUM_BASE_URL", &base)
        .env("PLENUM_SMTP_URL", smtp.url())
        .env("PLENUM_LOG", "debug")
        .stdout(log.try_clone().unwrap())
        .stderr(log)
        .kill_on_drop(true);
    let mut child = child.spawn().unwrap();
    let client = reqwest::Client::builder()
        .cookie_store(true)
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    for _ in 0..100 {
        if client.get(format!("{base}/healthz")).send().await.is_ok() {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    let browser = crate::support::Browser {
        base: base.clone(),
        client,
    };
    let password = "secret horse battery staple";
    browser
        .submit(
            "/account/sign-up",
            "/api/accounts/sign-up",
            &[
                ("name", "Log Test"),
                ("email", "log@example.org"),
                ("password", password),
            ],
        )
        .await;
    let mail = smtp.wait_for("log@example.org", "confirm").await;
    let link = mail.link("token=");
    let token = link.split("token=").nth(1).unwrap().to_string();
    browser.get(&link.replace(&base, "")).await;
    browser
        .submit(
            &link.replace(&base, ""),
            "/api/accounts/verify-email",
            &[("token", &token)],
        )
        .await;
    let res = browser.sign_in("log@example.org", password).await;
    assert_eq!(res.status(), 303);
    let cookie = res.headers()["set-cookie"]
        .to_str()
        .unwrap()
        .split(';')
        .next()
        .unwrap()
        .split('=')
        .nth(1)
        .unwrap()
        .to_string();
    browser.get("/account/profile").await;
    child.kill().await.ok();
    let log = std::fs::read_to_string(dir.path().join("log")).unwrap();
    assert!(log.contains("request"), "the log has request spans:\n{log}");
    assert!(log.contains("/api/accounts/sign-in"), "paths are logged");
    for secret in [password, token.as_str(), cookie.as_str()] {
        assert!(!log.contains(secret), "a secret is in the log");
    }
}
