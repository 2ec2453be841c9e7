//! The interactive SVG timeline. Binds `stance_core::view::timeline`:
//! [`statement_marks`] (the marks), [`event_marks`], [`tick_views`], [`lane_views`], and
//! the rules behind every input ([`ChartAction::intent`], [`chart_key`], [`mark_key`],
//! [`Gestures`]). Changes of the view go out as intents through [`ViewCtx::send`].
//!
//! - [`TimelineView`]: the memos from the core, the toolbar, the chart, the result list.
//! - [`Chart`]: the `<svg>` with its wheel, pointer and key handlers ([`use_gestures`]),
//!   drawn by [`Axis`], [`LaneLabels`], [`EventsRow`] and [`StatementMarks`].

use super::search::ResultList;
use crate::state::{use_corpus, use_results, use_view, ViewCtx};
use leptos::html::Div;
use leptos::prelude::*;
use stance_core::timeline::Step;
use stance_core::view::timeline::{
    activate, chart_key, event_marks, lane_choices, lane_views, mark_key, statement_marks, step_selection, tick_views,
    wheel_factor, window_label, ChartAction, EventMarkView, Frame, Gestures, LaneView, MarkKey, Point, PointerInput, Target,
    StatementMark, TickView, TimelineData, TimelineMarks, DEFAULT_WIDTH_PX,
};
use stance_core::view::Intent;
use stance_core::timeline::TimeScale;
use std::sync::Arc;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;

/// Measures the width of `el` whenever it changes size (the window, or the statement
/// panel opening beside it), with a `ResizeObserver`.
fn use_width(el: NodeRef<Div>) -> ReadSignal<f64> {
    let (width, set_width) = signal(DEFAULT_WIDTH_PX);
    type Observer = (web_sys::ResizeObserver, Closure<dyn FnMut(js_sys::Array)>);
    let observer = StoredValue::new_local(None::<Observer>);
    Effect::new(move |_| {
        let Some(div) = el.get() else { return };
        let measure = move || {
            let w = f64::from(div.client_width());
            if w > 0.0 {
                set_width.set(w);
            }
        };
        measure();
        let target = el.get_untracked();
        let callback = Closure::<dyn FnMut(js_sys::Array)>::new(move |_| measure());
        if let (Ok(obs), Some(target)) = (web_sys::ResizeObserver::new(callback.as_ref().unchecked_ref()), target) {
            obs.observe(&target);
            observer.update_value(|o| {
                if let Some((old, _)) = o.replace((obs, callback)) {
                    old.disconnect();
                }
            });
        }
    });
    on_cleanup(move || {
        observer.update_value(|o| {
            if let Some((obs, _)) = o.take() {
                obs.disconnect();
            }
        })
    });
    width
}

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
struct ChartCtx {
    view: ViewCtx,
    data: Memo<Arc<TimelineData>>,
    frame: Memo<Frame>,
    scale: Memo<TimeScale>,
    marks: Memo<Arc<TimelineMarks>>,
    /// Turns a chart action into an intent and sends it.
    act: Callback<ChartAction>,
    /// Activates a mark (opens its statement or zooms into it), keeping focus on it.
    activate: Callback<Target>,
    /// Moves the selection in time, keeping it visible and focused.
    step: Callback<Step>,
}

/// The timeline view: toolbar, chart, and the result list under it.
#[component]
pub fn TimelineView() -> impl IntoView {
    let corpus = use_corpus();
    let view = use_view();
    let results = use_results();
    let holder = NodeRef::<Div>::new();
    let width = use_width(holder);

    let data = Memo::new(move |_| {
        let mode = view.lanes.get();
        corpus.with(|l| Arc::new(TimelineData::new(&l.corpus, mode)))
    });
    let frame = Memo::new(move |_| Frame::new(width.get(), data.with(|d| d.lanes.len())));
    let scale = Memo::new(move |_| data.with(|d| d.scale(&frame.get(), view.zoom.get())));
    let selected = Memo::new(move |_| {
        let id = view.selected.get();
        corpus.with(|l| id.and_then(|id| l.corpus.statement_by_id(&id).map(|(i, _)| i)))
    });
    let marks = Memo::new(move |_| {
        let (f, s, sel) = (frame.get(), scale.get(), selected.get());
        corpus.with(|l| results.with(|r| data.with(|d| Arc::new(statement_marks(&l.corpus, d, r, sel, &f, &s)))))
    });

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
    let ctx = ChartCtx { view, data, frame, scale, marks, act, activate, step };
    let undated = move || marks.with(|m| m.undated_note());

    view! {
        <section class="st-timeline" aria-label="Timeline">
            <TimelineToolbar view=view act=act/>
            <div class="st-timeline__chart" node_ref=holder>
                <Chart ctx=ctx/>
            </div>
            {move || undated().map(|note| view! { <p class="st-timeline__undated">{note}</p> })}
            <ResultList/>
        </section>
    }
}

