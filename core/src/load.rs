//! Loading a packed corpus in stages, off the page's main thread, and handing the result
//! over in bounded pieces.
//!
//! The app runs [`run`] in a Web Worker: it parses the packed JSON, checks and builds
//! the corpus (the steps of the same [`corpus::build`] the CLI and build.rs use, through
//! [`corpus::build_in_steps`]), reporting a
//! [`Progress`] per stage as it goes, then cuts the built corpus into [`Part`]s: a header
//! (metadata, positions, counts), documents by at most [`PART_BYTES`] of text, statements
//! by at most [`PART_STATEMENTS`]. The page feeds each part, as it arrives, to an
//! [`Assembler`], which indexes the statements with an [`IndexBuilder`] batch by batch,
//! so no step on the page grows with the size of the corpus; the index's last step runs
//! in slices too ([`Assembler::finishing`], [`Finishing::step`]).
//!
//! Once complete, the page puts the new corpus on screen in the steps of [`Swap`], each
//! in a task of its own, so that no one task draws every panel over 57,000 statements.
//!
//! [`run`]'s callback can stop the work at any progress report (the worker is also
//! simply terminated on Cancel); a stopped run returns [`LoadError::Cancelled`].

use crate::corpus;
use crate::meta::CorpusMeta;
use crate::model::{Corpus, Document, Position, Statement};
use crate::search::{Index, IndexBuilder, IndexFinish};
use crate::CorpusErrors;
use serde::{Deserialize, Serialize};

/// Most document text bytes in one [`Part::Documents`] (a larger document goes alone).
pub const PART_BYTES: usize = 128 * 1024;
/// Most statements in one [`Part::Statements`].
pub const PART_STATEMENTS: usize = 400;

/// A stage of a load, in the order they run.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Stage {
    /// Reading the file or the response.
    Read,
    /// Parsing the packed JSON.
    Parse,
    /// Checking ids, references between metadata entries, dates.
    Check,
    /// Reading each document's text and its excluded parts.
    Load,
    /// Cutting the documents into statements.
    Extract,
    /// Finding each statement's topics and dated references.
    Tag,
    /// Finding the statements that tags and positions quote.
    Resolve,
    /// Receiving the statements on the page and indexing them for search.
    Index,
}

impl Stage {
    pub const ALL: [Stage; 8] = [Stage::Read, Stage::Parse, Stage::Check, Stage::Load, Stage::Extract, Stage::Tag, Stage::Resolve, Stage::Index];

    /// What the stage does, for the progress bar.
    pub fn label(self) -> &'static str {
        match self {
            Stage::Read => "Reading the file",
            Stage::Parse => "Reading the corpus",
            Stage::Check => "Checking the metadata",
            Stage::Load => "Loading the documents",
            Stage::Extract => "Cutting statements",
            Stage::Tag => "Finding topics and dates",
            Stage::Resolve => "Resolving quotes",
            Stage::Index => "Building the search index",
        }
    }

    /// The stage's share of the whole load, in percent (the shares add up to 100;
    /// measured roughly on the 1000x synthetic corpus).
    fn weight(self) -> u32 {
        match self {
            Stage::Read => 2,
            Stage::Parse => 8,
            Stage::Check => 2,
            Stage::Load => 3,
            Stage::Extract => 40,
            Stage::Tag => 15,
            Stage::Resolve => 5,
            Stage::Index => 25,
        }
    }
}

/// Where a load is: `done` of `total` steps of `stage`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Progress {
    pub stage: Stage,
    pub done: usize,
    pub total: usize,
}

impl Progress {
    pub fn new(stage: Stage, done: usize, total: usize) -> Self {
        Self { stage, done: done.min(total), total }
    }

    /// Percent of the whole load done (0..=100), never less for a later report.
    pub fn percent(&self) -> u32 {
        let before: u32 = Stage::ALL.iter().take_while(|s| **s < self.stage).map(|s| s.weight()).sum();
        let part = if self.total == 0 { 0 } else { (self.stage.weight() as u64 * self.done as u64 / self.total as u64) as u32 };
        (before + part).min(100)
    }

    /// "Cutting statements, 40%".
    pub fn describe(&self) -> String {
        format!("{}, {}%", self.stage.label(), self.percent())
    }
}

/// Why a load produced no corpus.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LoadError {
    /// The corpus has problems (each names its file and line, and what to do).
    Problems(CorpusErrors),
    /// The caller stopped it.
    Cancelled,
}

impl From<CorpusErrors> for LoadError {
    fn from(e: CorpusErrors) -> Self {
        LoadError::Problems(e)
    }
}

