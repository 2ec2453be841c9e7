//! The search box, query problems, facet chips, and the list of results. Binds
//! `stance_core::view::results`: [`count_label`], [`facet_groups`], [`result_rows`].

use super::highlight::Snippet;
use crate::state::{use_corpus, use_results, use_view};
use leptos::html::Input;
use leptos::prelude::*;
use stance_core::view::results::{
    count_label, facet_groups, facet_summary, facets_selected, nearest_words, result_rows, FacetGroup as FacetGroupView,
};
use stance_core::view::{Intent, Paging};

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

    let problems = move || results.with(|r| r.search.problems.clone());
    let count = move || results.with(|r| count_label(r));
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
                    prop:value=move || view.query.get()
                    on:input=move |ev| view.send(Intent::SetQuery(event_target_value(&ev)))
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

/// Facet chips with counts, from [`facet_groups`]; a chip toggles its filter in the query.
/// The chips are drawn only while the list is open (a 1000x corpus has thousands of
/// document chips, and a keystroke would rebuild them all); the summary line is
/// always there.
#[component]
fn Facets() -> impl IntoView {
    let results = use_results();
    let corpus = use_corpus();
    let (open, set_open) = signal(false);
    let toggled = move |ev: web_sys::Event| {
        let now = ev.target().and_then(|t| wasm_bindgen::JsCast::dyn_into::<web_sys::Element>(t).ok()).is_some_and(|el| el.has_attribute("open"));
        set_open.set(now);
    };
    // Counted only here, when the chips are open (the search leaves them uncounted).
    let groups = move || open.get().then(|| corpus.with(|l| results.with(|r| facet_groups(r, &l.index).0)));
    view! {
        <details class="st-facets" on:toggle=toggled>
            <summary class="st-facets__summary">{move || results.with(|r| facet_summary(facets_selected(r)))}</summary>
            {move || groups().map(|groups| groups.into_iter().map(|g| view! { <FacetGroup group=g/> }).collect_view())}
        </details>
    }
}

#[component]
fn FacetGroup(
    /// The field, its label and its values with their counts.
    group: FacetGroupView,
) -> impl IntoView {
    let view = use_view();
    let field = group.field;
    view! {
        <div class="st-facets__group" role="group" aria-label=group.label>
            <span class="st-facets__label">{group.label}</span>
            {group.values.into_iter().map(|v| {
                let value = v.value.to_string();
                view! {
                    <button type="button" class="st-chip" aria-pressed=if v.selected { "true" } else { "false" }
                        on:click=move |_| view.send(Intent::ToggleFacet { field, value: value.clone() })>
                        {v.label.to_string()} " " <span class="st-chip__count">{v.count}</span>
                    </button>
                }
            }).collect_view()}
        </div>
    }
}

/// The ranked results ([`result_rows`]) with highlighted snippets; "nothing found" with suggestions.
#[component]
pub fn ResultList() -> impl IntoView {
    let corpus = use_corpus();
    let view = use_view();
    let results = use_results();
    let paging = RwSignal::new(Paging::new(PAGE));
    let listing = move || (view.query.get(), view.window.get());
    // The rows are drawn in the task after the first frame: the list sits below the
    // timeline, out of the first screen, and its few hundred elements (with the wasm
    // functions V8 compiles on their first call) would delay the explorer's first frame.
    let drawn = RwSignal::new(false);
    request_animation_frame(move || set_timeout(move || drawn.set(true), std::time::Duration::ZERO));
    let shown = move || if drawn.get() { paging.with(|p| p.shown(&listing())) } else { 0 };
    let rows = move || {
        let limit = shown();
        corpus.with(|l| results.with(|r| result_rows(&l.corpus, r, limit)))
    };
    let total = move || results.with(|r| r.hit_count());
    let more = move || paging.with(|p| p.more_label(&listing(), total(), "Show more ("));
    let suggestion = move || results.with(|r| r.search.suggested_query());
    let nearest = move || results.with(|r| nearest_words(r));
    let selected = move || view.selected.get();
    view! {
        <section class="st-results" aria-label="Results">
            <Show when=move || total() == 0>
                <div class="st-results__empty" role="status">
                    <p><strong>"Nothing found."</strong> " Try fewer words, remove a filter, or widen the time window."</p>
                    {move || suggestion().map(|q| {
                        let q2 = q.clone();
                        view! {
                            <p>"Did you mean "
                                <button type="button" class="st-linkbutton" on:click=move |_| view.send(Intent::SetQuery(q2.clone()))>{q}</button>
                                "?"
                            </p>
                        }
                    })}
                    <Show when=move || !nearest().is_empty()>
                        <p class="st-results__nearest">"Nearest words in the corpus: " {move || nearest()}</p>
                    </Show>
                </div>
            </Show>
            // The query the list shows (read by bench/run-app-bench.mjs, now that the
            // URL follows a keystroke only after its frame).
            <ol class="st-results__list" data-query=move || view.query.get()>
                <For each=rows key=|r| r.key() let:row>
                    {
                        let (s, snippet) = (row.summary, row.snippet);
                        let id = s.id.clone();
                        let i = s.index;
                        view! {
                            <li class="st-result" class:st-result--selected=move || selected().as_deref() == Some(id.as_str())>
                                <button type="button" class="st-result__open"
                                    on:click=move |_| corpus.with(|l| view.send(Intent::select_statement(&l.corpus, i)))>
                                    <span class="st-result__meta">
                                        <span class="st-result__speaker">{s.speaker}</span>
                                        " · " {s.date.full} " · " {s.kind}
                                    </span>
                                    <span class="st-result__text"><Snippet snippet=snippet/></span>
                                    <span class="st-result__doc">{s.document_title}</span>
                                </button>
                            </li>
                        }
                    }
                </For>
            </ol>
            {move || more().map(|label| view! {
                <button type="button" class="st-button" on:click=move |_| paging.update(|p| p.more(listing()))>{label}</button>
            })}
        </section>
    }
}
