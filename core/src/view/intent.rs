//! Intents: everything a person can ask of the explorer, as data ([`Intent`]), applied
//! to the view state by the core ([`ViewState::apply`]), as Crux does it. Components
//! send intents through one callback and never edit the state themselves.
//!
//! Applying an intent also decides how the browser's history records it ([`History`]):
//! a step worth "Back" gets a new entry; typing, facet toggles and zooming or panning
//! replace the current one, so "Back" does not replay every keystroke.

use crate::model::Corpus;
use crate::search::query::{toggle_filter, Field};
use crate::timeline::LaneMode;
use crate::url_state::{add_compare, CompareItem, View, ViewState};

/// Something a person asked for.
#[derive(Clone, Debug, PartialEq)]
pub enum Intent {
    /// The search box's text.
    SetQuery(String),
    /// A facet chip: adds the filter to the query, or removes it if it is there.
    ToggleFacet { field: Field, value: String },
    /// Zoom, pan or fit: the visible domain in days (`None` fits all the data).
    SetZoom(Option<(f64, f64)>),
    /// The time filter, inclusive days (`None` clears it).
    SetWindow(Option<(i64, i64)>),
    SetLanes(LaneMode),
    /// Selects a statement by id (`None` closes the panel).
    Select(Option<String>),
    /// Shows a screen (the documents list for [`View::Reader`]).
    SwitchView(View),
    /// Opens a document in the reader, by id.
    OpenDocument(String),
    /// Adds an item to the comparison and shows the compare view.
    Compare(CompareItem),
    /// Removes an item from the comparison.
    RemoveCompare(CompareItem),
    /// The positions view's topic filter (`None`: all topics).
    SetTopic(Option<String>),
    /// The positions view's actor filter (`None`: all actors).
    SetActor(Option<String>),
    /// Clears both filters of the positions view.
    ShowAllPositions,
    /// Back to the start: the default view state.
    Reset,
}

impl Intent {
    /// Selects statement `index` of `corpus` (nothing if there is no such statement).
    pub fn select_statement(corpus: &Corpus, index: usize) -> Intent {
        Intent::Select(corpus.statements.get(index).map(|s| s.id.clone()))
    }

    /// How history records this intent when it changes the state.
    pub fn history(&self) -> History {
        match self {
            Intent::SetQuery(_) | Intent::ToggleFacet { .. } | Intent::SetZoom(_) => History::Replace,
            _ => History::Push,
        }
    }
}

/// How the browser's history records a change of the view state.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum History {
    /// Nothing changed: leave history alone.
    #[default]
    Unchanged,
    /// A new entry ("Back" returns to the state before).
    Push,
    /// Replace the current entry (typing, zooming).
    Replace,
}

impl ViewState {
    /// Applies `intent`; says how history should record it.
    pub fn apply(&mut self, intent: Intent) -> History {
        let before = self.clone();
        let history = intent.history();
        match intent {
            Intent::SetQuery(q) => self.query = q,
            Intent::ToggleFacet { field, value } => self.query = toggle_filter(&self.query, field.as_str(), &value),
            Intent::SetZoom(domain) => self.zoom = domain,
            Intent::SetWindow(window) => self.window = window,
            Intent::SetLanes(mode) => self.lanes = mode,
            Intent::Select(id) => self.selected = id,
            Intent::SwitchView(view) => {
                self.view = view;
                if view == View::Reader {
                    self.document = None;
                }
            }
            Intent::OpenDocument(id) => {
                self.view = View::Reader;
                self.document = Some(id);
            }
            Intent::Compare(item) => {
                add_compare(&mut self.compare, item);
                self.view = View::Compare;
            }
            Intent::RemoveCompare(item) => self.compare.retain(|i| *i != item),
            Intent::SetTopic(topic) => self.topic = topic.filter(|t| !t.is_empty()),
            Intent::SetActor(actor) => self.actor = actor.filter(|a| !a.is_empty()),
            Intent::ShowAllPositions => {
                self.topic = None;
                self.actor = None;
            }
            Intent::Reset => *self = ViewState::default(),
        }
        if *self == before {
            History::Unchanged
        } else {
            history
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typing_and_zooming_replace_steps_push_and_no_change_leaves_history() {
        let mut v = ViewState::default();
        assert_eq!(v.apply(Intent::SetQuery("cyber".into())), History::Replace);
        assert_eq!(v.apply(Intent::SetZoom(Some((0.0, 10.0)))), History::Replace);
        assert_eq!(v.apply(Intent::SetLanes(LaneMode::Speaker)), History::Push);
        assert_eq!(v.apply(Intent::SetLanes(LaneMode::Speaker)), History::Unchanged);
        assert_eq!(v.apply(Intent::Select(Some("s1".into()))), History::Push);
        assert_eq!(v.apply(Intent::SetWindow(Some((1, 2)))), History::Push);
        assert_eq!(v.query, "cyber");
        assert_eq!(v.selected.as_deref(), Some("s1"));
    }

    #[test]
    fn facet_toggles_add_and_remove_the_filter() {
        let mut v = ViewState::default();
        v.apply(Intent::SetQuery("norms".into()));
        let chip = Intent::ToggleFacet { field: Field::Speaker, value: "lavrov".into() };
        assert_eq!(v.apply(chip.clone()), History::Replace);
        assert!(v.query.contains("speaker:lavrov"), "{}", v.query);
        v.apply(chip);
        assert_eq!(v.query.trim(), "norms");
    }

    #[test]
    fn switching_to_documents_closes_the_reader_and_opening_a_document_shows_it() {
        let mut v = ViewState::default();
        v.apply(Intent::OpenDocument("rt-2017".into()));
        assert_eq!((v.view, v.document.as_deref()), (View::Reader, Some("rt-2017")));
        v.apply(Intent::SwitchView(View::Table));
        assert_eq!(v.document.as_deref(), Some("rt-2017"), "other views keep the reader's document");
        v.apply(Intent::SwitchView(View::Reader));
        assert_eq!(v.document, None);
    }

    #[test]
    fn compare_adds_at_most_two_and_switches_view() {
        let mut v = ViewState::default();
        let item = |id: &str| CompareItem::Statement(id.into());
        for id in ["a", "b", "c", "c"] {
            v.apply(Intent::Compare(item(id)));
        }
        assert_eq!(v.view, View::Compare);
        assert_eq!(v.compare, vec![item("b"), item("c")]);
        assert_eq!(v.apply(Intent::RemoveCompare(item("b"))), History::Push);
        assert_eq!(v.compare, vec![item("c")]);
    }

    #[test]
    fn empty_filter_values_clear_the_filter_and_reset_is_the_default() {
        let mut v = ViewState::default();
        v.apply(Intent::SetTopic(Some("norms".into())));
        v.apply(Intent::SetActor(Some(String::new())));
        assert_eq!((v.topic.as_deref(), v.actor.as_deref()), (Some("norms"), None));
        v.apply(Intent::SetTopic(Some(String::new())));
        assert_eq!(v.topic, None);
        v.apply(Intent::SetTopic(Some("norms".into())));
        v.apply(Intent::SetActor(Some("lavrov".into())));
        assert_eq!(v.apply(Intent::ShowAllPositions), History::Push);
        assert_eq!((v.topic.as_deref(), v.actor.as_deref()), (None, None));
        v.apply(Intent::SetQuery("x".into()));
        assert_eq!(v.apply(Intent::Reset), History::Push);
        assert_eq!(v, ViewState::default());
    }
}
