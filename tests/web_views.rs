//! Browser tests of the positions, table and compare views, run in headless Chromium by
//! `wasm-bindgen-test-runner`. They assert on text, roles and attributes, never on whole
//! HTML strings.
#![cfg(target_arch = "wasm32")]

use leptos::prelude::*;
use stance_core::view::table::TABLE_PAGE as PAGE;
use stance::state::compute_results;
use stance_core::url_state::ViewState;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

mod common;

use common::{bundled, mount_explorer};

wasm_bindgen_test_configure!(run_in_browser);

/// Lets effects and re-renders run.
async fn settle() {
    gloo::timers::future::TimeoutFuture::new(30).await;
}

fn all(root: &web_sys::HtmlElement, selector: &str) -> Vec<web_sys::HtmlElement> {
    let list = root.query_selector_all(selector).unwrap();
    (0..list.length()).filter_map(|i| list.item(i)).map(|n| n.unchecked_into::<web_sys::HtmlElement>()).collect()
}

fn texts(root: &web_sys::HtmlElement, selector: &str) -> Vec<String> {
    all(root, selector).iter().filter_map(|n| n.text_content()).collect()
}

fn one(root: &web_sys::HtmlElement, selector: &str) -> web_sys::HtmlElement {
    root.query_selector(selector).unwrap().unwrap_or_else(|| panic!("no {selector}")).unchecked_into()
}

/// The button in `root` whose text or aria-label contains `name`.
fn button(root: &web_sys::HtmlElement, name: &str) -> web_sys::HtmlElement {
    all(root, "button")
        .into_iter()
        .find(|b| b.text_content().unwrap_or_default().contains(name) || b.get_attribute("aria-label").unwrap_or_default().contains(name))
        .unwrap_or_else(|| panic!("no button named {name}"))
}

#[wasm_bindgen_test]
fn positions_list_topics_with_chips_and_changes() {
    let root = mount_explorer("#/positions");
    let headings = texts(&root, "section.st-pos-topic > h2");
    assert!(headings.len() >= 5, "{headings:?}");
    assert!(headings.iter().any(|h| h == "US–Russia dialogue"), "{headings:?}");
    let moved = texts(&root, ".st-pos-change--moved");
    assert!(!moved.is_empty(), "at least one changed marker");
    assert!(moved.iter().all(|m| m.starts_with("→ changed")), "{moved:?}");
    // Polarity is said in words and symbols, not colour alone.
    let polarity = texts(&root, ".st-pos-chip__polarity");
    assert!(polarity.iter().any(|p| p.contains("▲") && p.contains("for")), "{polarity:?}");
    assert!(polarity.iter().any(|p| p.contains("▼") && p.contains("against")), "{polarity:?}");
    // Each chip is described by its quotes.
    let chip = one(&root, ".st-pos-chip");
    let quotes = chip.get_attribute("aria-describedby").expect("described by its quotes");
    let list = document().get_element_by_id(&quotes).expect("the quotes list").text_content().unwrap();
    assert!(list.contains('“'), "{list}");
    // Rows are lists; actions are buttons.
    assert!(!all(&root, "ul.st-pos-chips > li").is_empty());
    assert!(button(&root, "Compare Andrey Krutskikh on US–Russia dialogue").tag_name() == "BUTTON");
}

#[wasm_bindgen_test]
fn positions_filter_by_topic_and_actor() {
    let root = mount_explorer("#/positions?topic=bilateral-dialogue");
    assert_eq!(texts(&root, "section.st-pos-topic > h2"), ["US–Russia dialogue"]);
    let actors = texts(&root, ".st-pos-row__actor");
    assert!(actors.contains(&"Andrey Krutskikh".to_string()) && actors.contains(&"Artur Lyukmanov".to_string()), "{actors:?}");
    let select = one(&root, "#st-positions-topic").unchecked_into::<web_sys::HtmlSelectElement>();
    assert_eq!(select.value(), "bilateral-dialogue");
    assert!(root.query_selector("label[for=st-positions-topic]").unwrap().is_some());
    drop(root);

    let root = mount_explorer("#/positions?actor=lyukmanov");
    let actors = texts(&root, ".st-pos-row__actor");
    assert!(!actors.is_empty() && actors.iter().all(|a| a == "Artur Lyukmanov"), "{actors:?}");
}

