//! Consultations, continued: threaded comments — on a contribution or on a
//! paragraph of a draft text put to comment — moderated after the fact
//! (shown at once, hidden by organisers with a reason), organisers' answers
//! marked as such; draft texts in numbered versions split into paragraphs,
//! each version kept so the changes from one to the next can be shown; and
//! the link from an edition's themes back to the contributions behind them.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Users {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Themes {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Consultations {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Contributions {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum ConsultationDrafts {
    Table,
    Id,
    ConsultationId,
    Title,
    CreatedAt,
}

#[derive(DeriveIden)]
enum DraftVersions {
    Table,
    Id,
    DraftId,
    Number,
    Note,
    CreatedAt,
    CreatedBy,
}

#[derive(DeriveIden)]
enum DraftParagraphs {
    Table,
    Id,
    VersionId,
    Position,
    Text,
}

#[derive(DeriveIden)]
enum ConsultationComments {
    Table,
    Id,
    ConsultationId,
    ContributionId,
    ParagraphId,
    ParentId,
    AuthorId,
    Body,
    Official,
    State,
    Reason,
    CreatedAt,
    ModeratedAt,
    ModeratedBy,
}

#[derive(DeriveIden)]
enum ThemeSources {
    Table,
    ThemeId,
    ContributionId,
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

fn index(name: &str, table: impl IntoIden, cols: Vec<DynIden>) -> IndexCreateStatement {
    let mut i = Index::create();
    i.name(name).table(table);
    for c in cols {
        i.col(c);
    }
    i.to_owned()
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table(ConsultationDrafts::Table)
                .col(pk_uuid(ConsultationDrafts::Id))
                .col(uuid(ConsultationDrafts::ConsultationId))
                .col(string_len(ConsultationDrafts::Title, 200))
                .col(timestamp_with_time_zone(ConsultationDrafts::CreatedAt))
                .foreign_key(&mut cascade(
                    (
                        ConsultationDrafts::Table,
                        ConsultationDrafts::ConsultationId,
                    ),
                    (Consultations::Table, Consultations::Id),
                ))
                .to_owned(),
        )
        .await?;
        m.create_index(index(
            "idx_consultation_drafts_consultation",
            ConsultationDrafts::Table,
            vec![ConsultationDrafts::ConsultationId.into_iden()],
        ))
        .await?;
        m.create_table(
            Table::create()
                .table(DraftVersions::Table)
                .col(pk_uuid(DraftVersions::Id))
                .col(uuid(DraftVersions::DraftId))
                .col(integer(DraftVersions::Number))
                .col(text(DraftVersions::Note).default(""))
                .col(timestamp_with_time_zone(DraftVersions::CreatedAt))
                .col(uuid_null(DraftVersions::CreatedBy))
                .foreign_key(&mut cascade(
                    (DraftVersions::Table, DraftVersions::DraftId),
                    (ConsultationDrafts::Table, ConsultationDrafts::Id),
                ))
                .to_owned(),
        )
        .await?;
        // Two organisers publishing a version at once: one number each.
        m.create_index(
            index(
                "idx_draft_versions_draft_number",
                DraftVersions::Table,
                vec![
                    DraftVersions::DraftId.into_iden(),
                    DraftVersions::Number.into_iden(),
                ],
            )
            .unique()
            .to_owned(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table(DraftParagraphs::Table)
                .col(pk_uuid(DraftParagraphs::Id))
                .col(uuid(DraftParagraphs::VersionId))
                .col(integer(DraftParagraphs::Position))
                .col(text(DraftParagraphs::Text))
                .foreign_key(&mut cascade(
                    (DraftParagraphs::Table, DraftParagraphs::VersionId),
                    (DraftVersions::Table, DraftVersions::Id),
                ))
                .to_owned(),
        )
        .await?;
        m.create_index(index(
            "idx_draft_paragraphs_version",
            DraftParagraphs::Table,
            vec![
                DraftParagraphs::VersionId.into_iden(),
                DraftParagraphs::Position.into_iden(),
            ],
        ))
        .await?;
        m.create_table(
            Table::create()
                .table(ConsultationComments::Table)
                .col(pk_uuid(ConsultationComments::Id))
                .col(uuid(ConsultationComments::ConsultationId))
                .col(uuid_null(ConsultationComments::ContributionId))
                .col(uuid_null(ConsultationComments::ParagraphId))
                .col(uuid_null(ConsultationComments::ParentId))
                .col(uuid(ConsultationComments::AuthorId))
                .col(text(ConsultationComments::Body))
                .col(boolean(ConsultationComments::Official).default(false))
                .col(string_len(ConsultationComments::State, 16))
                .col(text(ConsultationComments::Reason).default(""))
                .col(timestamp_with_time_zone(ConsultationComments::CreatedAt))
                .col(timestamp_with_time_zone_null(
                    ConsultationComments::ModeratedAt,
                ))
                .col(uuid_null(ConsultationComments::ModeratedBy))
                .foreign_key(&mut cascade(
                    (
                        ConsultationComments::Table,
                        ConsultationComments::ConsultationId,
                    ),
                    (Consultations::Table, Consultations::Id),
                ))
                .foreign_key(&mut cascade(
                    (
                        ConsultationComments::Table,
                        ConsultationComments::ContributionId,
                    ),
                    (Contributions::Table, Contributions::Id),
                ))
                .foreign_key(&mut cascade(
                    (
                        ConsultationComments::Table,
                        ConsultationComments::ParagraphId,
                    ),
                    (DraftParagraphs::Table, DraftParagraphs::Id),
                ))
                .foreign_key(&mut cascade(
                    (ConsultationComments::Table, ConsultationComments::AuthorId),
                    (Users::Table, Users::Id),
                ))
                .to_owned(),
        )
        .await?;
        for (name, col) in [
            (
                "idx_consultation_comments_contribution",
                ConsultationComments::ContributionId,
            ),
            (
                "idx_consultation_comments_paragraph",
                ConsultationComments::ParagraphId,
            ),
            (
                "idx_consultation_comments_consultation",
                ConsultationComments::ConsultationId,
            ),
        ] {
            m.create_index(index(
                name,
                ConsultationComments::Table,
                vec![col.into_iden(), ConsultationComments::CreatedAt.into_iden()],
            ))
            .await?;
        }
        m.create_index(index(
            "idx_consultation_comments_author_created",
            ConsultationComments::Table,
            vec![
                ConsultationComments::AuthorId.into_iden(),
                ConsultationComments::CreatedAt.into_iden(),
            ],
        ))
        .await?;
        m.create_table(
            Table::create()
                .table(ThemeSources::Table)
                .col(uuid(ThemeSources::ThemeId))
                .col(uuid(ThemeSources::ContributionId))
                .primary_key(
                    Index::create()
                        .col(ThemeSources::ThemeId)
                        .col(ThemeSources::ContributionId),
                )
                .foreign_key(&mut cascade(
                    (ThemeSources::Table, ThemeSources::ThemeId),
                    (Themes::Table, Themes::Id),
                ))
                .foreign_key(&mut cascade(
                    (ThemeSources::Table, ThemeSources::ContributionId),
                    (Contributions::Table, Contributions::Id),
                ))
                .to_owned(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            ThemeSources::Table.into_iden(),
            ConsultationComments::Table.into_iden(),
            DraftParagraphs::Table.into_iden(),
            DraftVersions::Table.into_iden(),
            ConsultationDrafts::Table.into_iden(),
        ] {
            m.drop_table(Table::drop().table(table).to_owned()).await?;
        }
        Ok(())
    }
}
