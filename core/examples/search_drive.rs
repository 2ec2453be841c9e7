//! A small driver for instruction counts of the search index (stable under load, unlike
//! wall time): builds the shipped corpus scaled FACTOR times, then either builds the
//! index REPS times, runs the query mix of `bench/web/bench.js` REPS times, or (mode
//! `keys`) runs the app's search ([`stance_core::view::search`]: the results of one
//! keystroke) for each prefix of "cyber", as `bench/run-app-bench.mjs` types it, REPS times.
//!
//! ```text
//! cargo build --release -p stance-core --example search_drive
//! valgrind --tool=callgrind --toggle-collect='search_drive::work_build' \
//!   target/release/examples/search_drive 1 build 20
//! valgrind --tool=callgrind --toggle-collect='search_drive::work_query' \
//!   target/release/examples/search_drive 100 query 1
//! valgrind --tool=callgrind --toggle-collect='search_drive::work_keys' \
//!   target/release/examples/search_drive 1000 keys 1
//! ```
//!
//! Built with the release profile (`opt-level = "z"`, as the wasm ships), so counts
//! resemble what the browser runs. Only `work_build` / `work_query` / `work_keys` is counted with `--toggle-collect`.

use stance_core::corpus;
use stance_core::search::{Index, SearchOptions};
use stance_core::{synth, Corpus};
use std::hint::black_box;
use std::path::Path;

/// The query mix of the in-browser bench (`bench/web/bench.js`).
const QUERIES: &[&str] = &[
    "security", "cyberspace", "sec", "informat", "cyberspase", "negotiatons", "information security", "rules of the road", "OEWG", "Krutskih",
    "united states cyber",
];

#[inline(never)]
fn work_build(corpus: &Corpus, reps: usize) -> usize {
    let mut n = 0;
    for _ in 0..reps {
        n += black_box(Index::build(black_box(corpus))).token_count();
    }
    n
}

#[inline(never)]
fn work_query(corpus: &Corpus, index: &Index, reps: usize, only: Option<&str>) -> usize {
    let mut n = 0;
    let opts = SearchOptions { limit: 20, ..Default::default() };
    for _ in 0..reps {
        for q in QUERIES.iter().filter(|q| only.is_none_or(|o| o == **q)) {
            n += black_box(index.search(corpus, q, &opts)).total;
        }
    }
    n
}

#[inline(never)]
fn work_keys(corpus: &Corpus, index: &Index, reps: usize, only: Option<&str>) -> usize {
    let mut n = 0;
    for _ in 0..reps {
        for k in 1..=5 {
            let typed = &"cyber"[..k];
            if only.is_some_and(|o| o != typed) {
                continue;
            }
            let t = std::time::Instant::now();
            n += black_box(stance_core::view::search(corpus, index, black_box(typed), None)).hit_count();
            eprintln!("  {typed:<6} {:.2?}", t.elapsed());
        }
    }
    n
}

fn main() {
    let mut args = std::env::args().skip(1);
    let factor: usize = args.next().and_then(|a| a.parse().ok()).unwrap_or(1);
    let mode = args.next().unwrap_or_else(|| "build".into());
    let reps: usize = args.next().and_then(|a| a.parse().ok()).unwrap_or(1);
    let only = args.next();
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../corpus");
    let base = corpus::load_dir(&dir).and_then(corpus::build).unwrap_or_else(|e| panic!("the shipped corpus does not build:\n{e}"));
    let corpus = synth::scale(&base, factor, 42);
    let index = if mode == "build" { None } else { Some(Index::build(&corpus)) };
    if let Some(i) = &index {
        eprintln!("{} statements, {} tokens, {} words, {} terms", i.len(), i.token_count(), i.word_count(), i.term_count());
    }
    let t = std::time::Instant::now();
    let n = match &index {
        None => work_build(&corpus, reps),
        Some(index) if mode == "keys" => work_keys(&corpus, index, reps, only.as_deref()),
        Some(index) => work_query(&corpus, index, reps, only.as_deref()),
    };
    eprintln!("{factor}x {mode} x{reps}: {n} ({:.2?})", t.elapsed());
}
