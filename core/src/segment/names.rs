//! Where actors are named in a document, and who "he", "she" and "the ministry" are.
//!
//! Names and aliases are matched case-sensitively on word boundaries, in one pass over
//! the document's words (a table keyed by each name's first word), so the cost grows
//! with the text, not with the text times the number of names. Where matches overlap
//! the longest wins, and a name as written wins over a case form of another.
//!
//! **Russian case forms.** A name written in Cyrillic also matches its genitive,
//! dative, instrumental, prepositional and accusative forms, every word of it in the
//! same case ([`ru_case_forms`]): surnames in -ов/-ев/-ёв/-ин/-ын (Волков: Волкова,
//! Волкову, Волковым, Волкове), -ова/-ева/-ина (Иванова: Ивановой, Иванову),
//! -ский/-цкий and -ская/-цкая; first names in a consonant (Иван: Ивана, Ивану,
//! Иваном, Иване), -й/-ь (Андрей: Андрея…; Игорь: Игоря…), -ий (Юрий: Юрия, Юрию,
//! Юрием, Юрии), -а (Анна: Анны, Анне, Анной, Анну) and -я (Мария: Марии, Марией,
//! Марию). Names ending in -их/-ых, -о, -е, -и, -у, -ю (Крутских, Шевченко) do not
//! change; a consonant-final name of an actor with `gender = "female"` does not change.
//! Irregular forms (Пётр: Петра) need an alias.

use super::cues::Gender;
use crate::meta::ActorMeta;
use std::rc::Rc;

/// A place where an actor is named.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Mention {
    pub start: usize,
    pub end: usize,
    /// Index into [`Speakers::actors`].
    pub actor: usize,
}

/// What attribution needs to know of an actor.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ActorInfo {
    pub id: Rc<str>,
    pub person: bool,
    pub gender: Option<Gender>,
}

/// The gender an actor's `gender` field gives, if any.
pub fn actor_gender(a: &ActorMeta) -> Option<Gender> {
    match a.gender.trim().to_lowercase().as_str() {
        "female" | "f" | "woman" | "she" => Some(Gender::Female),
        "male" | "m" | "man" | "he" => Some(Gender::Male),
        _ => None,
    }
}

/// One name to look for: its words and the text between them, folded.
struct Pattern {
    words: Vec<String>,
    /// Folded text before each word after the first (the separators).
    gaps: Vec<String>,
    /// Folded non-word text the name ends with ("U.S." ends with ".").
    tail: String,
    actor: usize,
    exact: bool,
}

/// How matching sees a character: every space one space, curly apostrophes straight.
fn fold(c: char) -> char {
    match c {
        '\u{2018}' | '\u{2019}' | '\u{02bc}' => '\'',
        c if c.is_whitespace() => ' ',
        c => c,
    }
}

/// `s` folded, with runs of spaces made one.
fn fold_str(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars().map(fold) {
        if !(c == ' ' && out.ends_with(' ')) {
            out.push(c);
        }
    }
    out
}

/// Byte spans of the words (runs of letters and digits) of `text[start..end]`.
pub fn word_spans(text: &str, start: usize, end: usize) -> Vec<(usize, usize)> {
    word_iter(text, start, end).collect()
}

/// [`word_spans`], one at a time.
pub fn word_iter(text: &str, start: usize, end: usize) -> impl Iterator<Item = (usize, usize)> + '_ {
    let s = text.get(start..end).unwrap_or("");
    let mut chars = s.char_indices();
    let mut done = false;
    std::iter::from_fn(move || {
        if done {
            return None;
        }
        let mut cur: Option<usize> = None;
        loop {
            let (i, c) = match chars.next() {
                Some(ic) => ic,
                None => {
                    done = true;
                    return cur.map(|a| (start + a, start + s.len()));
                }
            };
            // ASCII first: most text is, and `is_alphanumeric` looks up tables.
            let alnum = if c.is_ascii() { c.is_ascii_alphanumeric() } else { c.is_alphanumeric() };
            match (alnum, cur) {
                (true, None) => cur = Some(i),
                (false, Some(a)) => return Some((start + a, start + i)),
                _ => {}
            }
        }
    })
}

impl Pattern {
    fn new(name: &str, actor: usize, exact: bool) -> Option<Self> {
        let name = name.trim();
        let spans = word_spans(name, 0, name.len());
        let (&(first_start, _), &(_, last_end)) = (spans.first()?, spans.last()?);
        if first_start != 0 {
            return None;
        }
        let words = spans.iter().map(|&(a, b)| name[a..b].to_string()).collect();
        let gaps = spans.windows(2).map(|w| fold_str(&name[w[0].1..w[1].0])).collect();
        Some(Self { words, gaps, tail: fold_str(&name[last_end..]), actor, exact })
    }

