//! The test harness: databases, the SMTP listener, the app, HTTP helpers.

pub mod smtp;

use app::context::AppSettings;
use reqwest::header::{ACCEPT, ORIGIN, REFERER};
use reqwest::redirect::Policy;
use sea_orm::{ConnectionTrait, Database, DatabaseConnection};
use server::config::{Config, MailTarget};
use std::time::Duration;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

/// Runs an async test against SQLite and, when configured, PostgreSQL.
#[macro_export]
macro_rules! on_both {
    ($($name:ident),* $(,)?) => {$(
        mod $name {
            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn sqlite() {
                super::$name($crate::support::Backend::Sqlite).await
            }
            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn postgres() {
                if std::env::var("TEST_POSTGRES_URL").is_err() {
                    eprintln!("TEST_POSTGRES_URL not set: PostgreSQL variant not run");
                    return;
                }
                super::$name($crate::support::Backend::Postgres).await
            }
        }
    )*};
}

/// A database made for one test and dropped after it.
pub struct TestDb {
    pub url: String,
    cleanup: Option<(String, String)>,
    _dir: Option<tempfile::TempDir>,
}

impl TestDb {
    pub async fn new(backend: Backend) -> TestDb {
        match backend {
            Backend::Sqlite => {
                let dir = tempfile::tempdir().expect("temp dir");
                let url = format!("sqlite://{}/plenum.db?mode=rwc", dir.path().display());
                TestDb {
                    url,
                    cleanup: None,
                    _dir: Some(dir),
                }
            }
            Backend::Postgres => {
                let admin_url = std::env::var("TEST_POSTGRES_URL").expect("TEST_POSTGRES_URL");
                let name = format!("plenum_test_{}", uuid::Uuid::new_v4().simple());
                let admin = Database::connect(&admin_url)
                    .await
                    .expect("connect to TEST_POSTGRES_URL");
                admin
                    .execute_unprepared(&format!("CREATE DATABASE {name}"))
                    .await
                    .expect("create test database");
                admin.close().await.ok();
                let base = admin_url
                    .rsplit_once('/')
                    .map(|(b, _)| b.to_string())
                    .unwrap_or(admin_url.clone());
                TestDb {
                    url: format!("{base}/{name}"),
                    cleanup: Some((admin_url, name)),
                    _dir: None,
                }
            }
        }
    }
}

impl Drop for TestDb {
    fn drop(&mut self) {
        if let Some((admin_url, name)) = self.cleanup.take() {
            // Drop runs outside async: a small runtime of its own on a thread.
            let _ = std::thread::spawn(move || {
                let rt = tokio::runtime::Builder::new_current_thread()
                    .enable_all()
                    .build()
                    .expect("runtime");
                rt.block_on(async move {
                    if let Ok(admin) = Database::connect(&admin_url).await {
                        let _ = admin
                            .execute_unprepared(&format!(
                                "DROP DATABASE IF EXISTS {name} WITH (FORCE)"
                            ))
                            .await;
                    }
                });
            })
            .join();
        }
    }
}

pub struct TestApp {
    pub base: String,
    pub smtp: smtp::Smtp,
    pub db: DatabaseConnection,
    pub running: server::Running,
    _db: TestDb,
}

pub fn test_settings() -> AppSettings {
    AppSettings {
        throttle_delay: Duration::from_millis(100),
        ..AppSettings::default()
    }
}

impl TestApp {
    pub async fn spawn(backend: Backend) -> TestApp {
        Self::spawn_with(backend, test_settings()).await
    }

