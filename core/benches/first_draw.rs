//! The first draw of a loaded corpus, natively: the view models the explorer computes
//! once a corpus is on screen, over each adversarial shape (`stance_core::synth::shapes`)
//! and the synthetic scaled corpus. Each line is the median CPU time of one view model
//! (what one step of the page's swap, or one memo of a view, computes in one task), so a
//! view model that grows faster than the corpus, or that is the page's longest task,
//! shows here without a browser.
//!
//! ```text
//! cargo bench -p stance-core --bench first_draw                       # every shape, 1 MiB, 3 runs
//! STANCE_BENCH_SHAPE=straight-quotes,tiny-documents STANCE_BENCH_MIB=8 cargo bench -p stance-core --bench first_draw
//! ```
//!
//! - `search`: `view::search` with no query (the results every view starts from).
//! - `timeline-data`: `TimelineData::new` (lanes by topic), once per corpus and lane mode.
//! - `mark-hits`: `MarkHits::new`, once per result set.
//! - `marks`: the statement and event marks at "fit all" on a 1000-pixel chart.
//! - `result-rows`: the first 50 rows of the result list.
//! - `documents`: `document_cards` (the documents screen).
//! - `table-order`: `table::row_order` (the table screen, unsorted).

#[path = "../tests/adversarial/shapes.rs"]
mod shapes;

use shapes::cpu_now;
use stance_core::search::Index;
use stance_core::timeline::LaneMode;
use stance_core::view::timeline::{event_marks, statement_marks_for, Frame, MarkHits, TimelineData};
use stance_core::view::{documents, results, search, table};
use stance_core::Corpus;
use std::hint::black_box;
use std::time::Duration;

fn env(name: &str, default: usize) -> usize {
    std::env::var(name).ok().and_then(|s| s.parse().ok()).unwrap_or(default)
}

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v.get(v.len() / 2).copied().unwrap_or_default()
}

/// Median CPU time of `f` over `runs` runs (what it returns is dropped outside the timing).
fn time<T>(runs: usize, mut f: impl FnMut() -> T) -> Duration {
    median(
        (0..runs)
            .map(|_| {
                let t = cpu_now();
                let out = black_box(f());
                let spent = cpu_now().saturating_sub(t);
                drop(out);
                spent
            })
            .collect(),
    )
}

fn ms(d: Duration) -> String {
    format!("{:.1}", d.as_secs_f64() * 1000.0)
}

fn row(name: &str, c: &Corpus, index: &Index, runs: usize) {
    let results = search(c, index, "", None);
    let data = TimelineData::new(c, LaneMode::Topic);
    let hits = MarkHits::new(&data, &results);
    let frame = Frame::new(1000.0, data.lanes.len());
    let scale = data.scale(&frame, None);
    let t_search = time(runs, || search(c, index, "", None));
    let t_data = time(runs, || TimelineData::new(c, LaneMode::Topic));
    let t_hits = time(runs, || MarkHits::new(&data, &results));
    let t_marks = time(runs, || (statement_marks_for(c, &data, &hits, None, &frame, &scale), event_marks(&data, &frame, &scale)));
    let t_rows = time(runs, || results::result_rows(c, &results, 50));
    let t_docs = time(runs, || documents::document_cards(c));
    let t_table = time(runs, || table::row_order(c, &results, None));
    println!(
        "{name:<28} {:>9} {:>7} {:>8} {:>9} {:>9} {:>7} {:>7} {:>9} {:>8} {:>9}",
        c.statements.len(),
        c.documents.len(),
        ms(t_search),
        ms(t_data),
        ms(t_hits),
        ms(t_marks),
        ms(t_rows),
        ms(t_docs),
        ms(t_table),
        data.lanes.len(),
    );
}

fn pieces(c: &Corpus, runs: usize) {
    use stance_core::timeline::{build_lanes, event_items, placements, LaneIndex};
    let all: Vec<usize> = (0..c.statements.len()).collect();
    let p = placements(c);
    let lanes = build_lanes(c, &all, LaneMode::Topic);
    let days: Vec<f64> = lanes[0].statements.iter().map(|&i| p[i].map_or(f64::INFINITY, |p| p.day)).collect();
    println!("  placements {} build_lanes {} event_items {} lane_index {} doc_dates {}",
        ms(time(runs, || placements(c))), ms(time(runs, || build_lanes(c, &all, LaneMode::Topic))), ms(time(runs, || event_items(c, &all))),
        ms(time(runs, || LaneIndex::new(&days, &lanes[0].statements))), ms(time(runs, || c.documents.iter().map(|d| d.meta.date.label()).collect::<Vec<_>>())));
}

fn main() {
    let filter = std::env::var("STANCE_BENCH_SHAPE").unwrap_or_default();
    let keys: Vec<&str> = filter.split(',').map(str::trim).filter(|k| !k.is_empty()).collect();
    let mib = env("STANCE_BENCH_MIB", 1);
    let runs = env("STANCE_BENCH_RUNS", 3).max(1);
    println!("{mib} MiB of text per shape; median CPU time (ms) of {runs} runs of each view model of the first draw");
    println!(
        "{:<28} {:>9} {:>7} {:>8} {:>9} {:>9} {:>7} {:>7} {:>9} {:>8} {:>9}",
        "shape", "stmts", "docs", "search", "tl-data", "mark-hits", "marks", "rows", "documents", "table", "lanes"
    );
    for shape in shapes::SHAPES.iter().filter(|s| !s.fails && (keys.is_empty() || keys.iter().any(|k| s.id == *k))) {
        let Ok(c) = stance_core::corpus::build(shapes::make(shape, mib << 20)) else { continue };
        let index = Index::build(&c);
        row(shape.id, &c, &index, runs);
        if std::env::var("STANCE_BENCH_PIECES").is_ok() { pieces(&c, runs); }
    }
}
