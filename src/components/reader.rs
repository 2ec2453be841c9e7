//! The reader: one document's text, exactly as it is, with its metadata.

use crate::state::{use_corpus, use_view};
use leptos::prelude::*;

/// A run of the document's text, and whether it is excluded boilerplate.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Run {
    pub text: String,
    pub excluded: bool,
    /// The run is the selected statement.
    pub selected: bool,
}

/// Cuts `text` into runs by the excluded byte ranges and the selected statement's span.
pub fn runs_with_selection(text: &str, excluded: &[(usize, usize)], selected: Option<(usize, usize)>) -> Vec<Run> {
    let base = runs(text, excluded);
    let Some((a, b)) = selected.filter(|(a, b)| a < b && *b <= text.len()) else { return base };
    let mut out = Vec::new();
    let mut at = 0;
    for r in base {
        let (start, end) = (at, at + r.text.len());
        at = end;
        let (sa, sb) = (a.clamp(start, end), b.clamp(start, end));
        if sa >= sb || !r.text.is_char_boundary(sa - start) || !r.text.is_char_boundary(sb - start) {
            out.push(r);
            continue;
        }
        let pieces = [(start, sa, false), (sa, sb, true), (sb, end, false)];
        for (x, y, sel) in pieces {
            if x < y {
                out.push(Run { text: r.text[x - start..y - start].to_string(), excluded: r.excluded, selected: sel });
            }
        }
    }
    out
}

/// Cuts `text` into runs by the excluded byte ranges (sorted, in bounds).
pub fn runs(text: &str, excluded: &[(usize, usize)]) -> Vec<Run> {
    let mut out = Vec::new();
    let mut at = 0;
    for &(a, b) in excluded {
        let (a, b) = (a.clamp(at, text.len()), b.clamp(at, text.len()));
        if let (Some(before), Some(ex)) = (text.get(at..a), text.get(a..b)) {
            if !before.is_empty() {
                out.push(Run { text: before.to_string(), excluded: false, selected: false });
            }
            if !ex.is_empty() {
                out.push(Run { text: ex.to_string(), excluded: true, selected: false });
            }
            at = b;
        }
    }
    if let Some(rest) = text.get(at..) {
        if !rest.is_empty() {
            out.push(Run { text: rest.to_string(), excluded: false, selected: false });
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
    let view = use_view();
    let id = doc_id.clone();
    let selected = Memo::new(move |_| view.with(|v| v.selected.clone()));
    let doc = move || {
        let selected = selected.get();
        corpus.with(|l| {
            let (di, d) = l.corpus.document_by_id(&id)?;
            let span = selected
                .as_deref()
                .and_then(|s| l.corpus.statement_by_id(s))
                .filter(|(_, s)| s.doc == di)
                .map(|(_, s)| (s.start, s.end));
            Some((d.meta.title.clone(), d.meta.outlet.clone(), d.meta.date.label(), runs_with_selection(&d.text, &d.excluded, span)))
        })
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
            Some((title, outlet, date, runs)) => view! {
                <article class="st-reader" aria-labelledby="st-reader-title">
                    <p class="st-reader__back"><a href="#/reader">"← All documents"</a></p>
                    <h1 id="st-reader-title" class="st-reader__title">{title}</h1>
                    <p class="st-reader__meta">{outlet} " · " {date}</p>
                    <div class="st-reader__text" data-testid="reader-text">
                        {runs.into_iter().map(|r| if r.excluded {
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
