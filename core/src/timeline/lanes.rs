//! Lanes: the rows of the timeline, one per topic, speaker or document.
//!
//! [`build_lanes`] groups the visible statements by [`LaneMode`] into [`Lane`]s. A
//! statement with several topics appears in each topic's lane; one with no topic goes
//! to the "No topic" lane and one with no speaker to "Unattributed". Lanes are ordered
//! by when they first appear in time (ties by metadata order), catch-all lanes last.

use super::place::Placement;
use crate::model::Corpus;
use std::collections::HashMap;

/// Label of the lane of statements without a topic.
pub const NO_TOPIC_LABEL: &str = "No topic";
/// Label of the lane of statements without a known speaker.
pub const UNATTRIBUTED_LABEL: &str = crate::model::UNATTRIBUTED;

/// What the lanes of the timeline stand for.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum LaneMode {
    #[default]
    Topic,
    Speaker,
    Document,
}

impl LaneMode {
    pub const ALL: [LaneMode; 3] = [LaneMode::Topic, LaneMode::Speaker, LaneMode::Document];

    /// The name used in URLs: "topic", "speaker", "document".
    pub fn as_str(&self) -> &'static str {
        match self {
            LaneMode::Topic => "topic",
            LaneMode::Speaker => "speaker",
            LaneMode::Document => "document",
        }
    }

    /// Reads a name written by [`LaneMode::as_str`] (any case).
    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|m| m.as_str().eq_ignore_ascii_case(s.trim()))
    }
}

/// What one lane gathers.
/// Ordered by variant, then id or index (the last tie-break of lane order).
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum LaneKey {
    /// A topic id.
    Topic(String),
    NoTopic,
    /// A speaker's actor id.
    Speaker(String),
    Unattributed,
    /// A document index.
    Document(usize),
}

impl LaneKey {
    /// True for the lanes that gather what has no topic or no speaker.
    pub fn is_catch_all(&self) -> bool {
        matches!(self, LaneKey::NoTopic | LaneKey::Unattributed)
    }
}

/// One row of the timeline.
#[derive(Clone, Debug, PartialEq)]
pub struct Lane {
    pub key: LaneKey,
    /// Topic label, actor name or document title.
    pub label: String,
    /// Indexes into [`Corpus::statements`], ascending.
    pub statements: Vec<usize>,
}

/// The lanes for the `visible` statements (indexes into [`Corpus::statements`];
/// out-of-range and repeated indexes are ignored). Lanes without statements are left out.
pub fn build_lanes(corpus: &Corpus, visible: &[usize], mode: LaneMode) -> Vec<Lane> {
    let mut visible: Vec<usize> = visible.iter().copied().filter(|&i| i < corpus.statements.len()).collect();
    visible.sort_unstable();
    visible.dedup();
    // Lanes found by borrowed id (no key built or hashed per statement but the id).
    let mut lanes: Vec<Lane> = Vec::new();
    let mut by_id: HashMap<&str, usize> = HashMap::new();
    let mut by_doc: HashMap<usize, usize> = HashMap::new();
    let mut catch_all: Option<usize> = None;
    let lane_for = |lanes: &mut Vec<Lane>, slot: &mut Option<usize>, key: &dyn Fn() -> LaneKey| -> usize {
        *slot.get_or_insert_with(|| {
            let key = key();
            lanes.push(Lane { label: String::new(), key, statements: Vec::new() });
            lanes.len() - 1
        })
    };
    let add = |lanes: &mut Vec<Lane>, at: usize, i: usize| {
        if lanes[at].statements.last() != Some(&i) {
            lanes[at].statements.push(i);
        }
    };
    for i in visible {
        let s = &corpus.statements[i];
        match mode {
            LaneMode::Topic if s.topics.is_empty() => {
                let at = lane_for(&mut lanes, &mut catch_all, &|| LaneKey::NoTopic);
                add(&mut lanes, at, i);
            }
            LaneMode::Topic => {
                for t in &s.topics {
                    let mut slot = by_id.get(t.as_str()).copied();
                    let at = lane_for(&mut lanes, &mut slot, &|| LaneKey::Topic(t.clone()));
                    by_id.insert(t.as_str(), at);
                    add(&mut lanes, at, i);
                }
            }
            LaneMode::Speaker => {
                let at = match &s.speaker {
                    None => lane_for(&mut lanes, &mut catch_all, &|| LaneKey::Unattributed),
                    Some(a) => {
                        let mut slot = by_id.get(a.as_str()).copied();
                        let at = lane_for(&mut lanes, &mut slot, &|| LaneKey::Speaker(a.clone()));
                        by_id.insert(a.as_str(), at);
                        at
                    }
                };
                add(&mut lanes, at, i);
            }
            LaneMode::Document => {
                let mut slot = by_doc.get(&s.doc).copied();
                let at = lane_for(&mut lanes, &mut slot, &|| LaneKey::Document(s.doc));
                by_doc.insert(s.doc, at);
                add(&mut lanes, at, i);
            }
        }
    }
    sort_lanes(corpus, lanes)
}

