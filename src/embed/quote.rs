//! A quote card: one statement, small enough to sit in an article, with its speaker,
//! its date and how sure that date is, its source, and a link back to it in context.

use super::app_link;
use crate::state::{use_corpus, use_view};
use leptos::prelude::*;
use stance_core::date::Certainty;
use stance_core::url_state::{View, ViewState};

/// What a quote card shows.
#[derive(Clone, Debug, PartialEq)]
struct Card {
    text: String,
    speaker: String,
    date: String,
    approximate: bool,
    source: String,
    context_link: String,
}

/// The quote card of the selected statement (or what to do when there is none).
#[component]
pub fn QuoteCard() -> impl IntoView {
    let corpus = use_corpus();
    let view = use_view();
    let card = move || {
        let id = view.selected.get()?;
        corpus.with(|l| {
            let c = &l.corpus;
            let (_, s) = c.statement_by_id(&id)?;
            let doc = c.document_of(s)?;
            let m = &doc.meta;
            let source = [m.title.as_str(), m.outlet.as_str()].into_iter().filter(|x| !x.is_empty()).collect::<Vec<_>>().join(", ");
            let in_context = ViewState { view: View::Reader, document: Some(m.id.clone()), selected: Some(s.id.clone()), ..ViewState::default() };
            Some(Card {
                text: c.statement_text(s).trim().to_string(),
                speaker: s.speaker.as_deref().map_or(stance_core::timeline::lanes::UNATTRIBUTED_LABEL.to_string(), |a| c.actor_name(a).to_string()),
                date: m.date.label(),
                approximate: m.date.certainty != Certainty::Exact,
                source,
                context_link: app_link(&in_context.to_fragment()),
            })
        })
    };
    view! {
        {move || match card() {
            Some(card) => view! {
                <figure class="st-quote">
                    <blockquote class="st-quote__text">{card.text}</blockquote>
                    <figcaption class="st-quote__caption">
                        <span class="st-quote__speaker">{card.speaker}</span>
                        <span class=if card.approximate { "st-date st-date--approximate" } else { "st-date" }>{card.date}</span>
                        <span class="st-quote__source">{card.source}</span>
                        <a class="st-quote__link" href=card.context_link target="_blank" rel="noopener">"Read it in context in Stance"</a>
                    </figcaption>
                </figure>
            }.into_any(),
            None => view! {
                <p class="st-quote st-quote--empty" role="status">
                    "No statement to show: the link needs sel= with the id of a statement of this corpus."
                </p>
            }.into_any(),
        }}
    }
}
