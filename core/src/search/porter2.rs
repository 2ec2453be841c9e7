//! The English (Porter2) Snowball stemmer, written out by hand.
//!
//! It gives exactly what `rust_stemmers`' English algorithm gives (Snowball's
//! `english.sbl` as generated into rust-stemmers 1.2: exceptions, prelude, R1/R2 with
//! the `gener`/`commun`/`arsen` prefixes, steps 1a to 5, postlude), for every string,
//! without its generic interpreter (a table search per step and a `String` per
//! change): about a third of an index build of the shipped corpus was that
//! interpreter. The steps' suffixes are slice patterns, which the compiler turns into
//! byte comparisons from the end of the word. `rust_stemmers` is still used for
//! Russian ([`super::tokenize::Stemmers`]), and by the tests here, which check that
//! the two agree on random strings (ASCII, and with letters of other scripts), on
//! every suffix and exception of the algorithm, and on every Latin-script word of the
//! shipped and fixture corpora and of the synthetic shapes.

/// `v`: the vowels.
#[inline]
fn is_v(c: u8) -> bool {
    matches!(c, b'a' | b'e' | b'i' | b'o' | b'u' | b'y')
}

/// `v_WXY`: the vowels, `w`, `x` and `Y`.
#[inline]
fn is_v_wxy(c: u8) -> bool {
    is_v(c) || matches!(c, b'w' | b'x' | b'Y')
}

/// `valid_LI`: the letters that may precede a removed `li`.
#[inline]
fn is_valid_li(c: u8) -> bool {
    matches!(c, b'c' | b'd' | b'e' | b'g' | b'h' | b'k' | b'm' | b'n' | b'r' | b't')
}

/// The stem of a whole word with a stem of its own (`exception1`).
fn exception1(b: &[u8]) -> Option<&'static str> {
    Some(match b {
        b"skis" => "ski",
        b"skies" => "sky",
        b"dying" => "die",
        b"lying" => "lie",
        b"tying" => "tie",
        b"idly" => "idl",
        b"gently" => "gentl",
        b"ugly" => "ugli",
        b"early" => "earli",
        b"only" => "onli",
        b"singly" => "singl",
        b"sky" => "sky",
        b"news" => "news",
        b"howe" => "howe",
        b"atlas" => "atlas",
        b"cosmos" => "cosmos",
        b"bias" => "bias",
        b"andes" => "andes",
        _ => return None,
    })
}

/// Whole words (after step 1a) that the later steps leave alone (`exception2`).
fn exception2(b: &[u8]) -> bool {
    matches!(b, b"inning" | b"outing" | b"canning" | b"herring" | b"earring" | b"proceed" | b"exceed" | b"succeed")
}

/// Step 2's longest suffix: its length and what replaces it (`None`: `ogi` and `li`, which
/// depend on the letter before).
fn step2_suffix(b: &[u8]) -> Option<(usize, Option<&'static [u8]>)> {
    Some(match b {
        [.., b'a', b't', b'i', b'o', b'n', b'a', b'l'] => (7, Some(&b"ate"[..])),
        [.., b'i', b'z', b'a', b't', b'i', b'o', b'n'] => (7, Some(&b"ize"[..])),
        [.., b'i', b'v', b'e', b'n', b'e', b's', b's'] => (7, Some(&b"ive"[..])),
        [.., b'f', b'u', b'l', b'n', b'e', b's', b's'] => (7, Some(&b"ful"[..])),
        [.., b'o', b'u', b's', b'n', b'e', b's', b's'] => (7, Some(&b"ous"[..])),
        [.., b't', b'i', b'o', b'n', b'a', b'l'] => (6, Some(&b"tion"[..])),
        [.., b'b', b'i', b'l', b'i', b't', b'i'] => (6, Some(&b"ble"[..])),
        [.., b'l', b'e', b's', b's', b'l', b'i'] => (6, Some(&b"less"[..])),
        [.., b'e', b'n', b't', b'l', b'i'] => (5, Some(&b"ent"[..])),
        [.., b'o', b'u', b's', b'l', b'i'] => (5, Some(&b"ous"[..])),
        [.., b'f', b'u', b'l', b'l', b'i'] => (5, Some(&b"ful"[..])),
        [.., b'a', b'l', b'i', b't', b'i'] => (5, Some(&b"al"[..])),
        [.., b'i', b'v', b'i', b't', b'i'] => (5, Some(&b"ive"[..])),
        [.., b'a', b'l', b'i', b's', b'm'] => (5, Some(&b"al"[..])),
        [.., b'a', b't', b'i', b'o', b'n'] => (5, Some(&b"ate"[..])),
        [.., b'e', b'n', b'c', b'i'] => (4, Some(&b"ence"[..])),
        [.., b'a', b'n', b'c', b'i'] => (4, Some(&b"ance"[..])),
        [.., b'a', b'b', b'l', b'i'] => (4, Some(&b"able"[..])),
        [.., b'a', b'l', b'l', b'i'] => (4, Some(&b"al"[..])),
        [.., b'i', b'z', b'e', b'r'] => (4, Some(&b"ize"[..])),
        [.., b'a', b't', b'o', b'r'] => (4, Some(&b"ate"[..])),
        [.., b'b', b'l', b'i'] => (3, Some(&b"ble"[..])),
        [.., b'o', b'g', b'i'] => (3, None),
        [.., b'l', b'i'] => (2, None),
        _ => return None,
    })
}

