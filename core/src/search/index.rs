//! The index: term dictionary, token stream, postings, field and facet tables.
//!
//! Layout (all flat vectors, no per-token allocation):
//! - **Words**: each distinct folded word is interned once (a hash map from word to word
//!   id while building) and mapped to its stem **term**. `words` is the dictionary sorted
//!   by text, for exact look-up, prefix ranges (binary search) and the typo scan;
//!   `words_by_len` buckets word ids by length in letters for the typo scan.
//! - **Token stream**: for each statement, in order, the term id and absolute byte span
//!   of each of its words (`tok_term`, `tok_start`, `tok_len`), statement `s` owning
//!   tokens `stmt_tok[s]..stmt_tok[s + 1]`. Phrases are checked on this stream and
//!   snippets are cut from it.
//! - **Postings**: for each term, the token indexes where it occurs, in order
//!   (`post_off`/`post_tok`, built by one counting sort).
//! - **Virtual fields**: document titles, speaker names and aliases, and topic labels
//!   are indexed once per document / actor / topic, not copied into each statement;
//!   a match there reaches the statements of that document, speaker or topic.
//! - **Facets**: per-statement speaker, topics, year, day, kind and document, and a
//!   [`BitSet`] per speaker, topic, kind and year.

use super::bitset::BitSet;
use super::tokenize::{fold_into, for_each_word, is_stop_word, script_of, Lang, Stemmers};
use crate::model::{Corpus, StatementKind};
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::Arc;

/// FxHash: a fast non-cryptographic hash for the word map.
#[derive(Default, Clone, Copy)]
pub(crate) struct FxHasher(u64);

impl Hasher for FxHasher {
    fn write(&mut self, bytes: &[u8]) {
        const K: u64 = 0x51_7c_c1_b7_27_22_0a_95;
        let mut h = self.0;
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            let v = u64::from_le_bytes([c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7]]);
            h = (h.rotate_left(5) ^ v).wrapping_mul(K);
        }
        // The last 1-7 bytes in one step (most words are shorter than 8 bytes).
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut t = [0u8; 8];
            t[..rest.len()].copy_from_slice(rest);
            h = (h.rotate_left(5) ^ u64::from_le_bytes(t)).wrapping_mul(K);
        }
        self.0 = h;
    }
    fn write_u8(&mut self, i: u8) {
        self.0 = (self.0.rotate_left(5) ^ u64::from(i)).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
    fn finish(&self) -> u64 {
        self.0
    }
}

pub(crate) type FxMap<K, V> = HashMap<K, V, BuildHasherDefault<FxHasher>>;

/// No speaker / no year.
pub(crate) const NONE: u32 = u32::MAX;

/// A dictionary word: folded text and its term.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Word {
    pub text: Box<str>,
    pub term: u32,
    /// Length in letters.
    pub chars: u16,
    /// Which letters it has (hashed to 64 bits), to skip most words in the typo scan.
    pub mask: u64,
}

impl Word {
    /// A placeholder left where a word was moved out (no allocation).
    fn empty() -> Word {
        Word { text: Box::default(), term: 0, chars: 0, mask: 0 }
    }
}

/// The letter-presence mask of a word: one edit changes at most two bits, so words
/// within `k` edits differ in at most `2k` bits.
pub(crate) fn letter_mask(word: &str) -> u64 {
    word.chars().fold(0u64, |m, c| m | 1 << (u32::from(c).wrapping_mul(0x9E37_79B9) >> 26))
}

/// Postings of one virtual field: term -> (owner, term frequency), plus owner lengths.
#[derive(Clone, Debug, Default, PartialEq)]
pub(crate) struct FieldIndex {
    pub postings: FxMap<u32, Vec<(u32, u16)>>,
    pub lens: Vec<u32>,
    pub avg_len: f32,
}

impl FieldIndex {
    fn finish(&mut self) {
        let n = self.lens.len().max(1) as f32;
        self.avg_len = (self.lens.iter().map(|&l| l as f32).sum::<f32>() / n).max(1.0);
    }
}

