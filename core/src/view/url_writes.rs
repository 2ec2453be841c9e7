//! When the app writes the view state to the URL ([`UrlWriter`]).
//!
//! Writing the address (`history.replaceState`) is not free: the browser records the
//! scroll position of the entry it replaces, which forces style and layout of the page
//! as it is at that moment. Done inside a zoom step, after the marks moved and before
//! the frame is drawn, it laid out the whole chart a second time (about 17 ms a step at
//! 1000x, `bench/trace-zoom.mjs`). So the steps that only replace the current entry
//! (typing, facet toggles, zoom and pan: [`History::Replace`]) are coalesced: the
//! first one arms a timer of [`URL_WRITE_INTERVAL_MS`], later ones only update what it
//! will write, and when it fires the latest state is written once (the app waits for
//! the next frame and writes in the task after it, when style and layout are clean).
//! The URL is then about that much behind the screen, and written at most that often,
//! outside the frames of the steps.
//!
//! A step worth its own history entry ([`History::Push`]: a selection, a lane mode, a
//! screen) is written at once, after writing the pending state into the entry it leaves,
//! so "Back" returns to exactly what was on screen. The app also writes the pending
//! state at once when the page is hidden or left ([`UrlWriter::flush`]), and drops it
//! when history moves to another entry ([`UrlWriter::navigated`]): it belonged to the
//! entry that is no longer current.

use super::intent::History;

/// How long a replace-only change may wait before it is written, in milliseconds; also
/// the least time between two such writes.
pub const URL_WRITE_INTERVAL_MS: u32 = 250;

/// One write to the browser's history.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum UrlWrite {
    /// `history.pushState` with this fragment.
    Push(String),
    /// `history.replaceState` with this fragment.
    Replace(String),
}

/// What to do after a change of the view state.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct UrlChange {
    /// Writes to make now, in order.
    pub now: Vec<UrlWrite>,
    /// Arm a timer of this many milliseconds and call [`UrlWriter::due`] when it fires.
    pub arm: Option<u32>,
}

/// The URL writes not made yet, and whether a timer will make them.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct UrlWriter {
    /// The latest state's fragment, to replace the current entry with.
    pending: Option<String>,
    /// A timer is armed and will call [`UrlWriter::due`].
    armed: bool,
}

impl UrlWriter {
    /// The view state changed to `fragment`, recorded as `history` says.
    /// ([`History::Unchanged`], a state read from the URL or corrected after a corpus
    /// swap, replaces the entry like a zoom step.)
    pub fn change(&mut self, fragment: String, history: History) -> UrlChange {
        match history {
            History::Push => {
                let mut now: Vec<UrlWrite> = self.pending.take().map(UrlWrite::Replace).into_iter().collect();
                now.push(UrlWrite::Push(fragment));
                UrlChange { now, arm: None }
            }
            History::Replace | History::Unchanged => {
                self.pending = Some(fragment);
                let arm = (!self.armed).then_some(URL_WRITE_INTERVAL_MS);
                self.armed = true;
                UrlChange { now: Vec::new(), arm }
            }
        }
    }

    /// The timer fired: the write to make, if any is still pending.
    pub fn due(&mut self) -> Option<UrlWrite> {
        self.armed = false;
        self.flush()
    }

    /// The page is being hidden or left: the pending write, to make at once.
    pub fn flush(&mut self) -> Option<UrlWrite> {
        self.pending.take().map(UrlWrite::Replace)
    }

    /// History moved to another entry (Back, Forward, a link): what was pending
    /// described the entry left, so it is dropped.
    pub fn navigated(&mut self) {
        self.pending = None;
    }

    /// Whether a write is waiting for the timer.
    pub fn is_pending(&self) -> bool {
        self.pending.is_some()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn replace(s: &str) -> UrlWrite {
        UrlWrite::Replace(s.to_string())
    }

    /// A writer with one replace step pending (its timer armed).
    fn pending(fragment: &str) -> UrlWriter {
        let mut w = UrlWriter::default();
        w.change(fragment.to_string(), History::Replace);
        w
    }

    #[test]
    fn replace_steps_are_coalesced_into_one_timed_write_of_the_latest() {
        let mut w = UrlWriter::default();
        let first = w.change("#/?zoom=1".into(), History::Replace);
        assert_eq!(first, UrlChange { now: vec![], arm: Some(URL_WRITE_INTERVAL_MS) });
        // Later steps before the timer fires arm nothing more and write nothing now.
        for z in 2..6 {
            assert_eq!(w.change(format!("#/?zoom={z}"), History::Replace), UrlChange::default());
        }
        assert!(w.is_pending());
        assert_eq!(w.due(), Some(replace("#/?zoom=5")));
        assert!(!w.is_pending());
        // The next step arms a new timer.
        assert_eq!(w.change("#/?zoom=6".into(), History::Replace).arm, Some(URL_WRITE_INTERVAL_MS));
    }

    #[test]
    fn a_push_writes_the_pending_state_into_the_entry_it_leaves_first() {
        let mut w = pending("#/?q=cy");
        let push = w.change("#/?q=cy&sel=a".into(), History::Push);
        assert_eq!(push.now, vec![replace("#/?q=cy"), UrlWrite::Push("#/?q=cy&sel=a".into())]);
        assert_eq!(push.arm, None);
        // The armed timer finds nothing left to write.
        assert_eq!(w.due(), None);
        // Without anything pending, a push is written alone.
        assert_eq!(w.change("#/?sel=b".into(), History::Push).now, vec![UrlWrite::Push("#/?sel=b".into())]);
    }

    #[test]
    fn a_state_read_from_the_url_replaces_like_a_step() {
        let mut w = UrlWriter::default();
        let c = w.change("#/table".into(), History::Unchanged);
        assert_eq!(c.arm, Some(URL_WRITE_INTERVAL_MS));
        assert_eq!(w.flush(), Some(replace("#/table")));
        assert_eq!(w.flush(), None);
    }

    #[test]
    fn flushing_writes_at_once_and_the_timer_then_has_nothing() {
        let mut w = pending("#/?zoom=1");
        assert_eq!(w.flush(), Some(replace("#/?zoom=1")));
        assert_eq!(w.due(), None);
    }

    #[test]
    fn navigating_drops_what_was_pending_for_the_entry_left() {
        let mut w = pending("#/?zoom=1");
        w.navigated();
        assert_eq!(w.due(), None);
        // The timer was spent: the next step arms again.
        assert_eq!(w.change("#/?zoom=2".into(), History::Replace).arm, Some(URL_WRITE_INTERVAL_MS));
    }
}
