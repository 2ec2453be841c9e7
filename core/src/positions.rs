//! Positions: actors' stances on topics over time.

use crate::model::Position;

/// Orders positions by topic, actor, then date.
pub fn order(positions: &mut [Position]) {
    positions.sort_by(|a, b| (&a.meta.topic, &a.meta.actor, a.date).cmp(&(&b.meta.topic, &b.meta.actor, b.date)));
}
