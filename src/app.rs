//! The root component: loads the corpus, provides the context, keeps the URL and the
//! view state in step, and shows the view the state names.

use crate::components::corpus_loader::{install_drop_target, load_url};
use crate::components::foreign::{name_shown_corpus, ForeignCtx};
use crate::components::detail::StatementPanel;
use crate::components::export_menu::ExportMenu;
use crate::components::header::Header;
use crate::components::loading::Staged;
use crate::components::notices::{Level, Notices, NoticesCtx};
use crate::components::search::SearchBar;
use crate::components::timeline::TimelineView;
use crate::embed::dialog::{EmbedDialog, EmbedDialogCtx};
use crate::embed::{EmbedCtx, EmbedLayout};
use crate::split::{compare_view, lazy_view, positions_view, reader_view, table_view};
use crate::state::{compute_results, CorpusCtx, Loaded, ResultsCtx, TimelineDataCtx, ViewCtx, BUNDLED_ORIGIN};
use leptos::prelude::*;
use stance_core::embed::{self, EmbedOptions};
use stance_core::load::Panel;
use stance_core::url_state::{View, ViewState};
use stance_core::view::{UrlWrite, UrlWriter};
use std::sync::Arc;

/// The bundled corpus as build.rs built it: its parts, one a line (`stance_core::prebuilt`).
pub const BUNDLED_PARTS: &str = include_str!(concat!(env!("OUT_DIR"), "/corpus-parts.jsonl"));

/// The bundled corpus and its index, from the parts build.rs built: the same corpus as
/// building its packed JSON ([`load_packed`](crate::state::load_packed) of
/// `BUNDLED_CORPUS`), without cutting, tagging and resolving it at start-up.
pub fn load_bundled() -> Result<Loaded, String> {
    let (corpus, index, skipped) = stance_core::prebuilt::read(BUNDLED_PARTS)?;
    Ok(Loaded::new(corpus, index, BUNDLED_ORIGIN.to_string(), skipped))
}

/// Records a performance mark (start-up steps, read by the benchmarks and profiles:
/// `stance-main` the wasm's entry, `stance-corpus` the bundled corpus read,
/// `stance-mounted` the explorer built, `stance-ready` the frame that shows it).
pub fn mark(name: &str) {
    if let Some(perf) = window().performance() {
        let _ = perf.mark(name);
    }
}

/// The whole app over the bundled corpus, or an error view if it cannot be read.
#[component]
pub fn App() -> impl IntoView {
    let loaded = load_bundled();
    mark("stance-corpus");
    match loaded {
        Ok(loaded) => view! { <Explorer loaded=loaded/> }.into_any(),
        Err(errors) => view! { <StartupError errors=errors/> }.into_any(),
    }
}

/// Shown instead of the explorer when the bundled corpus cannot be built.
#[component]
fn StartupError(
    /// The problems, one per line.
    errors: String,
) -> impl IntoView {
    remove_boot_message();
    view! {
        <main class="st-fatal" role="alert">
            <h1>"Stance could not load its corpus"</h1>
            <pre class="st-fatal__detail">{errors}</pre>
            <p>"Run " <code>"stance check"</code> " on the corpus folder, fix what it reports, and rebuild."</p>
        </main>
    }
}

/// The view state the location names, the embed form's options if it asks for it, and
/// what could not be used.
fn location_state() -> (ViewState, Option<EmbedOptions>, Vec<String>) {
    let loc = window().location();
    let split = embed::split_fragment(&loc.hash().unwrap_or_default());
    let (state, notices) = ViewState::from_location(&loc.search().unwrap_or_default(), &split.fragment);
    let mut messages = split.notices;
    messages.extend(notices.into_iter().map(|n| n.message));
    (state, split.options, messages)
}

/// Reads the URL into the view state, validated against the corpus; reports what was off.
/// A `corpus=` only loads at start-up (`navigation` false): later, an entry that names
/// another corpus than the one on screen (Back to before "Back to the shipped corpus")
/// is rewritten to name the corpus shown ([`name_shown_corpus`]).
fn sync_from_url(view: ViewCtx, corpus: &Loaded, notices: NoticesCtx, navigation: bool) {
    let shown = view.get_untracked().corpus;
    let (mut state, _, mut problems) = location_state();
    let stale = navigation && state.corpus != shown;
    if stale {
        state.corpus = shown.clone();
    }
    problems.extend(state.validate(&corpus.corpus).into_iter().map(|n| n.message));
    if !problems.is_empty() {
        notices.push(Level::Warning, "Part of this link could not be used; showing the nearest view.", problems);
    }
    view.set_whole(state);
    if stale {
        // The state already names the corpus shown: this only rewrites the entry.
        name_shown_corpus(view, shown);
    }
}

/// Makes one write to the browser's history (nothing if the address already says it).
fn write_url(write: UrlWrite) {
    let (fragment, push) = match &write {
        UrlWrite::Push(f) => (f, true),
        UrlWrite::Replace(f) => (f, false),
    };
    let current = window().location().hash().unwrap_or_default();
    if current == *fragment || (current.is_empty() && fragment == "#/") {
        return;
    }
    if let Ok(h) = window().history() {
        let _ = if push {
            h.push_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(fragment))
        } else {
            h.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(fragment))
        };
    }
}

