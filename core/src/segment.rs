//! Cutting a document into statements.
//!
//! [`segment`] turns one [`Document`] into [`Statement`]s, each a contiguous, trimmed,
//! non-overlapping byte span with one speaker and a [`StatementKind`]:
//!
//! 1. The body (text before `body_end`, minus `excluded` ranges) is cut into
//!    paragraphs (lines).
//! 2. In a Q&A document (`turns` in the metadata) a line opening with a turn marker
//!    starts a question or an answer turn; each paragraph of a turn is one statement
//!    (marker excluded), spoken by the turn's actor.
//! 3. Other paragraphs are scanned for top-level quotations ([`QuoteSpan`]: “…”, "…",
//!    «…», „…“; single quotes and quotes nested inside are part of the quotation).
//!    A quotation is *speech* when it opens a sentence, follows a colon, or is followed
//!    by an attribution ("…,” he said", "…», — сказал Крутских"); speech becomes a
//!    `quote` statement of the quoted words. Other quotations (scare quotes, partial
//!    quotes worked into a sentence) stay inside their sentence.
//! 4. The text between speech quotations is cut into sentences; a sentence with a
//!    reporting cue ("according to", "complained", "believes"...) or about a named
//!    person is `reported` (speaker from the text, see [`Speakers`]); the rest is
//!    `narration`, spoken by the document's `outlet_actor`.
//!
//! Speakers are found through actor names and aliases on word boundaries; "he" is the
//! last person named before; when the text names no one, the document's first
//! `speakers` entry is used. Ids are `{document}-{8 hex of FNV-1a 64 of the text}`,
//! with `-2`, `-3`... for repeated text, so they survive rebuilds.

use crate::meta::{CorpusMeta, DocumentMeta};
use crate::model::{Document, Statement, StatementKind};
use crate::tagging::Folded;

/// Verbs that attribute an adjacent quotation to its speaker.
pub const SPEECH_VERBS: &[&str] = &[
    "said", "says", "say", "added", "adds", "vowed", "vows", "stated", "states", "noted", "notes", "told", "explained",
    "stressed", "insisted", "warned", "replied", "continued", "asked", "argued", "declared", "concluded", "sighed",
    "сказал", "сказала", "заявил", "заявила", "добавил", "добавила", "отметил", "отметила", "подчеркнул",
    "подчеркнула", "говорит", "пояснил", "пояснила", "сообщил", "сообщила",
];

/// Words and phrases that make a sentence someone's reported words or position.
pub const REPORT_CUES: &[&str] = &[
    "according to", "complained", "complains", "accused", "accuses", "accuse", "rejects", "rejected", "praises",
    "praised", "thinks", "believes", "believe", "admits", "admitted", "insists", "argues", "claims", "claimed",
    "denies", "denied", "warns", "warned", "vowed", "says", "said", "stressed", "по словам", "по мнению", "считает",
    "заявил", "заявила", "заявили", "обвинил", "обвинили", "обвиняет", "отметил", "отметила", "сказал", "сказала",
];

/// Cues after which the speaker is named (rather than before).
pub const CUES_NAMING_AFTER: &[&str] = &["according to", "по словам", "по мнению"];

/// Pronouns that stand for the last person named.
pub const PERSON_PRONOUNS: &[&str] = &["he", "she", "он", "она"];

/// How many words after a closing quotation mark may hold its speech verb.
pub const ATTRIBUTION_VERB_WINDOW: usize = 3;
/// How many words after the speech verb may hold the speaker's name.
pub const ATTRIBUTION_NAME_WINDOW: usize = 4;

/// Abbreviations whose period does not end a sentence.
const ABBREVIATIONS: &[&str] = &["mr", "mrs", "ms", "dr", "st", "prof", "gen", "jr", "sr", "vs", "no", "approx", "etc", "т", "г"];

