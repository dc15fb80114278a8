//! The explorer's frame writer: a ratatui backend that sends a frame in few bytes, for readers
//! on slow SSH links. It keeps a model of what the terminal shows, so it
//! - skips cells the terminal already shows,
//! - erases a row's blank tail with EL (and long blank runs with ECH) instead of spaces,
//! - bridges short gaps by rewriting the cells in between rather than moving the cursor,
//! - keeps colours and attributes across frames, sending SGR only where they change,
//! - sends cursor show/hide only when that changes,
//! - scrolls regions with DECSTBM + SU/SD and shifts its model to match.
//!
//! Every cell passes through [`crate::sanitize::cell_symbol`]: text never reaches the terminal as
//! control. Blank means a space with the default background and no attribute that shows on a
//! blank, so an erase leaves exactly what the cells would.

use std::io::{self, Write};

use ratatui::backend::{Backend, ClearType, WindowSize};
use ratatui::buffer::Cell;
use ratatui::layout::{Position, Size};
use ratatui::style::{Color, Modifier};
use unicode_width::UnicodeWidthStr;

/// A blank run at least this long inside a row is erased with ECH and stepped over.
const ECH_MIN: usize = 12;
/// A gap of at most this many cells is bridged by rewriting them (when known and in the
/// current style) rather than a cursor move.
const BRIDGE_MAX: u16 = 3;

/// Colours and attributes, as far as SGR is concerned.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Pen {
    fg: Color,
    bg: Color,
    modifier: Modifier,
}

impl Pen {
    const DEFAULT: Pen = Pen {
        fg: Color::Reset,
        bg: Color::Reset,
        modifier: Modifier::empty(),
    };

    fn of(cell: &Cell) -> Pen {
        Pen {
            fg: cell.fg,
            bg: cell.bg,
            modifier: cell.modifier,
        }
    }
}

/// Attributes that show on a blank cell: an erase cannot stand for them.
const VISIBLE_ON_BLANK: Modifier = Modifier::REVERSED
    .union(Modifier::UNDERLINED)
    .union(Modifier::CROSSED_OUT);

fn is_blank(cell: &Cell) -> bool {
    cell.symbol() == " " && cell.bg == Color::Reset && !cell.modifier.intersects(VISIBLE_ON_BLANK)
}

/// Where the size comes from: the real terminal, or fixed (tests, benchmarks).
#[derive(Debug, Clone, Copy)]
enum SizeSource {
    Terminal,
    Fixed(Size),
}

pub struct FrameWriter<W: Write> {
    out: W,
    size_source: SizeSource,
    width: u16,
    height: u16,
    /// What the terminal shows, as far as this writer knows (row-major).
    shown: Vec<Cell>,
    /// Where the cursor is, when known.
    cursor: Option<(u16, u16)>,
    /// The terminal's current SGR state, when known.
    pen: Option<Pen>,
    cursor_visible: Option<bool>,
    /// Every glyph sent as ASCII ([`ascii_glyph`]).
    ascii: bool,
}

impl<W: Write> FrameWriter<W> {
    /// Sends every glyph as one ASCII character of the same width (`--ascii`, vt100).
    pub fn ascii(mut self, ascii: bool) -> Self {
        self.ascii = ascii;
        self
    }

    /// A writer for the real terminal: it asks the terminal for its size.
    pub fn new(out: W) -> FrameWriter<W> {
        FrameWriter::with_source(out, SizeSource::Terminal)
    }

    /// A writer for a screen of a fixed size (tests and benchmarks).
    pub fn fixed(out: W, width: u16, height: u16) -> FrameWriter<W> {
        FrameWriter::with_source(out, SizeSource::Fixed(Size::new(width, height)))
    }

    fn with_source(out: W, size_source: SizeSource) -> FrameWriter<W> {
        FrameWriter {
            out,
            size_source,
            width: 0,
            height: 0,
            shown: Vec::new(),
            cursor: None,
            pen: None,
            cursor_visible: None,
            ascii: false,
        }
    }

    pub fn writer_mut(&mut self) -> &mut W {
        &mut self.out
    }

    /// Forgets what the terminal shows: after a resize or a suspend the model is not to be
    /// trusted, so the next frame is sent whole.
    fn forget(&mut self, width: u16, height: u16) {
        self.width = width;
        self.height = height;
        let mut unknown = Cell::default();
        // A symbol no frame draws: every cell differs from the model until written.
        unknown.set_symbol("\u{0}");
        self.shown = vec![unknown; width as usize * height as usize];
        self.cursor = None;
        self.pen = None;
    }

    fn index(&self, x: u16, y: u16) -> usize {
        y as usize * self.width as usize + x as usize
    }

