use sea_orm::entity::prelude::*;

/// A session proposal. Lists are stored as text: `policy_questions` as a JSON
/// array, `languages`, `sdgs`, `action_lines` and `tags` comma-separated.
/// `number` and `code` ("WS #12") are given at submission.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "proposals")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub forum_id: Uuid,
    pub call_id: Uuid,
    pub proposer_id: Uuid,
    pub session_type_id: Option<Uuid>,
    pub format_id: Option<Uuid>,
    pub format_description: String,
    pub duration: Option<i32>,
    pub theme_id: Option<Uuid>,
    pub sub_theme_id: Option<Uuid>,
    pub title: String,
    pub description: String,
    pub policy_questions: String,
    pub expected_outcomes: String,
    pub hybrid_plan: String,
    pub room_layout: String,
    pub languages: String,
    pub sdgs: String,
    pub action_lines: String,
    pub tags: String,
    pub previous_report_url: String,
    pub state: String,
    pub number: Option<i32>,
    pub code: Option<String>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    pub submitted_at: Option<DateTimeUtc>,
    /// The organisers' screening decision: empty (not screened yet),
    /// `eligible` or `ineligible`.
    pub screening: String,
    pub screened_at: Option<DateTimeUtc>,
    pub screened_by: Option<Uuid>,
    /// The organisers' decision, pending until released: empty, `accept`,
    /// `conditional`, `waitlist`, `reject` or `merged` (into `merged_into`).
    pub decision: String,
    /// The condition of an acceptance on condition.
    pub decision_note: String,
    /// Counts decisions, so two organisers deciding at once cannot both win.
    pub decision_version: i32,
    pub decided_by: Option<Uuid>,
    pub decided_at: Option<DateTimeUtc>,
    /// The decision the proposer was told (empty: none yet).
    pub released_decision: String,
    pub released_at: Option<DateTimeUtc>,
    pub merged_into: Option<Uuid>,
    /// The proposer's answer to an acceptance: empty, `confirmed`, `withdrawn`.
    pub confirmation: String,
    pub confirmed_at: Option<DateTimeUtc>,
    /// The people's part of the balance (a `review::balance::Tally` as JSON),
    /// rewritten whenever the people change; empty until first computed.
    pub people_facts: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(
        belongs_to = "super::user::Entity",
        from = "Column::ProposerId",
        to = "super::user::Column::Id"
    )]
    Proposer,
}

impl Related<super::user::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Proposer.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
