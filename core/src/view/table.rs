//! The table screen's view model: [`row_order`] (which statements, in which order),
//! [`table_rows`] (the rows to show), the sort rules ([`Sort`], [`Sort::effective`],
//! [`Sort::toggled`], [`aria_sort`], [`sort_arrow`]) and the [`caption`].

use super::results::{result_row, ResultRow, Results};
use crate::model::Corpus;

/// Rows shown at first; "Show more" adds as many again.
pub const TABLE_PAGE: usize = 200;

/// A column the table can be sorted by.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SortKey {
    Date,
    Speaker,
}

/// A sort: the column and whether it is ascending.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Sort {
    pub key: SortKey,
    pub ascending: bool,
}

impl Sort {
    pub const fn new(key: SortKey, ascending: bool) -> Self {
        Sort { key, ascending }
    }

    /// The sort in effect: the chosen one, else date ascending when nothing filters
    /// (when a query filters, `None` is rank order).
    pub fn effective(chosen: Option<Sort>, filtering: bool) -> Option<Sort> {
        chosen.or((!filtering).then_some(Sort::new(SortKey::Date, true)))
    }

    /// The sort after activating `key`'s header: the same column flips, another starts ascending.
    pub fn toggled(current: Option<Sort>, key: SortKey) -> Sort {
        match current {
            Some(s) if s.key == key => Sort::new(key, !s.ascending),
            _ => Sort::new(key, true),
        }
    }
}

/// A statement's sort key for dates: its document's best day, undated last.
fn day(c: &Corpus, i: usize) -> i64 {
    c.statements.get(i).and_then(|s| c.document_of(s)).and_then(|d| d.meta.date.best_day()).unwrap_or(i64::MAX)
}

/// The rows, as (statement index, index of its hit): the hits in rank order when
/// filtering, else in time order (undated last); then sorted by `sort` if set (stable).
/// Speakers sort by name, case-insensitively, with [`UNATTRIBUTED_LABEL`](crate::timeline::UNATTRIBUTED_LABEL) after every
/// name (so first when descending).
pub fn row_order(c: &Corpus, results: &Results, sort: Option<Sort>) -> Vec<(usize, usize)> {
    let mut rows: Vec<(usize, usize)> = results.hits().enumerate().map(|(h, s)| (s, h)).collect();
    if !results.filtering {
        // Time order: each document's day once, then (day, statement) keys, which are
        // distinct (so an unstable sort gives the stable sort's order).
        let doc_day: Vec<i64> = c.documents.iter().map(|d| d.meta.date.best_day().unwrap_or(i64::MAX)).collect();
        let day_of = |i: usize| c.statements.get(i).and_then(|s| doc_day.get(s.doc)).copied().unwrap_or(i64::MAX);
        let mut keyed: Vec<(i64, usize, usize)> = rows.iter().map(|&(i, h)| (day_of(i), i, h)).collect();
        keyed.sort_unstable();
        rows = keyed.into_iter().map(|(_, i, h)| (i, h)).collect();
    }
    match sort {
        None => {}
        Some(Sort { key: SortKey::Date, ascending }) => crate::sort::by(&mut rows, |a, b| {
            let o = day(c, a.0).cmp(&day(c, b.0));
            if ascending { o } else { o.reverse() }
        }),
        Some(Sort { key: SortKey::Speaker, ascending }) => {
            // One lower-cased name per row, not one per comparison.
            let mut keyed: Vec<(Option<String>, i64, (usize, usize))> = rows
                .into_iter()
                .map(|r| {
                    let name = c.statements.get(r.0).and_then(|s| s.speaker.as_deref()).map(|a| c.actor_name(a).to_lowercase());
                    (name, day(c, r.0), r)
                })
                .collect();
            crate::sort::by(&mut keyed, |a, b| {
                // `None` (unattributed) sorts after every name.
                let o = match (&a.0, &b.0) {
                    (Some(x), Some(y)) => x.cmp(y),
                    (x, y) => x.is_none().cmp(&y.is_none()),
                };
                (if ascending { o } else { o.reverse() }).then(a.1.cmp(&b.1))
            });
            rows = keyed.into_iter().map(|(_, _, r)| r).collect();
        }
    }
    rows
}

