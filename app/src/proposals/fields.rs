//! A proposal's fields as typed, and the checks a draft must pass to be saved:
//! limits, well-formed values, known codes. What a submission additionally
//! needs (required fields, the call's rules) is checked at submission.

use crate::accounts::domain::{parse_organisation, EmailAddress, PersonName};
use crate::accounts::{countries, Gender, StakeholderGroup};
use crate::forums::catalogue;
use crate::forums::rules::{optional_line, UN_LANGUAGES};
use crate::proposals::screening::PersonRole;
use serde::{Deserialize, Serialize};

pub const MAX_TITLE_CHARS: usize = 300;
pub const MAX_TEXT_CHARS: usize = 20_000;
pub const MAX_QUESTION_CHARS: usize = 1_000;
pub const MAX_PEOPLE: usize = 30;

/// One person row of the form; a row left entirely empty is ignored.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct PersonInput {
    pub role: String,
    pub name: String,
    pub email: String,
    pub organisation: String,
    pub country: String,
    pub stakeholder_group: String,
    pub gender: String,
    /// "on" when the person takes part onsite.
    pub onsite: Option<String>,
    /// The email of someone the proposer named before, picked to fill the
    /// row (see [`fill_from_known`]).
    pub known: String,
}

impl PersonInput {
    fn is_empty(&self) -> bool {
        [&self.name, &self.email, &self.organisation, &self.country]
            .iter()
            .all(|v| v.trim().is_empty())
    }
}

/// Rows where someone named before was picked and nothing typed get that
/// person's details (what the browser does at once with JavaScript, the
/// server does on saving without it). `known` comes from the proposer's own
/// proposals, never from the form.
pub fn fill_from_known(rows: &mut [PersonInput], known: &[super::PersonRow]) {
    for row in rows.iter_mut() {
        let picked = row.known.trim();
        if picked.is_empty() || !row.name.trim().is_empty() || !row.email.trim().is_empty() {
            continue;
        }
        if let Some(k) = known.iter().find(|k| k.email.eq_ignore_ascii_case(picked)) {
            row.name = k.name.clone();
            row.email = k.email.clone();
            row.organisation = k.organisation.clone();
            row.country = k.country.clone();
            row.stakeholder_group = k.stakeholder_group.clone();
            row.gender = k.gender.clone();
        }
    }
}

/// A person, checked.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Person {
    pub role: PersonRole,
    pub name: String,
    pub email: String,
    pub organisation: String,
    pub country: Option<String>,
    pub stakeholder_group: Option<StakeholderGroup>,
    pub gender: Option<Gender>,
    pub onsite: bool,
}

pub fn role(code: &str) -> Option<PersonRole> {
    [
        PersonRole::Organiser,
        PersonRole::Speaker,
        PersonRole::OnsiteModerator,
        PersonRole::OnlineModerator,
        PersonRole::Rapporteur,
    ]
    .into_iter()
    .find(|r| r.code() == code)
}

/// The people rows: every problem as (field name as in the form, message key).
pub fn people(rows: &[PersonInput]) -> Result<Vec<Person>, Vec<(String, &'static str)>> {
    let mut problems = vec![];
    let mut people = vec![];
    let filled: Vec<(usize, &PersonInput)> = rows
        .iter()
        .enumerate()
        .filter(|(_, r)| !r.is_empty())
        .collect();
    if filled.len() > MAX_PEOPLE {
        problems.push(("people".to_string(), "proposals.too-many-people"));
    }
    for (i, row) in filled {
        let field = |name: &str| format!("people[{i}][{name}]");
        let role = role(row.role.trim());
        if role.is_none() {
            problems.push((field("role"), "field.choice-invalid"));
        }
        let name = PersonName::parse(&row.name)
            .map_err(|m| problems.push((field("name"), m)))
            .ok();
        let email = EmailAddress::parse(&row.email)
            .map_err(|m| problems.push((field("email"), m)))
            .ok();
        let organisation = parse_organisation(&row.organisation)
            .map_err(|m| problems.push((field("organisation"), m)))
            .ok();
        let country = match row.country.trim() {
            "" => Some(None),
            code => match countries::country(code) {
                Some(c) => Some(Some(c.code.to_string())),
                None => {
                    problems.push((field("country"), "accounts.country-invalid"));
                    None
                }
            },
        };
        let group = match row.stakeholder_group.trim() {
            "" => Some(None),
            code => StakeholderGroup::from_code(code).map(Some).or_else(|| {
                problems.push((field("stakeholder_group"), "field.choice-invalid"));
                None
            }),
        };
        let gender = match row.gender.trim() {
            "" => Some(None),
            code => Gender::from_code(code).map(Some).or_else(|| {
                problems.push((field("gender"), "field.choice-invalid"));
                None
            }),
        };
        if let (
            Some(role),
            Some(name),
            Some(email),
            Some(organisation),
            Some(country),
            Some(group),
            Some(gender),
        ) = (role, name, email, organisation, country, group, gender)
        {
            people.push(Person {
                role,
                name: name.as_str().to_string(),
                email: email.as_str().to_string(),
                organisation,
                country,
                stakeholder_group: group,
                gender,
                onsite: row.onsite.is_some(),
            });
        }
    }
    if problems.is_empty() {
        Ok(people)
    } else {
        Err(problems)
    }
}

