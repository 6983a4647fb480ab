//! Registration for an edition, through the plain forms a browser without
//! JavaScript posts: closed until the organisers open it with a privacy
//! notice; the form checked on the server with what was typed kept; online
//! registrations approved at once, onsite ones waiting for the organisers;
//! approvals in bulk that fill the onsite places and then the waiting list,
//! which moves up in order when a place frees; each change's mail through
//! the outbox (a real SMTP listener); the badge desk checking a person in
//! once; every organisers' action refused to anyone else; and concurrent
//! approvals that never take more places than there are.

use crate::on_both;
use crate::schedule::seeded;
use crate::support::{has_input_value, Backend, Browser, TestApp};
use app::db::{registration, user};
use app::i18n::{translate, Locale};
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};

const FORUM: &str = "demo";
const PAGE: &str = "/forums/demo/register";
const LIST: &str = "/forums/demo/registrations";
pub(crate) const PASSWORD: &str = "registration passphrase 2027";

fn en(key: &str) -> String {
    translate(Locale::En, key)
}

pub(crate) async fn person(app: &TestApp, name: &str, email: &str) -> Browser {
    let b = app.verified_person(name, email, PASSWORD).await;
    assert_eq!(b.sign_in(email, PASSWORD).await.status(), 303);
    b
}

pub(crate) async fn register(b: &Browser, mode: &str, privacy: bool) -> reqwest::Response {
    let mut fields = vec![
        ("forum", FORUM),
        ("mode", mode),
        ("badge_name", "Badge Name Typed"),
        ("organisation", "Digital Rights Network"),
        ("country", "KE"),
        ("stakeholder_group", "civil-society"),
        ("gender", ""),
        ("first_time", "on"),
        ("accessibility", "Step-free access"),
        ("interpretation_language", "fr"),
    ];
    if privacy {
        fields.push(("privacy", "on"));
    }
    b.submit(PAGE, "/api/registration/register", &fields).await
}

pub(crate) async fn setup(organiser: &Browser, capacity: &str, notice: &str) -> reqwest::Response {
    organiser
        .submit(
            LIST,
            "/api/registration/setup",
            &[
                ("forum", FORUM),
                ("open", "on"),
                ("closes_at", ""),
                ("onsite_capacity", capacity),
                ("privacy_notice", notice),
            ],
        )
        .await
}

pub(crate) async fn row_of(app: &TestApp, email: &str) -> registration::Model {
    let u = user::Entity::find()
        .filter(user::Column::Email.eq(email))
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    registration::Entity::find()
        .filter(registration::Column::UserId.eq(u.id))
        .one(&app.db)
        .await
        .unwrap()
        .expect("a registration")
}

pub(crate) async fn decide(organiser: &Browser, decision: &str, ids: &[&str], reason: &str) -> u16 {
    let mut fields = vec![
        ("forum", FORUM),
        ("decision", decision),
        ("reason", reason),
        ("back", LIST),
    ];
    for id in ids {
        fields.push(("chosen[]", id));
    }
    organiser
        .submit(LIST, "/api/registration/decide", &fields)
        .await
        .status()
        .as_u16()
}

async fn check_in(organiser: &Browser, badge: &str) -> reqwest::Response {
    organiser
        .submit(
            "/forums/demo/check-in",
            "/api/registration/check-in",
            &[("forum", FORUM), ("badge", badge)],
        )
        .await
}

pub(crate) fn location(res: &reqwest::Response) -> String {
    res.headers()["location"].to_str().unwrap().to_string()
}