/// A piece of a built corpus, sent from the worker to the page as JSON. Externally
/// tagged (`{"header": {...}}`), not internally (`{"part": "header", ...}`): serde reads an
/// internally tagged enum through a buffer of untyped content, which compiled a second
/// deserializer for every type in a part (about 70 KB of wasm before wasm-opt). The format
/// is private to one build (worker and page run the same wasm).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Part {
    /// First: everything but documents and statements, and how many of each follow.
    /// `skipped`: what the file had that could not be loaded (a TimelineJS event with
    /// no place in time...), one line each, for the page to show.
    Header {
        meta: Box<CorpusMeta>,
        positions: Vec<Position>,
        documents: usize,
        statements: usize,
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        skipped: Vec<String>,
        /// `meta.documents` is left out of the header because it is exactly the
        /// documents' own metadata, which the documents parts carry: the page puts it
        /// back from them (so each document's metadata crosses once, not twice).
        #[serde(default)]
        metas_follow: bool,
    },
    /// Next documents, in order.
    Documents { documents: Vec<Document> },
    /// Next statements, in order (after every document).
    Statements { statements: Vec<Statement> },
}

/// Parses a packed corpus and builds it, calling `report` at each step; `report`
/// returns `false` to stop. Progress reports come in stage order and never go back.
pub fn run(origin: &str, json: &str, report: &mut dyn FnMut(Progress) -> bool) -> Result<Corpus, LoadError> {
    run_file(origin, json, report).map(|(corpus, _)| corpus)
}

/// [`run`] for any file the app reads (a packed corpus or a TimelineJS file, see
/// [`crate::interchange::read_corpus_file`]), with what was skipped, one line each.
pub fn run_file(origin: &str, json: &str, report: &mut dyn FnMut(Progress) -> bool) -> Result<(Corpus, Vec<String>), LoadError> {
    let mut step = |stage, done, total| if report(Progress::new(stage, done, total)) { Ok(()) } else { Err(LoadError::Cancelled) };
    step(Stage::Parse, 0, 1)?;
    let file = crate::interchange::read_corpus_file(origin, json)?;
    step(Stage::Parse, 1, 1)?;
    Ok((corpus::build_in_steps(file.packed.into_source(origin), report)?, file.skipped))
}

/// Cuts a built corpus into parts: the header, then documents, then statements.
pub fn split(corpus: Corpus) -> Vec<Part> {
    split_with_skipped(corpus, Vec::new())
}

/// [`split`], the header carrying what the file had that could not be loaded.
pub fn split_with_skipped(corpus: Corpus, skipped: Vec<String>) -> Vec<Part> {
    let Corpus { mut meta, documents, statements, positions } = corpus;
    let metas_follow = meta.documents.len() == documents.len() && meta.documents.iter().zip(&documents).all(|(m, d)| *m == d.meta);
    if metas_follow {
        meta.documents = Vec::new();
    }
    let mut parts =
        vec![Part::Header { meta: Box::new(meta), positions, documents: documents.len(), statements: statements.len(), skipped, metas_follow }];
    let mut batch = Vec::new();
    let mut bytes = 0;
    for d in documents {
        if !batch.is_empty() && bytes + d.text.len() > PART_BYTES {
            parts.push(Part::Documents { documents: std::mem::take(&mut batch) });
            bytes = 0;
        }
        bytes += d.text.len();
        batch.push(d);
    }
    if !batch.is_empty() {
        parts.push(Part::Documents { documents: batch });
    }
    let mut statements = statements.into_iter().peekable();
    while statements.peek().is_some() {
        parts.push(Part::Statements { statements: statements.by_ref().take(PART_STATEMENTS).collect() });
    }
    parts
}

/// Puts a corpus back together from its [`Part`]s and indexes it as they arrive.
pub struct Assembler {
    corpus: Corpus,
    /// What the file had that could not be loaded (from the header).
    pub skipped: Vec<String>,
    documents: usize,
    statements: usize,
    index: Option<IndexBuilder>,
    /// The header left out `meta.documents` (see [`Part::Header`]).
    metas_follow: bool,
}

impl Assembler {
    /// Starts from the first part, which must be the header.
    pub fn new(header: Part) -> Result<Self, String> {
        match header {
            Part::Header { meta, positions, documents, statements, skipped, metas_follow } => {
                let corpus = Corpus { meta: *meta, documents: Vec::with_capacity(documents), statements: Vec::with_capacity(statements), positions };
                let mut a = Self { corpus, skipped, documents, statements, index: None, metas_follow };
                a.start_index();
                Ok(a)
            }
            _ => Err("the corpus arrived without its header".into()),
        }
    }

