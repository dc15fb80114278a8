//! Search over the corpus: every note, and with `in:body` / `in:all` every body paragraph. A
//! query word matches a word of the text whole, as the start of a word, within a small edit
//! distance (typos: one edit from 5 letters of its spelling skeleton, two from 9), or as a
//! tight fuzzy match (letters in order from a word's start, within one and a half times the
//! word's length, for a word the entries searched nowhere write as typed); ranked in that
//! order. Scattered letters are no match. Transliteration variants
//! (`corpus/transliteration.toml`) and month forms fold to one spelling on both sides; a date
//! in the query matches every written form of it. All words stay required, in any order. Pure:
//! no UI, no threads.

mod query;
mod variants;

pub(crate) use query::{take_dates, take_references};
pub use query::{Query, Reference, ReferenceField, Scope};
pub use variants::{names_of_acronym, skeleton, AcronymTable};

use std::collections::VecDeque;
use std::sync::Arc;

use fuzzy_matcher::skim::SkimMatcherV2;
use fuzzy_matcher::FuzzyMatcher;
use rustc_hash::FxHashMap;
use unicode_normalization::UnicodeNormalization;

use crate::corpus::citations::CitedKind;
use crate::corpus::dates::{find_dates_with, PartialDate};
use crate::corpus::Corpus;

/// What an entry is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    /// Index into the document's notes.
    Note(usize),
    /// Index into the document's paragraphs.
    Paragraph(usize),
}

/// One searchable text: a note or a body paragraph, folded once.
#[derive(Debug, Clone)]
pub struct Entry {
    pub doc: usize,
    pub target: Target,
    /// The part the note or paragraph is in.
    pub part: usize,
    /// Folded text, then (for `Ibid.`) a space and the folded text it repeats.
    folded: String,
    /// For each char of `folded`: the char index in the entry's text, or `None` past it.
    source: SourceMap,
    /// Bytes of `folded` that are the entry's own text.
    own: usize,
    /// Which of a–z and 0–9 occur in `folded`.
    alphabet: u64,
    /// Dates the text names to the month or day (and for an `Ibid.` those of the citation it
    /// repeats).
    dates: Vec<EntryDate>,
}

/// A date an entry names: the date, the last day of a range, the chars naming it.
type EntryDate = (PartialDate, Option<PartialDate>, (usize, usize));

/// The dates `text` names to the month or day, a date without its year taking
/// `undated_year`.
fn dates_of(text: &str, undated_year: Option<i32>) -> Vec<EntryDate> {
    find_dates_with(text, false, undated_year)
        .into_iter()
        .map(|m| (m.date, m.end, (m.start, m.stop)))
        .collect()
}

impl Entry {
    pub fn note(&self) -> Option<usize> {
        match self.target {
            Target::Note(n) => Some(n),
            Target::Paragraph(_) => None,
        }
    }

    pub fn paragraph(&self) -> Option<usize> {
        match self.target {
            Target::Paragraph(p) => Some(p),
            Target::Note(_) => None,
        }
    }

    fn in_scope(&self, scope: Scope) -> bool {
        matches!(
            (scope, self.target),
            (Scope::All, _) | (Scope::Notes, Target::Note(_)) | (Scope::Body, Target::Paragraph(_))
        )
    }
}

/// Where a word stands: entry, and where it starts in its folded text (its end follows from
/// the word: a library has tens of millions of these).
#[derive(Debug, Clone, Copy)]
struct Occurrence {
    entry: u32,
    start: u32,
}

/// A distinct folded word of the corpus and everywhere it stands.
#[derive(Debug, Clone)]
struct VocabWord {
    folded: String,
    skeleton: String,
    alphabet: u64,
    /// For words of the text joined (`ilsung` of `Il Sung`, `ussr` of `U.S.S.R.`), the bytes
    /// between them in the text; 0 for a word as written. Joined words match only whole.
    gap_bytes: u8,
    /// Whether a document writes the word in lower case twice or more, in its notes or in its
    /// paragraphs: a word of its own, not a name nor a slip of the pen (`would`; not `Muceio`,
    /// nor the thesis's one `daffairs`).
    common: bool,
    /// The same of the notes alone, for a search of the notes (the notes' own index has only
    /// them).
    common_in_notes: bool,
    at: Postings,
}

/// A document's notes or its paragraphs, where a word is written in lower case.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct LowerCaseIn {
    doc: usize,
    notes: bool,
}

/// The vocabulary, made as the entries are added (in order): each word of the entries, and
/// each word the index joins from several. A word as written and the same letters joined from
/// several words are two words: their spans differ.
#[derive(Default)]
struct VocabularyBuilder {
    ids: FxHashMap<String, usize>,
    joined_ids: FxHashMap<(String, u8), usize>,
    vocab: Vec<VocabWord>,
    /// Per word, the last document's notes or paragraphs ([`LowerCaseIn`]) found writing it in
    /// lower case, and how often they did.
    lower_case_in: Vec<(LowerCaseIn, u8)>,
}

impl VocabularyBuilder {
    /// Adds the words of entry `e`; `capitals` are where its words written with a capital
    /// start, in order.
    fn add_entry(&mut self, e: u32, entry: &Entry, capitals: &[u32], acronyms: &AcronymTable) {
        let occurrence = |start: usize| Occurrence {
            entry: e,
            start: start as u32,
        };
        // (The words are found once, for both: finding them is most of the work.)
        let spans: Vec<(usize, usize)> = words(&entry.folded).collect();
        let mut capitals = capitals.iter().map(|&c| c as usize).peekable();
        for &(start, end) in &spans {
            while capitals.next_if(|&c| c < start).is_some() {}
            // (An `Ibid.`'s cited text, past the entry's own, says nothing of case here.)
            let lower_case = capitals.peek() != Some(&start) && start < entry.own;
            let word = &entry.folded[start..end];
            let place = LowerCaseIn {
                doc: entry.doc,
                notes: entry.note().is_some(),
            };
            self.add(word, 0, occurrence(start), lower_case.then_some(place));
        }
        for (word, start, end) in joined_words_at(&entry.folded, &spans, acronyms) {
            if let Ok(gap) = u8::try_from(end - start - word.len()) {
                self.add(&word, gap, occurrence(start), None);
            }
        }
    }

    fn add(
        &mut self,
        word: &str,
        gap_bytes: u8,
        at: Occurrence,
        lower_case_in: Option<LowerCaseIn>,
    ) {
        let known = if gap_bytes == 0 {
            self.ids.get(word)
        } else {
            self.joined_ids.get(&(word.to_string(), gap_bytes))
        };
        let id = match known {
            Some(&id) => id,
            None => {
                let id = self.vocab.len();
                if gap_bytes == 0 {
                    self.ids.insert(word.to_string(), id);
                } else {
                    self.joined_ids.insert((word.to_string(), gap_bytes), id);
                }
                self.vocab.push(VocabWord {
                    folded: word.to_string(),
                    skeleton: skeleton(word),
                    alphabet: alphabet(word),
                    gap_bytes,
                    common: false,
                    common_in_notes: false,
                    at: Postings::default(),
                });
                let nowhere = LowerCaseIn {
                    doc: usize::MAX,
                    notes: false,
                };
                self.lower_case_in.push((nowhere, 0));
                id
            }
        };
        let v = &mut self.vocab[id];
        v.at.push(at);
        // (Most words are known common after their first lines: those are not counted on.)
        let known = |place: &LowerCaseIn| {
            if place.notes {
                v.common_in_notes
            } else {
                v.common
            }
        };
        if let Some(place) = lower_case_in.filter(|place| !known(place)) {
            let (last, count) = &mut self.lower_case_in[id];
            if *last == place {
                *count = count.saturating_add(1);
            } else {
                (*last, *count) = (place, 1);
            }
            if *count >= 2 {
                v.common = true;
                v.common_in_notes |= place.notes;
            }
        }
    }

    /// Adds the words of the index's last entry.
    fn add_last(&mut self, index: &Index, capitals: &[u32]) {
        let last = index.entries.len().checked_sub(1);
        if let Some((e, entry)) =
            last.and_then(|i| Some((u32::try_from(i).ok()?, index.entries.get(i)?)))
        {
            self.add_entry(e, entry, capitals, &index.acronyms);
        }
    }

    fn finish(mut self) -> Vec<VocabWord> {
        // Lists grown by doubling hold up to twice what they need.
        for word in &mut self.vocab {
            word.at.bytes.shrink_to_fit();
        }
        self.vocab
    }
}

/// A word's occurrences, in entry order, packed: per occurrence the entry's distance from the
/// previous one and the start, each as a LEB128 varint (about three bytes where two `u32`s
/// took eight; a library's index holds tens of millions).
#[derive(Debug, Clone, Default)]
struct Postings {
    bytes: Vec<u8>,
    last_entry: u32,
}

impl Postings {
    /// Adds an occurrence; entries come in increasing order.
    fn push(&mut self, at: Occurrence) {
        put_varint(&mut self.bytes, at.entry - self.last_entry);
        put_varint(&mut self.bytes, at.start);
        self.last_entry = at.entry;
    }

    fn iter(&self) -> impl Iterator<Item = Occurrence> + '_ {
        let mut rest = &self.bytes[..];
        let mut entry = 0u32;
        std::iter::from_fn(move || {
            let delta = take_varint(&mut rest)?;
            let start = take_varint(&mut rest)?;
            entry += delta;
            Some(Occurrence { entry, start })
        })
    }
}

fn put_varint(out: &mut Vec<u8>, mut value: u32) {
    while value >= 0x80 {
        out.push((value as u8) | 0x80);
        value >>= 7;
    }
    out.push(value as u8);
}

fn take_varint(bytes: &mut &[u8]) -> Option<u32> {
    let mut value = 0u32;
    for shift in (0..35).step_by(7) {
        let (&b, rest) = bytes.split_first()?;
        *bytes = rest;
        value |= u32::from(b & 0x7f) << shift;
        if b & 0x80 == 0 {
            return Some(value);
        }
    }
    None
}

impl VocabWord {
    /// The byte range of an occurrence in its entry's folded text: the word, and for a joined
    /// one the spaces, hyphens or full stops between its pieces.
    fn span(&self, at: Occurrence) -> (u32, u32) {
        let len = self.folded.len() + usize::from(self.gap_bytes);
        (at.start, at.start + len as u32)
    }

    fn joined(&self) -> bool {
        self.gap_bytes > 0
    }
}

