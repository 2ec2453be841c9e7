//! The English (Porter2) Snowball stemmer for ASCII words, written out by hand.
//!
//! It gives exactly what `rust_stemmers`' English algorithm gives (Snowball's
//! `english.sbl` as generated into rust-stemmers 1.2: exceptions, prelude, R1/R2 with
//! the `gener`/`commun`/`arsen` prefixes, steps 1a to 5, postlude), for every ASCII
//! string, without its generic interpreter (a table search per step and a `String`
//! per change): about a third of an index build of the shipped corpus was that
//! interpreter. Non-ASCII words still go to `rust_stemmers` ([`super::tokenize::Stemmers`]).
//! Equality with `rust_stemmers` is tested on random strings built from the suffixes
//! the steps look at, and on every word of the shipped and fixture corpora and of the
//! synthetic shapes (`tests` below, `core/tests/search_stemmer.rs`).

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

/// Whole words with a stem of their own (`exception1`).
const EXCEPTION1: &[(&[u8], &[u8])] = &[
    (b"skis", b"ski"), (b"skies", b"sky"), (b"dying", b"die"), (b"lying", b"lie"), (b"tying", b"tie"),
    (b"idly", b"idl"), (b"gently", b"gentl"), (b"ugly", b"ugli"), (b"early", b"earli"), (b"only", b"onli"),
    (b"singly", b"singl"), (b"sky", b"sky"), (b"news", b"news"), (b"howe", b"howe"), (b"atlas", b"atlas"),
    (b"cosmos", b"cosmos"), (b"bias", b"bias"), (b"andes", b"andes"),
];

/// Whole words (after step 1a) that the later steps leave alone (`exception2`).
const EXCEPTION2: &[&[u8]] = &[b"inning", b"outing", b"canning", b"herring", b"earring", b"proceed", b"exceed", b"succeed"];

/// Step 2's suffixes, longest first, with what replaces them (`None`: the special
/// cases `ogi` and `li`).
const STEP2: &[(&[u8], Option<&[u8]>)] = &[
    (b"ational", Some(b"ate")), (b"ization", Some(b"ize")), (b"iveness", Some(b"ive")), (b"fulness", Some(b"ful")), (b"ousness", Some(b"ous")),
    (b"tional", Some(b"tion")), (b"biliti", Some(b"ble")), (b"lessli", Some(b"less")),
    (b"entli", Some(b"ent")), (b"ousli", Some(b"ous")), (b"fulli", Some(b"ful")), (b"aliti", Some(b"al")), (b"iviti", Some(b"ive")), (b"alism", Some(b"al")), (b"ation", Some(b"ate")),
    (b"enci", Some(b"ence")), (b"anci", Some(b"ance")), (b"abli", Some(b"able")), (b"alli", Some(b"al")), (b"izer", Some(b"ize")), (b"ator", Some(b"ate")),
    (b"bli", Some(b"ble")), (b"ogi", None),
    (b"li", None),
];

/// Step 3's suffixes, longest first, with what replaces them (`None`: `ative`, removed
/// in R2 only).
const STEP3: &[(&[u8], Option<&[u8]>)] = &[
    (b"ational", Some(b"ate")), (b"tional", Some(b"tion")),
    (b"alize", Some(b"al")), (b"icate", Some(b"ic")), (b"iciti", Some(b"ic")), (b"ative", None),
    (b"ical", Some(b"ic")), (b"ness", Some(b"")),
    (b"ful", Some(b"")),
];

/// Step 4's suffixes, longest first (`ion` only after `s` or `t`).
const STEP4: &[&[u8]] = &[
    b"ement", b"ance", b"ence", b"able", b"ible", b"ment", b"ate", b"ive", b"ize", b"iti", b"ism", b"ion", b"ous", b"ant", b"ent", b"al", b"ic", b"er",
];

/// The word being stemmed and its regions' starts.
struct Word {
    b: Vec<u8>,
    p1: usize,
    p2: usize,
}

impl Word {
    fn ends(&self, s: &[u8]) -> bool {
        self.b.ends_with(s)
    }

    /// Replaces the last `len` bytes with `to`.
    fn replace_end(&mut self, len: usize, to: &[u8]) {
        let n = self.b.len() - len;
        self.b.truncate(n);
        self.b.extend_from_slice(to);
    }

