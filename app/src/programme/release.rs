//! Releases of the programme (server only). Organisers work on the draft; a
//! release publishes a numbered snapshot of its placed sessions, which is all
//! the public programme shows. Publishing records the changelog against the
//! previous release and, in the same transaction, queues one mail per person
//! whose sessions are new, moved, cancelled or taken out, listing their
//! changes with a calendar file. A draft with hard problems among its placed
//! sessions is not published.

use super::changes::{
    self, Change, ChangeKind, Notice, ProposalDetails, ReleasedPerson, ReleasedSession, Snapshot,
    Where,
};
use super::ics::{self, Event};
use super::instance::Programme;
use super::schedule::{conflicts, is_unique_violation, slot_name};
use super::{ChangeLine, Changelog, ReleasePlan, ReleaseSummary, CANCELLED};
use crate::admin::audit;
use crate::context::RequestCtx;
use crate::db::{
    begin_write, forum, now, programme_release, programme_session, proposal, release_change,
    session_format, session_type, user,
};
use crate::error::AppError;
use crate::forums::editions::by_code;
use crate::i18n::{translate, translate_with, Locale};
use crate::notifications::outbox::{enqueue, message_id_host};
use crate::notifications::templates::{render, Attachment, Template};
use crate::venue::times::clock;
use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use sea_orm::{entity::prelude::*, ActiveValue::Set, ConnectionTrait, QueryOrder, QuerySelect};
use std::collections::{HashMap, HashSet};

/// The longest release note.
pub const NOTE_MAX: usize = 2000;

/// A moment of the venue's day as UTC.
fn instant(zone: &str, day: NaiveDate, minute: i32) -> DateTime<Utc> {
    let local =
        day.and_hms_opt(0, 0, 0).unwrap_or_default() + chrono::Duration::minutes(minute as i64);
    match zone.parse::<chrono_tz::Tz>() {
        Ok(tz) => tz
            .from_local_datetime(&local)
            .earliest()
            .map(|t| t.with_timezone(&Utc))
            .unwrap_or_else(|| local.and_utc()),
        Err(_) => local.and_utc(),
    }
}

/// The placed sessions of the draft, as a release would publish them.
/// A comma-separated list as its items.
fn items(list: &str) -> Vec<String> {
    list.split(',')
        .map(str::trim)
        .filter(|c| !c.is_empty())
        .map(str::to_string)
        .collect()
}

/// What the proposals behind the draft's sessions said: (languages, details)
/// by proposal.
async fn proposal_details(
    db: &impl ConnectionTrait,
    p: &Programme,
) -> Result<HashMap<Uuid, (Vec<String>, ProposalDetails)>, AppError> {
    let ids: Vec<Uuid> = p.sessions.iter().filter_map(|s| s.proposal_id).collect();
    if ids.is_empty() {
        return Ok(HashMap::new());
    }
    let formats: HashMap<Uuid, String> = session_format::Entity::find()
        .filter(session_format::Column::ForumId.eq(p.forum.id))
        .all(db)
        .await?
        .into_iter()
        .map(|f| (f.id, f.name))
        .collect();
    Ok(proposal::Entity::find()
        .filter(proposal::Column::Id.is_in(ids))
        .all(db)
        .await?
        .into_iter()
        .map(|x| {
            let details = ProposalDetails {
                format: x
                    .format_id
                    .and_then(|f| formats.get(&f).cloned())
                    .unwrap_or_default(),
                tags: items(&x.tags),
                sdgs: items(&x.sdgs),
                action_lines: items(&x.action_lines),
                policy_questions: serde_json::from_str(&x.policy_questions).unwrap_or_default(),
                expected_outcomes: x.expected_outcomes,
            };
            (x.id, (items(&x.languages), details))
        })
        .collect())
}

