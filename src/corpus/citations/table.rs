//! The knowledge behind citation parsing, from `corpus/citations.toml`: archives and their
//! spellings, reference field labels, document numbers and kinds, correspondents' names.

use std::collections::BTreeMap;
use std::sync::OnceLock;

use regex::Regex;
use serde::Deserialize;

use super::text::trim_end_punct;
use super::CitedKind;

const CITATIONS_TOML: &str = include_str!("../../../corpus/citations.toml");

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct TableFile {
    archive: Vec<ArchiveFile>,
    fields: FieldLabels,
    nara: NaraFile,
    document: DocumentFile,
    people: PeopleFile,
    citation: CitationFile,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ArchiveFile {
    id: String,
    name: String,
    #[serde(default)]
    names: Vec<String>,
    #[serde(default)]
    contains: Vec<String>,
    #[serde(default)]
    patterns: Vec<String>,
    #[serde(default)]
    via: Vec<String>,
    #[serde(default)]
    publications: Vec<String>,
    #[serde(default)]
    family: Option<String>,
    #[serde(default)]
    fields: bool,
    #[serde(default = "yes")]
    letters: bool,
    #[serde(default)]
    paged: bool,
}

fn yes() -> bool {
    true
}

/// Reference field labels, longest first within each field.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FieldLabels {
    pub fond: Vec<String>,
    pub opis: Vec<String>,
    pub delo: Vec<String>,
    pub papka: Vec<String>,
    pub listy: Vec<String>,
    /// The labels' first letters in lower case: a part opening with none is no field.
    #[serde(skip)]
    first_letters: Vec<u8>,
}

impl FieldLabels {
    fn longest_first(mut self) -> FieldLabels {
        for labels in [
            &mut self.fond,
            &mut self.opis,
            &mut self.delo,
            &mut self.papka,
            &mut self.listy,
        ] {
            labels.sort_by_key(|l| std::cmp::Reverse(l.len()));
        }
        let mut first: Vec<u8> = [&self.fond, &self.opis, &self.delo, &self.papka, &self.listy]
            .into_iter()
            .flatten()
            .filter_map(|l| l.bytes().next())
            .map(|b| b.to_ascii_lowercase())
            .collect();
        first.sort_unstable();
        first.dedup();
        self.first_letters = first;
        self
    }

