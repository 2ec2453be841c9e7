//! The marks: [`StatementMarks`] and [`EventsRow`], one SVG node per
//! [`MarkView::key`] (a statement's or event's stable id, see
//! `stance_core::view::timeline::TimelineMarks`).
//!
//! The marks are drawn by a small keyed renderer ([`MarkLayer`]) rather than one Leptos
//! component per mark: each time the frame's marks change (a zoom or pan step, a
//! keystroke that changes the hits, a selection), it walks the new marks once, creates
//! the nodes of keys that appear, removes those of keys that are gone, moves nodes only
//! where the order changed, and sets only the attributes whose value changed since the
//! node was last drawn (numbers go to the DOM as numbers, in tenths of a pixel, with
//! attribute names made into JS strings once). A node is kept while its mark moves, grows into a cluster,
//! splits, or changes class, so keyboard focus stays on it. Input is delegated: one
//! click, keydown and pointerdown handler on the layer finds the mark by the
//! `data-key` of the node the event came from, so no closure is created per mark.
//!
//! The first drawing happens synchronously while the layer's element is built (a
//! directive starting a render effect), so the marks are in the page as soon as the
//! chart is.

use super::ChartCtx;
use leptos::prelude::*;
use stance_core::timeline::Step;
use stance_core::view::timeline::{mark_key, px, MarkKey, MarkView, Target, TimelineMarks};
use std::collections::HashMap;
use std::sync::Arc;
use wasm_bindgen::JsCast;

const SVG_NS: Option<&str> = Some("http://www.w3.org/2000/svg");

/// Which kind of mark a layer draws.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Shape {
    /// A statement: a dot (a button with an id, pressed when selected).
    Dot,
    /// An events-row mark: a diamond (a button, or an image when it leads nowhere).
    Diamond,
}

#[wasm_bindgen::prelude::wasm_bindgen]
extern "C" {
    /// `setAttribute` with the name as a JS string made once and the value a number:
    /// nothing to format in Rust or decode in JS (the browser prints the number).
    /// An element, seen only for this.
    type AttrTarget;
    #[wasm_bindgen(method, js_name = setAttribute)]
    fn set_number(this: &AttrTarget, name: &wasm_bindgen::JsValue, value: f64);
}

fn set_num(el: &web_sys::Element, name: &wasm_bindgen::JsValue, value: f64) {
    el.unchecked_ref::<AttrTarget>().set_number(name, value);
}

/// The numeric attributes, as JS strings made once per layer.
struct Names {
    cx: wasm_bindgen::JsValue,
    cy: wasm_bindgen::JsValue,
    r: wasm_bindgen::JsValue,
    x: wasm_bindgen::JsValue,
    y: wasm_bindgen::JsValue,
    x1: wasm_bindgen::JsValue,
    y1: wasm_bindgen::JsValue,
    x2: wasm_bindgen::JsValue,
    y2: wasm_bindgen::JsValue,
    count: wasm_bindgen::JsValue,
}

impl Names {
    fn new() -> Self {
        let js = wasm_bindgen::JsValue::from_str;
        Names { cx: js("cx"), cy: js("cy"), r: js("r"), x: js("x"), y: js("y"), x1: js("x1"), y1: js("y1"), x2: js("x2"), y2: js("y2"), count: js("data-count") }
    }
}

/// The DOM of one mark and what was last drawn in it.
struct Node {
    /// `<g class role=listitem>`
    outer: web_sys::Element,
    /// `<g role=button ...>`
    inner: web_sys::Element,
    range: Option<web_sys::Element>,
    shape: web_sys::Element,
    count: Option<web_sys::Element>,
    title: web_sys::Element,
    last: Option<MarkView<usize>>,
    tab_stop: bool,
    generation: u64,
}

/// The nodes of one layer, by key.
struct MarkLayer {
    shape: Shape,
    names: Names,
    nodes: HashMap<String, Node>,
    generation: u64,
}

fn create(tag: &str) -> Option<web_sys::Element> {
    document().create_element_ns(SVG_NS, tag).ok()
}

fn set(el: &web_sys::Element, name: &str, value: &str) {
    let _ = el.set_attribute(name, value);
}

impl MarkLayer {
    fn new(shape: Shape) -> Self {
        MarkLayer { shape, names: Names::new(), nodes: HashMap::new(), generation: 0 }
    }

    fn classes(&self) -> (&'static str, &'static str) {
        match self.shape {
            Shape::Dot => ("st-mark__range", "st-mark__count"),
            Shape::Diamond => ("st-event__range", "st-event__count"),
        }
    }

