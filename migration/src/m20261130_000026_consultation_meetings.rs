//! Consultation meetings: sessions of the edition's programme (hybrid, with
//! sign-up and remote participation) linked to the consultation they serve,
//! listed on its page.

use crate::keys::cascade;
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Consultations {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum ProgrammeSessions {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum ConsultationMeetings {
    Table,
    ConsultationId,
    SessionId,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table(ConsultationMeetings::Table)
                .col(uuid(ConsultationMeetings::ConsultationId))
                .col(uuid(ConsultationMeetings::SessionId))
                .primary_key(
                    Index::create()
                        .col(ConsultationMeetings::ConsultationId)
                        .col(ConsultationMeetings::SessionId),
                )
                .foreign_key(&mut cascade(
                    (
                        ConsultationMeetings::Table,
                        ConsultationMeetings::ConsultationId,
                    ),
                    (Consultations::Table, Consultations::Id),
                ))
                .foreign_key(&mut cascade(
                    (ConsultationMeetings::Table, ConsultationMeetings::SessionId),
                    (ProgrammeSessions::Table, ProgrammeSessions::Id),
                ))
                .to_owned(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_table(Table::drop().table(ConsultationMeetings::Table).to_owned())
            .await
    }
}
