//! Floor requests: during a session, participants onsite and online ask for
//! the floor; the moderators open the session's queue, give the floor in order and
//! mark each turn done. One row per person and session, reused when they
//! ask again.

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
enum ProgrammeSessions {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum FloorQueues {
    Table,
    SessionId,
    ForumId,
    Open,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum FloorRequests {
    Table,
    Id,
    ForumId,
    SessionId,
    UserId,
    Mode,
    State,
    Topic,
    AskedAt,
    GivenAt,
    DoneAt,
    DecidedBy,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table(FloorQueues::Table)
                .col(uuid(FloorQueues::SessionId).primary_key())
                .col(uuid(FloorQueues::ForumId))
                .col(boolean(FloorQueues::Open))
                .col(timestamp_with_time_zone(FloorQueues::UpdatedAt))
                .foreign_key(
                    ForeignKey::create()
                        .from(FloorQueues::Table, FloorQueues::SessionId)
                        .to(ProgrammeSessions::Table, ProgrammeSessions::Id)
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .foreign_key(
                    ForeignKey::create()
                        .from(FloorQueues::Table, FloorQueues::ForumId)
                        .to(Forums::Table, Forums::Id)
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .to_owned(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table(FloorRequests::Table)
                .col(pk_uuid(FloorRequests::Id))
                .col(uuid(FloorRequests::ForumId))
                .col(uuid(FloorRequests::SessionId))
                .col(uuid(FloorRequests::UserId))
                .col(string_len(FloorRequests::Mode, 8))
                .col(string_len(FloorRequests::State, 12))
                .col(string_len(FloorRequests::Topic, 200))
                .col(timestamp_with_time_zone(FloorRequests::AskedAt))
                .col(timestamp_with_time_zone_null(FloorRequests::GivenAt))
                .col(timestamp_with_time_zone_null(FloorRequests::DoneAt))
                .col(uuid_null(FloorRequests::DecidedBy))
                .foreign_key(
                    ForeignKey::create()
                        .from(FloorRequests::Table, FloorRequests::ForumId)
                        .to(Forums::Table, Forums::Id)
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .foreign_key(
                    ForeignKey::create()
                        .from(FloorRequests::Table, FloorRequests::SessionId)
                        .to(ProgrammeSessions::Table, ProgrammeSessions::Id)
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .foreign_key(
                    ForeignKey::create()
                        .from(FloorRequests::Table, FloorRequests::UserId)
                        .to(Users::Table, Users::Id)
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("idx_floor_requests_session_person")
                .table(FloorRequests::Table)
                .col(FloorRequests::SessionId)
                .col(FloorRequests::UserId)
                .unique()
                .to_owned(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_table(Table::drop().table(FloorRequests::Table).to_owned())
            .await?;
        m.drop_table(Table::drop().table(FloorQueues::Table).to_owned())
            .await?;
        Ok(())
    }
}
