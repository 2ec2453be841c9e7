//! Broken corpora: each mistake must give a [`Problem`] that names the file, the line
//! where one is meaningful, and what to do. (Reading folders — bad TOML, missing or
//! oversized files on disk — is tested through the CLI in `cli/tests/cli.rs`.)

mod common;

use stance_core::corpus::{self, PackedCorpus, MAX_DOCUMENT_BYTES};
use stance_core::Problem;

const GOOD: &str = r#"format = 1
title = "Bad corpus tests"

[[actors]]
id = "anna"
name = "Anna"
kind = "person"

[[topics]]
id = "rules"
label = "Rules"
keywords = ["rules"]

[[documents]]
id = "doc"
file = "doc.txt"
title = "A document"
speakers = ["anna"]
date = { best = "2020-01-02", certainty = "exact" }

[[positions]]
id = "anna-rules"
actor = "anna"
topic = "rules"
stance = "for rules"
quotes = [{ document = "doc", exact = "We want rules" }]
"#;

const TEXT: &[u8] = "“We want rules, and we want them now,” said Anna. Rules again. Rules again.".as_bytes();

fn problems(meta: &str, files: &[(&str, &[u8])]) -> Vec<Problem> {
    match corpus::build(common::source(meta, files)) {
        Ok(_) => panic!("the corpus should not build"),
        Err(e) => e.0,
    }
}

/// The single problem whose message contains `needle`, checked for file, line and fix.
fn expect(problems: &[Problem], needle: &str, file: &str, line: Option<usize>) {
    let p = problems.iter().find(|p| p.message.contains(needle)).unwrap_or_else(|| panic!("no problem mentions {needle:?}: {problems:#?}"));
    assert_eq!(p.file, file, "{p}");
    if line.is_some() {
        assert_eq!(p.line, line, "{p}");
    }
    assert!(!p.fix.is_empty(), "{p} has no fix");
    assert!(p.to_string().contains(file));
}

fn line_of(meta: &str, needle: &str) -> Option<usize> {
    meta.lines().position(|l| l.contains(needle)).map(|i| i + 1)
}

#[test]
fn the_good_corpus_builds() {
    let c = corpus::build(common::source(GOOD, &[("doc.txt", TEXT)])).expect("builds");
    assert_eq!(c.positions.len(), 1);
}

#[test]
fn unknown_actor() {
    let meta = GOOD.replace("speakers = [\"anna\"]", "speakers = [\"bob\"]");
    let ps = problems(&meta, &[("doc.txt", TEXT)]);
    expect(&ps, "actor 'bob'", "stance.toml", line_of(&meta, "\"bob\""));
}

#[test]
fn unknown_topic() {
    let meta = GOOD.replace("topic = \"rules\"", "topic = \"rulez\"");
    let ps = problems(&meta, &[("doc.txt", TEXT)]);
    expect(&ps, "topic 'rulez'", "stance.toml", line_of(&meta, "\"rulez\""));
}

#[test]
fn missing_document_file() {
    let ps = problems(GOOD, &[]);
    expect(&ps, "does not exist", "stance.toml", line_of(GOOD, "doc.txt"));
}

#[test]
fn quote_matching_nothing() {
    let meta = GOOD.replace("exact = \"We want rules\"", "exact = \"We need rules\"");
    let ps = problems(&meta, &[("doc.txt", TEXT)]);
    expect(&ps, "is not in the document", "stance.toml", line_of(&meta, "We need rules"));
}

#[test]
fn quote_matching_twice() {
    let meta = GOOD.replace("exact = \"We want rules\"", "exact = \"Rules again\"");
    let ps = problems(&meta, &[("doc.txt", TEXT)]);
    expect(&ps, "occurs 2 times", "stance.toml", line_of(&meta, "Rules again"));
}

#[test]
fn quote_across_statements() {
    let meta = GOOD.replace("exact = \"We want rules\"", "exact = \"said Anna. Rules\"");
    let ps = problems(&meta, &[("doc.txt", TEXT)]);
    expect(&ps, "more than one statement", "stance.toml", line_of(&meta, "said Anna. Rules"));
}

#[test]
fn not_utf8() {
    let mut bytes = b"line one\nline two \xff\xfe\n".to_vec();
    bytes.extend_from_slice(TEXT);
    let ps = problems(GOOD, &[("doc.txt", &bytes)]);
    expect(&ps, "not UTF-8", "doc.txt", Some(2));
}

#[test]
fn file_too_large() {
    let big = vec![b'a'; MAX_DOCUMENT_BYTES + 1];
    let ps = problems(GOOD, &[("doc.txt", &big)]);
    expect(&ps, "more than the", "doc.txt", None);
}

#[test]
fn incoherent_date() {
    let meta = GOOD.replace("date = { best = \"2020-01-02\", certainty = \"exact\" }", "date = { certainty = \"approximate\" }");
    let ps = problems(&meta, &[("doc.txt", TEXT)]);
    expect(&ps, "needs `best`", "stance.toml", None);
}

#[test]
fn a_date_that_is_not_a_date_in_a_packed_corpus() {
    let meta = common::source(GOOD, &[]).meta;
    let packed = PackedCorpus { kind: corpus::PACKED_MAGIC.into(), version: 1, meta, texts: Default::default() };
    let json = serde_json::to_string_pretty(&packed).expect("json").replace("\"2020-01-02\"", "\"2020-13-45\"");
    let line = json.lines().position(|l| l.contains("2020-13-45")).map(|i| i + 1);
    let err = PackedCorpus::parse("corpus.json", &json).expect_err("bad date refused");
    let p = &err.0[0];
    assert_eq!(p.file, "corpus.json");
    assert!(p.message.contains("2020-13-45"), "{p}");
    assert!(p.line.is_some() && p.line >= line.map(|l| l - 1), "{p}");
    assert!(!p.fix.is_empty());
}

#[test]
fn bad_ids_and_polarity() {
    let meta = GOOD.replace("id = \"anna-rules\"", "id = \"Anna Rules\"").replace("stance = \"for rules\"", "stance = \"for rules\"\npolarity = 5");
    let ps = problems(&meta, &[("doc.txt", TEXT)]);
    expect(&ps, "not a valid id", "stance.toml", line_of(&meta, "Anna Rules"));
    expect(&ps, "polarity 5", "stance.toml", None);
}

#[test]
fn all_problems_are_reported_at_once() {
    let meta = GOOD.replace("speakers = [\"anna\"]", "speakers = [\"bob\"]").replace("topic = \"rules\"", "topic = \"rulez\"");
    let ps = problems(&meta, &[]);
    assert!(ps.len() >= 3, "{ps:#?}");
}
