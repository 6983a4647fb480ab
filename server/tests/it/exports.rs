//! The programme's exports: Frab XML and JSON valid against the shared c3voc
//! schemas (xmllint and Python's jsonschema, the validators the schemas'
//! authors use), iCalendar that keeps RFC 5545's rules, CSV and the JSON API,
//! all at their stable addresses, from the latest release only; ids and
//! guids that stay across releases; ETags with 304s that cost no database
//! work; gzip; no address of anyone anywhere; 404 for what does not exist.

use crate::on_both;
use crate::release::publish;
use crate::schedule::{add_person, move_to, new_session, seeded, session, PASSWORD};
use crate::support::{statements_for, Backend, TestApp};
use reqwest::header::{ACCEPT_ENCODING, CONTENT_ENCODING, ETAG, IF_NONE_MATCH};
use std::collections::{HashMap, HashSet};
use std::io::Read;
use std::process::Command;
use std::sync::atomic::Ordering;

const SCHEMAS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../docs/frab");

/// A GET as a client that is not a browser (no Accept, no compression).
pub(crate) async fn fetch(app: &TestApp, path: &str) -> (u16, String) {
    let res = app
        .browser()
        .client
        .get(format!("{}{path}", app.base))
        .send()
        .await
        .unwrap();
    let status = res.status().as_u16();
    (status, res.text().await.unwrap())
}

/// Writes `text` to a file and runs a validator on it: (passed, its output).
fn validate(text: &str, suffix: &str, command: &mut Command) -> (bool, String) {
    let file = tempfile::Builder::new().suffix(suffix).tempfile().unwrap();
    std::fs::write(file.path(), text).unwrap();
    let out = command
        .arg(file.path())
        .output()
        .expect("the validator runs");
    let said = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    (out.status.success(), said)
}

fn valid_xml(xml: &str) -> (bool, String) {
    validate(
        xml,
        ".xml",
        Command::new("xmllint")
            .arg("--noout")
            .arg("--schema")
            .arg(format!("{SCHEMAS}/schedule.xml.xsd")),
    )
}

fn valid_json(json: &str) -> (bool, String) {
    let script = "import json,sys,jsonschema\n\
        schema=json.load(open(sys.argv[1]))\n\
        doc=json.load(open(sys.argv[2]))\n\
        v=jsonschema.Draft6Validator(schema, format_checker=jsonschema.Draft6Validator.FORMAT_CHECKER)\n\
        errors=[f'{list(e.absolute_path)}: {e.message}' for e in v.iter_errors(doc)]\n\
        print('\\n'.join(errors[:20]))\n\
        sys.exit(1 if errors else 0)\n";
    validate(
        json,
        ".json",
        Command::new("python3")
            .arg("-c")
            .arg(script)
            .arg(format!("{SCHEMAS}/schedule.schema.json")),
    )
}

/// RFC 5545's rules this export must keep; returns the events' UIDs.
fn check_calendar(ics: &str) -> Vec<String> {
    assert!(ics.starts_with("BEGIN:VCALENDAR\r\n") && ics.ends_with("END:VCALENDAR\r\n"));
    assert!(!ics.replace("\r\n", "").contains('\n'), "bare LF");
    for line in ics.split("\r\n") {
        assert!(line.len() <= 75, "a line longer than 75 octets: {line}");
    }
    let unfolded = ics.replace("\r\n ", "");
    assert!(unfolded.contains("BEGIN:VTIMEZONE\r\nTZID:Europe/Zurich\r\n"));
    let mut uids = vec![];
    for event in unfolded.split("BEGIN:VEVENT\r\n").skip(1) {
        let field = |name: &str| {
            event
                .split("\r\n")
                .find(|l| l.starts_with(name))
                .unwrap_or_else(|| panic!("{name} missing in {event}"))
                .to_string()
        };
        uids.push(field("UID:").trim_start_matches("UID:").to_string());
        assert!(field("DTSTAMP:").ends_with('Z'));
        let start = field("DTSTART;TZID=Europe/Zurich:");
        let end = field("DTEND;TZID=Europe/Zurich:");
        let time = |l: &str| l.rsplit(':').next().unwrap().to_string();
        assert!(time(&end) > time(&start), "DTEND after DTSTART: {event}");
        assert!(field("URL:").contains("/session/"));
    }
    let distinct: HashSet<&String> = uids.iter().collect();
    assert_eq!(distinct.len(), uids.len(), "UIDs unique");
    uids
}