async fn a_registration_goes_through_its_states_with_its_mails(backend: Backend) {
    let (app, organiser, _) = seeded(backend).await;
    let amina = person(&app, "Amina Online", "amina@example.org").await;
    let bo = person(&app, "Bo Onsite", "bo@example.org").await;
    let cy = person(&app, "Cy Onsite", "cy@example.org").await;

    // Closed until the organisers open it.
    let res = register(&amina, "online", true).await;
    assert_eq!(res.status(), 409);
    assert!(res
        .text()
        .await
        .unwrap()
        .contains(&en("registration.closed")));
    assert_eq!(
        registration::Entity::find().count(&app.db).await.unwrap(),
        0
    );
    let (_, page) = amina.get_text(PAGE).await;
    assert!(page.contains(&en("registration.closed")));

    // Opening needs a privacy notice; the places are checked.
    let res = setup(&organiser, "1", "").await;
    assert_eq!(res.status(), 422);
    assert!(res
        .text()
        .await
        .unwrap()
        .contains(&en("registration.notice-required")));
    let res = setup(
        &organiser,
        "many",
        "We keep your data for the meeting only.",
    )
    .await;
    assert_eq!(res.status(), 422);
    assert_eq!(
        setup(
            &organiser,
            "1",
            "We keep your data for **the meeting** only."
        )
        .await
        .status(),
        303
    );

    // The form: prefilled from the profile; the privacy notice must be accepted
    // (what was typed stays); then online is approved at once.
    let (_, page) = amina.get_text(PAGE).await;
    assert!(has_input_value(&page, "badge_name", "Amina Online"));
    assert!(page.contains("<strong>the meeting</strong>"));
    let res = register(&amina, "online", false).await;
    assert_eq!(res.status(), 422);
    let page = res.text().await.unwrap();
    assert!(page.contains(&en("registration.privacy-required")));
    assert!(has_input_value(&page, "badge_name", "Badge Name Typed"));
    assert_eq!(
        registration::Entity::find().count(&app.db).await.unwrap(),
        0
    );
    let res = register(&amina, "online", true).await;
    assert_eq!(res.status(), 303);
    assert!(location(&res).ends_with("notice=registration-approved"));
    let mail = app
        .smtp
        .wait_for("amina@example.org", "online registration is approved")
        .await;
    assert!(mail.text().contains("/forums/demo/register"));
    let a = row_of(&app, "amina@example.org").await;
    assert_eq!((a.state.as_str(), a.mode.as_str()), ("approved", "online"));
    assert_eq!(a.organisation, "Digital Rights Network");
    assert_eq!(a.interpretation_language.as_deref(), Some("fr"));
    assert!(a.first_time && !a.listed);
    // Twice: refused, nothing changed.
    let res = register(&amina, "onsite", true).await;
    assert_eq!(res.status(), 409);
    assert!(res
        .text()
        .await
        .unwrap()
        .contains(&en("registration.already")));
    assert_eq!(row_of(&app, "amina@example.org").await, a);

    // Onsite waits for the organisers.
    for (b, email) in [(&bo, "bo@example.org"), (&cy, "cy@example.org")] {
        let res = register(b, "onsite", true).await;
        assert!(location(&res).ends_with("notice=registration-received"));
        app.smtp.wait_for(email, "registration was received").await;
        assert_eq!(row_of(&app, email).await.state, "pending");
    }

    // Nobody else may see the list, decide or check in.
    assert_eq!(bo.get_text(LIST).await.0, 403);
    let b_id = row_of(&app, "bo@example.org").await.id.to_string();
    let c_id = row_of(&app, "cy@example.org").await.id.to_string();
    assert_eq!(decide(&bo, "approve", &[&b_id], "").await, 403);
    assert_eq!(check_in(&bo, "ANYCODE").await.status(), 403);
    assert_eq!(app.browser().get_text(LIST).await.0, 401);
    assert_eq!(row_of(&app, "bo@example.org").await.state, "pending");

    // One place: the first approved takes it, the second waits.
    assert_eq!(
        decide(&organiser, "approve", &[&b_id, &c_id], "").await,
        303
    );
    let bo_row = row_of(&app, "bo@example.org").await;
    assert_eq!(bo_row.state, "approved");
    assert_eq!(row_of(&app, "cy@example.org").await.state, "waitlisted");
    let mail = app
        .smtp
        .wait_for("bo@example.org", "onsite registration is approved")
        .await;
    assert!(mail.text().contains(&bo_row.badge_code));
    let (name, kind, svg) = mail.attachment().expect("the badge's QR code");
    assert_eq!(
        (name.as_str(), kind.as_str()),
        ("demo-badge.svg", "image/svg+xml")
    );
    assert!(svg.contains("<svg"));
    app.smtp.wait_for("cy@example.org", "waiting list").await;
    let (_, list) = organiser.get_text(LIST).await;
    assert!(list.contains("Bo Onsite") && list.contains("Cy Onsite"));
    let (_, filtered) = organiser
        .get_text(&format!("{LIST}?state=waitlisted"))
        .await;
    assert!(filtered.contains("Cy Onsite") && !filtered.contains("Bo Onsite"));
    // Words match names, addresses, badge names and organisations, case
    // ignored, every word; `%` is a character like any other.
    for (q, cy, bo) in [
        ("cy%40EXAMPLE", true, false),
        ("onsite bo", false, true),
        ("digital+rights", true, true),
        ("100%25", false, false),
        ("nobody", false, false),
    ] {
        let (_, found) = organiser.get_text(&format!("{LIST}?q={q}")).await;
        assert_eq!(
            (
                found.contains("cy@example.org"),
                found.contains("bo@example.org")
            ),
            (cy, bo),
            "{q}"
        );
    }
    let (_, page) = bo.get_text(PAGE).await;
    assert!(page.contains(&bo_row.badge_code) && page.contains("<svg"));

    // Bo cancels: Cy moves up into the place, and hears so.
    let res = bo
        .submit(PAGE, "/api/registration/cancel", &[("forum", FORUM)])
        .await;
    assert_eq!(res.status(), 303);
    assert_eq!(row_of(&app, "bo@example.org").await.state, "cancelled");
    app.smtp.wait_for("bo@example.org", "is cancelled").await;
    let cy_row = row_of(&app, "cy@example.org").await;
    assert_eq!(cy_row.state, "approved");
    let mail = app
        .smtp
        .wait_for("cy@example.org", "onsite registration is approved")
        .await;
    assert!(mail.text().contains(&cy_row.badge_code));

    // The badge desk: once, then "already"; a cancelled badge is not let in;
    // an unknown code is named at the field.
    let typed = format!(
        " {}-{} ",
        &cy_row.badge_code[..8].to_lowercase(),
        &cy_row.badge_code[8..]
    );
    let res = check_in(&organiser, &typed).await;
    assert!(location(&res).ends_with("notice=badge-checked-in"));
    let at = row_of(&app, "cy@example.org").await.checked_in_at;
    assert!(at.is_some());
    let res = check_in(&organiser, &cy_row.badge_code).await;
    assert!(location(&res).ends_with("notice=badge-already-in"));
    assert_eq!(row_of(&app, "cy@example.org").await.checked_in_at, at);
    let res = check_in(&organiser, &bo_row.badge_code).await;
    assert!(location(&res).ends_with("notice=badge-not-admitted"));
    assert!(row_of(&app, "bo@example.org").await.checked_in_at.is_none());
    let res = check_in(&organiser, "NOSUCHCODE").await;
    assert_eq!(res.status(), 422);
    assert!(res
        .text()
        .await
        .unwrap()
        .contains(&en("registration.badge-unknown")));
    let (_, desk) = organiser
        .get_text(&format!(
            "/forums/demo/check-in?badge={}",
            cy_row.badge_code
        ))
        .await;
    assert!(desk.contains("Badge Name Typed"));

    // A refusal carries its reason.
    let a_id = a.id.to_string();
    assert_eq!(
        decide(
            &organiser,
            "reject",
            &[&a_id],
            "The meeting is for members only."
        )
        .await,
        303
    );
    let mail = app.smtp.wait_for("amina@example.org", "not approved").await;
    assert!(mail.text().contains("The meeting is for members only."));
    assert_eq!(row_of(&app, "amina@example.org").await.state, "rejected");
    // Nothing chosen: said so.
    assert_eq!(decide(&organiser, "approve", &[], "").await, 422);
}

