//! Text from files is data, never terminal control. Every place where text becomes terminal
//! output goes through here: the explorer's frame writer ([`crate::term::FrameWriter`]), the CLI's
//! plain-text writer and error messages, JSON on stdout, and the clipboard payload.

use std::borrow::Cow;
use std::io::{self, Write};

use unicode_width::UnicodeWidthStr;

/// Whether a terminal would act on `c` rather than draw it: C0 controls, DEL, C1 controls
/// (U+0080–U+009F; U+009B is a CSI on its own), and the bidi embeddings, overrides and isolates
/// that reorder what is shown (U+202A–U+202E, U+2066–U+2069).
pub fn is_unsafe(c: char) -> bool {
    matches!(c, '\0'..='\x1f' | '\x7f'..='\u{9f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// What is drawn in place of an unsafe character: a control picture (`␛` for ESC, `␇` for
/// BEL, `␡` for DEL), or `�` for C1 and bidi controls. Each is one column wide.
pub fn picture(c: char) -> char {
    match c {
        '\0'..='\x1f' => char::from_u32(0x2400 + c as u32).unwrap_or('\u{fffd}'),
        '\x7f' => '\u{2421}',
        _ => '\u{fffd}',
    }
}

/// `text` with every unsafe character replaced by its picture, newlines and tabs included (for
/// one-line fields: a status message, a clipboard payload).
pub fn visible(text: &str) -> Cow<'_, str> {
    replace_unsafe(text, |_| false)
}

/// `text` with every unsafe character except newline and tab replaced by its picture (for
/// text that keeps its lines: the CLI's output).
pub fn visible_lines(text: &str) -> Cow<'_, str> {
    replace_unsafe(text, |c| c == '\n' || c == '\t')
}

fn replace_unsafe(text: &str, keep: impl Fn(char) -> bool) -> Cow<'_, str> {
    // Every unsafe character starts with a byte below 0x20, DEL, 0xC2 (C1) or 0xE2 (bidi):
    // text without those (most of it) is not decoded at all.
    let clean = unsafe_leads(text.as_bytes(), keep('\n')).all(|at| {
        text[at..]
            .chars()
            .next()
            .is_none_or(|c| !is_unsafe(c) || keep(c))
    });
    if clean {
        return Cow::Borrowed(text);
    }
    Cow::Owned(
        text.chars()
            .map(|c| {
                if is_unsafe(c) && !keep(c) {
                    picture(c)
                } else {
                    c
                }
            })
            .collect(),
    )
}

/// Where the bytes stand that can begin an unsafe character: a C0 control (but newline where
/// it is layout), DEL, or the lead byte of a C1 or bidi control (never a continuation byte, so
/// a caller may skip whole characters between them). C0 bytes are rare, so one vectorised pass
/// usually rules them out and memchr finds the rest.
fn unsafe_leads(bytes: &[u8], newline_is_layout: bool) -> Box<dyn Iterator<Item = usize> + '_> {
    let c0 = move |b: u8| b < 0x20 && !(newline_is_layout && b == b'\n');
    // Branch-free within each chunk, so the compiler vectorises the look for C0 bytes.
    let has_c0 = bytes
        .chunks(64)
        .any(|chunk| chunk.iter().fold(false, |seen, &b| seen | c0(b)));
    if has_c0 {
        Box::new(
            bytes
                .iter()
                .enumerate()
                .filter_map(move |(i, &b)| (c0(b) || matches!(b, 0x7f | 0xc2 | 0xe2)).then_some(i)),
        )
    } else {
        Box::new(memchr::memchr3_iter(0x7f, 0xc2, 0xe2, bytes))
    }
}

/// One cell of the explorer's screen made safe to send. ratatui gives every control character a
/// cell of its own (unicode-width counts it one column), so it becomes its one-column picture;
/// zero-width bidi controls appended to a cell are dropped. A grapheme that terminals draw at
/// other widths than it is measured (emoji joined by ZWJ, with a variation selector or a skin
/// tone) is cut to its first character, padded to the measured width, so what follows it on the
/// row, a popup's border say, stays in its column.
pub fn cell_symbol(symbol: &str) -> Cow<'_, str> {
    let mut chars = symbol.chars();
    let Some(first) = chars.next() else {
        return Cow::Borrowed(symbol);
    };
    if chars.as_str().is_empty() {
        return if is_unsafe(first) {
            Cow::Owned(picture(first).to_string())
        } else {
            Cow::Borrowed(symbol)
        };
    }
    let joined = symbol
        .chars()
        .any(|c| matches!(c, '\u{200d}' | '\u{fe00}'..='\u{fe0f}' | '\u{1f3fb}'..='\u{1f3ff}'));
    if !joined && !symbol.chars().any(is_unsafe) {
        return Cow::Borrowed(symbol);
    }
    let kept: String = symbol.chars().filter(|&c| !is_unsafe(c)).collect();
    if kept.is_empty() {
        return Cow::Owned(picture(first).to_string());
    }
    if !joined {
        return Cow::Owned(kept);
    }
    let measured = symbol.width();
    let head: String = kept.chars().take(1).collect();
    let head_width = head.width();
    if head_width > measured || head_width == 0 {
        return Cow::Owned(" ".repeat(measured));
    }
    Cow::Owned(format!("{head}{}", " ".repeat(measured - head_width)))
}

