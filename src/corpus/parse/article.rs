//! The journal-article layout: one paragraph per line, blank lines between, titled sections,
//! superscript note markers, and an `Endnote` section of `N. text` / `ᴺ. text` notes. Page
//! numbers survive as bare-digit lines, trailing digits and out-of-sequence superscripts; page
//! breaks cut paragraphs in two.

use super::{
    ends_sentence, join_lines, slug, split_lines, superscript_digit, Numbering, RawDocument,
    RawNote, RawParagraph, RawPart, WordSet,
};

/// Title given to the untitled opening section.
const OPENING_TITLE: &str = "Introduction";

pub(super) fn parse(text: &str) -> Result<RawDocument, String> {
    let words = WordSet::of(text);
    let lines = split_lines(text);
    let notes_heading = lines.iter().position(|l| is_notes_heading(l));
    let (body_lines, note_lines) = match notes_heading {
        Some(i) => (&lines[..i], &lines[i + 1..]),
        None => (&lines[..], &lines[..0]),
    };

    let blocks: Vec<String> = blocks(body_lines)
        .into_iter()
        .map(|b| join_lines(b, &words))
        .filter(|b| !is_page_number(b))
        .collect();
    // Front matter (title, byline) is the run of short blocks before the first real paragraph.
    let first_paragraph = blocks
        .iter()
        .position(|b| b.chars().count() > 200)
        .ok_or("no body paragraph found: is this an article?")?;

    let mut doc = RawDocument {
        numbering: Numbering::PerDocument,
        ..RawDocument::default()
    };
    doc.parts.push(RawPart {
        key: slug(OPENING_TITLE),
        title: OPENING_TITLE.to_string(),
        paragraphs: Vec::new(),
    });
    for (i, block) in blocks.iter().enumerate().skip(first_paragraph) {
        let next = blocks.get(i + 1).map(String::as_str);
        let previous_ended = doc
            .parts
            .last()
            .and_then(|p| p.paragraphs.last())
            .is_none_or(|p| ends_sentence(&p.text));
        if previous_ended && is_heading(block, next) {
            doc.parts.push(RawPart {
                key: slug(block),
                title: block.trim().to_string(),
                paragraphs: Vec::new(),
            });
            continue;
        }
        let text = strip_trailing_page_number(block);
        let part = doc.parts.last_mut().ok_or("no part")?;
        match part.paragraphs.last_mut() {
            // A page break cut this paragraph: the previous block stopped mid-sentence.
            Some(previous)
                if !ends_sentence(&previous.text) || text.starts_with(char::is_lowercase) =>
            {
                previous.text = join_lines([previous.text.as_str(), text], &words);
            }
            _ => part.paragraphs.push(RawParagraph {
                opens_subsections: Vec::new(),
                text: text.to_string(),
            }),
        }
    }
    doc.notes = parse_notes(note_lines);
    Ok(doc)
}

fn is_notes_heading(line: &str) -> bool {
    let line = line.trim();
    ["endnote", "endnotes", "notes"]
        .iter()
        .any(|heading| line.eq_ignore_ascii_case(heading))
}

/// Splits lines into blank-line separated blocks.
fn blocks<'a>(lines: &[&'a str]) -> Vec<Vec<&'a str>> {
    let mut out: Vec<Vec<&str>> = Vec::new();
    let mut current = Vec::new();
    for line in lines {
        if line.trim().is_empty() {
            if !current.is_empty() {
                out.push(std::mem::take(&mut current));
            }
        } else {
            current.push(*line);
        }
    }
    if !current.is_empty() {
        out.push(current);
    }
    out
}

fn is_page_number(block: &str) -> bool {
    let t = block.trim();
    !t.is_empty() && t.len() <= 4 && t.chars().all(|c| c.is_ascii_digit())
}

/// A section title: one short line that does not end a sentence, followed by a paragraph.
fn is_heading(block: &str, next: Option<&str>) -> bool {
    let t = block.trim();
    t.chars().count() < 120
        && !ends_sentence(t)
        && !t.ends_with(',')
        && t.starts_with(char::is_uppercase)
        && is_title_case(t)
        && next.is_some_and(|n| n.trim_start().starts_with(char::is_uppercase))
}

/// Most significant words capitalised, as in the article's section titles; a page-cut sentence
/// fragment (`…of the Ongjin peninsula, the`) is not.
fn is_title_case(t: &str) -> bool {
    let significant: Vec<&str> = t
        .split_whitespace()
        .filter(|w| w.chars().count() >= 4)
        .collect();
    let capitalised = significant
        .iter()
        .filter(|w| w.starts_with(char::is_uppercase))
        .count();
    capitalised * 2 >= significant.len()
}

