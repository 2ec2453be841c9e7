//! Dates mentioned inside statements.
//!
//! [`extract`] finds the dates a statement names and returns them as
//! [`Reference`]s with their byte span, [`PartialDate`] and [`Precision`]:
//!
//! - days: "15 March 2018", "March 15, 2018", "15 марта 2018";
//! - months: "March 2022", "в марте 2022"; a month alone ("published in March") is
//!   taken in the document's year, or the year before when that month is after the
//!   document's month;
//! - years, only where a year is meant: after a preposition ("in 2016", "since 2011",
//!   "с 2011"), before an event noun ("the 2021 Geneva summit", "2016 presidential
//!   election", "2016 году"), or with a month. Years outside [`MIN_YEAR`]..=[`MAX_YEAR`]
//!   and numbers in other places ("84 members") are not dates.
//!
//! - relative to the document's date, when that date is exact: "last year", "this
//!   year", "next year", "two years ago", "last July", "this July", «в прошлом году»,
//!   «в этом году»; «в июне» is a month alone (above). "Two years earlier" (relative
//!   to another date in the text) is left out rather than guessed.
//!
//! A reference is linked to a context event ([`EventMeta`]) when one of the event's
//! cues occurs in the statement and the dates agree, or else when exactly one event
//! falls on the referenced date at the reference's precision.

use crate::date::{DateSpec, PartialDate, Precision};
use crate::meta::EventMeta;
use crate::model::Reference;
use crate::tagging::Folded;

/// Earliest year read as a year.
pub const MIN_YEAR: i32 = 1900;
/// Latest year read as a year.
pub const MAX_YEAR: i32 = 2100;

/// Words after which a four-digit number is a year.
pub const YEAR_PREPOSITIONS: &[&str] = &[
    "in", "since", "from", "by", "until", "till", "before", "after", "of", "during", "between", "and", "to", "through",
    "в", "с", "со", "до", "после", "к", "по", "от", "года", "году",
];

/// Words that, within [`YEAR_NOUN_WINDOW`] words after a number, make it a year.
pub const YEAR_NOUNS: &[&str] = &[
    "summit", "summits", "election", "elections", "presidential", "agreement", "agreements", "meeting", "report",
    "session", "convention", "resolution", "talks", "campaign", "war", "crisis", "law", "treaty", "conference",
    "год", "года", "году", "годы", "годах", "саммит", "саммита", "выборы", "выборов", "выборах",
];

/// How many words after a number may hold a [`YEAR_NOUNS`] word.
pub const YEAR_NOUN_WINDOW: usize = 2;

/// English month names (lowercase) and Russian month stems, January first.
const MONTH_WORDS: [(&str, &[&str]); 12] = [
    ("january", &["январ"]),
    ("february", &["феврал"]),
    ("march", &["март"]),
    ("april", &["апрел"]),
    ("may", &["май", "мая", "мае"]),
    ("june", &["июн"]),
    ("july", &["июл"]),
    ("august", &["август"]),
    ("september", &["сентябр"]),
    ("october", &["октябр"]),
    ("november", &["ноябр"]),
    ("december", &["декабр"]),
];

/// Month number of a word: English names must be capitalised ("May", not "may");
/// Russian months are lowercase and matched by stem. Allocates nothing: it runs on
/// every word of every statement that may hold a date.
pub fn month_of(word: &str) -> Option<u8> {
    let first = word.chars().next()?;
    if word.len() < 3 || word.len() > 20 {
        return None;
    }
    let month = |i: usize| Some(i as u8 + 1);
    if first.is_ascii() {
        // English: capitalised ("May", "MAY"), the whole name.
        if !first.is_ascii_uppercase() || !matches!(first, 'J' | 'F' | 'M' | 'A' | 'S' | 'O' | 'N' | 'D') {
            return None;
        }
        return MONTH_WORDS.iter().position(|(en, _)| word.eq_ignore_ascii_case(en)).and_then(month);
    }
    if !matches!(first, 'я' | 'ф' | 'м' | 'а' | 'и' | 'о' | 'с' | 'н' | 'д' | 'Я' | 'Ф' | 'М' | 'А' | 'И' | 'О' | 'С' | 'Н' | 'Д') {
        return None;
    }
    // Russian: the word lowercased (at most 20 bytes, so at most 20 chars)...
    let mut lower = ['\0'; 24];
    let mut n = 0;
    for c in word.chars().flat_map(char::to_lowercase) {
        *lower.get_mut(n)? = c;
        n += 1;
    }
    let lower = &lower[..n];
    // ...is a three-letter stem, or a longer stem with at most two letters more.
    let is = |stem: &str| {
        let k = stem.chars().count();
        let starts = lower.len() >= k && lower.iter().zip(stem.chars()).all(|(a, b)| *a == b);
        starts && if k == 3 { lower.len() == 3 } else { lower.len() <= k + 2 }
    };
    MONTH_WORDS.iter().position(|(_, ru)| ru.iter().any(|stem| is(stem))).and_then(month)
}

