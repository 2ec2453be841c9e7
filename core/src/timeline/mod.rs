//! The timeline, as pure geometry: everything the SVG view draws, computed natively.
//!
//! - [`scale`]: [`TimeScale`], days to pixels along one axis; zoom, pan, fit, and
//!   turning a dragged pixel range into a day window and back.
//! - [`ticks`]: [`Tick`]s adapting to the zoom, from decades to days.
//! - [`lanes`]: [`LaneMode`] and [`Lane`]s of statements by topic, speaker or document.
//! - [`place`]: [`Placement`], where a dated statement or event sits in time.
//! - [`layout`]: [`Mark`]s per lane, clustering what would overlap ([`Layout`]);
//!   [`lane_groups`], the same marks as ranges of a time-ordered lane without an
//!   allocation per statement (what the view model runs per frame).
//! - [`sweep`]: [`LaneIndex`], the marks of a lane that fall in a frame in about
//!   O(marks · log n) (the same clusters as [`lane_groups`] over the whole lane; made at
//!   once or in chunks, [`sweep::LaneIndexBuild`]), and
//!   [`LaneHits`], which of them hold a hit (once per result set).
//! - [`events`]: the events row of context and referenced events ([`EventMark`]).
//! - [`nav`]: [`next_in_time`] for keyboard navigation.
//!
//! Positions are "pixels along the axis": the horizontal timeline maps days to x, the
//! vertical (narrow-screen) one maps the same days to y with the same code.
//!
//! A typical frame: `placements(corpus)` once per corpus; `build_lanes` when the
//! visible statements or the lane mode change; `layout`, `event_items` +
//! `layout_events` and `ticks` whenever the scale changes.

mod cluster;
pub mod events;
pub mod lanes;
pub mod layout;
pub mod nav;
pub mod place;
pub mod scale;
pub mod sweep;
pub mod ticks;

pub use events::{event_items, layout_events, EventItem, EventKind, EventMark, EVENT_MIN_PX};
pub use lanes::{build_lanes, Lane, LaneKey, LaneMode, NO_TOPIC_LABEL, UNATTRIBUTED_LABEL};
pub use layout::{lane_groups, lane_groups_of_days, layout, layout_lane, LaneGroup, LaneMarks, Layout, Mark, MARK_MIN_PX};
pub use nav::{next_in_time, Step};
pub use place::{placements, Placement};
pub use scale::{extent, TimeScale, MAX_SPAN_DAYS, MIN_SPAN_DAYS};
pub use sweep::{LaneHits, LaneIndex};
pub use ticks::{choose_step, ticks, ticks_min_px, Tick, TickStep, MIN_TICK_PX};
