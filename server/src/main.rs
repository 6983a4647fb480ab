//! `plenum`: serve, migrate, create-admin, demo, import-frab. `plenum --help` lists every
//! subcommand and setting.

use clap::Parser;
use server::config::{Cli, Command, Config};
use std::io::{IsTerminal, Read};
use std::process::ExitCode;

fn init_tracing(filter: &str, format: &str) {
    let filter = tracing_subscriber::EnvFilter::try_new(filter)
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info"));
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_target(false);
    if format == "json" {
        builder.json().init();
    } else {
        builder.init();
    }
}

fn generated_password() -> String {
    app::accounts::sessions::new_secret()
        .chars()
        .take(20)
        .collect()
}

#[tokio::main]
async fn main() -> ExitCode {
    let cli = Cli::parse();
    let config = match cli.settings.check() {
        Ok(c) => c,
        Err(e) => {
            eprintln!("plenum: {e}");
            return ExitCode::from(2);
        }
    };
    init_tracing(&cli.settings.log, &cli.settings.log_format);
    let result = match cli.command.unwrap_or(Command::Serve) {
        Command::Serve => serve(&config).await,
        Command::Migrate => migrate(&config).await,
        Command::CreateAdmin { email, name } => create_admin(&config, &email, &name).await,
        Command::Demo { size, password } => demo(&config, size, password).await,
        Command::SolveBench(b) => solve_bench(b),
        Command::BenchParticipants {
            forum,
            count,
            sessions,
            seats,
            prefix,
            out,
        } => bench_participants(&config, &forum, count, sessions, seats, &prefix, &out).await,
        Command::ImportFrab { file, code, name } => {
            import_frab(&config, &file, &code, name.as_deref()).await
        }
        Command::Remind { at } => remind(&config, at.as_deref()).await,
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("plenum: {e}");
            ExitCode::FAILURE
        }
    }
}

async fn connect(config: &Config) -> Result<sea_orm::DatabaseConnection, String> {
    let db = server::database::connect(&config.database_url)
        .await
        .map_err(|e| format!("database: {e}"))?;
    server::database::migrate(&db)
        .await
        .map_err(|e| format!("migrations: {e}"))?;
    Ok(db)
}

async fn remind(config: &Config, at: Option<&str>) -> Result<(), String> {
    let at = match at {
        None => chrono::Utc::now(),
        Some(t) => chrono::DateTime::parse_from_rfc3339(t)
            .map_err(|e| format!("--at {t}: {e} (RFC 3339, e.g. 2027-06-22T08:30:00Z)"))?
            .with_timezone(&chrono::Utc),
    };
    let db = connect(config).await?;
    let sent = app::reminders::service::send_due(&db, &config.app, &Default::default(), at)
        .await
        .map_err(|e| e.to_string())?;
    println!(
        "Queued {} session reminders and {} digests due at {}.",
        sent.sessions,
        sent.digests,
        at.to_rfc3339()
    );
    Ok(())
}

async fn migrate(config: &Config) -> Result<(), String> {
    connect(config).await?;
    println!("Migrations applied.");
    Ok(())
}

async fn create_admin(config: &Config, email: &str, name: &str) -> Result<(), String> {
    let db = connect(config).await?;
    let mut typed = String::new();
    if !std::io::stdin().is_terminal() {
        std::io::stdin()
            .read_to_string(&mut typed)
            .map_err(|e| e.to_string())?;
    }
    let typed = typed.trim_end_matches(['\n', '\r']).to_string();
    let (password, generated) = if typed.is_empty() {
        (generated_password(), true)
    } else {
        (typed, false)
    };
    let created = app::accounts::service::create_admin(&db, email, name, &password)
        .await
        .map_err(|e| match e {
            app::error::AppError::Invalid { fields, .. } => fields
                .iter()
                .map(|f| {
                    format!(
                        "{}: {}",
                        f.field,
                        app::i18n::translate(app::i18n::Locale::En, &f.message)
                    )
                })
                .collect::<Vec<_>>()
                .join("; "),
            other => other.to_string(),
        })?;
    println!(
        "{} administrator {email}.",
        if created { "Created" } else { "Updated" }
    );
    if generated {
        println!("Password (shown once): {password}");
    }
    Ok(())
}

fn solve_bench(b: server::config::SolveBench) -> Result<(), String> {
    let report = solver::bench::run(&solver::bench::BenchArgs {
        sessions: b.sessions,
        rooms: b.rooms,
        days: b.days,
        slots_per_day: b.slots_per_day,
        seed: b.seed,
        time_limit_ms: b.time_limit_ms,
        export: b.export,
    })
    .map_err(|e| format!("writing the instance: {e}"))?;
    println!("{report}");
    Ok(())
}