    /// Whether `part` could open with a label (its first letter is one a label opens with).
    pub fn may_label(&self, part: &str) -> bool {
        part.bytes()
            .next()
            .is_some_and(|b| self.first_letters.contains(&b.to_ascii_lowercase()))
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct NaraFile {
    #[serde(rename = "box")]
    box_: String,
    section: String,
    file: Vec<String>,
    record_group: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct DocumentFile {
    volume: Vec<String>,
    numbers: Vec<String>,
    authored: Vec<String>,
    #[serde(default)]
    number_kind: Vec<NumberKindFile>,
    correspondence_default: CitedKind,
    kind: Vec<KindFile>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct NumberKindFile {
    prefix: String,
    kind: CitedKind,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct KindFile {
    kind: CitedKind,
    words: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct PeopleFile {
    not_names: Vec<String>,
    not_possessive: Vec<String>,
    titles: Vec<String>,
    offices: Vec<String>,
    family_name_first: Vec<String>,
    family_name_particles: Vec<String>,
    names: BTreeMap<String, String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct CitationFile {
    abbreviations: Vec<String>,
    cited_after: Vec<String>,
    text_of: Vec<String>,
    short_name_given: Vec<String>,
    front_matter: Vec<String>,
    prose_verbs: Vec<String>,
    publisher_words: Vec<String>,
    places: Vec<String>,
    periodicals: Vec<String>,
    series_words: Vec<String>,
    book_series: Vec<String>,
    meetings: Vec<String>,
    report_series: Vec<String>,
    see: Vec<String>,
    leads: Vec<String>,
    et_al: Vec<String>,
    issue_labels: Vec<String>,
    page_labels: Vec<String>,
    part_labels: Vec<String>,
    editor_marks: Vec<String>,
    roles: Vec<String>,
}

/// One archive or collection.
#[derive(Debug)]
pub struct Archive {
    pub id: String,
    pub name: String,
    patterns: Vec<Regex>,
    pub via: Vec<String>,
    /// Titles of the works it published, for a citation that names the work alone.
    publications: Vec<String>,
    /// A Soviet document, whichever collection holds it.
    pub soviet: bool,
    /// Whether fond / opis / delo are read in its citations.
    pub fields: bool,
    /// Whether its documents are letters between people (`X to Y`); a CIA title's "to" is not.
    pub letters: bool,
    /// Whether a document is found by its year, volume and pages (a printed series: FRUS).
    pub paged: bool,
    /// The words a reader may type for it, lower case: its id and its one-word spellings of
    /// three letters or more (`rtskhidni`, `tsamorf`; not `na`).
    pub typed_names: Vec<String>,
}

/// What an archive match found in one part of a citation.
#[derive(Clone, Copy)]
pub struct ArchiveMatch<'t> {
    pub archive: usize,
    pub record_group: Option<&'t str>,
}

#[derive(Debug)]
pub struct Table {
    pub archives: Vec<Archive>,
    pub fields: FieldLabels,
    pub nara_box: Regex,
    pub nara_section: Regex,
    /// Every file pattern in one, to find any file in one pass.
    pub nara_file: Regex,
    /// Labels of a record group (`RG`, `Record Group`).
    pub record_group_labels: Vec<String>,
    /// Labels of a volume (`Vol`, `Tom`).
    pub volume_labels: Vec<String>,
    pub numbers: Numbers,
    /// (number prefix, kind): what a series' documents are (`IM-302`, an intelligence
    /// memorandum), where the description says nothing.
    pub number_kinds: Vec<(String, CitedKind)>,
    pub correspondence_default: CitedKind,
    /// (lower-case word, kind), in the file's order.
    pub kind_words: Vec<(String, CitedKind)>,
    /// The kind words in one automaton (any case): a description is scanned once.
    pub kind_matcher: aho_corasick::AhoCorasick,
    /// (lower-case name, kind): each kind's first word, what a reader types to ask for the
    /// documents of the kind (`telegram`, `conversation`); `other` has none.
    kind_names: Vec<(String, CitedKind)>,
    pub titles: Vec<String>,
    /// Nouns of a document with an author but no kind of their own (`speech`), lower case.
    authored_nouns: Vec<String>,
    /// Capitalised words of a description that name no one (`Secret`, `Telegram`).
    not_names: Vec<String>,
    /// Capitalised plurals that are no one's possessive (`Operations`).
    not_possessive: Vec<String>,
    /// Words that make a name an office or a body, kept whole (`Soviet Foreign Ministry`).
    pub offices: Vec<String>,
    /// Family names written first (`Kim Il Sung`).
    pub family_name_first: Vec<String>,
    /// Words that belong to the family name after them (`Van` in `Erik Van Ree`), lower case.
    pub family_name_particles: Vec<String>,
    /// Lower-case name → surname.
    pub people: BTreeMap<String, String>,
    pub abbreviations: Vec<String>,
    /// Words in prose after which a citation follows, each with a space either side
    /// (` quoted in `).
    pub cited_after: Vec<String>,
    /// How prose opens that names the document a cited work prints, each with a space after
    /// (`For the text of `).
    pub text_of: Vec<String>,
    /// How a citation gives the short name it is cited by afterwards, each with a space after
    /// (`hereafter cited as `).
    pub short_name_given: Vec<String>,
    /// Lower-case names of a book's parts by another hand (`preface`): `Cumings's preface in
    /// I. F. Stone, …` cites Stone's book.
    pub front_matter: Vec<String>,
    /// Lower-case verbs that make a sentence prose rather than a citation.
    pub prose_verbs: rustc_hash::FxHashSet<String>,
    /// Words that make a name a publisher's (`Press`, `Inc`), matched as written.
    publisher_words: Vec<String>,
    /// Places of publication an imprint may give without its publisher (`Moskva, 1951`).
    places: Vec<String>,
    /// Last words of a newspaper's name (`Ilbo`, `Shimbun`), or its whole name (`Pravda`).
    periodicals: Vec<String>,
    /// Words that make a name a journal's or a series' (`Military History`, `research
    /// paper`), any case.
    series_words: Vec<String>,
    /// Words that name a book's series (`Series`), as written.
    book_series: Vec<String>,
    /// Words that name a meeting a paper was given at (`Conference`), as written, each
    /// searcher built once: every part of a title after its first is asked.
    meetings: Vec<memchr::memmem::Finder<'static>>,
    /// Names of a series of reports (`Working Paper`), any case.
    report_series: Vec<String>,
    /// Words after which a citation follows in a sentence, each with a space after (`see `),
    /// the longer first; each searcher built once, as every sentence of every note is asked.
    pub see: Vec<memchr::memmem::Finder<'static>>,
    /// Words a cited work may open with that are not its own, each with a space after
    /// (`also `, `cf. `), taken off in this order.
    pub leads: Vec<String>,
    /// Marks of an author's co-authors (`et al.`), any case, the longer first.
    pub et_al: Vec<String>,
    /// Labels of an issue, pages, or a book's part or chapter (`no.`, `pp.`, `ch.`): a part
    /// opening with one places the work. Any case.
    pub locator_labels: Vec<String>,
    /// Labels of pages (`p.`, `pp.`), any case.
    pub page_labels: Vec<String>,
    /// Labels of a book's part or chapter (`pt.`, `ch.`), any case.
    pub part_labels: Vec<String>,
    /// An editor's marks after a name (`ed.`).
    pub editor_marks: Vec<String>,
    /// Roles a part names alone after a title (`ed`, `trans`), any case, without a stop.
    pub roles: Vec<String>,
    archive_names: ArchiveNames,
    /// Every archive's patterns in one, unanchored: a text none matches anywhere has no part
    /// that one matches whole.
    any_archive_pattern: Option<Regex>,
}

/// The archives' whole names and the words that name one anywhere in a part, indexed so a
/// part is looked up once rather than against every archive in turn (a citation has many
/// parts, the table dozens of spellings).
#[derive(Debug)]
struct ArchiveNames {
    /// (name, archive) by the name's length in bytes; compared ignoring ASCII case.
    by_len: Vec<Vec<(String, usize)>>,
    /// Every `contains` spelling in one automaton; the pattern id indexes `contains_archive`.
    contains: aho_corasick::AhoCorasick,
    contains_archive: Vec<usize>,
    /// Every name and spelling in any case, to tell in one pass that a text names none.
    anywhere: aho_corasick::AhoCorasick,
}

impl ArchiveNames {
    fn new(archives: &[ArchiveFile]) -> ArchiveNames {
        let mut by_len: Vec<Vec<(String, usize)>> = Vec::new();
        let mut contains = Vec::new();
        let mut contains_archive = Vec::new();
        for (i, a) in archives.iter().enumerate() {
            // (The full name written out, `Harry S. Truman Library`, is a name too.)
            for n in std::iter::once(&a.name).chain(&a.names) {
                if by_len.len() <= n.len() {
                    by_len.resize_with(n.len() + 1, Vec::new);
                }
                by_len[n.len()].push((n.clone(), i));
            }
            for c in &a.contains {
                contains.push(c.as_str());
                contains_archive.push(i);
            }
        }
        let every = archives
            .iter()
            .flat_map(|a| a.names.iter().chain(&a.contains));
        ArchiveNames {
            by_len,
            contains: aho_corasick::AhoCorasick::new(contains)
                .expect("corpus/citations.toml: archive spellings build a matcher"),
            contains_archive,
            anywhere: aho_corasick::AhoCorasick::builder()
                .ascii_case_insensitive(true)
                .build(every)
                .expect("corpus/citations.toml: archive names build a matcher"),
        }
    }

    /// The first archive (in the table's order) whose name is the whole part.
    fn named(&self, part: &str) -> Option<usize> {
        self.by_len
            .get(part.len())?
            .iter()
            .filter(|(n, _)| n.eq_ignore_ascii_case(part))
            .map(|&(_, i)| i)
            .min()
    }

    /// The first archive whose name is the whole part or one of whose spellings it contains.
    fn in_part(&self, part: &str) -> Option<usize> {
        let contained = self
            .contains
            .find_overlapping_iter(part)
            .map(|m| self.contains_archive[m.pattern().as_usize()])
            .min();
        match (self.named(part), contained) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        }
    }
}

/// Compiles a pattern from the table, anchored to the whole part when `whole`.
fn compile(pattern: &str, whole: bool) -> Regex {
    let source = if whole {
        format!("^(?:{pattern})$")
    } else {
        pattern.to_string()
    };
    // Embedded in the binary and compiled by the tests: it cannot fail at run time.
    Regex::new(&source).expect("corpus/citations.toml: patterns compile")
}

/// Document number patterns, in the file's order: the first that matches anywhere wins.
#[derive(Debug)]
pub struct Numbers {
    each: Vec<Regex>,
    /// All of them in one: most documents have no number, and one search says so.
    any: Regex,
}

impl Numbers {
    fn new(patterns: &[String]) -> Numbers {
        let each: Vec<String> = patterns.iter().map(|p| format!(r"\b(?:{p})")).collect();
        Numbers {
            any: compile(&each.join("|"), false),
            each: each.iter().map(|p| compile(p, false)).collect(),
        }
    }

    /// The number `doc` gives, by the first pattern that finds one.
    pub fn first_in<'d>(&self, doc: &'d str) -> Option<&'d str> {
        if !self.any.is_match(doc) {
            return None;
        }
        self.each
            .iter()
            .find_map(|re| re.find(doc))
            .map(|m| m.as_str())
    }
}

impl Table {
    /// The table embedded in the binary.
    pub fn get() -> &'static Table {
        static TABLE: OnceLock<Table> = OnceLock::new();
        TABLE.get_or_init(|| {
            let file: TableFile =
                toml::from_str(CITATIONS_TOML).expect("corpus/citations.toml parses");
            Table::from_file(file)
        })
    }

    fn from_file(file: TableFile) -> Table {
        // Openings of words that run on (`For the text of `, `hereafter cited as `).
        let space_after = |list: &[String]| -> Vec<String> {
            list.iter().map(|w| format!("{} ", w.trim())).collect()
        };
        let kind_words: Vec<(String, CitedKind)> = file
            .document
            .kind
            .iter()
            .flat_map(|k| k.words.iter().map(|w| (w.to_lowercase(), k.kind)))
            .collect();
        let kind_matcher = aho_corasick::AhoCorasick::builder()
            .ascii_case_insensitive(true)
            .match_kind(aho_corasick::MatchKind::LeftmostLongest)
            .build(kind_words.iter().map(|(w, _)| w.as_str()))
            .expect("corpus/citations.toml: kind words build a matcher");
        let kind_names = file
            .document
            .kind
            .iter()
            .filter(|k| k.kind != CitedKind::Other)
            .filter_map(|k| Some((k.words.first()?.to_lowercase(), k.kind)))
            .collect();
        Table {
            kind_matcher,
            kind_names,
            archive_names: ArchiveNames::new(&file.archive),
            any_archive_pattern: {
                let all: Vec<String> = file
                    .archive
                    .iter()
                    .flat_map(|a| &a.patterns)
                    .map(|p| format!("(?:{p})"))
                    .collect();
                (!all.is_empty()).then(|| compile(&all.join("|"), false))
            },
            archives: file
                .archive
                .into_iter()
                .map(|a| Archive {
                    typed_names: typed_names(&a),
                    soviet: a.family.as_deref() == Some("soviet"),
                    patterns: a.patterns.iter().map(|p| compile(p, true)).collect(),
                    id: a.id,
                    name: a.name,
                    via: a.via,
                    publications: a.publications,
                    fields: a.fields,
                    letters: a.letters,
                    paged: a.paged,
                })
                .collect(),
            fields: FieldLabels::longest_first(file.fields),
            nara_box: compile(&format!("(?i){}", file.nara.box_), false),
            nara_section: compile(&file.nara.section, false),
            nara_file: compile(
                &file
                    .nara
                    .file
                    .iter()
                    .map(|p| format!("(?:{p})"))
                    .collect::<Vec<_>>()
                    .join("|"),
                false,
            ),
            record_group_labels: file.nara.record_group,
            volume_labels: file.document.volume,
            numbers: Numbers::new(&file.document.numbers),
            number_kinds: file
                .document
                .number_kind
                .into_iter()
                .map(|n| (n.prefix, n.kind))
                .collect(),
            correspondence_default: file.document.correspondence_default,
            kind_words,
            titles: file.people.titles,
            authored_nouns: file
                .document
                .authored
                .iter()
                .map(|w| w.to_lowercase())
                .collect(),
            not_names: file.people.not_names,
            not_possessive: file.people.not_possessive,
            offices: file.people.offices,
            family_name_first: file.people.family_name_first,
            family_name_particles: file
                .people
                .family_name_particles
                .iter()
                .map(|p| p.to_lowercase())
                .collect(),
            people: file
                .people
                .names
                .into_iter()
                .map(|(k, v)| (k.to_lowercase(), v))
                .collect(),
            abbreviations: file.citation.abbreviations,
            cited_after: file
                .citation
                .cited_after
                .iter()
                .map(|words| format!(" {} ", words.trim()))
                .collect(),
            text_of: space_after(&file.citation.text_of),
            short_name_given: space_after(&file.citation.short_name_given),
            front_matter: file
                .citation
                .front_matter
                .iter()
                .map(|w| w.to_lowercase())
                .collect(),
            prose_verbs: file
                .citation
                .prose_verbs
                .iter()
                .map(|v| v.to_lowercase())
                .collect(),
            publisher_words: file.citation.publisher_words,
            places: file.citation.places,
            periodicals: file.citation.periodicals,
            series_words: file.citation.series_words,
            book_series: file.citation.book_series,
            meetings: (file.citation.meetings.iter())
                .map(|w| memchr::memmem::Finder::new(w).into_owned())
                .collect(),
            report_series: file.citation.report_series,
            see: space_after(&file.citation.see)
                .iter()
                .map(|w| memchr::memmem::Finder::new(w).into_owned())
                .collect(),
            leads: space_after(&file.citation.leads),
            et_al: file.citation.et_al,
            locator_labels: [
                &file.citation.issue_labels,
                &file.citation.page_labels,
                &file.citation.part_labels,
            ]
            .into_iter()
            .flatten()
            .cloned()
            .collect(),
            page_labels: file.citation.page_labels,
            part_labels: file.citation.part_labels,
            editor_marks: file.citation.editor_marks,
            roles: file.citation.roles,
        }
    }

    /// Whether any part of `text` could name an archive ([`Table::archive_in`]): false says
    /// in one pass that none does, as for most books and articles.
    pub fn may_name_an_archive(&self, text: &str) -> bool {
        self.archive_names.anywhere.is_match(text)
            || self
                .any_archive_pattern
                .as_ref()
                .is_some_and(|p| p.is_match(text))
    }

    /// The archive one comma-separated part of a citation names, if any.
    pub fn archive_in<'t>(&self, part: &'t str) -> Option<ArchiveMatch<'t>> {
        let part = part.trim().trim_end_matches('.');
        // An archive by name or spelling, unless one before it in the table has a pattern
        // that matches.
        let named = self.archive_names.in_part(part);
        for (i, a) in self.archives.iter().enumerate() {
            if named == Some(i) {
                return Some(ArchiveMatch {
                    archive: i,
                    record_group: None,
                });
            }
            // Most parts match no pattern; asking first spares making captures for each.
            for p in a.patterns.iter().filter(|p| p.is_match(part)) {
                if let Some(c) = p.captures(part) {
                    return Some(ArchiveMatch {
                        archive: i,
                        record_group: c.name("record_group").map(|m| m.as_str()),
                    });
                }
            }
        }
        None
    }

