//! A call's review settings (server only): its review form (criteria, weights,
//! reasons for low scores), its review phases, its slot budgets per session
//! type and theme, and whether reviewers' comments go into the decision mails.
//! The page reads the edition in five statements; a save is checked whole and
//! written in one transaction.

use super::balance::Budgets;
use super::scoring::{
    self, Criterion, Phase, Reason, ReviewForm, MAX_CRITERIA, MAX_REASONS, MAX_WEIGHT,
};
use super::settings_page::{CallSettings, ReviewSettings, MAX_SLOTS};
use crate::admin::audit;
use crate::context::RequestCtx;
use crate::db::{begin_write, call, call_session_type, now, session_type, theme};
use crate::error::{AppError, Problems};
use crate::forums::editions::by_code;
use crate::i18n::{translate, Locale};
use chrono::{DateTime, Days, NaiveDate, Utc};
use sea_orm::{entity::prelude::*, ActiveValue::Set, ConnectionTrait, QueryOrder};
use std::collections::{BTreeMap, HashSet};

/// The longest criterion and phase name, and reason.
pub const NAME_MAX: usize = 80;
pub const REASON_MAX: usize = 120;

/// A call's settings form as posted: lists are the table rows in page order.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SettingsInput {
    pub call: Uuid,
    pub criterion_key: Vec<String>,
    pub criterion_name: Vec<String>,
    pub criterion_weight: Vec<String>,
    /// One reason a line.
    pub reasons: String,
    pub phase_name: Vec<String>,
    pub phase_starts: Vec<String>,
    pub phase_ends: Vec<String>,
    /// "yes" or "no" each.
    pub phase_score: Vec<String>,
    pub phase_others: Vec<String>,
    pub phase_names: Vec<String>,
    /// Session type ids and their slots (empty: no budget).
    pub budget_type: Vec<String>,
    pub budget_type_n: Vec<String>,
    /// Theme ids and their slots.
    pub budget_theme: Vec<String>,
    pub budget_theme_n: Vec<String>,
    pub share_comments: bool,
}

/// What a checked form becomes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Checked {
    pub form: ReviewForm,
    pub phases: Vec<Phase>,
    pub budgets: Budgets,
    pub share_comments: bool,
}

fn cell(list: &[String], i: usize) -> &str {
    list.get(i).map(|s| s.trim()).unwrap_or("")
}

/// A one-line name: at most `max` characters, no control characters.
fn one_line(input: &str, max: usize) -> Result<String, &'static str> {
    let text = input.trim();
    if text.chars().count() > max {
        Err("field.too-long")
    } else if text.chars().any(char::is_control) {
        Err("field.control-characters")
    } else {
        Ok(text.to_string())
    }
}

/// A stored key: lower-case letters, digits and dashes.
fn valid_key(key: &str) -> bool {
    !key.is_empty()
        && key.len() <= 40
        && key
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}

/// A key made of a name: its ASCII letters and digits, dashes between.
pub fn slug(name: &str) -> String {
    let mut out = String::new();
    for c in name.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
        if out.len() >= 30 {
            break;
        }
    }
    out.trim_end_matches('-').to_string()
}

/// The first `{prefix}{n}` not taken.
fn fresh(prefix: &str, taken: &HashSet<String>) -> String {
    (1..)
        .map(|n| format!("{prefix}{n}"))
        .find(|k| !taken.contains(k))
        .unwrap_or_default()
}

