//! Decisions (pure): the kinds, which mail each releases, and the checks made
//! before a release — a proposal must never get two conflicting mails.

use serde::{Deserialize, Serialize};
use uuid::Uuid;

pub const ACCEPT: &str = "accept";
pub const CONDITIONAL: &str = "conditional";
pub const WAITLIST: &str = "waitlist";
pub const REJECT: &str = "reject";
pub const MERGED: &str = "merged";
/// Decisions organisers pick in the ranking (merging has its own form).
pub const CHOICES: [&str; 4] = [ACCEPT, CONDITIONAL, WAITLIST, REJECT];

pub const CONFIRMED: &str = "confirmed";
pub const WITHDRAWN: &str = "withdrawn";

/// Accepted, with or without a condition: in the selection being built.
pub fn selected(decision: &str) -> bool {
    decision == ACCEPT || decision == CONDITIONAL
}

/// The edition mail a released decision sends.
pub fn mail_kind(decision: &str) -> Option<&'static str> {
    Some(match decision {
        ACCEPT => "decision-accept",
        CONDITIONAL => "decision-conditional",
        WAITLIST => "decision-waitlist",
        REJECT => "decision-reject",
        MERGED => "decision-merged",
        _ => return None,
    })
}

/// A proposal's decision as a release sees it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Pending {
    pub id: Uuid,
    pub code: String,
    pub decision: String,
    pub released: String,
    pub merged_into: Option<Uuid>,
    pub note: String,
}

impl Pending {
    /// Decided differently from what the proposer was told (or not told yet).
    pub fn to_release(&self) -> bool {
        !self.decision.is_empty() && self.decision != self.released
    }
}

/// A reason a release would send conflicting mails.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Warning {
    /// `changes-released`, `merged-into-unselected`, `merged-into-merged`,
    /// `condition-missing`.
    pub kind: String,
    pub code: String,
    /// The other proposal or decision concerned.
    pub other: String,
}

/// Everything in `all` (the call's decided proposals) that a release would
/// get wrong: a second mail contradicting one already sent, a merge into a
/// proposal that is not accepted (the merged proposer would hear "merged"
/// while the session is refused) or is itself merged, a condition not stated.
pub fn warnings(all: &[Pending]) -> Vec<Warning> {
    let find = |id: Uuid| all.iter().find(|p| p.id == id);
    let mut out = vec![];
    let warn = |kind: &str, code: &str, other: &str| Warning {
        kind: kind.into(),
        code: code.into(),
        other: other.into(),
    };
    for p in all.iter().filter(|p| p.to_release()) {
        if !p.released.is_empty() {
            out.push(warn("changes-released", &p.code, &p.released));
        }
        if p.decision == MERGED {
            match p.merged_into.and_then(find) {
                Some(target) if target.decision == MERGED => {
                    out.push(warn("merged-into-merged", &p.code, &target.code))
                }
                Some(target) if !selected(&target.decision) => {
                    out.push(warn("merged-into-unselected", &p.code, &target.code))
                }
                Some(_) => {}
                None => out.push(warn("merged-into-unselected", &p.code, "")),
            }
        }
        if p.decision == CONDITIONAL && p.note.trim().is_empty() {
            out.push(warn("condition-missing", &p.code, ""));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(code: &str, decision: &str, released: &str) -> Pending {
        Pending {
            id: Uuid::new_v4(),
            code: code.into(),
            decision: decision.into(),
            released: released.into(),
            merged_into: None,
            note: "merge with WS #2".into(),
        }
    }

    #[test]
    fn releases_never_contradict() {
        let a = p("WS #1", CONDITIONAL, "");
        let mut b = p("WS #2", MERGED, "");
        b.merged_into = Some(a.id);
        let settled = p("WS #3", ACCEPT, ACCEPT);
        assert!(warnings(&[a.clone(), b.clone(), settled.clone()]).is_empty());
        assert!(!settled.to_release() && a.to_release());

        let refused = Pending {
            decision: REJECT.into(),
            ..a.clone()
        };
        assert_eq!(
            warnings(&[refused, b.clone()]),
            vec![Warning {
                kind: "merged-into-unselected".into(),
                code: "WS #2".into(),
                other: "WS #1".into()
            }]
        );
        let changed = p("WS #4", REJECT, ACCEPT);
        assert_eq!(warnings(&[changed])[0].kind, "changes-released");
        let mut no_note = p("WS #5", CONDITIONAL, "");
        no_note.note = " ".into();
        assert_eq!(warnings(&[no_note])[0].kind, "condition-missing");
        let mut c = p("WS #6", MERGED, "");
        c.merged_into = Some(b.id);
        assert_eq!(warnings(&[a, b, c])[0].kind, "merged-into-merged");
        assert_eq!(mail_kind(WAITLIST), Some("decision-waitlist"));
        assert_eq!(mail_kind(""), None);
    }
}
