//! The word lists attribution reads, in one place: speech verbs, reporting cues,
//! pronouns, words that stand for an organisation named before, first-person words.
//! All lowercase; multi-word cues are matched word by word. To teach Stance a new
//! cue, add it here (and a sentence using it to a fixture).

/// Russian past-tense verb stems: each is matched with the endings `-л`, `-ла`, `-ли`
/// (masculine, feminine, plural), e.g. "заяви" gives заявил, заявила, заявили.
pub const RU_PAST_STEMS: &[&str] = &[
    "сказа", "заяви", "добави", "отмети", "подчеркну", "поясни", "сообщи", "рассказа", "замети", "уточни", "призна",
    "ответи", "написа", "предупреди", "напомни", "констатирова", "указа", "завери", "пообеща", "признава", "обеща",
    "высказа", "подтверди", "опроверг", "отверг", "возрази", "настаива", "посетова", "пожалова", "объясни",
];

/// Verbs that attribute an adjacent quotation to its speaker (besides the Russian
/// past tenses of [`RU_PAST_STEMS`]).
pub const SPEECH_VERBS: &[&str] = &[
    "said", "says", "say", "added", "adds", "vowed", "vows", "stated", "states", "noted", "notes", "told", "tells",
    "explained", "explains", "stressed", "stresses", "insisted", "insists", "warned", "warns", "replied", "replies",
    "continued", "asked", "asks", "argued", "argues", "declared", "concluded", "sighed", "wrote", "writes", "recalled",
    "recalls", "acknowledged", "admitted", "admits", "conceded", "announced", "remarked", "countered", "responded",
    "claimed", "claims", "cautioned", "urged", "predicted", "complained", "observed", "suggested", "promised",
    "pledged", "confirmed", "agreed", "maintained", "answered", "joked", "tweeted", "posted", "testified", "emphasised",
    "emphasized", "underlined", "pointed", "went", "говорит", "говорят", "отмечает", "подчёркивает", "подчеркивает",
    "добавляет", "считает", "говорится", "пишет", "уверен", "уверена", "уверены",
];

/// Words and phrases (besides the speech verbs) that make a sentence someone's
/// reported words or position.
pub const REPORT_CUES: &[&str] = &[
    "according to", "complained", "complains", "accused", "accuses", "accuse", "rejects", "rejected", "praises",
    "praised", "thinks", "think", "believes", "believe", "believed", "admits", "denies", "denied", "had promised",
    "has promised", "hopes", "fears", "expects", "called for", "calls for", "criticised", "criticized", "welcomed",
    "condemned", "s view", "s opinion", "s words", "s statement", "told", "in writing",
    "по словам", "по мнению", "по его словам", "по её словам", "по ее словам", "по их словам", "по данным",
    "считает", "считают", "полагает", "полагают", "уверен", "уверена", "обвинил", "обвинила", "обвинили",
    "обвиняет", "назвал", "назвала", "назвали", "призвал", "призвала", "призвали", "раскритиковал",
    "раскритиковала", "выступает", "выступил", "выступила",
];

/// Cues after which the speaker is named ("according to Roe", «по словам Волкова»).
pub const CUES_NAMING_AFTER: &[&str] = &["according to", "по словам", "по мнению", "по данным"];

/// Grammatical gender a pronoun or an actor carries.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Gender {
    Male,
    Female,
}

/// Pronouns that stand for the last person of their gender named before.
pub const PRONOUNS: &[(&str, Gender)] = &[
    ("he", Gender::Male),
    ("him", Gender::Male),
    ("his", Gender::Male),
    ("she", Gender::Female),
    ("her", Gender::Female),
    ("он", Gender::Male),
    ("его", Gender::Male),
    ("ему", Gender::Male),
    ("она", Gender::Female),
    ("её", Gender::Female),
    ("ее", Gender::Female),
    ("ей", Gender::Female),
];

/// The gender of a pronoun word, if it is one.
pub fn pronoun(word: &str) -> Option<Gender> {
    PRONOUNS.iter().find(|(p, _)| *p == word).map(|&(_, g)| g)
}

/// First-person words: the document's own voice speaks ("I believe", «мы считаем»).
pub const FIRST_PERSON: &[&str] = &["i", "we", "my", "our", "я", "мы", "нам", "наш", "наша"];

/// Nouns that, after "the", refer back to the organisation named before ("the
/// statement said", "the ministry added", "the company wrote").
pub const ORGANISATION_BACKREFS: &[&str] = &[
    "statement", "ministry", "company", "department", "government", "agency", "office", "embassy", "commission",
    "committee", "council", "firm", "organisation", "organization", "union", "party", "court", "board", "group",
    "release", "letter", "report", "administration", "authority", "authorities", "operator", "service", "bank",
    "police", "army", "ministry's", "cabinet", "presidency", "secretariat", "delegation", "mission", "кремль", "министерство", "ведомство", "компания", "заявлении",
    "пресс", "сообщении", "мид", "правительство",
];

