//! Where a corpus named by a link (`corpus=URL`) comes from, and the rules for fetching it.
//!
//! A link can make the app show statements from any site under this site's address, so
//! the app decides, with the functions here, before and while it fetches:
//!
//! - [`Address::parse`] reads an absolute URL (as the browser resolved it) into its
//!   scheme, host and origin; [`judge`] refuses every scheme but `http:` and `https:`
//!   (and `http:` from an `https:` page) with a [`Refusal`] that says what to do, and
//!   says whether the address is this site's own origin or must be asked about first.
//! - [`needs_prompt`] decides again after a redirect: the *final* origin is the one that
//!   counts, and one the reader has not agreed to is asked about.
//! - [`SizeGuard`] enforces [`MAX_FETCH_BYTES`] on the declared `Content-Length` first,
//!   then on the bytes counted as the body streams in.
//! - [`FetchError`] is every way a fetch ends without a corpus, with the sentence shown.
//! - [`fetch_timeout_ms`] is the timeout, [`FETCH_TIMEOUT_MS`] unless the link asks for a
//!   *shorter* one with [`TIMEOUT_PARAM`] (tests use it; it can only make a fetch give up
//!   sooner, never wait longer).
//! - [`remove_param`] takes `corpus=` out of a search string or fragment, so "Back to the
//!   shipped corpus" leaves no address behind that a reload would fetch again.
//!
//! The messages name the host (what a reader can judge) and keep full addresses for
//! "show the full address"; a host is printed as the browser normalised it (punycode for
//! non-ASCII names, so look-alike letters show as what they are).

use crate::text::head_chars;
use std::fmt;

/// Most bytes a corpus fetched from a link may have. Lower than the 64 MiB a file the
/// reader picks may have ([`crate::corpus::MAX_PACKED_BYTES`]): anyone can send a link.
pub const MAX_FETCH_BYTES: u64 = 32 * 1024 * 1024;
/// How long a fetch may take, headers and body together, before it is given up.
pub const FETCH_TIMEOUT_MS: u32 = 20_000;
/// The parameter (search string or fragment) that asks for a shorter timeout, in ms.
pub const TIMEOUT_PARAM: &str = "corpus_timeout";
/// Shortest timeout a link may ask for (below it nothing could ever load).
pub const MIN_FETCH_TIMEOUT_MS: u32 = 100;
/// Longest address quoted whole in a message, in characters.
const SHOWN_ADDRESS_CHARS: usize = 200;

/// The parts of an absolute URL the decisions need.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Address {
    /// The whole URL as given.
    pub href: String,
    /// Lower case, without the colon: `https`.
    pub scheme: String,
    /// Host and port as written after `//` (no user info), lower case; empty if none.
    pub host: String,
    /// `scheme://host[:port]`, the default port left out; `null` for schemes without one.
    pub origin: String,
}

impl Address {
    /// Reads an absolute URL. `None` when it has no scheme (it is then not absolute).
    pub fn parse(href: &str) -> Option<Address> {
        let href = href.trim();
        let colon = href.find(':')?;
        let scheme = &href[..colon];
        let valid = scheme.starts_with(|c: char| c.is_ascii_alphabetic())
            && scheme.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
        if !valid {
            return None;
        }
        let scheme = scheme.to_ascii_lowercase();
        let rest = &href[colon + 1..];
        let host = rest
            .strip_prefix("//")
            .map(|after| {
                let authority = &after[..after.find(['/', '?', '#', '\\']).unwrap_or(after.len())];
                let host = authority.rsplit('@').next().unwrap_or("");
                without_default_port(&scheme, &host.to_ascii_lowercase()).to_string()
            })
            .unwrap_or_default();
        let origin = match (scheme.as_str(), host.is_empty()) {
            ("http" | "https", false) => format!("{scheme}://{host}"),
            _ => "null".to_string(),
        };
        Some(Address { href: href.to_string(), scheme, host, origin })
    }

    /// The host without the port, for sentences ("example.org").
    pub fn host_name(&self) -> &str {
        match self.host.rsplit_once(':') {
            // An IPv6 literal keeps its colons inside brackets.
            Some((name, port)) if !port.contains(']') && port.chars().all(|c| c.is_ascii_digit()) => name,
            _ => &self.host,
        }
    }
}

