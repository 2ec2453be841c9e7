//! Broken corpora: each mistake must give a [`Problem`] of the right [`ProblemKind`]
//! that names the file, the line of the offending key, and what to do.
//!
//! The expected line of each case is marked in the metadata with a `# <-` comment,
//! which the checker never sees (TOML comments carry no value), and the words the
//! checker reports also occur on earlier lines, so a line found by searching the text
//! for the words would be wrong. Folder reading (symlinks, devices, FIFOs, sizes) is
//! tested on real temporary folders at the end.

mod common;

use stance_core::corpus::{self, PackedCorpus, MAX_DOCUMENT_BYTES};
use stance_core::{Problem, ProblemKind};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

/// The expected line: the one that ends with this comment.
const HERE: &str = "# <-";

const GOOD: &str = r#"format = 1
title = "Bad corpus tests: anna, bob, rules, We want rules, Rules again"
description = "doc.txt said Anna. Rules"

[[actors]]
id = "anna"
name = "Anna"
kind = "person"

[[topics]]
id = "rules"
label = "Rules"
keywords = ["rules"]

[[documents]]
id = "doc"
file = "doc.txt"
title = "A document"
speakers = ["anna"]
date = { best = "2020-01-02", certainty = "exact" }

[[positions]]
id = "anna-rules"
actor = "anna"
topic = "rules"
stance = "for rules"
quotes = [
  { document = "doc", exact = "We want rules" },
]
"#;

const TEXT: &[u8] = "“We want rules, and we want them now,” said Anna. Rules again. Rules again.".as_bytes();

fn problems(meta: &str, files: &[(&str, &[u8])]) -> Vec<Problem> {
    match corpus::build(common::source(meta, files)) {
        Ok(_) => panic!("the corpus should not build:\n{meta}"),
        Err(e) => e.0,
    }
}

/// `GOOD` with `from` replaced by `to` (which should end with [`HERE`]).
fn edit(from: &str, to: &str) -> String {
    assert!(GOOD.contains(from), "{from:?} is not in GOOD");
    GOOD.replacen(from, to, 1)
}

/// Line of the `# <-` mark.
fn marked(meta: &str) -> usize {
    let lines: Vec<usize> = meta.lines().enumerate().filter(|(_, l)| l.trim_end().ends_with(HERE)).map(|(i, _)| i + 1).collect();
    assert_eq!(lines.len(), 1, "exactly one marked line");
    lines[0]
}

/// The single problem of `kind`, checked for file, line and fix.
fn expect<'a>(problems: &'a [Problem], kind: ProblemKind, file: &str, line: Option<usize>) -> &'a Problem {
    let of_kind: Vec<&Problem> = problems.iter().filter(|p| p.kind == kind).collect();
    assert_eq!(of_kind.len(), 1, "expected one {kind:?} in {problems:#?}");
    let p = of_kind[0];
    assert_eq!(p.file, file, "{p}");
    assert_eq!(p.line, line, "{p}");
    assert!(!p.fix.is_empty(), "{p} has no fix");
    let place = match line {
        Some(l) => format!("{file}:{l}: "),
        None => format!("{file}: "),
    };
    assert!(p.to_string().starts_with(&place), "{p}");
    p
}

fn kinds(problems: &[Problem]) -> Vec<ProblemKind> {
    problems.iter().map(|p| p.kind).collect()
}

#[test]
fn the_good_corpus_builds() {
    let c = corpus::build(common::source(GOOD, &[("doc.txt", TEXT)])).expect("builds");
    assert_eq!(c.positions.len(), 1);
}

#[test]
fn unknown_actor_at_its_own_line() {
    let meta = edit("speakers = [\"anna\"]", "speakers = [\n  \"anna\",\n  \"bob\", # <-\n]");
    let ps = problems(&meta, &[("doc.txt", TEXT)]);
    assert_eq!(kinds(&ps), [ProblemKind::UnknownActor]);
    expect(&ps, ProblemKind::UnknownActor, "stance.toml", Some(marked(&meta)));
}

