//! An administrator's upload of a Frab schedule from the import page
//! (`app::programme::import_page`): a multipart form, which server functions
//! cannot take from a browser without JavaScript, so it has this route.
//! Imported: on to the new edition's programme. Refused: the import page
//! again, every problem listed, the code and name kept, nothing stored.

use crate::multipart_form::{read, Origin};
use crate::web::{see_other, Web};
use app::context::SignedIn;
use app::error::{AppError, FieldError};
use app::i18n::{translate, Locale};
use app::programme::frab_import;
use app::programme::import_page::ACTION;
use app::ui::forms::SubmittedForm;
use axum::extract::{DefaultBodyLimit, Request, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::post;
use axum::Router;

/// The import route, taking a body as large as the largest file imported.
pub fn routes() -> Router<Web> {
    Router::new().route(
        ACTION,
        post(upload).layer(DefaultBodyLimit::max(frab_import::MAX_BYTES + 64 * 1024)),
    )
}

fn refused(fields: Vec<FieldError>) -> AppError {
    AppError::Invalid { fields, form: None }
}

fn on_file(key: &str) -> FieldError {
    FieldError {
        field: "file".into(),
        message: key.into(),
    }
}

async fn upload(State(web): State<Web>, req: Request) -> Response {
    let locale = req
        .extensions()
        .get::<Locale>()
        .copied()
        .unwrap_or_default();
    // Refused before the file is read: the connection is closed after the
    // answer, so the unread body never reaches the client's next request.
    let close = [(axum::http::header::CONNECTION, "close")];
    let Some(by) = req.extensions().get::<SignedIn>().map(|s| s.viewer.clone()) else {
        return (
            StatusCode::UNAUTHORIZED,
            close,
            translate(locale, "error.unauthorized"),
        )
            .into_response();
    };
    if !by.is_admin {
        return (
            StatusCode::FORBIDDEN,
            close,
            translate(locale, "error.forbidden"),
        )
            .into_response();
    }
    // The import page, for showing it again.
    let origin = Origin::of(&req);
    let mut posted = read(req, &web, &["file"]).await;
    let file = posted.take_file("file").map(|(_, bytes)| bytes);
    let (code, name) = (posted.text("code"), posted.text("name"));
    let outcome = if posted.unreadable {
        let max = (frab_import::MAX_BYTES / (1024 * 1024)).to_string();
        Err(refused(vec![FieldError {
            field: "file".into(),
            message: app::i18n::translate_with(locale, "import.too-large", &[("max", &max)]),
        }]))
    } else if let Some(bytes) = &file {
        match frab_import::parse_bytes(bytes) {
            Err(problems) => Err(refused(
                std::iter::once(on_file("import.refused"))
                    .chain(problems.iter().map(|p| FieldError {
                        field: "problem".into(),
                        message: p.message(locale),
                    }))
                    .collect(),
            )),
            Ok(schedule) => {
                let name = name.trim();
                frab_import::import(
                    &web.state.db,
                    &schedule,
                    &code,
                    (!name.is_empty()).then_some(name),
                    Some(by.id),
                )
                .await
            }
        }
    } else {
        Err(refused(vec![on_file("import.no-file")]))
    };
    match outcome {
        Ok(summary) => {
            tracing::info!(code = %summary.code, sessions = summary.sessions, "Frab schedule imported");
            see_other(&format!(
                "/forums/{}/programme?day=all&notice=edition-imported",
                summary.code
            ))
        }
        Err(error) => {
            let status =
                StatusCode::from_u16(error.status()).unwrap_or(StatusCode::UNPROCESSABLE_ENTITY);
            let submitted = SubmittedForm {
                action: ACTION.to_string(),
                values: vec![("code".into(), code), ("name".into(), name)],
                error,
            };
            origin
                .show_again(&web, "/admin/import", submitted, status)
                .await
        }
    }
}
