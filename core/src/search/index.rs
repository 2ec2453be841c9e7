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
        for &b in chunks.remainder() {
            h = (h.rotate_left(5) ^ u64::from(b)).wrapping_mul(K);
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
    words: Vec<Word>,
    term_text: Vec<Box<str>>,
    term_lookup: FxMap<Box<str>, u32>,
}

impl Interner {
    fn new() -> Self {
        Self {
            stemmers: Stemmers::default(),
            map: [FxMap::default(), FxMap::default()],
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
            buf.clear();
            fold_into(w, buf);
            let t = self.word_term(lang, buf);
            out.push(t);
        });
    }
}

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
                    buf.clear();
                    fold_into(w, buf);
                    tok_term.push(int.word_term(lang, buf));
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
            fields: Fields::default(),
            facets: Facets::default(),
            term_df: Vec::new(),
            dict: Dict::default(),
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
    /// Virtual fields, synonyms, document -> statements, the facet values.
    Fields,
    /// The facet sets (`at`: next statement).
    Facets,
    /// Document frequencies (`at`: next term).
    Df,
    /// The dictionary sorted, its length buckets and stop-word terms.
    Dict,
    Done,
}

/// What [`Phase::Fields`] makes.
#[derive(Default)]
struct Fields {
    title: FieldIndex,
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
/// `budget` units (a token or a statement each) plus one pass over the small tables
/// (documents, actors, topics, the dictionary); the result is the same as
/// [`IndexBuilder::finish`] whatever the budgets.
pub struct IndexFinish {
    b: IndexBuilder,
    n_terms_body: usize,
    phase: Phase,
    at: usize,
    post_off: Vec<u32>,
    post_tok: Vec<u32>,
    fill: Vec<u32>,
    fields: Fields,
    facets: Facets,
    term_df: Vec<u32>,
    dict: Dict,
}

/// What [`Phase::Dict`] makes.
#[derive(Default)]
struct Dict {
    words: Vec<Word>,
    words_by_len: Vec<Vec<u32>>,
    term_stop: Vec<bool>,
}

impl Dict {
    /// The dictionary sorted by text, bucketed by length, and which terms are stop words.
    fn of(words: Vec<Word>, terms: usize) -> Self {
        // Sorted by text, then term: through a key of each text's first 8 bytes (big
        // endian, zero padded: a smaller key is a smaller text), comparing the texts
        // only on equal keys, and moving each word once.
        let key = |t: &str| {
            let mut k = [0u8; 8];
            let b = t.as_bytes();
            let m = b.len().min(8);
            k[..m].copy_from_slice(&b[..m]);
            u64::from_be_bytes(k)
        };
        let mut order: Vec<(u64, u32)> = words.iter().enumerate().map(|(i, w)| (key(&w.text), i as u32)).collect();
        order.sort_unstable_by(|a, b| {
            a.0.cmp(&b.0).then_with(|| {
                let (x, y) = (&words[a.1 as usize], &words[b.1 as usize]);
                x.text.cmp(&y.text).then(x.term.cmp(&y.term))
            })
        });
        let mut slots: Vec<Option<Word>> = words.into_iter().map(Some).collect();
        let words: Vec<Word> = order.iter().filter_map(|&(_, i)| slots.get_mut(i as usize).and_then(Option::take)).collect();
        let mut words_by_len: Vec<Vec<u32>> = Vec::new();
        for (i, w) in words.iter().enumerate() {
            let l = usize::from(w.chars);
            if words_by_len.len() <= l {
                words_by_len.resize(l + 1, Vec::new());
            }
            words_by_len[l].push(i as u32);
        }
        let mut term_stop = vec![false; terms];
        for w in &words {
            if is_stop_word(&w.text) && script_of(&w.text) != super::tokenize::Script::Other {
                term_stop[w.term as usize] = true;
            }
        }
        Dict { words, words_by_len, term_stop }
    }
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
                    self.next(Phase::Dict);
                }
            }
            Phase::Dict => {
                self.dict = Dict::of(std::mem::take(&mut self.b.int.words), self.b.int.term_text.len());
                self.next(Phase::Done);
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
        let IndexFinish { b, mut post_off, post_tok, fields, facets, mut term_df, dict, .. } = self;
        let Fields { title, speaker_field, topic_field, synonyms, synonym_stems, doc_stmts_off, doc_stmts } = fields;
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
            corpus.documents.iter().map(|d| pair(&d.meta.id, &d.meta.title)).collect(),
            StatementKind::ALL.iter().map(|k| pair(k.as_str(), k.as_str())).collect(),
        ];

        let Interner { term_text, term_lookup, .. } = int;
        let Dict { words, words_by_len, term_stop } = dict;
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
    /// The virtual fields (titles, speaker names and aliases, topic labels), the synonym
    /// groups and the document -> statements table: work on the small tables only.
    fn fields(&mut self, corpus: &Corpus) -> Fields {
        let IndexBuilder { int, buf, speakers, topics, doc_lang, doc_count, stmt_doc, .. } = self;
        let mut terms = Vec::new();
        let mut title = FieldIndex::default();
        for (di, d) in corpus.documents.iter().enumerate() {
            terms.clear();
            let lang = doc_lang.get(di).copied().unwrap_or(Lang::English);
            int.terms_of(lang, &d.meta.title, buf, &mut terms);
            field_add(&mut title, di as u32, &terms);
        }
        title.finish();
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
        Fields { title, speaker_field, topic_field, synonyms, synonym_stems, doc_stmts_off, doc_stmts }
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
mod dict_tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// The dictionary's keyed sort gives the order of a plain sort by text, then term
        /// (texts sharing their first 8 bytes, prefixes of each other, non-ASCII).
        #[test]
        fn dictionary_sorted_by_text_then_term(texts in proptest::collection::vec("(abcdefgh)?[ab\u{e9}й]{0,4}", 0..40), terms in proptest::collection::vec(0u32..3, 40)) {
            let words: Vec<Word> = texts.iter().zip(&terms).map(|(t, &term)| Word { text: t.as_str().into(), term, chars: t.chars().count() as u16, mask: letter_mask(t) }).collect();
            let mut plain = words.clone();
            plain.sort_by(|a, b| a.text.cmp(&b.text).then(a.term.cmp(&b.term)));
            prop_assert_eq!(Dict::of(words, 3).words, plain);
        }
    }
}
