//! Views of the citation model shared by the CLI and the explorer: a work as a row, the other
//! notes citing a note's document (with conflicting readings), and the archive → fond or volume
//! → document tree of `kwx sources` and the Sources pane.

use serde::Serialize;

use crate::corpus::citations::{
    issue_label, pages_label, volume_number, CitedKind, SourceMember, Work,
};
use crate::corpus::{Corpus, Document};

/// A cited work as JSON shows it: the source fields, then the publication fields.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct WorkRow {
    #[serde(flatten)]
    pub source: SourceRow,
    pub papka: Option<String>,
    pub record_group: Option<String>,
    #[serde(rename = "box")]
    pub box_number: Option<String>,
    pub file: Option<String>,
    pub section: Option<String>,
    pub frus_year: Option<i32>,
    pub volume: Option<String>,
    /// A journal's issue (`6-7` of `Nos. 6-7`).
    pub issue: Option<String>,
    pub number: Option<String>,
    /// Who passed the message on (`Roshchin` in `Zhou Enlai through Roshchin`).
    pub via: Option<String>,
    pub authors: Vec<String>,
    /// More authors than those listed (`et al.`).
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub et_al: bool,
    pub title: Option<String>,
    pub container: Option<String>,
    /// A book's series and its number in it.
    pub series: Option<String>,
    pub series_number: Option<String>,
    pub place: Option<String>,
    pub publisher: Option<String>,
    pub year: Option<i32>,
    /// For `Ibid.` and short forms: the note holding the full citation.
    pub ibid_of: Option<String>,
    /// The note's words for this work.
    pub text: String,
    /// Whether it is a document rather than a book or article ([`Work::is_document`]).
    #[serde(skip)]
    pub is_document: bool,
}

/// A cited document's fields as one line, as `kwx note` says them on its `source:` line:
/// `IFANS, 1949-09-03, Tunkin to Stalin, telegram`, `APRF, fond 45, opis 1, delo 329, …`.
/// `None` for a book or article, which [`publication_line`] says whole.
pub fn source_line(row: &WorkRow) -> Option<String> {
    let w = &row.source;
    let mut fields: Vec<String> = Vec::new();
    if let Some(a) = &w.archive {
        fields.push(a.clone());
    }
    let frus_year = row.frus_year.map(|y| y.to_string());
    for (label, v) in [
        ("fond", &w.fond),
        ("opis", &w.opis),
        ("papka", &row.papka),
        ("delo", &w.delo),
        ("RG", &row.record_group),
        ("box", &row.box_number),
        ("", &row.file),
        ("sec.", &row.section),
        ("", &frus_year),
        ("vol.", &row.volume),
        ("", &row.number),
    ] {
        if let Some(v) = v {
            fields.push(if label.is_empty() {
                v.clone()
            } else {
                format!("{label} {v}")
            });
        }
    }
    // (A letter dated by its volume's year alone says the year once: `FRUS, 1947, vol. IV`.)
    if let Some(d) = w.date.as_ref().filter(|d| frus_year.as_ref() != Some(*d)) {
        fields.push(d.clone());
    }
    match (&w.from, &w.to, &row.via) {
        (Some(f), Some(t), Some(v)) => fields.push(format!("{f} to {t} through {v}")),
        (Some(f), Some(t), None) => fields.push(format!("{f} to {t}")),
        (Some(f), None, _) => fields.push(format!("by {f}")),
        _ => {}
    }
    if let Some(k) = w.kind {
        fields.push(k.words().to_string());
    }
    if let Some(p) = &w.pages {
        fields.push(pages_label(p));
    }
    let for_document = row.is_document || (row.authors.is_empty() && !is_authorless_book(row));
    (for_document && !fields.is_empty()).then(|| fields.join(", "))
}

/// A book or article cited without its authors (`Doklad ob itogakh raboty …, Tom 1,
/// Phkenvyan, 1948`, a Soviet report): its title, no archive.
fn is_authorless_book(row: &WorkRow) -> bool {
    row.authors.is_empty()
        && !row.is_document
        && row.source.archive.is_none()
        && row.title.is_some()
}

/// A cited book or article as one line: `Bruce Cumings, The Origins of the Korean War, vol. 2,
/// Princeton: Princeton University Press, 1990, pp. 356-57`; a document read in a
/// publication, the publication. `None` for a work with neither author nor container (an
/// archive's document); a newspaper's issue is its name (`Pravda`).
pub fn publication_line(row: &WorkRow) -> Option<String> {
    let document_in_publication = row.source.date.is_some() || row.source.from.is_some();
    // (With no author, only what a document or an issue is printed in says anything.)
    if row.authors.is_empty()
        && (row.container.is_none() || (row.title.is_some() && !document_in_publication))
        && !is_authorless_book(row)
    {
        return None;
    }
    // (Without an author a document's volume is on the `source:` line.)
    let volume = !row.authors.is_empty() || is_authorless_book(row);
    Some(publication_parts(row, volume).join(", "))
}

