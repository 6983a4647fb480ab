//! Open consultations: the WSIS Forum's Open Consultation Process, the IGF's
//! call for issues. An edition runs one or more; each has a description,
//! questions (or themes) and dated phases, of which the current one shows on
//! the page with what can be done in it. Signed-in stakeholders contribute
//! to a question — text in markdown (shown sanitised), optionally a PDF or
//! DOCX, on behalf of an organisation, with their stakeholder group and
//! country (the UN regional group derived from it) — and edit it while
//! contributions are taken; organisers approve or hide contributions (a
//! hidden one's author gets the reason); approved ones are public, with the
//! author's name unless they asked to publish without it, browsable by
//! question, stakeholder group, region, organisation and words, with counts
//! by group and region.
//!
//! This file holds what both sides see (the pages' data) and the pure rules;
//! `phases.rs`, `attachment.rs` and `drafts.rs` hold the rest of the pure
//! rules, `service.rs` (server only) applies them to the database.

pub mod api;
pub mod attachment;
pub mod comments;
#[cfg(feature = "ssr")]
pub mod discussion;
pub mod discussion_api;
pub mod discussion_pages;
pub mod discussion_types;
pub mod drafts;
#[cfg(feature = "ssr")]
pub mod meetings;
pub mod pages;
pub mod phases;
#[cfg(feature = "ssr")]
pub mod service;
#[cfg(feature = "ssr")]
pub mod synthesis;
pub mod synthesis_api;
pub mod synthesis_pages;
pub mod synthesis_types;

use crate::accounts::countries;
use crate::accounts::StakeholderGroup;
use crate::error::{AppError, Problems};
use crate::forums::rules::optional_line;
use serde::{Deserialize, Serialize};

/// Longest consultation title.
pub const MAX_TITLE: usize = 200;
/// Longest description (of a consultation or a question).
pub const MAX_DESCRIPTION: usize = 20_000;
/// Longest question.
pub const MAX_QUESTION: usize = 300;
/// Most questions in one consultation.
pub const MAX_QUESTIONS: usize = 30;
/// Longest contribution text.
pub const MAX_BODY: usize = 20_000;
/// Longest organisation name.
pub const MAX_ORGANISATION: usize = 200;
/// Longest hiding reason.
pub const MAX_REASON: usize = 2_000;
/// Contributions one account may send in an hour (a flood is refused).
pub const MAX_PER_HOUR: u64 = 10;
/// Contributions on one page of the public list.
pub const PER_PAGE: u64 = 50;

/// Where a contribution stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum State {
    /// Waiting for the organisers; seen only by its author and them.
    Received,
    /// Public.
    Approved,
    /// Not public; its author was told why.
    Hidden,
}

impl State {
    pub const ALL: [State; 3] = [State::Received, State::Approved, State::Hidden];

    pub fn code(self) -> &'static str {
        match self {
            State::Received => "received",
            State::Approved => "approved",
            State::Hidden => "hidden",
        }
    }

    pub fn from_code(code: &str) -> Option<State> {
        State::ALL.into_iter().find(|s| s.code() == code)
    }

    pub fn label_key(self) -> String {
        format!("consultation.state.{}", self.code())
    }
}

/// What organisers decide about a contribution.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Moderation {
    Approve,
    Hide,
}

impl Moderation {
    pub fn from_code(code: &str) -> Option<Moderation> {
        match code {
            "approve" => Some(Moderation::Approve),
            "hide" => Some(Moderation::Hide),
            _ => None,
        }
    }

    /// The state it leads to, or none when the contribution is there already.
    pub fn apply(self, from: State) -> Option<State> {
        let to = match self {
            Moderation::Approve => State::Approved,
            Moderation::Hide => State::Hidden,
        };
        (to != from).then_some(to)
    }
}

/// A consultation's address under its edition: lowercase letters, digits
/// and hyphens, 3 to 60 of them.
pub fn parse_slug(typed: &str) -> Result<String, &'static str> {
    let slug = typed.trim().to_lowercase();
    if slug.is_empty() {
        Err("field.required")
    } else if !(3..=60).contains(&slug.len())
        || !slug
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
        || slug.starts_with('-')
        || slug.ends_with('-')
    {
        Err("consultation.slug-invalid")
    } else {
        Ok(slug)
    }
}

/// A required line of at most `max` characters.
pub fn required_line(typed: &str, max: usize) -> Result<String, &'static str> {
    let line = optional_line(typed, max)?;
    if line.is_empty() {
        Err("field.required")
    } else {
        Ok(line)
    }
}

