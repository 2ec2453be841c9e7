//! The message protocol between an embedded Stance view (an iframe) and its host page.
//!
//! Messages are plain JSON objects sent with `postMessage`, each tagged with the
//! protocol name and version: `{"stance": 1, "type": "...", ...}`. The full protocol,
//! with an example host page, is in `docs/embedding.md`.
//!
//! - The frame tells the host ([`FrameMessage`]): `ready`, its `height` whenever it
//!   changes, the statement a reader `select`ed, and `view` changes (the view's link).
//! - The host tells the frame ([`HostMessage`]): `set-query`, `select`, `set-window`,
//!   `set-theme`.
//!
//! Every incoming message is checked by [`HostMessage::parse`]: its shape, the protocol
//! version, and every value's type and size. Anything else is refused with a
//! [`ProtocolError`] that says why; the frame ignores it and acts on nothing.
//! Whether the sender's origin is acceptable is [`origin_allowed`].

use crate::date::PartialDate;
use crate::model::{Corpus, Statement};
use crate::url_state::{View, ViewState};
use serde::Serialize;
use serde_json::{Map, Value};
use std::fmt;

/// The protocol's name: the key every message carries, with the version as its value.
pub const PROTOCOL_KEY: &str = "stance";
/// The version of the protocol this build speaks.
pub const PROTOCOL_VERSION: u64 = 1;
/// Longest query a host may set, in characters (as long as the search box takes).
pub const MAX_QUERY_CHARS: usize = 1000;
/// Longest statement id accepted from a host, in bytes.
pub const MAX_ID_BYTES: usize = 200;
/// Most keys a host message may have (a message is small; a huge object is refused
/// before anything is read from it).
const MAX_KEYS: usize = 16;

/// The colour theme of an embedded view.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Theme {
    Light,
    Dark,
    /// Follow the reader's system setting.
    Auto,
}

impl Theme {
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "light" => Some(Theme::Light),
            "dark" => Some(Theme::Dark),
            "auto" => Some(Theme::Auto),
            _ => None,
        }
    }

    pub fn as_str(&self) -> &'static str {
        match self {
            Theme::Light => "light",
            Theme::Dark => "dark",
            Theme::Auto => "auto",
        }
    }
}

/// What a host page may ask of an embedded view.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum HostMessage {
    /// Search for this (empty: show everything).
    SetQuery(String),
    /// Select a statement by id (`None` clears the selection).
    Select(Option<String>),
    /// Filter to this time window (inclusive; either end open), or clear it.
    SetWindow { from: Option<PartialDate>, to: Option<PartialDate> },
    SetTheme(Theme),
}

/// Why an incoming message was not acted on.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ProtocolError {
    /// Not an object with `"stance": <version>`: not for us (other scripts' messages
    /// arrive on the same channel); ignored silently.
    NotStance,
    /// A Stance message of a version this build does not speak.
    Version(Value),
    /// No `type`, or one this version does not know.
    UnknownType(String),
    /// A field is missing, of the wrong type, or out of range.
    BadField { field: &'static str, expected: &'static str },
    /// More keys than any message has.
    TooLarge,
}

impl fmt::Display for ProtocolError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ProtocolError::NotStance => write!(f, "not a Stance message (no \"{PROTOCOL_KEY}\": {PROTOCOL_VERSION})"),
            ProtocolError::Version(v) => write!(f, "protocol version {v} is not supported; send \"{PROTOCOL_KEY}\": {PROTOCOL_VERSION}"),
            ProtocolError::UnknownType(t) => {
                write!(f, "unknown message type '{}'; expected set-query, select, set-window or set-theme", crate::text::fit_chars(t, 40))
            }
            ProtocolError::BadField { field, expected } => write!(f, "field '{field}' must be {expected}"),
            ProtocolError::TooLarge => write!(f, "the message has more than {MAX_KEYS} fields"),
        }
    }
}

impl std::error::Error for ProtocolError {}