/// A publication's parts in citing order: authors, title and container, volume (if asked),
/// imprint, year and pages; for a document printed in it, the publication alone.
fn publication_parts(row: &WorkRow, volume: bool) -> Vec<String> {
    let document_in_publication = row.source.date.is_some() || row.source.from.is_some();
    let mut parts: Vec<String> = Vec::new();
    if !row.authors.is_empty() {
        parts.push(authors_line(&row.authors, " and ", row.et_al));
    }
    match (&row.title, &row.container) {
        (_, Some(c)) if document_in_publication => parts.push(c.clone()),
        // An article's title in quotes, its journal or book after it.
        (Some(t), Some(c)) => parts.push(format!("“{t},” {c}")),
        (Some(t), None) => parts.push(t.clone()),
        (None, Some(c)) => parts.push(c.clone()),
        (None, None) => {}
    }
    if let Some(v) = row
        .volume
        .as_ref()
        .filter(|_| volume && !document_in_publication)
    {
        parts.push(format!("vol. {v}"));
    }
    if let Some(issue) = row.issue.as_ref().filter(|_| !document_in_publication) {
        // (In the line's own lower case, as its `vol.`)
        parts.push(issue_label(issue).to_lowercase());
    }
    // A book's series after its title: `Hoover Institute Series 11`.
    if let Some(series) = row.series.as_ref().filter(|_| !document_in_publication) {
        parts.push(match &row.series_number {
            Some(n) => format!("{series} {n}"),
            None => series.clone(),
        });
    }
    match (&row.place, &row.publisher) {
        (Some(place), Some(publisher)) => parts.push(format!("{place}: {publisher}")),
        (Some(one), None) | (None, Some(one)) => parts.push(one.clone()),
        (None, None) => {}
    }
    // (A document's year is its date's, said on its `source:` line.)
    if let Some(y) = row.year.filter(|_| !document_in_publication) {
        parts.push(y.to_string());
    }
    if let Some(p) = row
        .source
        .pages
        .as_deref()
        .filter(|_| !document_in_publication)
    {
        parts.push(pages_label(p));
    }
    parts
}

/// A work whole, however the note shortened it, as one line to paste: a book or article as
/// [`publication_parts`] gives it (`Ibid., p. 121` after Goncharov's book is `Sergei N.
/// Goncharov, Uncertain Partners: …, Stanford: Stanford University Press, 1993, p. 121`), a
/// document by its title and [`source_line`], and the publication it is read in.
pub fn full_citation(row: &WorkRow) -> String {
    // (An author's piece in a bulletin an archive id names, `CWIHP Bulletin`, is an article.)
    let parts = if row.is_document || (row.source.archive.is_some() && row.authors.is_empty()) {
        let mut parts: Vec<String> = [row.title.clone(), source_line(row)]
            .into_iter()
            .flatten()
            .collect();
        parts.extend(publication_line(row).map(|p| format!("in {p}")));
        parts
    } else {
        publication_parts(row, true)
    };
    if parts.is_empty() {
        row.text.clone()
    } else {
        parts.join(", ")
    }
}

/// The first cited work's source fields, as `"source"` in JSON.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct SourceRow {
    pub archive: Option<String>,
    pub fond: Option<String>,
    pub opis: Option<String>,
    pub delo: Option<String>,
    pub pages: Option<String>,
    pub date: Option<String>,
    pub from: Option<String>,
    pub to: Option<String>,
    pub kind: Option<CitedKind>,
}

pub fn work_row(doc: &Document, w: &Work) -> WorkRow {
    WorkRow {
        source: source_row(w),
        papka: w.papka.clone(),
        record_group: w.record_group.clone(),
        box_number: w.box_number.clone(),
        file: w.file.clone(),
        section: w.section.clone(),
        frus_year: w.frus_year,
        volume: w.volume.clone(),
        issue: w.issue.clone(),
        number: w.number.clone(),
        via: w.via.clone(),
        authors: w.authors.clone(),
        et_al: w.et_al,
        title: w.title.clone(),
        container: w.container.clone(),
        series: w.series.clone(),
        series_number: w.series_number.clone(),
        place: w.place.clone(),
        publisher: w.publisher.clone(),
        year: w.year,
        ibid_of: w.ibid_of.map(|r| doc.note_id(r.note)),
        text: w.text.clone(),
        is_document: w.is_document(),
    }
}

pub fn source_row(w: &Work) -> SourceRow {
    SourceRow {
        archive: w.archive.clone(),
        fond: w.fond.clone(),
        opis: w.opis.clone(),
        delo: w.delo.clone(),
        pages: w.pages.clone(),
        date: w.date.map(|d| d.to_string()),
        from: w.from.clone(),
        to: w.to.clone(),
        kind: w.kind,
    }
}

/// The work a member names.
pub fn work_of(corpus: &Corpus, m: SourceMember) -> &Work {
    &corpus.documents[m.doc].citations()[m.note][m.work]
}

/// A member's note name (`thesis:IV:24`).
pub fn member_id(corpus: &Corpus, m: SourceMember) -> String {
    corpus.documents[m.doc].note_id(m.note)
}

/// `correspondents: Shtykov to Vyshinsky (article:51) vs Tunkin to Stalin (thesis:IV:24)`.
fn conflict_line(corpus: &Corpus, c: &crate::corpus::citations::Conflict) -> String {
    let readings: Vec<String> = c
        .readings
        .iter()
        .map(|(reading, members)| {
            let mut ids: Vec<String> = members.iter().map(|m| member_id(corpus, *m)).collect();
            // (A note's Korean version and its Russian reference read alike: one note.)
            ids.dedup();
            format!("{reading} ({})", ids.join(", "))
        })
        .collect();
    format!("{}: {}", c.field, readings.join(" vs "))
}

