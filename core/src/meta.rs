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
    /// The quotation marks of every document that does not say (default: detect).
    #[serde(default)]
    pub quote_marks: QuoteMarks,
    /// Curated corrections of single statements; an override always wins.
    #[serde(default)]
    pub overrides: Vec<OverrideMeta>,
}

/// Which marks are a text's quotation marks.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum QuoteMarks {
    /// Single when ‘ openers outnumber double opening marks, else double.
    #[default]
    Auto,
    /// “…”, "…", «…», „…“ (single quotes are text).
    Double,
    /// ‘…’ (British style), with double marks nested inside.
    Single,
}

/// What a document is, which decides whose voice its unattributed prose is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Genre {
    /// Reporting: prose is the outlet's narration.
    Article,
    /// Questions and answers (with `turns`); other prose is the outlet's.
    Interview,
    /// A hearing, panel or press conference with speaker labels.
    Transcript,
    Speech,
    Statement,
    PressRelease,
    Post,
    OpEd,
}

impl Genre {
    /// Whose voice the prose is in: the authors' (`speakers`) or the outlet's.
    pub fn authored(self) -> bool {
        !matches!(self, Genre::Article | Genre::Interview | Genre::Transcript)
    }
}

/// A curated correction of the statement that contains a quote.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OverrideMeta {
    pub quote: QuoteSelector,
    /// Actor id of the speaker; `""` for no speaker.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub speaker: Option<String>,
    /// "quote", "reported", "narration", "question" or "answer".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<crate::model::StatementKind>,
    /// The words are not a statement at all (left out).
    #[serde(default)]
    pub not_statement: bool,
    /// Join the statement with the one after it.
    #[serde(default)]
    pub join_next: bool,
    /// Split the statement before these exact words (inside it).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub split_before: String,
    #[serde(default)]
    pub reason: String,
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
    /// "female" or "male": which pronouns may stand for a person. Empty: either.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub gender: String,
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
    /// `markers` (default): turns open with the markers; `dash`: paragraphs opening
    /// with a dash ("— ") alternate question, answer, question...
    #[serde(default)]
    pub style: TurnStyle,
    /// Exact words opening the first paragraph after the Q&A (a credit line or a
    /// closing paragraph); from there on the text is prose again.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub end: String,
}

/// How Q&A turns are marked.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum TurnStyle {
    #[default]
    Markers,
    Dash,
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
    /// What the document is; default `article` with an `outlet_actor`, `interview`
    /// with `turns`, else `statement` (the speakers' own words).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub genre: Option<Genre>,
    /// This document's quotation marks (default: the corpus's `quote_marks`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub quote_marks: Option<QuoteMarks>,
    /// Transcript speaker labels ("THE CHAIR" = "smith"); labels that are an
    /// actor's name or alias (any case, titles like "MR." left out) need none.
    #[serde(default, skip_serializing_if = "std::collections::BTreeMap::is_empty")]
    pub labels: std::collections::BTreeMap<String, String>,
    /// Parts of the file that are not part of the text (page boilerplate), by quote.
    #[serde(default)]
    pub exclude: Vec<ExcludeMeta>,
    /// Free notes on provenance.
    #[serde(default)]
    pub notes: String,
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
    /// Words just before and after the stretch, when `exact` alone occurs more than once.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub prefix: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub suffix: String,
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

impl DocumentMeta {
    /// The genre, or its default: `article` with an `outlet_actor`, `interview` with
    /// `turns`, `transcript` with `labels`, else `statement`.
    pub fn genre_or_default(&self) -> Genre {
        self.genre.unwrap_or(if !self.labels.is_empty() {
            Genre::Transcript
        } else if self.outlet_actor.is_some() {
            if self.turns.is_some() {
                Genre::Interview
            } else {
                Genre::Article
            }
        } else {
            Genre::Statement
        })
    }
}
