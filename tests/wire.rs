//! The bytes kwx sends for each interaction, replayed in a terminal emulator (vt100): after every
//! incremental frame the screen must be the one a full redraw of the same state leaves (text,
//! colours, attributes: all that shows), at 80x24 and 200x50, in colour and with NO_COLOR. That is the
//! correctness bar for every byte the frame writer saves; `scripts/wire-bytes` measures the
//! bytes themselves in a real pty, beside less.

use std::io::{self, Write};
use std::sync::{Arc, Mutex};

use kwx::app::{update, Action, App, Command};
use kwx::term::FrameWriter;
use kwx::tui::Screen;
use ratatui::{Terminal, TerminalOptions, Viewport};

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

fn screen(wire: &Wire, w: u16, h: u16) -> Screen<FrameWriter<Wire>> {
    let backend = FrameWriter::fixed(wire.clone(), w, h);
    let options = TerminalOptions {
        viewport: Viewport::Fixed(ratatui::layout::Rect::new(0, 0, w, h)),
    };
    let mut terminal = Terminal::with_options(backend, options).unwrap();
    terminal.clear().unwrap();
    Screen::new(terminal)
}

fn app(w: u16, h: u16, monochrome: bool) -> App {
    let corpus = Arc::new(kwx::corpus::load_embedded().unwrap());
    let keymap = kwx::keymap::load(None, None).unwrap();
    let mut app = App::new(corpus, keymap);
    app.monochrome = monochrome;
    update(&mut app, Action::Resize(w, h));
    app
}

/// Every cell of the screen a byte stream leaves: text, colours and attributes.
fn cells(parser: &vt100::Parser, w: u16, h: u16) -> Vec<String> {
    let screen = parser.screen();
    let mut cells = Vec::new();
    for row in 0..h {
        for col in 0..w {
            let c = screen.cell(row, col).expect("cell inside the screen");
            // A cell never written and a written blank look the same on a terminal, and so do
            // blanks of different foreground, weight or slant: only what shows is compared.
            let text = c.contents();
            let cell = if text.is_empty() || text == " " {
                format!(
                    "{row},{col} blank {:?} u{} r{}",
                    c.bgcolor(),
                    c.underline(),
                    c.inverse()
                )
            } else {
                format!(
                    "{row},{col} {text:?} {:?} {:?} b{} i{} u{} r{}",
                    c.fgcolor(),
                    c.bgcolor(),
                    c.bold(),
                    c.italic(),
                    c.underline(),
                    c.inverse()
                )
            };
            cells.push(cell);
        }
    }
    cells
}

/// What a fresh terminal shows after one full redraw of `app`.
fn full_redraw(app: &App) -> Vec<String> {
    let (w, h) = app.screen;
    let wire = Wire::default();
    let mut fresh = screen(&wire, w, h);
    fresh.draw(app).unwrap();
    let mut parser = vt100::Parser::new(h, w, 0);
    parser.process(&wire.take());
    cells(&parser, w, h)
}