/// The other notes citing any document `note` of `doc` cites, each once, and the conflicting
/// readings among them (`correspondents: article:51 Shtykov to Vyshinsky; thesis:IV:24 Tunkin
/// to Stalin`).
pub fn same_document(corpus: &Corpus, doc: usize, note: usize) -> (Vec<CitingNote>, Vec<String>) {
    let works = corpus.documents[doc]
        .citations()
        .get(note)
        .map_or(0, Vec::len);
    let mut others: Vec<CitingNote> = Vec::new();
    let mut conflicts = Vec::new();
    // (A library's copies make a document's list long: each note is looked up once, not
    // searched for among the names listed.)
    let mut seen: rustc_hash::FxHashSet<(usize, usize)> = std::iter::once((doc, note)).collect();
    for s in corpus.sources().of_note(doc, note, works) {
        let source = &corpus.sources().sources[s];
        let own = source
            .members
            .iter()
            .find(|m| m.doc == doc && m.note == note)
            .map(|m| work_of(corpus, *m));
        for m in &source.members {
            if !seen.insert((m.doc, m.note)) {
                continue;
            }
            let id = member_id(corpus, *m);
            let w = work_of(corpus, *m);
            let reads = w
                .correspondents()
                .filter(|_| !own.is_some_and(|o| o.same_correspondents(w)));
            others.push(CitingNote {
                id,
                at: (m.doc, m.note),
                reads,
                via: None,
                archival: w.archive.is_some(),
            });
        }
        conflicts.extend(source.conflicts.iter().map(|c| conflict_line(corpus, c)));
    }
    (others, conflicts)
}

/// The other notes citing whole a book or article `note` of `doc` cites whole, each once, as
/// (document, note): `Uncertain Partners` in the article's notes and the thesis's.
pub fn same_work(corpus: &Corpus, doc: usize, note: usize) -> Vec<(usize, usize)> {
    let sources = corpus.sources();
    let works = corpus.documents[doc]
        .citations()
        .get(note)
        .map_or(0, Vec::len);
    let mut others: Vec<(usize, usize)> = Vec::new();
    // (A library's copies make a book's list long: each note is looked up once, not searched.)
    let mut seen: rustc_hash::FxHashSet<(usize, usize)> = std::iter::once((doc, note)).collect();
    for work in 0..works {
        let Some(p) = sources.publication_of(SourceMember { doc, note, work }) else {
            continue;
        };
        for m in &sources.publications[p] {
            if seen.insert((m.doc, m.note)) {
                others.push((m.doc, m.note));
            }
        }
    }
    others
}

// ---- the archive tree ----

/// `kwx sources`: archives, each with its fonds or volumes, each with its documents.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct ArchiveNode {
    pub archive: String,
    pub name: String,
    /// Notes citing this archive, per document (`{"article": 3, "thesis": 17}`).
    pub notes: std::collections::BTreeMap<String, usize>,
    pub groups: Vec<GroupNode>,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct GroupNode {
    /// `fond 45`, `RG 59`, `1950 vol. VII`, or the year for a collection without fonds.
    pub group: String,
    /// What a fond named by an abbreviation stands for (`fond USGASK`: Upravlenie
    /// Grazhdanskoy Administratsiy v Severnoy Koree, …), the documents' lists of abbreviations
    /// first.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub stands_for: Vec<String>,
    pub documents: Vec<DocumentNode>,
}