/// The search index over one corpus. Build it with [`Index::build`] (or in steps with
/// [`IndexBuilder`]); it is immutable.
#[derive(Clone, Debug, PartialEq)]
pub struct Index {
    // Dictionary.
    pub(crate) words: Vec<Word>,
    pub(crate) words_by_len: Vec<Vec<u32>>,
    pub(crate) term_text: Vec<Box<str>>,
    pub(crate) term_lookup: FxMap<Box<str>, u32>,
    pub(crate) term_stop: Vec<bool>,
    /// Statements whose body (or a virtual field) holds the term, for idf.
    pub(crate) term_df: Vec<u32>,
    // Token stream.
    pub(crate) tok_term: Vec<u32>,
    pub(crate) tok_start: Vec<u32>,
    pub(crate) tok_len: Vec<u16>,
    pub(crate) tok_stmt: Vec<u32>,
    pub(crate) stmt_tok: Vec<u32>,
    pub(crate) avg_stmt_len: f32,
    // Postings.
    pub(crate) post_off: Vec<u32>,
    pub(crate) post_tok: Vec<u32>,
    // Virtual fields.
    pub(crate) title: FieldIndex,
    pub(crate) speaker_field: FieldIndex,
    pub(crate) topic_field: FieldIndex,
    // Per statement.
    pub(crate) stmt_doc: Vec<u32>,
    pub(crate) stmt_kind: Vec<u8>,
    pub(crate) stmt_speaker: Vec<u32>,
    pub(crate) stmt_topic_off: Vec<u32>,
    pub(crate) stmt_topics: Vec<u32>,
    /// Index into `years` of each statement's year (`u16::MAX`: undated).
    pub(crate) stmt_year_idx: Vec<u16>,
    pub(crate) stmt_day: Vec<i64>,
    // Facet values and sets.
    /// Speaker ids: the corpus actors, then ids statements name that are not actors.
    pub(crate) speakers: Vec<String>,
    pub(crate) topics: Vec<String>,
    pub(crate) years: Vec<i32>,
    pub(crate) doc_stmts_off: Vec<u32>,
    pub(crate) doc_stmts: Vec<u32>,
    pub(crate) speaker_bits: Vec<BitSet>,
    pub(crate) topic_bits: Vec<BitSet>,
    pub(crate) kind_bits: Vec<BitSet>,
    pub(crate) year_bits: Vec<BitSet>,
    // Synonyms: groups of folded word sequences.
    pub(crate) synonyms: Vec<Vec<Vec<String>>>,
    /// The same, stemmed as query words are.
    pub(crate) synonym_stems: Vec<Vec<Vec<String>>>,
    /// (value, label) of each facet value, shared with the results: speakers, topics,
    /// years, documents, kinds.
    pub(crate) facet_labels: [Vec<(Arc<str>, Arc<str>)>; 5],

}

/// Interns words while building.
struct Interner {
    stemmers: Stemmers,
    /// (stems?, folded word) -> word id
    map: [FxMap<Box<str>, u32>; 2],
    /// (stems?, word as written, up to [`RAW_MAX_BYTES`]) -> term: most words recur in
    /// the same spelling, and a hit here skips folding them.
    raw: [FxMap<Box<str>, u32>; 2],
    words: Vec<Word>,
    term_text: Vec<Box<str>>,
    term_lookup: FxMap<Box<str>, u32>,
}

impl Interner {
    fn new() -> Self {
        Self {
            stemmers: Stemmers::default(),
            map: [FxMap::default(), FxMap::default()],
            raw: [FxMap::default(), FxMap::default()],
            words: Vec::new(),
            term_text: Vec::new(),
            term_lookup: FxMap::default(),
        }
    }

    fn term(&mut self, stem: &str) -> u32 {
        if let Some(&t) = self.term_lookup.get(stem) {
            return t;
        }
        let t = self.term_text.len() as u32;
        self.term_text.push(stem.into());
        self.term_lookup.insert(stem.into(), t);
        t
    }

    /// The term of a folded word of a document in `lang`.
    #[inline]
    fn word_term(&mut self, lang: Lang, folded: &str) -> u32 {
        let slot = usize::from(lang.stems());
        if let Some(&w) = self.map[slot].get(folded) {
            return self.words[w as usize].term;
        }
        let stem = self.stemmers.stem(lang, folded);
        let term = self.term(&stem);
        let id = self.words.len() as u32;
        let chars = folded.chars().count().min(usize::from(u16::MAX)) as u16;
        self.words.push(Word { text: folded.into(), term, chars, mask: letter_mask(folded) });
        self.map[slot].insert(folded.into(), id);
        term
    }

    /// The term of a word as written in a document in `lang` (folded into `buf` unless
    /// this spelling was seen before).
    #[inline]
    fn raw_term(&mut self, lang: Lang, word: &str, buf: &mut String) -> u32 {
        let slot = usize::from(lang.stems());
        let cache = word.len() <= RAW_MAX_BYTES;
        if cache {
            if let Some(&t) = self.raw[slot].get(word) {
                return t;
            }
        }
        buf.clear();
        fold_into(word, buf);
        let t = self.word_term(lang, buf);
        if cache {
            self.raw[slot].insert(word.into(), t);
        }
        t
    }

    /// [`Stemmers::stem_query`] of a folded word, from the word's term when a stemming
    /// document already had it (both stemming languages stem a word by its script, as a
    /// query word is).
    fn stem_query(&self, folded: &str) -> String {
        match self.map[1].get(folded).and_then(|&w| self.words.get(w as usize)).and_then(|w| self.term_text.get(w.term as usize)) {
            Some(stem) => stem.to_string(),
            None => self.stemmers.stem_query(folded),
        }
    }

    /// Terms of a short text (title, name), with repeats.
    fn terms_of(&mut self, lang: Lang, text: &str, buf: &mut String, out: &mut Vec<u32>) {
        for_each_word(text, |_, w| {
            let t = self.raw_term(lang, w, buf);
            out.push(t);
        });
    }
}

/// Longest spelling [`Interner::raw_term`] remembers (longer words are folded each time:
/// a hostile huge word is not kept twice).
const RAW_MAX_BYTES: usize = 48;

