//! The marks: [`StatementMarks`] and [`EventsRow`], one SVG node per
//! [`MarkView::key`] (a statement's or event's stable id, see
//! `stance_core::view::timeline::TimelineMarks`).
//!
//! The marks are drawn by a small keyed renderer ([`MarkLayer`]) rather than one Leptos
//! component per mark: each time the frame's marks change (a zoom or pan step, a
//! keystroke that changes the hits, a selection), it walks the new marks once, creates
//! the nodes of keys that appear, removes those of keys that are gone, moves nodes only
//! where the order changed, and sets only the attributes whose value changed since the
//! node was last drawn (numbers go to the DOM as numbers, in tenths of a pixel, as
//! `stance_core::view::timeline_shift::MarkGeometry` gives them inside the layer's
//! offset: a pan step moves the layer's `transform` and writes nothing for the marks it
//! keeps;
//! attribute names and constant values such as class lists are JS strings made once; a
//! new mark is a clone of a template; a count changes its text node in place). A mark
//! has no `<title>`: its name is its `aria-label`, and the chart's one tooltip
//! ([`ChartTip`]) shows it for the mark under the pointer or with the focus. A node is
//! kept while its mark moves, grows into a cluster,
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
use stance_core::view::timeline::{mark_key, MarkKey, MarkView, Point, Target, TimelineMarks};
use stance_core::view::timeline_shift::{from_tenths, layer_transform, next_offset, MarkGeometry};
use std::collections::HashMap;
use std::sync::Arc;
use wasm_bindgen::{JsCast, JsValue};

const SVG_NS: Option<&str> = Some("http://www.w3.org/2000/svg");

/// Which kind of mark a layer draws.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) enum Shape {
    /// A statement: a dot (a button with an id, pressed when selected).
    Dot,
    /// An events-row mark: a diamond (a button, or an image when it leads nowhere).
    Diamond,
}

#[wasm_bindgen::prelude::wasm_bindgen]
extern "C" {
    /// `setAttribute` with the name as a JS string made once and the value a number
    /// (nothing to format in Rust or decode in JS: the browser prints the number) or a
    /// JS string made once. An element, seen only for this.
    type AttrTarget;
    #[wasm_bindgen(method, js_name = setAttribute)]
    fn set_number(this: &AttrTarget, name: &JsValue, value: f64);
    #[wasm_bindgen(method, js_name = setAttribute)]
    fn set_js(this: &AttrTarget, name: &JsValue, value: &JsValue);
}

fn set_num(el: &web_sys::Element, name: &JsValue, value: f64) {
    el.unchecked_ref::<AttrTarget>().set_number(name, value);
}

/// Sets an attribute from a Rust string (decoded into a JS string on the way).
fn set_str(el: &web_sys::Element, name: &JsValue, value: &str) {
    el.unchecked_ref::<AttrTarget>().set_js(name, &JsValue::from_str(value));
}

/// The attribute names, and the values that are always the same strings (class lists,
/// roles, flags), as JS strings made once per layer: most of a frame's attribute writes
/// then pass two references and decode nothing.
struct Names {
    cx: JsValue,
    cy: JsValue,
    r: JsValue,
    x: JsValue,
    y: JsValue,
    x1: JsValue,
    y1: JsValue,
    x2: JsValue,
    y2: JsValue,
    class: JsValue,
    tabindex: JsValue,
    role: JsValue,
    label: JsValue,
    pressed: JsValue,
    points: JsValue,
    /// Constant values by their address (`&'static str`: the core's class lists are
    /// made once, the rest are literals).
    values: HashMap<(usize, usize), JsValue>,
}

impl Names {
    fn new() -> Self {
        let js = JsValue::from_str;
        Names {
            cx: js("cx"),
            cy: js("cy"),
            r: js("r"),
            x: js("x"),
            y: js("y"),
            x1: js("x1"),
            y1: js("y1"),
            x2: js("x2"),
            y2: js("y2"),
            class: js("class"),
            tabindex: js("tabindex"),
            role: js("role"),
            label: js("aria-label"),
            pressed: js("aria-pressed"),
            points: js("points"),
            values: HashMap::new(),
        }
    }
}

/// Sets attribute `name` to a constant string, made into a JS string the first time
/// (`values` is [`Names::values`]).
fn set_const(values: &mut HashMap<(usize, usize), JsValue>, el: &web_sys::Element, name: &JsValue, value: &'static str) {
    let js = values.entry((value.as_ptr() as usize, value.len())).or_insert_with(|| JsValue::from_str(value));
    el.unchecked_ref::<AttrTarget>().set_js(name, js);
}

