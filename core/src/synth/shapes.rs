//! Adversarial shapes of text: hostile corpora for the text stages (segmentation,
//! attribution, references, tagging, quote selectors), the search index and the app's
//! load path. Shared by `core/tests/adversarial.rs` (doubling the input at most
//! multiplies the time by 2.5), `core/benches/adversarial.rs` (8 MiB against the 2 s
//! budget, natively) and `stance synth --shape ID --mib N` (a packed corpus of one shape,
//! loaded into the app by `bench/run-adversarial-browser.mjs`).
//!
//! Each [`Shape`] makes a corpus [`Source`] of about `n` bytes of text ([`Shape::source`]):
//! most are one document of a repeated pattern; some are many documents, many quote
//! selectors, or the shipped and fixture corpora with each text repeated up to the size.
//! Every document stays within `n` bytes (a fixture text is kept whole once even if it is
//! longer), so a shape at 8 MiB is within
//! [`corpus::MAX_DOCUMENT_BYTES`]. Shapes marked [`Shape::fails`] are meant not to build:
//! their problems are what is measured. Everything is deterministic.

use crate::corpus::{self, Source};
use crate::date::{DateSpec, PartialDate};
use crate::error::CorpusErrors;
use crate::meta::{ActorMeta, CorpusMeta, DocumentMeta, ExcludeMeta, Genre, OverrideMeta, PositionMeta, QuoteSelector, TagMeta, TopicMeta, TurnStyle, TurnsMeta};
use std::collections::BTreeMap;

/// How a shape makes its corpus.
#[derive(Clone, Copy)]
pub enum Make {
    /// Generated text of about `n` bytes.
    Text(fn(usize) -> Source),
    /// A corpus folder of this repository (relative to `core/`, read where the crate was
    /// compiled) with every text repeated to about `n / documents` bytes.
    Fixture(&'static str),
}

/// A named shape: a corpus of about `n` bytes of text.
pub struct Shape {
    /// Short name for the command line: lower-case ASCII words joined by `-`.
    pub id: &'static str,
    /// What the text looks like.
    pub name: &'static str,
    pub make: Make,
    /// The corpus is meant to fail with problems (their reporting is measured).
    pub fails: bool,
}

impl Shape {
    /// The corpus of this shape with about `n` bytes of text; only a fixture shape can
    /// fail (its folder is missing or has problems).
    pub fn source(&self, n: usize) -> Result<Source, CorpusErrors> {
        match self.make {
            Make::Text(make) => Ok(make(n)),
            Make::Fixture(dir) => fixture(dir, n),
        }
    }

    /// Does `key` pick this shape: its id exactly, or a part of its id or name?
    pub fn matches(&self, key: &str) -> bool {
        self.id == key || self.id.contains(key) || self.name.contains(key)
    }
}

const fn one(id: &'static str, name: &'static str, make: fn(usize) -> Source) -> Shape {
    Shape { id, name, make: Make::Text(make), fails: false }
}

const fn folder(id: &'static str, name: &'static str, dir: &'static str) -> Shape {
    Shape { id, name, make: Make::Fixture(dir), fails: false }
}

/// The shape whose id is `id`.
pub fn find(id: &str) -> Option<&'static Shape> {
    SHAPES.iter().find(|s| s.id == id)
}

/// `unit` repeated to at most `n` bytes (at least once).
pub fn repeat(unit: &str, n: usize) -> String {
    unit.repeat((n / unit.len().max(1)).max(1))
}

