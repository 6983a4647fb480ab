//! The lists of an edition's proposals: the organisers' screening list and
//! all-proposals table, and the public list of received proposals. Filters
//! are a plain GET form (the address can be shared); screening decisions are
//! plain POST forms, so everything works without JavaScript.

use crate::accounts::countries::RegionalGroup;
use crate::accounts::StakeholderGroup;
use crate::forums::pages::forum_code;
use crate::i18n::{t, t_with};
use crate::proposals::overview::{ProposalFilters, ProposalLine, ProposalList, Tally};
use crate::proposals::screening::RuleCheck;
use crate::ui::charts::BarChart;
use crate::ui::forms::{failed_row, Checkbox, Choice, Field, Hidden, PostForm};
use crate::ui::layout::{loaded, ColumnHeads, Notice};
use crate::ui::use_page;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_location, use_query_map};

/// Which list a page shows.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    Screening,
    Overview,
    Received,
}

impl Kind {
    fn path(self, forum: &str) -> String {
        match self {
            Kind::Screening => format!("/forums/{forum}/screening"),
            Kind::Overview => format!("/forums/{forum}/proposals"),
            Kind::Received => format!("/forums/{forum}/received"),
        }
    }
}

/// The filters in the page's address.
fn filters_from_query() -> Memo<ProposalFilters> {
    let query = use_query_map();
    Memo::new(move |_| {
        let q = query.read();
        ProposalFilters::from_pairs(q.clone())
    })
}

/// The organisers' list for the edition and filters in the address.
fn organisers_list() -> Resource<Result<ProposalList, crate::error::AppError>> {
    let code = forum_code();
    let filters = filters_from_query();
    Resource::new_blocking(
        move || (code.clone(), filters.get()),
        |(forum, filters)| crate::proposals::api::proposal_list(forum, Some(filters)),
    )
}

/// The current address (path and query), for forms to come back to.
fn here() -> String {
    let location = use_location();
    let search = location.search.get_untracked();
    let path = location.pathname.get_untracked();
    let query: String = search
        .trim_start_matches('?')
        .split('&')
        .filter(|kv| !kv.is_empty() && !kv.starts_with("notice="))
        .collect::<Vec<_>>()
        .join("&");
    if query.is_empty() {
        path
    } else {
        format!("{path}?{query}")
    }
}

fn translated(tallies: &[Tally]) -> Vec<(String, u32)> {
    tallies
        .iter()
        .map(|b| {
            let label = if b.translate {
                t(&b.label)
            } else {
                b.label.clone()
            };
            (label, b.count)
        })
        .collect()
}

/// The filter form: a GET form, so the filters are part of the address.
#[component]
fn Filters(kind: Kind, list: ProposalList) -> impl IntoView {
    let f = list.filters.clone();
    let groups: Vec<(String, String)> = StakeholderGroup::ALL
        .iter()
        .map(|g| (g.code().to_string(), t(&g.label_key())))
        .collect();
    let regions: Vec<(String, String)> = RegionalGroup::ALL
        .iter()
        .map(|r| (r.code().to_string(), t(&format!("region.{}", r.code()))))
        .collect();
    let states: Vec<(String, String)> = ["submitted", "draft", "withdrawn"]
        .iter()
        .map(|s| (s.to_string(), t(&format!("proposals.state.{s}"))))
        .collect();
    let screenings: Vec<(String, String)> =
        ["unscreened", "eligible", "ineligible", "passing", "failing"]
            .iter()
            .map(|s| (s.to_string(), t(&format!("overview.screening.{s}"))))
            .collect();
    let mut sorts = vec!["code", "title", "submitted"];
    if kind == Kind::Screening {
        sorts.push("failed");
    }
    let sorts: Vec<(String, String)> = sorts
        .into_iter()
        .map(|s| (s.to_string(), t(&format!("overview.sort.{s}"))))
        .collect();
    let organisers = kind != Kind::Received;
    view! {
        <form method="get" action=kind.path(&list.forum_code) class="filters" role="search" aria-label=t("overview.filters")>
            <Field name="q" label=t("overview.search") kind="search" value=f.q.clone() />
            <Choice name="theme" label=t("proposals.field.theme") options=list.themes.clone() value=f.theme.clone() empty=t("overview.any") />
            <Choice name="session_type" label=t("proposals.field.session-type") options=list.session_types.clone() value=f.session_type.clone() empty=t("overview.any") />
            {organisers.then(|| view! {
                <Choice name="state" label=t("proposals.state") options=states value=f.state.clone() empty=t("overview.any") />
                <Choice name="screening" label=t("overview.screening") options=screenings value=f.screening.clone() empty=t("overview.any") />
            })}
            <Choice name="group" label=t("overview.group") options=groups value=f.group.clone() empty=t("overview.any") />
            <Choice name="region" label=t("overview.region") options=regions value=f.region.clone() empty=t("overview.any") />
            <Choice name="sort" label=t("overview.sort") options=sorts value=f.sort.clone() empty=t("overview.sort.default") />
            <Checkbox name="first_time" label=t("overview.first-time") checked=f.first_time />
            <Checkbox name="developing" label=t("overview.developing") checked=f.developing />
            <div class="actions">
                <button type="submit" class="primary">{t("overview.apply")}</button>
                <a href=kind.path(&list.forum_code)>{t("overview.clear")}</a>
            </div>
        </form>
        <p role="status">{t_with("overview.matched", &[("matched", &list.matched.to_string()), ("total", &list.total.to_string())])}</p>
    }
    .into_any()
}

