//! The mail outbox: written with the change, delivered by the worker, retried,
//! and never lost nor sent twice when the process is killed mid-delivery.

use crate::on_both;
use crate::support::smtp::{Behaviour, Smtp};
use crate::support::{Backend, TestApp, TestDb};
use app::db::outbox_message;
use app::i18n::Locale;
use app::notifications::outbox::enqueue;
use app::notifications::templates::{render, Template};
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter};
use std::collections::BTreeSet;
use std::process::Stdio;
use std::time::Duration;

async fn queue(db: &DatabaseConnection, n: usize) -> BTreeSet<String> {
    let mut ids = BTreeSet::new();
    for i in 0..n {
        let mail = render(
            Locale::En,
            &format!("Person {i}"),
            &Template::PasswordChanged,
        );
        let id = enqueue(
            db,
            &format!("person{i}@example.org"),
            &format!("Person {i}"),
            mail,
            "test.localhost",
        )
        .await
        .expect("enqueue");
        ids.insert(format!("<{id}@test.localhost>"));
    }
    ids
}

fn plenum(db_url: &str, smtp: &Smtp) -> tokio::process::Child {
    tokio::process::Command::new(env!("CARGO_BIN_EXE_plenum"))
        .arg("serve")
        .env("PLENUM_DATABASE_URL", db_url)
        .env("PLENUM_SMTP_URL", smtp.url())
        .env("PLENUM_LISTEN", "127.0.0.1:0")
        .env("PLENUM_MAIL_LEASE_SECS", "1")
        .env("PLENUM_ADMIN_EMAIL", "admin@test.localhost")
        .env("PLENUM_LOG", "warn")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .kill_on_drop(true)
        .spawn()
        .expect("start plenum")
}

async fn statuses(db: &DatabaseConnection) -> Vec<String> {
    outbox_message::Entity::find()
        .all(db)
        .await
        .unwrap()
        .into_iter()
        .map(|m| m.status)
        .collect()
}

async fn killed_mid_delivery_delivers_each_message_once(backend: Backend) {
    let test_db = TestDb::new(backend).await;
    let db = server::database::connect(&test_db.url).await.unwrap();
    server::database::migrate(&db).await.unwrap();
    let queued = queue(&db, 5).await;
    let smtp = Smtp::start(Behaviour::HangOnFirstData).await;

    let mut first = plenum(&test_db.url, &smtp);
    smtp.wait_until("the first message's data", |s| {
        !s.held.lock().unwrap().is_empty()
    })
    .await;
    first.kill().await.expect("kill -9");
    assert!(
        statuses(&db).await.iter().any(|s| s == "sending"),
        "killed while sending"
    );
    assert!(
        smtp.all().is_empty(),
        "nothing was accepted before the kill"
    );

    let mut second = plenum(&test_db.url, &smtp);
    smtp.wait_until("five accepted messages", |s| s.all().len() >= 5)
        .await;
    // Give a duplicate the chance to show up before counting.
    tokio::time::sleep(Duration::from_secs(2)).await;
    let accepted: Vec<String> = smtp
        .all()
        .iter()
        .map(|m| format!("<{}>", m.message_id()))
        .collect();
    assert_eq!(
        accepted.len(),
        5,
        "each message accepted exactly once: {accepted:?}"
    );
    assert_eq!(
        accepted.iter().cloned().collect::<BTreeSet<_>>(),
        queued,
        "the queued Message-IDs, unchanged"
    );
    let held_id = format!("<{}>", smtp.held.lock().unwrap()[0].message_id());
    assert!(
        queued.contains(&held_id),
        "the interrupted message kept its Message-ID"
    );
    let deadline = tokio::time::Instant::now() + Duration::from_secs(10);
    while statuses(&db).await.iter().any(|s| s != "sent") {
        assert!(tokio::time::Instant::now() < deadline, "all marked sent");
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    second.kill().await.ok();
}

async fn failures_are_retried_with_backoff_then_resent(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    // A worker whose SMTP server is not there.
    let closed = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let worker = server::mailer::Worker {
        db: app.db.clone(),
        transport: server::mailer::Transport::new(&server::config::MailTarget::Smtp(format!(
            "smtp://127.0.0.1:{closed}"
        )))
        .unwrap(),
        from: "Plenum <plenum@test.localhost>".parse().unwrap(),
        lease: Duration::from_secs(5),
        wake: Default::default(),
    };
    app.running.worker.abort(); // only the failing worker delivers for now
    let ids = queue(&app.db, 1).await;
    assert!(worker.deliver_one().await.unwrap());
    let message = outbox_message::Entity::find()
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(message.status, "queued");
    assert_eq!(message.attempts, 1);
    assert!(message.last_error.is_some());
    assert!(
        message.next_attempt_at > app::db::now() + chrono::Duration::seconds(20),
        "backed off"
    );
    assert!(!worker.deliver_one().await.unwrap(), "not due again yet");

    // An admin sends it again now; a working worker delivers it, same Message-ID.
    app.create_admin("admin@test.localhost", "demo passphrase 2027")
        .await;
    let admin = app.browser();
    assert_eq!(
        admin
            .sign_in("admin@test.localhost", "demo passphrase 2027")
            .await
            .status(),
        303
    );
    let res = admin
        .submit(
            "/admin/outbox",
            "/api/admin/resend",
            &[("id", &message.id.to_string())],
        )
        .await;
    assert_eq!(res.status(), 303);
    let good = server::mailer::Worker {
        db: app.db.clone(),
        transport: server::mailer::Transport::new(&server::config::MailTarget::Smtp(
            app.smtp.url(),
        ))
        .unwrap(),
        from: "Plenum <plenum@test.localhost>".parse().unwrap(),
        lease: Duration::from_secs(5),
        wake: Default::default(),
    };
    assert!(good.deliver_one().await.unwrap());
    let sent = outbox_message::Entity::find()
        .filter(outbox_message::Column::Status.eq("sent"))
        .all(&app.db)
        .await
        .unwrap();
    assert_eq!(sent.len(), 1);
    assert_eq!(app.smtp.all().len(), 1);
    assert_eq!(
        format!("<{}>", app.smtp.all()[0].message_id()),
        *ids.iter().next().unwrap()
    );
}

async fn file_outbox_writes_one_file_per_message(backend: Backend) {
    let test_db = TestDb::new(backend).await;
    let db = server::database::connect(&test_db.url).await.unwrap();
    server::database::migrate(&db).await.unwrap();
    let dir = tempfile::tempdir().unwrap();
    let worker = server::mailer::Worker {
        db: db.clone(),
        transport: server::mailer::Transport::new(&server::config::MailTarget::Files(
            dir.path().to_path_buf(),
        ))
        .unwrap(),
        from: "Plenum <plenum@test.localhost>".parse().unwrap(),
        lease: Duration::from_secs(5),
        wake: Default::default(),
    };
    queue(&db, 3).await;
    while worker.deliver_one().await.unwrap() {}
    let files: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .filter_map(|e| e.ok())
        .collect();
    assert_eq!(files.len(), 3);
    let raw = std::fs::read_to_string(files[0].path()).unwrap();
    assert!(raw.contains("Message-ID: <"), "{raw}");
    assert!(raw.contains("multipart/alternative"));
}

on_both!(
    killed_mid_delivery_delivers_each_message_once,
    failures_are_retried_with_backoff_then_resent,
    file_outbox_writes_one_file_per_message,
);
