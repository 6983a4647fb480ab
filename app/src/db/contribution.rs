use sea_orm::entity::prelude::*;

/// A stakeholder's contribution to a consultation question.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "contributions")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub consultation_id: Uuid,
    pub question_id: Uuid,
    pub author_id: Uuid,
    /// On whose behalf it is sent; empty for the author's own.
    pub organisation: String,
    /// A stakeholder group's code.
    pub stakeholder_group: String,
    /// ISO 3166-1 alpha-2.
    pub country: Option<String>,
    /// The UN regional group's code derived from the country (empty if none).
    pub region: String,
    /// Markdown, rendered sanitised.
    pub body: String,
    /// Published without the author's name.
    pub anonymous: bool,
    /// `received`, `approved` or `hidden`.
    pub state: String,
    /// Why it was hidden, sent to the author.
    pub reason: String,
    /// `pdf` or `docx` when a file is attached.
    pub attachment_kind: Option<String>,
    pub attachment_name: String,
    pub attachment_size: i32,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
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
    #[sea_orm(
        belongs_to = "super::consultation::Entity",
        from = "Column::ConsultationId",
        to = "super::consultation::Column::Id"
    )]
    Consultation,
}

impl Related<super::user::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Author.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