fn criteria(
    input: &SettingsInput,
    current: &ReviewForm,
    locale: Locale,
    problems: &mut Problems,
) -> Result<Vec<Criterion>, AppError> {
    let standard = ReviewForm::standard();
    let is_standard = |key: &str| standard.criteria.iter().any(|c| c.key == key);
    let rows = input
        .criterion_key
        .len()
        .max(input.criterion_name.len())
        .max(input.criterion_weight.len());
    // Keys already in use: the form's, the standard ones and the posted ones.
    let mut taken: HashSet<String> = current
        .criteria
        .iter()
        .chain(&standard.criteria)
        .map(|c| c.key.clone())
        .collect();
    let mut posted = HashSet::new();
    for key in input.criterion_key.iter().map(|k| k.trim()) {
        if key.is_empty() {
            continue;
        }
        if !valid_key(key) || !posted.insert(key.to_string()) {
            return Err(AppError::BadRequest);
        }
        taken.insert(key.to_string());
    }
    let mut out = vec![];
    for i in 0..rows {
        let (key, name, weight) = (
            cell(&input.criterion_key, i),
            cell(&input.criterion_name, i),
            cell(&input.criterion_weight, i),
        );
        // A blank new row, or a criterion cleared to remove it.
        if name.is_empty() && weight.is_empty() {
            continue;
        }
        let field = format!("criterion-{i}");
        let weight = match weight.parse::<u32>() {
            Ok(w) if (1..=MAX_WEIGHT).contains(&w) => w,
            _ => {
                problems.add(&format!("weight-{i}"), "review.weight-invalid");
                0
            }
        };
        let name = match one_line(name, NAME_MAX) {
            Ok(n) => n,
            Err(m) => {
                problems.add(&field, m);
                continue;
            }
        };
        let name = if is_standard(key)
            && (name.is_empty() || name == translate(locale, &format!("review.criterion.{key}")))
        {
            None
        } else if name.is_empty() {
            problems.add(&field, "field.required");
            None
        } else {
            Some(name)
        };
        let key = if key.is_empty() {
            let made = name.as_deref().map(slug).unwrap_or_default();
            let key = if made.is_empty() || taken.contains(&made) {
                fresh("c", &taken)
            } else {
                made
            };
            taken.insert(key.clone());
            key
        } else {
            key.to_string()
        };
        out.push(Criterion { key, name, weight });
    }
    if out.is_empty() {
        problems.add("criteria", "review.criteria-required");
    } else if out.len() > MAX_CRITERIA {
        problems.add("criteria", "review.too-many");
    }
    Ok(out)
}

fn reasons(
    text: &str,
    current: &ReviewForm,
    locale: Locale,
    problems: &mut Problems,
) -> Vec<Reason> {
    let standard = ReviewForm::standard();
    let mut taken: HashSet<String> = current
        .reasons
        .iter()
        .chain(&standard.reasons)
        .map(|r| r.key.clone())
        .collect();
    let mut out: Vec<Reason> = vec![];
    for line in text.lines().map(str::trim).filter(|l| !l.is_empty()) {
        let line = match one_line(line, REASON_MAX) {
            Ok(l) => l,
            Err(m) => {
                problems.add("reasons", m);
                continue;
            }
        };
        // A line given twice counts once.
        if out.iter().any(|r| r.name.as_deref() == Some(line.as_str())) {
            continue;
        }
        let known = standard
            .reasons
            .iter()
            .find(|r| translate(locale, &format!("review.reason.{}", r.key)) == line)
            .map(|r| (r.key.clone(), None))
            .or_else(|| {
                current
                    .reasons
                    .iter()
                    .find(|r| r.name.as_deref() == Some(line.as_str()))
                    .map(|r| (r.key.clone(), r.name.clone()))
            });
        let (key, name) = known.unwrap_or_else(|| {
            let key = fresh("r", &taken);
            taken.insert(key.clone());
            (key, Some(line.clone()))
        });
        if !out.iter().any(|r| r.key == key) {
            out.push(Reason { key, name });
        }
    }
    if out.len() > MAX_REASONS {
        problems.add("reasons", "review.too-many");
    }
    out
}

/// Midnight UTC starting a day.
fn day_start(day: NaiveDate) -> DateTime<Utc> {
    day.and_hms_opt(0, 0, 0).unwrap_or_default().and_utc()
}

fn phases(input: &SettingsInput, problems: &mut Problems) -> Vec<Phase> {
    let rows = [
        input.phase_name.len(),
        input.phase_starts.len(),
        input.phase_ends.len(),
    ]
    .into_iter()
    .max()
    .unwrap_or(0);
    let yes = |list: &[String], i: usize| cell(list, i) == "yes";
    // Each built phase's row on the page.
    let mut at_row = vec![];
    let mut out = vec![];
    for i in 0..rows {
        let (name, starts, ends) = (
            cell(&input.phase_name, i),
            cell(&input.phase_starts, i),
            cell(&input.phase_ends, i),
        );
        if name.is_empty() && starts.is_empty() && ends.is_empty() {
            continue;
        }
        let name = problems.check(&format!("phase-{i}"), one_line(name, NAME_MAX));
        let first = problems.check(
            &format!("phase-{i}-starts"),
            crate::forums::rules::date(starts),
        );
        let last = problems.check(&format!("phase-{i}-ends"), crate::forums::rules::date(ends));
        let (Some(name), Some(first), Some(last)) = (name, first, last) else {
            continue;
        };
        let after_last = last.checked_add_days(Days::new(1)).unwrap_or(last);
        at_row.push(i);
        out.push(Phase {
            name,
            starts: day_start(first),
            ends: day_start(after_last),
            can_score: yes(&input.phase_score, i),
            see_others: yes(&input.phase_others, i),
            see_names: yes(&input.phase_names, i),
        });
    }
    for (n, field, message) in scoring::check_phases(&out) {
        let row = at_row.get(n).copied().unwrap_or(n);
        if field == "name" {
            problems.add(&format!("phase-{row}"), message);
        } else {
            problems.add(&format!("phase-{row}-{field}"), message);
        }
    }
    out
}

