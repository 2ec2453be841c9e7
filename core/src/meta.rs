//! The corpus metadata schema: what a corpus author writes in `stance.toml`.
//!
//! The same structure is read from TOML (a corpus folder) and from JSON (a packed
//! corpus, see [`crate::corpus::PackedCorpus`]). Unknown fields are refused so a
//! typo is reported instead of silently ignored. See `docs/corpus-format.md`.
//! [`toml_lines`] (feature `toml`) finds the line of every value of a `stance.toml`
//! from the parser's spans, for problems to point at.

use crate::date::{DateSpec, PartialDate};
use serde::{Deserialize, Serialize};
#[cfg(feature = "toml")]
use crate::error::{LineIndex, MetaLines};

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

/// The line of every value in a `stance.toml`, from the TOML parser's own spans
/// ([`toml::Spanned`]), keyed by path as [`MetaLines`] documents. Collected in one walk
/// over the parsed document, so it is linear in the size of the file. Text that is not
/// valid TOML gives no lines (its syntax error is reported by the schema parse).
#[cfg(feature = "toml")]
pub fn toml_lines(text: &str) -> MetaLines {
    let mut out = MetaLines::default();
    if let Ok(root) = toml::from_str::<spans::Inner>(text) {
        let index = LineIndex::new(text);
        let mut path = String::new();
        spans::walk(&root, &mut path, &index, &mut out);
    }
    out
}

/// A tree of spans mirroring a TOML document: each value's start, and its children.
#[cfg(feature = "toml")]
mod spans {
    use super::{LineIndex, MetaLines};
    use serde::de::{Deserialize, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
    use std::fmt;

    /// Prefix of the private keys through which toml hands over datetimes and spans.
    const TOML_PRIVATE: &str = "$__toml_private";

    /// A value and the byte offset where it starts.
    pub struct Node {
        start: usize,
        inner: Inner,
    }

    /// A value's children.
    pub enum Inner {
        Leaf,
        Table(Vec<(String, Node)>),
        Array(Vec<Node>),
    }

    impl<'de> Deserialize<'de> for Node {
        fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
            let spanned = toml::Spanned::<Inner>::deserialize(d)?;
            Ok(Node { start: spanned.span().start, inner: spanned.into_inner() })
        }
    }

    impl<'de> Deserialize<'de> for Inner {
        fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
            d.deserialize_any(InnerVisitor)
        }
    }

    struct InnerVisitor;

    impl<'de> Visitor<'de> for InnerVisitor {
        type Value = Inner;

        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("any TOML value")
        }
        fn visit_bool<E>(self, _: bool) -> Result<Inner, E> {
            Ok(Inner::Leaf)
        }
        fn visit_i64<E>(self, _: i64) -> Result<Inner, E> {
            Ok(Inner::Leaf)
        }
        fn visit_u64<E>(self, _: u64) -> Result<Inner, E> {
            Ok(Inner::Leaf)
        }
        fn visit_f64<E>(self, _: f64) -> Result<Inner, E> {
            Ok(Inner::Leaf)
        }
        fn visit_str<E>(self, _: &str) -> Result<Inner, E> {
            Ok(Inner::Leaf)
        }
        fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Inner, A::Error> {
            let mut items = Vec::new();
            while let Some(n) = seq.next_element::<Node>()? {
                items.push(n);
            }
            Ok(Inner::Array(items))
        }
        fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Inner, A::Error> {
            let mut entries = Vec::new();
            while let Some(key) = map.next_key::<String>()? {
                if key.starts_with(TOML_PRIVATE) {
                    // A datetime: a leaf, whatever toml wraps it in.
                    map.next_value::<IgnoredAny>()?;
                    return Ok(Inner::Leaf);
                }
                let value = map.next_value::<Node>()?;
                entries.push((key, value));
            }
            Ok(Inner::Table(entries))
        }
    }

    /// Records the line of every value under `inner`, whose path is `path`.
    pub fn walk(inner: &Inner, path: &mut String, index: &LineIndex, out: &mut MetaLines) {
        let len = path.len();
        match inner {
            Inner::Leaf => {}
            Inner::Table(entries) => {
                for (key, node) in entries {
                    if !path.is_empty() {
                        path.push('.');
                    }
                    path.push_str(key);
                    visit(node, path, index, out);
                    path.truncate(len);
                }
            }
            Inner::Array(items) => {
                for (i, node) in items.iter().enumerate() {
                    use std::fmt::Write;
                    let _ = write!(path, "[{i}]");
                    visit(node, path, index, out);
                    path.truncate(len);
                }
            }
        }
    }

    fn visit(node: &Node, path: &mut String, index: &LineIndex, out: &mut MetaLines) {
        out.insert(path.clone(), index.line(node.start));
        walk(&node.inner, path, index, out);
    }
}

#[cfg(all(test, feature = "toml"))]
mod tests {
    use super::*;

    #[test]
    fn lines_point_at_each_value_not_at_the_first_same_words() {
        let text = "format = 1\ntitle = \"bob\"\n\n[[actors]]\nid = \"bob\"\nname = \"Bob\"\n\n[[documents]]\nid = \"d\"\nspeakers = [\n  \"anna\",\n  \"bob\",\n]\ndate = { best = \"2020\" }\n";
        let lines = toml_lines(text);
        assert_eq!(lines.line("title"), Some(2));
        assert_eq!(lines.line("actors[0].id"), Some(5));
        assert_eq!(lines.line("documents[0].speakers[1]"), Some(12));
        assert_eq!(lines.line("documents[0].date.best"), Some(14));
        assert_eq!(lines.line("documents[0].turns.question"), lines.line("documents[0]"));
        assert!(lines.line("documents[0]").is_some_and(|l| (8..=9).contains(&l)), "{:?}", lines.line("documents[0]"));
    }

    #[test]
    fn bad_toml_gives_no_lines_and_datetimes_are_leaves() {
        assert!(toml_lines("title = \"unclosed\n").is_empty());
        let lines = toml_lines("a = 2022-11-03\nb = { c = 1979-05-27T07:32:00Z }\nd = 1\n");
        assert_eq!(lines.line("d"), Some(3));
        assert_eq!(lines.line("b"), Some(2));
    }
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
