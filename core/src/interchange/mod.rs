//! Formats other tools read and write: citations for reference managers ([`cite`]),
//! TimelineJS files ([`timelinejs`]), and HTML fragments as plain text ([`html`]).
//!
//! Everything here turns outside text into plain data (never HTML for the page) and
//! escapes what it writes for the format that will read it.

pub mod cite;
pub mod html;
pub mod timelinejs;
