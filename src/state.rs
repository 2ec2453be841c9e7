//! Context shared by the components, and the derived search results.
//!
//! - [`CorpusCtx`]: the loaded corpus (immutable; swapped whole when another is loaded).
//! - [`ViewCtx`]: the one UI state, [`ViewState`] from the core, mirrored in the URL.
//! - [`ResultsCtx`]: what the current query and time window select ([`Results`]).
//!
//! Components read these through the `use_*` helpers and change the view only through
//! [`ViewCtx::update`], so the URL always reproduces what is on screen.

use leptos::prelude::*;
use stance_core::corpus;
use stance_core::interchange::read_corpus_file;
use stance_core::search::{Index, SearchOptions, SearchResults};
use stance_core::url_state::ViewState;
use stance_core::{Corpus, CorpusErrors};
use std::sync::Arc;

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
    Ok(Loaded { corpus, index, origin: origin.to_string(), skipped: file.skipped })
}

/// The current corpus, swapped whole when the user loads another one.
#[derive(Clone, Copy)]
pub struct CorpusCtx(pub RwSignal<Arc<Loaded>>);

/// The current corpus.
pub fn use_corpus() -> RwSignal<Arc<Loaded>> {
    use_context::<CorpusCtx>().map(|c| c.0).expect("CorpusCtx is provided by Explorer")
}

/// The view state (mirrored in the URL by the app).
#[derive(Clone, Copy)]
pub struct ViewCtx(pub RwSignal<ViewState>);

impl ViewCtx {
    /// Changes the view state; the app writes it to the URL.
    pub fn update(&self, f: impl FnOnce(&mut ViewState)) {
        self.0.update(f);
    }

    pub fn get(&self) -> ViewState {
        self.0.get()
    }

    pub fn get_untracked(&self) -> ViewState {
        self.0.get_untracked()
    }

    pub fn with<R>(&self, f: impl FnOnce(&ViewState) -> R) -> R {
        self.0.with(f)
    }

    /// Selects a statement by index (or clears the selection).
    pub fn select(&self, corpus: &Corpus, statement: Option<usize>) {
        let id = statement.and_then(|i| corpus.statements.get(i)).map(|s| s.id.clone());
        self.update(|v| v.selected = id);
    }
}

pub fn use_view() -> ViewCtx {
    use_context::<ViewCtx>().expect("ViewCtx is provided by Explorer")
}

/// What the current query and time window select.
#[derive(Clone, Debug, PartialEq)]
pub struct Results {
    pub search: SearchResults,
    /// Per statement: is it a hit? (indexed like `corpus.statements`)
    pub is_hit: Vec<bool>,
    /// True when a query or a time window narrows the statements.
    pub filtering: bool,
}

impl Results {
    /// Hit statement indexes, best first.
    pub fn hits(&self) -> impl Iterator<Item = usize> + '_ {
        self.search.hits.iter().map(|h| h.statement)
    }

    pub fn hit_count(&self) -> usize {
        self.search.total
    }
}

/// Hits that get a highlighted snippet; the rest (still all marked on the timeline and
/// listed in the table) show their whole text.
pub const SNIPPETS: usize = 400;

/// Runs the search for a query and a time window (days since 1970, inclusive).
pub fn compute_results(loaded: &Loaded, query: &str, window: Option<(i64, i64)>) -> Results {
    let options = SearchOptions { window, limit: usize::MAX, snippets: SNIPPETS, ..SearchOptions::default() };
    let search = loaded.index.search(&loaded.corpus, query, &options);
    let mut is_hit = vec![false; loaded.corpus.statements.len()];
    for h in &search.hits {
        if let Some(slot) = is_hit.get_mut(h.statement) {
            *slot = true;
        }
    }
    let filtering = !query.trim().is_empty() || window.is_some();
    Results { search, is_hit, filtering }
}

#[derive(Clone, Copy)]
pub struct ResultsCtx(pub Memo<Arc<Results>>);

pub fn use_results() -> Memo<Arc<Results>> {
    use_context::<ResultsCtx>().map(|r| r.0).expect("ResultsCtx is provided by Explorer")
}
