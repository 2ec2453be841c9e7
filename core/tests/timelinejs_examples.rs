//! The example timelines that ship in TimelineJS's own npm package (installed by
//! `scripts/setup.sh` as a dev dependency) load as corpora without a crash, each with a
//! report of what was skipped, and export back to TimelineJS.

use stance_core::corpus;
use stance_core::interchange::timelinejs;
use std::path::PathBuf;

fn examples_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../node_modules/@knight-lab/timelinejs/src/template")
}

#[test]
fn timelinejs_examples_load_with_a_report() {
    let dir = examples_dir();
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}; run `bash scripts/setup.sh` (it installs the npm dev dependencies)", dir.display()))
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    files.sort();
    assert!(files.len() >= 4, "expected TimelineJS's example files in {}", dir.display());
    let mut loaded = 0;
    for path in &files {
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        let json = std::fs::read_to_string(path).unwrap();
        let import = timelinejs::import(&name, &json).unwrap_or_else(|e| panic!("{name}: {e}"));
        let events = serde_json::from_str::<serde_json::Value>(&json).unwrap()["events"].as_array().map_or(0, Vec::len);
        let kept = import.packed.meta.documents.len() + import.packed.meta.events.len();
        let skipped_events = import.skipped.iter().filter(|s| s.event > 0).count();
        assert_eq!(kept + skipped_events, events, "{name}: every event is kept or reported");
        for s in &import.skipped {
            assert!(!s.reason.is_empty(), "{name}: a skipped event says why");
        }
        // The cosmological examples have nothing Stance can place; the others build.
        if kept > 0 {
            let built = corpus::build(import.packed.into_source(&name)).unwrap_or_else(|e| panic!("{name}: {e}"));
            for s in &built.statements {
                assert!(!built.statement_text(s).contains('<'), "{name}: HTML became text");
            }
            let back = timelinejs::export(&built, &built.statements);
            assert!(timelinejs::import(&name, &back.json).is_ok());
            loaded += 1;
        } else {
            assert!(import.skipped.iter().any(|s| s.reason.contains("outside 1–9999")), "{name}: {:?}", import.skipped);
        }
    }
    assert!(loaded >= 2, "at least the dated examples load");
}
