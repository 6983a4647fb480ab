//! The ranking's rows (server only): every proposal of a call with its
//! proposer's facts, its people's stored facts and its reviews' totals, read
//! as ONE row holding a JSON array. The database builds the array (SQLite's
//! `json_group_array`, PostgreSQL's `json_agg`): the drivers hand over rows
//! one at a time between threads, and at 1,500 proposals that hand-over, not
//! the query, was most of the page's cost.

use crate::db::proposal;
use crate::error::AppError;
use sea_orm::{
    entity::prelude::*, sea_query::Expr, DbBackend, JoinType, QuerySelect, RelationTrait,
};
use serde::{Deserialize, Deserializer};

/// A proposal as the ranking reads it (the order of the columns below).
#[derive(Deserialize)]
pub(super) struct RankRow {
    #[serde(deserialize_with = "uuid")]
    pub id: Uuid,
    pub code: Option<String>,
    pub title: String,
    #[serde(deserialize_with = "optional_uuid")]
    pub theme_id: Option<Uuid>,
    #[serde(deserialize_with = "optional_uuid")]
    pub session_type_id: Option<Uuid>,
    pub decision: String,
    pub decision_note: String,
    pub decision_version: i32,
    pub released_decision: String,
    #[serde(deserialize_with = "optional_uuid")]
    pub merged_into: Option<Uuid>,
    pub confirmation: String,
    /// A `Tally` as JSON text; empty until first computed.
    pub people_facts: String,
    #[serde(deserialize_with = "flag")]
    pub first_time: bool,
    pub proposer_country: Option<String>,
    pub proposer_email: String,
    pub proposer_organisation: String,
    /// The weighted totals of its reviews (none: not reviewed yet).
    pub totals: Option<Vec<f64>>,
}

/// The columns, in `RankRow`'s order; `{id}` is how an id column is made
/// JSON (SQLite keeps uuids as blobs, which JSON cannot hold).
const COLUMNS: [&str; 16] = [
    "{id}(proposals.id)",
    "proposals.code",
    "proposals.title",
    "{id}(proposals.theme_id)",
    "{id}(proposals.session_type_id)",
    "proposals.decision",
    "proposals.decision_note",
    "proposals.decision_version",
    "proposals.released_decision",
    "{id}(proposals.merged_into)",
    "proposals.confirmation",
    "proposals.people_facts",
    "users.first_time",
    "users.country",
    "users.email",
    "users.organisation",
];

fn rows_as_json(backend: DbBackend) -> String {
    let (id, row, totals, all) = match backend {
        DbBackend::Postgres => (
            "",
            "json_build_array",
            "(SELECT json_agg(total) FROM reviews WHERE reviews.proposal_id = proposals.id)",
            "CAST(json_agg({row}) AS TEXT)",
        ),
        _ => (
            "hex",
            "json_array",
            "json((SELECT json_group_array(total) FROM reviews WHERE reviews.proposal_id = proposals.id))",
            "json_group_array({row})",
        ),
    };
    let columns: Vec<String> = COLUMNS.iter().map(|c| c.replace("{id}", id)).collect();
    all.replace("{row}", &format!("{row}({}, {totals})", columns.join(", ")))
}

/// The rows of the proposals `select` finds (a `proposal` query).
pub(super) async fn read(
    db: &impl ConnectionTrait,
    select: Select<proposal::Entity>,
) -> Result<Vec<RankRow>, AppError> {
    let json: Option<String> = select
        .select_only()
        .column_as(Expr::cust(rows_as_json(db.get_database_backend())), "rows")
        .join(JoinType::InnerJoin, proposal::Relation::Proposer.def())
        .into_tuple()
        .one(db)
        .await?
        .flatten();
    match json {
        None => Ok(vec![]),
        Some(text) => serde_json::from_str(&text).map_err(|e| {
            tracing::error!(error = %e, "reading the ranking's rows");
            AppError::Internal
        }),
    }
}

fn uuid<'de, D: Deserializer<'de>>(d: D) -> Result<Uuid, D::Error> {
    let text = String::deserialize(d)?;
    Uuid::parse_str(&text).map_err(serde::de::Error::custom)
}

/// An id, or none (SQL NULL, or SQLite's `hex(NULL)`: an empty text).
fn optional_uuid<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Uuid>, D::Error> {
    match Option::<String>::deserialize(d)? {
        Some(text) if !text.is_empty() => Uuid::parse_str(&text)
            .map(Some)
            .map_err(serde::de::Error::custom),
        _ => Ok(None),
    }
}

/// A boolean as PostgreSQL (true/false) or SQLite (1/0) puts it in JSON.
fn flag<'de, D: Deserializer<'de>>(d: D) -> Result<bool, D::Error> {
    match serde_json::Value::deserialize(d)? {
        serde_json::Value::Bool(b) => Ok(b),
        serde_json::Value::Number(n) => Ok(n.as_i64() != Some(0)),
        other => Err(serde::de::Error::custom(format!("not a flag: {other}"))),
    }
}
