//! Remote hubs' pages: the public list of an edition's approved hubs (with
//! the visitor's own hubs), the form that registers or edits one, and the
//! organisers' list with approve and reject.

use super::api::{hub_form, hubs_page, manage_hubs};
use super::{
    by_country, coordinator_field, decide, CoordinatorInput, Decision, HubFormPage, HubRow,
    HubsPage, ManageHubs, MyHub, PublicHub, State, MAX_COORDINATORS,
};
use crate::accounts::countries::COUNTRIES;
use crate::forums::pages::{forum_code, may_manage};
use crate::i18n::{t, t_with};
use crate::ui::forms::{
    failed_row_field, Choice, Field, GroupError, Hidden, PostForm, ScopedInput, Submit, TextArea,
};
use crate::ui::layout::{loaded, ColumnHeads, Notice};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

fn state_badge(s: State) -> impl IntoView {
    view! { <span class=format!("state state-{}", s.code())>{t(&s.label_key())}</span> }
}

fn public_hub(h: &PublicHub) -> impl IntoView {
    let coordinators = h.coordinators.join(", ");
    let expected = h.expected_participants.to_string();
    let address = (!h.address.is_empty()).then(|| {
        let a = h.address.clone();
        view! { <dt>{t("hubs.field.address")}</dt><dd class="pre-line">{a}</dd> }
    });
    let website = (!h.website.is_empty()).then(|| {
        let (href, w) = (h.website.clone(), h.website.clone());
        view! {
            <dt>{t("hubs.field.website")}</dt>
            <dd><a href=href rel="nofollow noopener noreferrer"><bdi>{w}</bdi></a></dd>
        }
    });
    let description = (!h.description.is_empty()).then(|| {
        let d = h.description.clone();
        view! { <p class="pre-line">{d}</p> }
    });
    view! {
        <li>
            <article class="hub">
                <h4>{h.institution.clone()}</h4>
                <dl class="facts">
                    <dt>{t("hubs.field.city")}</dt>
                    <dd>{h.city.clone()}</dd>
                    <dt>{t("hubs.coordinators")}</dt>
                    <dd>{coordinators}</dd>
                    <dt>{t("hubs.field.expected")}</dt>
                    <dd>{expected}</dd>
                    {address}
                    {website}
                </dl>
                {description}
            </article>
        </li>
    }
}

fn public_list(p: &HubsPage) -> impl IntoView {
    let figures = t_with(
        "hubs.totals",
        &[
            ("hubs", &p.totals.hubs.to_string()),
            ("countries", &p.totals.countries.to_string()),
            ("participants", &p.totals.participants.to_string()),
        ],
    );
    let body = if p.hubs.is_empty() {
        view! { <p>{t("hubs.none-yet")}</p> }.into_any()
    } else {
        by_country(&p.hubs)
            .into_iter()
            .enumerate()
            .map(|(i, (name, hubs))| {
                let id = format!("hubs-country-{i}");
                let labelled = id.clone();
                let count = hubs.len().to_string();
                view! {
                    <section class="hub-country" aria-labelledby=labelled>
                        <h3 id=id>{name} " " <span class="count">{t_with("hubs.in-country", &[("count", &count)])}</span></h3>
                        <ul class="hub-list">{hubs.iter().map(public_hub).collect_view()}</ul>
                    </section>
                }
            })
            .collect_view()
            .into_any()
    };
    view! {
        <section class="hubs-public" aria-labelledby="hubs-approved">
            <h2 id="hubs-approved">{t("hubs.approved")}</h2>
            <p class="hub-totals">{figures}</p>
            {body}
        </section>
    }
}