    fn start_index(&mut self) {
        if self.index.is_none() && self.corpus.documents.len() == self.documents {
            if self.metas_follow {
                self.corpus.meta.documents = self.corpus.documents.iter().map(|d| d.meta.clone()).collect();
            }
            self.index = Some(IndexBuilder::new(&self.corpus));
        }
    }

    /// Adds the next part, indexing its statements.
    pub fn push(&mut self, part: Part) -> Result<(), String> {
        match part {
            Part::Header { .. } => return Err("the corpus header arrived twice".into()),
            Part::Documents { documents } => {
                if self.corpus.documents.len() + documents.len() > self.documents {
                    return Err("more documents arrived than announced".into());
                }
                self.corpus.documents.extend(documents);
                self.start_index();
            }
            Part::Statements { statements } => {
                let Some(index) = self.index.as_mut() else {
                    return Err("statements arrived before every document".into());
                };
                if self.corpus.statements.len() + statements.len() > self.statements {
                    return Err("more statements arrived than announced".into());
                }
                self.corpus.statements.extend(statements);
                index.add(&self.corpus, self.corpus.statements.len());
            }
        }
        Ok(())
    }

    /// Where the receiving side is.
    pub fn progress(&self) -> Progress {
        Progress::new(Stage::Index, self.corpus.statements.len(), self.statements.max(1))
    }

    /// Whether every announced document and statement has arrived.
    pub fn is_complete(&self) -> bool {
        self.corpus.documents.len() == self.documents && self.corpus.statements.len() == self.statements
    }

    /// The corpus and its index, once complete.
    pub fn finish(self) -> Result<(Corpus, Index), String> {
        self.finishing().map(Finishing::finish)
    }

    /// The complete corpus, with its index's last step to run in slices
    /// ([`Finishing::step`]).
    pub fn finishing(self) -> Result<Finishing, String> {
        if !self.is_complete() {
            return Err(format!(
                "the corpus arrived incomplete ({} of {} documents, {} of {} statements)",
                self.corpus.documents.len(),
                self.documents,
                self.corpus.statements.len(),
                self.statements
            ));
        }
        let index = self.index.unwrap_or_else(|| {
            let mut b = IndexBuilder::new(&self.corpus);
            b.add(&self.corpus, self.corpus.statements.len());
            b
        });
        Ok(Finishing { corpus: self.corpus, skipped: self.skipped, index: index.finishing() })
    }
}

/// Units of index work per slice of [`Finishing::step`] in the app: a few milliseconds
/// of wasm on a slow machine.
pub const FINISH_BUDGET: usize = 50_000;

/// A complete corpus whose index is being finished, slice by slice.
pub struct Finishing {
    corpus: Corpus,
    /// What the file had that could not be loaded (from the header).
    pub skipped: Vec<String>,
    index: IndexFinish,
}

impl Finishing {
    /// Does about `budget` units of the index's last step; `true` once it is done.
    pub fn step(&mut self, budget: usize) -> bool {
        self.index.step(&self.corpus, budget)
    }

    /// The corpus and its index (finishing what [`step`](Self::step) has not done).
    pub fn finish(self) -> (Corpus, Index) {
        let index = self.index.into_index(&self.corpus);
        (self.corpus, index)
    }
}

/// The steps of swapping a newly built corpus onto the screen, each run by the app in a
/// task of its own, so that no single task removes the old corpus's views, installs the
/// new one and draws every panel over it (at 1000x that is hundreds of milliseconds of
/// one frame). The panels that grow with the corpus are mounted from [`Swap::Search`] on,
/// one [`Panel`] per step ([`Swap::shows`]); the page shows a placeholder in each
/// panel's place until then. (The timeline's data is made before the swap, in slices.)
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Swap {
    /// The heavy panels of the old corpus are removed (their placeholders shown).
    Clear,
    /// The new corpus is installed: the header, the notices and the statement panel
    /// update; nothing reads the search results yet.
    Install,
    /// The search results of the current query over the new corpus are computed.
    Results,
    /// The search box, its count and facets are drawn.
    Search,
    /// The view (the timeline's chart: axis, lanes and events; the table, positions,
    /// documents) is drawn.
    Views,
    /// The timeline's statement marks are drawn (in a task of their own: at 1000x they
    /// are most of the chart's elements).
    Marks,
    /// The result list under the timeline is drawn: the swap is done.
    List,
}

/// A part of the screen that [`Swap`] mounts in its turn.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Panel {
    /// The search box with its count and facet chips.
    Search,
    /// A view that draws the statements (timeline, table, positions, documents, reader).
    View,
    /// The timeline's statement marks.
    Marks,
    /// The result list under the timeline.
    List,
}

