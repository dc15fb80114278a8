//! What a search query says, parsed as fzf users expect: plain words (all required, any order),
//! `"exact phrase"`, `'word` (that word exactly), `!word` (notes without it), `doc:ID`,
//! `part:KEY`, `in:notes|body|all`, dates in any written form (`30 Jan 1950`,
//! `January 30 1950`, `1950-01-30`, `Jan 1950`, `sept 1949`), found by the timeline's date
//! finder, and archival references (`fond 45`, `f.45`, `op 1`, `record group 59`) with the
//! labels of `corpus/citations.toml`.

use std::sync::OnceLock;

use crate::corpus::dates::{capitalised, find_dates_with, PartialDate};

/// A reference field of an archival citation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ReferenceField {
    Fond,
    Opis,
    Delo,
    RecordGroup,
    /// A volume: `vol 7` is `Vol. VII`, and FRUS's bare `1950, VII`.
    Volume,
}

impl ReferenceField {
    const ALL: [ReferenceField; 5] = [
        ReferenceField::Fond,
        ReferenceField::Opis,
        ReferenceField::Delo,
        ReferenceField::RecordGroup,
        ReferenceField::Volume,
    ];

    /// Its name in a query: `fond 45`, `record group 59`.
    pub fn name(self) -> &'static str {
        match self {
            ReferenceField::Fond => "fond",
            ReferenceField::Opis => "opis",
            ReferenceField::Delo => "delo",
            ReferenceField::RecordGroup => "record group",
            ReferenceField::Volume => "volume",
        }
    }

    /// How texts and readers label it, folded, each label as its words (`record group`),
    /// longest first: `F`, `Fond`, `Font` for a fond.
    pub fn labels(self) -> &'static [Vec<String>] {
        static LABELS: OnceLock<Vec<Vec<Vec<String>>>> = OnceLock::new();
        let all = LABELS.get_or_init(|| {
            let table = crate::corpus::citations::Table::get();
            ReferenceField::ALL
                .iter()
                .map(|field| {
                    let written = match field {
                        ReferenceField::Fond => &table.fields.fond,
                        ReferenceField::Opis => &table.fields.opis,
                        ReferenceField::Delo => &table.fields.delo,
                        ReferenceField::RecordGroup => &table.record_group_labels,
                        ReferenceField::Volume => &table.volume_labels,
                    };
                    let mut labels: Vec<Vec<String>> = written.iter().map(|l| pieces(l)).collect();
                    labels.retain(|l| !l.is_empty());
                    labels.sort_by_key(|l| std::cmp::Reverse(l.concat().len()));
                    labels.dedup();
                    labels
                })
                .collect()
        });
        &all[self as usize]
    }

    /// Whether a folded word of a text is `value`, a reference's value: the same, or for a
    /// volume the same number (`vii` is `7`).
    pub fn is_value(self, word: &str, value: &str) -> bool {
        word == value
            || (self == ReferenceField::Volume
                && crate::corpus::citations::volume_number(word)
                    .is_some_and(|n| crate::corpus::citations::volume_number(value) == Some(n)))
    }

    /// Its labels a text writes onto the value (`Opis266`, `Delo3`): one word of more than
    /// one letter (`f45` is no fond).
    pub fn glued_labels(self) -> impl Iterator<Item = &'static str> {
        self.labels().iter().filter_map(|label| match &label[..] {
            [word] if word.chars().count() > 1 => Some(word.as_str()),
            _ => None,
        })
    }
}

/// `fond 45`: a field of an archival reference and its value, folded (`25a`).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Reference {
    pub field: ReferenceField,
    pub value: String,
}

/// What a query searches.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Scope {
    /// Footnotes and endnotes (the default).
    #[default]
    Notes,
    /// Body paragraphs.
    Body,
    All,
}

impl Scope {
    pub fn name(self) -> &'static str {
        match self {
            Scope::Notes => "notes",
            Scope::Body => "body",
            Scope::All => "all",
        }
    }

    pub fn parse(text: &str) -> Option<Scope> {
        match text {
            "notes" | "note" => Some(Scope::Notes),
            "body" | "text" => Some(Scope::Body),
            "all" => Some(Scope::All),
            _ => None,
        }
    }
}