fn field_add(field: &mut FieldIndex, owner: u32, terms: &[u32]) {
    field.lens.push(terms.len() as u32);
    let mut sorted = terms.to_vec();
    sorted.sort_unstable();
    let mut i = 0;
    while i < sorted.len() {
        let mut j = i;
        while j < sorted.len() && sorted[j] == sorted[i] {
            j += 1;
        }
        field.postings.entry(sorted[i]).or_default().push((owner, (j - i).min(usize::from(u16::MAX)) as u16));
        i = j;
    }
}

pub(crate) fn kind_index(k: StatementKind) -> usize {
    StatementKind::ALL.iter().position(|x| *x == k).unwrap_or(0)
}

/// Builds an [`Index`] in steps, so a caller can spread the work over time (the app
/// indexes statements as they arrive from its worker, yielding to the browser between
/// batches):
///
/// 1. [`IndexBuilder::new`] once the corpus's metadata and documents are known;
/// 2. [`IndexBuilder::add`] for each batch of statements, in order (the token stream
///    and the per-statement facet values);
/// 3. [`IndexBuilder::finish`] once every statement is added (postings, virtual fields,
///    facet sets and the sorted dictionary).
///
/// The result is the same as [`Index::build`] whatever the batch sizes.
pub struct IndexBuilder {
    int: Interner,
    buf: String,
    /// A title's terms (reused).
    terms: Vec<u32>,
    speakers: Vec<String>,
    speaker_of: FxMap<String, u32>,
    topics: Vec<String>,
    topic_of: FxMap<String, u32>,
    doc_lang: Vec<Lang>,
    doc_count: Vec<u32>,
    tok_term: Vec<u32>,
    tok_start: Vec<u32>,
    tok_len: Vec<u16>,
    tok_stmt: Vec<u32>,
    stmt_tok: Vec<u32>,
    stmt_doc: Vec<u32>,
    stmt_kind: Vec<u8>,
    stmt_speaker: Vec<u32>,
    stmt_topic_off: Vec<u32>,
    stmt_topics: Vec<u32>,
    stmt_year: Vec<i32>,
    stmt_day: Vec<i64>,
}

impl IndexBuilder {
    /// Starts an index over `corpus`'s metadata and documents (its statements may still
    /// be arriving; [`add`](Self::add) indexes them).
    pub fn new(corpus: &Corpus) -> Self {
        // Facet values.
        let speakers: Vec<String> = corpus.meta.actors.iter().map(|a| a.id.clone()).collect();
        let speaker_of: FxMap<String, u32> = speakers.iter().enumerate().map(|(i, s)| (s.clone(), i as u32)).collect();
        let topics: Vec<String> = corpus.meta.topics.iter().map(|t| t.id.clone()).collect();
        let topic_of: FxMap<String, u32> = topics.iter().enumerate().map(|(i, s)| (s.clone(), i as u32)).collect();
        let doc_lang: Vec<Lang> = corpus.documents.iter().map(|d| Lang::from_tag(&d.meta.language)).collect();
        let approx_tokens = corpus.documents.iter().map(|d| d.text.len()).sum::<usize>() / 6;
        let n = corpus.statements.len();
        Self {
            int: Interner::new(),
            buf: String::new(),
            terms: Vec::new(),
            speakers,
            speaker_of,
            topics,
            topic_of,
            doc_lang,
            doc_count: vec![0u32; corpus.documents.len()],
            tok_term: Vec::with_capacity(approx_tokens),
            tok_start: Vec::with_capacity(approx_tokens),
            tok_len: Vec::with_capacity(approx_tokens),
            tok_stmt: Vec::with_capacity(approx_tokens),
            stmt_tok: vec![0u32],
            stmt_doc: Vec::with_capacity(n),
            stmt_kind: Vec::with_capacity(n),
            stmt_speaker: Vec::with_capacity(n),
            stmt_topic_off: vec![0u32],
            stmt_topics: Vec::new(),
            stmt_year: Vec::with_capacity(n),
            stmt_day: Vec::with_capacity(n),
        }
    }

    /// Number of statements added so far.
    pub fn added(&self) -> usize {
        self.stmt_doc.len()
    }

    /// Adds `corpus.statements[self.added()..end]` (clamped to the statements there
    /// are): their words to the token stream, and their facet values.
    pub fn add(&mut self, corpus: &Corpus, end: usize) {
        let end = end.min(corpus.statements.len());
        let start = self.added().min(end);
        for (si, s) in corpus.statements[start..end].iter().enumerate().map(|(i, s)| (start + i, s)) {
            let doc = corpus.documents.get(s.doc);
            let lang = self.doc_lang.get(s.doc).copied().unwrap_or(Lang::English);
            // Token stream.
            if let Some(text) = doc.and_then(|d| d.text.get(s.start..s.end)) {
                let Self { int, buf, tok_term, tok_start, tok_len, tok_stmt, .. } = self;
                for_each_word(text, |at, w| {
                    tok_term.push(int.raw_term(lang, w, buf));
                    tok_start.push((s.start + at) as u32);
                    tok_len.push(w.len().min(usize::from(u16::MAX)) as u16);
                    tok_stmt.push(si as u32);
                });
            }
            self.stmt_tok.push(self.tok_term.len() as u32);
            // Per-statement facet values.
            self.stmt_doc.push(if doc.is_some() { s.doc as u32 } else { NONE });
            if let Some(c) = self.doc_count.get_mut(s.doc) {
                *c += 1;
            }
            self.stmt_kind.push(kind_index(s.kind) as u8);
            let speaker = match &s.speaker {
                None => NONE,
                Some(id) => intern_value(&mut self.speakers, &mut self.speaker_of, id),
            };
            self.stmt_speaker.push(speaker);
            for t in &s.topics {
                let ti = intern_value(&mut self.topics, &mut self.topic_of, t);
                self.stmt_topics.push(ti);
            }
            self.stmt_topic_off.push(self.stmt_topics.len() as u32);
            let date = doc.map(|d| &d.meta.date);
            self.stmt_year.push(date.and_then(|d| d.best).map_or(i32::MIN, |b| b.year));
            self.stmt_day.push(date.and_then(|d| d.best_day()).unwrap_or(i64::MIN));
        }
    }