    /// The archive whose documents are read in publications by `author` (`Weathersby`: the
    /// CWIHP's translations), by the table's `via`.
    pub fn archive_via(&self, author: &str) -> Option<&Archive> {
        let author = author.trim();
        self.archives
            .iter()
            .find(|a| a.via.iter().any(|v| author.ends_with(v.as_str())))
    }

    /// The archive that published the work titled `title` (`Soviet Aims in Korea and the
    /// Origins of the Korean War, …`: a CWIHP working paper), by the opening words of the
    /// table's `publications`, any case.
    pub fn archive_publishing(&self, title: &str) -> Option<&Archive> {
        self.archives.iter().find(|a| {
            a.publications.iter().any(|p| {
                title
                    .get(..p.len())
                    .is_some_and(|head| head.eq_ignore_ascii_case(p))
                    && title[p.len()..]
                        .chars()
                        .next()
                        .is_none_or(|c| !c.is_alphanumeric())
            })
        })
    }

    /// Whether a part is an archive's name or reference as a whole (`TSAMO`, `RG 59`), not a
    /// title that mentions one.
    pub fn is_archive_name(&self, part: &str) -> bool {
        let part = part.trim().trim_end_matches('.');
        self.archive_names.named(part).is_some()
            || self
                .archives
                .iter()
                .any(|a| a.patterns.iter().any(|p| p.is_match(part)))
    }