#[wasm_bindgen_test]
async fn activating_a_chip_opens_its_statement() {
    let root = mount_explorer("#/positions?topic=bilateral-dialogue&actor=lyukmanov");
    one(&root, ".st-pos-chip").click();
    settle().await;
    let panel = one(&root, "aside.st-detail");
    assert_eq!(one(&panel, "h2").text_content().unwrap(), "Artur Lyukmanov");
    assert!(window().location().hash().unwrap().contains("sel="));
    assert_eq!(one(&root, ".st-pos-chip").get_attribute("aria-pressed").as_deref(), Some("true"));
}

#[wasm_bindgen_test]
async fn compare_button_adds_a_stance_and_switches_view() {
    let root = mount_explorer("#/positions?topic=bilateral-dialogue");
    button(&root, "Compare Andrey Krutskikh").click();
    settle().await;
    button(&root, "Remove").click(); // now in the compare view, with one column
    settle().await;
    assert!(all(&root, "article.st-compare__col").is_empty());
    assert!(root.text_content().unwrap().contains("Nothing to compare yet"));
}

#[wasm_bindgen_test]
fn compare_shows_two_stances_side_by_side() {
    let root = mount_explorer("#/compare?cmp=krutskikh:bilateral-dialogue&cmp=lyukmanov:bilateral-dialogue");
    let cols = all(&root, "article.st-compare__col");
    assert_eq!(cols.len(), 2);
    assert_eq!(texts(&root, "article.st-compare__col h2"), ["Andrey Krutskikh", "Artur Lyukmanov"]);
    let first = cols[0].text_content().unwrap();
    assert!(first.contains("convince the US and NATO"), "{first}");
    assert!(first.contains("→ changed"), "{first}");
    assert!(cols[1].text_content().unwrap().contains("the US froze the channels"));
    assert!(root.query_selector(".st-compare__picker").unwrap().is_none(), "no picker with two items");
    assert_eq!(all(&root, "article.st-compare__col button").iter().filter(|b| b.text_content().as_deref() == Some("Remove")).count(), 2);
}

#[wasm_bindgen_test]
async fn compare_picker_builds_a_comparison_with_the_keyboard_controls() {
    let root = mount_explorer("#/compare");
    assert!(root.text_content().unwrap().contains("Nothing to compare yet"));
    let actor = one(&root, "#st-compare-actor").unchecked_into::<web_sys::HtmlSelectElement>();
    actor.set_value("lyukmanov");
    actor.dispatch_event(&web_sys::Event::new("change").unwrap()).unwrap();
    let topic = one(&root, "#st-compare-topic").unchecked_into::<web_sys::HtmlSelectElement>();
    topic.set_value("attribution");
    topic.dispatch_event(&web_sys::Event::new("change").unwrap()).unwrap();
    button(&root, "Add to comparison").click();
    settle().await;
    assert_eq!(texts(&root, "article.st-compare__col h2"), ["Artur Lyukmanov"]);
    assert!(texts(&root, ".st-compare__subtitle")[0].contains("Attribution"));
}

#[wasm_bindgen_test]
fn compare_shows_a_statement_and_survives_a_pair_without_positions() {
    let loaded = bundled();
    let s = &loaded.corpus.statements[loaded.corpus.positions[0].statements[0]];
    let root = mount_explorer(&format!("#/compare?cmp={}&cmp=rt:cybercrime", s.id));
    let cols = all(&root, "article.st-compare__col");
    assert_eq!(cols.len(), 2);
    let text = cols[0].text_content().unwrap();
    assert!(text.contains(loaded.corpus.statement_text(s).trim()), "{text}");
    assert!(text.contains("Document"));
    assert!(cols[1].text_content().unwrap().contains("no recorded position"));
}

