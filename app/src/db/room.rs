use sea_orm::entity::prelude::*;

/// A room of an edition's venue, or an online-only room. `features` and
/// `languages` hold codes, comma-separated (`venue::rooms::FEATURES`, UN
/// language codes for interpretation); `closed_days` holds the ISO dates on
/// which the room is not available.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "rooms")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub forum_id: Uuid,
    pub name: String,
    pub capacity: i32,
    pub layout: String,
    pub location: String,
    pub features: String,
    pub languages: String,
    pub closed_days: String,
    pub online_only: bool,
    pub position: i32,
    pub created_at: DateTimeUtc,
    /// The remote meeting (`participation::remote`): the provider's
    /// address (empty: none), the meeting's id and passcode.
    pub meeting_url: String,
    pub meeting_id: String,
    pub meeting_passcode: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
