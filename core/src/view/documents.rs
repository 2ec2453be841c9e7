//! The documents screen's view model: [`document_cards`], one [`DocCard`] per document
//! in date order (undated last), with its statement count. Linear in documents plus
//! statements (one pass counts every document's statements).

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

/// The cards of every document, oldest first, undated last (ties in corpus order).
pub fn document_cards(c: &Corpus) -> Vec<DocCard> {
    let mut counts = vec![0usize; c.documents.len()];
    for s in &c.statements {
        if let Some(n) = counts.get_mut(s.doc) {
            *n += 1;
        }
    }
    let mut order: Vec<usize> = (0..c.documents.len()).collect();
    crate::sort::by_key(&mut order, |&i| c.documents[i].meta.date.best_day().unwrap_or(i64::MAX));
    order
        .into_iter()
        .map(|i| {
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
        .collect()
}
