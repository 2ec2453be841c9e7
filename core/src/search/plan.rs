//! From a parsed [`Query`] to what the index evaluates: required units, excluded
//! units and filter sets, with the problems and suggestions found on the way.
//!
//! A bare query word becomes a unit whose alternatives are its exact terms (stemmed by
//! its script, and any dictionary word spelled the same), plus, for the word being
//! typed, the words it is a prefix of, plus the words within the allowed number of edits
//! (see [`super::fuzzy::max_edits`]). A run of query words equal to a member of a synonym
//! group or an actor's name/alias list becomes one unit whose alternatives are all the
//! members (multi-word members as phrases), with no prefix or typo expansion (so
//! "Krutskih" and "Krutskikh" find exactly the same statements).

use super::bitset::BitSet;
use super::fuzzy::{max_edits, Distance};
use super::index::{letter_mask, Index};
use super::query::{Field, Filter, PerField, Query, Term};
use super::score::{Alt, RankingWeights, Unit};
use super::tokenize::{fold, folded_words, is_stop_word, Stemmers};
use super::Suggestion;
use crate::model::{Corpus, StatementKind};

/// At most this many words a prefix expands to (the most frequent).
pub const MAX_PREFIX_TERMS: usize = 64;
/// At most this many words a typo expands to (the closest, then most frequent).
pub const MAX_TYPO_TERMS: usize = 16;
/// At most this many nearest words suggested for a word that matched nothing.
pub const MAX_SUGGESTIONS: usize = 3;
/// Edits allowed when looking for suggestions (beyond [`max_edits`]).
pub const SUGGESTION_EDITS: u8 = 3;

/// Filter sets per facet field: `Some(allowed)` when the query restricts that field.
#[derive(Clone, Debug, Default, PartialEq)]
pub(crate) struct FieldSets {
    /// Per field (in [`Field::ALL`] order, like [`super::Facets`]).
    pub sets: PerField<Option<BitSet>>,
    /// Which values were asked for, per field (indexes into the index's value lists,
    /// sorted, each once).
    pub selected: PerField<Vec<usize>>,
}

pub(crate) struct Plan {
    pub units: Vec<Unit>,
    pub excluded: Vec<Unit>,
    pub fields: FieldSets,
    pub problems: Vec<String>,
    pub suggestions: Vec<Suggestion>,
}


struct QWord {
    folded: String,
    /// Index of the clause it came from.
    clause: usize,
}

impl Index {
    fn exact_terms(&self, stemmers: &Stemmers, folded: &str) -> Vec<u32> {
        let mut out: Vec<u32> = Vec::new();
        if let Some(&t) = self.term_lookup.get(stemmers.stem_query(folded).as_str()) {
            out.push(t);
        }
        for t in self.exact_words(folded) {
            if !out.contains(&t) {
                out.push(t);
            }
        }
        // Only terms that occur somewhere.
        out.retain(|&t| self.term_df.get(t as usize).is_some_and(|&d| d > 0));
        out
    }

    fn phrase_alt(&self, stemmers: &Stemmers, words: &[String], weight: f32) -> Alt {
        Alt::Phrase { positions: words.iter().map(|w| self.exact_terms(stemmers, w)).collect(), weight }
    }

    /// Alternatives for a sequence of folded words taken literally.
    fn literal_alts(&self, stemmers: &Stemmers, words: &[String], weight: f32, out: &mut Vec<Alt>) {
        if words.len() == 1 {
            for term in self.exact_terms(stemmers, &words[0]) {
                push_term(out, term, weight);
            }
        } else {
            out.push(self.phrase_alt(stemmers, words, weight));
        }
    }

    /// The synonym group whose member equals `words[..k]` for the largest `k`.
    fn synonym_at(&self, stemmers: &Stemmers, words: &[String]) -> Option<(usize, usize, usize)> {
        let mut stems: Vec<String> = Vec::new();
        let mut best: Option<(usize, usize, usize)> = None;
        for (gi, group) in self.synonym_stems.iter().enumerate() {
            for (mi, member) in group.iter().enumerate() {
                let k = member.len();
                if k == 0 || k > words.len() || best.is_some_and(|(_, _, bk)| bk >= k) {
                    continue;
                }
                while stems.len() < k {
                    stems.push(stemmers.stem_query(&words[stems.len()]));
                }
                if member.iter().zip(&stems).all(|(m, s)| m == s) {
                    best = Some((gi, mi, k));
                }
            }
        }
        best
    }

