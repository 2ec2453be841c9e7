//! The marks: [`StatementMarks`] and [`EventsRow`], one [`MarkNode`] per
//! [`MarkView::key`] (a statement's or event's stable id, see
//! `stance_core::view::timeline::TimelineMarks`). A node is created when its key
//! appears and kept while the mark moves, grows into a cluster, splits, or changes
//! class with the results: everything it shows is read by key from the memo of the
//! frame's marks, so a zoom or pan step only updates attributes in place.

use super::ChartCtx;
use leptos::prelude::*;
use stance_core::timeline::Step;
use stance_core::view::timeline::{mark_key, MarkKey, MarkView, Target, TimelineMarks};
use std::sync::Arc;

/// Which kind of mark a node draws.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Shape {
    /// A statement: a dot (a button with an id, pressed when selected).
    Dot,
    /// An events-row mark: a diamond (a button, or an image when it leads nowhere).
    Diamond,
}

/// One mark, found by `key` in `marks`.
#[component]
fn MarkNode(
    /// The mark's stable key.
    stable_key: String,
    /// The frame's marks.
    marks: Memo<Arc<TimelineMarks>>,
    shape: Shape,
    /// The key of the roving tab stop (statements), if any.
    tab_stop: Option<Memo<Option<String>>>,
    /// Opens a statement or zooms into a cluster.
    on_activate: Callback<Target>,
    /// Moves the selection in time (statements).
    on_step: Option<Callback<Step>>,
) -> impl IntoView {
    let stop_key = stable_key.clone();
    // The element id follows the key (lane and first member), so it is set once.
    let dom_id = marks.with_untracked(|ms| ms.get(&stable_key).map(|m| m.dom_id.clone()));
    let mark = Memo::new(move |_| marks.with(|ms| ms.get(&stable_key).cloned()));
    let read = move |f: fn(&MarkView<usize>) -> String| mark.with(|m| m.as_ref().map(f).unwrap_or_default());
    let num = move |f: fn(&MarkView<usize>) -> f64| mark.with(|m| m.as_ref().map_or(0.0, f));
    let target = move || mark.with_untracked(|m| m.as_ref().map(|m| m.target.clone()));
    let activate = move || {
        if let Some(t) = target() {
            on_activate.run(t);
        }
    };
    let keydown = move |ev: web_sys::KeyboardEvent| match mark_key(&ev.key()) {
        Some(MarkKey::Activate) => {
            ev.prevent_default();
            ev.stop_propagation();
            activate();
        }
        Some(MarkKey::Step(dir)) => {
            if let Some(step) = on_step {
                ev.prevent_default();
                ev.stop_propagation();
                step.run(dir);
            }
        }
        None => {}
    };
    let dot = shape == Shape::Dot;
    let tabindex = move || match tab_stop {
        Some(t) if t.with(|t| t.as_deref() == Some(stop_key.as_str())) => "0",
        _ => "-1",
    };
    let role = move || match (shape, mark.with(|m| m.as_ref().is_some_and(|m| m.target != Target::None))) {
        (Shape::Dot, _) | (Shape::Diamond, true) => "button",
        (Shape::Diamond, false) => "img",
    };
    let range = move || mark.with(|m| m.as_ref().filter(|v| v.show_range).and_then(|v| v.range));
    let count = move || mark.with(|m| m.as_ref().and_then(|v| v.count_label()));
    let (range_class, count_class) = if dot { ("st-mark__range", "st-mark__count") } else { ("st-event__range", "st-event__count") };
    view! {
        <g class=move || read(|m| m.class.clone()) role="listitem">
            <g role=role
                tabindex=tabindex
                aria-label=move || read(|m| m.name.clone())
                aria-pressed=move || dot.then(|| if mark.with(|m| m.as_ref().is_some_and(|m| m.selected)) { "true" } else { "false" })
                id=if dot { dom_id } else { None }
                data-count=move || dot.then(|| mark.with(|m| m.as_ref().map_or(0, |m| m.count())))
                on:click=move |ev| { ev.stop_propagation(); activate() }
                on:keydown=keydown
                on:pointerdown=|ev| ev.stop_propagation()
            >
                {move || range().map(|r| view! { <line class=range_class x1=r.from.x y1=r.from.y x2=r.to.x y2=r.to.y/> })}
                {if dot {
                    view! { <circle class="st-mark__dot" cx=move || num(|m| m.at.x) cy=move || num(|m| m.at.y) r=move || num(|m| m.size)/> }.into_any()
                } else {
                    view! { <polygon class="st-event__shape" points=move || read(|m| m.diamond())/> }.into_any()
                }}
                {move || count().map(|(at, n)| view! { <text class=count_class x=at.x y=at.y text-anchor="middle" aria-hidden="true">{n}</text> })}
                <title>{move || read(|m| m.name.clone())}</title>
            </g>
        </g>
    }
}

/// The statement marks, with roving focus (the selected mark, or the first, is the tab stop).
#[component]
pub fn StatementMarks(
    /// The memos and callbacks of the timeline.
    ctx: ChartCtx,
) -> impl IntoView {
    let tab_stop = Memo::new(move |_| ctx.marks.with(|m| m.tab_stop().map(str::to_string)));
    let keys = Memo::new(move |_| ctx.marks.with(|m| m.keys()));
    view! {
        <g class="st-marks" role="list" aria-label="Statements">
            <For each=move || keys.get() key=|k| k.clone() let:k>
                <MarkNode stable_key=k marks=ctx.marks shape=Shape::Dot tab_stop=Some(tab_stop) on_activate=ctx.activate on_step=Some(ctx.step)/>
            </For>
        </g>
    }
}

/// The events row.
#[component]
pub fn EventsRow(
    /// The memos and callbacks of the timeline.
    ctx: ChartCtx,
) -> impl IntoView {
    let keys = Memo::new(move |_| ctx.events.with(|m| m.keys()));
    let label = move || ctx.frame.get().events_label();
    view! {
        <g class="st-events" role="list" aria-label="Events">
            {move || {
                let (at, text) = label();
                view! { <text class="st-lane__label" x=at.x y=at.y aria-hidden="true">{text}</text> }
            }}
            <For each=move || keys.get() key=|k| k.clone() let:k>
                <MarkNode stable_key=k marks=ctx.events shape=Shape::Diamond tab_stop=None on_activate=ctx.activate on_step=None/>
            </For>
        </g>
    }
}
