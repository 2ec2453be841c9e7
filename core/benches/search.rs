//! Search benchmarks: index build and a fixed query mix over the shipped corpus scaled
//! 1x and 100x (and 1000x with `STANCE_BENCH_1000=1`).
//!
//! ```text
//! CARGO_TARGET_DIR=/tmp/target-search cargo bench -p stance-core --bench search
//! STANCE_BENCH_1000=1 cargo bench -p stance-core --bench search
//! ```

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion};
use stance_core::corpus;
use stance_core::search::{Index, SearchOptions};
use stance_core::{synth, Corpus};
use std::hint::black_box;
use std::path::Path;
use std::time::Duration;

/// The query mix: single words, prefixes, typos, phrases, synonyms, filters.
pub const QUERIES: &[&str] = &[
    "security",
    "cyberspace",
    "sec",
    "informat",
    "cyberspase",
    "negotiatons",
    "\"information security\"",
    "\"rules of the road\"",
    "OEWG",
    "Krutskih",
    "united states cyber",
    "speaker:lyukmanov year:2022 security",
    "topic:sovereignty -nuclear",
    "kind:quote weapons",
];

fn shipped() -> Corpus {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../corpus");
    corpus::load_dir(&dir).and_then(corpus::build).unwrap_or_else(|e| panic!("the shipped corpus does not build:\n{e}"))
}

fn bench(c: &mut Criterion) {
    let base = shipped();
    let mut factors = vec![1usize, 100];
    if std::env::var_os("STANCE_BENCH_1000").is_some() {
        factors.push(1000);
    }
    for factor in factors {
        let corpus = synth::scale(&base, factor, 42);
        let bytes: usize = corpus.documents.iter().map(|d| d.text.len()).sum();
        eprintln!("{factor}x: {} documents, {} statements, {} bytes", corpus.documents.len(), corpus.statements.len(), bytes);
        let mut g = c.benchmark_group(format!("search-{factor}x"));
        g.sample_size(10).warm_up_time(Duration::from_millis(500)).measurement_time(Duration::from_secs(if factor >= 100 { 8 } else { 3 }));
        g.bench_function("build", |b| b.iter(|| black_box(Index::build(black_box(&corpus)))));
        let index = Index::build(&corpus);
        let opts = SearchOptions { limit: 20, ..Default::default() };
        for q in QUERIES {
            g.bench_with_input(BenchmarkId::new("query", q), q, |b, q| b.iter(|| black_box(index.search(&corpus, q, &opts))));
        }
        g.bench_function("query-mix", |b| {
            b.iter(|| {
                for q in QUERIES {
                    black_box(index.search(&corpus, q, &opts));
                }
            })
        });
        g.finish();
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);
