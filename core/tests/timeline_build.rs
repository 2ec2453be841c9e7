//! `TimelineBuild` (the timeline data made in steps of bounded work) against the
//! timeline data made in one go from `placements`, `build_lanes` and `event_items` over
//! every statement (the construction `TimelineData::new` had before it was made in
//! steps): the same data for every lane mode, at every budget, on the shipped and fixture
//! corpora, a scaled corpus, and corpora with their dates, topics, speakers and
//! references shuffled (documents out of date order, same-day documents, undated ones,
//! statements with several topics or none).

mod common;

use stance_core::date::{DateSpec, PartialDate};
use stance_core::synth::{self, Rng};
use stance_core::timeline::{build_lanes, event_items, extent, placements, LaneIndex, LaneMode};
use stance_core::view::timeline::TimelineData;
use stance_core::view::timeline_build::TimelineBuild;
use stance_core::Corpus;
use std::sync::Arc;

/// The timeline data in one go, from the public pieces.
fn reference(corpus: &Corpus, mode: LaneMode) -> TimelineData {
    let placements = placements(corpus);
    let all: Vec<usize> = (0..corpus.statements.len()).collect();
    let mut lanes = build_lanes(corpus, &all, mode);
    let day = |i: usize| placements.get(i).copied().flatten().map_or(f64::INFINITY, |p| p.day);
    for lane in &mut lanes {
        let mut keyed: Vec<(f64, usize)> = lane.statements.iter().map(|&i| (day(i), i)).collect();
        keyed.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
        lane.statements = keyed.into_iter().map(|(_, i)| i).collect();
    }
    let days = placements.iter().flatten().map(|p| p.day);
    let extent = extent(days.chain(corpus.meta.events.iter().map(|e| e.date.mid_day() as f64)));
    let mut events = event_items(corpus, &all);
    events.sort_by(|a, b| a.placement.day.total_cmp(&b.placement.day));
    let mut undated: Vec<usize> =
        lanes.iter().flat_map(|l| l.statements.iter().copied()).filter(|&i| placements.get(i).copied().flatten().is_none()).collect();
    undated.sort_unstable();
    undated.dedup();
    let lane_days: Vec<Vec<f64>> = lanes.iter().map(|l| l.statements.iter().map(|&i| day(i)).collect()).collect();
    let lane_members = lanes.iter().map(|l| Arc::from(l.statements.as_slice())).collect();
    let doc_dates = corpus.documents.iter().map(|d| d.meta.date.label()).collect();
    let lane_index = lanes.iter().zip(&lane_days).map(|(l, days)| LaneIndex::new(days, &l.statements)).collect();
    TimelineData { events, placements, lanes, extent, undated: undated.len(), lane_days, lane_members, doc_dates, lane_index }
}

/// The data made in steps of `budget`, and how many steps it took.
fn stepped(corpus: &Corpus, mode: LaneMode, budget: usize) -> (TimelineData, usize) {
    let mut build = TimelineBuild::new(mode);
    let mut steps = 1;
    while !build.step(corpus, budget) {
        steps += 1;
        assert!(steps < 100_000_000, "the build never ends");
    }
    assert!(build.is_done());
    (build.finish(corpus), steps)
}

fn check(name: &str, corpus: &Corpus) {
    for mode in LaneMode::ALL {
        let want = reference(corpus, mode);
        assert_eq!(TimelineData::new(corpus, mode), want, "{name}, lanes by {mode:?}: one go");
        let mut last_steps = usize::MAX;
        for budget in [1, 3, 64, 1000, usize::MAX] {
            let (got, steps) = stepped(corpus, mode, budget);
            assert_eq!(got, want, "{name}, lanes by {mode:?}, budget {budget}");
            assert!(steps <= last_steps, "{name}: a larger budget took more steps");
            last_steps = steps;
        }
        if !corpus.statements.is_empty() {
            assert!(stepped(corpus, mode, 1).1 > stepped(corpus, mode, usize::MAX).1, "{name}: a budget of 1 did everything in one step");
        }
    }
}

#[test]
fn the_shipped_and_fixture_corpora_give_the_same_data_at_every_budget() {
    check("shipped", &common::build_dir(&common::shipped_dir()));
    for fixture in ["second", "hearing", "newsroom", "russkiy"] {
        check(fixture, &common::build_dir(&common::fixture_dir(fixture)));
    }
}

#[test]
fn a_scaled_corpus_gives_the_same_data() {
    let base = common::build_dir(&common::shipped_dir());
    check("shipped 3x", &synth::scale(&base, 3, 7));
}

/// The shipped corpus with its document dates, statements' topics, speakers and
/// references shuffled from `seed`.
fn shuffled(base: &Corpus, seed: u64) -> Corpus {
    let mut c = base.clone();
    let mut rng = Rng::new(seed);
    let dates = ["2017-06-01", "2017-06-01", "2019-02", "2015", "2021-11-30", "2017-06-01"];
    for d in &mut c.documents {
        let k = rng.below(dates.len() + 1);
        d.meta.date = match dates.get(k) {
            Some(day) => DateSpec { best: PartialDate::parse(day).ok(), ..Default::default() },
            None => DateSpec::default(),
        };
    }
    let topics: Vec<String> = c.meta.topics.iter().map(|t| t.id.clone()).chain(["not-in-meta".to_string()]).collect();
    let actors: Vec<String> = c.meta.actors.iter().map(|a| a.id.clone()).chain(["nobody-known".to_string()]).collect();
    let events: Vec<String> = c.meta.events.iter().map(|e| e.id.clone()).chain(["no-such-event".to_string()]).collect();
    let refs: Vec<_> = c.statements.iter().flat_map(|s| s.references.iter().cloned()).collect();
    for s in &mut c.statements {
        s.topics = (0..rng.below(4)).map(|_| topics[rng.below(topics.len())].clone()).collect();
        s.topics.dedup();
        s.speaker = (rng.below(4) > 0).then(|| actors[rng.below(actors.len())].clone());
        if !refs.is_empty() {
            s.references = (0..rng.below(3)).map(|_| refs[rng.below(refs.len())].clone()).collect();
            for r in &mut s.references {
                if !events.is_empty() && rng.below(2) == 0 {
                    r.event = Some(events[rng.below(events.len())].clone());
                }
            }
        }
    }
    c
}

#[test]
fn shuffled_dates_topics_speakers_and_references_give_the_same_data() {
    let base = synth::scale(&common::build_dir(&common::shipped_dir()), 2, 3);
    for seed in 1..=6 {
        check(&format!("shuffled {seed}"), &shuffled(&base, seed));
    }
}

#[test]
fn an_empty_corpus_builds_in_one_step() {
    let mut c = common::build_dir(&common::shipped_dir());
    c.statements.clear();
    c.documents.clear();
    c.meta.events.clear();
    for mode in LaneMode::ALL {
        let mut build = TimelineBuild::new(mode);
        let mut steps = 0;
        while !build.step(&c, 1) {
            steps += 1;
            assert!(steps < 10);
        }
        assert_eq!(build.finish(&c), reference(&c, mode));
    }
}
