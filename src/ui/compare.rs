//! A day both texts date, side by side (`=` in the timeline): the article's sentences on the
//! left, the thesis's on the right (stacked below 120 columns), the notes each cites, and the
//! pairs of notes that cite one document, with both readings where they differ.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span, Text};
use ratatui::widgets::{Paragraph, Widget, Wrap};

use super::fit;
use super::theme::Theme;
use crate::app::App;
use crate::timeline::{Account, BothDay, Origin};

/// Below this width the two accounts are stacked rather than side by side.
pub const SIDE_BY_SIDE: u16 = 120;

pub struct CompareView<'a> {
    pub app: &'a App,
    pub theme: &'a Theme,
}

impl Widget for CompareView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let Some(t) = self.app.timeline.as_ref() else {
            return;
        };
        let Some((date, sides)) = t.compare.and_then(|i| t.both.get(i)) else {
            return;
        };
        let theme = self.theme;
        let day = crate::timeline::both_day(&self.app.corpus, &t.events, *date, sides);
        let position = t.compare.map_or(0, |i| i + 1);
        let header = format!(
            " {} in both texts · day {position} of {} · ] [ next/previous day · esc back",
            day.date,
            t.both.len()
        );
        Line::styled(fit(&header, area.width as usize), theme.title).render(
            Rect::new(area.x, area.y, area.width, 1.min(area.height)),
            buf,
        );
        let body = Rect::new(
            area.x,
            area.y + 1.min(area.height),
            area.width,
            area.height.saturating_sub(1),
        );
        let same = self.same_lines(&day);
        let scroll = t.compare_scroll;
        if area.width >= SIDE_BY_SIDE {
            let same_height = (same.len() as u16).min(body.height / 3);
            let columns_height = body.height.saturating_sub(same_height);
            let half = body.width.saturating_sub(1) / 2;
            let left = Rect::new(body.x, body.y, half, columns_height);
            let right = Rect::new(
                body.x + half + 1,
                body.y,
                body.width - half - 1,
                columns_height,
            );
            for y in left.y..left.bottom() {
                buf[(body.x + half, y)].set_symbol(if self.app.ascii { "|" } else { "│" });
            }
            self.account(&day.accounts[0], scroll, left, buf);
            self.account(&day.accounts[1], scroll, right, buf);
            let rest = Rect::new(body.x, body.y + columns_height, body.width, same_height);
            Paragraph::new(Text::from(same))
                .wrap(Wrap { trim: false })
                .render(rest, buf);
        } else {
            let mut lines = self.account_lines(&day.accounts[0]);
            lines.push(Line::default());
            lines.extend(self.account_lines(&day.accounts[1]));
            lines.push(Line::default());
            lines.extend(same);
            Paragraph::new(Text::from(lines))
                .wrap(Wrap { trim: false })
                .scroll((scroll, 0))
                .render(body, buf);
        }
    }
}

impl CompareView<'_> {
    fn account_lines(&self, account: &Account) -> Vec<Line<'static>> {
        let theme = self.theme;
        let title = self.app.corpus.document(&account.doc).map_or_else(
            || account.doc.clone(),
            |d| format!("{} ({})", d.meta.id, d.meta.author),
        );
        let mut lines = vec![Line::styled(title, theme.part_title)];
        for e in &account.events {
            let origin = if e.origin == Origin::Note {
                "note: "
            } else {
                ""
            };
            lines.push(Line::from(vec![
                Span::styled("• ", theme.here),
                Span::styled(format!("{origin}{}", e.text), theme.text),
            ]));
            if !e.notes.is_empty() {
                lines.push(Line::styled(
                    format!("  cites {}", e.notes.join(", ")),
                    theme.note_ref,
                ));
            }
        }
        lines
    }

    fn account(&self, account: &Account, scroll: u16, area: Rect, buf: &mut Buffer) {
        Paragraph::new(Text::from(self.account_lines(account)))
            .wrap(Wrap { trim: false })
            .scroll((scroll, 0))
            .render(area, buf);
    }

    fn same_lines(&self, day: &BothDay) -> Vec<Line<'static>> {
        let theme = self.theme;
        if day.same_document.is_empty() {
            return vec![Line::styled(
                "No note on one side cites a document a note on the other side cites.",
                theme.dim,
            )];
        }
        day.same_document
            .iter()
            .map(|p| {
                let readings = p
                    .readings
                    .as_ref()
                    .map(|[a, b]| format!(" (readings differ: {a} / {b})"))
                    .unwrap_or_default();
                Line::styled(
                    format!("Same document: {} and {}{readings}", p.notes[0], p.notes[1]),
                    theme.title,
                )
            })
            .collect()
    }
}