/// A text field within a limit; markup is kept as typed (it is escaped, never
/// rendered as HTML) but control characters are refused.
pub fn text(input: &str, max: usize) -> Result<String, &'static str> {
    let text = input.trim().replace("\r\n", "\n");
    if text.chars().count() > max {
        Err("field.too-long")
    } else if text
        .chars()
        .any(|c| c.is_control() && c != '\n' && c != '\t')
    {
        Err("field.control-characters")
    } else {
        Ok(text)
    }
}

/// Text that must not be empty (after trimming), up to `max` characters.
pub fn required_text(input: &str, max: usize) -> Result<String, &'static str> {
    match text(input, max)? {
        t if t.is_empty() => Err("field.required"),
        t => Ok(t),
    }
}

/// Up to three policy questions, empty ones dropped.
pub fn policy_questions(inputs: &[String]) -> Result<Vec<String>, &'static str> {
    let questions: Vec<String> = inputs
        .iter()
        .map(|q| q.trim())
        .filter(|q| !q.is_empty())
        .map(str::to_string)
        .collect();
    if questions.len() > 3 {
        return Err("proposals.too-many-questions");
    }
    questions
        .into_iter()
        .map(|q| text(&q, MAX_QUESTION_CHARS))
        .collect()
}

pub fn sdgs(inputs: &[String]) -> Result<Vec<u8>, &'static str> {
    let mut goals = vec![];
    for s in inputs {
        match s.trim().parse::<u8>() {
            Ok(n) if catalogue::SDGS.contains(&n) => goals.push(n),
            _ => return Err("field.choice-invalid"),
        }
    }
    goals.sort_unstable();
    goals.dedup();
    Ok(goals)
}

pub fn action_lines(inputs: &[String]) -> Result<Vec<String>, &'static str> {
    let known: Vec<&str> = catalogue::action_lines().collect();
    let mut lines = vec![];
    for s in inputs {
        match known.iter().find(|k| **k == s.trim()) {
            Some(k) => lines.push(k.to_string()),
            None => return Err("field.choice-invalid"),
        }
    }
    lines.dedup();
    Ok(lines)
}

pub fn languages(inputs: &[String]) -> Result<Vec<String>, &'static str> {
    if inputs.iter().all(|l| UN_LANGUAGES.contains(&l.as_str())) {
        Ok(UN_LANGUAGES
            .iter()
            .filter(|l| inputs.iter().any(|i| i == *l))
            .map(|l| l.to_string())
            .collect())
    } else {
        Err("field.choice-invalid")
    }
}

/// Free tags, comma-separated: trimmed, without repeats, at most 10 of 40 characters.
pub fn tags(input: &str) -> Result<Vec<String>, &'static str> {
    let mut tags: Vec<String> = vec![];
    for tag in input.split(',').map(str::trim).filter(|t| !t.is_empty()) {
        let tag = optional_line(tag, 40)?;
        if !tags.iter().any(|t| t.eq_ignore_ascii_case(&tag)) {
            tags.push(tag);
        }
    }
    if tags.len() > 10 {
        Err("proposals.too-many-tags")
    } else {
        Ok(tags)
    }
}

