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

// ---------- the view model (stance_core::view::timeline) ----------

mod view_model {
    use super::*;
    use stance_core::search::Index;
    use stance_core::view::timeline::*;
    use stance_core::view::{search, Intent, Results};

    fn browse(c: &Corpus) -> Results {
        search(c, &Index::build(c), "", None)
    }

    #[test]
    fn the_frame_turns_vertical_below_the_breakpoint() {
        let wide = Frame::new(NARROW_PX, 3);
        assert_eq!(wide.orient, Orientation::Horizontal);
        assert_eq!(wide.along, (LABEL_W, NARROW_PX - END_PAD));
        assert_eq!(wide.height, AXIS_H + EVENTS_H + 3.0 * LANE_H + BOTTOM_PAD);
        let narrow = Frame::new(NARROW_PX - 1.0, 3);
        assert!(narrow.is_vertical());
        assert_eq!(narrow.along, (V_HEADER_H, V_HEADER_H + V_LENGTH));
        // Lanes never get thinner than the least lane width: the frame grows instead.
        let crowded = Frame::new(320.0, 40);
        assert_eq!(crowded.lane_size, V_MIN_LANE_W);
        assert!(crowded.width >= 40.0 * V_MIN_LANE_W);
        // Points swap axes in the vertical frame.
        assert_eq!(narrow.pt(10.0, 20.0), Point { x: 20.0, y: 10.0 });
        assert_eq!(wide.pt(10.0, 20.0), Point { x: 10.0, y: 20.0 });
        let origin = Point { x: 100.0, y: 50.0 };
        let client = Point { x: 130.0, y: 70.0 };
        assert_eq!(wide.along_of(client, origin), 30.0);
        assert_eq!(narrow.along_of(client, origin), 20.0);
        assert!(wide.in_axis_band(client, origin) && !wide.in_axis_band(Point { x: 130.0, y: 50.0 + AXIS_H }, origin));
        // A band is at least a pixel wide, whichever way it was dragged.
        assert_eq!(wide.band(50.0, 20.0).x, 20.0);
        assert_eq!(wide.band(20.0, 20.0).width, 1.0);
    }

    #[test]
    fn marks_are_named_classed_and_keyed_by_their_statements() {
        let c = corpus();
        let data = TimelineData::new(&c, LaneMode::Speaker);
        let frame = Frame::new(1000.0, data.lanes.len());
        let scale = data.scale(&frame, None);
        let r = browse(&c);
        let m = statement_marks(&c, &data, &r, Some(0), &frame, &scale);
        assert_eq!(m.undated, 1, "the undated note's statement has no mark");
        assert!(m.undated_note().is_some_and(|n| n.starts_with("1 statements")));
        let members: usize = m.marks.iter().map(|m| m.count()).sum();
        assert_eq!(members, 3, "every dated statement once (lanes by speaker)");
        let first = m.marks.iter().find(|m| m.members.contains(&0)).expect("a mark for statement 0");
        assert!(first.selected && first.class.contains("st-mark--selected"), "{}", first.class);
        assert!(!first.class.contains("--dim"), "nothing is dimmed when nothing filters");
        assert!(first.name.starts_with("Sergey Lavrov, 27 July 2017: "), "{}", first.name);
        assert_eq!(m.tab_stop(), Some(first.key.as_str()), "the selected mark is the tab stop");
        assert_eq!(m.get(&first.key), Some(first), "marks are found by key");
        assert_eq!(m.get("no such key"), None);
        assert_eq!(m.dom_id_of(0), Some(first.dom_id.as_str()));
        let unattributed = m.marks.iter().find(|m| m.members.contains(&1)).expect("statement 1");
        assert!(unattributed.name.starts_with(UNATTRIBUTED_LABEL), "{}", unattributed.name);
        let approx = m.marks.iter().find(|m| m.members.contains(&2)).expect("statement 2");
        assert!(approx.approximate && approx.name.ends_with("(date approximate)") && approx.class.contains("--approximate"));
        // Keys name statements, not positions: the same after a zoom and a pan.
        let moved = ChartAction::PanPx(37.0).intent(&scale, &data);
        let Some(Intent::SetZoom(Some(domain))) = moved else { panic!("a pan is a zoom intent: {moved:?}") };
        let panned = statement_marks(&c, &data, &r, Some(0), &frame, &TimeScale::new(domain, frame.along));
        let keys = |m: &TimelineMarks| m.marks.iter().map(|m| m.key.clone()).collect::<Vec<_>>();
        assert_eq!(keys(&m), keys(&panned));
        assert_ne!(m.marks[0].at, panned.marks[0].at);
        // So a renderer keeps the node (and its focus) and reads the new position by key.
        assert_eq!(panned.get(&m.marks[0].key).map(|v| v.at), Some(panned.marks[0].at));
    }