fn my_row(forum: &str, h: &MyHub) -> impl IntoView {
    let edit = h.state.may_edit().then(|| {
        let href = format!("/forums/{forum}/hubs/{}/edit", h.id);
        let label = t_with("hubs.edit-named", &[("hub", &h.institution)]);
        view! { <a href=href aria-label=label>{t("hubs.edit")}</a> " " }
    });
    let withdraw = h.state.may_withdraw().then(|| {
        let forum = forum.to_string();
        let id = h.id.clone();
        let label = t_with("hubs.withdraw-named", &[("hub", &h.institution)]);
        view! {
            <PostForm action="/api/hubs/withdraw" class="inline" row=("hub", vec![id.clone()])>
                <Hidden name="forum" value=forum />
                <Hidden name="hub" value=id />
                <button type="submit" aria-label=label>{t("hubs.withdraw")}</button>
            </PostForm>
        }
    });
    let reason = (!h.reason.is_empty()).then(|| {
        let r = h.reason.clone();
        view! { <br /><span class="reason">{t("hubs.reason-given")} ": " {r}</span> }
    });
    view! {
        <tr>
            <th scope="row">{h.institution.clone()}</th>
            <td>{h.city.clone()} ", " {h.country_name.clone()}</td>
            <td>{h.expected_participants}</td>
            <td>{state_badge(h.state)}{reason}</td>
            <td>{h.registered_at.clone()}</td>
            <td>{edit}{withdraw}</td>
        </tr>
    }
}

fn mine(p: &HubsPage) -> Option<impl IntoView> {
    if p.mine.is_empty() {
        return None;
    }
    let heads = vec![
        t("hubs.field.institution"),
        t("hubs.place"),
        t("hubs.field.expected"),
        t("hubs.state"),
        t("hubs.registered-at"),
        t("hubs.actions"),
    ];
    let rows = p
        .mine
        .iter()
        .map(|h| my_row(&p.forum_code, h))
        .collect_view();
    Some(view! {
        <section class="my-hubs" aria-labelledby="my-hubs-title">
            <h2 id="my-hubs-title">{t("hubs.mine")}</h2>
            <div class="table-scroll" tabindex="0" role="region" aria-labelledby="my-hubs-title">
                <table>
                    <ColumnHeads labels=heads />
                    <tbody>{rows}</tbody>
                </table>
            </div>
        </section>
    })
}

#[component]
pub fn HubsListPage() -> impl IntoView {
    let code = forum_code();
    let data = Resource::new_blocking(move || code.clone(), hubs_page);
    loaded(data, |p: HubsPage| {
        let title = t_with("hubs.title", &[("forum", &p.forum_name)]);
        let manage = may_manage(&p.forum_code).then(|| {
            view! { <p><a href=format!("/forums/{}/hubs/manage", p.forum_code)>{t("hubs.manage")}</a></p> }
        });
        let register = if !p.open {
            view! { <p>{t("hubs.closed")}</p> }.into_any()
        } else if !p.signed_in {
            view! { <p><a href="/account/sign-in">{t("hubs.sign-in-first")}</a></p> }.into_any()
        } else {
            view! {
                <p><a class="button primary" href=format!("/forums/{}/hubs/new", p.forum_code)>{t("hubs.register")}</a></p>
            }
            .into_any()
        };
        view! {
            <Title text=title.clone() />
            <h1>{title}</h1>
            <Notice />
            <p class="lead">{t("hubs.intro")}</p>
            {manage}
            {register}
            {mine(&p)}
            {public_list(&p)}
        }
    })
}

/// The coordinator rows; built inside the form, so they show its errors.
fn coordinator_rows(given: Vec<CoordinatorInput>) -> impl IntoView {
    (0..MAX_COORDINATORS)
        .map(|i| {
            let row = given.get(i).cloned().unwrap_or_default();
            let n = (i + 1).to_string();
            view! {
                <div class="coordinator-row">
                    <Field name=coordinator_field(i, "name") label=t_with("hubs.coordinator-name", &[("n", &n)]) value=row.name required=i == 0 />
                    <Field name=coordinator_field(i, "email") kind="email" label=t_with("hubs.coordinator-email", &[("n", &n)]) value=row.email required=i == 0 />
                </div>
            }
        })
        .collect_view()
}

