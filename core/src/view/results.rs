//! What the current query and time window select ([`Results`], from [`search`]), and the
//! search screen's view model: [`result_rows`] (the ranked list), [`count_label`] (the
//! line beside the search box), [`facet_groups`] (the chips, in [`Field::ALL`] order) and
//! [`Paging`] ("Show more", reset whenever the results change).
//!
//! What a keystroke costs: [`search`] ranks only the best [`SNIPPETS`] (a heap; the
//! other matches are kept unranked) and leaves the facets uncounted: they are counted
//! the first time a view asks ([`Results::facets`], [`facet_groups`]), i.e. when the
//! facet chips are open, not on every keystroke.

use super::summary::{summarize, StatementSummary};
use crate::model::Corpus;
use crate::search::query::Field;
use crate::search::{FacetCount, Facets, Hit, Index, SearchOptions, SearchResults};

/// Hits that are ranked at once and get a highlighted snippet (`search.hits`); the rest
/// (still all marked on the timeline and listed in the table) are ranked only when a
/// view lists past them ([`Results::hits`]) and show their whole text.
pub const SNIPPETS: usize = 400;

/// What the current query and time window select.
#[derive(Clone, Debug, PartialEq)]
pub struct Results {
    /// The best [`SNIPPETS`] hits, ranked, with snippets; the other matches unranked in
    /// `search.rest` (not listed when every statement matches: [`Results::everything`]).
    pub search: SearchResults,
    /// Per statement: is it a hit? (indexed like `corpus.statements`; empty when every
    /// statement is one: read it through [`Results::matches`])
    pub is_hit: Vec<bool>,
    /// True when a query or a time window narrows the statements.
    pub filtering: bool,
    /// Every statement matches (no query, no window), in corpus order: the hits after
    /// `search.hits` are the statements after them, listed nowhere (no list of every
    /// statement is made for the explorer's first screen).
    pub everything: bool,
    /// The statements of `search.rest` in rank order, sorted the first time a view asks.
    ranked_rest: std::sync::OnceLock<Vec<u32>>,
    /// The facet counts, counted the first time a view asks ([`Results::facets`]).
    facets: std::sync::OnceLock<Facets>,
}

impl Results {
    /// Results of a search (`search.rest` holds the matches after `search.hits`).
    pub fn new(corpus: &Corpus, search: SearchResults, filtering: bool) -> Self {
        let mut is_hit = vec![false; corpus.statements.len()];
        let all = search.hits.iter().map(|h| h.statement).chain(search.rest.iter().map(|&(s, _)| s as usize));
        for s in all {
            if let Some(slot) = is_hit.get_mut(s) {
                *slot = true;
            }
        }
        Results { search, is_hit, filtering, everything: false, ranked_rest: std::sync::OnceLock::new(), facets: std::sync::OnceLock::new() }
    }

    /// Results in which every statement matches, in corpus order: `search.hits` must be
    /// the first statements, in order, and `search.total` every statement (O(1): nothing
    /// per statement is made).
    pub fn everything(search: SearchResults) -> Self {
        Results { search, is_hit: Vec::new(), filtering: false, everything: true, ranked_rest: std::sync::OnceLock::new(), facets: std::sync::OnceLock::new() }
    }

    /// Every hit's statement index, best first: the ranked hits, then the rest, ranked
    /// the first time this reaches them (O(r log r) for r of them, once).
    pub fn hits(&self) -> impl Iterator<Item = usize> + '_ {
        let mut ranked = None;
        let after = if self.everything { self.search.hits.len()..self.search.total } else { 0..0 };
        self.search.hits.iter().map(|h| h.statement).chain(after).chain(std::iter::from_fn(move || {
            if self.everything {
                return None;
            }
            let (list, at) = ranked.get_or_insert_with(|| (self.ranked_rest(), 0usize));
            let s = list.get(*at)?;
            *at += 1;
            Some(*s as usize)
        }))
    }

    /// The statement of hit number `hit` (best first), if there are that many.
    pub fn hit(&self, hit: usize) -> Option<usize> {
        match self.search.hits.get(hit) {
            Some(h) => Some(h.statement),
            None if self.everything => (hit < self.search.total).then_some(hit),
            None => self.ranked_rest().get(hit - self.search.hits.len()).map(|&s| s as usize),
        }
    }

    fn ranked_rest(&self) -> &[u32] {
        self.ranked_rest.get_or_init(|| {
            let mut rest = self.search.rest.clone();
            rest.sort_unstable_by(crate::search::rank_order);
            rest.into_iter().map(|(s, _)| s).collect()
        })
    }

    /// The facet counts (see [`crate::search::facets`]): the search leaves them uncounted
    /// (a keystroke does not pay for them while the chips are closed), so they are
    /// counted here the first time a view asks, over `index`, the index searched.
    pub fn facets(&self, index: &Index) -> &Facets {
        self.facets.get_or_init(|| index.facets_of(&self.search))
    }

    pub fn hit_count(&self) -> usize {
        self.search.total
    }

    /// Does statement `i` match the query and window?
    pub fn matches(&self, i: usize) -> bool {
        self.is_hit.get(i).copied().unwrap_or(self.everything && i < self.search.total)
    }

    /// Is statement `i` a hit of a query or window that narrows the statements?
    pub fn highlights(&self, i: usize) -> bool {
        self.filtering && self.matches(i)
    }
}

