//! The schedule editor's pages (organisers): a day of the draft programme as
//! a grid of rooms and times with the sessions placed, the sessions not yet
//! placed, every conflict of the programme in words, the latest changes with
//! undo, and the editor's limits; and each session's "move to…" page (a plain
//! form: the editor works without JavaScript).

use super::pages::place_text;
use super::{ConflictView, GridSession, MovePlan, Schedule};
use crate::forums::pages::forum_code;
use crate::i18n::{t, t_with};
use crate::ui::forms::{failed_row, Field, Hidden, PostForm, Submit};
use crate::ui::layout::{loaded, Notice};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};
use uuid::Uuid;

/// "Day 1 (2027-06-22)" in the page's language.
pub fn day_name(date: &str, number: Option<u32>) -> String {
    crate::venue::day_label(crate::i18n::use_locale(), date, number)
}

/// A conflict in words, its sessions linked to their "move to…" pages.
pub fn conflict_item(forum: &str, c: &ConflictView) -> impl IntoView {
    let mut args: Vec<(String, String)> = vec![
        (
            "sessions".into(),
            c.sessions
                .iter()
                .map(|(_, code)| code.clone())
                .collect::<Vec<_>>()
                .join(", "),
        ),
        ("people".into(), c.people.join(", ")),
        ("rooms".into(), c.rooms.join(", ")),
        ("slots".into(), c.slots.join(", ")),
    ];
    args.extend(c.params.iter().cloned());
    let pairs: Vec<(&str, &str)> = args.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    let text = t_with(&c.key, &pairs);
    let kind = if c.hard {
        t("programme.problem")
    } else {
        t("programme.warning")
    };
    let links = c
        .sessions
        .iter()
        .map(|(id, code)| {
            let href = format!("/forums/{forum}/programme/schedule/sessions/{id}");
            let label = t_with("programme.move-named", &[("code", code)]);
            view! { " " <a href=href aria-label=label>{code.clone()}</a> }
        })
        .collect_view();
    view! {
        <li class=if c.hard { "conflict hard" } else { "conflict warning" }>
            <strong>{kind} ": "</strong>{text}{links}
        </li>
    }
}

/// A session in a grid cell or the unplaced list.
fn session_card(forum: &str, s: &GridSession) -> impl IntoView {
    let href = format!("/forums/{forum}/programme/schedule/sessions/{}", s.id);
    let label = t_with("programme.move-named", &[("code", &s.code)]);
    let problems = (s.hard > 0).then(|| {
        view! { <span class="badge hard">{t_with("programme.problems-n", &[("n", &s.hard.to_string())])}</span> }
    });
    let warnings = (s.warnings > 0).then(|| {
        view! { <span class="badge warning">{t_with("programme.warnings-n", &[("n", &s.warnings.to_string())])}</span> }
    });
    let pinned = s
        .pinned
        .then(|| view! { <span class="badge">{t("programme.pinned")}</span> });
    let has_problem = s.hard > 0;
    // With JavaScript, a card can be dragged onto a cell of the grid.
    let carried = format!("{}:{}", s.id, s.version);
    view! {
        <div
            class="session-card"
            class:has-problem=has_problem
            draggable="true"
            on:dragstart=move |ev: leptos::ev::DragEvent| {
                if let Some(data) = ev.data_transfer() {
                    let _ = data.set_data("text/plain", &carried);
                }
            }
        >
            <a href=href aria-label=label><strong>{s.code.clone()}</strong></a>
            " " <span>{s.title.clone()}</span>
            " " {problems} {warnings} {pinned}
        </div>
    }
}

/// A card dropped on a cell: the same move as the "move to…" form, then the
/// day shown again (with the refusal's message if it was refused).
fn drop_on(forum: String, day: String, room: Uuid, slot: Uuid, carried: String) {
    let Some((id, version)) = carried
        .split_once(':')
        .and_then(|(i, v)| Some((i.parse::<Uuid>().ok()?, v.parse::<i32>().ok()?)))
    else {
        return;
    };
    #[cfg(feature = "hydrate")]
    leptos::task::spawn_local(async move {
        let moved = super::api::move_session(
            forum.clone(),
            id,
            version,
            room.to_string(),
            slot.to_string(),
            Some(day.clone()),
        )
        .await;
        let notice = if moved.is_ok() {
            "session-moved"
        } else {
            "move-refused"
        };
        if let Some(w) = web_sys::window() {
            let _ = w.location().set_href(&format!(
                "/forums/{forum}/programme/schedule?day={day}&notice={notice}"
            ));
        }
    });
    #[cfg(not(feature = "hydrate"))]
    let _ = (forum, day, room, slot, id, version);
}

