//! Timeline scales and layout (to come).
