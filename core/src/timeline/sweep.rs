//! The marks of a frame without visiting every statement: [`LaneIndex`], built once per
//! lane (per corpus and lane mode), finds the clusters of the visible part of a lane in
//! about O(marks · log n) per frame, the same clusters as the greedy sweep of
//! [`super::layout::lane_groups_of_days`] over the whole lane.
//!
//! The sweep starts a group at an item and adds each next item closer than the minimum
//! distance to the group's mean position. In time order the mean only grows as items
//! join, so every item closer than that to the *current* mean joins whatever joins before
//! it: a group is grown by binary searches (all items before `mean + min`, then again
//! from the new mean) with the mean read from prefix sums, and it ends at the first item
//! at least `min` past the mean, as in the sweep. And a gap of at least `min` between two
//! neighbours always starts a group (the mean is never past the last item), so the sweep
//! can start at the last such gap before the frame (found in O(log n) in a max-tree of
//! the gaps) instead of at the lane's first statement. A mark's anchor (its member first
//! in the corpus, which keys it) is a range minimum (a min-tree), and whether it holds a
//! hit a difference of prefix counts ([`LaneHits`], once per result set).
//!
//! Positions are computed from days (`scale.to_px` of the mean day), so they can differ
//! from the sweep's running sum of pixel positions in the last bits; membership is the
//! same unless an item is within rounding of the minimum distance (tested on random
//! lanes against the sweep).

use super::layout::{LaneGroup, MARK_MIN_PX};
use super::scale::TimeScale;

/// A tree over a list answering "the largest value in a range"-style questions
/// bottom-up; `combine` is max or min.
#[derive(Clone, Debug, PartialEq)]
struct Tree<T> {
    size: usize,
    nodes: Vec<T>,
}

impl<T: Copy> Tree<T> {
    fn new(values: &[T], empty: T, combine: fn(T, T) -> T) -> Self {
        let size = values.len().next_power_of_two().max(1);
        let mut nodes = vec![empty; 2 * size];
        nodes[size..size + values.len()].copy_from_slice(values);
        for i in (1..size).rev() {
            nodes[i] = combine(nodes[2 * i], nodes[2 * i + 1]);
        }
        Tree { size, nodes }
    }

    /// `combine` over `lo..hi`.
    fn fold(&self, lo: usize, hi: usize, empty: T, combine: fn(T, T) -> T) -> T {
        let (mut l, mut r) = (lo.min(self.size) + self.size, hi.min(self.size) + self.size);
        let mut acc = empty;
        while l < r {
            if l & 1 == 1 {
                acc = combine(acc, self.nodes[l]);
                l += 1;
            }
            if r & 1 == 1 {
                r -= 1;
                acc = combine(acc, self.nodes[r]);
            }
            l >>= 1;
            r >>= 1;
        }
        acc
    }
}

impl Tree<f64> {
    /// The last position `<= k` whose value is at least `t` (a max-tree).
    fn last_at_least(&self, k: usize, t: f64) -> Option<usize> {
        let mut i = k.min(self.size - 1) + self.size;
        if self.nodes[i] < t {
            loop {
                if i == 1 {
                    return None;
                }
                if i & 1 == 1 && self.nodes[i - 1] >= t {
                    i -= 1;
                    break;
                }
                i >>= 1;
            }
        }
        while i < self.size {
            i = if self.nodes[2 * i + 1] >= t { 2 * i + 1 } else { 2 * i };
        }
        Some(i - self.size)
    }
}

/// What a frame needs of one lane, built once per corpus and lane mode from the lane's
/// days in time order (`f64::INFINITY` for an undated statement, last) and its
/// statement indexes.
#[derive(Clone, Debug, PartialEq)]
pub struct LaneIndex {
    /// The dated statements' days, in order.
    days: Vec<f64>,
    /// `prefix[k]`: the sum of `days[..k] - base`.
    prefix: Vec<f64>,
    base: f64,
    /// `gaps[k] = days[k] - days[k - 1]` (infinite for the first).
    gaps: Tree<f64>,
    /// The statement indexes, for the anchor of a range.
    anchors: Tree<usize>,
}

impl LaneIndex {
    pub fn new(days: &[f64], statements: &[usize]) -> Self {
        let dated = days.iter().take_while(|d| d.is_finite()).count();
        let days = days[..dated].to_vec();
        let base = days.first().copied().unwrap_or(0.0);
        let mut prefix = Vec::with_capacity(dated + 1);
        let mut sum = 0.0;
        prefix.push(0.0);
        for d in &days {
            sum += d - base;
            prefix.push(sum);
        }
        let gaps: Vec<f64> = (0..dated).map(|k| if k == 0 { f64::INFINITY } else { days[k] - days[k - 1] }).collect();
        LaneIndex {
            gaps: Tree::new(&gaps, f64::NEG_INFINITY, f64::max),
            anchors: Tree::new(&statements[..dated.min(statements.len())], usize::MAX, std::cmp::min),
            days,
            prefix,
            base,
        }
    }