#[test]
fn unknown_topic() {
    let meta = edit("topic = \"rules\"", "topic = \"rulez\" # <-");
    let ps = problems(&meta, &[("doc.txt", TEXT)]);
    expect(&ps, ProblemKind::UnknownTopic, "stance.toml", Some(marked(&meta)));
}

#[test]
fn missing_document_file_and_no_knock_on_for_its_quotes() {
    let meta = edit("file = \"doc.txt\"", "file = \"doc.txt\" # <-");
    let ps = problems(&meta, &[]);
    assert_eq!(kinds(&ps), [ProblemKind::MissingFile], "the position quoting the document is not reported: {ps:#?}");
    expect(&ps, ProblemKind::MissingFile, "stance.toml", Some(marked(&meta)));
}

#[test]
fn quote_matching_nothing() {
    let meta = edit("exact = \"We want rules\" },", "exact = \"We need rules\" }, # <-");
    let ps = problems(&meta, &[("doc.txt", TEXT)]);
    expect(&ps, ProblemKind::QuoteNotFound, "stance.toml", Some(marked(&meta)));
}

#[test]
fn quote_matching_twice_at_that_quotes_line() {
    let meta = edit("  { document = \"doc\", exact = \"We want rules\" },", "  { document = \"doc\", exact = \"We want rules\" },\n  { document = \"doc\", exact = \"Rules again\" }, # <-");
    let ps = problems(&meta, &[("doc.txt", TEXT)]);
    let p = expect(&ps, ProblemKind::QuoteAmbiguous, "stance.toml", Some(marked(&meta)));
    assert!(p.message.contains("2 times"), "{p}");
}

#[test]
fn quote_across_statements() {
    let meta = edit("exact = \"We want rules\" },", "exact = \"said Anna. Rules\" }, # <-");
    let ps = problems(&meta, &[("doc.txt", TEXT)]);
    expect(&ps, ProblemKind::QuoteSpansStatements, "stance.toml", Some(marked(&meta)));
}

#[test]
fn quote_naming_an_undefined_document() {
    let meta = edit("{ document = \"doc\", exact", "{ document = \"dog\", exact");
    let meta = meta.replacen("exact = \"We want rules\" },", "exact = \"We want rules\" }, # <-", 1);
    let ps = problems(&meta, &[("doc.txt", TEXT)]);
    expect(&ps, ProblemKind::UnknownDocument, "stance.toml", Some(marked(&meta)));
}

#[test]
fn not_utf8() {
    let mut bytes = b"line one\nline two \xff\xfe\n".to_vec();
    bytes.extend_from_slice(TEXT);
    let ps = problems(GOOD, &[("doc.txt", &bytes)]);
    expect(&ps, ProblemKind::NotUtf8, "doc.txt", Some(2));
}

#[test]
fn file_too_large() {
    let big = vec![b'a'; MAX_DOCUMENT_BYTES + 1];
    let ps = problems(GOOD, &[("doc.txt", &big)]);
    expect(&ps, ProblemKind::FileTooLarge, "doc.txt", None);
}

#[test]
fn incoherent_date_at_its_date_line() {
    let meta = edit("date = { best = \"2020-01-02\", certainty = \"exact\" }", "date = { certainty = \"approximate\" } # <-");
    let ps = problems(&meta, &[("doc.txt", TEXT)]);
    expect(&ps, ProblemKind::BadDate, "stance.toml", Some(marked(&meta)));
}

#[test]
fn an_exact_date_with_a_range_at_its_date_line_in_a_sub_table() {
    let meta = edit(
        "date = { best = \"2020-01-02\", certainty = \"exact\" }\n",
        "\n[documents.date] # <-\nbest = \"2020-01-02\"\nearliest = \"2020-01-01\"\ncertainty = \"exact\"\n",
    );
    let ps = problems(&meta, &[("doc.txt", TEXT)]);
    let p = expect(&ps, ProblemKind::BadDate, "stance.toml", Some(marked(&meta)));
    assert!(p.message.contains("exact date has no range"), "{p}");
}

