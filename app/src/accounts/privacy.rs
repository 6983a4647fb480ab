//! A participant's privacy rights: the download of everything Plenum holds
//! about them (`/account/data.json`) and the deletion of their account.
//!
//! Deleting an account anonymises rather than removes: the person's
//! registrations stay (without anything that names them) so that the
//! editions' figures — by state, mode, country, stakeholder group, gender,
//! first participation, interpretation — do not change; the account row
//! stays too, emptied, because registrations, proposals, reviews and
//! decisions point at it.

use chrono::{DateTime, Utc};
use serde::Serialize;
use uuid::Uuid;

/// The domain of the addresses deleted accounts get: reserved (RFC 2606), so
/// nothing is ever mailed there and nobody can sign up with one.
pub const DELETED_DOMAIN: &str = "deleted.invalid";

/// The address a deleted account keeps: unique, and naming nobody.
pub fn deleted_email(id: Uuid) -> String {
    format!("deleted-{}@{DELETED_DOMAIN}", id.simple())
}

/// Whether an address is that of a deleted account.
pub fn is_deleted_email(email: &str) -> bool {
    email.starts_with("deleted-") && email.ends_with(&format!("@{DELETED_DOMAIN}"))
}

/// The stored password of a deleted account: not a password hash at all, so
/// no password ever matches it.
pub const UNUSABLE_PASSWORD: &str = "!deleted";

/// The file name of the download.
pub const FILE_NAME: &str = "plenum-my-data.json";

/// Everything about the person, as they download it.
#[derive(Clone, Debug, Serialize)]
pub struct MyData {
    pub exported_at: DateTime<Utc>,
    pub profile: ProfileData,
    pub registrations: Vec<RegistrationData>,
    pub session_signups: Vec<SignupData>,
    pub agenda_stars: Vec<StarData>,
    pub join_links: Vec<JoinLinkData>,
    pub floor_requests: Vec<FloorRequestData>,
    pub hubs: Vec<HubData>,
    pub certificates: Vec<CertificateData>,
    pub proposals: Vec<ProposalData>,
    pub contributions: Vec<ContributionData>,
    pub comments: Vec<CommentData>,
    pub forum_roles: Vec<RoleData>,
}

