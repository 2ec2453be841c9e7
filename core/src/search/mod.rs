//! Full-text search over the statements of a corpus, built in the browser at start-up.
//!
//! # API
//!
//! - [`Index::build`]`(&Corpus) -> Index`: once, after the corpus is loaded (the index
//!   is immutable, `Send + Sync`, and does not borrow the corpus).
//! - [`Index::search`]`(&self, &Corpus, &str, &SearchOptions) -> SearchResults`, or
//!   [`Index::search_query`] with a parsed [`Query`].
//! - [`SearchOptions`]: `limit`, `offset`, a time `window` (days since 1970, compared
//!   with the document's best day), the [`RankingWeights`], `keep_rest` (the matches
//!   after the page, unranked) and `facets` (off: counted later, on demand, by
//!   [`Index::facets_of`], from the [`FacetBasis`] the results keep).
//! - [`SearchResults`]: `hits` ([`Hit`]: statement index, score, [`Snippet`] with byte
//!   offsets of the passage and of every matched word in the document text), `total`,
//!   [`Facets`] (speaker, topic, year, document, kind), `problems` (what was wrong with
//!   the query, in words), `suggestions` (nearest indexed words for query words that
//!   matched nothing; see also [`SearchResults::suggested_query`]) and the parsed `query`.
//!
//! # Layers, one file each
//!
//! - [`tokenize`]: Unicode words with byte offsets, case and diacritic folding, English
//!   and Russian stemming and stop words (choices documented there); `porter2`: the
//!   English stemmer, written out (equal to `rust_stemmers`' English).
//! - [`index`]: interns words into terms and keeps a token stream, postings, a sorted
//!   word dictionary, virtual fields (title, speaker, topics) and facet bit sets ([`bitset`]).
//! - [`query`]: the query language: words (all must match), "phrases", -exclusions,
//!   `speaker:` `topic:` `document:` `kind:` `year:` filters; round-trips through
//!   `to_string`.
//! - `plan`: a query becomes units (word + prefix/typo/synonym expansions) and filters.
//! - [`fuzzy`]: bounded edit distance and the edits allowed by word length.
//! - [`score`]: BM25F ranking with the weights in [`RankingWeights`].
//! - [`snippet`]: the best passage of each hit with highlight offsets.
//! - [`facets`]: facet counts (disjunctive, see there).
//!
//! ```
//! use stance_core::search::{Index, SearchOptions};
//! # let corpus = stance_core::Corpus::default();
//! let index = Index::build(&corpus);
//! let results = index.search(&corpus, "cyber \"rules of the road\" speaker:krutskikh", &SearchOptions::default());
//! for hit in &results.hits {
//!     let s = &corpus.statements[hit.statement];
//!     println!("{} {:.2} {}", s.id, hit.score, hit.snippet.text(&corpus, hit.statement));
//! }
//! for problem in &results.problems {
//!     eprintln!("{problem}"); // here: no speaker 'krutskikh' in an empty corpus
//! }
//! ```
//!
//! [`Index::search`] never fails and never panics: a malformed query is searched as well
//! as it can be and what was wrong comes back in [`SearchResults::problems`]. An empty
//! query lists all statements in corpus order (browse mode), still filtered and with
//! facets. The library uses no threads and no clock, so it runs the same in wasm.

pub mod bitset;
pub mod facets;
pub mod fuzzy;
pub mod index;
mod plan;
mod porter2;
pub mod query;
pub mod score;
pub mod snippet;
pub mod tokenize;

pub use bitset::BitSet;
pub use facets::{FacetCount, Facets};
pub use index::{Index, IndexBuilder, IndexFinish};
pub use query::{Clause, Field, Filter, Query, QueryProblem, Term};
pub use score::RankingWeights;
pub use snippet::Snippet;

use crate::model::Corpus;
use score::Scratch;
use snippet::Highlighter;

