//! The `stance` binary end to end: `check` on good and broken corpus folders,
//! `export` in JSON and CSV, help, completions, exit codes, and corpus text that
//! carries terminal escape sequences.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::atomic::{AtomicUsize, Ordering};

const EXPORT_FIELDS: &[&str] = &["id", "document", "kind", "speaker", "speaker_name", "date", "date_certainty", "start", "end", "text", "topics", "references"];

fn stance(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_stance")).args(args).env_remove("STANCE_CORPUS").output().expect("run stance")
}

fn shipped() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../corpus")
}

fn fixture() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../core/tests/fixtures/second")
}

/// A fresh copy of the second fixture corpus in a unique temp folder.
struct TempCorpus(PathBuf);

impl TempCorpus {
    fn new() -> Self {
        static N: AtomicUsize = AtomicUsize::new(0);
        let dir = std::env::temp_dir().join(format!("stance-cli-test-{}-{}", std::process::id(), N.fetch_add(1, Ordering::SeqCst)));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("temp dir");
        for entry in std::fs::read_dir(fixture()).expect("fixture") {
            let entry = entry.expect("entry");
            std::fs::copy(entry.path(), dir.join(entry.file_name())).expect("copy");
        }
        Self(dir)
    }

    fn path(&self) -> &str {
        self.0.to_str().expect("utf-8 temp path")
    }

    fn edit_meta(&self, from: &str, to: &str) {
        let p = self.0.join("stance.toml");
        let text = std::fs::read_to_string(&p).expect("read");
        assert!(text.contains(from), "{from:?} not in the fixture");
        std::fs::write(&p, text.replacen(from, to, 1)).expect("write");
    }

    fn meta_line(&self, needle: &str) -> usize {
        let text = std::fs::read_to_string(self.0.join("stance.toml")).expect("read");
        text.lines().position(|l| l.contains(needle)).expect("needle") + 1
    }

    fn check_fails(&self) -> String {
        let out = stance(&["check", self.path()]);
        assert!(!out.status.success(), "check should fail");
        String::from_utf8_lossy(&out.stderr).into_owned()
    }
}

