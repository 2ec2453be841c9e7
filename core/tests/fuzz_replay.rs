//! Replays every checked-in fuzz input (`fuzz/corpus/<target>/` and
//! `fuzz/regressions/<target>/`) through the same entry points the cargo-fuzz targets
//! call (`stance_core::fuzzing`), on the stable toolchain, in the normal test command.
//! A crash that fuzzing found and that was saved under `fuzz/regressions/` fails here
//! until it is fixed. See `fuzz/README.md`.

use stance_core::fuzzing;
use std::path::{Path, PathBuf};

type Target = fn(&[u8]);

/// Every fuzz target, by the name of its folder under `fuzz/corpus/`.
const TARGETS: &[(&str, Target)] = &[
    ("meta_toml", fuzzing::meta_toml),
    ("packed", fuzzing::packed),
    ("build_corpus", fuzzing::build_corpus),
    ("build_slow", fuzzing::build_slow),
    ("query", fuzzing::query),
    ("url_state", fuzzing::url_state),
    ("timelinejs", fuzzing::timelinejs),
    ("host_message", fuzzing::host_message),
];

fn fuzz_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../fuzz")
}

fn inputs(dir: &Path) -> Vec<PathBuf> {
    let Ok(entries) = std::fs::read_dir(dir) else { return Vec::new() };
    let mut files: Vec<PathBuf> = entries.filter_map(|e| e.ok()).map(|e| e.path()).filter(|p| p.is_file()).collect();
    files.sort();
    files
}

/// Runs `target` on every file of `dir`; returns how many ran and the failures.
fn replay(target: Target, dir: &Path) -> (usize, Vec<String>) {
    let files = inputs(dir);
    let mut failures = Vec::new();
    for file in &files {
        let Ok(data) = std::fs::read(file) else {
            failures.push(format!("{}: unreadable", file.display()));
            continue;
        };
        if let Err(panic) = std::panic::catch_unwind(|| target(&data)) {
            let why = panic.downcast_ref::<String>().cloned().or_else(|| panic.downcast_ref::<&str>().map(|s| s.to_string()));
            failures.push(format!("{}: {}", file.display(), why.unwrap_or_default()));
        }
    }
    (files.len(), failures)
}

#[test]
fn every_target_has_seeds_and_they_replay_cleanly() {
    let mut failures = Vec::new();
    for (name, target) in TARGETS {
        let (count, mut failed) = replay(*target, &fuzz_dir().join("corpus").join(name));
        assert!(count > 0, "fuzz/corpus/{name}/ has no inputs: run `bash scripts/fuzz.sh {name}` and `bash scripts/fuzz.sh cmin {name}`");
        failures.append(&mut failed);
    }
    assert!(failures.is_empty(), "fuzz inputs that fail:\n{}", failures.join("\n"));
}

/// A regression named `*.open` is a finding reported but not fixed yet (in code another
/// change owns): it must still fail, so that whoever fixes it renames it (drops `.open`)
/// and it becomes an ordinary regression. See `fuzz/README.md`.
const OPEN: &str = ".open";

#[test]
fn every_regression_replays_cleanly() {
    let mut failures = Vec::new();
    for (name, target) in TARGETS {
        let dir = fuzz_dir().join("regressions").join(name);
        let (_, failed) = replay(*target, &dir);
        failures.extend(failed.into_iter().filter(|f| !f.split(':').next().unwrap_or("").ends_with(OPEN)));
    }
    assert!(failures.is_empty(), "fuzz regressions that fail again:\n{}", failures.join("\n"));
}

#[test]
fn open_findings_still_fail() {
    let mut fixed = Vec::new();
    for (name, target) in TARGETS {
        let dir = fuzz_dir().join("regressions").join(name);
        for file in inputs(&dir).into_iter().filter(|f| f.to_string_lossy().ends_with(OPEN)) {
            let data = std::fs::read(&file).expect("readable");
            if std::panic::catch_unwind(|| target(&data)).is_ok() {
                fixed.push(file.display().to_string());
            }
        }
    }
    assert!(fixed.is_empty(), "open fuzz findings that pass now: rename each without `{OPEN}` (it is a regression test from now on):\n{}", fixed.join("\n"));
}

#[test]
fn the_query_and_url_targets_search_the_shipped_corpus() {
    // Without it those targets would only exercise the parsers.
    let (corpus, index) = fuzzing::shipped().expect("the shipped corpus builds");
    assert!(!corpus.statements.is_empty() && !index.is_empty());
}

#[test]
fn a_broken_invariant_is_a_failure() {
    // The replay is only worth something if the entry points do panic on bad output:
    // a query whose printed form parses differently would be one. Check the harness
    // catches a panicking target and names the file.
    let dir = std::env::temp_dir().join(format!("stance-fuzz-replay-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    std::fs::write(dir.join("input"), b"x").expect("temp file");
    let (count, failures) = replay(|_| panic!("boom"), &dir);
    let _ = std::fs::remove_dir_all(&dir);
    assert_eq!(count, 1);
    assert!(failures.len() == 1 && failures[0].contains("input: boom"), "{failures:?}");
}

/// Bytes from a fixed xorshift generator, so the test is the same on every run.
fn noise(seed: u64, len: usize) -> Vec<u8> {
    let mut x = seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1;
    (0..len)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            x as u8
        })
        .collect()
}

#[test]
fn build_inputs_reach_quotes_markers_and_megabytes() {
    // The structured layout must turn random control bytes into what the segmenter
    // finds hard, or the build targets only ever see the seed texts.
    let sep = fuzzing::TEXT_SEPARATOR;
    let plain = fuzzing::build_source(b"Just one text.", false);
    assert_eq!(plain.files.values().map(|t| t.as_slice()).collect::<Vec<_>>(), vec![b"Just one text.".as_slice()]);
    let (mut quotes, mut markers, mut biggest, mut positions) = (0, 0, 0, 0);
    for seed in 0..300 {
        let data = [b"one".as_slice(), sep, b"two".as_slice(), sep, &noise(seed, 512)].concat();
        let source = fuzzing::build_source(&data, seed % 2 == 0);
        // (The noise itself may hold a separator, making a third text.)
        assert!((2..=3).contains(&source.files.len()) && source.meta.documents.len() == source.files.len());
        let text: String = source.files.values().map(|t| String::from_utf8_lossy(t).into_owned()).collect();
        quotes += usize::from(text.contains(['“', '«', '"', '„']));
        markers += usize::from(text.contains("Question: ") || text.contains("Answer: "));
        biggest = biggest.max(text.len());
        positions += usize::from(!source.meta.positions.is_empty());
    }
    assert!(quotes >= 15 && markers >= 10 && positions >= 30, "quotes {quotes}, markers {markers}, positions {positions}");
    assert!(biggest > 100_000, "the slow layout never grew a text past {biggest} bytes");
}