/// The notes and paragraphs of a corpus, folded once, with the vocabulary of their words.
#[derive(Debug, Clone, Default)]
pub struct Index {
    /// Every note of every document first (in document order), then every paragraph.
    pub entries: Vec<Entry>,
    /// Per document: its id, and per part its key, lowercase, for filters.
    doc_ids: Vec<String>,
    part_keys: Vec<Vec<String>>,
    vocab: Vec<VocabWord>,
    /// Per note entry, the archival documents (sources) its works cite, each with the chars
    /// of the note's text citing it; per source, the note entries citing it, in either text.
    /// A search's notes bring the others citing their documents, under whatever attribution,
    /// number or date those give.
    sources_of: Vec<Box<[CitedSource]>>,
    source_entries: Vec<Box<[u32]>>,
    /// Per archive of the citation table (in its order), the note entries citing it: a word
    /// naming an archive (`IFANS`, `NARA`) also finds the notes whose citations are read as
    /// its, however they spell it (`Soviet Documents`, `RG 59`) or repeat it (`Ibid.`).
    archive_notes: Vec<Box<[u32]>>,
    /// Per kind of document, the note entries citing one: `telegram` also finds the notes
    /// whose citations are read as telegrams (`Shtykov to Vyshinsky, September 3, 1949`).
    kind_notes: FxHashMap<CitedKind, Box<[u32]>>,
    /// Per note entry, the correspondents of the works it cites, folded: sender and addressee
    /// (`stalin and zhou enlai`, `mao`). `Mao's telegram` ranks the telegrams from Mao first,
    /// `Mao to Stalin` those from Mao to Stalin, however the note words them.
    correspondents: Vec<Box<[Correspondents]>>,
    /// Whether the body's paragraphs are indexed ([`Index::of_notes`] indexes the notes alone).
    pub body_indexed: bool,
    /// The acronyms and names read as each other: kwx's, and the documents' lists'.
    acronyms: Arc<AcronymTable>,
}

/// Who sent a cited work and to whom, folded (`to` empty where the citation names nobody).
#[derive(Debug, Clone)]
struct Correspondents {
    from: Box<str>,
    to: Box<str>,
}

impl Correspondents {
    /// Whether `name` is one of the words of `names`.
    fn names(names: &str, name: &str) -> bool {
        names
            .split(|c: char| !c.is_alphanumeric())
            .any(|w| w == name)
    }
}

/// A source a note cites, and the words of the note that cite it (its work's).
#[derive(Debug, Clone)]
struct CitedSource {
    source: u32,
    /// The work's chars in the note's text.
    chars: (u32, u32),
    /// The work's words, folded.
    folded: Box<str>,
}

impl CitedSource {
    /// How many of the query's words and dates are in this work's words.
    fn relevance(&self, entry: &Entry, query: &Query) -> usize {
        let words = query
            .words
            .iter()
            .chain(&query.exact)
            .chain(&query.phrases)
            .filter(|w| self.folded.contains(w.as_str()))
            .count();
        let chars = self.chars.0 as usize..self.chars.1 as usize;
        let dates = query
            .dates
            .iter()
            .filter(|&&wanted| {
                entry.dates.iter().any(|&(date, end, (start, _))| {
                    chars.contains(&start) && date_matches(wanted, date, end)
                })
            })
            .count();
        words + dates
    }
}

/// Words this short, standing next to each other, are also indexed joined: `Il Sung` is found
/// by `Ilsung`, and `Il-sung` by `il sung`.
const JOIN_MAX: usize = 5;

impl Index {
    /// The note entries citing the archive a word names (its id or a one-word spelling of it,
    /// any case: `ifans`, `RTsKhIDNI`), however the notes name it; `None` for any other word.
    fn notes_citing_archive(&self, word: &str) -> Option<&[u32]> {
        let table = crate::corpus::citations::Table::get();
        table
            .archive_typed(word)
            .and_then(|a| self.archive_notes.get(a))
            .map(|notes| &notes[..])
    }

    pub fn new(corpus: &Corpus) -> Index {
        Index::with_progress(corpus, |_| {})
    }

    /// The query `text` asks, with the acronyms this index reads (its documents' lists').
    pub fn parse_query(&self, text: &str) -> Query {
        Query::parse_with(text, &self.acronyms)
    }

    /// The index of the notes alone: what a search of the notes (the default scope) needs,
    /// for a fraction of the work (the body is most of the text). Its note entries are those
    /// of [`Index::new`]; a search of the body finds nothing in it.
    pub fn of_notes(corpus: &Corpus) -> Index {
        Index::notes_with_progress(corpus, |_| {})
    }

    /// [`Index::of_notes`], telling `documents_done` as [`Index::with_progress`] does (up to
    /// half the documents, then all of them).
    pub fn notes_with_progress(corpus: &Corpus, documents_done: impl FnMut(usize)) -> Index {
        Index::build(corpus, false, documents_done)
    }

    /// Builds the index, telling `documents_done` how many documents it has read (each is
    /// read twice: notes, then paragraphs; the count is of both passes over two).
    pub fn with_progress(corpus: &Corpus, documents_done: impl FnMut(usize)) -> Index {
        Index::build(corpus, true, documents_done)
    }

    fn build(corpus: &Corpus, body: bool, mut documents_done: impl FnMut(usize)) -> Index {
        let mut index = Index {
            doc_ids: corpus
                .documents
                .iter()
                .map(|d| d.meta.id.to_lowercase())
                .collect(),
            part_keys: corpus
                .documents
                .iter()
                .map(|d| d.parts.iter().map(|p| p.key.to_lowercase()).collect())
                .collect(),
            body_indexed: body,
            acronyms: AcronymTable::of_corpus(corpus),
            ..Index::default()
        };
        let docs = corpus.documents.len();
        let table = crate::corpus::citations::Table::get();
        let mut archive_notes: Vec<Vec<u32>> = vec![Vec::new(); table.archives.len()];
        let mut kind_notes: FxHashMap<CitedKind, Vec<u32>> = FxHashMap::default();
        let mut vocabulary = VocabularyBuilder::default();
        // Where the entry's words written with a capital start: one list, reused.
        let mut capitals: Vec<u32> = Vec::new();
        for (d, doc) in corpus.documents.iter().enumerate() {
            documents_done(d / 2);
            for (n, note) in doc.notes.iter().enumerate() {
                let correspondents: Box<[Correspondents]> = doc
                    .citations()
                    .get(n)
                    .into_iter()
                    .flatten()
                    .filter(|work| work.from.is_some())
                    .map(|work| Correspondents {
                        from: fold(work.from.as_deref().unwrap_or("")).into(),
                        to: fold(work.to.as_deref().unwrap_or("")).into(),
                    })
                    .collect();
                index.correspondents.push(correspondents);
                if let (Some(works), Ok(entry)) =
                    (doc.citations().get(n), u32::try_from(index.entries.len()))
                {
                    for work in works {
                        let archive = work
                            .archive
                            .as_deref()
                            .and_then(|id| table.archives.iter().position(|a| a.id == id))
                            .and_then(|a| archive_notes.get_mut(a));
                        let kind = work.kind.map(|k| kind_notes.entry(k).or_default());
                        for notes in archive.into_iter().chain(kind) {
                            if notes.last() != Some(&entry) {
                                notes.push(entry);
                            }
                        }
                    }
                }
                let (mut folded, source) = fold_marking_capitals(&note.text, &mut capitals);
                let own = folded.len();
                // (`See July 2, 5, and 7, Soviet Documents`: the year is the narrative's, as
                // the citation model reads it.)
                let undated_year = crate::corpus::citations::undated_year(doc, note);
                let mut dates = dates_of(&note.text, undated_year);
                let cited = doc
                    .ibid_of_work(n)
                    .and_then(|target| doc.citations().get(target.note)?.get(target.work));
                if let Some(cited) = cited {
                    // An `Ibid.` is found by the citation it stands for (that work, not its
                    // note's others: `Ibid., p.194` of a book is not the APRF telegram after it),
                    // its words and its dates, placed past the note's own text.
                    let (more, _) = fold_with_source(&cited.text);
                    folded.push(' ');
                    folded.push_str(&more);
                    let end = note.text.chars().count();
                    dates.extend(
                        dates_of(&cited.text, None)
                            .into_iter()
                            .map(|(date, last, _)| (date, last, (end, end))),
                    );
                }
                index.push(d, Target::Note(n), note.part, dates, folded, source, own);
                vocabulary.add_last(&index, &capitals);
            }
        }
        for (d, doc) in corpus.documents.iter().enumerate().filter(|_| body) {
            documents_done((docs + d) / 2);
            for (part, p) in doc.parts.iter().enumerate() {
                for i in p.paragraphs.clone() {
                    let text = &doc.paragraphs[i].text;
                    let (folded, source) = fold_marking_capitals(text, &mut capitals);
                    let own = folded.len();
                    let dates = dates_of(text, None);
                    index.push(d, Target::Paragraph(i), part, dates, folded, source, own);
                    vocabulary.add_last(&index, &capitals);
                }
            }
        }
        documents_done(docs);
        index.archive_notes = archive_notes
            .into_iter()
            .map(Vec::into_boxed_slice)
            .collect();
        index.kind_notes = kind_notes
            .into_iter()
            .map(|(kind, notes)| (kind, notes.into_boxed_slice()))
            .collect();
        index.link_same_documents(corpus);
        index.vocab = vocabulary.finish();
        index
    }

    /// Which note entries cite each archival document the corpus's sources gather.
    fn link_same_documents(&mut self, corpus: &Corpus) {
        // Notes are the first entries, in document order.
        let first_note: Vec<usize> = corpus
            .documents
            .iter()
            .scan(0, |next, d| {
                let first = *next;
                *next += d.notes.len();
                Some(first)
            })
            .collect();
        let notes = corpus.documents.iter().map(|d| d.notes.len()).sum();
        let mut sources_of: Vec<Vec<CitedSource>> = vec![Vec::new(); notes];
        // The chars of a note's text that are one of its works' words (all of it if not
        // found), and those words folded.
        let work_words = |m: &crate::corpus::citations::SourceMember| {
            let doc = corpus.documents.get(m.doc)?;
            let text = &doc.notes.get(m.note)?.text;
            let work = &doc.citations().get(m.note)?.get(m.work)?.text;
            let span = text
                .find(work.as_str())
                .map_or((0, text.chars().count()), |start| {
                    let start = text[..start].chars().count();
                    (start, start + work.chars().count())
                });
            let chars = (u32::try_from(span.0).ok()?, u32::try_from(span.1).ok()?);
            Some((chars, fold(work).into_boxed_str()))
        };
        self.source_entries = corpus
            .sources()
            .sources
            .iter()
            .enumerate()
            .map(|(s, source)| {
                // (More sources than a u32 counts are not linked.)
                let Ok(source_id) = u32::try_from(s) else {
                    return Box::default();
                };
                let mut entries: Vec<u32> = Vec::with_capacity(source.members.len());
                for m in &source.members {
                    let Some(e) = first_note.get(m.doc).map(|f| f + m.note) else {
                        continue;
                    };
                    let (Ok(entry), Some((chars, folded)), Some(of)) =
                        (u32::try_from(e), work_words(m), sources_of.get_mut(e))
                    else {
                        continue;
                    };
                    entries.push(entry);
                    of.push(CitedSource {
                        source: source_id,
                        chars,
                        folded,
                    });
                }
                entries.sort_unstable();
                entries.dedup();
                entries.into_boxed_slice()
            })
            .collect();
        self.sources_of = sources_of.into_iter().map(Vec::into_boxed_slice).collect();
    }

