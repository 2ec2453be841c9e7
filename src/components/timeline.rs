//! The interactive SVG timeline: statements as marks in lanes, the events row, a time
//! axis whose ticks follow the zoom, search hits highlighted and the rest dimmed, and a
//! dragged range on the axis that filters the search.
//!
//! All geometry comes from `stance_core::timeline`; this file binds it to SVG and turns
//! wheel, drag, pinch, buttons and keys into changes of the view state (`zoom`,
//! `window`, `lanes`, `selected`), which the app mirrors in the URL.

use super::search::ResultList;
use crate::state::{use_corpus, use_results, use_view, ViewCtx};
use leptos::html::Div;
use leptos::prelude::*;
use stance_core::timeline::{
    build_lanes, event_items, layout, layout_events, next_in_time, placements, ticks, EventMark, LaneMode, Mark, Placement,
    Step, TimeScale,
};
use stance_core::text::{first_words, fit_chars};
use stance_core::Corpus;
use std::collections::HashMap;
use std::sync::Arc;
use wasm_bindgen::JsCast;

/// Width below which the timeline turns vertical (phones).
const NARROW_PX: f64 = 640.0;
/// Horizontal layout: lane label column, axis band, events row, lane height.
const LABEL_W: f64 = 170.0;
const AXIS_H: f64 = 34.0;
const EVENTS_H: f64 = 40.0;
const LANE_H: f64 = 38.0;
const END_PAD: f64 = 24.0;
/// Vertical layout: axis column, events column, lane header height, axis length.
const V_AXIS_W: f64 = 64.0;
const V_EVENTS_W: f64 = 34.0;
const V_HEADER_H: f64 = 120.0;
const V_LENGTH: f64 = 900.0;
const V_MIN_LANE_W: f64 = 28.0;
/// Mark radius, and cluster radius growth per doubling of its count.
const MARK_R: f64 = 5.5;
const CLUSTER_R: f64 = 8.0;
/// Zoom per wheel notch (deltaY of 100) and per button / key press.
const WHEEL_ZOOM_PER_100: f64 = 1.25;
const STEP_ZOOM: f64 = 1.6;
/// Share of the visible span panned per arrow key.
const PAN_STEP: f64 = 0.2;
/// Pixels a pointer must move before a press becomes a drag.
const DRAG_THRESHOLD_PX: f64 = 4.0;
/// Words of a statement in a mark's accessible name.
const NAME_WORDS: usize = 10;

#[derive(Clone, Copy, Debug, PartialEq)]
enum Orientation {
    Horizontal,
    Vertical,
}

/// The drawing frame: where the axis, the events row and the lanes sit.
#[derive(Clone, Copy, Debug, PartialEq)]
struct Frame {
    orient: Orientation,
    width: f64,
    height: f64,
    /// Pixel range of the time axis.
    along: (f64, f64),
    /// Across the axis: start of the first lane, and each lane's size.
    lanes_at: f64,
    lane_size: f64,
    /// Across the axis: centre of the events row.
    events_at: f64,
}

impl Frame {
    fn new(width: f64, lanes: usize) -> Self {
        let lanes_f = lanes.max(1) as f64;
        if width < NARROW_PX {
            let lane_size = ((width - V_AXIS_W - V_EVENTS_W) / lanes_f).max(V_MIN_LANE_W);
            Frame {
                orient: Orientation::Vertical,
                width: (V_AXIS_W + V_EVENTS_W + lane_size * lanes_f).max(width),
                height: V_HEADER_H + V_LENGTH + END_PAD,
                along: (V_HEADER_H, V_HEADER_H + V_LENGTH),
                lanes_at: V_AXIS_W + V_EVENTS_W,
                lane_size,
                events_at: V_AXIS_W + V_EVENTS_W / 2.0,
            }
        } else {
            Frame {
                orient: Orientation::Horizontal,
                width,
                height: AXIS_H + EVENTS_H + LANE_H * lanes_f + 8.0,
                along: (LABEL_W, width - END_PAD),
                lanes_at: AXIS_H + EVENTS_H,
                lane_size: LANE_H,
                events_at: AXIS_H + EVENTS_H / 2.0,
            }
        }
    }

    /// SVG (x, y) of a point `along` the axis and `across` it.
    fn pt(&self, along: f64, across: f64) -> (f64, f64) {
        match self.orient {
            Orientation::Horizontal => (along, across),
            Orientation::Vertical => (across, along),
        }
    }

    fn lane_center(&self, lane: usize) -> f64 {
        self.lanes_at + self.lane_size * (lane as f64 + 0.5)
    }

