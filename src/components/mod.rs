//! One module per part of the screen.

pub mod compare;
pub mod corpus_loader;
pub mod detail;
pub mod documents;
pub mod foreign;
pub mod export_menu;
pub mod header;
pub mod highlight;
pub mod loading;
pub mod notices;
pub mod positions;
pub mod reader;
pub mod search;
pub mod table;
pub mod theme;
pub mod timeline;
