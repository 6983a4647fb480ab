use sea_orm::entity::prelude::*;

/// An open consultation of an edition: a phased process with questions.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "consultations")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub forum_id: Uuid,
    /// Its address under the edition, unique there.
    pub slug: String,
    pub title: String,
    /// Markdown, rendered sanitised.
    pub description: String,
    /// Shown to everyone; a draft one only to organisers.
    pub published: bool,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
