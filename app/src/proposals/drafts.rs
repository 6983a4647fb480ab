//! Proposals from draft to submission (server only): saving a draft (people
//! named in it are invited to confirm), answering an invitation, submitting
//! (the call's rules must pass; a code such as "WS #12" is given), withdrawing.

use super::calls::use_access_code;
use super::fields::{self, PersonInput};
use super::rules::CallRules;
use super::screening::{self, PersonFacts, PersonRole, ProposalFacts, RuleCheck};
use crate::accounts::sessions::{hash_secret, new_secret};
use crate::accounts::{countries, Gender, StakeholderGroup};
use crate::admin::audit;
use crate::context::RequestCtx;
use crate::db::{
    call, call_session_type, forum_role, now, proposal, proposal_person, session_format,
    session_type, theme, user,
};
use crate::error::{AppError, FieldError};
use crate::forums::rules as forum_rules;
use crate::i18n::translate;
use crate::notifications::outbox::{enqueue, message_id_host};
use crate::notifications::templates::{render_worded, Template};
use sea_orm::{
    entity::prelude::*,
    sea_query::{Expr, ExprTrait},
    ActiveValue::Set,
    ConnectionTrait, FromQueryResult, QueryFilter, QueryOrder, QuerySelect,
};
use std::collections::BTreeMap;

pub const DRAFT: &str = "draft";
pub const SUBMITTED: &str = "submitted";
pub const WITHDRAWN: &str = "withdrawn";

/// A proposal as typed into its form.
#[derive(Clone, Debug, Default)]
pub struct DraftInput {
    pub session_type: String,
    pub format: String,
    pub format_description: String,
    pub duration: String,
    pub theme: String,
    pub sub_theme: String,
    pub title: String,
    pub description: String,
    pub policy_questions: Vec<String>,
    pub expected_outcomes: String,
    pub hybrid_plan: String,
    pub room_layout: String,
    pub languages: Vec<String>,
    pub sdgs: Vec<String>,
    pub action_lines: Vec<String>,
    pub tags: String,
    pub previous_report_url: String,
    pub people: Vec<PersonInput>,
}

/// Collects (field, message) problems.
#[derive(Default)]
struct Problems(Vec<FieldError>);

impl Problems {
    fn add(&mut self, field: impl Into<String>, message: &str) {
        self.0.push(FieldError {
            field: field.into(),
            message: message.into(),
        });
    }

    fn take<T>(&mut self, field: &str, r: Result<T, &'static str>) -> Option<T> {
        r.map_err(|m| self.add(field, m)).ok()
    }

    fn finish(self) -> Result<(), AppError> {
        if self.0.is_empty() {
            Ok(())
        } else {
            Err(AppError::Invalid {
                fields: self.0,
                form: None,
            })
        }
    }
}

fn optional_id(p: &mut Problems, field: &str, input: &str) -> Option<Uuid> {
    match input.trim() {
        "" => None,
        text => p.take(
            field,
            text.parse::<Uuid>().map_err(|_| "field.choice-invalid"),
        ),
    }
}

/// The open call of this edition, or why not.
async fn open_call(
    ctx: &RequestCtx,
    forum_code: &str,
    call_id: Uuid,
) -> Result<(crate::db::forum::Model, call::Model), AppError> {
    let f = crate::forums::editions::by_code(ctx, forum_code).await?;
    let c = call::Entity::find_by_id(call_id)
        .filter(call::Column::ForumId.eq(f.id))
        .one(ctx.db())
        .await?
        .ok_or(AppError::NotFound)?;
    Ok((f, c))
}

fn is_open(c: &call::Model) -> bool {
    let at = now();
    c.opens_at <= at && at < c.closes_at
}