/// Step 3's longest suffix: its length and what replaces it (`None`: `ative`, removed in R2
/// only).
fn step3_suffix(b: &[u8]) -> Option<(usize, Option<&'static [u8]>)> {
    Some(match b {
        [.., b'a', b't', b'i', b'o', b'n', b'a', b'l'] => (7, Some(&b"ate"[..])),
        [.., b't', b'i', b'o', b'n', b'a', b'l'] => (6, Some(&b"tion"[..])),
        [.., b'a', b'l', b'i', b'z', b'e'] => (5, Some(&b"al"[..])),
        [.., b'i', b'c', b'a', b't', b'e'] => (5, Some(&b"ic"[..])),
        [.., b'i', b'c', b'i', b't', b'i'] => (5, Some(&b"ic"[..])),
        [.., b'a', b't', b'i', b'v', b'e'] => (5, None),
        [.., b'i', b'c', b'a', b'l'] => (4, Some(&b"ic"[..])),
        [.., b'n', b'e', b's', b's'] => (4, Some(&b""[..])),
        [.., b'f', b'u', b'l'] => (3, Some(&b""[..])),
        _ => return None,
    })
}

/// Step 4's longest suffix: its length (`ion` only goes after `s` or `t`).
fn step4_suffix(b: &[u8]) -> Option<usize> {
    Some(match b {
        [.., b'e', b'm', b'e', b'n', b't'] => 5,
        [.., b'a', b'n', b'c', b'e'] => 4,
        [.., b'e', b'n', b'c', b'e'] => 4,
        [.., b'a', b'b', b'l', b'e'] => 4,
        [.., b'i', b'b', b'l', b'e'] => 4,
        [.., b'm', b'e', b'n', b't'] => 4,
        [.., b'a', b't', b'e'] => 3,
        [.., b'i', b'v', b'e'] => 3,
        [.., b'i', b'z', b'e'] => 3,
        [.., b'i', b't', b'i'] => 3,
        [.., b'i', b's', b'm'] => 3,
        [.., b'i', b'o', b'n'] => 3,
        [.., b'o', b'u', b's'] => 3,
        [.., b'a', b'n', b't'] => 3,
        [.., b'e', b'n', b't'] => 3,
        [.., b'a', b'l'] => 2,
        [.., b'i', b'c'] => 2,
        [.., b'e', b'r'] => 2,
        _ => return None,
    })
}

/// The word being stemmed and its regions' starts.
struct Word {
    b: Vec<u8>,
    p1: usize,
    p2: usize,
}

/// Whether `b` ends with `s`, compared from the last byte (most suffixes differ from
/// the word there; no call to `memcmp` per suffix tried).
#[inline]
fn ends_with(b: &[u8], s: &[u8]) -> bool {
    if s.len() > b.len() {
        return false;
    }
    let off = b.len() - s.len();
    let mut i = s.len();
    while i > 0 {
        i -= 1;
        if b[off + i] != s[i] {
            return false;
        }
    }
    true
}

impl Word {
    fn ends(&self, s: &[u8]) -> bool {
        ends_with(&self.b, s)
    }

    /// Replaces the last `len` bytes with `to`.
    fn replace_end(&mut self, len: usize, to: &[u8]) {
        let n = self.b.len() - len;
        self.b.truncate(n);
        self.b.extend_from_slice(to);
    }

}

/// `shortv` with the word ending at `e`: non-vowel (not `w`, `x`, `Y`), vowel,
/// non-vowel; or vowel, non-vowel at the start of the word.
fn shortv(b: &[u8], e: usize) -> bool {
    if e >= 3 && !is_v_wxy(b[e - 1]) && is_v(b[e - 2]) && !is_v(b[e - 3]) {
        return true;
    }
    e == 2 && !is_v(b[1]) && is_v(b[0])
}

