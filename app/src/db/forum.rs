use sea_orm::entity::prelude::*;

/// A forum edition ("IGF 2027"); `code` is its short name in URLs and exports.
/// Dates are the venue's calendar days; `languages` lists UN language codes.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "forums")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    #[sea_orm(unique)]
    pub code: String,
    pub name: String,
    pub created_at: DateTimeUtc,
    pub host_city: String,
    pub venue: String,
    pub time_zone: String,
    pub day_zero: Option<Date>,
    pub first_day: Option<Date>,
    pub last_day: Option<Date>,
    pub description: String,
    pub languages: String,
    pub updated_at: Option<DateTimeUtc>,
    /// Editor warning: more sessions of one theme at once (0: no limit).
    pub max_parallel_same_theme: i32,
    /// Editor warning: more sessions of one person in a day (0: no limit).
    pub max_sessions_per_person_day: i32,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
