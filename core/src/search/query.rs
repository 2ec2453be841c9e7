//! The query language and its parser.
//!
//! ```text
//! cyber warfare            both words must match (AND)
//! "rules of the road"      a phrase: the words in this order
//! -nuclear  -"arms race"   exclusions
//! speaker:krutskikh        actor id, name or alias (speaker:"Andrey Krutskikh")
//! topic:sovereignty        topic id or label
//! document:rt-2017         document id
//! kind:quote               quote, answer, question, reported, narration
//! year:2018  year:2017..2019  year:2018..  year:..2019
//! ```
//!
//! Filters of one field are ORed (`speaker:a speaker:b`), filters of different fields
//! ANDed; any clause can be negated with a leading `-`. Parsing never fails: whatever is
//! wrong is reported as a [`QueryProblem`] and the rest is searched.
//! `Query::parse(s).to_string()` parses back to an equal [`Query`].

use crate::model::StatementKind;
use std::fmt;

/// A field a filter restricts. [`Field::ALL`] is the one order of the five facets
/// everywhere: the index's value lists, the plan's filter sets, [`super::Facets`] and
/// the chips on screen.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Field {
    Speaker,
    Topic,
    Year,
    Document,
    Kind,
}

impl Field {
    pub const ALL: [Field; 5] = [Field::Speaker, Field::Topic, Field::Year, Field::Document, Field::Kind];

    /// Position in [`Field::ALL`] (and in a [`PerField`]).
    pub const fn index(self) -> usize {
        self as usize
    }

    /// What a person reads: "Speaker".
    pub fn label(self) -> &'static str {
        match self {
            Field::Speaker => "Speaker",
            Field::Topic => "Topic",
            Field::Document => "Document",
            Field::Kind => "Kind",
            Field::Year => "Year",
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Field::Speaker => "speaker",
            Field::Topic => "topic",
            Field::Document => "document",
            Field::Kind => "kind",
            Field::Year => "year",
        }
    }

    pub fn parse(s: &str) -> Option<Field> {
        Field::ALL.into_iter().find(|f| f.as_str().eq_ignore_ascii_case(s))
    }
}

/// One value per facet field, in [`Field::ALL`] order, indexed by [`Field`].
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PerField<T>(pub [T; 5]);

impl<T> PerField<T> {
    /// The values in [`Field::ALL`] order.
    pub fn iter(&self) -> std::slice::Iter<'_, T> {
        self.0.iter()
    }
}

impl<T> std::ops::Index<Field> for PerField<T> {
    type Output = T;
    fn index(&self, f: Field) -> &T {
        &self.0[f.index()]
    }
}

impl<T> std::ops::IndexMut<Field> for PerField<T> {
    fn index_mut(&mut self, f: Field) -> &mut T {
        &mut self.0[f.index()]
    }
}

/// A field filter with its value.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Filter {
    /// Actor id, name or alias, as written (resolved against the corpus when searching).
    Speaker(String),
    /// Topic id or label, as written.
    Topic(String),
    /// Document id, as written.
    Document(String),
    Kind(StatementKind),
    /// Inclusive year range; `None` is open.
    Year(Option<i32>, Option<i32>),
}

impl Filter {
    pub fn field(&self) -> Field {
        match self {
            Filter::Speaker(_) => Field::Speaker,
            Filter::Topic(_) => Field::Topic,
            Filter::Document(_) => Field::Document,
            Filter::Kind(_) => Field::Kind,
            Filter::Year(..) => Field::Year,
        }
    }
}

/// What a clause asks for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Term {
    /// A bare word as typed (never empty, no whitespace or `"`).
    Word(String),
    /// Words in this order (never empty).
    Phrase(Vec<String>),
    Filter(Filter),
}

/// One clause of a query.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Clause {
    /// `-word`, `-"phrase"`, `-speaker:x`: statements matching it are left out.
    pub negated: bool,
    pub term: Term,
}

/// A parsed query.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Query {
    pub clauses: Vec<Clause>,
    /// The last clause is a bare word still being typed (nothing follows it), so it also
    /// matches as a prefix.
    pub prefix_last: bool,
}