enum Step {
    Command(Command),
    Text(&'static str),
}

/// Runs `steps` (each a batch, as the event loop draws once per batch) on one terminal and
/// checks the screen against a full redraw after every frame; returns the bytes per frame.
fn replay(name: &str, w: u16, h: u16, monochrome: bool, steps: &[Vec<Step>]) -> Vec<usize> {
    let mut app = app(w, h, monochrome);
    let wire = Wire::default();
    let mut screen = screen(&wire, w, h);
    let mut parser = vt100::Parser::new(h, w, 0);
    screen.draw(&app).unwrap();
    parser.process(&wire.take());
    let mut sizes = Vec::new();
    for (i, batch) in steps.iter().enumerate() {
        let mut hint = None;
        for step in batch {
            let before = app.scroll_hint;
            match step {
                Step::Command(c) => update(&mut app, Action::Command(*c)),
                Step::Text(t) => update(&mut app, Action::Paste(t.to_string())),
            }
            // As the event loop merges hints over a batch.
            if hint.is_some() && before != app.scroll_hint {
                app.scroll_hint = kwx::app::ScrollHint::Redraw;
            }
            hint = Some(app.scroll_hint);
        }
        screen.draw(&app).unwrap();
        let bytes = wire.take();
        sizes.push(bytes.len());
        parser.process(&bytes);
        let (shown, expected) = (cells(&parser, w, h), full_redraw(&app));
        let differing: Vec<_> = shown
            .iter()
            .zip(&expected)
            .filter(|(a, b)| a != b)
            .take(4)
            .collect();
        let mode = if monochrome { "NO_COLOR" } else { "colour" };
        assert!(
            differing.is_empty(),
            "{name} {w}x{h} {mode}, frame {i}: screens differ: {differing:#?}"
        );
    }
    sizes
}

fn commands(list: &[Command]) -> Vec<Vec<Step>> {
    list.iter().map(|c| vec![Step::Command(*c)]).collect()
}

/// Reading the thesis: lines, pages, paragraphs, chapters, a note popup.
fn reading() -> Vec<Vec<Step>> {
    use Command::*;
    let mut steps = commands(&[FocusNext, Down, Down]);
    // Into the thesis from the contents.
    steps.extend(commands(&[FocusNext]));
    for _ in 0..6 {
        steps.extend(commands(&[NextPart]));
    }
    for c in [
        Down,
        Down,
        Down,
        Up,
        PageDown,
        Down,
        PageUp,
        HalfPageDown,
        Up,
        NextParagraph,
    ] {
        steps.push(vec![Step::Command(c)]);
    }
    steps.extend(commands(&[NextRef, OpenNote, Down, Close, Down, Down]));
    // Several keys in one batch, as a fast typist sends them.
    steps.push(vec![
        Step::Command(Down),
        Step::Command(Down),
        Step::Command(Down),
    ]);
    steps
}

fn searching() -> Vec<Vec<Step>> {
    use Command::*;
    let mut steps = commands(&[OpenSearch]);
    steps.push(vec![Step::Text("Shtykov")]);
    steps.extend(commands(&[FocusNext]));
    for _ in 0..30 {
        steps.push(vec![Step::Command(Down)]);
    }
    steps.extend(commands(&[
        Up,
        PageDown,
        Top,
        TogglePreview,
        Down,
        Down,
        TogglePreview,
    ]));
    steps.push(vec![Step::Command(Find), Step::Text(" in:body")]);
    steps.extend(commands(&[FocusNext, Down, Down, Select, JumpBack, Close]));
    steps
}

fn timeline() -> Vec<Vec<Step>> {
    use Command::*;
    let mut steps = commands(&[OpenTimeline]);
    for _ in 0..40 {
        steps.push(vec![Step::Command(Down)]);
    }
    steps.extend(commands(&[
        NextPart,
        Up,
        ZoomIn,
        Down,
        FilterDocument,
        Down,
        Close,
    ]));
    steps
}

#[test]
fn every_frame_leaves_the_screen_a_full_redraw_would() {
    for (w, h) in [(80, 24), (200, 50)] {
        for monochrome in [false, true] {
            replay("reading", w, h, monochrome, &reading());
            replay("searching", w, h, monochrome, &searching());
            replay("timeline", w, h, monochrome, &timeline());
        }
    }
    // Full-width reading at 200 columns.
    let mut wide = commands(&[Command::ToggleFullWidth]);
    wide.extend(reading());
    replay("full width", 200, 50, false, &wide);
}

#[test]
fn a_one_line_scroll_sends_a_row_not_a_screen() {
    use Command::*;
    for (w, h, full_width) in [(80, 24, false), (200, 50, false), (200, 50, true)] {
        let mut steps = Vec::new();
        if full_width {
            steps.extend(commands(&[ToggleFullWidth]));
        }
        steps.extend(commands(&[NextPart, NextPart]));
        let warmup = steps.len();
        for _ in 0..20 {
            steps.push(vec![Step::Command(Down)]);
        }
        let sizes = replay("one-line scroll", w, h, false, &steps);
        let scrolls = &sizes[warmup..];
        let average = scrolls.iter().sum::<usize>() / scrolls.len();
        eprintln!("{w}x{h} full width {full_width}: {average} bytes per one-line scroll");
        // A screen of text is thousands of bytes; a row and a status bar, a few hundred.
        let limit = if w > 100 && !full_width { 2048 } else { 400 };
        assert!(average < limit, "{w}x{h}: {average} bytes, {scrolls:?}");
    }
}

/// Text laden with escape sequences (a title-setting OSC, an OSC 52 clipboard write, a switch
/// off the alternate screen, a terminal reset, a C1 CSI, a bidi override) drawn in the reader,
/// a note popup and the search preview: the bytes on the wire hold no control from the text.
#[test]
fn escape_sequences_in_a_corpus_never_reach_the_terminal() {
    const EVIL: &str = "\x1b]0;pwned\x07\x1b]52;c;cHduZWQ=\x07\x1b[?1049l\x1bc\u{9b}2J\u{202e}";
    let article = include_str!("../corpus/000_1124eec32e2a075a.txt")
        .replacen("archives", &format!("archives {EVIL}"), 1)
        .replacen("Russian President", &format!("Russian {EVIL} President"), 1);
    let manifest = include_str!("../corpus/corpus.toml");
    let thesis = include_str!("../corpus/003_d678dab491f7d799.txt");
    let corpus = kwx::corpus::load_from_memory(
        manifest,
        &[
            ("000_1124eec32e2a075a.txt", &article),
            ("003_d678dab491f7d799.txt", thesis),
        ],
    )
    .unwrap();
    let keymap = kwx::keymap::load(None, None).unwrap();
    let mut app = App::new(Arc::new(corpus), keymap);
    update(&mut app, Action::Resize(80, 24));
    let wire = Wire::default();
    let mut screen = screen(&wire, 80, 24);
    screen.draw(&app).unwrap();
    for c in [Command::NextRef, Command::OpenNote] {
        update(&mut app, Action::Command(c));
        screen.draw(&app).unwrap();
    }
    update(&mut app, Action::Command(Command::Close));
    update(&mut app, Action::Command(Command::OpenSearch));
    update(&mut app, Action::Paste("Yeltsin".into()));
    screen.draw(&app).unwrap();
    let bytes = wire.take();
    let text = String::from_utf8_lossy(&bytes);
    // Every ESC on the wire starts one of the writer's own CSI sequences.
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\x1b' {
            assert_eq!(
                chars.next(),
                Some('['),
                "an ESC not of a CSI reached the wire"
            );
            for c in chars.by_ref() {
                assert!(!kwx::sanitize::is_unsafe(c), "control inside a CSI");
                if c.is_ascii_alphabetic() {
                    break;
                }
            }
        } else {
            assert!(
                !kwx::sanitize::is_unsafe(c),
                "U+{:04X} reached the wire",
                c as u32
            );
        }
    }
    // And the reader sees that the text holds them.
    assert!(text.contains("␛]0;pwned␇"));
}
