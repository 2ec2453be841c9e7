//! `stance`: the command-line tool for corpus authors.
//!
//! ```text
//! stance check  [DIR]                       validate a corpus (the shipped one by default)
//! stance export [DIR] [--format json|csv] [--review]
//!                                           all statements (or, with --review, those whose
//!                                           speaker is a guess), to standard output
//! stance pack   [DIR]                       the corpus as one JSON file, to standard output
//! stance search [DIR] QUERY [--json]        ranked statements for a query
//! stance synth  FACTOR [DIR] [--seed N]     a synthetic corpus FACTOR times DIR, packed
//! stance synth  --shape ID [--mib N]         an adversarial shape, N MiB of text, packed
//! stance synth  --list-shapes                the shapes' ids (`stance_core::synth::shapes`)
//! stance completions bash|zsh|fish|...      a shell completion script
//! stance help [COMMAND]                     usage (also `--help` on any command)
//! ```
//!
//! Arguments are parsed by clap ([`Cli`]). Exit codes: 0 done, 1 the corpus has
//! problems, 2 bad arguments. Everything printed that may hold corpus text goes
//! through [`term`], which escapes control and bidirectional characters.

use clap::{CommandFactory, Parser, Subcommand, ValueEnum};
use stance_core::corpus::{self, PackedCorpus};
use stance_core::{export, Corpus, CorpusErrors};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

mod search_cmd;
mod term;

/// Largest FACTOR of `stance synth`.
const MAX_SYNTH_FACTOR: u64 = 10_000;
/// Default seed of `stance synth`, so the same command gives the same corpus.
const DEFAULT_SEED: u64 = 42;

/// Check, export, pack and search a Stance corpus: a folder holding stance.toml and
/// the texts it describes (see docs/corpus-format.md).
#[derive(Debug, Parser)]
#[command(name = "stance", version, arg_required_else_help = true)]
#[command(after_help = "DIR is a corpus folder holding stance.toml; it defaults to $STANCE_CORPUS, else the shipped corpus.\nExit codes: 0 done, 1 the corpus has problems, 2 bad arguments.")]
pub struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Validate a corpus: print its counts, or every problem and exit 1
    ///
    /// Each problem prints as `FILE:LINE: what is wrong (fix: what to do)`.
    Check {
        /// Corpus folder
        dir: Option<PathBuf>,
    },
    /// Print all statements, with ids, speakers, dates and citations
    Export {
        /// Corpus folder
        dir: Option<PathBuf>,
        /// Output format
        #[arg(long, value_enum, default_value_t = ExportFormat::Json)]
        format: ExportFormat,
        /// Only the statements whose speaker came from a guess (a pronoun, the nearest
        /// name, the document's default speaker): the ones to read first when reviewing
        #[arg(long)]
        review: bool,
    },
    /// Print the corpus as one JSON file, which the app loads ("Load corpus…")
    Pack {
        /// Corpus folder
        dir: Option<PathBuf>,
    },
    /// Search a corpus as the app does: ranked statements with snippets
    #[command(override_usage = "stance search [DIR] QUERY [--json]")]
    Search {
        /// [DIR] QUERY: an optional corpus folder, then the query (quote it:
        /// 'cyber "rules of the road" speaker:krutskikh')
        #[arg(required = true, num_args = 1..=2, value_name = "DIR QUERY")]
        args: Vec<String>,
        /// Print the results as one JSON object
        #[arg(long)]
        json: bool,
    },
    /// Print a synthetic corpus FACTOR times the size of DIR, or a hostile shape of text, packed (for benchmarks)
    ///
    /// `--shape ID` prints instead a corpus of about `--mib` MiB of text of one
    /// adversarial shape (repeated quotes, one huge word, many tiny documents...); some
    /// shapes are meant not to build (their problems are what is measured).
    /// `--list-shapes` prints each shape as `ID<tab>builds|fails<tab>description`.
    Synth {
        /// How many times the corpus, 1 to 10000
        #[arg(value_parser = clap::value_parser!(u64).range(1..=MAX_SYNTH_FACTOR), required_unless_present_any = ["shape", "list_shapes"], conflicts_with_all = ["shape", "list_shapes"])]
        factor: Option<u64>,
        /// Corpus folder to scale
        #[arg(conflicts_with_all = ["shape", "list_shapes"])]
        dir: Option<PathBuf>,
        /// Seed of the generator: the same seed gives the same corpus
        #[arg(long, default_value_t = DEFAULT_SEED)]
        seed: u64,
        /// An adversarial shape of text, by id (see --list-shapes)
        #[arg(long, value_name = "ID", conflicts_with = "list_shapes")]
        shape: Option<String>,
        /// MiB of text of the shape (up to 64; a document may have 8)
        #[arg(long, value_name = "N", default_value = "1", value_parser = parse_mib, requires = "shape")]
        mib: f64,
        /// List the shapes' ids
        #[arg(long)]
        list_shapes: bool,
    },
    /// Print a shell completion script
    ///
    /// For example: `stance completions bash > ~/.local/share/bash-completion/completions/stance`,
    /// `stance completions zsh > ~/.zfunc/_stance`, `stance completions fish > ~/.config/fish/completions/stance.fish`.
    Completions {
        /// The shell
        shell: clap_complete::Shell,
    },
}

#[derive(Clone, Copy, Debug, ValueEnum)]
enum ExportFormat {
    Json,
    Csv,
}

