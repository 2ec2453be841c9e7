//! Synthetic corpora for benchmarks: a base corpus scaled up, deterministically.
//!
//! [`scale`] keeps the base documents and adds `factor − 1` generated copies of each, so
//! `factor` 1 is the base corpus itself and 1000 is a thousand times its size. A
//! generated document takes its template's metadata (language, speakers, Q&A turns,
//! outlet) with a new id, file and a date spread over [`FIRST_YEAR`]..=[`LAST_YEAR`], and
//! a new text: each paragraph of the template becomes a paragraph of about the same
//! number of words walked from a word-bigram chain of the whole base corpus (so the
//! vocabulary, word frequencies and lengths are realistic), keeping the paragraph's
//! turn marker ("Question:", "Answer:"), with one word in [`TYPO_ONE_IN`] misspelled
//! (two letters swapped) so the vocabulary grows with the corpus as real text does.
//! The statements come from the real pipeline ([`crate::corpus::build`]).
//!
//! Everything depends only on the base corpus and the seed (a splitmix64 generator).
//!
//! [`shapes`] (with feature `toml`): adversarial shapes of text (repeated quotes of every
//! style, one huge word, 100,000 tiny documents...), for the linear-time tests, the
//! adversarial benchmarks and `stance synth --shape`.

#[cfg(feature = "toml")]
pub mod shapes;

use crate::corpus::{self, Source};
use crate::date::{Certainty, DateSpec, PartialDate};
use crate::error::CorpusErrors;
use crate::model::Corpus;
use std::collections::{BTreeMap, HashMap};

/// First year of generated documents.
pub const FIRST_YEAR: i32 = 2000;
/// Last year of generated documents.
pub const LAST_YEAR: i32 = 2025;
/// One generated word in this many is misspelled.
pub const TYPO_ONE_IN: u64 = 200;
/// One generated word in this many is a new word (the first half of a word joined to
/// the second half of another), so the vocabulary grows with the corpus roughly as in
/// real text (tens of thousands of distinct words at 1000x) instead of staying the base
/// corpus's few hundred.
pub const NEW_WORD_ONE_IN: u64 = 40;

/// splitmix64: a tiny, good, deterministic generator.
#[derive(Clone, Debug)]
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Self(seed)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (0 when `n` is 0).
    pub fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next_u64() % n as u64) as usize
        }
    }
}

/// A word-bigram chain over whitespace-separated words.
struct Chain<'a> {
    words: Vec<&'a str>,
    next: Vec<Vec<u32>>,
    starts: Vec<u32>,
}

impl<'a> Chain<'a> {
    fn new(base: &'a Corpus) -> Self {
        let mut ids: HashMap<&'a str, u32> = HashMap::new();
        let mut chain = Chain { words: Vec::new(), next: Vec::new(), starts: Vec::new() };
        for d in &base.documents {
            let body = d.text.get(..d.body_end).unwrap_or(&d.text);
            for para in body.split('\n') {
                let mut prev: Option<u32> = None;
                for w in para.split_whitespace() {
                    if w.ends_with(':') && prev.is_none() {
                        continue; // turn markers are kept by the template
                    }
                    let id = *ids.entry(w).or_insert_with(|| {
                        chain.words.push(w);
                        chain.next.push(Vec::new());
                        (chain.words.len() - 1) as u32
                    });
                    match prev {
                        Some(p) => chain.next[p as usize].push(id),
                        None => chain.starts.push(id),
                    }
                    if w.ends_with(['.', '?', '!']) {
                        prev = None;
                    } else {
                        prev = Some(id);
                    }
                }
            }
        }
        chain
    }