impl HostMessage {
    /// Checks and reads a message from a host page.
    pub fn parse(value: &Value) -> Result<Self, ProtocolError> {
        let Some(obj) = value.as_object() else { return Err(ProtocolError::NotStance) };
        let Some(version) = obj.get(PROTOCOL_KEY) else { return Err(ProtocolError::NotStance) };
        if version.as_u64() != Some(PROTOCOL_VERSION) {
            return Err(ProtocolError::Version(version.clone()));
        }
        if obj.len() > MAX_KEYS {
            return Err(ProtocolError::TooLarge);
        }
        let kind = obj.get("type").and_then(Value::as_str).ok_or(ProtocolError::BadField { field: "type", expected: "a string" })?;
        match kind {
            "set-query" => {
                let q = string(obj, "query", "a string of at most 1000 characters")?;
                if q.chars().count() > MAX_QUERY_CHARS {
                    return Err(ProtocolError::BadField { field: "query", expected: "a string of at most 1000 characters" });
                }
                Ok(HostMessage::SetQuery(q.to_string()))
            }
            "select" => match obj.get("statement") {
                None | Some(Value::Null) => Ok(HostMessage::Select(None)),
                Some(Value::String(id)) if !id.is_empty() && id.len() <= MAX_ID_BYTES && !id.chars().any(char::is_control) => {
                    Ok(HostMessage::Select(Some(id.clone())))
                }
                Some(_) => Err(ProtocolError::BadField { field: "statement", expected: "a statement id (a short string) or null" }),
            },
            "set-window" => Ok(HostMessage::SetWindow { from: date(obj, "from")?, to: date(obj, "to")? }),
            "set-theme" => {
                let t = string(obj, "theme", "\"light\", \"dark\" or \"auto\"")?;
                Theme::parse(t).map(HostMessage::SetTheme).ok_or(ProtocolError::BadField { field: "theme", expected: "\"light\", \"dark\" or \"auto\"" })
            }
            other => Err(ProtocolError::UnknownType(other.to_string())),
        }
    }
}

impl HostMessage {
    /// The message as a host page sends it: [`HostMessage::parse`] reads it back as the
    /// same message (`docs/embedding.md` shows the same objects).
    pub fn to_value(&self) -> Value {
        let mut m = Map::new();
        m.insert(PROTOCOL_KEY.into(), Value::from(PROTOCOL_VERSION));
        let date = |d: &Option<PartialDate>| d.map_or(Value::Null, |d| Value::from(d.to_string()));
        let (kind, fields) = match self {
            HostMessage::SetQuery(q) => ("set-query", vec![("query", Value::from(q.as_str()))]),
            HostMessage::Select(id) => ("select", vec![("statement", id.as_deref().map_or(Value::Null, Value::from))]),
            HostMessage::SetWindow { from, to } => ("set-window", vec![("from", date(from)), ("to", date(to))]),
            HostMessage::SetTheme(t) => ("set-theme", vec![("theme", Value::from(t.as_str()))]),
        };
        m.insert("type".into(), Value::from(kind));
        for (k, v) in fields {
            m.insert(k.into(), v);
        }
        Value::Object(m)
    }
}

fn string<'a>(obj: &'a Map<String, Value>, field: &'static str, expected: &'static str) -> Result<&'a str, ProtocolError> {
    obj.get(field).and_then(Value::as_str).ok_or(ProtocolError::BadField { field, expected })
}

/// An optional date field: absent or null is open; otherwise `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
fn date(obj: &Map<String, Value>, field: &'static str) -> Result<Option<PartialDate>, ProtocolError> {
    const EXPECTED: &str = "a date written YYYY, YYYY-MM or YYYY-MM-DD, or null";
    match obj.get(field) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) if s.len() <= 10 => PartialDate::parse(s).map(Some).map_err(|_| ProtocolError::BadField { field, expected: EXPECTED }),
        Some(_) => Err(ProtocolError::BadField { field, expected: EXPECTED }),
    }
}

/// The selected statement as the frame tells its host.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct SelectedStatement {
    pub id: String,
    /// Actor id, or null when nobody is named.
    pub speaker: Option<String>,
    pub speaker_name: Option<String>,
    /// The document's date as words, with its certainty ("c. July 2017").
    pub date: String,
    pub text: String,
    /// A link to the statement in context in the full app.
    pub permalink: String,
}

