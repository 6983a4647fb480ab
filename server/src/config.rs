//! Settings: from `PLENUM_*` environment variables or the matching flags. Every
//! value is checked at start-up; a bad one stops it with a message naming it.

use app::context::AppSettings;
use clap::{Args, Parser, Subcommand, ValueEnum};
use std::net::SocketAddr;
use std::path::PathBuf;
use std::time::Duration;

#[derive(Parser, Debug)]
#[command(
    name = "plenum",
    version,
    about = "Plenum: consultations, calls for proposals, review, programme, registration and remote participation for UN multistakeholder forums.",
    long_about = "Plenum: consultations, calls for proposals, review, programme, registration and remote participation for UN multistakeholder forums.\n\nEvery setting can be given as a flag or as the PLENUM_* environment variable shown with it. With no subcommand, `plenum` serves the site."
)]
pub struct Cli {
    #[command(flatten)]
    pub settings: Settings,
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Subcommand, Debug, Clone)]
pub enum Command {
    /// Serve the site (the default): migrates the database first and delivers mail in the background.
    Serve,
    /// Apply the database migrations, then exit.
    Migrate,
    /// Create a platform administrator, or make an existing account one. The password is read from standard input; with nothing there, one is generated and printed once.
    CreateAdmin {
        /// The administrator's email address.
        #[arg(long)]
        email: String,
        /// The name shown for the administrator.
        #[arg(long, default_value = "Administrator")]
        name: String,
    },
    /// Seed a demo forum edition with the short code `demo` (idempotent).
    Demo {
        /// `small`: 400 proposals in every state; `full`: IGF scale (2,000,
        /// about 1,500 under review with three reviews each);
        /// `bare`: the edition and its call without proposals.
        #[arg(long, value_enum, default_value_t = DemoSize::Small)]
        size: DemoSize,
        /// The demo people's password; generated and printed when not given.
        #[arg(long, env = "PLENUM_DEMO_PASSWORD")]
        password: Option<String>,
    },
    /// Time the scheduling solver on a generated, seeded instance (nothing is
    /// stored): prints the figures and, last, a line of key=value pairs.
    SolveBench(SolveBench),
    /// Benchmark data: adds participants with approved onsite registrations
    /// and a signed-in session each to an edition, and gives some of its
    /// released sessions a seat limit (their sign-ups cleared). Writes
    /// `cookies.txt` (one session cookie per line) and `sessions.txt` (the
    /// sessions' keys) into `out`. Their accounts have no password.
    BenchParticipants {
        /// The edition (its short code).
        #[arg(long, default_value = "demo-wsis")]
        forum: String,
        #[arg(long, default_value_t = 10_000)]
        count: usize,
        /// How many released sessions get the seat limit.
        #[arg(long, default_value_t = 20)]
        sessions: usize,
        #[arg(long, default_value_t = 50)]
        seats: i32,
        /// A prefix for the emails, so runs can add more people.
        #[arg(long, default_value = "p")]
        prefix: String,
        #[arg(long)]
        out: PathBuf,
    },
    /// Import a Frab schedule XML (from pretalx, frab or an earlier Plenum) into a new forum edition: rooms, days, sessions, people, tracks as themes; published as release 1 without mail. An invalid file is refused with the list of what is wrong, and nothing is stored.
    ImportFrab {
        /// The Frab schedule XML file.
        file: PathBuf,
        /// The new edition's short code (lower-case letters, digits and hyphens).
        #[arg(long)]
        code: String,
        /// The edition's name; the conference title when not given.
        #[arg(long)]
        name: Option<String>,
    },
    /// Queue the reminder mails due at an instant (now unless `--at` says
    /// otherwise), as the server does every minute, then exit. Each reminder
    /// leaves once: running it again sends nothing new.
    Remind {
        /// The instant, RFC 3339 (e.g. `2027-06-22T08:30:00Z`).
        #[arg(long)]
        at: Option<String>,
    },
}

/// The scheduling benchmark's instance and time limit.
#[derive(Args, Debug, Clone)]
pub struct SolveBench {
    #[arg(long, default_value_t = 300)]
    pub sessions: usize,
    #[arg(long, default_value_t = 16)]
    pub rooms: usize,
    #[arg(long, default_value_t = 5)]
    pub days: usize,
    #[arg(long, default_value_t = 4)]
    pub slots_per_day: usize,
    #[arg(long, default_value_t = 42)]
    pub seed: u64,
    /// The solver stops after this long (or when overflow reaches its bound).
    #[arg(long, default_value_t = 5000)]
    pub time_limit_ms: u64,
    /// Also write the generated instance as JSON (format: solver/README.md).
    #[arg(long)]
    pub export: Option<PathBuf>,
}

