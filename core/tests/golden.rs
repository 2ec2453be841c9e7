//! Golden tests on the shipped corpus: the statements (ids, kinds, speakers, spans,
//! text, references) are compared to `tests/golden/shipped.json`. After an intended
//! change, regenerate it with `STANCE_BLESS=1 cargo test -p stance-core --test golden`
//! and review the diff.

mod common;

use serde::Serialize;
use stance_core::date::Precision;
use stance_core::model::{Corpus, Reference, StatementKind};
use stance_core::positions;
use std::path::Path;

#[derive(Serialize)]
struct GoldenStatement<'a> {
    id: &'a str,
    document: &'a str,
    kind: StatementKind,
    speaker: Option<&'a str>,
    start: usize,
    end: usize,
    text: &'a str,
    references: &'a [Reference],
}

fn golden_json(c: &Corpus) -> String {
    let rows: Vec<GoldenStatement> = c
        .statements
        .iter()
        .map(|s| GoldenStatement {
            id: &s.id,
            document: &c.documents[s.doc].meta.id,
            kind: s.kind,
            speaker: s.speaker.as_deref(),
            start: s.start,
            end: s.end,
            text: c.statement_text(s),
            references: &s.references,
        })
        .collect();
    serde_json::to_string_pretty(&rows).expect("serialisable") + "\n"
}

fn shipped() -> Corpus {
    common::build_dir(&common::shipped_dir())
}

#[test]
fn statements_match_golden_file() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden/shipped.json");
    let got = golden_json(&shipped());
    if std::env::var_os("STANCE_BLESS").is_some() {
        std::fs::write(&path, &got).expect("write golden file");
        return;
    }
    let want = std::fs::read_to_string(&path).expect("golden file exists (STANCE_BLESS=1 to create it)");
    if got != want {
        let line = got.lines().zip(want.lines()).position(|(a, b)| a != b).map_or(0, |i| i + 1);
        panic!("statements differ from {} (first at line {line}); if intended, rerun with STANCE_BLESS=1", path.display());
    }
}

#[test]
fn invariants_hold() {
    common::assert_statement_invariants(&shipped());
}

#[test]
fn ids_are_stable_across_rebuilds() {
    let (a, b) = (shipped(), shipped());
    let ids = |c: &Corpus| c.statements.iter().map(|s| s.id.clone()).collect::<Vec<_>>();
    assert_eq!(ids(&a), ids(&b));
    for s in &a.statements {
        let doc = &a.documents[s.doc].meta.id;
        let hash = s.id.strip_prefix(&format!("{doc}-")).expect("id starts with the document id");
        assert!(hash.len() >= 8 && hash[..8].bytes().all(|b| b.is_ascii_hexdigit()), "{}", s.id);
    }
}

/// The statement containing `needle` in document `doc`.
fn containing<'a>(c: &'a Corpus, doc: &str, needle: &str) -> &'a stance_core::Statement {
    let (di, d) = c.document_by_id(doc).expect("document");
    let at = d.text.find(needle).unwrap_or_else(|| panic!("{needle:?} not in {doc}"));
    c.statements
        .iter()
        .find(|s| s.doc == di && s.start <= at && at + needle.len() <= s.end)
        .unwrap_or_else(|| panic!("{needle:?} is in no statement"))
}

#[test]
fn krutskih_spelling_resolves_to_krutskikh() {
    let c = shipped();
    let s = containing(&c, "rt-2017", "We have one small task ahead");
    assert_eq!(s.kind, StatementKind::Quote);
    assert_eq!(s.speaker.as_deref(), Some("krutskikh"));
    let s = containing(&c, "kommersant-2018", "According to Krutskih");
    assert_eq!((s.kind, s.speaker.as_deref()), (StatementKind::Reported, Some("krutskikh")));
    assert!(c.statements.iter().filter(|s| c.documents[s.doc].meta.id == "rt-2017" && s.kind == StatementKind::Quote).all(|s| s.speaker.as_deref() == Some("krutskikh")));
}

