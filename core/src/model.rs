//! The built corpus: documents, statements, references and resolved positions.
//!
//! A [`Corpus`] is made once from metadata and texts by [`crate::corpus::build`] and
//! is immutable afterwards; every other layer (search, timeline, export) reads it.

use crate::date::{DateSpec, PartialDate, Precision};
use crate::meta::{CorpusMeta, DocumentMeta, PositionMeta};
use serde::{Deserialize, Serialize};

/// The name shown for a statement whose speaker nobody named.
pub const UNATTRIBUTED: &str = "Unattributed";

/// What kind of utterance a statement is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum StatementKind {
    /// Words in quotation marks attributed to a speaker.
    Quote,
    /// An answer turn of a Q&A.
    Answer,
    /// A question turn of a Q&A.
    Question,
    /// A speaker's or body's words or position in the outlet's paraphrase.
    Reported,
    /// The outlet's own narration.
    Narration,
}

impl StatementKind {
    pub const ALL: [StatementKind; 5] = [
        StatementKind::Quote,
        StatementKind::Answer,
        StatementKind::Question,
        StatementKind::Reported,
        StatementKind::Narration,
    ];

    pub fn as_str(&self) -> &'static str {
        match self {
            StatementKind::Quote => "quote",
            StatementKind::Answer => "answer",
            StatementKind::Question => "question",
            StatementKind::Reported => "reported",
            StatementKind::Narration => "narration",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str().eq_ignore_ascii_case(s))
    }
}

/// Where a statement's speaker came from, so the doubtful ones can be reviewed
/// first (`Pronoun`, `Nearest`, `Default` are guesses).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Attribution {
    /// The document's own voice by its genre (the outlet's narration, a speech's speaker).
    Voice,
    /// Named in the attribution ("Roe said", "according to Roe").
    #[default]
    Explicit,
    /// A Q&A turn, a transcript speaker label or a dash-dialogue turn.
    Label,
    /// "he"/"she" resolved to the last person of that gender named before.
    Pronoun,
    /// The nearest name, the organisation named before ("the ministry said"), or the
    /// speaker of the quotation before.
    Nearest,
    /// Nothing in the text: the document's first speaker.
    Default,
    /// The text names no one ("according to people familiar with the talks"): no speaker.
    Unnamed,
    /// Set by a curated `[[overrides]]` entry.
    Override,
}

impl Attribution {
    pub fn as_str(&self) -> &'static str {
        match self {
            Attribution::Voice => "voice",
            Attribution::Explicit => "explicit",
            Attribution::Label => "label",
            Attribution::Pronoun => "pronoun",
            Attribution::Nearest => "nearest",
            Attribution::Default => "default",
            Attribution::Unnamed => "unnamed",
            Attribution::Override => "override",
        }
    }

    /// Is the speaker a guess a corpus author should review?
    pub fn needs_review(&self) -> bool {
        matches!(self, Attribution::Pronoun | Attribution::Nearest | Attribution::Default)
    }
}

/// A date mentioned inside a statement ("In March 2022", "since 2011").
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Reference {
    /// The words that name the date, exactly as in the document.
    pub text: String,
    /// Byte span of `text` in the document.
    pub start: usize,
    pub end: usize,
    pub date: PartialDate,
    pub precision: Precision,
    /// Id of the context event it matches, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub event: Option<String>,
}

/// One statement: a contiguous span of one document with one speaker.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Statement {
    /// Stable id: `{document}-{hash of text}` (plus `-{n}` for repeated text).
    pub id: String,
    /// Index into [`Corpus::documents`].
    pub doc: usize,
    pub kind: StatementKind,
    /// Actor id of the speaker, if known.
    pub speaker: Option<String>,
    /// Where the speaker came from.
    #[serde(default)]
    pub attribution: Attribution,
    /// Byte span in the document text; `text == document.text[start..end]`.
    pub start: usize,
    pub end: usize,
    /// Topic ids.
    pub topics: Vec<String>,
    pub references: Vec<Reference>,
}

/// A document with its text byte for byte.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Document {
    pub meta: DocumentMeta,
    pub text: String,
    /// Byte length of the part that is the article (before excluded boilerplate at the end).
    pub body_end: usize,
    /// Excluded byte ranges (boilerplate).
    pub excluded: Vec<(usize, usize)>,
}

/// A curated position with the statements that show it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Position {
    pub meta: PositionMeta,
    /// Date the stance was stated.
    pub date: PartialDate,
    /// The date is a guess (taken from a document whose date is not exact): show it so.
    pub approximate: bool,
    /// Indexes into [`Corpus::statements`], one per quote (in quote order).
    pub statements: Vec<usize>,
}

/// The built, immutable corpus.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Corpus {
    pub meta: CorpusMeta,
    pub documents: Vec<Document>,
    /// All statements, ordered by document then start offset.
    pub statements: Vec<Statement>,
    pub positions: Vec<Position>,
}

impl Position {
    /// The date as words, marked "c." when it is a guess.
    pub fn date_label(&self) -> String {
        if self.approximate {
            format!("c. {}", self.date.label())
        } else {
            self.date.label()
        }
    }
}

impl Corpus {
    /// Statements whose speaker is a guess (pronoun, nearest name, default speaker),
    /// in corpus order: the ones a corpus author should read first.
    pub fn review_list(&self) -> Vec<&Statement> {
        self.statements.iter().filter(|s| s.attribution.needs_review()).collect()
    }

    pub fn statement_text(&self, s: &Statement) -> &str {
        self.documents.get(s.doc).and_then(|d| d.text.get(s.start..s.end)).unwrap_or("")
    }

    pub fn document_of(&self, s: &Statement) -> Option<&Document> {
        self.documents.get(s.doc)
    }

    pub fn statement_date(&self, s: &Statement) -> &DateSpec {
        &self.documents[s.doc].meta.date
    }

    pub fn actor_name<'a>(&'a self, id: &'a str) -> &'a str {
        self.meta.actors.iter().find(|a| a.id == id).map_or(id, |a| a.name.as_str())
    }

    pub fn topic_label<'a>(&'a self, id: &'a str) -> &'a str {
        self.meta.topics.iter().find(|t| t.id == id).map_or(id, |t| t.label.as_str())
    }

    pub fn statement_by_id(&self, id: &str) -> Option<(usize, &Statement)> {
        self.statements.iter().enumerate().find(|(_, s)| s.id == id)
    }

    pub fn document_by_id(&self, id: &str) -> Option<(usize, &Document)> {
        self.documents.iter().enumerate().find(|(_, d)| d.meta.id == id)
    }

    /// A citation ready to copy: outlet, title, date, URL and statement id.
    pub fn citation(&self, s: &Statement) -> String {
        let Some(doc) = self.document_of(s) else { return String::new() };
        let m = &doc.meta;
        let speaker = s.speaker.as_deref().map(|id| self.actor_name(id)).unwrap_or(UNATTRIBUTED);
        let mut out = format!("{speaker}, in “{}”", m.title);
        if !m.outlet.is_empty() {
            out.push_str(&format!(", {}", m.outlet));
        }
        out.push_str(&format!(", {}", m.date.label()));
        if !m.url.is_empty() {
            out.push_str(&format!(", {}", m.url));
        }
        out.push_str(&format!(". Statement {} (bytes {}–{}).", s.id, s.start, s.end));
        out
    }
}
