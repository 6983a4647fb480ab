//! Certificates' pages: the download offered on a person's registration
//! page, the public verification (`/certificates`, `/certificates/{code}`)
//! and the organisers' list with revocation.

use super::api::{certificate_offer, issued_certificates, verify_certificate};
use super::{pdf_path, Attendance, Issued, Offer, Verification};
use crate::forums::pages::forum_code;
use crate::i18n::{t, t_with};
use crate::ui::forms::{Field, Hidden, PostForm, Submit};
use crate::ui::layout::{loaded, ColumnHeads, Notice};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

fn modes(a: &Attendance) -> String {
    a.mode_keys()
        .into_iter()
        .map(t)
        .collect::<Vec<_>>()
        .join(", ")
}

fn offer_view(o: Offer) -> impl IntoView {
    let body = if o.revoked {
        view! { <p>{t("certificates.offer-revoked")}</p> }.into_any()
    } else {
        let code = o.code.clone().map(|code| {
            view! {
                <p>{t("certificates.your-code")} " " <a href=super::verify_path(&code.replace('-', ""))><code>{code.clone()}</code></a></p>
            }
        });
        view! {
            <p>{t("certificates.offer-intro")}</p>
            <p><a class="button primary" href=pdf_path(&o.forum_code) download="">{t("certificates.download")}</a></p>
            {code}
        }
        .into_any()
    };
    view! {
        <section class="certificate-offer" aria-labelledby="certificate-title">
            <h2 id="certificate-title">{t("certificates.offer-title")}</h2>
            <p>{t("certificates.modes")} ": " {modes(&o.attendance)}</p>
            {body}
        </section>
    }
}

/// The certificate on the person's registration page, when they have one
/// to download (nothing otherwise).
#[component]
pub fn CertificateOffer(forum: String) -> impl IntoView {
    let offer = Resource::new_blocking(move || forum.clone(), certificate_offer);
    view! {
        <Suspense>
            {move || offer.get().and_then(|r| r.ok()).flatten().map(offer_view)}
        </Suspense>
    }
}

fn find_form() -> impl IntoView {
    view! {
        <PostForm action="/api/certificates/find" class="stack" label=t("certificates.find")>
            <Field name="code" label=t("certificates.code") autocomplete="off" required=true hint=t("certificates.code-hint") />
            <Submit label=t("certificates.check") />
        </PostForm>
    }
}

fn verdict(v: Verification, code: &str) -> impl IntoView {
    let shown = super::normalise_code(code)
        .map(|c| super::grouped(&c))
        .unwrap_or_else(|| code.to_string());
    match v {
        Verification::Valid {
            badge_name,
            forum_name,
            attendance,
            issued_on,
        } => view! {
            <section class="verdict valid" aria-labelledby="verdict-title">
                <h2 id="verdict-title">{t("certificates.valid")}</h2>
                <dl class="facts">
                    <dt>{t("certificates.code")}</dt><dd><code>{shown}</code></dd>
                    <dt>{t("certificates.name")}</dt><dd>{badge_name}</dd>
                    <dt>{t("certificates.edition")}</dt><dd>{forum_name}</dd>
                    <dt>{t("certificates.modes")}</dt><dd>{modes(&attendance)}</dd>
                    <dt>{t("certificates.issued-on")}</dt><dd>{issued_on}</dd>
                </dl>
            </section>
        }
        .into_any(),
        Verification::Revoked => view! {
            <section class="verdict revoked" aria-labelledby="verdict-title">
                <h2 id="verdict-title">{t("certificates.revoked-title")}</h2>
                <p><code>{shown}</code></p>
                <p>{t("certificates.revoked-text")}</p>
            </section>
        }
        .into_any(),
        Verification::Unknown => view! {
            <section class="verdict unknown" aria-labelledby="verdict-title">
                <h2 id="verdict-title">{t("certificates.unknown-title")}</h2>
                <p><code>{shown}</code></p>
                <p>{t("certificates.unknown-text")}</p>
            </section>
        }
        .into_any(),
    }
}

/// `/certificates`: the form to type a code.
#[component]
pub fn FindCertificatePage() -> impl IntoView {
    view! {
        <Title text=t("certificates.verify-title") />
        <h1>{t("certificates.verify-title")}</h1>
        <Notice />
        <p>{t("certificates.verify-intro")}</p>
        {find_form()}
    }
}

