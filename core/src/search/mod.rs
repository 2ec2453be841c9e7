//! Full-text search over the statements of a corpus, built in the browser at start-up.
//!
//! Layers, one file each:
//! - [`tokenize`]: Unicode words with byte offsets, case and diacritic folding, English
//!   and Russian stemming and stop words.
//! - [`index`]: [`Index::build`] interns words into terms and keeps a token stream,
//!   postings, a sorted word dictionary, virtual fields (title, speaker, topics) and
//!   facet bit sets ([`bitset`]).
//! - [`query`]: the query language ([`Query::parse`]): words (AND), "phrases",
//!   -exclusions, `speaker:` `topic:` `document:` `kind:` `year:` filters.
//! - `plan`: a query becomes units (word + prefix/typo/synonym expansions) and filters.
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
//! assert!(results.problems.is_empty() || !results.problems.is_empty()); // problems are for people
//! ```
//!
//! [`Index::search`] never fails and never panics: a malformed query is searched as well
//! as it can be and what was wrong comes back in [`SearchResults::problems`]; query words
//! that matched nothing get the nearest indexed words in
//! [`SearchResults::suggestions`]. An empty query lists all statements in corpus order
//! (browse mode), still filtered and with facets.

pub mod bitset;
pub mod facets;
pub mod fuzzy;
pub mod index;
mod plan;
pub mod query;
pub mod score;
pub mod snippet;
pub mod tokenize;

pub use bitset::BitSet;
pub use facets::{FacetCount, Facets};
pub use index::Index;
pub use query::{Clause, Field, Filter, Query, QueryProblem, Term};
pub use score::RankingWeights;
pub use snippet::Snippet;

use crate::model::Corpus;
use score::Scratch;
use snippet::Highlighter;

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
}

impl Default for SearchOptions {
    fn default() -> Self {
        Self { limit: DEFAULT_LIMIT, offset: 0, window: None, weights: RankingWeights::default() }
    }
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
    pub facets: Facets,
    /// What was wrong with the query and how to fix it.
    pub problems: Vec<String>,
    pub suggestions: Vec<Suggestion>,
    /// The query as parsed.
    pub query: Query,
}

impl SearchResults {
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
        let mut total_score = vec![0f32; if browse { 0 } else { n }];
        let mut matched = if browse { BitSet::full(n) } else { BitSet::new(n) };
        let mut scratch = Scratch::new(n);
        if !browse {
            let mut count = vec![0u16; n];
            for unit in &plan.units {
                self.eval_unit(unit, w, &mut scratch, |s, v| {
                    count[s] = count[s].saturating_add(1);
                    total_score[s] += v;
                });
            }
            let need = plan.units.len().min(usize::from(u16::MAX)) as u16;
            for (s, &c) in count.iter().enumerate() {
                if c >= need {
                    matched.insert(s);
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
        let facets = self.facets(corpus, &matched, &plan.fields);
        let mut results = matched;
        for set in plan.fields.sets.iter().flatten() {
            results.and_with(set);
        }

        // Rank.
        let mut ranked: Vec<(u32, f32)> = results.iter().map(|s| (s as u32, if browse { 0.0 } else { total_score[s] })).collect();
        let total = ranked.len();
        let want = opts.offset.saturating_add(opts.limit).min(total);
        if !browse {
            let cmp = |a: &(u32, f32), b: &(u32, f32)| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0));
            if want > 0 && want < total {
                ranked.select_nth_unstable_by(want - 1, cmp);
                ranked.truncate(want);
            }
            ranked.sort_unstable_by(cmp);
        }
        let hl = Highlighter::new(&plan.units);
        let hits = ranked
            .into_iter()
            .take(want)
            .skip(opts.offset)
            .map(|(s, score)| Hit { statement: s as usize, score, snippet: self.snippet(corpus, s as usize, &hl) })
            .collect();
        SearchResults { hits, total, facets, problems: plan.problems, suggestions: plan.suggestions, query: query.clone() }
    }
}