    /// `hits` followed by the notes citing the same archival documents as they do that are not
    /// hits themselves (and that the query's filters admit), each after the first hit that
    /// brings it, marked with that hit. A note citing several documents brings those of the
    /// works the query is most in (`Stalin Kim 5 March 1949` in a note citing two telegrams
    /// and that conversation brings the conversation's other notes only).
    fn with_same_documents(&self, mut hits: Vec<Hit>, query: &Query) -> Vec<Hit> {
        let mut seen = vec![false; self.entries.len()];
        for h in &hits {
            seen[h.entry] = true;
        }
        let mut source_seen = vec![false; self.source_entries.len()];
        let matches = hits.len();
        for k in 0..matches {
            let through = hits[k].entry;
            // (Most hits cite nothing, or documents an earlier hit brought.)
            let Some(cited) = self
                .sources_of
                .get(through)
                .filter(|c| c.iter().any(|c| !source_seen[c.source as usize]))
            else {
                continue;
            };
            let relevance: Vec<usize> = cited
                .iter()
                .map(|c| c.relevance(&self.entries[through], query))
                .collect();
            let most = relevance.iter().copied().max().unwrap_or(0);
            for (c, _) in cited.iter().zip(&relevance).filter(|(_, &r)| r == most) {
                // (A document's notes are all brought by the first hit citing it.)
                if std::mem::replace(&mut source_seen[c.source as usize], true) {
                    continue;
                }
                for &e in self.source_entries[c.source as usize].iter() {
                    let e = e as usize;
                    if !seen[e] && self.admits(query, e) {
                        seen[e] = true;
                        hits.push(Hit {
                            entry: e,
                            score: 0,
                            lacks: None,
                            same_document_as: u32::try_from(through).ok(),
                        });
                    }
                }
            }
        }
        hits
    }

    /// Whether entry `e` is in the query's scope and passes its document, part and exclusion
    /// filters.
    fn admits(&self, query: &Query, e: usize) -> bool {
        let entry = &self.entries[e];
        entry.in_scope(query.scope)
            && query
                .doc
                .as_ref()
                .is_none_or(|d| self.doc_ids[entry.doc] == *d)
            && query
                .part
                .as_ref()
                .is_none_or(|p| self.part_keys[entry.doc][entry.part] == *p)
            && !query
                .excluded
                .iter()
                .any(|x| entry.folded.contains(x.as_str()))
    }

    #[allow(clippy::too_many_arguments)]
    fn push(
        &mut self,
        doc: usize,
        target: Target,
        part: usize,
        dates: Vec<EntryDate>,
        folded: String,
        source: SourceMap,
        own: usize,
    ) {
        self.entries.push(Entry {
            doc,
            target,
            part,
            alphabet: alphabet(&folded),
            folded,
            source,
            own,
            dates,
        });
    }

    /// How many entries `scope` holds.
    pub fn count_in(&self, scope: Scope) -> usize {
        self.entries.iter().filter(|e| e.in_scope(scope)).count()
    }
}

/// The words of folded text that the index also holds joined, each with the byte range it
/// spans: two short words side by side (`il sung` is `ilsung`, `il-sung` too), a run of
/// initials, each with its full stop (`u.s.s.r.` is `ussr`, `i. f.` `if`), and a name an
/// acronym stands for (`joint chiefs of staff` is `jcs`; `corpus/acronyms.toml`).
fn joined_words(folded: &str, acronyms: &AcronymTable) -> Vec<(String, usize, usize)> {
    let spans: Vec<(usize, usize)> = words(folded).collect();
    joined_words_at(folded, &spans, acronyms)
}

/// [`joined_words`] of folded text whose words stand at `spans`.
fn joined_words_at(
    folded: &str,
    spans: &[(usize, usize)],
    acronyms: &AcronymTable,
) -> Vec<(String, usize, usize)> {
    let mut out = acronyms_spelled_out(folded, spans, acronyms);
    let mut previous: Option<(usize, usize)> = None;
    // The initials so far: where they start, their letters, where the last one ends.
    let mut initials: Option<(usize, String, usize)> = None;
    let close = |run: Option<(usize, String, usize)>, out: &mut Vec<_>| {
        if let Some((start, letters, end)) = run.filter(|r| r.1.chars().count() >= 2) {
            out.push((letters, start, end));
        }
    };
    for &(start, end) in spans {
        let word = &folded[start..end];
        if let Some((p_start, p_end)) = previous {
            let gap = &folded[p_end..start];
            let short = |s: &str| s.chars().count() <= JOIN_MAX;
            let a = &folded[p_start..p_end];
            let joins = || {
                (short(a) && short(word) && a.chars().chain(word.chars()).all(char::is_alphabetic))
                    // (`thirty-eighth` is also `38th`, whatever its length.)
                    || variants::is_split_ordinal(a, word)
            };
            if (gap == " " || gap == "-") && joins() {
                out.push((format!("{a}{word}"), p_start, end));
            }
        }
        previous = Some((start, end));
        let initial = word.chars().count() == 1
            && word.chars().all(char::is_alphabetic)
            && folded[end..].starts_with('.');
        match &mut initials {
            Some((_, letters, last)) if initial && matches!(&folded[*last..start], "." | ". ") => {
                letters.push_str(word);
                *last = end;
            }
            _ => {
                close(initials.take(), &mut out);
                initials = initial.then(|| (start, word.to_string(), end));
            }
        }
    }
    close(initials, &mut out);
    out
}

/// Each name of `corpus/acronyms.toml` that folded text spells out, as its acronym and the
/// byte range of the name: the longest name where names overlap (`democratic peoples republic
/// of korea` is `dprk`, not the `rok` it ends with).
fn acronyms_spelled_out(
    folded: &str,
    spans: &[(usize, usize)],
    acronyms: &AcronymTable,
) -> Vec<(String, usize, usize)> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < spans.len() {
        let (len, names) = acronyms.long_forms_at(spans[i..].iter().map(|&(s, e)| &folded[s..e]));
        if len == 0 {
            i += 1;
            continue;
        }
        let (start, end) = (spans[i].0, spans[i + len - 1].1);
        for name in names {
            // (A name is longer than its acronym; the index keeps the difference.)
            if end - start > name.acronym.len() {
                out.push((name.acronym.clone(), start, end));
            }
        }
        i += len;
    }
    out
}

/// The words of folded text: runs of letters and digits, as byte ranges.
fn words(folded: &str) -> impl Iterator<Item = (usize, usize)> + '_ {
    let mut chars = folded.char_indices().peekable();
    std::iter::from_fn(move || {
        while chars.next_if(|(_, c)| !c.is_alphanumeric()).is_some() {}
        let (start, _) = *chars.peek()?;
        let mut end = start;
        while let Some((i, c)) = chars.next_if(|(_, c)| c.is_alphanumeric()) {
            end = i + c.len_utf8();
        }
        Some((start, end))
    })
}

/// How well a query word matched, worst first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Level {
    Fuzzy,
    Typo,
    Prefix,
    Whole,
}

impl Level {
    fn weight(self) -> i64 {
        match self {
            Level::Whole => 1000,
            Level::Prefix => 600,
            Level::Typo => 400,
            Level::Fuzzy => 200,
        }
    }
}

/// Where one requirement of a query (a word, a phrase, a date) matched an entry: its best
/// level, whether a match at that level is spelt as typed (`Song`, not the `Sung` it is also
/// read as), and the folded byte ranges at that level.
#[derive(Debug, Clone)]
struct Found {
    level: Level,
    as_typed: bool,
    spans: Vec<(u32, u32)>,
}

impl Found {
    /// A whole match with no place in the text to show (a date the entry names, an archive
    /// its citations are read as, or a kind: `as_typed` false, a reading of the word).
    fn whole_unplaced(as_typed: bool) -> Found {
        Found {
            level: Level::Whole,
            as_typed,
            spans: Vec::new(),
        }
    }
}

type Matches = FxHashMap<u32, Found>;

fn record(matches: &mut Matches, entry: u32, level: Level, as_typed: bool, span: (u32, u32)) {
    let found = matches.entry(entry).or_insert(Found {
        level,
        as_typed,
        spans: Vec::new(),
    });
    if level > found.level {
        found.level = level;
        found.as_typed = as_typed;
        found.spans.clear();
    }
    if level == found.level {
        found.as_typed |= as_typed;
        found.spans.push(span);
    }
}

/// Whether a query word is a number written in figures (`8`, `1950`).
fn is_number(word: &str) -> bool {
    !word.is_empty() && word.bytes().all(|b| b.is_ascii_digit())
}

/// The edits a word of `chars` letters may be off by and still match: typos.
fn typo_budget(chars: usize) -> usize {
    match chars {
        0..=4 => 0,
        5..=8 => 1,
        _ => 2,
    }
}

/// How a word was typed, for matching.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Typed {
    /// As a word: its variants, prefixes and typos count.
    Word,
    /// `'word`: that word only.
    Exact,
    /// In its possessive (`Mao's`, the word being `mao`): the text's possessive is the word
    /// as typed, the name alone a match after it.
    Possessive,
}

/// How a query word is matched: folded, its skeleton, its typo budget, whether only the word
/// itself counts, and its synonyms' skeletons.
struct Wanted<'w> {
    word: &'w str,
    skel: String,
    budget: usize,
    exact: bool,
    synonyms: Vec<&'static str>,
    /// Whether words whose skeleton starts with this one's match as a prefix: not when the
    /// word ends in a doubled letter (`foo` is written whole: its skeleton `fo` would make it a
    /// prefix of `for` and `fond`), nor when its skeleton is shorter than three letters and
    /// than the word.
    skeleton_prefix: bool,
    /// A word ending in a silent e (`negotiate`, `defence`), without it: the start of its
    /// forms in -ing, -ion, -ive (`negotiating`, `negotiations`, the article's `defensive`).
    stem: Option<String>,
    /// The word's English stem, for its other forms where only typos or nothing match it
    /// ([`variants::is_english_form`]); none for a word typed exact. Stemmed when first asked.
    english_stem: std::cell::OnceCell<Option<String>>,
    /// Typed in its possessive ([`Typed::Possessive`]).
    possessive: bool,
}

