//! Paragraphs of prose: speech quotations and who said them, then the sentences
//! between them, each reported speech (it has a reporting cue) or narration.
//!
//! Everything here is linear in the paragraph: its words are found and lower-cased
//! once, a quotation's attribution is read from a window of a few words after it,
//! sentences walk the quotations with one pointer, and names, pronouns and
//! organisations are looked up by binary search in [`Speakers`].

use super::cues::{self, CueTable, Gender};
use super::names::{word_iter, Speakers};
use super::quotes::{self, QuoteSpan, QuoteStyle};
use super::{trim_span, Draft, SpeakerId};
use crate::model::{Attribution, StatementKind};

/// Who spoke, and how we know.
pub type Who = (Option<SpeakerId>, Attribution);

/// What every paragraph of a document shares.
pub struct Ctx<'a> {
    pub text: &'a str,
    pub speakers: &'a Speakers,
    pub cues: &'a CueTable,
    /// Speaker of the document's own prose (outlet, or the author by genre).
    pub voice: Option<SpeakerId>,
    /// The document's first speaker: the speaker of quotations nothing attributes.
    pub default: Option<SpeakerId>,
    pub style: QuoteStyle,
    /// Prose is the authors' own (speech, statement, op-ed...): what nothing else
    /// attributes is theirs.
    pub authored: bool,
}

/// Carried from one paragraph to the next: state, and memory reused for each paragraph.
#[derive(Default)]
pub struct Carry {
    /// The speaker of a paragraph that ended in a speech quotation.
    last_quote: Option<Who>,
    words: Words,
    sentences: Vec<(usize, usize)>,
}

/// Punctuation between a quotation and its attribution.
pub const ATTRIBUTION_PUNCTUATION: &[char] = &[',', '—', '–', '-', ':', ';', '\u{feff}'];

/// Abbreviations whose period does not end a sentence.
const ABBREVIATIONS: &[&str] = &["mr", "mrs", "ms", "dr", "st", "prof", "gen", "jr", "sr", "vs", "no", "approx", "etc", "rep", "sen", "gov", "lt", "col", "т", "г", "им"];

/// Longest run of non-word text an attribution may span (longer runs end it), so
/// that no window rescans a long run of punctuation or quotation marks.
const MAX_GAP: usize = 64;
/// Most words read back from a quotation for an introducing attribution.
const INTRO_WORDS: usize = 12;

/// Words of a paragraph, lower-cased once into one buffer.
#[derive(Default)]
struct Words {
    spans: Vec<(usize, usize)>,
    /// The lowercase words one after the other; word `i` is `lower[ends[i - 1]..ends[i]]`.
    lower: String,
    ends: Vec<usize>,
}

impl Words {
    /// The words of `text[a..b]` in place of what was there, keeping the memory.
    fn refill(&mut self, text: &str, a: usize, b: usize) {
        self.spans.clear();
        self.lower.clear();
        self.ends.clear();
        self.spans.extend(word_iter(text, a, b));
        for &(x, y) in &self.spans {
            let w = &text[x..y];
            if w.is_ascii() {
                self.lower.extend(w.bytes().map(|b| b.to_ascii_lowercase() as char));
            } else {
                self.lower.push_str(&w.to_lowercase());
            }
            self.ends.push(self.lower.len());
        }
    }

    /// Word `i`, lowercase.
    fn lower(&self, i: usize) -> &str {
        let start = i.checked_sub(1).map_or(0, |p| self.ends[p]);
        &self.lower[start..self.ends[i]]
    }

    /// Word `i`, lowercase, if there is one.
    fn get(&self, i: usize) -> Option<&str> {
        (i < self.ends.len()).then(|| self.lower(i))
    }

    /// Index of the first word starting at or after `at`.
    fn at(&self, at: usize) -> usize {
        self.spans.partition_point(|w| w.0 < at)
    }

    /// Word indexes inside `[a, b)`.
    fn range(&self, a: usize, b: usize) -> std::ops::Range<usize> {
        let lo = self.at(a);
        let hi = self.spans.partition_point(|w| w.1 <= b);
        lo..hi.max(lo)
    }

    /// The first reporting cue among the words `r` (see [`CueTable::first_by`]).
    fn first_cue(&self, cues: &CueTable, r: std::ops::Range<usize>) -> Option<(usize, usize, bool)> {
        cues.first_by(r.len(), &|k| self.lower(r.start + k)).map(|(i, _, n, after)| (i, n, after))
    }
}