fn without_default_port<'a>(scheme: &str, host: &'a str) -> &'a str {
    let default = match scheme {
        "http" => ":80",
        "https" => ":443",
        _ => return host,
    };
    host.strip_suffix(default).unwrap_or(host)
}

/// Why an address is not fetched at all.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Refusal {
    /// Not an absolute URL (the browser could not resolve it).
    NotUrl(String),
    /// A scheme other than `http:` / `https:` (`data:`, `file:`, `javascript:`, `blob:`, `ftp:`...).
    Scheme { address: String, scheme: String },
    /// `http:` asked for by an `https:` page (the browser would block it anyway).
    Insecure(String),
}

impl fmt::Display for Refusal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Refusal::NotUrl(address) => write!(
                f,
                "The corpus address '{}' is not a URL. Give the address of a file packed by `stance pack`, starting with https://.",
                shown(address)
            ),
            Refusal::Scheme { address, scheme } => write!(
                f,
                "The corpus address '{}' is a {scheme}: address; a link can only load a corpus over http: or https:. To open a file you have, use \"Load corpus…\".",
                shown(address)
            ),
            Refusal::Insecure(address) => write!(
                f,
                "The corpus address '{}' uses http: but this page uses https:; the browser would refuse it. Use the https: address of the file.",
                shown(address)
            ),
        }
    }
}

/// What to do with an address that may be fetched.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Verdict {
    /// This site's own origin: fetch without asking.
    SameOrigin(Address),
    /// Another site: ask the reader first ([`prompt_text`]).
    AskFirst(Address),
}

/// Decides whether `href` (absolute, as the browser resolved it) may be fetched by a
/// page whose origin is `page_origin` (`https://example.org`), and whether to ask first.
pub fn judge(href: &str, page_origin: &str) -> Result<Verdict, Refusal> {
    let address = Address::parse(href).ok_or_else(|| Refusal::NotUrl(href.to_string()))?;
    match address.scheme.as_str() {
        "http" if page_origin.starts_with("https:") => return Err(Refusal::Insecure(address.href)),
        "http" | "https" if !address.host.is_empty() => {}
        "http" | "https" => return Err(Refusal::NotUrl(address.href)),
        _ => return Err(Refusal::Scheme { scheme: address.scheme.clone(), address: address.href }),
    }
    if address.origin == page_origin {
        Ok(Verdict::SameOrigin(address))
    } else {
        Ok(Verdict::AskFirst(address))
    }
}

/// Whether a corpus that finally came from `final_origin` must be asked about, given the
/// page's origin and the origin the reader already agreed to (if any).
pub fn needs_prompt(final_origin: &str, page_origin: &str, agreed: Option<&str>) -> bool {
    final_origin != page_origin && agreed != Some(final_origin)
}

/// The question asked before loading a corpus from another site.
pub fn prompt_text(address: &Address) -> String {
    format!("This link loads statements from {}, not from this site. Load them?", address.host_name())
}

/// The banner shown while a corpus from another site is on screen.
pub fn banner_text(address: &Address) -> String {
    format!("These statements come from {}, not from this site.", address.host_name())
}

/// What a redirect did, if the response came from another address than was asked for.
pub fn redirect_note(requested: &str, final_url: &str) -> Option<String> {
    (!final_url.is_empty() && final_url != requested)
        .then(|| format!("{} was redirected to {}.", shown(requested), shown(final_url)))
}

/// Every way a fetch ends without a corpus.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FetchError {
    /// The server declared, or sent, more than [`MAX_FETCH_BYTES`].
    TooLarge { bytes: u64, declared: bool },
    /// No complete answer within the timeout (in ms).
    TimedOut(u32),
    /// The reader pressed Cancel.
    Cancelled,
    /// The server answered with an error status.
    Status { code: u16, text: String },
    /// The request failed (network, CORS); the browser's words.
    Network(String),
    /// The body is not UTF-8 text.
    NotText,
}

