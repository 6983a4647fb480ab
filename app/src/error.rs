//! The one error type of Plenum. Server functions return it, pages show it, and
//! the server maps it to a status code. Messages are locale keys, never internals:
//! internal details are logged on the server and replaced by `Internal`.

use serde::{Deserialize, Serialize};
use server_fn::{
    codec::JsonEncoding,
    error::{FromServerFnError, ServerFnErrorErr},
};

/// A problem with one field of a submitted form; `message` is a locale key.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldError {
    pub field: String,
    pub message: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
pub enum AppError {
    /// Not signed in where signing in is required.
    #[error("sign-in required")]
    Unauthorized,
    /// Signed in, but this person's roles do not allow it.
    #[error("forbidden")]
    Forbidden,
    #[error("not found")]
    NotFound,
    /// The input broke a rule: field errors and, optionally, a form-level message key.
    #[error("invalid input")]
    Invalid {
        fields: Vec<FieldError>,
        form: Option<String>,
    },
    /// The change conflicts with the current state (message is a locale key).
    #[error("conflict: {0}")]
    Conflict(String),
    /// Too many attempts; try again after this many seconds.
    #[error("too many requests")]
    TooManyRequests { retry_after_secs: u64 },
    /// The request itself could not be understood (malformed arguments).
    #[error("bad request")]
    BadRequest,
    /// Something failed on the server; the details are in the server log only.
    #[error("internal error")]
    Internal,
}

impl AppError {
    /// A form-level error with no particular field.
    pub fn form(message: &str) -> Self {
        AppError::Invalid {
            fields: vec![],
            form: Some(message.to_string()),
        }
    }

    /// A single field error.
    pub fn field(field: &str, message: &str) -> Self {
        AppError::Invalid {
            fields: vec![FieldError {
                field: field.into(),
                message: message.into(),
            }],
            form: None,
        }
    }

    pub fn status(&self) -> u16 {
        match self {
            AppError::Unauthorized => 401,
            AppError::Forbidden => 403,
            AppError::NotFound => 404,
            AppError::Invalid { .. } => 422,
            AppError::Conflict(_) => 409,
            AppError::TooManyRequests { .. } => 429,
            AppError::BadRequest => 400,
            AppError::Internal => 500,
        }
    }

    /// The locale key of the message shown for this error as a whole.
    pub fn message_key(&self) -> &str {
        match self {
            AppError::Unauthorized => "error.unauthorized",
            AppError::Forbidden => "error.forbidden",
            AppError::NotFound => "error.not-found",
            AppError::Invalid {
                form: Some(key), ..
            } => key,
            AppError::Invalid { .. } => "error.invalid",
            AppError::Conflict(key) => key,
            AppError::TooManyRequests { .. } => "error.too-many",
            AppError::BadRequest => "error.bad-request",
            AppError::Internal => "error.internal",
        }
    }

    /// The message key for one field, if the error names it.
    pub fn field_message(&self, field: &str) -> Option<&str> {
        match self {
            AppError::Invalid { fields, .. } => fields
                .iter()
                .find(|f| f.field == field)
                .map(|f| f.message.as_str()),
            _ => None,
        }
    }
}

impl FromServerFnError for AppError {
    type Encoder = JsonEncoding;

    fn from_server_fn_error(value: ServerFnErrorErr) -> Self {
        match value {
            ServerFnErrorErr::Args(_)
            | ServerFnErrorErr::Deserialization(_)
            | ServerFnErrorErr::MissingArg(_)
            | ServerFnErrorErr::UnsupportedRequestMethod(_) => AppError::BadRequest,
            ServerFnErrorErr::Registration(_) => AppError::NotFound,
            _ => AppError::Internal,
        }
    }
}

/// Collects field errors while checking a form, so all problems show at once.
#[derive(Default, Debug)]
pub struct Problems(Vec<FieldError>);

impl Problems {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn add(&mut self, field: &str, message: &str) {
        self.0.push(FieldError {
            field: field.into(),
            message: message.into(),
        });
    }

    /// Records the error of a parse step, keeping the parsed value when it worked.
    pub fn check<T>(&mut self, field: &str, parsed: Result<T, &'static str>) -> Option<T> {
        match parsed {
            Ok(v) => Some(v),
            Err(message) => {
                self.add(field, message);
                None
            }
        }
    }

    /// Every problem at once, or else the value the checks produced.
    pub fn finish<T>(self, value: Option<T>) -> Result<T, AppError> {
        self.into_result()?;
        value.ok_or(AppError::Internal)
    }

    pub fn into_result(self) -> Result<(), AppError> {
        if self.0.is_empty() {
            Ok(())
        } else {
            Err(AppError::Invalid {
                fields: self.0,
                form: None,
            })
        }
    }
}

#[cfg(feature = "ssr")]
impl From<sea_orm::DbErr> for AppError {
    fn from(err: sea_orm::DbErr) -> Self {
        tracing::error!(error = %err, "database error");
        AppError::Internal
    }
}

#[cfg(feature = "ssr")]
impl<E: std::fmt::Display + std::fmt::Debug> From<sea_orm::TransactionError<E>> for AppError
where
    AppError: From<E>,
{
    fn from(err: sea_orm::TransactionError<E>) -> Self {
        match err {
            sea_orm::TransactionError::Connection(e) => e.into(),
            sea_orm::TransactionError::Transaction(e) => e.into(),
        }
    }
}
