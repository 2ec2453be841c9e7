//! Turning a corpus source (metadata + texts) into a built [`Corpus`], with checks.
//!
//! Sources come in two shapes:
//! - a folder with `stance.toml` and the text files ([`load_dir`], feature `toml`);
//! - a [`PackedCorpus`]: the same metadata and texts in one JSON file, which is what
//!   the app bundles and what a user can load into the running app.
//!
//! [`build`] validates everything first and returns every [`Problem`] it finds (not
//! just the first), so a corpus author can fix them all in one go.

use crate::error::{CorpusErrors, MetaLines, Problem, ProblemKind};
use crate::meta::{CorpusMeta, QuoteSelector, FORMAT_VERSION};
use crate::load::{LoadError, Progress, Stage};
use crate::model::{Corpus, Document, Position};
use crate::{positions, references, segment, tagging};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap, HashSet};

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
    /// Line of each metadata value, for problems to point at (empty for a packed
    /// corpus, which has no TOML text).
    pub lines: MetaLines,
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
            return Err(CorpusErrors::one(Problem::new(
                ProblemKind::FileTooLarge,
                file,
                None,
                format!("the file is {} MiB, more than the {} MiB a corpus may be", json.len() >> 20, MAX_PACKED_BYTES >> 20),
                "split the corpus or remove large documents",
            )));
        }
        let packed: PackedCorpus = serde_json::from_str(json).map_err(|e| {
            // `stance export --format json` prints a list of statements, not a corpus.
            let message = if json.trim_start().starts_with('[') {
                "this is a list (perhaps statements from `stance export`), not a packed Stance corpus".to_string()
            } else {
                format!("not a packed Stance corpus: {e}")
            };
            CorpusErrors::one(Problem::new(ProblemKind::NotPacked, file, Some(e.line()), message, "load a file made by `stance pack DIR > corpus.json`"))
        })?;
        if packed.kind != PACKED_MAGIC || packed.version != FORMAT_VERSION {
            return Err(CorpusErrors::one(Problem::new(
                ProblemKind::PackedVersion,
                file,
                None,
                format!("`kind` is '{}' version {}, expected '{PACKED_MAGIC}' version {FORMAT_VERSION}", packed.kind, packed.version),
                "re-create the file with this version's `stance pack`",
            )));
        }
        Ok(packed)
    }

    pub fn into_source(self, file: &str) -> Source {
        Source {
            meta: self.meta,
            lines: MetaLines::default(),
            meta_file: file.to_string(),
            files: self.texts.into_iter().map(|(k, v)| (k, v.into_bytes())).collect(),
        }
    }
}

fn not_utf8(name: &str, bytes: &[u8], e: std::str::Utf8Error) -> Problem {
    let off = e.valid_up_to();
    let line = bytes[..off].iter().filter(|&&b| b == b'\n').count() + 1;
    Problem::new(ProblemKind::NotUtf8, name, Some(line), format!("the file is not UTF-8 text (bad byte at offset {off})"), "save the file as UTF-8")
}

/// Parses `stance.toml` text into the schema.
#[cfg(feature = "toml")]
pub fn parse_meta_toml(file: &str, text: &str) -> Result<CorpusMeta, CorpusErrors> {
    toml::from_str::<CorpusMeta>(text).map_err(|e| CorpusErrors::one(toml_problem(file, text, &e)))
}

/// A TOML problem: a syntax error (what was expected, at which line and column) or a
/// value that does not fit the schema (at the line of the value).
#[cfg(feature = "toml")]
fn toml_problem(file: &str, text: &str, e: &toml::de::Error) -> Problem {
    let index = crate::error::LineIndex::new(text);
    let at = e.span().map(|s| s.start.min(text.len()));
    let line = at.map(|o| index.line(o));
    // The first lines of toml's message say what is wrong; the rest repeats the source.
    let msg = e.message().trim().replace('\n', "; ");
    let syntax = toml::from_str::<toml::Table>(text).is_err();
    if syntax {
        let col = at.map(|o| {
            let line_start = text[..o].rfind('\n').map_or(0, |i| i + 1);
            text.get(line_start..o).map_or(1, |t| t.chars().count() + 1)
        });
        let place = match (line, col) {
            (Some(l), Some(c)) => format!(" at line {l}, column {c}"),
            _ => String::new(),
        };
        // toml says what it expected, except for an unclosed string.
        let expected = if msg.contains("basic string") {
            "; expected `\"` to close the string before the end of the line (`\"\"\"` opens a string of several lines)"
        } else if msg.contains("literal string") {
            "; expected `'` to close the string before the end of the line (`'''` opens a string of several lines)"
        } else {
            ""
        };
        return Problem::new(
            ProblemKind::TomlSyntax,
            file,
            line,
            format!("not valid TOML{place}: {msg}{expected}"),
            "correct the TOML there: strings in \"double quotes\" closed on the same line, `key = value`, tables as [[documents]] (see docs/corpus-format.md)",
        );
    }
    let bare_date = e.span().and_then(|sp| text.get(sp)).is_some_and(|v| {
        let v = v.trim_start().as_bytes();
        v.len() >= 5 && v[..4].iter().all(u8::is_ascii_digit) && v[4] == b'-'
    });
    let fix = if bare_date || msg.contains("datetime") {
        "write dates as quoted strings: `best = \"2022-11-03\"`"
    } else if msg.contains("unknown field") {
        "correct the key's spelling; the keys each table takes are listed in docs/corpus-format.md"
    } else if msg.contains("missing field") {
        "add the field to that table (see docs/corpus-format.md)"
    } else {
        "correct the value at that line (see docs/corpus-format.md)"
    };
    Problem::new(ProblemKind::BadMetadata, file, line, format!("bad metadata: {msg}"), fix)
}

