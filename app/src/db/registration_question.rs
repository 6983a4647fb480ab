use sea_orm::entity::prelude::*;

/// An organisers' extra question on an edition's registration form.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "registration_questions")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub forum_id: Uuid,
    pub position: i32,
    /// `text`, `choice` or `yes-no`.
    pub kind: String,
    pub label: String,
    /// JSON array of the choices (a `choice` question).
    pub choices: String,
    pub required: bool,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