#[component]
pub fn SchedulePage() -> impl IntoView {
    let code = forum_code();
    let query = use_query_map();
    let editor = Resource::new_blocking(
        move || (code.clone(), query.read().get("day")),
        |(forum, day)| super::api::schedule_editor(forum, day),
    );
    loaded(editor, |e: Schedule| {
        let forum = e.forum_code.clone();
        let day = e.day.clone().unwrap_or_default();
        let days = e
            .days
            .iter()
            .map(|(date, n)| {
                let current = Some(date) == e.day.as_ref();
                let href = format!("/forums/{forum}/programme/schedule?day={date}");
                view! {
                    <li><a href=href aria-current=current.then_some("page")>{day_name(date, *n)}</a></li>
                }
            })
            .collect_view();
        let day_label = e
            .days
            .iter()
            .find(|(d, _)| Some(d) == e.day.as_ref())
            .map(|(d, n)| day_name(d, *n))
            .unwrap_or_default();
        let room_heads = e
            .rooms
            .iter()
            .map(|r| {
                let size = if r.online_only { t("room.online") } else { r.capacity.to_string() };
                view! { <th scope="col">{r.name.clone()} <span class="hint">" (" {size} ")"</span></th> }
            })
            .collect_view();
        let columns = e.rooms.len() + 1;
        let rows = e
            .slots
            .iter()
            .map(|slot| {
                let times = format!("{}–{}", slot.start, slot.end);
                if slot.is_break {
                    return view! {
                        <tr class="break">
                            <th scope="row">{times}</th>
                            <td colspan=columns - 1>{if slot.label.is_empty() { t("grid.kind.break") } else { slot.label.clone() }}</td>
                        </tr>
                    }
                    .into_any();
                }
                let note = match (slot.blocked, slot.label.is_empty()) {
                    (true, true) => Some(t("grid.blocked")),
                    (true, false) => Some(format!("{} — {}", slot.label, t("grid.blocked"))),
                    (false, false) => Some(slot.label.clone()),
                    (false, true) => None,
                };
                let cells = e
                    .rooms
                    .iter()
                    .map(|r| {
                        let here: Vec<&GridSession> = e
                            .placed
                            .iter()
                            .filter(|s| s.room == Some(r.id) && s.slot == Some(slot.id))
                            .collect();
                        let cards = here.iter().map(|s| session_card(&forum, s)).collect_view();
                        let (forum, day, room, slot) = (forum.clone(), day.clone(), r.id, slot.id);
                        view! {
                            <td
                                on:dragover=|ev: leptos::ev::DragEvent| ev.prevent_default()
                                on:drop=move |ev: leptos::ev::DragEvent| {
                                    ev.prevent_default();
                                    let carried = ev.data_transfer().and_then(|d| d.get_data("text/plain").ok());
                                    if let Some(carried) = carried {
                                        drop_on(forum.clone(), day.clone(), room, slot, carried);
                                    }
                                }
                            >{cards}</td>
                        }
                    })
                    .collect_view();
                view! {
                    <tr>
                        <th scope="row">{times}{note.map(|n| view! { <br /><span class="hint">{n}</span> })}</th>
                        {cells}
                    </tr>
                }
                .into_any()
            })
            .collect_view();
        let unplaced = e
            .unplaced
            .iter()
            .map(|s| view! { <li>{session_card(&forum, s)}</li> })
            .collect_view();
        let hard = e.conflicts.iter().filter(|c| c.hard).count();
        let warnings = e.conflicts.len() - hard;
        let conflicts = e
            .conflicts
            .iter()
            .map(|c| conflict_item(&forum, c))
            .collect_view();
        let recent = e
            .recent
            .iter()
            .map(|c| {
                let from = c.from.clone().unwrap_or_else(|| t("programme.unplaced"));
                let to = c.to.clone().unwrap_or_else(|| t("programme.unplaced"));
                let text = t_with("programme.change", &[("code", &c.session), ("from", &from), ("to", &to)]);
                view! { <li class:undone=c.undone>{text}{c.undone.then(|| view! { " " <em>{t("programme.undone")}</em> })}</li> }
            })
            .collect_view();
        let can_undo = e.recent.iter().any(|c| !c.undone);
        let (forum_undo, forum_limits, day_undo, day_limits) =
            (forum.clone(), forum.clone(), day.clone(), day.clone());
        view! {
            <Title text=format!("{} — {}", t("programme.schedule"), e.forum_name) />
            <h1>{t("programme.schedule")} ": " <a href=format!("/forums/{}", e.forum_code)>{e.forum_name.clone()}</a></h1>
            <Notice />
            <p>{t_with("programme.schedule-intro", &[("zone", &e.time_zone)])}</p>
            <p>
                <a href=format!("/forums/{}/programme/sessions", e.forum_code)>{t("programme.sessions")}</a>
                " · "
                <a href=format!("/forums/{}/programme/scheduler", e.forum_code)>{t("scheduler.title")}</a>
                " · "
                <a href=format!("/forums/{}/venue", e.forum_code)>{t("venue.title")}</a>
            </p>
            <section aria-labelledby="conflicts-heading">
                <h2 id="conflicts-heading">{t_with("programme.conflicts-n", &[("hard", &hard.to_string()), ("warnings", &warnings.to_string())])}</h2>
                {if e.conflicts.is_empty() {
                    view! { <p>{t("programme.no-conflicts")}</p> }.into_any()
                } else {
                    view! { <ul class="conflicts">{conflicts}</ul> }.into_any()
                }}
            </section>
            {if e.days.is_empty() {
                view! { <p>{t("programme.no-grid")}</p> }.into_any()
            } else {
                view! {
                    <nav aria-label=t("programme.days")><ul class="day-tabs">{days}</ul></nav>
                    <div class="table-scroll">
                        <table class="schedule-grid">
                            <caption>{day_label}</caption>
                            <thead><tr><th scope="col">{t("grid.time")}</th>{room_heads}</tr></thead>
                            <tbody>{rows}</tbody>
                        </table>
                    </div>
                }.into_any()
            }}
            <section aria-labelledby="unplaced-heading">
                <h2 id="unplaced-heading">{t_with("programme.unplaced-n", &[("n", &e.unplaced.len().to_string())])}</h2>
                <ul class="unplaced">{unplaced}</ul>
            </section>
            <section aria-labelledby="changes-heading">
                <h2 id="changes-heading">{t("programme.changes")}</h2>
                {if e.recent.is_empty() {
                    view! { <p>{t("programme.no-changes")}</p> }.into_any()
                } else {
                    view! { <ol class="changes">{recent}</ol> }.into_any()
                }}
                {can_undo.then(|| view! {
                    <PostForm action="/api/programme/undo" class="inline">
                        <Hidden name="forum" value=forum_undo />
                        <Hidden name="day" value=day_undo />
                        <button type="submit">{t("programme.undo")}</button>
                    </PostForm>
                })}
            </section>
            <section aria-labelledby="limits-heading">
                <h2 id="limits-heading">{t("programme.limits")}</h2>
                <PostForm action="/api/programme/limits" class="stack">
                    <Hidden name="forum" value=forum_limits />
                    <Hidden name="day" value=day_limits />
                    <Field name="max_parallel_same_theme" label=t("programme.max-parallel") kind="number"
                        value=e.max_parallel_same_theme.to_string() hint=t("programme.limit-hint") />
                    <Field name="max_sessions_per_person_day" label=t("programme.max-per-day") kind="number"
                        value=e.max_sessions_per_person_day.to_string() hint=t("programme.limit-hint") />
                    <Submit label=t("programme.save-limits") />
                </PostForm>
            </section>
        }
    })
}

