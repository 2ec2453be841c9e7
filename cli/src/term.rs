//! Printing that a corpus cannot turn against the terminal.
//!
//! Every line the CLI prints goes through here. Text meant for people ([`println`],
//! [`eprintln`]: problems, counts, search results) always has its control and
//! bidirectional characters escaped with [`stance_core::error::escape_controls`].
//! Data ([`print_data`]: JSON, CSV, a packed corpus, a completion script) is written
//! as it is into a pipe or a file, and escaped (line breaks kept) only when standard
//! output is a terminal. A closed pipe (`| head`) ends the output quietly.

use std::io::{IsTerminal, Write};

use stance_core::error::escape_controls;

/// Prints a line meant for people to standard output, escaped.
pub fn println(text: &str) {
    write_all(&mut std::io::stdout().lock(), &(escape_controls(text, true).into_owned() + "\n"));
}

/// Prints a line meant for people to standard error, escaped.
pub fn eprintln(text: &str) {
    write_all(&mut std::io::stderr().lock(), &(escape_controls(text, false).into_owned() + "\n"));
}

/// Prints data to standard output: as it is into a pipe or file, escaped on a terminal.
pub fn print_data(text: &str) {
    let stdout = std::io::stdout();
    let text = if stdout.is_terminal() { escape_controls(text, true) } else { text.into() };
    write_all(&mut stdout.lock(), &text);
}

fn write_all(out: &mut impl Write, text: &str) {
    // A closed pipe is not an error worth a panic or a message.
    let _ = out.write_all(text.as_bytes()).and_then(|()| out.flush());
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn write_all_writes_what_it_is_given() {
        let mut out = Vec::new();
        write_all(&mut out, "a\u{1b}b\n");
        assert_eq!(out, "a\u{1b}b\n".as_bytes(), "escaping is the callers' choice, not write_all's");
    }

    #[test]
    fn what_people_read_is_escaped() {
        // `println` keeps line breaks, `eprintln` (one problem per line) does not.
        assert_eq!(escape_controls("x\u{1b}[31m\ny", true), "x\\u{1b}[31m\ny");
        assert_eq!(escape_controls("x\u{202E}\ny", false), "x\\u{202e}\\ny");
    }
}