    pub async fn spawn_with(backend: Backend, settings: AppSettings) -> TestApp {
        let db = TestDb::new(backend).await;
        let smtp = smtp::Smtp::start(smtp::Behaviour::Accept).await;
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind");
        let addr = listener.local_addr().expect("addr");
        let base = format!("http://{addr}");
        let config = Config {
            database_url: db.url.clone(),
            mail: MailTarget::Smtp(smtp.url()),
            mail_from: "Plenum <plenum@test.localhost>".parse().expect("from"),
            listen: addr,
            site_root: "target/site".into(),
            mail_lease: Duration::from_secs(5),
            admin_email: "admin@test.localhost".into(),
            app: AppSettings {
                base_url: base.clone(),
                ..settings
            },
        };
        let running = server::start_on(&config, listener)
            .await
            .expect("start the app");
        TestApp {
            base,
            smtp,
            db: running.state.db.clone(),
            running,
            _db: db,
        }
    }

    /// A browser-like client: its own cookie jar, no automatic redirects.
    pub fn browser(&self) -> Browser {
        Browser {
            base: self.base.clone(),
            client: reqwest::Client::builder()
                .cookie_store(true)
                .redirect(Policy::none())
                .build()
                .expect("client"),
        }
    }

    /// A person with a verified account (through the real sign-up and mail).
    pub async fn verified_person(&self, name: &str, email: &str, password: &str) -> Browser {
        let browser = self.browser();
        let res = browser
            .submit(
                "/account/sign-up",
                "/api/accounts/sign-up",
                &[("name", name), ("email", email), ("password", password)],
            )
            .await;
        assert_eq!(res.status(), 303, "sign-up");
        let mail = self.smtp.wait_for(email, "verify").await;
        let link = mail.link("/account/verify?token=");
        let token = link.split("token=").nth(1).expect("token").to_string();
        let res = browser
            .submit(
                &link.replace(&self.base, ""),
                "/api/accounts/verify-email",
                &[("token", &token)],
            )
            .await;
        assert_eq!(res.status(), 303);
        browser
    }

    pub async fn create_admin(&self, email: &str, password: &str) {
        app::accounts::service::create_admin(&self.db, email, "Admin", password)
            .await
            .expect("create admin");
    }
}

impl Drop for TestApp {
    fn drop(&mut self) {
        self.running.stop();
    }
}

pub struct Browser {
    pub base: String,
    pub client: reqwest::Client,
}

impl Browser {
    pub async fn get(&self, path: &str) -> reqwest::Response {
        self.client
            .get(format!("{}{path}", self.base))
            .header(ACCEPT, "text/html")
            .send()
            .await
            .expect("GET")
    }

    pub async fn get_text(&self, path: &str) -> (u16, String) {
        let res = self.get(path).await;
        let status = res.status().as_u16();
        (status, res.text().await.unwrap_or_default())
    }

    /// A GET that asks for the page rendered afresh, past the public pages'
    /// cache, as a browser's hard reload does.
    pub async fn get_afresh(&self, path: &str) -> (u16, String) {
        let res = self
            .client
            .get(format!("{}{path}", self.base))
            .header(ACCEPT, "text/html")
            .header(reqwest::header::CACHE_CONTROL, "no-cache")
            .send()
            .await
            .expect("GET");
        let status = res.status().as_u16();
        (status, res.text().await.unwrap_or_default())
    }

    /// Posts a form the way a browser without JavaScript does, from `page`.
    pub async fn submit(
        &self,
        page: &str,
        action: &str,
        fields: &[(&str, &str)],
    ) -> reqwest::Response {
        self.client
            .post(format!("{}{action}", self.base))
            .header(ACCEPT, "text/html,application/xhtml+xml")
            .header(ORIGIN, &self.base)
            .header(REFERER, format!("{}{page}", self.base))
            .form(fields)
            .send()
            .await
            .expect("POST form")
    }

    /// Calls a server function the way the hydrated app does (not a page form).
    pub async fn call(&self, path: &str, fields: &[(&str, &str)]) -> reqwest::Response {
        self.client
            .post(format!("{}{path}", self.base))
            .header(ACCEPT, "application/json")
            .header(ORIGIN, &self.base)
            .form(fields)
            .send()
            .await
            .expect("POST server function")
    }

