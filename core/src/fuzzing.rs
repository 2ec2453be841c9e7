//! Fuzz entry points: one function per parser of outside input (feature `fuzzing`).
//!
//! The cargo-fuzz targets in `fuzz/fuzz_targets/` are one line each and call these;
//! the stable test `core/tests/fuzz_replay.rs` replays every checked-in input through
//! the same functions, so a crash found by fuzzing stays a failing test until fixed.
//! Each function takes raw bytes, never fails on bad input, and panics only when an
//! invariant the crate documents is broken (a span out of its text, a round trip that
//! changes the value): that panic is the finding.
//!
//! | function | outside input | checks beyond "no panic" |
//! |---|---|---|
//! | [`meta_toml`] | `stance.toml` text | a parsed meta re-serializes to TOML that parses to the same value; checking it reports problems with a message and a fix |
//! | [`packed`] | a packed corpus (JSON) | `to_json` round trip; a corpus that parses is checked and built |
//! | [`build_corpus`] | texts with markers, quotes of every style, selectors | statement and reference spans are in their text, ids unique, order kept; the index answers a query |
//! | [`build_slow`] | the same, with repeats up to megabytes of text | run with a small libFuzzer `-timeout`, so a slow shape is found like a crash |
//! | [`query`] | the search box / `q=` | parse → `to_string` → parse is stable; hits, snippets and highlights stay in bounds |
//! | [`url_state`] | the location's search string and fragment | decode → encode → decode gives the same state and no notice, also after `validate` |
//! | [`timelinejs`] | a corpus file the app is given (TimelineJS or packed JSON) | every event is imported or skipped with a reason; ids unique; the import packs, builds and keeps the built corpus's invariants; its TimelineJS export imports back with the same dates, texts, headlines and groups (up to HTML's whitespace) |
//! | [`host_message`] | a `postMessage` from the host page (JSON or a string), the embed link's fragment, the sender's origin | a parsed message writes back (`to_value`) to one that parses the same, also through JSON text and with an unknown field added; refusals say why; embed parameters split out once and for all, the rest decodes to a stable view state, the embed snippet of that state reads back; a named host never admits `null` |
//!
//! # The `build_corpus` input format
//!
//! Bytes are split at [`TEXT_SEPARATOR`]. With no separator, all the input is the text
//! of one document (so a plain text file is a seed). Otherwise the pieces before the
//! last one are the texts of up to [`MAX_DOCUMENTS`] documents and the last piece drives
//! an [`arbitrary::Unstructured`] that chooses each document's language, date, Q&A
//! turns and excluded stretches, inserts generated pieces (quotations of every style,
//! open and unclosed marks, markers, names, reporting verbs, dates), and points
//! positions and tags at stretches of the texts.

use crate::corpus::{self, PackedCorpus, Source};
use crate::date::{Certainty, DateSpec, PartialDate};
use crate::meta::{
    ActorMeta, CorpusMeta, DocumentMeta, EventMeta, ExcludeMeta, Genre, OverrideMeta, PositionMeta, QuoteMarks, QuoteSelector,
    TagMeta, TopicMeta, TurnStyle, TurnsMeta, FORMAT_VERSION,
};
use crate::model::{Corpus, StatementKind};
use crate::search::{Index, Query, SearchOptions};
use crate::embed::{self, HostMessage, ProtocolError};
use crate::interchange::{read_corpus_file, timelinejs as tljs};
use crate::url_state::ViewState;
use arbitrary::{Arbitrary, Unstructured};
use serde_json::Value;
use std::collections::{BTreeMap, HashSet};
use std::sync::OnceLock;

/// Separates the texts of a [`build_corpus`] input from each other and from its control bytes.
pub const TEXT_SEPARATOR: &[u8] = b"\x00\x1e";
/// Documents a [`build_corpus`] input makes at most.
pub const MAX_DOCUMENTS: usize = 3;
/// Longest generated text per document in [`build_corpus`] (bytes).
pub const BUILD_TEXT_CAP: usize = 64 * 1024;
/// Longest generated text per document in [`build_slow`]: large enough that a
/// quadratic stage takes seconds, small enough that a linear build stays well under the
/// target's timeout.
pub const SLOW_TEXT_CAP: usize = 2 * 1024 * 1024;
/// Most times a [`build_corpus`] piece repeats.
pub const BUILD_REPEAT: u32 = 4;
/// Most times a [`build_slow`] piece repeats.
pub const SLOW_REPEAT: u32 = 50_000;

