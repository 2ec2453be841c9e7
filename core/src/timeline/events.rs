//! The events row: dated events shown apart from the statements.
//!
//! Two kinds of [`EventItem`]: context events from the corpus metadata
//! ([`EventKind::Context`]), linked to the visible statements whose references name
//! them, and dates a statement refers to that match no context event
//! ([`EventKind::Referenced`]), linked to that statement. [`layout_events`] places
//! them on one row as [`EventMark`]s, clustered like statement marks.

use super::cluster::{cluster, px_range, Group, Item};
use super::layout::MARK_MIN_PX;
use super::place::Placement;
use super::scale::TimeScale;
use crate::date::PartialDate;
use crate::model::Corpus;
use std::collections::HashMap;

/// Least distance between two marks of the events row, in pixels.
pub const EVENT_MIN_PX: f64 = MARK_MIN_PX;

/// Where an event on the row comes from.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum EventKind {
    /// A context event of the corpus metadata, by id.
    Context(String),
    /// A date a statement refers to: the statement index and the reference's index in it.
    Referenced { statement: usize, reference: usize },
}

/// One event to show.
#[derive(Clone, Debug, PartialEq)]
pub struct EventItem {
    pub kind: EventKind,
    /// The event's label, or the referred date as words ("March 2022").
    pub label: String,
    pub date: PartialDate,
    pub placement: Placement,
    /// Visible statements linked to it (ascending): those that refer to it.
    pub statements: Vec<usize>,
}

/// One mark of the events row.
#[derive(Clone, Debug, PartialEq)]
pub enum EventMark {
    Single {
        /// Index into the items given to [`layout_events`].
        item: usize,
        kind: EventKind,
        label: String,
        /// Position along the axis, in pixels.
        x: f64,
        /// Pixel extent of a month or year date (or an approximate one).
        x_range: Option<(f64, f64)>,
        approximate: bool,
    },
    /// Events too close to tell apart at this zoom.
    Cluster {
        /// Indexes into the items given to [`layout_events`], in axis order.
        items: Vec<usize>,
        x: f64,
        x_range: (f64, f64),
        count: usize,
    },
}

impl EventMark {
    /// Position along the axis, in pixels.
    pub fn x(&self) -> f64 {
        match self {
            EventMark::Single { x, .. } | EventMark::Cluster { x, .. } => *x,
        }
    }

    /// Indexes of the items this mark stands for.
    pub fn items(&self) -> &[usize] {
        match self {
            EventMark::Single { item, .. } => std::slice::from_ref(item),
            EventMark::Cluster { items, .. } => items,
        }
    }
}

/// Every context event of `corpus` (in metadata order), then the references of the
/// `visible` statements that name no known context event (in statement order).
pub fn event_items(corpus: &Corpus, visible: &[usize]) -> Vec<EventItem> {
    let mut visible: Vec<usize> = visible.iter().copied().filter(|&i| i < corpus.statements.len()).collect();
    visible.sort_unstable();
    visible.dedup();
    let mut items: Vec<EventItem> = corpus.meta.events.iter().map(context_item).collect();
    let by_id: HashMap<&str, usize> =
        corpus.meta.events.iter().enumerate().map(|(k, e)| (e.id.as_str(), k)).collect();
    for i in visible {
        for (r, reference) in corpus.statements[i].references.iter().enumerate() {
            match reference.event.as_deref().and_then(|id| by_id.get(id)) {
                Some(&k) => link(&mut items[k], i),
                None => items.push(EventItem {
                    kind: EventKind::Referenced { statement: i, reference: r },
                    label: reference.date.label(),
                    date: reference.date,
                    placement: Placement::of_partial_date(&reference.date, false),
                    statements: vec![i],
                }),
            }
        }
    }
    items
}

pub(crate) fn context_item(e: &crate::meta::EventMeta) -> EventItem {
    EventItem {
        kind: EventKind::Context(e.id.clone()),
        label: e.label.clone(),
        date: e.date,
        placement: Placement::of_partial_date(&e.date, e.approximate),
        statements: Vec::new(),
    }
}

pub(crate) fn link(item: &mut EventItem, statement: usize) {
    if item.statements.last() != Some(&statement) {
        item.statements.push(statement);
    }
}

/// The events row for `items` on `scale`, clustered so no two marks are closer than
/// [`EVENT_MIN_PX`].
pub fn layout_events(scale: &TimeScale, items: &[EventItem]) -> Vec<EventMark> {
    let placed = items
        .iter()
        .enumerate()
        .map(|(k, e)| Item {
            id: k,
            x: scale.to_px(e.placement.day),
            x_range: px_range(scale, e.placement.range),
            approximate: e.placement.approximate,
        })
        .collect();
    cluster(placed, EVENT_MIN_PX).into_iter().map(|g| event_mark(g, items)).collect()
}

fn event_mark(group: Group<usize>, items: &[EventItem]) -> EventMark {
    if let [one] = group.items.as_slice() {
        if let Some(e) = items.get(one.id) {
            return EventMark::Single {
                item: one.id,
                kind: e.kind.clone(),
                label: e.label.clone(),
                x: one.x,
                x_range: one.x_range,
                approximate: one.approximate,
            };
        }
    }
    let ids: Vec<usize> = group.items.iter().map(|it| it.id).collect();
    EventMark::Cluster { count: ids.len(), items: ids, x: group.x, x_range: group.x_range }
}
