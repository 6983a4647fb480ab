//! Seeded benchmark instances shaped like an IGF programme: a few large
//! rooms and many small ones, a core of "regulars" (moderators, officials)
//! who speak in many sessions, themes, equipment needs and some pins.

use serde::{Deserialize, Serialize};

use crate::model::{Instance, Person, Placement, Room, Session, Slot, DEFAULT_REMOTE_KIT};
use crate::rng::Rng;

/// Shape of a generated instance. Same parameters, same instance.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct GenParams {
    /// Number of sessions.
    pub sessions: usize,
    /// Number of rooms (including `online_rooms`).
    pub rooms: usize,
    /// Forum days (Day 0 plus main days).
    pub days: usize,
    /// Slots per day (09:00, 11:00, 14:00, 16:00, then every 2 h).
    pub slots_per_day: usize,
    /// Seed of every random choice.
    pub seed: u64,
    /// Number of people; default `sessions * 4 / 3`.
    pub people: Option<usize>,
    /// Number of themes.
    pub themes: usize,
    /// Sessions pinned to the largest room (in distinct slots).
    pub pinned: usize,
    /// How many of the rooms are online-only (they get about half as many
    /// online-only sessions as they have room-slots).
    pub online_rooms: usize,
    /// `Instance::max_parallel_same_theme`.
    pub max_parallel_same_theme: u32,
}

impl Default for GenParams {
    fn default() -> Self {
        GenParams {
            sessions: 300,
            rooms: 16,
            days: 5,
            slots_per_day: 4,
            seed: 42,
            people: None,
            themes: 8,
            pinned: 3,
            online_rooms: 0,
            max_parallel_same_theme: 3,
        }
    }
}

const GROUPS: [&str; 5] = [
    "government",
    "private-sector",
    "civil-society",
    "technical-community",
    "intergovernmental",
];
const REGIONS: [&str; 5] = [
    "africa",
    "asia-pacific",
    "eastern-europe",
    "latin-america-caribbean",
    "weog",
];
const THEMES: [&str; 10] = [
    "Digital inclusion",
    "AI governance",
    "Cybersecurity and trust",
    "Human rights online",
    "Data governance",
    "Sustainability",
    "Connectivity",
    "Internet fragmentation",
    "Digital economy",
    "Youth",
];

fn start_minute(k: usize) -> u32 {
    match k {
        0 => 540,
        1 => 660,
        2 => 840,
        3 => 960,
        _ => 1080 + 120 * (k as u32 - 4),
    }
}

