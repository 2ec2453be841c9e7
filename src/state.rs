//! Context shared by the components, and the derived search results.
//!
//! - [`CorpusCtx`]: the loaded corpus (immutable; swapped whole when another is loaded).
//! - [`ViewCtx`]: the one UI state, [`ViewState`] from the core, mirrored in the URL,
//!   read through one memo per field.
//! - [`ResultsCtx`]: what the current query and time window select ([`Results`]).
//! - [`TimelineDataCtx`]: the timeline's data for the corpus and lane mode, as kept by
//!   [`Loaded::timeline`] (made in slices before a loaded corpus is swapped in).
//!
//! Components read these through the `use_*` helpers and change the view only by
//! sending [`Intent`]s ([`ViewCtx::send`]), so the URL always reproduces what is on screen.

use leptos::prelude::*;
use stance_core::corpus;
use stance_core::interchange::read_corpus_file;
use stance_core::search::Index;
use stance_core::timeline::LaneMode;
use stance_core::url_state::{CompareItem, View, ViewState};
pub use stance_core::view::Results;
use stance_core::view::timeline::TimelineData;
use stance_core::view::{History, Intent};
use stance_core::{Corpus, CorpusErrors};
use std::sync::{Arc, OnceLock};

/// The corpus compiled into the app by build.rs (packed JSON).
pub const BUNDLED_CORPUS: &str = include_str!(concat!(env!("OUT_DIR"), "/corpus.json"));

/// The origin of the corpus compiled into the app.
pub const BUNDLED_ORIGIN: &str = "bundled corpus";

/// A built corpus, its search index, and where it came from.
pub struct Loaded {
    pub corpus: Corpus,
    pub index: Index,
    /// [`BUNDLED_ORIGIN`], or the file name / URL it was loaded from.
    pub origin: String,
    /// What the file had that could not be loaded (a TimelineJS event with no place in
    /// time...), one line each.
    pub skipped: Vec<String>,
    /// The timeline's data per lane mode, made the first time it is asked for
    /// ([`Loaded::timeline`]) or beforehand in slices while a loaded corpus is put on
    /// screen ([`Loaded::set_timeline`]).
    pub timeline: [OnceLock<Arc<TimelineData>>; 3],
}

impl Loaded {
    /// A loaded corpus, its timeline data not made yet.
    pub fn new(corpus: Corpus, index: Index, origin: String, skipped: Vec<String>) -> Self {
        Loaded { corpus, index, origin, skipped, timeline: Default::default() }
    }

    fn slot(&self, mode: LaneMode) -> &OnceLock<Arc<TimelineData>> {
        let k = LaneMode::ALL.iter().position(|m| *m == mode).unwrap_or(0);
        &self.timeline[k.min(2)]
    }

    /// The timeline's data for lanes by `mode`: made once (in one go if it was not
    /// made beforehand), then shared.
    pub fn timeline(&self, mode: LaneMode) -> Arc<TimelineData> {
        self.slot(mode).get_or_init(|| Arc::new(TimelineData::new(&self.corpus, mode))).clone()
    }

    /// Keeps `data`, made beforehand (a `TimelineBuild` of this corpus for `mode`).
    pub fn set_timeline(&self, mode: LaneMode, data: TimelineData) {
        let _ = self.slot(mode).set(Arc::new(data));
    }
}

impl std::fmt::Debug for Loaded {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Loaded").field("origin", &self.origin).field("statements", &self.corpus.statements.len()).finish()
    }
}

/// Builds a corpus and its index from packed JSON, naming `origin` in any problem.
/// A TimelineJS file is read too (`stance_core::interchange::read_corpus_file`).
pub fn load_packed(origin: &str, json: &str) -> Result<Loaded, CorpusErrors> {
    let file = read_corpus_file(origin, json)?;
    let corpus = corpus::build(file.packed.into_source(origin))?;
    let index = Index::build(&corpus);
    Ok(Loaded::new(corpus, index, origin.to_string(), file.skipped))
}

/// The current corpus, swapped whole when the user loads another one.
#[derive(Clone, Copy)]
pub struct CorpusCtx(pub RwSignal<Arc<Loaded>>);

/// The current corpus.
pub fn use_corpus() -> RwSignal<Arc<Loaded>> {
    use_context::<CorpusCtx>().map(|c| c.0).expect("CorpusCtx is provided by Explorer")
}

/// The view state (mirrored in the URL by the app), with a memo per field so that each
/// reader wakes only when what it reads changes: a zoom step touches the timeline's
/// scale and the URL, not the search box, the table or the panel.
///
/// Components change it only by sending [`Intent`]s ([`ViewCtx::send`]); the core
/// applies them ([`ViewState::apply`]) and says how history records the change.
#[derive(Clone, Copy)]
pub struct ViewCtx {
    state: RwSignal<ViewState>,
    /// How the URL effect records the last change (taken once).
    history: StoredValue<History>,
    pub view: Memo<View>,
    pub query: Memo<String>,
    pub lanes: Memo<LaneMode>,
    pub window: Memo<Option<(i64, i64)>>,
    pub zoom: Memo<Option<(f64, f64)>>,
    pub selected: Memo<Option<String>>,
    pub document: Memo<Option<String>>,
    pub compare: Memo<Vec<CompareItem>>,
    pub topic: Memo<Option<String>>,
    pub actor: Memo<Option<String>>,
}

