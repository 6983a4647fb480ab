use sea_orm::entity::prelude::*;

/// A theme of an edition, or a sub-theme when `parent_id` names its theme.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "themes")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub forum_id: Uuid,
    pub parent_id: Option<Uuid>,
    pub name: String,
    pub colour: String,
    pub position: i32,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
