//! A corpus named by a link (`corpus=URL`): asked about first when it comes from another
//! site, fetched with a size limit, a timeout and a Cancel, and marked as foreign for as
//! long as it is on screen.
//!
//! - [`ForeignCtx`] holds the stage of a fetch ([`Stage`]: idle, asking, fetching) and
//!   the foreign corpus now shown, if any. [`ForeignCtx::start`] begins with a link's
//!   address; the decisions (scheme, same origin, redirect, size, messages) are
//!   `stance_core::origin`'s, this file only binds them to the browser.
//! - [`ForeignCorpus`] shows the question ("Load them?"), the download with its Cancel,
//!   and the banner that names the source while a foreign corpus is shown. The banner
//!   cannot be dismissed: it goes away with the corpus ("Back to the shipped corpus").
//! - The download ([`fetch_capped`]) and the question are in the `foreign` wasm chunk
//!   of the split release build (`crate::split`), fetched when a link names a corpus.
//! - [`forget_corpus_param`] takes `corpus=` out of the address bar without a new history
//!   entry, so neither Back nor a reload fetches it again.

use super::notices::{Level, NoticesCtx};
use crate::state::{use_corpus, ViewCtx};
use js_sys::{Reflect, Uint8Array};
use leptos::prelude::*;
use leptos::task::spawn_local;
use stance_core::view::messages::LoadMessage;
use stance_core::origin::{
    self, banner_text, judge, needs_prompt, prompt_text, redirect_note, Address, FetchError, Refusal, SizeGuard, Verdict,
};
use std::sync::Arc;
use std::time::Duration;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{AbortController, ReadableStreamDefaultReader, RequestCredentials, RequestInit, Response};

/// Where a link's corpus is on its way in.
#[derive(Clone, Debug, PartialEq)]
pub enum Stage {
    Idle,
    /// Waiting for the reader: load statements from `address`? `fetched` holds the text
    /// when the question comes after the download (a redirect to an origin not agreed to).
    Asking { address: Address, redirect: Option<String>, fetched: Option<Arc<String>> },
    /// Downloading from `host`.
    Fetching { host: String },
}

/// The foreign corpus on screen: where it finally came from, and what a redirect did.
#[derive(Clone, Debug, PartialEq)]
pub struct Shown {
    pub address: Address,
    pub redirect: Option<String>,
}

/// Receives a fetched corpus: (its final address, its text).
pub type OnText = Callback<(String, String)>;

/// The state of a link's corpus, provided by the explorer.
#[derive(Clone, Copy)]
pub struct ForeignCtx {
    pub stage: RwSignal<Stage>,
    /// Bytes received by the download in progress.
    pub received: RwSignal<u64>,
    /// The last foreign corpus handed over; the banner shows while it is the one on screen.
    pub shown: RwSignal<Option<Shown>>,
    controller: StoredValue<Option<AbortController>, LocalStorage>,
    /// Why the download was aborted (timeout or Cancel), to say so instead of "aborted".
    abort_reason: StoredValue<Option<FetchError>>,
    on_text: StoredValue<Option<OnText>>,
    notices: NoticesCtx,
    view: ViewCtx,
    page_origin: StoredValue<String>,
    timeout_ms: u32,
}

impl ForeignCtx {
    pub fn new(notices: NoticesCtx, view: ViewCtx) -> Self {
        let location = window().location();
        Self {
            stage: RwSignal::new(Stage::Idle),
            received: RwSignal::new(0),
            shown: RwSignal::new(None),
            controller: StoredValue::new_local(None),
            abort_reason: StoredValue::new(None),
            on_text: StoredValue::new(None),
            notices,
            view,
            page_origin: StoredValue::new(location.origin().unwrap_or_default()),
            timeout_ms: origin::fetch_timeout_ms(&location.search().unwrap_or_default(), &location.hash().unwrap_or_default()),
        }
    }