/// Statements of document number `doc_index`, in text order.
pub fn segment(doc_index: usize, doc: &Document, meta: &CorpusMeta) -> Vec<Statement> {
    let speakers = Speakers::new(doc, meta);
    let mut drafts = Vec::new();
    let mut turn: Option<Turn> = None;
    for (start, end) in paragraphs(doc) {
        match turn_paragraph(&doc.text, start, end, &doc.meta, &mut turn) {
            Some(d) => drafts.extend(d),
            None => drafts.extend(Paragraph { text: &doc.text, start, end, speakers: &speakers }.drafts()),
        }
    }
    finish(doc_index, doc, drafts)
}

/// A statement before it has an id.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Draft {
    start: usize,
    end: usize,
    kind: StatementKind,
    speaker: Option<String>,
}

// ------------------------------------------------------------------ paragraphs

/// Largest char boundary of `text` at or before `i`.
pub fn floor_boundary(text: &str, i: usize) -> usize {
    let mut i = i.min(text.len());
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// `(start, end)` moved inwards past whitespace (and past `extra` chars).
fn trim_span(text: &str, start: usize, end: usize, extra: &[char]) -> (usize, usize) {
    let Some(s) = text.get(start..end) else { return (start, start) };
    let skip = |c: char| c.is_whitespace() || extra.contains(&c);
    let trimmed_start = s.trim_start_matches(skip);
    let a = start + (s.len() - trimmed_start.len());
    let b = a + trimmed_start.trim_end_matches(skip).len();
    (a, b)
}

/// Byte ranges of the body that are text: before `body_end`, outside `excluded`.
fn body_regions(doc: &Document) -> Vec<(usize, usize)> {
    let text = &doc.text;
    let end = floor_boundary(text, doc.body_end);
    let mut cuts: Vec<(usize, usize)> = doc.excluded.iter().map(|&(a, b)| (floor_boundary(text, a), floor_boundary(text, b))).collect();
    cuts.sort_unstable();
    let mut out = Vec::new();
    let mut pos = 0;
    for (a, b) in cuts {
        if a > pos {
            out.push((pos, a.min(end)));
        }
        pos = pos.max(b);
    }
    if pos < end {
        out.push((pos, end));
    }
    out.retain(|&(a, b)| a < b);
    out
}

/// Trimmed, non-empty lines of the body.
fn paragraphs(doc: &Document) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    for (a, b) in body_regions(doc) {
        let mut pos = a;
        for line in doc.text[a..b].split('\n') {
            let (s, e) = trim_span(&doc.text, pos, pos + line.len(), &[]);
            if e > s {
                out.push((s, e));
            }
            pos += line.len() + 1;
        }
    }
    out
}

// ------------------------------------------------------------------ Q&A turns

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Turn {
    Question,
    Answer,
}

/// The statement of a Q&A paragraph, updating the current turn; `None` when the
/// document has no turns or no turn has started yet.
fn turn_paragraph(text: &str, start: usize, end: usize, meta: &DocumentMeta, turn: &mut Option<Turn>) -> Option<Vec<Draft>> {
    let turns = meta.turns.as_ref()?;
    let para = &text[start..end];
    let mut body_start = start;
    for (marker, t) in [(&turns.question_marker, Turn::Question), (&turns.answer_marker, Turn::Answer)] {
        let marker = marker.trim();
        if !marker.is_empty() && para.starts_with(marker) {
            *turn = Some(t);
            body_start = start + marker.len();
            break;
        }
    }
    let t = (*turn)?;
    let (a, b) = trim_span(text, body_start, end, &[]);
    if a >= b {
        return Some(Vec::new());
    }
    let (kind, speaker) = match t {
        Turn::Question => (StatementKind::Question, &turns.question),
        Turn::Answer => (StatementKind::Answer, &turns.answer),
    };
    Some(vec![Draft { start: a, end: b, kind, speaker: Some(speaker.clone()) }])
}

// ------------------------------------------------------------------ quotations

