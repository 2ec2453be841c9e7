//! The reader screen's view model: [`reader`] gives a document's [`ReaderView`] (title,
//! outlet, date, and its text cut into [`Run`]s: excluded boilerplate, the selected
//! statement, the rest), exactly as the text is.

use crate::model::Corpus;

/// What the reader shows of one document.
#[derive(Clone, Debug, PartialEq)]
pub struct ReaderView {
    pub title: String,
    pub outlet: String,
    pub date: String,
    pub runs: Vec<Run>,
}

/// The reader for document `doc_id`, with statement `selected` (an id) marked when it is
/// in that document; `None` when the corpus has no such document.
pub fn reader(c: &Corpus, doc_id: &str, selected: Option<&str>) -> Option<ReaderView> {
    let (di, d) = c.document_by_id(doc_id)?;
    let span = selected.and_then(|s| c.statement_by_id(s)).filter(|(_, s)| s.doc == di).map(|(_, s)| (s.start, s.end));
    Some(ReaderView {
        title: d.meta.title.clone(),
        outlet: d.meta.outlet.clone(),
        date: d.meta.date.label(),
        runs: runs_with_selection(&d.text, &d.excluded, span),
    })
}

/// A run of the document's text, and whether it is excluded boilerplate.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Run {
    pub text: String,
    pub excluded: bool,
    /// The run is the selected statement.
    pub selected: bool,
}

/// Cuts `text` into runs by the excluded byte ranges and the selected statement's span.
pub fn runs_with_selection(text: &str, excluded: &[(usize, usize)], selected: Option<(usize, usize)>) -> Vec<Run> {
    let base = runs(text, excluded);
    let Some((a, b)) = selected.filter(|(a, b)| a < b && *b <= text.len()) else { return base };
    let mut out = Vec::new();
    let mut at = 0;
    for r in base {
        let (start, end) = (at, at + r.text.len());
        at = end;
        let (sa, sb) = (a.clamp(start, end), b.clamp(start, end));
        if sa >= sb || !r.text.is_char_boundary(sa - start) || !r.text.is_char_boundary(sb - start) {
            out.push(r);
            continue;
        }
        let pieces = [(start, sa, false), (sa, sb, true), (sb, end, false)];
        for (x, y, sel) in pieces {
            if x < y {
                out.push(Run { text: r.text[x - start..y - start].to_string(), excluded: r.excluded, selected: sel });
            }
        }
    }
    out
}

/// Cuts `text` into runs by the excluded byte ranges (sorted, in bounds).
pub fn runs(text: &str, excluded: &[(usize, usize)]) -> Vec<Run> {
    let mut out = Vec::new();
    let mut at = 0;
    for &(a, b) in excluded {
        let (a, b) = (a.clamp(at, text.len()), b.clamp(at, text.len()));
        if let (Some(before), Some(ex)) = (text.get(at..a), text.get(a..b)) {
            if !before.is_empty() {
                out.push(Run { text: before.to_string(), excluded: false, selected: false });
            }
            if !ex.is_empty() {
                out.push(Run { text: ex.to_string(), excluded: true, selected: false });
            }
            at = b;
        }
    }
    if let Some(rest) = text.get(at..) {
        if !rest.is_empty() {
            out.push(Run { text: rest.to_string(), excluded: false, selected: false });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn runs_split_on_excluded_ranges() {
        let r = runs("abcdef", &[(2, 4)]);
        assert_eq!(r.iter().map(|r| (r.text.as_str(), r.excluded)).collect::<Vec<_>>(), [("ab", false), ("cd", true), ("ef", false)]);
        // Out-of-range and backwards ranges never panic.
        let r = runs("abc", &[(5, 9), (2, 1)]);
        assert_eq!(r.iter().map(|r| r.text.as_str()).collect::<String>(), "abc");
    }

    #[test]
    fn the_selected_statement_is_its_own_run_and_the_text_is_kept_whole() {
        let r = runs_with_selection("abcdef", &[(4, 5)], Some((1, 5)));
        assert_eq!(r.iter().map(|r| r.text.as_str()).collect::<String>(), "abcdef");
        let sel: Vec<(&str, bool)> = r.iter().filter(|r| r.selected).map(|r| (r.text.as_str(), r.excluded)).collect();
        assert_eq!(sel, [("bcd", false), ("e", true)]);
        // A span inside a character, or out of range, selects nothing.
        let r = runs_with_selection("“x”", &[], Some((1, 2)));
        assert!(r.iter().all(|r| !r.selected));
        assert!(runs_with_selection("ab", &[], Some((1, 9))).iter().all(|r| !r.selected));
    }
}
