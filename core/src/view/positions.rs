//! The positions and compare screens' view models: [`topic_sections`] (each topic with
//! its actors' rows of dated [`Chip`]s and change markers, on a shared time scale),
//! [`filter_options`] for the topic and actor filters, and [`compare_column`] (what one
//! compared item shows: a statement's summary or an actor's stance row).

use super::summary::{summarize, StatementSummary};
use crate::date::PartialDate;
use crate::model::Corpus;
use crate::positions::{self, ActorRow};
use crate::text::first_words;
use crate::url_state::CompareItem;

/// Words of a quote kept on a chip.
const QUOTE_WORDS: usize = 14;
/// Most date columns laid out as a shared time scale (style/positions.css has a class
/// per column up to this); a topic with more dates flows in date order instead.
pub const MAX_COLUMNS: usize = 6;

/// One position, ready to show as a chip.
#[derive(Clone, Debug, PartialEq)]
pub struct Chip {
    /// Position id (unique in the corpus).
    pub id: String,
    /// Index of the first statement that shows it.
    pub statement: Option<usize>,
    /// ISO form of the date, for `<time datetime>`.
    pub iso: String,
    pub date: String,
    pub stance: String,
    pub summary: String,
    pub symbol: &'static str,
    pub polarity: &'static str,
    pub class: &'static str,
    pub quotes: Vec<String>,
    /// The marker before this chip ("→ changed (polarity −1)"), and whether anything moved.
    pub change: Option<(String, bool)>,
    /// Column on the topic's time scale, from 1.
    pub column: usize,
}

/// One actor's row on one topic, ready to show.
#[derive(Clone, Debug, PartialEq)]
pub struct RowData {
    pub actor: String,
    pub actor_name: String,
    pub topic: String,
    pub topic_label: String,
    pub chips: Vec<Chip>,
    /// Columns of the topic's time scale (0 when the row is not on a shared scale).
    pub columns: usize,
}

/// The chips of a row, with the change markers between them, placed on the time scale
/// `columns` (the topic's [`positions::date_columns`]; empty for no shared scale).
pub fn row_data(c: &Corpus, row: &ActorRow, topic: &str, columns: &[PartialDate]) -> RowData {
    let changes = positions::changes(c, row);
    let chips = row
        .positions
        .iter()
        .enumerate()
        .filter_map(|(k, &i)| {
            let p = c.positions.get(i)?;
            let (symbol, polarity) = positions::polarity_label(p.meta.polarity);
            let change = k.checked_sub(1).and_then(|j| changes.get(j)).map(|ch| (positions::change_label(ch), ch.changed()));
            Some(Chip {
                id: p.meta.id.clone(),
                statement: p.statements.first().copied(),
                iso: p.date.to_string(),
                date: p.date_label(),
                stance: p.meta.stance.clone(),
                summary: p.meta.summary.clone(),
                symbol,
                polarity,
                class: positions::polarity_class(p.meta.polarity),
                quotes: p.meta.quotes.iter().map(|q| format!("“{}”", first_words(&q.exact, QUOTE_WORDS))).collect(),
                change,
                column: columns.iter().position(|d| *d == p.date).map_or(0, |k| k + 1),
            })
        })
        .collect();
    RowData {
        actor: row.actor.clone(),
        actor_name: c.actor_name(&row.actor).to_string(),
        topic: topic.to_string(),
        topic_label: c.topic_label(topic).to_string(),
        chips,
        columns: columns.len(),
    }
}

impl RowData {
    /// Accessible name of the row's "Compare" button.
    pub fn compare_label(&self) -> String {
        format!("Compare {} on {}", self.actor_name, self.topic_label)
    }

    /// Accessible name of the row's list of chips.
    pub fn list_name(&self) -> String {
        format!("Stances of {} on {}", self.actor_name, self.topic_label)
    }

    /// Element id of the row's heading.
    pub fn heading_id(&self) -> String {
        format!("st-pos-row-{}-{}", self.topic, self.actor)
    }

    /// Class of the list of chips: on the topic's time scale when it has one.
    pub fn list_class(&self) -> String {
        match self.columns {
            0 => "st-pos-chips".to_string(),
            n => format!("st-pos-chips st-pos-chips--scale st-pos-cols-{n}"),
        }
    }
}

impl Chip {
    /// Class of the chip: its polarity.
    pub fn chip_class(&self) -> String {
        format!("st-pos-chip st-pos--{}", self.class)
    }

    /// Element id of the chip's list of quotes (`prefix` tells the views apart).
    pub fn quotes_id(&self, prefix: &str) -> String {
        format!("{prefix}-{}", self.id)
    }