/// A top-level quotation in a paragraph.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct QuoteSpan {
    /// Byte offset of the opening mark.
    pub open: usize,
    /// Byte offset just after the opening mark.
    pub inner_start: usize,
    /// Byte offset of the closing mark (the paragraph end when unclosed).
    pub inner_end: usize,
    /// Byte offset just after the closing mark.
    pub close_end: usize,
}

/// Opening marks and the marks that close them.
fn closers_of(open: char) -> Option<&'static [char]> {
    match open {
        '\u{201C}' => Some(&['\u{201D}']),
        '\u{201E}' => Some(&['\u{201C}', '\u{201D}']),
        '\u{00AB}' => Some(&['\u{00BB}']),
        '"' => Some(&['"']),
        _ => None,
    }
}

/// Top-level quotations of `text[start..end]`; nested quotations are inside them.
pub fn quotations(text: &str, start: usize, end: usize) -> Vec<QuoteSpan> {
    let mut out = Vec::new();
    let mut stack: Vec<(char, usize, usize)> = Vec::new();
    let Some(para) = text.get(start..end) else { return out };
    for (i, c) in para.char_indices() {
        let at = start + i;
        let closes = stack.last().and_then(|&(o, _, _)| closers_of(o)).is_some_and(|cl| cl.contains(&c));
        if closes {
            if let Some((_, open, inner_start)) = stack.pop() {
                if stack.is_empty() {
                    out.push(QuoteSpan { open, inner_start, inner_end: at, close_end: at + c.len_utf8() });
                }
            }
        } else if closers_of(c).is_some() {
            stack.push((c, at, at + c.len_utf8()));
        }
    }
    if let Some(&(_, open, inner_start)) = stack.first() {
        out.push(QuoteSpan { open, inner_start, inner_end: end, close_end: end });
    }
    out
}

// ------------------------------------------------------------------ words

/// A word (run of letters and digits) with its byte span.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Word {
    pub start: usize,
    pub end: usize,
    pub lower: String,
}

/// Words of `text[start..end]`.
pub fn words(text: &str, start: usize, end: usize) -> Vec<Word> {
    let mut out = Vec::new();
    let Some(s) = text.get(start..end) else { return out };
    let mut cur: Option<usize> = None;
    for (i, c) in s.char_indices().chain(std::iter::once((s.len(), ' '))) {
        match (c.is_alphanumeric(), cur) {
            (true, None) => cur = Some(i),
            (false, Some(a)) => {
                out.push(Word { start: start + a, end: start + i, lower: s[a..i].to_lowercase() });
                cur = None;
            }
            _ => {}
        }
    }
    out
}

/// Index of the first word where the phrase `cue` (lowercase words) starts.
fn find_phrase(ws: &[Word], cue: &str) -> Option<usize> {
    let parts: Vec<&str> = cue.split_whitespace().collect();
    if parts.is_empty() || parts.len() > ws.len() {
        return None;
    }
    (0..=ws.len() - parts.len()).find(|&i| parts.iter().enumerate().all(|(k, p)| ws[i + k].lower == *p))
}

// ------------------------------------------------------------------ speakers

/// A place where an actor is named.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Mention {
    start: usize,
    end: usize,
    actor: String,
    person: bool,
}

/// Who speaks: actor mentions of a document and the document's defaults.
pub struct Speakers {
    mentions: Vec<Mention>,
    /// The document's main speaker (`speakers[0]`).
    default: Option<String>,
    /// The speaker of narration (`outlet_actor`).
    outlet: Option<String>,
}

