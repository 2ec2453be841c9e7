//! Positions: actors' stances on topics over time.
//!
//! [`order`] sorts a corpus's [`Position`]s by topic, actor and date (what
//! [`crate::corpus::build`] does). For a positions view:
//! - [`by_topic`] groups them into [`TopicPositions`], one per topic (in the order of
//!   the metadata), each with one [`ActorRow`] per actor holding that actor's
//!   positions in date order;
//! - [`changes`] compares consecutive positions of one row and says, as a
//!   [`Change`], whether the stance or the polarity moved.
//!
//! For the views that show them: [`filter`] narrows the groups to a topic and an actor,
//! [`date_columns`] gives a topic's shared time scale,
//! [`stance_row`] finds one actor's row on one topic (the compare view), [`polarity_label`]
//! and [`change_label`] say in words and symbols what colour alone would otherwise say.

use crate::date::PartialDate;
use crate::model::{Corpus, Position};
use serde::{Deserialize, Serialize};

/// Orders positions by topic, actor, then date.
pub fn order(positions: &mut [Position]) {
    crate::sort::by(positions, |a, b| (&a.meta.topic, &a.meta.actor, a.date).cmp(&(&b.meta.topic, &b.meta.actor, b.date)));
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
        crate::sort::by_key(&mut on_topic, |&i| (corpus.positions[i].date, i));
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

/// Keeps only `topic` (when set) and the rows of `actor` (when set); topics left
/// without rows are dropped.
pub fn filter(topics: Vec<TopicPositions>, topic: Option<&str>, actor: Option<&str>) -> Vec<TopicPositions> {
    topics
        .into_iter()
        .filter(|t| topic.is_none_or(|id| t.topic == id))
        .map(|mut t| {
            t.rows.retain(|r| actor.is_none_or(|id| r.actor == id));
            t
        })
        .filter(|t| !t.rows.is_empty())
        .collect()
}

/// The distinct dates of a topic's positions, earliest first: the columns of a shared
/// time scale on which every actor's row lines up.
pub fn date_columns(corpus: &Corpus, topic: &TopicPositions) -> Vec<PartialDate> {
    let mut dates: Vec<PartialDate> =
        topic.rows.iter().flat_map(|r| r.positions.iter().filter_map(|&i| corpus.positions.get(i).map(|p| p.date))).collect();
    dates.sort_unstable();
    dates.dedup();
    dates
}

/// One actor's positions on one topic, earliest first (`None` when there are none).
pub fn stance_row(corpus: &Corpus, actor: &str, topic: &str) -> Option<ActorRow> {
    by_topic(corpus).into_iter().find(|t| t.topic == topic)?.rows.into_iter().find(|r| r.actor == actor)
}

/// Actor ids that hold at least one position, in metadata order.
pub fn actors_with_positions(corpus: &Corpus) -> Vec<String> {
    corpus.meta.actors.iter().filter(|a| corpus.positions.iter().any(|p| p.meta.actor == a.id)).map(|a| a.id.clone()).collect()
}

/// A polarity as a symbol and words, so it is never told by colour alone:
/// `("▲▲", "strongly for")` … `("●", "neutral")` … `("▼▼", "strongly against")`.
pub fn polarity_label(polarity: i8) -> (&'static str, &'static str) {
    match polarity {
        p if p >= 2 => ("▲▲", "strongly for"),
        1 => ("▲", "for"),
        0 => ("●", "neutral"),
        -1 => ("▼", "against"),
        _ => ("▼▼", "strongly against"),
    }
}

/// A CSS modifier for a polarity: `strong-for`, `for`, `neutral`, `against`, `strong-against`.
pub fn polarity_class(polarity: i8) -> &'static str {
    match polarity {
        p if p >= 2 => "strong-for",
        1 => "for",
        0 => "neutral",
        -1 => "against",
        _ => "strong-against",
    }
}