/// Words after a possessive name that make someone else speak for that actor's side
/// ("Roe's spokesperson said"): a person's side has no speaker; an organisation's
/// is the organisation.
pub const SPOKES_WORDS: &[&str] = &["spokesperson", "spokesman", "spokeswoman", "representative", "aide", "aides", "office", "lawyer", "lawyers", "adviser", "advisers", "campaign", "team"];

/// Words that make the one a cue names anonymous or a group: no speaker, never the
/// document's first speaker ("two people familiar with the talks", "environmental
/// groups", «источники», «по словам сторон»).
pub const ANONYMOUS: &[&str] = &[
    "people", "person", "persons", "source", "sources", "official", "officials", "diplomat", "diplomats", "analyst",
    "analysts", "critics", "critic", "expert", "experts", "group", "groups", "activists", "observers", "insiders",
    "residents", "some", "many", "others", "several", "campaigners", "opponents", "supporters", "lawmakers",
    "executives", "investors", "economists", "scientists", "researchers", "media", "reports", "witnesses", "they", "it",
    "spokesperson", "spokesman", "spokeswoman", "colleague", "colleagues", "friend", "friends", "associate",
    "associates", "neighbour", "neighbours", "источник", "источники", "источников", "эксперты", "экспертов",
    "аналитики", "аналитиков", "стороны", "сторон", "участники", "участников", "собеседник", "представители",
    "критики", "некоторые", "многие", "они", "их", "сми",
];

/// Words that may stand in an attribution besides names and pronouns ("the", titles).
pub const ATTRIBUTION_FILLERS: &[&str] = &[
    "the", "a", "an", "mr", "mrs", "ms", "dr", "prof", "professor", "commissioner", "minister", "senator", "president",
    "chair", "judge", "reporters", "journalists", "also", "then", "later", "again", "in", "statement", "writing",
    "on", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "briefly", "firmly",
    "quietly", "simply", "she", "to", "it", "out", "глава", "министр", "президент", "она", "он", "же", "также",
];

/// Most words an attribution fragment ("Roe wrote.", "he said.") may have.
pub const FRAGMENT_MAX_WORDS: usize = 6;

/// How many words after a closing quotation mark may hold its speech verb.
pub const ATTRIBUTION_VERB_WINDOW: usize = 3;
/// How many words after the speech verb may hold the speaker's name.
pub const ATTRIBUTION_NAME_WINDOW: usize = 5;
/// How many words after a cue may name its speaker when none stands before it.
pub const AFTER_CUE_WINDOW: usize = 5;

/// A set of words, looked up for every word of a text: most words are turned away by
/// their first byte and length, without hashing.
pub struct WordSet {
    /// For each first byte, the lengths (bit `len - 1`, up to 64 bytes) of the words.
    lengths: [u64; 256],
    words: std::collections::HashSet<&'static str>,
}

impl WordSet {
    pub fn new(words: impl IntoIterator<Item = &'static str>) -> Self {
        let mut lengths = [0u64; 256];
        let words: std::collections::HashSet<&'static str> = words.into_iter().collect();
        for w in &words {
            if let Some(&b) = w.as_bytes().first() {
                lengths[b as usize] |= Self::bit(w.len());
            }
        }
        Self { lengths, words }
    }

    fn bit(len: usize) -> u64 {
        if (1..=64).contains(&len) {
            1 << (len - 1)
        } else {
            0
        }
    }

    /// Might `w` be in the set? (False: it is not.)
    pub fn may_contain(&self, w: &str) -> bool {
        w.as_bytes().first().is_some_and(|&b| self.lengths[b as usize] & Self::bit(w.len()) != 0)
    }

    pub fn contains(&self, w: &str) -> bool {
        self.may_contain(w) && self.words.contains(w)
    }
}

/// Is `w` (lowercase) a speech verb?
pub fn is_speech_verb(w: &str) -> bool {
    static VERBS: std::sync::OnceLock<WordSet> = std::sync::OnceLock::new();
    VERBS.get_or_init(|| WordSet::new(SPEECH_VERBS.iter().copied())).contains(w) || ru_past(w)
}

/// Is `w` a Russian past tense of one of [`RU_PAST_STEMS`]?
fn ru_past(w: &str) -> bool {
    // Every stem is Cyrillic: its first byte is 0xD0 or 0xD1.
    if w.as_bytes().first().is_none_or(|&b| b < 0xD0) {
        return false;
    }
    let stem = w.strip_suffix('л').or_else(|| w.strip_suffix("ла")).or_else(|| w.strip_suffix("ли"));
    stem.is_some_and(|s| RU_PAST_STEMS.contains(&s))
}

/// Speech verbs that attribute a quotation but do not make prose reported speech
/// ("asked for more time", "continued to grow").
pub const QUOTE_ONLY_VERBS: &[&str] = &["asked", "asks", "continued", "went", "pointed", "sighed", "joked"];