/// The DOM of one mark and what was last drawn in it.
struct Node {
    /// `<g class role=listitem>`
    outer: web_sys::Element,
    /// `<g role=button ...>`
    inner: web_sys::Element,
    range: Option<web_sys::Element>,
    shape: web_sys::Element,
    /// The count's `<text>`, and the text node in it (changed in place).
    count: Option<(web_sys::Element, web_sys::Node)>,
    /// What was last drawn: the class list, the name, the count, the geometry (inside
    /// the layer's offset); `None` before the first drawing.
    class: Option<&'static str>,
    name: Option<String>,
    count_n: Option<usize>,
    geom: Option<MarkGeometry>,
    /// What the DOM says now (a new node has the template's: `tabindex=-1`,
    /// `role=button`, `aria-pressed=false`).
    tab_stop: bool,
    button: bool,
    pressed: bool,
    generation: u64,
}

/// The nodes of one layer, by key.
struct MarkLayer {
    shape: Shape,
    names: Names,
    nodes: HashMap<String, Node>,
    generation: u64,
    /// A new mark's `<g role=listitem><g role=button tabindex=-1 ...><shape class/></g></g>`,
    /// cloned for each new mark (one DOM call instead of three creations, two appends and
    /// five attributes), and the same with a cluster's count `<text>`.
    template: Option<web_sys::Element>,
    cluster_template: Option<web_sys::Element>,
    /// The layer's translation (see `stance_core::view::timeline_shift`), and the marks
    /// it was last drawn for.
    offset: Point,
    prev: Option<Arc<TimelineMarks>>,
    transform: JsValue,
}

fn create(tag: &str) -> Option<web_sys::Element> {
    document().create_element_ns(SVG_NS, tag).ok()
}

fn set(el: &web_sys::Element, name: &str, value: &str) {
    let _ = el.set_attribute(name, value);
}

impl MarkLayer {
    fn new(shape: Shape) -> Self {
        let template = || {
            let outer = create("g")?;
            let inner = create("g")?;
            let (tag, class) = match shape {
                Shape::Dot => ("circle", "st-mark__dot"),
                Shape::Diamond => ("polygon", "st-event__shape"),
            };
            let el = create(tag)?;
            set(&outer, "role", "listitem");
            set(&inner, "role", "button");
            set(&inner, "tabindex", "-1");
            if shape == Shape::Dot {
                set(&inner, "aria-pressed", "false");
            }
            set(&el, "class", class);
            inner.append_child(&el).ok()?;
            outer.append_child(&inner).ok()?;
            Some(outer)
        };
        let plain = template();
        let cluster = template().and_then(|outer| {
            let text = create("text")?;
            set(&text, "class", if shape == Shape::Dot { "st-mark__count" } else { "st-event__count" });
            set(&text, "text-anchor", "middle");
            set(&text, "aria-hidden", "true");
            text.append_child(&document().create_text_node("")).ok()?;
            outer.first_element_child()?.append_child(&text).ok()?;
            Some(outer)
        });
        MarkLayer {
            shape,
            names: Names::new(),
            nodes: HashMap::new(),
            generation: 0,
            template: plain,
            cluster_template: cluster,
            offset: Point { x: 0.0, y: 0.0 },
            prev: None,
            transform: JsValue::from_str("transform"),
        }
    }

    fn classes(&self) -> (&'static str, &'static str) {
        match self.shape {
            Shape::Dot => ("st-mark__range", "st-mark__count"),
            Shape::Diamond => ("st-event__range", "st-event__count"),
        }
    }

    fn new_node(&self, m: &MarkView<usize>) -> Option<Node> {
        let cluster = m.count_label().is_some();
        let template = if cluster { &self.cluster_template } else { &self.template };
        let outer = template.as_ref()?.clone_node_with_deep(true).ok()?.dyn_into::<web_sys::Element>().ok()?;
        let inner = outer.first_element_child()?;
        let shape = inner.first_element_child()?;
        let count = if cluster {
            let text = inner.last_element_child()?;
            let digits = text.first_child()?;
            Some((text, digits))
        } else {
            None
        };
        set(&inner, "data-key", &m.key);
        if self.shape == Shape::Dot {
            // The element id follows the key (lane and first member), so it is set once.
            set(&inner, "id", &m.dom_id);
        }
        Some(Node { outer, inner, range: None, shape, count, class: None, name: None, count_n: None, geom: None, tab_stop: false, button: true, pressed: false, generation: 0 })
    }