/// Markdown text of at most `max` characters; HTML scripts and `javascript:`
/// addresses are refused outright (they would be removed when shown, but a
/// contributor should know their text is not published as typed).
pub fn parse_text(typed: &str, max: usize, required: bool) -> Result<String, &'static str> {
    let text = typed.trim().replace("\r\n", "\n");
    let lower = text.to_lowercase();
    if required && text.is_empty() {
        Err("field.required")
    } else if text.chars().count() > max {
        Err("field.too-long")
    } else if lower.contains("<script") || lower.contains("javascript:") {
        Err("consultation.text-script")
    } else {
        Ok(text)
    }
}

/// The contribution form as typed.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct ContributionForm {
    pub question: String,
    pub body: String,
    pub organisation: String,
    pub stakeholder_group: String,
    pub country: String,
    pub anonymous: bool,
}

/// A contribution's form, checked.
#[derive(Clone, Debug, PartialEq)]
pub struct Checked {
    pub question: uuid::Uuid,
    pub body: String,
    pub organisation: String,
    pub group: StakeholderGroup,
    pub country: Option<String>,
    /// The UN regional group's code derived from the country, or empty.
    pub region: String,
    pub anonymous: bool,
}

impl ContributionForm {
    /// Checks every field (each problem at its field); `questions` are the
    /// consultation's.
    pub fn check(&self, questions: &[uuid::Uuid]) -> Result<Checked, AppError> {
        let mut p = Problems::new();
        let question = p.check(
            "question",
            self.question
                .trim()
                .parse::<uuid::Uuid>()
                .ok()
                .filter(|q| questions.contains(q))
                .ok_or("consultation.question-required"),
        );
        let body = p.check("body", parse_text(&self.body, MAX_BODY, true));
        let organisation = p.check(
            "organisation",
            optional_line(&self.organisation, MAX_ORGANISATION),
        );
        let group = p.check(
            "stakeholder_group",
            StakeholderGroup::from_code(self.stakeholder_group.trim())
                .ok_or("consultation.group-required"),
        );
        let country = match self.country.trim() {
            "" => Some(None),
            code => p.check(
                "country",
                countries::country(code)
                    .map(|c| Some(c.code.to_string()))
                    .ok_or("accounts.country-invalid"),
            ),
        };
        p.finish((|| {
            let country = country?;
            Some(Checked {
                question: question?,
                body: body?,
                organisation: organisation?,
                group: group?,
                region: countries::region_code(country.as_deref()),
                country,
                anonymous: self.anonymous,
            })
        })())
    }
}

/// The public list's filters (all optional), kept in the page's address.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Filters {
    /// A question's id.
    pub question: String,
    /// A stakeholder group's code.
    pub group: String,
    /// A regional group's code.
    pub region: String,
    /// Words in the organisation's name.
    pub organisation: String,
    /// Words in the text.
    pub words: String,
    /// A theme's id: the contributions behind it.
    pub theme: String,
    /// From 1.
    pub page: u64,
}

impl Filters {
    /// The query string of these filters (without the page), `&`-joined.
    pub fn query(&self) -> String {
        [
            ("question", &self.question),
            ("group", &self.group),
            ("region", &self.region),
            ("organisation", &self.organisation),
            ("q", &self.words),
            ("theme", &self.theme),
        ]
        .iter()
        .filter(|(_, v)| !v.trim().is_empty())
        .map(|(k, v)| format!("{k}={}", crate::web::encode(v.trim())))
        .collect::<Vec<_>>()
        .join("&")
    }

    pub fn any(&self) -> bool {
        !self.query().is_empty()
    }
}

/// A count under a code (a stakeholder group, a region, a question).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Count {
    pub code: String,
    pub count: u64,
}

/// The published figures of a consultation's approved contributions.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Figures {
    pub total: u64,
    /// Every stakeholder group, in their usual order, zeros included.
    pub by_group: Vec<Count>,
    /// Every regional group, then "not given" (code empty) when any.
    pub by_region: Vec<Count>,
    /// Every question, in order (code: the question's id).
    pub by_question: Vec<Count>,
}

impl Figures {
    /// Figures from (code, count) rows, every group and region present.
    pub fn from_rows(
        groups: &[(String, u64)],
        regions: &[(String, u64)],
        questions: &[(String, u64)],
        question_order: &[String],
    ) -> Figures {
        let count = |rows: &[(String, u64)], code: &str| {
            rows.iter().filter(|(c, _)| c == code).map(|(_, n)| n).sum()
        };
        let by_group = StakeholderGroup::ALL
            .iter()
            .map(|g| Count {
                code: g.code().into(),
                count: count(groups, g.code()),
            })
            .collect();
        let mut by_region: Vec<Count> = countries::RegionalGroup::ALL
            .iter()
            .map(|r| Count {
                code: r.code().into(),
                count: count(regions, r.code()),
            })
            .collect();
        let unknown = count(regions, "");
        if unknown > 0 {
            by_region.push(Count {
                code: String::new(),
                count: unknown,
            });
        }
        Figures {
            total: groups.iter().map(|(_, n)| n).sum(),
            by_group,
            by_region,
            by_question: question_order
                .iter()
                .map(|q| Count {
                    code: q.clone(),
                    count: count(questions, q),
                })
                .collect(),
        }
    }
}

