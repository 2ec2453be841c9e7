//! Knight Lab's TimelineJS JSON, the de facto format of timelines on the web, in and out.
//!
//! - [`import`] turns a TimelineJS file into a [`PackedCorpus`]: each event with body
//!   text becomes a one-statement document (its headline the title, its `group` a topic,
//!   so groups become lanes); an event with only a headline becomes a context event.
//!   Its HTML is turned into plain text ([`super::html::to_text`]) and never rendered.
//!   What cannot be placed (years outside 1–9999, such as the cosmological scale, or no
//!   date at all) is skipped and listed in the [`Import::skipped`] report, never fatal.
//! - [`export`] writes statements and context events as a TimelineJS file that
//!   TimelineJS itself opens; text is HTML-escaped, since TimelineJS renders it as HTML.
//!
//! `import(export(x))` gives the same events as `x` (date, headline, text, group).

use super::html::{escape, to_text};
use crate::corpus::{PackedCorpus, MAX_PACKED_BYTES, PACKED_MAGIC};
use crate::date::{Certainty, DateSpec, PartialDate};
use crate::error::{CorpusErrors, Problem, ProblemKind};
use crate::meta::{CorpusMeta, DocumentMeta, EventMeta, TopicMeta, FORMAT_VERSION};
use crate::model::{Corpus, Statement};
use crate::text::first_words;
use serde_json::{json, Map, Value};
use std::collections::{BTreeMap, HashMap, HashSet};

/// Most events read from one file; the rest are reported as skipped.
pub const MAX_EVENTS: usize = 100_000;
/// Words of the body used as a title when an event has no headline.
const TITLE_WORDS: usize = 8;

/// One event (or the title slide) left out of an import, and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Skipped {
    /// 1-based position in the file's `events` list (0 for the file as a whole).
    pub event: usize,
    /// Its headline as text, shortened, to find it in the file.
    pub headline: String,
    pub reason: String,
}

impl std::fmt::Display for Skipped {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match (self.event, self.headline.is_empty()) {
            (0, _) => write!(f, "{}", self.reason),
            (n, true) => write!(f, "event {n}: {}", self.reason),
            (n, false) => write!(f, "event {n} (“{}”): {}", self.headline, self.reason),
        }
    }
}

/// A TimelineJS file read as a corpus, with what was left out.
#[derive(Clone, Debug)]
pub struct Import {
    pub packed: PackedCorpus,
    pub skipped: Vec<Skipped>,
}

/// Is this JSON text a TimelineJS file (rather than a packed Stance corpus)? Looks only
/// at the top-level keys, so it is cheap enough to decide which reader to use.
pub fn looks_like_timelinejs(value: &Value) -> bool {
    value.get("events").is_some_and(Value::is_array) && value.get("kind").and_then(Value::as_str) != Some(PACKED_MAGIC)
}

/// Reads a TimelineJS file (its JSON text), naming `file` in any problem.
pub fn import(file: &str, json: &str) -> Result<Import, CorpusErrors> {
    let fail = |message: String, fix: &str| CorpusErrors(vec![Problem::new(ProblemKind::FileTooLarge, file, None, message, fix)]);
    if json.len() > MAX_PACKED_BYTES {
        return Err(fail(format!("the file is {} MB, more than the {} MB a corpus may be", json.len() >> 20, MAX_PACKED_BYTES >> 20), "split the timeline"));
    }
    let value: Value = serde_json::from_str(json).map_err(|e| {
        CorpusErrors(vec![Problem::new(ProblemKind::NotPacked, file, Some(e.line()), format!("not JSON: {e}"), "load a TimelineJS JSON file or a corpus made by `stance pack`")])
    })?;
    from_value(file, &value)
}

