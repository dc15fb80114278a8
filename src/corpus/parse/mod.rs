//! Parsers, one per source layout, and the repairs they share.
//!
//! Both parsers reduce their source to the same intermediate form: paragraphs of raw text in
//! which note markers are superscript digits (the article prints them so; the thesis parser
//! rewrites its plain-digit markers into them once the note sequence has confirmed them). One
//! [`InlineCleaner`] then turns raw text into clean text with emphasis spans and note markers at
//! character offsets, so both documents get exactly the same treatment downstream.

mod article;
mod possessive;
mod swar;
mod thesis;

use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};
use rayon::prelude::*;
use rustc_hash::{FxHashMap, FxHashSet};
use std::ops::Range;

use super::manifest::SourceFormat;
use super::model::*;

pub use possessive::Possessives;

/// Parses one source text into a [`Document`].
pub fn parse_document(
    meta: DocumentMeta,
    format: SourceFormat,
    text: &str,
) -> Result<Document, String> {
    parse_document_with(meta, format, text, None).map(|(document, _)| document)
}

/// [`parse_document`] with the text's [`Possessives`] if they are known from an earlier run
/// (else found beside the layout parse); returns them too, for the next run.
pub fn parse_document_with(
    meta: DocumentMeta,
    format: SourceFormat,
    text: &str,
    known: Option<Possessives>,
) -> Result<(Document, Possessives), String> {
    let layout = || match format {
        SourceFormat::Article => article::parse(text),
        SourceFormat::Thesis => thesis::parse(text),
    };
    let (raw, possessives) = match known {
        Some(known) => (layout(), known),
        None => rayon::join(layout, || Possessives::of(text)),
    };
    let mut raw = raw?;
    possessives.restore(&mut raw);
    Ok((assemble(meta, raw), possessives))
}

/// What a layout parser produces: structure and raw text, before inline cleaning.
#[derive(Debug, Default)]
struct RawDocument {
    parts: Vec<RawPart>,
    /// Notes per part, in printed order. Article endnotes are attached to part 0 here and moved to
    /// the part that references them during assembly.
    notes: Vec<RawNote>,
    /// Whether each part numbers its notes from 1 (thesis) or the document numbers them once.
    numbering: Numbering,
    glossary: Vec<GlossaryEntry>,
    bibliography: Vec<BibliographyEntry>,
}

#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
enum Numbering {
    #[default]
    PerDocument,
    PerPart,
}

#[derive(Debug, Default)]
struct RawPart {
    key: String,
    title: String,
    /// Raw paragraphs, each tagged with the subsection it opens (if any).
    paragraphs: Vec<RawParagraph>,
}

#[derive(Debug, Default)]
struct RawParagraph {
    /// Titles of the subsections this paragraph opens, outermost first (consecutive headings).
    opens_subsections: Vec<String>,
    text: String,
}

#[derive(Debug)]
struct RawNote {
    part: usize,
    number: u32,
    text: String,
}

/// One part's paragraphs, cleaned; subsections index into `paragraphs`.
struct CleanPart {
    paragraphs: Vec<Paragraph>,
    subsections: Vec<Subsection>,
}

fn clean_part(part: &RawPart, sequence: &mut RefSequence) -> CleanPart {
    let mut paragraphs = Vec::with_capacity(part.paragraphs.len());
    let mut subsections = Vec::new();
    for raw_paragraph in &part.paragraphs {
        let cleaned = InlineCleaner::clean(&raw_paragraph.text, Some(sequence));
        if cleaned.text.is_empty() {
            continue;
        }
        for title in &raw_paragraph.opens_subsections {
            subsections.push(Subsection {
                title: title.clone(),
                first_paragraph: paragraphs.len(),
            });
        }
        paragraphs.push(Paragraph {
            text: cleaned.text,
            emphasis: cleaned.emphasis,
            refs: cleaned
                .refs
                .iter()
                .map(|&(number, offset)| NoteRef {
                    number,
                    note: None,
                    offset,
                })
                .collect(),
        });
    }
    CleanPart {
        paragraphs,
        subsections,
    }
}

