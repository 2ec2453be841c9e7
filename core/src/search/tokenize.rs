//! Words, folding, stemming and stop words.
//!
//! - Words are found by Unicode word boundaries (UAX #29, `unicode-segmentation`); a
//!   segment is a word when it holds a letter or a digit. A colon inside a word
//!   (`foo:bar`, which UAX #29 keeps together) splits it, so field-like text is two words.
//! - Folding ([`fold_into`]): lower case, then canonical decomposition (NFD) with the
//!   combining marks dropped, so `é` → `e`, `Ö` → `o`, `ё` → `е`. One exception:
//!   Russian `й` is **kept** (not folded to `и`), because it is a letter of its own in
//!   Russian and the Russian stemmer expects it; `Й` folds to `й`. Only a word's first
//!   [`MAX_WORD_BYTES`] are folded (and so stemmed and matched): a longer "word" (one
//!   huge token of hostile text) costs what a long word costs, in the index and in a
//!   query alike.
//! - Stemming ([`Lang::stem_algorithm`]): by the document's language and the word's
//!   script. In an English or Russian document, Latin words get the English Snowball
//!   stemmer and Cyrillic words the Russian one (a Russian text quoting "cybersecurity"
//!   is stemmed right). In a document of another language nothing is stemmed (stemming
//!   German with the English stemmer would be wrong); such words still match exactly,
//!   by prefix and with typos. Query words are stemmed by their script. English words
//!   go through the hand-written Porter2 of `porter2` (the same stems as
//!   `rust_stemmers`' English, several times faster), Russian words through
//!   `rust_stemmers`.
//! - Stop words ([`is_stop_word`]): English for Latin words, Russian for Cyrillic words.
//!   They stay in the index (phrases such as "rules of the road" need them) but a bare
//!   stop word in a query is not required to match.

use rust_stemmers::{Algorithm, Stemmer};
use unicode_normalization::char::{decompose_canonical, is_combining_mark};
use unicode_segmentation::UnicodeSegmentation;

/// Calls `f(start, word)` for each word of `text`, `start` being its byte offset.
///
/// Text is cut at ASCII whitespace first (UAX #29 always breaks there); a piece that
/// is all ASCII, or ASCII with only the common punctuation of [`is_simple_extra`]
/// (curly quotes and apostrophes, guillemets, dashes, the ellipsis), goes through
/// [`simple_words`], which gives the same words as UAX #29 on such text at a fraction
/// of the cost; other pieces go through `unicode-segmentation`.
pub fn for_each_word(text: &str, mut f: impl FnMut(usize, &str)) {
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        while i < bytes.len() && bytes[i].is_ascii_whitespace() {
            i += 1;
        }
        let start = i;
        let mut ascii = true;
        while i < bytes.len() && !bytes[i].is_ascii_whitespace() {
            ascii &= bytes[i] < 0x80;
            i += 1;
        }
        if start == i {
            break;
        }
        // `start` and `i` sit next to ASCII whitespace (or the ends): char boundaries.
        let piece = &text[start..i];
        if ascii || piece.chars().all(|c| c.is_ascii() || is_simple_extra(c)) {
            simple_words(piece, |at, w| f(start + at, w));
        } else {
            unicode_words(piece, |at, w| f(start + at, w));
        }
    }
}

/// The non-ASCII characters [`simple_words`] handles: `‘` and `’` (UAX #29 MidNumLet,
/// like `.` and `'`: they join two letters or two digits, "don’t"), and punctuation of
/// Word_Break class Other, which never joins (“ ” „ « » ‹ › – — …).
pub fn is_simple_extra(c: char) -> bool {
    matches!(c, '\u{2018}' | '\u{2019}' | '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{AB}' | '\u{BB}' | '\u{2039}' | '\u{203A}' | '\u{2013}' | '\u{2014}' | '\u{2026}')
}

