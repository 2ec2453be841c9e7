//! Browser unit tests of the components, run in headless Chromium by
//! `wasm-bindgen-test-runner` (see scripts/test.sh). They assert on text, roles and
//! attributes, never on whole HTML strings.
#![cfg(target_arch = "wasm32")]

use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

mod common;

use common::{bundled, mount_explorer};

wasm_bindgen_test_configure!(run_in_browser);

fn texts(root: &web_sys::HtmlElement, selector: &str) -> Vec<String> {
    let list = root.query_selector_all(selector).unwrap();
    (0..list.length()).filter_map(|i| list.item(i)).filter_map(|n| n.text_content()).collect()
}

#[wasm_bindgen_test]
fn document_list_shows_each_document_with_certainty() {
    let root = mount_explorer("#/reader");
    let titles = texts(&root, "h2");
    assert_eq!(titles.len(), 3, "{titles:?}");
    let body = root.text_content().unwrap();
    assert!(body.contains("c. 27 July 2017 (between 9 July 2017 and 28 July 2017)"), "{body}");
    assert!(body.contains("3 November 2022"));
    // The Newsweek answers are Lyukmanov's, not Krutskikh's.
    let newsweek = root
        .query_selector_all("article")
        .unwrap();
    let card = (0..newsweek.length())
        .filter_map(|i| newsweek.item(i))
        .filter_map(|n| n.text_content())
        .find(|t| t.contains("Newsweek"))
        .expect("a Newsweek card");
    assert!(card.contains("Artur Lyukmanov") && !card.contains("Krutskikh"), "{card}");
}

#[wasm_bindgen_test]
fn approximate_dates_are_marked() {
    let root = mount_explorer("#/reader");
    let approx = root.query_selector_all(".st-date--approximate").unwrap();
    assert_eq!(approx.length(), 2, "two documents have approximate dates");
    let first = approx.item(0).unwrap().unchecked_into::<web_sys::Element>();
    assert!(first.get_attribute("title").unwrap_or_default().contains("Most likely"));
}

#[wasm_bindgen_test]
fn reader_shows_text_as_text_not_html() {
    let root = mount_explorer("#/reader?doc=kommersant-2018");
    let text = root.query_selector("[data-testid=reader-text]").unwrap().expect("reader text").text_content().unwrap();
    assert!(text.contains("A situation when two cowboys are aiming ‘cyber’ pistols at each other is abnormal."));
    // No element was created from the corpus text: the text container holds only spans.
    let inner = root.query_selector_all("[data-testid=reader-text] *").unwrap();
    for i in 0..inner.length() {
        let el = inner.item(i).unwrap().unchecked_into::<web_sys::Element>();
        assert_eq!(el.tag_name(), "SPAN");
    }
}

fn count(root: &web_sys::HtmlElement, selector: &str) -> u32 {
    root.query_selector_all(selector).unwrap().length()
}

fn attrs(root: &web_sys::HtmlElement, selector: &str, name: &str) -> Vec<String> {
    let list = root.query_selector_all(selector).unwrap();
    (0..list.length())
        .filter_map(|i| list.item(i))
        .filter_map(|n| n.unchecked_into::<web_sys::Element>().get_attribute(name))
        .collect()
}

#[wasm_bindgen_test]
fn timeline_marks_cover_every_statement_once_per_lane_and_are_named() {
    let root = mount_explorer("#/?lanes=document");
    let names = attrs(&root, ".st-marks [role=button]", "aria-label");
    assert!(!names.is_empty());
    assert!(names.iter().all(|n| !n.trim().is_empty()), "every mark has an accessible name");
    // Lanes by document: each statement is in exactly one lane, so the marks' members
    // add up to the number of statements.
    // A cluster draws its count; a single statement's mark draws none.
    let marks = root.query_selector_all(".st-marks [role=button]").unwrap();
    let members: usize = (0..marks.length())
        .filter_map(|i| marks.item(i))
        .map(|m| {
            let m = m.unchecked_into::<web_sys::Element>();
            match m.query_selector(".st-mark__count").unwrap() {
                Some(c) => c.text_content().unwrap_or_default().parse::<usize>().unwrap(),
                None => 1,
            }
        })
        .sum();
    let loaded = bundled();
    assert_eq!(members, loaded.corpus.statements.len());
    // Exactly one tab stop among the marks (roving focus).
    let stops = attrs(&root, ".st-marks [role=button]", "tabindex").iter().filter(|t| *t == "0").count();
    assert_eq!(stops, 1);
}

