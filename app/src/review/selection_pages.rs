//! Pages of selection: the ranking with the live balance panel and the
//! pending decisions, the release page (mails shown for checking, warnings,
//! confirmations, the waitlist), and the decision on a proposer's own page.

use super::balance::{lines, percent, Tally};
use super::outcome::{self, CHOICES, MERGED};
use super::scoring;
use super::{CallRelease, DecisionForProposer, RankedProposal, Ranking, ReleasePlan};
use crate::forums::pages::forum_code;
use crate::i18n::{t, t_with};
use crate::ui::forms::{failed_row_field, Hidden, PostForm, ScopedInput, Submit};
use crate::ui::layout::{loaded, ColumnHeads, Notice};
use crate::ui::use_page;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;
use std::collections::HashMap;
use uuid::Uuid;

fn decision_label(decision: &str) -> String {
    if decision.is_empty() {
        t("review.decision.none")
    } else {
        t(&format!("review.decision.{decision}"))
    }
}

/// The address of the ranking with its filters (and a page).
fn ranking_href(r: &Ranking, page: u32) -> String {
    let mut href = format!("/forums/{}/selection?page={page}", r.forum_code);
    for (key, value) in [
        ("call", r.call),
        ("theme", r.theme),
        ("session_type", r.session_type),
    ] {
        if let Some(v) = value {
            href.push_str(&format!("&{key}={v}"));
        }
    }
    href
}

