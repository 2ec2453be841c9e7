//! The reader: one document's text, exactly as it is, with its metadata.

use crate::state::use_corpus;
use leptos::prelude::*;

/// A run of the document's text, and whether it is excluded boilerplate.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Run {
    pub text: String,
    pub excluded: bool,
}

/// Cuts `text` into runs by the excluded byte ranges (sorted, in bounds).
pub fn runs(text: &str, excluded: &[(usize, usize)]) -> Vec<Run> {
    let mut out = Vec::new();
    let mut at = 0;
    for &(a, b) in excluded {
        let (a, b) = (a.clamp(at, text.len()), b.clamp(at, text.len()));
        if let (Some(before), Some(ex)) = (text.get(at..a), text.get(a..b)) {
            if !before.is_empty() {
                out.push(Run { text: before.to_string(), excluded: false });
            }
            if !ex.is_empty() {
                out.push(Run { text: ex.to_string(), excluded: true });
            }
            at = b;
        }
    }
    if let Some(rest) = text.get(at..) {
        if !rest.is_empty() {
            out.push(Run { text: rest.to_string(), excluded: false });
        }
    }
    out
}

/// The reader view of document `doc_id`.
#[component]
pub fn Reader(
    /// Id of the document to show.
    doc_id: String,
) -> impl IntoView {
    let corpus = use_corpus();
    let id = doc_id.clone();
    let doc = move || {
        corpus.with(|l| {
            l.corpus.document_by_id(&id).map(|(_, d)| {
                (d.meta.title.clone(), d.meta.outlet.clone(), d.meta.date.label(), runs(&d.text, &d.excluded))
            })
        })
    };
    view! {
        {move || match doc() {
            None => view! {
                <section class="st-reader" role="alert">
                    <h1 class="st-section-title">"Document not found"</h1>
                    <p>"There is no document '" {doc_id.clone()} "' in this corpus. " <a href="#/">"Back to the documents"</a></p>
                </section>
            }.into_any(),
            Some((title, outlet, date, runs)) => view! {
                <article class="st-reader" aria-labelledby="st-reader-title">
                    <p class="st-reader__back"><a href="#/">"← All documents"</a></p>
                    <h1 id="st-reader-title" class="st-reader__title">{title}</h1>
                    <p class="st-reader__meta">{outlet} " · " {date}</p>
                    <div class="st-reader__text" data-testid="reader-text">
                        {runs.into_iter().map(|r| if r.excluded {
                            view! { <span class="st-reader__excluded" title="Not part of the article (page boilerplate)">{r.text}</span> }.into_any()
                        } else {
                            view! { <span>{r.text}</span> }.into_any()
                        }).collect_view()}
                    </div>
                </article>
            }.into_any(),
        }}
    }
}
