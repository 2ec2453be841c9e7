//! The compare view: up to two items side by side (a statement, or an actor's stance on
//! a topic over time), each removable, and a picker to add an actor–topic pair with the
//! keyboard.

use super::positions::StanceChips;
use crate::state::{use_corpus, use_view};
use leptos::prelude::*;
use stance_core::url_state::{CompareItem, MAX_COMPARE};
use stance_core::view::positions::{compare_column, filter_options, Column};
use stance_core::view::Intent;

/// The compare view.
#[component]
pub fn CompareView() -> impl IntoView {
    let corpus = use_corpus();
    let view = use_view();
    let items = view.compare;
    let columns = move || {
        let items = items.get();
        corpus.with(|l| items.iter().map(|it| (it.clone(), compare_column(&l.corpus, it))).collect::<Vec<_>>())
    };
    let count = move || items.with(|i| i.len());
    view! {
        <section class="st-compare" aria-labelledby="st-compare-title">
            <h1 id="st-compare-title" class="st-section-title">"Compare"</h1>
            <div class="st-compare__columns" class=("st-compare__columns--two", move || count() >= 2)>
                {move || columns().into_iter().enumerate().map(|(k, (item, col))| view! {
                    <CompareColumn item=item column=col index=k/>
                }).collect_view()}
            </div>
            <Show when=move || { count() < MAX_COMPARE }>
                <div class="st-compare__help">
                    <p>
                        {move || match count() {
                            0 => "Nothing to compare yet. ",
                            _ => "Add one more item to compare side by side. ",
                        }}
                        "Open a statement and choose its “Compare” button, use “Compare” on an actor's row in the "
                        <a href="#/positions">"positions view"</a>
                        ", or pick an actor and a topic here."
                    </p>
                    <StancePicker/>
                </div>
            </Show>
        </section>
    }
}

/// One column: a statement or an actor's stance, with "Remove".
#[component]
fn CompareColumn(
    /// The item, as in the view state.
    item: CompareItem,
    /// What to show for it.
    column: Column,
    /// Position among the compared items (for unique ids).
    index: usize,
) -> impl IntoView {
    let corpus = use_corpus();
    let view = use_view();
    let heading = format!("st-compare-col-{index}");
    let labelled_by = heading.clone();
    let (title, subtitle) = column.title(&item);
    let remove_label = column.remove_label(&item);
    let remove = move |_| view.send(Intent::RemoveCompare(item.clone()));
    let body = match column {
        Column::Statement(s) => {
            let i = s.index;
            let date_class = s.date.class();
            let topics = if s.topics.is_empty() { "none".to_string() } else { s.topics.join(", ") };
            view! {
                <blockquote class="st-compare__quote">{s.text}</blockquote>
                <dl class="st-compare__meta">
                    <dt>"Speaker"</dt><dd>{s.speaker}</dd>
                    <dt>"Date"</dt><dd><span class=date_class title=s.date.note>{s.date.full}</span></dd>
                    <dt>"Kind"</dt><dd>{s.kind}</dd>
                    <dt>"Topics"</dt><dd>{topics}</dd>
                    <dt>"Document"</dt><dd>{s.document_title}</dd>
                </dl>
                <button type="button" class="st-button" on:click=move |_| corpus.with(|l| view.send(Intent::select_statement(&l.corpus, i)))>"Show in context"</button>
            }
            .into_any()
        }
        Column::Stance { row: Some(row), .. } => view! { <StanceChips row=row show_quotes=true/> }.into_any(),
        Column::Stance { actor_name, topic_label, row: None } => {
            view! { <p class="st-compare__missing">{Column::no_position_note(&actor_name, &topic_label)}</p> }.into_any()
        }
        Column::Missing(message) => view! { <p class="st-compare__missing" role="status">{message}</p> }.into_any(),
    };
    view! {
        <article class="st-compare__col" aria-labelledby=labelled_by>
            <header class="st-compare__head">
                <div>
                    <h2 id=heading class="st-compare__title">{title}</h2>
                    <p class="st-compare__subtitle">{subtitle}</p>
                </div>
                <button type="button" class="st-button" aria-label=remove_label on:click=remove>"Remove"</button>
            </header>
            {body}
        </article>
    }
}

/// Two selects (actor, topic) and "Add": builds a comparison without the timeline.
#[component]
fn StancePicker() -> impl IntoView {
    let corpus = use_corpus();
    let view = use_view();
    let (topics, actors) = corpus.with_untracked(|l| filter_options(&l.corpus));
    let actor = RwSignal::new(actors.first().map(|a| a.0.clone()).unwrap_or_default());
    let topic = RwSignal::new(topics.first().map(|t| t.0.clone()).unwrap_or_default());
    let add = move |_| {
        let (a, t) = (actor.get_untracked(), topic.get_untracked());
        if !a.is_empty() && !t.is_empty() {
            view.send(Intent::Compare(CompareItem::Stance { actor: a, topic: t }));
        }
    };
    view! {
        <div class="st-compare__picker" role="group" aria-label="Add an actor's stance on a topic">
            <div class="st-field">
                <label class="st-field__label" for="st-compare-actor">"Actor"</label>
                <select id="st-compare-actor" class="st-field__select" on:change=move |ev| actor.set(event_target_value(&ev))>
                    {actors.into_iter().map(|(id, name)| {
                        let is = id.clone();
                        view! { <option value=id prop:selected=move || actor.get() == is>{name}</option> }
                    }).collect_view()}
                </select>
            </div>
            <div class="st-field">
                <label class="st-field__label" for="st-compare-topic">"Topic"</label>
                <select id="st-compare-topic" class="st-field__select" on:change=move |ev| topic.set(event_target_value(&ev))>
                    {topics.into_iter().map(|(id, label)| {
                        let is = id.clone();
                        view! { <option value=id prop:selected=move || topic.get() == is>{label}</option> }
                    }).collect_view()}
                </select>
            </div>
            <button type="button" class="st-button st-button--primary" on:click=add>"Add to comparison"</button>
        </div>
    }
}
