//! A contribution's attachment: a PDF or a Word document (DOCX), checked by
//! what the bytes are, not by what the name says: a script renamed `.pdf` is
//! refused, and so is a PDF that would run scripts or launch programs, or a
//! DOCX carrying macros. Size limited.

/// Largest attachment: 10 MiB.
pub const MAX_BYTES: usize = 10 * 1024 * 1024;
/// Longest kept file name.
pub const MAX_NAME: usize = 120;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Pdf,
    Docx,
}

impl Kind {
    pub fn code(self) -> &'static str {
        match self {
            Kind::Pdf => "pdf",
            Kind::Docx => "docx",
        }
    }

    pub fn from_code(code: &str) -> Option<Kind> {
        [Kind::Pdf, Kind::Docx]
            .into_iter()
            .find(|k| k.code() == code)
    }

    /// The type it is served with.
    pub fn content_type(self) -> &'static str {
        match self {
            Kind::Pdf => "application/pdf",
            Kind::Docx => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        }
    }
}

/// An uploaded file, checked: its kind and the name it is kept under.
pub fn check(file_name: &str, bytes: &[u8]) -> Result<(Kind, String), &'static str> {
    if bytes.is_empty() {
        return Err("consultation.attachment.empty");
    }
    if bytes.len() > MAX_BYTES {
        return Err("consultation.attachment.too-large");
    }
    let lower = file_name.trim().to_lowercase();
    let named = if lower.ends_with(".pdf") {
        Kind::Pdf
    } else if lower.ends_with(".docx") {
        Kind::Docx
    } else {
        return Err("consultation.attachment.wrong-type");
    };
    let ok = match named {
        Kind::Pdf => is_pdf(bytes),
        Kind::Docx => is_docx(bytes),
    };
    if !ok {
        return Err("consultation.attachment.disguised");
    }
    if has_active_content(named, bytes) {
        return Err("consultation.attachment.active-content");
    }
    Ok((named, safe_name(file_name, named)))
}

fn is_pdf(bytes: &[u8]) -> bool {
    bytes.starts_with(b"%PDF-") && contains(tail(bytes, 2048), b"%%EOF")
}

/// A DOCX is a ZIP holding the Office content types and a Word body.
fn is_docx(bytes: &[u8]) -> bool {
    bytes.starts_with(b"PK\x03\x04")
        && contains(bytes, b"[Content_Types].xml")
        && contains(bytes, b"word/document.xml")
}

/// Scripts or launch actions in a PDF; macros in a DOCX.
fn has_active_content(kind: Kind, bytes: &[u8]) -> bool {
    match kind {
        Kind::Pdf => [&b"/JavaScript"[..], b"/JS", b"/Launch", b"/EmbeddedFile"]
            .iter()
            .any(|name| contains_name(bytes, name)),
        Kind::Docx => contains(bytes, b"vbaProject.bin"),
    }
}

fn tail(bytes: &[u8], n: usize) -> &[u8] {
    &bytes[bytes.len().saturating_sub(n)..]
}

fn contains(hay: &[u8], needle: &[u8]) -> bool {
    hay.windows(needle.len()).any(|w| w == needle)
}

/// A PDF name (`/JS`) not merely the start of a longer one (`/JSON`).
fn contains_name(hay: &[u8], name: &[u8]) -> bool {
    hay.windows(name.len() + 1)
        .any(|w| w.starts_with(name) && !w[name.len()].is_ascii_alphanumeric())
        || hay.ends_with(name)
}

/// The name kept and offered on download: letters, digits, spaces, `.-_`
/// only, never empty, with the extension of the kind it really is.
pub fn safe_name(file_name: &str, kind: Kind) -> String {
    let base = file_name.rsplit(['/', '\\']).next().unwrap_or_default();
    let stem = base.rsplit_once('.').map_or(base, |(stem, _)| stem);
    let mut clean: String = stem
        .chars()
        .filter(|c| c.is_alphanumeric() || matches!(c, ' ' | '.' | '-' | '_'))
        .collect::<String>()
        .trim_matches(['.', ' '])
        .chars()
        .take(MAX_NAME)
        .collect();
    if clean.is_empty() {
        clean = "contribution".into();
    }
    format!("{clean}.{}", kind.code())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pdf(body: &str) -> Vec<u8> {
        format!("%PDF-1.7\n1 0 obj << /Type /Catalog {body} >> endobj\n%%EOF\n").into_bytes()
    }

    fn docx(extra: &str) -> Vec<u8> {
        let mut b = b"PK\x03\x04".to_vec();
        b.extend_from_slice(b"....[Content_Types].xml....PK\x03\x04word/document.xml...");
        b.extend_from_slice(extra.as_bytes());
        b
    }

    #[test]
    fn real_pdfs_and_docx_pass() {
        assert_eq!(
            check("Input.pdf", &pdf("")),
            Ok((Kind::Pdf, "Input.pdf".into()))
        );
        assert_eq!(
            check("brief.DOCX", &docx("")),
            Ok((Kind::Docx, "brief.docx".into()))
        );
        assert_eq!(
            check("data.pdf", &pdf("/JSON 1")).map(|k| k.0),
            Ok(Kind::Pdf)
        );
    }

    #[test]
    fn disguised_and_wrong_files_are_refused() {
        let script = b"#!/bin/sh\nrm -rf /\n";
        assert_eq!(
            check("paper.pdf", script),
            Err("consultation.attachment.disguised")
        );
        assert_eq!(
            check("paper.docx", &pdf("")),
            Err("consultation.attachment.disguised")
        );
        assert_eq!(
            check("paper.exe", &pdf("")),
            Err("consultation.attachment.wrong-type")
        );
        assert_eq!(
            check("paper.pdf", b""),
            Err("consultation.attachment.empty")
        );
        let zip = b"PK\x03\x04 just a zip".to_vec();
        assert_eq!(
            check("paper.docx", &zip),
            Err("consultation.attachment.disguised")
        );
        let big = vec![b'%'; MAX_BYTES + 1];
        assert_eq!(
            check("big.pdf", &big),
            Err("consultation.attachment.too-large")
        );
    }

    #[test]
    fn active_content_is_refused() {
        for body in [
            "/OpenAction << /S /JavaScript /JS (app.alert(1)) >>",
            "/S /Launch /F (x)",
        ] {
            assert_eq!(
                check("a.pdf", &pdf(body)),
                Err("consultation.attachment.active-content"),
                "{body}"
            );
        }
        assert_eq!(
            check("m.docx", &docx("word/vbaProject.bin")),
            Err("consultation.attachment.active-content")
        );
    }

    #[test]
    fn names_are_made_safe() {
        assert_eq!(safe_name("../../etc/passwd.pdf", Kind::Pdf), "passwd.pdf");
        assert_eq!(
            safe_name("C:\\docs\\Réponse <b>.pdf", Kind::Pdf),
            "Réponse b.pdf"
        );
        assert_eq!(safe_name("\"\".pdf", Kind::Pdf), "contribution.pdf");
        assert_eq!(safe_name("x.pdf.exe", Kind::Docx), "x.pdf.docx");
        assert!(safe_name(&"a".repeat(500), Kind::Pdf).chars().count() <= MAX_NAME + 4);
    }
}