/// The first `limit` rows of `order`, ready to show.
pub fn table_rows(c: &Corpus, results: &Results, order: &[(usize, usize)], limit: usize) -> Vec<ResultRow> {
    order.iter().take(limit).filter_map(|&(_, hit)| result_row(c, results, hit)).collect()
}

/// The caption: what is listed and in which order ("12 statements matching “cyber”, oldest first").
pub fn caption(total: usize, filtering: bool, query: &str, window: bool, sort: Option<Sort>) -> String {
    let noun = if total == 1 { "statement" } else { "statements" };
    let q = query.trim();
    let what = match (filtering, q.is_empty(), window) {
        (false, _, _) => format!("All {total} {noun}"),
        (true, false, false) => format!("{total} {noun} matching “{q}”"),
        (true, false, true) => format!("{total} {noun} matching “{q}” in the time window"),
        (true, true, _) => format!("{total} {noun} in the time window"),
    };
    let order = match sort {
        None => "best match first",
        Some(Sort { key: SortKey::Date, ascending: true }) => "oldest first",
        Some(Sort { key: SortKey::Date, ascending: false }) => "newest first",
        Some(Sort { key: SortKey::Speaker, ascending: true }) => "by speaker, A to Z",
        Some(Sort { key: SortKey::Speaker, ascending: false }) => "by speaker, Z to A",
    };
    format!("{what}, {order}")
}

/// `aria-sort` of `key`'s header under the sort in effect.
pub fn aria_sort(effective: Option<Sort>, key: SortKey) -> Option<&'static str> {
    match effective {
        Some(s) if s.key == key && s.ascending => Some("ascending"),
        Some(s) if s.key == key => Some("descending"),
        _ => None,
    }
}

/// The arrow drawn in `key`'s header: ▲ ascending, ▼ descending, ↕ sortable.
pub fn sort_arrow(effective: Option<Sort>, key: SortKey) -> &'static str {
    match aria_sort(effective, key) {
        Some("ascending") => "▲",
        Some(_) => "▼",
        None => "↕",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sort_cycle_flips_the_same_column_and_starts_others_ascending() {
        let date_up = Sort::new(SortKey::Date, true);
        assert_eq!(Sort::toggled(None, SortKey::Date), date_up);
        assert_eq!(Sort::toggled(Some(date_up), SortKey::Date), Sort::new(SortKey::Date, false));
        assert_eq!(Sort::toggled(Some(date_up), SortKey::Speaker), Sort::new(SortKey::Speaker, true));
    }

    #[test]
    fn default_sort_is_by_date_only_when_browsing() {
        assert_eq!(Sort::effective(None, false), Some(Sort::new(SortKey::Date, true)));
        assert_eq!(Sort::effective(None, true), None);
        let chosen = Sort::new(SortKey::Speaker, false);
        assert_eq!(Sort::effective(Some(chosen), true), Some(chosen));
    }

    #[test]
    fn headers_say_their_sort() {
        let s = Some(Sort::new(SortKey::Date, false));
        assert_eq!(aria_sort(s, SortKey::Date), Some("descending"));
        assert_eq!(aria_sort(s, SortKey::Speaker), None);
        assert_eq!(sort_arrow(s, SortKey::Date), "▼");
        assert_eq!(sort_arrow(s, SortKey::Speaker), "↕");
        assert_eq!(sort_arrow(Some(Sort::new(SortKey::Speaker, true)), SortKey::Speaker), "▲");
    }

    #[test]
    fn caption_names_what_and_order() {
        assert_eq!(caption(3, false, "", false, Some(Sort::new(SortKey::Date, true))), "All 3 statements, oldest first");
        assert_eq!(caption(1, true, " cyber ", false, None), "1 statement matching “cyber”, best match first");
        assert_eq!(caption(2, true, "x", true, Some(Sort::new(SortKey::Speaker, false))), "2 statements matching “x” in the time window, by speaker, Z to A");
        assert_eq!(caption(0, true, "", true, Some(Sort::new(SortKey::Date, false))), "0 statements in the time window, newest first");
    }
}