/// The account, without its password hash.
#[derive(Clone, Debug, Serialize)]
pub struct ProfileData {
    pub id: Uuid,
    pub email: String,
    pub name: String,
    pub email_verified_at: Option<DateTime<Utc>>,
    pub is_admin: bool,
    pub organisation: String,
    pub country: Option<String>,
    pub stakeholder_group: Option<String>,
    pub gender: Option<String>,
    pub first_time: bool,
    pub language: Option<String>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

#[derive(Clone, Debug, Serialize)]
pub struct RegistrationData {
    pub forum: String,
    pub mode: String,
    pub requested_mode: Option<String>,
    pub state: String,
    pub badge_name: String,
    pub badge_code: String,
    pub organisation: String,
    pub country: Option<String>,
    pub stakeholder_group: Option<String>,
    pub gender: Option<String>,
    pub first_time: bool,
    pub accessibility: String,
    pub interpretation_language: Option<String>,
    pub listed: bool,
    pub reminders: String,
    /// The answers to the edition's questions (question id → answer).
    pub answers: serde_json::Value,
    pub reason: String,
    pub privacy_accepted_at: DateTime<Utc>,
    pub queued_at: Option<DateTime<Utc>>,
    pub decided_at: Option<DateTime<Utc>>,
    pub checked_in_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// A session of the programme, as the other parts name it.
#[derive(Clone, Debug, Serialize)]
pub struct SessionRef {
    pub forum: String,
    pub session_id: Uuid,
    pub title: String,
}

#[derive(Clone, Debug, Serialize)]
pub struct SignupData {
    pub session: SessionRef,
    pub mode: String,
    pub state: String,
    pub queued_at: DateTime<Utc>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

#[derive(Clone, Debug, Serialize)]
pub struct StarData {
    pub session: SessionRef,
    pub created_at: DateTime<Utc>,
}

/// A personal join link: when it was used, never its token nor the meeting.
#[derive(Clone, Debug, Serialize)]
pub struct JoinLinkData {
    pub session: SessionRef,
    pub created_at: DateTime<Utc>,
    pub revoked_at: Option<DateTime<Utc>>,
    pub first_used_at: Option<DateTime<Utc>>,
    pub last_used_at: Option<DateTime<Utc>>,
    pub uses: i32,
}

#[derive(Clone, Debug, Serialize)]
pub struct FloorRequestData {
    pub session: SessionRef,
    pub mode: String,
    pub state: String,
    pub topic: String,
    pub asked_at: DateTime<Utc>,
    pub given_at: Option<DateTime<Utc>>,
    pub done_at: Option<DateTime<Utc>>,
}

/// A remote hub the person registered or coordinates.
#[derive(Clone, Debug, Serialize)]
pub struct HubData {
    pub forum: String,
    pub registered_by_me: bool,
    pub coordinator: bool,
    pub country: String,
    pub city: String,
    pub institution: String,
    pub address: String,
    pub website: String,
    pub state: String,
    pub created_at: DateTime<Utc>,
}

#[derive(Clone, Debug, Serialize)]
pub struct CertificateData {
    pub forum: String,
    pub code: String,
    pub badge_name: String,
    pub onsite: bool,
    pub online: bool,
    pub issued_at: DateTime<Utc>,
    pub revoked_at: Option<DateTime<Utc>>,
}

/// A consultation contribution the person sent (the attachment's name
/// only; the file downloads from the consultation).
#[derive(Clone, Debug, Serialize)]
pub struct ContributionData {
    pub consultation: Uuid,
    pub question: Uuid,
    pub organisation: String,
    pub stakeholder_group: String,
    pub country: Option<String>,
    pub body: String,
    pub anonymous: bool,
    pub state: String,
    pub reason: String,
    pub attachment: Option<String>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// A comment the person wrote in a consultation.
#[derive(Clone, Debug, Serialize)]
pub struct CommentData {
    pub consultation: Uuid,
    pub contribution: Option<Uuid>,
    pub paragraph: Option<Uuid>,
    pub body: String,
    pub state: String,
    pub reason: String,
    pub created_at: DateTime<Utc>,
}

/// A proposal the person submitted or is one of the people of.
#[derive(Clone, Debug, Serialize)]
pub struct ProposalData {
    pub forum: String,
    pub code: Option<String>,
    pub title: String,
    pub state: String,
    pub proposer: bool,
    /// How the proposal lists them (one entry a role they hold in it).
    pub listed_as: Vec<ProposalPersonData>,
    pub created_at: DateTime<Utc>,
    pub submitted_at: Option<DateTime<Utc>>,
}

#[derive(Clone, Debug, Serialize)]
pub struct ProposalPersonData {
    pub role: String,
    pub name: String,
    pub email: String,
    pub organisation: String,
    pub country: Option<String>,
    pub stakeholder_group: Option<String>,
    pub gender: Option<String>,
    pub onsite: bool,
    pub confirmation: String,
}

#[derive(Clone, Debug, Serialize)]
pub struct RoleData {
    pub forum: String,
    pub role: String,
    pub granted_at: DateTime<Utc>,
}

#[cfg(feature = "ssr")]
pub use server::*;

#[cfg(feature = "ssr")]
mod server {
    use super::*;
    use crate::admin::audit;
    use crate::context::RequestCtx;
    use crate::db::{
        account_token, agenda_feed, agenda_star, audit_event, begin_write, certificate,
        consultation_comment, contribution, floor_request, forum, forum_role, join_link, now,
        programme_session, proposal, proposal_person, registration, remote_hub,
        remote_hub_coordinator, session, session_signup, sign_in_attempt, user,
    };
    use crate::error::{AppError, Problems};
    use crate::floor::FloorState;
    use sea_orm::{
        entity::prelude::*,
        sea_query::{Expr, ExprTrait, Func},
        ActiveValue::Set,
        Condition, ConnectionTrait, QueryOrder, QuerySelect,
    };
    use std::collections::{BTreeSet, HashMap};

    /// Names of forums and sessions, looked up once for the whole download.
    struct Names {
        forums: HashMap<Uuid, String>,
        sessions: HashMap<Uuid, (Uuid, String)>,
    }

    impl Names {
        fn forum(&self, id: Uuid) -> String {
            self.forums.get(&id).cloned().unwrap_or_default()
        }

        fn session(&self, id: Uuid) -> SessionRef {
            let (forum, title) = self.sessions.get(&id).cloned().unwrap_or_default();
            SessionRef {
                forum: self.forum(forum),
                session_id: id,
                title,
            }
        }
    }

