//! Property tests of attribution: a quotation's statement never holds the marks that
//! bound it or its attribution (plain and split quotations, in every mark style and in
//! the Russian dash form); every statement is byte-exact to its span; an override
//! always wins.

use proptest::prelude::*;
use stance_core::corpus::{self, Source};
use stance_core::date::{DateSpec, PartialDate};
use stance_core::meta::{ActorMeta, CorpusMeta, DocumentMeta, OverrideMeta, QuoteSelector};
use stance_core::model::{Attribution, StatementKind};
use stance_core::Corpus;
use std::collections::BTreeMap;

fn source(text: &str, overrides: Vec<OverrideMeta>) -> Source {
    let actor = |id: &str, name: &str, gender: &str| ActorMeta { id: id.into(), name: name.into(), kind: "person".into(), gender: gender.into(), ..Default::default() };
    let meta = CorpusMeta {
        format: 1,
        title: "t".into(),
        actors: vec![actor("roe", "Jane Roe", "female"), actor("doe", "John Doe", "male"), actor("volkov", "Волков", "male")],
        documents: vec![DocumentMeta {
            id: "d".into(),
            file: "d.txt".into(),
            title: "d".into(),
            language: "en".into(),
            date: DateSpec { best: PartialDate::day(2020, 5, 1), ..Default::default() },
            speakers: vec!["doe".into()],
            outlet_actor: None,
            ..Default::default()
        }],
        overrides,
        ..Default::default()
    };
    let mut files = BTreeMap::new();
    files.insert("d.txt".to_string(), text.as_bytes().to_vec());
    Source { meta, lines: Default::default(), meta_file: corpus::META_FILE.into(), files }
}

fn build(text: &str, overrides: Vec<OverrideMeta>) -> Corpus {
    corpus::build(source(text, overrides)).unwrap_or_else(|e| panic!("does not build: {e}\n{text:?}"))
}

/// Words for the inside of a quotation: letters, spaces, inner punctuation.
fn phrase() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(vec!["the", "plan", "works", "we", "will", "see", "мост", "будет", "never", "again", "2020"]), 1..8).prop_map(|w| {
        let mut s = w.join(" ");
        if let Some(f) = s.get(..1) {
            s = f.to_uppercase() + &s[1..];
        }
        s
    })
}

