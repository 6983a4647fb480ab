//! The public programme page on the demo's released programme: the list of
//! one day or all, the grid of a day, now and next; filters that combine and
//! stay in the address, search over titles, descriptions and people; values
//! not understood ignored and named; times in a chosen zone with venue time
//! kept; statements that do not grow with what is shown. Expected sessions
//! are counted here from the JSON API, not from the page's own code.

use crate::on_both;
use crate::schedule::PASSWORD;
use crate::support::{statements_for, Backend, Browser, TestApp};
use app::i18n::{translate, translate_with, Locale};
use serde_json::Value;

const CODE: &str = server::demo::PROGRAMME_CODE;

async fn sessions(b: &Browser) -> Vec<Value> {
    let (_, text) = b.get_text(&format!("/api/v1/forums/{CODE}/sessions")).await;
    let v: Value = serde_json::from_str(&text).unwrap();
    v["sessions"].as_array().unwrap().clone()
}

async fn page(b: &Browser, query: &str) -> String {
    let (status, html) = b
        .get_text(&format!("/forums/{CODE}/programme?{query}"))
        .await;
    assert_eq!(status, 200, "{query}");
    html
}

/// The session codes a page lists, in order.
fn listed(html: &str) -> Vec<String> {
    let re = regex::Regex::new(
        r#"<a href="/forums/[^/]+/session/[^"]+"><span class="code">([^<]+)</span>"#,
    )
    .unwrap();
    re.captures_iter(html).map(|c| c[1].to_string()).collect()
}

fn codes(list: &[&Value]) -> Vec<String> {
    list.iter()
        .map(|s| s["code"].as_str().unwrap().to_string())
        .collect()
}

