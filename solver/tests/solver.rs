//! Behaviour tests of the public API: every hard rule and warning, the soft
//! breakdown, proofs, re-plan, stop, determinism, and a randomized
//! comparison with an exhaustive search.

use solver::rng::Rng;
use solver::*;

fn slot(id: usize, day: u32, start: u32) -> Slot {
    Slot {
        id,
        day,
        start_minute: start,
        length_minutes: 90,
    }
}

fn room(id: usize, capacity: u32, features: &[&str]) -> Room {
    Room {
        id,
        name: format!("Room {id}"),
        capacity,
        features: features.iter().map(|s| s.to_string()).collect(),
        online_only: false,
        unavailable_slots: vec![],
    }
}

fn session(id: usize, people: &[usize], audience: u32) -> Session {
    Session {
        id,
        duration_minutes: 90,
        people: people.to_vec(),
        audience,
        ..Session::default()
    }
}

fn person(id: usize) -> Person {
    Person {
        id,
        ..Person::default()
    }
}

/// Two days x two slots, three rooms, four sessions, four people.
fn fixture() -> Instance {
    Instance {
        name: "fixture".into(),
        slots: vec![
            slot(0, 1, 540),
            slot(1, 1, 660),
            slot(2, 2, 540),
            slot(3, 2, 660),
        ],
        rooms: vec![
            room(0, 300, &["interpretation", "remote-kit"]),
            room(1, 100, &["remote-kit"]),
            room(2, 50, &[]),
        ],
        sessions: vec![
            session(0, &[0, 1], 250),
            session(1, &[1], 80),
            session(2, &[2], 40),
            session(3, &[3], 40),
        ],
        people: (0..4).map(person).collect(),
        themes: vec!["AI".into()],
        remote_kit_feature: DEFAULT_REMOTE_KIT.into(),
        ..Instance::default()
    }
}

fn at(room: usize, slot: usize) -> Option<Placement> {
    Some(Placement { room, slot })
}

fn good() -> Assignment {
    Assignment {
        placements: vec![at(0, 0), at(1, 1), at(2, 0), at(1, 0)],
    }
}

fn kinds(inst: &Instance, a: &Assignment) -> Vec<ConflictKind> {
    check(inst, a).iter().map(|c| c.kind).collect()
}

#[test]
fn clean_schedule_has_no_conflicts() {
    assert!(check(&fixture(), &good()).is_empty());
}

#[test]
fn unplaced_session_is_hard() {
    let mut a = good();
    a.placements[3] = None;
    let c = check(&fixture(), &a);
    assert_eq!(c.len(), 1);
    assert_eq!(c[0].kind, ConflictKind::Unplaced);
    assert!(c[0].hard);
    assert_eq!(c[0].sessions, vec![3]);
    assert_eq!(c[0].key, "solver.conflict.unplaced");
}

#[test]
fn room_double_booked() {
    let mut a = good();
    a.placements[3] = at(2, 0);
    let c = check(&fixture(), &a);
    let d: Vec<_> = c
        .iter()
        .filter(|c| c.kind == ConflictKind::RoomDoubleBooked)
        .collect();
    assert_eq!(d.len(), 1);
    assert_eq!(d[0].sessions, vec![2, 3]);
    assert_eq!(d[0].rooms, vec![2]);
}

#[test]
fn person_overlap() {
    let mut a = good();
    a.placements[1] = at(1, 0); // person 1 also in session 0 at slot 0
    a.placements[3] = at(1, 1);
    let c = check(&fixture(), &a);
    let o: Vec<_> = c
        .iter()
        .filter(|c| c.kind == ConflictKind::PersonOverlap)
        .collect();
    assert_eq!(o.len(), 1);
    assert_eq!(o[0].people, vec![1]);
    assert_eq!(o[0].sessions, vec![0, 1]);
    assert_eq!(hard_count(&fixture(), &a), 1);
}

#[test]
fn person_unavailable() {
    let mut inst = fixture();
    inst.people[2].unavailable_slots = vec![0];
    let c = check(&inst, &good());
    assert_eq!(c.len(), 1);
    assert_eq!(c[0].kind, ConflictKind::PersonUnavailable);
    assert_eq!(c[0].people, vec![2]);
}

