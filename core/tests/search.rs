//! Search over small fixture corpora: ranking, typos, prefixes, synonyms, phrases,
//! filters, facets, snippets, browse mode, suggestions, Russian.

mod search_common;

use search_common::fixture;
use stance_core::search::tokenize::fold;
use stance_core::search::{Index, SearchOptions, SearchResults};
use stance_core::{Corpus, StatementKind};

fn run(c: &Corpus, q: &str) -> SearchResults {
    Index::build(c).search(c, q, &SearchOptions::default())
}

fn ids(c: &Corpus, r: &SearchResults) -> Vec<String> {
    r.hits.iter().map(|h| c.statements[h.statement].id.clone()).collect()
}

fn text_of<'a>(c: &'a Corpus, r: &SearchResults, i: usize) -> &'a str {
    c.statement_text(&c.statements[r.hits[i].statement])
}

#[test]
fn all_words_must_match() {
    let c = fixture::standard();
    let r = run(&c, "rules cyberspace ");
    assert!(r.total >= 2);
    for h in &r.hits {
        let t = c.statement_text(&c.statements[h.statement]).to_lowercase();
        assert!(t.contains("rules") && t.contains("cyberspace") || c.documents[c.statements[h.statement].doc].meta.title.contains("cyberspace"), "{t}");
    }
}

#[test]
fn quotes_rank_above_narration() {
    let c = fixture::standard();
    let r = run(&c, "\"rules of the road\"");
    let top = &c.statements[r.hits[0].statement];
    assert_eq!(top.kind, StatementKind::Quote);
    assert_eq!(r.total, 2, "the answer has 'road' and 'rules' but not the phrase: {:?}", ids(&c, &r));
}

#[test]
fn exact_ranks_above_typo_and_typos_scale_with_length() {
    let c = fixture::standard();
    let r = run(&c, "security ");
    // "security" (exact) and "securty" (one edit) both match; the exact one first.
    assert!(r.total >= 2);
    assert!(text_of(&c, &r, 0).contains("security"));
    assert!(ids(&c, &r).contains(&"d2-0".to_string()));
    // A typo in the query: 8+ letters allow two edits.
    let r = run(&c, "cyberspase ");
    assert!(r.total >= 3);
    let r = run(&c, "cybrspase ");
    assert!(r.total >= 3, "two edits in a 9-letter word");
    // Under 4 letters: no typo allowed ("rode" would be one edit from "road" but "rod" is 3 letters... use "raod").
    assert_eq!(run(&c, "rod ").total, 0);
    assert!(run(&c, "raod ").total >= 1, "transposition in a 4-letter word is one edit");
}

#[test]
fn prefix_only_for_the_word_being_typed() {
    let c = fixture::standard();
    assert!(run(&c, "council secu").total >= 1);
    assert_eq!(run(&c, "secu council").total, 0, "a finished word is not a prefix");
    assert_eq!(run(&c, "council secu ").total, 0, "a trailing space ends the word");
    // Prefix matches rank below exact ones.
    let r = run(&c, "road");
    assert!(r.total >= 3);
}

#[test]
fn synonyms_and_aliases() {
    let c = fixture::standard();
    let r = run(&c, "OEWG");
    assert_eq!(ids(&c, &r), ["d1-3"]);
    let hl = &r.hits[0].snippet.highlights;
    let doc = &c.documents[0].text;
    let words: Vec<&str> = hl.iter().map(|&(a, b)| &doc[a..b]).collect();
    assert_eq!(words, ["Open", "ended", "Working", "Group"]);
    let r = run(&c, "ICT security ");
    let found = ids(&c, &r);
    assert!(found.contains(&"d2-0".to_string()), "information security: {found:?}");
    // An alias finds the speaker's statements.
    let a = run(&c, "Ivanova ");
    let b = run(&c, "Anna Ivanova ");
    assert_eq!(ids(&c, &a).len(), a.total);
    let mut x = ids(&c, &a);
    let mut y = ids(&c, &b);
    x.sort();
    y.sort();
    assert_eq!(x, y);
    assert!(a.hits.iter().all(|h| c.statements[h.statement].speaker.as_deref() == Some("anna") || c.statement_text(&c.statements[h.statement]).contains("Иванова")));
}

#[test]
fn phrases_are_positional_and_exclusions_remove() {
    let c = fixture::standard();
    let r = run(&c, "\"working group\"");
    assert_eq!(r.total, 2);
    let r = run(&c, "\"group working\"");
    assert_eq!(r.total, 0);
    let all = run(&c, "cyberspace ").total;
    let r = run(&c, "cyberspace -council");
    assert!(r.total < all);
    assert!(r.hits.iter().all(|h| !c.statement_text(&c.statements[h.statement]).contains("council")));
    let r = run(&c, "cyberspace -\"rules of the road\"");
    assert!(r.hits.iter().all(|h| !c.statement_text(&c.statements[h.statement]).contains("ules of the road")));
}

