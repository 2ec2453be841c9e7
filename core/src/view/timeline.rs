//! The timeline screen's view model: where everything sits on the SVG and what it is
//! called, computed from the corpus, the results, the view state and the width.
//!
//! - [`Frame`]: the drawing frame for a width (horizontal, or vertical below
//!   [`NARROW_PX`]); lane centres, the axis band, bands across the lanes.
//! - [`TimelineData`]: what depends on the corpus and the lane mode only (placements,
//!   lanes in time order, events, the data's extent), computed once per corpus.
//! - [`statement_marks`] and [`event_marks`]: [`MarkView`]s with positions, classes,
//!   accessible names and stable keys (a mark is named by its lane and its anchor, the
//!   member first in the corpus, so most marks keep their key across zoom and pan);
//!   [`tick_views`], [`lane_views`]. Per frame, the marks cost about O(marks · log n):
//!   each lane's [`LaneIndex`] finds the clusters in the frame without visiting every
//!   statement (the same clusters as sweeping the whole lane), [`MarkHits`] (once per
//!   result set) says which hold a hit, and names and classes are built for the marks in
//!   the frame only (`cargo bench -p stance-core --bench timeline`).
//! - The rules: [`ChartAction`] (what a wheel notch, a key, a drag or a click asks for)
//!   and [`ChartAction::intent`] (the view state it leads to: zoom and pan steps,
//!   cluster zoom padding, Home/End, keep-selection-visible); [`chart_key`] and
//!   [`mark_key`] for the keys; the pointer [`Gestures`] state machine.

use super::intent::Intent;
use super::results::Results;
use super::summary::speaker_name;
use crate::model::Corpus;
use crate::text::{first_words, fit_chars};
use crate::timeline::{
    lane_groups_of_days, layout_events, next_in_time, ticks, EventItem, EventMark, Lane,
    LaneHits, LaneIndex, LaneMode, Placement, Step, TimeScale,
};
use crate::url_state::iso_date;
use std::collections::HashMap;
use std::sync::Arc;

/// Width below which the timeline turns vertical (phones).
pub const NARROW_PX: f64 = 640.0;
/// Width assumed before the chart is measured.
pub const DEFAULT_WIDTH_PX: f64 = 1000.0;
/// Horizontal layout: lane label column, axis band, events row, lane height, end padding,
/// padding under the last lane.
pub const LABEL_W: f64 = 170.0;
pub const AXIS_H: f64 = 34.0;
pub const EVENTS_H: f64 = 40.0;
pub const LANE_H: f64 = 38.0;
pub const END_PAD: f64 = 24.0;
pub const BOTTOM_PAD: f64 = 8.0;
/// Vertical layout: axis column, events column, lane header height, axis length, least lane width.
pub const V_AXIS_W: f64 = 64.0;
pub const V_EVENTS_W: f64 = 34.0;
pub const V_HEADER_H: f64 = 120.0;
pub const V_LENGTH: f64 = 900.0;
pub const V_MIN_LANE_W: f64 = 28.0;
/// Mark radius; cluster radius, growing by one per doubling of its count up to
/// [`CLUSTER_GROWTH_MAX`].
pub const MARK_R: f64 = 5.5;
pub const CLUSTER_R: f64 = 8.0;
pub const CLUSTER_GROWTH_MAX: f64 = 6.0;
/// Half-diagonal of an event's diamond, single and clustered.
pub const EVENT_SIZE: f64 = 6.0;
pub const EVENT_CLUSTER_SIZE: f64 = 8.0;
/// Baseline offset of a count drawn inside a cluster.
pub const COUNT_BASELINE: f64 = 3.5;
/// Zoom per wheel notch (deltaY of 100) and per button / key press.
pub const WHEEL_ZOOM_PER_100: f64 = 1.25;
pub const STEP_ZOOM: f64 = 1.6;
/// Share of the visible span panned per arrow key.
pub const PAN_STEP: f64 = 0.2;
/// Pixels a pointer must move before a press becomes a drag.
pub const DRAG_THRESHOLD_PX: f64 = 4.0;
/// Least pinch distance counted, so two pointers on one spot never divide by zero.
pub const MIN_PINCH_PX: f64 = 1.0;
/// Zooming into a cluster shows its day span with this share of it (at least
/// [`CLUSTER_ZOOM_MIN_DAYS`]) added on each side.
pub const CLUSTER_ZOOM_PAD: f64 = 0.5;
pub const CLUSTER_ZOOM_MIN_DAYS: f64 = 2.0;
/// Words of a statement in a mark's accessible name.
pub const NAME_WORDS: usize = 10;
/// Characters of a lane label drawn (the whole label is its tooltip), horizontal and vertical.
pub const LANE_LABEL_CHARS: usize = 24;
pub const V_LANE_LABEL_CHARS: usize = 18;

/// Which way time runs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Orientation {
    Horizontal,
    Vertical,
}

/// A point in SVG coordinates.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Point {
    pub x: f64,
    pub y: f64,
}

/// A rectangle in SVG coordinates.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Rect {
    pub x: f64,
    pub y: f64,
    pub width: f64,
    pub height: f64,
}

/// A line in SVG coordinates.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Segment {
    pub from: Point,
    pub to: Point,
}

