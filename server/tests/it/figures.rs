//! The organisers' participation figures: every number checked against
//! counts made here, independently, from the rows the test wrote; small
//! gender groups suppressed on the page and in the CSV; organisers only;
//! the page and the CSV cost the same for a few registrations and many.

use crate::on_both;
use crate::support::{en, says, statements_for, Backend, TestApp};
use app::db::{forum, join_link, now, programme_session, registration, session_person, user};
use sea_orm::{ActiveModelTrait, ActiveValue::Set, ColumnTrait, EntityTrait, QueryFilter};
use std::collections::{BTreeMap, BTreeSet};
use uuid::Uuid;

const PAGE: &str = "/forums/demo/figures";
const CSV: &str = "/forums/demo/figures/participation.csv";

/// What one test registration holds.
#[derive(Clone)]
struct Person {
    state: &'static str,
    mode: &'static str,
    group: Option<&'static str>,
    country: Option<&'static str>,
    gender: Option<&'static str>,
    first_time: bool,
    checked_in: bool,
}

/// A varied crowd of `n`, the same for the same `n`.
fn crowd(n: usize) -> Vec<Person> {
    let states = [
        "approved",
        "approved",
        "approved",
        "pending",
        "cancelled",
        "waitlisted",
    ];
    let groups = [
        Some("civil-society"),
        Some("government"),
        Some("private-sector"),
        None,
    ];
    let countries = [Some("KE"), Some("FR"), Some("BR"), Some("IN"), None];
    let genders = [
        Some("female"),
        Some("male"),
        Some("female"),
        Some("male"),
        None,
        Some("female"),
        Some("male"),
    ];
    (0..n)
        .map(|i| Person {
            state: states[i % states.len()],
            mode: if i % 3 == 0 { "online" } else { "onsite" },
            group: groups[i % groups.len()],
            country: countries[i % countries.len()],
            // Two people of "other": fewer than five, suppressed.
            gender: if i == 1 || i == 2 {
                Some("other")
            } else {
                genders[i % genders.len()]
            },
            first_time: i % 4 == 0,
            checked_in: i % 5 == 0 && states[i % states.len()] == "approved",
        })
        .collect()
}

async fn insert(app: &TestApp, forum_id: Uuid, offset: usize, people: &[Person]) -> Vec<Uuid> {
    let mut ids = vec![];
    for (i, p) in people.iter().enumerate() {
        let at = now();
        let id = Uuid::new_v4();
        user::ActiveModel {
            id: Set(id),
            email: Set(format!("p{}@figures.example", offset + i)),
            password_hash: Set("!".into()),
            name: Set(format!("Person {}", offset + i)),
            email_verified_at: Set(Some(at)),
            is_admin: Set(false),
            organisation: Set(String::new()),
            country: Set(None),
            stakeholder_group: Set(None),
            gender: Set(None),
            first_time: Set(false),
            language: Set(None),
            created_at: Set(at),
            updated_at: Set(at),
        }
        .insert(&app.db)
        .await
        .unwrap();
        registration::ActiveModel {
            id: Set(Uuid::new_v4()),
            forum_id: Set(forum_id),
            user_id: Set(id),
            mode: Set(p.mode.into()),
            requested_mode: Set(None),
            state: Set(p.state.into()),
            badge_name: Set(format!("Person {}", offset + i)),
            organisation: Set(String::new()),
            country: Set(p.country.map(Into::into)),
            stakeholder_group: Set(p.group.map(Into::into)),
            gender: Set(p.gender.map(Into::into)),
            first_time: Set(p.first_time),
            accessibility: Set(String::new()),
            interpretation_language: Set(None),
            listed: Set(false),
            privacy_accepted_at: Set(at),
            answers: Set(String::new()),
            badge_code: Set(format!("B{:06}", offset + i)),
            queued_at: Set(None),
            checked_in_at: Set(p.checked_in.then_some(at)),
            checked_in_by: Set(None),
            decided_at: Set(None),
            decided_by: Set(None),
            reason: Set(String::new()),
            reminders: Set(String::new()),
            created_at: Set(at),
            updated_at: Set(at),
        }
        .insert(&app.db)
        .await
        .unwrap();
        ids.push(id);
    }
    ids
}

/// The CSV as (figure, code) → count.
fn parse(csv: &str) -> BTreeMap<(String, String), String> {
    csv.lines()
        .skip(1)
        .map(|l| {
            let cells: Vec<&str> = l.split(',').collect();
            (
                (cells[0].to_string(), cells[1].to_string()),
                cells[2].to_string(),
            )
        })
        .collect()
}

