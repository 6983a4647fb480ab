//! Reviewer assignment, as HotCRP does it and more: each proposal gets the
//! configured number of reviews, reviewers get a balanced load under a
//! maximum, only proposals of their team's themes, and never one they are
//! conflicted on. Existing assignments are kept (re-running after changes only
//! fills the gaps), except those a new conflict rules out. A pure function:
//! the service loads the edition once and writes the plan in one go.

use std::collections::{HashMap, HashSet};
use uuid::Uuid;

/// A reviewer as assignment sees them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Reviewer {
    pub id: Uuid,
    pub email: String,
    pub organisation: String,
    /// The themes of their team(s); `None` for a reviewer of every theme.
    pub themes: Option<HashSet<Uuid>>,
}

/// A proposal to review: its theme and who is in it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Proposal {
    pub id: Uuid,
    pub theme: Option<Uuid>,
    /// Emails of its people (the proposer's included).
    pub emails: Vec<String>,
    /// Organisations of its people (the proposer's included).
    pub organisations: Vec<String>,
}

/// How many reviews each proposal gets, and the most one reviewer takes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Load {
    pub reviews_per_proposal: u32,
    pub max_per_reviewer: Option<u32>,
}

/// Why a reviewer may not review a proposal, found without their word.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Conflict {
    /// They are one of the proposal's people.
    Named,
    /// They share an organisation with one of its people.
    SameOrganisation,
}

fn same(a: &str, b: &str) -> bool {
    let (a, b) = (a.trim(), b.trim());
    !a.is_empty() && a.eq_ignore_ascii_case(b)
}

/// The conflict found between a reviewer and a proposal, if any.
pub fn detect(r: &Reviewer, p: &Proposal) -> Option<Conflict> {
    if p.emails.iter().any(|e| same(e, &r.email)) {
        Some(Conflict::Named)
    } else if p.organisations.iter().any(|o| same(o, &r.organisation)) {
        Some(Conflict::SameOrganisation)
    } else {
        None
    }
}

/// Whether the reviewer's teams cover the proposal's theme.
fn covers(r: &Reviewer, p: &Proposal) -> bool {
    match (&r.themes, p.theme) {
        (None, _) => true,
        (Some(themes), Some(t)) => themes.contains(&t),
        (Some(_), None) => false,
    }
}

/// What a run of the assignment decides.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Plan {
    /// New (proposal, reviewer) assignments.
    pub add: Vec<(Uuid, Uuid)>,
    /// Existing assignments a conflict now rules out.
    pub remove: Vec<(Uuid, Uuid)>,
    /// Proposals left with fewer reviews than asked, and how many they lack.
    pub short: Vec<(Uuid, u32)>,
}