/// Fuzzes `stance.toml` parsing, then checks the parsed metadata (with no texts).
pub fn meta_toml(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let Ok(meta) = corpus::parse_meta_toml("stance.toml", text) else { return };
    // What we parsed, written back, reads as the same metadata.
    if let Ok(again) = toml::to_string(&meta) {
        match corpus::parse_meta_toml("again.toml", &again) {
            Ok(reparsed) => assert_eq!(reparsed, meta, "TOML round trip changed the metadata:\n{again}"),
            Err(e) => panic!("re-serialized metadata does not parse: {e:?}\n{again}"),
        }
    }
    let source = Source { meta, lines: crate::meta::toml_lines(text), meta_file: "stance.toml".into(), files: BTreeMap::new() };
    check_built(corpus::build(source));
}

/// Fuzzes reading a packed corpus (what the app loads), then builds it.
pub fn packed(data: &[u8]) {
    let Ok(json) = std::str::from_utf8(data) else { return };
    let Ok(packed) = PackedCorpus::parse("fuzz.json", json) else { return };
    let again = PackedCorpus::parse("again.json", &packed.to_json());
    match again {
        Ok(p) => assert!(p.meta == packed.meta && p.texts == packed.texts, "packed round trip changed the corpus"),
        Err(e) => panic!("re-packed corpus does not parse: {e:?}"),
    }
    check_built(corpus::build(packed.into_source("fuzz.json")));
}

/// Fuzzes a whole corpus build from small structured input (see the module docs).
pub fn build_corpus(data: &[u8]) {
    check_built(corpus::build(build_source(data, false)));
}

/// [`build_corpus`] with repeats that reach megabytes; meant for libFuzzer's `-timeout`.
pub fn build_slow(data: &[u8]) {
    check_built(corpus::build(build_source(data, true)));
}

/// The corpus source a [`build_corpus`] (or, `slow`, [`build_slow`]) input stands for.
pub fn build_source(data: &[u8], slow: bool) -> Source {
    match slow {
        true => corpus_from_bytes(data, SLOW_REPEAT, SLOW_TEXT_CAP),
        false => corpus_from_bytes(data, BUILD_REPEAT, BUILD_TEXT_CAP),
    }
}

/// Fuzzes the query syntax and a search of the shipped corpus with it.
pub fn query(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    let (parsed, _) = Query::parse_with_problems(&text);
    let printed = parsed.to_string();
    assert_eq!(Query::parse(&printed), parsed, "query {text:?} printed as {printed:?} parses differently");
    let Some((corpus, index)) = shipped() else { return };
    let first = data.first().copied().unwrap_or(0) as i64;
    let options = [
        SearchOptions::default(),
        SearchOptions { limit: 3, offset: (first % 5) as usize, snippets: 1, ..Default::default() },
        SearchOptions { window: Some((first * 40, first * 40 + 400)), ..Default::default() },
    ];
    for opts in &options {
        let results = index.search(corpus, &text, opts);
        assert!(results.hits.len() <= opts.limit, "more hits than the limit");
        assert!(results.total >= results.hits.len(), "total below the hits returned");
        for hit in &results.hits {
            let s = &corpus.statements[hit.statement];
            let doc = &corpus.documents[s.doc].text;
            let sn = &hit.snippet;
            assert!(s.start <= sn.start && sn.start <= sn.end && sn.end <= s.end, "snippet outside its statement");
            assert!(doc.is_char_boundary(sn.start) && doc.is_char_boundary(sn.end), "snippet cuts a character");
            for &(a, b) in &sn.highlights {
                assert!(sn.start <= a && a <= b && b <= sn.end, "highlight outside its snippet");
                assert!(doc.is_char_boundary(a) && doc.is_char_boundary(b), "highlight cuts a character");
            }
        }
        if let Some(suggested) = results.suggested_query() {
            let _ = index.search(corpus, &suggested, opts);
        }
    }
}

/// Fuzzes the URL view state: `?search#fragment`, decoded, encoded and decoded again.
pub fn url_state(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    let (search, fragment) = text.split_once('#').unwrap_or((&text, ""));
    let (mut state, _) = ViewState::from_location(search, fragment);
    assert_stable(&state);
    if let Some((corpus, _)) = shipped() {
        state.validate(corpus);
        assert_stable(&state);
    }
}

