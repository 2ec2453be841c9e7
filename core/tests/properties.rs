//! Property tests: segmenting (and tagging and date extraction) never panics, and
//! every statement is a trimmed, non-overlapping span of the document on char
//! boundaries, whatever the text.

use proptest::prelude::*;
use stance_core::date::{Certainty, DateSpec, PartialDate};
use stance_core::meta::{ActorMeta, CorpusMeta, DocumentMeta, EventMeta, TopicMeta, TurnsMeta};
use stance_core::model::Document;
use stance_core::{references, segment, tagging};

/// Pieces that exercise the scanners: quote marks of every style, turn markers,
/// names, dates, ellipses, Cyrillic, odd whitespace.
const PIECES: &[&str] = &[
    "“", "”", "\"", "«", "»", "„", "‘", "’", "'", "…", "...", ".", ",", " — ", ":", "\n", "\n\n", " ", "\u{a0}",
    "Question:", "Answer:", "Question:\u{a0}", "he said", " said Krutskikh", ", — сказал Крутских", "Крутских",
    "Krutskih", "According to", "he", "word", "In March 2022", "since 2011", "the 2021 Geneva summit", "15 March 2018",
    "March 15, 2018", "84", "2016", "ёлка", "U.S.", "Washington and London have accused", "é", "🙂", "\r\n",
];

fn meta() -> CorpusMeta {
    let actor = |id: &str, kind: &str, aliases: &[&str]| ActorMeta { id: id.into(), name: id.into(), kind: kind.into(), aliases: aliases.iter().map(|s| s.to_string()).collect(), ..Default::default() };
    CorpusMeta {
        format: 1,
        title: "t".into(),
        actors: vec![
            actor("krutskikh", "person", &["Krutskikh", "Krutskih", "Крутских"]),
            actor("us", "government", &["Washington", "U.S."]),
            actor("uk", "government", &["London"]),
        ],
        topics: vec![TopicMeta { id: "x".into(), label: "x".into(), keywords: vec!["word".into(), "ёл*".into(), "march 2022".into(), "“".into()], ..Default::default() }],
        events: vec![EventMeta { id: "e".into(), date: PartialDate::month(2022, 3).expect("date"), approximate: true, label: "e".into(), source: String::new(), topics: vec![], cues: vec!["March 2022".into(), "“".into()] }],
        ..Default::default()
    }
}

fn document(text: String, qa: bool, body_cut: usize, excluded: Vec<(usize, usize)>, dated: bool) -> Document {
    let len = text.len();
    let meta = DocumentMeta {
        id: "d".into(),
        file: "d.txt".into(),
        title: "d".into(),
        outlet_actor: Some("uk".into()),
        speakers: vec!["krutskikh".into()],
        turns: qa.then(|| TurnsMeta { question_marker: "Question:".into(), answer_marker: "Answer:".into(), question: "uk".into(), answer: "krutskikh".into(), ..Default::default() }),
        date: if dated { DateSpec { best: PartialDate::day(2018, 4, 22), certainty: Certainty::Exact, ..Default::default() } } else { DateSpec { certainty: Certainty::Unknown, ..Default::default() } },
        ..Default::default()
    };
    // Offsets may be anywhere, even inside a character: the segmenter must cope.
    let excluded = excluded.into_iter().map(|(a, b)| (a % (len + 1), b % (len + 1))).map(|(a, b)| (a.min(b), a.max(b))).collect();
    Document { meta, text, body_end: len.saturating_sub(body_cut % (len + 1)), excluded }
}

fn check(doc: &Document) -> Result<(), TestCaseError> {
    let meta = meta();
    let stmts = segment::segment(0, doc, &meta);
    let mut last_end = 0;
    for s in &stmts {
        prop_assert!(s.start < s.end && s.end <= doc.text.len());
        prop_assert!(doc.text.is_char_boundary(s.start) && doc.text.is_char_boundary(s.end));
        prop_assert!(s.start >= last_end, "overlap");
        last_end = s.end;
        let text = &doc.text[s.start..s.end];
        prop_assert_eq!(text, text.trim());
        prop_assert!(s.end <= doc.body_end, "statement past body_end");
        for &(a, b) in &doc.excluded {
            let (a, b) = (segment::floor_boundary(&doc.text, a), segment::floor_boundary(&doc.text, b));
            prop_assert!(a >= b || s.end <= a || s.start >= b, "statement inside excluded text");
        }
        let _ = tagging::tag(text, &meta.topics);
        for r in references::extract(&doc.text, s.start, s.end, &doc.meta.date, &meta.events) {
            prop_assert!(s.start <= r.start && r.end <= s.end);
            prop_assert_eq!(&doc.text[r.start..r.end], r.text.as_str());
        }
    }
    let again = segment::segment(0, doc, &meta);
    prop_assert_eq!(stmts, again);
    Ok(())
}

fn pieces() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(PIECES), 0..60).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_text(text in any::<String>(), qa in any::<bool>(), cut in any::<usize>(), ex in prop::collection::vec((any::<usize>(), any::<usize>()), 0..3), dated in any::<bool>()) {
        check(&document(text, qa, cut, ex, dated))?;
    }

    #[test]
    fn text_from_tricky_pieces(text in pieces(), qa in any::<bool>(), cut in 0usize..8, ex in prop::collection::vec((any::<usize>(), any::<usize>()), 0..3), dated in any::<bool>()) {
        check(&document(text, qa, cut, ex, dated))?;
    }

    /// The one-pass `Tagger` finds exactly the topics whose keywords `Folded::contains`
    /// finds one by one (texts and keywords over a small alphabet, so they meet often).
    #[test]
    fn tagger_equals_each_keyword_alone(text in "[aAbБб \u{a0}'’*-]{0,40}", kws in prop::collection::vec(("[a-c]", prop::collection::vec("[aAbБб '’*-]{0,5}", 0..4)), 0..6)) {
        let topics: Vec<TopicMeta> = kws.iter().map(|(id, kw)| TopicMeta { id: id.clone(), label: id.clone(), keywords: kw.clone(), ..Default::default() }).collect();
        let folded = tagging::Folded::new(&text, 0, true);
        let mut ids: Vec<&str> = topics.iter().map(|t| t.id.as_str()).collect();
        ids.sort();
        ids.dedup();
        let expected: Vec<String> = ids.iter().filter(|id| topics.iter().filter(|t| t.id == **id).flat_map(|t| &t.keywords).any(|k| folded.contains(k))).map(|id| id.to_string()).collect();
        prop_assert_eq!(tagging::tag(&text, &topics), expected);
    }

    #[test]
    fn tagging_never_panics(text in any::<String>(), kw in any::<String>()) {
        let topics = [TopicMeta { id: "t".into(), label: "t".into(), keywords: vec![kw.clone(), format!("{kw}*"), "*".into(), String::new()], ..Default::default() }];
        let _ = tagging::tag(&text, &topics);
    }
}