thread_local! {
    /// Scoring buffers kept between searches (all zeros when idle), so a search does
    /// not allocate and clear several arrays the size of the corpus. Per thread, so the
    /// index itself stays immutable and shareable.
    static SCRATCH: std::cell::RefCell<Option<Scratch>> = const { std::cell::RefCell::new(None) };
}

/// Default number of hits returned.
pub const DEFAULT_LIMIT: usize = 50;

/// How to search.
#[derive(Clone, Debug, PartialEq)]
pub struct SearchOptions {
    /// Hits to return at most (after `offset`).
    pub limit: usize,
    /// Hits to skip (paging).
    pub offset: usize,
    /// Only statements whose document's best day (days since 1970-01-01, see
    /// [`crate::date::DateSpec::best_day`]) is in this inclusive range; undated
    /// statements are left out when a window is set.
    pub window: Option<(i64, i64)>,
    pub weights: RankingWeights,
    /// Only the first this many returned hits get a computed snippet; the others get
    /// their whole statement with no highlights ([`Snippet::whole`]). A view that needs
    /// every match (to mark it on a timeline) but shows few asks for all hits and few
    /// snippets.
    pub snippets: usize,
    /// Also return the matches after `offset + limit`, unranked, in
    /// [`SearchResults::rest`] (statement and score): a view that shows a page but marks
    /// every match, or ranks the rest only when asked, does not pay for sorting and
    /// building a [`Hit`] for each of them.
    pub keep_rest: bool,
    /// Count the facets now, into [`SearchResults::facets`] (the default). When false,
    /// `facets` is left empty and what counting them needs is kept instead, so a view
    /// that shows the counts only on demand counts them then ([`Index::facets_of`]):
    /// a query matching nearly every statement does not pay for a pass over all of
    /// them on every keystroke.
    pub facets: bool,
}

impl Default for SearchOptions {
    fn default() -> Self {
        Self { limit: DEFAULT_LIMIT, offset: 0, window: None, weights: RankingWeights::default(), snippets: usize::MAX, keep_rest: false, facets: true }
    }
}

/// What counting the facets of a search needs (the statements matching its words,
/// exclusions and window, and its field filters), kept by a search with
/// [`SearchOptions::facets`] off; [`Index::facets_of`] counts them.
#[derive(Clone, Debug, PartialEq)]
pub struct FacetBasis {
    matched: BitSet,
    fields: plan::FieldSets,
}

/// One result.
#[derive(Clone, Debug, PartialEq)]
pub struct Hit {
    /// Index into [`Corpus::statements`].
    pub statement: usize,
    /// Relevance (0 in browse mode); higher is better.
    pub score: f32,
    pub snippet: Snippet,
}

/// Nearest indexed words for a query word that matched nothing.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Suggestion {
    /// The query word (folded).
    pub word: String,
    /// Nearest words, closest first.
    pub nearest: Vec<String>,
}

/// What a search found.
#[derive(Clone, Debug, PartialEq)]
pub struct SearchResults {
    /// Best first (corpus order in browse mode).
    pub hits: Vec<Hit>,
    /// All matching statements (hits is at most `limit` of them).
    pub total: usize,
    /// With [`SearchOptions::keep_rest`]: the matches ranked after the hits (statement
    /// index and score), in no particular order; sorting them by score (descending),
    /// then statement (ascending), continues the ranking of `hits`. Empty otherwise.
    pub rest: Vec<(u32, f32)>,
    /// Empty if the search was asked not to count them ([`SearchOptions::facets`]):
    /// then [`Index::facets_of`] counts them from `facet_basis`.
    pub facets: Facets,
    /// What the facets are counted from, if they were not counted yet.
    pub facet_basis: Option<FacetBasis>,
    /// What was wrong with the query and how to fix it.
    pub problems: Vec<String>,
    pub suggestions: Vec<Suggestion>,
    /// The query as parsed.
    pub query: Query,
}