impl ViewCtx {
    pub fn new(initial: ViewState) -> Self {
        let state = RwSignal::new(initial);
        ViewCtx {
            state,
            history: StoredValue::new(History::Unchanged),
            view: Memo::new(move |_| state.with(|v| v.view)),
            query: Memo::new(move |_| state.with(|v| v.query.clone())),
            lanes: Memo::new(move |_| state.with(|v| v.lanes)),
            window: Memo::new(move |_| state.with(|v| v.window)),
            zoom: Memo::new(move |_| state.with(|v| v.zoom)),
            selected: Memo::new(move |_| state.with(|v| v.selected.clone())),
            document: Memo::new(move |_| state.with(|v| v.document.clone())),
            compare: Memo::new(move |_| state.with(|v| v.compare.clone())),
            topic: Memo::new(move |_| state.with(|v| v.topic.clone())),
            actor: Memo::new(move |_| state.with(|v| v.actor.clone())),
        }
    }

    /// Applies an intent; the app writes the new state to the URL as the core decided.
    pub fn send(&self, intent: Intent) {
        let mut next = self.state.get_untracked();
        let history = next.apply(intent);
        if history != History::Unchanged {
            // Two intents sent in one handler (select, then zoom to keep it visible)
            // reach the URL effect once: a new entry if either asked for one.
            self.history.update_value(|h| {
                if *h != History::Push {
                    *h = history;
                }
            });
            self.state.set(next);
        }
    }

    /// A callback that sends intents (for props).
    pub fn sender(&self) -> Callback<Intent> {
        let ctx = *self;
        Callback::new(move |intent| ctx.send(intent))
    }

    /// Takes a whole state read from the URL (back, forward, links). History gets no
    /// new entry for it.
    pub fn set_whole(&self, state: ViewState) {
        if self.state.with_untracked(|v| *v != state) {
            self.history.set_value(History::Unchanged);
            self.state.set(state);
        }
    }

    /// The whole state, tracked: only the URL effect reads all of it.
    pub fn state(&self) -> ViewState {
        self.state.get()
    }

    pub fn get_untracked(&self) -> ViewState {
        self.state.get_untracked()
    }

    /// How history records the last change (once; later calls give `Unchanged`).
    pub fn take_history(&self) -> History {
        let h = self.history.get_value();
        self.history.set_value(History::Unchanged);
        h
    }
}

impl ViewCtx {
    /// Installs a newly built corpus: the view state drops the ids the new corpus does
    /// not have ([`ViewState::validate`]) in the same step, so no effect has to correct
    /// it afterwards and nothing ever reads a selection that names a missing statement.
    pub fn install(&self, corpus: RwSignal<Arc<Loaded>>, loaded: Loaded) {
        let mut state = self.state.get_untracked();
        let dropped = state.validate(&loaded.corpus);
        if !dropped.is_empty() {
            self.set_whole(state);
        }
        corpus.set(Arc::new(loaded));
    }
}

pub fn use_view() -> ViewCtx {
    use_context::<ViewCtx>().expect("ViewCtx is provided by Explorer")
}

/// Runs the search of the app's results for a query and a time window.
pub fn compute_results(loaded: &Loaded, query: &str, window: Option<(i64, i64)>) -> Results {
    stance_core::view::search(&loaded.corpus, &loaded.index, query, window)
}

/// What the current query and time window select.
#[derive(Clone, Copy)]
pub struct ResultsCtx(pub Memo<Arc<Results>>);

pub fn use_results() -> Memo<Arc<Results>> {
    use_context::<ResultsCtx>().map(|r| r.0).expect("ResultsCtx is provided by Explorer")
}

/// The timeline's data ([`TimelineData`]) for the corpus and the lane mode: only a
/// reactive reader of [`Loaded::timeline`], which keeps the data (made in slices
/// before a loaded corpus is swapped in; made in one go when first read otherwise, e.g.
/// for another lane mode). Lazy: nothing is built while no one reads it.
#[derive(Clone, Copy)]
pub struct TimelineDataCtx(pub Memo<Arc<TimelineData>>);

impl TimelineDataCtx {
    pub fn new(corpus: RwSignal<Arc<Loaded>>, view: ViewCtx) -> Self {
        TimelineDataCtx(Memo::new(move |_| {
            let mode = view.lanes.get();
            // Made beforehand in slices when a loaded corpus is swapped in (`Loaded::timeline`).
            corpus.with(|l| l.timeline(mode))
        }))
    }
}
