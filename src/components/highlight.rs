//! A passage with its highlighted stretches, built as text nodes and `<mark>` elements
//! (never HTML). Binds [`SnippetView::pieces`].

use leptos::prelude::*;
use stance_core::view::results::SnippetView;

/// A passage: "… " when cut at the start, the text with its matches in `<mark>`, " …"
/// when cut at the end.
#[component]
pub fn Snippet(
    /// The passage and what to highlight in it.
    snippet: SnippetView,
) -> impl IntoView {
    let pieces = snippet
        .pieces()
        .into_iter()
        .map(|(t, hit)| if hit { view! { <mark class="st-hl">{t}</mark> }.into_any() } else { t.into_any() })
        .collect_view();
    view! { {snippet.cut_start.then_some("… ")} {pieces} {snippet.cut_end.then_some(" …")} }
}
