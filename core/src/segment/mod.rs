//! Cutting a document into statements.
//!
//! [`segment`] turns one [`Document`] into [`Statement`]s, each a contiguous, trimmed,
//! non-overlapping byte span with one speaker, a [`StatementKind`] and where the
//! speaker came from ([`Attribution`]):
//!
//! 1. The body (text before `body_end`, minus `excluded` ranges, minus a leading
//!    byte-order mark) is cut into paragraphs (lines).
//! 2. Turns: in a Q&A document (`turns`) a paragraph opening with a marker (or, with
//!    `style = "dash"`, with a dash) starts a question or answer turn, and paragraphs
//!    without one continue it, until the `end` words; in a transcript (`genre =
//!    "transcript"` or `labels`) a paragraph opening with a speaker label ("THE
//!    CHAIR:", "MR. ROE:", "Jane Roe:") starts that speaker's turn ([`turns`]).
//! 3. Other paragraphs are prose ([`prose`]): speech quotations (opening a sentence,
//!    after a colon, introduced or followed by an attribution) become `quote`
//!    statements of the quoted words; the sentences between them are `reported` when
//!    they carry a reporting cue ([`cues`]) and narration in the document's voice
//!    otherwise.
//! 4. The voice depends on the genre ([`crate::meta::Genre`]): the outlet's in
//!    articles, interviews and transcripts, the first speaker's in speeches,
//!    statements, press releases, posts and op-eds.
//!
//! Ids are `{document}-{8 hex of FNV-1a 64 of the text}`, with `-2`, `-3`... for
//! repeated text, so they survive rebuilds. Every stage is linear (or n log n) in the
//! document: see `core/tests/adversarial.rs`.

pub mod cues;
pub mod names;
pub mod prose;
pub mod quotes;
pub mod turns;

use crate::meta::{CorpusMeta, QuoteMarks};
use crate::model::{Attribution, Document, Statement, StatementKind};
pub use quotes::{quotations, QuoteSpan, QuoteStyle};

/// A problem segmentation found in a document: what is wrong, and how to fix it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SegmentProblem {
    pub kind: crate::error::ProblemKind,
    /// Where, under the document's metadata (`turns.end`, `labels`...).
    pub key: String,
    pub message: String,
    pub fix: String,
}

/// Statements of document number `doc_index`, in text order.
pub fn segment(doc_index: usize, doc: &Document, meta: &CorpusMeta) -> Vec<Statement> {
    segment_checked(doc_index, doc, meta).0
}

/// Statements of document number `doc_index`, and the problems found on the way
/// (turn markers that never occur, speaker labels that match no actor).
pub fn segment_checked(doc_index: usize, doc: &Document, meta: &CorpusMeta) -> (Vec<Statement>, Vec<SegmentProblem>) {
    Segmenter::new(meta).segment(doc_index, doc)
}

/// What segmentation prepares once per corpus (the cue table, the actors' names), to
/// segment many documents.
pub struct Segmenter<'m> {
    meta: &'m CorpusMeta,
    cues: cues::CueTable,
    names: names::NameTable,
    labels: turns::ActorLabels,
}

impl<'m> Segmenter<'m> {
    pub fn new(meta: &'m CorpusMeta) -> Self {
        Self { meta, cues: cues::CueTable::new(), names: names::NameTable::new(&meta.actors), labels: turns::ActorLabels::new(meta) }
    }

    /// Statements of document number `doc_index`, and the problems found on the way.
    pub fn segment(&self, doc_index: usize, doc: &Document) -> (Vec<Statement>, Vec<SegmentProblem>) {
        segment_with(self, doc_index, doc)
    }
}

fn segment_with(seg: &Segmenter, doc_index: usize, doc: &Document) -> (Vec<Statement>, Vec<SegmentProblem>) {
    let meta = seg.meta;
    let m = &doc.meta;
    let speakers = names::Speakers::with_table(&doc.text, &seg.names);
    let table = &seg.cues;
    let genre = m.genre_or_default();
    let voice = if genre.authored() { m.speakers.first().cloned().or_else(|| m.outlet_actor.clone()) } else { m.outlet_actor.clone() };
    let style = match m.quote_marks.unwrap_or(meta.quote_marks) {
        QuoteMarks::Double => QuoteStyle::Double,
        QuoteMarks::Single => QuoteStyle::Single,
        QuoteMarks::Auto => quotes::detect(&doc.text),
    };
    let ctx = prose::Ctx { text: &doc.text, speakers: &speakers, cues: table, voice: voice.map(|v| v.as_str().into()), default: m.speakers.first().map(|s| s.as_str().into()), style, authored: genre.authored() };
    let mut turns = turns::Turns::new(doc, &seg.labels, genre);
    if m.genre.is_none() && m.labels.is_empty() && m.turns.is_none() {
        // A transcript nobody declared: labels of known actors open its paragraphs.
        if let Some(t) = turns::Turns::new(doc, &seg.labels, crate::meta::Genre::Transcript).detect(&doc.text, paragraphs(doc)) {
            turns = t;
        }
    }
    let mut carry = prose::Carry::default();
    let mut drafts = Vec::new();
    for (start, end) in paragraphs(doc) {
        if !turns.paragraph(&doc.text, start, end, &mut drafts) {
            ctx.paragraph(start, end, &mut carry, &mut drafts);
        }
    }
    let problems = turns.problems();
    (finish(doc_index, doc, drafts), problems)
}

