//! The draft programme as the solver sees it (server only): the edition's
//! session slots, rooms, active sessions and their people read in six
//! statements, turned into a `solver::Instance` and the current placements,
//! with the tables that map the solver's positions back to ids. The editor's
//! conflict list and the automatic scheduler both start here.

use crate::db::{forum, programme_day, programme_session, room, session_person, theme, time_slot};
use crate::error::AppError;
use crate::venue::rooms::day_number;
use crate::venue::times::clock;
use crate::venue::{split_codes, SESSION_SLOT};
use sea_orm::{entity::prelude::*, ConnectionTrait, QueryOrder, QuerySelect};
use solver::{Assignment, Instance, Placement};
use std::collections::HashMap;

use super::ACTIVE;

/// What the draft programme holds, read once.
pub struct Programme {
    pub forum: forum::Model,
    pub days: Vec<programme_day::Model>,
    /// Session slots (not breaks), by day then start.
    pub slots: Vec<time_slot::Model>,
    pub rooms: Vec<room::Model>,
    /// Active sessions, by code (those below excepted).
    pub sessions: Vec<programme_session::Model>,
    /// Sessions pinned into a blocked slot: the reason for the block (the
    /// opening ceremony), held there and left out of the solver's instance.
    pub ceremonies: Vec<programme_session::Model>,
    pub people: Vec<session_person::Model>,
    pub themes: Vec<theme::Model>,
}

impl Programme {
    pub async fn load(db: &impl ConnectionTrait, f: forum::Model) -> Result<Programme, AppError> {
        let days = programme_day::Entity::find()
            .filter(programme_day::Column::ForumId.eq(f.id))
            .order_by_asc(programme_day::Column::Day)
            .all(db)
            .await?;
        let mut slots = time_slot::Entity::find()
            .filter(time_slot::Column::ForumId.eq(f.id))
            .filter(time_slot::Column::Kind.eq(SESSION_SLOT))
            .all(db)
            .await?;
        let day_index: HashMap<Uuid, usize> =
            days.iter().enumerate().map(|(i, d)| (d.id, i)).collect();
        slots.sort_by_key(|s| {
            (
                day_index.get(&s.day_id).copied().unwrap_or(usize::MAX),
                s.start_minute,
            )
        });
        let rooms = room::Entity::find()
            .filter(room::Column::ForumId.eq(f.id))
            .order_by_asc(room::Column::Position)
            .order_by_asc(room::Column::Name)
            .all(db)
            .await?;
        let sessions = programme_session::Entity::find()
            .filter(programme_session::Column::ForumId.eq(f.id))
            .filter(programme_session::Column::Status.eq(ACTIVE))
            .order_by_asc(programme_session::Column::Code)
            .all(db)
            .await?;
        let people = session_person::Entity::find()
            .filter(
                session_person::Column::SessionId.in_subquery(sea_orm::QueryTrait::into_query(
                    programme_session::Entity::find()
                        .select_only()
                        .column(programme_session::Column::Id)
                        .filter(programme_session::Column::ForumId.eq(f.id))
                        .filter(programme_session::Column::Status.eq(ACTIVE)),
                )),
            )
            .order_by_asc(session_person::Column::Position)
            .all(db)
            .await?;
        let themes = theme::Entity::find()
            .filter(theme::Column::ForumId.eq(f.id))
            .all(db)
            .await?;
        let blocked: Vec<Uuid> = slots.iter().filter(|s| s.blocked).map(|s| s.id).collect();
        let (ceremonies, sessions): (Vec<_>, Vec<_>) = sessions.into_iter().partition(|s| {
            s.pinned && s.room_id.is_some() && s.slot_id.is_some_and(|t| blocked.contains(&t))
        });
        Ok(Programme {
            forum: f,
            days,
            slots,
            rooms,
            sessions,
            ceremonies,
            people,
            themes,
        })
    }

    /// A slot's name: "Day 1 09:00" parts (ISO date, day number, start).
    pub fn slot_label(&self, slot: &time_slot::Model) -> (String, Option<u32>, String) {
        let day = self.days.iter().find(|d| d.id == slot.day_id);
        (
            day.map(|d| d.day.to_string()).unwrap_or_default(),
            day.and_then(|d| day_number(&self.forum, d.day)),
            clock(slot.start_minute as u32),
        )
    }

