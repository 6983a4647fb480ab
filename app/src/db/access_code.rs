use sea_orm::entity::prelude::*;

/// A code that lets someone submit after a call has closed: single- or
/// multi-use (`max_uses`, none for unlimited), expiring, revocable.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "access_codes")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub call_id: Uuid,
    #[sea_orm(unique)]
    pub code: String,
    pub label: String,
    pub max_uses: Option<i32>,
    pub uses: i32,
    pub expires_at: DateTimeUtc,
    pub revoked_at: Option<DateTimeUtc>,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
