//! Keyboard navigation through statements in time order.
//!
//! [`next_in_time`] answers "which statement is next?" for the arrow, Home and End
//! keys. Time order is the document's best-guess day, then document, then position in
//! the document; undated statements come last. One linear pass, no sorting.

use crate::model::Corpus;
use std::cmp::Ordering;

/// Which way to move.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Step {
    /// The next statement later in time.
    Next,
    /// The previous statement earlier in time.
    Previous,
    /// The earliest (Home).
    First,
    /// The latest (End).
    Last,
}

/// Sort key of a statement in time order.
#[derive(Clone, Copy, Debug, PartialEq)]
struct TimeKey {
    day: f64,
    doc: usize,
    start: usize,
    index: usize,
}

impl TimeKey {
    fn cmp(&self, other: &Self) -> Ordering {
        self.day
            .total_cmp(&other.day)
            .then(self.doc.cmp(&other.doc))
            .then(self.start.cmp(&other.start))
            .then(self.index.cmp(&other.index))
    }
}

fn key(corpus: &Corpus, index: usize) -> Option<TimeKey> {
    let s = corpus.statements.get(index)?;
    let day = corpus
        .documents
        .get(s.doc)
        .and_then(|d| d.meta.date.best_day())
        .map_or(f64::INFINITY, |d| d as f64);
    Some(TimeKey { day, doc: s.doc, start: s.start, index })
}

/// The statement of `visible` one `step` from `current` in time order.
///
/// With no `current`, `Next` gives the first and `Previous` the last. A `current`
/// that is not visible still counts by its place in time. `None` when there is no
/// statement that way (or none visible).
pub fn next_in_time(corpus: &Corpus, visible: &[usize], current: Option<usize>, step: Step) -> Option<usize> {
    let from = current.and_then(|c| key(corpus, c));
    let keys = visible.iter().filter_map(|&i| key(corpus, i));
    let chosen = match (step, from) {
        (Step::First, _) | (Step::Next, None) => keys.min_by(TimeKey::cmp),
        (Step::Last, _) | (Step::Previous, None) => keys.max_by(TimeKey::cmp),
        (Step::Next, Some(f)) => keys.filter(|k| k.cmp(&f) == Ordering::Greater).min_by(TimeKey::cmp),
        (Step::Previous, Some(f)) => keys.filter(|k| k.cmp(&f) == Ordering::Less).max_by(TimeKey::cmp),
    };
    chosen.map(|k| k.index)
}
