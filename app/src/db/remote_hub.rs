use sea_orm::entity::prelude::*;

/// A remote hub registered for an edition: a local gathering that follows
/// the forum together online.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "remote_hubs")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub forum_id: Uuid,
    /// Who registered it (and may edit or withdraw it).
    pub user_id: Uuid,
    /// ISO 3166-1 alpha-2.
    pub country: String,
    pub city: String,
    pub institution: String,
    pub expected_participants: i32,
    pub description: String,
    pub address: String,
    /// Empty, or an http(s) address.
    pub website: String,
    /// `pending`, `approved`, `rejected` or `withdrawn`.
    pub state: String,
    /// The organisers' reason for a refusal, sent to the registrant.
    pub reason: String,
    pub decided_at: Option<DateTimeUtc>,
    pub decided_by: Option<Uuid>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(
        belongs_to = "super::user::Entity",
        from = "Column::UserId",
        to = "super::user::Column::Id"
    )]
    User,
}

impl Related<super::user::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::User.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
