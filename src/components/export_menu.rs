//! "Export": what is on screen, in the formats other tools read: the statements the
//! search selects (CSV, JSON, a TimelineJS file), their citations (CSL-JSON for Zotero,
//! BibTeX), and the timeline itself as an SVG file or a PNG image.
//!
//! The formats are written by the core (`export`, `interchange::cite`,
//! `interchange::timelinejs`); this file only offers them as downloads. The menu is on
//! the first screen, the writers are not: a choice runs [`export_file`] or
//! [`export_chart`], in the `export` wasm chunk (`crate::split`), fetched on the first
//! export (a failed fetch is an error notice). The chart is
//! exported with its computed colours written as presentation attributes, so the file
//! looks the same outside the page (CSS custom properties do not travel).

use super::loading::single_file;
use super::notices::NoticesCtx;
use crate::split::report_chunk_error;
use crate::state::{use_corpus, use_results, Loaded};
use std::sync::Arc;
use leptos::prelude::*;
use stance_core::export;
use stance_core::interchange::{cite, timelinejs};
use stance_core::Statement;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// How long a download's object URL is kept before it is revoked.
const REVOKE_AFTER: std::time::Duration = std::time::Duration::from_secs(60);
/// Pixels per CSS pixel of the PNG export (sharp on high-density screens and in print).
const PNG_SCALE: f64 = 2.0;
/// CSS properties carried into the exported SVG as attributes.
const SVG_PROPERTIES: [&str; 9] = ["fill", "stroke", "stroke-width", "stroke-dasharray", "opacity", "font-family", "font-size", "font-weight", "visibility"];

/// Offers `content` as a file download through a Blob, an object URL and a temporary link.
pub fn download(name: &str, mime: &str, content: &str) -> Result<(), JsValue> {
    let parts = js_sys::Array::of1(&JsValue::from_str(content));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options)?;
    let url = web_sys::Url::create_object_url_with_blob(&blob)?;
    click_link(&url, name)?;
    set_timeout(move || { let _ = web_sys::Url::revoke_object_url(&url); }, REVOKE_AFTER);
    Ok(())
}

fn click_link(href: &str, name: &str) -> Result<(), JsValue> {
    let link: web_sys::HtmlAnchorElement = document().create_element("a")?.dyn_into()?;
    link.set_href(href);
    link.set_download(name);
    link.set_hidden(true);
    let body = document().body().ok_or_else(|| JsValue::from_str("no body"))?;
    body.append_child(&link)?;
    link.click();
    link.remove();
    Ok(())
}

fn report(what: &str, result: Result<(), JsValue>) {
    if let Err(e) = result {
        web_sys::console::error_2(&JsValue::from_str(&format!("Stance: {what} failed")), &e);
    }
}

/// The timeline chart as a standalone SVG document, its computed styles inlined.
fn chart_svg() -> Result<(String, f64, f64), JsValue> {
    let chart = document().query_selector("svg.st-chart")?.ok_or_else(|| JsValue::from_str("no timeline on screen"))?;
    let copy: web_sys::Element = chart.clone_node_with_deep(true)?.dyn_into()?;
    let originals = chart.query_selector_all("*")?;
    let copies = copy.query_selector_all("*")?;
    let win = window();
    for i in 0..originals.length().min(copies.length()) {
        let (Some(o), Some(c)) = (originals.item(i), copies.item(i)) else { continue };
        let (Ok(o), Ok(c)) = (o.dyn_into::<web_sys::Element>(), c.dyn_into::<web_sys::Element>()) else { continue };
        if let Ok(Some(style)) = win.get_computed_style(&o) {
            for prop in SVG_PROPERTIES {
                if let Ok(value) = style.get_property_value(prop) {
                    if !value.is_empty() {
                        c.set_attribute(prop, &value)?;
                    }
                }
            }
        }
    }
    let rect = chart.get_bounding_client_rect();
    copy.set_attribute("xmlns", "http://www.w3.org/2000/svg")?;
    copy.remove_attribute("tabindex")?;
    let body: web_sys::Element = document().body().ok_or_else(|| JsValue::from_str("no body"))?.into();
    let background = win.get_computed_style(&body)?.map(|s| s.get_property_value("background-color").unwrap_or_default()).unwrap_or_default();
    if !background.is_empty() {
        let bg = document().create_element_ns(Some("http://www.w3.org/2000/svg"), "rect")?;
        for (k, v) in [("x", "0"), ("y", "0"), ("width", "100%"), ("height", "100%"), ("fill", background.as_str())] {
            bg.set_attribute(k, v)?;
        }
        copy.prepend_with_node_1(&bg)?;
    }
    let xml = web_sys::XmlSerializer::new()?.serialize_to_string(&copy)?;
    Ok((format!("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n{xml}"), rect.width(), rect.height()))
}

fn export_svg() -> Result<(), JsValue> {
    let (svg, _, _) = chart_svg()?;
    download("stance-timeline.svg", "image/svg+xml", &svg)
}

