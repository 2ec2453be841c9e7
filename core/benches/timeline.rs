//! Per-frame timeline view model: what the chart recomputes on a zoom step, a pan step
//! and a keystroke, over the shipped corpus scaled 1x, 100x and 1000x
//! (`STANCE_BENCH_1000=0` leaves 1000x out).
//!
//! ```text
//! cargo bench -p stance-core --bench timeline
//! ```
//!
//! - `data`: [`TimelineData::new`], once per corpus and lane mode (the swap's share).
//! - `first-draw`: the marks, events, ticks and lanes at "fit all".
//! - `zoom-step`: one "+" from fit: the new scale's marks, events and ticks.
//! - `pan-step`: one arrow-key pan at that zoom.
//! - `pan-offset`: what the renderer adds to a pan step: the marks' layer's new offset
//!   (`view::timeline_shift::next_offset`) and each mark's geometry inside it.
//! - `results-change`: the marks again after a query changes which statements are hits
//!   (the hits per lane, [`MarkHits`], once, then the marks).
//! - `keystroke-c`, `keystroke-cyber`: what a keystroke computes in the core: the search
//!   (`view::search`: the best 400 ranked, the rest unranked) and the marks' hits and
//!   marks; "c" (a one-letter prefix) matches most statements.

use criterion::{criterion_group, criterion_main, Criterion};
use stance_core::corpus;
use stance_core::search::Index;
use stance_core::timeline::{LaneMode, TimeScale};
use stance_core::view::search;
use stance_core::view::timeline::{event_marks, lane_views, statement_marks_for, tick_views, ChartAction, Frame, MarkHits, Point, TimelineData};
use stance_core::view::timeline_shift::{next_offset, MarkGeometry};
use stance_core::view::Intent;
use stance_core::{synth, Corpus};
use std::hint::black_box;
use std::path::Path;
use std::time::Duration;

fn shipped() -> Corpus {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../corpus");
    corpus::load_dir(&dir).and_then(corpus::build).unwrap_or_else(|e| panic!("the shipped corpus does not build:\n{e}"))
}

/// The scale an action leads to from `scale`.
fn after(action: ChartAction, scale: &TimeScale, data: &TimelineData) -> TimeScale {
    match action.intent(scale, data) {
        Some(Intent::SetZoom(Some(domain))) => TimeScale::new(domain, scale.range()),
        _ => *scale,
    }
}

/// Everything the chart draws for one scale (the hits per lane are made once per
/// result set, as the app's memo does).
fn frame_views(c: &Corpus, data: &TimelineData, hits: &MarkHits, frame: &Frame, scale: &TimeScale) -> usize {
    let marks = statement_marks_for(c, data, hits, None, frame, scale);
    let events = event_marks(data, frame, scale);
    let ticks = tick_views(frame, scale);
    marks.marks.len() + events.marks.len() + ticks.len()
}

fn bench(c: &mut Criterion) {
    let base = shipped();
    let mut factors = vec![1usize, 100];
    if std::env::var("STANCE_BENCH_1000").map_or(true, |v| v != "0") {
        factors.push(1000);
    }
    for factor in factors {
        let corpus = synth::scale(&base, factor, 42);
        let index = Index::build(&corpus);
        let all = MarkHits::new(&TimelineData::new(&corpus, LaneMode::Topic), &search(&corpus, &index, "", None));
        let some = search(&corpus, &index, "cyber", None);
        let frame = Frame::new(1280.0, 1);
        let data = TimelineData::new(&corpus, LaneMode::Topic);
        let frame = Frame::new(frame.width, data.lanes.len());
        let fit = data.scale(&frame, None);
        let zoomed = after(ChartAction::ZOOM_IN, &fit, &data);
        let panned = after(ChartAction::PanShare(0.2), &zoomed, &data);
        eprintln!(
            "{factor}x: {} statements, {} lanes, {} marks at fit, {} after a zoom step",
            corpus.statements.len(),
            data.lanes.len(),
            statement_marks_for(&corpus, &data, &all, None, &frame, &fit).marks.len(),
            statement_marks_for(&corpus, &data, &all, None, &frame, &zoomed).marks.len()
        );
        let mut g = c.benchmark_group(format!("timeline-{factor}x"));
        g.sample_size(10).warm_up_time(Duration::from_millis(300)).measurement_time(Duration::from_secs(if factor >= 100 { 4 } else { 2 }));
        g.bench_function("data", |b| b.iter(|| black_box(TimelineData::new(black_box(&corpus), LaneMode::Topic))));
        g.bench_function("first-draw", |b| {
            b.iter(|| black_box(frame_views(&corpus, &data, &all, &frame, &fit) + lane_views(&frame, &data.lanes).len()))
        });
        g.bench_function("zoom-step", |b| {
            b.iter(|| {
                let s = after(ChartAction::ZOOM_IN, black_box(&fit), &data);
                black_box(frame_views(&corpus, &data, &all, &frame, &s))
            })
        });
        g.bench_function("pan-step", |b| {
            b.iter(|| {
                let s = after(ChartAction::PanShare(0.2), black_box(&zoomed), &data);
                black_box(frame_views(&corpus, &data, &all, &frame, &s))
            })
        });
        // What the renderer adds to a pan step: the layer's new offset (a look-up by key
        // per mark) and each mark's geometry inside it.
        let (zoomed_marks, panned_marks) =
            (statement_marks_for(&corpus, &data, &all, None, &frame, &zoomed), statement_marks_for(&corpus, &data, &all, None, &frame, &panned));
        g.bench_function("pan-offset", |b| {
            b.iter(|| {
                let offset = next_offset(black_box(&zoomed_marks), black_box(&panned_marks), Point { x: 0.0, y: 0.0 });
                black_box(panned_marks.marks.iter().map(|m| MarkGeometry::of(m, offset).at.0).sum::<i64>())
            })
        });
        g.bench_function("results-change", |b| {
            b.iter(|| black_box(statement_marks_for(&corpus, &data, &MarkHits::new(&data, black_box(&some)), None, &frame, &panned)))
        });
        for q in ["c", "cyber"] {
            g.bench_function(format!("keystroke-{q}"), |b| {
                b.iter(|| {
                    let r = search(&corpus, &index, black_box(q), None);
                    black_box(statement_marks_for(&corpus, &data, &MarkHits::new(&data, &r), None, &frame, &panned).marks.len() + r.hit_count())
                })
            });
        }
        g.finish();
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);
