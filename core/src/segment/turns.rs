//! Turns: paragraphs whose speaker is given by a marker, a dash or a label rather than
//! by the prose.
//!
//! - **Markers** (`[documents.turns]`, the default style): a paragraph opening with
//!   `question_marker` or `answer_marker` starts a question or answer turn; the
//!   paragraphs after it continue the turn.
//! - **Dash dialogue** (`style = "dash"`): a paragraph opening with a dash (—, – or
//!   "- ") starts a turn; turns alternate question, answer, question... from the
//!   first dash paragraph on; paragraphs without a dash continue the turn.
//! - Both end at the paragraph opening with the `end` words (a credit line or a
//!   closing paragraph); from there on the text is prose again.
//! - **Transcript labels** (`genre = "transcript"` or `labels`): a paragraph opening
//!   with a label and a colon ("THE CHAIR:", "MR. ROE:", "Jane Roe:") is that
//!   speaker's. A label is matched, ignoring case, full stops and titles (Mr, Mrs, Ms,
//!   Dr, Senator...), against the document's `labels`, then against each actor's name
//!   and aliases, then their last word (a surname shared by two actors needs a
//!   label). A following paragraph without a label continues the speaker. An
//!   all-capitals label that matches nobody is reported. A turn ending in "?" is a
//!   `question`, any other an `answer`.

use super::{trim_span, Draft, SegmentProblem, SpeakerId};
use crate::error::ProblemKind;
use crate::meta::{CorpusMeta, Genre, TurnStyle, TurnsMeta};
use crate::model::{Attribution, Document, StatementKind};
use std::collections::HashMap;

/// Titles left out when matching a label to a name.
const TITLES: &[&str] = &[
    "mr", "mrs", "ms", "miss", "mx", "dr", "prof", "professor", "senator", "sen", "rep", "representative", "the",
    "chairman", "chairwoman", "chairperson", "commissioner", "judge", "justice", "minister", "sir", "dame", "lord",
    "lady", "ambassador", "secretary", "general", "господин", "госпожа", "г-н", "г-жа",
];

/// Longest label, in bytes.
const MAX_LABEL: usize = 60;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Turn {
    Question,
    Answer,
}

/// The turn state of one document.
pub struct Turns<'a> {
    qa: Option<&'a TurnsMeta>,
    /// Transcript labels: the document's own (normalised) to actor ids, before the
    /// actors' names; `None` when not a transcript.
    labels: Option<(HashMap<String, SpeakerId>, &'a ActorLabels)>,
    /// The questioner and the one who answers in a Q&A.
    qa_who: Option<(SpeakerId, SpeakerId)>,
    turn: Option<Turn>,
    /// The speaker of the current transcript turn.
    speaker: Option<(Option<SpeakerId>, Attribution)>,
    over: bool,
    seen_marker: bool,
    seen_end: bool,
    unknown: Vec<String>,
    /// The same labels, to look them up.
    unknown_seen: std::collections::HashSet<String>,
    /// Found by [`Turns::detect`] rather than declared: unknown labels are not reported.
    quiet: bool,
}

/// A label as matching sees it: lowercase words without titles and full stops.
fn normalise(label: &str) -> String {
    let lower = label.to_lowercase();
    let ws: Vec<&str> = lower.split(|c: char| !c.is_alphanumeric() && c != '-').filter(|w| !w.is_empty()).collect();
    let kept: Vec<&str> = ws.iter().copied().filter(|w| !TITLES.contains(w)).collect();
    if kept.is_empty() { ws.join(" ") } else { kept.join(" ") }
}

/// The labels the actors' names and aliases give (normalised), with their last words
/// when only one actor has that last word: made once per corpus.
pub struct ActorLabels(HashMap<String, SpeakerId>);

