//! The corpus-load worker: the app's own wasm, started in a Web Worker by
//! `public/load-worker.js`, runs [`stance_core::load::run`] there and posts to the page
//! what it does, as [`ToPage`] messages (plain JS objects through serde-wasm-bindgen):
//! progress while it parses and builds, then the built corpus in bounded
//! [`Part`](stance_core::load::Part)s as JSON text, or the problems that stop it.
//!
//! The page side is [`crate::components::loading`]. The protocol is private to one
//! build of the app (worker and page always come from the same wasm).

use serde::{Deserialize, Serialize};
use stance_core::load::{self, LoadError, Progress};
use wasm_bindgen::prelude::*;

/// A message from the worker to the page.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum ToPage {
    /// Where the build is.
    Progress { progress: Progress },
    /// The next part of the built corpus, as JSON (a [`load::Part`]).
    Part { json: String },
    /// The corpus has problems (each as the checker prints it); nothing follows.
    Failed { problems: Vec<String> },
    /// Every part is sent.
    Done,
}

/// Runs in the worker: builds the packed corpus `text` (named `origin` in problems) and
/// posts each [`ToPage`] through `post`.
#[wasm_bindgen]
pub fn stance_load_worker(origin: String, text: String, post: &js_sys::Function) {
    let send = |message: &ToPage| {
        if let Ok(value) = serde_wasm_bindgen::to_value(message) {
            let _ = post.call1(&JsValue::NULL, &value);
        }
    };
    // One message per percent or stage, not per document.
    let mut last: Option<(load::Stage, u32)> = None;
    let result = load::run_file(&origin, &text, &mut |progress| {
        let now = (progress.stage, progress.percent());
        if last != Some(now) {
            last = Some(now);
            send(&ToPage::Progress { progress });
        }
        true
    });
    drop(text);
    match result {
        Ok((corpus, skipped)) => {
            for part in load::split_with_skipped(corpus, skipped) {
                match serde_json::to_string(&part) {
                    Ok(json) => send(&ToPage::Part { json }),
                    Err(e) => return send(&ToPage::Failed { problems: vec![format!("{origin}: could not hand the corpus to the page: {e}")] }),
                }
            }
            send(&ToPage::Done);
        }
        Err(LoadError::Problems(errors)) => send(&ToPage::Failed { problems: errors.0.iter().map(|p| p.to_string()).collect() }),
        Err(LoadError::Cancelled) => {}
    }
}
