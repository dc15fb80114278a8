//! Every style the UI uses, in one place. Colours are the 16 ANSI ones, so a basic terminal
//! over SSH shows them; the monochrome theme (`NO_COLOR`, `--no-color`) keeps focus, hits and
//! references visible with bold, reverse and underline alone.

use ratatui::style::{Color, Modifier, Style};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Theme {
    pub text: Style,
    pub dim: Style,
    pub part_title: Style,
    pub subsection_title: Style,
    pub emphasis: Style,
    pub note_ref: Style,
    pub note_ref_selected: Style,
    pub hit: Style,
    pub hit_current: Style,
    pub border: Style,
    pub border_focused: Style,
    pub title: Style,
    pub cursor_focused: Style,
    pub cursor_unfocused: Style,
    pub here: Style,
    pub status: Style,
    pub status_mode: Style,
    pub status_key: Style,
    pub message: Style,
    pub badge: [Style; 2],
    pub chart: Style,
}

impl Theme {
    pub fn new(monochrome: bool) -> Theme {
        if monochrome {
            Theme::monochrome()
        } else {
            Theme::colour()
        }
    }

    pub fn colour() -> Theme {
        let plain = Style::new();
        Theme {
            text: plain,
            dim: plain.fg(Color::DarkGray),
            part_title: plain.fg(Color::Yellow).add_modifier(Modifier::BOLD),
            subsection_title: plain.fg(Color::Cyan).add_modifier(Modifier::BOLD),
            emphasis: plain.add_modifier(Modifier::ITALIC),
            note_ref: plain.fg(Color::Cyan),
            note_ref_selected: plain
                .fg(Color::Black)
                .bg(Color::Cyan)
                .add_modifier(Modifier::BOLD),
            hit: plain.fg(Color::Black).bg(Color::Yellow),
            hit_current: plain
                .fg(Color::Black)
                .bg(Color::LightRed)
                .add_modifier(Modifier::BOLD),
            border: plain.fg(Color::DarkGray),
            border_focused: plain.fg(Color::Cyan),
            title: plain.add_modifier(Modifier::BOLD),
            cursor_focused: plain.fg(Color::Black).bg(Color::Cyan),
            cursor_unfocused: plain.add_modifier(Modifier::REVERSED),
            here: plain.fg(Color::Yellow),
            status: plain.fg(Color::White).bg(Color::Blue),
            status_mode: plain
                .fg(Color::Black)
                .bg(Color::Cyan)
                .add_modifier(Modifier::BOLD),
            status_key: plain
                .fg(Color::Yellow)
                .bg(Color::Blue)
                .add_modifier(Modifier::BOLD),
            message: plain
                .fg(Color::White)
                .bg(Color::Blue)
                .add_modifier(Modifier::BOLD),
            badge: [
                plain.fg(Color::Black).bg(Color::Green),
                plain.fg(Color::Black).bg(Color::Magenta),
            ],
            chart: plain.fg(Color::Cyan),
        }
    }

    pub fn monochrome() -> Theme {
        let plain = Style::new();
        let bold = plain.add_modifier(Modifier::BOLD);
        let reverse = plain.add_modifier(Modifier::REVERSED);
        Theme {
            text: plain,
            dim: plain,
            part_title: bold,
            subsection_title: bold,
            emphasis: plain.add_modifier(Modifier::ITALIC),
            note_ref: plain.add_modifier(Modifier::UNDERLINED),
            note_ref_selected: reverse.add_modifier(Modifier::BOLD),
            hit: reverse,
            hit_current: reverse.add_modifier(Modifier::BOLD | Modifier::UNDERLINED),
            border: plain,
            border_focused: bold,
            title: bold,
            cursor_focused: reverse,
            cursor_unfocused: plain.add_modifier(Modifier::UNDERLINED),
            here: bold,
            status: reverse,
            status_mode: bold,
            status_key: reverse.add_modifier(Modifier::BOLD),
            message: reverse.add_modifier(Modifier::BOLD),
            badge: [reverse, reverse.add_modifier(Modifier::BOLD)],
            chart: plain,
        }
    }
}
