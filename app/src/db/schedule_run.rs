use sea_orm::entity::prelude::*;

/// A run of the automatic scheduler. `mode` is "fresh" or "replan";
/// `status` "running", "done", "stopped", "infeasible" or "failed";
/// `progress` 0–100 while it runs. `settings` holds the weights and time
/// limit it ran with and `result` the draft it made (JSON: a
/// `programme::RunResult`), until accepted (`accepted_at`).
#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "schedule_runs")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub forum_id: Uuid,
    pub started_by: Option<Uuid>,
    pub started_at: DateTimeUtc,
    pub finished_at: Option<DateTimeUtc>,
    pub mode: String,
    pub status: String,
    pub progress: i32,
    pub hard_violations: Option<i32>,
    pub score: Option<f64>,
    pub settings: String,
    pub result: String,
    pub accepted_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