#[test]
fn bad_ids_and_polarity_each_at_their_line() {
    let meta = edit("id = \"anna-rules\"", "id = \"Anna Rules\" # <-");
    let ps = problems(&meta, &[("doc.txt", TEXT)]);
    expect(&ps, ProblemKind::InvalidId, "stance.toml", Some(marked(&meta)));
    let meta = edit("stance = \"for rules\"", "stance = \"for rules\"\npolarity = 5 # <-");
    let ps = problems(&meta, &[("doc.txt", TEXT)]);
    expect(&ps, ProblemKind::PolarityOutOfRange, "stance.toml", Some(marked(&meta)));
}

#[test]
fn a_malformed_actor_id_is_reported_once_not_at_every_use() {
    let meta = GOOD.replace("\"anna\"", "\"Anna!\"").replacen("id = \"Anna!\"", "id = \"Anna!\" # <-", 1);
    let ps = problems(&meta, &[("doc.txt", TEXT)]);
    assert_eq!(kinds(&ps), [ProblemKind::InvalidId], "{ps:#?}");
    expect(&ps, ProblemKind::InvalidId, "stance.toml", Some(marked(&meta)));
}

#[test]
fn a_duplicate_id_at_the_second_one() {
    let meta = GOOD.replace("[[topics]]", "[[actors]]\nid = \"anna\" # <-\nname = \"Anna again\"\n\n[[topics]]");
    let ps = problems(&meta, &[("doc.txt", TEXT)]);
    expect(&ps, ProblemKind::DuplicateId, "stance.toml", Some(marked(&meta)));
}

#[test]
fn turns_whose_markers_occur_nowhere() {
    let turns = "speakers = [\"anna\"]\nturns = { question = \"anna\", answer = \"anna\" } # <-";
    let meta = edit("speakers = [\"anna\"]", turns);
    let ps = problems(&meta, &[("doc.txt", TEXT)]);
    assert_eq!(kinds(&ps), [ProblemKind::TurnMarkerMissing, ProblemKind::TurnMarkerMissing], "{ps:#?}");
    assert!(ps.iter().all(|p| p.line == Some(marked(&meta))), "{ps:#?}");
    assert!(ps[0].message.contains("\"Question:\"") && ps[1].message.contains("\"Answer:\""), "{ps:#?}");
    // Both markers opening a line: it builds.
    let qa = "Question: Do you want rules?\n  Answer: “We want rules,” said Anna.\n";
    let meta = edit("speakers = [\"anna\"]", "speakers = [\"anna\"]\nturns = { question = \"anna\", answer = \"anna\" }");
    corpus::build(common::source(&meta, &[("doc.txt", qa.as_bytes())])).expect("a Q&A with its markers builds");
    // Only one of them: the other is reported at its own key.
    let meta = GOOD.replace("\n[[positions]]", "\n[documents.turns]\nquestion = \"anna\"\nanswer = \"anna\"\nanswer_marker = \"A:\" # <-\n\n[[positions]]");
    let ps = problems(&meta, &[("doc.txt", qa.as_bytes())]);
    let p = expect(&ps, ProblemKind::TurnMarkerMissing, "stance.toml", Some(marked(&meta)));
    assert!(p.message.contains("\"A:\""), "{p}");
}

/// The problem of a metadata text that does not parse.
fn parse_problem(meta: &str) -> Problem {
    let mut e = corpus::source_from_toml("stance.toml", meta, Default::default()).expect_err("refused").0;
    assert_eq!(e.len(), 1, "{e:#?}");
    e.remove(0)
}

#[test]
fn a_date_in_words_says_the_format_and_the_date_meant() {
    let meta = edit("date = { best = \"2020-01-02\", certainty = \"exact\" }", "date = { best = \"June 2022\", certainty = \"approximate\" } # <-");
    let p = parse_problem(&meta);
    assert_eq!((p.kind, p.line), (ProblemKind::BadMetadata, Some(marked(&meta))), "{p}");
    assert!(p.message.contains("'June 2022' is not a date") && p.message.contains("\"2022-06\""), "{p}");
    assert!(!p.message.contains("four digits"), "{p}");
}

#[test]
fn an_unquoted_date_says_to_quote_it() {
    let meta = edit("date = { best = \"2020-01-02\", certainty = \"exact\" }", "date = { best = 2020-01-02, certainty = \"exact\" } # <-");
    let p = parse_problem(&meta);
    assert_eq!((p.kind, p.line), (ProblemKind::BadMetadata, Some(marked(&meta))), "{p}");
    assert!(p.fix.contains("quoted"), "{p}");
}

