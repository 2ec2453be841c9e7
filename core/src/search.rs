//! The search index (to come).
