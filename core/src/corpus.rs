//! Turning a corpus source (metadata + texts) into a built [`Corpus`], with checks.
//!
//! Sources come in two shapes:
//! - a folder with `stance.toml` and the text files ([`load_dir`], feature `toml`);
//! - a [`PackedCorpus`]: the same metadata and texts in one JSON file, which is what
//!   the app bundles and what a user can load into the running app.
//!
//! [`build`] validates everything first and returns every [`Problem`] it finds (not
//! just the first), so a corpus author can fix them all in one go.

use crate::error::{line_of_value, CorpusErrors, Problem};
use crate::meta::{CorpusMeta, QuoteSelector, FORMAT_VERSION};
use crate::model::{Corpus, Document, Position};
use crate::{positions, references, segment, tagging};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashSet};

/// Name of the metadata file in a corpus folder.
pub const META_FILE: &str = "stance.toml";
/// Largest text file accepted, in bytes.
pub const MAX_DOCUMENT_BYTES: usize = 8 * 1024 * 1024;
/// Largest packed corpus accepted, in bytes.
pub const MAX_PACKED_BYTES: usize = 64 * 1024 * 1024;
/// Tag identifying a packed corpus file.
pub const PACKED_MAGIC: &str = "stance-corpus";

/// Metadata plus the raw bytes of each text file, before any check.
#[derive(Clone, Debug, Default)]
pub struct Source {
    pub meta: CorpusMeta,
    /// Raw metadata text, used to point problems at lines (may be empty).
    pub meta_text: String,
    /// Name to report for the metadata file.
    pub meta_file: String,
    /// File name -> bytes.
    pub files: BTreeMap<String, Vec<u8>>,
}

/// A whole corpus in one JSON file.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PackedCorpus {
    /// Always [`PACKED_MAGIC`].
    pub kind: String,
    /// Always [`FORMAT_VERSION`].
    pub version: u32,
    pub meta: CorpusMeta,
    /// File name -> text (UTF-8).
    pub texts: BTreeMap<String, String>,
}

impl PackedCorpus {
    pub fn from_source(source: &Source) -> Result<Self, CorpusErrors> {
        let mut texts = BTreeMap::new();
        let mut problems = Vec::new();
        for (name, bytes) in &source.files {
            match std::str::from_utf8(bytes) {
                Ok(t) => {
                    texts.insert(name.clone(), t.to_string());
                }
                Err(e) => problems.push(not_utf8(name, bytes, e)),
            }
        }
        if !problems.is_empty() {
            return Err(CorpusErrors(problems));
        }
        Ok(Self { kind: PACKED_MAGIC.into(), version: FORMAT_VERSION, meta: source.meta.clone(), texts })
    }

    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    /// Reads a packed corpus from JSON, naming `file` in any problem.
    pub fn parse(file: &str, json: &str) -> Result<Self, CorpusErrors> {
        if json.len() > MAX_PACKED_BYTES {
            return Err(CorpusErrors(vec![Problem::new(
                file,
                None,
                format!("the file is {} MB, more than the {} MB a corpus may be", json.len() >> 20, MAX_PACKED_BYTES >> 20),
                "split the corpus or remove large documents",
            )]));
        }
        let packed: PackedCorpus = serde_json::from_str(json).map_err(|e| {
            CorpusErrors(vec![Problem::new(
                file,
                Some(e.line()),
                format!("not a packed Stance corpus: {e}"),
                "load a file made by `stance pack` (or `stance export --format json`)",
            )])
        })?;
        if packed.kind != PACKED_MAGIC || packed.version != FORMAT_VERSION {
            return Err(CorpusErrors(vec![Problem::new(
                file,
                None,
                format!("`kind` is '{}' version {}, expected '{PACKED_MAGIC}' version {FORMAT_VERSION}", packed.kind, packed.version),
                "re-create the file with this version's `stance pack`",
            )]));
        }
        Ok(packed)
    }