/// UAX #29 words of a piece of ASCII and the characters of [`is_simple_extra`]: runs of
/// letters, digits and `_`, joined across `.`, `'`, `‘` and `’` between two letters or
/// two digits, and across `,` and `;` between two digits ("U.S", "don't", "don’t",
/// "3.14", "1,000"). A colon and the other extras separate words.
pub fn simple_words(piece: &str, mut f: impl FnMut(usize, &str)) {
    let b = piece.as_bytes();
    let n = b.len();
    // Non-ASCII bytes (>= 0x80) are never wordy: the extras are skipped byte by byte.
    let wordy = |c: u8| c.is_ascii_alphanumeric() || c == b'_';
    let mut i = 0;
    while i < n {
        if !wordy(b[i]) {
            i += 1;
            continue;
        }
        let start = i;
        let mut alnum = false;
        loop {
            while i < n && wordy(b[i]) {
                alnum |= b[i] != b'_';
                i += 1;
            }
            // A joiner at `i`: its length, and whether it joins digits only.
            let (len, digits_only) = match b.get(i) {
                Some(b'.' | b'\'') => (1, false),
                Some(b',' | b';') => (1, true),
                // U+2018 / U+2019 in UTF-8.
                Some(0xE2) if b.get(i + 1) == Some(&0x80) && matches!(b.get(i + 2), Some(0x98 | 0x99)) => (3, false),
                _ => (0, false),
            };
            if len > 0 && i + len < n {
                let (p, q) = (b[i - 1], b[i + len]);
                let letters = p.is_ascii_alphabetic() && q.is_ascii_alphabetic();
                let digits = p.is_ascii_digit() && q.is_ascii_digit();
                if digits || (letters && !digits_only) {
                    i += len;
                    continue;
                }
            }
            break;
        }
        if alnum {
            f(start, &piece[start..i]);
        }
    }
}

/// Words of a piece by `unicode-segmentation` (UAX #29), split at colons.
fn unicode_words(text: &str, mut f: impl FnMut(usize, &str)) {
    for (at, seg) in text.split_word_bound_indices() {
        if !seg.chars().any(char::is_alphanumeric) {
            continue;
        }
        if seg.len() > 1 && seg.as_bytes().contains(&b':') {
            let mut off = 0;
            for part in seg.split(':') {
                if part.chars().any(char::is_alphanumeric) {
                    f(at + off, part);
                }
                off += part.len() + 1;
            }
        } else {
            f(at, seg);
        }
    }
}

/// Most bytes of a word that are folded, stemmed and matched (see the module doc).
pub const MAX_WORD_BYTES: usize = 256;

/// Appends the folded form of `word` (of its first [`MAX_WORD_BYTES`]) to `out` (see
/// the module doc).
pub fn fold_into(word: &str, out: &mut String) {
    let mut end = word.len().min(MAX_WORD_BYTES);
    while !word.is_char_boundary(end) {
        end -= 1;
    }
    let word = &word[..end];
    if word.is_ascii() {
        let start = out.len();
        out.push_str(word);
        out[start..].make_ascii_lowercase();
        return;
    }
    for c in word.chars() {
        if c.is_ascii() {
            out.push(c.to_ascii_lowercase());
            continue;
        }
        decompose_canonical(c, |d| {
            if is_combining_mark(d) {
                // Keep Russian й: и + combining breve.
                if d == '\u{306}' && out.ends_with('и') {
                    out.pop();
                    out.push('й');
                }
                return;
            }
            for l in d.to_lowercase() {
                out.push(l);
            }
        });
    }
}

/// The folded form of `word`.
pub fn fold(word: &str) -> String {
    let mut s = String::with_capacity(word.len());
    fold_into(word, &mut s);
    s
}

/// The folded words of `text`, in order.
pub fn folded_words(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for_each_word(text, |_, w| out.push(fold(w)));
    out
}

/// The writing system of a word, judged by its first letter.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Script {
    Latin,
    Cyrillic,
    /// Digits only, or another script.
    Other,
}

/// Script of a (folded) word.
pub fn script_of(word: &str) -> Script {
    for c in word.chars() {
        if c.is_ascii_alphabetic() || ('\u{c0}'..='\u{24f}').contains(&c) {
            return Script::Latin;
        }
        if ('\u{400}'..='\u{52f}').contains(&c) {
            return Script::Cyrillic;
        }
        if c.is_alphabetic() {
            return Script::Other;
        }
    }
    Script::Other
}

/// A document language as far as stemming is concerned.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Lang {
    English,
    Russian,
    /// Any other language: no stemming.
    Other,
}