impl ActorLabels {
    pub fn new(meta: &CorpusMeta) -> Self {
        let mut map: HashMap<String, SpeakerId> = HashMap::new();
        let mut last_words: HashMap<String, Option<String>> = HashMap::new();
        for a in &meta.actors {
            for n in std::iter::once(&a.name).chain(&a.aliases) {
                let key = normalise(n);
                if key.is_empty() {
                    continue;
                }
                map.entry(key.clone()).or_insert_with(|| a.id.as_str().into());
                if let Some(last) = key.rsplit(' ').next() {
                    let e = last_words.entry(last.to_string()).or_insert_with(|| Some(a.id.clone()));
                    if e.as_deref() != Some(a.id.as_str()) {
                        *e = None;
                    }
                }
            }
        }
        for (w, id) in last_words {
            if let Some(id) = id {
                map.entry(w).or_insert_with(|| id.as_str().into());
            }
        }
        Self(map)
    }
}

impl<'a> Turns<'a> {
    pub fn new(doc: &'a Document, actors: &'a ActorLabels, genre: Genre) -> Self {
        let labels = (genre == Genre::Transcript || !doc.meta.labels.is_empty())
            .then(|| (doc.meta.labels.iter().map(|(label, id)| (normalise(label), id.as_str().into())).collect(), actors));
        let qa_who = doc.meta.turns.as_ref().map(|t| (t.question.as_str().into(), t.answer.as_str().into()));
        Self { qa: doc.meta.turns.as_ref(), labels, qa_who, turn: None, speaker: None, over: false, seen_marker: false, seen_end: false, unknown: Vec::new(), unknown_seen: Default::default(), quiet: false }
    }

    /// Handles the paragraph `text[start..end]` when it belongs to a turn (pushing its
    /// statement); false when it is prose.
    pub fn paragraph(&mut self, text: &str, start: usize, end: usize, out: &mut Vec<Draft>) -> bool {
        let para = &text[start..end];
        if let Some(t) = self.qa {
            if !t.end.trim().is_empty() && para.starts_with(t.end.trim()) {
                self.over = true;
                self.seen_end = true;
                self.turn = None;
            }
            if self.over {
                return false;
            }
            let (opened, body) = match t.style {
                TurnStyle::Markers => {
                    let q = t.question_marker.trim();
                    let a = t.answer_marker.trim();
                    if !q.is_empty() && para.starts_with(q) {
                        (Some(Turn::Question), start + q.len())
                    } else if !a.is_empty() && para.starts_with(a) {
                        (Some(Turn::Answer), start + a.len())
                    } else {
                        (None, start)
                    }
                }
                TurnStyle::Dash => match para.chars().next() {
                    Some(c @ ('—' | '–')) => (Some(self.next_dash()), start + c.len_utf8()),
                    Some('-') if para[1..].starts_with(char::is_whitespace) => (Some(self.next_dash()), start + 1),
                    _ => (None, start),
                },
            };
            if opened.is_some() {
                self.turn = opened;
                self.seen_marker = true;
            }
            let Some(turn) = self.turn else { return false };
            let (a, b) = trim_span(text, body, end, &[]);
            if a < b {
                let (kind, who) = match (turn, &self.qa_who) {
                    (Turn::Question, Some((q, _))) => (StatementKind::Question, Some(q.clone())),
                    (Turn::Answer, Some((_, a))) => (StatementKind::Answer, Some(a.clone())),
                    (Turn::Question, None) => (StatementKind::Question, None),
                    (Turn::Answer, None) => (StatementKind::Answer, None),
                };
                out.push(Draft { start: a, end: b, kind, speaker: who, attribution: Attribution::Label });
            }
            return true;
        }
        if self.labels.is_some() {
            if let Some((body, who)) = self.label(para) {
                self.speaker = Some(who);
                return self.push_turn(text, start + body, end, out);
            }
            if self.speaker.is_some() {
                return self.push_turn(text, start, end, out);
            }
        }
        false
    }