    /// Whether `name` has an office's or a body's word in it, any case (`Special
    /// Interdepartmental Committee`, `The Soviet Ministry of Defense`).
    pub fn names_an_office(&self, name: &str) -> bool {
        name.split_whitespace().any(|w| self.is_office_word(w))
    }

    /// Whether `word` is a document's noun that has an author but no kind (`speech`), any case.
    pub fn is_authored_noun(&self, word: &str) -> bool {
        self.authored_nouns
            .iter()
            .any(|n| n.eq_ignore_ascii_case(word))
    }

    /// Whether a capitalised `word` of a description names no one (`Secret`), as written.
    pub fn names_no_one(&self, word: &str) -> bool {
        self.not_names.iter().any(|n| n == word)
    }

    /// Whether a capitalised plural is no one's possessive (`Operations`), as written.
    pub fn is_no_possessive(&self, word: &str) -> bool {
        self.not_possessive.iter().any(|n| n == word)
    }

    /// Whether `word` is an office's or a body's word (`Committee`), any case.
    /// Whether `name` is a body's rather than a person's (`The Korean News Agency`, `Hanlim
    /// University`, `US Department of State`): it holds `The`, an office's word or a
    /// publisher's.
    pub fn names_a_body(&self, name: &str) -> bool {
        name.split_whitespace().any(|w| {
            let w = w.trim_end_matches([',', '.']);
            w == "The" || self.is_office_word(w)
        }) || self.names_a_publisher(name)
    }

