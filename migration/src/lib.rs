//! Schema migrations, one file per change. A landed migration is never edited:
//! later changes add a new file. The same migrations serve SQLite and PostgreSQL.

pub use sea_orm_migration::prelude::*;

mod keys;
mod m20261128_000001_foundation;
mod m20261128_000002_forum_editions;
mod m20261128_000003_calls;
mod m20261128_000004_proposals;
mod m20261128_000005_screening;
mod m20261128_000006_mail_templates;
mod m20261128_000007_review_assignment;
mod m20261128_000008_blind_review;
mod m20261128_000009_reviews_and_decisions;
mod m20261129_000010_people_facts;
mod m20261129_000011_venue_and_grid;
mod m20261129_000012_programme_sessions;
mod m20261129_000013_schedule_runs;
mod m20261129_000014_programme_releases;
mod m20261129_000015_personal_agenda;
mod m20261129_000016_registration;
mod m20261129_000017_session_materials;
mod m20261129_000018_session_signups;
mod m20261129_000019_remote_participation;
mod m20261129_000020_reminders;
mod m20261129_000021_remote_hubs;
mod m20261129_000022_certificates;
mod m20261129_000023_floor_requests;
mod m20261130_000024_consultations;
mod m20261130_000025_consultation_comments_and_drafts;
mod m20261130_000026_consultation_meetings;

pub struct Migrator;

#[async_trait::async_trait]
impl MigratorTrait for Migrator {
    fn migrations() -> Vec<Box<dyn MigrationTrait>> {
        vec![
            Box::new(m20261128_000001_foundation::Migration),
            Box::new(m20261128_000002_forum_editions::Migration),
            Box::new(m20261128_000003_calls::Migration),
            Box::new(m20261128_000004_proposals::Migration),
            Box::new(m20261128_000005_screening::Migration),
            Box::new(m20261128_000006_mail_templates::Migration),
            Box::new(m20261128_000007_review_assignment::Migration),
            Box::new(m20261128_000008_blind_review::Migration),
            Box::new(m20261128_000009_reviews_and_decisions::Migration),
            Box::new(m20261129_000010_people_facts::Migration),
            Box::new(m20261129_000011_venue_and_grid::Migration),
            Box::new(m20261129_000012_programme_sessions::Migration),
            Box::new(m20261129_000013_schedule_runs::Migration),
            Box::new(m20261129_000014_programme_releases::Migration),
            Box::new(m20261129_000015_personal_agenda::Migration),
            Box::new(m20261129_000016_registration::Migration),
            Box::new(m20261129_000017_session_materials::Migration),
            Box::new(m20261129_000018_session_signups::Migration),
            Box::new(m20261129_000019_remote_participation::Migration),
            Box::new(m20261129_000020_reminders::Migration),
            Box::new(m20261129_000021_remote_hubs::Migration),
            Box::new(m20261129_000022_certificates::Migration),
            Box::new(m20261129_000023_floor_requests::Migration),
            Box::new(m20261130_000024_consultations::Migration),
            Box::new(m20261130_000025_consultation_comments_and_drafts::Migration),
            Box::new(m20261130_000026_consultation_meetings::Migration),
        ]
    }
}
