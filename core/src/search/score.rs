//! Ranking: BM25F over the statement text and the virtual fields, with the weights in
//! one documented struct.
//!
//! For one query unit (a word with its expansions, or a phrase, or a synonym group) and
//! one statement, each alternative `a` (a term or a phrase, with weight `w_a`: 1 for an
//! exact match, less for prefix, typo and synonym matches) gets
//!
//! ```text
//! x_a   = Σ_fields boost_f · tf_f / (1 − b + b · len_f / avg_len_f)
//! s_a   = w_a · x_a · (k1 + 1) / (k1 + x_a)
//! score = idf(unit) · max_a s_a
//! ```
//!
//! and a statement's score is the sum over the units (all of which it matches). The
//! fields: the statement text, boosted by its kind (quotes and answers above narration),
//! the document title, the speaker's name and aliases, and the topic labels. The idf
//! is the one of the unit's exact terms, so a rare misspelling does not outrank the
//! word itself; with the weight applied after saturation, an exact match ranks above a
//! typo or prefix match in statements of similar length.

use super::index::Index;
use crate::model::StatementKind;

/// BM25 term-frequency saturation.
pub const K1: f32 = 1.2;
/// BM25 length normalisation (0 = none, 1 = full).
pub const B: f32 = 0.75;
/// Boost of words in a direct quote.
pub const BOOST_QUOTE: f32 = 2.0;
/// Boost of words in an answer turn.
pub const BOOST_ANSWER: f32 = 1.8;
/// Boost of words in a question turn.
pub const BOOST_QUESTION: f32 = 1.0;
/// Boost of words in reported speech.
pub const BOOST_REPORTED: f32 = 1.3;
/// Boost of words in the outlet's narration.
pub const BOOST_NARRATION: f32 = 1.0;
/// Boost of a word in the document title (applies to each statement of the document).
pub const BOOST_TITLE: f32 = 1.5;
/// Boost of a word of the speaker's name or aliases.
pub const BOOST_SPEAKER: f32 = 1.5;
/// Boost of a word of a topic label of the statement.
pub const BOOST_TOPIC: f32 = 0.8;
/// Weight of a word that only starts with the last query word being typed; scaled up
/// to 1 as the typed part covers more of the word (see [`RankingWeights::prefix_weight`]).
pub const PREFIX_WEIGHT: f32 = 0.5;
/// Weight of a word one edit away from the query word.
pub const TYPO1_WEIGHT: f32 = 0.4;
/// Weight of a word two edits away.
pub const TYPO2_WEIGHT: f32 = 0.25;
/// Weight of another member of a synonym group or alias list than the one typed.
pub const SYNONYM_WEIGHT: f32 = 0.9;

/// All the numbers ranking depends on. `Default` gives the named constants above.
#[derive(Clone, Debug, PartialEq)]
pub struct RankingWeights {
    pub k1: f32,
    pub b: f32,
    /// Text boosts by statement kind, in [`StatementKind::ALL`] order.
    pub kind_boost: [f32; 5],
    pub title: f32,
    pub speaker: f32,
    pub topic: f32,
    pub prefix: f32,
    pub typo1: f32,
    pub typo2: f32,
    pub synonym: f32,
}

impl Default for RankingWeights {
    fn default() -> Self {
        Self {
            k1: K1,
            b: B,
            kind_boost: [BOOST_QUOTE, BOOST_ANSWER, BOOST_QUESTION, BOOST_REPORTED, BOOST_NARRATION],
            title: BOOST_TITLE,
            speaker: BOOST_SPEAKER,
            topic: BOOST_TOPIC,
            prefix: PREFIX_WEIGHT,
            typo1: TYPO1_WEIGHT,
            typo2: TYPO2_WEIGHT,
            synonym: SYNONYM_WEIGHT,
        }
    }
}

impl RankingWeights {
    pub fn boost(&self, kind: StatementKind) -> f32 {
        self.kind_boost[super::index::kind_index(kind)]
    }

    /// Weight of a prefix match: `prefix` for a short typed part, rising towards 1
    /// (never reaching it) as the typed part covers the word.
    pub fn prefix_weight(&self, typed_chars: usize, word_chars: usize) -> f32 {
        let cover = typed_chars as f32 / word_chars.max(1) as f32;
        self.prefix + (0.95 - self.prefix).max(0.0) * cover.min(1.0) * 0.5
    }

    pub fn typo_weight(&self, edits: u8) -> f32 {
        if edits <= 1 {
            self.typo1
        } else {
            self.typo2
        }
    }

    #[inline(always)]
    fn saturate(&self, x: f32) -> f32 {
        x * (self.k1 + 1.0) / (self.k1 + x)
    }
}

/// BM25 inverse document frequency.
pub fn idf(n: usize, df: usize) -> f32 {
    let (n, df) = (n as f32, df.min(n) as f32);
    (1.0 + (n - df + 0.5) / (df + 0.5)).ln()
}

