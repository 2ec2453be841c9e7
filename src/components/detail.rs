//! The selected statement: text in context, speaker, date and certainty, topics,
//! referenced events, and a citation ready to copy. Binds [`panel`].

use crate::state::{use_corpus, use_view};
use leptos::prelude::*;
use stance_core::url_state::CompareItem;
use stance_core::view::panel::panel;
use stance_core::view::Intent;

/// The panel beside the views; empty when nothing is selected.
#[component]
pub fn StatementPanel() -> impl IntoView {
    let corpus = use_corpus();
    let view = use_view();
    let detail = move || {
        let id = view.selected.get()?;
        corpus.with(|l| panel(&l.corpus, &id))
    };
    // Which citation was copied last ("text", "bibtex", "csl").
    let copied = RwSignal::new(None::<&'static str>);
    let copy_text = move |what: &'static str, text: String| {
        let _ = window().navigator().clipboard().write_text(&text);
        copied.set(Some(what));
    };
    let embed_dialog = crate::embed::dialog::use_embed_dialog();
    view! {
        {move || detail().map(|d| {
            let s = d.summary;
            let (citation, bibtex, csl) = (d.citation.clone(), d.bibtex.clone(), d.csl_json.clone());
            let label = move |what: &'static str, text: &'static str| move || if copied.get() == Some(what) { "Copied" } else { text };
            let id = s.id.clone();
            let doc_id = s.document_id.clone();
            let date_class = s.date.class();
            view! {
                <aside class="st-detail" aria-labelledby="st-detail-title">
                    <div class="st-detail__head">
                        <h2 id="st-detail-title" class="st-detail__title">{s.speaker}</h2>
                        <button type="button" class="st-button" aria-label="Close the statement" on:click=move |_| view.send(Intent::Select(None))>"Close"</button>
                    </div>
                    <p class="st-detail__meta">
                        <span class=date_class title=s.date.note>{s.date.full}</span>
                        " · " {s.kind} " · " <span class="st-detail__doc">{s.document_title}</span>
                    </p>
                    <blockquote class="st-detail__context">
                        <span class="st-detail__around">{d.before}</span>
                        <mark class="st-detail__text">{s.text}</mark>
                        <span class="st-detail__around">{d.after}</span>
                    </blockquote>
                    {(!s.topics.is_empty()).then(|| view! {
                        <p class="st-detail__topics"><strong>"Topics: "</strong>{s.topics.join(", ")}</p>
                    })}
                    {(!d.references.is_empty()).then(|| view! {
                        <div class="st-detail__refs">
                            <strong>"Refers to:"</strong>
                            <ul>{d.references.into_iter().map(|r| view! { <li>{r}</li> }).collect_view()}</ul>
                        </div>
                    })}
                    <div class="st-detail__cite">
                        <strong>"Citation"</strong>
                        <p class="st-detail__citation" data-testid="citation">{d.citation}</p>
                        <div class="st-detail__actions">
                            <button type="button" class="st-button" on:click=move |_| copy_text("text", citation.clone())>{label("text", "Copy citation")}</button>
                            <button type="button" class="st-button" on:click=move |_| copy_text("bibtex", bibtex.clone())>{label("bibtex", "Copy BibTeX")}</button>
                            <button type="button" class="st-button" on:click=move |_| copy_text("csl", csl.clone())>{label("csl", "Copy CSL-JSON")}</button>
                            <button type="button" class="st-button" on:click=move |_| view.send(Intent::OpenDocument(doc_id.clone()))>"Open in reader"</button>
                            <button type="button" class="st-button" on:click=move |_| view.send(Intent::Compare(CompareItem::Statement(id.clone())))>"Compare"</button>
                            {embed_dialog.map(|d| view! {
                                <button type="button" class="st-button" on:click=move |_| d.open(true)>"Embed this statement"</button>
                            })}
                        </div>
                    </div>
                </aside>
            }
        })}
    }
}
