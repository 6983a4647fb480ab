use sea_orm::entity::prelude::*;

/// A person's registration for an edition.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "registrations")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub forum_id: Uuid,
    pub user_id: Uuid,
    /// `onsite` or `online`.
    pub mode: String,
    /// A change of mode asked for and not yet decided.
    pub requested_mode: Option<String>,
    /// `pending`, `approved`, `waitlisted`, `rejected` or `cancelled`.
    pub state: String,
    pub badge_name: String,
    pub organisation: String,
    pub country: Option<String>,
    pub stakeholder_group: Option<String>,
    pub gender: Option<String>,
    pub first_time: bool,
    pub accessibility: String,
    pub interpretation_language: Option<String>,
    /// Consent to appear in the public participant list.
    pub listed: bool,
    pub privacy_accepted_at: DateTimeUtc,
    /// JSON object: question id → answer.
    pub answers: String,
    /// The code on the badge's QR code, for the badge desk.
    #[sea_orm(unique)]
    pub badge_code: String,
    /// When the registration joined the onsite waiting list (its place in it).
    pub queued_at: Option<DateTimeUtc>,
    pub checked_in_at: Option<DateTimeUtc>,
    pub checked_in_by: Option<Uuid>,
    pub decided_at: Option<DateTimeUtc>,
    pub decided_by: Option<Uuid>,
    /// The organisers' reason for a refusal, sent to the person.
    pub reason: String,
    /// Reminder mails: `each` (before each session), `digest` (one a
    /// day) or `off`.
    pub reminders: String,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(
        belongs_to = "super::user::Entity",
        from = "Column::UserId",
        to = "super::user::Column::Id"
    )]
    User,
}

impl Related<super::user::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::User.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
