//! The parsed corpus as plain data. Nothing here knows about the source text format or the UI.
//!
//! Offsets into paragraph and note text are counted in `char`s (Unicode scalar values), the unit
//! the JSON output and the annotation use; [`char_to_byte`] converts when slicing.

use std::ops::Range;
use std::sync::OnceLock;

/// Every document of the corpus plus corpus-wide settings from the manifest.
#[derive(Debug, Clone)]
pub struct Corpus {
    pub documents: Vec<Document>,
    /// Inclusive year range of the timeline (from the manifest).
    pub timeline: (i32, i32),
    /// Notes citing the same archival document, across all documents: linked on first use,
    /// so start-up pays nothing for it.
    sources: OnceLock<super::citations::Sources>,
}

impl Corpus {
    /// A corpus of parsed documents, with the sources their notes share.
    pub fn new(documents: Vec<Document>, timeline: (i32, i32)) -> Corpus {
        Corpus {
            documents,
            timeline,
            sources: OnceLock::new(),
        }
    }

    /// The sources the documents' notes cite, linked across documents (built on first use).
    pub fn sources(&self) -> &super::citations::Sources {
        self.sources.get_or_init(|| {
            self.read_citations();
            let cited: Vec<&[Vec<super::citations::Work>]> =
                self.documents.iter().map(|d| d.citations()).collect();
            super::citations::link_sources(&cited)
        })
    }

    /// Reads the works every document's notes cite, those not read yet together in one
    /// parallel pass, outside the documents' `OnceLock`s: a rayon task must never wait on a
    /// document another thread is reading with rayon.
    pub fn read_citations(&self) {
        let unread: Vec<&Document> = self
            .documents
            .iter()
            .filter(|d| d.cited.get().is_none())
            .collect();
        if !unread.is_empty() {
            let read = super::citations::cite_documents(&unread);
            for (d, works) in unread.iter().zip(read) {
                d.provide_citations(works);
            }
        }
    }

    /// The sources, if they are linked already: a screen drawn while they are built in the
    /// background must not wait for them.
    pub fn sources_if_ready(&self) -> Option<&super::citations::Sources> {
        self.sources.get()
    }

