//! The view state, and its encoding in the URL so a link reproduces a view.
//!
//! [`ViewState`] is everything a link carries: the [`View`], the search query, the
//! [`LaneMode`], the time window filter, the visible (zoom) domain, the selected
//! statement, the reader's document, the items compared ([`CompareItem`]) and the
//! positions view's topic and actor. (The theme is a stored setting, not view state.)
//!
//! # The URL format
//!
//! `#/timeline?q=cyber%20norms&lanes=speaker&from=2017-01-01&to=2018-12-31&sel=rt-2017-abcdef12`
//!
//! - The path names the view: `#/timeline`, `#/positions`, `#/table`, `#/reader`,
//!   `#/compare`. The default state is just `#/`.
//! - Parameters, each left out when it has its default value:
//!   `q` (query), `lanes` (`topic`, `speaker` or `document`), `from` and `to` (the
//!   window, inclusive ISO dates; `YYYY-MM` and `YYYY` are read too), `zoom` (the visible
//!   domain as `YYYY-MM-DD..YYYY-MM-DD`), `sel` (statement id), `doc` (document id),
//!   `cmp` (repeated, at most [`MAX_COMPARE`]: a statement id, or `actor:topic`),
//!   `topic` and `actor`.
//! - Values are percent-encoded as UTF-8; on reading, `+` is a space.
//!
//! Links from static hosts may carry the same parameters in the search string
//! (`?q=...&view=table`), where `view=` names the view. Precedence: a parameter in the
//! fragment wins over the same one in the search string (all `cmp` values come from
//! one place), and the view named by the fragment's path wins over `view=`.
//!
//! Reading never fails: [`ViewState::from_location`] and [`ViewState::from_fragment`]
//! return the state and a list of [`Notice`]s saying what was wrong and what was done
//! instead. [`ViewState::validate`] then checks ids against a corpus.

use crate::date::{civil_from_days, days_from_civil, PartialDate, Precision};
use crate::model::Corpus;
use crate::timeline::LaneMode;
use std::fmt;

/// Most items the compare view shows side by side.
pub const MAX_COMPARE: usize = 2;
/// Longest URL part read, in bytes; the rest is dropped with a notice.
pub const MAX_INPUT_BYTES: usize = 16 * 1024;
/// Separator between the two dates of `zoom`.
pub const RANGE_SEPARATOR: &str = "..";
/// Bytes written as they are in a value (besides ASCII letters and digits).
const UNESCAPED: &[u8] = b"-._~:@/,";
/// Longest piece of a bad value quoted back in a [`Notice`], in characters.
pub const NOTICE_VALUE_CHARS: usize = 60;

/// Which screen is shown.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum View {
    #[default]
    Timeline,
    Positions,
    Table,
    Reader,
    Compare,
}

impl View {
    pub const ALL: [View; 5] = [View::Timeline, View::Positions, View::Table, View::Reader, View::Compare];

    /// The name in the URL path.
    pub fn as_str(&self) -> &'static str {
        match self {
            View::Timeline => "timeline",
            View::Positions => "positions",
            View::Table => "table",
            View::Reader => "reader",
            View::Compare => "compare",
        }
    }

    /// The link to this view with nothing else set: `#/` for the timeline, `#/table`, ….
    pub fn fragment(self) -> String {
        ViewState { view: self, ..ViewState::default() }.to_fragment()
    }

    /// Reads a name written by [`View::as_str`] (any case).
    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|v| v.as_str().eq_ignore_ascii_case(s.trim()))
    }
}

/// One side of a comparison.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum CompareItem {
    /// A statement, by id (written as the id; ids never contain `:`).
    Statement(String),
    /// An actor's stance on a topic over time (written `actor:topic`).
    Stance { actor: String, topic: String },
}

impl CompareItem {
    /// The URL form: the statement id, or `actor:topic`.
    pub fn encode(&self) -> String {
        match self {
            CompareItem::Statement(id) => id.clone(),
            CompareItem::Stance { actor, topic } => format!("{actor}:{topic}"),
        }
    }

    /// Reads the URL form; `None` for an empty value or an empty side of `actor:topic`.
    pub fn parse(s: &str) -> Option<Self> {
        match s.split_once(':') {
            None if s.is_empty() => None,
            None => Some(CompareItem::Statement(s.to_string())),
            Some((a, t)) if a.is_empty() || t.is_empty() => None,
            Some((a, t)) => Some(CompareItem::Stance { actor: a.to_string(), topic: t.to_string() }),
        }
    }
}

