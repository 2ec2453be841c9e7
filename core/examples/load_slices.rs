//! The page's side of a corpus load, natively: every piece of work the app runs in a
//! task of its own (indexing each part as it arrives, each slice of the index's last
//! step, building the timeline's data), timed, with the longest ones printed. A native
//! stand-in for the browser's long-task measure that does not need a release build;
//! wasm in Chromium runs about 1.5 to 2 times slower than this.
//!
//! ```text
//! cargo run --release -p stance-core --example load_slices -- [FACTOR=1000]
//! cargo run --release -p stance-core --example load_slices -- huge-word [MIB=1]
//! ```

use stance_core::load::{self, Assembler, Part, FINISH_BUDGET};
use stance_core::synth::shapes;
use stance_core::timeline::LaneMode;
use stance_core::view::timeline::TimelineData;
use stance_core::{corpus, synth, Corpus};
use std::path::Path;
use std::time::{Duration, Instant};

fn shipped() -> Corpus {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../corpus");
    corpus::load_dir(&dir).and_then(corpus::build).unwrap_or_else(|e| panic!("the shipped corpus does not build:\n{e}"))
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let first = args.first().cloned().unwrap_or_else(|| "1000".into());
    let corpus = match first.parse::<usize>() {
        Ok(factor) => synth::scale(&shipped(), factor, 42),
        Err(_) => {
            let shape = shapes::find(&first).unwrap_or_else(|| panic!("no shape {first}"));
            let mib: usize = args.get(1).and_then(|m| m.parse().ok()).unwrap_or(1);
            let source = shape.source(mib << 20).unwrap_or_else(|e| panic!("{e}"));
            corpus::build(source).unwrap_or_else(|e| panic!("{e}"))
        }
    };
    println!("{} documents, {} statements, {} bytes of text", corpus.documents.len(), corpus.statements.len(), corpus.documents.iter().map(|d| d.text.len()).sum::<usize>());
    let parts: Vec<String> = load::split(corpus).iter().map(|p| serde_json::to_string(p).unwrap_or_default()).collect();
    let mut tasks: Vec<(String, Duration)> = Vec::new();
    fn timed<T>(tasks: &mut Vec<(String, Duration)>, name: String, f: impl FnOnce() -> T) -> T {
        let t = Instant::now();
        let out = f();
        tasks.push((name, t.elapsed()));
        out
    }
    let mut assembler: Option<Assembler> = None;
    for (i, json) in parts.iter().enumerate() {
        timed(&mut tasks, format!("part {i}"), || {
            let part: Part = serde_json::from_str(json).unwrap_or_else(|e| panic!("{e}"));
            match assembler.as_mut() {
                Some(a) => a.push(part).unwrap_or_else(|e| panic!("{e}")),
                None => assembler = Some(Assembler::new(part).unwrap_or_else(|e| panic!("{e}"))),
            }
        });
    }
    let mut finishing = assembler.map(|a| a.finishing().unwrap_or_else(|e| panic!("{e}"))).unwrap_or_else(|| panic!("no parts"));
    let mut slice = 0;
    loop {
        let done = timed(&mut tasks, format!("finish step {slice}"), || finishing.step(FINISH_BUDGET));
        slice += 1;
        if done {
            break;
        }
    }
    let (corpus, index) = timed(&mut tasks, "finish".into(), || finishing.finish());
    println!("{} actors, {} topics, {} words, {} terms, {} tokens", corpus.meta.actors.len(), corpus.meta.topics.len(), index.word_count(), index.term_count(), index.token_count());
    timed(&mut tasks, "TimelineData::new".into(), || std::hint::black_box(TimelineData::new(&corpus, LaneMode::default())));
    // The swap's `Results` step: the results of the blank query (what the page shows first).
    timed(&mut tasks, "results of the blank query".into(), || std::hint::black_box(stance_core::view::search(&corpus, &index, "", None)));
    if std::env::var_os("STANCE_ALL").is_some() {
        for (name, d) in &tasks {
            println!("{:>10.2?}  {name}", d);
        }
    }
    let total: Duration = tasks.iter().map(|t| t.1).sum();
    println!("{} tasks, {total:.1?} in all", tasks.len());
    tasks.sort_by(|a, b| b.1.cmp(&a.1));
    for (name, d) in tasks.iter().take(8) {
        println!("{:>10.2?}  {name}", d);
    }
}
