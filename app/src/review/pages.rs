//! Pages of review assignment: the organisers' board (calls and their review
//! load, reviewers and their loads, proposals short of reviewers, teams) and a
//! reviewer's own list with "declare a conflict". Plain forms throughout.

use super::{AssignmentBoard, MyReviews, ReviewerLoad};
use crate::forums::pages::forum_code;
use crate::i18n::{t, t_with};
use crate::ui::forms::{
    failed_row_field, CheckboxGroup, ChoiceBox, Field, Hidden, PostForm, ScopedInput, Submit,
};
use crate::ui::layout::{loaded, ColumnHeads, Notice};
use crate::ui::use_page;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

/// A select of the edition's reviewers (by email).
#[component]
fn ReviewerSelect(
    id: String,
    label: String,
    reviewers: Vec<ReviewerLoad>,
    error: Option<String>,
) -> impl IntoView {
    let error_id = format!("{id}-error");
    let has_error = error.is_some();
    view! {
        <div class="field" class:has-error=has_error>
            <label for=id.clone()>{label}</label>
            <select id=id name="email" aria-describedby=error.as_ref().map(|_| error_id.clone())>
                {reviewers.into_iter().map(|r| view! {
                    <option value=r.email.clone()>{format!("{} <{}>", r.name, r.email)}</option>
                }).collect_view()}
            </select>
            {error.map(|e| view! { <p class="field-error" id=error_id>{e}</p> })}
        </div>
    }
}

#[component]
fn Calls(board: AssignmentBoard) -> impl IntoView {
    let forum = board.forum_code.clone();
    board.calls.into_iter().enumerate().map(|(i, c)| {
        let call_id = c.id.to_string();
        let n_error = failed_row_field("/api/review/run", "call", &call_id, "reviews_per_proposal");
        let max_error = failed_row_field("/api/review/run", "call", &call_id, "max_per_reviewer");
        let short_count = c.short.len();
        let reviewers = board.reviewers.clone();
        let forum = forum.clone();
        let forum_short = forum.clone();
        let short = (!c.short.is_empty()).then(move || {
            let forum = forum_short;
            let options = c.short.iter().map(|p| view! {
                <option value=p.proposal.to_string()>{format!("{} — {} ({})", p.code, p.title, t_with("review.missing", &[("n", &p.missing.to_string())]))}</option>
            }).collect_view();
            let short_ids: Vec<String> = c.short.iter().map(|p| p.proposal.to_string()).collect();
            let hand_error = use_page()
                .submitted
                .filter(|s| s.action == "/api/review/assign")
                .filter(|s| s.value("proposal").is_some_and(|v| short_ids.iter().any(|x| x == v)))
                .and_then(|s| s.error.field_message("email").map(t));
            view! {
                <h3>{t_with("review.short", &[("n", &short_count.to_string())])}</h3>
                <PostForm action="/api/review/assign" class="stack" row=("proposal", short_ids)>
                    <Hidden name="forum" value=forum.clone() />
                    <div class="field">
                        <label for=format!("hand-{i}-proposal")>{t("review.proposal")}</label>
                        <select id=format!("hand-{i}-proposal") name="proposal">{options}</select>
                    </div>
                    <ReviewerSelect id=format!("hand-{i}-reviewer") label=t("review.reviewer") reviewers error=hand_error />
                    <Submit label=t("review.assign-by-hand") />
                </PostForm>
            }
        });
        view! {
            <section aria-labelledby=format!("call-{i}")>
                <h2 id=format!("call-{i}")>{c.title.clone()}</h2>
                <p>{t_with("review.call-figures", &[
                    ("proposals", &c.proposals.to_string()),
                    ("assigned", &c.assigned.to_string()),
                    ("n", &c.reviews_per_proposal.to_string()),
                ])}</p>
                <PostForm action="/api/review/run" class="stack" row=("call", vec![call_id.clone()])>
                    <Hidden name="forum" value=forum.clone() />
                    <Hidden name="call" value=call_id.clone() />
                    <ScopedInput id=format!("run-{i}-n") name="reviews_per_proposal" label=t("review.reviews-per-proposal")
                        kind="number" value=c.reviews_per_proposal.to_string() error=n_error />
                    <ScopedInput id=format!("run-{i}-max") name="max_per_reviewer" label=t("review.max-per-reviewer")
                        kind="number" value=c.max_per_reviewer.map(|m| m.to_string()).unwrap_or_default() error=max_error />
                    <div class="field checkbox">
                        <input id=format!("run-{i}-blind") name="blind" type="checkbox" value="on" checked=c.blind />
                        <label for=format!("run-{i}-blind")>{t("review.blind")}</label>
                    </div>
                    <Submit label=t("review.run") />
                </PostForm>
                {short}
            </section>
        }
    }).collect_view().into_any()
}

