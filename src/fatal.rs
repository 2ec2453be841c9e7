//! Start-up failure and panic reporting: never a blank page.

use wasm_bindgen::prelude::*;

#[wasm_bindgen]
extern "C" {
    /// Defined by public/boot.js: replaces the page with an error message.
    #[wasm_bindgen(js_namespace = window, js_name = __stanceFatal, catch)]
    fn stance_fatal(message: &str) -> Result<(), JsValue>;
}

/// Logs panics to the console (with the message and location) and shows an error view.
pub fn install_panic_hook() {
    std::panic::set_hook(Box::new(|info| {
        console_error_panic_hook::hook(info);
        show_fatal(&format!("Internal error: {info}"));
    }));
}

/// Shows `message` in place of the app (through boot.js, or directly if it is absent).
pub fn show_fatal(message: &str) {
    if stance_fatal(message).is_ok() {
        return;
    }
    if let Some(body) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.body()) {
        body.set_text_content(Some(&format!("Stance could not start. {message}")));
    }
}