    pub fn into_source(self, file: &str) -> Source {
        Source {
            meta: self.meta,
            meta_text: String::new(),
            meta_file: file.to_string(),
            files: self.texts.into_iter().map(|(k, v)| (k, v.into_bytes())).collect(),
        }
    }
}

fn not_utf8(name: &str, bytes: &[u8], e: std::str::Utf8Error) -> Problem {
    let off = e.valid_up_to();
    let line = bytes[..off].iter().filter(|&&b| b == b'\n').count() + 1;
    Problem::new(name, Some(line), format!("the file is not UTF-8 text (bad byte at offset {off})"), "save the file as UTF-8")
}

/// Parses `stance.toml` text.
#[cfg(feature = "toml")]
pub fn parse_meta_toml(file: &str, text: &str) -> Result<CorpusMeta, CorpusErrors> {
    toml::from_str::<CorpusMeta>(text).map_err(|e| {
        let line = e.span().map(|s| crate::error::line_of(text, s.start));
        let msg = e.message().trim().to_string();
        CorpusErrors(vec![Problem::new(file, line, format!("bad metadata: {msg}"), "correct the TOML at that line (see docs/corpus-format.md)")])
    })
}

/// Reads a corpus folder: `stance.toml` and the files it names.
#[cfg(feature = "toml")]
pub fn load_dir(dir: &std::path::Path) -> Result<Source, CorpusErrors> {
    let meta_path = dir.join(META_FILE);
    let meta_text = std::fs::read_to_string(&meta_path).map_err(|e| {
        CorpusErrors(vec![Problem::new(
            meta_path.display().to_string(),
            None,
            format!("cannot read the metadata file: {e}"),
            format!("create {META_FILE} in the corpus folder (see docs/corpus-format.md)"),
        )])
    })?;
    let meta = parse_meta_toml(META_FILE, &meta_text)?;
    let mut files = BTreeMap::new();
    let mut problems = Vec::new();
    for doc in &meta.documents {
        if !is_plain_file_name(&doc.file) {
            continue; // reported by `build`
        }
        let path = dir.join(&doc.file);
        match std::fs::metadata(&path) {
            Ok(m) if m.len() as usize > MAX_DOCUMENT_BYTES => problems.push(Problem::new(
                doc.file.clone(),
                None,
                format!("the file is {} bytes, more than the {MAX_DOCUMENT_BYTES} allowed", m.len()),
                "split the document into several files",
            )),
            Ok(_) => match std::fs::read(&path) {
                Ok(bytes) => {
                    files.insert(doc.file.clone(), bytes);
                }
                Err(e) => problems.push(Problem::new(doc.file.clone(), None, format!("cannot read: {e}"), "check the file's permissions")),
            },
            Err(_) => {} // missing: reported by `build` with the metadata line
        }
    }
    if !problems.is_empty() {
        return Err(CorpusErrors(problems));
    }
    Ok(Source { meta, meta_text, meta_file: META_FILE.into(), files })
}

/// Reads a corpus folder, checks it, and packs it into one file: what `stance pack`
/// prints and what the app bundles. Every problem is reported, none packed.
#[cfg(feature = "toml")]
pub fn pack_dir(dir: &std::path::Path) -> Result<PackedCorpus, CorpusErrors> {
    let source = load_dir(dir)?;
    let packed = PackedCorpus::from_source(&source)?;
    build(source)?;
    Ok(packed)
}

fn is_plain_file_name(name: &str) -> bool {
    !name.is_empty() && !name.contains(['/', '\\']) && name != "." && name != ".."
}

fn is_id(s: &str) -> bool {
    !s.is_empty() && s.len() <= 64 && s.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'_')
}

/// Where a quote selector matched.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SelectorMatch {
    Found(usize, usize),
    NotFound,
    Ambiguous(usize),
}