/// (opening, closing) marks of each double style.
const MARKS: &[(&str, &str)] = &[("\u{201C}", "\u{201D}"), ("\"", "\""), ("«", "»"), ("„", "“")];
const ATTRIBUTIONS: &[(&str, &str)] = &[("Jane Roe said", "roe"), ("said John Doe", "doe"), ("she said", "roe"), ("he added", "doe")];

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    /// “A,” X said, “B.” gives quotes A and B by X and the attribution as narration.
    #[test]
    fn split_quotations_leave_out_marks_and_attribution(a in phrase(), b in phrase(), m in 0..MARKS.len(), at in 0..ATTRIBUTIONS.len(), lead in prop::bool::ANY) {
        let (open, close) = MARKS[m];
        let (attr, who) = ATTRIBUTIONS[at];
        let intro = if lead { "John Doe met Jane Roe. " } else { "Jane Roe met John Doe. " };
        let text = format!("{intro}{open}{a},{close} {attr}, {open}{b}.{close}");
        let c = build(&text, vec![]);
        let quotes: Vec<&str> = c.statements.iter().filter(|s| s.kind == StatementKind::Quote).map(|s| c.statement_text(s)).collect();
        let second = format!("{b}.");
        prop_assert_eq!(&quotes, &vec![a.as_str(), second.as_str()], "{:?}", text);
        for s in &c.statements {
            let t = c.statement_text(s);
            prop_assert_eq!(t, &text[s.start..s.end]);
            if s.kind == StatementKind::Quote {
                prop_assert!(!t.contains(open) && !t.contains(close) && !t.contains(attr), "{:?} in {:?}", t, text);
                // A pronoun resolves to the last person of its gender: both are named.
                prop_assert_eq!(s.speaker.as_deref(), Some(who), "{:?}", text);
            }
        }
    }

    /// «A, — сказал Волков. — B» gives two quotes by Волков; the attribution is narration.
    #[test]
    fn russian_split_quotation(a in phrase(), b in phrase(), case in 0..3usize) {
        let attr = ["сказал Волков", "заявил Волков", "добавил Волков"][case];
        let text = format!("«{a}, — {attr}. — {b}».");
        let c = build(&text, vec![]);
        let quotes: Vec<(&str, Option<&str>)> = c.statements.iter().filter(|s| s.kind == StatementKind::Quote).map(|s| (c.statement_text(s), s.speaker.as_deref())).collect();
        prop_assert_eq!(quotes, vec![(a.as_str(), Some("volkov")), (b.as_str(), Some("volkov"))], "{:?}", text);
        prop_assert!(c.statements.iter().all(|s| !c.statement_text(s).contains('«') && !c.statement_text(s).contains('»')));
    }

    /// Whatever the segmenter made of a statement, an override on it sets its speaker
    /// and kind (or removes it).
    #[test]
    fn an_override_always_wins(sentences in prop::collection::vec(phrase(), 2..6), pick in any::<prop::sample::Index>(), who in 0..4usize, kind in 0..5usize, drop in prop::bool::ANY) {
        let text: String = sentences.iter().enumerate().map(|(i, s)| format!("{s} number{i}. ")).collect();
        let c = build(&text, vec![]);
        prop_assume!(!c.statements.is_empty());
        let target = &c.statements[pick.index(c.statements.len())];
        let exact = c.statement_text(target).to_string();
        prop_assume!(text.matches(exact.as_str()).count() == 1);
        let speaker = ["roe", "doe", "volkov", ""][who].to_string();
        let kind = StatementKind::ALL[kind];
        let o = OverrideMeta { quote: QuoteSelector { document: "d".into(), exact: exact.clone(), ..Default::default() }, speaker: Some(speaker.clone()), kind: Some(kind), not_statement: drop, ..Default::default() };
        let c2 = build(&text, vec![o]);
        let hit = c2.statements.iter().find(|s| c2.statement_text(s) == exact);
        if drop {
            prop_assert!(hit.is_none());
            prop_assert_eq!(c2.statements.len(), c.statements.len() - 1);
        } else {
            let s = hit.expect("the overridden statement is there");
            prop_assert_eq!(s.speaker.clone(), (!speaker.is_empty()).then_some(speaker));
            prop_assert_eq!(s.kind, kind);
            prop_assert_eq!(s.attribution, Attribution::Override);
            prop_assert_eq!(c2.statements.len(), c.statements.len());
        }
    }
}

#[test]
fn an_override_that_matches_nothing_is_reported() {
    let o = OverrideMeta { quote: QuoteSelector { document: "d".into(), exact: "not in the text".into(), ..Default::default() }, speaker: Some("roe".into()), ..Default::default() };
    let err = corpus::build(source("Some text here.", vec![o])).expect_err("an override matching nothing is a problem");
    assert!(err.to_string().contains("not in the text"), "{err}");
}

#[test]
fn join_and_split_overrides() {
    let text = "First sentence here. Second sentence there. Third one.";
    let join = OverrideMeta { quote: QuoteSelector { document: "d".into(), exact: "First sentence".into(), ..Default::default() }, join_next: true, ..Default::default() };
    let c = build(text, vec![join]);
    let texts: Vec<&str> = c.statements.iter().map(|s| c.statement_text(s)).collect();
    assert_eq!(texts, ["First sentence here. Second sentence there.", "Third one."]);
    let split = OverrideMeta { quote: QuoteSelector { document: "d".into(), exact: "Second sentence".into(), ..Default::default() }, split_before: "there.".into(), ..Default::default() };
    let c = build(text, vec![split]);
    let texts: Vec<&str> = c.statements.iter().map(|s| c.statement_text(s)).collect();
    assert_eq!(texts, ["First sentence here.", "Second sentence", "there.", "Third one."]);
    let ids: std::collections::HashSet<&str> = c.statements.iter().map(|s| s.id.as_str()).collect();
    assert_eq!(ids.len(), 4);
}

#[test]
fn transcript_label_that_matches_no_actor_is_reported() {
    let mut src = source("THE WITNESS: I do.\nMS. ROE: Thank you.", vec![]);
    src.meta.documents[0].genre = Some(stance_core::meta::Genre::Transcript);
    let err = corpus::build(src).expect_err("unknown label");
    assert!(err.to_string().contains("THE WITNESS"), "{err}");
}