/// Does a gap between words end a clause (so an attribution cannot run across it)?
fn gap_breaks(gap: &str, prev_word: Option<&str>, marks_break: bool) -> bool {
    gap.chars().any(|c| match c {
        '.' => !prev_word.is_some_and(|w| ABBREVIATIONS.contains(&w) || w.chars().count() == 1),
        '!' | '?' | '\n' | ';' | '(' | ')' => true,
        c => marks_break && quotes::is_opening_mark(c),
    })
}

/// An attribution read after a quotation or at the start of a sentence.
struct Attr {
    who: Who,
    /// Word index just past the speech verb.
    verb_end: usize,
}

impl Ctx<'_> {
    /// Statements of the paragraph `text[start..end]`.
    pub fn paragraph(&self, start: usize, end: usize, carry: &mut Carry, out: &mut Vec<Draft>) {
        let text = self.text;
        let quotes = quotes::quotations(text, start, end, self.style);
        let mut words = std::mem::take(&mut carry.words);
        words.refill(text, start, end);
        let mut sents = std::mem::take(&mut carry.sentences);
        let mut cursor = start;
        let mut prose_from = 0;
        let mut prev: Option<Who> = None;
        let mut after_quote: Option<(Who, usize)> = None;
        let mut ended_with_quote = false;
        for (qi, q) in quotes.iter().enumerate() {
            let before = text[start..q.open].trim_end();
            let opens_sentence = before.is_empty() || before.ends_with(['.', '!', '?', ':', '…', '\u{201D}', '\u{00BB}', '"', '\u{2019}']);
            let attr = self.attribution_after(&words, q);
            let intro = self.intro(&words, cursor, q.open, prev.as_ref());
            if !(opens_sentence || attr.is_some() || intro.is_some()) {
                continue;
            }
            self.prose(&words, &mut sents, cursor, q.open, &quotes[prose_from..qi], after_quote.take(), out);
            let who = match (&attr, intro) {
                (Some(a), _) => a.who.clone(),
                (None, Some(w)) => w,
                (None, None) => prev
                    .clone()
                    .map(|(s, _)| (s, Attribution::Nearest))
                    .or_else(|| self.speakers.within(start, q.open).iter().rev().find(|m| self.speakers.is_person(m)).map(|m| (Some(self.speakers.id(m)), Attribution::Nearest)))
                    .or_else(|| (q.open == start).then(|| carry.last_quote.clone()).flatten().map(|(s, _)| (s, Attribution::Nearest)))
                    .unwrap_or_else(|| self.default_who()),
            };
            self.quote_parts(&words, q, &who, out);
            prev = Some(who.clone());
            after_quote = attr.map(|a| (who, a.verb_end));
            cursor = q.close_end;
            prose_from = qi + 1;
            ended_with_quote = text[cursor..end].trim().is_empty();
        }
        let before_rest = out.len();
        self.prose(&words, &mut sents, cursor, end, &quotes[prose_from..], after_quote, out);
        carry.last_quote = if ended_with_quote || (out.len() > before_rest && prev.is_some() && out[before_rest..].iter().all(|d| d.kind == StatementKind::Narration)) { prev } else { None };
        carry.words = words;
        carry.sentences = sents;
    }

    fn default_who(&self) -> Who {
        match &self.default {
            Some(d) => (Some(d.clone()), Attribution::Default),
            None => (None, Attribution::Unnamed),
        }
    }

    fn voice_draft(&self, a: usize, b: usize) -> Draft {
        Draft { start: a, end: b, kind: StatementKind::Narration, speaker: self.voice.clone(), attribution: Attribution::Voice }
    }

    /// Is word `i` a name (inside a mention), a pronoun, a filler or an organisation noun?
    fn named(&self, words: &Words, i: usize) -> bool {
        let w = words.lower(i);
        let (a, b) = words.spans[i];
        cues::pronoun(w).is_some()
            || cues::ATTRIBUTION_FILLERS.contains(&w)
            || cues::ORGANISATION_BACKREFS.contains(&w)
            || cues::SPOKES_WORDS.contains(&w)
            || cues::FIRST_PERSON.contains(&w)
            || self.speakers.covers(a, b)
    }

    /// Words from `from` on, up to `max`, not crossing the end of a clause.
    fn window(&self, words: &Words, from_byte: usize, max: usize, hard_end: usize) -> std::ops::Range<usize> {
        self.window_with(words, from_byte, max, hard_end, true)
    }

    /// [`Self::window`]; with `marks_break` false a quotation mark does not end it
    /// (a name in quotation marks inside a description: компании „Мостострой“).
    fn window_with(&self, words: &Words, from_byte: usize, max: usize, hard_end: usize, marks_break: bool) -> std::ops::Range<usize> {
        let first = words.at(from_byte);
        let mut last = first;
        let mut prev_end = from_byte;
        while last < words.spans.len() && last - first < max {
            let (a, b) = words.spans[last];
            if b > hard_end {
                break;
            }
            let prev_word = last.checked_sub(1).filter(|&p| p >= first).map(|p| words.lower(p));
            if a.saturating_sub(prev_end) > MAX_GAP || gap_breaks(&self.text[prev_end..a], prev_word, marks_break) {
                break;
            }
            prev_end = b;
            last += 1;
        }
        first..last
    }

    /// The attribution right after a quotation ("…,” she said", "…», — заявил Петров").
    fn attribution_after(&self, words: &Words, q: &QuoteSpan) -> Option<Attr> {
        // Speech ends in punctuation, inside or after the marks ("…,” she said",
        // "«…», — заявил"); «Мостострой» Игорь Лебедев рассказал is a name, not speech.
        let inner = self.text[q.inner_start..q.inner_end].trim_end();
        let next_word = words.spans.get(words.at(q.close_end)).map_or(q.close_end, |w| w.0);
        // At most MAX_GAP bytes, cut back to a character boundary (a gap of dashes or
        // other multi-byte marks may straddle the limit).
        let gap_end = super::floor_boundary(self.text, next_word.min(q.close_end + MAX_GAP)).max(q.close_end);
        let between = &self.text[q.close_end..gap_end];
        if !inner.ends_with([',', '.', '!', '?', '…', '—', '–']) && !between.contains([',', '—', '–', ':']) {
            return None;
        }
        let end = words.spans.last().map_or(q.close_end, |w| w.1);
        let win = self.window(words, q.close_end, cues::ATTRIBUTION_VERB_WINDOW + cues::ATTRIBUTION_NAME_WINDOW + 1, end);
        self.attribution_in(words, win, q.open)
    }

    /// Reads an attribution whose speech verb is among the first words of `win`.
    fn attribution_in(&self, words: &Words, win: std::ops::Range<usize>, quote_at: usize) -> Option<Attr> {
        let first = win.start;
        let vi = (first..win.end.min(first + cues::ATTRIBUTION_VERB_WINDOW)).find(|&i| cues::is_speech_verb(words.lower(i)))?;
        if !(first..vi).all(|i| self.named(words, i)) {
            return None;
        }
        let name_end = win.end.min(vi + 1 + cues::ATTRIBUTION_NAME_WINDOW);
        let who = self.who_in_words(words, first..vi, vi + 1..name_end, quote_at);
        Some(Attr { who, verb_end: vi + 1 })
    }

    /// Who the words `subject` (before a verb or cue) and `object` (after it) name.
    fn who_in_words(&self, words: &Words, subject: std::ops::Range<usize>, object: std::ops::Range<usize>, at: usize) -> Who {
        let sp = self.speakers;
        let subject = self.subject_phrase(words, subject);
        let byte = |r: &std::ops::Range<usize>| -> Option<(usize, usize)> {
            (r.start < r.end).then(|| (words.spans[r.start].0, words.spans[r.end - 1].1))
        };
        let pick = |a: usize, b: usize, last: bool| {
            let ms = sp.within(a, b);
            let person = if last { ms.iter().rev().find(|m| sp.is_person(m)) } else { ms.iter().find(|m| sp.is_person(m)) };
            let any = if last {
                // "Washington and London have accused": the first of a coordination.
                let mut i = ms.len().checked_sub(1);
                while let Some(k) = i.filter(|&k| k > 0) {
                    let gap = self.text.get(ms[k - 1].end..ms[k].start).unwrap_or("").trim();
                    if !matches!(gap, "and" | "," | "и" | "&") {
                        break;
                    }
                    i = Some(k - 1);
                }
                i.map(|k| &ms[k])
            } else {
                ms.first()
            };
            person.or(any).copied()
        };
        if let Some((a, b)) = byte(&subject) {
            let last_mention = pick(a, b, true);
            // A pronoun speaks when it ends the subject ("he argued", "he has long
            // argued"); "her critics say" is about her critics.
            let pron = subject.clone().rev().find(|&i| !cues::AUXILIARIES.contains(&words.lower(i))).filter(|&i| cues::pronoun(words.lower(i)).is_some());
            if let Some(p) = pron {
                if last_mention.is_none_or(|m| words.spans[p].0 >= m.end) {
                    let next = words.get(p + 1);
                    if next.is_some_and(|n| cues::SPOKES_WORDS.contains(&n)) {
                        return (None, Attribution::Unnamed);
                    }
                    if self.unknown_name_between(words, last_mention.map_or(subject.start, |m| words.at(m.end)).max(subject.start), p) {
                        return (None, Attribution::Unnamed);
                    }
                    return self.pronoun_who(words.lower(p), words.spans[p].0.min(at));
                }
            }
            if let Some(m) = last_mention {
                // "Roe's spokesperson said", "a spokesperson for Roe said": someone
                // speaks for Roe's side; an organisation's spokesperson is the organisation.
                let k = words.at(m.end);
                let first = words.at(m.start);
                let spokes = |i: usize| words.get(i).is_some_and(|w| cues::SPOKES_WORDS.contains(&w));
                let possessive = k + 1 < subject.end && words.lower(k) == "s" && spokes(k + 1);
                let for_whom = first >= subject.start + 2 && matches!(words.lower(first - 1), "for" | "of") && spokes(first - 2);
                if possessive || for_whom {
                    return if sp.is_person(&m) { (None, Attribution::Unnamed) } else { (Some(sp.id(&m)), Attribution::Explicit) };
                }
                return (Some(sp.id(&m)), Attribution::Explicit);
            }
            // "I believe", "we have long argued": the document's own voice.
            let first_person = subject.clone().rev().find(|&i| !cues::AUXILIARIES.contains(&words.lower(i)));
            if first_person.is_some_and(|i| cues::FIRST_PERSON.contains(&words.lower(i))) && self.voice.is_some() {
                return (self.voice.clone(), Attribution::Voice);
            }
            // "two people familiar with the talks", "environmental groups", "engineers we
            // consulted": unnamed, never the document's first speaker (subject_phrase
            // has already cut the subject down to its phrase).
            
            if subject.clone().any(|i| cues::ANONYMOUS.contains(&words.lower(i)) || cues::looks_plural(words.lower(i))) {
                return (None, Attribution::Unnamed);
            }
            if let Some(r) = self.backref(words, subject.clone(), at) {
                return r;
            }
        }
        if let Some((a, b)) = byte(&object) {
            if let Some(m) = pick(a, b, false) {
                return (Some(sp.id(&m)), Attribution::Explicit);
            }
            let first = object.start;
            if let Some(p) = (first..object.end.min(first + 2)).find(|&i| cues::pronoun(words.lower(i)).is_some()) {
                return self.pronoun_who(words.lower(p), at);
            }
            if let Some(r) = self.backref(words, object.clone(), at) {
                return r;
            }
        }
        if subject.len() >= 2 && self.authored {
            return (self.voice.clone(), Attribution::Voice);
        }
        if subject.len() >= 2 {
            // "…, one of the minister's advisers has said": a description the text
            // does not resolve; the document's first speaker, marked for review.
            return self.default_who();
        }
        (None, Attribution::Unnamed)
    }

    /// Are there two capitalised words in a row that name no actor among words
    /// `from..to` (not at the sentence start)? Then "he" may be someone Stance does not
    /// know ("…Donald Trump after he proposed"), and is not guessed.
    fn unknown_name_between(&self, words: &Words, from: usize, to: usize) -> bool {
        let cap = |i: usize| {
            let (a, b) = words.spans[i];
            self.text[a..b].chars().next().is_some_and(char::is_uppercase) && !self.speakers.covers(a, b)
        };
        (from.max(1)..to).any(|i| i > from && cap(i - 1) && cap(i))
    }

    /// The words of `subject` that name who speaks: after the last comma when words
    /// follow it ("In two years as chair, colleagues say"), else before the first
    /// comma ("Jane Roe, chief executive of Acme, said"; "Her critics, including
    /// Sand, say"); all of it when it has no comma.
    fn subject_phrase(&self, words: &Words, subject: std::ops::Range<usize>) -> std::ops::Range<usize> {
        if subject.is_empty() {
            return subject;
        }
        let comma_before = |k: usize| {
            let end = words.spans.get(k).map_or(words.spans[k - 1].1, |w| w.0);
            let gap = &self.text[words.spans[k - 1].1..end];
            gap.len() <= MAX_GAP && gap.contains([',', '—', '–'])
        };
        let commas: Vec<usize> = (subject.start + 1..=subject.end).filter(|&k| comma_before(k)).collect();
        let aux = |i: usize| cues::AUXILIARIES.contains(&words.lower(i));
        match commas.last() {
            None => subject,
            Some(&last) if (last..subject.end).any(|i| !aux(i)) => last..subject.end,
            Some(_) => {
                // "X, who…, said", "With its emphasis on…, X, who…, believes": the first
                // comma-delimited phrase that names someone or some group, leaving out
                // relative clauses and "including…" lists.
                let bounds: Vec<usize> = std::iter::once(subject.start).chain(commas.iter().copied()).collect();
                let segs: Vec<std::ops::Range<usize>> = bounds.windows(2).map(|w| w[0]..w[1]).collect();
                
                let names = |r: &std::ops::Range<usize>| {
                    r.clone().any(|i| {
                        let w = words.lower(i);
                        cues::ANONYMOUS.contains(&w) || cues::looks_plural(w) || cues::pronoun(w).is_some() || self.speakers.covers(words.spans[i].0, words.spans[i].1)
                    })
                };
                segs.iter()
                    .filter(|r| !r.is_empty() && !cues::NOT_SUBJECT_OPENERS.contains(&words.lower(r.start)))
                    .find(|r| names(r))
                    .or(segs.first())
                    .cloned()
                    .unwrap_or(subject)
            }
        }
    }

    /// "the ministry", «пресс-служба»: the organisation named last before `at`.
    fn backref(&self, words: &Words, r: std::ops::Range<usize>, at: usize) -> Option<Who> {
        let hit = r.clone().any(|i| cues::ORGANISATION_BACKREFS.contains(&words.lower(i)) && (i == 0 || i == r.start || matches!(words.lower(i - 1), "the" | "its" | "в" | "a")));
        hit.then(|| match self.speakers.last_org(at) {
            Some(o) => (Some(o), Attribution::Nearest),
            None => (None, Attribution::Unnamed),
        })
    }

    fn pronoun_who(&self, w: &str, at: usize) -> Who {
        let g: Option<Gender> = cues::pronoun(w);
        match self.speakers.last_person(at, g) {
            Some(id) => (Some(id), Attribution::Pronoun),
            None => (None, Attribution::Unnamed),
        }
    }

    /// An attribution that introduces a quotation: the prose between the last speech
    /// quotation (or the paragraph start) and this one is a fragment ending in ',' or
    /// ':' ("she said, “…”", "Roe told reporters: “…”").
    fn intro(&self, words: &Words, cursor: usize, open: usize, prev: Option<&Who>) -> Option<Who> {
        let between = self.text[cursor..open].trim_end();
        if !between.ends_with([',', ':', '—', '–']) {
            return None;
        }
        // The last few words before the quotation, back to the sentence start.
        let hi = words.at(open);
        let floor = words.at(cursor).max(hi.saturating_sub(INTRO_WORDS));
        let mut lo = hi;
        while lo > floor {
            let gap_end = if lo == hi { open } else { words.spans[lo].0 };
            let gap_start = words.spans[lo - 1].1;
            if gap_end - gap_start > MAX_GAP || self.text[gap_start..gap_end].contains(['.', '!', '?']) {
                break;
            }
            lo -= 1;
        }
        if lo == hi {
            return None;
        }
        let r = lo..hi;
        let colon = between.ends_with(':');
        let has_verb = r.clone().any(|i| cues::is_speech_verb(words.lower(i)));
        if !has_verb && !colon {
            return None;
        }
        let vi = r.clone().rev().find(|&i| cues::is_speech_verb(words.lower(i)));
        // "she said, “…”", "as Berg liked to say, “…”": the verb ends the intro.
        if !colon && vi.is_none_or(|v| r.end - v > 3) {
            return None;
        }
        let (subject, object) = match vi {
            Some(v) => (r.start..v, v + 1..r.end),
            None => (r.clone(), r.end..r.end),
        };
        let who = self.who_in_words(words, subject, object, open);
        if who.0.is_none() && who.1 == Attribution::Unnamed {
            if let Some(p) = prev {
                return Some((p.0.clone(), Attribution::Nearest));
            }
            if colon && !has_verb {
                return None;
            }
        }
        Some(who)
    }

    /// The quote statement(s) of a speech quotation; a Russian quotation with its
    /// attribution inside («Первая часть, — сказала она. — Вторая часть») gives two
    /// quotes and the attribution as narration.
    fn quote_parts(&self, words: &Words, q: &QuoteSpan, who: &Who, out: &mut Vec<Draft>) {
        let push_quote = |a: usize, b: usize, who: &Who, out: &mut Vec<Draft>| {
            let (a, b) = trim_span(self.text, a, b, &[',', '—', '–', ':']);
            if a < b && self.text[a..b].chars().any(char::is_alphanumeric) {
                out.push(Draft { start: a, end: b, kind: StatementKind::Quote, speaker: who.0.clone(), attribution: who.1 });
            }
        };
        let mut part_start = q.inner_start;
        let mut who = who.clone();
        let inner = &self.text[q.inner_start..q.inner_end];
        let mut skip_to = q.inner_start;
        for (i, c) in inner.char_indices() {
            let at = q.inner_start + i;
            if at < skip_to || !matches!(c, '—' | '–') {
                continue;
            }
            let before = self.text[part_start..at].trim_end();
            if !before.ends_with([',', '!', '?', '…']) {
                continue;
            }
            let after = at + c.len_utf8();
            let win = self.window(words, after, cues::ATTRIBUTION_VERB_WINDOW + cues::ATTRIBUTION_NAME_WINDOW, q.inner_end);
            let Some(attr) = self.attribution_in(words, win.clone(), q.open) else { continue };
            // The attribution runs to the next dash, within a few words.
            let limit = words.spans.get(win.end).map_or(q.inner_end, |w| w.0).min(q.inner_end);
            let limit = self.text[after..q.inner_end].char_indices().map(|(k, _)| after + k).take_while(|&k| k <= limit + 4).find(|&k| self.text[k..].starts_with(['—', '–']) && k > after);
            let Some(dash2) = limit else { continue };
            // The attribution inside the quotation names the speaker of both parts.
            if attr.who.0.is_some() {
                who = attr.who;
            }
            push_quote(part_start, at, &who, out);
            let (na, nb) = trim_span(self.text, after, dash2, &[',', '.']);
            if na < nb {
                out.push(self.voice_draft(na, nb));
            }
            part_start = dash2 + '—'.len_utf8();
            skip_to = part_start;
        }
        push_quote(part_start, q.inner_end, &who, out);
    }

    /// Statements of the prose `[from, to)`; `after_quote` holds the speaker of the
    /// speech quotation just before and the end of its attribution words.
    #[allow(clippy::too_many_arguments)]
    fn prose(&self, words: &Words, sents: &mut Vec<(usize, usize)>, from: usize, to: usize, embedded: &[QuoteSpan], mut after_quote: Option<(Who, usize)>, out: &mut Vec<Draft>) {
        sentences_into(self.text, from, to, embedded, sents);
        for &(a, b) in sents.iter() {
            let (a, b) = trim_span(self.text, a, b, ATTRIBUTION_PUNCTUATION);
            if a >= b || !self.text[a..b].chars().any(char::is_alphanumeric) {
                continue;
            }
            let r = words.range(a, b);
            let d = match after_quote.take() {
                Some((who, verb_end)) if r.start < verb_end && verb_end <= r.end => self.attribution_sentence(words, a, b, who, verb_end),
                _ => self.sentence(words, a, b),
            };
            out.push(d);
        }
    }

    /// The sentence holding a quotation's attribution: narration, unless it goes on
    /// to report more of the speaker ("…,” says Roe, who admits that…").
    fn attribution_sentence(&self, words: &Words, a: usize, b: usize, who: Who, verb_end: usize) -> Draft {
        if who.0.is_some() && words.first_cue(self.cues, verb_end..words.range(a, b).end).is_some() {
            return Draft { start: a, end: b, kind: StatementKind::Reported, speaker: who.0, attribution: who.1 };
        }
        self.voice_draft(a, b)
    }

    /// A sentence of prose: reported speech when it has a reporting cue, else the
    /// document's voice. An attribution fragment ("Roe wrote.", "he said.") is narration.
    fn sentence(&self, words: &Words, a: usize, b: usize) -> Draft {
        let r = words.range(a, b);
        if r.len() <= cues::FRAGMENT_MAX_WORDS && r.clone().any(|i| cues::is_speech_verb(words.lower(i))) && r.clone().all(|i| cues::is_speech_verb(words.lower(i)) || self.named(words, i)) {
            return self.voice_draft(a, b);
        }
        let Some((ci, n, naming_after)) = words.first_cue(self.cues, r.clone()) else { return self.voice_draft(a, b) };
        let ci = r.start + ci;
        let after_end = words.spans.get(r.end.saturating_sub(1)).map_or(b, |w| w.1);
        let object = self.window_with(words, words.spans.get(ci + n - 1).map_or(b, |w| w.1), cues::AFTER_CUE_WINDOW, after_end, false);
        // The one named after a cue ends at a comma ("according to Roe, the plan…").
        let object = object.start..(object.start..object.end).find(|&k| k > object.start && self.text[words.spans[k - 1].1..words.spans[k].0].contains(',')).unwrap_or(object.end);
        let in_cue = (ci..ci + n).find(|&i| cues::pronoun(words.lower(i)).is_some());
        let who = if let Some(p) = in_cue {
            // «по его словам», «по её словам»
            self.pronoun_who(words.lower(p), words.spans[p].0)
        } else if naming_after {
            self.who_in_words(words, ci..ci, object, a)
        } else if words.lower(ci) == "s" && ci > r.start {
            // "In Roe's view": the name just before.
            match self.speakers.within(words.spans[ci - 1].0, words.spans[ci - 1].1).first() {
                Some(m) => (Some(self.speakers.id(m)), Attribution::Explicit),
                None => self.who_in_words(words, r.start..ci, ci..ci, a),
            }
        } else {
            self.who_in_words(words, r.start..ci, object, a)
        };
        if who.1 == Attribution::Voice {
            return self.voice_draft(a, b);
        }
        Draft { start: a, end: b, kind: StatementKind::Reported, speaker: who.0, attribution: who.1 }
    }
}

