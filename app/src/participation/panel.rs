//! The sign-up parts of pages: the seats panel of a session's public page
//! and the organisers' seats section of a session.

use super::{Clash, LinkRow, Meeting, Seats, SessionSeats, Visitor};
use crate::i18n::{t, t_with};
use crate::ui::forms::{Field, Hidden, PostForm, Refused, Submit};
use crate::ui::layout::{loaded, ColumnHeads};
use leptos::prelude::*;
use uuid::Uuid;

fn figures(limit: Option<u32>, taken: u32, waiting: u32) -> String {
    let taken_s = taken.to_string();
    let mut out = match limit {
        Some(l) => t_with(
            "participation.seats-taken",
            &[("taken", &taken_s), ("limit", &l.to_string())],
        ),
        None => t_with("participation.signed-up-count", &[("count", &taken_s)]),
    };
    if waiting > 0 {
        out.push_str(" · ");
        out.push_str(&t_with(
            "participation.waiting-count",
            &[("count", &waiting.to_string())],
        ));
    }
    out
}

fn clash_list(forum: &str, clashes: &[Clash]) -> impl IntoView {
    let items = clashes
        .iter()
        .map(|c| {
            view! {
                <li><a href=format!("/forums/{forum}/session/{}", c.key)>{format!("{} {}", c.code, c.title)}</a></li>
            }
        })
        .collect_view();
    (!clashes.is_empty()).then(|| {
        view! {
            <div class="warning" role="note">
                <p>{t("participation.clash")}</p>
                <ul>{items}</ul>
            </div>
        }
    })
}

const SIGN_UP: &str = "/api/participation/sign-up";
const CANCEL: &str = "/api/participation/cancel";
const JOIN: &str = "/api/participation/join-link";

/// The form signing up for (or cancelling) the session `key`.
fn signup_form(forum: &str, key: &str, back: &str, cancel: bool) -> impl IntoView {
    let (action, label) = if cancel {
        (CANCEL, t("participation.cancel"))
    } else {
        (SIGN_UP, t("participation.sign-up"))
    };
    let (forum, key, back) = (forum.to_string(), key.to_string(), back.to_string());
    view! {
        <PostForm action=action class="inline">
            <Hidden name="forum" value=forum />
            <Hidden name="session" value=key />
            <Hidden name="back" value=back />
            <button type="submit">{label}</button>
        </PostForm>
    }
}

/// The Join button alone (for the agenda).
pub fn join_button(forum: &str, key: &str) -> impl IntoView {
    let (forum, key) = (forum.to_string(), key.to_string());
    view! {
        <PostForm action=JOIN class="inline" row=("session", vec![key.clone()])>
            <Hidden name="forum" value=forum />
            <Hidden name="session" value=key />
            <button type="submit" class="primary">{t("join.button")}</button>
        </PostForm>
    }
}

/// The Join button: a personal link, made on the way.
fn join_form(forum: &str, key: &str) -> impl IntoView {
    let (forum, key) = (forum.to_string(), key.to_string());
    view! {
        <p>{t("join.hint")}</p>
        <PostForm action=JOIN class="inline">
            <Hidden name="forum" value=forum />
            <Hidden name="session" value=key />
            <button type="submit" class="primary">{t("join.button")}</button>
        </PostForm>
    }
}

/// The meeting fields (address, id, passcode) as saved.
fn meeting_fields(m: Meeting) -> impl IntoView {
    view! {
        <Field name="meeting_url" label=t("participation.meeting-url") kind="url" value=m.url />
        <Field name="meeting_id" label=t("participation.meeting-id") value=m.id />
        <Field name="meeting_passcode" label=t("participation.meeting-passcode") value=m.passcode />
    }
}

/// A room's default meeting, on the room's page.
#[component]
pub fn RoomMeeting(forum: String, room: Uuid, meeting: Meeting) -> impl IntoView {
    view! {
        <section aria-labelledby="meeting-heading">
            <h2 id="meeting-heading">{t("participation.remote")}</h2>
            <p>{t("participation.remote-intro")}</p>
            <PostForm action="/api/participation/room-meeting" class="stack">
                <Hidden name="forum" value=forum />
                <Hidden name="id" value=room.to_string() />
                {meeting_fields(meeting)}
                <Submit label=t("participation.save-meeting") />
            </PostForm>
        </section>
    }
}

fn link_rows(forum: &str, links: &[LinkRow]) -> impl IntoView {
    links
        .iter()
        .cloned()
        .map(|l| {
            let (value, label, named) = if l.revoked {
                ("", t("participation.restore"), t_with("participation.restore-named", &[("name", &l.name)]))
            } else {
                ("1", t("participation.revoke"), t_with("participation.revoke-named", &[("name", &l.name)]))
            };
            let forum = forum.to_string();
            view! {
                <tr>
                    <th scope="row">{l.name.clone()}</th>
                    <td>{l.email.clone()}</td>
                    <td>{l.uses}</td>
                    <td>{l.first_used.clone()}</td>
                    <td>
                        {l.revoked.then(|| view! { <span class="badge warning">{t("participation.revoked")}</span> " " })}
                        <PostForm action="/api/participation/revoke-link" class="inline" row=("id", vec![l.id.to_string()])>
                            <Hidden name="forum" value=forum />
                            <Hidden name="id" value=l.id.to_string() />
                            <Hidden name="revoke" value=value />
                            <button type="submit" aria-label=named>{label}</button>
                        </PostForm>
                    </td>
                </tr>
            }
        })
        .collect_view()
}

