//! Topic tagging from keywords, and the word-bounded matching the extractors share.
//!
//! - [`tag`]: the topic ids whose keywords occur in a statement.
//! - [`Folded`]: a text prepared for matching (case folded or not, every kind of space
//!   made one space, curly apostrophes made straight), keeping each character's byte
//!   offset in the original so matches map back to exact spans.
//! - [`Folded::find_all`]: word-bounded occurrences of a keyword; a keyword ending in
//!   `*` matches any word starting so (`accus*` matches "accusations").
//!
//! Keywords are matched on word boundaries: "UN" does not match inside "UNESCO" or
//! "fun". A space in a keyword matches any run of whitespace in the text (the texts
//! hold non-breaking spaces).

use crate::meta::TopicMeta;

/// The character ending a keyword that makes it a prefix match.
pub const PREFIX_MARK: char = '*';

/// A text prepared for matching, with the byte offset of each character.
#[derive(Clone, Debug, Default)]
pub struct Folded {
    chars: Vec<char>,
    /// Byte offset (in the original document) of each char, plus the end offset.
    offsets: Vec<usize>,
    ignore_case: bool,
}

/// One character as matching sees it.
fn fold_char(c: char, ignore_case: bool) -> char {
    if c.is_ascii() {
        // The common case, without the Unicode tables.
        return match c {
            ' ' | '\t' | '\n' | '\r' | '\x0b' | '\x0c' => ' ',
            c if ignore_case => c.to_ascii_lowercase(),
            c => c,
        };
    }
    let c = match c {
        '\u{2018}' | '\u{2019}' | '\u{02bc}' => '\'',
        c if c.is_whitespace() => ' ',
        c => c,
    };
    if ignore_case {
        c.to_lowercase().next().unwrap_or(c)
    } else {
        c
    }
}

/// A keyword as matching sees it: folded, without its [`PREFIX_MARK`].
#[derive(Clone, Debug)]
struct Pattern {
    chars: Vec<char>,
    prefix: bool,
}

impl Pattern {
    fn new(pattern: &str, ignore_case: bool) -> Self {
        let (pattern, prefix) = match pattern.trim().strip_suffix(PREFIX_MARK) {
            Some(p) => (p, true),
            None => (pattern.trim(), false),
        };
        Self { chars: pattern.chars().map(|c| fold_char(c, ignore_case)).collect(), prefix }
    }
}

impl Folded {
    /// Prepares `text`, whose first byte is at offset `base` of the document.
    pub fn new(text: &str, base: usize, ignore_case: bool) -> Self {
        let mut f = Self { chars: Vec::new(), offsets: Vec::with_capacity(text.len() + 1), ignore_case };
        f.refill(text);
        f.offsets.extend(text.char_indices().map(|(i, _)| base + i));
        f.offsets.push(base + text.len());
        f
    }

    /// Prepares `text` in place of what was there, keeping the memory, without the
    /// byte offsets (for [`Self::contains_pattern`] only).
    fn refill(&mut self, text: &str) {
        self.chars.clear();
        self.offsets.clear();
        let ignore_case = self.ignore_case;
        // Printable ASCII (most text) without the call: `fold_char` only lowercases it.
        self.chars.extend(text.chars().map(|c| match c {
            '!'..='~' if ignore_case => c.to_ascii_lowercase(),
            '!'..='~' => c,
            c => fold_char(c, ignore_case),
        }));
    }

    /// Byte spans (in the document) of the word-bounded occurrences of `pattern`.
    /// A trailing [`PREFIX_MARK`] makes it match any word that starts with it.
    pub fn find_all(&self, pattern: &str) -> Vec<(usize, usize)> {
        let mut out = Vec::new();
        self.each_match(&Pattern::new(pattern, self.ignore_case), &mut |a, b| {
            out.push((self.offsets[a], self.offsets[b]));
            true
        });
        out
    }

    /// True when `pattern` occurs anywhere (word-bounded).
    pub fn contains(&self, pattern: &str) -> bool {
        self.contains_pattern(&Pattern::new(pattern, self.ignore_case))
    }

    fn contains_pattern(&self, pat: &Pattern) -> bool {
        let mut found = false;
        self.each_match(pat, &mut |_, _| {
            found = true;
            false
        });
        found
    }

    /// Calls `hit` with the char span of each word-bounded occurrence of `pat`, in
    /// order, until it returns false.
    fn each_match(&self, pat: &Pattern, hit: &mut dyn FnMut(usize, usize) -> bool) {
        let Some(&first) = pat.chars.first() else { return };
        let last = pat.chars[pat.chars.len() - 1];
        let mut i = 0;
        while i < self.chars.len() {
            if self.chars[i] == first && self.boundary_before(i, first) {
                if let Some(end) = self.match_at(i, &pat.chars) {
                    if pat.prefix || self.boundary_after(end, last) {
                        let end = if pat.prefix { self.word_end(end) } else { end };
                        if !hit(i, end) {
                            return;
                        }
                        i = end.max(i + 1);
                        continue;
                    }
                }
            }
            i += 1;
        }
    }

