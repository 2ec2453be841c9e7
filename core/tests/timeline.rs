//! Timeline geometry: scale, ticks, lanes, layout, events row, keyboard navigation.

use proptest::prelude::*;
use stance_core::date::{days_from_civil, Certainty, DateSpec, PartialDate, Precision};
use stance_core::meta::{ActorMeta, CorpusMeta, DocumentMeta, EventMeta, TopicMeta};
use stance_core::model::{Corpus, Document, Reference, Statement, StatementKind};
use stance_core::timeline::*;

// ---------- fixtures ----------

fn exact(date: &str) -> DateSpec {
    DateSpec { best: PartialDate::parse(date).ok(), ..Default::default() }
}

fn approx(best: &str, earliest: &str, latest: &str) -> DateSpec {
    DateSpec {
        best: PartialDate::parse(best).ok(),
        earliest: PartialDate::parse(earliest).ok(),
        latest: PartialDate::parse(latest).ok(),
        certainty: Certainty::Approximate,
        note: None,
    }
}

fn doc(id: &str, title: &str, date: DateSpec) -> Document {
    let meta = DocumentMeta { id: id.into(), file: format!("{id}.txt"), title: title.into(), date, ..Default::default() };
    Document { meta, text: "x".repeat(1000), body_end: 1000, excluded: vec![] }
}

fn stmt(doc: usize, start: usize, speaker: Option<&str>, topics: &[&str]) -> Statement {
    Statement {
        id: format!("d{doc}-{start}"),
        doc,
        kind: StatementKind::Quote,
        speaker: speaker.map(String::from),
        attribution: Default::default(),
        start,
        end: start + 10,
        topics: topics.iter().map(|t| t.to_string()).collect(),
        references: vec![],
    }
}

fn reference(date: &str, event: Option<&str>) -> Reference {
    let date = PartialDate::parse(date).unwrap();
    Reference { text: date.label(), start: 0, end: 4, date, precision: date.precision(), event: event.map(String::from) }
}

/// Three documents (2017 exact, 2019 approximate, undated), two actors, two topics.
fn corpus() -> Corpus {
    let meta = CorpusMeta {
        format: 1,
        title: "test".into(),
        actors: vec![
            ActorMeta { id: "lavrov".into(), name: "Sergey Lavrov".into(), ..Default::default() },
            ActorMeta { id: "krutskikh".into(), name: "Andrey Krutskikh".into(), ..Default::default() },
        ],
        topics: vec![
            TopicMeta { id: "norms".into(), label: "Cyber norms".into(), ..Default::default() },
            TopicMeta { id: "un".into(), label: "UN process".into(), ..Default::default() },
        ],
        events: vec![EventMeta {
            id: "oewg".into(),
            date: PartialDate::parse("2018-12").unwrap(),
            approximate: false,
            label: "OEWG created".into(),
            source: String::new(),
            topics: vec![],
            cues: vec![],
        }],
        ..Default::default()
    };
    let documents = vec![
        doc("a", "Interview A", exact("2017-07-27")),
        doc("b", "Interview B", approx("2019-03-15", "2019-03-01", "2019-03-31")),
        doc("c", "Undated note", DateSpec { certainty: Certainty::Unknown, ..Default::default() }),
    ];
    let mut s2 = stmt(1, 0, Some("krutskikh"), &["un"]);
    s2.references = vec![reference("2018-12", Some("oewg")), reference("2011", None)];
    let statements = vec![
        stmt(0, 0, Some("lavrov"), &["norms", "un"]),
        stmt(0, 50, None, &[]),
        s2,
        stmt(2, 0, Some("lavrov"), &["norms"]),
    ];
    Corpus { meta, documents, statements, positions: vec![] }
}

fn day(date: &str) -> f64 {
    PartialDate::parse(date).unwrap().first_day() as f64
}

fn scale(from: &str, to: &str, width: f64) -> TimeScale {
    TimeScale::new((day(from), day(to)), (0.0, width))
}

// ---------- scale ----------