/// One way a unit can match.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Alt {
    /// A single term, in the text or any virtual field.
    Term { term: u32, weight: f32 },
    /// Consecutive words of the statement text; each position is a set of terms.
    Phrase { positions: Vec<Vec<u32>>, weight: f32 },
}

/// A resolved query unit: a statement matches it when it matches any alternative.
#[derive(Clone, Debug, Default)]
pub(crate) struct Unit {
    pub alts: Vec<Alt>,
}

/// Dense per-statement scratch space for evaluating units. Every array is all zeros
/// between searches (each user resets what it touched), so it is kept in the index and
/// reused instead of being allocated and cleared for each search.
#[derive(Clone, Debug, Default)]
pub(crate) struct Scratch {
    x: Vec<f32>,
    touched: Marks,
    best: Vec<f32>,
    best_touched: Marks,
    /// Sum of unit scores per statement.
    pub total: Vec<f32>,
    /// Units matched per statement.
    pub count: Vec<u16>,
    /// Statements with `count > 0`.
    pub seen: Marks,
}

impl Scratch {
    pub fn new(n: usize) -> Self {
        Self {
            x: vec![0.0; n],
            touched: Marks::new(n),
            best: vec![0.0; n],
            best_touched: Marks::new(n),
            total: vec![0.0; n],
            count: vec![0; n],
            seen: Marks::new(n),
        }
    }

    /// Back to all zeros after a search.
    pub fn reset(&mut self) {
        let (total, count) = (&mut self.total[..], &mut self.count[..]);
        for &s in self.seen.as_slice() {
            total[s as usize] = 0.0;
            count[s as usize] = 0;
        }
        self.seen.clear();
    }
}

/// A list of distinct statement indexes, at most one per statement, written in place:
/// each list above marks a statement the first time its array entry leaves zero, so
/// `n` slots always suffice (a push past them is dropped, never reached).
#[derive(Clone, Debug, Default)]
pub(crate) struct Marks {
    buf: Box<[u32]>,
    len: usize,
}

impl Marks {
    fn new(n: usize) -> Self {
        Self { buf: vec![0; n].into_boxed_slice(), len: 0 }
    }

    #[inline(always)]
    pub fn push(&mut self, s: u32) {
        if self.len < self.buf.len() {
            self.buf[self.len] = s;
            self.len += 1;
        }
    }

    #[inline(always)]
    pub fn as_slice(&self) -> &[u32] {
        &self.buf[..self.len]
    }

    #[inline(always)]
    pub fn clear(&mut self) {
        self.len = 0;
    }
}

/// Adds `v` to statement `s`'s `x`, noting `s` the first time.
#[inline(always)]
fn add_x(x: &mut [f32], touched: &mut Marks, s: usize, v: f32) {
    if x[s] == 0.0 {
        touched.push(s as u32);
    }
    x[s] += v.max(f32::MIN_POSITIVE);
}

impl Index {
    #[inline(always)]
    fn norm(&self, b: f32, len: f32, avg: f32) -> f32 {
        1.0 - b + b * len / avg
    }

    /// Accumulates `x` of one term over all fields. (Plain slices in the loops: the
    /// release build optimises for size and would call out for each `Vec` access.)
    fn term_x(&self, term: u32, w: &RankingWeights, sc: &mut Scratch) {
        let toks = self.postings(term);
        let (tok_stmt, stmt_tok, stmt_kind) = (&self.tok_stmt[..], &self.stmt_tok[..], &self.stmt_kind[..]);
        let Scratch { x, touched, .. } = sc;
        let x = &mut x[..];
        let mut i = 0;
        while i < toks.len() {
            let s = tok_stmt[toks[i] as usize];
            let mut j = i + 1;
            while j < toks.len() && tok_stmt[toks[j] as usize] == s {
                j += 1;
            }
            let su = s as usize;
            let tf = (j - i) as f32;
            let boost = w.kind_boost[usize::from(stmt_kind[su])];
            let len = (stmt_tok[su + 1] - stmt_tok[su]) as f32;
            let v = boost * tf / self.norm(w.b, len, self.avg_stmt_len);
            add_x(x, touched, su, v);
            i = j;
        }
        if let Some(list) = self.title.postings.get(&term) {
            for &(d, tf) in list {
                let v = w.title * f32::from(tf) / self.norm(w.b, self.title.lens[d as usize] as f32, self.title.avg_len);
                for &s in self.doc_statements(d as usize) {
                    add_x(x, touched, s as usize, v);
                }
            }
        }
        if let Some(list) = self.speaker_field.postings.get(&term) {
            for &(a, tf) in list {
                let v = w.speaker * f32::from(tf) / self.norm(w.b, self.speaker_field.lens[a as usize] as f32, self.speaker_field.avg_len);
                self.speaker_bits[a as usize].for_each(|s| add_x(x, touched, s, v));
            }
        }
        if let Some(list) = self.topic_field.postings.get(&term) {
            for &(t, tf) in list {
                let v = w.topic * f32::from(tf) / self.norm(w.b, self.topic_field.lens[t as usize] as f32, self.topic_field.avg_len);
                self.topic_bits[t as usize].for_each(|s| add_x(x, touched, s, v));
            }
        }
    }