impl<'w> Wanted<'w> {
    fn new(word: &'w str, typed: Typed) -> Wanted<'w> {
        let exact = typed == Typed::Exact;
        let skel = skeleton(word);
        // Numbers and months are not misspelt: 1948 is not a typo of 1949. The budget goes by
        // the skeleton, which the edits are counted on (`hello` is `helo`, four letters: no
        // typo of `delo`).
        let budget = if skel.starts_with('#') || word.bytes().any(|b| b.is_ascii_digit()) {
            0
        } else {
            typo_budget(skel.chars().count())
        };
        let mut last_two = word.chars().rev().take(2);
        let ends_doubled = matches!((last_two.next(), last_two.next()), (Some(a), Some(b)) if a == b && a.is_alphabetic());
        // (Nor when the spelling rules shrank a word to a letter or two: `yeo` is `e`, no start
        // of every word in e. A number's skeleton is itself, and it starts no longer number:
        // see `level_as_typed`.)
        let skeleton_prefix = !ends_doubled
            && !is_number(word)
            && skel.chars().count() >= word.chars().count().min(3);
        let synonyms = if exact {
            Vec::new()
        } else {
            variants::synonyms(word)
        };
        let stem =
            (skeleton_prefix && word.len() >= 5 && word.bytes().all(|b| b.is_ascii_alphabetic()))
                .then(|| skel.strip_suffix('e').map(str::to_string))
                .flatten();
        Wanted {
            word,
            skel,
            budget,
            exact,
            synonyms,
            skeleton_prefix,
            stem,
            english_stem: std::cell::OnceCell::new(),
            possessive: typed == Typed::Possessive,
        }
    }

    /// Whether the text's word (its skeleton) is a synonym of this one.
    fn is_synonym(&self, skeleton: &str) -> bool {
        self.synonyms.contains(&skeleton)
    }

    /// Whether the text's folded word is another English form of this one (`negotiated` of
    /// `negotiating`), or, with `derived`, the word this one is made from (`pre-empt` of
    /// `preemptive`).
    fn is_english_form(&self, folded: &str, derived: bool) -> bool {
        (self.english_stem().as_deref())
            .is_some_and(|stem| variants::is_english_form(folded, self.word, stem, derived))
    }

    fn english_stem(&self) -> &Option<String> {
        (self.english_stem).get_or_init(|| {
            (!self.exact)
                .then(|| variants::english_stem(self.word))
                .flatten()
        })
    }
}

/// How a word of the text (folded, its skeleton and alphabet) matches a query word. A synonym
/// (`meeting` for `conversation`) counts as a typo does: after the word itself.
fn level_of(wanted: &Wanted, v: (&str, &str, u64)) -> Option<Level> {
    if !wanted.possessive {
        return level_as_typed(wanted, v);
    }
    // A name typed in its possessive: the text's possessive is the word as typed, and the
    // name alone (matched whole as typed) a match after it.
    if v.1.strip_suffix('s') == Some(wanted.skel.as_str()) {
        return Some(Level::Whole);
    }
    level_as_typed(wanted, v).map(|level| level.min(Level::Prefix))
}

/// [`level_of`] for a word as it was typed.
fn level_as_typed(wanted: &Wanted, v: (&str, &str, u64)) -> Option<Level> {
    let Wanted {
        word,
        skel,
        budget,
        exact,
        ..
    } = wanted;
    let (word, skel, budget) = (*word, skel.as_str(), *budget);
    let (folded, v_skeleton, v_alphabet) = v;
    if *exact {
        return (folded == word).then_some(Level::Whole);
    }
    // (A letter alone is an initial, no spelling of a longer word: `E.` is not `Yeo`.)
    if v_skeleton == skel && (folded.chars().nth(1).is_some() || folded == word) {
        return Some(Level::Whole);
    }
    let stem_form = |stem: &String| {
        v_skeleton
            .strip_prefix(stem.as_str())
            .is_some_and(|ending| ending.starts_with('i'))
    };
    // A number typed is the start of no longer number, as it is no typo of one: `NSC 8` is
    // not NSC 81/1, nor `No. 15` No. 159 (it still starts `15th`, `1950s`, `476/1`).
    let starts = |text_word: &str| {
        text_word.starts_with(word)
            && !(is_number(word)
                && text_word
                    .as_bytes()
                    .get(word.len())
                    .is_some_and(u8::is_ascii_digit))
    };
    // (Its possessive or plural always: `Lebedeff` finds `Lebedev's`.)
    if (wanted.skeleton_prefix && v_skeleton.starts_with(skel))
        || starts(folded)
        || v_skeleton.strip_suffix('s') == Some(skel)
        || wanted.stem.as_ref().is_some_and(stem_form)
    {
        return Some(Level::Prefix);
    }
    if wanted.is_synonym(v_skeleton) {
        return Some(Level::Typo);
    }
    let within = |a: &str, b: &str| {
        a.len().abs_diff(b.len()) <= budget && strsim::osa_distance(a, b) <= budget
    };
    // Edits are counted on the skeletons, and on the words as written too: a letter typed
    // three times (`Mucccio`) is one too many of the written `Muccio`, though a run of three
    // stays in its skeleton.
    if budget > 0
        && (alphabet(word) ^ v_alphabet).count_ones() as usize <= 2 * budget
        && (within(v_skeleton, skel) || within(folded, word))
    {
        return Some(Level::Typo);
    }
    None
}

/// Whether a word the index joined from several (`kaisheks` of `Kai-Sheks`) meets a query word
/// at `level`: whole, or as its possessive (`jieshi`), never by a prefix or typo of it.
fn meets_joined(wanted: &Wanted, level: Level, joined_skeleton: &str) -> bool {
    level == Level::Whole
        || (wanted.skel.chars().count() >= 3
            && joined_skeleton.strip_suffix('s') == Some(wanted.skel.as_str()))
}

/// The first window of `folded` no longer than one and a half times `word` that starts a word
/// and holds `word`'s letters in order (ASCII words of four letters or more; `mao` in
/// `manso…` is not one): a tight fuzzy match (`shtkv` in `shtykov`, `kimilsung` in `kim il
/// sung`), as a byte range. The window runs on past a word only where it took that word's
/// every letter: `kimilsung` is typed from `kim il sung`, but `taejon` is not from `take
/// joint`.
fn tight_window(folded: &str, word: &str) -> Option<(usize, usize)> {
    let w = word.as_bytes();
    if w.len() < 4 || !word.is_ascii() {
        return None;
    }
    let t = folded.as_bytes();
    let limit = w.len() + w.len().div_ceil(2);
    let word_start = |i: usize| i == 0 || !t[i - 1].is_ascii_alphanumeric();
    for start in memchr::memchr_iter(w[0], t).filter(|&i| word_start(i)) {
        let mut i = 1;
        // Whether every letter of the text's word the window is in was taken so far.
        let mut word_taken = true;
        let stop = (start + limit).min(t.len());
        for (pos, &b) in t.iter().enumerate().take(stop).skip(start + 1) {
            if b == w[i] {
                i += 1;
                if i == w.len() {
                    return Some((start, pos + 1));
                }
            } else if b.is_ascii_alphanumeric() {
                word_taken = false;
            } else if !word_taken {
                break;
            } else {
                word_taken = true;
            }
        }
    }
    None
}

/// Whether a date the text names falls within the query's date, to the query's precision.
fn date_matches(query: PartialDate, date: PartialDate, end: Option<PartialDate>) -> bool {
    let at_precision = |d: PartialDate| PartialDate {
        year: d.year,
        month: query.month.and(d.month),
        day: query.day.and(d.day),
    };
    // The text must be at least as precise as the query.
    if query.day.is_some() && date.day.is_none() || query.month.is_some() && date.month.is_none() {
        return false;
    }
    let first = at_precision(date);
    let last = at_precision(end.unwrap_or(date));
    first <= query && query <= last
}

/// What a requirement is, for the cache.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
enum Requirement {
    Word(String),
    /// A name typed in its possessive, as the name (`mao` of `Mao's`).
    Possessive(String),
    Exact(String),
    /// Two query words typed apart that the text writes as one (`il sung` / `Ilsung`).
    Joined(String),
    Phrase(String),
    Date(PartialDate),
    Reference(Reference),
}

/// How many entries or words a search goes through between checks for cancellation.
pub const CANCEL_CHECK: usize = 512;

/// A matching entry and its score (higher is better).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hit {
    /// Index into [`Index::entries`].
    pub entry: usize,
    pub score: i64,
    /// When no entry has everything the query asks for: the one requirement this near miss
    /// lacks (its place as [`Query::requirement_label`] takes it).
    pub lacks: Option<u8>,
    /// A note that does not match but cites the same archival document as the hit at this
    /// entry (`JWPC 476/1` brings the note that numbers it 467/1).
    pub same_document_as: Option<u32>,
}

impl Hit {
    /// Whether the entry has everything the query asks for (not a near miss, nor a note
    /// brought by another's document).
    pub fn is_match(&self) -> bool {
        self.lacks.is_none() && self.same_document_as.is_none()
    }
}

/// Ranks entries for queries. Keeps what each word of recent queries matched, so a keystroke
/// computes only the word being typed, and the last results, so backspace costs nothing.
pub struct Searcher {
    matcher: SkimMatcherV2,
    requirements: FxHashMap<(Requirement, Scope), Arc<Matches>>,
    results: VecDeque<(Query, Vec<Hit>)>,
}

impl Default for Searcher {
    fn default() -> Self {
        Searcher {
            matcher: SkimMatcherV2::default().ignore_case(),
            requirements: FxHashMap::default(),
            results: VecDeque::new(),
        }
    }
}

/// Queries whose results are kept: enough to backspace over a long query.
const RESULTS_KEPT: usize = 64;
/// Requirements whose matches are kept before the cache starts over.
const REQUIREMENTS_KEPT: usize = 256;

impl Searcher {
    /// Forgets everything computed, so the next search starts from nothing.
    pub fn reset(&mut self) {
        self.requirements.clear();
        self.results.clear();
    }

    /// Every entry matching `query`, best first; ties in index order (notes in document order).
    pub fn search(&mut self, index: &Index, query: &Query) -> Vec<Hit> {
        self.search_unless(index, query, || false)
            .unwrap_or_default()
    }

    /// [`Searcher::search`] that gives up (returning `None`) as soon as `cancelled` says so;
    /// it is asked every [`CANCEL_CHECK`] entries or words.
    pub fn search_unless(
        &mut self,
        index: &Index,
        query: &Query,
        cancelled: impl Fn() -> bool,
    ) -> Option<Vec<Hit>> {
        if let Some((_, hits)) = self.results.iter().find(|(q, _)| q == query) {
            return Some(hits.clone());
        }
        let mut hits = self.rank(index, query, &cancelled)?;
        if hits.is_empty() {
            hits = self.near_misses(index, query, &cancelled)?;
        } else if query.same_documents {
            hits = index.with_same_documents(hits, query);
        }
        if self.results.len() == RESULTS_KEPT {
            self.results.pop_back();
        }
        self.results.push_front((query.clone(), hits.clone()));
        Some(hits)
    }