    /// How many statements of the lane have a place in time.
    pub fn dated(&self) -> usize {
        self.days.len()
    }

    fn mean(&self, start: usize, end: usize) -> f64 {
        self.base + (self.prefix[end] - self.prefix[start]) / (end - start) as f64
    }

    /// The member of `start..end` first in the corpus (the smallest statement index).
    pub fn anchor(&self, start: usize, end: usize) -> Option<usize> {
        let a = self.anchors.fold(start, end, usize::MAX, std::cmp::min);
        (a != usize::MAX).then_some(a)
    }

    /// The marks of the lane whose position is in `lo..=hi` (pixels along the axis of
    /// `scale`), written to `out` as ranges of the lane, in axis order: the same groups
    /// as [`super::layout::lane_groups_of_days`] keeps in that span. `false` when the
    /// scale cannot be swept this way (not increasing); then `out` is empty.
    pub fn visible_groups(&self, scale: &TimeScale, lo: f64, hi: f64, out: &mut Vec<LaneGroup>) -> bool {
        out.clear();
        let ppd = scale.px_per_day();
        if !(ppd.is_finite() && ppd > 0.0) {
            return false;
        }
        let n = self.days.len();
        if n == 0 {
            return true;
        }
        let t = MARK_MIN_PX / ppd;
        // A visible mark ends at or after `lo`: the sweep starts at the last gap that
        // must start a group at or before the first statement there.
        let lo_day = scale.to_day(lo);
        let first = self.days.partition_point(|&d| d < lo_day).min(n - 1);
        let mut start = self.gaps.last_at_least(first, t).unwrap_or(0);
        while start < n {
            let mut end = start + 1;
            loop {
                let limit = self.mean(start, end) + t;
                let more = self.days[end..].partition_point(|&d| d < limit);
                if more == 0 {
                    break;
                }
                end += more;
            }
            let x = scale.to_px(self.mean(start, end));
            let (a, b) = (scale.to_px(self.days[start]), scale.to_px(self.days[end - 1]));
            if a > hi {
                break;
            }
            if x >= lo && x <= hi {
                out.push(LaneGroup { start, end, x, x_range: (a, b) });
            }
            start = end;
        }
        true
    }
}

/// [`LaneIndex::new`] in steps of bounded work (for a lane of millions of statements,
/// made while a page stays responsive): the same index. The lane's days and statements
/// are passed to every step and must be the same each time.
#[derive(Clone, Debug)]
pub struct LaneIndexBuild {
    dated: usize,
    size: usize,
    /// Dated statements copied so far (days, prefix sums, leaves).
    copied: usize,
    /// The next inner node to combine, counting down to 1 (0: done).
    inner: usize,
    days: Vec<f64>,
    prefix: Vec<f64>,
    sum: f64,
    base: f64,
    gaps: Vec<f64>,
    anchor_size: usize,
    anchors: Vec<usize>,
}

/// Entries a unit of [`LaneIndexBuild::step`]'s budget stands for.
const LANE_INDEX_CHUNK: usize = 256;

impl LaneIndexBuild {
    /// A build for a lane with `days` (in order, undated last) and `statements`;
    /// nothing copied yet but the count of dated statements (one pass).
    pub fn new(days: &[f64], statements: &[usize]) -> Self {
        let dated = days.iter().take_while(|d| d.is_finite()).count();
        let size = dated.next_power_of_two().max(1);
        // As `LaneIndex::new`: the anchors of the dated statements there are.
        let anchor_size = dated.min(statements.len()).next_power_of_two().max(1);
        let mut prefix = Vec::with_capacity(dated + 1);
        prefix.push(0.0);
        LaneIndexBuild {
            dated,
            size,
            copied: 0,
            inner: size.max(anchor_size) - 1,
            days: Vec::with_capacity(dated),
            prefix,
            sum: 0.0,
            base: days.first().copied().filter(|_| dated > 0).unwrap_or(0.0),
            // Filled in chunks by `step` (a lane of millions makes trees of tens of MB).
            gaps: Vec::with_capacity(2 * size),
            anchor_size,
            anchors: Vec::with_capacity(2 * anchor_size),
        }
    }