/// What an embedded view tells its host page.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "type", rename_all = "kebab-case")]
pub enum FrameMessage {
    /// The view is on screen. `view` is its name, `link` the full app's link to it.
    Ready { view: String, link: String },
    /// The content's height in CSS pixels, whenever it changes.
    Height { height: u32 },
    /// A reader selected a statement (or cleared the selection: `statement` is null).
    Select { statement: Option<SelectedStatement> },
    /// The view changed (query, window, selection…); `link` opens the same view in the app.
    View { link: String },
    /// A host message was refused, and why (so a host author sees their mistake).
    Refused { reason: String },
}

impl FrameMessage {
    /// The message as JSON with the protocol tag, and `embed` naming the frame when the
    /// host gave it an id (so one handler can serve several embeds).
    pub fn to_value(&self, embed_id: Option<&str>) -> Value {
        let mut v = serde_json::to_value(self).unwrap_or(Value::Null);
        if let Some(obj) = v.as_object_mut() {
            obj.insert(PROTOCOL_KEY.into(), Value::from(PROTOCOL_VERSION));
            if let Some(id) = embed_id {
                obj.insert("embed".into(), Value::from(id));
            }
        }
        v
    }
}

/// May a message from `sender` (the event's origin) be acted on, when the host named
/// `expected` (the `host` parameter of the frame's URL)? With no expectation any origin
/// may speak (the frame still only listens to its parent window); with one, only that
/// exact origin (scheme, host and port). `"null"` (file: pages, sandboxed frames) never
/// matches an expectation.
pub fn origin_allowed(expected: Option<&str>, sender: &str) -> bool {
    match expected {
        None => true,
        Some(e) => {
            let e = e.trim_end_matches('/');
            sender != "null" && e.eq_ignore_ascii_case(sender)
        }
    }
}

/// Which search controls an embedded view shows.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Controls {
    /// A compact search box above the view.
    Search,
    /// None: the view as the link set it (the host may still set the query).
    #[default]
    None,
}

/// How an embedded view is shown: read from the link's embed parameters.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct EmbedOptions {
    /// A quote card of the selected statement (path `#/quote`), not a whole view.
    pub quote: bool,
    pub controls: Controls,
    /// The theme the host asked for (absent: the reader's stored or system setting).
    pub theme: Option<Theme>,
    /// The host's name for this frame (`eid`), echoed in every message as `embed`.
    pub embed_id: Option<String>,
    /// The host page's origin (`host`): messages from any other origin are refused,
    /// and the frame's messages are addressed to it alone.
    pub host: Option<String>,
}

/// A location fragment with the embed parameters taken out.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct EmbedSplit {
    /// The embed options, when the link asks for the embed form (`embed=1`).
    pub options: Option<EmbedOptions>,
    /// The rest of the fragment, for [`crate::url_state::ViewState::from_fragment`]
    /// (a quote card's path becomes the timeline's).
    pub fragment: String,
    /// What was wrong with an embed parameter, and what was done instead.
    pub notices: Vec<String>,
}

/// Path of the quote-card form.
pub const QUOTE_PATH: &str = "quote";
/// Longest `eid` kept, in bytes.
const MAX_EMBED_ID_BYTES: usize = 64;
/// Parameters that belong to the embed form, not to the view state.
const EMBED_PARAMS: [&str; 5] = ["embed", "controls", "theme", "eid", "host"];