    /// When nothing has every requirement of a query asking for three or more (or for a word
    /// and a date or reference): the entries lacking just one (`Tunkin report 14 September
    /// 1949` finds the notes that call Tunkin's report of that day a telegram). Those missing a
    /// word come before those missing a date, phrase or reference (what a reader pins down),
    /// and of those, the ones missing the word that leaves fewest: a word the texts do not use
    /// for the thing, rather than what narrows it.
    fn near_misses(
        &mut self,
        index: &Index,
        query: &Query,
        cancelled: &dyn Fn() -> bool,
    ) -> Option<Vec<Hit>> {
        let asked = query.requirement_count();
        // Two words are too few to drop one of; a word and a date are not (`Roshchin 2
        // October 1950`: the day's documents, then Roshchin's).
        let pinned = query.dates.len() + query.references.len();
        if asked < 2 || (asked == 2 && pinned == 0) {
            return Some(Vec::new());
        }
        let mut groups: Vec<(usize, Vec<Hit>)> = Vec::with_capacity(asked);
        for i in 0..asked.min(usize::from(u8::MAX)) {
            // (The query without the word being typed was usually ranked a keystroke ago.)
            let relaxed = query.without(i);
            let kept = self.results.iter().find(|(q, _)| *q == relaxed);
            let hits = match kept {
                Some((_, hits)) => hits.iter().filter(|h| h.is_match()).copied().collect(),
                None => self.rank(index, &relaxed, cancelled)?,
            };
            if !hits.is_empty() {
                groups.push((i, hits));
            }
        }
        let words = query.required_words().count();
        groups.sort_by_key(|(i, hits)| (*i >= words, hits.len(), *i));
        let mut seen = vec![false; index.entries.len()];
        let mut near = Vec::new();
        for (i, hits) in groups {
            for hit in hits {
                if !std::mem::replace(&mut seen[hit.entry], true) {
                    near.push(Hit {
                        lacks: u8::try_from(i).ok(),
                        ..hit
                    });
                }
            }
        }
        Some(near)
    }

    fn rank(
        &mut self,
        index: &Index,
        query: &Query,
        cancelled: &dyn Fn() -> bool,
    ) -> Option<Vec<Hit>> {
        let scope = query.scope;
        let filtered = |e: usize| index.admits(query, e);
        if query.words.is_empty()
            && query.exact.is_empty()
            && query.phrases.is_empty()
            && query.dates.is_empty()
            && query.references.is_empty()
        {
            // Nothing to match: every entry in order.
            return Some(
                (0..index.entries.len())
                    .filter(|&e| filtered(e))
                    .map(|entry| Hit {
                        entry,
                        score: 0,
                        lacks: None,
                        same_document_as: None,
                    })
                    .collect(),
            );
        }
        // Correspondence the query asks for: a person typed in the possessive (`Mao's
        // telegram`, `Kim Il Sung's letter`: a document that person sent, by surname) or after
        // `from` or `by`, and `X to Y` (`Mao to Stalin`: one from X to Y). The notes citing
        // one count as if they wrote it as typed, whatever their words ("Telegram sent to
        // Stalin from Mao").
        let given = |j: usize| query.traits_of(j).given_name;
        // (The query's words by index: a correspondent's surname, and the addressee's.)
        let surname_at = |i: usize| (0..=i).rev().find(|&j| !given(j));
        let mut asked: Vec<(usize, Option<usize>)> = (0..query.words.len())
            .filter(|&i| query.traits_of(i).possessive)
            .filter_map(|i| Some((surname_at(i)?, None)))
            .collect();
        for (i, word) in query.words.iter().enumerate() {
            let next = (i + 1 < query.words.len()).then_some(i + 1);
            match (word.as_str(), next) {
                // `telegram from Mao`, `report by Ignatiev`: a document that person sent.
                ("from" | "by", Some(sender)) => asked.push((sender, None)),
                ("to", Some(to)) if i > 0 => {
                    if let Some(from) = surname_at(i - 1) {
                        asked.push((from, Some(to)));
                    }
                }
                _ => {}
            }
        }
        let word_at = |i: usize| query.words.get(i).map_or("", String::as_str);
        let sent = |e: usize, &(from, to): &(usize, Option<usize>)| {
            let cited = index.correspondents.get(e).map_or(&[][..], |c| &c[..]);
            cited.iter().any(|c| {
                Correspondents::names(&c.from, word_at(from))
                    && to.is_none_or(|to| Correspondents::names(&c.to, word_at(to)))
            })
        };
        let initial = |i: usize| query.traits_of(i).initials;
        let one_letter = |i: usize| {
            query
                .words
                .get(i)
                .is_some_and(|w| w.chars().nth(1).is_none())
        };
        // (An initial alone matches whole, as words joined do: `t.` is no start of every word
        // in t.)
        let words: Vec<Arc<Matches>> = query
            .words
            .iter()
            .zip(0..)
            .map(|(w, i)| {
                let requirement = if initial(i) && one_letter(i) {
                    Requirement::Joined(w.clone())
                } else if query.traits_of(i).possessive {
                    Requirement::Possessive(w.clone())
                } else {
                    Requirement::Word(w.clone())
                };
                self.matches(index, requirement, scope, cancelled)
            })
            .collect::<Option<_>>()?;
        let joined: Vec<Arc<Matches>> = query
            .words
            .windows(2)
            .map(|pair| {
                let word = format!("{}{}", pair[0], pair[1]);
                self.matches(index, Requirement::Joined(word), scope, cancelled)
            })
            .collect::<Option<_>>()?;
        // A name typed in full is met by its acronym, written or spelled out: a variant of
        // the words typed, ranked after them (the written name itself matches them as typed).
        let acronyms: Vec<Matches> = query
            .acronyms
            .iter()
            .map(|a| {
                let requirement = Requirement::Exact(a.acronym.clone());
                let found = self.matches(index, requirement, scope, cancelled)?;
                let variant = |f: &Found| Found {
                    as_typed: false,
                    ..f.clone()
                };
                let mut met: Matches = found.iter().map(|(&e, f)| (e, variant(f))).collect();
                // An archive's name typed in full (`Russian Presidential Archives`): the notes
                // citing the archive, however they name it, as its id typed finds them.
                let citing = index.notes_citing_archive(&a.acronym).unwrap_or_default();
                for &e in citing
                    .iter()
                    .filter(|&&e| index.entries[e as usize].in_scope(scope))
                {
                    met.entry(e).or_insert(Found::whole_unplaced(false));
                }
                Some(met)
            })
            .collect::<Option<_>>()?;
        let acronyms_of = |i: usize| {
            query
                .acronyms
                .iter()
                .zip(&acronyms)
                .filter(move |(a, _)| a.words.contains(&i))
                .map(|(_, m)| m)
        };
        let mut others: Vec<Arc<Matches>> = Vec::new();
        for r in query
            .exact
            .iter()
            .map(|w| Requirement::Exact(w.clone()))
            .chain(query.phrases.iter().map(|p| Requirement::Phrase(p.clone())))
            .chain(query.dates.iter().map(|d| Requirement::Date(*d)))
            .chain(query.references.iter().cloned().map(Requirement::Reference))
        {
            others.push(self.matches(index, r, scope, cancelled)?);
        }
        // Query word i is met by its own matches, by a joined pair it is part of (whole, or
        // by the pair's other English forms: `pre-emptive` finds "pre-empt"), or by the
        // acronym of a name it is part of.
        let word_found = |i: usize, e: u32| -> Option<&Found> {
            let own = words[i].get(&e);
            let pair = [i.checked_sub(1), (i + 1 < words.len()).then_some(i)]
                .into_iter()
                .flatten()
                .filter_map(|j| joined[j].get(&e))
                .chain(acronyms_of(i).filter_map(|m| m.get(&e)))
                .filter(|f| f.level >= Level::Typo)
                .reduce(|best, f| if f.level > best.level { f } else { best });
            match (own, pair) {
                (Some(o), Some(p)) if p.level > o.level => Some(p),
                (Some(o), _) => Some(o),
                (None, p) => p,
            }
        };
        // Initials a note may lack: one alone (`T. Shtykov`), or several no entry writes whole
        // (`T.F. Shtykov`: the texts write Shtykov alone), whose loose matches then count for
        // nothing (`ay` of `A.Y. Vyshinsky` is no start of Ayers). `U.S.`, written, is wanted.
        let loose_initials: Vec<bool> = words
            .iter()
            .zip(0..)
            .map(|(m, i)| {
                initial(i) && (one_letter(i) || !m.values().any(|f| f.level == Level::Whole))
            })
            .collect();
        // Given names, and those initials.
        let loose_initial = |i: usize| loose_initials.get(i).copied().unwrap_or(false);
        let given_or_initial = |i: usize| query.traits_of(i).given_name || loose_initial(i);
        let optional = |i: usize| query.is_optional(i) || loose_initial(i);
        // The given names and loose initials in runs: one person's names.
        let mut optional_runs: Vec<std::ops::Range<usize>> = Vec::new();
        for i in (0..words.len()).filter(|&i| given_or_initial(i)) {
            match optional_runs.last_mut() {
                Some(run) if run.end == i => run.end = i + 1,
                _ => optional_runs.push(i..i + 1),
            }
        }
        // Candidates: the entries of the smallest requirement (a word a note may lack is none).
        let smallest = words
            .iter()
            .zip(0..)
            .filter(|&(_, i)| !optional(i))
            .map(|(m, i)| {
                let more = joined.get(i).map_or(0, |j| j.len())
                    + acronyms_of(i).map(|m| m.len()).sum::<usize>();
                (m.len() + more, Some(i))
            })
            .chain(others.iter().map(|m| (m.len(), None)))
            .min_by_key(|(n, _)| *n);
        let candidates: Vec<u32> = match smallest {
            Some((_, Some(i))) => {
                let mut c: Vec<u32> = words[i].keys().copied().collect();
                for j in [i.checked_sub(1), Some(i)].into_iter().flatten() {
                    if let Some(m) = joined.get(j) {
                        c.extend(m.keys().copied());
                    }
                }
                for m in acronyms_of(i) {
                    c.extend(m.keys().copied());
                }
                c.sort_unstable();
                c.dedup();
                c
            }
            Some((_, None)) => {
                let m = others.iter().min_by_key(|m| m.len())?;
                m.keys().copied().collect()
            }
            None => Vec::new(),
        };
        let given_read = Found::whole_unplaced(false);
        let mut hits = Vec::new();
        for (n, e) in candidates.into_iter().enumerate() {
            if n % CANCEL_CHECK == 0 && cancelled() {
                return None;
            }
            if !filtered(e as usize) {
                continue;
            }
            let mut each: Vec<Option<&Found>> = Vec::with_capacity(words.len());
            for i in 0..words.len() {
                let f = word_found(i, e).filter(|f| !loose_initial(i) || f.level == Level::Whole);
                if f.is_none() && !optional(i) {
                    break;
                }
                each.push(f);
            }
            if each.len() < words.len() {
                continue;
            }
            // Given names count only whole: `tse tung` both found, not `tse` as a prefix alone.
            // Without them, the surname beside them must be whole too, or possessive
            // (`Acheson's`): `Peng Dehuai` is not the `Pyongyang` it begins, nor `Penguin`.
            let folded = &index.entries[e as usize].folded;
            let whole_or_possessive = |i: usize, f: &Found| {
                f.level == Level::Whole
                    || query.words.get(i).is_some_and(|w| {
                        f.spans.iter().any(|&(s, end)| {
                            folded
                                .get(s as usize..end as usize)
                                .is_some_and(|t| t.strip_suffix('s') == Some(w.as_str()))
                        })
                    })
            };
            let mut surname_loose = false;
            for run in &optional_runs {
                if run.clone().any(|i| each[i].is_none()) {
                    each[run.clone()].fill(None);
                    let beside = [run.start.checked_sub(1), Some(run.end)];
                    surname_loose |= beside.into_iter().flatten().any(|i| {
                        !optional(i)
                            && each
                                .get(i)
                                .copied()
                                .flatten()
                                .is_some_and(|f| !whole_or_possessive(i, f))
                    });
                }
            }
            if surname_loose {
                continue;
            }
            // The given names of a correspondent the note's citations name by surname (`Kim
            // Il Sung to Stalin`, a telegram "from Kim to Stalin"): the person typed, a reading.
            let sent_here: Vec<&(usize, Option<usize>)> =
                asked.iter().filter(|a| sent(e as usize, a)).collect();
            for a in &sent_here {
                let surnames = [Some(a.0), a.1].into_iter().flatten();
                for at in surnames {
                    for run in optional_runs.iter().filter(|run| run.start == at + 1) {
                        for f in each[run.clone()].iter_mut().filter(|f| f.is_none()) {
                            *f = Some(&given_read);
                        }
                    }
                }
            }
            let found: Vec<&Found> = each.into_iter().flatten().collect();
            let mut all = true;
            let mut rest: Vec<&Found> = Vec::with_capacity(others.len());
            for m in &others {
                match m.get(&e) {
                    Some(f) => rest.push(f),
                    None => {
                        all = false;
                        break;
                    }
                }
            }
            if !all {
                continue;
            }
            let entry = &index.entries[e as usize];
            hits.push(Hit {
                entry: e as usize,
                score: score(entry, &found, &rest) + SENDER_WEIGHT * sent_here.len() as i64,
                lacks: None,
                same_document_as: None,
            });
        }
        // Equal scores keep index order.
        hits.sort_unstable_by_key(|h| (std::cmp::Reverse(h.score), h.entry));
        Some(hits)
    }

