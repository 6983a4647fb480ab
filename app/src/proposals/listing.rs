//! The lists of an edition's proposals, filled from the database (server
//! only): the organisers' screening list and all-proposals table, their CSV
//! export, and the public list of received proposals. Each loads the edition
//! once through `batch` and filters, counts and pages in memory, so a list
//! costs the same few statements for 40 proposals or 1,500.

use super::batch::{self, Edition, Screened};
use super::drafts::SUBMITTED;
use super::overview::{
    counts_text, found, sort_by, tallies, LinePerson, OverrideLine, ProposalFilters, ProposalLine,
    ProposalList, PAGE_SIZE,
};
use super::screening::diversity;
use crate::accounts::countries;
use crate::context::RequestCtx;
use crate::csv::csv_record;
use crate::db::forum;
use crate::error::AppError;
use crate::i18n::translate;
use std::collections::HashMap;

/// A line with what filtering and the CSV need beside it.
struct Row<'a> {
    screened: &'a Screened,
    line: ProposalLine,
    theme_id: String,
    type_id: String,
    /// Lower-cased code, title, description, tags, people and organisations.
    haystack: String,
}

fn rows(edition: &Edition, public: bool) -> Vec<Row<'_>> {
    let themes: HashMap<_, _> = edition.themes.iter().map(|t| (t.id, t)).collect();
    let types: HashMap<_, _> = edition.session_types.iter().map(|t| (t.id, t)).collect();
    edition
        .proposals
        .iter()
        .map(|s| {
            let p = &s.proposal;
            let theme = p.theme_id.and_then(|id| themes.get(&id));
            let developing = batch::developing(&s.people, &s.proposer);
            let people: Vec<LinePerson> = s
                .people
                .iter()
                .map(|x| LinePerson {
                    role: x.role.clone(),
                    name: x.name.clone(),
                    organisation: x.organisation.clone(),
                    stakeholder_group: x.stakeholder_group.clone().unwrap_or_default(),
                    region: countries::region_code(x.country.as_deref()),
                    confirmation: x.confirmation.clone(),
                })
                .collect();
            let mut haystack = format!(
                "{} {} {} {} {} {}",
                p.code.as_deref().unwrap_or_default(),
                p.title,
                p.description,
                p.tags,
                s.proposer.name,
                s.proposer.organisation
            );
            for x in &people {
                haystack.push(' ');
                haystack.push_str(&x.name);
                haystack.push(' ');
                haystack.push_str(&x.organisation);
            }
            let line = ProposalLine {
                id: p.id,
                code: p.code.clone(),
                title: p.title.clone(),
                state: p.state.clone(),
                screening: if public {
                    String::new()
                } else {
                    p.screening.clone()
                },
                session_type: p
                    .session_type_id
                    .and_then(|id| types.get(&id))
                    .map(|t| t.name.clone())
                    .unwrap_or_default(),
                theme: theme.map(|t| t.name.clone()).unwrap_or_default(),
                theme_colour: theme.map(|t| t.colour.clone()).unwrap_or_default(),
                proposer: s.proposer.name.clone(),
                organisation: s.proposer.organisation.clone(),
                first_time: s.proposer.first_time,
                developing,
                people,
                diversity: diversity(&s.facts.people),
                checks: if public { vec![] } else { s.checks.clone() },
                overrides: if public {
                    vec![]
                } else {
                    s.overrides
                        .iter()
                        .map(|o| OverrideLine {
                            rule: o.rule.clone(),
                            passed: o.passed,
                            reason: o.reason.clone(),
                            by: edition
                                .deciders
                                .get(&o.decided_by)
                                .cloned()
                                .unwrap_or_default(),
                            at: o.decided_at,
                        })
                        .collect()
                },
                submitted_at: p.submitted_at,
            };
            Row {
                screened: s,
                line,
                theme_id: p.theme_id.map(|id| id.to_string()).unwrap_or_default(),
                type_id: p
                    .session_type_id
                    .map(|id| id.to_string())
                    .unwrap_or_default(),
                haystack: haystack.to_lowercase(),
            }
        })
        .collect()
}

/// The rows that pass the filters and the search, in the asked order.
fn filtered<'a>(rows: Vec<Row<'a>>, f: &ProposalFilters) -> Vec<Row<'a>> {
    let mut kept: Vec<Row> = rows
        .into_iter()
        .filter(|r| r.line.matches(f, &r.theme_id, &r.type_id) && found(&f.q, &r.haystack))
        .collect();
    sort_by(&mut kept, &f.sort, |r| &r.line);
    kept
}