/// Adds `item` to the compared items unless it is there already, dropping the oldest
/// so that at most [`MAX_COMPARE`] remain.
pub fn add_compare(items: &mut Vec<CompareItem>, item: CompareItem) {
    if items.contains(&item) {
        return;
    }
    while items.len() >= MAX_COMPARE {
        items.remove(0);
    }
    items.push(item);
}

/// What was wrong in a URL (or with an id in it).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NoticeKind {
    /// The path or `view=` names no view: the timeline is shown.
    UnknownView,
    /// A parameter given twice: the last one is used.
    RepeatedParameter,
    /// A parameter Stance does not know: ignored.
    UnknownParameter,
    /// `lanes=` names no lane mode: the current one is kept.
    UnknownLaneMode,
    /// A `cmp=` value that is neither a statement id nor `actor:topic`.
    BadCompare,
    /// More `cmp=` values than [`MAX_COMPARE`]: the rest ignored.
    TooManyCompared,
    /// `from=` or `to=` is not a date: ignored.
    BadDate,
    /// The window starts after it ends: swapped.
    BackwardsWindow,
    /// `zoom=` is not a day range: the whole corpus is shown.
    BadZoom,
    /// A part of the URL longer than [`MAX_INPUT_BYTES`]: cut.
    TooLong,
    /// Percent-escapes that are not UTF-8: replaced.
    BadUtf8,
    /// An id (statement, document, topic, actor) the corpus does not have: dropped.
    NotInCorpus,
}

/// Something in a URL (or a stale id) that could not be used, and what was done instead.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Notice {
    pub kind: NoticeKind,
    /// One sentence for a person: "unknown view 'foo': showing the timeline".
    pub message: String,
}

impl Notice {
    pub fn new(kind: NoticeKind, message: impl Into<String>) -> Self {
        Self { kind, message: message.into() }
    }
}

impl fmt::Display for Notice {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

/// Everything a link reproduces.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ViewState {
    pub view: View,
    /// The search query, as typed.
    pub query: String,
    pub lanes: LaneMode,
    /// Time filter: first and last day (inclusive), days since 1970-01-01.
    pub window: Option<(i64, i64)>,
    /// Visible domain of the timeline, in days; whole days in the URL.
    pub zoom: Option<(f64, f64)>,
    /// Selected statement id.
    pub selected: Option<String>,
    /// Document open in the reader, by id.
    pub document: Option<String>,
    /// At most [`MAX_COMPARE`] items compared side by side.
    pub compare: Vec<CompareItem>,
    /// Topic id for the positions view.
    pub topic: Option<String>,
    /// Actor id for the positions view.
    pub actor: Option<String>,
    /// Address of a packed corpus the app loads instead of the shipped one.
    pub corpus: Option<String>,
}

/// First day a URL date can name: 0001-01-01.
pub fn min_url_day() -> i64 {
    days_from_civil(1, 1, 1)
}

/// Last day a URL date can name: 9999-12-31.
pub fn max_url_day() -> i64 {
    days_from_civil(9999, 12, 31)
}

/// `YYYY-MM-DD` of a day, clamped to the years 1..=9999.
pub fn iso_date(day: i64) -> String {
    let (y, m, d) = civil_from_days(day.clamp(min_url_day(), max_url_day()));
    PartialDate { year: y, month: m, day: d }.to_string()
}

impl ViewState {
    /// The URL fragment for this state, starting with `#/`.
    pub fn to_fragment(&self) -> String {
        let params = self.params();
        if params.is_empty() && self.view == View::Timeline {
            return "#/".to_string();
        }
        let query: Vec<String> = params.iter().map(|(k, v)| format!("{k}={}", encode_component(v))).collect();
        match query.is_empty() {
            true => format!("#/{}", self.view.as_str()),
            false => format!("#/{}?{}", self.view.as_str(), query.join("&")),
        }
    }

