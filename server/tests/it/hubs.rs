//! Remote hubs, through the plain forms a browser without JavaScript posts:
//! registering one (each bad field refused at its field, what was typed
//! kept, nothing stored), editing it while it waits, withdrawing it; the
//! organisers approving and rejecting (a reason required and mailed), each
//! mail through the outbox and a real SMTP listener; only approved hubs on
//! the public list, never a coordinator's address; everyone else refused;
//! and the public list's statements the same for one hub and for many.

use crate::on_both;
use crate::registration::{location, person, PASSWORD};
use crate::support::{has_input_value, says, statements_for, Backend, Browser, TestApp};
use app::db::{forum, remote_hub, remote_hub_coordinator, user};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter,
    QueryOrder,
};

const FORUM: &str = "demo";
const HUBS: &str = "/forums/demo/hubs";
const NEW: &str = "/forums/demo/hubs/new";
const MANAGE: &str = "/forums/demo/hubs/manage";

/// The bare demo edition and its organiser, signed in.
pub(crate) async fn seeded(backend: Backend) -> (TestApp, Browser) {
    let app = TestApp::spawn(backend).await;
    server::demo::seed(&app.db, server::config::DemoSize::Bare, PASSWORD)
        .await
        .unwrap();
    let organiser = app.browser();
    assert_eq!(
        organiser
            .sign_in("organiser@demo.plenum.localhost", PASSWORD)
            .await
            .status(),
        303
    );
    (app, organiser)
}

/// A good hub form, with `changes` replacing fields (or adding them).
fn form<'a>(changes: &[(&'a str, &'a str)]) -> Vec<(&'a str, &'a str)> {
    let mut fields = vec![
        ("forum", FORUM),
        ("hub", ""),
        ("country", "KE"),
        ("city", "Nairobi"),
        ("institution", "Strathmore University"),
        ("expected_participants", "45"),
        ("description", "We follow the main sessions together."),
        ("address", "Ole Sangale Road"),
        ("website", "https://hub.example.org/igf"),
        ("coordinators[0][name]", "Wanjiru Kamau"),
        ("coordinators[0][email]", "wanjiru@hub.example.org"),
        ("coordinators[1][name]", "Otieno Ouma"),
        ("coordinators[1][email]", "otieno@hub.example.org"),
        ("coordinators[2][name]", ""),
        ("coordinators[2][email]", ""),
    ];
    for (k, v) in changes {
        match fields.iter_mut().find(|(name, _)| name == k) {
            Some(f) => f.1 = v,
            None => fields.push((k, v)),
        }
    }
    fields
}

async fn save(b: &Browser, page: &str, fields: &[(&str, &str)]) -> reqwest::Response {
    b.submit(page, "/api/hubs/save", fields).await
}

async fn hubs(app: &TestApp) -> Vec<remote_hub::Model> {
    remote_hub::Entity::find()
        .order_by_asc(remote_hub::Column::CreatedAt)
        .all(&app.db)
        .await
        .unwrap()
}

async fn coordinators(app: &TestApp, hub: uuid::Uuid) -> Vec<(String, String)> {
    remote_hub_coordinator::Entity::find()
        .filter(remote_hub_coordinator::Column::HubId.eq(hub))
        .order_by_asc(remote_hub_coordinator::Column::Position)
        .all(&app.db)
        .await
        .unwrap()
        .into_iter()
        .map(|c| (c.name, c.email))
        .collect()
}

async fn decide(b: &Browser, hub: &str, decision: &str, reason: &str) -> reqwest::Response {
    b.submit(
        MANAGE,
        "/api/hubs/decide",
        &[
            ("forum", FORUM),
            ("hub", hub),
            ("decision", decision),
            ("reason", reason),
            ("back", MANAGE),
        ],
    )
    .await
}

async fn withdraw(b: &Browser, hub: &str) -> reqwest::Response {
    b.submit(
        HUBS,
        "/api/hubs/withdraw",
        &[("forum", FORUM), ("hub", hub)],
    )
    .await
}

