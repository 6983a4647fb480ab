//! The personal agenda: the sessions a signed-in person starred, and the
//! secret address of their calendar feed per edition (only a hash of its
//! token is kept; a new one replaces the old, which stops working).

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
enum ProgrammeSessions {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum AgendaStars {
    Table,
    Id,
    UserId,
    ForumId,
    SessionId,
    CreatedAt,
}

#[derive(DeriveIden)]
enum AgendaFeeds {
    Table,
    Id,
    UserId,
    ForumId,
    TokenHash,
    CreatedAt,
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
                .table(AgendaStars::Table)
                .col(pk_uuid(AgendaStars::Id))
                .col(uuid(AgendaStars::UserId))
                .col(uuid(AgendaStars::ForumId))
                .col(uuid(AgendaStars::SessionId))
                .col(timestamp_with_time_zone(AgendaStars::CreatedAt))
                .foreign_key(&mut cascade(
                    (AgendaStars::Table, AgendaStars::UserId),
                    (Users::Table, Users::Id),
                ))
                .foreign_key(&mut cascade(
                    (AgendaStars::Table, AgendaStars::ForumId),
                    (Forums::Table, Forums::Id),
                ))
                .foreign_key(&mut cascade(
                    (AgendaStars::Table, AgendaStars::SessionId),
                    (ProgrammeSessions::Table, ProgrammeSessions::Id),
                ))
                .to_owned(),
        )
        .await?;
        // A session is starred once; a person's stars are read by edition.
        m.create_index(
            Index::create()
                .name("idx_agenda_stars_person_session")
                .table(AgendaStars::Table)
                .col(AgendaStars::UserId)
                .col(AgendaStars::SessionId)
                .unique()
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("idx_agenda_stars_person_forum")
                .table(AgendaStars::Table)
                .col(AgendaStars::UserId)
                .col(AgendaStars::ForumId)
                .to_owned(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table(AgendaFeeds::Table)
                .col(pk_uuid(AgendaFeeds::Id))
                .col(uuid(AgendaFeeds::UserId))
                .col(uuid(AgendaFeeds::ForumId))
                .col(string_len(AgendaFeeds::TokenHash, 64).unique_key())
                .col(timestamp_with_time_zone(AgendaFeeds::CreatedAt))
                .foreign_key(&mut cascade(
                    (AgendaFeeds::Table, AgendaFeeds::UserId),
                    (Users::Table, Users::Id),
                ))
                .foreign_key(&mut cascade(
                    (AgendaFeeds::Table, AgendaFeeds::ForumId),
                    (Forums::Table, Forums::Id),
                ))
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("idx_agenda_feeds_person_forum")
                .table(AgendaFeeds::Table)
                .col(AgendaFeeds::UserId)
                .col(AgendaFeeds::ForumId)
                .unique()
                .to_owned(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_table(Table::drop().table(AgendaFeeds::Table).to_owned())
            .await?;
        m.drop_table(Table::drop().table(AgendaStars::Table).to_owned())
            .await
    }
}