/// Saves a draft (new when `id` is `None`), or edits a submitted proposal while
/// its call is open. People new to the proposal get an invitation to confirm.
pub async fn save(
    ctx: &RequestCtx,
    forum_code: &str,
    call_id: Uuid,
    id: Option<Uuid>,
    input: DraftInput,
) -> Result<Uuid, AppError> {
    let me = ctx.require_signed_in()?.viewer.clone();
    let (f, c) = open_call(ctx, forum_code, call_id).await?;
    if !is_open(&c) {
        return Err(AppError::form("proposals.call-not-open"));
    }
    let db = ctx.db();
    let existing = match id {
        Some(id) => {
            let p = proposal::Entity::find_by_id(id)
                .one(db)
                .await?
                .ok_or(AppError::NotFound)?;
            if p.proposer_id != me.id {
                return Err(AppError::Forbidden);
            }
            if p.call_id != c.id || p.state == WITHDRAWN {
                return Err(AppError::Conflict("proposals.not-editable".into()));
            }
            Some(p)
        }
        None => None,
    };

    let mut p = Problems::default();
    let session_type = optional_id(&mut p, "session_type", &input.session_type);
    let format = optional_id(&mut p, "format", &input.format);
    let theme_id = optional_id(&mut p, "theme", &input.theme);
    let sub_theme = optional_id(&mut p, "sub_theme", &input.sub_theme);
    let duration = match input.duration.trim() {
        "" => None,
        d => p.take(
            "duration",
            d.parse::<i32>().map_err(|_| "field.choice-invalid"),
        ),
    };
    let title = p
        .take("title", fields::text(&input.title, fields::MAX_TITLE_CHARS))
        .unwrap_or_default();
    let description = p
        .take(
            "description",
            fields::text(&input.description, fields::MAX_TEXT_CHARS),
        )
        .unwrap_or_default();
    let questions = p
        .take(
            "policy_questions",
            fields::policy_questions(&input.policy_questions),
        )
        .unwrap_or_default();
    let outcomes = p
        .take(
            "expected_outcomes",
            fields::text(&input.expected_outcomes, fields::MAX_TEXT_CHARS),
        )
        .unwrap_or_default();
    let hybrid = p
        .take(
            "hybrid_plan",
            fields::text(&input.hybrid_plan, fields::MAX_TEXT_CHARS),
        )
        .unwrap_or_default();
    let layout = p
        .take(
            "room_layout",
            forum_rules::optional_line(&input.room_layout, 64),
        )
        .unwrap_or_default();
    let format_description = p
        .take(
            "format_description",
            fields::text(&input.format_description, 500),
        )
        .unwrap_or_default();
    let languages = p
        .take("languages", fields::languages(&input.languages))
        .unwrap_or_default();
    let sdgs = p
        .take("sdgs", fields::sdgs(&input.sdgs))
        .unwrap_or_default();
    let action_lines = p
        .take("action_lines", fields::action_lines(&input.action_lines))
        .unwrap_or_default();
    let tags = p
        .take("tags", fields::tags(&input.tags))
        .unwrap_or_default();
    let report = p
        .take(
            "previous_report_url",
            fields::report_url(&input.previous_report_url),
        )
        .unwrap_or_default();
    let mut rows = input.people.clone();
    if rows.iter().any(|r| !r.known.trim().is_empty()) {
        fields::fill_from_known(&mut rows, &known_people(db, me.id).await?);
    }
    let people = match fields::people(&rows) {
        Ok(people) => people,
        Err(problems) => {
            for (field, message) in problems {
                p.add(field, message);
            }
            vec![]
        }
    };

    // The choices must belong to this call and edition (three small queries).
    if let Some(t) = session_type {
        let offered = call_session_type::Entity::find()
            .filter(call_session_type::Column::CallId.eq(c.id))
            .filter(call_session_type::Column::SessionTypeId.eq(t))
            .one(db)
            .await?
            .is_some();
        if !offered {
            p.add("session_type", "field.choice-invalid");
        } else if let Some(d) = duration {
            let st = session_type::Entity::find_by_id(t).one(db).await?;
            let allowed = st
                .map(|st| forum_rules::durations(&st.durations).unwrap_or_default())
                .unwrap_or_default();
            if !allowed.contains(&(d as u32)) {
                p.add("duration", "proposals.duration-not-allowed");
            }
        }
    }
    if let Some(fid) = format {
        let found = session_format::Entity::find_by_id(fid)
            .filter(session_format::Column::ForumId.eq(f.id))
            .one(db)
            .await?;
        match found {
            None => p.add("format", "field.choice-invalid"),
            Some(fm) if fm.needs_description && format_description.is_empty() => {
                p.add("format_description", "field.required")
            }
            _ => {}
        }
    }
    let themes: Vec<theme::Model> = theme::Entity::find()
        .filter(theme::Column::ForumId.eq(f.id))
        .all(db)
        .await?;
    if let Some(t) = theme_id {
        if !themes.iter().any(|x| x.id == t && x.parent_id.is_none()) {
            p.add("theme", "field.choice-invalid");
        }
    }
    if let Some(s) = sub_theme {
        if !themes
            .iter()
            .any(|x| x.id == s && x.parent_id.is_some() && x.parent_id == theme_id)
        {
            p.add("sub_theme", "field.choice-invalid");
        }
    }
    p.finish()?;

    let at = now();
    let txn = crate::db::begin_write(db).await?;
    let proposal_id = existing.as_ref().map(|e| e.id).unwrap_or_else(Uuid::new_v4);
    let row = proposal::ActiveModel {
        id: Set(proposal_id),
        forum_id: Set(f.id),
        call_id: Set(c.id),
        proposer_id: Set(me.id),
        session_type_id: Set(session_type),
        format_id: Set(format),
        format_description: Set(format_description),
        duration: Set(duration),
        theme_id: Set(theme_id),
        sub_theme_id: Set(sub_theme),
        title: Set(title.clone()),
        description: Set(description),
        policy_questions: Set(serde_json::to_string(&questions).unwrap_or_else(|_| "[]".into())),
        expected_outcomes: Set(outcomes),
        hybrid_plan: Set(hybrid),
        room_layout: Set(layout),
        languages: Set(languages.join(",")),
        sdgs: Set(sdgs.iter().map(u8::to_string).collect::<Vec<_>>().join(",")),
        action_lines: Set(action_lines.join(",")),
        tags: Set(tags.join(",")),
        previous_report_url: Set(report),
        state: Set(existing
            .as_ref()
            .map(|e| e.state.clone())
            .unwrap_or_else(|| DRAFT.into())),
        number: Set(existing.as_ref().and_then(|e| e.number)),
        code: Set(existing.as_ref().and_then(|e| e.code.clone())),
        created_at: Set(existing.as_ref().map(|e| e.created_at).unwrap_or(at)),
        updated_at: Set(at),
        submitted_at: Set(existing.as_ref().and_then(|e| e.submitted_at)),
        // The screening decision is the organisers': left as it is.
        ..Default::default()
    };
    if existing.is_some() {
        row.update(&txn).await?;
    } else {
        row.insert(&txn).await?;
    }

    // People: keep each (email, role)'s confirmation; invite the new ones.
    let before = proposal_person::Entity::find()
        .filter(proposal_person::Column::ProposalId.eq(proposal_id))
        .all(&txn)
        .await?;
    proposal_person::Entity::delete_many()
        .filter(proposal_person::Column::ProposalId.eq(proposal_id))
        .exec(&txn)
        .await?;
    // One invitation per person newly named, whatever roles they hold: the
    // link answers for all of them.
    let mut invitations: Vec<(String, String, Vec<&'static str>)> = vec![];
    let mut rows = vec![];
    for (position, person) in people.iter().enumerate() {
        let kept = before
            .iter()
            .find(|b| b.email == person.email && b.role == person.role.code());
        let mine = person.email == me.email;
        let (confirmation, token_hash, answered_at) = match kept {
            Some(b) => (b.confirmation.clone(), b.token_hash.clone(), b.answered_at),
            None if mine => ("confirmed".to_string(), None, Some(at)),
            None => {
                let token = match invitations
                    .iter_mut()
                    .find(|(email, _, _)| *email == person.email)
                {
                    Some((_, token, roles)) => {
                        roles.push(person.role.code());
                        token.clone()
                    }
                    None => {
                        let token = new_secret();
                        invitations.push((
                            person.email.clone(),
                            token.clone(),
                            vec![person.role.code()],
                        ));
                        token
                    }
                };
                ("pending".to_string(), Some(hash_secret(&token)), None)
            }
        };
        rows.push(proposal_person::ActiveModel {
            id: Set(Uuid::new_v4()),
            proposal_id: Set(proposal_id),
            role: Set(person.role.code().into()),
            position: Set(position as i32),
            name: Set(person.name.clone()),
            email: Set(person.email.clone()),
            organisation: Set(person.organisation.clone()),
            country: Set(person.country.clone()),
            stakeholder_group: Set(person.stakeholder_group.map(|g| g.code().into())),
            gender: Set(person.gender.map(|g| g.code().into())),
            onsite: Set(person.onsite),
            confirmation: Set(confirmation),
            token_hash: Set(token_hash),
            answered_at: Set(answered_at),
        });
    }
    if !rows.is_empty() {
        proposal_person::Entity::insert_many(rows)
            .exec(&txn)
            .await?;
    }
    crate::review::people_facts::refresh(&txn, &[proposal_id]).await?;
    let host = message_id_host(&ctx.settings().base_url);
    let wording =
        crate::forums::mail::wording_for(&txn, f.id, "proposal-invitation", ctx.locale).await?;
    for (email, token, roles) in invitations {
        let name = people
            .iter()
            .find(|x| x.email == email)
            .map(|x| x.name.clone())
            .unwrap_or_default();
        let role = roles
            .iter()
            .map(|r| translate(ctx.locale, &format!("proposals.role.{r}")))
            .collect::<Vec<_>>()
            .join(&translate(ctx.locale, "proposals.role.and"));
        let mail = render_worded(
            ctx.locale,
            &name,
            &Template::ProposalInvitation {
                proposer: me.name.clone(),
                title: if title.is_empty() {
                    translate(ctx.locale, "proposals.untitled")
                } else {
                    title.clone()
                },
                role,
                link: ctx.settings().link(&format!("/invitations/{token}")),
            },
            wording.as_ref().map(|(s, b)| (s.as_str(), b.as_str())),
        );
        enqueue(&txn, &email, &name, mail, &host).await?;
    }
    // A submitted proposal stays within the rules through every edit.
    if existing.as_ref().is_some_and(|e| e.state == SUBMITTED) {
        let checks = checks_for(&txn, ctx, proposal_id).await?;
        if let Some(error) = refusal(&checks) {
            return Err(error);
        }
    }
    audit::record(
        &txn,
        Some(me.id),
        if existing.is_some() {
            "proposal.saved"
        } else {
            "proposal.drafted"
        },
        &f.code,
        &title,
        &ctx.client_addr,
    )
    .await?;
    txn.commit().await?;
    ctx.state.mail_queued.notify_one();
    Ok(proposal_id)
}

/// The person an invitation token names, answering yes or no.
pub async fn answer(ctx: &RequestCtx, token: &str, accept: bool) -> Result<(), AppError> {
    let hash = hash_secret(token.trim());
    let updated = proposal_person::Entity::update_many()
        .col_expr(
            proposal_person::Column::Confirmation,
            Expr::value(if accept { "confirmed" } else { "declined" }),
        )
        .col_expr(proposal_person::Column::AnsweredAt, Expr::value(now()))
        .filter(proposal_person::Column::TokenHash.eq(hash))
        .exec(ctx.db())
        .await?;
    if updated.rows_affected == 0 {
        return Err(AppError::form("accounts.token-invalid"));
    }
    Ok(())
}

#[derive(FromQueryResult)]
struct CountBy {
    key: String,
    count: i64,
}

/// Screening facts for a proposal, with the edition-wide counts from grouped
/// queries (a fixed number of statements, however many people).
pub async fn facts(
    db: &impl ConnectionTrait,
    p: &proposal::Model,
) -> Result<ProposalFacts, AppError> {
    let people = proposal_person::Entity::find()
        .filter(proposal_person::Column::ProposalId.eq(p.id))
        .order_by_asc(proposal_person::Column::Position)
        .all(db)
        .await?;
    let proposer = user::Entity::find_by_id(p.proposer_id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    let others = || {
        proposal::Entity::find()
            .filter(proposal::Column::ForumId.eq(p.forum_id))
            .filter(proposal::Column::State.eq(SUBMITTED))
            .filter(proposal::Column::Id.ne(p.id))
    };
    let by_proposer = others()
        .filter(proposal::Column::ProposerId.eq(p.proposer_id))
        .count(db)
        .await? as u32;
    let by_organisation = if proposer.organisation.trim().is_empty() {
        0
    } else {
        others()
            .inner_join(user::Entity)
            .filter(user::Column::Organisation.eq(proposer.organisation.clone()))
            .count(db)
            .await? as u32
    };
    let speaker_emails: Vec<String> = people
        .iter()
        .filter(|x| x.role == "speaker")
        .map(|x| x.email.clone())
        .collect();
    let sessions: Vec<CountBy> = proposal_person::Entity::find()
        .select_only()
        .column_as(proposal_person::Column::Email, "key")
        .column_as(
            Expr::col((proposal::Entity, proposal::Column::Id)).count_distinct(),
            "count",
        )
        .inner_join(proposal::Entity)
        .filter(proposal::Column::ForumId.eq(p.forum_id))
        .filter(proposal::Column::State.eq(SUBMITTED))
        .filter(proposal::Column::Id.ne(p.id))
        .filter(proposal_person::Column::Email.is_in(speaker_emails))
        .group_by(proposal_person::Column::Email)
        .into_model::<CountBy>()
        .all(db)
        .await?;
    let in_team = forum_role::Entity::find()
        .filter(forum_role::Column::ForumId.eq(p.forum_id))
        .filter(forum_role::Column::UserId.eq(p.proposer_id))
        .one(db)
        .await?
        .is_some();
    Ok(ProposalFacts {
        title: p.title.clone(),
        description: p.description.clone(),
        filled_fields: filled_fields(p),
        people: people.into_iter().filter_map(person_facts).collect(),
        other_proposals_by_proposer: by_proposer,
        other_proposals_by_organisation: by_organisation,
        other_sessions_of_speakers: sessions
            .into_iter()
            .map(|c| (c.key, u32::try_from(c.count).unwrap_or(0)))
            .collect::<BTreeMap<_, _>>(),
        proposer_in_team: in_team,
    })
}

/// Which of the optional fields a saved proposal has filled in.
pub(crate) fn filled_fields(p: &proposal::Model) -> Vec<String> {
    let questions: Vec<String> = serde_json::from_str(&p.policy_questions).unwrap_or_default();
    [
        ("policy_questions", !questions.is_empty()),
        ("expected_outcomes", !p.expected_outcomes.is_empty()),
        ("hybrid_plan", !p.hybrid_plan.is_empty()),
        ("sdgs", !p.sdgs.is_empty()),
        ("action_lines", !p.action_lines.is_empty()),
        ("room_layout", !p.room_layout.is_empty()),
        ("previous_report", !p.previous_report_url.is_empty()),
    ]
    .into_iter()
    .filter(|(_, present)| *present)
    .map(|(field, _)| field.to_string())
    .collect()
}

/// A stored person row as screening sees it (`None` for an unknown role).
pub(crate) fn person_facts(x: proposal_person::Model) -> Option<PersonFacts> {
    Some(PersonFacts {
        role: fields::role(&x.role)?,
        region: x.country.as_deref().and_then(countries::regional_group),
        stakeholder_group: x
            .stakeholder_group
            .as_deref()
            .and_then(StakeholderGroup::from_code),
        gender: x.gender.as_deref().and_then(Gender::from_code),
        confirmed: x.confirmation == "confirmed",
        email: x.email,
        organisation: x.organisation,
        onsite: x.onsite,
    })
}

/// Which core fields a saved proposal has.
pub(crate) fn core_fields(p: &proposal::Model) -> [(&'static str, bool); 5] {
    [
        ("session_type", p.session_type_id.is_some()),
        ("duration", p.duration.is_some()),
        ("theme", p.theme_id.is_some()),
        ("title", !p.title.is_empty()),
        ("description", !p.description.is_empty()),
    ]
}

async fn checks_for(
    db: &impl ConnectionTrait,
    ctx: &RequestCtx,
    id: Uuid,
) -> Result<Vec<RuleCheck>, AppError> {
    let p = proposal::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    let c = call::Entity::find_by_id(p.call_id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    let facts = facts(db, &p).await?;
    let proposer_email = ctx
        .signed_in
        .as_ref()
        .map(|s| s.viewer.email.clone())
        .unwrap_or_default();
    Ok(screening::all_checks(
        &CallRules::from_json(&c.rules),
        &core_fields(&p),
        &facts,
        &proposer_email,
    ))
}

/// The error that refuses a submission, naming the rules that fail.
fn refusal(checks: &[RuleCheck]) -> Option<AppError> {
    let failed: Vec<FieldError> = checks
        .iter()
        .filter(|c| !c.passed)
        .map(|c| FieldError {
            field: "rules".into(),
            message: c.key.clone(),
        })
        .collect();
    (!failed.is_empty()).then(|| AppError::Invalid {
        fields: failed,
        form: Some("proposals.rules-not-met".into()),
    })
}

/// Submits a draft: every rule must pass; the call must be open, or closed with a
/// valid access code (used up in the same transaction). Gives the code
/// ("WS #12") and mails the proposer a copy.
pub async fn submit(
    ctx: &RequestCtx,
    forum_code: &str,
    id: Uuid,
    access_code: Option<&str>,
) -> Result<String, AppError> {
    let me = ctx.require_signed_in()?.viewer.clone();
    let f = crate::forums::editions::by_code(ctx, forum_code).await?;
    let txn = crate::db::begin_write(ctx.db()).await?;
    let p = proposal::Entity::find_by_id(id)
        .filter(proposal::Column::ForumId.eq(f.id))
        .one(&txn)
        .await?
        .ok_or(AppError::NotFound)?;
    if p.proposer_id != me.id {
        return Err(AppError::Forbidden);
    }
    if p.state != DRAFT {
        return Err(AppError::Conflict("proposals.already-submitted".into()));
    }
    let c = call::Entity::find_by_id(p.call_id)
        .one(&txn)
        .await?
        .ok_or(AppError::NotFound)?;
    if !is_open(&c) {
        let admitted = match access_code.map(str::trim).filter(|s| !s.is_empty()) {
            Some(code) if now() >= c.opens_at => use_access_code(&txn, c.id, code).await?,
            _ => false,
        };
        if !admitted {
            return Err(AppError::field("access_code", "proposals.call-closed"));
        }
    }
    let checks = checks_for(&txn, ctx, id).await?;
    if let Some(error) = refusal(&checks) {
        return Err(error);
    }
    let st = session_type::Entity::find_by_id(p.session_type_id.unwrap_or_default())
        .one(&txn)
        .await?
        .ok_or(AppError::Internal)?;
    let last: Option<i32> = proposal::Entity::find()
        .select_only()
        .column_as(proposal::Column::Number.max(), "n")
        .filter(proposal::Column::ForumId.eq(f.id))
        .filter(proposal::Column::SessionTypeId.eq(st.id))
        .into_tuple::<Option<i32>>()
        .one(&txn)
        .await?
        .flatten();
    let number = last.unwrap_or(0) + 1;
    let code = format!("{} #{number}", st.code_prefix);
    let at = now();
    // A concurrent submission taking the same number fails on the unique index
    // and rolls back; its proposer submits again.
    proposal::ActiveModel {
        id: Set(id),
        state: Set(SUBMITTED.into()),
        number: Set(Some(number)),
        code: Set(Some(code.clone())),
        submitted_at: Set(Some(at)),
        updated_at: Set(at),
        ..Default::default()
    }
    .update(&txn)
    .await
    .map_err(|_| AppError::Conflict("proposals.try-again".into()))?;
    let copy = format!("{}\n\n{}", p.title, p.description);
    let wording =
        crate::forums::mail::wording_for(&txn, f.id, "proposal-submitted", ctx.locale).await?;
    let mail = render_worded(
        ctx.locale,
        &me.name,
        &Template::ProposalSubmitted {
            code: code.clone(),
            title: p.title.clone(),
            copy,
            link: ctx
                .settings()
                .link(&format!("/forums/{}/proposals/{id}", f.code)),
        },
        wording.as_ref().map(|(s, b)| (s.as_str(), b.as_str())),
    );
    enqueue(
        &txn,
        &me.email,
        &me.name,
        mail,
        &message_id_host(&ctx.settings().base_url),
    )
    .await?;
    audit::record(
        &txn,
        Some(me.id),
        "proposal.submitted",
        &f.code,
        &code,
        &ctx.client_addr,
    )
    .await?;
    txn.commit().await?;
    ctx.state.mail_queued.notify_one();
    Ok(code)
}

pub async fn withdraw(ctx: &RequestCtx, forum_code: &str, id: Uuid) -> Result<(), AppError> {
    let me = ctx.require_signed_in()?.viewer.id;
    let f = crate::forums::editions::by_code(ctx, forum_code).await?;
    let p = proposal::Entity::find_by_id(id)
        .filter(proposal::Column::ForumId.eq(f.id))
        .one(ctx.db())
        .await?
        .ok_or(AppError::NotFound)?;
    if p.proposer_id != me {
        return Err(AppError::Forbidden);
    }
    let txn = crate::db::begin_write(ctx.db()).await?;
    proposal::ActiveModel {
        id: Set(id),
        state: Set(WITHDRAWN.into()),
        updated_at: Set(now()),
        ..Default::default()
    }
    .update(&txn)
    .await?;
    audit::record(
        &txn,
        Some(me),
        "proposal.withdrawn",
        &f.code,
        p.code.as_deref().unwrap_or(&p.title),
        &ctx.client_addr,
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

/// The rules' state for the proposer's own proposal: what is met, what is not.
pub async fn check(ctx: &RequestCtx, id: Uuid) -> Result<Vec<RuleCheck>, AppError> {
    let me = ctx.require_signed_in()?.viewer.id;
    let p = proposal::Entity::find_by_id(id)
        .one(ctx.db())
        .await?
        .ok_or(AppError::NotFound)?;
    if p.proposer_id != me {
        return Err(AppError::Forbidden);
    }
    checks_for(ctx.db(), ctx, id).await
}

/// The proposal page's data: a saved proposal of the signed-in person, or a new
/// one for `call` with the proposer as its first organiser.
pub async fn form(
    ctx: &RequestCtx,
    forum_code: &str,
    call_id: Option<Uuid>,
    id: Option<Uuid>,
) -> Result<super::ProposalForm, AppError> {
    use super::{PersonRow, ProposalDraft};
    let me = ctx.require_signed_in()?.viewer.clone();
    let f = crate::forums::editions::by_code(ctx, forum_code).await?;
    let db = ctx.db();
    let (draft, core, diversity, call_id, base_facts) = match id {
        Some(id) => {
            let p = proposal::Entity::find_by_id(id)
                .filter(proposal::Column::ForumId.eq(f.id))
                .one(db)
                .await?
                .ok_or(AppError::NotFound)?;
            if p.proposer_id != me.id {
                return Err(AppError::Forbidden);
            }
            let people = proposal_person::Entity::find()
                .filter(proposal_person::Column::ProposalId.eq(id))
                .order_by_asc(proposal_person::Column::Position)
                .all(db)
                .await?;
            let facts = facts(db, &p).await?;
            let core = Some(core_fields(&p));
            let list = |s: &str| {
                s.split(',')
                    .filter(|x| !x.is_empty())
                    .map(str::to_string)
                    .collect::<Vec<_>>()
            };
            let id_text = |u: Option<Uuid>| u.map(|u| u.to_string()).unwrap_or_default();
            let draft = ProposalDraft {
                id: Some(p.id),
                state: p.state.clone(),
                code: p.code.clone(),
                session_type: id_text(p.session_type_id),
                format: id_text(p.format_id),
                format_description: p.format_description.clone(),
                duration: p.duration.map(|d| d.to_string()).unwrap_or_default(),
                theme: id_text(p.theme_id),
                sub_theme: id_text(p.sub_theme_id),
                title: p.title.clone(),
                description: p.description.clone(),
                policy_questions: serde_json::from_str(&p.policy_questions).unwrap_or_default(),
                expected_outcomes: p.expected_outcomes.clone(),
                hybrid_plan: p.hybrid_plan.clone(),
                room_layout: p.room_layout.clone(),
                languages: list(&p.languages),
                sdgs: list(&p.sdgs),
                action_lines: list(&p.action_lines),
                tags: p.tags.replace(',', ", "),
                previous_report_url: p.previous_report_url.clone(),
                people: people.into_iter().map(person_row).collect(),
            };
            let diversity = screening::diversity(&facts.people);
            (draft, core, diversity, p.call_id, facts)
        }
        None => {
            let call_id = call_id.ok_or(AppError::NotFound)?;
            let profile = crate::accounts::service::profile(ctx).await?;
            let draft = ProposalDraft {
                state: DRAFT.into(),
                people: vec![PersonRow {
                    role: PersonRole::Organiser.code().into(),
                    name: profile.name,
                    email: profile.email,
                    organisation: profile.organisation,
                    country: profile.country.unwrap_or_default(),
                    stakeholder_group: profile
                        .stakeholder_group
                        .map(|g| g.code().into())
                        .unwrap_or_default(),
                    gender: profile.gender.map(|g| g.code().into()).unwrap_or_default(),
                    onsite: true,
                    confirmation: "confirmed".into(),
                }],
                ..Default::default()
            };
            (
                draft,
                None,
                screening::Diversity::default(),
                call_id,
                ProposalFacts::default(),
            )
        }
    };
    let call = super::calls::load(ctx, forum_code, call_id).await?;
    // The rules against the saved proposal, from the facts loaded above.
    let checks = core
        .map(|core| screening::all_checks(&call.rules, &core, &base_facts, &me.email))
        .unwrap_or_default();
    let themes = crate::forums::setup::themes_of(db, f.id).await?;
    let formats = session_format::Entity::find()
        .filter(session_format::Column::ForumId.eq(f.id))
        .order_by_asc(session_format::Column::Position)
        .all(db)
        .await?
        .into_iter()
        .map(|x| crate::forums::SessionFormat {
            id: x.id,
            name: x.name,
            needs_description: x.needs_description,
        })
        .collect();
    Ok(super::ProposalForm {
        call,
        themes,
        formats,
        draft,
        checks,
        diversity,
        base_facts,
        known_people: known_people(db, me.id).await?,
        proposer_email: me.email,
    })
}

/// A stored person as the form shows them.
fn person_row(x: proposal_person::Model) -> super::PersonRow {
    super::PersonRow {
        role: x.role,
        name: x.name,
        email: x.email,
        organisation: x.organisation,
        country: x.country.unwrap_or_default(),
        stakeholder_group: x.stakeholder_group.unwrap_or_default(),
        gender: x.gender.unwrap_or_default(),
        onsite: x.onsite,
        confirmation: x.confirmation,
    }
}

/// Most people offered to pick from.
const KNOWN_MAX: u64 = 500;

/// People the proposer named in their proposals (any edition), each once by
/// email, as most recently entered: one query.
pub async fn known_people(
    db: &impl ConnectionTrait,
    proposer: Uuid,
) -> Result<Vec<super::PersonRow>, AppError> {
    let rows = proposal_person::Entity::find()
        .inner_join(proposal::Entity)
        .filter(proposal::Column::ProposerId.eq(proposer))
        .order_by_desc(proposal::Column::UpdatedAt)
        .order_by_asc(proposal_person::Column::Position)
        .limit(KNOWN_MAX * 4)
        .all(db)
        .await?;
    let mut seen = std::collections::HashSet::new();
    let mut known: Vec<super::PersonRow> = rows
        .into_iter()
        .filter(|x| seen.insert(x.email.clone()))
        .take(KNOWN_MAX as usize)
        .map(|x| super::PersonRow {
            // Their answer belongs to that proposal, not to the next.
            confirmation: String::new(),
            ..person_row(x)
        })
        .collect();
    known.sort_by_key(|k| k.name.to_lowercase());
    Ok(known)
}

/// The signed-in person's proposals, newest first (two queries).
pub async fn mine(ctx: &RequestCtx) -> Result<Vec<super::MyProposal>, AppError> {
    let me = ctx.require_signed_in()?.viewer.id;
    let rows = proposal::Entity::find()
        .filter(proposal::Column::ProposerId.eq(me))
        .order_by_desc(proposal::Column::UpdatedAt)
        .all(ctx.db())
        .await?;
    let forums: BTreeMap<Uuid, String> = crate::db::forum::Entity::find()
        .filter(
            crate::db::forum::Column::Id.is_in(rows.iter().map(|r| r.forum_id).collect::<Vec<_>>()),
        )
        .all(ctx.db())
        .await?
        .into_iter()
        .map(|f| (f.id, f.code))
        .collect();
    Ok(rows
        .into_iter()
        .map(|r| super::MyProposal {
            id: r.id,
            forum_code: forums.get(&r.forum_id).cloned().unwrap_or_default(),
            title: r.title,
            code: r.code,
            state: r.state,
            updated_at: r.updated_at,
        })
        .collect())
}
