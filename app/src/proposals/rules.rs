//! A call's eligibility rules: each optional, each with its own number. They are
//! configured per call and stored as JSON with the call; screening checks
//! proposals against them.

use serde::{Deserialize, Serialize};

/// Proposal fields a call can make required (title, description, type, theme and
/// duration always are).
pub const OPTIONAL_FIELDS: [&str; 7] = [
    "policy_questions",
    "expected_outcomes",
    "hybrid_plan",
    "sdgs",
    "action_lines",
    "room_layout",
    "previous_report",
];

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct CallRules {
    /// At least this many speakers who confirmed.
    pub min_confirmed_speakers: Option<u32>,
    /// At least one speaker of a different gender from the rest.
    pub gender_mix: bool,
    pub min_onsite_moderators: Option<u32>,
    pub min_onsite_speakers: Option<u32>,
    /// Organisers from at least this many stakeholder groups.
    pub min_organiser_groups: Option<u32>,
    pub max_proposals_per_person: Option<u32>,
    pub max_proposals_per_organisation: Option<u32>,
    /// A speaker in at most this many sessions across the edition.
    pub max_sessions_per_speaker: Option<u32>,
    /// People with a role in the edition (organisers, reviewers) cannot propose.
    pub exclude_team: bool,
    pub title_max_chars: Option<u32>,
    pub description_max_words: Option<u32>,
    /// Names from [`OPTIONAL_FIELDS`].
    pub required_fields: Vec<String>,
}

/// The rules as typed into the call form: numbers as text, boxes as present or not.
#[derive(Clone, Debug, Default)]
pub struct RulesInput {
    pub min_confirmed_speakers: String,
    pub gender_mix: bool,
    pub min_onsite_moderators: String,
    pub min_onsite_speakers: String,
    pub min_organiser_groups: String,
    pub max_proposals_per_person: String,
    pub max_proposals_per_organisation: String,
    pub max_sessions_per_speaker: String,
    pub exclude_team: bool,
    pub title_max_chars: String,
    pub description_max_words: String,
    pub required_fields: Vec<String>,
}

/// An optional whole number within `range`: empty means "no such rule".
fn number(input: &str, range: std::ops::RangeInclusive<u32>) -> Result<Option<u32>, &'static str> {
    match input.trim() {
        "" => Ok(None),
        text => match text.parse::<u32>() {
            Ok(n) if range.contains(&n) => Ok(Some(n)),
            _ => Err("calls.rule-number-invalid"),
        },
    }
}

impl RulesInput {
    /// The rules, or every (field, message) that is wrong.
    pub fn parse(&self) -> Result<CallRules, Vec<(&'static str, &'static str)>> {
        let mut problems = vec![];
        let mut n =
            |field: &'static str, text: &str, range: std::ops::RangeInclusive<u32>| match number(
                text, range,
            ) {
                Ok(v) => v,
                Err(m) => {
                    problems.push((field, m));
                    None
                }
            };
        let rules = CallRules {
            min_confirmed_speakers: n(
                "min_confirmed_speakers",
                &self.min_confirmed_speakers,
                1..=20,
            ),
            gender_mix: self.gender_mix,
            min_onsite_moderators: n("min_onsite_moderators", &self.min_onsite_moderators, 1..=5),
            min_onsite_speakers: n("min_onsite_speakers", &self.min_onsite_speakers, 1..=20),
            min_organiser_groups: n("min_organiser_groups", &self.min_organiser_groups, 1..=5),
            max_proposals_per_person: n(
                "max_proposals_per_person",
                &self.max_proposals_per_person,
                1..=100,
            ),
            max_proposals_per_organisation: n(
                "max_proposals_per_organisation",
                &self.max_proposals_per_organisation,
                1..=100,
            ),
            max_sessions_per_speaker: n(
                "max_sessions_per_speaker",
                &self.max_sessions_per_speaker,
                1..=100,
            ),
            exclude_team: self.exclude_team,
            title_max_chars: n("title_max_chars", &self.title_max_chars, 10..=500),
            description_max_words: n(
                "description_max_words",
                &self.description_max_words,
                20..=5000,
            ),
            required_fields: OPTIONAL_FIELDS
                .iter()
                .filter(|f| self.required_fields.iter().any(|r| r == *f))
                .map(|f| f.to_string())
                .collect(),
        };
        if problems.is_empty() {
            Ok(rules)
        } else {
            Err(problems)
        }
    }
}

