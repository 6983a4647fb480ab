//! What a server function knows about the request it serves (server only):
//! the shared application state, the signed-in person, the client's address and
//! the chosen language. The server's middleware puts these into the request's
//! extensions; server functions and pages read them through [`RequestCtx`].

use crate::accounts::Viewer;
use crate::error::AppError;
use crate::i18n::Locale;
use leptos::prelude::*;
use sea_orm::DatabaseConnection;
use std::sync::Arc;
use std::time::Duration;
use uuid::Uuid;

/// Settings the application rules need (the server crate parses and checks them).
#[derive(Clone, Debug)]
pub struct AppSettings {
    /// Public address of the site, used in links in mail (no trailing slash).
    pub base_url: String,
    /// Sessions end after this long without a request.
    pub session_idle: Duration,
    /// Sign-in throttling: failures counted in this window...
    pub throttle_window: Duration,
    /// ...slow sign-in down from this many failures...
    pub throttle_slow_after: u64,
    /// ...and lock it (for the rest of the window) from this many.
    pub throttle_lock_after: u64,
    /// Delay added to each attempt once slowed down.
    pub throttle_delay: Duration,
}

impl AppSettings {
    pub fn secure_cookies(&self) -> bool {
        self.base_url.starts_with("https://")
    }

    /// An absolute link to a path of the site.
    pub fn link(&self, path_and_query: &str) -> String {
        format!("{}{}", self.base_url, path_and_query)
    }
}

impl Default for AppSettings {
    fn default() -> Self {
        Self {
            base_url: "http://127.0.0.1:3000".into(),
            session_idle: Duration::from_secs(12 * 3600),
            throttle_window: Duration::from_secs(15 * 60),
            throttle_slow_after: 5,
            throttle_lock_after: 10,
            throttle_delay: Duration::from_millis(1000),
        }
    }
}

/// Shared state: handed to every server function and page through context.
#[derive(Clone)]
pub struct AppState {
    pub db: DatabaseConnection,
    pub settings: Arc<AppSettings>,
    /// Woken when a mail is queued, so the delivery worker need not poll hard.
    pub mail_queued: Arc<tokio::sync::Notify>,
    /// The latest release of each edition and its exports, built once.
    pub programme: Arc<crate::programme::exports::cache::ProgrammeCache>,
    /// Tells open floor pages that a session's queue changed.
    pub floor: Arc<crate::floor::hub::FloorHub>,
}

/// The signed-in person behind a request, as the session middleware found them.
#[derive(Clone, Debug)]
pub struct SignedIn {
    pub session_id: String,
    pub viewer: Viewer,
    /// The interface language saved in the profile.
    pub language: Option<Locale>,
}

impl SignedIn {
    pub fn user_id(&self) -> Uuid {
        self.viewer.id
    }
}

/// The client's address, for throttling and the audit log.
#[derive(Clone, Debug, Default)]
pub struct ClientAddr(pub String);

/// Everything a server function needs about its request.
pub struct RequestCtx {
    pub state: AppState,
    pub signed_in: Option<SignedIn>,
    pub client_addr: String,
    pub locale: Locale,
}

impl RequestCtx {
    pub fn current() -> Result<Self, AppError> {
        let state = use_context::<AppState>().ok_or_else(|| {
            tracing::error!("AppState missing from context");
            AppError::Internal
        })?;
        let parts = use_context::<http::request::Parts>().ok_or(AppError::Internal)?;
        Ok(Self::from_parts(state, &parts))
    }

    /// The context of a request handled outside Leptos (downloads).
    pub fn from_parts(state: AppState, parts: &http::request::Parts) -> Self {
        Self {
            state,
            signed_in: parts.extensions.get::<SignedIn>().cloned(),
            client_addr: parts
                .extensions
                .get::<ClientAddr>()
                .map(|a| a.0.clone())
                .unwrap_or_default(),
            locale: parts
                .extensions
                .get::<Locale>()
                .copied()
                .unwrap_or_default(),
        }
    }

    pub fn db(&self) -> &DatabaseConnection {
        &self.state.db
    }

    pub fn settings(&self) -> &AppSettings {
        &self.state.settings
    }

    /// The signed-in person, or `Unauthorized`.
    pub fn require_signed_in(&self) -> Result<&SignedIn, AppError> {
        self.signed_in.as_ref().ok_or(AppError::Unauthorized)
    }

    /// A platform administrator, or `Unauthorized` / `Forbidden`.
    pub fn require_admin(&self) -> Result<&SignedIn, AppError> {
        let me = self.require_signed_in()?;
        if me.viewer.is_admin {
            Ok(me)
        } else {
            Err(AppError::Forbidden)
        }
    }

    /// An organiser of the forum edition with this code, or an administrator.
    pub fn require_organiser(&self, forum_code: &str) -> Result<&SignedIn, AppError> {
        let me = self.require_signed_in()?;
        if me.viewer.is_admin
            || me
                .viewer
                .has_role(forum_code, crate::accounts::ForumRoleKind::Organiser)
        {
            Ok(me)
        } else {
            Err(AppError::Forbidden)
        }
    }

    pub fn actor_id(&self) -> Option<Uuid> {
        self.signed_in.as_ref().map(|s| s.user_id())
    }
}
