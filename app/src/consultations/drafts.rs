//! Draft documents put to comment: the text split into paragraphs (each
//! commented on by itself), and what a revised version changed, paragraph by
//! paragraph and, inside a changed paragraph, word by word.

use serde::{Deserialize, Serialize};

/// Most paragraphs in one version.
pub const MAX_PARAGRAPHS: usize = 500;
/// Longest paragraph.
pub const MAX_PARAGRAPH: usize = 5000;
/// Most words compared inside a changed paragraph (beyond, it is shown as
/// replaced whole).
const MAX_WORDS: usize = 1500;

/// The paragraphs of a text: blocks between blank lines, lines inside a
/// block joined by a space, surrounding spaces trimmed.
pub fn paragraphs(text: &str) -> Vec<String> {
    let mut out = vec![];
    let mut block: Vec<&str> = vec![];
    for line in text.lines().chain(std::iter::once("")) {
        let line = line.trim();
        if line.is_empty() {
            if !block.is_empty() {
                out.push(block.join(" "));
                block.clear();
            }
        } else {
            block.push(line);
        }
    }
    out
}

/// A text checked as a version of a draft.
pub fn check(text: &str) -> Result<Vec<String>, &'static str> {
    let paras = paragraphs(text);
    if paras.is_empty() {
        Err("field.required")
    } else if paras.len() > MAX_PARAGRAPHS {
        Err("consultation.draft.too-many-paragraphs")
    } else if paras.iter().any(|p| p.chars().count() > MAX_PARAGRAPH) {
        Err("consultation.draft.paragraph-too-long")
    } else {
        Ok(paras)
    }
}

/// What happened to a paragraph from one version to the next (indexes into
/// the old and the new version).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Change {
    Same { old: usize, new: usize },
    Changed { old: usize, new: usize },
    Added { new: usize },
    Removed { old: usize },
}

/// The changes from `old` to `new`, in the new version's order (removed
/// paragraphs where they stood). Unchanged paragraphs are matched by the
/// longest common subsequence; between two matches, removed and added
/// paragraphs pair up as changed ones.
pub fn compare<S: PartialEq>(old: &[S], new: &[S]) -> Vec<Change> {
    let mut out = vec![];
    let (mut i, mut j) = (0, 0);
    for (mi, mj) in common(old, new).into_iter().chain([(old.len(), new.len())]) {
        let (gone, came) = (mi - i, mj - j);
        for k in 0..gone.max(came) {
            out.push(match (k < gone, k < came) {
                (true, true) => Change::Changed {
                    old: i + k,
                    new: j + k,
                },
                (true, false) => Change::Removed { old: i + k },
                _ => Change::Added { new: j + k },
            });
        }
        if mi < old.len() {
            out.push(Change::Same { old: mi, new: mj });
        }
        (i, j) = (mi + 1, mj + 1);
    }
    out
}

/// The pairs of indexes of a longest common subsequence.
fn common<S: PartialEq>(a: &[S], b: &[S]) -> Vec<(usize, usize)> {
    let (n, m) = (a.len(), b.len());
    // lengths[i][j]: LCS of a[i..] and b[j..].
    let mut lengths = vec![vec![0u32; m + 1]; n + 1];
    for i in (0..n).rev() {
        for j in (0..m).rev() {
            lengths[i][j] = if a[i] == b[j] {
                lengths[i + 1][j + 1] + 1
            } else {
                lengths[i + 1][j].max(lengths[i][j + 1])
            };
        }
    }
    let (mut i, mut j, mut out) = (0, 0, vec![]);
    while i < n && j < m {
        if a[i] == b[j] {
            out.push((i, j));
            i += 1;
            j += 1;
        } else if lengths[i + 1][j] >= lengths[i][j + 1] {
            i += 1;
        } else {
            j += 1;
        }
    }
    out
}

/// A piece of a changed paragraph.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Piece {
    Kept(String),
    Deleted(String),
    Inserted(String),
}