/// A writer for the CLI's plain text: every unsafe character except newline and tab is written
/// as its picture. Each `write` gets whole `str` fragments from `write!`; bytes that are not
/// UTF-8 are written as U+FFFD.
pub struct SafeWriter<W: Write>(pub W);

impl<W: Write> Write for SafeWriter<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        match std::str::from_utf8(buf) {
            Ok(text) => self.0.write_all(visible_lines(text).as_bytes())?,
            Err(_) => {
                let text = String::from_utf8_lossy(buf);
                self.0.write_all(visible_lines(&text).as_bytes())?;
            }
        }
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        self.0.flush()
    }
}

/// A writer for JSON as serde_json streams it: [`json_escape_controls`] on every piece, so a
/// long list is written as it is serialised rather than held whole. A character cut between
/// two writes is held back until it is whole.
pub struct JsonSafeWriter<W: Write> {
    inner: W,
    /// The start of a character whose last bytes have not come yet.
    held: Vec<u8>,
}

impl<W: Write> JsonSafeWriter<W> {
    pub fn new(inner: W) -> Self {
        JsonSafeWriter {
            inner,
            held: Vec::new(),
        }
    }

    fn write_text(&mut self, bytes: &[u8]) -> io::Result<()> {
        match std::str::from_utf8(bytes) {
            Ok(text) => self.inner.write_all(json_escape_controls(text).as_bytes()),
            // serde_json writes UTF-8; anything else goes through as it came.
            Err(_) => self.inner.write_all(bytes),
        }
    }
}

/// How many bytes at the end of `bytes` begin a character that is not complete.
fn incomplete_tail(bytes: &[u8]) -> usize {
    for back in 1..=bytes.len().min(3) {
        let b = bytes[bytes.len() - back];
        if b & 0xC0 != 0x80 {
            let needs = match b {
                0xC0..=0xDF => 2,
                0xE0..=0xEF => 3,
                0xF0..=0xF7 => 4,
                _ => 1,
            };
            return if needs > back { back } else { 0 };
        }
    }
    0
}

impl<W: Write> Write for JsonSafeWriter<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        if self.held.is_empty() && incomplete_tail(buf) == 0 {
            self.write_text(buf)?;
        } else {
            self.held.extend_from_slice(buf);
            let whole = self.held.len() - incomplete_tail(&self.held);
            let rest = self.held.split_off(whole);
            let ready = std::mem::replace(&mut self.held, rest);
            self.write_text(&ready)?;
        }
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        if !self.held.is_empty() {
            let held = std::mem::take(&mut self.held);
            self.inner.write_all(&held)?;
        }
        self.inner.flush()
    }
}