    fn synonym_alts(&self, stemmers: &Stemmers, gi: usize, mi: usize, w: &RankingWeights) -> Vec<Alt> {
        let mut alts = Vec::new();
        for (i, member) in self.synonyms[gi].iter().enumerate() {
            // "United States" must not bring in every "us": a member that is a single
            // stop word counts only when it is what was typed.
            if i != mi && member.len() == 1 && is_stop_word(&member[0]) {
                continue;
            }
            let weight = if i == mi { 1.0 } else { w.synonym };
            self.literal_alts(stemmers, member, weight, &mut alts);
        }
        alts
    }

    /// Words to suggest for a word that matched nothing.
    fn nearest_words(&self, folded: &str) -> Vec<String> {
        let chars: Vec<char> = folded.chars().collect();
        let qmask = letter_mask(folded);
        let k = (max_edits(chars.len()) + 1).clamp(1, SUGGESTION_EDITS);
        let mut dist = Distance::default();
        let mut found: Vec<(u8, std::cmp::Reverse<u32>, &str)> = Vec::new();
        let lo = chars.len().saturating_sub(usize::from(k));
        let hi = (chars.len() + usize::from(k)).min(self.words_by_len.len().saturating_sub(1));
        for l in lo..=hi {
            for &wi in self.words_by_len.get(l).map_or(&[][..], |v| v.as_slice()) {
                let word = &self.words[wi as usize];
                if (word.mask ^ qmask).count_ones() > 2 * u32::from(k) {
                    continue;
                }
                if let Some(d) = dist.within(&chars, &word.text, k) {
                    let df = self.term_df.get(word.term as usize).copied().unwrap_or(0);
                    if df > 0 && !self.term_stop[word.term as usize] {
                        found.push((d, std::cmp::Reverse(df), &word.text));
                    }
                }
            }
        }
        found.sort();
        let mut out: Vec<String> = Vec::new();
        for (_, _, w) in found {
            if !out.iter().any(|o| o == w) {
                out.push(w.to_string());
            }
            if out.len() == MAX_SUGGESTIONS {
                break;
            }
        }
        out
    }

    /// The unit of one bare query word, with prefix and typo expansions.
    fn word_unit(&self, stemmers: &Stemmers, folded: &str, prefix: bool, w: &RankingWeights) -> Unit {
        let mut alts = Vec::new();
        let exact = self.exact_terms(stemmers, folded);
        for &t in &exact {
            push_term(&mut alts, t, 1.0);
        }
        let chars = folded.chars().count();
        if prefix && !folded.is_empty() {
            let range = self.prefix_range(folded);
            let mut cands: Vec<(u32, u32, f32)> = Vec::new(); // (df, term, weight)
            for word in &self.words[range] {
                if exact.contains(&word.term) {
                    continue;
                }
                let df = self.term_df.get(word.term as usize).copied().unwrap_or(0);
                if df == 0 {
                    continue;
                }
                let weight = w.prefix_weight(chars, usize::from(word.chars));
                cands.push((df, word.term, weight));
            }
            if cands.len() > MAX_PREFIX_TERMS {
                cands.sort_unstable_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
                cands.truncate(MAX_PREFIX_TERMS);
            }
            for (_, t, weight) in cands {
                push_term(&mut alts, t, weight);
            }
        }
        let k = max_edits(chars);
        if k > 0 {
            let qchars: Vec<char> = folded.chars().collect();
            let qmask = letter_mask(folded);
            let mut dist = Distance::default();
            let mut cands: Vec<(u8, std::cmp::Reverse<u32>, u32)> = Vec::new();
            let lo = chars.saturating_sub(usize::from(k));
            let hi = chars + usize::from(k);
            for l in lo..=hi {
                for &wi in self.words_by_len.get(l).map_or(&[][..], |v| v.as_slice()) {
                    let word = &self.words[wi as usize];
                    if (word.mask ^ qmask).count_ones() > 2 * u32::from(k) || exact.contains(&word.term) {
                        continue;
                    }
                    if let Some(d) = dist.within(&qchars, &word.text, k) {
                        if d == 0 {
                            continue;
                        }
                        let df = self.term_df.get(word.term as usize).copied().unwrap_or(0);
                        if df > 0 {
                            cands.push((d, std::cmp::Reverse(df), word.term));
                        }
                    }
                }
            }
            cands.sort_unstable();
            for (d, _, t) in cands.into_iter().take(MAX_TYPO_TERMS) {
                push_term(&mut alts, t, w.typo_weight(d));
            }
        }
        Unit { alts }
    }