/// Finds `sel.exact` (with its prefix and suffix) in `text`.
pub fn find_quote(text: &str, sel: &QuoteSelector) -> SelectorMatch {
    if sel.exact.is_empty() {
        return SelectorMatch::NotFound;
    }
    let mut found = None;
    let mut count = 0;
    for (at, _) in text.match_indices(sel.exact.as_str()) {
        let end = at + sel.exact.len();
        if !text[..at].ends_with(sel.prefix.as_str()) || !text[end..].starts_with(sel.suffix.as_str()) {
            continue;
        }
        count += 1;
        found.get_or_insert((at, end));
    }
    match (count, found) {
        (1, Some((a, b))) => SelectorMatch::Found(a, b),
        (0, _) | (_, None) => SelectorMatch::NotFound,
        (n, _) => SelectorMatch::Ambiguous(n),
    }
}

/// Checks a source and builds the corpus: statements, topics, references, positions.
pub fn build(source: Source) -> Result<Corpus, CorpusErrors> {
    let mut problems = Vec::new();
    let Source { meta, meta_text, meta_file, mut files } = source;
    let at = |needle: &str| line_of_value(&meta_text, needle);
    let mf = meta_file.as_str();

    if meta.format != FORMAT_VERSION {
        problems.push(Problem::new(mf, at("format"), format!("format {} is not supported", meta.format), format!("set `format = {FORMAT_VERSION}`")));
    }
    if meta.title.trim().is_empty() {
        problems.push(Problem::new(mf, None, "the corpus has no title", "add `title = \"...\"` at the top"));
    }

    // Ids: present, well-formed, unique.
    let mut check_ids = |what: &str, ids: Vec<&str>| -> HashSet<String> {
        let mut seen = HashSet::new();
        for id in ids {
            if !is_id(id) {
                problems.push(Problem::new(mf, at(id), format!("{what} id '{id}' is not a valid id"), "use lowercase letters, digits, '-' and '_' only (at most 64)"));
            } else if !seen.insert(id.to_string()) {
                problems.push(Problem::new(mf, at(id), format!("{what} id '{id}' is used twice"), format!("give each {what} its own id")));
            }
        }
        seen
    };
    let actors = check_ids("actor", meta.actors.iter().map(|a| a.id.as_str()).collect());
    let topics = check_ids("topic", meta.topics.iter().map(|t| t.id.as_str()).collect());
    let docs = check_ids("document", meta.documents.iter().map(|d| d.id.as_str()).collect());
    check_ids("event", meta.events.iter().map(|e| e.id.as_str()).collect());
    check_ids("position", meta.positions.iter().map(|p| p.id.as_str()).collect());

    let unknown_actor = |problems: &mut Vec<Problem>, id: &str, whose: &str| {
        if !actors.contains(id) {
            problems.push(Problem::new(mf, at(id), format!("{whose} names actor '{id}', which is not defined"), "add it under [[actors]] or correct the id"));
        }
    };
    let unknown_topic = |problems: &mut Vec<Problem>, id: &str, whose: &str| {
        if !topics.contains(id) {
            problems.push(Problem::new(mf, at(id), format!("{whose} names topic '{id}', which is not defined"), "add it under [[topics]] or correct the id"));
        }
    };

    // Documents.
    let mut documents = Vec::new();
    for d in &meta.documents {
        let whose = format!("document '{}'", d.id);
        for s in &d.speakers {
            unknown_actor(&mut problems, s, &whose);
        }
        if let Some(o) = &d.outlet_actor {
            unknown_actor(&mut problems, o, &whose);
        }
        if let Some(t) = &d.turns {
            unknown_actor(&mut problems, &t.question, &whose);
            unknown_actor(&mut problems, &t.answer, &whose);
        }
        for t in &d.topics {
            unknown_topic(&mut problems, t, &whose);
        }
        if let Err(msg) = d.date.validate() {
            problems.push(Problem::new(mf, at(&d.id), format!("{whose}: {msg}"), "correct its `date`"));
        }
        if !is_plain_file_name(&d.file) {
            problems.push(Problem::new(mf, at(&d.file), format!("{whose}: file '{}' must be a plain file name in the corpus folder", d.file), "move the file into the corpus folder and name it without a path"));
            continue;
        }
        let Some(bytes) = files.remove(&d.file) else {
            problems.push(Problem::new(mf, at(&d.file), format!("{whose}: file '{}' does not exist", d.file), "add the file to the corpus folder or correct `file`"));
            continue;
        };
        if bytes.len() > MAX_DOCUMENT_BYTES {
            problems.push(Problem::new(&d.file, None, format!("the file is {} bytes, more than the {MAX_DOCUMENT_BYTES} allowed", bytes.len()), "split the document"));
            continue;
        }
        let text = match String::from_utf8(bytes) {
            Ok(t) => t,
            Err(e) => {
                let err = e.utf8_error();
                problems.push(not_utf8(&d.file, e.as_bytes(), err));
                continue;
            }
        };
        let mut excluded = Vec::new();
        let mut body_end = text.len();
        for ex in &d.exclude {
            let sel = QuoteSelector { document: d.id.clone(), exact: ex.exact.clone(), ..Default::default() };
            match find_quote(&text, &sel) {
                SelectorMatch::Found(a, b) => {
                    let b = if ex.to_end { text.len() } else { b };
                    if b == text.len() {
                        body_end = body_end.min(a);
                    }
                    excluded.push((a, b));
                }
                other => problems.push(selector_problem(mf, &meta_text, &whose, "exclude", &ex.exact, other)),
            }
        }
        excluded.sort_unstable();
        documents.push(Document { meta: d.clone(), text, body_end, excluded });
    }

    for e in &meta.events {
        for t in &e.topics {
            unknown_topic(&mut problems, t, &format!("event '{}'", e.id));
        }
    }
    for p in &meta.positions {
        let whose = format!("position '{}'", p.id);
        unknown_actor(&mut problems, &p.actor, &whose);
        unknown_topic(&mut problems, &p.topic, &whose);
        if p.quotes.is_empty() {
            problems.push(Problem::new(mf, at(&p.id), format!("{whose} has no quotes"), "add at least one [[positions.quotes]] with the words that show it"));
        }
        if !(-2..=2).contains(&p.polarity) {
            problems.push(Problem::new(mf, at(&p.id), format!("{whose}: polarity {} is out of range", p.polarity), "use -2, -1, 0, 1 or 2"));
        }
    }
    for t in &meta.tags {
        for id in t.add.iter().chain(&t.remove) {
            unknown_topic(&mut problems, id, "a tag");
        }
    }
    let _ = docs;

    // Statements.
    let mut statements = Vec::new();
    for (i, doc) in documents.iter().enumerate() {
        let cut = if doc.meta.whole { whole_statement(i, doc).into_iter().collect() } else { segment::segment(i, doc, &meta) };
        for mut s in cut {
            let text = &doc.text[s.start..s.end];
            s.topics = tagging::tag(text, &meta.topics);
            for t in &doc.meta.topics {
                if !s.topics.contains(t) {
                    s.topics.push(t.clone());
                }
            }
            s.references = references::extract(&doc.text, s.start, s.end, &doc.meta.date, &meta.events);
            statements.push(s);
        }
    }

    // Selectors (tags, positions) must each find one statement.
    for t in &meta.tags {
        if let Some(si) = resolve(&documents, &statements, &t.quote, "a tag", mf, &meta_text, &mut problems) {
            let s = &mut statements[si];
            s.topics.retain(|x| !t.remove.contains(x));
            for a in &t.add {
                if !s.topics.contains(a) {
                    s.topics.push(a.clone());
                }
            }
        }
    }
    let mut positions = Vec::new();
    for p in &meta.positions {
        let whose = format!("position '{}'", p.id);
        let found: Vec<usize> = p.quotes.iter().filter_map(|q| resolve(&documents, &statements, q, &whose, mf, &meta_text, &mut problems)).collect();
        if found.len() != p.quotes.len() {
            continue;
        }
        let doc_date = found.first().map(|&si| &documents[statements[si].doc].meta.date);
        let date = p.date.or_else(|| doc_date.and_then(|d| d.best));
        let approximate = p.date.is_none() && doc_date.is_some_and(|d| d.certainty != crate::date::Certainty::Exact);
        match date {
            Some(date) => positions.push(Position { meta: p.clone(), date, approximate, statements: found }),
            None => problems.push(Problem::new(mf, at(&p.id), format!("{whose} has no date and its document is undated"), "add `date = \"YYYY-MM-DD\"`")),
        }
    }
    positions::order(&mut positions);
    for s in &mut statements {
        s.topics.sort();
    }

    if problems.is_empty() {
        Ok(Corpus { meta, documents, statements, positions })
    } else {
        Err(CorpusErrors(problems))
    }
}