fn list(
    f: &forum::Model,
    edition: &Edition,
    rows: Vec<Row>,
    filters: ProposalFilters,
) -> ProposalList {
    let total = rows.len();
    let kept = filtered(rows, &filters);
    let matched = kept.len();
    let pages = matched.div_ceil(PAGE_SIZE).max(1);
    let page = filters.page.clamp(1, pages);
    let lines: Vec<ProposalLine> = kept.into_iter().map(|r| r.line).collect();
    let themes: Vec<(String, String)> = edition
        .themes
        .iter()
        .filter(|t| t.parent_id.is_none())
        .map(|t| (t.id.to_string(), t.name.clone()))
        .collect();
    let session_types: Vec<(String, String)> = edition
        .session_types
        .iter()
        .map(|t| (t.id.to_string(), t.name.clone()))
        .collect();
    let names =
        |pairs: &[(String, String)]| pairs.iter().map(|(_, n)| n.clone()).collect::<Vec<_>>();
    let counts = tallies(&lines, &names(&themes), &names(&session_types));
    let mut rules: Vec<String> = vec![];
    for c in lines.iter().flat_map(|l| &l.checks) {
        if !rules.contains(&c.key) {
            rules.push(c.key.clone());
        }
    }
    ProposalList {
        forum_code: f.code.clone(),
        forum_name: f.name.clone(),
        total,
        matched,
        pages,
        lines: lines
            .into_iter()
            .skip((page - 1) * PAGE_SIZE)
            .take(PAGE_SIZE)
            .collect(),
        tallies: counts,
        rules,
        themes,
        session_types,
        filters: ProposalFilters { page, ..filters },
    }
}

/// The organisers' list of every proposal of the edition (screening list and
/// all-proposals table).
pub async fn for_organisers(
    ctx: &RequestCtx,
    forum_code: &str,
    filters: ProposalFilters,
) -> Result<ProposalList, AppError> {
    ctx.require_organiser(forum_code)?;
    let f = crate::forums::editions::by_code(ctx, forum_code).await?;
    let edition = batch::load(ctx.db(), f.id).await?;
    let all = rows(&edition, false);
    Ok(list(&f, &edition, all, filters))
}

/// The public list of received proposals: submitted proposals of the calls
/// whose organisers publish them, without emails or screening results.
pub async fn received(
    ctx: &RequestCtx,
    forum_code: &str,
    filters: ProposalFilters,
) -> Result<ProposalList, AppError> {
    let f = crate::forums::editions::by_code(ctx, forum_code).await?;
    let edition = batch::load(ctx.db(), f.id).await?;
    let published: Vec<_> = edition
        .calls
        .iter()
        .filter(|c| c.publish_received)
        .map(|c| c.id)
        .collect();
    if published.is_empty() {
        return Err(AppError::NotFound);
    }
    let shown: Vec<Row> = rows(&edition, true)
        .into_iter()
        .filter(|r| {
            r.screened.proposal.state == SUBMITTED
                && published.contains(&r.screened.proposal.call_id)
        })
        .collect();
    let filters = ProposalFilters {
        state: String::new(),
        screening: String::new(),
        sort: if filters.sort == "failed" {
            String::new()
        } else {
            filters.sort
        },
        ..filters
    };
    Ok(list(&f, &edition, shown, filters))
}

/// The organisers' list as CSV (all matching proposals, not one page), with
/// the proposer's email, which only organisers see.
pub async fn csv(
    ctx: &RequestCtx,
    forum_code: &str,
    filters: ProposalFilters,
) -> Result<String, AppError> {
    ctx.require_organiser(forum_code)?;
    let f = crate::forums::editions::by_code(ctx, forum_code).await?;
    let edition = batch::load(ctx.db(), f.id).await?;
    let kept = filtered(rows(&edition, false), &filters);
    let heads = [
        "code",
        "title",
        "state",
        "screening",
        "session_type",
        "theme",
        "proposer",
        "proposer_email",
        "organisation",
        "country",
        "first_time",
        "developing",
        "people",
        "stakeholder_groups",
        "regions",
        "genders",
        "onsite",
        "online",
        "rules_passed",
        "failed_rules",
        "submitted_at",
    ];
    let mut out = csv_record(&heads);
    for r in kept {
        let l = &r.line;
        let s = r.screened;
        let failed: Vec<String> = l
            .checks
            .iter()
            .filter(|c| !c.passed)
            .map(|c| translate(ctx.locale, &format!("{}.short", c.key)))
            .collect();
        let d = &l.diversity;
        out.push_str(&csv_record(&[
            l.code.clone().unwrap_or_default(),
            l.title.clone(),
            l.state.clone(),
            l.screening.clone(),
            l.session_type.clone(),
            l.theme.clone(),
            l.proposer.clone(),
            s.proposer.email.clone(),
            l.organisation.clone(),
            s.proposer.country.clone().unwrap_or_default(),
            yes_no(l.first_time),
            yes_no(l.developing),
            d.people.to_string(),
            counts_text(&d.stakeholder_groups),
            counts_text(&d.regions),
            counts_text(&d.genders),
            d.onsite.to_string(),
            d.online.to_string(),
            yes_no(failed.is_empty()),
            failed.join("; "),
            l.submitted_at
                .map(|t| t.format("%Y-%m-%dT%H:%M:%SZ").to_string())
                .unwrap_or_default(),
        ]));
    }
    Ok(out)
}

fn yes_no(v: bool) -> String {
    if v { "yes" } else { "no" }.into()
}
