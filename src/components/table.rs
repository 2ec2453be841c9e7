//! (placeholder)
use leptos::prelude::*;

#[component]
pub fn TableView() -> impl IntoView {
    view! { <p>"Coming soon"</p> }
}
