//! A quote card: one statement, small enough to sit in an article, with its speaker,
//! its date and how sure that date is, its source, and a link back to it in context.
//! Binds [`quote_card`].

use super::app_link;
use crate::state::{use_corpus, use_view};
use leptos::prelude::*;
use stance_core::view::quote::quote_card;

/// The quote card of the selected statement (or what to do when there is none).
#[component]
pub fn QuoteCard() -> impl IntoView {
    let corpus = use_corpus();
    let view = use_view();
    let card = move || {
        let id = view.selected.get()?;
        corpus.with(|l| quote_card(&l.corpus, &id))
    };
    view! {
        {move || match card() {
            Some(card) => {
                let s = card.summary;
                let date_class = s.date.class();
                view! {
                    <figure class="st-quote">
                        <blockquote class="st-quote__text">{s.text}</blockquote>
                        <figcaption class="st-quote__caption">
                            <span class="st-quote__speaker">{s.speaker}</span>
                            <span class=date_class title=s.date.note>{s.date.full}</span>
                            <span class="st-quote__source">{card.source}</span>
                            <a class="st-quote__link" href=app_link(&card.in_context.to_fragment()) target="_blank" rel="noopener">"Read it in context in Stance"</a>
                        </figcaption>
                    </figure>
                }
                .into_any()
            }
            None => view! {
                <p class="st-quote st-quote--empty" role="status">
                    "No statement to show: the link needs sel= with the id of a statement of this corpus."
                </p>
            }
            .into_any(),
        }}
    }
}