    /// The longest of `suffixes` (longest first) the word ends with.
    fn longest<'a, T>(&self, suffixes: &'a [(&'a [u8], T)]) -> Option<&'a (&'a [u8], T)> {
        suffixes.iter().find(|(s, _)| self.ends(s))
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

/// The Porter2 stem of an ASCII word (any other input is returned as it is; the caller
/// sends non-ASCII words to `rust_stemmers`).
pub fn stem(word: &str) -> String {
    if !word.is_ascii() {
        return word.to_string();
    }
    let bytes = word.as_bytes();
    if let Some((_, to)) = EXCEPTION1.iter().find(|(w, _)| *w == bytes) {
        return String::from_utf8_lossy(to).into_owned();
    }
    if bytes.len() < 3 {
        return word.to_string();
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
        let start = [&b"gener"[..], b"commun", b"arsen"].iter().find(|p| b.starts_with(p)).map(|p| p.len()).or_else(|| region(&b, 0));
        match start {
            Some(p1) => (p1, region(&b, p1).unwrap_or(n)),
            None => (n, n),
        }
    };
    let mut w = Word { b, p1, p2 };
    step_1a(&mut w);
    if !EXCEPTION2.contains(&w.b.as_slice()) {
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
    // Only ASCII bytes were ever written.
    String::from_utf8(w.b).unwrap_or_default()
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

fn step_2(w: &mut Word) {
    let Some(&(s, to)) = w.longest(STEP2) else { return };
    let start = w.b.len() - s.len();
    if start < w.p1 {
        return;
    }
    match to {
        Some(to) => w.replace_end(s.len(), to),
        None if s == b"ogi" => {
            if start >= 1 && w.b[start - 1] == b'l' {
                w.replace_end(3, b"og");
            }
        }
        None => {
            if start >= 1 && is_valid_li(w.b[start - 1]) {
                w.replace_end(2, b"");
            }
        }
    }
}

fn step_3(w: &mut Word) {
    let Some(&(s, to)) = w.longest(STEP3) else { return };
    let start = w.b.len() - s.len();
    if start < w.p1 {
        return;
    }
    match to {
        Some(to) => w.replace_end(s.len(), to),
        None => {
            if start >= w.p2 {
                w.replace_end(s.len(), b"");
            }
        }
    }
}

fn step_4(w: &mut Word) {
    let Some(s) = STEP4.iter().find(|s| w.ends(s)) else { return };
    let start = w.b.len() - s.len();
    if start < w.p2 {
        return;
    }
    if *s == b"ion" && !(start >= 1 && matches!(w.b[start - 1], b's' | b't')) {
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
        let mut suffixes: Vec<&[u8]> = STEP2.iter().map(|(s, _)| *s).chain(STEP3.iter().map(|(s, _)| *s)).chain(STEP4.iter().copied()).collect();
        suffixes.extend([&b"eedly"[..], b"eed", b"ingly", b"edly", b"ing", b"ed", b"sses", b"ied", b"ies", b"ss", b"us", b"s", b"'s'", b"'s", b"'", b"e", b"l", b"ll", b"y", b"Y"]);
        suffixes.extend(EXCEPTION1.iter().map(|(w, _)| *w));
        suffixes.extend(EXCEPTION2.iter().copied());
        for p in stems {
            for s in &suffixes {
                for t in ["", "s", "ing", "ed", "ly", "'s"] {
                    let w = format!("{p}{}{t}", std::str::from_utf8(s).unwrap_or(""));
                    assert_eq!(stem(&w), snowball(&w), "{w}");
                }
            }
        }
    }

    /// Every distinct folded ASCII word of the shipped corpus, the fixture corpora
    /// (their texts and metadata) and the synthetic shapes.
    fn vocabulary() -> std::collections::BTreeSet<String> {
        use crate::search::tokenize::{fold, for_each_word};
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
                if f.is_ascii() {
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

        /// Any ASCII at all.
        #[test]
        fn same_as_rust_stemmers_on_ascii(word in "[ -~]{0,16}") {
            prop_assert_eq!(stem(&word), snowball(&word));
        }
    }
}