/// What was wrong in a query.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum QueryProblemKind {
    /// A `-` with no word right after it.
    LoneMinus,
    /// A phrase with no closing quote (searched up to the end).
    UnclosedPhrase,
    /// A phrase with no words (`""`).
    EmptyPhrase,
    /// A quoted field value with no closing quote (read up to the end).
    UnclosedValue(Field),
    /// A field with nothing after its colon.
    MissingValue(Field),
    /// `kind:` with a value that is not a statement kind.
    UnknownKind,
    /// `year:` with a value that is not a year or a range.
    BadYear,
    /// `year:` with a range that runs backwards (searched the other way round).
    BackwardsYears,
    /// `name:value` where `name` is not a field (searched as words).
    NotAField,
}

/// Something wrong in a query, said so a person can fix it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct QueryProblem {
    pub kind: QueryProblemKind,
    pub message: String,
}

impl fmt::Display for QueryProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

fn problem(problems: &mut Vec<QueryProblem>, kind: QueryProblemKind, message: String) {
    problems.push(QueryProblem { kind, message });
}

/// Years a `year:` filter accepts.
pub const YEAR_RANGE: std::ops::RangeInclusive<i32> = 0..=9999;

fn parse_year(s: &str) -> Option<i32> {
    if s.is_empty() || s.len() > 4 || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    s.parse().ok().filter(|y| YEAR_RANGE.contains(y))
}

fn parse_year_filter(value: &str, problems: &mut Vec<QueryProblem>) -> Option<Filter> {
    let bad = |problems: &mut Vec<QueryProblem>| {
        problem(problems, QueryProblemKind::BadYear, format!("`year:{value}` is not a year or range; write year:2018, year:2017..2019, year:2018.. or year:..2019"));
        None
    };
    if let Some((a, b)) = value.split_once("..") {
        let from = if a.is_empty() { None } else { Some(parse_year(a)) };
        let to = if b.is_empty() { None } else { Some(parse_year(b)) };
        match (from, to) {
            (None, None) => bad(problems),
            (Some(None), _) | (_, Some(None)) => bad(problems),
            (f, t) => {
                let (f, t) = (f.flatten(), t.flatten());
                if let (Some(x), Some(y)) = (f, t) {
                    if x > y {
                        problem(problems, QueryProblemKind::BackwardsYears, format!("`year:{value}` runs backwards; searched year:{y}..{x} (write the earlier year first)"));
                        return Some(Filter::Year(Some(y), Some(x)));
                    }
                }
                Some(Filter::Year(f, t))
            }
        }
    } else {
        match parse_year(value) {
            Some(y) => Some(Filter::Year(Some(y), Some(y))),
            None => bad(problems),
        }
    }
}

impl Query {
    /// Parses a query; never fails (problems are dropped: see [`Query::parse_with_problems`]).
    pub fn parse(input: &str) -> Query {
        Self::parse_with_problems(input).0
    }

    /// Parses a query and says what was wrong with it. One pass over the input: each
    /// clause is a negation, then a phrase, a field filter or a bare word ([`Scanner`]).
    pub fn parse_with_problems(input: &str) -> (Query, Vec<QueryProblem>) {
        let mut scan = Scanner { s: input, i: 0, problems: Vec::new() };
        let mut clauses = Vec::new();
        let mut prefix_last = false;
        while scan.skip_space() {
            prefix_last = false;
            let Some(negated) = scan.negation() else { continue };
            let term = if scan.peek() == Some('"') {
                scan.phrase()
            } else {
                let token = scan.token();
                match scan.field_filter(token) {
                    Some(filter) => filter,
                    None => {
                        prefix_last = !negated && scan.at_end();
                        Some(Term::Word(token.to_string()))
                    }
                }
            };
            if let Some(term) = term {
                clauses.push(Clause { negated, term });
            }
        }
        (Query { clauses, prefix_last }, scan.problems)
    }

    /// True when the query has no clause at all (browse mode).
    pub fn is_empty(&self) -> bool {
        self.clauses.is_empty()
    }
}

/// The query parser's cursor: the input, where it is, and the problems found so far.
struct Scanner<'a> {
    s: &'a str,
    i: usize,
    problems: Vec<QueryProblem>,
}

impl<'a> Scanner<'a> {
    fn peek(&self) -> Option<char> {
        self.s.get(self.i..).and_then(|r| r.chars().next())
    }

    fn at_end(&self) -> bool {
        self.i >= self.s.len()
    }

    fn problem(&mut self, kind: QueryProblemKind, message: String) {
        problem(&mut self.problems, kind, message);
    }

