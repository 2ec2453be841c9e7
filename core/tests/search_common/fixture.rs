//! Small corpora built directly from the model types, so each statement's kind,
//! speaker and topics are exactly what a test needs.

use stance_core::date::{Certainty, DateSpec, PartialDate};
use stance_core::meta::{ActorMeta, CorpusMeta, DocumentMeta, TopicMeta};
use stance_core::model::{Corpus, Document, Statement, StatementKind};

pub struct Doc<'a> {
    pub id: &'a str,
    pub language: &'a str,
    pub date: &'a str,
    pub title: &'a str,
    /// (kind, speaker, topics, text)
    pub statements: Vec<(StatementKind, Option<&'a str>, &'a [&'a str], &'a str)>,
}

pub fn actor(id: &str, name: &str, aliases: &[&str]) -> ActorMeta {
    ActorMeta { id: id.into(), name: name.into(), aliases: aliases.iter().map(|s| s.to_string()).collect(), ..Default::default() }
}

pub fn topic(id: &str, label: &str) -> TopicMeta {
    TopicMeta { id: id.into(), label: label.into(), ..Default::default() }
}

pub fn corpus(actors: Vec<ActorMeta>, topics: Vec<TopicMeta>, synonyms: &[&[&str]], docs: Vec<Doc>) -> Corpus {
    let mut c = Corpus {
        meta: CorpusMeta {
            format: 1,
            title: "fixture".into(),
            actors,
            topics,
            synonyms: synonyms.iter().map(|g| g.iter().map(|s| s.to_string()).collect()).collect(),
            ..Default::default()
        },
        ..Default::default()
    };
    for (di, d) in docs.into_iter().enumerate() {
        let mut text = String::new();
        for (si, (kind, speaker, topics, t)) in d.statements.iter().enumerate() {
            if !text.is_empty() {
                text.push_str("\n\n");
            }
            let start = text.len();
            text.push_str(t);
            c.statements.push(Statement {
                id: format!("{}-{si}", d.id),
                doc: di,
                kind: *kind,
                speaker: speaker.map(str::to_string),
                attribution: Default::default(),
                start,
                end: text.len(),
                topics: topics.iter().map(|s| s.to_string()).collect(),
                references: Vec::new(),
            });
        }
        let meta = DocumentMeta {
            id: d.id.into(),
            file: format!("{}.txt", d.id),
            title: d.title.into(),
            language: d.language.into(),
            date: DateSpec { best: PartialDate::parse(d.date).ok(), certainty: Certainty::Exact, ..Default::default() },
            ..Default::default()
        };
        c.meta.documents.push(meta.clone());
        let body_end = text.len();
        c.documents.push(Document { meta, text, body_end, excluded: Vec::new() });
    }
    c
}

/// The standard fixture: two English documents and a Russian one.
pub fn standard() -> Corpus {
    use StatementKind::*;
    corpus(
        vec![actor("anna", "Anna Ivanova", &["Ivanova", "Иванова"]), actor("bob", "Bob Smith", &["Smith"]), actor("outlet", "Daily Outlet", &[])],
        vec![topic("norms", "Cyber norms"), topic("crime", "Cybercrime")],
        &[&["OEWG", "Open-ended Working Group"], &["ICT security", "information security", "cybersecurity"]],
        vec![
            Doc {
                id: "d1",
                language: "en",
                date: "2018-03-01",
                title: "Talks on cyberspace",
                statements: vec![
                    (Narration, Some("outlet"), &[], "The minister spoke about security in cyberspace and the council."),
                    (Quote, Some("anna"), &["norms"], "We need binding rules of the road for cyberspace."),
                    (Narration, Some("outlet"), &["norms"], "Rules of the road for cyberspace were discussed by the council."),
                    (Answer, Some("anna"), &[], "The Open-ended Working Group is the right place for negotiations."),
                ],
            },
            Doc {
                id: "d2",
                language: "en",
                date: "2020-06-15",
                title: "An interview about crime",
                statements: vec![
                    (Question, Some("outlet"), &["crime"], "What about information security and the securty of networks?"),
                    (Answer, Some("bob"), &["crime"], "Cybercrime is growing; the road ahead is long and the rules are weak."),
                    (Reported, Some("bob"), &[], "Smith said the working group of experts met twice."),
                ],
            },
            Doc {
                id: "d3",
                language: "ru",
                date: "2021-11-02",
                title: "Интервью о безопасности",
                statements: vec![
                    (Answer, Some("anna"), &["norms"], "Информационная безопасность — это ещё и вопрос доверия между государствами."),
                    (Narration, Some("outlet"), &[], "Иванова говорила о киберпространстве и о правилах."),
                ],
            },
        ],
    )
}