/// A name an acronym stands for, typed in full: the range of the query's words that spell it,
/// and the acronym, folded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TypedAcronym {
    pub words: std::ops::Range<usize>,
    pub acronym: String,
}

/// What a typed word is, beyond its letters.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct WordTraits {
    /// A given name of a person the query names in full, which a note may lack (`Kim Il-sung`
    /// finds "Stalin to Kim", after the notes with the full name).
    pub given_name: bool,
    /// A function word a note need not have (`of`, `to`); never set when the query has no
    /// other words.
    pub function_word: bool,
    /// A person's initials (`T.F.` of `T.F. Shtykov`): matched whole only, and optional where
    /// no entry has them.
    pub initials: bool,
    /// Typed in its possessive (`Mao's`), the word being the name (`mao`).
    pub possessive: bool,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Query {
    /// Folded words: whole, prefix, typo or tight fuzzy matches count.
    pub words: Vec<String>,
    /// For each of `words`, what it is.
    pub traits: Vec<WordTraits>,
    /// Names of `corpus/acronyms.toml` typed in full: a note with the acronym has their words.
    pub acronyms: Vec<TypedAcronym>,
    /// `'word`: only that word, whole.
    pub exact: Vec<String>,
    /// `"…"`: folded phrases, found as written (word boundaries at both ends).
    pub phrases: Vec<String>,
    /// `!word`: notes containing it are left out.
    pub excluded: Vec<String>,
    /// Dates, each to the precision written.
    pub dates: Vec<PartialDate>,
    /// Archival references: `fond 45` finds `F.45`, `Fond 45` and `Font.45`.
    pub references: Vec<Reference>,
    pub doc: Option<String>,
    pub part: Option<String>,
    pub scope: Scope,
    /// Whether the other notes citing the matches' archival documents follow the matches
    /// (the explorer lists them, marked; `kwx search --same-documents`).
    pub same_documents: bool,
}

impl Query {
    /// The query `text` asks, its acronyms read by kwx's table alone (a search reads them by
    /// its index's: [`super::Index::parse_query`]).
    pub fn parse(text: &str) -> Query {
        Query::parse_with(text, super::AcronymTable::embedded())
    }

    /// The query `text` asks, the names typed in full read by `acronyms`.
    pub fn parse_with(text: &str, acronyms: &super::AcronymTable) -> Query {
        let mut q = Query::default();
        // Phrases first: quotes may hold spaces. An unclosed quote runs to the end (a phrase
        // being typed). Curly quotes (pasted, or a keyboard's smart quotes) are quotes too.
        let text = text.replace(['“', '”', '„'], "\"");
        let mut plain = String::new();
        let mut rest = text.as_str();
        while let Some(open) = rest.find('"') {
            plain.push_str(&rest[..open]);
            plain.push(' ');
            let after = &rest[open + 1..];
            let (phrase, next) = match after.find('"') {
                Some(close) => (&after[..close], &after[close + 1..]),
                None => (after, ""),
            };
            let folded = super::fold(phrase);
            let words: Vec<&str> = folded.split_whitespace().collect();
            if !words.is_empty() {
                q.phrases.push(words.join(" "));
            }
            rest = next;
        }
        plain.push_str(rest);
        let mut free: Vec<&str> = Vec::new();
        for word in plain.split_whitespace() {
            let lower = word.to_lowercase();
            if let Some(d) = lower.strip_prefix("doc:") {
                q.doc = (!d.is_empty()).then(|| d.to_string());
            } else if let Some(p) = lower.strip_prefix("part:") {
                q.part = (!p.is_empty()).then(|| p.to_string());
            } else if let Some(s) = lower.strip_prefix("in:") {
                if let Some(scope) = Scope::parse(s) {
                    q.scope = scope;
                }
            } else if let Some(w) = word.strip_prefix('\'') {
                q.exact.extend(pieces(w));
            } else if let Some(w) = word.strip_prefix('!') {
                let folded = super::fold(w);
                if !folded.is_empty() {
                    q.excluded.push(folded);
                }
            } else {
                free.push(word);
            }
        }
        let (references, free) = take_references(&free);
        q.references = references;
        let (dates, undated) = take_dates(&free);
        q.dates = dates;
        for word in undated {
            let name = without_possessive(word);
            let pieces = pieces(name);
            let initials = is_initials(word);
            let start = q.traits.len();
            q.traits.extend(std::iter::repeat_n(
                WordTraits {
                    initials,
                    ..WordTraits::default()
                },
                pieces.len(),
            ));
            // (The possessive is the last piece's: `Il-sung's`.)
            if let Some(last) = q.traits[start..].last_mut() {
                last.possessive = name.len() < word.len();
            }
            q.words.extend(pieces);
        }
        q.read_acronyms_typed_in_full(acronyms);
        let given_names = super::variants::given_names(&q.words);
        let function: Vec<bool> = q
            .words
            .iter()
            .map(|w| super::variants::is_function_word(w))
            .collect();
        // (A query of function words alone needs them all.)
        let any_other = function.contains(&false);
        for ((traits, given_name), function_word) in
            q.traits.iter_mut().zip(given_names).zip(function)
        {
            traits.given_name = given_name;
            traits.function_word = function_word && any_other;
        }
        q
    }

