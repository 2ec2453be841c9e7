//! The embed form: one view without the app's chrome, for other people's pages, and
//! its conversation with the host page.
//!
//! - [`EmbedLayout`]: the chosen view (or a [`quote::QuoteCard`]), the corpus's title
//!   and source, an "Open in Stance" link, and optionally a compact search box.
//! - [`messages`]: the protocol of `stance_core::embed` over `postMessage`: the frame
//!   announces itself, its height and the reader's selection; the host sets the query,
//!   the selection, the time window and the theme. The core checks every message.
//! - [`dialog`]: the app's "Embed" dialog that writes the snippets.

pub mod dialog;
pub mod messages;
pub mod quote;

use crate::components::detail::StatementPanel;
use crate::components::notices::Notices;
use crate::components::search::SearchBar;
use crate::components::timeline::TimelineView;
use crate::state::{use_corpus, use_view, BUNDLED_ORIGIN};
use leptos::prelude::*;
use stance_core::embed::{Controls, EmbedOptions, Theme};
use stance_core::url_state::View;
use stance_core::view::messages::embed_source;

/// The embed options of this page, when it is an embed (provided by the app).
#[derive(Clone)]
pub struct EmbedCtx(pub EmbedOptions);

/// The embed options, if this page is the embed form.
pub fn use_embed() -> Option<EmbedOptions> {
    use_context::<EmbedCtx>().map(|c| c.0)
}

/// Sets the page's theme without storing it: an embed follows its host's choice, and
/// must not change the reader's own setting for the full app.
pub fn apply_theme(theme: Theme) {
    if let Some(root) = document().document_element() {
        let _ = match theme {
            Theme::Auto => root.remove_attribute("data-theme"),
            t => root.set_attribute("data-theme", t.as_str()),
        };
    }
}

/// The address of the full app (this page without the embed form) showing `fragment`.
pub fn app_link(fragment: &str) -> String {
    let loc = window().location();
    let base = format!("{}{}", loc.origin().unwrap_or_default(), loc.pathname().unwrap_or_default());
    format!("{base}{fragment}")
}

/// The embed form of the explorer.
#[component]
pub fn EmbedLayout(
    /// What the embed link asked for.
    options: EmbedOptions,
) -> impl IntoView {
    let corpus = use_corpus();
    let view = use_view();
    if let Some(theme) = options.theme {
        apply_theme(theme);
    }
    let root = NodeRef::<leptos::html::Div>::new();
    messages::connect(options.clone(), root);
    let title = move || corpus.with(|c| c.corpus.meta.title.clone());
    let source = move || {
        corpus.with(|c| embed_source(&c.origin, c.origin == BUNDLED_ORIGIN))
    };
    let open = move || app_link(&view.state().to_fragment());
    let quote = options.quote;
    let search = options.controls == Controls::Search && !quote;
    let screen = view.view;
    view! {
        <div class="st-embed" class:st-embed--quote=quote class:st-embed--search=search node_ref=root>
            {(!quote).then(|| view! {
                <header class="st-embed__bar">
                    <span class="st-embed__title">{title}</span>
                    <span class="st-embed__source">{source}</span>
                    <a class="st-embed__open" href=open target="_blank" rel="noopener">"Open in Stance"</a>
                </header>
            })}
            {search.then(|| view! { <SearchBar/> })}
            <main id="main" class="st-main st-main--embed">
                <Notices/>
                {move || if quote {
                    view! { <quote::QuoteCard/> }.into_any()
                } else {
                    match screen.get() {
                        View::Table => crate::split::lazy_view("The table", crate::split::table_view()).into_any(),
                        View::Positions => crate::split::lazy_view("The positions view", crate::split::positions_view()).into_any(),
                        _ => view! { <TimelineView/> }.into_any(),
                    }
                }}
                {(!quote).then(|| view! { <StatementPanel/> })}
            </main>
        </div>
    }
}
