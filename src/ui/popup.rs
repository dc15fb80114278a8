//! The note popup: the note's full text, the note an `Ibid.` repeats, and the sentence that
//! cites it.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span, Text};
use ratatui::widgets::{Block, Borders, Clear, Padding, Paragraph, Widget, Wrap};
use unicode_width::UnicodeWidthStr;

use super::theme::Theme;
use crate::app::{App, Command};
use crate::corpus::dates::PartialDate;
use crate::corpus::{sentence_around, Note};
use crate::keymap::Context;

pub struct NotePopupView<'a> {
    pub app: &'a App,
    pub theme: &'a Theme,
}

/// Where the popup goes and what it holds: its lines, box, and how far they scroll.
struct PopupLayout<'a> {
    paragraph: Paragraph<'a>,
    rect: Rect,
    /// Wrapped lines of content, and how many the box shows.
    content_height: u16,
    visible: u16,
    /// Whether other notes cite the same document (so `o` has somewhere to go).
    cited_elsewhere: bool,
}

impl PopupLayout<'_> {
    /// The furthest the content scrolls: its last line at the bottom edge.
    fn max_scroll(&self) -> u16 {
        self.content_height.saturating_sub(self.visible)
    }
}

/// How far the open popup can scroll, for `update` to keep its position in range.
pub fn max_scroll(app: &App, area: Rect) -> u16 {
    // Too small a screen draws no popup (`App::areas`).
    if app.areas().is_none() {
        return 0;
    }
    let theme = Theme::new(app.monochrome);
    layout(app, &theme, area).map_or(0, |l| l.max_scroll())
}

fn layout<'a>(app: &'a App, theme: &Theme, area: Rect) -> Option<PopupLayout<'a>> {
    let popup = app.popup.as_ref()?;
    let doc = &app.corpus.documents[popup.doc];
    let note = &doc.notes[popup.note];
    let mut lines = vec![note_line(note, theme)];
    // The archival documents the note cites, as the model read them.
    let cited = doc
        .citations()
        .get(popup.note)
        .map_or(&[][..], Vec::as_slice);
    let documents: Vec<Line> = cited
        .iter()
        .filter(|w| w.archive.is_some() && w.is_document())
        .map(|w| {
            let mut said = vec![w.reference()];
            // (A letter dated by its volume's year alone says the year once.)
            let year_alone = |d: &PartialDate| d.month.is_none() && Some(d.year) == w.frus_year;
            said.extend(w.date.filter(|d| !year_alone(d)).map(|d| d.to_string()));
            said.extend(w.correspondents());
            said.extend(w.kind.map(|k| k.words().to_string()));
            Line::styled(format!("Source: {}", said.join(" · ")), theme.dim)
        })
        .collect();
    if !documents.is_empty() {
        lines.push(Line::default());
        lines.extend(documents);
    }
    if let Some(target) = doc.repeats(popup.note) {
        let t = &doc.notes[target];
        let says = if doc.ibid_of(popup.note).is_some() {
            "Ibid. repeats"
        } else {
            "Short form of"
        };
        lines.push(Line::default());
        lines.push(Line::styled(
            format!("{says} {}:", doc.note_id(target)),
            theme.title,
        ));
        lines.push(note_line(t, theme));
    }
    // Drawing never waits for the background build to link the sources.
    let (same, conflicts) = if app.sources_linked() {
        crate::sources::same_document(&app.corpus, popup.doc, popup.note)
    } else {
        lines.push(Line::default());
        lines.push(Line::styled(App::SOURCES_PENDING, theme.dim));
        (Vec::new(), Vec::new())
    };
    if !same.is_empty() {
        let others: Vec<String> = same.iter().map(crate::sources::CitingNote::label).collect();
        lines.push(Line::default());
        lines.push(Line::styled("Same document also cited in:", theme.title));
        lines.push(Line::styled(note_list(&others), theme.note_ref));
        for c in conflicts {
            lines.push(Line::styled(format!("Readings differ: {c}"), theme.dim));
        }
    }
    // (A book or article cited whole: the other notes citing it, in either text.)
    let same_work = if app.sources_linked() {
        crate::sources::same_work(&app.corpus, popup.doc, popup.note)
    } else {
        Vec::new()
    };
    if !same_work.is_empty() {
        let ids: Vec<String> = same_work
            .iter()
            .map(|&(d, n)| app.corpus.documents[d].note_id(n))
            .collect();
        lines.push(Line::default());
        lines.push(Line::styled("Same work also cited in:", theme.title));
        lines.push(Line::styled(note_list(&ids), theme.note_ref));
    }
    let cited_elsewhere = !same.is_empty() || !same_work.is_empty();
    if let Some(anchor) = note.anchor {
        let text = &doc.paragraphs[anchor.paragraph].text;
        lines.push(Line::default());
        lines.push(Line::styled("Cited in:", theme.title));
        lines.push(Line::styled(
            sentence_around(text, anchor.offset).to_string(),
            theme.dim,
        ));
    }
    let width = area.width.saturating_sub(4).min(84);
    let paragraph = Paragraph::new(Text::from(lines)).wrap(Wrap { trim: false });
    // Borders and a column of padding on each side.
    let content_height = paragraph.line_count(width.saturating_sub(4)) as u16;
    let height = (content_height + 2)
        .min(area.height.saturating_sub(2))
        .max(3);
    let rect = Rect::new(
        area.x + (area.width - width) / 2,
        area.y + (area.height.saturating_sub(height)) / 2,
        width,
        height,
    );
    Some(PopupLayout {
        paragraph,
        rect,
        content_height,
        visible: height.saturating_sub(2),
        cited_elsewhere,
    })
}