#[test]
fn scale_maps_and_inverts() {
    let s = scale("2017-01-01", "2018-01-01", 730.0);
    assert_eq!(s.to_px(day("2017-01-01")), 0.0);
    assert!((s.to_px(day("2018-01-01")) - 730.0).abs() < 1e-9);
    assert!((s.px_per_day() - 2.0).abs() < 1e-12);
    for px in [0.0, 13.5, 400.0, 729.9, -50.0, 2000.0] {
        assert!((s.to_px(s.to_day(px)) - px).abs() < 1e-6);
    }
}

#[test]
fn vertical_and_reversed_ranges_work_the_same() {
    let s = TimeScale::new((0.0, 100.0), (800.0, 0.0));
    assert_eq!(s.to_px(0.0), 800.0);
    assert_eq!(s.to_px(100.0), 0.0);
    assert_eq!(s.window_from_px(800.0, 400.0), Some((0, 50)));
}

#[test]
fn scale_sanitizes_bad_input() {
    let s = TimeScale::new((f64::NAN, 3.0), (5.0, 5.0));
    assert!(s.span().is_finite() && s.length_px() > 0.0);
    let s = TimeScale::new((10.0, 10.0), (0.0, 100.0));
    assert_eq!(s.span(), MIN_SPAN_DAYS);
    let s = TimeScale::new((0.0, 1e9), (0.0, 100.0));
    assert_eq!(s.span(), MAX_SPAN_DAYS);
    let s = TimeScale::new((50.0, 0.0), (0.0, 100.0));
    assert_eq!(s.domain(), (0.0, 50.0));
}

#[test]
fn zoom_keeps_pivot_and_clamps() {
    let s = scale("2017-01-01", "2019-01-01", 1000.0);
    let pivot = 300.0;
    let before = s.to_day(pivot);
    let z = s.zoom(pivot, 4.0);
    assert!((z.to_day(pivot) - before).abs() < 1e-6);
    assert!((z.span() - s.span() / 4.0).abs() < 1e-6);
    let deep = (0..40).fold(s, |s, _| s.zoom(pivot, 2.0));
    assert_eq!(deep.span(), MIN_SPAN_DAYS);
    assert!((deep.to_day(pivot) - before).abs() < 1e-6);
    let wide = (0..40).fold(s, |s, _| s.zoom(pivot, 0.5));
    assert_eq!(wide.span(), MAX_SPAN_DAYS);
    assert_eq!(s.zoom(pivot, 0.0), s);
    assert_eq!(s.zoom(pivot, f64::NAN), s);
}

#[test]
fn pan_moves_content_with_the_pointer() {
    let s = scale("2017-01-01", "2018-01-01", 730.0);
    let d = day("2017-06-01");
    let x = s.to_px(d);
    let moved = s.pan_px(100.0);
    assert!((moved.to_px(d) - (x + 100.0)).abs() < 1e-9);
    assert_eq!(s.pan_days(10.0).domain().0, s.domain().0 + 10.0);
    assert_eq!(s.pan_days(f64::INFINITY), s);
}

#[test]
fn fit_pads_and_clamp_keeps_data_near() {
    let s = TimeScale::default().fit(day("2017-01-01"), day("2022-01-01"));
    let (a, b) = s.domain();
    assert!(a < day("2017-01-01") && b > day("2022-01-01"));
    let single = TimeScale::default().fit_days([day("2020-05-05")]);
    assert!(single.span() >= 2.0 * 15.0);
    assert_eq!(TimeScale::default().fit_days([]), TimeScale::default());
    let far = s.pan_days(1e6).clamp_to(day("2017-01-01"), day("2022-01-01"));
    let (a, b) = far.domain();
    assert!(((a + b) / 2.0 - day("2022-01-01")).abs() < 1e-6);
    assert!((far.span() - s.span()).abs() < 1e-6);
}

#[test]
fn range_selection_round_trips_days() {
    let s = scale("2017-01-01", "2017-01-11", 1000.0); // 100 px a day
    assert_eq!(s.window_from_px(150.0, 420.0), Some((day("2017-01-02") as i64, day("2017-01-05") as i64)));
    assert_eq!(s.window_from_px(420.0, 150.0), s.window_from_px(150.0, 420.0));
    assert_eq!(s.window_from_px(100.0, 101.0), None);
    let w = (day("2017-01-03") as i64, day("2017-01-04") as i64);
    assert_eq!(s.px_from_window(w), (200.0, 400.0));
    let (a, b) = s.px_from_window(w);
    assert_eq!(s.window_from_px(a + 0.5, b - 0.5), Some(w));
}