/// Splits the embed parameters (`embed`, `controls`, `theme`, `eid`, `host`) out of a
/// location fragment (`#/timeline?embed=1&q=x`). Never fails: a bad value is left out
/// with a notice. Linear in the fragment's length.
pub fn split_fragment(fragment: &str) -> EmbedSplit {
    let body = fragment.strip_prefix('#').unwrap_or(fragment);
    let (path, query) = body.split_once('?').unwrap_or((body, ""));
    let mut options = EmbedOptions::default();
    let mut embed = false;
    let mut notices = Vec::new();
    let mut rest: Vec<&str> = Vec::new();
    for pair in query.split('&').filter(|p| !p.is_empty()) {
        let (key, raw) = pair.split_once('=').unwrap_or((pair, ""));
        if !EMBED_PARAMS.contains(&key) {
            rest.push(pair);
            continue;
        }
        let (value, _) = crate::url_state::percent_decode(raw);
        let value = value.trim();
        let shown = crate::text::fit_chars(value, 40);
        match key {
            "embed" => embed = matches!(value, "1" | "true" | "yes" | ""),
            "controls" => match value {
                "search" => options.controls = Controls::Search,
                "none" => options.controls = Controls::None,
                _ => notices.push(format!("unknown controls '{shown}': use search or none; showing none")),
            },
            "theme" => match Theme::parse(value) {
                Some(t) => options.theme = Some(t),
                None => notices.push(format!("unknown theme '{shown}': use light, dark or auto; following the reader's setting")),
            },
            "eid" => {
                if value.len() <= MAX_EMBED_ID_BYTES && !value.is_empty() && value.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.' | ':')) {
                    options.embed_id = Some(value.to_string());
                } else {
                    notices.push(format!("embed id '{shown}' must be at most {MAX_EMBED_ID_BYTES} letters, digits, '-', '_', '.' or ':'; left out"));
                }
            }
            _ => {
                // `host`: an http(s) origin. A malformed one is still kept as the expected
                // origin, so that no sender matches it (failing closed, not open).
                if !is_origin(value) {
                    notices.push(format!("host '{shown}' is not an origin like https://example.org: messages from the host page are refused"));
                }
                options.host = Some(value.to_string());
            }
        }
    }
    let quote = path.trim_start_matches('/').eq_ignore_ascii_case(QUOTE_PATH);
    let path = if quote { "/timeline" } else { path };
    let fragment = if rest.is_empty() { format!("#{path}") } else { format!("#{path}?{}", rest.join("&")) };
    options.quote = quote;
    EmbedSplit { options: (embed || quote).then_some(options), fragment, notices }
}

/// `scheme://host[:port]` with an http(s) scheme, no path, no credentials.
fn is_origin(s: &str) -> bool {
    let Some(rest) = s.strip_prefix("https://").or_else(|| s.strip_prefix("http://")) else { return false };
    !rest.is_empty() && s.len() <= 253 && rest.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '.' | ':' | '[' | ']'))
}

/// The selected statement as a host is told it.
pub fn selected_statement(corpus: &Corpus, s: &Statement, permalink: String) -> SelectedStatement {
    SelectedStatement {
        id: s.id.clone(),
        speaker: s.speaker.clone(),
        speaker_name: s.speaker.as_deref().map(|id| corpus.actor_name(id).to_string()),
        date: corpus.document_of(s).map(|d| d.meta.date.label()).unwrap_or_default(),
        text: corpus.statement_text(s).trim().to_string(),
        permalink,
    }
}

/// The views that have an embed form (the others embed as the timeline).
fn embed_view(view: View) -> View {
    match view {
        View::Timeline | View::Positions | View::Table => view,
        View::Reader | View::Compare => View::Timeline,
    }
}

/// The two snippets that put the current view in another page.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Snippets {
    /// The loader script and a `<stance-timeline>` element (sizes itself).
    pub loader: String,
    /// A plain iframe at a fixed height (works without the loader).
    pub iframe: String,
    /// The embed form's address (what the iframe shows; for a live preview).
    pub src: String,
}

/// Height of the plain iframe snippet, in pixels.
pub const IFRAME_HEIGHT: u32 = 480;
/// Height of a quote card's plain iframe snippet, in pixels.
pub const QUOTE_IFRAME_HEIGHT: u32 = 260;