impl Widget for NotePopupView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let (Some(popup), Some(layout)) = (&self.app.popup, layout(self.app, self.theme, area))
        else {
            return;
        };
        let doc = &self.app.corpus.documents[popup.doc];
        let theme = self.theme;
        let keymap = &self.app.keymap;
        let keys = |c: Command| keymap.keys_for(Context::Popup, c);
        let hint =
            |c: Command, what: &str| keys(c).map(|k| format!(" {k} {what} ")).unwrap_or_default();
        // A note longer than the box scrolls: the border says how much more there is, and
        // which keys move.
        let scroll = popup.scroll.min(layout.max_scroll());
        let mut more = String::new();
        if layout.max_scroll() > 0 {
            let (up, down) = if self.app.ascii {
                ("^", "v")
            } else {
                ("↑", "↓")
            };
            let below = layout.max_scroll() - scroll;
            let lines = if below == 1 { "line" } else { "lines" };
            more = match (scroll > 0, below > 0) {
                (true, true) => format!(" {up}{down} {below} more {lines} "),
                (false, true) => format!(" {down} {below} more {lines} "),
                _ => format!(" {up} end "),
            };
        }
        // The keys in the order shown, each with how readily it gives way where the border is
        // too narrow for all (the scroll keys first: the count above still says there is more).
        let mut hints: Vec<(u8, String)> = Vec::new();
        if layout.max_scroll() > 0 {
            if let (Some(d), Some(u)) = (keys(Command::Down), keys(Command::Up)) {
                hints.push((4, format!(" {d}/{u} scroll ")));
            }
        }
        hints.push((0, hint(Command::Close, "close")));
        if doc.repeats(popup.note).is_some() {
            hints.push((2, hint(Command::FollowIbid, "open full citation")));
        }
        if layout.cited_elsewhere {
            hints.push((1, hint(Command::FollowSameDocument, "next citing")));
        }
        hints.push((3, hint(Command::Copy, "copy")));
        let room = usize::from(layout.rect.width.saturating_sub(2)).saturating_sub(more.width());
        while hints.iter().map(|(_, h)| h.width()).sum::<usize>() > room {
            let Some(at) = (0..hints.len())
                .filter(|&i| hints[i].0 > 0)
                .max_by_key(|&i| hints[i].0)
            else {
                break;
            };
            hints.remove(at);
        }
        let hints: String = hints.into_iter().map(|(_, h)| h).collect();
        let block = Block::default()
            .borders(Borders::ALL)
            .padding(Padding::horizontal(1))
            .border_style(theme.border_focused)
            .title(Span::styled(
                format!(" {} ", doc.note_id(popup.note)),
                theme.title,
            ))
            .title_bottom(Line::styled(more, theme.dim).left_aligned())
            .title_bottom(Line::styled(hints, theme.dim).right_aligned());
        Clear.render(layout.rect, buf);
        layout
            .paragraph
            .block(block)
            .scroll((scroll, 0))
            .render(layout.rect, buf);
    }
}

/// Notes as the popup lists them: a library's hundreds cut to the first few and the rest
/// counted, so the citing sentence below stays a few lines away (the round key visits all).
fn note_list(labels: &[String]) -> String {
    const SHOWN: usize = 30;
    match labels.get(SHOWN..) {
        Some(rest) if !rest.is_empty() => {
            format!("{} … and {} more", labels[..SHOWN].join(", "), rest.len())
        }
        _ => labels.join(", "),
    }
}

/// A note's text with its emphasis in italics (the popup and the search preview).
pub fn note_line<'a>(note: &'a Note, theme: &Theme) -> Line<'a> {
    if note.emphasis.is_empty() {
        return Line::styled(note.text.as_str(), theme.text);
    }
    let mut spans = Vec::new();
    let mut last = 0;
    let byte = |c: usize| crate::corpus::char_to_byte(&note.text, c);
    for e in &note.emphasis {
        let (start, end) = (byte(e.start).max(last), byte(e.end));
        if start > last {
            spans.push(Span::styled(&note.text[last..start], theme.text));
        }
        if end > start {
            spans.push(Span::styled(&note.text[start..end], theme.emphasis));
        }
        last = end.max(last);
    }
    spans.push(Span::styled(&note.text[last..], theme.text));
    Line::from(spans)
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_librarys_hundreds_of_citing_notes_are_cut_and_counted() {
        let ids: Vec<String> = (1..=1500).map(|n| format!("article-{n:03}:87")).collect();
        let listed = super::note_list(&ids);
        assert!(
            listed.starts_with("article-001:87, article-002:87, "),
            "{listed}"
        );
        assert!(
            listed.ends_with("article-030:87 … and 1470 more"),
            "{listed}"
        );
        // The texts' own lists (27 at most) are whole.
        let few = &ids[..27];
        assert_eq!(super::note_list(few), few.join(", "));
    }
}
