//! Stance app shell: thin Leptos components over [`stance_core`].
//!
//! - [`app`]: the root component; loads the corpus and provides it through context.
//! - [`state`]: the context types ([`state::CorpusCtx`]) and their `use_*` helpers.
//! - [`components`]: one file per part of the screen.
//! - [`embed`]: the embed form for other pages, its host messages, and the Embed dialog.
//! - [`fatal`]: the panic hook that shows an error instead of a blank page.
//! - [`split`]: code loaded when first needed (the views a click opens, the corpus
//!   build), in wasm chunks of their own in the release build.
//! - [`worker`]: the corpus-load worker's entry (the same wasm, run in a Web Worker).
//!
//! All behaviour (parsing, segmentation, search, layout, URL state) lives in the core;
//! components bind what it computed to attributes and text, never to HTML.

pub mod app;
pub mod components;
pub mod embed;
pub mod fatal;
pub mod split;
pub mod state;
pub mod worker;
