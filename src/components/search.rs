//! The search box, query problems, facet chips, and the list of results.

use super::highlight::Highlighted;
use crate::state::{use_corpus, use_results, use_view};
use leptos::html::Input;
use leptos::prelude::*;
use stance_core::search::query::toggle_filter;
use stance_core::search::FacetCount;

/// Results shown in the list at first; "Show more" adds as many again.
const PAGE: usize = 50;

/// The labelled search box with its problems, count and facets.
#[component]
pub fn SearchBar() -> impl IntoView {
    let view = use_view();
    let results = use_results();
    let input = NodeRef::<Input>::new();
    // "/" focuses the box from anywhere but another text field.
    let handle = window_event_listener(leptos::ev::keydown, move |ev| {
        let typing = ev
            .target()
            .and_then(|t| wasm_bindgen::JsCast::dyn_into::<web_sys::Element>(t).ok())
            .is_some_and(|el| matches!(el.tag_name().as_str(), "INPUT" | "TEXTAREA" | "SELECT"));
        if ev.key() == "/" && !typing && !ev.ctrl_key() && !ev.meta_key() {
            if let Some(el) = input.get() {
                ev.prevent_default();
                let _ = el.focus();
            }
        }
    });
    on_cleanup(move || handle.remove());

    let query = move || view.with(|v| v.query.clone());
    let problems = move || results.with(|r| r.search.problems.clone());
    let count = move || {
        results.with(|r| {
            let n = r.hit_count();
            match (r.filtering, n) {
                (false, n) => format!("{n} statements"),
                (true, 1) => "1 statement matches".to_string(),
                (true, n) => format!("{n} statements match"),
            }
        })
    };
    view! {
        <section class="st-search" aria-label="Search">
            <div class="st-search__row">
                <label class="st-search__label" for="st-search-input">"Search statements"</label>
                <input
                    id="st-search-input"
                    node_ref=input
                    class="st-search__input"
                    type="search"
                    autocomplete="off"
                    spellcheck="false"
                    placeholder="Words, \"phrases\", -exclude, speaker: topic: year:2017..2019  (press / to focus)"
                    prop:value=query
                    on:input=move |ev| {
                        let q = event_target_value(&ev);
                        view.update(|v| v.query = q);
                    }
                />
                <output class="st-search__count" for="st-search-input" aria-live="polite">{count}</output>
            </div>
            <Show when=move || !problems().is_empty()>
                <ul class="st-search__problems" aria-live="polite">
                    {move || problems().into_iter().map(|p| view! { <li>{p}</li> }).collect_view()}
                </ul>
            </Show>
            <Facets/>
        </section>
    }
}

/// Facet chips with counts; a chip toggles its filter in the query.
#[component]
fn Facets() -> impl IntoView {
    let results = use_results();
    let groups = move || {
        results.with(|r| {
            let f = &r.search.facets;
            vec![
                ("Speaker", "speaker", f.speaker.clone()),
                ("Topic", "topic", f.topic.clone()),
                ("Year", "year", f.year.clone()),
                ("Kind", "kind", f.kind.clone()),
                ("Document", "document", f.document.clone()),
            ]
        })
    };
    let selected = move || results.with(|r| {
        let f = &r.search.facets;
        [&f.speaker, &f.topic, &f.year, &f.kind, &f.document].iter().flat_map(|v| v.iter()).filter(|c| c.selected).count()
    });
    view! {
        <details class="st-facets">
            <summary class="st-facets__summary">
                "Filter by speaker, topic, year, kind or document"
                {move || match selected() { 0 => String::new(), n => format!(" ({n} selected)") }}
            </summary>
            {move || groups().into_iter().filter(|(_, _, v)| !v.is_empty()).map(|(label, field, values)| view! {
                <FacetGroup label=label field=field values=values/>
            }).collect_view()}
        </details>
    }
}

#[component]
fn FacetGroup(
    /// What a person reads: "Speaker".
    label: &'static str,
    /// The query field: "speaker".
    field: &'static str,
    /// The values with their counts.
    values: Vec<FacetCount>,
) -> impl IntoView {
    let view = use_view();
    view! {
        <div class="st-facets__group" role="group" aria-label=label>
            <span class="st-facets__label">{label}</span>
            {values.into_iter().map(|v| {
                let value = v.value.clone();
                let toggle = move |_| {
                    let value = value.clone();
                    view.update(|s| s.query = toggle_filter(&s.query, field, &value));
                };
                view! {
                    <button type="button" class="st-chip" aria-pressed=if v.selected { "true" } else { "false" } on:click=toggle>
                        {v.label.clone()} " " <span class="st-chip__count">{v.count}</span>
                    </button>
                }
            }).collect_view()}
        </div>
    }
}