/// A document whose whole text (its body, trimmed) is one narration statement, or none
/// when the text is blank.
fn whole_statement(doc_index: usize, doc: &Document) -> Option<crate::model::Statement> {
    let body = doc.text.get(..doc.body_end).unwrap_or("");
    let start = body.len() - body.trim_start().len();
    let end = body.trim_end().len();
    (start < end).then(|| crate::model::Statement {
        id: segment::statement_id(&doc.meta.id, &body[start..end]),
        doc: doc_index,
        kind: crate::model::StatementKind::Narration,
        speaker: doc.meta.speakers.first().cloned(),
        start,
        end,
        topics: Vec::new(),
        references: Vec::new(),
    })
}

/// The statement that contains the words `sel` points at.
fn resolve(documents: &[Document], statements: &[crate::model::Statement], sel: &QuoteSelector, whose: &str, mf: &str, meta_text: &str, problems: &mut Vec<Problem>) -> Option<usize> {
    let at = |needle: &str| line_of_value(meta_text, needle);
    let Some((di, doc)) = documents.iter().enumerate().find(|(_, d)| d.meta.id == sel.document) else {
        problems.push(Problem::new(mf, at(&sel.document), format!("{whose} quotes document '{}', which is not defined", sel.document), "correct the `document` id"));
        return None;
    };
    match find_quote(&doc.text, sel) {
        SelectorMatch::Found(a, b) => {
            let hit = statements.iter().position(|s| s.doc == di && s.start <= a && b <= s.end);
            if hit.is_none() {
                problems.push(Problem::new(mf, at(&sel.exact), format!("{whose}: the quote \"{}\" spans more than one statement", short(&sel.exact)), "quote words from inside a single statement"));
            }
            hit
        }
        other => {
            problems.push(selector_problem(mf, meta_text, whose, "quote", &sel.exact, other));
            None
        }
    }
}