/// Links to the other pages of the list, keeping the filters.
#[component]
fn Pager(kind: Kind, list: ProposalList) -> impl IntoView {
    if list.pages <= 1 {
        return ().into_any();
    }
    let page = list.filters.page;
    let base = kind.path(&list.forum_code);
    let query = list.filters.query();
    let link = move |n: usize| {
        if query.is_empty() {
            format!("{base}?page={n}")
        } else {
            format!("{base}?{query}&page={n}")
        }
    };
    view! {
        <nav class="pager" aria-label=t("overview.pages")>
            {(page > 1).then(|| view! { <a href=link(page - 1) rel="prev">{t("overview.previous")}</a> })}
            <span>{t_with("overview.page-of", &[("page", &page.to_string()), ("pages", &list.pages.to_string())])}</span>
            {(page < list.pages).then(|| view! { <a href=link(page + 1) rel="next">{t("overview.next")}</a> })}
        </nav>
    }
    .into_any()
}

fn code_or_draft(line: &ProposalLine) -> String {
    line.code.clone().unwrap_or_else(|| t("overview.no-code"))
}

fn rule_line(c: &RuleCheck) -> String {
    t_with(
        &c.key,
        &[("have", &c.have.to_string()), ("need", &c.need.to_string())],
    )
}

/// A cell saying passed or failed, in words as well as a mark.
#[component]
fn Outcome(passed: bool, #[prop(optional)] overridden: bool) -> impl IntoView {
    let (mark, class, word) = if passed {
        ("✓", "pass", t("overview.passed"))
    } else {
        ("✗", "fail", t("overview.failed"))
    };
    view! {
        <span class=format!("outcome {class}")>
            <span aria-hidden="true">{mark}</span>
            <span class="visually-hidden">{word}</span>
            {overridden.then(|| view! { <abbr title=t("overview.overridden")>"*"</abbr> })}
        </span>
    }
}