fn hub_form_view(p: &HubFormPage) -> impl IntoView {
    let f = p.form.clone();
    let countries = COUNTRIES
        .iter()
        .map(|c| (c.code.to_string(), c.name.to_string()))
        .collect::<Vec<_>>();
    let submit = if p.hub.is_some() {
        t("hubs.save")
    } else {
        t("hubs.submit")
    };
    let forum = p.forum_code.clone();
    let hub = p.hub.clone().unwrap_or_default();
    let coordinators = f.coordinators.clone();
    view! {
        <PostForm action="/api/hubs/save" class="stack" label=t("hubs.form")>
            <Hidden name="forum" value=forum />
            <Hidden name="hub" value=hub />
            <Choice name="country" label=t("field.country") options=countries value=f.country.clone() empty=t("hubs.choose-country") />
            <Field name="city" label=t("hubs.field.city") value=f.city.clone() required=true />
            <Field name="institution" label=t("hubs.field.institution") value=f.institution.clone() required=true hint=t("hubs.field.institution-hint") />
            <Field name="expected_participants" kind="number" label=t("hubs.field.expected") value=f.expected_participants.clone() required=true hint=t("hubs.field.expected-hint") />
            <fieldset class="coordinators">
                <legend>{t("hubs.coordinators")}</legend>
                <p class="hint">{t("hubs.coordinators-hint")}</p>
                <GroupError name="coordinators" />
                {coordinator_rows(coordinators)}
            </fieldset>
            <TextArea name="description" label=t("hubs.field.description") value=f.description.clone() hint=t("hubs.field.description-hint") rows=4 />
            <TextArea name="address" label=t("hubs.field.address") value=f.address.clone() hint=t("hubs.field.address-hint") rows=3 />
            <Field name="website" kind="url" label=t("hubs.field.website") value=f.website.clone() hint=t("hubs.field.website-hint") />
            <Submit label=submit />
        </PostForm>
    }
}

/// The form that registers a hub (`/forums/:forum/hubs/new`) or edits one's
/// own waiting hub (`/forums/:forum/hubs/:hub/edit`).
#[component]
pub fn HubEditorPage() -> impl IntoView {
    let code = forum_code();
    let hub = use_params_map().read_untracked().get("hub");
    let data = Resource::new_blocking(
        move || (code.clone(), hub.clone()),
        |(forum, hub)| hub_form(forum, hub),
    );
    loaded(data, |p: HubFormPage| {
        let title = if p.hub.is_some() {
            t_with("hubs.edit-title", &[("forum", &p.forum_name)])
        } else {
            t_with("hubs.new-title", &[("forum", &p.forum_name)])
        };
        let back = format!("/forums/{}/hubs", p.forum_code);
        let body = if p.open {
            hub_form_view(&p).into_any()
        } else {
            view! { <p>{t("hubs.closed")}</p> }.into_any()
        };
        view! {
            <Title text=title.clone() />
            <h1>{title}</h1>
            <Notice />
            <p>{t("hubs.form-intro")}</p>
            {body}
            <p><a href=back>{t("hubs.back")}</a></p>
        }
    })
}

