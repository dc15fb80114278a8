//! A document laid out as display rows for one text width: wrapped once per width, so a frame
//! only has to draw the visible slice (a ratatui `Paragraph` would re-wrap from the top on every
//! frame). Plain data: the UI decides how each span kind looks.

use std::ops::Range;

use unicode_width::UnicodeWidthChar;

use crate::corpus::{char_to_byte, Document, NoteRef};

/// What a block of text is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BlockKind {
    PartTitle { part: usize },
    SubsectionTitle { part: usize },
    Paragraph { paragraph: usize, part: usize },
}

/// How a byte range of a block's display text is marked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SpanKind {
    Emphasis,
    /// A note marker, shown as `[n]`: index into `Paragraph::refs` and the note it points to.
    NoteRef {
        ref_index: usize,
        note: Option<usize>,
    },
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Span {
    pub bytes: Range<usize>,
    pub kind: SpanKind,
}

/// A heading or paragraph with its note markers written into the text.
#[derive(Debug, Clone)]
pub struct Block {
    pub kind: BlockKind,
    pub text: String,
    /// Sorted by start.
    pub spans: Vec<Span>,
    /// Index of the block's first row in [`DocLayout::rows`].
    pub first_row: usize,
    pub row_count: usize,
}

impl Block {
    /// A part's or a subsection's title.
    pub fn is_heading(&self) -> bool {
        !matches!(self.kind, BlockKind::Paragraph { .. })
    }

    pub fn part(&self) -> usize {
        match self.kind {
            BlockKind::PartTitle { part }
            | BlockKind::SubsectionTitle { part }
            | BlockKind::Paragraph { part, .. } => part,
        }
    }
}

/// One display row: a slice of a block's text, or a blank spacer row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    pub block: usize,
    /// Empty for the blank row after a block.
    pub bytes: Range<usize>,
}

#[derive(Debug, Clone)]
pub struct DocLayout {
    pub width: u16,
    pub blocks: Vec<Block>,
    pub rows: Vec<Row>,
    /// Block index of each body paragraph.
    pub paragraph_block: Vec<usize>,
    /// Block index of each part's title.
    pub part_block: Vec<usize>,
}

impl DocLayout {
    /// Lays `doc` out in rows of at most `width` columns.
    pub fn new(doc: &Document, width: u16) -> DocLayout {
        let width = width.max(8);
        let mut layout = DocLayout {
            width,
            blocks: Vec::with_capacity(doc.paragraphs.len() + 2 * doc.parts.len()),
            rows: Vec::new(),
            paragraph_block: vec![0; doc.paragraphs.len()],
            part_block: Vec::with_capacity(doc.parts.len()),
        };
        for (part_index, part) in doc.parts.iter().enumerate() {
            layout.part_block.push(layout.blocks.len());
            layout.push(
                BlockKind::PartTitle { part: part_index },
                part.numbered_title().to_uppercase(),
                Vec::new(),
            );
            let mut subsections = part.subsections.iter().peekable();
            for paragraph in part.paragraphs.clone() {
                while let Some(sub) = subsections.next_if(|s| s.first_paragraph <= paragraph) {
                    layout.push(
                        BlockKind::SubsectionTitle { part: part_index },
                        sub.title.clone(),
                        Vec::new(),
                    );
                }
                layout.paragraph_block[paragraph] = layout.blocks.len();
                let (text, spans) = display_text(doc, paragraph);
                layout.push(
                    BlockKind::Paragraph {
                        paragraph,
                        part: part_index,
                    },
                    text,
                    spans,
                );
            }
            for sub in subsections {
                layout.push(
                    BlockKind::SubsectionTitle { part: part_index },
                    sub.title.clone(),
                    Vec::new(),
                );
            }
        }
        layout
    }

    fn push(&mut self, kind: BlockKind, text: String, spans: Vec<Span>) {
        let block = self.blocks.len();
        let first_row = self.rows.len();
        for bytes in wrap(&text, self.width as usize) {
            self.rows.push(Row { block, bytes });
        }
        self.rows.push(Row { block, bytes: 0..0 });
        self.blocks.push(Block {
            kind,
            text,
            spans,
            first_row,
            row_count: self.rows.len() - first_row,
        });
    }

    pub fn block_at_row(&self, row: usize) -> usize {
        self.rows.get(row).map_or(0, |r| r.block)
    }

    /// The row that shows byte `byte` of `block`'s text.
    pub fn row_of(&self, block: usize, byte: usize) -> usize {
        let b = &self.blocks[block];
        let rows = &self.rows[b.first_row..b.first_row + b.row_count];
        let within = rows
            .iter()
            .rposition(|r| !r.bytes.is_empty() && r.bytes.start <= byte)
            .unwrap_or(0);
        b.first_row + within
    }
}

