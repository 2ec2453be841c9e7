//! (placeholder)
use leptos::prelude::*;

#[component]
pub fn CompareView() -> impl IntoView {
    view! { <p>"Coming soon"</p> }
}