    /// Whether a phrase starts at token `k`.
    pub(crate) fn phrase_at(&self, k: usize, positions: &[Vec<u32>]) -> bool {
        let (tok_stmt, tok_term) = (&self.tok_stmt[..], &self.tok_term[..]);
        let s = tok_stmt[k];
        positions.iter().enumerate().all(|(j, set)| {
            let t = k + j;
            t < tok_term.len() && tok_stmt[t] == s && set.contains(&tok_term[t])
        })
    }

    /// Accumulates `x` of a phrase (statement text only); returns its document frequency.
    fn phrase_x(&self, positions: &[Vec<u32>], w: &RankingWeights, sc: &mut Scratch) -> usize {
        let Some(first) = positions.first() else { return 0 };
        if positions.iter().any(Vec::is_empty) {
            return 0;
        }
        // Start from the rarest position.
        let (pi, _) = positions
            .iter()
            .enumerate()
            .min_by_key(|(_, set)| set.iter().map(|&t| self.postings(t).len()).sum::<usize>())
            .unwrap_or((0, first));
        let mut df = 0;
        let mut last = u32::MAX;
        for &t in &positions[pi] {
            for &k in self.postings(t) {
                let k = k as usize;
                if k < pi {
                    continue;
                }
                let start = k - pi;
                if !self.phrase_at(start, positions) {
                    continue;
                }
                let s = self.tok_stmt[start] as usize;
                if s as u32 != last {
                    df += 1;
                    last = s as u32;
                }
                let boost = w.kind_boost[usize::from(self.stmt_kind[s])];
                let len = (self.stmt_tok[s + 1] - self.stmt_tok[s]) as f32;
                let v = boost / self.norm(w.b, len, self.avg_stmt_len);
                add_x(&mut sc.x, &mut sc.touched, s, v);
            }
        }
        df
    }

    /// Evaluates a unit: calls `f(statement, score)` for each statement it matches.
    pub(crate) fn eval_unit(&self, unit: &Unit, w: &RankingWeights, sc: &mut Scratch, mut f: impl FnMut(usize, f32)) {
        let n = self.len();
        let mut exact_df = 0usize;
        let mut any_df = 0usize;
        for alt in &unit.alts {
            let (weight, df) = match alt {
                Alt::Term { term, weight } => {
                    self.term_x(*term, w, sc);
                    (*weight, self.term_df.get(*term as usize).copied().unwrap_or(0) as usize)
                }
                Alt::Phrase { positions, weight } => (*weight, self.phrase_x(positions, w, sc)),
            };
            if weight >= 1.0 {
                exact_df = exact_df.max(df);
            }
            any_df = any_df.max(df);
            let Scratch { x, touched, best, best_touched, .. } = &mut *sc;
            let (x, best) = (&mut x[..], &mut best[..]);
            for &s in touched.as_slice() {
                let s = s as usize;
                let v = (weight * w.saturate(x[s])).max(f32::MIN_POSITIVE);
                x[s] = 0.0;
                if best[s] == 0.0 {
                    best_touched.push(s as u32);
                }
                if v > best[s] {
                    best[s] = v;
                }
            }
            touched.clear();
        }
        let idf = idf(n, if exact_df > 0 { exact_df } else { any_df }).max(0.01);
        let Scratch { best, best_touched, .. } = &mut *sc;
        let best = &mut best[..];
        for &s in best_touched.as_slice() {
            let s = s as usize;
            f(s, idf * best[s]);
            best[s] = 0.0;
        }
        best_touched.clear();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn idf_falls_with_document_frequency() {
        assert!(idf(100, 1) > idf(100, 10));
        assert!(idf(100, 100) > 0.0);
        assert!(idf(0, 0).is_finite());
    }

    #[test]
    fn partial_matches_weigh_less_than_exact() {
        let w = RankingWeights::default();
        assert!(w.prefix_weight(3, 10) < w.prefix_weight(8, 10));
        assert!(w.prefix_weight(10, 10) < 1.0);
        assert!(w.typo_weight(1) > w.typo_weight(2));
        assert!(w.typo_weight(1) < 1.0 && w.synonym < 1.0);
        assert!(w.boost(StatementKind::Quote) > w.boost(StatementKind::Narration));
        assert!(w.title > w.boost(StatementKind::Narration));
    }
}