    /// Skips whitespace; false at the end of the input.
    fn skip_space(&mut self) -> bool {
        while let Some(c) = self.peek().filter(|c| c.is_whitespace()) {
            self.i += c.len_utf8();
        }
        !self.at_end()
    }

    /// Reads a leading `-`: `Some(negated)`, or `None` when a lone `-` has nothing to exclude.
    fn negation(&mut self) -> Option<bool> {
        if self.peek() != Some('-') {
            return Some(false);
        }
        self.i += 1;
        match self.peek() {
            None => {
                let m = "a lone '-' at the end excludes nothing; put the word to leave out right after it (-word)";
                self.problem(QueryProblemKind::LoneMinus, m.into());
                None
            }
            Some(c) if c.is_whitespace() => {
                let m = "a lone '-' excludes nothing; write the word to leave out right after it, without a space (-word)";
                self.problem(QueryProblemKind::LoneMinus, m.into());
                None
            }
            Some(_) => Some(true),
        }
    }

    /// Reads what follows an opening quote up to the closing one (or the end): the text,
    /// and whether it was closed.
    fn quoted(&mut self) -> (&'a str, bool) {
        self.i += 1;
        let rest = self.s.get(self.i..).unwrap_or("");
        match rest.find('"') {
            Some(j) => {
                self.i += j + 1;
                (&rest[..j], true)
            }
            None => {
                self.i = self.s.len();
                (rest, false)
            }
        }
    }

    /// A phrase: `"words"`; `None` when it has no words.
    fn phrase(&mut self) -> Option<Term> {
        let (body, closed) = self.quoted();
        if !closed {
            let m = "a phrase has no closing quote; it was searched up to the end (add the closing \")";
            self.problem(QueryProblemKind::UnclosedPhrase, m.into());
        }
        let words: Vec<String> = body.split_whitespace().map(str::to_string).collect();
        if words.is_empty() {
            let m = "an empty phrase \"\" matches nothing; put words between the quotes";
            self.problem(QueryProblemKind::EmptyPhrase, m.into());
            return None;
        }
        Some(Term::Phrase(words))
    }

    /// A bare token: up to whitespace or a quote.
    fn token(&mut self) -> &'a str {
        let start = self.i;
        while let Some(c) = self.peek().filter(|&c| !c.is_whitespace() && c != '"') {
            self.i += c.len_utf8();
        }
        &self.s[start..self.i]
    }

    /// `field:value` (or `field:"a value"`) as a filter: `Some(term)` when `token` names a
    /// field (`Some(None)` when its value is wrong, with a problem), `None` for a word.
    fn field_filter(&mut self, token: &str) -> Option<Option<Term>> {
        let (name, rest) = token.split_once(':')?;
        let Some(field) = Field::parse(name) else {
            if !name.is_empty() && !rest.is_empty() && name.chars().all(char::is_alphabetic) {
                let m = format!("`{name}:` is not a field, so `{token}` was searched as words; fields are speaker:, topic:, document:, kind: and year:");
                self.problem(QueryProblemKind::NotAField, m);
            }
            return None;
        };
        let value = if rest.is_empty() && self.peek() == Some('"') {
            let (v, closed) = self.quoted();
            if !closed {
                let m = format!("the value of `{}:` has no closing quote; it was read up to the end (add the closing \")", field.as_str());
                self.problem(QueryProblemKind::UnclosedValue(field), m);
            }
            v
        } else {
            rest
        };
        let value = value.trim();
        if value.is_empty() {
            let m = format!("`{}:` has no value; write it right after the colon, e.g. {}", field.as_str(), example(field));
            self.problem(QueryProblemKind::MissingValue(field), m);
            return Some(None);
        }
        Some(self.filter(field, value).map(Term::Filter))
    }

    fn filter(&mut self, field: Field, value: &str) -> Option<Filter> {
        match field {
            Field::Speaker => Some(Filter::Speaker(value.to_string())),
            Field::Topic => Some(Filter::Topic(value.to_string())),
            Field::Document => Some(Filter::Document(value.to_string())),
            Field::Kind => {
                let kind = StatementKind::parse(value).map(Filter::Kind);
                if kind.is_none() {
                    let m = format!("`kind:{value}` is not a statement kind; use quote, answer, question, reported or narration");
                    self.problem(QueryProblemKind::UnknownKind, m);
                }
                kind
            }
            Field::Year => parse_year_filter(value, &mut self.problems),
        }
    }
}