/// A folder source from `stance.toml` text and the files' bytes: the metadata parsed,
/// and the line of each of its values noted for problems to point at.
#[cfg(feature = "toml")]
pub fn source_from_toml(meta_file: &str, text: &str, files: BTreeMap<String, Vec<u8>>) -> Result<Source, CorpusErrors> {
    let meta = parse_meta_toml(meta_file, text)?;
    Ok(Source { meta, lines: crate::meta::toml_lines(text), meta_file: meta_file.to_string(), files })
}

/// Reads one file of a corpus folder, refusing anything but a regular file: a symlink
/// (even one into the folder: copy the file instead), a directory, a device, a FIFO or
/// a socket. At most `limit` bytes are read whatever size the file claims, so a file
/// that grows (or lies) cannot exhaust memory. `Ok(None)`: the file does not exist.
#[cfg(feature = "toml")]
fn read_regular_file(dir: &std::path::Path, name: &str, limit: usize) -> Result<Option<Vec<u8>>, Problem> {
    use std::io::Read;
    let path = dir.join(name);
    let refuse = |what: &str| {
        Problem::new(
            ProblemKind::NotRegularFile,
            name,
            None,
            format!("{what}, not a regular file; only regular files inside the corpus folder are read"),
            "put a copy of the text itself in the corpus folder",
        )
    };
    let unreadable = |e: std::io::Error| Problem::new(ProblemKind::FileUnreadable, name, None, format!("cannot read: {e}"), "check the file's permissions");
    let meta = match std::fs::symlink_metadata(&path) {
        Ok(m) => m,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(unreadable(e)),
    };
    if let Some(what) = special_file(&meta.file_type()) {
        return Err(refuse(what));
    }
    let file = std::fs::File::open(&path).map_err(unreadable)?;
    // Checked again on the open file, in case it was swapped since.
    match file.metadata() {
        Ok(m) if m.is_file() => {}
        Ok(m) => return Err(refuse(special_file(&m.file_type()).unwrap_or("it is a special file"))),
        Err(e) => return Err(unreadable(e)),
    }
    let mut bytes = Vec::new();
    file.take(limit as u64 + 1).read_to_end(&mut bytes).map_err(unreadable)?;
    if bytes.len() > limit {
        return Err(too_large(name, limit));
    }
    Ok(Some(bytes))
}

/// What a file is when it is not a regular file.
#[cfg(feature = "toml")]
fn special_file(t: &std::fs::FileType) -> Option<&'static str> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if t.is_fifo() {
            return Some("it is a FIFO (named pipe)");
        }
        if t.is_socket() {
            return Some("it is a socket");
        }
        if t.is_block_device() || t.is_char_device() {
            return Some("it is a device");
        }
    }
    if t.is_symlink() {
        Some("it is a symbolic link")
    } else if t.is_dir() {
        Some("it is a folder")
    } else if !t.is_file() {
        Some("it is a special file")
    } else {
        None
    }
}

fn too_large(name: &str, limit: usize) -> Problem {
    Problem::new(
        ProblemKind::FileTooLarge,
        name,
        None,
        format!("the file is more than the {} MiB ({limit} bytes) allowed", limit >> 20),
        "split the document into several files",
    )
}

/// Reads a corpus folder: `stance.toml` and the files it names. Only regular files in
/// the folder itself are read (see [`read_regular_file`]); each refusal is a problem.
#[cfg(feature = "toml")]
pub fn load_dir(dir: &std::path::Path) -> Result<Source, CorpusErrors> {
    let cannot = |message: String| {
        CorpusErrors::one(Problem::new(
            ProblemKind::MetaUnreadable,
            dir.join(META_FILE).display().to_string(),
            None,
            message,
            format!("create {META_FILE} in the corpus folder (see docs/corpus-format.md)"),
        ))
    };
    let bytes = match read_regular_file(dir, META_FILE, MAX_DOCUMENT_BYTES) {
        Ok(Some(b)) => b,
        Ok(None) => return Err(cannot(format!("there is no {META_FILE} in {}", dir.display()))),
        Err(p) => return Err(CorpusErrors::one(Problem { file: dir.join(META_FILE).display().to_string(), ..p })),
    };
    let text = String::from_utf8(bytes).map_err(|e| {
        let err = e.utf8_error();
        CorpusErrors::one(not_utf8(META_FILE, e.as_bytes(), err))
    })?;
    let meta = parse_meta_toml(META_FILE, &text)?;
    let mut files = BTreeMap::new();
    let mut problems = Vec::new();
    for doc in &meta.documents {
        if !is_plain_file_name(&doc.file) || files.contains_key(&doc.file) {
            continue; // a bad name is reported by `build`
        }
        match read_regular_file(dir, &doc.file, MAX_DOCUMENT_BYTES) {
            Ok(Some(bytes)) => {
                files.insert(doc.file.clone(), bytes);
            }
            Ok(None) => {} // missing: reported by `build` at the metadata line
            Err(p) => problems.push(p),
        }
    }
    if !problems.is_empty() {
        return Err(CorpusErrors(problems));
    }
    Ok(Source { meta, lines: crate::meta::toml_lines(&text), meta_file: META_FILE.into(), files })
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

/// The first character of `name` that must not be written into a line-based format
/// (a `cargo:` build directive, a terminal line); see [`crate::error::is_unsafe_char`].
pub fn unsafe_name_char(name: &str) -> Option<char> {
    name.chars().find(|&c| crate::error::is_unsafe_char(c))
}

fn is_plain_file_name(name: &str) -> bool {
    !name.is_empty() && !name.contains(['/', '\\']) && name != "." && name != ".." && unsafe_name_char(name).is_none()
}

fn is_id(s: &str) -> bool {
    !s.is_empty() && s.len() <= 64 && s.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'_')
}