#[test]
fn newsweek_turns_give_speakers() {
    let c = shipped();
    let (di, _) = c.document_by_id("newsweek-2022").expect("doc");
    let stmts: Vec<_> = c.statements.iter().filter(|s| s.doc == di).collect();
    assert_eq!(stmts.iter().filter(|s| s.kind == StatementKind::Question).count(), 2);
    assert!(stmts.len() >= 10);
    for s in &stmts {
        match s.kind {
            StatementKind::Question => assert_eq!(s.speaker.as_deref(), Some("newsweek")),
            StatementKind::Answer => assert_eq!(s.speaker.as_deref(), Some("lyukmanov")),
            other => panic!("unexpected {other:?} in a Q&A: {}", c.statement_text(s)),
        }
        let t = c.statement_text(s);
        assert!(!t.starts_with("Question:") && !t.starts_with("Answer:") && !t.starts_with('\u{a0}'), "{t}");
    }
    assert!(c.statement_text(stmts[0]).starts_with("As communication continues"));
}

#[test]
fn scare_quotes_are_not_statements() {
    let c = shipped();
    for needle in ["rules-based order", "at home", "cyber’ pistols", "practical", "unhealthy", "freezing"] {
        let s = containing(&c, if needle.contains("pistols") { "kommersant-2018" } else if needle == "practical" || needle == "unhealthy" { "rt-2017" } else { "newsweek-2022" }, needle);
        let t = c.statement_text(s);
        assert!(t.len() > needle.len() + 20, "“{needle}” became its own statement: {t}");
    }
    let s = containing(&c, "kommersant-2018", "cyber’ pistols");
    assert_eq!((s.kind, s.speaker.as_deref()), (StatementKind::Quote, Some("krutskikh")));
}

#[test]
fn boilerplate_is_in_no_statement() {
    let c = shipped();
    let (di, d) = c.document_by_id("rt-2017").expect("doc");
    let at = d.text.find("Please enter your comment!").expect("boilerplate in text");
    assert!(d.body_end <= at);
    assert!(c.statements.iter().filter(|s| s.doc == di).all(|s| s.end <= at));
    assert!(c.statements.iter().all(|s| !c.statement_text(s).contains("Please enter")));
}

fn reference<'a>(c: &'a Corpus, doc: &str, text: &str) -> &'a Reference {
    let (di, _) = c.document_by_id(doc).expect("doc");
    c.statements
        .iter()
        .filter(|s| s.doc == di)
        .flat_map(|s| &s.references)
        .find(|r| r.text == text)
        .unwrap_or_else(|| panic!("no reference {text:?} in {doc}"))
}

#[test]
fn date_references() {
    let c = shipped();
    let r = reference(&c, "newsweek-2022", "March 2022");
    assert_eq!((r.date.to_string(), r.precision, r.event.as_deref()), ("2022-03".into(), Precision::Month, Some("expert-group-ended-2022")));
    let r = reference(&c, "rt-2017", "2011");
    assert_eq!((r.date.to_string(), r.precision, r.event.as_deref()), ("2011".into(), Precision::Year, Some("code-of-conduct-2011")));
    let r = reference(&c, "kommersant-2018", "March 2016");
    assert_eq!((r.date.to_string(), r.precision, r.event.as_deref()), ("2016-03".into(), Precision::Month, Some("intrusion-campaign-2016")));
    let r = reference(&c, "newsweek-2022", "2021");
    assert_eq!((r.date.to_string(), r.event.as_deref()), ("2021".into(), Some("geneva-summit-2021")));
    let r = reference(&c, "kommersant-2018", "March");
    assert_eq!((r.date.to_string(), r.precision, r.event.as_deref()), ("2018-03".into(), Precision::Month, Some("ta18-074a-2018")));
    let r = reference(&c, "kommersant-2018", "2016");
    assert_eq!(r.event.as_deref(), Some("us-election-2016"));
    // "84 members" is not a year.
    assert!(c.statements.iter().flat_map(|s| &s.references).all(|r| r.text != "84"));
}

