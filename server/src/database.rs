//! Connecting to SQLite or PostgreSQL, and migrating.

use migration::{Migrator, MigratorTrait};
use sea_orm::{
    ConnectOptions, ConnectionTrait, Database, DatabaseConnection, DbErr, TransactionTrait,
};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::Duration;

/// Connects and counts every statement the connection runs: tests hold pages
/// to a query budget with it.
pub async fn connect_counting(url: &str) -> Result<(DatabaseConnection, Arc<AtomicU64>), DbErr> {
    let mut db = connect(url).await?;
    let counter = Arc::new(AtomicU64::new(0));
    let count = counter.clone();
    db.set_metric_callback(move |_| {
        count.fetch_add(1, Ordering::Relaxed);
    });
    Ok((db, counter))
}

pub async fn connect(url: &str) -> Result<DatabaseConnection, DbErr> {
    if let Some(path) = sqlite_path(url) {
        if let Some(dir) = std::path::Path::new(&path).parent() {
            if !dir.as_os_str().is_empty() {
                std::fs::create_dir_all(dir)
                    .map_err(|e| DbErr::Custom(format!("creating {}: {e}", dir.display())))?;
            }
        }
    }
    let mut options = ConnectOptions::new(url.to_string());
    options
        .max_connections(if url.starts_with("sqlite:") { 8 } else { 16 })
        .acquire_timeout(Duration::from_secs(10))
        .sqlx_logging(false)
        // Each SQLite connection keeps its own page cache (2 MB by default):
        // reading the file through a shared memory map, with 16 MB of cache
        // each, saves copying the pages of a large edition on every page.
        .map_sqlx_sqlite_opts(|o| {
            o.pragma("mmap_size", "268435456")
                .pragma("cache_size", "-16384")
        });
    let db = Database::connect(options).await?;
    if url.starts_with("sqlite:") {
        // WAL lets readers go on while one writer writes.
        db.execute_unprepared("PRAGMA journal_mode=WAL").await?;
    }
    Ok(db)
}

/// Applies the migrations, then computes what a migration added but left to
/// the application (the people's facts of proposals written before it).
pub async fn migrate(db: &DatabaseConnection) -> Result<(), DbErr> {
    Migrator::up(db, None).await?;
    let txn = db.begin().await?;
    app::review::people_facts::fill_missing(&txn)
        .await
        .map_err(|e| DbErr::Custom(format!("filling the proposals' people facts: {e}")))?;
    txn.commit().await
}

/// The file of a `sqlite://path?...` URL (none for in-memory databases).
fn sqlite_path(url: &str) -> Option<String> {
    let rest = url
        .strip_prefix("sqlite://")
        .or_else(|| url.strip_prefix("sqlite:"))?;
    let path = rest.split('?').next()?;
    (!path.is_empty() && path != ":memory:").then(|| path.to_string())
}

#[cfg(test)]
mod tests {
    #[test]
    fn finds_the_sqlite_file() {
        assert_eq!(
            super::sqlite_path("sqlite://data/plenum.db?mode=rwc").as_deref(),
            Some("data/plenum.db")
        );
        assert_eq!(super::sqlite_path("sqlite::memory:"), None);
        assert_eq!(super::sqlite_path("postgres://x/y"), None);
    }
}
