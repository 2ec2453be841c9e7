//! The statement summary shared by every view that shows one statement: the statement
//! panel, the compare cards, the search results, the table rows and the coming quote
//! card. [`summarize`] gives a [`StatementSummary`]; [`DateLabel`] is a date as the
//! views show it ("c. 27 July 2017", with the rest of its label for screen readers).

use crate::date::{Certainty, DateSpec};
use crate::model::{Corpus, Statement};
use crate::timeline::UNATTRIBUTED_LABEL;

/// A date as shown: a short form, the rest of the full label, and what a `<time>` needs.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct DateLabel {
    /// The whole label: "c. 27 July 2017 (between 9 July 2017 and 28 July 2017)".
    pub full: String,
    /// The short form: the best date, with "c." when it is approximate.
    pub short: String,
    /// What `full` adds to `short` (for screen readers and the tooltip); may be empty.
    pub rest: String,
    /// `YYYY-MM-DD` (or `YYYY-MM`, `YYYY`) of the best date, for `datetime`; may be empty.
    pub iso: String,
    /// The date is not exact: the views draw it with a dashed outline.
    pub approximate: bool,
    /// The corpus author's note on the date; may be empty.
    pub note: String,
}

impl DateLabel {
    pub fn of(spec: &DateSpec) -> Self {
        let full = spec.label();
        let short = match (spec.best, spec.certainty) {
            (Some(best), Certainty::Approximate) => format!("c. {}", best.label()),
            _ => full.clone(),
        };
        DateLabel {
            rest: full.strip_prefix(short.as_str()).unwrap_or("").to_string(),
            iso: spec.best.map(|d| d.to_string()).unwrap_or_default(),
            approximate: spec.certainty != Certainty::Exact,
            note: spec.note.clone().unwrap_or_default(),
            short,
            full,
        }
    }

    /// CSS class of the date: `st-date`, plus `st-date--approximate` when approximate.
    pub fn class(&self) -> &'static str {
        if self.approximate {
            "st-date st-date--approximate"
        } else {
            "st-date"
        }
    }
}

/// One statement, ready to show.
#[derive(Clone, Debug, PartialEq)]
pub struct StatementSummary {
    /// Index into [`Corpus::statements`].
    pub index: usize,
    pub id: String,
    /// The statement's text, exactly as in its document.
    pub text: String,
    /// The speaker's name, or [`UNATTRIBUTED_LABEL`].
    pub speaker: String,
    /// "quote", "answer", …
    pub kind: &'static str,
    pub date: DateLabel,
    pub document_id: String,
    pub document_title: String,
    /// Topic labels, in the statement's order.
    pub topics: Vec<String>,
}

/// The speaker's name of a statement, or [`UNATTRIBUTED_LABEL`].
pub fn speaker_name<'a>(corpus: &'a Corpus, s: &'a Statement) -> &'a str {
    s.speaker.as_deref().map_or(UNATTRIBUTED_LABEL, |a| corpus.actor_name(a))
}

/// The summary of statement `index`; `None` when the corpus has no such statement.
pub fn summarize(corpus: &Corpus, index: usize) -> Option<StatementSummary> {
    let s = corpus.statements.get(index)?;
    let doc = corpus.document_of(s)?;
    Some(StatementSummary {
        index,
        id: s.id.clone(),
        text: corpus.statement_text(s).to_string(),
        speaker: speaker_name(corpus, s).to_string(),
        kind: s.kind.as_str(),
        date: DateLabel::of(&doc.meta.date),
        document_id: doc.meta.id.clone(),
        document_title: doc.meta.title.clone(),
        topics: s.topics.iter().map(|t| corpus.topic_label(t).to_string()).collect(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::date::PartialDate;

    #[test]
    fn approximate_dates_get_c_and_keep_the_rest_of_the_label() {
        let spec = DateSpec {
            best: PartialDate::day(2017, 7, 27),
            earliest: PartialDate::day(2017, 7, 9),
            latest: PartialDate::day(2017, 7, 28),
            certainty: Certainty::Approximate,
            note: Some("Most likely".into()),
        };
        let d = DateLabel::of(&spec);
        assert_eq!(d.short, "c. 27 July 2017");
        assert_eq!(format!("{}{}", d.short, d.rest), d.full);
        assert!(d.rest.contains("9 July 2017"), "{d:?}");
        assert_eq!(d.iso, "2017-07-27");
        assert!(d.approximate);
        assert_eq!(d.class(), "st-date st-date--approximate");
        assert_eq!(d.note, "Most likely");
    }

    #[test]
    fn exact_dates_have_no_rest() {
        let spec = DateSpec { best: PartialDate::day(2022, 11, 3), certainty: Certainty::Exact, ..DateSpec::default() };
        let d = DateLabel::of(&spec);
        assert_eq!(d.short, d.full);
        assert!(d.rest.is_empty() && !d.approximate);
        assert_eq!(d.class(), "st-date");
    }

    #[test]
    fn no_date_at_all_is_not_a_panic() {
        let d = DateLabel::of(&DateSpec::default());
        assert!(d.iso.is_empty());
        assert_eq!(d.short, d.full);
    }
}
