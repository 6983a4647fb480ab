//! Session proposals and the people in them (organisers, speakers, moderators,
//! rapporteur), with each person's confirmation.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Forums {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Calls {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Users {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Proposals {
    Table,
    Id,
    ForumId,
    CallId,
    ProposerId,
    SessionTypeId,
    FormatId,
    FormatDescription,
    Duration,
    ThemeId,
    SubThemeId,
    Title,
    Description,
    PolicyQuestions,
    ExpectedOutcomes,
    HybridPlan,
    RoomLayout,
    Languages,
    Sdgs,
    ActionLines,
    Tags,
    PreviousReportUrl,
    State,
    Number,
    Code,
    CreatedAt,
    UpdatedAt,
    SubmittedAt,
}

#[derive(DeriveIden)]
enum ProposalPeople {
    Table,
    Id,
    ProposalId,
    Role,
    Position,
    Name,
    Email,
    Organisation,
    Country,
    StakeholderGroup,
    Gender,
    Onsite,
    Confirmation,
    TokenHash,
    AnsweredAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table(Proposals::Table)
                .col(pk_uuid(Proposals::Id))
                .col(uuid(Proposals::ForumId))
                .col(uuid(Proposals::CallId))
                .col(uuid(Proposals::ProposerId))
                .col(uuid_null(Proposals::SessionTypeId))
                .col(uuid_null(Proposals::FormatId))
                .col(string_len(Proposals::FormatDescription, 500).default(""))
                .col(integer_null(Proposals::Duration))
                .col(uuid_null(Proposals::ThemeId))
                .col(uuid_null(Proposals::SubThemeId))
                .col(string_len(Proposals::Title, 300).default(""))
                .col(text(Proposals::Description).default(""))
                .col(text(Proposals::PolicyQuestions).default("[]"))
                .col(text(Proposals::ExpectedOutcomes).default(""))
                .col(text(Proposals::HybridPlan).default(""))
                .col(string_len(Proposals::RoomLayout, 64).default(""))
                .col(string_len(Proposals::Languages, 64).default(""))
                .col(string_len(Proposals::Sdgs, 64).default(""))
                .col(string_len(Proposals::ActionLines, 200).default(""))
                .col(string_len(Proposals::Tags, 500).default(""))
                .col(string_len(Proposals::PreviousReportUrl, 500).default(""))
                .col(string_len(Proposals::State, 16))
                .col(integer_null(Proposals::Number))
                .col(string_len_null(Proposals::Code, 32))
                .col(timestamp_with_time_zone(Proposals::CreatedAt))
                .col(timestamp_with_time_zone(Proposals::UpdatedAt))
                .col(timestamp_with_time_zone_null(Proposals::SubmittedAt))
                .foreign_key(
                    ForeignKey::create()
                        .from(Proposals::Table, Proposals::ForumId)
                        .to(Forums::Table, Forums::Id)
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .foreign_key(
                    ForeignKey::create()
                        .from(Proposals::Table, Proposals::CallId)
                        .to(Calls::Table, Calls::Id)
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .foreign_key(
                    ForeignKey::create()
                        .from(Proposals::Table, Proposals::ProposerId)
                        .to(Users::Table, Users::Id)
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .to_owned(),
        )
        .await?;
        for (name, cols) in [
            (
                "idx_proposals_forum_state",
                vec![Proposals::ForumId, Proposals::State],
            ),
            ("idx_proposals_proposer", vec![Proposals::ProposerId]),
        ] {
            let mut index = Index::create();
            index.name(name).table(Proposals::Table);
            for c in cols {
                index.col(c);
            }
            m.create_index(index.to_owned()).await?;
        }
        // Codes are numbered per session type of an edition: never twice.
        m.create_index(
            Index::create()
                .name("idx_proposals_number")
                .table(Proposals::Table)
                .col(Proposals::ForumId)
                .col(Proposals::SessionTypeId)
                .col(Proposals::Number)
                .unique()
                .to_owned(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table(ProposalPeople::Table)
                .col(pk_uuid(ProposalPeople::Id))
                .col(uuid(ProposalPeople::ProposalId))
                .col(string_len(ProposalPeople::Role, 20))
                .col(integer(ProposalPeople::Position).default(0))
                .col(string_len(ProposalPeople::Name, 200))
                .col(string_len(ProposalPeople::Email, 254))
                .col(string_len(ProposalPeople::Organisation, 200).default(""))
                .col(string_len_null(ProposalPeople::Country, 2))
                .col(string_len_null(ProposalPeople::StakeholderGroup, 40))
                .col(string_len_null(ProposalPeople::Gender, 40))
                .col(boolean(ProposalPeople::Onsite).default(true))
                .col(string_len(ProposalPeople::Confirmation, 16))
                .col(string_len_null(ProposalPeople::TokenHash, 64))
                .col(timestamp_with_time_zone_null(ProposalPeople::AnsweredAt))
                .foreign_key(
                    ForeignKey::create()
                        .from(ProposalPeople::Table, ProposalPeople::ProposalId)
                        .to(Proposals::Table, Proposals::Id)
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .to_owned(),
        )
        .await?;
        for (name, col) in [
            ("idx_proposal_people_proposal", ProposalPeople::ProposalId),
            ("idx_proposal_people_email", ProposalPeople::Email),
            ("idx_proposal_people_token", ProposalPeople::TokenHash),
        ] {
            m.create_index(
                Index::create()
                    .name(name)
                    .table(ProposalPeople::Table)
                    .col(col)
                    .to_owned(),
            )
            .await?;
        }
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_table(Table::drop().table(ProposalPeople::Table).to_owned())
            .await?;
        m.drop_table(Table::drop().table(Proposals::Table).to_owned())
            .await
    }
}