// ---------- ticks ----------

fn assert_spaced(ticks: &[Tick], min: f64) {
    for pair in ticks.windows(2) {
        assert!(pair[1].x - pair[0].x >= min - 1e-9, "{:?} too close to {:?}", pair[0], pair[1]);
    }
}

#[test]
fn tick_steps_follow_the_zoom() {
    let cases = [
        (("1900-01-01", "2090-01-01"), 1000.0, TickStep::Years(20), "1900"),
        (("1970-01-01", "2030-01-01"), 1000.0, TickStep::Years(5), "1970"),
        (("2010-01-01", "2022-01-01"), 1000.0, TickStep::Years(1), "2010"),
        (("2017-01-01", "2020-01-01"), 1000.0, TickStep::Months(3), "Jan 2017"),
        (("2017-01-01", "2018-01-01"), 1000.0, TickStep::Months(1), "Jan 2017"),
        (("2017-03-01", "2017-06-01"), 1000.0, TickStep::Week, "6 Mar"),
        (("2017-03-01", "2017-03-11"), 1000.0, TickStep::Days(1), "1 Mar"),
        (("2017-03-01", "2017-03-21"), 1000.0, TickStep::Days(2), "1 Mar"),
    ];
    for ((from, to), width, step, first) in cases {
        let s = scale(from, to, width);
        assert_eq!(choose_step(&s, MIN_TICK_PX), Some(step), "{from}..{to}");
        let t = ticks(&s);
        assert_eq!(t.first().map(|t| t.label.as_str()), Some(first), "{from}..{to}: {t:?}");
        assert_spaced(&t, MIN_TICK_PX);
    }
}

#[test]
fn ticks_sit_on_calendar_boundaries_with_major_levels() {
    let t = ticks(&scale("2017-01-01", "2018-01-01", 1000.0));
    assert_eq!(t.len(), 13);
    assert_eq!(t[2].label, "Mar 2017");
    assert_eq!(t[2].day, day("2017-03-01"));
    assert!(t[0].major && !t[2].major && t[12].major);
    let weeks = ticks(&scale("2017-03-01", "2017-06-01", 1000.0));
    for w in &weeks {
        assert_eq!((w.day as i64 - 4).rem_euclid(7), 0, "{w:?} is not a Monday");
    }
    assert!(weeks.iter().any(|w| w.major) && weeks.iter().any(|w| !w.major));
    let years = ticks(&scale("2005-06-01", "2021-01-01", 1500.0));
    assert!(years.iter().all(|t| t.major == (t.label == "2010" || t.label == "2020")));
}

#[test]
fn too_short_axis_has_no_ticks() {
    assert!(ticks(&TimeScale::new((0.0, MAX_SPAN_DAYS), (0.0, 50.0))).is_empty());
}

proptest! {
    #[test]
    fn ticks_are_spaced_and_inside(start in -20_000.0f64..40_000.0, span in 1.0f64..80_000.0, width in 1.0f64..5000.0) {
        let s = TimeScale::new((start, start + span), (0.0, width));
        let t = ticks(&s);
        assert_spaced(&t, MIN_TICK_PX);
        prop_assert!(t.len() <= stance_core::timeline::ticks::MAX_TICKS);
        let (a, b) = s.domain();
        for tick in &t {
            prop_assert!(tick.day >= a.floor() && tick.day <= b.ceil());
            prop_assert!(!tick.label.is_empty());
        }
    }
}

// ---------- lanes ----------

fn lane_keys(lanes: &[Lane]) -> Vec<&LaneKey> {
    lanes.iter().map(|l| &l.key).collect()
}

