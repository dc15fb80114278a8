//! The thesis layout: hard-wrapped lines with no blank lines; front matter (title page, abstract,
//! contents, abbreviations); an introduction, Roman-numbered chapters with subsection headings, a
//! closing conclusion and a bibliography. Footnotes sit at page bottoms as `N text` lines in the
//! middle of the body flow, numbered from 1 in each part; the body marks them with plain digits
//! (`Defence.2 Therefore`, `communism. 2  Previously`).
//!
//! The note sequence is the main evidence: a line `N …` opens a footnote only when N is the next
//! note of the part and its marker has already been seen in the body. Line geometry does the rest:
//! footnotes are set smaller, so a footnote line that wraps is longer than any body line; and a
//! body line that ends short of the measure (the next word would have fitted) ends a paragraph or
//! is a heading.

use super::{
    ends_sentence, join_lines, split_lines, swar, to_superscript, Numbering, RawDocument, RawNote,
    RawParagraph, RawPart, WordSet,
};
use rayon::prelude::*;
use std::borrow::Cow;

use crate::corpus::model::{BibliographyEntry, GlossaryEntry};
use crate::corpus::months::is_month_name;

/// A body line this short (plus the next word) was broken by hand, not by the line wrap.
const HARD_BREAK_WIDTH: usize = 86;
/// A footnote line at least this long was wrapped by the layout and continues on the next line.
const FOOTNOTE_WRAP_WIDTH: usize = 98;
/// A footnote line this long plus the next line's first word would not have fitted: the small
/// type sets up to ~116 characters a line, and notes that end unpunctuated stop short of ~95.
const FOOTNOTE_MEASURE: usize = 104;
const ROMAN: [&str; 12] = [
    "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII",
];

pub(super) fn parse(text: &str) -> Result<RawDocument, String> {
    let words = WordSet::of(text);
    let lines = split_lines(text);
    let find = |from: usize, pred: &dyn Fn(&str) -> bool| {
        lines
            .iter()
            .skip(from)
            .position(|l| pred(l.trim()))
            .map(|i| i + from)
    };

    let abstract_at = find(0, &|l| l.eq_ignore_ascii_case("abstract"));
    let contents_at = find(abstract_at.unwrap_or(0), &|l| {
        let l = l.to_ascii_lowercase();
        l.starts_with("table") && l.contains("contents")
    });
    let glossary_at = find(contents_at.or(abstract_at).unwrap_or(0), &|l| {
        l.eq_ignore_ascii_case("abbreviations")
    });
    // The body starts after every piece of front matter that was found.
    let front_end = [abstract_at, contents_at, glossary_at]
        .into_iter()
        .flatten()
        .max()
        .unwrap_or(0);
    let intro_at = find(front_end, &|l| l.eq_ignore_ascii_case("introduction"))
        .ok_or("no \"Introduction\" heading line after the front matter: is this a thesis?")?;
    let bibliography_at = find(intro_at, &|l| l.eq_ignore_ascii_case("bibliography"));
    let body_end = bibliography_at.unwrap_or(lines.len());

    // Part boundaries: (first heading line, first body line, key, title).
    let mut bounds: Vec<(usize, usize, String, String)> = vec![(
        intro_at,
        intro_at + 1,
        "introduction".into(),
        "Introduction".into(),
    )];
    let mut line = intro_at + 1;
    while line < body_end {
        let roman = ROMAN.get(bounds.len() - 1).copied().unwrap_or("");
        if let Some(title) = lines[line]
            .trim()
            .strip_prefix(roman)
            .and_then(|r| r.strip_prefix(". "))
        {
            let mut title = title.trim().to_string();
            let mut next = line + 1;
            // A long chapter title wraps: its continuation starts in lower case.
            while next < body_end
                && lines[next].trim_start().starts_with(char::is_lowercase)
                && lines[next].trim().len() < 60
            {
                title = format!("{} {}", title, lines[next].trim());
                next += 1;
            }
            bounds.push((line, next, roman.to_string(), title));
            line = next;
        } else {
            line += 1;
        }
    }
    // The closing conclusion: the last chapter's second "Conclusion" heading.
    if let Some(&(last_start, ..)) = bounds.last() {
        let conclusions: Vec<usize> = (last_start..body_end)
            .filter(|&i| lines[i].trim().eq_ignore_ascii_case("conclusion"))
            .collect();
        if conclusions.len() >= 2 && bounds.len() > 1 {
            let at = conclusions[conclusions.len() - 1];
            bounds.push((at, at + 1, "conclusion".into(), "Conclusion".into()));
        }
    }

    let mut doc = RawDocument {
        numbering: Numbering::PerPart,
        ..RawDocument::default()
    };
    if let Some(start) = abstract_at {
        let end = contents_at.or(glossary_at).unwrap_or(intro_at);
        // Skip the repeated title block: lines with no lower-case letters.
        let body: Vec<&str> = lines[start + 1..end]
            .iter()
            .copied()
            .skip_while(|l| !l.chars().any(char::is_lowercase))
            .collect();
        let (paragraphs, _) = parse_part(&body, &words, 0);
        doc.parts.push(RawPart {
            key: "abstract".into(),
            title: "Abstract".into(),
            paragraphs,
        });
    }
    // Each part numbers its footnotes from 1, so parts parse independently: in parallel, with
    // the bibliography alongside.
    let first_index = doc.parts.len();
    let (parsed_parts, bibliography) = rayon::join(
        || {
            bounds
                .par_iter()
                .enumerate()
                .map(|(i, (_, first, ..))| {
                    let end = bounds.get(i + 1).map_or(body_end, |b| b.0);
                    parse_part(&lines[*first..end], &words, first_index + i)
                })
                .collect::<Vec<_>>()
        },
        || bibliography_at.map(|start| parse_bibliography(&lines[start + 1..], &words)),
    );
    for ((_, _, key, title), (paragraphs, notes)) in bounds.into_iter().zip(parsed_parts) {
        doc.parts.push(RawPart {
            key,
            title,
            paragraphs,
        });
        doc.notes.extend(notes);
    }
    if let Some(start) = glossary_at {
        doc.glossary = parse_glossary(&lines[start + 1..intro_at]);
    }
    if let Some(bibliography) = bibliography {
        doc.bibliography = bibliography;
        doc.parts.push(RawPart {
            key: "bibliography".into(),
            title: "Bibliography".into(),
            paragraphs: doc
                .bibliography
                .iter()
                .enumerate()
                .map(|(i, e)| {
                    // Every heading this entry is the first under opens a subsection here.
                    let previous = i
                        .checked_sub(1)
                        .map_or(&[][..], |p| &doc.bibliography[p].headings[..]);
                    let shared = e
                        .headings
                        .iter()
                        .zip(previous)
                        .take_while(|(a, b)| a == b)
                        .count();
                    RawParagraph {
                        opens_subsections: e.headings[shared..].to_vec(),
                        text: e.text.clone(),
                    }
                })
                .collect(),
        });
    }
    // The list of abbreviations is read as a part too, one entry a paragraph. It comes last, as
    // back matter, so that the paragraphs before it keep the numbers places are given by.
    if !doc.glossary.is_empty() {
        doc.parts.push(RawPart {
            key: "abbreviations".into(),
            title: "Abbreviations".into(),
            paragraphs: (doc.glossary.iter())
                .map(|g| RawParagraph {
                    opens_subsections: Vec::new(),
                    text: format!("{} — {}", g.term, g.expansion),
                })
                .collect(),
        });
    }
    Ok(doc)
}