#[component]
fn Reviewers(board: AssignmentBoard) -> impl IntoView {
    let forum = board.forum_code.clone();
    let heads = vec![
        t("field.name"),
        t("field.organisation"),
        t("review.teams"),
        t("review.assigned"),
        t("review.conflicts"),
        t("forums.team.actions"),
    ];
    let rows = board.reviewers.iter().map(|r| view! {
        <tr>
            <td>{r.name.clone()} <br /><small>{r.email.clone()}</small></td>
            <td>{r.organisation.clone()}</td>
            <td>{r.teams.join(", ")}</td>
            <td>{r.assigned.to_string()}</td>
            <td>{r.conflicts.to_string()}</td>
            <td><a href=format!("/forums/{}/review/assignment?reviewer={}#chosen", forum, r.id)
                aria-label=t_with("review.show-named", &[("name", &r.name)])>{t("review.show")}</a></td>
        </tr>
    }).collect_view();
    let chosen = board.chosen.clone().map(|(r, lines)| {
        let forum = forum.clone();
        view! {
            <h3 id="chosen">{t_with("review.proposals-of", &[("name", &r.name)])}</h3>
            <ul>
                {lines.into_iter().map(|l| {
                    let forum = forum.clone();
                    view! {
                        <li>
                            <a href=format!("/forums/{}/review/proposals/{}", forum, l.proposal)>{format!("{} — {}", l.code, l.title)}</a> " "
                            <small>{t(&format!("review.origin.{}", l.origin))}</small> " "
                            <PostForm action="/api/review/unassign" class="inline" row=("id", vec![l.assignment.map(|a| a.to_string()).unwrap_or_default()])>
                                <Hidden name="forum" value=forum />
                                <Hidden name="id" value=l.assignment.map(|a| a.to_string()).unwrap_or_default() />
                                <button type="submit" class="link" aria-label=t_with("review.unassign-named", &[("code", &l.code)])>{t("review.unassign")}</button>
                            </PostForm>
                        </li>
                    }
                }).collect_view()}
            </ul>
        }
    });
    view! {
        <section aria-labelledby="reviewers-heading">
            <h2 id="reviewers-heading">{t("review.reviewers")}</h2>
            {if board.reviewers.is_empty() {
                view! { <p>{t("review.no-reviewers")}</p> }.into_any()
            } else {
                view! {
                    <table>
                        <caption class="visually-hidden">{t("review.reviewers")}</caption>
                        <ColumnHeads labels=heads />
                        <tbody>{rows}</tbody>
                    </table>
                }.into_any()
            }}
            {chosen}
        </section>
    }
    .into_any()
}