pub use crate::selectors::SelectorMatch;

/// Finds `sel.exact` (with its prefix and suffix) in `text`; to find many selectors in
/// one text, [`crate::selectors::find_all`] reads it once for all of them.
pub fn find_quote(text: &str, sel: &QuoteSelector) -> SelectorMatch {
    crate::selectors::find(text, sel)
}

/// Checks a source and builds the corpus: statements, topics, references, positions.
///
/// Each problem points at the line of the value it is about (see [`MetaLines`]); a
/// problem that only follows from another (a quote in a document whose file is
/// missing, a reference to an id that is malformed) is left out.
pub fn build(source: Source) -> Result<Corpus, CorpusErrors> {
    build_in_steps(source, &mut |_| true).map_err(|e| match e {
        LoadError::Problems(p) => p,
        // Nothing stops a build that reports to no one.
        LoadError::Cancelled => CorpusErrors(Vec::new()),
    })
}

/// [`build`] with progress: `report` is called with the [`Progress`] of each stage as
/// the build goes (checking the metadata; then per document: loading it, cutting it
/// into statements, tagging them, counted in bytes of text; then resolving quote
/// selectors) and returns `false` to stop, which ends the build with
/// [`LoadError::Cancelled`]. [`build`] is this with a `report` that never stops, so
/// the checks and problems are exactly the same.
pub fn build_in_steps(source: Source, report: &mut dyn FnMut(Progress) -> bool) -> Result<Corpus, LoadError> {
    let mut step = |stage: Stage, done: usize, total: usize| if report(Progress::new(stage, done, total)) { Ok(()) } else { Err(LoadError::Cancelled) };
    step(Stage::Check, 0, 1)?;
    let mut problems = Vec::new();
    let Source { meta, lines, meta_file, mut files } = source;
    let mf = meta_file.as_str();
    let problem = |kind: ProblemKind, path: &str, message: String, fix: &str| Problem::new(kind, mf, lines.line(path), message, fix);

    if meta.format != FORMAT_VERSION {
        problems.push(problem(ProblemKind::UnsupportedFormat, "format", format!("format {} is not supported", meta.format), &format!("set `format = {FORMAT_VERSION}`")));
    }
    if meta.title.trim().is_empty() {
        problems.push(problem(ProblemKind::NoTitle, "title", "the corpus has no title".into(), "add `title = \"...\"` at the top"));
    }

    // Ids: present, well-formed, unique. A malformed id is still known afterwards, so
    // the places that use it do not each report it again.
    let mut check_ids = |what: &str, section: &str, ids: Vec<&str>| -> HashSet<String> {
        let mut seen = HashSet::new();
        for (i, id) in ids.into_iter().enumerate() {
            let path = || format!("{section}[{i}].id");
            if !is_id(id) {
                problems.push(problem(ProblemKind::InvalidId, &path(), format!("{what} id '{id}' is not a valid id"), "use lowercase letters, digits, '-' and '_' only (at most 64)"));
                seen.insert(id.to_string());
            } else if !seen.insert(id.to_string()) {
                problems.push(problem(ProblemKind::DuplicateId, &path(), format!("{what} id '{id}' is used twice"), &format!("give each {what} its own id")));
            }
        }
        seen
    };
    let actors = check_ids("actor", "actors", meta.actors.iter().map(|a| a.id.as_str()).collect());
    let topics = check_ids("topic", "topics", meta.topics.iter().map(|t| t.id.as_str()).collect());
    check_ids("document", "documents", meta.documents.iter().map(|d| d.id.as_str()).collect());
    check_ids("event", "events", meta.events.iter().map(|e| e.id.as_str()).collect());
    check_ids("position", "positions", meta.positions.iter().map(|p| p.id.as_str()).collect());

    // The path of a value is only made when there is a problem to report.
    let unknown_actor = |problems: &mut Vec<Problem>, id: &str, whose: &str, path: &dyn Fn() -> String| {
        if !actors.contains(id) {
            problems.push(problem(ProblemKind::UnknownActor, &path(), format!("{whose} names actor '{id}', which is not defined"), "add it under [[actors]] or correct the id"));
        }
    };
    let unknown_topic = |problems: &mut Vec<Problem>, id: &str, whose: &str, path: &dyn Fn() -> String| {
        if !topics.contains(id) {
            problems.push(problem(ProblemKind::UnknownTopic, &path(), format!("{whose} names topic '{id}', which is not defined"), "add it under [[topics]] or correct the id"));
        }
    };

    step(Stage::Check, 1, 1)?;

    // Documents.
    let mut documents = Vec::new();
    for (di, d) in meta.documents.iter().enumerate() {
        step(Stage::Load, di, meta.documents.len())?;
        let whose = format!("document '{}'", d.id);
        let at = |key: &str| format!("documents[{di}].{key}");
        for (j, s) in d.speakers.iter().enumerate() {
            unknown_actor(&mut problems, s, &whose, &|| at(&format!("speakers[{j}]")));
        }
        if let Some(o) = &d.outlet_actor {
            unknown_actor(&mut problems, o, &whose, &|| at("outlet_actor"));
        }
        for (label, id) in &d.labels {
            unknown_actor(&mut problems, id, &whose, &|| at(&format!("labels.{label}")));
        }
        if let Some(t) = &d.turns {
            unknown_actor(&mut problems, &t.question, &whose, &|| at("turns.question"));
            unknown_actor(&mut problems, &t.answer, &whose, &|| at("turns.answer"));
        }
        for (j, t) in d.topics.iter().enumerate() {
            unknown_topic(&mut problems, t, &whose, &|| at(&format!("topics[{j}]")));
        }
        if let Err(msg) = d.date.validate() {
            problems.push(problem(ProblemKind::BadDate, &at("date"), format!("{whose}: {msg}"), "correct its `date`"));
        }
        if !is_plain_file_name(&d.file) {
            problems.push(problem(
                ProblemKind::BadFileName,
                &at("file"),
                format!("{whose}: file '{}' must be a plain file name in the corpus folder", d.file.escape_debug()),
                "move the file into the corpus folder and name it without a path or control characters",
            ));
            continue;
        }
        let Some(bytes) = files.remove(&d.file) else {
            let message = if documents.iter().any(|x: &Document| x.meta.file == d.file) {
                format!("{whose}: file '{}' is already the text of another document", d.file)
            } else {
                format!("{whose}: file '{}' does not exist", d.file)
            };
            problems.push(problem(ProblemKind::MissingFile, &at("file"), message, "add the file to the corpus folder or correct `file`"));
            continue;
        };
        if bytes.len() > MAX_DOCUMENT_BYTES {
            problems.push(too_large(&d.file, MAX_DOCUMENT_BYTES));
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
        if let Some(t) = &d.turns {
            for (key, marker) in [("question_marker", &t.question_marker), ("answer_marker", &t.answer_marker)] {
                let m = marker.trim();
                if t.style == crate::meta::TurnStyle::Markers && !m.is_empty() && !text.lines().any(|l| l.trim_start().starts_with(m)) {
                    problems.push(problem(
                        ProblemKind::TurnMarkerMissing,
                        &at(&format!("turns.{key}")),
                        format!("{whose}: no line of '{}' starts with the turn marker \"{}\", so its Q&A would be read as prose", d.file, short(m)),
                        &format!("set `{key}` to the words that open each turn in the text, exactly as written"),
                    ));
                }
            }
        }
        let mut excluded = Vec::new();
        let mut body_end = text.len();
        let sels: Vec<QuoteSelector> = d.exclude.iter().map(|ex| QuoteSelector { document: String::new(), exact: ex.exact.clone(), prefix: ex.prefix.clone(), suffix: ex.suffix.clone() }).collect();
        let found = crate::selectors::find_all(&text, &sels.iter().collect::<Vec<_>>());
        for ((k, ex), m) in d.exclude.iter().enumerate().zip(found) {
            match m {
                SelectorMatch::Found(a, b) => {
                    let b = if ex.to_end { text.len() } else { b };
                    if b == text.len() {
                        body_end = body_end.min(a);
                    }
                    excluded.push((a, b));
                }
                other => problems.push(selector_problem(mf, &lines, &at(&format!("exclude[{k}].exact")), &whose, "exclude", &ex.exact, other)),
            }
        }
        excluded.sort_unstable();
        documents.push(Document { meta: d.clone(), text, body_end, excluded });
    }

    for (i, e) in meta.events.iter().enumerate() {
        for (j, t) in e.topics.iter().enumerate() {
            unknown_topic(&mut problems, t, &format!("event '{}'", e.id), &|| format!("events[{i}].topics[{j}]"));
        }
    }
    for (i, p) in meta.positions.iter().enumerate() {
        let whose = format!("position '{}'", p.id);
        unknown_actor(&mut problems, &p.actor, &whose, &|| format!("positions[{i}].actor"));
        unknown_topic(&mut problems, &p.topic, &whose, &|| format!("positions[{i}].topic"));
        if p.quotes.is_empty() {
            problems.push(problem(ProblemKind::PositionWithoutQuotes, &format!("positions[{i}].quotes"), format!("{whose} has no quotes"), "add at least one [[positions.quotes]] with the words that show it"));
        }
        if !(-2..=2).contains(&p.polarity) {
            problems.push(problem(ProblemKind::PolarityOutOfRange, &format!("positions[{i}].polarity"), format!("{whose}: polarity {} is out of range", p.polarity), "use -2, -1, 0, 1 or 2"));
        }
    }
    for (i, t) in meta.tags.iter().enumerate() {
        for (key, list) in [("add", &t.add), ("remove", &t.remove)] {
            for (j, id) in list.iter().enumerate() {
                unknown_topic(&mut problems, id, "a tag", &|| format!("tags[{i}].{key}[{j}]"));
            }
        }
    }

    // Statements: each document cut into statements, then each statement tagged, with
    // progress in bytes of text done.
    step(Stage::Load, meta.documents.len(), meta.documents.len())?;
    let doc_index: HashMap<&str, usize> = meta.documents.iter().enumerate().map(|(k, d)| (d.id.as_str(), k)).collect();
    let text_bytes = documents.iter().map(|d| d.text.len()).sum::<usize>();
    let mut statements: Vec<crate::model::Statement> = Vec::new();
    let segmenter = segment::Segmenter::new(&meta);
    let mut done = 0;
    for (i, doc) in documents.iter().enumerate() {
        step(Stage::Extract, done, text_bytes)?;
        let (mut stmts, found) = if doc.meta.whole { (whole_statement(i, doc).into_iter().collect(), Vec::new()) } else { segmenter.segment(i, doc) };
        let di = doc_index.get(doc.meta.id.as_str()).copied().unwrap_or(i);
        for p in found {
            problems.push(problem(p.kind, &format!("documents[{di}].{}", p.key), format!("document '{}': {}", doc.meta.id, p.message), &p.fix));
        }
        // Moved, not copied one by one: a large document has millions of statements.
        if statements.is_empty() {
            statements = stmts;
        } else {
            statements.append(&mut stmts);
        }
        done += doc.text.len();
    }
    step(Stage::Extract, text_bytes, text_bytes)?;
    let mut tagger = tagging::Tagger::new(&meta.topics);
    let mut done = 0;
    let mut last_doc = None;
    for s in statements.iter_mut() {
        let doc = &documents[s.doc];
        if last_doc != Some(s.doc) {
            step(Stage::Tag, done, text_bytes)?;
            done += doc.text.len();
            last_doc = Some(s.doc);
        }
        s.topics = tagger.tag(&doc.text[s.start..s.end]);
        for t in &doc.meta.topics {
            if !s.topics.contains(t) {
                s.topics.push(t.clone());
            }
        }
        s.references = references::extract(&doc.text, s.start, s.end, &doc.meta.date, &meta.events);
    }
    step(Stage::Tag, text_bytes, text_bytes)?;
    step(Stage::Resolve, 0, 1)?;

    for (path, p) in segment::meta_problems(&meta) {
        problems.push(problem(p.kind, &path, p.message, &p.fix));
    }
    apply_overrides(&meta, &documents, &mut statements, mf, &lines, &mut problems);

    // Selectors (tags, positions) must each find one statement.
    let selectors = meta.tags.iter().enumerate().map(|(i, t)| (SelectorAt::Tag(i), &t.quote));
    let selectors = selectors.chain(meta.positions.iter().enumerate().flat_map(|(i, p)| p.quotes.iter().enumerate().map(move |(j, q)| (SelectorAt::Position(i, j), q))));
    let quotes = Quotes::new(&meta, &documents, &statements, mf, &lines, selectors);
    let tagged: Vec<(usize, &crate::meta::TagMeta)> =
        meta.tags.iter().enumerate().filter_map(|(i, t)| Some((quotes.resolve(SelectorAt::Tag(i), &t.quote, "a tag", &|| format!("tags[{i}].quote"), &mut problems)?, t))).collect();
    let mut positions = Vec::new();
    for (i, p) in meta.positions.iter().enumerate() {
        let whose = format!("position '{}'", p.id);
        let found: Vec<usize> = p.quotes.iter().enumerate().filter_map(|(j, q)| quotes.resolve(SelectorAt::Position(i, j), q, &whose, &|| format!("positions[{i}].quotes[{j}]"), &mut problems)).collect();
        if found.len() != p.quotes.len() {
            continue;
        }
        let doc_date = found.first().map(|&si| &documents[statements[si].doc].meta.date);
        let date = p.date.or_else(|| doc_date.and_then(|d| d.best));
        let approximate = p.date.is_none() && doc_date.is_some_and(|d| d.certainty != crate::date::Certainty::Exact);
        match date {
            Some(date) => positions.push(Position { meta: p.clone(), date, approximate, statements: found }),
            None => problems.push(problem(ProblemKind::PositionUndated, &format!("positions[{i}]"), format!("{whose} has no date and its document is undated"), "add `date = \"YYYY-MM-DD\"`")),
        }
    }
    positions::order(&mut positions);
    for (si, t) in tagged {
        let s = &mut statements[si];
        s.topics.retain(|x| !t.remove.contains(x));
        for a in &t.add {
            if !s.topics.contains(a) {
                s.topics.push(a.clone());
            }
        }
    }
    for s in &mut statements {
        s.topics.sort();
    }

    step(Stage::Resolve, 1, 1)?;
    if problems.is_empty() {
        Ok(Corpus { meta, documents, statements, positions })
    } else {
        Err(LoadError::Problems(CorpusErrors(problems)))
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
        attribution: crate::model::Attribution::Voice,
        start,
        end,
        topics: Vec::new(),
        references: Vec::new(),
    })
}

