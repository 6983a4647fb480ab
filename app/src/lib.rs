//! Plenum, the application: compiled with `ssr` for the server and with
//! `hydrate` for the browser. One folder per area of the forum's year.

#![recursion_limit = "512"]

pub mod accounts;
pub mod admin;
pub mod agenda;
pub mod certificates;
pub mod consultations;
#[cfg(feature = "ssr")]
pub mod context;
pub mod csv;
#[cfg(feature = "ssr")]
pub mod db;
pub mod error;
pub mod figures;
pub mod floor;
pub mod forums;
pub mod hubs;
pub mod i18n;
pub mod notifications;
pub mod participation;
pub mod programme;
pub mod proposals;
pub mod registration;
pub mod reminders;
pub mod review;
pub mod ui;
pub mod venue;
pub mod web;

use crate::i18n::{request_locale, t};
use crate::ui::layout::{Footer, Header, NotFound, Notice};
use crate::ui::PageContext;
use error::AppError;
use leptos::prelude::*;
use leptos_meta::{provide_meta_context, MetaTags, Stylesheet, Title};
use leptos_router::{
    components::{Route, Router, Routes},
    path, SsrMode,
};

/// The HTML document around the app (server only renders it).
pub fn shell(options: LeptosOptions) -> impl IntoView {
    let locale = request_locale();
    view! {
        <!DOCTYPE html>
        <html lang=locale.code() dir=locale.dir()>
            <head>
                <meta charset="utf-8" />
                <meta name="viewport" content="width=device-width, initial-scale=1" />
                <link rel="icon" type="image/svg+xml" href="/favicon.svg" />
                {restore_page_address()}
                <AutoReload options=options.clone() />
                <HydrationScripts options />
                <MetaTags />
            </head>
            <body>
                <App />
            </body>
        </html>
    }
}

/// A page shown again after a failed form answers the form's POST, so the
/// address bar shows the server function's path. Before hydrating, put the
/// page's own address back, so the browser-side router sees the same page.
fn restore_page_address() -> Option<impl IntoView> {
    #[cfg(feature = "ssr")]
    {
        use_context::<ui::forms::SubmittedForm>()?;
        let parts = use_context::<http::request::Parts>()?;
        let path = parts.uri.path_and_query()?.as_str().to_string();
        let json = serde_json::to_string(&path).ok()?.replace("</", "<\\/");
        let code = format!("history.replaceState(null,'',{json});");
        Some(view! { <script inner_html=code></script> })
    }
    #[cfg(not(feature = "ssr"))]
    {
        None::<()>
    }
}

/// Who is looking, the forum editions, and the failed form being shown again.
#[server(prefix = "/api", endpoint = "page-context")]
pub async fn load_page() -> Result<PageContext, AppError> {
    let ctx = context::RequestCtx::current()?;
    Ok(PageContext {
        viewer: ctx.signed_in.as_ref().map(|s| s.viewer.clone()),
        forums: forums::editions::list(&ctx).await?,
        submitted: use_context::<ui::forms::SubmittedForm>(),
    })
}