fn example(field: Field) -> &'static str {
    match field {
        Field::Speaker => "speaker:krutskikh",
        Field::Topic => "topic:sovereignty",
        Field::Document => "document:rt-2017",
        Field::Kind => "kind:quote",
        Field::Year => "year:2018",
    }
}

fn write_value(f: &mut fmt::Formatter<'_>, field: Field, value: &str) -> fmt::Result {
    if value.is_empty() || value.contains(|c: char| c.is_whitespace() || c == '"') {
        // Values with a quote inside cannot be written quoted; drop the quotes.
        write!(f, "{}:\"{}\"", field.as_str(), value.replace('"', ""))
    } else {
        write!(f, "{}:{}", field.as_str(), value)
    }
}

impl fmt::Display for Clause {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.negated {
            f.write_str("-")?;
        }
        match &self.term {
            Term::Word(w) => f.write_str(w),
            Term::Phrase(words) => write!(f, "\"{}\"", words.join(" ")),
            Term::Filter(Filter::Speaker(v)) => write_value(f, Field::Speaker, v),
            Term::Filter(Filter::Topic(v)) => write_value(f, Field::Topic, v),
            Term::Filter(Filter::Document(v)) => write_value(f, Field::Document, v),
            Term::Filter(Filter::Kind(k)) => write!(f, "kind:{}", k.as_str()),
            Term::Filter(Filter::Year(a, b)) => match (a, b) {
                (Some(a), Some(b)) if a == b => write!(f, "year:{a}"),
                (Some(a), Some(b)) => write!(f, "year:{a}..{b}"),
                (Some(a), None) => write!(f, "year:{a}.."),
                (None, Some(b)) => write!(f, "year:..{b}"),
                (None, None) => f.write_str("year:0.."),
            },
        }
    }
}

impl fmt::Display for Query {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, c) in self.clauses.iter().enumerate() {
            if i > 0 {
                f.write_str(" ")?;
            }
            write!(f, "{c}")?;
        }
        let last_is_word = matches!(self.clauses.last(), Some(Clause { negated: false, term: Term::Word(_) }));
        if last_is_word && !self.prefix_last {
            f.write_str(" ")?;
        }
        Ok(())
    }
}

