//! Topic tagging from keywords. (Placeholder; replaced by the full tagger.)

use crate::meta::TopicMeta;

/// Topic ids whose keywords occur in `text`.
pub fn tag(text: &str, topics: &[TopicMeta]) -> Vec<String> {
    let lower = text.to_lowercase();
    topics
        .iter()
        .filter(|t| t.keywords.iter().any(|k| lower.contains(&k.trim_end_matches('*').to_lowercase())))
        .map(|t| t.id.clone())
        .collect()
}
