//! Loading another corpus into the running app: a file picker, a file dropped on the
//! page, or a `corpus=URL` parameter. A bad file leaves the current corpus in place and
//! says what is wrong; a good one replaces it, and the user can go back to the shipped one.
//! Files and fetched corpora are built off the main thread ([`super::loading`]).

use super::foreign::{forget_corpus_param, ForeignCtx};
use super::loading::{LoadCtx, LoadProgress};
use super::notices::{use_notices, Level, NoticesCtx};
use crate::state::{use_corpus, use_view, Loaded, ViewCtx, BUNDLED_ORIGIN};
use leptos::prelude::*;
use wasm_bindgen::JsValue;
use stance_core::corpus::MAX_PACKED_BYTES;
use stance_core::view::messages::LoadMessage;
use stance_core::CorpusErrors;
use std::sync::Arc;

/// Replaces the corpus with `result`, or reports why it cannot, in one step (the
/// shipped corpus, a corpus built on the page). A corpus built in the load worker is
/// swapped in over several tasks instead ([`super::loading`]).
/// The view is checked against the new corpus in the same step ([`ViewCtx::install`]).
pub(crate) fn apply(corpus: RwSignal<Arc<Loaded>>, view: ViewCtx, notices: NoticesCtx, origin: &str, result: Result<Loaded, CorpusErrors>) {
    match result {
        Ok(loaded) => {
            install(corpus, view, notices, origin, loaded);
            mark_shown();
        }
        Err(errors) => notices.push(
            Level::Error,
            LoadMessage::Kept { origin: origin.to_string() }.to_string(),
            stance_core::view::messages::capped_details(errors.0.iter()),
        ),
    }
}

/// Installs `loaded` as the corpus (the view checked against it, [`ViewCtx::install`])
/// and says so in a notice.
pub(crate) fn install(corpus: RwSignal<Arc<Loaded>>, view: ViewCtx, notices: NoticesCtx, origin: &str, loaded: Loaded) {
    let summary = LoadMessage::Loaded {
        title: loaded.corpus.meta.title.clone(),
        origin: origin.to_string(),
        documents: loaded.corpus.documents.len(),
        statements: loaded.corpus.statements.len(),
    }
    .to_string();
    let skipped = loaded.skipped.clone();
    view.install(corpus, loaded);
    notices.push(Level::Info, summary, skipped);
}

/// For bench/run-app-bench.mjs: marks (in the next animation frame) when the new
/// corpus is on screen.
pub(crate) fn mark_shown() {
    request_animation_frame(|| {
        if let Some(perf) = window().performance() {
            let _ = perf.mark("stance-corpus-shown");
        }
    });
}

/// Loads a user's file (read and built in the load worker).
pub fn load_file(file: web_sys::File, ctx: LoadCtx, notices: NoticesCtx) {
    let name = file.name();
    if file.size() > MAX_PACKED_BYTES as f64 {
        notices.push(
            Level::Error,
            LoadMessage::TooLarge { name, bytes: file.size() as u64, limit: MAX_PACKED_BYTES as u64 }.to_string(),
            Vec::new(),
        );
        return;
    }
    ctx.start(name, JsValue::from(file));
}

/// Loads the corpus a link names (`corpus=URL`): refuses addresses that are not http(s),
/// asks first when it is from another site, fetches it with a size limit, a timeout and a
/// Cancel (all in [`super::foreign`]), then builds it off the main thread.
pub fn load_url(url: String, corpus: RwSignal<Arc<Loaded>>, view: ViewCtx, notices: NoticesCtx, foreign: ForeignCtx) {
    let ctx = LoadCtx::provide(corpus, view, notices);
    // The text goes to the worker as UTF-8 bytes (its buffer transferred): making a JS
    // string of 13 MB on the page, and cloning it into the worker, took one long task.
    let on_text = Callback::new(move |(origin, text): (String, String)| ctx.start(origin, js_sys::Uint8Array::from(text.as_bytes()).into()));
    // The worker's wasm initialises while the corpus downloads.
    ctx.warm();
    foreign.start(url, on_text);
}

/// The "Corpus" controls: load a file, or go back to the shipped corpus.
#[component]
pub fn CorpusLoader() -> impl IntoView {
    let corpus = use_corpus();
    let notices = use_notices();
    let view = use_view();
    let ctx = LoadCtx::provide(corpus, view, notices);
    let is_bundled = move || corpus.with(|c| c.origin == BUNDLED_ORIGIN);
    let on_change = move |ev: leptos::ev::Event| {
        let input: web_sys::HtmlInputElement = event_target(&ev);
        if let Some(file) = input.files().and_then(|f| f.get(0)) {
            load_file(file, ctx, notices);
        }
        input.set_value("");
    };
    let back = move |_| {
        ctx.cancel();
        forget_corpus_param(view);
        // The corpus built at build time, as at start-up (the packed JSON is not in
        // the app's wasm).
        match crate::app::load_bundled() {
            Ok(loaded) => {
                install(corpus, view, notices, "the shipped corpus", loaded);
                mark_shown();
            }
            Err(why) => notices.push(Level::Error, LoadMessage::Kept { origin: "the shipped corpus".into() }.to_string(), vec![why]),
        }
    };
    view! {
        <div class="st-loader">
            <label class="st-button st-loader__pick">
                "Load corpus…"
                <input class="st-loader__input" type="file" accept=".json,application/json" on:change=on_change/>
            </label>
            <Show when=move || !is_bundled()>
                <button type="button" class="st-button" on:click=back>"Back to the shipped corpus"</button>
            </Show>
            <LoadProgress ctx=ctx/>
        </div>
    }
}

/// Lets a corpus file be dropped anywhere on the page.
pub fn install_drop_target(corpus: RwSignal<Arc<Loaded>>, view: ViewCtx, notices: NoticesCtx) {
    let ctx = LoadCtx::provide(corpus, view, notices);
    let over = window_event_listener(leptos::ev::dragover, |ev| ev.prevent_default());
    let drop = window_event_listener(leptos::ev::drop, move |ev| {
        ev.prevent_default();
        if let Some(file) = ev.data_transfer().and_then(|d| d.files()).and_then(|f| f.get(0)) {
            load_file(file, ctx, notices);
        }
    });
    on_cleanup(move || {
        over.remove();
        drop.remove();
    });
}