/// A session's "move to…" page.
#[component]
pub fn MovePage() -> impl IntoView {
    let code = forum_code();
    let id: Option<Uuid> = use_params_map()
        .read_untracked()
        .get("session")
        .and_then(|s| s.parse().ok());
    let plan = Resource::new_blocking(
        move || (code.clone(), id),
        |(forum, id)| async move {
            match id {
                Some(id) => super::api::move_plan(forum, id).await,
                None => Err(crate::error::AppError::NotFound),
            }
        },
    );
    loaded(plan, |m: MovePlan| {
        let s = m.session.clone();
        let failed = failed_row("/api/programme/move", "id", &s.id.to_string());
        let typed = |field: &str, now: Option<Uuid>| {
            failed
                .as_ref()
                .and_then(|f| f.value(field).map(str::to_string))
                .unwrap_or_else(|| now.map(|id| id.to_string()).unwrap_or_default())
        };
        let error = |field: &str| {
            failed
                .as_ref()
                .and_then(|f| f.error.field_message(field).map(t))
        };
        let (slot_now, room_now) = (typed("slot", s.slot), typed("room", s.room));
        let (slot_error, room_error) = (error("slot"), error("room"));
        let slot_options = m
            .slots
            .iter()
            .map(|(id, label)| {
                let selected = id.to_string() == slot_now;
                view! { <option value=id.to_string() selected=selected>{label.clone()}</option> }
            })
            .collect_view();
        let room_options = m
            .rooms
            .iter()
            .map(|(id, name)| {
                let selected = id.to_string() == room_now;
                view! { <option value=id.to_string() selected=selected>{name.clone()}</option> }
            })
            .collect_view();
        let place = m
            .place
            .as_ref()
            .map(place_text)
            .unwrap_or_else(|| t("programme.unplaced"));
        let day = m.place.as_ref().map(|p| p.day.clone()).unwrap_or_default();
        let back = format!("/forums/{}/programme/schedule?day={day}", m.forum_code);
        let conflicts = m
            .conflicts
            .iter()
            .map(|c| conflict_item(&m.forum_code, c))
            .collect_view();
        let (pin_value, pin_label) = if s.pinned {
            ("unpin", t("programme.unpin"))
        } else {
            ("pin", t("programme.pin"))
        };
        let has_slot_error = slot_error.is_some();
        let has_room_error = room_error.is_some();
        let (forum_move, forum_pin) = (m.forum_code.clone(), m.forum_code.clone());
        let (id_move, id_pin, version) =
            (s.id.to_string(), s.id.to_string(), s.version.to_string());
        let placed = s.room.is_some();
        let pinned = s.pinned;
        let page_title = format!("{} {} — {}", t("programme.move"), s.code, m.forum_name);
        let heading = t_with(
            "programme.move-heading",
            &[("code", &s.code), ("title", &s.title)],
        );
        let has_conflicts = !m.conflicts.is_empty();
        view! {
            <Title text=page_title />
            <h1>{heading}</h1>
            <p><a href=back>{t("programme.back-to-schedule")}</a></p>
            <Notice />
            <p><strong>{t("programme.place")} ": "</strong>{place}
               {pinned.then(|| view! { " " <span class="badge">{t("programme.pinned")}</span> })}</p>
            <p>{t_with("programme.duration-is", &[("n", &s.duration.to_string())])}</p>
            {has_conflicts.then(|| view! {
                <h2>{t("programme.its-conflicts")}</h2>
                <ul class="conflicts">{conflicts}</ul>
            })}
            <h2>{t("programme.move-to")}</h2>
            <PostForm action="/api/programme/move" class="stack">
                <Hidden name="forum" value=forum_move />
                <Hidden name="id" value=id_move />
                <Hidden name="version" value=version />
                <Hidden name="day" value=day />
                <div class="field" class:has-error=has_slot_error>
                    <label for="move-slot">{t("programme.slot")}</label>
                    <select id="move-slot" name="slot" aria-describedby=slot_error.as_ref().map(|_| "move-slot-error")>
                        <option value="">{t("programme.unplaced")}</option>
                        {slot_options}
                    </select>
                    {slot_error.map(|e| view! { <p class="field-error" id="move-slot-error">{e}</p> })}
                </div>
                <div class="field" class:has-error=has_room_error>
                    <label for="move-room">{t("programme.room")}</label>
                    <select id="move-room" name="room" aria-describedby=room_error.as_ref().map(|_| "move-room-error")>
                        <option value="">{t("programme.unplaced")}</option>
                        {room_options}
                    </select>
                    {room_error.map(|e| view! { <p class="field-error" id="move-room-error">{e}</p> })}
                </div>
                <Submit label=t("programme.move") />
            </PostForm>
            {placed.then(|| view! {
                <PostForm action="/api/programme/pin" class="inline">
                    <Hidden name="forum" value=forum_pin />
                    <Hidden name="id" value=id_pin />
                    <Hidden name="pin" value=pin_value />
                    <button type="submit">{pin_label}</button>
                </PostForm>
            })}
        }
    })
}
