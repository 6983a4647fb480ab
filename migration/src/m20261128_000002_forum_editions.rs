//! Forum editions in full (venue, time zone, dates, description, languages) and
//! their programme structure: themes with sub-themes, session types, formats.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Forums {
    Table,
    Id,
    HostCity,
    Venue,
    TimeZone,
    DayZero,
    FirstDay,
    LastDay,
    Description,
    Languages,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum Themes {
    Table,
    Id,
    ForumId,
    ParentId,
    Name,
    Colour,
    Position,
}

#[derive(DeriveIden)]
enum SessionTypes {
    Table,
    Id,
    ForumId,
    Name,
    CodePrefix,
    Durations,
    Position,
}

#[derive(DeriveIden)]
enum SessionFormats {
    Table,
    Id,
    ForumId,
    Name,
    NeedsDescription,
    Position,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        // SQLite adds one column per statement.
        let columns = [
            string_len(Forums::HostCity, 200).default("").to_owned(),
            string_len(Forums::Venue, 200).default("").to_owned(),
            string_len(Forums::TimeZone, 64).default("UTC").to_owned(),
            date_null(Forums::DayZero).to_owned(),
            date_null(Forums::FirstDay).to_owned(),
            date_null(Forums::LastDay).to_owned(),
            text(Forums::Description).default("").to_owned(),
            string_len(Forums::Languages, 64).default("en").to_owned(),
            timestamp_with_time_zone_null(Forums::UpdatedAt).to_owned(),
        ];
        for mut column in columns {
            m.alter_table(
                Table::alter()
                    .table(Forums::Table)
                    .add_column(&mut column)
                    .to_owned(),
            )
            .await?;
        }

        m.create_table(
            Table::create()
                .table(Themes::Table)
                .col(pk_uuid(Themes::Id))
                .col(uuid(Themes::ForumId))
                .col(uuid_null(Themes::ParentId))
                .col(string_len(Themes::Name, 120))
                .col(string_len(Themes::Colour, 7))
                .col(integer(Themes::Position).default(0))
                .foreign_key(
                    ForeignKey::create()
                        .from(Themes::Table, Themes::ForumId)
                        .to(Forums::Table, Forums::Id)
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .foreign_key(
                    ForeignKey::create()
                        .from(Themes::Table, Themes::ParentId)
                        .to(Themes::Table, Themes::Id)
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("idx_themes_forum")
                .table(Themes::Table)
                .col(Themes::ForumId)
                .to_owned(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table(SessionTypes::Table)
                .col(pk_uuid(SessionTypes::Id))
                .col(uuid(SessionTypes::ForumId))
                .col(string_len(SessionTypes::Name, 120))
                .col(string_len(SessionTypes::CodePrefix, 8))
                .col(string_len(SessionTypes::Durations, 64))
                .col(integer(SessionTypes::Position).default(0))
                .foreign_key(
                    ForeignKey::create()
                        .from(SessionTypes::Table, SessionTypes::ForumId)
                        .to(Forums::Table, Forums::Id)
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("idx_session_types_prefix")
                .table(SessionTypes::Table)
                .col(SessionTypes::ForumId)
                .col(SessionTypes::CodePrefix)
                .unique()
                .to_owned(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table(SessionFormats::Table)
                .col(pk_uuid(SessionFormats::Id))
                .col(uuid(SessionFormats::ForumId))
                .col(string_len(SessionFormats::Name, 120))
                .col(boolean(SessionFormats::NeedsDescription).default(false))
                .col(integer(SessionFormats::Position).default(0))
                .foreign_key(
                    ForeignKey::create()
                        .from(SessionFormats::Table, SessionFormats::ForumId)
                        .to(Forums::Table, Forums::Id)
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .to_owned(),
        )
        .await?;
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            SessionFormats::Table.into_iden(),
            SessionTypes::Table.into_iden(),
            Themes::Table.into_iden(),
        ] {
            m.drop_table(Table::drop().table(table).to_owned()).await?;
        }
        for column in [
            Forums::HostCity,
            Forums::Venue,
            Forums::TimeZone,
            Forums::DayZero,
            Forums::FirstDay,
            Forums::LastDay,
            Forums::Description,
            Forums::Languages,
            Forums::UpdatedAt,
        ] {
            m.alter_table(
                Table::alter()
                    .table(Forums::Table)
                    .drop_column(column)
                    .to_owned(),
            )
            .await?;
        }
        Ok(())
    }
}
