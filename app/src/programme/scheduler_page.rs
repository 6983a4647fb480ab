//! The automatic scheduler's page (organisers): start a run — fresh around
//! the pinned sessions, or a re-plan that moves as few as it can — with the
//! goals' weights and a time limit; follow its progress (the page refreshes
//! itself with JavaScript; without, a link does), stop it; read the draft's
//! score and every remaining problem and soft violation in words; accept it
//! whole or one day at a time.

use super::schedule_pages::{conflict_item, day_name};
use super::{RunView, Scheduler as Page};
use crate::error::AppError;
use crate::forums::pages::forum_code;
use crate::i18n::{t, t_with};
use crate::ui::forms::{failed_row_field, Choice, Field, Hidden, PostForm, ScopedInput, Submit};
use crate::ui::layout::{loaded, ColumnHeads, Notice};
use leptos::prelude::*;
use leptos_meta::Title;
use uuid::Uuid;
#[cfg(feature = "ssr")]
use {super::scheduler, crate::context::RequestCtx, crate::web::go_to};

const START: &str = "/api/programme/solve";

#[cfg(feature = "ssr")]
fn page(forum: &str, notice: &str) -> String {
    format!("/forums/{forum}/programme/scheduler?notice={notice}")
}

#[server(name = LoadScheduler, prefix = "/api", endpoint = "programme/scheduler")]
pub async fn load_scheduler(forum: String) -> Result<Page, AppError> {
    scheduler::load(&RequestCtx::current()?, &forum).await
}

/// Starts a run: `goal[]` and `weight[]` are parallel lists.
#[server(prefix = "/api", endpoint = "programme/solve")]
pub async fn start_run(
    forum: String,
    mode: String,
    time_limit: String,
    goal: Option<Vec<String>>,
    weight: Option<Vec<String>>,
) -> Result<(), AppError> {
    let pairs: Vec<(String, String)> = goal
        .unwrap_or_default()
        .into_iter()
        .zip(weight.unwrap_or_default())
        .collect();
    scheduler::start(&RequestCtx::current()?, &forum, &mode, &pairs, &time_limit).await?;
    go_to(&page(&forum, "run-started"));
    Ok(())
}

#[server(prefix = "/api", endpoint = "programme/stop-run")]
pub async fn stop_run(forum: String, run: Uuid) -> Result<(), AppError> {
    scheduler::stop(&RequestCtx::current()?, &forum, run).await?;
    go_to(&page(&forum, "run-stopping"));
    Ok(())
}

/// Accepts a run's draft, whole or (with `day`) for one day.
#[server(prefix = "/api", endpoint = "programme/accept-run")]
pub async fn accept_run(forum: String, run: Uuid, day: Option<String>) -> Result<(), AppError> {
    scheduler::accept(&RequestCtx::current()?, &forum, run, day.as_deref()).await?;
    go_to(&page(&forum, "draft-accepted"));
    Ok(())
}

fn figure(value: Option<f64>) -> String {
    value
        .map(|v| format!("{v:.1}"))
        .unwrap_or_else(|| "–".into())
}

