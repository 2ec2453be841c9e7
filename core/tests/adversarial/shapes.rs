//! Adversarial text shapes for the text stages (segmentation, attribution, references,
//! tagging), shared by `tests/adversarial.rs` and `benches/adversarial.rs`.
#![allow(dead_code)]

use stance_core::corpus::{self, Source};
use stance_core::date::{DateSpec, PartialDate};
use stance_core::meta::{ActorMeta, CorpusMeta, DocumentMeta, TopicMeta};
use stance_core::Corpus;
use std::collections::BTreeMap;
use std::time::{Duration, Instant};

/// A named shape: a function making a text of about `n` bytes.
pub struct Shape {
    pub name: &'static str,
    pub make: fn(usize) -> String,
}

/// `unit` repeated to at most `n` bytes.
fn repeat(unit: &str, n: usize) -> String {
    unit.repeat((n / unit.len().max(1)).max(1))
}

/// Every shape the issue names, plus attribution-heavy ones.
pub const SHAPES: &[Shape] = &[
    Shape { name: "straight quotes \"a\" \"a\"", make: |n| repeat("\"a\" ", n) },
    Shape { name: "curly quotes “a” “a”", make: |n| repeat("\u{201C}a\u{201D} ", n) },
    Shape { name: "guillemets «a» «a»", make: |n| repeat("«a» ", n) },
    Shape { name: "low-high quotes „a“ „a“", make: |n| repeat("„a“ ", n) },
    Shape { name: "single quotes ‘a’ ‘a’", make: |n| repeat("\u{2018}a\u{2019} ", n) },
    Shape { name: "attributed quotes “a,” Roe said.", make: |n| repeat("\u{201C}A b,\u{201D} Roe said. ", n) },
    Shape { name: "split quotes “a,” he said, “b.”", make: |n| repeat("\u{201C}A b,\u{201D} he said, \u{201C}c d.\u{201D} ", n) },
    Shape { name: "unclosed curly “a “a “a", make: |n| repeat("\u{201C}a ", n) },
    Shape { name: "unclosed guillemets «a «a", make: |n| repeat("«a ", n) },
    Shape { name: "nested “a ‘b «c „d", make: |n| repeat("\u{201C}a \u{2018}b «c „d ", n) },
    Shape { name: "one huge paragraph of reported speech", make: |n| repeat("Jane Roe said the plan, which Acme backs, works. He argued in March 2020 that it would not. ", n) },
    Shape { name: "one huge word", make: |n| "a".repeat(n) },
    Shape { name: "one huge sentence", make: |n| repeat("roe said and ", n) },
    Shape { name: "many tiny paragraphs", make: |n| repeat("A.\n", n) },
    Shape { name: "dash dialogue", make: |n| repeat("— Why? — he asked.\n", n) },
    Shape { name: "speaker labels", make: |n| repeat("MR. ROE: Yes.\nTHE CHAIR: No.\n", n) },
    Shape { name: "dots and abbreviations", make: |n| repeat("U.S. Mr. a. ", n) },
    Shape { name: "dates", make: |n| repeat("in March 2020 last year 5 May ", n) },
];

/// A corpus with one document holding `text`, and a few actors and topics.
pub fn source(text: String) -> Source {
    let actor = |id: &str, name: &str, kind: &str| ActorMeta { id: id.into(), name: name.into(), kind: kind.into(), ..Default::default() };
    let meta = CorpusMeta {
        format: 1,
        title: "adversarial".into(),
        actors: vec![actor("roe", "Jane Roe", "person"), actor("roe2", "Roe", "person"), actor("acme", "Acme", "organisation"), actor("a", "A", "person")],
        topics: vec![TopicMeta { id: "plan".into(), label: "Plan".into(), keywords: vec!["plan*".into(), "a".into()], ..Default::default() }],
        documents: vec![DocumentMeta {
            id: "d".into(),
            file: "d.txt".into(),
            title: "d".into(),
            language: "en".into(),
            date: DateSpec { best: PartialDate::day(2021, 6, 1), ..Default::default() },
            speakers: vec!["roe".into()],
            ..Default::default()
        }],
        ..Default::default()
    };
    let mut files = BTreeMap::new();
    files.insert("d.txt".to_string(), text.into_bytes());
    Source { meta, meta_text: String::new(), meta_file: corpus::META_FILE.into(), files }
}

/// Builds the corpus of one document holding `text`.
pub fn build(text: String) -> Corpus {
    corpus::build(source(text)).unwrap_or_else(|e| panic!("adversarial corpus does not build: {e}"))
}

/// The least time of `reps` builds of a text of `n` bytes of `shape`.
pub fn time(shape: &Shape, n: usize, reps: usize) -> Duration {
    let text = (shape.make)(n);
    (0..reps)
        .map(|_| {
            let src = source(text.clone());
            let t = Instant::now();
            let c = corpus::build(src);
            let el = t.elapsed();
            if let Err(e) = c {
                panic!("{}: does not build: {}", shape.name, e.to_string().chars().take(500).collect::<String>());
            }
            el
        })
        .min()
        .unwrap_or_default()
}
