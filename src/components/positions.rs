//! The positions view: for each topic, each actor's stance over time as a row of dated
//! chips, with a "changed" marker wherever the stance or its polarity moved.
//!
//! The grouping, filtering and wording come from [`stance_core::positions`]; this file
//! only binds them. [`StanceChips`] (one actor's row) is shared with the compare view.

use crate::state::{use_corpus, use_view, ViewCtx};
use leptos::prelude::*;
use stance_core::positions::{self, ActorRow};
use stance_core::url_state::{CompareItem, View};
use stance_core::date::PartialDate;
use stance_core::text::first_words;
use stance_core::Corpus;

/// Words of a quote kept on a chip.
const QUOTE_WORDS: usize = 14;
/// Most date columns laid out as a shared time scale (style/positions.css has a class
/// per column up to this); a topic with more dates flows in date order instead.
pub const MAX_COLUMNS: usize = 6;

/// One position, ready to show as a chip.
#[derive(Clone, Debug, PartialEq)]
pub struct Chip {
    /// Position id (unique in the corpus).
    pub id: String,
    /// Index of the first statement that shows it.
    pub statement: Option<usize>,
    /// ISO form of the date, for `<time datetime>`.
    pub iso: String,
    pub date: String,
    pub stance: String,
    pub summary: String,
    pub symbol: &'static str,
    pub polarity: &'static str,
    pub class: &'static str,
    pub quotes: Vec<String>,
    /// The marker before this chip ("→ changed (polarity −1)"), and whether anything moved.
    pub change: Option<(String, bool)>,
    /// Column on the topic's time scale, from 1.
    pub column: usize,
}

/// One actor's row on one topic, ready to show.
#[derive(Clone, Debug, PartialEq)]
pub struct RowData {
    pub actor: String,
    pub actor_name: String,
    pub topic: String,
    pub topic_label: String,
    pub chips: Vec<Chip>,
    /// Columns of the topic's time scale (0 when the row is not on a shared scale).
    pub columns: usize,
}

/// The chips of a row, with the change markers between them, placed on the time scale
/// `columns` (the topic's [`positions::date_columns`]; empty for no shared scale).
pub fn row_data(c: &Corpus, row: &ActorRow, topic: &str, columns: &[PartialDate]) -> RowData {
    let changes = positions::changes(c, row);
    let chips = row
        .positions
        .iter()
        .enumerate()
        .filter_map(|(k, &i)| {
            let p = c.positions.get(i)?;
            let (symbol, polarity) = positions::polarity_label(p.meta.polarity);
            let change = k.checked_sub(1).and_then(|j| changes.get(j)).map(|ch| (positions::change_label(ch), ch.changed()));
            Some(Chip {
                id: p.meta.id.clone(),
                statement: p.statements.first().copied(),
                iso: p.date.to_string(),
                date: p.date_label(),
                stance: p.meta.stance.clone(),
                summary: p.meta.summary.clone(),
                symbol,
                polarity,
                class: positions::polarity_class(p.meta.polarity),
                quotes: p.meta.quotes.iter().map(|q| format!("“{}”", first_words(&q.exact, QUOTE_WORDS))).collect(),
                change,
                column: columns.iter().position(|d| *d == p.date).map_or(0, |k| k + 1),
            })
        })
        .collect();
    RowData {
        actor: row.actor.clone(),
        actor_name: c.actor_name(&row.actor).to_string(),
        topic: topic.to_string(),
        topic_label: c.topic_label(topic).to_string(),
        chips,
        columns: columns.len(),
    }
}

/// Adds an actor's stance on a topic to the comparison and shows the compare view.
pub fn compare_stance(view: ViewCtx, actor: String, topic: String) {
    view.update(|v| {
        positions::add_compare(&mut v.compare, CompareItem::Stance { actor, topic });
        v.view = View::Compare;
    });
}

