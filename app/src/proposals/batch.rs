//! Every proposal of an edition with its screening facts and rule results, in a
//! fixed number of statements however many proposals and people there are
//! (server only). The organisers' tables, the CSV export and the public list of
//! received proposals read through here; the edition-wide counts the rules need
//! (proposals per person and organisation, sessions per speaker) are computed
//! from the loaded rows instead of one query per proposal.

use super::drafts::{core_fields, filled_fields, person_facts, SUBMITTED};
use super::rules::CallRules;
use super::screening::{self, PersonRole, ProposalFacts, RuleCheck};
use crate::db::{
    call, forum_role, proposal, proposal_person, screening_override, session_type, theme, user,
};
use crate::error::AppError;
use sea_orm::{entity::prelude::*, ConnectionTrait, QueryOrder, QuerySelect, QueryTrait};
use std::collections::{BTreeMap, HashMap, HashSet};

/// One proposal with everything screening knows of it.
#[derive(Clone, Debug)]
pub struct Screened {
    pub proposal: proposal::Model,
    pub proposer: user::Model,
    pub people: Vec<proposal_person::Model>,
    pub facts: ProposalFacts,
    /// Every rule's result, organisers' overrides applied.
    pub checks: Vec<RuleCheck>,
    pub overrides: Vec<screening_override::Model>,
}

/// The edition's proposals and what the tables show beside them.
#[derive(Clone, Debug, Default)]
pub struct Edition {
    pub proposals: Vec<Screened>,
    pub themes: Vec<theme::Model>,
    pub session_types: Vec<session_type::Model>,
    pub calls: Vec<call::Model>,
    /// Names of the organisers who decided overrides and screening.
    pub deciders: HashMap<Uuid, String>,
}

/// What the edition's other submitted proposals add up to, per proposal.
#[derive(Debug, Default)]
struct EditionCounts {
    by_proposer: HashMap<Uuid, u32>,
    by_organisation: HashMap<String, u32>,
    /// Submitted proposals each email appears in (any role).
    by_email: HashMap<String, u32>,
}

impl EditionCounts {
    fn new(list: &[(&proposal::Model, &user::Model, &[proposal_person::Model])]) -> Self {
        let mut counts = Self::default();
        for (p, proposer, people) in list.iter().filter(|(p, _, _)| p.state == SUBMITTED) {
            *counts.by_proposer.entry(p.proposer_id).or_default() += 1;
            let org = proposer.organisation.trim();
            if !org.is_empty() {
                *counts.by_organisation.entry(org.to_string()).or_default() += 1;
            }
            let emails: HashSet<&str> = people.iter().map(|x| x.email.as_str()).collect();
            for e in emails {
                *counts.by_email.entry(e.to_string()).or_default() += 1;
            }
        }
        counts
    }

    /// The counts for `p`, leaving `p` itself out.
    fn apply(
        &self,
        facts: &mut ProposalFacts,
        p: &proposal::Model,
        proposer: &user::Model,
        people: &[proposal_person::Model],
    ) {
        let own = u32::from(p.state == SUBMITTED);
        let others = |n: Option<&u32>| n.copied().unwrap_or(0).saturating_sub(own);
        facts.other_proposals_by_proposer = others(self.by_proposer.get(&p.proposer_id));
        let org = proposer.organisation.trim();
        facts.other_proposals_by_organisation = if org.is_empty() {
            0
        } else {
            others(self.by_organisation.get(org))
        };
        facts.other_sessions_of_speakers = people
            .iter()
            .filter(|x| x.role == PersonRole::Speaker.code())
            .filter_map(|x| {
                let n = others(self.by_email.get(&x.email));
                (n > 0).then(|| (x.email.clone(), n))
            })
            .collect::<BTreeMap<_, _>>();
    }
}

/// Whether an organiser of the proposal (its proposer included) is from a
/// developing country.
pub fn developing(people: &[proposal_person::Model], proposer: &user::Model) -> bool {
    developing_among(
        people
            .iter()
            .filter(|x| x.role == PersonRole::Organiser.code())
            .filter_map(|x| x.country.as_deref()),
        proposer,
    )
}

/// Whether any of the organisers' countries (or the proposer's) is developing.
pub fn developing_among<'a>(
    organiser_countries: impl Iterator<Item = &'a str>,
    proposer: &'a user::Model,
) -> bool {
    organiser_countries
        .chain(proposer.country.as_deref())
        .any(|c| crate::accounts::countries::country(c).is_some_and(|c| c.developing))
}

/// Overrides replace the result of the rule they name.
pub fn apply_overrides(checks: &mut [RuleCheck], overrides: &[screening_override::Model]) {
    for c in checks.iter_mut() {
        if let Some(o) = overrides.iter().find(|o| o.rule == c.key) {
            c.passed = o.passed;
        }
    }
}

