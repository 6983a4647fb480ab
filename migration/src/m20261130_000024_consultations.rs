//! Open consultations: an edition's phased processes ("WSIS Forum 2027 Open
//! Consultation Process", "IGF 2027 call for issues") with their questions,
//! and the stakeholders' contributions to them — moderated (received →
//! approved or hidden, with a reason), public with attribution unless the
//! author asked otherwise. A contribution keeps the stakeholder group,
//! country and regional group it was sent with, so the figures by group and
//! region are counted in SQL. An attachment's bytes sit in their own table,
//! read only when downloaded.

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
enum Consultations {
    Table,
    Id,
    ForumId,
    Slug,
    Title,
    Description,
    Published,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum ConsultationPhases {
    Table,
    Id,
    ConsultationId,
    Name,
    StartsAt,
    EndsAt,
    Contributions,
    Comments,
}

#[derive(DeriveIden)]
enum ConsultationQuestions {
    Table,
    Id,
    ConsultationId,
    Position,
    Title,
    Description,
}

#[derive(DeriveIden)]
enum Contributions {
    Table,
    Id,
    ConsultationId,
    QuestionId,
    AuthorId,
    Organisation,
    StakeholderGroup,
    Country,
    Region,
    Body,
    Anonymous,
    State,
    Reason,
    AttachmentKind,
    AttachmentName,
    AttachmentSize,
    CreatedAt,
    UpdatedAt,
    ModeratedAt,
    ModeratedBy,
}

#[derive(DeriveIden)]
enum ContributionFiles {
    Table,
    ContributionId,
    Bytes,
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
                .table(Consultations::Table)
                .col(pk_uuid(Consultations::Id))
                .col(uuid(Consultations::ForumId))
                .col(string_len(Consultations::Slug, 60))
                .col(string_len(Consultations::Title, 200))
                .col(text(Consultations::Description).default(""))
                .col(boolean(Consultations::Published).default(false))
                .col(timestamp_with_time_zone(Consultations::CreatedAt))
                .col(timestamp_with_time_zone(Consultations::UpdatedAt))
                .foreign_key(&mut cascade(
                    (Consultations::Table, Consultations::ForumId),
                    (Forums::Table, Forums::Id),
                ))
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("idx_consultations_forum_slug")
                .table(Consultations::Table)
                .col(Consultations::ForumId)
                .col(Consultations::Slug)
                .unique()
                .to_owned(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table(ConsultationPhases::Table)
                .col(pk_uuid(ConsultationPhases::Id))
                .col(uuid(ConsultationPhases::ConsultationId))
                .col(string_len(ConsultationPhases::Name, 200))
                .col(timestamp_with_time_zone(ConsultationPhases::StartsAt))
                .col(timestamp_with_time_zone(ConsultationPhases::EndsAt))
                .col(boolean(ConsultationPhases::Contributions))
                .col(boolean(ConsultationPhases::Comments))
                .foreign_key(&mut cascade(
                    (
                        ConsultationPhases::Table,
                        ConsultationPhases::ConsultationId,
                    ),
                    (Consultations::Table, Consultations::Id),
                ))
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("idx_consultation_phases_consultation")
                .table(ConsultationPhases::Table)
                .col(ConsultationPhases::ConsultationId)
                .col(ConsultationPhases::StartsAt)
                .to_owned(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table(ConsultationQuestions::Table)
                .col(pk_uuid(ConsultationQuestions::Id))
                .col(uuid(ConsultationQuestions::ConsultationId))
                .col(integer(ConsultationQuestions::Position))
                .col(string_len(ConsultationQuestions::Title, 300))
                .col(text(ConsultationQuestions::Description).default(""))
                .foreign_key(&mut cascade(
                    (
                        ConsultationQuestions::Table,
                        ConsultationQuestions::ConsultationId,
                    ),
                    (Consultations::Table, Consultations::Id),
                ))
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("idx_consultation_questions_consultation")
                .table(ConsultationQuestions::Table)
                .col(ConsultationQuestions::ConsultationId)
                .col(ConsultationQuestions::Position)
                .to_owned(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table(Contributions::Table)
                .col(pk_uuid(Contributions::Id))
                .col(uuid(Contributions::ConsultationId))
                .col(uuid(Contributions::QuestionId))
                .col(uuid(Contributions::AuthorId))
                .col(string_len(Contributions::Organisation, 200).default(""))
                .col(string_len(Contributions::StakeholderGroup, 40))
                .col(string_len_null(Contributions::Country, 2))
                .col(string_len(Contributions::Region, 20).default(""))
                .col(text(Contributions::Body))
                .col(boolean(Contributions::Anonymous).default(false))
                .col(string_len(Contributions::State, 16))
                .col(text(Contributions::Reason).default(""))
                .col(string_len_null(Contributions::AttachmentKind, 8))
                .col(string_len(Contributions::AttachmentName, 200).default(""))
                .col(integer(Contributions::AttachmentSize).default(0))
                .col(timestamp_with_time_zone(Contributions::CreatedAt))
                .col(timestamp_with_time_zone(Contributions::UpdatedAt))
                .col(timestamp_with_time_zone_null(Contributions::ModeratedAt))
                .col(uuid_null(Contributions::ModeratedBy))
                .foreign_key(&mut cascade(
                    (Contributions::Table, Contributions::ConsultationId),
                    (Consultations::Table, Consultations::Id),
                ))
                .foreign_key(&mut cascade(
                    (Contributions::Table, Contributions::QuestionId),
                    (ConsultationQuestions::Table, ConsultationQuestions::Id),
                ))
                .foreign_key(&mut cascade(
                    (Contributions::Table, Contributions::AuthorId),
                    (Users::Table, Users::Id),
                ))
                .to_owned(),
        )
        .await?;
        // Public browsing and the figures read a consultation's approved
        // contributions; the rate limit reads an author's latest.
        m.create_index(
            Index::create()
                .name("idx_contributions_consultation_state")
                .table(Contributions::Table)
                .col(Contributions::ConsultationId)
                .col(Contributions::State)
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("idx_contributions_author_created")
                .table(Contributions::Table)
                .col(Contributions::AuthorId)
                .col(Contributions::CreatedAt)
                .to_owned(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table(ContributionFiles::Table)
                .col(pk_uuid(ContributionFiles::ContributionId))
                .col(blob(ContributionFiles::Bytes))
                .foreign_key(&mut cascade(
                    (ContributionFiles::Table, ContributionFiles::ContributionId),
                    (Contributions::Table, Contributions::Id),
                ))
                .to_owned(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            ContributionFiles::Table.into_iden(),
            Contributions::Table.into_iden(),
            ConsultationQuestions::Table.into_iden(),
            ConsultationPhases::Table.into_iden(),
            Consultations::Table.into_iden(),
        ] {
            m.drop_table(Table::drop().table(table).to_owned()).await?;
        }
        Ok(())
    }
}
