//! The table view: the current results as an accessible `<table>` (caption, column
//! headers, sortable by date and speaker), at most a page of rows at a time, and export
//! of the filtered statements as CSV or JSON. Binds `stance_core::view::table`:
//! [`row_order`], [`table_rows`], [`caption`], [`Sort`].

use super::export_menu::download;
use super::highlight::Snippet;
use crate::state::{use_corpus, use_results, use_view};
use leptos::prelude::*;
use stance_core::export;
use stance_core::view::table::{aria_sort, caption, row_order, sort_arrow, table_rows, Sort, SortKey, TABLE_PAGE};
use stance_core::view::{Intent, Paging};
use wasm_bindgen::JsValue;

/// The results as a table, with export buttons above it.
#[component]
pub fn TableView() -> impl IntoView {
    let corpus = use_corpus();
    let view = use_view();
    let results = use_results();
    let sort = RwSignal::new(None::<Sort>);
    let paging = RwSignal::new(Paging::new(TABLE_PAGE));
    let listing = move || (view.query.get(), view.window.get());
    let shown = move || paging.with(|p| p.shown(&listing()));
    let effective = move || Sort::effective(sort.get(), results.with(|r| r.filtering));
    let order = Memo::new(move |_| {
        let s = sort.get();
        corpus.with(|l| results.with(|r| row_order(&l.corpus, r, s)))
    });
    let total = move || order.with(|o| o.len());
    let rows = move || {
        let limit = shown();
        corpus.with(|l| results.with(|r| order.with(|o| table_rows(&l.corpus, r, o, limit))))
    };
    let more = move || paging.with(|p| p.more_label(&listing(), total(), "Show more (showing "));
    let caption = move || {
        let filtering = results.with(|r| r.filtering);
        caption(total(), filtering, &view.query.get(), view.window.get().is_some(), effective())
    };
    let toggle = move |key: SortKey| sort.set(Some(Sort::toggled(effective(), key)));
    let export_as = move |json: bool| {
        let content = corpus.with_untracked(|l| {
            let c = &l.corpus;
            let statements = order.with_untracked(|o| o.iter().filter_map(|&(s, _)| c.statements.get(s)).collect::<Vec<_>>());
            if json { export::to_json(c, statements) } else { export::to_csv(c, statements) }
        });
        let (name, mime) = if json { ("stance-statements.json", "application/json") } else { ("stance-statements.csv", "text/csv;charset=utf-8") };
        if let Err(e) = download(name, mime, &content) {
            web_sys::console::error_2(&JsValue::from_str("Stance: export failed"), &e);
        }
    };
    let selected = move || view.selected.get();
    let header = move |key: SortKey, class: &'static str, label: &'static str| view! {
        <th scope="col" class=class aria-sort=move || aria_sort(effective(), key)>
            <button type="button" class="st-table__sort" on:click=move |_| toggle(key)>
                {label} <span class="st-table__arrow" aria-hidden="true">{move || sort_arrow(effective(), key)}</span>
            </button>
        </th>
    };
    view! {
        <section class="st-table-view" aria-label="Statements table">
            <div class="st-table-view__tools">
                <button type="button" class="st-button" on:click=move |_| export_as(false)>"Export CSV"</button>
                <button type="button" class="st-button" on:click=move |_| export_as(true)>"Export JSON"</button>
                <span class="st-table-view__note">"Exports all " {total} " statements in this order."</span>
            </div>
            <div class="st-table-wrap">
                <table class="st-table">
                    <caption class="st-table__caption">{caption}</caption>
                    <thead>
                        <tr>
                            {header(SortKey::Date, "st-table__date", "Date")}
                            {header(SortKey::Speaker, "st-table__speaker", "Speaker")}
                            <th scope="col" class="st-table__kind">"Kind"</th>
                            <th scope="col" class="st-table__topics">"Topics"</th>
                            <th scope="col" class="st-table__text">"Statement"</th>
                        </tr>
                    </thead>
                    <tbody>
                        <For each=rows key=|r| r.key() let:row>
                            {
                                let (s, snippet) = (row.summary, row.snippet);
                                let id = s.id.clone();
                                let is_selected = move || selected().as_deref() == Some(id.as_str());
                                let i = s.index;
                                let d = s.date;
                                let (title, date_class) = (d.full.clone(), d.class());
                                let topics = s.topics.join(", ");
                                view! {
                                    <tr class="st-table__row" class:st-table__row--selected=is_selected.clone()
                                        aria-current=move || is_selected().then_some("true")>
                                        <td data-label="Date">
                                            <Show when=is_selected.clone()><span class="st-visually-hidden">"Selected. "</span></Show>
                                            <time class=date_class datetime=d.iso title=title>{d.short}</time>
                                            {(!d.rest.is_empty()).then(|| view! { <span class="st-visually-hidden">{d.rest}</span> })}
                                        </td>
                                        <td data-label="Speaker">{s.speaker}</td>
                                        <td data-label="Kind">{s.kind}</td>
                                        <td data-label="Topics">{if topics.is_empty() { view! { <span class="st-table__none">"none"</span> }.into_any() } else { topics.into_any() }}</td>
                                        <td data-label="Statement">
                                            <button type="button" class="st-table__open"
                                                on:click=move |_| corpus.with(|l| view.send(Intent::select_statement(&l.corpus, i)))>
                                                <Snippet snippet=snippet/>
                                            </button>
                                        </td>
                                    </tr>
                                }
                            }
                        </For>
                    </tbody>
                </table>
            </div>
            <Show when=move || total() == 0>
                <p class="st-table-view__empty" role="status">"No statements match. Try fewer words, remove a filter, or widen the time window."</p>
            </Show>
            {move || more().map(|label| view! {
                <button type="button" class="st-button st-table-view__more" on:click=move |_| paging.update(|p| p.more(listing()))>{label}</button>
            })}
        </section>
    }
}
