use sea_orm::entity::prelude::*;

/// A person's request for the floor in a session (one row per person and
/// session, reused when they ask again): `state` is waiting, speaking, done
/// or withdrawn; `mode` onsite or online, from their registration.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "floor_requests")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub forum_id: Uuid,
    pub session_id: Uuid,
    pub user_id: Uuid,
    pub mode: String,
    pub state: String,
    pub topic: String,
    pub asked_at: DateTimeUtc,
    pub given_at: Option<DateTimeUtc>,
    pub done_at: Option<DateTimeUtc>,
    pub decided_by: Option<Uuid>,
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
