//! The compare view: up to two items side by side (a statement, or an actor's stance on
//! a topic over time), each removable, and a picker to add an actor–topic pair with the
//! keyboard.

use super::positions::{compare_stance, row_data, RowData, StanceChips};
use crate::state::{use_corpus, use_view};
use leptos::prelude::*;
use stance_core::date::Certainty;
use stance_core::positions;
use stance_core::url_state::{CompareItem, MAX_COMPARE};
use stance_core::Corpus;

/// A compared statement, ready to show.
#[derive(Clone, Debug, PartialEq)]
struct StatementCard {
    statement: usize,
    speaker: String,
    text: String,
    date: String,
    approximate: bool,
    date_note: String,
    kind: &'static str,
    topics: String,
    document: String,
}

/// What one column shows.
#[derive(Clone, Debug, PartialEq)]
enum Column {
    Statement(StatementCard),
    /// The row, or `None` when the actor holds no position on the topic.
    Stance { actor_name: String, topic_label: String, row: Option<RowData> },
    /// An id the corpus does not know: the message to show.
    Missing(String),
}

fn column(c: &Corpus, item: &CompareItem) -> Column {
    match item {
        CompareItem::Statement(id) => {
            let Some((i, s)) = c.statement_by_id(id) else {
                return Column::Missing(format!("The statement “{id}” is not in this corpus."));
            };
            let Some(doc) = c.document_of(s) else {
                return Column::Missing(format!("The statement “{id}” has no document."));
            };
            Column::Statement(StatementCard {
                statement: i,
                speaker: s.speaker.as_deref().map_or("Unattributed".to_string(), |a| c.actor_name(a).to_string()),
                text: c.statement_text(s).to_string(),
                date: doc.meta.date.label(),
                approximate: doc.meta.date.certainty != Certainty::Exact,
                date_note: doc.meta.date.note.clone().unwrap_or_default(),
                kind: s.kind.as_str(),
                topics: s.topics.iter().map(|t| c.topic_label(t)).collect::<Vec<_>>().join(", "),
                document: doc.meta.title.clone(),
            })
        }
        CompareItem::Stance { actor, topic } => {
            if !c.meta.actors.iter().any(|a| &a.id == actor) {
                return Column::Missing(format!("The actor “{actor}” is not in this corpus."));
            }
            if !c.meta.topics.iter().any(|t| &t.id == topic) {
                return Column::Missing(format!("The topic “{topic}” is not in this corpus."));
            }
            Column::Stance {
                actor_name: c.actor_name(actor).to_string(),
                topic_label: c.topic_label(topic).to_string(),
                row: positions::stance_row(c, actor, topic).map(|r| row_data(c, &r, topic, &[])),
            }
        }
    }
}

/// The compare view.
#[component]
pub fn CompareView() -> impl IntoView {
    let corpus = use_corpus();
    let view = use_view();
    let items = Memo::new(move |_| view.with(|v| v.compare.clone()));
    let columns = move || {
        let items = items.get();
        corpus.with(|l| items.iter().map(|it| (it.clone(), column(&l.corpus, it))).collect::<Vec<_>>())
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
    let (title, subtitle) = match &column {
        Column::Statement(s) => (s.speaker.clone(), "Statement".to_string()),
        Column::Stance { actor_name, topic_label, .. } => (actor_name.clone(), format!("Stance on {topic_label}")),
        Column::Missing(_) => ("Not found".to_string(), item.encode()),
    };
    let remove_label = format!("Remove {title} ({subtitle}) from the comparison");
    let remove = move |_| {
        let item = item.clone();
        view.update(|v| v.compare.retain(|i| *i != item));
    };
    let body = match column {
        Column::Statement(s) => {
            let i = s.statement;
            let date_class = if s.approximate { "st-date st-date--approximate" } else { "st-date" };
            view! {
                <blockquote class="st-compare__quote">{s.text}</blockquote>
                <dl class="st-compare__meta">
                    <dt>"Speaker"</dt><dd>{s.speaker}</dd>
                    <dt>"Date"</dt><dd><span class=date_class title=s.date_note>{s.date}</span></dd>
                    <dt>"Kind"</dt><dd>{s.kind}</dd>
                    <dt>"Topics"</dt><dd>{if s.topics.is_empty() { "none".to_string() } else { s.topics }}</dd>
                    <dt>"Document"</dt><dd>{s.document}</dd>
                </dl>
                <button type="button" class="st-button" on:click=move |_| corpus.with(|l| view.select(&l.corpus, Some(i)))>"Show in context"</button>
            }
            .into_any()
        }
        Column::Stance { row: Some(row), .. } => view! { <StanceChips row=row show_quotes=true/> }.into_any(),
        Column::Stance { actor_name, topic_label, row: None } => {
            view! { <p class="st-compare__missing">{format!("{actor_name} has no recorded position on {topic_label}.")}</p> }.into_any()
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
    let (actors, topics) = corpus.with_untracked(|l| {
        let c = &l.corpus;
        let actors: Vec<(String, String)> =
            positions::actors_with_positions(c).into_iter().map(|a| (a.clone(), c.actor_name(&a).to_string())).collect();
        let topics: Vec<(String, String)> =
            positions::by_topic(c).into_iter().map(|t| (t.topic.clone(), c.topic_label(&t.topic).to_string())).collect();
        (actors, topics)
    });
    let actor = RwSignal::new(actors.first().map(|a| a.0.clone()).unwrap_or_default());
    let topic = RwSignal::new(topics.first().map(|t| t.0.clone()).unwrap_or_default());
    let add = move |_| {
        let (a, t) = (actor.get_untracked(), topic.get_untracked());
        if !a.is_empty() && !t.is_empty() {
            compare_stance(view, a, t);
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
