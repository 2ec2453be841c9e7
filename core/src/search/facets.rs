//! Facet counts over the results.
//!
//! Counts are **disjunctive**: the count of a value of one field is taken over the
//! statements matching the words and every *other* field's filters (and the time
//! window), not that field's own filter. So with `speaker:krutskikh` selected, the
//! speaker facet still shows how many results each other speaker would give, while
//! the topic, year, document and kind facets count the Krutskikh results only.
//! Values with no result are left out unless selected.

use super::bitset::BitSet;
use super::index::{Index, NONE};
use super::plan::FieldSets;
use super::query::Field;
use crate::model::StatementKind;
use std::sync::Arc;

/// One value of a facet. The strings are shared with the index (no copy per search).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FacetCount {
    /// What a filter takes: actor id, topic id, year, document id, kind.
    pub value: Arc<str>,
    /// What a person reads: actor name, topic label, year, document title, kind.
    pub label: Arc<str>,
    pub count: usize,
    /// The query filters on this value.
    pub selected: bool,
}

/// Facet counts of a search (see the module doc for what is counted).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Facets {
    /// By count, then label.
    pub speaker: Vec<FacetCount>,
    /// By count, then label.
    pub topic: Vec<FacetCount>,
    /// By year.
    pub year: Vec<FacetCount>,
    /// In corpus order.
    pub document: Vec<FacetCount>,
    /// In [`StatementKind::ALL`] order.
    pub kind: Vec<FacetCount>,
}

impl Facets {
    /// The counts of one field.
    pub fn get(&self, field: Field) -> &[FacetCount] {
        match field {
            Field::Speaker => &self.speaker,
            Field::Topic => &self.topic,
            Field::Year => &self.year,
            Field::Document => &self.document,
            Field::Kind => &self.kind,
        }
    }
}

impl Index {
    /// Counts facets over `matched` (statements matching words, exclusions and window).
    pub(crate) fn facets(&self, matched: &BitSet, fields: &FieldSets) -> Facets {
        let mut speaker = vec![0usize; self.speakers.len()];
        let mut topic = vec![0usize; self.topics.len()];
        let mut year = vec![0usize; self.years.len()];
        let mut document = vec![0usize; self.facet_labels[Field::Document.index()].len()];
        let mut kind = vec![0usize; StatementKind::ALL.len()];
        // Plain slices in the loop (one pass over the matches, no per-access calls).
        let (c_speaker, c_topic, c_year, c_document, c_kind) = (&mut speaker[..], &mut topic[..], &mut year[..], &mut document[..], &mut kind[..]);
        let (s_speaker, s_year, s_doc, s_kind) = (&self.stmt_speaker[..], &self.stmt_year_idx[..], &self.stmt_doc[..], &self.stmt_kind[..]);
        let (t_off, t_list) = (&self.stmt_topic_off[..], &self.stmt_topics[..]);
        let filtered = fields.sets.0.iter().any(Option::is_some);
        matched.for_each(|s| {
            let mut fail = 0u8;
            if filtered {
                for (f, set) in fields.sets.0.iter().enumerate() {
                    if let Some(set) = set {
                        if !set.contains(s) {
                            fail |= 1 << f;
                        }
                    }
                }
            }
            let counts = |f: Field| fail == 0 || fail == 1 << f.index();
            if counts(Field::Speaker) && s_speaker[s] != NONE {
                c_speaker[s_speaker[s] as usize] += 1;
            }
            if counts(Field::Topic) {
                for &t in &t_list[t_off[s] as usize..t_off[s + 1] as usize] {
                    c_topic[t as usize] += 1;
                }
            }
            if counts(Field::Year) {
                if let Some(c) = c_year.get_mut(usize::from(s_year[s])) {
                    *c += 1;
                }
            }
            if counts(Field::Document) && s_doc[s] != NONE {
                if let Some(c) = c_document.get_mut(s_doc[s] as usize) {
                    *c += 1;
                }
            }
            if counts(Field::Kind) {
                c_kind[usize::from(s_kind[s])] += 1;
            }
        });
        let pick = |counts: &[usize], field: Field| -> Vec<FacetCount> {
            let labels = &self.facet_labels[field.index()];
            counts
                .iter()
                .enumerate()
                .filter(|&(i, &c)| (c > 0 || fields.selected[field].binary_search(&i).is_ok()) && i < labels.len())
                .map(|(i, &c)| FacetCount { value: labels[i].0.clone(), label: labels[i].1.clone(), count: c, selected: fields.selected[field].binary_search(&i).is_ok() })
                .collect()
        };
        let by_count = |mut v: Vec<FacetCount>| {
            crate::sort::by(&mut v, |a, b| b.count.cmp(&a.count).then_with(|| a.label.cmp(&b.label)));
            v
        };
        Facets {
            speaker: by_count(pick(&speaker, Field::Speaker)),
            topic: by_count(pick(&topic, Field::Topic)),
            year: pick(&year, Field::Year),
            document: pick(&document, Field::Document),
            kind: pick(&kind, Field::Kind),
        }
    }
}
