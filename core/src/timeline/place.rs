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

/// The placement of every statement of `corpus` (by index), from its document's date.
pub fn placements(corpus: &Corpus) -> Vec<Option<Placement>> {
    let by_doc: Vec<Option<Placement>> =
        corpus.documents.iter().map(|d| Placement::of_date_spec(&d.meta.date)).collect();
    corpus.statements.iter().map(|s| by_doc.get(s.doc).copied().flatten()).collect()
}
