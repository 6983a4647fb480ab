//! Mail templates: subject and body come from the locale files, the body as
//! paragraphs separated by blank lines; the HTML part is built from the same
//! text, escaped, with the link made clickable.

use crate::i18n::{fill, translate, translate_with, Locale};

/// The mails Plenum sends, with what each needs.
#[derive(Clone, Debug)]
pub enum Template {
    VerifyEmail {
        link: String,
    },
    /// Someone tried to sign up with an address that already has an account.
    AccountExists {
        sign_in_link: String,
        reset_link: String,
    },
    ResetPassword {
        link: String,
    },
    PasswordChanged,
    /// Someone named this person in a proposal; the link confirms or declines.
    ProposalInvitation {
        proposer: String,
        title: String,
        role: String,
        link: String,
    },
    /// The proposer's acknowledgement, with a copy of what was submitted.
    ProposalSubmitted {
        code: String,
        title: String,
        copy: String,
        link: String,
    },
    /// A released decision on a proposal; `kind` is the mail
    /// (`decision-accept`, `decision-promoted`, …, see `review::outcome`).
    Decision {
        kind: &'static str,
        code: String,
        title: String,
        condition: String,
        comments: String,
        deadline: String,
        link: String,
    },
    /// A release of the programme changed this person's sessions: `changes`
    /// lists them, one per line, in the venue's time `zone`.
    ProgrammeRelease {
        forum: String,
        number: String,
        changes: String,
        zone: String,
        link: String,
    },
    /// A registration changed state; `kind` is the mail
    /// (`registration-received`, `registration-approved-onsite`, …, see
    /// `registration::service`). `badge` is the badge code (onsite, approved).
    Registration {
        kind: &'static str,
        forum: String,
        badge: String,
        reason: String,
        link: String,
    },
    /// A session sign-up's news: `kind` is `signup-confirmed`,
    /// `signup-waitlisted` or `signup-promoted`; `session` is "code title",
    /// `when` its day, times and room in venue time; `link` its page.
    Signup {
        kind: &'static str,
        forum: String,
        session: String,
        when: String,
        link: String,
    },
    /// A reminder before a session (`reminder-session`; `heading` is the
    /// session, "code title") or a day's digest (`reminder-digest`;
    /// `heading` is the day). `sessions` lists them, a paragraph each with
    /// its time and place and the person's join link (also in `joins`, so
    /// the HTML part makes them clickable); `link` is their agenda.
    Reminder {
        kind: &'static str,
        forum: String,
        heading: String,
        sessions: String,
        link: String,
        joins: Vec<String>,
    },
    /// A remote hub's news for the person who registered it: `kind` is
    /// `hub-received`, `hub-approved` or `hub-rejected` (see
    /// `hubs::service`); `hub` names it ("institution, city, country").
    Hub {
        kind: &'static str,
        forum: String,
        hub: String,
        reason: String,
        link: String,
    },
    /// A consultation contribution's news for its author: `kind` is
    /// `contribution-received`, `contribution-approved` or
    /// `contribution-hidden` (see `consultations::service`); `question` is
    /// the question it answers, `link` the consultation's page.
    Contribution {
        kind: &'static str,
        consultation: String,
        question: String,
        reason: String,
        link: String,
    },
}

