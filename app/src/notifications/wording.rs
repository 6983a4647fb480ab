//! An edition's own wording of the mails it sends: which mails can be worded
//! per edition, the placeholders each may use, and the checks on what
//! organisers write. Shared by the server and the page that edits them.

use serde::{Deserialize, Serialize};

/// The mails an edition words its own way, with the placeholders each knows.
pub const EDITION_MAILS: [(&str, &[&str]); 8] = [
    (
        "proposal-invitation",
        &["name", "proposer", "title", "role", "link"],
    ),
    (
        "proposal-submitted",
        &["name", "code", "title", "copy", "link"],
    ),
    ("decision-accept", DECISION_PLACEHOLDERS),
    ("decision-conditional", DECISION_PLACEHOLDERS),
    ("decision-waitlist", DECISION_PLACEHOLDERS),
    ("decision-reject", DECISION_PLACEHOLDERS),
    ("decision-merged", DECISION_PLACEHOLDERS),
    ("decision-promoted", DECISION_PLACEHOLDERS),
];

/// What a decision mail can name: the condition (or the proposal it was
/// merged into), the reviewers' comments for proposers (when the call shares
/// them) and the deadline to confirm.
const DECISION_PLACEHOLDERS: &[&str] = &[
    "name",
    "code",
    "title",
    "condition",
    "comments",
    "deadline",
    "link",
];

pub const SUBJECT_MAX: usize = 200;
pub const BODY_MAX: usize = 5000;

/// The placeholders a mail knows, or `None` for a mail editions cannot word.
pub fn placeholders(kind: &str) -> Option<&'static [&'static str]> {
    EDITION_MAILS
        .iter()
        .find(|(k, _)| *k == kind)
        .map(|(_, names)| *names)
}

/// The `{names}` a text uses.
fn used(text: &str) -> Vec<&str> {
    let mut names = vec![];
    let mut rest = text;
    while let Some(start) = rest.find('{') {
        rest = &rest[start + 1..];
        match rest.find('}') {
            Some(end) => {
                names.push(&rest[..end]);
                rest = &rest[end + 1..];
            }
            None => break,
        }
    }
    names
}

/// An edition's wording of one mail in one language.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct EditionMail {
    pub kind: String,
    pub locale: String,
    pub subject: String,
    pub body: String,
    /// False when this is the standard wording (nothing saved for the edition).
    pub custom: bool,
}

/// The mail page: every edition mail in every language.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MailSettings {
    pub forum_code: String,
    pub forum_name: String,
    pub mails: Vec<EditionMail>,
}

/// Checks what an organiser wrote: lengths, no control characters, only the
/// mail's placeholders, and the link in the body (the people who get it must
/// be able to answer). Returns the trimmed texts, or (field, message) pairs.
pub fn check(
    kind: &str,
    subject: &str,
    body: &str,
) -> Result<(String, String), Vec<(&'static str, &'static str)>> {
    let mut problems = vec![];
    let Some(known) = placeholders(kind) else {
        return Err(vec![("kind", "field.choice-invalid")]);
    };
    let subject = subject.trim().to_string();
    let body = body.trim().replace("\r\n", "\n");
    for (field, text, max) in [
        ("subject", &subject, SUBJECT_MAX),
        ("body", &body, BODY_MAX),
    ] {
        if text.is_empty() {
            problems.push((field, "field.required"));
        } else if text.chars().count() > max {
            problems.push((field, "field.too-long"));
        } else if text
            .chars()
            .any(|c| c.is_control() && c != '\n' && (field == "subject" || c != '\t'))
        {
            problems.push((field, "field.control-characters"));
        } else if used(text).iter().any(|n| !known.contains(n)) {
            problems.push((field, "mail-wording.unknown-placeholder"));
        }
    }
    if !body.is_empty() && !used(&body).contains(&"link") {
        problems.push(("body", "mail-wording.link-missing"));
    }
    if problems.is_empty() {
        Ok((subject, body))
    } else {
        Err(problems)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wording_is_checked() {
        assert!(check(
            "proposal-invitation",
            "{proposer} invites you",
            "Answer: {link}"
        )
        .is_ok());
        assert_eq!(
            check("proposal-invitation", "Hello {who}", "Answer: {link}"),
            Err(vec![("subject", "mail-wording.unknown-placeholder")])
        );
        assert_eq!(
            check("proposal-submitted", "Thanks", "No link here"),
            Err(vec![("body", "mail-wording.link-missing")])
        );
        assert_eq!(
            check("proposal-submitted", "", "{link}"),
            Err(vec![("subject", "field.required")])
        );
        assert_eq!(
            check("verify-email", "x", "{link}"),
            Err(vec![("kind", "field.choice-invalid")])
        );
        assert!(check("proposal-submitted", &"x".repeat(201), "{link}").is_err());
        assert_eq!(used("a {b} c {d"), vec!["b"]);
    }
}
