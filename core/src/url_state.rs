//! View state in the URL (to come).
