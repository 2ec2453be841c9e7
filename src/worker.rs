//! The corpus-load worker: the app's own wasm, started in a Web Worker by
//! `public/load-worker.js`, runs [`stance_core::load::run`] there and posts to the page
//! what it does, as [`ToPage`] messages (plain JS objects through serde-wasm-bindgen):
//! progress while it parses and builds, then the built corpus in bounded
//! [`Part`](stance_core::load::Part)s, or the problems that stop it. A part travels as
//! its JSON in UTF-8 bytes, `{ type: "part", bytes: Uint8Array }` ([`PART`], read back by
//! [`part_bytes`]), the bytes' buffer transferred to the page rather than copied, and
//! never made into a JS string (which would mean converting 25 MB of JSON to UTF-16 in
//! the worker and back to UTF-8 on the page at 1000x).
//!
//! The page side is [`crate::components::loading`]. The protocol is private to one
//! build of the app (worker and page always come from the same wasm).

use serde::{Deserialize, Serialize};
use stance_core::load::{self, LoadError, Progress};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// A message from the worker to the page.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum ToPage {
    /// Where the build is.
    Progress { progress: Progress },
    /// The corpus has problems (each as the checker prints it); nothing follows.
    Failed { problems: Vec<String> },
    /// Every part is sent.
    Done,
}

/// The `type` of the message that carries the next [`load::Part`] (not a [`ToPage`]).
pub const PART: &str = "part";

/// Posts the JSON of a part as `{ type: "part", bytes }`, transferring the bytes' buffer.
fn post_part(post: &js_sys::Function, json: &[u8]) {
    let bytes = js_sys::Uint8Array::from(json);
    let message = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&message, &JsValue::from_str("type"), &JsValue::from_str(PART));
    let _ = js_sys::Reflect::set(&message, &JsValue::from_str("bytes"), &bytes);
    let _ = post.call2(&JsValue::NULL, &message, &js_sys::Array::of1(&bytes.buffer()));
}

/// The JSON bytes of a part message ([`PART`]), copied into the page's memory; `None`
/// for any other message.
pub fn part_bytes(message: &JsValue) -> Option<Vec<u8>> {
    let kind = js_sys::Reflect::get(message, &JsValue::from_str("type")).ok()?.as_string()?;
    if kind != PART {
        return None;
    }
    let bytes = js_sys::Reflect::get(message, &JsValue::from_str("bytes")).ok()?;
    bytes.dyn_into::<js_sys::Uint8Array>().ok().map(|b| b.to_vec())
}

/// Posts one [`ToPage`] through `post`.
fn send_to(post: &js_sys::Function, message: &ToPage) {
    if let Ok(value) = serde_wasm_bindgen::to_value(message) {
        let _ = post.call1(&JsValue::NULL, &value);
    }
}

/// Runs in the worker: builds the packed corpus in `bytes` (its UTF-8 text, named
/// `origin` in problems) and posts each [`ToPage`] and part through `post` (called with
/// the message and the list of what to transfer). The bytes are read as they are (one
/// copy into the wasm's memory), not decoded into a JS string first and encoded back
/// (at 1000x, 13 MB each way). The build is in a wasm chunk of its own (`crate::split`),
/// which only the worker fetches: the page's first load does not carry it. A chunk that
/// cannot be fetched is a `Failed` message.
#[wasm_bindgen]
pub async fn stance_load_worker(origin: String, bytes: Vec<u8>, post: js_sys::Function) {
    if build_and_post(origin.clone(), bytes, post.clone()).await.is_err() {
        let why = crate::split::chunk_failed("The corpus builder");
        send_to(&post, &ToPage::Failed { problems: vec![format!("{origin}: {why}")] });
    }
}

crate::split_fn!(corpus_build, fn build_and_post(origin: String, bytes: Vec<u8>, post: js_sys::Function) -> () {
    build_in_worker(origin, &bytes, &post)
});

/// The corpus build of [`stance_load_worker`], in its chunk.
fn build_in_worker(origin: String, bytes: &[u8], post: &js_sys::Function) {
    let send = |message: &ToPage| send_to(post, message);
    let text = match std::str::from_utf8(bytes) {
        Ok(text) => text,
        Err(e) => {
            let problem = format!("{origin}: the file is not UTF-8 text (an invalid byte at offset {}). Save it as UTF-8, or check it with `stance check`.", e.valid_up_to());
            return send(&ToPage::Failed { problems: vec![problem] });
        }
    };
    // One message per percent or stage, not per document.
    let mut last: Option<(load::Stage, u32)> = None;
    let result = load::run_file(&origin, text, &mut |progress| {
        let now = (progress.stage, progress.percent());
        if last != Some(now) {
            last = Some(now);
            send(&ToPage::Progress { progress });
        }
        true
    });
    match result {
        Ok((corpus, skipped)) => {
            for part in load::split_with_skipped(corpus, skipped) {
                match serde_json::to_vec(&part) {
                    Ok(json) => post_part(post, &json),
                    Err(e) => return send(&ToPage::Failed { problems: vec![format!("{origin}: could not hand the corpus to the page: {e}")] }),
                }
            }
            send(&ToPage::Done);
        }
        // The first problems and how many more: a hostile corpus can have a hundred
        // thousand, which the page would take seconds to receive and draw.
        Err(LoadError::Problems(errors)) => send(&ToPage::Failed { problems: stance_core::view::messages::capped_details(errors.0.iter()) }),
        Err(LoadError::Cancelled) => {}
    }
}