/// Fuzzes reading a corpus file as the app does ([`read_corpus_file`]), TimelineJS
/// import in particular; then builds the import and round-trips it through the export.
pub fn timelinejs(data: &[u8]) {
    let json = String::from_utf8_lossy(data);
    let read = read_corpus_file("fuzz.json", &json);
    let Ok(value) = serde_json::from_str::<Value>(&json) else { return };
    let Some(events) = value.get("events").and_then(Value::as_array) else {
        assert!(tljs::from_value("fuzz.json", &value).is_err(), "a file with no `events` list imported");
        return;
    };
    let import = match tljs::from_value("fuzz.json", &value) {
        Ok(i) => i,
        Err(e) => panic!("a file with an `events` list refused: {e}"),
    };
    // The app's reader gives the import whenever the file is not a packed corpus.
    if tljs::looks_like_timelinejs(&value) && PackedCorpus::parse("fuzz.json", &json).is_err() {
        match &read {
            Ok(f) => {
                assert!(f.packed.meta == import.packed.meta && f.packed.texts == import.packed.texts, "read_corpus_file differs from the import");
                assert_eq!(f.skipped, import.skipped.iter().map(ToString::to_string).collect::<Vec<_>>());
            }
            Err(e) => panic!("a TimelineJS file refused by read_corpus_file: {e}"),
        }
    }
    check_import(events.len(), &import);
    let packed = import.packed;
    match PackedCorpus::parse("again.json", &packed.to_json()) {
        Ok(p) => assert!(p.meta == packed.meta && p.texts == packed.texts, "the import's packed form reads back differently"),
        Err(e) => panic!("the import's packed form does not parse: {e}"),
    }
    let corpus = match corpus::build(packed.into_source("fuzz.json")) {
        Ok(c) => c,
        Err(e) => panic!("an import does not build: {e}"),
    };
    check_corpus(&corpus);
    check_export_round_trip(&corpus);
}