fn assemble(meta: DocumentMeta, raw: RawDocument) -> Document {
    // Parts that number their notes from 1 are independent, so they are cleaned in parallel; a
    // document-wide sequence is followed in order.
    let clean_parts: Vec<CleanPart> = match raw.numbering {
        Numbering::PerPart => raw
            .parts
            .par_iter()
            .map(|part| clean_part(part, &mut RefSequence::default()))
            .collect(),
        Numbering::PerDocument => {
            let mut sequence = RefSequence::default();
            raw.parts
                .iter()
                .map(|part| clean_part(part, &mut sequence))
                .collect()
        }
    };
    let clean_notes: Vec<Cleaned> = raw
        .notes
        .par_iter()
        .map(|note| InlineCleaner::clean(&note.text, None))
        .collect();

    let mut parts = Vec::with_capacity(raw.parts.len());
    let mut paragraphs = Vec::with_capacity(clean_parts.iter().map(|p| p.paragraphs.len()).sum());
    // The first marker of each note number (per part, or per document), with its part.
    let mut markers: FxHashMap<(usize, u32), (usize, Anchor)> = FxHashMap::default();
    for (part_index, (raw_part, clean)) in raw.parts.iter().zip(clean_parts).enumerate() {
        let start = paragraphs.len();
        for (i, paragraph) in clean.paragraphs.iter().enumerate() {
            for r in &paragraph.refs {
                let scope = match raw.numbering {
                    Numbering::PerPart => part_index,
                    Numbering::PerDocument => 0,
                };
                let anchor = Anchor {
                    paragraph: start + i,
                    offset: r.offset,
                };
                markers
                    .entry((scope, r.number))
                    .or_insert((part_index, anchor));
            }
        }
        paragraphs.extend(clean.paragraphs);
        parts.push(Part {
            key: raw_part.key.clone(),
            title: raw_part.title.clone(),
            subsections: clean
                .subsections
                .into_iter()
                .map(|s| Subsection {
                    first_paragraph: start + s.first_paragraph,
                    ..s
                })
                .collect(),
            paragraphs: start..paragraphs.len(),
        });
    }

    let mut notes: Vec<Note> = Vec::with_capacity(raw.notes.len());
    for (raw_note, cleaned) in raw.notes.iter().zip(clean_notes) {
        let scope = match raw.numbering {
            Numbering::PerPart => raw_note.part,
            Numbering::PerDocument => 0,
        };
        let marker = markers.get(&(scope, raw_note.number));
        let part = match (raw.numbering, marker) {
            // Endnotes belong to the part that cites them; an uncited one stays with its predecessor.
            (Numbering::PerDocument, Some(&(part, _))) => part,
            (Numbering::PerDocument, None) => notes.last().map_or(0, |n| n.part),
            (Numbering::PerPart, _) => raw_note.part,
        };
        notes.push(Note {
            part,
            number: raw_note.number,
            text: cleaned.text,
            emphasis: cleaned.emphasis,
            anchor: marker.map(|&(_, anchor)| anchor),
        });
    }

    // Point each marker at its note.
    for (index, note) in notes.iter().enumerate() {
        if let Some(anchor) = note.anchor {
            if let Some(r) = paragraphs[anchor.paragraph]
                .refs
                .iter_mut()
                .find(|r| r.number == note.number && r.offset == anchor.offset)
            {
                r.note = Some(index);
            }
        }
    }

    Document {
        meta,
        parts,
        paragraphs,
        notes,
        notes_per_part: raw.numbering == Numbering::PerPart,
        glossary: raw.glossary,
        bibliography: raw.bibliography,
        cited: Default::default(),
    }
}

