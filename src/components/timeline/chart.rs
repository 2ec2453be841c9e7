//! The `<svg>` chart: its input handlers ([`super::gestures::use_gestures`]), the time
//! filter band, and its layers: [`Axis`], [`LaneLabels`], the events row and the
//! statement marks ([`super::marks`]).

use super::gestures::{client_point, use_gestures};
use super::marks::{EventsRow, StatementMarks};
use super::ChartCtx;
use crate::components::loading::use_shown;
use stance_core::load::Panel;
use leptos::prelude::*;
use stance_core::view::timeline::{lane_views, tick_views, Frame, LaneView, PointerInput, TickView};

/// The SVG chart itself.
#[component]
pub fn Chart(
    /// The memos and callbacks of the timeline.
    ctx: ChartCtx,
) -> impl IntoView {
    let svg = NodeRef::<leptos::svg::Svg>::new();
    let input = use_gestures(svg, ctx.frame, ctx.act);
    let (pointer, band) = (input.pointer, input.band);
    let down = move |ev: web_sys::PointerEvent| pointer(PointerInput::Down { id: ev.pointer_id(), at: client_point(&ev) }, ev.pointer_id());
    let moved = move |ev: web_sys::PointerEvent| pointer(PointerInput::Move { id: ev.pointer_id(), at: client_point(&ev) }, ev.pointer_id());
    let up = move |ev: web_sys::PointerEvent| pointer(PointerInput::Up { id: ev.pointer_id() }, ev.pointer_id());
    let f = move || ctx.frame.get();
    let axis = move || f().axis_band();
    // The marks are drawn a step after the rest of the chart when a new corpus is swapped in.
    let marks_shown = use_shown(Panel::Marks);
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
            on:wheel=input.wheel
            on:pointerdown=down
            on:pointermove=moved
            on:pointerup=up
            on:pointercancel=up
            on:keydown=input.key
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
            <Show when=marks_shown>
                <StatementMarks ctx=ctx/>
            </Show>
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
