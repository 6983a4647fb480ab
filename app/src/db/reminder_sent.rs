use sea_orm::entity::prelude::*;

/// A reminder that left: `subject` is `session:<id>` for a session's
/// reminder or `digest:<date>` for a day's digest. Unique per person and
/// subject, so each leaves once.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "reminders_sent")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub forum_id: Uuid,
    pub user_id: Uuid,
    pub subject: String,
    pub sent_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
