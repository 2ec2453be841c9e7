//! The list of documents with their metadata.

use crate::state::use_corpus;
use leptos::prelude::*;
use stance_core::date::Certainty;

/// One card per document: title, outlet, date with its certainty, speakers.
#[component]
pub fn DocumentList() -> impl IntoView {
    let corpus = use_corpus();
    let cards = move || {
        corpus.with(|loaded| {
            let c = &loaded.corpus;
            let mut order: Vec<usize> = (0..c.documents.len()).collect();
            order.sort_by_key(|&i| c.documents[i].meta.date.best_day().unwrap_or(i64::MAX));
            order
                .into_iter()
                .map(|i| {
                    let m = &c.documents[i].meta;
                    let speakers = m.speakers.iter().map(|s| c.actor_name(s).to_string()).collect::<Vec<_>>().join(", ");
                    let statements = c.statements.iter().filter(|s| s.doc == i).count();
                    DocCard {
                        id: m.id.clone(),
                        title: m.title.clone(),
                        outlet: m.outlet.clone(),
                        date: m.date.label(),
                        approximate: m.date.certainty != Certainty::Exact,
                        date_note: m.date.note.clone().unwrap_or_default(),
                        speakers,
                        interviewer: m.interviewer.clone(),
                        statements,
                    }
                })
                .collect::<Vec<_>>()
        })
    };
    view! {
        <section class="st-docs" aria-labelledby="st-docs-title">
            <h1 id="st-docs-title" class="st-section-title">"Documents"</h1>
            <ul class="st-docs__list">
                {move || cards().into_iter().map(|d| view! { <DocumentCard card=d/> }).collect_view()}
            </ul>
        </section>
    }
}

/// What a document card shows.
#[derive(Clone, Debug, PartialEq)]
pub struct DocCard {
    pub id: String,
    pub title: String,
    pub outlet: String,
    pub date: String,
    pub approximate: bool,
    pub date_note: String,
    pub speakers: String,
    pub interviewer: String,
    pub statements: usize,
}

#[component]
fn DocumentCard(
    /// The document's metadata, ready to show.
    card: DocCard,
) -> impl IntoView {
    let href = format!("#/reader?doc={}", card.id);
    let date_class = if card.approximate { "st-date st-date--approximate" } else { "st-date" };
    view! {
        <li class="st-docs__item">
            <article class="st-doc-card">
                <h2 class="st-doc-card__title"><a href=href>{card.title}</a></h2>
                <dl class="st-doc-card__meta">
                    <dt>"Date"</dt>
                    <dd><span class=date_class title=card.date_note>{card.date}</span></dd>
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
