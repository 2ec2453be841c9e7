//! Statements as JSON or CSV, with stable ids and citations.

use crate::model::{Corpus, Statement};
use serde::Serialize;

/// One exported statement (a JSON object or a CSV row).
#[derive(Clone, Debug, Serialize)]
pub struct ExportRow<'a> {
    pub id: &'a str,
    pub document: &'a str,
    pub kind: &'static str,
    pub speaker: Option<&'a str>,
    pub speaker_name: Option<&'a str>,
    /// Best date (YYYY-MM-DD, YYYY-MM or YYYY), or null when unknown.
    pub date: Option<String>,
    pub date_certainty: &'static str,
    pub date_earliest: Option<String>,
    pub date_latest: Option<String>,
    pub start: usize,
    pub end: usize,
    pub text: &'a str,
    pub topics: &'a [String],
    pub references: Vec<ExportReference<'a>>,
    pub citation: String,
}

#[derive(Clone, Debug, Serialize)]
pub struct ExportReference<'a> {
    pub text: &'a str,
    pub date: String,
    pub precision: crate::date::Precision,
}

pub fn row<'a>(corpus: &'a Corpus, s: &'a Statement) -> ExportRow<'a> {
    let doc = &corpus.documents[s.doc];
    let date = &doc.meta.date;
    ExportRow {
        id: &s.id,
        document: &doc.meta.id,
        kind: s.kind.as_str(),
        speaker: s.speaker.as_deref(),
        speaker_name: s.speaker.as_deref().map(|id| corpus.actor_name(id)),
        date: date.best.map(|d| d.to_string()),
        date_certainty: date.certainty.as_str(),
        date_earliest: date.earliest.map(|d| d.to_string()),
        date_latest: date.latest.map(|d| d.to_string()),
        start: s.start,
        end: s.end,
        text: corpus.statement_text(s),
        topics: &s.topics,
        references: s.references.iter().map(|r| ExportReference { text: &r.text, date: r.date.to_string(), precision: r.precision }).collect(),
        citation: corpus.citation(s),
    }
}

/// The statements as a JSON array.
pub fn to_json<'a>(corpus: &Corpus, statements: impl IntoIterator<Item = &'a Statement>) -> String {
    let rows: Vec<ExportRow> = statements.into_iter().map(|s| row(corpus, s)).collect();
    serde_json::to_string_pretty(&rows).unwrap_or_else(|_| "[]".into())
}

/// First characters that make a spreadsheet read a cell as a formula (or, for tab and
/// carriage return, that some spreadsheets skip before looking for one).
const FORMULA_STARTS: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// Quotes a CSV field (RFC 4180); a cell a spreadsheet would read as a formula gets a
/// leading `'`, so it shows as the text it is (OWASP's advice for CSV injection).
fn csv_field(out: &mut String, value: &str) {
    let formula = value.starts_with(FORMULA_STARTS);
    out.push('"');
    if formula {
        out.push('\'');
    }
    for c in value.chars() {
        if c == '"' {
            out.push('"');
        }
        out.push(c);
    }
    out.push('"');
}

/// The formats statements are exported in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Json,
    Csv,
}

impl Format {
    /// The fixed name a download of the export gets: never built from corpus text, so
    /// it cannot carry a path, an extension trick or a control character.
    pub fn file_name(self) -> &'static str {
        match self {
            Format::Json => "stance-statements.json",
            Format::Csv => "stance-statements.csv",
        }
    }

    /// The MIME type of the download.
    pub fn mime(self) -> &'static str {
        match self {
            Format::Json => "application/json",
            Format::Csv => "text/csv;charset=utf-8",
        }
    }
}

/// The statements as CSV with a header row. Lists are joined with `; `.
pub fn to_csv<'a>(corpus: &Corpus, statements: impl IntoIterator<Item = &'a Statement>) -> String {
    let mut out = String::from("id,document,kind,speaker,speaker_name,date,date_certainty,date_earliest,date_latest,start,end,text,topics,references,citation\r\n");
    for s in statements {
        let r = row(corpus, s);
        let refs: Vec<String> = r.references.iter().map(|x| format!("{} ({})", x.text, x.date)).collect();
        let fields = [
            r.id.to_string(),
            r.document.to_string(),
            r.kind.to_string(),
            r.speaker.unwrap_or("").to_string(),
            r.speaker_name.unwrap_or("").to_string(),
            r.date.unwrap_or_default(),
            r.date_certainty.to_string(),
            r.date_earliest.unwrap_or_default(),
            r.date_latest.unwrap_or_default(),
            r.start.to_string(),
            r.end.to_string(),
            r.text.to_string(),
            r.topics.join("; "),
            refs.join("; "),
            r.citation,
        ];
        for (i, f) in fields.iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            csv_field(&mut out, f);
        }
        out.push_str("\r\n");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn field(value: &str) -> String {
        let mut out = String::new();
        csv_field(&mut out, value);
        out
    }

    #[test]
    fn cells_a_spreadsheet_would_run_are_neutralised() {
        for start in FORMULA_STARTS {
            let cell = format!("{start}HYPERLINK(\"http://x\")");
            assert_eq!(field(&cell), format!("\"'{start}HYPERLINK(\"\"http://x\"\")\""), "{start:?}");
        }
        for plain in ["It is time", " =1+1", "1-2", "", "«=»"] {
            assert!(!field(plain).starts_with("\"'"), "{plain:?} is not a formula");
        }
        assert_eq!(field("say \"hi\""), "\"say \"\"hi\"\"\"");
    }

    #[test]
    fn download_names_are_fixed_and_plain() {
        for f in [Format::Json, Format::Csv] {
            let name = f.file_name();
            assert!(name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'.'), "{name}");
            assert!(name.ends_with(if f == Format::Json { ".json" } else { ".csv" }));
        }
    }
}