#[test]
fn room_unavailable_and_blocked_slot() {
    let mut inst = fixture();
    inst.rooms[2].unavailable_slots = vec![0];
    assert_eq!(kinds(&inst, &good()), vec![ConflictKind::RoomUnavailable]);
    let mut inst = fixture();
    inst.blocked_slots = vec![1];
    assert_eq!(kinds(&inst, &good()), vec![ConflictKind::BlockedSlot]);
}

#[test]
fn missing_feature() {
    let mut inst = fixture();
    inst.sessions[2].required_features = vec!["captioning".into()];
    let c = check(&inst, &good());
    assert_eq!(c.len(), 1);
    assert_eq!(c[0].kind, ConflictKind::MissingFeature);
    assert_eq!(c[0].params["features"], serde_json::json!(["captioning"]));
}

#[test]
fn duration_too_long() {
    let mut inst = fixture();
    inst.sessions[3].duration_minutes = 120;
    assert_eq!(kinds(&inst, &good()), vec![ConflictKind::DurationTooLong]);
}

#[test]
fn pinned_moved() {
    let mut inst = fixture();
    inst.sessions[2].pinned = at(2, 3);
    assert_eq!(kinds(&inst, &good()), vec![ConflictKind::PinnedMoved]);
    inst.sessions[2].pinned = at(2, 0);
    assert!(kinds(&inst, &good()).is_empty());
}

#[test]
fn online_mismatch() {
    let mut inst = fixture();
    inst.sessions[3].online_only = true;
    assert_eq!(kinds(&inst, &good()), vec![ConflictKind::OnlineMismatch]);
}

#[test]
fn invalid_placement() {
    let mut a = good();
    a.placements[3] = at(9, 0);
    assert_eq!(kinds(&fixture(), &a), vec![ConflictKind::InvalidPlacement]);
}

#[test]
fn capacity_warning() {
    let mut a = good();
    a.placements[0] = at(0, 0);
    a.placements[1] = at(2, 1); // 80 people in a room for 50
    let c = check(&fixture(), &a);
    assert_eq!(c.len(), 1);
    assert_eq!(c[0].kind, ConflictKind::CapacityBelowAudience);
    assert!(!c[0].hard);
    assert_eq!(c[0].params["overflow"], serde_json::json!(30));
}

#[test]
fn theme_parallel_warning() {
    let mut inst = fixture();
    inst.max_parallel_same_theme = 1;
    inst.sessions[2].theme = Some(0);
    inst.sessions[3].theme = Some(0);
    let c = check(&inst, &good());
    assert_eq!(c.len(), 1);
    assert_eq!(c[0].kind, ConflictKind::ThemeParallel);
    assert!(!c[0].hard);
    inst.max_parallel_same_theme = 2;
    assert!(check(&inst, &good()).is_empty());
}

#[test]
fn person_day_cap_warning() {
    let mut inst = fixture();
    inst.people[1].max_sessions_per_day = Some(1);
    let c = check(&inst, &good());
    assert_eq!(c.len(), 1);
    assert_eq!(c[0].kind, ConflictKind::PersonDayCap);
    assert_eq!(c[0].people, vec![1]);
    assert!(!c[0].hard);
}