impl Speakers {
    /// Finds every actor name and alias in the document (case-sensitive, word-bounded;
    /// the longest wins where names overlap).
    pub fn new(doc: &Document, meta: &CorpusMeta) -> Self {
        let folded = Folded::new(&doc.text, 0, false);
        let mut all = Vec::new();
        for a in &meta.actors {
            let person = a.kind == "person";
            for name in std::iter::once(&a.name).chain(&a.aliases) {
                for (start, end) in folded.find_all(name.trim_end_matches(crate::tagging::PREFIX_MARK)) {
                    all.push(Mention { start, end, actor: a.id.clone(), person });
                }
            }
        }
        all.sort_by(|x, y| x.start.cmp(&y.start).then(y.end.cmp(&x.end)));
        let mut mentions: Vec<Mention> = Vec::with_capacity(all.len());
        for m in all {
            if mentions.last().is_none_or(|l| m.start >= l.end) {
                mentions.push(m);
            }
        }
        Self { mentions, default: doc.meta.speakers.first().cloned(), outlet: doc.meta.outlet_actor.clone() }
    }

    fn within(&self, start: usize, end: usize) -> impl Iterator<Item = &Mention> {
        self.mentions.iter().filter(move |m| m.start >= start && m.end <= end)
    }

    /// The last person named before byte `at`, else the document's main speaker.
    fn last_person(&self, at: usize) -> Option<String> {
        self.mentions.iter().rev().find(|m| m.person && m.end <= at).map(|m| m.actor.clone()).or_else(|| self.default.clone())
    }

    /// The actor named nearest before `at` inside `[from, at)`, stepping back over
    /// a coordination ("Washington and London" gives Washington).
    fn nearest_before(&self, text: &str, from: usize, at: usize) -> Option<&Mention> {
        let list: Vec<&Mention> = self.within(from, at).collect();
        let mut i = list.len().checked_sub(1)?;
        while i > 0 {
            let gap = text.get(list[i - 1].end..list[i].start).unwrap_or("").trim();
            if !matches!(gap, "and" | "," | "и" | "&") {
                break;
            }
            i -= 1;
        }
        Some(list[i])
    }
}

/// Is word `w` a pronoun for a person?
fn is_pronoun(w: &Word) -> bool {
    PERSON_PRONOUNS.contains(&w.lower.as_str())
}

// ------------------------------------------------------------------ paragraphs of prose

/// One paragraph of prose (not a Q&A turn).
struct Paragraph<'a> {
    text: &'a str,
    start: usize,
    end: usize,
    speakers: &'a Speakers,
}