    fn new_node(&self, m: &MarkView<usize>) -> Option<Node> {
        let outer = create("g")?;
        let inner = create("g")?;
        let shape = create(if self.shape == Shape::Dot { "circle" } else { "polygon" })?;
        let title = create("title")?;
        set(&outer, "role", "listitem");
        set(&inner, "data-key", &m.key);
        if self.shape == Shape::Dot {
            // The element id follows the key (lane and first member), so it is set once.
            set(&inner, "id", &m.dom_id);
            set(&shape, "class", "st-mark__dot");
        } else {
            set(&shape, "class", "st-event__shape");
        }
        let _ = inner.append_child(&shape);
        let _ = inner.append_child(&title);
        let _ = outer.append_child(&inner);
        Some(Node { outer, inner, range: None, shape, count: None, title, last: None, tab_stop: false, generation: 0 })
    }

    /// Brings the node up to `m`, touching only what changed.
    fn draw(&self, node: &mut Node, m: &MarkView<usize>, tab_stop: bool) {
        let last = node.last.take();
        let changed = |f: &dyn Fn(&MarkView<usize>) -> bool| last.as_ref().is_none_or(|l| f(l));
        let dot = self.shape == Shape::Dot;
        if changed(&|l| l.class != m.class) {
            set(&node.outer, "class", &m.class);
        }
        if last.is_none() || node.tab_stop != tab_stop {
            set(&node.inner, "tabindex", if tab_stop { "0" } else { "-1" });
            node.tab_stop = tab_stop;
        }
        if changed(&|l| (l.target == Target::None) != (m.target == Target::None)) {
            let role = if dot || m.target != Target::None { "button" } else { "img" };
            set(&node.inner, "role", role);
        }
        if changed(&|l| l.name != m.name) {
            set(&node.inner, "aria-label", &m.name);
            node.title.set_text_content(Some(&m.name));
        }
        if dot {
            if changed(&|l| l.selected != m.selected) {
                set(&node.inner, "aria-pressed", if m.selected { "true" } else { "false" });
            }
            let n = &self.names;
            if changed(&|l| l.count() != m.count()) {
                set_num(&node.inner, &n.count, m.count() as f64);
            }
            if changed(&|l| px(l.at.x) != px(m.at.x)) {
                set_num(&node.shape, &n.cx, px(m.at.x));
            }
            if changed(&|l| px(l.at.y) != px(m.at.y)) {
                set_num(&node.shape, &n.cy, px(m.at.y));
            }
            if changed(&|l| l.size != m.size) {
                set_num(&node.shape, &n.r, px(m.size));
            }
        } else if changed(&|l| l.at != m.at || l.size != m.size) {
            set(&node.shape, "points", &m.diamond());
        }
        let (range_class, count_class) = self.classes();
        let range = m.range.filter(|_| m.show_range);
        let last_range = last.as_ref().and_then(|l| l.range.filter(|_| l.show_range));
        match (range, node.range.take()) {
            (None, Some(line)) => line.remove(),
            (Some(r), line) => {
                let line = line.or_else(|| {
                    let line = create("line")?;
                    set(&line, "class", range_class);
                    let _ = node.inner.insert_before(&line, Some(&node.shape));
                    Some(line)
                });
                if let Some(line) = &line {
                    if last_range != Some(r) {
                        let n = &self.names;
                        set_num(line, &n.x1, px(r.from.x));
                        set_num(line, &n.y1, px(r.from.y));
                        set_num(line, &n.x2, px(r.to.x));
                        set_num(line, &n.y2, px(r.to.y));
                    }
                }
                node.range = line;
            }
            (None, None) => {}
        }
        let count = m.count_label();
        let last_count = last.as_ref().and_then(|l| l.count_label());
        match (count, node.count.take()) {
            (None, Some(text)) => text.remove(),
            (Some((at, n)), text) => {
                let fresh = text.is_none();
                let text = text.or_else(|| {
                    let text = create("text")?;
                    set(&text, "class", count_class);
                    set(&text, "text-anchor", "middle");
                    set(&text, "aria-hidden", "true");
                    let _ = node.inner.insert_before(&text, Some(&node.title));
                    Some(text)
                });
                if let Some(text) = &text {
                    let before = last_count.filter(|_| !fresh);
                    let moved = |a: f64, b: Option<f64>| b.is_none_or(|b| px(a) != px(b));
                    if moved(at.x, before.map(|(p, _)| p.x)) {
                        set_num(text, &self.names.x, px(at.x));
                    }
                    if moved(at.y, before.map(|(p, _)| p.y)) {
                        set_num(text, &self.names.y, px(at.y));
                    }
                    if before.map(|(_, k)| k) != Some(n) {
                        text.set_text_content(Some(&n.to_string()));
                    }
                }
                node.count = text;
            }
            (None, None) => {}
        }
        node.last = Some(m.clone());
    }