    /// The names an acronym stands for that the query's words spell out in full, each as the
    /// words' range and the acronym (`joint chiefs of staff`, `jcs`): a note with the acronym,
    /// written or spelled out, has those words.
    fn read_acronyms_typed_in_full(&mut self, acronyms: &super::AcronymTable) {
        // (The names are listed as written: `People's` is `peoples`, though a possessive typed
        // is searched as its name.)
        let as_typed: Vec<String> = self
            .words
            .iter()
            .zip(&self.traits)
            .map(|(w, t)| {
                if t.possessive {
                    format!("{w}s")
                } else {
                    w.clone()
                }
            })
            .collect();
        let mut i = 0;
        while i < as_typed.len() {
            let rest = as_typed[i..].iter().map(String::as_str);
            let (len, names) = acronyms.long_forms_at(rest);
            // (A one-word name is matched as any word, with its variants: `Guomindang`.)
            match names.first() {
                Some(name) if len > 1 => {
                    self.acronyms.push(TypedAcronym {
                        words: i..i + len,
                        acronym: name.acronym.clone(),
                    });
                    i += len;
                }
                _ => i += 1,
            }
        }
    }

    /// How many things the query asks for that a near miss may lack: each word (a given name
    /// is optional already), `'word`, phrase, date and archival reference.
    pub fn requirement_count(&self) -> usize {
        self.required_words().count()
            + self.exact.len()
            + self.phrases.len()
            + self.dates.len()
            + self.references.len()
    }

