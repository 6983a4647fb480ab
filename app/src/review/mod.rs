//! Review and selection: the MAG's evaluation of the proposals. So far the
//! pure core of reviewer assignment and conflicts of interest; reviews,
//! ranking and decisions build on it.

pub mod assignment;
