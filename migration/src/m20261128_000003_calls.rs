//! Calls for session proposals: their session types, opening and closing times
//! (UTC), eligibility rules, and access codes for late submission.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Forums {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum SessionTypes {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Calls {
    Table,
    Id,
    ForumId,
    Title,
    Introduction,
    OpensAt,
    ClosesAt,
    Rules,
    PublishReceived,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum CallSessionTypes {
    Table,
    CallId,
    SessionTypeId,
}

#[derive(DeriveIden)]
enum AccessCodes {
    Table,
    Id,
    CallId,
    Code,
    Label,
    MaxUses,
    Uses,
    ExpiresAt,
    RevokedAt,
    CreatedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table(Calls::Table)
                .col(pk_uuid(Calls::Id))
                .col(uuid(Calls::ForumId))
                .col(string_len(Calls::Title, 200))
                .col(text(Calls::Introduction).default(""))
                .col(timestamp_with_time_zone(Calls::OpensAt))
                .col(timestamp_with_time_zone(Calls::ClosesAt))
                .col(text(Calls::Rules).default("{}"))
                .col(boolean(Calls::PublishReceived).default(false))
                .col(timestamp_with_time_zone(Calls::CreatedAt))
                .col(timestamp_with_time_zone(Calls::UpdatedAt))
                .foreign_key(
                    ForeignKey::create()
                        .from(Calls::Table, Calls::ForumId)
                        .to(Forums::Table, Forums::Id)
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("idx_calls_forum")
                .table(Calls::Table)
                .col(Calls::ForumId)
                .to_owned(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table(CallSessionTypes::Table)
                .col(uuid(CallSessionTypes::CallId))
                .col(uuid(CallSessionTypes::SessionTypeId))
                .primary_key(
                    Index::create()
                        .col(CallSessionTypes::CallId)
                        .col(CallSessionTypes::SessionTypeId),
                )
                .foreign_key(
                    ForeignKey::create()
                        .from(CallSessionTypes::Table, CallSessionTypes::CallId)
                        .to(Calls::Table, Calls::Id)
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .foreign_key(
                    ForeignKey::create()
                        .from(CallSessionTypes::Table, CallSessionTypes::SessionTypeId)
                        .to(SessionTypes::Table, SessionTypes::Id)
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .to_owned(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table(AccessCodes::Table)
                .col(pk_uuid(AccessCodes::Id))
                .col(uuid(AccessCodes::CallId))
                .col(string_len_uniq(AccessCodes::Code, 32))
                .col(string_len(AccessCodes::Label, 200).default(""))
                .col(integer_null(AccessCodes::MaxUses))
                .col(integer(AccessCodes::Uses).default(0))
                .col(timestamp_with_time_zone(AccessCodes::ExpiresAt))
                .col(timestamp_with_time_zone_null(AccessCodes::RevokedAt))
                .col(timestamp_with_time_zone(AccessCodes::CreatedAt))
                .foreign_key(
                    ForeignKey::create()
                        .from(AccessCodes::Table, AccessCodes::CallId)
                        .to(Calls::Table, Calls::Id)
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .to_owned(),
        )
        .await?;
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            AccessCodes::Table.into_iden(),
            CallSessionTypes::Table.into_iden(),
            Calls::Table.into_iden(),
        ] {
            m.drop_table(Table::drop().table(table).to_owned()).await?;
        }
        Ok(())
    }
}