/// The latest run: its state, and its draft once there is one.
fn run_section(forum: String, run: RunView, days: Vec<(String, Option<u32>)>) -> impl IntoView {
    let run_id = run.id.to_string();
    let running = run.status == "running";
    let status = t(&format!("scheduler.status.{}", run.status));
    let mode = t(&format!("scheduler.mode.{}", run.mode));
    let (forum_stop, run_stop) = (forum.clone(), run_id.clone());
    let refresh = format!("/forums/{forum}/programme/scheduler");
    let stop = running.then(move || {
        view! {
            <PostForm action="/api/programme/stop-run" class="inline">
                <Hidden name="forum" value=forum_stop />
                <Hidden name="run" value=run_stop />
                <button type="submit">{t("scheduler.stop")}</button>
            </PostForm>
            " " <a href=refresh>{t("scheduler.refresh")}</a>
        }
    });
    let result = run.result.clone();
    let figures = result.as_ref().map(|r| {
        view! {
            <dl class="figures">
                <dt>{t("scheduler.hard")}</dt><dd>{r.hard_violations}</dd>
                <dt>{t("scheduler.score")}</dt><dd>{format!("{:.1}", r.score)}</dd>
                <dt>{t("scheduler.overflow")}</dt><dd>{t_with("scheduler.overflow-figures", &[("total", &r.total_overflow.to_string()), ("worst", &r.worst_overflow.to_string())])}</dd>
                <dt>{t("scheduler.changes")}</dt><dd>{run.changes}</dd>
                {r.moved.map(|m| view! { <dt>{t("scheduler.moved")}</dt><dd>{m}</dd> })}
                <dt>{t("scheduler.first-feasible")}</dt><dd>{r.first_feasible_ms.map(|ms| format!("{ms} ms")).unwrap_or_else(|| "–".into())}</dd>
                <dt>{t("scheduler.total-time")}</dt><dd>{format!("{} ms", r.total_ms)}</dd>
            </dl>
        }
    });
    let goals = (!run.goals.is_empty()).then(|| {
        let rows = run
            .goals
            .iter()
            .map(|g| {
                view! {
                    <tr>
                        <th scope="row">{t(&format!("solver.goal.{}", g.code))}</th>
                        <td>{g.amount}</td>
                        <td>{format!("{}", g.weight)}</td>
                        <td>{format!("{:.1}", g.weighted)}</td>
                    </tr>
                }
            })
            .collect_view();
        view! {
            <div class="table-scroll">
                <table>
                    <caption>{t("scheduler.goals")}</caption>
                    <ColumnHeads labels=vec![t("scheduler.goal"), t("scheduler.amount"), t("scheduler.weight"), t("scheduler.weighted")] />
                    <tbody>{rows}</tbody>
                </table>
            </div>
        }
    });
    let reasons = result.as_ref().filter(|r| !r.reasons.is_empty()).map(|r| {
        let items = r
            .reasons
            .iter()
            .map(|(code, _)| view! { <li>{t(&format!("solver.infeasible.{code}"))}</li> })
            .collect_view();
        view! { <h3>{t("scheduler.infeasible")}</h3><ul>{items}</ul> }
    });
    let explanations = (!run.explanations.is_empty()).then(|| {
        let items = run
            .explanations
            .iter()
            .map(|c| conflict_item(&forum, c))
            .collect_view();
        view! { <h3>{t("scheduler.explanations")}</h3><ul class="conflicts">{items}</ul> }
    });
    let acceptable = !running
        && !run.accepted
        && result.is_some()
        && (run.status == "done" || run.status == "stopped");
    let (forum_accept, run_accept) = (forum.clone(), run_id.clone());
    let accept = acceptable.then(move || {
        let by_day = days
            .into_iter()
            .map(|(date, n)| {
                let label = t_with("scheduler.accept-day", &[("day", &day_name(&date, n))]);
                let (forum, run) = (forum_accept.clone(), run_accept.clone());
                view! {
                    <PostForm action="/api/programme/accept-run" class="inline" row=("day", vec![date.clone()])>
                        <Hidden name="forum" value=forum />
                        <Hidden name="run" value=run />
                        <Hidden name="day" value=date.clone() />
                        <button type="submit">{label}</button>
                    </PostForm>
                }
            })
            .collect_view();
        view! {
            <h3>{t("scheduler.accept-heading")}</h3>
            <PostForm action="/api/programme/accept-run" class="inline" row=("day", vec![String::new()])>
                <Hidden name="forum" value=forum_accept.clone() />
                <Hidden name="run" value=run_accept.clone() />
                <Hidden name="day" value="" />
                <button type="submit" class="primary">{t("scheduler.accept-all")}</button>
            </PostForm>
            <div class="day-accepts">{by_day}</div>
        }
    });
    view! {
        <section aria-labelledby="run-heading">
            <h2 id="run-heading">{t("scheduler.latest")}</h2>
            <p>{t_with("scheduler.run-line", &[("mode", &mode), ("status", &status)])}
               {run.accepted.then(|| view! { " " <strong>{t("scheduler.accepted")}</strong> })}</p>
            <p>
                <label for="run-progress">{t("scheduler.progress")}</label> " "
                <progress id="run-progress" max="100" value=run.progress.to_string()>{format!("{}%", run.progress)}</progress>
                " " {format!("{}%", run.progress)}
                " · " {t("scheduler.hard")} ": " {run.hard_violations.map(|h| h.to_string()).unwrap_or_else(|| "–".into())}
                " · " {t("scheduler.score")} ": " {figure(run.score)}
            </p>
            {stop}
            {figures}
            {reasons}
            {goals}
            {explanations}
            {accept}
        </section>
    }
}