#[test]
fn a_toml_syntax_error_says_what_was_expected_where() {
    let meta = edit("name = \"Anna\"", "name = \"Anna # <-");
    let p = parse_problem(&meta);
    assert_eq!((p.kind, p.line), (ProblemKind::TomlSyntax, Some(marked(&meta))), "{p}");
    assert!(p.message.contains(&format!("line {}, column", marked(&meta))), "{p}");
    assert!(p.message.contains("expected"), "{p}");
    let meta = edit("kind = \"person\"", "kind \"person\" # <-");
    let p = parse_problem(&meta);
    assert_eq!((p.kind, p.line), (ProblemKind::TomlSyntax, Some(marked(&meta))), "{p}");
    assert!(p.message.contains("expected"), "{p}");
}

#[test]
fn an_unknown_key_is_named() {
    let meta = edit("kind = \"person\"", "knid = \"person\" # <-");
    let p = parse_problem(&meta);
    assert_eq!((p.kind, p.line), (ProblemKind::BadMetadata, Some(marked(&meta))), "{p}");
    assert!(p.message.contains("knid"), "{p}");
}

#[test]
fn a_date_that_is_not_a_date_in_a_packed_corpus() {
    let meta = common::source(GOOD, &[]).meta;
    let packed = PackedCorpus { kind: corpus::PACKED_MAGIC.into(), version: 1, meta, texts: Default::default() };
    let json = serde_json::to_string_pretty(&packed).expect("json").replace("\"2020-01-02\"", "\"2020-13-45\"");
    let line = json.lines().position(|l| l.contains("2020-13-45")).map(|i| i + 1);
    let err = PackedCorpus::parse("corpus.json", &json).expect_err("bad date refused");
    let p = &err.0[0];
    assert_eq!((p.kind, p.file.as_str()), (ProblemKind::NotPacked, "corpus.json"));
    assert!(p.message.contains("2020-13-45"), "{p}");
    assert!(p.line.is_some() && p.line >= line.map(|l| l - 1), "{p}");
}

#[test]
fn the_json_of_stance_export_points_to_stance_pack() {
    let c = corpus::build(common::source(GOOD, &[("doc.txt", TEXT)])).expect("builds");
    let exported = stance_core::export::to_json(&c, &c.statements);
    let p = &PackedCorpus::parse("statements.json", &exported).expect_err("not a corpus").0[0];
    assert_eq!(p.kind, ProblemKind::NotPacked);
    assert!(p.fix.contains("stance pack") && !p.fix.contains("export"), "{p}");
    assert!(p.message.contains("stance export"), "{p}");
}

#[test]
fn all_problems_are_reported_at_once() {
    let meta = GOOD.replace("speakers = [\"anna\"]", "speakers = [\"bob\"]").replace("topic = \"rules\"", "topic = \"rulez\"");
    let ps = problems(&meta, &[]);
    assert_eq!(kinds(&ps), [ProblemKind::UnknownActor, ProblemKind::MissingFile, ProblemKind::UnknownTopic], "{ps:#?}");
}

/// Metadata with `n` positions, each naming an undefined actor and quoting words
/// that are not in the text: two problems each.
fn many_problems(n: usize) -> String {
    let mut meta = GOOD.to_string();
    for i in 0..n {
        meta.push_str(&format!(
            "\n[[positions]]\nid = \"p{i}\"\nactor = \"nobody-{i}\"\ntopic = \"rules\"\nstance = \"s\"\nquotes = [{{ document = \"doc\", exact = \"words {i} nowhere\" }}]\n"
        ));
    }
    meta
}