    /// Begins with the address a link names (relative to the page): refuses it, fetches
    /// it (this site's own), or asks first (another site). `on_text` gets the result.
    pub fn start(&self, url: String, on_text: OnText) {
        self.on_text.set_value(Some(on_text));
        let base = window().location().href().unwrap_or_default();
        let resolved = web_sys::Url::new_with_base(&url, &base).map(|u| u.href());
        let verdict = match resolved {
            Ok(href) => judge(&href, &self.page_origin.get_value()),
            Err(_) => Err(Refusal::NotUrl(url)),
        };
        match verdict {
            Ok(Verdict::SameOrigin(address)) => self.fetch(address, None),
            Ok(Verdict::AskFirst(address)) => self.stage.set(Stage::Asking { address, redirect: None, fetched: None }),
            Err(refusal) => {
                self.notices.push(Level::Warning, LoadMessage::Refused(refusal).to_string(), Vec::new());
                forget_corpus_param(self.view);
            }
        }
    }

    /// "Load": the reader agrees to the site asked about.
    pub fn accept(&self) {
        let Stage::Asking { address, redirect, fetched } = self.stage.get_untracked() else { return };
        self.stage.set(Stage::Idle);
        match fetched {
            Some(text) => self.deliver(address, redirect, text.to_string()),
            None => {
                let agreed = address.origin.clone();
                self.fetch(address, Some(agreed));
            }
        }
    }

    /// "Keep the shipped corpus": nothing is fetched, and the link forgets the address.
    pub fn decline(&self) {
        self.stage.set(Stage::Idle);
        forget_corpus_param(self.view);
        self.notices.push(Level::Info, "Kept the corpus this site ships; the link's corpus was not loaded.", Vec::new());
    }

    /// "Cancel": stops the download in progress.
    pub fn cancel(&self) {
        self.abort(FetchError::Cancelled);
    }

    fn abort(&self, why: FetchError) {
        if let Some(controller) = self.controller.get_value() {
            self.abort_reason.set_value(Some(why));
            controller.abort();
        }
    }

    fn fetch(&self, address: Address, agreed: Option<String>) {
        let Ok(controller) = AbortController::new() else {
            self.fail(&address.href, FetchError::Network("this browser cannot stop a download (no AbortController)".into()));
            return;
        };
        self.controller.set_value(Some(controller.clone()));
        self.abort_reason.set_value(None);
        self.received.set(0);
        self.stage.set(Stage::Fetching { host: address.host_name().to_string() });
        let ctx = *self;
        let timer = set_timeout_with_handle(
            move || ctx.abort(FetchError::TimedOut(ctx.timeout_ms)),
            Duration::from_millis(u64::from(self.timeout_ms)),
        );
        spawn_local(async move {
            // The download is in the `foreign` wasm chunk (crate::split).
            let result = match download(address.href.clone(), controller.clone(), ctx.received).await {
                Ok(fetching) => fetching.await,
                Err(_) => Err(FetchError::Network(crate::split::chunk_failed("The corpus download"))),
            };
            if let Ok(timer) = timer {
                timer.clear();
            }
            controller.abort(); // Releases whatever is left of the body after an early stop.
            ctx.controller.set_value(None);
            ctx.stage.set(Stage::Idle);
            let result = match ctx.abort_reason.try_update_value(|r| r.take()).flatten() {
                Some(why) => Err(why),
                None => result,
            };
            match result {
                Ok((final_url, text)) => {
                    let redirect = redirect_note(&address.href, &final_url);
                    let final_address = Address::parse(&final_url).unwrap_or(address);
                    let page = ctx.page_origin.get_value();
                    if needs_prompt(&final_address.origin, &page, agreed.as_deref()) {
                        let fetched = Some(Arc::new(text));
                        ctx.stage.set(Stage::Asking { address: final_address, redirect, fetched });
                    } else {
                        ctx.deliver(final_address, redirect, text);
                    }
                }
                Err(why) => ctx.fail(&address.href, why),
            }
        });
    }

    fn fail(&self, href: &str, why: FetchError) {
        let level = if why == FetchError::Cancelled { Level::Info } else { Level::Error };
        self.notices.push(level, LoadMessage::FetchFailed { href: href.to_string(), why }.to_string(), Vec::new());
    }