#[component]
fn Teams(board: AssignmentBoard) -> impl IntoView {
    let forum = board.forum_code.clone();
    let teams = board.teams.iter().enumerate().map(|(i, team)| {
        let team_id = team.id.to_string();
        let error = failed_row_field("/api/review/add-member", "team", &team_id, "email");
        let themes = if team.themes.is_empty() { t("review.all-themes") } else { team.themes.join(", ") };
        let forum = forum.clone();
        let (forum_add, forum_remove, team_remove) = (forum.clone(), forum.clone(), team_id.clone());
        let reviewers = board.reviewers.clone();
        let remove_label = t_with("review.remove-team-named", &[("name", &team.name)]);
        let members = team.members.clone().into_iter().map(|m| {
            let forum = forum.clone();
            let label = t_with("review.remove-member-named", &[("name", &m.name)]);
            view! {
                <li>
                    {format!("{} <{}>", m.name, m.email)} " "
                    <PostForm action="/api/review/remove-member" class="inline" row=("id", vec![m.id.to_string()])>
                        <Hidden name="forum" value=forum />
                        <Hidden name="id" value=m.id.to_string() />
                        <button type="submit" class="link" aria-label=label>{t("forums.setup.remove")}</button>
                    </PostForm>
                </li>
            }
        }).collect_view();
        view! {
            <li>
                <h3>{team.name.clone()}</h3>
                <p>{t("review.themes")} ": " {themes}</p>
                <ul>{members}</ul>
                <PostForm action="/api/review/add-member" class="stack" row=("team", vec![team_id.clone()])>
                    <Hidden name="forum" value=forum_add />
                    <Hidden name="team" value=team_id />
                    <ReviewerSelect id=format!("team-{i}-reviewer") label=t("review.add-member") reviewers error />
                    <Submit label=t("review.add-member") />
                </PostForm>
                <PostForm action="/api/review/remove-team" class="inline" row=("id", vec![team_remove.clone()])>
                    <Hidden name="forum" value=forum_remove />
                    <Hidden name="id" value=team_remove />
                    <button type="submit" aria-label=remove_label>{t("review.remove-team")}</button>
                </PostForm>
            </li>
        }
    }).collect_view();
    view! {
        <section aria-labelledby="teams-heading">
            <h2 id="teams-heading">{t("review.teams")}</h2>
            <p>{t("review.teams-intro")}</p>
            <ul class="teams">{teams}</ul>
            <h3>{t("review.new-team")}</h3>
            <PostForm action="/api/review/add-team" class="stack">
                <Hidden name="forum" value=forum.clone() />
                <Field name="name" label=t("review.team-name") required=true />
                <CheckboxGroup legend=t("review.themes") error_name="themes">
                    {board.themes.iter().map(|(id, name)| view! {
                        <ChoiceBox name="themes[]" value=id.clone() label=name.clone() />
                    }).collect_view()}
                </CheckboxGroup>
                <Submit label=t("review.new-team") />
            </PostForm>
        </section>
    }
    .into_any()
}

#[component]
pub fn AssignmentPage() -> impl IntoView {
    let code = forum_code();
    let query = use_query_map();
    let board = Resource::new_blocking(
        move || {
            (
                code.clone(),
                query.read().get("reviewer").and_then(|r| r.parse().ok()),
            )
        },
        |(forum, reviewer)| super::api::assignment_board(forum, reviewer),
    );
    loaded(board, |b: AssignmentBoard| {
        view! {
            <Title text=format!("{} — {}", t("review.assignment"), b.forum_name) />
            <h1>{t("review.assignment")} ": " <a href=format!("/forums/{}", b.forum_code)>{b.forum_name.clone()}</a></h1>
            <Notice />
            <p>{t("review.assignment-intro")}</p>
            <Calls board=b.clone() />
            <Reviewers board=b.clone() />
            <Teams board=b.clone() />
        }
    })
}