impl Template {
    pub fn code(&self) -> &'static str {
        match self {
            Template::VerifyEmail { .. } => "verify-email",
            Template::AccountExists { .. } => "account-exists",
            Template::ResetPassword { .. } => "reset-password",
            Template::PasswordChanged => "password-changed",
            Template::ProposalInvitation { .. } => "proposal-invitation",
            Template::ProposalSubmitted { .. } => "proposal-submitted",
            Template::Decision { kind, .. } => kind,
            Template::ProgrammeRelease { .. } => "programme-release",
            Template::Registration { kind, .. } => kind,
            Template::Signup { kind, .. } => kind,
            Template::Reminder { kind, .. } => kind,
            Template::Hub { kind, .. } => kind,
            Template::Contribution { kind, .. } => kind,
        }
    }

    fn links(&self) -> Vec<(&'static str, &str)> {
        match self {
            Template::VerifyEmail { link } | Template::ResetPassword { link } => {
                vec![("link", link)]
            }
            Template::AccountExists {
                sign_in_link,
                reset_link,
            } => vec![("sign_in_link", sign_in_link), ("reset_link", reset_link)],
            Template::PasswordChanged => vec![],
            Template::ProposalInvitation { link, .. }
            | Template::ProposalSubmitted { link, .. }
            | Template::Decision { link, .. }
            | Template::ProgrammeRelease { link, .. }
            | Template::Registration { link, .. }
            | Template::Signup { link, .. }
            | Template::Hub { link, .. }
            | Template::Contribution { link, .. } => vec![("link", link)],
            Template::Reminder { link, joins, .. } => std::iter::once(("link", link.as_str()))
                .chain(joins.iter().map(|j| ("join", j.as_str())))
                .collect(),
        }
    }

    /// Values other than links that the text names.
    fn values(&self) -> Vec<(&'static str, &str)> {
        match self {
            Template::ProposalInvitation {
                proposer,
                title,
                role,
                ..
            } => {
                vec![("proposer", proposer), ("title", title), ("role", role)]
            }
            Template::ProposalSubmitted {
                code, title, copy, ..
            } => vec![("code", code), ("title", title), ("copy", copy)],
            Template::Decision {
                code,
                title,
                condition,
                comments,
                deadline,
                ..
            } => vec![
                ("code", code),
                ("title", title),
                ("condition", condition),
                ("comments", comments),
                ("deadline", deadline),
            ],
            Template::ProgrammeRelease {
                forum,
                number,
                changes,
                zone,
                ..
            } => vec![
                ("forum", forum),
                ("number", number),
                ("changes", changes),
                ("zone", zone),
            ],
            Template::Registration {
                forum,
                badge,
                reason,
                ..
            } => vec![("forum", forum), ("badge", badge), ("reason", reason)],
            Template::Signup {
                forum,
                session,
                when,
                ..
            } => vec![("forum", forum), ("session", session), ("when", when)],
            Template::Reminder {
                forum,
                heading,
                sessions,
                ..
            } => vec![
                ("forum", forum),
                ("heading", heading),
                ("sessions", sessions),
            ],
            Template::Hub {
                forum, hub, reason, ..
            } => vec![("forum", forum), ("hub", hub), ("reason", reason)],
            Template::Contribution {
                consultation,
                question,
                reason,
                ..
            } => vec![
                ("consultation", consultation),
                ("question", question),
                ("reason", reason),
            ],
            _ => vec![],
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RenderedMail {
    pub template: &'static str,
    pub subject: String,
    pub text: String,
    pub html: String,
    pub attachment: Option<Attachment>,
}

/// A file a mail carries (a calendar file of a release mail).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Attachment {
    pub name: String,
    /// "text/calendar; charset=utf-8; method=PUBLISH"
    pub media_type: String,
    pub body: String,
}

pub fn render(locale: Locale, recipient_name: &str, template: &Template) -> RenderedMail {
    render_worded(locale, recipient_name, template, None)
}

/// Renders a mail in an edition's own wording (subject, body) when it has
/// one, else in the locale files' wording.
pub fn render_worded(
    locale: Locale,
    recipient_name: &str,
    template: &Template,
    wording: Option<(&str, &str)>,
) -> RenderedMail {
    let code = template.code();
    let links = template.links();
    let mut args: Vec<(&str, &str)> = links.clone();
    args.extend(template.values());
    args.push(("name", recipient_name));
    let greeting = translate_with(locale, "mail.greeting", &args);
    let signature = translate(locale, "mail.signature");
    let (subject, body) = match wording {
        Some((subject, body)) => (fill(subject, &args), fill(body, &args)),
        None => (
            translate_with(locale, &format!("mail.{code}.subject"), &args),
            translate_with(locale, &format!("mail.{code}.body"), &args),
        ),
    };

    let paragraphs: Vec<&str> = std::iter::once(greeting.as_str())
        .chain(body.split("\n\n"))
        .chain(std::iter::once(signature.as_str()))
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .collect();
    let text = paragraphs.join("\n\n") + "\n";
    let dir = locale.dir();
    let lang = locale.code();
    let html_paragraphs: String = paragraphs
        .iter()
        .map(|p| {
            let mut escaped = escape(p);
            for (_, link) in &links {
                let safe = escape(link);
                escaped = escaped.replace(&safe, &format!("<a href=\"{safe}\">{safe}</a>"));
            }
            format!("<p>{}</p>\n", escaped.replace('\n', "<br>"))
        })
        .collect();
    let html = format!(
        "<!DOCTYPE html>\n<html lang=\"{lang}\" dir=\"{dir}\"><head><meta charset=\"utf-8\"><title>{}</title></head>\n<body>\n{html_paragraphs}</body></html>\n",
        escape(&subject)
    );
    RenderedMail {
        template: code,
        subject,
        text,
        html,
        attachment: None,
    }
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&#39;")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn verification_mail_has_the_link_in_both_parts() {
        let link = "https://plenum.example/account/verify?token=abc&x=1";
        let mail = render(
            Locale::En,
            "Amina <script>",
            &Template::VerifyEmail { link: link.into() },
        );
        assert!(mail.text.contains(link));
        assert!(mail.text.contains("Amina <script>"));
        assert!(mail
            .html
            .contains("href=\"https://plenum.example/account/verify?token=abc&amp;x=1\""));
        assert!(!mail.html.contains("<script>"), "names are escaped in HTML");
        assert!(!mail.subject.is_empty() && !mail.subject.starts_with("mail."));
    }

    #[test]
    fn an_editions_wording_replaces_the_standard_one() {
        let template = Template::ProposalSubmitted {
            code: "WS #3".into(),
            title: "T".into(),
            copy: "C".into(),
            link: "https://x/p".into(),
        };
        let mail = render_worded(
            Locale::En,
            "Amina",
            &template,
            Some(("{code} is in", "We have {title}.\n\nSee {link}")),
        );
        assert_eq!(mail.subject, "WS #3 is in");
        assert!(mail.text.contains("We have T."));
        assert!(mail.html.contains("<a href=\"https://x/p\">"));
        assert_ne!(render(Locale::En, "Amina", &template).subject, mail.subject);
    }

    #[test]
    fn arabic_mail_is_right_to_left_and_translated() {
        let mail = render(Locale::Ar, "أمينة", &Template::PasswordChanged);
        assert!(mail.html.contains("dir=\"rtl\""));
        assert_ne!(
            mail.subject,
            render(Locale::En, "x", &Template::PasswordChanged).subject
        );
    }
}