impl Lang {
    /// From a BCP 47 tag: "en", "en-GB", "ru", "RU"...
    pub fn from_tag(tag: &str) -> Lang {
        let primary = tag.split(['-', '_']).next().unwrap_or("");
        if primary.eq_ignore_ascii_case("en") {
            Lang::English
        } else if primary.eq_ignore_ascii_case("ru") {
            Lang::Russian
        } else {
            Lang::Other
        }
    }

    /// Which stemmer a word of `script` gets in a document of this language.
    pub fn stem_algorithm(self, script: Script) -> Option<Algorithm> {
        match (self, script) {
            (Lang::Other, _) | (_, Script::Other) => None,
            (_, Script::Latin) => Some(Algorithm::English),
            (_, Script::Cyrillic) => Some(Algorithm::Russian),
        }
    }

    /// Whether this language stems at all (the word dictionary keeps the two apart).
    pub fn stems(self) -> bool {
        self != Lang::Other
    }
}

/// Whether the English (Porter2) stemmer surely returns `word` as it is, without
/// running it: a word of fewer than 3 letters, or one whose last letter ends none of
/// the suffixes any of its steps removes or replaces (they all end in `' s d g y i l m
/// n r e c t`, and so do its exceptional forms), with no leading `'` and no `Y` (the
/// only changes its prelude and postlude make). A word the stemmer would leave alone
/// may still run it; the two always agree (tested against the stemmer).
fn english_unchanged(word: &str) -> bool {
    let b = word.as_bytes();
    match (b.first(), b.last()) {
        (Some(&first), Some(&last)) => {
            (b.len() < 3 && word.is_ascii())
                || (first != b'\'' && last.is_ascii() && !b"'sdgyilmnrect".contains(&last) && !b.contains(&b'Y'))
        }
        _ => true,
    }
}

/// The stemmers: English by [`super::porter2`], Russian by `rust_stemmers` (made once).
pub struct Stemmers {
    ru: Stemmer,
}

impl Default for Stemmers {
    fn default() -> Self {
        Self { ru: Stemmer::create(Algorithm::Russian) }
    }
}

impl Stemmers {
    /// The stem of a folded word in a document of `lang`.
    pub fn stem(&self, lang: Lang, folded: &str) -> String {
        match lang.stem_algorithm(script_of(folded)) {
            Some(Algorithm::English) if english_unchanged(folded) => folded.to_string(),
            Some(Algorithm::English) => super::porter2::stem(folded),
            Some(Algorithm::Russian) => self.ru.stem(folded).into_owned(),
            _ => folded.to_string(),
        }
    }

    /// The stem of a folded query word: by its script.
    pub fn stem_query(&self, folded: &str) -> String {
        self.stem(Lang::English, folded)
    }
}

/// English stop words (folded), sorted.
const STOP_EN: &[&str] = &[
    "a", "about", "after", "all", "also", "am", "an", "and", "any", "are", "as", "at", "be", "been",
    "being", "both", "but", "by", "can", "could", "did", "do", "does", "for", "from", "had", "has",
    "have", "he", "her", "here", "him", "his", "how", "i", "if", "in", "into", "is", "it", "its",
    "just", "may", "me", "might", "more", "most", "my", "no", "nor", "not", "of", "on", "or",
    "other", "our", "ours", "she", "should", "so", "some", "such", "than", "that", "the", "their",
    "them", "then", "there", "these", "they", "this", "those", "through", "to", "too", "up", "us",
    "very", "was", "we", "were", "what", "when", "where", "which", "while", "who", "whom", "why",
    "will", "with", "would", "you", "your",
];

/// Russian stop words (folded: ё → е), sorted by byte order.
const STOP_RU: &[&str] = &[
    "а", "без", "бы", "был", "была", "были", "было", "быть", "в", "вам", "вас", "во", "вот", "все",
    "всех", "вы", "где", "да", "для", "до", "его", "ее", "если", "есть", "еще", "же", "за", "и",
    "из", "или", "им", "их", "к", "как", "когда", "ли", "мы", "на", "над", "не", "него", "нет",
    "ни", "но", "о", "об", "он", "она", "они", "оно", "от", "по", "под", "при", "с", "со", "так",
    "также", "там", "то", "тоже", "только", "у", "уже", "чем", "что", "чтобы", "эта", "эти", "это",
    "этот", "я",
];