    fn move_to(&mut self, x: u16, y: u16) -> io::Result<()> {
        if self.cursor == Some((x, y)) {
            return Ok(());
        }
        if let Some((cx, cy)) = self.cursor {
            if cy == y && x > cx {
                let gap = x - cx;
                // Rewrite a short gap when its cells are known and drawn in the current pen.
                let bridgeable = gap <= BRIDGE_MAX
                    && (cx..x).all(|gx| {
                        let c = &self.shown[self.index(gx, y)];
                        // Printable ASCII only: the unknown cells hold a NUL.
                        c.symbol().len() == 1
                            && c.symbol().bytes().all(|b| (b' '..=b'~').contains(&b))
                            && Some(Pen::of(c)) == self.pen
                    });
                if bridgeable {
                    for gx in cx..x {
                        let i = self.index(gx, y);
                        let symbol = self.shown[i].symbol().to_string();
                        self.out.write_all(symbol.as_bytes())?;
                    }
                } else if gap == 1 {
                    self.out.write_all(b"\x1b[C")?;
                } else {
                    write!(self.out, "\x1b[{gap}C")?;
                }
                self.cursor = Some((x, y));
                return Ok(());
            }
        }
        if x == 0 {
            write!(self.out, "\x1b[{}H", y + 1)?;
        } else {
            write!(self.out, "\x1b[{};{}H", y + 1, x + 1)?;
        }
        self.cursor = Some((x, y));
        Ok(())
    }

    fn set_pen(&mut self, pen: Pen) -> io::Result<()> {
        if self.pen == Some(pen) {
            return Ok(());
        }
        let mut codes: Vec<String> = Vec::new();
        let from = match self.pen {
            // Attributes can only be taken away all at once.
            Some(old) if !old.modifier.difference(pen.modifier).is_empty() => {
                codes.push("0".into());
                Pen::DEFAULT
            }
            Some(old) => old,
            None => {
                codes.push("0".into());
                Pen::DEFAULT
            }
        };
        for (flag, code) in [
            (Modifier::BOLD, "1"),
            (Modifier::DIM, "2"),
            (Modifier::ITALIC, "3"),
            (Modifier::UNDERLINED, "4"),
            (Modifier::SLOW_BLINK, "5"),
            (Modifier::RAPID_BLINK, "6"),
            (Modifier::REVERSED, "7"),
            (Modifier::HIDDEN, "8"),
            (Modifier::CROSSED_OUT, "9"),
        ] {
            if pen.modifier.contains(flag) && !from.modifier.contains(flag) {
                codes.push(code.into());
            }
        }
        if pen.fg != from.fg {
            codes.push(color_code(pen.fg, false));
        }
        if pen.bg != from.bg {
            codes.push(color_code(pen.bg, true));
        }
        if !codes.is_empty() {
            write!(self.out, "\x1b[{}m", codes.join(";"))?;
        }
        self.pen = Some(pen);
        Ok(())
    }

    fn put(&mut self, x: u16, y: u16, cell: &Cell) -> io::Result<()> {
        self.move_to(x, y)?;
        self.set_pen(Pen::of(cell))?;
        let symbol = crate::sanitize::cell_symbol(cell.symbol());
        let width = symbol.width().max(1) as u16;
        if self.ascii && !symbol.is_ascii() {
            // As many ASCII characters as the glyph is wide.
            let ascii = ascii_glyph(&symbol);
            for _ in 0..width {
                self.out.write_all(&[ascii])?;
            }
        } else {
            self.out.write_all(symbol.as_bytes())?;
        }
        let i = self.index(x, y);
        self.shown[i] = cell.clone();
        // At the last column the terminal waits to wrap: where the cursor is, is not certain.
        self.cursor = (x + width < self.width).then_some((x + width, y));
        Ok(())
    }

    /// Erases from (x, y): to the end of the row (EL), or `count` cells (ECH).
    fn erase(&mut self, x: u16, y: u16, count: Option<u16>) -> io::Result<()> {
        self.move_to(x, y)?;
        // Erased cells take the pen's colours (some terminals its attributes too): the
        // default ones, as the blank cells of a frame have.
        self.set_pen(Pen::DEFAULT)?;
        let end = match count {
            None => {
                self.out.write_all(b"\x1b[K")?;
                self.width
            }
            Some(n) => {
                write!(self.out, "\x1b[{n}X")?;
                x + n
            }
        };
        for ex in x..end {
            let i = self.index(ex, y);
            self.shown[i] = Cell::default();
        }
        Ok(())
    }