#[test]
fn soft_score_breakdown() {
    let mut inst = fixture();
    inst.sessions[1].hybrid = true;
    inst.sessions[1].onsite_heavy = true;
    inst.people[2].preferred_slots = vec![3];
    let mut a = good();
    a.placements[1] = at(2, 1); // overflow 30, and room 2 has no remote kit
    let w = Weights::default();
    let s = soft_score(&inst, &a, &w);
    let amount = |g: Goal| s.goals.iter().find(|x| x.goal == g).map(|x| x.amount);
    assert_eq!(amount(Goal::OverflowTotal), Some(30));
    assert_eq!(amount(Goal::OverflowWorst), Some(30));
    assert_eq!(amount(Goal::RemoteKit), Some(1));
    assert_eq!(amount(Goal::PreferredTimes), Some(1));
    assert_eq!(s.total_overflow, 30);
    let sum: f64 = s.goals.iter().map(|g| g.weighted).sum();
    assert!((sum - s.total).abs() < 1e-9);
    let expected =
        30.0 * w.overflow_total + 30.0 * w.overflow_worst + w.remote_kit + w.preferred_times;
    assert!(
        (s.total - expected).abs() < 1e-9,
        "{} vs {expected}",
        s.total
    );
    let codes: Vec<&str> = s.violations.iter().map(|v| v.kind.as_str()).collect();
    assert!(codes.contains(&"overflow-total"));
    assert!(codes.contains(&"remote-kit"));
    assert!(codes.contains(&"preferred-times"));
    // Each violation's amount adds up to its goal's amount.
    for g in &s.goals {
        let from_list: u64 = s
            .violations
            .iter()
            .filter(|v| v.goal == g.goal)
            .map(|v| v.amount)
            .sum();
        assert_eq!(from_list, g.amount, "goal {:?}", g.goal);
    }
    let clean = soft_score(&inst, &good(), &w);
    assert_eq!(clean.total_overflow, 0);
}

#[test]
fn soft_violations_sum_to_goals_on_generated_schedule() {
    let inst = generate(&GenParams {
        sessions: 60,
        rooms: 6,
        days: 3,
        slots_per_day: 4,
        ..GenParams::default()
    });
    let out = solve(
        &inst,
        &Options {
            max_iterations: Some(20_000),
            ..Options::default()
        },
        &mut |_| true,
    );
    let s = &out.score;
    for g in &s.goals {
        let from_list: u64 = s
            .violations
            .iter()
            .filter(|v| v.goal == g.goal)
            .map(|v| v.amount)
            .sum();
        if g.goal == Goal::OverflowWorst {
            assert!(from_list == g.amount || g.amount == 0);
        } else {
            assert_eq!(from_list, g.amount, "goal {:?}", g.goal);
        }
    }
}

fn reasons(inst: &Instance) -> Vec<String> {
    match solve(inst, &Options::default(), &mut |_| true).status {
        Status::Infeasible { reasons } => reasons.into_iter().map(|r| r.code).collect(),
        other => panic!("expected infeasible, got {other:?}"),
    }
}

#[test]
fn proof_not_enough_room_slots() {
    let mut inst = fixture();
    inst.rooms.truncate(1);
    inst.sessions.iter_mut().for_each(|s| s.people.clear());
    inst.sessions.push(session(4, &[], 10));
    assert!(reasons(&inst).contains(&"not-enough-room-slots".to_string()));
}

#[test]
fn proof_no_possible_placement() {
    let mut inst = fixture();
    inst.sessions[2].required_features = vec!["sign-language".into()];
    assert_eq!(reasons(&inst), vec!["no-possible-placement"]);
}

#[test]
fn proof_pinned_invalid_same_room_slot_and_person_overlap() {
    let mut inst = fixture();
    inst.blocked_slots = vec![3];
    inst.sessions[3].pinned = at(0, 3);
    assert_eq!(reasons(&inst), vec!["pinned-invalid"]);

    let mut inst = fixture();
    inst.sessions[2].pinned = at(1, 2);
    inst.sessions[3].pinned = at(1, 2);
    assert!(reasons(&inst).contains(&"pinned-same-room-slot".to_string()));

    let mut inst = fixture();
    inst.sessions[0].pinned = at(0, 2);
    inst.sessions[1].pinned = at(1, 2);
    assert_eq!(reasons(&inst), vec!["pinned-person-overlap"]);
}

#[test]
fn proof_person_overbooked() {
    let mut inst = fixture();
    inst.sessions.iter_mut().for_each(|s| s.people = vec![0]);
    inst.people[0].unavailable_slots = vec![0, 1];
    assert!(reasons(&inst).contains(&"person-overbooked".to_string()));
}

