//! The Stance side of the in-browser benchmark (bench/web): generate the synthetic
//! corpus, hand its statements to JavaScript (for MiniSearch), build the index and run
//! queries. Timing is done in JavaScript with `performance.now()`.

use serde_json::json;
use stance_core::corpus;
use stance_core::search::{Index, SearchOptions};
use stance_core::{synth, Corpus};
use std::cell::RefCell;
use std::collections::BTreeMap;
use wasm_bindgen::prelude::*;

mod shipped {
    include!(concat!(env!("OUT_DIR"), "/corpus_files.rs"));
}

thread_local! {
    static CORPUS: RefCell<Option<Corpus>> = const { RefCell::new(None) };
    static INDEX: RefCell<Option<Index>> = const { RefCell::new(None) };
}

/// The shipped corpus, built.
pub fn base_corpus() -> Result<Corpus, String> {
    let files: BTreeMap<String, Vec<u8>> = shipped::FILES.iter().map(|(n, t)| (n.to_string(), t.as_bytes().to_vec())).collect();
    corpus::source_from_toml("stance.toml", shipped::META, files).and_then(corpus::build).map_err(|e| e.to_string())
}

/// Generates the corpus scaled `factor` times; returns its statement count.
#[wasm_bindgen]
pub fn generate(factor: u32, seed: u32) -> Result<u32, JsError> {
    let base = base_corpus().map_err(|e| JsError::new(&e))?;
    let c = synth::try_scale(&base, factor as usize, u64::from(seed)).map_err(|e| JsError::new(&e.to_string()))?;
    let n = c.statements.len() as u32;
    INDEX.with(|i| *i.borrow_mut() = None);
    CORPUS.with(|k| *k.borrow_mut() = Some(c));
    Ok(n)
}

/// Bytes of document text in the generated corpus.
#[wasm_bindgen]
pub fn text_bytes() -> u32 {
    CORPUS.with(|k| k.borrow().as_ref().map_or(0, |c| c.documents.iter().map(|d| d.text.len()).sum::<usize>() as u32))
}

/// The statements as MiniSearch documents: id, text, title, speaker (name and aliases),
/// topics (labels), kind.
#[wasm_bindgen]
pub fn statements_json() -> String {
    CORPUS.with(|k| {
        let k = k.borrow();
        let Some(c) = k.as_ref() else { return "[]".into() };
        let docs: Vec<_> = c
            .statements
            .iter()
            .map(|s| {
                let speaker = s.speaker.as_deref().and_then(|id| c.meta.actors.iter().find(|a| a.id == id)).map(|a| {
                    let mut v = vec![a.name.clone()];
                    v.extend(a.aliases.iter().cloned());
                    v.join(" ")
                });
                let topics: Vec<&str> = s.topics.iter().map(|t| c.topic_label(t)).collect();
                json!({
                    "id": s.id,
                    "text": c.statement_text(s),
                    "title": c.documents.get(s.doc).map_or("", |d| d.meta.title.as_str()),
                    "speaker": speaker.unwrap_or_default(),
                    "topics": topics.join(" "),
                    "kind": s.kind.as_str(),
                })
            })
            .collect();
        serde_json::to_string(&docs).unwrap_or_default()
    })
}

/// Builds the index of the generated corpus (time it from JavaScript).
#[wasm_bindgen]
pub fn build_index() -> u32 {
    CORPUS.with(|k| {
        let k = k.borrow();
        let Some(c) = k.as_ref() else { return 0 };
        let index = Index::build(c);
        let n = index.token_count() as u32;
        INDEX.with(|i| *i.borrow_mut() = Some(index));
        n
    })
}

/// Runs a query; returns `{"total": n, "ids": [top statement ids]}`.
#[wasm_bindgen]
pub fn search(query: &str, limit: u32) -> String {
    CORPUS.with(|k| {
        INDEX.with(|i| {
            let (k, i) = (k.borrow(), i.borrow());
            let (Some(c), Some(index)) = (k.as_ref(), i.as_ref()) else { return "{\"total\":0,\"ids\":[]}".into() };
            let r = index.search(c, query, &SearchOptions { limit: limit as usize, ..Default::default() });
            let ids: Vec<&str> = r.hits.iter().map(|h| c.statements[h.statement].id.as_str()).collect();
            json!({"total": r.total, "ids": ids, "problems": r.problems}).to_string()
        })
    })
}
