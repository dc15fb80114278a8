//! The help overlay, generated from the active keymap: one section per context, each command
//! with every key bound to it.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Padding, Paragraph, Widget};
use unicode_width::UnicodeWidthStr;

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

/// One row of the help text.
enum Row {
    Blank,
    Heading(String),
    /// Keys (or syntax, or a mark) and what they do.
    Entry(String, &'static str),
}

/// The help text: the bindings of `active` (the pane in front) first, then global ones, then
/// every other context; then the search syntax and the legend.
fn rows(keymap: &Keymap, active: Context) -> Vec<Row> {
    let mut rows = Vec::new();
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
        if !rows.is_empty() {
            rows.push(Row::Blank);
        }
        let heading = if *context == active {
            format!("{} (here)", context.name().to_uppercase())
        } else if *context == Context::Global && active.filters_as_you_type() {
            // (Letters and digits typed there are the pane's filter, not these keys.)
            format!(
                "{} (letters, digits: the filter)",
                context.name().to_uppercase()
            )
        } else {
            context.name().to_uppercase()
        };
        rows.push(Row::Heading(heading));
        // Commands in first-bound order, each with all its keys.
        let mut commands: Vec<(Command, Vec<String>)> = Vec::new();
        for (keys, command) in table {
            match commands.iter_mut().find(|(c, _)| c == command) {
                Some((_, k)) => k.push(display_sequence(keys)),
                None => commands.push((*command, vec![display_sequence(keys)])),
            }
        }
        for (command, keys) in commands {
            rows.push(Row::Entry(
                keys.join(", "),
                command.description_in(*context),
            ));
        }
    }
    for (title, entries) in [("SEARCH QUERIES", SEARCH_SYNTAX), ("LEGEND", LEGEND)] {
        rows.push(Row::Blank);
        rows.push(Row::Heading(title.to_string()));
        rows.extend(entries.iter().map(|(k, d)| Row::Entry(k.to_string(), d)));
    }
    rows
}

/// Width of the keys column: two spaces, the keys padded to 17, and a space.
const KEYS_COLUMN: usize = 20;

/// The help text's lines at `width` columns: a description longer than the room beside its
/// keys goes on under itself (hanging), never cut.
pub fn help_lines<'a>(
    keymap: &Keymap,
    active: Context,
    theme: &Theme,
    width: u16,
) -> Vec<Line<'a>> {
    lines_of(&rows(keymap, active), theme, width)
}

fn lines_of<'a>(rows: &[Row], theme: &Theme, width: u16) -> Vec<Line<'a>> {
    // Below this the descriptions would be a word a line: they start under the keys instead.
    const NARROWEST: usize = 16;
    let width = usize::from(width);
    let mut lines = Vec::new();
    for row in rows {
        match row {
            Row::Blank => lines.push(Line::default()),
            Row::Heading(h) => lines.push(Line::styled(h.clone(), theme.title)),
            Row::Entry(keys, description) => {
                let keys = format!("  {keys:<17} ");
                let beside = keys.width().max(KEYS_COLUMN);
                // The keys lead the first line, or stand on their own where the room is small.
                let (mut lead, indent) = if width.saturating_sub(beside) < NARROWEST {
                    lines.push(Line::styled(keys, theme.note_ref));
                    (None, 4)
                } else {
                    (Some(keys), beside)
                };
                let room = width.saturating_sub(indent).max(1);
                for piece in crate::app::wrap::wrap(description, room) {
                    let head = lead.take().map_or_else(
                        || Span::raw(" ".repeat(indent)),
                        |k| Span::styled(k, theme.note_ref),
                    );
                    lines.push(Line::from(vec![
                        head,
                        Span::styled(&description[piece], theme.text),
                    ]));
                }
            }
        }
    }
    lines
}

/// The widest the help text is, unwrapped, in columns.
fn natural_width(rows: &[Row]) -> usize {
    rows.iter()
        .map(|row| match row {
            Row::Blank => 0,
            Row::Heading(h) => h.width(),
            Row::Entry(keys, description) => {
                format!("  {keys:<17} ").width().max(KEYS_COLUMN) + description.width()
            }
        })
        .max()
        .unwrap_or(0)
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
        "meeting, cable",
        "also their other words: conversation, telegram",
    ),
    ("−word", "none has every word: this one lacks that word"),
    (
        "=IV:24",
        "not a match: cites the same document as that match",
    ),
    (
        "30 Jan 1950",
        "a date in any form: January 30 1950, 1950-01-30",
    ),
    (
        "fond 45, F.45",
        "an archival reference however labelled: op 1, delo 346, RG 59",
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

/// Where the help box sits on `area`, its lines wrapped to fit, and how far they scroll
/// (until the last line reaches the bottom edge).
fn layout<'a>(
    keymap: &Keymap,
    active: Context,
    theme: &Theme,
    area: Rect,
) -> (Rect, Vec<Line<'a>>, u16) {
    let rows = rows(keymap, active);
    // As wide as the text needs (borders and padding take four columns), within the screen.
    let natural = u16::try_from(natural_width(&rows) + 4).unwrap_or(u16::MAX);
    let width = area.width.saturating_sub(4).min(natural);
    let height = area.height.saturating_sub(2);
    let rect = Rect::new(
        area.x + (area.width - width) / 2,
        area.y + (area.height - height) / 2,
        width,
        height,
    );
    let lines = lines_of(&rows, theme, width.saturating_sub(4));
    let max_scroll = u16::try_from(lines.len())
        .unwrap_or(u16::MAX)
        .saturating_sub(height.saturating_sub(2));
    (rect, lines, max_scroll)
}

/// How far the help on `area` scrolls (for `update`, which keeps the offset within it).
pub fn max_scroll(keymap: &Keymap, active: Context, area: Rect) -> u16 {
    layout(keymap, active, &Theme::new(true), area).2
}

impl Widget for Help<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let (rect, lines, max_scroll) = layout(self.keymap, self.active, self.theme, area);
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

#[cfg(test)]
mod tests {
    use super::*;

    /// Keys as long as their column, or longer, still stand a space apart from what they do.
    #[test]
    fn long_keys_keep_a_space_before_the_description() {
        let theme = Theme::new(true);
        for keys in [
            "a",
            "seventeen chars..",
            "eighteen chars....",
            "twenty-one characters",
        ] {
            let rows = [Row::Entry(keys.to_string(), "what it does")];
            let line = lines_of(&rows, &theme, 80)[0].to_string();
            assert!(line.contains(&format!("{keys} ")), "{line:?}");
            assert!(line.ends_with("what it does"), "{line:?}");
        }
    }

    /// In the Sources pane, whose letters type its filter, the global section says so.
    #[test]
    fn the_global_keys_are_said_not_to_take_letters_in_the_sources_pane() {
        let keymap: Keymap = "[global]\ns = \"open_search\"\n[sources]\nq = \"close\"\n"
            .parse()
            .unwrap();
        let heading = |active| {
            rows(&keymap, active)
                .iter()
                .find_map(|r| match r {
                    Row::Heading(h) if h.starts_with("GLOBAL") => Some(h.clone()),
                    _ => None,
                })
                .unwrap()
        };
        assert_eq!(
            heading(Context::Sources),
            "GLOBAL (letters, digits: the filter)"
        );
        assert_eq!(heading(Context::Reader), "GLOBAL");
    }
}
