//! The public programme's pages as anonymous visitors see them, kept
//! rendered. Thousands of participants open the same day grid; rendering it
//! for each costs far more than sending it. A page is kept per release,
//! address, language, remembered time zone and the moment it depends on (the
//! venue's date, which picks the default day; the minute, for "now and
//! next"), plain and gzip-compressed, for at most [`FRESH`], so that what is
//! not part of a release (an edition's name) shows within that time too.
//!
//! Signed-in visitors (their stars differ), answers that set a cookie, and
//! anything but a 200 are never kept. A request with `Cache-Control:
//! no-cache` (a browser's hard reload) is rendered afresh.

use crate::web::{cookie, Web};
use app::accounts::sessions;
use app::context::SignedIn;
use app::i18n::Locale;
use app::programme::programme_page::ZONE_COOKIE;
use axum::body::{to_bytes, Body, Bytes};
use axum::extract::{Request, State};
use axum::http::{header, HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use chrono::Utc;
use std::collections::HashMap;
use std::io::{Read, Write};
use std::sync::{Arc, RwLock};
use std::time::{Duration, Instant};

/// How long a rendered page is served before it is rendered again.
pub const FRESH: Duration = Duration::from_secs(60);
/// Bytes of pages kept at most (then the cache starts afresh).
const MAX_BYTES: usize = 64 * 1024 * 1024;
/// The largest page kept.
const MAX_PAGE: usize = 4 * 1024 * 1024;

struct Page {
    at: Instant,
    content_type: HeaderValue,
    plain: Bytes,
    gzip: Bytes,
}

#[derive(Default)]
pub struct PageCache {
    pages: RwLock<(HashMap<String, Arc<Page>>, usize)>,
}

/// The edition of a public programme page's address, if it is one.
fn public_page(path: &str) -> Option<&str> {
    let (code, tail) = path.strip_prefix("/forums/")?.split_once('/')?;
    let one_more = |prefix: &str| {
        tail.strip_prefix(prefix)
            .is_some_and(|rest| !rest.is_empty() && !rest.contains('/'))
    };
    let public = matches!(tail, "programme" | "organisations")
        || one_more("session/")
        || one_more("speakers/");
    (public && !code.is_empty()).then_some(code)
}

/// Whether the query asks for "now and next" at the present moment.
fn live(query: &str) -> bool {
    let pairs: Vec<(String, String)> = url::form_urlencoded::parse(query.as_bytes())
        .into_owned()
        .collect();
    pairs.iter().any(|(k, v)| k == "view" && v == "now") && !pairs.iter().any(|(k, _)| k == "at")
}

fn header_has(req: &Request, name: header::HeaderName, part: &str) -> bool {
    req.headers()
        .get_all(name)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .any(|v| v.to_ascii_lowercase().contains(part))
}

fn gzip(data: &[u8]) -> Vec<u8> {
    let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    let _ = e.write_all(data);
    e.finish().unwrap_or_default()
}

fn gunzip(data: &[u8]) -> Option<Vec<u8>> {
    let mut out = vec![];
    flate2::read::GzDecoder::new(data)
        .read_to_end(&mut out)
        .ok()?;
    Some(out)
}

fn send(page: &Page, accepts_gzip: bool) -> Response {
    let mut res = Response::builder()
        .status(StatusCode::OK)
        .header(header::CONTENT_TYPE, page.content_type.clone())
        .header(header::VARY, "accept-encoding, cookie")
        .header(header::CACHE_CONTROL, "no-cache");
    let body = if accepts_gzip {
        res = res.header(header::CONTENT_ENCODING, "gzip");
        page.gzip.clone()
    } else {
        page.plain.clone()
    };
    res.body(Body::from(body))
        .unwrap_or_else(|_| StatusCode::INTERNAL_SERVER_ERROR.into_response())
}

impl PageCache {
    fn get(&self, key: &str) -> Option<Arc<Page>> {
        let pages = self.pages.read().ok()?;
        pages.0.get(key).filter(|p| p.at.elapsed() < FRESH).cloned()
    }

    fn keep(&self, key: String, page: Arc<Page>) {
        let size = page.plain.len() + page.gzip.len();
        if let Ok(mut pages) = self.pages.write() {
            if pages.1 + size > MAX_BYTES {
                *pages = Default::default();
            }
            if let Some(old) = pages.0.insert(key, page) {
                pages.1 -= old.plain.len() + old.gzip.len();
            }
            pages.1 += size;
        }
    }
}

/// Serves a public programme page from the cache, or renders and keeps it.
pub async fn public_pages(State(web): State<Web>, req: Request, next: Next) -> Response {
    let Some(code) = public_page(req.uri().path()).map(str::to_string) else {
        return next.run(req).await;
    };
    let anonymous =
        req.extensions().get::<SignedIn>().is_none() && cookie(&req, sessions::COOKIE).is_none();
    if req.method() != Method::GET || !anonymous {
        return next.run(req).await;
    }
    let state = &web.state;
    let Ok(Some(release)) = state
        .programme
        .released(&state.db, &state.settings, &code)
        .await
    else {
        return next.run(req).await;
    };
    let query = req.uri().query().unwrap_or("");
    let now = Utc::now();
    let moment = if live(query) {
        now.format("%Y-%m-%dT%H:%M").to_string()
    } else {
        release.local(now).date_naive().to_string()
    };
    let key = format!(
        "{}|{}|{}|{}?{query}|{moment}",
        release.release_id.simple(),
        req.extensions()
            .get::<Locale>()
            .copied()
            .unwrap_or_default()
            .code(),
        cookie(&req, ZONE_COOKIE).unwrap_or(""),
        req.uri().path(),
    );
    let accepts_gzip = header_has(&req, header::ACCEPT_ENCODING, "gzip");
    let afresh = header_has(&req, header::CACHE_CONTROL, "no-cache");
    if !afresh {
        if let Some(page) = web.pages.get(&key) {
            return send(&page, accepts_gzip);
        }
    }
    let res = next.run(req).await;
    let keepable =
        res.status() == StatusCode::OK && !res.headers().contains_key(header::SET_COOKIE);
    if !keepable {
        return res;
    }
    let (parts, body) = res.into_parts();
    let Ok(bytes) = to_bytes(body, MAX_PAGE).await else {
        return StatusCode::INTERNAL_SERVER_ERROR.into_response();
    };
    let gzipped = parts
        .headers
        .get(header::CONTENT_ENCODING)
        .is_some_and(|v| v.as_bytes() == b"gzip");
    let (plain, gz) = if gzipped {
        match gunzip(&bytes) {
            Some(plain) => (Bytes::from(plain), bytes),
            None => return Response::from_parts(parts, Body::from(bytes)),
        }
    } else {
        let gz = Bytes::from(gzip(&bytes));
        (bytes, gz)
    };
    let page = Arc::new(Page {
        at: Instant::now(),
        content_type: parts
            .headers
            .get(header::CONTENT_TYPE)
            .cloned()
            .unwrap_or(HeaderValue::from_static("text/html; charset=utf-8")),
        plain,
        gzip: gz,
    });
    web.pages.keep(key, page.clone());
    send(&page, accepts_gzip)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_public_programme_pages_are_kept() {
        assert_eq!(public_page("/forums/igf/programme"), Some("igf"));
        assert_eq!(public_page("/forums/igf/session/WS-12"), Some("igf"));
        assert_eq!(public_page("/forums/igf/speakers/abc"), Some("igf"));
        assert_eq!(public_page("/forums/igf/organisations"), Some("igf"));
        assert_eq!(public_page("/forums/igf/agenda"), None);
        assert_eq!(public_page("/forums/igf/session/"), None);
        assert_eq!(public_page("/forums/igf/session/a/b"), None);
        assert_eq!(public_page("/forums/igf"), None);
        assert_eq!(public_page("/forums//programme"), None);
        assert_eq!(public_page("/account"), None);
    }

    #[test]
    fn now_and_next_is_live_unless_a_moment_is_named() {
        assert!(live("view=now"));
        assert!(live("theme=x&view=now"));
        assert!(!live("view=now&at=2027-05-26T10:00"));
        assert!(!live("view=grid"));
        assert!(!live(""));
    }

    #[test]
    fn the_byte_budget_starts_afresh() {
        let cache = PageCache::default();
        let page = |n: usize| {
            Arc::new(Page {
                at: Instant::now(),
                content_type: HeaderValue::from_static("text/html"),
                plain: Bytes::from(vec![0; n]),
                gzip: Bytes::new(),
            })
        };
        cache.keep("a".into(), page(MAX_BYTES / 2));
        cache.keep("a".into(), page(MAX_BYTES / 2));
        assert!(cache.get("a").is_some(), "replacing frees the old bytes");
        cache.keep("b".into(), page(MAX_BYTES / 2 + 1));
        assert!(cache.get("a").is_none() && cache.get("b").is_some());
    }
}
