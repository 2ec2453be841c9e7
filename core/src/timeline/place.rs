//! Where a statement or an event sits in time: a [`Placement`] (a day to draw the
//! mark on, the range the date may span, and whether it is approximate).
//!
//! Placements are computed once per corpus ([`placements`]) and reused by every
//! layout, so laying out at each zoom step does no date arithmetic.

use crate::date::{Certainty, DateSpec, PartialDate, Precision};
use crate::model::Corpus;

/// Marks sit in the middle of their day (ticks sit at midnight, its start).
pub const DAY_CENTER: f64 = 0.5;

/// A place in time, in days since 1970-01-01.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Placement {
    /// Where the mark goes: the middle of the best-guess day.
    pub day: f64,
    /// From the start of the first possible day to the end of the last, when the
    /// date covers more than one day (a range, a month, a year).
    pub range: Option<(f64, f64)>,
    /// The date is a guess or not known to the day: the view must say so.
    pub approximate: bool,
}

impl Placement {
    /// The placement of a document date; `None` when the date is unknown.
    pub fn of_date_spec(spec: &DateSpec) -> Option<Self> {
        let best = spec.best?;
        let (lo, hi) = spec.span_days()?;
        let approximate = spec.certainty != Certainty::Exact || best.precision() != Precision::Day;
        Some(Self { day: best.mid_day() as f64 + DAY_CENTER, range: day_range(lo, hi), approximate })
    }

    /// The placement of a partial date (an event, a reference): month and year
    /// dates carry their whole month or year as range and are approximate.
    pub fn of_partial_date(date: &PartialDate, approximate: bool) -> Self {
        Self {
            day: date.mid_day() as f64 + DAY_CENTER,
            range: day_range(date.first_day(), date.last_day()),
            approximate: approximate || date.precision() != Precision::Day,
        }
    }
}

fn day_range(first: i64, last: i64) -> Option<(f64, f64)> {
    (last > first).then_some((first as f64, last as f64 + 1.0))
}

/// Share of its day that the statements of one document spread over, in text order,
/// so that zooming in to days separates statements made on the same day.
pub const DAY_SPREAD: f64 = 0.8;

/// The placement of every statement of `corpus` (by index), from its document's date.
/// Statements of one document sit in text order across the middle [`DAY_SPREAD`] of
/// their day (statements are ordered by document, then start).
pub fn placements(corpus: &Corpus) -> Vec<Option<Placement>> {
    let by_doc: Vec<Option<Placement>> =
        corpus.documents.iter().map(|d| Placement::of_date_spec(&d.meta.date)).collect();
    let mut per_doc = vec![0usize; corpus.documents.len()];
    for s in &corpus.statements {
        if let Some(n) = per_doc.get_mut(s.doc) {
            *n += 1;
        }
    }
    let mut seen = vec![0usize; corpus.documents.len()];
    corpus
        .statements
        .iter()
        .map(|s| {
            let mut p = by_doc.get(s.doc).copied().flatten()?;
            let (k, n) = (seen[s.doc], per_doc[s.doc]);
            seen[s.doc] += 1;
            p.day += spread_offset(k, n);
            Some(p)
        })
        .collect()
}

/// Offset from the middle of the day of the `k`-th of `n` statements of a document.
pub(crate) fn spread_offset(k: usize, n: usize) -> f64 {
    if n <= 1 {
        return 0.0;
    }
    DAY_SPREAD * (k as f64 / (n - 1) as f64 - 0.5)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn statements_of_a_day_spread_inside_it_in_order() {
        let offsets: Vec<f64> = (0..5).map(|k| spread_offset(k, 5)).collect();
        assert!(offsets.windows(2).all(|w| w[0] < w[1]));
        assert!(offsets.iter().all(|o| o.abs() <= DAY_SPREAD / 2.0 + 1e-9));
        assert_eq!(spread_offset(0, 1), 0.0);
    }
}
