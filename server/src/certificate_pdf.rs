//! The download of a person's certificate of participation
//! (`/forums/{code}/certificate.pdf`, `app::certificates`): a PDF for the
//! signed-in person when they are entitled to one; otherwise a plain answer
//! saying why — 401 signed out, 404 no such edition, 403 not entitled or
//! revoked.

use crate::web::Web;
use app::context::RequestCtx;
use app::error::AppError;
use app::i18n::translate;
use axum::extract::{Path, Request, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;

pub fn routes() -> Router<Web> {
    Router::new().route("/forums/{forum}/certificate.pdf", get(download))
}

async fn download(State(web): State<Web>, Path(forum): Path<String>, req: Request) -> Response {
    let (parts, _) = req.into_parts();
    let ctx = RequestCtx::from_parts(web.state.clone(), &parts);
    match app::certificates::service::download(&ctx, &forum).await {
        Ok(pdf) => (
            [
                (header::CONTENT_TYPE, "application/pdf".to_string()),
                (
                    header::CONTENT_DISPOSITION,
                    format!("attachment; filename=\"{}\"", pdf.file_name),
                ),
                (header::CACHE_CONTROL, "private, no-store".to_string()),
            ],
            pdf.bytes,
        )
            .into_response(),
        Err(e) => {
            // Not entitled, or revoked: refused, with the reason.
            let status = match e {
                AppError::Conflict(_) => StatusCode::FORBIDDEN,
                _ => StatusCode::from_u16(e.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR),
            };
            (
                status,
                [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
                translate(ctx.locale, e.message_key()),
            )
                .into_response()
        }
    }
}
