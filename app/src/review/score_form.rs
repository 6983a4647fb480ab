//! The review part of a proposal's page: the reviewer's progress and phase,
//! the score form ("save" and "save and next"), the reviewer's own review
//! when the phase is closed, and the other reviews where they may be seen.

use super::scoring::{self, ReviewForm};
use super::{MyReview, ReviewPanel, ShownReview};
use crate::i18n::{t, t_with};
use crate::ui::forms::{Hidden, PostForm, SubmittedForm};
use crate::ui::use_page;
use leptos::prelude::*;
use uuid::Uuid;

const ACTION: &str = "/api/review/save";

pub fn criterion_name(c: &scoring::Criterion) -> String {
    c.name
        .clone()
        .unwrap_or_else(|| t(&format!("review.criterion.{}", c.key)))
}

pub fn reason_name(form: &ReviewForm, key: &str) -> String {
    form.reasons
        .iter()
        .find(|r| r.key == key)
        .and_then(|r| r.name.clone())
        .unwrap_or_else(|| t(&format!("review.reason.{key}")))
}

/// What reviewers can do now, in words.
pub fn phase_text(access: &scoring::Access) -> String {
    match (&access.phase, access.closes) {
        (Some(name), Some(closes)) => t_with(
            "review.phase-until",
            &[
                ("phase", name),
                ("date", &closes.format("%Y-%m-%d").to_string()),
            ],
        ),
        (Some(name), None) => t_with("review.phase-now", &[("phase", name)]),
        (None, _) if access.can_score => t("review.open"),
        (None, _) => t("review.phase-closed-note"),
    }
}

/// A review read back: scores per criterion, reasons, comments.
#[component]
fn ReviewText(form: ReviewForm, review: MyReview, total: Option<f64>) -> impl IntoView {
    let scores = form
        .criteria
        .iter()
        .zip(review.scores.iter())
        .map(|(c, s)| {
            view! {
                <dt>{criterion_name(c)}</dt>
                <dd>{s.map(|s| s.to_string()).unwrap_or_else(|| "–".into())}</dd>
            }
        })
        .collect_view();
    let reasons: Vec<String> = review
        .reasons
        .iter()
        .map(|k| reason_name(&form, k))
        .collect();
    view! {
        <dl class="facts">
            {scores}
            {total.map(|v| view! { <dt>{t("review.total")}</dt><dd>{format!("{v:.2}")}</dd> })}
            {(!reasons.is_empty()).then(|| view! { <dt>{t("review.reasons")}</dt><dd>{reasons.join(", ")}</dd> })}
            {(!review.merge_with.is_empty()).then(|| view! { <dt>{t("review.merge-with")}</dt><dd>{review.merge_with.clone()}</dd> })}
        </dl>
        {(!review.comment.is_empty()).then(|| view! { <h4>{t("review.comment")}</h4><p class="pre">{review.comment.clone()}</p> })}
        {(!review.comment_for_proposers.is_empty()).then(|| view! { <h4>{t("review.comment-for-proposers")}</h4><p class="pre">{review.comment_for_proposers.clone()}</p> })}
    }
    .into_any()
}

fn error(failed: &Option<SubmittedForm>, field: &str) -> Option<String> {
    failed
        .as_ref()
        .and_then(|s| s.error.field_message(field).map(t))
}

/// The values typed for a list field (`name[]`), in order.
fn typed(failed: &Option<SubmittedForm>, name: &str) -> Vec<String> {
    failed
        .as_ref()
        .map(|s| {
            s.values
                .iter()
                .filter(|(k, _)| k == name)
                .map(|(_, v)| v.clone())
                .collect()
        })
        .unwrap_or_default()
}