impl GroupNode {
    /// The group's words for a filter: its label and what its abbreviation stands for
    /// (`civil administration` finds fond USGASK's documents).
    pub fn words(&self) -> String {
        std::iter::once(&self.group)
            .chain(&self.stands_for)
            .map(String::as_str)
            .collect::<Vec<_>>()
            .join(" ")
    }
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct DocumentNode {
    /// Which source of the corpus it is: a document cited from two archives (the Kremlin's
    /// record and its published translation) is filed under both.
    #[serde(skip)]
    pub source: usize,
    /// `1949-09-03 Shtykov to Vyshinsky, telegram`.
    pub label: String,
    pub date: Option<String>,
    pub reference: String,
    /// A publication entry's authors (`Kathryn Weathersby`): its label is its title.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub authors: Vec<String>,
    /// More authors than those listed (`et al.`).
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub et_al: bool,
    /// The publication a document is read in, by whom (`Kathryn Weathersby, To Attack, or Not
    /// to Attack? …`): the translation its archive's notes cite it from.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub printed_in: Option<String>,
    pub notes: Vec<CitingNote>,
    pub conflicts: Vec<String>,
    /// A book or article filed under the archive of its series (a CWIHP working paper), not a
    /// document: its citations are listed together under its title.
    #[serde(skip)]
    pub publication: bool,
    /// Every citing note's words for the document (`Secret Telegram from Roshchin to Stalin
    /// about the conversation between Mao and Yudin`), and a publication's journals or series,
    /// for the words filter: the label names the document one way only.
    #[serde(skip)]
    pub titles: Vec<String>,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
/// A note citing a document, and how it reads it where that differs.
pub struct CitingNote {
    pub id: String,
    /// Index of the document and the note, for the explorer to jump.
    #[serde(skip)]
    pub at: (usize, usize),
    pub reads: Option<String>,
    /// The archive the note cites the document from, where that is not the one it is filed
    /// under (`article:96`, citing the Kremlin's record of 5 March 1949 in CWIHP's translation).
    pub via: Option<String>,
    /// Whether the note names an archive for it: one citing the document from a book or
    /// article, none named, is listed but not counted among the archive's notes (thesis IV:28,
    /// the Politburo's resolution of 24 September 1949 the article reads in CWIHP).
    pub archival: bool,
}

impl CitingNote {
    /// `thesis:IV:24 (as Tunkin to Stalin)`, `article:51 (as Shtykov to Vyshinsky; in
    /// CWIHP)`, or the id where the note reads the document as filed.
    pub fn label(&self) -> String {
        let mut notes: Vec<String> = Vec::new();
        if let Some(r) = &self.reads {
            notes.push(format!("as {r}"));
        }
        if let Some(v) = &self.via {
            notes.push(format!("in {v}"));
        }
        if !self.archival {
            notes.push("no archive named".to_string());
        }
        if notes.is_empty() {
            self.id.clone()
        } else {
            format!("{} ({})", self.id, notes.join("; "))
        }
    }
}

/// What to list.
#[derive(Debug, Clone, Default)]
pub struct SourceFilter {
    pub archive: Option<String>,
    pub fond: Option<String>,
    pub doc: Option<usize>,
    /// Folded words every document shown holds (see [`document_words`]); empty for all.
    pub words: String,
}

impl SourceFilter {
    pub fn admits(&self, w: &Work) -> bool {
        self.archive.as_deref().is_none_or(|a| {
            w.archive
                .as_deref()
                .is_some_and(|x| x.eq_ignore_ascii_case(a))
        }) && self.fond.as_deref().is_none_or(|f| {
            let key = group_key(w).1;
            // (A volume asked for as `7` is the volume `VII`.)
            key.eq_ignore_ascii_case(f)
                || volume_number(&key).is_some_and(|v| volume_number(f) == Some(v))
        })
    }
}

/// What a words filter looks in for one document, folded: its archive (id and one-word
/// spellings: `rtskhidni` is RGASPI) and fond (`group`: [`GroupNode::words`]), label,
/// reference, authors or the publication it is read in, citing notes and conflicts, and every
/// note's words for it. Every reading counts: "tunkin" finds the document the other text
/// attributes to Shtykov, and "weathersby" her papers and the documents read in her
/// translations.
pub fn document_words(archive: &str, group: &str, doc: &DocumentNode) -> String {
    let notes: Vec<String> = doc
        .notes
        .iter()
        .map(|n| format!("{} {}", n.id, n.reads.as_deref().unwrap_or("")))
        .collect();
    let spellings = crate::corpus::citations::Table::get()
        .archive_id(archive)
        .map(|a| a.typed_names.join(" "))
        .unwrap_or_default();
    crate::search::fold(&format!(
        "{archive} {spellings} {group} {} {} {} {} {} {} {}",
        doc.label,
        doc.reference,
        doc.authors.join(" "),
        doc.printed_in.as_deref().unwrap_or(""),
        notes.join(" "),
        doc.conflicts.join(" "),
        doc.titles.join(" ")
    ))
}

/// A words filter read once, as search reads a query: its archival references however
/// labelled (`opis 1` finds `Op.1`, `delo 346` `D.346`, `record group 59` `RG 59`), its months
/// or days in any form, anywhere (`Jan 1950`, `tunkin 14 September 1949`, `stalin
/// 1950-01-30`), and its other words. Documents are kept by their date, which their words
/// write in one form only. A bare year stays a word (`1950` also finds FRUS's 1950 volume).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct FilterTerms {
    pub dates: Vec<crate::corpus::dates::PartialDate>,
    pub references: Vec<crate::search::Reference>,
    pub words: String,
}

impl FilterTerms {
    pub fn of(filter: &str) -> FilterTerms {
        let words: Vec<&str> = filter.split_whitespace().collect();
        // References first: `opis 1 jan 1950` is no 1 January.
        let (references, rest) = crate::search::take_references(&words);
        let (dates, rest) = crate::search::take_dates(&rest);
        FilterTerms {
            dates,
            references,
            words: rest.join(" "),
        }
    }

