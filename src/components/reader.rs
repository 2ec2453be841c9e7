//! The reader: one document's text, exactly as it is, with its metadata. Binds [`reader`].

use crate::state::{use_corpus, use_view};
use leptos::prelude::*;
use stance_core::view::reader::reader;

/// The reader view of document `doc_id`.
#[component]
pub fn Reader(
    /// Id of the document to show.
    doc_id: String,
) -> impl IntoView {
    let corpus = use_corpus();
    let view = use_view();
    let id = doc_id.clone();
    let selected = view.selected;
    let doc = move || {
        let selected = selected.get();
        corpus.with(|l| reader(&l.corpus, &id, selected.as_deref()))
    };
    // Scroll the selected statement into view once drawn.
    Effect::new(move |_| {
        selected.track();
        request_animation_frame(|| {
            if let Some(el) = document().get_element_by_id("st-reader-selected") {
                let opts = web_sys::ScrollIntoViewOptions::new();
                opts.set_block(web_sys::ScrollLogicalPosition::Center);
                el.scroll_into_view_with_scroll_into_view_options(&opts);
            }
        });
    });
    view! {
        {move || match doc() {
            None => view! {
                <section class="st-reader" role="alert">
                    <h1 class="st-section-title">"Document not found"</h1>
                    <p>"There is no document '" {doc_id.clone()} "' in this corpus. " <a href="#/reader">"Back to the documents"</a></p>
                </section>
            }.into_any(),
            Some(d) => view! {
                <article class="st-reader" aria-labelledby="st-reader-title">
                    <p class="st-reader__back"><a href="#/reader">"← All documents"</a></p>
                    <h1 id="st-reader-title" class="st-reader__title">{d.title}</h1>
                    <p class="st-reader__meta">{d.outlet} " · " {d.date}</p>
                    <div class="st-reader__text" data-testid="reader-text">
                        {d.runs.into_iter().map(|r| if r.excluded {
                            view! { <span class="st-reader__excluded" title="Not part of the article (page boilerplate)">{r.text}</span> }.into_any()
                        } else if r.selected {
                            view! { <mark id="st-reader-selected" class="st-reader__selected">{r.text}</mark> }.into_any()
                        } else {
                            view! { <span>{r.text}</span> }.into_any()
                        }).collect_view()}
                    </div>
                </article>
            }.into_any(),
        }}
    }
}
