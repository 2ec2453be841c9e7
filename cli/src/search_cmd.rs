//! `stance search [DIR] QUERY [--json]`: the browser's search, from the command line.
//!
//! Prints the ranked statements with score, snippet (matched words in `[` `]`) and
//! highlight offsets; with `--json`, the same as one JSON object. Problems with the
//! query go to standard error.

use serde_json::json;
use stance_core::search::{Index, SearchOptions, SearchResults};
use stance_core::{Corpus, CorpusErrors};
use crate::term;
use std::path::Path;
use std::process::ExitCode;

/// Hits printed.
const LIMIT: usize = 20;

pub fn run(dir: &Path, query: &str, json: bool, load: fn(&Path) -> Result<Corpus, CorpusErrors>) -> ExitCode {
    let corpus = match load(dir) {
        Ok(c) => c,
        Err(e) => {
            crate::report(dir, &e);
            return ExitCode::FAILURE;
        }
    };
    let index = Index::build(&corpus);
    let results = index.search(&corpus, query, &SearchOptions { limit: LIMIT, ..Default::default() });
    for p in &results.problems {
        term::eprintln(&format!("stance search: {p}"));
    }
    if json {
        term::print_data(&(to_json(&corpus, &results) + "\n"));
    } else {
        term::println(text(&corpus, &results).trim_end_matches('\n'));
    }
    ExitCode::SUCCESS
}

/// The snippet text with each highlight in brackets.
fn marked(corpus: &Corpus, doc: usize, start: usize, end: usize, highlights: &[(usize, usize)]) -> String {
    let Some(text) = corpus.documents.get(doc).map(|d| d.text.as_str()) else { return String::new() };
    let mut out = String::new();
    let mut at = start;
    for &(a, b) in highlights {
        out.push_str(text.get(at..a).unwrap_or(""));
        out.push('[');
        out.push_str(text.get(a..b).unwrap_or(""));
        out.push(']');
        at = b;
    }
    out.push_str(text.get(at..end).unwrap_or(""));
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn text(corpus: &Corpus, r: &SearchResults) -> String {
    use std::fmt::Write;
    let mut o = String::new();
    let _ = writeln!(o, "{} statement(s) for `{}`", r.total, r.query.to_string().trim_end());
    for (i, hit) in r.hits.iter().enumerate() {
        let s = &corpus.statements[hit.statement];
        let speaker = s.speaker.as_deref().map_or("—", |id| corpus.actor_name(id));
        let date = corpus.statement_date(s).label();
        let sn = &hit.snippet;
        let _ = writeln!(o, "{:>3}. {}  score {:.3}  ({}, {}, {})", i + 1, s.id, hit.score, speaker, s.kind.as_str(), date);
        let pre = if sn.cut_start { "…" } else { "" };
        let post = if sn.cut_end { "…" } else { "" };
        let _ = writeln!(o, "     {pre}{}{post}", marked(corpus, s.doc, sn.start, sn.end, &sn.highlights));
        let offs: Vec<String> = sn.highlights.iter().map(|(a, b)| format!("{a}-{b}")).collect();
        let _ = writeln!(o, "     bytes {}-{}; highlights {}", sn.start, sn.end, offs.join(" "));
    }
    for s in &r.suggestions {
        if s.nearest.is_empty() {
            let _ = writeln!(o, "nothing matches '{}'", s.word);
        } else {
            let _ = writeln!(o, "nothing matches '{}'; nearest: {}", s.word, s.nearest.join(", "));
        }
    }
    if let Some(q) = r.suggested_query() {
        let _ = writeln!(o, "did you mean: {q}");
    }
    o
}

fn to_json(corpus: &Corpus, r: &SearchResults) -> String {
    let hits: Vec<_> = r
        .hits
        .iter()
        .map(|h| {
            let s = &corpus.statements[h.statement];
            json!({
                "statement": h.statement,
                "id": s.id,
                "score": h.score,
                "speaker": s.speaker,
                "kind": s.kind.as_str(),
                "document": corpus.documents.get(s.doc).map(|d| d.meta.id.as_str()),
                "snippet": {
                    "start": h.snippet.start,
                    "end": h.snippet.end,
                    "text": h.snippet.text(corpus, h.statement),
                    "highlights": h.snippet.highlights,
                    "cut_start": h.snippet.cut_start,
                    "cut_end": h.snippet.cut_end,
                },
            })
        })
        .collect();
    let facet = |v: &[stance_core::search::FacetCount]| -> Vec<serde_json::Value> {
        v.iter().map(|f| json!({"value": &*f.value, "label": &*f.label, "count": f.count, "selected": f.selected})).collect()
    };
    let out = json!({
        "query": r.query.to_string().trim_end(),
        "total": r.total,
        "hits": hits,
        "facets": {
            "speaker": facet(&r.facets.speaker),
            "topic": facet(&r.facets.topic),
            "year": facet(&r.facets.year),
            "document": facet(&r.facets.document),
            "kind": facet(&r.facets.kind),
        },
        "problems": r.problems,
        "suggestions": r.suggestions.iter().map(|s| json!({"word": s.word, "nearest": s.nearest})).collect::<Vec<_>>(),
    });
    serde_json::to_string_pretty(&out).unwrap_or_default()
}
