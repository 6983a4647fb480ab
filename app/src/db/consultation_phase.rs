use sea_orm::entity::prelude::*;

/// One dated phase of a consultation, saying what it takes.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "consultation_phases")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub consultation_id: Uuid,
    pub name: String,
    pub starts_at: DateTimeUtc,
    /// The phase ends just before this instant.
    pub ends_at: DateTimeUtc,
    /// Contributions are taken (and may be edited) during it.
    pub contributions: bool,
    /// Comments are taken during it.
    pub comments: bool,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