    /// Brings the node up to `m`, drawn at `geom` (its geometry inside the layer's
    /// offset), touching only what changed.
    fn draw(&mut self, node: &mut Node, m: &MarkView<usize>, geom: MarkGeometry, tab_stop: bool) {
        let last = node.geom.take();
        let moved = |f: &dyn Fn(&MarkGeometry) -> bool| last.as_ref().is_none_or(|l| f(l));
        let dot = self.shape == Shape::Dot;
        if node.class != Some(m.class) {
            let n = &mut self.names;
            set_const(&mut n.values, &node.outer, &n.class, m.class);
            node.class = Some(m.class);
        }
        if node.tab_stop != tab_stop {
            let n = &mut self.names;
            set_const(&mut n.values, &node.inner, &n.tabindex, if tab_stop { "0" } else { "-1" });
            node.tab_stop = tab_stop;
        }
        let button = dot || m.target != Target::None;
        if node.button != button {
            let n = &mut self.names;
            set_const(&mut n.values, &node.inner, &n.role, if button { "button" } else { "img" });
            node.button = button;
        }
        if node.name.as_deref() != Some(m.name.as_str()) {
            set_str(&node.inner, &self.names.label, &m.name);
            node.name = Some(m.name.clone());
        }
        if dot {
            if node.pressed != m.selected {
                let n = &mut self.names;
                set_const(&mut n.values, &node.inner, &n.pressed, if m.selected { "true" } else { "false" });
                node.pressed = m.selected;
            }
            let n = &self.names;
            if moved(&|l| l.at.0 != geom.at.0) {
                set_num(&node.shape, &n.cx, from_tenths(geom.at.0));
            }
            if moved(&|l| l.at.1 != geom.at.1) {
                set_num(&node.shape, &n.cy, from_tenths(geom.at.1));
            }
            if moved(&|l| l.size != geom.size) {
                set_num(&node.shape, &n.r, from_tenths(geom.size));
            }
        } else if moved(&|l| l.at != geom.at || l.size != geom.size) {
            set_str(&node.shape, &self.names.points, &geom.diamond());
        }
        let (range_class, count_class) = self.classes();
        let last_range = last.as_ref().and_then(|l| l.range);
        match (geom.range, node.range.take()) {
            (None, Some(line)) => line.remove(),
            (Some((from, to)), line) => {
                let fresh = line.is_none();
                let line = line.or_else(|| {
                    let line = create("line")?;
                    set(&line, "class", range_class);
                    let _ = node.inner.insert_before(&line, Some(&node.shape));
                    Some(line)
                });
                if let Some(line) = &line {
                    if fresh || last_range != geom.range {
                        let n = &self.names;
                        set_num(line, &n.x1, from_tenths(from.0));
                        set_num(line, &n.y1, from_tenths(from.1));
                        set_num(line, &n.x2, from_tenths(to.0));
                        set_num(line, &n.y2, from_tenths(to.1));
                    }
                }
                node.range = line;
            }
            (None, None) => {}
        }
        let count = m.count_label().map(|(_, k)| k).zip(geom.count_at);
        let last_count_at = last.as_ref().and_then(|l| l.count_at);
        match (count, node.count.take()) {
            (None, Some((text, _))) => {
                text.remove();
                node.count_n = None;
            }
            (Some((k, at)), text) => {
                let fresh = text.is_none();
                let text = text.or_else(|| {
                    let text = create("text")?;
                    set(&text, "class", count_class);
                    set(&text, "text-anchor", "middle");
                    set(&text, "aria-hidden", "true");
                    let digits: web_sys::Node = document().create_text_node("").into();
                    text.append_child(&digits).ok()?;
                    let _ = node.inner.append_child(&text);
                    Some((text, digits))
                });
                if let Some((text, digits)) = &text {
                    let before = last_count_at.filter(|_| !fresh);
                    if before.is_none_or(|b| b.0 != at.0) {
                        set_num(text, &self.names.x, from_tenths(at.0));
                    }
                    if before.is_none_or(|b| b.1 != at.1) {
                        set_num(text, &self.names.y, from_tenths(at.1));
                    }
                    if fresh || node.count_n != Some(k) {
                        digits.set_node_value(Some(&k.to_string()));
                        node.count_n = Some(k);
                    }
                }
                node.count = text;
            }
            (None, None) => {}
        }
        node.geom = Some(geom);
    }

