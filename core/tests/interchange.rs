//! TimelineJS files and citations against built corpora: round trips, hostile text, and
//! the shipped corpus exported and read back.

mod common;

use stance_core::corpus;
use stance_core::interchange::{cite, timelinejs};
use stance_core::Corpus;

/// A TimelineJS file as people write them: HTML in every text field, numbers as strings,
/// groups, a title slide, and an event with only a headline.
const TIMELINE: &str = r#"{
  "title": {"text": {"headline": "Norms <em>in</em> cyberspace", "text": "<p>A <a href=\"javascript:alert(1)\">history</a></p>"}},
  "events": [
    {"start_date": {"year": "2013", "month": "6"}, "text": {"headline": "GGE report", "text": "<p>The group agreed that &ldquo;international law applies&rdquo;.</p><p>It met <b>four</b> times.</p>"}, "group": "UN"},
    {"start_date": {"year": 2015, "month": 7, "day": 22}, "text": {"headline": "<img src=x onerror=\"window.__pwned=1\">Second report", "text": "Eleven norms<script>window.__pwned=1</script> were listed."}, "group": "UN"},
    {"start_date": {"year": 2018}, "text": {"headline": "OEWG set up"}, "group": "UN"},
    {"start_date": {"year": 2021, "month": 6, "day": 16}, "text": {"headline": "Geneva summit", "text": "Leaders met in Geneva & talked."}, "group": "Bilateral"}
  ]
}"#;

fn build(packed: stance_core::PackedCorpus) -> Corpus {
    corpus::build(packed.into_source("timeline.json")).unwrap_or_else(|e| panic!("import builds: {e}"))
}

/// (date, headline, text, group) of each event of a TimelineJS file, in file order.
fn events(json: &str) -> Vec<(String, String, String, String)> {
    let v: serde_json::Value = serde_json::from_str(json).unwrap();
    v["events"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            let s = |x: &serde_json::Value| x.as_str().map(str::to_string).unwrap_or_else(|| x.to_string());
            (
                s(&e["start_date"]),
                s(&e["text"]["headline"]),
                s(&e["text"]["text"]),
                s(&e["group"]),
            )
        })
        .collect()
}

#[test]
fn timelinejs_round_trip_gives_the_same_events() {
    let first = timelinejs::import("timeline.json", TIMELINE).unwrap();
    assert!(first.skipped.is_empty(), "{:?}", first.skipped);
    let corpus = build(first.packed);
    assert_eq!(corpus.documents.len(), 3);
    assert_eq!(corpus.statements.len(), 3, "each event is one statement");
    assert_eq!(corpus.meta.events.len(), 1);
    // Groups are lanes: every statement of an event is in its group's topic.
    let un = corpus.meta.topics.iter().find(|t| t.label == "UN").unwrap();
    assert_eq!(corpus.statements.iter().filter(|s| s.topics.contains(&un.id)).count(), 2);

    let exported = timelinejs::export(&corpus, &corpus.statements);
    assert_eq!(exported.undated, 0);
    let again = timelinejs::import("again.json", &exported.json).unwrap();
    assert!(again.skipped.is_empty(), "{:?}", again.skipped);
    let corpus2 = build(again.packed);
    let exported2 = timelinejs::export(&corpus2, &corpus2.statements);
    assert_eq!(events(&exported.json), events(&exported2.json));
    assert_eq!(corpus.meta.title, corpus2.meta.title);
    let texts = |c: &Corpus| c.statements.iter().map(|s| c.statement_text(s).to_string()).collect::<Vec<_>>();
    assert_eq!(texts(&corpus), texts(&corpus2));
}

#[test]
fn hostile_timeline_text_stays_text() {
    let imp = timelinejs::import("timeline.json", TIMELINE).unwrap();
    let corpus = build(imp.packed);
    for s in &corpus.statements {
        let t = corpus.statement_text(s);
        assert!(!t.contains('<') && !t.contains("__pwned"), "{t}");
    }
    assert!(corpus.documents.iter().all(|d| !d.meta.title.contains('<')));
    assert_eq!(corpus.documents[1].meta.title, "Second report");
    assert_eq!(corpus.meta.description, "A history");
    // On the way out every text is escaped for TimelineJS, which renders HTML.
    let out = timelinejs::export(&corpus, &corpus.statements).json;
    assert!(out.contains("Geneva &amp; talked"), "{out}");
}

#[test]
fn shipped_corpus_exports_to_timelinejs_and_back() {
    let shipped = common::build_dir(&common::shipped_dir());
    let out = timelinejs::export(&shipped, &shipped.statements);
    let imp = timelinejs::import("shipped.json", &out.json).unwrap();
    assert!(imp.skipped.is_empty(), "{:?}", imp.skipped);
    let back = build(imp.packed);
    let dated = shipped.statements.iter().filter(|s| shipped.documents[s.doc].meta.date.best.is_some()).count();
    assert_eq!(back.statements.len(), dated, "one event per dated statement");
    assert_eq!(out.undated, shipped.statements.len() - dated);
    assert_eq!(back.meta.events.len(), shipped.meta.events.len());
    // Speakers come back as headlines, statements' words as their text.
    for s in shipped.statements.iter().filter(|s| shipped.documents[s.doc].meta.date.best.is_some()) {
        let words = shipped.statement_text(s).trim();
        let twin = back.statements.iter().find(|b| back.statement_text(b) == words);
        let twin = twin.unwrap_or_else(|| panic!("statement {} comes back", s.id));
        let title = &back.documents[twin.doc].meta.title;
        let want = s.speaker.as_deref().map_or(shipped.documents[s.doc].meta.title.as_str(), |id| shipped.actor_name(id));
        assert_eq!(title, want);
    }
}

#[test]
fn citations_of_the_shipped_corpus() {
    let shipped = common::build_dir(&common::shipped_dir());
    let csl: serde_json::Value = serde_json::from_str(&cite::csl_json(&shipped, &shipped.statements)).unwrap();
    assert_eq!(csl.as_array().unwrap().len(), shipped.statements.len());
    for (item, s) in csl.as_array().unwrap().iter().zip(&shipped.statements) {
        assert_eq!(item["id"], s.id.as_str());
        assert!(item["title"].as_str().is_some_and(|t| !t.is_empty()));
        let approximate = shipped.documents[s.doc].meta.date.certainty != stance_core::date::Certainty::Exact;
        assert_eq!(item["issued"].get("circa").is_some(), approximate && item.get("issued").is_some());
        let bib = cite::bibtex(&shipped, s);
        assert!(bib.starts_with('@') && bib.trim_end().ends_with('}'), "{bib}");
    }
}