/// Every proposal of the edition (drafts and withdrawn ones too), oldest first,
/// with facts and checks: nine statements whatever the edition's size.
pub async fn load(db: &impl ConnectionTrait, forum_id: Uuid) -> Result<Edition, AppError> {
    let proposals = proposal::Entity::find()
        .filter(proposal::Column::ForumId.eq(forum_id))
        .order_by_asc(proposal::Column::CreatedAt)
        .order_by_asc(proposal::Column::Id)
        .all(db)
        .await?;
    let of_forum = || {
        proposal::Entity::find()
            .select_only()
            .column(proposal::Column::Id)
            .filter(proposal::Column::ForumId.eq(forum_id))
            .into_query()
    };
    let mut people: HashMap<Uuid, Vec<proposal_person::Model>> = HashMap::new();
    for x in proposal_person::Entity::find()
        .filter(proposal_person::Column::ProposalId.in_subquery(of_forum()))
        .order_by_asc(proposal_person::Column::Position)
        .all(db)
        .await?
    {
        people.entry(x.proposal_id).or_default().push(x);
    }
    let proposers: HashMap<Uuid, user::Model> = user::Entity::find()
        .filter(
            user::Column::Id.in_subquery(
                proposal::Entity::find()
                    .select_only()
                    .column(proposal::Column::ProposerId)
                    .filter(proposal::Column::ForumId.eq(forum_id))
                    .into_query(),
            ),
        )
        .all(db)
        .await?
        .into_iter()
        .map(|u| (u.id, u))
        .collect();
    let mut overrides: HashMap<Uuid, Vec<screening_override::Model>> = HashMap::new();
    for o in screening_override::Entity::find()
        .filter(screening_override::Column::ProposalId.in_subquery(of_forum()))
        .all(db)
        .await?
    {
        overrides.entry(o.proposal_id).or_default().push(o);
    }
    let team: HashSet<Uuid> = forum_role::Entity::find()
        .filter(forum_role::Column::ForumId.eq(forum_id))
        .all(db)
        .await?
        .into_iter()
        .map(|r| r.user_id)
        .collect();
    let calls = call::Entity::find()
        .filter(call::Column::ForumId.eq(forum_id))
        .all(db)
        .await?;
    let themes = theme::Entity::find()
        .filter(theme::Column::ForumId.eq(forum_id))
        .order_by_asc(theme::Column::Position)
        .all(db)
        .await?;
    let session_types = session_type::Entity::find()
        .filter(session_type::Column::ForumId.eq(forum_id))
        .order_by_asc(session_type::Column::Position)
        .all(db)
        .await?;
    let decider_ids: HashSet<Uuid> = overrides
        .values()
        .flatten()
        .map(|o| o.decided_by)
        .chain(proposals.iter().filter_map(|p| p.screened_by))
        .collect();
    // Asked even when empty, so the number of statements never varies.
    let deciders = user::Entity::find()
        .filter(user::Column::Id.is_in(decider_ids))
        .all(db)
        .await?
        .into_iter()
        .map(|u| (u.id, u.name))
        .collect();

    let rules: HashMap<Uuid, CallRules> = calls
        .iter()
        .map(|c| (c.id, CallRules::from_json(&c.rules)))
        .collect();
    let empty = vec![];
    let rows: Vec<_> = proposals
        .iter()
        .filter_map(|p| {
            let proposer = proposers.get(&p.proposer_id)?;
            Some((p, proposer, people.get(&p.id).unwrap_or(&empty).as_slice()))
        })
        .collect();
    let counts = EditionCounts::new(&rows);
    let list = rows
        .into_iter()
        .map(|(p, proposer, its_people)| {
            let mut facts = ProposalFacts {
                title: p.title.clone(),
                description: p.description.clone(),
                filled_fields: filled_fields(p),
                people: its_people
                    .iter()
                    .cloned()
                    .filter_map(person_facts)
                    .collect(),
                proposer_in_team: team.contains(&p.proposer_id),
                ..Default::default()
            };
            counts.apply(&mut facts, p, proposer, its_people);
            let own_overrides = overrides.remove(&p.id).unwrap_or_default();
            let mut checks = screening::all_checks(
                rules.get(&p.call_id).unwrap_or(&CallRules::default()),
                &core_fields(p),
                &facts,
                &proposer.email,
            );
            apply_overrides(&mut checks, &own_overrides);
            Screened {
                proposal: p.clone(),
                proposer: proposer.clone(),
                people: its_people.to_vec(),
                facts,
                checks,
                overrides: own_overrides,
            }
        })
        .collect();
    Ok(Edition {
        proposals: list,
        themes,
        session_types,
        calls,
        deciders,
    })
}
