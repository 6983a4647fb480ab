//! The automatic scheduler (server only): a run starts in the background on
//! the draft programme as the solver sees it (`instance`), reports its
//! progress into its row, can be stopped, and leaves a draft — placements and
//! figures — that organisers accept whole or one day at a time. A fresh run
//! places every session around the pinned ones; a re-plan starts from the
//! programme as it is and moves as few sessions as it can.

use super::instance::Programme;
use super::schedule::{conflicts_of, explain, is_unique_violation, people_names, Finding};
use super::sessions::record_move;
use super::{GoalLine, RunResult, RunSettings, RunView, Scheduler, ACTIVE};
use crate::admin::audit;
use crate::context::RequestCtx;
use crate::db::{begin_write, now, programme_session, schedule_run, time_slot};
use crate::error::{AppError, Problems};
use crate::forums::editions::by_code;
use crate::i18n::Locale;
use sea_orm::{
    entity::prelude::*,
    sea_query::{Expr, ExprTrait},
    ActiveValue::Set,
    DatabaseConnection, QueryOrder,
};
use solver::{Assignment, Goal, Placement, Weights};
use std::collections::HashMap;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, LazyLock, Mutex};
use std::time::Duration;

pub const FRESH: &str = "fresh";
pub const REPLAN: &str = "replan";
pub const RUNNING: &str = "running";
/// The longest run organisers can ask for, in seconds.
pub const MAX_TIME_S: u32 = 120;
/// The largest weight of a goal.
pub const MAX_WEIGHT: f64 = 1000.0;
/// Problems and soft violations explained on the page, at most.
const EXPLAINED: usize = 100;

/// Stop flags of the runs in progress in this process.
static STOPS: LazyLock<Mutex<HashMap<Uuid, Arc<AtomicBool>>>> = LazyLock::new(Default::default);

fn weight_mut(w: &mut Weights, goal: Goal) -> &mut f64 {
    match goal {
        Goal::OverflowTotal => &mut w.overflow_total,
        Goal::OverflowWorst => &mut w.overflow_worst,
        Goal::ThemeParallel => &mut w.theme_parallel,
        Goal::ThemeSpread => &mut w.theme_spread,
        Goal::ThemeRooms => &mut w.theme_rooms,
        Goal::StakeholderMix => &mut w.stakeholder_mix,
        Goal::RegionalMix => &mut w.regional_mix,
        Goal::RemoteKit => &mut w.remote_kit,
        Goal::PreferredTimes => &mut w.preferred_times,
        Goal::PersonDayCap => &mut w.person_day_cap,
    }
}

/// The solver's defaults.
pub fn default_settings() -> RunSettings {
    let mut w = Weights::default();
    RunSettings {
        weights: Goal::ALL
            .iter()
            .map(|g| (g.code().to_string(), *weight_mut(&mut w, *g)))
            .collect(),
        time_limit_s: 10,
    }
}

fn weights_of(settings: &RunSettings) -> Weights {
    let mut w = Weights::default();
    for g in Goal::ALL {
        if let Some((_, v)) = settings.weights.iter().find(|(c, _)| c == g.code()) {
            *weight_mut(&mut w, g) = *v;
        }
    }
    w
}

/// The settings as typed: a weight per goal (0–1,000) and seconds (1–120).
pub fn settings_from_form(
    weights: &[(String, String)],
    time_limit: &str,
) -> Result<RunSettings, AppError> {
    let mut problems = Problems::new();
    let mut settings = default_settings();
    for (code, typed) in weights {
        let Some(slot) = settings.weights.iter_mut().find(|(c, _)| c == code) else {
            problems.add("weights", "field.choice-invalid");
            continue;
        };
        match typed.trim().parse::<f64>() {
            Ok(v) if (0.0..=MAX_WEIGHT).contains(&v) => slot.1 = v,
            _ => problems.add(&format!("weight-{code}"), "scheduler.weight-invalid"),
        }
    }
    match time_limit.trim().parse::<u32>() {
        Ok(s) if (1..=MAX_TIME_S).contains(&s) => settings.time_limit_s = s,
        _ => problems.add("time_limit", "scheduler.time-invalid"),
    }
    problems.into_result()?;
    Ok(settings)
}

async fn latest(
    db: &impl ConnectionTrait,
    forum: Uuid,
) -> Result<Option<schedule_run::Model>, AppError> {
    Ok(schedule_run::Entity::find()
        .filter(schedule_run::Column::ForumId.eq(forum))
        .order_by_desc(schedule_run::Column::StartedAt)
        .one(db)
        .await?)
}

