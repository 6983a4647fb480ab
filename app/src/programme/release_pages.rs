//! The organisers' release page: what the next release publishes and
//! changes, whom it writes to, the hard problems that hold it back, a note
//! and the button that publishes it; then the releases so far.

use super::schedule_pages::conflict_item;
use super::{ChangeLine, ReleasePlan as Plan};
use crate::error::AppError;
use crate::forums::pages::forum_code;
use crate::i18n::{t, t_with};
use crate::ui::forms::{Hidden, PostForm, Submit, TextArea};
use crate::ui::layout::{loaded, ColumnHeads, Notice};
use leptos::prelude::*;
use leptos_meta::Title;
#[cfg(feature = "ssr")]
use {super::release, crate::context::RequestCtx, crate::web::go_to};

#[server(name = LoadReleasePlan, prefix = "/api", endpoint = "programme/releases")]
pub async fn load_release_plan(forum: String) -> Result<Plan, AppError> {
    release::plan(&RequestCtx::current()?, &forum).await
}

/// Publishes the draft as the next release.
#[server(prefix = "/api", endpoint = "programme/publish")]
pub async fn publish_release(forum: String, note: String) -> Result<(), AppError> {
    release::publish(&RequestCtx::current()?, &forum, &note).await?;
    go_to(&format!(
        "/forums/{forum}/programme/releases?notice=release-published"
    ));
    Ok(())
}

/// A changelog as a table: kind, session, before, after.
pub fn change_table(caption: String, changes: Vec<ChangeLine>) -> impl IntoView {
    let rows = changes
        .into_iter()
        .map(|c| {
            let kind = t(&format!("release.kind.{}", c.kind));
            view! {
                <tr class=format!("change-{}", c.kind)>
                    <td>{kind}</td>
                    <th scope="row">{c.code} " " {c.title}</th>
                    <td>{c.before}</td>
                    <td>{c.after}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <div class="table-scroll">
            <table class="changes">
                <caption>{caption}</caption>
                <ColumnHeads labels=vec![t("release.change"), t("release.session"), t("release.before"), t("release.after")] />
                <tbody>{rows}</tbody>
            </table>
        </div>
    }
}

#[component]
pub fn ReleasesPage() -> impl IntoView {
    let code = forum_code();
    let data = Resource::new_blocking(move || code.clone(), load_release_plan);
    loaded(data, |p: Plan| {
        let forum = p.forum_code.clone();
        let blocked = !p.problems.is_empty();
        let problems = blocked.then(|| {
            let items = p
                .problems
                .iter()
                .map(|c| conflict_item(&forum, c))
                .collect_view();
            view! {
                <section aria-labelledby="problems-heading">
                    <h2 id="problems-heading">{t("release.problems-heading")}</h2>
                    <p>{t("release.problems-intro")}</p>
                    <ul class="conflicts">{items}</ul>
                </section>
            }
        });
        let next = p.next.to_string();
        let pending = if p.changes.is_empty() {
            view! { <p>{t("release.no-changes")}</p> }.into_any()
        } else {
            change_table(
                t_with("release.pending-caption", &[("number", &next)]),
                p.changes.clone(),
            )
            .into_any()
        };
        let (forum_publish, next_publish) = (p.forum_code.clone(), next.clone());
        let publish = (!blocked && !p.changes.is_empty()).then(move || {
            let next = next_publish;
            view! {
                <PostForm action="/api/programme/publish" class="stack">
                    <Hidden name="forum" value=forum_publish />
                    <TextArea name="note" label=t("release.note") hint=t("release.note-hint") rows=3 />
                    <Submit label=t_with("release.publish", &[("number", &next)]) />
                </PostForm>
            }
        });
        let past = p
            .releases
            .iter()
            .map(|r| {
                view! {
                    <tr>
                        <th scope="row">{r.number}</th>
                        <td><time datetime=r.published_at.clone()>{r.published_at.chars().take(16).collect::<String>().replace('T', " ")}</time></td>
                        <td>{r.sessions}</td>
                        <td>{r.mailed}</td>
                        <td>{r.note.clone()}</td>
                    </tr>
                }
            })
            .collect_view();
        let has_past = !p.releases.is_empty();
        view! {
            <Title text=format!("{} — {}", t("release.title"), p.forum_name) />
            <h1>{t("release.title")} ": " <a href=format!("/forums/{}", p.forum_code)>{p.forum_name.clone()}</a></h1>
            <Notice />
            <p>{t("release.intro")}</p>
            <p>
                {t_with("release.counts", &[("placed", &p.placed.to_string()), ("unplaced", &p.unplaced.to_string()), ("people", &p.to_mail.to_string())])}
                " " <a href=format!("/forums/{}/programme/schedule", p.forum_code)>{t("programme.schedule")}</a>
                " · " <a href=format!("/forums/{}/programme", p.forum_code)>{t("release.public-link")}</a>
                " · " <a href=format!("/forums/{}/programme/changes", p.forum_code)>{t("release.changelog")}</a>
            </p>
            {problems}
            <section aria-labelledby="pending-heading">
                <h2 id="pending-heading">{t_with("release.next", &[("number", &next)])}</h2>
                {pending}
                {publish}
            </section>
            <section aria-labelledby="past-heading">
                <h2 id="past-heading">{t("release.past")}</h2>
                {if has_past {
                    view! {
                        <div class="table-scroll">
                            <table>
                                <ColumnHeads labels=vec![t("release.number"), t("release.published"), t("release.sessions"), t("release.mailed"), t("release.note")] />
                                <tbody>{past}</tbody>
                            </table>
                        </div>
                    }.into_any()
                } else {
                    view! { <p>{t("release.none-yet")}</p> }.into_any()
                }}
            </section>
        }
    })
}