/// Applies the curated `[[overrides]]`: each must find one statement (reported like
/// any quote selector when it does not); it sets speaker and kind, removes the
/// statement, joins it with the next or splits it. All selectors are resolved against
/// the statements as segmented, then applied from the last statement back, so one
/// override does not move another's target; overrides on one statement apply in order.
fn apply_overrides(meta: &CorpusMeta, documents: &[Document], statements: &mut Vec<crate::model::Statement>, mf: &str, lines: &MetaLines, problems: &mut Vec<Problem>) {
    use crate::model::Attribution;
    let problem = |kind: ProblemKind, path: &str, message: String, fix: &str| Problem::new(kind, mf, lines.line(path), message, fix);
    let mut targets: Vec<(usize, usize)> = {
        let quotes = Quotes::new(meta, documents, statements, mf, lines, meta.overrides.iter().enumerate().map(|(n, o)| (SelectorAt::Override(n), &o.quote)));
        meta.overrides
            .iter()
            .enumerate()
            .filter_map(|(n, o)| {
                let whose = format!("override {}", n + 1);
                if let Some(id) = o.speaker.as_deref().filter(|id| !id.is_empty()) {
                    if !meta.actors.iter().any(|a| a.id == id) {
                        problems.push(problem(ProblemKind::UnknownActor, &format!("overrides[{n}].speaker"), format!("{whose} names actor '{id}', which is not defined"), "add it under [[actors]] or correct the id"));
                        return None;
                    }
                }
                Some((quotes.resolve(SelectorAt::Override(n), &o.quote, &whose, &|| format!("overrides[{n}].quote"), problems)?, n))
            })
            .collect()
    };
    if targets.is_empty() {
        return;
    }
    targets.sort_by(|x, y| y.0.cmp(&x.0).then(x.1.cmp(&y.1)));
    // Bytes that `split_before` searches may read in all: generous for any real corpus
    // (every statement searched a few times over), and a bound that keeps a hostile
    // list of overrides (thousands of splits of one long statement) linear in time.
    let text_bytes: usize = documents.iter().map(|d| d.text.len()).sum();
    let mut search_budget = text_bytes.saturating_mul(8).saturating_add(1 << 20);
    let mut edits = Edits::new(std::mem::take(statements));
    let mut removed: Option<usize> = None;
    for (si, n) in targets {
        let o = &meta.overrides[n];
        let whose = format!("override {}", n + 1);
        if removed == Some(si) {
            continue;
        }
        if o.not_statement {
            edits.remove(si);
            removed = Some(si);
            continue;
        }
        let Some((doc, start, end)) = edits.at(si).map(|s| (s.doc, s.start, s.end)) else { continue };
        if !o.split_before.is_empty() {
            let text = &documents[doc].text;
            let span = end - start;
            let found = if span <= search_budget {
                search_budget -= span;
                Ok(text[start..end].find(o.split_before.as_str()))
            } else {
                Err(())
            };
            match found {
                Ok(Some(k)) if k > 0 => {
                    let cut = start + k;
                    let (a1, b1) = segment::trim_span(text, start, cut, &[]);
                    let (a2, b2) = segment::trim_span(text, cut, end, &[]);
                    if let Some(first) = edits.at_mut(si) {
                        let mut second = first.clone();
                        second.start = a2;
                        second.end = b2;
                        first.start = a1;
                        first.end = b1;
                        edits.insert_after(si, second);
                    }
                }
                Ok(_) => problems.push(problem(
                    ProblemKind::BadOverride,
                    &format!("overrides[{n}].split_before"),
                    format!("{whose}: `split_before` \"{}\" is not inside the statement after its first word", short(&o.split_before)),
                    "quote words from the middle of the statement",
                )),
                Err(()) => problems.push(problem(
                    ProblemKind::BadOverride,
                    &format!("overrides[{n}].split_before"),
                    format!("{whose}: too many `split_before` overrides search the same long statements (more than 8 times the corpus's text in all); this one was not applied"),
                    "split long statements with fewer overrides, or cut the text into paragraphs",
                )),
            }
        }
        if o.join_next {
            match edits.take_next(si, doc) {
                Some(end) => {
                    if let Some(s) = edits.at_mut(si) {
                        s.end = end;
                    }
                }
                None => problems.push(problem(ProblemKind::BadOverride, &format!("overrides[{n}].join_next"), format!("{whose}: `join_next` but the statement is the last of its document"), "remove `join_next`")),
            }
        }
        let Some(s) = edits.at_mut(si) else { continue };
        if let Some(id) = &o.speaker {
            s.speaker = (!id.is_empty()).then(|| id.clone());
        }
        if let Some(k) = o.kind {
            s.kind = k;
        }
        s.attribution = Attribution::Override;
    }
    *statements = edits.into_statements();
    let mut tagger = tagging::Tagger::new(&meta.topics);
    for s in statements.iter_mut().filter(|s| s.attribution == Attribution::Override) {
        let doc = &documents[s.doc];
        s.topics = tagger.tag(&doc.text[s.start..s.end]);
        s.references = references::extract(&doc.text, s.start, s.end, &doc.meta.date, &meta.events);
    }
    segment::reassign_ids(documents, statements);
}

