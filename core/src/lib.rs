//! Stance core: everything the explorer does, in plain Rust with no web dependency.
//!
//! - [`date`]: partial dates and document dates with their certainty.
//! - [`meta`]: the corpus metadata schema (`stance.toml`).
//! - [`corpus`]: loading (folder or packed JSON), checking and building a [`model::Corpus`].
//! - [`segment`], [`references`], [`tagging`], [`positions`]: statement extraction.
//! - [`selectors`]: finding many quote selectors in a text in one pass.
//! - [`load`]: loading a packed corpus in stages with progress, and handing it over in parts.
//! - [`prebuilt`]: a corpus built ahead of time (the app's bundled corpus, built by build.rs).
//! - [`export`]: statements as JSON or CSV; [`interchange`]: citations (BibTeX,
//!   CSL-JSON) and TimelineJS files in and out.
//! - [`embed`]: the message protocol between an embedded view and its host page.
//! - [`text`]: shortening text for labels and notices.
//! - [`sort`]: stable sorting through one shared copy of the standard sort (smaller wasm).
//! - [`search`]: the in-browser search index.
//! - [`timeline`]: time scales, ticks, lanes and mark layout.
//! - [`url_state`]: the view state and its URL encoding.
//! - `fuzzing` (feature `fuzzing`): the fuzz targets' entry points, replayed by tests.
//! - [`origin`]: where a corpus named by a link comes from, and the rules for fetching it.
//! - [`view`]: the view models of the screens, and the [`view::Intent`]s that change the view state.
//! - `synth` (feature `synth`, for the CLI and the benchmarks): synthetic corpora N times a real one,
//!   and (with `toml`) `synth::shapes`, the adversarial shapes of text.

pub mod corpus;
pub mod date;
pub mod error;
pub mod embed;
pub mod export;
#[cfg(feature = "fuzzing")]
pub mod fuzzing;
pub mod load;
pub mod interchange;
pub mod meta;
pub mod model;
pub mod origin;
pub mod positions;
pub mod prebuilt;
pub mod references;
pub mod search;
pub mod segment;
pub mod selectors;
pub mod sort;
#[cfg(feature = "synth")]
pub mod synth;
pub mod tagging;
pub mod text;
pub mod timeline;
pub mod url_state;
pub mod view;

pub use corpus::{build, PackedCorpus, Source};
pub use error::{CorpusErrors, Problem, ProblemKind};
pub use model::{Corpus, Document, Statement, StatementKind};