impl Paragraph<'_> {
    fn drafts(&self) -> Vec<Draft> {
        let quotes = quotations(self.text, self.start, self.end);
        let mut out = Vec::new();
        let mut cursor = self.start;
        let mut after_quote: Option<Option<String>> = None;
        let mut last_quote_speaker: Option<String> = None;
        for (qi, q) in quotes.iter().enumerate() {
            if !self.is_speech(q) {
                continue;
            }
            let embedded: Vec<QuoteSpan> = quotes[..qi].iter().filter(|e| e.open >= cursor).copied().collect();
            out.extend(self.prose(cursor, q.open, &embedded, after_quote.take()));
            let speaker = self.quote_speaker(q, last_quote_speaker.as_deref());
            let (a, b) = trim_span(self.text, q.inner_start, q.inner_end, &[',']);
            if a < b {
                out.push(Draft { start: a, end: b, kind: StatementKind::Quote, speaker: speaker.clone() });
            }
            last_quote_speaker = speaker.clone();
            after_quote = Some(speaker);
            cursor = q.close_end;
        }
        let rest: Vec<QuoteSpan> = quotes.iter().filter(|e| e.open >= cursor).copied().collect();
        out.extend(self.prose(cursor, self.end, &rest, after_quote));
        out
    }

    /// A quotation is speech when it opens a sentence, follows a colon, or is attributed.
    fn is_speech(&self, q: &QuoteSpan) -> bool {
        let before = self.text[self.start..q.open].trim_end();
        let opens_sentence = before.is_empty() || before.ends_with(['.', '!', '?', ':', '…', '\u{201D}', '\u{00BB}', '"']);
        opens_sentence || self.attribution_verb(q).is_some()
    }

    /// The words after the quotation and the index of its speech verb, when the
    /// quotation is followed by an attribution.
    fn attribution_verb(&self, q: &QuoteSpan) -> Option<(Vec<Word>, usize)> {
        let following = self.text.get(q.close_end..self.end)?;
        let lead = following.trim_start_matches(|c: char| c.is_whitespace() || ATTRIBUTION_PUNCTUATION.contains(&c));
        let from = self.end - lead.len();
        attribution(self.text, from, self.end, self.speakers)
    }

    /// The speaker of a speech quotation.
    fn quote_speaker(&self, q: &QuoteSpan, previous: Option<&str>) -> Option<String> {
        if let Some((ws, vi)) = self.attribution_verb(q) {
            let window_end = ws.get((vi + ATTRIBUTION_NAME_WINDOW).min(ws.len().saturating_sub(1))).map_or(q.close_end, |w| w.end);
            if let Some(m) = self.speakers.within(q.close_end, window_end).next() {
                return Some(m.actor.clone());
            }
            if ws.iter().take(vi + 2).any(is_pronoun) {
                return self.speakers.last_person(q.open);
            }
        }
        let before = self.text[self.start..q.open].trim_end();
        if before.ends_with(':') {
            let from = sentence_start_before(self.text, self.start, q.open);
            if let Some(m) = self.speakers.nearest_before(self.text, from, q.open) {
                return Some(m.actor.clone());
            }
        }
        previous.map(str::to_string).or_else(|| self.speakers.last_person(q.open))
    }

    /// Statements for the prose `[from, to)`; `after_quote` holds the speaker of a
    /// speech quotation just before it, whose attribution the first sentence may be.
    fn prose(&self, from: usize, to: usize, embedded: &[QuoteSpan], mut after_quote: Option<Option<String>>) -> Vec<Draft> {
        let mut out = Vec::new();
        for (a, b) in sentences(self.text, from, to, embedded) {
            let (a, b) = trim_span(self.text, a, b, &[]);
            let a = a + self.text[a..b].len() - self.text[a..b].trim_start_matches(|c: char| c.is_whitespace() || ATTRIBUTION_PUNCTUATION.contains(&c)).len();
            if !self.text[a..b].chars().any(char::is_alphanumeric) {
                continue;
            }
            let d = match after_quote.take() {
                Some(quoted) if attribution(self.text, a, b, self.speakers).is_some() => self.attribution_sentence(a, b, quoted),
                _ => self.sentence(a, b),
            };
            out.push(d);
        }
        out
    }

    /// A sentence that attributes the quotation before it: narration, unless it
    /// goes on to report more of the speaker ("…,” says Krutskih, who admits that…).
    fn attribution_sentence(&self, a: usize, b: usize, quoted: Option<String>) -> Draft {
        let ws = words(self.text, a, b);
        let more = REPORT_CUES
            .iter()
            .filter(|c| !SPEECH_VERBS.contains(c))
            .any(|c| find_phrase(&ws, c).is_some());
        if more {
            return Draft { start: a, end: b, kind: StatementKind::Reported, speaker: quoted.or_else(|| self.speakers.default.clone()) };
        }
        Draft { start: a, end: b, kind: StatementKind::Narration, speaker: self.speakers.outlet.clone() }
    }

    /// A sentence of prose: reported (with its speaker) or narration.
    fn sentence(&self, a: usize, b: usize) -> Draft {
        let reported = |speaker| Draft { start: a, end: b, kind: StatementKind::Reported, speaker };
        let ws = words(self.text, a, b);
        let cue = REPORT_CUES.iter().filter_map(|c| find_phrase(&ws, c).map(|i| (i, *c))).min();
        if let Some((ci, cue)) = cue {
            return reported(self.cue_speaker(&ws, ci, cue, a, b));
        }
        if let Some(m) = self.speakers.within(a, b).find(|m| m.person) {
            return reported(Some(m.actor.clone()));
        }
        if ws.first().is_some_and(is_pronoun) {
            return reported(self.speakers.last_person(a));
        }
        Draft { start: a, end: b, kind: StatementKind::Narration, speaker: self.speakers.outlet.clone() }
    }

    /// The speaker of a reported sentence whose cue is word `ci`.
    fn cue_speaker(&self, ws: &[Word], ci: usize, cue: &str, a: usize, b: usize) -> Option<String> {
        let cue_start = ws[ci].start;
        if CUES_NAMING_AFTER.contains(&cue) {
            if let Some(m) = self.speakers.within(cue_start, b).next() {
                return Some(m.actor.clone());
            }
        }
        let named = self.speakers.nearest_before(self.text, a, cue_start);
        let pronoun = ws[..ci].iter().rev().find(|w| is_pronoun(w));
        match (named, pronoun) {
            (Some(m), Some(p)) if p.start > m.end => self.speakers.last_person(p.start),
            (Some(m), _) => Some(m.actor.clone()),
            (None, Some(p)) => self.speakers.last_person(p.start),
            (None, None) => self.speakers.default.clone(),
        }
    }
}

