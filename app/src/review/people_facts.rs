//! A proposal's people summarised on the proposal (server only): counts by
//! stakeholder group, region, gender and onsite/online, and whether an
//! organiser is from a developing country — the people's part of the balance
//! (`balance::Tally::of_people`). The ranking reads these, one row per
//! proposal, instead of every person of the call. Whatever writes a
//! proposal's people calls `refresh` in the same transaction; the server
//! fills any still empty (`fill_missing`) when it starts.

use super::balance::{PersonFacts, Tally};
use crate::accounts::countries;
use crate::db::{proposal, proposal_person};
use crate::error::AppError;
use crate::proposals::screening::PersonRole;
use sea_orm::{entity::prelude::*, sea_query::Expr, QuerySelect};
use std::collections::HashMap;

/// Proposals refreshed per statement batch.
const CHUNK: usize = 500;

/// The people's tally of one proposal.
pub fn of_people(people: &[proposal_person::Model]) -> Tally {
    let developing = people
        .iter()
        .filter(|x| x.role == PersonRole::Organiser.code())
        .filter_map(|x| x.country.as_deref())
        .any(|c| countries::country(c).is_some_and(|c| c.developing));
    Tally::of_people(
        developing,
        people.iter().map(|x| PersonFacts {
            group: x.stakeholder_group.as_deref().unwrap_or(""),
            region: x
                .country
                .as_deref()
                .and_then(countries::regional_group)
                .map(|r| r.code())
                .unwrap_or(""),
            gender: x.gender.as_deref().unwrap_or(""),
            onsite: x.onsite,
        }),
    )
}

/// Recomputes the stored facts of these proposals from their people.
pub async fn refresh(db: &impl ConnectionTrait, ids: &[Uuid]) -> Result<(), AppError> {
    for chunk in ids.chunks(CHUNK) {
        let mut people: HashMap<Uuid, Vec<proposal_person::Model>> = HashMap::new();
        for x in proposal_person::Entity::find()
            .filter(proposal_person::Column::ProposalId.is_in(chunk.iter().copied()))
            .all(db)
            .await?
        {
            people.entry(x.proposal_id).or_default().push(x);
        }
        for id in chunk {
            let facts = of_people(people.get(id).map(Vec::as_slice).unwrap_or_default());
            proposal::Entity::update_many()
                .col_expr(proposal::Column::PeopleFacts, Expr::value(facts.to_json()))
                .filter(proposal::Column::Id.eq(*id))
                .exec(db)
                .await?;
        }
    }
    Ok(())
}

/// Computes the facts of every proposal that has none yet (after the
/// migration that added them); returns how many.
pub async fn fill_missing(db: &impl ConnectionTrait) -> Result<usize, AppError> {
    let ids: Vec<Uuid> = proposal::Entity::find()
        .select_only()
        .column(proposal::Column::Id)
        .filter(proposal::Column::PeopleFacts.eq(""))
        .into_tuple()
        .all(db)
        .await?;
    refresh(db, &ids).await?;
    Ok(ids.len())
}