fn figures(m: &ManageHubs) -> impl IntoView {
    let count = |s: State| {
        m.counts
            .iter()
            .filter(|(cs, _)| *cs == s)
            .map(|(_, n)| *n)
            .sum::<u32>()
    };
    let rows = State::ALL
        .iter()
        .map(|s| {
            view! {
                <tr>
                    <th scope="row">{t(&s.label_key())}</th>
                    <td>{count(*s)}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <table class="figures">
            <caption>{t("hubs.figures")}</caption>
            <thead><tr><th scope="col">{t("hubs.state")}</th><th scope="col">{t("hubs.count")}</th></tr></thead>
            <tbody>{rows}</tbody>
        </table>
    }
}

fn filter(m: &ManageHubs, chosen: &str) -> impl IntoView {
    let options = State::ALL
        .iter()
        .map(|s| {
            let selected = s.code() == chosen;
            view! { <option value=s.code() selected=selected>{t(&s.label_key())}</option> }
        })
        .collect_view();
    view! {
        <form method="get" action=format!("/forums/{}/hubs/manage", m.forum_code) class="filters" aria-label=t("hubs.filter")>
            <label for="filter-state">{t("hubs.state")}</label>
            <select id="filter-state" name="state">
                <option value="">{t("hubs.any")}</option>
                {options}
            </select>
            <button type="submit">{t("hubs.apply")}</button>
        </form>
    }
}

fn managed(forum: &str, h: &HubRow, back: &str) -> impl IntoView {
    let title_id = format!("hub-{}", h.id);
    let labelled = title_id.clone();
    let coordinators = h
        .coordinators
        .iter()
        .map(|(name, email)| view! { <li>{name.clone()} " " <bdi>"<" {email.clone()} ">"</bdi></li> })
        .collect_view();
    let optional = |key: &'static str, value: &str| {
        (!value.is_empty()).then(|| {
            let v = value.to_string();
            view! { <dt>{t(key)}</dt><dd class="pre-line"><bdi>{v}</bdi></dd> }
        })
    };
    let may_approve = decide(h.state, Decision::Approve).is_some();
    let may_reject = decide(h.state, Decision::Reject).is_some();
    let actions = (may_approve || may_reject).then(|| {
        let (forum, id, back) = (forum.to_string(), h.id.clone(), back.to_string());
        let error = failed_row_field("/api/hubs/decide", "hub", &id, "reason");
        let label = t_with("hubs.decide-named", &[("hub", &h.institution)]);
        view! {
            <PostForm action="/api/hubs/decide" class="stack decide" label=label row=("hub", vec![id.clone()])>
                <Hidden name="forum" value=forum />
                <Hidden name="hub" value=id.clone() />
                <Hidden name="back" value=back />
                {may_reject.then(|| view! {
                    <ScopedInput id=format!("reason-{id}") name="reason" label=t("hubs.reason-field") error=error />
                })}
                <div class="actions">
                    {may_approve.then(|| view! {
                        <button type="submit" name="decision" value="approve" class="primary">{t("hubs.approve")}</button>
                    })}
                    " "
                    {may_reject.then(|| view! {
                        <button type="submit" name="decision" value="reject">{t("hubs.reject")}</button>
                    })}
                </div>
            </PostForm>
        }
    });
    view! {
        <li>
            <article class="hub managed" aria-labelledby=labelled>
                <h2 id=title_id>{h.institution.clone()} ", " {h.city.clone()} ", " {h.country_name.clone()}</h2>
                <p>{state_badge(h.state)}</p>
                <dl class="facts">
                    <dt>{t("hubs.coordinators")}</dt>
                    <dd><ul>{coordinators}</ul></dd>
                    <dt>{t("hubs.field.expected")}</dt>
                    <dd>{h.expected_participants}</dd>
                    <dt>{t("hubs.registrant")}</dt>
                    <dd>{h.registrant.clone()} " " <bdi>"<" {h.registrant_email.clone()} ">"</bdi></dd>
                    <dt>{t("hubs.registered-at")}</dt>
                    <dd>{h.registered_at.clone()}</dd>
                    {optional("hubs.field.address", &h.address)}
                    {optional("hubs.field.website", &h.website)}
                    {optional("hubs.field.description", &h.description)}
                    {optional("hubs.reason-given", &h.reason)}
                </dl>
                {actions}
            </article>
        </li>
    }
}

/// The organisers' page: every hub of the edition, by state.
#[component]
pub fn ManageHubsPage() -> impl IntoView {
    let code = forum_code();
    let query = use_query_map();
    let args = move || (code.clone(), query.get().get("state").unwrap_or_default());
    let data = Resource::new_blocking(args, |(forum, state)| manage_hubs(forum, Some(state)));
    loaded(data, move |m: ManageHubs| {
        let chosen = query.get_untracked().get("state").unwrap_or_default();
        let back = if chosen.is_empty() {
            format!("/forums/{}/hubs/manage", m.forum_code)
        } else {
            format!(
                "/forums/{}/hubs/manage?state={}",
                m.forum_code,
                crate::web::encode(&chosen)
            )
        };
        let title = t_with("hubs.manage-title", &[("forum", &m.forum_name)]);
        let list = if m.rows.is_empty() {
            view! { <p>{t("hubs.none-here")}</p> }.into_any()
        } else {
            let rows = m
                .rows
                .iter()
                .map(|h| managed(&m.forum_code, h, &back))
                .collect_view();
            view! { <ul class="hub-list managed-list">{rows}</ul> }.into_any()
        };
        view! {
            <Title text=title.clone() />
            <h1>{title}</h1>
            <Notice />
            <p><a href=format!("/forums/{}/hubs", m.forum_code)>{t("hubs.public-link")}</a></p>
            {figures(&m)}
            {filter(&m, &chosen)}
            {list}
        }
    })
}
