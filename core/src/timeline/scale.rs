//! [`TimeScale`]: a linear map from a time domain (days since 1970-01-01, as `f64`)
//! to a pixel range along one axis, with zoom, pan, fit and range selection.
//!
//! The axis may be horizontal or vertical: the scale only knows "pixels along the
//! axis", so the vertical (narrow-screen) timeline uses the same scale on its height.
//! Every operation returns a new, sanitized scale: the span always stays within
//! [`MIN_SPAN_DAYS`]..=[`MAX_SPAN_DAYS`], and nothing here panics on NaN or infinity.

/// The narrowest visible span, in days (zooming in stops here).
pub const MIN_SPAN_DAYS: f64 = 2.0;
/// The widest visible span, in days (two hundred years; zooming out stops here).
pub const MAX_SPAN_DAYS: f64 = 200.0 * DAYS_PER_YEAR;
/// Mean length of a Gregorian year, in days.
pub const DAYS_PER_YEAR: f64 = 365.2425;
/// Padding added on each side by [`TimeScale::fit`], as a fraction of the data's span.
pub const FIT_PADDING_FRACTION: f64 = 0.05;
/// The least padding [`TimeScale::fit`] adds on each side, in days.
pub const FIT_MIN_PADDING_DAYS: f64 = 15.0;
/// A drag shorter than this (in pixels) is a click, not a range selection.
pub const MIN_DRAG_PX: f64 = 3.0;
/// Pixel range used when the caller's range is empty or not finite.
pub const FALLBACK_RANGE_PX: (f64, f64) = (0.0, 1000.0);
/// Domain used when the caller's domain is not finite (2017 to 2022, the shipped corpus).
pub const FALLBACK_DOMAIN: (f64, f64) = (17_167.0, 19_357.0);

/// A linear map from days to pixels along one axis.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct TimeScale {
    start: f64,
    end: f64,
    px_start: f64,
    px_end: f64,
}

impl Default for TimeScale {
    fn default() -> Self {
        Self::new(FALLBACK_DOMAIN, FALLBACK_RANGE_PX)
    }
}

impl TimeScale {
    /// A scale showing `domain` (days) over `range` (pixels along the axis).
    ///
    /// A reversed domain is put in order; its span is clamped to the allowed spans
    /// about its centre; a non-finite domain or an empty pixel range falls back to
    /// [`FALLBACK_DOMAIN`] / [`FALLBACK_RANGE_PX`].
    pub fn new(domain: (f64, f64), range: (f64, f64)) -> Self {
        let (px_start, px_end) = sane_range(range);
        let (start, end) = sane_domain(domain);
        Self { start, end, px_start, px_end }
    }

    /// The visible domain `(start, end)` in days.
    pub fn domain(&self) -> (f64, f64) {
        (self.start, self.end)
    }

    /// The pixel range `(start, end)` along the axis.
    pub fn range(&self) -> (f64, f64) {
        (self.px_start, self.px_end)
    }

    /// Visible span in days.
    pub fn span(&self) -> f64 {
        self.end - self.start
    }

    /// Length of the axis in pixels.
    pub fn length_px(&self) -> f64 {
        self.px_end - self.px_start
    }

    /// Pixels per day at this zoom.
    pub fn px_per_day(&self) -> f64 {
        self.length_px() / self.span()
    }

    /// Pixel position of `day`.
    pub fn to_px(&self, day: f64) -> f64 {
        self.px_start + (day - self.start) * self.px_per_day()
    }

    /// Day at pixel position `px` (the inverse of [`TimeScale::to_px`]).
    pub fn to_day(&self, px: f64) -> f64 {
        self.start + (px - self.px_start) / self.px_per_day()
    }

    /// The same domain over another pixel range (after a resize).
    pub fn with_range(&self, range: (f64, f64)) -> Self {
        Self::new(self.domain(), range)
    }

    /// Zooms by `factor` (> 1 zooms in) keeping the day under `pivot_px` where it is.
    /// The span is clamped to [`MIN_SPAN_DAYS`]..=[`MAX_SPAN_DAYS`]; a factor that is not
    /// a finite positive number leaves the scale as it is.
    pub fn zoom(&self, pivot_px: f64, factor: f64) -> Self {
        if !(factor.is_finite() && factor > 0.0 && pivot_px.is_finite()) {
            return *self;
        }
        let span = clamp_span(self.span() / factor);
        let pivot_day = self.to_day(pivot_px);
        let share = (pivot_px - self.px_start) / self.length_px();
        let start = pivot_day - share * span;
        Self { start, end: start + span, ..*self }
    }

