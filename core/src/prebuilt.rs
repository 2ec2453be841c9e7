//! A corpus built ahead of time, for the app's bundled corpus.
//!
//! build.rs builds the bundled corpus when the app is compiled ([`write`]) and stores it
//! as the [`Part`]s a load hands the page, as JSON, one part a line. At start-up the
//! page only puts them back together and indexes the statements ([`read`], with the
//! [`Assembler`] of any load): no metadata to parse, no text to cut into statements,
//! tag or resolve quotes in.
//!
//! [`write`] builds with the code of any load ([`crate::interchange::read_corpus_file`],
//! [`corpus::build`], [`load::split_with_skipped`]), so [`read`] gives the corpus and
//! index that building the same packed JSON at run time gives (`core/tests/prebuilt.rs`;
//! in the browser, `tests/bundled.rs` of the app).

use crate::load::{self, Assembler, Part};
use crate::model::Corpus;
use crate::search::Index;
use crate::{corpus, CorpusErrors};

/// Builds a packed corpus (or a TimelineJS file), naming `origin` in any problem, and
/// writes it as its [`Part`]s in JSON, one a line (JSON text has no raw line break).
pub fn write(origin: &str, json: &str) -> Result<String, CorpusErrors> {
    let file = crate::interchange::read_corpus_file(origin, json)?;
    let built = corpus::build(file.packed.into_source(origin))?;
    let mut out = String::new();
    for part in load::split_with_skipped(built, file.skipped) {
        // A part is plain data (strings, numbers, lists): it always serializes.
        out.push_str(&serde_json::to_string(&part).unwrap_or_default());
        out.push('\n');
    }
    Ok(out)
}

/// Reads what [`write`] wrote: the corpus, its search index, and what the file had that
/// could not be loaded. Anything else is an error, never a panic.
pub fn read(parts: &str) -> Result<(Corpus, Index, Vec<String>), String> {
    let mut lines = parts.lines().filter(|l| !l.is_empty()).map(|l| serde_json::from_str::<Part>(l).map_err(|e| format!("the built corpus is damaged: {e}")));
    let mut assembler = Assembler::new(lines.next().ok_or("the built corpus is empty")??)?;
    for part in lines {
        assembler.push(part?)?;
    }
    let skipped = std::mem::take(&mut assembler.skipped);
    let (corpus, index) = assembler.finish()?;
    Ok((corpus, index, skipped))
}
