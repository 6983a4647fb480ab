//! Server functions of certificates: thin, each checks who calls (in the
//! service) and says where the browser goes next. The PDF itself is a plain
//! download (`/forums/{code}/certificate.pdf`, routed by the server).

use super::{Issued, Offer, Verification};
use crate::error::AppError;
use leptos::prelude::*;
#[cfg(feature = "ssr")]
use {
    super::{normalise_code, service, verify_path},
    crate::context::RequestCtx,
    crate::web::{back_with, go_to},
};

/// What the person's registration page offers (none: nothing to offer).
#[server(name = LoadCertificateOffer, prefix = "/api", endpoint = "certificates/offer")]
pub async fn certificate_offer(forum: String) -> Result<Option<Offer>, AppError> {
    service::offer(&RequestCtx::current()?, &forum).await
}

/// What a verification code says (public).
#[server(name = VerifyCertificate, prefix = "/api", endpoint = "certificates/verify")]
pub async fn verify_certificate(code: String) -> Result<Verification, AppError> {
    service::verify(&RequestCtx::current()?, &code).await
}

/// The form at `/certificates`: a code as typed, checked, then its page.
#[server(name = FindCertificate, prefix = "/api", endpoint = "certificates/find")]
pub async fn find_certificate(code: String) -> Result<(), AppError> {
    RequestCtx::current()?;
    let code = match code.trim() {
        "" => return Err(AppError::field("code", "field.required")),
        typed => {
            normalise_code(typed).ok_or(AppError::field("code", "certificates.code-invalid"))?
        }
    };
    go_to(&verify_path(&code));
    Ok(())
}

/// The edition's certificates, for its organisers.
#[server(name = LoadIssuedCertificates, prefix = "/api", endpoint = "certificates/list")]
pub async fn issued_certificates(forum: String) -> Result<Issued, AppError> {
    service::list(&RequestCtx::current()?, &forum).await
}

/// Organisers revoke a certificate (`revoke` = 1) or restore it.
#[server(name = RevokeCertificate, prefix = "/api", endpoint = "certificates/revoke")]
pub async fn revoke_certificate(
    forum: String,
    id: uuid::Uuid,
    revoke: String,
    back: Option<String>,
) -> Result<(), AppError> {
    let revoked = revoke == "1";
    service::set_revoked(&RequestCtx::current()?, &forum, id, revoked).await?;
    go_to(&back_with(
        back.as_deref(),
        &format!("/forums/{forum}/certificates"),
        if revoked {
            "notice=certificate-revoked"
        } else {
            "notice=certificate-restored"
        },
    ));
    Ok(())
}
