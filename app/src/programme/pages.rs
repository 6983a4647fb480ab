//! The organisers' pages of the programme's sessions: the list with a form to
//! make a session (main sessions, high-level sessions), and a session's page —
//! what it needs, its people with the days they cannot attend, cancelling.

use super::materials::{Material, EMPTY_ROWS};
use super::{Place, SessionDetail, SessionList, ACTIVE, CANCELLED};
use crate::accounts::countries::COUNTRIES;
use crate::accounts::{Gender, StakeholderGroup};
use crate::forums::pages::forum_code;
use crate::i18n::{t, t_with};
use crate::participation::panel::OrganiserSeats;
use crate::proposals::screening::PersonRole;
use crate::ui::forms::{
    Checkbox, CheckboxGroup, Choice, ChoiceBox, Field, GroupError, Hidden, PostForm, Submit,
    TextArea,
};
use crate::ui::layout::{loaded, ColumnHeads, Notice};
use crate::venue::FEATURES;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;
use uuid::Uuid;

const ROLES: [PersonRole; 5] = [
    PersonRole::Organiser,
    PersonRole::Speaker,
    PersonRole::OnsiteModerator,
    PersonRole::OnlineModerator,
    PersonRole::Rapporteur,
];

/// "Day 1 (2027-06-22) 09:00 · Room A"
pub fn place_text(p: &Place) -> String {
    let day = super::schedule_pages::day_name(&p.day, p.day_number);
    format!("{day} {} · {}", p.start, p.room)
}

fn id_options(list: &[(Uuid, String)]) -> Vec<(String, String)> {
    list.iter()
        .map(|(id, n)| (id.to_string(), n.clone()))
        .collect()
}

/// The fields of a session's needs, as saved (or empty for a new one).
#[component]
fn SessionFields(
    types: Vec<(Uuid, String)>,
    themes: Vec<(Uuid, String)>,
    session: Option<SessionDetail>,
) -> impl IntoView {
    let s = session;
    let features = FEATURES
        .iter()
        .map(|c| {
            let checked = s.as_ref().is_some_and(|s| s.features.iter().any(|f| f == c));
            view! { <ChoiceBox name="features[]" value=*c label=t(&format!("room.feature.{c}")) checked /> }
        })
        .collect_view();
    view! {
        <Field name="title" label=t("proposals.field.title") value=s.as_ref().map(|s| s.title.clone()).unwrap_or_default() required=true />
        <Choice name="session_type" label=t("proposals.field.session-type") options=id_options(&types)
            value=s.as_ref().and_then(|s| s.session_type).map(|i| i.to_string()).unwrap_or_default() empty=t("field.not-given") />
        <Choice name="theme" label=t("proposals.field.theme") options=id_options(&themes)
            value=s.as_ref().and_then(|s| s.theme).map(|i| i.to_string()).unwrap_or_default() empty=t("field.not-given") />
        <Field name="duration" label=t("programme.duration") kind="number"
            value=s.as_ref().map(|s| s.duration.to_string()).unwrap_or_else(|| "90".into()) required=true />
        <Field name="audience" label=t("programme.audience") kind="number" hint=t("programme.audience-hint")
            value=s.as_ref().map(|s| s.audience.to_string()).unwrap_or_default() />
        <CheckboxGroup legend=t("programme.features") error_name="features">{features}</CheckboxGroup>
        <Checkbox name="hybrid" label=t("programme.hybrid") checked=s.as_ref().is_none_or(|s| s.hybrid) />
        <Checkbox name="online_only" label=t("programme.online-only") checked=s.as_ref().is_some_and(|s| s.online_only) />
        <TextArea name="description" label=t("proposals.field.description") value=s.as_ref().map(|s| s.description.clone()).unwrap_or_default() rows=4 />
    }
}

