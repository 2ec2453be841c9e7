//! The timeline's toolbar (zoom buttons, lane choice, time filter) and its help text.

use crate::state::ViewCtx;
use leptos::prelude::*;
use stance_core::view::timeline::{lane_choices, window_label, ChartAction};
use stance_core::view::Intent;

/// Zoom buttons, lane choice and the time filter.
#[component]
pub fn TimelineToolbar(
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