    #[test]
    fn the_tooltip_hangs_above_its_mark_and_stays_inside_the_chart() {
        let c = corpus();
        let data = TimelineData::new(&c, LaneMode::Speaker);
        let frame = Frame::new(1000.0, data.lanes.len());
        let m = statement_marks(&c, &data, &browse(&c), None, &frame, &data.scale(&frame, None));
        assert!(m.marks.len() >= 2);
        for mark in &m.marks {
            let tip = mark.tip(&frame);
            assert_eq!(tip.at.x, px(mark.at.x));
            assert!(tip.at.y < mark.at.y - mark.size, "above the mark's edge: {tip:?} {:?}", mark.at);
            // Starts at the mark in the left half, ends there in the right half.
            assert_eq!(tip.end, mark.at.x > frame.width / 2.0);
        }
        // Fit all spreads the marks over both halves.
        assert!(m.marks.iter().any(|m| m.tip(&frame).end) && m.marks.iter().any(|m| !m.tip(&frame).end));
    }

    #[test]
    fn with_no_query_nothing_is_marked_as_a_hit_or_dimmed() {
        let c = corpus();
        for mode in LaneMode::ALL {
            let data = TimelineData::new(&c, mode);
            let frame = Frame::new(1000.0, data.lanes.len());
            let scale = data.scale(&frame, None);
            let r = browse(&c);
            assert!(!r.filtering);
            let m = statement_marks(&c, &data, &r, None, &frame, &scale);
            assert!(!m.marks.is_empty());
            assert!(m.marks.iter().all(|m| !m.class.contains("--hit") && !m.class.contains("--dim")), "{mode:?}");
            // The same results narrowed to every statement: every mark holds a hit.
            let mut all = browse(&c);
            all.filtering = true;
            let m = statement_marks(&c, &data, &all, None, &frame, &scale);
            assert!(m.marks.iter().all(|m| m.class.contains("--hit") && !m.class.contains("--dim")), "{mode:?}");
        }
    }

    #[test]
    fn hits_are_marked_and_the_rest_dimmed() {
        let c = corpus();
        let data = TimelineData::new(&c, LaneMode::Speaker);
        let frame = Frame::new(1000.0, data.lanes.len());
        let scale = data.scale(&frame, None);
        let mut r = browse(&c);
        r.filtering = true;
        r.is_hit = vec![true, false, false, false];
        let m = statement_marks(&c, &data, &r, None, &frame, &scale);
        let hit = m.marks.iter().find(|m| m.members.contains(&0)).unwrap();
        let other = m.marks.iter().find(|m| m.members.contains(&2)).unwrap();
        assert!(hit.class.contains("st-mark--hit") && !hit.class.contains("--dim"));
        assert!(other.class.contains("st-mark--dim") && !other.class.contains("--hit"));
        assert_eq!(m.tab_stop(), m.marks.first().map(|m| m.key.as_str()), "no selection: the first mark is the tab stop");
    }