/// One row's details: every rule in words, the overrides with their reasons,
/// the people, and the form to override a rule.
#[component]
fn ScreeningDetails(
    forum: String,
    line: ProposalLine,
    index: usize,
    back: String,
) -> impl IntoView {
    let failed = failed_row("/api/screening/override", "proposal", &line.id.to_string());
    let error_of = |field: &str| {
        failed
            .as_ref()
            .and_then(|s| s.error.field_message(field))
            .map(t)
    };
    let form_error = failed.as_ref().and_then(|s| match &s.error {
        crate::error::AppError::Invalid { form: Some(m), .. } => Some(t(m)),
        _ => None,
    });
    let typed = |field: &str| {
        failed
            .as_ref()
            .and_then(|s| s.value(field))
            .unwrap_or_default()
            .to_string()
    };
    let (rule_typed, outcome_typed, reason_typed) =
        (typed("rule"), typed("outcome"), typed("reason"));
    let reason_error = error_of("reason");
    let rule_error = error_of("rule");
    let outcome_error = error_of("outcome");
    let id = |what: &str| format!("o{index}-{what}");
    let rules = line.checks.iter().map(|c| {
        let o = line.overrides.iter().find(|o| o.rule == c.key).cloned();
        view! {
            <li>
                <Outcome passed=c.passed overridden=o.is_some() />
                " " {rule_line(c)}
                {(!c.concerns.is_empty()).then(|| view! { " (" {c.concerns.join(", ")} ")" })}
                {o.map(|o| view! {
                    <p class="override">
                        {t_with("overview.override-by", &[("by", &o.by), ("at", &o.at.format("%Y-%m-%d %H:%M UTC").to_string())])}
                        " " <q>{o.reason}</q>
                    </p>
                })}
            </li>
        }
    }).collect_view();
    let rule_options = line.checks.iter().map(|c| {
        let value = c.key.trim_start_matches("screening.").to_string();
        let selected = value == rule_typed;
        view! { <option value=value selected=selected>{t(&format!("{}.short", c.key))}</option> }
    }).collect_view();
    let outcomes = ["pass", "fail", "clear"].map(|o| {
        let selected = o == outcome_typed;
        view! { <option value=o selected=selected>{t(&format!("overview.outcome.{o}"))}</option> }
    });
    let people = line
        .people
        .iter()
        .map(|p| {
            view! {
                <li>
                    {t(&format!("proposals.role.{}", p.role))} ": " {p.name.clone()}
                    {(!p.organisation.is_empty()).then(|| format!(", {}", p.organisation))}
                    " — " {t(&format!("proposals.confirmation.{}", p.confirmation))}
                </li>
            }
        })
        .collect_view();
    let described =
        |what: &str, error: &Option<String>| error.as_ref().map(|_| id(&format!("{what}-error")));
    view! {
        <details open=failed.is_some()>
            <summary>{t("overview.details")}<span class="visually-hidden">": " {code_or_draft(&line)}</span></summary>
            <ul class="rules">{rules}</ul>
            <h4>{t("overview.people")}</h4>
            <ul>{people}</ul>
            <form method="post" action="/api/screening/override" class="stack override-form">
                {form_error.map(|e| view! { <div class="form-error" role="alert">{e}</div> })}
                <Hidden name="forum" value=forum />
                <Hidden name="proposal" value=line.id.to_string() />
                <Hidden name="back" value=back />
                <div class="field" class:has-error=rule_error.is_some()>
                    <label for=id("rule")>{t("overview.rule")}</label>
                    <select id=id("rule") name="rule" aria-describedby=described("rule", &rule_error)>{rule_options}</select>
                    {rule_error.clone().map(|e| view! { <p class="field-error" id=id("rule-error")>{e}</p> })}
                </div>
                <div class="field" class:has-error=outcome_error.is_some()>
                    <label for=id("outcome")>{t("overview.outcome")}</label>
                    <select id=id("outcome") name="outcome" aria-describedby=described("outcome", &outcome_error)>{outcomes}</select>
                    {outcome_error.clone().map(|e| view! { <p class="field-error" id=id("outcome-error")>{e}</p> })}
                </div>
                <div class="field" class:has-error=reason_error.is_some()>
                    <label for=id("reason")>{t("overview.reason")}</label>
                    <textarea id=id("reason") name="reason" rows="2" aria-invalid=reason_error.as_ref().map(|_| "true") aria-describedby=described("reason", &reason_error)>{crate::ui::forms::textarea_text(&reason_typed)}</textarea>
                    {reason_error.clone().map(|e| view! { <p class="field-error" id=id("reason-error")>{e}</p> })}
                </div>
                <button type="submit">{t("overview.override")}</button>
            </form>
        </details>
    }
    .into_any()
}

