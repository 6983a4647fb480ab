//! The latest release of each edition and its built exports, kept in
//! memory. A request costs no database work while its edition was looked at
//! less than [`RECHECK`] ago; after that, one small query finds whether a
//! newer release exists. Publishing forgets the edition at once, so this
//! process serves a new release from its first request; other processes
//! (several servers on one database) catch up within [`RECHECK`]. Bodies are
//! built once per release and kind, plain and gzip-compressed, and answer to
//! an ETag naming the release, so a matching `If-None-Match` costs nothing.

use super::{Kind, Released};
use crate::context::AppSettings;
use crate::db::{forum, programme_release};
use crate::error::AppError;
use axum::body::Bytes;
use sea_orm::{entity::prelude::*, ConnectionTrait, QueryOrder, QuerySelect};
use std::collections::HashMap;
use std::io::Write;
use std::sync::{Arc, RwLock};
use std::time::{Duration, Instant};

/// How long a look at an edition's latest release stays good.
pub const RECHECK: Duration = Duration::from_secs(2);
/// Built bodies kept at most (then the cache starts afresh).
const MAX_BODIES: usize = 20_000;

/// An export ready to send.
pub struct Export {
    /// `"<release id>-<kind>"`, quotes included.
    pub etag: String,
    pub plain: Bytes,
    pub gzip: Bytes,
    pub content_type: &'static str,
    pub filename: Option<String>,
}

/// What a request for an export gets.
pub enum Served {
    /// The client's copy is current.
    NotModified(String),
    Body(Arc<Export>),
}

struct Looked {
    at: Instant,
    release: Option<Arc<Released>>,
}

#[derive(Default)]
pub struct ProgrammeCache {
    latest: RwLock<HashMap<String, Looked>>,
    bodies: RwLock<HashMap<(String, String), Arc<Export>>>,
}

/// Whether an `If-None-Match` value names `etag` (or is `*`).
pub fn matches(if_none_match: &str, etag: &str) -> bool {
    if_none_match
        .split(',')
        .map(str::trim)
        .any(|tag| tag == "*" || tag.strip_prefix("W/").unwrap_or(tag) == etag)
}

fn gzip(data: &[u8]) -> Vec<u8> {
    let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    let _ = e.write_all(data);
    e.finish().unwrap_or_default()
}

impl ProgrammeCache {
    /// The latest release of the edition `code`; none before the first.
    /// An unknown edition is not found.
    pub async fn released(
        &self,
        db: &impl ConnectionTrait,
        settings: &AppSettings,
        code: &str,
    ) -> Result<Option<Arc<Released>>, AppError> {
        let code = code.trim().to_lowercase();
        if let Ok(latest) = self.latest.read() {
            if let Some(l) = latest.get(&code).filter(|l| l.at.elapsed() < RECHECK) {
                return Ok(l.release.clone());
            }
        }
        let f = forum::Entity::find()
            .filter(forum::Column::Code.eq(code.as_str()))
            .one(db)
            .await?
            .ok_or(AppError::NotFound)?;
        let newest: Option<Uuid> = programme_release::Entity::find()
            .select_only()
            .column(programme_release::Column::Id)
            .filter(programme_release::Column::ForumId.eq(f.id))
            .order_by_desc(programme_release::Column::Number)
            .into_tuple()
            .one(db)
            .await?;
        let known = self
            .latest
            .read()
            .ok()
            .and_then(|l| l.get(&code).and_then(|l| l.release.clone()))
            .filter(|r| Some(r.release_id) == newest);
        let release = match (known, newest) {
            (Some(r), _) => Some(r),
            (None, None) => None,
            (None, Some(id)) => match programme_release::Entity::find_by_id(id).one(db).await? {
                Some(row) => Some(Arc::new(
                    Released {
                        release_id: row.id,
                        number: row.number,
                        published_at: row.published_at,
                        forum_code: f.code.clone(),
                        forum_name: f.name.clone(),
                        time_zone: f.time_zone.clone(),
                        base_url: settings.base_url.trim_end_matches('/').to_string(),
                        snapshot: serde_json::from_str(&row.snapshot).unwrap_or_default(),
                    }
                    .numbered(),
                )),
                None => None,
            },
        };
        if let Ok(mut latest) = self.latest.write() {
            latest.insert(
                code,
                Looked {
                    at: Instant::now(),
                    release: release.clone(),
                },
            );
        }
        Ok(release)
    }

    /// Forgets what is known of the edition (it has a new release).
    pub fn forget(&self, code: &str) {
        if let Ok(mut latest) = self.latest.write() {
            latest.remove(&code.trim().to_lowercase());
        }
    }

    /// The export `kind` of the edition's latest release: not found for an
    /// unknown edition, before the first release, or for a session, day or
    /// person the release does not have.
    pub async fn export(
        &self,
        db: &impl ConnectionTrait,
        settings: &AppSettings,
        code: &str,
        kind: &Kind,
        if_none_match: Option<&str>,
    ) -> Result<Served, AppError> {
        let r = self
            .released(db, settings, code)
            .await?
            .ok_or(AppError::NotFound)?;
        let key = kind.key();
        let etag = format!("\"{}-{key}\"", r.release_id.simple());
        let cache_key = (r.forum_code.clone(), key);
        if if_none_match.is_some_and(|v| matches(v, &etag)) && kind.exists(&r) {
            return Ok(Served::NotModified(etag));
        }
        let cached = self
            .bodies
            .read()
            .ok()
            .and_then(|b| b.get(&cache_key).cloned())
            .filter(|e| e.etag == etag);
        if let Some(e) = cached {
            return Ok(Served::Body(e));
        }
        let body = kind.build(&r).ok_or(AppError::NotFound)?;
        let plain = body.text.into_bytes();
        let export = Arc::new(Export {
            etag,
            gzip: Bytes::from(gzip(&plain)),
            plain: Bytes::from(plain),
            content_type: body.content_type,
            filename: body.filename,
        });
        if let Ok(mut bodies) = self.bodies.write() {
            if bodies.len() >= MAX_BODIES {
                bodies.clear();
            }
            bodies.insert(cache_key, export.clone());
        }
        Ok(Served::Body(export))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn if_none_match_takes_lists_weak_tags_and_star() {
        let tag = "\"abc-schedule.xml\"";
        assert!(matches(tag, tag));
        assert!(matches("\"x\", W/\"abc-schedule.xml\"", tag));
        assert!(matches("*", tag));
        assert!(!matches("\"abc-schedule.ics\"", tag));
        assert!(!matches("abc-schedule.xml", tag));
    }
}