    /// Turns a query into units and filter sets.
    pub(crate) fn plan(&self, corpus: &Corpus, query: &Query, w: &RankingWeights) -> Plan {
        let stemmers = Stemmers::default();
        let mut plan = Plan { units: Vec::new(), excluded: Vec::new(), fields: FieldSets::default(), problems: Vec::new(), suggestions: Vec::new() };
        let n = self.len();
        let last_clause = query.clauses.len().saturating_sub(1);

        // Runs of positive bare words, split by any other clause.
        let mut run: Vec<QWord> = Vec::new();
        let mut stop_units: Vec<Unit> = Vec::new();
        let mut pending_include: PerField<Option<BitSet>> = PerField::default();
        let mut pending_exclude: PerField<Option<BitSet>> = PerField::default();

        for (ci, clause) in query.clauses.iter().enumerate() {
            if let (Term::Word(word), false) = (&clause.term, clause.negated) {
                let words = folded_words(word);
                if words.is_empty() {
                    plan.problems.push(format!("`{word}` has no letters or digits, so it was left out of the search"));
                }
                run.extend(words.into_iter().map(|folded| QWord { folded, clause: ci }));
                continue;
            }
            // Any other clause ends a run of bare words.
            self.flush_run(&stemmers, &mut run, query.prefix_last && ci == last_clause, last_clause, w, &mut plan, &mut stop_units);
            match &clause.term {
                Term::Word(word) => self.plan_exclusion(&stemmers, word, w, &mut plan),
                Term::Phrase(ws) => self.plan_phrase(&stemmers, ws, clause.negated, w, &mut plan),
                Term::Filter(f) => {
                    if let Some((field, set)) = self.filter_set(corpus, f, &mut plan) {
                        let slot = if clause.negated { &mut pending_exclude[field] } else { &mut pending_include[field] };
                        match slot {
                            Some(s) => s.or_with(&set),
                            None => *slot = Some(set),
                        }
                    }
                }
            }
        }
        self.flush_run(&stemmers, &mut run, query.prefix_last, last_clause, w, &mut plan, &mut stop_units);
        // Bare stop words count only when the query has nothing else.
        if plan.units.is_empty() {
            plan.units = stop_units;
        }
        for f in Field::ALL {
            let mut set = match pending_include[f].take() {
                Some(s) => s,
                None => match &pending_exclude[f] {
                    Some(_) => BitSet::full(n),
                    None => continue,
                },
            };
            if let Some(ex) = &pending_exclude[f] {
                set.and_not(ex);
            }
            plan.fields.sets[f] = Some(set);
        }
        // Each value once, in order: a query may name a value many times, and the
        // facets look values up here (binary search, not a scan per value).
        for selected in plan.fields.selected.0.iter_mut() {
            selected.sort_unstable();
            selected.dedup();
        }
        plan
    }

    /// `-word`: an excluded unit.
    fn plan_exclusion(&self, stemmers: &Stemmers, word: &str, w: &RankingWeights, plan: &mut Plan) {
        let words = folded_words(word);
        if words.is_empty() {
            plan.problems.push(format!("`-{word}` has no letters or digits, so it excludes nothing"));
            return;
        }
        plan.excluded.push(self.literal_unit(stemmers, &words, w));
    }