    pub fn is_office_word(&self, word: &str) -> bool {
        self.offices.iter().any(|o| o.eq_ignore_ascii_case(word))
    }

    /// Whether `name` has a publisher's word in it, as a whole word (`Stanford University
    /// Press`; not `Incheon`).
    pub fn names_a_publisher(&self, name: &str) -> bool {
        name.split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .any(|w| {
                self.publisher_words
                    .iter()
                    .any(|p| p.trim_end_matches('.') == w)
            })
    }

    /// Whether `name` is a place of publication the table knows (any case).
    pub fn is_place(&self, name: &str) -> bool {
        self.places.iter().any(|p| p.eq_ignore_ascii_case(name))
    }

    /// Whether `name` names a newspaper: its last word, past a bracketed gloss (`Roddong
    /// Shinmum (Labour Newspaper in North Korea)`), is a newspaper's (`Joongang Ilbo Special
    /// News Team` is its team, an author).
    pub fn is_periodical(&self, name: &str) -> bool {
        let name = name.split(" (").next().unwrap_or(name);
        let last = trim_end_punct(name.trim()).rsplit(' ').next().unwrap_or("");
        self.periodicals
            .iter()
            .any(|p| p.eq_ignore_ascii_case(last))
    }

    /// Whether `name` has a word of a journal's or a series' name (`Military History`,
    /// `Communist region research paper`), any case.
    pub fn names_a_series(&self, name: &str) -> bool {
        name.split(|c: char| !c.is_alphanumeric())
            .any(|w| self.series_words.iter().any(|s| s.eq_ignore_ascii_case(w)))
    }

