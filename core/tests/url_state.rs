//! URL view state: encoding, decoding with notices, round trips, corpus validation.

use proptest::prelude::*;
use stance_core::date::{days_from_civil, DateSpec, PartialDate};
use stance_core::meta::{ActorMeta, CorpusMeta, DocumentMeta, TopicMeta};
use stance_core::model::{Corpus, Document, Statement, StatementKind};
use stance_core::timeline::LaneMode;
use stance_core::url_state::*;

fn decode(fragment: &str) -> (ViewState, Vec<String>) {
    let (state, notices) = ViewState::from_fragment(fragment);
    (state, notices.into_iter().map(|n| n.message).collect())
}

fn day(y: i32, m: u8, d: u8) -> i64 {
    days_from_civil(y, m, d)
}

#[test]
fn default_state_is_just_the_root() {
    assert_eq!(ViewState::default().to_fragment(), "#/");
    for empty in ["", "#", "#/", "/", "#/timeline", "#/timeline/", "#/?"] {
        assert_eq!(decode(empty), (ViewState::default(), vec![]), "{empty:?}");
    }
}

#[test]
fn encodes_the_documented_example() {
    let state = ViewState {
        query: "cyber norms".into(),
        lanes: LaneMode::Speaker,
        window: Some((day(2017, 1, 1), day(2018, 12, 31))),
        selected: Some("rt-2017-abcdef12".into()),
        ..Default::default()
    };
    let url = "#/timeline?q=cyber%20norms&lanes=speaker&from=2017-01-01&to=2018-12-31&sel=rt-2017-abcdef12";
    assert_eq!(state.to_fragment(), url);
    assert_eq!(decode(url), (state, vec![]));
}

#[test]
fn encodes_every_field() {
    let state = ViewState {
        view: View::Compare,
        query: "a&b=c #d 100% +e ü".into(),
        lanes: LaneMode::Document,
        window: Some((day(2019, 3, 1), day(2019, 3, 31))),
        zoom: Some((day(2018, 1, 1) as f64, day(2020, 1, 1) as f64)),
        selected: Some("s1".into()),
        document: Some("doc-1".into()),
        compare: vec![
            CompareItem::Statement("s2".into()),
            CompareItem::Stance { actor: "lavrov".into(), topic: "norms".into() },
        ],
        topic: Some("norms".into()),
        actor: Some("lavrov".into()),
        corpus: Some("https://example.org/c.json?x=1".into()),
    };
    let url = state.to_fragment();
    assert_eq!(
        url,
        "#/compare?q=a%26b%3Dc%20%23d%20100%25%20%2Be%20%C3%BC&lanes=document&from=2019-03-01&to=2019-03-31\
         &zoom=2018-01-01..2020-01-01&sel=s1&doc=doc-1&cmp=s2&cmp=lavrov:norms&topic=norms&actor=lavrov\
         &corpus=https://example.org/c.json%3Fx%3D1"
    );
    assert_eq!(decode(&url), (state, vec![]));
}

#[test]
fn views_have_paths() {
    for view in View::ALL {
        let state = ViewState { view, ..Default::default() };
        let url = state.to_fragment();
        assert_eq!(decode(&url).0, state);
        assert_eq!(View::parse(view.as_str()), Some(view));
    }
    assert_eq!(ViewState { view: View::Table, ..Default::default() }.to_fragment(), "#/table");
    assert_eq!(decode("#/TABLE").0.view, View::Table);
}

#[test]
fn plus_is_a_space_and_bad_escapes_stay() {
    let (s, n) = decode("#/?q=cyber+norms%2b%zz%4");
    assert_eq!(s.query, "cyber norms+%zz%4");
    assert!(n.is_empty());
    let (s, n) = decode("#/?q=%ff%fe");
    assert_eq!(s.query, "\u{fffd}\u{fffd}");
    assert_eq!(n, ["parameter 'q' is not valid UTF-8: bad bytes replaced by �"]);
}

