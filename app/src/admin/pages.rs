//! Administrator pages: the audit log and the mail outbox.

use crate::i18n::t;
use crate::notifications::MailStatus;
use crate::ui::forms::{Hidden, PostForm};
use crate::ui::layout::{loaded, ColumnHeads, ErrorView, Notice};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

fn when(at: chrono::DateTime<chrono::Utc>) -> String {
    at.format("%Y-%m-%d %H:%M:%S UTC").to_string()
}

#[component]
pub fn AdminHome() -> impl IntoView {
    let page = crate::ui::use_page();
    let is_admin = page.viewer.as_ref().is_some_and(|v| v.is_admin);
    view! {
        <Title text=t("admin.title") />
        {if is_admin {
            view! {
                <h1>{t("admin.title")}</h1>
                <ul>
                    <li><a href="/forums/new">{t("forums.new.title")}</a></li>
                    <li><a href="/admin/import">{t("import.title")}</a></li>
                    <li><a href="/admin/audit">{t("admin.audit.title")}</a></li>
                    <li><a href="/admin/outbox">{t("admin.outbox.title")}</a></li>
                </ul>
                <h2>{t("admin.forums")}</h2>
                <ul>
                    {page.forums.iter().map(|f| view! {
                        <li><a href=format!("/forums/{}", f.code)>{f.name.clone()}</a></li>
                    }).collect_view()}
                </ul>
            }
            .into_any()
        } else {
            view! { <ErrorView error=crate::ui::denial() /> }.into_any()
        }}
    }
}

#[component]
pub fn AuditPage() -> impl IntoView {
    let events = Resource::new_blocking(|| (), |_| super::api::audit_log());
    let heads = ["at", "actor", "action", "subject", "detail", "client"];
    view! {
        <Title text=t("admin.audit.title") />
        {loaded(events, move |rows| view! {
            <h1>{t("admin.audit.title")}</h1>
            <table>
                <caption>{t("admin.audit.caption")}</caption>
                <ColumnHeads labels=heads.iter().map(|h| t(&format!("admin.audit.{h}"))).collect() />
                <tbody>
                    {rows.into_iter().map(|r| view! {
                        <tr>
                            <td>{when(r.at)}</td>
                            <td>{r.actor.unwrap_or_default()}</td>
                            <td><code>{r.action}</code></td>
                            <td>{r.subject}</td>
                            <td>{r.detail}</td>
                            <td>{r.client_addr}</td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        })}
    }
}

#[component]
pub fn OutboxPage() -> impl IntoView {
    let status = use_query_map().read_untracked().get("status");
    let filter = status.clone();
    let messages = Resource::new_blocking(move || filter.clone(), super::api::outbox);
    let heads = ["created", "to", "subject", "status", "attempts", "actions"];
    view! {
        <Title text=t("admin.outbox.title") />
        {loaded(messages, move |rows| view! {
            <h1>{t("admin.outbox.title")}</h1>
            <Notice />
            <nav aria-label=t("admin.outbox.filter")>
                <ul class="filters">
                    <li><a href="/admin/outbox" aria-current=status.is_none().then_some("page")>{t("admin.outbox.all")}</a></li>
                    {MailStatus::ALL.into_iter().map(|s| {
                        let current = status.as_deref() == Some(s.code());
                        view! {
                            <li><a href=format!("/admin/outbox?status={}", s.code()) aria-current=current.then_some("page")>
                                {t(&format!("mail-status.{}", s.code()))}
                            </a></li>
                        }
                    }).collect_view()}
                </ul>
            </nav>
            <table>
                <caption>{t("admin.outbox.caption")}</caption>
                <ColumnHeads labels=heads.iter().map(|h| t(&format!("admin.outbox.{h}"))).collect() />
                <tbody>
                    {rows.into_iter().map(|m| view! {
                        <tr>
                            <td>{when(m.created_at)}</td>
                            <td>{m.to_addr}</td>
                            <td>{m.subject}</td>
                            <td>
                                {t(&format!("mail-status.{}", m.status.code()))}
                                {m.last_error.map(|e| view! { <br /><small>{e}</small> })}
                            </td>
                            <td>{m.attempts}</td>
                            <td>
                                <PostForm action="/api/admin/resend" class="inline">
                                    <Hidden name="id" value=m.id.to_string() />
                                    <button type="submit" class="link">{t("admin.outbox.resend")}</button>
                                </PostForm>
                            </td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        })}
    }
}