    /// The places in `words` of the words a note must have: the requirements counted first.
    pub fn required_words(&self) -> impl Iterator<Item = usize> + '_ {
        (0..self.words.len()).filter(|&w| !self.is_optional(w))
    }

    /// What word `w` is (nothing in particular past the words).
    pub fn traits_of(&self, w: usize) -> WordTraits {
        self.traits.get(w).copied().unwrap_or_default()
    }

    /// Whether word `w` is one a note may lack: a given name of a person named in full, or a
    /// function word.
    pub fn is_optional(&self, w: usize) -> bool {
        let t = self.traits_of(w);
        t.given_name || t.function_word
    }

    /// Where requirement `i` (in the order [`Query::requirement_count`] counts) is kept.
    fn requirement(&self, i: usize) -> Option<Asked> {
        let required: Vec<usize> = self.required_words().collect();
        let mut i = i;
        if let Some(&w) = required.get(i) {
            return Some(Asked::Word(w));
        }
        i -= required.len();
        for (list, make) in [
            (self.exact.len(), Asked::Exact as fn(usize) -> Asked),
            (self.phrases.len(), Asked::Phrase),
            (self.dates.len(), Asked::Date),
            (self.references.len(), Asked::Reference),
        ] {
            if i < list {
                return Some(make(i));
            }
            i -= list;
        }
        None
    }

    /// The query without requirement `i`: what a note lacking it must still have.
    pub fn without(&self, i: usize) -> Query {
        let mut q = self.clone();
        match self.requirement(i) {
            Some(Asked::Word(w)) => {
                q.words.remove(w);
                // A name without one of its words is no longer the acronym's.
                q.acronyms.retain(|a| !a.words.contains(&w));
                for a in &mut q.acronyms {
                    if a.words.start > w {
                        a.words = a.words.start - 1..a.words.end - 1;
                    }
                }
                if w < q.traits.len() {
                    q.traits.remove(w);
                }
            }
            Some(Asked::Exact(k)) => drop(q.exact.remove(k)),
            Some(Asked::Phrase(k)) => drop(q.phrases.remove(k)),
            Some(Asked::Date(k)) => drop(q.dates.remove(k)),
            Some(Asked::Reference(k)) => drop(q.references.remove(k)),
            None => {}
        }
        q
    }

    /// Requirement `i` as a reader would write it: `report`, `"to attack"`, `1949-09-14`,
    /// `fond 45`.
    pub fn requirement_label(&self, i: usize) -> String {
        match self.requirement(i) {
            Some(Asked::Word(w)) if self.traits_of(w).possessive => {
                format!("{}'s", self.words[w])
            }
            Some(Asked::Word(w)) => self.words[w].clone(),
            Some(Asked::Exact(k)) => format!("'{}", self.exact[k]),
            Some(Asked::Phrase(k)) => format!("\"{}\"", self.phrases[k]),
            Some(Asked::Date(k)) => self.dates[k].to_string(),
            Some(Asked::Reference(k)) => {
                let r = &self.references[k];
                format!("{} {}", r.field.name(), r.value)
            }
            None => String::new(),
        }
    }

    /// Whether the query asks for anything (an empty one lists every note in order).
    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
            && self.exact.is_empty()
            && self.phrases.is_empty()
            && self.excluded.is_empty()
            && self.dates.is_empty()
            && self.references.is_empty()
    }
}

/// One of a query's requirements, by its place in its list.
#[derive(Debug, Clone, Copy)]
enum Asked {
    Word(usize),
    Exact(usize),
    Phrase(usize),
    Date(usize),
    Reference(usize),
}

/// Whether a word typed is a person's initials with their full stops (`T.F.`, `G.I.`, `T.`):
/// letters alone, each followed by a full stop.
fn is_initials(word: &str) -> bool {
    let folded = super::fold(word);
    let mut chars = folded.chars();
    let mut letters = 0;
    while let Some(c) = chars.next() {
        if !c.is_alphabetic() || chars.next() != Some('.') {
            return false;
        }
        letters += 1;
    }
    letters > 0
}

/// A name typed in its possessive, as the name: `Mao's telegram` finds "Mao's telegram" (and the
/// thesis's "Maos telegram") first, then "Telegram from Mao", and `Kim Il Sung's visit` names
/// Kim Il Sung in full.
fn without_possessive(word: &str) -> &str {
    ["'s", "’s", "'S", "’S"]
        .iter()
        .find_map(|ending| word.strip_suffix(ending))
        .filter(|name| name.chars().last().is_some_and(char::is_alphanumeric))
        .unwrap_or(word)
}

/// A word's folded pieces: `NSC-68` finds `NSC 68`, `Il-sung` finds `Il Sung`. Initials are
/// one piece, as the index joins them too: `U.S.S.R.` finds `USSR`.
fn pieces(word: &str) -> Vec<String> {
    let folded = super::fold(word);
    let pieces: Vec<String> = folded
        .split(|c: char| !c.is_alphanumeric())
        .filter(|p| !p.is_empty())
        .map(str::to_string)
        .collect();
    let single_letter = |p: &String| p.chars().count() == 1 && p.chars().all(char::is_alphabetic);
    let initials = pieces.len() >= 2
        && pieces.iter().all(single_letter)
        && folded.chars().all(|c| c.is_alphabetic() || c == '.');
    if initials {
        return vec![pieces.concat()];
    }
    // `thirty-eighth` is one ordinal, `38th`.
    match &pieces[..] {
        [tens, unit] if super::variants::is_split_ordinal(tens, unit) => vec![pieces.concat()],
        _ => pieces,
    }
}

