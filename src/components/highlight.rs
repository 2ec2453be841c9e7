//! Text with highlighted stretches, built as text nodes and `<mark>` elements (never HTML).

use leptos::prelude::*;

/// Cuts `text` (which starts at byte `base` of its document) into plain and highlighted
/// pieces by `highlights` (absolute byte ranges, any order; out-of-range parts ignored).
pub fn pieces(text: &str, base: usize, highlights: &[(usize, usize)]) -> Vec<(String, bool)> {
    let mut ranges: Vec<(usize, usize)> = highlights
        .iter()
        .filter_map(|&(a, b)| {
            let a = a.saturating_sub(base).min(text.len());
            let b = b.saturating_sub(base).min(text.len());
            (a < b && text.is_char_boundary(a) && text.is_char_boundary(b)).then_some((a, b))
        })
        .collect();
    ranges.sort_unstable();
    let mut out = Vec::new();
    let mut at = 0;
    for (a, b) in ranges {
        let a = a.max(at);
        if a >= b {
            continue;
        }
        if a > at {
            out.push((text[at..a].to_string(), false));
        }
        out.push((text[a..b].to_string(), true));
        at = b;
    }
    if at < text.len() {
        out.push((text[at..].to_string(), false));
    }
    out
}

/// `text` with its highlighted stretches in `<mark>`.
#[component]
pub fn Highlighted(
    /// The text to show.
    text: String,
    /// Byte offset of `text` in its document.
    base: usize,
    /// Absolute byte ranges to highlight.
    highlights: Vec<(usize, usize)>,
) -> impl IntoView {
    pieces(&text, base, &highlights)
        .into_iter()
        .map(|(t, hit)| if hit { view! { <mark class="st-hl">{t}</mark> }.into_any() } else { t.into_any() })
        .collect_view()
}