/// Every event kept or skipped with a reason, in order; ids unique; texts and topics
/// where the metadata says.
fn check_import(events: usize, import: &tljs::Import) {
    let meta = &import.packed.meta;
    let mut last = 0;
    for s in &import.skipped {
        assert!(!s.reason.trim().is_empty() && !s.to_string().trim().is_empty(), "a skipped event with no reason: {s:?}");
        if s.event > 0 {
            assert!(s.event > last && s.event <= events, "skipped event {} out of order or past the {events} events", s.event);
            last = s.event;
        }
    }
    let skipped = import.skipped.iter().filter(|s| s.event > 0).count();
    if events <= tljs::MAX_EVENTS {
        assert_eq!(meta.documents.len() + meta.events.len() + skipped, events, "an event neither imported nor skipped");
    }
    let mut ids = HashSet::new();
    let topics: HashSet<&str> = meta.topics.iter().map(|t| t.id.as_str()).collect();
    for id in meta.documents.iter().map(|d| &d.id).chain(meta.events.iter().map(|e| &e.id)).chain(meta.topics.iter().map(|t| &t.id)) {
        assert!(!id.is_empty() && id.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-'), "id {id:?}");
        assert!(ids.insert(id.as_str()), "id {id} twice");
    }
    assert_eq!(import.packed.texts.len(), meta.documents.len(), "a text per document");
    for d in &meta.documents {
        let text = import.packed.texts.get(&d.file).map(String::as_str).unwrap_or_default();
        assert!(!text.trim().is_empty(), "document {} without its text", d.id);
        assert!(d.date.best.is_some_and(|b| (1..=9999).contains(&b.year)), "document {} undated", d.id);
        assert!(d.topics.iter().all(|t| topics.contains(t.as_str())), "document {} in a missing topic", d.id);
    }
    for e in &meta.events {
        assert!(!e.label.trim().is_empty() && (1..=9999).contains(&e.date.year), "context event {e:?}");
        assert!(e.topics.iter().all(|t| topics.contains(t.as_str())), "event {} in a missing topic", e.id);
    }
}

/// `import(export(corpus))`: one event per dated statement and per context event, in
/// order, with the same date, text, headline and group (TimelineJS is HTML, so up to
/// whitespace).
fn check_export_round_trip(corpus: &Corpus) {
    let words = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
    let export = tljs::export(corpus, &corpus.statements);
    let back = match tljs::import("export.json", &export.json) {
        Ok(b) => b,
        Err(e) => panic!("an export does not import: {e}"),
    };
    assert!(back.skipped.is_empty(), "an export's events skipped: {:?}", back.skipped);
    let meta = &back.packed.meta;
    let topic_label = |ids: &[String]| ids.first().and_then(|t| meta.topics.iter().find(|x| &x.id == t)).map(|t| words(&t.label));
    let dated: Vec<_> = corpus.statements.iter().filter(|s| corpus.document_of(s).is_some_and(|d| d.meta.date.best.is_some())).collect();
    assert_eq!(export.undated, corpus.statements.len() - dated.len());
    assert_eq!(meta.documents.len() + meta.events.len(), dated.len() + corpus.meta.events.len(), "events lost in the export");
    assert_eq!(meta.documents.len(), dated.len(), "a statement came back as a context event");
    for (d, s) in meta.documents.iter().zip(&dated) {
        let doc = corpus.document_of(s).map(|d| &d.meta);
        let text = back.packed.texts.get(&d.file).map(String::as_str).unwrap_or_default();
        assert_eq!(words(text), words(corpus.statement_text(s)), "statement {} text", s.id);
        assert_eq!(d.date.best, doc.and_then(|m| m.date.best), "statement {} date", s.id);
        let headline = s.speaker.as_deref().map_or(doc.map_or("", |m| m.title.as_str()), |id| corpus.actor_name(id));
        assert_eq!(words(&d.title), words(headline), "statement {} headline", s.id);
        assert_eq!(topic_label(&d.topics), s.topics.first().map(|t| words(corpus.topic_label(t))), "statement {} group", s.id);
    }
    for (e, orig) in meta.events.iter().zip(&corpus.meta.events) {
        assert_eq!((words(&e.label), e.date), (words(&orig.label), orig.date), "context event {}", orig.id);
        assert_eq!(topic_label(&e.topics), orig.topics.first().map(|t| words(corpus.topic_label(t))), "context event {} group", orig.id);
    }
}

/// Fuzzes what a host page sends an embedded view: the `postMessage` data (the input as
/// JSON, and as a string), the embed link's fragment (`?search#fragment`, the embed
/// parameters split out as the app does), and origins (first line: the sender).
pub fn host_message(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    if let Ok(value) = serde_json::from_str::<Value>(&text) {
        host_value(&value);
    }
    host_value(&Value::String(text.to_string()));

    let (search, fragment) = text.split_once('#').map_or((text.as_ref(), String::new()), |(s, f)| (s, format!("#{f}")));
    let split = embed::split_fragment(&fragment);
    assert!(split.fragment.starts_with('#'), "split fragment {:?}", split.fragment);
    assert!(split.notices.iter().all(|n| !n.trim().is_empty()), "an empty notice");
    let again = embed::split_fragment(&split.fragment);
    assert!(again.options.is_none() && again.notices.is_empty() && again.fragment == split.fragment, "{:?} splits again into {again:?}", split.fragment);
    if let Some(o) = &split.options {
        if let Some(id) = &o.embed_id {
            assert!(id.len() <= 64 && !id.is_empty() && id.chars().all(|c| c.is_ascii_alphanumeric() || "-_.:".contains(c)), "embed id {id:?}");
        }
        if let Some(host) = &o.host {
            assert!(!embed::origin_allowed(Some(host), "null"), "host {host:?} admits null");
        }
        let sender = text.lines().next().unwrap_or_default();
        if embed::origin_allowed(o.host.as_deref(), sender) {
            assert!(o.host.as_deref().is_none_or(|h| sender != "null" && h.trim_end_matches('/').eq_ignore_ascii_case(sender)), "{sender:?} admitted");
        }
    }
    let (state, _) = ViewState::from_location(search, &split.fragment);
    assert_stable(&state);
    // The embed snippet of that view reads back as the same query and selection.
    let snippet = embed::snippets("https://site.example/stance/", &state, false, &text);
    let back = embed::split_fragment(snippet.src.split_once('#').map_or("", |x| x.1));
    assert!(back.options.is_some() && back.notices.is_empty(), "snippet {} loses the embed form: {:?}", snippet.src, back.notices);
    let (read, notices) = ViewState::from_fragment(&back.fragment);
    assert!(notices.is_empty(), "snippet {} decodes with notices: {notices:?}", snippet.src);
    assert!(read.query == state.query && read.selected == state.selected, "snippet {} reads back as another view", snippet.src);
}

/// One `postMessage` value: parsed, written back and parsed again.
fn host_value(value: &Value) {
    match HostMessage::parse(value) {
        Ok(message) => {
            match &message {
                HostMessage::SetQuery(q) => assert!(q.chars().count() <= embed::MAX_QUERY_CHARS, "query over the limit"),
                HostMessage::Select(Some(id)) => assert!(!id.is_empty() && id.len() <= embed::MAX_ID_BYTES && !id.chars().any(char::is_control), "id {id:?}"),
                _ => {}
            }
            let written = message.to_value();
            assert_eq!(HostMessage::parse(&written), Ok(message.clone()), "{value} written back as {written}");
            let text = written.to_string();
            let reread = serde_json::from_str::<Value>(&text).map_err(|e| e.to_string()).and_then(|v| HostMessage::parse(&v).map_err(|e| e.to_string()));
            assert_eq!(reread, Ok(message.clone()), "{value} as JSON text {text}");
            // A field this version does not know is ignored.
            if let Some(obj) = value.as_object().filter(|o| o.len() < 16 && !o.contains_key("zz-later")) {
                let mut more = obj.clone();
                more.insert("zz-later".into(), Value::Null);
                assert_eq!(HostMessage::parse(&Value::Object(more)), Ok(message), "an unknown field changed {value}");
            }
        }
        Err(e) => {
            assert!(!e.to_string().trim().is_empty(), "a refusal with no reason: {e:?}");
            if e == ProtocolError::NotStance {
                assert!(value.get(embed::PROTOCOL_KEY).is_none(), "{value} has the protocol key but is 'not Stance'");
            }
        }
    }
}

fn assert_stable(state: &ViewState) {
    let url = state.to_fragment();
    let (again, notices) = ViewState::from_fragment(&url);
    assert!(notices.is_empty(), "{url} decodes with notices: {notices:?}");
    assert_eq!(&again, state, "{url} decodes to another state");
}

/// The shipped corpus and its index, built once (`None` if the folder is unreadable,
/// which the replay test reports on its own).
pub fn shipped() -> Option<&'static (Corpus, Index)> {
    static SHIPPED: OnceLock<Option<(Corpus, Index)>> = OnceLock::new();
    SHIPPED
        .get_or_init(|| {
            let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../corpus");
            let corpus = corpus::build(corpus::load_dir(&dir).ok()?).ok()?;
            let index = Index::build(&corpus);
            Some((corpus, index))
        })
        .as_ref()
}

