//! The public programme's exports at their stable addresses, as pretalx users
//! know them: `/{forum}/schedule.xml|.json|.ics`, `/{forum}/sessions.csv`,
//! `/{forum}/session/{code}.ics`, `/{forum}/day/{date}.ics`,
//! `/{forum}/speaker/{guid}.ics`, and the JSON API under `/api/v1/`. The
//! bodies come from the per-release cache (`app::programme::exports::cache`):
//! an ETag naming the release, 304 for a matching `If-None-Match`, gzip when
//! the client takes it.

use crate::web::Web;
use app::error::AppError;
use app::i18n::{translate, Locale};
use app::programme::exports::api_v1::Part;
use app::programme::exports::cache::Served;
use app::programme::exports::Kind;
use axum::extract::{Path, Request, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;

pub fn routes() -> Router<Web> {
    Router::new()
        .route("/{forum}/schedule.xml", get(schedule_xml))
        .route("/{forum}/schedule.json", get(schedule_json))
        .route("/{forum}/schedule.ics", get(schedule_ics))
        .route("/{forum}/sessions.csv", get(sessions_csv))
        .route("/{forum}/session/{file}", get(session_ics))
        .route("/{forum}/day/{file}", get(day_ics))
        .route("/{forum}/speaker/{file}", get(speaker_ics))
        .route("/{forum}/agenda/{file}", get(agenda_feed))
        .route("/api/v1/forums/{forum}", get(api_forum))
        .route("/api/v1/forums/{forum}/{part}", get(api_part))
}

async fn schedule_xml(web: State<Web>, Path(forum): Path<String>, req: Request) -> Response {
    serve(&web, &forum, Some(Kind::ScheduleXml), Ask::of(&req)).await
}

async fn schedule_json(web: State<Web>, Path(forum): Path<String>, req: Request) -> Response {
    serve(&web, &forum, Some(Kind::ScheduleJson), Ask::of(&req)).await
}

async fn schedule_ics(web: State<Web>, Path(forum): Path<String>, req: Request) -> Response {
    serve(&web, &forum, Some(Kind::ScheduleIcs), Ask::of(&req)).await
}

async fn sessions_csv(web: State<Web>, Path(forum): Path<String>, req: Request) -> Response {
    serve(&web, &forum, Some(Kind::SessionsCsv), Ask::of(&req)).await
}

/// The part of `file` before `.ics` (the router cannot match a suffix).
fn ics_name(file: &str) -> Option<&str> {
    file.strip_suffix(".ics").filter(|n| !n.is_empty())
}

async fn session_ics(
    web: State<Web>,
    Path((forum, file)): Path<(String, String)>,
    req: Request,
) -> Response {
    let kind = ics_name(&file).map(|k| Kind::SessionIcs(k.to_string()));
    serve(&web, &forum, kind, Ask::of(&req)).await
}

async fn day_ics(
    web: State<Web>,
    Path((forum, file)): Path<(String, String)>,
    req: Request,
) -> Response {
    let kind = ics_name(&file)
        .and_then(|d| chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d").ok())
        .map(|d| Kind::DayIcs(d.to_string()));
    serve(&web, &forum, kind, Ask::of(&req)).await
}

async fn speaker_ics(
    web: State<Web>,
    Path((forum, file)): Path<(String, String)>,
    req: Request,
) -> Response {
    let kind = ics_name(&file)
        .and_then(|g| uuid::Uuid::parse_str(g).ok())
        .map(Kind::SpeakerIcs);
    serve(&web, &forum, kind, Ask::of(&req)).await
}

/// A person's agenda feed: never cached, never shared (`private, no-store`).
async fn agenda_feed(
    State(web): State<Web>,
    Path((forum, file)): Path<(String, String)>,
    req: Request,
) -> Response {
    let ask = Ask::of(&req);
    let Some(token) = ics_name(&file) else {
        return failure(ask.locale, AppError::NotFound);
    };
    let s = &web.state;
    match app::agenda::service::feed(&s.db, &s.programme, &s.settings, &forum, token).await {
        Ok(ics) => (
            [
                (header::CONTENT_TYPE, "text/calendar; charset=utf-8"),
                (header::CACHE_CONTROL, "private, no-store"),
            ],
            ics,
        )
            .into_response(),
        Err(e) => failure(ask.locale, e),
    }
}

async fn api_forum(web: State<Web>, Path(forum): Path<String>, req: Request) -> Response {
    serve(&web, &forum, Some(Kind::Api(Part::Forum)), Ask::of(&req)).await
}

async fn api_part(
    web: State<Web>,
    Path((forum, part)): Path<(String, String)>,
    req: Request,
) -> Response {
    serve(
        &web,
        &forum,
        Part::from_segment(&part).map(Kind::Api),
        Ask::of(&req),
    )
    .await
}

/// What the request says that shapes the answer (taken out of it, so the
/// answer's future holds no borrow of the request).
struct Ask {
    locale: Locale,
    if_none_match: Option<String>,
    gzip: bool,
}

impl Ask {
    fn of(req: &Request) -> Ask {
        Ask {
            locale: req
                .extensions()
                .get::<Locale>()
                .copied()
                .unwrap_or_default(),
            if_none_match: req
                .headers()
                .get(header::IF_NONE_MATCH)
                .and_then(|v| v.to_str().ok())
                .map(str::to_string),
            gzip: accepts_gzip(req),
        }
    }
}

fn accepts_gzip(req: &Request) -> bool {
    req.headers()
        .get_all(header::ACCEPT_ENCODING)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .any(|coding| {
            let mut parts = coding.split(';').map(str::trim);
            parts.next() == Some("gzip") && !parts.any(|q| q == "q=0" || q == "q=0.0")
        })
}

const CACHE_CONTROL: &str = "public, no-cache";

/// Answers with the export `kind` of the edition `forum` (none: the address
/// names nothing exportable).
async fn serve(web: &Web, forum: &str, kind: Option<Kind>, ask: Ask) -> Response {
    let locale = ask.locale;
    let Some(kind) = kind else {
        return failure(locale, AppError::NotFound);
    };
    let state = &web.state;
    let served = state
        .programme
        .export(
            &state.db,
            &state.settings,
            forum,
            &kind,
            ask.if_none_match.as_deref(),
        )
        .await;
    let export = match served {
        Ok(Served::Body(e)) => e,
        Ok(Served::NotModified(etag)) => {
            let mut res = StatusCode::NOT_MODIFIED.into_response();
            let h = res.headers_mut();
            if let Ok(v) = HeaderValue::from_str(&etag) {
                h.insert(header::ETAG, v);
            }
            h.insert(
                header::CACHE_CONTROL,
                HeaderValue::from_static(CACHE_CONTROL),
            );
            h.insert(header::VARY, HeaderValue::from_static("accept-encoding"));
            return res;
        }
        Err(e) => return failure(locale, e),
    };
    let gzip = ask.gzip;
    let body = if gzip {
        export.gzip.clone()
    } else {
        export.plain.clone()
    };
    let mut res = body.into_response();
    let h = res.headers_mut();
    h.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static(export.content_type),
    );
    if let Ok(v) = HeaderValue::from_str(&export.etag) {
        h.insert(header::ETAG, v);
    }
    h.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static(CACHE_CONTROL),
    );
    h.insert(header::VARY, HeaderValue::from_static("accept-encoding"));
    h.insert(
        header::ACCESS_CONTROL_ALLOW_ORIGIN,
        HeaderValue::from_static("*"),
    );
    if gzip {
        h.insert(header::CONTENT_ENCODING, HeaderValue::from_static("gzip"));
    }
    if let Some(name) = &export.filename {
        if let Ok(v) = HeaderValue::from_str(&format!("inline; filename=\"{name}\"")) {
            h.insert(header::CONTENT_DISPOSITION, v);
        }
    }
    res
}

fn failure(locale: Locale, e: AppError) -> Response {
    let status = StatusCode::from_u16(e.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    let key = if status == StatusCode::NOT_FOUND {
        "export.not-found"
    } else {
        e.message_key()
    };
    (
        status,
        [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
        translate(locale, key),
    )
        .into_response()
}