    #[test]
    fn close_marks_cluster_with_a_count_a_name_and_a_padded_zoom() {
        let c = dense_corpus(&[0, 1, 2, 3, 400]);
        let data = TimelineData::new(&c, LaneMode::Topic);
        let frame = Frame::new(700.0, data.lanes.len());
        let scale = data.scale(&frame, None);
        let m = statement_marks(&c, &data, &browse(&c), None, &frame, &scale);
        let cluster = m.marks.iter().find(|m| m.count() > 1).expect("a cluster");
        assert!(cluster.class.contains("st-mark--cluster") && cluster.name.contains("statements in") && cluster.name.ends_with("Activate to zoom in."));
        assert!(cluster.size > CLUSTER_R && cluster.size <= CLUSTER_R + CLUSTER_GROWTH_MAX);
        assert_eq!(cluster.count_label().map(|(_, n)| n), Some(cluster.count()));
        let Target::Zoom(a, b) = cluster.target else { panic!("a cluster zooms: {:?}", cluster.target) };
        let Some(Intent::SetZoom(Some((lo, hi)))) = activate(&c, &cluster.target, &scale, &data) else { panic!("zoom") };
        let pad = (b - a).abs().max(CLUSTER_ZOOM_MIN_DAYS) * CLUSTER_ZOOM_PAD;
        assert!((lo - (a - pad)).abs() < 1e-6 && (hi - (b + pad)).abs() < 1e-6, "{lo}..{hi} from {a}..{b}");
        // Zoomed in, the cluster splits.
        let zoomed = TimeScale::new((lo, hi), frame.along);
        let split = statement_marks(&c, &data, &browse(&c), None, &frame, &zoomed);
        assert!(split.marks.iter().filter(|m| m.count() == 1).count() > m.marks.iter().filter(|m| m.count() == 1).count());
        // The mark that holds the cluster's anchor (its member first in the corpus)
        // keeps its key (and so its node); every key of a frame is distinct.
        let anchor = cluster.members.iter().copied().min().expect("members");
        let kept = split.marks.iter().find(|m| m.members.contains(&anchor)).expect("the anchor's mark");
        assert_eq!(kept.members.iter().copied().min(), Some(anchor));
        assert_eq!((&kept.key, &kept.dom_id), (&cluster.key, &cluster.dom_id));
        for marks in [&m, &split] {
            let mut keys = marks.keys();
            keys.sort();
            keys.dedup();
            assert_eq!(keys.len(), marks.marks.len(), "distinct keys");
        }
    }

    #[test]
    fn events_are_named_and_open_the_first_statement_that_mentions_them() {
        let c = corpus();
        let data = TimelineData::new(&c, LaneMode::Topic);
        let frame = Frame::new(1200.0, data.lanes.len());
        let scale = data.scale(&frame, None);
        let events = event_marks(&data, &frame, &scale);
        assert!(!events.marks.is_empty());
        let oewg = events.marks.iter().find(|e| e.name.contains("OEWG created")).expect("the context event");
        assert!(oewg.name.starts_with("Event, December 2018"), "{}", oewg.name);
        assert!(oewg.name.ends_with("Mentioned by 1 statement; activate to open it"), "{}", oewg.name);
        assert_eq!(oewg.target, Target::Statement(2));
        assert_eq!(oewg.at.y, frame.events_at);
        assert_eq!(oewg.diamond().split(' ').count(), 4);
        assert_eq!(activate(&c, &oewg.target, &scale, &data), Some(Intent::Select(Some(c.statements[2].id.clone()))));
    }