    /// The end of a match starting at document word `i`, if it matches there.
    fn match_at(&self, text: &str, ws: &[(usize, usize)], i: usize) -> Option<usize> {
        for (k, w) in self.words.iter().enumerate() {
            let &(a, b) = ws.get(i + k)?;
            if text.get(a..b)? != w {
                return None;
            }
            if k > 0 {
                let gap = text.get(ws[i + k - 1].1..a)?;
                if fold_str(gap) != self.gaps[k - 1] {
                    return None;
                }
            }
        }
        let end = ws[i + self.words.len() - 1].1;
        if self.tail.is_empty() {
            return Some(end);
        }
        let rest = text.get(end..)?;
        let mut taken = 0;
        let mut tail = self.tail.chars();
        for c in rest.chars() {
            match tail.next() {
                Some(t) if t == fold(c) => taken += c.len_utf8(),
                Some(_) => return None,
                None => break,
            }
        }
        (tail.next().is_none()).then_some(end + taken)
    }
}

/// The forms of a Cyrillic name in the five oblique cases (every word in the same
/// case); empty when the name is not Cyrillic or does not change.
pub fn ru_case_forms(name: &str, gender: Option<Gender>) -> Vec<String> {
    let name = name.trim();
    if !name.chars().any(|c| matches!(c, 'А'..='я' | 'ё' | 'Ё')) {
        return Vec::new();
    }
    let spans = word_spans(name, 0, name.len());
    let mut forms: Vec<String> = vec![String::new(); 5];
    let mut pos = 0;
    for &(a, b) in &spans {
        let declined = decline(&name[a..b], gender);
        for (case, form) in forms.iter_mut().enumerate() {
            form.push_str(&name[pos..a]);
            match &declined {
                Some(d) => form.push_str(&d[case]),
                None => form.push_str(&name[a..b]),
            }
        }
        pos = b;
    }
    for f in &mut forms {
        f.push_str(&name[pos..]);
    }
    forms.retain(|f| f != name);
    forms.sort();
    forms.dedup();
    forms
}

/// Genitive, dative, instrumental, prepositional and accusative of one name word.
fn decline(w: &str, gender: Option<Gender>) -> Option<[String; 5]> {
    let with = |stem: &str, ends: [&str; 5]| Some(ends.map(|e| format!("{stem}{e}")));
    let cut = |n: usize| -> &str {
        let idx = w.char_indices().rev().nth(n - 1).map_or(0, |(i, _)| i);
        &w[..idx]
    };
    let ends = |e: &[&str]| e.iter().any(|e| w.ends_with(e));
    let female = gender == Some(Gender::Female);
    if ends(&["их", "ых", "о", "е", "и", "у", "ю", "ой"]) {
        None
    } else if ends(&["ский", "цкий"]) {
        with(cut(2), ["ого", "ому", "им", "ом", "ого"])
    } else if ends(&["ская", "цкая"]) {
        with(cut(2), ["ой", "ой", "ой", "ой", "ую"])
    } else if ends(&["ова", "ева", "ёва", "ина", "ына"]) && w.chars().count() > 4 {
        with(cut(1), ["ой", "ой", "ой", "ой", "у"])
    } else if ends(&["ов", "ев", "ёв", "ин", "ын"]) && !female {
        with(w, ["а", "у", "ым", "е", "а"])
    } else if ends(&["ий"]) {
        with(cut(1), ["я", "ю", "ем", "и", "я"])
    } else if ends(&["й", "ь"]) {
        with(cut(1), ["я", "ю", "ем", "е", "я"])
    } else if ends(&["ия"]) {
        with(cut(1), ["и", "и", "ей", "и", "ю"])
    } else if ends(&["я"]) {
        with(cut(1), ["и", "е", "ей", "е", "ю"])
    } else if ends(&["а"]) {
        let stem = cut(1);
        let gen = if stem.ends_with(['г', 'к', 'х', 'ж', 'ш', 'щ', 'ч']) { "и" } else { "ы" };
        with(stem, [gen, "е", "ой", "е", "у"])
    } else if w.chars().last().is_some_and(|c| matches!(c, 'б'..='щ') && !"аеёиоуыэюяйь".contains(c)) && !female {
        with(w, ["а", "у", "ом", "е", "а"])
    } else {
        None
    }
}