    /// Everything Plenum holds about the signed-in person, in a constant
    /// number of statements (one a table), whatever they did.
    pub async fn my_data(ctx: &RequestCtx) -> Result<MyData, AppError> {
        let me = ctx.require_signed_in()?.user_id();
        let db = ctx.db();
        let person = user::Entity::find_by_id(me)
            .one(db)
            .await?
            .ok_or(AppError::Unauthorized)?;
        let email = person.email.to_lowercase();
        let registrations = registration::Entity::find()
            .filter(registration::Column::UserId.eq(me))
            .order_by_asc(registration::Column::CreatedAt)
            .all(db)
            .await?;
        let signups = session_signup::Entity::find()
            .filter(session_signup::Column::UserId.eq(me))
            .order_by_asc(session_signup::Column::CreatedAt)
            .all(db)
            .await?;
        let stars = agenda_star::Entity::find()
            .filter(agenda_star::Column::UserId.eq(me))
            .order_by_asc(agenda_star::Column::CreatedAt)
            .all(db)
            .await?;
        let links = join_link::Entity::find()
            .filter(join_link::Column::UserId.eq(me))
            .order_by_asc(join_link::Column::CreatedAt)
            .all(db)
            .await?;
        let floor = floor_request::Entity::find()
            .filter(floor_request::Column::UserId.eq(me))
            .order_by_asc(floor_request::Column::AskedAt)
            .all(db)
            .await?;
        let coordinating = remote_hub_coordinator::Entity::find()
            .filter(Func::lower(Expr::col(remote_hub_coordinator::Column::Email)).eq(email.clone()))
            .all(db)
            .await?;
        let coordinated: BTreeSet<Uuid> = coordinating.iter().map(|c| c.hub_id).collect();
        let hubs = remote_hub::Entity::find()
            .filter(
                Condition::any()
                    .add(remote_hub::Column::UserId.eq(me))
                    .add(remote_hub::Column::Id.is_in(coordinated.iter().copied())),
            )
            .order_by_asc(remote_hub::Column::CreatedAt)
            .all(db)
            .await?;
        let certificates = certificate::Entity::find()
            .filter(certificate::Column::UserId.eq(me))
            .order_by_asc(certificate::Column::IssuedAt)
            .all(db)
            .await?;
        let listed = proposal_person::Entity::find()
            .filter(Func::lower(Expr::col(proposal_person::Column::Email)).eq(email.clone()))
            .order_by_asc(proposal_person::Column::Position)
            .all(db)
            .await?;
        let listed_in: BTreeSet<Uuid> = listed.iter().map(|p| p.proposal_id).collect();
        let proposals = proposal::Entity::find()
            .filter(
                Condition::any()
                    .add(proposal::Column::ProposerId.eq(me))
                    .add(proposal::Column::Id.is_in(listed_in.iter().copied())),
            )
            .order_by_asc(proposal::Column::CreatedAt)
            .all(db)
            .await?;
        let contributions = contribution::Entity::find()
            .filter(contribution::Column::AuthorId.eq(me))
            .order_by_asc(contribution::Column::CreatedAt)
            .all(db)
            .await?;
        let comments = consultation_comment::Entity::find()
            .filter(consultation_comment::Column::AuthorId.eq(me))
            .order_by_asc(consultation_comment::Column::CreatedAt)
            .all(db)
            .await?;
        let roles = forum_role::Entity::find()
            .filter(forum_role::Column::UserId.eq(me))
            .order_by_asc(forum_role::Column::GrantedAt)
            .all(db)
            .await?;

        let session_ids: BTreeSet<Uuid> = signups
            .iter()
            .map(|x| x.session_id)
            .chain(stars.iter().map(|x| x.session_id))
            .chain(links.iter().map(|x| x.session_id))
            .chain(floor.iter().map(|x| x.session_id))
            .collect();
        let sessions: HashMap<Uuid, (Uuid, String)> = programme_session::Entity::find()
            .filter(programme_session::Column::Id.is_in(session_ids))
            .all(db)
            .await?
            .into_iter()
            .map(|s| (s.id, (s.forum_id, s.title)))
            .collect();
        let forum_ids: BTreeSet<Uuid> = registrations
            .iter()
            .map(|x| x.forum_id)
            .chain(sessions.values().map(|(f, _)| *f))
            .chain(hubs.iter().map(|x| x.forum_id))
            .chain(certificates.iter().map(|x| x.forum_id))
            .chain(proposals.iter().map(|x| x.forum_id))
            .chain(roles.iter().map(|x| x.forum_id))
            .collect();
        let forums = forum::Entity::find()
            .filter(forum::Column::Id.is_in(forum_ids))
            .all(db)
            .await?
            .into_iter()
            .map(|f| (f.id, f.code))
            .collect();
        let names = Names { forums, sessions };

        Ok(MyData {
            exported_at: now(),
            profile: ProfileData {
                id: person.id,
                email: person.email,
                name: person.name,
                email_verified_at: person.email_verified_at,
                is_admin: person.is_admin,
                organisation: person.organisation,
                country: person.country,
                stakeholder_group: person.stakeholder_group,
                gender: person.gender,
                first_time: person.first_time,
                language: person.language,
                created_at: person.created_at,
                updated_at: person.updated_at,
            },
            registrations: registrations
                .into_iter()
                .map(|r| RegistrationData {
                    forum: names.forum(r.forum_id),
                    answers: serde_json::from_str(&r.answers)
                        .unwrap_or(serde_json::Value::String(r.answers)),
                    mode: r.mode,
                    requested_mode: r.requested_mode,
                    state: r.state,
                    badge_name: r.badge_name,
                    badge_code: r.badge_code,
                    organisation: r.organisation,
                    country: r.country,
                    stakeholder_group: r.stakeholder_group,
                    gender: r.gender,
                    first_time: r.first_time,
                    accessibility: r.accessibility,
                    interpretation_language: r.interpretation_language,
                    listed: r.listed,
                    reminders: r.reminders,
                    reason: r.reason,
                    privacy_accepted_at: r.privacy_accepted_at,
                    queued_at: r.queued_at,
                    decided_at: r.decided_at,
                    checked_in_at: r.checked_in_at,
                    created_at: r.created_at,
                    updated_at: r.updated_at,
                })
                .collect(),
            session_signups: signups
                .into_iter()
                .map(|x| SignupData {
                    session: names.session(x.session_id),
                    mode: x.mode,
                    state: x.state,
                    queued_at: x.queued_at,
                    created_at: x.created_at,
                    updated_at: x.updated_at,
                })
                .collect(),
            agenda_stars: stars
                .into_iter()
                .map(|x| StarData {
                    session: names.session(x.session_id),
                    created_at: x.created_at,
                })
                .collect(),
            join_links: links
                .into_iter()
                .map(|x| JoinLinkData {
                    session: names.session(x.session_id),
                    created_at: x.created_at,
                    revoked_at: x.revoked_at,
                    first_used_at: x.first_used_at,
                    last_used_at: x.last_used_at,
                    uses: x.uses,
                })
                .collect(),
            floor_requests: floor
                .into_iter()
                .map(|x| FloorRequestData {
                    session: names.session(x.session_id),
                    mode: x.mode,
                    state: x.state,
                    topic: x.topic,
                    asked_at: x.asked_at,
                    given_at: x.given_at,
                    done_at: x.done_at,
                })
                .collect(),
            hubs: hubs
                .into_iter()
                .map(|h| HubData {
                    forum: names.forum(h.forum_id),
                    registered_by_me: h.user_id == me,
                    coordinator: coordinated.contains(&h.id),
                    country: h.country,
                    city: h.city,
                    institution: h.institution,
                    address: h.address,
                    website: h.website,
                    state: h.state,
                    created_at: h.created_at,
                })
                .collect(),
            certificates: certificates
                .into_iter()
                .map(|c| CertificateData {
                    forum: names.forum(c.forum_id),
                    code: c.code,
                    badge_name: c.badge_name,
                    onsite: c.onsite,
                    online: c.online,
                    issued_at: c.issued_at,
                    revoked_at: c.revoked_at,
                })
                .collect(),
            proposals: proposals
                .into_iter()
                .map(|p| ProposalData {
                    forum: names.forum(p.forum_id),
                    proposer: p.proposer_id == me,
                    listed_as: listed
                        .iter()
                        .filter(|x| x.proposal_id == p.id)
                        .map(|x| ProposalPersonData {
                            role: x.role.clone(),
                            name: x.name.clone(),
                            email: x.email.clone(),
                            organisation: x.organisation.clone(),
                            country: x.country.clone(),
                            stakeholder_group: x.stakeholder_group.clone(),
                            gender: x.gender.clone(),
                            onsite: x.onsite,
                            confirmation: x.confirmation.clone(),
                        })
                        .collect(),
                    code: p.code,
                    title: p.title,
                    state: p.state,
                    created_at: p.created_at,
                    submitted_at: p.submitted_at,
                })
                .collect(),
            contributions: contributions
                .into_iter()
                .map(|c| ContributionData {
                    consultation: c.consultation_id,
                    question: c.question_id,
                    organisation: c.organisation,
                    stakeholder_group: c.stakeholder_group,
                    country: c.country,
                    body: c.body,
                    anonymous: c.anonymous,
                    state: c.state,
                    reason: c.reason,
                    attachment: c.attachment_kind.map(|_| c.attachment_name),
                    created_at: c.created_at,
                    updated_at: c.updated_at,
                })
                .collect(),
            comments: comments
                .into_iter()
                .map(|c| CommentData {
                    consultation: c.consultation_id,
                    contribution: c.contribution_id,
                    paragraph: c.paragraph_id,
                    body: c.body,
                    state: c.state,
                    reason: c.reason,
                    created_at: c.created_at,
                })
                .collect(),
            forum_roles: roles
                .into_iter()
                .map(|r| RoleData {
                    forum: names.forum(r.forum_id),
                    role: r.role,
                    granted_at: r.granted_at,
                })
                .collect(),
        })
    }