/// A body line after footnotes are taken out, note markers rewritten as superscripts.
#[derive(Debug)]
struct BodyLine<'a> {
    text: Cow<'a, str>,
    /// Length in chars of the source line, trimmed, markers included (for the measure tests).
    width: usize,
    trailing_spaces: usize,
}

/// Splits one part's lines into paragraphs (with subsection headings) and footnotes.
fn parse_part(lines: &[&str], words: &WordSet, part: usize) -> (Vec<RawParagraph>, Vec<RawNote>) {
    let (body, notes) = separate_footnotes(lines, part, words);
    (paragraphs(&body, words), notes)
}

fn separate_footnotes<'a>(
    lines: &[&'a str],
    part: usize,
    words: &WordSet,
) -> (Vec<BodyLine<'a>>, Vec<RawNote>) {
    let mut body: Vec<BodyLine> = Vec::new();
    let mut notes: Vec<(u32, Vec<&str>)> = Vec::new();
    let mut next_ref = 1u32;
    let mut in_note = false;
    // The last footnote line as printed, number included: its length tells whether it wrapped.
    let mut last_note_line = "";
    for line in lines {
        let trimmed = line.trim();
        // A bare URL on its own line is the PDF's link annotation, a copy of text printed nearby.
        if trimmed.is_empty() || (trimmed.starts_with("http") && !trimmed.contains(' ')) {
            continue;
        }
        let next_note = notes.last().map_or(1, |n| n.0 + 1);
        if let Some((number, rest)) = footnote_start(trimmed) {
            // The marker was seen; or the source dropped it and the line reads as a citation.
            let marker_missing = number == next_ref && looks_like_citation(trimmed);
            if number == next_note && (number < next_ref || marker_missing) {
                next_ref = next_ref.max(number + 1);
                notes.push((number, vec![rest]));
                last_note_line = trimmed;
                in_note = true;
                continue;
            }
        }
        if in_note {
            // A wrapped footnote goes on, unless the line carries the body's next marker.
            let wrapped = footnote_continues(last_note_line, trimmed);
            let has_marker = matches!(
                mark_refs(trimmed, &mut next_ref.clone(), None),
                Cow::Owned(_)
            );
            if wrapped && !has_marker {
                if let Some(note) = notes.last_mut() {
                    note.1.push(trimmed);
                }
                last_note_line = trimmed;
                continue;
            }
            in_note = false;
        }
        let previous_char = body.last().and_then(|b| b.text.trim_end().chars().last());
        let text = mark_refs(trimmed, &mut next_ref, previous_char);
        body.push(BodyLine {
            text,
            width: trimmed.chars().count(),
            trailing_spaces: line.len() - line.trim_end().len(),
        });
    }
    let notes = notes
        .into_iter()
        .map(|(number, lines)| RawNote {
            part,
            number,
            text: join_lines(lines, words),
        })
        .collect();
    (body, notes)
}