/// The drawing frame: where the axis, the events row and the lanes sit.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Frame {
    pub orient: Orientation,
    pub width: f64,
    pub height: f64,
    /// Pixel range of the time axis.
    pub along: (f64, f64),
    /// Across the axis: start of the first lane, and each lane's size.
    pub lanes_at: f64,
    pub lane_size: f64,
    /// Across the axis: centre of the events row.
    pub events_at: f64,
}

impl Frame {
    /// The frame for a chart `width` pixels wide with `lanes` lanes.
    pub fn new(width: f64, lanes: usize) -> Self {
        let lanes_f = lanes.max(1) as f64;
        if width < NARROW_PX {
            let lane_size = ((width - V_AXIS_W - V_EVENTS_W) / lanes_f).max(V_MIN_LANE_W);
            Frame {
                orient: Orientation::Vertical,
                width: (V_AXIS_W + V_EVENTS_W + lane_size * lanes_f).max(width),
                height: V_HEADER_H + V_LENGTH + END_PAD,
                along: (V_HEADER_H, V_HEADER_H + V_LENGTH),
                lanes_at: V_AXIS_W + V_EVENTS_W,
                lane_size,
                events_at: V_AXIS_W + V_EVENTS_W / 2.0,
            }
        } else {
            Frame {
                orient: Orientation::Horizontal,
                width,
                height: AXIS_H + EVENTS_H + LANE_H * lanes_f + BOTTOM_PAD,
                along: (LABEL_W, width - END_PAD),
                lanes_at: AXIS_H + EVENTS_H,
                lane_size: LANE_H,
                events_at: AXIS_H + EVENTS_H / 2.0,
            }
        }
    }

    pub fn is_vertical(&self) -> bool {
        self.orient == Orientation::Vertical
    }

    /// SVG point `along` the axis and `across` it.
    pub fn pt(&self, along: f64, across: f64) -> Point {
        match self.orient {
            Orientation::Horizontal => Point { x: along, y: across },
            Orientation::Vertical => Point { x: across, y: along },
        }
    }

    /// Across the axis: the centre of lane `lane`.
    pub fn lane_center(&self, lane: usize) -> f64 {
        self.lanes_at + self.lane_size * (lane as f64 + 0.5)
    }

    /// Position along the axis of a client point, given the chart's top-left client corner.
    pub fn along_of(&self, client: Point, origin: Point) -> f64 {
        match self.orient {
            Orientation::Horizontal => client.x - origin.x,
            Orientation::Vertical => client.y - origin.y,
        }
    }

    /// Is a client point inside the axis band (where a drag selects a time range)?
    pub fn in_axis_band(&self, client: Point, origin: Point) -> bool {
        match self.orient {
            Orientation::Horizontal => client.y - origin.y < AXIS_H,
            Orientation::Vertical => client.x - origin.x < V_AXIS_W,
        }
    }

    /// The axis band.
    pub fn axis_band(&self) -> Rect {
        match self.orient {
            Orientation::Horizontal => Rect { x: 0.0, y: 0.0, width: self.width, height: AXIS_H },
            Orientation::Vertical => Rect { x: 0.0, y: 0.0, width: V_AXIS_W, height: self.height },
        }
    }

    /// A band across the lanes between two positions along the axis (at least a pixel).
    pub fn band(&self, a: f64, b: f64) -> Rect {
        let (lo, hi) = (a.min(b), a.max(b));
        match self.orient {
            Orientation::Horizontal => Rect { x: lo, y: 0.0, width: (hi - lo).max(1.0), height: self.height },
            Orientation::Vertical => Rect { x: 0.0, y: lo, width: self.width, height: (hi - lo).max(1.0) },
        }
    }

    /// Is a position along the axis close enough to the drawn range to draw a mark there?
    fn shows(&self, along: f64) -> bool {
        along >= self.along.0 - CLUSTER_R && along <= self.along.1 + CLUSTER_R
    }

    /// The events row's label ("Events" on the horizontal timeline; none on the vertical one).
    pub fn events_label(&self) -> (Point, &'static str) {
        match self.orient {
            Orientation::Horizontal => (self.pt(8.0, self.events_at + 4.0), "Events"),
            Orientation::Vertical => (self.pt(4.0, self.events_at + 4.0), ""),
        }
    }
}

/// What the timeline shows that depends only on the corpus and the lane mode.
#[derive(Clone, Debug, PartialEq)]
pub struct TimelineData {
    /// Per statement, where it sits in time (`None`: undated).
    pub placements: Vec<Option<Placement>>,
    /// The lanes, each lane's statements in time order (undated last).
    pub lanes: Vec<Lane>,
    /// Context events and the dates statements refer to, in time order.
    pub events: Vec<EventItem>,
    /// First and last day with a statement or an event on it.
    pub extent: Option<(f64, f64)>,
    /// How many statements of the lanes have no date (and so no mark).
    pub undated: usize,
    /// Per lane, the day of each of its statements in order (`f64::INFINITY`: undated),
    /// what each frame sweeps.
    pub lane_days: Vec<Vec<f64>>,
    /// Per lane, its statements (as `lanes[l].statements`), shared by the marks of a
    /// frame: a mark's members are a range of these, not a copy.
    pub lane_members: Vec<Arc<[usize]>>,
    /// Per document, its date as words (what the marks' names say), made once.
    pub doc_dates: Vec<String>,
    /// Per lane, what finds the marks of a frame without visiting every statement.
    pub lane_index: Vec<LaneIndex>,
}