#[test]
fn lanes_by_topic_repeat_multi_topic_statements() {
    let c = corpus();
    let lanes = build_lanes(&c, &[0, 1, 2, 3], LaneMode::Topic);
    assert_eq!(
        lane_keys(&lanes),
        [&LaneKey::Topic("norms".into()), &LaneKey::Topic("un".into()), &LaneKey::NoTopic]
    );
    assert_eq!(lanes[0].label, "Cyber norms");
    assert_eq!(lanes[0].statements, [0, 3]);
    assert_eq!(lanes[1].statements, [0, 2]);
    assert_eq!(lanes[2].label, NO_TOPIC_LABEL);
    assert_eq!(lanes[2].statements, [1]);
}

#[test]
fn lanes_by_speaker_and_document() {
    let c = corpus();
    let lanes = build_lanes(&c, &[3, 2, 1, 0, 0, 99], LaneMode::Speaker);
    assert_eq!(
        lane_keys(&lanes),
        [&LaneKey::Speaker("lavrov".into()), &LaneKey::Speaker("krutskikh".into()), &LaneKey::Unattributed]
    );
    assert_eq!(lanes[0].label, "Sergey Lavrov");
    assert_eq!(lanes[0].statements, [0, 3]);
    assert_eq!(lanes[2].label, UNATTRIBUTED_LABEL);
    let docs = build_lanes(&c, &[2, 3], LaneMode::Document);
    assert_eq!(lane_keys(&docs), [&LaneKey::Document(1), &LaneKey::Document(2)]);
    assert_eq!(docs[0].label, "Interview B");
    assert!(build_lanes(&c, &[], LaneMode::Topic).is_empty());
}

#[test]
fn lane_modes_parse_their_names() {
    for m in LaneMode::ALL {
        assert_eq!(LaneMode::parse(m.as_str()), Some(m));
    }
    assert_eq!(LaneMode::parse("SPEAKER"), Some(LaneMode::Speaker));
    assert_eq!(LaneMode::parse("bogus"), None);
}

// ---------- layout ----------

#[test]
fn placements_carry_ranges_and_approximation() {
    let c = corpus();
    let p = placements(&c);
    let a = p[0].unwrap();
    // Inside its day (statements of one document spread across the day in text order).
    assert!(a.day > day("2017-07-27") && a.day < day("2017-07-28"), "{}", a.day);
    assert_eq!(a.range, None);
    assert!(!a.approximate);
    let b = p[2].unwrap();
    assert!(b.approximate);
    assert_eq!(b.range, Some((day("2019-03-01"), day("2019-04-01"))));
    assert_eq!(p[3], None);
}

#[test]
fn layout_marks_single_approximate_and_undated() {
    let c = corpus();
    let s = scale("2017-01-01", "2020-01-01", 1000.0);
    let lanes = build_lanes(&c, &[0, 1, 2, 3], LaneMode::Topic);
    let l = layout(&s, &lanes, &placements(&c));
    assert_eq!(l.undated, [3]);
    assert_eq!(l.lanes.len(), 3);
    match &l.lanes[1].marks[..] {
        [Mark::Single { statement: 0, x_range: None, approximate: false, .. }, Mark::Single { statement: 2, x_range: Some((a, b)), approximate: true, x }] => {
            assert!(a < x && x < b);
        }
        other => panic!("unexpected marks {other:?}"),
    }
    // Statements 0 and 1 share a day: in the same lane they would cluster.
    let (marks, _) = layout_lane(&s, &[0, 1], &placements(&c));
    assert!(matches!(&marks[..], [Mark::Cluster { count: 2, statements, .. }] if statements == &[0, 1]));
}

/// A corpus of `days.len()` single-statement documents dated on `days`, one topic.
fn dense_corpus(days: &[i64]) -> Corpus {
    let documents = days
        .iter()
        .enumerate()
        .map(|(i, &d)| {
            let (y, m, dd) = stance_core::date::civil_from_days(d);
            let date = PartialDate::day(y, m, dd).unwrap();
            doc(&format!("d{i}"), "t", DateSpec { best: Some(date), ..Default::default() })
        })
        .collect();
    let statements = (0..days.len()).map(|i| stmt(i, 0, None, &["t"])).collect();
    Corpus { documents, statements, ..Default::default() }
}