    /// Whether `word` names a book's series (`Series`).
    pub fn is_book_series_word(&self, word: &str) -> bool {
        self.book_series.iter().any(|s| s == word)
    }

    /// Whether `name` opens with a capital and holds a word naming a meeting (`International
    /// Academic Conference marking …`).
    pub fn names_a_meeting(&self, name: &str) -> bool {
        let whole_word = |at: usize, len: usize| {
            let letter = |c: char| c.is_alphanumeric();
            !name[..at].ends_with(letter) && !name[at + len..].starts_with(letter)
        };
        name.trim_start().starts_with(char::is_uppercase)
            && self.meetings.iter().any(|m| {
                m.find_iter(name.as_bytes())
                    .any(|at| whole_word(at, m.needle().len()))
            })
    }

    /// Where `name` holds the name of a series of reports as whole words, any case (`CWIHP
    /// Working Paper` holds `Working Paper` at 6..19).
    pub fn report_series_in(&self, name: &str) -> Option<std::ops::Range<usize>> {
        // (ASCII case folding keeps the byte offsets.)
        let lower = name.to_ascii_lowercase();
        self.report_series.iter().find_map(|label| {
            let label = label.to_ascii_lowercase();
            lower
                .match_indices(&label)
                .map(|(at, _)| at..at + label.len())
                .find(|span| {
                    let before = lower[..span.start].chars().next_back();
                    let after = lower[span.end..].chars().next();
                    !before.is_some_and(char::is_alphanumeric)
                        && !after.is_some_and(char::is_alphanumeric)
                })
        })
    }

