//! Dense, index-based view of an [`Instance`] that the scorer and the search
//! share: feature bitmasks, per-session domains of allowed room-slots, and
//! precomputed per-goal tables. Room-slot index is `slot * rooms + room`.

use std::collections::BTreeMap;

use crate::model::Instance;

/// Marker for "no room-slot" / "no session" in dense tables.
pub(crate) const NONE: u32 = u32::MAX;

pub(crate) struct Prepared {
    pub n_sessions: usize,
    pub n_rooms: usize,
    pub n_slots: usize,
    pub n_people: usize,
    pub n_days: usize,
    pub n_themes: usize,
    pub n_groups: usize,
    pub n_regions: usize,
    /// Dense day index of each slot.
    pub slot_day: Vec<usize>,
    /// Room open and slot not blocked, by room-slot.
    pub usable: Vec<bool>,
    pub session_people: Vec<Vec<u32>>,
    pub person_sessions: Vec<Vec<u32>>,
    pub theme: Vec<Option<u32>>,
    pub groups: Vec<Vec<u32>>,
    pub regions: Vec<Vec<u32>>,
    /// Allowed room-slots per session (all static hard rules hold there).
    pub domain: Vec<Vec<u32>>,
    /// `allowed[s * n_rs + rs]`.
    pub allowed: Vec<bool>,
    /// Seats missing if session s sits in room r: `overflow[s * n_rooms + r]`.
    pub overflow: Vec<u32>,
    pub remote_need: Vec<bool>,
    pub room_kit: Vec<bool>,
    /// People of s whose preferred slots exclude t: `pref_miss[s * n_slots + t]`.
    pub pref_miss: Vec<u16>,
    pub day_cap: Vec<u32>,
    pub max_parallel: u32,
    /// Even share per slot ("spread" goals penalise counts above it).
    pub theme_share: Vec<u32>,
    pub theme_min_rooms: Vec<u32>,
    pub group_share: Vec<u32>,
    pub region_share: Vec<u32>,
    pub group_names: Vec<String>,
    pub region_names: Vec<String>,
    pub max_overflow: u32,
    /// Pinned room-slot per session (NONE if not pinned).
    pub pinned: Vec<u32>,
}

fn intern(names: &mut BTreeMap<String, u32>, lists: &[&Vec<String>]) {
    for l in lists {
        for n in l.iter() {
            let next = names.len() as u32;
            names.entry(n.clone()).or_insert(next);
        }
    }
}

fn ceil_div(a: usize, b: usize) -> u32 {
    a.div_ceil(b.max(1)) as u32
}