/// The demo's released programme, every export of it, checked.
async fn every_export_of_the_demo_is_valid_and_says_no_address(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    assert!(
        server::demo::seed_all(&app.db, server::config::DemoSize::Small, PASSWORD)
            .await
            .unwrap()
    );
    let code = server::demo::PROGRAMME_CODE;
    let api: serde_json::Value = serde_json::from_str(
        &fetch(&app, &format!("/api/v1/forums/{code}/sessions"))
            .await
            .1,
    )
    .unwrap();
    let sessions = api["sessions"].as_array().unwrap();
    assert!(sessions.len() >= 50, "the small demo places most of its 60");
    assert_eq!(api["release"]["number"], 1);

    let (status, xml) = fetch(&app, &format!("/{code}/schedule.xml")).await;
    assert_eq!(status, 200);
    let (ok, said) = valid_xml(&xml);
    assert!(ok, "schedule.xml against the XSD: {said}");
    assert_eq!(xml.matches("<event ").count(), sessions.len());

    let (status, json) = fetch(&app, &format!("/{code}/schedule.json")).await;
    assert_eq!(status, 200);
    let (ok, said) = valid_json(&json);
    assert!(ok, "schedule.json against the JSON schema: {said}");
    // No two events overlap in one room, and ids and guids are unique.
    let doc: serde_json::Value = serde_json::from_str(&json).unwrap();
    let mut by_room: HashMap<String, Vec<(String, String)>> = HashMap::new();
    let (mut ids, mut guids) = (HashSet::new(), HashSet::new());
    for day in doc["schedule"]["conference"]["days"].as_array().unwrap() {
        for (room, events) in day["rooms"].as_object().unwrap() {
            for e in events.as_array().unwrap() {
                assert!(ids.insert(e["id"].as_u64().unwrap()));
                assert!(guids.insert(e["guid"].as_str().unwrap().to_string()));
                let start =
                    chrono::DateTime::parse_from_rfc3339(e["date"].as_str().unwrap()).unwrap();
                let end = chrono::DateTime::parse_from_rfc3339(e["end"].as_str().unwrap()).unwrap();
                assert!(end > start);
                by_room
                    .entry(room.clone())
                    .or_default()
                    .push((start.to_utc().to_rfc3339(), end.to_utc().to_rfc3339()));
            }
        }
    }
    assert_eq!(ids.len(), sessions.len());
    for (room, mut times) in by_room {
        times.sort();
        for w in times.windows(2) {
            assert!(w[0].1 <= w[1].0, "{room}: {:?} overlaps {:?}", w[0], w[1]);
        }
    }

    let (status, ics) = fetch(&app, &format!("/{code}/schedule.ics")).await;
    assert_eq!(status, 200);
    let uids = check_calendar(&ics);
    assert_eq!(uids.len(), sessions.len());
    for s in sessions {
        assert!(uids.contains(&format!("{}@127.0.0.1", s["id"].as_str().unwrap())));
    }

    let (status, csv) = fetch(&app, &format!("/{code}/sessions.csv")).await;
    assert_eq!(status, 200);
    assert!(csv.starts_with("code,title,session_type,theme,format,date,"));
    assert!(csv.contains(sessions[0]["url"].as_str().unwrap()));

    // One session, one day, one person.
    let first = &sessions[0];
    let key = first["key"].as_str().unwrap();
    let (status, one) = fetch(&app, &format!("/{code}/session/{key}.ics")).await;
    assert_eq!(status, 200);
    assert_eq!(
        check_calendar(&one),
        vec![format!("{}@127.0.0.1", first["id"].as_str().unwrap())]
    );
    let date = first["date"].as_str().unwrap();
    let (status, day) = fetch(&app, &format!("/{code}/day/{date}.ics")).await;
    assert_eq!(status, 200);
    let on_day = sessions.iter().filter(|s| s["date"] == date).count();
    assert_eq!(check_calendar(&day).len(), on_day);
    let people: serde_json::Value = serde_json::from_str(
        &fetch(&app, &format!("/api/v1/forums/{code}/people"))
            .await
            .1,
    )
    .unwrap();
    let person = people["people"]
        .as_array()
        .unwrap()
        .iter()
        .max_by_key(|p| p["sessions"].as_array().unwrap().len())
        .unwrap();
    let (status, theirs) = fetch(
        &app,
        &format!("/{code}/speaker/{}.ics", person["guid"].as_str().unwrap()),
    )
    .await;
    assert_eq!(status, 200);
    assert_eq!(
        check_calendar(&theirs).len(),
        person["sessions"].as_array().unwrap().len()
    );

    // Nobody's address in any export.
    for path in [
        format!("/{code}/schedule.xml"),
        format!("/{code}/schedule.json"),
        format!("/{code}/schedule.ics"),
        format!("/{code}/sessions.csv"),
        format!("/api/v1/forums/{code}/sessions"),
        format!("/api/v1/forums/{code}/people"),
        format!("/api/v1/forums/{code}/rooms"),
        format!("/api/v1/forums/{code}/themes"),
        format!("/api/v1/forums/{code}"),
    ] {
        let (status, body) = fetch(&app, &path).await;
        assert_eq!(status, 200, "{path}");
        assert!(
            !body.contains("@demo.plenum") && !body.contains("@example"),
            "an address in {path}"
        );
    }

    // The session's and the person's public pages, at a cost that does not
    // grow with the programme (the release comes from the cache).
    let anonymous = app.browser();
    let page = format!("/forums/{code}/session/{key}");
    let (status, html) = anonymous.get_text(&page).await;
    assert_eq!(status, 200);
    assert!(html.contains(first["code"].as_str().unwrap()));
    assert!(html.contains(&format!("/{code}/session/{key}.ics")));
    let person_guid = first["people"][0]["guid"].as_str().unwrap();
    assert!(html.contains(&format!("/forums/{code}/speakers/{person_guid}")));
    assert!(!html.contains("@example") && !html.contains("@demo.plenum"));
    let (status, html) = anonymous
        .get_text(&format!("/forums/{code}/speakers/{person_guid}"))
        .await;
    assert_eq!(status, 200);
    assert!(html.contains(first["people"][0]["name"].as_str().unwrap()));
    assert!(html.contains(&format!("/forums/{code}/session/{key}")));
    let last = sessions.last().unwrap()["key"].as_str().unwrap();
    let one_cost = statements_for(&app, &anonymous, &page).await;
    let other_cost =
        statements_for(&app, &anonymous, &format!("/forums/{code}/session/{last}")).await;
    let programme_cost =
        statements_for(&app, &anonymous, &format!("/forums/{code}/programme")).await;
    assert!(
        one_cost <= 3 && other_cost <= 3 && programme_cost <= 4,
        "{one_cost} {other_cost} {programme_cost}"
    );
    for path in [
        format!("/forums/{code}/session/NOPE-1"),
        format!("/forums/{code}/speakers/{}", uuid::Uuid::new_v4()),
        format!("/forums/{code}/speakers/not-a-guid"),
        format!("/forums/no-such-forum/session/{key}"),
    ] {
        assert_eq!(anonymous.get_text(&path).await.0, 404, "{path}");
    }

    // What does not exist is not found.
    for path in [
        format!("/{code}/session/NOPE-1.ics"),
        format!("/{code}/session/{key}"),
        format!("/{code}/day/2001-01-01.ics"),
        format!("/{code}/day/tomorrow.ics"),
        format!("/{code}/speaker/{}.ics", uuid::Uuid::new_v4()),
        format!("/{code}/speaker/not-a-guid.ics"),
        "/no-such-forum/schedule.xml".to_string(),
        format!("/api/v1/forums/{code}/nothing"),
        "/api/v1/forums/no-such-forum/sessions".to_string(),
    ] {
        assert_eq!(fetch(&app, &path).await.0, 404, "{path}");
    }
}

