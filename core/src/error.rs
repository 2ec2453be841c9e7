//! Problems found in a corpus, as a person should read them.
//!
//! - [`Problem`]: one problem, with its [`ProblemKind`] (what a program matches on),
//!   the file and line (what a person looks at), the message and the fix.
//! - [`CorpusErrors`]: every problem of a corpus that failed to load.
//! - [`MetaLines`]: where each value of the metadata file is, by path
//!   (`documents[2].speakers[0]`), filled from the TOML parser's spans when the
//!   metadata came from a `stance.toml` and empty for a packed corpus (which has no
//!   TOML text), so problems point at the offending key when there is one to point at.
//! - [`LineIndex`]: byte offset to line, in logarithmic time.

use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::fmt;

/// What kind of problem a [`Problem`] is. Each case a corpus author can meet has its
/// own kind, so tools and tests match on the kind, never on the message's words.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ProblemKind {
    /// The corpus folder, or its `stance.toml`, cannot be read.
    MetaUnreadable,
    /// `stance.toml` is not valid TOML (an unclosed string, a missing `=`...).
    TomlSyntax,
    /// The metadata is well-formed but does not fit the schema: an unknown field, a
    /// missing required field, a value of the wrong type, a date that is not a date.
    BadMetadata,
    /// A packed corpus is not JSON, or not the JSON of a packed corpus.
    NotPacked,
    /// A packed corpus was made by another version of the format, or is not one.
    PackedVersion,
    /// `format` names a version this build does not read.
    UnsupportedFormat,
    /// The corpus has no `title`.
    NoTitle,
    /// An id has characters other than `a-z`, `0-9`, `-`, `_` (or is empty or too long).
    InvalidId,
    /// Two actors (topics, documents, events, positions) have the same id.
    DuplicateId,
    /// An actor id is used but no `[[actors]]` entry defines it.
    UnknownActor,
    /// A topic id is used but no `[[topics]]` entry defines it.
    UnknownTopic,
    /// A quote selector names a document id that no `[[documents]]` entry defines.
    UnknownDocument,
    /// A document's `date` is incoherent (a range the best date is outside of, an
    /// exact date with a range, no best date though the date is not unknown).
    BadDate,
    /// A document's `file` is not a plain file name in the corpus folder.
    BadFileName,
    /// A document's file does not exist.
    MissingFile,
    /// A file exists but is not a regular file inside the folder: a symlink, a
    /// directory, a device, a FIFO or a socket.
    NotRegularFile,
    /// A file (or a packed corpus) is larger than the limit.
    FileTooLarge,
    /// A file cannot be read (permissions, I/O error).
    FileUnreadable,
    /// A text file is not UTF-8.
    NotUtf8,
    /// A quote selector (position, tag, exclude) matches nothing in its document.
    QuoteNotFound,
    /// A quote selector matches more than once.
    QuoteAmbiguous,
    /// A quote selector matches words from more than one statement.
    QuoteSpansStatements,
    /// A position has no quotes.
    PositionWithoutQuotes,
    /// A position's polarity is outside -2..=2.
    PolarityOutOfRange,
    /// A position has no date and its document is undated.
    PositionUndated,
    /// A Q&A document's turn marker opens no line of its text, so the interview
    /// would silently be read as prose.
    TurnMarkerMissing,
}

/// One problem in a corpus: what kind, where it is, what is wrong, and what to do.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Problem {
    pub kind: ProblemKind,
    /// File the problem is in, relative to the corpus folder (or the packed file's name).
    pub file: String,
    /// 1-based line, when known.
    pub line: Option<usize>,
    /// What is wrong.
    pub message: String,
    /// What to do about it.
    pub fix: String,
}

impl Problem {
    pub fn new(kind: ProblemKind, file: impl Into<String>, line: Option<usize>, message: impl Into<String>, fix: impl Into<String>) -> Self {
        Self { kind, file: file.into(), line, message: message.into(), fix: fix.into() }
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.line {
            Some(line) => write!(f, "{}:{}: {}", self.file, line, self.message)?,
            None => write!(f, "{}: {}", self.file, self.message)?,
        }
        if !self.fix.is_empty() {
            write!(f, " (fix: {})", self.fix)?;
        }
        Ok(())
    }
}

/// All problems found in a corpus; a corpus with any is not loaded.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CorpusErrors(pub Vec<Problem>);

impl CorpusErrors {
    /// Just one problem.
    pub fn one(problem: Problem) -> Self {
        Self(vec![problem])
    }
}

impl fmt::Display for CorpusErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, p) in self.0.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            write!(f, "{p}")?;
        }
        Ok(())
    }
}

impl std::error::Error for CorpusErrors {}

/// Byte offsets to 1-based lines: the line starts are found once, then each lookup is
/// a binary search, so reporting many problems stays linear in the text.
#[derive(Clone, Debug, Default)]
pub struct LineIndex {
    /// Byte offset where each line after the first starts.
    starts: Vec<usize>,
}

impl LineIndex {
    pub fn new(source: &str) -> Self {
        Self::from_bytes(source.as_bytes())
    }

    pub fn from_bytes(source: &[u8]) -> Self {
        Self { starts: source.iter().enumerate().filter(|(_, &b)| b == b'\n').map(|(i, _)| i + 1).collect() }
    }

    /// 1-based line of byte `offset` (an offset past the end is on the last line).
    pub fn line(&self, offset: usize) -> usize {
        self.starts.partition_point(|&s| s <= offset) + 1
    }
}