impl fmt::Display for FetchError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let limit = MAX_FETCH_BYTES >> 20;
        match self {
            FetchError::TooLarge { bytes, declared: true } => write!(
                f,
                "the server says the file has {} MB, more than the {limit} MB a linked corpus may have; nothing was downloaded. Download it and use \"Load corpus…\" (files may have up to 64 MB)",
                bytes >> 20
            ),
            FetchError::TooLarge { .. } => write!(
                f,
                "the download passed {limit} MB, the most a linked corpus may have, and was stopped. Download it and use \"Load corpus…\" (files may have up to 64 MB)"
            ),
            FetchError::TimedOut(ms) => write!(
                f,
                "no complete answer within {} seconds, so the download was stopped. Check the address, or try again later",
                seconds(*ms)
            ),
            FetchError::Cancelled => f.write_str("the download was cancelled"),
            FetchError::Status { code, text } => write!(f, "the server answered {code} {}", head_chars(text, 80)),
            FetchError::Network(why) => write!(
                f,
                "{} (is the address right, and does its host allow cross-origin requests?)",
                head_chars(why, 200)
            ),
            FetchError::NotText => f.write_str("the file is not UTF-8 text; a corpus is the JSON written by `stance pack`"),
        }
    }
}

fn seconds(ms: u32) -> String {
    match ms % 1000 {
        0 => (ms / 1000).to_string(),
        _ => format!("{:.1}", f64::from(ms) / 1000.0),
    }
}

/// Counts a download against [`MAX_FETCH_BYTES`] (or another limit).
#[derive(Clone, Debug)]
pub struct SizeGuard {
    limit: u64,
    received: u64,
}

impl Default for SizeGuard {
    fn default() -> Self {
        Self::new(MAX_FETCH_BYTES)
    }
}

impl SizeGuard {
    pub fn new(limit: u64) -> Self {
        Self { limit, received: 0 }
    }

    /// Checks a `Content-Length` header before any of the body is read. A missing or
    /// unreadable header passes: the counting in [`SizeGuard::add`] still stops it.
    pub fn declared(&self, content_length: Option<&str>) -> Result<(), FetchError> {
        match content_length.and_then(|v| v.trim().parse::<u64>().ok()) {
            Some(bytes) if bytes > self.limit => Err(FetchError::TooLarge { bytes, declared: true }),
            _ => Ok(()),
        }
    }

    /// Counts one chunk of the body; an error as soon as the total passes the limit.
    pub fn add(&mut self, chunk_bytes: u64) -> Result<(), FetchError> {
        self.received = self.received.saturating_add(chunk_bytes);
        match self.received > self.limit {
            true => Err(FetchError::TooLarge { bytes: self.received, declared: false }),
            false => Ok(()),
        }
    }

    /// Bytes counted so far.
    pub fn received(&self) -> u64 {
        self.received
    }
}

/// The fetch timeout for a location: [`FETCH_TIMEOUT_MS`], or the [`TIMEOUT_PARAM`]
/// value of the search string or fragment when it is a number of ms *smaller* than that
/// (never below [`MIN_FETCH_TIMEOUT_MS`]). Anything else is ignored.
pub fn fetch_timeout_ms(search: &str, fragment: &str) -> u32 {
    let asked = [search, fragment]
        .into_iter()
        .flat_map(|part| query_of(part).split('&'))
        .filter_map(|pair| pair.split_once('='))
        .filter(|(key, _)| *key == TIMEOUT_PARAM)
        .filter_map(|(_, value)| value.parse::<u32>().ok())
        .next_back();
    match asked {
        Some(ms) if ms < FETCH_TIMEOUT_MS => ms.max(MIN_FETCH_TIMEOUT_MS),
        _ => FETCH_TIMEOUT_MS,
    }
}

/// The query part of a search string (`?a=b`) or fragment (`#/view?a=b`).
fn query_of(part: &str) -> &str {
    let part = part.strip_prefix('#').unwrap_or(part);
    match part.split_once('?') {
        Some((_, query)) => query,
        None if part.starts_with('/') => "",
        None => part,
    }
}

/// `part` (a search string `?a=b&c=d` or a fragment `#/view?a=b`) without every `key=...`
/// parameter; the other parameters stay as they were, in order. A search string left
/// without parameters becomes empty; a fragment keeps its path.
pub fn remove_param(part: &str, key: &str) -> String {
    let (head, query) = match part.find('?') {
        Some(at) => (&part[..at], &part[at + 1..]),
        None => return part.to_string(),
    };
    let kept: Vec<&str> = query
        .split('&')
        .filter(|pair| !pair.is_empty() && pair.split('=').next() != Some(key))
        .collect();
    match kept.is_empty() {
        true => head.to_string(),
        false => format!("{head}?{}", kept.join("&")),
    }
}