#[component]
pub fn SessionsPage() -> impl IntoView {
    let code = forum_code();
    let list = Resource::new_blocking(move || code.clone(), super::api::session_list);
    loaded(list, |l: SessionList| {
        let forum = l.forum_code.clone();
        let heads = vec![
            t("proposals.code"),
            t("proposals.field.title"),
            t("proposals.field.session-type"),
            t("proposals.field.theme"),
            t("programme.duration-short"),
            t("programme.audience-short"),
            t("programme.people"),
            t("programme.place"),
        ];
        let active = l.sessions.iter().filter(|s| s.status == ACTIVE).count();
        let placed = l
            .sessions
            .iter()
            .filter(|s| s.status == ACTIVE && s.place.is_some())
            .count();
        let rows = l
            .sessions
            .iter()
            .map(|s| {
                let href = format!("/forums/{forum}/programme/sessions/{}", s.id);
                let place = if s.status == CANCELLED {
                    t("programme.cancelled")
                } else {
                    s.place
                        .as_ref()
                        .map(place_text)
                        .unwrap_or_else(|| t("programme.unplaced"))
                };
                view! {
                    <tr class:cancelled=s.status == CANCELLED>
                        <th scope="row"><a href=href>{s.code.clone()}</a></th>
                        <td>{s.title.clone()}</td>
                        <td>{s.session_type.clone()}</td>
                        <td>{s.theme.clone()}</td>
                        <td>{s.duration}</td>
                        <td>{(s.audience > 0).then(|| s.audience.to_string())}</td>
                        <td>{s.people}</td>
                        <td>{place}</td>
                    </tr>
                }
            })
            .collect_view();
        view! {
            <Title text=format!("{} — {}", t("programme.sessions"), l.forum_name) />
            <h1>{t("programme.sessions")} ": " <a href=format!("/forums/{}", l.forum_code)>{l.forum_name.clone()}</a></h1>
            <Notice />
            <p>{t("programme.sessions-intro")}</p>
            <p>{t_with("programme.counts", &[("active", &active.to_string()), ("placed", &placed.to_string())])}</p>
            {if l.sessions.is_empty() {
                view! { <p>{t("programme.no-sessions")}</p> }.into_any()
            } else {
                view! {
                    <div class="table-scroll">
                        <table>
                            <caption class="visually-hidden">{t("programme.sessions")}</caption>
                            <ColumnHeads labels=heads />
                            <tbody>{rows}</tbody>
                        </table>
                    </div>
                }.into_any()
            }}
            <section aria-labelledby="new-session-heading">
                <h2 id="new-session-heading">{t("programme.new-session")}</h2>
                <p>{t("programme.new-session-intro")}</p>
                <PostForm action="/api/programme/create-session" class="stack">
                    <Hidden name="forum" value=l.forum_code.clone() />
                    <SessionFields types=l.types.clone() themes=l.themes.clone() session=None />
                    <Submit label=t("programme.create") />
                </PostForm>
            </section>
        }
    })
}

