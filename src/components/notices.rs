//! Notices: short messages about what went wrong and what was done instead
//! (a bad URL parameter, a corpus file that could not be loaded...). Above them, what
//! [`super::foreign`] shows about a corpus from a link.

use super::foreign::ForeignCorpus;
use leptos::prelude::*;

/// How a notice should look.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Level {
    Info,
    Warning,
    Error,
}

/// One message, with optional detail lines (e.g. one per corpus problem).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Notice {
    pub id: u64,
    pub level: Level,
    pub title: String,
    pub details: Vec<String>,
}

/// The notices shown under the header.
#[derive(Clone, Copy)]
pub struct NoticesCtx {
    list: RwSignal<Vec<Notice>>,
    next_id: StoredValue<u64>,
}

impl NoticesCtx {
    pub fn new() -> Self {
        Self { list: RwSignal::new(Vec::new()), next_id: StoredValue::new(1) }
    }

    pub fn push(&self, level: Level, title: impl Into<String>, details: Vec<String>) {
        let id = self.next_id.get_value();
        self.next_id.set_value(id + 1);
        let title = title.into();
        // Lists already capped (the load worker's) keep their closing count line.
        let details = if details.len() > stance_core::view::messages::MAX_DETAILS + 1 { stance_core::view::messages::capped_details(details.into_iter()) } else { details };
        self.list.update(|l| {
            l.retain(|n| n.title != title);
            l.push(Notice { id, level, title, details });
        });
    }

    pub fn dismiss(&self, id: u64) {
        self.list.update(|l| l.retain(|n| n.id != id));
    }

    pub fn clear(&self) {
        self.list.set(Vec::new());
    }
}

impl Default for NoticesCtx {
    fn default() -> Self {
        Self::new()
    }
}

pub fn use_notices() -> NoticesCtx {
    use_context::<NoticesCtx>().expect("NoticesCtx is provided by Explorer")
}

/// Where a link's corpus comes from (question, download, banner), then the list of
/// notices in a polite live region.
#[component]
pub fn Notices() -> impl IntoView {
    let notices = use_notices();
    view! {
        <ForeignCorpus/>
        <div class="st-notices" role="status" aria-live="polite">
            <For each=move || notices.list.get() key=|n| n.id let:n>
                <div class=match n.level {
                    Level::Info => "st-notice st-notice--info",
                    Level::Warning => "st-notice st-notice--warning",
                    Level::Error => "st-notice st-notice--error",
                }>
                    <p class="st-notice__title">{n.title.clone()}</p>
                    {(!n.details.is_empty()).then(|| view! {
                        <ul class="st-notice__details">
                            {n.details.iter().map(|d| view! { <li>{d.clone()}</li> }).collect_view()}
                        </ul>
                    })}
                    <button type="button" class="st-button st-notice__close" on:click=move |_| notices.dismiss(n.id)>
                        "Dismiss"
                    </button>
                </div>
            </For>
        </div>
    }
}