/// Twenty onsite registrations, five places, ten organisers' requests at
/// once each approving two: five approved, fifteen waiting, never more.
async fn concurrent_approvals_never_take_more_places_than_there_are(backend: Backend) {
    let (app, organiser, _) = seeded(backend).await;
    assert_eq!(setup(&organiser, "5", "Privacy.").await.status(), 303);
    let ids: Vec<String> = server::demo::participants::seed(&app.db, FORUM, "p", 20, "pending")
        .await
        .unwrap()
        .into_iter()
        .map(|p| p.registration.to_string())
        .collect();
    let batches: Vec<Vec<String>> = ids.chunks(2).map(|c| c.to_vec()).collect();
    let runs = batches.iter().map(|batch| {
        let organiser = &organiser;
        async move {
            let refs: Vec<&str> = batch.iter().map(String::as_str).collect();
            decide(organiser, "approve", &refs, "").await
        }
    });
    for status in futures::future::join_all(runs).await {
        assert_eq!(status, 303);
    }
    let count = |state: &'static str| {
        let db = app.db.clone();
        async move {
            registration::Entity::find()
                .filter(registration::Column::State.eq(state))
                .count(&db)
                .await
                .unwrap()
        }
    };
    assert_eq!(count("approved").await, 5, "never more than the places");
    assert_eq!(count("waitlisted").await, 15);
    app.smtp
        .wait_until("twenty mails", |s| {
            s.all()
                .iter()
                .filter(|m| m.to.iter().any(|t| t.starts_with('p')))
                .count()
                == 20
        })
        .await;
}

on_both!(
    a_registration_goes_through_its_states_with_its_mails,
    concurrent_approvals_never_take_more_places_than_there_are,
);
