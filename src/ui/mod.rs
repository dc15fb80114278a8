//! Drawing: `render(&App, frame)` lays the panes out and draws each one. Reads the state,
//! never changes it.

pub mod compare;
pub mod help;
pub mod nav;
pub mod popup;
pub mod progress;
pub mod reader;
pub mod search;
pub mod sources;
pub mod status;
pub mod theme;
pub mod timeline;

use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::Widget;
use ratatui::Frame;

use crate::app::geometry::{MIN_HEIGHT, MIN_WIDTH};
use crate::app::App;
use theme::Theme;

/// `text` cut to `width` columns' worth of chars, a cut marked with "…".
pub fn fit(text: &str, width: usize) -> String {
    if text.chars().count() <= width {
        return text.to_string();
    }
    let mut cut: String = text.chars().take(width.saturating_sub(1)).collect();
    cut.push('…');
    cut
}

pub fn render(app: &App, frame: &mut Frame) {
    render_to(app, frame.area(), frame.buffer_mut());
}

/// Draws the whole screen into `buf`; `render` and the benchmarks use it.
pub fn render_to(app: &App, area: Rect, buf: &mut ratatui::buffer::Buffer) {
    let theme = Theme::new(app.monochrome);
    let Some(areas) = app.areas() else {
        // The longest wording that fits.
        let width = area.width as usize;
        let message = [
            format!("Terminal too small: kwx needs {MIN_WIDTH}x{MIN_HEIGHT}"),
            format!("Too small: {MIN_WIDTH}x{MIN_HEIGHT} needed"),
            format!("{MIN_WIDTH}x{MIN_HEIGHT} needed"),
        ]
        .into_iter()
        .find(|m| m.chars().count() <= width)
        .unwrap_or_else(|| fit("Too small", width));
        Line::styled(message, theme.title).render(Rect::new(area.x, area.y, area.width, 1), buf);
        return;
    };
    if let Some(nav_area) = areas.nav {
        nav::Nav { app, theme: &theme }.render(nav_area, buf);
    }
    match app.view {
        crate::app::View::Reader => reader::Reader { app, theme: &theme }.render(areas.main, buf),
        crate::app::View::Search => {
            search::SearchPane { app, theme: &theme }.render(areas.main, buf)
        }
        crate::app::View::Timeline => {
            timeline::TimelinePane { app, theme: &theme }.render(areas.main, buf)
        }
        crate::app::View::Sources => {
            sources::SourcesPane { app, theme: &theme }.render(areas.main, buf)
        }
    }
    progress::BuildWait { app, theme: &theme }.render(areas.main, buf);
    status::StatusBar { app, theme: &theme }.render(areas.status, buf);
    let overlay = Rect::new(0, 0, area.width, area.height.saturating_sub(1));
    if app.popup.is_some() {
        popup::NotePopupView { app, theme: &theme }.render(overlay, buf);
    }
    if let Some(scroll) = app.help {
        help::Help {
            keymap: &app.keymap,
            active: app.context_under_help(),
            scroll,
            theme: &theme,
        }
        .render(overlay, buf);
    }
}