fn snapshot(
    p: &Programme,
    type_names: &HashMap<Uuid, String>,
    proposals: &HashMap<Uuid, (Vec<String>, ProposalDetails)>,
) -> Snapshot {
    let rooms: HashMap<Uuid, &crate::db::room::Model> = p.rooms.iter().map(|r| (r.id, r)).collect();
    let slots: HashMap<Uuid, &crate::db::time_slot::Model> =
        p.slots.iter().map(|s| (s.id, s)).collect();
    let days: HashMap<Uuid, &crate::db::programme_day::Model> =
        p.days.iter().map(|d| (d.id, d)).collect();
    let themes: HashMap<Uuid, &str> = p.themes.iter().map(|t| (t.id, t.name.as_str())).collect();
    let mut people: HashMap<Uuid, Vec<ReleasedPerson>> = HashMap::new();
    for x in &p.people {
        people
            .entry(x.session_id)
            .or_default()
            .push(ReleasedPerson {
                role: x.role.clone(),
                name: x.name.clone(),
                email: x.email.trim().to_lowercase(),
                organisation: x.organisation.clone(),
                country: x.country.clone(),
                stakeholder_group: x.stakeholder_group.clone(),
            });
    }
    let mut sessions: Vec<ReleasedSession> = p
        .sessions
        .iter()
        .chain(&p.ceremonies)
        .filter_map(|s| {
            let room = rooms.get(&s.room_id?)?;
            let slot = slots.get(&s.slot_id?)?;
            let day = days.get(&slot.day_id)?;
            let end = slot.start_minute + s.duration_minutes;
            Some(ReleasedSession {
                id: s.id,
                code: s.code.clone(),
                title: s.title.clone(),
                description: s.description.clone(),
                session_type: s
                    .session_type_id
                    .and_then(|t| type_names.get(&t).cloned())
                    .unwrap_or_default(),
                theme: s
                    .theme_id
                    .and_then(|t| themes.get(&t).map(|n| String::from(*n)))
                    .unwrap_or_default(),
                at: Where {
                    day: day.day.to_string(),
                    day_number: crate::venue::rooms::day_number(&p.forum, day.day),
                    start: clock(slot.start_minute as u32),
                    end: clock(end as u32),
                    starts_at: instant(&p.forum.time_zone, day.day, slot.start_minute),
                    ends_at: instant(&p.forum.time_zone, day.day, end),
                    room_id: room.id,
                    room: room.name.clone(),
                    slot_id: Some(slot.id),
                },
                online_only: s.online_only,
                hybrid: s.hybrid,
                people: people.remove(&s.id).unwrap_or_default(),
                number: 0,
                features: items(&s.required_features),
                languages: s
                    .proposal_id
                    .and_then(|id| proposals.get(&id).map(|p| p.0.clone()))
                    .unwrap_or_default(),
                details: s
                    .proposal_id
                    .and_then(|id| proposals.get(&id).map(|p| p.1.clone())),
                materials: super::materials::read(&s.materials),
            })
        })
        .collect();
    let room_order: HashMap<Uuid, usize> =
        p.rooms.iter().enumerate().map(|(i, r)| (r.id, i)).collect();
    sessions.sort_by_key(|s| (s.at.starts_at, room_order.get(&s.at.room_id).copied()));
    Snapshot { sessions }
}

fn read_snapshot(r: &programme_release::Model) -> Snapshot {
    serde_json::from_str(&r.snapshot).unwrap_or_default()
}

async fn latest(
    db: &impl ConnectionTrait,
    forum_id: Uuid,
) -> Result<Option<programme_release::Model>, AppError> {
    Ok(programme_release::Entity::find()
        .filter(programme_release::Column::ForumId.eq(forum_id))
        .order_by_desc(programme_release::Column::Number)
        .one(db)
        .await?)
}

/// Where the latest release put each session: (room, slot) by session.
pub async fn published_places(
    db: &impl ConnectionTrait,
    forum_id: Uuid,
) -> Result<HashMap<Uuid, (Uuid, Uuid)>, AppError> {
    Ok(latest(db, forum_id)
        .await?
        .map(|r| read_snapshot(&r))
        .unwrap_or_default()
        .sessions
        .into_iter()
        .filter_map(|s| Some((s.id, (s.at.room_id, s.at.slot_id?))))
        .collect())
}

/// Everything a release is computed from, read in a constant number of statements.
struct Draft {
    programme: Programme,
    next: Snapshot,
    previous: Option<programme_release::Model>,
    before: Snapshot,
    cancelled: HashSet<Uuid>,
}