/// Drops a page number left at a paragraph's end (`…rolling.”²⁴ 4`, `…to Stalin. 5`).
fn strip_trailing_page_number(text: &str) -> &str {
    let t = text.trim_end();
    let digits = t.len() - t.trim_end_matches(|c: char| c.is_ascii_digit()).len();
    if digits == 0 || digits > 3 {
        return t;
    }
    let head = &t[..t.len() - digits];
    if !head.ends_with(' ') {
        return t;
    }
    let before = head.trim_end();
    let after_sentence =
        ends_sentence(before) || before.ends_with(|c: char| superscript_digit(c).is_some());
    if after_sentence {
        before
    } else {
        t
    }
}

/// Splits the endnote section into notes. A line opens note N only when N continues the running
/// count; any other line (a page number aside) continues the note before it.
fn parse_notes(lines: &[&str]) -> Vec<RawNote> {
    let mut notes: Vec<RawNote> = Vec::new();
    for line in lines {
        let t = strip_trailing_page_number(line.trim());
        if t.is_empty() || is_page_number(t) {
            continue;
        }
        let expected = notes.last().map_or(1, |n| n.number + 1);
        match note_marker(t) {
            Some((number, rest)) if number == expected => {
                notes.push(RawNote {
                    part: 0,
                    number,
                    text: rest.to_string(),
                });
            }
            _ => match notes.last_mut() {
                Some(note) => {
                    note.text.push(' ');
                    note.text.push_str(t);
                }
                None => continue,
            },
        }
    }
    notes
}

/// `58. text` or `⁶⁹. text` → (58, "text").
fn note_marker(line: &str) -> Option<(u32, &str)> {
    let digits_end = line
        .char_indices()
        .find(|&(_, c)| !(c.is_ascii_digit() || superscript_digit(c).is_some()))?
        .0;
    if digits_end == 0 {
        return None;
    }
    let rest = line[digits_end..].strip_prefix('.')?;
    if !rest.starts_with(' ') {
        return None;
    }
    let number = line[..digits_end]
        .chars()
        .map(|c| c.to_digit(10).or_else(|| superscript_digit(c)))
        .try_fold(0u32, |n, d| n.checked_mul(10)?.checked_add(d?))?;
    Some((number, rest.trim_start()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn endnote_markers_in_both_forms() {
        assert_eq!(
            note_marker("58. See Weathersby"),
            Some((58, "See Weathersby"))
        );
        assert_eq!(
            note_marker("⁶⁹. Stalin to Kim"),
            Some((69, "Stalin to Kim"))
        );
        assert_eq!(note_marker("175,000 people lived"), None);
        assert_eq!(note_marker("1950. The war"), Some((1950, "The war")));
    }

    #[test]
    fn notes_continue_over_page_breaks_and_skip_page_numbers() {
        let lines = [
            "1. The encouragement was in accordance with Muccio",
            "",
            "to Acheson, September 7, 1949, 895.00, RG 59.",
            "",
            "24",
            "",
            "2. See Weathersby, \"To Attack, or Not to Attack?\" p. 8.",
            "17. 175,000 people lived on the peninsula.",
            "3. Third.",
        ];
        let notes: Vec<(u32, String)> = parse_notes(&lines)
            .into_iter()
            .map(|n| (n.number, n.text))
            .collect();
        assert_eq!(notes.len(), 3);
        assert_eq!(notes[0].1, "The encouragement was in accordance with Muccio to Acheson, September 7, 1949, 895.00, RG 59.");
        assert!(notes[1]
            .1
            .ends_with("p. 8. 17. 175,000 people lived on the peninsula."));
    }

    #[test]
    fn trailing_page_numbers() {
        assert_eq!(
            strip_trailing_page_number("kept on rolling.”²⁴ 4"),
            "kept on rolling.”²⁴"
        );
        assert_eq!(
            strip_trailing_page_number("plan to Stalin. 5"),
            "plan to Stalin."
        );
        assert_eq!(
            strip_trailing_page_number("in the year 1950"),
            "in the year 1950"
        );
        assert_eq!(
            strip_trailing_page_number("Korean Army 12"),
            "Korean Army 12"
        );
    }

    #[test]
    fn page_break_joins_a_cut_paragraph() {
        let text = "Title\n\nAuthor\n\n".to_string()
            + &"Long opening sentence. ".repeat(10)
            + "It ends on the focal\n\n3\n\npoint around which Stalin revolved.¹\n\nA Section\n\nNext paragraph.²\n\nEndnote\n\n1. One.\n2. Two.\n";
        let doc = parse(&text).unwrap();
        assert_eq!(doc.parts.len(), 2);
        assert_eq!(doc.parts[0].paragraphs.len(), 1);
        assert!(doc.parts[0].paragraphs[0]
            .text
            .ends_with("the focal point around which Stalin revolved.¹"));
        assert_eq!(doc.parts[1].key, "a-section");
        assert_eq!(doc.notes.len(), 2);
    }
}