/// Punctuation between a quotation and its attribution.
const ATTRIBUTION_PUNCTUATION: &[char] = &[',', '—', '–', '-', ':', ';'];

/// Words that may stand before a speech verb besides names and pronouns.
const ATTRIBUTION_FILLERS: &[&str] = &["the", "a", "an"];

/// When `text[from..to]` opens with an attribution ("said Krutskikh", "he vowed",
/// "the Foreign Ministry said"): its words (to the end of the sentence) and the
/// index of the speech verb.
fn attribution(text: &str, from: usize, to: usize, speakers: &Speakers) -> Option<(Vec<Word>, usize)> {
    let rest = text.get(from..to)?;
    let sentence_end = rest.find(['.', '!', '?', '\u{201C}', '\u{00AB}']).unwrap_or(rest.len());
    let ws = words(text, from, from + sentence_end);
    let vi = ws.iter().take(ATTRIBUTION_VERB_WINDOW).position(|w| SPEECH_VERBS.contains(&w.lower.as_str()))?;
    let named = |w: &Word| is_pronoun(w) || ATTRIBUTION_FILLERS.contains(&w.lower.as_str()) || speakers.mentions.iter().any(|m| m.start <= w.start && w.end <= m.end);
    ws[..vi].iter().all(named).then_some((ws, vi))
}

/// Start of the sentence holding byte `at`, not before `floor`.
fn sentence_start_before(text: &str, floor: usize, at: usize) -> usize {
    let s = text.get(floor..at).unwrap_or("");
    s.rfind(['.', '!', '?']).map_or(floor, |i| floor + i + 1)
}

/// Sentences of `text[from..to]`; the quotations in `embedded` are never cut.
fn sentences(text: &str, from: usize, to: usize, embedded: &[QuoteSpan]) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let Some(s) = text.get(from..to) else { return out };
    let mut start = from;
    let mut iter = s.char_indices().peekable();
    while let Some((i, c)) = iter.next() {
        let at = from + i;
        if let Some(q) = embedded.iter().find(|q| q.open == at) {
            // Skip the quotation; it ends the sentence if its words do.
            let inner = text.get(q.inner_start..q.inner_end).unwrap_or("").trim_end();
            while iter.peek().is_some_and(|&(j, _)| from + j < q.close_end) {
                iter.next();
            }
            if inner.ends_with(['.', '!', '?', '…']) && next_starts_sentence(text, q.close_end, to) {
                out.push((start, q.close_end));
                start = q.close_end;
            }
            continue;
        }
        let end = at + c.len_utf8();
        if matches!(c, '.' | '!' | '?' | '…') && !is_abbreviation(text, start, at) && next_starts_sentence(text, end, to) {
            out.push((start, end));
            start = end;
        }
    }
    if start < to {
        out.push((start, to));
    }
    out
}

