//! Snippets: the best passage of a hit, with the byte spans of every matched word.
//!
//! The passage is a window of at most [`SNIPPET_WORDS`] words of the statement that
//! covers the most distinct query units, then the most matched words (earliest on a
//! tie), started up to [`SNIPPET_LEAD`] words before its first match. All offsets are
//! absolute byte offsets in the document text, so the view highlights
//! `document.text[a..b]` for each `(a, b)` without searching again.

use super::index::Index;
use super::score::{Alt, Unit};
use crate::model::Corpus;

/// Words in a snippet at most.
pub const SNIPPET_WORDS: usize = 32;
/// Words of context kept before the first match of the passage.
pub const SNIPPET_LEAD: usize = 4;

/// The passage of a statement to show.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Snippet {
    /// Byte span in the document text.
    pub start: usize,
    pub end: usize,
    /// Byte spans (in the document text) of the matched words inside the passage.
    pub highlights: Vec<(usize, usize)>,
    /// The passage starts after the statement's start (show "…" before it).
    pub cut_start: bool,
    /// The passage ends before the statement's end (show "…" after it).
    pub cut_end: bool,
}

impl Snippet {
    /// The whole statement, with nothing highlighted.
    pub fn whole(corpus: &Corpus, statement: usize) -> Self {
        let (start, end) = corpus.statements.get(statement).map_or((0, 0), |s| (s.start, s.end));
        Self { start, end, highlights: Vec::new(), cut_start: false, cut_end: false }
    }

    /// The passage's text.
    pub fn text<'a>(&self, corpus: &'a Corpus, statement: usize) -> &'a str {
        corpus.statements.get(statement).and_then(|s| corpus.documents.get(s.doc)).and_then(|d| d.text.get(self.start..self.end)).unwrap_or("")
    }
}

/// What to highlight: single terms and phrases, each with its unit number.
#[derive(Default)]
pub(crate) struct Highlighter {
    terms: Vec<(u32, u16)>,
    phrases: Vec<(Vec<Vec<u32>>, u16)>,
    units: usize,
}

impl Highlighter {
    pub fn new(units: &[Unit]) -> Self {
        let mut h = Highlighter { units: units.len(), ..Default::default() };
        for (ui, u) in units.iter().enumerate() {
            let ui = ui.min(usize::from(u16::MAX)) as u16;
            for a in &u.alts {
                match a {
                    Alt::Term { term, .. } => h.terms.push((*term, ui)),
                    Alt::Phrase { positions, .. } => h.phrases.push((positions.clone(), ui)),
                }
            }
        }
        h.terms.sort_unstable();
        h.terms.dedup_by_key(|t| t.0);
        h
    }

    fn unit_of_term(&self, term: u32) -> Option<u16> {
        self.terms.binary_search_by_key(&term, |t| t.0).ok().map(|i| self.terms[i].1)
    }
}

impl Index {
    /// The snippet of statement `s`.
    pub(crate) fn snippet(&self, corpus: &Corpus, s: usize, hl: &Highlighter) -> Snippet {
        let Some(st) = corpus.statements.get(s) else { return Snippet::default() };
        let toks = self.stmt_tokens(s);
        let n = toks.len();
        // Unit matched at each token (phrases mark all their words).
        let mut marks: Vec<Option<u16>> = vec![None; n];
        let terms = &self.tok_term[toks.clone()];
        for (m, &t) in marks.iter_mut().zip(terms) {
            if let Some(u) = hl.unit_of_term(t) {
                *m = Some(u);
            }
        }
        for (positions, u) in &hl.phrases {
            let Some(first) = positions.first() else { continue };
            for (i, &t) in terms.iter().enumerate() {
                // The first word checked here, the rest only where it matches.
                if i + positions.len() <= n && first.contains(&t) && self.phrase_at(toks.start + i, positions) {
                    for m in &mut marks[i..i + positions.len()] {
                        *m = Some(*u);
                    }
                }
            }
        }
        let (a, b) = if n <= SNIPPET_WORDS {
            (0, n)
        } else {
            best_window(&marks, hl.units.max(1))
        };
        let span = |i: usize| {
            let k = toks.start + i;
            let st = self.tok_start[k] as usize;
            (st, st + usize::from(self.tok_len[k]))
        };
        let start = if a == 0 { st.start } else { span(a).0 };
        let end = if b >= n { st.end } else { span(b - 1).1 };
        let highlights = (a..b).filter(|&i| marks[i].is_some()).map(span).collect();
        Snippet { start, end, highlights, cut_start: a > 0, cut_end: b < n }
    }
}

/// The window `[a, b)` of at most [`SNIPPET_WORDS`] tokens covering the most distinct
/// units, then the most marks; then moved to start a little before its first mark.
fn best_window(marks: &[Option<u16>], units: usize) -> (usize, usize) {
    let n = marks.len();
    let w = SNIPPET_WORDS.min(n);
    let mut counts = vec![0u32; units];
    let mut distinct = 0usize;
    let mut marked = 0usize;
    let add = |m: Option<u16>, counts: &mut Vec<u32>, distinct: &mut usize, marked: &mut usize, d: i32| {
        if let Some(u) = m {
            let u = usize::from(u).min(counts.len() - 1);
            if d > 0 {
                if counts[u] == 0 {
                    *distinct += 1;
                }
                counts[u] += 1;
                *marked += 1;
            } else {
                counts[u] -= 1;
                if counts[u] == 0 {
                    *distinct -= 1;
                }
                *marked -= 1;
            }
        }
    };
    for &m in &marks[..w] {
        add(m, &mut counts, &mut distinct, &mut marked, 1);
    }
    let mut best = (distinct, marked, 0usize);
    for a in 1..=n - w {
        add(marks[a - 1], &mut counts, &mut distinct, &mut marked, -1);
        add(marks[a + w - 1], &mut counts, &mut distinct, &mut marked, 1);
        if (distinct, marked) > (best.0, best.1) {
            best = (distinct, marked, a);
        }
    }
    // Slide right so the passage starts a few words before its first match: the
    // earliest best window ends at its last match, and sliding right keeps them all.
    let a = best.2;
    let first = (a..a + w).find(|&i| marks[i].is_some()).unwrap_or(a);
    let a = a.max(first.saturating_sub(SNIPPET_LEAD)).min(n - w);
    (a, a + w)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn window_covers_most_units_and_starts_before_the_first_match() {
        let n = 100;
        let mut marks = vec![None; n];
        marks[10] = Some(0); // one unit alone
        marks[60] = Some(0); // both units close together
        marks[64] = Some(1);
        let (a, b) = best_window(&marks, 2);
        assert_eq!(b - a, SNIPPET_WORDS);
        assert!(a <= 60 && 64 < b, "{a}..{b}");
        assert_eq!(a, 60 - SNIPPET_LEAD);
        // Near the end the window stays inside the statement.
        let mut marks = vec![None; 40];
        marks[39] = Some(0);
        assert_eq!(best_window(&marks, 1), (8, 40));
    }
}