/// The score form, with what was typed kept after a refused save.
#[component]
fn ScoreForm(forum: String, proposal: Uuid, panel: ReviewPanel) -> impl IntoView {
    let failed = use_page().submitted.filter(|s| s.action == ACTION);
    let mine = panel.mine.clone().unwrap_or_default();
    let typed_scores = typed(&failed, "scores[]");
    let typed_reasons = typed(&failed, "reasons[]");
    let form = panel.form.clone();
    let criteria = form
        .criteria
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let id = format!("score-{i}");
            let err = error(&failed, &id);
            let invalid = err.is_some();
            let chosen = if failed.is_some() {
                typed_scores.get(i).cloned().unwrap_or_default()
            } else {
                mine.scores
                    .get(i)
                    .copied()
                    .flatten()
                    .map(|s| s.to_string())
                    .unwrap_or_default()
            };
            let error_id = format!("{id}-error");
            let options = (scoring::LOWEST..=scoring::HIGHEST)
                .map(|n| {
                    let v = n.to_string();
                    let selected = v == chosen;
                    view! { <option value=v.clone() selected=selected>{t_with(&format!("review.score-{n}"), &[])}</option> }
                })
                .collect_view();
            view! {
                <div class="field" class:has-error=invalid>
                    <label for=id.clone()>
                        {criterion_name(c)} " "
                        <small>{t_with("review.weight-of", &[("weight", &c.weight.to_string())])}</small>
                    </label>
                    <select id=id name="scores[]" required=true aria-invalid=err.as_ref().map(|_| "true")
                        aria-describedby=err.as_ref().map(|_| error_id.clone())>
                        <option value="" selected=chosen.is_empty()>{t("review.score-choose")}</option>
                        {options}
                    </select>
                    {err.map(|e| view! { <p class="field-error" id=error_id>{e}</p> })}
                </div>
            }
        })
        .collect_view();
    let reasons_error = error(&failed, "reasons");
    let reasons_invalid = reasons_error.is_some();
    let reasons = form
        .reasons
        .iter()
        .map(|r| {
            let id = format!("reason-{}", r.key);
            let checked = if failed.is_some() {
                typed_reasons.contains(&r.key)
            } else {
                mine.reasons.contains(&r.key)
            };
            view! {
                <div class="field checkbox">
                    <input id=id.clone() type="checkbox" name="reasons[]" value=r.key.clone() checked=checked />
                    <label for=id>{reason_name(&form, &r.key)}</label>
                </div>
            }
        })
        .collect_view();
    let text_field = |name: &'static str, label: String, hint: String, saved: &str, area: bool| {
        let id = format!("review-{name}");
        let err = error(&failed, name);
        let invalid = err.is_some();
        let described = if invalid {
            format!("{id}-hint {id}-error")
        } else {
            format!("{id}-hint")
        };
        let v = failed
            .as_ref()
            .and_then(|s| s.value(name).map(str::to_string))
            .unwrap_or_else(|| saved.to_string());
        view! {
            <div class="field" class:has-error=invalid>
                <label for=id.clone()>{label}</label>
                <p class="hint" id=format!("{id}-hint")>{hint}</p>
                {if area {
                    view! { <textarea id=id.clone() name=name rows="5" aria-describedby=described.clone()>{crate::ui::forms::textarea_text(&v)}</textarea> }.into_any()
                } else {
                    view! { <input id=id.clone() name=name type="text" value=v aria-describedby=described.clone() /> }.into_any()
                }}
                {err.map(|e| view! { <p class="field-error" id=format!("{id}-error")>{e}</p> })}
            </div>
        }
    };
    let comment = text_field(
        "comment",
        t("review.comment"),
        t("review.comment-hint"),
        &mine.comment,
        true,
    );
    let for_proposers = text_field(
        "comment_for_proposers",
        t("review.comment-for-proposers"),
        t("review.comment-for-proposers-hint"),
        &mine.comment_for_proposers,
        true,
    );
    let merge_with = text_field(
        "merge_with",
        t("review.merge-with"),
        t("review.merge-with-hint"),
        &mine.merge_with,
        false,
    );
    view! {
        <PostForm action=ACTION class="stack review-form" label=t("review.your-review")>
            <Hidden name="forum" value=forum />
            <Hidden name="proposal" value=proposal.to_string() />
            <fieldset>
                <legend>{t("review.scores")}</legend>
                <p class="hint">{t("review.scores-hint")}</p>
                {criteria}
            </fieldset>
            <fieldset class="field checkbox-group" class:has-error=reasons_invalid>
                <legend>{t("review.reasons")}</legend>
                <p class="hint">{t("review.reasons-hint-reviewer")}</p>
                {reasons}
                {reasons_error.map(|e| view! { <p class="field-error">{e}</p> })}
            </fieldset>
            {comment}
            {for_proposers}
            {merge_with}
            <div class="actions">
                <button type="submit" class="primary" name="next" value="1">{t("review.save-and-next")}</button>
                <button type="submit">{t("review.save")}</button>
            </div>
        </PostForm>
    }
    .into_any()
}

fn others_list(form: &ReviewForm, others: &[ShownReview]) -> impl IntoView {
    others
        .iter()
        .enumerate()
        .map(|(i, o)| {
            let who = o
                .reviewer
                .clone()
                .unwrap_or_else(|| t_with("review.reviewer-n", &[("n", &(i + 1).to_string())]));
            view! {
                <li>
                    <h4>{who}</h4>
                    <ReviewText form=form.clone() review=o.review.clone() total=Some(o.total) />
                </li>
            }
        })
        .collect_view()
}

/// The review section of the reading page.
#[component]
pub fn ReviewSection(forum: String, proposal: Uuid, panel: ReviewPanel) -> impl IntoView {
    let access = panel.access.clone();
    let phase = phase_text(&access);
    let progress = panel.reviewer.then(|| {
        let next = panel.next.map(|id| {
            view! { <a href=format!("/forums/{}/review/proposals/{}", forum, id)>{t("review.next-unreviewed")}</a> }
        });
        view! {
            <p>
                {t_with("review.progress", &[("done", &panel.done.to_string()), ("total", &panel.assigned.to_string())])}
                " · " <a href=format!("/forums/{}/review", forum)>{t("review.mine")}</a>
                {next.map(|a| view! { " · " {a} })}
            </p>
        }
    });
    let own = if panel.reviewer && access.can_score {
        Some(view! { <ScoreForm forum=forum.clone() proposal panel=panel.clone() /> }.into_any())
    } else {
        panel.mine.clone().map(|m| {
            view! {
                <h3>{t("review.your-review")}</h3>
                <ReviewText form=panel.form.clone() review=m total=None />
            }
            .into_any()
        })
    };
    let figures = panel.figures.clone().map(|f| {
        view! {
            <p>
                {t_with("review.figures", &[
                    ("reviews", &f.reviews.to_string()),
                    ("mean", &scoring::shown(f.mean)),
                    ("median", &scoring::shown(f.median)),
                    ("spread", &scoring::shown(f.spread)),
                ])}
                {f.disagreement.then(|| view! { " " <strong class="flag">{t("review.disagreement")}</strong> })}
            </p>
        }
    });
    let others = (!panel.others.is_empty()).then(|| {
        view! {
            <h3>{t("review.other-reviews")}</h3>
            <ol class="reviews">{others_list(&panel.form, &panel.others)}</ol>
        }
    });
    let waiting = (panel.reviewer && panel.mine.is_none() && access.see_others)
        .then(|| view! { <p>{t("review.others-after-yours")}</p> });
    view! {
        <section aria-labelledby="review-heading" class="review">
            <h2 id="review-heading">{t("review.review")}</h2>
            <p>{phase}</p>
            {progress}
            {own}
            {figures}
            {others}
            {waiting}
        </section>
    }
    .into_any()
}