/// Runs the search for a query and a time window (days since 1970, inclusive). With
/// neither, every statement matches in corpus order and only the first [`SNIPPETS`] are
/// listed ([`Results::everything`]).
pub fn search(corpus: &Corpus, index: &Index, query: &str, window: Option<(i64, i64)>) -> Results {
    let everything = query.trim().is_empty() && window.is_none();
    let options = SearchOptions { window, limit: SNIPPETS, snippets: SNIPPETS, keep_rest: !everything, facets: false, ..SearchOptions::default() };
    let found = index.search(corpus, query, &options);
    if everything {
        let in_order = found.total == corpus.statements.len() && found.hits.iter().enumerate().all(|(k, h)| h.statement == k);
        if in_order {
            return Results::everything(found);
        }
        // Not every statement in order after all: list the rest.
        return Results::new(corpus, index.search(corpus, query, &SearchOptions { keep_rest: true, ..options }), false);
    }
    Results::new(corpus, found, true)
}

/// A passage of a statement with the matched words marked.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SnippetView {
    pub text: String,
    /// Byte offset of `text` in its document (the highlights are document offsets).
    pub base: usize,
    pub highlights: Vec<(usize, usize)>,
    /// Show "… " before / " …" after the passage.
    pub cut_start: bool,
    pub cut_end: bool,
}

impl SnippetView {
    pub fn of(corpus: &Corpus, hit: &Hit) -> Self {
        let s = &hit.snippet;
        SnippetView {
            text: s.text(corpus, hit.statement).to_string(),
            base: s.start,
            highlights: s.highlights.clone(),
            cut_start: s.cut_start,
            cut_end: s.cut_end,
        }
    }
}

impl SnippetView {
    /// The passage cut into plain and highlighted pieces (see [`pieces`]).
    pub fn pieces(&self) -> Vec<(String, bool)> {
        pieces(&self.text, self.base, &self.highlights)
    }
}

/// Cuts `text` (which starts at byte `base` of its document) into plain and highlighted
/// pieces by `highlights` (absolute byte ranges, any order; out-of-range, backwards and
/// overlapping parts ignored; a range that would split a character is dropped).
pub fn pieces(text: &str, base: usize, highlights: &[(usize, usize)]) -> Vec<(String, bool)> {
    let mut ranges: Vec<(usize, usize)> = highlights
        .iter()
        .filter_map(|&(a, b)| {
            let a = a.saturating_sub(base).min(text.len());
            let b = b.saturating_sub(base).min(text.len());
            (a < b && text.is_char_boundary(a) && text.is_char_boundary(b)).then_some((a, b))
        })
        .collect();
    ranges.sort_unstable();
    let mut out = Vec::new();
    let mut at = 0;
    for (a, b) in ranges {
        let a = a.max(at);
        if a >= b {
            continue;
        }
        if a > at {
            out.push((text[at..a].to_string(), false));
        }
        out.push((text[a..b].to_string(), true));
        at = b;
    }
    if at < text.len() {
        out.push((text[at..].to_string(), false));
    }
    out
}

/// One search result or table row: the statement and its passage.
#[derive(Clone, Debug, PartialEq)]
pub struct ResultRow {
    pub summary: StatementSummary,
    pub snippet: SnippetView,
}

impl ResultRow {
    /// What identifies the row to a keyed list: the statement and what is highlighted.
    pub fn key(&self) -> (String, Vec<(usize, usize)>) {
        (self.summary.id.clone(), self.snippet.highlights.clone())
    }
}

