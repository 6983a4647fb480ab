use sea_orm::entity::prelude::*;

/// A time slot of a programme day, in venue time: minutes after midnight and
/// a length. `kind` is "session" or "break"; a blocked session slot takes
/// nothing in parallel (e.g. the opening ceremony's).
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "time_slots")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub forum_id: Uuid,
    pub day_id: Uuid,
    pub start_minute: i32,
    pub length_minutes: i32,
    pub kind: String,
    pub blocked: bool,
    pub label: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