#[component]
pub fn ScreeningPage() -> impl IntoView {
    let list = organisers_list();
    loaded(list, |list| {
        let forum = list.forum_code.clone();
        let back = here();
        let failed = use_page()
            .submitted
            .filter(|s| s.action == "/api/screening/decide");
        let was_chosen = {
            let failed = failed.clone();
            move |id: &str| {
                failed
                    .as_ref()
                    .is_some_and(|s| s.values.iter().any(|(k, v)| k == "proposals[]" && v == id))
            }
        };
        let row_error = {
            let failed = failed.clone();
            move |id: &str| {
                failed
                    .as_ref()
                    .and_then(|s| s.error.field_message(&format!("proposal-{id}")).map(t))
            }
        };
        let mut heads = vec![
            t("overview.choose"),
            t("proposals.code"),
            t("proposals.field.title"),
            t("overview.screening"),
        ];
        heads.extend(list.rules.iter().map(|r| t(&format!("{r}.short"))));
        heads.push(t("overview.details"));
        let rules = list.rules.clone();
        let decisions = ["eligible", "ineligible", "clear"]
            .map(|d| (d.to_string(), t(&format!("overview.decision.{d}"))))
            .to_vec();
        let rows = list.lines.iter().enumerate().map(|(i, line)| {
            let id = line.id.to_string();
            let checkbox_id = format!("choose-{i}");
            let error = row_error(&id);
            let error_id = format!("choose-{i}-error");
            let has_error = error.is_some();
            let cells = rules.iter().map(|r| {
                match line.checks.iter().find(|c| &c.key == r) {
                    Some(c) => {
                        let overridden = line.overrides.iter().any(|o| &o.rule == r);
                        view! { <td title=rule_line(c)><Outcome passed=c.passed overridden /></td> }.into_any()
                    }
                    None => view! { <td>"—"</td> }.into_any(),
                }
            }).collect_view();
            let decision = if line.screening.is_empty() { t("overview.unscreened") } else { t(&format!("overview.screening.{}", line.screening)) };
            view! {
                <tr class:has-error=has_error>
                    <td>
                        <input type="checkbox" id=checkbox_id.clone() name="proposals[]" value=id.clone() form="bulk"
                            checked=was_chosen(&id) aria-describedby=error.as_ref().map(|_| error_id.clone()) />
                        <label for=checkbox_id class="visually-hidden">{t_with("overview.choose-one", &[("code", &code_or_draft(line))])}</label>
                        {error.map(|e| view! { <p class="field-error" id=error_id>{e}</p> })}
                    </td>
                    <td>{code_or_draft(line)}</td>
                    <td><a href=format!("/forums/{}/review/proposals/{}", forum, line.id)>{line.title.clone()}</a> <br /><small>{line.session_type.clone()} " · " {line.theme.clone()}</small></td>
                    <td>{decision}</td>
                    {cells}
                    <td><ScreeningDetails forum=forum.clone() line=line.clone() index=i back=back.clone() /></td>
                </tr>
            }
        }).collect_view();
        view! {
            <Title text=format!("{} — {}", t("overview.screening-title"), list.forum_name) />
            <h1>{t("overview.screening-title")} ": " <a href=format!("/forums/{}", forum)>{list.forum_name.clone()}</a></h1>
            <Notice />
            <p><a href=Kind::Overview.path(&forum)>{t("overview.title")}</a></p>
            <Filters kind=Kind::Screening list=list.clone() />
            <PostForm action="/api/screening/decide" class="bulk" label=t("overview.bulk") id="bulk">
                <Hidden name="forum" value=forum.clone() />
                <Hidden name="back" value=back.clone() />
                <Choice name="decision" label=t("overview.bulk") options=decisions />
                <button type="submit" class="primary">{t("overview.apply-to-chosen")}</button>
            </PostForm>
            // A scrolling region is reachable by keyboard (it takes focus).
            <div class="table-scroll" tabindex="0" role="region" aria-label=t("overview.screening-title")>
                <table class="screening">
                    <caption class="visually-hidden">{t("overview.screening-title")}</caption>
                    <ColumnHeads labels=heads />
                    <tbody>{rows}</tbody>
                </table>
            </div>
            <Pager kind=Kind::Screening list=list.clone() />
        }
    })
}

/// The four charts of a list: proposals by theme and type, people by
/// stakeholder group and region.
#[component]
fn Charts(list: ProposalList) -> impl IntoView {
    let c = list.tallies;
    view! {
        <section aria-labelledby="charts-heading" class="charts">
            <h2 id="charts-heading">{t("overview.counts")}</h2>
            <BarChart id="chart-themes".into() title=t("overview.by-theme") bars=translated(&c.themes) />
            <BarChart id="chart-types".into() title=t("overview.by-type") bars=translated(&c.session_types) />
            <BarChart id="chart-groups".into() title=t("overview.by-group") bars=translated(&c.groups) />
            <BarChart id="chart-regions".into() title=t("overview.by-region") bars=translated(&c.regions) />
        </section>
    }
    .into_any()
}