/// A released session's seats and the visitor's sign-up.
#[component]
pub fn SeatsPanel(forum: String, key: String, seats: Seats) -> impl IntoView {
    let back = format!("/forums/{forum}/session/{key}");
    let full = seats.limit.is_some_and(|l| seats.taken >= l);
    let onsite = seats.mode == "onsite";
    let action = match seats.visitor {
        Visitor::Anonymous => view! {
            <Refused action=SIGN_UP />
            <p><a href=format!("/account/sign-in?next={}", crate::web::encode(&back))>{t("participation.sign-in-first")}</a></p>
        }
        .into_any(),
        Visitor::NotRegistered => view! {
            <Refused action=SIGN_UP />
            <p><a href=format!("/forums/{forum}/register")>{t("participation.register-first")}</a></p>
        }
        .into_any(),
        _ if seats.over => view! { <Refused action=SIGN_UP /><p>{t("participation.over")}</p> }.into_any(),
        Visitor::Can => {
            let hint = if !onsite {
                t("participation.online-hint")
            } else if full {
                t("participation.full-hint")
            } else {
                t("participation.seat-hint")
            };
            view! {
                <Refused action=CANCEL />
                {clash_list(&forum, &seats.clashes)}
                <p>{hint}</p>
                {signup_form(&forum, &key, &back, false)}
            }
            .into_any()
        }
        Visitor::SignedUp => view! {
            <Refused action=SIGN_UP />
            {clash_list(&forum, &seats.clashes)}
            <p><strong>{if onsite { t("participation.you-have-a-seat") } else { t("participation.you-are-signed-up") }}</strong></p>
            {signup_form(&forum, &key, &back, true)}
        }
        .into_any(),
        Visitor::Waiting => {
            let place = seats.place.unwrap_or(1).to_string();
            view! {
                <Refused action=SIGN_UP />
                <p><strong>{t_with("participation.your-place", &[("place", &place)])}</strong></p>
                {signup_form(&forum, &key, &back, true)}
            }
            .into_any()
        }
    };
    let can_join = seats.can_join
        && matches!(
            seats.visitor,
            Visitor::Can | Visitor::SignedUp | Visitor::Waiting
        );
    // A refused Join shows here when the page no longer offers it.
    let join = if can_join {
        join_form(&forum, &key).into_any()
    } else {
        view! { <Refused action=JOIN /> }.into_any()
    };
    view! {
        <section aria-labelledby="seats" class="seats">
            <h2 id="seats">{t("participation.seats")}</h2>
            <p>
                {figures(seats.limit, seats.taken, seats.waiting)}
                {full.then(|| view! { " " <span class="badge">{t("participation.full")}</span> })}
            </p>
            {action}
            {join}
        </section>
    }
}

/// The organisers' view of a session's sign-ups, with its seat limit.
#[component]
pub fn OrganiserSeats(forum: String, session: Uuid) -> impl IntoView {
    let code = forum.clone();
    let data = Resource::new_blocking(
        move || (forum.clone(), session),
        |(f, s)| super::api::session_seats(f, s),
    );
    loaded(data, move |s: SessionSeats| {
        let heads = vec![
            t("field.name"),
            t("field.email"),
            t("participation.mode"),
            t("participation.state"),
        ];
        let rows = s
            .people
            .iter()
            .map(|p| {
                view! {
                    <tr>
                        <th scope="row">{p.name.clone()}</th>
                        <td>{p.email.clone()}</td>
                        <td>{t(&format!("registration.mode.{}", p.mode))}</td>
                        <td>{t(&format!("participation.state.{}", p.state))}</td>
                    </tr>
                }
            })
            .collect_view();
        let online = t_with(
            "participation.online-count",
            &[("count", &s.online.to_string())],
        );
        let attendance = t_with(
            "participation.attendance",
            &[
                ("online", &s.joined_online.to_string()),
                ("onsite", &s.checked_in.to_string()),
            ],
        );
        let link_heads = vec![
            t("field.name"),
            t("field.email"),
            t("participation.uses"),
            t("participation.first-used"),
            t("forums.team.actions"),
        ];
        let links = link_rows(&code, &s.links);
        let has_links = !s.links.is_empty();
        let (meeting, room_meeting) = (s.meeting.clone(), s.room_meeting);
        let own = s.own_limit.map(|n| n.to_string()).unwrap_or_default();
        let (code, code_meeting) = (code.clone(), code.clone());
        view! {
            <p>{figures(s.limit, s.taken, s.waiting)} " · " {online}</p>
            <p>{attendance}</p>
            <PostForm action="/api/participation/seat-limit" class="stack">
                <Hidden name="forum" value=code />
                <Hidden name="id" value=session.to_string() />
                <Field name="seat_limit" label=t("participation.limit") kind="number" value=own hint=t("participation.limit-hint") />
                <Submit label=t("participation.save-limit") />
            </PostForm>
            {(!s.people.is_empty()).then(|| view! {
                <div class="table-scroll">
                    <table>
                        <caption class="visually-hidden">{t("participation.seats")}</caption>
                        <ColumnHeads labels=heads />
                        <tbody>{rows}</tbody>
                    </table>
                </div>
            })}
            <h3>{t("participation.remote")}</h3>
            <p>{t("participation.remote-intro")}</p>
            {room_meeting.then(|| view! { <p>{t("participation.room-meeting")}</p> })}
            <PostForm action="/api/participation/meeting" class="stack">
                <Hidden name="forum" value=code_meeting />
                <Hidden name="id" value=session.to_string() />
                {meeting_fields(meeting)}
                <Submit label=t("participation.save-meeting") />
            </PostForm>
            {has_links.then(|| view! {
                <h3>{t("participation.links")}</h3>
                <div class="table-scroll">
                    <table>
                        <caption class="visually-hidden">{t("participation.links")}</caption>
                        <ColumnHeads labels=link_heads />
                        <tbody>{links}</tbody>
                    </table>
                </div>
            })}
        }
    })
}