/// A word of a statement: its byte span and its text, lowercased (or as written, for
/// month capitalisation), borrowed from one buffer per statement rather than a string
/// of its own.
#[derive(Clone, Copy, Debug)]
struct Word<'a> {
    start: usize,
    end: usize,
    lower: &'a str,
}

fn number(w: &Word, max_len: usize) -> Option<u32> {
    (w.lower.len() <= max_len && w.lower.bytes().all(|b| b.is_ascii_digit())).then(|| w.lower.parse().ok())?
}

fn year_of(w: &Word) -> Option<i32> {
    let y = number(w, 4)? as i32;
    (w.lower.len() == 4 && (MIN_YEAR..=MAX_YEAR).contains(&y)).then_some(y)
}

fn day_of(w: &Word) -> Option<u8> {
    number(w, 2).filter(|d| (1..=31).contains(d)).map(|d| d as u8)
}

/// A date found among the words: first and last word index, and the date.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Found {
    first: usize,
    last: usize,
    date: PartialDate,
}

/// The date that starts at word `i`, if any. `raw` holds the words as written
/// (for month capitalisation), `ws` the same words lowercased.
fn date_at(raw: &[Word], ws: &[Word], i: usize, doc_date: Option<PartialDate>) -> Option<Found> {
    let month = |k: usize| raw.get(k).and_then(|w| month_of(&w.lower));
    let next = ws.get(i + 1);
    let after = ws.get(i + 2);
    // 15 March 2018 / 15 March
    if let (Some(d), Some(m)) = (day_of(&ws[i]), month(i + 1)) {
        if let Some(y) = after.and_then(year_of) {
            return PartialDate::day(y, m, d).map(|date| Found { first: i, last: i + 2, date });
        }
        let y = implied_year(doc_date, m)?;
        return PartialDate::day(y, m, d).map(|date| Found { first: i, last: i + 1, date });
    }
    let m = month(i)?;
    // March 15, 2018 / March 2018 / in March
    if let (Some(d), Some(y)) = (next.and_then(day_of), after.and_then(year_of)) {
        return PartialDate::day(y, m, d).map(|date| Found { first: i, last: i + 2, date });
    }
    if let Some(y) = next.and_then(year_of) {
        return PartialDate::month(y, m).map(|date| Found { first: i, last: i + 1, date });
    }
    let prev = i.checked_sub(1).map(|p| ws[p].lower);
    if prev.is_some_and(|p| YEAR_PREPOSITIONS.contains(&p)) {
        let y = implied_year(doc_date, m)?;
        return PartialDate::month(y, m).map(|date| Found { first: i, last: i, date });
    }
    None
}

/// A bare year at word `i` in a year-ish context.
fn year_at(ws: &[Word], i: usize) -> Option<Found> {
    let y = year_of(&ws[i])?;
    let after_preposition = i.checked_sub(1).is_some_and(|p| YEAR_PREPOSITIONS.contains(&ws[p].lower));
    let before_noun = ws.iter().skip(i + 1).take(YEAR_NOUN_WINDOW).any(|w| YEAR_NOUNS.contains(&w.lower));
    (after_preposition || before_noun).then_some(Found { first: i, last: i, date: PartialDate::year(y) })
}

/// The year a month without a year falls in: the document's, or the year before
/// when that month is still to come at the document's date.
fn implied_year(doc_date: Option<PartialDate>, month: u8) -> Option<i32> {
    let d = doc_date?;
    let y = if d.month != 0 && month > d.month { d.year - 1 } else { d.year };
    // A document dated in year 1 has no year before it: leave the reference out.
    (y >= 1).then_some(y)
}

/// Small numbers in words, for "two years ago".
const NUMBER_WORDS: &[&str] = &["one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"];

