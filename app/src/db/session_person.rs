use sea_orm::entity::prelude::*;

/// A person in a programme session, in one role (organiser, speaker, onsite
/// or online moderator, rapporteur). `unavailable_days` holds the ISO dates
/// the person cannot attend, comma-separated. The lower-cased email tells the
/// same person across sessions.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "session_people")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub session_id: Uuid,
    pub role: String,
    pub position: i32,
    pub name: String,
    pub email: String,
    pub organisation: String,
    pub country: Option<String>,
    pub stakeholder_group: Option<String>,
    pub gender: Option<String>,
    pub onsite: bool,
    pub unavailable_days: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