    /// Completes the index over the statements added (the corpus's documents and
    /// metadata must be the ones [`new`](Self::new) saw), in one go.
    pub fn finish(self, corpus: &Corpus) -> Index {
        let mut f = self.finishing();
        while !f.step(corpus, usize::MAX) {}
        f.into_index(corpus)
    }

    /// The last step as an [`IndexFinish`], to run in slices.
    pub fn finishing(self) -> IndexFinish {
        IndexFinish {
            n_terms_body: self.int.term_text.len(),
            b: self,
            phase: Phase::Count,
            at: 0,
            post_off: Vec::new(),
            post_tok: Vec::new(),
            fill: Vec::new(),
            title: FieldIndex::default(),
            fields: Fields::default(),
            facets: Facets::default(),
            term_df: Vec::new(),
            merge: Merge::default(),
            dict: Dict::default(),
            doc_labels: Vec::new(),
        }
    }
}

/// Where an [`IndexFinish`] is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Phase {
    /// Counting each term's tokens (`at`: next token).
    Count,
    /// Putting each token in its term's postings (`at`: next token).
    Fill,
    /// The document titles' virtual field (`at`: next document).
    Titles,
    /// Speaker and topic fields, synonyms, document -> statements, the facet values.
    Fields,
    /// The facet sets (`at`: next statement).
    Facets,
    /// Document frequencies (`at`: next term).
    Df,
    /// Sorting runs of [`SORT_RUN`] dictionary words (`at`: next run).
    SortRuns,
    /// Merging sorted runs pairwise, pass after pass ([`Merge`]).
    Merge,
    /// The sorted dictionary's length buckets and stop-word terms (`at`: next word).
    DictTail,
    /// The documents' facet labels (`at`: next document).
    Labels,
    Done,
}

/// Dictionary words sorted at once before they are merged (a run's sort is about
/// `SORT_RUN * log2(SORT_RUN)` comparisons).
const SORT_RUN: usize = 32;

/// Units of [`IndexFinish::step`]'s budget per piece of work, against one unit per token
/// counted or placed: measured roughly (natively and in wasm) so that a budget is about
/// the same time in every phase.
mod cost {
    /// Folding, interning (and for a new word, stemming) one word of a title.
    pub const TITLE_WORD: usize = 64;
    /// One comparison of two dictionary words.
    pub const COMPARE: usize = 8;
    /// One word's length bucket and stop-word check.
    pub const TAIL_WORD: usize = 8;
    /// One document's facet label (two shared strings).
    pub const LABEL: usize = 16;
}

/// The merge passes of the dictionary sort, resumable at any word: runs of `width`
/// sorted words of `src` are merged pairwise into `dst`; the pair being merged is
/// `src[lo..mid]` and `src[mid..hi]`, of which `i..mid` and `j..hi` are left.
#[derive(Default)]
struct Merge {
    src: Vec<Word>,
    dst: Vec<Word>,
    width: usize,
    lo: usize,
    i: usize,
    j: usize,
}

impl Merge {
    fn new(words: Vec<Word>) -> Self {
        let width = SORT_RUN;
        let j = width.min(words.len());
        Merge { dst: Vec::with_capacity(words.len()), src: words, width, lo: 0, i: 0, j }
    }

    /// Moves up to `budget` words into place; `true` once the words are sorted (in `src`).
    fn step(&mut self, budget: usize) -> bool {
        let n = self.src.len();
        let mut done = 0;
        while self.width < n && done < budget {
            let mid = (self.lo + self.width).min(n);
            let hi = (self.lo + 2 * self.width).min(n);
            let left = self.i < mid && (self.j >= hi || word_order(&self.src[self.i], &self.src[self.j]) != std::cmp::Ordering::Greater);
            let k = if left { &mut self.i } else { &mut self.j };
            self.dst.push(std::mem::replace(&mut self.src[*k], Word::empty()));
            *k += 1;
            done += 1;
            if self.i == mid && self.j == hi {
                self.lo = hi;
                if self.lo >= n {
                    // The pass is done: the merged runs are the next pass's input.
                    std::mem::swap(&mut self.src, &mut self.dst);
                    self.dst.clear();
                    self.width *= 2;
                    self.lo = 0;
                }
                self.i = self.lo;
                self.j = (self.lo + self.width).min(n);
            }
        }
        self.width >= n
    }
}