/// Fastest build of each of `metas` over three rounds, the sizes interleaved so that a
/// busy machine slows them alike. All sources are parsed before any clock starts.
fn time_builds(metas: &[(&str, usize)]) -> Vec<Duration> {
    const ROUNDS: usize = 3;
    let mut sources: Vec<_> = (0..ROUNDS).flat_map(|_| metas.iter().map(|(m, _)| Some(common::source(m, &[("doc.txt", TEXT)])))).collect();
    let mut best = vec![Duration::MAX; metas.len()];
    for (k, source) in sources.iter_mut().enumerate() {
        let i = k % metas.len();
        let source = source.take().expect("each source is built once");
        let t = Instant::now();
        let n = corpus::build(source).map(|_| 0).unwrap_or_else(|e| e.0.len());
        best[i] = best[i].min(t.elapsed());
        assert_eq!(n, metas[i].1);
    }
    best
}

#[test]
fn twenty_thousand_problems_are_reported_in_linear_time() {
    // An eighth of the problems against all of them: linear work gives a ratio of 8,
    // quadratic 64. The wide gap keeps the test right on a busy machine, where the
    // allocator, caches and other processes add to an unoptimised test build's times
    // (doubling gave 2.0 to 2.9 for linear work here, too close to quadratic's 4).
    let (small, large) = (many_problems(1_250), many_problems(10_000));
    let times = time_builds(&[(&small, 2_500), (&large, 20_000)]);
    let (a, b) = (times[0], times[1]);
    let ratio = b.as_secs_f64() / a.as_secs_f64().max(1e-6);
    eprintln!("2,500 problems: {a:?}; 20,000: {b:?}; ratio {ratio:.2}");
    // Quadratic reporting took 19 s for 20,000 problems before lines were looked up by path.
    assert!(ratio < 20.0, "8x the problems took {ratio:.2}x the time ({a:?} -> {b:?})");
    assert!(b < Duration::from_secs(5), "{b:?}");
    // And each points at its own position's line.
    let ps = corpus::build(common::source(&large, &[("doc.txt", TEXT)])).expect_err("problems").0;
    let last = ps.iter().rfind(|p| p.kind == ProblemKind::UnknownActor).expect("one");
    let expected = large.lines().position(|l| l == "actor = \"nobody-9999\"").map(|i| i + 1);
    assert_eq!(last.line, expected, "{last}");
}

// ---- Folder reading --------------------------------------------------------------

/// A fresh temporary corpus folder holding `GOOD` and `doc.txt`.
struct TempDir(PathBuf);

impl TempDir {
    fn new() -> Self {
        static N: AtomicUsize = AtomicUsize::new(0);
        let dir = std::env::temp_dir().join(format!("stance-bad-corpus-{}-{}", std::process::id(), N.fetch_add(1, Ordering::SeqCst)));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("temp dir");
        std::fs::write(dir.join("stance.toml"), GOOD).expect("write");
        std::fs::write(dir.join("doc.txt"), TEXT).expect("write");
        Self(dir)
    }

    fn path(&self) -> &Path {
        &self.0
    }

