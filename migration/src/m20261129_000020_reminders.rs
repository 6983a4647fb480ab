//! Reminder mails before a participant's sessions: the edition's lead time
//! and digest hour, each participant's choice (before each session, one
//! digest a day, none), and what was sent, so each reminder leaves once
//! however many workers run.

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
    ReminderLeadMinutes,
    DigestHour,
}

#[derive(DeriveIden)]
enum Registrations {
    Table,
    Reminders,
}

#[derive(DeriveIden)]
enum RemindersSent {
    Table,
    Id,
    ForumId,
    UserId,
    Subject,
    SentAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        // SQLite alters one column at a time.
        m.alter_table(
            Table::alter()
                .table(RegistrationSetups::Table)
                .add_column(integer(RegistrationSetups::ReminderLeadMinutes).default(60))
                .to_owned(),
        )
        .await?;
        m.alter_table(
            Table::alter()
                .table(RegistrationSetups::Table)
                .add_column(integer(RegistrationSetups::DigestHour).default(7))
                .to_owned(),
        )
        .await?;
        m.alter_table(
            Table::alter()
                .table(Registrations::Table)
                .add_column(string_len(Registrations::Reminders, 8).default("each"))
                .to_owned(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table(RemindersSent::Table)
                .col(pk_uuid(RemindersSent::Id))
                .col(uuid(RemindersSent::ForumId))
                .col(uuid(RemindersSent::UserId))
                .col(string_len(RemindersSent::Subject, 64))
                .col(timestamp_with_time_zone(RemindersSent::SentAt))
                .foreign_key(
                    ForeignKey::create()
                        .from(RemindersSent::Table, RemindersSent::ForumId)
                        .to(Forums::Table, Forums::Id)
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .foreign_key(
                    ForeignKey::create()
                        .from(RemindersSent::Table, RemindersSent::UserId)
                        .to(Users::Table, Users::Id)
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .to_owned(),
        )
        .await?;
        // A reminder (a session's, or a day's digest) leaves once per person.
        m.create_index(
            Index::create()
                .name("idx_reminders_sent_person_subject")
                .table(RemindersSent::Table)
                .col(RemindersSent::UserId)
                .col(RemindersSent::Subject)
                .unique()
                .to_owned(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_table(Table::drop().table(RemindersSent::Table).to_owned())
            .await?;
        m.alter_table(
            Table::alter()
                .table(Registrations::Table)
                .drop_column(Registrations::Reminders)
                .to_owned(),
        )
        .await?;
        for column in [
            RegistrationSetups::ReminderLeadMinutes,
            RegistrationSetups::DigestHour,
        ] {
            m.alter_table(
                Table::alter()
                    .table(RegistrationSetups::Table)
                    .drop_column(column)
                    .to_owned(),
            )
            .await?;
        }
        Ok(())
    }
}