    /// Whether a document passes: dated within each of the filter's dates, holding its
    /// references and its other words ([`document_words`], [`holds_words`]).
    pub fn admit(&self, words: &str, date: Option<&str>) -> bool {
        let date = date.and_then(crate::corpus::dates::PartialDate::from_iso);
        self.dates
            .iter()
            .all(|&span| date.is_some_and(|d| d.is_of(span)))
            && self
                .references
                .iter()
                .all(|r| crate::search::holds_reference(words, r))
            && holds_words(words, &self.words)
    }
}

/// Whether folded `words` (a document's, from [`document_words`]) hold every word of the
/// folded `filter`, each at a word's start (`45` is fond 45, not 1945).
pub fn holds_words(words: &str, filter: &str) -> bool {
    filter
        .split_whitespace()
        // (`January 30, 1950`, `Jan.`: the comma or stop is the typist's, not the document's.)
        .map(|w| w.trim_end_matches([',', '.']))
        .filter(|w| !w.is_empty())
        .all(|w| crate::search::contains_at_word_start(words, w))
}

/// `VII` for 7: FRUS volumes as they are printed.
fn roman(mut n: u32) -> String {
    const NUMERALS: [(u32, &str); 7] = [
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ];
    let mut out = String::new();
    for (value, numeral) in NUMERALS {
        while n >= value {
            out.push_str(numeral);
            n -= value;
        }
    }
    out
}

/// The group a work files under within its archive: its fond, record group or FRUS volume.
fn group_key(w: &Work) -> (String, String) {
    if let Some(f) = &w.fond {
        return (format!("fond {f}"), f.clone());
    }
    if let Some(rg) = &w.record_group {
        return (format!("RG {rg}"), rg.clone());
    }
    if w.archive.as_deref() == Some("FRUS") {
        // One volume however it is written (`Vol.7`, `vol. VII`).
        let volume = w.volume.as_ref().map(|v| match volume_number(v) {
            Some(n) if n < 90 => roman(n),
            _ => v.clone(),
        });
        let v = volume.clone().unwrap_or_default();
        let label = match (w.volume_year(), &volume) {
            (Some(y), Some(v)) => format!("{y} vol. {v}"),
            (None, Some(v)) => format!("vol. {v}"),
            (Some(y), None) => y.to_string(),
            (None, None) => "(no volume)".to_string(),
        };
        return (label, v);
    }
    // A collection without fonds (the Korean collection, CWIHP, CIA): by year.
    match w.date {
        Some(d) => (d.year.to_string(), d.year.to_string()),
        None => ("(undated)".to_string(), String::new()),
    }
}

fn document_label(w: &Work) -> String {
    let mut label = String::new();
    if let Some(d) = w.date {
        label.push_str(&d.to_string());
        label.push(' ');
    }
    // A document of no named kind is better told by its title than by its sender alone
    // (`Statement issued by the President`, not `President, other`).
    let kind_told = w.kind.is_some_and(|k| k != CitedKind::Other);
    // The kind's words, said after the name unless the title already names the kind.
    let mut kind_after =
        w.kind
            .filter(|_| kind_told)
            .map(CitedKind::words)
            // (`Telegram of May 29, 1950, Soviet Documents` is not `Telegram, telegram`, nor the
            // `Politbureau decision` a `resolution` again.)
            .filter(|_| {
                w.correspondents().is_some()
                    || !w.title.as_deref().is_some_and(|t| {
                        crate::corpus::citations::Table::get().kind_in(t) == w.kind
                    })
            });
    match (w.correspondents(), &w.title) {
        (Some(_), Some(t)) if w.to.is_none() && !kind_told => label.push_str(t),
        // A document of unknown sender is named by its kind (`Report to Shikin`, not `to
        // Shikin, report`).
        (Some(c), _) if w.from.is_none() && kind_told => {
            let kind = kind_after.take().unwrap_or_default();
            label.push_str(&crate::corpus::dates::capitalised(kind));
            label.push(' ');
            label.push_str(&c);
        }
        (Some(c), _) => label.push_str(&c),
        (None, Some(t)) => label.push_str(t),
        // A document the note names by its date alone is told by where it is printed (`April
        // 1950 (undated) in Weathersby, “The Soviet Role …,” p. 430`).
        (None, None) if w.ibid_of.is_none() && w.container.is_some() => {
            label.push_str(&printed_label(w));
        }
        // (`Ibid., pp.1133` says nothing of what it repeats, `TSAMO, Fond 23, …` no more than
        // its file; their references say it plainly.)
        (None, None) => {
            let reference = w.reference();
            // A dated document the reference names by its archive alone (`August 14, 1949,
            // Soviet Documents`: IFANS) is told by the note's words for the collection.
            let collection = || {
                w.text
                    .rsplit(',')
                    .map(|p| p.trim().trim_end_matches('.'))
                    .find(|p| !p.is_empty() && !p.contains(|c: char| c.is_ascii_digit()))
            };
            let by_archive_alone =
                w.ibid_of.is_none() && w.date.is_some() && !reference.contains(", ");
            match collection().filter(|_| by_archive_alone) {
                Some(words) => label.push_str(words),
                None if w.ibid_of.is_some() || w.date.is_some() || reference.contains(", ") => {
                    label.push_str(&reference)
                }
                None => label.push_str(&w.text),
            }
        }
    }
    if let Some(kind) = kind_after {
        label.push_str(", ");
        label.push_str(kind);
    }
    label
}

/// `in Weathersby, The Soviet Role in the Early Phase of the Korean War, p. 430`.
fn printed_label(w: &Work) -> String {
    let mut label = String::from("in ");
    if let Some(surname) = w.authors.first().and_then(|a| a.rsplit(' ').next()) {
        label.push_str(surname);
        label.push_str(", ");
    }
    label.push_str(w.container.as_deref().unwrap_or_default());
    if let Some(pages) = &w.pages {
        label.push_str(", ");
        label.push_str(&pages_label(pages));
    }
    label
}

/// The archive tree, filtered. A document is filed under every archive its notes cite it
/// from, by that archive's first full citation: the Kremlin's record of 5 March 1949 stands
/// under APRF fond 45 (the thesis) and under CWIHP 1949 (the article's translation), each
/// listing the notes of both texts.
pub fn tree(corpus: &Corpus, filter: &SourceFilter) -> Vec<ArchiveNode> {
    let table = crate::corpus::citations::Table::get();
    let mut archives: Vec<ArchiveNode> = Vec::new();
    for (s, source) in corpus.sources().sources.iter().enumerate() {
        let members: Vec<(SourceMember, &Work)> = source
            .members
            .iter()
            .filter(|m| filter.doc.is_none_or(|d| d == m.doc))
            .map(|m| (*m, work_of(corpus, *m)))
            .collect();
        // Each archive cited, in order, with the first full citation of it (else the first).
        let mut leads: Vec<(&str, &Work)> = Vec::new();
        for (_, w) in &members {
            let Some(archive) = w.archive.as_deref() else {
                continue;
            };
            match leads.iter_mut().find(|(a, _)| *a == archive) {
                Some(lead) if lead.1.ibid_of.is_some() && w.ibid_of.is_none() => lead.1 = w,
                Some(_) => {}
                None => leads.push((archive, w)),
            }
        }
        for (archive_id, lead) in leads {
            if !filter.admits(lead) {
                continue;
            }
            let node = document_node(corpus, s, source, &members, archive_id, lead);
            let (group_label, _) = group_key(lead);
            let archive = match archives.iter_mut().position(|a| a.archive == archive_id) {
                Some(i) => &mut archives[i],
                None => {
                    archives.push(ArchiveNode {
                        name: table
                            .archive_id(archive_id)
                            .map_or_else(String::new, |a| a.name.clone()),
                        archive: archive_id.to_string(),
                        notes: Default::default(),
                        groups: Vec::new(),
                    });
                    archives.last_mut().expect("just pushed")
                }
            };
            match archive.groups.iter_mut().find(|g| g.group == group_label) {
                Some(g) => {
                    // The same publication cited in several notes is one entry (`Soviet Aims
                    // in Korea and the Origins of the Korean War`, four thesis notes).
                    let same = g
                        .documents
                        .iter_mut()
                        .find(|d| node.publication && d.publication && same_publication(d, &node));
                    match same {
                        Some(d) => {
                            // Named in full where one text gives only the title's opening
                            // words (the article's `Soviet Aims in Korea`, the thesis's `Soviet
                            // Aims in Korea and the Origins of the Korean War, 1945-1950: …`).
                            let opening = node.label.get(..d.label.len());
                            let shortened = node.label.len() > d.label.len()
                                && opening.is_some_and(|o| o.eq_ignore_ascii_case(&d.label));
                            if shortened {
                                d.label.clone_from(&node.label);
                                d.authors.clone_from(&node.authors);
                                d.et_al = node.et_al;
                            }
                            for n in node.notes {
                                if !d.notes.iter().any(|m| m.id == n.id) {
                                    d.notes.push(n);
                                }
                            }
                            for t in node.titles {
                                if !d.titles.contains(&t) {
                                    d.titles.push(t);
                                }
                            }
                        }
                        None => g.documents.push(node),
                    }
                }
                None => archive.groups.push(GroupNode {
                    group: group_label,
                    stands_for: (lead.fond.as_deref())
                        .filter(|f| f.chars().any(char::is_alphabetic))
                        .map(|f| crate::glossary::stands_for(corpus, f))
                        .unwrap_or_default(),
                    documents: vec![node],
                }),
            }
        }
    }
    // The words filter reads each entry whole, as the pane's does: a publication one text
    // titles `Soviet aim in Korea …` keeps those notes when `soviet aims` finds it.
    if !filter.words.is_empty() {
        let terms = FilterTerms::of(&filter.words);
        for a in &mut archives {
            for g in &mut a.groups {
                let group = g.words();
                g.documents.retain(|d| {
                    terms.admit(&document_words(&a.archive, &group, d), d.date.as_deref())
                });
            }
            a.groups.retain(|g| !g.documents.is_empty());
        }
        archives.retain(|a| !a.groups.is_empty());
    }
    // Counts of the notes citing each archive (not those citing its documents from another),
    // and a stable order.
    let order: Vec<&str> = table.archives.iter().map(|a| a.id.as_str()).collect();
    archives.sort_by_key(|a| order.iter().position(|o| *o == a.archive));
    for a in &mut archives {
        let mut seen: std::collections::BTreeSet<&str> = Default::default();
        for g in &a.groups {
            for d in &g.documents {
                for n in d.notes.iter().filter(|n| n.via.is_none() && n.archival) {
                    if seen.insert(n.id.as_str()) {
                        let doc_id = n.id.split(':').next().unwrap_or("").to_string();
                        *a.notes.entry(doc_id).or_default() += 1;
                    }
                }
            }
        }
        a.groups.sort_by_cached_key(|g| natural_order(&g.group));
        for g in &mut a.groups {
            g.documents
                .sort_by_cached_key(|d| (d.date.clone(), label_order(&d.label)));
        }
    }
    archives
}

/// Source `s` as filed under `archive` by its citation `lead`: every citing note once, with
/// its reading where it differs from the lead's and its archive where that is another.
fn document_node(
    corpus: &Corpus,
    s: usize,
    source: &crate::corpus::citations::Source,
    members: &[(SourceMember, &Work)],
    archive: &str,
    lead: &Work,
) -> DocumentNode {
    let mut notes: Vec<CitingNote> = Vec::new();
    for (m, w) in members {
        let id = member_id(corpus, *m);
        match notes.iter_mut().find(|n| n.id == id) {
            // A note citing the document from this archive and from another is filed here.
            Some(n) if w.archive.as_deref() == Some(archive) => {
                n.via = None;
                n.archival = true;
            }
            Some(n) => n.archival |= w.archive.is_some(),
            None => notes.push(CitingNote {
                id,
                at: (m.doc, m.note),
                reads: w.correspondents().filter(|_| !lead.same_correspondents(w)),
                via: w.archive.clone().filter(|a| a != archive),
                archival: w.archive.is_some(),
            }),
        }
    }
    // Labelled by the lead, unless it names the document by its day alone and another note
    // describes it (the Korean collection's copy of the Kremlin's record of 5 March 1949).
    let described = |w: &Work| {
        w.correspondents().is_some()
            || w.kind
                .is_some_and(|k| k != crate::corpus::citations::CitedKind::Other)
    };
    // The archive's own record describes it best (`F.45, OP.1, D.346`), else any note that does.
    let in_archive = |w: &&Work| w.fond.is_some() || w.delo.is_some();
    let labelled_by = if described(lead) {
        lead
    } else {
        let others = || members.iter().map(|(_, w)| *w).filter(|w| described(w));
        others()
            .find(in_archive)
            .or_else(|| others().next())
            .unwrap_or(lead)
    };
    DocumentNode {
        source: s,
        label: document_label(labelled_by),
        date: lead.date.or(labelled_by.date).map(|d| d.to_string()),
        // (A publication's pages are each citing note's, not the entry's.)
        reference: if lead.is_document() {
            lead.reference()
        } else {
            Work {
                pages: None,
                ..lead.clone()
            }
            .reference()
        },
        authors: if lead.is_document() {
            Vec::new()
        } else {
            lead.authors.clone()
        },
        et_al: !lead.is_document() && lead.et_al,
        printed_in: lead
            .container
            .as_deref()
            // (Not FRUS again for a volume of FRUS: the archive says so.)
            .filter(|c| {
                lead.is_document() && !crate::corpus::citations::Table::get().is_archive_name(c)
            })
            .map(|container| {
                let mut by = lead.authors.clone();
                by.push(container.to_string());
                by.join(", ")
            }),
        notes,
        conflicts: source
            .conflicts
            .iter()
            .map(|c| conflict_line(corpus, c))
            .collect(),
        publication: !lead.is_document(),
        titles: {
            // (And a publication's journal or series: `working paper`, `bulletin`.)
            let containers = members
                .iter()
                .filter(|_| !lead.is_document())
                .filter_map(|(_, w)| w.container.as_ref());
            let mut titles: Vec<String> = Vec::new();
            for title in members
                .iter()
                .filter_map(|(_, w)| w.title.as_ref())
                .chain(containers)
            {
                if !titles.contains(title) {
                    titles.push(title.clone());
                }
            }
            titles
        },
    }
}

impl DocumentNode {
    /// A publication entry's authors as a reader writes them (`Sergei N. Goncharov et al.`).
    pub fn by(&self) -> String {
        authors_line(&self.authors, ", ", self.et_al)
    }
}

/// Authors joined by `separator`, with `et al.` after them where the citation says so.
fn authors_line(authors: &[String], separator: &str, et_al: bool) -> String {
    let more = if et_al { " et al." } else { "" };
    format!("{}{more}", authors.join(separator))
}

/// Two entries for one paper or book, each text citing it its own way: the same title, or the
/// same author's title given short or long (`To Attack, or Not to Attack? Stalin, Kim Il Sung,
/// and the Prelude to War` and the same with `, Cold War International History Project`), or
/// differing only after eight words (`Soviet aim in Korea and the Origins of the Korean War,
/// Working Paper NO.8` and `Soviet Aims in Korea and the Origins of the Korean War, 1945-1950:
/// New Evidence …`).
fn same_publication(a: &DocumentNode, b: &DocumentNode) -> bool {
    if a.label.eq_ignore_ascii_case(&b.label) {
        return true;
    }
    let surnames = |d: &DocumentNode| -> Vec<String> {
        d.authors
            .iter()
            .filter_map(|n| n.rsplit(' ').next())
            .map(crate::search::fold)
            .collect()
    };
    let (sa, sb) = (surnames(a), surnames(b));
    if !sa.iter().any(|s| sb.contains(s)) {
        return false;
    }
    use crate::corpus::citations::{title_words, titles_agree};
    titles_agree(&title_words(&a.label), &title_words(&b.label))
}

/// Sort key reading runs of digits as numbers: `fond 3` before `fond 45`, `pp. 634-637`
/// before `pp. 1055-1056`.
fn natural_order(s: &str) -> Vec<(String, u64)> {
    let mut key = Vec::new();
    let mut rest = s;
    while !rest.is_empty() {
        let text_len = rest
            .find(|c: char| c.is_ascii_digit())
            .unwrap_or(rest.len());
        let (text, after) = rest.split_at(text_len);
        let digits_len = after
            .find(|c: char| !c.is_ascii_digit())
            .unwrap_or(after.len());
        let (digits, after) = after.split_at(digits_len);
        key.push((text.to_string(), digits.parse().unwrap_or(0)));
        rest = after;
    }
    key
}

/// A document label's order among its day's (or the undated) documents: one page as any
/// other (`FRUS, Vol. VI, 1945, pp. 634-637` before `…, p. 1133`).
fn label_order(label: &str) -> Vec<(String, u64)> {
    natural_order(&label.replace("pp. ", "p. "))
}

#[cfg(test)]
mod tests {
    use super::{document_label, label_order, FilterTerms};
    use crate::corpus::citations::{CitedKind, Work};
    use crate::corpus::dates::PartialDate;

