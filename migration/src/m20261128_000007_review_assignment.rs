//! Review assignment: reviewer teams (evaluation groups) of an edition with
//! their themes and members, each call's review load, the assignments, and
//! the conflicts of interest reviewers declare.

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
enum Proposals {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Calls {
    Table,
    ReviewsPerProposal,
    MaxReviewsPerReviewer,
}

#[derive(DeriveIden)]
enum ReviewTeams {
    Table,
    Id,
    ForumId,
    Name,
    Themes,
    CreatedAt,
}

#[derive(DeriveIden)]
enum ReviewTeamMembers {
    Table,
    Id,
    TeamId,
    UserId,
}

#[derive(DeriveIden)]
enum ReviewAssignments {
    Table,
    Id,
    ProposalId,
    ReviewerId,
    Origin,
    CreatedAt,
}

#[derive(DeriveIden)]
enum ReviewConflicts {
    Table,
    Id,
    ProposalId,
    ReviewerId,
    Reason,
    DeclaredAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for column in [
            integer(Calls::ReviewsPerProposal).default(3).to_owned(),
            integer_null(Calls::MaxReviewsPerReviewer).to_owned(),
        ] {
            m.alter_table(
                Table::alter()
                    .table(Calls::Table)
                    .add_column(column)
                    .to_owned(),
            )
            .await?;
        }
        m.create_table(
            Table::create()
                .table(ReviewTeams::Table)
                .col(pk_uuid(ReviewTeams::Id))
                .col(uuid(ReviewTeams::ForumId))
                .col(string_len(ReviewTeams::Name, 120))
                .col(string_len(ReviewTeams::Themes, 2000).default(""))
                .col(timestamp_with_time_zone(ReviewTeams::CreatedAt))
                .foreign_key(
                    ForeignKey::create()
                        .from(ReviewTeams::Table, ReviewTeams::ForumId)
                        .to(Forums::Table, Forums::Id)
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .to_owned(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table(ReviewTeamMembers::Table)
                .col(pk_uuid(ReviewTeamMembers::Id))
                .col(uuid(ReviewTeamMembers::TeamId))
                .col(uuid(ReviewTeamMembers::UserId))
                .foreign_key(
                    ForeignKey::create()
                        .from(ReviewTeamMembers::Table, ReviewTeamMembers::TeamId)
                        .to(ReviewTeams::Table, ReviewTeams::Id)
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .foreign_key(
                    ForeignKey::create()
                        .from(ReviewTeamMembers::Table, ReviewTeamMembers::UserId)
                        .to(Users::Table, Users::Id)
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("idx_review_team_members_unique")
                .table(ReviewTeamMembers::Table)
                .col(ReviewTeamMembers::TeamId)
                .col(ReviewTeamMembers::UserId)
                .unique()
                .to_owned(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table(ReviewAssignments::Table)
                .col(pk_uuid(ReviewAssignments::Id))
                .col(uuid(ReviewAssignments::ProposalId))
                .col(uuid(ReviewAssignments::ReviewerId))
                .col(string_len(ReviewAssignments::Origin, 16))
                .col(timestamp_with_time_zone(ReviewAssignments::CreatedAt))
                .foreign_key(
                    ForeignKey::create()
                        .from(ReviewAssignments::Table, ReviewAssignments::ProposalId)
                        .to(Proposals::Table, Proposals::Id)
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .foreign_key(
                    ForeignKey::create()
                        .from(ReviewAssignments::Table, ReviewAssignments::ReviewerId)
                        .to(Users::Table, Users::Id)
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .to_owned(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table(ReviewConflicts::Table)
                .col(pk_uuid(ReviewConflicts::Id))
                .col(uuid(ReviewConflicts::ProposalId))
                .col(uuid(ReviewConflicts::ReviewerId))
                .col(string_len(ReviewConflicts::Reason, 500).default(""))
                .col(timestamp_with_time_zone(ReviewConflicts::DeclaredAt))
                .foreign_key(
                    ForeignKey::create()
                        .from(ReviewConflicts::Table, ReviewConflicts::ProposalId)
                        .to(Proposals::Table, Proposals::Id)
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .foreign_key(
                    ForeignKey::create()
                        .from(ReviewConflicts::Table, ReviewConflicts::ReviewerId)
                        .to(Users::Table, Users::Id)
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .to_owned(),
        )
        .await?;
        for (name, table, a, b) in [
            (
                "idx_review_assignments_unique",
                ReviewAssignments::Table.into_iden(),
                ReviewAssignments::ProposalId.into_iden(),
                ReviewAssignments::ReviewerId.into_iden(),
            ),
            (
                "idx_review_conflicts_unique",
                ReviewConflicts::Table.into_iden(),
                ReviewConflicts::ProposalId.into_iden(),
                ReviewConflicts::ReviewerId.into_iden(),
            ),
        ] {
            m.create_index(
                Index::create()
                    .name(name)
                    .table(table)
                    .col(a)
                    .col(b)
                    .unique()
                    .to_owned(),
            )
            .await?;
        }
        m.create_index(
            Index::create()
                .name("idx_review_assignments_reviewer")
                .table(ReviewAssignments::Table)
                .col(ReviewAssignments::ReviewerId)
                .to_owned(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            ReviewConflicts::Table.into_iden(),
            ReviewAssignments::Table.into_iden(),
            ReviewTeamMembers::Table.into_iden(),
            ReviewTeams::Table.into_iden(),
        ] {
            m.drop_table(Table::drop().table(table).to_owned()).await?;
        }
        for column in [Calls::ReviewsPerProposal, Calls::MaxReviewsPerReviewer] {
            m.alter_table(
                Table::alter()
                    .table(Calls::Table)
                    .drop_column(column)
                    .to_owned(),
            )
            .await?;
        }
        Ok(())
    }
}