    /// Position along the axis of a client point.
    fn along_of(&self, rect: &web_sys::DomRect, client_x: f64, client_y: f64) -> f64 {
        match self.orient {
            Orientation::Horizontal => client_x - rect.left(),
            Orientation::Vertical => client_y - rect.top(),
        }
    }

    /// Is a point across the axis inside the axis band (where a drag selects a range)?
    fn in_axis_band(&self, rect: &web_sys::DomRect, client_x: f64, client_y: f64) -> bool {
        match self.orient {
            Orientation::Horizontal => client_y - rect.top() < AXIS_H,
            Orientation::Vertical => client_x - rect.left() < V_AXIS_W,
        }
    }
}

/// Accessible name of a statement mark: speaker, date, first words.
fn statement_name(c: &Corpus, i: usize) -> String {
    let Some(s) = c.statements.get(i) else { return String::new() };
    let speaker = s.speaker.as_deref().map_or("Unattributed", |a| c.actor_name(a));
    let date = c.document_of(s).map(|d| d.meta.date.label()).unwrap_or_default();
    format!("{speaker}, {date}: {}", first_words(c.statement_text(s), NAME_WORDS))
}

/// What the SVG draws for one lane mark.
#[derive(Clone, Debug, PartialEq)]
struct MarkView {
    /// Stable while the mark's members do not change: lane, first statement, count.
    key: String,
    /// Element id of the mark (for focusing it).
    dom_id: String,
    statements: Arc<[usize]>,
    x: f64,
    y: f64,
    range: Option<((f64, f64), (f64, f64))>,
    approximate: bool,
    count: usize,
    /// Day span to zoom into when a cluster is activated.
    zoom_span: Option<(f64, f64)>,
    hit: bool,
    dim: bool,
    selected: bool,
    name: String,
}

/// What the SVG draws for one events-row mark.
#[derive(Clone, Debug, PartialEq)]
struct EventView {
    key: String,
    x: f64,
    y: f64,
    range: Option<((f64, f64), (f64, f64))>,
    approximate: bool,
    count: usize,
    name: String,
    /// Statement to open, or the span to zoom into for a cluster.
    target: EventTarget,
}

#[derive(Clone, Debug, PartialEq)]
enum EventTarget {
    Statement(usize),
    Zoom(f64, f64),
    None,
}

/// Measures the width of `el` now and on every window resize.
fn use_width(el: NodeRef<Div>) -> ReadSignal<f64> {
    let (width, set_width) = signal(1000.0);
    let measure = move || {
        if let Some(div) = el.get_untracked() {
            let w = f64::from(div.client_width());
            if w > 0.0 {
                set_width.set(w);
            }
        }
    };
    Effect::new(move |_| {
        el.track();
        measure();
    });
    let handle = window_event_listener(leptos::ev::resize, move |_| measure());
    on_cleanup(move || handle.remove());
    width
}

/// Puts keyboard focus on the mark holding statement `i`, once it is drawn.
fn focus_mark(marks: Memo<Arc<(Vec<MarkView>, usize)>>, i: usize) {
    request_animation_frame(move || {
        let id = marks.with_untracked(|m| m.0.iter().find(|v| v.statements.contains(&i)).map(|v| v.dom_id.clone()));
        if let Some(el) = id.and_then(|id| document().get_element_by_id(&id)) {
            if let Ok(el) = el.dyn_into::<web_sys::SvgElement>() {
                let _ = el.focus();
            }
        }
    });
}

