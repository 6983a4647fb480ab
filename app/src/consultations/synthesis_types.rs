//! What the synthesis pages show (both sides): the organisers' figures and
//! downloads, the themes made from a consultation with the contributions
//! behind each, the consultation's meetings, and a call's themes' origins.

use super::{Figures, Filters, QuestionView, State};
use serde::{Deserialize, Serialize};

/// Most characters of a contribution shown where it is only named.
pub const EXCERPT: usize = 160;

/// The start of a text, cut at a character boundary, marked when cut.
pub fn excerpt(text: &str) -> String {
    let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if flat.chars().count() <= EXCERPT {
        return flat;
    }
    let mut cut: String = flat.chars().take(EXCERPT).collect();
    if let Some(space) = cut.rfind(' ') {
        cut.truncate(space);
    }
    cut.push('…');
    cut
}

/// A contribution where it is only named: in a theme's sources, or among
/// those to choose from.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SourceLine {
    pub id: String,
    pub question: String,
    pub organisation: String,
    pub stakeholder_group: String,
    pub excerpt: String,
}

/// A theme of the edition with the contributions of this consultation
/// behind it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ThemeSources {
    pub id: String,
    /// "Theme" or "Theme — Sub-theme".
    pub name: String,
    pub sources: Vec<SourceLine>,
}

/// The organisers' synthesis of a consultation.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SynthesisPage {
    pub forum_code: String,
    pub slug: String,
    pub title: String,
    /// Every contribution received, by state.
    pub by_state: Vec<(State, u64)>,
    /// Every contribution received (whatever its state), by group, region
    /// and question.
    pub figures: Figures,
    pub questions: Vec<QuestionView>,
    /// Comments written (on contributions and drafts), and hidden ones.
    pub comments: u64,
    pub hidden_comments: u64,
    /// The edition's themes (sub-themes after theirs), each with its sources
    /// from this consultation.
    pub themes: Vec<ThemeSources>,
    /// Approved contributions matching the filters, to link to a theme (at
    /// most `synthesis::MAX_CANDIDATES`), and how many matched.
    pub candidates: Vec<SourceLine>,
    pub matched: u64,
    pub filters: Filters,
}

impl SynthesisPage {
    pub fn total(&self) -> u64 {
        self.by_state.iter().map(|(_, n)| n).sum()
    }
}

/// Where a theme of a call's edition came from: a consultation, and how
/// many of its published contributions are behind it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ThemeOrigin {
    pub theme: String,
    pub consultation: String,
    /// The consultation's page showing those contributions.
    pub link: String,
    pub count: u64,
}

/// How a meeting is held.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum MeetingMode {
    Onsite,
    Hybrid,
    Online,
}

impl MeetingMode {
    pub fn of(hybrid: bool, online_only: bool) -> MeetingMode {
        match (online_only, hybrid) {
            (true, _) => MeetingMode::Online,
            (false, true) => MeetingMode::Hybrid,
            (false, false) => MeetingMode::Onsite,
        }
    }

    pub fn label_key(self) -> &'static str {
        match self {
            MeetingMode::Onsite => "consultation.meeting.onsite",
            MeetingMode::Hybrid => "consultation.meeting.hybrid",
            MeetingMode::Online => "consultation.meeting.online",
        }
    }
}

/// A meeting of a consultation: a session of the edition's programme.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MeetingLine {
    pub session_id: String,
    pub code: String,
    pub title: String,
    pub mode: MeetingMode,
    /// When and where, from the published programme ("2027-05-12 10:00–11:30,
    /// Room A"); none while the session is not published.
    pub when: Option<String>,
    /// Its public page (sign-up, remote participation); none while not
    /// published.
    pub link: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn excerpts_cut_at_a_word() {
        assert_eq!(excerpt("  short\n\ntext "), "short text");
        let long = "word ".repeat(60);
        let cut = excerpt(&long);
        assert!(cut.ends_with("word…"), "{cut}");
        assert!(cut.chars().count() <= EXCERPT + 1);
        let arabic = "كلمة ".repeat(60);
        assert!(excerpt(&arabic).ends_with('…'));
    }

    #[test]
    fn meeting_modes() {
        assert_eq!(MeetingMode::of(true, false), MeetingMode::Hybrid);
        assert_eq!(MeetingMode::of(false, true), MeetingMode::Online);
        assert_eq!(MeetingMode::of(true, true), MeetingMode::Online);
        assert_eq!(MeetingMode::of(false, false), MeetingMode::Onsite);
    }
}
