//! Threaded comments (on contributions and on a draft's paragraphs): the
//! rules for a comment's text, and the order a thread is shown in — each
//! reply under the comment it answers, oldest first, indented at most
//! [`MAX_DEPTH`] levels (deeper replies show at the deepest level, still
//! after their parent).

use serde::{Deserialize, Serialize};

/// Longest comment.
pub const MAX_COMMENT: usize = 3_000;
/// Deepest indentation shown.
pub const MAX_DEPTH: usize = 4;
/// Comments one account may write in an hour.
pub const MAX_PER_HOUR: u64 = 30;

/// A comment as stored, for ordering.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Node<T> {
    pub id: String,
    /// The comment it answers, if any (and if still there).
    pub parent: Option<String>,
    pub item: T,
}

/// The comments in thread order with their depth (0 for a first-level
/// comment). `nodes` come oldest first; a reply whose parent is missing is
/// shown as a first-level comment.
pub fn thread<T: Clone>(nodes: &[Node<T>]) -> Vec<(usize, T)> {
    let index: std::collections::HashMap<&str, usize> = nodes
        .iter()
        .enumerate()
        .map(|(i, n)| (n.id.as_str(), i))
        .collect();
    // Each comment's replies, oldest first; replies to a missing comment
    // are first-level ones.
    let mut replies: Vec<Vec<usize>> = vec![vec![]; nodes.len()];
    let mut first: Vec<usize> = vec![];
    for (i, n) in nodes.iter().enumerate() {
        match n.parent.as_deref().and_then(|p| index.get(p)) {
            Some(&p) if p != i => replies[p].push(i),
            _ => first.push(i),
        }
    }
    let mut out = Vec::with_capacity(nodes.len());
    let mut seen = vec![false; nodes.len()];
    // An explicit stack: no recursion however long a thread is.
    let mut stack: Vec<(usize, usize)> = first.into_iter().rev().map(|i| (0, i)).collect();
    while let Some((depth, i)) = stack.pop() {
        if std::mem::replace(&mut seen[i], true) {
            continue;
        }
        out.push((depth.min(MAX_DEPTH), nodes[i].item.clone()));
        stack.extend(replies[i].iter().rev().map(|&j| (depth + 1, j)));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn node(id: &str, parent: Option<&str>) -> Node<String> {
        Node {
            id: id.into(),
            parent: parent.map(Into::into),
            item: id.into(),
        }
    }

    #[test]
    fn replies_follow_their_parent() {
        let nodes = vec![
            node("a", None),
            node("b", None),
            node("a1", Some("a")),
            node("b1", Some("b")),
            node("a2", Some("a")),
            node("a1x", Some("a1")),
            node("orphan", Some("gone")),
        ];
        let shown: Vec<(usize, String)> = thread(&nodes);
        assert_eq!(
            shown,
            vec![
                (0, "a".into()),
                (1, "a1".into()),
                (2, "a1x".into()),
                (1, "a2".into()),
                (0, "b".into()),
                (1, "b1".into()),
                (0, "orphan".into()),
            ]
        );
    }

    #[test]
    fn deep_threads_stop_indenting() {
        let mut nodes = vec![node("0", None)];
        for i in 1..10 {
            nodes.push(node(&i.to_string(), Some(&(i - 1).to_string())));
        }
        let depths: Vec<usize> = thread(&nodes).into_iter().map(|(d, _)| d).collect();
        assert_eq!(depths, vec![0, 1, 2, 3, 4, 4, 4, 4, 4, 4]);
    }
}
