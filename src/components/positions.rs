//! The positions view: for each topic, each actor's stance over time as a row of dated
//! chips, with a "changed" marker wherever the stance or its polarity moved.
//!
//! Binds [`topic_sections`] and [`filter_options`] from `stance_core::view::positions`.
//! [`StanceChips`] (one actor's row) is shared with the compare view.

use crate::state::{use_corpus, use_view};
use leptos::prelude::*;
use stance_core::url_state::CompareItem;
use stance_core::view::positions::{filter_options, topic_sections, RowData};
use stance_core::view::Intent;

/// The positions view with its topic and actor filters.
#[component]
pub fn PositionsView() -> impl IntoView {
    let corpus = use_corpus();
    let view = use_view();
    let topic = move || view.topic.get();
    let actor = move || view.actor.get();
    let options = move || corpus.with(|l| filter_options(&l.corpus));
    let sections = move || {
        let (t, a) = (topic(), actor());
        corpus.with(|l| topic_sections(&l.corpus, t.as_deref(), a.as_deref()))
    };
    let set_topic = move |ev| view.send(Intent::SetTopic(Some(event_target_value(&ev))));
    let set_actor = move |ev| view.send(Intent::SetActor(Some(event_target_value(&ev))));
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
                    <button type="button" class="st-button" on:click=move |_| view.send(Intent::ShowAllPositions)>"Show all"</button>
                </Show>
            </div>
            {move || {
                let sections = sections();
                if sections.is_empty() {
                    return view! {
                        <p class="st-positions__empty" role="status">"No positions match these filters. Choose another topic or actor, or show all."</p>
                    }.into_any();
                }
                sections.into_iter().map(|section| {
                    let (heading, scale_class) = (section.heading_id(), section.scale_class());
                    let labelled_by = heading.clone();
                    let (label, description, scale, rows) = (section.label, section.description, section.scale, section.rows);
                    view! {
                        <section class="st-pos-topic" aria-labelledby=labelled_by>
                            <h2 id=heading class="st-pos-topic__title">{label}</h2>
                            {(!description.is_empty()).then(|| view! { <p class="st-pos-topic__desc">{description}</p> })}
                            {(!scale.is_empty()).then(|| {
                                view! {
                                    <div class="st-pos-scale" aria-hidden="true">
                                        <span class="st-pos-scale__lead">"Over time →"</span>
                                        <div class=scale_class>{scale.into_iter().map(|d| view! { <span class="st-pos-scale__date">{d}</span> }).collect_view()}</div>
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
    let label = row.compare_label();
    let (actor, topic) = (row.actor.clone(), row.topic.clone());
    let heading = row.heading_id();
    let labelled_by = heading.clone();
    view! {
        <li class="st-pos-row" aria-labelledby=labelled_by>
            <div class="st-pos-row__head">
                <h3 id=heading class="st-pos-row__actor">{row.actor_name.clone()}</h3>
                <button type="button" class="st-button st-pos-row__compare" aria-label=label
                    on:click=move |_| view.send(Intent::Compare(CompareItem::Stance { actor: actor.clone(), topic: topic.clone() }))>"Compare"</button>
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
    let (name, list_class) = (row.list_name(), row.list_class());
    let prefix = if show_quotes { "st-cmp-q" } else { "st-pos-q" };
    view! {
        <ul class=list_class aria-label=name>
            {row.chips.into_iter().map(|chip| {
                let quotes_id = chip.quotes_id(prefix);
                let statement = chip.statement;
                let select = move |_| {
                    if let Some(i) = statement {
                        corpus.with(|l| view.send(Intent::select_statement(&l.corpus, i)));
                    }
                };
                let selected = move || {
                    let Some(i) = statement else { return false };
                    let sel = view.selected.get();
                    corpus.with(|l| sel.is_some_and(|id| l.corpus.statements.get(i).is_some_and(|s| s.id == id)))
                };
                let (chip_class, item_class) = (chip.chip_class(), chip.item_class());
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
