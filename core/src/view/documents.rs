//! The documents screen's view model: [`document_cards`], one [`DocCard`] per document
//! in date order (undated last), with its statement count. Linear in documents plus
//! statements (one pass counts every document's statements), plus sorting the
//! documents by date. The screen shows them a page at a time ([`document_cards_page`]:
//! only the cards shown are made, so 100,000 tiny documents do not make 100,000 cards
//! and list items in one task).

use super::summary::DateLabel;
use crate::model::Corpus;
use crate::url_state::{View, ViewState};

/// What a document card shows.
#[derive(Clone, Debug, PartialEq)]
pub struct DocCard {
    pub id: String,
    /// The reader's link for the document (`#/reader?doc=…`, percent-encoded).
    pub href: String,
    pub title: String,
    pub outlet: String,
    pub date: DateLabel,
    /// Speaker names, comma-separated.
    pub speakers: String,
    pub interviewer: String,
    pub statements: usize,
}

/// Cards the documents screen shows at first; "Show more" adds as many again.
pub const DOCUMENTS_PAGE: usize = 100;

/// The cards of every document, oldest first, undated last (ties in corpus order).
pub fn document_cards(c: &Corpus) -> Vec<DocCard> {
    document_cards_page(c, usize::MAX).0
}

/// The first `limit` cards of [`document_cards`], and how many documents there are.
pub fn document_cards_page(c: &Corpus, limit: usize) -> (Vec<DocCard>, usize) {
    let mut counts = vec![0usize; c.documents.len()];
    for s in &c.statements {
        if let Some(n) = counts.get_mut(s.doc) {
            *n += 1;
        }
    }
    let mut order: Vec<(i64, usize)> = c.documents.iter().enumerate().map(|(i, d)| (d.meta.date.best_day().unwrap_or(i64::MAX), i)).collect();
    // (day, position) pairs are distinct: the order of a stable sort by day.
    order.sort_unstable();
    let cards = order
        .into_iter()
        .take(limit)
        .map(|(_, i)| {
            let m = &c.documents[i].meta;
            let link = ViewState { view: View::Reader, document: Some(m.id.clone()), ..ViewState::default() };
            DocCard {
                id: m.id.clone(),
                href: link.to_fragment(),
                title: m.title.clone(),
                outlet: m.outlet.clone(),
                date: DateLabel::of(&m.date),
                speakers: m.speakers.iter().map(|s| c.actor_name(s)).collect::<Vec<_>>().join(", "),
                interviewer: m.interviewer.clone(),
                statements: counts[i],
            }
        })
        .collect();
    (cards, c.documents.len())
}