/// The form adding a person, with the days they cannot attend.
#[component]
fn AddPerson(forum: String, session: Uuid, days: Vec<(String, String)>) -> impl IntoView {
    let roles: Vec<(String, String)> = ROLES
        .iter()
        .map(|r| {
            (
                r.code().to_string(),
                t(&format!("proposals.role.{}", r.code())),
            )
        })
        .collect();
    let countries: Vec<(String, String)> = COUNTRIES
        .iter()
        .map(|c| (c.code.to_string(), c.name.to_string()))
        .collect();
    let groups: Vec<(String, String)> = StakeholderGroup::ALL
        .iter()
        .map(|g| (g.code().to_string(), t(&g.label_key())))
        .collect();
    let genders: Vec<(String, String)> = Gender::ALL
        .iter()
        .map(|g| (g.code().to_string(), t(&g.label_key())))
        .collect();
    let day_boxes = days
        .into_iter()
        .map(|(date, n)| {
            let label = if n.is_empty() {
                date.clone()
            } else {
                format!("{} ({date})", t_with("grid.day-n", &[("n", &n)]))
            };
            view! { <ChoiceBox name="unavailable_days[]" value=date label /> }
        })
        .collect_view();
    view! {
        <PostForm action="/api/programme/add-person" class="stack">
            <Hidden name="forum" value=forum />
            <Hidden name="session" value=session.to_string() />
            <Choice name="role" label=t("proposals.field.role") options=roles />
            <Field name="name" label=t("field.name") required=true />
            <Field name="email" label=t("field.email") kind="email" required=true />
            <Field name="organisation" label=t("field.organisation") />
            <Choice name="country" label=t("field.country") options=countries empty=t("field.not-given") />
            <Choice name="stakeholder_group" label=t("field.stakeholder-group") options=groups empty=t("field.not-given") />
            <Choice name="gender" label=t("field.gender") options=genders empty=t("field.not-given") />
            <Checkbox name="onsite" label=t("proposals.field.onsite") checked=true />
            <CheckboxGroup legend=t("programme.unavailable-days") error_name="unavailable_days">{day_boxes}</CheckboxGroup>
            <Submit label=t("programme.add-person") />
        </PostForm>
    }
}

/// The form keeping a session's materials: the saved links and a few empty
/// rows (more appear after saving).
#[component]
fn MaterialsForm(forum: String, session: Uuid, saved: Vec<Material>) -> impl IntoView {
    view! {
        <PostForm action="/api/programme/save-materials" class="stack">
            <Hidden name="forum" value=forum />
            <Hidden name="id" value=session.to_string() />
            <GroupError name="materials" />
            // Made inside the form, so each field finds its error and value.
            {material_rows(saved)}
            <Submit label=t("programme.save-materials") />
        </PostForm>
    }
}

fn material_rows(saved: Vec<Material>) -> impl IntoView {
    saved
        .into_iter()
        .chain(std::iter::repeat_n(Material::default(), EMPTY_ROWS))
        .enumerate()
        .map(|(i, m)| {
            let n = (i + 1).to_string();
            view! {
                <fieldset class="material-row">
                    <legend>{t_with("programme.material-n", &[("n", &n)])}</legend>
                    <Field name=format!("materials[{i}][title]") label=t("programme.material-title") value=m.title />
                    <Field name=format!("materials[{i}][url]") label=t("programme.material-url") kind="url" value=m.url />
                </fieldset>
            }
        })
        .collect_view()
}