/// A date relative to the document's date at word `i`: "last year", "this year",
/// "next year", "two years ago", "last July", "this July", «в прошлом году», «в этом
/// году». Only against an exact document date (else left out, never guessed);
/// "two years earlier" (relative to another date in the text) is left out.
fn relative_at(raw: &[Word], ws: &[Word], i: usize, doc: Option<PartialDate>) -> Option<Found> {
    let d = doc?;
    let w = |k: usize| ws.get(k).map(|w| w.lower);
    let year = |y: i32, first: usize, last: usize| (y >= 1).then_some(Found { first, last, date: PartialDate::year(y) });
    match (w(i)?, w(i + 1)) {
        ("last", Some("year")) | ("прошлом", Some("году")) => return year(d.year - 1, i, i + 1),
        ("this", Some("year")) | ("этом", Some("году")) => return year(d.year, i, i + 1),
        ("next", Some("year")) | ("следующем", Some("году")) => return year(d.year + 1, i, i + 1),
        _ => {}
    }
    if let (Some(n), Some("years" | "year"), Some("ago")) = (w(i).and_then(|x| NUMBER_WORDS.iter().position(|n| *n == x).map(|p| p as i32 + 1).or_else(|| x.parse::<i32>().ok().filter(|n| (1..=100).contains(n)))), w(i + 1), w(i + 2)) {
        return year(d.year - n, i, i + 2);
    }
    let month = raw.get(i + 1).and_then(|r| month_of(&r.lower))?;
    if d.month == 0 {
        return None;
    }
    let y = match w(i)? {
        "this" => d.year,
        "last" => if month < d.month { d.year } else { d.year - 1 },
        "next" => if month > d.month { d.year } else { d.year + 1 },
        _ => return None,
    };
    (y >= 1).then(|| PartialDate::month(y, month).map(|date| Found { first: i, last: i + 1, date }))?
}

/// Words of the span as written (in `Word::lower`, for month capitalisation) and
/// lowercased (in `buf`): no allocation per word.
fn words_with_case<'a>(text: &'a str, start: usize, end: usize, buf: &'a mut String) -> (Vec<Word<'a>>, Vec<Word<'a>>) {
    let raw: Vec<Word<'a>> = crate::segment::names::word_iter(text, start, end).map(|(a, b)| Word { start: a, end: b, lower: &text[a..b] }).collect();
    buf.clear();
    let mut ends = Vec::with_capacity(raw.len());
    for w in &raw {
        if w.lower.is_ascii() {
            buf.extend(w.lower.bytes().map(|b| char::from(b.to_ascii_lowercase())));
        } else {
            // `str::to_lowercase` (a final sigma differs from `char::to_lowercase`).
            buf.push_str(&w.lower.to_lowercase());
        }
        ends.push(buf.len());
    }
    let buf: &'a str = buf;
    let mut from = 0;
    let lower = raw
        .iter()
        .zip(ends)
        .map(|(w, to)| {
            let word = Word { start: w.start, end: w.end, lower: &buf[from..to] };
            from = to;
            word
        })
        .collect();
    (raw, lower)
}

/// Can `text[start..end]` hold a date at all: a digit, a month name or a word of a
/// relative date? (Most statements hold none; this spares them the word lists.)
fn may_hold_date(text: &str, start: usize, end: usize) -> bool {
    let span = &text[start..end];
    span.bytes().any(|b| b.is_ascii_digit())
        || crate::segment::names::word_iter(text, start, end).any(|(a, b)| {
            let w = &text[a..b];
            month_of(w).is_some() || w.eq_ignore_ascii_case("year") || w == "году"
        })
}

/// Dated references in `text[start..end]`, in text order.
pub fn extract(text: &str, start: usize, end: usize, doc_date: &DateSpec, events: &[EventMeta]) -> Vec<Reference> {
    let Some(span) = text.get(start..end) else { return Vec::new() };
    if !may_hold_date(text, start, end) {
        return Vec::new();
    }
    let mut buf = String::new();
    let (raw, lower) = words_with_case(text, start, end, &mut buf);
    let mut out = Vec::new();
    let mut i = 0;
    while i < lower.len() {
        let exact = (doc_date.certainty == crate::date::Certainty::Exact).then_some(doc_date.best).flatten();
        let found = relative_at(&raw, &lower, i, exact).or_else(|| date_at(&raw, &lower, i, doc_date.best)).or_else(|| year_at(&lower, i));
        match found {
            Some(f) => {
                let (a, b) = (lower[f.first].start, lower[f.last].end);
                out.push(Reference { text: text[a..b].to_string(), start: a, end: b, date: f.date, precision: f.date.precision(), event: None });
                i = f.last + 1;
            }
            None => i += 1,
        }
    }
    if out.is_empty() || events.is_empty() {
        return out;
    }
    let folded = Folded::new(span, start, true);
    for r in &mut out {
        r.event = link_event(r, &folded, events);
    }
    out
}

