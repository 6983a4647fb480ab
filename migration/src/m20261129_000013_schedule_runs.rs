//! Runs of the automatic scheduler: who started one and how (a fresh
//! programme around the pinned sessions, or a re-plan that moves as few
//! sessions as it can), its progress while it runs, and the draft it made —
//! placements, score and explanations — until organisers accept it or parts
//! of it.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Forums {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Users {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum ScheduleRuns {
    Table,
    Id,
    ForumId,
    StartedBy,
    StartedAt,
    FinishedAt,
    Mode,
    Status,
    Progress,
    HardViolations,
    Score,
    Settings,
    Result,
    AcceptedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table(ScheduleRuns::Table)
                .col(pk_uuid(ScheduleRuns::Id))
                .col(uuid(ScheduleRuns::ForumId))
                .col(uuid_null(ScheduleRuns::StartedBy))
                .col(timestamp_with_time_zone(ScheduleRuns::StartedAt))
                .col(timestamp_with_time_zone_null(ScheduleRuns::FinishedAt))
                .col(string_len(ScheduleRuns::Mode, 16))
                .col(string_len(ScheduleRuns::Status, 16))
                .col(integer(ScheduleRuns::Progress).default(0))
                .col(integer_null(ScheduleRuns::HardViolations))
                .col(double_null(ScheduleRuns::Score))
                .col(text(ScheduleRuns::Settings).default(""))
                .col(text(ScheduleRuns::Result).default(""))
                .col(timestamp_with_time_zone_null(ScheduleRuns::AcceptedAt))
                .foreign_key(
                    ForeignKey::create()
                        .from(ScheduleRuns::Table, ScheduleRuns::ForumId)
                        .to(Forums::Table, Forums::Id)
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .foreign_key(
                    ForeignKey::create()
                        .from(ScheduleRuns::Table, ScheduleRuns::StartedBy)
                        .to(Users::Table, Users::Id)
                        .on_delete(ForeignKeyAction::SetNull),
                )
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("idx_schedule_runs_forum_started")
                .table(ScheduleRuns::Table)
                .col(ScheduleRuns::ForumId)
                .col(ScheduleRuns::StartedAt)
                .to_owned(),
        )
        .await?;
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_table(Table::drop().table(ScheduleRuns::Table).to_owned())
            .await?;
        Ok(())
    }
}
