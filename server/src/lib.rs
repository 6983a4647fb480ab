//! The `plenum` binary's library: settings, start-up, HTTP, background workers.
//! Integration tests build the same application through [`start`].
#![recursion_limit = "512"]

pub mod account_data;
pub mod certificate_pdf;
pub mod config;
pub mod consultation_routes;
pub mod database;
pub mod demo;
pub mod exports;
pub mod floor_events;
pub mod frab_upload;
pub mod mailer;
pub mod multipart_form;
pub mod page_cache;
pub mod reminders;
pub mod web;

use app::context::AppState;
use config::Config;
use std::net::SocketAddr;
use std::sync::Arc;
use tokio::net::TcpListener;
use tokio::sync::Notify;

/// A running Plenum: its address and shared state.
pub struct Running {
    pub addr: SocketAddr,
    pub state: AppState,
    /// Statements requests have run so far (for query budgets in tests).
    pub queries: Arc<std::sync::atomic::AtomicU64>,
    pub server: tokio::task::JoinHandle<()>,
    pub worker: tokio::task::JoinHandle<()>,
    pub reminders: tokio::task::JoinHandle<()>,
}

impl Running {
    pub fn stop(&self) {
        self.server.abort();
        self.worker.abort();
        self.reminders.abort();
    }
}

/// Connects, migrates, starts the mail worker and serves on `config.listen`
/// (port 0 picks a free port).
pub async fn start(config: &Config) -> Result<Running, String> {
    let listener = TcpListener::bind(config.listen)
        .await
        .map_err(|e| format!("listening on {}: {e}", config.listen))?;
    start_on(config, listener).await
}

/// Like [`start`], on a listener the caller bound (tests need the port first,
/// for the base URL).
pub async fn start_on(config: &Config, listener: TcpListener) -> Result<Running, String> {
    let (db, queries) = database::connect_counting(&config.database_url)
        .await
        .map_err(|e| format!("database: {e}"))?;
    database::migrate(&db)
        .await
        .map_err(|e| format!("migrations: {e}"))?;
    let addr = listener.local_addr().map_err(|e| e.to_string())?;
    let state = AppState {
        db: db.clone(),
        settings: Arc::new(config.app.clone()),
        mail_queued: Arc::new(Notify::new()),
        programme: Default::default(),
        floor: Default::default(),
    };
    let transport = mailer::Transport::new(&config.mail).map_err(|e| format!("mail: {e}"))?;
    // The worker has a pool of its own, so the statement count (and a page's
    // query budget) holds only what requests ran.
    let worker_db = database::connect(&config.database_url)
        .await
        .map_err(|e| format!("database: {e}"))?;
    drop(db);
    let reminders = tokio::spawn(
        reminders::Worker {
            db: worker_db.clone(),
            settings: state.settings.clone(),
            programme: state.programme.clone(),
            wake_mail: state.mail_queued.clone(),
        }
        .run(),
    );
    let worker = mailer::Worker {
        db: worker_db,
        transport,
        from: config.mail_from.clone(),
        lease: config.mail_lease,
        wake: state.mail_queued.clone(),
    };
    let worker = tokio::spawn(worker.run());
    let options = web::leptos_options(&config.site_root, addr);
    let router = web::router(state.clone(), options);
    let server = tokio::spawn(async move {
        let service = router.into_make_service_with_connect_info::<SocketAddr>();
        if let Err(e) = axum::serve(listener, service).await {
            tracing::error!(error = %e, "server stopped");
        }
    });
    Ok(Running {
        addr,
        state,
        queries,
        server,
        worker,
        reminders,
    })
}