    #[test]
    fn zoom_and_pan_steps_and_the_keys_that_make_them() {
        let c = corpus();
        let data = TimelineData::new(&c, LaneMode::Topic);
        let frame = Frame::new(1000.0, data.lanes.len());
        let scale = data.scale(&frame, None);
        let zoom_of = |a: ChartAction| match a.intent(&scale, &data) {
            Some(Intent::SetZoom(Some(d))) => TimeScale::new(d, frame.along),
            other => panic!("{a:?} gave {other:?}"),
        };
        let z = zoom_of(chart_key("+", Orientation::Horizontal).unwrap());
        assert!((z.span() - scale.span() / STEP_ZOOM).abs() < 1e-6);
        let out = zoom_of(chart_key("-", Orientation::Horizontal).unwrap());
        assert!((out.span() - scale.span() * STEP_ZOOM).abs() < 1e-6);
        let right = zoom_of(chart_key("ArrowRight", Orientation::Horizontal).unwrap());
        assert!((right.domain().0 - scale.domain().0 - scale.span() * PAN_STEP).abs() < 1e-6);
        // Vertical: up and down pan; left and right are not the chart's.
        assert_eq!(chart_key("ArrowDown", Orientation::Vertical), Some(ChartAction::PanShare(PAN_STEP)));
        assert_eq!(chart_key("ArrowLeft", Orientation::Vertical), None);
        assert_eq!(chart_key("0", Orientation::Horizontal).and_then(|a| a.intent(&scale, &data)), Some(Intent::SetZoom(None)));
        assert_eq!(chart_key("x", Orientation::Horizontal), None);
        // Home and End centre the first and last datum.
        let (lo, hi) = data.extent.unwrap();
        let home = zoom_of(ChartAction::ToStart);
        let end = zoom_of(ChartAction::ToEnd);
        assert!(((home.domain().0 + home.domain().1) / 2.0 - lo).abs() < 1e-6);
        assert!(((end.domain().0 + end.domain().1) / 2.0 - hi).abs() < 1e-6);
        // The wheel: a notch down zooms out by the wheel step, up zooms in.
        assert!((wheel_factor(100.0) - 1.0 / WHEEL_ZOOM_PER_100).abs() < 1e-12);
        assert!(wheel_factor(-100.0) > 1.0);
        // A drag along the axis filters by period; a click does not.
        assert_eq!(ChartAction::WindowPx(300.0, 300.5).intent(&scale, &data), None);
        assert!(matches!(ChartAction::WindowPx(300.0, 500.0).intent(&scale, &data), Some(Intent::SetWindow(Some((a, b)))) if a < b));
    }

    #[test]
    fn mark_keys_move_in_time_in_either_orientation() {
        assert_eq!(mark_key("ArrowRight"), Some(MarkKey::Step(Step::Next)));
        assert_eq!(mark_key("ArrowDown"), Some(MarkKey::Step(Step::Next)));
        assert_eq!(mark_key("ArrowLeft"), Some(MarkKey::Step(Step::Previous)));
        assert_eq!(mark_key("ArrowUp"), Some(MarkKey::Step(Step::Previous)));
        assert_eq!(mark_key("Home"), Some(MarkKey::Step(Step::First)));
        assert_eq!(mark_key("End"), Some(MarkKey::Step(Step::Last)));
        assert_eq!(mark_key("Enter"), Some(MarkKey::Activate));
        assert_eq!(mark_key(" "), Some(MarkKey::Activate));
        assert_eq!(mark_key("a"), None);
    }

    #[test]
    fn stepping_the_selection_keeps_it_visible() {
        let c = corpus();
        let data = TimelineData::new(&c, LaneMode::Topic);
        let frame = Frame::new(1000.0, data.lanes.len());
        // A view of 2017 only: the next statement (2019) is outside it.
        let scale = TimeScale::new((day("2017-01-01"), day("2018-01-01")), frame.along);
        let (next, zoom) = step_selection(&c, &data, &scale, Some(1), Step::Next).expect("a next statement");
        assert_eq!(next, 2);
        let Some(Intent::SetZoom(Some((a, b)))) = zoom else { panic!("pans to it: {zoom:?}") };
        let at = data.day_of(2).unwrap();
        assert!(a <= at && at <= b && ((b - a) - scale.span()).abs() < 1e-6, "panned, not zoomed");
        // Inside the view: no pan. Undated: no pan either.
        assert_eq!(step_selection(&c, &data, &scale, None, Step::First), Some((0, None)));
        assert_eq!(step_selection(&c, &data, &scale, Some(2), Step::Last), Some((3, None)));
        assert_eq!(step_selection(&c, &data, &scale, Some(3), Step::Next), None);
    }

    fn feed(g: &mut Gestures, frame: &Frame, inputs: &[PointerInput]) -> Vec<GestureOutput> {
        inputs.iter().map(|&i| g.handle(i, frame, Point::default())).collect()
    }

