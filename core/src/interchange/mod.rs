//! Formats other tools read and write: citations for reference managers ([`cite`]),
//! TimelineJS files ([`timelinejs`]), and HTML fragments as plain text ([`html`]).
//!
//! Everything here turns outside text into plain data (never HTML for the page) and
//! escapes what it writes for the format that will read it.

pub mod cite;
pub mod html;
pub mod timelinejs;

use crate::corpus::PackedCorpus;
use crate::error::CorpusErrors;

/// A corpus file as the app reads it, and what was left out of it.
#[derive(Clone, Debug)]
pub struct CorpusFile {
    pub packed: PackedCorpus,
    /// One line per thing skipped (a TimelineJS event Stance cannot place...).
    pub skipped: Vec<String>,
}

/// Reads a file a user gives the app: a corpus packed by `stance pack`, or a TimelineJS
/// file (turned into a corpus by [`timelinejs::import`]). A file that is neither is
/// reported with the packed reader's problem, which says what a corpus file must be.
pub fn read_corpus_file(file: &str, json: &str) -> Result<CorpusFile, CorpusErrors> {
    match PackedCorpus::parse(file, json) {
        Ok(packed) => Ok(CorpusFile { packed, skipped: Vec::new() }),
        Err(packed_problem) => {
            // Only a file that is JSON with an `events` list is read as TimelineJS, so
            // the cost of a second parse is paid only by files that failed the first.
            let Ok(value) = serde_json::from_str::<serde_json::Value>(json) else { return Err(packed_problem) };
            if !timelinejs::looks_like_timelinejs(&value) {
                return Err(packed_problem);
            }
            let import = timelinejs::from_value(file, &value)?;
            Ok(CorpusFile { packed: import.packed, skipped: import.skipped.iter().map(ToString::to_string).collect() })
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_packed_and_timelinejs_files_and_says_what_else_is_wrong() {
        let tl = r#"{"events": [{"start_date": {"year": 2020}, "text": {"headline": "H", "text": "Body."}}, {"text": {"headline": "x"}}]}"#;
        let f = read_corpus_file("t.json", tl).unwrap();
        assert_eq!(f.packed.meta.documents.len(), 1);
        assert_eq!(f.skipped.len(), 1);
        let packed = f.packed.to_json();
        let again = read_corpus_file("p.json", &packed).unwrap();
        assert!(again.skipped.is_empty());
        assert_eq!(again.packed.meta, f.packed.meta);
        let err = read_corpus_file("x.json", r#"{"title": "no events"}"#).unwrap_err().to_string();
        assert!(err.contains("not a packed Stance corpus"), "{err}");
    }
}
