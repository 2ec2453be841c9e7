//! The view models of the screens over the shipped corpus: what the table, the search
//! results, the panel and the documents list show. Asserts properties, not statement ids.

mod search_common;

use stance_core::meta::DocumentMeta;
use stance_core::model::{Corpus, Document, Statement, StatementKind};
use stance_core::search::Index;
use stance_core::view::documents::{document_cards, document_cards_page};
use stance_core::view::panel::{panel, CONTEXT_CHARS};
use stance_core::view::results::{count_label, facet_groups, result_rows};
use stance_core::view::table::{caption, row_order, table_rows, Sort, SortKey};
use stance_core::view::{search, Results};

fn shipped() -> (Corpus, Index) {
    let c = search_common::shipped();
    let i = Index::build(&c);
    (c, i)
}

fn days(c: &Corpus, order: &[(usize, usize)]) -> Vec<i64> {
    order.iter().map(|&(s, _)| c.statement_date(&c.statements[s]).best_day().unwrap_or(i64::MAX)).collect()
}

#[test]
fn row_order_is_time_order_when_browsing_and_rank_order_when_searching() {
    let (c, i) = shipped();
    let browse = search(&c, &i, "", None);
    let order = row_order(&c, &browse, None);
    assert_eq!(order.len(), c.statements.len());
    assert!(days(&c, &order).windows(2).all(|w| w[0] <= w[1]));
    // Ties (statements of one day) in corpus order, each row with its own hit number.
    let d = days(&c, &order);
    assert!(order.windows(2).zip(d.windows(2)).all(|(o, d)| d[0] < d[1] || o[0].0 < o[1].0), "ties in corpus order");
    assert!(order.iter().all(|&(s, h)| browse.hit(h) == Some(s)));
    let desc = row_order(&c, &browse, Some(Sort::new(SortKey::Date, false)));
    assert_eq!(desc.len(), order.len());
    assert!(days(&c, &desc).windows(2).all(|w| w[0] >= w[1]));
    let hits = search(&c, &i, "cyber", None);
    let ranked = row_order(&c, &hits, None);
    assert_eq!(ranked.iter().map(|&(s, _)| s).collect::<Vec<_>>(), hits.hits().collect::<Vec<_>>());
}

#[test]
fn speaker_sort_is_by_name_with_unattributed_after_every_name() {
    let (c, i) = shipped();
    let browse = search(&c, &i, "", None);
    let name = |s: usize| c.statements[s].speaker.as_deref().map(|a| c.actor_name(a).to_lowercase());
    let up: Vec<Option<String>> = row_order(&c, &browse, Some(Sort::new(SortKey::Speaker, true))).iter().map(|&(s, _)| name(s)).collect();
    let key = |n: &Option<String>| (n.is_none(), n.clone());
    assert!(up.windows(2).all(|w| key(&w[0]) <= key(&w[1])), "ascending, unattributed last");
    let down: Vec<Option<String>> = row_order(&c, &browse, Some(Sort::new(SortKey::Speaker, false))).iter().map(|&(s, _)| name(s)).collect();
    assert!(down.windows(2).all(|w| key(&w[0]) >= key(&w[1])), "descending is the reverse");
}

#[test]
fn table_rows_follow_the_order_and_carry_the_snippet() {
    let (c, i) = shipped();
    let r = search(&c, &i, "cyber", None);
    let order = row_order(&c, &r, None);
    let rows = table_rows(&c, &r, &order, 5);
    assert_eq!(rows.len(), 5.min(order.len()));
    for (row, &(s, _)) in rows.iter().zip(&order) {
        assert_eq!(row.summary.index, s);
        assert_eq!(row.summary.id, c.statements[s].id);
        let marked: String = row.snippet.pieces().into_iter().filter(|(_, hit)| *hit).map(|(t, _)| t.to_lowercase()).collect();
        assert!(marked.contains("cyber"), "{marked:?}");
    }
    let text = caption(order.len(), r.filtering, "cyber", false, Sort::effective(None, r.filtering));
    assert_eq!(text, format!("{} statements matching “cyber”, best match first", order.len()));
}

#[test]
fn the_search_screen_counts_and_lists_hits() {
    let (c, i) = shipped();
    let all = search(&c, &i, "", None);
    assert_eq!(count_label(&all), format!("{} statements", c.statements.len()));
    assert!(!all.filtering && (0..c.statements.len()).all(|s| !all.highlights(s)));
    let r: Results = search(&c, &i, "Krutskih", None);
    assert!(r.filtering && r.hit_count() > 0);
    assert!(count_label(&r).ends_with(if r.hit_count() == 1 { "statement matches" } else { "statements match" }));
    let rows = result_rows(&c, &r, 3);
    assert_eq!(rows.len(), 3.min(r.hit_count()));
    assert!(rows.iter().all(|row| r.highlights(row.summary.index)));
    // Facets come in the one order of the fields, and only those with values.
    let (groups, selected) = facet_groups(&search(&c, &i, "speaker:krutskikh", None), &i);
    assert_eq!(selected, 1);
    let labels: Vec<&str> = groups.iter().map(|g| g.label).collect();
    let order = ["Speaker", "Topic", "Year", "Document", "Kind"];
    let mut expected: Vec<&str> = order.to_vec();
    expected.retain(|l| labels.contains(l));
    assert_eq!(labels, expected);
}