    #[test]
    fn a_press_becomes_a_pan_only_past_the_drag_threshold() {
        let frame = Frame::new(1000.0, 2);
        let mut g = Gestures::default();
        let p = |x: f64| Point { x, y: 200.0 };
        let out = feed(&mut g, &frame, &[
            PointerInput::Down { id: 1, at: p(300.0) },
            PointerInput::Move { id: 1, at: p(300.0 + DRAG_THRESHOLD_PX / 2.0) },
            PointerInput::Move { id: 1, at: p(320.0) },
            PointerInput::Move { id: 1, at: p(330.0) },
            PointerInput::Up { id: 1 },
        ]);
        assert_eq!(out[1], GestureOutput::default(), "a jitter is not a pan");
        assert_eq!(out[2].capture, Some(1));
        assert_eq!(out[2].action, Some(ChartAction::PanPx(320.0 - 300.0 - DRAG_THRESHOLD_PX / 2.0)));
        assert_eq!(out[3].action, Some(ChartAction::PanPx(10.0)));
        assert_eq!(out[4], GestureOutput::default());
        // A move of a pointer that is not down does nothing.
        assert_eq!(g.handle(PointerInput::Move { id: 9, at: p(0.0) }, &frame, Point::default()), GestureOutput::default());
    }

    #[test]
    fn a_drag_on_the_axis_band_selects_a_period() {
        let frame = Frame::new(1000.0, 2);
        let mut g = Gestures::default();
        let p = |x: f64| Point { x, y: AXIS_H / 2.0 };
        let out = feed(&mut g, &frame, &[
            PointerInput::Down { id: 1, at: p(300.0) },
            PointerInput::Move { id: 1, at: p(400.0) },
            PointerInput::Up { id: 1 },
        ]);
        assert_eq!(out[1].selecting, Some(Some((300.0, 400.0))));
        assert_eq!(out[1].action, None, "selecting does not pan");
        assert_eq!(out[2].selecting, Some(None));
        assert_eq!(out[2].action, Some(ChartAction::WindowPx(300.0, 400.0)));
        assert_eq!(g.band(), None);
    }

    #[test]
    fn two_pointers_pinch_zoom_about_their_midpoint_and_cancel_a_selection() {
        let frame = Frame::new(1000.0, 2);
        let mut g = Gestures::default();
        let at = |x: f64, y: f64| Point { x, y };
        let out = feed(&mut g, &frame, &[
            PointerInput::Down { id: 1, at: at(400.0, AXIS_H / 2.0) },
            PointerInput::Move { id: 1, at: at(420.0, AXIS_H / 2.0) },
            PointerInput::Down { id: 2, at: at(500.0, AXIS_H / 2.0) },
            PointerInput::Move { id: 2, at: at(500.0, AXIS_H / 2.0) },
            PointerInput::Move { id: 2, at: at(620.0, AXIS_H / 2.0) },
        ]);
        assert_eq!(out[2].selecting, Some(None), "a second finger cancels the range");
        assert_eq!(out[3].action, None, "the first pinch move only measures");
        let Some(ChartAction::ZoomAt { pivot, factor }) = out[4].action else { panic!("{:?}", out[4]) };
        assert!((factor - 200.0 / 80.0).abs() < 1e-9);
        assert!((pivot - 520.0).abs() < 1e-9);
        // Lifting one finger ends the pinch; lifting both resets.
        g.handle(PointerInput::Up { id: 2 }, &frame, Point::default());
        g.handle(PointerInput::Up { id: 1 }, &frame, Point::default());
        assert_eq!(g.band(), None);
        let fresh = feed(&mut g, &frame, &[
            PointerInput::Down { id: 3, at: at(100.0, 200.0) },
            PointerInput::Move { id: 3, at: at(101.0, 200.0) },
        ]);
        assert_eq!(fresh[1], GestureOutput::default(), "a new press starts from rest");
    }