impl CallRules {
    /// The IGF's rules of recent years, a starting point for a new call.
    pub fn igf_defaults() -> Self {
        CallRules {
            min_confirmed_speakers: Some(3),
            gender_mix: true,
            min_onsite_moderators: Some(1),
            min_onsite_speakers: Some(2),
            min_organiser_groups: Some(2),
            max_proposals_per_person: Some(3),
            max_proposals_per_organisation: Some(3),
            max_sessions_per_speaker: Some(3),
            exclude_team: true,
            title_max_chars: Some(60),
            description_max_words: Some(250),
            required_fields: vec![
                "policy_questions".into(),
                "expected_outcomes".into(),
                "hybrid_plan".into(),
            ],
        }
    }

    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_else(|_| "{}".into())
    }

    /// Stored rules; unknown or missing parts fall back to "no rule".
    pub fn from_json(json: &str) -> Self {
        serde_json::from_str(json).unwrap_or_default()
    }

    pub fn requires(&self, field: &str) -> bool {
        self.required_fields.iter().any(|f| f == field)
    }

    /// The rules in words, as (locale key, number) pairs for the call page.
    pub fn summary(&self) -> Vec<(&'static str, Option<u32>)> {
        let mut lines = vec![];
        let mut add = |key: &'static str, v: Option<u32>| {
            if let Some(n) = v {
                lines.push((key, Some(n)));
            }
        };
        add(
            "calls.rule.min-confirmed-speakers",
            self.min_confirmed_speakers,
        );
        add(
            "calls.rule.min-onsite-moderators",
            self.min_onsite_moderators,
        );
        add("calls.rule.min-onsite-speakers", self.min_onsite_speakers);
        add("calls.rule.min-organiser-groups", self.min_organiser_groups);
        add(
            "calls.rule.max-proposals-per-person",
            self.max_proposals_per_person,
        );
        add(
            "calls.rule.max-proposals-per-organisation",
            self.max_proposals_per_organisation,
        );
        add(
            "calls.rule.max-sessions-per-speaker",
            self.max_sessions_per_speaker,
        );
        add("calls.rule.title-max-chars", self.title_max_chars);
        add(
            "calls.rule.description-max-words",
            self.description_max_words,
        );
        if self.gender_mix {
            lines.push(("calls.rule.gender-mix", None));
        }
        if self.exclude_team {
            lines.push(("calls.rule.exclude-team", None));
        }
        lines
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_numbers_mean_no_rule_and_bad_ones_are_named() {
        let input = RulesInput {
            min_confirmed_speakers: "3".into(),
            max_proposals_per_person: " ".into(),
            title_max_chars: "five".into(),
            description_max_words: "10".into(),
            required_fields: vec!["hybrid_plan".into(), "nonsense".into()],
            ..Default::default()
        };
        assert_eq!(
            input.parse().unwrap_err(),
            vec![
                ("title_max_chars", "calls.rule-number-invalid"),
                ("description_max_words", "calls.rule-number-invalid")
            ]
        );
        let input = RulesInput {
            title_max_chars: "60".into(),
            description_max_words: "".into(),
            ..input
        };
        let rules = input.parse().unwrap();
        assert_eq!(rules.min_confirmed_speakers, Some(3));
        assert_eq!(rules.max_proposals_per_person, None);
        assert_eq!(rules.required_fields, vec!["hybrid_plan".to_string()]);
    }

    #[test]
    fn rules_round_trip_through_json() {
        let rules = CallRules::igf_defaults();
        assert_eq!(CallRules::from_json(&rules.to_json()), rules);
        assert_eq!(CallRules::from_json("not json"), CallRules::default());
        assert!(CallRules::from_json(r#"{"gender_mix":true}"#).gender_mix);
        assert!(rules.summary().len() >= 9);
    }
}
