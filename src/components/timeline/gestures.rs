//! The chart's input hooks: [`use_width`] (the chart's width, from a `ResizeObserver`)
//! and [`use_gestures`] (wheel, keys and pointers, fed to the core's [`Gestures`] state
//! machine and [`chart_key`] / [`wheel_factor`], sent on as [`ChartAction`]s).

use leptos::html::Div;
use leptos::prelude::*;
use stance_core::view::timeline::{chart_key, wheel_factor, ChartAction, Frame, Gestures, Point, PointerInput, DEFAULT_WIDTH_PX};
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;

thread_local! {
    /// The chart's last measured width: a chart drawn again (a new corpus swapped in,
    /// a return from another view) starts at it, so that its first observation, in the
    /// same frame, does not draw every mark a second time at another width.
    static LAST_WIDTH: std::cell::Cell<f64> = const { std::cell::Cell::new(DEFAULT_WIDTH_PX) };
}

/// Measures the width of `el` whenever it changes size (the window, or the statement
/// panel opening beside it), with a `ResizeObserver`. Its first observation arrives
/// after layout and before paint of the frame the chart appears in, so the signal is
/// written only by the observer, never while the reactive graph runs.
pub fn use_width(el: NodeRef<Div>) -> ReadSignal<f64> {
    let (width, set_width) = signal(LAST_WIDTH.with(|w| w.get()));
    type Observer = (web_sys::ResizeObserver, Closure<dyn FnMut(js_sys::Array)>);
    let observer = StoredValue::new_local(None::<Observer>);
    el.on_load(move |div| {
        let measured = div.clone();
        let callback = Closure::<dyn FnMut(js_sys::Array)>::new(move |_| {
            let w = f64::from(measured.client_width());
            if w > 0.0 {
                LAST_WIDTH.with(|last| last.set(w));
                // Unchanged (the width it started at): nothing to draw again.
                if width.get_untracked() != w {
                    set_width.set(w);
                }
            }
        });
        if let Ok(obs) = web_sys::ResizeObserver::new(callback.as_ref().unchecked_ref()) {
            obs.observe(&div);
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

/// The range being dragged along the axis (px), for drawing.
pub type DraggedBand = ReadSignal<Option<(f64, f64)>>;

/// The client point of a mouse or pointer event.
pub fn client_point(ev: &web_sys::MouseEvent) -> Point {
    Point { x: f64::from(ev.client_x()), y: f64::from(ev.client_y()) }
}

fn origin_of(el: &web_sys::Element) -> Point {
    let rect = el.get_bounding_client_rect();
    Point { x: rect.left(), y: rect.top() }
}

/// The chart's handlers, from [`use_gestures`].
pub struct ChartInput<P, W, K> {
    /// The range being dragged along the axis, for drawing.
    pub band: DraggedBand,
    /// Feeds a pointer event to the gesture state machine (pointer id beside it).
    pub pointer: P,
    /// A wheel notch zooms about the pointer.
    pub wheel: W,
    /// A key on the chart (not on a mark).
    pub key: K,
}

/// The chart's wheel, key and pointer handlers: pointers feed the core's [`Gestures`]
/// state machine, and what it (or a wheel notch, or a key) asks for goes to `act`.
pub fn use_gestures(
    svg: NodeRef<leptos::svg::Svg>,
    frame: Memo<Frame>,
    act: Callback<ChartAction>,
) -> ChartInput<
    impl Fn(PointerInput, i32) + Copy + 'static,
    impl Fn(web_sys::WheelEvent) + Copy + 'static,
    impl Fn(web_sys::KeyboardEvent) + Copy + 'static,
> {
    let gestures = StoredValue::new(Gestures::default());
    let (band, set_band) = signal(None::<(f64, f64)>);
    let pointer = move |input: PointerInput, pointer: i32| {
        let Some(el) = svg.get_untracked() else { return };
        let frame = frame.get_untracked();
        let out = gestures.try_update_value(|g| g.handle(input, &frame, origin_of(&el))).unwrap_or_default();
        if out.capture.is_some() {
            let _ = el.set_pointer_capture(pointer);
        }
        if let Some(b) = out.selecting {
            set_band.set(b);
        }
        if let Some(action) = out.action {
            act.run(action);
        }
    };
    let wheel = move |ev: web_sys::WheelEvent| {
        let Some(el) = svg.get_untracked() else { return };
        ev.prevent_default();
        let pivot = frame.get_untracked().along_of(client_point(&ev), origin_of(&el));
        act.run(ChartAction::ZoomAt { pivot, factor: wheel_factor(ev.delta_y()) });
    };
    let key = move |ev: web_sys::KeyboardEvent| {
        if let Some(action) = chart_key(&ev.key(), frame.get_untracked().orient) {
            ev.prevent_default();
            act.run(action);
        }
    };
    ChartInput { band, pointer, wheel, key }
}