/// The timeline view: toolbar, chart, and the result list under it.
#[component]
pub fn TimelineView() -> impl IntoView {
    let corpus = use_corpus();
    let view = use_view();
    let results = use_results();
    let holder = NodeRef::<Div>::new();
    let width = use_width(holder);

    let places = Memo::new(move |_| corpus.with(|l| Arc::new(placements(&l.corpus))));
    // Every day with something on it: statements and context events.
    let data_days = Memo::new(move |_| {
        let mut days: Vec<f64> = places.with(|p| p.iter().flatten().map(|p: &Placement| p.day).collect());
        corpus.with(|l| days.extend(l.corpus.meta.events.iter().map(|e| e.date.mid_day() as f64)));
        Arc::new(days)
    });
    let lane_mode = Memo::new(move |_| view.with(|v| v.lanes));
    let lanes = Memo::new(move |_| {
        corpus.with(|l| {
            let all: Vec<usize> = (0..l.corpus.statements.len()).collect();
            let mut lanes = build_lanes(&l.corpus, &all, lane_mode.get());
            // In time order once, so that each zoom step's layout sorts sorted input (O(n)).
            places.with(|p| {
                let day = |i: usize| p.get(i).copied().flatten().map_or(f64::INFINITY, |p| p.day);
                for lane in &mut lanes {
                    lane.statements.sort_by(|&a, &b| day(a).total_cmp(&day(b)).then(a.cmp(&b)));
                }
            });
            Arc::new(lanes)
        })
    });
    let frame = Memo::new(move |_| Frame::new(width.get(), lanes.with(|l| l.len())));
    let fit_domain = move |range: (f64, f64)| data_days.with(|d| TimeScale::new((0.0, 1.0), range).fit_days(d.iter().copied()).domain());
    let scale = Memo::new(move |_| {
        let range = frame.with(|f| f.along);
        let domain = view.with(|v| v.zoom).unwrap_or_else(|| fit_domain(range));
        TimeScale::new(domain, range)
    });

    let set_zoom = move |s: TimeScale| view.update(|v| v.zoom = Some(s.domain()));
    let fit_all = move || view.update(|v| v.zoom = None);
    let zoom_by = move |factor: f64| {
        let s = scale.get_untracked();
        let (a, b) = s.range();
        set_zoom(s.zoom((a + b) / 2.0, factor));
    };

    let marks = Memo::new(move |_| {
        let s = scale.get();
        let f = frame.get();
        let selected = view.with(|v| v.selected.clone());
        corpus.with(|l| {
            results.with(|r| {
                let c = &l.corpus;
                let sel = selected.as_deref().and_then(|id| c.statement_by_id(id)).map(|(i, _)| i);
                let lay = places.with(|p| lanes.with(|ln| layout(&s, ln, p)));
                let mut out = Vec::new();
                for (li, lane) in lay.lanes.iter().enumerate() {
                    let across = f.lane_center(li);
                    let (lo, hi) = f.along;
                    for m in lane.marks.iter().filter(|m| m.x() >= lo - CLUSTER_R && m.x() <= hi + CLUSTER_R) {
                        let members = m.statements();
                        let hit = r.filtering && members.iter().any(|&i| r.is_hit.get(i).copied().unwrap_or(false));
                        let (range, approximate, name) = match m {
                            Mark::Single { statement, x_range, approximate, .. } => (
                                x_range.map(|(a, b)| (f.pt(a, across), f.pt(b, across))),
                                *approximate,
                                statement_name(c, *statement) + if *approximate { " (date approximate)" } else { "" },
                            ),
                            Mark::Cluster { x_range, count, statements, .. } => {
                                let date = |i: usize| c.statements.get(i).and_then(|s| c.document_of(s)).map(|d| d.meta.date.label()).unwrap_or_default();
                                let first = statements.first().map(|&i| date(i)).unwrap_or_default();
                                let last = statements.last().map(|&i| date(i)).unwrap_or_default();
                                let span = if first == last { first } else { format!("{first} to {last}") };
                                (
                                    Some((f.pt(x_range.0, across), f.pt(x_range.1, across))),
                                    false,
                                    format!("{count} statements in {}, {span}. Activate to zoom in.", lane.label),
                                )
                            }
                        };
                        let (x, y) = f.pt(m.x(), across);
                        out.push(MarkView {
                            key: format!("{li}:{}:{}", members.first().copied().unwrap_or(0), members.len()),
                            dom_id: format!("st-mark-{li}-{}", members.first().copied().unwrap_or(0)),
                            statements: Arc::from(members),
                            x,
                            y,
                            range,
                            approximate,
                            count: members.len(),
                            zoom_span: match m {
                                Mark::Cluster { x_range, .. } => Some((s.to_day(x_range.0), s.to_day(x_range.1))),
                                Mark::Single { .. } => None,
                            },
                            hit,
                            dim: r.filtering && !hit,
                            selected: sel.is_some_and(|s| members.contains(&s)),
                            name,
                        });
                    }
                }
                Arc::new((out, lay.undated.len()))
            })
        })
    });

    // Events and the statements that mention them: once per corpus, not per zoom step.
    let event_list = Memo::new(move |_| {
        corpus.with(|l| {
            let all: Vec<usize> = (0..l.corpus.statements.len()).collect();
            Arc::new(event_items(&l.corpus, &all))
        })
    });
    let events = Memo::new(move |_| {
        let s = scale.get();
        let f = frame.get();
        event_list.with(|items| {
            let across = f.events_at;
            let (lo, hi) = f.along;
            layout_events(&s, &items)
                .into_iter()
                .filter(|m| m.x() >= lo - CLUSTER_R && m.x() <= hi + CLUSTER_R)
                .map(|m| {
                    let (x, y) = f.pt(m.x(), across);
                    match &m {
                        EventMark::Single { item, label, x_range, approximate, .. } => {
                            let it = &items[*item];
                            let linked = it.statements.first().copied();
                            let date = it.date.label() + if *approximate { " (approximate)" } else { "" };
                            let refs = match it.statements.len() {
                                0 => String::new(),
                                1 => ". Mentioned by 1 statement; activate to open it".into(),
                                n => format!(". Mentioned by {n} statements; activate to open the first"),
                            };
                            EventView {
                                key: format!("e{item}"),
                                x,
                                y,
                                range: x_range.map(|(a, b)| (f.pt(a, across), f.pt(b, across))),
                                approximate: *approximate,
                                count: 1,
                                name: format!("Event, {date}: {label}{refs}"),
                                target: linked.map_or(EventTarget::None, EventTarget::Statement),
                            }
                        }
                        EventMark::Cluster { items: members, x_range, count, .. } => EventView {
                            key: format!("ec{}:{}", members.first().copied().unwrap_or(0), members.len()),
                            x,
                            y,
                            range: Some((f.pt(x_range.0, across), f.pt(x_range.1, across))),
                            approximate: false,
                            count: *count,
                            name: format!("{count} events. Activate to zoom in."),
                            target: EventTarget::Zoom(s.to_day(x_range.0), s.to_day(x_range.1)),
                        },
                    }
                })
                .collect::<Vec<_>>()
        })
    });

    let tick_views = Memo::new(move |_| {
        let s = scale.get();
        ticks(&s)
    });

    // Roving focus: the selected mark (or the first one) is the tab stop.
    let tab_stop = Memo::new(move |_| {
        marks.with(|m| m.0.iter().find(|v| v.selected).or_else(|| m.0.first()).map(|v| v.key.clone()))
    });

    // Selecting re-draws the mark; keep keyboard focus on it.
    let select = move |i: usize| {
        corpus.with_untracked(|l| view.select(&l.corpus, Some(i)));
        focus_mark(marks, i);
    };
    let zoom_to = move |a: f64, b: f64| {
        let s = scale.get_untracked();
        let pad = (b - a).abs().max(2.0) * 0.5;
        set_zoom(TimeScale::new((a.min(b) - pad, a.max(b) + pad), s.range()));
    };
    // Moves the selection in time order and keeps it in view.
    let step = move |dir: Step| {
        let current = view.0.with_untracked(|v| v.selected.clone());
        let next = corpus.with_untracked(|l| {
            let c = &l.corpus;
            let all: Vec<usize> = (0..c.statements.len()).collect();
            let cur = current.as_deref().and_then(|id| c.statement_by_id(id)).map(|(i, _)| i);
            next_in_time(c, &all, cur, dir)
        });
        if let Some(i) = next {
            select(i);
            let day = places.with_untracked(|p| p.get(i).copied().flatten().map(|p| p.day));
            if let Some(day) = day {
                let s = scale.get_untracked();
                let (a, b) = s.domain();
                if day < a || day > b {
                    set_zoom(s.pan_days(day - (a + b) / 2.0));
                }
            }
            focus_mark(marks, i);
        }
    };

    view! {
        <section class="st-timeline" aria-label="Timeline">
            <TimelineToolbar view=view zoom_by=zoom_by fit_all=fit_all scale=scale/>
            <div class="st-timeline__chart" node_ref=holder>
                <Chart
                    frame=frame
                    scale=scale
                    marks=marks
                    events=events
                    ticks=tick_views
                    lanes=lanes
                    tab_stop=tab_stop
                    view=view
                    on_select=Callback::new(select)
                    on_zoom=Callback::new(move |(a, b): (f64, f64)| zoom_to(a, b))
                    on_step=Callback::new(step)
                    on_scale=Callback::new(set_zoom)
                    on_fit=Callback::new(move |_: ()| fit_all())
                    data_days=data_days
                />
            </div>
            {move || marks.with(|m| m.1).gt(&0).then(|| view! {
                <p class="st-timeline__undated">{move || marks.with(|m| m.1)} " statements have no date and are not on the timeline; they are in the list below."</p>
            })}
            <ResultList/>
        </section>
    }
}