/// Accepts note markers in their printed order. A superscript that does not continue the running
/// sequence is a page number left in the text by the PDF extraction, not a note marker.
#[derive(Debug, Default)]
pub struct RefSequence {
    last: u32,
}

impl RefSequence {
    /// How far ahead of the expected number a marker may be and still count (the source may skip
    /// a number; a page number is never this close to the running count for long).
    const LOOKAHEAD: u32 = 2;

    pub fn accept(&mut self, number: u32) -> bool {
        if number > self.last && number <= self.last + 1 + Self::LOOKAHEAD {
            self.last = number;
            true
        } else {
            false
        }
    }
}

/// Clean text with its emphasis ranges and note markers.
#[derive(Debug, Default, PartialEq)]
pub struct Cleaned {
    pub text: String,
    pub emphasis: Vec<Range<usize>>,
    /// (number as printed, character offset in `text`).
    pub refs: Vec<(u32, usize)>,
}

/// Turns raw paragraph text into [`Cleaned`]: collapses whitespace, unescapes `\$`, turns
/// `*emphasis*` into spans, and takes superscript digits as note markers (when `refs` accepts them
/// in sequence) or drops them as page numbers.
pub struct InlineCleaner;

impl InlineCleaner {
    pub fn clean(raw: &str, mut refs: Option<&mut RefSequence>) -> Cleaned {
        let mut out = Cleaned {
            text: String::with_capacity(raw.len()),
            ..Cleaned::default()
        };
        let mut len = 0usize; // chars in out.text
        let mut emphasis_start: Option<usize> = None;
        let mut pending_space = false;
        let bytes = raw.as_bytes();
        let mut i = 0;
        while i < raw.len() {
            // Copy a run of plain ASCII words with single spaces between them in one go: most
            // of the text needs no attention.
            let run = plain_run(bytes, i);
            if run > 0 {
                if pending_space {
                    out.text.push(' ');
                    len += 1;
                    pending_space = false;
                }
                out.text.push_str(&raw[i..i + run]);
                len += run;
                i += run;
                continue;
            }
            let Some(c) = raw[i..].chars().next() else {
                break;
            };
            let next = raw[i + c.len_utf8()..].chars().next();
            i += c.len_utf8();
            if c.is_whitespace() {
                pending_space = len > 0;
                continue;
            }
            if let Some(first) = superscript_digit(c) {
                let mut number = first;
                while let Some((d, width)) = raw[i..]
                    .chars()
                    .next()
                    .and_then(|n| Some((superscript_digit(n)?, n.len_utf8())))
                {
                    number = number.saturating_mul(10).saturating_add(d);
                    i += width;
                }
                if let Some(seq) = refs.as_deref_mut() {
                    if seq.accept(number) {
                        out.refs.push((number, len));
                    }
                }
                continue;
            }
            if c == '\\' {
                if let Some(escaped) =
                    next.filter(|n| matches!(n, '$' | '*' | '_' | '[' | ']' | '#'))
                {
                    i += escaped.len_utf8();
                    push(&mut out.text, &mut len, &mut pending_space, escaped);
                    continue;
                }
            }
            if c == '*' {
                // Emphasis opens before a non-space and closes after one, Markdown-style.
                let next_is_word = next.is_some_and(|n| !n.is_whitespace());
                match emphasis_start {
                    None if next_is_word => {
                        if pending_space {
                            out.text.push(' ');
                            len += 1;
                            pending_space = false;
                        }
                        emphasis_start = Some(len);
                    }
                    Some(start) => {
                        if start < len {
                            out.emphasis.push(start..len);
                        }
                        emphasis_start = None;
                    }
                    None => push(&mut out.text, &mut len, &mut pending_space, c),
                }
                continue;
            }
            push(&mut out.text, &mut len, &mut pending_space, c);
        }
        out
    }
}

/// Bytes copied as they are: printable ASCII other than the emphasis and escape marks.
fn is_plain(b: u8) -> bool {
    b.is_ascii_graphic() && !matches!(b, b'*' | b'\\')
}

