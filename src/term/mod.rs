//! The terminal: raw mode and the alternate screen on the way in, and the same undone on every
//! way out (quit, error, panic, a terminating signal, suspend). Frames go out through
//! [`FrameWriter`], which sends few bytes and no control from text.

mod writer;

use std::io::{self, Stdout, Write};

pub use writer::FrameWriter;

use crossterm::event::{DisableBracketedPaste, EnableBracketedPaste};
use crossterm::terminal::{
    disable_raw_mode, enable_raw_mode, EnterAlternateScreen, LeaveAlternateScreen,
};
use crossterm::{cursor, execute};
use ratatui::Terminal;

pub type Tui = Terminal<FrameWriter<Stdout>>;

/// What a terminal can show, from its TERM.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Display {
    /// No cursor addressing at all (`dumb`): the explorer cannot run.
    pub unusable: bool,
    pub monochrome: bool,
    /// No line drawing or other non-ASCII glyphs.
    pub ascii: bool,
}

impl Display {
    pub fn for_term(term: &str) -> Display {
        let base = term.split('-').next().unwrap_or("");
        match base {
            "" | "dumb" | "unknown" => Display {
                unusable: true,
                ..Display::default()
            },
            // The DEC terminals and their emulations: no colour, no UTF-8 line drawing.
            "vt52" | "vt100" | "vt102" | "vt220" | "vt320" => Display {
                unusable: false,
                monochrome: true,
                ascii: true,
            },
            _ => Display::default(),
        }
    }
}

/// Whether the terminal is known to put OSC 52 text on the clipboard, from what it says of
/// itself in the environment: the terminals that do by default, and tmux (which keeps it in
/// its paste buffer and passes it on).
pub fn osc52_known(env: impl Fn(&str) -> Option<String>) -> bool {
    let term = env("TERM").unwrap_or_default();
    let program = env("TERM_PROGRAM").unwrap_or_default();
    [
        "xterm-kitty",
        "alacritty",
        "foot",
        "wezterm",
        "xterm-ghostty",
    ]
    .iter()
    .any(|t| term.starts_with(t))
        || ["iTerm.app", "WezTerm", "ghostty", "tmux"].contains(&program.as_str())
        || ["TMUX", "KITTY_WINDOW_ID", "WEZTERM_PANE"]
            .iter()
            .any(|v| env(v).is_some())
}

pub fn setup(ascii: bool, mouse: bool) -> io::Result<Tui> {
    install_panic_hook();
    enter(mouse)?;
    let mut terminal = Terminal::new(FrameWriter::new(io::stdout()).ascii(ascii))?;
    // The writer starts knowing the screen is blank.
    terminal.clear()?;
    Ok(terminal)
}

/// Raw mode, the alternate screen, bracketed paste, no cursor: on start and after a suspend.
/// With `mouse`, clicks and the wheel are reported (X10 buttons in SGR form: no motion, so
/// moving the pointer sends nothing over the link).
pub fn enter(mouse: bool) -> io::Result<()> {
    enable_raw_mode()?;
    let mut stdout = io::stdout();
    let entered = execute!(
        stdout,
        EnterAlternateScreen,
        EnableBracketedPaste,
        cursor::Hide
    )
    .and_then(|_| {
        if mouse {
            stdout.write_all(MOUSE_ON)?;
        }
        stdout.flush()
    });
    if let Err(e) = entered {
        restore();
        return Err(e);
    }
    Ok(())
}

const MOUSE_ON: &[u8] = b"\x1b[?1000h\x1b[?1006h";
const MOUSE_OFF: &[u8] = b"\x1b[?1006l\x1b[?1000l";

/// Puts the terminal back as the shell expects it. Safe to call more than once, and errors are
/// ignored: after SIGHUP there may be no terminal left to write to.
pub fn restore() {
    let mut stdout = io::stdout();
    // Colours and attributes persist across frames: reset them for the shell; and the mouse is
    // the terminal's again (selecting text), whether or not kwx asked for it.
    let _ = stdout.write_all(b"\x1b[0m");
    let _ = stdout.write_all(MOUSE_OFF);
    let _ = execute!(
        stdout,
        DisableBracketedPaste,
        LeaveAlternateScreen,
        cursor::Show
    );
    let _ = disable_raw_mode();
    let _ = stdout.flush();
}

