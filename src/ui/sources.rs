//! The Sources pane: archives, their fonds (record groups, volumes), the documents cited from
//! each with the number of citing notes, and the notes themselves when a document is unfolded;
//! below, the selected document's reference and any conflicting readings.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;

use super::fit;
use super::theme::Theme;
use crate::app::geometry::SourcesAreas;
use crate::app::sources::{SourceRow, SourcesState};
use crate::app::wrap::wrap;
use crate::app::App;

/// Up to this many documents an archive's note counts are shown per document.
const PER_DOCUMENT_COUNTS: usize = 3;

pub struct SourcesPane<'a> {
    pub app: &'a App,
    pub theme: &'a Theme,
}

impl Widget for SourcesPane<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let Some(s) = self.app.sources.as_ref() else {
            return;
        };
        let theme = self.theme;
        let areas = SourcesAreas::new(area);
        let mut header = format!(
            " Sources · {} archives · {} documents",
            s.tree.len(),
            s.documents
        );
        if !s.filter.is_empty() {
            header.push_str(&format!(" · filter: {}", s.filter));
        }
        Line::styled(fit(&header, area.width as usize), theme.title).render(areas.header, buf);
        if s.rows.is_empty() {
            Line::styled("  No source matches.", theme.dim).render(areas.list, buf);
        }
        let width = areas.list.width as usize;
        for (i, row) in s
            .rows
            .iter()
            .enumerate()
            .skip(s.offset)
            .take(areas.list.height as usize)
        {
            let y = areas.list.y + (i - s.offset) as u16;
            let line = self.row_line(s, *row, i == s.selected, width);
            line.render(Rect::new(areas.list.x, y, areas.list.width, 1), buf);
        }
        self.detail(s, areas.detail, buf);
    }
}

/// `1 note`, `3 notes`.
fn count(n: usize, what: &str) -> String {
    if n == 1 {
        format!("1 {what}")
    } else {
        format!("{n} {what}s")
    }
}

impl SourcesPane<'_> {
    fn fold_mark(&self, s: &SourcesState, row: SourceRow) -> &'static str {
        let ascii = self.app.ascii;
        match (s.is_open(row), ascii) {
            (true, false) => "▾ ",
            (false, false) => "▸ ",
            (true, true) => "v ",
            (false, true) => "> ",
        }
    }

    fn row_line(
        &self,
        s: &SourcesState,
        row: SourceRow,
        selected: bool,
        width: usize,
    ) -> Line<'static> {
        let theme = self.theme;
        let indent = "  ".repeat(row.depth());
        let (text, style) = match row {
            SourceRow::Archive(a) => {
                let archive = &s.tree[a];
                // Per document while they fit in a glance; a library's are summed.
                let counts = if archive.notes.len() <= PER_DOCUMENT_COUNTS {
                    let each: Vec<String> = archive
                        .notes
                        .iter()
                        .map(|(d, n)| format!("{d} {n}"))
                        .collect();
                    each.join(", ")
                } else {
                    let total: usize = archive.notes.values().sum();
                    format!("{total} notes in {} texts", archive.notes.len())
                };
                (
                    format!(
                        "{}{}  {} · {}",
                        self.fold_mark(s, row),
                        archive.archive,
                        counts,
                        archive.name
                    ),
                    theme.part_title,
                )
            }
            SourceRow::Group(a, g) => {
                let group = &s.tree[a].groups[g];
                let total = group.documents.len();
                // Under a filter, how many of them it lets through.
                let documents = match s.shown.get(&(a, g)) {
                    Some(&shown) if shown < total => {
                        format!("{shown} of {}", count(total, "document"))
                    }
                    _ => count(total, "document"),
                };
                (
                    format!("{}{}  ({documents})", self.fold_mark(s, row), group.group,),
                    theme.subsection_title,
                )
            }
            SourceRow::Document(a, g, d) => {
                let doc = &s.tree[a].groups[g].documents[d];
                let conflict = match (doc.conflicts.is_empty(), self.app.ascii) {
                    (true, _) => "",
                    (false, false) => " ≠",
                    (false, true) => " !=",
                };
                (
                    format!(
                        "{}{} · {}{conflict}",
                        self.fold_mark(s, row),
                        doc.label,
                        count(doc.notes.len(), "note")
                    ),
                    theme.text,
                )
            }
            SourceRow::Note(a, g, d, n) => {
                let note = &s.tree[a].groups[g].documents[d].notes[n];
                (note.label(), theme.note_ref)
            }
        };
        let marker = if selected {
            if self.app.ascii {
                ">"
            } else {
                "▌"
            }
        } else {
            " "
        };
        let body = fit(&format!("{indent}{text}"), width.saturating_sub(1));
        let style = if selected {
            theme.cursor_focused
        } else {
            style
        };
        Line::from(vec![
            Span::styled(marker, theme.here),
            Span::styled(body, style),
        ])
    }

    fn detail(&self, s: &SourcesState, area: Rect, buf: &mut Buffer) {
        let theme = self.theme;
        let width = area.width as usize;
        let lines: Vec<Line> = match s.selected_row() {
            Some(SourceRow::Document(a, g, d) | SourceRow::Note(a, g, d, _)) => {
                let doc = &s.tree[a].groups[g].documents[d];
                let notes: Vec<&str> = doc.notes.iter().map(|n| n.id.as_str()).collect();
                let mut lines = vec![Line::styled(
                    fit(&format!(" {}", doc.reference), width),
                    theme.title,
                )];
                let by = (!doc.authors.is_empty()).then(|| format!(" by {}", doc.by()));
                let printed_in = doc.printed_in.as_ref().map(|p| format!(" in {p}"));
                for line in by.into_iter().chain(printed_in) {
                    lines.push(Line::styled(fit(&line, width), theme.dim));
                }
                lines.push(Line::styled(
                    fit(&format!(" cited in {}", notes.join(", ")), width),
                    theme.dim,
                ));
                // Each conflict wrapped under its mark, for the rows the pane has.
                let mark = if self.app.ascii { "!=" } else { "≠" };
                let indent = 2 + mark.chars().count();
                for c in &doc.conflicts {
                    for (i, row) in wrap(c, width.saturating_sub(indent))
                        .into_iter()
                        .enumerate()
                    {
                        let lead = if i == 0 {
                            format!(" {mark} ")
                        } else {
                            " ".repeat(indent)
                        };
                        lines.push(Line::styled(format!("{lead}{}", &c[row]), theme.hit));
                    }
                }
                lines
            }
            Some(row @ (SourceRow::Archive(a) | SourceRow::Group(a, _))) => {
                // (A fond named by an abbreviation: every name the lists give it, then the
                // archive's name.)
                let meaning = match row {
                    SourceRow::Group(_, g) => Some(&s.tree[a].groups[g])
                        .filter(|group| !group.stands_for.is_empty())
                        .map(|group| {
                            let names = group.stands_for.join("; ");
                            let line = format!(" {}: {names}", group.group);
                            Line::styled(fit(&line, width), theme.title)
                        }),
                    _ => None,
                };
                let archive = Line::styled(fit(&format!(" {}", s.tree[a].name), width), theme.dim);
                meaning.into_iter().chain([archive]).collect()
            }
            None => Vec::new(),
        };
        for (i, line) in lines.into_iter().take(area.height as usize).enumerate() {
            line.render(Rect::new(area.x, area.y + i as u16, area.width, 1), buf);
        }
    }
}
