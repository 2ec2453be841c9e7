//! The root component.

use crate::components::documents::DocumentList;
use crate::components::header::Header;
use crate::components::reader::Reader;
use crate::components::corpus_loader::{install_drop_target, load_url};
use crate::components::notices::{Notices, NoticesCtx};
use crate::state::{load_packed, CorpusCtx, Loaded, BUNDLED_CORPUS, BUNDLED_ORIGIN};
use leptos::prelude::*;
use std::sync::Arc;

/// Which screen is shown, read from the URL fragment (`#/`, `#/reader?doc=ID`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Route {
    Documents,
    Reader(String),
}

impl Route {
    pub fn from_hash(hash: &str) -> Self {
        let h = hash.trim_start_matches('#').trim_start_matches('/');
        match h.split_once('?') {
            Some(("reader", q)) => q
                .split('&')
                .find_map(|kv| kv.strip_prefix("doc="))
                .map(|d| Route::Reader(d.to_string()))
                .unwrap_or(Route::Documents),
            _ => Route::Documents,
        }
    }

    pub fn to_hash(&self) -> String {
        match self {
            Route::Documents => "#/".into(),
            Route::Reader(doc) => format!("#/reader?doc={doc}"),
        }
    }
}

fn current_hash() -> String {
    window().location().hash().unwrap_or_default()
}

/// The whole app: header, then the screen the URL names.
#[component]
pub fn App() -> impl IntoView {
    match load_packed(BUNDLED_ORIGIN, BUNDLED_CORPUS) {
        Ok(loaded) => view! { <Explorer loaded=loaded/> }.into_any(),
        Err(errors) => view! { <StartupError errors=errors.to_string()/> }.into_any(),
    }
}

/// Shown instead of the explorer when the bundled corpus cannot be built.
#[component]
fn StartupError(
    /// The problems, one per line.
    errors: String,
) -> impl IntoView {
    view! {
        <main class="st-fatal" role="alert">
            <h1>"Stance could not load its corpus"</h1>
            <pre class="st-fatal__detail">{errors}</pre>
            <p>"Run " <code>"stance check"</code> " on the corpus folder, fix what it reports, and rebuild."</p>
        </main>
    }
}

/// The explorer over a loaded corpus.
#[component]
pub fn Explorer(
    /// The corpus to explore.
    loaded: Loaded,
) -> impl IntoView {
    let corpus = RwSignal::new(Arc::new(loaded));
    provide_context(CorpusCtx(corpus));
    let notices = NoticesCtx::new();
    provide_context(notices);
    install_drop_target(corpus, notices);
    if let Some(url) = corpus_param() {
        load_url(url, corpus, notices);
    }
    let route = RwSignal::new(Route::from_hash(&current_hash()));
    let handle = window_event_listener(leptos::ev::hashchange, move |_| route.set(Route::from_hash(&current_hash())));
    on_cleanup(move || handle.remove());
    remove_boot_message();

    view! {
        <Header/>
        <main id="main" class="st-main">
            <Notices/>
            {move || match route.get() {
                Route::Documents => view! { <DocumentList/> }.into_any(),
                Route::Reader(doc) => view! { <Reader doc_id=doc/> }.into_any(),
            }}
        </main>
    }
}

/// The `corpus=URL` parameter, from the query string or the fragment.
fn corpus_param() -> Option<String> {
    let loc = window().location();
    let search = loc.search().unwrap_or_default();
    let hash = loc.hash().unwrap_or_default();
    let from = |s: &str| {
        let q = s.split_once('?').map_or(s.trim_start_matches('?'), |(_, q)| q);
        web_sys::UrlSearchParams::new_with_str(q).ok().and_then(|p| p.get("corpus"))
    };
    from(&search).or_else(|| from(&hash)).filter(|u| !u.is_empty())
}

/// Removes the static "Loading…" placeholder of index.html once the app is up.
fn remove_boot_message() {
    if let Some(el) = document().get_element_by_id("stance-boot") {
        el.remove();
    }
}
