//! Stance app shell (placeholder).
