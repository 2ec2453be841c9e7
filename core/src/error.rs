//! Problems found in a corpus, as a person should read them.

use serde::{Deserialize, Serialize};
use std::fmt;

/// One problem in a corpus: where it is, what is wrong, and what to do.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Problem {
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
    pub fn new(file: impl Into<String>, line: Option<usize>, message: impl Into<String>, fix: impl Into<String>) -> Self {
        Self { file: file.into(), line, message: message.into(), fix: fix.into() }
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

/// 1-based line of byte `offset` in `source`.
pub fn line_of(source: &str, offset: usize) -> usize {
    source.as_bytes()[..offset.min(source.len())].iter().filter(|&&b| b == b'\n').count() + 1
}

/// Line of the first occurrence of `needle` (as a quoted string value) in `source`;
/// used to point a semantic error (unknown actor id...) at the line that holds it.
pub fn line_of_value(source: &str, needle: &str) -> Option<usize> {
    if needle.is_empty() {
        return None;
    }
    let quoted = format!("\"{needle}\"");
    source
        .find(&quoted)
        .or_else(|| source.find(&format!("'{needle}'")))
        .or_else(|| source.find(needle))
        .map(|off| line_of(source, off))
}