#[derive(ValueEnum, Debug, Clone, Copy, PartialEq, Eq)]
pub enum DemoSize {
    Bare,
    Small,
    Full,
}

#[derive(Args, Debug, Clone)]
pub struct Settings {
    /// Database: `sqlite://path?mode=rwc` (default, a file under data/) or `postgres://user@host/db`.
    #[arg(
        long,
        env = "PLENUM_DATABASE_URL",
        default_value = "sqlite://data/plenum.db?mode=rwc",
        global = true
    )]
    pub database_url: String,
    /// SMTP server for outgoing mail, e.g. `smtp://127.0.0.1:2525` or `smtps://user:pass@host`. Unset: mail is written as .eml files to the outbox directory.
    #[arg(long, env = "PLENUM_SMTP_URL", global = true)]
    pub smtp_url: Option<String>,
    /// Where mail goes as .eml files when no SMTP server is set.
    #[arg(
        long,
        env = "PLENUM_OUTBOX_DIR",
        default_value = "data/outbox",
        global = true
    )]
    pub outbox_dir: PathBuf,
    /// Sender of outgoing mail, e.g. `Plenum <plenum@forum.example>`.
    #[arg(
        long,
        env = "PLENUM_MAIL_FROM",
        default_value = "Plenum <plenum@localhost>",
        global = true
    )]
    pub mail_from: String,
    /// Public address of the site, used in links in mail; https makes cookies Secure.
    #[arg(
        long,
        env = "PLENUM_BASE_URL",
        default_value = "http://127.0.0.1:3000",
        global = true
    )]
    pub base_url: String,
    /// Address and port to listen on.
    #[arg(
        long,
        env = "PLENUM_LISTEN",
        default_value = "127.0.0.1:3000",
        global = true
    )]
    pub listen: String,
    /// Directory of the built site (the wasm, JavaScript and CSS under pkg/).
    #[arg(
        long,
        env = "PLENUM_SITE_ROOT",
        default_value = "target/site",
        global = true
    )]
    pub site_root: PathBuf,
    /// Minutes without a request after which a session ends.
    #[arg(
        long,
        env = "PLENUM_SESSION_IDLE_MINUTES",
        default_value = "720",
        global = true
    )]
    pub session_idle_minutes: String,
    /// Seconds a mail delivery may take before another worker may retry it.
    #[arg(
        long,
        env = "PLENUM_MAIL_LEASE_SECS",
        default_value = "120",
        global = true
    )]
    pub mail_lease_secs: String,
    /// The first administrator's address, created with a generated password on the first start.
    #[arg(
        long,
        env = "PLENUM_ADMIN_EMAIL",
        default_value = "admin@plenum.localhost",
        global = true
    )]
    pub admin_email: String,
    /// Log filter (tracing syntax), e.g. `info` or `plenum=debug,info`.
    #[arg(long, env = "PLENUM_LOG", default_value = "info", global = true)]
    pub log: String,
    /// Log format: `text` or `json`.
    #[arg(long, env = "PLENUM_LOG_FORMAT", default_value = "text", global = true)]
    pub log_format: String,
}

/// Where mail goes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum MailTarget {
    Smtp(String),
    Files(PathBuf),
}

/// Settings after checking.
#[derive(Clone, Debug)]
pub struct Config {
    pub database_url: String,
    pub mail: MailTarget,
    pub mail_from: lettre::message::Mailbox,
    pub listen: SocketAddr,
    pub site_root: PathBuf,
    pub mail_lease: Duration,
    pub admin_email: String,
    pub app: AppSettings,
}

#[derive(Debug, thiserror::Error)]
#[error("invalid setting {name}: {problem}")]
pub struct ConfigError {
    pub name: &'static str,
    pub problem: String,
}

fn bad(name: &'static str, problem: impl Into<String>) -> ConfigError {
    ConfigError {
        name,
        problem: problem.into(),
    }
}

fn positive(name: &'static str, value: &str) -> Result<u64, ConfigError> {
    match value.trim().parse::<u64>() {
        Ok(n) if n > 0 => Ok(n),
        _ => Err(bad(
            name,
            format!("expected a whole number above 0, got {value:?}"),
        )),
    }
}