impl TimelineData {
    /// The timeline data of `corpus` with lanes by `mode`, in one go (a
    /// [`TimelineBuild`](super::timeline_build::TimelineBuild) with no budget: a page
    /// that must not block makes it in steps).
    pub fn new(corpus: &Corpus, mode: LaneMode) -> Self {
        super::timeline_build::TimelineBuild::new(mode).finish(corpus)
    }

    /// The scale for a frame: the zoomed domain, or one that fits all the data.
    pub fn scale(&self, frame: &Frame, zoom: Option<(f64, f64)>) -> TimeScale {
        let fitted = || {
            let s = TimeScale::new((0.0, 1.0), (0.0, 1.0));
            self.extent.map_or(s, |(lo, hi)| s.fit(lo, hi)).domain()
        };
        TimeScale::new(zoom.unwrap_or_else(fitted), frame.along)
    }

    /// The day statement `i` sits at, if it is dated.
    pub fn day_of(&self, i: usize) -> Option<f64> {
        self.placements.get(i).copied().flatten().map(|p| p.day)
    }
}

/// Where activating a mark leads.
#[derive(Clone, Debug, PartialEq)]
pub enum Target {
    /// Opens a statement (index into the corpus's statements).
    Statement(usize),
    /// Zooms into a cluster's day span.
    Zoom(f64, f64),
    /// Nothing (an event no statement mentions).
    None,
}

/// What a mark stands for: a range of a shared list (a lane's statements, in time
/// order), so a frame's marks share their lanes' lists instead of copying them. Reads
/// as a slice.
#[derive(Clone, Debug)]
pub struct Members<M> {
    all: Arc<[M]>,
    start: usize,
    end: usize,
}

impl<M> Members<M> {
    /// `all[start..end]` (clamped to `all`).
    pub fn range(all: Arc<[M]>, start: usize, end: usize) -> Self {
        let end = end.min(all.len());
        Members { start: start.min(end), end, all }
    }
}

impl<M> From<Vec<M>> for Members<M> {
    fn from(v: Vec<M>) -> Self {
        let end = v.len();
        Members { all: Arc::from(v), start: 0, end }
    }
}

impl<M> std::ops::Deref for Members<M> {
    type Target = [M];
    fn deref(&self) -> &[M] {
        &self.all[self.start..self.end]
    }
}

impl<M: PartialEq> PartialEq for Members<M> {
    fn eq(&self, other: &Self) -> bool {
        **self == **other
    }
}

/// One mark on the chart, a statement mark (`M` = statement index) or an events-row
/// mark (`M` = event item index).
#[derive(Clone, Debug, PartialEq)]
pub struct MarkView<M> {
    /// Stable across zoom and pan while the mark holds the same anchor: the lane and the
    /// id of its member first in the corpus (of an event mark, its first event). A
    /// cluster that grows or shrinks as the zoom changes, or the part of a split cluster
    /// that holds its anchor, keeps its key, and a renderer its node.
    pub key: String,
    /// Element id (for focusing it), as stable as the key.
    pub dom_id: String,
    /// What it stands for, in axis order.
    pub members: Members<M>,
    pub at: Point,
    /// Radius of a statement's dot, or half-diagonal of an event's diamond.
    pub size: f64,
    /// The extent of an uncertain date or of a cluster.
    pub range: Option<Segment>,
    /// Show the range (an approximate single statement while selected; every event).
    pub show_range: bool,
    pub approximate: bool,
    /// The class list: `st-mark` / `st-event` with their modifiers.
    pub class: &'static str,
    pub name: String,
    pub target: Target,
    pub selected: bool,
}

impl<M> MarkView<M> {
    pub fn count(&self) -> usize {
        self.members.len()
    }

    /// The count drawn inside a cluster, and where.
    pub fn count_label(&self) -> Option<(Point, usize)> {
        (self.count() > 1).then(|| (Point { x: self.at.x, y: self.at.y + COUNT_BASELINE }, self.count()))
    }

    /// The `points` of an event's diamond, in [`px`] coordinates.
    pub fn diamond(&self) -> String {
        let (x, y, s) = (px(self.at.x), px(self.at.y), px(self.size));
        format!("{},{} {},{} {},{} {},{}", x, y - s, x + s, y, x, y + s, x - s, y)
    }
}

/// Where the chart's one tooltip shows a mark's name ([`MarkView::tip`]): the point it
/// hangs above, and whether it ends there (it starts there in the left half of the
/// chart, ends there in the right half, so that it stays inside the chart).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct TipAt {
    pub at: Point,
    pub end: bool,
}

/// Gap between a mark's edge and the tooltip above it.
pub const TIP_GAP: f64 = 4.0;

impl<M> MarkView<M> {
    /// Where the chart's shared tooltip shows this mark's name (the name is the mark's
    /// accessible name too; one tooltip for the chart instead of a `<title>` per mark
    /// keeps the chart's element count down).
    pub fn tip(&self, frame: &Frame) -> TipAt {
        TipAt { at: Point { x: px(self.at.x), y: px(self.at.y - self.size - TIP_GAP) }, end: self.at.x > frame.width / 2.0 }
    }
}

/// A coordinate as the chart draws it: rounded to tenths of a pixel (short attribute
/// values, and no redraw for a move smaller than that); 0 for a value that is not finite.
pub fn px(v: f64) -> f64 {
    if v.is_finite() {
        (v * 10.0).round() / 10.0
    } else {
        0.0
    }
}

