//! Shortening text for labels, notices and accessible names, on char boundaries.
//!
//! `…` marks where text was cut. Every function works on any UTF-8 and never panics.

/// The first `n` words of `s` (joined by single spaces), with `…` when cut.
pub fn first_words(s: &str, n: usize) -> String {
    let mut words = s.split_whitespace();
    let mut out = words.by_ref().take(n).collect::<Vec<_>>().join(" ");
    if words.next().is_some() {
        out.push('…');
    }
    out
}

/// The first `n` characters of `s`, with `…` after them when cut.
pub fn head_chars(s: &str, n: usize) -> String {
    match s.char_indices().nth(n) {
        Some((at, _)) => format!("{}…", &s[..at]),
        None => s.to_string(),
    }
}

/// The last `n` characters of `s`, with `…` before them when cut.
pub fn tail_chars(s: &str, n: usize) -> String {
    let count = s.chars().count();
    match count.checked_sub(n).filter(|&skip| skip > 0) {
        Some(skip) => format!("…{}", s.chars().skip(skip).collect::<String>()),
        None => s.to_string(),
    }
}

/// `s` in at most `n` characters, the last one `…` when cut (for fixed-width labels).
pub fn fit_chars(s: &str, n: usize) -> String {
    if s.chars().count() <= n {
        s.to_string()
    } else {
        head_chars(s, n.saturating_sub(1))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words() {
        assert_eq!(first_words("a  b\nc d", 3), "a b c…");
        assert_eq!(first_words("a b", 3), "a b");
        assert_eq!(first_words("", 3), "");
    }

    #[test]
    fn chars_keep_boundaries() {
        assert_eq!(head_chars("«ёлка»", 2), "«ё…");
        assert_eq!(head_chars("ёлка", 4), "ёлка");
        assert_eq!(tail_chars("«ёлка»", 2), "…а»");
        assert_eq!(tail_chars("ёлка", 4), "ёлка");
        assert_eq!(fit_chars("Binding international rules", 10), "Binding i…");
        assert_eq!(fit_chars("Binding", 7), "Binding");
        assert_eq!(fit_chars("Binding", 0), "…");
    }
}