#[test]
fn proof_by_exhaustive_search() {
    // Three sessions pairwise sharing a person, but only two slots: no
    // counting argument applies, the complete search must prove it.
    let mut inst = fixture();
    inst.slots.truncate(2);
    inst.sessions = vec![
        session(0, &[0, 1], 10),
        session(1, &[1, 2], 10),
        session(2, &[2, 0], 10),
    ];
    assert_eq!(reasons(&inst), vec!["exhaustive-search"]);
}

#[test]
fn solves_fixture_and_respects_pins() {
    let mut inst = fixture();
    inst.sessions[2].pinned = at(2, 3);
    let out = solve(&inst, &Options::default(), &mut |_| true);
    assert_eq!(out.status, Status::Feasible);
    assert_eq!(out.hard_violations, 0);
    assert_eq!(out.assignment.get(2), at(2, 3));
    assert!(check(&inst, &out.assignment).iter().all(|c| !c.hard));
}

#[test]
fn online_only_sessions_go_to_online_rooms() {
    let mut inst = fixture();
    let mut online = room(3, 0, &[]);
    online.online_only = true;
    inst.rooms.push(online);
    inst.sessions[3].online_only = true;
    let out = solve(&inst, &Options::default(), &mut |_| true);
    assert_eq!(out.status, Status::Feasible);
    assert_eq!(out.assignment.get(3).map(|p| p.room), Some(3));
    for s in 0..3 {
        assert_ne!(out.assignment.get(s).map(|p| p.room), Some(3));
    }
}

#[test]
fn invalid_instance_is_reported() {
    let mut inst = fixture();
    inst.sessions[1].people = vec![42];
    assert!(matches!(
        solve(&inst, &Options::default(), &mut |_| true).status,
        Status::Invalid { .. }
    ));
}

#[test]
fn stop_callback_stops() {
    let inst = generate(&GenParams {
        sessions: 120,
        rooms: 8,
        ..GenParams::default()
    });
    let mut calls = 0;
    let started = std::time::Instant::now();
    let out = solve(
        &inst,
        &Options {
            time_limit_ms: 60_000,
            stall_rounds: 0,
            ..Options::default()
        },
        &mut |p| {
            calls += 1;
            assert!((0.0..=1.0).contains(&p.fraction));
            calls < 3
        },
    );
    assert_eq!(out.stop, StopReason::Stopped);
    assert!(started.elapsed().as_secs() < 10);
    assert_eq!(out.assignment.placements.len(), 120);
}

#[test]
fn same_seed_same_schedule() {
    let inst = generate(&GenParams {
        sessions: 80,
        rooms: 6,
        days: 4,
        ..GenParams::default()
    });
    let opts = Options {
        max_iterations: Some(50_000),
        time_limit_ms: 60_000,
        seed: 7,
        ..Options::default()
    };
    let a = solve(&inst, &opts, &mut |_| true);
    let b = solve(&inst, &opts, &mut |_| true);
    assert_eq!(a.stop, StopReason::IterationLimit);
    assert_eq!(a.assignment, b.assignment);
    assert_eq!(a.score.total, b.score.total);
    assert_eq!(
        generate(&GenParams::default()),
        generate(&GenParams::default())
    );
    assert_ne!(
        generate(&GenParams::default()),
        generate(&GenParams {
            seed: 43,
            ..GenParams::default()
        })
    );
}

