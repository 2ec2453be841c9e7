//! The bundled corpus built ahead of time (`prebuilt::write` in build.rs, `prebuilt::read`
//! at start-up) is the corpus and index a build of the same file at run time gives.

mod search_common;

use stance_core::prebuilt;
use stance_core::search::Index;
use stance_core::{corpus, synth, PackedCorpus};
use std::path::Path;

/// What the app does with a file at run time (`load_packed` in src/state.rs).
fn at_run_time(origin: &str, json: &str) -> (stance_core::Corpus, Index, Vec<String>) {
    let file = stance_core::interchange::read_corpus_file(origin, json).unwrap_or_else(|e| panic!("{e}"));
    let built = corpus::build(file.packed.into_source(origin)).unwrap_or_else(|e| panic!("{e}"));
    let index = Index::build(&built);
    (built, index, file.skipped)
}

fn assert_same(origin: &str, json: &str) {
    let lines = prebuilt::write(origin, json).unwrap_or_else(|e| panic!("{e}"));
    let (corpus, index, skipped) = prebuilt::read(&lines).unwrap_or_else(|e| panic!("{e}"));
    let (direct, direct_index, direct_skipped) = at_run_time(origin, json);
    assert!(!direct.statements.is_empty());
    assert_eq!(corpus, direct);
    assert!(index == direct_index, "the index of the prebuilt corpus differs from Index::build");
    assert_eq!(skipped, direct_skipped);
}

#[test]
fn the_shipped_corpus_prebuilt_is_the_one_built_at_run_time() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../corpus");
    let json = corpus::pack_dir(&dir).unwrap_or_else(|e| panic!("{e}")).to_json();
    assert_same("bundled corpus", &json);
}

#[test]
fn a_corpus_in_several_parts_prebuilt_is_the_one_built_at_run_time() {
    let source = synth::scale_source(&search_common::shipped(), 12, 5);
    let json = PackedCorpus::from_source(&source).unwrap_or_else(|e| panic!("{e}")).to_json();
    let lines = prebuilt::write("big.json", &json).unwrap_or_else(|e| panic!("{e}"));
    assert!(lines.lines().count() >= 4, "a header, documents and several statement parts: {} lines", lines.lines().count());
    assert_same("big.json", &json);
}

#[test]
fn a_timelinejs_file_keeps_what_it_skipped() {
    let tl = r#"{"events": [{"start_date": {"year": 2020}, "text": {"headline": "H", "text": "Body. More body."}}, {"text": {"headline": "x"}}]}"#;
    let (_, _, skipped) = prebuilt::read(&prebuilt::write("t.json", tl).unwrap_or_else(|e| panic!("{e}"))).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(skipped.len(), 1, "{skipped:?}");
    assert_same("t.json", tl);
}

#[test]
fn a_bad_corpus_fails_with_the_problems_of_a_build() {
    let json = r#"{"kind":"stance-corpus","version":1,"meta":{"format":1,"title":""},"texts":{}}"#;
    let problems = prebuilt::write("bad.json", json).err();
    let direct = PackedCorpus::parse("bad.json", json).and_then(|p| corpus::build(p.into_source("bad.json"))).err();
    assert!(problems.is_some());
    assert_eq!(problems, direct);
}

#[test]
fn damaged_parts_are_an_error_not_a_panic() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../corpus");
    let json = corpus::pack_dir(&dir).unwrap_or_else(|e| panic!("{e}")).to_json();
    let lines = prebuilt::write("bundled corpus", &json).unwrap_or_else(|e| panic!("{e}"));
    assert!(prebuilt::read(&lines).is_ok());
    assert!(prebuilt::read("").is_err());
    assert!(prebuilt::read("not json\n").is_err());
    let all: Vec<&str> = lines.lines().collect();
    // Without its header, its last part, or with a part twice.
    assert!(prebuilt::read(&all[1..].join("\n")).is_err());
    assert!(prebuilt::read(&all[..all.len() - 1].join("\n")).is_err());
    let twice = format!("{lines}{}\n", all[all.len() - 1]);
    assert!(prebuilt::read(&twice).is_err());
    // Cut anywhere inside a line.
    for cut in (0..lines.len()).step_by(97).filter(|&i| lines.is_char_boundary(i)) {
        let _ = prebuilt::read(&lines[..cut]);
    }
}
