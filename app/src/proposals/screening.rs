//! Eligibility screening: a proposal's facts checked against its call's rules.
//! A pure function over plain data, so the proposal form can show what the rules
//! still need while typing ("2 of 3 confirmed speakers") and the screening list
//! can show every rule passed or failed, from the same code. The caller supplies
//! the counts that need the rest of the edition (proposals per person and per
//! organisation, sessions per speaker), computed with aggregate queries.

use super::rules::CallRules;
use crate::accounts::countries::RegionalGroup;
use crate::accounts::{Gender, StakeholderGroup};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};

/// The roles people hold in a proposal.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum PersonRole {
    Organiser,
    Speaker,
    OnsiteModerator,
    OnlineModerator,
    Rapporteur,
}

impl PersonRole {
    pub fn code(self) -> &'static str {
        match self {
            PersonRole::Organiser => "organiser",
            PersonRole::Speaker => "speaker",
            PersonRole::OnsiteModerator => "onsite-moderator",
            PersonRole::OnlineModerator => "online-moderator",
            PersonRole::Rapporteur => "rapporteur",
        }
    }
}

/// What screening needs to know of one person in one role of the proposal.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PersonFacts {
    pub role: PersonRole,
    /// Lower-cased; identifies the person across proposals.
    pub email: String,
    pub organisation: String,
    pub stakeholder_group: Option<StakeholderGroup>,
    pub region: Option<RegionalGroup>,
    pub gender: Option<Gender>,
    pub onsite: bool,
    pub confirmed: bool,
}

/// A proposal as screening sees it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProposalFacts {
    pub title: String,
    pub description: String,
    /// The optional fields (see `rules::OPTIONAL_FIELDS`) that are filled in.
    pub filled_fields: Vec<String>,
    pub people: Vec<PersonFacts>,
    /// Other proposals to the edition by the proposer and by their organisation.
    pub other_proposals_by_proposer: u32,
    pub other_proposals_by_organisation: u32,
    /// For each speaker (by email), the sessions of the edition they are already in.
    pub other_sessions_of_speakers: BTreeMap<String, u32>,
    /// The proposer holds a role (organiser, reviewer) in the edition.
    pub proposer_in_team: bool,
}

/// One rule's outcome: what the proposal has against what the rule needs.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RuleCheck {
    /// Locale key of the rule's line (`screening.<rule>`), with `{have}` and `{need}`.
    pub key: String,
    pub passed: bool,
    pub have: u32,
    pub need: u32,
    /// People or fields concerned (speakers over the cap, missing fields).
    pub concerns: Vec<String>,
}

/// Every rule a proposal can be checked against, by the name in its check's
/// key (`screening.<name>`): the basics first, then the call's rules.
pub const RULES: [&str; 14] = [
    "core-fields",
    "co-organiser",
    "min-confirmed-speakers",
    "gender-mix",
    "min-onsite-moderators",
    "min-onsite-speakers",
    "min-organiser-groups",
    "max-proposals-per-person",
    "max-proposals-per-organisation",
    "max-sessions-per-speaker",
    "exclude-team",
    "title-max-chars",
    "description-max-words",
    "required-fields",
];

fn check(key: &str, passed: bool, have: u32, need: u32) -> RuleCheck {
    RuleCheck {
        key: format!("screening.{key}"),
        passed,
        have,
        need,
        concerns: vec![],
    }
}

fn count(people: &[PersonFacts], keep: impl Fn(&PersonFacts) -> bool) -> u32 {
    people.iter().filter(|p| keep(p)).count() as u32
}