/// A paragraph's text with `[n]` written at each note reference, and its spans.
fn display_text(doc: &Document, paragraph: usize) -> (String, Vec<Span>) {
    let p = &doc.paragraphs[paragraph];
    let marker_len = |r: &NoteRef| 2 + count_digits(r.number);
    // A marker stands before the character at its offset, so it shifts that character.
    let shifted = |offset: usize, include_equal: bool| -> usize {
        let shift: usize = p
            .refs
            .iter()
            .filter(|r| r.offset < offset || (include_equal && r.offset == offset))
            .map(marker_len)
            .sum();
        char_to_byte(&p.text, offset) + shift
    };
    let mut text = String::with_capacity(p.text.len() + 6 * p.refs.len());
    let mut spans = Vec::with_capacity(p.refs.len() + p.emphasis.len());
    let mut copied = 0;
    for (ref_index, r) in p.refs.iter().enumerate() {
        let at = char_to_byte(&p.text, r.offset).max(copied);
        text.push_str(&p.text[copied..at]);
        copied = at;
        let start = text.len();
        text.push('[');
        text.push_str(&r.number.to_string());
        text.push(']');
        spans.push(Span {
            bytes: start..text.len(),
            kind: SpanKind::NoteRef {
                ref_index,
                note: r.note,
            },
        });
    }
    text.push_str(&p.text[copied..]);
    for e in &p.emphasis {
        let (start, end) = (shifted(e.start, true), shifted(e.end, false));
        if start < end {
            spans.push(Span {
                bytes: start..end,
                kind: SpanKind::Emphasis,
            });
        }
    }
    spans.sort_by_key(|s| s.bytes.start);
    (text, spans)
}

/// Byte offset in a paragraph's display text (with `[n]` markers) of char `offset` of its
/// clean text.
pub fn display_byte(doc: &Document, paragraph: usize, offset: usize) -> usize {
    let p = &doc.paragraphs[paragraph];
    let shift: usize = p
        .refs
        .iter()
        .filter(|r| r.offset <= offset)
        .map(|r| 2 + count_digits(r.number))
        .sum();
    char_to_byte(&p.text, offset) + shift
}

fn count_digits(n: u32) -> usize {
    n.checked_ilog10().unwrap_or(0) as usize + 1
}

/// Greedy word wrap of `text` into byte ranges of at most `width` columns; words longer than a
/// row are cut.
pub fn wrap(text: &str, width: usize) -> Vec<Range<usize>> {
    let mut rows = Vec::new();
    let mut row_start = 0;
    let mut row_width = 0;
    // End of the last word that fits on the row, and where the next word starts.
    let mut last_break: Option<(usize, usize)> = None;
    let mut i = 0;
    let bytes = text.as_bytes();
    while i < text.len() {
        if bytes[i] == b' ' {
            let word_end = i;
            while i < text.len() && bytes[i] == b' ' {
                i += 1;
            }
            last_break = Some((word_end, i));
            row_width += 1;
            if row_width > width {
                // The space itself overflows: break here.
                rows.push(row_start..word_end);
                row_start = i;
                row_width = 0;
                last_break = None;
            }
            continue;
        }
        let Some(c) = text[i..].chars().next() else {
            break;
        };
        let w = c.width().unwrap_or(0);
        if row_width + w > width {
            match last_break {
                Some((end, next)) if end > row_start => {
                    rows.push(row_start..end);
                    row_start = next;
                    row_width = text[next..i].chars().filter_map(|c| c.width()).sum();
                }
                _ => {
                    rows.push(row_start..i);
                    row_start = i;
                    row_width = 0;
                }
            }
            last_break = None;
        }
        row_width += w;
        i += c.len_utf8();
    }
    if row_start < text.len() || rows.is_empty() {
        rows.push(row_start..text.len());
    }
    rows
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(text: &str, width: usize) -> Vec<&str> {
        wrap(text, width).into_iter().map(|r| &text[r]).collect()
    }

    #[test]
    fn wraps_at_spaces_within_width() {
        assert_eq!(
            lines("the thread in unraveling how it began", 12),
            vec!["the thread", "in", "unraveling", "how it began"]
        );
    }

    #[test]
    fn cuts_words_longer_than_a_row() {
        assert_eq!(lines("abcdefghij xy", 4), vec!["abcd", "efgh", "ij", "xy"]);
    }

    #[test]
    fn counts_columns_not_bytes() {
        assert_eq!(
            lines("chargé d'affaires ok", 8),
            vec!["chargé", "d'affair", "es ok"]
        );
    }
}
