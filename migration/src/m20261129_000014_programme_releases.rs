//! Releases of the programme: numbered snapshots of the draft that the public
//! programme shows, the changelog between one release and the one before it
//! (sessions added, moved, cancelled, taken out), and an attachment on
//! outbox mails (the calendar file a release mail carries).

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
enum ProgrammeReleases {
    Table,
    Id,
    ForumId,
    Number,
    PublishedAt,
    PublishedBy,
    Note,
    Sessions,
    Mailed,
    Snapshot,
}

#[derive(DeriveIden)]
enum ReleaseChanges {
    Table,
    Id,
    ReleaseId,
    SessionId,
    Position,
    Kind,
    Code,
    Title,
    Before,
    After,
}

#[derive(DeriveIden)]
enum Outbox {
    Table,
    AttachmentName,
    AttachmentType,
    Attachment,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table(ProgrammeReleases::Table)
                .col(pk_uuid(ProgrammeReleases::Id))
                .col(uuid(ProgrammeReleases::ForumId))
                .col(integer(ProgrammeReleases::Number))
                .col(timestamp_with_time_zone(ProgrammeReleases::PublishedAt))
                .col(uuid_null(ProgrammeReleases::PublishedBy))
                .col(text(ProgrammeReleases::Note).default(""))
                .col(integer(ProgrammeReleases::Sessions).default(0))
                .col(integer(ProgrammeReleases::Mailed).default(0))
                .col(text(ProgrammeReleases::Snapshot))
                .foreign_key(
                    ForeignKey::create()
                        .from(ProgrammeReleases::Table, ProgrammeReleases::ForumId)
                        .to(Forums::Table, Forums::Id)
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .foreign_key(
                    ForeignKey::create()
                        .from(ProgrammeReleases::Table, ProgrammeReleases::PublishedBy)
                        .to(Users::Table, Users::Id)
                        .on_delete(ForeignKeyAction::SetNull),
                )
                .to_owned(),
        )
        .await?;
        // One release per number: two organisers publishing at once cannot
        // both make release n.
        m.create_index(
            Index::create()
                .name("idx_programme_releases_number")
                .table(ProgrammeReleases::Table)
                .col(ProgrammeReleases::ForumId)
                .col(ProgrammeReleases::Number)
                .unique()
                .to_owned(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table(ReleaseChanges::Table)
                .col(pk_uuid(ReleaseChanges::Id))
                .col(uuid(ReleaseChanges::ReleaseId))
                .col(uuid(ReleaseChanges::SessionId))
                .col(integer(ReleaseChanges::Position))
                .col(string_len(ReleaseChanges::Kind, 16))
                .col(string_len(ReleaseChanges::Code, 40))
                .col(string_len(ReleaseChanges::Title, 300))
                .col(text(ReleaseChanges::Before).default(""))
                .col(text(ReleaseChanges::After).default(""))
                .foreign_key(
                    ForeignKey::create()
                        .from(ReleaseChanges::Table, ReleaseChanges::ReleaseId)
                        .to(ProgrammeReleases::Table, ProgrammeReleases::Id)
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("idx_release_changes_release")
                .table(ReleaseChanges::Table)
                .col(ReleaseChanges::ReleaseId)
                .col(ReleaseChanges::Position)
                .to_owned(),
        )
        .await?;
        // SQLite adds one column per statement.
        for column in [
            string_len_null(Outbox::AttachmentName, 200),
            string_len_null(Outbox::AttachmentType, 100),
            text_null(Outbox::Attachment),
        ] {
            let mut column = column;
            m.alter_table(
                Table::alter()
                    .table(Outbox::Table)
                    .add_column(&mut column)
                    .to_owned(),
            )
            .await?;
        }
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for column in [
            Outbox::AttachmentName,
            Outbox::AttachmentType,
            Outbox::Attachment,
        ] {
            m.alter_table(
                Table::alter()
                    .table(Outbox::Table)
                    .drop_column(column)
                    .to_owned(),
            )
            .await?;
        }
        m.drop_table(Table::drop().table(ReleaseChanges::Table).to_owned())
            .await?;
        m.drop_table(Table::drop().table(ProgrammeReleases::Table).to_owned())
            .await?;
        Ok(())
    }
}
