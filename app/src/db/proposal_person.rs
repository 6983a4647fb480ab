use sea_orm::entity::prelude::*;

/// A person in a proposal, in one role. `confirmation` is `pending`,
/// `confirmed` or `declined` (the proposer's own rows are confirmed); the
/// invitation link's token is stored hashed.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "proposal_people")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub proposal_id: Uuid,
    pub role: String,
    pub position: i32,
    pub name: String,
    pub email: String,
    pub organisation: String,
    pub country: Option<String>,
    pub stakeholder_group: Option<String>,
    pub gender: Option<String>,
    pub onsite: bool,
    pub confirmation: String,
    pub token_hash: Option<String>,
    pub answered_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(
        belongs_to = "super::proposal::Entity",
        from = "Column::ProposalId",
        to = "super::proposal::Column::Id"
    )]
    Proposal,
}

impl Related<super::proposal::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Proposal.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
