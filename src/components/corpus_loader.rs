//! Loading another corpus into the running app: a file picker, a file dropped on the
//! page, or a `corpus=URL` parameter. A bad file leaves the current corpus in place and
//! says what is wrong; a good one replaces it, and the user can go back to the shipped one.

use super::notices::{use_notices, Level, NoticesCtx};
use crate::state::{load_packed, use_corpus, Loaded, BUNDLED_CORPUS, BUNDLED_ORIGIN};
use leptos::prelude::*;
use leptos::task::spawn_local;
use stance_core::corpus::MAX_PACKED_BYTES;
use stance_core::CorpusErrors;
use std::sync::Arc;

/// Replaces the corpus with `result`, or reports why it cannot.
fn apply(corpus: RwSignal<Arc<Loaded>>, notices: NoticesCtx, origin: &str, result: Result<Loaded, CorpusErrors>) {
    match result {
        Ok(loaded) => {
            let summary = format!(
                "Loaded “{}” from {origin}: {} documents, {} statements.",
                loaded.corpus.meta.title,
                loaded.corpus.documents.len(),
                loaded.corpus.statements.len()
            );
            let skipped = loaded.skipped.clone();
            corpus.set(Arc::new(loaded));
            notices.push(Level::Info, summary, skipped);
            // For bench/run-app-bench.mjs: when the new corpus is on screen.
            request_animation_frame(|| {
                if let Some(perf) = window().performance() {
                    let _ = perf.mark("stance-corpus-shown");
                }
            });
        }
        Err(errors) => notices.push(
            Level::Error,
            format!("Could not load {origin}; the explorer keeps the corpus it had."),
            errors.0.iter().map(|p| p.to_string()).collect(),
        ),
    }
}

/// Reads a user's file and loads it.
pub fn load_file(file: web_sys::File, corpus: RwSignal<Arc<Loaded>>, notices: NoticesCtx) {
    let name = file.name();
    if file.size() > MAX_PACKED_BYTES as f64 {
        notices.push(
            Level::Error,
            format!("{name} is too large ({:.0} MB; at most {} MB); the explorer keeps the corpus it had.", file.size() / 1e6, MAX_PACKED_BYTES >> 20),
            Vec::new(),
        );
        return;
    }
    spawn_local(async move {
        let blob = gloo::file::Blob::from(file);
        match gloo::file::futures::read_as_text(&blob).await {
            Ok(text) => apply(corpus, notices, &name, load_packed(&name, &text)),
            Err(e) => notices.push(Level::Error, format!("Could not read {name}: {e}. Save it as UTF-8 JSON and try again."), Vec::new()),
        }
    });
}

/// Fetches a packed corpus from `url` (same origin, or a host that allows CORS) and loads it.
pub fn load_url(url: String, corpus: RwSignal<Arc<Loaded>>, notices: NoticesCtx) {
    let absolute = web_sys::Url::new_with_base(&url, &window().location().href().unwrap_or_default());
    let Ok(parsed) = absolute else {
        notices.push(Level::Warning, format!("The corpus address '{url}' is not a URL; showing the shipped corpus."), Vec::new());
        return;
    };
    if !matches!(parsed.protocol().as_str(), "http:" | "https:") {
        notices.push(Level::Warning, format!("The corpus address '{url}' must start with http: or https:; showing the shipped corpus."), Vec::new());
        return;
    }
    let href = parsed.href();
    spawn_local(async move {
        let response = gloo::net::http::Request::get(&href).send().await;
        let text = match response {
            Ok(r) if r.ok() => r.text().await.map_err(|e| e.to_string()),
            Ok(r) => Err(format!("the server answered {} {}", r.status(), r.status_text())),
            Err(e) => Err(format!("{e} (is the address right, and does its host allow cross-origin requests?)")),
        };
        match text {
            Ok(text) => apply(corpus, notices, &href, load_packed(&href, &text)),
            Err(why) => notices.push(Level::Error, format!("Could not fetch the corpus at {href}: {why}. Showing the corpus it had."), Vec::new()),
        }
    });
}

/// The "Corpus" controls: load a file, or go back to the shipped corpus.
#[component]
pub fn CorpusLoader() -> impl IntoView {
    let corpus = use_corpus();
    let notices = use_notices();
    let is_bundled = move || corpus.with(|c| c.origin == BUNDLED_ORIGIN);
    let on_change = move |ev: leptos::ev::Event| {
        let input: web_sys::HtmlInputElement = event_target(&ev);
        if let Some(file) = input.files().and_then(|f| f.get(0)) {
            load_file(file, corpus, notices);
        }
        input.set_value("");
    };
    let back = move |_| apply(corpus, notices, "the shipped corpus", load_packed(BUNDLED_ORIGIN, BUNDLED_CORPUS));
    view! {
        <div class="st-loader">
            <label class="st-button st-loader__pick">
                "Load corpus…"
                <input class="st-loader__input" type="file" accept=".json,application/json" on:change=on_change/>
            </label>
            <Show when=move || !is_bundled()>
                <button type="button" class="st-button" on:click=back>"Back to the shipped corpus"</button>
            </Show>
        </div>
    }
}

/// Lets a corpus file be dropped anywhere on the page.
pub fn install_drop_target(corpus: RwSignal<Arc<Loaded>>, notices: NoticesCtx) {
    let over = window_event_listener(leptos::ev::dragover, |ev| ev.prevent_default());
    let drop = window_event_listener(leptos::ev::drop, move |ev| {
        ev.prevent_default();
        if let Some(file) = ev.data_transfer().and_then(|d| d.files()).and_then(|f| f.get(0)) {
            load_file(file, corpus, notices);
        }
    });
    on_cleanup(move || {
        over.remove();
        drop.remove();
    });
}