#[test]
fn the_panel_shows_the_statement_in_its_context() {
    let (c, _) = shipped();
    for (k, s) in c.statements.iter().enumerate().step_by(7) {
        let p = panel(&c, &s.id).expect("a panel for every statement");
        assert_eq!(p.summary.index, k);
        assert_eq!(p.summary.text, c.statement_text(s));
        assert!(p.before.chars().count() <= CONTEXT_CHARS + 1 && p.after.chars().count() <= CONTEXT_CHARS + 1);
        assert!(p.citation.contains(&s.id));
        assert!(p.bibtex.starts_with('@') && p.bibtex.contains(&s.id), "{}", p.bibtex);
        let csl: serde_json::Value = serde_json::from_str(&p.csl_json).expect("CSL-JSON");
        assert_eq!(csl[0]["id"], s.id.as_str());
        assert_eq!(p.references.len(), s.references.len());
    }
    assert!(panel(&c, "no-such-statement").is_none());
}

#[test]
fn documents_are_listed_oldest_first_with_their_statement_counts() {
    let (c, _) = shipped();
    let cards = document_cards(&c);
    assert_eq!(cards.len(), c.documents.len());
    let total: usize = cards.iter().map(|d| d.statements).sum();
    assert_eq!(total, c.statements.len());
    for card in &cards {
        let (di, _) = c.document_by_id(&card.id).unwrap();
        assert_eq!(card.statements, c.statements.iter().filter(|s| s.doc == di).count());
        assert_eq!(card.href, format!("#/reader?doc={}", card.id));
    }
    let days: Vec<i64> = cards.iter().map(|d| c.document_by_id(&d.id).unwrap().1.meta.date.best_day().unwrap_or(i64::MAX)).collect();
    assert!(days.windows(2).all(|w| w[0] <= w[1]));
}

#[test]
fn a_page_of_documents_is_the_start_of_the_whole_list() {
    // Same-day and undated documents among dated ones: ties keep corpus order.
    let (mut c, _) = shipped();
    let base = c.documents.clone();
    for k in 0..12 {
        let mut d = base[k % base.len()].clone();
        d.meta.id = format!("extra-{k}");
        if k % 3 == 0 {
            d.meta.date = Default::default();
        }
        c.documents.push(d);
    }
    let all = document_cards(&c);
    for limit in [0, 1, 2, 5, all.len(), all.len() + 3] {
        let (page, total) = document_cards_page(&c, limit);
        assert_eq!(total, c.documents.len());
        assert_eq!(page, all[..limit.min(all.len())].to_vec(), "limit {limit}");
    }
    let undated: Vec<&str> = all.iter().filter(|d| c.document_by_id(&d.id).unwrap().1.meta.date.best_day().is_none()).map(|d| d.id.as_str()).collect();
    let in_corpus_order: Vec<&str> = c.documents.iter().filter(|d| d.meta.date.best_day().is_none()).map(|d| d.meta.id.as_str()).collect();
    assert_eq!(undated, in_corpus_order);
    assert!(all.iter().rev().take(undated.len()).all(|d| undated.contains(&d.id.as_str())), "undated last");
}

/// The documents list was O(documents × statements): 100,000 tiny documents took 15 s.
#[test]
fn the_documents_list_is_linear() {
    let time = |n: usize| {
        let documents: Vec<Document> = (0..n)
            .map(|i| Document {
                meta: DocumentMeta { id: format!("d{i}"), ..DocumentMeta::default() },
                text: String::new(),
                body_end: 0,
                excluded: vec![],
            })
            .collect();
        let statements: Vec<Statement> = (0..n)
            .map(|i| Statement { id: format!("s{i}"), doc: i, kind: StatementKind::Quote, speaker: None, attribution: Default::default(), start: 0, end: 0, topics: vec![], references: vec![] })
            .collect();
        let c = Corpus { documents, statements, ..Corpus::default() };
        (0..3)
            .map(|_| {
                let t = std::time::Instant::now();
                let cards = document_cards(&c);
                assert!(cards.iter().all(|d| d.statements == 1));
                t.elapsed().as_secs_f64()
            })
            .fold(f64::INFINITY, f64::min)
    };
    let (small, large) = (time(5_000), time(20_000));
    assert!(large < small * 4.0 * 2.5, "4x the documents took {:.1}x the time ({small:.4}s, {large:.4}s)", large / small);
}

#[test]
fn a_quote_card_shows_the_statement_its_source_and_a_way_back() {
    use stance_core::view::quote::quote_card;
    let (c, _) = shipped();
    for s in c.statements.iter().step_by(5) {
        let q = quote_card(&c, &s.id).expect("a card for every statement");
        assert_eq!(q.summary.text, c.statement_text(s).trim());
        let doc = &c.documents[s.doc].meta;
        assert!(q.source.starts_with(&doc.title) && (doc.outlet.is_empty() || q.source.ends_with(&doc.outlet)), "{}", q.source);
        let (back, notices) = stance_core::url_state::ViewState::from_fragment(&q.in_context.to_fragment());
        assert!(notices.is_empty());
        assert_eq!(back.document.as_deref(), Some(doc.id.as_str()));
        assert_eq!(back.selected.as_deref(), Some(s.id.as_str()));
    }
    assert!(quote_card(&c, "no-such-statement").is_none());
}
