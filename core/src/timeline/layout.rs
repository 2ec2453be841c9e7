//! Statement marks per lane: [`layout`] turns [`Lane`]s into [`LaneMarks`], each a
//! row of [`Mark`]s that are single statements or counted clusters.
//!
//! Marks closer than [`MARK_MIN_PX`] in a lane merge into a [`Mark::Cluster`], which
//! splits again as the user zooms in. Positions are along the axis of the
//! [`TimeScale`], so the same layout serves the horizontal and the vertical timeline.
//! Guarantees (tested): no two marks of a lane closer than [`MARK_MIN_PX`]; each dated
//! statement of a lane in exactly one mark of it; the same input gives the same output.

use super::cluster::{cluster, px_range, Group, Item};
use super::lanes::{Lane, LaneKey};
use super::place::Placement;
use super::scale::TimeScale;

/// Least distance between two marks of one lane, in pixels (a mark's diameter plus a gap).
pub const MARK_MIN_PX: f64 = 14.0;

/// One mark in a lane.
#[derive(Clone, Debug, PartialEq)]
pub enum Mark {
    /// One statement.
    Single {
        /// Index into [`crate::model::Corpus::statements`].
        statement: usize,
        /// Position along the axis, in pixels.
        x: f64,
        /// Pixel extent of the dates the statement may have, when it spans days.
        x_range: Option<(f64, f64)>,
        /// The date is a guess or not known to the day: draw it so.
        approximate: bool,
    },
    /// Statements too close to tell apart at this zoom.
    Cluster {
        /// Indexes into [`crate::model::Corpus::statements`], in axis order.
        statements: Vec<usize>,
        /// Position along the axis: the mean of the statements' positions.
        x: f64,
        /// Positions of the first and the last statement.
        x_range: (f64, f64),
        /// How many statements (`statements.len()`).
        count: usize,
    },
}

impl Mark {
    /// Position along the axis, in pixels.
    pub fn x(&self) -> f64 {
        match self {
            Mark::Single { x, .. } | Mark::Cluster { x, .. } => *x,
        }
    }

    /// The statements this mark stands for.
    pub fn statements(&self) -> &[usize] {
        match self {
            Mark::Single { statement, .. } => std::slice::from_ref(statement),
            Mark::Cluster { statements, .. } => statements,
        }
    }
}

/// The marks of one lane.
#[derive(Clone, Debug, PartialEq)]
pub struct LaneMarks {
    pub key: LaneKey,
    pub label: String,
    /// In axis order.
    pub marks: Vec<Mark>,
}

/// The marks of every lane, plus the statements that have no date to place.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Layout {
    pub lanes: Vec<LaneMarks>,
    /// Statements of the lanes whose document has no date (each listed once, ascending).
    pub undated: Vec<usize>,
}

/// Lays out `lanes` on `scale`, placing each statement by `placements`
/// (from [`super::place::placements`], indexed by statement).
pub fn layout(scale: &TimeScale, lanes: &[Lane], placements: &[Option<Placement>]) -> Layout {
    let mut undated = Vec::new();
    let lanes = lanes
        .iter()
        .map(|lane| {
            let (marks, missing) = layout_lane(scale, &lane.statements, placements);
            undated.extend(missing);
            LaneMarks { key: lane.key.clone(), label: lane.label.clone(), marks }
        })
        .collect();
    undated.sort_unstable();
    undated.dedup();
    Layout { lanes, undated }
}

/// The marks for one lane's `statements`, and those of them with no placement.
pub fn layout_lane(
    scale: &TimeScale,
    statements: &[usize],
    placements: &[Option<Placement>],
) -> (Vec<Mark>, Vec<usize>) {
    let mut items = Vec::with_capacity(statements.len());
    let mut undated = Vec::new();
    for &i in statements {
        match placements.get(i).copied().flatten() {
            Some(p) if scale.to_px(p.day).is_finite() => items.push(Item {
                id: i,
                x: scale.to_px(p.day),
                x_range: px_range(scale, p.range),
                approximate: p.approximate,
            }),
            _ => undated.push(i),
        }
    }
    let marks = cluster(items, MARK_MIN_PX).into_iter().map(mark_of).collect();
    (marks, undated)
}

fn mark_of(group: Group<usize>) -> Mark {
    if let [item] = group.items.as_slice() {
        return Mark::Single { statement: item.id, x: item.x, x_range: item.x_range, approximate: item.approximate };
    }
    let statements: Vec<usize> = group.items.iter().map(|it| it.id).collect();
    Mark::Cluster { count: statements.len(), statements, x: group.x, x_range: group.x_range }
}

/// One mark of a lane as a range of the lane's statements (see [`lane_groups`]).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct LaneGroup {
    /// `lane.statements[start..end]` are the mark's statements, in axis order.
    pub start: usize,
    pub end: usize,
    /// Position along the axis, in pixels (as [`Mark::x`]).
    pub x: f64,
    /// Positions of the first and the last statement.
    pub x_range: (f64, f64),
}

impl LaneGroup {
    pub fn len(&self) -> usize {
        self.end - self.start
    }

    pub fn is_empty(&self) -> bool {
        self.end == self.start
    }
}

/// The marks of one lane whose `statements` are in time order (by day, then index, the
/// undated last, as `crate::view::timeline::TimelineData` keeps them), written to `out`
/// as ranges of `statements`: the same marks as [`layout_lane`] (the same sweep and the
/// same arithmetic), without an allocation per statement or per mark. Returns how many
/// statements at the end of the lane have no place on this scale.
pub fn lane_groups(scale: &TimeScale, statements: &[usize], placements: &[Option<Placement>], out: &mut Vec<LaneGroup>) -> usize {
    let days: Vec<f64> = statements.iter().map(|&i| placements.get(i).copied().flatten().map_or(f64::INFINITY, |p| p.day)).collect();
    lane_groups_of_days(scale, &days, out)
}

/// [`lane_groups`] over the lane's days, in order (`f64::INFINITY` for an undated
/// statement): read in sequence, so a frame's sweep of a large lane stays in cache.
pub fn lane_groups_of_days(scale: &TimeScale, days: &[f64], out: &mut Vec<LaneGroup>) -> usize {
    out.clear();
    let mut sum = 0.0;
    for (k, &day) in days.iter().enumerate() {
        let x = scale.to_px(day);
        if !x.is_finite() {
            return days.len() - k;
        }
        match out.last_mut() {
            Some(g) if x - g.x < MARK_MIN_PX => {
                sum += x;
                g.end = k + 1;
                g.x_range.1 = x;
                g.x = g.x.max(sum / g.len() as f64);
            }
            _ => {
                sum = x;
                out.push(LaneGroup { start: k, end: k + 1, x, x_range: (x, x) });
            }
        }
    }
    0
}