#[test]
fn bad_input_gives_notices() {
    let (s, n) = decode("#/foo?zzz=1&lanes=colour&from=x&to=2018-02-30&zoom=2018");
    assert_eq!(s, ViewState::default());
    assert_eq!(
        n,
        [
            "unknown view 'foo': showing the timeline",
            "unknown parameter 'zzz' ignored",
            "unknown lane mode 'colour' in lanes: showing lanes by topic",
            "bad date 'x' in from: ignored",
            "bad date '2018-02-30' in to: ignored",
            "bad zoom '2018' (write it as YYYY-MM-DD..YYYY-MM-DD): showing the whole corpus",
        ]
    );
}

#[test]
fn notices_have_kinds() {
    use NoticeKind::*;
    let kinds = |f: &str| ViewState::from_fragment(f).1.into_iter().map(|n| n.kind).collect::<Vec<_>>();
    assert_eq!(
        kinds("#/foo?zzz=1&lanes=colour&from=x&zoom=2018&q=a&q=b"),
        [UnknownView, UnknownParameter, UnknownLaneMode, BadDate, BadZoom, RepeatedParameter]
    );
    assert_eq!(kinds("#/?from=2019-01-01&to=2018-01-01"), [BackwardsWindow]);
    assert_eq!(kinds("#/compare?cmp=a&cmp=b&cmp=c&cmp=%3A"), [TooManyCompared, BadCompare]);
    assert_eq!(kinds("#/?q=%FF"), [BadUtf8]);
    assert_eq!(kinds(&format!("#/?q={}", "a".repeat(MAX_INPUT_BYTES + 1))), [TooLong]);
    assert_eq!(kinds("#/table?q=cyber&lanes=speaker"), []);
    let mut state = ViewState { selected: Some("gone".into()), ..ViewState::default() };
    assert_eq!(state.validate(&corpus()).into_iter().map(|n| n.kind).collect::<Vec<_>>(), [NotInCorpus]);
}

#[test]
fn reversed_window_is_swapped() {
    let (s, n) = decode("#/?from=2019-01-01&to=2018-01-01");
    assert_eq!(s.window, Some((day(2018, 1, 1), day(2019, 1, 1))));
    assert_eq!(n, ["the window starts (2019-01-01) after it ends (2018-01-01): swapped"]);
}

#[test]
fn partial_and_one_sided_windows() {
    let (s, n) = decode("#/?from=2018&to=2019-02");
    assert!(n.is_empty());
    assert_eq!(s.window, Some((day(2018, 1, 1), day(2019, 2, 28))));
    let (s, _) = decode("#/?from=2018-05-01");
    assert_eq!(s.window, Some((day(2018, 5, 1), max_url_day())));
    assert_eq!(s.to_fragment(), "#/timeline?from=2018-05-01");
    let (s, _) = decode("#/?to=2018-05-01");
    assert_eq!(s.window, Some((min_url_day(), day(2018, 5, 1))));
    assert_eq!(s.to_fragment(), "#/timeline?to=2018-05-01");
    let everything = ViewState { window: Some((min_url_day(), max_url_day())), ..Default::default() };
    assert_eq!(decode(&everything.to_fragment()).0, everything);
}

#[test]
fn zoom_notices() {
    let (s, n) = decode("#/?zoom=2019-01-01..2018-01-01");
    assert_eq!(s.zoom, None);
    assert_eq!(n.len(), 1);
    assert!(n[0].contains("must start before it ends"), "{n:?}");
    let (s, _) = decode("#/?zoom=2017..2018");
    assert_eq!(s.zoom, Some((day(2017, 1, 1) as f64, day(2019, 1, 1) as f64)));
    let fractional = ViewState { zoom: Some((17_000.4, 17_100.6)), ..Default::default() };
    assert_eq!(decode(&fractional.to_fragment()).0.zoom, Some((17_000.0, 17_101.0)));
}

#[test]
fn compare_takes_at_most_two() {
    let (s, n) = decode("#/compare?cmp=a&cmp=lavrov:norms&cmp=c&cmp=:x");
    assert_eq!(
        s.compare,
        [CompareItem::Statement("a".into()), CompareItem::Stance { actor: "lavrov".into(), topic: "norms".into() }]
    );
    assert_eq!(
        n,
        ["only 2 items can be compared: 'c' ignored", "':x' in cmp is neither a statement id nor actor:topic: ignored"]
    );
}

