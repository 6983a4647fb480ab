use sea_orm::entity::prelude::*;

/// A numbered release of an edition's programme. `snapshot` holds what was
/// published (JSON: a `programme::release::Snapshot`, people's addresses
/// included, so it is never sent out as it is); the public programme reads
/// the latest one. `sessions` counts its sessions and `mailed` the people
/// told of their changes.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "programme_releases")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub forum_id: Uuid,
    pub number: i32,
    pub published_at: DateTimeUtc,
    pub published_by: Option<Uuid>,
    pub note: String,
    pub sessions: i32,
    pub mailed: i32,
    pub snapshot: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