fn encode(v: &str) -> String {
    v.bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() {
                (b as char).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect()
}

async fn the_public_programme_filters_views_and_zones(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    assert!(
        server::demo::seed_all(&app.db, server::config::DemoSize::Small, PASSWORD)
            .await
            .unwrap()
    );
    let b = app.browser();
    let all = sessions(&b).await;
    let first_day = all[0]["date"].as_str().unwrap().to_string();
    let on = |date: &str| -> Vec<&Value> { all.iter().filter(|s| s["date"] == date).collect() };

    // The list: the first day by default (before the meeting), every day on asking.
    assert_eq!(listed(&page(&b, "").await), codes(&on(&first_day)));
    assert_eq!(listed(&page(&b, "day=all").await).len(), all.len());

    // The grid of a day: each of its sessions once, in a cell; its rooms as columns.
    let second_day = all
        .iter()
        .map(|s| s["date"].as_str().unwrap())
        .find(|d| *d != first_day)
        .unwrap()
        .to_string();
    let grid = page(&b, &format!("view=grid&day={second_day}")).await;
    assert!(grid.contains("<table class=\"programme-grid\""));
    let mut in_grid = listed(&grid);
    let mut expected = codes(&on(&second_day));
    in_grid.sort();
    expected.sort();
    assert_eq!(in_grid, expected);
    assert_eq!(grid.matches("<td rowspan=").count(), expected.len());

    // Filters combine (and stay in the view's links).
    let theme = all
        .iter()
        .map(|s| s["theme"].as_str().unwrap())
        .find(|t| !t.is_empty())
        .unwrap()
        .to_string();
    let with_theme: Vec<&Value> = all
        .iter()
        .filter(|s| s["theme"] == theme.as_str())
        .collect();
    let html = page(&b, &format!("day=all&theme={}", encode(&theme))).await;
    assert_eq!(listed(&html), codes(&with_theme));
    assert!(
        html.contains(&format!("theme={}", encode(&theme))),
        "kept in links"
    );
    let hybrid_theme: Vec<&Value> = with_theme
        .iter()
        .copied()
        .filter(|s| s["format"] == "hybrid")
        .collect();
    assert_eq!(
        listed(
            &page(
                &b,
                &format!("day=all&theme={}&format=hybrid", encode(&theme))
            )
            .await
        ),
        codes(&hybrid_theme)
    );
    // Search finds people: every word somewhere in the code, title,
    // description, or a person's name or organisation.
    let name = all[3]["people"][0]["name"].as_str().unwrap().to_string();
    let with_name: Vec<&Value> = all
        .iter()
        .filter(|s| {
            let mut text = format!(
                "{} {} {}",
                s["code"].as_str().unwrap(),
                s["title"].as_str().unwrap(),
                s["description"].as_str().unwrap()
            );
            for p in s["people"].as_array().unwrap() {
                text.push_str(&format!(
                    " {} {}",
                    p["name"].as_str().unwrap(),
                    p["organisation"].as_str().unwrap()
                ));
            }
            let text = text.to_lowercase();
            name.to_lowercase()
                .split_whitespace()
                .all(|w| text.contains(w))
        })
        .collect();
    assert!(with_name.contains(&&all[3]));
    assert_eq!(
        listed(&page(&b, &format!("day=all&q={}", encode(&name))).await),
        codes(&with_name)
    );

    // Values not understood: ignored and named, the rest still applies.
    let html = page(&b, "day=someday&format=sideways&theme=Nope&tz=Mars%2FBase").await;
    let note = translate_with(
        Locale::En,
        "public.ignored",
        &[("names", "day, format, theme, tz")],
    );
    assert!(html.contains(&note), "the note names them");
    assert_eq!(listed(&html), codes(&on(&first_day)));

    // Another zone: New York is six hours behind Geneva in May; venue time stays.
    let first = on(&first_day)[0];
    let venue = first["start"].as_str().unwrap();
    let hour: u32 = venue[..2].parse().unwrap();
    let local = format!("{:02}{}", hour - 6, &venue[2..]);
    let html = page(&b, "tz=America%2FNew_York").await;
    assert!(
        html.contains(&format!("{local}–")),
        "{local} in New York time"
    );
    assert!(
        html.contains(&format!("({venue}–")),
        "venue time in brackets"
    );
    assert!(html.contains(&translate(Locale::En, "public.tz").to_string()));

    // Now and next at a given moment: the first session is on.
    let at = chrono::DateTime::parse_from_rfc3339(first["starts_at"].as_str().unwrap()).unwrap()
        + chrono::Duration::minutes(10);
    let html = page(&b, &format!("view=now&at={}", encode(&at.to_rfc3339()))).await;
    assert!(html.contains("public-session on-now"));
    assert!(listed(&html).contains(&first["code"].as_str().unwrap().to_string()));

    // The same statements however much is shown, and few.
    let cost_day = statements_for(&app, &b, &format!("/forums/{CODE}/programme")).await;
    let cost_all = statements_for(&app, &b, &format!("/forums/{CODE}/programme?day=all")).await;
    let cost_grid = statements_for(&app, &b, &format!("/forums/{CODE}/programme?view=grid")).await;
    assert_eq!(cost_day, cost_all);
    assert_eq!(cost_day, cost_grid);
    // The release (kept), the edition, how full sessions are.
    assert!(cost_day <= 3, "{cost_day} statements");

    // The organisations: every one of the API's people's, with its people.
    let (_, people) = b.get_text(&format!("/api/v1/forums/{CODE}/people")).await;
    let people: Value = serde_json::from_str(&people).unwrap();
    let (status, html) = b.get_text(&format!("/forums/{CODE}/organisations")).await;
    assert_eq!(status, 200);
    for p in people["people"].as_array().unwrap() {
        let org = p["organisation"].as_str().unwrap();
        if !org.is_empty() {
            let org = org
                .replace('&', "&amp;")
                .replace('<', "&lt;")
                .replace('>', "&gt;");
            assert!(html.contains(&format!("<strong>{org}</strong>")), "{org}");
        }
        assert!(html.contains(&format!("/speakers/{}", p["guid"].as_str().unwrap())));
    }

    assert_eq!(b.get_text("/forums/no-such-forum/programme").await.0, 404);
}

on_both!(the_public_programme_filters_views_and_zones,);

/// What one GET costs in statements, and what it answered.
async fn cost(
    app: &TestApp,
    req: reqwest::RequestBuilder,
) -> (u64, reqwest::header::HeaderMap, Vec<u8>) {
    use std::sync::atomic::Ordering;
    let start = app.running.queries.load(Ordering::SeqCst);
    let res = req.send().await.unwrap();
    assert_eq!(res.status(), 200);
    let headers = res.headers().clone();
    let body = res.bytes().await.unwrap().to_vec();
    (
        app.running.queries.load(Ordering::SeqCst) - start,
        headers,
        body,
    )
}

/// Anonymous visitors get the public pages kept rendered: once per release,
/// address, language and remembered zone, then without database work, plain
/// or gzip; never a signed-in visitor's page or an answer that sets a cookie;
/// a new release shows at once; a hard reload renders afresh.
async fn anonymous_visitors_get_kept_pages_until_a_new_release(backend: Backend) {
    use crate::release::publish;
    use crate::schedule::{move_to, new_session, seeded};
    use reqwest::header::{ACCEPT, ACCEPT_ENCODING, ACCEPT_LANGUAGE, CONTENT_ENCODING};
    use std::io::Read;
    let (app, organiser, v) = seeded(backend).await;
    new_session(&organiser, "Opening plenary", "", &[]).await;
    assert_eq!(
        move_to(
            &app,
            &organiser,
            "Opening plenary",
            Some(v.hall),
            Some(v.slots[0])
        )
        .await,
        303
    );
    assert_eq!(publish(&organiser, "").await, 303);
    let client = app.browser().client;
    let list = format!("{}/forums/demo/programme?day=all", app.base);
    let get = |lang: &str| {
        client
            .get(&list)
            .header(ACCEPT, "text/html")
            .header(ACCEPT_LANGUAGE, lang)
    };

    let (first, _, page) = cost(&app, get("en")).await;
    let page = String::from_utf8(page).unwrap();
    assert!(first > 0 && page.contains("Opening plenary"));
    let (again, headers, same) = cost(&app, get("en")).await;
    assert_eq!((again, same), (0, page.clone().into_bytes()), "kept");
    assert!(headers.get(CONTENT_ENCODING).is_none());
    let (zipped_cost, headers, zipped) =
        cost(&app, get("en").header(ACCEPT_ENCODING, "gzip")).await;
    assert_eq!(zipped_cost, 0);
    assert_eq!(headers[CONTENT_ENCODING], "gzip");
    let mut unzipped = String::new();
    flate2::read::GzDecoder::new(&zipped[..])
        .read_to_string(&mut unzipped)
        .unwrap();
    assert_eq!(unzipped, page);
    let (fresh, _, _) = cost(&app, get("en").header("cache-control", "no-cache")).await;
    assert!(fresh > 0, "a hard reload renders afresh");

    // Another language is another page.
    let (french, _, body) = cost(&app, get("fr")).await;
    assert!(french > 0 && String::from_utf8(body).unwrap().contains("lang=\"fr\""));
    assert_eq!(cost(&app, get("fr")).await.0, 0);

    // Signed in: rendered each time (their stars are theirs).
    for _ in 0..2 {
        let req = organiser
            .client
            .get(&list)
            .header(ACCEPT, "text/html")
            .header(ACCEPT_LANGUAGE, "en");
        assert!(cost(&app, req).await.0 > 0, "a signed-in page is not kept");
    }
    // A chosen zone is remembered with a cookie: that answer is not kept.
    for _ in 0..2 {
        let req = client
            .get(format!("{list}&tz=America%2FNew_York"))
            .header(ACCEPT, "text/html");
        let (spent, headers, _) = cost(&app, req).await;
        assert!(spent > 0 && headers.contains_key("set-cookie"));
    }

    // A new release shows at once.
    new_session(&organiser, "Steadfast dialogue", "", &[]).await;
    assert_eq!(
        move_to(
            &app,
            &organiser,
            "Steadfast dialogue",
            Some(v.small),
            Some(v.slots[0])
        )
        .await,
        303
    );
    assert_eq!(publish(&organiser, "").await, 303);
    let (after, _, body) = cost(&app, get("en")).await;
    assert!(
        after > 0
            && String::from_utf8(body)
                .unwrap()
                .contains("Steadfast dialogue")
    );
}

on_both!(anonymous_visitors_get_kept_pages_until_a_new_release,);

async fn first_session(b: &Browser) -> Value {
    let (_, text) = b.get_text("/api/v1/forums/demo/sessions").await;
    let v: Value = serde_json::from_str(&text).unwrap();
    v["sessions"][0].clone()
}

/// A session's materials: checked row by row (what was typed stays), kept on
/// the session, public with the next release — on the session page, in the
/// JSON API and as Frab links — and never before.
async fn materials_are_published_with_the_next_release(backend: Backend) {
    use crate::release::publish;
    use crate::schedule::{move_to, new_session, seeded, session};
    let (app, organiser, v) = seeded(backend).await;
    new_session(&organiser, "Data governance", "", &[]).await;
    assert_eq!(
        move_to(
            &app,
            &organiser,
            "Data governance",
            Some(v.hall),
            Some(v.slots[0])
        )
        .await,
        303
    );
    assert_eq!(publish(&organiser, "").await, 303);
    let s = session(&app, "Data governance").await;
    let page = format!("/forums/demo/programme/sessions/{}", s.id);
    let id = s.id.to_string();
    let save = |rows: Vec<(&'static str, &'static str)>| {
        let mut fields = vec![("forum", "demo"), ("id", id.as_str())];
        fields.extend(rows);
        let (organiser, page) = (&organiser, page.clone());
        async move {
            organiser
                .submit(&page, "/api/programme/save-materials", &fields)
                .await
        }
    };
    let en = |k: &str| translate(Locale::En, k);

    // A bad address and a missing title: both named, nothing kept.
    let res = save(vec![
        ("materials[0][title]", "Slides typed"),
        ("materials[0][url]", "javascript:alert(1)"),
        ("materials[1][title]", ""),
        ("materials[1][url]", "https://igf.example/paper.pdf"),
    ])
    .await;
    assert_eq!(res.status(), 422);
    let html = res.text().await.unwrap();
    assert!(html.contains(&en("proposals.url-invalid")));
    assert!(html.contains(&en("field.required")));
    assert!(crate::support::has_input_value(
        &html,
        "materials[0][title]",
        "Slides typed"
    ));
    assert_eq!(session(&app, "Data governance").await.materials, "");

    let res = save(vec![
        ("materials[0][title]", "Slides <b>"),
        ("materials[0][url]", "https://igf.example/slides.pdf"),
        ("materials[1][title]", ""),
        ("materials[1][url]", ""),
        ("materials[2][title]", "Recording"),
        ("materials[2][url]", "https://media.example/ws"),
    ])
    .await;
    assert_eq!(res.status(), 303);
    let (_, html) = organiser.get_text(&page).await;
    assert!(crate::support::has_input_value(
        &html,
        "materials[1][url]",
        "https://media.example/ws"
    ));

    // Not public until released.
    let visitor = app.browser();
    let before = first_session(&visitor).await;
    assert_eq!(before["materials"], serde_json::json!([]));
    let session_page = format!("/forums/demo/session/{}", before["key"].as_str().unwrap());
    let (_, html) = visitor.get_afresh(&session_page).await;
    assert!(!html.contains("slides.pdf"));

    assert_eq!(publish(&organiser, "").await, 303);
    let after = first_session(&visitor).await;
    assert_eq!(
        after["materials"],
        serde_json::json!([
            {"title": "Slides <b>", "url": "https://igf.example/slides.pdf"},
            {"title": "Recording", "url": "https://media.example/ws"},
        ])
    );
    let (_, html) = visitor.get_afresh(&session_page).await;
    assert!(html.contains(r#"href="https://igf.example/slides.pdf""#));
    assert!(
        html.contains("Slides &lt;b&gt;"),
        "titles are text, not markup"
    );
    let (_, xml) = visitor.get_text("/demo/schedule.xml").await;
    assert!(xml.contains(r#"<link href="https://media.example/ws">Recording</link>"#));
    let (_, json) = visitor.get_text("/demo/schedule.json").await;
    let json: Value = serde_json::from_str(&json).unwrap();
    let event = &json["schedule"]["conference"]["days"][0]["rooms"]["Hall"][0];
    assert_eq!(event["links"][0]["url"], "https://igf.example/slides.pdf");
}

on_both!(materials_are_published_with_the_next_release,);