/// Words that may follow a first-person subject before its verb ("we have long argued").
pub const AUXILIARIES: &[&str] = &[
    "have", "has", "had", "do", "did", "will", "would", "must", "can", "could", "should", "also", "always", "still",
    "never", "long", "strongly", "firmly", "all", "both", "too", "repeatedly", "often", "are", "am", "were", "is",
    "всегда", "давно", "тоже", "также", "не",
];

/// Words opening a comma-delimited phrase that is not who speaks (a relative clause,
/// a list of examples): "Roe, who chairs the board, said"; "critics, including Roe, say".
pub const NOT_SUBJECT_OPENERS: &[&str] = &[
    "who", "which", "whose", "whom", "including", "such", "among", "like", "notably", "especially", "который",
    "которая", "которые", "которого", "в", "включая", "среди",
];

/// Plural-looking words that do not make a subject a group.
pub const NOT_PLURAL: &[&str] = &["was", "has", "is", "his", "its", "this", "thus", "us", "as", "always", "perhaps", "news", "hers", "yours", "ours", "theirs", "less", "unless", "whereas", "across", "process", "business", "chess", "yes", "series", "various"];

/// Does an English word look like a plural noun ("critics", "engineers"), so that a
/// subject made of it is a group? Not "-ss", "-is", "-us" ("business", "crisis",
/// "status"), the [`NOT_PLURAL`] words, or the organisation nouns ("authorities").
pub fn looks_plural(w: &str) -> bool {
    w.len() > 3 && w.is_ascii() && w.ends_with('s') && !w.ends_with("ss") && !w.ends_with("is") && !w.ends_with("us") && !NOT_PLURAL.contains(&w) && !ORGANISATION_BACKREFS.contains(&w)
}

/// Cues keyed by their first word, for one pass over a sentence's words.
pub struct CueTable {
    by_first: std::collections::HashMap<&'static str, Vec<(&'static str, usize)>>,
    /// The keys of `by_first`, to turn most words away before hashing them.
    firsts: WordSet,
}

impl CueTable {
    pub fn new() -> Self {
        let mut by_first: std::collections::HashMap<&'static str, Vec<(&'static str, usize)>> = std::collections::HashMap::new();
        for &c in REPORT_CUES.iter().chain(SPEECH_VERBS.iter().filter(|v| !QUOTE_ONLY_VERBS.contains(v))) {
            let n = c.split_whitespace().count();
            if let Some(first) = c.split_whitespace().next() {
                by_first.entry(first).or_default().push((c, n));
            }
        }
        for v in by_first.values_mut() {
            v.sort_by_key(|c| std::cmp::Reverse(c.1));
        }
        let firsts = WordSet::new(by_first.keys().copied());
        Self { by_first, firsts }
    }

    /// The first cue among `words` (lowercase): its word index, its text (the
    /// phrase, or the word for a Russian past tense) and its length in words.
    pub fn first<'w>(&self, words: &[&'w str]) -> Option<(usize, &'w str, usize, bool)> {
        self.first_by(words.len(), &|i| words[i])
    }

    /// [`Self::first`] over `len` words given by `word(i)`.
    pub fn first_by<'w>(&self, len: usize, word: &dyn Fn(usize) -> &'w str) -> Option<(usize, &'w str, usize, bool)> {
        let get = |i: usize| (i < len).then(|| word(i));
        for i in 0..len {
            let w = word(i);
            if let Some(list) = self.firsts.may_contain(w).then(|| self.by_first.get(w)).flatten() {
                for &(cue, n) in list {
                    // "wrote to the board", "responded to the letter": an act, not a report.
                    if n == 1 && SPEECH_VERBS.contains(&cue) && get(i + 1) == Some("to") {
                        continue;
                    }
                    let ok = cue.split_whitespace().enumerate().all(|(k, p)| get(i + k) == Some(p));
                    if ok {
                        return Some((i, w, n, CUES_NAMING_AFTER.contains(&cue)));
                    }
                }
            }
            if ru_past(w) {
                return Some((i, w, 1, false));
            }
        }
        None
    }
}

impl Default for CueTable {
    fn default() -> Self {
        Self::new()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn russian_past_tenses() {
        for w in ["заявил", "заявила", "заявили", "сказала", "сообщила", "отметил"] {
            assert!(is_speech_verb(w), "{w}");
        }
        assert!(!is_speech_verb("стол"));
        assert!(!is_speech_verb("ла"));
    }

    #[test]
    fn cue_table_finds_phrases_first_by_position() {
        let t = CueTable::new();
        let ws = ["the", "plan", "according", "to", "roe"];
        assert_eq!(t.first(&ws).map(|c| (c.0, c.2, c.3)), Some((2, 2, true)));
        let ws = ["in", "roe", "s", "view", "it", "fails"];
        assert_eq!(t.first(&ws).map(|c| c.0), Some(2));
        assert!(t.first(&["roe", "met", "the", "minister"]).is_none());
    }
}
