use sea_orm::entity::prelude::*;

/// One coordinator of a remote hub: the name is public once the hub is
/// approved, the address is for the organisers only.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "remote_hub_coordinators")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub hub_id: Uuid,
    /// The row's place in the form, from 0.
    pub position: i32,
    pub name: String,
    pub email: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
