//! Search over the shipped corpus. Asserts properties, not statement ids, since
//! segmentation may change.

mod search_common;

use stance_core::search::{Index, SearchOptions, SearchResults};
use stance_core::Corpus;

fn all(c: &Corpus, i: &Index, q: &str) -> SearchResults {
    i.search(c, q, &SearchOptions { limit: usize::MAX, ..Default::default() })
}

fn set(r: &SearchResults) -> Vec<usize> {
    let mut v: Vec<usize> = r.hits.iter().map(|h| h.statement).collect();
    v.sort_unstable();
    v
}

#[test]
fn spellings_of_a_name_find_the_same_statements() {
    let c = search_common::shipped();
    let i = Index::build(&c);
    let a = all(&c, &i, "Krutskih ");
    let b = all(&c, &i, "Krutskikh ");
    assert!(a.total > 0);
    assert_eq!(set(&a), set(&b));
    // Every hit is his or names him.
    for h in &a.hits {
        let s = &c.statements[h.statement];
        let t = c.statement_text(s);
        assert!(s.speaker.as_deref() == Some("krutskikh") || t.contains("Krutskih") || t.contains("Krutskikh"), "{t}");
    }
}

#[test]
fn acronym_finds_the_long_form() {
    let c = search_common::shipped();
    let i = Index::build(&c);
    let r = all(&c, &i, "OEWG");
    assert!(r.total >= 1);
    assert!(r.hits.iter().any(|h| c.statement_text(&c.statements[h.statement]).contains("Open-ended Working Group")));
    let r = all(&c, &i, "ICT security ");
    assert!(r.hits.iter().any(|h| c.statement_text(&c.statements[h.statement]).contains("information security")));
}

#[test]
fn typo_finds_the_word() {
    let c = search_common::shipped();
    let i = Index::build(&c);
    let r = all(&c, &i, "cyberspase ");
    assert!(r.total > 0);
    assert!(r.hits.iter().any(|h| c.statement_text(&c.statements[h.statement]).contains("cyberspace")));
    assert!(r.suggestions.is_empty());
    assert!(r.problems.is_empty());
}

#[test]
fn speaker_and_year_filter() {
    let c = search_common::shipped();
    let i = Index::build(&c);
    let r = all(&c, &i, "speaker:lyukmanov year:2022");
    assert!(r.total > 0);
    assert!(r.problems.is_empty(), "{:?}", r.problems);
    for h in &r.hits {
        let s = &c.statements[h.statement];
        assert_eq!(c.documents[s.doc].meta.id, "newsweek-2022");
        assert_eq!(s.speaker.as_deref(), Some("lyukmanov"));
    }
    assert_eq!(all(&c, &i, "speaker:Lyukmanov year:2017..2018").total, 0);
}

#[test]
fn every_snippet_highlight_is_a_word_of_its_statement() {
    let c = search_common::shipped();
    let i = Index::build(&c);
    for q in ["security", "cyber", "\"rules of the road\"", "UN", "Washington -nuclear", "negotiatons"] {
        let r = all(&c, &i, q);
        for h in &r.hits {
            let s = &c.statements[h.statement];
            let text = &c.documents[s.doc].text;
            for &(a, b) in &h.snippet.highlights {
                assert!(s.start <= a && b <= s.end, "{q}");
                assert!(text[a..b].chars().all(|ch| ch.is_alphanumeric() || ".'’_".contains(ch)), "{q}: {:?}", &text[a..b]);
            }
        }
    }
}

#[test]
fn only_the_first_hits_get_snippets_when_asked() {
    let c = search_common::shipped();
    let i = Index::build(&c);
    let opts = SearchOptions { limit: usize::MAX, snippets: 2, ..SearchOptions::default() };
    let r = i.search(&c, "cyber", &opts);
    assert!(r.hits.len() > 3);
    assert!(r.hits[..2].iter().all(|h| !h.snippet.highlights.is_empty()));
    for h in &r.hits[2..] {
        let s = &c.statements[h.statement];
        assert!(h.snippet.highlights.is_empty());
        assert_eq!((h.snippet.start, h.snippet.end), (s.start, s.end), "the whole statement");
    }
    // Same hits, same order, as with every snippet computed.
    let full = i.search(&c, "cyber", &SearchOptions { limit: usize::MAX, ..SearchOptions::default() });
    assert_eq!(set(&r), set(&full));
}