/// The position after the first non-vowel that follows a vowel, from `from` on
/// (`gopast v gopast non-v`).
fn region(b: &[u8], from: usize) -> Option<usize> {
    let v = from + b.get(from..)?.iter().position(|&c| is_v(c))?;
    let nv = v + 1 + b[v + 1..].iter().position(|&c| !is_v(c))?;
    Some(nv + 1)
}

/// Byte standing for a non-ASCII character (every one is a non-vowel to the stemmer,
/// and no step removes, moves or adds one).
const OTHER: u8 = 0x80;

/// The Porter2 stem of a word.
///
/// The steps work on bytes, one per character: a non-ASCII character is [`OTHER`] while
/// stemming and put back afterwards, in order (the steps only ever change ASCII
/// letters and apostrophes, so the `k`-th [`OTHER`] is still the `k`-th non-ASCII
/// character).
pub fn stem(word: &str) -> String {
    if word.is_ascii() {
        return stem_bytes(word.as_bytes()).and_then(|b| String::from_utf8(b).ok()).unwrap_or_else(|| word.to_string());
    }
    let bytes: Vec<u8> = word.chars().map(|c| if c.is_ascii() { c as u8 } else { OTHER }).collect();
    let Some(stemmed) = stem_bytes(&bytes) else { return word.to_string() };
    let mut others = word.chars().filter(|c| !c.is_ascii());
    stemmed.iter().map(|&b| if b == OTHER { others.next().unwrap_or('\u{FFFD}') } else { char::from(b) }).collect()
}

/// The stem of a word of one byte per character, or `None` when it is the word itself.
fn stem_bytes(bytes: &[u8]) -> Option<Vec<u8>> {
    if let Some(to) = exception1(bytes) {
        return Some(to.as_bytes().to_vec());
    }
    if bytes.len() < 3 {
        return None;
    }
    // Prelude.
    let mut b = bytes.strip_prefix(b"'").unwrap_or(bytes).to_vec();
    let mut y_found = false;
    if b.first() == Some(&b'y') {
        b[0] = b'Y';
        y_found = true;
    }
    for i in 1..b.len() {
        if b[i] == b'y' && is_v(b[i - 1]) {
            b[i] = b'Y';
            y_found = true;
        }
    }
    // Regions.
    let n = b.len();
    let (p1, p2) = {
        let start = match &b[..] {
            [b'g', b'e', b'n', b'e', b'r', ..] | [b'a', b'r', b's', b'e', b'n', ..] => Some(5),
            [b'c', b'o', b'm', b'm', b'u', b'n', ..] => Some(6),
            _ => region(&b, 0),
        };
        match start {
            Some(p1) => (p1, region(&b, p1).unwrap_or(n)),
            None => (n, n),
        }
    };
    let mut w = Word { b, p1, p2 };
    step_1a(&mut w);
    if !exception2(&w.b) {
        step_1b(&mut w);
        step_1c(&mut w);
        step_2(&mut w);
        step_3(&mut w);
        step_4(&mut w);
        step_5(&mut w);
    }
    // Postlude.
    if y_found {
        for c in &mut w.b {
            if *c == b'Y' {
                *c = b'y';
            }
        }
    }
    Some(w.b)
}

fn step_1a(w: &mut Word) {
    for s in [&b"'s'"[..], b"'s", b"'"] {
        if w.ends(s) {
            w.replace_end(s.len(), b"");
            break;
        }
    }
    let n = w.b.len();
    if w.ends(b"sses") {
        w.replace_end(4, b"ss");
    } else if w.ends(b"ied") || w.ends(b"ies") {
        let to: &[u8] = if n >= 5 { b"i" } else { b"ie" };
        w.replace_end(3, to);
    } else if w.ends(b"ss") || w.ends(b"us") {
    } else if w.ends(b"s") && n >= 2 && w.b[..n - 2].iter().any(|&c| is_v(c)) {
        w.replace_end(1, b"");
    }
}

fn step_1b(w: &mut Word) {
    let n = w.b.len();
    for s in [&b"eedly"[..], b"eed"] {
        if w.ends(s) {
            if n - s.len() >= w.p1 {
                w.replace_end(s.len(), b"ee");
            }
            return;
        }
    }
    let Some(s) = [&b"ingly"[..], b"edly", b"ing", b"ed"].into_iter().find(|s| w.ends(s)) else { return };
    let start = n - s.len();
    if !w.b[..start].iter().any(|&c| is_v(c)) {
        return;
    }
    w.b.truncate(start);
    let m = start;
    if w.ends(b"at") || w.ends(b"bl") || w.ends(b"iz") {
        w.b.push(b'e');
    } else if m >= 2 && w.b[m - 1] == w.b[m - 2] && matches!(w.b[m - 1], b'b' | b'd' | b'f' | b'g' | b'm' | b'n' | b'p' | b'r' | b't') {
        w.b.truncate(m - 1);
    } else if m == w.p1 && shortv(&w.b, m) {
        w.b.push(b'e');
    }
}