/// Every configured rule, checked. Rules the call does not set are left out.
pub fn screen(rules: &CallRules, facts: &ProposalFacts) -> Vec<RuleCheck> {
    let people = &facts.people;
    let speakers = || people.iter().filter(|p| p.role == PersonRole::Speaker);
    let mut checks = vec![];
    if let Some(need) = rules.min_confirmed_speakers {
        let have = count(people, |p| p.role == PersonRole::Speaker && p.confirmed);
        checks.push(check("min-confirmed-speakers", have >= need, have, need));
    }
    if rules.gender_mix {
        // Genders the speakers gave (not "prefer not to say"): at least two.
        let genders: BTreeSet<_> = speakers()
            .filter_map(|p| p.gender)
            .filter(|g| *g != Gender::PreferNotToSay)
            .map(Gender::code)
            .collect();
        let have = genders.len() as u32;
        checks.push(check("gender-mix", have >= 2, have, 2));
    }
    if let Some(need) = rules.min_onsite_moderators {
        let have = count(people, |p| {
            p.role == PersonRole::OnsiteModerator && p.onsite
        });
        checks.push(check("min-onsite-moderators", have >= need, have, need));
    }
    if let Some(need) = rules.min_onsite_speakers {
        let have = count(people, |p| p.role == PersonRole::Speaker && p.onsite);
        checks.push(check("min-onsite-speakers", have >= need, have, need));
    }
    if let Some(need) = rules.min_organiser_groups {
        let groups: BTreeSet<_> = people
            .iter()
            .filter(|p| p.role == PersonRole::Organiser)
            .filter_map(|p| p.stakeholder_group)
            .map(StakeholderGroup::code)
            .collect();
        let have = groups.len() as u32;
        checks.push(check("min-organiser-groups", have >= need, have, need));
    }
    if let Some(need) = rules.max_proposals_per_person {
        let have = facts.other_proposals_by_proposer + 1;
        checks.push(check("max-proposals-per-person", have <= need, have, need));
    }
    if let Some(need) = rules.max_proposals_per_organisation {
        let have = facts.other_proposals_by_organisation + 1;
        checks.push(check(
            "max-proposals-per-organisation",
            have <= need,
            have,
            need,
        ));
    }
    if let Some(need) = rules.max_sessions_per_speaker {
        let over: Vec<String> = speakers()
            .filter(|p| {
                facts
                    .other_sessions_of_speakers
                    .get(&p.email)
                    .copied()
                    .unwrap_or(0)
                    + 1
                    > need
            })
            .map(|p| p.email.clone())
            .collect();
        let most = speakers()
            .map(|p| {
                facts
                    .other_sessions_of_speakers
                    .get(&p.email)
                    .copied()
                    .unwrap_or(0)
                    + 1
            })
            .max()
            .unwrap_or(0);
        let mut c = check("max-sessions-per-speaker", over.is_empty(), most, need);
        c.concerns = over;
        checks.push(c);
    }
    if rules.exclude_team {
        checks.push(check(
            "exclude-team",
            !facts.proposer_in_team,
            u32::from(facts.proposer_in_team),
            0,
        ));
    }
    if let Some(need) = rules.title_max_chars {
        let have = facts.title.trim().chars().count() as u32;
        checks.push(check("title-max-chars", have <= need, have, need));
    }
    if let Some(need) = rules.description_max_words {
        let have = facts.description.split_whitespace().count() as u32;
        checks.push(check("description-max-words", have <= need, have, need));
    }
    if !rules.required_fields.is_empty() {
        let missing: Vec<String> = rules
            .required_fields
            .iter()
            .filter(|f| !facts.filled_fields.contains(f))
            .cloned()
            .collect();
        let need = rules.required_fields.len() as u32;
        let mut c = check(
            "required-fields",
            missing.is_empty(),
            need - missing.len() as u32,
            need,
        );
        c.concerns = missing;
        checks.push(c);
    }
    checks
}

/// What every submission needs besides the call's rules: the five core fields
/// (`core` says which are filled in) and an organiser besides the proposer.
pub fn basics(
    core: &[(&str, bool)],
    facts: &ProposalFacts,
    proposer_email: &str,
) -> Vec<RuleCheck> {
    let missing: Vec<String> = core
        .iter()
        .filter(|(_, present)| !present)
        .map(|(f, _)| f.to_string())
        .collect();
    let co_organisers = count(&facts.people, |x| {
        x.role == PersonRole::Organiser && x.email != proposer_email
    });
    let mut core_check = check(
        "core-fields",
        missing.is_empty(),
        (core.len() - missing.len()) as u32,
        core.len() as u32,
    );
    core_check.concerns = missing;
    vec![
        core_check,
        check("co-organiser", co_organisers >= 1, co_organisers, 1),
    ]
}