/// Reads an already parsed TimelineJS document.
pub fn from_value(file: &str, value: &Value) -> Result<Import, CorpusErrors> {
    let Some(events) = value.get("events").and_then(Value::as_array) else {
        return Err(CorpusErrors(vec![Problem::new(
            ProblemKind::NotPacked,
            file,
            None,
            "not a TimelineJS file: it has no `events` list",
            "load a TimelineJS JSON file (with an `events` array) or a corpus made by `stance pack`",
        )]));
    };
    let mut skipped = Vec::new();
    let title_text = value.get("title").and_then(|t| t.get("text"));
    let title = text_field(title_text, "headline");
    let description = text_field(title_text, "text");
    for (key, what) in [("eras", "eras"), ("scale", "the scale setting")] {
        if value.get(key).is_some_and(|v| !v.is_null()) && !(key == "scale" && value[key] == "human") {
            skipped.push(Skipped { event: 0, headline: String::new(), reason: format!("{what} are not imported (Stance lays out its own time axis)") });
        }
    }

    let mut meta = CorpusMeta {
        format: FORMAT_VERSION,
        title: if title.is_empty() { file_stem(file) } else { title },
        description,
        ..Default::default()
    };
    let mut texts = BTreeMap::new();
    let mut topic_of_group: HashMap<String, String> = HashMap::new();
    let mut ids = Ids::default();

    for (i, event) in events.iter().enumerate() {
        let n = i + 1;
        let text = event.get("text");
        let headline = text_field(text, "headline");
        let body = text_field(text, "text");
        let skip = |reason: String| Skipped { event: n, headline: first_words(&headline, TITLE_WORDS), reason };
        if n > MAX_EVENTS {
            skipped.push(Skipped { event: n, headline: String::new(), reason: format!("and the {} events after it: at most {MAX_EVENTS} are read", events.len() - n) });
            break;
        }
        let date = match event.get("start_date").map(date_of) {
            None => {
                skipped.push(skip("it has no `start_date`".into()));
                continue;
            }
            Some(Err(reason)) => {
                skipped.push(skip(reason));
                continue;
            }
            Some(Ok(d)) => d,
        };
        if body.is_empty() && headline.is_empty() {
            skipped.push(skip("it has no text".into()));
            continue;
        }
        let id = ids.fresh(event.get("unique_id").and_then(Value::as_str).unwrap_or(""), n);
        let topic = group_of(event).map(|group| {
            let next_id = ids.fresh(&group, 0);
            topic_of_group
                .entry(group.clone())
                .or_insert_with(|| {
                    meta.topics.push(TopicMeta { id: next_id.clone(), label: group, ..Default::default() });
                    next_id
                })
                .clone()
        });
        if body.is_empty() {
            meta.events.push(EventMeta {
                id,
                date,
                approximate: false,
                label: headline,
                source: String::new(),
                topics: topic.into_iter().collect(),
                cues: Vec::new(),
            });
            continue;
        }
        let file_name = format!("{id}.txt");
        meta.documents.push(DocumentMeta {
            id,
            file: file_name.clone(),
            title: if headline.is_empty() { first_words(&body, TITLE_WORDS) } else { headline },
            language: "en".into(),
            date: DateSpec { best: Some(date), certainty: Certainty::Exact, ..Default::default() },
            whole: true,
            topics: topic.into_iter().collect(),
            ..Default::default()
        });
        texts.insert(file_name, body);
    }
    Ok(Import { packed: PackedCorpus { kind: PACKED_MAGIC.into(), version: FORMAT_VERSION, meta, texts }, skipped })
}

/// `text.headline` / `text.text` as plain text ("" when absent or not a string).
fn text_field(text: Option<&Value>, key: &str) -> String {
    text.and_then(|t| t.get(key)).and_then(Value::as_str).map(to_text).unwrap_or_default()
}

fn group_of(event: &Value) -> Option<String> {
    event.get("group").and_then(Value::as_str).map(to_text).filter(|g| !g.is_empty())
}

fn file_stem(file: &str) -> String {
    let name = file.rsplit(['/', '\\']).next().unwrap_or(file);
    let stem = name.strip_suffix(".json").unwrap_or(name);
    if stem.is_empty() {
        "Imported timeline".into()
    } else {
        stem.to_string()
    }
}

/// A TimelineJS number field: a JSON number or a string of digits (both occur), or empty.
fn number(v: Option<&Value>) -> Result<Option<i64>, String> {
    match v {
        None | Some(Value::Null) => Ok(None),
        Some(Value::Number(n)) => n.as_i64().or_else(|| n.as_f64().filter(|f| f.fract() == 0.0 && f.abs() < 1e15).map(|f| f as i64)).map(Some).ok_or_else(|| format!("{n} is not a whole number")),
        Some(Value::String(s)) if s.trim().is_empty() => Ok(None),
        Some(Value::String(s)) => s.trim().parse::<i64>().map(Some).map_err(|_| format!("'{}' is not a number", first_words(s, 3))),
        Some(other) => Err(format!("{other} is not a number")),
    }
}