fn step_1c(w: &mut Word) {
    let n = w.b.len();
    if n >= 3 && matches!(w.b[n - 1], b'y' | b'Y') && !is_v(w.b[n - 2]) {
        w.b[n - 1] = b'i';
    }
}

/// Steps 2 and 3: the suffix `found` names (its length and replacement, from
/// `step2_suffix` or `step3_suffix`) counts only if it starts in R1; one with a
/// replacement is replaced here. Gives the start and length of a suffix in R1 that has
/// no replacement (the step's own rule decides), `None` otherwise.
fn suffix_in_r1(w: &mut Word, found: Option<(usize, Option<&[u8]>)>) -> Option<(usize, usize)> {
    let (len, to) = found?;
    let start = w.b.len() - len;
    if start < w.p1 {
        return None;
    }
    match to {
        Some(to) => {
            w.replace_end(len, to);
            None
        }
        None => Some((start, len)),
    }
}

fn step_2(w: &mut Word) {
    let found = step2_suffix(&w.b);
    let Some((start, len)) = suffix_in_r1(w, found) else { return };
    match len {
        3 => {
            if start >= 1 && w.b[start - 1] == b'l' {
                w.replace_end(3, b"og");
            }
        }
        _ => {
            if start >= 1 && is_valid_li(w.b[start - 1]) {
                w.replace_end(2, b"");
            }
        }
    }
}

fn step_3(w: &mut Word) {
    let found = step3_suffix(&w.b);
    let Some((start, len)) = suffix_in_r1(w, found) else { return };
    if start >= w.p2 {
        w.replace_end(len, b"");
    }
}

fn step_4(w: &mut Word) {
    let Some(len) = step4_suffix(&w.b) else { return };
    let start = w.b.len() - len;
    if start < w.p2 {
        return;
    }
    if w.ends(b"ion") && !(start >= 1 && matches!(w.b[start - 1], b's' | b't')) {
        return;
    }
    w.b.truncate(start);
}

