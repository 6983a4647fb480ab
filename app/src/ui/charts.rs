//! Charts as accessible SVG: a title and a description naming every figure
//! (what a screen reader announces), the numbers beside as a table, and bars
//! that grow from the reading direction's start (right-to-left in Arabic).

use crate::i18n::{t, use_locale};
use leptos::prelude::*;

/// Chart width in SVG units; the label column takes the first part.
const WIDTH: u32 = 480;
const LABEL: u32 = 220;
const ROW: u32 = 26;

/// The bar's length for `count` out of `max`, in SVG units.
pub fn bar_length(count: u32, max: u32) -> u32 {
    let room = WIDTH - LABEL - 40;
    if max == 0 {
        0
    } else {
        (u64::from(count) * u64::from(room) / u64::from(max)) as u32
    }
}

/// A horizontal bar chart of `bars` (label, count), with its numbers as a table.
#[component]
pub fn BarChart(id: String, title: String, bars: Vec<(String, u32)>) -> impl IntoView {
    let rtl = use_locale().dir() == "rtl";
    let max = bars.iter().map(|(_, n)| *n).max().unwrap_or(0);
    let height = ROW * bars.len() as u32 + 8;
    let description = bars
        .iter()
        .map(|(label, n)| format!("{label}: {n}"))
        .collect::<Vec<_>>()
        .join("; ");
    let title_id = format!("{id}-title");
    let desc_id = format!("{id}-desc");
    let labelled_by = format!("{title_id} {desc_id}");
    let rows = bars
        .iter()
        .enumerate()
        .map(|(i, (label, n))| {
            let y = ROW * i as u32 + 4;
            let length = bar_length(*n, max);
            // Left to right: label at the start, bar after it; mirrored in RTL.
            // Text anchors at "start", which the SVG's direction turns around.
            let (label_x, bar_x, count_x) = if rtl {
                (WIDTH - 4, WIDTH - LABEL - length, WIDTH - LABEL - length - 4)
            } else {
                (4, LABEL, LABEL + length + 4)
            };
            let short: String = label.chars().take(30).collect();
            view! {
                <g>
                    <text x=label_x y=y + 16 text-anchor="start" class="chart-label">{short}</text>
                    <rect x=bar_x y=y + 3 width=length height=ROW - 8 class="chart-bar" />
                    <text x=count_x y=y + 16 text-anchor="start" class="chart-count">{n.to_string()}</text>
                </g>
            }
        })
        .collect_view();
    let table_rows = bars
        .into_iter()
        .map(|(label, n)| view! { <tr><th scope="row">{label}</th><td>{n.to_string()}</td></tr> })
        .collect_view();
    view! {
        <figure class="chart">
            <svg
                role="img"
                aria-labelledby=labelled_by
                viewBox=format!("0 0 {WIDTH} {height}")
                width="100%"
                direction=if rtl { "rtl" } else { "ltr" }
            >
                <title id=title_id>{title.clone()}</title>
                <desc id=desc_id>{description}</desc>
                {rows}
            </svg>
            <figcaption>
                <table class="chart-table">
                    <caption>{title}</caption>
                    <thead><tr><th scope="col">{t("chart.category")}</th><th scope="col">{t("chart.count")}</th></tr></thead>
                    <tbody>{table_rows}</tbody>
                </table>
            </figcaption>
        </figure>
    }
    .into_any()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bars_scale_to_the_largest() {
        assert_eq!(bar_length(0, 0), 0);
        assert_eq!(bar_length(10, 10), WIDTH - LABEL - 40);
        assert_eq!(bar_length(5, 10), (WIDTH - LABEL - 40) / 2);
    }
}