    /// Class of the chip's list item: its column on the time scale.
    pub fn item_class(&self) -> String {
        format!("st-pos-chips__item st-pos-col-{}", self.column)
    }
}

impl TopicSection {
    /// Element id of the section's heading.
    pub fn heading_id(&self) -> String {
        format!("st-pos-topic-{}", self.topic)
    }

    /// Class of the time scale's dates.
    pub fn scale_class(&self) -> String {
        format!("st-pos-scale__dates st-pos-cols-{}", self.scale.len())
    }
}

/// One topic of the positions view.
#[derive(Clone, Debug, PartialEq)]
pub struct TopicSection {
    pub topic: String,
    pub label: String,
    pub description: String,
    /// The dates of the shared time scale (empty when the topic has more than [`MAX_COLUMNS`]).
    pub scale: Vec<String>,
    pub rows: Vec<RowData>,
}

/// The topics of the positions view, narrowed to a topic and an actor. The scale is the
/// whole topic's, so filtering by actor keeps the dates in place.
pub fn topic_sections(c: &Corpus, topic: Option<&str>, actor: Option<&str>) -> Vec<TopicSection> {
    let all = positions::by_topic(c);
    positions::filter(all.clone(), topic, actor)
        .into_iter()
        .map(|tp| {
            let columns = all.iter().find(|t| t.topic == tp.topic).map(|t| positions::date_columns(c, t)).unwrap_or_default();
            let columns = if columns.len() <= MAX_COLUMNS { columns } else { Vec::new() };
            TopicSection {
                rows: tp.rows.iter().map(|r| row_data(c, r, &tp.topic, &columns)).collect(),
                description: c.meta.topics.iter().find(|m| m.id == tp.topic).map(|m| m.description.clone()).unwrap_or_default(),
                scale: columns.iter().map(|d| d.label()).collect(),
                label: c.topic_label(&tp.topic).to_string(),
                topic: tp.topic,
            }
        })
        .collect()
}

/// The choices of a filter: (id, label) pairs.
pub type Options = Vec<(String, String)>;

/// The choices of the topic and actor filters: every topic and every actor that has positions.
pub fn filter_options(c: &Corpus) -> (Options, Options) {
    let topics = positions::by_topic(c).into_iter().map(|t| (t.topic.clone(), c.topic_label(&t.topic).to_string())).collect();
    let actors = positions::actors_with_positions(c).into_iter().map(|a| (a.clone(), c.actor_name(&a).to_string())).collect();
    (topics, actors)
}

/// What one compared column shows.
#[derive(Clone, Debug, PartialEq)]
pub enum Column {
    Statement(StatementSummary),
    /// The row, or `None` when the actor holds no position on the topic.
    Stance { actor_name: String, topic_label: String, row: Option<RowData> },
    /// An id the corpus does not know: the message to show.
    Missing(String),
}

impl Column {
    /// What a stance column without positions says.
    pub fn no_position_note(actor_name: &str, topic_label: &str) -> String {
        format!("{actor_name} has no recorded position on {topic_label}.")
    }

    /// Accessible name of the column's "Remove" button.
    pub fn remove_label(&self, item: &CompareItem) -> String {
        let (title, subtitle) = self.title(item);
        format!("Remove {title} ({subtitle}) from the comparison")
    }

    /// The column's heading and subtitle.
    pub fn title(&self, item: &CompareItem) -> (String, String) {
        match self {
            Column::Statement(s) => (s.speaker.clone(), "Statement".to_string()),
            Column::Stance { actor_name, topic_label, .. } => (actor_name.clone(), format!("Stance on {topic_label}")),
            Column::Missing(_) => ("Not found".to_string(), item.encode()),
        }
    }
}

/// The column of one compared item.
pub fn compare_column(c: &Corpus, item: &CompareItem) -> Column {
    match item {
        CompareItem::Statement(id) => match c.statement_by_id(id).and_then(|(i, _)| summarize(c, i)) {
            Some(s) => Column::Statement(s),
            None => Column::Missing(format!("The statement “{id}” is not in this corpus.")),
        },
        CompareItem::Stance { actor, topic } => {
            if !c.meta.actors.iter().any(|a| &a.id == actor) {
                return Column::Missing(format!("The actor “{actor}” is not in this corpus."));
            }
            if !c.meta.topics.iter().any(|t| &t.id == topic) {
                return Column::Missing(format!("The topic “{topic}” is not in this corpus."));
            }
            Column::Stance {
                actor_name: c.actor_name(actor).to_string(),
                topic_label: c.topic_label(topic).to_string(),
                row: positions::stance_row(c, actor, topic).map(|r| row_data(c, &r, topic, &[])),
            }
        }
    }
}
