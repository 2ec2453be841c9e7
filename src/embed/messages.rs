//! The embed protocol over `postMessage` (the rules and checks are in
//! `stance_core::embed`; this file only moves messages between the page and the core).
//!
//! Out: `ready` once the view is on screen; `height` whenever the content's height
//! changes (a `ResizeObserver` on the embed's root); `select` and `view` when the reader
//! selects a statement or changes the view. In: host messages, acted on only when they
//! come from the parent window, from the `host` origin if the link names one, and pass
//! `HostMessage::parse`; a refused Stance message is answered with `refused`.

use super::{app_link, apply_theme};
use crate::state::{use_corpus, use_view};
use leptos::prelude::*;
use serde::Serialize;
use stance_core::embed::{origin_allowed, selected_statement, EmbedOptions, FrameMessage, HostMessage, ProtocolError};
use stance_core::url_state::{max_url_day, min_url_day};
use stance_core::view::Intent;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// Sends `message` to the parent window (nothing when the page is not in a frame).
fn post(options: &EmbedOptions, message: &FrameMessage) {
    let Ok(Some(parent)) = window().parent() else { return };
    if js_sys::Object::is(&parent, &window()) {
        return;
    }
    let value = message.to_value(options.embed_id.as_deref());
    let Ok(js) = value.serialize(&serde_wasm_bindgen::Serializer::json_compatible()) else { return };
    // Addressed to the host's origin when the link names one, so nobody else reads it.
    let target = options.host.as_deref().unwrap_or("*");
    let _ = parent.post_message(&js, target);
}

/// Starts the conversation with the host page for the embed rooted at `root`.
pub fn connect(options: EmbedOptions, root: NodeRef<leptos::html::Div>) {
    let corpus = use_corpus();
    let view = use_view();

    // In: host messages.
    let opts = options.clone();
    let handle = window_event_listener(leptos::ev::message, move |ev: web_sys::MessageEvent| {
        let from_parent = match (ev.source(), window().parent()) {
            (Some(source), Ok(Some(parent))) => js_sys::Object::is(&source, &parent),
            _ => false,
        };
        if !from_parent || !origin_allowed(opts.host.as_deref(), &ev.origin()) {
            return;
        }
        let Ok(value) = serde_wasm_bindgen::from_value::<serde_json::Value>(ev.data()) else { return };
        match HostMessage::parse(&value) {
            Ok(message) => apply(&opts, message, view, corpus),
            Err(ProtocolError::NotStance) => {}
            Err(e) => post(&opts, &FrameMessage::Refused { reason: e.to_string() }),
        }
    });
    on_cleanup(move || handle.remove());

    // Out: the selection and the view, when they change (not at start).
    let opts = options.clone();
    Effect::new(move |prev: Option<Option<String>>| {
        let selected = view.selected.get();
        if prev.is_some_and(|p| p != selected) {
            let statement = selected.as_deref().and_then(|id| {
                corpus.with_untracked(|l| {
                    let (_, s) = l.corpus.statement_by_id(id)?;
                    let permalink = app_link(&view.get_untracked().to_fragment());
                    Some(selected_statement(&l.corpus, s, permalink))
                })
            });
            post(&opts, &FrameMessage::Select { statement });
        }
        selected
    });
    let opts = options.clone();
    Effect::new(move |prev: Option<String>| {
        let fragment = view.state().to_fragment();
        if prev.as_ref().is_some_and(|p| *p != fragment) {
            post(&opts, &FrameMessage::View { link: app_link(&fragment) });
        }
        fragment
    });

    // Out: the content's height, whenever it changes.
    let opts = options.clone();
    let last_height = StoredValue::new(0u32);
    let on_resize = Closure::<dyn FnMut()>::new(move || {
        let Some(el) = root.get_untracked() else { return };
        let height = el.get_bounding_client_rect().height().ceil().max(0.0) as u32;
        if height != last_height.get_value() {
            last_height.set_value(height);
            post(&opts, &FrameMessage::Height { height });
        }
    });
    let callback: js_sys::Function = on_resize.as_ref().unchecked_ref::<js_sys::Function>().clone();
    // Kept alive as long as the embed (dropped with its reactive owner).
    let _keep = StoredValue::new_local(on_resize);
    let observer = web_sys::ResizeObserver::new(&callback).ok();
    if let Some(obs) = observer.clone() {
        let obs = send_wrapper::SendWrapper::new(obs);
        on_cleanup(move || obs.disconnect());
    }
    let opts = options;
    Effect::new(move |_| {
        if let (Some(el), Some(obs)) = (root.get(), observer.as_ref()) {
            obs.observe(&el);
            let link = app_link(&view.get_untracked().to_fragment());
            let name = if opts.quote { stance_core::embed::QUOTE_PATH } else { view.get_untracked().view.as_str() };
            post(&opts, &FrameMessage::Ready { view: name.to_string(), link });
        }
    });
}

/// Does what a checked host message asks.
fn apply(options: &EmbedOptions, message: HostMessage, view: crate::state::ViewCtx, corpus: RwSignal<std::sync::Arc<crate::state::Loaded>>) {
    match message {
        HostMessage::SetQuery(q) => view.send(Intent::SetQuery(q)),
        HostMessage::Select(None) => view.send(Intent::Select(None)),
        HostMessage::Select(Some(id)) => {
            if corpus.with_untracked(|l| l.corpus.statement_by_id(&id).is_some()) {
                view.send(Intent::Select(Some(id)));
            } else {
                let reason = format!("no statement '{}' in this corpus", stance_core::text::fit_chars(&id, 40));
                post(options, &FrameMessage::Refused { reason });
            }
        }
        HostMessage::SetWindow { from, to } => view.send(Intent::SetWindow(match (from, to) {
            (None, None) => None,
            (f, t) => Some((f.map_or(min_url_day(), |d| d.first_day()), t.map_or(max_url_day(), |d| d.last_day()))),
        })),
        HostMessage::SetTheme(theme) => apply_theme(theme),
    }
}
