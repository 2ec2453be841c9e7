//! Loading a corpus without freezing the page: the build runs in a Web Worker
//! (`public/load-worker.js` running [`crate::worker`]), which reports its progress and
//! then sends the built corpus in bounded parts; each part is indexed as it arrives
//! ([`Assembler`]), so every task on the page stays short and the explorer stays usable
//! on the corpus it has until the new one is complete.
//!
//! - [`LoadCtx`]: the running load (at most one), started with [`LoadCtx::start`] and
//!   stopped with [`LoadCtx::cancel`], which terminates the worker and leaves the page
//!   exactly as it was.
//! - [`LoadProgress`]: the progress bar (stage and percent) with its Cancel button.
//! - The swap: once complete, the new corpus goes on screen in the steps of
//!   [`Swap`], each in a task of its own (remove the heavy panels, install the corpus,
//!   compute the results, draw the search box, draw the views, draw the timeline's
//!   marks, draw the result list), so no task draws everything at once; [`Staged`] is
//!   the wrapper that mounts a panel at its step. Before it, the index's last step and
//!   the timeline's data are made in slices ([`run_sliced`]).

use super::corpus_loader::{install, mark_shown};
use super::notices::{Level, NoticesCtx};
use crate::state::{Loaded, Results, ResultsCtx, ViewCtx};
use crate::worker::{part_bytes, ToPage};
use leptos::prelude::*;
use stance_core::load::{Assembler, Finishing, Panel, Part, Progress, Stage, Swap, FINISH_BUDGET};
use stance_core::view::messages::{HandOver, LoadMessage};
use stance_core::view::timeline_build::TimelineBuild;
use std::cell::RefCell;
use std::rc::Rc;
use std::sync::Arc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// The worker script, next to index.html.
const WORKER_URL: &str = "./load-worker.js";

/// What the progress bar shows.
#[derive(Clone, Debug, PartialEq)]
pub struct LoadStatus {
    /// File name or URL being loaded.
    pub origin: String,
    pub progress: Progress,
}

/// A running worker and the handlers that must live as long as it does.
struct Job {
    id: u64,
    worker: web_sys::Worker,
    _on_message: Closure<dyn FnMut(web_sys::MessageEvent)>,
    _on_error: Closure<dyn FnMut(web_sys::ErrorEvent)>,
}

impl Drop for Job {
    fn drop(&mut self) {
        self.worker.set_onmessage(None);
        self.worker.set_onerror(None);
        self.worker.terminate();
    }
}

/// The corpus load in progress, if any.
#[derive(Clone, Copy)]
pub struct LoadCtx {
    corpus: RwSignal<Arc<Loaded>>,
    view: ViewCtx,
    notices: NoticesCtx,
    status: RwSignal<Option<LoadStatus>>,
    job: StoredValue<Option<Job>, LocalStorage>,
    next_id: StoredValue<u64>,
    /// The search results (read at [`Swap::Results`], so they are computed in a task of
    /// their own); absent where no results are provided.
    results: Option<Memo<Arc<Results>>>,
    /// Where the swap of a new corpus onto the screen is ([`Swap::DONE`]: done).
    swap: RwSignal<Swap>,
    /// The running swap (a newer one supersedes it).
    swap_id: StoredValue<u64>,
    /// A worker started ahead of the load ([`LoadCtx::warm`]), its wasm initialising
    /// while the corpus downloads.
    spare: StoredValue<Option<web_sys::Worker>, LocalStorage>,
}

impl LoadCtx {
    /// The load context of this explorer (created on first use).
    pub fn provide(corpus: RwSignal<Arc<Loaded>>, view: ViewCtx, notices: NoticesCtx) -> Self {
        use_context::<LoadCtx>().unwrap_or_else(|| {
            let ctx = LoadCtx {
                corpus,
                view,
                notices,
                status: RwSignal::new(None),
                job: StoredValue::new_local(None),
                next_id: StoredValue::new(1),
                results: use_context::<ResultsCtx>().map(|r| r.0),
                swap: RwSignal::new(Swap::DONE),
                swap_id: StoredValue::new(0),
                spare: StoredValue::new_local(None),
            };
            provide_context(ctx);
            on_cleanup(move || ctx.cancel());
            ctx
        })
    }

    /// What the progress bar shows (None when no load runs).
    pub fn status(&self) -> Option<LoadStatus> {
        self.status.get()
    }