async fn the_figures_match_the_registrations(backend: Backend) {
    let (app, organiser, _) = crate::schedule::seeded(backend).await;
    let f = forum::Entity::find()
        .filter(forum::Column::Code.eq("demo"))
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    let people = crowd(60);
    let ids = insert(&app, f.id, 0, &people).await;
    let mut sessions: Vec<programme_session::Model> = vec![];
    for title in ["Online session", "Second online session"] {
        crate::schedule::new_session(&organiser, title, "", &[]).await;
        sessions.push(crate::schedule::session(&app, title).await);
    }
    // Two people joined online (one in two sessions), one never used their link.
    for (k, (who, used)) in [
        (ids[0], true),
        (ids[0], true),
        (ids[3], true),
        (ids[6], false),
    ]
    .into_iter()
    .enumerate()
    {
        let s = &sessions[k % 2];
        join_link::ActiveModel {
            id: Set(Uuid::new_v4()),
            forum_id: Set(f.id),
            session_id: Set(s.id),
            user_id: Set(who),
            token: Set(format!("figures-token-{k}")),
            created_at: Set(now()),
            revoked_at: Set(None),
            first_used_at: Set(used.then(now)),
            last_used_at: Set(used.then(now)),
            uses: Set(used as i32),
        }
        .insert(&app.db)
        .await
        .unwrap();
    }

    // Organisers only.
    let visitor = app.browser();
    assert_eq!(visitor.get(PAGE).await.status(), 401);
    assert_eq!(visitor.get(CSV).await.status(), 401);
    let participant = crate::registration::person(&app, "Amina Wanjiru", "amina@example.org").await;
    assert_eq!(participant.get(PAGE).await.status(), 403);
    assert_eq!(participant.get(CSV).await.status(), 403);

    // Counted here, independently.
    let approved: Vec<&Person> = people.iter().filter(|p| p.state == "approved").collect();
    let registered = people.iter().filter(|p| p.state != "cancelled").count();
    let count = |keep: &dyn Fn(&Person) -> bool| approved.iter().filter(|p| keep(p)).count();
    let countries: BTreeSet<&str> = approved.iter().filter_map(|p| p.country).collect();
    let developing = count(&|p| matches!(p.country, Some("KE" | "BR" | "IN")));
    let (status, page) = organiser.get_text(PAGE).await;
    assert_eq!(status, 200);
    let res = organiser.get(CSV).await;
    assert_eq!(res.status(), 200);
    let csv = parse(&res.text().await.unwrap());
    let figure = |name: &str, code: &str| {
        csv.get(&(name.to_string(), code.to_string()))
            .unwrap_or_else(|| panic!("{name}/{code} in {csv:?}"))
            .clone()
    };
    assert_eq!(figure("registered", ""), registered.to_string());
    assert_eq!(figure("approved", ""), approved.len().to_string());
    assert_eq!(
        figure("approved-onsite", ""),
        count(&|p| p.mode == "onsite").to_string()
    );
    assert_eq!(
        figure("approved-online", ""),
        count(&|p| p.mode == "online").to_string()
    );
    assert_eq!(
        figure("checked-in", ""),
        people.iter().filter(|p| p.checked_in).count().to_string()
    );
    assert_eq!(figure("joined-online", ""), "2");
    assert_eq!(
        figure("first-time", ""),
        count(&|p| p.first_time).to_string()
    );
    assert_eq!(figure("countries", ""), countries.len().to_string());
    assert_eq!(figure("developing", ""), developing.to_string());
    for g in ["civil-society", "government", "private-sector"] {
        assert_eq!(
            figure("stakeholder-group", g),
            count(&|p| p.group == Some(g)).to_string(),
            "{g}"
        );
    }
    assert_eq!(
        figure("stakeholder-group", ""),
        count(&|p| p.group.is_none()).to_string()
    );
    assert_eq!(
        figure("region", "african"),
        count(&|p| p.country == Some("KE")).to_string()
    );
    assert_eq!(
        figure("region", "weog"),
        count(&|p| p.country == Some("FR")).to_string()
    );
    assert_eq!(
        figure("region", "grulac"),
        count(&|p| p.country == Some("BR")).to_string()
    );
    assert_eq!(
        figure("region", "asia-pacific"),
        count(&|p| p.country == Some("IN")).to_string()
    );
    assert_eq!(
        figure("region", ""),
        count(&|p| p.country.is_none()).to_string()
    );
    assert_eq!(
        figure("gender", "female"),
        count(&|p| p.gender == Some("female")).to_string()
    );
    assert!(count(&|p| p.gender == Some("other")) < 5);
    assert_eq!(figure("gender", "other"), "<5");
    assert_eq!(
        figure("country", "KE"),
        count(&|p| p.country == Some("KE")).to_string()
    );

    // The page shows the same numbers, the small group only as suppressed.
    assert!(page.contains(&format!("<dd>{}</dd>", approved.len())));
    assert!(says(&page, "figures.by-gender"));
    assert!(page.contains(&format!(
        "Female: {}",
        count(&|p| p.gender == Some("female"))
    )));
    assert!(
        !page.contains(&format!(
            "Other / self-described: {}",
            count(&|p| p.gender == Some("other"))
        )),
        "not charted"
    );
    assert!(page.contains("Kenya"));

    // The same statements for many more.
    let page_few = statements_for(&app, &organiser, PAGE).await;
    let csv_few = statements_for(&app, &organiser, CSV).await;
    insert(&app, f.id, 60, &crowd(150)).await;
    assert_eq!(page_few, statements_for(&app, &organiser, PAGE).await);
    assert_eq!(csv_few, statements_for(&app, &organiser, CSV).await);
}