    /// The download as pretty-printed JSON.
    pub async fn my_data_json(ctx: &RequestCtx) -> Result<String, AppError> {
        let data = my_data(ctx).await?;
        serde_json::to_string_pretty(&data).map_err(|e| {
            tracing::error!(error = %e, "serialising a person's data failed");
            AppError::Internal
        })
    }

    /// Deletes the signed-in person's account, who gives their password and
    /// confirms. In one transaction: their registrations anonymised (what the
    /// figures count kept), join links revoked, agenda stars and feeds
    /// removed, waiting floor requests withdrawn and every topic emptied,
    /// certificates revoked without their name, roles, sessions, tokens and
    /// sign-in attempts removed, past audit entries re-addressed, and the
    /// account emptied so nobody can sign in to it. Session sign-ups stay (as
    /// the registration's state does): they count in attendance figures and
    /// name nobody once the account is empty.
    pub async fn delete_account(
        ctx: &RequestCtx,
        password: &str,
        confirmed: bool,
    ) -> Result<(), AppError> {
        let me = ctx.require_signed_in()?.user_id();
        let person = user::Entity::find_by_id(me)
            .one(ctx.db())
            .await?
            .ok_or(AppError::Unauthorized)?;
        let mut problems = Problems::new();
        if !crate::accounts::service::verify_password(
            person.password_hash.clone(),
            password.to_string(),
        )
        .await
        {
            problems.add("current_password", "accounts.current-password-wrong");
        }
        if !confirmed {
            problems.add("confirm", "privacy.delete.confirm-required");
        }
        problems.into_result()?;

        let txn = begin_write(ctx.db()).await?;
        if person.is_admin {
            // Locked (PostgreSQL; SQLite's write lock is taken already), so two
            // administrators leaving at once cannot leave none.
            let mut admins = user::Entity::find().filter(user::Column::IsAdmin.eq(true));
            if txn.get_database_backend() == sea_orm::DatabaseBackend::Postgres {
                admins = admins.lock_exclusive();
            }
            if admins.all(&txn).await?.len() <= 1 {
                return Err(AppError::form("privacy.delete.last-admin"));
            }
        }
        let at = now();
        let anonymous = deleted_email(me);

        // Registrations: counted still, naming nobody.
        let registrations = registration::Entity::find()
            .filter(registration::Column::UserId.eq(me))
            .all(&txn)
            .await?;
        for r in registrations {
            let mut a: registration::ActiveModel = r.into();
            a.badge_name = Set(String::new());
            a.organisation = Set(String::new());
            a.accessibility = Set(String::new());
            a.answers = Set("{}".into());
            a.requested_mode = Set(None);
            a.listed = Set(false);
            a.reason = Set(String::new());
            a.badge_code = Set(crate::registration::service::new_badge_code());
            a.reminders = Set(crate::reminders::Choice::Off.code().into());
            a.updated_at = Set(at);
            a.update(&txn).await?;
        }

        join_link::Entity::update_many()
            .col_expr(join_link::Column::RevokedAt, Expr::value(at))
            .filter(join_link::Column::UserId.eq(me))
            .filter(join_link::Column::RevokedAt.is_null())
            .exec(&txn)
            .await?;
        agenda_star::Entity::delete_many()
            .filter(agenda_star::Column::UserId.eq(me))
            .exec(&txn)
            .await?;
        agenda_feed::Entity::delete_many()
            .filter(agenda_feed::Column::UserId.eq(me))
            .exec(&txn)
            .await?;

        // Floor requests: the waiting ones withdrawn, every topic emptied.
        let waiting: BTreeSet<Uuid> = floor_request::Entity::find()
            .filter(floor_request::Column::UserId.eq(me))
            .filter(floor_request::Column::State.eq(FloorState::Waiting.code()))
            .all(&txn)
            .await?
            .into_iter()
            .map(|x| x.session_id)
            .collect();
        floor_request::Entity::update_many()
            .col_expr(
                floor_request::Column::State,
                Expr::value(FloorState::Withdrawn.code()),
            )
            .col_expr(floor_request::Column::DoneAt, Expr::value(at))
            .filter(floor_request::Column::UserId.eq(me))
            .filter(floor_request::Column::State.eq(FloorState::Waiting.code()))
            .exec(&txn)
            .await?;
        floor_request::Entity::update_many()
            .col_expr(floor_request::Column::Topic, Expr::value(""))
            .filter(floor_request::Column::UserId.eq(me))
            .exec(&txn)
            .await?;

        // Certificates: they named the person; they are revoked, nameless.
        certificate::Entity::update_many()
            .col_expr(certificate::Column::RevokedAt, Expr::value(at))
            .filter(certificate::Column::UserId.eq(me))
            .filter(certificate::Column::RevokedAt.is_null())
            .exec(&txn)
            .await?;
        certificate::Entity::update_many()
            .col_expr(certificate::Column::BadgeName, Expr::value(""))
            .col_expr(certificate::Column::UpdatedAt, Expr::value(at))
            .filter(certificate::Column::UserId.eq(me))
            .exec(&txn)
            .await?;

        // Consultations: contributions never yet moderated are withdrawn
        // (with their files); published ones and comments stay in the
        // consultation's record, shown without a name (the name is emptied).
        contribution::Entity::delete_many()
            .filter(contribution::Column::AuthorId.eq(me))
            .filter(contribution::Column::State.eq("received"))
            .filter(contribution::Column::ModeratedAt.is_null())
            .exec(&txn)
            .await?;

        forum_role::Entity::delete_many()
            .filter(forum_role::Column::UserId.eq(me))
            .exec(&txn)
            .await?;
        session::Entity::delete_many()
            .filter(session::Column::UserId.eq(me))
            .exec(&txn)
            .await?;
        account_token::Entity::delete_many()
            .filter(account_token::Column::UserId.eq(me))
            .exec(&txn)
            .await?;
        sign_in_attempt::Entity::delete_many()
            .filter(sign_in_attempt::Column::Email.eq(person.email.clone()))
            .exec(&txn)
            .await?;
        // The audit log keeps its entries, no longer under the address.
        audit_event::Entity::update_many()
            .col_expr(audit_event::Column::Subject, Expr::value(anonymous.clone()))
            .filter(audit_event::Column::Subject.eq(person.email.clone()))
            .exec(&txn)
            .await?;

        user::ActiveModel {
            id: Set(me),
            email: Set(anonymous),
            password_hash: Set(UNUSABLE_PASSWORD.into()),
            name: Set(String::new()),
            email_verified_at: Set(None),
            is_admin: Set(false),
            organisation: Set(String::new()),
            country: Set(None),
            stakeholder_group: Set(None),
            gender: Set(None),
            first_time: Set(false),
            language: Set(None),
            updated_at: Set(at),
            ..Default::default()
        }
        .update(&txn)
        .await?;
        // No personal data: the account's id alone.
        audit::record(&txn, Some(me), "account.deleted", "", "", "").await?;
        txn.commit().await?;
        for s in waiting {
            ctx.state.floor.changed(s);
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn deleted_addresses_name_nobody_and_are_recognised() {
        let id = Uuid::new_v4();
        let email = deleted_email(id);
        assert!(email.ends_with("@deleted.invalid"));
        assert!(email.contains(&id.simple().to_string()));
        assert!(is_deleted_email(&email));
        assert!(!is_deleted_email("amina@example.org"));
        assert_ne!(email, deleted_email(Uuid::new_v4()));
    }
}