/// Checks what the crate documents about a built corpus; problems must say something.
fn check_built(result: Result<Corpus, crate::CorpusErrors>) {
    match result {
        Ok(corpus) => check_corpus(&corpus),
        Err(errors) => {
            for p in &errors.0 {
                assert!(!p.message.trim().is_empty(), "a problem without a message: {p:?}");
            }
        }
    }
}

/// Statement spans, order and ids, references, positions, and a search of the corpus.
fn check_corpus(corpus: &Corpus) {
    let mut ids = HashSet::new();
    let mut last = (0, 0);
    for s in &corpus.statements {
        let doc = corpus.documents.get(s.doc).expect("statement of a missing document");
        let text = &doc.text;
        assert!(s.start <= s.end && s.end <= text.len(), "statement {} span {}..{} outside its text", s.id, s.start, s.end);
        assert!(text.is_char_boundary(s.start) && text.is_char_boundary(s.end), "statement {} cuts a character", s.id);
        assert!(last <= (s.doc, s.start), "statements out of order at {}", s.id);
        last = (s.doc, s.start);
        assert!(ids.insert(s.id.as_str()), "statement id {} twice", s.id);
        for r in &s.references {
            assert_eq!(text.get(r.start..r.end), Some(r.text.as_str()), "reference {:?} of {} is not its text", r.text, s.id);
        }
    }
    for p in &corpus.positions {
        assert!(p.statements.iter().all(|&i| i < corpus.statements.len()), "position {} names a missing statement", p.meta.id);
    }
    let index = Index::build(corpus);
    if let Some(word) = corpus.statements.first().and_then(|s| corpus.statement_text(s).split_whitespace().next()) {
        let results = index.search(corpus, word, &SearchOptions::default());
        assert!(results.hits.iter().all(|h| h.statement < corpus.statements.len()), "a hit past the statements");
    }
}

// ---------- the structured corpus of `build_corpus` ----------

/// Per-document choices.
#[derive(Arbitrary, Debug, Default)]
struct DocChoice {
    russian: bool,
    /// 0: exact day, 1: month, 2: approximate with a range, 3: unknown.
    date: u8,
    year: u16,
    /// Q&A turns with the default or custom markers, and whether in dash style.
    turns: Option<(bool, bool)>,
    /// 0: none, else one of [`GENRES`].
    genre: u8,
    /// 0: the corpus's, 1: auto, 2: double, 3: single.
    quote_marks: u8,
    /// Speaker labels ("PETROV:", "Q:") for transcripts.
    labels: bool,
    /// Bit mask over the speakers.
    speakers: u8,
    outlet: bool,
    excludes: Vec<(Selection, bool)>,
}

/// A stretch of a document's text, chosen by offsets (snapped to characters).
#[derive(Arbitrary, Debug, Clone, Copy)]
struct Selection {
    doc: u8,
    start: u16,
    len: u8,
    prefix: u8,
    suffix: u8,
}

/// Generated text inserted into a document.
#[derive(Arbitrary, Debug)]
enum Piece {
    Word(u8),
    Name(u8),
    Verb(u8),
    Pronoun(u8),
    Punct(u8),
    Open(u8),
    Close(u8),
    Quote(u8, Vec<Piece>),
    Marker(bool),
    Date(u8, u16),
    Newline(bool),
    Repeat(u16, Vec<Piece>),
}