impl Prepared {
    /// Assumes `inst.validate()` is empty.
    pub fn new(inst: &Instance) -> Prepared {
        let (ns, nr, nt, np) = (
            inst.sessions.len(),
            inst.rooms.len(),
            inst.slots.len(),
            inst.people.len(),
        );
        let n_rs = nr * nt;
        let features = inst.feature_names();
        let mask = |fs: &[String]| -> u64 {
            fs.iter()
                .filter_map(|f| features.iter().position(|x| x == f))
                .fold(0u64, |m, i| m | (1u64 << i))
        };
        let room_mask: Vec<u64> = inst.rooms.iter().map(|r| mask(&r.features)).collect();
        let session_mask: Vec<u64> = inst
            .sessions
            .iter()
            .map(|s| mask(&s.required_features))
            .collect();

        let mut days: Vec<u32> = inst.slots.iter().map(|s| s.day).collect();
        days.sort();
        days.dedup();
        let slot_day: Vec<usize> = inst
            .slots
            .iter()
            .map(|s| days.iter().position(|&d| d == s.day).unwrap_or(0))
            .collect();

        let mut blocked = vec![false; nt];
        for &t in &inst.blocked_slots {
            blocked[t] = true;
        }
        let mut usable = vec![false; n_rs];
        for t in 0..nt {
            for (r, room) in inst.rooms.iter().enumerate() {
                usable[t * nr + r] = !blocked[t] && !room.unavailable_slots.contains(&t);
            }
        }
        let mut person_unavail = vec![false; np * nt];
        for (p, person) in inst.people.iter().enumerate() {
            for &t in &person.unavailable_slots {
                person_unavail[p * nt + t] = true;
            }
        }

        let mut session_people: Vec<Vec<u32>> = Vec::with_capacity(ns);
        let mut person_sessions: Vec<Vec<u32>> = vec![Vec::new(); np];
        for (s, sess) in inst.sessions.iter().enumerate() {
            let mut ps: Vec<u32> = sess.people.iter().map(|&p| p as u32).collect();
            ps.sort();
            ps.dedup();
            for &p in &ps {
                person_sessions[p as usize].push(s as u32);
            }
            session_people.push(ps);
        }

        let mut pinned = vec![NONE; ns];
        let mut domain = Vec::with_capacity(ns);
        let mut allowed = vec![false; ns * n_rs];
        for (s, sess) in inst.sessions.iter().enumerate() {
            if let Some(pin) = sess.pinned {
                pinned[s] = (pin.slot * nr + pin.room) as u32;
            }
            let mut dom = Vec::new();
            for t in 0..nt {
                if sess.duration_minutes > inst.slots[t].length_minutes
                    || session_people[s]
                        .iter()
                        .any(|&p| person_unavail[p as usize * nt + t])
                {
                    continue;
                }
                for (r, room) in inst.rooms.iter().enumerate() {
                    let rs = t * nr + r;
                    let ok = usable[rs]
                        && session_mask[s] & !room_mask[r] == 0
                        && sess.online_only == room.online_only
                        && (pinned[s] == NONE || pinned[s] == rs as u32);
                    if ok {
                        dom.push(rs as u32);
                        allowed[s * n_rs + rs] = true;
                    }
                }
            }
            domain.push(dom);
        }

        let kit = &inst.remote_kit_feature;
        let room_kit: Vec<bool> = inst
            .rooms
            .iter()
            .map(|r| r.online_only || r.features.iter().any(|f| f == kit))
            .collect();
        let remote_need: Vec<bool> = inst
            .sessions
            .iter()
            .map(|s| s.hybrid && s.onsite_heavy && !s.online_only)
            .collect();

        let mut overflow = vec![0u32; ns * nr];
        let mut max_overflow = 0;
        for (s, sess) in inst.sessions.iter().enumerate() {
            for (r, room) in inst.rooms.iter().enumerate() {
                let o = if room.online_only {
                    0
                } else {
                    sess.audience.saturating_sub(room.capacity)
                };
                overflow[s * nr + r] = o;
                max_overflow = max_overflow.max(o);
            }
        }

        let mut pref_miss = vec![0u16; ns * nt];
        for s in 0..ns {
            for &p in &session_people[s] {
                let prefs = &inst.people[p as usize].preferred_slots;
                if prefs.is_empty() {
                    continue;
                }
                for t in 0..nt {
                    if !prefs.contains(&t) {
                        pref_miss[s * nt + t] += 1;
                    }
                }
            }
        }
        let day_cap = inst
            .people
            .iter()
            .map(|p| p.max_sessions_per_day.unwrap_or(u32::MAX))
            .collect();

        let mut group_ids = BTreeMap::new();
        let mut region_ids = BTreeMap::new();
        for sess in &inst.sessions {
            intern(&mut group_ids, &[&sess.speaker_groups]);
            intern(&mut region_ids, &[&sess.speaker_regions]);
        }
        let codes = |ids: &BTreeMap<String, u32>, l: &Vec<String>| -> Vec<u32> {
            let mut v: Vec<u32> = l.iter().map(|c| ids[c]).collect();
            v.sort();
            v.dedup();
            v
        };
        let groups: Vec<Vec<u32>> = inst
            .sessions
            .iter()
            .map(|s| codes(&group_ids, &s.speaker_groups))
            .collect();
        let regions: Vec<Vec<u32>> = inst
            .sessions
            .iter()
            .map(|s| codes(&region_ids, &s.speaker_regions))
            .collect();
        let names_of = |ids: &BTreeMap<String, u32>| {
            let mut v = vec![String::new(); ids.len()];
            for (n, &i) in ids {
                v[i as usize] = n.clone();
            }
            v
        };

        // Slots where at least one room is usable: the denominator of "even share".
        let usable_slots = (0..nt)
            .filter(|&t| (0..nr).any(|r| usable[t * nr + r]))
            .count();
        let n_themes = inst.themes.len();
        let mut theme_count = vec![0usize; n_themes];
        let theme: Vec<Option<u32>> = inst
            .sessions
            .iter()
            .map(|s| s.theme.map(|t| t as u32))
            .collect();
        for th in theme.iter().flatten() {
            theme_count[*th as usize] += 1;
        }
        let mut group_count = vec![0usize; group_ids.len()];
        for g in groups.iter().flatten() {
            group_count[*g as usize] += 1;
        }
        let mut region_count = vec![0usize; region_ids.len()];
        for g in regions.iter().flatten() {
            region_count[*g as usize] += 1;
        }

        Prepared {
            n_sessions: ns,
            n_rooms: nr,
            n_slots: nt,
            n_people: np,
            n_days: days.len(),
            n_themes,
            n_groups: group_ids.len(),
            n_regions: region_ids.len(),
            slot_day,
            usable,
            session_people,
            person_sessions,
            theme,
            groups,
            regions,
            domain,
            allowed,
            overflow,
            remote_need,
            room_kit,
            pref_miss,
            day_cap,
            max_parallel: inst.max_parallel_same_theme,
            theme_share: theme_count
                .iter()
                .map(|&c| ceil_div(c, usable_slots))
                .collect(),
            theme_min_rooms: theme_count
                .iter()
                .map(|&c| ceil_div(c, usable_slots))
                .collect(),
            group_share: group_count
                .iter()
                .map(|&c| ceil_div(c, usable_slots))
                .collect(),
            region_share: region_count
                .iter()
                .map(|&c| ceil_div(c, usable_slots))
                .collect(),
            group_names: names_of(&group_ids),
            region_names: names_of(&region_ids),
            max_overflow,
            pinned,
        }
    }

    pub fn n_rs(&self) -> usize {
        self.n_rooms * self.n_slots
    }

    pub fn is_allowed(&self, s: usize, rs: u32) -> bool {
        self.allowed[s * self.n_rs() + rs as usize]
    }
}