/// A statement mark.
pub type StatementMark = MarkView<usize>;
/// An events-row mark.
pub type EventMarkView = MarkView<usize>;

/// The statement marks (or the events row's), and how many statements have no date (and
/// so no mark). A renderer keeps one node per [`MarkView::key`] across zoom, pan, resize
/// and result changes (so keyboard focus stays on the mark) and reads everything else
/// about the mark by key ([`TimelineMarks::get`]) as it changes.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct TimelineMarks {
    pub marks: Vec<StatementMark>,
    pub undated: usize,
    /// Position in `marks` by [`MarkView::key`].
    by_key: HashMap<String, usize>,
}

/// The events-row marks, keyed like the statement marks.
pub type EventMarks = TimelineMarks;

impl TimelineMarks {
    pub fn new(marks: Vec<StatementMark>, undated: usize) -> Self {
        let by_key = marks.iter().enumerate().map(|(i, m)| (m.key.clone(), i)).collect();
        TimelineMarks { marks, undated, by_key }
    }

    /// The mark with key `key` (a renderer that keeps nodes across zoom and pan reads
    /// each node's current position here).
    pub fn get(&self, key: &str) -> Option<&StatementMark> {
        self.by_key.get(key).and_then(|&i| self.marks.get(i))
    }

    /// The tab stop of the roving focus: the selected mark, else the first.
    pub fn tab_stop(&self) -> Option<&str> {
        self.marks.iter().find(|m| m.selected).or_else(|| self.marks.first()).map(|m| m.key.as_str())
    }

    /// The marks' keys, in drawing order (what a renderer keys its nodes by).
    pub fn keys(&self) -> Vec<String> {
        self.marks.iter().map(|m| m.key.clone()).collect()
    }

    /// Element id of the mark holding statement `i`.
    pub fn dom_id_of(&self, i: usize) -> Option<&str> {
        self.marks.iter().find(|m| m.members.contains(&i)).map(|m| m.dom_id.as_str())
    }

    /// "3 statements have no date …", when some have none.
    pub fn undated_note(&self) -> Option<String> {
        (self.undated > 0)
            .then(|| format!("{} statements have no date and are not on the timeline; they are in the list below.", self.undated))
    }
}

/// Accessible name of a statement mark: speaker, date, first words.
pub fn statement_name(c: &Corpus, i: usize) -> String {
    let Some(s) = c.statements.get(i) else { return String::new() };
    let date = c.document_of(s).map(|d| d.meta.date.label()).unwrap_or_default();
    named(c, s, &date)
}

fn named(c: &Corpus, s: &crate::model::Statement, date: &str) -> String {
    format!("{}, {date}: {}", speaker_name(c, s), first_words(c.statement_text(s), NAME_WORDS))
}

/// The date of statement `i` as words, from the labels made once per corpus.
fn statement_date<'a>(c: &Corpus, data: &'a TimelineData, i: usize) -> &'a str {
    c.statements.get(i).and_then(|s| data.doc_dates.get(s.doc)).map_or("", String::as_str)
}

fn statement_id(c: &Corpus, i: usize) -> &str {
    c.statements.get(i).map_or("", |s| s.id.as_str())
}

/// The modifiers of a statement mark's class, in class-list order, and of an event's.
const MARK_MODIFIERS: [&str; 5] = ["cluster", "hit", "dim", "selected", "approximate"];
const EVENT_MODIFIERS: [&str; 2] = ["approximate", "cluster"];

/// The class list of `base` with the modifiers whose bit is set in `on` (bit k for
/// `modifiers[k]`), from a table made once (a frame formats no class strings).
fn class_list(event: bool, on: usize) -> &'static str {
    static TABLES: std::sync::OnceLock<[Vec<String>; 2]> = std::sync::OnceLock::new();
    let tables = TABLES.get_or_init(|| {
        let table = |base: &str, modifiers: &[&str]| -> Vec<String> {
            (0..1usize << modifiers.len())
                .map(|bits| {
                    let mut class = base.to_string();
                    for (k, modifier) in modifiers.iter().enumerate() {
                        if bits & (1 << k) != 0 {
                            class.push(' ');
                            class.push_str(base);
                            class.push_str("--");
                            class.push_str(modifier);
                        }
                    }
                    class
                })
                .collect()
        };
        [table("st-mark", &MARK_MODIFIERS), table("st-event", &EVENT_MODIFIERS)]
    });
    tables[usize::from(event)].get(on).map_or("", String::as_str)
}

/// The bits of [`class_list`] for flags given in modifier order.
fn bits(flags: &[bool]) -> usize {
    flags.iter().enumerate().filter(|(_, on)| **on).fold(0, |acc, (k, _)| acc | 1 << k)
}

/// What the statement marks need of a result set, per lane, made once per result set
/// (O(statements)) so that each frame asks it per mark in O(1): which of a lane's
/// statements are hits ([`LaneHits`]), and whether anything filters (what is not a hit
/// is dimmed).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct MarkHits {
    lanes: LaneHits,
    filtering: bool,
}

impl MarkHits {
    pub fn new(data: &TimelineData, results: &Results) -> Self {
        if !results.filtering {
            // Nothing is a hit (none is highlighted): no counts to make (the first draw
            // of a corpus of millions visits none of them).
            return MarkHits { lanes: LaneHits::default(), filtering: false };
        }
        MarkHits { lanes: LaneHits::new(data.lanes.iter().map(|l| l.statements.as_slice()), |i| results.highlights(i)), filtering: results.filtering }
    }
}