/// `93FRUS, 1945…` / `7  Weathersby…` → (number, text). Not a count (`25th Army`, `1.`), nor a
/// date (`2 September 1945. Moscow…`).
fn footnote_start(line: &str) -> Option<(u32, &str)> {
    let digits = line.len() - line.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    if digits == 0 || digits > 3 {
        return None;
    }
    let rest = line[digits..].trim_start();
    let first = rest.chars().next()?;
    let lowercase_ok = rest
        .get(..4)
        .is_some_and(|w| w.eq_ignore_ascii_case("ibid") || w == "http");
    if !(first.is_uppercase() || first == '"' || first == '(' || lowercase_ok) {
        return None;
    }
    if line[digits..].starts_with("th ") || line[digits..].starts_with("st ") {
        return None;
    }
    let first_word = rest
        .split(|c: char| !c.is_alphabetic())
        .next()
        .unwrap_or("");
    if is_month_name(first_word) {
        return None;
    }
    Some((line[..digits].parse().ok()?, rest))
}

/// A footnote whose body marker is missing still reads as a citation: a page reference, `Ibid`,
/// a closing year, or the footnote measure.
fn looks_like_citation(line: &str) -> bool {
    let t = line.trim_end();
    let ends_with_year = t
        .trim_end_matches('.')
        .rsplit(' ')
        .next()
        .is_some_and(|w| w.len() == 4 && w.bytes().all(|b| b.is_ascii_digit()));
    t.contains(", p.")
        || t.contains(", pp.")
        || t.contains("Ibid")
        || ends_with_year
        || t.chars().count() >= FOOTNOTE_WRAP_WIDTH
}

/// Whether a footnote line wrapped onto `next` (the note goes on) rather than ended: it is long,
/// or `next`'s first word would not have fitted after it, or it breaks off mid-citation. A page
/// range cut at its hyphen (`pp.187-`) goes on only with a number.
fn footnote_continues(line: &str, next: &str) -> bool {
    let t = line.trim_end();
    let width = t.chars().count();
    let last_word = t.rsplit(' ').next().unwrap_or("");
    let ends_note = (t.ends_with('.') && !is_abbreviation(last_word)) || t.ends_with(')');
    if ends_note {
        return false;
    }
    let range_cut = t
        .strip_suffix('-')
        .is_some_and(|stem| stem.ends_with(|c: char| c.is_ascii_digit()));
    if range_cut && !next.starts_with(|c: char| c.is_ascii_digit()) {
        return false;
    }
    let next_word = next
        .split_whitespace()
        .next()
        .map_or(0, |w| w.chars().count());
    let full = width + 1 + next_word > FOOTNOTE_MEASURE;
    let broken_mid_citation = t.ends_with(['&', ',', ':', ';', '-']) && width >= HARD_BREAK_WIDTH;
    width >= FOOTNOTE_WRAP_WIDTH || full || broken_mid_citation
}

fn is_abbreviation(word: &str) -> bool {
    let w = word.trim_end_matches('.');
    crate::corpus::abbreviations::runs_footnote_on(w)
        || (w.chars().count() == 1 && w.chars().all(char::is_uppercase))
}

