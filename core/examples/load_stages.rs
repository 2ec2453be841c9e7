//! The worker's side of a corpus load, natively, stage by stage: parsing the packed
//! JSON, each stage of `corpus::build_in_steps` (timed from one stage's first report to
//! the next stage's), cutting the corpus into parts and writing each part's JSON (what
//! `src/worker.rs` does before posting it); then the page's side in one go (reading each
//! part's JSON, the `Assembler`, the index's last step, the timeline's data). Wasm in
//! Chromium runs about 1.5 to 2 times slower than this.
//!
//! ```text
//! cargo run --release -p stance-core --example load_stages -- [FACTOR=1000]
//! cargo run --release -p stance-core --example load_stages -- straight-quotes [MIB=1]
//! ```

use stance_core::corpus::{self, PackedCorpus};
use stance_core::load::{self, Assembler, Part, Stage};
use stance_core::timeline::LaneMode;
use stance_core::view::timeline::TimelineData;
use stance_core::synth;
use std::path::Path;
use std::time::{Duration, Instant};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let first = args.first().cloned().unwrap_or_else(|| "1000".into());
    let source = match first.parse::<usize>() {
        Ok(factor) => {
            let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../corpus");
            let base = corpus::load_dir(&dir).and_then(corpus::build).unwrap_or_else(|e| panic!("the shipped corpus does not build:\n{e}"));
            synth::scale_source(&base, factor, 42)
        }
        Err(_) => {
            let shape = synth::shapes::find(&first).unwrap_or_else(|| panic!("no shape {first}"));
            let mib: usize = args.get(1).and_then(|m| m.parse().ok()).unwrap_or(1);
            shape.source(mib << 20).unwrap_or_else(|e| panic!("{e}"))
        }
    };
    let json = PackedCorpus::from_source(&source).unwrap_or_else(|e| panic!("{e}")).to_json();
    println!("{first}: {} bytes of packed JSON", json.len());
    let mut rows: Vec<(String, Duration)> = Vec::new();
    let start = Instant::now();
    let mut last: Option<(Stage, Instant)> = None;
    let mut stages: Vec<(Stage, Duration)> = Vec::new();
    let (corpus, skipped) = load::run_file("synth", &json, &mut |p| {
        let now = Instant::now();
        match last {
            Some((stage, _)) if stage == p.stage => {}
            Some((stage, t)) => {
                stages.push((stage, now - t));
                last = Some((p.stage, now));
            }
            None => last = Some((p.stage, start)),
        }
        true
    })
    .unwrap_or_else(|e| panic!("{e:?}"));
    if let Some((stage, t)) = last {
        stages.push((stage, t.elapsed()));
    }
    for (stage, d) in stages {
        rows.push((format!("worker: {stage:?}"), d));
    }
    let t = Instant::now();
    let parts = load::split_with_skipped(corpus, skipped);
    rows.push((format!("worker: split ({} parts)", parts.len()), t.elapsed()));
    let t = Instant::now();
    let jsons: Vec<Vec<u8>> = parts.iter().map(|p| serde_json::to_vec(p).unwrap_or_default()).collect();
    rows.push((format!("worker: parts to JSON ({} bytes)", jsons.iter().map(Vec::len).sum::<usize>()), t.elapsed()));
    drop(parts);
    let t = Instant::now();
    let parsed: Vec<Part> = jsons.iter().map(|j| serde_json::from_str(std::str::from_utf8(j).unwrap_or("")).unwrap_or_else(|e| panic!("{e}"))).collect();
    rows.push(("page: parts from JSON".into(), t.elapsed()));
    let t = Instant::now();
    let mut parsed = parsed.into_iter();
    let mut a = Assembler::new(parsed.next().unwrap_or_else(|| panic!("no parts"))).unwrap_or_else(|e| panic!("{e}"));
    for p in parsed {
        a.push(p).unwrap_or_else(|e| panic!("{e}"));
    }
    rows.push(("page: Assembler (index add)".into(), t.elapsed()));
    let t = Instant::now();
    let (corpus, _index) = a.finish().unwrap_or_else(|e| panic!("{e}"));
    rows.push(("page: index finish".into(), t.elapsed()));
    let t = Instant::now();
    std::hint::black_box(TimelineData::new(&corpus, LaneMode::default()));
    rows.push(("page: TimelineData::new".into(), t.elapsed()));
    let total: Duration = rows.iter().map(|r| r.1).sum();
    for (name, d) in &rows {
        println!("{:>10.1?}  {name}", d);
    }
    println!("{total:>10.1?}  in all");
}