/// An actor id as segmentation passes it around: cloned for every quotation and
/// sentence, so shared rather than copied (a statement gets its own `String`).
pub type SpeakerId = std::rc::Rc<str>;

/// A statement before it has an id.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Draft {
    pub start: usize,
    pub end: usize,
    pub kind: StatementKind,
    pub speaker: Option<SpeakerId>,
    pub attribution: Attribution,
}

// ------------------------------------------------------------------ paragraphs

/// Largest char boundary of `text` at or before `i`.
pub fn floor_boundary(text: &str, i: usize) -> usize {
    let mut i = i.min(text.len());
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// Is `c` skipped at the edges of a statement (whitespace, a byte-order mark)?
fn is_space(c: char) -> bool {
    c.is_whitespace() || c == '\u{feff}'
}

/// `(start, end)` moved inwards past whitespace (and past `extra` chars).
pub fn trim_span(text: &str, start: usize, end: usize, extra: &[char]) -> (usize, usize) {
    let Some(s) = text.get(start..end) else { return (start, start) };
    let skip = |c: char| is_space(c) || extra.contains(&c);
    let trimmed_start = s.trim_start_matches(skip);
    let a = start + (s.len() - trimmed_start.len());
    let b = a + trimmed_start.trim_end_matches(skip).len();
    (a, b)
}

/// Byte ranges of the body that are text: before `body_end`, outside `excluded`.
fn body_regions(doc: &Document) -> Vec<(usize, usize)> {
    let text = &doc.text;
    let end = floor_boundary(text, doc.body_end);
    let mut cuts: Vec<(usize, usize)> = doc.excluded.iter().map(|&(a, b)| (floor_boundary(text, a), floor_boundary(text, b))).collect();
    cuts.sort_unstable();
    let mut out = Vec::new();
    let mut pos = 0;
    for (a, b) in cuts {
        if a > pos {
            out.push((pos, a.min(end)));
        }
        pos = pos.max(b);
    }
    if pos < end {
        out.push((pos, end));
    }
    out.retain(|&(a, b)| a < b);
    out
}

/// Trimmed, non-empty lines of the body, one at a time (a document may have millions).
fn paragraphs(doc: &Document) -> impl Iterator<Item = (usize, usize)> + '_ {
    body_regions(doc).into_iter().flat_map(move |(a, b)| {
        let mut pos = a;
        doc.text[a..b].split('\n').filter_map(move |line| {
            let (s, e) = trim_span(&doc.text, pos, pos + line.len(), &[]);
            pos += line.len() + 1;
            (e > s).then_some((s, e))
        })
    })
}

// ------------------------------------------------------------------ words

/// A word (run of letters and digits) with its byte span.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Word {
    pub start: usize,
    pub end: usize,
    pub lower: String,
}

/// Words of `text[start..end]`, lower-cased.
pub fn words(text: &str, start: usize, end: usize) -> Vec<Word> {
    names::word_spans(text, start, end).into_iter().map(|(a, b)| Word { start: a, end: b, lower: text[a..b].to_lowercase() }).collect()
}

// ------------------------------------------------------------------ ids

/// FNV-1a, 64 bits.
pub fn fnv1a64(bytes: &[u8]) -> u64 {
    const OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
    const PRIME: u64 = 0x0000_0100_0000_01b3;
    bytes.iter().fold(OFFSET, |h, &b| (h ^ u64::from(b)).wrapping_mul(PRIME))
}

/// The 32-bit hash of a statement's text in its id.
fn text_hash(text: &str) -> u32 {
    let h = fnv1a64(text.as_bytes());
    (h >> 32) as u32 ^ h as u32
}

/// The stable id of a statement with text `text` in document `doc_id`.
pub fn statement_id(doc_id: &str, text: &str) -> String {
    numbered_id(doc_id, text_hash(text), 1)
}