#[component]
pub fn MyReviewsPage() -> impl IntoView {
    let code = forum_code();
    let mine = Resource::new_blocking(move || code.clone(), super::api::my_reviews);
    loaded(mine, |m: MyReviews| {
        let forum = m.forum_code.clone();
        let heads = vec![
            t("proposals.code"),
            t("proposals.field.title"),
            t("proposals.field.session-type"),
            t("proposals.field.theme"),
            t("review.your-total"),
            t("review.conflict"),
        ];
        let rows = m.proposals.iter().enumerate().map(|(i, p)| {
            let id = p.proposal.to_string();
            let error = failed_row_field("/api/review/declare-conflict", "proposal", &id, "reason");
            let open = error.is_some();
            let forum = forum.clone();
            view! {
                <tr>
                    <td>{p.code.clone()}</td>
                    <td><a href=format!("/forums/{}/review/proposals/{}", forum, p.proposal)>{p.title.clone()}</a></td>
                    <td>{p.session_type.clone()}</td>
                    <td>{p.theme.clone()}</td>
                    <td>{match p.total {
                        Some(total) => format!("{total:.2}"),
                        None => t("review.to-review"),
                    }}</td>
                    <td>
                        <details open=open>
                            <summary>{t("review.declare-conflict")}<span class="visually-hidden">": " {p.code.clone()}</span></summary>
                            <PostForm action="/api/review/declare-conflict" class="stack">
                                <Hidden name="forum" value=forum />
                                <Hidden name="proposal" value=id />
                                <ScopedInput id=format!("conflict-{i}") name="reason" label=t("review.conflict-reason") error />
                                <Submit label=t("review.declare-conflict") />
                            </PostForm>
                        </details>
                    </td>
                </tr>
            }
        }).collect_view();
        view! {
            <Title text=format!("{} — {}", t("review.mine"), m.forum_name) />
            <h1>{t("review.mine")} ": " <a href=format!("/forums/{}", m.forum_code)>{m.forum_name.clone()}</a></h1>
            <Notice />
            <p aria-live="polite">{t_with("review.progress", &[("done", &m.done.to_string()), ("total", &m.proposals.len().to_string())])}</p>
            {m.next.map(|id| view! {
                <p><a class="button primary" href=format!("/forums/{}/review/proposals/{}", m.forum_code, id)>{t("review.start-next")}</a></p>
            })}
            <ul>
                {m.phases.iter().map(|(call, access)| {
                    let phase = super::score_form::phase_text(access);
                    view! { <li>{call.clone()} ": " {phase}</li> }
                }).collect_view()}
            </ul>
            <table>
                <caption class="visually-hidden">{t("review.mine")}</caption>
                <ColumnHeads labels=heads />
                <tbody>{rows}</tbody>
            </table>
        }
        .into_any()
    })
}