/// The dictionary's order: by text, then by term (two words with the same text and
/// term are the same word, so any sort gives the same dictionary).
fn word_order(a: &Word, b: &Word) -> std::cmp::Ordering {
    a.text.cmp(&b.text).then(a.term.cmp(&b.term))
}

/// What [`Phase::Fields`] makes.
#[derive(Default)]
struct Fields {
    speaker_field: FieldIndex,
    topic_field: FieldIndex,
    synonyms: Vec<Vec<Vec<String>>>,
    synonym_stems: Vec<Vec<Vec<String>>>,
    doc_stmts_off: Vec<u32>,
    doc_stmts: Vec<u32>,
}

/// The facet values and sets.
#[derive(Default)]
struct Facets {
    years: Vec<i32>,
    stmt_year_idx: Vec<u16>,
    speaker_bits: Vec<BitSet>,
    topic_bits: Vec<BitSet>,
    kind_bits: Vec<BitSet>,
    year_bits: Vec<BitSet>,
}

/// The last step of an [`IndexBuilder`] (postings, virtual fields, facet sets, document
/// frequencies, the sorted dictionary), cut into slices of bounded work so that a caller
/// on the browser's main thread can yield between them: call [`step`](Self::step) until
/// it returns `true`, then [`into_index`](Self::into_index). Each step does about
/// `budget` units (a token or a statement each; a title word, a comparison or a move of
/// the dictionary sort, a document's label weigh more, see `cost`) within one phase, or
/// one pass over the metadata's small tables (actors, topics, synonyms). Nothing grows
/// with the corpus in one step: document titles are indexed document by document, and
/// the dictionary is sorted as a merge sort (runs of [`SORT_RUN`] words, then merge
/// passes resumable at any word). The result is the same as [`IndexBuilder::finish`]
/// whatever the budgets.
pub struct IndexFinish {
    b: IndexBuilder,
    n_terms_body: usize,
    phase: Phase,
    at: usize,
    post_off: Vec<u32>,
    post_tok: Vec<u32>,
    fill: Vec<u32>,
    /// The titles' field, as [`Phase::Titles`] makes it.
    title: FieldIndex,
    fields: Fields,
    facets: Facets,
    term_df: Vec<u32>,
    /// The dictionary being sorted ([`Phase::SortRuns`], [`Phase::Merge`]; sorted in
    /// `merge.src` after).
    merge: Merge,
    dict: Dict,
    /// The documents' (id, title) facet labels ([`Phase::Labels`]).
    doc_labels: Vec<(Arc<str>, Arc<str>)>,
}

/// What [`Phase::DictTail`] makes.
#[derive(Default)]
struct Dict {
    words_by_len: Vec<Vec<u32>>,
    term_stop: Vec<bool>,
}

