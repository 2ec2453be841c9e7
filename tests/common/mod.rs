//! Set-up shared by the browser test files.
#![allow(dead_code)]

use leptos::prelude::*;
use stance::app::Explorer;
use stance::state::{load_packed, Loaded, BUNDLED_CORPUS, BUNDLED_ORIGIN};
use wasm_bindgen::JsCast;

/// The bundled corpus, built as the app builds it.
pub fn bundled() -> Loaded {
    load_packed(BUNDLED_ORIGIN, BUNDLED_CORPUS).expect("the bundled corpus builds")
}

/// An explorer mounted for one test. Dropping it unmounts the explorer (its effects and
/// window listeners go with it) and removes its container, so tests do not leak into
/// each other. Derefs to the container.
pub struct Mounted {
    root: web_sys::HtmlElement,
    _handle: Box<dyn std::any::Any>,
}

impl std::ops::Deref for Mounted {
    type Target = web_sys::HtmlElement;
    fn deref(&self) -> &web_sys::HtmlElement {
        &self.root
    }
}

impl Drop for Mounted {
    fn drop(&mut self) {
        self.root.remove();
    }
}

/// Mounts the explorer over the bundled corpus, at URL fragment `hash`, into a fresh
/// container appended to the body.
pub fn mount_explorer(hash: &str) -> Mounted {
    let _ = window().location().set_hash(hash);
    let container = document().create_element("div").unwrap().unchecked_into::<web_sys::HtmlElement>();
    document().body().unwrap().append_child(&container).unwrap();
    let loaded = bundled();
    let handle = leptos::mount::mount_to(container.clone(), move || view! { <Explorer loaded=loaded/> });
    Mounted { root: container, _handle: Box::new(handle) }
}
