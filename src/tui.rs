//! The event loop: terminal events and signals arrive on one channel; each becomes an action
//! through the keymap, goes through `update`, and the screen is drawn once per batch. Blocking
//! on the channel keeps an idle explorer at 0% CPU.

use std::io;
use std::sync::mpsc;

use crossterm::event::{self, Event};
use ratatui::backend::Backend;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::Terminal;

use crate::app::{update, Action, App, ScrollHint};
use crate::keymap::Dispatcher;
use crate::search_worker::SearchWorker;
use crate::term;

enum Message {
    Terminal(Event),
    SearchResults(u64, Vec<crate::search::Hit>),
    Signal(i32),
    /// Reading the terminal failed (it went away): stop.
    InputClosed,
}

/// Why the loop ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Exit {
    Quit,
    Signal(i32),
    TerminalGone,
}

/// Runs the explorer until the user quits or a signal arrives. The terminal is restored before
/// this returns, whatever happened.
pub fn run(app: &mut App) -> io::Result<Exit> {
    let (tx, rx) = mpsc::channel();
    spawn_signal_thread(tx.clone())?;
    let terminal = term::setup()?;
    let result = event_loop(app, terminal, tx, rx);
    term::restore();
    result
}

fn spawn_signal_thread(tx: mpsc::Sender<Message>) -> io::Result<()> {
    use signal_hook::consts::{SIGHUP, SIGTERM};
    let mut signals = signal_hook::iterator::Signals::new([SIGTERM, SIGHUP])?;
    std::thread::spawn(move || {
        if let Some(signal) = signals.forever().next() {
            let _ = tx.send(Message::Signal(signal));
        }
    });
    Ok(())
}

fn event_loop(
    app: &mut App,
    terminal: term::Tui,
    tx: mpsc::Sender<Message>,
    rx: mpsc::Receiver<Message>,
) -> io::Result<Exit> {
    let results = tx.clone();
    let mut worker: Option<SearchWorker> = None;
    std::thread::spawn(move || loop {
        match event::read() {
            Ok(e) => {
                if tx.send(Message::Terminal(e)).is_err() {
                    break;
                }
            }
            Err(_) => {
                let _ = tx.send(Message::InputClosed);
                break;
            }
        }
    });
    let mut screen = Screen::new(terminal);
    let size = screen.terminal.size()?;
    update(app, Action::Resize(size.width, size.height));
    screen.draw(app)?;
    let mut dispatcher = Dispatcher::default();
    loop {
        let Ok(first) = rx.recv() else {
            return Ok(Exit::TerminalGone);
        };
        let mut changed = false;
        // Take everything already queued before drawing: a flood of keys costs one frame.
        for message in std::iter::once(first).chain(rx.try_iter()) {
            let action = match message {
                Message::Signal(s) => return Ok(Exit::Signal(s)),
                Message::InputClosed => return Ok(Exit::TerminalGone),
                Message::Terminal(Event::Key(key)) => {
                    dispatcher.dispatch(&app.keymap, app.context(), &key)
                }
                Message::Terminal(Event::Paste(text)) => Some(Action::Paste(text)),
                Message::SearchResults(g, hits) => Some(Action::SearchResults(g, hits)),
                Message::Terminal(Event::Resize(w, h)) => Some(Action::Resize(w, h)),
                Message::Terminal(_) => None,
            };
            if let Some(action) = action {
                let hint_before = app.scroll_hint;
                update(app, action);
                app.scroll_hint = merge_hints(changed.then_some(hint_before), app.scroll_hint);
                changed = true;
            }
            if app.quit {
                return Ok(Exit::Quit);
            }
        }
        if let Some((generation, query)) = app.search.as_mut().and_then(|s| s.request.take()) {
            let worker = worker.get_or_insert_with(|| {
                let index = app
                    .search
                    .as_ref()
                    .map(|s| s.index.clone())
                    .unwrap_or_default();
                let results = results.clone();
                SearchWorker::spawn(index, move |g, hits| {
                    results.send(Message::SearchResults(g, hits)).is_ok()
                })
            });
            worker.request(generation, query);
        }
        if let Some(text) = app.clipboard.take() {
            term::copy_osc52(screen.terminal.backend_mut(), &text)?;
        }
        if changed {
            screen.draw(app)?;
        }
    }
}