    pub async fn sign_in(&self, email: &str, password: &str) -> reqwest::Response {
        self.submit(
            "/account/sign-in",
            "/api/accounts/sign-in",
            &[("email", email), ("password", password)],
        )
        .await
    }

    /// The signed-in person's email, per the server.
    pub async fn whoami(&self) -> Option<String> {
        let res = self.call("/api/accounts/whoami", &[]).await;
        assert_eq!(res.status(), 200);
        let value: serde_json::Value = res.json().await.expect("json");
        value
            .get("email")
            .and_then(|e| e.as_str())
            .map(str::to_string)
    }
}

/// An English message.
pub fn en(key: &str) -> String {
    app::i18n::translate(app::i18n::Locale::En, key)
}

/// Text as a page escapes it (apostrophes, ampersands).
pub fn html(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('\'', "&#39;")
        .replace('"', "&quot;")
}

/// Whether the page says this message (as the page escapes it).
pub fn says(page: &str, key: &str) -> bool {
    let text = en(key);
    page.contains(&text) || page.contains(&html(&text))
}

/// Whether the page has an input `name` holding `value`.
pub fn has_input_value(html: &str, name: &str, value: &str) -> bool {
    let re = regex::Regex::new(&format!(
        r#"<input[^>]*name="{}"[^>]*value="{}""#,
        regex::escape(name),
        regex::escape(value)
    ))
    .expect("regex");
    re.is_match(html)
}

/// The statements one GET of `path` issues. Measured twice, keeping the
/// smaller: a session's "last seen" is written at most once a minute, and a
/// page's budget should not depend on whether that minute just ended.
pub async fn statements_for(app: &TestApp, browser: &Browser, path: &str) -> u64 {
    use std::sync::atomic::Ordering;
    let mut fewest = u64::MAX;
    for _ in 0..2 {
        let start = app.running.queries.load(Ordering::SeqCst);
        let (status, _) = browser.get_afresh(path).await;
        assert_eq!(status, 200, "{path}");
        fewest = fewest.min(app.running.queries.load(Ordering::SeqCst) - start);
    }
    fewest
}

/// Every proposal's stored people facts agree with its people, counted here
/// from the rows (by stakeholder group, region, gender, onsite and online).
pub async fn assert_people_facts_current(db: &DatabaseConnection) {
    use app::db::{proposal, proposal_person};
    use sea_orm::EntityTrait;
    use std::collections::{BTreeMap, HashMap};
    let mut people: HashMap<uuid::Uuid, Vec<proposal_person::Model>> = HashMap::new();
    for x in proposal_person::Entity::find().all(db).await.unwrap() {
        people.entry(x.proposal_id).or_default().push(x);
    }
    let proposals = proposal::Entity::find().all(db).await.unwrap();
    assert!(!proposals.is_empty());
    for p in proposals {
        let stored = app::review::balance::Tally::from_json(&p.people_facts);
        let its = people.remove(&p.id).unwrap_or_default();
        let count = |key: &dyn Fn(&proposal_person::Model) -> String| {
            let mut m = BTreeMap::new();
            for x in &its {
                let k = key(x);
                if !k.is_empty() {
                    *m.entry(k).or_insert(0u32) += 1;
                }
            }
            m
        };
        let what = p.code.clone().unwrap_or(p.title.clone());
        assert_eq!(stored.people as usize, its.len(), "people of {what}");
        assert_eq!(
            stored.onsite as usize,
            its.iter().filter(|x| x.onsite).count(),
            "onsite of {what}"
        );
        assert_eq!(
            stored.groups,
            count(&|x| x.stakeholder_group.clone().unwrap_or_default())
        );
        assert_eq!(
            stored.genders,
            count(&|x| x.gender.clone().unwrap_or_default())
        );
        assert_eq!(
            stored.regions,
            count(&|x| x
                .country
                .as_deref()
                .and_then(app::accounts::countries::regional_group)
                .map(|r| r.code().to_string())
                .unwrap_or_default()),
            "regions of {what}"
        );
    }
}
