//! Shared helpers of the search tests: the shipped corpus, and small fixture corpora.
#![allow(dead_code)]

pub mod fixture;

use stance_core::corpus::{self, Source};
use stance_core::meta::CorpusMeta;
use stance_core::Corpus;
use std::collections::BTreeMap;
use std::path::Path;

/// The shipped corpus (corpus/stance.toml and its texts).
pub fn shipped() -> Corpus {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../corpus");
    let meta_text = std::fs::read_to_string(dir.join("stance.toml")).expect("corpus/stance.toml");
    let meta: CorpusMeta = toml::from_str(&meta_text).expect("valid stance.toml");
    let mut files = BTreeMap::new();
    for d in &meta.documents {
        files.insert(d.file.clone(), std::fs::read(dir.join(&d.file)).expect("corpus text"));
    }
    corpus::build(Source { meta, meta_text, meta_file: "stance.toml".into(), files }).expect("shipped corpus builds")
}
