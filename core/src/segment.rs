//! Cutting a document into statements. (Placeholder: one narration statement per
//! paragraph; replaced by the full extractor.)

use crate::meta::CorpusMeta;
use crate::model::{Document, Statement, StatementKind};

/// Statements of document number `doc_index`, in text order.
pub fn segment(doc_index: usize, doc: &Document, _meta: &CorpusMeta) -> Vec<Statement> {
    let body = &doc.text[..doc.body_end];
    let mut out = Vec::new();
    let mut pos = 0;
    for para in body.split('\n') {
        let start = pos + (para.len() - para.trim_start().len());
        let end = pos + para.trim_end().len();
        pos += para.len() + 1;
        if end > start {
            out.push(Statement {
                id: format!("{}-{}", doc.meta.id, out.len()),
                doc: doc_index,
                kind: StatementKind::Narration,
                speaker: doc.meta.outlet_actor.clone(),
                start,
                end,
                topics: Vec::new(),
                references: Vec::new(),
            });
        }
    }
    out
}