/// The length of the run at `start` of plain bytes and single spaces between them, which
/// [`InlineCleaner`] copies whole. A space opening the run, ending the text or followed by
/// anything but a plain byte ends it, so whitespace runs and markers take the careful path.
///
/// Eight bytes are classified at a time with word arithmetic (SWAR): a byte-by-byte loop
/// mispredicts a branch at every space, and this was the cleaner's whole cost.
fn plain_run(bytes: &[u8], start: usize) -> usize {
    if bytes.get(start) == Some(&b' ') {
        return 0;
    }
    let mut j = start;
    while let Some(x) = swar::load(bytes, j) {
        let space = swar::equal(x, b' ');
        let special = (x & swar::HIGH)
            | (swar::below(x, 0x21) & !space)
            | swar::equal(x, 0x7f)
            | swar::equal(x, b'*')
            | swar::equal(x, b'\\');
        let next_is_plain = bytes.get(j + 8).is_some_and(|&b| is_plain(b));
        // A space is taken only when the byte after it is plain.
        let after_not_plain = ((special | space) >> 8) | if next_is_plain { 0 } else { 1 << 63 };
        let stop = special | (space & after_not_plain);
        if stop != 0 {
            return j + swar::first(stop) - start;
        }
        j += 8;
    }
    plain_run_from(bytes, start, j)
}

/// The byte-by-byte rule of [`plain_run`], going on from `j`: used for the last few bytes.
fn plain_run_from(bytes: &[u8], start: usize, mut j: usize) -> usize {
    while j < bytes.len() {
        let single_space =
            bytes[j] == b' ' && j > start && bytes.get(j + 1).is_some_and(|&n| is_plain(n));
        if !(is_plain(bytes[j]) || single_space) {
            break;
        }
        j += 1;
    }
    j - start
}

fn push(text: &mut String, len: &mut usize, pending_space: &mut bool, c: char) {
    if *pending_space {
        text.push(' ');
        *len += 1;
        *pending_space = false;
    }
    text.push(c);
    *len += 1;
}

pub fn superscript_digit(c: char) -> Option<u32> {
    match c {
        '⁰' => Some(0),
        '¹' => Some(1),
        '²' => Some(2),
        '³' => Some(3),
        '⁴'..='⁹' => Some(c as u32 - '⁴' as u32 + 4),
        _ => None,
    }
}

pub fn to_superscript(number: u32) -> String {
    const DIGITS: [char; 10] = ['⁰', '¹', '²', '³', '⁴', '⁵', '⁶', '⁷', '⁸', '⁹'];
    number
        .to_string()
        .chars()
        .filter_map(|d| d.to_digit(10))
        .map(|d| DIGITS[d as usize])
        .collect()
}

/// The lines of `text` as [`str::lines`] gives them (`\r\n` ends a line too, no empty line after
/// a final newline), found with the memchr crate's vectorised search, several times faster here
/// than the standard library's on the thesis's 8,000 short lines.
pub fn split_lines(text: &str) -> Vec<&str> {
    let mut lines = Vec::with_capacity(text.len() / 64);
    let mut start = 0;
    for end in memchr::memchr_iter(b'\n', text.as_bytes()) {
        lines.push(strip_cr(&text[start..end]));
        start = end + 1;
    }
    // The last line, unterminated, keeps a final `\r` as `str::lines` does.
    if start < text.len() {
        lines.push(&text[start..]);
    }
    lines
}

fn strip_cr(line: &str) -> &str {
    line.strip_suffix('\r').unwrap_or(line)
}

