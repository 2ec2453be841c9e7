//! [`TimelineBuild`]: [`TimelineData`] made in steps of bounded work, so that a page can
//! make it for a corpus of millions of statements (or documents) in tasks that each
//! stay short, yielding to the browser between them. [`TimelineData::new`] is this build
//! run with an unbounded budget: one code path.
//!
//! The stages, each resumable where it stopped (a unit of budget is about one document,
//! statement, reference or event's work):
//!
//! 1. documents: each document's placement (the day its statements sit around) and its
//!    date as words; then the context events;
//! 2. counting each document's statements (their spread across the day);
//! 3. placing each statement and putting it in its lanes (topic, speaker or document;
//!    each lane's first day is kept as statements join, for the lane order), counting the
//!    undated, and the data's extent;
//! 4. the events row: each statement's references (linked to a context event, or an
//!    event of their own);
//! 5. the events in time order, the lanes in their order with their labels;
//! 6. each lane in time order (left as it is when it already is, which a corpus whose
//!    documents are in date order gives);
//! 7. each lane's days, shared members and [`LaneIndex`] (in chunks: [`LaneIndexBuild`]).
//!
//! What it makes is exactly what [`crate::timeline::build_lanes`],
//! [`crate::timeline::placements`] and [`crate::timeline::event_items`] give over every
//! statement (tested against them at budgets from 1 unit up).

use super::timeline::TimelineData;
use crate::model::Corpus;
use crate::timeline::events::{context_item, link};
use crate::timeline::lanes::lane_order;
use crate::timeline::place::spread_offset;
use crate::timeline::sweep::LaneIndexBuild;
use crate::timeline::{EventItem, EventKind, Lane, LaneIndex, LaneKey, LaneMode, Placement};
use std::collections::HashMap;
use std::sync::Arc;

/// Where a build is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum At {
    Documents(usize),
    Events(usize),
    Count(usize),
    Place(usize),
    /// Statement, and reference within it.
    References(usize, usize),
    Order,
    /// Lane, and how far its time order has been checked.
    Sort(usize, usize),
    /// Lane, and how many of its days are made.
    Days(usize, usize),
    /// Lane (its index made in chunks by `lane_build`).
    Index(usize),
    Done,
}

/// [`TimelineData`] for a corpus and a lane mode, made in steps ([`TimelineBuild::step`])
/// of bounded work. The corpus is passed to every step (the build holds no borrow of
/// it, so it can wait between tasks); it must be the same corpus each time.
#[derive(Debug)]
pub struct TimelineBuild {
    mode: LaneMode,
    at: At,
    /// Per document: its placement, its date as words, its statements (total, placed).
    doc_place: Vec<Option<Placement>>,
    doc_dates: Vec<String>,
    per_doc: Vec<usize>,
    seen: Vec<usize>,
    placements: Vec<Option<Placement>>,
    extent: Option<(f64, f64)>,
    undated: usize,
    /// The lanes as found (in order of first statement), each with its first day.
    lanes: Vec<(LaneKey, Vec<usize>, f64)>,
    by_id: HashMap<String, usize>,
    by_doc: HashMap<usize, usize>,
    catch_all: Option<usize>,
    events: Vec<EventItem>,
    event_by_id: HashMap<String, usize>,
    /// The lanes in their order, with their labels (from [`At::Order`] on).
    ordered: Vec<Lane>,
    lane_days: Vec<Vec<f64>>,
    lane_members: Vec<Arc<[usize]>>,
    lane_index: Vec<LaneIndex>,
    lane_build: Option<LaneIndexBuild>,
}

fn widen(extent: &mut Option<(f64, f64)>, d: f64) {
    if d.is_finite() {
        *extent = Some(extent.map_or((d, d), |(lo, hi)| (lo.min(d), hi.max(d))));
    }
}

impl TimelineBuild {
    /// A build of the timeline of a corpus with lanes by `mode`; nothing done yet.
    pub fn new(mode: LaneMode) -> Self {
        TimelineBuild {
            mode,
            at: At::Documents(0),
            doc_place: Vec::new(),
            doc_dates: Vec::new(),
            per_doc: Vec::new(),
            seen: Vec::new(),
            placements: Vec::new(),
            extent: None,
            undated: 0,
            lanes: Vec::new(),
            by_id: HashMap::new(),
            by_doc: HashMap::new(),
            catch_all: None,
            events: Vec::new(),
            event_by_id: HashMap::new(),
            ordered: Vec::new(),
            lane_days: Vec::new(),
            lane_members: Vec::new(),
            lane_index: Vec::new(),
            lane_build: None,
        }
    }

    /// The lane mode it builds for.
    pub fn mode(&self) -> LaneMode {
        self.mode
    }

    /// Is everything made ([`TimelineBuild::finish`] then costs nothing more)?
    pub fn is_done(&self) -> bool {
        self.at == At::Done
    }

