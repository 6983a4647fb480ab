//! Certificates of participation: one per person and edition, made the first
//! time the person downloads it, with a short verification code that is
//! unique and revocable by the organisers. The facts it states (badge name,
//! how the person took part, the sessions counted) are kept with it, as at
//! its latest download, so the public verification page reads one row.

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
enum Certificates {
    Table,
    Id,
    ForumId,
    UserId,
    Code,
    BadgeName,
    Onsite,
    Online,
    OnlineSessions,
    OnsiteSessions,
    IssuedAt,
    UpdatedAt,
    RevokedAt,
    RevokedBy,
}

fn cascade(
    from: (impl IntoIden, impl IntoIden),
    to: (impl IntoIden, impl IntoIden),
) -> ForeignKeyCreateStatement {
    ForeignKey::create()
        .from(from.0, from.1)
        .to(to.0, to.1)
        .on_delete(ForeignKeyAction::Cascade)
        .to_owned()
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table(Certificates::Table)
                .col(pk_uuid(Certificates::Id))
                .col(uuid(Certificates::ForumId))
                .col(uuid(Certificates::UserId))
                .col(string_len(Certificates::Code, 32).unique_key())
                .col(text(Certificates::BadgeName))
                .col(boolean(Certificates::Onsite).default(false))
                .col(boolean(Certificates::Online).default(false))
                .col(integer(Certificates::OnlineSessions).default(0))
                .col(integer(Certificates::OnsiteSessions).default(0))
                .col(timestamp_with_time_zone(Certificates::IssuedAt))
                .col(timestamp_with_time_zone(Certificates::UpdatedAt))
                .col(timestamp_with_time_zone_null(Certificates::RevokedAt))
                .col(uuid_null(Certificates::RevokedBy))
                .foreign_key(&mut cascade(
                    (Certificates::Table, Certificates::ForumId),
                    (Forums::Table, Forums::Id),
                ))
                .foreign_key(&mut cascade(
                    (Certificates::Table, Certificates::UserId),
                    (Users::Table, Users::Id),
                ))
                .to_owned(),
        )
        .await?;
        // One certificate per person and edition.
        m.create_index(
            Index::create()
                .name("idx_certificates_forum_person")
                .table(Certificates::Table)
                .col(Certificates::ForumId)
                .col(Certificates::UserId)
                .unique()
                .to_owned(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_table(Table::drop().table(Certificates::Table).to_owned())
            .await
    }
}