/// Every shape issue 9 names, plus attribution-heavy ones.
pub static SHAPES: &[Shape] = &[
    one("straight-quotes", "straight quotes \"a\" \"a\"", |n| source(repeat("\"a\" ", n))),
    one("curly-quotes", "curly quotes “a” “a”", |n| source(repeat("\u{201C}a\u{201D} ", n))),
    one("guillemets", "guillemets «a» «a»", |n| source(repeat("«a» ", n))),
    one("low-high-quotes", "low-high quotes „a“ „a“", |n| source(repeat("„a“ ", n))),
    one("single-quotes", "single quotes ‘a’ ‘a’", |n| source(repeat("\u{2018}a\u{2019} ", n))),
    one("attributed-quotes", "attributed quotes “a,” Roe said.", |n| source(repeat("\u{201C}A b,\u{201D} Roe said. ", n))),
    one("split-quotes", "split quotes “a,” he said, “b.”", |n| source(repeat("\u{201C}A b,\u{201D} he said, \u{201C}c d.\u{201D} ", n))),
    one("russian-split-quote", "Russian split quote «а, — сказал он. — б»", |n| source(repeat("«Да, — сказал Роу. — Нет». ", n))),
    one("unclosed-curly", "unclosed curly “a “a “a", |n| source(repeat("\u{201C}a ", n))),
    one("unclosed-guillemets", "unclosed guillemets «a «a", |n| source(repeat("«a ", n))),
    one("unclosed-straight", "unclosed straight \"a \"a \"a b", |n| source(repeat("\"a \"a \"a b ", n))),
    one("lone-closing-marks", "lone closing marks ” » ’", |n| source(repeat("a\u{201D} b» c\u{2019} ", n))),
    one("nested-quotes", "nested “a ‘b «c „d", |n| source(repeat("\u{201C}a \u{2018}b «c „d ", n))),
    one("huge-paragraph", "one huge paragraph of reported speech", |n| source(repeat("Jane Roe said the plan, which Acme backs, works. He argued in March 2020 that it would not. ", n))),
    one("huge-word", "one huge word", |n| source("a".repeat(n))),
    one("huge-cyrillic-word", "one huge Cyrillic word", |n| source("я".repeat(n / 2))),
    one("huge-sentence", "one huge sentence", |n| source(repeat("roe said and ", n))),
    one("tiny-paragraphs", "many tiny paragraphs", |n| source(repeat("A.\n", n))),
    one("blank-lines", "blank lines", |n| source(repeat("\n \n\t", n))),
    one("dash-dialogue", "dash dialogue", |n| source(repeat("— Why? — he asked.\n", n))),
    one("dash-turns", "dash Q&A turns", |n| with_turns(repeat("— Why?\n— Because it works, Roe said.\n", n), TurnStyle::Dash)),
    one("qa-markers", "Q&A markers", |n| with_turns(repeat("Q: Why did “it” fail?\nA: Because, he said, it did.\n", n), TurnStyle::Markers)),
    one("qa-markers-one-line", "Q&A markers on one line", |n| with_turns(format!("A: Yes.\n{}", repeat("Q: A: ", n.saturating_sub(8))), TurnStyle::Markers)),
    one("speaker-labels", "speaker labels", |n| source(repeat("MR. ROE: Yes.\nTHE CHAIR: No.\n", n))),
    // Each unknown label is a problem: the build fails, listing them all.
    Shape { id: "unknown-speaker-labels", name: "unknown speaker labels, all different", make: Make::Text(|n| transcript(labels(n))), fails: true },
    one("names-pronouns", "names and pronouns", |n| source(repeat("Jane Roe met Acme; he, she, Roe’s aide, the company and A. Roe ", n))),
    one("quotes-after-names", "quotes after names and pronouns", |n| source(repeat("Jane Roe met Acme. “No,” she said. “Yes,” the company said. ", n))),
    one("abbreviations", "dots and abbreviations", |n| source(repeat("U.S. Mr. a. ", n))),
    one("dates", "dates", |n| source(repeat("in March 2020 last year 5 May ", n))),
    one("relative-dates", "relative dates and Russian months", |n| source(repeat("two years ago last July в прошлом году 15 марта 2018 года, ", n))),
    one("tiny-documents", "many tiny documents", tiny_documents),
    one("quote-selectors", "many quote selectors", selectors),
    one("override-edits", "an override removing, splitting or joining every statement", override_edits),
    Shape { id: "problems", name: "many problems", make: Make::Text(problems), fails: true },
    folder("shipped-scaled", "shipped corpus scaled up", "../corpus"),
    folder("hearing-scaled", "fixture hearing scaled up", "tests/fixtures/hearing"),
    folder("newsroom-scaled", "fixture newsroom scaled up", "tests/fixtures/newsroom"),
    folder("russkiy-scaled", "fixture russkiy scaled up", "tests/fixtures/russkiy"),
    folder("second-scaled", "fixture second scaled up", "tests/fixtures/second"),
];

fn actor(id: &str, name: &str, kind: &str) -> ActorMeta {
    ActorMeta { id: id.into(), name: name.into(), kind: kind.into(), ..Default::default() }
}