fn step_5(w: &mut Word) {
    let n = w.b.len();
    if w.ends(b"e") {
        let start = n - 1;
        if start >= w.p2 || (start >= w.p1 && !shortv(&w.b, start)) {
            w.b.truncate(start);
        }
    } else if w.ends(b"l") {
        let start = n - 1;
        if start >= w.p2 && start >= 1 && w.b[start - 1] == b'l' {
            w.b.truncate(start);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use rust_stemmers::{Algorithm, Stemmer};

    fn snowball(word: &str) -> String {
        Stemmer::create(Algorithm::English).stem(word).into_owned()
    }

    #[test]
    fn known_stems() {
        for (w, s) in [
            ("negotiations", "negoti"), ("generously", "generous"), ("communism", "communism"), ("hoping", "hope"), ("cries", "cri"), ("ties", "tie"),
            ("gas", "gas"), ("gaps", "gap"), ("skies", "sky"), ("succeeding", "succeed"), ("sayings", "say"), ("yelling", "yell"), ("'tis", "tis"),
            ("agreed", "agre"), ("feed", "feed"), ("hopping", "hop"), ("cry", "cri"), ("by", "by"), ("archaeology", "archaeolog"), ("controlling", "control"),
        ] {
            assert_eq!(stem(w), snowball(w), "{w}");
            assert_eq!(stem(w), s, "{w}");
        }
    }

    #[test]
    fn every_listed_suffix_and_exception_agrees() {
        let stems = ["", "a", "b", "l", "s", "t", "y", "e", "ab", "ba", "bab", "hop", "feas", "gener", "commun", "arsen", "crea", "dy", "lis", "ary", "y'", "'y"];
        // Steps 2, 3 and 4.
        let mut suffixes: Vec<&[u8]> = [
            "ational", "ization", "iveness", "fulness", "ousness", "tional", "biliti", "lessli", "entli", "ousli", "fulli", "aliti", "iviti", "alism", "ation",
            "enci", "anci", "abli", "alli", "izer", "ator", "bli", "ogi", "li", "alize", "icate", "iciti", "ative", "ical", "ness", "ful",
            "ement", "ance", "ence", "able", "ible", "ment", "ate", "ive", "ize", "iti", "ism", "ion", "ous", "ant", "ent", "al", "ic", "er",
        ]
        .iter()
        .map(|s| s.as_bytes())
        .collect();
        suffixes.extend([&b"eedly"[..], b"eed", b"ingly", b"edly", b"ing", b"ed", b"sses", b"ied", b"ies", b"ss", b"us", b"s", b"'s'", b"'s", b"'", b"e", b"l", b"ll", b"y", b"Y"]);
        // The exceptions.
        suffixes.extend(["skis", "skies", "dying", "lying", "tying", "idly", "gently", "ugly", "early", "only", "singly", "sky", "news", "howe", "atlas", "cosmos", "bias", "andes"].map(str::as_bytes));
        suffixes.extend(["inning", "outing", "canning", "herring", "earring", "proceed", "exceed", "succeed"].map(str::as_bytes));
        for p in stems {
            for s in &suffixes {
                for t in ["", "s", "ing", "ed", "ly", "'s"] {
                    let w = format!("{p}{}{t}", std::str::from_utf8(s).unwrap_or(""));
                    assert_eq!(stem(&w), snowball(&w), "{w}");
                }
            }
        }
    }

    /// Every distinct folded ASCII or Latin-script word of the shipped corpus, the fixture corpora
    /// (their texts and metadata) and the synthetic shapes.
    fn vocabulary() -> std::collections::BTreeSet<String> {
        use crate::search::tokenize::{fold, for_each_word, script_of, Script};
        let mut texts: Vec<String> = Vec::new();
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut dirs = vec![root.join("../corpus"), root.join("tests/fixtures")];
        while let Some(dir) = dirs.pop() {
            for entry in std::fs::read_dir(&dir).into_iter().flatten().flatten() {
                let path = entry.path();
                if path.is_dir() {
                    dirs.push(path);
                } else if let Ok(t) = std::fs::read_to_string(&path) {
                    texts.push(t);
                }
            }
        }
        #[cfg(feature = "synth")]
        for shape in crate::synth::shapes::SHAPES {
            if let Ok(source) = shape.source(20_000) {
                texts.extend(source.files.values().map(|b| String::from_utf8_lossy(b).into_owned()));
            }
        }
        let mut words = std::collections::BTreeSet::new();
        for t in &texts {
            for_each_word(t, |_, w| {
                let f = fold(w);
                if f.is_ascii() || script_of(&f) == Script::Latin {
                    words.insert(f);
                }
            });
        }
        words
    }

    #[test]
    fn same_as_rust_stemmers_on_the_corpora() {
        let words = vocabulary();
        assert!(words.len() > 3000, "{} words", words.len());
        let en = Stemmer::create(Algorithm::English);
        let wrong: Vec<_> = words.iter().filter(|w| stem(w) != en.stem(w)).take(20).collect();
        assert!(wrong.is_empty(), "{wrong:?}");
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(5000))]

        /// Any string of the letters, apostrophes and digits the steps look at.
        #[test]
        fn same_as_rust_stemmers(word in "'?[aeiouybcdglmnrstvwxzYf'0_]{0,14}") {
            prop_assert_eq!(stem(&word), snowball(&word));
        }

        /// Stems and suffixes put together, so that the long suffixes are reached.
        #[test]
        fn same_as_rust_stemmers_on_suffixes(head in "[a-zY']{0,6}", parts in proptest::collection::vec("(ational|tional|enci|anci|izer|bli|alli|entli|eli|ousli|ization|ation|ator|alism|iveness|fulness|ousness|aliti|iviti|biliti|logi|ogi|fulli|lessli|li|alize|icate|iciti|ical|ful|ness|ative|al|ance|ence|er|ic|able|ible|ant|ement|ment|ent|ism|ate|iti|ous|ive|ize|sion|tion|ion|eed|eedly|ed|edly|ing|ingly|at|bl|iz|bb|tt|ies|ied|sses|ss|us|s|'s|'s'|'|y|e|l|ll)", 0..4)) {
            let word = format!("{head}{}", parts.concat());
            prop_assert_eq!(stem(&word), snowball(&word));
        }

        /// Words with letters of other scripts and marks among the ASCII ones.
        #[test]
        fn same_as_rust_stemmers_with_other_letters(word in "'?[aeiouybcdlnrstyY'éßøæйя\u{301}]{0,12}(ing|ed|ies|s|ly|ation|ness|e|y)?") {
            prop_assert_eq!(stem(&word), snowball(&word));
        }

        /// Any ASCII at all.
        #[test]
        fn same_as_rust_stemmers_on_ascii(word in "[ -~]{0,16}") {
            prop_assert_eq!(stem(&word), snowball(&word));
        }
    }
}