#[test]
fn clusters_split_as_the_user_zooms_in() {
    let base = days_from_civil(2018, 1, 1);
    let c = dense_corpus(&(0..40).map(|k| base + k * 3).collect::<Vec<_>>());
    let all: Vec<usize> = (0..40).collect();
    let p = placements(&c);
    let mut s = TimeScale::new((base as f64 - 20_000.0, base as f64 + 20_000.0), (0.0, 1000.0));
    let mut counts = Vec::new();
    for _ in 0..12 {
        let (marks, _) = layout_lane(&s, &all, &p);
        counts.push(marks.len());
        s = s.zoom(s.to_px(base as f64 + 60.0), 2.0);
    }
    assert!(counts.windows(2).all(|w| w[0] <= w[1]), "{counts:?}");
    assert_eq!(counts[0], 1);
    assert_eq!(*counts.last().unwrap(), 40, "{counts:?}");
}

fn check_layout_invariants(c: &Corpus, s: &TimeScale, visible: &[usize]) -> Result<(), TestCaseError> {
    let p = placements(c);
    for mode in LaneMode::ALL {
        let lanes = build_lanes(c, visible, mode);
        let l = layout(s, &lanes, &p);
        prop_assert_eq!(&l, &layout(s, &lanes, &p));
        for (lane, lm) in lanes.iter().zip(&l.lanes) {
            for pair in lm.marks.windows(2) {
                prop_assert!(pair[1].x() - pair[0].x() >= MARK_MIN_PX, "{:?}", pair);
            }
            let mut seen: Vec<usize> = lm.marks.iter().flat_map(|m| m.statements().to_vec()).collect();
            seen.extend(lane.statements.iter().filter(|&&i| p[i].is_none()));
            seen.sort_unstable();
            prop_assert_eq!(&seen, &lane.statements);
            for m in &lm.marks {
                if let Mark::Cluster { statements, count, .. } = m {
                    prop_assert_eq!(*count, statements.len());
                    prop_assert!(*count >= 2);
                }
            }
        }
    }
    Ok(())
}

proptest! {
    #[test]
    fn layout_invariants_hold_at_any_zoom(
        days in prop::collection::vec(17_000i64..17_800, 1..120),
        visible_mask in prop::collection::vec(any::<bool>(), 120),
        start in 16_900.0f64..17_700.0,
        span in 2.0f64..3_000.0,
        width in 100.0f64..2000.0,
    ) {
        let mut c = dense_corpus(&days);
        for (i, s) in c.statements.iter_mut().enumerate() {
            s.topics = match i % 3 { 0 => vec![], 1 => vec!["a".into()], _ => vec!["a".into(), "b".into()] };
            s.speaker = (i % 2 == 0).then(|| format!("p{}", i % 5));
        }
        let visible: Vec<usize> = (0..days.len()).filter(|&i| visible_mask[i]).collect();
        let s = TimeScale::new((start, start + span), (0.0, width));
        check_layout_invariants(&c, &s, &visible)?;
        let vertical = TimeScale::new((start, start + span), (width, 0.0));
        check_layout_invariants(&c, &vertical, &visible)?;
    }
}

#[test]
fn layout_is_fast_for_a_large_corpus() {
    let n = 40_000;
    let days: Vec<i64> = (0..n).map(|i| 17_000 + (i * 7919 % 2000) as i64).collect();
    let c = dense_corpus(&days);
    let visible: Vec<usize> = (0..n).collect();
    let p = placements(&c);
    let lanes = build_lanes(&c, &visible, LaneMode::Topic);
    let started = std::time::Instant::now();
    let mut s = TimeScale::new((16_900.0, 19_100.0), (0.0, 1200.0));
    for _ in 0..10 {
        let l = layout(&s, &lanes, &p);
        assert_eq!(l.lanes[0].marks.iter().map(|m| m.statements().len()).sum::<usize>(), n);
        s = s.zoom(600.0, 2.0);
    }
    // Ten layouts of 40k statements; generous for unoptimized test builds on a busy machine.
    assert!(started.elapsed().as_secs_f64() < 10.0, "{:?}", started.elapsed());
}