/// Several scrolls in one batch add up; anything else in the batch means a full diff.
fn merge_hints(earlier: Option<ScrollHint>, now: ScrollHint) -> ScrollHint {
    match (earlier, now) {
        (None, now) => now,
        (Some(ScrollHint::Scrolled(a)), ScrollHint::Scrolled(b)) => ScrollHint::Scrolled(a + b),
        _ => ScrollHint::Redraw,
    }
}

/// A terminal plus a copy of the last frame, so a pure scroll of the full-width reader can move
/// the rows with the terminal's own scrolling and send only the rows that came into view.
pub struct Screen<B: Backend + io::Write> {
    pub terminal: Terminal<B>,
    last: Option<Buffer>,
}

impl<B: Backend + io::Write> Screen<B> {
    pub fn new(terminal: Terminal<B>) -> Self {
        Screen {
            terminal,
            last: None,
        }
    }

    pub fn draw(&mut self, app: &App) -> io::Result<()> {
        if let ScrollHint::Scrolled(rows) = app.scroll_hint {
            self.scroll(app, rows)?;
        }
        let frame = self.terminal.draw(|f| crate::ui::render(app, f))?;
        // Only a full-width reader scrolls by region: no copy of the frame is needed otherwise.
        let full_width = app.areas().is_some_and(|a| a.nav.is_none());
        self.last = full_width.then(|| frame.buffer.clone());
        Ok(())
    }

    /// Scrolls the reader's rows on the terminal and shifts the copy of the last frame to
    /// match, making it ratatui's previous buffer so the diff sees only the new rows.
    fn scroll(&mut self, app: &App, rows: i32) -> io::Result<()> {
        let Some(last) = &self.last else {
            return Ok(());
        };
        let (Some(areas), Some(reader)) = (app.areas(), app.reader_areas()) else {
            return Ok(());
        };
        let region = reader.body;
        let full_width = areas.nav.is_none() && region.width == last.area.width;
        let overlays = app.popup.is_some() || app.help.is_some();
        let amount = rows.unsigned_abs() as u16;
        if rows == 0
            || !full_width
            || overlays
            || amount >= region.height
            || last.area != Rect::new(0, 0, app.screen.0, app.screen.1)
        {
            return Ok(());
        }
        let rows_range = region.y..region.y + region.height;
        // Rows scrolled into view are blank on the terminal, but marking them as holding
        // something no frame draws makes the diff send each new row as one run: blank cells
        // between words would otherwise each cost a cursor move.
        let mut exposed = ratatui::buffer::Cell::default();
        exposed.set_symbol("\0");
        let mut shifted = last.clone();
        let width = last.area.width as usize;
        let row_cells = |buf: &Buffer, y: u16| {
            let start = y as usize * width;
            buf.content[start..start + width].to_vec()
        };
        for y in rows_range.clone() {
            let source = y as i32 + rows;
            let cells = if rows_range.contains(&(source as u16)) && source >= 0 {
                row_cells(last, source as u16)
            } else {
                vec![exposed.clone(); width]
            };
            let start = y as usize * width;
            shifted.content[start..start + width].clone_from_slice(&cells);
        }
        if rows > 0 {
            self.terminal
                .backend_mut()
                .scroll_region_up(rows_range, amount)?;
        } else {
            self.terminal
                .backend_mut()
                .scroll_region_down(rows_range, amount)?;
        }
        *self.terminal.current_buffer_mut() = shifted;
        // The shifted copy becomes the previous frame; the next draw diffs against it.
        self.terminal.swap_buffers();
        Ok(())
    }
}