    /// Stops the running load, if any: the worker is terminated and whatever it sent
    /// is dropped; the explorer keeps its corpus and view.
    pub fn cancel(&self) {
        self.job.try_update_value(|j| j.take());
        self.status.try_set(None);
    }

    fn is_current(&self, id: u64) -> bool {
        self.job.try_with_value(|j| j.as_ref().is_some_and(|j| j.id == id)).unwrap_or(false)
    }

    /// Ends job `id` (if it is still the current one) with `result`.
    fn end(&self, id: u64, origin: &str, result: Result<Loaded, Vec<String>>) {
        if !self.is_current(id) {
            return;
        }
        self.cancel();
        match result {
            Ok(loaded) => self.swap_in(origin.to_string(), loaded),
            Err(problems) => self.notices.push(Level::Error, LoadMessage::Kept { origin: origin.to_string() }.to_string(), problems),
        }
    }

    /// Starts the worker of the next load now, so that its wasm is ready when the corpus
    /// arrives (called when a corpus link starts downloading: at 1000x the worker's
    /// start-up was a few hundred milliseconds of the load otherwise). Nothing when one
    /// is ready already, or where loads run on the page.
    pub fn warm(&self) {
        if single_file() || self.spare.with_value(|s| s.is_some()) {
            return;
        }
        if let Some(worker) = new_worker() {
            self.spare.set_value(Some(worker));
        }
    }

    /// Loads `input` (a `File`, the JSON text as UTF-8 bytes in a `Uint8Array`, whose
    /// buffer is transferred, or as a JS string) named `origin` in a worker, replacing
    /// any load already running.
    pub fn start(&self, origin: String, input: JsValue) {
        self.cancel();
        let id = self.next_id.get_value();
        self.next_id.set_value(id + 1);
        // The one-file build has no worker script beside it (and file:// pages may not
        // start workers): it builds the corpus on the page.
        if single_file() {
            self.load_here(origin, input);
            return;
        }
        let worker = match self.spare.try_update_value(|s| s.take()).flatten().or_else(new_worker) {
            Some(w) => w,
            None => {
                self.load_here(origin, input);
                return;
            }
        };
        let ctx = *self;
        let receiving: Rc<RefCell<Option<Assembler>>> = Rc::new(RefCell::new(None));
        let name = origin.clone();
        let on_message = Closure::<dyn FnMut(web_sys::MessageEvent)>::new(move |ev: web_sys::MessageEvent| {
            if !ctx.is_current(id) {
                return;
            }
            let data = ev.data();
            if let Some(json) = part_bytes(&data) {
                let mut slot = receiving.borrow_mut();
                if slot.is_none() {
                    mark("stance-load-parts");
                }
                // `from_str`, not `from_slice`: the app's other JSON is read from `&str`, and a
                // second reader would compile every deserializer of a part again (45 KB).
                let parsed = timed("stance-part-json", || std::str::from_utf8(&json).map_err(|e| e.to_string()).and_then(|j| serde_json::from_str::<Part>(j).map_err(|e| e.to_string())));
                let pushed = timed("stance-part-index", || {
                    parsed.and_then(|part| match slot.as_mut() {
                        Some(a) => a.push(part),
                        None => Assembler::new(part).map(|a| {
                            *slot = Some(a);
                        }),
                    })
                });
                match (pushed, slot.as_ref()) {
                    (Ok(()), Some(a)) => ctx.show(&name, a.progress()),
                    (Ok(()), None) => {}
                    (Err(why), _) => {
                        drop(slot);
                        ctx.end(id, &name, Err(vec![HandOver::Incomplete(why).to_string()]));
                    }
                }
                return;
            }
            match serde_wasm_bindgen::from_value::<ToPage>(data) {
                Ok(ToPage::Progress { progress }) => {
                    if ctx.status.with_untracked(|s| s.as_ref().is_none_or(|s| s.progress.stage != progress.stage)) {
                        // Where the worker's time goes, for bench/load-breakdown.mjs.
                        mark(&format!("stance-load-{:?}", progress.stage));
                    }
                    ctx.show(&name, progress)
                }
                Ok(ToPage::Done) => {
                    mark("stance-load-done");
                    // The index's last step in slices, then the swap and the first
                    // drawing of the new corpus in a task of its own.
                    let assembled = receiving.borrow_mut().take();
                    match assembled.map(Assembler::finishing) {
                        Some(Ok(finishing)) => finish_in_slices(ctx, id, name.clone(), finishing),
                        Some(Err(why)) => ctx.end(id, &name, Err(vec![why])),
                        None => ctx.end(id, &name, Err(vec![HandOver::Empty.to_string()])),
                    }
                }
                Ok(ToPage::Failed { problems }) => ctx.end(id, &name, Err(problems)),
                Err(e) => ctx.end(id, &name, Err(vec![HandOver::Unexpected(e.to_string()).to_string()])),
            }
        });
        let name = origin.clone();
        let on_error = Closure::<dyn FnMut(web_sys::ErrorEvent)>::new(move |ev: web_sys::ErrorEvent| {
            ev.prevent_default();
            ctx.end(id, &name, Err(vec![HandOver::WorkerFailed(ev.message()).to_string()]));
        });
        worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
        let request = js_sys::Object::new();
        let _ = js_sys::Reflect::set(&request, &"origin".into(), &JsValue::from_str(&origin));
        let _ = js_sys::Reflect::set(&request, &"input".into(), &input);
        // Bytes are moved to the worker, not copied.
        let posted = match input.dyn_ref::<js_sys::Uint8Array>() {
            Some(bytes) => worker.post_message_with_transfer(&request, &js_sys::Array::of1(&bytes.buffer())),
            None => worker.post_message(&request),
        };
        if let Err(e) = posted {
            worker.terminate();
            let why = e.as_string().unwrap_or_else(|| "it could not be sent to the background loader".into());
            self.notices.push(Level::Error, LoadMessage::NotStarted { origin, why }.to_string(), Vec::new());
            return;
        }
        self.job.set_value(Some(Job { id, worker, _on_message: on_message, _on_error: on_error }));
        self.status.set(Some(LoadStatus { origin, progress: Progress::new(Stage::Read, 0, 1) }));
    }

