//! The corpus metadata schema: what a corpus author writes in `stance.toml`.
//!
//! The same structure is read from TOML (a corpus folder) and from JSON (a packed
//! corpus, see [`crate::corpus::PackedCorpus`]). Unknown fields are refused so a
//! typo is reported instead of silently ignored. See `docs/corpus-format.md`.

use crate::date::{DateSpec, PartialDate};
use serde::{Deserialize, Serialize};

/// Version of the metadata format this build reads.
pub const FORMAT_VERSION: u32 = 1;

/// The whole of `stance.toml`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CorpusMeta {
    /// Format version; must be [`FORMAT_VERSION`].
    pub format: u32,
    pub title: String,
    #[serde(default)]
    pub description: String,
    #[serde(default, rename = "actors")]
    pub actors: Vec<ActorMeta>,
    #[serde(default)]
    pub topics: Vec<TopicMeta>,
    #[serde(default)]
    pub documents: Vec<DocumentMeta>,
    /// Dated context events (not statements) shown on the timeline.
    #[serde(default)]
    pub events: Vec<EventMeta>,
    /// Curated stances of actors on topics.
    #[serde(default)]
    pub positions: Vec<PositionMeta>,
    /// Curated topic tags on statements, added to or overriding the keyword tagging.
    #[serde(default)]
    pub tags: Vec<TagMeta>,
    /// Groups of terms the search treats as one ("OEWG" = "Open-ended Working Group").
    #[serde(default)]
    pub synonyms: Vec<Vec<String>>,
}

/// A person or body that speaks, asks, reports or is reported on.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ActorMeta {
    /// Short stable id (`[a-z0-9-]+`), used everywhere else in the metadata.
    pub id: String,
    /// Display name.
    pub name: String,
    /// Other names and spellings found in the texts ("Krutskih", "Andrei Krutskikh").
    #[serde(default)]
    pub aliases: Vec<String>,
    #[serde(default)]
    pub role: String,
    /// ISO 3166 alpha-2 code, or empty for international bodies.
    #[serde(default)]
    pub country: String,
    /// What kind of actor: "person", "government", "outlet", "organisation".
    #[serde(default)]
    pub kind: String,
}

/// A subject statements speak to.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TopicMeta {
    pub id: String,
    pub label: String,
    #[serde(default)]
    pub description: String,
    /// Words and phrases that tag a statement with this topic (matched case-insensitively
    /// on word boundaries; a trailing `*` matches any word starting so).
    #[serde(default)]
    pub keywords: Vec<String>,
}

/// Which actor speaks the `Question:` and `Answer:` turns of a Q&A document.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TurnsMeta {
    /// Marker opening a question turn, e.g. "Question:".
    #[serde(default = "default_question_marker")]
    pub question_marker: String,
    /// Marker opening an answer turn, e.g. "Answer:".
    #[serde(default = "default_answer_marker")]
    pub answer_marker: String,
    /// Actor id of the questioner.
    pub question: String,
    /// Actor id of the one who answers.
    pub answer: String,
}

fn default_question_marker() -> String {
    "Question:".into()
}
fn default_answer_marker() -> String {
    "Answer:".into()
}

/// One document of the corpus.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DocumentMeta {
    /// Short stable id used in statement ids and URLs.
    pub id: String,
    /// File name of the text, relative to the corpus folder.
    pub file: String,
    pub title: String,
    #[serde(default)]
    pub outlet: String,
    /// Actor id of the outlet, the speaker of narration.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub outlet_actor: Option<String>,
    #[serde(default)]
    pub url: String,
    #[serde(default)]
    pub author: String,
    #[serde(default)]
    pub interviewer: String,
    /// BCP 47 language tag of the text: "en", "ru".
    #[serde(default = "default_language")]
    pub language: String,
    pub date: DateSpec,
    /// Actor ids of the people whose words the document carries, main speaker first.
    /// Quotes whose speaker the text does not name are given to the first.
    #[serde(default)]
    pub speakers: Vec<String>,
    /// For question-and-answer documents.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub turns: Option<TurnsMeta>,
    /// Parts of the file that are not part of the text (page boilerplate), by quote.
    #[serde(default)]
    pub exclude: Vec<ExcludeMeta>,
    /// Free notes on provenance.
    #[serde(default)]
    pub notes: String,
    /// Topic ids every statement of the document has, besides those its words give it
    /// (an imported timeline's groups arrive this way).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub topics: Vec<String>,
    /// The whole text is one statement (a timeline entry, a caption), not cut into
    /// quotations and sentences. Its speaker is the first of `speakers`, if any.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub whole: bool,
}

fn default_language() -> String {
    "en".into()
}

/// A stretch of a document that is not part of its text.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExcludeMeta {
    /// Exact text of the stretch; it must occur once in the document.
    pub exact: String,
    /// Excluded too: everything from the stretch to the end of the document.
    #[serde(default)]
    pub to_end: bool,
    #[serde(default)]
    pub reason: String,
}

/// A dated event the texts refer to, shown as context on the timeline.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EventMeta {
    pub id: String,
    pub date: PartialDate,
    /// True when only the month (or an approximate day) is known.
    #[serde(default)]
    pub approximate: bool,
    pub label: String,
    #[serde(default)]
    pub source: String,
    #[serde(default)]
    pub topics: Vec<String>,
    /// Words that, when a statement mentions them, link the statement to this event.
    #[serde(default)]
    pub cues: Vec<String>,
}

/// Points at a statement by the words it contains, so it survives re-segmentation.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct QuoteSelector {
    /// Document id.
    pub document: String,
    /// Exact text; must occur exactly once in the document (with prefix/suffix).
    pub exact: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub prefix: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub suffix: String,
}

/// An actor's stance on a topic at a date, shown by statements.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PositionMeta {
    pub id: String,
    pub actor: String,
    pub topic: String,
    /// Short stance label: "supports binding UN rules".
    pub stance: String,
    /// Direction on the topic: -2 (strongly against) ..= 2 (strongly for); 0 neutral.
    #[serde(default)]
    pub polarity: i8,
    /// When the stance was stated; defaults to the date of its first quote's document.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<PartialDate>,
    #[serde(default)]
    pub summary: String,
    pub quotes: Vec<QuoteSelector>,
}

/// Curated topic tags on the statement that contains a quote.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TagMeta {
    pub quote: QuoteSelector,
    #[serde(default)]
    pub add: Vec<String>,
    #[serde(default)]
    pub remove: Vec<String>,
}
