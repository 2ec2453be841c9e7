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
            Part::Header { meta, metas_follow, tail_follows, .. } => {
                assert!(*metas_follow && meta.documents.is_empty(), "the documents' metadata crosses once, with the documents");
                assert!(!tail_follows);
            }
            Part::Tail { .. } => panic!("a one-shot split needs no tail"),
        }
    }
    // Through JSON, as the worker sends them.
    let mut parts = parts.into_iter().map(|p| serde_json::to_string(&p).unwrap_or_default());
    let mut assembler = Assembler::new(serde_json::from_str(&parts.next().unwrap_or_default()).unwrap_or_else(|e| panic!("{e}"))).unwrap_or_else(|e| panic!("{e}"));
    let mut last = assembler.progress().map_or(0, |p| p.percent());
    for json in parts {
        assert!(!assembler.is_complete());
        assembler.push(serde_json::from_str(&json).unwrap_or_else(|e| panic!("{e}"))).unwrap_or_else(|e| panic!("{e}"));
        let now = assembler.progress().unwrap_or_else(|| panic!("a one-shot header says how many statements come")).percent();
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

/// What `load::stream_file` did, in order: each progress report and each part sent.
#[derive(Debug)]
enum Event {
    Report(Progress),
    Sent(Part),
}

fn stream_all(json: &str) -> (Result<(), LoadError>, Vec<Event>) {
    let events = std::cell::RefCell::new(Vec::new());
    let result = load::stream_file(
        "big.json",
        json,
        &mut |p| {
            events.borrow_mut().push(Event::Report(p));
            true
        },
        &mut |bytes| {
            let part = serde_json::from_slice(&bytes).unwrap_or_else(|e| panic!("a part that does not read back: {e}"));
            events.borrow_mut().push(Event::Sent(part));
            true
        },
    );
    (result, events.into_inner())
}

/// The parts of `events` fed in order to an `Assembler`: the corpus and its index when
/// complete.
fn assemble(events: Vec<Event>) -> Result<(stance_core::Corpus, Index), String> {
    let mut parts = events.into_iter().filter_map(|e| match e {
        Event::Sent(p) => Some(p),
        Event::Report(_) => None,
    });
    let mut a = Assembler::new(parts.next().ok_or("no parts")?)?;
    let mut last = 0;
    for p in parts {
        a.push(p)?;
        if let Some(now) = a.progress().map(|p| p.percent()) {
            assert!(now >= last, "the page's progress went back");
            last = now;
        }
    }
    a.finish()
}

fn direct_build(json: &str) -> stance_core::Corpus {
    PackedCorpus::parse("big.json", json).and_then(|p| corpus::build(p.into_source("big.json"))).unwrap_or_else(|e| panic!("{e}"))
}

#[test]
fn a_streamed_load_gives_the_corpus_and_index_of_a_direct_build_and_sends_while_tagging() {
    // Each document with a topic of its own that sorts before the topics its statements'
    // keywords give them (which resolving sorts last).
    let mut packed = PackedCorpus::parse("x", &packed_json(30)).unwrap_or_else(|e| panic!("{e}"));
    let first_topic = packed.meta.topics.iter().map(|t| t.id.clone()).min().unwrap_or_default();
    for d in &mut packed.meta.documents {
        d.topics = vec![first_topic.clone()];
    }
    let json = packed.to_json();
    let direct = direct_build(&json);
    let (result, events) = stream_all(&json);
    assert_eq!(result, Ok(()));
    // The documents are sent before statements are cut, statements while they are
    // tagged (several parts before the last tagging report), and the tail after.
    let first_extract = events.iter().position(|e| matches!(e, Event::Report(p) if p.stage == Stage::Extract));
    let last_document = events.iter().rposition(|e| matches!(e, Event::Sent(Part::Documents { .. })));
    assert!(last_document < first_extract, "the documents go before statements are cut");
    let last_tag = events.iter().rposition(|e| matches!(e, Event::Report(p) if p.stage == Stage::Tag)).unwrap_or(0);
    let early = events[..last_tag].iter().filter(|e| matches!(e, Event::Sent(Part::Statements { .. }))).count();
    let all = events.iter().filter(|e| matches!(e, Event::Sent(Part::Statements { .. }))).count();
    assert!(early >= all / 2 && early >= 2, "{early} of {all} statement parts sent while tagging");
    assert_eq!(all, direct.statements.len().div_ceil(load::PART_STATEMENTS));
    for e in &events {
        if let Event::Sent(Part::Statements { statements }) = e {
            assert!(!statements.is_empty() && statements.len() <= load::PART_STATEMENTS);
        }
    }
    let tails = events.iter().filter(|e| matches!(e, Event::Sent(Part::Tail { .. }))).count();
    assert_eq!(tails, 1);
    let (corpus, index) = assemble(events).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(corpus, direct);
    assert!(index == Index::build(&direct), "the index of the streamed parts differs from Index::build");
}

#[test]
fn a_streamed_load_holds_back_what_overrides_and_tags_change() {
    // The second fixture's tag quotes its document "qa"; add an override that splits a
    // statement of the first document and another that removes one of "qa".
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/second");
    let packed = corpus::pack_dir(&dir).unwrap_or_else(|e| panic!("{e}"));
    let built = corpus::build(packed.clone().into_source("second.json")).unwrap_or_else(|e| panic!("{e}"));
    let qa = built.documents.iter().position(|d| d.meta.id == "qa").unwrap_or_else(|| panic!("no qa"));
    assert!(qa > 0, "the fixture's tagged document is not its first");
    let (result, events) = stream_all(&packed.to_json());
    assert_eq!(result, Ok(()));
    // Nothing of "qa" or after is sent before the tail.
    let tail = events.iter().position(|e| matches!(e, Event::Sent(Part::Tail { .. }))).unwrap_or_else(|| panic!("no tail"));
    for e in &events[..tail] {
        if let Event::Sent(Part::Statements { statements }) = e {
            assert!(statements.iter().all(|s| s.doc < qa), "a statement that a tag may change went early");
        }
    }
    let (corpus, index) = assemble(events).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(corpus, built);
    assert!(index == Index::build(&built));
    // Many times over (statements sent early), with an override on a document in the
    // middle: what comes before it is sent early, the rest after resolving.
    let mut big = PackedCorpus::from_source(&synth::scale_source(&built, 300, 9)).unwrap_or_else(|e| panic!("{e}"));
    big.meta.tags.clear();
    let plain = direct_build(&big.to_json());
    let mid = plain.documents.len() / 2;
    let doc = &plain.documents[mid];
    let s0 = plain.statements.iter().find(|s| s.doc == mid && doc.text[s.start..s.end].split_whitespace().count() >= 6).unwrap_or_else(|| panic!("a long statement"));
    let exact = &doc.text[s0.start..s0.end];
    assert_eq!(doc.text.matches(exact).count(), 1);
    let words: Vec<&str> = exact.split_whitespace().collect();
    big.meta.overrides.push(stance_core::meta::OverrideMeta {
        quote: stance_core::meta::QuoteSelector { document: doc.meta.id.clone(), exact: exact.to_string(), ..Default::default() },
        split_before: words[words.len() / 2].to_string(),
        ..Default::default()
    });
    let json = big.to_json();
    let direct = direct_build(&json);
    assert_eq!(direct.statements.len(), plain.statements.len() + 1, "the override splits a statement");
    let (result, events) = stream_all(&json);
    assert_eq!(result, Ok(()));
    let tail = events.iter().position(|e| matches!(e, Event::Sent(Part::Tail { .. }))).unwrap_or_else(|| panic!("no tail"));
    let early: Vec<usize> = events[..tail].iter().filter_map(|e| if let Event::Sent(Part::Statements { statements }) = e { statements.iter().map(|s| s.doc).max() } else { None }).collect();
    assert!(!early.is_empty() && early.iter().all(|&d| d < mid), "statements before the overridden document go early, none of it: {early:?}");
    let (corpus, index) = assemble(events).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(corpus, direct);
    assert!(index == Index::build(&direct));
}

#[test]
fn a_problem_found_late_fails_a_streamed_load_after_some_parts() {
    // A position whose quote is nowhere: found when resolving, after the statements of
    // every document were sent.
    let mut packed = PackedCorpus::parse("x", &packed_json(10)).unwrap_or_else(|e| panic!("{e}"));
    let last = packed.meta.documents.last().map(|d| d.id.clone()).unwrap_or_default();
    let mut position = packed.meta.positions[0].clone();
    position.id = "late".into();
    position.quotes = vec![stance_core::meta::QuoteSelector { document: last, exact: "words that are in no document at all".into(), ..Default::default() }];
    packed.meta.positions.push(position);
    let json = packed.to_json();
    let direct = corpus::build(packed.into_source("big.json")).expect_err("a quote that is nowhere");
    let (result, events) = stream_all(&json);
    assert_eq!(result, Err(LoadError::Problems(direct)));
    assert!(events.iter().any(|e| matches!(e, Event::Sent(Part::Statements { .. }))), "statements went before the problem was found");
    assert!(!events.iter().any(|e| matches!(e, Event::Sent(Part::Tail { .. }))), "a failed load sends no tail");
    assert!(assemble(events).is_err(), "what was sent is not a corpus");
    // A problem known before statements are cut: nothing is sent.
    let mut packed = PackedCorpus::parse("x", &packed_json(2)).unwrap_or_else(|e| panic!("{e}"));
    packed.meta.title = String::new();
    let (result, events) = stream_all(&packed.to_json());
    assert!(matches!(result, Err(LoadError::Problems(_))));
    assert!(!events.iter().any(|e| matches!(e, Event::Sent(_))));
}

#[test]
fn a_stop_at_any_part_or_report_cancels_a_streamed_load() {
    let json = packed_json(10);
    let (_, events) = stream_all(&json);
    let sends = events.iter().filter(|e| matches!(e, Event::Sent(_))).count();
    assert!(sends > 4);
    for stop_at in 0..sends {
        let (mut calls, mut reports_after) = (0, 0);
        let stopped = std::cell::Cell::new(false);
        let result = load::stream_file(
            "big.json",
            &json,
            &mut |_| {
                reports_after += stopped.get() as usize;
                true
            },
            &mut |_| {
                assert!(!stopped.get(), "a part sent after the stop");
                calls += 1;
                stopped.set(calls > stop_at);
                !stopped.get()
            },
        );
        assert_eq!(result, Err(LoadError::Cancelled), "stopping at part {stop_at}");
        let _ = reports_after;
    }
    let reports = events.iter().filter(|e| matches!(e, Event::Report(_))).count();
    for stop_at in (0..reports).step_by(7) {
        let mut calls = 0;
        let result = load::stream_file("big.json", &json, &mut |_| { calls += 1; calls <= stop_at }, &mut |_| true);
        assert_eq!(result, Err(LoadError::Cancelled));
        assert_eq!(calls, stop_at + 1, "no report after the stop");
    }
}