// ---------- events row ----------

#[test]
fn events_row_links_context_and_referenced_events() {
    let c = corpus();
    let items = event_items(&c, &[0, 1, 2, 3]);
    assert_eq!(items.len(), 2);
    assert_eq!(items[0].kind, EventKind::Context("oewg".into()));
    assert_eq!(items[0].label, "OEWG created");
    assert_eq!(items[0].statements, [2]);
    assert!(items[0].placement.approximate, "a month date is approximate");
    assert_eq!(items[1].kind, EventKind::Referenced { statement: 2, reference: 1 });
    assert_eq!(items[1].label, "2011");
    assert_eq!(items[1].date.precision(), Precision::Year);
    // Not visible: the context event stays, unlinked; the reference goes.
    let hidden = event_items(&c, &[0]);
    assert_eq!(hidden.len(), 1);
    assert!(hidden[0].statements.is_empty());

    let s = scale("2010-01-01", "2020-01-01", 1000.0);
    let marks = layout_events(&s, &items);
    assert_eq!(marks.len(), 2);
    match &marks[0] {
        EventMark::Single { kind, x_range: Some((a, b)), approximate: true, item: 1, .. } => {
            assert_eq!(kind, &EventKind::Referenced { statement: 2, reference: 1 });
            assert!((b - a - s.px_per_day() * 365.0).abs() < 1e-6);
        }
        other => panic!("unexpected {other:?}"),
    }
    let narrow = TimeScale::new(s.domain(), (0.0, 10.0));
    assert!(matches!(&layout_events(&narrow, &items)[..], [EventMark::Cluster { count: 2, .. }]));
}

proptest! {
    #[test]
    fn events_row_never_overlaps(dates in prop::collection::vec((2000i32..2030, 0u8..13), 0..60), width in 50.0f64..3000.0) {
        let events = dates.iter().enumerate().map(|(k, &(y, m))| EventMeta {
            id: format!("e{k}"),
            date: if m == 0 { PartialDate::year(y) } else { PartialDate::month(y, m).unwrap() },
            approximate: false, label: format!("event {k}"), source: String::new(), topics: vec![], cues: vec![],
        }).collect();
        let c = Corpus { meta: CorpusMeta { events, ..Default::default() }, ..Default::default() };
        let items = event_items(&c, &[]);
        let s = TimeScale::new((day("2000-01-01"), day("2031-01-01")), (0.0, width));
        let marks = layout_events(&s, &items);
        for pair in marks.windows(2) {
            prop_assert!(pair[1].x() - pair[0].x() >= EVENT_MIN_PX);
        }
        let mut seen: Vec<usize> = marks.iter().flat_map(|m| m.items().to_vec()).collect();
        seen.sort_unstable();
        prop_assert_eq!(seen, (0..items.len()).collect::<Vec<_>>());
    }
}

// ---------- keyboard navigation ----------

#[test]
fn next_in_time_walks_in_time_order() {
    let c = corpus();
    let visible = [3, 2, 1, 0];
    // Time order: 0 and 1 (same document, by start), then 2 (2019), then 3 (undated).
    let mut order = vec![];
    let mut cur = None;
    while let Some(n) = next_in_time(&c, &visible, cur, Step::Next) {
        order.push(n);
        cur = Some(n);
    }
    assert_eq!(order, [0, 1, 2, 3]);
    assert_eq!(next_in_time(&c, &visible, Some(2), Step::Previous), Some(1));
    assert_eq!(next_in_time(&c, &visible, Some(0), Step::Previous), None);
    assert_eq!(next_in_time(&c, &visible, None, Step::Previous), Some(3));
    assert_eq!(next_in_time(&c, &visible, Some(2), Step::First), Some(0));
    assert_eq!(next_in_time(&c, &visible, Some(0), Step::Last), Some(3));
    // A current statement that is filtered out still counts by its date.
    assert_eq!(next_in_time(&c, &[0, 2], Some(1), Step::Next), Some(2));
    assert_eq!(next_in_time(&c, &[], None, Step::First), None);
    assert_eq!(next_in_time(&c, &[99], Some(98), Step::Next), None);
}