impl Draft {
    async fn load(db: &impl ConnectionTrait, f: forum::Model) -> Result<Draft, AppError> {
        let programme = Programme::load(db, f).await?;
        let type_names: HashMap<Uuid, String> = session_type::Entity::find()
            .filter(session_type::Column::ForumId.eq(programme.forum.id))
            .all(db)
            .await?
            .into_iter()
            .map(|t| (t.id, t.name))
            .collect();
        let proposals = proposal_details(db, &programme).await?;
        let mut next = snapshot(&programme, &type_names, &proposals);
        let previous = latest(db, programme.forum.id).await?;
        let before = previous.as_ref().map(read_snapshot).unwrap_or_default();
        changes::number_sessions(&mut next, &before);
        let now_present: HashSet<Uuid> = next.sessions.iter().map(|s| s.id).collect();
        let gone: Vec<Uuid> = before
            .sessions
            .iter()
            .map(|s| s.id)
            .filter(|id| !now_present.contains(id))
            .collect();
        let cancelled = if gone.is_empty() {
            HashSet::new()
        } else {
            programme_session::Entity::find()
                .select_only()
                .column(programme_session::Column::Id)
                .filter(programme_session::Column::Id.is_in(gone))
                .filter(programme_session::Column::Status.eq(CANCELLED))
                .into_tuple::<Uuid>()
                .all(db)
                .await?
                .into_iter()
                .collect()
        };
        Ok(Draft {
            programme,
            next,
            previous,
            before,
            cancelled,
        })
    }

    fn changes(&self) -> Vec<Change<'_>> {
        changes::diff(&self.before, &self.next, &self.cancelled)
    }

    /// Hard problems among the placed sessions (unplaced ones wait for later).
    fn problems(&self, locale: Locale) -> Vec<super::ConflictView> {
        conflicts(&self.programme, locale)
            .0
            .into_iter()
            .filter(|c| c.hard && c.code != solver::ConflictKind::Unplaced.code())
            .collect()
    }

    fn number(&self) -> i32 {
        self.previous.as_ref().map_or(1, |r| r.number + 1)
    }
}

fn line(c: &Change<'_>) -> ChangeLine {
    let s = c.session();
    ChangeLine {
        kind: c.kind.code().into(),
        code: s.code.clone(),
        title: s.title.clone(),
        before: c.before.map(|b| b.at.text()).unwrap_or_default(),
        after: c.after.map(|a| a.at.text()).unwrap_or_default(),
    }
}

fn summary(r: &programme_release::Model, changes: Vec<ChangeLine>) -> ReleaseSummary {
    ReleaseSummary {
        number: r.number,
        published_at: r.published_at.to_rfc3339(),
        note: r.note.clone(),
        sessions: r.sessions,
        mailed: r.mailed,
        changes,
    }
}

/// The organisers' release page.
pub async fn plan(ctx: &RequestCtx, code: &str) -> Result<ReleasePlan, AppError> {
    ctx.require_organiser(code)?;
    let f = by_code(ctx, code).await?;
    let db = ctx.db();
    let draft = Draft::load(db, f.clone()).await?;
    let changes = draft.changes();
    let releases = programme_release::Entity::find()
        .filter(programme_release::Column::ForumId.eq(f.id))
        .order_by_desc(programme_release::Column::Number)
        .all(db)
        .await?;
    Ok(ReleasePlan {
        forum_code: f.code.clone(),
        forum_name: f.name.clone(),
        next: draft.number(),
        placed: draft.next.sessions.len() as u32,
        unplaced: draft
            .programme
            .sessions
            .iter()
            .filter(|s| s.room_id.is_none() || s.slot_id.is_none())
            .count() as u32,
        problems: draft.problems(ctx.locale),
        to_mail: changes::notices(&changes).len() as u32,
        changes: changes.iter().map(line).collect(),
        releases: releases.iter().map(|r| summary(r, vec![])).collect(),
    })
}

/// How a release is published: the site's address (links, Message-IDs), the
/// language of mails to people without an account, and whether to mail.
pub struct Publishing<'a> {
    pub base_url: &'a str,
    pub locale: Locale,
    pub mail: bool,
}