/// A lowercase slug: letters and digits kept, apostrophes dropped, anything else a single `-`.
pub fn slug(title: &str) -> String {
    let mut out = String::new();
    for c in title.chars() {
        if c.is_alphanumeric() {
            out.extend(c.to_lowercase());
        } else if matches!(c, '\'' | '’' | '‘') {
            continue;
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    out.trim_end_matches('-').to_string()
}

/// Joins hard-wrapped lines into one string. A line ending in a hyphen is rejoined with the next
/// without a space; the hyphen is dropped only when `words` shows the unhyphenated word elsewhere
/// in the document and not the hyphenated one (so `pro-Soviet` keeps its hyphen).
pub fn join_lines<'a, Lines>(lines: Lines, words: &WordSet) -> String
where
    Lines: IntoIterator<Item = &'a str>,
    Lines::IntoIter: Clone,
{
    let lines = lines.into_iter();
    // Sized once: a paragraph grown line by line reallocates several times.
    let mut out = String::with_capacity(lines.clone().map(|l| l.len() + 1).sum());
    for line in lines {
        let line = line.trim();
        if line.is_empty() {
            continue;
        }
        if out.ends_with('-') && !out.ends_with(" -") && !out.ends_with("--") {
            // A hyphen attached to a word (`post-`, `1945-`) joins without a space.
            let soft = hyphen_break(&out, line)
                .is_some_and(|(head, tail)| words.is_soft_hyphen(head, tail));
            if soft {
                out.pop();
            }
        } else if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(line);
    }
    out
}

/// Which line-break hyphens of a document are soft: for each `head-⏎tail` break, whether the
/// unhyphenated word occurs elsewhere in the text and the hyphenated one does not. Computed once
/// for just those words.
#[derive(Debug, Default)]
pub struct WordSet {
    /// Lower-case `headtail` and `head-tail` forms found in the text as whole tokens.
    found: FxHashSet<String>,
}

impl WordSet {
    pub fn of(text: &str) -> Self {
        let mut joined: FxHashSet<String> = FxHashSet::default();
        let mut hyphenated: FxHashSet<String> = FxHashSet::default();
        for (line, next) in hyphenated_line_ends(text) {
            if let Some((head, tail)) = hyphen_break(line, next) {
                joined.insert(format!("{head}{tail}").to_lowercase());
                hyphenated.insert(format!("{head}-{tail}").to_lowercase());
            }
        }
        let mut found = FxHashSet::default();
        if joined.is_empty() {
            return WordSet { found };
        }
        let bytes = text.as_bytes();
        // A hyphenated form is a token holding a hyphen: only the tokens around the hyphens,
        // which are few, can be one.
        for at in memchr::memchr_iter(b'-', bytes) {
            let start = bytes[..at]
                .iter()
                .rposition(|&b| !is_token_byte(b))
                .map_or(0, |p| p + 1);
            let end = bytes[at..]
                .iter()
                .position(|&b| !is_token_byte(b))
                .map_or(bytes.len(), |p| at + p);
            let token = text[start..end].to_ascii_lowercase();
            if hyphenated.contains(&token) {
                found.insert(token);
            }
        }
        // A joined form is all letters, so a match in the lower-cased text with a token boundary
        // on each side is a whole token; leftmost-longest matching cannot step over one. One
        // multi-pattern search (SIMD-prefiltered) instead of splitting the text into tokens.
        let patterns: Vec<&String> = joined.iter().collect();
        let longest = patterns.iter().map(|p| p.len()).max().unwrap_or(0);
        let boundary = |at: Option<&u8>| at.is_none_or(|&b| !is_token_byte(b));
        // Building fails only past aho-corasick's size limits; then there is no evidence and
        // every line-end hyphen is kept.
        if let Ok(searcher) = AhoCorasick::builder()
            .kind(Some(AhoCorasickKind::ContiguousNFA))
            .match_kind(MatchKind::LeftmostLongest)
            .build(&patterns)
        {
            // The text is lower-cased a window at a time into a small buffer per thread (a whole
            // copy costs page faults on every parse), windows searched in parallel. Windows
            // overlap by the longest pattern, so every match lies whole in the window where it
            // starts.
            const WINDOW: usize = 16 * 1024;
            let matched: Vec<usize> = (0..bytes.len().div_ceil(WINDOW))
                .into_par_iter()
                .map_init(
                    || Vec::with_capacity(WINDOW + longest),
                    |lower, window| {
                        let from = window * WINDOW;
                        let to = (from + WINDOW + longest).min(bytes.len());
                        lower.clear();
                        lower.extend(bytes[from..to].iter().map(u8::to_ascii_lowercase));
                        searcher
                            .find_iter(&*lower)
                            .filter(|m| {
                                let (start, end) = (from + m.start(), from + m.end());
                                let before = start.checked_sub(1).and_then(|p| bytes.get(p));
                                boundary(before) && boundary(bytes.get(end))
                            })
                            .map(|m| m.pattern().as_usize())
                            .collect::<Vec<_>>()
                    },
                )
                .flatten()
                .collect();
            found.extend(matched.into_iter().map(|p| patterns[p].clone()));
        }
        WordSet { found }
    }

    fn is_soft_hyphen(&self, head: &str, tail: &str) -> bool {
        if head.is_empty() || tail.is_empty() || tail.starts_with(char::is_uppercase) {
            return false;
        }
        let joined = format!("{head}{tail}").to_lowercase();
        let hyphenated = format!("{head}-{tail}").to_lowercase();
        self.found.contains(&joined) && !self.found.contains(&hyphenated)
    }
}

/// Tokens, for the hyphen evidence, are runs of ASCII letters, digits, hyphens and non-ASCII
/// bytes.
fn is_token_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'-' || b >= 0x80
}

/// Each line that ends in a hyphen with the line after it, both trimmed. Found from the hyphens,
/// which are few, rather than by splitting the whole text into lines.
fn hyphenated_line_ends(text: &str) -> impl Iterator<Item = (&str, &str)> {
    let bytes = text.as_bytes();
    memchr::memchr_iter(b'-', bytes).filter_map(move |at| {
        let rest = text[at + 1..].trim_start_matches(|c: char| c.is_whitespace() && c != '\n');
        if !rest.starts_with('\n') {
            return None;
        }
        let line_end = text.len() - rest.len();
        let line_start = memchr::memrchr(b'\n', &bytes[..at]).map_or(0, |n| n + 1);
        let next_start = line_end + 1;
        let next_end =
            memchr::memchr(b'\n', &bytes[next_start..]).map_or(text.len(), |n| next_start + n);
        Some((
            text[line_start..line_end].trim(),
            text[next_start..next_end].trim(),
        ))
    })
}

/// The word pieces around a line-end hyphen: `… post-` / `war …` → ("post", "war").
fn hyphen_break<'a>(line: &'a str, next: &'a str) -> Option<(&'a str, &'a str)> {
    let stem = line.strip_suffix('-')?;
    // The byte after the last non-letter, which may be several bytes long (“, a no-break space).
    let head_start = stem
        .char_indices()
        .rfind(|(_, c)| !c.is_alphabetic())
        .map_or(0, |(i, c)| i + c.len_utf8());
    let head = &stem[head_start..];
    let tail_end = next
        .find(|c: char| !c.is_alphabetic())
        .unwrap_or(next.len());
    let tail = &next[..tail_end];
    (!head.is_empty() && !tail.is_empty()).then_some((head, tail))
}

