//! The root component: loads the corpus, provides the context, keeps the URL and the
//! view state in step, and shows the view the state names.

use crate::components::compare::CompareView;
use crate::components::corpus_loader::{install_drop_target, load_url};
use crate::components::detail::StatementPanel;
use crate::components::documents::DocumentList;
use crate::components::export_menu::ExportMenu;
use crate::components::header::Header;
use crate::components::notices::{Level, Notices, NoticesCtx};
use crate::components::positions::PositionsView;
use crate::components::reader::Reader;
use crate::components::search::SearchBar;
use crate::components::table::TableView;
use crate::components::timeline::TimelineView;
use crate::embed::dialog::{EmbedDialog, EmbedDialogCtx};
use crate::embed::{EmbedCtx, EmbedLayout};
use crate::state::{compute_results, load_packed, CorpusCtx, Loaded, ResultsCtx, ViewCtx, BUNDLED_CORPUS, BUNDLED_ORIGIN};
use leptos::prelude::*;
use stance_core::embed::{self, EmbedOptions};
use stance_core::url_state::{View, ViewState};
use std::sync::Arc;

/// The whole app over the bundled corpus, or an error view if it cannot be built.
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
fn sync_from_url(view: ViewCtx, corpus: &Loaded, notices: NoticesCtx) {
    let (mut state, _, mut problems) = location_state();
    problems.extend(state.validate(&corpus.corpus).into_iter().map(|n| n.message));
    if !problems.is_empty() {
        notices.push(Level::Warning, "Part of this link could not be used; showing the nearest view.", problems);
    }
    if view.with(|v| *v != state) {
        view.0.set(state);
    }
}

/// Whether going from `old` to `new` is a step worth a history entry (not typing or zooming).
fn is_new_step(old: &ViewState, new: &ViewState) -> bool {
    let strip = |s: &ViewState| ViewState { query: String::new(), zoom: None, ..s.clone() };
    strip(old) != strip(new)
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
    let view = ViewCtx(RwSignal::new(ViewState::default()));
    provide_context(view);
    corpus.with_untracked(|c| sync_from_url(view, c, notices));
    let embedded = location_state().1;
    // The search runs again only when the query or the time window changes.
    let search_input = Memo::new(move |_| view.with(|v| (v.query.clone(), v.window)));
    let results = Memo::new(move |_| corpus.with(|c| search_input.with(|(q, w)| Arc::new(compute_results(c, q, *w)))));
    provide_context(ResultsCtx(results));

    // View state -> URL: a new history entry per step; typing and zooming replace it.
    // (Not in the embed form: a frame's history entries would take over the host
    // page's Back button.)
    let last = StoredValue::new(view.get_untracked());
    let in_frame = embedded.is_some();
    Effect::new(move |_| {
        if in_frame {
            return;
        }
        let state = view.get();
        let fragment = state.to_fragment();
        let current = window().location().hash().unwrap_or_default();
        let same = current == fragment || (current.is_empty() && fragment == "#/");
        if !same {
            if let Ok(history) = window().history() {
                let push = is_new_step(&last.get_value(), &state);
                let _ = if push {
                    history.push_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&fragment))
                } else {
                    history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&fragment))
                };
            }
        }
        last.set_value(state);
    });
    // URL -> view state: links, back and forward.
    let on_nav = move || corpus.with_untracked(|c| sync_from_url(view, c, notices));
    let h1 = window_event_listener(leptos::ev::hashchange, move |_| on_nav());
    let h2 = window_event_listener(leptos::ev::popstate, move |_| on_nav());
    on_cleanup(move || {
        h1.remove();
        h2.remove();
    });
    // A newly loaded corpus: drop ids it does not have.
    Effect::new(move |prev: Option<()>| {
        corpus.track();
        if prev.is_some() {
            let mut state = view.get_untracked();
            let dropped = corpus.with_untracked(|c| state.validate(&c.corpus));
            if !dropped.is_empty() {
                view.0.set(state);
            }
        }
    });

    install_drop_target(corpus, notices);
    // `corpus=URL` (in the query string or the fragment) loads that corpus.
    if let Some(url) = view.0.with_untracked(|v| v.corpus.clone()) {
        load_url(url, corpus, notices);
    }
    remove_boot_message();
    // For bench/run-app-bench.mjs: when the explorer is first on screen.
    request_animation_frame(|| {
        if let Some(perf) = window().performance() {
            let _ = perf.mark("stance-ready");
        }
    });

    if let Some(options) = embedded {
        provide_context(EmbedCtx(options.clone()));
        return view! { <EmbedLayout options=options/> }.into_any();
    }
    provide_context(EmbedDialogCtx::new());

    // Only a change of screen re-creates the view below (not every change of state).
    let current = Memo::new(move |_| view.with(|v| (v.view, v.document.clone())));
    view! {
        <Header/>
        <main id="main" class="st-main">
            <Notices/>
            {move || match current.get() {
                (View::Reader, Some(doc)) => view! { <Reader doc_id=doc/> }.into_any(),
                (View::Reader, None) => view! { <DocumentList/> }.into_any(),
                (View::Timeline, _) => view! { <SearchBar/> <ExportMenu chart=true/> <TimelineView/> }.into_any(),
                (View::Table, _) => view! { <SearchBar/> <TableView/> }.into_any(),
                (View::Positions, _) => view! { <PositionsView/> }.into_any(),
                (View::Compare, _) => view! { <CompareView/> }.into_any(),
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
