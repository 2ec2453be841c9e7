//! Property tests: no query panics, and the parser round-trips.

mod search_common;

use proptest::prelude::*;
use stance_core::search::{Index, Query, SearchOptions};
use std::sync::OnceLock;

fn fixture() -> &'static (stance_core::Corpus, Index) {
    static F: OnceLock<(stance_core::Corpus, Index)> = OnceLock::new();
    F.get_or_init(|| {
        let c = search_common::fixture::standard();
        let i = Index::build(&c);
        (c, i)
    })
}

/// Query-like strings: words, quotes, minus signs, fields, ranges, Cyrillic, accents.
fn query_like() -> impl Strategy<Value = String> {
    let atom = prop_oneof![
        "[a-zA-Zа-яё]{0,10}",
        Just("\"".to_string()),
        Just("-".to_string()),
        Just(" ".to_string()),
        Just(":".to_string()),
        Just("..".to_string()),
        "(speaker|topic|document|kind|year|foo|SPEAKER):",
        "[0-9]{1,5}",
        Just("OEWG".to_string()),
        Just("é\u{301}".to_string()),
        "\\PC{0,3}",
    ];
    prop::collection::vec(atom, 0..12).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn no_query_panics(q in query_like()) {
        let (c, i) = fixture();
        let r = i.search(c, &q, &SearchOptions { limit: 5, ..Default::default() });
        prop_assert!(r.hits.len() <= 5);
        prop_assert!(r.hits.len() <= r.total);
        for h in &r.hits {
            let s = &c.statements[h.statement];
            prop_assert!(s.start <= h.snippet.start && h.snippet.end <= s.end);
        }
    }

    #[test]
    fn arbitrary_text_never_panics(q in "\\PC{0,40}") {
        let (c, i) = fixture();
        let _ = i.search(c, &q, &SearchOptions::default());
    }

    #[test]
    fn parser_round_trips(q in query_like()) {
        let parsed = Query::parse(&q);
        let again = Query::parse(&parsed.to_string());
        prop_assert_eq!(parsed, again);
    }

    #[test]
    fn parser_round_trips_any_text(q in "\\PC{0,40}") {
        let parsed = Query::parse(&q);
        prop_assert_eq!(Query::parse(&parsed.to_string()), parsed);
    }
}