#[wasm_bindgen_test]
fn table_has_caption_headers_and_one_row_per_result() {
    let root = mount_explorer("#/table?q=cyber");
    let loaded = bundled();
    let (state, _) = ViewState::from_fragment("#/table?q=cyber");
    let results = compute_results(&loaded, &state.query, state.window);
    let total = results.hit_count();
    assert!(total > 0);
    let caption = one(&root, "table caption").text_content().unwrap();
    assert!(caption.starts_with(&format!("{total} statements matching “cyber”")), "{caption}");
    let headers: Vec<String> = all(&root, "thead th[scope=col]").iter().map(|h| h.text_content().unwrap()).collect();
    assert_eq!(headers.len(), 5);
    for (h, want) in headers.iter().zip(["Date", "Speaker", "Kind", "Topics", "Statement"]) {
        assert!(h.starts_with(want), "{headers:?}");
    }
    assert_eq!(all(&root, "tbody tr").len(), total.min(PAGE));
    // Matches are highlighted; every statement cell has a button named by its text.
    assert!(!all(&root, "tbody mark").is_empty());
    for b in all(&root, "tbody td[data-label=Statement] button") {
        assert!(!b.text_content().unwrap_or_default().trim().is_empty());
    }
}

#[wasm_bindgen_test]
async fn table_sorts_by_speaker_and_date() {
    let root = mount_explorer("#/table");
    let n = bundled().corpus.statements.len();
    assert_eq!(all(&root, "tbody tr").len(), n.min(PAGE));
    assert!(one(&root, "caption").text_content().unwrap().contains(&format!("All {n} statements, oldest first")));
    let date_th = one(&root, "th.st-table__date");
    let speaker_th = one(&root, "th.st-table__speaker");
    assert_eq!(date_th.get_attribute("aria-sort").as_deref(), Some("ascending"));
    one(&speaker_th, "button").click();
    settle().await;
    assert_eq!(speaker_th.get_attribute("aria-sort").as_deref(), Some("ascending"));
    assert_eq!(date_th.get_attribute("aria-sort"), None);
    let speakers = texts(&root, "tbody td[data-label=Speaker]");
    let mut sorted = speakers.clone();
    sorted.sort_by_key(|s| if s == "Unattributed" { "\u{10ffff}".to_string() } else { s.to_lowercase() });
    assert_eq!(speakers, sorted);
    one(&date_th, "button").click();
    settle().await;
    one(&date_th, "button").click();
    settle().await;
    assert_eq!(date_th.get_attribute("aria-sort").as_deref(), Some("descending"));
    assert!(one(&root, "caption").text_content().unwrap().contains("newest first"));
    let first_date = texts(&root, "tbody td[data-label=Date]")[0].clone();
    assert!(first_date.contains("2022"), "{first_date}");
}

#[wasm_bindgen_test]
async fn table_row_button_selects_the_statement() {
    let root = mount_explorer("#/table?q=cowboys");
    let b = one(&root, "tbody td[data-label=Statement] button");
    b.click();
    settle().await;
    let row = one(&root, "tbody tr");
    assert_eq!(row.get_attribute("aria-current").as_deref(), Some("true"));
    assert!(row.text_content().unwrap().contains("Selected."));
    assert!(root.query_selector("aside.st-detail").unwrap().is_some());
}

#[wasm_bindgen_test]
async fn facet_chips_are_counted_when_opened() {
    let root = mount_explorer("#/?q=cyber");
    settle().await;
    // Closed: no chips (the search leaves the counts uncounted).
    assert!(all(&root, ".st-chip").is_empty());
    let details = one(&root, "details.st-facets");
    details.set_attribute("open", "").unwrap();
    details.dispatch_event(&web_sys::Event::new("toggle").unwrap()).unwrap();
    settle().await;
    // Open: every value with its count, as the core counts them.
    let loaded = bundled();
    let r = compute_results(&loaded, "cyber", None);
    let (groups, _) = stance_core::view::results::facet_groups(&r, &loaded.index);
    let expected: Vec<String> = groups.iter().flat_map(|g| g.values.iter().map(|v| v.count.to_string())).collect();
    assert!(expected.len() > 3, "{expected:?}");
    assert_eq!(texts(&root, ".st-chip .st-chip__count"), expected);
}