/// Plans the assignments: keeps `existing` (minus conflicted ones), then gives
/// each proposal the reviews it lacks, most constrained proposals first, each
/// time to the eligible reviewers with the fewest assignments.
pub fn assign(
    proposals: &[Proposal],
    reviewers: &[Reviewer],
    existing: &[(Uuid, Uuid)],
    declared: &HashSet<(Uuid, Uuid)>,
    load: Load,
) -> Plan {
    let by_id: HashMap<Uuid, &Reviewer> = reviewers.iter().map(|r| (r.id, r)).collect();
    let of_proposal: HashMap<Uuid, &Proposal> = proposals.iter().map(|p| (p.id, p)).collect();
    let conflicted =
        |p: &Proposal, r: &Reviewer| declared.contains(&(p.id, r.id)) || detect(r, p).is_some();

    let mut plan = Plan::default();
    let mut kept: HashSet<(Uuid, Uuid)> = HashSet::new();
    for &(p, r) in existing {
        let bad = match (of_proposal.get(&p), by_id.get(&r)) {
            (Some(p), Some(r)) => conflicted(p, r),
            _ => false,
        };
        if bad {
            plan.remove.push((p, r));
        } else {
            kept.insert((p, r));
        }
    }
    let mut loads: HashMap<Uuid, u32> = HashMap::new();
    let mut reviews: HashMap<Uuid, u32> = HashMap::new();
    for (p, r) in &kept {
        *loads.entry(*r).or_default() += 1;
        *reviews.entry(*p).or_default() += 1;
    }
    let eligible = |p: &Proposal, kept: &HashSet<(Uuid, Uuid)>| -> Vec<&Reviewer> {
        reviewers
            .iter()
            .filter(|r| covers(r, p) && !conflicted(p, r) && !kept.contains(&(p.id, r.id)))
            .collect()
    };
    // Most constrained first: proposals with the fewest eligible reviewers.
    let mut order: Vec<(usize, &Proposal)> = proposals
        .iter()
        .map(|p| (eligible(p, &kept).len(), p))
        .collect();
    order.sort_by_key(|(n, p)| (*n, p.id));
    for (_, p) in order {
        let have = reviews.get(&p.id).copied().unwrap_or(0);
        let mut need = load.reviews_per_proposal.saturating_sub(have);
        let mut candidates: Vec<&Reviewer> = eligible(p, &kept)
            .into_iter()
            .filter(|r| {
                load.max_per_reviewer
                    .is_none_or(|max| loads.get(&r.id).copied().unwrap_or(0) < max)
            })
            .collect();
        candidates.sort_by_key(|r| (loads.get(&r.id).copied().unwrap_or(0), r.id));
        for r in candidates {
            if need == 0 {
                break;
            }
            plan.add.push((p.id, r.id));
            kept.insert((p.id, r.id));
            *loads.entry(r.id).or_default() += 1;
            need -= 1;
        }
        if need > 0 {
            plan.short.push((p.id, need));
        }
    }
    plan
}

#[cfg(test)]
mod tests {
    use super::*;

    fn id(n: u128) -> Uuid {
        Uuid::from_u128(n)
    }

    fn reviewer(n: u128, org: &str, themes: Option<&[u128]>) -> Reviewer {
        Reviewer {
            id: id(1000 + n),
            email: format!("r{n}@example.org"),
            organisation: org.into(),
            themes: themes.map(|t| t.iter().map(|x| id(*x)).collect()),
        }
    }

    fn proposal(n: u128, theme: u128, emails: &[&str], orgs: &[&str]) -> Proposal {
        Proposal {
            id: id(n),
            theme: Some(id(theme)),
            emails: emails.iter().map(|e| e.to_string()).collect(),
            organisations: orgs.iter().map(|o| o.to_string()).collect(),
        }
    }

    fn loads(plan: &Plan, existing: &[(Uuid, Uuid)]) -> HashMap<Uuid, u32> {
        let mut l = HashMap::new();
        for (_, r) in plan
            .add
            .iter()
            .chain(existing.iter().filter(|e| !plan.remove.contains(e)))
        {
            *l.entry(*r).or_insert(0) += 1;
        }
        l
    }

    #[test]
    fn every_proposal_gets_its_reviews_and_loads_are_balanced() {
        let reviewers: Vec<_> = (0..7)
            .map(|n| reviewer(n, &format!("Org {n}"), None))
            .collect();
        let proposals: Vec<_> = (0..40)
            .map(|n| proposal(n, 1, &["p@example.org"], &["Else"]))
            .collect();
        let plan = assign(
            &proposals,
            &reviewers,
            &[],
            &HashSet::new(),
            Load {
                reviews_per_proposal: 3,
                max_per_reviewer: None,
            },
        );
        assert_eq!(plan.add.len(), 120);
        assert!(plan.short.is_empty());
        for p in &proposals {
            let mine: HashSet<_> = plan
                .add
                .iter()
                .filter(|(q, _)| *q == p.id)
                .map(|(_, r)| *r)
                .collect();
            assert_eq!(mine.len(), 3, "three different reviewers");
        }
        let l = loads(&plan, &[]);
        let (min, max) = (l.values().min().unwrap(), l.values().max().unwrap());
        assert!(max - min <= 1, "balanced: {l:?}");
    }

