//! The staged load the app runs in its worker: the same corpus and index as a direct
//! build, progress that only moves forward, a stop at any report, problems as a direct
//! build reports them.

mod search_common;

use stance_core::load::{self, Assembler, LoadError, Part, Progress, Stage};
use stance_core::search::Index;
use stance_core::{corpus, synth, PackedCorpus};

/// A packed corpus `factor` times the shipped one, as `stance synth` writes it.
fn packed_json(factor: usize) -> String {
    let source = synth::scale_source(&search_common::shipped(), factor, 5);
    PackedCorpus::from_source(&source).unwrap_or_else(|e| panic!("{e}")).to_json()
}

fn run_all(json: &str) -> (Result<stance_core::Corpus, LoadError>, Vec<Progress>) {
    let mut seen = Vec::new();
    let result = load::run("big.json", json, &mut |p| {
        seen.push(p);
        true
    });
    (result, seen)
}

#[test]
fn staged_load_split_and_assembled_equals_a_direct_build() {
    let json = packed_json(30);
    let direct = PackedCorpus::parse("big.json", &json).and_then(|p| corpus::build(p.into_source("big.json"))).unwrap_or_else(|e| panic!("{e}"));
    let (result, _) = run_all(&json);
    let built = result.unwrap_or_else(|e| panic!("{e:?}"));
    assert_eq!(built, direct);

    let parts = load::split(built);
    let statement_parts = parts.iter().filter(|p| matches!(p, Part::Statements { .. })).count();
    assert!(statement_parts >= 2, "{} statements come in several parts", direct.statements.len());
    assert_eq!(statement_parts, direct.statements.len().div_ceil(load::PART_STATEMENTS));
    for p in &parts {
        match p {
            Part::Statements { statements } => assert!(!statements.is_empty() && statements.len() <= load::PART_STATEMENTS),
            Part::Documents { documents } => {
                let bytes: usize = documents.iter().map(|d| d.text.len()).sum();
                assert!(documents.len() == 1 || bytes <= load::PART_BYTES, "{} documents of {bytes} bytes in one part", documents.len());
            }
            Part::Header { meta, metas_follow, .. } => {
                assert!(*metas_follow && meta.documents.is_empty(), "the documents' metadata crosses once, with the documents")
            }
        }
    }
    // Through JSON, as the worker sends them.
    let mut parts = parts.into_iter().map(|p| serde_json::to_string(&p).unwrap_or_default());
    let mut assembler = Assembler::new(serde_json::from_str(&parts.next().unwrap_or_default()).unwrap_or_else(|e| panic!("{e}"))).unwrap_or_else(|e| panic!("{e}"));
    let mut last = assembler.progress().percent();
    for json in parts {
        assert!(!assembler.is_complete());
        assembler.push(serde_json::from_str(&json).unwrap_or_else(|e| panic!("{e}"))).unwrap_or_else(|e| panic!("{e}"));
        let now = assembler.progress().percent();
        assert!(now >= last);
        last = now;
    }
    assert!(assembler.is_complete());
    assert_eq!(last, 100);
    let (corpus, index) = assembler.finish().unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(corpus, direct);
    assert!(index == Index::build(&direct), "the index built part by part differs from Index::build");
}

#[test]
fn progress_reports_move_forward_through_the_stages() {
    let (result, seen) = run_all(&packed_json(3));
    assert!(result.is_ok());
    assert!(seen.len() >= 4, "{seen:?}");
    let stages: Vec<Stage> = seen.iter().map(|p| p.stage).collect();
    assert!(stages.windows(2).all(|w| w[0] <= w[1]), "stages out of order: {stages:?}");
    assert!(seen.windows(2).all(|w| w[0].percent() <= w[1].percent()), "percent went back: {seen:?}");
    assert_eq!(stages.first(), Some(&Stage::Parse));
    for stage in [Stage::Parse, Stage::Check, Stage::Load, Stage::Extract, Stage::Tag, Stage::Resolve] {
        assert!(stages.contains(&stage), "no report from {stage:?}: {stages:?}");
    }
    // Each step is reported once it is done.
    for stage in [Stage::Load, Stage::Extract, Stage::Tag] {
        assert!(seen.iter().any(|p| p.stage == stage && p.done == p.total), "{stage:?} not reported done: {seen:?}");
    }
    let last = seen.iter().rev().find(|p| p.stage == Stage::Resolve);
    assert!(last.is_some_and(|p| p.done == p.total), "the build ends with every selector resolved");
}