/// One result, ready to show.
#[derive(Clone, Debug, PartialEq)]
struct Row {
    statement: usize,
    id: String,
    text: String,
    base: usize,
    highlights: Vec<(usize, usize)>,
    cut_start: bool,
    cut_end: bool,
    speaker: String,
    date: String,
    document: String,
    kind: &'static str,
}

/// The ranked results with highlighted snippets; "nothing found" with suggestions.
#[component]
pub fn ResultList() -> impl IntoView {
    let corpus = use_corpus();
    let view = use_view();
    let results = use_results();
    let shown = RwSignal::new(PAGE);
    Effect::new(move |_| {
        view.with(|v| v.query.len());
        shown.set(PAGE);
    });
    let rows = move || {
        let limit = shown.get();
        corpus.with(|l| {
            results.with(|r| {
                let c = &l.corpus;
                r.search.hits.iter().take(limit).filter_map(|h| {
                    let s = c.statements.get(h.statement)?;
                    let doc = c.document_of(s)?;
                    Some(Row {
                        statement: h.statement,
                        id: s.id.clone(),
                        text: h.snippet.text(c, h.statement).to_string(),
                        base: h.snippet.start,
                        highlights: h.snippet.highlights.clone(),
                        cut_start: h.snippet.cut_start,
                        cut_end: h.snippet.cut_end,
                        speaker: s.speaker.as_deref().map_or("Unattributed".into(), |a| c.actor_name(a).to_string()),
                        date: doc.meta.date.label(),
                        document: doc.meta.title.clone(),
                        kind: s.kind.as_str(),
                    })
                }).collect::<Vec<_>>()
            })
        })
    };
    let total = move || results.with(|r| r.hit_count());
    let suggestion = move || results.with(|r| r.search.suggested_query());
    let nearest = move || {
        results.with(|r| r.search.suggestions.iter().flat_map(|s| s.nearest.iter().take(3).cloned()).collect::<Vec<_>>())
    };
    let selected = move || view.with(|v| v.selected.clone());
    view! {
        <section class="st-results" aria-label="Results">
            <Show when=move || total() == 0>
                <div class="st-results__empty" role="status">
                    <p><strong>"Nothing found."</strong> " Try fewer words, remove a filter, or widen the time window."</p>
                    {move || suggestion().map(|q| {
                        let q2 = q.clone();
                        view! {
                            <p>"Did you mean "
                                <button type="button" class="st-linkbutton" on:click=move |_| { let q = q2.clone(); view.update(|v| v.query = q) }>{q}</button>
                                "?"
                            </p>
                        }
                    })}
                    <Show when=move || !nearest().is_empty()>
                        <p class="st-results__nearest">"Nearest words in the corpus: " {move || nearest().join(", ")}</p>
                    </Show>
                </div>
            </Show>
            <ol class="st-results__list">
                <For each=rows key=|r| (r.id.clone(), r.highlights.clone()) let:row>
                    <li class="st-result" class:st-result--selected=move || selected().as_deref() == Some(row.id.as_str())>
                        <button type="button" class="st-result__open" on:click={
                            let i = row.statement;
                            move |_| corpus.with(|l| view.select(&l.corpus, Some(i)))
                        }>
                            <span class="st-result__meta">
                                <span class="st-result__speaker">{row.speaker.clone()}</span>
                                " · " {row.date.clone()} " · " {row.kind}
                            </span>
                            <span class="st-result__text">
                                {row.cut_start.then_some("… ")}
                                <Highlighted text=row.text.clone() base=row.base highlights=row.highlights.clone()/>
                                {row.cut_end.then_some(" …")}
                            </span>
                            <span class="st-result__doc">{row.document.clone()}</span>
                        </button>
                    </li>
                </For>
            </ol>
            <Show when=move || { total() > shown.get() }>
                <button type="button" class="st-button" on:click=move |_| shown.update(|n| *n += PAGE)>
                    {move || format!("Show more ({} of {})", shown.get().min(total()), total())}
                </button>
            </Show>
        </section>
    }
}
