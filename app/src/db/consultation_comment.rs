use sea_orm::entity::prelude::*;

/// A comment in a consultation: on a contribution or on a draft's
/// paragraph, possibly answering another comment.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "consultation_comments")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub consultation_id: Uuid,
    pub contribution_id: Option<Uuid>,
    pub paragraph_id: Option<Uuid>,
    /// The comment it answers.
    pub parent_id: Option<Uuid>,
    pub author_id: Uuid,
    /// Plain text.
    pub body: String,
    /// Written by an organiser as the organisers' answer.
    pub official: bool,
    /// `shown` or `hidden`.
    pub state: String,
    /// Why it was hidden, sent to its author.
    pub reason: String,
    pub created_at: DateTimeUtc,
    pub moderated_at: Option<DateTimeUtc>,
    pub moderated_by: Option<Uuid>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(
        belongs_to = "super::user::Entity",
        from = "Column::AuthorId",
        to = "super::user::Column::Id"
    )]
    Author,
}

impl Related<super::user::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Author.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