    /// The parameters that differ from the default, in URL order.
    fn params(&self) -> Vec<(&'static str, String)> {
        let mut out = Vec::new();
        if !self.query.is_empty() {
            out.push(("q", self.query.clone()));
        }
        if self.lanes != LaneMode::default() {
            out.push(("lanes", self.lanes.as_str().to_string()));
        }
        if let Some((from, to)) = self.window {
            out.extend(window_params(from, to));
        }
        if let Some(zoom) = self.zoom.and_then(zoom_param) {
            out.push(("zoom", zoom));
        }
        let optional = [("sel", &self.selected), ("doc", &self.document)];
        out.extend(optional.into_iter().filter_map(|(k, v)| Some((k, v.clone()?))));
        out.extend(self.compare.iter().map(|c| ("cmp", c.encode())));
        let optional = [("topic", &self.topic), ("actor", &self.actor), ("corpus", &self.corpus)];
        out.extend(optional.into_iter().filter_map(|(k, v)| Some((k, v.clone()?))));
        out
    }

    /// Reads a fragment (`#/table?q=x`, with or without `#`). Never fails.
    pub fn from_fragment(fragment: &str) -> (Self, Vec<Notice>) {
        Self::from_location("", fragment)
    }

    /// Reads the search string (`?q=x&view=table`) and the fragment of a location
    /// together; see the module docs for which wins. Never fails.
    pub fn from_location(search: &str, fragment: &str) -> (Self, Vec<Notice>) {
        let mut notices = Vec::new();
        let search = bounded(search, "search string", &mut notices);
        let fragment = bounded(fragment, "fragment", &mut notices);
        let (path, fragment_query) = split_fragment(fragment);
        let search_query = search.split('#').next().unwrap_or("").trim_start_matches('?');
        let fragment_params = parse_query(fragment_query, &mut notices);
        let search_params = parse_query(search_query, &mut notices);
        let params = merge(search_params, fragment_params);
        let mut state = ViewState::default();
        let path = decode_component(path, "the view", &mut notices);
        state.apply_view(&path, &params, &mut notices);
        state.apply_params(&params, &mut notices);
        (state, notices)
    }

    fn apply_view(&mut self, path: &str, params: &[(String, String)], notices: &mut Vec<Notice>) {
        let from_param = params.iter().rev().find(|(k, _)| k == "view").map(|(_, v)| v.as_str());
        let name = if path.is_empty() { from_param.unwrap_or("") } else { path };
        if name.is_empty() {
            return;
        }
        match View::parse(name) {
            Some(v) => self.view = v,
            None => notices.push(Notice::new(NoticeKind::UnknownView, format!("unknown view '{}': showing the timeline", shown(name)))),
        }
    }

    fn apply_params(&mut self, params: &[(String, String)], notices: &mut Vec<Notice>) {
        let mut from = None;
        let mut to = None;
        let mut seen: Vec<&str> = Vec::new();
        for (key, value) in params {
            if key != "cmp" && seen.contains(&key.as_str()) {
                notices.push(Notice::new(NoticeKind::RepeatedParameter, format!("parameter '{}' appears more than once: the last one is used", shown(key))));
            }
            seen.push(key);
            match key.as_str() {
                // `view` is read by apply_view; the fetch timeout by origin::fetch_timeout_ms.
                "view" | crate::origin::TIMEOUT_PARAM => {}
                "q" => self.query = value.clone(),
                "lanes" => self.apply_lanes(value, notices),
                "from" => from = read_date(value, "from", notices).map(|d| d.first_day()),
                "to" => to = read_date(value, "to", notices).map(|d| d.last_day()),
                "zoom" => self.zoom = read_zoom(value, notices),
                "sel" => self.selected = non_empty(value),
                "doc" => self.document = non_empty(value),
                "cmp" => self.apply_compare(value, notices),
                "topic" => self.topic = non_empty(value),
                "actor" => self.actor = non_empty(value),
                "corpus" => self.corpus = non_empty(value),
                _ => notices.push(Notice::new(NoticeKind::UnknownParameter, format!("unknown parameter '{}' ignored", shown(key)))),
            }
        }
        self.window = make_window(from, to, notices);
    }

    fn apply_lanes(&mut self, value: &str, notices: &mut Vec<Notice>) {
        match LaneMode::parse(value) {
            Some(mode) => self.lanes = mode,
            None => notices.push(Notice::new(NoticeKind::UnknownLaneMode, format!(
                "unknown lane mode '{}' in lanes: showing lanes by {}",
                shown(value),
                self.lanes.as_str()
            ))),
        }
    }