/// Zoom buttons, lane choice and the time filter.
#[component]
fn TimelineToolbar(
    /// The view state.
    view: ViewCtx,
    /// Zooms about the centre by a factor (> 1 zooms in).
    zoom_by: impl Fn(f64) + Copy + Send + Sync + 'static,
    /// Shows all the data.
    fit_all: impl Fn() + Copy + Send + Sync + 'static,
    /// The current scale.
    scale: Memo<TimeScale>,
) -> impl IntoView {
    let window_label = move || {
        view.with(|v| v.window).map(|(a, b)| {
            format!("{} – {}", stance_core::url_state::iso_date(a), stance_core::url_state::iso_date(b))
        })
    };
    let filter_visible = move |_| {
        let (a, b) = scale.get_untracked().domain();
        view.update(|v| v.window = Some((a.floor() as i64, b.floor() as i64)));
    };
    view! {
        <div class="st-toolbar" role="toolbar" aria-label="Timeline controls">
            <div class="st-toolbar__group" role="group" aria-label="Zoom">
                <button type="button" class="st-button" on:click=move |_| zoom_by(STEP_ZOOM)>"Zoom in"</button>
                <button type="button" class="st-button" on:click=move |_| zoom_by(1.0 / STEP_ZOOM)>"Zoom out"</button>
                <button type="button" class="st-button" on:click=move |_| fit_all()>"Fit all"</button>
            </div>
            <div class="st-toolbar__group" role="group" aria-label="Lanes by">
                <span class="st-toolbar__label">"Lanes:"</span>
                {LaneMode::ALL.into_iter().map(|mode| {
                    let label = match mode { LaneMode::Topic => "Topic", LaneMode::Speaker => "Speaker", LaneMode::Document => "Document" };
                    view! {
                        <button type="button" class="st-button"
                            aria-pressed=move || if view.with(|v| v.lanes == mode) { "true" } else { "false" }
                            on:click=move |_| view.update(|v| v.lanes = mode)>
                            {label}
                        </button>
                    }
                }).collect_view()}
            </div>
            <div class="st-toolbar__group" role="group" aria-label="Time filter">
                {move || match window_label() {
                    Some(label) => view! {
                        <span class="st-toolbar__window">"Only " {label}</span>
                        <button type="button" class="st-button" on:click=move |_| view.update(|v| v.window = None)>"Clear time filter"</button>
                    }.into_any(),
                    None => view! {
                        <button type="button" class="st-button" on:click=filter_visible>"Filter to visible period"</button>
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

/// Pointer gesture in progress.
#[derive(Clone, Debug, Default)]
struct Gesture {
    /// Active pointers: id -> (client x, client y).
    pointers: HashMap<i32, (f64, f64)>,
    /// Where the first pointer went down.
    start: Option<(f64, f64)>,
    /// The press became a pan.
    panning: bool,
    /// The press started on the axis band: a range selection (along-axis px).
    selecting: Option<f64>,
    /// Pinch: the distance between two pointers at the last move.
    pinch: Option<f64>,
}

/// The SVG chart itself.
#[component]
fn Chart(
    /// Where things sit.
    frame: Memo<Frame>,
    /// Days to pixels.
    scale: Memo<TimeScale>,
    /// Lane marks, and the count of undated statements.
    marks: Memo<Arc<(Vec<MarkView>, usize)>>,
    /// Events-row marks.
    events: Memo<Vec<EventView>>,
    /// Axis ticks.
    ticks: Memo<Vec<stance_core::timeline::Tick>>,
    /// Lanes (for labels).
    lanes: Memo<Arc<Vec<stance_core::timeline::Lane>>>,
    /// Key of the mark that is the tab stop.
    tab_stop: Memo<Option<String>>,
    /// The view state.
    view: ViewCtx,
    /// Opens a statement.
    on_select: Callback<usize>,
    /// Zooms to a day span.
    on_zoom: Callback<(f64, f64)>,
    /// Moves the selection in time.
    on_step: Callback<Step>,
    /// Sets a new scale.
    on_scale: Callback<TimeScale>,
    /// Shows all the data.
    on_fit: Callback<()>,
    /// Every dated day (for Home/End).
    data_days: Memo<Arc<Vec<f64>>>,
) -> impl IntoView {
    let svg_ref = NodeRef::<leptos::svg::Svg>::new();
    let gesture = StoredValue::new(Gesture::default());
    let selection = RwSignal::new(None::<(f64, f64)>);
    let rect = move || svg_ref.get_untracked().map(|s| s.get_bounding_client_rect());

    let on_wheel = move |ev: web_sys::WheelEvent| {
        let Some(r) = rect() else { return };
        ev.prevent_default();
        let f = frame.get_untracked();
        let pivot = f.along_of(&r, f64::from(ev.client_x()), f64::from(ev.client_y()));
        let factor = WHEEL_ZOOM_PER_100.powf(-ev.delta_y() / 100.0);
        on_scale.run(scale.get_untracked().zoom(pivot, factor));
    };
    let on_down = move |ev: web_sys::PointerEvent| {
        let Some(r) = rect() else { return };
        let f = frame.get_untracked();
        let p = (f64::from(ev.client_x()), f64::from(ev.client_y()));
        gesture.update_value(|g| {
            g.pointers.insert(ev.pointer_id(), p);
            if g.pointers.len() == 1 {
                g.start = Some(p);
                g.panning = false;
                g.pinch = None;
                g.selecting = f.in_axis_band(&r, p.0, p.1).then(|| f.along_of(&r, p.0, p.1));
            } else {
                g.selecting = None;
                selection.set(None);
            }
        });
    };
    let on_move = move |ev: web_sys::PointerEvent| {
        let Some(r) = rect() else { return };
        let f = frame.get_untracked();
        let p = (f64::from(ev.client_x()), f64::from(ev.client_y()));
        let mut new_scale = None;
        gesture.update_value(|g| {
            let Some(prev) = g.pointers.get(&ev.pointer_id()).copied() else { return };
            g.pointers.insert(ev.pointer_id(), p);
            if g.pointers.len() == 2 {
                let pts: Vec<(f64, f64)> = g.pointers.values().copied().collect();
                let dist = ((pts[0].0 - pts[1].0).powi(2) + (pts[0].1 - pts[1].1).powi(2)).sqrt().max(1.0);
                let mid = f.along_of(&r, (pts[0].0 + pts[1].0) / 2.0, (pts[0].1 + pts[1].1) / 2.0);
                if let Some(last) = g.pinch {
                    new_scale = Some(scale.get_untracked().zoom(mid, dist / last));
                }
                g.pinch = Some(dist);
                return;
            }
            let Some(start) = g.start else { return };
            let moved = ((p.0 - start.0).powi(2) + (p.1 - start.1).powi(2)).sqrt();
            if let Some(a) = g.selecting {
                if moved >= DRAG_THRESHOLD_PX {
                    selection.set(Some((a, f.along_of(&r, p.0, p.1))));
                }
                return;
            }
            if !g.panning && moved >= DRAG_THRESHOLD_PX {
                g.panning = true;
                if let Some(svg) = svg_ref.get_untracked() {
                    let _ = svg.set_pointer_capture(ev.pointer_id());
                }
            }
            if g.panning {
                let d = f.along_of(&r, p.0, p.1) - f.along_of(&r, prev.0, prev.1);
                new_scale = Some(scale.get_untracked().pan_px(d));
            }
        });
        if let Some(s) = new_scale {
            on_scale.run(s);
        }
    };
    let on_up = move |ev: web_sys::PointerEvent| {
        gesture.update_value(|g| {
            g.pointers.remove(&ev.pointer_id());
            if g.pointers.is_empty() {
                g.start = None;
                g.pinch = None;
                g.selecting = None;
            }
        });
        if let Some((a, b)) = selection.get_untracked() {
            selection.set(None);
            if let Some(w) = scale.get_untracked().window_from_px(a, b) {
                view.update(|v| v.window = Some(w));
            }
        }
    };
    let on_key = move |ev: web_sys::KeyboardEvent| {
        let s = scale.get_untracked();
        let (a, b) = s.range();
        let span = s.span();
        let vertical = frame.get_untracked().orient == Orientation::Vertical;
        let (back, fwd) = if vertical { ("ArrowUp", "ArrowDown") } else { ("ArrowLeft", "ArrowRight") };
        let key = ev.key();
        let new = match key.as_str() {
            "+" | "=" => Some(s.zoom((a + b) / 2.0, STEP_ZOOM)),
            "-" | "_" => Some(s.zoom((a + b) / 2.0, 1.0 / STEP_ZOOM)),
            k if k == back => Some(s.pan_days(-span * PAN_STEP)),
            k if k == fwd => Some(s.pan_days(span * PAN_STEP)),
            "Home" | "End" => data_days.with_untracked(|d| {
                stance_core::timeline::extent(d.iter().copied()).map(|(lo, hi)| {
                    let target = if key == "Home" { lo } else { hi };
                    let (da, db) = s.domain();
                    s.pan_days(target - (da + db) / 2.0)
                })
            }),
            "0" => {
                ev.prevent_default();
                on_fit.run(());
                None
            }
            _ => return,
        };
        ev.prevent_default();
        if let Some(n) = new {
            on_scale.run(n);
        }
    };
    let mark_key = move |ev: web_sys::KeyboardEvent, statements: Arc<[usize]>, zoom_span: Option<(f64, f64)>| {
        let vertical = frame.get_untracked().orient == Orientation::Vertical;
        let step = match ev.key().as_str() {
            "ArrowRight" | "ArrowDown" if !vertical || ev.key() == "ArrowDown" => Some(Step::Next),
            "ArrowLeft" | "ArrowUp" if !vertical || ev.key() == "ArrowUp" => Some(Step::Previous),
            "ArrowRight" => Some(Step::Next),
            "ArrowLeft" => Some(Step::Previous),
            "Home" => Some(Step::First),
            "End" => Some(Step::Last),
            "Enter" | " " => {
                ev.prevent_default();
                ev.stop_propagation();
                activate(&statements, zoom_span, on_select, on_zoom);
                None
            }
            _ => return,
        };
        if let Some(st) = step {
            ev.prevent_default();
            ev.stop_propagation();
            on_step.run(st);
        }
    };

    let f = move || frame.get();
    view! {
        <svg
            node_ref=svg_ref
            class="st-chart"
            role="group"
            aria-label="Timeline of statements"
            aria-describedby="st-timeline-help"
            tabindex="0"
            width=move || f().width
            height=move || f().height
            on:wheel=on_wheel
            on:pointerdown=on_down
            on:pointermove=on_move
            on:pointerup=on_up
            on:pointercancel=on_up
            on:keydown=on_key
        >
            <rect class="st-chart__axis-band" x="0" y="0"
                width=move || if f().orient == Orientation::Horizontal { f().width } else { V_AXIS_W }
                height=move || if f().orient == Orientation::Horizontal { AXIS_H } else { f().height }/>
            // The time filter, and the range being dragged.
            {move || view.with(|v| v.window).map(|w| {
                let (a, b) = scale.get().px_from_window(w);
                band(f(), a, b, "st-chart__window")
            })}
            {move || selection.get().map(|(a, b)| band(f(), a.min(b), a.max(b), "st-chart__selecting"))}
            // Ticks: grid lines and labels.
            {move || ticks.get().into_iter().map(|t| {
                let fr = f();
                let (x1, y1) = fr.pt(t.x, if fr.orient == Orientation::Horizontal { AXIS_H - 6.0 } else { V_AXIS_W - 6.0 });
                let (x2, y2) = fr.pt(t.x, if fr.orient == Orientation::Horizontal { fr.height } else { fr.width });
                let (tx, ty, anchor) = match fr.orient {
                    Orientation::Horizontal => (t.x + 3.0, AXIS_H - 12.0, "start"),
                    Orientation::Vertical => (V_AXIS_W - 8.0, t.x + 4.0, "end"),
                };
                view! {
                    <g class=if t.major { "st-tick st-tick--major" } else { "st-tick" } aria-hidden="true">
                        <line x1=x1 y1=y1 x2=x2 y2=y2/>
                        <text x=tx y=ty text-anchor=anchor>{t.label}</text>
                    </g>
                }
            }).collect_view()}
            // Lane labels and separators.
            {move || lanes.get().iter().enumerate().map(|(i, lane)| {
                let fr = f();
                let c = fr.lane_center(i);
                let full = lane.label.clone();
                match fr.orient {
                    Orientation::Horizontal => view! {
                        <g class="st-lane" aria-hidden="true">
                            <line class="st-lane__line" x1=LABEL_W y1=c x2=fr.width - END_PAD y2=c/>
                            <text class="st-lane__label" x="8" y=c + 4.0>{fit_chars(&full, 24)}<title>{full.clone()}</title></text>
                        </g>
                    }.into_any(),
                    Orientation::Vertical => view! {
                        <g class="st-lane" aria-hidden="true">
                            <line class="st-lane__line" x1=c y1=V_HEADER_H x2=c y2=fr.height - END_PAD/>
                            <text class="st-lane__label" transform=format!("translate({},{}) rotate(-60)", c + 4.0, V_HEADER_H - 6.0)>{fit_chars(&full, 18)}<title>{full.clone()}</title></text>
                        </g>
                    }.into_any(),
                }
            }).collect_view()}
            // Events row.
            <g class="st-events" role="list" aria-label="Events">
                {move || {
                    let fr = f();
                    let (lx, ly) = fr.pt(if fr.orient == Orientation::Horizontal { 8.0 } else { 4.0 }, fr.events_at + 4.0);
                    view! { <text class="st-lane__label" x=lx y=ly aria-hidden="true">{if fr.orient == Orientation::Horizontal { "Events" } else { "" }}</text> }
                }}
                <For each=move || events.get() key=|e| e.key.clone() let:e>
                    {event_mark(e, on_select, on_zoom)}
                </For>
            </g>
            // Statement marks.
            <g class="st-marks" role="list" aria-label="Statements">
                <For each=move || marks.get().0.clone() key=|m| (m.key.clone(), m.x as i64, m.y as i64, m.hit, m.dim, m.selected) let:m>
                    {
                        let statements = m.statements.clone();
                        let for_click = statements.clone();
                        let first = statements.first().copied();
                        let key = m.key.clone();
                        let is_stop = move || tab_stop.with(|t| t.as_deref() == Some(key.as_str()));
                        let class = format!(
                            "st-mark{}{}{}{}{}",
                            if m.count > 1 { " st-mark--cluster" } else { "" },
                            if m.hit { " st-mark--hit" } else { "" },
                            if m.dim { " st-mark--dim" } else { "" },
                            if m.selected { " st-mark--selected" } else { "" },
                            if m.approximate { " st-mark--approximate" } else { "" },
                        );
                        let r = if m.count > 1 { CLUSTER_R + (m.count as f64).log2().min(6.0) } else { MARK_R };
                        view! {
                            <g class=class role="listitem">
                                <g role="button"
                                    tabindex=move || if is_stop() { "0" } else { "-1" }
                                    aria-label=m.name.clone()
                                    aria-pressed=if m.selected { "true" } else { "false" }
                                    id=m.dom_id.clone()
                                    data-count=m.count
                                    on:click=move |ev| { ev.stop_propagation(); activate(&for_click, m.zoom_span, on_select, on_zoom) }
                                    on:keydown=move |ev| mark_key(ev, statements.clone(), m.zoom_span)
                                    on:pointerdown=|ev| ev.stop_propagation()
                                >
                                    {m.range.filter(|_| m.selected && m.count == 1).map(|((x1, y1), (x2, y2))| view! { <line class="st-mark__range" x1=x1 y1=y1 x2=x2 y2=y2/> })}
                                    <circle class="st-mark__dot" cx=m.x cy=m.y r=r/>
                                    {(m.count > 1).then(|| view! { <text class="st-mark__count" x=m.x y=m.y + 3.5 text-anchor="middle" aria-hidden="true">{m.count}</text> })}
                                    {first.is_some().then(|| view! { <title>{m.name.clone()}</title> })}
                                </g>
                            </g>
                        }
                    }
                </For>
            </g>
        </svg>
    }
}

/// Opens a single statement, or zooms into a cluster's day span.
fn activate(statements: &[usize], zoom_span: Option<(f64, f64)>, on_select: Callback<usize>, on_zoom: Callback<(f64, f64)>) {
    match (statements, zoom_span) {
        ([one], _) => on_select.run(*one),
        (_, Some(span)) => on_zoom.run(span),
        _ => {}
    }
}

/// A band across the lanes between two along-axis positions.
fn band(f: Frame, a: f64, b: f64, class: &'static str) -> impl IntoView {
    let (x, y, w, h) = match f.orient {
        Orientation::Horizontal => (a, 0.0, (b - a).max(1.0), f.height),
        Orientation::Vertical => (0.0, a, f.width, (b - a).max(1.0)),
    };
    view! { <rect class=class x=x y=y width=w height=h aria-hidden="true"/> }
}

/// One mark of the events row.
fn event_mark(e: EventView, on_select: Callback<usize>, on_zoom: Callback<(f64, f64)>) -> impl IntoView {
    let size = if e.count > 1 { 8.0 } else { 6.0 };
    let diamond = format!("{},{} {},{} {},{} {},{}", e.x, e.y - size, e.x + size, e.y, e.x, e.y + size, e.x - size, e.y);
    let target = e.target.clone();
    let interactive = !matches!(target, EventTarget::None);
    let run = move || match target {
        EventTarget::Statement(i) => on_select.run(i),
        EventTarget::Zoom(a, b) => on_zoom.run((a, b)),
        EventTarget::None => {}
    };
    let run2 = run.clone();
    let class = format!("st-event{}{}", if e.approximate { " st-event--approximate" } else { "" }, if e.count > 1 { " st-event--cluster" } else { "" });
    view! {
        <g class=class role="listitem">
            <g role=if interactive { "button" } else { "img" }
                tabindex="-1"
                aria-label=e.name.clone()
                on:click=move |ev| { ev.stop_propagation(); run() }
                on:keydown=move |ev| if ev.key() == "Enter" || ev.key() == " " { ev.prevent_default(); run2() }
                on:pointerdown=|ev| ev.stop_propagation()
            >
                {e.range.map(|((x1, y1), (x2, y2))| view! { <line class="st-event__range" x1=x1 y1=y1 x2=x2 y2=y2/> })}
                <polygon class="st-event__shape" points=diamond/>
                {(e.count > 1).then(|| view! { <text class="st-event__count" x=e.x y=e.y + 3.5 text-anchor="middle" aria-hidden="true">{e.count}</text> })}
                <title>{e.name.clone()}</title>
            </g>
        </g>
    }
}