/// Build the instance for `params` (deterministic).
pub fn generate(params: &GenParams) -> Instance {
    let mut rng = Rng::new(params.seed);
    let gp = params;
    let nt = gp.days * gp.slots_per_day;
    let slots: Vec<Slot> = (0..nt)
        .map(|t| Slot {
            id: t,
            day: (t / gp.slots_per_day) as u32,
            start_minute: start_minute(t % gp.slots_per_day),
            length_minutes: 90,
        })
        .collect();

    let n_online = gp.online_rooms.min(gp.rooms);
    let n_phys = gp.rooms - n_online;
    let mut rooms = Vec::with_capacity(gp.rooms);
    for i in 0..n_phys {
        // Capacity falls quadratically: one plenary hall, many small rooms.
        let frac = if n_phys > 1 {
            i as f64 / (n_phys - 1) as f64
        } else {
            0.0
        };
        let cap = 50.0 + 450.0 * (1.0 - frac).powi(2);
        let capacity = ((cap / 10.0).round() * 10.0) as u32;
        let mut features = Vec::new();
        if i < n_phys.div_ceil(4) {
            features.push("interpretation".to_string());
        }
        if i < n_phys / 2 {
            features.push("captioning".to_string());
        }
        if i < n_phys * 3 / 4 {
            features.push(DEFAULT_REMOTE_KIT.to_string());
        }
        if i + 3 < n_phys || i == 0 {
            features.push("step-free".to_string());
        }
        let name = if i == 0 {
            "Plenary Hall".to_string()
        } else {
            format!("Room {i}")
        };
        rooms.push(Room {
            id: i,
            name,
            capacity,
            features,
            online_only: false,
            unavailable_slots: Vec::new(),
        });
    }
    // The smallest room is closed on Day 0 afternoon (set-up for Day 1).
    if n_phys >= 4 && gp.slots_per_day >= 4 {
        rooms[n_phys - 1].unavailable_slots = vec![2, 3];
    }
    for j in 0..n_online {
        rooms.push(Room {
            id: n_phys + j,
            name: format!("Online {}", j + 1),
            capacity: 1000,
            features: vec![DEFAULT_REMOTE_KIT.to_string(), "captioning".to_string()],
            online_only: true,
            unavailable_slots: Vec::new(),
        });
    }

    let np = gp.people.unwrap_or(gp.sessions * 4 / 3).max(5);
    let mut people: Vec<Person> = (0..np)
        .map(|q| Person {
            id: q,
            name: format!("Person {q}"),
            unavailable_slots: Vec::new(),
            preferred_slots: Vec::new(),
            max_sessions_per_day: Some(3),
        })
        .collect();
    let person_group: Vec<usize> = (0..np).map(|_| rng.below(GROUPS.len())).collect();
    let person_region: Vec<usize> = (0..np).map(|_| rng.below(REGIONS.len())).collect();
    // Regulars carry most roles, which is what makes sessions share people.
    let regulars = (np / 5).max(1);
    let max_load = (nt * 7 / 10).max(1);
    let mut load = vec![0usize; np];

    let n_themes = gp.themes.min(THEMES.len());
    let online_sessions = (n_online * nt / 2).min(gp.sessions);
    let mut sessions = Vec::with_capacity(gp.sessions);
    for s in 0..gp.sessions {
        let online_only = s >= gp.sessions - online_sessions;
        let k = rng.range(2, 5) as usize;
        let mut ps: Vec<usize> = Vec::with_capacity(k);
        let mut tries = 0;
        while ps.len() < k && tries < 100 {
            tries += 1;
            let q = if rng.chance(0.8) {
                rng.below(regulars)
            } else {
                regulars + rng.below(np - regulars)
            };
            if !ps.contains(&q) && load[q] < max_load {
                ps.push(q);
                load[q] += 1;
            }
        }
        let mut required_features = Vec::new();
        if !online_only {
            if rng.chance(0.08) {
                required_features.push("interpretation".to_string());
            }
            if rng.chance(0.10) {
                required_features.push("captioning".to_string());
            }
            if rng.chance(0.05) {
                required_features.push("step-free".to_string());
            }
        } else if rng.chance(0.2) {
            required_features.push("captioning".to_string());
        }
        let u = rng.unit();
        let audience = (20.0 + 380.0 * u.powf(1.6)).round() as u32;
        let theme = (n_themes > 0 && rng.chance(0.9)).then(|| rng.below(n_themes));
        let mut speaker_groups: Vec<String> = ps
            .iter()
            .map(|&q| GROUPS[person_group[q]].to_string())
            .collect();
        speaker_groups.sort();
        speaker_groups.dedup();
        let mut speaker_regions: Vec<String> = ps
            .iter()
            .map(|&q| REGIONS[person_region[q]].to_string())
            .collect();
        speaker_regions.sort();
        speaker_regions.dedup();
        sessions.push(Session {
            id: s,
            title: format!("Session {s}"),
            duration_minutes: if rng.chance(0.2) { 60 } else { 90 },
            people: ps,
            theme,
            required_features,
            audience,
            pinned: None,
            hybrid: !online_only && rng.chance(0.5),
            onsite_heavy: !online_only && rng.chance(0.4),
            online_only,
            speaker_groups,
            speaker_regions,
        });
    }

    // Pins: a few high-level sessions in the plenary hall, distinct slots,
    // never two sharing a person.
    let mut pinned_days: Vec<Vec<usize>> = vec![Vec::new(); np];
    if n_phys > 0 && nt > 0 {
        let mut used_slots: Vec<usize> = Vec::new();
        let mut pinned = 0;
        let mut s = 0;
        while pinned < gp.pinned.min(nt) && s < gp.sessions {
            let sess = &mut sessions[s];
            s += 1;
            if sess.online_only {
                continue;
            }
            let t = (pinned * gp.slots_per_day + 1 + pinned) % nt;
            if used_slots.contains(&t) {
                continue;
            }
            used_slots.push(t);
            sess.pinned = Some(Placement { room: 0, slot: t });
            for &q in &sess.people {
                pinned_days[q].push(t / gp.slots_per_day);
            }
            pinned += 1;
        }
    }
    // 5% of people are away one whole day (never the day of their pinned session);
    // 10% prefer mornings.
    for (q, person) in people.iter_mut().enumerate() {
        if gp.days > 1 && rng.chance(0.05) {
            let d = rng.below(gp.days);
            if !pinned_days[q].contains(&d) {
                person.unavailable_slots =
                    (d * gp.slots_per_day..(d + 1) * gp.slots_per_day).collect();
            }
        }
        if rng.chance(0.10) {
            person.preferred_slots = (0..nt).filter(|t| t % gp.slots_per_day < 2).collect();
        }
    }

    Instance {
        name: format!(
            "generated sessions={} rooms={} days={} slots_per_day={} seed={}",
            gp.sessions, gp.rooms, gp.days, gp.slots_per_day, gp.seed
        ),
        slots,
        rooms,
        sessions,
        people,
        themes: THEMES[..n_themes].iter().map(|s| s.to_string()).collect(),
        blocked_slots: Vec::new(),
        max_parallel_same_theme: gp.max_parallel_same_theme,
        remote_kit_feature: DEFAULT_REMOTE_KIT.to_string(),
    }
}

/// Share of session pairs (0..1) that have at least one person in common.
pub fn shared_person_pair_share(instance: &Instance) -> f64 {
    let n = instance.sessions.len();
    if n < 2 {
        return 0.0;
    }
    let mut by_person: Vec<Vec<usize>> = vec![Vec::new(); instance.people.len()];
    for (s, sess) in instance.sessions.iter().enumerate() {
        for &q in &sess.people {
            if let Some(l) = by_person.get_mut(q) {
                l.push(s);
            }
        }
    }
    let mut pairs: Vec<(usize, usize)> = Vec::new();
    for l in &by_person {
        for (i, &a) in l.iter().enumerate() {
            for &b in &l[i + 1..] {
                pairs.push((a.min(b), a.max(b)));
            }
        }
    }
    pairs.sort_unstable();
    pairs.dedup();
    pairs.len() as f64 / (n * (n - 1) / 2) as f64
}
