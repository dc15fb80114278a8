//! The search pane: the query input, ranked notes (or body passages) with matched characters
//! highlighted, and a preview of the selected one (a note's text, its `Ibid.` source and citing
//! sentence; a passage's paragraph).

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span, Text};
use ratatui::widgets::{Block, Borders, Paragraph, Widget, Wrap};

use super::theme::Theme;
use crate::app::geometry::SearchAreas;
use crate::app::state::SearchState;
use crate::app::App;
use crate::corpus::{ends_sentence_at, sentence_around};
use crate::search::{Scope, Target};

pub struct SearchPane<'a> {
    pub app: &'a App,
    pub theme: &'a Theme,
}

impl Widget for SearchPane<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let Some(search) = &self.app.search else {
            return;
        };
        let theme = self.theme;
        if area.height < 4 {
            return;
        }
        let areas = SearchAreas::new(area, search.preview);
        let scope = search.query.scope;
        let label = Span::styled(format!(" Search {}: ", scope.name()), theme.status_mode);
        let label_width = label.width() as u16;
        label.render(areas.query, buf);
        let input = Rect::new(
            area.x + label_width + 1,
            area.y,
            area.width.saturating_sub(label_width + 1),
            1,
        );
        search.input.render(input, buf);
        let total = search.index.count_in(scope);
        let what = match scope {
            Scope::Notes => "notes",
            Scope::Body => "paragraphs",
            Scope::All => "notes and paragraphs",
        };
        let near_misses = search.hits.first().is_some_and(|h| h.lacks.is_some());
        // Search opens on the notes while the text is still being indexed.
        let text_pending = !search.index.body_indexed && scope != Scope::Notes;
        let count = if text_pending {
            " The text is still being indexed: its paragraphs are searched once it is…".to_string()
        } else if search.ranking {
            format!(" ranking {total} {what}…")
        } else if near_misses {
            format!(
                " None of {total} {what} has every word · {} lack one (marked −word)",
                search.hits.len()
            )
        } else {
            let matches = search.hits.iter().filter(|h| h.is_match()).count();
            match search.hits.len() - matches {
                0 => format!(" {matches} of {total} {what}"),
                1 => format!(
                    " {matches} of {total} {what} · 1 more cites the same document (marked =note)"
                ),
                more => format!(
                    " {matches} of {total} {what} · {more} more cite the same documents (marked =note)"
                ),
            }
        };
        // (Cut with an ellipsis, as a result row is, on a narrow terminal.)
        let count = super::fit(&count, areas.count.width as usize);
        Line::styled(count, theme.dim).render(areas.count, buf);
        self.results(search, areas.list, buf);
        if search.preview {
            self.preview(search, areas.preview, buf);
        }
    }
}

/// One result as the list shows it.
struct ResultRow<'t> {
    /// Its place in the hits.
    row: usize,
    label: String,
    /// The note, or the passage of a paragraph.
    text: &'t str,
    /// Char indices into `text` the query matched.
    matched: Vec<usize>,
    /// What a near miss lacks, or which match's document a note brought by it cites.
    mark: Option<String>,
}