    fn apply_compare(&mut self, value: &str, notices: &mut Vec<Notice>) {
        match CompareItem::parse(value) {
            None => notices.push(Notice::new(NoticeKind::BadCompare, format!(
                "'{}' in cmp is neither a statement id nor actor:topic: ignored",
                shown(value)
            ))),
            Some(_) if self.compare.len() >= MAX_COMPARE => notices.push(Notice::new(NoticeKind::TooManyCompared, format!(
                "only {MAX_COMPARE} items can be compared: '{}' ignored",
                shown(value)
            ))),
            Some(item) => self.compare.push(item),
        }
    }

    /// Clears every id that `corpus` does not have, with a notice for each.
    pub fn validate(&mut self, corpus: &Corpus) -> Vec<Notice> {
        let mut notices = Vec::new();
        let has_statement = |id: &str| corpus.statement_by_id(id).is_some();
        let has_actor = |id: &str| corpus.meta.actors.iter().any(|a| a.id == id);
        let has_topic = |id: &str| corpus.meta.topics.iter().any(|t| t.id == id);
        keep_if(&mut self.selected, "statement", has_statement, &mut notices);
        keep_if(&mut self.document, "document", |id| corpus.document_by_id(id).is_some(), &mut notices);
        keep_if(&mut self.topic, "topic", has_topic, &mut notices);
        keep_if(&mut self.actor, "actor", has_actor, &mut notices);
        self.compare.retain(|item| {
            let missing = match item {
                CompareItem::Statement(id) => (!has_statement(id)).then_some(("statement", id)),
                CompareItem::Stance { actor, .. } if !has_actor(actor) => Some(("actor", actor)),
                CompareItem::Stance { topic, .. } => (!has_topic(topic)).then_some(("topic", topic)),
            };
            if let Some((what, id)) = missing {
                notices.push(not_in_corpus(what, id));
            }
            missing.is_none()
        });
        notices
    }
}

fn not_in_corpus(what: &str, id: &str) -> Notice {
    Notice::new(NoticeKind::NotInCorpus, format!("the {what} '{}' is not in this corpus", shown(id)))
}

fn keep_if(slot: &mut Option<String>, what: &str, known: impl Fn(&str) -> bool, notices: &mut Vec<Notice>) {
    if let Some(id) = slot.as_deref().filter(|id| !known(id)) {
        notices.push(not_in_corpus(what, id));
        *slot = None;
    }
}

/// A value as quoted in a notice: at most [`NOTICE_VALUE_CHARS`] characters.
fn shown(value: &str) -> String {
    crate::text::head_chars(value, NOTICE_VALUE_CHARS)
}

fn non_empty(value: &str) -> Option<String> {
    (!value.is_empty()).then(|| value.to_string())
}

fn window_params(from: i64, to: i64) -> Vec<(&'static str, String)> {
    let (min, max) = (min_url_day(), max_url_day());
    let mut out = Vec::new();
    if from > min || to >= max {
        out.push(("from", iso_date(from)));
    }
    if to < max {
        out.push(("to", iso_date(to)));
    }
    out
}

fn zoom_param((start, end): (f64, f64)) -> Option<String> {
    if !(start.is_finite() && end.is_finite()) {
        return None;
    }
    let (lo, hi) = (min_url_day() as f64, max_url_day() as f64);
    let (a, b) = (start.round().clamp(lo, hi) as i64, end.round().clamp(lo, hi) as i64);
    Some(format!("{}{RANGE_SEPARATOR}{}", iso_date(a), iso_date(b)))
}

fn read_date(value: &str, param: &str, notices: &mut Vec<Notice>) -> Option<PartialDate> {
    let date = PartialDate::parse(value).ok();
    if date.is_none() {
        notices.push(Notice::new(NoticeKind::BadDate, format!("bad date '{}' in {param}: ignored", shown(value))));
    }
    date
}

fn make_window(from: Option<i64>, to: Option<i64>, notices: &mut Vec<Notice>) -> Option<(i64, i64)> {
    let (from, to) = match (from, to) {
        (None, None) => return None,
        (f, t) => (f.unwrap_or_else(min_url_day), t.unwrap_or_else(max_url_day)),
    };
    if from > to {
        notices.push(Notice::new(NoticeKind::BackwardsWindow, format!(
            "the window starts ({}) after it ends ({}): swapped",
            iso_date(from),
            iso_date(to)
        )));
        return Some((to, from));
    }
    Some((from, to))
}

