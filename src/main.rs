//! Entry point: installs the panic hook and mounts the app. Everything else is in the library.

fn main() {
    stance::fatal::install_panic_hook();
    leptos::mount::mount_to_body(stance::app::App);
}