    /// Draws `marks` as the children of `container`: creates, updates, reorders and
    /// removes nodes by key.
    fn update(&mut self, container: &web_sys::Element, marks: &Arc<TimelineMarks>, tab_stop: Option<&str>) {
        self.generation += 1;
        // A pan step moves the layer, not its marks: the marks it keeps are drawn where
        // they were inside it.
        let offset = match &self.prev {
            Some(prev) => next_offset(prev, marks, self.offset),
            None => Point { x: 0.0, y: 0.0 },
        };
        if offset != self.offset || self.prev.is_none() {
            match layer_transform(offset) {
                Some(t) => set_str(container, &self.transform, &t),
                None => {
                    let _ = container.remove_attribute("transform");
                }
            }
            self.offset = offset;
        }
        self.prev = Some(marks.clone());
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
            self.draw(&mut node, m, MarkGeometry::of(m, offset), tab_stop == Some(m.key.as_str()));
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
    mark_of(ev.target())
}

/// The key of the mark holding an event target, if any.
fn mark_of(target: Option<web_sys::EventTarget>) -> Option<String> {
    let el = target?.dyn_into::<web_sys::Element>().ok()?;
    el.closest("[data-key]").ok().flatten()?.get_attribute("data-key")
}

/// The mark the chart's one tooltip names (its layer and key), while the pointer is on
/// it or it has the focus.
pub(crate) type TipOn = RwSignal<Option<(Shape, String)>>;

/// One layer of marks: its element, drawn by [`MarkLayer`] whenever `marks` changes,
/// with delegated input.
fn mark_layer(
    marks: Memo<Arc<TimelineMarks>>,
    tip: TipOn,
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
    let target_of = move |key: &str| marks.try_with_untracked(|m| m.get(key).map(|v| v.target.clone())).flatten();
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
    // The tooltip follows the pointer onto a mark, and the focus. (A focused mark is
    // removed with the chart when the view changes, and its focusout comes after the
    // signal is gone: the `try_` forms do nothing then.)
    let show = move |key: Option<String>| {
        let on = key.map(|k| (shape, k));
        if tip.try_with_untracked(|t| *t != on).unwrap_or(false) {
            let _ = tip.try_set(on);
        }
    };
    let over = move |ev: web_sys::PointerEvent| {
        if let Some(key) = mark_of_event(&ev) {
            show(Some(key));
        }
    };
    let out = move |ev: web_sys::PointerEvent| {
        if mark_of(ev.related_target()).is_none() {
            show(None);
        }
    };
    let focusin = move |ev: web_sys::FocusEvent| show(mark_of_event(&ev));
    let focusout = move |ev: web_sys::FocusEvent| {
        if mark_of(ev.related_target()).is_none() {
            show(None);
        }
    };
    match shape {
        // The statements' list holds the marks itself.
        Shape::Dot => view! {
            <g class="st-marks" role="list" aria-label="Statements" use:draw on:click=click on:keydown=keydown on:pointerdown=pointerdown
                on:pointerover=over on:pointerout=out on:focusin=focusin on:focusout=focusout></g>
        }
        .into_any(),
        // The events row's marks follow its label, in a group of their own.
        Shape::Diamond => view! {
            <g class="st-events__marks" use:draw on:click=click on:keydown=keydown on:pointerdown=pointerdown
                on:pointerover=over on:pointerout=out on:focusin=focusin on:focusout=focusout></g>
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
    mark_layer(ctx.marks, ctx.tip, Shape::Dot, true, ctx.activate, Some(ctx.step))
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
            {mark_layer(ctx.events, ctx.tip, Shape::Diamond, false, ctx.activate, None)}
        </g>
    }
}

/// The chart's one tooltip: the name of the mark under the pointer or with the focus,
/// above it (a `<title>` per mark would double the chart's elements; the name is each
/// mark's `aria-label` already, so the tooltip is hidden from assistive technology).
/// It follows its mark through zoom and pan, and goes when the mark does.
#[component]
pub fn ChartTip(
    /// The memos and callbacks of the timeline.
    ctx: ChartCtx,
) -> impl IntoView {
    let shown = Memo::new(move |_| {
        let (shape, key) = ctx.tip.get()?;
        let marks = if shape == Shape::Dot { ctx.marks } else { ctx.events };
        marks.with(|m| m.get(&key).map(|v| (v.name.clone(), v.tip(&ctx.frame.get()))))
    });
    let at = move || shown.with(|s| s.as_ref().map(|(_, t)| *t));
    view! {
        <div class="st-chart__tip" aria-hidden="true"
            hidden=move || at().is_none()
            class:st-chart__tip--end=move || at().is_some_and(|t| t.end)
            style:left=move || at().map(|t| format!("{}px", t.at.x))
            style:top=move || at().map(|t| format!("{}px", t.at.y))>
            {move || shown.with(|s| s.as_ref().map(|(name, _)| name.clone()))}
        </div>
    }
}
