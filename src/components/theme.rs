//! Light / dark theme: follows the system unless the user picks one (stored locally).

use leptos::prelude::*;
pub use stance_core::view::theme::Theme;

/// localStorage key of the chosen theme.
const STORAGE_KEY: &str = "stance.theme";

fn storage() -> Option<web_sys::Storage> {
    window().local_storage().ok().flatten()
}

fn load() -> Theme {
    storage().and_then(|s| s.get_item(STORAGE_KEY).ok().flatten()).map_or(Theme::System, |v| Theme::parse(&v))
}

fn apply(theme: Theme) {
    if let Some(root) = document().document_element() {
        let _ = match theme {
            Theme::System => root.remove_attribute("data-theme"),
            t => root.set_attribute("data-theme", t.as_str()),
        };
    }
    if let Some(s) = storage() {
        let _ = s.set_item(STORAGE_KEY, theme.as_str());
    }
}

/// A button cycling system → light → dark.
#[component]
pub fn ThemeToggle() -> impl IntoView {
    let theme = RwSignal::new(load());
    Effect::new(move |_| apply(theme.get()));
    view! {
        <button
            type="button"
            class="st-button st-theme-toggle"
            title="Switch between the system, light and dark themes"
            on:click=move |_| theme.update(|t| *t = t.next())
        >
            {move || theme.get().label()}
        </button>
    }
}