    /// Char index just past the match of `pat` starting at char `i`, if it matches.
    fn match_at(&self, mut i: usize, pat: &[char]) -> Option<usize> {
        let mut p = 0;
        while p < pat.len() {
            let c = *self.chars.get(i)?;
            if pat[p] == ' ' {
                if c != ' ' {
                    return None;
                }
                while self.chars.get(i) == Some(&' ') {
                    i += 1;
                }
                while pat.get(p) == Some(&' ') {
                    p += 1;
                }
                continue;
            }
            if c != pat[p] {
                return None;
            }
            i += 1;
            p += 1;
        }
        Some(i)
    }

    fn boundary_before(&self, i: usize, first: char) -> bool {
        !first.is_alphanumeric() || i == 0 || !self.chars[i - 1].is_alphanumeric()
    }

    fn boundary_after(&self, end: usize, last: char) -> bool {
        !last.is_alphanumeric() || self.chars.get(end).is_none_or(|c| !c.is_alphanumeric())
    }

    fn word_end(&self, mut end: usize) -> usize {
        while self.chars.get(end).is_some_and(|c| c.is_alphanumeric()) {
            end += 1;
        }
        end
    }
}

/// Topic ids whose keywords occur in `text` (case-insensitive, word-bounded),
/// sorted and unique. To tag many texts, [`Tagger`] folds the keywords once.
pub fn tag(text: &str, topics: &[TopicMeta]) -> Vec<String> {
    Tagger::new(topics).tag(text)
}

/// The keywords of a corpus's topics, folded once, and the memory to fold each text
/// in: tags many statements without allocating per statement or keyword.
///
/// A text is read once, whatever the number of keywords: at each character, only the
/// keywords that start with it (and whose topic is not found yet) are tried, where
/// [`Folded::contains`] per keyword would read the text once per keyword (at 1000x
/// the shipped corpus, 90 keywords over 13 MB: most of the corpus build's time). The
/// topics found are exactly those of [`Folded::contains`] per keyword (a keyword
/// occurs word-bounded at some character, tried with the same checks).
pub struct Tagger {
    /// Topic ids in order (sorted, unique), each with its keywords.
    topics: Vec<(String, Vec<Pattern>)>,
    /// Every keyword as (its first char, topic, keyword within the topic), sorted by
    /// first char.
    starts: Vec<(char, u32, u32)>,
    /// For each ASCII char, the range of `starts` that begins with it.
    ascii: [(u32, u32); 128],
    text: Folded,
    /// Per topic, whether the text being tagged has it.
    found: Vec<bool>,
}

impl Tagger {
    pub fn new(topics: &[TopicMeta]) -> Self {
        let mut all: Vec<(String, Vec<Pattern>)> = topics.iter().map(|t| (t.id.clone(), t.keywords.iter().map(|k| Pattern::new(k, true)).filter(|p| !p.chars.is_empty()).collect())).collect();
        all.sort_by(|a, b| a.0.cmp(&b.0));
        // One entry per id (a repeated id is a problem of its own, but still tags).
        let mut by_id: Vec<(String, Vec<Pattern>)> = Vec::with_capacity(all.len());
        for (id, ps) in all {
            match by_id.last_mut() {
                Some((last, list)) if *last == id => list.extend(ps),
                _ => by_id.push((id, ps)),
            }
        }
        let mut starts: Vec<(char, u32, u32)> =
            by_id.iter().enumerate().flat_map(|(t, (_, ps))| ps.iter().enumerate().filter_map(move |(k, p)| Some((*p.chars.first()?, t as u32, k as u32)))).collect();
        starts.sort_unstable();
        let mut ascii = [(0u32, 0u32); 128];
        for (c, range) in ascii.iter_mut().enumerate() {
            let c = char::from(c as u8);
            *range = (starts.partition_point(|s| s.0 < c) as u32, starts.partition_point(|s| s.0 <= c) as u32);
        }
        let found = vec![false; by_id.len()];
        Self { topics: by_id, starts, ascii, text: Folded { ignore_case: true, ..Default::default() }, found }
    }

    /// The keywords (indexes into `starts`) that start with `c`.
    fn starting_with(&self, c: char) -> std::ops::Range<usize> {
        match self.ascii.get(c as usize) {
            Some(&(a, b)) => a as usize..b as usize,
            None => self.starts.partition_point(|s| s.0 < c)..self.starts.partition_point(|s| s.0 <= c),
        }
    }