/// Zoom buttons, lane choice and the time filter.
#[component]
fn TimelineToolbar(
    /// The view state.
    view: ViewCtx,
    /// Sends a chart action (zoom, fit, filter to the visible period).
    act: Callback<ChartAction>,
) -> impl IntoView {
    view! {
        <div class="st-toolbar" role="toolbar" aria-label="Timeline controls">
            <div class="st-toolbar__group" role="group" aria-label="Zoom">
                <button type="button" class="st-button" on:click=move |_| act.run(ChartAction::ZOOM_IN)>"Zoom in"</button>
                <button type="button" class="st-button" on:click=move |_| act.run(ChartAction::ZOOM_OUT)>"Zoom out"</button>
                <button type="button" class="st-button" on:click=move |_| act.run(ChartAction::Fit)>"Fit all"</button>
            </div>
            <div class="st-toolbar__group" role="group" aria-label="Lanes by">
                <span class="st-toolbar__label">"Lanes:"</span>
                {lane_choices().into_iter().map(|(mode, label)| view! {
                    <button type="button" class="st-button"
                        aria-pressed=move || if view.lanes.get() == mode { "true" } else { "false" }
                        on:click=move |_| view.send(Intent::SetLanes(mode))>
                        {label}
                    </button>
                }).collect_view()}
            </div>
            <div class="st-toolbar__group" role="group" aria-label="Time filter">
                {move || match view.window.get().map(window_label) {
                    Some(label) => view! {
                        <span class="st-toolbar__window">"Only " {label}</span>
                        <button type="button" class="st-button" on:click=move |_| view.send(Intent::SetWindow(None))>"Clear time filter"</button>
                    }.into_any(),
                    None => view! {
                        <button type="button" class="st-button" on:click=move |_| act.run(ChartAction::WindowVisible)>"Filter to visible period"</button>
                    }.into_any(),
                }}
            </div>
        </div>
        <p class="st-timeline__help" id="st-timeline-help">
            "Scroll or pinch to zoom, drag to pan, drag along the date axis to filter by period. A dashed outline marks an approximate date (its possible range shows when selected); numbered marks group statements too close to tell apart. "
            "Keys on the chart: + and − zoom, arrows pan, 0 fits all; on a mark, arrows move between statements in time, Home and End go to the first and last, Enter opens."
        </p>
    }
}

/// The range being dragged along the axis (px), for drawing.
type DraggedBand = ReadSignal<Option<(f64, f64)>>;

/// The pointer handlers of the chart: feed the core's [`Gestures`] state machine and do
/// what it says. Returns the range being dragged (for drawing) and the handlers.
fn use_gestures(
    svg: NodeRef<leptos::svg::Svg>,
    ctx: ChartCtx,
) -> (DraggedBand, impl Fn(PointerInput, i32) + Copy + 'static) {
    let gestures = StoredValue::new(Gestures::default());
    let (band, set_band) = signal(None::<(f64, f64)>);
    let handle = move |input: PointerInput, pointer: i32| {
        let Some(el) = svg.get_untracked() else { return };
        let rect = el.get_bounding_client_rect();
        let origin = Point { x: rect.left(), y: rect.top() };
        let frame = ctx.frame.get_untracked();
        let out = gestures.try_update_value(|g| g.handle(input, &frame, origin)).unwrap_or_default();
        if out.capture.is_some() {
            let _ = el.set_pointer_capture(pointer);
        }
        if let Some(b) = out.selecting {
            set_band.set(b);
        }
        if let Some(action) = out.action {
            ctx.act.run(action);
        }
    };
    (band, handle)
}

fn client_point(ev: &web_sys::MouseEvent) -> Point {
    Point { x: f64::from(ev.client_x()), y: f64::from(ev.client_y()) }
}

