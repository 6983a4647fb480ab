//! Registration for an edition: the organisers' setup (open or closed, the
//! closing time, onsite capacity, whether online registrations wait for
//! approval, the privacy notice), their extra questions, and each person's
//! registration with its state, badge details and the code on their badge.

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
enum RegistrationSetups {
    Table,
    ForumId,
    Open,
    ClosesAt,
    OnsiteCapacity,
    OnlineNeedsApproval,
    PrivacyNotice,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum RegistrationQuestions {
    Table,
    Id,
    ForumId,
    Position,
    Kind,
    Label,
    Choices,
    Required,
    CreatedAt,
}

#[derive(DeriveIden)]
enum Registrations {
    Table,
    Id,
    ForumId,
    UserId,
    Mode,
    RequestedMode,
    State,
    BadgeName,
    Organisation,
    Country,
    StakeholderGroup,
    Gender,
    FirstTime,
    Accessibility,
    InterpretationLanguage,
    Listed,
    PrivacyAcceptedAt,
    Answers,
    BadgeCode,
    QueuedAt,
    CheckedInAt,
    CheckedInBy,
    DecidedAt,
    DecidedBy,
    Reason,
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
        m.create_table(
            Table::create()
                .table(RegistrationSetups::Table)
                .col(uuid(RegistrationSetups::ForumId).primary_key())
                .col(boolean(RegistrationSetups::Open))
                .col(timestamp_with_time_zone_null(RegistrationSetups::ClosesAt))
                .col(integer_null(RegistrationSetups::OnsiteCapacity))
                .col(boolean(RegistrationSetups::OnlineNeedsApproval))
                .col(text(RegistrationSetups::PrivacyNotice))
                .col(timestamp_with_time_zone(RegistrationSetups::UpdatedAt))
                .foreign_key(&mut cascade(
                    (RegistrationSetups::Table, RegistrationSetups::ForumId),
                    (Forums::Table, Forums::Id),
                ))
                .to_owned(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table(RegistrationQuestions::Table)
                .col(pk_uuid(RegistrationQuestions::Id))
                .col(uuid(RegistrationQuestions::ForumId))
                .col(integer(RegistrationQuestions::Position))
                .col(string_len(RegistrationQuestions::Kind, 16))
                .col(string_len(RegistrationQuestions::Label, 300))
                .col(text(RegistrationQuestions::Choices))
                .col(boolean(RegistrationQuestions::Required))
                .col(timestamp_with_time_zone(RegistrationQuestions::CreatedAt))
                .foreign_key(&mut cascade(
                    (RegistrationQuestions::Table, RegistrationQuestions::ForumId),
                    (Forums::Table, Forums::Id),
                ))
                .to_owned(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table(Registrations::Table)
                .col(pk_uuid(Registrations::Id))
                .col(uuid(Registrations::ForumId))
                .col(uuid(Registrations::UserId))
                .col(string_len(Registrations::Mode, 8))
                .col(string_len_null(Registrations::RequestedMode, 8))
                .col(string_len(Registrations::State, 12))
                .col(string_len(Registrations::BadgeName, 120))
                .col(string_len(Registrations::Organisation, 200))
                .col(string_len_null(Registrations::Country, 2))
                .col(string_len_null(Registrations::StakeholderGroup, 40))
                .col(string_len_null(Registrations::Gender, 20))
                .col(boolean(Registrations::FirstTime))
                .col(text(Registrations::Accessibility))
                .col(string_len_null(Registrations::InterpretationLanguage, 2))
                .col(boolean(Registrations::Listed))
                .col(timestamp_with_time_zone(Registrations::PrivacyAcceptedAt))
                .col(text(Registrations::Answers))
                .col(string_len(Registrations::BadgeCode, 32).unique_key())
                .col(timestamp_with_time_zone_null(Registrations::QueuedAt))
                .col(timestamp_with_time_zone_null(Registrations::CheckedInAt))
                .col(uuid_null(Registrations::CheckedInBy))
                .col(timestamp_with_time_zone_null(Registrations::DecidedAt))
                .col(uuid_null(Registrations::DecidedBy))
                .col(text(Registrations::Reason))
                .col(timestamp_with_time_zone(Registrations::CreatedAt))
                .col(timestamp_with_time_zone(Registrations::UpdatedAt))
                .foreign_key(&mut cascade(
                    (Registrations::Table, Registrations::ForumId),
                    (Forums::Table, Forums::Id),
                ))
                .foreign_key(&mut cascade(
                    (Registrations::Table, Registrations::UserId),
                    (Users::Table, Users::Id),
                ))
                .to_owned(),
        )
        .await?;
        // One registration per person and edition.
        m.create_index(
            Index::create()
                .name("idx_registrations_forum_person")
                .table(Registrations::Table)
                .col(Registrations::ForumId)
                .col(Registrations::UserId)
                .unique()
                .to_owned(),
        )
        .await?;
        // The organisers' lists and the capacity count read by state and mode.
        m.create_index(
            Index::create()
                .name("idx_registrations_forum_state_mode")
                .table(Registrations::Table)
                .col(Registrations::ForumId)
                .col(Registrations::State)
                .col(Registrations::Mode)
                .to_owned(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_table(Table::drop().table(Registrations::Table).to_owned())
            .await?;
        m.drop_table(Table::drop().table(RegistrationQuestions::Table).to_owned())
            .await?;
        m.drop_table(Table::drop().table(RegistrationSetups::Table).to_owned())
            .await
    }
}