/// A proposal as its reviewer (or an organiser) reads it.
#[component]
pub fn ReadingPage() -> impl IntoView {
    let code = forum_code();
    let id = leptos_router::hooks::use_params_map()
        .read_untracked()
        .get("proposal")
        .and_then(|p| p.parse::<uuid::Uuid>().ok());
    let Some(id) = id else {
        return view! { <crate::ui::layout::ErrorView error=crate::error::AppError::NotFound /> }
            .into_any();
    };
    let reading = Resource::new_blocking(
        move || (code.clone(), id),
        |(forum, id)| super::api::read_proposal(forum, id),
    );
    loaded(reading, |r: super::ProposalReading| {
        let hidden = || t("review.hidden");
        let text = |v: &str| if v.is_empty() { t("review.not-given") } else { v.to_string() };
        let heads = vec![
            t("proposals.field.role"), t("field.name"), t("field.organisation"), t("field.stakeholder-group"),
            t("review.region"), t("field.gender"), t("review.participation"), t("proposals.state"),
        ];
        let people = r.people.iter().map(|p| view! {
            <tr>
                <td>{t(&format!("proposals.role.{}", p.role))}</td>
                <td>{p.name.clone().unwrap_or_else(hidden)}</td>
                <td>{p.organisation.clone().unwrap_or_else(hidden)}</td>
                <td>{if p.stakeholder_group.is_empty() { t("review.not-given") } else { t(&format!("stakeholder.{}", p.stakeholder_group)) }}</td>
                <td>{if p.region.is_empty() { t("review.not-given") } else { t(&format!("region.{}", p.region)) }}</td>
                <td>{if p.gender.is_empty() { t("review.not-given") } else { t(&format!("gender.{}", p.gender)) }}</td>
                <td>{if p.onsite { t("review.onsite") } else { t("review.online") }}</td>
                <td>{t(&format!("proposals.confirmation.{}", p.confirmation))}</td>
            </tr>
        }).collect_view();
        let d = &r.diversity;
        let balance = t_with("review.balance", &[
            ("people", &d.people.to_string()),
            ("groups", &d.stakeholder_groups.keys().filter(|k| !k.is_empty()).count().to_string()),
            ("regions", &d.regions.keys().filter(|k| !k.is_empty()).count().to_string()),
            ("genders", &d.genders.keys().filter(|k| !k.is_empty() && k.as_str() != "prefer-not-to-say").count().to_string()),
            ("onsite", &d.onsite.to_string()),
            ("online", &d.online.to_string()),
        ]);
        let checks = (!r.checks.is_empty()).then(|| view! {
            <section aria-labelledby="rules-heading">
                <h2 id="rules-heading">{t("calls.rules")}</h2>
                <ul class="rules">
                    {r.checks.iter().map(|c| view! {
                        <li>
                            {if c.passed { t("overview.passed") } else { t("overview.failed") }} ": "
                            {t_with(&c.key, &[("have", &c.have.to_string()), ("need", &c.need.to_string())])}
                        </li>
                    }).collect_view()}
                </ul>
            </section>
        });
        view! {
            <Title text=format!("{} {}", r.code, r.title) />
            <p><a href=format!("/forums/{}", r.forum_code)>{r.forum_name.clone()}</a></p>
            <h1>{r.code.clone()} " — " {r.title.clone()}</h1>
            <Notice />
            {r.blind.then(|| view! { <p class="notice" role="note">{t("review.blind-note")}</p> })}
            <dl class="facts">
                <dt>{t("proposals.field.session-type")}</dt><dd>{text(&r.session_type)}</dd>
                <dt>{t("proposals.field.format")}</dt><dd>{text(&r.format)}</dd>
                <dt>{t("proposals.field.duration")}</dt><dd>{r.duration.map(|m| t_with("forums.setup.minutes", &[("minutes", &m.to_string())])).unwrap_or_else(|| t("review.not-given"))}</dd>
                <dt>{t("proposals.field.theme")}</dt><dd>{text(&r.theme)} {(!r.sub_theme.is_empty()).then(|| format!(" — {}", r.sub_theme))}</dd>
                <dt>{t("proposals.field.tags")}</dt><dd>{text(&r.tags)}</dd>
                <dt>{t("review.proposer")}</dt><dd>{r.proposer.clone().unwrap_or_else(hidden)}</dd>
                <dt>{t("overview.first-time")}</dt><dd>{if r.first_time { t("review.yes") } else { t("review.no") }}</dd>
                <dt>{t("overview.developing")}</dt><dd>{if r.developing { t("review.yes") } else { t("review.no") }}</dd>
            </dl>
            <h2>{t("proposals.field.description")}</h2>
            {r.description.split("\n\n").map(|para| view! { <p>{para.to_string()}</p> }).collect_view()}
            <h2>{t("review.policy-questions")}</h2>
            <ol>{r.policy_questions.iter().map(|q| view! { <li>{q.clone()}</li> }).collect_view()}</ol>
            <h2>{t("proposal.field.expected_outcomes")}</h2>
            <p>{text(&r.expected_outcomes)}</p>
            <h2>{t("proposal.field.hybrid_plan")}</h2>
            <p>{text(&r.hybrid_plan)}</p>
            {(!r.previous_report_url.is_empty()).then(|| view! {
                <p><a href=r.previous_report_url.clone() rel="noopener noreferrer">{t("review.previous-report")}</a></p>
            })}
            <section aria-labelledby="people-heading">
                <h2 id="people-heading">{t("overview.people")}</h2>
                <p>{balance}</p>
                <div class="table-scroll" tabindex="0" role="region" aria-label=t("overview.people")>
                    <table>
                        <caption class="visually-hidden">{t("overview.people")}</caption>
                        <ColumnHeads labels=heads />
                        <tbody>{people}</tbody>
                    </table>
                </div>
            </section>
            {checks}
            <super::score_form::ReviewSection forum=r.forum_code.clone() proposal=r.id panel=r.panel.clone() />
        }
        .into_any()
    })
    .into_any()
}