/// The statements while overrides edit them, applied from the last targeted statement
/// back: each original statement `i` is a slot holding the statement itself (unless an
/// override removed it) followed by the parts split off it. Removing, splitting and
/// joining cost the same however many statements there are (a `Vec::insert` or
/// `remove` per override would move every statement after it: quadratic in a corpus
/// with an override for every statement).
///
/// The caller only ever edits a slot `i` whose statement is present (overrides after a
/// removal of the same statement are skipped), and every slot before it is untouched.
struct Edits {
    heads: Vec<Option<crate::model::Statement>>,
    /// Parts split off each slot's statement, last part first (a new part goes right
    /// after the statement, that is before the earlier parts).
    tails: HashMap<usize, Vec<crate::model::Statement>>,
    /// Skip pointers to the next slot that still holds something (or `heads.len()`),
    /// compressed as they are followed.
    next_live: Vec<usize>,
}

impl Edits {
    fn new(statements: Vec<crate::model::Statement>) -> Self {
        let n = statements.len();
        Edits { heads: statements.into_iter().map(Some).collect(), tails: HashMap::new(), next_live: (0..=n).collect() }
    }

    /// The statement of slot `i`, if present (always, for the caller: see the type).
    fn at(&self, i: usize) -> Option<&crate::model::Statement> {
        self.heads.get(i)?.as_ref()
    }