/// View state -> URL, as the core's [`UrlWriter`] decides: a new history entry per step
/// at once; typing, zooming and panning replace the current entry, coalesced and
/// written by a timer (at most every 250 ms) in the task after a frame, or at once when
/// the page is hidden or left.
fn keep_url(view: ViewCtx) {
    let writer = StoredValue::new_local(UrlWriter::default());
    let fire = move || {
        if let Some(Some(write)) = writer.try_update_value(|w| w.due()) {
            write_url(write);
        }
    };
    Effect::new(move |_| {
        let state = view.state();
        let history = view.take_history();
        let change = writer.try_update_value(|w| w.change(state.to_fragment(), history)).unwrap_or_default();
        for write in change.now {
            write_url(write);
        }
        if let Some(ms) = change.arm {
            // After the timer, the write waits for the next frame to be drawn and goes in
            // the task after it, when style and layout are clean: written between a step's
            // changes and its frame, it would make the browser lay the page out for it.
            let after_frame = move || request_animation_frame(move || set_timeout(fire, std::time::Duration::ZERO));
            set_timeout(after_frame, std::time::Duration::from_millis(u64::from(ms)));
        }
    });
    let flush = move || {
        if let Some(Some(write)) = writer.try_update_value(|w| w.flush()) {
            write_url(write);
        }
    };
    let hidden = window_event_listener_untyped("visibilitychange", move |_| {
        if document().hidden() {
            flush();
        }
    });
    let left = window_event_listener_untyped("pagehide", move |_| flush());
    on_cleanup(move || {
        hidden.remove();
        left.remove();
        flush();
    });
    // History moved to another entry: what was pending belonged to the one left.
    let moved = move |_| {
        let _ = writer.try_update_value(|w| w.navigated());
    };
    let h1 = window_event_listener_untyped("hashchange", moved);
    let h2 = window_event_listener_untyped("popstate", moved);
    on_cleanup(move || {
        h1.remove();
        h2.remove();
    });
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
    let view = ViewCtx::new(ViewState::default());
    provide_context(view);
    let foreign = ForeignCtx::new(notices, view);
    provide_context(foreign);
    corpus.with_untracked(|c| sync_from_url(view, c, notices, false));
    let embedded = location_state().1;
    // The search runs again only when the query or the time window changes.
    let results = Memo::new(move |_| {
        let (query, window) = (view.query.get(), view.window.get());
        corpus.with(|c| Arc::new(compute_results(c, &query, window)))
    });
    provide_context(ResultsCtx(results));
    provide_context(TimelineDataCtx::new(corpus, view));

    // View state -> URL, recorded in history as the intent that changed it decided.
    // (Not in the embed form: a frame's history entries would take over the host
    // page's Back button.)
    if embedded.is_none() {
        keep_url(view);
    }
    // URL -> view state: links, back and forward.
    let on_nav = move || corpus.with_untracked(|c| sync_from_url(view, c, notices, true));
    let h1 = window_event_listener(leptos::ev::hashchange, move |_| on_nav());
    let h2 = window_event_listener(leptos::ev::popstate, move |_| on_nav());
    on_cleanup(move || {
        h1.remove();
        h2.remove();
    });
    install_drop_target(corpus, view, notices);
    // `corpus=URL` (in the query string or the fragment) loads that corpus.
    if let Some(url) = view.get_untracked().corpus {
        load_url(url, corpus, view, notices, foreign);
    }
    remove_boot_message();
    // For bench/run-app-bench.mjs: when the explorer is first on screen.
    request_animation_frame(|| mark("stance-ready"));

    if let Some(options) = embedded {
        provide_context(EmbedCtx(options.clone()));
        return view! { <EmbedLayout options=options/> }.into_any();
    }
    provide_context(EmbedDialogCtx::new());

    // Only a change of screen re-creates the view below (not every change of state).
    let current = Memo::new(move |_| (view.view.get(), view.document.get()));
    view! {
        <Header/>
        <main id="main" class="st-main">
            <Notices/>
            // A new corpus from the load worker mounts these in steps (see `Staged`).
            // Every view but the timeline is in a wasm chunk of its own (src/split.rs).
            {move || match current.get() {
                (View::Reader, doc) => {
                    let what = if doc.is_some() { "The reader" } else { "The document list" };
                    view! { <Staged panel=Panel::View>{lazy_view(what, reader_view(doc.clone()))}</Staged> }.into_any()
                }
                (View::Timeline, _) => view! { <Staged panel=Panel::Search><SearchBar/></Staged> <ExportMenu chart=true/> <Staged panel=Panel::View><TimelineView/></Staged> }.into_any(),
                (View::Table, _) => view! { <Staged panel=Panel::Search><SearchBar/></Staged> <Staged panel=Panel::View>{lazy_view("The table", table_view())}</Staged> }.into_any(),
                (View::Positions, _) => view! { <Staged panel=Panel::View>{lazy_view("The positions view", positions_view())}</Staged> }.into_any(),
                (View::Compare, _) => lazy_view("The compare view", compare_view()).into_any(),
            }}
            <StatementPanel/>
        </main>
        <EmbedDialog/>
    }
    .into_any()
}

/// Removes the static "Loading…" placeholder of index.html once the app is up.
fn remove_boot_message() {
    if let Some(el) = document().get_element_by_id("stance-boot") {
        el.remove();
    }
}
