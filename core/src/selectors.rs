//! Finding many quote selectors in one text in one pass.
//!
//! A quote selector (`exact` with an optional `prefix` and `suffix`) matches where
//! `prefix + exact + suffix` occurs in the text; it must occur exactly once. Curated
//! corpora have hundreds of selectors per document (positions, tags, overrides,
//! excluded stretches), and searching the text once per selector costs selectors ×
//! text. [`find_all`] finds every selector of a text at once, in time linear in the
//! text plus the selectors: an Aho-Corasick automaton of the selectors' bytes walks
//! the text once, counting how often it stands in each state; the counts are then
//! summed up the failure links, so each selector gets its number of occurrences
//! (overlapping ones included) and its first one, however many there are. Nothing is
//! listed per occurrence, so a text of a million `a`s against a thousand selectors
//! `a`, `aa`, `aaa`... costs the same as any other text.

use crate::meta::QuoteSelector;

/// Where a quote selector matched.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SelectorMatch {
    /// Once: the byte span of `exact`.
    Found(usize, usize),
    NotFound,
    /// This many times (overlapping occurrences counted).
    Ambiguous(usize),
}

/// No state: the end of an edge list, or the root's failure link.
const ROOT: u32 = 0;

/// The automaton of a set of patterns (byte strings).
struct Automaton {
    /// Edges of each state, sorted by byte: `edges[first[s]..first[s + 1]]`.
    first: Vec<u32>,
    edges: Vec<(u8, u32)>,
    /// The root's transitions as a table (the root is where most of a text is read).
    root: [u32; 256],
    fail: Vec<u32>,
    /// States in breadth-first order (failure links point to earlier states).
    order: Vec<u32>,
}

impl Automaton {
    /// The automaton of `patterns` (none empty), and the state each ends in.
    fn new(patterns: &[&[u8]]) -> (Self, Vec<u32>) {
        // The trie: edges as (parent, byte, child), found through a map while inserting.
        let mut child: std::collections::HashMap<(u32, u8), u32> = std::collections::HashMap::new();
        let mut states = 1u32;
        let ends = patterns
            .iter()
            .map(|p| {
                let mut s = ROOT;
                for &b in *p {
                    s = *child.entry((s, b)).or_insert_with(|| {
                        states += 1;
                        states - 1
                    });
                }
                s
            })
            .collect();
        let n = states as usize;
        let mut edges: Vec<(u32, u8, u32)> = child.into_iter().map(|((p, b), c)| (p, b, c)).collect();
        edges.sort_unstable();
        let mut first = vec![0u32; n + 1];
        for &(p, _, _) in &edges {
            first[p as usize + 1] += 1;
        }
        for i in 0..n {
            first[i + 1] += first[i];
        }
        let edges: Vec<(u8, u32)> = edges.into_iter().map(|(_, b, c)| (b, c)).collect();
        let mut root = [ROOT; 256];
        for &(b, c) in &edges[first[0] as usize..first[1] as usize] {
            root[b as usize] = c;
        }
        let mut a = Self { first, edges, root, fail: vec![ROOT; n], order: Vec::with_capacity(n) };
        // Failure links, breadth first: a state's link is the longest proper suffix of
        // its string that is also a state.
        a.order.push(ROOT);
        let mut head = 0;
        while head < a.order.len() {
            let s = a.order[head];
            head += 1;
            for e in a.first[s as usize]..a.first[s as usize + 1] {
                let (b, c) = a.edges[e as usize];
                a.fail[c as usize] = if s == ROOT { ROOT } else { a.next(a.fail[s as usize], b) };
                a.order.push(c);
            }
        }
        (a, ends)
    }

    /// The state after reading `b` in state `s`, following failure links.
    fn next(&self, mut s: u32, b: u8) -> u32 {
        loop {
            if s == ROOT {
                return self.root[b as usize];
            }
            let edges = &self.edges[self.first[s as usize] as usize..self.first[s as usize + 1] as usize];
            if let Ok(k) = edges.binary_search_by_key(&b, |e| e.0) {
                return edges[k].1;
            }
            s = self.fail[s as usize];
        }
    }
}