/// Do two dates agree at the coarser of their precisions?
pub fn dates_agree(a: PartialDate, b: PartialDate) -> bool {
    let p = a.precision().min(b.precision());
    a.year == b.year && (p < Precision::Month || a.month == b.month) && (p < Precision::Day || a.day == b.day)
}

/// The event a reference points at, if any.
fn link_event(r: &Reference, statement: &Folded, events: &[EventMeta]) -> Option<String> {
    let cue_hits = |e: &EventMeta| e.cues.iter().flat_map(|c| statement.find_all(c)).collect::<Vec<_>>();
    // A cue that covers the reference itself ("since 2011", "March 2022").
    let covering = events.iter().find(|e| dates_agree(e.date, r.date) && cue_hits(e).iter().any(|&(a, b)| a < r.end && r.start < b));
    // A cue elsewhere in the statement, with agreeing dates.
    let cued = || events.iter().find(|e| dates_agree(e.date, r.date) && !cue_hits(e).is_empty());
    // The only event on that date (month or day precision only).
    let only = || {
        let on_date: Vec<&EventMeta> = events.iter().filter(|e| dates_agree(e.date, r.date)).collect();
        (r.precision >= Precision::Month && on_date.len() == 1).then(|| on_date[0])
    };
    covering.or_else(cued).or_else(only).map(|e| e.id.clone())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::date::Certainty;

    fn spec(best: &str) -> DateSpec {
        DateSpec { best: PartialDate::parse(best).ok(), certainty: Certainty::Exact, ..Default::default() }
    }

    fn refs(text: &str, best: &str) -> Vec<(String, String)> {
        extract(text, 0, text.len(), &spec(best), &[]).into_iter().map(|r| (r.text, r.date.to_string())).collect()
    }

    #[test]
    fn finds_each_kind_of_date() {
        let got = refs("In March 2022 and since 2011, on 15 March 2018 and March 15, 2018, the 2021 Geneva summit, published in March.", "2018-04-22");
        let want = [("March 2022", "2022-03"), ("2011", "2011"), ("15 March 2018", "2018-03-15"), ("March 15, 2018", "2018-03-15"), ("2021", "2021"), ("March", "2018-03")];
        assert_eq!(got, want.map(|(a, b)| (a.to_string(), b.to_string())));
    }

    #[test]
    fn month_after_document_month_is_last_year() {
        assert_eq!(refs("in November", "2018-04-22"), [("November".to_string(), "2017-11".to_string())]);
    }

    #[test]
    fn numbers_that_are_not_years() {
        assert!(refs("backed by 84 members, 2016 people and 1850 ships; you may go", "2018-04-22").is_empty());
        assert!(refs("in 3000", "2018").is_empty());
    }

    #[test]
    fn relative_dates_against_an_exact_document_date() {
        let got = refs("Last year and this year, two years ago, last July, this July, last March and в прошлом году.", "2023-05-10");
        let want = [("Last year", "2022"), ("this year", "2023"), ("two years ago", "2021"), ("last July", "2022-07"), ("this July", "2023-07"), ("last March", "2023-03"), ("прошлом году", "2022")];
        assert_eq!(got, want.map(|(a, b)| (a.to_string(), b.to_string())));
        let approx = DateSpec { best: PartialDate::parse("2023-05").ok(), certainty: Certainty::Approximate, ..Default::default() };
        assert!(extract("last year", 0, 9, &approx, &[]).is_empty(), "an approximate document date gives no relative dates");
        assert!(refs("two years earlier", "2023-05-10").is_empty());
    }

    #[test]
    fn month_alone_in_year_one_is_left_out() {
        assert!(refs("in November", "0001-04-22").is_empty(), "there is no year 0");
        assert_eq!(refs("in March", "0001-04-22"), [("March".to_string(), "0001-03".to_string())]);
    }

    #[test]
    fn russian_dates() {
        assert_eq!(refs("в марте 2022 года", "2022-11-03"), [("марте 2022".to_string(), "2022-03".to_string())]);
        assert_eq!(refs("с 2011 года", "2022-11-03"), [("2011".to_string(), "2011".to_string())]);
    }
}
