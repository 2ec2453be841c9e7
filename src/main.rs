//! Entry point: installs the panic hook and mounts the app. Everything else is in the library.

fn main() {
    // In the corpus-load worker (public/load-worker.js) there is no page to mount on.
    if web_sys::window().is_none() {
        return;
    }
    stance::app::mark("stance-main");
    stance::fatal::install_panic_hook();
    leptos::mount::mount_to_body(stance::app::App);
    stance::app::mark("stance-mounted");
}