impl IndexFinish {
    /// Does about `budget` units of the remaining work; `true` once all is done.
    pub fn step(&mut self, corpus: &Corpus, budget: usize) -> bool {
        let budget = budget.max(1);
        let tokens = self.b.tok_term.len();
        match self.phase {
            Phase::Count => {
                if self.post_off.is_empty() {
                    self.post_off = vec![0u32; self.n_terms_body + 1];
                }
                let end = self.at.saturating_add(budget).min(tokens);
                for &t in &self.b.tok_term[self.at..end] {
                    self.post_off[t as usize + 1] += 1;
                }
                self.at = end;
                if end == tokens {
                    for i in 0..self.n_terms_body {
                        self.post_off[i + 1] += self.post_off[i];
                    }
                    self.fill = self.post_off.clone();
                    self.post_tok = vec![0u32; tokens];
                    self.next(Phase::Fill);
                }
            }
            Phase::Fill => {
                let end = self.at.saturating_add(budget).min(tokens);
                for (i, &t) in self.b.tok_term[self.at..end].iter().enumerate() {
                    let slot = &mut self.fill[t as usize];
                    self.post_tok[*slot as usize] = (self.at + i) as u32;
                    *slot += 1;
                }
                self.at = end;
                if end == tokens {
                    self.fill = Vec::new();
                    self.next(Phase::Titles);
                }
            }
            Phase::Titles => {
                let n = corpus.documents.len();
                let mut done = 0;
                while self.at < n && done < budget {
                    done += self.b.title_field_add(corpus, self.at, &mut self.title) * cost::TITLE_WORD + 1;
                    self.at += 1;
                }
                if self.at >= n {
                    self.title.finish();
                    self.next(Phase::Fields);
                }
            }
            Phase::Fields => {
                self.fields = self.b.fields(corpus);
                self.facets = self.b.facet_values();
                self.next(Phase::Facets);
            }
            Phase::Facets => {
                let n = self.b.stmt_doc.len();
                let end = self.at.saturating_add(budget).min(n);
                let (b, f) = (&self.b, &mut self.facets);
                for si in self.at..end {
                    if b.stmt_speaker[si] != NONE {
                        f.speaker_bits[b.stmt_speaker[si] as usize].insert(si);
                    }
                    for &t in &b.stmt_topics[b.stmt_topic_off[si] as usize..b.stmt_topic_off[si + 1] as usize] {
                        f.topic_bits[t as usize].insert(si);
                    }
                    f.kind_bits[usize::from(b.stmt_kind[si])].insert(si);
                    if let Some(bits) = f.year_bits.get_mut(usize::from(f.stmt_year_idx[si])) {
                        bits.insert(si);
                    }
                }
                self.at = end;
                if end == n {
                    self.term_df = vec![0u32; self.b.int.term_text.len()];
                    self.next(Phase::Df);
                }
            }
            Phase::Df => {
                let mut done = 0;
                while self.at < self.n_terms_body && done < budget {
                    let t = self.at;
                    let toks = &self.post_tok[self.post_off[t] as usize..self.post_off[t + 1] as usize];
                    let mut last = NONE;
                    let mut df = 0;
                    for &k in toks {
                        let s = self.b.tok_stmt[k as usize];
                        if s != last {
                            df += 1;
                            last = s;
                        }
                    }
                    self.term_df[t] = df;
                    done += toks.len() + 1;
                    self.at += 1;
                }
                if self.at >= self.n_terms_body {
                    self.merge = Merge::new(std::mem::take(&mut self.b.int.words));
                    self.next(Phase::SortRuns);
                }
            }
            Phase::SortRuns => {
                let words = &mut self.merge.src;
                let mut done = 0;
                while self.at < words.len() && done < budget {
                    let end = (self.at + SORT_RUN).min(words.len());
                    words[self.at..end].sort_unstable_by(word_order);
                    done += (end - self.at) * 5 * cost::COMPARE;
                    self.at = end;
                }
                if self.at >= words.len() {
                    self.next(Phase::Merge);
                }
            }
            Phase::Merge => {
                if self.merge.step(budget.div_ceil(cost::COMPARE)) {
                    self.dict = Dict { words_by_len: Vec::new(), term_stop: vec![false; self.b.int.term_text.len()] };
                    self.next(Phase::DictTail);
                }
            }
            Phase::DictTail => {
                let words = &self.merge.src;
                let end = self.at.saturating_add(budget.div_ceil(cost::TAIL_WORD)).min(words.len());
                let Dict { words_by_len, term_stop } = &mut self.dict;
                for (i, w) in words[self.at..end].iter().enumerate() {
                    let l = usize::from(w.chars);
                    if words_by_len.len() <= l {
                        words_by_len.resize(l + 1, Vec::new());
                    }
                    words_by_len[l].push((self.at + i) as u32);
                    if is_stop_word(&w.text) && script_of(&w.text) != super::tokenize::Script::Other {
                        term_stop[w.term as usize] = true;
                    }
                }
                self.at = end;
                if end == words.len() {
                    self.next(Phase::Labels);
                }
            }
            Phase::Labels => {
                let end = self.at.saturating_add(budget.div_ceil(cost::LABEL)).min(corpus.documents.len());
                self.doc_labels.extend(corpus.documents[self.at..end].iter().map(|d| (Arc::from(d.meta.id.as_str()), Arc::from(d.meta.title.as_str()))));
                self.at = end;
                if end == corpus.documents.len() {
                    self.next(Phase::Done);
                }
            }
            Phase::Done => {}
        }
        self.phase == Phase::Done
    }

    fn next(&mut self, phase: Phase) {
        self.phase = phase;
        self.at = 0;
    }

    /// The index (finishing whatever [`step`](Self::step) has not done yet): the field
    /// frequencies, the facet labels and the sorted dictionary.
    pub fn into_index(mut self, corpus: &Corpus) -> Index {
        while !self.step(corpus, usize::MAX) {}
        let IndexFinish { b, mut post_off, post_tok, title, fields, facets, mut term_df, merge, dict, doc_labels, .. } = self;
        let Fields { speaker_field, topic_field, synonyms, synonym_stems, doc_stmts_off, doc_stmts } = fields;
        let Facets { years, stmt_year_idx, speaker_bits, topic_bits, kind_bits, year_bits } = facets;
        let IndexBuilder {
            int, speakers, topics, doc_count, tok_term, tok_start, tok_len, tok_stmt, stmt_tok, stmt_doc, stmt_kind,
            stmt_speaker, stmt_topic_off, stmt_topics, stmt_day, ..
        } = b;
        let n = stmt_doc.len();
        let n_terms = int.term_text.len();

        // Document frequencies through the virtual fields.
        for (t, list) in &title.postings {
            term_df[*t as usize] += list.iter().map(|(d, _)| doc_count.get(*d as usize).copied().unwrap_or(0)).sum::<u32>();
        }
        for (t, list) in &speaker_field.postings {
            term_df[*t as usize] += list.iter().map(|(a, _)| speaker_bits[*a as usize].count() as u32).sum::<u32>();
        }
        for (t, list) in &topic_field.postings {
            term_df[*t as usize] += list.iter().map(|(a, _)| topic_bits[*a as usize].count() as u32).sum::<u32>();
        }
        post_off.resize(n_terms + 1, post_tok.len() as u32);

        let pair = |v: &str, l: &str| -> (Arc<str>, Arc<str>) { (v.into(), l.into()) };
        let facet_labels = [
            speakers.iter().map(|id| pair(id, corpus.actor_name(id))).collect(),
            topics.iter().map(|id| pair(id, corpus.topic_label(id))).collect(),
            years.iter().map(|y| { let y = y.to_string(); pair(&y, &y) }).collect(),
            doc_labels,
            StatementKind::ALL.iter().map(|k| pair(k.as_str(), k.as_str())).collect(),
        ];

        let Interner { term_text, term_lookup, .. } = int;
        let words = merge.src;
        let Dict { words_by_len, term_stop } = dict;
        let avg_stmt_len = (tok_term.len() as f32 / n.max(1) as f32).max(1.0);

        Index {
            words,
            words_by_len,
            term_text,
            term_lookup,
            term_stop,
            term_df,
            tok_term,
            tok_start,
            tok_len,
            tok_stmt,
            stmt_tok,
            avg_stmt_len,
            post_off,
            post_tok,
            title,
            speaker_field,
            topic_field,
            stmt_doc,
            stmt_kind,
            stmt_speaker,
            stmt_topic_off,
            stmt_topics,
            stmt_year_idx,
            stmt_day,
            speakers,
            topics,
            years,
            doc_stmts_off,
            doc_stmts,
            speaker_bits,
            topic_bits,
            kind_bits,
            year_bits,
            synonyms,
            synonym_stems,
            facet_labels,
        }
    }
}