/// JSON text with DEL, C1 and bidi controls written as `\u` escapes. serde_json escapes C0
/// inside strings, so a raw newline is layout; the others can stand only inside strings, where
/// the escape means the same character.
pub fn json_escape_controls(json: &str) -> Cow<'_, str> {
    // Every unsafe character but newline starts with a byte below 0x20, DEL, 0xC2 (C1) or
    // 0xE2 (bidi), never a continuation byte: characters are decoded only there, which keeps
    // a timeline's tens of MB of JSON from being decoded whole. serde_json leaves no raw C0
    // byte but newline, so one vectorised pass usually rules those out and memchr finds the rest.
    let mut out: Option<String> = None;
    let mut copied = 0;
    for at in unsafe_leads(json.as_bytes(), true) {
        let Some(c) = json[at..].chars().next() else {
            break;
        };
        if is_unsafe(c) {
            let out = out.get_or_insert_with(|| String::with_capacity(json.len() + 16));
            out.push_str(&json[copied..at]);
            out.push_str(&format!("\\u{:04x}", c as u32));
            copied = at + c.len_utf8();
        }
    }
    match out {
        None => Cow::Borrowed(json),
        Some(mut out) => {
            out.push_str(&json[copied..]);
            Cow::Owned(out)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn controls_become_pictures_and_text_stays() {
        assert_eq!(
            visible("a\x1b]0;t\x07b\u{9b}2J\x7f\u{202e}"),
            "a␛]0;t␇b�2J␡�"
        );
        assert_eq!(visible_lines("one\ntwo\tx\x1bc"), "one\ntwo\tx␛c");
        assert!(matches!(visible("Shtykov, chargé"), Cow::Borrowed(_)));
        assert_eq!(visible("one\ntwo"), "one␊two");
        assert!(matches!(
            visible_lines("one\ntwo “quoted”"),
            Cow::Borrowed(_)
        ));
        assert_eq!(visible("line\r\n"), "line␍␊");
    }

    #[test]
    fn cells_are_safe_and_keep_their_width() {
        assert_eq!(cell_symbol("\x1b"), "␛");
        assert_eq!(cell_symbol("a\u{202e}"), "a");
        assert_eq!(cell_symbol("é"), "é");
        assert_eq!(cell_symbol("e\u{301}"), "e\u{301}");
        // A ZWJ sequence measured two columns is drawn as its first emoji, two columns.
        assert_eq!(cell_symbol("👩\u{200d}💻"), "👩");
        // A text character made an emoji by VS16 is measured two: padded to two.
        assert_eq!(cell_symbol("❤\u{fe0f}"), "❤ ");
        for s in ["👩\u{200d}💻", "❤\u{fe0f}", "👍\u{1f3fd}", "☺\u{fe0e}"] {
            assert_eq!(cell_symbol(s).width(), s.width(), "{s:?}");
        }
    }

    #[test]
    fn writer_and_json_escape_what_a_terminal_would_act_on() {
        let mut out = SafeWriter(Vec::new());
        let quoted = "\u{9b}31m";
        writeln!(out, "note: \x1b[2J{quoted}").unwrap();
        assert_eq!(String::from_utf8(out.0).unwrap(), "note: ␛[2J�31m\n");
        let json = serde_json::to_string("a\u{9b}b\x7f\u{202e}\x1b").unwrap();
        let escaped = json_escape_controls(&json);
        assert_eq!(escaped, r#""a\u009bb\u007f\u202e\u001b""#);
        let back: String = serde_json::from_str(&escaped).unwrap();
        assert_eq!(back, "a\u{9b}b\x7f\u{202e}\x1b");
    }

    proptest::proptest! {
        /// The byte scan escapes exactly what a char-by-char pass would, around quotes,
        /// dashes and the other characters that share a first byte with the controls.
        #[test]
        fn json_escape_equals_a_char_by_char_pass(
            text in "[a\n\x00-\x1f\x7f\u{80}-\u{a0}\u{2010}-\u{2070}“”é]{0,40}"
        ) {
            let by_char: String = text
                .chars()
                .map(|c| if is_unsafe(c) && c != '\n' {
                    format!("\\u{:04x}", c as u32)
                } else {
                    c.to_string()
                })
                .collect();
            proptest::prop_assert_eq!(json_escape_controls(&text), by_char);
        }

        /// So do the pictures for plain text, one-line and keeping its lines.
        #[test]
        fn pictures_equal_a_char_by_char_pass(
            text in "[a\n\t\x00-\x1f\x7f\u{80}-\u{a0}\u{2010}-\u{2070}“”é]{0,40}"
        ) {
            let by_char = |keep: fn(char) -> bool| -> String {
                text.chars()
                    .map(|c| if is_unsafe(c) && !keep(c) { picture(c) } else { c })
                    .collect()
            };
            proptest::prop_assert_eq!(visible(&text), by_char(|_| false));
            proptest::prop_assert_eq!(visible_lines(&text), by_char(|c| c == '\n' || c == '\t'));
        }
    }

    #[test]
    fn json_written_in_pieces_is_escaped_as_written_whole() {
        let json =
            serde_json::to_string_pretty(&["a\u{9b}b", "“quoted” \u{202e}x", "é\x7f"]).unwrap();
        let whole = json_escape_controls(&json).into_owned();
        // Every way of cutting it in two, characters included.
        for cut in 0..=json.len() {
            let mut out = JsonSafeWriter::new(Vec::new());
            out.write_all(&json.as_bytes()[..cut]).unwrap();
            out.write_all(&json.as_bytes()[cut..]).unwrap();
            out.flush().unwrap();
            assert_eq!(String::from_utf8(out.inner).unwrap(), whole, "cut at {cut}");
        }
    }
}
