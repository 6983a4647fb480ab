//! Minimum-cost assignment (Hungarian method with potentials) for the
//! small square-ish problems of the search: the sessions of one time slot
//! against the rooms of that slot.

/// Cost of a forbidden pair; any assignment using one is rejected.
pub(crate) const FORBIDDEN: f64 = 1e12;

/// Reusable buffers of the Hungarian method.
#[derive(Default)]
pub(crate) struct Assigner {
    u: Vec<f64>,
    v: Vec<f64>,
    p: Vec<usize>,
    way: Vec<usize>,
    minv: Vec<f64>,
    used: Vec<bool>,
    /// Row-major `rows x cols` costs, filled by the caller.
    pub cost: Vec<f64>,
    /// Result: column of each row.
    pub col_of: Vec<usize>,
}

impl Assigner {
    /// Minimum-cost assignment of every row to a distinct column of the
    /// `rows x cols` matrix in `self.cost` (`rows <= cols`). Fills
    /// `col_of` and returns false if the optimum uses a forbidden pair.
    pub fn solve(&mut self, rows: usize, cols: usize) -> bool {
        debug_assert!(rows <= cols && self.cost.len() >= rows * cols);
        let (n, m) = (rows, cols);
        self.u.clear();
        self.u.resize(n + 1, 0.0);
        self.v.clear();
        self.v.resize(m + 1, 0.0);
        self.p.clear();
        self.p.resize(m + 1, 0);
        self.way.clear();
        self.way.resize(m + 1, 0);
        for i in 1..=n {
            self.p[0] = i;
            let mut j0 = 0usize;
            self.minv.clear();
            self.minv.resize(m + 1, f64::INFINITY);
            self.used.clear();
            self.used.resize(m + 1, false);
            loop {
                self.used[j0] = true;
                let i0 = self.p[j0];
                let mut delta = f64::INFINITY;
                let mut j1 = 0usize;
                let row = &self.cost[(i0 - 1) * m..i0 * m];
                for j in 1..=m {
                    if !self.used[j] {
                        let cur = row[j - 1] - self.u[i0] - self.v[j];
                        if cur < self.minv[j] {
                            self.minv[j] = cur;
                            self.way[j] = j0;
                        }
                        if self.minv[j] < delta {
                            delta = self.minv[j];
                            j1 = j;
                        }
                    }
                }
                for j in 0..=m {
                    if self.used[j] {
                        self.u[self.p[j]] += delta;
                        self.v[j] -= delta;
                    } else {
                        self.minv[j] -= delta;
                    }
                }
                j0 = j1;
                if self.p[j0] == 0 {
                    break;
                }
            }
            loop {
                let j1 = self.way[j0];
                self.p[j0] = self.p[j1];
                j0 = j1;
                if j0 == 0 {
                    break;
                }
            }
        }
        self.col_of.clear();
        self.col_of.resize(n, usize::MAX);
        for j in 1..=m {
            if self.p[j] != 0 {
                self.col_of[self.p[j] - 1] = j - 1;
            }
        }
        (0..n).all(|i| self.cost[i * m + self.col_of[i]] < FORBIDDEN / 2.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn brute(cost: &[f64], n: usize, m: usize) -> f64 {
        fn go(cost: &[f64], n: usize, m: usize, i: usize, used: &mut Vec<bool>) -> f64 {
            if i == n {
                return 0.0;
            }
            let mut best = f64::INFINITY;
            for j in 0..m {
                if !used[j] {
                    used[j] = true;
                    best = best.min(cost[i * m + j] + go(cost, n, m, i + 1, used));
                    used[j] = false;
                }
            }
            best
        }
        go(cost, n, m, 0, &mut vec![false; m])
    }

    #[test]
    fn matches_brute_force() {
        let mut rng = crate::rng::Rng::new(3);
        let mut a = Assigner::default();
        for _ in 0..300 {
            let m = 1 + rng.below(6);
            let n = 1 + rng.below(m);
            a.cost = (0..n * m)
                .map(|_| {
                    if rng.chance(0.15) {
                        FORBIDDEN
                    } else {
                        rng.below(50) as f64 * 0.25
                    }
                })
                .collect();
            let ok = a.solve(n, m);
            let best = brute(&a.cost, n, m);
            let got: f64 = (0..n).map(|i| a.cost[i * m + a.col_of[i]]).sum();
            let mut cols = a.col_of.clone();
            cols.sort();
            cols.dedup();
            assert_eq!(cols.len(), n);
            assert_eq!(ok, best < FORBIDDEN / 2.0);
            if ok {
                assert!((got - best).abs() < 1e-6, "{got} vs {best}");
            }
        }
    }
}