/// A link to a report: empty, or an http(s) address.
pub fn report_url(input: &str) -> Result<String, &'static str> {
    let url = input.trim();
    if url.is_empty() {
        return Ok(String::new());
    }
    let ok = (url.starts_with("https://") || url.starts_with("http://"))
        && url.len() <= 500
        && !url
            .chars()
            .any(|c| c.is_whitespace() || c.is_control() || c == '"' || c == '<' || c == '>');
    if ok {
        Ok(url.to_string())
    } else {
        Err("proposals.url-invalid")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_picked_person_fills_an_empty_row_only() {
        let known = vec![crate::proposals::PersonRow {
            role: "speaker".into(),
            name: "Amina Okafor".into(),
            email: "amina@example.org".into(),
            organisation: "Data Justice Lab".into(),
            country: "KE".into(),
            stakeholder_group: "civil-society".into(),
            gender: "female".into(),
            onsite: true,
            confirmation: "confirmed".into(),
        }];
        let mut rows = vec![
            PersonInput {
                role: "speaker".into(),
                known: "AMINA@example.org".into(),
                ..Default::default()
            },
            PersonInput {
                role: "speaker".into(),
                name: "Typed".into(),
                known: "amina@example.org".into(),
                ..Default::default()
            },
            PersonInput {
                role: "speaker".into(),
                known: "stranger@example.org".into(),
                ..Default::default()
            },
        ];
        fill_from_known(&mut rows, &known);
        assert_eq!(rows[0].name, "Amina Okafor");
        assert_eq!(rows[0].country, "KE");
        assert_eq!(rows[0].stakeholder_group, "civil-society");
        assert_eq!(rows[1].name, "Typed", "what was typed wins");
        assert_eq!(rows[1].email, "");
        assert_eq!(rows[2].name, "", "only people the proposer named before");
    }

    fn row(role: &str, name: &str, email: &str) -> PersonInput {
        PersonInput {
            role: role.into(),
            name: name.into(),
            email: email.into(),
            ..Default::default()
        }
    }

    #[test]
    fn people_rows_are_checked_and_empty_rows_ignored() {
        let rows = vec![
            PersonInput {
                country: "ke".into(),
                stakeholder_group: "civil-society".into(),
                gender: "female".into(),
                onsite: Some("on".into()),
                ..row("speaker", "Wanjiru", "W@Example.org")
            },
            PersonInput::default(),
            row("organiser", "Ana", "ana@example.org"),
        ];
        let found = people(&rows).unwrap();
        assert_eq!(found.len(), 2);
        assert_eq!(found[0].email, "w@example.org");
        assert_eq!(found[0].country.as_deref(), Some("KE"));
        assert!(found[0].onsite && !found[1].onsite);

        let bad = vec![
            row("speaker", "", "nope"),
            PersonInput {
                country: "XX".into(),
                ..row("juggler", "Bo", "bo@example.org")
            },
        ];
        let problems = people(&bad).unwrap_err();
        let fields: Vec<&str> = problems.iter().map(|(f, _)| f.as_str()).collect();
        assert_eq!(
            fields,
            vec![
                "people[0][name]",
                "people[0][email]",
                "people[1][role]",
                "people[1][country]"
            ]
        );
    }

    #[test]
    fn texts_lists_and_links() {
        assert_eq!(text("  a\r\nb ", 10), Ok("a\nb".into()));
        assert_eq!(text("a\u{7}b", 10), Err("field.control-characters"));
        assert_eq!(
            text("<script>alert(1)</script>", 100),
            Ok("<script>alert(1)</script>".into()),
            "kept as text, escaped when shown"
        );
        assert_eq!(
            policy_questions(&["q1".into(), " ".into(), "q2".into()]),
            Ok(vec!["q1".into(), "q2".into()])
        );
        assert!(policy_questions(&["a".into(), "b".into(), "c".into(), "d".into()]).is_err());
        assert_eq!(
            sdgs(&["17".into(), "4".into(), "4".into()]),
            Ok(vec![4, 17])
        );
        assert!(sdgs(&["18".into()]).is_err());
        assert_eq!(action_lines(&["C7.4".into()]), Ok(vec!["C7.4".into()]));
        assert!(action_lines(&["C12".into()]).is_err());
        assert_eq!(
            languages(&["fr".into(), "ar".into()]),
            Ok(vec!["ar".into(), "fr".into()])
        );
        assert_eq!(
            tags("AI, ai , youth,"),
            Ok(vec!["AI".into(), "youth".into()])
        );
        assert_eq!(
            report_url("https://igf.example/report/12"),
            Ok("https://igf.example/report/12".into())
        );
        assert!(report_url("javascript:alert(1)").is_err());
    }
}
