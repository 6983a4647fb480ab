//! An administrator's upload of a Frab schedule from the import page
//! (`app::programme::import_page`): a multipart form, which server functions
//! cannot take from a browser without JavaScript, so it has this route.
//! Imported: on to the new edition's programme. Refused: the import page
//! again, every problem listed, the code and name kept, nothing stored.

use crate::web::{render_page, see_other, Web};
use app::context::SignedIn;
use app::error::{AppError, FieldError};
use app::i18n::{translate, Locale};
use app::programme::frab_import;
use app::programme::import_page::ACTION;
use app::ui::forms::SubmittedForm;
use axum::body::Body;
use axum::extract::{DefaultBodyLimit, FromRequest, Multipart, Request, State};
use axum::http::{Method, StatusCode};
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

/// What the form sent.
#[derive(Default)]
struct Upload {
    code: String,
    name: String,
    file: Option<Vec<u8>>,
    /// The body could not be read whole (too large, or broken).
    unreadable: bool,
}

async fn read(req: Request, web: &Web) -> Upload {
    let mut upload = Upload::default();
    let Ok(mut form) = Multipart::from_request(req, web).await else {
        upload.unreadable = true;
        return upload;
    };
    loop {
        match form.next_field().await {
            Ok(Some(field)) => match field.name().unwrap_or_default() {
                "code" => upload.code = field.text().await.unwrap_or_default(),
                "name" => upload.name = field.text().await.unwrap_or_default(),
                "file" => match field.bytes().await {
                    // A browser sends an empty part when no file was chosen.
                    Ok(bytes) => upload.file = (!bytes.is_empty()).then(|| bytes.to_vec()),
                    Err(_) => upload.unreadable = true,
                },
                _ => {}
            },
            Ok(None) => break,
            Err(_) => {
                upload.unreadable = true;
                break;
            }
        }
    }
    upload
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
    let mut again = Request::builder().method(Method::GET).uri("/admin/import");
    for (name, value) in req.headers() {
        if name != axum::http::header::CONTENT_TYPE && name != axum::http::header::CONTENT_LENGTH {
            again = again.header(name, value);
        }
    }
    let extensions = req.extensions().clone();
    let upload = read(req, &web).await;
    let outcome = if upload.unreadable {
        let max = (frab_import::MAX_BYTES / (1024 * 1024)).to_string();
        Err(refused(vec![FieldError {
            field: "file".into(),
            message: app::i18n::translate_with(locale, "import.too-large", &[("max", &max)]),
        }]))
    } else if let Some(bytes) = &upload.file {
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
                let name = upload.name.trim();
                frab_import::import(
                    &web.state.db,
                    &schedule,
                    &upload.code,
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
            let Ok(mut page) = again.body(Body::empty()) else {
                return StatusCode::BAD_REQUEST.into_response();
            };
            *page.extensions_mut() = extensions;
            let submitted = SubmittedForm {
                action: ACTION.to_string(),
                values: vec![("code".into(), upload.code), ("name".into(), upload.name)],
                error,
            };
            let mut res = render_page(&web, page, Some(submitted)).await;
            *res.status_mut() = status;
            res
        }
    }
}