    /// Does about `budget` units of work (at least one) on `corpus`; true when done.
    pub fn step(&mut self, c: &Corpus, budget: usize) -> bool {
        let mut left = budget.max(1);
        while left > 0 && self.at != At::Done {
            let spent = self.unit(c);
            left = left.saturating_sub(spent.max(1));
        }
        self.at == At::Done
    }

    /// Finishes what is left in one go and gives the data.
    pub fn finish(mut self, c: &Corpus) -> TimelineData {
        self.step(c, usize::MAX);
        let doc_dates = std::mem::take(&mut self.doc_dates);
        TimelineData {
            placements: self.placements,
            lanes: self.ordered,
            events: self.events,
            extent: self.extent,
            undated: self.undated,
            lane_days: self.lane_days,
            lane_members: self.lane_members,
            doc_dates,
            lane_index: self.lane_index,
        }
    }

    /// One unit of work (or a few cheap ones); returns about how many units it was.
    fn unit(&mut self, c: &Corpus) -> usize {
        match self.at {
            At::Documents(k) => {
                let Some(d) = c.documents.get(k) else {
                    self.per_doc = vec![0; c.documents.len()];
                    self.seen = vec![0; c.documents.len()];
                    self.at = At::Events(0);
                    return 1;
                };
                self.doc_place.push(Placement::of_date_spec(&d.meta.date));
                self.doc_dates.push(d.meta.date.label());
                self.at = At::Documents(k + 1);
                1
            }
            At::Events(k) => {
                let Some(e) = c.meta.events.get(k) else {
                    self.placements.reserve(c.statements.len());
                    self.at = At::Count(0);
                    return 1;
                };
                self.events.push(context_item(e));
                self.event_by_id.entry(e.id.clone()).or_insert(k);
                widen(&mut self.extent, e.date.mid_day() as f64);
                self.at = At::Events(k + 1);
                1
            }
            At::Count(i) => {
                // Cheap: a run of statements per unit.
                let end = (i + 64).min(c.statements.len());
                for s in &c.statements[i..end] {
                    if let Some(n) = self.per_doc.get_mut(s.doc) {
                        *n += 1;
                    }
                }
                self.at = if end == c.statements.len() { At::Place(0) } else { At::Count(end) };
                1
            }
            At::Place(i) => {
                let Some(s) = c.statements.get(i) else {
                    self.at = At::References(0, 0);
                    return 1;
                };
                let doc_day = self.doc_place.get(s.doc).copied().flatten();
                let placement = doc_day.map(|mut p| {
                    let (k, n) = (self.seen[s.doc], self.per_doc[s.doc]);
                    self.seen[s.doc] += 1;
                    p.day += spread_offset(k, n);
                    p
                });
                match placement {
                    Some(p) => widen(&mut self.extent, p.day),
                    None => self.undated += 1,
                }
                self.placements.push(placement);
                let first = doc_day.map_or(f64::INFINITY, |p| p.day);
                let mut spent = 1;
                match self.mode {
                    LaneMode::Topic if s.topics.is_empty() => {
                        let at = self.catch_all_lane(LaneKey::NoTopic);
                        self.add(at, i, first);
                    }
                    LaneMode::Topic => {
                        for t in &s.topics {
                            let at = self.lane_by_id(t, || LaneKey::Topic(t.clone()));
                            self.add(at, i, first);
                        }
                        spent += s.topics.len();
                    }
                    LaneMode::Speaker => {
                        let at = match &s.speaker {
                            None => self.catch_all_lane(LaneKey::Unattributed),
                            Some(a) => self.lane_by_id(a, || LaneKey::Speaker(a.clone())),
                        };
                        self.add(at, i, first);
                    }
                    LaneMode::Document => {
                        let at = match self.by_doc.get(&s.doc) {
                            Some(&at) => at,
                            None => {
                                self.lanes.push((LaneKey::Document(s.doc), Vec::new(), f64::INFINITY));
                                self.by_doc.insert(s.doc, self.lanes.len() - 1);
                                self.lanes.len() - 1
                            }
                        };
                        self.add(at, i, first);
                    }
                }
                self.at = At::Place(i + 1);
                spent
            }
            At::References(i, r) => {
                let Some(s) = c.statements.get(i) else {
                    self.at = At::Order;
                    return 1;
                };
                let Some(reference) = s.references.get(r) else {
                    self.at = At::References(i + 1, 0);
                    return 1;
                };
                match reference.event.as_deref().and_then(|id| self.event_by_id.get(id)) {
                    Some(&k) => {
                        if let Some(item) = self.events.get_mut(k) {
                            link(item, i);
                        }
                    }
                    None => self.events.push(EventItem {
                        kind: EventKind::Referenced { statement: i, reference: r },
                        label: reference.date.label(),
                        date: reference.date,
                        placement: Placement::of_partial_date(&reference.date, false),
                        statements: vec![i],
                    }),
                }
                self.at = At::References(i, r + 1);
                1
            }
            At::Order => {
                // Events in time order (ties in their first order), then the lanes in
                // their order with their labels: one go, over events and lanes.
                self.events.sort_by(|a, b| a.placement.day.total_cmp(&b.placement.day));
                let lanes = std::mem::take(&mut self.lanes);
                let work = self.events.len() + lanes.len();
                self.ordered = lane_order(c, lanes);
                self.at = At::Sort(0, 0);
                work
            }
            At::Sort(l, checked) => {
                let Some(lane) = self.ordered.get_mut(l) else {
                    self.at = At::Days(0, 0);
                    return 1;
                };
                let places = &self.placements;
                let day = |i: usize| places.get(i).copied().flatten().map_or(f64::INFINITY, |p| p.day);
                let key = |i: usize| (day(i), i);
                let before = |a: (f64, usize), b: (f64, usize)| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)).is_lt();
                // Check a run of the lane's order; sort the lane (one go) at the first
                // pair out of order.
                let end = (checked + 256).min(lane.statements.len());
                let sorted = (checked.max(1)..end).all(|k| before(key(lane.statements[k - 1]), key(lane.statements[k])));
                if !sorted {
                    let mut keyed: Vec<(f64, usize)> = lane.statements.iter().map(|&i| key(i)).collect();
                    // (day, index) pairs are distinct: an unstable sort gives the one order.
                    keyed.sort_unstable_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
                    lane.statements.clear();
                    lane.statements.extend(keyed.iter().map(|&(_, i)| i));
                    self.at = At::Sort(l + 1, 0);
                    return lane.statements.len();
                }
                self.at = if end >= lane.statements.len() { At::Sort(l + 1, 0) } else { At::Sort(l, end) };
                (end - checked) / 4 + 1
            }
            At::Days(l, k) => {
                let Some(lane) = self.ordered.get(l) else {
                    self.at = At::Done;
                    return 1;
                };
                if k == 0 {
                    self.lane_days.push(Vec::with_capacity(lane.statements.len()));
                }
                let places = &self.placements;
                let end = (k + 256).min(lane.statements.len());
                if let Some(days) = self.lane_days.get_mut(l) {
                    days.extend(lane.statements[k..end].iter().map(|&i| places.get(i).copied().flatten().map_or(f64::INFINITY, |p| p.day)));
                }
                if end < lane.statements.len() {
                    self.at = At::Days(l, end);
                } else {
                    let days = self.lane_days.get(l).map_or(&[][..], |d| d.as_slice());
                    self.lane_build = Some(LaneIndexBuild::new(days, &lane.statements));
                    self.at = At::Index(l);
                }
                (end - k) / 8 + 1
            }
            At::Index(l) => {
                let (Some(lane), Some(days), Some(build)) = (self.ordered.get(l), self.lane_days.get(l), self.lane_build.as_mut()) else {
                    self.at = At::Done;
                    return 1;
                };
                // A chunk of the lane's index per unit.
                if build.step(days, &lane.statements, 1) {
                    if let Some(build) = self.lane_build.take() {
                        self.lane_index.push(build.finish(days, &lane.statements));
                    }
                    self.lane_members.push(Arc::from(lane.statements.as_slice()));
                    self.at = At::Days(l + 1, 0);
                    return lane.statements.len() / 64 + 1;
                }
                32
            }
            At::Done => 1,
        }
    }

    /// The first lane found gets room for every statement (a corpus of one lane of
    /// millions would otherwise copy its list as it grows, tens of MB in one task); the
    /// others grow.
    fn first_lane_room(&self) -> Vec<usize> {
        if self.lanes.is_empty() {
            Vec::with_capacity(self.placements.capacity())
        } else {
            Vec::new()
        }
    }

    fn catch_all_lane(&mut self, key: LaneKey) -> usize {
        if let Some(at) = self.catch_all {
            return at;
        }
        let room = self.first_lane_room();
        self.lanes.push((key, room, f64::INFINITY));
        self.catch_all = Some(self.lanes.len() - 1);
        self.lanes.len() - 1
    }

    fn lane_by_id(&mut self, id: &str, key: impl FnOnce() -> LaneKey) -> usize {
        if let Some(&at) = self.by_id.get(id) {
            return at;
        }
        let room = self.first_lane_room();
        self.lanes.push((key(), room, f64::INFINITY));
        self.by_id.insert(id.to_string(), self.lanes.len() - 1);
        self.lanes.len() - 1
    }

    fn add(&mut self, at: usize, i: usize, first: f64) {
        if let Some((_, statements, first_day)) = self.lanes.get_mut(at) {
            if statements.last() != Some(&i) {
                statements.push(i);
            }
            *first_day = first_day.min(first);
        }
    }
}
