//! A statement's citation in the formats reference managers read: plain text,
//! BibTeX and CSL-JSON (what Zotero, Mendeley and pandoc import).
//!
//! Every format names the document the statement is from (title, outlet, date with its
//! certainty, URL), who said it, its words, and its stable id so a reader can find it
//! again. Approximate dates are marked as such in every format ("c.", `circa`).

use crate::date::{Certainty, PartialDate};
use crate::model::{Corpus, Statement};
use crate::text::head_chars;
use serde_json::{json, Value};

/// Longest quotation carried in a citation's note, in characters.
const NOTE_QUOTE_CHARS: usize = 300;

/// The plain-text citation shown in the statement panel.
pub fn plain(corpus: &Corpus, s: &Statement) -> String {
    corpus.citation(s)
}

/// What kind of work the statement's document is, in CSL terms.
fn csl_type(corpus: &Corpus, s: &Statement) -> &'static str {
    let Some(doc) = corpus.document_of(s) else { return "document" };
    if doc.meta.turns.is_some() || !doc.meta.interviewer.is_empty() {
        "interview"
    } else if !doc.meta.outlet.is_empty() {
        "article-newspaper"
    } else {
        "document"
    }
}

fn speaker_name<'a>(corpus: &'a Corpus, s: &'a Statement) -> Option<&'a str> {
    s.speaker.as_deref().map(|id| corpus.actor_name(id))
}

/// "Krutskikh: “We have always …” (statement rt-2017-1a2b in Stance)".
fn note(corpus: &Corpus, s: &Statement) -> String {
    let quote = head_chars(corpus.statement_text(s).trim(), NOTE_QUOTE_CHARS);
    match speaker_name(corpus, s) {
        Some(name) => format!("{name}: “{quote}” (statement {} in Stance)", s.id),
        None => format!("“{quote}” (statement {} in Stance)", s.id),
    }
}

/// The statement as one CSL-JSON item (serialise a list of these for a CSL-JSON file).
pub fn csl_item(corpus: &Corpus, s: &Statement) -> Value {
    let Some(doc) = corpus.document_of(s) else { return json!({ "id": s.id, "type": "document" }) };
    let m = &doc.meta;
    let kind = csl_type(corpus, s);
    let mut obj = serde_json::Map::new();
    obj.insert("id".into(), json!(s.id));
    obj.insert("type".into(), json!(kind));
    obj.insert("title".into(), json!(m.title));
    obj.insert("note".into(), json!(note(corpus, s)));
    if !m.outlet.is_empty() {
        obj.insert("container-title".into(), json!(m.outlet));
    }
    if !m.url.is_empty() {
        obj.insert("URL".into(), json!(m.url));
    }
    if !m.language.is_empty() {
        obj.insert("language".into(), json!(m.language));
    }
    let people = |names: &str| -> Value { json!([{ "literal": names }]) };
    if kind == "interview" {
        if let Some(name) = speaker_name(corpus, s) {
            obj.insert("author".into(), people(name));
        }
        if !m.interviewer.is_empty() {
            obj.insert("interviewer".into(), people(&m.interviewer));
        }
    } else if !m.author.is_empty() {
        obj.insert("author".into(), people(&m.author));
    }
    if let Some(best) = m.date.best {
        let mut issued = json!({ "date-parts": [date_parts(best)] });
        if m.date.certainty != Certainty::Exact {
            issued["circa"] = json!(true);
        }
        obj.insert("issued".into(), issued);
    }
    Value::Object(obj)
}

/// A CSL-JSON file (an array of items) for `statements`.
pub fn csl_json<'a>(corpus: &Corpus, statements: impl IntoIterator<Item = &'a Statement>) -> String {
    let items: Vec<Value> = statements.into_iter().map(|s| csl_item(corpus, s)).collect();
    serde_json::to_string_pretty(&items).unwrap_or_else(|_| "[]".into())
}

fn date_parts(d: PartialDate) -> Vec<i64> {
    let mut parts = vec![i64::from(d.year)];
    if d.month > 0 {
        parts.push(i64::from(d.month));
        if d.day > 0 {
            parts.push(i64::from(d.day));
        }
    }
    parts
}

/// The statement as a BibTeX entry (biblatex field names where BibTeX has none).
pub fn bibtex(corpus: &Corpus, s: &Statement) -> String {
    let Some(doc) = corpus.document_of(s) else { return String::new() };
    let m = &doc.meta;
    let kind = csl_type(corpus, s);
    let entry = if kind == "article-newspaper" { "article" } else { "misc" };
    let mut fields: Vec<(&str, String)> = vec![("title", m.title.clone())];
    if kind == "interview" {
        if let Some(name) = speaker_name(corpus, s) {
            fields.push(("author", name.to_string()));
        }
    } else if !m.author.is_empty() {
        fields.push(("author", m.author.clone()));
    }
    if !m.outlet.is_empty() {
        fields.push((if entry == "article" { "journal" } else { "howpublished" }, m.outlet.clone()));
    }
    if let Some(best) = m.date.best {
        let circa = if m.date.certainty == Certainty::Exact { "" } else { "~" };
        fields.push(("date", format!("{best}{circa}")));
        fields.push(("year", best.year.to_string()));
        if best.month > 0 {
            fields.push(("month", best.month.to_string()));
        }
    }
    if !m.url.is_empty() {
        fields.push(("url", m.url.clone()));
    }
    fields.push(("note", note(corpus, s)));
    let mut out = format!("@{entry}{{{},\n", bibtex_key(&s.id));
    for (name, value) in fields {
        // `url` and `date` (EDTF, `~` for circa) are verbatim: only braces need care there.
        let value = if matches!(name, "url" | "date") { value.replace(['{', '}'], "") } else { bibtex_escape(&value) };
        out.push_str(&format!("  {name} = {{{value}}},\n"));
    }
    out.push('}');
    out.push('\n');
    out
}