/// Where the values of a metadata file are: the 1-based line of each path, written
/// as in `documents[2].date.best` (keys joined by `.`, array elements by `[i]`).
///
/// A lookup that finds no line for a path falls back to the nearest enclosing value
/// (`documents[2].date.best` → `documents[2].date` → `documents[2]`), so a problem
/// about a value that the author left out points at the table it is missing from.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct MetaLines {
    lines: HashMap<String, usize>,
}

impl MetaLines {
    /// Records the line of `path`.
    pub fn insert(&mut self, path: String, line: usize) {
        self.lines.insert(path, line);
    }

    /// True when no line is known (a packed corpus).
    pub fn is_empty(&self) -> bool {
        self.lines.is_empty()
    }

    /// Line of `path`, else of the nearest enclosing path that has one.
    pub fn line(&self, path: &str) -> Option<usize> {
        let mut p = path;
        loop {
            if let Some(&line) = self.lines.get(p) {
                return Some(line);
            }
            p = &p[..p.rfind(['.', '['])?];
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_index_agrees_with_counting_newlines() {
        let text = "a\nbb\n\nccc\n";
        let idx = LineIndex::new(text);
        for off in 0..=text.len() + 2 {
            let counted = text.as_bytes()[..off.min(text.len())].iter().filter(|&&b| b == b'\n').count() + 1;
            assert_eq!(idx.line(off), counted, "offset {off}");
        }
    }

    #[test]
    fn meta_lines_fall_back_to_the_enclosing_value() {
        let mut m = MetaLines::default();
        m.insert("documents[1]".into(), 7);
        m.insert("documents[1].date".into(), 9);
        assert_eq!(m.line("documents[1].date.best"), Some(9));
        assert_eq!(m.line("documents[1].speakers[0]"), Some(7));
        assert_eq!(m.line("documents[10].id"), None, "documents[10] is not documents[1]");
        assert_eq!(m.line("actors[0].id"), None);
    }

    #[test]
    fn display_keeps_file_line_message_fix() {
        let p = Problem::new(ProblemKind::UnknownActor, "stance.toml", Some(3), "who?", "add it");
        assert_eq!(p.to_string(), "stance.toml:3: who? (fix: add it)");
        let p = Problem::new(ProblemKind::NotUtf8, "a.txt", None, "bad", "");
        assert_eq!(p.to_string(), "a.txt: bad");
    }
}

/// A character that must not reach a terminal or a line-based format as it is: a
/// control character (C0, DEL, C1), a line or paragraph separator, or a bidirectional
/// override or isolate.
pub fn is_unsafe_char(c: char) -> bool {
    c.is_control() || matches!(c, '\u{2028}' | '\u{2029}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// `text` made safe to print on a terminal or into a line-based format: control
/// characters (C0, DEL, C1), line and paragraph separators, and bidirectional
/// overrides and isolates (U+202A–202E, U+2066–2069) are written as Rust escapes
/// (`\u{1b}`, `\n`), so text from a corpus can neither move the cursor, recolour the
/// terminal, end a line early, nor reorder what is shown. With `keep_line_breaks`,
/// `\n` and `\r\n` (and tabs) pass, for multi-line output such as CSV.
pub fn escape_controls(text: &str, keep_line_breaks: bool) -> std::borrow::Cow<'_, str> {
    let unsafe_char = |c: char, next: Option<char>| {
        let kept = keep_line_breaks && (c == '\n' || c == '\t' || (c == '\r' && next == Some('\n')));
        !kept && is_unsafe_char(c)
    };
    let mut chars = text.chars().peekable();
    let mut any = false;
    while let Some(c) = chars.next() {
        if unsafe_char(c, chars.peek().copied()) {
            any = true;
            break;
        }
    }
    if !any {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 16);
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if unsafe_char(c, chars.peek().copied()) {
            out.extend(c.escape_default());
        } else {
            out.push(c);
        }
    }
    std::borrow::Cow::Owned(out)
}

#[cfg(test)]
mod escape_tests {
    use super::escape_controls;

    #[test]
    fn control_and_bidi_characters_are_escaped() {
        let hostile = "a\u{1b}[2J\u{7}b\u{7f}c\u{9b}31m\u{202E}txt\u{2066}d\u{2069}\u{2028}e\r\nf\tg\n\u{0}";
        let safe = escape_controls(hostile, false);
        assert_eq!(safe, "a\\u{1b}[2J\\u{7}b\\u{7f}c\\u{9b}31m\\u{202e}txt\\u{2066}d\\u{2069}\\u{2028}e\\r\\nf\\tg\\n\\u{0}");
        assert!(safe.chars().all(|c| !c.is_control() && !('\u{2000}'..='\u{206F}').contains(&c)), "{safe}");
        let lines = escape_controls(hostile, true);
        assert!(lines.contains("e\r\nf\tg\n\\u{0}") && lines.contains("\\u{1b}") && lines.contains("\\u{202e}"), "{lines:?}");
        assert_eq!(escape_controls("lone\rreturn", true), "lone\\rreturn");
    }

    #[test]
    fn ordinary_text_is_not_copied() {
        for text in ["", "Крутских: «Мы против» — “yes” 😀 e\u{301}", "عربي"] {
            assert!(matches!(escape_controls(text, false), std::borrow::Cow::Borrowed(_)), "{text}");
        }
    }
}
