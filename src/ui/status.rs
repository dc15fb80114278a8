//! The status bar: what has focus, where the reader is (document · part · percent), the last
//! message, and key hints taken from the active keymap. The `/` prompt replaces it while open.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;

use super::theme::Theme;
use crate::app::{App, Command};
use crate::keymap::Context;

pub struct StatusBar<'a> {
    pub app: &'a App,
    pub theme: &'a Theme,
}

impl Widget for StatusBar<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let app = self.app;
        let theme = self.theme;
        buf.set_style(area, theme.status);
        if let Some(prompt) = &app.prompt {
            let label = match app.prompt_kind {
                crate::app::state::PromptKind::Find => " find: ",
                crate::app::state::PromptKind::GoTo => " go to: ",
            };
            let label = Span::styled(label, theme.status_mode);
            let w = label.width() as u16;
            label.render(area, buf);
            // The match count (or why typing stopped) at the right, as vim shows it.
            let message = app
                .message
                .as_ref()
                .map(|m| Span::styled(format!(" {m} "), theme.message));
            let message_width = message
                .as_ref()
                .map_or(0, |m| m.width() as u16)
                .min(area.width.saturating_sub(w) / 2);
            if let Some(message) = message {
                let x = area.x + area.width - message_width;
                message.render(Rect::new(x, area.y, message_width, 1), buf);
            }
            let input_width = area.width.saturating_sub(w + message_width);
            prompt.render(Rect::new(area.x + w, area.y, input_width, 1), buf);
            return;
        }
        let context = app.context();
        let mode = match context {
            _ if app.typing_ahead() && app.waiting_for == Some(crate::app::View::Sources) => {
                "SOURCES"
            }
            Context::Nav => "CONTENTS",
            Context::Popup => "NOTE",
            Context::Help => "HELP",
            Context::Search => "SEARCH",
            Context::Results => "RESULTS",
            // The find prompt replaces the bar, so a prompt here is the timeline's word filter.
            Context::Sources => "SOURCES",
            Context::Prompt if app.view == crate::app::View::Sources => "SOURCES",
            Context::Timeline | Context::Prompt => "TIMELINE",
            _ => "READ",
        };
        let width = area.width as usize;
        let mut hints = hints(app, context, theme);
        // In the reader the chapter comes first and only the help key's hint is kept room for.
        // In another pane, whose keys are its own, all of them come first: the reader's place
        // is then only a reminder, shown whole, without its chapter, or not at all.
        let reading = matches!(
            context,
            Context::Reader | Context::Nav | Context::Mark | Context::Global
        );
        let hints_room: usize = hints
            .iter()
            .filter(|h| !reading || h.command == Command::Help)
            .map(Hint::width)
            .sum();
        let mode = format!(" {mode} ");
        let mut left = vec![Span::styled(mode.clone(), theme.status_mode)];
        if let Some(doc) = app.corpus.documents.get(app.reader.doc) {
            let part = &doc.parts[app.current_part()];
            let percent = app.percent();
            // The chapter takes what the line has left, and a third of it when a message
            // shares the line; a cut is marked.
            let without_title = format!(" {} · {percent}% ", doc.meta.id);
            let fixed = mode.chars().count() + without_title.chars().count();
            // (The title takes a ` · ` more, and a column is kept before the keys.)
            let room = width.saturating_sub(fixed + 3 + hints_room + 1);
            let room = if app.message.is_some() {
                room / 3
            } else {
                room
            };
            const SHORTEST_TITLE: usize = 8;
            let position = if reading || room >= SHORTEST_TITLE {
                let title = super::fit(&part.numbered_title(), room.max(SHORTEST_TITLE));
                Some(format!(" {} · {title} · {percent}% ", doc.meta.id))
            } else {
                (fixed + hints_room < width).then_some(without_title)
            };
            if let Some(position) = position {
                left.push(Span::styled(position, theme.status));
            }
        }
        // Keys of an unfinished sequence, as vim shows them.
        if let Some(keys) = &app.pending_keys {
            left.push(Span::styled(format!(" {keys} … "), theme.status_mode));
        }
        if let Some(message) = &app.message {
            let used: usize = left.iter().map(Span::width).sum();
            let room = width.saturating_sub(used + 2);
            left.push(Span::styled(
                format!(" {} ", super::fit(message, room)),
                theme.message,
            ));
        }
        let left_width: usize = left.iter().map(Span::width).sum();
        Line::from(left).render(area, buf);
        // The hints that fit after the position and message, listed by use: the last dropped
        // first. The help key, which leads to all the others, and the way back go last.
        let hint_width = |hints: &[Hint]| hints.iter().map(Hint::width).sum::<usize>();
        while !hints.is_empty() && left_width + hint_width(&hints) >= width {
            let drop = hints
                .iter()
                .rposition(|h| !matches!(h.command, Command::Help | Command::Close))
                .unwrap_or(0);
            hints.remove(drop);
        }
        let hint_width = hint_width(&hints) as u16;
        let spans: Vec<Span> = hints.into_iter().flat_map(|h| [h.key, h.label]).collect();
        let x = area.x + area.width - hint_width;
        Line::from(spans).render(Rect::new(x, area.y, hint_width, 1), buf);
    }
}

