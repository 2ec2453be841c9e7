//! What the explorer says about loading a corpus, and the titles of the embed form: the
//! words of every notice the loading components show, typed, so that the components
//! only pick a [`LoadMessage`] and bind its text (and tests match on variants, not on
//! sentences).
//!
//! Every message that names a file, an address or a title shortens it to
//! [`MAX_NAME_CHARS`] characters (a hostile file name or URL cannot flood the page) and
//! is shown as text, never as HTML.

use crate::origin::{FetchError, Refusal};
use crate::text::fit_chars;
use std::fmt;

/// Longest file name, address or title quoted in a message, in characters.
pub const MAX_NAME_CHARS: usize = 120;

/// A notice about loading a corpus.
#[derive(Clone, Debug, PartialEq)]
pub enum LoadMessage {
    /// A corpus replaced the one shown.
    Loaded {
        title: String,
        origin: String,
        documents: usize,
        statements: usize,
    },
    /// The corpus from `origin` could not be loaded (its problems follow as details).
    Kept { origin: String },
    /// A file larger than the limit was refused before reading it.
    TooLarge {
        name: String,
        bytes: u64,
        limit: u64,
    },
    /// A file that is not UTF-8 text.
    Unreadable { origin: String },
    /// The load could not begin (`why` in the browser's words).
    NotStarted { origin: String, why: String },
    /// A `corpus=` address that is not loaded at all.
    Refused(Refusal),
    /// Fetching a corpus failed.
    FetchFailed { href: String, why: FetchError },
    /// How much of a corpus download has arrived.
    Received { bytes: u64 },
}

impl fmt::Display for LoadMessage {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let fit = |s: &str| fit_chars(s, MAX_NAME_CHARS);
        match self {
            LoadMessage::Loaded {
                title,
                origin,
                documents,
                statements,
            } => write!(
                f,
                "Loaded “{}” from {}: {}, {}.",
                fit(title),
                fit(origin),
                count(*documents, "document"),
                count(*statements, "statement")
            ),
            LoadMessage::Kept { origin } => write!(
                f,
                "Could not load {}; the explorer keeps the corpus it had.",
                fit(origin)
            ),
            LoadMessage::TooLarge { name, bytes, limit } => write!(
                f,
                "{} is too large ({} MB; at most {} MB); the explorer keeps the corpus it had.",
                fit(name),
                megabytes(*bytes, 0),
                limit >> 20
            ),
            LoadMessage::Unreadable { origin } => write!(
                f,
                "Could not read {}. Save it as UTF-8 JSON and try again.",
                fit(origin)
            ),
            LoadMessage::NotStarted { origin, why } => {
                write!(f, "Could not load {}: {why}.", fit(origin))
            }
            LoadMessage::Refused(refusal) => write!(f, "{refusal} Showing the shipped corpus."),
            LoadMessage::FetchFailed { href, why } => {
                write!(
                    f,
                    "Could not fetch the corpus at {}: {why}. Showing the corpus it had.",
                    fit(href)
                )
            }
            LoadMessage::Received { bytes } => write!(f, "{} MB received", megabytes(*bytes, 1)),
        }
    }
}

/// Why a corpus the load worker built did not reach the page (shown under
/// [`LoadMessage::Kept`]).
#[derive(Clone, Debug, PartialEq)]
pub enum HandOver {
    /// A part of the built corpus was malformed or out of order.
    Incomplete(String),
    /// The worker said it was done without sending a corpus.
    Empty,
    /// A message that is not one the worker sends.
    Unexpected(String),
    /// The worker itself failed (its error message).
    WorkerFailed(String),
}

impl fmt::Display for HandOver {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            HandOver::Incomplete(why) => write!(f, "the built corpus did not arrive whole: {why}"),
            HandOver::Empty => f.write_str("the worker sent no corpus"),
            HandOver::Unexpected(why) => {
                write!(f, "unexpected message from the background loader: {why}")
            }
            HandOver::WorkerFailed(why) => write!(f, "the background loader failed: {why}"),
        }
    }
}

/// The footer line of the embed form: "Stance", or where a loaded corpus came from.
pub fn embed_source(origin: &str, bundled: bool) -> String {
    if bundled {
        "Stance".to_string()
    } else {
        format!("Stance · corpus from {}", fit_chars(origin, MAX_NAME_CHARS))
    }
}

/// The title of an embed snippet: the quote's speaker for a quote card, else the view
/// and the corpus's title.
pub fn embed_title(quote_of: Option<&str>, view: &str, corpus_title: &str) -> String {
    match quote_of {
        Some(speaker) => format!("Quote from {speaker}, from Stance"),
        None => format!("Stance {view}: {}", fit_chars(corpus_title, MAX_NAME_CHARS)),
    }
}

/// "1 document", "3 documents".
fn count(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{n} {noun}s")
    }
}

/// Bytes as megabytes (10^6) with `decimals` digits, without float formatting's
/// rounding surprises: 1,250,000 bytes with one decimal is "1.3".
fn megabytes(bytes: u64, decimals: u32) -> String {
    let unit = 10u64.pow(6 - decimals);
    let scaled = (bytes + unit / 2) / unit;
    match decimals {
        0 => scaled.to_string(),
        d => {
            let base = 10u64.pow(d);
            format!(
                "{}.{:0width$}",
                scaled / base,
                scaled % base,
                width = d as usize
            )
        }
    }
}

