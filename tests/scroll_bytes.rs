//! Bytes on the wire for one-line scrolls of the full-width reader at 80x24, deep in the thesis:
//! the scroll-region path must send few bytes, and leave the same screen a full redraw would.

use std::io::{self, Write};
use std::sync::{Arc, Mutex};

use kwx::app::{update, Action, App, Command};
use kwx::tui::Screen;
use ratatui::backend::CrosstermBackend;
use ratatui::Terminal;
use ratatui::TerminalOptions;
use ratatui::Viewport;

/// A writer whose bytes the test can read while the backend owns it.
#[derive(Clone, Default)]
struct Wire(Arc<Mutex<Vec<u8>>>);

impl Write for Wire {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

impl Wire {
    fn take(&self) -> Vec<u8> {
        std::mem::take(&mut *self.0.lock().unwrap())
    }
}

fn screen(wire: &Wire) -> Screen<CrosstermBackend<Wire>> {
    let backend = CrosstermBackend::new(wire.clone());
    // A fixed viewport: the test has no real terminal to ask for its size.
    let terminal = Terminal::with_options(
        backend,
        TerminalOptions {
            viewport: Viewport::Fixed(ratatui::layout::Rect::new(0, 0, 80, 24)),
        },
    )
    .unwrap();
    Screen::new(terminal)
}

fn app_in_thesis_middle() -> App {
    let corpus = Arc::new(kwx::corpus::load_embedded().unwrap());
    let keymap = kwx::keymap::load(None, None).unwrap();
    let mut app = App::new(corpus, keymap);
    update(&mut app, Action::Resize(80, 24));
    app.reader.doc = 1;
    update(&mut app, Action::Resize(80, 24));
    for _ in 0..5 {
        update(&mut app, Action::Command(Command::NextPart));
    }
    app
}

/// Every cell of the screen a byte stream leaves: text, colours and attributes.
fn replay(bytes: &[u8]) -> Vec<String> {
    let mut parser = vt100::Parser::new(24, 80, 0);
    parser.process(bytes);
    let screen = parser.screen();
    let mut cells = Vec::new();
    for row in 0..24 {
        for col in 0..80 {
            let c = screen.cell(row, col).expect("cell inside the screen");
            // A cell never written and a written blank look the same on a terminal.
            let text = match c.contents() {
                t if t.is_empty() => " ".to_string(),
                t => t,
            };
            cells.push(format!(
                "{row},{col} {text:?} {:?} {:?} b{} i{} u{} r{}",
                c.fgcolor(),
                c.bgcolor(),
                c.bold(),
                c.italic(),
                c.underline(),
                c.inverse()
            ));
        }
    }
    cells
}

#[test]
fn one_line_scrolls_send_few_bytes_and_match_a_full_redraw() {
    let mut app = app_in_thesis_middle();
    let wire = Wire::default();
    let mut scrolled = screen(&wire);
    scrolled.draw(&app).unwrap();
    let mut stream = wire.take();
    let steps = 40;
    let mut step_bytes = Vec::new();
    for i in 0..steps {
        let command = if i % 4 == 3 {
            Command::Up
        } else {
            Command::Down
        };
        update(&mut app, Action::Command(command));
        scrolled.draw(&app).unwrap();
        let bytes = wire.take();
        step_bytes.push(bytes.len());
        stream.extend_from_slice(&bytes);
    }
    let average = step_bytes.iter().sum::<usize>() / steps;
    eprintln!("bytes per one-line scroll step: average {average}, steps {step_bytes:?}");
    assert!(average <= 300, "average {average} bytes per step");

    // The same steps sent as a plain cell diff, for comparison.
    let mut plain_app = app_in_thesis_middle();
    let plain_wire = Wire::default();
    let mut plain = screen(&plain_wire);
    plain.draw(&plain_app).unwrap();
    plain_wire.take();
    for i in 0..steps {
        let command = if i % 4 == 3 {
            Command::Up
        } else {
            Command::Down
        };
        update(&mut plain_app, Action::Command(command));
        plain_app.scroll_hint = kwx::app::ScrollHint::Redraw;
        plain.draw(&plain_app).unwrap();
    }
    let plain_average = plain_wire.take().len() / steps;
    eprintln!("the same steps as a cell diff: average {plain_average} bytes");
    assert!(average * 4 < plain_average);

    // The same final state drawn from scratch.
    let fresh_wire = Wire::default();
    let mut fresh = screen(&fresh_wire);
    fresh.draw(&app).unwrap();
    let full = fresh_wire.take();
    let (scrolled_cells, full_cells) = (replay(&stream), replay(&full));
    let differing: Vec<_> = scrolled_cells
        .iter()
        .zip(&full_cells)
        .filter(|(a, b)| a != b)
        .take(5)
        .collect();
    assert!(differing.is_empty(), "screens differ: {differing:#?}");
}
