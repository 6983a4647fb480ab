use sea_orm::entity::prelude::*;

/// The bytes of a contribution's attachment, read only when downloaded.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "contribution_files")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub contribution_id: Uuid,
    pub bytes: Vec<u8>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