async fn a_hub_goes_through_its_states_with_its_mails(backend: Backend) {
    let (app, organiser) = seeded(backend).await;
    let amina = person(&app, "Amina Hub", "amina@example.org").await;
    let bo = person(&app, "Bo Other", "bo@example.org").await;
    let anonymous = app.browser();

    // Anonymous visitors see the (empty) list and an invitation to sign in;
    // they cannot open the form or register.
    let (status, page) = anonymous.get_text(HUBS).await;
    assert_eq!(status, 200);
    assert!(says(&page, "hubs.sign-in-first") && says(&page, "hubs.none-yet"));
    assert_eq!(anonymous.get_text(NEW).await.0, 401);
    assert_eq!(save(&anonymous, NEW, &form(&[])).await.status(), 401);
    assert_eq!(app.browser().get_text("/forums/nowhere/hubs").await.0, 404);

    // The form is prefilled with the person as first coordinator.
    let (status, page) = amina.get_text(NEW).await;
    assert_eq!(status, 200);
    assert!(has_input_value(&page, "coordinators[0][name]", "Amina Hub"));
    assert!(has_input_value(
        &page,
        "coordinators[0][email]",
        "amina@example.org"
    ));

    // Each bad field: refused at its field, what was typed kept, nothing stored.
    let long_name = "x".repeat(201);
    let long_description = "d".repeat(2001);
    let long_address = "a".repeat(501);
    let cases: Vec<(Vec<(&str, &str)>, &str)> = vec![
        (vec![("country", "")], "field.required"),
        (vec![("country", "XX")], "accounts.country-invalid"),
        (vec![("city", "  ")], "field.required"),
        (vec![("institution", &long_name)], "field.too-long"),
        (
            vec![("expected_participants", "0")],
            "hubs.participants-invalid",
        ),
        (
            vec![("expected_participants", "10001")],
            "hubs.participants-invalid",
        ),
        (
            vec![("expected_participants", "lots")],
            "hubs.participants-invalid",
        ),
        (vec![("description", &long_description)], "field.too-long"),
        (vec![("address", &long_address)], "field.too-long"),
        (
            vec![("website", "javascript:alert(1)")],
            "hubs.website-invalid",
        ),
        (
            vec![("website", "ftp://hub.example.org")],
            "hubs.website-invalid",
        ),
        (
            vec![
                ("coordinators[0][name]", ""),
                ("coordinators[0][email]", ""),
                ("coordinators[1][name]", ""),
                ("coordinators[1][email]", ""),
            ],
            "hubs.coordinator-required",
        ),
        (
            vec![("coordinators[1][email]", "not an address")],
            "accounts.email-invalid",
        ),
        (vec![("coordinators[1][name]", "")], "field.required"),
        (
            vec![("coordinators[1][email]", "WANJIRU@hub.example.org")],
            "hubs.coordinator-repeated",
        ),
        (
            vec![
                ("coordinators[2][name]", "Third"),
                ("coordinators[2][email]", "third@hub.example.org"),
                ("coordinators[3][name]", "Fourth"),
                ("coordinators[3][email]", "fourth@hub.example.org"),
                ("coordinators[4][name]", "Fifth"),
                ("coordinators[4][email]", "fifth@hub.example.org"),
                ("coordinators[5][name]", "Sixth"),
                ("coordinators[5][email]", "sixth@hub.example.org"),
            ],
            "hubs.too-many-coordinators",
        ),
    ];
    for (changes, message) in &cases {
        let mut all = changes.clone();
        all.push((
            "city",
            if changes[0].0 == "city" {
                "  "
            } else {
                "Kisumu typed"
            },
        ));
        let res = save(&amina, NEW, &form(&all)).await;
        assert_eq!(res.status(), 422, "{changes:?}");
        let page = res.text().await.unwrap();
        assert!(says(&page, message), "{changes:?}: {message}");
        // Each field named is marked (the number of rows is the group's).
        if *message != "hubs.too-many-coordinators" {
            assert!(page.contains("aria-invalid=\"true\""), "{changes:?}");
        }
        if changes[0].0 != "city" {
            assert!(
                has_input_value(&page, "city", "Kisumu typed"),
                "{changes:?}"
            );
        }
        assert!(
            has_input_value(&page, "institution", "Strathmore University")
                || changes[0].0 == "institution"
        );
        assert!(hubs(&app).await.is_empty(), "{changes:?}: nothing stored");
    }
    assert_eq!(
        app::db::outbox_message::Entity::find()
            .filter(app::db::outbox_message::Column::Template.starts_with("hub-"))
            .count(&app.db)
            .await
            .unwrap(),
        0
    );

    // A good one: pending, its coordinators in order, the "received" mail.
    let res = save(&amina, NEW, &form(&[])).await;
    assert_eq!(res.status(), 303);
    assert!(location(&res).ends_with("/forums/demo/hubs?notice=hub-received"));
    let all = hubs(&app).await;
    assert_eq!(all.len(), 1);
    let h = &all[0];
    assert_eq!(
        (h.state.as_str(), h.country.as_str(), h.city.as_str()),
        ("pending", "KE", "Nairobi")
    );
    assert_eq!(h.expected_participants, 45);
    assert_eq!(
        coordinators(&app, h.id).await,
        vec![
            ("Wanjiru Kamau".into(), "wanjiru@hub.example.org".into()),
            ("Otieno Ouma".into(), "otieno@hub.example.org".into()),
        ]
    );
    let mail = app
        .smtp
        .wait_for("amina@example.org", "remote hub was received")
        .await;
    assert!(mail
        .text()
        .contains("Strathmore University, Nairobi, Kenya"));
    assert!(mail.text().contains("/forums/demo/hubs"));
    let id = h.id.to_string();

    // Pending: not public, but on Amina's own list with its state.
    let (_, page) = anonymous.get_text(HUBS).await;
    assert!(!page.contains("Strathmore University"));
    let (_, page) = amina.get_text(HUBS).await;
    assert!(page.contains("Strathmore University") && says(&page, "hubs.state.pending"));
    assert!(page.contains(&format!("/forums/demo/hubs/{id}/edit")));

    // Amina edits it while it waits; the coordinators are replaced.
    let edit_page = format!("/forums/demo/hubs/{id}/edit");
    let (status, page) = amina.get_text(&edit_page).await;
    assert_eq!(status, 200);
    assert!(has_input_value(&page, "city", "Nairobi"));
    assert!(has_input_value(
        &page,
        "coordinators[1][name]",
        "Otieno Ouma"
    ));
    let res = save(
        &amina,
        &edit_page,
        &form(&[
            ("hub", &id),
            ("city", "Mombasa"),
            ("expected_participants", "60"),
            ("coordinators[1][name]", ""),
            ("coordinators[1][email]", ""),
        ]),
    )
    .await;
    assert_eq!(res.status(), 303);
    assert!(location(&res).ends_with("notice=hub-saved"));
    let h = remote_hub::Entity::find_by_id(h.id)
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!((h.city.as_str(), h.expected_participants), ("Mombasa", 60));
    assert_eq!(coordinators(&app, h.id).await.len(), 1);
    // A bad edit changes nothing.
    let res = save(&amina, &edit_page, &form(&[("hub", &id), ("city", "")])).await;
    assert_eq!(res.status(), 422);
    assert_eq!(
        remote_hub::Entity::find_by_id(h.id)
            .one(&app.db)
            .await
            .unwrap()
            .unwrap(),
        h
    );

    // Someone else can neither edit nor withdraw it, nor see the organisers'
    // page or decide; anonymous visitors are asked to sign in.
    assert_eq!(bo.get_text(&edit_page).await.0, 404);
    let res = save(&bo, NEW, &form(&[("hub", &id), ("city", "Hijacked")])).await;
    assert_eq!(res.status(), 404);
    assert_eq!(withdraw(&bo, &id).await.status(), 404);
    assert_eq!(bo.get_text(MANAGE).await.0, 403);
    assert_eq!(decide(&bo, &id, "approve", "").await.status(), 403);
    assert_eq!(anonymous.get_text(MANAGE).await.0, 401);
    assert_eq!(decide(&anonymous, &id, "approve", "").await.status(), 401);
    let unchanged = remote_hub::Entity::find_by_id(h.id)
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(unchanged, h);

    // The organisers see it with the coordinators' addresses.
    let (status, page) = organiser.get_text(MANAGE).await;
    assert_eq!(status, 200);
    assert!(page.contains("Strathmore University") && page.contains("wanjiru@hub.example.org"));
    assert!(page.contains("amina@example.org"));

    // Rejecting needs a reason: refused at the field, nothing changed.
    let res = decide(&organiser, &id, "reject", "  ").await;
    assert_eq!(res.status(), 422);
    assert!(says(&res.text().await.unwrap(), "hubs.reason-required"));
    assert_eq!(hubs(&app).await[0].state, "pending");
    let res = decide(&organiser, &id, "maybe", "").await;
    assert_eq!(res.status(), 400);

    // Approved: mailed, listed publicly with names and never addresses.
    let res = decide(&organiser, &id, "approve", "").await;
    assert_eq!(res.status(), 303);
    assert!(location(&res).ends_with("/forums/demo/hubs/manage?notice=hub-approved"));
    let h = hubs(&app).await.remove(0);
    assert_eq!(h.state, "approved");
    assert!(h.decided_at.is_some() && h.decided_by.is_some());
    app.smtp
        .wait_for("amina@example.org", "remote hub is approved")
        .await;
    let (_, page) = anonymous.get_text(HUBS).await;
    assert!(page.contains("Strathmore University") && page.contains("Mombasa"));
    assert!(page.contains("Wanjiru Kamau") && page.contains("Kenya"));
    assert!(!page.contains("wanjiru@hub.example.org") && !page.contains("amina@example.org"));
    assert!(page.contains("href=\"https://hub.example.org/igf\""));
    assert!(page.contains("1 hubs in 1 countries, 60 participants expected."));
    // Decided: no longer editable; approving again changes nothing.
    let res = save(&amina, &edit_page, &form(&[("hub", &id)])).await;
    assert_eq!(res.status(), 409);
    assert_eq!(decide(&organiser, &id, "approve", "").await.status(), 409);

    // A second hub, rejected with a reason that the mail carries.
    let res = save(
        &amina,
        NEW,
        &form(&[
            ("country", "BR"),
            ("city", "Recife"),
            ("institution", "ISOC Brazil Chapter"),
        ]),
    )
    .await;
    assert_eq!(res.status(), 303);
    let second = hubs(&app).await.remove(1);
    let second_id = second.id.to_string();
    let res = decide(
        &organiser,
        &second_id,
        "reject",
        "Please register it under the chapter's own account.",
    )
    .await;
    assert_eq!(res.status(), 303);
    assert!(location(&res).ends_with("notice=hub-rejected"));
    let mail = app
        .smtp
        .wait_for("amina@example.org", "remote hub is not approved")
        .await;
    assert!(mail
        .text()
        .contains("Please register it under the chapter's own account."));
    let (_, page) = anonymous.get_text(HUBS).await;
    assert!(!page.contains("ISOC Brazil Chapter"));
    let (_, page) = amina.get_text(HUBS).await;
    assert!(page.contains("ISOC Brazil Chapter") && says(&page, "hubs.state.rejected"));
    assert!(page.contains("Please register it under the chapter"));
    // The organisers' filter.
    let (_, page) = organiser
        .get_text(&format!("{MANAGE}?state=rejected"))
        .await;
    assert!(page.contains("ISOC Brazil Chapter") && !page.contains("Strathmore University"));
    // A rejected hub cannot be withdrawn.
    assert_eq!(withdraw(&amina, &second_id).await.status(), 409);

    // Amina withdraws the approved hub: gone from the public list; final.
    let res = withdraw(&amina, &id).await;
    assert_eq!(res.status(), 303);
    assert!(location(&res).ends_with("notice=hub-withdrawn"));
    assert_eq!(hubs(&app).await[0].state, "withdrawn");
    let (_, page) = anonymous.get_text(HUBS).await;
    assert!(!page.contains("Strathmore University") && says(&page, "hubs.none-yet"));
    assert_eq!(withdraw(&amina, &id).await.status(), 409);
    assert_eq!(decide(&organiser, &id, "approve", "").await.status(), 409);

    // The decisions are in the audit log.
    assert_eq!(
        app::db::audit_event::Entity::find()
            .filter(app::db::audit_event::Column::Action.starts_with("hub."))
            .count(&app.db)
            .await
            .unwrap(),
        2
    );

    // Once the edition is over, no hub can be registered.
    let f = forum::Entity::find()
        .filter(forum::Column::Code.eq(FORUM))
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    let mut a: forum::ActiveModel = f.into();
    a.last_day = Set(chrono::NaiveDate::from_ymd_opt(2020, 1, 1));
    a.update(&app.db).await.unwrap();
    let res = save(&amina, NEW, &form(&[])).await;
    assert_eq!(res.status(), 409);
    assert_eq!(hubs(&app).await.len(), 2);
    let (_, page) = amina.get_text(HUBS).await;
    assert!(says(&page, "hubs.closed"));
}