    /// Draws `marks` as the children of `container`: creates, updates, reorders and
    /// removes nodes by key.
    fn update(&mut self, container: &web_sys::Element, marks: &TimelineMarks, tab_stop: Option<&str>) {
        self.generation += 1;
        let generation = self.generation;
        // Nodes whose key is gone go first, so that the nodes that stay are already in
        // order and are not moved (moving a node would take the keyboard focus off it).
        for m in &marks.marks {
            if let Some(node) = self.nodes.get_mut(&m.key) {
                node.generation = generation;
            }
        }
        self.nodes.retain(|_, node| {
            let keep = node.generation == generation;
            if !keep {
                node.outer.remove();
            }
            keep
        });
        let mut prev: Option<web_sys::Node> = None;
        for m in &marks.marks {
            let mut node = match self.nodes.remove(&m.key) {
                Some(node) => node,
                None => match self.new_node(m) {
                    Some(node) => node,
                    None => continue,
                },
            };
            self.draw(&mut node, m, tab_stop == Some(m.key.as_str()));
            // In axis order, lane by lane: move the node only when it is out of place.
            let expected = match &prev {
                Some(p) => p.next_sibling(),
                None => container.first_child(),
            };
            let outer: &web_sys::Node = node.outer.as_ref();
            if expected.as_ref() != Some(outer) {
                let _ = container.insert_before(outer, expected.as_ref());
            }
            prev = Some(outer.clone());
            self.nodes.insert(m.key.clone(), node);
        }
    }
}

/// The key of the mark an event happened in, if any.
fn mark_of_event(ev: &web_sys::Event) -> Option<String> {
    let el = ev.target()?.dyn_into::<web_sys::Element>().ok()?;
    el.closest("[data-key]").ok().flatten()?.get_attribute("data-key")
}

/// One layer of marks: its element, drawn by [`MarkLayer`] whenever `marks` changes,
/// with delegated input.
fn mark_layer(
    marks: Memo<Arc<TimelineMarks>>,
    shape: Shape,
    roving: bool,
    on_activate: Callback<Target>,
    on_step: Option<Callback<Step>>,
) -> impl IntoView {
    let owner = Owner::current();
    // Starts drawing as soon as the element exists (synchronously, so the marks are in
    // the page with the chart), and again whenever the marks or the tab stop change.
    let draw = move |el: web_sys::Element| {
        let run = move || {
            let layer = std::cell::RefCell::new(MarkLayer::new(shape));
            RenderEffect::new(move |_| {
                marks.with(|m| {
                    // Roving focus: the selected mark, or the first, is the tab stop.
                    let stop = if roving { m.tab_stop() } else { None };
                    layer.borrow_mut().update(&el, m, stop)
                });
            })
        };
        // The effect lives as long as the component that made the layer (dropped with
        // its owner, which stops it).
        match &owner {
            Some(owner) => owner.with(|| {
                StoredValue::new_local(run());
            }),
            None => {
                StoredValue::new_local(run());
            }
        }
    };
    let target_of = move |key: &str| marks.with_untracked(|m| m.get(key).map(|v| v.target.clone()));
    let activate = move |key: &str| {
        if let Some(t) = target_of(key) {
            on_activate.run(t);
        }
    };
    let click = move |ev: web_sys::MouseEvent| {
        if let Some(key) = mark_of_event(&ev) {
            ev.stop_propagation();
            activate(&key);
        }
    };
    let keydown = move |ev: web_sys::KeyboardEvent| {
        let Some(key) = mark_of_event(&ev) else { return };
        match mark_key(&ev.key()) {
            Some(MarkKey::Activate) => {
                ev.prevent_default();
                ev.stop_propagation();
                activate(&key);
            }
            Some(MarkKey::Step(dir)) => {
                if let Some(step) = on_step {
                    ev.prevent_default();
                    ev.stop_propagation();
                    step.run(dir);
                }
            }
            None => {}
        }
    };
    let pointerdown = move |ev: web_sys::PointerEvent| {
        if mark_of_event(&ev).is_some() {
            ev.stop_propagation();
        }
    };
    match shape {
        // The statements' list holds the marks itself.
        Shape::Dot => view! {
            <g class="st-marks" role="list" aria-label="Statements" use:draw on:click=click on:keydown=keydown on:pointerdown=pointerdown></g>
        }
        .into_any(),
        // The events row's marks follow its label, in a group of their own.
        Shape::Diamond => view! {
            <g class="st-events__marks" use:draw on:click=click on:keydown=keydown on:pointerdown=pointerdown></g>
        }
        .into_any(),
    }
}

/// The statement marks, with roving focus (the selected mark, or the first, is the tab stop).
#[component]
pub fn StatementMarks(
    /// The memos and callbacks of the timeline.
    ctx: ChartCtx,
) -> impl IntoView {
    mark_layer(ctx.marks, Shape::Dot, true, ctx.activate, Some(ctx.step))
}

/// The events row.
#[component]
pub fn EventsRow(
    /// The memos and callbacks of the timeline.
    ctx: ChartCtx,
) -> impl IntoView {
    let label = move || ctx.frame.get().events_label();
    view! {
        <g class="st-events" role="list" aria-label="Events">
            {move || {
                let (at, text) = label();
                view! { <text class="st-lane__label" x=at.x y=at.y aria-hidden="true">{text}</text> }
            }}
            {mark_layer(ctx.events, Shape::Diamond, false, ctx.activate, None)}
        </g>
    }
}