/// A draft's placements over the programme as it is now: sessions the run
/// knew go where it put them, others stay.
fn draft_of(p: &Programme, current: &Assignment, result: &RunResult) -> Assignment {
    let room_index: HashMap<Uuid, usize> =
        p.rooms.iter().enumerate().map(|(i, r)| (r.id, i)).collect();
    let slot_index: HashMap<Uuid, usize> =
        p.slots.iter().enumerate().map(|(i, s)| (s.id, i)).collect();
    let planned: HashMap<Uuid, Option<Placement>> = result
        .placements
        .iter()
        .map(|(s, r, t)| {
            let place = (|| {
                Some(Placement {
                    room: *room_index.get(&(*r)?)?,
                    slot: *slot_index.get(&(*t)?)?,
                })
            })();
            (*s, place)
        })
        .collect();
    Assignment {
        placements: p
            .sessions
            .iter()
            .enumerate()
            .map(|(i, s)| planned.get(&s.id).copied().unwrap_or(current.get(i)))
            .collect(),
    }
}

fn view_of(run: schedule_run::Model, p: &Programme, locale: Locale) -> RunView {
    let result: Option<RunResult> = serde_json::from_str(&run.result).ok();
    let settings: RunSettings =
        serde_json::from_str(&run.settings).unwrap_or_else(|_| default_settings());
    let (instance, current) = p.instance();
    let (mut explanations, mut goals, mut changes) = (vec![], vec![], 0);
    if let Some(r) = &result {
        let draft = draft_of(p, &current, r);
        changes = draft
            .placements
            .iter()
            .enumerate()
            .filter(|(i, d)| **d != current.get(*i))
            .count() as u32;
        let (hard, _) = conflicts_of(p, &instance, &draft, locale);
        explanations.extend(hard.into_iter().filter(|c| c.hard));
        let score = solver::soft_score(&instance, &draft, &weights_of(&settings));
        let names = people_names(p, &instance);
        explanations.extend(score.violations.iter().map(|v| {
            explain(
                p,
                &names,
                locale,
                Finding {
                    key: format!("solver.soft.{}", v.kind),
                    code: &v.kind,
                    hard: false,
                    sessions: &v.sessions,
                    people: &v.people,
                    rooms: &v.rooms,
                    slots: &v.slots,
                    params: &v.params,
                },
            )
        }));
        explanations.truncate(EXPLAINED);
        goals = score
            .goals
            .iter()
            .map(|g| GoalLine {
                code: g.goal.code().to_string(),
                amount: g.amount,
                weight: g.weight,
                weighted: g.weighted,
            })
            .collect();
    }
    RunView {
        id: run.id,
        mode: run.mode,
        status: run.status,
        progress: run.progress,
        hard_violations: run.hard_violations,
        score: run.score,
        started_at: run.started_at.to_rfc3339(),
        accepted: run.accepted_at.is_some(),
        result,
        goals,
        explanations,
        changes,
    }
}

/// The scheduler's page: the settings of the last run (or the defaults) and
/// that run with its draft explained.
pub async fn load(ctx: &RequestCtx, code: &str) -> Result<Scheduler, AppError> {
    ctx.require_organiser(code)?;
    let f = by_code(ctx, code).await?;
    let db = ctx.db();
    let p = Programme::load(db, f.clone()).await?;
    let run = latest(db, f.id).await?;
    let settings = run
        .as_ref()
        .and_then(|r| serde_json::from_str(&r.settings).ok())
        .unwrap_or_else(default_settings);
    Ok(Scheduler {
        forum_code: f.code.clone(),
        forum_name: f.name.clone(),
        settings,
        sessions: (p.sessions.len() + p.ceremonies.len()) as u32,
        pinned: (p.sessions.iter().filter(|s| s.pinned).count() + p.ceremonies.len()) as u32,
        days: p
            .days
            .iter()
            .map(|d| {
                (
                    d.day.to_string(),
                    crate::venue::rooms::day_number(&f, d.day),
                )
            })
            .collect(),
        latest: run.map(|r| view_of(r, &p, ctx.locale)),
    })
}