    fn deliver(&self, address: Address, redirect: Option<String>, text: String) {
        if let Some(note) = &redirect {
            self.notices.push(Level::Info, note.clone(), Vec::new());
        }
        let href = address.href.clone();
        if address.origin != self.page_origin.get_value() {
            self.shown.set(Some(Shown { address, redirect }));
        }
        if let Some(on_text) = self.on_text.get_value() {
            on_text.run((href, text));
        }
    }
}

pub fn use_foreign() -> ForeignCtx {
    use_context::<ForeignCtx>().expect("ForeignCtx is provided by Explorer")
}

fn network(e: JsValue) -> FetchError {
    let message = e
        .dyn_ref::<js_sys::Error>()
        .map(|e| String::from(e.message()))
        .or_else(|| e.as_string())
        .unwrap_or_else(|| "the request failed".to_string());
    FetchError::Network(message)
}

/// Most milliseconds of reading a response in one task before yielding to the browser.
const READ_SLICE_MS: f64 = 8.0;

/// Fetches `href` without cookies, stopping as soon as the declared or counted size
/// passes the limit. Returns the final URL (after redirects) and the text.
async fn fetch_capped(href: &str, controller: &AbortController, received: RwSignal<u64>) -> Result<(String, String), FetchError> {
    let init = RequestInit::new();
    init.set_signal(Some(&controller.signal()));
    init.set_credentials(RequestCredentials::Omit);
    let answer = JsFuture::from(window().fetch_with_str_and_init(href, &init)).await.map_err(network)?;
    let response: Response = answer.dyn_into().map_err(network)?;
    if !response.ok() {
        return Err(FetchError::Status { code: response.status(), text: response.status_text() });
    }
    let mut guard = SizeGuard::default();
    guard.declared(response.headers().get("content-length").ok().flatten().as_deref())?;
    let final_url = response.url();
    let Some(body) = response.body() else { return Ok((final_url, String::new())) };
    let reader: ReadableStreamDefaultReader = body.get_reader().dyn_into().map_err(|o: js_sys::Object| network(o.into()))?;
    let mut bytes = Vec::new();
    // A response already in the browser's buffers resolves every read at once, so the
    // loop would run to the end in one task (hundreds of milliseconds for 13 MB): yield to
    // the browser after each `READ_SLICE_MS` of it.
    let now = || window().performance().map_or(0.0, |p| p.now());
    let mut slice_start = now();
    loop {
        if now() - slice_start > READ_SLICE_MS {
            gloo::timers::future::TimeoutFuture::new(0).await;
            slice_start = now();
        }
        let chunk = JsFuture::from(reader.read()).await.map_err(network)?;
        let done = Reflect::get(&chunk, &JsValue::from_str("done")).ok().and_then(|d| d.as_bool()).unwrap_or(true);
        if done {
            break;
        }
        let value: Uint8Array = Reflect::get(&chunk, &JsValue::from_str("value")).map_err(network)?.dyn_into().map_err(network)?;
        if let Err(too_large) = guard.add(u64::from(value.length())) {
            let _ = reader.cancel();
            return Err(too_large);
        }
        received.set(guard.received());
        let at = bytes.len();
        bytes.resize(at + value.length() as usize, 0);
        value.copy_to(&mut bytes[at..]);
    }
    String::from_utf8(bytes).map(|text| (final_url, text)).map_err(|_| FetchError::NotText)
}

crate::split_fn!(foreign, /** [`fetch_capped`] of `href`, in the `foreign` chunk (a split function cannot be async: it returns the download to await). */ fn download(href: String, controller: AbortController, received: RwSignal<u64>) -> std::pin::Pin<Box<dyn std::future::Future<Output = Result<(String, String), FetchError>>>> {
    Box::pin(async move { fetch_capped(&href, &controller, received).await })
});

/// Takes `corpus=` (and the test-only timeout) out of the address bar and the view
/// state, replacing the history entry so Back and reload do not fetch it again.
pub fn forget_corpus_param(view: ViewCtx) {
    name_shown_corpus(view, None);
}