    /// Does a document that says nothing of its form read as a transcript: at least
    /// three paragraphs opening with a label of a known actor, two actors at least?
    /// (Turns made with `Genre::Transcript`.) Reads at most 60 bytes a paragraph.
    pub fn detect(mut self, text: &str, paragraphs: impl IntoIterator<Item = (usize, usize)>) -> Option<Self> {
        let mut hits = 0;
        let mut who: Vec<SpeakerId> = Vec::new();
        for (a, b) in paragraphs {
            if let Some((_, (Some(id), _))) = self.label(&text[a..b]) {
                hits += 1;
                if !who.contains(&id) && who.len() < 2 {
                    who.push(id);
                }
            }
        }
        self.unknown.clear();
        self.unknown_seen.clear();
        self.quiet = true;
        (hits >= 3 && who.len() >= 2).then_some(self)
    }

    fn next_dash(&self) -> Turn {
        match self.turn {
            Some(Turn::Question) => Turn::Answer,
            _ => Turn::Question,
        }
    }

    fn push_turn(&mut self, text: &str, a: usize, b: usize, out: &mut Vec<Draft>) -> bool {
        let (a, b) = trim_span(text, a, b, &[]);
        if a < b {
            let kind = if text[a..b].trim_end_matches(['"', '\u{201D}', '»', ')']).ends_with('?') { StatementKind::Question } else { StatementKind::Answer };
            let (speaker, attribution) = self.speaker.clone().unwrap_or((None, Attribution::Unnamed));
            out.push(Draft { start: a, end: b, kind, speaker, attribution });
        }
        true
    }

    /// The label opening a transcript paragraph: the byte length of the label with its
    /// colon, and its speaker.
    fn label(&mut self, para: &str) -> Option<(usize, (Option<SpeakerId>, Attribution))> {
        let colon = para.char_indices().take_while(|&(i, _)| i <= MAX_LABEL).find(|&(_, c)| c == ':').map(|(i, _)| i)?;
        let label = &para[..colon];
        let first = label.chars().next()?;
        if !first.is_uppercase() || !label.chars().all(|c| c.is_alphabetic() || matches!(c, ' ' | '.' | '-' | '\'' | '\u{2019}')) || label.split_whitespace().count() > 6 {
            return None;
        }
        let key = normalise(label);
        let (own, actors) = self.labels.as_ref()?;
        let id = own.get(&key).or_else(|| actors.0.get(&key)).cloned();
        match id {
            Some(id) => Some((colon + 1, (Some(id), Attribution::Label))),
            None if label.chars().filter(|c| c.is_alphabetic()).count() >= 2 && !label.chars().any(char::is_lowercase) => {
                if self.unknown_seen.insert(label.to_string()) {
                    self.unknown.push(label.to_string());
                }
                Some((colon + 1, (None, Attribution::Unnamed)))
            }
            None => None,
        }
    }

    /// What went wrong: turn markers that never occur, an `end` not found, labels
    /// that match no actor.
    pub fn problems(&self) -> Vec<SegmentProblem> {
        let mut out = Vec::new();
        if let Some(t) = self.qa {
            // Missing markers are checked with the metadata (corpus.rs); dashes here.
            if !self.seen_marker && t.style == TurnStyle::Dash {
                out.push(SegmentProblem {
                    kind: ProblemKind::TurnMarkerMissing,
                    key: "turns.style".into(),
                    message: "no paragraph opens with a dash (—), so the dash dialogue has no turns".into(),
                    fix: "use `style = \"markers\"` with the markers the text uses, or remove `turns`".into(),
                });
            }
            if !t.end.trim().is_empty() && !self.seen_end {
                out.push(SegmentProblem {
                    kind: ProblemKind::TurnsEndMissing,
                    key: "turns.end".into(),
                    message: format!("no paragraph opens with the turns' `end` words '{}'", t.end.trim()),
                    fix: "copy the first words of the paragraph after the Q&A exactly".into(),
                });
            }
        }
        for u in self.unknown.iter().filter(|_| !self.quiet) {
            out.push(SegmentProblem {
                kind: ProblemKind::UnknownSpeakerLabel,
                key: "labels".into(),
                message: format!("the speaker label '{u}:' matches no actor"),
                fix: format!("add `\"{u}\" = \"actor-id\"` under the document's `labels`, or an alias to the actor"),
            });
        }
        out
    }
}
