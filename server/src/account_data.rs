//! The download of a person's own data (`/account/data.json`,
//! `app::accounts::privacy`): everything Plenum holds about the signed-in
//! person, as a JSON attachment; 401 with the reason when signed out.

use crate::web::Web;
use app::accounts::privacy;
use app::context::RequestCtx;
use app::i18n::translate;
use axum::extract::{Request, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;

pub fn routes() -> Router<Web> {
    Router::new().route("/account/data.json", get(download))
}

async fn download(State(web): State<Web>, req: Request) -> Response {
    let (parts, _) = req.into_parts();
    let ctx = RequestCtx::from_parts(web.state.clone(), &parts);
    match privacy::my_data_json(&ctx).await {
        Ok(json) => (
            [
                (
                    header::CONTENT_TYPE,
                    "application/json; charset=utf-8".to_string(),
                ),
                (
                    header::CONTENT_DISPOSITION,
                    format!("attachment; filename=\"{}\"", privacy::FILE_NAME),
                ),
                (header::CACHE_CONTROL, "private, no-store".to_string()),
            ],
            json,
        )
            .into_response(),
        Err(e) => (
            StatusCode::from_u16(e.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR),
            [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
            translate(ctx.locale, e.message_key()),
        )
            .into_response(),
    }
}
