//! Remote hubs: local gatherings (a university, an ISOC chapter) that follow
//! an edition together online. A signed-in person registers one — country,
//! city, host institution, expected participants, optional description,
//! address and website — with its coordinators (names public, addresses
//! not); the edition's organisers approve or reject it (with a reason), and
//! approved hubs are listed publicly.

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
enum RemoteHubs {
    Table,
    Id,
    ForumId,
    UserId,
    Country,
    City,
    Institution,
    ExpectedParticipants,
    Description,
    Address,
    Website,
    State,
    Reason,
    DecidedAt,
    DecidedBy,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum RemoteHubCoordinators {
    Table,
    Id,
    HubId,
    Position,
    Name,
    Email,
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
                .table(RemoteHubs::Table)
                .col(pk_uuid(RemoteHubs::Id))
                .col(uuid(RemoteHubs::ForumId))
                .col(uuid(RemoteHubs::UserId))
                .col(string_len(RemoteHubs::Country, 2))
                .col(string_len(RemoteHubs::City, 200))
                .col(string_len(RemoteHubs::Institution, 200))
                .col(integer(RemoteHubs::ExpectedParticipants))
                .col(text(RemoteHubs::Description).default(""))
                .col(text(RemoteHubs::Address).default(""))
                .col(text(RemoteHubs::Website).default(""))
                .col(string_len(RemoteHubs::State, 16))
                .col(text(RemoteHubs::Reason).default(""))
                .col(timestamp_with_time_zone_null(RemoteHubs::DecidedAt))
                .col(uuid_null(RemoteHubs::DecidedBy))
                .col(timestamp_with_time_zone(RemoteHubs::CreatedAt))
                .col(timestamp_with_time_zone(RemoteHubs::UpdatedAt))
                .foreign_key(&mut cascade(
                    (RemoteHubs::Table, RemoteHubs::ForumId),
                    (Forums::Table, Forums::Id),
                ))
                .foreign_key(&mut cascade(
                    (RemoteHubs::Table, RemoteHubs::UserId),
                    (Users::Table, Users::Id),
                ))
                .to_owned(),
        )
        .await?;
        // The public list reads an edition's approved hubs.
        m.create_index(
            Index::create()
                .name("idx_remote_hubs_forum_state")
                .table(RemoteHubs::Table)
                .col(RemoteHubs::ForumId)
                .col(RemoteHubs::State)
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("idx_remote_hubs_user")
                .table(RemoteHubs::Table)
                .col(RemoteHubs::UserId)
                .to_owned(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table(RemoteHubCoordinators::Table)
                .col(pk_uuid(RemoteHubCoordinators::Id))
                .col(uuid(RemoteHubCoordinators::HubId))
                .col(integer(RemoteHubCoordinators::Position))
                .col(string_len(RemoteHubCoordinators::Name, 200))
                .col(string_len(RemoteHubCoordinators::Email, 254))
                .foreign_key(&mut cascade(
                    (RemoteHubCoordinators::Table, RemoteHubCoordinators::HubId),
                    (RemoteHubs::Table, RemoteHubs::Id),
                ))
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("idx_remote_hub_coordinators_hub")
                .table(RemoteHubCoordinators::Table)
                .col(RemoteHubCoordinators::HubId)
                .col(RemoteHubCoordinators::Position)
                .unique()
                .to_owned(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_table(Table::drop().table(RemoteHubCoordinators::Table).to_owned())
            .await?;
        m.drop_table(Table::drop().table(RemoteHubs::Table).to_owned())
            .await
    }
}