/// Starts a run in the background with the weights and time limit typed;
/// refused while another runs.
pub async fn start(
    ctx: &RequestCtx,
    code: &str,
    mode: &str,
    weights: &[(String, String)],
    time_limit: &str,
) -> Result<Uuid, AppError> {
    let me = ctx.require_organiser(code)?.user_id();
    if mode != FRESH && mode != REPLAN {
        return Err(AppError::field("mode", "field.choice-invalid"));
    }
    let settings = settings_from_form(weights, time_limit)?;
    let f = by_code(ctx, code).await?;
    let db = ctx.db().clone();
    let p = Programme::load(&db, f.clone()).await?;
    if p.sessions.is_empty() || p.slots.is_empty() || p.rooms.is_empty() {
        return Err(AppError::form("scheduler.nothing-to-schedule"));
    }
    let txn = begin_write(&db).await?;
    if latest(&txn, f.id)
        .await?
        .is_some_and(|r| r.status == RUNNING)
    {
        return Err(AppError::form("scheduler.already-running"));
    }
    let id = Uuid::new_v4();
    schedule_run::ActiveModel {
        id: Set(id),
        forum_id: Set(f.id),
        started_by: Set(Some(me)),
        started_at: Set(now()),
        finished_at: Set(None),
        mode: Set(mode.to_string()),
        status: Set(RUNNING.into()),
        progress: Set(0),
        hard_violations: Set(None),
        score: Set(None),
        settings: Set(serde_json::to_string(&settings).unwrap_or_default()),
        result: Set(String::new()),
        accepted_at: Set(None),
    }
    .insert(&txn)
    .await?;
    audit::record(
        &txn,
        Some(me),
        "scheduler.started",
        &f.code,
        mode,
        &ctx.client_addr,
    )
    .await?;
    txn.commit().await?;

    let (instance, current) = p.instance();
    let previous = if mode == REPLAN {
        let published = super::release::published_places(&db, f.id).await?;
        Some(in_use(&p, current, &published))
    } else {
        None
    };
    let options = solver::Options {
        weights: weights_of(&settings),
        time_limit_ms: u64::from(settings.time_limit_s) * 1000,
        previous,
        ..Default::default()
    };
    let ids = Ids {
        sessions: p.sessions.iter().map(|s| s.id).collect(),
        rooms: p.rooms.iter().map(|r| r.id).collect(),
        slots: p.slots.iter().map(|s| s.id).collect(),
    };
    let stop = Arc::new(AtomicBool::new(false));
    STOPS
        .lock()
        .map_err(|_| AppError::Internal)?
        .insert(id, stop.clone());
    tokio::spawn(execute(db, id, instance, options, ids, stop));
    Ok(id)
}

/// The programme a re-plan keeps as much of as it can: where the latest
/// release put each session it published (the places participants know),
/// else where the draft has it.
fn in_use(
    p: &Programme,
    mut draft: solver::Assignment,
    published: &HashMap<Uuid, (Uuid, Uuid)>,
) -> solver::Assignment {
    let room_at: HashMap<Uuid, usize> =
        p.rooms.iter().enumerate().map(|(i, r)| (r.id, i)).collect();
    let slot_at: HashMap<Uuid, usize> =
        p.slots.iter().enumerate().map(|(i, s)| (s.id, i)).collect();
    for (i, s) in p.sessions.iter().enumerate() {
        let place = published
            .get(&s.id)
            .and_then(|(room, slot)| Some((room_at.get(room)?, slot_at.get(slot)?)));
        if let (Some((&room, &slot)), Some(x)) = (place, draft.placements.get_mut(i)) {
            *x = Some(solver::Placement { room, slot });
        }
    }
    draft
}

/// Ids behind the solver's positions.
struct Ids {
    sessions: Vec<Uuid>,
    rooms: Vec<Uuid>,
    slots: Vec<Uuid>,
}