/// Slots by id: unknown ids are refused outright (the page offers none).
fn budget(
    ids: &[String],
    counts: &[String],
    known: &[Uuid],
    prefix: &str,
    problems: &mut Problems,
) -> Result<BTreeMap<String, u32>, AppError> {
    let mut out = BTreeMap::new();
    for (i, id) in ids.iter().enumerate() {
        let id: Uuid = id.trim().parse().map_err(|_| AppError::NotFound)?;
        if !known.contains(&id) {
            return Err(AppError::NotFound);
        }
        match cell(counts, i) {
            "" => {}
            text => match text.parse::<u32>() {
                Ok(n) if n <= MAX_SLOTS => {
                    out.insert(id.to_string(), n);
                }
                _ => problems.add(&format!("{prefix}-{i}"), "review.budget-invalid"),
            },
        }
    }
    Ok(out)
}

/// Checks a call's settings form whole (every problem at once). `current` is
/// the call's form now (its keys stay); `types` and `themes` the ids budgets
/// may name.
pub fn check(
    input: &SettingsInput,
    current: &ReviewForm,
    locale: Locale,
    types: &[Uuid],
    themes: &[Uuid],
) -> Result<Checked, AppError> {
    let mut problems = Problems::new();
    let criteria = criteria(input, current, locale, &mut problems)?;
    let reasons = reasons(&input.reasons, current, locale, &mut problems);
    let phases = phases(input, &mut problems);
    let budgets = Budgets {
        types: budget(
            &input.budget_type,
            &input.budget_type_n,
            types,
            "budget-type",
            &mut problems,
        )?,
        themes: budget(
            &input.budget_theme,
            &input.budget_theme_n,
            themes,
            "budget-theme",
            &mut problems,
        )?,
    };
    problems.into_result()?;
    Ok(Checked {
        form: ReviewForm { criteria, reasons },
        phases,
        budgets,
        share_comments: input.share_comments,
    })
}

/// The edition's top-level themes, in order.
async fn themes_of(
    db: &impl ConnectionTrait,
    forum_id: Uuid,
) -> Result<Vec<theme::Model>, AppError> {
    Ok(theme::Entity::find()
        .filter(theme::Column::ForumId.eq(forum_id))
        .filter(theme::Column::ParentId.is_null())
        .order_by_asc(theme::Column::Position)
        .all(db)
        .await?)
}

/// The organisers' review settings page: every call of the edition.
pub async fn load(ctx: &RequestCtx, code: &str) -> Result<ReviewSettings, AppError> {
    ctx.require_organiser(code)?;
    let f = by_code(ctx, code).await?;
    let db = ctx.db();
    let calls = call::Entity::find()
        .filter(call::Column::ForumId.eq(f.id))
        .order_by_asc(call::Column::OpensAt)
        .all(db)
        .await?;
    let links = call_session_type::Entity::find()
        .filter(call_session_type::Column::CallId.is_in(calls.iter().map(|c| c.id)))
        .all(db)
        .await?;
    let types = session_type::Entity::find()
        .filter(session_type::Column::ForumId.eq(f.id))
        .order_by_asc(session_type::Column::Position)
        .all(db)
        .await?;
    let themes: Vec<(Uuid, String)> = themes_of(db, f.id)
        .await?
        .into_iter()
        .map(|t| (t.id, t.name))
        .collect();
    Ok(ReviewSettings {
        forum_code: f.code.clone(),
        forum_name: f.name.clone(),
        calls: calls
            .into_iter()
            .map(|c| CallSettings {
                id: c.id,
                form: ReviewForm::from_json(&c.review_form),
                phases: scoring::phases_from_json(&c.review_phases),
                budgets: Budgets::from_json(&c.slot_budgets),
                share_comments: c.share_reviewer_comments,
                blind: c.blind_review,
                types: types
                    .iter()
                    .filter(|t| {
                        links
                            .iter()
                            .any(|l| l.call_id == c.id && l.session_type_id == t.id)
                    })
                    .map(|t| (t.id, t.name.clone()))
                    .collect(),
                themes: themes.clone(),
                title: c.title,
            })
            .collect(),
    })
}