/// Waits (up to 2 s) for the result list, which is drawn in the task after the first
/// frame, to have rows.
async fn result_rows_drawn(root: &web_sys::HtmlElement) -> u32 {
    for _ in 0..100 {
        let n = count(root, ".st-results li");
        if n > 0 {
            return n;
        }
        gloo::timers::future::TimeoutFuture::new(20).await;
    }
    0
}

#[wasm_bindgen_test]
async fn result_list_is_drawn_after_the_first_frame() {
    let root = mount_explorer("#/");
    // Not in the explorer's first render...
    assert_eq!(count(&root, ".st-results li"), 0);
    // ...but a frame later, the first page of every statement (no query).
    let statements = bundled().corpus.statements.len() as u32;
    assert_eq!(result_rows_drawn(&root).await, statements.min(50));
}

#[wasm_bindgen_test]
async fn search_hits_are_highlighted_in_results_and_on_the_timeline() {
    let root = mount_explorer("#/?q=Krutskih");
    result_rows_drawn(&root).await;
    let marks = texts(&root, ".st-results mark");
    assert!(marks.iter().any(|m| m == "Krutskikh"), "alias spelling finds Krutskikh: {marks:?}");
    assert!(count(&root, ".st-mark--hit") > 0);
    assert!(count(&root, ".st-mark--dim") > 0);
    let out = root.query_selector("output").unwrap().unwrap().text_content().unwrap();
    assert!(out.ends_with("match"), "{out}");
}

#[wasm_bindgen_test]
fn selected_statement_opens_the_panel_with_a_citation() {
    let loaded = bundled();
    let s = loaded.corpus.statements.iter().find(|s| s.doc == 2 && s.kind == stance_core::StatementKind::Answer).unwrap();
    let root = mount_explorer(&format!("#/?sel={}", s.id));
    let citation = root.query_selector("[data-testid=citation]").unwrap().expect("citation").text_content().unwrap();
    assert!(citation.contains(&s.id) && citation.contains("Newsweek") && citation.contains("Artur Lyukmanov"), "{citation}");
    let heading = texts(&root, ".st-detail h2");
    assert_eq!(heading, ["Artur Lyukmanov"]);
}

#[wasm_bindgen_test]
async fn chart_follows_the_width_of_its_holder() {
    let root = mount_explorer("#/");
    let holder = root.query_selector(".st-timeline__chart").unwrap().expect("chart holder").unchecked_into::<web_sys::HtmlElement>();
    let svg = root.query_selector("svg.st-chart").unwrap().expect("chart");
    // Narrow the container without resizing the window (as the statement panel does).
    root.style().set_property("width", "800px").unwrap();
    gloo::timers::future::TimeoutFuture::new(100).await;
    let width = svg.get_attribute("width").unwrap_or_default().parse::<f64>().unwrap_or(0.0);
    assert!(holder.client_width() > 0);
    assert_eq!(width, f64::from(holder.client_width()), "the chart is as wide as its holder");
    root.style().set_property("width", "1100px").unwrap();
    gloo::timers::future::TimeoutFuture::new(100).await;
    let wider = svg.get_attribute("width").unwrap_or_default().parse::<f64>().unwrap_or(0.0);
    assert!(wider > width, "{wider} > {width}");
}
