//! The list of documents with their metadata, a page at a time. Binds
//! [`document_cards_page`].

use crate::state::use_corpus;
use leptos::prelude::*;
use stance_core::view::documents::{document_cards_page, DocCard, DOCUMENTS_PAGE};
use stance_core::view::Paging;

/// One card per document: title, outlet, date with its certainty, speakers; the first
/// [`DOCUMENTS_PAGE`], then "Show more" adds as many again.
#[component]
pub fn DocumentList() -> impl IntoView {
    let corpus = use_corpus();
    let paging = RwSignal::new(Paging::new(DOCUMENTS_PAGE));
    // The list of this corpus (a new corpus starts again at one page).
    let listing = move || corpus.with(|l| (l.origin.clone(), l.corpus.documents.len()));
    let page = Memo::new(move |_| {
        let limit = paging.with(|p| p.shown(&listing()));
        corpus.with(|l| document_cards_page(&l.corpus, limit))
    });
    let more = move || page.with(|(_, total)| paging.with(|p| p.more_label(&listing(), *total, "Show more documents (")));
    view! {
        <section class="st-docs" aria-labelledby="st-docs-title">
            <h1 id="st-docs-title" class="st-section-title">"Documents"</h1>
            <ul class="st-docs__list">
                {move || page.get().0.into_iter().map(|d| view! { <DocumentCard card=d/> }).collect_view()}
            </ul>
            {move || more().map(|label| view! {
                <button type="button" class="st-button" on:click=move |_| paging.update(|p| p.more(listing()))>{label}</button>
            })}
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
