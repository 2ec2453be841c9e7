//! Attribution scorer: every fixture corpus under `tests/fixtures/` with a `gold.toml`
//! is built and each expected statement (a quote from its text, the expected speaker
//! or none, the expected kind, the pattern it tests) is compared with what Stance
//! made of it. Prints speaker and kind accuracy per fixture and per pattern, and the
//! speaker precision (of the statements given a speaker, how many got the right one):
//!
//! ```text
//! cargo test -p stance-core --test attribution -- --nocapture
//! ```
//!
//! Fails when a fixture's speaker accuracy is below [`FLOOR`].

mod common;

use serde::Deserialize;
use std::collections::BTreeMap;

/// Least speaker accuracy every fixture must reach.
const FLOOR: f64 = 0.95;

#[derive(Deserialize)]
struct Gold {
    statements: Vec<Expected>,
}

#[derive(Deserialize)]
struct Expected {
    document: String,
    quote: String,
    /// Actor id, or "" for no speaker.
    speaker: String,
    kind: String,
    #[serde(default)]
    pattern: String,
}

/// Counts for one fixture or pattern.
#[derive(Default)]
struct Score {
    total: usize,
    found: usize,
    speaker_ok: usize,
    kind_ok: usize,
    /// Statements given a speaker, and of those the right one.
    named: usize,
    named_ok: usize,
}

impl Score {
    fn add(&mut self, found: bool, speaker_ok: bool, kind_ok: bool, named: bool) {
        self.total += 1;
        self.found += usize::from(found);
        self.speaker_ok += usize::from(speaker_ok);
        self.kind_ok += usize::from(kind_ok);
        self.named += usize::from(named);
        self.named_ok += usize::from(named && speaker_ok);
    }

    fn speaker(&self) -> f64 {
        ratio(self.speaker_ok, self.total)
    }

    fn line(&self, name: &str) -> String {
        format!(
            "{name:<34} n={:<3} found {:>5.1}%  speaker {:>5.1}% (precision {:>5.1}%)  kind {:>5.1}%",
            self.total,
            100.0 * ratio(self.found, self.total),
            100.0 * self.speaker(),
            100.0 * ratio(self.named_ok, self.named),
            100.0 * ratio(self.kind_ok, self.total)
        )
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 { 1.0 } else { a as f64 / b as f64 }
}

/// Fixture folders that carry a gold file.
fn fixtures() -> Vec<std::path::PathBuf> {
    let root = common::fixture_dir("");
    let mut out: Vec<_> = std::fs::read_dir(&root).expect("fixtures folder").filter_map(|e| e.ok().map(|e| e.path())).filter(|p| p.join("gold.toml").is_file()).collect();
    out.sort();
    out
}

#[test]
fn speaker_accuracy_on_every_fixture_is_at_least_the_floor() {
    let dirs = fixtures();
    assert!(!dirs.is_empty(), "expected fixture fixture corpora with gold files, found {}", dirs.len());
    let mut patterns: BTreeMap<String, Score> = BTreeMap::new();
    let mut all = Score::default();
    let mut below = Vec::new();
    for dir in dirs {
        let name = dir.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        let corpus = common::build_dir(&dir);
        common::assert_statement_invariants(&corpus);
        let gold: Gold = toml::from_str(&std::fs::read_to_string(dir.join("gold.toml")).expect("gold.toml")).unwrap_or_else(|e| panic!("{name}/gold.toml: {e}"));
        let mut score = Score::default();
        for e in &gold.statements {
            let (di, doc) = corpus.document_by_id(&e.document).unwrap_or_else(|| panic!("{name}: gold names document '{}', which is not in the corpus", e.document));
            let hits: Vec<_> = corpus.statements.iter().filter(|s| s.doc == di && corpus.statement_text(s).contains(e.quote.as_str())).collect();
            assert!(hits.len() <= 1, "{name}/{}: the gold quote \"{}\" is in {} statements; quote more words", e.document, e.quote, hits.len());
            assert!(doc.text.matches(e.quote.as_str()).count() == 1, "{name}/{}: the gold quote \"{}\" must occur once in the text", e.document, e.quote);
            let want = (!e.speaker.is_empty()).then_some(e.speaker.as_str());
            let (found, speaker_ok, kind_ok, named) = match hits.first() {
                Some(s) => (true, s.speaker.as_deref() == want, s.kind.as_str() == e.kind, s.speaker.is_some()),
                None => (false, false, false, false),
            };
            if !(speaker_ok && kind_ok) {
                let got = hits.first().map_or("no statement".to_string(), |s| format!("{}/{} ({})", s.kind.as_str(), s.speaker.as_deref().unwrap_or("-"), s.attribution.as_str()));
                println!("  miss {name}/{}: \"{}\" want {}/{} got {got}", e.document, e.quote, e.kind, want.unwrap_or("-"));
            }
            score.add(found, speaker_ok, kind_ok, named);
            patterns.entry(e.pattern.clone()).or_default().add(found, speaker_ok, kind_ok, named);
            all.add(found, speaker_ok, kind_ok, named);
        }
        println!("{}", score.line(&format!("fixture {name}")));
        if score.speaker() < FLOOR {
            below.push(format!("{name}: {:.1}%", 100.0 * score.speaker()));
        }
    }
    for (p, s) in &patterns {
        println!("{}", s.line(&format!("  pattern {p}")));
    }
    println!("{}", all.line("all fixtures"));
    assert!(below.is_empty(), "speaker accuracy below {:.0}%: {}", FLOOR * 100.0, below.join(", "));
}