impl Drop for TempCorpus {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

#[test]
fn check_shipped_corpus_is_ok() {
    let out = stance(&["check", shipped().to_str().expect("path")]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.contains("ok"), "{stdout}");
    assert!(stdout.contains("3 documents"), "{stdout}");
}

#[test]
fn check_default_is_the_shipped_corpus() {
    let out = stance(&["check"]);
    assert!(out.status.success());
}

#[test]
fn check_fixture_is_ok() {
    let out = stance(&["check", fixture().to_str().expect("path")]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
}

#[test]
fn bad_toml_names_the_line() {
    let c = TempCorpus::new();
    let line = c.meta_line("title = \"Test corpus two\"");
    c.edit_meta("title = \"Test corpus two\"", "title = \"Test corpus two");
    let err = c.check_fails();
    assert!(err.contains(&format!("stance.toml:{line}:")), "{err}");
    assert!(err.contains("fix:"), "{err}");
}

#[test]
fn a_date_that_is_not_a_date() {
    let c = TempCorpus::new();
    let line = c.meta_line("best = \"2022-11-03\"");
    c.edit_meta("best = \"2022-11-03\"", "best = \"3 Nov 2022\"");
    let err = c.check_fails();
    assert!(err.contains(&format!("stance.toml:{line}:")), "{err}");
    assert!(err.contains("3 Nov 2022") && err.contains("fix:"), "{err}");
}

#[test]
fn unknown_actor_and_topic() {
    let c = TempCorpus::new();
    c.edit_meta("speakers = [\"krutskikh\"]", "speakers = [\"krutskih\"]");
    c.edit_meta("topic = \"arms\"", "topic = \"weapons\"");
    let err = c.check_fails();
    assert!(err.contains("actor 'krutskih'") && err.contains("topic 'weapons'"), "{err}");
    assert!(err.contains(&format!("stance.toml:{}:", c.meta_line("\"krutskih\""))), "{err}");
}

#[test]
fn missing_file() {
    let c = TempCorpus::new();
    std::fs::remove_file(c.0.join("qa.txt")).expect("rm");
    let err = c.check_fails();
    assert!(err.contains("'qa.txt' does not exist") && err.contains("fix:"), "{err}");
}

#[test]
fn quote_selectors_matching_nothing_or_twice() {
    let c = TempCorpus::new();
    c.edit_meta("exact = \"Мы против милитаризации киберпространства\"", "exact = \"Мы за милитаризацию\"");
    c.edit_meta("exact = \"universal rules\", prefix = \"“\"", "exact = \"We \"");
    let err = c.check_fails();
    assert!(err.contains("is not in the document"), "{err}");
    assert!(err.contains("occurs") && err.contains("times"), "{err}");
}

#[test]
fn non_utf8_text() {
    let c = TempCorpus::new();
    std::fs::write(c.0.join("ru.txt"), b"first line\n\xd0\xd0 broken\n").expect("write");
    let err = c.check_fails();
    assert!(err.contains("ru.txt:2:") && err.contains("not UTF-8"), "{err}");
}

#[test]
fn file_too_large() {
    let c = TempCorpus::new();
    let limit = stance_core::corpus::MAX_DOCUMENT_BYTES;
    std::fs::write(c.0.join("qa.txt"), vec![b'a'; limit + 1]).expect("write");
    let err = c.check_fails();
    assert!(err.contains("qa.txt") && err.contains("more than the"), "{err}");
}

#[test]
fn export_json_has_the_fields() {
    let out = stance(&["export", shipped().to_str().expect("path"), "--format", "json"]);
    assert!(out.status.success());
    let rows: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    let rows = rows.as_array().expect("array");
    assert!(rows.len() > 30);
    for row in rows {
        for f in EXPORT_FIELDS {
            assert!(row.get(f).is_some(), "field {f} missing in {row}");
        }
    }
    let with_ref = rows.iter().find(|r| r["references"].as_array().is_some_and(|a| !a.is_empty())).expect("a reference");
    for f in ["text", "date", "precision"] {
        assert!(with_ref["references"][0].get(f).is_some(), "reference field {f}");
    }
}

#[test]
fn export_csv_has_the_fields() {
    let out = stance(&["export", shipped().to_str().expect("path"), "--format", "csv"]);
    assert!(out.status.success());
    let csv = String::from_utf8(out.stdout).expect("utf-8");
    let header: Vec<&str> = csv.lines().next().expect("header").split(',').collect();
    for f in EXPORT_FIELDS {
        assert!(header.contains(f), "column {f} missing");
    }
    assert!(csv.contains("March 2022 (2022-03)"), "references in CSV");
}

#[test]
fn export_review_lists_only_the_guessed_speakers() {
    let all = stance(&["export", shipped().to_str().expect("path"), "--format", "json"]);
    let all: serde_json::Value = serde_json::from_slice(&all.stdout).expect("json");
    let out = stance(&["export", shipped().to_str().expect("path"), "--format", "json", "--review"]);
    assert!(out.status.success());
    let review: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    let review = review.as_array().expect("array");
    let guesses = all.as_array().expect("array").iter().filter(|r| matches!(r["attribution"].as_str(), Some("pronoun" | "nearest" | "default"))).count();
    assert_eq!(review.len(), guesses);
    assert!(!review.is_empty() && review.len() < all.as_array().expect("array").len(), "the shipped corpus has a few guesses among many");
    assert!(review.iter().all(|r| matches!(r["attribution"].as_str(), Some("pronoun" | "nearest" | "default"))), "{review:?}");
}

#[test]
fn unknown_format_is_refused() {
    let out = stance(&["export", shipped().to_str().expect("path"), "--format", "xml"]);
    assert!(!out.status.success());
}

#[test]
fn synth_packs_a_deterministic_corpus_that_builds() {
    let a = stance(&["synth", "3"]);
    assert!(a.status.success(), "{}", String::from_utf8_lossy(&a.stderr));
    let b = stance(&["synth", "3"]);
    assert_eq!(a.stdout, b.stdout, "same seed, same corpus");
    let c = stance(&["synth", "3", "--seed", "7"]);
    assert_ne!(a.stdout, c.stdout, "another seed, another corpus");
    let json = String::from_utf8(a.stdout).unwrap();
    let packed = stance_core::corpus::PackedCorpus::parse("synth.json", &json).expect("a packed corpus");
    let docs = packed.meta.documents.len();
    let corpus = stance_core::corpus::build(packed.into_source("synth.json")).expect("it builds");
    let base = stance(&["export"]);
    let base_rows: Vec<serde_json::Value> = serde_json::from_slice(&base.stdout).unwrap();
    assert_eq!(docs, 9, "three times the shipped three documents");
    assert!(corpus.statements.len() > 2 * base_rows.len());
}

#[test]
fn synth_refuses_a_bad_factor() {
    for bad in [&["synth"][..], &["synth", "0"], &["synth", "x"], &["synth", "2", "--seed", "y"]] {
        let out = stance(bad);
        assert_eq!(out.status.code(), Some(2), "{bad:?}");
        assert!(!out.stderr.is_empty());
    }
}

#[test]
fn synth_shape_packs_the_shape_and_lists_them_all() {
    let list = stance(&["synth", "--list-shapes"]);
    assert!(list.status.success(), "{}", String::from_utf8_lossy(&list.stderr));
    let list = String::from_utf8(list.stdout).unwrap();
    let rows: Vec<Vec<&str>> = list.lines().map(|l| l.split('\t').collect()).collect();
    assert_eq!(rows.len(), stance_core::synth::shapes::SHAPES.len());
    assert!(rows.iter().all(|r| r.len() == 3 && matches!(r[1], "builds" | "fails")), "{list}");
    for (id, mib, bytes) in [("curly-quotes", "0.25", 1 << 18), ("huge-word", "0.5", 1 << 19)] {
        let out = stance(&["synth", "--shape", id, "--mib", mib]);
        assert!(out.status.success(), "{id}: {}", String::from_utf8_lossy(&out.stderr));
        let packed = stance_core::corpus::PackedCorpus::parse("shape.json", &String::from_utf8(out.stdout).unwrap()).expect("a packed corpus");
        let text: usize = packed.texts.values().map(String::len).sum();
        assert!(text <= bytes && text > bytes * 9 / 10, "{id}: {text} bytes of text for {mib} MiB");
        assert!(stance_core::corpus::build(packed.into_source("shape.json")).is_ok(), "{id} builds");
    }
    // A shape meant to fail is printed all the same; the app reports its problems.
    let out = stance(&["synth", "--shape", "unknown-speaker-labels", "--mib", "0.01"]);
    assert!(out.status.success());
    let packed = stance_core::corpus::PackedCorpus::parse("shape.json", &String::from_utf8(out.stdout).unwrap()).expect("a packed corpus");
    assert!(stance_core::corpus::build(packed.into_source("shape.json")).is_err());
}

#[test]
fn synth_shape_refuses_bad_arguments() {
    for bad in [&["synth", "--shape", "no-such-shape"][..], &["synth", "--shape", "huge-word", "--mib", "0"], &["synth", "--shape", "huge-word", "--mib", "65"], &["synth", "--mib", "1"], &["synth", "3", "--shape", "huge-word"]] {
        let out = stance(bad);
        assert_eq!(out.status.code(), Some(2), "{bad:?}");
        assert!(!out.stderr.is_empty(), "{bad:?}");
    }
}

#[test]
fn search_prints_ranked_hits_with_highlights_as_json() {
    let out = stance(&["search", "speaker:lyukmanov year:2022 cyber", "--json"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    let hits = v["hits"].as_array().expect("hits");
    assert!(!hits.is_empty());
    let scores: Vec<f64> = hits.iter().map(|h| h["score"].as_f64().unwrap()).collect();
    assert!(scores.windows(2).all(|w| w[0] >= w[1]), "ranked: {scores:?}");
    for h in hits {
        assert_eq!(h["document"], "newsweek-2022");
        assert_eq!(h["speaker"], "lyukmanov");
    }
    assert_eq!(v["total"].as_u64().unwrap() as usize, hits.len());
}

#[test]
fn search_reports_a_malformed_query_and_still_searches() {
    let out = stance(&["search", "foo:bar \"rules of the"]);
    assert!(out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("`foo:` is not a field"), "{err}");
    assert!(err.contains("no closing quote"), "{err}");
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("statement(s) for"), "{text}");
}

#[test]
fn help_prints_usage_and_exits_0() {
    for args in [&["--help"][..], &["help"], &["-h"], &["check", "--help"], &["help", "export"], &["search", "--help"], &["completions", "--help"]] {
        let out = stance(args);
        assert_eq!(out.status.code(), Some(0), "{args:?}");
        let text = String::from_utf8_lossy(&out.stdout);
        assert!(text.contains("Usage: stance"), "{args:?}: {text}");
    }
    let top = String::from_utf8_lossy(&stance(&["--help"]).stdout).into_owned();
    for cmd in ["check", "export", "pack", "search", "synth", "completions"] {
        assert!(top.contains(cmd), "{cmd} missing from --help: {top}");
    }
    let search = String::from_utf8_lossy(&stance(&["search", "--help"]).stdout).into_owned();
    assert!(search.contains("stance search [DIR] QUERY [--json]"), "{search}");
}

#[test]
fn bad_arguments_exit_2_with_a_message() {
    for args in [&[][..], &["frob"], &["check", "--frob"], &["export", "--format", "xml"], &["check", "a", "b"], &["search"], &["completions", "tcsh"]] {
        let out = stance(args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(!out.stderr.is_empty(), "{args:?}");
    }
}

#[test]
fn completions_for_each_shell() {
    for (shell, marker) in [("bash", "complete -F"), ("zsh", "#compdef stance"), ("fish", "complete -c stance")] {
        let out = stance(&["completions", shell]);
        assert_eq!(out.status.code(), Some(0), "{shell}");
        let script = String::from_utf8_lossy(&out.stdout);
        assert!(script.contains(marker), "{shell}: {script}");
        for cmd in ["check", "export", "pack", "search"] {
            assert!(script.contains(cmd), "{shell} completes {cmd}");
        }
    }
}

#[test]
fn check_exits_1_on_corpus_problems() {
    let c = TempCorpus::new();
    c.edit_meta("speakers = [\"krutskikh\"]", "speakers = [\"krutskih\"]");
    assert_eq!(stance(&["check", c.path()]).status.code(), Some(1));
    assert_eq!(stance(&["export", c.path()]).status.code(), Some(1));
    assert_eq!(stance(&["pack", c.path()]).status.code(), Some(1));
}

#[test]
fn escape_sequences_from_a_corpus_never_reach_the_terminal_raw() {
    let c = TempCorpus::new();
    // A quote selector matching nothing is quoted back in the problem.
    c.edit_meta("exact = \"Мы против милитаризации киберпространства\"", "exact = \"\\u001b]0;owned\\u0007\\u001b[2J\\u202eevil\\u009b31m\"");
    let err = c.check_fails();
    for raw in ['\u{1b}', '\u{7}', '\u{202e}', '\u{9b}'] {
        assert!(!err.contains(raw), "raw {raw:?} printed: {err:?}");
    }
    assert!(err.contains("\\u{1b}]0;owned\\u{7}\\u{1b}[2J\\u{202e}evil\\u{9b}31m"), "{err}");
}

#[test]
fn data_into_a_pipe_is_left_as_it_is() {
    // Standard output is a pipe here: the packed corpus round-trips byte for byte.
    let out = stance(&["pack", fixture().to_str().expect("path")]);
    assert!(out.status.success());
    let json = String::from_utf8(out.stdout).expect("utf-8");
    let packed = stance_core::corpus::PackedCorpus::parse("p.json", &json).expect("a packed corpus");
    let ru = std::fs::read_to_string(fixture().join("ru.txt")).expect("read");
    assert_eq!(packed.texts["ru.txt"], ru);
}