async fn execute(
    db: DatabaseConnection,
    id: Uuid,
    instance: solver::Instance,
    options: solver::Options,
    ids: Ids,
    stop: Arc<AtomicBool>,
) {
    let (tx, mut rx) = tokio::sync::watch::channel((0i32, None::<i32>, None::<f64>));
    let flag = stop.clone();
    let solving = tokio::task::spawn_blocking(move || {
        solver::solve(&instance, &options, &mut |pr| {
            let _ = tx.send((
                (pr.fraction * 100.0).round() as i32,
                Some(pr.hard_violations as i32),
                Some(pr.soft_score),
            ));
            !flag.load(Ordering::Relaxed)
        })
    });
    // Progress into the run's row, at most a few times a second.
    let progress_db = db.clone();
    let reporter = tokio::spawn(async move {
        while rx.changed().await.is_ok() {
            let (pct, hard, score) = *rx.borrow_and_update();
            let _ = schedule_run::Entity::update_many()
                .col_expr(schedule_run::Column::Progress, Expr::value(pct))
                .col_expr(schedule_run::Column::HardViolations, Expr::value(hard))
                .col_expr(schedule_run::Column::Score, Expr::value(score))
                .filter(schedule_run::Column::Id.eq(id))
                .filter(schedule_run::Column::Status.eq(RUNNING))
                .exec(&progress_db)
                .await;
            tokio::time::sleep(Duration::from_millis(250)).await;
        }
    });
    let outcome = solving.await;
    let _ = reporter.await;
    if let Ok(mut stops) = STOPS.lock() {
        stops.remove(&id);
    }
    let (status, result) = match outcome {
        Ok(o) => {
            let status = match &o.status {
                solver::Status::Infeasible { .. } => "infeasible",
                solver::Status::Invalid { .. } => "failed",
                _ if stop.load(Ordering::Relaxed) => "stopped",
                _ => "done",
            };
            let reasons = match &o.status {
                solver::Status::Infeasible { reasons } => reasons
                    .iter()
                    .map(|r| {
                        (
                            r.code.clone(),
                            r.sessions
                                .iter()
                                .filter_map(|&s| ids.sessions.get(s).copied())
                                .collect(),
                        )
                    })
                    .collect(),
                _ => vec![],
            };
            let result = RunResult {
                placements: o
                    .assignment
                    .placements
                    .iter()
                    .enumerate()
                    .filter_map(|(s, place)| {
                        let session = *ids.sessions.get(s)?;
                        Some(match place {
                            Some(pl) => (
                                session,
                                ids.rooms.get(pl.room).copied(),
                                ids.slots.get(pl.slot).copied(),
                            ),
                            None => (session, None, None),
                        })
                    })
                    .collect(),
                hard_violations: o.hard_violations as u32,
                score: o.score.total,
                total_overflow: o.score.total_overflow,
                worst_overflow: o.score.worst_overflow,
                moved: o.moved.map(|m| m as u32),
                first_feasible_ms: o.first_feasible_ms,
                total_ms: o.total_ms,
                reasons,
            };
            (status, Some(result))
        }
        Err(e) => {
            tracing::error!(error = %e, "scheduler run failed");
            ("failed", None)
        }
    };
    let hard = result.as_ref().map(|r| r.hard_violations as i32);
    let score = result.as_ref().map(|r| r.score);
    let done = schedule_run::Entity::update_many()
        .col_expr(schedule_run::Column::Status, Expr::value(status))
        .col_expr(schedule_run::Column::Progress, Expr::value(100))
        .col_expr(schedule_run::Column::HardViolations, Expr::value(hard))
        .col_expr(schedule_run::Column::Score, Expr::value(score))
        .col_expr(
            schedule_run::Column::Result,
            Expr::value(
                result
                    .map(|r| serde_json::to_string(&r).unwrap_or_default())
                    .unwrap_or_default(),
            ),
        )
        .col_expr(schedule_run::Column::FinishedAt, Expr::value(Some(now())))
        .filter(schedule_run::Column::Id.eq(id))
        .exec(&db)
        .await;
    if let Err(e) = done {
        tracing::error!(error = %e, "recording a scheduler run");
    }
}

/// Asks the running run to stop; it keeps the best draft found so far.
pub async fn stop(ctx: &RequestCtx, code: &str, run: Uuid) -> Result<(), AppError> {
    let me = ctx.require_organiser(code)?.user_id();
    let f = by_code(ctx, code).await?;
    let r = schedule_run::Entity::find_by_id(run)
        .filter(schedule_run::Column::ForumId.eq(f.id))
        .one(ctx.db())
        .await?
        .ok_or(AppError::NotFound)?;
    if r.status != RUNNING {
        return Err(AppError::form("scheduler.not-running"));
    }
    let flag = STOPS
        .lock()
        .map_err(|_| AppError::Internal)?
        .get(&run)
        .cloned();
    match flag {
        Some(flag) => flag.store(true, Ordering::Relaxed),
        None => {
            // Not running in this process any more (a restart): close it.
            schedule_run::Entity::update_many()
                .col_expr(schedule_run::Column::Status, Expr::value("stopped"))
                .col_expr(schedule_run::Column::FinishedAt, Expr::value(Some(now())))
                .filter(schedule_run::Column::Id.eq(run))
                .exec(ctx.db())
                .await?;
        }
    }
    audit::record(
        ctx.db(),
        Some(me),
        "scheduler.stopped",
        &f.code,
        "",
        &ctx.client_addr,
    )
    .await?;
    Ok(())
}

/// A place taken meanwhile (the unique place index) means the draft is stale.
fn stale_or(e: DbErr) -> AppError {
    if is_unique_violation(&e) {
        AppError::form("scheduler.draft-stale")
    } else {
        e.into()
    }
}