fn read_zoom(value: &str, notices: &mut Vec<Notice>) -> Option<(f64, f64)> {
    let bad = |notices: &mut Vec<Notice>, why: &str| {
        notices.push(Notice::new(NoticeKind::BadZoom, format!("bad zoom '{}' ({why}): showing the whole corpus", shown(value))));
        None
    };
    let Some((a, b)) = value.split_once(RANGE_SEPARATOR) else {
        return bad(notices, "write it as YYYY-MM-DD..YYYY-MM-DD");
    };
    let (Ok(a), Ok(b)) = (PartialDate::parse(a), PartialDate::parse(b)) else {
        return bad(notices, "a date is not YYYY-MM-DD");
    };
    let start = a.first_day();
    let end = if b.precision() == Precision::Day { b.first_day() } else { b.last_day() + 1 };
    if start >= end {
        return bad(notices, "it must start before it ends");
    }
    Some((start as f64, end as f64))
}

/// Cuts `input` to [`MAX_INPUT_BYTES`] (at a character boundary), with a notice.
fn bounded<'a>(input: &'a str, what: &str, notices: &mut Vec<Notice>) -> &'a str {
    if input.len() <= MAX_INPUT_BYTES {
        return input;
    }
    let mut end = MAX_INPUT_BYTES;
    while !input.is_char_boundary(end) {
        end -= 1;
    }
    notices.push(Notice::new(NoticeKind::TooLong, format!("the {what} is longer than {MAX_INPUT_BYTES} bytes: the rest was ignored")));
    &input[..end]
}

/// Splits `#/view?query` into the view path (slashes trimmed) and the query.
fn split_fragment(fragment: &str) -> (&str, &str) {
    let f = fragment.strip_prefix('#').unwrap_or(fragment);
    let (path, query) = f.split_once('?').unwrap_or((f, ""));
    (path.trim_matches('/'), query)
}

/// Decoded `key=value` pairs in order; keys are lower-cased.
fn parse_query(query: &str, notices: &mut Vec<Notice>) -> Vec<(String, String)> {
    query
        .split('&')
        .filter(|p| !p.is_empty())
        .map(|pair| {
            let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
            let key = decode_component(k, "a parameter name", notices).to_lowercase();
            let value = decode_component(v, &format!("parameter '{}'", shown(&key)), notices);
            (key, value)
        })
        .collect()
}

/// The search parameters, minus any the fragment gives, then the fragment's.
fn merge(search: Vec<(String, String)>, fragment: Vec<(String, String)>) -> Vec<(String, String)> {
    let overridden = |k: &String| fragment.iter().any(|(fk, _)| fk == k);
    let mut out: Vec<(String, String)> = search.into_iter().filter(|(k, _)| !overridden(k)).collect();
    out.extend(fragment);
    out
}

/// Percent-encodes `s` as UTF-8: ASCII letters, digits and `-._~:@/,` stay as they are.
pub fn encode_component(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for &b in s.as_bytes() {
        if b.is_ascii_alphanumeric() || UNESCAPED.contains(&b) {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// Decodes `%XX` escapes and `+` (a space). A `%` not followed by two hex digits is
/// kept as it is. Returns `false` in the second place if the bytes were not UTF-8
/// (they are then replaced by U+FFFD).
pub fn percent_decode(s: &str) -> (String, bool) {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'+' => out.push(b' '),
            b'%' => match (bytes.get(i + 1).and_then(hex), bytes.get(i + 2).and_then(hex)) {
                (Some(h), Some(l)) => {
                    out.push(h * 16 + l);
                    i += 2;
                }
                _ => out.push(b'%'),
            },
            b => out.push(b),
        }
        i += 1;
    }
    match String::from_utf8(out) {
        Ok(text) => (text, true),
        Err(e) => (String::from_utf8_lossy(e.as_bytes()).into_owned(), false),
    }
}

fn hex(b: &u8) -> Option<u8> {
    char::from(*b).to_digit(16).map(|d| d as u8)
}

fn decode_component(s: &str, what: &str, notices: &mut Vec<Notice>) -> String {
    let (text, utf8) = percent_decode(s);
    if !utf8 {
        notices.push(Notice::new(NoticeKind::BadUtf8, format!("{what} is not valid UTF-8: bad bytes replaced by �")));
    }
    text
}
