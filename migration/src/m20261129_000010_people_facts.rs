//! A proposal's people summarised on the proposal (JSON: counts by
//! stakeholder group, region, gender, onsite/online, and whether an organiser
//! is from a developing country), so the selection's ranking and balance panel
//! read one row per proposal instead of one per person. Empty until computed;
//! the server fills the empty ones when it starts. Also indexes the people's
//! emails and organisations in lower case: an organiser's own conflicts of
//! interest are looked up by them (SQLite and PostgreSQL both index
//! expressions).

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

const LOWER_CASE_INDEXES: [(&str, &str); 2] = [
    ("idx_proposal_people_lower_email", "email"),
    ("idx_proposal_people_lower_organisation", "organisation"),
];

#[derive(DeriveIden)]
enum Proposals {
    Table,
    PeopleFacts,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.alter_table(
            Table::alter()
                .table(Proposals::Table)
                .add_column(text(Proposals::PeopleFacts).default(""))
                .to_owned(),
        )
        .await?;
        for (name, column) in LOWER_CASE_INDEXES {
            m.get_connection()
                .execute_unprepared(&format!(
                    "CREATE INDEX {name} ON proposal_people (lower({column}))"
                ))
                .await?;
        }
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for (name, _) in LOWER_CASE_INDEXES {
            m.get_connection()
                .execute_unprepared(&format!("DROP INDEX {name}"))
                .await?;
        }
        m.alter_table(
            Table::alter()
                .table(Proposals::Table)
                .drop_column(Proposals::PeopleFacts)
                .to_owned(),
        )
        .await
    }
}
