//! Quotation marks: which marks open and close a quotation, and the top-level
//! quotations of a paragraph, found in one pass.
//!
//! Two styles ([`QuoteStyle`]): `Double` (the default) reads “…”, "…", «…» and „…“
//! as quotations and leaves single quotes to the text; `Single` (British style) reads
//! ‘…’ as the quotations, with double marks nested inside. In `Single` a ‘ opens only
//! after a non-letter and a ’ closes only before a non-letter, so apostrophes
//! ("don’t", "Roe’s") stay text. `auto` picks `Single` for a document whose ‘ openers
//! outnumber its double opening marks ([`detect`]). A plural possessive ("the
//! ministers’ view") inside a single-quoted quotation ends it: write `quote_marks`
//! and an override, or use double marks, where that matters.

/// Which marks are a document's quotation marks.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum QuoteStyle {
    Double,
    Single,
}

/// Is `c` an opening double mark?
fn double_closers(open: char) -> Option<&'static [char]> {
    match open {
        '\u{201C}' => Some(&['\u{201D}']),
        '\u{201E}' => Some(&['\u{201C}', '\u{201D}']),
        '\u{00AB}' => Some(&['\u{00BB}']),
        '"' => Some(&['"']),
        _ => None,
    }
}

/// Is `c` a mark that may open a quotation in any style (for sentence starts)?
pub fn is_opening_mark(c: char) -> bool {
    double_closers(c).is_some() || c == '\u{2018}'
}

/// Is `c` a closing quotation mark?
pub fn is_closing_mark(c: char) -> bool {
    matches!(c, '\u{201D}' | '\u{201C}' | '\u{00BB}' | '"' | '\u{2019}')
}

/// The style of a document: `Single` when more quotations open with ‘ (after a
/// non-letter) outside double marks than open with a double mark outside ‘…’.
pub fn detect(text: &str) -> QuoteStyle {
    let (mut single, mut double) = (0usize, 0usize);
    let (mut in_single, mut in_double) = (false, false);
    let mut prev_alnum = false;
    let mut it = text.chars().peekable();
    while let Some(c) = it.next() {
        // Letters and digits between marks: only whether they are alphanumeric counts.
        if c.is_ascii_alphanumeric() {
            prev_alnum = true;
            continue;
        }
        match c {
            '\u{2018}' if !prev_alnum => {
                if !in_double {
                    single += 1;
                }
                in_single = true;
            }
            '\u{2019}' if !it.peek().is_some_and(|n| n.is_alphanumeric()) => in_single = false,
            '\u{201C}' | '\u{00AB}' | '\u{201E}' => {
                if !in_single {
                    double += 1;
                }
                in_double = true;
            }
            '\u{201D}' | '\u{00BB}' => in_double = false,
            '"' => {
                if !in_double && !in_single {
                    double += 1;
                }
                in_double = !in_double;
            }
            '\n' => (in_single, in_double) = (false, false),
            _ => {}
        }
        prev_alnum = c.is_alphanumeric();
    }
    if single > double {
        QuoteStyle::Single
    } else {
        QuoteStyle::Double
    }
}

/// A top-level quotation in a paragraph.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct QuoteSpan {
    /// Byte offset of the opening mark.
    pub open: usize,
    /// Byte offset just after the opening mark.
    pub inner_start: usize,
    /// Byte offset of the closing mark (the paragraph end when unclosed).
    pub inner_end: usize,
    /// Byte offset just after the closing mark.
    pub close_end: usize,
}

/// Top-level quotations of `text[start..end]` in `style`; quotations nested inside
/// are part of them; an unclosed one runs to `end`. One pass, a stack of open marks.
pub fn quotations(text: &str, start: usize, end: usize, style: QuoteStyle) -> Vec<QuoteSpan> {
    let mut out = Vec::new();
    let mut stack: Vec<(char, usize, usize)> = Vec::new();
    let Some(para) = text.get(start..end) else { return out };
    let mut prev: Option<char> = None;
    let mut it = para.char_indices().peekable();
    while let Some((i, c)) = it.next() {
        // Most characters neither open nor close a quotation: every mark but `"` is
        // outside ASCII.
        if c.is_ascii() && c != '"' {
            prev = Some(c);
            continue;
        }
        let at = start + i;
        let next = it.peek().map(|&(_, n)| n);
        let top = stack.last().map(|&(o, _, _)| o);
        let closes = match top {
            Some('\u{2018}') => c == '\u{2019}' && !next.is_some_and(char::is_alphanumeric),
            Some(o) => double_closers(o).is_some_and(|cl| cl.contains(&c)),
            None => false,
        };
        if closes {
            if let Some((_, open, inner_start)) = stack.pop() {
                if stack.is_empty() {
                    out.push(QuoteSpan { open, inner_start, inner_end: at, close_end: at + c.len_utf8() });
                }
            }
        } else {
            let opens = match c {
                '\u{2018}' => style == QuoteStyle::Single && !prev.is_some_and(char::is_alphanumeric),
                c => double_closers(c).is_some(),
            };
            if opens {
                stack.push((c, at, at + c.len_utf8()));
            }
        }
        prev = Some(c);
    }
    if let Some(&(_, open, inner_start)) = stack.first() {
        out.push(QuoteSpan { open, inner_start, inner_end: end, close_end: end });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nested_and_russian_quotes() {
        let t = "«Он сказал „нет“ и ушёл», — сказал Крутских.";
        let q = quotations(t, 0, t.len(), QuoteStyle::Double);
        assert_eq!(q.len(), 1);
        assert_eq!(&t[q[0].inner_start..q[0].inner_end], "Он сказал „нет“ и ушёл");
    }

    #[test]
    fn unclosed_quote_runs_to_end() {
        let t = "He said “no more";
        let q = quotations(t, 0, t.len(), QuoteStyle::Double);
        assert_eq!(q[0].inner_end, t.len());
    }

    #[test]
    fn single_style_keeps_apostrophes() {
        let t = "‘We don’t accept this “reform”,’ Roe’s aide said.";
        assert_eq!(detect(t), QuoteStyle::Single);
        let q = quotations(t, 0, t.len(), QuoteStyle::Single);
        assert_eq!(q.len(), 1, "{q:?}");
        assert_eq!(&t[q[0].inner_start..q[0].inner_end], "We don’t accept this “reform”,");
        assert!(quotations(t, 0, t.len(), QuoteStyle::Double).len() == 1, "the nested “reform” alone in double style");
    }

    #[test]
    fn american_style_is_double() {
        assert_eq!(detect("“He called it ‘nonsense’,” she said. “Twice.”"), QuoteStyle::Double);
    }
}