/// Rewrites the marker of note `next_ref` (and any that follow on the line) as superscript digits.
/// A marker is a number equal to the expected one, attached to a word or punctuation
/// (`Defence.2`) or set off after punctuation (`communism. 2  Previously`). Borrows the line when
/// it holds no marker, which is most lines.
fn mark_refs<'a>(line: &'a str, next_ref: &mut u32, previous_char: Option<char>) -> Cow<'a, str> {
    let bytes = line.as_bytes();
    // `out` is started lazily, at the first marker; `copied` is how much of `line` it holds.
    let mut out: Option<String> = None;
    let mut copied = 0;
    let mut i = 0;
    while let Some(start) = swar::find_digit(bytes, i) {
        i = start
            + bytes[start..]
                .iter()
                .take_while(|b| b.is_ascii_digit())
                .count();
        let after = line[i..].chars().next();
        let before = line[..start].chars().next_back();
        // `place.26At the` and a marker opening a line (`98Although`) run into the next word.
        let runs_into_word =
            after.is_some_and(char::is_uppercase) && matches!(before, None | Some('.'));
        let after_ok = runs_into_word
            || match after {
                None => true,
                Some(c) if c.is_whitespace() => true,
                Some(',' | ';' | ':' | ')') => true,
                Some('.') => !bytes.get(i + 1).is_some_and(u8::is_ascii_digit),
                _ => false,
            };
        if !after_ok {
            continue;
        }
        let value: u32 = line[start..i].parse().unwrap_or(0);
        let attached = start > 0 && attaches(&line[..start]);
        if !(value == *next_ref || (attached && value == *next_ref + 1)) {
            continue;
        }
        let detached = match before {
            None => previous_char.is_some_and(is_marker_punctuation),
            Some(' ') => line[..start]
                .trim_end_matches(' ')
                .chars()
                .next_back()
                .is_some_and(is_marker_punctuation),
            Some(_) => false,
        } && (after.is_none_or(char::is_whitespace) || runs_into_word);
        // `2 September 1945` is a date, never a marker.
        let next_word = line[i..].trim_start();
        let next_word = &next_word[..next_word
            .find(|c: char| !c.is_alphabetic())
            .unwrap_or(next_word.len())];
        let is_date = is_month_name(next_word);
        if is_date || !(attached || detached) {
            continue;
        }
        let text = out.get_or_insert_with(|| String::with_capacity(line.len() + 8));
        text.push_str(&line[copied..start]);
        if detached {
            text.truncate(text.trim_end_matches(' ').len());
        }
        text.push_str(&to_superscript(value));
        if runs_into_word {
            text.push(' ');
        }
        copied = i;
        *next_ref = value + 1;
    }
    match out {
        Some(mut text) => {
            text.push_str(&line[copied..]);
            Cow::Owned(text)
        }
        None => Cow::Borrowed(line),
    }
}

fn is_marker_punctuation(c: char) -> bool {
    matches!(
        c,
        '.' | ',' | ';' | ':' | ')' | '"' | '\'' | '?' | '!' | '’' | '”'
    )
}

/// Whether a number right after `before` is attached to it as a marker: after a lower-case word
/// or punctuation, but not after an abbreviation such as `Vol.` or `p.`.
fn attaches(before: &str) -> bool {
    let Some(last) = before.chars().next_back() else {
        return false;
    };
    if last.is_lowercase() {
        return true;
    }
    if !is_marker_punctuation(last) {
        return false;
    }
    if last == '.' {
        let stem = &before[..before.len() - 1];
        let word = &stem[stem.rfind(|c: char| !c.is_alphabetic()).map_or(0, |p| {
            p + stem[p..].chars().next().map_or(1, char::len_utf8)
        })..];
        return !crate::corpus::abbreviations::takes_a_number(word);
    }
    true
}

/// Groups body lines into paragraphs and finds the subsection headings between them.
fn paragraphs(body: &[BodyLine], words: &WordSet) -> Vec<RawParagraph> {
    let n = body.len();
    let next_word_len = |i: usize| {
        body.get(i + 1).map_or(0, |b| {
            b.text
                .split_whitespace()
                .next()
                .map_or(0, |w| w.chars().count())
        })
    };
    let hard_break = |i: usize| body[i].width + 1 + next_word_len(i) < HARD_BREAK_WIDTH;
    // Each line's sentence end and paragraph end, computed once: both loops below ask again.
    let sentence_ends: Vec<bool> = body.iter().map(|b| ends_sentence(&b.text)).collect();
    // A line that stops short on a note marker (`… 3:7 system⁴⁵`) ends its paragraph too, when
    // the next line opens with a capital: markers stand at the end of a clause.
    let ends_on_marker = |i: usize| {
        body[i]
            .text
            .trim_end()
            .ends_with(|c: char| super::superscript_digit(c).is_some())
            && hard_break(i)
            && body
                .get(i + 1)
                .is_some_and(|b| b.text.starts_with(char::is_uppercase))
    };
    let paragraph_ends: Vec<bool> = (0..n)
        .map(|i| {
            (sentence_ends[i] && (body[i].trailing_spaces >= 2 || hard_break(i) || i + 1 == n))
                || ends_on_marker(i)
        })
        .collect();
    let text_ends = |i: usize| paragraph_ends[i];

    let mut heading = vec![false; n];
    let mut heading_continues = vec![false; n];
    for i in 0..n {
        let after_break = i == 0 || text_ends(i - 1) || heading[i - 1];
        if !after_break || heading[i] {
            continue;
        }
        let t = body[i].text.trim();
        let looks_like_title = t.starts_with(char::is_uppercase)
            && !t.ends_with(['.', ',', ';', ':'])
            && t.chars().count() < 90
            && !t.chars().any(|c| super::superscript_digit(c).is_some());
        if !looks_like_title {
            continue;
        }
        let next = body.get(i + 1).map(|b| b.text.trim());
        // A title set on its own line: short of the measure, or ended by a hard return.
        let own_line = hard_break(i) || body[i].trailing_spaces >= 2;
        if own_line && next.is_some_and(|nx| nx.starts_with(char::is_uppercase)) {
            heading[i] = true;
        } else if let Some(nx) = next {
            // A two-line heading: a lower-case continuation, itself short, then a paragraph.
            let after = body.get(i + 2).map(|b| b.text.trim());
            if nx.starts_with(char::is_lowercase)
                && nx.chars().count() < 40
                && !ends_sentence(nx)
                && after.is_some_and(|a| a.starts_with(char::is_uppercase))
            {
                heading[i] = true;
                heading[i + 1] = true;
                heading_continues[i + 1] = true;
            }
        }
    }

    let mut out = Vec::new();
    let mut pending_heading: Option<String> = None;
    let mut current: Vec<&str> = Vec::new();
    for i in 0..n {
        if heading[i] {
            let t = body[i].text.trim();
            match (&mut pending_heading, heading_continues[i]) {
                (Some(h), true) => {
                    h.push(' ');
                    h.push_str(t);
                }
                _ => pending_heading = Some(t.to_string()),
            }
            continue;
        }
        current.push(&body[i].text);
        let next_is_heading = heading.get(i + 1).copied().unwrap_or(false);
        // A list item starts its own paragraph after a sentence or a line that stops short.
        let next_is_list_item = (sentence_ends[i] || hard_break(i))
            && body.get(i + 1).is_some_and(|b| is_list_item(&b.text));
        if text_ends(i) || next_is_heading || next_is_list_item || i + 1 == n {
            out.push(RawParagraph {
                opens_subsections: pending_heading.take().into_iter().collect(),
                text: join_lines(current.iter().copied(), words),
            });
            current.clear();
        }
    }
    out
}

