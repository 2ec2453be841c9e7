//! The selected statement: text in context, speaker, date and certainty, topics,
//! referenced events, and a citation ready to copy.

use crate::state::{use_corpus, use_view};
use leptos::prelude::*;
use stance_core::text::{head_chars, tail_chars};
use stance_core::url_state::{CompareItem, View};

/// What the panel shows, computed from the corpus.
#[derive(Clone, Debug, PartialEq)]
struct Detail {
    id: String,
    text: String,
    before: String,
    after: String,
    speaker: String,
    kind: &'static str,
    date: String,
    approximate: bool,
    date_note: String,
    document_id: String,
    document_title: String,
    topics: Vec<String>,
    references: Vec<String>,
    citation: String,
}

/// Characters of context shown on each side.
const CONTEXT_CHARS: usize = 280;

/// The panel beside the views; empty when nothing is selected.
#[component]
pub fn StatementPanel() -> impl IntoView {
    let corpus = use_corpus();
    let view = use_view();
    let selected = Memo::new(move |_| view.with(|v| v.selected.clone()));
    let detail = move || {
        let id = selected.get()?;
        corpus.with(|l| {
            let c = &l.corpus;
            let (_, s) = c.statement_by_id(&id)?;
            let doc = c.document_of(s)?;
            let body = &doc.text[..doc.body_end.max(s.end).min(doc.text.len())];
            let date = &doc.meta.date;
            Some(Detail {
                id: s.id.clone(),
                text: c.statement_text(s).to_string(),
                before: tail_chars(body.get(..s.start).unwrap_or(""), CONTEXT_CHARS),
                after: head_chars(body.get(s.end..).unwrap_or(""), CONTEXT_CHARS),
                speaker: s.speaker.as_deref().map_or("Unattributed".to_string(), |a| c.actor_name(a).to_string()),
                kind: s.kind.as_str(),
                date: date.label(),
                approximate: date.certainty != stance_core::date::Certainty::Exact,
                date_note: date.note.clone().unwrap_or_default(),
                document_id: doc.meta.id.clone(),
                document_title: doc.meta.title.clone(),
                topics: s.topics.iter().map(|t| c.topic_label(t).to_string()).collect(),
                references: s
                    .references
                    .iter()
                    .map(|r| {
                        let event = r.event.as_deref().and_then(|e| c.meta.events.iter().find(|x| x.id == e));
                        match event {
                            Some(e) => format!("“{}” → {}: {}", r.text, e.date.label(), e.label),
                            None => format!("“{}” → {}", r.text, r.date.label()),
                        }
                    })
                    .collect(),
                citation: c.citation(s),
            })
        })
    };
    let copied = RwSignal::new(false);
    let embed_dialog = crate::embed::dialog::use_embed_dialog();
    view! {
        {move || detail().map(|d| {
            let citation = d.citation.clone();
            let copy = move |_| {
                let clipboard = window().navigator().clipboard();
                let _ = clipboard.write_text(&citation);
                copied.set(true);
            };
            let id = d.id.clone();
            let compare = move |_| {
                let id = id.clone();
                view.update(|v| {
                    let item = CompareItem::Statement(id);
                    if !v.compare.contains(&item) {
                        if v.compare.len() >= stance_core::url_state::MAX_COMPARE {
                            v.compare.remove(0);
                        }
                        v.compare.push(item);
                    }
                    v.view = View::Compare;
                });
            };
            let doc_id = d.document_id.clone();
            let open_reader = move |_| {
                let doc = doc_id.clone();
                view.update(|v| {
                    v.view = View::Reader;
                    v.document = Some(doc);
                });
            };
            let date_class = if d.approximate { "st-date st-date--approximate" } else { "st-date" };
            view! {
                <aside class="st-detail" aria-labelledby="st-detail-title">
                    <div class="st-detail__head">
                        <h2 id="st-detail-title" class="st-detail__title">{d.speaker.clone()}</h2>
                        <button type="button" class="st-button" aria-label="Close the statement" on:click=move |_| view.update(|v| v.selected = None)>"Close"</button>
                    </div>
                    <p class="st-detail__meta">
                        <span class=date_class title=d.date_note.clone()>{d.date.clone()}</span>
                        " · " {d.kind} " · " <span class="st-detail__doc">{d.document_title.clone()}</span>
                    </p>
                    <blockquote class="st-detail__context">
                        <span class="st-detail__around">{d.before.clone()}</span>
                        <mark class="st-detail__text">{d.text.clone()}</mark>
                        <span class="st-detail__around">{d.after.clone()}</span>
                    </blockquote>
                    {(!d.topics.is_empty()).then(|| view! {
                        <p class="st-detail__topics"><strong>"Topics: "</strong>{d.topics.join(", ")}</p>
                    })}
                    {(!d.references.is_empty()).then(|| view! {
                        <div class="st-detail__refs">
                            <strong>"Refers to:"</strong>
                            <ul>{d.references.iter().map(|r| view! { <li>{r.clone()}</li> }).collect_view()}</ul>
                        </div>
                    })}
                    <div class="st-detail__cite">
                        <strong>"Citation"</strong>
                        <p class="st-detail__citation" data-testid="citation">{d.citation.clone()}</p>
                        <div class="st-detail__actions">
                            <button type="button" class="st-button" on:click=copy>{move || if copied.get() { "Copied" } else { "Copy citation" }}</button>
                            <button type="button" class="st-button" on:click=open_reader>"Open in reader"</button>
                            <button type="button" class="st-button" on:click=compare>"Compare"</button>
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