/// Snippets that embed `state` (or, with `quote`, its selected statement as a quote card)
/// from the Stance site at `site` (its address, ending in `/`). `title` is the frame's
/// accessible name. Every value is escaped for the HTML attribute it lands in.
pub fn snippets(site: &str, state: &ViewState, quote: bool, title: &str) -> Snippets {
    let mut st = state.clone();
    st.view = embed_view(st.view);
    st.corpus = None;
    if quote {
        st = ViewState { selected: state.selected.clone(), ..ViewState::default() };
    }
    let fragment = st.to_fragment();
    let query = fragment.split_once('?').map_or("", |(_, q)| q);
    let view_name = if quote { QUOTE_PATH } else { st.view.as_str() };
    let embed_query = if query.is_empty() { "embed=1".to_string() } else { format!("embed=1&{query}") };
    let src = format!("{site}#/{view_name}?{embed_query}");
    let esc = crate::interchange::html::escape;
    let mut attrs = format!(" src=\"{}\" view=\"{view_name}\"", esc(site));
    for pair in query.split('&').filter(|p| !p.is_empty()) {
        let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
        let (v, _) = crate::url_state::percent_decode(v);
        attrs.push_str(&format!(" {k}=\"{}\"", esc(&v)));
    }
    let loader = format!(
        "<script src=\"{}embed.js\" defer></script>\n<stance-timeline{attrs} height=\"auto\" title=\"{}\"></stance-timeline>",
        esc(site),
        esc(title)
    );
    let height = if quote { QUOTE_IFRAME_HEIGHT } else { IFRAME_HEIGHT };
    let iframe = format!(
        "<iframe src=\"{}\" title=\"{}\" style=\"width:100%;height:{height}px;border:0\" loading=\"lazy\"></iframe>",
        esc(&src),
        esc(title)
    );
    Snippets { loader, iframe, src }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn parse(v: Value) -> Result<HostMessage, ProtocolError> {
        HostMessage::parse(&v)
    }

    #[test]
    fn reads_every_host_message() {
        assert_eq!(parse(json!({"stance": 1, "type": "set-query", "query": "cyber norms"})), Ok(HostMessage::SetQuery("cyber norms".into())));
        assert_eq!(parse(json!({"stance": 1, "type": "select", "statement": "rt-2017-1a"})), Ok(HostMessage::Select(Some("rt-2017-1a".into()))));
        assert_eq!(parse(json!({"stance": 1, "type": "select", "statement": null})), Ok(HostMessage::Select(None)));
        assert_eq!(
            parse(json!({"stance": 1, "type": "set-window", "from": "2017", "to": "2018-06-30"})),
            Ok(HostMessage::SetWindow { from: Some(PartialDate::year(2017)), to: PartialDate::day(2018, 6, 30) })
        );
        assert_eq!(parse(json!({"stance": 1, "type": "set-window"})), Ok(HostMessage::SetWindow { from: None, to: None }));
        assert_eq!(parse(json!({"stance": 1, "type": "set-theme", "theme": "dark"})), Ok(HostMessage::SetTheme(Theme::Dark)));
        // Extra fields a later minor revision might add are ignored.
        assert_eq!(parse(json!({"stance": 1, "type": "set-query", "query": "", "note": 1})), Ok(HostMessage::SetQuery(String::new())));
    }

    #[test]
    fn host_messages_write_what_they_read() {
        let messages = [
            HostMessage::SetQuery("cyber \"norms\" speaker:x".into()),
            HostMessage::SetQuery(String::new()),
            HostMessage::Select(Some("rt-2017-1a".into())),
            HostMessage::Select(None),
            HostMessage::SetWindow { from: Some(PartialDate::year(17)), to: PartialDate::day(2018, 6, 30) },
            HostMessage::SetWindow { from: PartialDate::month(2019, 2), to: None },
            HostMessage::SetTheme(Theme::Auto),
        ];
        for m in messages {
            let v = m.to_value();
            assert_eq!(v[PROTOCOL_KEY], json!(PROTOCOL_VERSION));
            assert_eq!(parse(v.clone()), Ok(m.clone()), "{v}");
        }
        assert_eq!(HostMessage::SetWindow { from: None, to: PartialDate::month(2019, 2) }.to_value(), json!({"stance": 1, "type": "set-window", "from": null, "to": "2019-02"}));
    }

    #[test]
    fn refuses_everything_else() {
        let refused = [
            (json!("set-query"), ProtocolError::NotStance),
            (json!(null), ProtocolError::NotStance),
            (json!({"type": "set-query", "query": "x"}), ProtocolError::NotStance),
            (json!({"stance": 2, "type": "set-query", "query": "x"}), ProtocolError::Version(json!(2))),
            (json!({"stance": "1", "type": "set-query", "query": "x"}), ProtocolError::Version(json!("1"))),
            (json!({"stance": 1, "type": "eval", "code": "x"}), ProtocolError::UnknownType("eval".into())),
            (json!({"stance": 1}), ProtocolError::BadField { field: "type", expected: "a string" }),
            (json!({"stance": 1, "type": "set-query", "query": 5}), ProtocolError::BadField { field: "query", expected: "a string of at most 1000 characters" }),
            (json!({"stance": 1, "type": "set-theme", "theme": "pink"}), ProtocolError::BadField { field: "theme", expected: "\"light\", \"dark\" or \"auto\"" }),
        ];
        for (msg, want) in refused {
            assert_eq!(parse(msg.clone()), Err(want), "{msg}");
        }
        let long = "q".repeat(MAX_QUERY_CHARS + 1);
        assert!(matches!(parse(json!({"stance": 1, "type": "set-query", "query": long})), Err(ProtocolError::BadField { field: "query", .. })));
        for bad in [json!(""), json!("a\u{0}b"), json!("x".repeat(MAX_ID_BYTES + 1)), json!(["id"]), json!(3)] {
            assert!(matches!(parse(json!({"stance": 1, "type": "select", "statement": bad})), Err(ProtocolError::BadField { field: "statement", .. })));
        }
        for bad in [json!("2017-13"), json!("last year"), json!("2017-01-01T00:00"), json!(2017)] {
            assert!(matches!(parse(json!({"stance": 1, "type": "set-window", "from": bad})), Err(ProtocolError::BadField { field: "from", .. })));
        }
        let mut big = serde_json::Map::new();
        big.insert("stance".into(), json!(1));
        big.insert("type".into(), json!("set-query"));
        big.insert("query".into(), json!("x"));
        for i in 0..MAX_KEYS {
            big.insert(format!("k{i}"), json!(i));
        }
        assert_eq!(parse(Value::Object(big)), Err(ProtocolError::TooLarge));
    }

    #[test]
    fn errors_say_what_to_send() {
        let e = parse(json!({"stance": 1, "type": "set-theme", "theme": 1})).unwrap_err().to_string();
        assert_eq!(e, "field 'theme' must be \"light\", \"dark\" or \"auto\"");
        let e = parse(json!({"stance": 7, "type": "x"})).unwrap_err().to_string();
        assert!(e.contains("version 7") && e.contains("\"stance\": 1"), "{e}");
    }

    #[test]
    fn frame_messages_carry_the_tag() {
        let v = FrameMessage::Height { height: 420 }.to_value(Some("a"));
        assert_eq!(v, json!({"stance": 1, "type": "height", "height": 420, "embed": "a"}));
        let v = FrameMessage::Select { statement: None }.to_value(None);
        assert_eq!(v, json!({"stance": 1, "type": "select", "statement": null}));
        let s = SelectedStatement {
            id: "d-1".into(),
            speaker: Some("roe".into()),
            speaker_name: Some("Jane Roe".into()),
            date: "c. July 2017".into(),
            text: "Words.".into(),
            permalink: "https://x/#/timeline?sel=d-1".into(),
        };
        let v = FrameMessage::Select { statement: Some(s) }.to_value(None);
        assert_eq!(v["statement"]["speaker_name"], "Jane Roe");
        assert_eq!(v["type"], "select");
    }

    #[test]
    fn embed_parameters_are_split_out() {
        let s = split_fragment("#/timeline?embed=1&q=cyber%20norms&controls=search&theme=dark&eid=a-1&host=https%3A%2F%2Fnews.example&sel=x");
        let o = s.options.unwrap();
        assert_eq!(o.controls, Controls::Search);
        assert_eq!(o.theme, Some(Theme::Dark));
        assert_eq!(o.embed_id.as_deref(), Some("a-1"));
        assert_eq!(o.host.as_deref(), Some("https://news.example"));
        assert!(!o.quote);
        assert_eq!(s.fragment, "#/timeline?q=cyber%20norms&sel=x");
        assert!(s.notices.is_empty());
        let (state, notices) = crate::url_state::ViewState::from_fragment(&s.fragment);
        assert!(notices.is_empty(), "{notices:?}");
        assert_eq!(state.query, "cyber norms");

        let q = split_fragment("#/quote?sel=rt-1");
        assert!(q.options.as_ref().is_some_and(|o| o.quote));
        assert_eq!(q.fragment, "#/timeline?sel=rt-1");

        let plain = split_fragment("#/table?q=x");
        assert_eq!(plain.options, None);
        assert_eq!(plain.fragment, "#/table?q=x");
        assert_eq!(split_fragment("").fragment, "#");
    }

    #[test]
    fn bad_embed_parameters_say_so_and_fail_closed() {
        let s = split_fragment("#/?embed=1&controls=all&theme=pink&eid=%3Cscript%3E&host=javascript:alert(1)");
        let o = s.options.unwrap();
        assert_eq!(o.controls, Controls::None);
        assert_eq!(o.theme, None);
        assert_eq!(o.embed_id, None);
        assert_eq!(s.notices.len(), 4, "{:?}", s.notices);
        // A malformed host accepts nobody.
        assert!(!origin_allowed(o.host.as_deref(), "https://anyone.example"));
        assert!(!origin_allowed(o.host.as_deref(), "null"));
    }

    #[test]
    fn snippets_carry_the_view_and_escape_it() {
        let (state, _) = ViewState::from_fragment("#/table?q=%22a%22%20%3Cb%3E&sel=rt-1&corpus=https://x.example/c.json");
        let s = snippets("https://site.example/stance/", &state, false, "Stance table: \"quotes\" <b>");
        assert_eq!(s.src, "https://site.example/stance/#/table?embed=1&q=%22a%22%20%3Cb%3E&sel=rt-1");
        assert!(s.loader.starts_with("<script src=\"https://site.example/stance/embed.js\" defer></script>\n<stance-timeline "), "{}", s.loader);
        assert!(s.loader.contains(" view=\"table\" q=\"&quot;a&quot; &lt;b&gt;\" sel=\"rt-1\" height=\"auto\""), "{}", s.loader);
        assert!(s.loader.contains("title=\"Stance table: &quot;quotes&quot; &lt;b&gt;\""));
        assert!(!s.loader.contains("corpus"), "a loaded corpus is not part of an embed");
        assert!(s.iframe.contains("height:480px") && s.iframe.contains("src=\"https://site.example/stance/#/table?embed=1&amp;q="), "{}", s.iframe);
        // The snippet's src reads back as the same view.
        let back = split_fragment(s.src.split_once('#').map(|x| x.1).unwrap_or(""));
        assert!(back.options.is_some());
        let (read, notices) = ViewState::from_fragment(&back.fragment);
        assert!(notices.is_empty());
        assert_eq!(read.query, state.query);
        assert_eq!(read.selected, state.selected);

        let q = snippets("https://site.example/stance/", &state, true, "Quote");
        assert_eq!(q.src, "https://site.example/stance/#/quote?embed=1&sel=rt-1");
        assert!(q.loader.contains(" view=\"quote\" sel=\"rt-1\""));
        assert!(q.iframe.contains("height:260px"));
        let (reader, _) = ViewState::from_fragment("#/reader?doc=d");
        assert!(snippets("s/", &reader, false, "t").src.starts_with("s/#/timeline?embed=1"));
    }

    #[test]
    fn origins() {
        assert!(origin_allowed(None, "https://a.example"));
        assert!(origin_allowed(None, "null"));
        assert!(origin_allowed(Some("https://a.example"), "https://a.example"));
        assert!(origin_allowed(Some("https://a.example/"), "https://a.example"));
        assert!(!origin_allowed(Some("https://a.example"), "https://a.example:8443"));
        assert!(!origin_allowed(Some("https://a.example"), "http://a.example"));
        assert!(!origin_allowed(Some("https://a.example"), "https://evil.example"));
        assert!(!origin_allowed(Some("null"), "null"));
    }
}
