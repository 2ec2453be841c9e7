//! `stance`: the command-line tool for corpus authors.
//!
//! ```text
//! stance check  [DIR]                       validate a corpus (the shipped one by default)
//! stance export [DIR] [--format json|csv]   all statements, to standard output
//! stance pack   [DIR]                       the corpus as one JSON file, to standard output
//! stance search [DIR] QUERY [--json]        ranked statements for a query
//! stance synth  FACTOR [DIR] [--seed N]     a synthetic corpus FACTOR times DIR, packed
//! ```

use stance_core::corpus::{self, PackedCorpus};
use stance_core::{export, Corpus, CorpusErrors};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

mod search_cmd;

const USAGE: &str = "usage:
  stance check  [DIR]
  stance export [DIR] [--format json|csv]
  stance pack   [DIR]
  stance search [DIR] QUERY [--json]
  stance synth  FACTOR [DIR] [--seed N]

DIR is a corpus folder holding stance.toml (default: the shipped corpus).";

/// The shipped corpus folder: $STANCE_CORPUS, else `corpus/` of this repository.
fn default_dir() -> PathBuf {
    std::env::var_os("STANCE_CORPUS")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../corpus"))
}

fn load(dir: &Path) -> Result<Corpus, CorpusErrors> {
    corpus::load_dir(dir).and_then(corpus::build)
}

fn report(dir: &Path, errors: &CorpusErrors) {
    eprintln!("{}: {} problem(s) in the corpus:", dir.display(), errors.0.len());
    for p in &errors.0 {
        eprintln!("  {p}");
    }
}

/// Splits arguments into positionals and `--flag [value]` options.
struct Args {
    positional: Vec<String>,
    format: Option<String>,
    json: bool,
    seed: Option<String>,
}

fn parse_args(args: &[String]) -> Result<Args, String> {
    let mut out = Args { positional: Vec::new(), format: None, json: false, seed: None };
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "--format" => out.format = Some(it.next().ok_or("--format needs a value: json or csv")?.clone()),
            "--json" => out.json = true,
            "--seed" => out.seed = Some(it.next().ok_or("--seed needs a number")?.clone()),
            "-h" | "--help" => return Err(String::new()),
            s if s.starts_with("--format=") => out.format = Some(s["--format=".len()..].to_string()),
            s if s.starts_with("--") => return Err(format!("unknown option {s}")),
            _ => out.positional.push(a.clone()),
        }
    }
    Ok(out)
}

/// Default seed of `stance synth`, so the same command gives the same corpus.
const DEFAULT_SEED: u64 = 42;

/// `stance synth FACTOR [DIR] [--seed N]`: a deterministic synthetic corpus, packed.
fn synth(args: &Args) -> ExitCode {
    let Some(factor) = args.positional.first().and_then(|f| f.parse::<usize>().ok()).filter(|&f| (1..=10_000).contains(&f)) else {
        eprintln!("stance synth: FACTOR must be a whole number from 1 to 10000\n{USAGE}");
        return ExitCode::from(2);
    };
    let seed = match args.seed.as_deref().map(str::parse::<u64>) {
        None => DEFAULT_SEED,
        Some(Ok(s)) => s,
        Some(Err(_)) => {
            eprintln!("stance synth: --seed takes a whole number");
            return ExitCode::from(2);
        }
    };
    let dir = args.positional.get(1).map(PathBuf::from).unwrap_or_else(default_dir);
    print_packed(&dir, load(&dir).and_then(|base| PackedCorpus::from_source(&stance_core::synth::scale_source(&base, factor, seed))))
}

/// Prints a packed corpus as JSON, or the problems that kept it from being made.
fn print_packed(dir: &Path, packed: Result<PackedCorpus, CorpusErrors>) -> ExitCode {
    match packed {
        Ok(p) => {
            println!("{}", p.to_json());
            ExitCode::SUCCESS
        }
        Err(e) => {
            report(dir, &e);
            ExitCode::FAILURE
        }
    }
}

fn main() -> ExitCode {
    let argv: Vec<String> = std::env::args().skip(1).collect();
    let Some((cmd, rest)) = argv.split_first() else {
        eprintln!("{USAGE}");
        return ExitCode::from(2);
    };
    let args = match parse_args(rest) {
        Ok(a) => a,
        Err(msg) => {
            if !msg.is_empty() {
                eprintln!("stance: {msg}");
            }
            eprintln!("{USAGE}");
            return ExitCode::from(2);
        }
    };
    match cmd.as_str() {
        "check" => {
            let dir = args.positional.first().map(PathBuf::from).unwrap_or_else(default_dir);
            match load(&dir) {
                Ok(c) => {
                    println!(
                        "{}: ok — {} documents, {} statements, {} actors, {} topics, {} events, {} positions",
                        dir.display(),
                        c.documents.len(),
                        c.statements.len(),
                        c.meta.actors.len(),
                        c.meta.topics.len(),
                        c.meta.events.len(),
                        c.positions.len()
                    );
                    ExitCode::SUCCESS
                }
                Err(e) => {
                    report(&dir, &e);
                    ExitCode::FAILURE
                }
            }
        }
        "export" => {
            let dir = args.positional.first().map(PathBuf::from).unwrap_or_else(default_dir);
            let corpus = match load(&dir) {
                Ok(c) => c,
                Err(e) => {
                    report(&dir, &e);
                    return ExitCode::FAILURE;
                }
            };
            match args.format.as_deref().unwrap_or("json") {
                "json" => println!("{}", export::to_json(&corpus, &corpus.statements)),
                "csv" => print!("{}", export::to_csv(&corpus, &corpus.statements)),
                other => {
                    eprintln!("stance: unknown format '{other}': use json or csv");
                    return ExitCode::from(2);
                }
            }
            ExitCode::SUCCESS
        }
        "pack" => {
            let dir = args.positional.first().map(PathBuf::from).unwrap_or_else(default_dir);
            print_packed(&dir, corpus::pack_dir(&dir))
        }
        "search" => search_cmd::run(&args.positional, args.json, default_dir(), load),
        "synth" => synth(&args),
        _ => {
            eprintln!("stance: unknown command '{cmd}'\n{USAGE}");
            ExitCode::from(2)
        }
    }
}
