//! Remote participation: a room's default meeting (provider address, meeting
//! id, passcode) and a session's own, and each person's join link for a
//! session — an unguessable token, revocable by the organisers, and the
//! record of its use (attendance online).

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
enum Rooms {
    Table,
}

#[derive(DeriveIden)]
enum ProgrammeSessions {
    Table,
    Id,
}

#[derive(DeriveIden)]
// The same three columns on rooms and on sessions.
#[allow(clippy::enum_variant_names)]
enum MeetingColumns {
    MeetingUrl,
    MeetingId,
    MeetingPasscode,
}

#[derive(DeriveIden)]
enum JoinLinks {
    Table,
    Id,
    ForumId,
    SessionId,
    UserId,
    Token,
    CreatedAt,
    RevokedAt,
    FirstUsedAt,
    LastUsedAt,
    Uses,
}

fn cascade(
    from: (impl IntoIden, impl IntoIden),
    to: (impl IntoIden, impl IntoIden),
) -> ForeignKeyCreateStatement {
    ForeignKey::create()
        .from(from.0, from.1)
        .to(to.0, to.1)
        .on_delete(ForeignKeyAction::Cascade)
        .to_owned()
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        // SQLite alters one column at a time.
        for table in [
            Rooms::Table.into_iden(),
            ProgrammeSessions::Table.into_iden(),
        ] {
            for column in [
                MeetingColumns::MeetingUrl,
                MeetingColumns::MeetingId,
                MeetingColumns::MeetingPasscode,
            ] {
                m.alter_table(
                    Table::alter()
                        .table(table.clone())
                        .add_column(text(column).default(""))
                        .to_owned(),
                )
                .await?;
            }
        }
        m.create_table(
            Table::create()
                .table(JoinLinks::Table)
                .col(pk_uuid(JoinLinks::Id))
                .col(uuid(JoinLinks::ForumId))
                .col(uuid(JoinLinks::SessionId))
                .col(uuid(JoinLinks::UserId))
                .col(string_len(JoinLinks::Token, 64).unique_key())
                .col(timestamp_with_time_zone(JoinLinks::CreatedAt))
                .col(timestamp_with_time_zone_null(JoinLinks::RevokedAt))
                .col(timestamp_with_time_zone_null(JoinLinks::FirstUsedAt))
                .col(timestamp_with_time_zone_null(JoinLinks::LastUsedAt))
                .col(integer(JoinLinks::Uses).default(0))
                .foreign_key(&mut cascade(
                    (JoinLinks::Table, JoinLinks::ForumId),
                    (Forums::Table, Forums::Id),
                ))
                .foreign_key(&mut cascade(
                    (JoinLinks::Table, JoinLinks::SessionId),
                    (ProgrammeSessions::Table, ProgrammeSessions::Id),
                ))
                .foreign_key(&mut cascade(
                    (JoinLinks::Table, JoinLinks::UserId),
                    (Users::Table, Users::Id),
                ))
                .to_owned(),
        )
        .await?;
        // One link per person and session.
        m.create_index(
            Index::create()
                .name("idx_join_links_session_person")
                .table(JoinLinks::Table)
                .col(JoinLinks::SessionId)
                .col(JoinLinks::UserId)
                .unique()
                .to_owned(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_table(Table::drop().table(JoinLinks::Table).to_owned())
            .await?;
        for table in [
            Rooms::Table.into_iden(),
            ProgrammeSessions::Table.into_iden(),
        ] {
            for column in [
                MeetingColumns::MeetingUrl,
                MeetingColumns::MeetingId,
                MeetingColumns::MeetingPasscode,
            ] {
                m.alter_table(
                    Table::alter()
                        .table(table.clone())
                        .drop_column(column)
                        .to_owned(),
                )
                .await?;
            }
        }
        Ok(())
    }
}