/// The row of hit number `hit` (its statement and passage); `None` if out of range.
/// Hits after the first [`SNIPPETS`] show their whole statement.
pub fn result_row(corpus: &Corpus, results: &Results, hit: usize) -> Option<ResultRow> {
    if let Some(h) = results.search.hits.get(hit) {
        return Some(ResultRow { summary: summarize(corpus, h.statement)?, snippet: SnippetView::of(corpus, h) });
    }
    let s = results.hit(hit)?;
    let h = Hit { statement: s, score: 0.0, snippet: crate::search::Snippet::whole(corpus, s) };
    Some(ResultRow { summary: summarize(corpus, s)?, snippet: SnippetView::of(corpus, &h) })
}

/// The first `limit` results, best first.
pub fn result_rows(corpus: &Corpus, results: &Results, limit: usize) -> Vec<ResultRow> {
    (0..results.hit_count().min(limit)).filter_map(|h| result_row(corpus, results, h)).collect()
}

/// The count beside the search box: "57 statements", "1 statement matches", "3 statements match".
pub fn count_label(results: &Results) -> String {
    match (results.filtering, results.hit_count()) {
        (false, n) => format!("{n} statements"),
        (true, 1) => "1 statement matches".to_string(),
        (true, n) => format!("{n} statements match"),
    }
}

/// The nearest corpus words to the query words that matched nothing (at most
/// [`NEAREST_PER_WORD`] each), comma-separated; empty when there are none.
pub fn nearest_words(results: &Results) -> String {
    results.search.suggestions.iter().flat_map(|s| s.nearest.iter().take(NEAREST_PER_WORD).map(String::as_str)).collect::<Vec<_>>().join(", ")
}

/// Nearest words shown per query word that matched nothing.
pub const NEAREST_PER_WORD: usize = 3;

/// One group of facet chips.
#[derive(Clone, Debug, PartialEq)]
pub struct FacetGroup {
    /// What a person reads: "Speaker".
    pub label: &'static str,
    /// The query field it filters on.
    pub field: Field,
    pub values: Vec<FacetCount>,
}

/// The facet groups that have values, in [`Field::ALL`] order, and how many values are selected.
pub fn facet_groups(results: &Results, index: &Index) -> (Vec<FacetGroup>, usize) {
    let f = results.facets(index);
    let groups: Vec<FacetGroup> =
        Field::ALL.into_iter().map(|field| FacetGroup { label: field.label(), field, values: f.get(field).to_vec() }).collect();
    let selected = groups.iter().flat_map(|g| &g.values).filter(|c| c.selected).count();
    (groups.into_iter().filter(|g| !g.values.is_empty()).collect(), selected)
}

/// How many facet values the query selects (what [`facet_groups`] counts, without
/// building the groups).
pub fn facets_selected(results: &Results) -> usize {
    results.search.facets_selected()
}

/// The facet summary line: "Filter by …", plus " (2 selected)".
pub fn facet_summary(selected: usize) -> String {
    let base = "Filter by speaker, topic, year, document or kind";
    match selected {
        0 => base.to_string(),
        n => format!("{base} ({n} selected)"),
    }
}

/// How many rows a paged list shows: a page at first, a page more per "Show more", and a
/// page again whenever what it lists changes (`of` is a key of that: the query, say).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Paging<K> {
    page: usize,
    of: Option<K>,
    shown: usize,
}

impl<K: PartialEq> Paging<K> {
    pub fn new(page: usize) -> Self {
        Paging { page, of: None, shown: page }
    }

    /// Rows shown of the list keyed `of`.
    pub fn shown(&self, of: &K) -> usize {
        if self.of.as_ref() == Some(of) {
            self.shown
        } else {
            self.page
        }
    }

    /// One page more of the list keyed `of`.
    pub fn more(&mut self, of: K) {
        self.shown = self.shown(&of) + self.page;
        self.of = Some(of);
    }

