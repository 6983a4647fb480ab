//! The public programme as a visitor asks for it (server only): the latest
//! release from the per-release cache, filtered by the address's query —
//! theme, session type, room, format, speakers' stakeholder group, language,
//! interpretation or captioning, words in titles, descriptions and people —
//! and shown as a list, a grid of one day, or what is on now and next, in
//! venue time and, when the visitor chose one, in their own zone. A value it
//! does not understand is ignored and named, never an error. One statement
//! (the edition) while the release is known.

use super::changes::ReleasedSession;
use super::exports::{format_code, Released};
use super::{FilterOptions, PublicDay, PublicPerson, PublicProgramme, PublicSession};
use crate::context::RequestCtx;
use crate::error::AppError;
use crate::forums::editions::by_code;
use crate::venue::times::clock;
use chrono::{DateTime, Duration, TimeZone, Timelike, Utc};
use chrono_tz::Tz;
use std::collections::{BTreeSet, HashMap};

/// The longest search text understood.
pub const QUERY_MAX: usize = 200;
/// How far ahead "next" looks.
const NEXT_HOURS: i64 = 3;
pub const FORMATS: [&str; 3] = ["onsite", "hybrid", "online"];
pub const ACCESS: [&str; 2] = ["interpretation", "captioning"];
pub const VIEWS: [&str; 3] = ["list", "grid", "now"];

/// The filters a query asks for, once understood.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Filters {
    pub view: String,
    pub day: Option<String>,
    pub theme: Option<String>,
    pub session_type: Option<String>,
    pub room: Option<String>,
    pub format: Option<String>,
    pub group: Option<String>,
    pub language: Option<String>,
    pub access: Option<String>,
    pub words: Vec<String>,
    pub zone: Option<Tz>,
    pub at: Option<DateTime<Utc>>,
}

fn options(r: &Released) -> FilterOptions {
    let mut o = FilterOptions::default();
    let sets = |f: &dyn Fn(&ReleasedSession) -> Vec<String>| -> Vec<String> {
        let set: BTreeSet<String> = r
            .snapshot
            .sessions
            .iter()
            .flat_map(f)
            .filter(|v| !v.is_empty())
            .collect();
        set.into_iter().collect()
    };
    o.themes = sets(&|s| vec![s.theme.clone()]);
    o.types = sets(&|s| vec![s.session_type.clone()]);
    o.rooms = r.rooms().into_iter().map(|(_, n)| n.to_string()).collect();
    o.groups = sets(&|s| {
        s.people
            .iter()
            .filter_map(|p| p.stakeholder_group.clone())
            .collect()
    });
    o.languages = sets(&|s| s.languages.clone());
    o.access = sets(&|s| s.features.clone())
        .into_iter()
        .filter(|f| ACCESS.contains(&f.as_str()))
        .collect();
    o
}

/// Understands the query's pairs against what the release has: (filters,
/// names of the values not understood). The last of repeated names wins.
pub fn understand(
    pairs: &[(String, String)],
    o: &FilterOptions,
    days: &[String],
) -> (Filters, Vec<String>) {
    let mut f = Filters {
        view: "list".into(),
        ..Filters::default()
    };
    let mut ignored: Vec<String> = vec![];
    for (name, value) in pairs {
        let value = value.trim();
        if value.is_empty() {
            continue;
        }
        let pick = |list: &[String]| list.iter().find(|v| v.as_str() == value).cloned();
        let fixed = |list: &[&str]| list.contains(&value).then(|| value.to_string());
        let understood = match name.as_str() {
            "view" => fixed(&VIEWS).map(|v| f.view = v).is_some(),
            "day" => (value == "all" || days.iter().any(|d| d == value))
                .then(|| f.day = Some(value.to_string()))
                .is_some(),
            "theme" => pick(&o.themes).map(|v| f.theme = Some(v)).is_some(),
            "type" => pick(&o.types).map(|v| f.session_type = Some(v)).is_some(),
            "room" => pick(&o.rooms).map(|v| f.room = Some(v)).is_some(),
            "format" => fixed(&FORMATS).map(|v| f.format = Some(v)).is_some(),
            "group" => pick(&o.groups).map(|v| f.group = Some(v)).is_some(),
            "language" => pick(&o.languages).map(|v| f.language = Some(v)).is_some(),
            "access" => fixed(&ACCESS).map(|v| f.access = Some(v)).is_some(),
            "q" => (value.chars().count() <= QUERY_MAX)
                .then(|| {
                    f.words = value
                        .to_lowercase()
                        .split_whitespace()
                        .map(str::to_string)
                        .collect()
                })
                .is_some(),
            "tz" => {
                if value == "venue" {
                    f.zone = None;
                    true
                } else {
                    value.parse::<Tz>().map(|z| f.zone = Some(z)).is_ok()
                }
            }
            "at" => DateTime::parse_from_rfc3339(value)
                .map(|t| f.at = Some(t.with_timezone(&Utc)))
                .is_ok(),
            _ => true,
        };
        if !understood && !ignored.contains(name) {
            ignored.push(name.clone());
        }
    }
    (f, ignored)
}

