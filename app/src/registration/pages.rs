//! Registration's pages: a person's registration for an edition, the
//! organisers' list with setup and decisions in bulk, and the badge desk.

use super::api::{badge, registration_page, registrations};
use super::questions::{Kind, Question, YES_NO};
use super::{CheckIn, Mode, RegistrationForm, RegistrationPage, Registrations, State};
use crate::accounts::countries::COUNTRIES;
use crate::accounts::{Gender, StakeholderGroup};
use crate::forums::pages::forum_code;
use crate::forums::rules::UN_LANGUAGES;
use crate::i18n::{t, t_with};
use crate::ui::forms::{
    Checkbox, CheckboxGroup, Choice, Field, Hidden, PostForm, Refused, Submit, TextArea,
};
use crate::ui::layout::{loaded, ColumnHeads, Notice};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

fn labelled(items: impl Iterator<Item = (&'static str, String)>) -> Vec<(String, String)> {
    items
        .map(|(code, key)| (code.to_string(), t(&key)))
        .collect()
}

fn form(p: &RegistrationPage) -> impl IntoView {
    let f: RegistrationForm = p.prefill.clone();
    let forum = p.forum_code.clone();
    let full = p.onsite_full;
    let notice = p.privacy_notice.clone();
    let modes = labelled(Mode::ALL.iter().map(|m| (m.code(), m.label_key())));
    let countries = COUNTRIES
        .iter()
        .map(|c| (c.code.to_string(), c.name.to_string()))
        .collect::<Vec<_>>();
    let groups = labelled(
        StakeholderGroup::ALL
            .iter()
            .map(|g| (g.code(), g.label_key())),
    );
    let genders = labelled(Gender::ALL.iter().map(|g| (g.code(), g.label_key())));
    let languages = labelled(UN_LANGUAGES.iter().map(|l| (*l, format!("language.{l}"))));
    let (questions, answers) = (p.questions.clone(), f.answers.clone());
    view! {
        <PostForm action="/api/registration/register" class="stack" label=t("registration.form")>
            <Hidden name="forum" value=forum />
            <Choice name="mode" label=t("registration.field.mode") options=modes value=f.mode />
            {full.then(|| view! { <p class="hint">{t("registration.onsite-full")}</p> })}
            <Field name="badge_name" label=t("registration.field.badge-name") value=f.badge_name autocomplete="name" required=true hint=t("registration.field.badge-name-hint") />
            <Field name="organisation" label=t("field.organisation") value=f.organisation autocomplete="organization" />
            <Choice name="country" label=t("field.country") options=countries value=f.country empty=t("field.not-given") />
            <Choice name="stakeholder_group" label=t("field.stakeholder-group") options=groups value=f.stakeholder_group empty=t("field.not-given") />
            <Choice name="gender" label=t("field.gender") options=genders value=f.gender empty=t("field.not-given") />
            <Checkbox name="first_time" label=t("field.first-time") checked=f.first_time />
            <TextArea name="accessibility" label=t("registration.field.accessibility") value=f.accessibility hint=t("registration.field.accessibility-hint") rows=3 />
            <Choice name="interpretation_language" label=t("registration.field.interpretation") options=languages value=f.interpretation_language empty=t("field.not-given") />
            <Checkbox name="listed" label=t("registration.field.listed") checked=f.listed />
            {extra_questions(questions, answers)}
            <section class="privacy-notice" aria-labelledby="privacy-title">
                <h2 id="privacy-title">{t("registration.privacy")}</h2>
                <div inner_html=notice></div>
            </section>
            <CheckboxGroup legend=t("registration.privacy") error_name="privacy">
                <Checkbox name="privacy" label=t("registration.field.privacy") />
            </CheckboxGroup>
            <Submit label=t("registration.submit") />
        </PostForm>
    }
}

/// The organisers' extra questions, each a field named `answer[q<id>]`.
/// Built inside the form (its fields find the form's failed submission).
fn extra_questions(
    questions: Vec<Question>,
    answers: std::collections::HashMap<String, String>,
) -> Option<AnyView> {
    (!questions.is_empty()).then(|| {
        let fields = questions
            .iter()
            .map(|q| {
                let value = answers.get(&q.key()).cloned().unwrap_or_default();
                let label = if q.required {
                    t_with("registration.question.required-label", &[("label", &q.label)])
                } else {
                    q.label.clone()
                };
                match q.kind {
                    Kind::Text => view! { <TextArea name=q.field() label=label value=value rows=2 /> }.into_any(),
                    Kind::Choice => {
                        let options = q.choices.iter().map(|c| (c.clone(), c.clone())).collect();
                        view! { <Choice name=q.field() label=label options=options value=value empty=t("field.not-given") /> }.into_any()
                    }
                    Kind::YesNo => {
                        let options = labelled(YES_NO.iter().map(|a| (*a, format!("registration.answer.{a}"))));
                        view! { <Choice name=q.field() label=label options=options value=value empty=t("field.not-given") /> }.into_any()
                    }
                }
            })
            .collect_view();
        view! {
            <fieldset class="extra-questions">
                <legend>{t("registration.questions")}</legend>
                {fields}
            </fieldset>
        }
        .into_any()
    })
}

/// Asking to take part another way (or withdrawing what was asked).
fn mode_change(forum: String, m: &super::MyRegistration) -> impl IntoView {
    let other = match m.mode {
        Mode::Onsite => Mode::Online,
        Mode::Online => Mode::Onsite,
    };
    let asked = m.requested_mode.map(|r| {
        view! { <p role="status">{t_with("registration.mode-asked", &[("mode", &t(&r.label_key()))])}</p> }
    });
    let (to, label) = match m.requested_mode {
        Some(_) => (m.mode, t("registration.mode-withdraw")),
        None => (
            other,
            t_with("registration.mode-ask", &[("mode", &t(&other.label_key()))]),
        ),
    };
    view! {
        <section class="mode-change" aria-labelledby="mode-change-title">
            <h3 id="mode-change-title">{t("registration.mode-change")}</h3>
            {asked}
            <p class="hint">{t("registration.mode-change-hint")}</p>
            <PostForm action="/api/registration/mode" class="inline">
                <Hidden name="forum" value=forum />
                <Hidden name="mode" value=to.code() />
                <button type="submit">{label}</button>
            </PostForm>
        </section>
    }
}

fn mine(p: &RegistrationPage) -> Option<impl IntoView> {
    let m = p.mine.clone()?;
    let badge = m.badge.clone().map(|(code, svg)| {
        view! {
            <section class="badge" aria-labelledby="badge-title">
                <h2 id="badge-title">{t("registration.badge")}</h2>
                <p>{t("registration.badge-hint")}</p>
                <div class="qr" role="img" aria-label=t_with("registration.badge-qr", &[("code", &code)]) inner_html=svg></div>
                <p class="badge-code"><code>{code}</code></p>
            </section>
        }
    });
    let forum = p.forum_code.clone();
    let reminders = m.state.is_live().then(|| {
        let choices = labelled(
            crate::reminders::Choice::ALL
                .iter()
                .map(|c| (c.code(), c.label_key())),
        );
        let forum = forum.clone();
        let chosen = m.reminders.clone();
        view! {
            <PostForm action="/api/registration/reminders" class="stack" label=t("reminders.title")>
                <Hidden name="forum" value=forum />
                <Choice name="reminders" label=t("reminders.field") options=choices value=chosen />
                <p class="hint">{t("reminders.field-hint")}</p>
                <Submit label=t("reminders.submit") />
            </PostForm>
        }
    });
    let certificate =
        view! { <crate::certificates::pages::CertificateOffer forum=forum.clone() /> };
    let change = m.state.is_live().then(|| mode_change(forum.clone(), &m));
    let answers = (!m.answers.is_empty()).then(|| {
        m.answers
            .iter()
            .map(|(q, a)| {
                let shown = if YES_NO.contains(&a.as_str()) {
                    t(&format!("registration.answer.{a}"))
                } else {
                    a.clone()
                };
                view! { <dt>{q.clone()}</dt><dd class="pre-line">{shown}</dd> }
            })
            .collect_view()
    });
    let cancel = m.state.is_live().then(move || {
        view! {
            <PostForm action="/api/registration/cancel" class="inline">
                <Hidden name="forum" value=forum />
                <button type="submit">{t("registration.cancel")}</button>
            </PostForm>
        }
    });
    Some(view! {
        <section class="my-registration" aria-labelledby="mine-title">
            <h2 id="mine-title">{t("registration.mine")}</h2>
            <dl>
                <dt>{t("registration.state")}</dt>
                <dd><span class=format!("state state-{}", m.state.code())>{t(&m.state.label_key())}</span></dd>
                <dt>{t("registration.field.mode")}</dt>
                <dd>{t(&m.mode.label_key())}</dd>
                <dt>{t("registration.field.badge-name")}</dt>
                <dd>{m.badge_name.clone()}</dd>
                <dt>{t("field.organisation")}</dt>
                <dd>{m.organisation.clone()}</dd>
                <dt>{t("registration.registered-at")}</dt>
                <dd>{m.registered_at.clone()}</dd>
                {answers}
            </dl>
            {(!m.reason.is_empty()).then(|| view! { <p>{t("registration.reason")} ": " {m.reason.clone()}</p> })}
            {m.checked_in.then(|| view! { <p>{t("registration.checked-in")}</p> })}
            {badge}
            {change}
            {reminders}
            {certificate}
            {cancel}
        </section>
    })
}

#[component]
pub fn RegisterPage() -> impl IntoView {
    let code = forum_code();
    let data = Resource::new_blocking(move || code.clone(), registration_page);
    loaded(data, |p: RegistrationPage| {
        let title = t_with("registration.title", &[("forum", &p.forum_name)]);
        let can_register = p.mine.as_ref().is_none_or(|m| m.state == State::Cancelled);
        // A refusal when the form is not shown (registered already): said here.
        let refused = crate::ui::use_page()
            .submitted
            .filter(|s| s.action == "/api/registration/register" && !can_register)
            .map(
                |s| view! { <div class="form-error" role="alert">{t(s.error.message_key())}</div> },
            );
        let body = if !can_register {
            None
        } else if !p.open {
            Some(view! { <p>{t("registration.closed")}</p> }.into_any())
        } else if !p.signed_in {
            Some(
                view! {
                    <p><a href="/account/sign-in">{t("registration.sign-in-first")}</a></p>
                }
                .into_any(),
            )
        } else {
            Some(form(&p).into_any())
        };
        view! {
            <Title text=title.clone() />
            <h1>{title}</h1>
            <Notice />
            {refused}
            {p.closes_at.clone().filter(|_| p.open).map(|c| view! { <p>{t_with("registration.closes", &[("at", &c)])}</p> })}
            {mine(&p)}
            {p.mine.as_ref().is_none_or(|m| !m.state.is_live()).then(|| view! {
                <Refused action="/api/registration/reminders" />
                <Refused action="/api/registration/mode" />
            })}
            <p><a href=format!("/forums/{}/participants", p.forum_code)>{t("participants.link")}</a></p>
            {body}
        }
    })
}

fn setup_form(r: &Registrations) -> impl IntoView {
    let s = r.setup.clone();
    let forum = r.forum_code.clone();
    let capacity = s.onsite_capacity.map(|c| c.to_string()).unwrap_or_default();
    view! {
        <details class="setup" open=!s.open>
            <summary>{t("registration.setup")}</summary>
            <PostForm action="/api/registration/setup" class="stack">
                <Hidden name="forum" value=forum />
                <Checkbox name="open" label=t("registration.setup.open") checked=s.open />
                <Field name="closes_at" kind="datetime-local" label=t("registration.setup.closes") value=s.closes_at hint=t("registration.setup.closes-hint") />
                <Field name="onsite_capacity" kind="number" label=t("registration.setup.capacity") value=capacity hint=t("registration.setup.capacity-hint") />
                <Checkbox name="online_needs_approval" label=t("registration.setup.online-approval") checked=s.online_needs_approval />
                <TextArea name="privacy_notice" label=t("registration.setup.notice") value=s.privacy_notice hint=t("registration.setup.notice-hint") rows=6 />
                <Field name="reminder_lead_minutes" kind="number" label=t("reminders.setup.lead") value=s.reminder_lead_minutes.to_string() hint=t("reminders.setup.lead-hint") />
                <Field name="digest_hour" kind="number" label=t("reminders.setup.hour") value=s.digest_hour.to_string() hint=t("reminders.setup.hour-hint") />
                <Submit label=t("registration.setup.submit") />
            </PostForm>
        </details>
    }
}

/// The organisers' extra questions: the list with a remove button each,
/// and the form that adds one.
fn questions_form(r: &Registrations) -> impl IntoView {
    let forum = r.forum_code.clone();
    let kinds = labelled(Kind::ALL.iter().map(|k| (k.code(), k.label_key())));
    let listed = r
        .questions
        .iter()
        .map(|q| {
            let forum = forum.clone();
            let kind = t(&q.kind.label_key());
            let required = q.required.then(|| view! { " · " {t("registration.question.required")} });
            let choices = (!q.choices.is_empty()).then(|| view! { <br /><span class="hint">{q.choices.join(" · ")}</span> });
            let remove_label = t_with("registration.question.remove-named", &[("label", &q.label)]);
            let id = q.id.clone();
            view! {
                <li>
                    <strong>{q.label.clone()}</strong> " (" {kind} {required} ")" {choices}
                    <PostForm action="/api/registration/question-remove" class="inline" row=("question", vec![id.clone()])>
                        <Hidden name="forum" value=forum />
                        <Hidden name="question" value=id />
                        <button type="submit" aria-label=remove_label>{t("registration.question.remove")}</button>
                    </PostForm>
                </li>
            }
        })
        .collect_view();
    let none = r
        .questions
        .is_empty()
        .then(|| view! { <p>{t("registration.question.none")}</p> });
    view! {
        <details class="questions" id="questions" open=r.questions.is_empty()>
            <summary>{t("registration.questions")}</summary>
            {none}
            <ol>{listed}</ol>
            <PostForm action="/api/registration/question-add" class="stack" label=t("registration.question.add")>
                <Hidden name="forum" value=forum.clone() />
                <Field name="label" label=t("registration.question.label") required=true />
                <Choice name="kind" label=t("registration.question.kind") options=kinds value=Kind::Text.code() />
                <TextArea name="choices" label=t("registration.question.choices") hint=t("registration.question.choices-hint") rows=3 />
                <Checkbox name="required" label=t("registration.question.required") />
                <Submit label=t("registration.question.add") />
            </PostForm>
        </details>
    }
}

fn figures(r: &Registrations) -> impl IntoView {
    let count = |s: State, m: Mode| {
        r.counts
            .iter()
            .filter(|(cs, cm, _)| *cs == s && *cm == m)
            .map(|(_, _, n)| *n)
            .sum::<u32>()
    };
    let rows = State::ALL
        .iter()
        .map(|s| {
            view! {
                <tr>
                    <th scope="row">{t(&s.label_key())}</th>
                    <td>{count(*s, Mode::Onsite)}</td>
                    <td>{count(*s, Mode::Online)}</td>
                </tr>
            }
        })
        .collect_view();
    let capacity = r.onsite_capacity.map(|c| {
        let taken = count(State::Approved, Mode::Onsite).to_string();
        view! { <p>{t_with("registration.places", &[("taken", &taken), ("capacity", &c.to_string())])}</p> }
    });
    view! {
        <table class="figures">
            <caption>{t("registration.figures")}</caption>
            <thead><tr><td></td><th scope="col">{t("registration.mode.onsite")}</th><th scope="col">{t("registration.mode.online")}</th></tr></thead>
            <tbody>{rows}</tbody>
        </table>
        {capacity}
    }
}

fn filters(r: &Registrations) -> impl IntoView {
    let state = r
        .filters
        .state
        .map(|s| s.code().to_string())
        .unwrap_or_default();
    let mode = r
        .filters
        .mode
        .map(|m| m.code().to_string())
        .unwrap_or_default();
    let q = r.filters.words.clone();
    let asking = r.filters.asking;
    let states = labelled(State::ALL.iter().map(|s| (s.code(), s.label_key())));
    let modes = labelled(Mode::ALL.iter().map(|m| (m.code(), m.label_key())));
    let option = |(v, l): (String, String), current: &str| {
        let selected = v == current;
        view! { <option value=v selected=selected>{l}</option> }
    };
    view! {
        <form method="get" action=format!("/forums/{}/registrations", r.forum_code) class="filters" aria-label=t("registration.filter")>
            <label for="filter-state">{t("registration.state")}</label>
            <select id="filter-state" name="state">
                <option value="">{t("registration.any")}</option>
                {states.into_iter().map(|o| option(o, &state)).collect_view()}
            </select>
            <label for="filter-mode">{t("registration.field.mode")}</label>
            <select id="filter-mode" name="mode">
                <option value="">{t("registration.any")}</option>
                {modes.into_iter().map(|o| option(o, &mode)).collect_view()}
            </select>
            <label for="filter-q">{t("registration.search")}</label>
            <input id="filter-q" name="q" type="search" value=q />
            <input id="filter-asking" name="asking" type="checkbox" value="on" checked=asking />
            <label for="filter-asking">{t("registration.asking")}</label>
            <button type="submit">{t("registration.apply")}</button>
        </form>
    }
}

fn table(r: &Registrations, back: String) -> impl IntoView {
    let rows = r
        .rows
        .iter()
        .map(|x| {
            let id = format!("pick-{}", x.id);
            view! {
                <tr>
                    <td><input type="checkbox" id=id.clone() name="chosen[]" value=x.id.clone() form="decisions" /></td>
                    <th scope="row"><label for=id>{x.name.clone()}</label><br /><bdi>{x.email.clone()}</bdi></th>
                    <td>{x.badge_name.clone()}</td>
                    <td>{x.organisation.clone()}</td>
                    <td>{x.country.clone().unwrap_or_default()}</td>
                    <td>{x.stakeholder_group.as_deref().and_then(StakeholderGroup::from_code).map(|g| t(&g.label_key())).unwrap_or_default()}</td>
                    <td>{t(&x.mode.label_key())}
                        {x.requested_mode.map(|m| view! { <br /><span class="asked">{t_with("registration.asks-for", &[("mode", &t(&m.label_key()))])}</span> })}</td>
                    <td><span class=format!("state state-{}", x.state.code())>{t(&x.state.label_key())}</span>
                        {x.checked_in.then(|| view! { " " {t("registration.checked-in-short")} })}</td>
                    <td>{x.registered_at.clone()}</td>
                </tr>
            }
        })
        .collect_view();
    let heads = vec![
        t("registration.choose"),
        t("field.name"),
        t("registration.field.badge-name"),
        t("field.organisation"),
        t("field.country"),
        t("field.stakeholder-group"),
        t("registration.field.mode"),
        t("registration.state"),
        t("registration.registered-at"),
    ];
    let forum = r.forum_code.clone();
    let f = r.filters.clone();
    let everyone = t_with(
        "registration.matching",
        &[("count", &r.matched.to_string())],
    );
    view! {
        <PostForm action="/api/registration/decide" id="decisions" class="stack decisions" label=t("registration.decide")>
            <Hidden name="forum" value=forum />
            <Hidden name="back" value=back />
            <Hidden name="f_state" value=f.state.map(|s| s.code()).unwrap_or_default() />
            <Hidden name="f_mode" value=f.mode.map(|m| m.code()).unwrap_or_default() />
            <Hidden name="f_asking" value=if f.asking { "on" } else { "" } />
            <Hidden name="f_q" value=f.words.clone() />
            <Checkbox name="matching" label=everyone />
            <TextArea name="reason" label=t("registration.reason-field") hint=t("registration.reason-hint") rows=2 />
            <div class="actions">
                <button type="submit" name="decision" value="approve" class="primary">{t("registration.approve")}</button>
                " "
                <button type="submit" name="decision" value="reject">{t("registration.reject")}</button>
                " "
                <button type="submit" name="decision" value="approve-change">{t("registration.approve-change")}</button>
                " "
                <button type="submit" name="decision" value="refuse-change">{t("registration.refuse-change")}</button>
            </div>
        </PostForm>
        <div class="table-scroll" tabindex="0" role="region" aria-label=t("registration.list")>
            <table class="registrations">
                <caption>{t_with("registration.shown", &[("count", &r.rows.len().to_string()), ("matched", &r.matched.to_string())])}</caption>
                <ColumnHeads labels=heads />
                <tbody>{rows}</tbody>
            </table>
        </div>
    }
}

#[component]
pub fn RegistrationsPage() -> impl IntoView {
    let code = forum_code();
    let query = use_query_map();
    let args = move || {
        let q = query.get();
        (
            code.clone(),
            q.get("state").unwrap_or_default(),
            q.get("mode").unwrap_or_default(),
            q.get("asking").unwrap_or_default(),
            q.get("q").unwrap_or_default(),
        )
    };
    let data = Resource::new_blocking(args, |(forum, state, mode, asking, q)| {
        registrations(forum, Some(state), Some(mode), Some(asking), Some(q))
    });
    loaded(data, move |r: Registrations| {
        let q = query.get_untracked();
        let chosen = r.filters.query();
        let back = format!("/forums/{}/registrations?{chosen}", r.forum_code);
        let csv = format!("/forums/{}/registrations.csv?{chosen}", r.forum_code);
        let decided = q.get("approved").map(|a| {
            t_with(
                "registration.decided",
                &[
                    ("approved", &a),
                    ("waitlisted", &q.get("waitlisted").unwrap_or_default()),
                    ("rejected", &q.get("rejected").unwrap_or_default()),
                ],
            )
        });
        let full = q
            .get("full")
            .filter(|n| n != "0" && !n.is_empty())
            .map(|n| t_with("registration.decided-full", &[("count", &n)]));
        let title = t_with("registration.list-title", &[("forum", &r.forum_name)]);
        view! {
            <Title text=title.clone() />
            <h1>{title}</h1>
            <Notice />
            {decided.map(|d| view! { <p role="status">{d}</p> })}
            {full.map(|d| view! { <p role="status">{d}</p> })}
            <p><a href=format!("/forums/{}/check-in", r.forum_code)>{t("registration.check-in")}</a>
                " · " <a href=format!("/forums/{}/certificates", r.forum_code)>{t("certificates.list")}</a>
                " · " <a href=format!("/forums/{}/hubs/manage", r.forum_code)>{t("hubs.manage")}</a>
                " · " <a href=format!("/forums/{}/participants", r.forum_code)>{t("participants.link")}</a></p>
            {setup_form(&r)}
            {questions_form(&r)}
            {figures(&r)}
            {filters(&r)}
            <p><a href=csv download="">{t("registration.csv")}</a></p>
            {table(&r, back)}
        }
    })
}

fn checked(c: &CheckIn) -> impl IntoView {
    view! {
        <section class="checked" aria-labelledby="checked-title">
            <h2 id="checked-title">{c.badge_name.clone()}</h2>
            <dl>
                <dt>{t("field.name")}</dt>
                <dd>{c.name.clone()}</dd>
                <dt>{t("field.organisation")}</dt>
                <dd>{c.organisation.clone()}</dd>
                <dt>{t("registration.field.mode")}</dt>
                <dd>{t(&c.mode.label_key())}</dd>
                <dt>{t("registration.state")}</dt>
                <dd><span class=format!("state state-{}", c.state.code())>{t(&c.state.label_key())}</span></dd>
                <dt>{t("registration.checked-in-at")}</dt>
                <dd>{c.checked_in_at.clone().unwrap_or_else(|| t("registration.not-yet"))}</dd>
            </dl>
        </section>
    }
}

#[component]
pub fn CheckInPage() -> impl IntoView {
    let code = forum_code();
    let query = use_query_map();
    let args = move || (code.clone(), query.get().get("badge").unwrap_or_default());
    let data = Resource::new_blocking(args, |(forum, code)| async move {
        if code.is_empty() {
            // Only the rights are checked: an empty code finds nobody.
            badge(forum, "-".into()).await.map(|_| None)
        } else {
            badge(forum, code).await
        }
    });
    let forum = forum_code();
    loaded(data, move |found: Option<CheckIn>| {
        let asked = !query
            .get_untracked()
            .get("badge")
            .unwrap_or_default()
            .is_empty();
        let forum_field = forum.clone();
        view! {
            <Title text=t("registration.check-in") />
            <h1>{t("registration.check-in")}</h1>
            <Notice />
            <PostForm action="/api/registration/check-in" class="stack">
                <Hidden name="forum" value=forum_field.clone() />
                <Field name="badge" label=t("registration.badge-code") autocomplete="off" required=true hint=t("registration.badge-code-hint") />
                <Submit label=t("registration.check-in-submit") />
            </PostForm>
            {match found {
                Some(c) => checked(&c).into_any(),
                None if asked => view! { <p role="alert">{t("registration.badge-unknown")}</p> }.into_any(),
                None => ().into_any(),
            }}
        }
    })
}