    /// Sends one row's updates (sorted by column).
    fn draw_row(&mut self, y: u16, updates: &[(u16, Cell)]) -> io::Result<()> {
        // The model after this frame, for the row: where its blank tail starts.
        let start = self.index(0, y);
        let mut row: Vec<Cell> = self.shown[start..start + self.width as usize].to_vec();
        for (x, cell) in updates {
            row[*x as usize] = cell.clone();
        }
        let mut tail = row.len();
        while tail > 0 && is_blank(&row[tail - 1]) {
            tail -= 1;
        }
        // Never erase the second half of a wide character.
        if tail > 0 && tail < row.len() && row[tail - 1].symbol().width() > 1 {
            tail += 1;
        }
        let tail = tail as u16;
        let mut i = 0;
        while i < updates.len() {
            let (x, cell) = &updates[i];
            let x = *x;
            if x >= tail {
                // Only erase when something in the tail is not blank on the terminal yet.
                let dirty = (tail..self.width).any(|tx| !is_blank(&self.shown[self.index(tx, y)]));
                if dirty {
                    self.erase(tail, y, None)?;
                }
                break;
            }
            // A long run of consecutive blank updates: ECH, then step over.
            let run = updates[i..]
                .iter()
                .enumerate()
                .take_while(|(k, (ux, c))| *ux == x + *k as u16 && *ux < tail && is_blank(c))
                .count();
            if run >= ECH_MIN {
                let shown_blank =
                    (x..x + run as u16).all(|rx| is_blank(&self.shown[self.index(rx, y)]));
                if !shown_blank {
                    self.erase(x, y, Some(run as u16))?;
                }
                i += run;
                continue;
            }
            if self.shown[self.index(x, y)] != *cell {
                self.put(x, y, cell)?;
            }
            i += 1;
        }
        Ok(())
    }
}

/// The ASCII character that stands for a glyph on a terminal without line drawing: lines and
/// corners, bars and marks by their shape, letters without their accents, anything else `?`.
fn ascii_glyph(symbol: &str) -> u8 {
    use unicode_normalization::UnicodeNormalization;
    let Some(c) = symbol.chars().next() else {
        return b' ';
    };
    match c {
        '│' | '┃' | '║' => b'|',
        '─' | '━' | '═' => b'-',
        '┌' | '┐' | '└' | '┘' | '├' | '┤' | '┬' | '┴' | '┼' | '╭' | '╮' | '╰' | '╯' => {
            b'+'
        }
        '▁' | '▂' => b'_',
        '▃' | '▄' => b'.',
        '▅' | '▆' => b':',
        '▇' | '█' => b'#',
        '▾' | '▼' => b'v',
        '▸' | '▶' | '›' | '»' => b'>',
        '‹' | '«' => b'<',
        '·' | '•' => b'.',
        '…' => b'~',
        '“' | '”' | '„' => b'"',
        '‘' | '’' => b'\'',
        '–' | '—' => b'-',
        '¶' => b'P',
        '§' => b'S',
        '␛' | '␇' | '␡' | '\u{fffd}' => b'?',
        _ => c
            .nfd()
            .next()
            .filter(char::is_ascii)
            .map_or(b'?', |d| d as u8),
    }
}

/// The SGR code for a colour, as foreground or background.
fn color_code(color: Color, background: bool) -> String {
    let base = if background { 40 } else { 30 };
    match color {
        Color::Reset => (base + 9).to_string(),
        Color::Black => base.to_string(),
        Color::Red => (base + 1).to_string(),
        Color::Green => (base + 2).to_string(),
        Color::Yellow => (base + 3).to_string(),
        Color::Blue => (base + 4).to_string(),
        Color::Magenta => (base + 5).to_string(),
        Color::Cyan => (base + 6).to_string(),
        Color::Gray => (base + 7).to_string(),
        Color::DarkGray => (base + 60).to_string(),
        Color::LightRed => (base + 61).to_string(),
        Color::LightGreen => (base + 62).to_string(),
        Color::LightYellow => (base + 63).to_string(),
        Color::LightBlue => (base + 64).to_string(),
        Color::LightMagenta => (base + 65).to_string(),
        Color::LightCyan => (base + 66).to_string(),
        Color::White => (base + 67).to_string(),
        Color::Indexed(n) => format!("{};5;{n}", base + 8),
        Color::Rgb(r, g, b) => format!("{};2;{r};{g};{b}", base + 8),
    }
}