    #[test]
    fn ticks_and_lanes_sit_in_the_frame() {
        let c = corpus();
        let data = TimelineData::new(&c, LaneMode::Topic);
        for width in [1000.0, 400.0] {
            let frame = Frame::new(width, data.lanes.len());
            let scale = data.scale(&frame, None);
            let ticks = tick_views(&frame, &scale);
            assert!(!ticks.is_empty());
            for t in &ticks {
                assert!(!t.label.is_empty() && t.class.starts_with("st-tick"));
                if frame.is_vertical() {
                    assert_eq!((t.line.from.y, t.anchor), (t.line.to.y, "end"));
                } else {
                    assert_eq!((t.line.from.x, t.anchor), (t.line.to.x, "start"));
                }
            }
            let lanes = lane_views(&frame, &data.lanes);
            assert_eq!(lanes.len(), data.lanes.len());
            for (i, l) in lanes.iter().enumerate() {
                assert_eq!(l.full, data.lanes[i].label);
                assert!(l.label.chars().count() <= LANE_LABEL_CHARS);
                assert_eq!(l.transform.is_some(), frame.is_vertical());
            }
        }
    }

    #[test]
    fn marks_are_the_layout_s_marks_in_the_frame() {
        // The marks (found per lane with its index, without sweeping the whole lane) are
        // exactly `layout`'s marks that fall in the frame, at any zoom and pan, in either
        // orientation.
        let days: Vec<i64> = (0..2_000).map(|i| (i * 37 % 3000) / (1 + i % 3)).collect();
        let c = dense_corpus(&days);
        for mode in LaneMode::ALL {
            let data = TimelineData::new(&c, mode);
            for width in [1200.0, 500.0] {
                let frame = Frame::new(width, data.lanes.len());
                let fit = data.scale(&frame, None);
                let r = browse(&c);
                for (pivot, factor, pan) in [(0.0, 1.0, 0.0), (600.0, 3.0, 0.0), (300.0, 17.0, 250.0), (900.0, 120.0, -40.0), (200.0, 0.5, 0.0)] {
                    let s = fit.zoom(pivot, factor).pan_px(pan);
                    let m = statement_marks(&c, &data, &r, None, &frame, &s);
                    let lay = layout(&s, &data.lanes, &data.placements);
                    let mut expected = Vec::new();
                    for (li, lane) in lay.lanes.iter().enumerate() {
                        for mark in lane.marks.iter().filter(|mk| mk.x() >= frame.along.0 - CLUSTER_R && mk.x() <= frame.along.1 + CLUSTER_R) {
                            expected.push((frame.pt(mark.x(), frame.lane_center(li)), mark.statements().to_vec()));
                        }
                    }
                    // The same members; positions from the mean day rather than a running
                    // sum of pixel positions, so equal up to rounding.
                    let got: Vec<_> = m.marks.iter().map(|mk| mk.members.to_vec()).collect();
                    assert_eq!(got, expected.iter().map(|(_, members)| members.clone()).collect::<Vec<_>>(), "{mode:?} width {width} zoom {factor} pan {pan}");
                    for (mk, (at, _)) in m.marks.iter().zip(&expected) {
                        assert!((mk.at.x - at.x).abs() < 1e-6 && (mk.at.y - at.y).abs() < 1e-6, "{:?} against {at:?}", mk.at);
                    }
                    assert_eq!(m.undated, lay.undated.len());
                }
            }
        }
    }