/// Where statement `s` is in each lane (lanes are in (day, index) order), if it is.
fn positions_in_lanes(data: &TimelineData, s: usize) -> Vec<Option<usize>> {
    let day = data.day_of(s).unwrap_or(f64::INFINITY);
    data.lanes
        .iter()
        .zip(&data.lane_days)
        .map(|(lane, days)| {
            let (mut lo, mut hi) = (0, lane.statements.len());
            while lo < hi {
                let mid = (lo + hi) / 2;
                if days[mid].total_cmp(&day).then(lane.statements[mid].cmp(&s)).is_lt() {
                    lo = mid + 1;
                } else {
                    hi = mid;
                }
            }
            (lane.statements.get(lo) == Some(&s)).then_some(lo)
        })
        .collect()
}

/// The statement marks for a scale and a frame: positions, classes, names, targets
/// (see [`statement_marks_for`]; this makes the [`MarkHits`] of `results` first, in
/// O(statements)).
pub fn statement_marks(
    c: &Corpus,
    data: &TimelineData,
    results: &Results,
    selected: Option<usize>,
    frame: &Frame,
    scale: &TimeScale,
) -> TimelineMarks {
    statement_marks_for(c, data, &MarkHits::new(data, results), selected, frame, scale)
}

/// The statement marks for a scale and a frame, with the hits of a result set made
/// once ([`MarkHits`]). Per frame it finds each lane's marks in the frame with its
/// [`LaneIndex`] (about O(marks · log n), not O(statements): the same marks as sweeping
/// the whole lane), and builds views (names, classes) only for those marks.
pub fn statement_marks_for(
    c: &Corpus,
    data: &TimelineData,
    hits: &MarkHits,
    selected: Option<usize>,
    frame: &Frame,
    scale: &TimeScale,
) -> TimelineMarks {
    let mut marks = Vec::new();
    let mut groups = Vec::new();
    let (lo, hi) = (frame.along.0 - CLUSTER_R, frame.along.1 + CLUSTER_R);
    let selected_at = selected.map(|s| positions_in_lanes(data, s)).unwrap_or_default();
    for (li, lane) in data.lanes.iter().enumerate() {
        let across = frame.lane_center(li);
        let swept = data.lane_index.get(li).is_some_and(|index| index.visible_groups(scale, lo, hi, &mut groups));
        if !swept {
            // A scale the index cannot sweep (not increasing): the whole lane, then the
            // run of marks in the frame (mark positions only grow along a lane).
            lane_groups_of_days(scale, data.lane_days.get(li).map_or(&[][..], |d| d.as_slice()), &mut groups);
            let first = groups.partition_point(|g| g.x < lo);
            groups.drain(..first);
            let keep = groups.partition_point(|g| g.x <= hi);
            groups.truncate(keep);
        }
        for g in &groups {
            let members = &lane.statements[g.start..g.end];
            let Some(&head) = members.first() else { continue };
            // The mark's anchor, which names it: its member first in the corpus. When a
            // zoom step splits or merges clusters, each new mark holding an old mark's
            // anchor is still named by it, so most marks keep their key (and node).
            let anchor = data.lane_index.get(li).and_then(|index| index.anchor(g.start, g.end)).unwrap_or(head);
            let count = members.len();
            let hit = hits.lanes.any(li, g.start, g.end);
            let is_selected = selected_at.get(li).copied().flatten().is_some_and(|p| g.start <= p && p < g.end);
            let segment = |(a, b): (f64, f64)| Segment { from: frame.pt(a, across), to: frame.pt(b, across) };
            let (range, approximate, name, target) = if count == 1 {
                let p = data.placements.get(head).copied().flatten();
                let approximate = p.is_some_and(|p| p.approximate);
                (
                    p.and_then(|p| px_range(scale, p.range)).map(segment),
                    approximate,
                    c.statements.get(head).map_or_else(String::new, |s| named(c, s, statement_date(c, data, head)))
                        + if approximate { " (date approximate)" } else { "" },
                    Target::Statement(head),
                )
            } else {
                let first_date = statement_date(c, data, head);
                let last_date = members.last().map_or("", |&i| statement_date(c, data, i));
                let name = if first_date == last_date {
                    format!("{count} statements in {}, {first_date}. Activate to zoom in.", lane.label)
                } else {
                    format!("{count} statements in {}, {first_date} to {last_date}. Activate to zoom in.", lane.label)
                };
                (
                    Some(segment(g.x_range)),
                    false,
                    name,
                    Target::Zoom(scale.to_day(g.x_range.0), scale.to_day(g.x_range.1)),
                )
            };
            let size = if count > 1 { CLUSTER_R + (count as f64).log2().min(CLUSTER_GROWTH_MAX) } else { MARK_R };
            let class = class_list(false, bits(&[count > 1, hit, hits.filtering && !hit, is_selected, approximate]));
            marks.push(MarkView {
                key: format!("{li}:{}", statement_id(c, anchor)),
                dom_id: format!("st-mark-{li}-{anchor}"),
                members: Members::range(data.lane_members.get(li).cloned().unwrap_or_else(|| Arc::from(Vec::new())), g.start, g.end),
                at: frame.pt(g.x, across),
                size,
                range,
                show_range: is_selected && count == 1,
                approximate,
                class,
                name,
                target,
                selected: is_selected,
            });
        }
    }
    TimelineMarks::new(marks, data.undated)
}