#[test]
fn replan_moves_few_sessions() {
    let mut inst = generate(&GenParams {
        sessions: 100,
        rooms: 8,
        days: 4,
        ..GenParams::default()
    });
    let opts = Options {
        max_iterations: Some(300_000),
        time_limit_ms: 60_000,
        ..Options::default()
    };
    let first = solve(&inst, &opts, &mut |_| true);
    assert_eq!(first.status, Status::Feasible);
    // A speaker with several sessions cannot come on the day of their first one.
    let pinned_people: Vec<usize> = inst
        .sessions
        .iter()
        .filter(|s| s.pinned.is_some())
        .flat_map(|s| s.people.clone())
        .collect();
    let q = (0..inst.people.len())
        .filter(|q| !pinned_people.contains(q))
        .find(|&q| {
            (4..=6).contains(
                &inst
                    .sessions
                    .iter()
                    .filter(|s| s.people.contains(&q))
                    .count(),
            )
        })
        .unwrap_or(0);
    let s0 = inst
        .sessions
        .iter()
        .position(|s| s.people.contains(&q))
        .unwrap_or(0);
    let day = inst.slots[first.assignment.get(s0).map_or(0, |p| p.slot)].day;
    let day_slots: Vec<usize> = inst
        .slots
        .iter()
        .filter(|s| s.day == day)
        .map(|s| s.id)
        .collect();
    inst.people[q].unavailable_slots = day_slots;
    let broken = hard_count(&inst, &first.assignment);
    assert!(broken > 0);

    let replan = solve(
        &inst,
        &Options {
            previous: Some(first.assignment.clone()),
            ..opts.clone()
        },
        &mut |_| true,
    );
    assert_eq!(
        replan.status,
        Status::Feasible,
        "hard {} moved {:?} broken {broken} conflicts {:?}",
        replan.hard_violations,
        replan.moved,
        check(&inst, &replan.assignment)
            .iter()
            .filter(|c| c.hard)
            .collect::<Vec<_>>()
    );
    let moved = replan.moved.unwrap_or(usize::MAX);
    let fresh = solve(&inst, &Options { seed: 99, ..opts }, &mut |_| true);
    assert_eq!(fresh.status, Status::Feasible);
    let fresh_moved = fresh.assignment.moved_from(&first.assignment);
    eprintln!("re-plan: {broken} hard violations, moved {moved}; fresh solve moved {fresh_moved}");
    assert!(
        moved <= broken + 6,
        "re-plan moved {moved} for {broken} violations"
    );
    assert!(
        moved * 5 < fresh_moved,
        "re-plan moved {moved}, fresh solve {fresh_moved}"
    );
}

#[test]
fn check_is_fast_on_the_benchmark_instance() {
    let inst = generate(&GenParams::default());
    let out = solve(
        &inst,
        &Options {
            max_iterations: Some(10_000),
            ..Options::default()
        },
        &mut |_| true,
    );
    let started = std::time::Instant::now();
    for _ in 0..10 {
        let _ = check(&inst, &out.assignment);
    }
    let per_check = started.elapsed() / 10;
    let limit_ms = if cfg!(debug_assertions) { 100 } else { 5 };
    assert!(per_check.as_millis() < limit_ms, "{per_check:?}");
}

#[test]
fn bench_export_and_report() {
    let dir = std::env::temp_dir().join(format!("solver-bench-{}.json", std::process::id()));
    let args = bench::BenchArgs {
        sessions: 40,
        rooms: 4,
        days: 3,
        slots_per_day: 4,
        time_limit_ms: 300,
        export: Some(dir.clone()),
        ..bench::BenchArgs::default()
    };
    let report = bench::run(&args).expect("bench runs");
    let text = std::fs::read_to_string(&dir).expect("export written");
    let back: Instance = serde_json::from_str(&text).expect("export parses");
    assert_eq!(back.sessions.len(), 40);
    let _ = std::fs::remove_file(&dir);
    let shown = report.to_string();
    let last = shown.lines().last().unwrap_or("");
    for key in [
        "hard_violations=",
        "first_feasible_ms=",
        "total_ms=",
        "total_overflow=",
        "worst_overflow=",
        "soft_score=",
        "overflow_lower_bound=",
        "overflow_gap_pct=",
    ] {
        assert!(last.contains(key), "{last}");
    }
    assert!(report.total_overflow >= report.overflow_lower_bound);
    let bad = bench::BenchArgs {
        export: Some("/nonexistent-dir/x/instance.json".into()),
        ..args
    };
    assert!(bench::run(&bad).is_err());
}