    /// Does about `budget` chunks of work (at least one); true when done.
    pub fn step(&mut self, days: &[f64], statements: &[usize], budget: usize) -> bool {
        for _ in 0..budget.max(1) {
            if self.gaps.len() < 2 * self.size || self.anchors.len() < 2 * self.anchor_size {
                let fill = 16 * LANE_INDEX_CHUNK;
                self.gaps.resize((self.gaps.len() + fill).min(2 * self.size), f64::NEG_INFINITY);
                self.anchors.resize((self.anchors.len() + fill).min(2 * self.anchor_size), usize::MAX);
            } else if self.copied < self.dated {
                let end = (self.copied + LANE_INDEX_CHUNK).min(self.dated);
                for k in self.copied..end {
                    let d = days.get(k).copied().unwrap_or(f64::INFINITY);
                    self.days.push(d);
                    self.sum += d - self.base;
                    self.prefix.push(self.sum);
                    self.gaps[self.size + k] = if k == 0 { f64::INFINITY } else { d - self.days[k - 1] };
                    if let Some(&s) = statements.get(k) {
                        self.anchors[self.anchor_size + k] = s;
                    }
                }
                self.copied = end;
            } else if self.inner > 0 {
                let stop = self.inner.saturating_sub(LANE_INDEX_CHUNK);
                for i in (stop + 1..=self.inner).rev() {
                    if i < self.size {
                        self.gaps[i] = f64::max(self.gaps[2 * i], self.gaps[2 * i + 1]);
                    }
                    if i < self.anchor_size {
                        self.anchors[i] = std::cmp::min(self.anchors[2 * i], self.anchors[2 * i + 1]);
                    }
                }
                self.inner = stop;
            } else {
                return true;
            }
        }
        self.gaps.len() == 2 * self.size && self.anchors.len() == 2 * self.anchor_size && self.copied >= self.dated && self.inner == 0
    }

    /// The index (what is left done in one go).
    pub fn finish(mut self, days: &[f64], statements: &[usize]) -> LaneIndex {
        while !self.step(days, statements, usize::MAX) {}
        LaneIndex {
            days: self.days,
            prefix: self.prefix,
            base: self.base,
            gaps: Tree { size: self.size, nodes: self.gaps },
            anchors: Tree { size: self.anchor_size, nodes: self.anchors },
        }
    }
}

/// Per lane, how many of its first k statements are hits (`counts[k]`), for a result
/// set: whether a mark holds a hit is one subtraction.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct LaneHits {
    counts: Vec<Vec<u32>>,
}