/// What a release did.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Published {
    pub number: i32,
    pub changes: u32,
    pub mailed: u32,
}

/// Publishes the draft as the next release, in the caller's transaction.
pub async fn publish_in(
    db: &impl ConnectionTrait,
    f: forum::Model,
    by: Option<Uuid>,
    note: &str,
    how: &Publishing<'_>,
) -> Result<Published, AppError> {
    let note = note.trim();
    if note.chars().count() > NOTE_MAX {
        return Err(AppError::field("note", "field.too-long"));
    }
    let draft = Draft::load(db, f).await?;
    if !draft.problems(how.locale).is_empty() {
        return Err(AppError::form("release.hard-problems"));
    }
    let changes = draft.changes();
    if changes.is_empty() {
        return Err(AppError::form(if draft.previous.is_some() {
            "release.nothing-changed"
        } else {
            "release.nothing-placed"
        }));
    }
    let f = &draft.programme.forum;
    let number = draft.number();
    let at = now();
    let id = Uuid::new_v4();
    let notices = if how.mail {
        changes::notices(&changes)
    } else {
        vec![]
    };
    programme_release::ActiveModel {
        id: Set(id),
        forum_id: Set(f.id),
        number: Set(number),
        published_at: Set(at),
        published_by: Set(by),
        note: Set(note.into()),
        sessions: Set(draft.next.sessions.len() as i32),
        mailed: Set(notices.len() as i32),
        snapshot: Set(serde_json::to_string(&draft.next).map_err(|_| AppError::Internal)?),
    }
    .insert(db)
    .await
    .map_err(|e| {
        if is_unique_violation(&e) {
            AppError::form("release.conflict")
        } else {
            e.into()
        }
    })?;
    release_change::Entity::insert_many(changes.iter().enumerate().map(|(i, c)| {
        let l = line(c);
        release_change::ActiveModel {
            id: Set(Uuid::new_v4()),
            release_id: Set(id),
            session_id: Set(c.session().id),
            position: Set(i as i32),
            kind: Set(l.kind),
            code: Set(l.code),
            title: Set(l.title),
            before: Set(l.before),
            after: Set(l.after),
        }
    }))
    .exec(db)
    .await?;
    if !notices.is_empty() {
        let locales = recipients_locales(db, &notices).await?;
        let host = message_id_host(how.base_url);
        for n in &notices {
            let locale = locales.get(&n.email).copied().unwrap_or(how.locale);
            let mail = release_mail(f, number, n, locale, how.base_url, &host, at);
            enqueue(db, &n.email, &n.name, mail, &host).await?;
        }
    }
    Ok(Published {
        number,
        changes: changes.len() as u32,
        mailed: notices.len() as u32,
    })
}

/// Publishes the next release (organisers); returns its number.
pub async fn publish(ctx: &RequestCtx, code: &str, note: &str) -> Result<i32, AppError> {
    let me = ctx.require_organiser(code)?.user_id();
    let f = by_code(ctx, code).await?;
    let txn = begin_write(ctx.db()).await?;
    let done = publish_in(
        &txn,
        f.clone(),
        Some(me),
        note,
        &Publishing {
            base_url: &ctx.settings().base_url,
            locale: ctx.locale,
            mail: true,
        },
    )
    .await?;
    audit::record(
        &txn,
        Some(me),
        "programme.released",
        &f.code,
        &format!(
            "release {}: {} changes, {} mailed",
            done.number, done.changes, done.mailed
        ),
        &ctx.client_addr,
    )
    .await?;
    txn.commit().await?;
    ctx.state.programme.forget(&f.code);
    if done.mailed > 0 {
        ctx.state.mail_queued.notify_one();
    }
    Ok(done.number)
}