/// `1. The committee …` or `a) 17 translators …`: an item of a list quoted in the body.
fn is_list_item(line: &str) -> bool {
    let digits = line.len() - line.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    let numbered = (1..=2).contains(&digits)
        && line[digits..].starts_with(". ")
        && line[digits + 2..].starts_with(char::is_uppercase);
    // `a) 17 translators …`: a lettered sub-item.
    let lettered = matches!(line.as_bytes(), [b'a'..=b'z', b')', b' ', ..]);
    numbered || lettered
}

/// `CCP                Chinese Communist Party`; a line with no column gap continues the one before.
fn parse_glossary(lines: &[&str]) -> Vec<GlossaryEntry> {
    let mut out: Vec<GlossaryEntry> = Vec::new();
    for line in lines {
        let t = line.trim();
        if t.is_empty() {
            continue;
        }
        match t.split_once("  ") {
            Some((term, expansion)) if !term.contains(' ') => out.push(GlossaryEntry {
                term: term.to_string(),
                expansion: expansion.trim().to_string(),
            }),
            _ => {
                if let Some(last) = out.last_mut() {
                    last.expansion.push(' ');
                    last.expansion.push_str(t);
                }
            }
        }
    }
    out
}

/// Bibliography entries under their headings. A heading is a short hard-broken line with no year,
/// no final full stop and every significant word capitalised (a comma only before a closing
/// colon: `The US Department of State, Foreign Relations of the United States (FRUS):`).
/// `Primary …` and `Secondary …` open the top level, a heading ending in a colon (an archive or
/// an agency) is the lowest, anything else sits between.
fn parse_bibliography(lines: &[&str], words: &WordSet) -> Vec<BibliographyEntry> {
    let mut out = Vec::new();
    let mut headings: Vec<(usize, String)> = Vec::new();
    let mut current: Vec<&str> = Vec::new();
    let lines: Vec<&str> = lines
        .iter()
        .map(|l| l.trim_end())
        .filter(|l| !l.trim().is_empty())
        .collect();
    let hard_break = |i: usize| {
        let next_word = lines
            .get(i + 1)
            .and_then(|n| n.split_whitespace().next())
            .map_or(0, |w| w.chars().count());
        lines[i].trim().chars().count() + 1 + next_word < HARD_BREAK_WIDTH
    };
    let has_year = |t: &str| {
        t.as_bytes()
            .windows(4)
            .any(|w| w.iter().all(u8::is_ascii_digit))
    };
    // Whether line i reads as a heading, were it to start an entry.
    let heading_like = |i: usize| {
        let t = lines[i].trim();
        hard_break(i)
            && !has_year(t)
            && !t.ends_with('.')
            && t.chars().count() < 80
            && !t.contains("://")
            && (!t.contains(',') || t.ends_with(':'))
            && every_significant_word_capitalised(t)
    };
    for (i, line) in lines.iter().enumerate() {
        let t = line.trim();
        let is_heading = current.is_empty() && heading_like(i);
        if is_heading {
            let level = if t.starts_with("Primary ") || t.starts_with("Secondary ") {
                1
            } else if t.ends_with(':') {
                3
            } else {
                2
            };
            headings.retain(|(l, _)| *l < level);
            headings.push((level, t.trim_end_matches(':').trim_end().to_string()));
            continue;
        }
        current.push(t);
        // Without a full stop an entry ends only where a complete citation can: at a year, a
        // closing parenthesis, a volume in Roman numerals or a URL. Otherwise the short line
        // is the hanging indent's narrower measure and the entry goes on.
        let last_word = t.rsplit(' ').next().unwrap_or("");
        let complete_without_stop = has_year_at_end(t)
            || t.ends_with(')')
            || (!last_word.is_empty() && last_word.chars().all(|c| "IVXLC".contains(c)))
            || t.contains("://");
        let ends = (t.ends_with('.') && !is_abbreviation(last_word))
            || (complete_without_stop
                && (hard_break(i) || i + 1 < lines.len() && heading_like(i + 1)))
            || i + 1 == lines.len();
        if ends {
            out.push(BibliographyEntry {
                headings: headings.iter().map(|(_, h)| h.clone()).collect(),
                text: join_lines(current.iter().copied(), words),
            });
            current.clear();
        }
    }
    out
}

