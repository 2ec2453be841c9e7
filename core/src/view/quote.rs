//! A quote card (the embed form of one statement): [`quote_card`] gives what it shows,
//! the statement's [`StatementSummary`], its source, and the view that shows it in context.

use super::summary::{summarize, StatementSummary};
use crate::model::Corpus;
use crate::url_state::{View, ViewState};

/// What a quote card shows.
#[derive(Clone, Debug, PartialEq)]
pub struct QuoteCardView {
    pub summary: StatementSummary,
    /// "Title, Outlet" (either alone when the other is empty).
    pub source: String,
    /// The reader on the statement's document with the statement selected.
    pub in_context: ViewState,
}

/// The quote card of the statement with id `id`; `None` when there is none.
pub fn quote_card(corpus: &Corpus, id: &str) -> Option<QuoteCardView> {
    let (index, s) = corpus.statement_by_id(id)?;
    let m = &corpus.document_of(s)?.meta;
    let mut summary = summarize(corpus, index)?;
    summary.text = summary.text.trim().to_string();
    let source = [m.title.as_str(), m.outlet.as_str()].into_iter().filter(|x| !x.is_empty()).collect::<Vec<_>>().join(", ");
    let in_context = ViewState { view: View::Reader, document: Some(m.id.clone()), selected: Some(s.id.clone()), ..ViewState::default() };
    Some(QuoteCardView { summary, source, in_context })
}