#[test]
fn field_filters() {
    let c = fixture::standard();
    let idx = Index::build(&c);
    let o = SearchOptions::default();
    let speaker = |q: &str| idx.search(&c, q, &o).hits.iter().map(|h| c.statements[h.statement].speaker.clone().unwrap_or_default()).collect::<Vec<_>>();
    assert!(speaker("speaker:anna").iter().all(|s| s == "anna"));
    assert_eq!(speaker("speaker:ANNA").len(), 3);
    assert_eq!(speaker("speaker:\"anna ivanova\"").len(), 3);
    assert_eq!(speaker("speaker:Иванова").len(), 3);
    assert_eq!(speaker("speaker:anna speaker:bob").len(), 5);
    assert!(speaker("-speaker:outlet").iter().all(|s| s != "outlet"));
    let r = idx.search(&c, "topic:\"cyber norms\"", &o);
    assert_eq!(r.total, 3);
    assert_eq!(idx.search(&c, "document:d2", &o).total, 3);
    assert_eq!(idx.search(&c, "kind:answer", &o).total, 3);
    assert_eq!(idx.search(&c, "year:2020", &o).total, 3);
    assert_eq!(idx.search(&c, "year:2019..", &o).total, 5);
    assert_eq!(idx.search(&c, "year:..2018", &o).total, 4);
    assert_eq!(idx.search(&c, "year:2018..2020 road", &o).total, 3);
    // A misspelt speaker is taken as the nearest, and said so.
    let r = idx.search(&c, "speaker:ivanovo", &o);
    assert_eq!(r.total, 3);
    assert_eq!(r.problems.len(), 1);
    // An unknown one is left out, and said so.
    let r = idx.search(&c, "speaker:nobody road", &o);
    assert!(r.total > 0);
    assert!(r.problems[0].contains("nobody"), "{:?}", r.problems);
}

#[test]
fn time_window_option() {
    let c = fixture::standard();
    let idx = Index::build(&c);
    let day = |s: &str| stance_core::date::PartialDate::parse(s).unwrap().first_day();
    let o = SearchOptions { window: Some((day("2019-01-01"), day("2020-12-31"))), ..Default::default() };
    let r = idx.search(&c, "", &o);
    assert_eq!(r.total, 3);
    assert!(r.hits.iter().all(|h| c.statements[h.statement].doc == 1));
}

#[test]
fn facets_are_disjunctive() {
    let c = fixture::standard();
    let r = run(&c, "speaker:anna");
    let count = |v: &[stance_core::search::FacetCount], k: &str| v.iter().find(|f| &*f.value == k).map_or(0, |f| f.count);
    // The speaker facet ignores its own filter...
    assert_eq!(count(&r.facets.speaker, "anna"), 3);
    assert_eq!(count(&r.facets.speaker, "bob"), 2);
    assert!(r.facets.speaker.iter().find(|f| &*f.value == "anna").unwrap().selected);
    // ...the others count Anna's statements only.
    assert_eq!(count(&r.facets.kind, "quote"), 1);
    assert_eq!(count(&r.facets.kind, "answer"), 2);
    assert_eq!(count(&r.facets.kind, "narration"), 0);
    assert_eq!(count(&r.facets.topic, "norms"), 2);
    assert_eq!(count(&r.facets.year, "2021"), 1);
    assert_eq!(count(&r.facets.document, "d2"), 0);
    assert_eq!(r.facets.year.iter().map(|f| &*f.value).collect::<Vec<_>>(), ["2018", "2021"]);
}

#[test]
fn browse_mode_lists_everything_in_order() {
    let c = fixture::standard();
    let r = run(&c, "");
    assert_eq!(r.total, c.statements.len());
    assert_eq!(r.hits.iter().map(|h| h.statement).collect::<Vec<_>>(), (0..c.statements.len()).collect::<Vec<_>>());
    assert_eq!(r.facets.speaker.iter().map(|f| f.count).sum::<usize>(), c.statements.len());
    let r = run(&c, "kind:narration");
    assert_eq!(r.total, 3);
    assert!(r.hits.windows(2).all(|w| w[0].statement < w[1].statement));
    let idx = Index::build(&c);
    let page = idx.search(&c, "", &SearchOptions { limit: 2, offset: 3, ..Default::default() });
    assert_eq!(page.hits.iter().map(|h| h.statement).collect::<Vec<_>>(), [3, 4]);
}