/// Whether a session passes every filter (the day and view aside).
pub fn passes(f: &Filters, s: &ReleasedSession) -> bool {
    let is = |want: &Option<String>, have: &str| want.as_deref().is_none_or(|w| w == have);
    is(&f.theme, &s.theme)
        && is(&f.session_type, &s.session_type)
        && is(&f.room, &s.at.room)
        && is(&f.format, format_code(s))
        && f.group.as_deref().is_none_or(|g| {
            s.people
                .iter()
                .any(|p| p.stakeholder_group.as_deref() == Some(g))
        })
        && f.language
            .as_deref()
            .is_none_or(|l| s.languages.iter().any(|x| x == l))
        && f.access
            .as_deref()
            .is_none_or(|a| s.features.iter().any(|x| x == a))
        && (f.words.is_empty() || {
            let mut text = format!("{} {} {}", s.code, s.title, s.description).to_lowercase();
            for p in &s.people {
                text.push(' ');
                text.push_str(&p.name.to_lowercase());
                text.push(' ');
                text.push_str(&p.organisation.to_lowercase());
            }
            f.words.iter().all(|w| text.contains(w.as_str()))
        })
}

fn hhmm(t: DateTime<Tz>) -> String {
    clock(t.hour() * 60 + t.minute())
}

fn public_session(
    r: &Released,
    f: &Filters,
    s: &ReleasedSession,
    now: DateTime<Utc>,
) -> PublicSession {
    PublicSession {
        forum_code: r.forum_code.clone(),
        key: s.key(),
        code: s.code.clone(),
        title: s.title.clone(),
        session_type: s.session_type.clone(),
        theme: s.theme.clone(),
        start: s.at.start.clone(),
        end: s.at.end.clone(),
        local: f.zone.map(|z| {
            let start = z.from_utc_datetime(&s.at.starts_at.naive_utc());
            let end = z.from_utc_datetime(&s.at.ends_at.naive_utc());
            (start.date_naive().to_string(), hhmm(start), hhmm(end))
        }),
        starts_at: s.at.starts_at.to_rfc3339(),
        room: s.at.room.clone(),
        online_only: s.online_only,
        hybrid: s.hybrid,
        features: s.features.clone(),
        languages: s.languages.clone(),
        people: s
            .people
            .iter()
            .map(|p| PublicPerson {
                role: p.role.clone(),
                name: p.name.clone(),
                organisation: p.organisation.clone(),
            })
            .collect(),
        on_now: f.view == "now" && s.at.starts_at <= now && now < s.at.ends_at,
        fill: crate::participation::Fill::Open,
    }
}

