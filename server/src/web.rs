//! The HTTP side: routes, and the middleware every request passes through
//! (request id and tracing, CSRF, session, language), plus the bridge that lets
//! plain HTML forms post to server functions without JavaScript.

use app::accounts::sessions;
use app::context::{AppState, ClientAddr, SignedIn};
use app::error::AppError;
use app::i18n::{translate, Locale, LANG_COOKIE};
use app::ui::forms::{is_secret_field, SubmittedForm};
use axum::body::{to_bytes, Body};
use axum::extract::{ConnectInfo, Request, State};
use axum::http::{header, HeaderValue, Method, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::Router;
use leptos::config::LeptosOptions;
use leptos::prelude::*;
use sea_orm::ConnectionTrait;
use std::net::SocketAddr;
use std::path::PathBuf;
use tower_http::compression::predicate::{DefaultPredicate, NotForContentType, Predicate};
use tower_http::compression::{CompressionLayer, CompressionLevel};
use tower_http::request_id::{
    MakeRequestUuid, PropagateRequestIdLayer, RequestId, SetRequestIdLayer,
};
use tower_http::services::ServeDir;
use tower_http::set_header::SetResponseHeaderLayer;
use tower_http::trace::TraceLayer;

/// Largest request body accepted (forms; uploads come with their own limits).
const BODY_LIMIT: usize = 1024 * 1024;

#[derive(Clone)]
pub struct Web {
    pub state: AppState,
    pub options: LeptosOptions,
    /// The public programme's pages as anonymous visitors see them.
    pub pages: std::sync::Arc<crate::page_cache::PageCache>,
}

impl Web {
    fn context(&self) -> impl Fn() + Clone + Send + Sync + 'static {
        let state = self.state.clone();
        move || provide_context(state.clone())
    }
}

pub fn leptos_options(site_root: &std::path::Path, listen: SocketAddr) -> LeptosOptions {
    LeptosOptions::builder()
        .output_name("plenum")
        .site_root(site_root.to_string_lossy().to_string())
        .site_pkg_dir("pkg")
        .site_addr(listen)
        .build()
}

