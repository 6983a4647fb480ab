//! The public list of an edition's participants: only those approved who
//! consented to appear (`listed`), with the name on their badge, their
//! organisation, country and stakeholder group; searchable by words, a
//! page at a time. Three statements whatever the number of participants.

use crate::error::AppError;
use crate::forums::pages::forum_code;
use crate::i18n::{t, t_with};
use crate::ui::layout::{loaded, ColumnHeads};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;
use serde::{Deserialize, Serialize};

/// Participants on a page of the list.
pub const PER_PAGE: u64 = 100;

/// One consenting participant.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Participant {
    pub badge_name: String,
    pub organisation: String,
    /// The country's name.
    pub country: String,
    pub stakeholder_group: Option<String>,
    pub mode: super::Mode,
}

/// A page of the public list.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ParticipantsPage {
    pub forum_code: String,
    pub forum_name: String,
    pub participants: Vec<Participant>,
    /// How many match (all pages).
    pub matched: u64,
    /// Counting from 1.
    pub page: u64,
    pub words: String,
}

impl ParticipantsPage {
    pub fn pages(&self) -> u64 {
        self.matched.div_ceil(PER_PAGE).max(1)
    }
}

#[cfg(feature = "ssr")]
pub mod service {
    use super::*;
    use crate::accounts::countries;
    use crate::context::RequestCtx;
    use crate::db::registration;
    use crate::forums::editions::by_code;
    use crate::registration::State;
    use sea_orm::{entity::prelude::*, sea_query::Expr, Condition, QueryOrder, QuerySelect};

    /// A word in the badge name or organisation (case ignored).
    fn has_word(word: &str) -> Condition {
        crate::db::any_contains(
            [
                Expr::col(registration::Column::BadgeName),
                Expr::col(registration::Column::Organisation),
            ],
            word,
        )
    }

    /// A page of the list: anyone may read it.
    pub async fn page(
        ctx: &RequestCtx,
        code: &str,
        words: &str,
        page: u64,
    ) -> Result<ParticipantsPage, AppError> {
        let f = by_code(ctx, code).await?;
        let mut chosen = Condition::all()
            .add(registration::Column::ForumId.eq(f.id))
            .add(registration::Column::State.eq(State::Approved.code()))
            .add(registration::Column::Listed.eq(true));
        for word in words.split_whitespace().take(10) {
            chosen = chosen.add(has_word(word));
        }
        let matched = registration::Entity::find()
            .filter(chosen.clone())
            .count(ctx.db())
            .await?;
        let page = page.clamp(1, Ord::max(matched.div_ceil(PER_PAGE), 1));
        let participants = registration::Entity::find()
            .filter(chosen)
            .order_by_asc(registration::Column::BadgeName)
            .order_by_asc(registration::Column::Id)
            .offset((page - 1) * PER_PAGE)
            .limit(PER_PAGE)
            .all(ctx.db())
            .await?
            .into_iter()
            .map(|r| Participant {
                badge_name: r.badge_name,
                organisation: r.organisation,
                country: r
                    .country
                    .as_deref()
                    .and_then(countries::country)
                    .map(|c| c.name.to_string())
                    .unwrap_or_default(),
                stakeholder_group: r.stakeholder_group,
                mode: crate::registration::Mode::from_code(&r.mode)
                    .unwrap_or(crate::registration::Mode::Online),
            })
            .collect();
        Ok(ParticipantsPage {
            forum_code: f.code,
            forum_name: f.name,
            participants,
            matched,
            page,
            words: words.to_string(),
        })
    }
}

#[server(name = LoadParticipants, prefix = "/api", endpoint = "registration/participants")]
pub async fn participants(
    forum: String,
    q: Option<String>,
    page: Option<u64>,
) -> Result<ParticipantsPage, AppError> {
    service::page(
        &crate::context::RequestCtx::current()?,
        &forum,
        q.as_deref().unwrap_or_default(),
        page.unwrap_or(1),
    )
    .await
}

fn pager(p: &ParticipantsPage) -> impl IntoView {
    let link = |page: u64| {
        let mut href = format!("/forums/{}/participants?page={page}", p.forum_code);
        if !p.words.is_empty() {
            href.push_str(&format!("&q={}", crate::web::encode(&p.words)));
        }
        href
    };
    let (page, pages) = (p.page, p.pages());
    (pages > 1).then(|| {
        view! {
            <nav class="pager" aria-label=t("participants.pages")>
                {(page > 1).then(|| view! { <a href=link(page - 1) rel="prev">{t("participants.previous")}</a> " " })}
                <span>{t_with("participants.page-of", &[("page", &page.to_string()), ("pages", &pages.to_string())])}</span>
                {(page < pages).then(|| view! { " " <a href=link(page + 1) rel="next">{t("participants.next")}</a> })}
            </nav>
        }
    })
}

#[component]
pub fn ParticipantsListPage() -> impl IntoView {
    let code = forum_code();
    let query = use_query_map();
    let args = move || {
        let q = query.get();
        (
            code.clone(),
            q.get("q").unwrap_or_default(),
            q.get("page")
                .and_then(|p| p.parse::<u64>().ok())
                .unwrap_or(1),
        )
    };
    let data = Resource::new_blocking(args, |(forum, q, page)| {
        participants(forum, Some(q), Some(page))
    });
    loaded(data, |p: ParticipantsPage| {
        let title = t_with("participants.title", &[("forum", &p.forum_name)]);
        let rows = p
            .participants
            .iter()
            .map(|x| {
                let group = x
                    .stakeholder_group
                    .as_deref()
                    .and_then(crate::accounts::StakeholderGroup::from_code)
                    .map(|g| t(&g.label_key()))
                    .unwrap_or_default();
                view! {
                    <tr>
                        <th scope="row">{x.badge_name.clone()}</th>
                        <td>{x.organisation.clone()}</td>
                        <td>{x.country.clone()}</td>
                        <td>{group}</td>
                        <td>{t(&x.mode.label_key())}</td>
                    </tr>
                }
            })
            .collect_view();
        let heads = vec![
            t("field.name"),
            t("field.organisation"),
            t("field.country"),
            t("field.stakeholder-group"),
            t("registration.field.mode"),
        ];
        let count = t_with("participants.count", &[("count", &p.matched.to_string())]);
        view! {
            <Title text=title.clone() />
            <h1>{title}</h1>
            <p>{t("participants.intro")}</p>
            <form method="get" action=format!("/forums/{}/participants", p.forum_code) class="filters" role="search" aria-label=t("participants.search")>
                <label for="participants-q">{t("participants.search")}</label>
                <input id="participants-q" name="q" type="search" value=p.words.clone() />
                <button type="submit">{t("registration.apply")}</button>
            </form>
            <div class="table-scroll" tabindex="0" role="region" aria-label=t("participants.list")>
                <table class="participants">
                    <caption>{count}</caption>
                    <ColumnHeads labels=heads />
                    <tbody>{rows}</tbody>
                </table>
            </div>
            {pager(&p)}
        }
    })
}