    /// Replaces `doc.txt` by `make(path)`.
    fn replace_doc(&self, make: impl FnOnce(&Path) -> std::io::Result<()>) {
        let p = self.0.join("doc.txt");
        std::fs::remove_file(&p).expect("rm");
        make(&p).expect("make the replacement");
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn load_problems(dir: &Path) -> Vec<Problem> {
    match corpus::load_dir(dir).and_then(corpus::build) {
        Ok(_) => panic!("{} should not load", dir.display()),
        Err(e) => e.0,
    }
}

#[test]
fn a_folder_loads_and_packs() {
    let d = TempDir::new();
    let packed = corpus::pack_dir(d.path()).expect("packs");
    assert_eq!(packed.texts["doc.txt"].as_bytes(), TEXT);
}

#[cfg(unix)]
#[test]
fn a_symlink_to_a_file_outside_the_folder_is_refused() {
    let d = TempDir::new();
    let outside = TempDir::new();
    let target = outside.path().join("secret.txt");
    std::fs::write(&target, "the secret words").expect("write");
    d.replace_doc(|p| std::os::unix::fs::symlink(&target, p));
    let ps = load_problems(d.path());
    let p = expect(&ps, ProblemKind::NotRegularFile, "doc.txt", None);
    assert!(p.message.contains("symbolic link"), "{p}");
    assert!(corpus::pack_dir(d.path()).is_err());
}

#[cfg(unix)]
#[test]
fn a_symlink_inside_the_folder_is_refused_too() {
    let d = TempDir::new();
    std::fs::write(d.path().join("real.txt"), TEXT).expect("write");
    d.replace_doc(|p| std::os::unix::fs::symlink("real.txt", p));
    expect(&load_problems(d.path()), ProblemKind::NotRegularFile, "doc.txt", None);
}

#[cfg(unix)]
#[test]
fn a_symlink_to_dev_zero_is_refused_without_reading() {
    let d = TempDir::new();
    d.replace_doc(|p| std::os::unix::fs::symlink("/dev/zero", p));
    let t = Instant::now();
    expect(&load_problems(d.path()), ProblemKind::NotRegularFile, "doc.txt", None);
    assert!(t.elapsed() < Duration::from_secs(5));
}

#[cfg(unix)]
#[test]
fn a_stance_toml_that_is_a_symlink_is_refused() {
    let d = TempDir::new();
    let outside = TempDir::new();
    std::fs::remove_file(d.path().join("stance.toml")).expect("rm");
    std::os::unix::fs::symlink(outside.path().join("stance.toml"), d.path().join("stance.toml")).expect("symlink");
    let e = corpus::load_dir(d.path()).expect_err("refused").0;
    assert_eq!(kinds(&e), [ProblemKind::NotRegularFile], "{e:#?}");
}

#[cfg(unix)]
#[test]
fn a_fifo_is_refused_without_hanging() {
    let d = TempDir::new();
    let fifo = d.path().join("doc.txt");
    std::fs::remove_file(&fifo).expect("rm");
    match std::process::Command::new("mkfifo").arg(&fifo).status() {
        Ok(s) if s.success() => {}
        other => {
            eprintln!("skipped: mkfifo is not available ({other:?})");
            return;
        }
    }
    let t = Instant::now();
    let p = expect(&load_problems(d.path()), ProblemKind::NotRegularFile, "doc.txt", None).clone();
    assert!(p.message.contains("FIFO"), "{p}");
    assert!(t.elapsed() < Duration::from_secs(5));
}

#[test]
fn a_folder_where_a_file_is_expected_is_refused() {
    let d = TempDir::new();
    d.replace_doc(|p| std::fs::create_dir(p));
    expect(&load_problems(d.path()), ProblemKind::NotRegularFile, "doc.txt", None);
}

#[test]
fn a_file_over_the_limit_is_refused_after_reading_at_most_the_limit() {
    let d = TempDir::new();
    // A sparse file: claims 64 MiB more than the limit, costs nothing on disk.
    d.replace_doc(|p| std::fs::File::create(p)?.set_len((MAX_DOCUMENT_BYTES as u64) << 3));
    expect(&load_problems(d.path()), ProblemKind::FileTooLarge, "doc.txt", None);
}

#[test]
fn a_missing_folder_or_metadata_file_says_so() {
    let e = corpus::load_dir(Path::new("/nonexistent/stance-corpus")).expect_err("refused").0;
    assert_eq!(kinds(&e), [ProblemKind::MetaUnreadable]);
}

#[test]
fn a_file_name_with_a_newline_is_refused_and_never_read() {
    // What build.rs checks before naming anything in a `cargo:` directive.
    assert_eq!(corpus::unsafe_name_char("doc.txt\ncargo:rustc-link-arg=-evil"), Some('\n'));
    assert_eq!(corpus::unsafe_name_char("a\u{202E}txt.exe"), Some('\u{202E}'));
    assert_eq!(corpus::unsafe_name_char("\u{1b}[31m.txt"), Some('\u{1b}'));
    assert_eq!(corpus::unsafe_name_char("ordinary-name_1 (copy).txt"), None);
    assert_eq!(corpus::unsafe_name_char("Крутских.txt"), None);
    let meta = GOOD.replace("file = \"doc.txt\"", "file = \"doc.txt\\ncargo:warning=x\" # <-");
    let d = TempDir::new();
    std::fs::write(d.path().join("stance.toml"), &meta).expect("write");
    let ps = load_problems(d.path());
    expect(&ps, ProblemKind::BadFileName, "stance.toml", Some(marked(&meta)));
}