#[test]
fn turns_whose_markers_never_occur_are_reported() {
    let mut src = source("Just prose here.", vec![]);
    src.meta.documents[0].turns = Some(stance_core::meta::TurnsMeta { question_marker: "Q:".into(), answer_marker: "A:".into(), question: "doe".into(), answer: "roe".into(), ..Default::default() });
    let err = corpus::build(src).expect_err("markers never occur");
    assert!(err.to_string().contains("Q:"), "{err}");
}

#[test]
fn an_undeclared_transcript_is_detected_by_labels_of_known_actors() {
    let text = "Hearing record\nMS. ROE: We are ready.\nMR. DOE: Are you?\nMS. ROE: Yes.\nThat is all.";
    let c = build(text, vec![]);
    let got: Vec<(&str, Option<&str>, StatementKind)> = c.statements.iter().map(|s| (c.statement_text(s), s.speaker.as_deref(), s.kind)).collect();
    assert_eq!(got[1], ("We are ready.", Some("roe"), StatementKind::Answer));
    assert_eq!(got[2], ("Are you?", Some("doe"), StatementKind::Question));
    assert_eq!(got[4], ("That is all.", Some("roe"), StatementKind::Answer), "an unlabelled paragraph continues the speaker");
    // Two labels are not enough to call prose a transcript.
    let c = build("NOTE: a.\nMS. ROE: b.\nMore prose.", vec![]);
    assert!(c.statements.iter().all(|s| s.kind != StatementKind::Answer));
}

/// Fuzz finding (build_corpus, build_slow): the gap after a closing mark was cut at a
/// fixed number of bytes, inside a multi-byte dash, and the build panicked.
#[test]
fn a_long_run_of_multibyte_marks_after_a_quotation_does_not_cut_a_character() {
    for n in 0..80 {
        for dash in ["—", "–", "…", "·", "\u{fffd}"] {
            let text = format!("«Да», {} сказал он. “Yes,”{} she said.", dash.repeat(n), dash.repeat(n));
            let c = build(&text, Vec::new());
            for s in &c.statements {
                assert!(c.statement_text(s).len() <= text.len());
            }
        }
    }
}

proptest! {
    /// Any run of multi-byte characters between a quotation and its attribution.
    #[test]
    fn any_gap_after_a_quotation_builds(gap in "[—–…«»“”’\u{fffd} ,]{0,90}") {
        let text = format!("“Fine,”{gap} said Jane Roe. «Да»,{gap} — сказал Волков.");
        let c = build(&text, Vec::new());
        prop_assert!(c.statements.iter().all(|s| text.is_char_boundary(s.start) && text.is_char_boundary(s.end)));
    }
}

/// Many overrides over one long statement, applied from the last back: splits in the
/// order that reads the statement again and again, joins and removals. The edits cost
/// the same however many statements there are, and the searches of `split_before`
/// have a bound: past it an override is refused with a problem that says why, instead
/// of reading the statement once per override (quadratic in a hostile corpus).
#[test]
fn many_split_overrides_on_one_statement() {
    let words = |n: usize| (0..n).map(|i| format!("w{i:05}")).collect::<Vec<_>>().join(" ");
    // 200 splits of a 1,400-byte statement, each at a word before the previous one:
    // within the bound, every one applies.
    let text = format!("{}.", words(200));
    let quote = || QuoteSelector { document: "d".into(), exact: "w00000 w00001".into(), ..Default::default() };
    let splits = |n: usize| (1..n).rev().map(|i| OverrideMeta { quote: quote(), split_before: format!("w{i:05}"), ..Default::default() }).collect::<Vec<_>>();
    let c = build(&text, splits(200));
    assert_eq!(c.statements.len(), 200);
    assert_eq!(c.statement_text(&c.statements[0]), "w00000");
    assert_eq!(c.statement_text(&c.statements[199]), "w00199.");
    // 6,000 such splits of a 42 KB statement would read it 6,000 times (250 MB): past
    // the bound (8 times the text plus 1 MiB), the rest are refused.
    let text = format!("{}.", words(6000));
    let err = corpus::build(source(&text, splits(6000))).expect_err("too many splits of one statement");
    assert!(err.to_string().contains("too many `split_before` overrides"), "{err}");
}