/// Where each of `selectors` matches in `text`, in one pass over it (see the module
/// documentation). An empty `exact` is never found.
pub fn find_all(text: &str, selectors: &[&QuoteSelector]) -> Vec<SelectorMatch> {
    let wanted: Vec<usize> = (0..selectors.len()).filter(|&i| !selectors[i].exact.is_empty()).collect();
    let mut out = vec![SelectorMatch::NotFound; selectors.len()];
    if wanted.is_empty() {
        return out;
    }
    let patterns: Vec<Vec<u8>> = wanted.iter().map(|&i| [&selectors[i].prefix, &selectors[i].exact, &selectors[i].suffix].map(|s| s.as_bytes()).concat()).collect();
    let refs: Vec<&[u8]> = patterns.iter().map(Vec::as_slice).collect();
    let (a, ends) = Automaton::new(&refs);
    // How often the walk stands in each state, and the first byte offset after it.
    let mut visits = vec![0usize; a.fail.len()];
    let mut first_end = vec![usize::MAX; a.fail.len()];
    let mut s = ROOT;
    for (i, &b) in text.as_bytes().iter().enumerate() {
        s = a.next(s, b);
        if s != ROOT {
            visits[s as usize] += 1;
            if first_end[s as usize] == usize::MAX {
                first_end[s as usize] = i + 1;
            }
        }
    }
    // A pattern ends wherever the walk stood in its state or in a state whose failure
    // chain leads to it: sum (and take the least end) from the deepest states up.
    for &s in a.order.iter().rev() {
        let f = a.fail[s as usize] as usize;
        if s != ROOT && f != ROOT as usize {
            visits[f] += visits[s as usize];
            first_end[f] = first_end[f].min(first_end[s as usize]);
        }
    }
    for (k, &i) in wanted.iter().enumerate() {
        let end = ends[k] as usize;
        let sel = selectors[i];
        out[i] = match visits[end] {
            0 => SelectorMatch::NotFound,
            1 => {
                let start = first_end[end] - patterns[k].len() + sel.prefix.len();
                SelectorMatch::Found(start, start + sel.exact.len())
            }
            n => SelectorMatch::Ambiguous(n),
        };
    }
    out
}

/// Where one selector matches in `text` ([`find_all`] of one).
pub fn find(text: &str, sel: &QuoteSelector) -> SelectorMatch {
    find_all(text, &[sel]).pop().unwrap_or(SelectorMatch::NotFound)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sel(exact: &str, prefix: &str, suffix: &str) -> QuoteSelector {
        QuoteSelector { document: "d".into(), exact: exact.into(), prefix: prefix.into(), suffix: suffix.into() }
    }

    /// Every occurrence of `prefix + exact + suffix`, counted the slow way.
    fn naive(text: &str, s: &QuoteSelector) -> SelectorMatch {
        if s.exact.is_empty() {
            return SelectorMatch::NotFound;
        }
        let whole = format!("{}{}{}", s.prefix, s.exact, s.suffix);
        let hits: Vec<usize> = (0..text.len()).filter(|&i| text.as_bytes()[i..].starts_with(whole.as_bytes())).collect();
        match hits.as_slice() {
            [] => SelectorMatch::NotFound,
            [at] => SelectorMatch::Found(at + s.prefix.len(), at + s.prefix.len() + s.exact.len()),
            h => SelectorMatch::Ambiguous(h.len()),
        }
    }

    #[test]
    fn many_selectors_agree_with_counting_one_by_one() {
        let text = "one two one three; aaaa, «Да», — сказал он. abab ab ababab b";
        let sels = [
            sel("one", "", ""),
            sel("one", "two ", ""),
            sel("one", "", " three"),
            sel("four", "", ""),
            sel("", "", ""),
            sel("a", "", ""),
            sel("aa", "", ""),
            sel("aaaa", "", ""),
            sel("aaaaa", "", ""),
            sel("ab", "", ""),
            sel("abab", "", ""),
            sel("b", "ab", " "),
            sel("Да", "«", "»"),
            sel("сказал", "", " он"),
            sel("он", "", ""),
            sel(" b", "", ""),
            sel("b", "", ""),
        ];
        let refs: Vec<&QuoteSelector> = sels.iter().collect();
        let got = find_all(text, &refs);
        for (s, g) in sels.iter().zip(&got) {
            assert_eq!(*g, naive(text, s), "{s:?}");
        }
        assert_eq!(got[1], SelectorMatch::Found(8, 11));
        assert_eq!(got[0], SelectorMatch::Ambiguous(2));
        assert_eq!(got[3], SelectorMatch::NotFound);
        assert_eq!(got[6], SelectorMatch::Ambiguous(3), "overlapping occurrences count");
    }

    /// A small deterministic generator (xorshift).
    fn next(seed: &mut u64, n: usize) -> usize {
        *seed ^= *seed << 13;
        *seed ^= *seed >> 7;
        *seed ^= *seed << 17;
        (*seed % n as u64) as usize
    }

    /// `len` characters over a tiny alphabet, so that patterns overlap and share
    /// prefixes and suffixes all the time.
    fn word(seed: &mut u64, len: usize) -> String {
        (0..len).map(|_| ["a", "b", "ё", " "][next(seed, 4)]).collect()
    }

    #[test]
    fn random_texts_agree_with_counting_one_by_one() {
        let mut seed = 0x2545_f491_4f6c_dd1du64;
        for _ in 0..300 {
            let text = word(&mut seed, 60);
            let sels: Vec<QuoteSelector> = (0..12)
                .map(|_| {
                    let (e, p, s) = (1 + next(&mut seed, 4), next(&mut seed, 2), next(&mut seed, 2));
                    sel(&word(&mut seed, e), &word(&mut seed, p), &word(&mut seed, s))
                })
                .collect();
            let refs: Vec<&QuoteSelector> = sels.iter().collect();
            for (s, g) in sels.iter().zip(find_all(&text, &refs)) {
                assert_eq!(g, naive(&text, s), "{s:?} in {text:?}");
            }
        }
    }
}