const PROGRAMME_CSV: &str = "/forums/demo/figures/programme.csv";

/// People on a session: (stakeholder group, country, gender, onsite).
async fn people_on(app: &TestApp, session: Uuid, people: &[(&str, &str, &str, bool)]) {
    for (i, (group, country, gender, onsite)) in people.iter().enumerate() {
        session_person::ActiveModel {
            id: Set(Uuid::new_v4()),
            session_id: Set(session),
            role: Set("speaker".into()),
            position: Set(i as i32),
            name: Set(format!("Speaker {i}")),
            email: Set(format!("speaker{i}-{session}@figures.example")),
            organisation: Set(String::new()),
            country: Set(Some(country.to_string())),
            stakeholder_group: Set(Some(group.to_string())),
            gender: Set(Some(gender.to_string())),
            onsite: Set(*onsite),
            unavailable_days: Set(String::new()),
        }
        .insert(&app.db)
        .await
        .unwrap();
    }
}

async fn the_programme_figures_match_its_sessions(backend: Backend) {
    let (app, organiser, _) = crate::schedule::seeded(backend).await;
    let mut ids = vec![];
    for title in ["Mixed panel", "One-region panel", "Cancelled panel"] {
        crate::schedule::new_session(&organiser, title, "", &[]).await;
        ids.push(crate::schedule::session(&app, title).await.id);
    }
    let mixed = [
        ("government", "KE", "female", true),
        ("civil-society", "FR", "male", true),
        ("private-sector", "KE", "female", false),
    ];
    let one_region = [
        ("government", "KE", "female", true),
        ("civil-society", "KE", "male", true),
        ("private-sector", "NG", "other", true),
    ];
    people_on(&app, ids[0], &mixed).await;
    people_on(&app, ids[1], &one_region).await;
    people_on(&app, ids[2], &mixed).await;
    programme_session::ActiveModel {
        id: Set(ids[2]),
        status: Set("cancelled".into()),
        ..Default::default()
    }
    .update(&app.db)
    .await
    .unwrap();

    let visitor = app.browser();
    assert_eq!(visitor.get(PROGRAMME_CSV).await.status(), 401);
    assert_eq!(
        organiser
            .get("/forums/demo/figures/everything.csv")
            .await
            .status(),
        404
    );
    let res = organiser.get(PROGRAMME_CSV).await;
    assert_eq!(res.status(), 200);
    let csv = parse(&res.text().await.unwrap());
    let figure = |name: &str, code: &str| {
        csv.get(&(name.to_string(), code.to_string()))
            .unwrap_or_else(|| panic!("{name}/{code} in {csv:?}"))
            .clone()
    };
    // Counted here: the two sessions that are not cancelled.
    let live: Vec<&(&str, &str, &str, bool)> = mixed.iter().chain(one_region.iter()).collect();
    assert_eq!(figure("sessions", ""), "2");
    assert_eq!(figure("people", ""), live.len().to_string());
    assert_eq!(
        figure("people-onsite", ""),
        live.iter().filter(|p| p.3).count().to_string()
    );
    assert_eq!(figure("diverse-sessions", ""), "1");
    assert_eq!(figure("diverse-share-percent", ""), "50");
    assert_eq!(
        figure("stakeholder-group", "government"),
        live.iter()
            .filter(|p| p.0 == "government")
            .count()
            .to_string()
    );
    assert_eq!(
        figure("region", "african"),
        live.iter()
            .filter(|p| p.1 == "KE" || p.1 == "NG")
            .count()
            .to_string()
    );
    assert_eq!(figure("region", "weog"), "1");
    assert_eq!(figure("gender", "other"), "<5");

    let (status, page) = organiser.get_text(PAGE).await;
    assert_eq!(status, 200);
    assert!(says(&page, "figures.people-by-group"));
    assert!(page.contains(&en("figures.diverse-share").replace("{share}", "50")));

    // The same statements for many more sessions.
    let few = statements_for(&app, &organiser, PAGE).await;
    let csv_few = statements_for(&app, &organiser, PROGRAMME_CSV).await;
    for i in 0..12 {
        let title = format!("Extra session {i}");
        crate::schedule::new_session(&organiser, &title, "", &[]).await;
        let id = crate::schedule::session(&app, &title).await.id;
        people_on(&app, id, &mixed).await;
    }
    assert_eq!(few, statements_for(&app, &organiser, PAGE).await);
    assert_eq!(
        csv_few,
        statements_for(&app, &organiser, PROGRAMME_CSV).await
    );
}

on_both!(
    the_figures_match_the_registrations,
    the_programme_figures_match_its_sessions,
);