/// Releases and the cache: nothing before the first release, ids that stay,
/// a new ETag with each release, 304s without database work, gzip.
async fn exports_follow_releases_with_stable_ids_etags_and_compression(backend: Backend) {
    let (app, organiser, v) = seeded(backend).await;
    for t in ["Opening", "Data"] {
        new_session(&organiser, t, "", &[]).await;
    }
    let opening = session(&app, "Opening").await;
    add_person(&organiser, &opening, "lena@example.org", None).await;
    assert_eq!(
        fetch(&app, "/demo/schedule.xml").await.0,
        404,
        "no release yet"
    );
    assert_eq!(
        move_to(&app, &organiser, "Opening", Some(v.hall), Some(v.slots[0])).await,
        303
    );
    assert_eq!(
        move_to(&app, &organiser, "Data", Some(v.small), Some(v.slots[0])).await,
        303
    );
    assert_eq!(publish(&organiser, "").await, 303);

    let client = app.browser().client;
    let url = format!("{}/demo/schedule.json", app.base);
    let first = client.get(&url).send().await.unwrap();
    assert_eq!(first.status(), 200);
    let etag = first.headers()[ETAG].to_str().unwrap().to_string();
    let one: serde_json::Value = first.json().await.unwrap();
    let events = |doc: &serde_json::Value| -> HashMap<String, (u64, String)> {
        let mut out = HashMap::new();
        for day in doc["schedule"]["conference"]["days"].as_array().unwrap() {
            for events in day["rooms"].as_object().unwrap().values() {
                for e in events.as_array().unwrap() {
                    out.insert(
                        e["title"].as_str().unwrap().to_string(),
                        (
                            e["id"].as_u64().unwrap(),
                            e["guid"].as_str().unwrap().to_string(),
                        ),
                    );
                }
            }
        }
        out
    };
    let before = events(&one);
    assert_eq!(before.len(), 2);

    // A matching If-None-Match: 304, no body, no database statement.
    let start = app.running.queries.load(Ordering::SeqCst);
    let again = client
        .get(&url)
        .header(IF_NONE_MATCH, &etag)
        .send()
        .await
        .unwrap();
    assert_eq!(again.status(), 304);
    assert!(again.bytes().await.unwrap().is_empty());
    let zipped = client
        .get(&url)
        .header(ACCEPT_ENCODING, "gzip")
        .send()
        .await
        .unwrap();
    assert_eq!(zipped.headers()[CONTENT_ENCODING], "gzip");
    let packed = zipped.bytes().await.unwrap();
    let mut text = String::new();
    flate2::read::GzDecoder::new(&packed[..])
        .read_to_string(&mut text)
        .unwrap();
    assert_eq!(
        serde_json::from_str::<serde_json::Value>(&text).unwrap(),
        one
    );
    assert!(
        app.running.queries.load(Ordering::SeqCst) - start <= 2,
        "served from the cache (at most the look for a newer release)"
    );

    // Release 2: Opening moves, Steady arrives. Ids and guids stay; the
    // newcomer takes the next number; the old ETag no longer matches.
    new_session(&organiser, "Steady", "", &[]).await;
    assert_eq!(
        move_to(&app, &organiser, "Opening", Some(v.hall), Some(v.slots[2])).await,
        303
    );
    assert_eq!(
        move_to(&app, &organiser, "Steady", Some(v.small), Some(v.slots[1])).await,
        303
    );
    assert_eq!(publish(&organiser, "").await, 303);
    let second = client
        .get(&url)
        .header(IF_NONE_MATCH, &etag)
        .send()
        .await
        .unwrap();
    assert_eq!(second.status(), 200, "a new release, a new body");
    assert_ne!(second.headers()[ETAG].to_str().unwrap(), etag);
    let after = events(&second.json().await.unwrap());
    assert_eq!(after["Opening"], before["Opening"]);
    assert_eq!(after["Data"], before["Data"]);
    let numbers: HashSet<u64> = before.values().map(|e| e.0).collect();
    assert_eq!(after["Steady"].0, numbers.iter().max().unwrap() + 1);
    let (_, ics) = fetch(&app, "/demo/schedule.ics").await;
    assert_eq!(check_calendar(&ics).len(), 3);
    assert!(ics.contains("SEQUENCE:2\r\n"));
    assert!(ics.contains(&format!("UID:{}@", opening.id)));
}

