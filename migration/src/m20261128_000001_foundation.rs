//! Accounts, sessions, one-time tokens, sign-in attempts, forum editions and their
//! roles, the audit log and the mail outbox.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Users {
    Table,
    Id,
    Email,
    PasswordHash,
    Name,
    EmailVerifiedAt,
    IsAdmin,
    Organisation,
    Country,
    StakeholderGroup,
    Gender,
    FirstTime,
    Language,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum Sessions {
    Table,
    Id,
    UserId,
    CreatedAt,
    LastSeenAt,
    ExpiresAt,
}

#[derive(DeriveIden)]
enum AccountTokens {
    Table,
    Id,
    UserId,
    Purpose,
    TokenHash,
    CreatedAt,
    ExpiresAt,
    UsedAt,
}

#[derive(DeriveIden)]
enum SignInAttempts {
    Table,
    Id,
    Email,
    ClientAddr,
    Succeeded,
    At,
}

#[derive(DeriveIden)]
enum Forums {
    Table,
    Id,
    Code,
    Name,
    CreatedAt,
}

#[derive(DeriveIden)]
enum ForumRoles {
    Table,
    Id,
    ForumId,
    UserId,
    Role,
    GrantedBy,
    GrantedAt,
}

#[derive(DeriveIden)]
enum AuditEvents {
    Table,
    Id,
    At,
    ActorId,
    Action,
    Subject,
    Detail,
    ClientAddr,
}