    /// What one requirement matches in `scope`, from the cache or computed now.
    fn matches(
        &mut self,
        index: &Index,
        requirement: Requirement,
        scope: Scope,
        cancelled: &dyn Fn() -> bool,
    ) -> Option<Arc<Matches>> {
        let key = (requirement, scope);
        if let Some(m) = self.requirements.get(&key) {
            return Some(m.clone());
        }
        let computed = Arc::new(compute(index, &key.0, scope, cancelled)?);
        if self.requirements.len() >= REQUIREMENTS_KEPT {
            self.requirements.clear();
        }
        self.requirements.insert(key, computed.clone());
        Some(computed)
    }

    /// Char indices of the entry's text that the query matched, for highlighting: the words
    /// at their best level, phrases and dates. Only computed for the rows on screen.
    pub fn matched_chars(&self, index: &Index, entry: &Entry, query: &Query) -> Vec<usize> {
        let mut spans: Vec<(usize, usize)> = Vec::new();
        let text_words: Vec<(usize, usize)> = words(&entry.folded).collect();
        // Words the index joined from several (`ilsung`, `U.S.S.R.`, `pre-empt`).
        let joined = joined_words(&entry.folded, &index.acronyms);
        let mut word_spans = |word: &str, typed: Typed, forms: bool| {
            let exact = typed == Typed::Exact;
            let wanted = Wanted::new(word, typed);
            let mut best: Option<(Level, Vec<(usize, usize)>)> = None;
            for &(s, e) in &text_words {
                let w = &entry.folded[s..e];
                let v = (w, &skeleton(w)[..], alphabet(w));
                if let Some(level) = level_of(&wanted, v) {
                    match &mut best {
                        Some((l, spans)) if *l == level => spans.push((s, e)),
                        Some((l, _)) if *l > level => {}
                        _ => best = Some((level, vec![(s, e)])),
                    }
                }
            }
            // (A word only typos or nothing match is also found by its other forms, see
            // `compute`: an entry with no other match of the word has one of those.)
            if best.is_none() && forms {
                let forms = text_words
                    .iter()
                    .copied()
                    .filter(|&(s, e)| wanted.is_english_form(&entry.folded[s..e], true))
                    .chain(joined.iter().filter_map(|(w, s, e)| {
                        wanted.is_english_form(w, true).then_some((*s, *e))
                    }));
                let forms: Vec<(usize, usize)> = forms.collect();
                best = Some((Level::Typo, forms)).filter(|(_, f)| !f.is_empty());
            }
            match best {
                Some((_, found)) => spans.extend(found),
                None if !exact => {
                    if let Some((s, e)) = tight_window(&entry.folded, word) {
                        // The matched letters themselves, as the matcher places them.
                        let window = &entry.folded[s..e];
                        let first = entry.folded[..s].chars().count();
                        if let Some((_, idx)) = self.matcher.fuzzy_indices(window, word) {
                            return idx.into_iter().map(|i| first + i).collect::<Vec<_>>();
                        }
                    }
                }
                None => {}
            }
            Vec::new()
        };
        let mut chars: Vec<usize> = Vec::new();
        let typed = |i: usize| {
            if query.traits_of(i).possessive {
                Typed::Possessive
            } else {
                Typed::Word
            }
        };
        // A word an entry may lack, or have in an acronym, was not looked for by its forms.
        let forms = |i: usize| {
            !(query.is_optional(i)
                || query.traits_of(i).initials
                || query.acronyms.iter().any(|a| a.words.contains(&i)))
        };
        for (i, w) in query.words.iter().enumerate() {
            chars.extend(word_spans(w, typed(i), forms(i)));
        }
        for w in query
            .exact
            .iter()
            .chain(query.acronyms.iter().map(|a| &a.acronym))
        {
            chars.extend(word_spans(w, Typed::Exact, false));
        }
        // A word or a pair of them met by words the index joined.
        let pairs = query.words.windows(2).map(|p| format!("{}{}", p[0], p[1]));
        // (As typed: by skeleton, `kmag g` would be `kmag`. An ordinal is its figures:
        // `38th` is `thirty-eighth`.)
        let same_ordinal = |word: &str, wanted: &str| {
            variants::spelled_ordinal(word).is_some() && skeleton(word) == skeleton(wanted)
        };
        let acronyms = query.acronyms.iter().map(|a| a.acronym.clone());
        for (wanted, pair) in pairs.map(|p| (p, true)).chain(acronyms.map(|a| (a, false))) {
            let mut met = false;
            for (word, s, e) in &joined {
                if *word == wanted || same_ordinal(word, &wanted) {
                    spans.push((*s, *e));
                    met = true;
                }
            }
            // (A pair met by its other forms only: see `compute`. Stemmed only for an entry
            // with a word joined that opens as the pair does: most have none.)
            let opens_alike = |w: &String| w.get(..3).is_some_and(|head| wanted.starts_with(head));
            if pair && !met && joined.iter().any(|(w, _, _)| opens_alike(w)) {
                if let Some(stem) = variants::english_stem(&wanted) {
                    for (word, s, e) in &joined {
                        if variants::is_english_form(word, &wanted, &stem, true) {
                            spans.push((*s, *e));
                        }
                    }
                }
            }
        }
        // A word alone meets them as search does (`jieshi` is the `Kai-Sheks` of the text).
        let joined_skeletons: Vec<String> = joined.iter().map(|(w, _, _)| skeleton(w)).collect();
        for (i, typed_word) in query.words.iter().enumerate() {
            let wanted = Wanted::new(typed_word, typed(i));
            for ((word, s, e), skel) in joined.iter().zip(&joined_skeletons) {
                let meets = level_of(&wanted, (word, skel, alphabet(word)))
                    .is_some_and(|level| meets_joined(&wanted, level, skel));
                if meets || same_ordinal(word, typed_word) {
                    spans.push((*s, *e));
                }
            }
        }
        for p in &query.phrases {
            spans.extend(phrase_spans(&entry.folded, p));
        }
        for r in &query.references {
            spans.extend(reference_spans(&entry.folded, r));
        }
        let char_of = |byte: usize| entry.folded[..byte].chars().count();
        for (s, e) in spans {
            chars.extend(char_of(s)..char_of(e));
        }
        let mut chars: Vec<usize> = chars
            .into_iter()
            .filter_map(|i| entry.source.get(i))
            .collect();
        for (date, end, (s, e)) in &entry.dates {
            if query.dates.iter().any(|q| date_matches(*q, *date, *end)) {
                chars.extend(*s..*e);
            }
        }
        chars.sort_unstable();
        chars.dedup();
        chars
    }
}

/// Whether folded text holds a reference under any of its field's labels (`fond 45` in
/// `aprf, f.45, op.1`).
pub(crate) fn holds_reference(folded: &str, reference: &Reference) -> bool {
    !reference_spans(folded, reference).is_empty()
}

/// Where a reference stands in folded text, label and value, as byte ranges.
fn reference_spans(folded: &str, reference: &Reference) -> Vec<(usize, usize)> {
    let glued = glued_forms(reference);
    words(folded)
        .filter_map(|(start, end)| {
            let word = &folded[start..end];
            if glued.iter().any(|g| g == word) {
                Some((start, end))
            } else if reference.field.is_value(word, &reference.value) {
                label_before(folded, start, reference.field)
                    .or_else(|| volume_after_year(folded, start, reference.field))
                    .map(|label| (label, end))
            } else {
                None
            }
        })
        .collect()
}

/// The reference's value with a label written onto it (`opis266`, `delo3`).
fn glued_forms(reference: &Reference) -> Vec<String> {
    reference
        .field
        .glued_labels()
        .map(|label| format!("{label}{}", reference.value))
        .collect()
}

/// A volume written bare, in Roman numerals, after its series' year (`frus, 1950, vii`):
/// where the value at byte `at` starts, if it is one (a bare number there may be a page).
fn volume_after_year(folded: &str, at: usize, field: ReferenceField) -> Option<usize> {
    let before = folded.get(..at)?.strip_suffix(", ")?;
    let year_at = before.len().checked_sub(4)?;
    let year = before.get(year_at..)?;
    let standalone = !before[..year_at].ends_with(char::is_alphanumeric);
    let roman = folded[at..].starts_with(['i', 'v', 'x', 'l']);
    (field == ReferenceField::Volume
        && roman
        && standalone
        && year.bytes().all(|b| b.is_ascii_digit()))
    .then_some(at)
}

/// Where a label of `field` starts if one ends just before byte `at` of folded text (`f.` in
/// `f.45`, `fond ` in `fond 45`, `record group ` in `record group 59`, `(rg) ` in the article's
/// `Record Group (RG) 59`).
fn label_before(folded: &str, at: usize, field: ReferenceField) -> Option<usize> {
    field.labels().iter().find_map(|label| {
        let mut end = at;
        for word in label.iter().rev() {
            let before = folded.get(..end)?;
            let trimmed = before.trim_end_matches(['.', ' ', ':', ')']);
            // Only a short run of dots, spaces, colons and a closing bracket between label
            // words and the value.
            if end - trimmed.len() > 3 || !trimmed.ends_with(word.as_str()) {
                return None;
            }
            let start = trimmed.len() - word.len();
            if trimmed[..start]
                .chars()
                .next_back()
                .is_some_and(char::is_alphanumeric)
            {
                return None;
            }
            end = start;
        }
        Some(end)
    })
}

