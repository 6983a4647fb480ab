//! Integration tests: the real application on a random port, a fresh database
//! (SQLite always; PostgreSQL too when TEST_POSTGRES_URL is set), a real SMTP
//! listener, HTTP with a cookie jar. One binary, so it links once.

mod support;

mod accounts;
mod agenda;
mod authz;
mod calls;
mod certificates;
mod cli;
mod consultations;
mod discussion;
mod exports;
mod figures;
mod floor;
mod forums;
mod frab_import;
mod hubs;
mod mail_wording;
mod outbox;
mod participation;
mod privacy;
mod programme;
mod proposals;
mod public_programme;
mod registration;
mod registration_extras;
mod release;
mod reminders;
mod remote;
mod review;
mod review_settings;
mod rules;
mod schedule;
mod scheduler;
mod screening;
mod selection;
mod shell;
mod synthesis;
mod venue;