impl SearchResults {
    /// How many facet values the query's filters select (the facet counts marked
    /// `selected`), whether or not the facets were counted.
    pub fn facets_selected(&self) -> usize {
        match &self.facet_basis {
            Some(b) => b.fields.selected.0.iter().map(Vec::len).sum(),
            None => query::Field::ALL.into_iter().map(|f| self.facets.get(f).iter().filter(|c| c.selected).count()).sum(),
        }
    }

    /// The query with each word that matched nothing replaced by its nearest word, if
    /// there is one ("Did you mean …").
    pub fn suggested_query(&self) -> Option<String> {
        if self.suggestions.iter().all(|s| s.nearest.is_empty()) {
            return None;
        }
        let mut q = self.query.clone();
        for c in &mut q.clauses {
            if let Term::Word(w) = &mut c.term {
                if let Some(s) = self.suggestions.iter().find(|s| s.word == tokenize::fold(w)) {
                    if let Some(n) = s.nearest.first() {
                        *w = n.clone();
                    }
                }
            }
        }
        Some(q.to_string().trim_end().to_string())
    }
}

impl Index {
    /// The facet counts of a search: those it counted, or, if it was asked not to
    /// ([`SearchOptions::facets`]), counted now (O(matches)).
    pub fn facets_of(&self, results: &SearchResults) -> Facets {
        match &results.facet_basis {
            Some(b) => self.facets(&b.matched, &b.fields),
            None => results.facets.clone(),
        }
    }

    /// Parses and runs a query.
    pub fn search(&self, corpus: &Corpus, query: &str, opts: &SearchOptions) -> SearchResults {
        let (q, problems) = Query::parse_with_problems(query);
        let mut r = self.search_query(corpus, &q, opts);
        let mut all: Vec<String> = problems.into_iter().map(|p| p.message).collect();
        all.append(&mut r.problems);
        r.problems = all;
        r
    }