/// The shipped corpus folder: $STANCE_CORPUS, else `corpus/` of this repository.
fn default_dir() -> PathBuf {
    std::env::var_os("STANCE_CORPUS")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../corpus"))
}

fn load(dir: &Path) -> Result<Corpus, CorpusErrors> {
    corpus::load_dir(dir).and_then(corpus::build)
}

/// Prints every problem of a corpus to standard error.
fn report(dir: &Path, errors: &CorpusErrors) {
    term::eprintln(&format!("{}: {} problem(s) in the corpus:", dir.display(), errors.0.len()));
    for p in &errors.0 {
        term::eprintln(&format!("  {p}"));
    }
}

/// Prints a packed corpus as JSON, or the problems that kept it from being made.
fn print_packed(dir: &Path, packed: Result<PackedCorpus, CorpusErrors>) -> ExitCode {
    match packed {
        Ok(p) => {
            term::print_data(&(p.to_json() + "\n"));
            ExitCode::SUCCESS
        }
        Err(e) => {
            report(dir, &e);
            ExitCode::FAILURE
        }
    }
}

fn check(dir: &Path) -> ExitCode {
    match load(dir) {
        Ok(c) => {
            term::println(&format!(
                "{}: ok — {} documents, {} statements, {} actors, {} topics, {} events, {} positions",
                dir.display(),
                c.documents.len(),
                c.statements.len(),
                c.meta.actors.len(),
                c.meta.topics.len(),
                c.meta.events.len(),
                c.positions.len()
            ));
            ExitCode::SUCCESS
        }
        Err(e) => {
            report(dir, &e);
            ExitCode::FAILURE
        }
    }
}

fn export(dir: &Path, format: ExportFormat, review: bool) -> ExitCode {
    let corpus = match load(dir) {
        Ok(c) => c,
        Err(e) => {
            report(dir, &e);
            return ExitCode::FAILURE;
        }
    };
    let statements = if review { corpus.review_list() } else { corpus.statements.iter().collect() };
    match format {
        ExportFormat::Json => term::print_data(&(export::to_json(&corpus, statements) + "\n")),
        ExportFormat::Csv => term::print_data(&export::to_csv(&corpus, statements)),
    }
    ExitCode::SUCCESS
}

/// `--mib`: a size in MiB, more than 0 and at most the largest packed corpus.
fn parse_mib(s: &str) -> Result<f64, String> {
    let limit = (corpus::MAX_PACKED_BYTES >> 20) as f64;
    match s.parse::<f64>() {
        Ok(x) if x > 0.0 && x <= limit => Ok(x),
        _ => Err(format!("a number of MiB, more than 0 and at most {limit}")),
    }
}

/// `stance synth --shape ID --mib N`: one adversarial shape, packed.
fn synth_shape(id: &str, mib: f64) -> ExitCode {
    use stance_core::synth::shapes::{self, SHAPES};
    let Some(shape) = shapes::find(id) else {
        let ids: Vec<&str> = SHAPES.iter().map(|s| s.id).collect();
        term::eprintln(&format!("error: no shape `{id}`; the shapes are: {}", ids.join(", ")));
        return ExitCode::from(2);
    };
    let bytes = (mib * (1u64 << 20) as f64) as usize;
    print_packed(Path::new(shape.id), shape.source(bytes).and_then(|src| PackedCorpus::from_source(&src)))
}

/// `stance synth --list-shapes`.
fn list_shapes() -> ExitCode {
    let lines: String = stance_core::synth::shapes::SHAPES.iter().map(|s| format!("{}\t{}\t{}\n", s.id, if s.fails { "fails" } else { "builds" }, s.name)).collect();
    term::print_data(&lines);
    ExitCode::SUCCESS
}

fn synth(factor: u64, dir: &Path, seed: u64) -> ExitCode {
    let factor = usize::try_from(factor).unwrap_or(1);
    print_packed(dir, load(dir).and_then(|base| PackedCorpus::from_source(&stance_core::synth::scale_source(&base, factor, seed))))
}

fn main() -> ExitCode {
    // clap prints usage for `--help`/`help` (exit 0) and for bad arguments (exit 2).
    let cli = Cli::parse();
    let dir_or_default = |d: Option<PathBuf>| d.unwrap_or_else(default_dir);
    match cli.command {
        Command::Check { dir } => check(&dir_or_default(dir)),
        Command::Export { dir, format, review } => export(&dir_or_default(dir), format, review),
        Command::Pack { dir } => {
            let dir = dir_or_default(dir);
            print_packed(&dir, corpus::pack_dir(&dir))
        }
        Command::Search { mut args, json } => {
            let query = args.pop().unwrap_or_default();
            let dir = args.pop().map(PathBuf::from).unwrap_or_else(default_dir);
            search_cmd::run(&dir, &query, json, load)
        }
        Command::Synth { list_shapes: true, .. } => self::list_shapes(),
        Command::Synth { shape: Some(id), mib, .. } => synth_shape(&id, mib),
        Command::Synth { factor, dir, seed, .. } => synth(factor.unwrap_or(1), &dir_or_default(dir), seed),
        Command::Completions { shell } => {
            let mut out = Vec::new();
            clap_complete::generate(shell, &mut Cli::command(), "stance", &mut out);
            term::print_data(&String::from_utf8_lossy(&out));
            ExitCode::SUCCESS
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_command_line_definition_is_consistent() {
        Cli::command().debug_assert();
    }
}