#[derive(Arbitrary, Debug, Default)]
struct Control {
    docs: [DocChoice; MAX_DOCUMENTS],
    inserts: Vec<(u8, u16, Vec<Piece>)>,
    positions: Vec<(Selection, u8, u8)>,
    tags: Vec<(Selection, u8, u8)>,
    /// Selection, speaker, kind, flags (not a statement, join next, split before).
    overrides: Vec<(Selection, u8, u8, u8)>,
    quote_marks: u8,
    event_cues: bool,
    synonyms: bool,
}

/// Quotation marks, open and close, of every style the segmenter may meet.
const QUOTES: &[(&str, &str)] = &[
    ("\"", "\""),
    ("“", "”"),
    ("«", "»"),
    ("„", "“"),
    ("„", "”"),
    ("‘", "’"),
    ("'", "'"),
    ("‹", "›"),
    ("»", "«"),
    ("「", "」"),
    ("”", "”"),
];
const WORDS: &[&str] = &[
    "cyber", "rules", "the", "information", "security", "talks", "Geneva summit", "правила", "переговоры", "а", "a", "and",
    "in", "of", "arms race", "милитаризация", "word-with-dash", "U.S.", "Mr.", "No.", "e.g.", "1.5", "‑", "\u{a0}", "🙂",
    "\u{202e}", "\u{301}", "ё",
];
const NAMES: &[&str] = &["Krutskikh", "Andrey Krutskikh", "Крутских", "Petrov", "Ivan Petrov", "the outlet", "UN", "Russia"];
const VERBS: &[&str] =
    &["said", "told", "vowed", "added", "according to", "complained", "believes", "rejects", "— сказал", "по словам", "заявил", "he thinks"];
const PRONOUNS: &[&str] = &["he", "she", "он", "она", "they", "He", "Она"];
const PUNCT: &[&str] = &[". ", "? ", "! ", "… ", "...", ", ", " — ", ": ", "; ", " ", " (", ") ", "\t", "\r\n", "\u{2028}"];
const DATES: &[&str] = &["In March", "since", "Beginning in March", "in", "В марте", "the 2021", "on 3 November", "до"];
const GENRES: &[Genre] = &[
    Genre::Article,
    Genre::Interview,
    Genre::Transcript,
    Genre::Speech,
    Genre::Statement,
    Genre::PressRelease,
    Genre::Post,
    Genre::OpEd,
];
const ACTORS: &[(&str, &str, &[&str], &str)] = &[
    ("krutskikh", "Andrey Krutskikh", &["Krutskikh", "Крутских", "Андрей Крутских"], "person"),
    ("petrov", "Ivan Petrov", &["Petrov"], "person"),
    ("interviewer", "The interviewer", &[], "person"),
    ("outlet", "Test outlet", &[], "outlet"),
    ("un", "United Nations", &["UN", "ООН"], "organisation"),
];
const TOPICS: &[(&str, &[&str])] = &[
    ("rules", &["rules", "правил*"]),
    ("arms", &["милитариз*", "arms race", "cyber war"]),
    ("dialogue", &["переговор*", "talks", "Geneva summit"]),
];

