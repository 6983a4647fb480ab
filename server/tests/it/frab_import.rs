//! Importing a Frab schedule into a new edition: the 60-session sample comes
//! out of the public API and the Frab export as it went in (titles, rooms,
//! venue times, tracks as themes, types, people), and the export imports
//! again; a broken file is refused with every problem and stores nothing;
//! a taken or invalid code is refused; a failure half-way leaves nothing;
//! the `plenum import-frab` command does the same from a file.

use crate::cli::plenum;
use crate::on_both;
use crate::support::{Backend, TestApp};
use app::db::{forum, programme_day, programme_session, room, theme};
use app::programme::frab_import::{self, FrabSchedule};
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, PaginatorTrait, QueryFilter};
use std::collections::BTreeSet;
use std::process::Command;

const SAMPLE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/forum-small.xml");

fn sample() -> String {
    std::fs::read_to_string(SAMPLE).expect("the sample schedule")
}

fn schedule() -> FrabSchedule {
    frab_import::parse(&sample()).expect("the sample is valid")
}

/// One event of the file as the test reads it, without the importer.
#[derive(Debug, PartialEq, Eq, PartialOrd, Ord, Clone)]
struct Row {
    code: String,
    title: String,
    room: String,
    date: String,
    start: String,
    end: String,
    theme: String,
    session_type: String,
    people: Vec<String>,
}

fn field(block: &str, name: &str) -> String {
    let re = regex::Regex::new(&format!(r"(?s)<{name}>(.*?)</{name}>")).unwrap();
    re.captures(block)
        .map(|c| c[1].trim().to_string())
        .unwrap_or_default()
}

/// The file's events, read with regular expressions.
fn rows_of_file(xml: &str) -> Vec<Row> {
    let event =
        regex::Regex::new(r#"(?s)<event [^>]*code="([0-9A-Z]+)"[^>]*>(.*?)</event>"#).unwrap();
    let person = regex::Regex::new(r"<person [^>]*>([^<]*)</person>").unwrap();
    let mut rows: Vec<Row> = event
        .captures_iter(xml)
        .map(|c| {
            let block = &c[2];
            let start = field(block, "start");
            let (h, m) = start.split_once(':').unwrap();
            let duration = field(block, "duration");
            let (dh, dm) = duration.split_once(':').unwrap();
            let end: u32 = h.parse::<u32>().unwrap() * 60
                + m.parse::<u32>().unwrap()
                + dh.parse::<u32>().unwrap() * 60
                + dm.parse::<u32>().unwrap();
            Row {
                code: c[1].to_string(),
                title: field(block, "title"),
                room: field(block, "room"),
                date: field(block, "date")[..10].to_string(),
                start,
                end: format!("{:02}:{:02}", end / 60, end % 60),
                theme: field(block, "track"),
                session_type: field(block, "type"),
                people: person
                    .captures_iter(block)
                    .map(|p| p[1].trim().to_string())
                    .collect(),
            }
        })
        .collect();
    rows.sort();
    rows
}

async fn text(app: &TestApp, path: &str) -> String {
    let (status, body) = crate::exports::fetch(app, path).await;
    assert_eq!(status, 200, "{path}");
    body
}

async fn api(app: &TestApp, path: &str) -> serde_json::Value {
    serde_json::from_str(&text(app, path).await).unwrap()
}

/// The published sessions, as rows.
fn rows_of_api(doc: &serde_json::Value) -> Vec<Row> {
    let s = |v: &serde_json::Value| v.as_str().unwrap().to_string();
    let mut rows: Vec<Row> = doc["sessions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|x| Row {
            code: s(&x["code"]),
            title: s(&x["title"]),
            room: s(&x["room"]["name"]),
            date: s(&x["date"]),
            start: s(&x["start"]),
            end: s(&x["end"]),
            theme: s(&x["theme"]),
            session_type: s(&x["session_type"]),
            people: x["people"]
                .as_array()
                .unwrap()
                .iter()
                .map(|p| s(&p["name"]))
                .collect(),
        })
        .collect();
    rows.sort();
    rows
}

async fn forums(db: &DatabaseConnection) -> u64 {
    forum::Entity::find().count(db).await.unwrap()
}

async fn edition(db: &DatabaseConnection, code: &str) -> Option<forum::Model> {
    forum::Entity::find()
        .filter(forum::Column::Code.eq(code))
        .one(db)
        .await
        .unwrap()
}

