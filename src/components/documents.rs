//! The list of documents with their metadata. Binds [`document_cards`].

use crate::state::use_corpus;
use leptos::prelude::*;
use stance_core::view::documents::{document_cards, DocCard};

/// One card per document: title, outlet, date with its certainty, speakers.
#[component]
pub fn DocumentList() -> impl IntoView {
    let corpus = use_corpus();
    let cards = move || corpus.with(|l| document_cards(&l.corpus));
    view! {
        <section class="st-docs" aria-labelledby="st-docs-title">
            <h1 id="st-docs-title" class="st-section-title">"Documents"</h1>
            <ul class="st-docs__list">
                {move || cards().into_iter().map(|d| view! { <DocumentCard card=d/> }).collect_view()}
            </ul>
        </section>
    }
}

#[component]
fn DocumentCard(
    /// The document's metadata, ready to show.
    card: DocCard,
) -> impl IntoView {
    let date_class = card.date.class();
    view! {
        <li class="st-docs__item">
            <article class="st-doc-card">
                <h2 class="st-doc-card__title"><a href=card.href>{card.title}</a></h2>
                <dl class="st-doc-card__meta">
                    <dt>"Date"</dt>
                    <dd><span class=date_class title=card.date.note>{card.date.full}</span></dd>
                    <dt>"Outlet"</dt>
                    <dd>{card.outlet}</dd>
                    <dt>"Speakers"</dt>
                    <dd>{card.speakers}</dd>
                    <dt>"Interviewer"</dt>
                    <dd>{card.interviewer}</dd>
                    <dt>"Statements"</dt>
                    <dd>{card.statements}</dd>
                </dl>
            </article>
        </li>
    }
}