    /// The solver's instance and the current placements. Positions in its
    /// lists are positions in `slots`, `rooms`, `sessions`; people are
    /// `person_keys()` in order.
    pub fn instance(&self) -> (Instance, Assignment) {
        let day_of: HashMap<Uuid, (usize, String)> = self
            .days
            .iter()
            .enumerate()
            .map(|(i, d)| (d.id, (i, d.day.to_string())))
            .collect();
        let slot_index: HashMap<Uuid, usize> = self
            .slots
            .iter()
            .enumerate()
            .map(|(i, s)| (s.id, i))
            .collect();
        let room_index: HashMap<Uuid, usize> = self
            .rooms
            .iter()
            .enumerate()
            .map(|(i, r)| (r.id, i))
            .collect();
        let slots_on = |date: &str| -> Vec<usize> {
            self.slots
                .iter()
                .enumerate()
                .filter(|(_, s)| day_of.get(&s.day_id).is_some_and(|(_, d)| d == date))
                .map(|(i, _)| i)
                .collect()
        };
        let slots = self
            .slots
            .iter()
            .enumerate()
            .map(|(i, s)| solver::Slot {
                id: i,
                day: day_of.get(&s.day_id).map(|(d, _)| *d as u32).unwrap_or(0),
                start_minute: s.start_minute as u32,
                length_minutes: s.length_minutes as u32,
            })
            .collect();
        let rooms = self
            .rooms
            .iter()
            .enumerate()
            .map(|(i, r)| solver::Room {
                id: i,
                name: r.name.clone(),
                capacity: r.capacity.max(0) as u32,
                features: split_codes(&r.features),
                online_only: r.online_only,
                unavailable_slots: split_codes(&r.closed_days)
                    .iter()
                    .flat_map(|d| slots_on(d))
                    .collect(),
            })
            .collect();
        // People by lower-cased email: one person across sessions and roles.
        let keys = self.person_keys();
        let person_index: HashMap<&str, usize> = keys
            .iter()
            .enumerate()
            .map(|(i, k)| (k.as_str(), i))
            .collect();
        let cap = (self.forum.max_sessions_per_person_day > 0)
            .then_some(self.forum.max_sessions_per_person_day as u32);
        let mut people: Vec<solver::Person> = keys
            .iter()
            .enumerate()
            .map(|(i, _)| solver::Person {
                id: i,
                max_sessions_per_day: cap,
                ..Default::default()
            })
            .collect();
        let mut session_people: HashMap<Uuid, Vec<usize>> = HashMap::new();
        let mut groups: HashMap<Uuid, Vec<String>> = HashMap::new();
        let mut regions: HashMap<Uuid, Vec<String>> = HashMap::new();
        for x in &self.people {
            let q = person_index[x.email.to_lowercase().as_str()];
            let person = &mut people[q];
            if person.name.is_empty() {
                person.name = x.name.clone();
            }
            for d in split_codes(&x.unavailable_days) {
                person.unavailable_slots.extend(slots_on(&d));
            }
            session_people.entry(x.session_id).or_default().push(q);
            if let Some(g) = &x.stakeholder_group {
                groups.entry(x.session_id).or_default().push(g.clone());
            }
            let region = crate::accounts::countries::region_code(x.country.as_deref());
            if !region.is_empty() {
                regions.entry(x.session_id).or_default().push(region);
            }
        }
        for p in &mut people {
            p.unavailable_slots.sort_unstable();
            p.unavailable_slots.dedup();
        }
        let theme_ids: Vec<Uuid> = self.themes.iter().map(|t| t.id).collect();
        let placement = |s: &programme_session::Model| -> Option<Placement> {
            Some(Placement {
                room: *room_index.get(&s.room_id?)?,
                slot: *slot_index.get(&s.slot_id?)?,
            })
        };
        let sessions = self
            .sessions
            .iter()
            .enumerate()
            .map(|(i, s)| solver::Session {
                id: i,
                title: s.title.clone(),
                duration_minutes: s.duration_minutes.max(0) as u32,
                people: session_people.remove(&s.id).unwrap_or_default(),
                theme: s
                    .theme_id
                    .and_then(|t| theme_ids.iter().position(|x| *x == t)),
                required_features: split_codes(&s.required_features),
                audience: s.expected_audience.max(0) as u32,
                pinned: if s.pinned { placement(s) } else { None },
                hybrid: s.hybrid,
                onsite_heavy: s.hybrid && s.expected_audience >= 100,
                online_only: s.online_only,
                speaker_groups: groups.remove(&s.id).unwrap_or_default(),
                speaker_regions: regions.remove(&s.id).unwrap_or_default(),
            })
            .collect();
        let assignment = Assignment {
            placements: self.sessions.iter().map(placement).collect(),
        };
        let instance = Instance {
            name: self.forum.name.clone(),
            slots,
            rooms,
            sessions,
            people,
            themes: self.themes.iter().map(|t| t.name.clone()).collect(),
            blocked_slots: self
                .slots
                .iter()
                .enumerate()
                .filter(|(_, s)| s.blocked)
                .map(|(i, _)| i)
                .collect(),
            max_parallel_same_theme: self.forum.max_parallel_same_theme.max(0) as u32,
            remote_kit_feature: solver::DEFAULT_REMOTE_KIT.to_string(),
        };
        (instance, assignment)
    }

    /// Everyone in the active sessions, once each (lower-cased emails, in
    /// order of first appearance).
    pub fn person_keys(&self) -> Vec<String> {
        let mut seen = std::collections::HashSet::new();
        self.people
            .iter()
            .map(|x| x.email.to_lowercase())
            .filter(|k| seen.insert(k.clone()))
            .collect()
    }
}