/// The pixel extent of a day range on `scale`, in increasing order.
fn px_range(scale: &TimeScale, range: Option<(f64, f64)>) -> Option<(f64, f64)> {
    range.map(|(a, b)| {
        let (a, b) = (scale.to_px(a), scale.to_px(b));
        (a.min(b), a.max(b))
    })
}

/// The events-row marks for a scale and a frame.
pub fn event_marks(data: &TimelineData, frame: &Frame, scale: &TimeScale) -> EventMarks {
    let across = frame.events_at;
    let items = &data.events;
    let marks = layout_events(scale, items)
        .into_iter()
        .filter(|m| frame.shows(m.x()))
        .map(|m| {
            let at = frame.pt(m.x(), across);
            let segment = |(a, b): (f64, f64)| Segment { from: frame.pt(a, across), to: frame.pt(b, across) };
            match &m {
                EventMark::Single { item, label, x_range, approximate, .. } => {
                    let it = items.get(*item);
                    let mentions = it.map_or(&[][..], |it| it.statements.as_slice());
                    let date = it.map(|it| it.date.label()).unwrap_or_default() + if *approximate { " (approximate)" } else { "" };
                    let refs = match mentions.len() {
                        0 => String::new(),
                        1 => ". Mentioned by 1 statement; activate to open it".into(),
                        n => format!(". Mentioned by {n} statements; activate to open the first"),
                    };
                    MarkView {
                        key: format!("e{item}"),
                        dom_id: format!("st-event-{item}"),
                        members: Members::from(vec![*item]),
                        at,
                        size: EVENT_SIZE,
                        range: x_range.map(segment),
                        show_range: true,
                        approximate: *approximate,
                        class: class_list(true, bits(&[*approximate, false])),
                        name: format!("Event, {date}: {label}{refs}"),
                        target: mentions.first().map_or(Target::None, |&s| Target::Statement(s)),
                        selected: false,
                    }
                }
                EventMark::Cluster { items: members, x_range, count, .. } => MarkView {
                    key: format!("e{}", members.first().copied().unwrap_or(0)),
                    dom_id: format!("st-event-{}", members.first().copied().unwrap_or(0)),
                    members: Members::from(members.clone()),
                    at,
                    size: EVENT_CLUSTER_SIZE,
                    range: Some(segment(*x_range)),
                    show_range: true,
                    approximate: false,
                    class: class_list(true, bits(&[false, true])),
                    name: format!("{count} events. Activate to zoom in."),
                    target: Target::Zoom(scale.to_day(x_range.0), scale.to_day(x_range.1)),
                    selected: false,
                },
            }
        })
        .collect();
    TimelineMarks::new(marks, 0)
}

/// One axis tick: its grid line and label.
#[derive(Clone, Debug, PartialEq)]
pub struct TickView {
    pub class: &'static str,
    pub line: Segment,
    pub label_at: Point,
    /// `text-anchor` of the label.
    pub anchor: &'static str,
    pub label: String,
}

/// The ticks for a scale, drawn in a frame.
pub fn tick_views(frame: &Frame, scale: &TimeScale) -> Vec<TickView> {
    ticks(scale)
        .into_iter()
        .map(|t| {
            let (from, to, label_at, anchor) = match frame.orient {
                Orientation::Horizontal => {
                    (frame.pt(t.x, AXIS_H - 6.0), frame.pt(t.x, frame.height), Point { x: t.x + 3.0, y: AXIS_H - 12.0 }, "start")
                }
                Orientation::Vertical => {
                    (frame.pt(t.x, V_AXIS_W - 6.0), frame.pt(t.x, frame.width), Point { x: V_AXIS_W - 8.0, y: t.x + 4.0 }, "end")
                }
            };
            TickView {
                class: if t.major { "st-tick st-tick--major" } else { "st-tick" },
                line: Segment { from, to },
                label_at,
                anchor,
                label: t.label,
            }
        })
        .collect()
}

/// One lane's separator line and label.
#[derive(Clone, Debug, PartialEq)]
pub struct LaneView {
    pub line: Segment,
    /// The label as drawn (cut to fit) and in full (its tooltip).
    pub label: String,
    pub full: String,
    /// Where the label's text sits: an `x`/`y` (horizontal) or a `transform` (vertical, slanted).
    pub label_at: Point,
    pub transform: Option<String>,
}

/// The lanes' lines and labels.
pub fn lane_views(frame: &Frame, lanes: &[Lane]) -> Vec<LaneView> {
    lanes
        .iter()
        .enumerate()
        .map(|(i, lane)| {
            let c = frame.lane_center(i);
            match frame.orient {
                Orientation::Horizontal => LaneView {
                    line: Segment { from: Point { x: LABEL_W, y: c }, to: Point { x: frame.width - END_PAD, y: c } },
                    label: fit_chars(&lane.label, LANE_LABEL_CHARS),
                    full: lane.label.clone(),
                    label_at: Point { x: 8.0, y: c + 4.0 },
                    transform: None,
                },
                Orientation::Vertical => LaneView {
                    line: Segment { from: Point { x: c, y: V_HEADER_H }, to: Point { x: c, y: frame.height - END_PAD } },
                    label: fit_chars(&lane.label, V_LANE_LABEL_CHARS),
                    full: lane.label.clone(),
                    label_at: Point::default(),
                    transform: Some(format!("translate({},{}) rotate(-60)", c + 4.0, V_HEADER_H - 6.0)),
                },
            }
        })
        .collect()
}