/// Makes the current history entry name `shown` (the address of the corpus on screen,
/// None for the shipped one) as its `corpus=`, replacing the entry. Used when the
/// reader leaves a foreign corpus, and when Back or Forward reach an entry recorded
/// while another corpus was shown: going back through history never fetches a corpus,
/// and no entry the reader passes keeps naming a corpus that is not on screen.
pub fn name_shown_corpus(view: ViewCtx, shown: Option<String>) {
    let mut state = view.get_untracked();
    state.corpus = shown;
    view.set_whole(state);
    let location = window().location();
    let mut search = location.search().unwrap_or_default();
    for key in ["corpus", origin::TIMEOUT_PARAM] {
        search = origin::remove_param(&search, key);
    }
    let fragment = view.get_untracked().to_fragment();
    let url = format!("{}{search}{fragment}", location.pathname().unwrap_or_default());
    if let Ok(history) = window().history() {
        let _ = history.replace_state_with_url(&JsValue::NULL, "", Some(&url));
    }
}

/// The question, the download in progress, and the banner naming a foreign corpus.
#[component]
pub fn ForeignCorpus() -> impl IntoView {
    let foreign = use_foreign();
    let corpus = use_corpus();
    let banner = move || {
        let shown = foreign.shown.get()?;
        corpus.with(|c| c.origin == shown.address.href).then_some(shown)
    };
    view! {
        {move || match foreign.stage.get() {
            Stage::Idle => ().into_any(),
            // The question is in the `foreign` wasm chunk (crate::split).
            Stage::Asking { address, redirect, .. } => crate::split::lazy_view("The question about the link's corpus", asking_view(foreign, address, redirect)).into_any(),
            Stage::Fetching { host } => view! {
                <section class="st-foreign st-foreign--fetching" role="status" aria-label="Corpus download">
                    <p class="st-foreign__title">
                        "Fetching the corpus from " {host} "… "
                        {move || LoadMessage::Received { bytes: foreign.received.get() }.to_string()}
                    </p>
                    <button type="button" class="st-button" on:click=move |_| foreign.cancel()>"Cancel"</button>
                </section>
            }.into_any(),
        }}
        {move || banner().map(|shown| view! {
            <section class="st-foreign st-foreign--banner" role="region" aria-label="Where these statements come from">
                <p class="st-foreign__title">{banner_text(&shown.address)}</p>
                <details class="st-foreign__details">
                    <summary>"Show the full address"</summary>
                    <code class="st-foreign__url">{shown.address.href.clone()}</code>
                    {shown.redirect.map(|note| view! { <p class="st-foreign__note">{note}</p> })}
                </details>
            </section>
        })}
    }
}

crate::split_fn!(foreign, /** The question "Load statements from this site?", with Load and Keep. */ fn asking_view(foreign: ForeignCtx, address: Address, redirect: Option<String>) -> AnyView {
    // The question is asked at once: the reader's focus goes to it.
    let load = NodeRef::<leptos::html::Button>::new();
    Effect::new(move |_| {
        if let Some(button) = load.get() {
            let _ = button.focus();
        }
    });
    view! {
    <section class="st-foreign st-foreign--ask" role="alertdialog" aria-modal="false"
        aria-labelledby="st-foreign-question" aria-describedby="st-foreign-address">
        <p id="st-foreign-question" class="st-foreign__title">{prompt_text(&address)}</p>
        {redirect.map(|note| view! { <p class="st-foreign__note">{note}</p> })}
        <p id="st-foreign-address" class="st-foreign__address">
            "Full address: " <code class="st-foreign__url">{address.href.clone()}</code>
        </p>
        <div class="st-foreign__actions">
            <button type="button" class="st-button" node_ref=load on:click=move |_| foreign.accept()>"Load"</button>
            <button type="button" class="st-button" on:click=move |_| foreign.decline()>"Keep the shipped corpus"</button>
        </div>
    </section>
    }.into_any()
});