/// Is the text after `at` whitespace then something that opens a sentence?
fn next_starts_sentence(text: &str, at: usize, to: usize) -> bool {
    let Some(rest) = text.get(at..to) else { return false };
    let trimmed = rest.trim_start();
    if trimmed.len() == rest.len() {
        return false;
    }
    trimmed.chars().next().is_some_and(|c| c.is_uppercase() || c.is_numeric() || closers_of(c).is_some() || c == '\u{2018}')
}

/// Is the period at `dot` part of an abbreviation ("U.S.", "Mr.", an initial)?
fn is_abbreviation(text: &str, floor: usize, dot: usize) -> bool {
    if text.as_bytes().get(dot) != Some(&b'.') {
        return false;
    }
    let before = text.get(floor..dot).unwrap_or("");
    let word_start = before.rfind(|c: char| !c.is_alphanumeric()).map_or(0, |i| i + before[i..].chars().next().map_or(1, char::len_utf8));
    let word = &before[word_start..];
    let prev = before[..word_start].chars().next_back();
    word.chars().count() == 1 || prev == Some('.') || ABBREVIATIONS.contains(&word.to_lowercase().as_str())
}

// ------------------------------------------------------------------ ids

/// FNV-1a, 64 bits.
pub fn fnv1a64(bytes: &[u8]) -> u64 {
    const OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
    const PRIME: u64 = 0x0000_0100_0000_01b3;
    bytes.iter().fold(OFFSET, |h, &b| (h ^ u64::from(b)).wrapping_mul(PRIME))
}

/// The stable id of a statement with text `text` in document `doc_id`.
pub fn statement_id(doc_id: &str, text: &str) -> String {
    let h = fnv1a64(text.as_bytes());
    format!("{doc_id}-{:08x}", (h >> 32) as u32 ^ h as u32)
}

/// Orders drafts, drops empty or overlapping ones and gives them ids.
fn finish(doc_index: usize, doc: &Document, mut drafts: Vec<Draft>) -> Vec<Statement> {
    drafts.sort_by_key(|d| (d.start, d.end));
    let mut out: Vec<Statement> = Vec::with_capacity(drafts.len());
    let mut seen = std::collections::HashMap::<String, usize>::new();
    let mut last_end = 0;
    for d in drafts {
        if d.start >= d.end || d.start < last_end || doc.text.get(d.start..d.end).is_none() {
            continue;
        }
        last_end = d.end;
        let base = statement_id(&doc.meta.id, &doc.text[d.start..d.end]);
        let n = seen.entry(base.clone()).or_insert(0);
        *n += 1;
        let id = if *n == 1 { base } else { format!("{base}-{n}") };
        out.push(Statement { id, doc: doc_index, kind: d.kind, speaker: d.speaker, start: d.start, end: d.end, topics: Vec::new(), references: Vec::new() });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fnv_known_values() {
        assert_eq!(fnv1a64(b""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(fnv1a64(b"a"), 0xaf63_dc4c_8601_ec8c);
    }

    #[test]
    fn nested_and_russian_quotes() {
        let t = "«Он сказал „нет“ и ушёл», — сказал Крутских.";
        let q = quotations(t, 0, t.len());
        assert_eq!(q.len(), 1);
        assert_eq!(&t[q[0].inner_start..q[0].inner_end], "Он сказал „нет“ и ушёл");
    }

    #[test]
    fn unclosed_quote_runs_to_end() {
        let t = "He said “no more";
        let q = quotations(t, 0, t.len());
        assert_eq!(q[0].inner_end, t.len());
    }

    #[test]
    fn abbreviations_do_not_end_sentences() {
        let t = "The U.S. elections were held. Then more.";
        let s = sentences(t, 0, t.len(), &[]);
        assert_eq!(s.len(), 2);
    }
}