    /// Topic ids whose keywords occur in `text`, sorted and unique.
    pub fn tag(&mut self, text: &str) -> Vec<String> {
        if self.starts.is_empty() {
            return Vec::new();
        }
        self.text.refill(text);
        self.found.iter_mut().for_each(|f| *f = false);
        let mut left = self.topics.iter().filter(|(_, ps)| !ps.is_empty()).count();
        let mut count = 0;
        let chars = &self.text.chars;
        // Whether the char before is a letter or digit: each char's is looked up once.
        let mut after_alnum = false;
        'text: for (i, &c) in chars.iter().enumerate() {
            let alnum = if c.is_ascii() { c.is_ascii_alphanumeric() } else { c.is_alphanumeric() };
            // [`Folded::boundary_before`] with the keyword's first char, `c`: inside a
            // word, no keyword starting with a letter or digit can start.
            let inside = alnum && after_alnum;
            after_alnum = alnum;
            if inside {
                continue;
            }
            let range = self.starting_with(c);
            if range.is_empty() {
                continue;
            }
            for &(_, t, k) in &self.starts[range] {
                let t = t as usize;
                if self.found[t] {
                    continue;
                }
                let Some(pat) = self.topics[t].1.get(k as usize) else { continue };
                let Some(end) = self.text.match_at(i, &pat.chars) else { continue };
                let last = pat.chars[pat.chars.len() - 1];
                if pat.prefix || self.text.boundary_after(end, last) {
                    self.found[t] = true;
                    count += 1;
                    left -= 1;
                    if left == 0 {
                        break 'text;
                    }
                }
            }
        }
        // Sized exactly: most statements have one topic or none, and a statement's
        // topics live as long as the corpus.
        let mut out = Vec::with_capacity(count);
        out.extend(self.topics.iter().zip(&self.found).filter(|(_, f)| **f).map(|((id, _), _)| id.clone()));
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn topic(id: &str, kw: &[&str]) -> TopicMeta {
        TopicMeta { id: id.into(), label: id.into(), keywords: kw.iter().map(|s| s.to_string()).collect(), ..Default::default() }
    }

    #[test]
    fn word_boundaries_prefixes_and_phrases() {
        let topics = [topic("un", &["UN"]), topic("acc", &["accus*"]), topic("arms", &["arms race"]), topic("z", &["zzz"])];
        assert_eq!(tag("The UN said", &topics), ["un"]);
        assert!(tag("fun and UNESCO", &topics).is_empty());
        assert_eq!(tag("Accusations and an arms\u{a0}race", &topics), ["acc", "arms"]);
        assert!(tag("an armsrace", &topics).is_empty());
    }

    /// The one-pass tagger finds exactly the topics of `Folded::contains` per keyword.
    #[test]
    fn tagger_equals_each_keyword_alone() {
        let topics = [
            topic("un", &["UN", "United Nations", "un charter"]),
            topic("acc", &["accus*", "a"]),
            topic("arms", &["arms race", "arms  race", "-x", "ёлка*"]),
            topic("dup", &["UN"]),
            topic("empty", &[]),
            topic("blank", &["  ", "*"]),
            topic("un", &["zz top"]),
        ];
        let texts = [
            "", " ", "UN", "un", "fun", "The UN said", "UNESCO UN", "united\u{a0}nations", "an arms \t race", "armsrace", "accusing accus", "zz  top",
            "-x", "a-x", "ЁЛКА ёлки", "a", "ba", "x UN Charter", "aaaa", "arms arms race", "the un charter and the united nations and zz top and -x",
        ];
        let mut tagger = Tagger::new(&topics);
        let mut ids: Vec<&str> = topics.iter().map(|t| t.id.as_str()).collect();
        ids.sort();
        ids.dedup();
        for text in texts {
            let folded = Folded::new(text, 0, true);
            let expected: Vec<String> = ids
                .iter()
                .filter(|id| topics.iter().filter(|t| t.id == **id).flat_map(|t| &t.keywords).any(|k| folded.contains(k)))
                .map(|id| id.to_string())
                .collect();
            assert_eq!(tagger.tag(text), expected, "{text:?}");
        }
    }

    #[test]
    fn spans_map_to_original_bytes() {
        let text = "Ёлка «Крутских» said";
        let f = Folded::new(text, 10, false);
        let hits = f.find_all("Крутских");
        assert_eq!(hits.len(), 1);
        let (a, b) = hits[0];
        assert_eq!(&text[a - 10..b - 10], "Крутских");
        assert!(Folded::new(text, 0, true).contains("ёлка"));
        assert!(!f.contains("ёлка"));
    }
}