/// `/certificates/{code}`: what the code verifies as, and the form again.
#[component]
pub fn VerifyCertificatePage() -> impl IntoView {
    let params = use_params_map();
    let code = move || params.read().get("code").unwrap_or_default();
    let data = Resource::new_blocking(code, verify_certificate);
    loaded(data, move |v: Verification| {
        view! {
            <Title text=t("certificates.verify-title") />
            <h1>{t("certificates.verify-title")}</h1>
            {verdict(v, &code())}
            <h2>{t("certificates.another")}</h2>
            {find_form()}
        }
    })
}

fn rows(r: &Issued) -> impl IntoView {
    let forum = r.forum_code.clone();
    let back = format!("/forums/{forum}/certificates");
    r.rows
        .iter()
        .cloned()
        .map(|x| {
            let (value, label, named) = if x.revoked {
                (
                    "",
                    t("certificates.restore"),
                    t_with("certificates.restore-named", &[("code", &x.code)]),
                )
            } else {
                (
                    "1",
                    t("certificates.revoke"),
                    t_with("certificates.revoke-named", &[("code", &x.code)]),
                )
            };
            let sessions = [
                (x.attendance.online_sessions > 0).then(|| {
                    t_with(
                        "certificates.sessions-online",
                        &[("count", &x.attendance.online_sessions.to_string())],
                    )
                }),
                (x.attendance.onsite_sessions > 0).then(|| {
                    t_with(
                        "certificates.sessions-onsite",
                        &[("count", &x.attendance.onsite_sessions.to_string())],
                    )
                }),
            ]
            .into_iter()
            .flatten()
            .collect::<Vec<_>>()
            .join(", ");
            let (forum, back) = (forum.clone(), back.clone());
            view! {
                <tr>
                    <th scope="row">{x.badge_name.clone()}<br /><span class="meta">{x.name.clone()}</span> " " <bdi>{x.email.clone()}</bdi></th>
                    <td><a href=super::verify_path(&x.code.replace('-', ""))><code>{x.code.clone()}</code></a></td>
                    <td>{modes(&x.attendance)}</td>
                    <td>{sessions}</td>
                    <td>{x.issued_on.clone()}</td>
                    <td>
                        {x.revoked.then(|| view! { <span class="badge warning">{t("certificates.revoked-short")}</span> " " })}
                        <PostForm action="/api/certificates/revoke" class="inline" row=("id", vec![x.id.clone()])>
                            <Hidden name="forum" value=forum />
                            <Hidden name="id" value=x.id.clone() />
                            <Hidden name="revoke" value=value />
                            <Hidden name="back" value=back />
                            <button type="submit" aria-label=named>{label}</button>
                        </PostForm>
                    </td>
                </tr>
            }
        })
        .collect_view()
}

/// `/forums/{code}/certificates`: the certificates issued, for organisers.
#[component]
pub fn CertificatesPage() -> impl IntoView {
    let code = forum_code();
    let data = Resource::new_blocking(move || code.clone(), issued_certificates);
    loaded(data, |r: Issued| {
        let title = t_with("certificates.list-title", &[("forum", &r.forum_name)]);
        let heads = vec![
            t("certificates.name"),
            t("certificates.code"),
            t("certificates.modes"),
            t("certificates.sessions"),
            t("certificates.issued-on"),
            t("certificates.state"),
        ];
        let figures = t_with(
            "certificates.figures",
            &[
                ("issued", &r.issued.to_string()),
                ("revoked", &r.revoked.to_string()),
                ("onsite", &r.onsite.to_string()),
                ("online", &r.online.to_string()),
            ],
        );
        let shown = t_with(
            "certificates.shown",
            &[
                ("count", &r.rows.len().to_string()),
                ("issued", &r.issued.to_string()),
            ],
        );
        view! {
            <Title text=title.clone() />
            <h1>{title}</h1>
            <Notice />
            <p>{t("certificates.list-intro")}</p>
            <p role="status">{figures}</p>
            {if r.rows.is_empty() {
                view! { <p>{t("certificates.none")}</p> }.into_any()
            } else {
                view! {
                    <div class="table-scroll" tabindex="0" role="region" aria-label=t("certificates.list")>
                        <table class="certificates">
                            <caption>{shown}</caption>
                            <ColumnHeads labels=heads />
                            <tbody>{rows(&r)}</tbody>
                        </table>
                    </div>
                }
                .into_any()
            }}
        }
    })
}