impl SearchPane<'_> {
    fn results(&self, search: &SearchState, area: Rect, buf: &mut Buffer) {
        let theme = self.theme;
        let height = area.height as usize;
        // Kept by `update` so the selection stays in view; clamped in case the list changed.
        let offset = search.offset.min(search.hits.len().saturating_sub(1));
        let rows: Vec<ResultRow> = search
            .hits
            .iter()
            .enumerate()
            .skip(offset)
            .take(height)
            .map(|(row, hit)| {
                let entry = &search.index.entries[hit.entry];
                let doc = &self.app.corpus.documents[entry.doc];
                let matched = search
                    .searcher
                    .matched_chars(&search.index, entry, &search.query);
                let mark = match (hit.lacks, hit.same_document_as) {
                    (Some(i), _) => Some(format!(
                        "−{}",
                        search.query.requirement_label(usize::from(i))
                    )),
                    (None, Some(through)) => {
                        let through = &search.index.entries[through as usize];
                        let doc = &self.app.corpus.documents[through.doc];
                        through.note().map(|n| format!("={}", doc.note_id(n)))
                    }
                    (None, None) => None,
                };
                match entry.target {
                    Target::Note(n) => ResultRow {
                        row,
                        label: doc.note_id(n),
                        text: doc.notes[n].text.as_str(),
                        matched,
                        mark,
                    },
                    Target::Paragraph(p) => {
                        let (sentence, first) = passage(&doc.paragraphs[p].text, &matched);
                        ResultRow {
                            row,
                            label: paragraph_label(doc, entry.part, p),
                            text: sentence,
                            matched: matched
                                .iter()
                                .filter_map(|i| i.checked_sub(first))
                                .collect(),
                            mark,
                        }
                    }
                }
            })
            .collect();
        // The label column fits the longest name on screen, up to a third of the width.
        let label_width = rows
            .iter()
            .map(|r| r.label.chars().count())
            .max()
            .unwrap_or(0)
            .min(area.width as usize / 3);
        for ResultRow {
            row,
            label,
            text,
            matched,
            mark,
        } in rows
        {
            let label = super::fit(&label, label_width);
            // The selection marks the label column only: moving it redraws two short runs.
            let label = if row == search.selected {
                Span::styled(format!("›{label:<label_width$} "), theme.cursor_focused)
            } else {
                Span::styled(format!(" {label:<label_width$} "), theme.note_ref)
            };
            let mut spans = vec![label];
            let mut room = (area.width as usize).saturating_sub(label_width + 2);
            // A near miss says what it lacks before its text; a note brought by a match's
            // document, which match.
            if let Some(mark) = mark {
                let marker = super::fit(&format!("{mark} "), room / 3);
                room = room.saturating_sub(unicode_width::UnicodeWidthStr::width(marker.as_str()));
                spans.push(Span::styled(marker, theme.dim));
            }
            // A match past the row's end is brought on screen: the row starts at the work
            // or sentence holding it (`… APRF, …, F.45`), marked as cut.
            let (text, matched) = match row_start(text, &matched, room) {
                0 => (text, matched),
                start => {
                    spans.push(Span::styled("…", theme.dim));
                    room = room.saturating_sub(1);
                    let byte = crate::corpus::char_to_byte(text, start);
                    let shifted = matched
                        .iter()
                        .filter_map(|i| i.checked_sub(start))
                        .collect();
                    (&text[byte..], shifted)
                }
            };
            spans.extend(highlighted(text, &matched, room, theme));
            let y = area.y + (row - offset) as u16;
            Line::from(spans).render(Rect::new(area.x, y, area.width, 1), buf);
        }
        if search.hits.is_empty() {
            // The notes are searched unless the query says otherwise: say where else to look.
            let message = if search.query.scope == crate::search::Scope::Notes {
                "  No note matches every word · in:body searches the text, in:all both."
            } else if !search.index.body_indexed {
                "  The text's paragraphs are listed here once they are indexed."
            } else {
                "  Nothing matches every word."
            };
            Line::styled(message, theme.dim).render(area, buf);
        }
    }

    fn preview(&self, search: &SearchState, area: Rect, buf: &mut Buffer) {
        let theme = self.theme;
        let mut block = Block::default()
            .borders(Borders::TOP)
            .border_style(theme.border);
        let Some(entry) = search.selected_entry() else {
            block.render(area, buf);
            return;
        };
        let doc = &self.app.corpus.documents[entry.doc];
        let lines = match entry.target {
            Target::Note(n) => {
                let note = &doc.notes[n];
                block = block.title(Span::styled(format!(" {} ", doc.note_id(n)), theme.title));
                // As the popup shows it: emphasis in italics.
                let mut lines = vec![super::popup::note_line(note, theme)];
                if let Some(t) = doc.ibid_of(n) {
                    lines.push(Line::styled(
                        format!("Ibid. repeats {}: {}", doc.note_id(t), doc.notes[t].text),
                        theme.dim,
                    ));
                }
                if let Some(anchor) = note.anchor {
                    let text = &doc.paragraphs[anchor.paragraph].text;
                    lines.push(Line::from(vec![
                        Span::styled("Cited in: ", theme.title),
                        Span::styled(sentence_around(text, anchor.offset), theme.dim),
                    ]));
                }
                lines
            }
            Target::Paragraph(p) => {
                let label = format!(
                    " {} · {} · paragraph {} ",
                    doc.meta.id,
                    doc.parts[entry.part].key,
                    p + 1 - doc.parts[entry.part].paragraphs.start
                );
                block = block.title(Span::styled(label, theme.title));
                let matched = search
                    .searcher
                    .matched_chars(&search.index, entry, &search.query);
                let text = &doc.paragraphs[p].text;
                vec![Line::from(highlighted(text, &matched, usize::MAX, theme))]
            }
        };
        Paragraph::new(Text::from(lines))
            .wrap(Wrap { trim: true })
            .block(block)
            .render(area, buf);
    }
}