/// The positions view with its topic and actor filters.
#[component]
pub fn PositionsView() -> impl IntoView {
    let corpus = use_corpus();
    let view = use_view();
    let topic_memo = Memo::new(move |_| view.with(|v| v.topic.clone()));
    let actor_memo = Memo::new(move |_| view.with(|v| v.actor.clone()));
    let topic = move || topic_memo.get();
    let actor = move || actor_memo.get();
    let options = move || {
        corpus.with(|l| {
            let c = &l.corpus;
            let topics: Vec<(String, String)> =
                positions::by_topic(c).into_iter().map(|t| (t.topic.clone(), c.topic_label(&t.topic).to_string())).collect();
            let actors: Vec<(String, String)> =
                positions::actors_with_positions(c).into_iter().map(|a| (a.clone(), c.actor_name(&a).to_string())).collect();
            (topics, actors)
        })
    };
    let sections = move || {
        let (t, a) = (topic(), actor());
        corpus.with(|l| {
            let c = &l.corpus;
            positions::filter(positions::by_topic(c), t.as_deref(), a.as_deref())
                .into_iter()
                .map(|tp| {
                    // The scale is the whole topic's, so filtering by actor keeps the dates in place.
                    let full = positions::by_topic(c).into_iter().find(|t| t.topic == tp.topic);
                    let columns = full.map(|t| positions::date_columns(c, &t)).unwrap_or_default();
                    let columns = if columns.len() <= MAX_COLUMNS { columns } else { Vec::new() };
                    let rows: Vec<RowData> = tp.rows.iter().map(|r| row_data(c, r, &tp.topic, &columns)).collect();
                    let description = c.meta.topics.iter().find(|m| m.id == tp.topic).map(|m| m.description.clone()).unwrap_or_default();
                    let scale: Vec<String> = columns.iter().map(|d| d.label()).collect();
                    (tp.topic.clone(), c.topic_label(&tp.topic).to_string(), description, scale, rows)
                })
                .collect::<Vec<_>>()
        })
    };
    let set_topic = move |ev| {
        let v = event_target_value(&ev);
        view.update(|s| s.topic = (!v.is_empty()).then_some(v));
    };
    let set_actor = move |ev| {
        let v = event_target_value(&ev);
        view.update(|s| s.actor = (!v.is_empty()).then_some(v));
    };
    view! {
        <section class="st-positions" aria-labelledby="st-positions-title">
            <h1 id="st-positions-title" class="st-section-title">"Positions"</h1>
            <p class="st-positions__intro">
                "Each actor's stance on a topic over time, earliest first. "
                <span class="st-pos-legend">
                    <span class="st-pos-legend__item st-pos--for">"▲ for"</span>
                    <span class="st-pos-legend__item st-pos--neutral">"● neutral"</span>
                    <span class="st-pos-legend__item st-pos--against">"▼ against"</span>
                    <span class="st-pos-legend__item st-pos-change st-pos-change--moved">"→ changed"</span>
                </span>
                " Choose a stance to open the statement that shows it."
            </p>
            <div class="st-positions__filters" role="group" aria-label="Filter positions">
                <div class="st-field">
                    <label class="st-field__label" for="st-positions-topic">"Topic"</label>
                    <select id="st-positions-topic" class="st-field__select" on:change=set_topic>
                        <option value="" prop:selected=move || topic().is_none()>"All topics"</option>
                        {move || options().0.into_iter().map(|(id, label)| {
                            let is = id.clone();
                            view! { <option value=id prop:selected=move || topic().as_deref() == Some(is.as_str())>{label}</option> }
                        }).collect_view()}
                    </select>
                </div>
                <div class="st-field">
                    <label class="st-field__label" for="st-positions-actor">"Actor"</label>
                    <select id="st-positions-actor" class="st-field__select" on:change=set_actor>
                        <option value="" prop:selected=move || actor().is_none()>"All actors"</option>
                        {move || options().1.into_iter().map(|(id, label)| {
                            let is = id.clone();
                            view! { <option value=id prop:selected=move || actor().as_deref() == Some(is.as_str())>{label}</option> }
                        }).collect_view()}
                    </select>
                </div>
                <Show when=move || topic().is_some() || actor().is_some()>
                    <button type="button" class="st-button" on:click=move |_| view.update(|v| { v.topic = None; v.actor = None; })>"Show all"</button>
                </Show>
            </div>
            {move || {
                let sections = sections();
                if sections.is_empty() {
                    return view! {
                        <p class="st-positions__empty" role="status">"No positions match these filters. Choose another topic or actor, or show all."</p>
                    }.into_any();
                }
                sections.into_iter().map(|(id, label, description, scale, rows)| {
                    let heading = format!("st-pos-topic-{id}");
                    let labelled_by = heading.clone();
                    view! {
                        <section class="st-pos-topic" aria-labelledby=labelled_by>
                            <h2 id=heading class="st-pos-topic__title">{label}</h2>
                            {(!description.is_empty()).then(|| view! { <p class="st-pos-topic__desc">{description}</p> })}
                            {(!scale.is_empty()).then(|| {
                                let class = format!("st-pos-scale__dates st-pos-cols-{}", scale.len());
                                view! {
                                    <div class="st-pos-scale" aria-hidden="true">
                                        <span class="st-pos-scale__lead">"Over time →"</span>
                                        <div class=class>{scale.into_iter().map(|d| view! { <span class="st-pos-scale__date">{d}</span> }).collect_view()}</div>
                                    </div>
                                }
                            })}
                            <ul class="st-pos-topic__rows">
                                {rows.into_iter().map(|row| view! { <ActorRowView row=row/> }).collect_view()}
                            </ul>
                        </section>
                    }
                }).collect_view().into_any()
            }}
        </section>
    }
}