#[derive(DeriveIden)]
enum Outbox {
    Table,
    Id,
    MessageId,
    ToAddr,
    ToName,
    Subject,
    BodyText,
    BodyHtml,
    Template,
    Status,
    Attempts,
    NextAttemptAt,
    LockedUntil,
    LastError,
    CreatedAt,
    SentAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table(Users::Table)
                .col(pk_uuid(Users::Id))
                .col(string_len_uniq(Users::Email, 254))
                .col(string(Users::PasswordHash))
                .col(string_len(Users::Name, 200))
                .col(timestamp_with_time_zone_null(Users::EmailVerifiedAt))
                .col(boolean(Users::IsAdmin).default(false))
                .col(string_len(Users::Organisation, 200).default(""))
                .col(string_len_null(Users::Country, 2))
                .col(string_len_null(Users::StakeholderGroup, 40))
                .col(string_len_null(Users::Gender, 40))
                .col(boolean(Users::FirstTime).default(false))
                .col(string_len_null(Users::Language, 8))
                .col(timestamp_with_time_zone(Users::CreatedAt))
                .col(timestamp_with_time_zone(Users::UpdatedAt))
                .to_owned(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table(Sessions::Table)
                .col(string_len(Sessions::Id, 64).primary_key())
                .col(uuid(Sessions::UserId))
                .col(timestamp_with_time_zone(Sessions::CreatedAt))
                .col(timestamp_with_time_zone(Sessions::LastSeenAt))
                .col(timestamp_with_time_zone(Sessions::ExpiresAt))
                .foreign_key(
                    ForeignKey::create()
                        .from(Sessions::Table, Sessions::UserId)
                        .to(Users::Table, Users::Id)
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("idx_sessions_user")
                .table(Sessions::Table)
                .col(Sessions::UserId)
                .to_owned(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table(AccountTokens::Table)
                .col(pk_uuid(AccountTokens::Id))
                .col(uuid(AccountTokens::UserId))
                .col(string_len(AccountTokens::Purpose, 20))
                .col(string_len_uniq(AccountTokens::TokenHash, 64))
                .col(timestamp_with_time_zone(AccountTokens::CreatedAt))
                .col(timestamp_with_time_zone(AccountTokens::ExpiresAt))
                .col(timestamp_with_time_zone_null(AccountTokens::UsedAt))
                .foreign_key(
                    ForeignKey::create()
                        .from(AccountTokens::Table, AccountTokens::UserId)
                        .to(Users::Table, Users::Id)
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .to_owned(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table(SignInAttempts::Table)
                .col(pk_uuid(SignInAttempts::Id))
                .col(string_len(SignInAttempts::Email, 254))
                .col(string_len(SignInAttempts::ClientAddr, 64))
                .col(boolean(SignInAttempts::Succeeded))
                .col(timestamp_with_time_zone(SignInAttempts::At))
                .to_owned(),
        )
        .await?;
        for (name, col) in [
            ("idx_sign_in_attempts_email", SignInAttempts::Email),
            ("idx_sign_in_attempts_addr", SignInAttempts::ClientAddr),
        ] {
            m.create_index(
                Index::create()
                    .name(name)
                    .table(SignInAttempts::Table)
                    .col(col)
                    .col(SignInAttempts::At)
                    .to_owned(),
            )
            .await?;
        }

        m.create_table(
            Table::create()
                .table(Forums::Table)
                .col(pk_uuid(Forums::Id))
                .col(string_len_uniq(Forums::Code, 32))
                .col(string_len(Forums::Name, 200))
                .col(timestamp_with_time_zone(Forums::CreatedAt))
                .to_owned(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table(ForumRoles::Table)
                .col(pk_uuid(ForumRoles::Id))
                .col(uuid(ForumRoles::ForumId))
                .col(uuid(ForumRoles::UserId))
                .col(string_len(ForumRoles::Role, 20))
                .col(uuid_null(ForumRoles::GrantedBy))
                .col(timestamp_with_time_zone(ForumRoles::GrantedAt))
                .foreign_key(
                    ForeignKey::create()
                        .from(ForumRoles::Table, ForumRoles::ForumId)
                        .to(Forums::Table, Forums::Id)
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .foreign_key(
                    ForeignKey::create()
                        .from(ForumRoles::Table, ForumRoles::UserId)
                        .to(Users::Table, Users::Id)
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("idx_forum_roles_unique")
                .table(ForumRoles::Table)
                .col(ForumRoles::ForumId)
                .col(ForumRoles::UserId)
                .col(ForumRoles::Role)
                .unique()
                .to_owned(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table(AuditEvents::Table)
                .col(pk_uuid(AuditEvents::Id))
                .col(timestamp_with_time_zone(AuditEvents::At))
                .col(uuid_null(AuditEvents::ActorId))
                .col(string_len(AuditEvents::Action, 64))
                .col(string_len(AuditEvents::Subject, 254).default(""))
                .col(text(AuditEvents::Detail).default(""))
                .col(string_len(AuditEvents::ClientAddr, 64).default(""))
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("idx_audit_events_at")
                .table(AuditEvents::Table)
                .col(AuditEvents::At)
                .to_owned(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table(Outbox::Table)
                .col(pk_uuid(Outbox::Id))
                .col(string_len_uniq(Outbox::MessageId, 200))
                .col(string_len(Outbox::ToAddr, 254))
                .col(string_len(Outbox::ToName, 200).default(""))
                .col(string_len(Outbox::Subject, 300))
                .col(text(Outbox::BodyText))
                .col(text(Outbox::BodyHtml))
                .col(string_len(Outbox::Template, 64))
                .col(string_len(Outbox::Status, 16))
                .col(integer(Outbox::Attempts).default(0))
                .col(timestamp_with_time_zone(Outbox::NextAttemptAt))
                .col(timestamp_with_time_zone_null(Outbox::LockedUntil))
                .col(text_null(Outbox::LastError))
                .col(timestamp_with_time_zone(Outbox::CreatedAt))
                .col(timestamp_with_time_zone_null(Outbox::SentAt))
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("idx_outbox_due")
                .table(Outbox::Table)
                .col(Outbox::Status)
                .col(Outbox::NextAttemptAt)
                .to_owned(),
        )
        .await?;
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            Outbox::Table.into_iden(),
            AuditEvents::Table.into_iden(),
            ForumRoles::Table.into_iden(),
            Forums::Table.into_iden(),
            SignInAttempts::Table.into_iden(),
            AccountTokens::Table.into_iden(),
            Sessions::Table.into_iden(),
            Users::Table.into_iden(),
        ] {
            m.drop_table(Table::drop().table(table).to_owned()).await?;
        }
        Ok(())
    }
}
