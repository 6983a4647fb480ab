//! An edition's own wording of the mails it sends (invitations to people named
//! in a proposal, the acknowledgement of a submission), per language. Without
//! one, the wording of the locale files is used.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Forums {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum MailTemplates {
    Table,
    Id,
    ForumId,
    Kind,
    Locale,
    Subject,
    Body,
    UpdatedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table(MailTemplates::Table)
                .col(pk_uuid(MailTemplates::Id))
                .col(uuid(MailTemplates::ForumId))
                .col(string_len(MailTemplates::Kind, 40))
                .col(string_len(MailTemplates::Locale, 8))
                .col(string_len(MailTemplates::Subject, 200))
                .col(text(MailTemplates::Body))
                .col(timestamp_with_time_zone(MailTemplates::UpdatedAt))
                .foreign_key(
                    ForeignKey::create()
                        .from(MailTemplates::Table, MailTemplates::ForumId)
                        .to(Forums::Table, Forums::Id)
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("idx_mail_templates_kind")
                .table(MailTemplates::Table)
                .col(MailTemplates::ForumId)
                .col(MailTemplates::Kind)
                .col(MailTemplates::Locale)
                .unique()
                .to_owned(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_table(Table::drop().table(MailTemplates::Table).to_owned())
            .await
    }
}