/// `{doc_id}-{hash:08x}`, with `-{n}` for the `n`th statement (from 2) of that text.
fn numbered_id(doc_id: &str, hash: u32, n: u32) -> String {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let digits = if n > 1 { 1 + n.ilog10() as usize + 1 } else { 0 };
    let mut id = String::with_capacity(doc_id.len() + 9 + digits);
    id.push_str(doc_id);
    id.push('-');
    // By hand: this runs once per statement, and `format!` costs more than the rest.
    id.extend((0..8).rev().map(|k| HEX[(hash >> (4 * k)) as usize & 15] as char));
    if n > 1 {
        id.push('-');
        let mut digits = [0u8; 10];
        let mut k = digits.len();
        let mut n = n;
        while n > 0 {
            k -= 1;
            digits[k] = b'0' + (n % 10) as u8;
            n /= 10;
        }
        id.extend(digits[k..].iter().map(|&d| d as char));
    }
    id
}

/// Orders drafts, drops empty or overlapping ones and gives them ids.
fn finish(doc_index: usize, doc: &Document, mut drafts: Vec<Draft>) -> Vec<Statement> {
    drafts.sort_by_key(|d| (d.start, d.end));
    let mut out: Vec<Statement> = Vec::with_capacity(drafts.len());
    // How many statements of each text hash the document has had so far.
    let mut seen = std::collections::HashMap::<u32, u32>::new();
    let mut last_end = 0;
    for d in drafts {
        if d.start >= d.end || d.start < last_end || doc.text.get(d.start..d.end).is_none() {
            continue;
        }
        last_end = d.end;
        let hash = text_hash(&doc.text[d.start..d.end]);
        let n = seen.entry(hash).or_insert(0);
        *n += 1;
        let id = numbered_id(&doc.meta.id, hash, *n);
        out.push(Statement { id, doc: doc_index, kind: d.kind, speaker: d.speaker.as_deref().map(str::to_string), attribution: d.attribution, start: d.start, end: d.end, topics: Vec::new(), references: Vec::new() });
    }
    out
}

/// Gives the statements of each document ids again from their text (after
/// overrides changed spans), the same way [`segment`] does.
pub fn reassign_ids(documents: &[Document], statements: &mut [Statement]) {
    // Per document id (two documents may share one: that is reported elsewhere, and
    // their statements must still get distinct ids) and text hash.
    let mut seen = std::collections::HashMap::<(&str, u32), u32>::new();
    for s in statements.iter_mut() {
        let Some(doc) = documents.get(s.doc) else { continue };
        let hash = text_hash(doc.text.get(s.start..s.end).unwrap_or(""));
        let n = seen.entry((doc.meta.id.as_str(), hash)).or_insert(0);
        *n += 1;
        s.id = numbered_id(&doc.meta.id, hash, *n);
    }
}

/// Problems of the metadata that attribution depends on: one name or alias on two
/// actors, identical question and answer markers.
/// Each with the metadata path it is at.
pub fn meta_problems(meta: &CorpusMeta) -> Vec<(String, SegmentProblem)> {
    use crate::error::ProblemKind;
    let mut out = Vec::new();
    let mut owner: std::collections::HashMap<&str, &str> = std::collections::HashMap::new();
    for (ai, a) in meta.actors.iter().enumerate() {
        let mut own: Vec<&str> = std::iter::once(a.name.trim()).chain(a.aliases.iter().map(|s| s.trim())).filter(|n| !n.is_empty()).collect();
        own.sort_unstable();
        own.dedup();
        for n in own {
            match owner.get(n) {
                Some(other) if *other != a.id => out.push((
                    format!("actors[{ai}].aliases"),
                    SegmentProblem { kind: ProblemKind::NameOnTwoActors, key: String::new(), message: format!("'{n}' names both actor '{other}' and actor '{}'", a.id), fix: "keep the name or alias on one actor only (the text cannot tell them apart)".into() },
                )),
                _ => {
                    owner.insert(n, &a.id);
                }
            }
        }
    }
    for (di, d) in meta.documents.iter().enumerate() {
        if let Some(t) = &d.turns {
            if t.style == crate::meta::TurnStyle::Markers && t.question_marker.trim() == t.answer_marker.trim() {
                out.push((
                    format!("documents[{di}].turns.answer_marker"),
                    SegmentProblem { kind: ProblemKind::IdenticalTurnMarkers, key: String::new(), message: format!("document '{}': the question and answer markers are both '{}'", d.id, t.question_marker.trim()), fix: "give questions and answers different markers, or use `style = \"dash\"` for alternating dash paragraphs".into() },
                ));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fnv_known_values() {
        assert_eq!(fnv1a64(b""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(fnv1a64(b"a"), 0xaf63_dc4c_8601_ec8c);
    }

    #[test]
    fn byte_order_mark_is_trimmed() {
        let t = "\u{feff}Hello.";
        assert_eq!(trim_span(t, 0, t.len(), &[]), (3, t.len()));
    }
}