#[test]
fn reported_speakers() {
    let c = shipped();
    let cases = [
        ("kommersant-2018", "the Russian Foreign Ministry once again complained", "russian-mfa"),
        ("kommersant-2018", "Washington and London have accused", "us-government"),
        ("kommersant-2018", "according to a U.S. security alert", "us-government"),
        ("kommersant-2018", "He thinks Moscow and Washington", "krutskikh"),
        ("rt-2017", "Krutskikh rejects radical measures", "krutskikh"),
        ("rt-2017", "He praises the OSCE", "krutskikh"),
    ];
    for (doc, needle, who) in cases {
        let s = containing(&c, doc, needle);
        assert_eq!((s.kind, s.speaker.as_deref()), (StatementKind::Reported, Some(who)), "{needle}");
    }
    let s = containing(&c, "kommersant-2018", "Russian Official: Moscow Ready");
    assert_eq!((s.kind, s.speaker.as_deref()), (StatementKind::Narration, Some("writeup-2018")));
}

#[test]
fn every_document_has_every_kind_it_should() {
    let c = shipped();
    let kinds = |doc: &str| {
        let (di, _) = c.document_by_id(doc).expect("doc");
        let mut k: Vec<StatementKind> = c.statements.iter().filter(|s| s.doc == di).map(|s| s.kind).collect();
        k.sort();
        k.dedup();
        k
    };
    assert_eq!(kinds("rt-2017"), [StatementKind::Quote, StatementKind::Reported, StatementKind::Narration]);
    assert_eq!(kinds("kommersant-2018"), [StatementKind::Quote, StatementKind::Reported, StatementKind::Narration]);
    assert_eq!(kinds("newsweek-2022"), [StatementKind::Answer, StatementKind::Question]);
}

#[test]
fn positions_cover_actors_and_show_change() {
    let c = shipped();
    assert!((15..=30).contains(&c.positions.len()), "{} positions", c.positions.len());
    for actor in ["krutskikh", "lyukmanov", "russian-mfa", "us-government", "uk-government"] {
        assert!(c.positions.iter().any(|p| p.meta.actor == actor), "no position for {actor}");
    }
    let groups = positions::by_topic(&c);
    let dialogue = groups.iter().find(|g| g.topic == "bilateral-dialogue").expect("dialogue topic");
    let krutskikh = dialogue.rows.iter().find(|r| r.actor == "krutskikh").expect("krutskikh row");
    assert_eq!(krutskikh.positions.len(), 2);
    let changes = positions::changes(&c, krutskikh);
    assert_eq!(changes.len(), 1);
    assert!(changes[0].changed());
    assert!(c.positions[krutskikh.positions[0]].date < c.positions[krutskikh.positions[1]].date);
    // Every quote lies in a statement of the quoted document.
    for p in &c.positions {
        assert_eq!(p.statements.len(), p.meta.quotes.len());
        for (q, &si) in p.meta.quotes.iter().zip(&p.statements) {
            let s = &c.statements[si];
            assert_eq!(c.documents[s.doc].meta.id, q.document);
            assert!(c.statement_text(s).contains(&q.exact), "{}", p.meta.id);
        }
    }
}

#[test]
fn tagging_on_the_shipped_corpus() {
    let c = shipped();
    let topics = |doc: &str, needle: &str| containing(&c, doc, needle).topics.clone();
    assert!(topics("rt-2017", "we should agree not to militarize").contains(&"non-militarisation".to_string()));
    assert!(topics("newsweek-2022", "Ad Hoc Committee").contains(&"cybercrime".to_string()));
    assert!(topics("kommersant-2018", "Washington and London have accused").contains(&"attribution".to_string()));
    for s in &c.statements {
        let mut sorted = s.topics.clone();
        sorted.sort();
        sorted.dedup();
        assert_eq!(sorted, s.topics);
    }
}

#[test]
fn positions_from_approximately_dated_documents_say_so() {
    let c = common::build_dir(&common::shipped_dir());
    let rt = c.positions.iter().find(|p| p.meta.actor == "krutskikh" && p.date.year == 2017).expect("a 2017 Krutskikh position");
    assert!(rt.approximate);
    assert!(rt.date_label().starts_with("c. "), "{}", rt.date_label());
    let nw = c.positions.iter().find(|p| p.meta.actor == "lyukmanov").expect("a Lyukmanov position");
    assert!(!nw.approximate, "the Newsweek interview's date is exact");
}
