//! The Stance side of the in-browser benchmark (bench/web): generate the synthetic
//! corpus, hand its statements to JavaScript (for MiniSearch), build the index and run
//! queries. Timing is done in JavaScript with `performance.now()`; memory is counted
//! here, by an allocator that keeps the number of live heap bytes ([`heap_bytes`]).

use serde_json::json;
use stance_core::corpus;
use stance_core::search::{Index, SearchOptions};
use stance_core::{synth, Corpus};
use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::RefCell;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::collections::BTreeMap;
use wasm_bindgen::prelude::*;

mod shipped {
    include!(concat!(env!("OUT_DIR"), "/corpus_files.rs"));
}

/// The system allocator, counting the bytes it has handed out and not taken back: the
/// live heap, which (unlike the wasm memory, which never shrinks) goes down when the
/// index is dropped.
struct Counting;

static LIVE: AtomicUsize = AtomicUsize::new(0);

// SAFETY: every call is passed on unchanged to the system allocator; only a counter is
// kept beside it.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let p = unsafe { System.alloc(layout) };
        if !p.is_null() {
            LIVE.fetch_add(layout.size(), Ordering::Relaxed);
        }
        p
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        unsafe { System.dealloc(ptr, layout) };
        LIVE.fetch_sub(layout.size(), Ordering::Relaxed);
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        let p = unsafe { System.realloc(ptr, layout, new_size) };
        if !p.is_null() {
            LIVE.fetch_sub(layout.size(), Ordering::Relaxed);
            LIVE.fetch_add(new_size, Ordering::Relaxed);
        }
        p
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

/// Live heap bytes (allocated and not freed) of the wasm module.
#[wasm_bindgen]
pub fn heap_bytes() -> f64 {
    LIVE.load(Ordering::Relaxed) as f64
}

/// Size of the wasm linear memory in bytes (the high-water mark of the heap).
#[wasm_bindgen]
pub fn memory_bytes() -> f64 {
    #[cfg(target_arch = "wasm32")]
    {
        (core::arch::wasm32::memory_size(0) * 65536) as f64
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        0.0
    }
}

/// Drops the index (to measure what building it takes).
#[wasm_bindgen]
pub fn drop_index() {
    INDEX.with(|i| *i.borrow_mut() = None);
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