impl IndexBuilder {
    /// Adds document `di`'s title to the titles' field; the number of its words.
    fn title_field_add(&mut self, corpus: &Corpus, di: usize, title: &mut FieldIndex) -> usize {
        let IndexBuilder { int, buf, doc_lang, terms, .. } = self;
        let Some(d) = corpus.documents.get(di) else { return 0 };
        terms.clear();
        let lang = doc_lang.get(di).copied().unwrap_or(Lang::English);
        int.terms_of(lang, &d.meta.title, buf, terms);
        field_add(title, di as u32, terms);
        terms.len()
    }

    /// The speaker and topic fields (names and aliases, labels), the synonym groups and
    /// the document -> statements table: work on the small tables only (the titles are
    /// [`title_field_add`](Self::title_field_add)'s, document by document).
    fn fields(&mut self, corpus: &Corpus) -> Fields {
        let IndexBuilder { int, buf, speakers, topics, doc_count, stmt_doc, .. } = self;
        let mut terms = Vec::new();
        let mut speaker_field = FieldIndex::default();
        for (ai, id) in speakers.iter().enumerate() {
            terms.clear();
            if let Some(a) = corpus.meta.actors.get(ai) {
                int.terms_of(Lang::English, &a.name, buf, &mut terms);
                for al in &a.aliases {
                    int.terms_of(Lang::English, al, buf, &mut terms);
                }
            } else {
                int.terms_of(Lang::English, id, buf, &mut terms);
            }
            field_add(&mut speaker_field, ai as u32, &terms);
        }
        speaker_field.finish();
        let mut topic_field = FieldIndex::default();
        for (ti, id) in topics.iter().enumerate() {
            terms.clear();
            let label = corpus.meta.topics.get(ti).map_or(id.as_str(), |t| t.label.as_str());
            int.terms_of(Lang::English, label, buf, &mut terms);
            field_add(&mut topic_field, ti as u32, &terms);
        }
        topic_field.finish();

        // Synonym groups (corpus synonyms, then actor name + aliases), as folded words.
        let mut synonyms: Vec<Vec<Vec<String>>> = Vec::new();
        let fold_entry = |s: &str| super::tokenize::folded_words(s);
        for g in &corpus.meta.synonyms {
            let group: Vec<Vec<String>> = g.iter().map(|e| fold_entry(e)).filter(|e| !e.is_empty()).collect();
            if group.len() > 1 {
                synonyms.push(group);
            }
        }
        for a in &corpus.meta.actors {
            let mut group: Vec<Vec<String>> = std::iter::once(&a.name).chain(&a.aliases).map(|e| fold_entry(e)).filter(|e| !e.is_empty()).collect();
            group.dedup();
            if group.len() > 1 {
                synonyms.push(group);
            }
        }
        let synonym_stems = synonyms.iter().map(|g| g.iter().map(|m| m.iter().map(|w| int.stem_query(w)).collect()).collect()).collect();

        // Document -> statements.
        let mut doc_stmts_off = vec![0u32; corpus.documents.len() + 1];
        for (i, c) in doc_count.iter().enumerate() {
            doc_stmts_off[i + 1] = doc_stmts_off[i] + c;
        }
        let mut fill = doc_stmts_off.clone();
        let mut doc_stmts = vec![0u32; doc_stmts_off.last().copied().unwrap_or(0) as usize];
        for (si, &d) in stmt_doc.iter().enumerate() {
            if d != NONE {
                doc_stmts[fill[d as usize] as usize] = si as u32;
                fill[d as usize] += 1;
            }
        }
        Fields { speaker_field, topic_field, synonyms, synonym_stems, doc_stmts_off, doc_stmts }
    }

