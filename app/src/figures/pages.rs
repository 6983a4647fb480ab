//! The organisers' figures page of an edition: participation — headline
//! numbers, then the approved participants by stakeholder group, region and
//! gender as charts with their tables (small groups suppressed), the top
//! countries — and the download of every figure as CSV.

use super::api::figures_page;
use super::balance::{Shown, SMALLEST_SHOWN};
use super::participation::{Line, Participation, PublishedLine};
use super::programme::Named;
use super::FiguresPage;
use crate::accounts::StakeholderGroup;
use crate::forums::pages::forum_code;
use crate::hubs::country_name;
use crate::i18n::{t, t_with};
use crate::ui::charts::BarChart;
use crate::ui::layout::loaded;
use leptos::prelude::*;
use leptos_meta::Title;

fn not_given_or(code: &str, label: impl Fn(&str) -> String) -> String {
    if code.is_empty() {
        t("figures.not-given")
    } else {
        label(code)
    }
}

fn group_label(code: &str) -> String {
    not_given_or(code, |c| {
        StakeholderGroup::from_code(c)
            .map(|g| t(&g.label_key()))
            .unwrap_or_else(|| c.to_string())
    })
}

fn bars(lines: &[Line], label: fn(&str) -> String) -> Vec<(String, u32)> {
    lines
        .iter()
        .map(|l| (label(&l.code), l.count.min(u32::MAX as u64) as u32))
        .collect()
}

fn headline(p: &Participation) -> impl IntoView {
    let facts = [
        ("figures.registered", p.registered),
        ("figures.approved", p.approved),
        ("figures.approved-onsite", p.approved_onsite),
        ("figures.approved-online", p.approved_online),
        ("figures.checked-in", p.checked_in),
        ("figures.joined-online", p.joined_online),
        ("figures.first-time", p.first_time),
        ("figures.developing", p.developing),
        ("figures.countries", p.countries),
    ];
    view! {
        <dl class="facts figures">
            {facts.into_iter().map(|(key, n)| view! { <dt>{t(key)}</dt><dd>{n.to_string()}</dd> }).collect_view()}
        </dl>
    }
}

fn gender(lines: &[PublishedLine], id: &'static str, title: &'static str) -> impl IntoView {
    let label = |code: &str| not_given_or(code, |c| t(&format!("gender.{c}")));
    let shown: Vec<(String, u32)> = lines
        .iter()
        .filter_map(|l| match l.shown {
            Shown::Count(n) => Some((label(&l.code), n.min(u32::MAX as u64) as u32)),
            Shown::Suppressed => None,
        })
        .collect();
    let hidden: Vec<String> = lines
        .iter()
        .filter(|l| l.shown == Shown::Suppressed)
        .map(|l| label(&l.code))
        .collect();
    let note = (!hidden.is_empty()).then(|| {
        view! {
            <p class="hint">
                {t_with("figures.suppressed", &[("n", &SMALLEST_SHOWN.to_string()), ("groups", &hidden.join(", "))])}
            </p>
        }
    });
    view! {
        <BarChart id=id.into() title=t(title) bars=shown />
        {note}
    }
}

fn countries(p: &Participation) -> impl IntoView {
    let rows = p
        .top_countries
        .iter()
        .map(|l| view! { <tr><th scope="row">{country_name(&l.code)}</th><td>{l.count.to_string()}</td></tr> })
        .collect_view();
    view! {
        <table class="top-countries">
            <caption>{t_with("figures.top-countries", &[("count", &p.countries.to_string())])}</caption>
            <thead><tr><th scope="col">{t("figures.country")}</th><th scope="col">{t("chart.count")}</th></tr></thead>
            <tbody>{rows}</tbody>
        </table>
    }
}

fn region_label(code: &str) -> String {
    not_given_or(code, |c| t(&format!("region.{c}")))
}

fn named_bars(lines: &[Named]) -> Vec<(String, u32)> {
    lines
        .iter()
        .map(|l| {
            let name = if l.name.is_empty() {
                t("figures.none")
            } else {
                l.name.clone()
            };
            (name, l.count.min(u32::MAX as u64) as u32)
        })
        .collect()
}

/// The programme's figures: sessions by type, theme and format; the people
/// on sessions by group, region, gender and presence; the diverse sessions.
fn programme(f: &FiguresPage) -> impl IntoView {
    let p = &f.programme;
    let facts = [
        ("figures.sessions", p.sessions),
        ("figures.people", p.people),
        ("figures.people-onsite", p.people_onsite),
        ("figures.people-online", p.people_online),
        ("figures.diverse", p.diverse),
    ];
    let share = t_with(
        "figures.diverse-share",
        &[("share", &p.diverse_share.to_string())],
    );
    view! {
        <section class="charts" aria-labelledby="programme">
            <h2 id="programme">{t("figures.programme")}</h2>
            <p><a href=format!("/forums/{}/figures/programme.csv", f.forum_code) download="">{t("figures.download-programme")}</a></p>
            <dl class="facts figures">
                {facts.into_iter().map(|(key, n)| view! { <dt>{t(key)}</dt><dd>{n.to_string()}</dd> }).collect_view()}
            </dl>
            <p>{share}</p>
            <BarChart id="chart-session-types".into() title=t("figures.by-type") bars=named_bars(&p.by_type) />
            <BarChart id="chart-themes".into() title=t("figures.by-theme") bars=named_bars(&p.by_theme) />
            <BarChart id="chart-formats".into() title=t("figures.by-format") bars=named_bars(&p.by_format) />
            <BarChart id="chart-people-groups".into() title=t("figures.people-by-group") bars=bars(&p.by_group, group_label) />
            <BarChart id="chart-people-regions".into() title=t("figures.people-by-region") bars=bars(&p.by_region, region_label) />
            {gender(&p.by_gender, "chart-people-gender", "figures.people-by-gender")}
        </section>
    }
}

#[component]
pub fn FiguresDashboardPage() -> impl IntoView {
    let code = forum_code();
    let data = Resource::new_blocking(move || code.clone(), figures_page);
    loaded(data, |f: FiguresPage| {
        let title = t_with("figures.title", &[("edition", &f.forum_name)]);
        let p = &f.participation;
        view! {
            <Title text=title.clone() />
            <h1>{title}</h1>
            <p><a href=format!("/forums/{}", f.forum_code)>{f.forum_name.clone()}</a></p>
            <section class="charts" aria-labelledby="participation">
                <h2 id="participation">{t("figures.participation")}</h2>
                <p><a href=format!("/forums/{}/figures/participation.csv", f.forum_code) download="">{t("figures.download")}</a></p>
                {headline(p)}
                <BarChart id="chart-groups".into() title=t("figures.by-group") bars=bars(&p.by_group, group_label) />
                <BarChart id="chart-regions".into() title=t("figures.by-region") bars=bars(&p.by_region, region_label) />
                {gender(&p.by_gender, "chart-gender", "figures.by-gender")}
                {countries(p)}
            </section>
            {programme(&f)}
        }
    })
}
