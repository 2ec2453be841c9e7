//! The view-model layer: for each screen, a pure function from (corpus, results, view
//! state, viewport) to exactly what its component renders, and the rules the
//! components would otherwise hold. Components bind these and nothing else.
//!
//! - [`intent`]: [`Intent`]s, applied by [`crate::url_state::ViewState::apply`], which
//!   also decides the [`History`] policy (push or replace).
//! - [`url_writes`]: when the app writes the state to the URL ([`UrlWriter`]: replace
//!   steps coalesced, at most one write per 250 ms, outside the steps' frames).
//! - [`results`]: [`Results`] of a query and window ([`search`]); the search screen's
//!   list, count and facet chips; [`Paging`].
//! - [`summary`]: [`StatementSummary`] and [`DateLabel`], shared by the panel, the
//!   compare cards, the search results, the table and the coming quote card.
//! - [`panel`]: the statement panel ([`panel()`]).
//! - [`table`]: the table's rows in order, sort rules and caption.
//! - [`timeline`]: the chart's frame, marks, events, ticks and lanes, and its rules
//!   (zoom and pan steps, keys, the pointer-gesture state machine).
//! - [`timeline_shift`]: how a layer of marks moves from one frame to the next (a pan
//!   step translates the layer instead of every mark).
//! - [`timeline_build`]: the timeline's data made in steps of bounded work (what a page
//!   makes in slices for a corpus of millions of statements).
//! - [`documents`]: the documents list (a page of cards at a time); [`reader`]: one document's text.
//! - [`theme`]: the light / dark / system theme choice.
//! - [`positions`]: the positions view's topics and rows, and the compare view's columns.
//! - [`messages`]: the notices about loading a corpus, and the embed form's titles.
//!
//! Screen by screen, the function a component starts from: `TimelineView` →
//! [`timeline::statement_marks`]; `TableView` → [`table::row_order`];
//! `StatementPanel` → [`panel::panel`]; `ResultList` → [`results::result_rows`];
//! `DocumentList` → [`documents::document_cards`].

pub mod documents;
pub mod intent;
pub mod messages;
pub mod panel;
pub mod positions;
pub mod quote;
pub mod reader;
pub mod results;
pub mod summary;
pub mod table;
pub mod theme;
pub mod timeline;
pub mod timeline_build;
pub mod timeline_shift;
pub mod url_writes;

pub use intent::{History, Intent};
pub use results::{search, Paging, Results};
pub use summary::{summarize, DateLabel, StatementSummary};
pub use url_writes::{UrlWrite, UrlWriter};