/// Sentences of `text[from..to]`; the quotations in `embedded` (in order) are never cut.
pub fn sentences(text: &str, from: usize, to: usize, embedded: &[QuoteSpan]) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    sentences_into(text, from, to, embedded, &mut out);
    out
}

/// [`sentences`] into `out` (cleared first), to reuse its memory.
fn sentences_into(text: &str, from: usize, to: usize, embedded: &[QuoteSpan], out: &mut Vec<(usize, usize)>) {
    out.clear();
    let Some(s) = text.get(from..to) else { return };
    let mut start = from;
    let mut qi = 0;
    let mut iter = s.char_indices().peekable();
    while let Some((i, c)) = iter.next() {
        let at = from + i;
        while embedded.get(qi).is_some_and(|q| q.open < at) {
            qi += 1;
        }
        if let Some(q) = embedded.get(qi).filter(|q| q.open == at) {
            // Skip the quotation; it ends the sentence if its words do.
            while iter.peek().is_some_and(|&(j, _)| from + j < q.close_end) {
                iter.next();
            }
            let inner = text.get(q.inner_start..q.inner_end).unwrap_or("");
            let inner_end = inner.trim_end();
            if inner_end.ends_with(['.', '!', '?', '…']) && q.close_end <= to && next_starts_sentence(text, q.close_end, to) {
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
}

/// Is the text after `at` whitespace then something that opens a sentence?
fn next_starts_sentence(text: &str, at: usize, to: usize) -> bool {
    let Some(rest) = text.get(at..to) else { return false };
    let trimmed = rest.trim_start();
    if trimmed.len() == rest.len() {
        return false;
    }
    trimmed.chars().next().is_some_and(|c| c.is_uppercase() || c.is_numeric() || quotes::is_opening_mark(c) || matches!(c, '—' | '–'))
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
    word.chars().count() == 1 || prev == Some('.') || ABBREVIATIONS.iter().any(|a| word.len() == a.len() && word.to_lowercase() == *a)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn abbreviations_do_not_end_sentences() {
        let t = "The U.S. elections were held. Then more.";
        assert_eq!(sentences(t, 0, t.len(), &[]).len(), 2);
    }
}