/// The lane choice buttons: each mode with its label.
pub fn lane_choices() -> [(LaneMode, &'static str); 3] {
    LaneMode::ALL.map(|mode| {
        let label = match mode {
            LaneMode::Topic => "Topic",
            LaneMode::Speaker => "Speaker",
            LaneMode::Document => "Document",
        };
        (mode, label)
    })
}

/// The time filter as shown in the toolbar: "2017-01-01 – 2018-12-31".
pub fn window_label(window: (i64, i64)) -> String {
    format!("{} – {}", iso_date(window.0), iso_date(window.1))
}

/// What an input on the chart asks for, before it is turned into a view state.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum ChartAction {
    /// Zoom by `factor` (> 1 zooms in) keeping the position `pivot` (px along the axis) in place.
    ZoomAt { pivot: f64, factor: f64 },
    /// Zoom by `factor` about the centre (buttons, keys).
    ZoomCentre(f64),
    /// Pan by pixels (a drag) or by a share of the visible span (arrow keys; negative is back).
    PanPx(f64),
    PanShare(f64),
    /// Centre the view on the first or the last datum (Home, End).
    ToStart,
    ToEnd,
    /// Show all the data.
    Fit,
    /// Zoom into a cluster's day span (with [`CLUSTER_ZOOM_PAD`]).
    ZoomToSpan(f64, f64),
    /// Filter to a dragged range along the axis (px), or to what is visible.
    WindowPx(f64, f64),
    WindowVisible,
}

impl ChartAction {
    /// The zoom buttons' and keys' steps.
    pub const ZOOM_IN: ChartAction = ChartAction::ZoomCentre(STEP_ZOOM);
    pub const ZOOM_OUT: ChartAction = ChartAction::ZoomCentre(1.0 / STEP_ZOOM);

    /// The intent this action leads to from `scale`, or `None` when it changes nothing
    /// (a click that was too short to be a drag, Home with no data).
    pub fn intent(self, scale: &TimeScale, data: &TimelineData) -> Option<Intent> {
        let (a, b) = scale.range();
        let zoom = |s: TimeScale| Some(Intent::SetZoom(Some(s.domain())));
        let centre_on = |day: f64| {
            let (da, db) = scale.domain();
            scale.pan_days(day - (da + db) / 2.0)
        };
        match self {
            ChartAction::ZoomAt { pivot, factor } => zoom(scale.zoom(pivot, factor)),
            ChartAction::ZoomCentre(factor) => zoom(scale.zoom((a + b) / 2.0, factor)),
            ChartAction::PanPx(px) => zoom(scale.pan_px(px)),
            ChartAction::PanShare(share) => zoom(scale.pan_days(scale.span() * share)),
            ChartAction::ToStart => data.extent.and_then(|(lo, _)| zoom(centre_on(lo))),
            ChartAction::ToEnd => data.extent.and_then(|(_, hi)| zoom(centre_on(hi))),
            ChartAction::Fit => Some(Intent::SetZoom(None)),
            ChartAction::ZoomToSpan(from, to) => {
                let pad = (to - from).abs().max(CLUSTER_ZOOM_MIN_DAYS) * CLUSTER_ZOOM_PAD;
                zoom(TimeScale::new((from.min(to) - pad, from.max(to) + pad), scale.range()))
            }
            ChartAction::WindowPx(from, to) => scale.window_from_px(from, to).map(|w| Intent::SetWindow(Some(w))),
            ChartAction::WindowVisible => {
                let (da, db) = scale.domain();
                Some(Intent::SetWindow(Some((da.floor() as i64, db.floor() as i64))))
            }
        }
    }
}

/// The zoom factor of a wheel event's `delta_y` (100 is one notch; down zooms out).
pub fn wheel_factor(delta_y: f64) -> f64 {
    WHEEL_ZOOM_PER_100.powf(-delta_y / 100.0)
}

/// What a key pressed on the chart (not on a mark) does; `None`: not the chart's key.
pub fn chart_key(key: &str, orient: Orientation) -> Option<ChartAction> {
    let (back, forward) = match orient {
        Orientation::Horizontal => ("ArrowLeft", "ArrowRight"),
        Orientation::Vertical => ("ArrowUp", "ArrowDown"),
    };
    match key {
        "+" | "=" => Some(ChartAction::ZOOM_IN),
        "-" | "_" => Some(ChartAction::ZOOM_OUT),
        k if k == back => Some(ChartAction::PanShare(-PAN_STEP)),
        k if k == forward => Some(ChartAction::PanShare(PAN_STEP)),
        "Home" => Some(ChartAction::ToStart),
        "End" => Some(ChartAction::ToEnd),
        "0" => Some(ChartAction::Fit),
        _ => None,
    }
}

/// What a key pressed on a mark does.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MarkKey {
    /// Move the selection in time order.
    Step(Step),
    /// Open the statement or zoom into the cluster.
    Activate,
}

/// The mark keys: arrows move in time (right and down later, left and up earlier, in
/// either orientation), Home/End go to the first/last, Enter and Space activate.
pub fn mark_key(key: &str) -> Option<MarkKey> {
    match key {
        "ArrowRight" | "ArrowDown" => Some(MarkKey::Step(Step::Next)),
        "ArrowLeft" | "ArrowUp" => Some(MarkKey::Step(Step::Previous)),
        "Home" => Some(MarkKey::Step(Step::First)),
        "End" => Some(MarkKey::Step(Step::Last)),
        "Enter" | " " => Some(MarkKey::Activate),
        _ => None,
    }
}