/// The query text with the filter `field:value` added, or removed if it is there (a
/// facet chip's toggle). The rest of the text is kept as typed.
pub fn toggle_filter(query: &str, field: &str, value: &str) -> String {
    let token = if value.contains(char::is_whitespace) { format!("{field}:\"{value}\"") } else { format!("{field}:{value}") };
    let (hay, needle) = (query.to_ascii_lowercase(), token.to_ascii_lowercase());
    let mut from = 0;
    while let Some(at) = hay[from..].find(&needle).map(|i| i + from) {
        let end = at + needle.len();
        let alone = hay[..at].chars().next_back().is_none_or(char::is_whitespace)
            && hay[end..].chars().next().is_none_or(char::is_whitespace);
        if alone {
            return format!("{} {}", query[..at].trim_end(), query[end..].trim_start()).trim().to_string();
        }
        from = end;
    }
    match query.trim_end() {
        "" => token,
        rest => format!("{rest} {token}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn w(s: &str) -> Clause {
        Clause { negated: false, term: Term::Word(s.into()) }
    }

    #[test]
    fn words_phrases_exclusions_filters() {
        let (q, p) = Query::parse_with_problems(r#"cyber "rules of the road" -nuclear -"arms race" speaker:krutskikh year:2017..2019 kind:Quote"#);
        assert!(p.is_empty(), "{p:?}");
        assert_eq!(q.clauses[0], w("cyber"));
        assert_eq!(q.clauses[1].term, Term::Phrase(vec!["rules".into(), "of".into(), "the".into(), "road".into()]));
        assert!(q.clauses[2].negated && q.clauses[3].negated);
        assert_eq!(q.clauses[4].term, Term::Filter(Filter::Speaker("krutskikh".into())));
        assert_eq!(q.clauses[5].term, Term::Filter(Filter::Year(Some(2017), Some(2019))));
        assert_eq!(q.clauses[6].term, Term::Filter(Filter::Kind(StatementKind::Quote)));
        assert!(!q.prefix_last);
    }

    #[test]
    fn prefix_only_when_typing_the_last_word() {
        assert!(Query::parse("cyber secu").prefix_last);
        assert!(!Query::parse("cyber secu ").prefix_last);
        assert!(!Query::parse("cyber -secu").prefix_last);
        assert!(!Query::parse("\"cyber\"").prefix_last);
    }

    #[test]
    fn quoted_filter_values_and_open_ranges() {
        let q = Query::parse(r#"speaker:"Andrey Krutskikh" year:2018.. year:..2019"#);
        assert_eq!(q.clauses[0].term, Term::Filter(Filter::Speaker("Andrey Krutskikh".into())));
        assert_eq!(q.clauses[1].term, Term::Filter(Filter::Year(Some(2018), None)));
        assert_eq!(q.clauses[2].term, Term::Filter(Filter::Year(None, Some(2019))));
    }

    #[test]
    fn malformed_queries_report_problems() {
        for bad in [r#""unclosed phrase"#, "foo:bar", "year:20x8", "year:..", "kind:speech", "speaker:", "- word", "\"\"", "year:2019..2017"] {
            let (_, p) = Query::parse_with_problems(bad);
            assert!(!p.is_empty(), "{bad} should report a problem");
        }
        let (q, _) = Query::parse_with_problems("year:2019..2017");
        assert_eq!(q.clauses[0].term, Term::Filter(Filter::Year(Some(2017), Some(2019))));
        let (q, _) = Query::parse_with_problems("foo:bar");
        assert_eq!(q.clauses, vec![w("foo:bar")]);
    }

    #[test]
    fn problems_have_kinds() {
        use QueryProblemKind::*;
        let kinds = |q: &str| Query::parse_with_problems(q).1.into_iter().map(|p| p.kind).collect::<Vec<_>>();
        assert_eq!(kinds(r#"a "unclosed"#), [UnclosedPhrase]);
        assert_eq!(kinds(r#"a "" b"#), [EmptyPhrase]);
        assert_eq!(kinds("a -"), [LoneMinus]);
        assert_eq!(kinds("- a"), [LoneMinus]);
        assert_eq!(kinds("speaker:"), [MissingValue(Field::Speaker)]);
        assert_eq!(kinds(r#"topic:"open"#), [UnclosedValue(Field::Topic)]);
        assert_eq!(kinds("kind:speech"), [UnknownKind]);
        assert_eq!(kinds("year:20x8 year:.."), [BadYear, BadYear]);
        assert_eq!(kinds("year:2019..2017"), [BackwardsYears]);
        assert_eq!(kinds("foo:bar"), [NotAField]);
        assert_eq!(kinds(r#"cyber -"arms race" speaker:"Andrey Krutskikh" year:2017.."#), []);
        // Several problems in one query, in input order, and the rest still searched.
        let (q, p) = Query::parse_with_problems(r#"kind:x norms - "#);
        assert_eq!(p.iter().map(|p| p.kind).collect::<Vec<_>>(), [UnknownKind, LoneMinus]);
        assert_eq!(q.clauses, vec![w("norms")]);
        assert!(!q.prefix_last, "a trailing '-' ends the word being typed");
    }

    #[test]
    fn round_trips() {
        for s in [
            "a b",
            "a b ",
            r#"-"x y" speaker:"A B" -topic:t year:2018 year:..2020 "unclosed"#,
            "--x -\"\" \" \" speaker:\"\"",
            "foo:bar: :x http://x.org",
        ] {
            let q = Query::parse(s);
            let again = Query::parse(&q.to_string());
            assert_eq!(q, again, "{s:?} -> {:?}", q.to_string());
        }
    }

    #[test]
    fn toggling_a_filter_adds_and_removes_it() {
        assert_eq!(toggle_filter("", "speaker", "krutskikh"), "speaker:krutskikh");
        assert_eq!(toggle_filter("cyber  norms ", "year", "2018"), "cyber  norms year:2018");
        assert_eq!(toggle_filter("cyber Speaker:Krutskikh norms", "speaker", "krutskikh"), "cyber norms");
        assert_eq!(toggle_filter("xspeaker:krutskikh", "speaker", "krutskikh"), "xspeaker:krutskikh speaker:krutskikh");
        let added = toggle_filter("ёлка", "topic", "two words");
        assert_eq!(added, "ёлка topic:\"two words\"");
        assert_eq!(toggle_filter(&added, "topic", "two words"), "ёлка");
        // What a chip adds parses as that filter.
        let (q, problems) = Query::parse_with_problems(&toggle_filter("", "kind", "quote"));
        assert!(problems.is_empty() && matches!(q.clauses[0].term, Term::Filter(_)));
    }
}