/// Whether a line ends a sentence: terminal punctuation, maybe a closing quote, maybe a marker.
pub fn ends_sentence(line: &str) -> bool {
    let t = line
        .trim_end()
        .trim_end_matches(|c: char| superscript_digit(c).is_some());
    let t = t.trim_end_matches(['"', '”', '’', '\'', ')']);
    t.ends_with(['.', '?', '!', ':'])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn superscripts_in_sequence_are_markers_others_are_page_numbers() {
        let mut seq = RefSequence { last: 13 };
        let raw = "Archives.¹⁴ A thread in³ unraveling.¹⁵ On August 5,⁶ 1949.";
        let c = InlineCleaner::clean(raw, Some(&mut seq));
        assert_eq!(
            c.text,
            "Archives. A thread in unraveling. On August 5, 1949."
        );
        assert_eq!(c.refs, vec![(14, 9), (15, 33)]);
    }

    #[test]
    fn plain_runs_stop_where_the_cleaner_must_look() {
        // The byte-by-byte rule that `plain_run` computes eight bytes at a time.
        let reference = |bytes: &[u8], start: usize| plain_run_from(bytes, start, start);
        let samples = [
            "plain words with single spaces and no end in sight at all here",
            "two  spaces after eight bytes",
            "a space at the very end ",
            "Stalin.¹⁴ After the “Soviet” *emphasis* and \\$1 costs",
            "tab\there and line\nbreak, DEL\u{7f} too",
            "exactly8",
            "exactly8 ",
            "1234567 a",
            " leading space",
        ];
        for sample in samples {
            let bytes = sample.as_bytes();
            for start in 0..bytes.len() {
                assert_eq!(
                    plain_run(bytes, start),
                    reference(bytes, start),
                    "{sample:?} from {start}"
                );
            }
        }
    }

    #[test]
    fn emphasis_and_escaped_dollar() {
        let c = InlineCleaner::clean("the *second mosaic in reverse*, US \\$1 and *Ibid.*", None);
        assert_eq!(c.text, "the second mosaic in reverse, US $1 and Ibid.");
        assert_eq!(c.emphasis, vec![4..28, 40..45]);
    }

    #[test]
    fn sequence_tolerates_a_small_gap_but_not_a_jump_back() {
        let mut seq = RefSequence::default();
        assert!(seq.accept(1));
        assert!(seq.accept(3));
        assert!(!seq.accept(2));
        assert!(!seq.accept(9));
        assert!(seq.accept(4));
    }

    #[test]
    fn hyphens_at_line_ends() {
        let text = "the postwar era\na pro-\nSoviet regime, the post-\nwar era\nSino-\nSoviet and commu-\nnication";
        let words = WordSet::of(&format!("{text}\ncommunication"));
        assert_eq!(
            join_lines(["a pro-", "Soviet regime"], &words),
            "a pro-Soviet regime"
        );
        assert_eq!(
            join_lines(["the post-", "war era"], &words),
            "the postwar era"
        );
        assert_eq!(join_lines(["Sino-", "Soviet"], &words), "Sino-Soviet");
        assert_eq!(
            join_lines(["of the", "North - to"], &words),
            "of the North - to"
        );
        assert_eq!(join_lines(["commu-", "nication"], &words), "communication");
        assert_eq!(
            join_lines(["Regimes 1945-", "1947, Seoul"], &words),
            "Regimes 1945-1947, Seoul"
        );
        let no_evidence = WordSet::of("an anti-\ntrusteeship movement");
        assert_eq!(
            join_lines(["an anti-", "trusteeship movement"], &no_evidence),
            "an anti-trusteeship movement"
        );
    }

    #[test]
    fn lines_split_as_the_standard_library_does() {
        for text in [
            "",
            "a",
            "a\n",
            "a\r\nb",
            "a\n\nb\n",
            "\n",
            "a\r",
            "x\r\n\r\n",
        ] {
            assert_eq!(
                split_lines(text),
                text.lines().collect::<Vec<_>>(),
                "{text:?}"
            );
        }
    }

    #[test]
    fn slugs() {
        assert_eq!(
            slug("Cumings's Second Mosaic and the Ongjin Peninsula"),
            "cumingss-second-mosaic-and-the-ongjin-peninsula"
        );
        assert_eq!(
            slug("An Alternative Hypothesis: Stalin's Rollback"),
            "an-alternative-hypothesis-stalins-rollback"
        );
    }
}
