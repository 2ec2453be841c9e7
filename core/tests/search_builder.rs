//! The index built in steps ([`IndexBuilder`]) equals the one built in one go
//! ([`Index::build`]), whatever the batch sizes and however the statements arrive.

mod search_common;

use stance_core::search::{Index, IndexBuilder, SearchOptions};
use stance_core::{corpus, synth, Corpus};
use std::path::Path;

/// Builds the index of `corpus` adding `batch` statements at a time.
fn in_batches(corpus: &Corpus, batch: usize) -> Index {
    let mut builder = IndexBuilder::new(corpus);
    while builder.added() < corpus.statements.len() {
        let before = builder.added();
        builder.add(corpus, before + batch);
        assert_eq!(builder.added(), (before + batch).min(corpus.statements.len()), "add indexes exactly the batch");
    }
    builder.finish(corpus)
}

/// Builds the index while the statements arrive `batch` at a time, as they do from the
/// app's worker: the builder starts when only the metadata and documents are there.
fn as_they_arrive(corpus: &Corpus, batch: usize) -> Index {
    let mut growing = Corpus { statements: Vec::new(), ..corpus.clone() };
    let mut builder = IndexBuilder::new(&growing);
    for chunk in corpus.statements.chunks(batch) {
        growing.statements.extend_from_slice(chunk);
        builder.add(&growing, growing.statements.len());
    }
    builder.finish(&growing)
}

fn corpora() -> Vec<(&'static str, Corpus)> {
    let shipped = search_common::shipped();
    let second = corpus::load_dir(&Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/second")).and_then(corpus::build).unwrap_or_else(|e| panic!("fixture: {e}"));
    // Statements naming a speaker and a topic the metadata lacks, and a span outside its
    // document: facet values added while indexing, and an empty statement.
    let mut odd = search_common::fixture::standard();
    if let Some(s) = odd.statements.first().cloned() {
        let mut stray = s.clone();
        stray.speaker = Some("nobody-listed".into());
        stray.topics = vec!["unlisted-topic".into()];
        odd.statements.push(stray);
        let mut outside = s;
        outside.start = usize::MAX - 1;
        outside.end = usize::MAX;
        odd.statements.push(outside);
    }
    let scaled = synth::scale(&shipped, 20, 3);
    vec![("shipped", shipped), ("second", second), ("odd", odd), ("synth 20x", scaled)]
}

#[test]
fn incremental_build_equals_one_shot_build() {
    for (name, corpus) in corpora() {
        let whole = Index::build(&corpus);
        assert!(whole.token_count() > 0, "{name}: the corpus has words");
        for batch in [1, 7, 500, usize::MAX / 2] {
            assert!(in_batches(&corpus, batch) == whole, "{name}: batches of {batch} give another index");
            assert!(as_they_arrive(&corpus, batch.min(corpus.statements.len().max(1))) == whole, "{name}: arriving {batch} at a time gives another index");
        }
    }
}

/// Finishes `builder` in slices of `budget` units, counting the steps.
fn finish_in_slices(builder: IndexBuilder, corpus: &Corpus, budget: usize) -> (Index, usize) {
    let mut finish = builder.finishing();
    let mut steps = 1;
    while !finish.step(corpus, budget) {
        steps += 1;
    }
    (finish.into_index(corpus), steps)
}

#[test]
fn finishing_in_slices_equals_finishing_at_once() {
    for (name, corpus) in corpora() {
        let whole = Index::build(&corpus);
        let mut last_steps = usize::MAX;
        for budget in [1, 3, 64, 4096, usize::MAX] {
            let mut builder = IndexBuilder::new(&corpus);
            builder.add(&corpus, corpus.statements.len());
            let (index, steps) = finish_in_slices(builder, &corpus, budget);
            assert!(index == whole, "{name}: finishing in slices of {budget} gives another index");
            assert!(steps <= last_steps, "{name}: a larger budget takes more steps ({steps} > {last_steps})");
            last_steps = steps;
        }
        // Slices of one unit: about one step per token, statement and term.
        let tokens = whole.token_count();
        let mut builder = IndexBuilder::new(&corpus);
        builder.add(&corpus, corpus.statements.len());
        let (_, steps) = finish_in_slices(builder, &corpus, 1);
        assert!(steps >= 2 * tokens, "{name}: {steps} steps of one unit for {tokens} tokens");
    }
    // A finish stopped half-way completes in into_index.
    let corpus = search_common::shipped();
    let mut builder = IndexBuilder::new(&corpus);
    builder.add(&corpus, corpus.statements.len());
    let mut finish = builder.finishing();
    assert!(!finish.step(&corpus, 10));
    assert!(finish.into_index(&corpus) == Index::build(&corpus));
}

#[test]
fn incremental_index_searches_like_the_one_shot_index() {
    let corpus = synth::scale(&search_common::shipped(), 5, 11);
    let whole = Index::build(&corpus);
    let stepped = as_they_arrive(&corpus, 13);
    for q in ["security", "krutskih", "\"information security\"", "speaker:krutskikh year:2017..2019", "cyb"] {
        let a = whole.search(&corpus, q, &SearchOptions::default());
        let b = stepped.search(&corpus, q, &SearchOptions::default());
        assert_eq!(a, b, "query {q}");
    }
}

#[test]
fn a_builder_with_nothing_added_gives_an_empty_index() {
    let corpus = search_common::shipped();
    let index = IndexBuilder::new(&corpus).finish(&Corpus { statements: Vec::new(), ..corpus.clone() });
    assert!(index.is_empty());
    assert_eq!(index.token_count(), 0);
    assert_eq!(index, Index::build(&Corpus { statements: Vec::new(), ..corpus }));
}

#[test]
fn a_huge_word_costs_what_its_first_bytes_cost_and_is_still_found() {
    use stance_core::search::tokenize::MAX_WORD_BYTES;
    use stance_core::synth::shapes;
    let shape = shapes::find("huge-word").unwrap_or_else(|| panic!("no huge-word shape"));
    let corpus = shape.source(64 * 1024).and_then(corpus::build).unwrap_or_else(|e| panic!("{e}"));
    let index = Index::build(&corpus);
    // One token, whose dictionary word is the word's first bytes only.
    assert_eq!(index.token_count(), 1);
    let stepped = in_batches(&corpus, 1);
    assert!(stepped == index);
    let opts = SearchOptions::default();
    let word = "a".repeat(MAX_WORD_BYTES * 2);
    for q in [word.as_str(), &word[..MAX_WORD_BYTES], &word[..MAX_WORD_BYTES + 1]] {
        assert_eq!(index.search(&corpus, q, &opts).hits.len(), 1, "a query of {} letters", q.len());
    }
    // A shorter word is another word (found by prefix only when asked).
    assert_eq!(index.search(&corpus, &format!("\"{}\"", &word[..MAX_WORD_BYTES - 1]), &opts).hits.len(), 0);
}