/// Most detail lines a notice carries (a hostile corpus can have a hundred thousand
/// problems: drawing each would freeze the page for seconds).
pub const MAX_DETAILS: usize = 50;

/// The first [`MAX_DETAILS`] of `details` (each at most [`MAX_DETAIL_CHARS`]
/// characters), then, if some were left out, a line that says how many and where to
/// see them all. Takes the problems one by one, so a huge list is never all formatted.
pub fn capped_details<T: fmt::Display>(details: impl ExactSizeIterator<Item = T>) -> Vec<String> {
    let total = details.len();
    let mut out: Vec<String> = details.take(MAX_DETAILS).map(|d| fit_chars(&d.to_string(), MAX_DETAIL_CHARS)).collect();
    if total > out.len() {
        let more = total - out.len();
        out.push(format!("… and {more} more problem{} (`stance check` on the corpus lists them all)", if more == 1 { "" } else { "s" }));
    }
    out
}

/// Longest detail line of a notice, in characters.
pub const MAX_DETAIL_CHARS: usize = 600;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn details_are_capped_with_a_count_of_the_rest() {
        let few: Vec<String> = (0..3).map(|i| format!("problem {i}")).collect();
        assert_eq!(capped_details(few.iter()), few);
        let many = capped_details((0..70_000).map(|i| format!("problem {i}")));
        assert_eq!(many.len(), MAX_DETAILS + 1);
        assert_eq!(many[MAX_DETAILS - 1], format!("problem {}", MAX_DETAILS - 1));
        assert!(many[MAX_DETAILS].contains(&format!("{} more problems", 70_000 - MAX_DETAILS)), "{}", many[MAX_DETAILS]);
        let one_more = capped_details((0..MAX_DETAILS + 1).map(|i| i.to_string()));
        assert!(one_more[MAX_DETAILS].contains("1 more problem "), "{}", one_more[MAX_DETAILS]);
        let long = capped_details(std::iter::once("x".repeat(100_000)));
        assert!(long[0].chars().count() <= MAX_DETAIL_CHARS);
    }

    #[test]
    fn loaded_counts_in_singular_and_plural() {
        let one = LoadMessage::Loaded {
            title: "T".into(),
            origin: "a.json".into(),
            documents: 1,
            statements: 1,
        };
        assert_eq!(
            one.to_string(),
            "Loaded “T” from a.json: 1 document, 1 statement."
        );
        let many = LoadMessage::Loaded {
            title: "T".into(),
            origin: "a.json".into(),
            documents: 3,
            statements: 57,
        };
        assert_eq!(
            many.to_string(),
            "Loaded “T” from a.json: 3 documents, 57 statements."
        );
    }

    #[test]
    fn long_names_are_shortened() {
        let name = "x".repeat(10_000);
        for message in [
            LoadMessage::Kept {
                origin: name.clone(),
            },
            LoadMessage::Unreadable {
                origin: name.clone(),
            },
            LoadMessage::TooLarge {
                name: name.clone(),
                bytes: 1 << 30,
                limit: 64 << 20,
            },
            LoadMessage::FetchFailed {
                href: name.clone(),
                why: FetchError::Cancelled,
            },
        ] {
            let text = message.to_string();
            assert!(
                text.chars().count() < MAX_NAME_CHARS + 120,
                "{message:?} gave {} chars",
                text.chars().count()
            );
        }
        assert!(embed_source(&name, false).chars().count() < MAX_NAME_CHARS + 40);
        assert!(embed_title(None, "timeline", &name).chars().count() < MAX_NAME_CHARS + 40);
    }

    #[test]
    fn sizes_round_to_the_nearest_unit() {
        assert_eq!(
            LoadMessage::Received { bytes: 1_250_000 }.to_string(),
            "1.3 MB received"
        );
        assert_eq!(
            LoadMessage::Received { bytes: 0 }.to_string(),
            "0.0 MB received"
        );
        assert_eq!(
            LoadMessage::Received { bytes: 49_999 }.to_string(),
            "0.0 MB received"
        );
        assert_eq!(
            LoadMessage::Received { bytes: 50_000 }.to_string(),
            "0.1 MB received"
        );
        let big = LoadMessage::TooLarge {
            name: "big.json".into(),
            bytes: 70_600_000,
            limit: 64 << 20,
        };
        assert_eq!(
            big.to_string(),
            "big.json is too large (71 MB; at most 64 MB); the explorer keeps the corpus it had."
        );
    }

    #[test]
    fn embed_titles() {
        assert_eq!(embed_source("bundled corpus", true), "Stance");
        assert_eq!(
            embed_source("https://example.org/c.json", false),
            "Stance · corpus from https://example.org/c.json"
        );
        assert_eq!(
            embed_title(Some("Artur Lyukmanov"), "quote", "X"),
            "Quote from Artur Lyukmanov, from Stance"
        );
        assert_eq!(
            embed_title(None, "timeline", "Cyber diplomacy"),
            "Stance timeline: Cyber diplomacy"
        );
    }

    #[test]
    fn hand_over_problems_say_what_happened() {
        assert!(HandOver::Incomplete("part 3 before part 2".into())
            .to_string()
            .contains("did not arrive whole"));
        assert!(HandOver::WorkerFailed("out of memory".into())
            .to_string()
            .ends_with("out of memory"));
    }
}
