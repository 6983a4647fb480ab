//! A programme session's materials (slides, papers, recordings): a JSON list
//! of titled links, published with the next release.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum ProgrammeSessions {
    Table,
    Materials,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.alter_table(
            Table::alter()
                .table(ProgrammeSessions::Table)
                .add_column(text(ProgrammeSessions::Materials).default(""))
                .to_owned(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.alter_table(
            Table::alter()
                .table(ProgrammeSessions::Table)
                .drop_column(ProgrammeSessions::Materials)
                .to_owned(),
        )
        .await
    }
}
