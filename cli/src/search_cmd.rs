//! `stance search` (to come with the search index).

use stance_core::{Corpus, CorpusErrors};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

pub fn run(_positional: &[String], _json: bool, _default_dir: PathBuf, _load: fn(&Path) -> Result<Corpus, CorpusErrors>) -> ExitCode {
    eprintln!("stance search: not built yet");
    ExitCode::FAILURE
}