    #[test]
    fn a_filter_reads_its_date_wherever_it_is_typed() {
        let terms = |f: &str| {
            let t = FilterTerms::of(f);
            (t.dates, t.words)
        };
        let day = vec![PartialDate::day(1949, 9, 14)];
        assert_eq!(
            terms("tunkin 14 september 1949"),
            (day.clone(), "tunkin".into())
        );
        assert_eq!(terms("1949-09-14 tunkin"), (day, "tunkin".into()));
        // A reference however labelled is one: `opis 1` holds `Op.1`.
        let t = FilterTerms::of("fond 45 opis 1 jan 1950");
        assert_eq!(t.dates, [PartialDate::month(1950, 1)]);
        assert_eq!(t.references.len(), 2);
        assert!(t.words.is_empty());
        assert!(t.admit("aprf fond 45 aprf, f.45, op.1, d.329", Some("1950-01-22")));
        assert!(!t.admit("aprf fond 45 aprf, f.45, op.11, d.329", Some("1950-01-22")));
        // A bare year, or no date at all, is words.
        assert_eq!(terms("frus 1950"), (vec![], "frus 1950".into()));
        assert_eq!(terms("stalin"), (vec![], "stalin".into()));
        let t = FilterTerms::of("stalin jan 1950");
        assert!(t.admit("apr f 45 stalin to kim", Some("1950-01-30")));
        assert!(!t.admit("apr f 45 stalin to kim", Some("1949-01-30")));
        assert!(!t.admit("apr f 45 shtykov to kim", Some("1950-01-30")));
    }