/// The query pairs of the filters understood (view and day aside), to keep
/// them in links.
fn kept(f: &Filters) -> Vec<(String, String)> {
    let mut out = vec![];
    let mut put = |name: &str, v: &Option<String>| {
        if let Some(v) = v {
            out.push((name.to_string(), v.clone()));
        }
    };
    put("theme", &f.theme);
    put("type", &f.session_type);
    put("room", &f.room);
    put("format", &f.format);
    put("group", &f.group);
    put("language", &f.language);
    put("access", &f.access);
    if !f.words.is_empty() {
        out.push(("q".into(), f.words.join(" ")));
    }
    if let Some(z) = f.zone {
        out.push(("tz".into(), z.name().to_string()));
    }
    out
}

/// The programme for `pairs` (the address's query), at `now`.
pub fn shape(
    r: Option<&Released>,
    pairs: &[(String, String)],
    now: DateTime<Utc>,
) -> PublicProgramme {
    let empty = Released {
        release_id: Default::default(),
        number: 0,
        published_at: now,
        forum_code: String::new(),
        forum_name: String::new(),
        time_zone: String::new(),
        base_url: String::new(),
        snapshot: Default::default(),
    };
    let release = r;
    let r = r.unwrap_or(&empty);
    let o = options(r);
    let day_links: Vec<(String, Option<u32>)> = {
        let mut seen: Vec<(String, Option<u32>)> = vec![];
        for s in &r.snapshot.sessions {
            if !seen.iter().any(|(d, _)| *d == s.at.day) {
                seen.push((s.at.day.clone(), s.at.day_number));
            }
        }
        seen.sort();
        seen
    };
    let dates: Vec<String> = day_links.iter().map(|(d, _)| d.clone()).collect();
    let (mut f, mut ignored) = understand(pairs, &o, &dates);
    let at = f.at.unwrap_or(now);
    if f.view == "grid" && f.day.as_deref() == Some("all") {
        f.day = None;
        ignored.push("day".into());
    }
    let today = r.local(at).date_naive().to_string();
    let day = f.day.clone().unwrap_or_else(|| {
        if dates.contains(&today) {
            today.clone()
        } else {
            dates.first().cloned().unwrap_or_default()
        }
    });
    let shown = |s: &&ReleasedSession| -> bool {
        if !passes(&f, s) {
            return false;
        }
        match f.view.as_str() {
            "now" => s.at.ends_at > at && s.at.starts_at < at + Duration::hours(NEXT_HOURS),
            _ => day == "all" || s.at.day == day,
        }
    };
    let mut days: Vec<PublicDay> = vec![];
    let mut matched = 0;
    for s in r.snapshot.sessions.iter().filter(shown) {
        matched += 1;
        if days.last().is_none_or(|d| d.date != s.at.day) {
            days.push(PublicDay {
                date: s.at.day.clone(),
                number: s.at.day_number,
                sessions: vec![],
            });
        }
        if let Some(d) = days.last_mut() {
            d.sessions.push(public_session(r, &f, s, at));
        }
    }
    let rooms: Vec<String> = if f.view == "grid" {
        let used: BTreeSet<&str> = days
            .iter()
            .flat_map(|d| d.sessions.iter().map(|s| s.room.as_str()))
            .collect();
        o.rooms
            .iter()
            .filter(|r| used.contains(r.as_str()))
            .cloned()
            .collect()
    } else {
        vec![]
    };
    PublicProgramme {
        forum_code: r.forum_code.clone(),
        forum_name: r.forum_name.clone(),
        time_zone: r.time_zone.clone(),
        release: release.map(|r| (r.number, r.published_at.to_rfc3339())),
        view: f.view.clone(),
        day: if f.view == "now" { String::new() } else { day },
        day_links,
        days,
        rooms,
        filters: kept(&f),
        ignored,
        options: o,
        zone: f.zone.map(|z| z.name().to_string()),
        matched,
        total: r.snapshot.sessions.len() as u32,
        now: (f.view == "now").then(|| at.to_rfc3339()),
        signed_in: false,
        starred: vec![],
    }
}

fn pairs_of(query: &str) -> Vec<(String, String)> {
    url::form_urlencoded::parse(query.trim_start_matches('?').as_bytes())
        .into_owned()
        .collect()
}