/// `thesis IV ¶12`, `article §3 ¶10`: a paragraph counted within its part, the part by its key
/// when that is short (a chapter's numeral) or else by its place.
fn paragraph_label(doc: &crate::corpus::Document, part: usize, paragraph: usize) -> String {
    let p = &doc.parts[part];
    let key = if p.key.chars().count() <= 5 {
        p.key.clone()
    } else {
        format!("§{}", part + 1)
    };
    format!(
        "{} {key} ¶{}",
        doc.meta.id,
        paragraph + 1 - p.paragraphs.start
    )
}

/// The sentence of a paragraph that holds its first match, and the char offset it starts at.
fn passage<'t>(text: &'t str, matched: &[usize]) -> (&'t str, usize) {
    let sentence = sentence_around(text, matched.first().copied().unwrap_or(0));
    let start_byte = sentence.as_ptr() as usize - text.as_ptr() as usize;
    (sentence, text[..start_byte].chars().count())
}

/// The char a result row starts at so that as much of what matched as fits shows in `room`
/// chars, with as much as can be of what comes before it: 0 when the row shows it from the
/// start, else the earliest word that does, or a little further on the start of a cited work
/// (after `; `), sentence or part of a citation (after `, `) that does too
/// (`…The Telegram from Shtykov to Stalin, 27 Aug 1949` rather than the long name of the
/// collection every such note opens with).
fn row_start(text: &str, matched: &[usize], room: usize) -> usize {
    if matched.is_empty() {
        return 0;
    }
    // Room to read a little past a match, unless the row shows the note's end.
    const AFTER: usize = 8;
    let length = text.chars().count();
    let shown = |start: usize| {
        let end = if start + room >= length {
            length
        } else {
            // (A row cut short ends in "…", which takes a char of the room.)
            (start + room).saturating_sub(1 + AFTER)
        };
        matched.partition_point(|&i| i < end) - matched.partition_point(|&i| i < start)
    };
    let last = matched.last().copied().unwrap_or(0);
    // Word starts up to the last match, each with what it starts: a work or sentence
    // (`Start::Work`), a part of a citation, or only a word.
    let mut words = vec![(0, Start::Work)];
    let mut previous = None;
    for (at, (byte, c)) in text.char_indices().enumerate() {
        if at > last {
            break;
        }
        if c == ' ' {
            let boundary = match previous {
                Some(';') => Start::Work,
                Some('.') if ends_sentence_at(text, byte - 1) => Start::Work,
                Some(',') => Start::Part,
                _ => Start::Word,
            };
            words.push((at + 1, boundary));
        }
        previous = Some(c);
    }
    let most = words.iter().map(|&(w, _)| shown(w)).max().unwrap_or(0);
    let earliest = words
        .iter()
        .map(|&(w, _)| w)
        .find(|&w| shown(w) == most)
        .unwrap_or(0);
    let near = |kind: Start| {
        words.iter().find(|&&(w, start)| {
            start == kind && (earliest..=earliest + room / 3).contains(&w) && shown(w) == most
        })
    };
    near(Start::Work)
        .or_else(|| near(Start::Part))
        .map_or(earliest, |&(w, _)| w)
}

