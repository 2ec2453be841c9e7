//! Prints the TimelineJS export of a corpus folder (every statement and context event),
//! as the app's "TimelineJS" download writes it:
//!
//! ```text
//! cargo run -q -p stance-core --example timelinejs_export -- corpus/ > timeline.json
//! ```
//!
//! `fuzz/seed.py` seeds the `timelinejs` fuzz target with the exports of the shipped and
//! fixture corpora this way.

use stance_core::corpus;
use stance_core::interchange::timelinejs;
use std::process::ExitCode;

fn main() -> ExitCode {
    let Some(dir) = std::env::args().nth(1) else {
        eprintln!("usage: timelinejs_export CORPUS_DIR");
        return ExitCode::from(2);
    };
    let built = corpus::load_dir(std::path::Path::new(&dir)).map_err(|e| e.to_string()).and_then(|s| corpus::build(s).map_err(|e| e.to_string()));
    match built {
        Ok(c) => {
            println!("{}", timelinejs::export(&c, &c.statements).json);
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("{dir}: {e}");
            ExitCode::FAILURE
        }
    }
}