async fn bench_participants(
    config: &Config,
    forum: &str,
    count: usize,
    sessions: usize,
    seats: i32,
    prefix: &str,
    out: &std::path::Path,
) -> Result<(), String> {
    use server::demo::participants;
    let db = connect(config).await?;
    let people = participants::seed(&db, forum, prefix, count, "approved").await?;
    let chosen = participants::released_sessions(&db, forum, sessions).await?;
    let ids: Vec<uuid::Uuid> = chosen.iter().map(|(id, _)| *id).collect();
    participants::limit_seats(&db, forum, &ids, seats).await?;
    std::fs::create_dir_all(out).map_err(|e| format!("{}: {e}", out.display()))?;
    let write = |name: &str, lines: Vec<String>| {
        let path = out.join(name);
        std::fs::write(&path, lines.join("\n") + "\n")
            .map_err(|e| format!("{}: {e}", path.display()))
    };
    write(
        "cookies.txt",
        people.into_iter().map(|p| p.cookie).collect(),
    )?;
    write(
        "sessions.txt",
        chosen.into_iter().map(|(_, key)| key).collect(),
    )?;
    println!(
        "{count} participants in `{forum}`; {} sessions with {seats} seats; written to {}",
        ids.len(),
        out.display()
    );
    Ok(())
}

async fn demo(
    config: &Config,
    size: server::config::DemoSize,
    password: Option<String>,
) -> Result<(), String> {
    let db = connect(config).await?;
    let password = password.unwrap_or_else(generated_password);
    if server::demo::seed_all(&db, size, &password).await? {
        println!(
            "Demo forum editions `demo` (call and review) and `{}` (released programme) created. Their people (password shown once: {password}):",
            server::demo::PROGRAMME_CODE
        );
        for (email, _, role) in server::demo::PEOPLE {
            println!("  {email}  {}", role.unwrap_or("participant"));
        }
    } else {
        println!("Demo forum edition `demo` already exists; nothing changed.");
    }
    Ok(())
}

/// Imports a Frab schedule into a new edition; on a bad file, every problem
/// and nothing stored.
async fn import_frab(
    config: &Config,
    file: &std::path::Path,
    code: &str,
    name: Option<&str>,
) -> Result<(), String> {
    use app::i18n::{translate, Locale};
    use app::programme::frab_import;
    let mut bytes = vec![];
    std::fs::File::open(file)
        .and_then(|f| {
            f.take(frab_import::MAX_BYTES as u64 + 1)
                .read_to_end(&mut bytes)
        })
        .map_err(|e| format!("{}: {e}", file.display()))?;
    let schedule = frab_import::parse_bytes(&bytes).map_err(|problems| {
        let mut text = translate(Locale::En, "import.refused");
        for p in problems {
            text.push_str("\n  - ");
            text.push_str(&p.message(Locale::En));
        }
        text
    })?;
    let db = connect(config).await?;
    let summary = frab_import::import(&db, &schedule, code, name, None)
        .await
        .map_err(|e| match e {
            app::error::AppError::Invalid { fields, form } => fields
                .iter()
                .map(|f| format!("{}: {}", f.field, translate(Locale::En, &f.message)))
                .chain(form.map(|key| translate(Locale::En, &key)))
                .collect::<Vec<_>>()
                .join("; "),
            other => format!("{}: {other}", translate(Locale::En, "import.refused")),
        })?;
    println!("{}", summary.message(Locale::En));
    Ok(())
}

async fn serve(config: &Config) -> Result<(), String> {
    let running = server::start(config).await?;
    let db = &running.state.db;
    if !app::accounts::service::admin_exists(db)
        .await
        .map_err(|e| e.to_string())?
    {
        let password = generated_password();
        app::accounts::service::create_admin(db, &config.admin_email, "Administrator", &password)
            .await
            .map_err(|e| format!("creating the first administrator: {e}"))?;
        println!();
        println!("First start: an administrator account was created.");
        println!("  Sign in at {}/account/sign-in", config.app.base_url);
        println!("  Email:    {}", config.admin_email);
        println!("  Password: {password}   (shown once; change it under your profile)");
        println!();
    }
    let mail = match &config.mail {
        server::config::MailTarget::Smtp(_) => "SMTP".to_string(),
        server::config::MailTarget::Files(dir) => format!("files in {}", dir.display()),
    };
    tracing::info!(address = %running.addr, mail = %mail, "Plenum is serving at {}", config.app.base_url);
    println!(
        "Plenum is serving at http://{} (mail: {mail}). Stop with Ctrl-C.",
        running.addr
    );
    let _ = tokio::signal::ctrl_c().await;
    running.stop();
    Ok(())
}