    /// `"a phrase"` (or `-"a phrase"`): a unit, with suggestions for words the index lacks.
    fn plan_phrase(&self, stemmers: &Stemmers, ws: &[String], negated: bool, w: &RankingWeights, plan: &mut Plan) {
        let joined = ws.join(" ");
        let words = folded_words(&joined);
        if words.is_empty() {
            plan.problems.push(format!("the phrase \"{joined}\" has no letters or digits, so it was left out"));
            return;
        }
        let unit = self.literal_unit(stemmers, &words, w);
        if negated {
            plan.excluded.push(unit);
            return;
        }
        let unmatched = unit.alts.iter().all(|a| matches!(a, Alt::Phrase { positions, .. } if positions.iter().any(Vec::is_empty)));
        if unmatched {
            for word in words.iter().filter(|word| self.exact_terms(stemmers, word).is_empty()) {
                plan.suggestions.push(Suggestion { word: word.clone(), nearest: self.nearest_words(word) });
            }
        }
        plan.units.push(unit);
    }

    /// A unit for words taken literally (phrases, exclusions), with synonyms when the
    /// whole sequence is a member of a group.
    fn literal_unit(&self, stemmers: &Stemmers, words: &[String], w: &RankingWeights) -> Unit {
        if let Some((gi, mi, k)) = self.synonym_at(stemmers, words) {
            if k == words.len() {
                return Unit { alts: self.synonym_alts(stemmers, gi, mi, w) };
            }
        }
        let mut alts = Vec::new();
        self.literal_alts(stemmers, words, 1.0, &mut alts);
        Unit { alts }
    }

    #[allow(clippy::too_many_arguments)]
    fn flush_run(&self, stemmers: &Stemmers, run: &mut Vec<QWord>, prefix_last: bool, last_clause: usize, w: &RankingWeights, plan: &mut Plan, stop_units: &mut Vec<Unit>) {
        let words: Vec<String> = run.iter().map(|q| q.folded.clone()).collect();
        let mut i = 0;
        while i < run.len() {
            if let Some((gi, mi, k)) = self.synonym_at(stemmers, &words[i..]) {
                plan.units.push(Unit { alts: self.synonym_alts(stemmers, gi, mi, w) });
                i += k;
                continue;
            }
            // The words of one query word (a hyphenated word is several): a phrase.
            let clause = run[i].clause;
            let mut j = i + 1;
            while j < run.len() && run[j].clause == clause && self.synonym_at(stemmers, &words[j..]).is_none() {
                j += 1;
            }
            let is_last = prefix_last && clause == last_clause && j == run.len();
            if j - i == 1 {
                let folded = &words[i];
                let unit = self.word_unit(stemmers, folded, is_last, w);
                if unit.alts.is_empty() {
                    let nearest = self.nearest_words(folded);
                    plan.suggestions.push(Suggestion { word: folded.clone(), nearest });
                    plan.units.push(unit);
                } else if is_stop_word(folded) && !is_last {
                    stop_units.push(unit);
                } else {
                    plan.units.push(unit);
                }
            } else {
                let mut alts = Vec::new();
                self.literal_alts(stemmers, &words[i..j], 1.0, &mut alts);
                for word in &words[i..j] {
                    if self.exact_terms(stemmers, word).is_empty() {
                        plan.suggestions.push(Suggestion { word: word.clone(), nearest: self.nearest_words(word) });
                    }
                }
                plan.units.push(Unit { alts });
            }
            i = j;
        }
        run.clear();
    }