/// Activating a mark: the intents it leads to (select, or zoom into a cluster).
pub fn activate(c: &Corpus, target: &Target, scale: &TimeScale, data: &TimelineData) -> Option<Intent> {
    match *target {
        Target::Statement(i) => Some(Intent::select_statement(c, i)),
        Target::Zoom(a, b) => ChartAction::ZoomToSpan(a, b).intent(scale, data),
        Target::None => None,
    }
}

/// Moving the selection one `step` in time: the statement to select, and the zoom that
/// keeps it visible when it is outside the visible domain.
pub fn step_selection(c: &Corpus, data: &TimelineData, scale: &TimeScale, current: Option<usize>, step: Step) -> Option<(usize, Option<Intent>)> {
    let all: Vec<usize> = (0..c.statements.len()).collect();
    let next = next_in_time(c, &all, current, step)?;
    let keep_visible = data.day_of(next).and_then(|day| {
        let (a, b) = scale.domain();
        (day < a || day > b).then(|| Intent::SetZoom(Some(scale.pan_days(day - (a + b) / 2.0).domain())))
    });
    Some((next, keep_visible))
}

/// A pointer event on the chart, in client coordinates.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum PointerInput {
    Down { id: i32, at: Point },
    Move { id: i32, at: Point },
    Up { id: i32 },
}

/// What the chart does after a pointer event.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct GestureOutput {
    /// Capture this pointer (a press just became a pan).
    pub capture: Option<i32>,
    /// Zoom or pan.
    pub action: Option<ChartAction>,
    /// The range being dragged along the axis changed (`Some(None)`: gone).
    pub selecting: Option<Option<(f64, f64)>>,
}

/// The pointer gesture in progress: a plain state machine over [`PointerInput`]s. One
/// pointer drags (a pan, or a range selection when it starts on the axis band); two
/// pointers pinch-zoom about their midpoint.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Gestures {
    /// Active pointers: id and client position (at most a few).
    pointers: Vec<(i32, Point)>,
    /// Where the first pointer went down.
    start: Option<Point>,
    /// The press became a pan.
    panning: bool,
    /// The press started on the axis band: a range selection from this position along the axis.
    selecting: Option<f64>,
    /// The range dragged so far (along-axis px).
    band: Option<(f64, f64)>,
    /// Pinch: the distance between two pointers at the last move.
    pinch: Option<f64>,
}

fn distance(a: Point, b: Point) -> f64 {
    ((a.x - b.x).powi(2) + (a.y - b.y).powi(2)).sqrt()
}

impl Gestures {
    /// The range being dragged along the axis, if any.
    pub fn band(&self) -> Option<(f64, f64)> {
        self.band
    }

    /// Feeds one pointer event; `origin` is the chart's top-left corner in client coordinates.
    pub fn handle(&mut self, input: PointerInput, frame: &Frame, origin: Point) -> GestureOutput {
        let mut out = GestureOutput::default();
        match input {
            PointerInput::Down { id, at } => {
                self.pointers.retain(|(p, _)| *p != id);
                self.pointers.push((id, at));
                if self.pointers.len() == 1 {
                    self.start = Some(at);
                    self.panning = false;
                    self.pinch = None;
                    self.selecting = frame.in_axis_band(at, origin).then(|| frame.along_of(at, origin));
                } else {
                    self.selecting = None;
                    if self.band.take().is_some() {
                        out.selecting = Some(None);
                    }
                }
            }
            PointerInput::Move { id, at } => {
                let Some(slot) = self.pointers.iter_mut().find(|(p, _)| *p == id) else { return out };
                let prev = std::mem::replace(&mut slot.1, at);
                if self.pointers.len() == 2 {
                    let (a, b) = (self.pointers[0].1, self.pointers[1].1);
                    let dist = distance(a, b).max(MIN_PINCH_PX);
                    let mid = frame.along_of(Point { x: (a.x + b.x) / 2.0, y: (a.y + b.y) / 2.0 }, origin);
                    if let Some(last) = self.pinch {
                        out.action = Some(ChartAction::ZoomAt { pivot: mid, factor: dist / last });
                    }
                    self.pinch = Some(dist);
                    return out;
                }
                let Some(start) = self.start else { return out };
                let moved = distance(at, start);
                if let Some(from) = self.selecting {
                    if moved >= DRAG_THRESHOLD_PX {
                        self.band = Some((from, frame.along_of(at, origin)));
                        out.selecting = Some(self.band);
                    }
                    return out;
                }
                if !self.panning && moved >= DRAG_THRESHOLD_PX {
                    self.panning = true;
                    out.capture = Some(id);
                }
                if self.panning {
                    out.action = Some(ChartAction::PanPx(frame.along_of(at, origin) - frame.along_of(prev, origin)));
                }
            }
            PointerInput::Up { id } => {
                self.pointers.retain(|(p, _)| *p != id);
                if self.pointers.is_empty() {
                    self.start = None;
                    self.pinch = None;
                    self.selecting = None;
                }
                if let Some((a, b)) = self.band.take() {
                    out.selecting = Some(None);
                    out.action = Some(ChartAction::WindowPx(a, b));
                }
            }
        }
        out
    }
}