/// Draws the exported SVG on a canvas (through a data: URL, which the page's CSP allows
/// for images) and downloads it as PNG.
fn export_png() -> Result<(), JsValue> {
    let (svg, width, height) = chart_svg()?;
    let encoded = js_sys::encode_uri_component(&svg);
    let url = format!("data:image/svg+xml;charset=utf-8,{encoded}");
    let image = web_sys::HtmlImageElement::new()?;
    let img = image.clone();
    let onload = Closure::once_into_js(move || {
        let draw = || -> Result<(), JsValue> {
            let canvas: web_sys::HtmlCanvasElement = document().create_element("canvas")?.dyn_into()?;
            canvas.set_width((width * PNG_SCALE).ceil() as u32);
            canvas.set_height((height * PNG_SCALE).ceil() as u32);
            let ctx: web_sys::CanvasRenderingContext2d = canvas.get_context("2d")?.ok_or_else(|| JsValue::from_str("no 2d canvas"))?.dyn_into()?;
            ctx.scale(PNG_SCALE, PNG_SCALE)?;
            ctx.draw_image_with_html_image_element(&img, 0.0, 0.0)?;
            click_link(&canvas.to_data_url_with_type("image/png")?, "stance-timeline.png")
        };
        report("PNG export", draw());
    });
    image.set_onload(Some(onload.unchecked_ref()));
    image.set_src(&url);
    Ok(())
}

/// A format of the statements on screen.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Csv,
    Json,
    TimelineJs,
    CslJson,
    Bibtex,
}

crate::split_fn!(export, /** Downloads statements `shown` of `loaded` (all when `None`) in `format`. */ pub fn export_file(loaded: Arc<Loaded>, shown: Option<Vec<usize>>, format: Format) -> () {
    let c = &loaded.corpus;
    let statements: Vec<&Statement> = match &shown {
        Some(hits) => hits.iter().filter_map(|&i| c.statements.get(i)).collect(),
        None => c.statements.iter().collect(),
    };
    let (content, name, mime) = match format {
        Format::Csv => (export::to_csv(c, statements), "stance-statements.csv", "text/csv;charset=utf-8"),
        Format::Json => (export::to_json(c, statements), "stance-statements.json", "application/json"),
        Format::TimelineJs => (timelinejs::export(c, statements).json, "stance-timeline.json", "application/json"),
        Format::CslJson => (cite::csl_json(c, statements), "stance-citations.json", "application/vnd.citationstyles.csl+json"),
        Format::Bibtex => (statements.iter().map(|x| cite::bibtex(c, x)).collect::<Vec<_>>().join("\n"), "stance-citations.bib", "application/x-bibtex"),
    };
    report("export", download(name, mime, &content));
});

crate::split_fn!(export, /** Downloads the timeline chart as PNG (`png`) or SVG. */ pub fn export_chart(png: bool) -> () {
    if png {
        report("PNG export", export_png());
    } else {
        report("SVG export", export_svg());
    }
});

/// The export menu for the statements the current search and window select.
#[component]
pub fn ExportMenu(
    /// Offer the chart as SVG and PNG (on the timeline).
    #[prop(optional)]
    chart: bool,
) -> impl IntoView {
    let corpus = use_corpus();
    let results = use_results();
    let notices = use_context::<NoticesCtx>();
    // The statements on screen: the hits in rank order, or all when nothing filters.
    let save = move |format: Format| {
        let loaded = corpus.get_untracked();
        let shown = results.with_untracked(|r| r.filtering.then(|| r.hits().collect::<Vec<usize>>()));
        leptos::task::spawn_local(async move {
            if export_file(loaded, shown, format).await.is_err() {
                report_chunk_error(notices, "The export");
            }
        });
    };
    let chart_file = move |png: bool| {
        leptos::task::spawn_local(async move {
            if export_chart(png).await.is_err() {
                report_chunk_error(notices, "The export");
            }
        });
    };
    // The menu closes once a choice is made, as menus do.
    let menu = NodeRef::<leptos::html::Details>::new();
    let close = move |_: leptos::ev::MouseEvent| {
        if let Some(d) = menu.get_untracked() {
            let _ = d.remove_attribute("open");
        }
    };
    view! {
        <details class="st-export" node_ref=menu>
            <summary class="st-button st-export__summary">"Export"</summary>
            <div class="st-export__menu" role="group" aria-label="Export" on:click=close>
                <button type="button" class="st-button" on:click=move |_| save(Format::Csv)>"Statements (CSV)"</button>
                <button type="button" class="st-button" on:click=move |_| save(Format::Json)>"Statements (JSON)"</button>
                <button type="button" class="st-button" on:click=move |_| save(Format::TimelineJs)>"TimelineJS file"</button>
                <button type="button" class="st-button" on:click=move |_| save(Format::CslJson)>"Citations (CSL-JSON, for Zotero)"</button>
                <button type="button" class="st-button" on:click=move |_| save(Format::Bibtex)>"Citations (BibTeX)"</button>
                {(!single_file()).then(|| view! {
                    <a class="st-button" href="stance.html" download="stance.html">"The whole explorer as one file"</a>
                })}
                {chart.then(|| view! {
                    <button type="button" class="st-button" on:click=move |_| chart_file(false)>"Timeline (SVG)"</button>
                    <button type="button" class="st-button" on:click=move |_| chart_file(true)>"Timeline (PNG)"</button>
                })}
            </div>
        </details>
    }
}
