//! Helpers shared by the integration tests: corpus folders, and sources that skip the
//! folder checks of `corpus::load_dir` so the tests can reach `corpus::build` with
//! broken input.
#![allow(dead_code)]

use stance_core::corpus::{self, Source};
use stance_core::meta::CorpusMeta;
use stance_core::Corpus;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// The shipped corpus folder.
pub fn shipped_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../corpus")
}

/// A fixture corpus folder under `tests/fixtures`.
pub fn fixture_dir(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(name)
}

/// A source from metadata text and in-memory files.
pub fn source(meta_text: &str, files: &[(&str, &[u8])]) -> Source {
    let files = files.iter().map(|(n, b)| (n.to_string(), b.to_vec())).collect();
    corpus::source_from_toml(corpus::META_FILE, meta_text, files).unwrap_or_else(|e| panic!("fixture TOML: {e}"))
}

/// Reads a corpus folder: `stance.toml` and the files it names that exist.
pub fn load_dir(dir: &Path) -> Source {
    let meta_text = std::fs::read_to_string(dir.join(corpus::META_FILE)).expect("stance.toml");
    let meta: CorpusMeta = toml::from_str(&meta_text).expect("stance.toml parses");
    let mut files = BTreeMap::new();
    for d in &meta.documents {
        if let Ok(bytes) = std::fs::read(dir.join(&d.file)) {
            files.insert(d.file.clone(), bytes);
        }
    }
    Source { meta, lines: stance_core::meta::toml_lines(&meta_text), meta_file: corpus::META_FILE.to_string(), files }
}

/// Loads and builds a corpus folder, failing the test with every problem listed.
pub fn build_dir(dir: &Path) -> Corpus {
    corpus::load_dir(dir).and_then(corpus::build).unwrap_or_else(|e| panic!("corpus {} does not build:\n{e}", dir.display()))
}

/// Checks the statement invariants every corpus must keep.
pub fn assert_statement_invariants(c: &Corpus) {
    let mut last: Option<(usize, usize)> = None;
    for s in &c.statements {
        let doc = &c.documents[s.doc];
        assert!(s.start < s.end && s.end <= doc.body_end, "{}: span {}..{} outside the body", s.id, s.start, s.end);
        let text = doc.text.get(s.start..s.end).expect("span on char boundaries");
        assert_eq!(text, text.trim(), "{}: not trimmed", s.id);
        assert!(doc.excluded.iter().all(|&(a, b)| s.end <= a || s.start >= b), "{}: overlaps excluded text", s.id);
        if let Some((d, end)) = last {
            if d == s.doc {
                assert!(s.start >= end, "{}: overlaps the statement before", s.id);
            }
        }
        last = Some((s.doc, s.end));
        for r in &s.references {
            assert!(s.start <= r.start && r.end <= s.end, "{}: reference outside the statement", s.id);
            assert_eq!(&doc.text[r.start..r.end], r.text);
        }
    }
    let mut ids: Vec<&str> = c.statements.iter().map(|s| s.id.as_str()).collect();
    ids.sort_unstable();
    let n = ids.len();
    ids.dedup();
    assert_eq!(n, ids.len(), "statement ids are not unique");
}
