//! Consultations' routes outside server functions: sending a contribution
//! (`app::consultations::pages::CONTRIBUTE`, a multipart form that may carry
//! a PDF or DOCX), downloading an attachment, and the organisers' CSV and
//! JSON downloads of contributions and comments. A refused contribution
//! shows the form again with every problem at its field and what was typed
//! kept (the file has to be chosen again); nothing is stored.

use crate::multipart_form::{read, Origin};
use crate::web::{see_other, Web};
use app::consultations::attachment::MAX_BYTES;
use app::consultations::pages::CONTRIBUTE;
use app::consultations::service::{self, Sent, Upload};
use app::consultations::synthesis::{self, Download};
use app::consultations::ContributionForm;
use app::context::RequestCtx;
use app::error::AppError;
use app::i18n::translate;
use app::ui::forms::SubmittedForm;
use axum::extract::{DefaultBodyLimit, Path, Request, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::Router;

pub fn routes() -> Router<Web> {
    Router::new()
        .route(
            CONTRIBUTE,
            post(contribute).layer(DefaultBodyLimit::max(MAX_BYTES + 256 * 1024)),
        )
        .route(
            "/forums/{forum}/consultations/{slug}/attachments/{id}",
            get(download),
        )
        .route(
            "/forums/{forum}/consultations/{slug}/export/{file}",
            get(export),
        )
}

/// The organisers' downloads: `contributions.csv|json`, `comments.csv|json`.
async fn export(
    State(web): State<Web>,
    Path((forum, slug, file)): Path<(String, String, String)>,
    req: Request,
) -> Response {
    let (parts, _) = req.into_parts();
    let ctx = RequestCtx::from_parts(web.state.clone(), &parts);
    let (what, ext) = file.rsplit_once('.').unwrap_or((file.as_str(), ""));
    let made = match (Download::from_segment(what), ext) {
        (Some(chosen), "csv" | "json") => synthesis::download(&ctx, &forum, &slug, chosen)
            .await
            .map(|sheet| {
                if ext == "csv" {
                    sheet.csv()
                } else {
                    sheet.json()
                }
            }),
        _ => Err(AppError::NotFound),
    };
    crate::web::file_download(&ctx, &forum, &format!("{slug}-{what}"), ext, made)
}

async fn contribute(State(web): State<Web>, req: Request) -> Response {
    let origin = Origin::of(&req);
    let (parts, body) = req.into_parts();
    let ctx = RequestCtx::from_parts(web.state.clone(), &parts);
    let mut posted = read(Request::from_parts(parts, body), &web, &["attachment"]).await;
    let (forum, slug) = (posted.text("forum"), posted.text("slug"));
    let editing = posted.text("contribution");
    let form = ContributionForm {
        question: posted.text("question"),
        body: posted.text("body"),
        organisation: posted.text("organisation"),
        stakeholder_group: posted.text("stakeholder_group"),
        country: posted.text("country"),
        anonymous: posted.ticked("anonymous"),
    };
    let upload = posted
        .take_file("attachment")
        .map(|(name, bytes)| Upload { name, bytes });
    let outcome = if posted.unreadable {
        Err(AppError::field(
            "attachment",
            "consultation.attachment.too-large",
        ))
    } else {
        match editing.trim() {
            "" => Ok(None),
            id => id.parse().map(Some).map_err(|_| AppError::NotFound),
        }
    };
    let outcome = match outcome {
        Ok(editing) => {
            service::contribute(
                &ctx,
                &forum,
                &slug,
                editing,
                &form,
                upload,
                posted.ticked("drop_attachment"),
            )
            .await
        }
        Err(e) => Err(e),
    };
    let page = format!("/forums/{}/consultations/{}", forum.trim(), slug.trim());
    match outcome {
        Ok(Sent::Received(_)) => see_other(&format!("{page}?notice=contribution-received")),
        Ok(Sent::Changed(_)) => see_other(&format!("{page}?notice=contribution-saved")),
        Err(error) => {
            let status =
                StatusCode::from_u16(error.status()).unwrap_or(StatusCode::UNPROCESSABLE_ENTITY);
            let edit = match editing.trim() {
                "" => String::new(),
                id => format!("?edit={}", app::web::encode(id)),
            };
            let submitted = SubmittedForm {
                action: CONTRIBUTE.to_string(),
                values: posted.fields,
                error,
            };
            let path = format!(
                "/forums/{}/consultations/{}/contribute{edit}",
                app::web::encode(forum.trim()),
                app::web::encode(slug.trim())
            );
            origin.show_again(&web, &path, submitted, status).await
        }
    }
}

/// `filename*` of a Content-Disposition: the name percent-encoded.
fn disposition(name: &str) -> String {
    let ascii: String = name
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || ".-_".contains(c) {
                c
            } else {
                '_'
            }
        })
        .collect();
    format!(
        "attachment; filename=\"{ascii}\"; filename*=UTF-8''{}",
        app::web::encode(name)
    )
}

async fn download(
    State(web): State<Web>,
    Path((forum, slug, id)): Path<(String, String, String)>,
    req: Request,
) -> Response {
    let (parts, _) = req.into_parts();
    let ctx = RequestCtx::from_parts(web.state.clone(), &parts);
    let found = match id.parse() {
        Ok(id) => service::attachment_file(&ctx, &forum, &slug, id).await,
        Err(_) => Err(AppError::NotFound),
    };
    match found {
        Ok((kind, name, bytes)) => (
            [
                (header::CONTENT_TYPE, kind.content_type().to_string()),
                (header::CONTENT_DISPOSITION, disposition(&name)),
                (header::CACHE_CONTROL, "private, no-store".to_string()),
                (
                    header::CONTENT_SECURITY_POLICY,
                    "default-src 'none'; sandbox".to_string(),
                ),
            ],
            bytes,
        )
            .into_response(),
        Err(e) => (
            StatusCode::from_u16(e.status()).unwrap_or(StatusCode::NOT_FOUND),
            [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
            translate(ctx.locale, e.message_key()),
        )
            .into_response(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn download_names_are_quoted_safely() {
        assert_eq!(
            disposition("Réponse \"x\".pdf"),
            "attachment; filename=\"R_ponse__x_.pdf\"; filename*=UTF-8''R%C3%A9ponse%20%22x%22.pdf"
        );
    }
}