impl LaneHits {
    /// The counts for `lanes` (each lane's statements, in order) and `is_hit`.
    pub fn new<'a>(lanes: impl IntoIterator<Item = &'a [usize]>, is_hit: impl Fn(usize) -> bool) -> Self {
        let counts = lanes
            .into_iter()
            .map(|statements| {
                let mut c = Vec::with_capacity(statements.len() + 1);
                let mut n = 0u32;
                c.push(0);
                for &i in statements {
                    n += u32::from(is_hit(i));
                    c.push(n);
                }
                c
            })
            .collect();
        LaneHits { counts }
    }

    /// Does `start..end` of lane `lane` hold a hit?
    pub fn any(&self, lane: usize, start: usize, end: usize) -> bool {
        self.counts.get(lane).is_some_and(|c| match (c.get(start), c.get(end.min(c.len().saturating_sub(1)))) {
            (Some(a), Some(b)) => b > a,
            _ => false,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::super::layout::lane_groups_of_days;
    use super::*;

    /// A small deterministic generator (no dependency).
    struct Rng(u64);
    impl Rng {
        fn next(&mut self) -> u64 {
            self.0 ^= self.0 << 13;
            self.0 ^= self.0 >> 7;
            self.0 ^= self.0 << 17;
            self.0
        }
        fn below(&mut self, n: u64) -> u64 {
            self.next() % n.max(1)
        }
        fn unit(&mut self) -> f64 {
            (self.next() >> 11) as f64 / (1u64 << 53) as f64
        }
    }

    fn lane(rng: &mut Rng, n: usize) -> (Vec<f64>, Vec<usize>) {
        // Days in clumps (documents of many statements on a day), spread and sparse
        // stretches, some undated at the end; statement indexes shuffled.
        let mut days = Vec::with_capacity(n);
        let mut day = 17_000.0 + rng.below(100) as f64;
        while days.len() < n {
            day += match rng.below(4) {
                0 => rng.below(400) as f64,
                1 => rng.below(5) as f64,
                _ => 0.0,
            };
            let per = 1 + rng.below(30) as usize;
            for k in 0..per.min(n - days.len()) {
                days.push(day + 0.1 + 0.8 * k as f64 / per as f64 + rng.unit() * 1e-3);
            }
        }
        days.sort_by(f64::total_cmp);
        let undated = rng.below(4) as usize;
        for d in days.iter_mut().rev().take(undated) {
            *d = f64::INFINITY;
        }
        let mut statements: Vec<usize> = (0..n).collect();
        for i in (1..n).rev() {
            statements.swap(i, rng.below(i as u64 + 1) as usize);
        }
        (days, statements)
    }

    #[test]
    fn the_index_made_in_steps_is_the_index_made_at_once() {
        let mut rng = Rng(0x5eed_1234);
        for n in [0, 1, 2, 255, 256, 257, 1000, 5000] {
            for _ in 0..3 {
                let (days, statements) = lane(&mut rng, n);
                let want = LaneIndex::new(&days, &statements);
                for budget in [1, 2, 7, usize::MAX] {
                    let mut build = LaneIndexBuild::new(&days, &statements);
                    let mut steps = 1;
                    while !build.step(&days, &statements, budget) {
                        steps += 1;
                    }
                    assert_eq!(build.finish(&days, &statements), want, "{n} statements, budget {budget}");
                    if budget == 1 && n > 2 * LANE_INDEX_CHUNK {
                        assert!(steps > 2, "{n} statements in {steps} steps of one chunk");
                    }
                }
                // Fewer statements than days (anchors of those there are), as `new`.
                let short = &statements[..n / 2];
                assert_eq!(LaneIndexBuild::new(&days, short).finish(&days, short), LaneIndex::new(&days, short), "{n}: short");
            }
        }
    }

    #[test]
    fn visible_groups_are_the_sweep_s_groups_in_the_span() {
        let mut rng = Rng(0x5eed_1234_abcd);
        let mut checked = 0;
        for round in 0..60 {
            let n = 1 + rng.below(if round % 3 == 0 { 3000 } else { 200 }) as usize;
            let (days, statements) = lane(&mut rng, n);
            let index = LaneIndex::new(&days, &statements);
            let (lo_day, hi_day) = (days[0].min(17_000.0), days.iter().copied().filter(|d| d.is_finite()).fold(17_000.0, f64::max));
            for _ in 0..12 {
                let span = (hi_day - lo_day + 1.0) * rng.unit().powi(3) + 2.0;
                let start = lo_day - 20.0 + (hi_day - lo_day + 40.0) * rng.unit();
                let scale = TimeScale::new((start, start + span), (170.0, 1256.0));
                let (lo, hi) = (170.0 - 8.0, 1256.0 + 8.0);
                let mut all = Vec::new();
                lane_groups_of_days(&scale, &days, &mut all);
                let expected: Vec<(usize, usize)> = all.iter().filter(|g| g.x >= lo && g.x <= hi).map(|g| (g.start, g.end)).collect();
                let mut got = Vec::new();
                assert!(index.visible_groups(&scale, lo, hi, &mut got));
                let ranges: Vec<(usize, usize)> = got.iter().map(|g| (g.start, g.end)).collect();
                assert_eq!(ranges, expected, "round {round}, n {n}, span {span}");
                for (g, e) in got.iter().zip(all.iter().filter(|g| g.x >= lo && g.x <= hi)) {
                    assert!((g.x - e.x).abs() < 1e-6 && (g.x_range.0 - e.x_range.0).abs() < 1e-6 && (g.x_range.1 - e.x_range.1).abs() < 1e-6);
                    let members = &statements[g.start..g.end];
                    assert_eq!(index.anchor(g.start, g.end), members.iter().copied().min());
                }
                checked += got.len();
            }
        }
        assert!(checked > 1000, "{checked} marks compared");
    }

    #[test]
    fn the_last_wide_gap_is_found_in_the_tree() {
        let values = [f64::INFINITY, 1.0, 5.0, 2.0, 9.0, 0.5, 3.0];
        let tree = Tree::new(&values, f64::NEG_INFINITY, f64::max);
        for k in 0..values.len() {
            for t in [0.0, 1.0, 2.5, 4.0, 8.0, 10.0] {
                let expected = (0..=k).rev().find(|&j| values[j] >= t);
                assert_eq!(tree.last_at_least(k, t), expected, "k {k} t {t}");
            }
        }
    }

    #[test]
    fn hits_of_a_range_are_a_difference_of_counts() {
        let lanes: Vec<Vec<usize>> = vec![vec![4, 1, 7, 2], vec![], vec![3]];
        let hits = LaneHits::new(lanes.iter().map(|l| l.as_slice()), |i| i == 7 || i == 3);
        assert!(hits.any(0, 0, 4) && hits.any(0, 2, 3) && !hits.any(0, 0, 2) && !hits.any(0, 3, 4));
        assert!(!hits.any(1, 0, 0) && hits.any(2, 0, 1) && !hits.any(5, 0, 1));
    }
}
