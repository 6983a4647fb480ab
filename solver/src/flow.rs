//! Overflow lower bound: sessions -> rooms transportation relaxation,
//! solved by successive shortest paths (Dijkstra with potentials).

use crate::prepare::Prepared;
use crate::score::OverflowBound;

struct Edge {
    to: usize,
    cap: i64,
    cost: i64,
}

struct Graph {
    edges: Vec<Edge>,
    adj: Vec<Vec<usize>>,
}

impl Graph {
    fn new(n: usize) -> Self {
        Graph {
            edges: Vec::new(),
            adj: vec![Vec::new(); n],
        }
    }

    fn add(&mut self, from: usize, to: usize, cap: i64, cost: i64) {
        self.adj[from].push(self.edges.len());
        self.edges.push(Edge { to, cap, cost });
        self.adj[to].push(self.edges.len());
        self.edges.push(Edge {
            to: from,
            cap: 0,
            cost: -cost,
        });
    }

    /// Min-cost max-flow from `src` to `dst`: (flow, cost). Costs are
    /// non-negative, so zero potentials are valid to start with.
    fn min_cost_flow(&mut self, src: usize, dst: usize) -> (i64, i64) {
        let n = self.adj.len();
        let mut pot = vec![0i64; n];
        let (mut flow, mut cost) = (0, 0);
        loop {
            let mut dist = vec![i64::MAX; n];
            let mut via = vec![usize::MAX; n];
            let mut done = vec![false; n];
            dist[src] = 0;
            // Dense Dijkstra: graphs here have a few hundred nodes.
            loop {
                let mut u = usize::MAX;
                for v in 0..n {
                    if !done[v] && dist[v] != i64::MAX && (u == usize::MAX || dist[v] < dist[u]) {
                        u = v;
                    }
                }
                if u == usize::MAX {
                    break;
                }
                done[u] = true;
                for &e in &self.adj[u] {
                    let ed = &self.edges[e];
                    if ed.cap > 0 {
                        let nd = dist[u] + ed.cost + pot[u] - pot[ed.to];
                        if nd < dist[ed.to] {
                            dist[ed.to] = nd;
                            via[ed.to] = e;
                        }
                    }
                }
            }
            if dist[dst] == i64::MAX {
                return (flow, cost);
            }
            for v in 0..n {
                if dist[v] != i64::MAX {
                    pot[v] += dist[v];
                }
            }
            let mut push = i64::MAX;
            let mut v = dst;
            while v != src {
                let e = via[v];
                push = push.min(self.edges[e].cap);
                v = self.edges[e ^ 1].to;
            }
            let mut v = dst;
            while v != src {
                let e = via[v];
                self.edges[e].cap -= push;
                self.edges[e ^ 1].cap += push;
                cost += push * self.edges[e].cost;
                v = self.edges[e ^ 1].to;
            }
            flow += push;
        }
    }
}

/// Rooms each session may use, and how many sessions each room can take.
fn relaxation(p: &Prepared) -> (Vec<Vec<usize>>, Vec<i64>) {
    let nr = p.n_rooms;
    let rooms_of: Vec<Vec<usize>> = p
        .domain
        .iter()
        .map(|d| {
            let mut rs: Vec<usize> = d.iter().map(|&x| x as usize % nr).collect();
            rs.sort();
            rs.dedup();
            rs
        })
        .collect();
    let room_slots = (0..nr)
        .map(|r| (0..p.n_slots).filter(|&t| p.usable[t * nr + r]).count() as i64)
        .collect();
    (rooms_of, room_slots)
}

/// Max number of sessions placeable using only session-room pairs with
/// overflow at most `limit` (augmenting paths, rooms with multiplicity).
fn placeable(p: &Prepared, rooms_of: &[Vec<usize>], room_slots: &[i64], limit: u32) -> i64 {
    let nr = p.n_rooms;
    let mut holders: Vec<Vec<usize>> = vec![Vec::new(); nr];
    let mut seen = vec![0usize; nr];
    let mut placed = 0;
    for s in 0..p.n_sessions {
        let ok = |s: usize, r: usize| p.overflow[s * nr + r] <= limit;
        if try_place(s, s + 1, rooms_of, room_slots, &ok, &mut holders, &mut seen) {
            placed += 1;
        }
    }
    placed
}

fn try_place(
    s: usize,
    round: usize,
    rooms_of: &[Vec<usize>],
    room_slots: &[i64],
    ok: &dyn Fn(usize, usize) -> bool,
    holders: &mut [Vec<usize>],
    seen: &mut [usize],
) -> bool {
    for &r in &rooms_of[s] {
        if ok(s, r) && (holders[r].len() as i64) < room_slots[r] {
            holders[r].push(s);
            return true;
        }
    }
    for &r in &rooms_of[s] {
        if !ok(s, r) || seen[r] == round {
            continue;
        }
        seen[r] = round;
        for i in 0..holders[r].len() {
            let other = holders[r][i];
            if try_place(other, round, rooms_of, room_slots, ok, holders, seen) {
                // `other` moved elsewhere; `s` takes its seat in `r`.
                let pos = holders[r].iter().position(|&x| x == other).unwrap_or(i);
                holders[r][pos] = s;
                return true;
            }
        }
    }
    false
}

pub(crate) fn overflow_bound(p: &Prepared) -> OverflowBound {
    let (ns, nr) = (p.n_sessions, p.n_rooms);
    let (rooms_of, room_slots) = relaxation(p);
    let mut g = Graph::new(ns + nr + 2);
    let (src, dst) = (ns + nr, ns + nr + 1);
    for (s, rooms) in rooms_of.iter().enumerate() {
        g.add(src, s, 1, 0);
        for &r in rooms {
            g.add(s, ns + r, 1, p.overflow[s * nr + r] as i64);
        }
    }
    for (r, &c) in room_slots.iter().enumerate() {
        g.add(ns + r, dst, c, 0);
    }
    let (most, total) = g.min_cost_flow(src, dst);
    // Bottleneck: smallest limit that still places as many sessions.
    let mut values: Vec<u32> = (0..ns)
        .flat_map(|s| rooms_of[s].iter().map(move |&r| p.overflow[s * nr + r]))
        .collect();
    values.push(0);
    values.sort_unstable();
    values.dedup();
    let (mut lo, mut hi) = (0usize, values.len() - 1);
    while lo < hi {
        let mid = (lo + hi) / 2;
        if placeable(p, &rooms_of, &room_slots, values[mid]) >= most {
            hi = mid;
        } else {
            lo = mid + 1;
        }
    }
    OverflowBound {
        total: total.max(0) as u64,
        worst: values[lo],
    }
}
