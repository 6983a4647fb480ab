use sea_orm::entity::prelude::*;

/// One change of a session's place in the draft programme (none: unplaced),
/// for the record and for undo.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "schedule_changes")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub forum_id: Uuid,
    pub session_id: Uuid,
    pub from_room: Option<Uuid>,
    pub from_slot: Option<Uuid>,
    pub to_room: Option<Uuid>,
    pub to_slot: Option<Uuid>,
    pub changed_by: Option<Uuid>,
    pub changed_at: DateTimeUtc,
    pub undone: bool,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
