//! The proposal form's values, as the browser has them while someone types,
//! turned into screening facts: the same rules then run in the page.

use super::fields;
use super::screening::{PersonFacts, ProposalFacts};
use crate::accounts::{countries, Gender, StakeholderGroup};
use std::collections::BTreeMap;

/// The value of a plain field.
fn value<'a>(pairs: &'a [(String, String)], name: &str) -> &'a str {
    pairs
        .iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.trim())
        .unwrap_or("")
}

/// Whether any field whose name starts with `prefix` holds something.
fn any(pairs: &[(String, String)], prefix: &str) -> bool {
    pairs
        .iter()
        .any(|(k, v)| k.starts_with(prefix) && !v.trim().is_empty())
}

/// The facts and the core fields' presence from the form's (name, value)
/// pairs. Confirmations and the edition-wide counts come from `base`, the
/// saved proposal's facts; the proposer counts as confirmed.
pub fn facts_from_form(
    pairs: &[(String, String)],
    base: &ProposalFacts,
    proposer_email: &str,
) -> (ProposalFacts, [(&'static str, bool); 5]) {
    let core = [
        ("session_type", !value(pairs, "session_type").is_empty()),
        ("duration", !value(pairs, "duration").is_empty()),
        ("theme", !value(pairs, "theme").is_empty()),
        ("title", !value(pairs, "title").is_empty()),
        ("description", !value(pairs, "description").is_empty()),
    ];
    let mut filled = vec![];
    for (field, present) in [
        ("policy_questions", any(pairs, "policy_questions[")),
        (
            "expected_outcomes",
            !value(pairs, "expected_outcomes").is_empty(),
        ),
        ("hybrid_plan", !value(pairs, "hybrid_plan").is_empty()),
        ("sdgs", any(pairs, "sdgs[")),
        ("action_lines", any(pairs, "action_lines[")),
        ("room_layout", !value(pairs, "room_layout").is_empty()),
        (
            "previous_report",
            !value(pairs, "previous_report_url").is_empty(),
        ),
    ] {
        if present {
            filled.push(field.to_string());
        }
    }
    // people[i][field] → row i
    let mut rows: BTreeMap<usize, BTreeMap<String, String>> = BTreeMap::new();
    for (k, v) in pairs {
        let Some(rest) = k.strip_prefix("people[") else {
            continue;
        };
        let Some((index, field)) = rest.split_once("][") else {
            continue;
        };
        let (Ok(index), Some(field)) = (index.parse::<usize>(), field.strip_suffix(']')) else {
            continue;
        };
        rows.entry(index)
            .or_default()
            .insert(field.to_string(), v.trim().to_string());
    }
    let people = rows
        .values()
        .filter_map(|row| {
            let get = |f: &str| row.get(f).map(String::as_str).unwrap_or("");
            let email = get("email").to_lowercase();
            if get("name").is_empty() && email.is_empty() {
                return None;
            }
            let role = fields::role(get("role"))?;
            let confirmed = email == proposer_email
                || base
                    .people
                    .iter()
                    .any(|p| p.email == email && p.role == role && p.confirmed);
            Some(PersonFacts {
                role,
                region: countries::regional_group(get("country")),
                stakeholder_group: StakeholderGroup::from_code(get("stakeholder_group")),
                gender: Gender::from_code(get("gender")),
                onsite: !get("onsite").is_empty(),
                organisation: get("organisation").to_string(),
                confirmed,
                email,
            })
        })
        .collect();
    let facts = ProposalFacts {
        title: value(pairs, "title").to_string(),
        description: value(pairs, "description").to_string(),
        filled_fields: filled,
        people,
        ..base.clone()
    };
    (facts, core)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::proposals::rules::CallRules;
    use crate::proposals::screening::{all_checks, PersonRole};

    fn pairs(items: &[(&str, &str)]) -> Vec<(String, String)> {
        items
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    #[test]
    fn the_form_as_typed_gives_the_same_checks_as_the_server() {
        let base = ProposalFacts {
            people: vec![PersonFacts {
                role: PersonRole::Speaker,
                email: "s1@example.org".into(),
                organisation: String::new(),
                stakeholder_group: None,
                region: None,
                gender: None,
                onsite: true,
                confirmed: true,
            }],
            other_proposals_by_proposer: 1,
            ..Default::default()
        };
        let form = pairs(&[
            ("title", "A title"),
            ("description", "Words"),
            ("session_type", "x"),
            ("policy_questions[0]", "Why?"),
            ("people[0][role]", "organiser"),
            ("people[0][name]", "Me"),
            ("people[0][email]", "me@example.org"),
            ("people[1][role]", "speaker"),
            ("people[1][name]", "S One"),
            ("people[1][email]", "S1@example.org"),
            ("people[1][onsite]", "on"),
            ("people[1][gender]", "female"),
            ("people[2][role]", "speaker"),
            ("people[2][name]", "S Two"),
            ("people[2][email]", "s2@example.org"),
            ("people[3][role]", "speaker"),
        ]);
        let (facts, core) = facts_from_form(&form, &base, "me@example.org");
        assert_eq!(facts.people.len(), 3, "the empty fourth row is ignored");
        assert!(facts.people[1].confirmed, "a confirmation carries over");
        assert!(!facts.people[2].confirmed);
        assert_eq!(
            facts.other_proposals_by_proposer, 1,
            "edition-wide counts come from the server"
        );
        assert_eq!(core.iter().filter(|(_, p)| *p).count(), 3);
        let rules = CallRules {
            min_confirmed_speakers: Some(2),
            required_fields: vec!["policy_questions".into()],
            ..Default::default()
        };
        let checks = all_checks(&rules, &core, &facts, "me@example.org");
        let speakers = checks
            .iter()
            .find(|c| c.key == "screening.min-confirmed-speakers")
            .unwrap();
        assert_eq!((speakers.have, speakers.need), (1, 2));
        assert!(
            checks
                .iter()
                .find(|c| c.key == "screening.required-fields")
                .unwrap()
                .passed
        );
        assert!(
            !checks
                .iter()
                .find(|c| c.key == "screening.co-organiser")
                .unwrap()
                .passed
        );
    }
}
