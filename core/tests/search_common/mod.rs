//! Shared helpers of the search tests: the shipped corpus, and small fixture corpora.
#![allow(dead_code)]

pub mod fixture;

use stance_core::corpus;
use stance_core::Corpus;
use std::path::Path;

/// The shipped corpus (corpus/stance.toml and its texts).
pub fn shipped() -> Corpus {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../corpus");
    corpus::load_dir(&dir).and_then(corpus::build).unwrap_or_else(|e| panic!("the shipped corpus does not build:\n{e}"))
}