/// A key and what it does, as the bar shows it.
struct Hint<'a> {
    command: Command,
    key: Span<'a>,
    label: Span<'a>,
}

impl Hint<'_> {
    fn width(&self) -> usize {
        self.key.width() + self.label.width()
    }
}

fn hints<'a>(app: &App, context: Context, theme: &Theme) -> Vec<Hint<'a>> {
    // (A kept filter is cleared before the Sources pane is left.)
    let sources_close = if app.sources.as_ref().is_some_and(|s| !s.filter.is_empty()) {
        "clear"
    } else {
        "back"
    };
    let wanted: &[(Command, &str)] = match context {
        Context::Popup => &[(Command::Close, "close")],
        Context::Help => &[(Command::Close, "close")],
        // Waiting for search or the sources: the keys typed are the query or filter, esc goes
        // back to reading.
        _ if app.typing_ahead() => &[(Command::Close, "keep reading")],
        Context::Prompt => &[(Command::Select, "keep"), (Command::Close, "clear")],
        Context::Nav => &[(Command::Select, "open"), (Command::Help, "help")],
        Context::Timeline => &[
            (Command::Select, "open"),
            (Command::Find, "word, date"),
            (Command::ZoomIn, "zoom"),
            (Command::FilterDocument, "doc"),
            (Command::Close, "back"),
        ],
        Context::Sources => &[
            (Command::Select, "open"),
            (Command::Find, "filter"),
            (Command::Copy, "copy"),
            (Command::Close, sources_close),
        ],
        Context::Search => &[
            (Command::Select, "open"),
            (Command::FocusNext, "results"),
            (Command::Copy, "copy"),
            (Command::Close, "back"),
        ],
        Context::Results => &[
            (Command::Select, "open"),
            (Command::Copy, "copy"),
            (Command::TogglePreview, "preview"),
            (Command::Find, "query"),
            (Command::Close, "back"),
        ],
        _ => &[
            (Command::OpenNote, "note"),
            (Command::Find, "find"),
            (Command::ToggleNav, "contents"),
            (Command::Help, "help"),
            (Command::Quit, "quit"),
        ],
    };
    let mut hints = Vec::new();
    for (command, label) in wanted {
        let key = app
            .keymap
            .keys_for(context, *command)
            .or_else(|| app.keymap.keys_for(Context::Global, *command));
        if let Some(key) = key {
            hints.push(Hint {
                command: *command,
                key: Span::styled(format!(" {key}"), theme.status_key),
                label: Span::styled(format!(" {label} "), theme.status),
            });
        }
    }
    hints
}
