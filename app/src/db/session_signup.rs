use sea_orm::entity::prelude::*;

/// A person's sign-up for a session of the released programme.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "session_signups")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub forum_id: Uuid,
    pub session_id: Uuid,
    pub user_id: Uuid,
    /// `onsite` (takes a seat) or `online`, from their registration.
    pub mode: String,
    /// `signed-up`, `waiting` or `cancelled`.
    pub state: String,
    /// When they last signed up: their place in the waiting list.
    pub queued_at: DateTimeUtc,
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
