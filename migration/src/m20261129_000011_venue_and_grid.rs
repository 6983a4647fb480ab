//! The venue and the programme's time grid: an edition's rooms (capacity,
//! layout, where they are, features, interpretation languages, days they are
//! closed, online-only), its programme days and each day's time slots
//! (sessions or breaks; a blocked slot takes nothing in parallel).

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Forums {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Rooms {
    Table,
    Id,
    ForumId,
    Name,
    Capacity,
    Layout,
    Location,
    Features,
    Languages,
    ClosedDays,
    OnlineOnly,
    Position,
    CreatedAt,
}

#[derive(DeriveIden)]
enum ProgrammeDays {
    Table,
    Id,
    ForumId,
    Day,
    Label,
}

#[derive(DeriveIden)]
enum TimeSlots {
    Table,
    Id,
    ForumId,
    DayId,
    StartMinute,
    LengthMinutes,
    Kind,
    Blocked,
    Label,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table(Rooms::Table)
                .col(pk_uuid(Rooms::Id))
                .col(uuid(Rooms::ForumId))
                .col(string_len(Rooms::Name, 120))
                .col(integer(Rooms::Capacity))
                .col(string_len(Rooms::Layout, 32).default(""))
                .col(string_len(Rooms::Location, 200).default(""))
                .col(string_len(Rooms::Features, 200).default(""))
                .col(string_len(Rooms::Languages, 100).default(""))
                .col(string_len(Rooms::ClosedDays, 400).default(""))
                .col(boolean(Rooms::OnlineOnly).default(false))
                .col(integer(Rooms::Position).default(0))
                .col(timestamp_with_time_zone(Rooms::CreatedAt))
                .foreign_key(
                    ForeignKey::create()
                        .from(Rooms::Table, Rooms::ForumId)
                        .to(Forums::Table, Forums::Id)
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("idx_rooms_forum_name")
                .table(Rooms::Table)
                .col(Rooms::ForumId)
                .col(Rooms::Name)
                .unique()
                .to_owned(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table(ProgrammeDays::Table)
                .col(pk_uuid(ProgrammeDays::Id))
                .col(uuid(ProgrammeDays::ForumId))
                .col(date(ProgrammeDays::Day))
                .col(string_len(ProgrammeDays::Label, 60).default(""))
                .foreign_key(
                    ForeignKey::create()
                        .from(ProgrammeDays::Table, ProgrammeDays::ForumId)
                        .to(Forums::Table, Forums::Id)
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("idx_programme_days_forum_day")
                .table(ProgrammeDays::Table)
                .col(ProgrammeDays::ForumId)
                .col(ProgrammeDays::Day)
                .unique()
                .to_owned(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table(TimeSlots::Table)
                .col(pk_uuid(TimeSlots::Id))
                .col(uuid(TimeSlots::ForumId))
                .col(uuid(TimeSlots::DayId))
                .col(integer(TimeSlots::StartMinute))
                .col(integer(TimeSlots::LengthMinutes))
                .col(string_len(TimeSlots::Kind, 16).default("session"))
                .col(boolean(TimeSlots::Blocked).default(false))
                .col(string_len(TimeSlots::Label, 120).default(""))
                .foreign_key(
                    ForeignKey::create()
                        .from(TimeSlots::Table, TimeSlots::ForumId)
                        .to(Forums::Table, Forums::Id)
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .foreign_key(
                    ForeignKey::create()
                        .from(TimeSlots::Table, TimeSlots::DayId)
                        .to(ProgrammeDays::Table, ProgrammeDays::Id)
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("idx_time_slots_day_start")
                .table(TimeSlots::Table)
                .col(TimeSlots::DayId)
                .col(TimeSlots::StartMinute)
                .unique()
                .to_owned(),
        )
        .await?;
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            TimeSlots::Table.into_iden(),
            ProgrammeDays::Table.into_iden(),
            Rooms::Table.into_iden(),
        ] {
            m.drop_table(Table::drop().table(table).to_owned()).await?;
        }
        Ok(())
    }
}
