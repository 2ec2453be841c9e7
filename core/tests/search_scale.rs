//! Scale checks of the search over the synthetic corpus (timings are printed; run with
//! `cargo test -p stance-core --release --test search_scale -- --ignored --nocapture`).

mod search_common;

use stance_core::search::{Index, SearchOptions};
use stance_core::synth;
use std::time::Instant;

#[test]
fn synthetic_corpus_is_deterministic_and_searchable() {
    let base = search_common::shipped();
    let a = synth::scale(&base, 3, 7);
    let b = synth::scale(&base, 3, 7);
    assert_eq!(a, b);
    assert_eq!(a.documents.len(), base.documents.len() * 3);
    assert!(a.statements.len() > base.statements.len() * 2);
    let index = Index::build(&a);
    let r = index.search(&a, "security", &SearchOptions::default());
    assert!(r.total > 0);
    assert!(!r.facets.year.is_empty());
    assert_eq!(synth::scale(&base, 1, 7), base);
}

/// The few best hits (selected through a heap when many match and no rest is kept)
/// are exactly the first hits of the full ranking (kept with `keep_rest`): same
/// statements, scores and order, for every limit and offset.
#[test]
fn top_hits_are_the_head_of_the_full_ranking() {
    let base = search_common::shipped();
    let corpus = synth::scale(&base, 4, 11);
    let index = Index::build(&corpus);
    let mut checked = 0;
    for q in ["security", "sec", "cyberspase", "information security", "united states cyber", "c", "the", "krutskih", "topic:sovereignty -nuclear"] {
        for (limit, offset) in [(1, 0), (5, 0), (20, 0), (20, 3), (7, 11)] {
            let few = index.search(&corpus, q, &SearchOptions { limit, offset, ..Default::default() });
            let all = index.search(&corpus, q, &SearchOptions { limit, offset, keep_rest: true, ..Default::default() });
            assert_eq!(few.hits, all.hits, "{q} limit {limit} offset {offset}");
            assert_eq!(few.total, all.total);
            assert_eq!(few.facets, all.facets);
            if few.total > 8 * (limit + offset) {
                checked += 1;
            }
        }
    }
    // The heap path was taken for most of them.
    assert!(checked > 20, "{checked}");
}

#[test]
#[ignore]
fn timings() {
    let base = search_common::shipped();
    let factors: Vec<usize> = std::env::var("STANCE_FACTORS").ok().map(|s| s.split(',').filter_map(|x| x.parse().ok()).collect()).unwrap_or(vec![1, 100, 1000]);
    for factor in factors {
        let t = Instant::now();
        let corpus = synth::scale(&base, factor, 42);
        let gen = t.elapsed();
        let bytes: usize = corpus.documents.iter().map(|d| d.text.len()).sum();
        let t = Instant::now();
        let mut nw = 0usize;
        for st in &corpus.statements {
            stance_core::search::tokenize::for_each_word(corpus.statement_text(st), |_, _| nw += 1);
        }
        println!("   words only: {nw} in {:?}", t.elapsed());
        let t = Instant::now();
        let mut buf = String::new();
        for st in &corpus.statements {
            stance_core::search::tokenize::for_each_word(corpus.statement_text(st), |_, w| { buf.clear(); stance_core::search::tokenize::fold_into(w, &mut buf); nw += buf.len(); });
        }
        println!("   words+fold: {nw} in {:?}", t.elapsed());
        let t = Instant::now();
        let index = Index::build(&corpus);
        let build = t.elapsed();
        println!("{factor}x: {} docs, {} statements, {} MB, {} words, {} tokens; generate {:?}, build {:?}", corpus.documents.len(), corpus.statements.len(), bytes >> 20, index.word_count(), index.token_count(), gen, build);
        for q in ["security", "sec", "cyberspase", "\"rules of the road\"", "OEWG", "speaker:lyukmanov year:2022 security", "united states cyber"] {
            let t = Instant::now();
            let mut total = 0;
            for _ in 0..10 {
                total = index.search(&corpus, q, &SearchOptions { limit: 20, ..Default::default() }).total;
            }
            println!("   {q:40} {:>8.3} ms  ({total} hits)", t.elapsed().as_secs_f64() * 100.0);
        }
    }
}

/// For profiling: `STANCE_PROFILE_QUERY=OEWG cargo test --release --test search_scale profile -- --ignored`.
#[test]
#[ignore]
fn profile() {
    let base = search_common::shipped();
    let corpus = synth::scale(&base, 1000, 42);
    let index = Index::build(&corpus);
    let q = std::env::var("STANCE_PROFILE_QUERY").unwrap_or("OEWG".into());
    let runs: u32 = std::env::var("STANCE_PROFILE_RUNS").ok().and_then(|s| s.parse().ok()).unwrap_or(500);
    let t = Instant::now();
    for _ in 0..runs {
        std::hint::black_box(index.search(&corpus, &q, &SearchOptions { limit: 20, ..Default::default() }));
    }
    println!("{q}: {:.3} ms", t.elapsed().as_secs_f64() * 1000.0 / f64::from(runs));
}

/// For profiling the build: `STANCE_PROFILE_FACTOR=1 cargo test --release --test search_scale profile_build -- --ignored`.
#[test]
#[ignore]
fn profile_build() {
    let base = search_common::shipped();
    let factor = std::env::var("STANCE_PROFILE_FACTOR").ok().and_then(|s| s.parse().ok()).unwrap_or(1);
    let corpus = synth::scale(&base, factor, 42);
    let runs: u32 = std::env::var("STANCE_PROFILE_RUNS").ok().and_then(|s| s.parse().ok()).unwrap_or(100);
    let t = Instant::now();
    for _ in 0..runs {
        std::hint::black_box(Index::build(&corpus));
    }
    println!("build {factor}x: {:.3} ms", t.elapsed().as_secs_f64() * 1000.0 / f64::from(runs));
}