#[component]
pub fn ProposalsOverviewPage() -> impl IntoView {
    let list = organisers_list();
    loaded(list, |list| {
        let forum = list.forum_code.clone();
        let query = list.filters.query();
        let csv = if query.is_empty() {
            format!("/forums/{forum}/proposals.csv")
        } else {
            format!("/forums/{forum}/proposals.csv?{query}")
        };
        let heads = vec![
            t("proposals.code"),
            t("proposals.field.title"),
            t("proposals.field.session-type"),
            t("proposals.field.theme"),
            t("overview.proposer"),
            t("overview.people"),
            t("overview.group"),
            t("overview.region"),
            t("proposals.state"),
            t("overview.screening"),
        ];
        let rows = list.lines.iter().map(|l| {
            let groups = l.diversity.stakeholder_groups.iter().filter(|(k, _)| !k.is_empty()).count();
            let regions = l.diversity.regions.iter().filter(|(k, _)| !k.is_empty()).count();
            let screening = if l.screening.is_empty() { String::new() } else { t(&format!("overview.screening.{}", l.screening)) };
            view! {
                <tr>
                    <td>{code_or_draft(l)}</td>
                    <td>{l.title.clone()}</td>
                    <td>{l.session_type.clone()}</td>
                    <td>{l.theme.clone()}</td>
                    <td>{l.proposer.clone()} {(!l.organisation.is_empty()).then(|| format!(" ({})", l.organisation))}</td>
                    <td>{l.diversity.people.to_string()}</td>
                    <td>{groups.to_string()}</td>
                    <td>{regions.to_string()}</td>
                    <td>{t(&format!("proposals.state.{}", l.state))}</td>
                    <td>{screening}</td>
                </tr>
            }
        }).collect_view();
        view! {
            <Title text=format!("{} — {}", t("overview.title"), list.forum_name) />
            <h1>{t("overview.title")} ": " <a href=format!("/forums/{}", forum)>{list.forum_name.clone()}</a></h1>
            <p><a href=Kind::Screening.path(&forum)>{t("overview.screening-title")}</a> " · " <a href=csv download="">{t("overview.csv")}</a></p>
            <Filters kind=Kind::Overview list=list.clone() />
            <Charts list=list.clone() />
            <div class="table-scroll" tabindex="0" role="region" aria-label=t("overview.table-caption")>
                <table>
                    <caption>{t("overview.table-caption")}</caption>
                    <ColumnHeads labels=heads />
                    <tbody>{rows}</tbody>
                </table>
            </div>
            <Pager kind=Kind::Overview list=list.clone() />
        }
    })
}

#[component]
pub fn ReceivedProposalsPage() -> impl IntoView {
    let code = forum_code();
    let filters = filters_from_query();
    let list = Resource::new_blocking(
        move || (code.clone(), filters.get()),
        |(forum, filters)| crate::proposals::api::received_proposals(forum, Some(filters)),
    );
    loaded(list, |list| {
        let forum = list.forum_code.clone();
        let lines = list
            .lines
            .iter()
            .map(|l| {
                let people = |roles: &[&str]| {
                    l.people
                        .iter()
                        .filter(|p| roles.contains(&p.role.as_str()))
                        .map(|p| {
                            if p.organisation.is_empty() {
                                p.name.clone()
                            } else {
                                format!("{} ({})", p.name, p.organisation)
                            }
                        })
                        .collect::<Vec<_>>()
                        .join("; ")
                };
                view! {
                    <li class="received">
                        <h2>{code_or_draft(l)} " — " {l.title.clone()}</h2>
                        <p>{l.session_type.clone()} " · " {l.theme.clone()}</p>
                        <dl>
                            <dt>{t("overview.organisers")}</dt><dd>{people(&["organiser"])}</dd>
                            <dt>{t("overview.speakers")}</dt><dd>{people(&["speaker"])}</dd>
                        </dl>
                    </li>
                }
            })
            .collect_view();
        view! {
            <Title text=format!("{} — {}", t("overview.received-title"), list.forum_name) />
            <h1>{t("overview.received-title")} ": " <a href=format!("/forums/{}", forum)>{list.forum_name.clone()}</a></h1>
            <Filters kind=Kind::Received list=list.clone() />
            <Charts list=list.clone() />
            <ul class="received-list">{lines}</ul>
            <Pager kind=Kind::Received list=list.clone() />
        }
    })
}