/// Applies a run's draft to the programme: all of it, or the sessions it
/// puts on one day. Pinned sessions stay. Refused whole if the programme
/// changed so that a place it gives is taken. Returns how many moved.
pub async fn accept(
    ctx: &RequestCtx,
    code: &str,
    run: Uuid,
    day: Option<&str>,
) -> Result<u32, AppError> {
    let me = ctx.require_organiser(code)?.user_id();
    let f = by_code(ctx, code).await?;
    let txn = begin_write(ctx.db()).await?;
    let r = schedule_run::Entity::find_by_id(run)
        .filter(schedule_run::Column::ForumId.eq(f.id))
        .one(&txn)
        .await?
        .ok_or(AppError::NotFound)?;
    let result: RunResult = match (r.status.as_str(), r.accepted_at) {
        ("done" | "stopped", None) => serde_json::from_str(&r.result)
            .map_err(|_| AppError::form("scheduler.nothing-to-accept"))?,
        _ => return Err(AppError::form("scheduler.nothing-to-accept")),
    };
    let on_day: Option<Vec<Uuid>> = match day.map(str::trim).filter(|d| !d.is_empty()) {
        None => None,
        Some(d) => {
            let date = crate::forums::rules::date(d).map_err(|m| AppError::field("day", m))?;
            let day_row = crate::db::programme_day::Entity::find()
                .filter(crate::db::programme_day::Column::ForumId.eq(f.id))
                .filter(crate::db::programme_day::Column::Day.eq(date))
                .one(&txn)
                .await?
                .ok_or_else(|| AppError::field("day", "field.choice-invalid"))?;
            Some(
                time_slot::Entity::find()
                    .filter(time_slot::Column::DayId.eq(day_row.id))
                    .all(&txn)
                    .await?
                    .into_iter()
                    .map(|s| s.id)
                    .collect(),
            )
        }
    };
    let sessions: HashMap<Uuid, programme_session::Model> = programme_session::Entity::find()
        .filter(programme_session::Column::ForumId.eq(f.id))
        .filter(programme_session::Column::Status.eq(ACTIVE))
        .all(&txn)
        .await?
        .into_iter()
        .map(|s| (s.id, s))
        .collect();
    let changes: Vec<(&programme_session::Model, Option<Uuid>, Option<Uuid>)> = result
        .placements
        .iter()
        .filter_map(|(id, room, slot)| {
            let s = sessions.get(id)?;
            let wanted = on_day
                .as_ref()
                .is_none_or(|slots| slot.is_some_and(|t| slots.contains(&t)));
            (wanted && !s.pinned && (s.room_id, s.slot_id) != (*room, *slot))
                .then_some((s, *room, *slot))
        })
        .collect();
    // Out of their places first, so sessions can swap.
    programme_session::Entity::update_many()
        .col_expr(
            programme_session::Column::RoomId,
            Expr::value(Option::<Uuid>::None),
        )
        .col_expr(
            programme_session::Column::SlotId,
            Expr::value(Option::<Uuid>::None),
        )
        .filter(programme_session::Column::Id.is_in(changes.iter().map(|(s, _, _)| s.id)))
        .exec(&txn)
        .await?;
    let at = now();
    for (s, room, slot) in &changes {
        let placed = programme_session::Entity::update_many()
            .col_expr(programme_session::Column::RoomId, Expr::value(*room))
            .col_expr(programme_session::Column::SlotId, Expr::value(*slot))
            .col_expr(
                programme_session::Column::Version,
                Expr::col(programme_session::Column::Version).add(1),
            )
            .col_expr(programme_session::Column::UpdatedAt, Expr::value(at))
            .filter(programme_session::Column::Id.eq(s.id))
            .exec(&txn)
            .await;
        if let Err(e) = placed {
            return Err(stale_or(e));
        }
        record_move(&txn, s, (*room, *slot), Some(me)).await?;
    }
    if on_day.is_none() {
        schedule_run::Entity::update_many()
            .col_expr(schedule_run::Column::AcceptedAt, Expr::value(Some(at)))
            .filter(schedule_run::Column::Id.eq(r.id))
            .exec(&txn)
            .await?;
    }
    audit::record(
        &txn,
        Some(me),
        "scheduler.accepted",
        &f.code,
        &format!(
            "{} sessions{}",
            changes.len(),
            day.map(|d| format!(" on {d}")).unwrap_or_default()
        ),
        &ctx.client_addr,
    )
    .await?;
    txn.commit().await.map_err(stale_or)?;
    Ok(changes.len() as u32)
}
