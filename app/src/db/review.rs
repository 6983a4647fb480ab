use sea_orm::entity::prelude::*;

/// A reviewer's review of a proposal: `scores` is a JSON object of criterion
/// key to 1–5, `total` their weighted mean, `low_reasons` comma-separated keys.
#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "reviews")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub proposal_id: Uuid,
    pub reviewer_id: Uuid,
    pub scores: String,
    pub total: f64,
    pub comment: String,
    pub comment_for_proposers: String,
    /// The code of a proposal it could merge with.
    pub merge_with: String,
    pub low_reasons: String,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
