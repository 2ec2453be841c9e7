//! Context shared by the components.
//!
//! The corpus is immutable once built; loading another corpus swaps the whole
//! [`Loaded`] value, so it lives in one signal ([`CorpusCtx`]) and components read it
//! through [`use_corpus`].

use leptos::prelude::*;
use stance_core::corpus::{self, PackedCorpus};
use stance_core::{Corpus, CorpusErrors};
use std::sync::Arc;

/// The corpus compiled into the app by build.rs (packed JSON).
pub const BUNDLED_CORPUS: &str = include_str!(concat!(env!("OUT_DIR"), "/corpus.json"));

/// The origin of the corpus compiled into the app.
pub const BUNDLED_ORIGIN: &str = "bundled corpus";

/// A built corpus and where it came from.
#[derive(Debug)]
pub struct Loaded {
    pub corpus: Corpus,
    /// "bundled", or the file name / URL it was loaded from.
    pub origin: String,
}

/// Builds a corpus from packed JSON, naming `origin` in any problem.
pub fn load_packed(origin: &str, json: &str) -> Result<Loaded, CorpusErrors> {
    let packed = PackedCorpus::parse(origin, json)?;
    let corpus = corpus::build(packed.into_source(origin))?;
    Ok(Loaded { corpus, origin: origin.to_string() })
}

/// The current corpus, swapped whole when the user loads another one.
#[derive(Clone, Copy)]
pub struct CorpusCtx(pub RwSignal<Arc<Loaded>>);

/// The current corpus.
pub fn use_corpus() -> RwSignal<Arc<Loaded>> {
    use_context::<CorpusCtx>().map(|c| c.0).expect("CorpusCtx is provided by App")
}