/// The basics, then the call's rules: the full list a proposal is held to.
pub fn all_checks(
    rules: &CallRules,
    core: &[(&str, bool)],
    facts: &ProposalFacts,
    proposer_email: &str,
) -> Vec<RuleCheck> {
    let mut checks = basics(core, facts, proposer_email);
    checks.extend(screen(rules, facts));
    checks
}

/// Whether every checked rule passed.
pub fn eligible(checks: &[RuleCheck]) -> bool {
    checks.iter().all(|c| c.passed)
}

/// Who the proposed people are, in aggregate: the figures the form and the
/// screening list show beside the rules. Each person counts once (by email).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Diversity {
    pub people: u32,
    /// Counts by code (`civil-society`, `weog`, `female`…); "not given" under "".
    pub stakeholder_groups: BTreeMap<String, u32>,
    pub regions: BTreeMap<String, u32>,
    pub genders: BTreeMap<String, u32>,
    pub onsite: u32,
    pub online: u32,
}

pub fn diversity(people: &[PersonFacts]) -> Diversity {
    let mut seen = BTreeSet::new();
    let mut d = Diversity::default();
    for p in people {
        if !seen.insert(p.email.as_str()) {
            continue;
        }
        d.people += 1;
        *d.stakeholder_groups
            .entry(
                p.stakeholder_group
                    .map(|g| g.code().to_string())
                    .unwrap_or_default(),
            )
            .or_default() += 1;
        *d.regions
            .entry(p.region.map(|r| r.code().to_string()).unwrap_or_default())
            .or_default() += 1;
        *d.genders
            .entry(p.gender.map(|g| g.code().to_string()).unwrap_or_default())
            .or_default() += 1;
        if p.onsite {
            d.onsite += 1;
        } else {
            d.online += 1;
        }
    }
    d
}

#[cfg(test)]
mod tests {
    use super::*;

    fn person(
        role: PersonRole,
        email: &str,
        group: StakeholderGroup,
        gender: Gender,
        onsite: bool,
        confirmed: bool,
    ) -> PersonFacts {
        PersonFacts {
            role,
            email: email.into(),
            organisation: "Org".into(),
            stakeholder_group: Some(group),
            region: Some(RegionalGroup::African),
            gender: Some(gender),
            onsite,
            confirmed,
        }
    }

    fn workshop() -> ProposalFacts {
        use Gender::*;
        use PersonRole::*;
        use StakeholderGroup::*;
        ProposalFacts {
            title: "Meaningful connectivity in rural Africa".into(),
            description: "word ".repeat(120),
            filled_fields: vec![
                "policy_questions".into(),
                "expected_outcomes".into(),
                "hybrid_plan".into(),
            ],
            people: vec![
                person(
                    Organiser,
                    "amina@example.org",
                    CivilSociety,
                    Female,
                    true,
                    true,
                ),
                person(
                    Organiser,
                    "jon@example.org",
                    PrivateSector,
                    Male,
                    false,
                    true,
                ),
                person(Speaker, "a@example.org", Government, Female, true, true),
                person(
                    Speaker,
                    "b@example.org",
                    TechnicalCommunity,
                    Male,
                    true,
                    true,
                ),
                person(Speaker, "c@example.org", CivilSociety, Other, false, true),
                person(
                    OnsiteModerator,
                    "amina@example.org",
                    CivilSociety,
                    Female,
                    true,
                    true,
                ),
            ],
            ..Default::default()
        }
    }