#[component]
pub fn SessionPage() -> impl IntoView {
    let code = forum_code();
    let id: Option<Uuid> = use_params_map()
        .read_untracked()
        .get("session")
        .and_then(|s| s.parse().ok());
    let detail = Resource::new_blocking(
        move || (code.clone(), id),
        |(forum, id)| async move {
            match id {
                Some(id) => super::api::session_detail(forum, id).await,
                None => Err(crate::error::AppError::NotFound),
            }
        },
    );
    loaded(detail, |s: SessionDetail| {
        let forum = s.forum_code.clone();
        let heads = vec![
            t("proposals.field.role"),
            t("field.name"),
            t("field.organisation"),
            t("field.stakeholder-group"),
            t("programme.unavailable-days"),
            t("forums.team.actions"),
        ];
        let people = s
            .people
            .clone()
            .into_iter()
            .map(|x| {
                let forum = forum.clone();
                let remove_label = t_with("programme.remove-person-named", &[("name", &x.name)]);
                let group = (!x.stakeholder_group.is_empty()).then(|| t(&format!("stakeholder.{}", x.stakeholder_group)));
                view! {
                    <tr>
                        <td>{t(&format!("proposals.role.{}", x.role))}</td>
                        <th scope="row">{x.name.clone()}</th>
                        <td>{x.organisation.clone()}</td>
                        <td>{group}</td>
                        <td>{x.unavailable_days.join(", ")}</td>
                        <td>
                            <PostForm action="/api/programme/remove-person" class="inline" row=("id", vec![x.id.to_string()])>
                                <Hidden name="forum" value=forum />
                                <Hidden name="id" value=x.id.to_string() />
                                <button type="submit" aria-label=remove_label>{t("programme.remove-person")}</button>
                            </PostForm>
                        </td>
                    </tr>
                }
            })
            .collect_view();
        let cancelled = s.status == CANCELLED;
        let (status_value, status_label) = if cancelled {
            ("restore", t("programme.restore"))
        } else {
            ("cancel", t("programme.cancel"))
        };
        let place = if cancelled {
            t("programme.cancelled")
        } else {
            s.place
                .as_ref()
                .map(place_text)
                .unwrap_or_else(|| t("programme.unplaced"))
        };
        let origin = s.proposal.clone().map(|(pid, pcode)| view! {
            <p>{t("programme.from-proposal")} " " <a href=format!("/forums/{}/proposals/{pid}", s.forum_code)>{pcode}</a></p>
        });
        let page_title = format!("{} {} — {}", s.code, s.title, s.forum_name);
        let heading = format!("{} · {}", s.code, s.title);
        let back = format!("/forums/{}/programme/sessions", s.forum_code);
        let (forum_save, forum_add, forum_status) = (
            s.forum_code.clone(),
            s.forum_code.clone(),
            s.forum_code.clone(),
        );
        let (types, themes, days) = (s.types.clone(), s.themes.clone(), s.days.clone());
        let (forum_materials, materials) = (s.forum_code.clone(), s.materials.clone());
        let forum_seats = s.forum_code.clone();
        let (id, no_people) = (s.id, s.people.is_empty());
        view! {
            <Title text=page_title />
            <h1>{heading}</h1>
            <p><a href=back>{t("programme.back")}</a></p>
            <Notice />
            {origin}
            <p><strong>{t("programme.place")} ": "</strong>{place}</p>
            <section aria-labelledby="needs-heading">
                <h2 id="needs-heading">{t("programme.needs")}</h2>
                <PostForm action="/api/programme/save-session" class="stack">
                    <Hidden name="forum" value=forum_save />
                    <Hidden name="id" value=id.to_string() />
                    <SessionFields types themes session=Some(s) />
                    <Submit label=t("programme.save") />
                </PostForm>
            </section>
            <section aria-labelledby="people-heading">
                <h2 id="people-heading">{t("programme.people")}</h2>
                {if no_people {
                    view! { <p>{t("programme.no-people")}</p> }.into_any()
                } else {
                    view! {
                        <div class="table-scroll">
                            <table>
                                <caption class="visually-hidden">{t("programme.people")}</caption>
                                <ColumnHeads labels=heads />
                                <tbody>{people}</tbody>
                            </table>
                        </div>
                    }.into_any()
                }}
                <h3>{t("programme.add-person")}</h3>
                <AddPerson forum=forum_add session=id days />
            </section>
            <section aria-labelledby="seats-heading">
                <h2 id="seats-heading">{t("participation.seats")}</h2>
                <p>{t("participation.organiser-intro")}</p>
                <OrganiserSeats forum=forum_seats session=id />
            </section>
            <section aria-labelledby="materials-heading">
                <h2 id="materials-heading">{t("programme.materials")}</h2>
                <p>{t("programme.materials-intro")}</p>
                <MaterialsForm forum=forum_materials session=id saved=materials />
            </section>
            <section aria-labelledby="status-heading">
                <h2 id="status-heading">{t("programme.status")}</h2>
                <p>{if cancelled { t("programme.cancelled-intro") } else { t("programme.cancel-intro") }}</p>
                <PostForm action="/api/programme/session-status" class="inline">
                    <Hidden name="forum" value=forum_status />
                    <Hidden name="id" value=id.to_string() />
                    <Hidden name="status" value=status_value />
                    <button type="submit">{status_label}</button>
                </PostForm>
            </section>
        }
    })
}