pub fn router(state: AppState, options: LeptosOptions) -> Router {
    // Leptos renders async work on the tokio runtime (a second call is a no-op).
    let _ = any_spawner::Executor::init_tokio();
    let web = Web {
        state,
        options,
        pages: Default::default(),
    };
    let pkg: PathBuf =
        PathBuf::from(web.options.site_root.as_ref()).join(web.options.site_pkg_dir.as_ref());
    let site = PathBuf::from(web.options.site_root.as_ref());
    Router::new()
        .route("/healthz", get(healthz))
        .route("/api/{*fn_name}", post(server_fn))
        .route("/forums/{forum}/proposals.csv", get(proposals_csv))
        .route("/forums/{forum}/registrations.csv", get(registrations_csv))
        .route("/forums/{forum}/figures/{file}", get(figures_csv))
        .merge(crate::exports::routes())
        .merge(crate::frab_upload::routes())
        .merge(crate::consultation_routes::routes())
        .merge(crate::floor_events::routes())
        .merge(crate::certificate_pdf::routes())
        .merge(crate::account_data::routes())
        .nest_service("/pkg", ServeDir::new(pkg))
        .route_service("/favicon.svg", tower_http::services::ServeFile::new(site.join("favicon.svg")))
        .fallback(page)
        // Pages, scripts and styles gzip-compressed on the way out, quickly
        // (the exports come compressed from their cache; the wasm module is
        // left as it is: compressing it on every load costs more than it saves
        // on loopback and local networks).
        .layer(
            CompressionLayer::new()
                .quality(CompressionLevel::Fastest)
                .compress_when(DefaultPredicate::new()
                    .and(NotForContentType::new("application/wasm"))
                    // Live events go out as they happen, never held back.
                    .and(NotForContentType::new("text/event-stream"))),
        )
        .layer(middleware::from_fn_with_state(web.clone(), crate::page_cache::public_pages))
        .layer(middleware::from_fn_with_state(web.clone(), session_and_language))
        .layer(middleware::from_fn_with_state(web.clone(), csrf))
        .layer(axum::extract::DefaultBodyLimit::max(BODY_LIMIT))
        .layer(SetResponseHeaderLayer::if_not_present(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff")))
        .layer(SetResponseHeaderLayer::if_not_present(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY")))
        .layer(SetResponseHeaderLayer::if_not_present(header::REFERRER_POLICY, HeaderValue::from_static("same-origin")))
        .layer(PropagateRequestIdLayer::x_request_id())
        .layer(
            // The span has the method and the path only: queries carry tokens,
            // headers carry cookies, and neither belongs in a log.
            TraceLayer::new_for_http().make_span_with(|req: &Request| {
                let id = req
                    .extensions()
                    .get::<RequestId>()
                    .and_then(|id| id.header_value().to_str().ok())
                    .unwrap_or("-")
                    .to_string();
                tracing::info_span!("request", id = %id, method = %req.method(), path = %req.uri().path())
            }),
        )
        .layer(SetRequestIdLayer::x_request_id(MakeRequestUuid))
        .with_state(web)
}

async fn healthz(State(web): State<Web>) -> Response {
    match web.state.db.execute_unprepared("SELECT 1").await {
        Ok(_) => (StatusCode::OK, "ok").into_response(),
        Err(e) => {
            tracing::error!(error = %e, "health check: database unavailable");
            (StatusCode::SERVICE_UNAVAILABLE, "database unavailable").into_response()
        }
    }
}

/// The query string's pairs.
fn query_pairs(parts: &axum::http::request::Parts) -> Vec<(String, String)> {
    parts
        .uri
        .query()
        .map(|q| serde_urlencoded::from_str(q).unwrap_or_default())
        .unwrap_or_default()
}

/// A CSV made for the edition `forum` as a download named
/// `<forum>-<what>.csv`, or the refusal in the reader's language.
fn csv_download(
    ctx: &app::context::RequestCtx,
    forum: &str,
    what: &str,
    made: Result<String, app::error::AppError>,
) -> Response {
    file_download(ctx, forum, what, "csv", made)
}

/// `<forum>-<what>.<ext>` (`csv` or `json`) to save, or the refusal in the
/// reader's language.
pub(crate) fn file_download(
    ctx: &app::context::RequestCtx,
    forum: &str,
    what: &str,
    ext: &str,
    made: Result<String, app::error::AppError>,
) -> Response {
    let content_type = match ext {
        "json" => "application/json; charset=utf-8",
        _ => "text/csv; charset=utf-8",
    };
    match made {
        Ok(text) => {
            let name: String = format!("{forum}-{what}")
                .chars()
                .filter(|c| c.is_ascii_alphanumeric() || *c == '-')
                .collect();
            (
                [
                    (header::CONTENT_TYPE, content_type.to_string()),
                    (
                        header::CONTENT_DISPOSITION,
                        format!("attachment; filename=\"{name}.{ext}\""),
                    ),
                    (header::CACHE_CONTROL, "private, no-store".to_string()),
                ],
                text,
            )
                .into_response()
        }
        Err(e) => {
            let status =
                StatusCode::from_u16(e.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
            (status, translate(ctx.locale, e.message_key())).into_response()
        }
    }
}

/// The organisers' all-proposals table as CSV, with the table's filters.
async fn proposals_csv(
    State(web): State<Web>,
    axum::extract::Path(forum): axum::extract::Path<String>,
    req: Request,
) -> Response {
    let (parts, _) = req.into_parts();
    let filters = app::proposals::overview::ProposalFilters::from_pairs(query_pairs(&parts));
    let ctx = app::context::RequestCtx::from_parts(web.state.clone(), &parts);
    let made = app::proposals::listing::csv(&ctx, &forum, filters).await;
    csv_download(&ctx, &forum, "proposals", made)
}

/// The organisers' registrations as CSV, with the list's filters.
async fn registrations_csv(
    State(web): State<Web>,
    axum::extract::Path(forum): axum::extract::Path<String>,
    req: Request,
) -> Response {
    let (parts, _) = req.into_parts();
    let filters = app::registration::Filters::from_pairs(&query_pairs(&parts));
    let ctx = app::context::RequestCtx::from_parts(web.state.clone(), &parts);
    let made = app::registration::export::csv(&ctx, &forum, filters).await;
    csv_download(&ctx, &forum, "registrations", made)
}

/// The organisers' figures as CSV: `participation.csv`, `programme.csv`.
async fn figures_csv(
    State(web): State<Web>,
    axum::extract::Path((forum, file)): axum::extract::Path<(String, String)>,
    req: Request,
) -> Response {
    use app::figures::service::{participation_csv, programme_csv};
    let (parts, _) = req.into_parts();
    let ctx = app::context::RequestCtx::from_parts(web.state.clone(), &parts);
    let (what, made) = match file.as_str() {
        "participation.csv" => ("participation", participation_csv(&ctx, &forum).await),
        "programme.csv" => ("programme", programme_csv(&ctx, &forum).await),
        _ => ("", Err(app::error::AppError::NotFound)),
    };
    csv_download(&ctx, &forum, what, made)
}

/// Renders the page for any GET; other methods on pages are not allowed.
async fn page(State(web): State<Web>, req: Request) -> Response {
    if req.method() != Method::GET && req.method() != Method::HEAD {
        return StatusCode::METHOD_NOT_ALLOWED.into_response();
    }
    render_page(&web, req, None).await
}

pub(crate) async fn render_page(
    web: &Web,
    req: Request,
    submitted: Option<SubmittedForm>,
) -> Response {
    let options = web.options.clone();
    let base = web.context();
    let context = move || {
        base();
        if let Some(form) = submitted.clone() {
            provide_context(form);
        }
    };
    let handler =
        leptos_axum::render_app_async_with_context(context, move || app::shell(options.clone()));
    handler(req).await
}

/// A form posted by the browser itself (no JavaScript took over).
fn is_plain_form(req: &Request) -> bool {
    let accepts_html = req
        .headers()
        .get(header::ACCEPT)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.contains("text/html"));
    let form = req
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("application/x-www-form-urlencoded"));
    accepts_html && form
}

/// The path and query of a same-site Referer, to go back to.
fn referer_path(req: &Request) -> Option<String> {
    let referer = req.headers().get(header::REFERER)?.to_str().ok()?;
    let url = url::Url::parse(referer).ok()?;
    let host = req.headers().get(header::HOST)?.to_str().ok()?;
    let referer_host = match url.port() {
        Some(port) => format!("{}:{port}", url.host_str()?),
        None => url.host_str()?.to_string(),
    };
    (referer_host == host).then(|| match url.query() {
        Some(q) => format!("{}?{q}", url.path()),
        None => url.path().to_string(),
    })
}

pub(crate) fn see_other(location: &str) -> Response {
    Response::builder()
        .status(StatusCode::SEE_OTHER)
        .header(header::LOCATION, location)
        .body(Body::empty())
        .unwrap_or_else(|_| StatusCode::INTERNAL_SERVER_ERROR.into_response())
}

/// Runs a server function. Errors get their proper status code. A plain form
/// post then goes on: on success to where the function redirected (or back),
/// on failure to the same page shown again with the errors and the values.
async fn server_fn(State(web): State<Web>, req: Request) -> Response {
    let plain_form = is_plain_form(&req);
    let back = referer_path(&req);
    let (mut parts, body) = req.into_parts();
    let Ok(bytes) = to_bytes(body, BODY_LIMIT).await else {
        return StatusCode::PAYLOAD_TOO_LARGE.into_response();
    };
    let page_parts = parts.clone();
    if plain_form {
        // Ask for the server function's own answer instead of Leptos' redirect.
        parts
            .headers
            .insert(header::ACCEPT, HeaderValue::from_static("application/json"));
    }
    let response = leptos_axum::handle_server_fns_with_context(
        web.context(),
        Request::from_parts(parts, Body::from(bytes.clone())),
    )
    .await
    .into_response();
    let (mut res_parts, res_body) = response.into_parts();
    if res_parts.status.is_success() && !plain_form {
        return Response::from_parts(res_parts, res_body);
    }
    let error = if res_parts.status.is_success() {
        None
    } else {
        let body = to_bytes(res_body, BODY_LIMIT).await.unwrap_or_default();
        let error = serde_json::from_slice::<AppError>(&body).unwrap_or(AppError::Internal);
        res_parts.status =
            StatusCode::from_u16(error.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        if !plain_form {
            return Response::from_parts(res_parts, Body::from(body));
        }
        Some(error)
    };
    match error {
        None => {
            let location = res_parts
                .headers
                .get(header::LOCATION)
                .and_then(|v| v.to_str().ok())
                .map(str::to_string)
                .or(back)
                .unwrap_or_else(|| "/".into());
            let mut redirect = see_other(&location);
            for cookie in res_parts.headers.get_all(header::SET_COOKIE) {
                redirect
                    .headers_mut()
                    .append(header::SET_COOKIE, cookie.clone());
            }
            redirect
        }
        Some(error) => {
            let values: Vec<(String, String)> =
                serde_urlencoded::from_bytes::<Vec<(String, String)>>(&bytes)
                    .unwrap_or_default()
                    .into_iter()
                    .filter(|(k, _)| !is_secret_field(k))
                    .collect();
            let submitted = SubmittedForm {
                action: page_parts.uri.path().to_string(),
                values,
                error: error.clone(),
            };
            let target = back.unwrap_or_else(|| "/".into());
            let mut page_req = Request::builder().method(Method::GET).uri(target);
            for (name, value) in page_parts.headers.iter() {
                if name != header::CONTENT_TYPE && name != header::CONTENT_LENGTH {
                    page_req = page_req.header(name, value);
                }
            }
            let Ok(mut page_req) = page_req.body(Body::empty()) else {
                return StatusCode::BAD_REQUEST.into_response();
            };
            *page_req.extensions_mut() = page_parts.extensions.clone();
            let mut page = render_page(&web, page_req, Some(submitted)).await;
            *page.status_mut() =
                StatusCode::from_u16(error.status()).unwrap_or(StatusCode::UNPROCESSABLE_ENTITY);
            page
        }
    }
}

pub(crate) fn cookie<'a>(req: &'a Request, name: &str) -> Option<&'a str> {
    req.headers()
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find_map(|v| app::web::cookie_value(v, name))
}

/// Finds the signed-in person, the client's address and the language.
async fn session_and_language(State(web): State<Web>, mut req: Request, next: Next) -> Response {
    let addr = req
        .extensions()
        .get::<ConnectInfo<SocketAddr>>()
        .map(|c| c.0.ip().to_string())
        .unwrap_or_default();
    req.extensions_mut().insert(ClientAddr(addr));
    let is_asset = req.uri().path().starts_with("/pkg/") || req.uri().path() == "/healthz";
    let mut signed_in: Option<SignedIn> = None;
    let mut clear_cookie = false;
    if !is_asset {
        if let Some(secret) = cookie(&req, sessions::COOKIE).map(str::to_string) {
            match sessions::load(&web.state.db, &secret, &web.state.settings).await {
                Ok(Some(s)) => signed_in = Some(s),
                Ok(None) => clear_cookie = true,
                Err(e) => tracing::error!(error = %e, "loading the session"),
            }
        }
    }
    let locale = cookie(&req, LANG_COOKIE)
        .and_then(Locale::from_code)
        .or_else(|| signed_in.as_ref().and_then(|s| s.language))
        .or_else(|| {
            req.headers()
                .get(header::ACCEPT_LANGUAGE)
                .and_then(|v| v.to_str().ok())
                .and_then(Locale::from_accept_language)
        })
        .unwrap_or_default();
    req.extensions_mut().insert(locale);
    if let Some(s) = signed_in {
        req.extensions_mut().insert(s);
    }
    let mut res = next.run(req).await;
    if clear_cookie && !res.headers().contains_key(header::SET_COOKIE) {
        if let Ok(v) = HeaderValue::from_str(&sessions::clearing_cookie(&web.state.settings)) {
            res.headers_mut().append(header::SET_COOKIE, v);
        }
    }
    res
}

/// Refuses state-changing requests that a browser made on behalf of another
/// site: the Fetch Metadata header must say same-origin or, where a browser
/// does not send it, the Origin must be this site. A request with neither
/// (no browser sends such a POST) is refused too.
async fn csrf(State(web): State<Web>, req: Request, next: Next) -> Response {
    if matches!(*req.method(), Method::GET | Method::HEAD | Method::OPTIONS) {
        return next.run(req).await;
    }
    if same_origin(&req, &web.state.settings.base_url) {
        return next.run(req).await;
    }
    tracing::warn!(path = %req.uri().path(), "refused a cross-site request");
    let locale = req
        .headers()
        .get(header::ACCEPT_LANGUAGE)
        .and_then(|v| v.to_str().ok())
        .and_then(Locale::from_accept_language)
        .unwrap_or_default();
    (
        StatusCode::FORBIDDEN,
        [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
        translate(locale, "error.cross-site"),
    )
        .into_response()
}

pub fn same_origin(req: &Request, base_url: &str) -> bool {
    let headers = req.headers();
    if let Some(site) = headers.get("sec-fetch-site").and_then(|v| v.to_str().ok()) {
        return site == "same-origin" || site == "none";
    }
    let Some(origin) = headers.get(header::ORIGIN).and_then(|v| v.to_str().ok()) else {
        return false;
    };
    if origin.trim_end_matches('/') == base_url.trim_end_matches('/') {
        return true;
    }
    let host = headers.get(header::HOST).and_then(|v| v.to_str().ok());
    match (url::Url::parse(origin), host) {
        (Ok(o), Some(host)) => {
            let origin_host = match o.port() {
                Some(p) => format!("{}:{p}", o.host_str().unwrap_or_default()),
                None => o.host_str().unwrap_or_default().to_string(),
            };
            origin_host == host
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn req(headers: &[(&str, &str)]) -> Request {
        let mut b = Request::builder().method(Method::POST).uri("/api/x");
        for (k, v) in headers {
            b = b.header(*k, *v);
        }
        b.body(Body::empty()).unwrap()
    }

    #[test]
    fn cross_site_posts_are_refused() {
        let base = "http://127.0.0.1:3000";
        assert!(same_origin(
            &req(&[("sec-fetch-site", "same-origin")]),
            base
        ));
        assert!(!same_origin(
            &req(&[("sec-fetch-site", "cross-site"), ("origin", base)]),
            base
        ));
        assert!(same_origin(&req(&[("origin", base)]), base));
        assert!(same_origin(
            &req(&[
                ("origin", "http://localhost:4000"),
                ("host", "localhost:4000")
            ]),
            base
        ));
        assert!(!same_origin(
            &req(&[
                ("origin", "http://evil.example"),
                ("host", "127.0.0.1:3000")
            ]),
            base
        ));
        assert!(!same_origin(&req(&[("host", "127.0.0.1:3000")]), base));
    }
}
