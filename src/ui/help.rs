//! The help overlay, generated from the active keymap: one section per context, each command
//! with every key bound to it.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Padding, Paragraph, Widget};

use super::theme::Theme;
use crate::app::Command;
use crate::keymap::{display_sequence, Context, Keymap};

pub struct Help<'a> {
    pub keymap: &'a Keymap,
    /// The context the help is about.
    pub active: Context,
    pub scroll: u16,
    pub theme: &'a Theme,
}

/// The help text's lines: the bindings of `active` (the pane in front) first, then global
/// ones, then every other context; headings and `keys  description` rows.
pub fn help_lines<'a>(keymap: &Keymap, active: Context, theme: &Theme) -> Vec<Line<'a>> {
    let mut lines = Vec::new();
    let mut order: Vec<&(Context, crate::keymap::Table)> = keymap.bindings.iter().collect();
    order.sort_by_key(|(c, _)| match *c {
        c if c == active => 0,
        Context::Global => 1,
        _ => 2,
    });
    for (context, table) in order {
        if table.is_empty() {
            continue;
        }
        if !lines.is_empty() {
            lines.push(Line::default());
        }
        let heading = if *context == active {
            format!("{} (here)", context.name().to_uppercase())
        } else {
            context.name().to_uppercase()
        };
        lines.push(Line::styled(heading, theme.title));
        // Commands in first-bound order, each with all its keys.
        let mut rows: Vec<(Command, Vec<String>)> = Vec::new();
        for (keys, command) in table {
            match rows.iter_mut().find(|(c, _)| c == command) {
                Some((_, k)) => k.push(display_sequence(keys)),
                None => rows.push((*command, vec![display_sequence(keys)])),
            }
        }
        for (command, keys) in rows {
            lines.push(Line::from(vec![
                Span::styled(format!("  {:<18}", keys.join(", ")), theme.note_ref),
                Span::styled(command.description_in(*context), theme.text),
            ]));
        }
    }
    lines.push(Line::default());
    lines.push(Line::styled("SEARCH QUERIES", theme.title));
    for (syntax, meaning) in SEARCH_SYNTAX {
        lines.push(Line::from(vec![
            Span::styled(format!("  {syntax:<18}"), theme.note_ref),
            Span::styled(*meaning, theme.text),
        ]));
    }
    lines.push(Line::default());
    lines.push(Line::styled("LEGEND", theme.title));
    for (mark, meaning) in LEGEND {
        lines.push(Line::from(vec![
            Span::styled(format!("  {mark:<18}"), theme.note_ref),
            Span::styled(*meaning, theme.text),
        ]));
    }
    lines
}

/// What the marks on screen mean.
const LEGEND: &[(&str, &str)] = &[
    (
        "[12]",
        "a note reference in the text (r selects, enter opens)",
    ),
    ("116 (contents)", "the notes a document or part holds"),
    (
        "A  T",
        "timeline: the event is from the article / the thesis",
    ),
    ("n", "timeline: the date is in a note, not the text"),
    ("›", "the selected result or event"),
    ("…", "text cut to fit; the whole is a key away"),
];

/// What a search query may hold (the search pane and `kwx search`).
const SEARCH_SYNTAX: &[(&str, &str)] = &[
    (
        "words",
        "all required, any order; whole > prefix > typo > fuzzy",
    ),
    (
        "Shtikov, Il-sung",
        "spelling variants match (Shtykov, Il Sung)",
    ),
    (
        "30 Jan 1950",
        "a date in any form: January 30 1950, 1950-01-30",
    ),
    (
        "fond 45, F.45 op 1",
        "an archival reference, however labelled",
    ),
    ("\"exact phrase\"", "these words, together"),
    ("'word", "this word exactly"),
    ("!word", "leave out what holds it"),
    ("doc:ID part:KEY", "only this document or part (part:IV)"),
    ("in:body in:all", "search the text, or text and notes"),
];

fn close_hint(keymap: &Keymap) -> String {
    let key = |c| keymap.keys_for(crate::keymap::Context::Help, c);
    match (key(Command::Down), key(Command::Close)) {
        (Some(down), Some(close)) => format!(" {down} scroll · {close} close "),
        (None, Some(close)) => format!(" {close} close "),
        _ => String::new(),
    }
}

impl Widget for Help<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let lines = help_lines(self.keymap, self.active, self.theme);
        let width = area.width.saturating_sub(4).min(64);
        let height = area.height.saturating_sub(2);
        let rect = Rect::new(
            area.x + (area.width - width) / 2,
            area.y + (area.height - height) / 2,
            width,
            height,
        );
        let max_scroll = (lines.len() as u16).saturating_sub(height.saturating_sub(2));
        let block = Block::default()
            .borders(Borders::ALL)
            .padding(Padding::horizontal(1))
            .border_style(self.theme.border_focused)
            .title(Span::styled(" Keys ", self.theme.title))
            .title_bottom(Line::styled(close_hint(self.keymap), self.theme.dim).right_aligned());
        Clear.render(rect, buf);
        Paragraph::new(lines)
            .block(block)
            .scroll((self.scroll.min(max_scroll), 0))
            .render(rect, buf);
    }
}
