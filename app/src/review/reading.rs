//! A proposal as its reviewers read it (server only): only a reviewer it is
//! assigned to and who is not conflicted on it, or an organiser, may open it;
//! under the call's blind review (or a phase hiding names), reviewers see no
//! names, organisations or emails — stakeholder groups, regions, gender mix, onsite/online and the
//! developing-country flag stay.

use super::{ProposalReading, ReviewPerson};
use crate::accounts::{countries, ForumRoleKind};
use crate::context::RequestCtx;
use crate::db::{call, proposal, proposal_person, session_format, session_type, theme, user};
use crate::error::AppError;
use crate::forums::editions::by_code;
use crate::proposals::drafts::{self, core_fields};
use crate::proposals::rules::CallRules;
use crate::proposals::screening;
use sea_orm::{entity::prelude::*, QueryOrder};

fn list(text: &str) -> Vec<String> {
    text.split(',')
        .filter(|x| !x.is_empty())
        .map(str::to_string)
        .collect()
}

pub async fn read(ctx: &RequestCtx, code: &str, id: Uuid) -> Result<ProposalReading, AppError> {
    let me = ctx.require_signed_in()?.viewer.clone();
    let organiser = me.is_admin || me.has_role(code, ForumRoleKind::Organiser);
    if !organiser && !me.has_role(code, ForumRoleKind::Reviewer) {
        return Err(AppError::Forbidden);
    }
    let f = by_code(ctx, code).await?;
    let db = ctx.db();
    let p = proposal::Entity::find_by_id(id)
        .filter(proposal::Column::ForumId.eq(f.id))
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    let people = proposal_person::Entity::find()
        .filter(proposal_person::Column::ProposalId.eq(p.id))
        .order_by_asc(proposal_person::Column::Position)
        .all(db)
        .await?;
    let proposer = user::Entity::find_by_id(p.proposer_id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    // A reviewer reads only their own assignment, never a conflict.
    let reviewer = me.has_role(code, ForumRoleKind::Reviewer)
        && super::reviewing::may_review(db, me.id, &p, &people, &proposer).await?;
    if !organiser && !reviewer {
        return Err(AppError::Forbidden);
    }
    let c = call::Entity::find_by_id(p.call_id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    let blind = !organiser && !super::reviewing::access_of(&c).see_names;
    let panel = super::reviewing::panel(db, &c, &p, me.id, organiser, reviewer).await?;
    let themes = theme::Entity::find()
        .filter(theme::Column::ForumId.eq(f.id))
        .all(db)
        .await?;
    let name_of = |id: Option<Uuid>| {
        themes
            .iter()
            .find(|t| Some(t.id) == id)
            .map(|t| t.name.clone())
            .unwrap_or_default()
    };
    let session_type = match p.session_type_id {
        Some(id) => session_type::Entity::find_by_id(id)
            .one(db)
            .await?
            .map(|t| t.name),
        None => None,
    };
    let format = match p.format_id {
        Some(id) => session_format::Entity::find_by_id(id)
            .one(db)
            .await?
            .map(|t| t.name),
        None => None,
    };
    let checks = if organiser {
        let facts = drafts::facts(db, &p).await?;
        screening::all_checks(
            &CallRules::from_json(&c.rules),
            &core_fields(&p),
            &facts,
            &proposer.email,
        )
    } else {
        vec![]
    };
    let person_facts: Vec<screening::PersonFacts> = people
        .iter()
        .cloned()
        .filter_map(drafts::person_facts)
        .collect();
    let developing = crate::proposals::batch::developing(&people, &proposer);
    let hide = |value: String| (!blind).then_some(value);
    Ok(ProposalReading {
        forum_code: f.code,
        forum_name: f.name,
        id: p.id,
        code: p.code.clone().unwrap_or_default(),
        title: p.title.clone(),
        session_type: session_type.unwrap_or_default(),
        format: if p.format_description.is_empty() {
            format.unwrap_or_default()
        } else {
            format!("{} ({})", format.unwrap_or_default(), p.format_description)
        },
        duration: p.duration,
        theme: name_of(p.theme_id),
        sub_theme: name_of(p.sub_theme_id),
        description: p.description.clone(),
        policy_questions: serde_json::from_str(&p.policy_questions).unwrap_or_default(),
        expected_outcomes: p.expected_outcomes.clone(),
        hybrid_plan: p.hybrid_plan.clone(),
        room_layout: p.room_layout.clone(),
        languages: list(&p.languages),
        sdgs: list(&p.sdgs),
        action_lines: list(&p.action_lines),
        tags: p.tags.replace(',', ", "),
        previous_report_url: if blind {
            String::new()
        } else {
            p.previous_report_url.clone()
        },
        blind,
        proposer: hide(format!("{} ({})", proposer.name, proposer.organisation)),
        diversity: screening::diversity(&person_facts),
        people: people
            .into_iter()
            .map(|x| ReviewPerson {
                region: countries::region_code(x.country.as_deref()),
                role: x.role,
                name: hide(x.name),
                organisation: hide(x.organisation),
                email: hide(x.email),
                stakeholder_group: x.stakeholder_group.unwrap_or_default(),
                gender: x.gender.unwrap_or_default(),
                onsite: x.onsite,
                confirmation: x.confirmation,
            })
            .collect(),
        developing,
        first_time: proposer.first_time,
        checks,
        panel,
    })
}