/// The language of each recipient who has an account.
async fn recipients_locales(
    db: &impl ConnectionTrait,
    notices: &[Notice<'_>],
) -> Result<HashMap<String, Locale>, AppError> {
    Ok(user::Entity::find()
        .select_only()
        .columns([user::Column::Email, user::Column::Language])
        .filter(user::Column::Email.is_in(notices.iter().map(|n| n.email.clone())))
        .into_tuple::<(String, Option<String>)>()
        .all(db)
        .await?
        .into_iter()
        .filter_map(|(email, lang)| Some((email, lang.as_deref().and_then(Locale::from_code)?)))
        .collect())
}

/// "Day 1 (2027-06-22) 09:00–10:30, Room A" in the reader's language.
fn place(locale: Locale, w: &Where) -> String {
    format!(
        "{}–{}, {}",
        slot_name(locale, &w.day, w.day_number, &w.start),
        w.end,
        w.room
    )
}

/// One person's release mail: their changes in words and as a calendar.
fn release_mail(
    f: &forum::Model,
    number: i32,
    n: &Notice<'_>,
    locale: Locale,
    base_url: &str,
    host: &str,
    at: DateTime<Utc>,
) -> crate::notifications::templates::RenderedMail {
    let link = format!("{base_url}/forums/{}/programme", f.code);
    let lines: Vec<String> = n
        .items
        .iter()
        .map(|(what, c)| {
            let s = c.session();
            translate_with(
                locale,
                &format!("release.mail.{}", what.code()),
                &[
                    ("code", &s.code),
                    ("title", &s.title),
                    (
                        "before",
                        &c.before.map(|b| place(locale, &b.at)).unwrap_or_default(),
                    ),
                    (
                        "after",
                        &c.after.map(|a| place(locale, &a.at)).unwrap_or_default(),
                    ),
                ],
            )
        })
        .collect();
    let events: Vec<Event> = n
        .items
        .iter()
        .map(|(what, c)| {
            let s = c.session();
            Event {
                uid: format!("{}@{host}", s.id),
                sequence: number as u32,
                stamp: at,
                start: s.at.starts_at,
                end: s.at.ends_at,
                summary: format!("{} {}", s.code, s.title),
                location: s.at.room.clone(),
                description: translate(locale, &format!("release.kind.{}", what.code())),
                url: link.clone(),
                cancelled: what.drops(),
            }
        })
        .collect();
    let mut mail = render(
        locale,
        &n.name,
        &Template::ProgrammeRelease {
            forum: f.name.clone(),
            number: number.to_string(),
            changes: lines.join("\n"),
            zone: f.time_zone.clone(),
            link,
        },
    );
    mail.attachment = Some(Attachment {
        name: format!("{}-release-{number}.ics", f.code),
        media_type: "text/calendar; charset=utf-8; method=PUBLISH".into(),
        body: ics::calendar(&f.name, &f.time_zone, &events),
    });
    mail
}

/// The public changelog, in three statements.
pub async fn changelog(ctx: &RequestCtx, code: &str) -> Result<Changelog, AppError> {
    let f = by_code(ctx, code).await?;
    let db = ctx.db();
    let releases = programme_release::Entity::find()
        .select_only()
        .columns([
            programme_release::Column::Id,
            programme_release::Column::Number,
            programme_release::Column::PublishedAt,
            programme_release::Column::Note,
            programme_release::Column::Sessions,
            programme_release::Column::Mailed,
        ])
        .filter(programme_release::Column::ForumId.eq(f.id))
        .order_by_desc(programme_release::Column::Number)
        .into_tuple::<(Uuid, i32, DateTime<Utc>, String, i32, i32)>()
        .all(db)
        .await?;
    let mut lines: HashMap<Uuid, Vec<ChangeLine>> = HashMap::new();
    for c in release_change::Entity::find()
        .filter(release_change::Column::ReleaseId.is_in(releases.iter().map(|r| r.0)))
        .order_by_asc(release_change::Column::Position)
        .all(db)
        .await?
    {
        lines.entry(c.release_id).or_default().push(ChangeLine {
            kind: ChangeKind::from_code(&c.kind).map_or(c.kind.clone(), |k| k.code().into()),
            code: c.code,
            title: c.title,
            before: c.before,
            after: c.after,
        });
    }
    Ok(Changelog {
        forum_code: f.code.clone(),
        forum_name: f.name.clone(),
        releases: releases
            .into_iter()
            .map(|(id, number, at, note, sessions, mailed)| ReleaseSummary {
                number,
                published_at: at.to_rfc3339(),
                note,
                sessions,
                mailed,
                changes: lines.remove(&id).unwrap_or_default(),
            })
            .collect(),
    })
}