fn shown(address: &str) -> String {
    head_chars(address, SHOWN_ADDRESS_CHARS)
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAGE: &str = "https://stance.example";

    fn verdict(href: &str) -> Result<Verdict, Refusal> {
        judge(href, PAGE)
    }

    #[test]
    fn parses_the_parts_of_an_address() {
        let a = Address::parse("HTTPS://User:pw@Example.ORG:443/c/corpus.json?x=1#y").unwrap();
        assert_eq!(a.scheme, "https");
        assert_eq!(a.host, "example.org");
        assert_eq!(a.origin, "https://example.org");
        assert_eq!(a.host_name(), "example.org");
        let b = Address::parse("http://127.0.0.1:8081/x").unwrap();
        assert_eq!(b.origin, "http://127.0.0.1:8081");
        assert_eq!(b.host_name(), "127.0.0.1");
        let v6 = Address::parse("http://[::1]/x").unwrap();
        assert_eq!(v6.host_name(), "[::1]");
        assert_eq!(Address::parse("corpus.json"), None);
        assert_eq!(Address::parse("/c/corpus.json"), None);
        assert_eq!(Address::parse("1http://x"), None);
    }

    #[test]
    fn user_info_does_not_disguise_the_host() {
        // What a reader sees first ("stance.example") is not where it comes from.
        let Ok(Verdict::AskFirst(a)) = verdict("https://stance.example@evil.example/c.json") else {
            panic!("user info must not make an address same-origin");
        };
        assert_eq!(a.host_name(), "evil.example");
        assert!(prompt_text(&a).contains("evil.example"));
    }

    #[test]
    fn same_origin_loads_and_others_ask() {
        assert!(matches!(verdict("https://stance.example/data/c.json"), Ok(Verdict::SameOrigin(_))));
        assert!(matches!(verdict("https://stance.example:443/c.json"), Ok(Verdict::SameOrigin(_))));
        for other in ["https://example.org/c.json", "https://stance.example:8443/c.json", "https://sub.stance.example/c.json"] {
            assert!(matches!(verdict(other), Ok(Verdict::AskFirst(_))), "{other}");
        }
    }

    #[test]
    fn refuses_other_schemes_with_what_to_do() {
        for (href, scheme) in [
            ("data:application/json,{}", "data"),
            ("file:///etc/passwd", "file"),
            ("JavaScript:alert(1)", "javascript"),
            ("blob:https://stance.example/1234", "blob"),
            ("ftp://example.org/c.json", "ftp"),
        ] {
            let refusal = verdict(href).unwrap_err();
            assert_eq!(refusal, Refusal::Scheme { address: href.to_string(), scheme: scheme.to_string() });
            let message = refusal.to_string();
            assert!(message.contains(&format!("{scheme}:")) && message.contains("Load corpus"), "{message}");
        }
        assert!(matches!(verdict("not a url"), Err(Refusal::NotUrl(_))));
        assert!(matches!(verdict("https:///c.json"), Err(Refusal::NotUrl(_))));
        assert!(matches!(verdict("http://example.org/c.json"), Err(Refusal::Insecure(_))));
        assert!(matches!(judge("http://example.org/c.json", "http://127.0.0.1:8080"), Ok(Verdict::AskFirst(_))));
    }

    #[test]
    fn a_long_address_is_shortened_in_messages() {
        let href = format!("data:{}", "a".repeat(100_000));
        let message = verdict(&href).unwrap_err().to_string();
        assert!(message.len() < 1000, "{} bytes", message.len());
    }

    #[test]
    fn the_final_origin_of_a_redirect_decides() {
        let page = "http://127.0.0.1:8080";
        assert!(!needs_prompt(page, page, None));
        assert!(needs_prompt("http://127.0.0.1:9999", page, None), "same-origin link redirected elsewhere");
        assert!(!needs_prompt("https://a.example", page, Some("https://a.example")));
        assert!(needs_prompt("https://b.example", page, Some("https://a.example")), "agreed to a, sent to b");
        assert_eq!(redirect_note("https://a.example/c", "https://a.example/c"), None);
        assert_eq!(redirect_note("https://a.example/c", ""), None);
        let note = redirect_note("https://a.example/c", "https://b.example/d").unwrap();
        assert_eq!(note, "https://a.example/c was redirected to https://b.example/d.");
    }

    #[test]
    fn size_is_checked_on_the_header_then_on_every_chunk() {
        let mut guard = SizeGuard::new(1000);
        assert_eq!(guard.declared(Some("1000")), Ok(()));
        assert_eq!(guard.declared(None), Ok(()));
        assert_eq!(guard.declared(Some("lots")), Ok(()), "an unreadable header leaves it to the counting");
        assert_eq!(guard.declared(Some(" 1001 ")), Err(FetchError::TooLarge { bytes: 1001, declared: true }));
        assert_eq!(guard.add(600), Ok(()));
        assert_eq!(guard.add(400), Ok(()));
        assert_eq!(guard.add(1), Err(FetchError::TooLarge { bytes: 1001, declared: false }));
        assert_eq!(guard.received(), 1001);
        let mut huge = SizeGuard::default();
        assert!(huge.add(u64::MAX).is_err() && huge.add(u64::MAX).is_err(), "no overflow");
        let message = FetchError::TooLarge { bytes: 50 << 20, declared: true }.to_string();
        assert!(message.contains("50 MB") && message.contains("32 MB"), "{message}");
    }

    #[test]
    fn errors_say_what_happened() {
        assert!(FetchError::TimedOut(20_000).to_string().contains("within 20 seconds"));
        assert!(FetchError::TimedOut(1500).to_string().contains("within 1.5 seconds"));
        let status = FetchError::Status { code: 404, text: "Not Found".into() }.to_string();
        assert_eq!(status, "the server answered 404 Not Found");
        assert!(FetchError::Network("x".repeat(10_000)).to_string().len() < 500);
    }

    #[test]
    fn a_link_may_only_shorten_the_timeout() {
        assert_eq!(fetch_timeout_ms("", "#/"), FETCH_TIMEOUT_MS);
        assert_eq!(fetch_timeout_ms("?corpus_timeout=1500", ""), 1500);
        assert_eq!(fetch_timeout_ms("", "#/reader?corpus=x.json&corpus_timeout=800"), 800);
        assert_eq!(fetch_timeout_ms("?corpus_timeout=999999", ""), FETCH_TIMEOUT_MS);
        assert_eq!(fetch_timeout_ms("?corpus_timeout=0", ""), MIN_FETCH_TIMEOUT_MS);
        for junk in ["?corpus_timeout=-5", "?corpus_timeout=NaN", "?corpus_timeout=1e3", "?corpus_timeout=99999999999999"] {
            assert_eq!(fetch_timeout_ms(junk, ""), FETCH_TIMEOUT_MS, "{junk}");
        }
    }

    #[test]
    fn removes_one_parameter_and_keeps_the_rest() {
        assert_eq!(remove_param("?corpus=a.json", "corpus"), "");
        assert_eq!(remove_param("?q=x&corpus=a.json&view=table", "corpus"), "?q=x&view=table");
        assert_eq!(remove_param("#/reader?corpus=a.json", "corpus"), "#/reader");
        assert_eq!(remove_param("#/reader?corpus=a&corpus=b&doc=d", "corpus"), "#/reader?doc=d");
        assert_eq!(remove_param("#/reader?corpusx=1", "corpus"), "#/reader?corpusx=1");
        assert_eq!(remove_param("#/", "corpus"), "#/");
        assert_eq!(remove_param("", "corpus"), "");
    }

    #[test]
    fn never_panics_and_stays_linear_on_hostile_addresses() {
        let long = format!("https://{}/{}", "a".repeat(1 << 20), "%".repeat(1 << 20));
        for href in [long.as_str(), "https://", "https:", ":", "http://@", "http://[", "h://\u{202e}x", "https://é.example:99999/"] {
            let _ = judge(href, PAGE).map_err(|r| r.to_string());
            let _ = Address::parse(href).map(|a| a.host_name().to_string());
        }
        let many = format!("?{}", "corpus=x&".repeat(100_000));
        assert_eq!(remove_param(&many, "corpus"), "");
        assert_eq!(fetch_timeout_ms(&many, &many), FETCH_TIMEOUT_MS);
    }
}