/// The names, aliases and case forms of a corpus's actors, keyed by first word:
/// made once per corpus, used for every document.
pub struct NameTable {
    infos: Rc<[ActorInfo]>,
    table: std::collections::HashMap<String, Vec<Pattern>>,
    /// The first bytes of the keys of `table`: most words start with none of them and
    /// are not looked up.
    first_bytes: [bool; 256],
}

impl NameTable {
    pub fn new(actors: &[ActorMeta]) -> Self {
        let infos: Vec<ActorInfo> = actors.iter().map(|a| ActorInfo { id: a.id.as_str().into(), person: a.kind == "person", gender: actor_gender(a) }).collect();
        let mut table: std::collections::HashMap<String, Vec<Pattern>> = std::collections::HashMap::new();
        for (ai, a) in actors.iter().enumerate() {
            for name in std::iter::once(&a.name).chain(&a.aliases) {
                let name = name.trim_end_matches(crate::tagging::PREFIX_MARK);
                let forms = ru_case_forms(name, infos[ai].gender);
                let all = std::iter::once((name.to_string(), true)).chain(forms.into_iter().map(|f| (f, false)));
                for (n, exact) in all {
                    if let Some(p) = Pattern::new(&n, ai, exact) {
                        table.entry(p.words[0].clone()).or_default().push(p);
                    }
                }
            }
        }
        let mut first_bytes = [false; 256];
        for k in table.keys() {
            if let Some(&b) = k.as_bytes().first() {
                first_bytes[b as usize] = true;
            }
        }
        Self { infos: infos.into(), table, first_bytes }
    }
}

/// Who speaks in a document: the actors it names, where, and its own voice.
pub struct Speakers {
    /// Every actor of the corpus (shared by the documents).
    pub actors: Rc<[ActorInfo]>,
    /// Non-overlapping, in text order.
    pub mentions: Vec<Mention>,
    /// For each mention, the index of the last person mention at or before it, by
    /// pronoun gender (0: any, 1: male-compatible, 2: female-compatible), and of the
    /// last organisation (non-person) mention.
    last_person: [Vec<u32>; 3],
    last_org: Vec<u32>,
}

/// No mention (in [`Speakers`]' tables of the last person or organisation).
const NONE: u32 = u32::MAX;

impl Speakers {
    /// Finds every actor name, alias and Russian case form in `text`.
    pub fn new(text: &str, actors: &[ActorMeta]) -> Self {
        Self::with_table(text, &NameTable::new(actors))
    }

    /// [`Self::new`] with the names prepared once for a whole corpus.
    pub fn with_table(text: &str, names: &NameTable) -> Self {
        let infos = names.infos.clone();
        let table = &names.table;
        let ws = word_spans(text, 0, text.len());
        // Words are read in order, so matches come by start: at each start the longest
        // match wins, then a name as written over a case form of the same length, then
        // the first in the table (`min_by` keeps the first of equals).
        let mut mentions: Vec<Mention> = Vec::new();
        for i in 0..ws.len() {
            let (a, b) = ws[i];
            if mentions.last().is_some_and(|l| a < l.end) {
                continue;
            }
            if !names.first_bytes[text.as_bytes()[a] as usize] {
                continue;
            }
            let Some(list) = table.get(&text[a..b]) else { continue };
            let best = list.iter().filter_map(|p| Some((p.match_at(text, &ws, i)?, p.exact, p.actor))).min_by(|x, y| y.0.cmp(&x.0).then(y.1.cmp(&x.1)));
            if let Some((end, _, actor)) = best {
                mentions.push(Mention { start: a, end, actor });
            }
        }
        let prefix = |keep: &dyn Fn(&ActorInfo) -> bool| {
            let mut last = NONE;
            mentions.iter().enumerate().map(|(i, m)| {
                if keep(&infos[m.actor]) {
                    last = i as u32;
                }
                last
            }).collect::<Vec<u32>>()
        };
        let last_person = [
            prefix(&|a| a.person),
            prefix(&|a| a.person && a.gender != Some(Gender::Female)),
            prefix(&|a| a.person && a.gender != Some(Gender::Male)),
        ];
        let last_org = prefix(&|a| !a.person);
        Self { actors: infos, mentions, last_person, last_org }
    }

    pub fn id(&self, m: &Mention) -> Rc<str> {
        self.actors[m.actor].id.clone()
    }