/// One actor's row in a topic section: name, chips, and "Compare".
#[component]
fn ActorRowView(
    /// The row to show.
    row: RowData,
) -> impl IntoView {
    let view = use_view();
    let label = format!("Compare {} on {}", row.actor_name, row.topic_label);
    let (actor, topic) = (row.actor.clone(), row.topic.clone());
    let heading = format!("st-pos-row-{}-{}", row.topic, row.actor);
    let labelled_by = heading.clone();
    view! {
        <li class="st-pos-row" aria-labelledby=labelled_by>
            <div class="st-pos-row__head">
                <h3 id=heading class="st-pos-row__actor">{row.actor_name.clone()}</h3>
                <button type="button" class="st-button st-pos-row__compare" aria-label=label
                    on:click=move |_| compare_stance(view, actor.clone(), topic.clone())>"Compare"</button>
            </div>
            <StanceChips row=row show_quotes=false/>
        </li>
    }
}

/// An actor's positions on a topic as dated chips in time order, with change markers.
/// Activating a chip selects its first statement.
#[component]
pub fn StanceChips(
    /// The row to show.
    row: RowData,
    /// Show the quotes under each chip (otherwise they are read to screen readers only).
    show_quotes: bool,
) -> impl IntoView {
    let corpus = use_corpus();
    let view = use_view();
    let name = format!("Stances of {} on {}", row.actor_name, row.topic_label);
    let prefix = if show_quotes { "st-cmp-q" } else { "st-pos-q" };
    let list_class = match row.columns {
        0 => "st-pos-chips".to_string(),
        n => format!("st-pos-chips st-pos-chips--scale st-pos-cols-{n}"),
    };
    view! {
        <ul class=list_class aria-label=name>
            {row.chips.into_iter().map(|chip| {
                let quotes_id = format!("{prefix}-{}", chip.id);
                let statement = chip.statement;
                let select = move |_| corpus.with(|l| view.select(&l.corpus, statement));
                let selected = move || {
                    let Some(i) = statement else { return false };
                    let sel = view.with(|v| v.selected.clone());
                    corpus.with(|l| sel.is_some_and(|id| l.corpus.statements.get(i).is_some_and(|s| s.id == id)))
                };
                let chip_class = format!("st-pos-chip st-pos--{}", chip.class);
                let item_class = format!("st-pos-chips__item st-pos-col-{}", chip.column);
                view! {
                    <li class=item_class>
                        {chip.change.clone().map(|(text, moved)| view! {
                            <span class="st-pos-change" class:st-pos-change--moved=moved>{text}</span>
                        })}
                        <div class="st-pos-chips__body">
                            <button type="button" class=chip_class aria-describedby=quotes_id.clone()
                                aria-pressed=move || if selected() { "true" } else { "false" }
                                title=chip.summary.clone() on:click=select disabled=statement.is_none()>
                                <time class="st-pos-chip__date" datetime=chip.iso.clone()>{chip.date.clone()}</time>
                                <span class="st-pos-chip__polarity">{chip.symbol} " " {chip.polarity}</span>
                                <span class="st-pos-chip__stance">{chip.stance.clone()}</span>
                            </button>
                            <ul id=quotes_id class=if show_quotes { "st-pos-quotes" } else { "st-pos-quotes st-visually-hidden" }>
                                {chip.quotes.iter().map(|q| view! { <li>{q.clone()}</li> }).collect_view()}
                            </ul>
                        </div>
                    </li>
                }
            }).collect_view()}
        </ul>
    }
}
