//! `stance_core::view::timeline_shift`: a pan step moves the layer of marks, not the
//! marks; a zoom step draws the marks where they are; any offset draws the same picture.

use stance_core::corpus;
use stance_core::search::Index;
use stance_core::timeline::{LaneMode, TimeScale};
use stance_core::view::timeline::*;
use stance_core::view::timeline_shift::*;
use stance_core::view::{search, Intent, Results};
use stance_core::{synth, Corpus};
use std::path::Path;

fn shipped() -> Corpus {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../corpus");
    corpus::load_dir(&dir).and_then(corpus::build).unwrap_or_else(|e| panic!("the shipped corpus does not build:\n{e}"))
}

struct Chart {
    c: Corpus,
    data: TimelineData,
    frame: Frame,
    index: Index,
}

impl Chart {
    fn new(factor: usize, width: f64) -> Chart {
        let c = synth::scale(&shipped(), factor, 42);
        let data = TimelineData::new(&c, LaneMode::Topic);
        let frame = Frame::new(width, data.lanes.len());
        let index = Index::build(&c);
        Chart { c, data, frame, index }
    }

    fn results(&self, q: &str) -> Results {
        search(&self.c, &self.index, q, None)
    }

    fn marks(&self, r: &Results, scale: &TimeScale) -> TimelineMarks {
        statement_marks(&self.c, &self.data, r, None, &self.frame, scale)
    }

    fn after(&self, action: ChartAction, scale: &TimeScale) -> TimeScale {
        match action.intent(scale, &self.data) {
            Some(Intent::SetZoom(Some(domain))) => TimeScale::new(domain, scale.range()),
            other => panic!("{action:?} is a zoom: {other:?}"),
        }
    }

    /// The scale after `n` zoom steps in from fit all.
    fn zoomed(&self, n: usize) -> TimeScale {
        (0..n).fold(self.data.scale(&self.frame, None), |s, _| self.after(ChartAction::ZOOM_IN, &s))
    }
}

/// The marks in both frames, by key.
fn shared<'a>(a: &'a TimelineMarks, b: &'a TimelineMarks) -> Vec<(&'a StatementMark, &'a StatementMark)> {
    b.marks.iter().filter_map(|m| a.get(&m.key).map(|p| (p, m))).collect()
}

/// How many marks kept in both frames would be redrawn (their geometry inside the layer
/// changed) going from `a` drawn at `off_a` to `b` drawn at `off_b`.
fn redrawn(a: &TimelineMarks, off_a: Point, b: &TimelineMarks, off_b: Point) -> usize {
    shared(a, b).iter().filter(|(p, m)| MarkGeometry::of(*p, off_a) != MarkGeometry::of(*m, off_b)).count()
}

#[test]
fn a_pan_step_moves_the_layer_and_keeps_the_marks_drawn_geometry() {
    for width in [1200.0, 400.0] {
        let chart = Chart::new(20, width);
        let r = chart.results("");
        let mut scale = chart.zoomed(3);
        let mut marks = chart.marks(&r, &scale);
        let mut offset = Point { x: 0.0, y: 0.0 };
        for step in [PAN_STEP, PAN_STEP, -PAN_STEP, PAN_STEP / 3.0] {
            scale = chart.after(ChartAction::PanShare(step), &scale);
            let next = chart.marks(&r, &scale);
            let both = shared(&marks, &next).len();
            assert!(both > 10, "a pan step keeps most marks on screen ({width} px): {both}");
            let shift = common_shift(&marks, &next).unwrap_or_else(|| panic!("a pan step is one shift ({width} px, {step})"));
            // Along the axis only: x when the chart is wide, y when it is narrow.
            assert!(if chart.frame.is_vertical() { shift.x == 0.0 && shift.y != 0.0 } else { shift.y == 0.0 && shift.x != 0.0 }, "{shift:?}");
            let moved = next_offset(&marks, &next, offset);
            assert_eq!(moved, Point { x: offset.x + shift.x, y: offset.y + shift.y });
            // Without the offset every kept mark would be redrawn; with it, none (but
            // for a rounding flip of a tenth of a pixel, rarely).
            assert_eq!(redrawn(&marks, offset, &next, offset), both);
            let again = redrawn(&marks, offset, &next, moved);
            assert!(again * 50 <= both, "{again} of {both} marks redrawn after a pan step ({width} px)");
            (marks, offset) = (next, moved);
        }
    }
}

#[test]
fn a_pan_step_that_changes_the_hits_still_moves_the_layer() {
    let chart = Chart::new(20, 1200.0);
    let scale = chart.zoomed(2);
    let before = chart.marks(&chart.results(""), &scale);
    let panned = chart.after(ChartAction::PanShare(PAN_STEP), &scale);
    let after = chart.marks(&chart.results("security"), &panned);
    assert!(shared(&before, &after).iter().any(|(p, m)| p.class != m.class), "the query changes some classes");
    let offset = next_offset(&before, &after, Point { x: 0.0, y: 0.0 });
    assert!(offset.x != 0.0);
    let zero = Point { x: 0.0, y: 0.0 };
    assert!(redrawn(&before, zero, &after, offset) * 50 <= shared(&before, &after).len());
}