#[test]
fn benchmark_instance_shape() {
    let inst = generate(&GenParams::default());
    assert!(inst.validate().is_empty());
    assert_eq!(inst.sessions.len(), 300);
    assert_eq!(inst.rooms.len(), 16);
    assert_eq!(inst.slots.len(), 20);
    let share = shared_person_pair_share(&inst);
    assert!((0.07..0.13).contains(&share), "{share}");
    assert!(inst
        .sessions
        .iter()
        .all(|s| (20..=400).contains(&s.audience)));
    assert!(inst.rooms.iter().all(|r| (50..=500).contains(&r.capacity)));
    let json = serde_json::to_string(&inst).expect("serialises");
    let back: Instance = serde_json::from_str(&json).expect("parses");
    assert_eq!(back, inst);
}

// ---------------------------------------------------------------------------
// Randomized: compare with an exhaustive search written independently.

fn random_instance(rng: &mut Rng) -> Instance {
    let nr = rng.range(1, 3) as usize;
    let nt = rng.range(2, 4) as usize;
    let ns = rng.range(3, 8).min((nr * nt) as u32) as usize;
    let np = rng.range(3, 8) as usize;
    let feats = ["a", "b"];
    let slots = (0..nt)
        .map(|t| Slot {
            id: t,
            day: (t / 2) as u32,
            start_minute: 540 + 120 * (t % 2) as u32,
            length_minutes: if rng.chance(0.2) { 60 } else { 90 },
        })
        .collect();
    let rooms = (0..nr)
        .map(|r| Room {
            id: r,
            name: String::new(),
            capacity: rng.range(10, 100),
            features: feats
                .iter()
                .filter(|_| rng.chance(0.6))
                .map(|f| f.to_string())
                .collect(),
            online_only: rng.chance(0.1),
            unavailable_slots: (0..nt).filter(|_| rng.chance(0.05)).collect(),
        })
        .collect();
    let people = (0..np)
        .map(|q| Person {
            id: q,
            unavailable_slots: (0..nt).filter(|_| rng.chance(0.05)).collect(),
            ..Person::default()
        })
        .collect();
    let sessions = (0..ns)
        .map(|s| {
            let mut ps: Vec<usize> = (0..rng.range(1, 2)).map(|_| rng.below(np)).collect();
            ps.dedup();
            Session {
                id: s,
                duration_minutes: if rng.chance(0.15) { 80 } else { 60 },
                people: ps,
                required_features: feats
                    .iter()
                    .filter(|_| rng.chance(0.1))
                    .map(|f| f.to_string())
                    .collect(),
                audience: rng.range(5, 120),
                online_only: rng.chance(0.05),
                pinned: rng.chance(0.05).then(|| Placement {
                    room: rng.below(nr),
                    slot: rng.below(nt),
                }),
                ..Session::default()
            }
        })
        .collect();
    Instance {
        slots,
        rooms,
        sessions,
        people,
        blocked_slots: (0..nt).filter(|_| rng.chance(0.04)).collect(),
        remote_kit_feature: DEFAULT_REMOTE_KIT.into(),
        ..Instance::default()
    }
}

/// Can session `s` use room `r` in slot `t` (all rules but clashes)?
fn fits(inst: &Instance, s: usize, r: usize, t: usize) -> bool {
    let (sess, room, slot) = (&inst.sessions[s], &inst.rooms[r], &inst.slots[t]);
    sess.pinned
        .is_none_or(|p| p == Placement { room: r, slot: t })
        && !inst.blocked_slots.contains(&t)
        && !room.unavailable_slots.contains(&t)
        && sess
            .required_features
            .iter()
            .all(|f| room.features.contains(f))
        && sess.duration_minutes <= slot.length_minutes
        && sess.online_only == room.online_only
        && sess
            .people
            .iter()
            .all(|&q| !inst.people[q].unavailable_slots.contains(&t))
}

