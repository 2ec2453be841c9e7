//! (placeholder)
use leptos::prelude::*;

#[component]
pub fn PositionsView() -> impl IntoView {
    view! { <p>"Coming soon"</p> }
}
