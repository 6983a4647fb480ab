use sea_orm::entity::prelude::*;

/// A person's certificate of participation in an edition (`certificates`):
/// made at the first download; `code` (16 Crockford base32 characters, stored
/// without dashes) verifies it at `/certificates/<code>`. The facts it states
/// are those of its latest download. A revoked certificate verifies as such.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "certificates")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub forum_id: Uuid,
    pub user_id: Uuid,
    #[sea_orm(unique)]
    pub code: String,
    pub badge_name: String,
    /// Checked in at the badge desk.
    pub onsite: bool,
    /// Joined at least one session through a personal link.
    pub online: bool,
    pub online_sessions: i32,
    pub onsite_sessions: i32,
    pub issued_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    pub revoked_at: Option<DateTimeUtc>,
    pub revoked_by: Option<Uuid>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(
        belongs_to = "super::forum::Entity",
        from = "Column::ForumId",
        to = "super::forum::Column::Id"
    )]
    Forum,
    #[sea_orm(
        belongs_to = "super::user::Entity",
        from = "Column::UserId",
        to = "super::user::Column::Id"
    )]
    User,
}

impl Related<super::forum::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Forum.def()
    }
}

impl Related<super::user::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::User.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