fn document(id: &str) -> DocumentMeta {
    DocumentMeta {
        id: id.into(),
        file: format!("{id}.txt"),
        title: id.into(),
        language: "en".into(),
        date: DateSpec { best: PartialDate::day(2021, 6, 1), ..Default::default() },
        speakers: vec!["roe".into()],
        ..Default::default()
    }
}

/// Metadata with a few actors and a topic, and no documents.
fn meta() -> CorpusMeta {
    CorpusMeta {
        format: 1,
        title: "adversarial".into(),
        actors: vec![
            ActorMeta { gender: "female".into(), ..actor("roe", "Jane Roe", "person") },
            actor("roe2", "Roe", "person"),
            actor("acme", "Acme", "organisation"),
            actor("a", "A", "person"),
            ActorMeta { aliases: vec!["Роу".into()], ..actor("rou", "Джейн Роу", "person") },
        ],
        topics: vec![TopicMeta { id: "plan".into(), label: "Plan".into(), keywords: vec!["plan*".into(), "a".into()], ..Default::default() }],
        ..Default::default()
    }
}

fn with_docs(meta: CorpusMeta, docs: Vec<(DocumentMeta, String)>) -> Source {
    let mut meta = meta;
    let mut files = BTreeMap::new();
    for (d, text) in docs {
        files.insert(d.file.clone(), text.into_bytes());
        meta.documents.push(d);
    }
    Source { meta, lines: Default::default(), meta_file: corpus::META_FILE.into(), files }
}

/// A corpus with one document holding `text`, and a few actors and topics.
pub fn source(text: String) -> Source {
    with_docs(meta(), vec![(document("d"), text)])
}

/// One Q&A document in `style` (markers `Q:` and `A:`).
fn with_turns(text: String, style: TurnStyle) -> Source {
    let turns = TurnsMeta { question_marker: "Q:".into(), answer_marker: "A:".into(), question: "acme".into(), answer: "roe".into(), style, end: String::new() };
    with_docs(meta(), vec![(DocumentMeta { turns: Some(turns), ..document("d") }, text)])
}

/// One transcript.
fn transcript(text: String) -> Source {
    with_docs(meta(), vec![(DocumentMeta { genre: Some(Genre::Transcript), ..document("d") }, text)])
}

/// Speaker labels that are all different ("AB: Yes.", "AC: Yes."...), to about `n` bytes.
fn labels(n: usize) -> String {
    let mut out = String::with_capacity(n + 32);
    let mut i = 0usize;
    loop {
        let mut k = i;
        let mut label = String::new();
        loop {
            label.push((b'A' + (k % 26) as u8) as char);
            k /= 26;
            if k == 0 {
                break;
            }
        }
        let line = format!("MR {label}: Yes.\n");
        if out.len() + line.len() > n {
            return out;
        }
        out.push_str(&line);
        i += 1;
    }
}

/// About `n` bytes of text in documents of a line each.
fn tiny_documents(n: usize) -> Source {
    let line = "Jane Roe said “the plan works,” in March 2020.";
    let docs = (0..(n / line.len()).max(1)).map(|i| (document(&format!("d{i}")), line.to_string())).collect();
    with_docs(meta(), docs)
}

/// One document of about `n` bytes of numbered sentences, every one of them picked by
/// a quote selector: a position, a tag, an override or an excluded stretch in turn.
fn selectors(n: usize) -> Source {
    let mut meta = meta();
    let mut doc = document("d");
    let text = numbered_sentences(n, ".", |i, exact, quote| {
        match i % 4 {
            0 => meta.positions.push(PositionMeta {
                id: format!("p{i}"),
                actor: "roe".into(),
                topic: "plan".into(),
                stance: "backs it".into(),
                polarity: 1,
                quotes: vec![quote],
                ..Default::default()
            }),
            1 => meta.tags.push(TagMeta { quote, add: vec!["plan".into()], remove: Vec::new() }),
            2 => meta.overrides.push(OverrideMeta { quote, speaker: Some("acme".into()), ..Default::default() }),
            _ => doc.exclude.push(ExcludeMeta { exact, suffix: " well".into(), ..Default::default() }),
        }
    });
    with_docs(meta, vec![(doc, text)])
}

