//! Tests over the second fixture corpus (`tests/fixtures/second`): a Russian text with
//! «ёлочки» and „лапки“, a Q&A with its own markers, an undated document with straight
//! quotes, nested single quotes, ellipses and excluded boilerplate.

mod common;

use stance_core::date::Certainty;
use stance_core::model::{Corpus, Statement, StatementKind};

fn corpus() -> Corpus {
    common::build_dir(&common::fixture_dir("second"))
}

fn in_doc<'a>(c: &'a Corpus, doc: &str) -> Vec<&'a Statement> {
    let (di, _) = c.document_by_id(doc).expect("document");
    c.statements.iter().filter(|s| s.doc == di).collect()
}

fn find<'a>(c: &'a Corpus, doc: &str, needle: &str) -> &'a Statement {
    in_doc(c, doc).into_iter().find(|s| c.statement_text(s).contains(needle)).unwrap_or_else(|| panic!("{needle:?} in no statement"))
}

#[test]
fn builds_and_keeps_invariants() {
    let c = corpus();
    common::assert_statement_invariants(&c);
    assert_eq!(c.positions.len(), 3);
}

#[test]
fn russian_quotes_and_speaker() {
    let c = corpus();
    let s = find(&c, "ru", "Мы против милитаризации");
    assert_eq!(s.kind, StatementKind::Quote);
    assert_eq!(s.speaker.as_deref(), Some("krutskikh"));
    assert_eq!(c.statement_text(s), "Мы против милитаризации киберпространства. Нам не нужны „кибер“ пистолеты…");
    // "— добавил он": the pronoun is the last person named.
    let s = find(&c, "ru", "Правила должны быть универсальными");
    assert_eq!((s.kind, s.speaker.as_deref()), (StatementKind::Quote, Some("krutskikh")));
    let s = find(&c, "ru", "По словам Крутских");
    assert_eq!((s.kind, s.speaker.as_deref()), (StatementKind::Reported, Some("krutskikh")));
    assert_eq!(s.references.len(), 1);
    assert_eq!(s.references[0].date.to_string(), "2022-03");
    assert!(s.topics.contains(&"dialogue".to_string()));
}

#[test]
fn qa_with_custom_markers() {
    let c = corpus();
    let stmts = in_doc(&c, "qa");
    assert_eq!(stmts[0].kind, StatementKind::Narration, "the intro before the first turn is prose (it names Petrov but reports nothing he said)");
    let kinds: Vec<StatementKind> = stmts[1..].iter().map(|s| s.kind).collect();
    use StatementKind::{Answer as A, Question as Q};
    assert_eq!(kinds, [Q, A, A, Q, A]);
    for s in &stmts[1..] {
        let want = if s.kind == Q { "interviewer" } else { "petrov" };
        assert_eq!(s.speaker.as_deref(), Some(want));
        assert!(!c.statement_text(s).starts_with("Q:") && !c.statement_text(s).starts_with("A:"));
    }
    // A scare quote inside a question stays in it.
    assert_eq!(c.statement_text(stmts[1]), "Do you believe in “rules-based order”?");
    // The curated tag adds a topic.
    assert!(find(&c, "qa", "What next?").topics.contains(&"dialogue".to_string()));
    let s = find(&c, "qa", "Geneva summit");
    assert_eq!(s.references[0].event.as_deref(), Some("geneva-2021"));
    let s = find(&c, "qa", "since 2011");
    let dates: Vec<String> = s.references.iter().map(|r| r.date.to_string()).collect();
    assert_eq!(dates, ["2011", "2018-03-15"]);
}

#[test]
fn undated_document() {
    let c = corpus();
    let (_, d) = c.document_by_id("undated").expect("doc");
    assert_eq!(d.meta.date.certainty, Certainty::Unknown);
    assert!(d.meta.date.best.is_none());
    let s = find(&c, "undated", "We want 'clear' rules... and we want them now");
    assert_eq!((s.kind, s.speaker.as_deref()), (StatementKind::Quote, Some("petrov")));
    let s = find(&c, "undated", "Nobody wants");
    assert_eq!((s.kind, s.speaker.as_deref()), (StatementKind::Quote, Some("petrov")));
    assert_eq!(c.statement_text(s), "Nobody wants a 'cyber' war…");
    let s = find(&c, "undated", "He said the talks");
    assert_eq!((s.kind, s.speaker.as_deref()), (StatementKind::Reported, Some("petrov")));
    // A month without a year cannot be dated in an undated document; 84 is no year.
    assert!(find(&c, "undated", "in March had 84").references.is_empty());
    assert!(c.statements.iter().all(|s| !c.statement_text(s).contains("Footer")));
    // A position on an undated document takes its explicit date.
    let p = c.positions.iter().find(|p| p.meta.id == "petrov-rules-later").expect("position");
    assert_eq!(p.date.to_string(), "2020");
}

#[test]
fn export_has_unknown_date_as_null() {
    let c = corpus();
    let json = stance_core::export::to_json(&c, &c.statements);
    let rows: serde_json::Value = serde_json::from_str(&json).expect("json");
    let undated = rows.as_array().expect("array").iter().find(|r| r["document"] == "undated").expect("row");
    assert!(undated["date"].is_null());
    assert_eq!(undated["date_certainty"], "unknown");
}