/// The archival references among the words, and the words that are not part of one: a label
/// and a value with a digit in it, as one word (`f.45`, `Opis266`) or several (`fond 45`,
/// `record group 59`).
pub(crate) fn take_references<'w>(words: &[&'w str]) -> (Vec<Reference>, Vec<&'w str>) {
    let mut references = Vec::new();
    let mut rest = Vec::new();
    let mut i = 0;
    while i < words.len() {
        match reference_at(&words[i..]) {
            Some((reference, used)) => {
                references.push(reference);
                i += used;
            }
            None => {
                rest.push(words[i]);
                i += 1;
            }
        }
    }
    (references, rest)
}

/// The reference the words start with, and how many words it takes.
fn reference_at(words: &[&str]) -> Option<(Reference, usize)> {
    // Each word's folded pieces, with the word they come from (`f.45,` is `f`, `45`).
    let pieces: Vec<(String, usize)> = words
        .iter()
        .take(4)
        .enumerate()
        .flat_map(|(w, word)| pieces(word).into_iter().map(move |p| (p, w)))
        .collect();
    for field in ReferenceField::ALL {
        // A value has a digit, or for a volume is a Roman numeral (`vol VII`).
        let is_value = |p: &str| {
            p.bytes().any(|b| b.is_ascii_digit())
                || (field == ReferenceField::Volume
                    && crate::corpus::citations::volume_number(p).is_some())
        };
        for label in field.labels() {
            let n = label.len();
            let Some((value, w)) = pieces.get(n) else {
                continue;
            };
            // The label, then the value, then nothing more of the value's word; a label
            // hyphened to a number is a name (`F-86`).
            let whole = pieces.get(n + 1).is_none_or(|(_, next)| next != w);
            let hyphened = pieces[n - 1].1 == *w && words[*w].contains(['-', '–']);
            if pieces[..n].iter().map(|(p, _)| p).eq(label) && is_value(value) && whole && !hyphened
            {
                let value = value.clone();
                return Some((Reference { field, value }, w + 1));
            }
        }
        // A label written onto its value: `Opis266`, `Delo3`.
        let (first, _) = pieces.first()?;
        let glued = field.glued_labels().find_map(|label| {
            first
                .strip_prefix(label)
                .filter(|v| v.starts_with(|c: char| c.is_ascii_digit()))
        });
        if let Some(value) = glued {
            if pieces.get(1).is_none_or(|(_, w)| *w != 0) {
                let value = value.to_string();
                return Some((Reference { field, value }, 1));
            }
        }
    }
    None
}

/// The dates among the words (day or month precision; a bare year stays a word), and the words
/// that are not part of one.
pub(crate) fn take_dates<'w>(words: &[&'w str]) -> (Vec<PartialDate>, Vec<&'w str>) {
    let mut dates = Vec::new();
    let mut used = vec![false; words.len()];
    // `1949. 3. 5.`, as Korean writes a day: a year's word ending in a full stop, and the
    // month's and day's after it.
    for len in [3, 2] {
        for i in 0..words.len().saturating_sub(len - 1) {
            let run = &words[i..i + len];
            if used[i..i + len].iter().any(|&u| u) || !run[0].ends_with('.') {
                continue;
            }
            if let Some(date) = PartialDate::year_first(&run.concat()).filter(|d| d.month.is_some())
            {
                dates.push(date);
                used[i..i + len].fill(true);
            }
        }
    }
    for (i, w) in words.iter().enumerate() {
        if used[i] {
            continue;
        }
        // (`1950-01-30`, `1950-01`, `1950.1.30`, `30.1.1950`: a bare year stays a word.)
        if let Some(date) = PartialDate::in_figures(w).filter(|d| d.month.is_some()) {
            dates.push(date);
            used[i] = true;
        }
    }
    // The date finder reads running text: months capitalised, as printed. Each word is
    // written at a known char offset so a date's span maps back to the words it covers.
    let mut text = String::new();
    let mut starts = Vec::new();
    for (i, w) in words.iter().enumerate() {
        if i > 0 {
            text.push(' ');
        }
        starts.push(text.chars().count());
        match year_of_two_digits(words, i) {
            Some(year) => text.push_str(&year),
            None => text.push_str(&capitalised(w)),
        }
    }
    for mention in find_dates_with(&text, false, None) {
        if mention.date.month.is_none() {
            continue;
        }
        let covered: Vec<usize> = (0..words.len())
            .filter(|&i| starts[i] >= mention.start && starts[i] < mention.stop)
            .collect();
        if covered.iter().any(|&i| used[i]) {
            continue;
        }
        for i in covered {
            used[i] = true;
        }
        dates.push(mention.date);
    }
    let rest = words
        .iter()
        .zip(&used)
        .filter(|(_, &u)| !u)
        .map(|(w, _)| *w)
        .collect();
    (dates, rest)
}

