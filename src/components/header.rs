//! The page header: product name, corpus title, navigation and theme toggle.

use super::corpus_loader::CorpusLoader;
use super::theme::ThemeToggle;
use crate::state::use_corpus;
use leptos::prelude::*;

/// The top bar.
#[component]
pub fn Header() -> impl IntoView {
    let corpus = use_corpus();
    let title = move || corpus.with(|c| c.corpus.meta.title.clone());
    view! {
        <a class="st-skip" href="#main">"Skip to content"</a>
        <header class="st-header">
            <div class="st-header__brand">
                <a class="st-header__logo" href="#/">"Stance"</a>
                <span class="st-header__corpus">{title}</span>
            </div>
            <nav class="st-header__nav" aria-label="Views">
                <a class="st-header__link" href="#/">"Documents"</a>
            </nav>
            <CorpusLoader/>
            <ThemeToggle/>
        </header>
    }
}