impl Settings {
    pub fn check(&self) -> Result<Config, ConfigError> {
        let database_url = self.database_url.trim().to_string();
        if !(database_url.starts_with("sqlite:")
            || database_url.starts_with("postgres://")
            || database_url.starts_with("postgresql://"))
        {
            return Err(bad(
                "PLENUM_DATABASE_URL (--database-url)",
                "expected a sqlite:// or postgres:// URL",
            ));
        }
        let mail = match self
            .smtp_url
            .as_deref()
            .map(str::trim)
            .filter(|s| !s.is_empty())
        {
            Some(url) => {
                let parsed = url::Url::parse(url)
                    .map_err(|e| bad("PLENUM_SMTP_URL (--smtp-url)", e.to_string()))?;
                if !matches!(parsed.scheme(), "smtp" | "smtps") || parsed.host_str().is_none() {
                    return Err(bad(
                        "PLENUM_SMTP_URL (--smtp-url)",
                        "expected smtp://host:port or smtps://host:port",
                    ));
                }
                MailTarget::Smtp(url.to_string())
            }
            None => MailTarget::Files(self.outbox_dir.clone()),
        };
        let mail_from = self
            .mail_from
            .parse()
            .map_err(|e: lettre::address::AddressError| {
                bad("PLENUM_MAIL_FROM (--mail-from)", e.to_string())
            })?;
        let base = url::Url::parse(self.base_url.trim())
            .map_err(|e| bad("PLENUM_BASE_URL (--base-url)", e.to_string()))?;
        if !matches!(base.scheme(), "http" | "https") || base.host_str().is_none() {
            return Err(bad(
                "PLENUM_BASE_URL (--base-url)",
                "expected an http:// or https:// address",
            ));
        }
        let listen = self.listen.trim().parse().map_err(|_| {
            bad(
                "PLENUM_LISTEN (--listen)",
                format!(
                    "expected address:port such as 127.0.0.1:3000, got {:?}",
                    self.listen
                ),
            )
        })?;
        let idle = positive(
            "PLENUM_SESSION_IDLE_MINUTES (--session-idle-minutes)",
            &self.session_idle_minutes,
        )?;
        let lease = positive(
            "PLENUM_MAIL_LEASE_SECS (--mail-lease-secs)",
            &self.mail_lease_secs,
        )?;
        app::accounts::domain::EmailAddress::parse(&self.admin_email).map_err(|_| {
            bad(
                "PLENUM_ADMIN_EMAIL (--admin-email)",
                "expected an email address",
            )
        })?;
        Ok(Config {
            database_url,
            mail,
            mail_from,
            listen,
            site_root: self.site_root.clone(),
            mail_lease: Duration::from_secs(lease),
            admin_email: self.admin_email.trim().to_lowercase(),
            app: AppSettings {
                base_url: self.base_url.trim().trim_end_matches('/').to_string(),
                session_idle: Duration::from_secs(idle * 60),
                ..AppSettings::default()
            },
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn settings(args: &[&str]) -> Settings {
        let mut all = vec!["plenum"];
        all.extend_from_slice(args);
        Cli::parse_from(all).settings
    }

    #[test]
    fn defaults_are_valid() {
        let config = settings(&[]).check().expect("defaults");
        assert_eq!(config.listen.port(), 3000);
        assert!(matches!(config.mail, MailTarget::Files(_)));
        assert!(!config.app.secure_cookies());
    }

    #[test]
    fn bad_values_name_the_setting() {
        for (args, name) in [
            (vec!["--database-url", "mysql://x"], "PLENUM_DATABASE_URL"),
            (vec!["--smtp-url", "http://x"], "PLENUM_SMTP_URL"),
            (vec!["--mail-from", "not an address"], "PLENUM_MAIL_FROM"),
            (vec!["--base-url", "ftp://x"], "PLENUM_BASE_URL"),
            (vec!["--listen", "nowhere"], "PLENUM_LISTEN"),
            (
                vec!["--session-idle-minutes", "0"],
                "PLENUM_SESSION_IDLE_MINUTES",
            ),
        ] {
            let err = settings(&args).check().expect_err(name);
            assert!(err.to_string().contains(name), "{err}");
        }
    }

    #[test]
    fn https_base_url_makes_cookies_secure() {
        let config = settings(&["--base-url", "https://plenum.example/"])
            .check()
            .unwrap();
        assert!(config.app.secure_cookies());
        assert_eq!(config.app.base_url, "https://plenum.example");
    }
}
