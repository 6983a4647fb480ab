//! Forms that carry a file come as `multipart/form-data`, which server
//! functions cannot take from a browser without JavaScript; their routes
//! read the parts here and, when the submission is refused, show the page
//! it came from again with the problems and the values typed (files aside).

use crate::web::{render_page, Web};
use app::ui::forms::SubmittedForm;
use axum::body::Body;
use axum::extract::{FromRequest, Multipart, Request};
use axum::http::{header, Extensions, HeaderMap, Method, StatusCode};
use axum::response::{IntoResponse, Response};

/// What a multipart form sent.
#[derive(Default)]
pub struct Posted {
    /// Text fields, in order.
    pub fields: Vec<(String, String)>,
    /// Files chosen: (field, file name, bytes); a field left empty is absent.
    pub files: Vec<(String, String, Vec<u8>)>,
    /// The body could not be read whole (too large, or broken).
    pub unreadable: bool,
}

impl Posted {
    pub fn text(&self, name: &str) -> String {
        self.fields
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.clone())
            .unwrap_or_default()
    }

    /// A checkbox was ticked.
    pub fn ticked(&self, name: &str) -> bool {
        self.fields.iter().any(|(k, _)| k == name)
    }

    /// The file of `field`, if one was chosen.
    pub fn take_file(&mut self, field: &str) -> Option<(String, Vec<u8>)> {
        let i = self.files.iter().position(|(f, _, _)| f == field)?;
        let (_, name, bytes) = self.files.swap_remove(i);
        Some((name, bytes))
    }
}

/// Reads every part; `file_fields` name the parts that are files.
pub async fn read(req: Request, web: &Web, file_fields: &[&str]) -> Posted {
    let mut posted = Posted::default();
    let Ok(mut form) = Multipart::from_request(req, web).await else {
        posted.unreadable = true;
        return posted;
    };
    loop {
        match form.next_field().await {
            Ok(Some(field)) => {
                let name = field.name().unwrap_or_default().to_string();
                if file_fields.contains(&name.as_str()) {
                    let file_name = field.file_name().unwrap_or_default().to_string();
                    match field.bytes().await {
                        // A browser sends an empty part when no file was chosen.
                        Ok(bytes) if bytes.is_empty() => {}
                        Ok(bytes) => posted.files.push((name, file_name, bytes.to_vec())),
                        Err(_) => posted.unreadable = true,
                    }
                } else {
                    match field.text().await {
                        Ok(text) => posted.fields.push((name, text)),
                        Err(_) => posted.unreadable = true,
                    }
                }
            }
            Ok(None) => break,
            Err(_) => {
                posted.unreadable = true;
                break;
            }
        }
    }
    posted
}

/// The request a form came with, kept to show its page again.
pub struct Origin {
    headers: HeaderMap,
    extensions: Extensions,
}

impl Origin {
    /// Taken before the body is read.
    pub fn of(req: &Request) -> Self {
        let mut headers = req.headers().clone();
        headers.remove(header::CONTENT_TYPE);
        headers.remove(header::CONTENT_LENGTH);
        Self {
            headers,
            extensions: req.extensions().clone(),
        }
    }

    /// The page at `path` again, with the refused submission (its values
    /// and its problems), answered with `status`.
    pub async fn show_again(
        self,
        web: &Web,
        path: &str,
        submitted: SubmittedForm,
        status: StatusCode,
    ) -> Response {
        let mut again = Request::builder().method(Method::GET).uri(path);
        for (name, value) in &self.headers {
            again = again.header(name, value);
        }
        let Ok(mut page) = again.body(Body::empty()) else {
            return StatusCode::BAD_REQUEST.into_response();
        };
        *page.extensions_mut() = self.extensions;
        let mut res = render_page(web, page, Some(submitted)).await;
        *res.status_mut() = status;
        res
    }
}