    fn find<'a>(checks: &'a [RuleCheck], rule: &str) -> &'a RuleCheck {
        checks
            .iter()
            .find(|c| c.key == format!("screening.{rule}"))
            .unwrap_or_else(|| panic!("{rule} not checked"))
    }

    #[test]
    fn the_igf_rules_pass_for_a_balanced_workshop() {
        let checks = screen(&CallRules::igf_defaults(), &workshop());
        assert!(eligible(&checks), "{checks:#?}");
        let speakers = find(&checks, "min-confirmed-speakers");
        assert_eq!((speakers.have, speakers.need), (3, 3));
    }

    #[test]
    fn each_rule_fails_on_its_own() {
        let rules = CallRules::igf_defaults();
        let mut facts = workshop();
        facts.people.retain(|p| p.email != "b@example.org");
        facts.title = "x".repeat(61);
        facts.description = "word ".repeat(251);
        facts.filled_fields.clear();
        facts.other_proposals_by_proposer = 3;
        facts
            .other_sessions_of_speakers
            .insert("a@example.org".into(), 3);
        facts.proposer_in_team = true;
        let checks = screen(&rules, &facts);
        assert!(!eligible(&checks));
        let failed: BTreeSet<&str> = checks
            .iter()
            .filter(|c| !c.passed)
            .map(|c| c.key.as_str())
            .collect();
        for rule in [
            "min-confirmed-speakers",
            "min-onsite-speakers",
            "max-proposals-per-person",
            "max-sessions-per-speaker",
            "exclude-team",
            "title-max-chars",
            "description-max-words",
            "required-fields",
        ] {
            assert!(
                failed.contains(format!("screening.{rule}").as_str()),
                "{rule} should fail: {checks:#?}"
            );
        }
        assert_eq!(
            find(&checks, "max-sessions-per-speaker").concerns,
            vec!["a@example.org".to_string()]
        );
        assert_eq!(
            find(&checks, "required-fields").concerns,
            vec!["policy_questions", "expected_outcomes", "hybrid_plan"]
        );
        assert_eq!(find(&checks, "title-max-chars").have, 61);
        for c in &checks {
            assert!(
                crate::i18n::has_key(crate::i18n::Locale::En, &c.key),
                "{} has no text",
                c.key
            );
        }
        // Still balanced in gender (female and other among the speakers left).
        assert!(find(&checks, "gender-mix").passed);
    }

    #[test]
    fn confirmed_speakers_are_counted_against_the_need() {
        let rules = CallRules {
            min_confirmed_speakers: Some(3),
            ..Default::default()
        };
        let mut facts = workshop();
        facts.people[4].confirmed = false;
        let checks = screen(&rules, &facts);
        let c = find(&checks, "min-confirmed-speakers");
        assert_eq!((c.have, c.need, c.passed), (2, 3, false));
        assert_eq!(
            checks.len(),
            1,
            "rules the call does not set are not checked"
        );
    }

    #[test]
    fn gender_mix_ignores_prefer_not_to_say() {
        let rules = CallRules {
            gender_mix: true,
            ..Default::default()
        };
        let mut facts = workshop();
        for p in facts
            .people
            .iter_mut()
            .filter(|p| p.role == PersonRole::Speaker)
        {
            p.gender = Some(Gender::Female);
        }
        facts.people[4].gender = Some(Gender::PreferNotToSay);
        assert!(!screen(&rules, &facts)[0].passed);
        facts.people[4].gender = Some(Gender::Male);
        assert!(screen(&rules, &facts)[0].passed);
    }

    #[test]
    fn organisers_need_several_stakeholder_groups() {
        let rules = CallRules {
            min_organiser_groups: Some(2),
            ..Default::default()
        };
        let mut facts = workshop();
        assert!(screen(&rules, &facts)[0].passed);
        facts.people[1].stakeholder_group = Some(StakeholderGroup::CivilSociety);
        let c = &screen(&rules, &facts)[0];
        assert_eq!((c.have, c.passed), (1, false));
    }

    #[test]
    fn diversity_counts_each_person_once() {
        let d = diversity(&workshop().people);
        assert_eq!(d.people, 5, "the organiser who also moderates counts once");
        assert_eq!(d.onsite, 3);
        assert_eq!(d.online, 2);
        assert_eq!(d.stakeholder_groups.get("civil-society"), Some(&2));
        assert_eq!(d.genders.get("female"), Some(&2));
        assert_eq!(d.regions.get("african"), Some(&5));
    }
}