    fn at_mut(&mut self, i: usize) -> Option<&mut crate::model::Statement> {
        self.heads.get_mut(i)?.as_mut()
    }

    fn is_empty(&self, i: usize) -> bool {
        self.heads[i].is_none() && self.tails.get(&i).is_none_or(Vec::is_empty)
    }

    /// Marks slot `i` empty if it is, so that [`Edits::take_next`] skips it.
    fn settle(&mut self, i: usize) {
        if self.is_empty(i) {
            self.next_live[i] = i + 1;
        }
    }

    /// The first slot at or after `i` that holds something (`heads.len()` if none).
    fn live_from(&mut self, i: usize) -> usize {
        let mut root = i;
        while self.next_live[root] != root {
            root = self.next_live[root];
        }
        let mut j = i;
        while self.next_live[j] != root {
            let up = self.next_live[j];
            self.next_live[j] = root;
            j = up;
        }
        root
    }

    fn remove(&mut self, i: usize) {
        self.heads[i] = None;
        self.settle(i);
    }

    fn insert_after(&mut self, i: usize, part: crate::model::Statement) {
        self.tails.entry(i).or_default().push(part);
    }

    /// Takes the statement right after slot `i`'s own, if it belongs to document `doc`,
    /// and returns where it ended.
    fn take_next(&mut self, i: usize, doc: usize) -> Option<usize> {
        // The last split-off part is the first after the statement.
        let first_part = |tails: &mut HashMap<usize, Vec<crate::model::Statement>>, k: usize| {
            let parts = tails.get_mut(&k)?;
            parts.last().is_some_and(|p| p.doc == doc).then(|| parts.pop()).flatten().map(|p| p.end)
        };
        if self.tails.get(&i).is_some_and(|t| !t.is_empty()) {
            return first_part(&mut self.tails, i);
        }
        let j = self.live_from(i + 1);
        let end = match self.heads.get_mut(j) {
            None => return None,
            Some(head @ Some(_)) => head.take_if(|s| s.doc == doc)?.end,
            Some(None) => first_part(&mut self.tails, j)?,
        };
        self.settle(j);
        Some(end)
    }