#[component]
pub fn SchedulerPage() -> impl IntoView {
    let code = forum_code();
    let tick = RwSignal::new(0u32);
    let data = Resource::new_blocking(
        move || (code.clone(), tick.get()),
        |(forum, _)| load_scheduler(forum),
    );
    // With JavaScript, the page follows a run in progress by itself.
    #[cfg(feature = "hydrate")]
    Effect::new(move |_| {
        if let Some(Ok(s)) = data.get() {
            if s.latest.as_ref().is_some_and(|r| r.status == "running") {
                set_timeout(
                    move || tick.update(|t| *t += 1),
                    std::time::Duration::from_secs(1),
                );
            }
        }
    });
    loaded(data, |s: Page| {
        let forum = s.forum_code.clone();
        let modes = vec![
            ("fresh".to_string(), t("scheduler.mode.fresh")),
            ("replan".to_string(), t("scheduler.mode.replan")),
        ];
        let weights = s
            .settings
            .weights
            .iter()
            .map(|(code, w)| {
                let error = failed_row_field(START, "forum", &s.forum_code, &format!("weight-{code}"));
                view! {
                    <Hidden name="goal[]" value=code.clone() />
                    <ScopedInput id=format!("weight-{code}") name="weight[]" label=t(&format!("solver.goal.{code}")) kind="number" value=format!("{w}") error />
                }
            })
            .collect_view();
        let latest = s
            .latest
            .clone()
            .map(|r| run_section(forum.clone(), r, s.days.clone()));
        view! {
            <Title text=format!("{} — {}", t("scheduler.title"), s.forum_name) />
            <h1>{t("scheduler.title")} ": " <a href=format!("/forums/{}", s.forum_code)>{s.forum_name.clone()}</a></h1>
            <Notice />
            <p>{t("scheduler.intro")}</p>
            <p>
                {t_with("scheduler.counts", &[("sessions", &s.sessions.to_string()), ("pinned", &s.pinned.to_string())])}
                " " <a href=format!("/forums/{}/programme/schedule", s.forum_code)>{t("programme.schedule")}</a>
            </p>
            {latest}
            <section aria-labelledby="start-heading">
                <h2 id="start-heading">{t("scheduler.start-heading")}</h2>
                <PostForm action=START class="stack">
                    <Hidden name="forum" value=s.forum_code.clone() />
                    <Choice name="mode" label=t("scheduler.mode") options=modes value="fresh" />
                    <Field name="time_limit" label=t("scheduler.time-limit") kind="number" value=s.settings.time_limit_s.to_string() />
                    <fieldset class="stack">
                        <legend>{t("scheduler.weights")}</legend>
                        <p class="hint">{t("scheduler.weights-hint")}</p>
                        {weights}
                    </fieldset>
                    <Submit label=t("scheduler.start") />
                </PostForm>
            </section>
        }
    })
}
