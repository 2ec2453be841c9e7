//! The statement panel: [`panel`] gives the selected statement's [`PanelView`] (its
//! summary, the text around it, the dates it refers to, and a citation ready to copy).

use super::summary::{summarize, StatementSummary};
use crate::model::Corpus;
use crate::text::{head_chars, tail_chars};

/// Characters of context shown on each side of the statement.
pub const CONTEXT_CHARS: usize = 280;

/// What the statement panel shows.
#[derive(Clone, Debug, PartialEq)]
pub struct PanelView {
    pub summary: StatementSummary,
    /// Up to [`CONTEXT_CHARS`] of the document before and after the statement.
    pub before: String,
    pub after: String,
    /// The dates it refers to: "“last July” → July 2017" or, for a known event,
    /// "“the summit” → 16 July 2018: Helsinki summit".
    pub references: Vec<String>,
    pub citation: String,
    /// The same citation for reference managers: a BibTeX entry and a CSL-JSON item.
    pub bibtex: String,
    pub csl_json: String,
}

/// The panel for the statement with id `id`; `None` when there is none.
pub fn panel(corpus: &Corpus, id: &str) -> Option<PanelView> {
    let (index, s) = corpus.statement_by_id(id)?;
    let doc = corpus.document_of(s)?;
    let body = doc.text.get(..doc.body_end.max(s.end).min(doc.text.len())).unwrap_or("");
    let references = s
        .references
        .iter()
        .map(|r| match r.event.as_deref().and_then(|e| corpus.meta.events.iter().find(|x| x.id == e)) {
            Some(e) => format!("“{}” → {}: {}", r.text, e.date.label(), e.label),
            None => format!("“{}” → {}", r.text, r.date.label()),
        })
        .collect();
    Some(PanelView {
        summary: summarize(corpus, index)?,
        before: tail_chars(body.get(..s.start).unwrap_or(""), CONTEXT_CHARS),
        after: head_chars(body.get(s.end..).unwrap_or(""), CONTEXT_CHARS),
        references,
        citation: corpus.citation(s),
        bibtex: crate::interchange::cite::bibtex(corpus, s),
        csl_json: crate::interchange::cite::csl_json(corpus, [s]),
    })
}