/// One dimension of the balance panel (say, regions) as table rows.
fn dimension_rows(
    heading: String,
    prefix: &'static str,
    selected: &std::collections::BTreeMap<String, u32>,
    selected_whole: u32,
    call: &std::collections::BTreeMap<String, u32>,
    call_whole: u32,
) -> impl IntoView {
    let rows = lines(selected, selected_whole, call, call_whole)
        .into_iter()
        .map(|l| {
            view! {
                <tr>
                    <th scope="row">{t(&format!("{prefix}.{}", l.key))}</th>
                    <td>{l.selected.to_string()}</td>
                    <td>{format!("{}%", l.selected_share)}</td>
                    <td>{format!("{}%", l.call_share)}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <tbody>
            <tr><th scope="rowgroup" colspan="4">{heading}</th></tr>
            {rows}
        </tbody>
    }
}

/// A count among proposals or people, with its share against the call's.
fn count_row(
    label: String,
    selected: u32,
    selected_whole: u32,
    call: u32,
    call_whole: u32,
) -> impl IntoView {
    view! {
        <tr>
            <th scope="row">{label}</th>
            <td>{selected.to_string()}</td>
            <td>{format!("{}%", percent(selected, selected_whole))}</td>
            <td>{format!("{}%", percent(call, call_whole))}</td>
        </tr>
    }
}

/// The balance panel: the selection's figures next to the call's, and the
/// slots used against the budgets. Follows the decisions picked on the page.
#[component]
fn BalancePanel(ranking: Ranking, picked: RwSignal<HashMap<Uuid, String>>) -> impl IntoView {
    let facts: HashMap<Uuid, Tally> = ranking
        .rows
        .iter()
        .map(|r| (r.id, r.facts.clone()))
        .collect();
    let call = ranking.call_totals.clone();
    let base = ranking.selected_elsewhere.clone();
    let budgets = ranking.budgets.clone();
    let types = ranking.types.clone();
    let themes = ranking.themes.clone();
    move || {
        let mut sel = base.clone();
        for (id, decision) in picked.get().iter() {
            if outcome::selected(decision) {
                if let Some(f) = facts.get(id) {
                    sel.add(f);
                }
            }
        }
        let budget_lines = types
            .iter()
            .map(|(id, name)| (budgets.types.get(&id.to_string()), sel.types.get(&id.to_string()), name))
            .chain(themes.iter().map(|(id, name)| {
                (budgets.themes.get(&id.to_string()), sel.themes.get(&id.to_string()), name)
            }))
            .filter_map(|(budget, used, name)| {
                let budget = *budget?;
                let used = used.copied().unwrap_or(0);
                let over = used > budget;
                Some(view! {
                    <li class:over=over>
                        {t_with("review.slots-used", &[("used", &used.to_string()), ("budget", &budget.to_string()), ("name", name)])}
                    </li>
                })
            })
            .collect_view();
        view! {
            <p aria-live="polite">
                {t_with("review.selection-summary", &[
                    ("proposals", &sel.proposals.to_string()),
                    ("people", &sel.people.to_string()),
                    ("total", &call.proposals.to_string()),
                ])}
            </p>
            <ul class="budgets">{budget_lines}</ul>
            <div class="table-scroll" tabindex="0" role="region" aria-label=t("review.balance-panel")>
                <table class="balance">
                    <caption class="visually-hidden">{t("review.balance-panel")}</caption>
                    <ColumnHeads labels=vec![t("review.category"), t("review.in-selection"), t("review.share-selection"), t("review.share-call")] />
                    {dimension_rows(t("field.stakeholder-group"), "stakeholder", &sel.groups, sel.people, &call.groups, call.people)}
                    {dimension_rows(t("review.region"), "region", &sel.regions, sel.people, &call.regions, call.people)}
                    {dimension_rows(t("field.gender"), "gender", &sel.genders, sel.people, &call.genders, call.people)}
                    <tbody>
                        <tr><th scope="rowgroup" colspan="4">{t("review.participation")}</th></tr>
                        {count_row(t("review.onsite"), sel.onsite, sel.people, call.onsite, call.people)}
                        {count_row(t("review.online"), sel.online, sel.people, call.online, call.people)}
                    </tbody>
                    <tbody>
                        <tr><th scope="rowgroup" colspan="4">{t("review.proposals")}</th></tr>
                        {count_row(t("overview.first-time"), sel.first_time, sel.proposals, call.first_time, call.proposals)}
                        {count_row(t("overview.developing"), sel.developing, sel.proposals, call.developing, call.proposals)}
                    </tbody>
                </table>
            </div>
        }
    }
}

/// A ranking row: figures, flags, and the decision inputs (which belong to
/// the decisions form below the table).
fn ranking_row(
    forum: &str,
    back: &str,
    r: RankedProposal,
    picked: RwSignal<HashMap<Uuid, String>>,
) -> impl IntoView {
    let id = r.id;
    let id_text = id.to_string();
    let failed = use_page()
        .submitted
        .filter(|s| s.action == "/api/review/decide");
    let note_error = failed
        .as_ref()
        .and_then(|s| s.error.field_message(&format!("note-{id}")).map(t));
    let decision_error = failed
        .as_ref()
        .and_then(|s| s.error.field_message(&format!("decision-{id}")).map(t));
    let (decision_invalid, note_invalid) = (decision_error.is_some(), note_error.is_some());
    let back = back.to_string();
    let f = r.figures.clone();
    let figure = |v: Option<f64>| {
        f.as_ref()
            .map(|_| scoring::shown(v))
            .unwrap_or_else(|| t("review.hidden-conflict"))
    };
    let mut flags = vec![];
    if f.as_ref().is_some_and(|f| f.disagreement) {
        flags.push(t("review.disagreement"));
    }
    if !r.merge_suggestions.is_empty() {
        flags.push(t_with(
            "review.merge-suggested",
            &[("codes", &r.merge_suggestions.join(", "))],
        ));
    }
    let state = match (r.released.as_str(), r.confirmation.as_str()) {
        ("", _) => String::new(),
        (released, "") => t_with(
            "review.released-as",
            &[("decision", &decision_label(released))],
        ),
        (released, answer) => format!(
            "{} · {}",
            t_with(
                "review.released-as",
                &[("decision", &decision_label(released))]
            ),
            t(&format!("review.confirmation.{answer}"))
        ),
    };
    let select_id = format!("decision-{}", r.rank);
    let note_id = format!("note-{}", r.rank);
    let decision_cell = if r.decision == MERGED {
        let forum = forum.to_string();
        let unmerge_label = t_with("review.unmerge-named", &[("code", &r.code)]);
        view! {
            <td>
                {t_with("review.merged-into", &[("code", &r.merged_into.clone().unwrap_or_default())])}
                <PostForm action="/api/review/unmerge" class="inline" row=("proposal", vec![id_text.clone()])>
                    <Hidden name="forum" value=forum />
                    <Hidden name="back" value=back.clone() />
                    <Hidden name="proposal" value=id_text.clone() />
                    <Hidden name="version" value=r.version.to_string() />
                    <button type="submit" class="link" aria-label=unmerge_label>{t("review.unmerge")}</button>
                </PostForm>
            </td>
        }
        .into_any()
    } else {
        let current = r.decision.clone();
        let options = std::iter::once("")
            .chain(CHOICES)
            .map(|d| {
                let selected = d == current;
                view! { <option value=d selected=selected>{decision_label(d)}</option> }
            })
            .collect_view();
        let merge_error = failed_row_field("/api/review/merge", "proposal", &id_text, "into");
        let open = merge_error.is_some();
        let forum = forum.to_string();
        view! {
            <td>
                <input type="hidden" name="proposal[]" value=id_text.clone() form="decisions" />
                <input type="hidden" name="version[]" value=r.version.to_string() form="decisions" />
                <div class="field" class:has-error=decision_invalid>
                    <label for=select_id.clone()>{t_with("review.decision-for", &[("code", &r.code)])}</label>
                    <select id=select_id name="decision[]" form="decisions"
                        on:change=move |ev| {
                            let v = event_target_value(&ev);
                            picked.update(|m| { m.insert(id, v); });
                        }>
                        {options}
                    </select>
                    {decision_error.map(|e| view! { <p class="field-error">{e}</p> })}
                </div>
                <div class="field" class:has-error=note_invalid>
                    <label for=note_id.clone()>{t("review.condition")}</label>
                    <input id=note_id.clone() name="note[]" type="text" value=r.note.clone() form="decisions"
                        aria-invalid=note_error.as_ref().map(|_| "true")
                        aria-describedby=note_error.as_ref().map(|_| format!("{note_id}-error")) />
                    {note_error.map(|e| view! { <p class="field-error" id=format!("{note_id}-error")>{e}</p> })}
                </div>
                <details open=open>
                    <summary>{t("review.merge")}<span class="visually-hidden">": " {r.code.clone()}</span></summary>
                    <PostForm action="/api/review/merge" class="stack" row=("proposal", vec![id_text.clone()])>
                        <Hidden name="forum" value=forum />
                        <Hidden name="back" value=back.clone() />
                        <Hidden name="proposal" value=id_text.clone() />
                        <Hidden name="version" value=r.version.to_string() />
                        <ScopedInput id=format!("merge-{}", r.rank) name="into" label=t("review.merge-into") error=merge_error />
                        <Submit label=t("review.merge") />
                    </PostForm>
                </details>
            </td>
        }
        .into_any()
    };
    view! {
        <tr>
            <td>{r.rank.to_string()}</td>
            <td><a href=format!("/forums/{}/review/proposals/{}", forum, r.id)>{format!("{} — {}", r.code, r.title)}</a></td>
            <td>{r.theme.clone()}</td>
            <td>{r.session_type.clone()}</td>
            <td>{figure(f.as_ref().and_then(|f| f.mean))}</td>
            <td>{figure(f.as_ref().and_then(|f| f.median))}</td>
            <td>{figure(f.as_ref().and_then(|f| f.spread))}</td>
            <td>{f.as_ref().map(|f| f.reviews.to_string()).unwrap_or_default()}</td>
            <td>{flags.join(" · ")}</td>
            {decision_cell}
            <td>{state}</td>
        </tr>
    }
    .into_any()
}

/// The filter form (a plain GET): call, theme, session type.
fn filters(r: &Ranking) -> impl IntoView {
    let select = |name: &'static str,
                  label: String,
                  all: String,
                  options: &[(Uuid, String)],
                  chosen: Option<Uuid>| {
        let id = format!("filter-{name}");
        view! {
            <div class="field">
                <label for=id.clone()>{label}</label>
                <select id=id name=name>
                    <option value="">{all}</option>
                    {options.iter().map(|(id, n)| {
                        let selected = chosen == Some(*id);
                        view! { <option value=id.to_string() selected=selected>{n.clone()}</option> }
                    }).collect_view()}
                </select>
            </div>
        }
    };
    view! {
        <form method="get" class="filters" aria-label=t("review.filters")>
            {select("call", t("review.call"), t("review.first-call"), &r.calls, r.call)}
            {select("theme", t("proposals.field.theme"), t("overview.any"), &r.themes, r.theme)}
            {select("session_type", t("proposals.field.session-type"), t("overview.any"), &r.types, r.session_type)}
            <button type="submit">{t("overview.apply")}</button>
        </form>
    }
}

#[component]
pub fn SelectionPage() -> impl IntoView {
    let code = forum_code();
    let query = use_query_map();
    let ranking = Resource::new_blocking(
        move || {
            let q = query.read();
            let id = |k: &str| q.get(k).and_then(|v| v.parse::<Uuid>().ok());
            (
                code.clone(),
                id("call"),
                id("theme"),
                id("session_type"),
                q.get("page").and_then(|p| p.parse::<u32>().ok()),
            )
        },
        |(forum, call, theme, session_type, page)| {
            super::api::ranking(forum, call, theme, session_type, page)
        },
    );
    loaded(ranking, |r: Ranking| {
        let picked = RwSignal::new(
            r.rows
                .iter()
                .map(|row| (row.id, row.decision.clone()))
                .collect::<HashMap<Uuid, String>>(),
        );
        let back = ranking_href(&r, r.page);
        let forum = r.forum_code.clone();
        let heads = vec![
            t("review.rank"),
            t("review.proposal"),
            t("proposals.field.theme"),
            t("proposals.field.session-type"),
            t("review.mean"),
            t("review.median"),
            t("review.spread"),
            t("review.reviews"),
            t("review.flags"),
            t("review.decision"),
            t("review.released"),
        ];
        let rows = r
            .rows
            .iter()
            .cloned()
            .map(|row| ranking_row(&forum, &back, row, picked))
            .collect_view();
        let pager = (r.pages > 1).then(|| {
            view! {
                <nav aria-label=t("overview.pages")>
                    <ul class="pager">
                        {(1..=r.pages).map(|n| {
                            let current = (n == r.page).then_some("page");
                            view! { <li><a href=ranking_href(&r, n) aria-current=current>{n.to_string()}</a></li> }
                        }).collect_view()}
                    </ul>
                </nav>
            }
        });
        view! {
            <Title text=format!("{} — {}", t("review.selection"), r.forum_name) />
            <h1>{t("review.selection")} ": " <a href=format!("/forums/{}", r.forum_code)>{r.forum_name.clone()}</a></h1>
            <Notice />
            <p>{t("review.selection-intro")}</p>
            <p>
                <a href=format!("/forums/{}/selection/release", r.forum_code)>
                    {t_with("review.go-release", &[("n", &r.pending.to_string())])}
                </a>
            </p>
            {filters(&r)}
            <section aria-labelledby="balance-heading">
                <h2 id="balance-heading">{t("review.balance-panel")}</h2>
                <BalancePanel ranking=r.clone() picked />
            </section>
            <section aria-labelledby="ranking-heading">
                <h2 id="ranking-heading">{t_with("review.ranking", &[("n", &r.matching.to_string())])}</h2>
                <div class="table-scroll" tabindex="0" role="region" aria-label=t("review.ranking-table")>
                    <table class="ranking">
                        <caption class="visually-hidden">{t("review.ranking-table")}</caption>
                        <ColumnHeads labels=heads />
                        <tbody>{rows}</tbody>
                    </table>
                </div>
                {pager}
                <PostForm action="/api/review/decide" id="decisions" label=t("review.decisions")>
                    <Hidden name="forum" value=r.forum_code.clone() />
                    <Hidden name="back" value=back.clone() />
                    <Submit label=t("review.save-decisions") />
                </PostForm>
            </section>
        }
        .into_any()
    })
}

/// One call on the release page.
fn call_release(forum: &str, i: usize, c: CallRelease) -> impl IntoView {
    let call_id = c.id.to_string();
    let deadline_error = failed_row_field("/api/review/release", "call", &call_id, "confirm_by");
    let ack_error = failed_row_field("/api/review/release", "call", &call_id, "acknowledge");
    let total: u32 = c.counts.iter().map(|(_, n)| n).sum();
    let warnings = (!c.warnings.is_empty()).then(|| {
        view! {
            <div class="warning" role="note">
                <h3>{t("review.warnings")}</h3>
                <ul>
                    {c.warnings.iter().map(|w| view! {
                        <li>{t_with(&format!("review.warning.{}", w.kind), &[("code", &w.code), ("other", &w.other)])}</li>
                    }).collect_view()}
                </ul>
            </div>
        }
    });
    let previews = c
        .previews
        .iter()
        .map(|m| {
            view! {
                <details>
                    <summary>{t_with("review.preview-of", &[("decision", &decision_label(&m.decision))])}</summary>
                    <dl class="facts">
                        <dt>{t("review.mail-to")}</dt><dd>{m.to.clone()}</dd>
                        <dt>{t("mail-wording.subject")}</dt><dd>{m.subject.clone()}</dd>
                    </dl>
                    <pre class="mail">{m.text.clone()}</pre>
                </details>
            }
        })
        .collect_view();
    let forum_r = forum.to_string();
    let share = c.share_comments;
    let deadline_value = c
        .confirm_by
        .map(|d| d.format("%Y-%m-%d").to_string())
        .unwrap_or_default();
    let has_warnings = !c.warnings.is_empty();
    let release_form = (total > 0).then(move || {
        let ack = has_warnings.then(move || {
            let invalid = ack_error.is_some();
            view! {
                <div class="field checkbox" class:has-error=invalid>
                    <input id=format!("release-{i}-ack") name="acknowledge" type="checkbox" value="on" />
                    <label for=format!("release-{i}-ack")>{t("review.acknowledge")}</label>
                    {ack_error.map(|e| view! { <p class="field-error">{e}</p> })}
                </div>
            }
        });
        view! {
            <PostForm action="/api/review/release" class="stack">
                <Hidden name="forum" value=forum_r />
                <Hidden name="call" value=call_id.clone() />
                <ScopedInput id=format!("release-{i}-deadline") name="confirm_by" kind="date" label=t("review.confirm-by")
                    value=deadline_value error=deadline_error />
                <div class="field checkbox">
                    <input id=format!("release-{i}-share") name="share_comments" type="checkbox" value="on" checked=share />
                    <label for=format!("release-{i}-share")>{t("review.share-comments")}</label>
                </div>
                {ack}
                <Submit label=t_with("review.release", &[("n", &total.to_string())]) />
            </PostForm>
        }
    });
    let forum_w = forum.to_string();
    let waitlist = (!c.waitlisted.is_empty()).then(|| {
        view! {
            <h3>{t("review.waitlist")}</h3>
            <ul>
                {c.waitlisted.clone().into_iter().map(|l| {
                    let forum = forum_w.clone();
                    let label = t_with("review.promote-named", &[("code", &l.code)]);
                    view! {
                        <li>
                            {format!("{} — {}", l.code, l.title)} " "
                            <PostForm action="/api/review/promote" class="inline" row=("proposal", vec![l.id.to_string()])>
                                <Hidden name="forum" value=forum />
                                <Hidden name="proposal" value=l.id.to_string() />
                                <Hidden name="version" value=l.version.to_string() />
                                <button type="submit" aria-label=label>{t("review.promote")}</button>
                            </PostForm>
                        </li>
                    }
                }).collect_view()}
            </ul>
        }
    });
    let unconfirmed_label = if c.deadline_passed {
        t("review.unconfirmed-late")
    } else {
        t("review.unconfirmed")
    };
    let unconfirmed = (!c.unconfirmed.is_empty()).then(|| {
        view! {
            <h3>{unconfirmed_label}</h3>
            <ul class:flagged=c.deadline_passed>
                {c.unconfirmed.iter().map(|l| view! { <li>{format!("{} — {}", l.code, l.title)}</li> }).collect_view()}
            </ul>
        }
    });
    view! {
        <section aria-labelledby=format!("release-{i}")>
            <h2 id=format!("release-{i}")>{c.title.clone()}</h2>
            {if total == 0 {
                view! { <p>{t("review.nothing-pending")}</p> }.into_any()
            } else {
                view! {
                    <ul>
                        {c.counts.iter().map(|(d, n)| view! { <li>{format!("{}: {n}", decision_label(d))}</li> }).collect_view()}
                    </ul>
                }.into_any()
            }}
            {warnings}
            {previews}
            {release_form}
            <p>{t_with("review.confirmations", &[
                ("confirmed", &c.confirmed.to_string()),
                ("withdrawn", &c.withdrawn.to_string()),
                ("waiting", &c.unconfirmed.len().to_string()),
            ])}</p>
            {unconfirmed}
            {waitlist}
        </section>
    }
    .into_any()
}

#[component]
pub fn ReleasePage() -> impl IntoView {
    let code = forum_code();
    let plan = Resource::new_blocking(move || code.clone(), super::api::release_plan);
    loaded(plan, |p: ReleasePlan| {
        let forum = p.forum_code.clone();
        view! {
            <Title text=format!("{} — {}", t("review.release-title"), p.forum_name) />
            <h1>{t("review.release-title")} ": " <a href=format!("/forums/{}", p.forum_code)>{p.forum_name.clone()}</a></h1>
            <Notice />
            <p>{t("review.release-intro")}</p>
            <p><a href=format!("/forums/{}/selection", p.forum_code)>{t("review.back-to-selection")}</a></p>
            {p.calls.into_iter().enumerate().map(|(i, c)| call_release(&forum, i, c)).collect_view()}
        }
        .into_any()
    })
}

/// The released decision on the proposer's own page, with confirm/withdraw.
#[component]
pub fn DecisionPanel(forum: String, proposal: Uuid) -> impl IntoView {
    let forum_code = forum.clone();
    let decision = Resource::new_blocking(
        move || (forum.clone(), proposal),
        |(forum, proposal)| super::api::decision_for_proposer(forum, proposal),
    );
    let render = move |d: DecisionForProposer, forum: String| {
        let deadline = d.confirm_by.map(|at| at.format("%Y-%m-%d").to_string());
        let answer = d.can_answer.then(|| {
            let (forum, forum_withdraw) = (forum.clone(), forum.clone());
            view! {
                <p>{match &deadline {
                    Some(date) => t_with("review.answer-by", &[("date", date)]),
                    None => t("review.answer-now"),
                }}</p>
                <div class="actions">
                    <PostForm action="/api/review/answer" class="inline" row=("answer", vec!["confirm".into()])>
                        <Hidden name="forum" value=forum.clone() />
                        <Hidden name="proposal" value=proposal.to_string() />
                        <Hidden name="answer" value="confirm" />
                        <button type="submit" class="primary">{t("review.confirm")}</button>
                    </PostForm>
                    <PostForm action="/api/review/answer" class="inline" row=("answer", vec!["withdraw".into()])>
                        <Hidden name="forum" value=forum_withdraw />
                        <Hidden name="proposal" value=proposal.to_string() />
                        <Hidden name="answer" value="withdraw" />
                        <button type="submit">{t("review.withdraw")}</button>
                    </PostForm>
                </div>
            }
        });
        view! {
            <section aria-labelledby="decision-heading" class="decision">
                <h2 id="decision-heading">{t("review.decision-heading")}</h2>
                <p><strong>{decision_label(&d.decision)}</strong></p>
                {(!d.note.is_empty() && d.decision == outcome::CONDITIONAL).then(|| view! { <p>{t("review.condition")} ": " {d.note.clone()}</p> })}
                {d.merged_into.clone().map(|code| view! { <p>{t_with("review.merged-into", &[("code", &code)])}</p> })}
                {(!d.confirmation.is_empty()).then(|| view! { <p>{t(&format!("review.confirmation.{}", d.confirmation))}</p> })}
                {answer}
            </section>
        }
        .into_any()
    };
    view! {
        <Suspense>
            {move || {
                let forum = forum_code.clone();
                decision.get().and_then(|r| r.ok()).flatten().map(|d| render(d, forum))
            }}
        </Suspense>
    }
}