#[test]
fn progress_is_reported_per_document_in_bytes_of_text() {
    let json = packed_json(3);
    let packed = PackedCorpus::parse("big.json", &json).unwrap_or_else(|e| panic!("{e}"));
    let documents = packed.meta.documents.len();
    let text: usize = packed.texts.values().map(String::len).sum();
    assert!(documents >= 6, "{documents} documents");
    let (result, seen) = run_all(&json);
    assert!(result.is_ok());
    for stage in [Stage::Load, Stage::Extract, Stage::Tag] {
        let steps: Vec<&Progress> = seen.iter().filter(|p| p.stage == stage).collect();
        // One report as each document starts, and one at the end.
        assert_eq!(steps.len(), documents + 1, "{stage:?}: {steps:?}");
        assert!(steps.windows(2).all(|w| w[0].done < w[1].done), "{stage:?} does not move forward: {steps:?}");
        let total = if stage == Stage::Load { documents } else { text };
        assert!(steps.iter().all(|p| p.total == total), "{stage:?} counts {total} (documents or bytes of text): {steps:?}");
    }
    // The percent shown moves through the cutting of statements, not in one jump.
    let percents: std::collections::BTreeSet<u32> = seen.iter().filter(|p| p.stage == Stage::Extract).map(Progress::percent).collect();
    assert!(percents.len() >= 4, "{percents:?}");
}

#[test]
fn a_stop_at_any_report_cancels_the_load() {
    let json = packed_json(2);
    let (_, seen) = run_all(&json);
    for stop_at in 0..seen.len() {
        let mut calls = 0;
        let result = load::run("big.json", &json, &mut |_| {
            calls += 1;
            calls <= stop_at
        });
        assert_eq!(result, Err(LoadError::Cancelled), "stopping at report {stop_at}");
        assert_eq!(calls, stop_at + 1, "no report after the stop");
    }
}

#[test]
fn a_bad_corpus_reports_the_same_problems_as_a_direct_build() {
    let mut packed = PackedCorpus::parse("x", &packed_json(1)).unwrap_or_else(|e| panic!("{e}"));
    packed.meta.actors.push(packed.meta.actors[0].clone());
    packed.meta.title = String::new();
    let json = packed.to_json();
    let direct = corpus::build(packed.into_source("bad.json")).expect_err("a duplicate id and no title");
    let (result, _) = {
        let mut seen = Vec::new();
        (load::run("bad.json", &json, &mut |p| { seen.push(p); true }), seen)
    };
    assert_eq!(result, Err(LoadError::Problems(direct.clone())));
    assert!(direct.0.len() >= 2);
    let (garbage, _) = run_all("{\"kind\": 3}");
    match garbage {
        Err(LoadError::Problems(p)) => assert_eq!(p.0[0].file, "big.json"),
        other => panic!("{other:?}"),
    }
}

#[test]
fn a_header_keeps_document_metadata_that_differs_from_the_documents() {
    let json = packed_json(2);
    let (result, _) = run_all(&json);
    let mut built = result.unwrap_or_else(|e| panic!("{e:?}"));
    if let Some(m) = built.meta.documents.first_mut() {
        m.title.push_str(" (edited)");
    }
    let parts = load::split(built.clone());
    let Some(Part::Header { meta, metas_follow, .. }) = parts.first() else { panic!("the header comes first") };
    assert!(!metas_follow && meta.documents.len() == built.documents.len());
    let mut parts = parts.into_iter();
    let mut assembler = Assembler::new(parts.next().unwrap_or_else(|| panic!("a header"))).unwrap_or_else(|e| panic!("{e}"));
    for p in parts {
        assembler.push(p).unwrap_or_else(|e| panic!("{e}"));
    }
    let (corpus, _) = assembler.finish().unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(corpus, built);
}
