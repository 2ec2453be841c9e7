//! Axis ticks that adapt to the zoom, from decades down to single days.
//!
//! [`ticks`] picks the finest [`TickStep`] whose shortest interval is at least
//! [`MIN_TICK_PX`] pixels at the current scale, then puts a [`Tick`] on every calendar
//! boundary of that step inside the visible domain: 1 January for year steps, the
//! first of the month for month steps, Mondays for weeks, every n-th day for days.
//! Ticks on a larger boundary (a decade, a year, a month) are `major`.

use super::scale::TimeScale;
use crate::date::{civil_from_days, days_from_civil, MONTHS};

/// Least distance between two ticks, in pixels (room for a label like "12 Mar 2018").
pub const MIN_TICK_PX: f64 = 72.0;
/// Most ticks ever produced for one axis, whatever the pixel range claims.
pub const MAX_TICKS: usize = 400;
/// Day number (since 1970-01-01) of a Monday: 1970-01-05.
const A_MONDAY: i64 = 4;
/// First and last year a tick may fall in (the years a [`crate::date::PartialDate`] can name).
const YEAR_LIMITS: (i32, i32) = (1, 9999);

/// The distance between neighbouring ticks, in calendar units.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TickStep {
    Years(u32),
    Months(u32),
    /// Mondays.
    Week,
    Days(u32),
}

/// Candidate steps, coarsest first.
pub const STEPS: [TickStep; 13] = [
    TickStep::Years(100),
    TickStep::Years(50),
    TickStep::Years(20),
    TickStep::Years(10),
    TickStep::Years(5),
    TickStep::Years(2),
    TickStep::Years(1),
    TickStep::Months(6),
    TickStep::Months(3),
    TickStep::Months(1),
    TickStep::Week,
    TickStep::Days(2),
    TickStep::Days(1),
];

impl TickStep {
    /// The shortest interval this step can make, in days (February for months,
    /// common years for years), so ticks are never closer than this.
    pub fn min_days(&self) -> f64 {
        match *self {
            TickStep::Years(n) => 365.0 * f64::from(n),
            TickStep::Months(1) => 28.0,
            TickStep::Months(n) => 30.0 * f64::from(n) - 2.0,
            TickStep::Week => 7.0,
            TickStep::Days(n) => f64::from(n),
        }
    }
}

/// One tick on the axis.
#[derive(Clone, Debug, PartialEq)]
pub struct Tick {
    /// Days since 1970-01-01 (midnight at the start of the day).
    pub day: f64,
    /// Position along the axis, in pixels.
    pub x: f64,
    /// "2017", "Mar 2018" or "12 Mar" depending on the step.
    pub label: String,
    /// On a larger calendar boundary (decade, year or month).
    pub major: bool,
}

/// The finest step whose ticks are at least `min_px` apart on `scale`, if any is.
pub fn choose_step(scale: &TimeScale, min_px: f64) -> Option<TickStep> {
    let px_per_day = scale.px_per_day().abs();
    let max_count = MAX_TICKS as f64 - 1.0;
    STEPS
        .iter()
        .rev()
        .copied()
        .find(|s| s.min_days() * px_per_day >= min_px && scale.span() / s.min_days() <= max_count)
}

/// Ticks for the visible domain of `scale`, at least [`MIN_TICK_PX`] apart.
/// Empty when the axis is too short for even one step per hundred years.
pub fn ticks(scale: &TimeScale) -> Vec<Tick> {
    ticks_min_px(scale, MIN_TICK_PX)
}

/// Like [`ticks`], with the least spacing given (for wider or narrower labels).
pub fn ticks_min_px(scale: &TimeScale, min_px: f64) -> Vec<Tick> {
    let Some(step) = choose_step(scale, min_px) else { return Vec::new() };
    let (start, end) = scale.domain();
    let first = clamp_day(start.ceil());
    let last = clamp_day(end.floor());
    let days = match step {
        TickStep::Years(n) => year_ticks(first, last, n),
        TickStep::Months(n) => month_ticks(first, last, n),
        TickStep::Week => every_n_days(first, last, 7, A_MONDAY),
        TickStep::Days(n) => every_n_days(first, last, i64::from(n), 0),
    };
    days.into_iter()
        .take(MAX_TICKS)
        .map(|day| make_tick(scale, step, day))
        .collect()
}

fn clamp_day(day: f64) -> i64 {
    let lo = days_from_civil(YEAR_LIMITS.0, 1, 1);
    let hi = days_from_civil(YEAR_LIMITS.1, 12, 31);
    if day.is_nan() {
        return lo;
    }
    (day.clamp(lo as f64, hi as f64)) as i64
}

fn year_ticks(first: i64, last: i64, n: u32) -> Vec<i64> {
    let n = n.max(1) as i32;
    let (y0, _, _) = civil_from_days(first);
    let (y1, _, _) = civil_from_days(last);
    let mut year = y0 + (n - y0.rem_euclid(n)) % n;
    let mut out = Vec::new();
    while year <= y1 && out.len() < MAX_TICKS {
        let day = days_from_civil(year, 1, 1);
        if day >= first {
            out.push(day);
        }
        year += n;
    }
    out
}

fn month_ticks(first: i64, last: i64, n: u32) -> Vec<i64> {
    let n = i64::from(n.max(1));
    let (y, m, _) = civil_from_days(first);
    let mut index = i64::from(y) * 12 + i64::from(m) - 1;
    index += (n - index.rem_euclid(n)) % n;
    let mut out = Vec::new();
    while out.len() < MAX_TICKS {
        let day = days_from_civil((index / 12) as i32, (index % 12 + 1) as u8, 1);
        if day > last {
            break;
        }
        if day >= first {
            out.push(day);
        }
        index += n;
    }
    out
}

fn every_n_days(first: i64, last: i64, n: i64, offset: i64) -> Vec<i64> {
    let n = n.max(1);
    let start = first + (n - (first - offset).rem_euclid(n)) % n;
    (0..MAX_TICKS as i64).map(|k| start + k * n).take_while(|d| *d <= last).collect()
}

fn make_tick(scale: &TimeScale, step: TickStep, day: i64) -> Tick {
    let (year, month, dom) = civil_from_days(day);
    let month_name = short_month(month);
    let (label, major) = match step {
        TickStep::Years(n) => (year.to_string(), year.rem_euclid(major_years(n)) == 0),
        TickStep::Months(_) => (format!("{month_name} {year}"), month == 1),
        TickStep::Week => (format!("{dom} {month_name}"), dom <= 7),
        TickStep::Days(n) => (format!("{dom} {month_name}"), dom <= n as u8),
    };
    Tick { day: day as f64, x: scale.to_px(day as f64), label, major }
}

/// Year ticks on a multiple of this many years are major.
fn major_years(step: u32) -> i32 {
    match step {
        0..=5 => 10,
        6..=20 => 50,
        _ => 100,
    }
}

fn short_month(month: u8) -> &'static str {
    MONTHS.get(usize::from(month.max(1)) - 1).map_or("", |m| &m[..3])
}