on_both!(
    every_export_of_the_demo_is_valid_and_says_no_address,
    exports_follow_releases_with_stable_ids_etags_and_compression,
);

/// A session from a proposal shows what the proposal said on its public page:
/// format, languages, tags, SDGs, Action Lines, policy questions, outcomes.
async fn a_session_page_shows_its_proposal(backend: Backend) {
    use app::db::{programme_session, proposal};
    use sea_orm::{entity::prelude::*, ActiveValue::Set, QueryFilter};
    let (app, organiser, v) =
        crate::schedule::seeded_with(backend, server::config::DemoSize::Small).await;
    let p = proposal::Entity::find()
        .filter(proposal::Column::Tags.ne(""))
        .filter(proposal::Column::Sdgs.ne(""))
        .filter(proposal::Column::PolicyQuestions.ne("[]"))
        .one(&app.db)
        .await
        .unwrap()
        .expect("a demo proposal with tags, SDGs and questions");
    new_session(&organiser, "From a proposal", "", &[]).await;
    let s = session(&app, "From a proposal").await;
    let mut m: programme_session::ActiveModel = s.clone().into();
    m.proposal_id = Set(Some(p.id));
    m.update(&app.db).await.unwrap();
    assert_eq!(
        move_to(
            &app,
            &organiser,
            "From a proposal",
            Some(v.hall),
            Some(v.slots[0])
        )
        .await,
        303
    );
    assert_eq!(publish(&organiser, "").await, 303);
    let key: String = s
        .code
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == '-')
        .collect();
    let (status, html) = app
        .browser()
        .get_text(&format!("/forums/demo/session/{key}"))
        .await;
    assert_eq!(status, 200);
    let html = html
        .replace("&#x27;", "'")
        .replace("&quot;", "\"")
        .replace("&amp;", "&");
    for tag in p.tags.split(',').filter(|t| !t.is_empty()) {
        assert!(html.contains(tag.trim()), "tag {tag}");
    }
    for n in p.sdgs.split(',').filter(|t| !t.is_empty()) {
        assert!(html.contains(&app::i18n::translate(
            app::i18n::Locale::En,
            &format!("sdg.{}", n.trim())
        )));
    }
    let questions: Vec<String> = serde_json::from_str(&p.policy_questions).unwrap();
    for q in &questions {
        assert!(html.contains(q.as_str()), "question {q}");
    }
    assert!(html.contains(&app::i18n::translate(
        app::i18n::Locale::En,
        "public.policy-questions"
    )));
}

on_both!(a_session_page_shows_its_proposal,);
