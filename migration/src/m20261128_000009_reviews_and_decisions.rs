//! Reviews and selection: each call's review form (criteria with weights, the
//! standard reasons for low scores), review phases and slot budgets (JSON
//! text), whether reviewers' comments for proposers go into the decision
//! mails, the confirmation deadline; the reviews; and on each proposal the
//! pending decision, what was released, a merge, and the proposer's answer.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Calls {
    Table,
    ReviewForm,
    ReviewPhases,
    SlotBudgets,
    ShareReviewerComments,
    ConfirmBy,
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
    Decision,
    DecisionNote,
    DecisionVersion,
    DecidedBy,
    DecidedAt,
    ReleasedDecision,
    ReleasedAt,
    MergedInto,
    Confirmation,
    ConfirmedAt,
}

#[derive(DeriveIden)]
enum Reviews {
    Table,
    Id,
    ProposalId,
    ReviewerId,
    Scores,
    Total,
    Comment,
    CommentForProposers,
    MergeWith,
    LowReasons,
    CreatedAt,
    UpdatedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for column in [
            text(Calls::ReviewForm).default("").to_owned(),
            text(Calls::ReviewPhases).default("").to_owned(),
            text(Calls::SlotBudgets).default("").to_owned(),
            boolean(Calls::ShareReviewerComments)
                .default(false)
                .to_owned(),
            timestamp_with_time_zone_null(Calls::ConfirmBy).to_owned(),
        ] {
            m.alter_table(
                Table::alter()
                    .table(Calls::Table)
                    .add_column(column)
                    .to_owned(),
            )
            .await?;
        }
        for column in [
            string_len(Proposals::Decision, 16).default("").to_owned(),
            string_len(Proposals::DecisionNote, 500)
                .default("")
                .to_owned(),
            integer(Proposals::DecisionVersion).default(0).to_owned(),
            uuid_null(Proposals::DecidedBy).to_owned(),
            timestamp_with_time_zone_null(Proposals::DecidedAt).to_owned(),
            string_len(Proposals::ReleasedDecision, 16)
                .default("")
                .to_owned(),
            timestamp_with_time_zone_null(Proposals::ReleasedAt).to_owned(),
            uuid_null(Proposals::MergedInto).to_owned(),
            string_len(Proposals::Confirmation, 16)
                .default("")
                .to_owned(),
            timestamp_with_time_zone_null(Proposals::ConfirmedAt).to_owned(),
        ] {
            m.alter_table(
                Table::alter()
                    .table(Proposals::Table)
                    .add_column(column)
                    .to_owned(),
            )
            .await?;
        }
        m.create_table(
            Table::create()
                .table(Reviews::Table)
                .col(pk_uuid(Reviews::Id))
                .col(uuid(Reviews::ProposalId))
                .col(uuid(Reviews::ReviewerId))
                .col(string_len(Reviews::Scores, 500))
                .col(double(Reviews::Total))
                .col(text(Reviews::Comment).default(""))
                .col(text(Reviews::CommentForProposers).default(""))
                .col(string_len(Reviews::MergeWith, 40).default(""))
                .col(string_len(Reviews::LowReasons, 1000).default(""))
                .col(timestamp_with_time_zone(Reviews::CreatedAt))
                .col(timestamp_with_time_zone(Reviews::UpdatedAt))
                .foreign_key(
                    ForeignKey::create()
                        .from(Reviews::Table, Reviews::ProposalId)
                        .to(Proposals::Table, Proposals::Id)
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .foreign_key(
                    ForeignKey::create()
                        .from(Reviews::Table, Reviews::ReviewerId)
                        .to(Users::Table, Users::Id)
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("idx_reviews_unique")
                .table(Reviews::Table)
                .col(Reviews::ProposalId)
                .col(Reviews::ReviewerId)
                .unique()
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("idx_reviews_reviewer")
                .table(Reviews::Table)
                .col(Reviews::ReviewerId)
                .to_owned(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_table(Table::drop().table(Reviews::Table).to_owned())
            .await?;
        for column in [
            Proposals::Decision,
            Proposals::DecisionNote,
            Proposals::DecisionVersion,
            Proposals::DecidedBy,
            Proposals::DecidedAt,
            Proposals::ReleasedDecision,
            Proposals::ReleasedAt,
            Proposals::MergedInto,
            Proposals::Confirmation,
            Proposals::ConfirmedAt,
        ] {
            m.alter_table(
                Table::alter()
                    .table(Proposals::Table)
                    .drop_column(column)
                    .to_owned(),
            )
            .await?;
        }
        for column in [
            Calls::ReviewForm,
            Calls::ReviewPhases,
            Calls::SlotBudgets,
            Calls::ShareReviewerComments,
            Calls::ConfirmBy,
        ] {
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