    /// The statements a filter allows, and its field.
    fn filter_set(&self, corpus: &Corpus, f: &Filter, plan: &mut Plan) -> Option<(Field, BitSet)> {
        let n = self.len();
        match f {
            Filter::Speaker(v) => {
                let names = |i: usize| -> Vec<String> {
                    let mut out = vec![self.speakers[i].clone()];
                    if let Some(a) = corpus.meta.actors.iter().find(|a| a.id == self.speakers[i]) {
                        out.push(a.name.clone());
                        out.extend(a.aliases.iter().cloned());
                    }
                    out
                };
                let i = self.resolve_value(v, self.speakers.len(), names, "speaker", plan)?;
                plan.fields.selected[Field::Speaker].push(i);
                Some((Field::Speaker, self.speaker_bits[i].clone()))
            }
            Filter::Topic(v) => {
                let names = |i: usize| -> Vec<String> {
                    let mut out = vec![self.topics[i].clone()];
                    if let Some(t) = corpus.meta.topics.iter().find(|t| t.id == self.topics[i]) {
                        out.push(t.label.clone());
                    }
                    out
                };
                let i = self.resolve_value(v, self.topics.len(), names, "topic", plan)?;
                plan.fields.selected[Field::Topic].push(i);
                Some((Field::Topic, self.topic_bits[i].clone()))
            }
            Filter::Document(v) => {
                let names = |i: usize| -> Vec<String> { corpus.documents.get(i).map(|d| vec![d.meta.id.clone()]).unwrap_or_default() };
                let i = self.resolve_value(v, corpus.documents.len(), names, "document", plan)?;
                plan.fields.selected[Field::Document].push(i);
                let mut set = BitSet::new(n);
                for &s in self.doc_statements(i) {
                    set.insert(s as usize);
                }
                Some((Field::Document, set))
            }
            Filter::Kind(k) => {
                let i = StatementKind::ALL.iter().position(|x| x == k).unwrap_or(0);
                plan.fields.selected[Field::Kind].push(i);
                Some((Field::Kind, self.kind_bits[i].clone()))
            }
            Filter::Year(a, b) => {
                let lo = a.unwrap_or(i32::MIN);
                let hi = b.unwrap_or(i32::MAX);
                let mut set = BitSet::new(n);
                for (yi, &y) in self.years.iter().enumerate() {
                    if (lo..=hi).contains(&y) {
                        set.or_with(&self.year_bits[yi]);
                        plan.fields.selected[Field::Year].push(yi);
                    }
                }
                if plan.fields.selected[Field::Year].is_empty() {
                    let span = match (self.years.first(), self.years.last()) {
                        (Some(f), Some(l)) => format!("{f}–{l}"),
                        _ => "none".into(),
                    };
                    plan.problems.push(format!("no statement is from the years asked for; the corpus covers {span}"));
                }
                Some((Field::Year, set))
            }
        }
    }

    /// Finds a facet value by id, name or alias (case and accents ignored), else the
    /// nearest one within two edits (said so), else reports it.
    fn resolve_value(&self, value: &str, count: usize, names: impl Fn(usize) -> Vec<String>, what: &str, plan: &mut Plan) -> Option<usize> {
        let key = folded_words(value).join(" ");
        let key_raw = fold(value);
        for i in 0..count {
            if names(i).iter().any(|nm| folded_words(nm).join(" ") == key || fold(nm) == key_raw) {
                return Some(i);
            }
        }
        let chars: Vec<char> = key.chars().collect();
        let mut dist = Distance::default();
        let mut best: Option<(u8, usize, String)> = None;
        if !chars.is_empty() {
            for i in 0..count {
                for nm in names(i) {
                    let f = folded_words(&nm).join(" ");
                    if let Some(d) = dist.within(&chars, &f, 2) {
                        if best.as_ref().is_none_or(|(bd, _, _)| d < *bd) {
                            best = Some((d, i, nm.clone()));
                        }
                    }
                }
            }
        }
        if let Some((_, i, nm)) = best {
            let id = if what == "speaker" { self.speakers[i].clone() } else if what == "topic" { self.topics[i].clone() } else { nm.clone() };
            plan.problems.push(format!("no {what} is called '{value}'; searched {what}:{id} ('{nm}') instead — correct the name if that is not what you meant"));
            return Some(i);
        }
        let known: Vec<String> = (0..count.min(12)).filter_map(|i| names(i).into_iter().next()).collect();
        let more = if count > 12 { ", …" } else { "" };
        plan.problems.push(format!("no {what} is called '{value}', so that filter was left out; known: {}{more}", known.join(", ")));
        None
    }
}

fn push_term(alts: &mut Vec<Alt>, term: u32, weight: f32) {
    for a in alts.iter_mut() {
        if let Alt::Term { term: t, weight: w } = a {
            if *t == term {
                *w = w.max(weight);
                return;
            }
        }
    }
    alts.push(Alt::Term { term, weight });
}