/// Every occurrence of a folded phrase standing as words (not inside one), as byte ranges.
fn phrase_spans(folded: &str, phrase: &str) -> Vec<(usize, usize)> {
    let is_word = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
    memchr::memmem::find_iter(folded.as_bytes(), phrase.as_bytes())
        .filter(|&at| {
            let end = at + phrase.len();
            !is_word(folded[..at].chars().next_back()) && !is_word(folded[end..].chars().next())
        })
        .map(|at| (at, at + phrase.len()))
        .collect()
}

/// What one requirement matches in every entry of `scope`.
fn compute(
    index: &Index,
    requirement: &Requirement,
    scope: Scope,
    cancelled: &dyn Fn() -> bool,
) -> Option<Matches> {
    let mut matches = Matches::default();
    let in_scope = |e: u32| index.entries[e as usize].in_scope(scope);
    match requirement {
        Requirement::Word(word)
        | Requirement::Possessive(word)
        | Requirement::Exact(word)
        | Requirement::Joined(word) => {
            let typed = match requirement {
                Requirement::Exact(_) => Typed::Exact,
                Requirement::Possessive(_) => Typed::Possessive,
                _ => Typed::Word,
            };
            let exact = typed == Typed::Exact;
            // A word naming an archive: the notes citing it are found below, whatever they
            // write, so a word of the text counts only whole (`AVPRF` is no typo of `APRF`).
            let archive_notes = (!exact).then(|| index.notes_citing_archive(word)).flatten();
            let whole_only =
                matches!(requirement, Requirement::Joined(_)) || archive_notes.is_some();
            let wanted = Wanted::new(word, typed);
            // Whether the entries searched write the word as typed: then it is what was meant.
            // (Those searched only, so that the notes' own index answers as the whole does.)
            let written = index
                .vocab
                .iter()
                .find(|v| !v.joined() && v.folded == *word)
                .is_some_and(|v| v.at.iter().any(|at| in_scope(at.entry)));
            let common = |v: &VocabWord| match scope {
                Scope::Notes => v.common_in_notes,
                _ => v.common,
            };
            for (n, v) in index.vocab.iter().enumerate() {
                if n % (8 * CANCEL_CHECK) == 0 && cancelled() {
                    return None;
                }
                let Some(level) = level_of(&wanted, (&v.folded, &v.skeleton, v.alphabet)) else {
                    continue;
                };
                // A typo of a word the texts write is one of their slips (`Muceio` for Muccio,
                // `Cummings`, `daffairs`), not another word (`would` for `world`, `police` for
                // `policy`); a synonym (`meeting` for `conversation`) and the singular of a
                // plural typed (`origin` for `origins`) are no typos.
                if written
                    && level == Level::Typo
                    && common(v)
                    && !wanted.is_synonym(&v.skeleton)
                    && word.strip_suffix('s') != Some(v.folded.as_str())
                    && wanted.skel.strip_suffix('s') != Some(v.skeleton.as_str())
                {
                    continue;
                }
                let meets = if whole_only {
                    level == Level::Whole
                } else {
                    !v.joined() || meets_joined(&wanted, level, &v.skeleton)
                };
                if !meets {
                    continue;
                }
                // (A word's possessive or plural is the word as typed: `Stalin's`, `Sungs`.)
                let as_typed =
                    v.folded.strip_suffix('s').unwrap_or(&v.folded) == word || v.folded == *word;
                for at in v.at.iter().filter(|at| in_scope(at.entry)) {
                    record(&mut matches, at.entry, level, as_typed, v.span(at));
                }
            }
            // A word nothing matches but typos also finds its other English forms, ranked as
            // typos are (`democratized` finds "democratisation" beside "demoralized"); a word
            // nothing matches at all also the word it is made from (`preemptive` finds the
            // thesis's "pre-empt"). A pair typed (`pre emptive`, `pre-emptive`) meets only a
            // word written in pieces too.
            let pair = matches!(requirement, Requirement::Joined(_));
            let derived = matches.is_empty();
            let only_typos = matches.values().all(|f| f.level <= Level::Typo);
            if only_typos && archive_notes.is_none() && wanted.english_stem().is_some() {
                for v in (index.vocab.iter())
                    .filter(|v| (v.joined() || !pair) && wanted.is_english_form(&v.folded, derived))
                {
                    for at in v.at.iter().filter(|at| in_scope(at.entry)) {
                        record(&mut matches, at.entry, Level::Typo, false, v.span(at));
                    }
                }
            }
            if exact || matches!(requirement, Requirement::Joined(_)) {
                return Some(matches);
            }
            // A word naming an archive or a kind of document: the notes citing one, whether or
            // not they write the word. A kind is the citation model's reading (`Shtykov to
            // Vyshinsky` is a telegram), so it ranks as a variant of the word, after the notes
            // writing it.
            let archive = archive_notes.map(|notes| (notes, true));
            let kind = kind_typed(word)
                .and_then(|kind| index.kind_notes.get(&kind))
                .map(|notes| (&notes[..], false));
            for (notes, as_typed) in archive.into_iter().chain(kind) {
                for &e in notes.iter().filter(|&&e| in_scope(e)) {
                    if matches.get(&e).is_none_or(|f| f.level < Level::Whole) {
                        matches.insert(e, Found::whole_unplaced(as_typed));
                    }
                }
            }
            // A word the entries write is what was meant: its letters strewn in others are not
            // (`cold` in `could`, `nato` in `nationalist`); nor is an archive's id another's.
            if archive_notes.is_some() || written {
                return Some(matches);
            }
            // Tight fuzzy matches where no word matched better.
            let needed = alphabet(word);
            for (e, entry) in index.entries.iter().enumerate() {
                if e % CANCEL_CHECK == 0 && cancelled() {
                    return None;
                }
                let e = e as u32;
                if !entry.in_scope(scope)
                    || needed & !entry.alphabet != 0
                    || matches.contains_key(&e)
                {
                    continue;
                }
                if let Some((s, end)) = tight_window(&entry.folded, word) {
                    record(&mut matches, e, Level::Fuzzy, false, (s as u32, end as u32));
                }
            }
        }
        Requirement::Phrase(phrase) => {
            for (e, entry) in index.entries.iter().enumerate() {
                if e % CANCEL_CHECK == 0 && cancelled() {
                    return None;
                }
                if !entry.in_scope(scope) {
                    continue;
                }
                for (s, end) in phrase_spans(&entry.folded, phrase) {
                    record(
                        &mut matches,
                        e as u32,
                        Level::Whole,
                        true,
                        (s as u32, end as u32),
                    );
                }
            }
        }
        Requirement::Reference(reference) => {
            // The value's occurrences (or the label's glued onto it), each kept where a label
            // of the field stands just before it.
            let glued = glued_forms(reference);
            for (n, v) in index.vocab.iter().enumerate() {
                if n % (8 * CANCEL_CHECK) == 0 && cancelled() {
                    return None;
                }
                let is_glued = glued.contains(&v.folded);
                if v.joined()
                    || (!reference.field.is_value(&v.folded, &reference.value) && !is_glued)
                {
                    continue;
                }
                for at in v.at.iter().filter(|at| in_scope(at.entry)) {
                    let (start, end) = v.span(at);
                    let folded = &index.entries[at.entry as usize].folded;
                    let label = if is_glued {
                        Some(start as usize)
                    } else {
                        label_before(folded, start as usize, reference.field)
                            .or_else(|| volume_after_year(folded, start as usize, reference.field))
                    };
                    if let Some(label) = label {
                        record(
                            &mut matches,
                            at.entry,
                            Level::Whole,
                            true,
                            (label as u32, end),
                        );
                    }
                }
            }
        }
        Requirement::Date(date) => {
            for (e, entry) in index.entries.iter().enumerate() {
                if entry.in_scope(scope)
                    && entry
                        .dates
                        .iter()
                        .any(|(d, end, _)| date_matches(*date, *d, *end))
                {
                    matches.insert(e as u32, Found::whole_unplaced(true));
                }
            }
        }
    }
    Some(matches)
}

/// What a note gains for each correspondence the query asks for that a document it cites has
/// (`Mao's telegram`, `Mao to Stalin`): twice the difference between a name matched whole
/// (`Mao's`) and as a prefix (`Mao`), so that the documents so sent come before the notes
/// that only name both people (`Kim Il Sung to Stalin`: the telegram "from Kim to Stalin"
/// before a book on Stalin and Kim Il Sung, or a telegram from Stalin to Kim Il Sung).
const SENDER_WEIGHT: i64 = 800;

/// The kind of document a folded query word names: a kind's name in any spelling the search
/// reads as it, or its plural (`telegrams`, `diaries`, `memoranda`).
fn kind_typed(word: &str) -> Option<CitedKind> {
    // (The names' skeletons and their plurals', made once.)
    static NAMES: std::sync::OnceLock<Vec<([String; 2], CitedKind)>> = std::sync::OnceLock::new();
    let names = NAMES.get_or_init(|| {
        crate::corpus::citations::Table::get()
            .kind_names()
            .iter()
            .map(|(name, kind)| ([skeleton(name), skeleton(&format!("{name}s"))], *kind))
            .collect()
    });
    let typed = skeleton(word);
    names
        .iter()
        .find(|(forms, _)| forms.contains(&typed))
        .map(|&(_, kind)| kind)
}

/// How far, in folded bytes, a word with no place in an entry stands from the others.
const UNPLACED_DISTANCE: i64 = 30;

/// An entry's score: the level of every requirement, then how the query's words stand in the
/// text (together and in order, close, spelt as typed rather than as a variant, in the entry's
/// own text rather than an Ibid.'s source), then shorter texts first.
fn score(entry: &Entry, words: &[&Found], others: &[&Found]) -> i64 {
    let mut total: i64 = words.iter().chain(others).map(|f| f.level.weight()).sum();
    total += 40 * words.iter().filter(|f| f.as_typed).count() as i64;
    let own = entry.own as u32;
    for f in words.iter().chain(others) {
        if f.spans.iter().any(|&(s, _)| s < own) {
            total += 30;
        }
    }
    // Words typed one after the other that follow each other in the text ("kim il sung").
    for pair in words.windows(2) {
        let follows = pair[0].spans.iter().any(|&(_, end)| {
            pair[1]
                .spans
                .iter()
                .any(|&(start, _)| start > end && start - end <= 3)
        });
        if follows {
            total += 120;
        }
    }
    // How close the words stand: the smallest sum of distances from one word's place to the
    // nearest place of each other word. A word with no place (an archive or a kind the note's
    // citations are read as) stands a phrase away: no nearer than the words written.
    if words.len() > 1 {
        let distance = |a: (u32, u32), b: (u32, u32)| {
            if b.0 >= a.1 {
                b.0 - a.1
            } else {
                a.0.saturating_sub(b.1)
            }
        };
        let unplaced = words.iter().filter(|f| f.spans.is_empty()).count() as i64;
        let placed: Vec<&&Found> = words.iter().filter(|f| !f.spans.is_empty()).collect();
        let spread = placed.first().map_or(0, |first| {
            first
                .spans
                .iter()
                .map(|&anchor| {
                    placed[1..]
                        .iter()
                        .map(|f| {
                            f.spans
                                .iter()
                                .map(|&s| distance(anchor, s))
                                .min()
                                .unwrap_or(0) as i64
                        })
                        .sum::<i64>()
                })
                .min()
                .unwrap_or(0)
        });
        let spread = spread + UNPLACED_DISTANCE * unplaced.min(words.len() as i64 - 1);
        total += 200 * (words.len() as i64 - 1) * 30 / (30 + spread);
    }
    total + 25 - (entry.folded.len() as i64 / 80).min(25)
}