impl Swap {
    /// Every step, in order.
    pub const ALL: [Swap; 7] = [Swap::Clear, Swap::Install, Swap::Results, Swap::Search, Swap::Views, Swap::Marks, Swap::List];

    /// The last step: the swap is done (and no swap running is the same as this).
    pub const DONE: Swap = Swap::List;

    /// The step after this one (`None` after the last).
    pub fn next(self) -> Option<Swap> {
        Swap::ALL.iter().position(|s| *s == self).and_then(|i| Swap::ALL.get(i + 1)).copied()
    }

    /// Whether `panel` is mounted at this step (every panel is, once the swap is done
    /// and whenever no swap runs).
    pub fn shows(self, panel: Panel) -> bool {
        match panel {
            Panel::Search => self >= Swap::Search,
            Panel::View => self >= Swap::Views,
            Panel::Marks => self >= Swap::Marks,
            Panel::List => self >= Swap::List,
        }
    }

    /// The name of the step's performance measure (`stance-swap-install`...), read by
    /// `bench/run-app-bench.mjs`.
    pub fn measure_name(self) -> &'static str {
        match self {
            Swap::Clear => "stance-swap-clear",
            Swap::Install => "stance-swap-install",
            Swap::Results => "stance-swap-results",
            Swap::Search => "stance-swap-search",
            Swap::Views => "stance-swap-views",
            Swap::Marks => "stance-swap-marks",
            Swap::List => "stance-swap-list",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percent_grows_through_the_stages_and_ends_at_100() {
        let mut last = 0;
        for stage in Stage::ALL {
            for done in 0..=4 {
                let p = Progress::new(stage, done, 4).percent();
                assert!(p >= last, "{stage:?} {done}/4 went back from {last} to {p}");
                last = p;
            }
        }
        assert_eq!(last, 100);
        assert_eq!(Progress::new(Stage::Read, 0, 1).percent(), 0);
        assert_eq!(Stage::ALL.iter().map(|s| s.weight()).sum::<u32>(), 100);
    }

    #[test]
    fn progress_clamps_done_and_survives_an_empty_stage() {
        assert_eq!(Progress::new(Stage::Extract, 9, 3).done, 3);
        let empty = Progress::new(Stage::Extract, 0, 0);
        assert_eq!(empty.percent(), Progress::new(Stage::Extract, 0, 5).percent());
        assert!(empty.describe().starts_with("Cutting statements, "));
    }

    #[test]
    fn assembler_refuses_parts_out_of_order() {
        let header = Part::Header { meta: Box::default(), positions: Vec::new(), documents: 1, statements: 0, skipped: Vec::new(), metas_follow: false };
        assert!(Assembler::new(Part::Statements { statements: Vec::new() }).is_err());
        let mut a = Assembler::new(header.clone()).unwrap_or_else(|e| panic!("{e}"));
        assert!(a.push(header).is_err());
        assert!(a.push(Part::Statements { statements: Vec::new() }).is_err(), "statements before the documents");
        assert!(!a.is_complete());
        assert!(a.finish().is_err());
    }

    #[test]
    fn a_swap_steps_through_every_stage_once_and_ends_showing_every_panel() {
        let mut seen = vec![Swap::Clear];
        let mut at = Swap::Clear;
        while let Some(next) = at.next() {
            assert!(next > at, "{next:?} after {at:?}");
            at = next;
            seen.push(at);
        }
        assert_eq!(seen, Swap::ALL.to_vec());
        assert_eq!(Swap::ALL.last(), Some(&Swap::DONE));
        for panel in [Panel::Search, Panel::View, Panel::Marks, Panel::List] {
            assert!(Swap::DONE.shows(panel), "{panel:?} hidden after the swap");
            assert!(!Swap::Clear.shows(panel) && !Swap::Install.shows(panel), "{panel:?} drawn before the new corpus is installed");
            // Once shown, a panel stays shown for the rest of the swap.
            let first = Swap::ALL.iter().position(|s| s.shows(panel)).unwrap_or(Swap::ALL.len());
            assert!(Swap::ALL[first..].iter().all(|s| s.shows(panel)));
        }
        // The search box, the views and the result list are drawn in different steps
        // (different tasks).
        let first = |panel| Swap::ALL.iter().position(|s| s.shows(panel));
        let firsts: std::collections::HashSet<_> = [Panel::Search, Panel::View, Panel::Marks, Panel::List].into_iter().map(first).collect();
        assert_eq!(firsts.len(), 4);
        let names: std::collections::HashSet<_> = Swap::ALL.iter().map(|s| s.measure_name()).collect();
        assert_eq!(names.len(), Swap::ALL.len());
    }
}
