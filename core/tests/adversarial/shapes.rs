//! Adversarial shapes for the text stages (segmentation, attribution, references,
//! tagging, quote selectors) and the search index, shared by `tests/adversarial.rs`
//! and `benches/adversarial.rs`.
//!
//! Each [`Shape`] makes a corpus [`Source`] of about `n` bytes of text: most are one
//! document of a repeated pattern; some are many documents, many quote selectors or
//! the fixture corpora scaled up. Times are the CPU time of the measuring thread
//! ([`cpu_now`]), so that other processes on a busy machine do not count.
#![allow(dead_code)]

use stance_core::corpus::{self, Source};
use stance_core::date::{DateSpec, PartialDate};
use stance_core::meta::{ActorMeta, CorpusMeta, DocumentMeta, ExcludeMeta, Genre, OverrideMeta, PositionMeta, QuoteSelector, TagMeta, TopicMeta, TurnStyle, TurnsMeta};
use stance_core::search::Index;
use stance_core::Corpus;
use std::collections::BTreeMap;
use std::time::{Duration, Instant};

/// A named shape: a function making a corpus of about `n` bytes of text.
pub struct Shape {
    pub name: &'static str,
    pub make: fn(usize) -> Source,
    /// The corpus is meant to fail with problems (their reporting is measured).
    pub fails: bool,
}

const fn one(name: &'static str, make: fn(usize) -> Source) -> Shape {
    Shape { name, make, fails: false }
}

/// `unit` repeated to at most `n` bytes (at least once). Every shape stays within
/// `n` bytes a document, so that 8 MiB is within the limit.
pub fn repeat(unit: &str, n: usize) -> String {
    unit.repeat((n / unit.len().max(1)).max(1))
}