    /// Builds the corpus on the page's own thread: where no worker can run.
    fn load_here(&self, origin: String, input: JsValue) {
        let (corpus, view, notices) = (self.corpus, self.view, self.notices);
        leptos::task::spawn_local(async move {
            let text = match (input.dyn_ref::<web_sys::Blob>(), input.dyn_ref::<js_sys::Uint8Array>()) {
                (Some(blob), _) => wasm_bindgen_futures::JsFuture::from(blob.text()).await.ok().and_then(|t| t.as_string()),
                (None, Some(bytes)) => String::from_utf8(bytes.to_vec()).ok(),
                (None, None) => input.as_string(),
            };
            match text {
                // The corpus build is in a wasm chunk of its own (crate::split).
                Some(text) => match crate::split::build_packed(origin.clone(), text).await {
                    Ok(built) => super::corpus_loader::apply(corpus, view, notices, &origin, built),
                    Err(_) => notices.push(Level::Error, crate::split::chunk_failed("The corpus builder"), Vec::new()),
                },
                None => notices.push(Level::Error, LoadMessage::Unreadable { origin }.to_string(), Vec::new()),
            }
        });
    }

    /// Puts `loaded` on screen in the steps of [`Swap`], each in a task of its own.
    fn swap_in(&self, origin: String, loaded: Loaded) {
        let id = self.swap_id.get_value() + 1;
        self.swap_id.set_value(id);
        swap_step(*self, id, Swap::Clear, Some((origin, loaded)));
    }

    fn show(&self, origin: &str, progress: Progress) {
        let changed = self.status.with_untracked(|s| s.as_ref().is_none_or(|s| s.progress.stage != progress.stage || s.progress.percent() != progress.percent()));
        if changed {
            self.status.set(Some(LoadStatus { origin: origin.to_string(), progress }));
        }
    }
}


/// A new load worker (a module worker running [`WORKER_URL`]), if the page can start one.
fn new_worker() -> Option<web_sys::Worker> {
    let options = web_sys::WorkerOptions::new();
    options.set_type(web_sys::WorkerType::Module);
    web_sys::Worker::new_with_options(WORKER_URL, &options).ok()
}

/// Most milliseconds of index work in one task before yielding to the browser.
const SLICE_MS: f64 = 12.0;

