//! The interactive SVG timeline. Binds `stance_core::view::timeline`:
//! `statement_marks_for` (the marks, with `MarkHits` once per result set), `event_marks`, `tick_views`, `lane_views`, and the
//! rules behind every input (`ChartAction::intent`, `chart_key`, `mark_key`,
//! `Gestures`). Changes of the view go out as intents through [`ViewCtx::send`].
//!
//! - [`TimelineView`] (here): the memos from the core, the toolbar, the chart, the
//!   result list.
//! - [`toolbar`]: zoom buttons, lane choice, time filter, help text.
//! - [`chart`]: the `<svg>` with its layers (axis, lane labels, events row, marks).
//! - [`marks`]: statement and event marks, one node per stable key, updated in place;
//!   the chart's one tooltip (the name of the mark under the pointer or focused).
//! - [`gestures`]: the width hook and the wheel / key / pointer hook.

mod chart;
mod gestures;
mod marks;
mod toolbar;

use super::search::ResultList;
use super::loading::Staged;
use crate::state::{use_corpus, use_results, use_view, TimelineDataCtx, ViewCtx};
use stance_core::load::Panel;
use leptos::html::Div;
use leptos::prelude::*;
use stance_core::timeline::{Step, TimeScale};
use stance_core::view::timeline::{
    activate, event_marks, statement_marks_for, step_selection, ChartAction, EventMarks, Frame, MarkHits, Target, TimelineData, TimelineMarks,
};
use stance_core::view::Intent;
use std::sync::Arc;
use wasm_bindgen::JsCast;

/// Puts keyboard focus on the mark holding statement `i`, once it is drawn.
fn focus_mark(marks: Memo<Arc<TimelineMarks>>, i: usize) {
    request_animation_frame(move || {
        let id = marks.with_untracked(|m| m.dom_id_of(i).map(str::to_string));
        if let Some(el) = id.and_then(|id| document().get_element_by_id(&id)) {
            if let Ok(el) = el.dyn_into::<web_sys::SvgElement>() {
                let _ = el.focus();
            }
        }
    });
}

/// What the chart's parts read and send.
#[derive(Clone, Copy)]
pub(crate) struct ChartCtx {
    view: ViewCtx,
    data: Memo<Arc<TimelineData>>,
    frame: Memo<Frame>,
    scale: Memo<TimeScale>,
    marks: Memo<Arc<TimelineMarks>>,
    events: Memo<Arc<EventMarks>>,
    /// Turns a chart action into an intent and sends it.
    act: Callback<ChartAction>,
    /// Activates a mark (opens its statement or zooms into it), keeping focus on it.
    activate: Callback<Target>,
    /// Moves the selection in time, keeping it visible and focused.
    step: Callback<Step>,
    /// The mark the tooltip names.
    tip: marks::TipOn,
}

/// The timeline view: toolbar, chart, and the result list under it.
#[component]
pub fn TimelineView() -> impl IntoView {
    let corpus = use_corpus();
    let view = use_view();
    let results = use_results();
    let holder = NodeRef::<Div>::new();
    let width = gestures::use_width(holder);

    // The explorer's (the swap of a new corpus builds it in a step of its own).
    let data = use_context::<TimelineDataCtx>().unwrap_or_else(|| TimelineDataCtx::new(corpus, view)).0;
    let frame = Memo::new(move |_| Frame::new(width.get(), data.with(|d| d.lanes.len())));
    let scale = Memo::new(move |_| data.with(|d| d.scale(&frame.get(), view.zoom.get())));
    let selected = Memo::new(move |_| {
        let id = view.selected.get();
        corpus.with(|l| id.and_then(|id| l.corpus.statement_by_id(&id).map(|(i, _)| i)))
    });
    // Which marks hold a hit: once per result set, so a zoom or pan step does not visit
    // every statement.
    let hits = Memo::new(move |_| results.with(|r| data.with(|d| Arc::new(MarkHits::new(d, r)))));
    let marks = Memo::new(move |_| {
        let (f, s, sel) = (frame.get(), scale.get(), selected.get());
        corpus.with(|l| hits.with(|h| data.with(|d| Arc::new(statement_marks_for(&l.corpus, d, h, sel, &f, &s)))))
    });
    let events = Memo::new(move |_| data.with(|d| Arc::new(event_marks(d, &frame.get(), &scale.get()))));

    let act = Callback::new(move |action: ChartAction| {
        if let Some(intent) = data.with_untracked(|d| action.intent(&scale.get_untracked(), d)) {
            view.send(intent);
        }
    });
    let activate = Callback::new(move |target: Target| {
        let intent = corpus.with_untracked(|l| data.with_untracked(|d| activate(&l.corpus, &target, &scale.get_untracked(), d)));
        if let Some(intent) = intent {
            view.send(intent);
        }
        if let Target::Statement(i) = target {
            focus_mark(marks, i);
        }
    });
    let step = Callback::new(move |dir: Step| {
        let moved = corpus.with_untracked(|l| {
            data.with_untracked(|d| step_selection(&l.corpus, d, &scale.get_untracked(), selected.get_untracked(), dir))
        });
        if let Some((i, keep_visible)) = moved {
            corpus.with_untracked(|l| view.send(Intent::select_statement(&l.corpus, i)));
            if let Some(zoom) = keep_visible {
                view.send(zoom);
            }
            focus_mark(marks, i);
        }
    });
    let ctx = ChartCtx { view, data, frame, scale, marks, events, act, activate, step, tip: RwSignal::new(None) };
    let undated = move || marks.with(|m| m.undated_note());

    view! {
        <section class="st-timeline" aria-label="Timeline">
            <toolbar::TimelineToolbar view=view act=act/>
            <div class="st-timeline__chart" node_ref=holder>
                <chart::Chart ctx=ctx/>
                <marks::ChartTip ctx=ctx/>
            </div>
            {move || undated().map(|note| view! { <p class="st-timeline__undated">{note}</p> })}
            <Staged panel=Panel::List><ResultList/></Staged>
        </section>
    }
}