/// Builds a corpus source from fuzz bytes; see the module docs for the layout.
fn corpus_from_bytes(data: &[u8], repeat: u32, cap: usize) -> Source {
    let mut parts = split_all(data, TEXT_SEPARATOR);
    let control_bytes = if parts.len() > 1 { parts.pop().unwrap_or_default() } else { &[] };
    let mut texts: Vec<String> = parts.iter().take(MAX_DOCUMENTS).map(|p| String::from_utf8_lossy(p).into_owned()).collect();
    let mut u = Unstructured::new(control_bytes);
    let control = Control::arbitrary(&mut u).unwrap_or_default();
    let mut renderer = Renderer { repeat, cap, budget: RENDER_BUDGET };
    for (doc, at, pieces) in &control.inserts {
        let Some(text) = texts.get_mut(*doc as usize % MAX_DOCUMENTS) else { continue };
        let mut generated = String::new();
        renderer.render(pieces, &mut generated);
        let at = floor_boundary(text, *at as usize);
        text.insert_str(at, &generated);
        truncate_to(text, cap);
    }
    let documents: Vec<DocumentMeta> = texts.iter().enumerate().map(|(i, text)| document(i, &control.docs[i], text)).collect();
    let selector = |sel: &Selection| select(sel, &texts, &documents);
    let positions = control
        .positions
        .iter()
        .enumerate()
        .map(|(i, (sel, actor, topic))| PositionMeta {
            id: format!("p{i}"),
            actor: ACTORS[*actor as usize % ACTORS.len()].0.into(),
            topic: TOPICS[*topic as usize % TOPICS.len()].0.into(),
            stance: "a stance".into(),
            polarity: (*actor as i8 % 3) - 1,
            date: None,
            summary: String::new(),
            quotes: vec![selector(sel)],
        })
        .collect();
    let tags = control
        .tags
        .iter()
        .map(|(sel, add, remove)| TagMeta {
            quote: selector(sel),
            add: vec![TOPICS[*add as usize % TOPICS.len()].0.into()],
            remove: (remove % 2 == 0).then(|| TOPICS[*remove as usize % TOPICS.len()].0.into()).into_iter().collect(),
        })
        .collect();
    let overrides = control
        .overrides
        .iter()
        .map(|(sel, speaker, kind, flags)| OverrideMeta {
            quote: selector(sel),
            speaker: (speaker % 2 == 0).then(|| ACTORS[*speaker as usize / 2 % ACTORS.len()].0.into()),
            kind: StatementKind::ALL.get(*kind as usize).copied(),
            not_statement: flags & 1 != 0,
            join_next: flags & 2 != 0,
            split_before: if flags & 4 != 0 { slice(&sel_text(sel, &texts), 0, *kind).to_string() } else { String::new() },
            reason: "fuzz".into(),
        })
        .collect();
    let meta = CorpusMeta {
        format: FORMAT_VERSION,
        quote_marks: quote_marks(control.quote_marks).unwrap_or_default(),
        overrides,
        title: "Fuzz corpus".into(),
        description: String::new(),
        actors: ACTORS
            .iter()
            .map(|(id, name, aliases, kind)| ActorMeta {
                id: (*id).into(),
                name: (*name).into(),
                aliases: aliases.iter().map(|a| (*a).into()).collect(),
                kind: (*kind).into(),
                ..Default::default()
            })
            .collect(),
        topics: TOPICS
            .iter()
            .map(|(id, kw)| TopicMeta {
                id: (*id).into(),
                label: id.to_uppercase(),
                description: String::new(),
                keywords: kw.iter().map(|k| (*k).into()).collect(),
            })
            .collect(),
        documents,
        events: vec![EventMeta {
            id: "expert-group".into(),
            date: PartialDate { year: 2022, month: 3, day: 0 },
            approximate: true,
            label: "Expert group".into(),
            source: String::new(),
            topics: vec!["rules".into()],
            cues: if control.event_cues { vec!["March".into(), "марте".into()] } else { Vec::new() },
        }],
        positions,
        tags,
        synonyms: if control.synonyms { vec![vec!["OEWG".into(), "Open-ended Working Group".into()]] } else { Vec::new() },
    };
    let files = texts.into_iter().enumerate().map(|(i, t)| (format!("d{i}.txt"), t.into_bytes())).collect();
    Source { meta, lines: Default::default(), meta_file: "stance.toml".into(), files }
}

fn document(i: usize, choice: &DocChoice, text: &str) -> DocumentMeta {
    let year = 1 + choice.year as i32 % 9999;
    let best = PartialDate { year, month: 1 + choice.year as u8 % 12, day: if choice.date == 0 { 1 + choice.year as u8 % 28 } else { 0 } };
    let date = match choice.date % 4 {
        0 | 1 => DateSpec { best: Some(best), certainty: Certainty::Exact, ..Default::default() },
        2 => DateSpec {
            best: Some(best),
            earliest: Some(PartialDate { year, month: 0, day: 0 }),
            latest: Some(PartialDate { year: (year + 1).min(9999), month: 0, day: 0 }),
            certainty: Certainty::Approximate,
            note: Some("fuzz".into()),
        },
        _ => DateSpec { best: None, certainty: Certainty::Unknown, ..Default::default() },
    };
    let turns = choice.turns.map(|(custom, dash)| TurnsMeta {
        question_marker: if custom { "Q:".into() } else { "Question:".into() },
        answer_marker: if custom { "A:".into() } else { "Answer:".into() },
        question: "interviewer".into(),
        answer: "petrov".into(),
        style: if dash { TurnStyle::Dash } else { TurnStyle::Markers },
        end: if custom { "Footer".into() } else { String::new() },
    });
    let labels = match choice.labels {
        true => [("PETROV", "petrov"), ("Q", "interviewer"), ("MODERATOR", "outlet")].iter().map(|(l, a)| ((*l).into(), (*a).into())).collect(),
        false => Default::default(),
    };
    let speakers = ACTORS.iter().enumerate().filter(|(k, _)| choice.speakers & (1 << k) != 0).map(|(_, a)| a.0.into()).collect();
    let exclude = choice
        .excludes
        .iter()
        .map(|(sel, to_end)| ExcludeMeta {
            exact: slice(text, sel.start, sel.len).to_string(),
            to_end: *to_end,
            ..Default::default()
        })
        .collect();
    DocumentMeta {
        id: format!("d{i}"),
        file: format!("d{i}.txt"),
        title: format!("Document {i}"),
        outlet_actor: choice.outlet.then(|| "outlet".into()),
        language: if choice.russian { "ru".into() } else { "en".into() },
        date,
        speakers,
        turns,
        exclude,
        genre: (choice.genre as usize).checked_sub(1).and_then(|g| GENRES.get(g % GENRES.len())).copied(),
        quote_marks: quote_marks(choice.quote_marks),
        labels,
        ..Default::default()
    }
}

