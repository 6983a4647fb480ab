use sea_orm::entity::prelude::*;

/// A contribution behind one of the edition's themes ("turned into themes").
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "theme_sources")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub theme_id: Uuid,
    #[sea_orm(primary_key, auto_increment = false)]
    pub contribution_id: Uuid,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(
        belongs_to = "super::theme::Entity",
        from = "Column::ThemeId",
        to = "super::theme::Column::Id"
    )]
    Theme,
    #[sea_orm(
        belongs_to = "super::contribution::Entity",
        from = "Column::ContributionId",
        to = "super::contribution::Column::Id"
    )]
    Contribution,
}

impl Related<super::contribution::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Contribution.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