/// The SVG chart itself.
#[component]
fn Chart(
    /// The memos and callbacks of the timeline.
    ctx: ChartCtx,
) -> impl IntoView {
    let svg = NodeRef::<leptos::svg::Svg>::new();
    let (band, pointer) = use_gestures(svg, ctx);
    let on_wheel = move |ev: web_sys::WheelEvent| {
        let Some(el) = svg.get_untracked() else { return };
        ev.prevent_default();
        let rect = el.get_bounding_client_rect();
        let pivot = ctx.frame.get_untracked().along_of(client_point(&ev), Point { x: rect.left(), y: rect.top() });
        ctx.act.run(ChartAction::ZoomAt { pivot, factor: wheel_factor(ev.delta_y()) });
    };
    let on_key = move |ev: web_sys::KeyboardEvent| {
        if let Some(action) = chart_key(&ev.key(), ctx.frame.get_untracked().orient) {
            ev.prevent_default();
            ctx.act.run(action);
        }
    };
    let down = move |ev: web_sys::PointerEvent| pointer(PointerInput::Down { id: ev.pointer_id(), at: client_point(&ev) }, ev.pointer_id());
    let moved = move |ev: web_sys::PointerEvent| pointer(PointerInput::Move { id: ev.pointer_id(), at: client_point(&ev) }, ev.pointer_id());
    let up = move |ev: web_sys::PointerEvent| pointer(PointerInput::Up { id: ev.pointer_id() }, ev.pointer_id());
    let f = move || ctx.frame.get();
    let axis = move || f().axis_band();
    view! {
        <svg
            node_ref=svg
            class="st-chart"
            role="group"
            aria-label="Timeline of statements"
            aria-describedby="st-timeline-help"
            tabindex="0"
            width=move || f().width
            height=move || f().height
            on:wheel=on_wheel
            on:pointerdown=down
            on:pointermove=moved
            on:pointerup=up
            on:pointercancel=up
            on:keydown=on_key
        >
            <rect class="st-chart__axis-band" x="0" y="0" width=move || axis().width height=move || axis().height/>
            // The time filter, and the range being dragged.
            {move || ctx.view.window.get().map(|w| {
                let (a, b) = ctx.scale.get().px_from_window(w);
                band_rect(f(), a, b, "st-chart__window")
            })}
            {move || band.get().map(|(a, b)| band_rect(f(), a, b, "st-chart__selecting"))}
            <Axis ticks=Memo::new(move |_| tick_views(&f(), &ctx.scale.get()))/>
            <LaneLabels lanes=Memo::new(move |_| ctx.data.with(|d| lane_views(&f(), &d.lanes)))/>
            <EventsRow ctx=ctx/>
            <StatementMarks ctx=ctx/>
        </svg>
    }
}

/// A band across the lanes between two along-axis positions.
fn band_rect(f: Frame, a: f64, b: f64, class: &'static str) -> impl IntoView {
    let r = f.band(a, b);
    view! { <rect class=class x=r.x y=r.y width=r.width height=r.height aria-hidden="true"/> }
}

/// Ticks: grid lines and labels.
#[component]
fn Axis(
    /// The ticks, positioned.
    ticks: Memo<Vec<TickView>>,
) -> impl IntoView {
    move || {
        ticks
            .get()
            .into_iter()
            .map(|t| {
                view! {
                    <g class=t.class aria-hidden="true">
                        <line x1=t.line.from.x y1=t.line.from.y x2=t.line.to.x y2=t.line.to.y/>
                        <text x=t.label_at.x y=t.label_at.y text-anchor=t.anchor>{t.label}</text>
                    </g>
                }
            })
            .collect_view()
    }
}

/// Lane labels and separators.
#[component]
fn LaneLabels(
    /// The lanes, positioned.
    lanes: Memo<Vec<LaneView>>,
) -> impl IntoView {
    move || {
        lanes
            .get()
            .into_iter()
            .map(|l| {
                let title = l.full.clone();
                let text = match l.transform {
                    None => view! { <text class="st-lane__label" x=l.label_at.x y=l.label_at.y>{l.label}<title>{title}</title></text> }.into_any(),
                    Some(t) => view! { <text class="st-lane__label" transform=t>{l.label}<title>{title}</title></text> }.into_any(),
                };
                view! {
                    <g class="st-lane" aria-hidden="true">
                        <line class="st-lane__line" x1=l.line.from.x y1=l.line.from.y x2=l.line.to.x y2=l.line.to.y/>
                        {text}
                    </g>
                }
            })
            .collect_view()
    }
}