    /// "Show more (showing 200 of 512)" when there is more to show, else `None`.
    pub fn more_label(&self, of: &K, total: usize, prefix: &str) -> Option<String> {
        let shown = self.shown(of);
        (total > shown).then(|| format!("{prefix}{} of {total})", shown.min(total)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paging_grows_by_a_page_and_resets_when_the_list_changes() {
        let mut p = Paging::new(50);
        assert_eq!(p.shown(&"a"), 50);
        p.more("a");
        p.more("a");
        assert_eq!(p.shown(&"a"), 150);
        assert_eq!(p.shown(&"b"), 50, "another query starts at one page");
        p.more("b");
        assert_eq!(p.shown(&"b"), 100);
        assert_eq!(p.shown(&"a"), 50);
        assert_eq!(p.more_label(&"b", 120, "Show more ("), Some("Show more (100 of 120)".into()));
        assert_eq!(p.more_label(&"b", 100, "Show more ("), None);
    }

    #[test]
    fn highlight_pieces_never_split_characters_or_panic() {
        let p = pieces("ab “cd” ef", 10, &[(13, 21), (100, 200), (5, 2)]);
        assert_eq!(p.iter().filter(|(_, hit)| *hit).map(|(t, _)| t.as_str()).collect::<Vec<_>>(), ["“cd”"]);
        assert_eq!(p.iter().map(|(t, _)| t.as_str()).collect::<String>(), "ab “cd” ef");
        // A range inside a multi-byte character is dropped, not split.
        let p = pieces("“x”", 0, &[(1, 2)]);
        assert!(p.iter().all(|(_, hit)| !hit));
        // Overlapping ranges give each byte once.
        let p = pieces("abcdef", 0, &[(0, 4), (2, 6)]);
        assert_eq!(p.iter().map(|(t, _)| t.as_str()).collect::<String>(), "abcdef");
    }

    #[test]
    fn hits_rank_the_rest_like_a_full_search() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../corpus");
        let base = crate::corpus::load_dir(&dir).and_then(crate::corpus::build).unwrap_or_else(|e| panic!("{e}"));
        let c = crate::synth::scale(&base, 15, 3);
        let index = Index::build(&c);
        let mut many = false;
        for q in ["", "c", "cyber", "the", "rules of", "-cyber", "zzzzqx"] {
            let r = search(&c, &index, q, None);
            let full = index.search(&c, q, &SearchOptions { limit: usize::MAX, ..SearchOptions::default() });
            let expected: Vec<usize> = full.hits.iter().map(|h| h.statement).collect();
            many |= expected.len() > SNIPPETS;
            assert!(r.search.hits.len() <= SNIPPETS, "only a page is ranked at once");
            assert_eq!(r.hits().collect::<Vec<_>>(), expected, "{q:?}: the same order as ranking every hit");
            assert_eq!(r.hit_count(), full.total);
            for (h, &s) in expected.iter().enumerate().step_by(37) {
                assert_eq!(r.hit(h), Some(s));
            }
            assert_eq!(r.hit(expected.len()), None);
            assert_eq!((0..c.statements.len() + 3).filter(|&i| r.matches(i)).count(), full.total, "{q:?}: every match is a hit");
            assert_eq!(r.everything, q.is_empty(), "{q:?}: only no query lists nothing");
            let rows = result_rows(&c, &r, SNIPPETS + 5);
            assert_eq!(rows.iter().map(|row| row.summary.index).collect::<Vec<_>>(), expected.iter().copied().take(SNIPPETS + 5).collect::<Vec<_>>());
        }
        assert!(many, "some query has more hits than are ranked at once");
    }

    #[test]
    fn facet_summary_counts_selected_values() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../corpus");
        let c = crate::corpus::load_dir(&dir).and_then(crate::corpus::build).unwrap_or_else(|e| panic!("{e}"));
        let index = Index::build(&c);
        for q in ["", "c", "cyber", "speaker:krutskikh", "speaker:krutskikh speaker:krutskikh", "year:2017 kind:quote cyber", "year:2017 -year:2018 nosuchword"] {
            for window in [None, Some((17_000, 18_000))] {
                let r = search(&c, &index, q, window);
                assert_eq!(facets_selected(&r), facet_groups(&r, &index).1, "{q}");
                // Counted when first asked, the same as counted by the search itself.
                let counted = index.search(&c, q, &SearchOptions { window, ..SearchOptions::default() }).facets;
                assert_eq!(r.facets(&index), &counted, "{q}");
                assert_eq!(facets_selected(&r), Field::ALL.into_iter().map(|f| counted.get(f).iter().filter(|v| v.selected).count()).sum::<usize>(), "{q}");
            }
        }
        assert!(facets_selected(&search(&c, &index, "year:2017", None)) > 0);
        assert!(!facet_summary(0).contains('('));
        assert!(facet_summary(2).ends_with("(2 selected)"));
    }
}