    #[test]
    fn a_document_its_archive_alone_names_is_told_by_the_notes_words() {
        // Article note 32: the Korean collection's document of that day, undescribed.
        let w = Work {
            text: "August 14, 1949, Soviet Documents".into(),
            archive: Some("IFANS".into()),
            date: Some(PartialDate::day(1949, 8, 14)),
            ..Work::default()
        };
        assert_eq!(document_label(&w), "1949-08-14 Soviet Documents");
    }

    #[test]
    fn a_document_named_by_its_date_alone_is_told_by_where_it_is_printed() {
        // Article note 97: `April 1950 (undated) in Weathersby, “The Soviet Role …,” p. 430`.
        let w = Work {
            text: "April 1950 (undated) in Weathersby, “The Soviet Role in the Early Phase of the Korean War,” p. 430".into(),
            archive: Some("CWIHP".into()),
            date: Some(PartialDate::month(1950, 4)),
            pages: Some("430".into()),
            authors: vec!["Kathryn Weathersby".into()],
            container: Some("The Soviet Role in the Early Phase of the Korean War".into()),
            kind: Some(CitedKind::Other),
            ..Work::default()
        };
        assert_eq!(
            document_label(&w),
            "1950-04 in Weathersby, The Soviet Role in the Early Phase of the Korean War, p. 430"
        );
    }