#[test]
fn add_compare_keeps_at_most_two_and_no_duplicates() {
    let s = |id: &str| CompareItem::Statement(id.into());
    let stance = CompareItem::Stance { actor: "a".into(), topic: "t".into() };
    let mut items = vec![];
    add_compare(&mut items, s("x"));
    add_compare(&mut items, s("x"));
    assert_eq!(items, vec![s("x")]);
    add_compare(&mut items, s("y"));
    add_compare(&mut items, stance.clone());
    assert_eq!(items, vec![s("y"), stance]);
    assert_eq!(items.len(), MAX_COMPARE);
}

#[test]
fn repeated_parameter_uses_the_last() {
    let (s, n) = decode("#/?q=one&q=two");
    assert_eq!(s.query, "two");
    assert_eq!(n, ["parameter 'q' appears more than once: the last one is used"]);
}

#[test]
fn search_string_works_and_fragment_wins() {
    let (s, n) = ViewState::from_location("?q=from-search&lanes=speaker&view=table", "");
    assert!(n.is_empty(), "{n:?}");
    assert_eq!((s.view, s.query.as_str(), s.lanes), (View::Table, "from-search", LaneMode::Speaker));
    let (s, n) = ViewState::from_location("?q=from-search&lanes=speaker&view=table", "#/reader?q=from-fragment");
    assert!(n.is_empty(), "{n:?}");
    assert_eq!((s.view, s.query.as_str(), s.lanes), (View::Reader, "from-fragment", LaneMode::Speaker));
    let (s, _) = ViewState::from_location("?view=table", "#/?q=x");
    assert_eq!(s.view, View::Table, "an empty fragment path leaves the view to the search string");
}

#[test]
fn long_input_is_cut_with_a_notice() {
    let long = format!("#/?q={}", "é".repeat(MAX_INPUT_BYTES));
    let (s, n) = decode(&long);
    assert!(s.query.len() < MAX_INPUT_BYTES);
    assert_eq!(n.len(), 1);
    let huge_value = format!("#/?lanes={}", "x".repeat(500));
    let (_, n) = decode(&huge_value);
    assert!(n[0].chars().count() < 150, "notices quote a shortened value: {n:?}");
}

fn corpus() -> Corpus {
    let meta = CorpusMeta {
        actors: vec![ActorMeta { id: "lavrov".into(), name: "Sergey Lavrov".into(), ..Default::default() }],
        topics: vec![TopicMeta { id: "norms".into(), label: "Norms".into(), ..Default::default() }],
        ..Default::default()
    };
    let date = DateSpec { best: PartialDate::parse("2017-07-27").ok(), ..Default::default() };
    let doc = Document {
        meta: DocumentMeta { id: "rt-2017".into(), title: "t".into(), date, ..Default::default() },
        text: "hello world".into(),
        body_end: 11,
        excluded: vec![],
    };
    let statement = Statement {
        id: "rt-2017-abcdef12".into(),
        doc: 0,
        kind: StatementKind::Quote,
        speaker: None,
        attribution: Default::default(),
        start: 0,
        end: 5,
        topics: vec![],
        references: vec![],
    };
    Corpus { meta, documents: vec![doc], statements: vec![statement], positions: vec![] }
}

#[test]
fn validate_clears_unknown_ids() {
    let c = corpus();
    let mut good = ViewState {
        selected: Some("rt-2017-abcdef12".into()),
        document: Some("rt-2017".into()),
        compare: vec![CompareItem::Stance { actor: "lavrov".into(), topic: "norms".into() }],
        topic: Some("norms".into()),
        actor: Some("lavrov".into()),
        ..Default::default()
    };
    let before = good.clone();
    assert!(good.validate(&c).is_empty());
    assert_eq!(good, before);
    let mut bad = ViewState {
        selected: Some("x".into()),
        document: Some("nope".into()),
        compare: vec![
            CompareItem::Statement("gone".into()),
            CompareItem::Stance { actor: "lavrov".into(), topic: "weather".into() },
        ],
        actor: Some("putin".into()),
        ..Default::default()
    };
    let notices: Vec<String> = bad.validate(&c).into_iter().map(|n| n.to_string()).collect();
    assert_eq!(
        notices,
        [
            "the statement 'x' is not in this corpus",
            "the document 'nope' is not in this corpus",
            "the actor 'putin' is not in this corpus",
            "the statement 'gone' is not in this corpus",
            "the topic 'weather' is not in this corpus",
        ]
    );
    assert_eq!(bad, ViewState::default());
}