    /// Runs a parsed query.
    pub fn search_query(&self, corpus: &Corpus, query: &Query, opts: &SearchOptions) -> SearchResults {
        let n = self.len();
        let w = &opts.weights;
        let plan = self.plan(corpus, query, w);

        // Statements matching every unit, with their scores.
        let browse = plan.units.is_empty();
        let mut scratch = SCRATCH.with(|c| c.borrow_mut().take()).filter(|s| s.count.len() == n).unwrap_or_else(|| Scratch::new(n));
        let mut matched = if browse { BitSet::full(n) } else { BitSet::new(n) };
        if !browse {
            for unit in &plan.units {
                let mut total = std::mem::take(&mut scratch.total);
                let mut count = std::mem::take(&mut scratch.count);
                let mut seen = std::mem::take(&mut scratch.seen);
                let (tot, cnt) = (&mut total[..], &mut count[..]);
                self.eval_unit(unit, w, &mut scratch, |s, v| {
                    if cnt[s] == 0 {
                        seen.push(s as u32);
                    }
                    cnt[s] = cnt[s].saturating_add(1);
                    tot[s] += v;
                });
                scratch.total = total;
                scratch.count = count;
                scratch.seen = seen;
            }
            let need = plan.units.len().min(usize::from(u16::MAX)) as u16;
            let count = &scratch.count[..];
            for &s in scratch.seen.as_slice() {
                if count[s as usize] >= need {
                    matched.insert(s as usize);
                }
            }
        }
        if !plan.excluded.is_empty() {
            let mut ex = BitSet::new(n);
            for unit in &plan.excluded {
                self.eval_unit(unit, w, &mut scratch, |s, _| ex.insert(s));
            }
            matched.and_not(&ex);
        }
        if let Some((lo, hi)) = opts.window {
            let mut win = BitSet::new(n);
            for (s, &d) in self.stmt_day.iter().enumerate() {
                if d != i64::MIN && d >= lo && d <= hi {
                    win.insert(s);
                }
            }
            matched.and_with(&win);
        }
        let mut results = matched.clone();
        for set in plan.fields.sets.iter().flatten() {
            results.and_with(set);
        }
        let (facets, facet_basis) = if opts.facets {
            (self.facets(&matched, &plan.fields), None)
        } else {
            (Facets::default(), Some(FacetBasis { matched, fields: plan.fields }))
        };

        // Rank.
        let total = results.count();
        let want = opts.offset.saturating_add(opts.limit).min(total);
        let mut ranked: Vec<(u32, f32)>;
        let mut rest = Vec::new();
        if !browse && want.saturating_mul(8) < total {
            // Few hits wanted among many: keep the best `want` in a heap whose top is
            // the worst of them, so most matches cost one comparison (the order is a
            // total order, so the same hits as a full sort, in the same order).
            let scores = &scratch.total[..];
            let mut heap: std::collections::BinaryHeap<Ranked> = std::collections::BinaryHeap::with_capacity(want + 1);
            results.for_each(|s| {
                let hit = Ranked(s as u32, scores[s]);
                if heap.len() < want {
                    heap.push(hit);
                } else if let Some(mut worst) = heap.peek_mut() {
                    if rank_order(&(hit.0, hit.1), &(worst.0, worst.1)).is_lt() {
                        *worst = hit;
                    }
                }
            });
            // The rest, if asked for: every match ranked after the worst kept (one
            // comparison each, no sort or selection over all of them).
            if opts.keep_rest {
                let worst = heap.peek().map(|r| (r.0, r.1));
                rest.reserve(total - heap.len());
                results.for_each(|s| {
                    let hit = (s as u32, scores[s]);
                    if worst.is_none_or(|w| rank_order(&hit, &w).is_gt()) {
                        rest.push(hit);
                    }
                });
            }
            ranked = heap.into_iter().map(|r| (r.0, r.1)).collect();
            ranked.sort_unstable_by(rank_order);
        } else if browse && !opts.keep_rest {
            // Browsing: matches in corpus order, and only the hits returned are listed.
            ranked = results.iter().take(want).map(|s| (s as u32, 0.0)).collect();
        } else {
            ranked = Vec::with_capacity(total);
            let scores = &scratch.total[..];
            results.for_each(|s| ranked.push((s as u32, if browse { 0.0 } else { scores[s] })));
            if !browse {
                // Only the hits returned are sorted: the best `want` are selected first (O(n)).
                if want > 0 && want < total {
                    ranked.select_nth_unstable_by(want - 1, rank_order);
                }
                ranked[..want].sort_unstable_by(rank_order);
            }
        }
        scratch.reset();
        SCRATCH.with(|c| *c.borrow_mut() = Some(scratch));
        if opts.keep_rest && ranked.len() > want {
            rest = ranked.split_off(want);
        }
        let hl = Highlighter::new(&plan.units);
        let hits = ranked
            .into_iter()
            .take(want)
            .skip(opts.offset)
            .enumerate()
            .map(|(k, (s, score))| {
                let s = s as usize;
                let snippet = if k < opts.snippets { self.snippet(corpus, s, &hl) } else { Snippet::whole(corpus, s) };
                Hit { statement: s, score, snippet }
            })
            .collect();
        SearchResults { hits, total, rest, facets, facet_basis, problems: plan.problems, suggestions: plan.suggestions, query: query.clone() }
    }
}

/// A match in the ranking heap of [`Index::search_query`]: ordered by [`rank_order`],
/// so the greatest is the one ranked last.
struct Ranked(u32, f32);

impl PartialEq for Ranked {
    fn eq(&self, other: &Self) -> bool {
        self.cmp(other).is_eq()
    }
}

impl Eq for Ranked {}

impl PartialOrd for Ranked {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Ranked {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        rank_order(&(self.0, self.1), &(other.0, other.1))
    }
}

/// The order of ranked matches: higher score first, then lower statement index.
pub fn rank_order(a: &(u32, f32), b: &(u32, f32)) -> std::cmp::Ordering {
    b.1.total_cmp(&a.1).then(a.0.cmp(&b.0))
}