/// The events row.
#[component]
fn EventsRow(
    /// The memos and callbacks of the timeline.
    ctx: ChartCtx,
) -> impl IntoView {
    let events = Memo::new(move |_| ctx.data.with(|d| event_marks(d, &ctx.frame.get(), &ctx.scale.get())));
    let label = move || ctx.frame.get().events_label();
    view! {
        <g class="st-events" role="list" aria-label="Events">
            {move || {
                let (at, text) = label();
                view! { <text class="st-lane__label" x=at.x y=at.y aria-hidden="true">{text}</text> }
            }}
            <For each=move || events.get() key=|e| e.render_key() let:e>
                {event_mark(e, ctx.activate)}
            </For>
        </g>
    }
}

/// One mark of the events row.
fn event_mark(e: EventMarkView, on_activate: Callback<Target>) -> impl IntoView {
    let interactive = e.target != Target::None;
    let (click, key) = (e.target.clone(), e.target.clone());
    view! {
        <g class=e.class.clone() role="listitem">
            <g role=if interactive { "button" } else { "img" }
                tabindex="-1"
                aria-label=e.name.clone()
                on:click=move |ev| { ev.stop_propagation(); on_activate.run(click.clone()) }
                on:keydown=move |ev| if mark_key(&ev.key()) == Some(MarkKey::Activate) { ev.prevent_default(); on_activate.run(key.clone()) }
                on:pointerdown=|ev| ev.stop_propagation()
            >
                {e.range.map(|r| view! { <line class="st-event__range" x1=r.from.x y1=r.from.y x2=r.to.x y2=r.to.y/> })}
                <polygon class="st-event__shape" points=e.diamond()/>
                {e.count_label().map(|(at, n)| view! { <text class="st-event__count" x=at.x y=at.y text-anchor="middle" aria-hidden="true">{n}</text> })}
                <title>{e.name.clone()}</title>
            </g>
        </g>
    }
}

/// The statement marks, with roving focus (the selected mark, or the first, is the tab stop).
#[component]
fn StatementMarks(
    /// The memos and callbacks of the timeline.
    ctx: ChartCtx,
) -> impl IntoView {
    let tab_stop = Memo::new(move |_| ctx.marks.with(|m| m.tab_stop().map(str::to_string)));
    view! {
        <g class="st-marks" role="list" aria-label="Statements">
            <For each=move || ctx.marks.get().marks.clone() key=|m| m.node_key() let:m>
                {
                    let key = m.key.clone();
                    let (k1, k2, k3, k4) = (key.clone(), key.clone(), key.clone(), key.clone());
                    // The node stays while the mark moves: its position is read by key.
                    let current = move |k: &str, f: &dyn Fn(&StatementMark) -> f64| ctx.marks.with(|ms| ms.get(k).map_or(0.0, f));
                    let range = move || ctx.marks.with(|ms| ms.get(&k3).filter(|v| v.show_range).and_then(|v| v.range));
                    let count = move || ctx.marks.with(|ms| ms.get(&k4).and_then(|v| v.count_label()));
                    let is_stop = move || tab_stop.with(|t| t.as_deref() == Some(key.as_str()));
                    let (click, on_key) = (m.target.clone(), m.target.clone());
                    let keydown = move |ev: web_sys::KeyboardEvent| match mark_key(&ev.key()) {
                        Some(MarkKey::Activate) => {
                            ev.prevent_default();
                            ev.stop_propagation();
                            ctx.activate.run(on_key.clone());
                        }
                        Some(MarkKey::Step(dir)) => {
                            ev.prevent_default();
                            ev.stop_propagation();
                            ctx.step.run(dir);
                        }
                        None => {}
                    };
                    view! {
                        <g class=m.class.clone() role="listitem">
                            <g role="button"
                                tabindex=move || if is_stop() { "0" } else { "-1" }
                                aria-label=m.name.clone()
                                aria-pressed=if m.selected { "true" } else { "false" }
                                id=m.dom_id.clone()
                                data-count=m.count()
                                on:click=move |ev| { ev.stop_propagation(); ctx.activate.run(click.clone()) }
                                on:keydown=keydown
                                on:pointerdown=|ev| ev.stop_propagation()
                            >
                                {move || range().map(|r| view! { <line class="st-mark__range" x1=r.from.x y1=r.from.y x2=r.to.x y2=r.to.y/> })}
                                <circle class="st-mark__dot" cx=move || current(&k1, &|v| v.at.x) cy=move || current(&k2, &|v| v.at.y) r=m.size/>
                                {move || count().map(|(at, n)| view! { <text class="st-mark__count" x=at.x y=at.y text-anchor="middle" aria-hidden="true">{n}</text> })}
                                <title>{m.name.clone()}</title>
                            </g>
                        </g>
                    }
                }
            </For>
        </g>
    }
}
