use sea_orm::entity::prelude::*;

/// A session type a call accepts proposals for.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "call_session_types")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub call_id: Uuid,
    #[sea_orm(primary_key, auto_increment = false)]
    pub session_type_id: Uuid,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
