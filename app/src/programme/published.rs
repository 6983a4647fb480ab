//! The public pages' data, read from the latest release through the
//! per-release cache (server only): a session's page and a person's page.
//! Neither runs a database statement while the release is known (at most the
//! two of the cache's look for a newer one), however large the programme.

use super::changes::{ReleasedPerson, ReleasedSession, Where};
use super::exports::{format_code, Released};
use super::{
    Organisations, PublicOrganisation, PublicPersonLink, PublicSessionDetail, PublicWhen,
    SpeakerDetail, SpeakerSession,
};
use crate::accounts::countries::region_code;
use crate::context::RequestCtx;
use crate::error::AppError;
use crate::ui::markdown::to_safe_html;
use std::sync::Arc;
use uuid::Uuid;

/// The edition's latest release; not found before the first.
pub async fn current(ctx: &RequestCtx, forum: &str) -> Result<Arc<Released>, AppError> {
    ctx.state
        .programme
        .released(ctx.db(), ctx.settings(), forum)
        .await?
        .ok_or(AppError::NotFound)
}

fn when(w: &Where) -> PublicWhen {
    PublicWhen {
        date: w.day.clone(),
        day_number: w.day_number,
        start: w.start.clone(),
        end: w.end.clone(),
        starts_at: w.starts_at.to_rfc3339(),
        ends_at: w.ends_at.to_rfc3339(),
        room: w.room.clone(),
    }
}

fn person(s: &ReleasedSession, p: &ReleasedPerson) -> PublicPersonLink {
    PublicPersonLink {
        guid: p.guid(s.id),
        role: p.role.clone(),
        name: p.name.clone(),
        organisation: p.organisation.clone(),
        country: p.country.clone().unwrap_or_default(),
        stakeholder_group: p.stakeholder_group.clone().unwrap_or_default(),
        region: region_code(p.country.as_deref()),
    }
}

/// A released session by URL key.
pub async fn session(
    ctx: &RequestCtx,
    forum: &str,
    key: &str,
) -> Result<PublicSessionDetail, AppError> {
    let r = current(ctx, forum).await?;
    let s = r.session(key).ok_or(AppError::NotFound)?;
    // The edition's row only for a signed-in visitor (their stars, sign-up).
    let (forum_id, starred) = match &ctx.signed_in {
        Some(me) => {
            let f = crate::forums::editions::by_code(ctx, forum).await?;
            let starred = crate::agenda::service::starred_ids(ctx.db(), me.user_id(), f.id)
                .await?
                .contains(&s.id);
            (Some(f.id), starred)
        }
        None => (None, false),
    };
    let seats = crate::participation::service::seats(ctx, forum_id, &r, s).await?;
    Ok(PublicSessionDetail {
        forum_code: r.forum_code.clone(),
        forum_name: r.forum_name.clone(),
        time_zone: r.time_zone.clone(),
        key: s.key(),
        code: s.code.clone(),
        title: s.title.clone(),
        description_html: to_safe_html(&s.description),
        session_type: s.session_type.clone(),
        theme: s.theme.clone(),
        format: format_code(s).into(),
        when: when(&s.at),
        people: s.people.iter().map(|p| person(s, p)).collect(),
        languages: s.languages.clone(),
        features: s.features.clone(),
        details: s.details.clone(),
        materials: s.materials.clone(),
        seats,
        signed_in: ctx.signed_in.is_some(),
        starred,
    })
}

/// A person of the released programme by guid, with their sessions.
pub async fn speaker(ctx: &RequestCtx, forum: &str, guid: &str) -> Result<SpeakerDetail, AppError> {
    let guid = Uuid::parse_str(guid.trim()).map_err(|_| AppError::NotFound)?;
    let r = current(ctx, forum).await?;
    let mut found: Option<PublicPersonLink> = None;
    let mut sessions = vec![];
    for s in &r.snapshot.sessions {
        if let Some(p) = s.people.iter().find(|p| p.guid(s.id) == guid) {
            found.get_or_insert_with(|| person(s, p));
            sessions.push(SpeakerSession {
                key: s.key(),
                code: s.code.clone(),
                title: s.title.clone(),
                role: p.role.clone(),
                when: when(&s.at),
            });
        }
    }
    Ok(SpeakerDetail {
        forum_code: r.forum_code.clone(),
        forum_name: r.forum_name.clone(),
        time_zone: r.time_zone.clone(),
        person: found.ok_or(AppError::NotFound)?,
        sessions,
    })
}

/// The organisations of the people on the released programme, by name
/// (case and spacing ignored), each with its people and sessions.
pub async fn organisations(ctx: &RequestCtx, forum: &str) -> Result<Organisations, AppError> {
    use std::collections::{BTreeMap, BTreeSet};
    let r = current(ctx, forum).await?;
    type Entry = (String, BTreeMap<Uuid, String>, BTreeSet<Uuid>);
    let mut by_name: BTreeMap<String, Entry> = BTreeMap::new();
    for s in &r.snapshot.sessions {
        for p in &s.people {
            let name = p
                .organisation
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ");
            if name.is_empty() {
                continue;
            }
            let e = by_name
                .entry(name.to_lowercase())
                .or_insert_with(|| (name.clone(), BTreeMap::new(), BTreeSet::new()));
            e.1.insert(p.guid(s.id), p.name.clone());
            e.2.insert(s.id);
        }
    }
    Ok(Organisations {
        forum_code: r.forum_code.clone(),
        forum_name: r.forum_name.clone(),
        organisations: by_name
            .into_values()
            .map(|(name, people, sessions)| {
                let mut people: Vec<(Uuid, String)> = people.into_iter().collect();
                people.sort_by_key(|(_, n)| n.to_lowercase());
                PublicOrganisation {
                    name,
                    people,
                    sessions: sessions.len() as u32,
                }
            })
            .collect(),
    })
}