/// A changed paragraph word by word: runs of kept, deleted and inserted
/// words (each run's words joined by spaces).
pub fn words(old: &str, new: &str) -> Vec<Piece> {
    let a: Vec<&str> = old.split_whitespace().collect();
    let b: Vec<&str> = new.split_whitespace().collect();
    if a.len() > MAX_WORDS || b.len() > MAX_WORDS {
        return vec![Piece::Deleted(a.join(" ")), Piece::Inserted(b.join(" "))];
    }
    let mut out: Vec<Piece> = vec![];
    let mut push = |piece: Piece| match (out.last_mut(), &piece) {
        (Some(Piece::Kept(s)), Piece::Kept(w))
        | (Some(Piece::Deleted(s)), Piece::Deleted(w))
        | (Some(Piece::Inserted(s)), Piece::Inserted(w)) => {
            s.push(' ');
            s.push_str(w);
        }
        _ => out.push(piece),
    };
    for change in compare(&a, &b) {
        match change {
            Change::Same { old, .. } => push(Piece::Kept(a[old].into())),
            Change::Changed { old, new } => {
                push(Piece::Deleted(a[old].into()));
                push(Piece::Inserted(b[new].into()));
            }
            Change::Removed { old } => push(Piece::Deleted(a[old].into())),
            Change::Added { new } => push(Piece::Inserted(b[new].into())),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paragraphs_are_blocks_between_blank_lines() {
        let text = "  Theme one:\ntrust.\n\n\n Theme two \r\n\r\nThree";
        assert_eq!(
            paragraphs(text),
            ["Theme one: trust.", "Theme two", "Three"]
        );
        assert!(paragraphs(" \n\n ").is_empty());
        assert_eq!(check(""), Err("field.required"));
        let many = "p\n\n".repeat(MAX_PARAGRAPHS + 1);
        assert_eq!(check(&many), Err("consultation.draft.too-many-paragraphs"));
        let long = "w".repeat(MAX_PARAGRAPH + 1);
        assert_eq!(check(&long), Err("consultation.draft.paragraph-too-long"));
    }

    #[test]
    fn revisions_show_what_changed() {
        let old = ["a", "b", "c", "d"];
        let new = ["a", "B", "c", "e", "f"];
        use Change::*;
        assert_eq!(
            compare(&old, &new),
            vec![
                Same { old: 0, new: 0 },
                Changed { old: 1, new: 1 },
                Same { old: 2, new: 2 },
                Changed { old: 3, new: 3 },
                Added { new: 4 },
            ]
        );
        assert_eq!(
            compare(&["a", "b"], &["b"]),
            vec![Removed { old: 0 }, Same { old: 1, new: 0 }]
        );
        assert_eq!(compare::<&str>(&[], &["x"]), vec![Added { new: 0 }]);
        assert_eq!(compare(&["x"], &["x"]), vec![Same { old: 0, new: 0 }]);
    }

    #[test]
    fn every_paragraph_appears_once() {
        let old: Vec<u32> = (0..40).map(|i| i * 7 % 13).collect();
        let new: Vec<u32> = (0..35).map(|i| i * 5 % 11).collect();
        let changes = compare(&old, &new);
        let (mut olds, mut news) = (vec![], vec![]);
        for c in changes {
            match c {
                Change::Same { old: o, new: n } => {
                    assert_eq!(old[o], new[n]);
                    olds.push(o);
                    news.push(n);
                }
                Change::Changed { old: o, new: n } => {
                    olds.push(o);
                    news.push(n);
                }
                Change::Removed { old: o } => olds.push(o),
                Change::Added { new: n } => news.push(n),
            }
        }
        assert_eq!(olds, (0..old.len()).collect::<Vec<_>>());
        assert_eq!(news, (0..new.len()).collect::<Vec<_>>());
    }

    #[test]
    fn words_inside_a_changed_paragraph() {
        use Piece::*;
        assert_eq!(
            words(
                "Access to the Internet for all",
                "Meaningful access to the Internet for everyone"
            ),
            vec![
                Deleted("Access".into()),
                Inserted("Meaningful access".into()),
                Kept("to the Internet for".into()),
                Deleted("all".into()),
                Inserted("everyone".into()),
            ]
        );
    }
}
