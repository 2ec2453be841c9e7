//! How a layer of marks is drawn from one frame to the next, so that a pan step moves the
//! layer instead of every mark (the timeline's renderer only binds this).
//!
//! A layer (the statement marks, the events row) is an SVG group translated by an
//! offset; each mark is drawn inside it at its position minus that offset
//! ([`MarkGeometry::of`], in tenths of a pixel, as [`px`] rounds). From one frame to the
//! next, [`next_offset`] finds whether every mark on screen in both frames moved by the
//! same amount (a pan step, or a zoom or pan that keeps the scale's pixels per day):
//! then the layer's offset moves by that amount, and the marks it kept keep their drawn
//! geometry, so the renderer writes nothing for them but their class, name or count when
//! those change (hits, selection). Otherwise (a zoom step, a resize, a lane change) the
//! offset goes back to zero and each mark is drawn where it is. Any offset draws the
//! same picture; the offset only decides how many attributes a step writes.
//!
//! Per frame the cost is O(marks in both frames) (a look-up by key per mark).

use super::timeline::{px, MarkView, Point, TimelineMarks, COUNT_BASELINE};

/// How far shared marks may disagree on the shift (pixels) and still count as one
/// shift: float noise of the scale's arithmetic, far below the tenth of a pixel drawn.
pub const SHIFT_TOLERANCE: f64 = 1e-3;

/// A coordinate in tenths of a pixel, as drawn (see [`px`]).
pub fn tenths(v: f64) -> i64 {
    (px(v) * 10.0).round() as i64
}

/// A value in tenths of a pixel as the number the DOM gets.
pub fn from_tenths(t: i64) -> f64 {
    t as f64 / 10.0
}

/// A point in tenths of a pixel.
pub type TenthsPoint = (i64, i64);

/// A mark's geometry as drawn inside a layer translated by an offset: what a renderer
/// compares with what it drew last, attribute by attribute (tenths of a pixel).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct MarkGeometry {
    /// Centre of the dot or diamond.
    pub at: TenthsPoint,
    /// Radius of the dot, half-diagonal of the diamond.
    pub size: i64,
    /// The range line, when shown: from, to.
    pub range: Option<(TenthsPoint, TenthsPoint)>,
    /// The count's baseline point, for a cluster.
    pub count_at: Option<TenthsPoint>,
}

impl MarkGeometry {
    /// Mark `m` drawn in a layer translated by `offset` (pixels).
    pub fn of<M>(m: &MarkView<M>, offset: Point) -> Self {
        let local = |p: Point| (tenths(p.x - offset.x), tenths(p.y - offset.y));
        MarkGeometry {
            at: local(m.at),
            size: tenths(m.size),
            range: m.range.filter(|_| m.show_range).map(|r| (local(r.from), local(r.to))),
            count_at: (m.count() > 1).then(|| local(Point { x: m.at.x, y: m.at.y + COUNT_BASELINE })),
        }
    }

    /// The `points` of an event's diamond at this geometry.
    pub fn diamond(&self) -> String {
        let ((x, y), s) = (self.at, self.size);
        let f = from_tenths;
        format!("{},{} {},{} {},{} {},{}", f(x), f(y - s), f(x + s), f(y), f(x), f(y + s), f(x - s), f(y))
    }
}

/// The layer's offset for frame `next`, given the offset `offset` it was drawn with for
/// frame `prev`: moved by the shift every mark in both frames made (by key), when they
/// all made the same one; zero when they did not, or when no mark is in both.
pub fn next_offset(prev: &TimelineMarks, next: &TimelineMarks, offset: Point) -> Point {
    match common_shift(prev, next) {
        Some(d) => Point { x: offset.x + d.x, y: offset.y + d.y },
        None => Point { x: 0.0, y: 0.0 },
    }
}

/// The shift every mark in both frames made from `prev` to `next`, if they all made the
/// same one (within [`SHIFT_TOLERANCE`]) and there is at least one such mark.
pub fn common_shift(prev: &TimelineMarks, next: &TimelineMarks) -> Option<Point> {
    let mut shift: Option<Point> = None;
    for m in &next.marks {
        let Some(before) = prev.get(&m.key) else { continue };
        let d = Point { x: m.at.x - before.at.x, y: m.at.y - before.at.y };
        if !(d.x.is_finite() && d.y.is_finite()) {
            return None;
        }
        match shift {
            None => shift = Some(d),
            Some(s) if (s.x - d.x).abs() <= SHIFT_TOLERANCE && (s.y - d.y).abs() <= SHIFT_TOLERANCE => {}
            Some(_) => return None,
        }
    }
    shift
}

/// The layer's `transform` for an offset: `None` (no attribute) at zero. The offset is
/// written whole (not rounded to tenths), so that a mark drawn at its position minus the
/// offset, rounded to tenths, lands within half a tenth of a pixel of where it is, as
/// when it is drawn without an offset.
pub fn layer_transform(offset: Point) -> Option<String> {
    let finite = |v: f64| if v.is_finite() { v } else { 0.0 };
    let (x, y) = (finite(offset.x), finite(offset.y));
    (x != 0.0 || y != 0.0).then(|| format!("translate({x} {y})"))
}
