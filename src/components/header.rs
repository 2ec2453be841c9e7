//! The page header: product name, corpus title, navigation and theme toggle.

use super::corpus_loader::CorpusLoader;
use super::theme::ThemeToggle;
use crate::embed::dialog::EmbedButton;
use crate::state::{use_corpus, use_view};
use stance_core::url_state::View;
use stance_core::view::Intent;
use leptos::prelude::*;

/// The top bar.
#[component]
pub fn Header() -> impl IntoView {
    let corpus = use_corpus();
    let title = move || corpus.with(|c| c.corpus.meta.title.clone());
    let view = use_view();
    let nav = [(View::Timeline, "Timeline"), (View::Positions, "Positions"), (View::Table, "Table"), (View::Reader, "Documents")];
    view! {
        <a class="st-skip" href="#main">"Skip to content"</a>
        <header class="st-header">
            <div class="st-header__brand">
                <a class="st-header__logo" href="#/" on:click=move |ev| { ev.prevent_default(); view.send(Intent::Reset) }>"Stance"</a>
                <span class="st-header__corpus">{title}</span>
            </div>
            <nav class="st-header__nav" aria-label="Views">
                {nav.into_iter().map(|(target, label)| {
                    let current = move || view.view.get() == target;
                    let go = move |ev: leptos::ev::MouseEvent| {
                        ev.prevent_default();
                        view.send(Intent::SwitchView(target));
                    };
                    let href = target.fragment();
                    view! {
                        <a class="st-header__link" href=href on:click=go aria-current=move || current().then_some("page")>{label}</a>
                    }
                }).collect_view()}
            </nav>
            <CorpusLoader/>
            <EmbedButton/>
            <ThemeToggle/>
        </header>
    }
}
