use sea_orm::entity::prelude::*;

/// One line of a release's public changelog: a session `kind` "added",
/// "moved", "cancelled", "removed" (taken out of the programme) or "updated"
/// (its title or people changed), with where and when it was `before` and is
/// `after`, as text in the venue's time.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "release_changes")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub release_id: Uuid,
    pub session_id: Uuid,
    pub position: i32,
    pub kind: String,
    pub code: String,
    pub title: String,
    pub before: String,
    pub after: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