/// Whether `needle` occurs in `haystack` where a word starts: a filter for `45` finds `fond 45`
/// and `F.45`, not every `1945`. A needle opening with a mark (`:24`) may start anywhere.
pub fn contains_at_word_start(haystack: &str, needle: &str) -> bool {
    if !needle.starts_with(char::is_alphanumeric) {
        return haystack.contains(needle);
    }
    haystack.match_indices(needle).any(|(i, _)| {
        haystack[..i]
            .chars()
            .next_back()
            .is_none_or(|c| !c.is_alphanumeric())
    })
}

/// Folds text for matching: lowercase, no diacritics, straight quotes, no apostrophes.
pub fn fold(text: &str) -> String {
    fold_with_source(text).0
}

/// [`fold`], and for each folded char the index of the char of `text` it came from.
/// One character folded for find in the reader, one for one so positions stay: lower case,
/// accents off (`é` → `e`), curly quotes and apostrophes straight. Search folds the same way and
/// further drops apostrophes (`Stalin's` finds the thesis's `Stalins`).
pub fn fold_char(c: char) -> char {
    match c {
        '’' | '‘' | 'ʼ' | '`' | '´' => '\'',
        '“' | '”' | '„' => '"',
        c if c.is_ascii() => c.to_ascii_lowercase(),
        c => std::iter::once(c)
            .nfd()
            .find(|d| !unicode_normalization::char::is_combining_mark(*d))
            .and_then(|d| {
                let mut lower = d.to_lowercase();
                // Only a one-character lower case keeps positions (not `İ` → `i̇`).
                match (lower.next(), lower.next()) {
                    (Some(l), None) => Some(l),
                    _ => None,
                }
            })
            .unwrap_or(c),
    }
}

/// For each char of a folded text, the char of the original it came from. Folding drops
/// apostrophes and accents and now and then makes two letters of one, so the two run in step
/// with an offset that changes at a few places: those places are kept, not a number per char
/// (at a library's scale, a number per char was most of the index's memory).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
struct SourceMap {
    /// Chars of the folded text that come from the text (an `Ibid.`'s source follows them).
    chars: usize,
    /// (first folded char, original char minus folded char from there on).
    shifts: Vec<(usize, isize)>,
}

impl SourceMap {
    /// Records that the next folded char comes from original char `original`.
    fn push(&mut self, original: usize) {
        let offset = original as isize - self.chars as isize;
        if self.shifts.last().map_or(0, |s| s.1) != offset {
            self.shifts.push((self.chars, offset));
        }
        self.chars += 1;
    }

    fn get(&self, folded_char: usize) -> Option<usize> {
        if folded_char >= self.chars {
            return None;
        }
        let after = self.shifts.partition_point(|s| s.0 <= folded_char);
        let offset = after.checked_sub(1).map_or(0, |i| self.shifts[i].1);
        folded_char.checked_add_signed(offset)
    }
}

fn fold_with_source(text: &str) -> (String, SourceMap) {
    fold_marking_capitals(text, &mut Vec::new())
}

/// [`fold_with_source`], setting `capitals` to the byte offsets in the folded text of the words
/// the text starts with a capital (`Stalin`, `Muceio`; not `would`).
fn fold_marking_capitals(text: &str, capitals: &mut Vec<u32>) -> (String, SourceMap) {
    let mut folded = String::with_capacity(text.len());
    let mut source = SourceMap::default();
    capitals.clear();
    // Whether the last folded char is a letter or digit: the next one continues its word.
    let mut in_word = false;
    for (i, c) in text.chars().enumerate() {
        match c {
            '\'' | '’' | '‘' | 'ʼ' | '`' | '´' => continue,
            '“' | '”' | '„' => {
                folded.push('"');
                source.push(i);
                in_word = false;
                continue;
            }
            _ => {}
        }
        let word_start = !in_word;
        if c.is_ascii() {
            if word_start && c.is_ascii_uppercase() {
                capitals.push(u32::try_from(folded.len()).unwrap_or(u32::MAX));
            }
            folded.push(c.to_ascii_lowercase());
            source.push(i);
            in_word = c.is_ascii_alphanumeric();
            continue;
        }
        if word_start && c.is_uppercase() {
            capitals.push(u32::try_from(folded.len()).unwrap_or(u32::MAX));
        }
        for d in std::iter::once(c).nfd() {
            if unicode_normalization::char::is_combining_mark(d) {
                continue;
            }
            for l in d.to_lowercase() {
                folded.push(l);
                source.push(i);
                in_word = l.is_alphanumeric();
            }
        }
    }
    (folded, source)
}

/// A bit per ASCII letter and digit present in `text`.
fn alphabet(text: &str) -> u64 {
    text.bytes().fold(0, |mask, b| mask | alphabet_bit(b))
}

fn alphabet_bit(b: u8) -> u64 {
    match b {
        b'a'..=b'z' => 1 << (b - b'a'),
        b'0'..=b'9' => 1 << (26 + b - b'0'),
        _ => 0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_filter_word_matches_where_a_word_starts() {
        let at_start = contains_at_word_start;
        assert!(at_start("aprf fond 45 d.346", "45"));
        assert!(at_start("aprf, f.45, op.1", "45"));
        assert!(!at_start("tsamo 1945-12-25", "45"));
        assert!(at_start("tunkin to stalin", "stal"));
        assert!(!at_start("tunkin to stalin", "alin"));
        assert!(at_start("thesis:iv:24", ":24"));
    }

    #[test]
    fn folding_handles_case_diacritics_quotes_and_apostrophes() {
        assert_eq!(fold("Chargé d’Affaires"), "charge daffaires");
        assert_eq!(fold("Stalin's “wedge”"), "stalins \"wedge\"");
        assert_eq!(
            fold("ŠTYKOV"),
            "štykov".nfd().filter(|c| c.is_ascii()).collect::<String>()
        );
    }

    #[test]
    fn names_acronyms_stand_for_are_indexed_as_the_acronym() {
        let acronyms = |text: &str| -> Vec<(String, String)> {
            let folded = fold(text);
            let spans: Vec<(usize, usize)> = words(&folded).collect();
            acronyms_spelled_out(&folded, &spans, AcronymTable::embedded())
                .into_iter()
                .map(|(a, s, e)| (a, folded[s..e].to_string()))
                .collect()
        };
        let one = |a: &str, name: &str| vec![(a.to_string(), name.to_string())];
        assert_eq!(
            acronyms("reported by the Joint Chiefs of Staff, Vol. VI"),
            one("jcs", "joint chiefs of staff")
        );
        // The longest name where names overlap: the DPRK is not the ROK.
        assert_eq!(
            acronyms("The Democratic Peoples Republic of Korea, p.97"),
            one("dprk", "democratic peoples republic of korea")
        );
        assert_eq!(
            acronyms("Survival of the Republic of Korea"),
            one("rok", "republic of korea")
        );
        // A name listed under two acronyms is both; hyphens and apostrophes aside.
        assert_eq!(
            acronyms("the North Korean People's Army"),
            [
                ("nkpa".to_string(), "north korean peoples army".to_string()),
                ("kpa".to_string(), "north korean peoples army".to_string()),
            ]
        );
        assert_eq!(
            acronyms("State-War-Navy Coordinating Committee")[0].0,
            "swncc"
        );
        // Words of a name apart are not it.
        assert!(acronyms("the Joint Chiefs and the Staff").is_empty());
        assert!(
            joined_words(&fold("the Joint Chiefs of Staff"), AcronymTable::embedded())
                .iter()
                .any(|(w, _, _)| w == "jcs")
        );
    }

    #[test]
    fn postings_give_back_what_was_pushed() {
        let pushed = [
            (0, 0),
            (0, 127),
            (0, 128),
            (3, 70_000),
            (3, 5),
            (u32::MAX, u32::MAX),
        ];
        let mut postings = Postings::default();
        for (entry, start) in pushed {
            postings.push(Occurrence { entry, start });
        }
        let back: Vec<(u32, u32)> = postings.iter().map(|o| (o.entry, o.start)).collect();
        assert_eq!(back, pushed);
        // Small numbers take a byte each.
        let mut small = Postings::default();
        small.push(Occurrence { entry: 1, start: 2 });
        assert_eq!(small.bytes.len(), 2);
    }

    #[test]
    fn folded_chars_map_back_to_the_note_text() {
        let (folded, source) = fold_with_source("Kim’s chargé");
        assert_eq!(folded, "kims charge");
        assert_eq!(source.get(2), Some(2), "the m before the apostrophe");
        assert_eq!(source.get(3), Some(4), "the s after the dropped apostrophe");
        assert_eq!(source.get(10), Some(11), "the e of é");
        assert_eq!(source.get(11), None, "past the text");
        // A Hangul syllable decomposes into three letters: each maps to it, and the text
        // after keeps its place.
        let (folded, source) = fold_with_source("한x");
        assert_eq!(folded.chars().count(), 4);
        let mapped: Vec<_> = (0..5).map(|i| source.get(i)).collect();
        assert_eq!(mapped, [Some(0), Some(0), Some(0), Some(1), None]);
        assert_eq!(
            source.shifts.len(),
            2,
            "a shift per change, not a number per char"
        );
    }

    #[test]
    fn tight_windows_only() {
        assert_eq!(tight_window("a.....b.....c.....d", "abcd"), None);
        assert_eq!(tight_window("xa a bcd ab", "abcd"), Some((3, 8)));
        assert_eq!(tight_window("reshenie", "rhee"), None);
        assert_eq!(tight_window("mansourov", "mao"), None);
        assert_eq!(
            tight_window("the kim il sung regime", "kimilsung"),
            Some((4, 15))
        );
        assert_eq!(tight_window("vy...sh...in...sky", "vyshinsky"), None);
        // Past a word only when it was typed whole (thesis IV ¶200 for `Taejon`).
        assert_eq!(tight_window("would take joint action", "taejon"), None);
        assert_eq!(
            tight_window("the kim il sung regime", "kimilsng"),
            Some((4, 15))
        );
        assert_eq!(tight_window("the shtykov", "shtkv"), Some((4, 11)));
        // Not from inside a word.
        assert_eq!(tight_window("theory", "ory"), None);
    }
}
