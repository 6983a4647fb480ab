//! The edition's own wording of its mails: which mails have one, and the form
//! for one mail in one language (chosen in the address, so the page has one
//! form with these fields and works without JavaScript).

use super::forum_code;
use crate::i18n::{t, t_with, Locale};
use crate::notifications::wording::{placeholders, MailSettings};
use crate::ui::forms::{Field, Hidden, PostForm, Submit, TextArea};
use crate::ui::layout::{loaded, ColumnHeads, Notice};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

#[component]
pub fn MailPage() -> impl IntoView {
    let code = forum_code();
    let query = use_query_map();
    let settings = Resource::new_blocking(move || code.clone(), crate::forums::api::edition_mail);
    loaded(settings, move |s: MailSettings| {
        let q = query.read_untracked();
        let kind = q.get("kind").unwrap_or_default();
        let locale = q.get("locale").unwrap_or_default();
        let chosen = s
            .mails
            .iter()
            .find(|m| m.kind == kind && m.locale == locale)
            .or(s.mails.first())
            .cloned();
        let forum = s.forum_code.clone();
        let heads = vec![
            t("mail-wording.mail"),
            t("mail-wording.language"),
            t("mail-wording.wording"),
            t("forums.team.actions"),
        ];
        let rows = s.mails.iter().map(|m| {
            let language = Locale::from_code(&m.locale).map(|l| l.native_name()).unwrap_or_default();
            let name = t(&format!("mail-wording.kind.{}", m.kind));
            let current = chosen.as_ref().is_some_and(|c| c.kind == m.kind && c.locale == m.locale);
            view! {
                <tr>
                    <td>{name.clone()}</td>
                    <td lang=m.locale.clone()>{language}</td>
                    <td>{if m.custom { t("mail-wording.own") } else { t("mail-wording.standard") }}</td>
                    <td>
                        <a href=format!("/forums/{}/mail?kind={}&locale={}", forum, m.kind, m.locale)
                            aria-current=current.then_some("true")
                            aria-label=t_with("mail-wording.edit-named", &[("mail", &name), ("language", language)])>
                            {t("mail-wording.edit")}
                        </a>
                    </td>
                </tr>
            }
        }).collect_view();
        let editor = chosen.map(|m| {
            let names = placeholders(&m.kind)
                .unwrap_or_default()
                .iter()
                .map(|n| format!("{{{n}}}"))
                .collect::<Vec<_>>()
                .join(" ");
            let dir = Locale::from_code(&m.locale).map(|l| l.dir()).unwrap_or("ltr");
            let language = Locale::from_code(&m.locale).map(|l| l.native_name()).unwrap_or_default();
            let title = format!("{} — {}", t(&format!("mail-wording.kind.{}", m.kind)), language);
            let reset = m.custom.then(|| {
                let (forum, kind, locale) = (forum.clone(), m.kind.clone(), m.locale.clone());
                view! {
                    <PostForm action="/api/forums/reset-mail" class="inline">
                        <Hidden name="forum" value=forum />
                        <Hidden name="kind" value=kind />
                        <Hidden name="locale" value=locale />
                        <button type="submit">{t("mail-wording.reset")}</button>
                    </PostForm>
                }
            });
            view! {
                <section aria-labelledby="wording-heading">
                    <h2 id="wording-heading">{title}</h2>
                    <p>{if m.custom { t("mail-wording.own-intro") } else { t("mail-wording.standard-intro") }}</p>
                    <PostForm action="/api/forums/save-mail" class="stack">
                        <Hidden name="forum" value=forum.clone() />
                        <Hidden name="kind" value=m.kind.clone() />
                        <Hidden name="locale" value=m.locale.clone() />
                        <div lang=m.locale.clone() dir=dir>
                            <Field name="subject" label=t("mail-wording.subject") value=m.subject.clone() required=true />
                            <TextArea name="body" label=t("mail-wording.body") value=m.body.clone() rows=12
                                hint=t_with("mail-wording.placeholders", &[("names", &names)]) />
                        </div>
                        <Submit label=t("mail-wording.save") />
                    </PostForm>
                    {reset}
                </section>
            }
        });
        view! {
            <Title text=format!("{} — {}", t("mail-wording.title"), s.forum_name) />
            <h1>{t("mail-wording.title")} ": " <a href=format!("/forums/{}", s.forum_code)>{s.forum_name.clone()}</a></h1>
            <Notice />
            <p>{t("mail-wording.intro")}</p>
            <table>
                <caption class="visually-hidden">{t("mail-wording.title")}</caption>
                <ColumnHeads labels=heads />
                <tbody>{rows}</tbody>
            </table>
            {editor}
        }
        .into_any()
    })
}
