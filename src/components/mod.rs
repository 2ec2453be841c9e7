//! One module per part of the screen.

pub mod corpus_loader;
pub mod documents;
pub mod header;
pub mod notices;
pub mod reader;
pub mod theme;
