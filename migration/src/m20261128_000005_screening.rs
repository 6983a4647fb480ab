//! Screening: the organisers' decision on each submitted proposal (eligible or
//! not, with who decided and when) and their overrides of single rule results,
//! each with a recorded reason.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Users {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Proposals {
    Table,
    Id,
    Screening,
    ScreenedAt,
    ScreenedBy,
}

#[derive(DeriveIden)]
enum ScreeningOverrides {
    Table,
    Id,
    ProposalId,
    Rule,
    Passed,
    Reason,
    DecidedBy,
    DecidedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        // SQLite takes one column per ALTER TABLE.
        for column in [
            string_len(Proposals::Screening, 16).default("").to_owned(),
            timestamp_with_time_zone_null(Proposals::ScreenedAt).to_owned(),
            uuid_null(Proposals::ScreenedBy).to_owned(),
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
                .table(ScreeningOverrides::Table)
                .col(pk_uuid(ScreeningOverrides::Id))
                .col(uuid(ScreeningOverrides::ProposalId))
                .col(string_len(ScreeningOverrides::Rule, 64))
                .col(boolean(ScreeningOverrides::Passed))
                .col(string_len(ScreeningOverrides::Reason, 1000))
                .col(uuid(ScreeningOverrides::DecidedBy))
                .col(timestamp_with_time_zone(ScreeningOverrides::DecidedAt))
                .foreign_key(
                    ForeignKey::create()
                        .from(ScreeningOverrides::Table, ScreeningOverrides::ProposalId)
                        .to(Proposals::Table, Proposals::Id)
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .foreign_key(
                    ForeignKey::create()
                        .from(ScreeningOverrides::Table, ScreeningOverrides::DecidedBy)
                        .to(Users::Table, Users::Id),
                )
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("idx_screening_overrides_rule")
                .table(ScreeningOverrides::Table)
                .col(ScreeningOverrides::ProposalId)
                .col(ScreeningOverrides::Rule)
                .unique()
                .to_owned(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_table(Table::drop().table(ScreeningOverrides::Table).to_owned())
            .await?;
        for column in [
            Proposals::Screening,
            Proposals::ScreenedAt,
            Proposals::ScreenedBy,
        ] {
            m.alter_table(
                Table::alter()
                    .table(Proposals::Table)
                    .drop_column(column)
                    .to_owned(),
            )
            .await?;
        }
        Ok(())
    }
}
