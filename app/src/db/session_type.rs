use sea_orm::entity::prelude::*;

/// A kind of session an edition offers (workshop, town hall…), with the code
/// prefix of its proposals ("WS") and its allowed durations in minutes ("60,90").
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "session_types")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub forum_id: Uuid,
    pub name: String,
    pub code_prefix: String,
    pub durations: String,
    pub position: i32,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
