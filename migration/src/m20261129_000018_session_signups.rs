//! Session sign-up: a session's own seat limit (none: the room's capacity),
//! the onsite seats taken (kept on the session, so taking the last seat is
//! one conditional update), and each person's sign-up — signed up, waiting
//! (in the order they came) or cancelled — with the mode they attend in.

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
    SeatLimit,
    SeatsTaken,
}

#[derive(DeriveIden)]
enum SessionSignups {
    Table,
    Id,
    ForumId,
    SessionId,
    UserId,
    Mode,
    State,
    QueuedAt,
    CreatedAt,
    UpdatedAt,
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
        m.alter_table(
            Table::alter()
                .table(ProgrammeSessions::Table)
                .add_column(integer_null(ProgrammeSessions::SeatLimit))
                .to_owned(),
        )
        .await?;
        m.alter_table(
            Table::alter()
                .table(ProgrammeSessions::Table)
                .add_column(integer(ProgrammeSessions::SeatsTaken).default(0))
                .to_owned(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table(SessionSignups::Table)
                .col(pk_uuid(SessionSignups::Id))
                .col(uuid(SessionSignups::ForumId))
                .col(uuid(SessionSignups::SessionId))
                .col(uuid(SessionSignups::UserId))
                .col(string_len(SessionSignups::Mode, 8))
                .col(string_len(SessionSignups::State, 12))
                .col(timestamp_with_time_zone(SessionSignups::QueuedAt))
                .col(timestamp_with_time_zone(SessionSignups::CreatedAt))
                .col(timestamp_with_time_zone(SessionSignups::UpdatedAt))
                .foreign_key(&mut cascade(
                    (SessionSignups::Table, SessionSignups::ForumId),
                    (Forums::Table, Forums::Id),
                ))
                .foreign_key(&mut cascade(
                    (SessionSignups::Table, SessionSignups::SessionId),
                    (ProgrammeSessions::Table, ProgrammeSessions::Id),
                ))
                .foreign_key(&mut cascade(
                    (SessionSignups::Table, SessionSignups::UserId),
                    (Users::Table, Users::Id),
                ))
                .to_owned(),
        )
        .await?;
        // One sign-up per person and session (a cancelled one is reused).
        m.create_index(
            Index::create()
                .name("idx_session_signups_session_person")
                .table(SessionSignups::Table)
                .col(SessionSignups::SessionId)
                .col(SessionSignups::UserId)
                .unique()
                .to_owned(),
        )
        .await?;
        // The waiting list in order, and the counts by state.
        m.create_index(
            Index::create()
                .name("idx_session_signups_session_state")
                .table(SessionSignups::Table)
                .col(SessionSignups::SessionId)
                .col(SessionSignups::State)
                .col(SessionSignups::QueuedAt)
                .to_owned(),
        )
        .await?;
        // A person's sign-ups in an edition (clashes, their agenda).
        m.create_index(
            Index::create()
                .name("idx_session_signups_forum_person")
                .table(SessionSignups::Table)
                .col(SessionSignups::ForumId)
                .col(SessionSignups::UserId)
                .to_owned(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_table(Table::drop().table(SessionSignups::Table).to_owned())
            .await?;
        for column in [ProgrammeSessions::SeatsTaken, ProgrammeSessions::SeatLimit] {
            m.alter_table(
                Table::alter()
                    .table(ProgrammeSessions::Table)
                    .drop_column(column)
                    .to_owned(),
            )
            .await?;
        }
        Ok(())
    }
}