/// Lane labels and metadata positions (for ties) by id, made once for a lane order:
/// the first topic or actor with an id names it, as [`Corpus::topic_label`] and
/// [`Corpus::actor_name`] do.
struct MetaNames<'a> {
    topics: HashMap<&'a str, (usize, &'a str)>,
    actors: HashMap<&'a str, (usize, &'a str)>,
}

impl<'a> MetaNames<'a> {
    fn new(corpus: &'a Corpus) -> Self {
        let mut topics = HashMap::new();
        for (k, t) in corpus.meta.topics.iter().enumerate() {
            topics.entry(t.id.as_str()).or_insert((k, t.label.as_str()));
        }
        let mut actors = HashMap::new();
        for (k, a) in corpus.meta.actors.iter().enumerate() {
            actors.entry(a.id.as_str()).or_insert((k, a.name.as_str()));
        }
        MetaNames { topics, actors }
    }

    fn label_of(&self, corpus: &Corpus, key: &LaneKey) -> String {
        match key {
            LaneKey::Topic(id) => self.topics.get(id.as_str()).map_or(id.as_str(), |t| t.1).to_string(),
            LaneKey::NoTopic => NO_TOPIC_LABEL.to_string(),
            LaneKey::Speaker(id) => self.actors.get(id.as_str()).map_or(id.as_str(), |a| a.1).to_string(),
            LaneKey::Unattributed => UNATTRIBUTED_LABEL.to_string(),
            LaneKey::Document(i) => corpus.documents.get(*i).map_or_else(String::new, |d| d.meta.title.clone()),
        }
    }

    /// Position of the key in the metadata (topics, actors, documents), for ties.
    fn rank(&self, key: &LaneKey) -> usize {
        let rank = match key {
            LaneKey::Topic(id) => self.topics.get(id.as_str()).map(|t| t.0),
            LaneKey::Speaker(id) => self.actors.get(id.as_str()).map(|a| a.0),
            LaneKey::Document(i) => Some(*i),
            LaneKey::NoTopic | LaneKey::Unattributed => None,
        };
        rank.unwrap_or(usize::MAX)
    }
}

/// The lanes found (key, statements, the first day of their statements' documents) in
/// the order of the timeline: by when they first appear in time, ties by metadata
/// order, then label and key; catch-all lanes last. Each is labelled here. O(L log L +
/// topics + actors) for L lanes.
pub(crate) fn lane_order(corpus: &Corpus, lanes: Vec<(LaneKey, Vec<usize>, f64)>) -> Vec<Lane> {
    let names = MetaNames::new(corpus);
    let mut keyed: Vec<(bool, f64, usize, Lane)> = lanes
        .into_iter()
        .map(|(key, statements, first)| (key.is_catch_all(), first, names.rank(&key), Lane { label: names.label_of(corpus, &key), key, statements }))
        .collect();
    crate::sort::by(&mut keyed, |a, b| {
        a.0.cmp(&b.0)
            .then(a.1.total_cmp(&b.1))
            .then(a.2.cmp(&b.2))
            .then_with(|| a.3.label.cmp(&b.3.label))
            .then_with(|| a.3.key.cmp(&b.3.key))
    });
    keyed.into_iter().map(|(_, _, _, lane)| lane).collect()
}

fn sort_lanes(corpus: &Corpus, lanes: Vec<Lane>) -> Vec<Lane> {
    let days: Vec<Option<f64>> = corpus
        .documents
        .iter()
        .map(|d| Placement::of_date_spec(&d.meta.date).map(|p| p.day))
        .collect();
    let first_day = |lane: &Lane| {
        lane.statements
            .iter()
            .filter_map(|&i| days.get(corpus.statements[i].doc).copied().flatten())
            .fold(f64::INFINITY, f64::min)
    };
    let found = lanes.into_iter().map(|l| (first_day(&l), l)).map(|(first, l)| (l.key, l.statements, first)).collect();
    lane_order(corpus, found)
}