/// Whether the address's query chooses a time zone (a valid one, or "venue").
pub fn asks_zone(query: &str) -> bool {
    pairs_of(query)
        .iter()
        .any(|(k, v)| k == "tz" && (v == "venue" || v.parse::<Tz>().is_ok()))
}

/// The public programme of the edition `code` for the address's `query`,
/// in the `remembered` zone unless the query names one.
pub async fn programme(
    ctx: &RequestCtx,
    code: &str,
    query: &str,
    remembered: Option<&str>,
) -> Result<PublicProgramme, AppError> {
    let f = by_code(ctx, code).await?;
    let release = ctx
        .state
        .programme
        .released(ctx.db(), ctx.settings(), &f.code)
        .await?;
    let mut pairs: Vec<(String, String)> = remembered
        .filter(|z| z.parse::<Tz>().is_ok())
        .map(|z| vec![("tz".to_string(), z.to_string())])
        .unwrap_or_default();
    pairs.extend(pairs_of(query));
    let mut p = shape(release.as_deref(), &pairs, Utc::now());
    if let Some(r) = &release {
        let fills = crate::participation::service::fills(ctx.db(), f.id, r).await?;
        if !fills.is_empty() {
            let by_key: HashMap<String, crate::participation::Fill> = r
                .snapshot
                .sessions
                .iter()
                .filter_map(|s| Some((s.key(), *fills.get(&s.id)?)))
                .collect();
            for s in p.days.iter_mut().flat_map(|d| d.sessions.iter_mut()) {
                if let Some(fill) = by_key.get(&s.key) {
                    s.fill = *fill;
                }
            }
        }
    }
    if let (Some(me), Some(r)) = (&ctx.signed_in, &release) {
        let starred = crate::agenda::service::starred_ids(ctx.db(), me.user_id(), f.id).await?;
        p.signed_in = true;
        p.starred = r
            .snapshot
            .sessions
            .iter()
            .filter(|s| starred.contains(&s.id))
            .map(|s| s.key())
            .collect();
    }
    p.forum_code = f.code;
    p.forum_name = f.name;
    p.time_zone = f.time_zone;
    Ok(p)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::programme::changes::{ReleasedPerson, Snapshot, Where};
    use uuid::Uuid;

    fn session(n: u128, day: &str, hour: u32, room: &str, theme: &str) -> ReleasedSession {
        let start = Utc.with_ymd_and_hms(2027, 5, 25, hour - 2, 0, 0).unwrap();
        let start = start + Duration::days(day.ends_with("26") as i64);
        ReleasedSession {
            id: Uuid::from_u128(n),
            code: format!("S-{n}"),
            title: format!("Session {n}"),
            description: if n == 2 {
                "About *Data* trusts".into()
            } else {
                String::new()
            },
            session_type: "Workshop".into(),
            theme: theme.into(),
            at: Where {
                day: day.into(),
                day_number: Some(1),
                start: clock(hour * 60),
                end: clock(hour * 60 + 90),
                starts_at: start,
                ends_at: start + Duration::minutes(90),
                room_id: Uuid::from_u128(100 + room.len() as u128),
                room: room.into(),
                slot_id: None,
            },
            online_only: n == 3,
            hybrid: false,
            people: vec![ReleasedPerson {
                role: "speaker".into(),
                name: format!("Person {n}"),
                email: String::new(),
                organisation: "Open Net".into(),
                country: Some("KR".into()),
                stakeholder_group: Some(
                    if n == 1 {
                        "government"
                    } else {
                        "civil-society"
                    }
                    .into(),
                ),
            }],
            number: n as u32,
            features: if n == 1 {
                vec!["interpretation".into()]
            } else {
                vec![]
            },
            languages: vec![],
            details: None,
            materials: vec![],
        }
    }

    fn released() -> Released {
        Released {
            release_id: Uuid::from_u128(9),
            number: 1,
            published_at: Utc::now(),
            forum_code: "f".into(),
            forum_name: "F".into(),
            time_zone: "Europe/Zurich".into(),
            base_url: "http://x".into(),
            snapshot: Snapshot {
                sessions: vec![
                    session(1, "2027-05-25", 9, "Hall", "Access"),
                    session(2, "2027-05-25", 11, "Room B", "Data"),
                    session(3, "2027-05-26", 9, "Hall", "Data"),
                ],
            },
        }
    }

    fn q(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
        pairs
            .iter()
            .map(|(a, b)| (a.to_string(), b.to_string()))
            .collect()
    }

    fn codes(p: &PublicProgramme) -> Vec<String> {
        p.days
            .iter()
            .flat_map(|d| d.sessions.iter().map(|s| s.code.clone()))
            .collect()
    }

    #[test]
    fn filters_combine_and_bad_values_are_named_not_fatal() {
        let r = released();
        let before = Utc.with_ymd_and_hms(2027, 1, 1, 0, 0, 0).unwrap();
        let all = shape(Some(&r), &q(&[("day", "all")]), before);
        assert_eq!(codes(&all), ["S-1", "S-2", "S-3"]);
        let first_day = shape(Some(&r), &[], before);
        assert_eq!(
            first_day.day, "2027-05-25",
            "before the meeting: its first day"
        );
        assert_eq!(codes(&first_day), ["S-1", "S-2"]);
        let data = shape(
            Some(&r),
            &q(&[("day", "all"), ("theme", "Data"), ("format", "online")]),
            before,
        );
        assert_eq!(codes(&data), ["S-3"]);
        let words = shape(
            Some(&r),
            &q(&[("day", "all"), ("q", "DATA trusts")]),
            before,
        );
        assert_eq!(codes(&words), ["S-2"]);
        let group = shape(
            Some(&r),
            &q(&[
                ("day", "all"),
                ("group", "government"),
                ("access", "interpretation"),
            ]),
            before,
        );
        assert_eq!(codes(&group), ["S-1"]);
        let bad = shape(
            Some(&r),
            &q(&[
                ("day", "someday"),
                ("theme", "Nope"),
                ("format", "x"),
                ("tz", "Mars/Base"),
                ("view", "3d"),
            ]),
            before,
        );
        assert_eq!(bad.ignored, ["day", "theme", "format", "tz", "view"]);
        assert_eq!(bad.view, "list");
        assert_eq!(codes(&bad), ["S-1", "S-2"]);
    }

    #[test]
    fn the_grid_has_the_rooms_of_its_day_and_times_follow_the_chosen_zone() {
        let r = released();
        let before = Utc.with_ymd_and_hms(2027, 1, 1, 0, 0, 0).unwrap();
        let grid = shape(
            Some(&r),
            &q(&[
                ("view", "grid"),
                ("day", "2027-05-26"),
                ("tz", "America/New_York"),
            ]),
            before,
        );
        assert_eq!(grid.rooms, ["Hall"]);
        let s = &grid.days[0].sessions[0];
        assert_eq!(s.start, "09:00", "venue time stays");
        assert_eq!(
            s.local,
            Some(("2027-05-26".into(), "03:00".into(), "04:30".into()))
        );
        assert_eq!(grid.zone.as_deref(), Some("America/New_York"));
        assert!(grid
            .filters
            .contains(&("tz".into(), "America/New_York".into())));
    }

    #[test]
    fn now_and_next_are_what_runs_and_what_starts_soon() {
        let r = released();
        // 09:30 venue time on the first day: S-1 is on, S-2 starts at 11:00.
        let at = Utc.with_ymd_and_hms(2027, 5, 25, 7, 30, 0).unwrap();
        let now = shape(Some(&r), &q(&[("view", "now")]), at);
        assert_eq!(codes(&now), ["S-1", "S-2"]);
        assert!(now.days[0].sessions[0].on_now && !now.days[0].sessions[1].on_now);
        let late = shape(
            Some(&r),
            &q(&[("view", "now"), ("at", "2027-05-27T20:00:00Z")]),
            at,
        );
        assert!(codes(&late).is_empty());
    }
}