/// A phase as the page shows it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PhaseView {
    pub id: String,
    pub name: String,
    /// "2027-01-05 00:00 UTC"
    pub starts: String,
    pub ends: String,
    /// For the organisers' form: `YYYY-MM-DDTHH:MM`.
    pub starts_input: String,
    pub ends_input: String,
    pub contributions: bool,
    pub comments: bool,
    pub current: bool,
    pub over: bool,
}

/// A question as the page shows it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct QuestionView {
    pub id: String,
    pub position: i32,
    pub title: String,
    pub description_html: String,
}

/// A consultation in an edition's list.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ConsultationLine {
    pub slug: String,
    pub title: String,
    pub published: bool,
    /// The current phase's name, if one is in progress.
    pub current_phase: Option<String>,
    pub contributions: u64,
}

/// An edition's consultations page.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ConsultationsPage {
    pub forum_code: String,
    pub forum_name: String,
    pub organiser: bool,
    pub consultations: Vec<ConsultationLine>,
}

/// A contribution as the public list shows it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ContributionView {
    pub id: String,
    pub question: String,
    /// The author's name, or none when they asked to publish without it.
    pub author: Option<String>,
    pub organisation: String,
    pub stakeholder_group: String,
    pub country: String,
    pub country_name: String,
    pub region: String,
    pub body_html: String,
    /// The attachment's name and size in bytes, when there is one.
    pub attachment: Option<(String, i32)>,
    /// "2027-01-05"
    pub sent: String,
}

/// One of the visitor's own contributions.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MyContribution {
    pub id: String,
    pub question: String,
    pub state: State,
    pub reason: String,
    pub sent: String,
}

/// A consultation's public page.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ConsultationPage {
    pub forum_code: String,
    pub forum_name: String,
    pub slug: String,
    pub title: String,
    pub description_html: String,
    pub published: bool,
    pub organiser: bool,
    pub signed_in: bool,
    pub phases: Vec<PhaseView>,
    /// The phase in progress, the next one (when between or before), and
    /// whether every phase is over.
    pub current: Option<String>,
    pub next: Option<(String, String)>,
    pub over: bool,
    pub may_contribute: bool,
    /// "2027-01-16 00:00 UTC": when contributions close.
    pub deadline: Option<String>,
    pub questions: Vec<QuestionView>,
    pub figures: Figures,
    pub filters: Filters,
    /// Approved contributions matching the filters, and this page of them.
    pub matched: u64,
    pub contributions: Vec<ContributionView>,
    /// Shown comments of the contributions on this page, by id.
    pub comment_counts: Vec<(String, u64)>,
    pub drafts: Vec<discussion_types::DraftLine>,
    pub mine: Vec<MyContribution>,
    /// Its meetings in the published programme (every linked session for
    /// organisers).
    pub meetings: Vec<synthesis_types::MeetingLine>,
    /// The theme whose contributions are shown (`filters.theme`), by name.
    pub theme: Option<String>,
}

impl ConsultationPage {
    pub fn pages(&self) -> u64 {
        self.matched.div_ceil(PER_PAGE).max(1)
    }
}

/// The contribute (or edit) form's page.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ContributeFormPage {
    pub forum_code: String,
    pub slug: String,
    pub title: String,
    pub may_contribute: bool,
    pub deadline: Option<String>,
    /// The contribution edited; none for a new one.
    pub contribution: Option<String>,
    pub questions: Vec<QuestionView>,
    pub form: ContributionForm,
    /// The attachment already kept (name), when editing.
    pub attachment: Option<String>,
}

/// A contribution in the organisers' moderation list.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ModerationLine {
    pub id: String,
    pub question: String,
    pub author: String,
    pub email: String,
    pub organisation: String,
    pub stakeholder_group: String,
    pub country_name: String,
    pub anonymous: bool,
    pub state: State,
    pub reason: String,
    pub body_html: String,
    pub attachment: Option<(String, i32)>,
    pub sent: String,
}