/// Approved hubs written straight to the database: `n` of them over a few
/// countries, two coordinators each.
async fn approved_hubs(app: &TestApp, owner: uuid::Uuid, forum_id: uuid::Uuid, n: usize) {
    let countries = ["KE", "BR", "IN", "FR", "EG", "JP"];
    for i in 0..n {
        let at = app::db::now();
        let id = uuid::Uuid::new_v4();
        remote_hub::ActiveModel {
            id: Set(id),
            forum_id: Set(forum_id),
            user_id: Set(owner),
            country: Set(countries[i % countries.len()].into()),
            city: Set(format!("City {i}")),
            institution: Set(format!("Institution {i}")),
            expected_participants: Set(10),
            description: Set(String::new()),
            address: Set(String::new()),
            website: Set(String::new()),
            state: Set("approved".into()),
            reason: Set(String::new()),
            decided_at: Set(Some(at)),
            decided_by: Set(None),
            created_at: Set(at),
            updated_at: Set(at),
        }
        .insert(&app.db)
        .await
        .unwrap();
        for p in 0..2 {
            remote_hub_coordinator::ActiveModel {
                id: Set(uuid::Uuid::new_v4()),
                hub_id: Set(id),
                position: Set(p),
                name: Set(format!("Coordinator {i}-{p}")),
                email: Set(format!("c{i}-{p}@hub.example.org")),
            }
            .insert(&app.db)
            .await
            .unwrap();
        }
    }
}