/// A quote selector for a stretch of one of the texts.
fn select(sel: &Selection, texts: &[String], documents: &[DocumentMeta]) -> QuoteSelector {
    let k = sel.doc as usize % texts.len().max(1);
    let (Some(text), Some(doc)) = (texts.get(k), documents.get(k)) else { return QuoteSelector::default() };
    let start = floor_boundary(text, sel.start as usize);
    let end = floor_boundary(text, start + sel.len as usize);
    let before = floor_boundary(text, start.saturating_sub(sel.prefix as usize % 16));
    let after = floor_boundary(text, end + sel.suffix as usize % 16);
    QuoteSelector {
        document: doc.id.clone(),
        exact: text[start..end].to_string(),
        prefix: text[before..start].to_string(),
        suffix: text[end..after].to_string(),
    }
}

fn quote_marks(k: u8) -> Option<QuoteMarks> {
    [None, Some(QuoteMarks::Auto), Some(QuoteMarks::Double), Some(QuoteMarks::Single)][k as usize % 4]
}

/// The exact text a selection picks (for `split_before`).
fn sel_text(sel: &Selection, texts: &[String]) -> String {
    let text = texts.get(sel.doc as usize % texts.len().max(1)).map_or("", |t| t.as_str());
    slice(text, sel.start, sel.len).to_string()
}

fn slice(text: &str, start: u16, len: u8) -> &str {
    let a = floor_boundary(text, start as usize);
    let b = floor_boundary(text, a + len as usize);
    &text[a..b]
}

/// Pieces rendered at most per input, so nested repeats of nothing cannot spin the
/// harness itself (the time must be spent in the code under test).
const RENDER_BUDGET: u64 = 4_000_000;

struct Renderer {
    repeat: u32,
    cap: usize,
    budget: u64,
}

impl Renderer {
    fn render(&mut self, pieces: &[Piece], out: &mut String) {
        let pick = |list: &[&'static str], k: u8| list[k as usize % list.len()];
        for piece in pieces {
            if out.len() >= self.cap || self.budget == 0 {
                break;
            }
            self.budget -= 1;
            match piece {
                Piece::Word(k) => {
                    out.push_str(pick(WORDS, *k));
                    out.push(' ');
                }
                Piece::Name(k) => out.push_str(pick(NAMES, *k)),
                Piece::Verb(k) => {
                    out.push(' ');
                    out.push_str(pick(VERBS, *k));
                    out.push(' ');
                }
                Piece::Pronoun(k) => out.push_str(pick(PRONOUNS, *k)),
                Piece::Punct(k) => out.push_str(pick(PUNCT, *k)),
                Piece::Open(k) => out.push_str(QUOTES[*k as usize % QUOTES.len()].0),
                Piece::Close(k) => out.push_str(QUOTES[*k as usize % QUOTES.len()].1),
                Piece::Quote(k, inner) => {
                    let (open, close) = QUOTES[*k as usize % QUOTES.len()];
                    out.push_str(open);
                    self.render(inner, out);
                    out.push_str(close);
                }
                Piece::Marker(question) => out.push_str(if *question { "\nQuestion: " } else { "\nAnswer: " }),
                Piece::Date(k, year) => {
                    out.push_str(pick(DATES, *k));
                    out.push_str(&format!(" {} ", year % 3000));
                }
                Piece::Newline(blank) => out.push_str(if *blank { "\n\n" } else { "\n" }),
                Piece::Repeat(n, inner) => {
                    for _ in 0..(*n as u32 % (self.repeat + 1)) {
                        if out.len() >= self.cap || self.budget == 0 {
                            break;
                        }
                        self.budget -= 1;
                        self.render(inner, out);
                    }
                }
            }
        }
        truncate_to(out, self.cap);
    }
}

fn split_all<'a>(data: &'a [u8], sep: &[u8]) -> Vec<&'a [u8]> {
    let mut parts = Vec::new();
    let mut rest = data;
    while let Some(i) = rest.windows(sep.len()).position(|w| w == sep) {
        parts.push(&rest[..i]);
        rest = &rest[i + sep.len()..];
    }
    parts.push(rest);
    parts
}

fn floor_boundary(text: &str, mut i: usize) -> usize {
    i = i.min(text.len());
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

fn truncate_to(text: &mut String, cap: usize) {
    if text.len() > cap {
        let end = floor_boundary(text, cap);
        text.truncate(end);
    }
}