/// The longest stop word, in bytes ("through"; "только" and "чтобы" take 12 and 10).
const STOP_MAX_BYTES: usize = 12;

/// Whether a folded word is a stop word of its script's language.
pub fn is_stop_word(folded: &str) -> bool {
    // No stop word is longer (in bytes): most words are answered here.
    if folded.len() > STOP_MAX_BYTES {
        return false;
    }
    match script_of(folded) {
        Script::Latin => STOP_EN.binary_search(&folded).is_ok(),
        Script::Cyrillic => STOP_RU.binary_search(&folded).is_ok(),
        Script::Other => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<(usize, String)> {
        let mut v = Vec::new();
        for_each_word(text, |at, w| v.push((at, w.to_string())));
        v
    }

    #[test]
    fn ascii_fast_path_agrees_with_uax29() {
        for text in ["U.S. don't 3.14 1,000 a.1 1.a _x_ ___ x__y 'tis foo:bar a,b 1;2 e.g. (hello)", "AB12cd,34 ... 'a' x'", "a.b.c 1.2.3 a..b"] {
            let mut fast = Vec::new();
            simple_words(text, |at, w| fast.push((at, w.to_string())));
            let mut slow = Vec::new();
            unicode_words(text, |at, w| slow.push((at, w.to_string())));
            assert_eq!(fast, slow, "{text}");
        }
    }

    #[test]
    fn punctuation_fast_path_agrees_with_uax29() {
        let texts = [
            "don’t ‘quoted’ “rules of the road” «Информация» — a–b … x…y „low“ ‹a› 3’4 a’1 1’a ’tis a’’b a’.b",
            "“a,”he said,“b.” U.S.’s 1,000’s —“—” ‘’ ’ ‘a ’b",
            "a’b’c 1’2’3 a’ ’a _’_ a_’b x’_",
        ];
        for text in texts {
            let mut fast = Vec::new();
            for_each_word(text, |at, w| fast.push((at, w.to_string())));
            let mut slow = Vec::new();
            unicode_words(text, |at, w| slow.push((at, w.to_string())));
            assert_eq!(fast, slow, "{text}");
        }
        // The extras take the fast path.
        assert!("“rules’—…»".chars().all(|c| c.is_ascii() || is_simple_extra(c)));
    }

    #[test]
    fn fold_fast_path_agrees_with_char_folding() {
        for w in ["ABC", "abc", "MiXeD_42", "U.S", "don't", ""] {
            let slow: String = w.chars().flat_map(char::to_lowercase).collect();
            assert_eq!(fold(w), slow);
        }
    }

    #[test]
    fn stop_words_fit_the_length_cut() {
        assert_eq!(STOP_EN.iter().chain(STOP_RU).map(|w| w.len()).max(), Some(STOP_MAX_BYTES));
    }

    #[test]
    fn stop_lists_are_sorted() {
        assert!(STOP_EN.windows(2).all(|w| w[0] < w[1]));
        assert!(STOP_RU.windows(2).all(|w| w[0] < w[1]), "{:?}", STOP_RU.windows(2).find(|w| w[0] >= w[1]));
    }

    #[test]
    fn words_by_unicode_boundaries_with_offsets() {
        let text = "The U.S. and Russia's “rules of the road”, 2018 — foo:bar!";
        let w = words(text);
        let list: Vec<&str> = w.iter().map(|(_, s)| s.as_str()).collect();
        assert_eq!(list, ["The", "U.S", "and", "Russia's", "rules", "of", "the", "road", "2018", "foo", "bar"]);
        for (at, s) in &w {
            assert_eq!(&text[*at..*at + s.len()], s);
        }
    }

    #[test]
    fn cyrillic_words_and_offsets() {
        let text = "Андрей Крутских: «Информационная безопасность»";
        let w = words(text);
        let list: Vec<&str> = w.iter().map(|(_, s)| s.as_str()).collect();
        assert_eq!(list, ["Андрей", "Крутских", "Информационная", "безопасность"]);
        for (at, s) in &w {
            assert_eq!(&text[*at..*at + s.len()], s);
        }
    }

    #[test]
    fn folding_case_and_diacritics() {
        assert_eq!(fold("Café"), "cafe");
        assert_eq!(fold("ÖSTERREICH"), "osterreich");
        assert_eq!(fold("Ёлка"), "елка");
        assert_eq!(fold("ЙОД"), "йод");
        assert_eq!(fold("Андрей"), "андрей");
        assert_eq!(fold("naïve"), "naive");
        assert_eq!(fold("KRUTSKIKH"), "krutskikh");
    }

    #[test]
    fn stemmer_by_language_and_script() {
        let s = Stemmers::default();
        assert_eq!(s.stem(Lang::English, "negotiations"), "negoti");
        assert_eq!(s.stem(Lang::Russian, "безопасности"), "безопасн");
        // A Latin word in a Russian document gets the English stemmer.
        assert_eq!(s.stem(Lang::Russian, "negotiations"), "negoti");
        // Another language: no stemming.
        assert_eq!(s.stem(Lang::Other, "negotiations"), "negotiations");
        assert_eq!(Lang::from_tag("en-GB"), Lang::English);
        assert_eq!(Lang::from_tag("RU"), Lang::Russian);
        assert_eq!(Lang::from_tag("de"), Lang::Other);
        assert_eq!(s.stem_query("безопасность"), s.stem(Lang::Russian, "безопасность"));
    }

    #[test]
    fn stop_words_by_script() {
        assert!(is_stop_word("the"));
        assert!(is_stop_word("что"));
        assert!(is_stop_word("еще"));
        assert!(!is_stop_word("security"));
        assert!(!is_stop_word("2018"));
    }
}

#[cfg(test)]
mod proptests {
    use super::*;
    use proptest::prelude::*;

    /// The words of `text` (with offsets) by [`for_each_word`] and by UAX #29 alone.
    #[allow(clippy::type_complexity)]
    fn both_ways(text: &str) -> (Vec<(usize, String)>, Vec<(usize, String)>) {
        let mut fast = Vec::new();
        for_each_word(text, |at, w| fast.push((at, w.to_string())));
        let mut slow = Vec::new();
        unicode_words(text, |at, w| slow.push((at, w.to_string())));
        (fast, slow)
    }

    proptest! {
        /// The ASCII fast path gives exactly the UAX #29 words.
        #[test]
        fn fast_path_is_uax29(text in "[a-zA-Z0-9_.',;: \\-]{0,40}") {
            let (fast, slow) = both_ways(&text);
            prop_assert_eq!(fast, slow);
        }

        /// Offsets always point at the word, for any text.
        #[test]
        fn offsets_are_exact(text in "\\PC{0,60}") {
            for_each_word(&text, |at, w| assert_eq!(&text[at..at + w.len()], w));
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(4000))]

        /// The fast path with curly quotes, apostrophes, dashes and guillemets gives
        /// exactly the UAX #29 words, also beside letters it does not take (é, й, ·).
        #[test]
        fn punctuation_fast_path_is_uax29(text in "[a-zA-Z0-9_.',;: \\-‘’“”„«»‹›–—…éй·\u{301}]{0,40}") {
            let (fast, slow) = both_ways(&text);
            prop_assert_eq!(fast, slow);
        }

        /// Stemming with the shortcut for words the stemmer leaves alone gives what the
        /// stemmer gives, for any word (most of these end in a letter the shortcut takes).
        #[test]
        fn english_shortcut_is_the_stemmer(word in "['a-zY._0-9]{0,12}[abfhjkopquvwxz0-9._sdgyilmnrectY']") {
            // (Words with no Latin letter are not stemmed at all, by design.)
            prop_assume!(script_of(&word) == Script::Latin);
            let raw = Stemmer::create(Algorithm::English).stem(&word).into_owned();
            prop_assert_eq!(Stemmers::default().stem(Lang::English, &word), raw);
        }

        /// Folding an ASCII word by the fast path is Unicode lower-casing.
        #[test]
        fn ascii_fold_is_lowercase(word in "[ -~]{0,30}") {
            let slow: String = word.chars().flat_map(char::to_lowercase).collect();
            prop_assert_eq!(fold(&word), slow);
        }
    }
}