/// What a word of a result row starts.
#[derive(Clone, Copy, PartialEq)]
enum Start {
    Work,
    Part,
    Word,
}

/// The first `room` chars of `text` as spans, matched chars highlighted.
/// A cut is marked with "…".
fn highlighted<'t>(text: &'t str, matched: &[usize], room: usize, theme: &Theme) -> Vec<Span<'t>> {
    let mut spans = Vec::new();
    let mut run_start = 0;
    let mut run_matched = false;
    let mut end = text.len();
    let cut = text.chars().nth(room).is_some();
    let room = if cut { room.saturating_sub(1) } else { room };
    for (count, (i, _)) in text.char_indices().enumerate() {
        if count == room {
            end = i;
            break;
        }
        let is_match = matched.binary_search(&count).is_ok();
        if is_match != run_matched && i > run_start {
            let style = if run_matched { theme.hit } else { theme.text };
            spans.push(Span::styled(&text[run_start..i], style));
            run_start = i;
        }
        if is_match != run_matched {
            run_start = i;
        }
        run_matched = is_match;
    }
    if run_start < end {
        let style = if run_matched { theme.hit } else { theme.text };
        spans.push(Span::styled(&text[run_start..end], style));
    }
    if cut {
        spans.push(Span::styled("…", theme.dim));
    }
    spans
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_row_starts_where_most_of_the_match_shows_with_what_comes_before() {
        let note = "Chinese Central Literature Research Centre, The writing by Mao Zedong, Vol. 1, \
                    p. 12; APRF, Telegram from Stalin to Mao, 5 July 1950, F.45, OP.1, D.334, p.79.";
        let at = |s: &str| note[..note.find(s).unwrap()].chars().count();
        let f45: Vec<usize> = (at("F.45")..at("F.45") + 4).collect();
        // Shown from the start when the match fits.
        assert_eq!(row_start(note, &f45, 200), 0);
        // Else from the work that holds it, if that leaves room to read on past the match.
        assert_eq!(row_start(note, &f45, 70), at("APRF"));
        // Else from the part of it with most before the match.
        assert_eq!(row_start(note, &f45, 60), at("Telegram"));
        // Else from the earliest word that leaves that room.
        assert_eq!(row_start(note, &f45, 24), at("July 1950"));
        // Every match of `shtykov telegram 1949` rather than the collection's long name, which
        // five such notes open with alike.
        let ifans = "Institute of Foreign Affairs and National Security, The Telegram from \
                     Shtykov to Stalin, 27 Aug 1949.";
        let at = |s: &str| ifans[..ifans.find(s).unwrap()].chars().count();
        let words: Vec<usize> = [("Telegram", 8), ("Shtykov", 7), ("1949", 4)]
            .iter()
            .flat_map(|&(w, n)| at(w)..at(w) + n)
            .collect();
        assert_eq!(row_start(ifans, &words, 64), at("The Telegram"));
        let prose = "A sentence with no break in it before the name Stalin comes";
        let stalin: Vec<usize> = (47..53).collect();
        assert_eq!(
            &prose[row_start(prose, &stalin, 30)..],
            "before the name Stalin comes"
        );
        assert_eq!(row_start(note, &[], 10), 0);
    }

    #[test]
    fn highlighting_follows_char_indices() {
        let theme = Theme::monochrome();
        let spans = highlighted("Shtykov to Vyshinsky", &[0, 1, 2], 12, &theme);
        let parts: Vec<(&str, bool)> = spans
            .iter()
            .map(|s| (s.content.as_ref(), s.style == theme.hit))
            .collect();
        assert_eq!(
            parts,
            vec![("Sht", true), ("ykov to ", false), ("…", false)]
        );
    }
}