    pub fn document(&self, id: &str) -> Option<&Document> {
        self.documents.iter().find(|d| d.meta.id == id)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum DocumentKind {
    Article,
    Thesis,
}

/// Metadata from the manifest.
#[derive(Debug, Clone)]
pub struct DocumentMeta {
    pub id: String,
    pub title: String,
    pub author: String,
    pub year: Option<i32>,
    pub date: Option<String>,
    pub kind: DocumentKind,
    /// Source defects reported by `check` without counting as parse failures.
    pub known_issues: Vec<String>,
}

#[derive(Debug, Clone)]
pub struct Document {
    pub meta: DocumentMeta,
    pub parts: Vec<Part>,
    /// All body paragraphs in reading order; each part owns a contiguous range.
    pub paragraphs: Vec<Paragraph>,
    /// All notes in document order.
    pub notes: Vec<Note>,
    /// Whether each part numbers its notes from 1 (a thesis's footnotes) rather than the
    /// document once (an article's endnotes), as the parser read it.
    pub notes_per_part: bool,
    pub glossary: Vec<GlossaryEntry>,
    pub bibliography: Vec<BibliographyEntry>,
    /// The works each note cites, parallel to `notes`: read on first use.
    pub(crate) cited: OnceLock<Vec<Vec<super::citations::Work>>>,
}

impl Document {
    /// The note printed as `number` in the part with `part_key`.
    pub fn find_note(&self, part_key: Option<&str>, number: u32) -> Option<usize> {
        self.notes.iter().position(|n| {
            n.number == number
                && part_key.is_none_or(|k| self.parts[n.part].key.eq_ignore_ascii_case(k))
        })
    }
}

impl Document {
    /// The works each note cites, parallel to `notes` (read on first use).
    pub fn citations(&self) -> &[Vec<super::citations::Work>] {
        self.cited
            .get_or_init(|| super::citations::cite_document(self))
    }

    /// Gives the document the works its notes cite, read earlier from the same text (the
    /// cache), if they have not been read yet and there is a list per note.
    pub fn provide_citations(&self, works: Vec<Vec<super::citations::Work>>) {
        if works.len() == self.notes.len() {
            let _ = self.cited.set(works);
        }
    }

    /// For an `Ibid.` or `Author, ibid.` note: the note holding the full citation it repeats.
    pub fn ibid_of(&self, note: usize) -> Option<usize> {
        self.ibid_of_work(note).map(|r| r.note)
    }

    /// For an `Ibid.`: the full citation (the work, not its whole note) it stands for.
    pub fn ibid_of_work(&self, note: usize) -> Option<crate::corpus::citations::WorkRef> {
        self.citations()
            .get(note)?
            .iter()
            .filter(|w| w.text.to_ascii_lowercase().contains("ibid"))
            .find_map(|w| w.ibid_of)
            .filter(|r| r.note != note)
    }

    /// For an `Ibid.` or a short form (`Cumings, The Origins of the Korean War, p. 598`): the
    /// note holding the full citation it repeats.
    pub fn repeats(&self, note: usize) -> Option<usize> {
        self.ibid_of(note).or_else(|| {
            self.citations()
                .get(note)?
                .iter()
                .filter_map(|w| w.ibid_of)
                .map(|r| r.note)
                .find(|&n| n != note)
        })
    }

    /// How many notes the part at `part` holds.
    pub fn notes_in_part(&self, part: usize) -> usize {
        self.notes.iter().filter(|n| n.part == part).count()
    }

    /// Whether notes are numbered from 1 in each part (a thesis's footnotes) rather than once
    /// through the document (an article's endnotes).
    pub fn numbers_notes_per_part(&self) -> bool {
        self.notes_per_part
    }

    /// A note's name, the one the CLI takes and every view shows: `article:58` where notes run
    /// through the document, `thesis:IV:27` or `thesis:introduction:30` where each part
    /// numbers its own.
    pub fn note_id(&self, note: usize) -> String {
        let n = &self.notes[note];
        if self.numbers_notes_per_part() {
            format!("{}:{}:{}", self.meta.id, self.parts[n.part].key, n.number)
        } else {
            format!("{}:{}", self.meta.id, n.number)
        }
    }
}

/// What is kept of a document to link another document's notes to its own: where each note
/// stands and the works it cites (see [`CitedNotes::into_document`]).
#[derive(Debug, serde::Serialize, serde::Deserialize)]
pub struct CitedNotes {
    part_keys: Vec<String>,
    /// Per note: its part and its number as printed.
    notes: Vec<(usize, u32)>,
    notes_per_part: bool,
    works: Vec<Vec<super::citations::Work>>,
    /// The document's list of abbreviations: a fond may be named by one (`USGASK`).
    glossary: Vec<GlossaryEntry>,
}

impl CitedNotes {
    /// Its name in the cache of what is derived from each text.
    pub const PRODUCT: &'static str = "citations";

    /// The works each note cites, parallel to the document's notes.
    pub fn into_works(self) -> Vec<Vec<super::citations::Work>> {
        self.works
    }

    pub fn of(doc: &Document) -> CitedNotes {
        CitedNotes {
            part_keys: doc.parts.iter().map(|p| p.key.clone()).collect(),
            notes: doc.notes.iter().map(|n| (n.part, n.number)).collect(),
            notes_per_part: doc.notes_per_part,
            works: doc.citations().to_vec(),
            glossary: doc.glossary.clone(),
        }
    }

    /// A document known by its notes' places and citations alone: parts without paragraphs,
    /// notes without text. Enough to name the notes that cite a source and read what they
    /// cite, as a lookup in another document needs; not a document to read.
    pub fn into_document(self, meta: DocumentMeta) -> Document {
        let part = |key: String| Part {
            key,
            title: String::new(),
            subsections: Vec::new(),
            paragraphs: 0..0,
        };
        let note = |(part, number): (usize, u32)| Note {
            part,
            number,
            text: String::new(),
            emphasis: Vec::new(),
            anchor: None,
        };
        Document {
            meta,
            parts: self.part_keys.into_iter().map(part).collect(),
            paragraphs: Vec::new(),
            notes: self.notes.into_iter().map(note).collect(),
            notes_per_part: self.notes_per_part,
            glossary: self.glossary,
            bibliography: Vec::new(),
            cited: OnceLock::from(self.works),
        }
    }
}

/// A top-level division: a thesis chapter, the introduction, an article section.
#[derive(Debug, Clone)]
pub struct Part {
    /// Stable key: a chapter's Roman numeral, otherwise a lowercase slug of the title.
    pub key: String,
    pub title: String,
    pub subsections: Vec<Subsection>,
    /// Indices into [`Document::paragraphs`].
    pub paragraphs: Range<usize>,
}

impl Part {
    /// `IV. Title` for a numbered chapter, the bare title otherwise.
    pub fn numbered_title(&self) -> String {
        let is_numeral = !self.key.is_empty() && self.key.chars().all(|c| "IVXLC".contains(c));
        if is_numeral {
            format!("{}. {}", self.key, self.title)
        } else {
            self.title.clone()
        }
    }
}

#[derive(Debug, Clone)]
pub struct Subsection {
    pub title: String,
    /// Index into [`Document::paragraphs`] of the subsection's first paragraph.
    pub first_paragraph: usize,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Paragraph {
    /// Clean text: page numbers, note markers and line-break hyphenation removed.
    pub text: String,
    /// Emphasised character ranges of `text`.
    pub emphasis: Vec<Range<usize>>,
    pub refs: Vec<NoteRef>,
}

/// A note marker in a paragraph.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NoteRef {
    /// The number as printed.
    pub number: u32,
    /// Index into [`Document::notes`]; `None` when the source prints a marker with no note.
    pub note: Option<usize>,
    /// Character offset in the paragraph text where the marker stood.
    pub offset: usize,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Note {
    /// Index into [`Document::parts`].
    pub part: usize,
    pub number: u32,
    pub text: String,
    pub emphasis: Vec<Range<usize>>,
    pub anchor: Option<Anchor>,
}

/// Where a note is referenced.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Anchor {
    /// Index into [`Document::paragraphs`].
    pub paragraph: usize,
    /// Character offset in that paragraph's text.
    pub offset: usize,
}

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct GlossaryEntry {
    pub term: String,
    pub expansion: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BibliographyEntry {
    /// The headings the entry sits under, outermost first.
    pub headings: Vec<String>,
    pub text: String,
}

/// Byte index of the `char_offset`-th character of `s` (or `s.len()` past the end).
pub fn char_to_byte(s: &str, char_offset: usize) -> usize {
    s.char_indices()
        .nth(char_offset)
        .map_or(s.len(), |(i, _)| i)
}

/// Up to `max` characters of `text` just before `char_offset`.
pub fn text_before(text: &str, char_offset: usize, max: usize) -> &str {
    let end = char_to_byte(text, char_offset);
    let start = char_to_byte(text, char_offset.saturating_sub(max));
    &text[start..end]
}

/// The sentence of `text` containing `char_offset` (a note marker usually follows its sentence's
/// full stop, so a marker right after a terminator belongs to the sentence before it).
pub fn sentence_around(text: &str, char_offset: usize) -> &str {
    sentence_around_byte(text, char_to_byte(text, char_offset))
}

/// [`sentence_around`] for a byte offset (which must be a char boundary).
fn sentence_around_byte(text: &str, byte_offset: usize) -> &str {
    let bytes = text.as_bytes();
    let is_end = |i: usize| ends_sentence_at(text, i);
    let mut anchor = byte_offset.min(text.len());
    while let Some(c) = text[..anchor].chars().next_back() {
        if !(is_closing(c) || c == ' ') {
            break;
        }
        anchor -= c.len_utf8();
    }
    if anchor > 0 && matches!(bytes[anchor - 1], b'.' | b'?' | b'!') {
        anchor -= 1;
    }
    let start = (0..anchor)
        .rev()
        .find(|&i| is_end(i))
        .map_or(0, |i| after_closing(text, i + 1));
    let mut end = (anchor..bytes.len())
        .find(|&i| is_end(i))
        .map_or(bytes.len(), |i| i + 1);
    while let Some(c) = text[end..].chars().next().filter(|&c| is_closing(c)) {
        end += c.len_utf8();
    }
    text[start..end].trim()
}

/// The sentences of `text` as byte ranges, in order, each trimmed: for looking up many
/// positions in one paragraph.
pub fn sentence_spans(text: &str) -> Vec<Range<usize>> {
    let bytes = text.as_bytes();
    let mut spans = Vec::new();
    let mut start = 0;
    for i in memchr::memchr3_iter(b'.', b'?', b'!', bytes) {
        if i < start || !ends_sentence_at(text, i) {
            continue;
        }
        let end = after_closing(text, i + 1);
        if end > start {
            spans.push(trimmed(text, start..end));
        }
        start = end;
    }
    if start < text.len() && !text[start..].trim().is_empty() {
        spans.push(trimmed(text, start..text.len()));
    }
    spans
}

fn trimmed(text: &str, r: Range<usize>) -> Range<usize> {
    let s = &text[r.clone()];
    let lead = s.len() - s.trim_start().len();
    let trail = s.len() - s.trim_end().len();
    r.start + lead..r.end - trail
}

/// The sentence holding byte `at`, from spans made by [`sentence_spans`].
pub fn sentence_at<'t>(text: &'t str, spans: &[Range<usize>], at: usize) -> &'t str {
    let i = spans.partition_point(|s| s.end <= at);
    spans.get(i).map_or("", |s| &text[s.clone()])
}

/// Whether the `.`, `?` or `!` at byte `i` ends a sentence: what follows is the end, a space
/// or a closing quote or bracket, it is no abbreviation's full stop, and the next word does not
/// go on in lower case (a `?` inside a title: "Why War? mentioned that…").
pub fn ends_sentence_at(text: &str, i: usize) -> bool {
    // Terminators are ASCII, so byte positions next to them are char boundaries.
    if !matches!(text.as_bytes()[i], b'.' | b'?' | b'!') {
        return false;
    }
    let rest = &text[i + 1..];
    if !rest
        .chars()
        .next()
        .is_none_or(|c| c.is_whitespace() || is_closing(c))
    {
        return false;
    }
    let next_word = rest.trim_start_matches(|c: char| c.is_whitespace() || is_closing(c));
    // `4. Jan 1949`: a day with its ordinal dot, then the month.
    let day_dot = text[..i].ends_with(|c: char| c.is_ascii_digit())
        && text[..i]
            .trim_end_matches(|c: char| c.is_ascii_digit())
            .ends_with(|c: char| !c.is_alphanumeric())
        && i - text[..i]
            .trim_end_matches(|c: char| c.is_ascii_digit())
            .len()
            <= 2
        && next_word
            .split(|c: char| !c.is_alphabetic())
            .next()
            .and_then(super::months::month_of)
            .is_some();
    !abbreviation_before(text, i) && !next_word.starts_with(char::is_lowercase) && !day_dot
}

/// Byte `at` moved past the closing quotes and brackets that end a sentence with its full stop.
fn after_closing(text: &str, mut at: usize) -> usize {
    while let Some(c) = text[at..].chars().next().filter(|&c| is_closing(c)) {
        at += c.len_utf8();
    }
    at
}

fn is_closing(c: char) -> bool {
    matches!(c, '"' | '”' | '’' | '\'' | ')')
}

/// Whether the full stop at byte `dot` ends an abbreviation rather than a sentence.
fn abbreviation_before(text: &str, dot: usize) -> bool {
    let before = &text[..dot];
    let word_start = before
        .char_indices()
        .rev()
        .take_while(|(_, c)| c.is_alphabetic())
        .last()
        .map_or(dot, |(i, _)| i);
    let word = &before[word_start..];
    // "J. Chen", and the letters of "a.m." / "p.m.".
    word.chars().count() == 1 || super::abbreviations::ends_no_sentence(word)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sentence_around_marker_after_full_stop() {
        let t = "First one. Kim met J. Stalin in Moscow. Then more.";
        let at = t.find(" Then").unwrap();
        assert_eq!(sentence_around(t, at), "Kim met J. Stalin in Moscow.");
    }

    #[test]
    fn sentence_around_marker_mid_sentence() {
        let t = "Alpha. The thread in unraveling how it began. Omega.";
        let at = t.find(" unraveling").unwrap();
        assert_eq!(
            sentence_around(t, at),
            "The thread in unraveling how it began."
        );
    }

    #[test]
    fn sentence_spans_split_at_terminators_not_abbreviations() {
        let t = "The war began. June 25, 1950 was a Sunday at 4 a.m. in Korea. \"Go,\" he said.";
        let spans = sentence_spans(t);
        let sentences: Vec<&str> = spans.iter().map(|s| &t[s.clone()]).collect();
        assert_eq!(
            sentences,
            [
                "The war began.",
                "June 25, 1950 was a Sunday at 4 a.m. in Korea.",
                "\"Go,\" he said."
            ]
        );
        assert_eq!(
            sentence_at(t, &spans, t.find("1950").unwrap()),
            sentences[1]
        );
    }

    #[test]
    fn text_before_counts_chars() {
        assert_eq!(text_before("chargé d'affaires", 6, 3), "rgé");
    }
}
