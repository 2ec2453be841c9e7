//! The table view: the current results as an accessible `<table>` (caption, column
//! headers, sortable by date and speaker), at most [`PAGE`] rows at a time, and export of
//! the filtered statements as CSV or JSON.

use super::highlight::Highlighted;
use crate::state::{use_corpus, use_results, use_view, Results};
use leptos::prelude::*;
use stance_core::date::Certainty;
use stance_core::{export, Corpus};
use wasm_bindgen::{JsCast, JsValue};

/// Rows shown at first; "Show more" adds as many again.
pub const PAGE: usize = 200;
/// How long a download's object URL is kept before it is revoked.
const REVOKE_AFTER: std::time::Duration = std::time::Duration::from_secs(30);

/// A column the table can be sorted by.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SortKey {
    Date,
    Speaker,
}

/// A sort: the column and whether it is ascending.
pub type Sort = (SortKey, bool);

/// The rows to show, as (statement index, index of its hit): the hits in rank order when
/// filtering, else in time order (undated last); then sorted by `sort` if set (stable).
pub fn row_order(c: &Corpus, results: &Results, sort: Option<Sort>) -> Vec<(usize, usize)> {
    let mut rows: Vec<(usize, usize)> = results.search.hits.iter().enumerate().map(|(h, hit)| (hit.statement, h)).collect();
    let day = |i: usize| c.statements.get(i).and_then(|s| c.statement_date(s).best_day()).unwrap_or(i64::MAX);
    if !results.filtering {
        rows.sort_by_key(|&(i, _)| (day(i), i));
    }
    let speaker = |i: usize| {
        c.statements.get(i).and_then(|s| s.speaker.as_deref()).map_or_else(|| "\u{10ffff}".to_string(), |a| c.actor_name(a).to_lowercase())
    };
    match sort {
        None => {}
        Some((SortKey::Date, asc)) => rows.sort_by(|a, b| {
            let o = day(a.0).cmp(&day(b.0));
            if asc { o } else { o.reverse() }
        }),
        Some((SortKey::Speaker, asc)) => rows.sort_by(|a, b| {
            let o = speaker(a.0).cmp(&speaker(b.0));
            (if asc { o } else { o.reverse() }).then(day(a.0).cmp(&day(b.0)))
        }),
    }
    rows
}

/// The sort in effect: the chosen one, else date ascending when nothing filters.
fn effective(sort: Option<Sort>, filtering: bool) -> Option<Sort> {
    sort.or((!filtering).then_some((SortKey::Date, true)))
}

/// One table row, ready to show.
#[derive(Clone, Debug, PartialEq)]
struct Row {
    statement: usize,
    id: String,
    /// The date as shown ("c. 27 July 2017"), and the rest of its label for screen
    /// readers and the tooltip (" (between 9 July 2017 and 28 July 2017)").
    date: String,
    date_rest: String,
    iso: String,
    approximate: bool,
    speaker: String,
    kind: &'static str,
    topics: String,
    text: String,
    base: usize,
    highlights: Vec<(usize, usize)>,
    cut_start: bool,
    cut_end: bool,
}

fn row(c: &Corpus, r: &Results, statement: usize, hit: usize) -> Option<Row> {
    let s = c.statements.get(statement)?;
    let h = r.search.hits.get(hit)?;
    let doc = c.document_of(s)?;
    let text = h.snippet.text(c, statement).to_string();
    let spec = &doc.meta.date;
    let full = spec.label();
    let short = match (spec.best, spec.certainty) {
        (Some(best), Certainty::Approximate) => format!("c. {}", best.label()),
        _ => full.clone(),
    };
    Some(Row {
        statement,
        id: s.id.clone(),
        date: short.clone(),
        date_rest: full.strip_prefix(short.as_str()).unwrap_or("").to_string(),
        iso: doc.meta.date.best.map(|d| d.to_string()).unwrap_or_default(),
        approximate: doc.meta.date.certainty != Certainty::Exact,
        speaker: s.speaker.as_deref().map_or("Unattributed".into(), |a| c.actor_name(a).to_string()),
        kind: s.kind.as_str(),
        topics: s.topics.iter().map(|t| c.topic_label(t)).collect::<Vec<_>>().join(", "),
        text,
        base: h.snippet.start,
        highlights: h.snippet.highlights.clone(),
        cut_start: h.snippet.cut_start,
        cut_end: h.snippet.cut_end,
    })
}

/// Offers `content` as a file download through a Blob, an object URL and a temporary link.
fn download(name: &str, mime: &str, content: &str) -> Result<(), JsValue> {
    let parts = js_sys::Array::of1(&JsValue::from_str(content));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options)?;
    let url = web_sys::Url::create_object_url_with_blob(&blob)?;
    let link: web_sys::HtmlAnchorElement = document().create_element("a")?.dyn_into()?;
    link.set_href(&url);
    link.set_download(name);
    link.set_hidden(true);
    let body = document().body().ok_or_else(|| JsValue::from_str("no body"))?;
    body.append_child(&link)?;
    link.click();
    link.remove();
    set_timeout(move || { let _ = web_sys::Url::revoke_object_url(&url); }, REVOKE_AFTER);
    Ok(())
}