fn install_panic_hook() {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        restore();
        previous(info);
        // A panic on any thread (a background index build, the search worker) ends kwx: the
        // terminal is restored now, and a UI drawing on after it would mangle the screen.
        std::process::exit(101);
    }));
}

/// Puts `text` on the clipboard of the terminal (and of the machine it runs on, over SSH) with
/// the OSC 52 escape sequence.
pub fn copy_osc52(out: &mut impl Write, text: &str) -> io::Result<()> {
    use base64::Engine as _;
    // What is pasted later must not carry control either.
    let encoded =
        base64::engine::general_purpose::STANDARD.encode(crate::sanitize::visible(text).as_bytes());
    write!(out, "\x1b]52;c;{encoded}\x07")?;
    out.flush()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn terms_without_colour_or_addressing() {
        assert!(Display::for_term("dumb").unusable);
        assert!(Display::for_term("").unusable);
        let vt100 = Display::for_term("vt100");
        assert!(vt100.monochrome && vt100.ascii && !vt100.unusable);
        assert_eq!(Display::for_term("xterm-256color"), Display::default());
        assert_eq!(Display::for_term("tmux-256color"), Display::default());
        assert_eq!(Display::for_term("screen"), Display::default());
    }

    #[test]
    fn osc52_is_known_only_where_the_terminal_takes_it() {
        let env = |pairs: &'static [(&'static str, &'static str)]| {
            move |k: &str| {
                pairs
                    .iter()
                    .find(|(n, _)| *n == k)
                    .map(|(_, v)| v.to_string())
            }
        };
        assert!(osc52_known(env(&[("TERM", "xterm-kitty")])));
        assert!(osc52_known(env(&[
            ("TERM", "screen"),
            ("TMUX", "/tmp/t,1,0")
        ])));
        assert!(osc52_known(env(&[("TERM_PROGRAM", "iTerm.app")])));
        assert!(!osc52_known(env(&[("TERM", "xterm-256color")])));
        assert!(!osc52_known(env(&[])));
    }

    #[test]
    fn osc52_wraps_base64_of_the_text() {
        let mut out = Vec::new();
        copy_osc52(&mut out, "FRUS").unwrap();
        assert_eq!(out, b"\x1b]52;c;RlJVUw==\x07");
    }

    #[test]
    fn osc52_payload_carries_no_control() {
        use base64::Engine as _;
        let mut out = Vec::new();
        copy_osc52(&mut out, "a\x1b]0;x\x07\u{9b}\x08\x7f\u{202e}b").unwrap();
        let payload = &out[b"\x1b]52;c;".len()..out.len() - 1];
        let decoded = base64::engine::general_purpose::STANDARD
            .decode(payload)
            .unwrap();
        let text = String::from_utf8(decoded).unwrap();
        assert_eq!(text, "a␛]0;x␇�␈␡�b");
    }

    #[test]
    fn the_backend_sends_no_control_from_text() {
        use ratatui::text::Line;
        use ratatui::widgets::Widget;
        let mut bytes = Vec::new();
        {
            let mut terminal = Terminal::new(FrameWriter::fixed(&mut bytes, 60, 1)).unwrap();
            terminal
                .draw(|f| {
                    Line::from("x\x1b]0;pwned\x07 \x1b[?1049l \x1bc \u{9b}2J \u{202e}y")
                        .render(f.area(), f.buffer_mut())
                })
                .unwrap();
        }
        // Take out what the backend itself writes (cursor moves over blanks, colours): the text
        // is what remains.
        let screen = vt100_free_text(&bytes);
        assert_eq!(screen, "x␛]0;pwned␇␛[?1049l␛c�2Jy");
    }

    /// The printable text of a byte stream from the writer, its own CSI sequences removed.
    fn vt100_free_text(bytes: &[u8]) -> String {
        let text = String::from_utf8_lossy(bytes);
        let mut out = String::new();
        let mut chars = text.chars().peekable();
        while let Some(c) = chars.next() {
            if c == '\x1b' {
                assert_eq!(chars.next(), Some('['), "only CSI from the backend");
                for c in chars.by_ref() {
                    if c.is_ascii_alphabetic() {
                        break;
                    }
                }
            } else if c != ' ' {
                out.push(c);
            }
        }
        out
    }
}