#[test]
fn percent_encoding_round_trips() {
    for s in ["", "plain", "a b+c&d=e#f%g", "Кибер нормы", "日本語 🙂", "100%", "a/b:c@d,e"] {
        assert_eq!(percent_decode(&encode_component(s)), (s.to_string(), true));
    }
    assert_eq!(encode_component("a b"), "a%20b");
}

// ---------- properties ----------

fn id() -> impl Strategy<Value = String> {
    "[a-z0-9][a-z0-9_-]{0,20}"
}

fn opt_text() -> impl Strategy<Value = Option<String>> {
    prop::option::of(".{1,20}")
}

fn compare_item() -> impl Strategy<Value = CompareItem> {
    prop_oneof![
        "[^:]{1,20}".prop_map(CompareItem::Statement),
        ("[^:]{1,10}", ".{1,10}").prop_map(|(actor, topic)| CompareItem::Stance { actor, topic }),
    ]
}

fn window() -> impl Strategy<Value = Option<(i64, i64)>> {
    let (lo, hi) = (min_url_day(), max_url_day());
    prop::option::of((lo..=hi, lo..=hi).prop_map(|(a, b)| (a.min(b), a.max(b))))
}

fn zoom() -> impl Strategy<Value = Option<(f64, f64)>> {
    prop::option::of((-100_000i64..100_000, 1i64..70_000).prop_map(|(a, span)| (a as f64, (a + span) as f64)))
}

prop_compose! {
    fn state()(
        view in prop::sample::select(View::ALL.to_vec()),
        query in prop_oneof![".{0,30}", "[ &#%=+?/]{0,10}"],
        lanes in prop::sample::select(LaneMode::ALL.to_vec()),
        window in window(),
        zoom in zoom(),
        selected in opt_text(),
        document in prop::option::of(id()),
        compare in prop::collection::vec(compare_item(), 0..=MAX_COMPARE),
        topic in opt_text(),
        actor in opt_text(),
        corpus in opt_text(),
    ) -> ViewState {
        ViewState { view, query, lanes, window, zoom, selected, document, compare, topic, actor, corpus }
    }
}

proptest! {
    #[test]
    fn decode_encode_round_trips(s in state()) {
        let url = s.to_fragment();
        let (decoded, notices) = ViewState::from_fragment(&url);
        prop_assert!(notices.is_empty(), "{url}: {notices:?}");
        prop_assert_eq!(decoded, s);
        // The same parameters in a search string decode the same.
        let search = url.trim_start_matches("#/").split_once('?').map_or("", |(_, q)| q).to_string();
        let (from_search, _) = ViewState::from_location(&format!("?{search}"), url.split('?').next().unwrap_or(""));
        prop_assert_eq!(from_search, ViewState::from_fragment(&url).0);
    }

    #[test]
    fn decoder_never_panics(search in ".{0,80}", fragment in ".{0,200}") {
        let _ = ViewState::from_location(&search, &fragment);
        let _ = ViewState::from_fragment(&fragment);
    }

    #[test]
    fn decoder_survives_url_like_garbage(parts in prop::collection::vec(
        prop_oneof![
            Just("&".to_string()), Just("=".to_string()), Just("%".to_string()), Just("?".to_string()),
            Just("#/".to_string()), Just("from=".to_string()), Just("to=".to_string()), Just("zoom=".to_string()),
            Just("cmp=".to_string()), Just("..".to_string()), Just("%e2%82".to_string()), "[0-9-]{1,12}", ".{0,5}",
        ],
        0..30,
    )) {
        let input = parts.concat();
        let (state, _) = ViewState::from_fragment(&input);
        let (again, notices) = ViewState::from_fragment(&state.to_fragment());
        prop_assert!(notices.is_empty(), "{notices:?}");
        prop_assert_eq!(again, state);
    }
}