    /// The facet values (years in order, each statement's year) and empty facet sets.
    fn facet_values(&self) -> Facets {
        let n = self.stmt_doc.len();
        // The distinct years first (few), then sorted: not a sort of every statement's year.
        let mut seen: FxMap<i32, ()> = FxMap::default();
        let mut years: Vec<i32> = self.stmt_year.iter().copied().filter(|&y| y != i32::MIN && seen.insert(y, ()).is_none()).collect();
        years.sort_unstable();
        let stmt_year_idx: Vec<u16> =
            self.stmt_year.iter().map(|y| years.binary_search(y).map_or(u16::MAX, |i| i.min(usize::from(u16::MAX - 1)) as u16)).collect();
        Facets {
            speaker_bits: vec![BitSet::new(n); self.speakers.len()],
            topic_bits: vec![BitSet::new(n); self.topics.len()],
            kind_bits: vec![BitSet::new(n); StatementKind::ALL.len()],
            year_bits: vec![BitSet::new(n); years.len()],
            years,
            stmt_year_idx,
        }
    }
}

/// Index of `value` in `values`, added at the end if it is new.
fn intern_value(values: &mut Vec<String>, index_of: &mut FxMap<String, u32>, value: &str) -> u32 {
    if let Some(&i) = index_of.get(value) {
        return i;
    }
    values.push(value.to_string());
    let i = (values.len() - 1) as u32;
    index_of.insert(value.to_string(), i);
    i
}

impl Index {
    /// Builds the index of a corpus in one go. Never fails; statements whose span is
    /// not inside their document are indexed as empty. [`IndexBuilder`] does the same in
    /// steps.
    pub fn build(corpus: &Corpus) -> Index {
        let mut builder = IndexBuilder::new(corpus);
        builder.add(corpus, corpus.statements.len());
        builder.finish(corpus)
    }

    /// Number of statements indexed.
    pub fn len(&self) -> usize {
        self.stmt_doc.len()
    }

    pub fn is_empty(&self) -> bool {
        self.stmt_doc.is_empty()
    }

    /// Number of distinct words in the dictionary.
    pub fn word_count(&self) -> usize {
        self.words.len()
    }

    /// Number of distinct terms (stems).
    pub fn term_count(&self) -> usize {
        self.term_text.len()
    }

    /// Number of word occurrences indexed.
    pub fn token_count(&self) -> usize {
        self.tok_term.len()
    }

    pub(crate) fn postings(&self, term: u32) -> &[u32] {
        let t = term as usize;
        match (self.post_off.get(t), self.post_off.get(t + 1)) {
            (Some(&a), Some(&b)) => &self.post_tok[a as usize..b as usize],
            _ => &[],
        }
    }

    pub(crate) fn stmt_tokens(&self, s: usize) -> std::ops::Range<usize> {
        self.stmt_tok[s] as usize..self.stmt_tok[s + 1] as usize
    }

    pub(crate) fn doc_statements(&self, d: usize) -> &[u32] {
        match (self.doc_stmts_off.get(d), self.doc_stmts_off.get(d + 1)) {
            (Some(&a), Some(&b)) => &self.doc_stmts[a as usize..b as usize],
            _ => &[],
        }
    }

    /// Range of `words` whose text starts with `prefix`.
    pub(crate) fn prefix_range(&self, prefix: &str) -> std::ops::Range<usize> {
        let lo = self.words.partition_point(|w| &*w.text < prefix);
        let hi = lo + self.words[lo..].partition_point(|w| w.text.starts_with(prefix));
        lo..hi
    }

    /// Term ids of dictionary words equal to `folded`.
    pub(crate) fn exact_words<'a>(&'a self, folded: &'a str) -> impl Iterator<Item = u32> + 'a {
        let lo = self.words.partition_point(|w| &*w.text < folded);
        self.words[lo..].iter().take_while(move |w| &*w.text == folded).map(|w| w.term)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Words of `n` texts drawn from a few letters (so with repeats), some texts twice
    /// with different terms.
    fn words(n: usize, seed: u64) -> Vec<Word> {
        let mut x = seed;
        let mut next = move || {
            x = x.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            (x >> 33) as usize
        };
        (0..n)
            .map(|_| {
                let text: String = (0..1 + next() % 4).map(|_| char::from(b'a' + (next() % 3) as u8)).collect();
                Word { chars: text.len() as u16, mask: letter_mask(&text), text: text.into(), term: (next() % 3) as u32 }
            })
            .collect()
    }

    #[test]
    fn the_dictionary_sort_in_slices_equals_a_sort_at_once() {
        for n in [0, 1, 2, SORT_RUN - 1, SORT_RUN, SORT_RUN + 1, 3 * SORT_RUN + 5, 1000] {
            for budget in [1, 2, 7, 100, usize::MAX] {
                let mut expected = words(n, n as u64);
                expected.sort_unstable_by(word_order);
                let mut w = words(n, n as u64);
                for run in w.chunks_mut(SORT_RUN) {
                    run.sort_unstable_by(word_order);
                }
                let mut merge = Merge::new(w);
                let mut steps = 1;
                while !merge.step(budget) {
                    steps += 1;
                    assert!(steps <= 64 * n + 1, "the merge of {n} words in slices of {budget} does not end");
                }
                assert!(merge.src == expected, "{n} words in slices of {budget}");
                assert!(merge.dst.is_empty());
            }
        }
    }
}