    #[test]
    fn a_documents_kind_is_said_once() {
        // Thesis I:70: `The Report to I.V. Shikin, …, on 17 Oct 1945`.
        let w = Work {
            archive: Some("TsAMO".into()),
            date: Some(PartialDate::day(1945, 10, 17)),
            to: Some("Shikin".into()),
            kind: Some(CitedKind::Report),
            ..Work::default()
        };
        assert_eq!(document_label(&w), "1945-10-17 Report to Shikin");
        // Article note 27: `Telegram of May 29, 1950, Soviet Documents` says its kind once.
        let w = Work {
            archive: Some("IFANS".into()),
            date: Some(PartialDate::day(1950, 5, 29)),
            title: Some("Telegram".into()),
            kind: Some(CitedKind::Telegram),
            ..Work::default()
        };
        assert_eq!(document_label(&w), "1950-05-29 Telegram");
    }

    #[test]
    fn a_documents_kind_is_said_in_words_unless_its_title_says_it() {
        // JSON's `record_of_conversation` is read as words in the tree.
        let mut w = Work {
            text: "APRF, Stalin and Mao in Moscow on 16 Dec 1949, F.45".into(),
            archive: Some("APRF".into()),
            date: Some(PartialDate::day(1949, 12, 16)),
            title: Some("Stalin and Mao in Moscow".into()),
            kind: Some(CitedKind::RecordOfConversation),
            ..Work::default()
        };
        assert_eq!(
            document_label(&w),
            "1949-12-16 Stalin and Mao in Moscow, record of conversation"
        );
        // Thesis IV:59: a title that names the kind in the table's words says it once.
        w.title = Some("Conversation between Stalin and Mao in Moscow".into());
        assert_eq!(
            document_label(&w),
            "1949-12-16 Conversation between Stalin and Mao in Moscow"
        );
        // Article note 56: `decision` is the table's word for a resolution.
        w.title = Some("Politbureau decision".into());
        w.kind = Some(CitedKind::Resolution);
        assert_eq!(document_label(&w), "1949-12-16 Politbureau decision");
    }

    #[test]
    fn undated_documents_go_by_their_pages_as_numbers() {
        let mut labels = [
            "FRUS, Vol. VI, 1945, p. 1133",
            "FRUS, Vol. VI, 1945, pp. 1055-1056",
            "FRUS, Vol. VI, 1945, pp. 634-637",
        ];
        labels.sort_by_cached_key(|l| label_order(l));
        assert_eq!(
            labels,
            [
                "FRUS, Vol. VI, 1945, pp. 634-637",
                "FRUS, Vol. VI, 1945, pp. 1055-1056",
                "FRUS, Vol. VI, 1945, p. 1133",
            ]
        );
    }
}