    pub fn archive_id(&self, id: &str) -> Option<&Archive> {
        self.archives.iter().find(|a| a.id.eq_ignore_ascii_case(id))
    }

    /// The kind the earliest kind word in `description` names, as a whole word (a plural
    /// counts): `resolution` for `the Politbureau decision`.
    pub fn kind_in(&self, description: &str) -> Option<CitedKind> {
        self.kind_matcher.find_iter(description).find_map(|m| {
            let before_ok = description[..m.start()]
                .chars()
                .next_back()
                .is_none_or(|c| !c.is_alphanumeric());
            let after = &description[m.end()..];
            let after_ok = after.is_empty()
                || after.starts_with(|c: char| !c.is_alphabetic())
                || after.starts_with('s');
            (before_ok && after_ok).then(|| self.kind_words[m.pattern().as_usize()].1)
        })
    }

    /// Each kind's name (its first word, lower case) and the kind, `other` left out.
    pub fn kind_names(&self) -> &[(String, CitedKind)] {
        &self.kind_names
    }

    /// The archive (its place in the table) a word typed names: its id or a one-word
    /// spelling, in any case (`ifans`, `RTsKhIDNI`).
    pub fn archive_typed(&self, word: &str) -> Option<usize> {
        let word = word.to_lowercase();
        self.archives
            .iter()
            .position(|a| a.typed_names.contains(&word))
    }
}

