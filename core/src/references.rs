//! Dates mentioned inside statements. (Placeholder; replaced by the full extractor.)

use crate::date::DateSpec;
use crate::meta::EventMeta;
use crate::model::Reference;

/// Dated references in `text[start..end]`.
pub fn extract(_text: &str, _start: usize, _end: usize, _doc_date: &DateSpec, _events: &[EventMeta]) -> Vec<Reference> {
    Vec::new()
}