/// `… 30 Oct 1949`, `… Books, 1971`: the line ends with a four-digit year.
fn has_year_at_end(line: &str) -> bool {
    let digits = line.len() - line.trim_end_matches(|c: char| c.is_ascii_digit()).len();
    digits == 4
}

/// Every word of four letters or more starts with a capital (`BOOKS in English`, `Russian
/// State Archive of Socio-Political History:`); a title cut from an entry has lower-case words.
fn every_significant_word_capitalised(line: &str) -> bool {
    line.split_whitespace()
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()))
        .filter(|w| w.chars().count() >= 4)
        .all(|w| w.starts_with(char::is_uppercase))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words() -> WordSet {
        WordSet::default()
    }

    #[test]
    fn markers_attached_and_set_off() {
        let mut next = 1;
        assert_eq!(
            mark_refs(
                "as Expansionism or Defence.1 Therefore, H. Yang",
                &mut next,
                None
            ),
            "as Expansionism or Defence.¹ Therefore, H. Yang"
        );
        assert_eq!(
            mark_refs(
                "towards communism. 2  Previously, George Kennans",
                &mut next,
                None
            ),
            "towards communism.²  Previously, George Kennans"
        );
        assert_eq!(next, 3);
        // Numbers that are not the next marker stay text.
        assert_eq!(
            mark_refs(
                "548 pages for 216 cases in 1995, Vol.3 and p.3",
                &mut next,
                None
            ),
            "548 pages for 216 cases in 1995, Vol.3 and p.3"
        );
        assert_eq!(
            mark_refs("the 3rd and 25th Army, NSC 3 and 1945.3", &mut next, None),
            "the 3rd and 25th Army, NSC 3 and 1945.³"
        );
    }

    #[test]
    fn a_number_after_an_abbreviation_is_not_a_marker() {
        // Thesis chapter V: the line is the second line of footnote 1, and note 8 is due.
        let mut next = 8;
        let line = "Weathersby, Soviet aim in Korea and the Origins of the Korean War, Working Paper NO.8, Cold War";
        assert_eq!(mark_refs(line, &mut next, None), line);
        assert_eq!(next, 8);
    }

    #[test]
    fn marker_at_line_start_after_punctuation() {
        let mut next = 5;
        assert_eq!(
            mark_refs("5 This was because", &mut next, Some('.')),
            "⁵ This was because"
        );
        let mut next = 5;
        assert_eq!(
            mark_refs("5 September 1945", &mut next, Some('n')),
            "5 September 1945"
        );
    }

    #[test]
    fn footnote_starts() {
        assert_eq!(
            footnote_start("93FRUS, 1945, vol.VI, pp.1145-47."),
            Some((93, "FRUS, 1945, vol.VI, pp.1145-47."))
        );
        assert_eq!(
            footnote_start("7  Weathersby, Soviet aim"),
            Some((7, "Weathersby, Soviet aim"))
        );
        assert_eq!(footnote_start("2 September 1945. Moscow denounced"), None);
        assert_eq!(footnote_start("25th Army, the cipher telegram"), None);
        assert_eq!(footnote_start("1950, it requested urgent supply"), None);
    }

    #[test]
    fn footnotes_leave_the_body_and_paragraph_rejoins() {
        let lines = [
            "Heading of the part",
            "Soviet regime in northern Korea, which became the most important momentum for Korea to",
            "be divided into two, said Stalin.93 After Stalins order, the Soviet military forces rejected any",
            "93FRUS, 1945, vol.VI, pp.1145-47. This footnote runs on long enough that it has to wrap onto a",
            "second line, Seoul: Press, 1990.",
            "exchange with the southern part of Korea.  ",
            "2 September 1945. Moscow denounced the US attitude through the media as a short paragraph.",
        ];
        let (body, notes) = separate_footnotes(&lines, 3, &words());
        // Numbering starts at 1 in a part, so 93 is not a marker here.
        assert!(notes.is_empty());
        assert_eq!(body.len(), 7);

        let lines = [
            "which became the most important momentum for Korea to be divided into two, said Stalin.1 After",
            "1 FRUS, 1945, vol.VI, pp.1145-47. This footnote runs on long enough, in its small type, that it wraps onto a",
            "second line, Seoul: Press, 1990.",
            "Stalins order, the Soviet forces rejected any exchange with the southern part of Korea.  ",
            "2 September 1945. Moscow denounced the US attitude through the media as a short paragraph.",
        ];
        let (body, notes) = separate_footnotes(&lines, 3, &words());
        assert_eq!(notes.len(), 1);
        assert_eq!(notes[0].text, "FRUS, 1945, vol.VI, pp.1145-47. This footnote runs on long enough, in its small type, that it wraps onto a second line, Seoul: Press, 1990.");
        let paragraphs = paragraphs(&body, &words());
        assert_eq!(paragraphs.len(), 2);
        assert!(paragraphs[0].text.contains("Stalin.¹ After Stalins order"));
        assert!(paragraphs[1].text.starts_with("2 September 1945. Moscow"));
    }

    #[test]
    fn footnote_wrap_needs_the_long_measure() {
        let body = "beginning of the Soviet military government.";
        assert!(!footnote_continues("4 Ibid.", body));
        assert!(!footnote_continues(
            "3 Ho Min Yang, Rethinking of Division of Korea 1945-1980, Seoul: Nanam Press, 1993.",
            body
        ));
        assert!(footnote_continues(
            &format!("{}Series in Russian and East European", "x".repeat(80)),
            "Studies, 1993."
        ));
        assert!(!footnote_continues(
            &format!("{}Stanford University Press, 1993.", "x".repeat(80)),
            body
        ));
        // Unpunctuated notes that end short of the measure.
        assert!(!footnote_continues("35 Ree, Socialism, p.91", body));
        assert!(!footnote_continues(
            "1 CIA, The report on the situation in Korea, Oct 1948",
            "Manchuria seemed to trigger Stalin to decide that it was time to take"
        ));
    }

    #[test]
    fn footnote_wraps_when_the_next_word_would_not_fit() {
        // Thesis note I.14: the line is short of the wrap width only because the next word,
        // `Voproca(1945-1948),`, is long.
        assert!(footnote_continues(
            "Moskva, 1951; G.E. Samsonov, Borba Sovetskogo Soyuza za Demokratischeskoe Reshenie Koreyskogo ",
            "Voproca(1945-1948), Moskva, 1952; A.Ya. Sakhnin, Koreyskiy Narod V Borbe za Edinstvo i Nezavisimost,"
        ));
        // Thesis note VI.18.
        assert!(footnote_continues(
            "- August 1953), The Report on Kims visit to Moscow between 30 March 1950 and 25 April 1950 by the ",
            "International Bureau of the Central Committee of the Soviet Communist Party, Moscow: Ministry of Foreign"
        ));
    }

    #[test]
    fn a_page_range_cut_at_its_hyphen_goes_on_only_with_a_number() {
        // Thesis note II.36: the body resumes after the note's last line.
        let note = "36 Sang Yong Choi, The US military government in Korea and Korean Nationalism, Seoul: Nanam, 1989, pp.187-";
        assert!(!footnote_continues(
            note,
            "anti-trusteeship movement in Korea, as it thought that the Korean people would trust Moscow"
        ));
        assert!(footnote_continues(note, "196."));
        assert!(footnote_continues(
            "26 Bruce Cumings, The Origins of the Korean War : Liberation and the Establishment of Separate Regimes 1945-",
            "1947, The Roaring of the Cataract 1947-1950, 2 Vols"
        ));
    }

    #[test]
    fn headings_are_short_hard_broken_lines() {
        let line = |t: &'static str, trailing: usize| BodyLine {
            text: Cow::Borrowed(t),
            width: t.chars().count(),
            trailing_spaces: trailing,
        };
        let body = vec![
            line("created within southern Korea.", 2),
            line("Conclusion", 2),
            line("When the Red Army firstly landed in northern Korea in August 1945, it seemed that Moscow", 1),
            line("had no clear plan.", 2),
            line("Opeka: Stalins plan to establish a Soviet-friendly regime in North Korea through", 1),
            line("domestic power groups", 1),
            line("Moscow had insisted that there was a difference.", 2),
            // Chapter III: a heading as long as the measure, ended by a hard return.
            line("The Change in the Soviet way of controlling the nation-building process in North Korea", 2),
            line("The Soviet internal report mentioned that Moscows role was limited to being a supporter in", 1),
            line("the democratic reform in North Korea.", 1),
        ];
        let p = paragraphs(&body, &words());
        assert_eq!(p.len(), 4);
        assert_eq!(p[1].opens_subsections, ["Conclusion"]);
        assert_eq!(p[2].opens_subsections, ["Opeka: Stalins plan to establish a Soviet-friendly regime in North Korea through domestic power groups"]);
        assert_eq!(p[3].opens_subsections, ["The Change in the Soviet way of controlling the nation-building process in North Korea"]);
    }

    #[test]
    fn list_items_quoted_in_the_body_are_paragraphs() {
        let line = |t: &'static str| BodyLine {
            text: Cow::Borrowed(t),
            width: t.chars().count(),
            trailing_spaces: 1,
        };
        let texts_of = |body: Vec<BodyLine>| -> Vec<String> {
            paragraphs(&body, &words())
                .into_iter()
                .map(|p| p.text)
                .collect()
        };
        // Chapter III, the report of 12 November 1945.
        let body = vec![
            line("1. The number of Korean translators is not sufficient, so this needs to be sorted out."),
            line("a) 17 translators to work for military representatives"),
            line("b) 9 translators for military censorship"),
            line("c) 60 translators for commanders and military representatives in the garrison"),
            line("headquarters in northern Korea province"),
            line("2. There is a shortage of 50 deputy commanders in charge of political matters in the"),
            line("military headquarters so far."),
        ];
        let texts = texts_of(body);
        assert_eq!(texts.len(), 5);
        assert_eq!(texts[3], "c) 60 translators for commanders and military representatives in the garrison headquarters in northern Korea province");
        assert!(texts[4].starts_with("2. There is a shortage"));

        // Chapter I: the last item stops short on its note marker; the body resumes.
        let body = vec![
            line("6. Confiscate lands owned by Japanese or pro-Japanese groups"),
            line("7. Farm rent will be fixed at the rate of 3:7 system⁴⁵"),
            line("As shown above, it repeated Stalins order but included the land reform that was most"),
            line("welcomed by northern Korean people."),
        ];
        let texts = texts_of(body);
        assert_eq!(texts.len(), 3);
        assert_eq!(
            texts[1],
            "7. Farm rent will be fixed at the rate of 3:7 system⁴⁵"
        );
    }

    #[test]
    fn bibliography_headings_nest_and_entries_run_over_short_lines() {
        let lines = [
            "Primary Sources ",
            "Republic of Korea (South Korean Government) ",
            "National Defense Institute: ",
            "The Defense Ministry of South Korea, The Korean War, Seoul: Ministry of Defense, 1954 ",
            "The National Institute of War History in Ministry of Defense:  ",
            "The Korean War, Vol.1, Seoul: Ministry of Defense, 1977. ",
            "Secondary Literature ",
            "JOURNAL in English ",
            "Weathersby, Kathryn, Soviet Aims in Korea and the Origins of the Korean War, 1945-1950: ",
            "New Evidence from Russian Archives, Cold War International ",
            "History Project Working Paper, No.8, Washington D.C.: Woodrow ",
            "Wilson International Centre for Scholars, Nov 1993.  ",
            "To Attack, or Not to Attack?: Stalin, Kim Il Sung and the Prelude to ",
            "War, Cold War International History Project, Washington D.C: ",
            "Woodrow Wilson International Centre for Scholars, 2005.  ",
            "                            The Issue of Kim Il Sungs autonomy over the formation of North  ",
            "Korea, the Korean Political Science Review, Vol. 28, No.2, 1994. ",
        ];
        let entries = parse_bibliography(&lines, &WordSet::default());
        let under: Vec<(String, &str)> = entries
            .iter()
            .map(|e| (e.headings.join(" > "), &e.text[..30]))
            .collect();
        let defense = "Primary Sources > Republic of Korea (South Korean Government)";
        let journals = "Secondary Literature > JOURNAL in English";
        assert_eq!(
            under,
            [
                (
                    format!("{defense} > National Defense Institute"),
                    "The Defense Ministry of South "
                ),
                (
                    format!(
                        "{defense} > The National Institute of War History in Ministry of Defense"
                    ),
                    "The Korean War, Vol.1, Seoul: "
                ),
                (journals.to_string(), "Weathersby, Kathryn, Soviet Ai"),
                (journals.to_string(), "To Attack, or Not to Attack?: "),
                (journals.to_string(), "The Issue of Kim Il Sungs auto"),
            ]
        );
        assert!(entries[2].text.ends_with("Working Paper, No.8, Washington D.C.: Woodrow Wilson International Centre for Scholars, Nov 1993."));
    }

    #[test]
    fn glossary_with_wrapped_expansion() {
        let g = parse_glossary(&[
            "CCP                Chinese Communist Party ",
            "VOKS             Vsesoyuznoe Obschestvo  ",
            "(The All-Union Society) ",
        ]);
        assert_eq!(g.len(), 2);
        assert_eq!(
            g[1].expansion,
            "Vsesoyuznoe Obschestvo (The All-Union Society)"
        );
    }
}