/// The date of a TimelineJS `start_date` object, to the precision it gives.
fn date_of(v: &Value) -> Result<PartialDate, String> {
    let year = number(v.get("year")).map_err(|e| format!("its year: {e}"))?.ok_or("its `start_date` has no year")?;
    if !(1..=9999).contains(&year) {
        return Err(format!("year {year} is outside 1–9999, which Stance can place (dates before the common era and the cosmological scale are not supported)"));
    }
    let year = year as i32;
    let month = number(v.get("month")).map_err(|e| format!("its month: {e}"))?;
    let day = number(v.get("day")).map_err(|e| format!("its day: {e}"))?;
    Ok(match (month, day) {
        (None, _) => PartialDate::year(year),
        (Some(m), day) => {
            let m = u8::try_from(m).ok().filter(|m| (1..=12).contains(m)).ok_or_else(|| format!("month {m} is not 1–12"))?;
            match day {
                None => PartialDate::month(year, m).ok_or("bad month")?,
                Some(d) => u8::try_from(d).ok().and_then(|d| PartialDate::day(year, m, d)).ok_or_else(|| format!("{year}-{m:02} has no day {d}"))?,
            }
        }
    })
}

/// Unique ids in Stance's id alphabet, made from whatever the file offers.
#[derive(Default)]
struct Ids {
    used: HashSet<String>,
    /// Per base id, the suffix to try next: a file that repeats one id N times costs N
    /// tries, not N²/2 (20,000 repeats took minutes when every id counted up from 2).
    next: HashMap<String, usize>,
    /// Ids tried, for the test that the work stays linear.
    tries: usize,
}

impl Ids {
    /// An id from `wanted` (lower-cased, other characters to `-`), or `e{n}`; made unique.
    fn fresh(&mut self, wanted: &str, n: usize) -> String {
        let mut base: String = wanted
            .chars()
            .filter_map(|c| {
                let c = c.to_ascii_lowercase();
                if c.is_ascii_lowercase() || c.is_ascii_digit() {
                    Some(c)
                } else if c.is_whitespace() || matches!(c, '-' | '_' | '.' | ':') {
                    Some('-')
                } else {
                    None
                }
            })
            .take(48)
            .collect();
        base = base.trim_matches('-').to_string();
        if base.is_empty() {
            base = if n > 0 { format!("e{n}") } else { "group".into() };
        }
        let mut id = base.clone();
        let mut k = self.next.get(&base).copied().unwrap_or(2);
        // Each `{base}-{k}` is tried at most once per base: `next` moves past it.
        self.tries += 1;
        while !self.used.insert(id.clone()) {
            id = format!("{base}-{k}");
            k += 1;
            self.tries += 1;
        }
        self.next.insert(base, k);
        id
    }
}

/// A TimelineJS date object for `d`.
fn date_json(d: PartialDate) -> Value {
    let mut m = Map::new();
    m.insert("year".into(), json!(d.year));
    if d.month > 0 {
        m.insert("month".into(), json!(d.month));
        if d.day > 0 {
            m.insert("day".into(), json!(d.day));
        }
    }
    Value::Object(m)
}

fn text_json(headline: &str, body: &str) -> Value {
    let mut m = Map::new();
    m.insert("headline".into(), json!(escape(headline)));
    if !body.is_empty() {
        // One paragraph per blank-line-separated paragraph of the text.
        let html: String = body.split("\n\n").map(|p| format!("<p>{}</p>", escape(p))).collect();
        m.insert("text".into(), json!(html));
    }
    Value::Object(m)
}

/// What an export left out (statements with no date cannot be placed on a TimelineJS
/// timeline).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Export {
    pub json: String,
    pub undated: usize,
}