/// An archive's id and its one-word spellings of three letters or more, lower case.
fn typed_names(a: &ArchiveFile) -> Vec<String> {
    let mut names: Vec<String> = std::iter::once(&a.id)
        .chain(&a.names)
        .chain(&a.contains)
        .filter(|n| n.chars().count() >= 3 && n.chars().all(char::is_alphanumeric))
        .map(|n| n.to_lowercase())
        .collect();
    names.sort();
    names.dedup();
    names
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_kind_is_named_by_its_first_word() {
        let names: Vec<(&str, CitedKind)> = Table::get()
            .kind_names()
            .iter()
            .map(|(name, kind)| (name.as_str(), *kind))
            .collect();
        assert!(names.contains(&("telegram", CitedKind::Telegram)));
        assert!(names.contains(&("conversation", CitedKind::RecordOfConversation)));
        assert!(names.contains(&("minutes", CitedKind::Minutes)));
        // (`other` has no name; a kind's other words are words: `cable`, `message`.)
        assert!(names.iter().all(|&(_, kind)| kind != CitedKind::Other));
        assert!(!names
            .iter()
            .any(|&(name, _)| name == "cable" || name == "message"));
    }

    #[test]
    fn the_embedded_table_loads_and_knows_the_spellings() {
        let t = Table::get();
        let id = |part: &str| {
            t.archive_in(part)
                .map(|m| t.archives[m.archive].id.as_str())
        };
        for spelling in ["TSAMO", "TsAMO", "TsAmo", "TSAMORF", "TsAMORF"] {
            assert_eq!(id(spelling), Some("TsAMO"), "{spelling}");
        }
        assert_eq!(id("RTsKhIDNI"), Some("RGASPI"));
        assert_eq!(
            id("Institute of Foreign Affairs and National Security"),
            Some("IFANS")
        );
        assert_eq!(id("Soviet Documents."), Some("IFANS"));
        assert_eq!(id("Dean Acheson Papers"), None);
        assert_eq!(id("Harry S. Truman Library"), Some("HSTL"));
        assert_eq!(id("CWIHP Bulletin"), Some("CWIHP"));
        let rg = t.archive_in("Record Group (RG) 59").unwrap();
        assert_eq!(t.archives[rg.archive].id, "NARA");
        assert_eq!(rg.record_group, Some("59"));
        assert_eq!(t.archive_in("RG 218").unwrap().record_group, Some("218"));
        assert_eq!(
            id("The CIA Conference on the outbreak of the Korean War"),
            None
        );
        // The word lists: an authored noun in any case, the others as written.
        assert!(t.is_authored_noun("Speech") && !t.is_authored_noun("telegram"));
        assert!(t.names_no_one("Secret") && !t.names_no_one("secret"));
        assert!(t.is_no_possessive("Operations") && !t.is_no_possessive("Ignatievs"));
        // The citation grammar's words: `see also ` before `see `, each lead with its space,
        // and every locator's label in one list.
        assert_eq!(t.see.first().map(|f| f.needle()), Some(&b"See also "[..]));
        assert!(t.leads.iter().any(|l| l == "cf. "));
        for label in ["no.", "issue ", "pp.", "ch."] {
            assert!(t.locator_labels.iter().any(|l| l == label), "{label}");
        }
    }
}