/// Runs `step` (a bounded piece of work; `true` once all is done) of load `id` over
/// `state` in tasks of at most about [`SLICE_MS`], each recorded as the performance
/// measure `measure`, then `then` with the state, in the task of the last slice. Each
/// slice is queued through a `MessageChannel` ([`next_task`]), not `setTimeout(0)`,
/// which the browser clamps to 4 ms once nested: no idle gap between slices. Stops if
/// the load is cancelled or replaced meanwhile.
fn run_sliced<S: 'static>(ctx: LoadCtx, id: u64, measure: &'static str, mut state: S, step: fn(&mut S) -> bool, then: impl FnOnce(S) + 'static) {
    next_task(move || {
        if !ctx.is_current(id) {
            return;
        }
        let now = || window().performance().map_or(0.0, |p| p.now());
        let start = now();
        let done = timed(measure, || loop {
            if step(&mut state) {
                break true;
            }
            if now() - start > SLICE_MS {
                break false;
            }
        });
        if done {
            then(state);
        } else {
            run_sliced(ctx, id, measure, state, step, then);
        }
    });
}

/// Finishes the index of load `id` in slices ([`Finishing::step`]), then makes the
/// timeline's data for the lane mode on screen in slices ([`TimelineBuild::step`],
/// kept in [`Loaded::timeline`], so neither the swap nor the chart's first drawing
/// makes it in one task), then swaps the corpus in, in a task of its own.
fn finish_in_slices(ctx: LoadCtx, id: u64, name: String, finishing: Finishing) {
    run_sliced(ctx, id, "stance-index-slice", finishing, |f| f.step(FINISH_BUDGET), move |finishing| {
        let skipped = finishing.skipped.clone();
        let (corpus, index) = timed("stance-index-finish", || finishing.finish());
        let loaded = Loaded::new(corpus, index, name.clone(), skipped);
        let build = TimelineBuild::new(ctx.view.lanes.get_untracked());
        run_sliced(ctx, id, "stance-timeline-slice", (loaded, build), |(loaded, build)| build.step(&loaded.corpus, TIMELINE_BUDGET), move |(loaded, build)| {
            let mode = build.mode();
            loaded.set_timeline(mode, build.finish(&loaded.corpus));
            set_timeout(move || ctx.end(id, &name, Ok(loaded)), std::time::Duration::ZERO);
        });
    });
}

/// Runs `f` in a task of its own, queued right away (a message on one
/// `MessageChannel` kept for the page: no 4 ms clamping as nested `setTimeout(0)`
/// has); `setTimeout(0)` where the page has no `MessageChannel`.
fn next_task(f: impl FnOnce() + 'static) {
    type Queue = RefCell<std::collections::VecDeque<Box<dyn FnOnce()>>>;
    thread_local! {
        static QUEUE: Rc<Queue> = Rc::default();
        static PORT: Option<MessagePort> = {
            let channel = MessageChannel::new().ok()?;
            let queue = QUEUE.with(Rc::clone);
            let run = Closure::<dyn FnMut()>::new(move || {
                let next = queue.borrow_mut().pop_front();
                if let Some(f) = next {
                    f();
                }
            });
            channel.port1().set_onmessage(run.as_ref());
            // The handler lives as long as the page.
            run.forget();
            Some(channel.port2())
        };
    }
    match PORT.with(|p| p.clone()) {
        Some(port) => {
            QUEUE.with(|q| q.borrow_mut().push_back(Box::new(f)));
            port.post_message(&JsValue::NULL);
        }
        None => set_timeout(f, std::time::Duration::ZERO),
    }
}

#[wasm_bindgen]
extern "C" {
    /// The DOM's `MessageChannel` (declared here: web-sys's needs a feature of its own).
    type MessageChannel;
    #[wasm_bindgen(catch, constructor)]
    fn new() -> Result<MessageChannel, JsValue>;
    #[wasm_bindgen(method, getter)]
    fn port1(this: &MessageChannel) -> MessagePort;
    #[wasm_bindgen(method, getter)]
    fn port2(this: &MessageChannel) -> MessagePort;
    #[derive(Clone)]
    type MessagePort;
    #[wasm_bindgen(method, setter)]
    fn set_onmessage(this: &MessagePort, handler: &JsValue);
    #[wasm_bindgen(method, js_name = postMessage)]
    fn post_message(this: &MessagePort, message: &JsValue);
}

/// Units of [`TimelineBuild::step`] between two looks at the clock (about a
/// statement's work each).
const TIMELINE_BUDGET: usize = 2048;