/// Brute force: every session -> slot map, then every room permutation per slot.
fn brute_force_feasible(inst: &Instance) -> bool {
    fn rooms_ok(
        inst: &Instance,
        in_slot: &[usize],
        t: usize,
        k: usize,
        used: &mut Vec<bool>,
    ) -> bool {
        if k == in_slot.len() {
            return true;
        }
        for r in 0..inst.rooms.len() {
            if !used[r] && fits(inst, in_slot[k], r, t) {
                used[r] = true;
                let ok = rooms_ok(inst, in_slot, t, k + 1, used);
                used[r] = false;
                if ok {
                    return true;
                }
            }
        }
        false
    }
    fn go(inst: &Instance, s: usize, slot_of: &mut Vec<usize>) -> bool {
        let nt = inst.slots.len();
        if s == inst.sessions.len() {
            return (0..nt).all(|t| {
                let in_slot: Vec<usize> = (0..s).filter(|&x| slot_of[x] == t).collect();
                rooms_ok(inst, &in_slot, t, 0, &mut vec![false; inst.rooms.len()])
            });
        }
        for t in 0..nt {
            let clash = (0..s).any(|x| {
                slot_of[x] == t
                    && inst.sessions[x]
                        .people
                        .iter()
                        .any(|q| inst.sessions[s].people.contains(q))
            });
            if clash {
                continue;
            }
            slot_of[s] = t;
            if go(inst, s + 1, slot_of) {
                return true;
            }
        }
        false
    }
    go(inst, 0, &mut vec![0; inst.sessions.len()])
}

#[test]
fn randomized_small_instances_match_exhaustive_search() {
    let mut rng = Rng::new(2026);
    let (mut feasible, mut infeasible) = (0, 0);
    for i in 0..200 {
        let inst = random_instance(&mut rng);
        assert!(inst.validate().is_empty());
        let exists = brute_force_feasible(&inst);
        let out = solve(
            &inst,
            &Options {
                seed: i,
                time_limit_ms: 5_000,
                max_iterations: Some(100_000),
                ..Options::default()
            },
            &mut |_| true,
        );
        let hard = hard_count(&inst, &out.assignment);
        if matches!(out.status, Status::Feasible) {
            assert_eq!(
                hard, 0,
                "instance {i}: claimed feasible with hard violations"
            );
        }
        if exists {
            feasible += 1;
            assert_eq!(
                out.status,
                Status::Feasible,
                "instance {i}: missed a schedule\n{}",
                serde_json::to_string(&inst).unwrap_or_default()
            );
            assert_eq!(hard, 0);
        } else {
            infeasible += 1;
            assert!(
                matches!(out.status, Status::Infeasible { .. }),
                "instance {i}: expected a proof, got {:?}",
                out.status
            );
        }
    }
    // The generator must exercise both sides.
    assert!(
        feasible > 40 && infeasible > 20,
        "feasible {feasible}, infeasible {infeasible}"
    );
}

#[test]
fn default_weights_get_overflow_close_to_the_bound() {
    // A smaller version of the benchmark instance, with a fixed iteration
    // budget so the result is the same on every machine.
    let inst = generate(&GenParams {
        sessions: 120,
        rooms: 8,
        days: 4,
        slots_per_day: 4,
        ..GenParams::default()
    });
    let out = solve(
        &inst,
        &Options {
            max_iterations: Some(1_000_000),
            time_limit_ms: 600_000,
            stall_rounds: 0,
            ..Options::default()
        },
        &mut |_| true,
    );
    assert_eq!(out.status, Status::Feasible);
    assert!(matches!(
        out.stop,
        StopReason::IterationLimit | StopReason::LowerBound
    ));
    let bound = out.overflow_bound.total;
    let total = out.score.total_overflow;
    let gap = 100.0 * total.saturating_sub(bound) as f64 / bound.max(1) as f64;
    let amount = |g: Goal| {
        out.score
            .goals
            .iter()
            .find(|x| x.goal == g)
            .map_or(0, |x| x.amount)
    };
    eprintln!(
        "overflow {total} bound {bound} gap {gap:.1}% worst {} goals {:?}",
        out.score.worst_overflow,
        out.score
            .goals
            .iter()
            .map(|g| (g.goal.code(), g.amount))
            .collect::<Vec<_>>()
    );
    assert!(
        gap <= 5.0,
        "overflow {total} vs bound {bound}: gap {gap:.1}%"
    );
    // The other goals are still optimised, not given up for seats.
    assert_eq!(amount(Goal::ThemeParallel), 0);
    assert!(amount(Goal::PersonDayCap) <= 10);
}
