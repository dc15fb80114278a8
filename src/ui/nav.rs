//! The contents tree: documents, their parts and subsections, with note counts. The entry being
//! read is marked; the cursor is highlighted when the pane has focus.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Widget};

use super::theme::Theme;
use crate::app::{App, Focus, NavItem};

pub struct Nav<'a> {
    pub app: &'a App,
    pub theme: &'a Theme,
}

impl Widget for Nav<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let app = self.app;
        let focused = app.focus == Focus::Nav;
        let block = Block::default()
            .borders(Borders::RIGHT)
            .border_style(if focused {
                self.theme.border_focused
            } else {
                self.theme.border
            })
            .title(Span::styled(" Contents ", self.theme.title));
        let inner = block.inner(area);
        block.render(area, buf);
        let items = app.nav_items();
        let height = inner.height as usize;
        // Keep the cursor in the middle third once the list is longer than the pane.
        let offset = crate::app::geometry::nav_offset(app.nav.cursor, height, items.len());
        let here = (app.reader.doc, app.current_part());
        for (i, item) in items.iter().enumerate().skip(offset).take(height) {
            let (indent, marker, label, count, is_here) = self.describe(*item, here);
            let cursor_style = if i == app.nav.cursor {
                Some(if focused {
                    self.theme.cursor_focused
                } else {
                    self.theme.cursor_unfocused
                })
            } else {
                None
            };
            let count_text = count.map(|c| format!(" {c}")).unwrap_or_default();
            let width = inner.width as usize;
            let label_room = width.saturating_sub(indent + 2 + count_text.chars().count());
            let label: String = truncate(&label, label_room);
            let pad = width.saturating_sub(indent + 2 + label.chars().count() + count_text.len());
            let base = if is_here {
                self.theme.here
            } else {
                self.theme.text
            };
            let mut line = Line::from(vec![
                Span::raw(" ".repeat(indent)),
                Span::styled(format!("{marker} "), self.theme.dim),
                Span::styled(label, base),
                Span::raw(" ".repeat(pad)),
                Span::styled(count_text, self.theme.dim),
            ]);
            if let Some(style) = cursor_style {
                line = line.patch_style(style);
            }
            let y = inner.y + (i - offset) as u16;
            line.render(Rect::new(inner.x, y, inner.width, 1), buf);
        }
    }
}

impl Nav<'_> {
    /// Indent, marker, label, note count and whether the reader is there.
    fn describe(
        &self,
        item: NavItem,
        here: (usize, usize),
    ) -> (usize, &'static str, String, Option<usize>, bool) {
        let corpus = &self.app.corpus;
        let nav = &self.app.nav;
        match item {
            NavItem::Document(d) => {
                let doc = &corpus.documents[d];
                let marker = if nav.expanded_docs.contains(&d) {
                    "▾"
                } else {
                    "▸"
                };
                let label = format!("{} ({})", doc.meta.title, doc.meta.author);
                (0, marker, label, Some(doc.notes.len()), here.0 == d)
            }
            NavItem::Part(d, p) => {
                let doc = &corpus.documents[d];
                let part = &doc.parts[p];
                let marker = if part.subsections.is_empty() {
                    "·"
                } else if nav.expanded_parts.contains(&(d, p)) {
                    "▾"
                } else {
                    "▸"
                };
                let notes = doc.notes_in_part(p);
                (
                    1,
                    marker,
                    part.numbered_title(),
                    Some(notes),
                    here == (d, p),
                )
            }
            NavItem::Subsection(d, p, s) => {
                let title = corpus.documents[d].parts[p].subsections[s].title.clone();
                (3, "-", title, None, false)
            }
        }
    }
}

fn truncate(s: &str, room: usize) -> String {
    if s.chars().count() <= room {
        return s.to_string();
    }
    let mut out: String = s.chars().take(room.saturating_sub(1)).collect();
    out.push('…');
    out
}