async fn the_public_list_costs_the_same_for_one_hub_and_many(backend: Backend) {
    let (app, organiser) = seeded(backend).await;
    let owner = user::Entity::find()
        .filter(user::Column::Email.eq("organiser@demo.plenum.localhost"))
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    let f = forum::Entity::find()
        .filter(forum::Column::Code.eq(FORUM))
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    let anonymous = app.browser();
    approved_hubs(&app, owner.id, f.id, 1).await;
    let one_anonymous = statements_for(&app, &anonymous, HUBS).await;
    let one_signed_in = statements_for(&app, &organiser, HUBS).await;
    let one_manage = statements_for(&app, &organiser, MANAGE).await;
    approved_hubs(&app, owner.id, f.id, 40).await;
    let many_anonymous = statements_for(&app, &anonymous, HUBS).await;
    let many_signed_in = statements_for(&app, &organiser, HUBS).await;
    let many_manage = statements_for(&app, &organiser, MANAGE).await;
    assert_eq!(one_anonymous, many_anonymous);
    assert_eq!(one_signed_in, many_signed_in);
    assert_eq!(one_manage, many_manage);
    // The page's frame (the editions), the edition, the hubs, their
    // coordinators; signed in, the person's own hubs too.
    assert!(many_anonymous <= 4, "{many_anonymous} statements");
    assert!(
        many_signed_in <= many_anonymous + 3,
        "{many_signed_in} statements"
    );
    let (_, page) = anonymous.get_text(HUBS).await;
    assert!(page.contains("41 hubs in 6 countries, 410 participants expected."));
    assert_eq!(page.matches("<article class=\"hub\"").count(), 41);
    assert!(page.contains("Coordinator 39-1") && !page.contains("c39-1@hub.example.org"));
    // Grouped by country, in the order of their names.
    let brazil = page.find("Brazil").unwrap();
    let kenya = page.find("Kenya").unwrap();
    assert!(brazil < kenya);
}

on_both!(
    a_hub_goes_through_its_states_with_its_mails,
    the_public_list_costs_the_same_for_one_hub_and_many,
);
