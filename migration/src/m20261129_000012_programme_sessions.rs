//! The programme's sessions: made from accepted proposals or created by the
//! organisers (main sessions, high-level sessions), with their people in
//! roles and the days each person cannot attend, what the session needs
//! (duration, room features, expected audience, online-only or hybrid), its
//! place in the draft programme (room and slot; pinned or not) and the log of
//! changes to the draft. One session per room and slot, enforced by a unique
//! index, so two organisers moving sessions at once never double-book.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Forums {
    Table,
    Id,
    MaxParallelSameTheme,
    MaxSessionsPerPersonDay,
}

#[derive(DeriveIden)]
enum Proposals {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Rooms {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum TimeSlots {
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
    ForumId,
    ProposalId,
    Code,
    Title,
    Description,
    SessionTypeId,
    ThemeId,
    DurationMinutes,
    RequiredFeatures,
    ExpectedAudience,
    OnlineOnly,
    Hybrid,
    Status,
    RoomId,
    SlotId,
    Pinned,
    Version,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum SessionPeople {
    Table,
    Id,
    SessionId,
    Role,
    Position,
    Name,
    Email,
    Organisation,
    Country,
    StakeholderGroup,
    Gender,
    Onsite,
    UnavailableDays,
}

#[derive(DeriveIden)]
enum ScheduleChanges {
    Table,
    Id,
    ForumId,
    SessionId,
    FromRoom,
    FromSlot,
    ToRoom,
    ToSlot,
    ChangedBy,
    ChangedAt,
    Undone,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        // The editor's warnings: same-theme sessions in parallel, sessions
        // of one person in a day (0: no limit).
        for column in [
            integer(Forums::MaxParallelSameTheme).default(0).to_owned(),
            integer(Forums::MaxSessionsPerPersonDay)
                .default(0)
                .to_owned(),
        ] {
            m.alter_table(
                Table::alter()
                    .table(Forums::Table)
                    .add_column(column)
                    .to_owned(),
            )
            .await?;
        }
        m.create_table(
            Table::create()
                .table(ProgrammeSessions::Table)
                .col(pk_uuid(ProgrammeSessions::Id))
                .col(uuid(ProgrammeSessions::ForumId))
                .col(uuid_null(ProgrammeSessions::ProposalId))
                .col(string_len(ProgrammeSessions::Code, 32))
                .col(string_len(ProgrammeSessions::Title, 300))
                .col(text(ProgrammeSessions::Description).default(""))
                .col(uuid_null(ProgrammeSessions::SessionTypeId))
                .col(uuid_null(ProgrammeSessions::ThemeId))
                .col(integer(ProgrammeSessions::DurationMinutes))
                .col(string_len(ProgrammeSessions::RequiredFeatures, 200).default(""))
                .col(integer(ProgrammeSessions::ExpectedAudience).default(0))
                .col(boolean(ProgrammeSessions::OnlineOnly).default(false))
                .col(boolean(ProgrammeSessions::Hybrid).default(true))
                .col(string_len(ProgrammeSessions::Status, 16).default("active"))
                .col(uuid_null(ProgrammeSessions::RoomId))
                .col(uuid_null(ProgrammeSessions::SlotId))
                .col(boolean(ProgrammeSessions::Pinned).default(false))
                .col(integer(ProgrammeSessions::Version).default(0))
                .col(timestamp_with_time_zone(ProgrammeSessions::CreatedAt))
                .col(timestamp_with_time_zone(ProgrammeSessions::UpdatedAt))
                .foreign_key(
                    ForeignKey::create()
                        .from(ProgrammeSessions::Table, ProgrammeSessions::ForumId)
                        .to(Forums::Table, Forums::Id)
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .foreign_key(
                    ForeignKey::create()
                        .from(ProgrammeSessions::Table, ProgrammeSessions::ProposalId)
                        .to(Proposals::Table, Proposals::Id)
                        .on_delete(ForeignKeyAction::SetNull),
                )
                .foreign_key(
                    ForeignKey::create()
                        .from(ProgrammeSessions::Table, ProgrammeSessions::RoomId)
                        .to(Rooms::Table, Rooms::Id)
                        .on_delete(ForeignKeyAction::SetNull),
                )
                .foreign_key(
                    ForeignKey::create()
                        .from(ProgrammeSessions::Table, ProgrammeSessions::SlotId)
                        .to(TimeSlots::Table, TimeSlots::Id)
                        .on_delete(ForeignKeyAction::SetNull),
                )
                .to_owned(),
        )
        .await?;
        for (name, cols, unique) in [
            (
                "idx_programme_sessions_place",
                vec![ProgrammeSessions::RoomId, ProgrammeSessions::SlotId],
                true,
            ),
            (
                "idx_programme_sessions_proposal",
                vec![ProgrammeSessions::ProposalId],
                true,
            ),
            (
                "idx_programme_sessions_forum_code",
                vec![ProgrammeSessions::ForumId, ProgrammeSessions::Code],
                true,
            ),
        ] {
            let mut index = Index::create();
            index.name(name).table(ProgrammeSessions::Table);
            for c in cols {
                index.col(c);
            }
            if unique {
                index.unique();
            }
            m.create_index(index.to_owned()).await?;
        }
        m.create_table(
            Table::create()
                .table(SessionPeople::Table)
                .col(pk_uuid(SessionPeople::Id))
                .col(uuid(SessionPeople::SessionId))
                .col(string_len(SessionPeople::Role, 32))
                .col(integer(SessionPeople::Position).default(0))
                .col(string_len(SessionPeople::Name, 200))
                .col(string_len(SessionPeople::Email, 254))
                .col(string_len(SessionPeople::Organisation, 200).default(""))
                .col(string_len_null(SessionPeople::Country, 2))
                .col(string_len_null(SessionPeople::StakeholderGroup, 32))
                .col(string_len_null(SessionPeople::Gender, 32))
                .col(boolean(SessionPeople::Onsite).default(true))
                .col(string_len(SessionPeople::UnavailableDays, 400).default(""))
                .foreign_key(
                    ForeignKey::create()
                        .from(SessionPeople::Table, SessionPeople::SessionId)
                        .to(ProgrammeSessions::Table, ProgrammeSessions::Id)
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("idx_session_people_session")
                .table(SessionPeople::Table)
                .col(SessionPeople::SessionId)
                .to_owned(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table(ScheduleChanges::Table)
                .col(pk_uuid(ScheduleChanges::Id))
                .col(uuid(ScheduleChanges::ForumId))
                .col(uuid(ScheduleChanges::SessionId))
                .col(uuid_null(ScheduleChanges::FromRoom))
                .col(uuid_null(ScheduleChanges::FromSlot))
                .col(uuid_null(ScheduleChanges::ToRoom))
                .col(uuid_null(ScheduleChanges::ToSlot))
                .col(uuid_null(ScheduleChanges::ChangedBy))
                .col(timestamp_with_time_zone(ScheduleChanges::ChangedAt))
                .col(boolean(ScheduleChanges::Undone).default(false))
                .foreign_key(
                    ForeignKey::create()
                        .from(ScheduleChanges::Table, ScheduleChanges::ForumId)
                        .to(Forums::Table, Forums::Id)
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .foreign_key(
                    ForeignKey::create()
                        .from(ScheduleChanges::Table, ScheduleChanges::SessionId)
                        .to(ProgrammeSessions::Table, ProgrammeSessions::Id)
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .foreign_key(
                    ForeignKey::create()
                        .from(ScheduleChanges::Table, ScheduleChanges::ChangedBy)
                        .to(Users::Table, Users::Id)
                        .on_delete(ForeignKeyAction::SetNull),
                )
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("idx_schedule_changes_forum_at")
                .table(ScheduleChanges::Table)
                .col(ScheduleChanges::ForumId)
                .col(ScheduleChanges::ChangedAt)
                .to_owned(),
        )
        .await?;
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            ScheduleChanges::Table.into_iden(),
            SessionPeople::Table.into_iden(),
            ProgrammeSessions::Table.into_iden(),
        ] {
            m.drop_table(Table::drop().table(table).to_owned()).await?;
        }
        for column in [
            Forums::MaxParallelSameTheme.into_iden(),
            Forums::MaxSessionsPerPersonDay.into_iden(),
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