/// `Sep 49`, `3 September 49`: a year written with two digits after a month (too big for a
/// day) as four, in the 1900s of the texts' years. (`'49` is the query's exact word 49.)
fn year_of_two_digits(words: &[&str], i: usize) -> Option<String> {
    let digits = words[i];
    let two_digits = digits.len() == 2 && digits.bytes().all(|b| b.is_ascii_digit());
    let after_month = i > 0
        && crate::corpus::months::month_of_any_case(words[i - 1].trim_end_matches([',', '.']))
            .is_some();
    let not_a_day = digits.parse::<u32>().is_ok_and(|n| n > 31);
    (two_digits && after_month && not_a_day).then(|| format!("19{digits}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_year_of_two_digits_after_a_month_is_in_the_1900s() {
        let date = |q: &str| take_dates(&q.split(' ').collect::<Vec<_>>()).0;
        let sep_3 = PartialDate {
            year: 1949,
            month: Some(9),
            day: Some(3),
        };
        assert_eq!(date("3 sep 49"), [sep_3]);
        assert_eq!(date("3 september 49"), [sep_3]);
        assert_eq!(date("sep 49")[0].month, Some(9));
        // A day after its month stays a day, and a number alone a word.
        assert!(date("june 25").is_empty());
        assert!(date("telegram 49").is_empty());
    }

    #[test]
    fn initials_are_letters_each_with_its_full_stop() {
        for yes in ["T.F.", "t.", "G.I."] {
            assert!(is_initials(yes), "{yes}");
        }
        for no in ["T.F", "TF", "Sr.", "1.2.", ".", "", "U.S.policy"] {
            assert!(!is_initials(no), "{no}");
        }
    }

    #[test]
    fn each_requirement_can_be_named_and_left_out() {
        // Kim Il Sung's given names are optional already: not requirements of their own.
        let q = Query::parse("Kim Il Sung telegram 'RG \"to attack\" 30 Jan 1950 fond 45");
        assert_eq!(q.requirement_count(), 6);
        let labels: Vec<String> = (0..6).map(|i| q.requirement_label(i)).collect();
        assert_eq!(
            labels,
            [
                "kim",
                "telegram",
                "'rg",
                "\"to attack\"",
                "1950-01-30",
                "fond 45"
            ]
        );
        let without_telegram = q.without(1);
        assert_eq!(without_telegram.words, ["kim", "il", "sung"]);
        let given_names: Vec<bool> = without_telegram
            .traits
            .iter()
            .map(|t| t.given_name)
            .collect();
        assert_eq!(given_names, [false, true, true]);
        assert!(q.without(4).dates.is_empty());
        assert!(q.without(5).references.is_empty());
        assert_eq!(q.without(2).exact.len(), 0);
        assert_eq!(q.without(9), q, "out of range leaves it whole");
    }

    #[test]
    fn words_filters_and_scope() {
        let q = Query::parse("Vyshinsky  doc:Thesis Shtykov part:IV in:body");
        assert_eq!(q.words, vec!["vyshinsky", "shtykov"]);
        assert_eq!(q.doc.as_deref(), Some("thesis"));
        assert_eq!(q.part.as_deref(), Some("iv"));
        assert_eq!(q.scope, Scope::Body);
        assert_eq!(Query::parse("NSC-68").words, vec!["nsc", "68"]);
        assert_eq!(Query::parse("Kim Il-sung").words, vec!["kim", "il", "sung"]);
        assert_eq!(Query::parse("in:all").scope, Scope::All);
    }

    #[test]
    fn phrases_exact_and_excluded_words() {
        let q = Query::parse("\"Shtykov to  Vyshinsky\" 'FRUS !Ibid 1949");
        assert_eq!(q.phrases, vec!["shtykov to vyshinsky"]);
        assert_eq!(q.exact, vec!["frus"]);
        assert_eq!(q.excluded, vec!["ibid"]);
        assert_eq!(q.words, vec!["1949"]);
        // A phrase being typed: the quote is not part of any word.
        assert_eq!(Query::parse("\"Vyshinsky").phrases, vec!["vyshinsky"]);
        assert!(Query::parse("\"Vyshinsky").words.is_empty());
        // Curly quotes, as pasted from the text or typed by smart quotes.
        assert_eq!(
            Query::parse("“Shtykov to Vyshinsky”").phrases,
            vec!["shtykov to vyshinsky"]
        );
    }

    #[test]
    fn dates_in_every_form() {
        let day = PartialDate::day(1950, 1, 30);
        for text in [
            "30 Jan 1950",
            "January 30, 1950",
            "january 30 1950",
            "1950-01-30",
            "1950.1.30",
            "1950. 1. 30.",
            "1950/01/30",
        ] {
            let q = Query::parse(&format!("Stalin {text}"));
            assert_eq!(q.dates, vec![day], "{text}");
            assert_eq!(q.words, vec!["stalin"], "{text}");
        }
        assert_eq!(
            Query::parse("Jan 1950").dates,
            vec![PartialDate::month(1950, 1)]
        );
        assert_eq!(
            Query::parse("sept 1949").dates,
            vec![PartialDate::month(1949, 9)]
        );
        assert_eq!(
            Query::parse("1949-09").dates,
            vec![PartialDate::month(1949, 9)]
        );
        // A year alone is a word: it is matched as written.
        let q = Query::parse("FRUS 1949");
        assert!(q.dates.is_empty());
        assert_eq!(q.words, vec!["frus", "1949"]);
    }

    #[test]
    fn archival_references_as_the_texts_label_them() {
        let reference = |field, value: &str| Reference {
            field,
            value: value.to_string(),
        };
        use ReferenceField::*;
        let fond_opis_delo = vec![
            reference(Fond, "45"),
            reference(Opis, "1"),
            reference(Delo, "346"),
        ];
        let q = Query::parse("APRF fond 45 opis 1 delo 346");
        assert_eq!(q.words, vec!["aprf"]);
        assert_eq!(q.references, fond_opis_delo);
        // As the thesis writes them: `F.45, OP.1, D.346`, `Font.558`, `Fond 25A`, `Opis266`.
        let q = Query::parse("F.45, OP.1, D.346");
        assert_eq!(q.references, fond_opis_delo);
        assert!(q.words.is_empty());
        assert_eq!(
            Query::parse("Font.558").references,
            vec![reference(Fond, "558")]
        );
        assert_eq!(
            Query::parse("fond 25A").references,
            vec![reference(Fond, "25a")]
        );
        assert_eq!(
            Query::parse("Opis266").references,
            vec![reference(Opis, "266")]
        );
        assert_eq!(Query::parse("f. 3").references, vec![reference(Fond, "3")]);
        let q = Query::parse("record group 59 Muccio");
        assert_eq!(q.references, vec![reference(RecordGroup, "59")]);
        assert_eq!(q.words, vec!["muccio"]);
        assert_eq!(
            Query::parse("RG 218").references,
            vec![reference(RecordGroup, "218")]
        );
        // A volume in figures or Roman numerals, however labelled.
        for text in ["vol VII", "Vol. 7", "volume vii", "Tom 7"] {
            let q = Query::parse(text);
            assert_eq!(q.references.len(), 1, "{text}");
            assert_eq!(q.references[0].field, Volume);
            assert!(Volume.is_value("vii", &q.references[0].value), "{text}");
            assert!(Volume.is_value("7", &q.references[0].value), "{text}");
        }
        // Without a number it is a word: "fond of", a name, `F-86`, `f45`.
        for text in ["fond of Kim", "delo", "F-86", "f45", "D.C.", "Tom Connally"] {
            assert!(Query::parse(text).references.is_empty(), "{text}");
        }
    }
}