#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    provide_context(request_locale());
    let page = Resource::new_blocking(|| (), |_| load_page());
    view! {
        <Stylesheet id="leptos" href="/pkg/plenum.css" />
        <Title formatter=|text: String| if text.is_empty() { "Plenum".to_string() } else { format!("{text} · Plenum") } />
        <Router>
            <Suspense>
                {move || Suspend::new(async move {
                    provide_context(page.await.unwrap_or_default());
                    view! {
                        <Header />
                        <main id="main" tabindex="-1">
                            <Routes fallback=NotFound>
                                <Route path=path!("") view=HomePage ssr=SsrMode::Async />
                                <Route path=path!("/account/sign-up") view=accounts::pages::SignUpPage ssr=SsrMode::Async />
                                <Route path=path!("/account/sign-in") view=accounts::pages::SignInPage ssr=SsrMode::Async />
                                <Route path=path!("/account/verify") view=accounts::pages::VerifyPage ssr=SsrMode::Async />
                                <Route path=path!("/account/forgot") view=accounts::pages::ForgotPage ssr=SsrMode::Async />
                                <Route path=path!("/account/reset") view=accounts::pages::ResetPage ssr=SsrMode::Async />
                                <Route path=path!("/account/profile") view=accounts::pages::ProfilePage ssr=SsrMode::Async />
                                <Route path=path!("/account/password") view=accounts::pages::ChangePasswordPage ssr=SsrMode::Async />
                                <Route path=path!("/account/delete") view=accounts::pages::DeleteAccountPage ssr=SsrMode::Async />
                                <Route path=path!("/invitations/:token") view=proposals::pages::InvitationPage ssr=SsrMode::Async />
                                <Route path=path!("/admin") view=admin::pages::AdminHome ssr=SsrMode::Async />
                                <Route path=path!("/admin/audit") view=admin::pages::AuditPage ssr=SsrMode::Async />
                                <Route path=path!("/admin/outbox") view=admin::pages::OutboxPage ssr=SsrMode::Async />
                                <Route path=path!("/admin/import") view=programme::import_page::ImportPage ssr=SsrMode::Async />
                                <Route path=path!("/forums/new") view=forums::pages::NewEditionPage ssr=SsrMode::Async />
                                <Route path=path!("/forums/:forum") view=forums::pages::ForumHome ssr=SsrMode::Async />
                                <Route path=path!("/forums/:forum/edit") view=forums::pages::EditEditionPage ssr=SsrMode::Async />
                                <Route path=path!("/forums/:forum/setup") view=forums::pages::SetupPage ssr=SsrMode::Async />
                                <Route path=path!("/forums/:forum/team") view=forums::pages::TeamPage ssr=SsrMode::Async />
                                <Route path=path!("/forums/:forum/mail") view=forums::pages::MailPage ssr=SsrMode::Async />
                                <Route path=path!("/forums/:forum/calls") view=proposals::pages::CallsPage ssr=SsrMode::Async />
                                <Route path=path!("/forums/:forum/calls/:call") view=proposals::pages::CallPage ssr=SsrMode::Async />
                                <Route path=path!("/forums/:forum/calls/:call/manage") view=proposals::pages::ManageCallPage ssr=SsrMode::Async />
                                <Route path=path!("/forums/:forum/calls/:call/propose") view=proposals::pages::NewProposalPage ssr=SsrMode::Async />
                                <Route path=path!("/forums/:forum/proposals") view=proposals::pages::ProposalsOverviewPage ssr=SsrMode::Async />
                                <Route path=path!("/forums/:forum/proposals/:proposal") view=proposals::pages::ProposalPage ssr=SsrMode::Async />
                                <Route path=path!("/forums/:forum/screening") view=proposals::pages::ScreeningPage ssr=SsrMode::Async />
                                <Route path=path!("/forums/:forum/received") view=proposals::pages::ReceivedProposalsPage ssr=SsrMode::Async />
                                <Route path=path!("/forums/:forum/review") view=review::pages::MyReviewsPage ssr=SsrMode::Async />
                                <Route path=path!("/forums/:forum/review/assignment") view=review::pages::AssignmentPage ssr=SsrMode::Async />
                                <Route path=path!("/forums/:forum/review/settings") view=review::settings_page::ReviewSettingsPage ssr=SsrMode::Async />
                                <Route path=path!("/forums/:forum/review/proposals/:proposal") view=review::pages::ReadingPage ssr=SsrMode::Async />
                                <Route path=path!("/forums/:forum/selection") view=review::selection_pages::SelectionPage ssr=SsrMode::Async />
                                <Route path=path!("/forums/:forum/selection/release") view=review::selection_pages::ReleasePage ssr=SsrMode::Async />
                                <Route path=path!("/forums/:forum/venue") view=venue::pages::VenuePage ssr=SsrMode::Async />
                                <Route path=path!("/forums/:forum/venue/rooms/:room") view=venue::pages::RoomPage ssr=SsrMode::Async />
                                <Route path=path!("/forums/:forum/programme") view=programme::programme_page::PublicProgrammePage ssr=SsrMode::Async />
                                <Route path=path!("/forums/:forum/programme/changes") view=programme::public_pages::ChangelogPage ssr=SsrMode::Async />
                                <Route path=path!("/forums/:forum/agenda") view=agenda::pages::MyAgendaPage ssr=SsrMode::Async />
                                <Route path=path!("/forums/:forum/register") view=registration::pages::RegisterPage ssr=SsrMode::Async />
                                <Route path=path!("/forums/:forum/registrations") view=registration::pages::RegistrationsPage ssr=SsrMode::Async />
                                <Route path=path!("/forums/:forum/check-in") view=registration::pages::CheckInPage ssr=SsrMode::Async />
                                <Route path=path!("/forums/:forum/participants") view=registration::participants::ParticipantsListPage ssr=SsrMode::Async />
                                <Route path=path!("/forums/:forum/figures") view=figures::pages::FiguresDashboardPage ssr=SsrMode::Async />
                                <Route path=path!("/forums/:forum/consultations") view=consultations::pages::ConsultationsListPage ssr=SsrMode::Async />
                                <Route path=path!("/forums/:forum/consultations/:slug") view=consultations::pages::ConsultationPublicPage ssr=SsrMode::Async />
                                <Route path=path!("/forums/:forum/consultations/:slug/contribute") view=consultations::pages::ContributePage ssr=SsrMode::Async />
                                <Route path=path!("/forums/:forum/consultations/:slug/manage") view=consultations::pages::ManageConsultationPage ssr=SsrMode::Async />
                                <Route path=path!("/forums/:forum/consultations/:slug/synthesis") view=consultations::synthesis_pages::ConsultationSynthesisPage ssr=SsrMode::Async />
                                <Route path=path!("/forums/:forum/consultations/:slug/contributions/:contribution") view=consultations::discussion_pages::ContributionDiscussionPage ssr=SsrMode::Async />
                                <Route path=path!("/forums/:forum/consultations/:slug/drafts/:draft") view=consultations::discussion_pages::DraftDiscussionPage ssr=SsrMode::Async />
                                <Route path=path!("/forums/:forum/hubs") view=hubs::pages::HubsListPage ssr=SsrMode::Async />
                                <Route path=path!("/forums/:forum/hubs/new") view=hubs::pages::HubEditorPage ssr=SsrMode::Async />
                                <Route path=path!("/forums/:forum/hubs/manage") view=hubs::pages::ManageHubsPage ssr=SsrMode::Async />
                                <Route path=path!("/forums/:forum/hubs/:hub/edit") view=hubs::pages::HubEditorPage ssr=SsrMode::Async />
                                <Route path=path!("/forums/:forum/session/:session") view=programme::public_pages::PublicSessionPage ssr=SsrMode::Async />
                                <Route path=path!("/forums/:forum/session/:session/floor") view=floor::page::FloorQueuePage ssr=SsrMode::Async />
                                <Route path=path!("/join/:token") view=participation::join_page::JoinPage ssr=SsrMode::Async />
                                <Route path=path!("/certificates") view=certificates::pages::FindCertificatePage ssr=SsrMode::Async />
                                <Route path=path!("/certificates/:code") view=certificates::pages::VerifyCertificatePage ssr=SsrMode::Async />
                                <Route path=path!("/forums/:forum/certificates") view=certificates::pages::CertificatesPage ssr=SsrMode::Async />
                                <Route path=path!("/forums/:forum/organisations") view=programme::public_pages::OrganisationsPage ssr=SsrMode::Async />
                                <Route path=path!("/forums/:forum/speakers/:person") view=programme::public_pages::SpeakerPage ssr=SsrMode::Async />
                                <Route path=path!("/forums/:forum/programme/releases") view=programme::release_pages::ReleasesPage ssr=SsrMode::Async />
                                <Route path=path!("/forums/:forum/programme/sessions") view=programme::pages::SessionsPage ssr=SsrMode::Async />
                                <Route path=path!("/forums/:forum/programme/sessions/:session") view=programme::pages::SessionPage ssr=SsrMode::Async />
                                <Route path=path!("/forums/:forum/programme/schedule") view=programme::schedule_pages::SchedulePage ssr=SsrMode::Async />
                                <Route path=path!("/forums/:forum/programme/schedule/sessions/:session") view=programme::schedule_pages::MovePage ssr=SsrMode::Async />
                                <Route path=path!("/forums/:forum/programme/scheduler") view=programme::scheduler_page::SchedulerPage ssr=SsrMode::Async />
                                <Route path=path!("/account/proposals") view=proposals::pages::MyProposalsPage ssr=SsrMode::Async />
                            </Routes>
                        </main>
                        <Footer />
                    }
                })}
            </Suspense>
        </Router>
    }
}

#[component]
fn HomePage() -> impl IntoView {
    let page = ui::use_page();
    view! {
        <Title text=String::new() />
        <Notice />
        <h1>{t("home.title")}</h1>
        <p class="lead">{t("home.intro")}</p>
        {(!page.forums.is_empty()).then(|| view! {
            <h2>{t("home.forums")}</h2>
            <ul>
                {page.forums.iter().map(|f| view! {
                    <li><a href=format!("/forums/{}", f.code)>{f.name.clone()}</a></li>
                }).collect_view()}
            </ul>
        })}
    }
}
