//! One key press as written in keymap files (`"ctrl-d"`, `"shift-tab"`, `"G"`, `"?"`), with
//! `FromStr` for reading files and `Display` for help screens.

use std::fmt;
use std::str::FromStr;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Key {
    pub code: KeyName,
    pub ctrl: bool,
    pub alt: bool,
}

/// The key itself, without modifiers. Shifted characters are the character (`G`, `?`), as the
/// terminal reports them; `shift-` only survives on keys that have no shifted character.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum KeyName {
    Char(char),
    Enter,
    Esc,
    Tab,
    BackTab,
    Backspace,
    Delete,
    Insert,
    Home,
    End,
    PageUp,
    PageDown,
    Up,
    Down,
    Left,
    Right,
    F(u8),
}

const NAMED: &[(&str, KeyName)] = &[
    ("enter", KeyName::Enter),
    ("esc", KeyName::Esc),
    ("tab", KeyName::Tab),
    ("backspace", KeyName::Backspace),
    ("delete", KeyName::Delete),
    ("insert", KeyName::Insert),
    ("home", KeyName::Home),
    ("end", KeyName::End),
    ("pageup", KeyName::PageUp),
    ("pagedown", KeyName::PageDown),
    ("up", KeyName::Up),
    ("down", KeyName::Down),
    ("left", KeyName::Left),
    ("right", KeyName::Right),
    ("space", KeyName::Char(' ')),
];

/// Other spellings accepted in files; `Display` always writes the names of [`NAMED`].
const ALIASES: &[(&str, KeyName)] = &[
    ("return", KeyName::Enter),
    ("escape", KeyName::Esc),
    ("del", KeyName::Delete),
    ("pgup", KeyName::PageUp),
    ("pgdown", KeyName::PageDown),
    ("pgdn", KeyName::PageDown),
];

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeyParseError {
    pub message: String,
}

impl fmt::Display for KeyParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl Key {
    pub const fn plain(code: KeyName) -> Key {
        Key {
            code,
            ctrl: false,
            alt: false,
        }
    }

    /// The key a terminal event stands for, or `None` for keys kwx never binds (media keys…).
    pub fn from_event(event: &KeyEvent) -> Option<Key> {
        let code = match event.code {
            KeyCode::Char(c) => KeyName::Char(c),
            KeyCode::Enter => KeyName::Enter,
            KeyCode::Esc => KeyName::Esc,
            KeyCode::Tab if event.modifiers.contains(KeyModifiers::SHIFT) => KeyName::BackTab,
            KeyCode::Tab => KeyName::Tab,
            KeyCode::BackTab => KeyName::BackTab,
            KeyCode::Backspace => KeyName::Backspace,
            KeyCode::Delete => KeyName::Delete,
            KeyCode::Insert => KeyName::Insert,
            KeyCode::Home => KeyName::Home,
            KeyCode::End => KeyName::End,
            KeyCode::PageUp => KeyName::PageUp,
            KeyCode::PageDown => KeyName::PageDown,
            KeyCode::Up => KeyName::Up,
            KeyCode::Down => KeyName::Down,
            KeyCode::Left => KeyName::Left,
            KeyCode::Right => KeyName::Right,
            KeyCode::F(n) => KeyName::F(n),
            _ => return None,
        };
        Some(Key {
            code,
            ctrl: event.modifiers.contains(KeyModifiers::CONTROL),
            alt: event.modifiers.contains(KeyModifiers::ALT),
        })
    }
}

impl Key {
    /// The terminal event that [`Key::from_event`] reads as this key (for tests and fuzzing).
    pub fn to_event(self) -> KeyEvent {
        let code = match self.code {
            KeyName::Char(c) => KeyCode::Char(c),
            KeyName::Enter => KeyCode::Enter,
            KeyName::Esc => KeyCode::Esc,
            KeyName::Tab => KeyCode::Tab,
            KeyName::BackTab => KeyCode::BackTab,
            KeyName::Backspace => KeyCode::Backspace,
            KeyName::Delete => KeyCode::Delete,
            KeyName::Insert => KeyCode::Insert,
            KeyName::Home => KeyCode::Home,
            KeyName::End => KeyCode::End,
            KeyName::PageUp => KeyCode::PageUp,
            KeyName::PageDown => KeyCode::PageDown,
            KeyName::Up => KeyCode::Up,
            KeyName::Down => KeyCode::Down,
            KeyName::Left => KeyCode::Left,
            KeyName::Right => KeyCode::Right,
            KeyName::F(n) => KeyCode::F(n),
        };
        let mut modifiers = KeyModifiers::NONE;
        modifiers.set(KeyModifiers::CONTROL, self.ctrl);
        modifiers.set(KeyModifiers::ALT, self.alt);
        KeyEvent::new(code, modifiers)
    }
}

impl FromStr for Key {
    type Err = KeyParseError;