/// Runs step `step` of swap `id` (unless a newer swap has started), then the next one
/// in a task of its own. Each step's performance measure ([`Swap::measure_name`]) runs
/// from its start to the start of the next step's task, so it includes the reactive
/// updates and the drawing the step caused.
fn swap_step(ctx: LoadCtx, id: u64, step: Swap, mut pending: Option<(String, Loaded)>) {
    if ctx.swap_id.try_get_value() != Some(id) {
        return;
    }
    mark(&format!("{}-start", step.measure_name()));
    match step {
        Swap::Install => {
            if let Some((origin, loaded)) = pending.take() {
                install(ctx.corpus, ctx.view, ctx.notices, &origin, loaded);
            }
        }
        Swap::Results => {
            if let Some(results) = ctx.results {
                results.with_untracked(|_| ());
            }
        }
        Swap::Clear | Swap::Search | Swap::Views | Swap::Marks | Swap::List => {}
    }
    ctx.swap.set(step);
    let ended = move || measure_since_mark(step.measure_name());
    match step.next() {
        Some(next) => set_timeout(
            move || {
                ended();
                swap_step(ctx, id, next, pending);
            },
            std::time::Duration::ZERO,
        ),
        None => {
            set_timeout(ended, std::time::Duration::ZERO);
            // The mark the benchmark waits for.
            mark_shown();
        }
    }
}

fn mark(name: &str) {
    if let Some(p) = window().performance() {
        let _ = p.mark(name);
    }
}

/// Records a performance measure `name` from the mark `{name}-start`.
fn measure_since_mark(name: &str) {
    if let Some(p) = window().performance() {
        let _ = p.measure_with_start_mark(name, &format!("{name}-start"));
    }
}

/// Mounts `children` (a panel of kind `panel`) only once the swap of a new corpus has
/// reached the step that draws it ([`Swap::shows`]); until then, an empty placeholder
/// of about its height. Outside a swap (and where no load can run) the children are
/// simply there. (A component over `ChildrenFn` rather than a function generic over
/// the panel's view: measured about 30 KB less code before wasm-opt.)
#[component]
pub fn Staged(
    /// What kind of panel the children are.
    panel: Panel,
    children: ChildrenFn,
) -> impl IntoView {
    let shown = use_shown(panel);
    let class = match panel {
        Panel::Search => "st-staged st-staged--search",
        Panel::View => "st-staged st-staged--view",
        Panel::Marks => "st-staged st-staged--marks",
        Panel::List => "st-staged st-staged--list",
    };
    view! {
        <Show when=shown fallback=move || view! { <div class=class aria-busy="true"></div> }>
            {children()}
        </Show>
    }
}

/// Whether `panel` is drawn: once the swap of a new corpus has reached its step
/// ([`Swap::shows`]); always outside a swap and where no load can run. For panels
/// that need no placeholder (the timeline's marks, inside its `<svg>`).
pub fn use_shown(panel: Panel) -> impl Fn() -> bool + Copy + Send + Sync + 'static {
    let swap = use_context::<LoadCtx>().map(|c| c.swap);
    move || swap.is_none_or(|s| s.get().shows(panel))
}

/// Runs `f`, recording its duration as a performance measure named `name` (read by
/// bench/run-app-bench.mjs).
fn timed<T>(name: &str, f: impl FnOnce() -> T) -> T {
    let perf = window().performance();
    let start = format!("{name}-start");
    if let Some(p) = &perf {
        let _ = p.mark(&start);
    }
    let out = f();
    if let Some(p) = &perf {
        let _ = p.measure_with_start_mark(name, &start);
    }
    out
}

/// The progress of a running load, with a Cancel button; nothing when none runs.
#[component]
pub fn LoadProgress(
    /// The load to show.
    ctx: LoadCtx,
) -> impl IntoView {
    let status = Memo::new(move |_| ctx.status());
    let running = move || status.with(|s| s.is_some());
    let percent = move || status.with(|s| s.as_ref().map_or(0, |s| s.progress.percent()));
    let name = move || status.with(|s| s.as_ref().map(|s| format!("Loading {}", s.origin)).unwrap_or_default());
    let text = move || status.with(|s| s.as_ref().map(|s| s.progress.describe()).unwrap_or_default());
    view! {
        <Show when=running>
            <div class="st-loading">
                <progress class="st-loading__bar" max="100" value=percent aria-label=name aria-valuetext=text></progress>
                <span class="st-loading__text" aria-hidden="true">{text}</span>
                <button type="button" class="st-button st-loading__cancel" on:click=move |_| ctx.cancel()>
                    "Cancel"
                </button>
            </div>
        </Show>
    }
}

/// Is this page the one-file build (which sets `window.__stanceSingleFile`)?
pub fn single_file() -> bool {
    js_sys::Reflect::get(&window(), &JsValue::from_str("__stanceSingleFile")).is_ok_and(|v| v.is_truthy())
}