impl<W: Write> Backend for FrameWriter<W> {
    fn draw<'a, I>(&mut self, content: I) -> io::Result<()>
    where
        I: Iterator<Item = (u16, u16, &'a Cell)>,
    {
        let size = self.size()?;
        if size.width != self.width || size.height != self.height {
            self.forget(size.width, size.height);
        }
        let mut row: Vec<(u16, Cell)> = Vec::new();
        let mut row_y = None;
        for (x, y, cell) in content {
            if x >= self.width || y >= self.height {
                continue;
            }
            if row_y != Some(y) {
                if let Some(ry) = row_y {
                    self.draw_row(ry, &row)?;
                }
                row.clear();
                row_y = Some(y);
            }
            row.push((x, cell.clone()));
        }
        if let Some(ry) = row_y {
            self.draw_row(ry, &row)?;
        }
        Ok(())
    }

    fn hide_cursor(&mut self) -> io::Result<()> {
        if self.cursor_visible != Some(false) {
            self.out.write_all(b"\x1b[?25l")?;
            self.cursor_visible = Some(false);
        }
        Ok(())
    }

    fn show_cursor(&mut self) -> io::Result<()> {
        if self.cursor_visible != Some(true) {
            self.out.write_all(b"\x1b[?25h")?;
            self.cursor_visible = Some(true);
        }
        Ok(())
    }

    fn get_cursor_position(&mut self) -> io::Result<Position> {
        Ok(self
            .cursor
            .map_or(Position::ORIGIN, |(x, y)| Position::new(x, y)))
    }

    fn set_cursor_position<P: Into<Position>>(&mut self, position: P) -> io::Result<()> {
        let p = position.into();
        self.cursor = None;
        self.move_to(p.x, p.y)
    }

    fn clear(&mut self) -> io::Result<()> {
        self.out.write_all(b"\x1b[0m\x1b[2J")?;
        let size = self.size()?;
        self.forget(size.width, size.height);
        self.pen = Some(Pen::DEFAULT);
        self.shown = vec![Cell::default(); size.width as usize * size.height as usize];
        Ok(())
    }

    fn clear_region(&mut self, clear_type: ClearType) -> io::Result<()> {
        match clear_type {
            ClearType::All => self.clear(),
            // Not used by the explorer; sent as asked, and the model forgotten.
            other => {
                let code = match other {
                    ClearType::AfterCursor => "\x1b[J",
                    ClearType::BeforeCursor => "\x1b[1J",
                    ClearType::CurrentLine => "\x1b[2K",
                    ClearType::UntilNewLine => "\x1b[K",
                    ClearType::All => "\x1b[2J",
                };
                self.out.write_all(code.as_bytes())?;
                let (w, h) = (self.width, self.height);
                self.forget(w, h);
                Ok(())
            }
        }
    }

    fn size(&self) -> io::Result<Size> {
        match self.size_source {
            SizeSource::Fixed(size) => Ok(size),
            SizeSource::Terminal => {
                let (w, h) = crossterm::terminal::size()?;
                Ok(Size::new(w, h))
            }
        }
    }

    fn window_size(&mut self) -> io::Result<WindowSize> {
        let size = self.size()?;
        Ok(WindowSize {
            columns_rows: size,
            pixels: Size::new(0, 0),
        })
    }

    fn flush(&mut self) -> io::Result<()> {
        self.out.flush()
    }

    fn scroll_region_up(&mut self, region: std::ops::Range<u16>, amount: u16) -> io::Result<()> {
        self.scroll(region, amount as i32)
    }

    fn scroll_region_down(&mut self, region: std::ops::Range<u16>, amount: u16) -> io::Result<()> {
        self.scroll(region, -(amount as i32))
    }
}

impl<W: Write> FrameWriter<W> {
    /// Scrolls rows `region` up (`rows` > 0) or down by `rows.abs()`, on the terminal and in
    /// the model; the rows that come into view are blank.
    fn scroll(&mut self, region: std::ops::Range<u16>, rows: i32) -> io::Result<()> {
        let amount = rows.unsigned_abs() as u16;
        if amount == 0 || region.start >= region.end || region.end > self.height {
            return Ok(());
        }
        // Rows scrolled in take the pen's colours: the default ones.
        self.set_pen(Pen::DEFAULT)?;
        let verb = if rows > 0 { 'S' } else { 'T' };
        write!(
            self.out,
            "\x1b[{};{}r\x1b[{amount}{verb}\x1b[r",
            region.start + 1,
            region.end
        )?;
        // Setting the margins homes the cursor on most terminals, not all: the next move is
        // absolute.
        self.cursor = None;
        let width = self.width as usize;
        let rows_in: Vec<u16> = region.clone().collect();
        let old = self.shown.clone();
        for &y in &rows_in {
            let source = y as i32 + rows;
            let start = y as usize * width;
            if region.contains(&(source.max(0) as u16)) && source >= 0 {
                let from = source as usize * width;
                self.shown[start..start + width].clone_from_slice(&old[from..from + width]);
            } else {
                self.shown[start..start + width].fill(Cell::default());
            }
        }
        Ok(())
    }
}

/// The bytes kwx writes itself (the OSC 52 copy, mode switches) go straight through.
impl<W: Write> Write for FrameWriter<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.out.write(buf)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.out.flush()
    }
}