    fn into_statements(self) -> Vec<crate::model::Statement> {
        let Edits { heads, mut tails, .. } = self;
        let mut out = Vec::with_capacity(heads.len() + tails.values().map(Vec::len).sum::<usize>());
        for (i, head) in heads.into_iter().enumerate() {
            out.extend(head);
            if let Some(parts) = tails.remove(&i) {
                out.extend(parts.into_iter().rev());
            }
        }
        out
    }
}

/// Which quote selector of the metadata.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
enum SelectorAt {
    Override(usize),
    Tag(usize),
    /// Position, quote.
    Position(usize, usize),
}

/// Finds the statements quote selectors point at: documents by id through a map, all
/// the selectors of a document in one pass over its text ([`crate::selectors`]), and
/// the statement around a match by binary search, so many selectors stay linear.
struct Quotes<'a> {
    statements: &'a [crate::model::Statement],
    /// Document id -> index in `documents`.
    by_id: HashMap<&'a str, usize>,
    /// Ids of documents that are defined but were not loaded (a missing file...):
    /// their quotes are not checked, the document's own problem says why.
    not_loaded: HashSet<&'a str>,
    /// Where each selector matched in its document.
    found: HashMap<SelectorAt, SelectorMatch>,
    mf: &'a str,
    lines: &'a MetaLines,
}

impl<'a> Quotes<'a> {
    /// Ready to resolve `selectors` (each matched here, once).
    fn new<'s>(
        meta: &'a CorpusMeta,
        documents: &'a [Document],
        statements: &'a [crate::model::Statement],
        mf: &'a str,
        lines: &'a MetaLines,
        selectors: impl Iterator<Item = (SelectorAt, &'s QuoteSelector)>,
    ) -> Self {
        let by_id: HashMap<&str, usize> = documents.iter().enumerate().map(|(i, d)| (d.meta.id.as_str(), i)).collect();
        let not_loaded = meta.documents.iter().map(|d| d.id.as_str()).filter(|id| !by_id.contains_key(id)).collect();
        let mut per_doc: HashMap<usize, Vec<(SelectorAt, &QuoteSelector)>> = HashMap::new();
        for (at, sel) in selectors {
            if let Some(&di) = by_id.get(sel.document.as_str()) {
                per_doc.entry(di).or_default().push((at, sel));
            }
        }
        let mut found = HashMap::new();
        for (di, sels) in per_doc {
            let refs: Vec<&QuoteSelector> = sels.iter().map(|s| s.1).collect();
            found.extend(sels.iter().map(|s| s.0).zip(crate::selectors::find_all(&documents[di].text, &refs)));
        }
        Self { statements, by_id, not_loaded, found, mf, lines }
    }

