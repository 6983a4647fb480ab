use sea_orm::entity::prelude::*;

/// A session of an edition's programme: made from an accepted proposal
/// (`proposal_id`) or by the organisers. `required_features` holds room
/// feature codes, comma-separated; `status` is "active" or "cancelled".
/// `room_id` and `slot_id` place it in the draft programme (both or neither);
/// a pinned session keeps its place when the scheduler runs. `version` counts
/// changes of place, so two organisers moving it at once cannot both win.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "programme_sessions")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub forum_id: Uuid,
    pub proposal_id: Option<Uuid>,
    pub code: String,
    pub title: String,
    pub description: String,
    pub session_type_id: Option<Uuid>,
    pub theme_id: Option<Uuid>,
    pub duration_minutes: i32,
    pub required_features: String,
    pub expected_audience: i32,
    pub online_only: bool,
    pub hybrid: bool,
    pub status: String,
    pub room_id: Option<Uuid>,
    pub slot_id: Option<Uuid>,
    pub pinned: bool,
    pub version: i32,
    /// Titled links, JSON (`programme::materials`); empty when none.
    pub materials: String,
    /// Onsite seats for sign-up; none: the room's capacity.
    pub seat_limit: Option<i32>,
    /// Onsite seats taken by sign-ups (`participation`).
    pub seats_taken: i32,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    /// The remote meeting (`participation::remote`): the provider's
    /// address (empty: none), the meeting's id and passcode.
    pub meeting_url: String,
    pub meeting_id: String,
    pub meeting_passcode: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