/// About `n` bytes of lines "Jane Roe said item {i} works well{end}", calling `each`
/// with the number, the words `item {i} works` and the quote selector that picks them
/// (in document "d").
fn numbered_sentences(n: usize, end: &str, mut each: impl FnMut(usize, String, QuoteSelector)) -> String {
    let mut text = String::with_capacity(n + 64);
    for i in 0.. {
        let exact = format!("item {i} works");
        let line = format!("Jane Roe said {exact} well{end}\n");
        if text.len() + line.len() > n {
            break;
        }
        text.push_str(&line);
        let quote = QuoteSelector { document: "d".into(), exact: exact.clone(), prefix: String::new(), suffix: " well".into() };
        each(i, exact, quote);
    }
    text
}

/// One document of about `n` bytes of numbered sentences, every one of them edited by
/// an override: removed, joined with the next, or split in two, in turn (each edit
/// used to shift every statement after it).
fn override_edits(n: usize) -> Source {
    let mut meta = meta();
    let text = numbered_sentences(n, ", and then some.", |i, _, quote| {
        meta.overrides.push(match i % 3 {
            0 => OverrideMeta { quote, not_statement: true, ..Default::default() },
            1 => OverrideMeta { quote, join_next: true, speaker: Some("acme".into()), ..Default::default() },
            _ => OverrideMeta { quote, split_before: "and then".into(), ..Default::default() },
        });
    });
    // The last statement has none to join.
    if let Some(last) = meta.overrides.last_mut() {
        last.join_next = false;
    }
    with_docs(meta, vec![(document("d"), text)])
}

/// About `n` bytes of documents that each name an actor that does not exist.
fn problems(n: usize) -> Source {
    let line = "Jane Roe said so.";
    let docs = (0..(n / line.len() / 4).max(1)).map(|i| (DocumentMeta { speakers: vec![format!("nobody-{i}")], ..document(&format!("d{i}")) }, line.to_string())).collect();
    with_docs(meta(), docs)
}

/// The corpus folder `dir` (relative to `core/`) with each document's text repeated
/// to about `n / documents` bytes; its positions, tags, overrides and excluded
/// stretches are left out (repeated, their quotes would be ambiguous).
fn fixture(dir: &str, n: usize) -> Result<Source, CorpusErrors> {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(dir);
    let mut src = corpus::load_dir(&path)?;
    src.meta.positions.clear();
    src.meta.tags.clear();
    src.meta.overrides.clear();
    for d in &mut src.meta.documents {
        d.exclude.clear();
    }
    let each = n / src.files.len().max(1);
    for bytes in src.files.values_mut() {
        let text = String::from_utf8_lossy(bytes).into_owned();
        *bytes = repeat(&format!("{}\n", text.trim_end()), each).into_bytes();
    }
    src.lines = Default::default();
    Ok(src)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::PackedCorpus;
    use crate::load::{self, LoadError};

    #[test]
    fn ids_are_unique_command_line_words_and_name_their_shape() {
        for (i, s) in SHAPES.iter().enumerate() {
            assert!(!s.id.is_empty() && s.id.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-'), "{}", s.id);
            assert!(SHAPES[..i].iter().all(|t| t.id != s.id), "{} twice", s.id);
            assert!(find(s.id).is_some_and(|t| std::ptr::eq(t, s)));
        }
        assert!(find("no-such-shape").is_none());
    }

    /// What `stance synth --shape` prints is what the app reads: packed, each shape goes
    /// through the worker's own load ([`load::run_file`]) and builds, or fails with
    /// problems when it is meant to; every document is within `n` bytes.
    #[test]
    fn every_shape_packs_into_a_corpus_file_the_app_loads() {
        let n = 32 * 1024;
        for s in SHAPES {
            let src = s.source(n).unwrap_or_else(|e| panic!("{}: {e}", s.id));
            assert!(src.files.values().all(|t| t.len() <= n), "{}: a document over {n} bytes", s.id);
            let json = PackedCorpus::from_source(&src).unwrap_or_else(|e| panic!("{}: {e}", s.id)).to_json();
            match load::run_file("shape.json", &json, &mut |_| true) {
                Ok(_) => assert!(!s.fails, "{}: builds, but it is meant to fail", s.id),
                Err(LoadError::Problems(e)) => assert!(s.fails, "{}: does not load: {e}", s.id),
                Err(LoadError::Cancelled) => panic!("{}: cancelled", s.id),
            }
        }
    }
}