/// Every shape the issue names, plus attribution-heavy ones.
pub const SHAPES: &[Shape] = &[
    one("straight quotes \"a\" \"a\"", |n| source(repeat("\"a\" ", n))),
    one("curly quotes “a” “a”", |n| source(repeat("\u{201C}a\u{201D} ", n))),
    one("guillemets «a» «a»", |n| source(repeat("«a» ", n))),
    one("low-high quotes „a“ „a“", |n| source(repeat("„a“ ", n))),
    one("single quotes ‘a’ ‘a’", |n| source(repeat("\u{2018}a\u{2019} ", n))),
    one("attributed quotes “a,” Roe said.", |n| source(repeat("\u{201C}A b,\u{201D} Roe said. ", n))),
    one("split quotes “a,” he said, “b.”", |n| source(repeat("\u{201C}A b,\u{201D} he said, \u{201C}c d.\u{201D} ", n))),
    one("Russian split quote «а, — сказал он. — б»", |n| source(repeat("«Да, — сказал Роу. — Нет». ", n))),
    one("unclosed curly “a “a “a", |n| source(repeat("\u{201C}a ", n))),
    one("unclosed guillemets «a «a", |n| source(repeat("«a ", n))),
    one("unclosed straight \"a \"a \"a b", |n| source(repeat("\"a \"a \"a b ", n))),
    one("lone closing marks ” » ’", |n| source(repeat("a\u{201D} b» c\u{2019} ", n))),
    one("nested “a ‘b «c „d", |n| source(repeat("\u{201C}a \u{2018}b «c „d ", n))),
    one("one huge paragraph of reported speech", |n| source(repeat("Jane Roe said the plan, which Acme backs, works. He argued in March 2020 that it would not. ", n))),
    one("one huge word", |n| source("a".repeat(n))),
    one("one huge Cyrillic word", |n| source("я".repeat(n / 2))),
    one("one huge sentence", |n| source(repeat("roe said and ", n))),
    one("many tiny paragraphs", |n| source(repeat("A.\n", n))),
    one("blank lines", |n| source(repeat("\n \n\t", n))),
    one("dash dialogue", |n| source(repeat("— Why? — he asked.\n", n))),
    one("dash Q&A turns", |n| with_turns(repeat("— Why?\n— Because it works, Roe said.\n", n), TurnStyle::Dash)),
    one("Q&A markers", |n| with_turns(repeat("Q: Why did “it” fail?\nA: Because, he said, it did.\n", n), TurnStyle::Markers)),
    one("Q&A markers on one line", |n| with_turns(format!("A: Yes.\n{}", repeat("Q: A: ", n.saturating_sub(8))), TurnStyle::Markers)),
    one("speaker labels", |n| source(repeat("MR. ROE: Yes.\nTHE CHAIR: No.\n", n))),
    // Each unknown label is a problem: the build fails, listing them all.
    Shape { name: "unknown speaker labels, all different", make: |n| transcript(labels(n)), fails: true },
    one("names and pronouns", |n| source(repeat("Jane Roe met Acme; he, she, Roe’s aide, the company and A. Roe ", n))),
    one("quotes after names and pronouns", |n| source(repeat("Jane Roe met Acme. “No,” she said. “Yes,” the company said. ", n))),
    one("dots and abbreviations", |n| source(repeat("U.S. Mr. a. ", n))),
    one("dates", |n| source(repeat("in March 2020 last year 5 May ", n))),
    one("relative dates and Russian months", |n| source(repeat("two years ago last July в прошлом году 15 марта 2018 года, ", n))),
    one("many tiny documents", tiny_documents),
    one("many quote selectors", selectors),
    Shape { name: "many problems", make: problems, fails: true },
    one("shipped corpus scaled up", |n| fixture("../corpus", n)),
    one("fixture hearing scaled up", |n| fixture("tests/fixtures/hearing", n)),
    one("fixture newsroom scaled up", |n| fixture("tests/fixtures/newsroom", n)),
    one("fixture russkiy scaled up", |n| fixture("tests/fixtures/russkiy", n)),
    one("fixture second scaled up", |n| fixture("tests/fixtures/second", n)),
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
    let mut text = String::with_capacity(n + 64);
    let mut i = 0usize;
    loop {
        let exact = format!("item {i} works");
        let line = format!("Jane Roe said {exact} well.\n");
        if text.len() + line.len() > n {
            break;
        }
        text.push_str(&line);
        let quote = QuoteSelector { document: "d".into(), exact: exact.clone(), prefix: String::new(), suffix: " well".into() };
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
        i += 1;
    }
    with_docs(meta, vec![(doc, text)])
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
fn fixture(dir: &str, n: usize) -> Source {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(dir);
    let mut src = corpus::load_dir(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
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
    src
}

/// Builds the corpus of one document holding `text`.
pub fn build(text: String) -> Corpus {
    corpus::build(source(text)).unwrap_or_else(|e| panic!("adversarial corpus does not build: {e}"))
}

/// CPU time used by the calling thread so far (wall time where it cannot be read):
/// unlike wall time, it does not grow while other processes have the CPU.
pub fn cpu_now() -> Duration {
    #[cfg(target_os = "linux")]
    {
        #[repr(C)]
        struct Timespec {
            sec: i64,
            nsec: i64,
        }
        extern "C" {
            fn clock_gettime(clock: i32, ts: *mut Timespec) -> i32;
        }
        const CLOCK_THREAD_CPUTIME_ID: i32 = 3;
        let mut ts = Timespec { sec: 0, nsec: 0 };
        // SAFETY: `ts` is a valid, writable timespec (64-bit Linux layout).
        if unsafe { clock_gettime(CLOCK_THREAD_CPUTIME_ID, &mut ts) } == 0 {
            return Duration::new(ts.sec as u64, ts.nsec as u32);
        }
    }
    static START: std::sync::OnceLock<Instant> = std::sync::OnceLock::new();
    START.get_or_init(Instant::now).elapsed()
}

/// How long one build of a shape took: the corpus, then its search index.
#[derive(Clone, Copy, Debug, Default)]
pub struct Times {
    pub build: Duration,
    pub index: Duration,
    /// Wall time of the build, for comparison.
    pub wall: Duration,
    /// Statements built (0 for a shape meant to fail).
    pub statements: usize,
}

/// Builds `src` once (and indexes it when `index`), timing each part.
pub fn time_once(shape: &Shape, src: Source, index: bool) -> Times {
    let (t, w) = (cpu_now(), Instant::now());
    let c = corpus::build(src);
    let (build, wall) = (cpu_now().saturating_sub(t), w.elapsed());
    let corpus = match c {
        Ok(c) if !shape.fails => c,
        Err(_) if shape.fails => return Times { build, wall, ..Default::default() },
        Ok(_) => panic!("{}: builds, but it was meant to fail", shape.name),
        Err(e) => panic!("{}: does not build: {}", shape.name, e.to_string().chars().take(500).collect::<String>()),
    };
    let t = cpu_now();
    let idx = index.then(|| Index::build(&corpus));
    let index_time = if index { cpu_now().saturating_sub(t) } else { Duration::ZERO };
    let statements = corpus.statements.len();
    // Freeing is part of the work, but not of the build.
    drop((idx, corpus));
    Times { build, index: index_time, wall, statements }
}

/// The least build time of `reps` builds of `shape` at `n` bytes (no index).
pub fn time(shape: &Shape, n: usize, reps: usize) -> Duration {
    let src = (shape.make)(n);
    (0..reps).map(|_| time_once(shape, src.clone(), false).build).min().unwrap_or_default()
}

/// A `build_slow` fuzz input (see `stance_core::fuzzing`) at two sizes: every text cut
/// to half its length (on a character boundary), and whole.
pub fn fuzz_input(bytes: &[u8]) -> (Source, Source) {
    let full = stance_core::fuzzing::build_source(bytes, true);
    let mut half = full.clone();
    for text in half.files.values_mut() {
        let mut cut = text.len() / 2;
        while cut > 0 && std::str::from_utf8(&text[..cut]).is_err() {
            cut -= 1;
        }
        text.truncate(cut);
    }
    (half, full)
}

/// CPU time of one build of `src`, whatever its outcome (a fuzz input may have problems).
pub fn time_any(src: Source) -> Duration {
    let t = cpu_now();
    let result = corpus::build(src);
    let spent = cpu_now().saturating_sub(t);
    drop(result);
    spent
}