    /// The statement that contains the words `sel` (at metadata path `path`) points at.
    fn resolve(&self, at: SelectorAt, sel: &QuoteSelector, whose: &str, path: &dyn Fn() -> String, problems: &mut Vec<Problem>) -> Option<usize> {
        let Some(&di) = self.by_id.get(sel.document.as_str()) else {
            if !self.not_loaded.contains(sel.document.as_str()) {
                problems.push(Problem::new(
                    ProblemKind::UnknownDocument,
                    self.mf,
                    self.lines.line(&format!("{}.document", path())),
                    format!("{whose} quotes document '{}', which is not defined", sel.document),
                    "correct the `document` id",
                ));
            }
            return None;
        };
        let exact_path = || format!("{}.exact", path());
        match self.found.get(&at).copied().unwrap_or(SelectorMatch::NotFound) {
            SelectorMatch::Found(a, b) => {
                // Statements are in document order, and by start within a document.
                let after = self.statements.partition_point(|s| (s.doc, s.start) <= (di, a));
                let hit = after.checked_sub(1).filter(|&i| self.statements[i].doc == di && b <= self.statements[i].end);
                if hit.is_none() {
                    problems.push(Problem::new(
                        ProblemKind::QuoteSpansStatements,
                        self.mf,
                        self.lines.line(&exact_path()),
                        format!("{whose}: the quote \"{}\" spans more than one statement", short(&sel.exact)),
                        "quote words from inside a single statement",
                    ));
                }
                hit
            }
            other => {
                problems.push(selector_problem(self.mf, self.lines, &exact_path(), whose, "quote", &sel.exact, other));
                None
            }
        }
    }
}

/// Characters of a quote shown in a problem.
const QUOTE_CHARS: usize = 60;

fn short(s: &str) -> String {
    crate::text::head_chars(s, QUOTE_CHARS)
}

fn selector_problem(mf: &str, lines: &MetaLines, path: &str, whose: &str, what: &str, exact: &str, m: SelectorMatch) -> Problem {
    let line = lines.line(path);
    match m {
        SelectorMatch::Ambiguous(n) => Problem::new(
            ProblemKind::QuoteAmbiguous,
            mf,
            line,
            format!("{whose}: the {what} \"{}\" occurs {n} times", short(exact)),
            "make it unique by quoting more words or adding `prefix`/`suffix`",
        ),
        _ => Problem::new(ProblemKind::QuoteNotFound, mf, line, format!("{whose}: the {what} \"{}\" is not in the document", short(exact)), "copy the words exactly from the text (quotes and dashes included)"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// [`Edits`] does what `Vec::remove` / `insert` on the flat list did, for random
    /// edits in the order `apply_overrides` makes them (slots from the last back, only
    /// present statements edited, joins only within a document).
    #[test]
    fn edits_agree_with_editing_the_list() {
        use crate::model::{Attribution, Statement, StatementKind};
        let mut seed = 0x9e37_79b9_7f4a_7c15u64;
        let mut rand = |n: usize| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            (seed % n as u64) as usize
        };
        let statement = |n: usize, doc: usize| Statement { id: format!("s{n}"), doc, kind: StatementKind::Narration, speaker: None, attribution: Attribution::Voice, start: n * 10, end: n * 10 + 5, topics: Vec::new(), references: Vec::new() };
        for round in 0..400 {
            let len = 1 + rand(12);
            let docs = 1 + rand(3);
            let list: Vec<Statement> = (0..len).map(|n| statement(n, n * docs / len)).collect();
            let mut flat = list.clone();
            let mut edits = Edits::new(list);
            let mut made = 100 * (round + 1);
            let mut si = len;
            while si > 0 {
                si -= 1;
                if rand(3) == 0 {
                    continue;
                }
                for _ in 0..1 + rand(4) {
                    assert_eq!(edits.at(si), flat.get(si), "round {round}: slot {si}");
                    match rand(4) {
                        0 => {
                            flat.remove(si);
                            edits.remove(si);
                            break;
                        }
                        1 => {
                            made += 1;
                            let mut part = statement(made, flat[si].doc);
                            part.id = format!("part{made}");
                            flat.insert(si + 1, part.clone());
                            edits.insert_after(si, part);
                        }
                        2 => {
                            let doc = flat[si].doc;
                            let want = flat.get(si + 1).filter(|next| next.doc == doc).map(|next| next.end);
                            if want.is_some() {
                                flat.remove(si + 1);
                            }
                            assert_eq!(edits.take_next(si, doc), want, "round {round}: join at {si}");
                            if let (Some(end), Some(s)) = (want, edits.at_mut(si)) {
                                s.end = end;
                                flat[si].end = end;
                            }
                        }
                        _ => {
                            if let Some(s) = edits.at_mut(si) {
                                s.speaker = Some(format!("a{round}"));
                            }
                            flat[si].speaker = Some(format!("a{round}"));
                        }
                    }
                }
            }
            assert_eq!(edits.into_statements(), flat, "round {round}");
        }
    }

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
        assert_eq!(err.0[0].kind, ProblemKind::NotPacked);
        assert_eq!(err.0[0].file, "x.json");
        assert_eq!(err.0[0].line, Some(2));
        assert!(PackedCorpus::parse("x.json", "not json").is_err());
    }
}
