//! (placeholder)
use leptos::prelude::*;

#[component]
pub fn TimelineView() -> impl IntoView {
    view! { <super::search::ResultList/> }
}