    fn paragraph(&self, rng: &mut Rng, words: usize, out: &mut String) {
        if self.words.is_empty() {
            return;
        }
        let mut cur = self.starts.get(rng.below(self.starts.len())).copied().unwrap_or(0);
        for i in 0..words {
            if i > 0 {
                out.push(' ');
            }
            let w = self.words[cur as usize];
            let roll = rng.next_u64();
            if roll % NEW_WORD_ONE_IN == 1 && w.len() >= 4 && w.bytes().all(|b| b.is_ascii_alphabetic()) {
                let other = self.words[rng.below(self.words.len())];
                let tail: String = other.chars().filter(|c| c.is_ascii_alphabetic()).collect();
                out.push_str(&w[..w.len() / 2]);
                out.push_str(&tail[tail.len() / 2..]);
            } else if roll % TYPO_ONE_IN == 0 && w.len() > 4 && w.is_ascii() {
                let mut b = w.as_bytes().to_vec();
                let at = 1 + rng.below(b.len() - 3);
                b.swap(at, at + 1);
                out.push_str(std::str::from_utf8(&b).unwrap_or(w));
            } else {
                out.push_str(w);
            }
            let next = &self.next[cur as usize];
            cur = if next.is_empty() || w.ends_with(['.', '?', '!']) && rng.below(4) == 0 {
                self.starts.get(rng.below(self.starts.len())).copied().unwrap_or(0)
            } else {
                next[rng.below(next.len())]
            };
        }
        if !out.ends_with(['.', '?', '!']) {
            out.push('.');
        }
    }
}

/// The source of the scaled corpus (base documents plus generated ones).
pub fn scale_source(base: &Corpus, factor: usize, seed: u64) -> Source {
    let mut rng = Rng::new(seed);
    let chain = Chain::new(base);
    let mut meta = base.meta.clone();
    let mut files = BTreeMap::new();
    for d in &base.documents {
        files.insert(d.meta.file.clone(), d.text.clone().into_bytes());
    }
    let n = base.documents.len();
    let mut text = String::new();
    for copy in 1..factor.max(1) {
        for (ti, t) in base.documents.iter().enumerate() {
            let mut m = t.meta.clone();
            let num = copy * n + ti;
            m.id = format!("{}-x{copy}", t.meta.id);
            m.file = format!("synth-{num:07}.txt");
            m.exclude.clear();
            let year = FIRST_YEAR + rng.below((LAST_YEAR - FIRST_YEAR + 1) as usize) as i32;
            let month = 1 + rng.below(12) as u8;
            let day = 1 + rng.below(28) as u8;
            let best = PartialDate::parse(&format!("{year:04}-{month:02}-{day:02}")).ok();
            m.date = DateSpec { best, earliest: None, latest: None, certainty: Certainty::Exact, note: None };
            text.clear();
            let body = t.text.get(..t.body_end).unwrap_or(&t.text);
            for (pi, para) in body.split('\n').enumerate() {
                if pi > 0 {
                    text.push('\n');
                }
                let mut words = para.split_whitespace().peekable();
                let Some(&first) = words.peek() else { continue };
                let mut count = para.split_whitespace().count();
                if first.ends_with(':') {
                    text.push_str(first);
                    text.push(' ');
                    count -= 1;
                }
                if count > 0 {
                    chain.paragraph(&mut rng, count, &mut text);
                }
            }
            files.insert(m.file.clone(), text.clone().into_bytes());
            meta.documents.push(m);
        }
    }
    Source { meta, lines: Default::default(), meta_file: "synthetic".into(), files }
}

/// The base corpus scaled to `factor` times its documents, or the problems building it.
pub fn try_scale(base: &Corpus, factor: usize, seed: u64) -> Result<Corpus, CorpusErrors> {
    if factor <= 1 {
        return Ok(base.clone());
    }
    corpus::build(scale_source(base, factor, seed))
}

/// The base corpus scaled to `factor` times its documents (the base itself if the
/// scaled one cannot be built, which a valid base never causes).
pub fn scale(base: &Corpus, factor: usize, seed: u64) -> Corpus {
    try_scale(base, factor, seed).unwrap_or_else(|_| base.clone())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rng_is_deterministic() {
        let mut a = Rng::new(7);
        let mut b = Rng::new(7);
        for _ in 0..100 {
            assert_eq!(a.next_u64(), b.next_u64());
        }
        assert!(Rng::new(1).below(10) < 10);
        assert_eq!(Rng::new(1).below(0), 0);
    }
}