/// The organisers' page of a consultation: its details, phases and
/// questions to edit, and the contributions to moderate.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ManagePage {
    pub forum_code: String,
    pub slug: String,
    pub title: String,
    pub description: String,
    pub published: bool,
    pub phases: Vec<PhaseView>,
    pub questions: Vec<QuestionView>,
    /// Contributions in the state chosen (received by default).
    pub state: State,
    pub counts: Vec<(State, u64)>,
    pub lines: Vec<ModerationLine>,
    pub drafts: Vec<discussion_types::DraftLine>,
    pub meetings: Vec<synthesis_types::MeetingLine>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs() {
        assert_eq!(parse_slug(" WSIS-2027 "), Ok("wsis-2027".into()));
        assert_eq!(parse_slug(""), Err("field.required"));
        for bad in ["ab", "a b c", "-abc", "abc-", "été-2027", &"a".repeat(61)] {
            assert_eq!(parse_slug(bad), Err("consultation.slug-invalid"), "{bad}");
        }
    }

    #[test]
    fn text_with_script_is_refused() {
        assert_eq!(
            parse_text("  **Trust**\r\n", 100, true),
            Ok("**Trust**".into())
        );
        assert_eq!(parse_text(" ", 100, true), Err("field.required"));
        assert_eq!(parse_text(" ", 100, false), Ok(String::new()));
        assert_eq!(parse_text("abcd", 3, true), Err("field.too-long"));
        for bad in ["hi <SCRIPT>alert(1)</script>", "[x](JavaScript:alert(1))"] {
            assert_eq!(parse_text(bad, 100, true), Err("consultation.text-script"));
        }
    }

    #[test]
    fn moderation_moves_between_states() {
        assert_eq!(
            Moderation::Approve.apply(State::Received),
            Some(State::Approved)
        );
        assert_eq!(Moderation::Hide.apply(State::Approved), Some(State::Hidden));
        assert_eq!(
            Moderation::Approve.apply(State::Hidden),
            Some(State::Approved)
        );
        assert_eq!(Moderation::Hide.apply(State::Hidden), None);
    }

    #[test]
    fn contribution_form_is_checked_field_by_field() {
        let q = uuid::Uuid::new_v4();
        let form = ContributionForm {
            question: q.to_string(),
            body: "Meaningful access needs *local content*.".into(),
            organisation: " ISOC Kenya ".into(),
            stakeholder_group: "civil-society".into(),
            country: "ke".into(),
            anonymous: true,
        };
        let ok = form.check(&[q]).unwrap();
        assert_eq!(ok.question, q);
        assert_eq!(ok.organisation, "ISOC Kenya");
        assert_eq!(ok.group, StakeholderGroup::CivilSociety);
        assert_eq!(ok.country.as_deref(), Some("KE"));
        assert_eq!(ok.region, "african");
        assert!(ok.anonymous);

        let bad = ContributionForm {
            question: uuid::Uuid::new_v4().to_string(),
            body: "<script>x</script>".into(),
            stakeholder_group: "pirates".into(),
            country: "XX".into(),
            ..Default::default()
        };
        let err = bad.check(&[q]).unwrap_err();
        assert_eq!(
            err.field_message("question"),
            Some("consultation.question-required")
        );
        assert_eq!(err.field_message("body"), Some("consultation.text-script"));
        assert_eq!(
            err.field_message("stakeholder_group"),
            Some("consultation.group-required")
        );
        assert_eq!(
            err.field_message("country"),
            Some("accounts.country-invalid")
        );
        let no_country = ContributionForm {
            country: String::new(),
            ..form
        };
        let ok = no_country.check(&[q]).unwrap();
        assert_eq!((ok.country, ok.region), (None, String::new()));
    }

    #[test]
    fn figures_list_every_group_and_region() {
        let f = Figures::from_rows(
            &[("government".into(), 2), ("civil-society".into(), 3)],
            &[("african".into(), 4), ("".into(), 1)],
            &[("q1".into(), 5)],
            &["q1".into(), "q2".into()],
        );
        assert_eq!(f.total, 5);
        assert_eq!(f.by_group.len(), StakeholderGroup::ALL.len());
        assert_eq!(
            f.by_group[0],
            Count {
                code: "government".into(),
                count: 2
            }
        );
        assert_eq!(f.by_group.iter().map(|c| c.count).sum::<u64>(), 5);
        assert_eq!(
            f.by_region.last().unwrap(),
            &Count {
                code: "".into(),
                count: 1
            }
        );
        assert_eq!(
            f.by_question[1],
            Count {
                code: "q2".into(),
                count: 0
            }
        );
        let none = Figures::from_rows(&[], &[], &[], &[]);
        assert_eq!(none.by_region.len(), countries::RegionalGroup::ALL.len());
    }

    #[test]
    fn filters_make_a_query() {
        let f = Filters {
            group: "government".into(),
            words: "trust & safety".into(),
            ..Default::default()
        };
        assert_eq!(f.query(), "group=government&q=trust%20%26%20safety");
        assert!(f.any());
        assert!(!Filters::default().any());
    }
}
