//! The venue page (organisers): the edition's rooms, and its days with their
//! time slots, generated from a pattern and edited one by one; and the page
//! that changes one room. Plain forms, one a change.

use super::{
    DayView, RoomView, SlotView, Venue, BREAK_SLOT, FEATURES, LANGUAGES, LAYOUTS, SESSION_SLOT,
};
use crate::forums::pages::forum_code;
use crate::i18n::{t, t_with};
use crate::ui::forms::{
    failed_row, failed_row_field, Checkbox, CheckboxGroup, Choice, ChoiceBox, Field, Hidden,
    PostForm, ScopedInput, Submit, SubmittedForm,
};
use crate::ui::layout::{loaded, ColumnHeads, Notice};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;
use uuid::Uuid;

const ADD_ROOM: &str = "/api/venue/add-room";
const SAVE_SLOT: &str = "/api/venue/save-slot";
const ADD_SLOT: &str = "/api/venue/add-slot";

/// What was typed in `field` of a failed form, or `default`.
fn typed_value(failed: Option<&SubmittedForm>, field: &str, default: &str) -> String {
    failed
        .and_then(|s| s.value(field))
        .unwrap_or(default)
        .to_string()
}

fn coded(prefix: &str, codes: &[String]) -> String {
    codes
        .iter()
        .map(|c| t(&format!("{prefix}.{c}")))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The fields of a room, empty for a new one.
#[component]
fn RoomFields(room: Option<RoomView>, days: Vec<(String, String)>) -> impl IntoView {
    let r = room.clone();
    let has =
        |list: Option<&Vec<String>>, code: &str| list.is_some_and(|l| l.iter().any(|x| x == code));
    let features = FEATURES
        .iter()
        .map(|c| {
            let checked = has(r.as_ref().map(|r| &r.features), c);
            view! { <ChoiceBox name="features[]" value=*c label=t(&format!("room.feature.{c}")) checked /> }
        })
        .collect_view();
    let languages = LANGUAGES
        .iter()
        .map(|c| {
            let checked = has(r.as_ref().map(|r| &r.languages), c);
            view! { <ChoiceBox name="languages[]" value=*c label=t(&format!("language.{c}")) checked /> }
        })
        .collect_view();
    let no_days = days
        .is_empty()
        .then(|| view! { <p class="hint">{t("room.closed-days-none")}</p> });
    let closed = days
        .into_iter()
        .map(|(date, label)| {
            let checked = has(r.as_ref().map(|r| &r.closed_days), &date);
            view! { <ChoiceBox name="closed_days[]" value=date label checked /> }
        })
        .collect_view();
    let layouts: Vec<(String, String)> = LAYOUTS
        .iter()
        .map(|c| (c.to_string(), t(&format!("room.layout.{c}"))))
        .collect();
    view! {
        <Field name="name" label=t("room.name") value=r.as_ref().map(|r| r.name.clone()).unwrap_or_default() required=true />
        <Field name="capacity" label=t("room.capacity") kind="number"
            value=r.as_ref().map(|r| r.capacity.to_string()).unwrap_or_default() required=true hint=t("room.capacity-hint") />
        <Choice name="layout" label=t("room.layout") options=layouts empty=t("room.layout-none")
            value=r.as_ref().map(|r| r.layout.clone()).unwrap_or_default() />
        <Field name="location" label=t("room.location") hint=t("room.location-hint")
            value=r.as_ref().map(|r| r.location.clone()).unwrap_or_default() />
        <CheckboxGroup legend=t("room.features") error_name="features">{features}</CheckboxGroup>
        <CheckboxGroup legend=t("room.languages") error_name="languages">{languages}</CheckboxGroup>
        <CheckboxGroup legend=t("room.closed-days") error_name="closed_days">{no_days}{closed}</CheckboxGroup>
        <Checkbox name="online_only" label=t("room.online-only") checked=r.as_ref().is_some_and(|r| r.online_only) />
    }
}

fn day_choices(v: &Venue) -> Vec<(String, String)> {
    v.days
        .iter()
        .map(|d| (d.date.clone(), day_name(d)))
        .collect()
}

/// "Day 1 (2027-06-23)", or the day's own name.
fn day_name(d: &DayView) -> String {
    let name = match (d.label.as_str(), d.number) {
        ("", Some(n)) => t_with("grid.day-n", &[("n", &n.to_string())]),
        ("", None) => return d.date.clone(),
        (label, _) => label.to_string(),
    };
    format!("{name} ({})", d.date)
}

#[component]
fn Rooms(venue: Venue) -> impl IntoView {
    let forum = venue.forum_code.clone();
    let heads = vec![
        t("room.name"),
        t("room.capacity"),
        t("room.layout"),
        t("room.location"),
        t("room.features"),
        t("room.languages"),
        t("room.closed-days"),
        t("forums.team.actions"),
    ];
    let rows = venue
        .rooms
        .iter()
        .map(|r| {
            let forum = forum.clone();
            let id = r.id.to_string();
            let (row_id, edit_href) = (format!("room-{id}"), format!("/forums/{forum}/venue/rooms/{id}"));
            let remove_label = t_with("room.remove-named", &[("name", &r.name)]);
            let edit_label = t_with("room.edit-named", &[("name", &r.name)]);
            let capacity = if r.online_only { t("room.online") } else { r.capacity.to_string() };
            view! {
                <tr id=row_id>
                    <th scope="row">{r.name.clone()}</th>
                    <td>{capacity}</td>
                    <td>{(!r.layout.is_empty()).then(|| t(&format!("room.layout.{}", r.layout)))}</td>
                    <td>{r.location.clone()}</td>
                    <td>{coded("room.feature", &r.features)}</td>
                    <td>{coded("language", &r.languages)}</td>
                    <td>{r.closed_days.join(", ")}</td>
                    <td class="actions">
                        <a href=edit_href aria-label=edit_label>{t("room.edit")}</a>
                        <PostForm action="/api/venue/remove-room" class="inline" row=("id", vec![id.clone()])>
                            <Hidden name="forum" value=forum />
                            <Hidden name="id" value=id />
                            <button type="submit" aria-label=remove_label>{t("room.remove")}</button>
                        </PostForm>
                    </td>
                </tr>
            }
        })
        .collect_view();
    let days = day_choices(&venue);
    let adding = failed_row(ADD_ROOM, "forum", &venue.forum_code).is_some();
    view! {
        <section aria-labelledby="rooms-heading">
            <h2 id="rooms-heading">{t("room.rooms")}</h2>
            {if venue.rooms.is_empty() {
                view! { <p>{t("room.none")}</p> }.into_any()
            } else {
                view! {
                    <div class="table-scroll">
                        <table>
                            <caption class="visually-hidden">{t("room.rooms")}</caption>
                            <ColumnHeads labels=heads />
                            <tbody>{rows}</tbody>
                        </table>
                    </div>
                }.into_any()
            }}
            <details open=adding || venue.rooms.is_empty()>
                <summary>{t("room.add")}</summary>
                <PostForm action=ADD_ROOM class="stack">
                    <Hidden name="forum" value=venue.forum_code.clone() />
                    <RoomFields room=None days />
                    <Submit label=t("room.add") />
                </PostForm>
            </details>
        </section>
    }
}

/// One slot's row: its times and what it holds, a form to change it and one
/// to remove it.
fn slot_row(forum: String, slot: SlotView) -> impl IntoView {
    let id = slot.id.to_string();
    let error = |field: &str| failed_row_field(SAVE_SLOT, "id", &id, field);
    let failed = failed_row(SAVE_SLOT, "id", &id);
    let open = failed.is_some();
    let typed = |field: &str, default: &str| typed_value(failed.as_ref(), field, default);
    let (start_typed, length_typed, label_typed) = (
        typed("start", &slot.start),
        typed("length", &slot.length.to_string()),
        typed("label", &slot.label),
    );
    let (start_error, length_error, label_error) =
        (error("start"), error("length"), error("label"));
    let (start_id, length_id, label_id) = (
        format!("slot-{id}-start"),
        format!("slot-{id}-length"),
        format!("slot-{id}-label"),
    );
    let (forum_remove, id_remove) = (forum.clone(), id.clone());
    let kind_id = format!("slot-{id}-kind");
    let blocked_id = format!("slot-{id}-blocked");
    let kind_error = error("kind");
    let kind_invalid = kind_error.is_some();
    let what = if slot.kind == BREAK_SLOT {
        t("grid.kind.break")
    } else if slot.blocked {
        t("grid.blocked")
    } else {
        t("grid.kind.session")
    };
    let times = format!("{}–{}", slot.start, slot.end);
    let edit_label = t_with("grid.edit-slot", &[("time", &times)]);
    let remove_label = t_with("grid.remove-slot", &[("time", &times)]);
    let kinds = [SESSION_SLOT, BREAK_SLOT].map(|k| {
        let selected = k == slot.kind;
        view! { <option value=k selected=selected>{t(&format!("grid.kind.{k}"))}</option> }
    });
    view! {
        <tr>
            <th scope="row">{times.clone()}</th>
            <td>{slot.length}</td>
            <td>{what}</td>
            <td>{slot.label.clone()}</td>
            <td class="actions">
                <details open=open>
                    <summary aria-label=edit_label>{t("grid.edit")}</summary>
                    <PostForm action=SAVE_SLOT class="stack" row=("id", vec![id.clone()])>
                        <Hidden name="forum" value=forum.clone() />
                        <Hidden name="id" value=id.clone() />
                        <ScopedInput id=start_id name="start" label=t("grid.start") value=start_typed error=start_error />
                        <ScopedInput id=length_id name="length" label=t("grid.length") kind="number" value=length_typed error=length_error />
                        <div class="field" class:has-error=kind_invalid>
                            <label for=kind_id.clone()>{t("grid.kind")}</label>
                            <select id=kind_id name="kind">{kinds}</select>
                            {kind_error.map(|e| view! { <p class="field-error">{e}</p> })}
                        </div>
                        <ScopedInput id=label_id name="label" label=t("grid.label") value=label_typed error=label_error />
                        <div class="field checkbox">
                            <input id=blocked_id.clone() name="blocked" type="checkbox" value="on" checked=slot.blocked />
                            <label for=blocked_id>{t("grid.blocked-hint")}</label>
                        </div>
                        <Submit label=t("grid.save-slot") />
                    </PostForm>
                </details>
                <PostForm action="/api/venue/remove-slot" class="inline" row=("id", vec![id_remove.clone()])>
                    <Hidden name="forum" value=forum_remove />
                    <Hidden name="id" value=id_remove />
                    <button type="submit" aria-label=remove_label>{t("grid.remove")}</button>
                </PostForm>
            </td>
        </tr>
    }
}

/// A day: its slots, a form to add one, a form to remove the day.
fn day_section(forum: String, d: &DayView, heads: Vec<String>) -> impl IntoView {
    let id = d.id.to_string();
    let name = day_name(d);
    let error = |field: &str| failed_row_field(ADD_SLOT, "day", &id, field);
    let failed = failed_row(ADD_SLOT, "day", &id);
    let adding = failed.is_some();
    let typed = |field: &str, default: &str| typed_value(failed.as_ref(), field, default);
    let (start_typed, length_typed, label_typed) = (
        typed("start", ""),
        typed("length", "90"),
        typed("label", ""),
    );
    let (start_error, length_error, label_error) =
        (error("start"), error("length"), error("label"));
    let slots = d
        .slots
        .iter()
        .map(|s| slot_row(forum.clone(), s.clone()))
        .collect_view();
    let remove_label = t_with("grid.remove-day-named", &[("day", &name)]);
    let caption = t_with("grid.slots-of", &[("day", &name)]);
    let (section_id, heading_id, labelled_by) = (
        format!("day-{id}"),
        format!("day-{id}-heading"),
        format!("day-{id}-heading"),
    );
    let (start_id, length_id, kind_id, label_id) = (
        format!("day-{id}-start"),
        format!("day-{id}-length"),
        format!("day-{id}-kind"),
        format!("day-{id}-label"),
    );
    let kind_for = kind_id.clone();
    let (forum_add, forum_remove, id_add, id_remove) = (forum.clone(), forum, id.clone(), id);
    view! {
        <section id=section_id aria-labelledby=labelled_by class="grid-day">
            <h3 id=heading_id>{name.clone()}</h3>
            <div class="table-scroll">
                <table>
                    <caption class="visually-hidden">{caption}</caption>
                    <ColumnHeads labels=heads />
                    <tbody>{slots}</tbody>
                </table>
            </div>
            <details open=adding>
                <summary>{t("grid.add-slot")}<span class="visually-hidden">": " {name}</span></summary>
                <PostForm action=ADD_SLOT class="stack" row=("day", vec![id_add.clone()])>
                    <Hidden name="forum" value=forum_add />
                    <Hidden name="day" value=id_add />
                    <ScopedInput id=start_id name="start" label=t("grid.start") value=start_typed error=start_error />
                    <ScopedInput id=length_id name="length" label=t("grid.length") kind="number" value=length_typed error=length_error />
                    <div class="field">
                        <label for=kind_for>{t("grid.kind")}</label>
                        <select id=kind_id name="kind">
                            <option value=SESSION_SLOT>{t("grid.kind.session")}</option>
                            <option value=BREAK_SLOT>{t("grid.kind.break")}</option>
                        </select>
                    </div>
                    <ScopedInput id=label_id name="label" label=t("grid.label") value=label_typed error=label_error />
                    <Submit label=t("grid.add-slot") />
                </PostForm>
            </details>
            <PostForm action="/api/venue/remove-day" class="inline" row=("id", vec![id_remove.clone()])>
                <Hidden name="forum" value=forum_remove />
                <Hidden name="id" value=id_remove />
                <button type="submit" aria-label=remove_label>{t("grid.remove-day")}</button>
            </PostForm>
        </section>
    }
}

#[component]
fn Grid(venue: Venue) -> impl IntoView {
    let forum = venue.forum_code.clone();
    let heads = vec![
        t("grid.time"),
        t("grid.length"),
        t("grid.kind"),
        t("grid.label-column"),
        t("forums.team.actions"),
    ];
    let days = venue
        .days
        .iter()
        .map(|d| day_section(forum.clone(), d, heads.clone()))
        .collect_view();
    view! {
        <section aria-labelledby="grid-heading">
            <h2 id="grid-heading">{t("grid.title")}</h2>
            <p>{t_with("grid.intro", &[("zone", &venue.time_zone)])}</p>
            {venue.days.is_empty().then(|| view! { <p>{t("grid.none")}</p> })}
            {days}
            <h3>{t("grid.generate")}</h3>
            <p>{t("grid.generate-intro")}</p>
            <PostForm action="/api/venue/generate" class="stack">
                <Hidden name="forum" value=venue.forum_code.clone() />
                <Field name="from" label=t("grid.from") kind="date" value=venue.from.clone() required=true />
                <Field name="to" label=t("grid.to") kind="date" value=venue.to.clone() required=true />
                <Field name="starts" label=t("grid.starts") value="09:00, 11:00, 14:00, 16:00" required=true hint=t("grid.starts-hint") />
                <Field name="length" label=t("grid.length") kind="number" value="90" required=true />
                <Submit label=t("grid.generate") />
            </PostForm>
        </section>
    }
}

#[component]
pub fn VenuePage() -> impl IntoView {
    let code = forum_code();
    let venue = Resource::new_blocking(move || code.clone(), super::api::load_venue);
    loaded(venue, |v: Venue| {
        view! {
            <Title text=format!("{} — {}", t("venue.title"), v.forum_name) />
            <h1>{t("venue.title")} ": " <a href=format!("/forums/{}", v.forum_code)>{v.forum_name.clone()}</a></h1>
            <Notice />
            <p>{t("venue.intro")}</p>
            <Rooms venue=v.clone() />
            <Grid venue=v />
        }
    })
}

/// Changes one room.
#[component]
pub fn RoomPage() -> impl IntoView {
    let code = forum_code();
    let room: Option<Uuid> = use_params_map()
        .read_untracked()
        .get("room")
        .and_then(|r| r.parse().ok());
    let venue = Resource::new_blocking(move || code.clone(), super::api::load_venue);
    loaded(venue, move |v: Venue| {
        let Some(r) = v.rooms.iter().find(|r| Some(r.id) == room).cloned() else {
            return view! { <crate::ui::layout::NotFound /> }.into_any();
        };
        let days = day_choices(&v);
        let (forum, room_id, meeting) = (v.forum_code.clone(), r.id, r.meeting.clone());
        view! {
            <Title text=format!("{} — {}", r.name, v.forum_name) />
            <h1>{t_with("room.edit-named", &[("name", &r.name)])}</h1>
            <p><a href=format!("/forums/{}/venue", v.forum_code)>{t("venue.back")}</a></p>
            <Notice />
            <PostForm action="/api/venue/save-room" class="stack">
                <Hidden name="forum" value=v.forum_code.clone() />
                <Hidden name="id" value=r.id.to_string() />
                <RoomFields room=Some(r.clone()) days />
                <Submit label=t("room.save") />
            </PostForm>
            <crate::participation::panel::RoomMeeting forum room=room_id meeting />
        }
        .into_any()
    })
}