#[test]
fn snippet_highlights_are_the_matched_words() {
    let c = fixture::standard();
    for q in ["cyberspace ", "rules road", "securty", "безопасности", "cybercrime", "\"working group\""] {
        let r = run(&c, q);
        assert!(r.total > 0, "{q}");
        for h in &r.hits {
            let s = &c.statements[h.statement];
            let text = &c.documents[s.doc].text;
            let sn = &h.snippet;
            assert!(s.start <= sn.start && sn.end <= s.end, "{q}");
            for &(a, b) in &sn.highlights {
                assert!(sn.start <= a && b <= sn.end);
                let word = fold(&text[a..b]);
                assert!(!word.is_empty());
            }
        }
    }
    let r = run(&c, "cyberspace ");
    let s = &c.statements[r.hits[0].statement];
    let text = &c.documents[s.doc].text;
    for &(a, b) in &r.hits[0].snippet.highlights {
        assert_eq!(fold(&text[a..b]), "cyberspace");
    }
}

#[test]
fn long_statements_get_a_window_around_the_matches() {
    use StatementKind::*;
    let filler = "lorem ipsum dolor sit amet ".repeat(30);
    let text = format!("{filler}the special target word appears here {filler}");
    let c = fixture::corpus(vec![], vec![], &[], vec![fixture::Doc { id: "long", language: "en", date: "2020-01-01", title: "t", statements: vec![(Narration, None, &[], text.as_str())] }]);
    let r = run(&c, "special target ");
    let sn = &r.hits[0].snippet;
    assert!(sn.cut_start && sn.cut_end);
    let passage = &c.documents[0].text[sn.start..sn.end];
    assert!(passage.contains("special target word"));
    assert!(passage.split_whitespace().count() <= stance_core::search::snippet::SNIPPET_WORDS);
    assert_eq!(sn.highlights.len(), 2);
}

#[test]
fn suggestions_for_words_that_match_nothing() {
    let c = fixture::standard();
    let r = run(&c, "xylophone council");
    assert_eq!(r.total, 0);
    assert_eq!(r.suggestions.len(), 1);
    assert_eq!(r.suggestions[0].word, "xylophone");
    let r = run(&c, "negotiationsss ");
    assert!(r.total > 0, "two edits");
    let r = run(&c, "negxtaitionxs ");
    assert_eq!(r.total, 0);
    assert_eq!(r.suggestions[0].nearest.first().map(String::as_str), Some("negotiations"));
    assert_eq!(r.suggested_query().as_deref(), Some("negotiations"));
}

#[test]
fn russian_stemming_and_folding() {
    let c = fixture::standard();
    // Different case ending, same stem.
    assert_eq!(ids(&c, &run(&c, "информационной ")), ["d3-0"]);
    // A word of the title reaches every statement of the document.
    assert_eq!(run(&c, "безопасности ").total, 2);
    // ё folds to е, in the text and in the query.
    // A query of stop words only still searches them.
    assert_eq!(ids(&c, &run(&c, "еще ")), ["d3-0"]);
    assert_eq!(ids(&c, &run(&c, "доверия ещё")), ["d3-0"]);
    assert_eq!(ids(&c, &run(&c, "правила ")), ["d3-1"]);
    // A Cyrillic alias finds the speaker (name field) and the mention.
    let r = run(&c, "Иванова ");
    assert!(r.total >= 4, "{:?}", ids(&c, &r));
}

#[test]
fn statements_from_the_pipeline_are_searchable() {
    use stance_core::corpus::{self, Source};
    use std::collections::BTreeMap;
    let mut meta = fixture::standard().meta;
    meta.documents.truncate(1);
    meta.documents[0].speakers = vec!["anna".into()];
    let mut files = BTreeMap::new();
    files.insert("d1.txt".to_string(), "Anna Ivanova said the “rules of the road” must be binding.\n\nThe council met in Geneva.".as_bytes().to_vec());
    let c = corpus::build(Source { meta, lines: Default::default(), meta_file: "test".into(), files }).expect("fixture builds");
    let r = run(&c, "\"rules of the road\"");
    assert!(r.total >= 1);
    let s = &c.statements[r.hits[0].statement];
    assert!(c.statement_text(s).contains("rules of the road"));
    assert_eq!(run(&c, "geneva").total, 1);
}

#[test]
fn index_can_be_shared() {
    fn shareable<T: Send + Sync + Clone + std::fmt::Debug>() {}
    shareable::<Index>();
}

#[test]
fn exact_ranks_above_prefix_and_synonym() {
    use StatementKind::*;
    let c = fixture::corpus(
        vec![],
        vec![],
        &[&["UN", "United Nations"]],
        vec![fixture::Doc {
            id: "p",
            language: "en",
            date: "2020-01-01",
            title: "t",
            statements: vec![
                (Narration, None, &[], "A roadmap was agreed at the United Nations."),
                (Narration, None, &[], "The road was long, said the UN envoy."),
            ],
        }],
    );
    let r = run(&c, "road");
    assert_eq!(ids(&c, &r), ["p-1", "p-0"], "exact 'road' above prefix 'roadmap'");
    let r = run(&c, "UN ");
    assert_eq!(ids(&c, &r), ["p-1", "p-0"], "the typed member above the other members of its group");
    let r = run(&c, "United Nations ");
    assert_eq!(ids(&c, &r), ["p-0", "p-1"]);
}
