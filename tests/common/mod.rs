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

/// Mounts the explorer over the bundled corpus, at URL fragment `hash`, into a fresh
/// container appended to the body (remove it at the end of the test).
pub fn mount_explorer(hash: &str) -> web_sys::HtmlElement {
    let _ = window().location().set_hash(hash);
    let container = document().create_element("div").unwrap().unchecked_into::<web_sys::HtmlElement>();
    document().body().unwrap().append_child(&container).unwrap();
    let loaded = bundled();
    leptos::mount::mount_to(container.clone(), move || view! { <Explorer loaded=loaded/> }).forget();
    container
}
