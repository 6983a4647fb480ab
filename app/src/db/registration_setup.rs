use sea_orm::entity::prelude::*;

/// How an edition takes registrations (one row per edition, made on first save).
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "registration_setups")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub forum_id: Uuid,
    pub open: bool,
    pub closes_at: Option<DateTimeUtc>,
    /// Onsite places; none means no limit.
    pub onsite_capacity: Option<i32>,
    pub online_needs_approval: bool,
    /// Markdown, shown beside the form.
    pub privacy_notice: String,
    /// Minutes before a session its reminder leaves; 0 sends none.
    pub reminder_lead_minutes: i32,
    /// The venue's hour (0–23) at which a day's digest leaves.
    pub digest_hour: i32,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
