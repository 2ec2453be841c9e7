//! One module per part of the screen.

pub mod documents;
pub mod header;
pub mod reader;
pub mod theme;
