//! Positions: actors' stances on topics over time.
//!
//! [`order`] sorts a corpus's [`Position`]s by topic, actor and date (what
//! [`crate::corpus::build`] does). For a positions view:
//! - [`by_topic`] groups them into [`TopicPositions`], one per topic (in the order of
//!   the metadata), each with one [`ActorRow`] per actor holding that actor's
//!   positions in date order;
//! - [`changes`] compares consecutive positions of one row and says, as a
//!   [`Change`], whether the stance or the polarity moved.

use crate::model::{Corpus, Position};
use serde::{Deserialize, Serialize};

/// Orders positions by topic, actor, then date.
pub fn order(positions: &mut [Position]) {
    positions.sort_by(|a, b| (&a.meta.topic, &a.meta.actor, a.date).cmp(&(&b.meta.topic, &b.meta.actor, b.date)));
}

/// One actor's positions on one topic.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ActorRow {
    /// Actor id.
    pub actor: String,
    /// Indexes into [`Corpus::positions`], earliest first.
    pub positions: Vec<usize>,
}

/// All positions on one topic, by actor.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TopicPositions {
    /// Topic id.
    pub topic: String,
    /// Actors in the order of their first position's date (then id).
    pub rows: Vec<ActorRow>,
}

/// Positions grouped by topic (metadata order; topics without positions left out),
/// then by actor.
pub fn by_topic(corpus: &Corpus) -> Vec<TopicPositions> {
    let mut out = Vec::new();
    for topic in &corpus.meta.topics {
        let mut rows: Vec<ActorRow> = Vec::new();
        let mut on_topic: Vec<usize> = (0..corpus.positions.len()).filter(|&i| corpus.positions[i].meta.topic == topic.id).collect();
        on_topic.sort_by_key(|&i| (corpus.positions[i].date, i));
        for i in on_topic {
            let actor = &corpus.positions[i].meta.actor;
            match rows.iter_mut().find(|r| &r.actor == actor) {
                Some(r) => r.positions.push(i),
                None => rows.push(ActorRow { actor: actor.clone(), positions: vec![i] }),
            }
        }
        if !rows.is_empty() {
            out.push(TopicPositions { topic: topic.id.clone(), rows });
        }
    }
    out
}

/// How a position differs from the one before it in the same row.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Change {
    /// Index into [`Corpus::positions`] of the earlier position.
    pub from: usize,
    /// Index into [`Corpus::positions`] of the later position.
    pub to: usize,
    /// The stance label changed.
    pub stance_changed: bool,
    /// Later polarity minus earlier polarity (0 when unchanged).
    pub polarity_delta: i8,
}

impl Change {
    /// True when anything moved.
    pub fn changed(&self) -> bool {
        self.stance_changed || self.polarity_delta != 0
    }
}

/// The changes between consecutive positions of a row.
pub fn changes(corpus: &Corpus, row: &ActorRow) -> Vec<Change> {
    row.positions
        .windows(2)
        .filter_map(|w| {
            let (a, b) = (corpus.positions.get(w[0])?, corpus.positions.get(w[1])?);
            Some(Change {
                from: w[0],
                to: w[1],
                stance_changed: a.meta.stance.trim() != b.meta.stance.trim(),
                polarity_delta: b.meta.polarity.saturating_sub(a.meta.polarity),
            })
        })
        .collect()
}
