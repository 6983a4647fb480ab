//! The organisers' extra questions on an edition's registration form: free
//! text, one of a list of choices, or yes/no. The rules for a question and
//! for an answer are pure; `questions_service.rs` stores them.

use serde::{Deserialize, Serialize};

/// Most extra questions per edition.
pub const MAX_QUESTIONS: usize = 20;
/// Longest question.
pub const MAX_LABEL: usize = 300;
/// Most choices of a choice question, and the fewest.
pub const MAX_CHOICES: usize = 20;
pub const MIN_CHOICES: usize = 2;
/// Longest choice.
pub const MAX_CHOICE: usize = 100;
/// Longest free-text answer.
pub const MAX_ANSWER: usize = 1000;

/// What kind of answer a question takes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Kind {
    Text,
    Choice,
    YesNo,
}

impl Kind {
    pub const ALL: [Kind; 3] = [Kind::Text, Kind::Choice, Kind::YesNo];

    pub fn code(self) -> &'static str {
        match self {
            Kind::Text => "text",
            Kind::Choice => "choice",
            Kind::YesNo => "yes-no",
        }
    }

    pub fn from_code(code: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.code() == code)
    }

    pub fn label_key(self) -> String {
        format!("registration.question.kind.{}", self.code())
    }
}

/// The two answers of a yes/no question, as stored.
pub const YES_NO: [&str; 2] = ["yes", "no"];

/// A question as the form and the organisers' list show it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Question {
    pub id: String,
    pub kind: Kind,
    pub label: String,
    pub choices: Vec<String>,
    pub required: bool,
}

impl Question {
    /// The key of its answer in the form's `answer` map (a letter first:
    /// a key starting with a digit would be read as a list index).
    pub fn key(&self) -> String {
        format!("q{}", self.id)
    }

    /// The form field of its answer.
    pub fn field(&self) -> String {
        format!("answer[{}]", self.key())
    }
}

/// A question's text, checked.
pub fn parse_label(typed: &str) -> Result<String, &'static str> {
    let label = typed.trim();
    if label.is_empty() {
        Err("field.required")
    } else if label.chars().count() > MAX_LABEL {
        Err("registration.question.label-too-long")
    } else {
        Ok(label.to_string())
    }
}

/// The choices typed one per line (blank lines and repeats dropped): a
/// choice question needs between two and twenty; other kinds take none.
pub fn parse_choices(kind: Kind, typed: &str) -> Result<Vec<String>, &'static str> {
    let mut choices: Vec<String> = vec![];
    for line in typed.lines().map(str::trim).filter(|l| !l.is_empty()) {
        if line.chars().count() > MAX_CHOICE {
            return Err("registration.question.choice-too-long");
        }
        if !choices.iter().any(|c| c == line) {
            choices.push(line.to_string());
        }
    }
    match kind {
        Kind::Choice if !(MIN_CHOICES..=MAX_CHOICES).contains(&choices.len()) => {
            Err("registration.question.choices-count")
        }
        Kind::Choice => Ok(choices),
        _ => Ok(vec![]),
    }
}

/// An answer as typed, checked against its question: empty is allowed
/// unless the question is required; a choice must be one of the list.
pub fn check_answer(q: &Question, typed: &str) -> Result<String, &'static str> {
    let answer = typed.trim();
    if answer.is_empty() {
        return if q.required {
            Err("registration.answer-required")
        } else {
            Ok(String::new())
        };
    }
    let fits = match q.kind {
        Kind::Text => {
            return (answer.chars().count() <= MAX_ANSWER)
                .then(|| answer.to_string())
                .ok_or("registration.answer-too-long")
        }
        Kind::Choice => q.choices.iter().any(|c| c == answer),
        Kind::YesNo => YES_NO.contains(&answer),
    };
    fits.then(|| answer.to_string())
        .ok_or("field.choice-invalid")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn q(kind: Kind, required: bool) -> Question {
        Question {
            id: "q1".into(),
            kind,
            label: "Dietary needs?".into(),
            choices: vec!["Vegetarian".into(), "Vegan".into()],
            required,
        }
    }

    #[test]
    fn choices_are_lines_without_repeats() {
        assert_eq!(
            parse_choices(Kind::Choice, " Tea \n\nCoffee\nTea\n"),
            Ok(vec!["Tea".to_string(), "Coffee".to_string()])
        );
        assert!(parse_choices(Kind::Choice, "Only one").is_err());
        assert_eq!(parse_choices(Kind::Text, "ignored\nlines"), Ok(vec![]));
        assert!(parse_choices(Kind::Choice, &format!("a\n{}", "x".repeat(101))).is_err());
        let many: Vec<String> = (0..21).map(|i| i.to_string()).collect();
        assert!(parse_choices(Kind::Choice, &many.join("\n")).is_err());
    }

    #[test]
    fn answers_fit_their_question() {
        assert_eq!(check_answer(&q(Kind::Text, false), "  "), Ok(String::new()));
        assert_eq!(
            check_answer(&q(Kind::Text, true), " "),
            Err("registration.answer-required")
        );
        assert_eq!(
            check_answer(&q(Kind::Text, true), &"x".repeat(1001)),
            Err("registration.answer-too-long")
        );
        assert_eq!(
            check_answer(&q(Kind::Choice, true), "Vegan"),
            Ok("Vegan".into())
        );
        assert_eq!(
            check_answer(&q(Kind::Choice, true), "Carnivore"),
            Err("field.choice-invalid")
        );
        assert_eq!(check_answer(&q(Kind::YesNo, true), "no"), Ok("no".into()));
        assert_eq!(
            check_answer(&q(Kind::YesNo, true), "maybe"),
            Err("field.choice-invalid")
        );
    }

    #[test]
    fn labels_are_needed_and_bounded() {
        assert_eq!(parse_label("  "), Err("field.required"));
        assert!(parse_label(&"q".repeat(301)).is_err());
        assert_eq!(parse_label(" Why? "), Ok("Why?".into()));
        assert_eq!(Kind::from_code("yes-no"), Some(Kind::YesNo));
    }
}