    #[test]
    fn conflicts_are_never_assigned() {
        let reviewers = vec![
            reviewer(0, "Data Justice Lab", None),
            reviewer(1, "Else", None),
            reviewer(2, "Other", None),
            reviewer(3, "Fourth", None),
        ];
        // r0 shares an organisation (whatever the case); r1 is named in it; r2 declared one.
        let p = proposal(1, 1, &["R1@example.org"], &["data justice lab "]);
        let declared: HashSet<_> = [(p.id, reviewers[2].id)].into();
        let plan = assign(
            std::slice::from_ref(&p),
            &reviewers,
            &[],
            &declared,
            Load {
                reviews_per_proposal: 3,
                max_per_reviewer: None,
            },
        );
        assert_eq!(plan.add, vec![(p.id, reviewers[3].id)]);
        assert_eq!(plan.short, vec![(p.id, 2)]);
        assert_eq!(detect(&reviewers[0], &p), Some(Conflict::SameOrganisation));
        assert_eq!(detect(&reviewers[1], &p), Some(Conflict::Named));
        assert_eq!(detect(&reviewers[3], &p), None);
        // An empty organisation is nobody's organisation.
        let blank = reviewer(9, "", None);
        assert_eq!(detect(&blank, &proposal(2, 1, &[], &[""])), None);
    }

    #[test]
    fn teams_review_their_themes_and_the_maximum_holds() {
        let reviewers = vec![
            reviewer(0, "A", Some(&[1])),
            reviewer(1, "B", Some(&[1])),
            reviewer(2, "C", Some(&[2])),
        ];
        let proposals: Vec<_> = (0..6)
            .map(|n| proposal(n, if n < 4 { 1 } else { 2 }, &[], &[]))
            .collect();
        let plan = assign(
            &proposals,
            &reviewers,
            &[],
            &HashSet::new(),
            Load {
                reviews_per_proposal: 2,
                max_per_reviewer: Some(3),
            },
        );
        for (p, r) in &plan.add {
            let theme = proposals
                .iter()
                .find(|x| x.id == *p)
                .unwrap()
                .theme
                .unwrap();
            let r = reviewers.iter().find(|x| x.id == *r).unwrap();
            assert!(
                r.themes.as_ref().unwrap().contains(&theme),
                "only their team's themes"
            );
        }
        let l = loads(&plan, &[]);
        assert!(l.values().all(|n| *n <= 3), "{l:?}");
        // Theme 1: 4 proposals × 2 reviews = 8, but two reviewers × 3 = 6: two short.
        let short: u32 = plan.short.iter().map(|(_, n)| n).sum();
        assert_eq!(
            short,
            2 + 2,
            "theme 2 has one reviewer for two reviews each"
        );
    }

    #[test]
    fn re_running_keeps_what_exists_and_drops_new_conflicts() {
        let reviewers: Vec<_> = (0..4)
            .map(|n| reviewer(n, &format!("Org {n}"), None))
            .collect();
        let proposals: Vec<_> = (0..5).map(|n| proposal(n, 1, &[], &[])).collect();
        let load = Load {
            reviews_per_proposal: 2,
            max_per_reviewer: None,
        };
        let first = assign(&proposals, &reviewers, &[], &HashSet::new(), load);
        assert_eq!(first.add.len(), 10);
        // Nothing changed: nothing to do.
        let again = assign(&proposals, &reviewers, &first.add, &HashSet::new(), load);
        assert_eq!(again, Plan::default());
        // A reviewer declares a conflict on one of theirs: it is replaced.
        let (p, r) = first.add[0];
        let declared: HashSet<_> = [(p, r)].into();
        let third = assign(&proposals, &reviewers, &first.add, &declared, load);
        assert_eq!(third.remove, vec![(p, r)]);
        assert_eq!(third.add.len(), 1);
        assert_eq!(third.add[0].0, p);
        assert_ne!(third.add[0].1, r);
        // A proposal added later gets reviews, the rest is kept.
        let mut more = proposals.clone();
        more.push(proposal(99, 1, &[], &[]));
        let fourth = assign(&more, &reviewers, &first.add, &HashSet::new(), load);
        assert_eq!(fourth.add.len(), 2);
        assert!(fourth.add.iter().all(|(q, _)| *q == id(99)));
    }
}
