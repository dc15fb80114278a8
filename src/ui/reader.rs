//! The reader: a header with document and chapter, then the visible slice of the laid-out
//! document with emphasis, note references, the selected reference and find hits styled.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;

use super::theme::Theme;
use crate::app::geometry::ReaderAreas;
use crate::app::wrap::{BlockKind, DocLayout, SpanKind};
use crate::app::App;

pub struct Reader<'a> {
    pub app: &'a App,
    pub theme: &'a Theme,
}

impl Widget for Reader<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let areas = ReaderAreas::new(area);
        let app = self.app;
        let Some(layout) = app.layout() else {
            return;
        };
        let doc = &app.corpus.documents[app.reader.doc];
        let part = &doc.parts[app.current_part()];
        let header = Line::from(vec![
            Span::styled(format!(" {} ", doc.meta.title), self.theme.title),
            Span::styled(format!("· {}", part.title), self.theme.dim),
        ]);
        header.render(areas.header, buf);
        let top = app.top_row();
        for (i, row_index) in (top..layout.rows.len())
            .take(areas.column.height as usize)
            .enumerate()
        {
            let row_area = Rect::new(
                areas.column.x,
                areas.column.y + i as u16,
                areas.column.width,
                1,
            );
            self.row(layout, row_index).render(row_area, buf);
        }
    }
}

impl Reader<'_> {
    /// One display row as styled spans: the block's base style, then emphasis, references,
    /// find hits and the selected reference layered over it.
    fn row<'l>(&self, layout: &'l DocLayout, row_index: usize) -> Line<'l> {
        let row = &layout.rows[row_index];
        if row.bytes.is_empty() {
            return Line::default();
        }
        let block = &layout.blocks[row.block];
        let base = match block.kind {
            BlockKind::PartTitle { .. } => self.theme.part_title,
            BlockKind::SubsectionTitle { .. } => self.theme.subsection_title,
            BlockKind::Paragraph { .. } => self.theme.text,
        };
        let mut marks: Vec<(std::ops::Range<usize>, Style)> = Vec::new();
        for (i, span) in block.spans.iter().enumerate() {
            if span.bytes.end <= row.bytes.start || span.bytes.start >= row.bytes.end {
                continue;
            }
            let style = match span.kind {
                SpanKind::Emphasis => self.theme.emphasis,
                SpanKind::NoteRef { .. }
                    if self.app.reader.selected_ref == Some((row.block, i)) =>
                {
                    self.theme.note_ref_selected
                }
                SpanKind::NoteRef { .. } => self.theme.note_ref,
            };
            marks.push((span.bytes.clone(), style));
        }
        let find = &self.app.find;
        // Hits are in document order: look only at this block's.
        let first = find.hits.partition_point(|h| h.block < row.block);
        for (i, hit) in find.hits.iter().enumerate().skip(first) {
            if hit.block != row.block {
                break;
            }
            if hit.bytes.end <= row.bytes.start || hit.bytes.start >= row.bytes.end {
                continue;
            }
            let style = if find.current == Some(i) {
                self.theme.hit_current
            } else {
                self.theme.hit
            };
            marks.push((hit.bytes.clone(), style));
        }
        styled_slice(&block.text, row.bytes.clone(), base, &marks)
    }
}

/// `text[range]` cut into spans where `marks` (later ones on top) change the style.
fn styled_slice<'t>(
    text: &'t str,
    range: std::ops::Range<usize>,
    base: Style,
    marks: &[(std::ops::Range<usize>, Style)],
) -> Line<'t> {
    if marks.is_empty() {
        return Line::from(Span::styled(&text[range], base));
    }
    let mut cuts: Vec<usize> = vec![range.start, range.end];
    for (r, _) in marks {
        cuts.push(r.start.clamp(range.start, range.end));
        cuts.push(r.end.clamp(range.start, range.end));
    }
    cuts.sort_unstable();
    cuts.dedup();
    let spans = cuts
        .windows(2)
        .filter(|w| text.is_char_boundary(w[0]) && text.is_char_boundary(w[1]))
        .map(|w| {
            let style = marks
                .iter()
                .filter(|(r, _)| r.start <= w[0] && w[1] <= r.end)
                .fold(base, |s, (_, m)| s.patch(*m));
            Span::styled(&text[w[0]..w[1]], style)
        })
        .collect::<Vec<_>>();
    Line::from(spans)
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::style::Modifier;

    #[test]
    fn marks_layer_over_the_base_style() {
        let bold = Style::new().add_modifier(Modifier::BOLD);
        let under = Style::new().add_modifier(Modifier::UNDERLINED);
        let line = styled_slice(
            "abcdefgh",
            1..7,
            Style::new(),
            &[(0..3, bold), (2..5, under)],
        );
        let parts: Vec<(&str, Style)> = line
            .spans
            .iter()
            .map(|s| (s.content.as_ref(), s.style))
            .collect();
        assert_eq!(
            parts,
            vec![
                ("b", bold),
                ("c", bold.patch(under)),
                ("de", under),
                ("fg", Style::new())
            ]
        );
    }
}