/// `statements` (and the corpus's context events) as a TimelineJS file. Each statement
/// is an event: headline the speaker (or the document's title when nobody is named),
/// text the statement's words, group its first topic (its lane), unique id its id.
pub fn export<'a>(corpus: &Corpus, statements: impl IntoIterator<Item = &'a Statement>) -> Export {
    let mut events = Vec::new();
    let mut undated = 0;
    for s in statements {
        let Some(doc) = corpus.document_of(s) else { continue };
        let Some(best) = doc.meta.date.best else {
            undated += 1;
            continue;
        };
        let headline = s.speaker.as_deref().map_or(doc.meta.title.as_str(), |id| corpus.actor_name(id));
        let mut e = Map::new();
        e.insert("start_date".into(), date_json(best));
        if doc.meta.date.certainty != Certainty::Exact {
            e.insert("display_date".into(), json!(escape(&doc.meta.date.label())));
        }
        e.insert("text".into(), text_json(headline, corpus.statement_text(s).trim()));
        if let Some(topic) = s.topics.first() {
            e.insert("group".into(), json!(escape(corpus.topic_label(topic))));
        }
        e.insert("unique_id".into(), json!(s.id));
        events.push(Value::Object(e));
    }
    for ev in &corpus.meta.events {
        let mut e = Map::new();
        e.insert("start_date".into(), date_json(ev.date));
        e.insert("text".into(), text_json(&ev.label, ""));
        if let Some(topic) = ev.topics.first() {
            e.insert("group".into(), json!(escape(corpus.topic_label(topic))));
        }
        e.insert("unique_id".into(), json!(ev.id));
        events.push(Value::Object(e));
    }
    let file = json!({
        "title": { "text": text_json(&corpus.meta.title, &corpus.meta.description) },
        "events": events,
    });
    Export { json: serde_json::to_string_pretty(&file).unwrap_or_default(), undated }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = r#"{
      "title": {"text": {"headline": "Cyber <i>talks</i>", "text": "<p>Who said what</p>"}},
      "events": [
        {"start_date": {"year": "2017", "month": "7", "day": "27"}, "text": {"headline": "Interview", "text": "<p>Rules &amp; norms matter.</p><p>Second paragraph.</p>"}, "group": "Norms", "unique_id": "int-1"},
        {"start_date": {"year": 2018}, "text": {"headline": "Summit held"}, "group": "Diplomacy"},
        {"start_date": {"year": "-13800000000"}, "text": {"headline": "Big Bang", "text": "x"}},
        {"text": {"headline": "No date", "text": "y"}},
        {"start_date": {"year": 2019, "month": 2, "day": 30}, "text": {"headline": "Bad day", "text": "z"}},
        {"start_date": {"year": 2020, "month": 3}, "text": {"headline": "", "text": "<script>window.x=1</script><b onmouseover=alert(1)>Bold</b> words here"}, "group": "Norms"},
        {"start_date": {"year": 2021}, "text": {}}
      ],
      "eras": [{"start_date": {"year": 2017}, "end_date": {"year": 2018}, "text": {"headline": "Era"}}]
    }"#;

    #[test]
    fn events_become_documents_and_context_events() {
        let imp = import("cyber.json", SAMPLE).unwrap();
        let meta = &imp.packed.meta;
        assert_eq!(meta.title, "Cyber talks");
        assert_eq!(meta.description, "Who said what");
        let titles: Vec<&str> = meta.documents.iter().map(|d| d.title.as_str()).collect();
        assert_eq!(titles, ["Interview", "Bold words here"]);
        assert_eq!(meta.documents[0].id, "int-1");
        assert_eq!(meta.documents[0].date.best, PartialDate::parse("2017-07-27").ok());
        assert_eq!(meta.documents[1].date.best, PartialDate::parse("2020-03").ok());
        assert_eq!(imp.packed.texts["int-1.txt"], "Rules & norms matter.\n\nSecond paragraph.");
        assert_eq!(imp.packed.texts[&meta.documents[1].file], "Bold words here", "script content and tags are not text");
        assert_eq!(meta.events.len(), 1);
        assert_eq!(meta.events[0].label, "Summit held");
        // Groups are topics (lanes), one per distinct group.
        let labels: Vec<&str> = meta.topics.iter().map(|t| t.label.as_str()).collect();
        assert_eq!(labels, ["Norms", "Diplomacy"]);
        assert_eq!(meta.documents[1].topics, vec![meta.topics[0].id.clone()]);
        // What was skipped, and why: eras, the Big Bang, no date, 30 February, no text.
        let report: Vec<String> = imp.skipped.iter().map(ToString::to_string).collect();
        assert_eq!(report.len(), 5, "{report:#?}");
        assert!(report[0].contains("eras are not imported"));
        assert!(report[1].starts_with("event 3 (“Big Bang”): year -13800000000 is outside"));
        assert!(report[2].contains("no `start_date`"));
        assert!(report[3].contains("2019-02 has no day 30"));
        assert!(report[4].starts_with("event 7: it has no text"));
    }

    #[test]
    fn refuses_what_is_not_a_timeline() {
        for bad in ["", "[]", "{\"title\": {}}", "{\"events\": 3}", "not json"] {
            let e = import("x.json", bad).unwrap_err();
            let msg = e.to_string();
            assert!(msg.starts_with("x.json"), "{msg}");
            assert!(msg.contains("fix:"), "{msg}");
        }
    }

    #[test]
    fn odd_field_types_are_reported_not_fatal() {
        let json = r#"{"events": [
            {"start_date": {"year": [1]}, "text": {"text": "a"}},
            {"start_date": {"year": 2000.5}, "text": {"text": "b"}},
            {"start_date": {"year": 2000, "month": "March"}, "text": {"text": "c"}},
            {"start_date": {"year": 2000, "month": 13}, "text": {"text": "d"}},
            {"start_date": {"year": 1e300}, "text": {"text": "e"}},
            {"start_date": {"year": "2001", "month": "", "day": ""}, "text": {"headline": 5, "text": "f"}, "group": 7, "unique_id": {"a": 1}}
        ]}"#;
        let imp = import("odd.json", json).unwrap();
        assert_eq!(imp.skipped.len(), 5, "{:#?}", imp.skipped);
        assert_eq!(imp.packed.meta.documents.len(), 1);
        let d = &imp.packed.meta.documents[0];
        assert_eq!(d.date.best, Some(PartialDate::year(2001)));
        assert_eq!(d.id, "e6");
        assert!(d.topics.is_empty());
    }

    #[test]
    fn ids_are_valid_and_unique() {
        let mut ids = Ids::default();
        assert_eq!(ids.fresh("Event One!", 1), "event-one");
        assert_eq!(ids.fresh("event one", 2), "event-one-2");
        assert_eq!(ids.fresh("ёлка", 3), "e3");
        assert_eq!(ids.fresh("", 0), "group");
        assert_eq!(ids.fresh("", 0), "group-2");
    }

    #[test]
    fn repeated_ids_cost_linear_work() {
        // Fuzzing review (issue 9): one `unique_id` repeated 20,000 times took 158 s to
        // import (each copy counted up from `-2`), so a 1 MB file froze the page.
        let mut ids = Ids::default();
        let n = 20_000;
        let made: Vec<String> = (0..n).map(|i| ids.fresh("x", i + 1)).collect();
        assert_eq!(made[..3], ["x", "x-2", "x-3"]);
        assert_eq!(made.iter().collect::<HashSet<_>>().len(), n, "ids unique");
        assert!(ids.tries <= 2 * n, "{} tries for {n} ids", ids.tries);
        // Taken suffixes are skipped once each, and bases stay apart.
        let mut ids = Ids::default();
        let taken: Vec<String> = ["a-2", "a-3", "a", "a", "a-2", "a", "b"].iter().map(|w| ids.fresh(w, 1)).collect();
        assert_eq!(taken, ["a-2", "a-3", "a", "a-4", "a-2-2", "a-5", "b"]);
        assert!(ids.tries <= 2 * taken.len());
        // The whole import too: every copy is a document with its own id.
        let events: Vec<String> = (0..5000).map(|_| r#"{"start_date":{"year":2000},"text":{"text":"a"},"unique_id":"x"}"#.to_string()).collect();
        let imp = import("dup.json", &format!("{{\"events\":[{}]}}", events.join(","))).unwrap();
        let docs: HashSet<&str> = imp.packed.meta.documents.iter().map(|d| d.id.as_str()).collect();
        assert_eq!(docs.len(), 5000);
    }

    #[test]
    fn date_fields_as_numbers_or_strings() {
        assert_eq!(date_of(&json!({"year": 2017})), Ok(PartialDate::year(2017)));
        assert_eq!(date_of(&json!({"year": " 2017 ", "month": "03"})).ok(), PartialDate::month(2017, 3));
        assert!(date_of(&json!({"year": 0})).is_err());
        assert!(date_of(&json!({"year": 10000})).is_err());
        assert!(date_of(&json!({})).is_err());
    }
}