    /// Moves the view by `dx` pixels: a positive `dx` drags the content right,
    /// showing earlier days (as a mouse drag does).
    pub fn pan_px(&self, dx: f64) -> Self {
        self.pan_days(-dx / self.px_per_day())
    }

    /// Moves the view `days` later (negative: earlier).
    pub fn pan_days(&self, days: f64) -> Self {
        if !days.is_finite() {
            return *self;
        }
        Self { start: self.start + days, end: self.end + days, ..*self }
    }

    /// Shows the days `lo..=hi` with padding ([`FIT_PADDING_FRACTION`], at least
    /// [`FIT_MIN_PADDING_DAYS`]) on each side.
    pub fn fit(&self, lo: f64, hi: f64) -> Self {
        let (lo, hi) = if lo <= hi { (lo, hi) } else { (hi, lo) };
        let pad = ((hi - lo) * FIT_PADDING_FRACTION).max(FIT_MIN_PADDING_DAYS);
        Self::new((lo - pad, hi + pad), self.range())
    }

    /// Shows all of `days` (see [`TimeScale::fit`]); unchanged if there are none.
    pub fn fit_days(&self, days: impl IntoIterator<Item = f64>) -> Self {
        match extent(days) {
            Some((lo, hi)) => self.fit(lo, hi),
            None => *self,
        }
    }

    /// Keeps the view near the data: the centre of the view is held inside
    /// `lo..=hi`, so some data is always at most half a screen away.
    pub fn clamp_to(&self, lo: f64, hi: f64) -> Self {
        let (lo, hi) = if lo <= hi { (lo, hi) } else { (hi, lo) };
        if !(lo.is_finite() && hi.is_finite()) {
            return *self;
        }
        let center = (self.start + self.end) / 2.0;
        self.pan_days(center.clamp(lo, hi) - center)
    }

    /// The whole days covered by a drag from `a` to `b` (pixels, either order), as an
    /// inclusive window. `None` for a drag shorter than [`MIN_DRAG_PX`] (a click).
    pub fn window_from_px(&self, a: f64, b: f64) -> Option<(i64, i64)> {
        if !(a.is_finite() && b.is_finite()) || (a - b).abs() < MIN_DRAG_PX {
            return None;
        }
        let (da, db) = (self.to_day(a), self.to_day(b));
        Some((da.min(db).floor() as i64, da.max(db).floor() as i64))
    }

    /// Pixel extent of an inclusive day window: from the start of its first day to
    /// the end of its last.
    pub fn px_from_window(&self, window: (i64, i64)) -> (f64, f64) {
        let (first, last) = (window.0.min(window.1), window.0.max(window.1));
        (self.to_px(first as f64), self.to_px(last as f64 + 1.0))
    }
}

/// Smallest and largest of the finite `days`.
pub fn extent(days: impl IntoIterator<Item = f64>) -> Option<(f64, f64)> {
    days.into_iter().filter(|d| d.is_finite()).fold(None, |acc, d| match acc {
        None => Some((d, d)),
        Some((lo, hi)) => Some((lo.min(d), hi.max(d))),
    })
}

fn clamp_span(span: f64) -> f64 {
    if span.is_nan() {
        return MIN_SPAN_DAYS;
    }
    span.clamp(MIN_SPAN_DAYS, MAX_SPAN_DAYS)
}

fn sane_range((a, b): (f64, f64)) -> (f64, f64) {
    if a.is_finite() && b.is_finite() && a != b {
        (a, b)
    } else {
        FALLBACK_RANGE_PX
    }
}

fn sane_domain((a, b): (f64, f64)) -> (f64, f64) {
    let (a, b) = if a.is_finite() && b.is_finite() { (a.min(b), a.max(b)) } else { FALLBACK_DOMAIN };
    let span = clamp_span(b - a);
    let center = a / 2.0 + b / 2.0;
    (center - span / 2.0, center + span / 2.0)
}