/// Saves one call's review settings.
pub async fn save(ctx: &RequestCtx, code: &str, input: SettingsInput) -> Result<(), AppError> {
    let me = ctx.require_organiser(code)?.user_id();
    let f = by_code(ctx, code).await?;
    let txn = begin_write(ctx.db()).await?;
    let c = call::Entity::find_by_id(input.call)
        .filter(call::Column::ForumId.eq(f.id))
        .one(&txn)
        .await?
        .ok_or(AppError::NotFound)?;
    let types: Vec<Uuid> = call_session_type::Entity::find()
        .filter(call_session_type::Column::CallId.eq(c.id))
        .all(&txn)
        .await?
        .into_iter()
        .map(|l| l.session_type_id)
        .collect();
    let themes: Vec<Uuid> = themes_of(&txn, f.id)
        .await?
        .into_iter()
        .map(|t| t.id)
        .collect();
    let checked = check(
        &input,
        &ReviewForm::from_json(&c.review_form),
        ctx.locale,
        &types,
        &themes,
    )?;
    let budgets = if checked.budgets == Budgets::default() {
        String::new()
    } else {
        checked.budgets.to_json()
    };
    call::ActiveModel {
        id: Set(c.id),
        review_form: Set(checked.form.to_json()),
        review_phases: Set(scoring::phases_to_json(&checked.phases)),
        slot_budgets: Set(budgets),
        share_reviewer_comments: Set(checked.share_comments),
        updated_at: Set(now()),
        ..Default::default()
    }
    .update(&txn)
    .await?;
    audit::record(
        &txn,
        Some(me),
        "review.settings",
        &f.code,
        &c.title,
        &ctx.client_addr,
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::FieldError;

    fn s(v: &[&str]) -> Vec<String> {
        v.iter().map(|x| String::from(*x)).collect()
    }

    fn fields(e: AppError) -> Vec<(String, String)> {
        match e {
            AppError::Invalid { fields, .. } => fields
                .into_iter()
                .map(|FieldError { field, message }| (field, message))
                .collect(),
            other => panic!("not invalid: {other:?}"),
        }
    }

    fn input() -> SettingsInput {
        let relevance = translate(Locale::En, "review.criterion.relevance");
        let off_theme = translate(Locale::En, "review.reason.off-theme");
        SettingsInput {
            call: Uuid::nil(),
            criterion_key: s(&["relevance", "content", "", ""]),
            criterion_name: s(&[&relevance, "Substance", "Hybrid interaction", ""]),
            criterion_weight: s(&["3", "2", "1", ""]),
            reasons: format!("{off_theme}\r\n\r\nToo commercial\nToo commercial\n"),
            phase_name: s(&["Review", "Discussion", ""]),
            phase_starts: s(&["2027-03-01", "2027-03-21", ""]),
            phase_ends: s(&["2027-03-20", "2027-03-25", ""]),
            phase_score: s(&["yes", "no", "yes"]),
            phase_others: s(&["no", "yes", "no"]),
            phase_names: s(&["yes", "yes", "yes"]),
            ..SettingsInput::default()
        }
    }

    #[test]
    fn a_good_form_becomes_the_calls_settings() {
        let ws = Uuid::new_v4();
        let theme = Uuid::new_v4();
        let mut i = input();
        i.budget_type = vec![ws.to_string()];
        i.budget_type_n = s(&["40"]);
        i.budget_theme = vec![theme.to_string()];
        i.budget_theme_n = s(&[""]);
        let c = check(&i, &ReviewForm::standard(), Locale::En, &[ws], &[theme]).unwrap();
        let keys: Vec<_> = c.form.criteria.iter().map(|c| c.key.as_str()).collect();
        assert_eq!(keys, ["relevance", "content", "hybrid-interaction"]);
        assert_eq!(
            c.form.criteria[0].name, None,
            "the standard name stays translated"
        );
        assert_eq!(c.form.criteria[1].name.as_deref(), Some("Substance"));
        assert_eq!(c.form.criteria[2].weight, 1);
        assert_eq!(c.form.reasons.len(), 2, "{:?}", c.form.reasons);
        assert_eq!(
            (c.form.reasons[0].key.as_str(), &c.form.reasons[0].name),
            ("off-theme", &None)
        );
        assert_eq!(c.form.reasons[1].name.as_deref(), Some("Too commercial"));
        assert_eq!(c.phases.len(), 2);
        assert_eq!(
            c.phases[0].ends, c.phases[1].starts,
            "the end day is inclusive"
        );
        assert_eq!(
            super::super::settings_page::phase_days(&c.phases[0]).1,
            "2027-03-20"
        );
        assert!(c.phases[0].can_score && !c.phases[0].see_others);
        assert_eq!(c.budgets.types.get(&ws.to_string()), Some(&40));
        assert!(c.budgets.themes.is_empty(), "empty: no budget");
    }

    #[test]
    fn every_problem_is_named_at_once() {
        let mut i = input();
        i.criterion_weight = s(&["0", "x", "", ""]);
        i.criterion_name[2] = "Bad\u{7}name".into();
        i.phase_ends[1] = "2027-03-10".into();
        i.phase_starts[1] = "2027-03-15".into();
        i.phase_name.push("Late".into());
        i.phase_starts.push("2027-02-30".into());
        i.phase_ends.push("2027-04-01".into());
        i.reasons = "x".repeat(121);
        let ws = Uuid::new_v4();
        i.budget_type = vec![ws.to_string()];
        i.budget_type_n = s(&["-1"]);
        let problems =
            fields(check(&i, &ReviewForm::standard(), Locale::En, &[ws], &[]).unwrap_err());
        let has = |f: &str, m: &str| problems.iter().any(|(a, b)| a == f && b == m);
        assert!(has("weight-0", "review.weight-invalid"), "{problems:?}");
        assert!(has("weight-1", "review.weight-invalid"));
        assert!(has("weight-2", "review.weight-invalid"));
        assert!(has("criterion-2", "field.control-characters"));
        assert!(has("reasons", "field.too-long"));
        assert!(has("phase-1-ends", "review.phase-ends-before"));
        assert!(has("phase-1-starts", "review.phase-overlaps"));
        assert!(has("phase-3-starts", "forums.date-invalid"));
        assert!(has("budget-type-0", "review.budget-invalid"));
    }

    #[test]
    fn limits_and_strangers() {
        let mut none = input();
        none.criterion_name = s(&["", ""]);
        none.criterion_weight = s(&["", ""]);
        none.criterion_key = s(&["", ""]);
        let problems =
            fields(check(&none, &ReviewForm::standard(), Locale::En, &[], &[]).unwrap_err());
        assert_eq!(
            problems,
            vec![("criteria".into(), "review.criteria-required".into())]
        );
        let mut many = input();
        many.criterion_key = vec![String::new(); 11];
        many.criterion_name = (0..11).map(|n| format!("C {n}")).collect();
        many.criterion_weight = vec!["1".into(); 11];
        let problems =
            fields(check(&many, &ReviewForm::standard(), Locale::En, &[], &[]).unwrap_err());
        assert_eq!(
            problems,
            vec![("criteria".into(), "review.too-many".into())]
        );
        let mut stranger = input();
        stranger.budget_theme = vec![Uuid::new_v4().to_string()];
        stranger.budget_theme_n = s(&["3"]);
        assert_eq!(
            check(&stranger, &ReviewForm::standard(), Locale::En, &[], &[]),
            Err(AppError::NotFound)
        );
        let mut twice = input();
        twice.criterion_key = s(&["content", "content", "", ""]);
        assert_eq!(
            check(&twice, &ReviewForm::standard(), Locale::En, &[], &[]),
            Err(AppError::BadRequest)
        );
    }

    #[test]
    fn keys_stay_and_new_ones_are_unique() {
        assert_eq!(slug("Hybrid  interaction!"), "hybrid-interaction");
        assert_eq!(slug("الأثر"), "");
        let current = ReviewForm {
            criteria: vec![Criterion {
                key: "c1".into(),
                name: Some("Impact".into()),
                weight: 2,
            }],
            reasons: vec![Reason {
                key: "r1".into(),
                name: Some("Too commercial".into()),
            }],
        };
        let mut i = input();
        i.criterion_key = s(&["c1", "", ""]);
        i.criterion_name = s(&["Impact", "الأثر", "Relevance"]);
        i.criterion_weight = s(&["2", "1", "1"]);
        i.reasons = format!(
            "Too commercial\n{}\nTooo",
            translate(Locale::En, "review.reason.unclear")
        );
        let c = check(&i, &current, Locale::En, &[], &[]).unwrap();
        let keys: Vec<_> = c.form.criteria.iter().map(|c| c.key.as_str()).collect();
        assert_eq!(keys, ["c1", "c2", "c3"], "taken slugs give way to c{{n}}");
        let reasons: Vec<_> = c.form.reasons.iter().map(|r| r.key.as_str()).collect();
        assert_eq!(reasons, ["r1", "unclear", "r2"]);
    }
}