    pub fn is_person(&self, m: &Mention) -> bool {
        self.actors[m.actor].person
    }

    /// Mentions inside `[start, end)`.
    pub fn within(&self, start: usize, end: usize) -> &[Mention] {
        let lo = self.mentions.partition_point(|m| m.start < start);
        let hi = self.mentions.partition_point(|m| m.end <= end);
        if lo < hi {
            &self.mentions[lo..hi]
        } else {
            &[]
        }
    }

    /// Is byte range `[a, b)` inside a mention?
    pub fn covers(&self, a: usize, b: usize) -> bool {
        let i = self.mentions.partition_point(|m| m.end < b);
        self.mentions.get(i).is_some_and(|m| m.start <= a && b <= m.end)
    }

    /// The last person named before byte `at` whom a pronoun of `gender` can stand
    /// for (an actor of the other gender is skipped, never guessed).
    pub fn last_person(&self, at: usize, gender: Option<Gender>) -> Option<Rc<str>> {
        let n = self.mentions.partition_point(|m| m.end <= at);
        let table = match gender {
            None => &self.last_person[0],
            Some(Gender::Male) => &self.last_person[1],
            Some(Gender::Female) => &self.last_person[2],
        };
        let i = *table.get(n.checked_sub(1)?)?;
        Some(self.id(self.mentions.get(i as usize)?))
    }

    /// The last organisation (not a person) named before byte `at`.
    pub fn last_org(&self, at: usize) -> Option<Rc<str>> {
        let n = self.mentions.partition_point(|m| m.end <= at);
        let i = *self.last_org.get(n.checked_sub(1)?)?;
        Some(self.id(self.mentions.get(i as usize)?))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn actor(id: &str, name: &str, gender: &str) -> ActorMeta {
        ActorMeta { id: id.into(), name: name.into(), kind: "person".into(), gender: gender.into(), ..Default::default() }
    }

    fn ids(text: &str, actors: &[ActorMeta]) -> Vec<(String, String)> {
        let s = Speakers::new(text, actors);
        s.mentions.iter().map(|m| (text[m.start..m.end].to_string(), s.id(m).to_string())).collect()
    }

    #[test]
    fn russian_forms_of_surnames_and_first_names() {
        let a = [actor("volkov", "Волков", ""), actor("ivanova", "Мария Иванова", "female"), actor("ivan", "Иван Петров", "")];
        let t = "по словам Волкова, с Волковым, Волкову, о Волкове; Марии Ивановой и Марию Иванову; Ивана Петрова, Иваном Петровым.";
        let got: Vec<String> = ids(t, &a).into_iter().map(|(w, id)| format!("{w}={id}")).collect();
        assert_eq!(got, [
            "Волкова=volkov", "Волковым=volkov", "Волкову=volkov", "Волкове=volkov",
            "Марии Ивановой=ivanova", "Марию Иванову=ivanova", "Ивана Петрова=ivan", "Иваном Петровым=ivan",
        ]);
    }

    #[test]
    fn exact_name_wins_over_a_case_form() {
        let a = [actor("volkov", "Волков", "male"), actor("volkova", "Волкова", "female")];
        assert_eq!(ids("Волкова сказала", &a), [("Волкова".to_string(), "volkova".to_string())]);
    }

    #[test]
    fn indeclinable_names_stay() {
        assert!(ru_case_forms("Крутских", None).is_empty());
        assert!(ru_case_forms("Jane Roe", None).is_empty());
    }

    #[test]
    fn names_with_punctuation_and_word_bounds() {
        let a = [ActorMeta { id: "us".into(), name: "U.S.".into(), ..Default::default() }, actor("roe", "Jane Roe", "")];
        assert_eq!(ids("The U.S. and Jane  Roe; USA, Janet Roe", &a).len(), 2);
    }

    #[test]
    fn pronouns_skip_the_other_gender() {
        let a = [actor("roe", "Roe", "female"), actor("doe", "Doe", "male"), actor("poe", "Poe", "")];
        let t = "Doe met Roe. He said";
        let s = Speakers::new(t, &a);
        assert_eq!(s.last_person(t.len(), Some(Gender::Male)).as_deref(), Some("doe"));
        assert_eq!(s.last_person(t.len(), Some(Gender::Female)).as_deref(), Some("roe"));
        let t = "Roe met Poe. He";
        assert_eq!(Speakers::new(t, &a).last_person(t.len(), Some(Gender::Male)).as_deref(), Some("poe"));
    }
}