#[test]
fn a_zoom_step_draws_the_marks_where_they_are() {
    for width in [1200.0, 400.0] {
        let chart = Chart::new(20, width);
        let r = chart.results("");
        let scale = chart.zoomed(2);
        let marks = chart.marks(&r, &scale);
        for action in [ChartAction::ZOOM_IN, ChartAction::ZOOM_OUT, ChartAction::ZoomAt { pivot: chart.frame.along.0 + 50.0, factor: 1.25 }] {
            let next = chart.marks(&r, &chart.after(action, &scale));
            assert!(!shared(&marks, &next).is_empty(), "{action:?} keeps some marks ({width} px)");
            assert_eq!(common_shift(&marks, &next), None, "{action:?} is not one shift ({width} px)");
            // The offset goes back to zero, whatever it was.
            assert_eq!(next_offset(&marks, &next, Point { x: 123.4, y: 0.0 }), Point { x: 0.0, y: 0.0 });
        }
        // A zoom across a clustering level splits clusters: marks appear, and a kept mark
        // changes size or count.
        let deep = chart.marks(&r, &chart.zoomed(5));
        assert_ne!(marks.keys(), deep.keys());
    }
}

#[test]
fn no_mark_in_both_frames_is_no_shift() {
    let chart = Chart::new(2, 1200.0);
    let r = chart.results("");
    let scale = chart.zoomed(1);
    let marks = chart.marks(&r, &scale);
    assert_eq!(common_shift(&TimelineMarks::default(), &marks), None);
    assert_eq!(common_shift(&marks, &TimelineMarks::default()), None);
    assert_eq!(next_offset(&marks, &TimelineMarks::default(), Point { x: 5.0, y: 0.0 }), Point { x: 0.0, y: 0.0 });
    // The same frame again is a shift of nothing: the offset stays.
    assert_eq!(common_shift(&marks, &marks), Some(Point { x: 0.0, y: 0.0 }));
    assert_eq!(next_offset(&marks, &marks, Point { x: 5.0, y: 0.0 }), Point { x: 5.0, y: 0.0 });
}

#[test]
fn any_offset_draws_the_same_picture() {
    let chart = Chart::new(5, 1200.0);
    let r = chart.results("security");
    let marks = chart.marks(&r, &chart.zoomed(3));
    assert!(marks.marks.iter().any(|m| m.count() > 1) && marks.marks.iter().any(|m| m.count() == 1));
    for offset in [Point { x: 0.0, y: 0.0 }, Point { x: -1234.567, y: 0.0 }, Point { x: 0.05, y: 33.333 }] {
        let translated = layer_transform(offset);
        assert_eq!(translated.is_none(), offset == Point { x: 0.0, y: 0.0 });
        for m in &marks.marks {
            let g = MarkGeometry::of(m, offset);
            let on_page = |t: (i64, i64)| Point { x: from_tenths(t.0) + offset.x, y: from_tenths(t.1) + offset.y };
            let near = |p: Point, q: Point| (p.x - q.x).abs() <= 0.05 + 1e-9 && (p.y - q.y).abs() <= 0.05 + 1e-9;
            assert!(near(on_page(g.at), m.at), "{:?} at {offset:?}: {:?}", m.at, g.at);
            assert_eq!(from_tenths(g.size), px(m.size));
            assert_eq!(g.count_at.is_some(), m.count() > 1);
            if let (Some(at), Some((label, _))) = (g.count_at, m.count_label()) {
                assert!(near(on_page(at), label));
            }
            assert_eq!(g.range.is_some(), m.show_range && m.range.is_some());
        }
    }
    // At no offset, the geometry is the marks' own, as the chart drew them before.
    for m in &marks.marks {
        let g = MarkGeometry::of(m, Point { x: 0.0, y: 0.0 });
        assert_eq!((from_tenths(g.at.0), from_tenths(g.at.1)), (px(m.at.x), px(m.at.y)));
        // The same diamond (its numbers: the mark's own sums carry float noise).
        let numbers = |s: String| s.split([' ', ',']).map(|n| n.parse::<f64>().unwrap_or(f64::NAN)).collect::<Vec<_>>();
        let (ours, theirs) = (numbers(g.diamond()), numbers(m.diamond()));
        assert_eq!(ours.len(), 8);
        assert!(ours.iter().zip(&theirs).all(|(a, b)| (a - b).abs() < 1e-6), "{ours:?} {theirs:?}");
    }
}

#[test]
fn hostile_positions_give_no_shift_and_no_panic() {
    let chart = Chart::new(1, 1200.0);
    let r = chart.results("");
    let marks = chart.marks(&r, &chart.zoomed(0));
    let mut broken = marks.marks.clone();
    for m in &mut broken {
        m.at.x = f64::NAN;
    }
    let broken = TimelineMarks::new(broken, 0);
    assert_eq!(common_shift(&marks, &broken), None);
    assert_eq!(layer_transform(Point { x: f64::INFINITY, y: f64::NAN }), None);
    let g = MarkGeometry::of(&broken.marks[0], Point { x: 0.0, y: 0.0 });
    assert_eq!(g.at.0, 0);
}