/// What a change marker says: "→ changed (polarity −1)", "→ changed", or "→ same stance".
pub fn change_label(change: &Change) -> String {
    let delta = match change.polarity_delta {
        0 => String::new(),
        d if d > 0 => format!(" (polarity +{d})"),
        d => format!(" (polarity −{})", d.unsigned_abs()),
    };
    match change.changed() {
        true => format!("→ changed{delta}"),
        false => "→ same stance".to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::meta::{ActorMeta, PositionMeta, TopicMeta};

    fn position(actor: &str, topic: &str, stance: &str, polarity: i8, year: i32) -> Position {
        Position {
            meta: PositionMeta {
                id: format!("{actor}-{year}-{topic}"),
                actor: actor.into(),
                topic: topic.into(),
                stance: stance.into(),
                polarity,
                ..PositionMeta::default()
            },
            date: PartialDate::year(year),
            approximate: false,
            statements: vec![],
        }
    }

    fn corpus() -> Corpus {
        let mut c = Corpus::default();
        c.meta.actors = ["a", "b", "c"].iter().map(|id| ActorMeta { id: id.to_string(), name: id.to_uppercase(), ..ActorMeta::default() }).collect();
        c.meta.topics = ["t1", "t2", "t3"].iter().map(|id| TopicMeta { id: id.to_string(), label: id.to_string(), ..TopicMeta::default() }).collect();
        c.positions = vec![
            position("b", "t1", "talk", 2, 2022),
            position("a", "t1", "talk", 2, 2017),
            position("a", "t1", "wait", 1, 2018),
            position("a", "t2", "rules", 2, 2017),
            position("b", "t2", "rules", 2, 2018),
        ];
        c
    }

    #[test]
    fn groups_by_topic_then_actor_in_date_order() {
        let t = by_topic(&corpus());
        assert_eq!(t.len(), 2, "t3 has no positions");
        assert_eq!(t[0].topic, "t1");
        assert_eq!(t[0].rows[0], ActorRow { actor: "a".into(), positions: vec![1, 2] });
        assert_eq!(t[0].rows[1].actor, "b");
    }

    #[test]
    fn changes_report_stance_and_polarity() {
        let c = corpus();
        let row = stance_row(&c, "a", "t1").unwrap();
        let ch = changes(&c, &row);
        assert_eq!(ch, vec![Change { from: 1, to: 2, stance_changed: true, polarity_delta: -1 }]);
        assert_eq!(change_label(&ch[0]), "→ changed (polarity −1)");
        let same = Change { from: 0, to: 1, stance_changed: false, polarity_delta: 0 };
        assert_eq!(change_label(&same), "→ same stance");
        let up = Change { from: 0, to: 1, stance_changed: false, polarity_delta: 3 };
        assert_eq!(change_label(&up), "→ changed (polarity +3)");
    }

    #[test]
    fn filter_by_topic_and_actor() {
        let c = corpus();
        assert_eq!(filter(by_topic(&c), None, None).len(), 2);
        let t = filter(by_topic(&c), Some("t2"), None);
        assert_eq!((t.len(), t[0].rows.len()), (1, 2));
        let t = filter(by_topic(&c), None, Some("b"));
        assert_eq!(t.iter().map(|t| t.rows.len()).sum::<usize>(), 2);
        assert!(filter(by_topic(&c), Some("t1"), Some("c")).is_empty());
        assert!(filter(by_topic(&c), Some("nope"), None).is_empty());
    }

    #[test]
    fn date_columns_are_the_distinct_dates_of_a_topic() {
        let c = corpus();
        let t = by_topic(&c);
        let years: Vec<i32> = date_columns(&c, &t[0]).iter().map(|d| d.year).collect();
        assert_eq!(years, vec![2017, 2018, 2022]);
        let years: Vec<i32> = date_columns(&c, &t[1]).iter().map(|d| d.year).collect();
        assert_eq!(years, vec![2017, 2018]);
    }

    #[test]
    fn stance_rows_and_actors() {
        let c = corpus();
        assert_eq!(stance_row(&c, "b", "t2").unwrap().positions, vec![4]);
        assert!(stance_row(&c, "c", "t1").is_none());
        assert!(stance_row(&c, "a", "nope").is_none());
        assert_eq!(actors_with_positions(&c), vec!["a", "b"]);
    }

    #[test]
    fn polarity_is_said_in_words_and_symbols() {
        assert_eq!(polarity_label(2), ("▲▲", "strongly for"));
        assert_eq!(polarity_label(1), ("▲", "for"));
        assert_eq!(polarity_label(0), ("●", "neutral"));
        assert_eq!(polarity_label(-1), ("▼", "against"));
        assert_eq!(polarity_label(-2), ("▼▼", "strongly against"));
        assert_eq!(polarity_label(i8::MIN).1, "strongly against");
        assert_eq!(polarity_class(-1), "against");
        assert_eq!(polarity_class(5), "strong-for");
    }
}
