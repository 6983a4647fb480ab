use sea_orm::entity::prelude::*;

/// A call for session proposals. `rules` is the call's eligibility rules as
/// JSON (see `proposals::rules::CallRules`).
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "calls")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub forum_id: Uuid,
    pub title: String,
    pub introduction: String,
    pub opens_at: DateTimeUtc,
    pub closes_at: DateTimeUtc,
    pub rules: String,
    pub publish_received: bool,
    /// Reviews each proposal gets, and the most one reviewer takes (no
    /// maximum when empty).
    pub reviews_per_proposal: i32,
    pub max_reviews_per_reviewer: Option<i32>,
    /// Reviewers do not see the names, organisations and emails of people.
    pub blind_review: bool,
    /// The review form (criteria, weights, reasons for low scores) as JSON;
    /// empty: the standard form. See `review::scoring::ReviewForm`.
    pub review_form: String,
    /// Review phases as JSON (`review::scoring::Phase`); empty: reviewing
    /// open with the call's blind setting.
    pub review_phases: String,
    /// Slots per session type and theme as JSON (`review::balance::Budgets`).
    pub slot_budgets: String,
    /// Reviewers' comments for proposers go into the decision mails.
    pub share_reviewer_comments: bool,
    /// Accepted proposers confirm or withdraw by then.
    pub confirm_by: Option<DateTimeUtc>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