/// Characters of a quote shown in a problem.
const QUOTE_CHARS: usize = 60;

fn short(s: &str) -> String {
    crate::text::head_chars(s, QUOTE_CHARS)
}

fn selector_problem(mf: &str, meta_text: &str, whose: &str, what: &str, exact: &str, m: SelectorMatch) -> Problem {
    let line = line_of_value(meta_text, exact);
    match m {
        SelectorMatch::Ambiguous(n) => Problem::new(mf, line, format!("{whose}: the {what} \"{}\" occurs {n} times", short(exact)), "make it unique by quoting more words or adding `prefix`/`suffix`"),
        _ => Problem::new(mf, line, format!("{whose}: the {what} \"{}\" is not in the document", short(exact)), "copy the words exactly from the text (quotes and dashes included)"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn selector_needs_unique_match() {
        let text = "one two one three";
        let sel = |exact: &str, prefix: &str| QuoteSelector { document: "d".into(), exact: exact.into(), prefix: prefix.into(), suffix: String::new() };
        assert_eq!(find_quote(text, &sel("one", "")), SelectorMatch::Ambiguous(2));
        assert_eq!(find_quote(text, &sel("one", "two ")), SelectorMatch::Found(8, 11));
        assert_eq!(find_quote(text, &sel("four", "")), SelectorMatch::NotFound);
    }

    #[test]
    fn packed_corpus_refuses_garbage_with_line() {
        let err = PackedCorpus::parse("x.json", "{\n\"kind\": 3\n}").unwrap_err();
        assert_eq!(err.0[0].file, "x.json");
        assert_eq!(err.0[0].line, Some(2));
        assert!(PackedCorpus::parse("x.json", "not json").is_err());
    }
}
