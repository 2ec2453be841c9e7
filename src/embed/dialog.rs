//! The "Embed" dialog: the snippets that put the current view (or the selected
//! statement as a quote card) in another page, with copy buttons and a live preview.
//! The snippets are written by `stance_core::embed::snippets`. The dialog's content is in
//! the `embed_dialog` wasm chunk (`crate::split`), fetched when it first opens.

use crate::state::{use_corpus, use_view};
use leptos::html::Dialog;
use leptos::prelude::*;
use stance_core::embed::snippets;
use stance_core::view::messages::embed_title;
use stance_core::view::summary::speaker_name;

/// What the dialog is open for: `None` closed, `Some(false)` the view, `Some(true)` the
/// selected statement's quote card.
#[derive(Clone, Copy)]
pub struct EmbedDialogCtx(pub RwSignal<Option<bool>>);

impl EmbedDialogCtx {
    pub fn new() -> Self {
        Self(RwSignal::new(None))
    }

    /// Opens the dialog for the view (`quote = false`) or the selected statement.
    pub fn open(&self, quote: bool) {
        self.0.set(Some(quote));
    }
}

impl Default for EmbedDialogCtx {
    fn default() -> Self {
        Self::new()
    }
}

pub fn use_embed_dialog() -> Option<EmbedDialogCtx> {
    use_context::<EmbedDialogCtx>()
}

/// The address of this Stance site (the folder of the page), for snippets.
fn site_url() -> String {
    let href = window().location().href().unwrap_or_default();
    web_sys::Url::new_with_base("./", &href).map(|u| u.href()).unwrap_or(href)
}

/// The button that opens the dialog for the current view.
#[component]
pub fn EmbedButton() -> impl IntoView {
    let dialog = use_embed_dialog();
    view! {
        <button type="button" class="st-button" on:click=move |_| if let Some(d) = dialog { d.open(false) }>"Embed"</button>
    }
}

/// The dialog itself (rendered once by the app; shown when [`EmbedDialogCtx`] says so).
#[component]
pub fn EmbedDialog() -> impl IntoView {
    let Some(ctx) = use_embed_dialog() else { return ().into_any() };
    let dialog = NodeRef::<Dialog>::new();
    Effect::new(move |_| {
        if let Some(el) = dialog.get() {
            match ctx.0.get() {
                Some(_) if !el.open() => {
                    let _ = el.show_modal();
                }
                None if el.open() => el.close(),
                _ => {}
            }
        }
    });
    let copied = RwSignal::new(None::<&'static str>);
    view! {
        <dialog class="st-dialog" node_ref=dialog aria-labelledby="st-embed-title" on:close=move |_| { ctx.0.set(None); copied.set(None); }>
            // The snippets and the preview are in the `embed_dialog` wasm chunk
            // (crate::split), fetched when the dialog first opens.
            {move || ctx.0.with(Option::is_some).then(|| crate::split::lazy_view("The Embed dialog", dialog_body(ctx, copied)))}
            <form method="dialog" class="st-dialog__actions">
                <button type="submit" class="st-button">"Close"</button>
            </form>
        </dialog>
    }
    .into_any()
}

crate::split_fn!(embed_dialog, /** The dialog's snippets, copy buttons and preview, for what `ctx` is open for. */ fn dialog_body(ctx: EmbedDialogCtx, copied: RwSignal<Option<&'static str>>) -> AnyView {
    let view = use_view();
    let corpus = use_corpus();
    let content = move || {
        let quote = ctx.0.get()?;
        let state = view.state();
        let title = corpus.with(|l| {
            let c = &l.corpus;
            let speaker = state.selected.as_deref().and_then(|id| c.statement_by_id(id)).filter(|_| quote).map(|(_, s)| speaker_name(c, s));
            embed_title(speaker, state.view.as_str(), &c.meta.title)
        });
        Some((quote, snippets(&site_url(), &state, quote, &title), title))
    };
    let copy = move |what: &'static str, text: String| {
        let _ = window().navigator().clipboard().write_text(&text);
        copied.set(Some(what));
    };
    view! {
            {move || content().map(|(quote, s, title)| {
                let loader = s.loader.clone();
                let iframe = s.iframe.clone();
                view! {
                    <h2 id="st-embed-title" class="st-dialog__title">{if quote { "Embed this statement" } else { "Embed this view" }}</h2>
                    <p class="st-dialog__hint">"Paste one of these into your page. The first sizes itself to its content; the second works anywhere, at a fixed height."</p>
                    <label class="st-dialog__label" for="st-embed-loader">"With the loader (recommended)"</label>
                    <textarea id="st-embed-loader" class="st-dialog__code" readonly rows="4" prop:value=s.loader.clone()></textarea>
                    <button type="button" class="st-button" on:click=move |_| copy("loader", loader.clone())>
                        {move || if copied.get() == Some("loader") { "Copied" } else { "Copy loader snippet" }}
                    </button>
                    <label class="st-dialog__label" for="st-embed-iframe">"Plain iframe"</label>
                    <textarea id="st-embed-iframe" class="st-dialog__code" readonly rows="3" prop:value=s.iframe.clone()></textarea>
                    <button type="button" class="st-button" on:click=move |_| copy("iframe", iframe.clone())>
                        {move || if copied.get() == Some("iframe") { "Copied" } else { "Copy iframe snippet" }}
                    </button>
                    <p class="st-dialog__label">"Preview"</p>
                    <iframe class="st-dialog__preview" class:st-dialog__preview--quote=quote src=s.src.clone() title=format!("Preview: {title}")></iframe>
                }
            })}
    }
    .into_any()
});