    #[test]
    fn hit_selected_and_anchor_of_each_mark_are_those_of_its_members() {
        // Found without visiting the members (prefix counts, positions in the lanes, a
        // range minimum): the same as reading every member.
        let days: Vec<i64> = (0..1_500).map(|i| (i * 53 % 2000) / (1 + i % 4)).collect();
        let c = dense_corpus(&days);
        let index = Index::build(&c);
        let mut seen = 0;
        for mode in LaneMode::ALL {
            let data = TimelineData::new(&c, mode);
            let frame = Frame::new(1100.0, data.lanes.len());
            let fit = data.scale(&frame, None);
            let mut r = search(&c, &index, "", None);
            r.filtering = true;
            r.is_hit = (0..c.statements.len()).map(|i| i % 7 == 3 || i % 11 == 0).collect();
            for (k, (pivot, factor)) in [(500.0, 1.0), (300.0, 4.0), (800.0, 30.0), (200.0, 300.0)].into_iter().enumerate() {
                let s = fit.zoom(pivot, factor);
                let selected = Some((k * 389) % c.statements.len());
                let m = statement_marks(&c, &data, &r, selected, &frame, &s);
                seen += m.marks.len();
                for mk in &m.marks {
                    let hit = mk.members.iter().any(|&i| r.highlights(i));
                    assert_eq!(mk.class.contains("--hit"), hit, "{mode:?} {factor}: {}", mk.class);
                    assert_eq!(mk.class.contains("--dim"), !hit);
                    assert_eq!(mk.selected, selected.is_some_and(|sel| mk.members.contains(&sel)));
                    let anchor = mk.members.iter().copied().min().expect("members");
                    assert!(mk.key.ends_with(&format!(":{}", c.statements[anchor].id)), "{} for {anchor}", mk.key);
                }
                if let Some(sel) = selected.filter(|&sel| data.day_of(sel).is_some_and(|d| (s.domain().0..=s.domain().1).contains(&d))) {
                    assert!(m.marks.iter().any(|mk| mk.selected && mk.members.contains(&sel)), "{mode:?} {factor}: the selected statement's mark");
                }
            }
        }
        assert!(seen > 100, "{seen} marks checked");
    }

    #[test]
    fn most_marks_keep_their_key_across_a_zoom_step() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../corpus");
        let shipped = stance_core::corpus::load_dir(&dir).and_then(stance_core::corpus::build).unwrap_or_else(|e| panic!("{e}"));
        let c = stance_core::synth::scale(&shipped, 30, 7);
        let data = TimelineData::new(&c, LaneMode::Topic);
        let frame = Frame::new(1200.0, data.lanes.len());
        let r = browse(&c);
        let mut s = data.scale(&frame, None);
        for _ in 0..4 {
            let before = statement_marks(&c, &data, &r, None, &frame, &s);
            let Some(Intent::SetZoom(Some(d))) = ChartAction::ZOOM_IN.intent(&s, &data) else { panic!("a zoom step") };
            s = TimeScale::new(d, frame.along);
            let after = statement_marks(&c, &data, &r, None, &frame, &s);
            let old: std::collections::HashSet<&str> = before.marks.iter().map(|m| m.key.as_str()).collect();
            let kept = after.marks.iter().filter(|m| old.contains(m.key.as_str())).count();
            // Marks shown before and still in the frame (about 1 / STEP_ZOOM of them) keep
            // their key when their anchor stays in them: most do.
            assert!(kept * 4 >= before.marks.len(), "{kept} of {} marks kept their key", before.marks.len());
            eprintln!("{kept} of {} marks kept their key, {} after", before.marks.len(), after.marks.len());
        }
    }

    #[test]
    fn marks_for_a_large_corpus_are_fast() {
        let days: Vec<i64> = (0..3_000).map(|i| i * 7 % 5000).collect();
        let c = dense_corpus(&days);
        let data = TimelineData::new(&c, LaneMode::Topic);
        let frame = Frame::new(1200.0, data.lanes.len());
        let r = browse(&c);
        let start = std::time::Instant::now();
        let scale = data.scale(&frame, None);
        for k in 0..10 {
            let s = scale.zoom(600.0, 1.0 + f64::from(k) / 10.0);
            let m = statement_marks(&c, &data, &r, Some(5), &frame, &s);
            assert!(!m.marks.is_empty());
        }
        assert!(start.elapsed().as_secs_f64() < 10.0, "{:?}", start.elapsed());
    }
}

/// An event's diamond is drawn in the chart's coordinates (tenths of a pixel), so a move
/// smaller than that changes nothing, and a coordinate that is not finite draws at 0.
#[test]
fn coordinates_round_to_tenths_of_a_pixel() {
    use stance_core::view::timeline::px;
    assert_eq!(px(12.34), 12.3);
    assert_eq!(px(12.36), 12.4);
    assert_eq!(px(-0.04), -0.0);
    assert_eq!(px(f64::NAN), 0.0);
    assert_eq!(px(f64::INFINITY), 0.0);
}