async fn the_sample_is_published_as_it_was_written(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let summary = frab_import::import(&app.db, &schedule(), "wsis-small", None, None)
        .await
        .expect("imported");
    assert_eq!(
        (
            summary.rooms,
            summary.days,
            summary.sessions,
            summary.themes,
            summary.session_types,
            summary.release
        ),
        (6, 3, 60, 8, 5, 1)
    );
    let f = edition(&app.db, "wsis-small").await.expect("the edition");
    assert_eq!(
        f.name,
        "World Summit Information Society Forum 2026 (synthetic, small)"
    );
    assert_eq!(f.time_zone, "Europe/Zurich");
    assert_eq!(
        (
            f.first_day.unwrap().to_string(),
            f.last_day.unwrap().to_string()
        ),
        ("2026-07-06".into(), "2026-07-08".into())
    );
    let count_rooms = room::Entity::find()
        .filter(room::Column::ForumId.eq(f.id))
        .count(&app.db)
        .await
        .unwrap();
    let count_days = programme_day::Entity::find()
        .filter(programme_day::Column::ForumId.eq(f.id))
        .count(&app.db)
        .await
        .unwrap();
    assert_eq!((count_rooms, count_days), (6, 3));
    let theme_names: BTreeSet<String> = theme::Entity::find()
        .filter(theme::Column::ForumId.eq(f.id))
        .all(&app.db)
        .await
        .unwrap()
        .into_iter()
        .map(|t| t.name)
        .collect();
    let tracks: BTreeSet<String> = regex::Regex::new(r#"<track name="([^"]+)""#)
        .unwrap()
        .captures_iter(&sample())
        .map(|c| c[1].to_string())
        .collect();
    assert_eq!(theme_names, tracks);

    // The public API lists every session with its title, room, venue times,
    // theme, type and people, as in the file.
    let file = rows_of_file(&sample());
    assert_eq!(file.len(), 60);
    let sessions = api(&app, "/api/v1/forums/wsis-small/sessions").await;
    assert_eq!(sessions["release"]["number"], 1);
    let published = rows_of_api(&sessions);
    assert_eq!(published.len(), 60);
    for (a, b) in file.iter().zip(&published) {
        assert_eq!(a, b);
    }
    let rooms = api(&app, "/api/v1/forums/wsis-small/rooms").await;
    assert_eq!(rooms["rooms"].as_array().unwrap().len(), 6);
    let themes = api(&app, "/api/v1/forums/wsis-small/themes").await;
    assert_eq!(themes["themes"].as_array().unwrap().len(), 8);
    let dates: BTreeSet<&str> = published.iter().map(|r| r.date.as_str()).collect();
    assert_eq!(dates.len(), 3);
    // People: one each, however many sessions they are in.
    let people = api(&app, "/api/v1/forums/wsis-small/people").await;
    let guids: BTreeSet<String> = regex::Regex::new(r#"<person [^>]*guid="([^"]+)""#)
        .unwrap()
        .captures_iter(&sample())
        .map(|c| c[1].to_string())
        .collect();
    assert_eq!(people["people"].as_array().unwrap().len(), guids.len());
    assert_eq!(summary.people, guids.len());
    let text_of_people = people.to_string();
    assert!(!text_of_people.contains(".invalid"), "no address shows");

    // The Frab export has every event, and imports again as it is.
    let xml = text(&app, "/wsis-small/schedule.xml").await;
    assert_eq!(xml.matches("<event ").count(), 60);
    let again = frab_import::parse(&xml).expect("Plenum's own export imports");
    let summary = frab_import::import(&app.db, &again, "wsis-again", Some("Again"), None)
        .await
        .expect("imported again");
    assert_eq!((summary.rooms, summary.days, summary.sessions), (6, 3, 60));
    let twice = rows_of_api(&api(&app, "/api/v1/forums/wsis-again/sessions").await);
    assert_eq!(twice, published, "the round trip keeps every session");
}

/// A copy of the sample with an event without a title, one overlapping
/// another in its room and a bad duration.
fn broken() -> String {
    let xml = sample();
    // The tenth event's title (the first title is the conference's).
    let a_title = regex::Regex::new(r"<title>[^<]*</title>")
        .unwrap()
        .find_iter(&xml)
        .nth(10)
        .unwrap()
        .as_str()
        .to_string();
    // Event 1006 (Plenary Hall, day 1, 11:00) starts at 10:00 instead, while
    // 1001 there lasts until 10:30.
    let xml = xml.replacen(&a_title, "<title></title>", 1).replacen(
        "<date>2026-07-06T11:00:00+02:00</date>\n        <start>11:00</start>",
        "<date>2026-07-06T10:00:00+02:00</date>\n        <start>10:00</start>",
        1,
    );
    let third_duration = regex::Regex::new(r"<duration>[^<]*</duration>")
        .unwrap()
        .find_iter(&xml)
        .nth(2)
        .unwrap()
        .range();
    let mut xml = xml;
    xml.replace_range(third_duration, "<duration>ninety</duration>");
    xml
}

async fn a_broken_file_is_refused_whole_with_every_problem(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let before = forums(&app.db).await;
    let problems = frab_import::parse(&broken()).expect_err("refused");
    let keys: BTreeSet<&str> = problems.iter().map(|p| p.key).collect();
    assert!(keys.contains("import.room-overlap"), "{problems:?}");
    assert!(keys.contains("import.duration-invalid"), "{problems:?}");
    let missing: Vec<_> = problems
        .iter()
        .filter(|p| p.key == "import.event-missing")
        .collect();
    assert_eq!(missing.len(), 1, "{problems:?}");
    assert_eq!(missing[0].param("field"), Some("title"));
    assert_eq!(problems.len(), 3, "{problems:?}");
    let overlap = problems
        .iter()
        .find(|p| p.key == "import.room-overlap")
        .unwrap();
    assert_eq!(overlap.param("room"), Some("Plenary Hall"));
    assert_eq!(overlap.param("event"), Some("1006"));
    for p in &problems {
        let line: usize = p.param("line").unwrap().parse().unwrap();
        assert!(line > 20, "{p:?}");
        assert!(p.message(app::i18n::Locale::En).contains(&line.to_string()));
    }
    assert_eq!(forums(&app.db).await, before, "nothing imported");
    assert!(edition(&app.db, "wsis-small").await.is_none());
}

async fn taken_and_invalid_codes_are_refused(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let s = schedule();
    frab_import::import(&app.db, &s, "wsis-small", None, None)
        .await
        .expect("first import");
    let before = forums(&app.db).await;
    let sessions = programme_session::Entity::find()
        .count(&app.db)
        .await
        .unwrap();
    let err = frab_import::import(&app.db, &s, "WSIS-small", None, None)
        .await
        .expect_err("the code is taken");
    assert_eq!(err.field_message("code"), Some("forums.code-taken"));
    let err = frab_import::import(&app.db, &s, "wsis small", None, None)
        .await
        .expect_err("not a code");
    assert_eq!(err.field_message("code"), Some("forums.code-invalid"));
    let err = frab_import::import(&app.db, &s, "other", Some(" "), None)
        .await
        .expect_err("no name");
    assert_eq!(err.field_message("name"), Some("field.required"));
    assert_eq!(forums(&app.db).await, before);
    assert_eq!(
        programme_session::Entity::find()
            .count(&app.db)
            .await
            .unwrap(),
        sessions
    );
}

/// A failure after the edition, its rooms and grid are written (two
/// sessions with one code break a unique index) leaves nothing behind.
async fn a_failure_half_way_stores_nothing(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let mut s = schedule();
    s.events[1].code = s.events[0].code.clone();
    let before = forums(&app.db).await;
    let rooms = room::Entity::find().count(&app.db).await.unwrap();
    frab_import::import(&app.db, &s, "half-way", None, None)
        .await
        .expect_err("the second session cannot be stored");
    assert_eq!(forums(&app.db).await, before);
    assert_eq!(room::Entity::find().count(&app.db).await.unwrap(), rooms);
    assert!(edition(&app.db, "half-way").await.is_none());
    // And the same code works once the file is right.
    frab_import::import(&app.db, &schedule(), "half-way", None, None)
        .await
        .expect("imported");
}

/// A multipart form as a browser sends it from the import page.
async fn upload(
    b: &crate::support::Browser,
    code: &str,
    file: Option<&str>,
) -> (u16, Option<String>, String) {
    let boundary = "----plenum-test-boundary";
    let mut body = String::new();
    for (name, value) in [("code", code), ("name", "")] {
        body.push_str(&format!(
            "--{boundary}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n{value}\r\n"
        ));
    }
    body.push_str(&format!(
        "--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{}\"\r\nContent-Type: text/xml\r\n\r\n{}\r\n--{boundary}--\r\n",
        if file.is_some() { "schedule.xml" } else { "" },
        file.unwrap_or("")
    ));
    let res = b
        .client
        .post(format!("{}/admin/import-frab", b.base))
        .header("accept", "text/html")
        .header("origin", &b.base)
        .header(
            "content-type",
            format!("multipart/form-data; boundary={boundary}"),
        )
        .body(body)
        .send()
        .await
        .unwrap();
    let status = res.status().as_u16();
    let location = res
        .headers()
        .get("location")
        .map(|v| v.to_str().unwrap().to_string());
    (status, location, res.text().await.unwrap_or_default())
}

/// The import page: administrators only; a broken file comes back with every
/// problem listed and the code kept, nothing stored; a taken code is named
/// at its field; the sample goes on to the new edition's programme.
async fn administrators_import_a_file_from_the_page(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let password = "import passphrase 2027";
    app.create_admin("admin@test.localhost", password).await;
    let admin = app.browser();
    assert_eq!(
        admin
            .sign_in("admin@test.localhost", password)
            .await
            .status(),
        303
    );
    let person = app
        .verified_person("Pat Person", "pat@example.org", password)
        .await;
    assert_eq!(
        person.sign_in("pat@example.org", password).await.status(),
        303
    );
    let before = forums(&app.db).await;

    // Anyone else is refused, and nothing is stored.
    assert_eq!(
        upload(&app.browser(), "by-anyone", Some(&sample())).await.0,
        401
    );
    assert_eq!(upload(&person, "by-person", Some(&sample())).await.0, 403);
    let (status, page) = person.get_text("/admin/import").await;
    assert_eq!(status, 403);
    assert!(!page.contains("type=\"file\""));
    assert_eq!(forums(&app.db).await, before);

    // The page itself, with its file field.
    let (status, page) = admin.get_text("/admin/import").await;
    assert_eq!(status, 200);
    assert!(page.contains("enctype=\"multipart/form-data\"") && page.contains("type=\"file\""));

    // A broken file: every problem, with its line; the code kept.
    let (status, _, page) = upload(&admin, "from-page", Some(&broken())).await;
    assert_eq!(status, 422);
    let problems = frab_import::parse(&broken()).unwrap_err();
    for p in &problems {
        let line = p.param("line").unwrap();
        assert!(page.contains(&format!("<li>Line {line}:")), "{p:?}");
    }
    assert_eq!(page.matches("<li>Line ").count(), problems.len());
    assert!(crate::support::has_input_value(&page, "code", "from-page"));
    // No file chosen.
    let (status, _, page) = upload(&admin, "from-page", None).await;
    assert_eq!(status, 422);
    assert!(page.contains(&app::i18n::translate(
        app::i18n::Locale::En,
        "import.no-file"
    )));
    assert_eq!(forums(&app.db).await, before, "nothing stored");

    // The sample: on to its programme, published.
    let (status, location, _) = upload(&admin, "from-page", Some(&sample())).await;
    assert_eq!(status, 303);
    assert_eq!(
        location.as_deref(),
        Some("/forums/from-page/programme?day=all&notice=edition-imported")
    );
    let (status, page) = app
        .browser()
        .get_text("/forums/from-page/programme?day=all")
        .await;
    assert_eq!(status, 200);
    assert_eq!(
        page.matches("<span class=\"code\">").count(),
        rows_of_file(&sample()).len()
    );
    // The same code again: named at its field.
    let (status, _, page) = upload(&admin, "from-page", Some(&sample())).await;
    assert_eq!(status, 422);
    assert!(page.contains(&app::i18n::translate(
        app::i18n::Locale::En,
        "forums.code-taken"
    )));
    assert_eq!(forums(&app.db).await, before + 1);
}

on_both!(
    administrators_import_a_file_from_the_page,
    the_sample_is_published_as_it_was_written,
    a_broken_file_is_refused_whole_with_every_problem,
    taken_and_invalid_codes_are_refused,
    a_failure_half_way_stores_nothing,
);

#[test]
fn the_command_imports_or_lists_what_is_wrong() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("broken.xml");
    std::fs::write(&bad, broken()).unwrap();
    let out = plenum(dir.path())
        .args(["import-frab", bad.to_str().unwrap(), "--code", "igf-cli"])
        .output()
        .unwrap();
    assert!(!out.status.success());
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("nothing was stored"), "{err}");
    assert_eq!(err.matches("\n  - Line ").count(), 3, "{err}");
    assert!(err.contains("has no <title>"), "{err}");
    assert!(err.contains("in room Plenary Hall"), "{err}");
    assert!(err.contains("“ninety”"), "{err}");

    // Nothing was stored: the same code is still free.
    let out = plenum(dir.path())
        .args([
            "import-frab",
            SAMPLE,
            "--code",
            "igf-cli",
            "--name",
            "IGF CLI",
        ])
        .output()
        .unwrap();
    let said = String::from_utf8(out.stdout).unwrap();
    assert!(
        out.status.success(),
        "{said}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        said.contains("igf-cli") && said.contains("60 sessions") && said.contains("6 rooms"),
        "{said}"
    );
    let again = plenum(dir.path())
        .args(["import-frab", SAMPLE, "--code", "igf-cli"])
        .output()
        .unwrap();
    assert!(!again.status.success());
    let err = String::from_utf8(again.stderr).unwrap();
    assert!(err.contains("code: "), "{err}");

    let help = Command::new(env!("CARGO_BIN_EXE_plenum"))
        .args(["import-frab", "--help"])
        .output()
        .unwrap();
    let help = String::from_utf8(help.stdout).unwrap();
    assert!(help.contains("--code") && help.contains("--name"), "{help}");
}
