//! What the discussion pages show (both sides): comments in threads, a
//! contribution's page with its comments, a draft text's version with its
//! paragraphs, their comments and, from the second version on, the changes.

use super::drafts::Piece;
use super::ContributionView;
use serde::{Deserialize, Serialize};

/// A comment as a thread shows it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CommentView {
    pub id: String,
    pub author: String,
    /// The organisers' answer.
    pub official: bool,
    pub body: String,
    pub when: String,
    /// Indentation, from 0.
    pub depth: usize,
    /// Hidden by the organisers (shown to organisers only, marked).
    pub hidden: bool,
    pub reason: String,
}

/// A published contribution's own page, with its comments.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ContributionPage {
    pub forum_code: String,
    pub slug: String,
    pub consultation: String,
    pub contribution: ContributionView,
    pub may_comment: bool,
    pub signed_in: bool,
    pub organiser: bool,
    pub comments: Vec<CommentView>,
}

/// What a revision did to a paragraph.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Mark {
    Same,
    Changed,
    Added,
    Removed,
}

/// A paragraph of the version shown (or, with the changes, one removed
/// from the previous version).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ParagraphView {
    /// Empty for a removed paragraph.
    pub id: String,
    /// Its number in the version shown (0 for a removed one).
    pub position: i32,
    pub text: String,
    pub mark: Mark,
    /// A changed paragraph word by word.
    pub pieces: Vec<Piece>,
    pub comments: Vec<CommentView>,
}

/// A draft in a consultation's lists.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DraftLine {
    pub id: String,
    pub title: String,
    pub versions: i32,
}

/// A draft's page: one version, its paragraphs with their comments.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DraftPage {
    pub forum_code: String,
    pub slug: String,
    pub consultation: String,
    pub id: String,
    pub title: String,
    /// Every version: (number, published on).
    pub versions: Vec<(i32, String)>,
    pub number: i32,
    pub note: String,
    /// The changes from the previous version are marked.
    pub changes: bool,
    pub paragraphs: Vec<ParagraphView>,
    pub may_comment: bool,
    pub signed_in: bool,
    pub organiser: bool,
    /// The text of the version shown, for the organisers' revision form.
    pub text: String,
}