    fn from_str(s: &str) -> Result<Key, KeyParseError> {
        let err = |message: String| KeyParseError { message };
        if s.is_empty() {
            return Err(err("empty key".into()));
        }
        // The last segment is the key; a trailing "-" (as in "alt--") is the minus key itself.
        let (mods, name) = match s.strip_suffix("--") {
            Some(prefix) => (Some(prefix), "-"),
            None if s == "-" => (None, "-"),
            None => match s.rsplit_once('-') {
                Some((m, n)) => (Some(m), n),
                None => (None, s),
            },
        };
        let mut key = Key::plain(KeyName::Char(' '));
        let mut shift = false;
        for m in mods.into_iter().flat_map(|m| m.split('-')) {
            match m.to_ascii_lowercase().as_str() {
                "ctrl" | "c" | "control" => key.ctrl = true,
                "alt" | "a" | "meta" | "m" => key.alt = true,
                "shift" | "s" => shift = true,
                _ => {
                    return Err(err(format!(
                        "unknown modifier `{m}` in `{s}` (use ctrl, alt or shift)"
                    )))
                }
            }
        }
        let mut chars = name.chars();
        key.code = match (chars.next(), chars.next()) {
            (Some(c), None) => KeyName::Char(c),
            _ => {
                let lower = name.to_ascii_lowercase();
                if let Some(n) = lower.strip_prefix('f').and_then(|n| n.parse::<u8>().ok()) {
                    if !(1..=12).contains(&n) {
                        return Err(err(format!("no such function key `{name}`")));
                    }
                    KeyName::F(n)
                } else if let Some((_, k)) = NAMED
                    .iter()
                    .chain(ALIASES)
                    .find(|(n, _)| *n == lower.as_str())
                {
                    *k
                } else {
                    let names: Vec<&str> = NAMED.iter().map(|(n, _)| *n).collect();
                    let hint = crate::keymap::did_you_mean(&lower, names.iter().copied())
                        .map(|n| format!(" (did you mean `{n}`?)"))
                        .unwrap_or_default();
                    return Err(err(format!("unknown key `{name}`{hint}")));
                }
            }
        };
        if shift {
            key.code = match key.code {
                KeyName::Tab => KeyName::BackTab,
                KeyName::Char(c) if c.is_ascii_lowercase() => KeyName::Char(c.to_ascii_uppercase()),
                KeyName::Char(c) if !c.is_alphabetic() => {
                    return Err(err(format!(
                        "`{s}`: write the shifted character itself instead of shift-{c}"
                    )))
                }
                other => other,
            }
        }
        if key.ctrl && matches!(key.code, KeyName::Char('i') | KeyName::Char('m')) {
            // Terminals send ctrl-i as Tab and ctrl-m as Enter: such a binding could never fire.
            return Err(err(format!(
                "`{s}` cannot be told apart from {} by a terminal; bind that instead",
                if key.code == KeyName::Char('i') {
                    "tab"
                } else {
                    "enter"
                }
            )));
        }
        Ok(key)
    }
}

impl fmt::Display for Key {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.ctrl {
            f.write_str("ctrl-")?;
        }
        if self.alt {
            f.write_str("alt-")?;
        }
        match self.code {
            KeyName::Char(' ') => f.write_str("space"),
            KeyName::Char(c) => write!(f, "{c}"),
            KeyName::BackTab => f.write_str("shift-tab"),
            KeyName::F(n) => write!(f, "f{n}"),
            other => {
                let name = NAMED.iter().find(|(_, k)| *k == other).map(|(n, _)| *n);
                f.write_str(name.unwrap_or("?"))
            }
        }
    }
}

/// A key sequence such as `g g`, written with spaces between keys.
pub fn parse_sequence(s: &str) -> Result<Vec<Key>, KeyParseError> {
    if s.trim().is_empty() {
        return Err(KeyParseError {
            message: "empty key".into(),
        });
    }
    s.split_whitespace().map(str::parse).collect()
}

pub fn display_sequence(keys: &[Key]) -> String {
    keys.iter()
        .map(Key::to_string)
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(s: &str) -> Key {
        s.parse().unwrap()
    }

    #[test]
    fn parses_and_displays_round_trip() {
        for s in [
            "ctrl-d",
            "shift-tab",
            "G",
            "?",
            "space",
            "pagedown",
            "alt-<",
            "f5",
            "-",
            "alt--",
        ] {
            assert_eq!(key(s).to_string(), s, "{s}");
        }
    }

    #[test]
    fn shift_letter_is_the_capital() {
        assert_eq!(key("shift-g"), key("G"));
        assert_eq!(key("S-tab"), key("shift-tab"));
        assert_eq!(key("pgdn"), key("pagedown"));
    }

    #[test]
    fn terminal_events_normalise_shift() {
        let ev = KeyEvent::new(KeyCode::Char('G'), KeyModifiers::SHIFT);
        assert_eq!(Key::from_event(&ev), Some(key("G")));
        let ev = KeyEvent::new(KeyCode::BackTab, KeyModifiers::SHIFT);
        assert_eq!(Key::from_event(&ev), Some(key("shift-tab")));
        let ev = KeyEvent::new(KeyCode::Char('d'), KeyModifiers::CONTROL);
        assert_eq!(Key::from_event(&ev), Some(key("ctrl-d")));
    }

    #[test]
    fn errors_say_what_is_wrong() {
        let e = "ctrl-pagedonw".parse::<Key>().unwrap_err().message;
        assert!(e.contains("did you mean `pagedown`"), "{e}");
        let e = "hyper-x".parse::<Key>().unwrap_err().message;
        assert!(e.contains("unknown modifier"), "{e}");
        let e = "ctrl-i".parse::<Key>().unwrap_err().message;
        assert!(e.contains("tab"), "{e}");
        assert!("f13".parse::<Key>().is_err());
        assert!(parse_sequence("  ").is_err());
    }

    #[test]
    fn sequences() {
        assert_eq!(parse_sequence("g g").unwrap(), vec![key("g"), key("g")]);
        assert_eq!(
            display_sequence(&parse_sequence("ctrl-x  ]").unwrap()),
            "ctrl-x ]"
        );
    }
}