/// The results as a table, with export buttons above it.
#[component]
pub fn TableView() -> impl IntoView {
    let corpus = use_corpus();
    let view = use_view();
    let results = use_results();
    let sort = RwSignal::new(None::<Sort>);
    let shown = RwSignal::new(PAGE);
    Effect::new(move |_| {
        view.with(|v| (v.query.len(), v.window));
        shown.set(PAGE);
    });
    let filtering = move || results.with(|r| r.filtering);
    let current = move || effective(sort.get(), filtering());
    let order = Memo::new(move |_| {
        let s = sort.get();
        corpus.with(|l| results.with(|r| row_order(&l.corpus, r, s)))
    });
    let total = move || order.with(|o| o.len());
    let rows = move || {
        let limit = shown.get();
        corpus.with(|l| results.with(|r| order.with(|o| o.iter().take(limit).filter_map(|&(s, h)| row(&l.corpus, r, s, h)).collect::<Vec<_>>())))
    };
    let caption = move || {
        let n = total();
        let noun = if n == 1 { "statement" } else { "statements" };
        let (q, window) = view.with(|v| (v.query.trim().to_string(), v.window.is_some()));
        let what = match (filtering(), q.is_empty(), window) {
            (false, _, _) => format!("All {n} {noun}"),
            (true, false, false) => format!("{n} {noun} matching “{q}”"),
            (true, false, true) => format!("{n} {noun} matching “{q}” in the time window"),
            (true, true, _) => format!("{n} {noun} in the time window"),
        };
        let order = match current() {
            None => "best match first".to_string(),
            Some((SortKey::Date, true)) => "oldest first".to_string(),
            Some((SortKey::Date, false)) => "newest first".to_string(),
            Some((SortKey::Speaker, true)) => "by speaker, A to Z".to_string(),
            Some((SortKey::Speaker, false)) => "by speaker, Z to A".to_string(),
        };
        format!("{what}, {order}")
    };
    let aria_sort = move |key: SortKey| match current() {
        Some((k, true)) if k == key => Some("ascending"),
        Some((k, false)) if k == key => Some("descending"),
        _ => None,
    };
    let arrow = move |key: SortKey| match aria_sort(key) {
        Some("ascending") => "▲",
        Some(_) => "▼",
        None => "↕",
    };
    let toggle = move |key: SortKey| {
        let next = match current() {
            Some((k, asc)) if k == key => (key, !asc),
            _ => (key, true),
        };
        sort.set(Some(next));
    };
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
    let selected = move || view.with(|v| v.selected.clone());
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
                            <th scope="col" class="st-table__date" aria-sort=move || aria_sort(SortKey::Date)>
                                <button type="button" class="st-table__sort" on:click=move |_| toggle(SortKey::Date)>
                                    "Date" <span class="st-table__arrow" aria-hidden="true">{move || arrow(SortKey::Date)}</span>
                                </button>
                            </th>
                            <th scope="col" class="st-table__speaker" aria-sort=move || aria_sort(SortKey::Speaker)>
                                <button type="button" class="st-table__sort" on:click=move |_| toggle(SortKey::Speaker)>
                                    "Speaker" <span class="st-table__arrow" aria-hidden="true">{move || arrow(SortKey::Speaker)}</span>
                                </button>
                            </th>
                            <th scope="col" class="st-table__kind">"Kind"</th>
                            <th scope="col" class="st-table__topics">"Topics"</th>
                            <th scope="col" class="st-table__text">"Statement"</th>
                        </tr>
                    </thead>
                    <tbody>
                        <For each=rows key=|r| (r.id.clone(), r.highlights.clone()) let:row>
                            {
                                let id = row.id.clone();
                                let is_selected = move || selected().as_deref() == Some(id.as_str());
                                let i = row.statement;
                                let date_class = if row.approximate { "st-date st-date--approximate" } else { "st-date" };
                                view! {
                                    <tr class="st-table__row" class:st-table__row--selected=is_selected.clone()
                                        aria-current=move || is_selected().then_some("true")>
                                        <td data-label="Date">
                                            <Show when=is_selected.clone()><span class="st-visually-hidden">"Selected. "</span></Show>
                                            <time class=date_class datetime=row.iso.clone() title=format!("{}{}", row.date, row.date_rest)>{row.date.clone()}</time>
                                            {(!row.date_rest.is_empty()).then(|| view! { <span class="st-visually-hidden">{row.date_rest.clone()}</span> })}
                                        </td>
                                        <td data-label="Speaker">{row.speaker.clone()}</td>
                                        <td data-label="Kind">{row.kind}</td>
                                        <td data-label="Topics">{if row.topics.is_empty() { view! { <span class="st-table__none">"none"</span> }.into_any() } else { row.topics.clone().into_any() }}</td>
                                        <td data-label="Statement">
                                            <button type="button" class="st-table__open"
                                                on:click=move |_| corpus.with(|l| view.select(&l.corpus, Some(i)))>
                                                {row.cut_start.then_some("… ")}
                                                <Highlighted text=row.text.clone() base=row.base highlights=row.highlights.clone()/>
                                                {row.cut_end.then_some(" …")}
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
            <Show when=move || { total() > shown.get() }>
                <button type="button" class="st-button st-table-view__more" on:click=move |_| shown.update(|n| *n += PAGE)>
                    {move || format!("Show more (showing {} of {})", shown.get().min(total()), total())}
                </button>
            </Show>
        </section>
    }
}