/// A citation key BibTeX accepts: letters, digits, `-`, `_`, `:` only.
fn bibtex_key(id: &str) -> String {
    let key: String = id.chars().map(|c| if c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | ':') { c } else { '_' }).collect();
    if key.is_empty() {
        "statement".into()
    } else {
        key
    }
}

/// Text safe inside a braced BibTeX field: the characters TeX treats specially are
/// escaped, so a title with `{`, `%` or `\` cannot end the field or start a command.
fn bibtex_escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\textbackslash{}"),
            '{' => out.push_str("\\{"),
            '}' => out.push_str("\\}"),
            '%' | '&' | '$' | '#' | '_' => {
                out.push('\\');
                out.push(c);
            }
            '^' => out.push_str("\\textasciicircum{}"),
            '~' => out.push_str("\\textasciitilde{}"),
            c if c.is_control() => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::date::DateSpec;
    use crate::meta::{ActorMeta, CorpusMeta, DocumentMeta};
    use crate::model::{Document, StatementKind};

    fn corpus(certainty: Certainty, interviewer: &str, title: &str) -> Corpus {
        let text = "We never said that {100%} & more.".to_string();
        let meta = CorpusMeta {
            format: 1,
            title: "t".into(),
            actors: vec![ActorMeta { id: "roe".into(), name: "Jane Roe".into(), ..Default::default() }],
            ..Default::default()
        };
        let best = PartialDate::parse("2019-03").ok();
        let doc = Document {
            meta: DocumentMeta {
                id: "d".into(),
                file: "d.txt".into(),
                title: title.into(),
                outlet: "The Daily".into(),
                url: "https://example.org/a?b={c}".into(),
                interviewer: interviewer.into(),
                language: "en".into(),
                date: DateSpec { best, certainty, ..Default::default() },
                ..Default::default()
            },
            body_end: text.len(),
            text: text.clone(),
            excluded: vec![],
        };
        let st = Statement {
            id: "d-00ff".into(),
            doc: 0,
            kind: StatementKind::Quote,
            speaker: Some("roe".into()),
            attribution: Default::default(),
            start: 0,
            end: text.len(),
            topics: vec![],
            references: vec![],
        };
        Corpus { meta, documents: vec![doc], statements: vec![st], positions: vec![] }
    }

    #[test]
    fn csl_marks_interviews_and_approximate_dates() {
        let c = corpus(Certainty::Approximate, "John Doe", "Talks");
        let item = csl_item(&c, &c.statements[0]);
        assert_eq!(item["type"], "interview");
        assert_eq!(item["author"][0]["literal"], "Jane Roe");
        assert_eq!(item["interviewer"][0]["literal"], "John Doe");
        assert_eq!(item["issued"]["date-parts"], json!([[2019, 3]]));
        assert_eq!(item["issued"]["circa"], true);
        assert_eq!(item["container-title"], "The Daily");
        assert!(item["note"].as_str().is_some_and(|n| n.contains("Jane Roe: “We never said") && n.contains("d-00ff")));

        let exact = corpus(Certainty::Exact, "", "Talks");
        let item = csl_item(&exact, &exact.statements[0]);
        assert_eq!(item["type"], "article-newspaper");
        assert!(item["issued"].get("circa").is_none());
        assert!(item.get("author").is_none(), "an article's author is the writer, not the speaker");
        // A CSL-JSON file is an array that parses back.
        let file: Value = serde_json::from_str(&csl_json(&exact, &exact.statements)).unwrap();
        assert_eq!(file.as_array().map(Vec::len), Some(1));
    }

    #[test]
    fn bibtex_escapes_what_tex_reads() {
        let c = corpus(Certainty::Exact, "", "50% of {all} \\input{x} & co_op");
        let b = bibtex(&c, &c.statements[0]);
        assert!(b.starts_with("@article{d-00ff,\n"), "{b}");
        assert!(b.contains("title = {50\\% of \\{all\\} \\textbackslash{}input\\{x\\} \\& co\\_op},"), "{b}");
        assert!(b.contains("journal = {The Daily},"));
        assert!(b.contains("date = {2019-03},"));
        assert!(b.contains("url = {https://example.org/a?b=c},"));
        // Braces balance, so the entry cannot be broken out of.
        let depth = b.chars().try_fold(0i32, |d, c| match c {
            '{' => Some(d + 1),
            '}' => (d > 0).then(|| d - 1),
            _ => Some(d),
        });
        assert!(depth.is_some());
        let approx = corpus(Certainty::Approximate, "Doe", "T");
        let b = bibtex(&approx, &approx.statements[0]);
        assert!(b.starts_with("@misc{"), "{b}");
        assert!(b.contains("date = {2019-03~},"));
        assert!(b.contains("author = {Jane Roe},"));
    }

    #[test]
    fn keys_are_plain() {
        assert_eq!(bibtex_key("rt-2017-a1"), "rt-2017-a1");
        assert_eq!(bibtex_key("a b,{c}"), "a_b__c_");
        assert_eq!(bibtex_key(""), "statement");
    }
}
